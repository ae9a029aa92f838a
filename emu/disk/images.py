"""Disk image files: read them into bit tracks, write changed tracks back.

Formats:

* ``.dsk``/``.do`` (DOS 3.3 sector order) and ``.po`` (ProDOS order): 35
  tracks x 16 sectors x 256 bytes = 143,360 bytes.  Each track is encoded
  with 6-and-2 GCR (``emu.disk.gcr``); on write-back, changed tracks are
  decoded again, sector by sector.  A ``.dsk`` may hold either order: the
  extension decides unless the content says otherwise (a ProDOS volume
  directory at block 2, or a DOS 3.3 VTOC at track 17 sector 0), and the
  caller may force it.
* ``.nib``: 35 tracks of 6,656 nibbles, as a drive read them.
* ``.woz``: WOZ 1 and 2 (``emu.disk.woz``), bit-exact tracks.

A :class:`Disk` holds the bit tracks and a quarter-track map like a WOZ
file's TMAP (quarter track -> stored track, ``NO_TRACK`` where there is
none).  Write-back is atomic (a temporary file renamed over the image), and
never happens to a write-protected image (read-only file or WOZ flag).
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from . import gcr
from .layout import MAX_TRACK_BITS, NO_TRACK, QUARTER_TRACKS

SECTOR_IMAGE_SIZE = gcr.TRACKS * gcr.TRACK_SIZE          # 143,360
NIB_TRACK = 6656
NIB_IMAGE_SIZE = gcr.TRACKS * NIB_TRACK                 # 232,960
DOS, PRODOS = "dos", "prodos"
ORDERS = {DOS: gcr.DOS_ORDER, PRODOS: gcr.PRODOS_ORDER}


class DiskError(ValueError):
    """A disk image that cannot be used; the message names the file and the problem."""


@dataclass
class Disk:
    """A disk in memory: its bit tracks, their quarter-track map and where it came from.

    ``tracks[i]`` is a 0/1 uint8 array per bit; ``tmap[q]`` the index in
    ``tracks`` of quarter track ``q`` (``NO_TRACK``: none).  ``kind`` is
    "dsk", "nib" or "woz"; ``order`` the sector order of a sector image.
    """

    path: Path | None
    kind: str
    tracks: list[np.ndarray]
    tmap: list[int]
    write_protected: bool = False
    order: str | None = None
    volume: int = gcr.VOLUME
    woz: dict = field(default_factory=dict)      # what a WOZ file had besides tracks
    sectors: bytes | None = None                 # a sector image's bytes as loaded
    changed: set[int] = field(default_factory=set)

    @property
    def name(self) -> str:
        return self.path.name if self.path else "(no file)"

    def set_track(self, index: int, bits: np.ndarray) -> None:
        """Replace a track with bits the drive wrote; it is saved on the next save()."""
        if not np.array_equal(bits, self.tracks[index]):
            self.tracks[index] = np.asarray(bits, dtype=np.uint8).copy()
            self.changed.add(index)

    def save(self) -> bool:
        """Write changed tracks back to the file; True if the file was written."""
        if not self.changed or self.path is None:
            return False
        if self.write_protected:
            raise DiskError(f"{self.path}: write-protected; changes not saved")
        data = self.image_bytes()
        write_atomically(self.path, data)
        self.changed.clear()
        return True

    def image_bytes(self) -> bytes:
        """The image file as it should now be."""
        if self.kind == "dsk":
            return sector_image(self)
        if self.kind == "nib":
            return nib_image(self)
        from . import woz
        return woz.build(self)


def write_atomically(path: Path, data: bytes) -> None:
    """Write a temporary file next to ``path``, then rename it over ``path``."""
    folder = path.resolve().parent
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def standard_tmap(tracks: int) -> list[int]:
    """Quarter tracks 4t-1, 4t, 4t+1 all read track t (as a WOZ TMAP maps them)."""
    tmap = [NO_TRACK] * QUARTER_TRACKS
    for t in range(tracks):
        for q in (4 * t - 1, 4 * t, 4 * t + 1):
            if 0 <= q < QUARTER_TRACKS:
                tmap[q] = t
    return tmap


# --- loading ---------------------------------------------------------------------

def read_file(path: Path, what: str) -> bytes:
    """A file's bytes, or a DiskError naming it and the problem (``what``: "a disk image")."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise DiskError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise DiskError(f"{path}: is a folder, not {what}") from None
    except OSError as e:
        raise DiskError(f"{path}: cannot read it ({e.strerror or e})") from None


def load(path: str | os.PathLike, order: str | None = None) -> Disk:
    """Read an image file; raises :class:`DiskError` naming the file and the problem.

    ``order``: "dos" or "prodos" forces the sector order of a sector image.
    """
    path = Path(path)
    data = read_file(path, "a disk image")
    if order is not None and order not in ORDERS:
        raise DiskError(f"{path}: unknown sector order {order!r} (use dos or prodos)")
    # No write permission, for us or (as root can write anyway) for anyone.
    readonly = not os.access(path, os.W_OK) or not path.stat().st_mode & 0o222
    ext = path.suffix.lower()
    if data[:4] in (b"WOZ1", b"WOZ2") or ext == ".woz":
        from . import woz
        disk = woz.parse(path, data)
    elif ext == ".nib" or (len(data) == NIB_IMAGE_SIZE and ext not in (".dsk", ".do", ".po")):
        disk = load_nib(path, data)
    elif len(data) == SECTOR_IMAGE_SIZE:
        disk = load_sectors(path, data, order or guess_order(data, ext))
    else:
        raise DiskError(f"{path}: {len(data)} bytes is not a disk image size "
                        f"({SECTOR_IMAGE_SIZE} for .dsk/.do/.po, {NIB_IMAGE_SIZE} for .nib, "
                        "or a WOZ file)")
    disk.write_protected = disk.write_protected or readonly
    return disk


def guess_order(data: bytes, ext: str) -> str:
    """Sector order: .po is ProDOS, .do DOS; a .dsk is looked at.

    A ProDOS volume directory block (block 2: no previous block, storage
    type $F in the first entry) in ProDOS order means ProDOS order; anything
    else, DOS order (the .dsk convention).
    """
    if ext == ".po":
        return PRODOS
    if ext == ".do":
        return DOS
    if _prodos_key_block(data, PRODOS) and not _prodos_key_block(data, DOS):
        return PRODOS
    return DOS


def _prodos_key_block(data: bytes, order: str) -> bool:
    block = read_block(data, 2, order)
    return block[0:2] == b"\0\0" and block[4] >> 4 == 0xF and 1 <= block[4] & 0xF <= 15


def read_sector(data: bytes, track: int, sector: int, order: str) -> bytes:
    """DOS logical sector ``sector`` of a sector image in either order."""
    physical = gcr.DOS_ORDER.index(sector)
    file_sector = ORDERS[order][physical]
    at = track * gcr.TRACK_SIZE + file_sector * gcr.SECTOR_SIZE
    return data[at:at + gcr.SECTOR_SIZE]


def read_block(data: bytes, block: int, order: str) -> bytes:
    """ProDOS block ``block`` (512 bytes) of a sector image in either order."""
    track, half = divmod(block * 2, gcr.SECTORS)
    out = b""
    for s in (half, half + 1):
        physical = gcr.PRODOS_ORDER.index(s)
        at = track * gcr.TRACK_SIZE + ORDERS[order][physical] * gcr.SECTOR_SIZE
        out += data[at:at + gcr.SECTOR_SIZE]
    return out


def load_sectors(path: Path, data: bytes, order: str) -> Disk:
    table = ORDERS[order]
    tracks = []
    for t in range(gcr.TRACKS):
        base = t * gcr.TRACK_SIZE
        sectors = [data[base + table[p] * 256:base + table[p] * 256 + 256] for p in range(16)]
        tracks.append(gcr.encode_track(t, sectors, gcr.VOLUME))
    return Disk(path, "dsk", tracks, standard_tmap(gcr.TRACKS), order=order,
                sectors=bytes(data))


def sector_image(disk: Disk) -> bytes:
    """The sector image with every sector that decodes from the changed tracks replaced."""
    data = bytearray(disk.sectors)
    table = ORDERS[disk.order]
    bad = []
    for t in sorted(disk.changed):
        found = gcr.decode_track(disk.tracks[t])
        for p in range(gcr.SECTORS):
            if p not in found:
                bad.append((t, p))
                continue
            at = t * gcr.TRACK_SIZE + table[p] * gcr.SECTOR_SIZE
            data[at:at + gcr.SECTOR_SIZE] = found[p][2]
    if bad:
        where = ", ".join(f"T{t}S{p}" for t, p in bad[:4])
        raise DiskError(f"{disk.path}: {len(bad)} written sector(s) do not decode "
                        f"({where}...); a .dsk cannot hold that track; not saved")
    disk.sectors = bytes(data)
    return disk.sectors


def load_nib(path: Path, data: bytes) -> Disk:
    if len(data) != NIB_IMAGE_SIZE:
        raise DiskError(f"{path}: {len(data)} bytes; a .nib image is {NIB_IMAGE_SIZE}")
    tracks = []
    for t in range(gcr.TRACKS):
        w = gcr.BitWriter()
        w.nibbles(data[t * NIB_TRACK:(t + 1) * NIB_TRACK])
        tracks.append(w.array())
    return Disk(path, "nib", tracks, standard_tmap(gcr.TRACKS))


def nib_image(disk: Disk) -> bytes:
    """Each track's nibbles as the controller reads them, 6,656 per track."""
    out = bytearray()
    for bits in disk.tracks[:gcr.TRACKS]:
        nibbles = gcr.read_nibbles(bits, turns=1)
        out += (nibbles + b"\xff" * NIB_TRACK)[:NIB_TRACK]
    return bytes(out)


def check_track(path: Path, index: int, bits: np.ndarray) -> None:
    if len(bits) > MAX_TRACK_BITS:
        raise DiskError(f"{path}: track {index} has {len(bits)} bits; at most "
                        f"{MAX_TRACK_BITS} are supported")
