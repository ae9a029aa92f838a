"""The AY-3-8910 programmable sound generator (General Instrument data sheet), jitted.

    R0/R1   channel A tone period, 12 bits (fine, coarse)      R8   A amplitude: M, L3-L0
    R2/R3   channel B tone period                              R9   B amplitude
    R4/R5   channel C tone period                              R10  C amplitude
    R6      noise period, 5 bits                               R11/R12 envelope period, 16 bits
    R7      mixer: /tone A B C (bits 0-2), /noise A B C        R13  envelope shape: CONT ATT
            (bits 3-5), I/O port directions (bits 6-7)              ALT HOLD
                                                               R14/R15 I/O ports A and B

The bus.  BDIR and BC1 (BC2 tied high, as on the Mockingboard) pick what
the chip does with its data lines DA0-DA7: 00 inactive, 01 read the latched
register onto the bus, 10 write the bus into it, 11 latch the bus as the
register address.  The chip answers only addresses $00-$0F (the upper four
bits must match its mask-programmed 0000); /RESET low clears every register.
:func:`bus` applies that after any change of the 6522 port lines it is
wired to, and logs each register write with its cycle.

The sound, from the data sheet's block diagram, clocked at the Apple's
1.023 MHz: a divide-by-8 makes the chip's tick (about 127.6 kHz here).

* Tone: a 12-bit counter per channel toggles a square wave every TP ticks,
  so f = clock / (16 TP).  Noise: the 17-bit shift register (taps at bits 0
  and 3, the output is bit 0) shifts every 2 NP ticks: f = clock / (16 NP).
  Envelope: one of its 16 steps every 2 EP ticks: f = clock / (256 EP).  A
  period of 0 acts as 1.
* Mixer: a channel sounds its level while (tone or its disable bit) and
  (noise or its disable bit) are 1, else 0.
* Level: L3-L0, or the envelope's when M is set; the DAC is logarithmic, 3 dB
  a step (the data sheet's output curve): level n gives 2 ** ((n - 15) / 2)
  of full scale, level 0 silence.
* Envelope (CONT ATT ALT HOLD): a ramp of 16 steps, up if ATT; at its end,
  without CONT it drops to 0 and holds; with HOLD it holds at the end level
  (inverted if ALT); otherwise it starts again, reversed if ALT.  Writing R13
  starts it afresh.

Nothing ticks per cycle: :func:`synthesize` runs from one event (a toggle,
a noise shift, an envelope step, a register write) to the next, and when
someone listens it notes each change of the output as (tick, new level):
a piecewise constant signal, which ``emu.audio.BandLimit`` turns into
band-limited samples.  The chip's output is the mean of its three
channels, 0..1.
"""
from __future__ import annotations

import numpy as np
from numba import njit

from .. import jit_options

REGISTERS = 16
MASKS = np.array([0xFF, 0x0F, 0xFF, 0x0F, 0xFF, 0x0F, 0x1F, 0xFF,
                  0x1F, 0x1F, 0x1F, 0xFF, 0xFF, 0x0F, 0xFF, 0xFF], dtype=np.int64)
R_MIXER, R_AMPLITUDE, R_NOISE, R_ENVELOPE, R_SHAPE = 7, 8, 6, 11, 13
RESET_REGISTER = 16         # a log entry for /RESET (all registers cleared)
CYCLES_PER_TICK = 8         # the chip's divide-by-8

# Bus functions: BDIR * 2 + BC1.
INACTIVE, READ, WRITE, LATCH = 0, 1, 2, 3
IN_RESET = 4

# The bus side's state, relative to its base in io: what the CPU can read back.
REG = 0                     # R0-R15
ADDRESS = 16                # the latched address (0-255; above 15 the chip is not selected)
FUNCTION = 17               # the bus function in force (or IN_RESET)
BUS_SIZE = 20

# The synthesizer's state, relative to its base in io.
SREG = 0                    # its copy of R0-R15, as of the tick it has reached
TONE_COUNT = 16             # 16-18: the tone counters of A, B, C
TONE_OUT = 19               # 19-21: their square waves
NOISE_COUNT = 22
LFSR = 23                   # the 17-bit noise shift register
ENV_COUNT = 24
ENV_STEP = 25               # 0-15 within the ramp
ENV_ATTACK = 26             # 1: the ramp goes up
ENV_HOLDING = 27
ENV_LEVEL = 28              # the envelope's output level, 0-15
TICK = 29                   # the next tick to synthesize (tick k is at cycle 8 k)
SYNTH_SIZE = 32

# Log entries: (cycle, chip << 8 | register, value).
ENTRY = 3


def volume_table() -> np.ndarray:
    """The DAC's output for levels 0-15, as a fraction of full scale (3 dB a step)."""
    table = 2.0 ** ((np.arange(16) - 15) / 2.0)
    table[0] = 0.0
    return table


VOLUME = volume_table()


def power_on(io: np.ndarray, bus_base: int, synth_base: int) -> None:
    io[bus_base:bus_base + BUS_SIZE] = 0
    io[synth_base:synth_base + SYNTH_SIZE] = 0
    io[synth_base + LFSR] = 1
    io[synth_base + ENV_LEVEL] = 15
    io[synth_base + ENV_HOLDING] = 1


# --- the bus side (called by the card's handler for every port change) -------------

@njit(**jit_options(inline=True))
def log_write(io, log, chip, reg, value, cyc, capacity):
    n = io[log]
    if n < capacity:
        at = log + 1 + ENTRY * n
        io[at] = cyc
        io[at + 1] = (chip << 8) | reg
        io[at + 2] = value
        io[log] = n + 1


@njit(**jit_options())
def bus(io, a, chip, function, data, reset, cyc, log, capacity):
    """The chip sees BDIR/BC1 = ``function``, DA = ``data`` and /RESET (low: ``reset``).

    Returns what it drives onto DA0-DA7 (-1: nothing).
    """
    if reset:
        if io[a + FUNCTION] != IN_RESET:
            for r in range(REGISTERS):
                io[a + REG + r] = 0
            io[a + ADDRESS] = 0
            io[a + FUNCTION] = IN_RESET
            log_write(io, log, chip, RESET_REGISTER, 0, cyc, capacity)
        return np.int64(-1)
    previous = io[a + FUNCTION]
    io[a + FUNCTION] = function
    address = io[a + ADDRESS]
    if function == LATCH:
        io[a + ADDRESS] = data
        return np.int64(-1)
    if address > 15:                          # another chip's address: not selected
        return np.int64(-1)
    if function == WRITE:
        value = data & MASKS[address]
        if previous != WRITE or value != io[a + REG + address]:
            io[a + REG + address] = value
            log_write(io, log, chip, address, value, cyc, capacity)
        return np.int64(-1)
    if function == READ:
        value = io[a + REG + address]
        if address >= 14 and not (io[a + REG + R_MIXER] >> (address - 8)) & 1:
            value = 0xFF                      # an I/O port set to input: nothing drives it
        return value
    return np.int64(-1)


# --- the synthesizer -----------------------------------------------------------------

@njit(**jit_options(inline=True))
def until_event(count, period):
    """Ticks until a counter of ``period`` that stands at ``count`` fires (that tick included)."""
    return max(np.int64(1), period - count)


@njit(**jit_options(inline=True))
def advance(count, period, ticks):
    """A counter after ``ticks`` ticks: (count, how many times it fired)."""
    first = until_event(count, period)
    if ticks < first:
        return count + ticks, np.int64(0)
    fired = 1 + (ticks - first) // period
    return (ticks - first) - (fired - 1) * period, fired


@njit(**jit_options(inline=True))
def tone_period(io, s, ch):
    return max(np.int64(1), io[s + SREG + 2 * ch] | (io[s + SREG + 2 * ch + 1] << 8))


@njit(**jit_options(inline=True))
def envelope_step(io, s):
    """One step of the envelope (it is not holding)."""
    step = io[s + ENV_STEP] + 1
    attack = io[s + ENV_ATTACK]
    if step < 16:
        io[s + ENV_STEP] = step
        io[s + ENV_LEVEL] = step if attack else 15 - step
        return
    shape = io[s + SREG + R_SHAPE]
    if not shape & 8:                           # CONT off: drop to 0 and stay
        io[s + ENV_HOLDING] = 1
        io[s + ENV_LEVEL] = 0
    elif shape & 1:                             # HOLD: stay at the end (ALT: inverted)
        io[s + ENV_HOLDING] = 1
        io[s + ENV_LEVEL] = 15 if attack ^ ((shape >> 1) & 1) else 0
    else:                                       # again; ALT reverses it
        if shape & 2:
            attack ^= 1
            io[s + ENV_ATTACK] = attack
        io[s + ENV_STEP] = 0
        io[s + ENV_LEVEL] = 0 if attack else 15


@njit(**jit_options(inline=True))
def noise_step(lfsr):
    """One shift of the 17-bit noise register: taps at bits 0 and 3 feed bit 16."""
    return (lfsr >> 1) | (((lfsr ^ (lfsr >> 3)) & 1) << 16)


def noise_jumps() -> np.ndarray:
    """``NOISE_JUMPS[i]``: the register after 2 ** i shifts, as a matrix over GF(2).

    A shift is linear in the register's bits, so 2 ** i of them are the
    i-th power of two of its matrix; row r is the mask of the bits whose
    parity is bit r afterwards.  With them :func:`shift_noise` makes any
    number of shifts in at most 17 matrix products: an idle card, or noise
    nobody hears, is caught up without a loop per shift.
    """
    rows = [1 << (r + 1) for r in range(NOISE_BITS - 1)] + [0b1001]     # one shift
    jumps = []
    for _ in range(NOISE_BITS):
        jumps.append(rows)
        # Squared: row r of M*M has, for each bit b of row r of M, row b of M.
        rows = [_mask_product(row, rows) for row in rows]
    return np.array(jumps, dtype=np.int64)


def _mask_product(row: int, rows: list[int]) -> int:
    out = 0
    for b in range(NOISE_BITS):
        if (row >> b) & 1:
            out ^= rows[b]
    return out


NOISE_BITS = 17
NOISE_PERIOD = (1 << NOISE_BITS) - 1    # a prime: every register but 0 comes back after it
NOISE_JUMPS = noise_jumps()


@njit(**jit_options(inline=True))
def _parity(x):
    x ^= x >> 16
    x ^= x >> 8
    x ^= x >> 4
    x ^= x >> 2
    x ^= x >> 1
    return x & 1


@njit(**jit_options(inline=True))
def shift_noise(io, s, times):
    """Shift the noise register ``times`` times."""
    lfsr = io[s + LFSR]
    if times < 64:
        for _ in range(times):
            lfsr = noise_step(lfsr)
    else:
        times %= NOISE_PERIOD
        for i in range(NOISE_BITS):
            if (times >> i) & 1:
                out = 0
                for r in range(NOISE_BITS):
                    out |= _parity(NOISE_JUMPS[i, r] & lfsr) << r
                lfsr = out
    io[s + LFSR] = lfsr


@njit(**jit_options())
def level(io, s, volume):
    """The chip's output now: the mean of its three channels, 0..1."""
    mixer = io[s + SREG + R_MIXER]
    noise = io[s + LFSR] & 1
    total = 0.0
    for ch in range(3):
        tone_on = (mixer >> ch) & 1 or io[s + TONE_OUT + ch]
        noise_on = (mixer >> (ch + 3)) & 1 or noise
        if tone_on and noise_on:
            amp = io[s + SREG + R_AMPLITUDE + ch]
            total += volume[io[s + ENV_LEVEL] if amp & 0x10 else amp & 0xF]
    return total / 3.0


@njit(**jit_options())
def apply_write(io, s, reg, value):
    """A register write reaches the synthesizer."""
    if reg == RESET_REGISTER:
        for r in range(REGISTERS):
            io[s + SREG + r] = 0
        io[s + ENV_STEP] = 0
        io[s + ENV_ATTACK] = 0
        io[s + ENV_HOLDING] = 0
        io[s + ENV_LEVEL] = 15
        io[s + ENV_COUNT] = 0
        return
    io[s + SREG + reg] = value
    if reg == R_SHAPE:                          # a new shape starts the envelope afresh
        attack = (value >> 2) & 1
        io[s + ENV_STEP] = 0
        io[s + ENV_ATTACK] = attack
        io[s + ENV_HOLDING] = 0
        io[s + ENV_LEVEL] = 0 if attack else 15
        io[s + ENV_COUNT] = 0


@njit(**jit_options(inline=True))
def note_change(changes, tick, value):
    """Append (tick, level) to ``changes`` (changes[0]: how many; full: dropped)."""
    n = np.int64(changes[0])
    if 2 * n + 2 < len(changes):
        changes[2 * n + 1] = tick
        changes[2 * n + 2] = value
        changes[0] = n + 1


@njit(**jit_options())
def run(io, s, start, end, changes, want, volume):
    """Ticks ``start`` .. ``end`` (exclusive); with ``want``, each change of the output."""
    t = start
    now = level(io, s, volume)
    while t < end:
        mixer = io[s + SREG + R_MIXER]
        noise_period = 2 * max(np.int64(1), io[s + SREG + R_NOISE])
        env_period = 2 * max(np.int64(1), io[s + SREG + R_ENVELOPE]
                             | (io[s + SREG + R_ENVELOPE + 1] << 8))
        # The ticks to the next event that can change the output: a silent
        # channel's tone, or noise nobody hears, is counted but not followed.
        k = end - t
        noise_heard = False
        env_heard = False
        for ch in range(3):
            amp = io[s + SREG + R_AMPLITUDE + ch]
            if amp & 0x1F:
                if not (mixer >> ch) & 1:
                    k = min(k, until_event(io[s + TONE_COUNT + ch], tone_period(io, s, ch)))
                if not (mixer >> (ch + 3)) & 1:
                    noise_heard = True
                if amp & 0x10:
                    env_heard = True
        if noise_heard:
            k = min(k, until_event(io[s + NOISE_COUNT], noise_period))
        if env_heard and not io[s + ENV_HOLDING]:
            k = min(k, until_event(io[s + ENV_COUNT], env_period))
        # Every counter moves k ticks on; those whose event falls in them fire.
        for ch in range(3):
            count, fired = advance(io[s + TONE_COUNT + ch], tone_period(io, s, ch), k)
            io[s + TONE_COUNT + ch] = count
            io[s + TONE_OUT + ch] ^= fired & 1
        count, fired = advance(io[s + NOISE_COUNT], noise_period, k)
        io[s + NOISE_COUNT] = count
        if fired:
            shift_noise(io, s, fired)
        count, fired = advance(io[s + ENV_COUNT], env_period, k)
        io[s + ENV_COUNT] = count
        for _ in range(fired):
            if io[s + ENV_HOLDING]:
                break
            envelope_step(io, s)
        new = level(io, s, volume)
        if want and new != now:
            note_change(changes, t + k - 1, new)     # from the event's tick on
        now = new
        t += k


@njit(**jit_options())
def synthesize(io, s, chip, log, count, end, changes, want, volume):
    """Run one chip's synthesizer from its TICK to tick ``end``, with its writes in the log.

    A write in cycle c reaches the first tick after it (c // 8 + 1).  With
    ``want``, ``changes`` (changes[0] = how many, then tick, level pairs)
    gets every change of the output, a write's included.
    """
    t = io[s + TICK]
    for i in range(count):
        at = log + 1 + ENTRY * i
        if io[at + 1] >> 8 != chip:
            continue
        tick = io[at] // CYCLES_PER_TICK + 1
        if tick > t:
            stop = min(tick, end)
            run(io, s, t, stop, changes, want, volume)
            t = stop
        before = level(io, s, volume)
        apply_write(io, s, io[at + 1] & 0xFF, io[at + 2])
        after = level(io, s, volume)
        if want and after != before:
            note_change(changes, t, after)
    if end > t:
        run(io, s, t, end, changes, want, volume)
    io[s + TICK] = max(t, end)
