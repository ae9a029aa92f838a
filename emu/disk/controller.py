"""The Disk II controller card, jitted into the bus: $C0n0-$C0nF of its slot.

What the card does, from Jim Sather, "Understanding the Apple II" (1983),
chapter 9, and "Beneath Apple DOS" chapter 6:

* $C0n0-$C0n7: the four stepper magnets (phase 0-3 off, on).  The head is
  pulled towards the magnets that are on; phase ``p`` lines up with the half
  tracks ``h`` where ``h % 4 == p``, and two adjacent magnets on hold it
  between them (a quarter track).  A magnet opposite the head pulls it
  nowhere.
* $C0n8/$C0n9: motor off/on.  After "off" the disk turns on for about a
  second (the drive's timer), so software can switch drives or pause.
* $C0nA/$C0nB: drive 1 or 2.
* Q6 ($C0nC/D) and Q7 ($C0nE/F) pick what the logic state sequencer does:
  Q7=0,Q6=0 read (shift disk bits into the data register), Q7=0,Q6=1 sense
  write protect, Q7=1,Q6=1 load the data register from the data bus,
  Q7=1,Q6=0 shift its bits out to the disk.  Even addresses read the data
  register.

The disk turns one bit cell every 4 CPU cycles.  Nothing happens between
accesses: each access first turns the disk on by the whole bit cells elapsed
since the last one (``catch_up``), so the cost is per access, not per cycle.

The data register in read mode behaves as the sequencer's documented
behaviour: 0 bits before a nibble are ignored (that is how self-sync bytes
re-align it), bits shift in from the first 1 bit until bit 7 is set, and the
complete nibble is then held while one more bit cell goes by (the sequencer
notes the bit that arrived meanwhile) before shifting resumes.  So a nibble
stays readable for 8 cycles, long enough for a 7-cycle ``LDA $C08C,X / BPL``
loop to see it, and nibbles arrive every 32 cycles.  Where the disk has no
flux change for more than three bit cells, the drive's amplifier turns up
the gain and reads noise: such bits come out random (the WOZ spec's advice).
"""
from __future__ import annotations

import numpy as np
from numba import njit

from .. import jit_options
from .layout import (BITS_WRITTEN, CARD_SLOT, CYCLES_PER_BIT, DIRTY, DRIVE, GROUP,
                     HEAD, HELD, INSERTED, LAST_CYCLE, LATCH, MOTOR_ON, NO_TRACK, PHASES,
                     POSITION, PROTECTED, Q6, Q7, QUARTER_TRACKS, RANDOM, SPIN_DOWN_CYCLES,
                     SPIN_UNTIL, TMAP, TRACK_BITS, TRACK_BYTES, TRACK_SLOTS, TRACKS, WINDOW)

MAX_HEAD = QUARTER_TRACKS - 1
CATCH_UP_LIMIT = 256     # longer gaps: skip round the disk, then turn the last bits


def reset_controller(io: np.ndarray, disk: int, slot: int) -> None:
    """Power-on state of a card in ``slot`` (0: no card); ``disk`` is where its io slots start."""
    io[disk:disk + 32] = 0
    io[disk + CARD_SLOT] = slot
    io[disk + GROUP] = 0x80 + 16 * slot if slot else -1
    io[disk + HELD] = -1
    io[disk + RANDOM] = 0x2545F491
    io[disk + SPIN_UNTIL] = -1


@njit(**jit_options(inline=True))
def noise(io, disk):
    """One random bit, about 30% of them ones (xorshift)."""
    x = io[disk + RANDOM]
    x ^= (x << 13) & 0xFFFFFFFF
    x ^= x >> 17
    x ^= (x << 5) & 0xFFFFFFFF
    io[disk + RANDOM] = x
    return 1 if (x & 0xFF) < 77 else 0


@njit(**jit_options(inline=True))
def track_slot(io, mem, base, disk, drive):
    """The stored track under the head of ``drive``, or -1 (none, or no disk)."""
    if io[disk + INSERTED + drive] == 0:
        return -1
    t = mem[base + TMAP + 256 * drive + io[disk + HEAD + drive]]
    return -1 if t == NO_TRACK else np.int64(t)


@njit(**jit_options(inline=True))
def shift_in(io, disk, bit):
    """One bit cell of read mode through the data register."""
    latch = io[disk + LATCH]
    held = io[disk + HELD]
    if held >= 0:                   # the cell after a complete nibble: resume shifting
        io[disk + LATCH] = (held << 1) | bit
        io[disk + HELD] = -1
    elif latch & 0x80:              # a complete nibble: hold it one cell more
        io[disk + HELD] = bit
    else:
        io[disk + LATCH] = (latch << 1) | bit


@njit(**jit_options())
def turn(io, mem, base, disk, cells):
    """Turn the selected drive's disk by ``cells`` bit cells, reading or writing each."""
    drive = io[disk + DRIVE]
    t = track_slot(io, mem, base, disk, drive)
    count = io[disk + TRACK_BITS + drive * TRACK_SLOTS + t] if t >= 0 else 0
    pos = io[disk + POSITION + drive]
    writing = io[disk + Q7] != 0
    if count > 0 and pos >= count:
        pos = pos % count
    if writing:
        if count == 0 or io[disk + PROTECTED + drive]:
            io[disk + LATCH] = (io[disk + LATCH] << min(cells, 8)) & 0xFF
            io[disk + POSITION + drive] = pos
            return
        if cells > count:
            cells = count
        start = base + TRACKS + (drive * TRACK_SLOTS + t) * TRACK_BYTES
        latch = io[disk + LATCH]
        for _ in range(cells):
            at = start + (pos >> 3)
            mask = 0x80 >> (pos & 7)
            if latch & 0x80:
                mem[at] = mem[at] | mask
            else:
                mem[at] = mem[at] & (0xFF ^ mask)
            latch = (latch << 1) & 0xFF
            pos += 1
            if pos >= count:
                pos = 0
        io[disk + LATCH] = latch
        io[disk + DIRTY + drive * TRACK_SLOTS + t] = 1
        io[disk + BITS_WRITTEN] += cells
        io[disk + POSITION + drive] = pos
        return
    if cells > CATCH_UP_LIMIT:      # only the last cells can still matter to the latch;
        skip = (cells - 64) & ~7    # skipping whole bytes keeps it in step with a
        if count > 0:               # track of 8-bit nibbles (a .nib has no self-sync)
            pos = (pos + skip) % count
        cells -= skip
    start = base + TRACKS + (drive * TRACK_SLOTS + t) * TRACK_BYTES
    window = io[disk + WINDOW]
    for _ in range(cells):
        bit = 0
        if count > 0:
            bit = (mem[start + (pos >> 3)] >> (7 - (pos & 7))) & 1
            pos += 1
            if pos >= count:
                pos = 0
        window = ((window << 1) | bit) & 0xF
        if window == 0:
            bit = noise(io, disk)
        shift_in(io, disk, np.int64(bit))
    io[disk + WINDOW] = window
    io[disk + POSITION + drive] = pos


@njit(**jit_options(inline=True))
def catch_up(io, mem, base, disk, cyc):
    """Turn the disk up to ``cyc``: whole bit cells since the last access, if it spins."""
    last = io[disk + LAST_CYCLE]
    if io[disk + MOTOR_ON] == 0 and cyc >= io[disk + SPIN_UNTIL]:
        io[disk + LAST_CYCLE] = cyc
        return
    cells = (cyc - last) // CYCLES_PER_BIT
    if cells <= 0:
        if cells < 0:
            io[disk + LAST_CYCLE] = cyc
        return
    io[disk + LAST_CYCLE] = last + cells * CYCLES_PER_BIT
    turn(io, mem, base, disk, cells)


@njit(**jit_options())
def step(io, mem, base, disk):
    """Move the selected drive's head towards the magnets that are on."""
    drive = io[disk + DRIVE]
    head = io[disk + HEAD + drive]
    phases = io[disk + PHASES]
    pull = 0
    magnets = 0
    for p in range(4):
        if (phases >> p) & 1:
            d = (2 * p - head) % 8          # quarter tracks to that magnet, 0..7
            if d == 4:
                continue                    # opposite the head: no pull either way
            pull += d - 8 if d > 4 else d
            magnets += 1
    if magnets == 0:
        return
    target = head + pull // magnets if pull >= 0 else head - ((-pull) // magnets)
    target = max(0, min(MAX_HEAD, target))
    if target == head:
        return
    old = track_slot(io, mem, base, disk, drive)
    io[disk + HEAD + drive] = target
    new = track_slot(io, mem, base, disk, drive)
    if old != new and old >= 0 and new >= 0:    # keep the angle round the disk
        row = disk + TRACK_BITS + drive * TRACK_SLOTS
        if io[row + old] > 0:
            io[disk + POSITION + drive] = (io[disk + POSITION + drive] * io[row + new]
                                           // io[row + old])


@njit(**jit_options(inline=True))
def access(io, mem, base, disk, addr, value, cyc, write):
    """Any access to $C0n0-$C0nF; returns what a read sees (-1: the floating bus)."""
    catch_up(io, mem, base, disk, cyc)
    low = addr & 0xF
    if low < 8:
        phase = low >> 1
        if low & 1:
            io[disk + PHASES] |= 1 << phase
        else:
            io[disk + PHASES] &= ~(1 << phase)
        if io[disk + MOTOR_ON] or cyc < io[disk + SPIN_UNTIL]:
            step(io, mem, base, disk)
    elif low == 8:
        if io[disk + MOTOR_ON]:
            io[disk + MOTOR_ON] = 0
            io[disk + SPIN_UNTIL] = cyc + SPIN_DOWN_CYCLES
    elif low == 9:
        io[disk + MOTOR_ON] = 1
    elif low <= 0xB:
        io[disk + DRIVE] = low - 0xA
    elif low <= 0xD:
        io[disk + Q6] = low - 0xC
    else:
        io[disk + Q7] = low - 0xE
    if write and io[disk + Q7] and io[disk + Q6]:
        io[disk + LATCH] = value                 # load the data register
        io[disk + HELD] = -1
    if low & 1:
        return -1
    if io[disk + Q6] and not io[disk + Q7]:      # sense write protect in bit 7
        drive = io[disk + DRIVE]
        wp = io[disk + PROTECTED + drive] or not io[disk + INSERTED + drive]
        return (0x80 if wp else 0) | (io[disk + LATCH] & 0x7F)
    return io[disk + LATCH]
