"""The Disk II controller card, jitted into the bus: $C0n0-$C0nF of its slot.

What the card does, from Jim Sather, "Understanding the Apple II" (1983),
chapter 9, "Beneath Apple DOS" chapters 3 and 6, and the WOZ 2 reference
(applesaucefdc.com/woz/reference2):

* $C0n0-$C0n7: the four stepper magnets (phase 0-3 off, on).  A magnet
  pulls the head towards the half tracks ``h`` where ``h % 4`` is twice its
  phase; two adjacent magnets on pull it between them (a quarter track); a
  magnet opposite the head pulls it nowhere.  The head is not instant: it
  moves one quarter track after the magnets have pulled it the same way for
  ``QUARTER_STEP_CYCLES``; a pull that stops or turns sooner moves nothing.
  The magnets only work while the drive is on (motor on, or running down).
* $C0n8/$C0n9: motor off/on.  After "off" the disk turns on for about a
  second (the drive's timer), so software can switch drives or pause.
* $C0nA/$C0nB: drive 1 or 2.
* Q6 ($C0nC/D) and Q7 ($C0nE/F) pick the sequencer's mode: read, sense
  write protect, write (shift) and write (load).  Even addresses read the
  data register.  Any write to the card puts its value on the bus the load
  takes it from.

The data register is worked by the logic state sequencer
(``emu.disk.sequencer``), clocked twice per CPU cycle ("ticks").  Nothing
happens between accesses: each access first runs the sequencer for all the
ticks since the last one (``catch_up``), so the cost is per access.  Read
mode, the common case, goes through composed spans (the state and register
after 1-12 ticks of a bit cell, for each pulse, from the table), so a whole
bit cell costs one table look-up.  Mid-cell, the state at the cell's start
is kept as an anchor (``ANCHOR``): what a read sees is one more look-up off
the chain, and the next access goes on from the anchor.  Other modes, noise
and what the spans cannot cover go tick by tick.

The disk under the head turns one bit cell per ``CELL_UNITS`` / 256 ticks (8
for the standard 4 us; a WOZ 2 image's optimal bit timing sets it).  A 1 bit
makes a read pulse in the first two ticks of its cell.  The drive's amplifier
sees the flux through a window four bits wide, one bit late; where the window
holds no flux change at all it turns up its gain and hears noise: such cells
pulse at random (about 30% of them) at a random tick (WOZ 2, "Freaking out
like a MC3470").  In write mode the disk moves on one bit each time the
sequencer ends a write cell (states 7 and F), and the bit written is 1 when
the state's top bit, the drive's write signal, flips.
"""
from __future__ import annotations

import numpy as np
from numba import njit

from .. import jit_options
from .layout import (ANCHOR, ANCHOR_REG, ANCHOR_SEQ, BITS_WRITTEN, BUS, CARD_SLOT, CELL_FRAC,
                     CELL_LEN, CELL_TICK, CELL_UNITS, DIRTY, DRIVE, EMPTY_TRACK_BITS, GROUP,
                     HEAD, INSERTED,
                     LAST_TICK, LATCH, MOTOR_ON, NO_TRACK, PHASES, POSITION, PROTECTED,
                     PULL_SINCE, PULSE_AT, Q6, Q7, QUARTER_STEP_CYCLES, QUARTER_TRACKS, RANDOM,
                     SEQ, SEQ_ACTION, SEQ_NEXT, SPAN_PULSES, SPAN_TICKS, SPANS, SPANS_OK,
                     SPIN_DOWN_CYCLES, SPIN_UNTIL, STANDARD_CELL, TICKS_PER_CYCLE, TMAP,
                     TRACK_AT, TRACK_BITS, TRACK_BYTES, TRACK_LEN, TRACK_NOW, TRACK_SLOTS,
                     TRACKS, WINDOW)
from .sequencer import CLR, LD, PULSE_TICKS, SL0, SL1, SR

MAX_HEAD = QUARTER_TRACKS - 1
STEP_TICKS = QUARTER_STEP_CYCLES * TICKS_PER_CYCLE
WRITE = 2                       # modes 2 and 3 (Q7 on) write
SETTLED_TICKS = 512             # a still disk: after this many ticks the sequencer repeats
STILL_PERIOD = 16               # ... every 16 ticks (tests/test_disk_sequencer.py proves it)
LONG_TICKS = 1 << 20            # turning this long, whole turns of the disk may be skipped


def reset_controller(io: np.ndarray, disk: int, slot: int) -> None:
    """Power-on state of a card in ``slot`` (0: no card); ``disk`` is where its io slots start."""
    io[disk:disk + 48] = 0
    io[disk + CARD_SLOT] = slot
    io[disk + GROUP] = 0x80 + 16 * slot if slot else -1
    io[disk + RANDOM] = 0x2545F491
    io[disk + SPIN_UNTIL] = -1
    io[disk + PULSE_AT] = -1
    io[disk + TRACK_NOW] = io[disk + TRACK_AT] = -1
    io[disk + TRACK_LEN] = EMPTY_TRACK_BITS
    for drive in range(2):
        io[disk + CELL_UNITS + drive] = STANDARD_CELL
        io[disk + PULL_SINCE + drive] = -1


# --- the disk under the head ---------------------------------------------------------

@njit(**jit_options(inline=True))
def noise(io, disk):
    """32 random bits (xorshift)."""
    x = io[disk + RANDOM]
    x ^= (x << 13) & 0xFFFFFFFF
    x ^= x >> 17
    x ^= (x << 5) & 0xFFFFFFFF
    io[disk + RANDOM] = x
    return x


@njit(**jit_options(inline=True))
def track_slot(io, mem, base, disk, drive):
    """The stored track under the head of ``drive``, or -1 (none, or no disk)."""
    if io[disk + INSERTED + drive] == 0:
        return -1
    t = mem[base + TMAP + 256 * drive + io[disk + HEAD + drive]]
    return -1 if t == NO_TRACK else np.int64(t)


@njit(**jit_options(inline=True))
def track_length(io, disk, drive, t):
    """Bits round the track ``t`` (a quarter track with no data turns as EMPTY_TRACK_BITS)."""
    if t < 0:
        return np.int64(EMPTY_TRACK_BITS)
    count = io[disk + TRACK_BITS + drive * TRACK_SLOTS + t]
    return count if count > 0 else np.int64(EMPTY_TRACK_BITS)


@njit(**jit_options())
def retrack(io, mem, base, disk):
    """Note the track under the selected drive's head (after its head, the drive or the disk
    changes): which stored track, where its bits are, how long it is."""
    drive = io[disk + DRIVE]
    t = track_slot(io, mem, base, disk, drive)
    stored = t >= 0 and io[disk + TRACK_BITS + drive * TRACK_SLOTS + t] > 0
    io[disk + TRACK_NOW] = t if stored else -1
    io[disk + TRACK_AT] = base + TRACKS + (drive * TRACK_SLOTS + t) * TRACK_BYTES if stored else -1
    io[disk + TRACK_LEN] = track_length(io, disk, drive, t)


@njit(**jit_options(inline=True))
def tick(mem, base, seq, reg, mode, pulse, wp, bus):
    """One tick of the sequencer: (state, register) after it, from the table in mem."""
    i = (seq << 4) | (mode << 2) | ((reg >> 7) << 1) | pulse
    action = mem[base + SEQ_ACTION + i]
    if action == SL0:
        reg = (reg << 1) & 0xFF
    elif action == SL1:
        reg = ((reg << 1) | 1) & 0xFF
    elif action == SR:
        reg = (reg >> 1) | (0x80 if wp else 0)
    elif action == LD:
        reg = bus
    elif action == CLR:
        reg = 0
    return np.int64(mem[base + SEQ_NEXT + i]), np.int64(reg)


@njit(**jit_options(inline=True))
def span(mem, base, seq, reg, ticks, pulse):
    """Read mode over ``ticks`` ticks; ``pulse`` 0: none, 1: in the first two, 2: the first."""
    k = base + SPANS + ((((ticks - 1) * SPAN_PULSES + pulse) << 12 | seq << 8 | reg) << 1)
    return np.int64(mem[k]), np.int64(mem[k + 1])


# --- running the sequencer -------------------------------------------------------------

@njit(**jit_options(inline=True))
def write_protect(io, disk, drive):
    """The drive's write-protect switch as the sequencer's SR sees it (1: protected, no disk)."""
    return 1 if io[disk + PROTECTED + drive] or not io[disk + INSERTED + drive] else 0


@njit(**jit_options(inline=True))
def advance(io, mem, base, disk, drive, seq, reg, first, end, pulse_at, mode, spans):
    """Ticks ``first`` to ``end`` - 1 of a bit cell whose pulse starts at ``pulse_at`` (-1: none).

    The general case (noise, long cells, sense mode, a user's table): spans
    where they apply, else tick by tick.
    """
    wp = write_protect(io, disk, drive)
    bus = io[disk + BUS]
    if spans:
        at = first
        if first == 0 and pulse_at == 0:        # the whole pulse, from the cell's start
            n = min(end, SPAN_TICKS)
            seq, reg = span(mem, base, seq, reg, n, 1)
            at = n
        elif pulse_at >= 0 and first < pulse_at + PULSE_TICKS and end > pulse_at:
            if first < pulse_at:                # quiet ticks before a pulse (noise)
                seq, reg = span(mem, base, seq, reg, pulse_at - first, 0)
                at = pulse_at
            while at < min(end, pulse_at + PULSE_TICKS):
                seq, reg = tick(mem, base, seq, reg, 0, 1, wp, bus)
                at += 1
        while at < end:                         # quiet ticks
            n = min(end - at, SPAN_TICKS)
            seq, reg = span(mem, base, seq, reg, n, 0)
            at += n
        return seq, reg
    for at in range(first, end):
        pulse = 1 if pulse_at >= 0 and pulse_at <= at < pulse_at + PULSE_TICKS else 0
        seq, reg = tick(mem, base, seq, reg, mode, pulse, wp, bus)
    return seq, reg


@njit(**jit_options(inline=True))
def run_cells(io, mem, base, disk, ticks, mode):
    """Read or sense mode, the disk turning: ``ticks`` ticks, bit cell by bit cell."""
    drive = io[disk + DRIVE]
    start = io[disk + TRACK_AT]
    count = io[disk + TRACK_LEN]
    stored = start >= 0
    pos = io[disk + POSITION + drive]
    if pos >= count:
        pos = pos % count
    units = io[disk + CELL_UNITS + drive]
    spans = io[disk + SPANS_OK] != 0 and mode == 0
    seq = io[disk + SEQ]
    reg = io[disk + LATCH]
    window = io[disk + WINDOW]
    length = io[disk + CELL_LEN]
    done = io[disk + CELL_TICK]
    pulse_at = io[disk + PULSE_AT]
    frac = io[disk + CELL_FRAC]
    # Lazy: seq and reg are the state at the start of the cell under way and its first
    # ``done`` ticks are still to be applied (one look-up does a whole data cell).
    lazy = spans and io[disk + ANCHOR] != 0
    if lazy:
        seq = io[disk + ANCHOR_SEQ]
        reg = io[disk + ANCHOR_REG]
    while ticks > 0:
        if done < length:                       # (the rest of) the cell under way
            if lazy:
                if done + ticks < length:
                    done += ticks
                    break
                seq, reg = span(mem, base, seq, reg, length, pulse_at + 1)
                ticks -= length - done
                done = length
                continue
            end = min(length, done + ticks)
            if spans and pulse_at <= 0 and length <= SPAN_TICKS:
                # A data cell, begun before: its pulse, if any, in its first two ticks.
                bit = pulse_at + 1
                pulse = bit * ((done == 0) + 2 * (done == 1))
                seq, reg = span(mem, base, seq, reg, end - done, pulse)
            else:
                seq, reg = advance(io, mem, base, disk, drive, seq, reg, done, end, pulse_at,
                                   mode, spans)
            ticks -= end - done
            done = end
            continue
        # The next bit cells come under the head: whole data cells, one look-up each.
        while True:
            need = units - frac
            length = (need + 255) >> 8
            frac = (length << 8) - need
            bit = 0
            if stored:
                bit = (mem[start + (pos >> 3)] >> (7 - (pos & 7))) & 1
            pos += 1
            if pos >= count:
                pos = 0
            window = ((window << 1) | bit) & 0xF
            if window == 0 or not spans or length > SPAN_TICKS or ticks <= length:
                break
            # the amplifier passes the bit before: a pulse at the cell's start, or none
            seq, reg = span(mem, base, seq, reg, length, (window >> 1) & 1)
            ticks -= length
        done = 0
        if window != 0:
            pulse_at = ((window >> 1) & 1) - 1  # 0: a pulse at its start; -1: none
        else:                                   # no flux in the window: noise
            x = noise(io, disk)
            pulse_at = -1
            if (x & 0xFF) < 77:                 # about 30% ones, at any tick
                pulse_at = ((x >> 8) & 0xFFFF) % max(1, length - PULSE_TICKS + 1)
        lazy = spans and pulse_at <= 0 and length <= SPAN_TICKS
    if lazy and 0 < done < length:              # what the register shows now
        io[disk + ANCHOR] = 1
        io[disk + ANCHOR_SEQ] = seq
        io[disk + ANCHOR_REG] = reg
        seq, reg = span(mem, base, seq, reg, done, pulse_at + 1)
    else:
        io[disk + ANCHOR] = 0
    io[disk + POSITION + drive] = pos
    io[disk + SEQ] = seq
    io[disk + LATCH] = reg
    io[disk + WINDOW] = window
    io[disk + CELL_LEN] = length
    io[disk + CELL_TICK] = done
    io[disk + PULSE_AT] = pulse_at
    io[disk + CELL_FRAC] = frac


@njit(**jit_options())
def run_turns(io, mem, base, disk, ticks, mode):
    """Read or sense mode over a long time: whole turns of the disk are skipped when they repeat.

    After one turn of a track the sequencer has framed its nibbles (self-sync
    bytes see to it); if a second turn leaves everything as the first did, every
    further turn would too, and skipping them is exact.  Otherwise (noise, or a
    turn that is not a whole number of ticks) the turns in between are skipped
    and the disk put where they would have left it.
    """
    drive = io[disk + DRIVE]
    count = io[disk + TRACK_LEN]
    units = io[disk + CELL_UNITS + drive]
    turn = count * units >> 8
    if ticks <= 4 * turn:
        run_cells(io, mem, base, disk, ticks, mode)
        return
    run_cells(io, mem, base, disk, turn, mode)
    before = (io[disk + SEQ], io[disk + LATCH], io[disk + WINDOW], io[disk + CELL_LEN],
              io[disk + CELL_TICK], io[disk + PULSE_AT], io[disk + CELL_FRAC],
              io[disk + POSITION + drive], io[disk + ANCHOR], io[disk + ANCHOR_SEQ],
              io[disk + ANCHOR_REG])
    run_cells(io, mem, base, disk, turn, mode)
    after = (io[disk + SEQ], io[disk + LATCH], io[disk + WINDOW], io[disk + CELL_LEN],
             io[disk + CELL_TICK], io[disk + PULSE_AT], io[disk + CELL_FRAC],
             io[disk + POSITION + drive], io[disk + ANCHOR], io[disk + ANCHOR_SEQ],
             io[disk + ANCHOR_REG])
    rest = ticks - 2 * turn
    if before == after and (count * units) & 0xFF == 0:
        run_cells(io, mem, base, disk, rest % turn, mode)
        return
    skipped = (rest // turn - 1) * turn
    if skipped > 0:
        cells = (skipped << 8) // units
        io[disk + POSITION + drive] = (io[disk + POSITION + drive] + cells) % count
    run_cells(io, mem, base, disk, rest - max(0, skipped), mode)


@njit(**jit_options())
def run_ticks(io, mem, base, disk, ticks, mode, moving):
    """Any mode, tick by tick; writes the bits a turning disk takes in write mode."""
    drive = io[disk + DRIVE]
    wp = write_protect(io, disk, drive)
    bus = io[disk + BUS]
    seq = io[disk + SEQ]
    reg = io[disk + LATCH]
    writing = mode >= WRITE and moving
    if writing:
        t = io[disk + TRACK_NOW]
        count = io[disk + TRACK_LEN]
        can_write = t >= 0 and wp == 0
        start = io[disk + TRACK_AT]
        pos = io[disk + POSITION + drive] % count
        window = io[disk + WINDOW]
        written = 0
        for _ in range(ticks):
            nxt, reg = tick(mem, base, seq, reg, mode, 0, wp, bus)
            if seq & 7 == 7:                    # the end of a write cell: a bit on the disk
                bit = 1 if (nxt ^ seq) & 8 else 0
                if can_write:
                    at = start + (pos >> 3)
                    mask = 0x80 >> (pos & 7)
                    mem[at] = (mem[at] | mask) if bit else (mem[at] & (0xFF ^ mask))
                    written += 1
                pos += 1
                if pos >= count:
                    pos = 0
                window = ((window << 1) | bit) & 0xF
            seq = nxt
        io[disk + POSITION + drive] = pos
        io[disk + WINDOW] = window
        if written:
            io[disk + DIRTY + drive * TRACK_SLOTS + t] = 1
            io[disk + BITS_WRITTEN] += written
    else:
        if ticks > SETTLED_TICKS:               # still disk, no pulses: it only repeats
            ticks = SETTLED_TICKS + (ticks - SETTLED_TICKS) % STILL_PERIOD
        for _ in range(ticks):
            seq, reg = tick(mem, base, seq, reg, mode, 0, wp, bus)
    io[disk + SEQ] = seq
    io[disk + LATCH] = reg
    io[disk + ANCHOR] = 0


@njit(**jit_options(inline=True))
def run(io, mem, base, disk, ticks, moving):
    """Run the sequencer ``ticks`` ticks; ``moving``: the selected disk turns meanwhile."""
    if ticks <= 0:
        return
    mode = io[disk + Q7] * 2 + io[disk + Q6]
    if moving and mode < WRITE:
        if ticks < LONG_TICKS:
            run_cells(io, mem, base, disk, ticks, mode)
        else:
            run_turns(io, mem, base, disk, ticks, mode)
    else:
        run_ticks(io, mem, base, disk, ticks, mode, moving)


# --- the head ----------------------------------------------------------------------------

@njit(**jit_options(inline=True))
def pull(head, phases):
    """Quarter tracks the magnets ``phases`` pull a head at ``head`` (0: none)."""
    total = 0
    magnets = 0
    for p in range(4):
        if (phases >> p) & 1:
            d = (2 * p - head) % 8              # quarter tracks to that magnet, 0..7
            if d == 4:
                continue                        # opposite the head: no pull either way
            total += d - 8 if d > 4 else d
            magnets += 1
    if magnets == 0:
        return 0
    target = head + total // magnets if total >= 0 else head - ((-total) // magnets)
    return max(0, min(MAX_HEAD, target)) - head


@njit(**jit_options(inline=True))
def direction(io, disk, drive, enabled):
    """-1, 0 or +1: where the powered magnets pull the drive's head now."""
    if not enabled:
        return 0
    d = pull(io[disk + HEAD + drive], io[disk + PHASES])
    return 1 if d > 0 else (-1 if d < 0 else 0)


@njit(**jit_options())
def repull(io, disk, drive, before, now, enabled):
    """The magnets changed at tick ``now``: a new pull starts its step afresh."""
    after = direction(io, disk, drive, enabled)
    if after == 0:
        io[disk + PULL_SINCE + drive] = -1
    elif after != before or io[disk + PULL_SINCE + drive] < 0:
        io[disk + PULL_SINCE + drive] = now


@njit(**jit_options())
def move_head(io, mem, base, disk, drive, step, now, enabled):
    """The head reaches the next quarter track; the bit position keeps its angle (WOZ 2)."""
    if step == 0:
        io[disk + PULL_SINCE + drive] = -1
        return
    old = track_slot(io, mem, base, disk, drive)
    old_len = track_length(io, disk, drive, old)
    io[disk + HEAD + drive] = max(0, min(MAX_HEAD, io[disk + HEAD + drive] + step))
    new = track_slot(io, mem, base, disk, drive)
    if new != old:
        new_len = track_length(io, disk, drive, new)
        io[disk + POSITION + drive] = io[disk + POSITION + drive] % old_len * new_len // old_len
        retrack(io, mem, base, disk)
    io[disk + PULL_SINCE + drive] = now if direction(io, disk, drive, enabled) == step else -1


@njit(**jit_options())
def catch_up(io, mem, base, disk, cyc):
    """Run the card up to cycle ``cyc``: the sequencer, the turning disk, the moving head."""
    target = cyc * TICKS_PER_CYCLE
    last = io[disk + LAST_TICK]
    if target <= last:
        io[disk + LAST_TICK] = target
        return
    drive = io[disk + DRIVE]
    if (io[disk + MOTOR_ON] != 0 and io[disk + PULL_SINCE + drive] < 0 and io[disk + Q7] == 0
            and io[disk + Q6] == 0 and target - last < LONG_TICKS):
        run_cells(io, mem, base, disk, target - last, 0)      # the common case: reading
        io[disk + LAST_TICK] = target
        return
    while last < target:
        end = target
        motor = io[disk + MOTOR_ON] != 0
        stop = io[disk + SPIN_UNTIL] * TICKS_PER_CYCLE
        enabled = motor or last < stop
        if enabled and not motor and stop < end:
            end = stop
        since = io[disk + PULL_SINCE + drive]
        step_at = since + STEP_TICKS
        stepping = enabled and since >= 0 and step_at < end
        if stepping:
            end = max(last, step_at)
        run(io, mem, base, disk, end - last, enabled)
        last = end
        if stepping:
            move_head(io, mem, base, disk, drive, direction(io, disk, drive, True), last, True)
        elif enabled and not motor and last == stop:
            io[disk + PULL_SINCE + drive] = -1  # the drive stops: its magnets let go
    io[disk + LAST_TICK] = target


# --- the card's switches ----------------------------------------------------------------

@njit(**jit_options(inline=True))
def access(io, mem, base, disk, addr, value, cyc, write):
    """Any access to $C0n0-$C0nF; returns what a read sees (-1: the floating bus)."""
    catch_up(io, mem, base, disk, cyc)
    switch(io, mem, base, disk, addr & 0xF, cyc)
    if write:
        io[disk + BUS] = value
    if addr & 1:
        return -1
    return io[disk + LATCH]


@njit(**jit_options(inline=True))
def switch(io, mem, base, disk, low, cyc):
    """The soft switch ``low`` ($0-$F) flips at ``cyc`` (the sequencer has run up to it)."""
    if low >= 0xC:                              # Q6, Q7: the busiest, first
        if low <= 0xD:
            if io[disk + Q6] != low - 0xC:
                io[disk + ANCHOR] = 0           # the state now is SEQ and LATCH exactly
            io[disk + Q6] = low - 0xC
            return
        io[disk + ANCHOR] = 0
        if io[disk + Q7] and low == 0xE:        # back to reading: a fresh bit cell
            io[disk + CELL_TICK] = io[disk + CELL_LEN]
            io[disk + CELL_FRAC] = 0
        io[disk + Q7] = low - 0xE
        return
    now = cyc * TICKS_PER_CYCLE
    drive = io[disk + DRIVE]
    enabled = io[disk + MOTOR_ON] != 0 or cyc < io[disk + SPIN_UNTIL]
    if low < 8:
        before = direction(io, disk, drive, enabled)
        if low & 1:
            io[disk + PHASES] |= 1 << (low >> 1)
        else:
            io[disk + PHASES] &= ~(1 << (low >> 1))
        repull(io, disk, drive, before, now, enabled)
    elif low == 8:
        if io[disk + MOTOR_ON]:
            io[disk + MOTOR_ON] = 0
            io[disk + SPIN_UNTIL] = cyc + SPIN_DOWN_CYCLES
    elif low == 9:
        io[disk + MOTOR_ON] = 1
        if not enabled:                         # the magnets get power
            repull(io, disk, drive, 0, now, True)
    elif low - 0xA != drive:                    # $A, $B: the other drive
        io[disk + PULL_SINCE + drive] = -1
        io[disk + DRIVE] = low - 0xA
        retrack(io, mem, base, disk)
        repull(io, disk, low - 0xA, 0, now, enabled)
