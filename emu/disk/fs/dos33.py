"""The DOS 3.3 file system, read and written, from "Beneath Apple DOS" (Worth and
Lechner, 1981), chapter 4 ("Diskette organization"):

* The VTOC, track 17 sector 0: +$01/$02 track and sector of the first
  catalog sector, +$03 the DOS release (3), +$06 the volume number, +$27
  the track/sector pairs in a T/S list sector (122), +$30 the last track
  allocated and +$31 the direction (+1 or -1), +$34 tracks (35), +$35
  sectors a track (16), +$36 bytes a sector (256, low byte first), and from
  +$38 the free-sector bit map: 4 bytes a track, of which the first two are
  used: bit 7 of the first is sector 15 ... bit 0 of the second sector 0;
  1 = free.
* Catalog sectors: +$01/$02 the next catalog sector (track 0: none), then
  from +$0B seven file entries of 35 bytes: +$00 track and +$01 sector of
  the file's first T/S list (track 0: the entry was never used and the
  catalog ends; $FF: deleted, the track is then kept in +$20), +$02 type
  ($00 T, $01 I, $02 A, $04 B, $08 S, $10 R, $20 new A, $40 new B; +$80
  locked), +$03 name (30 bytes, high bit set, padded with spaces), +$21
  the file's length in sectors (T/S lists included), low byte first.
  A freshly initialised disk chains sectors 15 down to 1 of track 17.
* T/S list sectors: +$01/$02 the next T/S list (track 0: none), +$05/$06
  the file's sector number the list starts at, from +$0C 122 track/sector
  pairs of data sectors; a pair 0/0 is a sector never written (a sparse
  random-access text file) or the end of the file.
* A B file starts with its load address and length (2 bytes each, low
  byte first); A and I files with their length; T files end at a zero byte.
* DOS allocates a track at a time, sectors 15 down to 0, from the tracks
  next to the catalog outwards; track 0 is never given to a file (a pair
  with track 0 means "none").  This module takes tracks 16 down to 1, then
  18 up to 34, and each track's sectors in ``SECTOR_ORDER``.

A disk made here has no DOS on tracks 1 and 2 (they are free for files);
track 0 holds our own boot loader (see ``emu.disk.fs.boot``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .. import gcr
from ..blockimage import BlockImage
from .common import FileInfo, FsError, damaged

TRACKS, SECTORS, SECTOR = gcr.TRACKS, gcr.SECTORS, gcr.SECTOR_SIZE
VTOC_TRACK = 17
RELEASE = 3
PAIRS = 122                         # T/S pairs in a T/S list sector
ENTRY, ENTRIES, FIRST_ENTRY = 35, 7, 0x0B
NAME_LENGTH = 30
DELETED_MARK = 0xFF
LOCKED = 0x80

# VTOC offsets
V_CATALOG, V_RELEASE, V_VOLUME, V_PAIRS = 0x01, 0x03, 0x06, 0x27
V_LAST_TRACK, V_DIRECTION, V_TRACKS, V_SECTORS, V_BYTES, V_BITMAP = \
    0x30, 0x31, 0x34, 0x35, 0x36, 0x38
# File entry offsets
F_TYPE, F_NAME, F_LENGTH = 0x02, 0x03, 0x21
# T/S list offsets
L_NEXT, L_OFFSET, L_PAIRS = 0x01, 0x05, 0x0C

TEXT, INTEGER, APPLESOFT, BINARY = 0x00, 0x01, 0x02, 0x04
TYPE_LETTERS = {0x00: "T", 0x01: "I", 0x02: "A", 0x04: "B", 0x08: "S", 0x10: "R",
                0x20: "A", 0x40: "B"}
# ``put --type`` names -> DOS 3.3 types
TYPE_CODES = {"TXT": TEXT, "INT": INTEGER, "BAS": APPLESOFT, "BIN": BINARY}
ALLOCATION_ORDER = [*range(VTOC_TRACK - 1, 0, -1), *range(VTOC_TRACK + 1, TRACKS)]
# Within a track, a file's sectors go three physical sectors apart: our boot
# loader copies each sector out before asking for the next, and by then the
# one two along has passed (DOS's own order, logical 15 down to 0, puts them
# two apart, for its faster RWTS).  Logical sector DOS_ORDER[p] is physical p.
SECTOR_ORDER = tuple(gcr.DOS_ORDER[(15 + 3 * i) % SECTORS] for i in range(SECTORS))

_NAME = re.compile(r"[A-Z][\x20-\x2B\x2D-\x7E]{0,29}\Z")


def check_name(name: str) -> str:
    """``name`` upper-cased if DOS 3.3 takes it, else FsError."""
    upper = name.upper()
    if not _NAME.match(upper) or upper != upper.rstrip():
        raise FsError(f"bad DOS 3.3 name {name!r}: 1-30 characters, a letter first, "
                      "no commas, no trailing spaces")
    return upper


@dataclass
class Entry:
    """A catalog entry and where it is."""

    name: str
    file_type: int          # without the lock bit
    locked: bool
    ts_list: tuple[int, int]
    sectors: int
    where: tuple[int, int, int]     # catalog track, sector, entry index

    @property
    def path(self) -> str:
        return self.name

    @property
    def letter(self) -> str:
        return TYPE_LETTERS.get(self.file_type, "?")


class Dos33:
    """A DOS 3.3 disk on a 140K :class:`BlockImage`; FsError if it has no VTOC."""

    name = "DOS 3.3"

    def __init__(self, image: BlockImage):
        self.image = image
        if not image.is_floppy:
            raise FsError("DOS 3.3 disks are 140K floppies")
        vtoc = image.read_sector(VTOC_TRACK, 0)
        if vtoc[V_TRACKS] != TRACKS or vtoc[V_SECTORS] != SECTORS or \
                not 0 < vtoc[V_CATALOG] < TRACKS or vtoc[V_CATALOG + 1] >= SECTORS:
            raise FsError("no DOS 3.3 VTOC at track 17 sector 0")
        self.volume = vtoc[V_VOLUME]
        self.volume_name = str(self.volume)

    # --- reading -----------------------------------------------------------------------
    def _sector(self, track: int, sector: int, what: str) -> bytes:
        if not (0 <= track < TRACKS and 0 <= sector < SECTORS):
            raise damaged(f"{what} points to track {track} sector {sector}, off the disk")
        return self.image.read_sector(track, sector)

    def catalog_sectors(self) -> list[tuple[int, int]]:
        vtoc = self.image.read_sector(VTOC_TRACK, 0)
        out, seen = [], set()
        t, s = vtoc[V_CATALOG], vtoc[V_CATALOG + 1]
        while t:
            if (t, s) in seen:
                raise damaged(f"the catalog sectors link in a loop (track {t} sector {s})")
            seen.add((t, s))
            out.append((t, s))
            data = self._sector(t, s, "the catalog")
            t, s = data[L_NEXT], data[L_NEXT + 1]
        return out

    def _slots(self):
        """(track, sector, index, sector bytes, offset) of every entry up to the catalog's end."""
        for t, s in self.catalog_sectors():
            data = self.image.read_sector(t, s)
            for i in range(ENTRIES):
                at = FIRST_ENTRY + ENTRY * i
                yield t, s, i, data, at
                if data[at] == 0:
                    return

    def entries(self) -> list[Entry]:
        found = []
        for t, s, i, data, at in self._slots():
            e = data[at:at + ENTRY]
            if e[0] in (0, DELETED_MARK):
                continue
            name = bytes(b & 0x7F for b in e[F_NAME:F_NAME + NAME_LENGTH])
            found.append(Entry(name.decode("ascii", "replace").rstrip(), e[F_TYPE] & 0x7F,
                               bool(e[F_TYPE] & LOCKED), (e[0], e[1]),
                               e[F_LENGTH] | e[F_LENGTH + 1] << 8, (t, s, i)))
        return found

    def lookup(self, name: str) -> Entry:
        upper = name.upper().rstrip()
        for e in self.entries():
            if e.name == upper:
                return e
        raise FsError(f"no file {upper}")

    def ts_lists(self, entry: Entry) -> list[tuple[int, int]]:
        out, seen = [], set()
        t, s = entry.ts_list
        while t:
            if (t, s) in seen:
                raise damaged(f"the T/S lists of {entry.name} link in a loop")
            seen.add((t, s))
            out.append((t, s))
            data = self._sector(t, s, f"the T/S list of {entry.name}")
            t, s = data[L_NEXT], data[L_NEXT + 1]
        return out

    def data_sectors(self, entry: Entry) -> list[tuple[int, int]]:
        """The file's data sectors in order, (0, 0) for a sector never written; trailing
        unused pairs are left out."""
        pairs = []
        for t, s in self.ts_lists(entry):
            data = self.image.read_sector(t, s)
            pairs += [(data[L_PAIRS + 2 * i], data[L_PAIRS + 2 * i + 1]) for i in range(PAIRS)]
        while pairs and pairs[-1][0] == 0:
            pairs.pop()
        return pairs

    def raw(self, entry: Entry) -> bytes:
        """All the file's data sectors, zeros for those never written."""
        zero = bytes(SECTOR)
        return b"".join(self._sector(t, s, f"file {entry.name}") if t else zero
                        for t, s in self.data_sectors(entry))

    def read(self, entry: Entry) -> tuple[bytes, int | None]:
        """(the file's bytes as ``get`` copies them, its load address or None)."""
        raw = self.raw(entry)
        if entry.file_type in (BINARY, 0x40):
            if len(raw) < 4:
                raise damaged(f"B file {entry.name} has no address and length")
            address, length = raw[0] | raw[1] << 8, raw[2] | raw[3] << 8
            return self._cut(entry, raw, 4, length), address
        if entry.file_type in (APPLESOFT, INTEGER, 0x20):
            if len(raw) < 2:
                raise damaged(f"{entry.letter} file {entry.name} has no length")
            return self._cut(entry, raw, 2, raw[0] | raw[1] << 8), None
        if entry.file_type == TEXT:
            end = raw.find(0)
            return (raw if end < 0 else raw[:end]), None
        return raw, None

    @staticmethod
    def _cut(entry: Entry, raw: bytes, start: int, length: int) -> bytes:
        if start + length > len(raw):
            raise damaged(f"{entry.name} says it is {length} bytes but holds "
                          f"{max(0, len(raw) - start)}")
        return raw[start:start + length]

    def info(self, entry: Entry) -> FileInfo:
        try:
            data, address = self.read(entry)
            size = len(data)
        except FsError:
            size, address = 0, None
        if entry.file_type in (APPLESOFT, 0x20):
            address = 0x0801                # where Applesoft LOADs a program
        return FileInfo(entry.name, entry.letter, size, address, entry.sectors, entry.locked)

    def listing(self) -> list[FileInfo]:
        return [self.info(e) for e in self.entries()]

    # --- the free-sector map ---------------------------------------------------------
    def _free_map(self, vtoc: bytes) -> list[int]:
        return [vtoc[V_BITMAP + 4 * t] << 8 | vtoc[V_BITMAP + 4 * t + 1] for t in range(TRACKS)]

    def free_sectors(self) -> int:
        return sum(bin(m).count("1") for m in self._free_map(self.image.read_sector(VTOC_TRACK, 0)))

    # --- checking -----------------------------------------------------------------------
    def check(self) -> None:
        """FsError if the catalog does not hold together: every sector one owner, on the
        disk, and marked used in the VTOC."""
        owner: dict[tuple[int, int], str] = {(VTOC_TRACK, 0): "the VTOC"}

        def claim(ts: tuple[int, int], what: str) -> None:
            if not (0 < ts[0] < TRACKS and ts[1] < SECTORS):
                raise damaged(f"{what} points to track {ts[0]} sector {ts[1]}")
            if ts in owner:
                raise damaged(f"track {ts[0]} sector {ts[1]} belongs to both {owner[ts]} "
                              f"and {what}")
            owner[ts] = what

        for ts in self.catalog_sectors():
            claim(ts, "the catalog")
        for e in self.entries():
            for ts in self.ts_lists(e):
                claim(ts, e.name)
            for ts in self.data_sectors(e):
                if ts[0]:
                    claim(ts, e.name)
        free = self._free_map(self.image.read_sector(VTOC_TRACK, 0))
        for (t, s), what in sorted(owner.items()):
            if free[t] >> s & 1:
                raise damaged(f"track {t} sector {s} of {what} is marked free in the VTOC")

    # --- writing -----------------------------------------------------------------------
    def put(self, name: str, data: bytes, file_type: int, address: int = 0) -> Entry:
        """Write a file (replacing one of that name); ``data`` without DOS's header."""
        name = check_name(name)
        if file_type in (BINARY,):
            if len(data) > 0xFFFF:
                raise FsError(f"{len(data)} bytes: a B file holds at most 65,535")
            payload = bytes([address & 0xFF, address >> 8, len(data) & 0xFF,
                             len(data) >> 8]) + data
        elif file_type in (APPLESOFT, INTEGER):
            if len(data) > 0xFFFF:
                raise FsError(f"{len(data)} bytes: a BASIC program holds at most 65,535")
            payload = bytes([len(data) & 0xFF, len(data) >> 8]) + data
        elif file_type == TEXT:
            if 0 in data:
                raise FsError("a DOS 3.3 text file ends at its first zero byte; this one "
                              "has zeros inside (put it as BIN)")
            payload = data
        else:
            raise FsError(f"cannot write DOS 3.3 files of type ${file_type:02X}")
        old = next((e for e in self.entries() if e.name == name), None)
        if old is not None:
            if old.locked:
                raise FsError(f"{name} is locked")
            self._delete(old)
        count = max(1, -(-len(payload) // SECTOR))
        lists = -(-count // PAIRS)
        free = self.free_sectors()
        if count + lists > free:
            raise FsError(f"disk full: {name} needs {count + lists} sectors, {free} are free")
        slot = self._free_slot()
        vtoc = bytearray(self.image.read_sector(VTOC_TRACK, 0))
        first = previous = None
        for k in range(lists):
            ts_list = self._allocate(vtoc)
            if previous is None:
                first = ts_list
            else:
                self._link(previous, ts_list)
            block = bytearray(SECTOR)
            block[L_OFFSET], block[L_OFFSET + 1] = (k * PAIRS) & 0xFF, (k * PAIRS) >> 8
            for i in range(min(PAIRS, count - k * PAIRS)):
                n = k * PAIRS + i
                t, s = self._allocate(vtoc)
                chunk = payload[n * SECTOR:(n + 1) * SECTOR].ljust(SECTOR, b"\0")
                self.image.write_sector(t, s, chunk)
                block[L_PAIRS + 2 * i], block[L_PAIRS + 2 * i + 1] = t, s
            self.image.write_sector(*ts_list, bytes(block))
            previous = ts_list
        self.image.write_sector(VTOC_TRACK, 0, bytes(vtoc))
        t, s, i = slot
        cat = bytearray(self.image.read_sector(t, s))
        at = FIRST_ENTRY + ENTRY * i
        cat[at:at + ENTRY] = bytes([first[0], first[1], file_type]) + \
            bytes(ord(c) | 0x80 for c in name.ljust(NAME_LENGTH)) + \
            bytes([(count + lists) & 0xFF, (count + lists) >> 8])
        self.image.write_sector(t, s, bytes(cat))
        return Entry(name, file_type, False, first, count + lists, slot)

    def remove(self, name: str) -> Entry:
        entry = self.lookup(check_name(name))
        if entry.locked:
            raise FsError(f"{entry.name} is locked")
        self._delete(entry)
        return entry

    def _link(self, ts: tuple[int, int], to: tuple[int, int]) -> None:
        data = bytearray(self.image.read_sector(*ts))
        data[L_NEXT], data[L_NEXT + 1] = to
        self.image.write_sector(*ts, bytes(data))

    def _free_slot(self) -> tuple[int, int, int]:
        for t, s, i, data, at in self._slots():
            if data[at] in (0, DELETED_MARK):
                return t, s, i
        raise FsError(f"the catalog is full ({len(self.catalog_sectors()) * ENTRIES} files)")

    def _allocate(self, vtoc: bytearray) -> tuple[int, int]:
        for t in ALLOCATION_ORDER:
            at = V_BITMAP + 4 * t
            bits = vtoc[at] << 8 | vtoc[at + 1]
            if bits:
                s = next(s for s in SECTOR_ORDER if bits >> s & 1)
                bits &= ~(1 << s)
                vtoc[at], vtoc[at + 1] = bits >> 8, bits & 0xFF
                vtoc[V_LAST_TRACK] = t
                vtoc[V_DIRECTION] = 0x01 if t > VTOC_TRACK else 0xFF
                return t, s
        raise FsError("disk full")

    def _delete(self, entry: Entry) -> None:
        vtoc = bytearray(self.image.read_sector(VTOC_TRACK, 0))
        for t, s in self.ts_lists(entry) + [ts for ts in self.data_sectors(entry) if ts[0]]:
            at = V_BITMAP + 4 * t
            bits = (vtoc[at] << 8 | vtoc[at + 1]) | 1 << s
            vtoc[at], vtoc[at + 1] = bits >> 8, bits & 0xFF
        self.image.write_sector(VTOC_TRACK, 0, bytes(vtoc))
        t, s, i = entry.where
        cat = bytearray(self.image.read_sector(t, s))
        at = FIRST_ENTRY + ENTRY * i
        cat[at + 0x20] = cat[at]                    # the T/S list's track, kept for undelete
        cat[at] = DELETED_MARK
        self.image.write_sector(t, s, bytes(cat))


def format_disk(image: BlockImage, volume: int = gcr.VOLUME, boot: bytes = b"") -> Dos33:
    """Make an empty DOS 3.3 catalog on a 140K image: VTOC, 15 catalog sectors on track 17,
    track 0 given to ``boot`` (up to 16 pages, page k on physical sector k)."""
    if not image.is_floppy:
        raise FsError("a DOS 3.3 disk is a 140K floppy (--size 140K)")
    if not 1 <= volume <= 254:
        raise FsError(f"DOS 3.3 volume {volume}: a number from 1 to 254")
    if len(boot) > SECTORS * SECTOR:
        raise ValueError(f"a boot loader of {len(boot)} bytes does not fit track 0")
    boot = boot.ljust(-(-len(boot) // SECTOR) * SECTOR, b"\0")
    for page in range(len(boot) // SECTOR):
        # physical sector ``page`` holds DOS's logical sector DOS_ORDER[page]
        image.write_sector(0, gcr.DOS_ORDER[page], boot[page * SECTOR:(page + 1) * SECTOR])
    vtoc = bytearray(SECTOR)
    vtoc[V_CATALOG], vtoc[V_CATALOG + 1] = VTOC_TRACK, SECTORS - 1
    vtoc[V_RELEASE], vtoc[V_VOLUME], vtoc[V_PAIRS] = RELEASE, volume, PAIRS
    vtoc[V_LAST_TRACK], vtoc[V_DIRECTION] = VTOC_TRACK, 0xFF
    vtoc[V_TRACKS], vtoc[V_SECTORS] = TRACKS, SECTORS
    vtoc[V_BYTES], vtoc[V_BYTES + 1] = SECTOR & 0xFF, SECTOR >> 8
    for t in range(TRACKS):
        if t not in (0, VTOC_TRACK):
            vtoc[V_BITMAP + 4 * t:V_BITMAP + 4 * t + 2] = b"\xff\xff"
    image.write_sector(VTOC_TRACK, 0, bytes(vtoc))
    for s in range(SECTORS - 1, 0, -1):
        cat = bytearray(SECTOR)
        if s > 1:
            cat[L_NEXT], cat[L_NEXT + 1] = VTOC_TRACK, s - 1
        image.write_sector(VTOC_TRACK, s, bytes(cat))
    return Dos33(image)
