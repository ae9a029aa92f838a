"""The ProDOS file system, read and written, from the documented on-disk layout.

Sources: "Beneath Apple ProDOS" (Worth and Lechner, 1984) ch. 4 and the
ProDOS 8 Technical Reference Manual, appendix B ("File Organization"), with
ProDOS 8 Technical Note #30 (sparse files):

* Blocks of 512 bytes.  Blocks 0-1 hold the boot loader; the volume
  directory is blocks 2-5; the volume bit map follows (block 6 on a volume
  we format), one block per 4,096 blocks, a bit per block, most significant
  bit first, 1 = free.
* A directory block: +0 previous block, +2 next block (0: none), then
  entries of ``entry_length`` ($27) bytes, ``entries_per_block`` ($0D) of
  them.  The key block's first entry is the directory's header.
* Header (volume: storage type $F; subdirectory: $E): +$00 storage type
  and name length, +$01 name (15), +$10 reserved (8; a subdirectory has $75
  in its first byte, which ProDOS checks), +$18 creation date and time,
  +$1C version, +$1D min version, +$1E access, +$1F entry length, +$20
  entries per block, +$21 file count, +$23 bit map pointer (volume) or
  parent block (subdirectory), +$25 total blocks (volume) or parent entry
  number and +$26 parent entry length (subdirectory).
* File entry: +$00 storage type (1 seedling, 2 sapling, 3 tree, 4 Pascal
  area, 5 forked, $D subdirectory; 0: deleted) and name length, +$01 name,
  +$10 file type, +$11 key block, +$13 blocks used, +$15 EOF (3 bytes),
  +$18 creation, +$1C version, +$1D min version, +$1E access, +$1F aux type
  (the load address of BIN and SYS files), +$21 last modified, +$25 key
  block of the directory that holds the entry.
* A seedling is one data block (EOF up to 512); a sapling an index block of
  256 block numbers (low bytes in +0..255, high bytes in +256..511; up to
  128 KB); a tree a master index block of index blocks (up to 16 MB).  A
  block number 0 in an index block is a block of zeros that takes no room
  on the disk (a sparse file); so is an index block number 0 in a master
  index.  The first data block is always allocated.
* Names: 1-15 characters, a letter then letters, digits and periods.

Files this module writes are sparse where a whole 512-byte block (other
than the first) is zero, as CiderPress writes them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

import numpy as np

from ..blockimage import BLOCK, FLOPPY_BLOCKS, MAX_BLOCKS, BlockImage
from .common import FileInfo, FsError, damaged, prodos_datetime

VOLUME_DIR_KEY = 2
VOLUME_DIR_BLOCKS = 4
BITMAP_START = VOLUME_DIR_KEY + VOLUME_DIR_BLOCKS       # 6
BITS_PER_BITMAP_BLOCK = BLOCK * 8                       # 4,096
ENTRY_LENGTH = 0x27
ENTRIES_PER_BLOCK = 0x0D
POINTERS = 256                                          # block numbers in an index block
MAX_EOF = 0xFFFFFF

# Storage types, the high nibble of an entry's first byte.
DELETED, SEEDLING, SAPLING, TREE, PASCAL_AREA, FORKED = 0, 1, 2, 3, 4, 5
SUBDIR, SUBDIR_HEADER, VOLUME_HEADER = 0xD, 0xE, 0xF

# Access bits.
DESTROY, RENAME, BACKUP, WRITE, READ = 0x80, 0x40, 0x20, 0x02, 0x01
UNLOCKED = DESTROY | RENAME | WRITE | READ              # $C3
SUBDIR_MARK = 0x75                                      # +$10 of a subdirectory header

# Offsets in an entry (file entry and header alike where they share a field).
E_NAME, E_TYPE, E_KEY, E_BLOCKS, E_EOF = 0x01, 0x10, 0x11, 0x13, 0x15
E_CREATED, E_VERSION, E_ACCESS, E_AUX, E_MODIFIED, E_HEADER = 0x18, 0x1C, 0x1E, 0x1F, 0x21, 0x25
H_RESERVED, H_ENTRY_LENGTH, H_PER_BLOCK, H_FILE_COUNT = 0x10, 0x1F, 0x20, 0x21
H_BITMAP, H_TOTAL = 0x23, 0x25                          # volume header
H_PARENT, H_PARENT_ENTRY, H_PARENT_LENGTH = 0x23, 0x25, 0x26   # subdirectory header

FILE_TYPES = {0x00: "NON", 0x04: "TXT", 0x06: "BIN", 0x0F: "DIR", 0xFA: "INT", 0xFC: "BAS",
              0xFD: "VAR", 0xFE: "REL", 0xFF: "SYS"}
TYPE_CODES = {name: code for code, name in FILE_TYPES.items()}
TXT, BIN, DIR, BAS, SYS = (TYPE_CODES[n] for n in ("TXT", "BIN", "DIR", "BAS", "SYS"))
SYS_ADDRESS = 0x2000        # ProDOS loads a SYS file at $2000, whatever its aux type

_NAME = re.compile(r"[A-Z][A-Z0-9.]{0,14}\Z")


def _floppy_order() -> tuple[int, ...]:
    """The blocks of a 140K volume in the order files get them.

    On a Disk II, block k of a track is ProDOS sectors 2k and 2k+1, which
    lie at physical sectors 2s mod 15 (15 stays 15): two apart.  Our boot
    loader reads a block's two halves, then copies them out; by then the
    head is about three sectors further on.  So each track's blocks go in
    the order in which each starts at least three sectors after the last one
    ended (0 5 3 4 2 7 1 6: under three turns a track, where block order
    would take a turn a block).
    """
    def physical(s: int) -> int:
        return 15 if s == 15 else 2 * s % 15
    order, at = [0], physical(1)
    while len(order) < 8:
        k = min((k for k in range(8) if k not in order),
                key=lambda k: (physical(2 * k) - at - 3) % 16)
        order.append(k)
        at = physical(2 * k + 1)
    return tuple(8 * track + k for track in range(FLOPPY_BLOCKS // 8) for k in order)


FLOPPY_ORDER = _floppy_order()


def check_name(name: str) -> str:
    """``name`` upper-cased if it is a valid ProDOS name, else FsError."""
    upper = name.upper()
    if not _NAME.match(upper):
        raise FsError(f"bad ProDOS name {name!r}: 1-15 letters, digits and periods, "
                      "starting with a letter")
    return upper


def split_path(path: str) -> list[str]:
    """``DIR/SUB/NAME`` (a leading / allowed) -> checked, upper-cased names."""
    parts = [p for p in path.strip().strip("/").split("/")]
    if not path.strip().strip("/") or any(not p for p in parts):
        raise FsError(f"bad ProDOS path {path!r}: names separated by /")
    return [check_name(p) for p in parts]


def _word(b, at: int) -> int:
    return b[at] | b[at + 1] << 8


def _put_word(b: bytearray, at: int, value: int) -> None:
    b[at], b[at + 1] = value & 0xFF, value >> 8 & 0xFF


@dataclass
class Entry:
    """A file or subdirectory entry, and where it sits."""

    path: str
    storage: int
    file_type: int
    key: int
    blocks_used: int
    eof: int
    access: int
    aux: int
    block: int              # the directory block holding the entry
    index: int              # its entry number in that block (the key block's header is 1)
    directory: int          # the key block of that directory

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]

    @property
    def is_dir(self) -> bool:
        return self.storage == SUBDIR

    @property
    def type_name(self) -> str:
        return FILE_TYPES.get(self.file_type, f"${self.file_type:02X}")

    @property
    def locked(self) -> bool:
        return not self.access & WRITE or not self.access & DESTROY


@dataclass
class Directory:
    """A directory: its blocks, its header's numbers, and its own entry (None: the volume)."""

    path: str
    blocks: list[int]
    entry_length: int
    per_block: int
    file_count: int
    entry: Entry | None

    @property
    def key(self) -> int:
        return self.blocks[0]


class ProDOS:
    """A ProDOS volume on a :class:`BlockImage`; FsError if block 2 is not a volume directory."""

    name = "ProDOS"

    def __init__(self, image: BlockImage):
        self.image = image
        if image.blocks <= BITMAP_START:
            raise FsError(f"{image.blocks} blocks: too small for a ProDOS volume")
        key = image.read_block(VOLUME_DIR_KEY)
        header = key[4:4 + ENTRY_LENGTH]
        if _word(key, 0) != 0 or header[0] >> 4 != VOLUME_HEADER or not header[0] & 0xF:
            raise FsError("no ProDOS volume directory in block 2")
        self.volume_name = header[E_NAME:E_NAME + (header[0] & 0xF)].decode("ascii", "replace")
        self.total_blocks = _word(header, H_TOTAL)
        self.bitmap_start = _word(header, H_BITMAP)
        self.bitmap_blocks = -(-self.total_blocks // BITS_PER_BITMAP_BLOCK)
        # Reading goes as far as the image does even if the header's numbers are off
        # (``disk info`` lists what it can); check() and every write insist on them.
        self.limit = self.total_blocks if 0 < self.total_blocks <= image.blocks \
            else image.blocks
        self.volume = self._directory(VOLUME_DIR_KEY, "", None)
        self._free: bytearray | None = None
        self._cursor = 0

    # --- reading ---------------------------------------------------------------------
    def _read(self, block: int, what: str) -> bytes:
        if not 0 < block < self.limit:
            raise damaged(f"{what} points to block {block}, outside the volume's "
                          f"{self.limit} blocks")
        return self.image.read_block(block)

    def _check_header(self) -> None:
        """Damaged unless the volume's size and bit map fit the image."""
        if not BITMAP_START < self.total_blocks <= self.image.blocks:
            raise damaged(f"the volume says {self.total_blocks} blocks; the image holds "
                          f"{self.image.blocks}")
        if not 2 < self.bitmap_start <= self.total_blocks - self.bitmap_blocks:
            raise damaged(f"the volume bit map at block {self.bitmap_start} is outside "
                          "the volume")

    def _chain(self, key: int, what: str) -> list[int]:
        """The blocks of a directory, following the next-block links."""
        blocks, seen = [], set()
        block = key
        while block:
            if block in seen:
                raise damaged(f"the blocks of {what} link in a loop (block {block})")
            seen.add(block)
            blocks.append(block)
            block = _word(self._read(block, what), 2)
        return blocks

    def _directory(self, key: int, path: str, entry: Entry | None) -> Directory:
        what = f"directory /{path}" if path else "the volume directory"
        blocks = self._chain(key, what)
        header = self.image.read_block(key)[4:4 + ENTRY_LENGTH]
        kind = header[0] >> 4
        if kind != (VOLUME_HEADER if entry is None else SUBDIR_HEADER):
            raise damaged(f"{what} has no directory header in block {key}")
        length, per_block = header[H_ENTRY_LENGTH], header[H_PER_BLOCK]
        if length < ENTRY_LENGTH or per_block < 1 or 4 + length * per_block > BLOCK:
            raise damaged(f"{what} has entries of {length} bytes, {per_block} a block")
        return Directory(path, blocks, length, per_block, _word(header, H_FILE_COUNT), entry)

    def _slots(self, directory: Directory):
        """(block, entry number, bytes of the block, offset) for every entry slot but the header."""
        for n, block in enumerate(directory.blocks):
            data = self.image.read_block(block)
            for i in range(1 if n == 0 else 0, directory.per_block):
                yield block, i + 1, data, 4 + i * directory.entry_length

    def entries(self, directory: Directory) -> list[Entry]:
        """The active entries of a directory, in catalog order."""
        found = []
        for block, number, data, at in self._slots(directory):
            e = data[at:at + ENTRY_LENGTH]
            if e[0] >> 4 == DELETED:
                continue
            name = e[E_NAME:E_NAME + (e[0] & 0xF)].decode("ascii", "replace")
            path = f"{directory.path}/{name}" if directory.path else name
            found.append(Entry(path, e[0] >> 4, e[E_TYPE], _word(e, E_KEY), _word(e, E_BLOCKS),
                               _word(e, E_EOF) | e[E_EOF + 2] << 16, e[E_ACCESS],
                               _word(e, E_AUX), block, number, directory.key))
        return found

    def subdirectory(self, entry: Entry) -> Directory:
        return self._directory(entry.key, entry.path, entry)

    def walk(self) -> list[tuple[int, Entry]]:
        """Every entry, each directory followed by what it holds: (depth, entry)."""
        out: list[tuple[int, Entry]] = []
        seen = {VOLUME_DIR_KEY}

        def visit(directory: Directory, depth: int) -> None:
            for e in self.entries(directory):
                out.append((depth, e))
                if e.is_dir:
                    if e.key in seen:
                        raise damaged(f"directory /{e.path} is inside itself")
                    seen.add(e.key)
                    visit(self.subdirectory(e), depth + 1)
        visit(self.volume, 0)
        return out

    def _find(self, names: list[str]) -> tuple[Directory, Entry | None]:
        """The directory that holds ``names[-1]``, and its entry (None: there is none)."""
        directory = self.volume
        for i, name in enumerate(names):
            entry = next((e for e in self.entries(directory) if e.name == name), None)
            if i == len(names) - 1:
                return directory, entry
            if entry is None:
                raise FsError(f"no directory {'/'.join(names[:i + 1])}")
            if not entry.is_dir:
                raise FsError(f"{entry.path} is a file, not a directory")
            directory = self.subdirectory(entry)
        raise AssertionError("unreachable")

    def lookup(self, path: str) -> Entry:
        names = split_path(path)
        entry = self._find(names)[1]
        if entry is None:
            raise FsError(f"no file {'/'.join(names)}")
        return entry

    def data_map(self, storage: int, key: int, eof: int, what: str) -> tuple[list[int], list[int]]:
        """(data block numbers in file order, 0 for a sparse block; index blocks) of a fork."""
        count = max(1, -(-eof // BLOCK))
        if storage == SEEDLING:
            if eof > BLOCK:
                raise damaged(f"{what} is a one-block file with an EOF of {eof}")
            self._read(key, what)
            return [key], []
        if storage == SAPLING:
            if count > POINTERS:
                raise damaged(f"{what} is a sapling file with an EOF of {eof}")
            return self._index(key, what), [key]
        if storage == TREE:
            groups = -(-count // POINTERS)
            data, index = [], [key]
            for g, pointer in enumerate(self._index(key, what)):
                if pointer:                     # (index blocks past the EOF hold blocks too)
                    index.append(pointer)
                    data += self._index(pointer, what)
                elif g < groups:
                    data += [0] * POINTERS
            return data, index
        raise FsError(f"{what}: storage type {storage} is not a standard file")

    def _index(self, block: int, what: str) -> list[int]:
        raw = self._read(block, what)
        return [raw[i] | raw[i + POINTERS] << 8 for i in range(POINTERS)]

    def blocks_of(self, entry: Entry) -> list[int]:
        """Every block a file or subdirectory occupies (index and key blocks included)."""
        what = f"file /{entry.path}"
        if entry.is_dir:
            return self._chain(entry.key, what)
        if entry.storage == PASCAL_AREA:
            return list(range(entry.key, entry.key + entry.blocks_used))
        if entry.storage == FORKED:
            raw = self._read(entry.key, what)
            blocks = [entry.key]
            for fork in (0, 256):
                data, index = self.data_map(raw[fork] & 0xF, _word(raw, fork + 1),
                                            _word(raw, fork + 5) | raw[fork + 7] << 16, what)
                blocks += [b for b in data if b] + index
            return blocks
        data, index = self.data_map(entry.storage, entry.key, entry.eof, what)
        return [b for b in data if b] + index

    def read(self, entry: Entry) -> bytes:
        """A file's EOF bytes (sparse blocks read as zeros)."""
        if entry.is_dir:
            raise FsError(f"{entry.path} is a directory")
        if entry.storage not in (SEEDLING, SAPLING, TREE):
            kind = "has a resource fork" if entry.storage == FORKED else "is a Pascal area"
            raise FsError(f"{entry.path} {kind} (storage type {entry.storage}); "
                          "only standard files can be copied out")
        data, _ = self.data_map(entry.storage, entry.key, entry.eof, f"file /{entry.path}")
        count = max(1, -(-entry.eof // BLOCK))
        zero = bytes(BLOCK)
        read = self.image.read_block
        return b"".join(read(b) if b else zero for b in data[:count])[:entry.eof]

    def info(self, depth: int, entry: Entry) -> FileInfo:
        address = None
        if entry.file_type == SYS:
            address = SYS_ADDRESS
        elif entry.file_type in (BIN, BAS):
            address = entry.aux
        sparse = False
        if entry.storage in (SAPLING, TREE):
            data, _ = self.data_map(entry.storage, entry.key, entry.eof, entry.path)
            sparse = 0 in data[:max(1, -(-entry.eof // BLOCK))]
        return FileInfo(entry.path, entry.type_name, entry.eof, address, entry.blocks_used,
                        entry.locked, entry.is_dir, depth, sparse)

    def listing(self) -> list[FileInfo]:
        return [self.info(depth, e) for depth, e in self.walk()]

    def free_blocks(self) -> int:
        return self._bitmap().count(1)

    # --- the volume bit map ------------------------------------------------------------
    def _bitmap(self) -> bytearray:
        """One byte per block: 1 free, 0 used (loaded once, saved by _save_bitmap)."""
        if self._free is None:
            self._check_header()
            raw = b"".join(self.image.read_block(self.bitmap_start + i)
                           for i in range(self.bitmap_blocks))
            bits = np.unpackbits(np.frombuffer(raw, dtype=np.uint8))[:self.total_blocks]
            self._free = bytearray(bits.tobytes())
        return self._free

    def _save_bitmap(self) -> None:
        bits = np.zeros(self.bitmap_blocks * BITS_PER_BITMAP_BLOCK, dtype=np.uint8)
        bits[:self.total_blocks] = np.frombuffer(bytes(self._bitmap()), dtype=np.uint8)
        raw = np.packbits(bits).tobytes()
        for i in range(self.bitmap_blocks):
            self.image.write_block(self.bitmap_start + i, raw[i * BLOCK:(i + 1) * BLOCK])

    def _allocate(self) -> int:
        """The next free block: in block order, or on a floppy in FLOPPY_ORDER."""
        free = self._bitmap()
        if self.total_blocks == FLOPPY_BLOCKS:
            order = FLOPPY_ORDER
            at = next((i for i in range(self._cursor, len(order)) if free[order[i]]), -1)
            if at < 0:
                at = next((i for i in range(len(order)) if free[order[i]]), -1)
            block = order[at] if at >= 0 else -1
        else:
            at = block = free.find(1, self._cursor)
            if block < 0:
                at = block = free.find(1)
        if block < 0:
            raise FsError("disk full")
        free[block] = 0
        self._cursor = at + 1
        return block

    def _release(self, blocks) -> None:
        free = self._bitmap()
        for b in blocks:
            free[b] = 1
        self._cursor = 0

    # --- checking ----------------------------------------------------------------------
    def check(self) -> None:
        """FsError if the catalog does not hold together: every block one owner, in the
        volume, and marked used in the bit map."""
        self._check_header()
        owner: dict[int, str] = {}

        def claim(block: int, what: str) -> None:
            if not 0 < block < self.total_blocks:
                raise damaged(f"{what} points to block {block}, outside the volume")
            if block in owner:
                raise damaged(f"block {block} belongs to both {owner[block]} and {what}")
            owner[block] = what

        for b in self.volume.blocks:
            claim(b, "the volume directory")
        for i in range(self.bitmap_blocks):
            claim(self.bitmap_start + i, "the volume bit map")
        for _, e in self.walk():
            for b in self.blocks_of(e):
                claim(b, f"/{e.path}")
        free = self._bitmap()
        for b in (0, 1):
            if free[b]:
                raise damaged(f"boot block {b} is marked free in the volume bit map")
        for b, what in sorted(owner.items()):
            if free[b]:
                raise damaged(f"block {b} of {what} is marked free in the volume bit map")

    # --- writing -----------------------------------------------------------------------
    def put(self, path: str, data: bytes, file_type: int, aux: int,
            when: datetime | None = None) -> Entry:
        """Write a file (replacing one of that name); its directories are made as needed."""
        names = split_path(path)
        if len(data) > MAX_EOF:
            raise FsError(f"{len(data)} bytes: a ProDOS file holds at most {MAX_EOF}")
        directory = self._make_dirs(names[:-1], when)
        _, old = self._find(names)
        if old is not None:
            if old.is_dir:
                raise FsError(f"{old.path} is a directory")
            if old.locked:
                raise FsError(f"{old.path} is locked")
            self._remove_entry(directory, old)
            directory = self._reload(directory)
        storage, key, used = self._write_data(data, '/'.join(names))
        entry = self._new_entry(directory, names[-1], storage, file_type, key, used, len(data),
                                aux, when)
        self._save_bitmap()
        return entry

    def mkdir(self, path: str, when: datetime | None = None) -> Directory:
        names = split_path(path)
        directory, entry = self._find(names)
        if entry is not None:
            raise FsError(f"{entry.path} already exists")
        made = self._make_dirs(names, when)
        self._save_bitmap()
        return made

    def remove(self, path: str) -> Entry:
        names = split_path(path)
        directory, entry = self._find(names)
        if entry is None:
            raise FsError(f"no file {'/'.join(names)}")
        if entry.locked:
            raise FsError(f"{entry.path} is locked")
        if entry.is_dir:
            sub = self.subdirectory(entry)
            if sub.file_count or self.entries(sub):
                raise FsError(f"directory {entry.path} is not empty")
        self._remove_entry(directory, entry)
        self._save_bitmap()
        return entry

    def _reload(self, directory: Directory) -> Directory:
        return self._directory(directory.key, directory.path, directory.entry)

    def _make_dirs(self, names: list[str], when: datetime | None) -> Directory:
        directory = self.volume
        for name in names:
            entry = next((e for e in self.entries(directory) if e.name == name), None)
            if entry is None:
                entry = self._new_subdirectory(directory, name, when)
            elif not entry.is_dir:
                raise FsError(f"{entry.path} is a file, not a directory")
            directory = self.subdirectory(entry)
        return directory

    def _remove_entry(self, directory: Directory, entry: Entry) -> None:
        self._release(self.blocks_of(entry))
        block = bytearray(self.image.read_block(entry.block))
        at = 4 + (entry.index - 1) * directory.entry_length
        block[at] &= 0x0F                           # storage type 0: the entry is free
        self.image.write_block(entry.block, bytes(block))
        self._set_file_count(directory, -1)

    def _set_file_count(self, directory: Directory, change: int) -> None:
        key = bytearray(self.image.read_block(directory.key))
        _put_word(key, 4 + H_FILE_COUNT, max(0, _word(key, 4 + H_FILE_COUNT) + change))
        self.image.write_block(directory.key, bytes(key))

    def _write_data(self, data: bytes, what: str) -> tuple[int, int, int]:
        """Lay out a file's data: (storage type, key block, blocks used)."""
        count = max(1, -(-len(data) // BLOCK))
        chunks = [data[i * BLOCK:(i + 1) * BLOCK].ljust(BLOCK, b"\0") for i in range(count)]
        zero = bytes(BLOCK)
        keep = [i == 0 or chunk != zero for i, chunk in enumerate(chunks)]
        groups = -(-count // POINTERS)
        index_blocks = 0 if count == 1 else (1 if count <= POINTERS else
                                             1 + sum(any(keep[g * POINTERS:(g + 1) * POINTERS])
                                                     for g in range(groups)))
        needed = sum(keep) + index_blocks
        free = self.free_blocks()
        if needed > free:
            raise FsError(f"disk full: {what} needs {needed} blocks, {free} are free")
        pointers = []
        for chunk, kept in zip(chunks, keep):
            if kept:
                block = self._allocate()
                self.image.write_block(block, chunk)
                pointers.append(block)
            else:
                pointers.append(0)
        if count == 1:
            return SEEDLING, pointers[0], 1
        if count <= POINTERS:
            key = self._write_index(pointers)
            return SAPLING, key, needed
        master = []
        for g in range(groups):
            group = pointers[g * POINTERS:(g + 1) * POINTERS]
            master.append(self._write_index(group) if any(group) else 0)
        return TREE, self._write_index(master), needed

    def _write_index(self, pointers: list[int]) -> int:
        block = self._allocate()
        raw = bytearray(BLOCK)
        for i, p in enumerate(pointers):
            raw[i], raw[i + POINTERS] = p & 0xFF, p >> 8
        self.image.write_block(block, bytes(raw))
        return block

    def _free_slot(self, directory: Directory) -> tuple[int, int]:
        """(block, entry number) of a free entry, adding a block to a full subdirectory."""
        for block, number, data, at in self._slots(directory):
            if data[at] >> 4 == DELETED:
                return block, number
        if directory.entry is None:
            slots = len(directory.blocks) * directory.per_block - 1
            raise FsError(f"the volume directory is full ({slots} entries); "
                          "use a subdirectory")
        if not self.free_blocks():
            raise FsError("disk full: no block for the directory to grow into")
        last = directory.blocks[-1]
        new = self._allocate()
        raw = bytearray(BLOCK)
        _put_word(raw, 0, last)
        self.image.write_block(new, bytes(raw))
        tail = bytearray(self.image.read_block(last))
        _put_word(tail, 2, new)
        self.image.write_block(last, bytes(tail))
        self._grow_entry(directory.entry, len(directory.blocks) + 1)
        directory.blocks.append(new)
        return new, 1

    def _grow_entry(self, entry: Entry, blocks: int) -> None:
        """A subdirectory's entry in its parent: its new size."""
        raw = bytearray(self.image.read_block(entry.block))
        length = self.image.read_block(entry.directory)[4 + H_ENTRY_LENGTH]
        at = 4 + (entry.index - 1) * length
        _put_word(raw, at + E_BLOCKS, blocks)
        eof = blocks * BLOCK
        raw[at + E_EOF:at + E_EOF + 3] = eof.to_bytes(3, "little")
        self.image.write_block(entry.block, bytes(raw))

    def _new_entry(self, directory: Directory, name: str, storage: int, file_type: int,
                   key: int, used: int, eof: int, aux: int, when: datetime | None) -> Entry:
        block, number = self._free_slot(directory)
        e = bytearray(ENTRY_LENGTH)
        e[0] = storage << 4 | len(name)
        e[E_NAME:E_NAME + len(name)] = name.encode("ascii")
        e[E_TYPE] = file_type
        _put_word(e, E_KEY, key)
        _put_word(e, E_BLOCKS, used)
        e[E_EOF:E_EOF + 3] = eof.to_bytes(3, "little")
        stamp = prodos_datetime(when)
        e[E_CREATED:E_CREATED + 4] = stamp
        e[E_ACCESS] = UNLOCKED
        _put_word(e, E_AUX, aux)
        e[E_MODIFIED:E_MODIFIED + 4] = stamp
        _put_word(e, E_HEADER, directory.key)
        raw = bytearray(self.image.read_block(block))
        at = 4 + (number - 1) * directory.entry_length
        raw[at:at + ENTRY_LENGTH] = e
        self.image.write_block(block, bytes(raw))
        self._set_file_count(directory, +1)
        path = f"{directory.path}/{name}" if directory.path else name
        return Entry(path, storage, file_type, key, used, eof, UNLOCKED, aux, block, number,
                     directory.key)

    def _new_subdirectory(self, parent: Directory, name: str, when: datetime | None) -> Entry:
        if self.free_blocks() < 1:
            raise FsError(f"disk full: no block for directory {name}")
        key = self._allocate()
        entry = self._new_entry(parent, name, SUBDIR, DIR, key, 1, BLOCK, 0, when)
        raw = bytearray(BLOCK)
        h = bytearray(ENTRY_LENGTH)
        h[0] = SUBDIR_HEADER << 4 | len(name)
        h[E_NAME:E_NAME + len(name)] = name.encode("ascii")
        h[H_RESERVED] = SUBDIR_MARK
        h[E_CREATED:E_CREATED + 4] = prodos_datetime(when)
        h[E_ACCESS] = UNLOCKED
        h[H_ENTRY_LENGTH], h[H_PER_BLOCK] = ENTRY_LENGTH, ENTRIES_PER_BLOCK
        _put_word(h, H_PARENT, entry.block)
        h[H_PARENT_ENTRY], h[H_PARENT_LENGTH] = entry.index, parent.entry_length
        raw[4:4 + ENTRY_LENGTH] = h
        self.image.write_block(key, bytes(raw))
        return entry


def format_volume(image: BlockImage, name: str, boot: bytes = b"",
                  when: datetime | None = None) -> ProDOS:
    """Make an empty ProDOS volume of the whole image: boot blocks 0-1 (``boot``, up to
    1,024 bytes), volume directory 2-5, bit map from block 6."""
    name = check_name(name)
    total = min(image.blocks, MAX_BLOCKS)
    bitmap_blocks = -(-total // BITS_PER_BITMAP_BLOCK)
    if total < BITMAP_START + bitmap_blocks + 1:
        raise FsError(f"{total} blocks: too small for a ProDOS volume")
    if len(boot) > 2 * BLOCK:
        raise ValueError(f"a boot loader of {len(boot)} bytes does not fit blocks 0-1")
    boot = boot.ljust(2 * BLOCK, b"\0")
    image.write_block(0, boot[:BLOCK])
    image.write_block(1, boot[BLOCK:])
    last = VOLUME_DIR_KEY + VOLUME_DIR_BLOCKS - 1
    for block in range(VOLUME_DIR_KEY, last + 1):
        raw = bytearray(BLOCK)
        _put_word(raw, 0, block - 1 if block > VOLUME_DIR_KEY else 0)
        _put_word(raw, 2, block + 1 if block < last else 0)
        if block == VOLUME_DIR_KEY:
            h = bytearray(ENTRY_LENGTH)
            h[0] = VOLUME_HEADER << 4 | len(name)
            h[E_NAME:E_NAME + len(name)] = name.encode("ascii")
            h[E_CREATED:E_CREATED + 4] = prodos_datetime(when)
            h[E_ACCESS] = UNLOCKED
            h[H_ENTRY_LENGTH], h[H_PER_BLOCK] = ENTRY_LENGTH, ENTRIES_PER_BLOCK
            _put_word(h, H_BITMAP, BITMAP_START)
            _put_word(h, H_TOTAL, total)
            raw[4:4 + ENTRY_LENGTH] = h
        image.write_block(block, bytes(raw))
    bits = np.zeros(bitmap_blocks * BITS_PER_BITMAP_BLOCK, dtype=np.uint8)
    bits[BITMAP_START + bitmap_blocks:total] = 1
    raw = np.packbits(bits).tobytes()
    for i in range(bitmap_blocks):
        image.write_block(BITMAP_START + i, raw[i * BLOCK:(i + 1) * BLOCK])
    return ProDOS(image)
