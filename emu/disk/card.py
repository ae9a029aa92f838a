"""The Disk II card as the Python side sees it: install it, insert and eject disks.

The jitted controller (``emu.disk.controller``) works on the bits in ``mem``
and the registers in ``io``; this class copies a :class:`Disk`'s tracks in
when it is inserted, and the tracks the controller wrote (their dirty flags)
back out when it is ejected, saved or the machine closes.

The card's boot ROM: ours for 16 sectors (roms/disk2.rom, which the machine
puts in when it plugs the card), or for 13 (roms/disk2_13.rom) while drive 1
holds a 13-sector disk, as a card then had Apple's 13-sector PROM; or the
user's own PROM (``emu.rom.load_disk_rom``), which stays whatever the disk.
"""
from __future__ import annotations

import os

import numpy as np

from .. import bus
from ..rom import DiskRom
from ..slots import BY_NAME, read_rom
from ..userfiles import one_line
from . import controller, sequencer, woz
from .images import Disk, DiskError, load
from .layout import (ANCHOR, ANCHOR_REG, ANCHOR_SEQ, BUS, CARD_SLOT, CELL_FRAC, CELL_LEN,
                     CELL_TICK, CELL_UNITS, DIRTY, DRIVE, DRIVES, GROUP, HEAD, INSERTED,
                     LAST_TICK, LATCH, MAX_TRACK_BITS, MOTOR_ON, NO_TRACK, PHASES, POSITION,
                     PROTECTED, PULL_SINCE, PULSE_AT, Q6, Q7, QUARTER_TRACKS, SEQ, SEQ_ACTION,
                     SEQ_NEXT, SPAN_TICKS, SPANS, SPANS_OK, SPIN_DOWN_CYCLES, SPIN_UNTIL,
                     STANDARD_CELL, TICKS_PER_CYCLE, TMAP, TRACK_AT, TRACK_BITS, TRACK_BYTES,
                     TRACK_LEN, TRACK_NOW, TRACK_SLOTS, TRACKS, WINDOW)

BLANK_TRACKS = 35               # whole tracks a drive can format on an image lacking them
BLANK_TRACK_BITS = 51_200       # a blank track's length: 300 rpm at 4 us a bit, and a bit
NOMINAL_RPM = 300               # the Disk II turns at 300 rpm
BOOT_ROMS = {16: "disk2.rom", 13: "disk2_13.rom"}   # ours, in roms/, by sectors a track


def boot_rom(sectors: int = 16) -> bytes:
    """Our Disk II boot ROM for 16 or 13 sectors (roms/src/disk2.s, disk2_13.s)."""
    return read_rom(BY_NAME["disk2"], BOOT_ROMS[sectors], 256)


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
        self.rpm = [float(NOMINAL_RPM)] * DRIVES
        self.sequencer: sequencer.SequencerRom | None = None
        controller.reset_controller(io, bus.DISK, slot)
        self.user_rom: DiskRom | None = None
        self.rom_sectors = 16               # (the machine plugged our 16-sector ROM in)
        self.use_sequencer(None)

    def set_rom(self, rom: DiskRom | None) -> None:
        """Put the user's boot ROM in the card, or (None) ours for drive 1's disk."""
        self.user_rom = rom
        if rom is not None:
            self._load_rom(rom.data, rom.sectors)
        else:
            drive1 = self.disks[0]
            self._load_rom(None, drive1.sectors_per_track if drive1 else 16)

    def _load_rom(self, data: bytes | None, sectors: int) -> None:
        data = boot_rom(sectors) if data is None else data
        at = bus.SLOT_ROM + self.slot * 256
        self.mem[at:at + 256] = np.frombuffer(data, dtype=np.uint8)
        self.rom_sectors = sectors

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
        self.check_not_shared(drive, disk)
        if drive == 0 and self.user_rom is None and disk.sectors_per_track != self.rom_sectors:
            self._load_rom(None, disk.sectors_per_track)    # (before anything changes)
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
        if drive == 0:                  # the state brought its boot ROM too: 13 sectors if $CnFF = $FF
            self.rom_sectors = 13 if self.mem[bus.SLOT_ROM + self.slot * 256 + 255] == 0xFF else 16
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


# The bit cell a drive can have (controller units, 1/256 tick): from the shortest WOZ 2
# timing at the highest speed to the longest at the lowest (see DiskII._set_cell).
MIN_CELL_UNITS = STANDARD_CELL * woz.MIN_TIMING // woz.STANDARD_TIMING * NOMINAL_RPM // 600
MAX_CELL_UNITS = STANDARD_CELL * woz.MAX_TIMING // woz.STANDARD_TIMING * NOMINAL_RPM // 150
MAX_CELL_TICKS = (MAX_CELL_UNITS + 255) >> 8


def state_ranges(io: np.ndarray, mem: np.ndarray, slot: int,
                 cycles: int | None = None) -> list[tuple]:
    """What the jitted controller needs of a saved ``io``/``mem`` (a save state's).

    (what, values, lowest, highest) for every register it uses as an index or
    a count: a head past the last quarter track, a track map entry past the
    track slots, a bit count past a slot's room, a sequencer state past 15 or
    a bit cell longer than the composed spans would make it read or write
    outside its arrays; a sequencer behind the CPU by more than the state's
    whole run would keep it turning for ever.  ``slot``: where the state says
    the card is; ``cycles``: the CPU's cycle count in the state.
    """
    d = bus.DISK
    group = 0x80 + 16 * slot if slot else -1
    base = bus.DISK_MEM
    tmaps = mem[base + TMAP:base + TMAP + 256 * DRIVES]
    spans = mem[base + SPANS:base + TRACKS]
    at = int(io[d + TRACK_AT])
    track_at = [] if at == -1 else [(at - base - TRACKS) // TRACK_BYTES
                                     if (at - base - TRACKS) % TRACK_BYTES == 0 else -1]
    anchored = io[d + ANCHOR] == 1
    ranges = [
        ("the Disk II's slot register", io[d + CARD_SLOT], slot, slot),
        ("the Disk II's address group", io[d + GROUP], group, group),
        ("the Disk II's magnets", io[d + PHASES], 0, 0xF),
        ("the Disk II's switches", io[[d + MOTOR_ON, d + DRIVE, d + Q6, d + Q7]], 0, 1),
        ("the Disk II's data latch", io[[d + LATCH, d + ANCHOR_REG, d + BUS]], 0, 0xFF),
        ("the Disk II's sequencer state", io[[d + SEQ, d + ANCHOR_SEQ]], 0, 0xF),
        ("the Disk II's flux window", io[d + WINDOW], 0, 0xF),
        ("the Disk II's bit cell", io[[d + CELL_LEN, d + CELL_TICK]], 0, MAX_CELL_TICKS),
        ("the Disk II's read pulse", io[d + PULSE_AT], -1, MAX_CELL_TICKS),
        ("the Disk II's cell fraction", io[d + CELL_FRAC], 0, 0xFF),
        ("the Disk II's bit timings", io[d + CELL_UNITS:d + CELL_UNITS + DRIVES],
         MIN_CELL_UNITS, MAX_CELL_UNITS),
        ("the Disk II's flags", io[[d + ANCHOR, d + SPANS_OK]], 0, 1),
        ("the Disk II's anchored cell", io[d + CELL_LEN] if anchored else [], 1, SPAN_TICKS),
        ("the Disk II's anchored pulse", io[d + PULSE_AT] if anchored else [], -1, 0),
        ("the Disk II's track under the head", io[d + TRACK_NOW], -1, TRACK_SLOTS - 1),
        ("the Disk II's track address", track_at, 0, DRIVES * TRACK_SLOTS - 1),
        ("the Disk II's track length", io[d + TRACK_LEN], 1, MAX_TRACK_BITS),
        ("the Disk II's sequencer table", mem[base + SEQ_NEXT:base + SEQ_NEXT + 256], 0, 0xF),
        ("the Disk II's sequencer actions", mem[base + SEQ_ACTION:base + SEQ_ACTION + 256], 0,
         sequencer.CLR),   # (CLR: the last action code)
        ("the Disk II's composed spans", spans[0::2], 0, 0xF),
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
    if cycles is not None:
        ranges.append(("the Disk II's sequencer clock", io[d + LAST_TICK], 0,
                       TICKS_PER_CYCLE * cycles))
    return ranges


__all__ = ["DiskII", "DiskError", "same_file", "state_ranges"]
