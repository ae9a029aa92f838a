"""The ProDOS hard-disk card as the Python side sees it: images in, changes back out.

The card (``emu.disk.hdcontroller``, jitted in the bus) has two units, each
holding a ProDOS volume of up to 65,536 blocks (32 MiB): a ``.po``/``.hdv``
image, a ``.2mg``/``.2img`` (its header's offsets and lock flag honoured),
or a 140K floppy image (``emu.disk.blockimage`` reads them all).  This
class copies an image's blocks into the unit's room in ``mem`` when it is
inserted, and writes them back, atomically and only if the Apple changed a
block, when it is ejected or the machine closes.  A write-protected image
(the 2MG lock flag, a read-only file, ``--write-protect``) is never written:
the card refuses the Apple's writes with the documented error.

The firmware, ``roms/src/harddisk/``, is ours.  Its ID bytes are ProDOS's
($Cn01 = $20, $Cn03 = $00, $Cn05 = $03, $CnFF = the driver's offset) and
SmartPort's ($Cn07 = $00), with one compromise.  The II+ autostart ROM
boots only a card whose first four odd bytes are the Disk II's, $Cn07 =
$3C included (Apple's Technical Information Library, "Auto-Run Apple w/o
DOS": "a ROM whose first four odd bytes match the Apple P5 or P5A PROM"),
and SmartPort software looks for $Cn07 = $00.  So the card has an ID latch,
cleared by power-on and RESET and set by any write to its registers: until
its firmware has run, $Cn07 reads $3C and the autostart scan boots it; from
then on it reads $00, so ProDOS, loaded through it, and any program after
that find a SmartPort.  ProDOS accepts both (it reads only $Cn01-$Cn05 and
$CnFF, and $Cn07 to learn of SmartPort).  What the latch costs: a program
that scans for SmartPort right after a RESET, before anything has used the
card, finds a plain ProDOS block device; and a cold start made by software
(without RESET) after the card was used skips it in the autostart scan.

Save states: a 32 MiB volume is too big to copy into every state, so
``mem`` holds the units' blocks above what a state saves (``bus.SAVED_MEM``)
and a state holds, for each unit, the image's path and size, a CRC-32 of
its blocks as last read from or written to the file, and the blocks the
Apple changed since (the card's changed flags are in the saved part of
``mem``).  Loading a state reads the file again and puts the changed blocks
back on top, so the unit holds the disk the saved machine saw, and those
blocks are written to the file when the unit is ejected (as the Disk II's
tracks are).  If the file's CRC is no longer the saved one (the image was
written after the state was saved), the unit still gets the state's
changed blocks on top of the file as it now is, and a note says so; a file
that is gone or of another size leaves the unit empty, with a note.
"""
from __future__ import annotations

import os
import stat
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .. import bus, slots
from .blockimage import BLOCK, BlockImage, load as load_image
from .hdlayout import (BLOCKS, BLOCKS_READ, BLOCKS_WRITTEN, CARD_SLOT, CHANGED, COMMANDS,
                       HD_IO_SIZE, ID_LATCH, ID_AUTOSTART, ID_SMARTPORT, INSERTED, MAX_BLOCKS,
                       MEDIA, PAGE_TABLE, PROTECTED, RESULT_A, RESULT_X, RESULT_Y, ROM,
                       ROM_SIZE, UNIT_BYTES, UNITS)
from .images import PRODOS, DiskError, write_atomically

ROM_FILE = "harddisk.rom"       # roms/: 8 pages, page n the firmware for slot n


@dataclass
class Volume:
    """An image in a unit: where its blocks go back to, and how.

    The blocks themselves live in the machine's ``mem``.  ``image`` is kept
    only for a 140K image in DOS 3.3 sector order, whose blocks are not in
    the file's order; ``prefix``/``suffix`` are a 2MG file's bytes around
    the data, written back unchanged.
    """

    path: Path | None
    blocks: int
    write_protected: bool
    protection: str
    prefix: bytes
    suffix: bytes
    image: BlockImage | None
    crc: int                    # CRC-32 of the blocks as the file last had them

    @property
    def name(self) -> str:
        return self.path.name if self.path else "(no file)"


class HardDiskCard:
    """The ProDOS hard-disk card in ``slot`` of a machine's ``io``/``mem``: two units."""

    def __init__(self, io: np.ndarray, mem: np.ndarray, slot: int):
        if not 1 <= slot <= 7:
            raise ValueError(f"the hard-disk card goes in slot 1-7, not {slot}")
        self.io, self.mem, self.slot = io, mem, slot
        self.regs = bus.IO_BLOCKS[slots.HARDDISK]
        self.base = bus.MEM_BLOCKS[slots.HARDDISK]
        self.media = bus.MEDIA_BLOCKS[slots.HARDDISK]
        self.volumes: list[Volume | None] = [None] * UNITS
        io[self.regs:self.regs + HD_IO_SIZE] = 0
        io[self.regs + CARD_SLOT] = slot
        io[self.regs + PAGE_TABLE] = bus.PAGES
        io[self.regs + MEDIA] = self.media
        rom = slots.read_rom(slots.BY_KIND[slots.HARDDISK], ROM_FILE, ROM_SIZE)
        mem[self.base + ROM:self.base + ROM + ROM_SIZE] = np.frombuffer(rom, np.uint8)
        mem[self.base + CHANGED:self.base + CHANGED + UNITS * MAX_BLOCKS] = 0

    # --- where things are ---------------------------------------------------------------
    def _reg(self, name: int, unit: int = 0) -> int:
        return self.regs + name + unit

    def _blocks_of(self, unit: int, count: int) -> np.ndarray:
        """The unit's first ``count`` blocks in mem, as a flat byte view."""
        at = self.media + unit * UNIT_BYTES
        return self.mem[at:at + count * BLOCK]

    def _changed(self, unit: int) -> np.ndarray:
        at = self.base + CHANGED + unit * MAX_BLOCKS
        return self.mem[at:at + MAX_BLOCKS]

    @staticmethod
    def _check_unit(unit: int) -> None:
        if unit not in range(UNITS):
            raise ValueError(f"the hard-disk card's units are 0 and 1, not {unit!r}")

    # --- images in and out ----------------------------------------------------------------
    def insert(self, unit: int, image: BlockImage | str | os.PathLike,
               write_protect: bool = False) -> Volume:
        """Put an image (a path or a loaded BlockImage) in unit 0 or 1; ejects what was there.

        Raises DiskError (one line, naming the file) for an image that is
        not a ProDOS block image this card can hold.
        """
        self._check_unit(unit)
        if not isinstance(image, BlockImage):
            image = load_image(image)
        if not 0 < image.blocks <= MAX_BLOCKS:
            raise DiskError(f"{image.path}: {image.blocks} blocks; a unit holds 1 to "
                            f"{MAX_BLOCKS} (32 MB)")
        self.eject(unit)
        volume = self._mount(unit, image, write_protect)
        self._changed(unit)[:] = 0
        return volume

    def _mount(self, unit: int, image: BlockImage, write_protect: bool) -> Volume:
        """Copy the image's blocks into the unit and set its registers (changed flags as they are)."""
        blocks = image.blocks
        room = self._blocks_of(unit, blocks)
        if image.order == PRODOS:
            room[:] = np.frombuffer(image.data, np.uint8)
            kept = None                      # its data is in mem now: let it go
        else:
            for b in range(blocks):
                room[b * BLOCK:(b + 1) * BLOCK] = np.frombuffer(image.read_block(b), np.uint8)
            kept = image
        protected = image.write_protected or write_protect
        protection = image.protection or ("inserted write-protected" if write_protect else "")
        volume = Volume(image.path, blocks, protected, protection, image.prefix, image.suffix,
                        kept, zlib.crc32(room))
        self.volumes[unit] = volume
        self.io[self._reg(BLOCKS, unit)] = blocks
        self.io[self._reg(PROTECTED, unit)] = int(protected)
        self.io[self._reg(INSERTED, unit)] = 1
        return volume

    def _clear(self, unit: int) -> None:
        self.volumes[unit] = None
        self._changed(unit)[:] = 0
        for name in (INSERTED, BLOCKS, PROTECTED):
            self.io[self._reg(name, unit)] = 0

    def changed_blocks(self, unit: int) -> np.ndarray:
        """The blocks of the unit the Apple has changed since the file was read or written."""
        return np.flatnonzero(self._changed(unit))

    def save(self, unit: int) -> bool:
        """Write the unit's changed blocks back to its file now; True if the file was written.

        The whole file is written again (a temporary file, then a rename), a
        2MG keeping its header and chunks; never for a write-protected image.
        """
        volume = self.volumes[unit]
        changed = self.changed_blocks(unit)
        if volume is None or volume.path is None or volume.write_protected or not len(changed):
            return False
        data = self._blocks_of(unit, volume.blocks)
        if volume.image is not None:
            for b in changed:
                volume.image.write_block(int(b), data[b * BLOCK:(b + 1) * BLOCK].tobytes())
            payload = volume.image.file_bytes()
        else:
            payload = b"".join((volume.prefix, data.tobytes(), volume.suffix))
        try:
            write_atomically(volume.path, payload)
        except OSError as e:
            raise DiskError(f"{volume.path}: cannot write it ({e.strerror or e}); "
                            "its changes are not saved") from None
        volume.crc = zlib.crc32(data)
        self._changed(unit)[:] = 0
        return True

    def eject(self, unit: int) -> Volume | None:
        """Take the image out of unit 0 or 1, saving its changes first; returns it."""
        self._check_unit(unit)
        volume = self.volumes[unit]
        try:
            self.save(unit)
        finally:
            self._clear(unit)
        return volume

    def close(self) -> list[str]:
        """Eject both units; returns the errors of any that could not be saved."""
        errors = []
        for unit in range(UNITS):
            try:
                self.eject(unit)
            except DiskError as e:
                errors.append(str(e))
        return errors

    # --- the machine's calls --------------------------------------------------------------
    def reset(self, cycle: int) -> None:
        """RESET clears the ID latch: $Cn07 reads the autostart ROM's $3C again."""
        self.io[self._reg(ID_LATCH)] = 0

    def peek(self, address: int, cycle: int | None = None) -> int:
        """The byte a read of $Cn00-$CnFF returns (reads there have no side effects)."""
        if address & 0xFF == 7:
            return ID_SMARTPORT if self.io[self._reg(ID_LATCH)] else ID_AUTOSTART
        return int(self.mem[self.base + ROM + (address & 0x7FF)])

    # --- save states ---------------------------------------------------------------------
    def state_arrays(self) -> dict[str, np.ndarray]:
        """What a save state holds for the units besides the card's io and mem blocks."""
        arrays = {"harddisk_paths": np.array([str(v.path) if v and v.path else ""
                                              for v in self.volumes], dtype=str),
                  "harddisk_crcs": np.array([v.crc if v else 0 for v in self.volumes],
                                            dtype=np.int64)}
        for unit, volume in enumerate(self.volumes):
            changed = self.changed_blocks(unit) if volume else np.zeros(0, np.int64)
            data = self._blocks_of(unit, volume.blocks if volume else 0)
            arrays[f"harddisk_blocks{unit}"] = changed.astype(np.int64)
            arrays[f"harddisk_data{unit}"] = np.array(
                [data[b * BLOCK:(b + 1) * BLOCK] for b in changed], dtype=np.uint8
            ).reshape(len(changed), BLOCK)
        return arrays

    def restore_state(self, arrays: dict[str, np.ndarray]) -> list[str]:
        """After a state's io and mem are back: read each unit's image again, changes on top.

        Returns notes for the user about units that could not be restored
        as they were.
        """
        notes = []
        paths = arrays.get("harddisk_paths")
        for unit in range(UNITS):
            path = str(paths[unit]) if paths is not None and unit < len(paths) else ""
            if not self.io[self._reg(INSERTED, unit)]:
                self._clear(unit)
                continue
            if not path:
                notes.append(f"hard disk unit {unit + 1}: its image had no file to read "
                             "again; the unit is left empty")
                self._clear(unit)
                continue
            blocks = int(self.io[self._reg(BLOCKS, unit)])
            try:
                image = load_image(path)
                if image.blocks != blocks:
                    raise DiskError(f"{path}: {image.blocks} blocks now; the state's volume "
                                    f"had {blocks}")
            except DiskError as e:
                notes.append(f"hard disk unit {unit + 1}: {e}; the unit is left empty")
                self._clear(unit)
                continue
            volume = self._mount(unit, image, bool(self.io[self._reg(PROTECTED, unit)]))
            crcs = arrays.get("harddisk_crcs")
            if crcs is None or volume.crc != int(crcs[unit]):
                notes.append(f"hard disk unit {unit + 1}: {path} has changed since the state "
                             "was saved; the blocks the state changed are put back, the "
                             "others are as the file has them now")
            room = self._blocks_of(unit, blocks)
            changed = zip(arrays.get(f"harddisk_blocks{unit}", ()),
                          arrays.get(f"harddisk_data{unit}", ()))
            for b, block in changed:
                if 0 <= b < blocks:      # (state_problems checked them against MAX_BLOCKS)
                    room[int(b) * BLOCK:(int(b) + 1) * BLOCK] = block
        return notes


# --- what a save state holds for the card, and what its values may be ---------------------

MAX_PATH_CHARS = 4096           # an image path in a state


def state_specs() -> dict[str, tuple]:
    """The arrays ``state_arrays`` adds to a state, as (dtype, shape or shape check,
    most bytes), for the save-state loader to check before reading them."""
    specs = {"harddisk_paths": ("U", (UNITS,), 4 * MAX_PATH_CHARS * UNITS),
             "harddisk_crcs": (np.dtype(np.int64), (UNITS,), 8 * UNITS)}
    for unit in range(UNITS):
        specs[f"harddisk_blocks{unit}"] = (np.dtype(np.int64), lambda s: len(s) == 1
                                           and s[0] <= MAX_BLOCKS, 8 * MAX_BLOCKS)
        specs[f"harddisk_data{unit}"] = (np.dtype(np.uint8), lambda s: len(s) == 2
                                         and s[0] <= MAX_BLOCKS and s[1] == BLOCK,
                                         MAX_BLOCKS * BLOCK)
    return specs


def state_ranges(io: np.ndarray, regs: int, cycle: int) -> list[tuple]:
    """The card's saved registers, as the loader's (what, values, lowest, highest): the
    page table and media offsets are indexes the jitted card uses, so they must be
    exactly where this machine has them."""
    media = bus.MEDIA_BLOCKS[slots.HARDDISK]
    return [
        ("the hard-disk card's slot", io[regs + CARD_SLOT], 1, 7),
        ("the hard-disk card's page table", io[regs + PAGE_TABLE], bus.PAGES, bus.PAGES),
        ("the hard-disk card's media", io[regs + MEDIA], media, media),
        ("the hard-disk card's flags",
         io[[regs + ID_LATCH] + [regs + r + u for r in (INSERTED, PROTECTED)
                                 for u in range(UNITS)]], 0, 1),
        ("the hard-disk units' sizes", io[regs + BLOCKS:regs + BLOCKS + UNITS], 0, MAX_BLOCKS),
        ("the hard-disk card's results", io[[regs + RESULT_A, regs + RESULT_X,
                                             regs + RESULT_Y]], 0, 0xFF),
        ("the hard-disk card's counts",
         io[[regs + COMMANDS] + [regs + r + u for r in (BLOCKS_READ, BLOCKS_WRITTEN)
                                 for u in range(UNITS)]], 0, 1 << 62),
    ]


def state_problems(data: dict[str, np.ndarray]) -> list[str]:
    """What is wrong with a state's hard-disk arrays (``state_specs``), if anything."""
    problems = []
    paths = data.get("harddisk_paths")
    if paths is not None and any(len(str(p)) > MAX_PATH_CHARS or "\0" in str(p)
                                 for p in paths.tolist()):
        problems.append("a hard-disk image path that is no file name")
    for unit in range(UNITS):
        blocks = data.get(f"harddisk_blocks{unit}")
        rows = data.get(f"harddisk_data{unit}")
        if (blocks is None) != (rows is None) or (blocks is not None
                                                 and len(blocks) != len(rows)):
            problems.append(f"hard disk unit {unit + 1}'s changed blocks without their data")
        elif blocks is not None and len(blocks) and (blocks.min() < 0
                                                     or blocks.max() >= MAX_BLOCKS):
            problems.append(f"hard disk unit {unit + 1}'s changed block numbers out of range")
    return problems


def is_hard_disk_image(path: str | os.PathLike) -> bool:
    """Whether an image given as "the disk" belongs on this card rather than the Disk II.

    A .hdv or 2MG file, or any other image bigger than a 140K floppy
    (except a .nib or WOZ, which are floppies of disk bits).
    """
    path = Path(path)
    ext = path.suffix.lower()
    if ext in (".hdv", ".2mg", ".2img"):
        return True
    if ext in (".woz", ".nib"):
        return False
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return False             # a FIFO or a device: the floppy loader refuses it
        with open(path, "rb") as f:
            magic = f.read(4)
        size = path.stat().st_size
    except (OSError, ValueError):    # ValueError: a NUL in the name
        return False                 # the floppy loader says what is wrong with it
    from .images import SECTOR_IMAGE_SIZE
    return magic not in (b"WOZ1", b"WOZ2") and (magic == b"2IMG" or size > SECTOR_IMAGE_SIZE)


__all__ = ["HardDiskCard", "Volume", "is_hard_disk_image"]
