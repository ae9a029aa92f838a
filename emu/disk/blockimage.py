"""Disk images as rows of blocks and sectors: hard disks, 800K disks, floppies, 2MG.

What the ProDOS block-device card and ``apple2 disk`` read and write.  One
:class:`BlockImage` holds the disk's bytes in the order the file stores them
and answers for any 512-byte ProDOS block or (on a 140K floppy) any 256-byte
DOS 3.3 sector, whatever that order is:

* ``.po`` / ``.hdv``: ProDOS block order, block n at byte 512 n, up to
  65,535 blocks (ProDOS's limit, 32 MB less a block; a 65,536-block file is
  read too).  A ``.po`` of 143,360 bytes is a floppy.
* ``.dsk`` / ``.do`` / ``.po`` of 143,360 bytes: a floppy in DOS 3.3 or
  ProDOS sector order (the order as ``emu.disk.images`` decides it).
* ``.2mg`` / ``.2img``: the Universal Disk Image ("2IMG", by the authors of
  XGS, KEGS, Catakig and Bernie): a header of at least 52 bytes, all numbers
  little-endian: +0 "2IMG", +4 creator, +8 header length (16 bits), +10
  version (16 bits, 1), +12 format (0 DOS order, 1 ProDOS order, 2
  nibbles), +16 flags (bit 31 locked, bit 8 "bits 0-7 are the DOS volume
  number"), +20 blocks (ProDOS order only), +24 data offset, +28 data
  length, +32/+36 comment offset and length, +40/+44 creator-data offset and
  length.  The data may be followed by the comment and the creator data.
  A header whose numbers do not fit the file is refused, so a lying header
  cannot point the emulator outside the file or into its own bytes.
* ``.woz`` / ``.nib``: read-only, through the bits (``emu.disk.images``).

Write-back replaces only the data part of the file (a 2MG keeps its header
and chunks byte for byte), atomically, and never for a write-protected image
(the 2MG lock bit, a read-only file, a WOZ/NIB made of bits).
"""
from __future__ import annotations

import os
import struct
from dataclasses import dataclass, field
from pathlib import Path

from . import gcr
from ..userfiles import read_input
from .images import (DOS, MAX_IMAGE_BYTES, PRODOS, SECTOR_IMAGE_SIZE, DiskError, guess_order,
                     write_atomically)

BLOCK = 512
FLOPPY_BLOCKS = SECTOR_IMAGE_SIZE // BLOCK               # 280
MAX_BLOCKS = 65_535                 # ProDOS: a 16-bit block count
MAX_FILE_BLOCKS = 65_536            # a 32 MiB image file is read too

TWOIMG_MAGIC = b"2IMG"
TWOIMG_MIN_HEADER = 52              # the fields up to +$30; most writers pad to 64
TWOIMG_HEADER = 64
TWOIMG_DOS, TWOIMG_PRODOS, TWOIMG_NIB = 0, 1, 2
TWOIMG_LOCKED = 1 << 31
TWOIMG_VOLUME_SET = 1 << 8
TWOIMG_CREATOR = b"A2PY"            # what we write as the creator of our images
_TWOIMG = struct.Struct("<4s4sHHIIIIIIIII")               # the 52 bytes of fields

BLOCK_EXTENSIONS = (".po", ".hdv", ".2mg", ".2img")


# --- where sectors and blocks are in a 140K floppy image ------------------------------

def sector_offset(track: int, sector: int, order: str) -> int:
    """The file offset of DOS 3.3 logical sector ``sector`` of ``track`` in a 140K image.

    A DOS-order file holds DOS's logical sectors in order; a ProDOS-order
    file holds ProDOS's: each goes through the physical sector both name.
    """
    if order == DOS:
        return track * gcr.TRACK_SIZE + sector * gcr.SECTOR_SIZE
    physical = gcr.DOS_ORDER.index(sector)
    return track * gcr.TRACK_SIZE + gcr.PRODOS_ORDER[physical] * gcr.SECTOR_SIZE


def block_offsets(block: int, order: str) -> tuple[int, int]:
    """The file offsets of the two halves of ProDOS block ``block`` in an image of ``order``.

    Block n is ProDOS sectors 2n and 2n+1 (of 16 a track) of track n // 8.
    """
    if order == PRODOS:
        return block * BLOCK, block * BLOCK + 256
    track, first = divmod(block * 2, gcr.SECTORS)
    halves = []
    for s in (first, first + 1):
        physical = gcr.PRODOS_ORDER.index(s)
        halves.append(track * gcr.TRACK_SIZE + gcr.DOS_ORDER[physical] * gcr.SECTOR_SIZE)
    return halves[0], halves[1]


# --- the 2MG header ------------------------------------------------------------------------

@dataclass
class TwoImg:
    """The numbers of a 2MG header (see the module's docstring)."""

    creator: bytes = TWOIMG_CREATOR
    header_length: int = TWOIMG_HEADER
    version: int = 1
    format: int = TWOIMG_PRODOS
    flags: int = 0
    blocks: int = 0
    data_offset: int = TWOIMG_HEADER
    data_length: int = 0
    comment_offset: int = 0
    comment_length: int = 0
    creator_offset: int = 0
    creator_length: int = 0

    @property
    def locked(self) -> bool:
        return bool(self.flags & TWOIMG_LOCKED)

    @property
    def volume(self) -> int:
        return self.flags & 0xFF if self.flags & TWOIMG_VOLUME_SET else gcr.VOLUME

    def pack(self) -> bytes:
        """The header's bytes, padded to ``header_length``."""
        fields = _TWOIMG.pack(TWOIMG_MAGIC, self.creator, self.header_length, self.version,
                              self.format, self.flags, self.blocks, self.data_offset,
                              self.data_length, self.comment_offset, self.comment_length,
                              self.creator_offset, self.creator_length)
        return fields + bytes(self.header_length - len(fields))


def parse_2mg(path: Path, data: bytes) -> TwoImg:
    """The header of a 2MG file, checked against the file; DiskError if it lies."""
    if len(data) < TWOIMG_MIN_HEADER:
        raise DiskError(f"{path}: {len(data)} bytes: too short for a 2MG header "
                        f"({TWOIMG_MIN_HEADER} bytes at least)")
    magic, *numbers = _TWOIMG.unpack_from(data)
    if magic != TWOIMG_MAGIC:
        raise DiskError(f"{path}: not a 2MG image (it does not start with '2IMG')")
    h = TwoImg(*numbers)
    size = len(data)

    def lie(problem: str) -> DiskError:
        return DiskError(f"{path}: bad 2MG header: {problem}")

    if not TWOIMG_MIN_HEADER <= h.header_length <= size:
        raise lie(f"header length {h.header_length} (at least {TWOIMG_MIN_HEADER}, "
                  f"at most the file's {size} bytes)")
    if h.version > 1:
        raise lie(f"version {h.version}; only version 1 is defined")
    if h.format == TWOIMG_NIB:
        raise DiskError(f"{path}: a 2MG of disk nibbles; only DOS- and ProDOS-order "
                        "2MG images are supported")
    if h.format not in (TWOIMG_DOS, TWOIMG_PRODOS):
        raise lie(f"image format {h.format} (0 DOS order, 1 ProDOS order, 2 nibbles)")
    if h.format == TWOIMG_PRODOS and h.data_length == 0:
        h.data_length = h.blocks * BLOCK           # some writers leave the length 0
    if h.data_offset < h.header_length:
        raise lie(f"its data starts at {h.data_offset}, inside the "
                  f"{h.header_length}-byte header")
    if h.data_offset + h.data_length > size:
        raise lie(f"{h.data_length} bytes of data at offset {h.data_offset}, but the file "
                  f"ends at {size} (truncated?)")
    if h.format == TWOIMG_PRODOS:
        if h.data_length != h.blocks * BLOCK:
            raise lie(f"{h.blocks} blocks but {h.data_length} bytes of data "
                      f"({h.blocks * BLOCK} expected)")
        if not 0 < h.blocks <= MAX_FILE_BLOCKS:
            raise lie(f"{h.blocks} blocks (1 to {MAX_FILE_BLOCKS})")
    elif h.data_length != SECTOR_IMAGE_SIZE:
        raise lie(f"DOS order with {h.data_length} bytes of data; a DOS-order image is a "
                  f"{SECTOR_IMAGE_SIZE}-byte floppy")
    data_end = h.data_offset + h.data_length
    for what, offset, length in (("comment", h.comment_offset, h.comment_length),
                                 ("creator data", h.creator_offset, h.creator_length)):
        if length and not (offset >= data_end and offset + length <= size):
            raise lie(f"its {what} ({length} bytes at {offset}) is not between the end of "
                      f"the data ({data_end}) and the end of the file ({size})")
    return h


# --- the image ------------------------------------------------------------------------------

@dataclass
class BlockImage:
    """A disk image's bytes, read and written as blocks (and, on floppies, sectors).

    ``data`` is the disk as the file stores it, in ``order``; ``prefix`` and
    ``suffix`` are the file's other bytes (a 2MG header, comment and creator
    data), written back unchanged.  ``kind`` is "po", "hdv", "dsk", "2mg",
    "woz" or "nib".
    """

    path: Path | None
    kind: str
    data: bytearray
    order: str = PRODOS
    write_protected: bool = False
    protection: str = ""                 # why it is write-protected, for messages
    prefix: bytes = b""
    suffix: bytes = b""
    twoimg: TwoImg | None = None
    bits: object = None                  # a WOZ or .nib image's emu.disk.images.Disk
    changed: bool = False
    _offsets: dict = field(default_factory=dict, repr=False)

    @property
    def name(self) -> str:
        return self.path.name if self.path else "(no file)"

    @property
    def blocks(self) -> int:
        return len(self.data) // BLOCK

    @property
    def is_floppy(self) -> bool:
        """A 140K 5.25-inch disk: DOS 3.3 sectors make sense on it."""
        return len(self.data) == SECTOR_IMAGE_SIZE

    def _block_at(self, block: int) -> tuple[int, int]:
        if not 0 <= block < self.blocks:
            raise DiskError(f"{self.path}: block {block} is beyond its {self.blocks} blocks")
        if self.order == PRODOS:
            return block * BLOCK, block * BLOCK + 256
        at = self._offsets.get(block)
        if at is None:
            at = self._offsets[block] = block_offsets(block, self.order)
        return at

    def read_block(self, block: int) -> bytes:
        a, b = self._block_at(block)
        if b == a + 256:
            return bytes(self.data[a:a + BLOCK])
        return bytes(self.data[a:a + 256] + self.data[b:b + 256])

    def write_block(self, block: int, data: bytes) -> None:
        if len(data) != BLOCK:
            raise ValueError(f"a block is {BLOCK} bytes, not {len(data)}")
        a, b = self._block_at(block)
        self.data[a:a + 256] = data[:256]
        self.data[b:b + 256] = data[256:]
        self.changed = True

    def _sector_at(self, track: int, sector: int) -> int:
        if not self.is_floppy:
            raise DiskError(f"{self.path}: not a 140K floppy, so it has no DOS 3.3 sectors")
        if not (0 <= track < gcr.TRACKS and 0 <= sector < gcr.SECTORS):
            raise DiskError(f"{self.path}: no track {track} sector {sector}")
        return sector_offset(track, sector, self.order)

    def read_sector(self, track: int, sector: int) -> bytes:
        """DOS 3.3 logical sector ``sector`` of ``track`` (a 140K floppy)."""
        at = self._sector_at(track, sector)
        return bytes(self.data[at:at + gcr.SECTOR_SIZE])

    def write_sector(self, track: int, sector: int, data: bytes) -> None:
        if len(data) != gcr.SECTOR_SIZE:
            raise ValueError(f"a sector is {gcr.SECTOR_SIZE} bytes, not {len(data)}")
        at = self._sector_at(track, sector)
        self.data[at:at + gcr.SECTOR_SIZE] = data
        self.changed = True

    def file_bytes(self) -> bytes:
        """The image file as it should now be."""
        return self.prefix + bytes(self.data) + self.suffix

    def check_writable(self) -> None:
        if self.write_protected:
            raise DiskError(f"{self.path}: write-protected ({self.protection}); not changed")

    def save(self) -> bool:
        """Write the image back (atomically) if it changed; True if the file was written."""
        if not self.changed or self.path is None:
            return False
        self.check_writable()
        write_atomically(self.path, self.file_bytes())
        self.changed = False
        return True


# The largest file read: 32 MiB of blocks and room for a 2MG's header, comment and creator
# data (a larger image is read, so that parse can say what is wrong with it).
MAX_FILE_BYTES = MAX_IMAGE_BYTES + (1 << 20)


def read_file(path: Path) -> bytes:
    """A file's bytes, or a DiskError naming the file and the problem (a FIFO or a device
    is refused before it is read: it could block or never end)."""
    return read_input(path, MAX_FILE_BYTES, "disk image", DiskError)


def _read_only_file(path: Path) -> bool:
    """No write permission, for us or (as root can write anyway) for anyone."""
    return not os.access(path, os.W_OK) or not path.stat().st_mode & 0o222


def load(path: str | os.PathLike, order: str | None = None) -> BlockImage:
    """Open any disk image as blocks; DiskError (one line, naming the file) if it is not one.

    ``order`` forces the sector order of a 140K ``.dsk``/``.do``/``.po``.
    """
    path = Path(path)
    data = read_file(path)
    ext = path.suffix.lower()
    if data[:4] in (b"WOZ1", b"WOZ2") or ext in (".woz", ".nib"):
        return _from_bits(path, order)
    image = parse(path, data, order)
    if _read_only_file(path) and not image.write_protected:
        image.write_protected, image.protection = True, "the file is read-only"
    return image


def parse(path: Path, data: bytes, order: str | None = None) -> BlockImage:
    """An image file's bytes as a BlockImage (not WOZ or .nib); DiskError if they are not one."""
    ext = path.suffix.lower()
    if data[:4] == TWOIMG_MAGIC or ext in (".2mg", ".2img"):
        image = _from_2mg(path, data)
    elif len(data) == SECTOR_IMAGE_SIZE:
        kind = ext[1:] if ext in (".po", ".hdv") else "dsk"
        image = BlockImage(path, kind, bytearray(data),
                           order or (PRODOS if kind == "hdv" else guess_order(data, ext)))
    elif ext in (".po", ".hdv"):
        if not data or len(data) % BLOCK:
            raise DiskError(f"{path}: {len(data)} bytes is not a whole number of "
                            f"{BLOCK}-byte blocks")
        if len(data) > MAX_FILE_BLOCKS * BLOCK:
            raise DiskError(f"{path}: {len(data)} bytes; a ProDOS volume is at most "
                            f"{MAX_BLOCKS} blocks (32 MB)")
        image = BlockImage(path, ext[1:], bytearray(data), PRODOS)
    else:
        raise DiskError(f"{path}: {len(data)} bytes is not a disk image this tool reads "
                        f"({SECTOR_IMAGE_SIZE} for .dsk/.do/.po, whole {BLOCK}-byte blocks "
                        "for .po/.hdv, a 2MG, WOZ or .nib file)")
    return image


def _from_2mg(path: Path, data: bytes) -> BlockImage:
    h = parse_2mg(path, data)
    end = h.data_offset + h.data_length
    order = PRODOS if h.format == TWOIMG_PRODOS else DOS
    image = BlockImage(path, "2mg", bytearray(data[h.data_offset:end]), order,
                       prefix=bytes(data[:h.data_offset]), suffix=bytes(data[end:]), twoimg=h)
    if h.locked:
        image.write_protected, image.protection = True, "its 2MG header's lock flag is set"
    return image


def _from_bits(path: Path, order: str | None) -> BlockImage:
    """A WOZ or .nib image's sectors, decoded from its bits; read-only."""
    from . import images
    from .info import sectors_of
    disk = images.load(path, order)
    data, sector_order = sectors_of(disk)
    return BlockImage(path, disk.kind, bytearray(data), sector_order, write_protected=True,
                      protection=f"files cannot be written into a {disk.kind.upper()} image "
                                 "of disk bits", bits=disk)


def new_image(path: str | os.PathLike, blocks: int, order: str | None = None) -> BlockImage:
    """A blank image of ``blocks`` blocks whose container follows ``path``'s extension.

    A ``.2mg``/``.2img`` gets a 64-byte header of our own (creator "A2PY");
    a 140K ``.dsk``/``.do`` is DOS order unless ``order`` says otherwise.
    """
    path = Path(path)
    ext = path.suffix.lower()
    if not 0 < blocks <= MAX_BLOCKS:
        raise DiskError(f"{path}: {blocks} blocks; a ProDOS volume has 1 to {MAX_BLOCKS}")
    data = bytearray(blocks * BLOCK)
    if ext in (".2mg", ".2img"):
        floppy_dos = order == DOS and blocks == FLOPPY_BLOCKS
        h = TwoImg(format=TWOIMG_DOS if floppy_dos else TWOIMG_PRODOS,
                   blocks=0 if floppy_dos else blocks, data_length=len(data))
        return BlockImage(path, "2mg", data, DOS if floppy_dos else PRODOS,
                          prefix=h.pack(), twoimg=h, changed=True)
    if blocks != FLOPPY_BLOCKS and ext not in (".po", ".hdv"):
        raise DiskError(f"{path}: a {blocks * BLOCK // 1024}K disk is a .po, .hdv or .2mg "
                        "image (.dsk and .do are 140K floppies)")
    if blocks == FLOPPY_BLOCKS and ext in (".dsk", ".do"):
        order = order or DOS
    else:
        order = PRODOS
    return BlockImage(path, ext[1:] or "po", data, order, changed=True)
