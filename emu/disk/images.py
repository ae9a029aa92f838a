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
from pathlib import Path

from ..userfiles import read_input, remove_stale_temps
from . import gcr, woz
from .base import (ENCODERS, MAX_IMAGE_BYTES, Disk, DiskError, check_track,  # noqa: F401
                   write_atomically)
from .layout import NO_TRACK, QUARTER_TRACKS

SECTOR_IMAGE_SIZE = gcr.TRACKS * gcr.TRACK_SIZE          # 143,360
NIB_TRACK = 6656
NIB_IMAGE_SIZE = gcr.TRACKS * NIB_TRACK                 # 232,960
DOS, PRODOS = "dos", "prodos"
ORDERS = {DOS: gcr.DOS_ORDER, PRODOS: gcr.PRODOS_ORDER}


def standard_tmap(tracks: int) -> list[int]:
    """Quarter tracks 4t-1, 4t, 4t+1 all read track t (as a WOZ TMAP maps them)."""
    tmap = [NO_TRACK] * QUARTER_TRACKS
    for t in range(tracks):
        for q in (4 * t - 1, 4 * t, 4 * t + 1):
            if 0 <= q < QUARTER_TRACKS:
                tmap[q] = t
    return tmap


# --- loading ---------------------------------------------------------------------

def load(path: str | os.PathLike, order: str | None = None) -> Disk:
    """Read an image file; raises :class:`DiskError` naming the file and the problem.

    ``order``: "dos" or "prodos" forces the sector order of a sector image.
    """
    path = Path(path)
    if order is not None and order not in ORDERS:
        raise DiskError(f"{path}: unknown sector order {order!r} (use dos or prodos)")
    data = read_input(path, MAX_IMAGE_BYTES, "disk image", DiskError)
    remove_stale_temps(path)                # left by a write-back that was killed
    # No write permission, for us or (as root can write anyway) for anyone.
    readonly = not os.access(path, os.W_OK) or not path.stat().st_mode & 0o222
    ext = path.suffix.lower()
    if data[:4] in (b"WOZ1", b"WOZ2") or ext == ".woz":
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


ENCODERS.update(dsk=sector_image, nib=nib_image)
