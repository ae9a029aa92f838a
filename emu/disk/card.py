"""The Disk II card as the Python side sees it: install it, insert and eject disks.

The jitted controller (``emu.disk.controller``) works on the bits in ``mem``
and the registers in ``io``; this class copies a :class:`Disk`'s tracks in
when it is inserted, and the tracks the controller wrote (their dirty flags)
back out when it is ejected, saved or the machine closes.
"""
from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from .. import bus
from . import controller, sequencer, woz
from .images import Disk, DiskError, load
from .layout import (CELL_UNITS, DIRTY, DRIVE, DRIVES, HEAD, INSERTED, MOTOR_ON, NO_TRACK,
                     PHASES, POSITION, PROTECTED, PULL_SINCE, Q6, Q7, QUARTER_TRACKS, SEQ_ACTION,
                     SEQ_NEXT, SPANS, SPANS_OK, SPIN_DOWN_CYCLES, SPIN_UNTIL,
                     STANDARD_CELL, TMAP, TRACK_BITS, TRACK_BYTES, TRACK_SLOTS, TRACKS)

BOOT_ROM = Path(__file__).resolve().parents[2] / "roms" / "disk2.rom"
BLANK_TRACKS = 35               # whole tracks a drive can format on an image lacking them
BLANK_TRACK_BITS = 51_200       # a blank track's length: 300 rpm at 4 us a bit, and a bit
NOMINAL_RPM = 300               # the Disk II turns at 300 rpm


def boot_rom() -> bytes:
    """Our Disk II boot ROM (roms/src/disk2.s, assembled to roms/disk2.rom)."""
    try:
        data = BOOT_ROM.read_bytes()
    except OSError as e:
        raise DiskError(f"{BOOT_ROM}: cannot read the Disk II boot ROM "
                        f"({e.strerror or e})") from None
    if len(data) != 256:
        raise DiskError(f"{BOOT_ROM}: {len(data)} bytes; the Disk II boot ROM is 256")
    return data


class DiskII:
    """A Disk II controller in ``slot`` of a machine's ``io``/``mem``, with two drives."""

    def __init__(self, io: np.ndarray, mem: np.ndarray, slot: int = 6):
        if not 1 <= slot <= 7:
            raise ValueError(f"the Disk II card goes in slot 1-7, not {slot}")
        self.io, self.mem, self.slot = io, mem, slot
        self.disks: list[Disk | None] = [None] * DRIVES
        self.blank: list[dict[int, list[int]]] = [{} for _ in range(DRIVES)]
        self.rpm = [float(NOMINAL_RPM)] * DRIVES
        self.sequencer: sequencer.SequencerRom | None = None
        controller.reset_controller(io, bus.DISK, slot)
        self.use_sequencer(None)
        rom = np.frombuffer(boot_rom(), dtype=np.uint8)
        mem[bus.SLOT_ROM + slot * 256:bus.SLOT_ROM + slot * 256 + 256] = rom
        io[bus.SLOTS_PRESENT] |= 1 << slot

    def use_sequencer(self, rom: sequencer.SequencerRom | None) -> None:
        """Run the logic state sequencer from a user's P6 PROM, or (None) our table of facts."""
        nxt, act = (rom.next_state, rom.action) if rom is not None else sequencer.standard_tables()
        at = bus.DISK_MEM
        self.mem[at + SEQ_NEXT:at + SEQ_NEXT + 256] = nxt
        self.mem[at + SEQ_ACTION:at + SEQ_ACTION + 256] = act
        pure = sequencer.read_mode_is_pure(act)
        if pure:
            state, reg = sequencer.compose_spans(nxt, act)
            both = np.stack([state.ravel(), reg.ravel()], axis=1).ravel()
            self.mem[at + SPANS:at + SPANS + both.size] = both
        self.io[bus.DISK + SPANS_OK] = int(pure)
        self.sequencer = rom

    def set_speed(self, drive: int, rpm: float) -> None:
        """The drive's rotation speed (300 rpm nominal): bit cells last 300 / rpm as long."""
        if not 150 <= rpm <= 600:
            raise ValueError(f"a drive speed of {rpm} rpm; 150-600 rpm please")
        self.rpm[drive] = float(rpm)
        self._set_cell(drive)

    def _set_cell(self, drive: int) -> None:
        """The drive's bit cell in 1/256 sequencer ticks, from the image's timing and the speed."""
        disk = self.disks[drive]
        eighths = woz.bit_timing(disk) if disk is not None else woz.STANDARD_TIMING
        units = round(STANDARD_CELL * eighths / woz.STANDARD_TIMING * NOMINAL_RPM / self.rpm[drive])
        self.io[self._reg(CELL_UNITS, drive)] = units

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
        self._set_cell(drive)
        self.retrack()
        return disk

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
        self.retrack()

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
            self.retrack()
            return None
        try:
            self.save(drive)
        finally:
            self.io[self._reg(INSERTED, drive)] = 0
            self.disks[drive] = None
            self.retrack()
        return disk

    def close(self) -> list[str]:
        """Eject both disks; returns the errors of any that could not be saved."""
        errors = []
        for drive in range(DRIVES):
            try:
                self.eject(drive)
            except DiskError as e:
                errors.append(str(e))
        return errors

    @property
    def head(self) -> list[int]:
        """Each drive's head position in quarter tracks."""
        return [int(self.io[self._reg(HEAD, d)]) for d in range(DRIVES)]

    def set_head(self, drive: int, quarter: int) -> None:
        """Put a drive's head on a quarter track at once (tests, a debugger's "seek")."""
        self.io[self._reg(HEAD, drive)] = max(0, min(QUARTER_TRACKS - 1, quarter))
        self.retrack()

    def retrack(self) -> None:
        """Tell the controller the track under the selected head may be another now."""
        controller.retrack(self.io, self.mem, bus.DISK_MEM, bus.DISK)

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
        for drive in range(DRIVES):
            io[self._reg(PULL_SINCE, drive)] = -1       # no magnet pulls any more
        self.retrack()


__all__ = ["DiskII", "DiskError", "boot_rom"]
