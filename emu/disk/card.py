"""The Disk II card as the Python side sees it: install it, insert and eject disks.

The jitted controller (``emu.disk.controller``) works on the bits in ``mem``
and the registers in ``io``; this class copies a :class:`Disk`'s tracks in
when it is inserted, and the tracks the controller wrote (their dirty flags)
back out when it is ejected, saved or the machine closes.
"""
from __future__ import annotations

import os

import numpy as np

from .. import bus
from ..userfiles import one_line
from . import controller
from .images import Disk, DiskError, load
from .layout import (CARD_SLOT, DIRTY, DRIVE, DRIVES, GROUP, HEAD, HELD, INSERTED, LATCH,
                     MAX_TRACK_BITS, MOTOR_ON, NO_TRACK, PHASES, POSITION, PROTECTED, Q6, Q7,
                     QUARTER_TRACKS, SPIN_DOWN_CYCLES, SPIN_UNTIL, TMAP, TRACK_BITS, TRACK_BYTES,
                     TRACK_SLOTS, TRACKS, WINDOW)

BLANK_TRACKS = 35               # whole tracks a drive can format on an image lacking them
BLANK_TRACK_BITS = 51_200       # a blank track's length: 300 rpm at 4 us a bit, and a bit


def same_file(a: str | os.PathLike, b: str | os.PathLike) -> bool:
    """Whether two paths name one file (links and relative paths seen through)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


class DiskII:
    """A Disk II controller in ``slot`` of a machine's ``io``/``mem``, with two drives.

    The machine puts it in its slot (``emu.slots``): the table entry and our
    boot ROM at $Cn00 (roms/src/disk2.s, assembled to roms/disk2.rom).
    """

    def __init__(self, io: np.ndarray, mem: np.ndarray, slot: int = 6):
        if not 1 <= slot <= 7:
            raise ValueError(f"the Disk II card goes in slot 1-7, not {slot}")
        self.io, self.mem, self.slot = io, mem, slot
        self.disks: list[Disk | None] = [None] * DRIVES
        self.blank: list[dict[int, list[int]]] = [{} for _ in range(DRIVES)]
        controller.reset_controller(io, bus.DISK, slot)

    def _reg(self, name: int, drive: int = 0) -> int:
        return bus.DISK + name + drive

    def _track_at(self, drive: int, index: int) -> int:
        return bus.DISK_MEM + TRACKS + (drive * TRACK_SLOTS + index) * TRACK_BYTES

    def insert(self, drive: int, disk: Disk | str | os.PathLike, order: str | None = None) -> Disk:
        """Put a disk (an image path or a loaded Disk) in drive 0 or 1; ejects what was there."""
        if not isinstance(disk, Disk):
            disk = load(disk, order)
        if len(disk.tracks) > TRACK_SLOTS:
            raise DiskError(f"{disk.path}: {len(disk.tracks)} tracks; at most {TRACK_SLOTS}")
        self.check_not_shared(drive, disk)
        self.eject(drive)
        io, mem = self.io, self.mem
        row = bus.DISK + TRACK_BITS + drive * TRACK_SLOTS
        io[row:row + TRACK_SLOTS] = 0
        io[bus.DISK + DIRTY + drive * TRACK_SLOTS:
           bus.DISK + DIRTY + (drive + 1) * TRACK_SLOTS] = 0
        for i, bits in enumerate(disk.tracks):
            packed = np.packbits(bits)
            at = self._track_at(drive, i)
            mem[at:at + TRACK_BYTES] = 0
            mem[at:at + len(packed)] = packed
            io[row + i] = len(bits)
        tmap = bus.DISK_MEM + TMAP + 256 * drive
        mem[tmap:tmap + 256] = NO_TRACK
        mem[tmap:tmap + QUARTER_TRACKS] = disk.tmap[:QUARTER_TRACKS]
        self.blank[drive] = {} if disk.write_protected else self._blank_tracks(drive, disk)
        io[self._reg(POSITION, drive)] = 0
        io[self._reg(PROTECTED, drive)] = int(disk.write_protected)
        io[self._reg(INSERTED, drive)] = 1
        self.disks[drive] = disk
        return disk

    def check_not_shared(self, drive: int, disk: Disk) -> None:
        """Refuse an image file that is already in the other drive, unless both are
        write-protected: each drive would write back its own copy, and the last
        one closed would silently undo the other's changes."""
        other = self.disks[1 - drive]
        if other is None or other.path is None or disk.path is None:
            return
        if same_file(other.path, disk.path) and not (disk.write_protected
                                                     and other.write_protected):
            raise DiskError(f"{disk.path}: already in drive {2 - drive}; the same image "
                            "can be in both drives only if both are write-protected")

    def _blank_tracks(self, drive: int, disk: Disk) -> dict[int, list[int]]:
        """Unformatted whole tracks get an empty (all 0, so noise) track to write on.

        A WOZ may leave tracks out (TMAP $FF); a drive can still format them.
        The new tracks live only in mem until something is written there;
        returns {track slot: the quarter tracks that map to it}.
        """
        tmap = bus.DISK_MEM + TMAP + 256 * drive
        row = bus.DISK + TRACK_BITS + drive * TRACK_SLOTS
        blank: dict[int, list[int]] = {}
        used = set(disk.tmap)
        free = iter([i for i in range(TRACK_SLOTS) if i not in used
                     and (i >= len(disk.tracks) or len(disk.tracks[i]) == 0)])
        for track in range(BLANK_TRACKS):
            if self.mem[tmap + 4 * track] != NO_TRACK:
                continue
            index = next(free, None)
            if index is None:
                break
            quarters = [q for q in (4 * track - 1, 4 * track, 4 * track + 1)
                        if 0 <= q < QUARTER_TRACKS and self.mem[tmap + q] == NO_TRACK]
            at = self._track_at(drive, index)
            self.mem[at:at + TRACK_BYTES] = 0
            self.io[row + index] = BLANK_TRACK_BITS
            for q in quarters:
                self.mem[tmap + q] = index
            blank[index] = quarters
        return blank

    def reattach(self, drive: int, disk: Disk) -> None:
        """Tie a drive whose tracks came from a save state to its image file again.

        The bits in ``mem`` stay as the state left them; every track is
        marked written, so that on eject each one that differs from the file
        is saved.  Blank tracks the state formatted (beyond the file's) are
        found again from the quarter-track map.
        """
        self.disks[drive] = disk
        tmap = bus.DISK_MEM + TMAP + 256 * drive
        blank: dict[int, list[int]] = {}
        for q in range(QUARTER_TRACKS):
            index = int(self.mem[tmap + q])
            if index != NO_TRACK and (index >= len(disk.tracks) or len(disk.tracks[index]) == 0):
                blank.setdefault(index, []).append(q)
        self.blank[drive] = blank
        dirty = bus.DISK + DIRTY + drive * TRACK_SLOTS
        self.io[dirty:dirty + len(disk.tracks)] = 1

    def sync(self, drive: int) -> None:
        """Copy the tracks the controller wrote into the drive's Disk."""
        disk = self.disks[drive]
        if disk is None:
            return
        dirty = bus.DISK + DIRTY + drive * TRACK_SLOTS
        for i in np.flatnonzero(self.io[dirty:dirty + TRACK_SLOTS]):
            count = int(self.io[bus.DISK + TRACK_BITS + drive * TRACK_SLOTS + i])
            at = self._track_at(drive, int(i))
            raw = self.mem[at:at + (count + 7) // 8]
            if int(i) in self.blank[drive]:             # a blank track, written at last
                disk.tracks.extend(np.zeros(0, dtype=np.uint8)
                                   for _ in range(int(i) + 1 - len(disk.tracks)))
                for q in self.blank[drive].pop(int(i)):
                    disk.tmap[q] = int(i)
            disk.set_track(int(i), np.unpackbits(raw)[:count])
            self.io[dirty + i] = 0

    def save(self, drive: int) -> bool:
        """Write the drive's changed tracks back to its file now; True if written."""
        self.sync(drive)
        disk = self.disks[drive]
        return disk.save() if disk is not None and not disk.write_protected else False

    def eject(self, drive: int) -> Disk | None:
        """Take the disk out of drive 0 or 1, saving its changes first; returns it."""
        disk = self.disks[drive]
        if disk is None:
            self.io[self._reg(INSERTED, drive)] = 0   # a disk from a save state, with no file
            return None
        try:
            self.save(drive)
        finally:
            self.io[self._reg(INSERTED, drive)] = 0
            self.disks[drive] = None
        return disk

    def close(self) -> list[str]:
        """Eject both disks; returns the errors of any that could not be saved.

        Each drive is saved on its own: one that fails, for whatever reason,
        never keeps the other from being saved.
        """
        errors = []
        for drive in range(DRIVES):
            disk = self.disks[drive]
            try:
                self.eject(drive)
            except DiskError as e:
                errors.append(f"drive {drive + 1}: {one_line(e)}")
            except Exception as e:          # a bug must not cost the other drive its changes
                errors.append(f"drive {drive + 1}: {disk.path if disk else '(no file)'}: "
                              f"changes not saved ({type(e).__name__}: {one_line(e)})")
        return errors

    @property
    def head(self) -> list[int]:
        """Each drive's head position in quarter tracks."""
        return [int(self.io[self._reg(HEAD, d)]) for d in range(DRIVES)]

    def motor_spinning(self, cycle: int) -> bool:
        return bool(self.io[self._reg(MOTOR_ON)]) or cycle < int(self.io[self._reg(SPIN_UNTIL)])

    def reset(self, cycle: int) -> None:
        """RESET clears the card's switch latch: magnets and motor off, drive 1, read mode.

        The motor then runs down as after $C0n8.
        """
        io = self.io
        if io[self._reg(MOTOR_ON)]:
            io[self._reg(SPIN_UNTIL)] = cycle + SPIN_DOWN_CYCLES
        for name in (PHASES, MOTOR_ON, DRIVE, Q6, Q7):
            io[self._reg(name)] = 0


def state_ranges(io: np.ndarray, mem: np.ndarray, slot: int) -> list[tuple]:
    """What the jitted controller needs of a saved ``io``/``mem`` (a save state's).

    (what, values, lowest, highest) for every register it uses as an index or
    a count: a head past the last quarter track, a track map entry past the
    track slots or a bit count past a slot's room would make it read or
    write outside its arrays.  ``slot``: where the state says the card is.
    """
    d = bus.DISK
    group = 0x80 + 16 * slot if slot else -1
    tmaps = mem[bus.DISK_MEM + TMAP:bus.DISK_MEM + TMAP + 256 * DRIVES]
    return [
        ("the Disk II's slot register", io[d + CARD_SLOT], slot, slot),
        ("the Disk II's address group", io[d + GROUP], group, group),
        ("the Disk II's magnets", io[d + PHASES], 0, 0xF),
        ("the Disk II's switches", io[[d + MOTOR_ON, d + DRIVE, d + Q6, d + Q7]], 0, 1),
        ("the Disk II's data latch", io[d + LATCH], 0, 0xFF),
        ("the Disk II's held bit", io[d + HELD], -1, 1),
        ("the Disk II's flux window", io[d + WINDOW], 0, 0xF),
        ("the Disk II's heads", io[d + HEAD:d + HEAD + DRIVES], 0, QUARTER_TRACKS - 1),
        ("the Disk II's head positions", io[d + POSITION:d + POSITION + DRIVES], 0,
         MAX_TRACK_BITS),
        ("the Disk II's write protection", io[d + PROTECTED:d + PROTECTED + DRIVES], 0, 1),
        ("the Disk II's disk-in flags", io[d + INSERTED:d + INSERTED + DRIVES], 0, 1),
        ("the Disk II's track lengths", io[d + TRACK_BITS:d + TRACK_BITS + DRIVES * TRACK_SLOTS],
         0, MAX_TRACK_BITS),
        ("the Disk II's dirty flags", io[d + DIRTY:d + DIRTY + DRIVES * TRACK_SLOTS], 0, 1),
        ("a quarter-track map entry", tmaps[tmaps != NO_TRACK], 0, TRACK_SLOTS - 1),
    ]


__all__ = ["DiskII", "DiskError", "same_file", "state_ranges"]
