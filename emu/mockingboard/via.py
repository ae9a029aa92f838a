"""The 6522 Versatile Interface Adapter (Rockwell R6522, WDC W65C22S), jitted and lazy.

    RS3-RS0  read                           write
    0  ORB   port B (IRB)                   ORB
    1  ORA   port A (IRA), handshake        ORA, handshake
    2  DDRB  data direction B (1: output)   DDRB
    3  DDRA  data direction A               DDRA
    4  T1C-L T1 counter low, clears IFR6    T1 latch low
    5  T1C-H T1 counter high                T1 latch high; counter = latch; clears
                                            IFR6; starts T1 (one-shot: PB7 low)
    6  T1L-L T1 latch low                   T1 latch low
    7  T1L-H T1 latch high                  T1 latch high; clears IFR6
    8  T2C-L T2 counter low, clears IFR5    T2 latch low
    9  T2C-H T2 counter high                T2 counter = this and the latch; clears
                                            IFR5; starts T2
    A  SR    shift register, clears IFR2    SR, clears IFR2
    B  ACR   auxiliary control              ACR
    C  PCR   peripheral control             PCR
    D  IFR   flags; bit 7 = IRQ active      a 1 bit clears that flag
    E  IER   enables; bit 7 reads 1         bit 7 = 1: set the 1 bits, 0: clear them
    F  ORA   port A without handshake       ORA without handshake

The timers, from the data sheets' timing diagrams, with the cycle of the
write of T1C-H (or T2C-H) of a count N as cycle w:

* the counter reads N in cycle w+1, N-1 in w+2 ... 0 in w+N+1, and $FFFF in
  w+N+2: the time-out.  The interrupt flag is set in that cycle (a read of
  IFR in it sees the flag) and the IRQ output falls in its middle (the data
  sheets' N + 1.5 cycles), so the CPU sees IRQ from cycle w+N+2 on.
* Timer 1 then reloads its latch: the counter reads L in the next cycle, and
  times out every L+2 cycles.  It reloads in one-shot mode too, but sets its
  flag only on the first time-out after the write; in free-running mode
  (ACR6) on every one, and PB7 (ACR7) inverts each time.  In one-shot mode
  PB7 goes low at the write and high at the time-out.
* Timer 2 has no high latch: it counts on through $FFFF, $FFFE ..., and
  flags only the first time-out after the write.  In pulse-counting mode
  (ACR5) it counts falling edges on PB6 instead, and flags reaching zero.

The same numbers, measured on real cards, are in Tom Charlesworth's
mb-audit (the T1 and T2 read-back and IFR-polling tests); tests/test_via.py
checks them with 6502 programs of our own.

Nothing ticks between accesses: the state holds the cycle of the next
time-out, so every value is worked out from the cycle of the access
(``catch_up``), and :func:`irq_from` tells the bus the cycle the IRQ output
will fall, in advance, so the CPU takes the interrupt on time without
calling us.

What the Mockingboard does not wire, and so is kept as registers only: the
control lines CA1, CA2, CB1, CB2 (their flags are never set by a line, but
are cleared by port accesses as the data sheet says), input latching, and
the shift register, which holds what was written but does not shift.
"""
from __future__ import annotations

import numpy as np
from numba import njit

from .. import jit_options

# Register select (RS3-RS0).
ORB, ORA, DDRB, DDRA, T1C_L, T1C_H, T1L_L, T1L_H, T2C_L, T2C_H, SR, ACR, PCR, IFR, IER, \
    ORA_NH = range(16)

# Interrupt flag and enable bits.
IFR_CA2, IFR_CA1, IFR_SR, IFR_CB2, IFR_CB1, IFR_T2, IFR_T1 = (1 << b for b in range(7))
IFR_IRQ = 0x80
ACR_T2_COUNT = 0x20     # T2 counts pulses on PB6
ACR_T1_FREE = 0x40      # T1 free-running
ACR_PB7 = 0x80          # T1 drives PB7

# The VIA's state: slots relative to its base in io.
S_ORB, S_ORA, S_DDRB, S_DDRA = 0, 1, 2, 3
S_T1L_L, S_T1L_H = 4, 5     # the T1 latches
S_SR, S_ACR, S_PCR, S_IFR, S_IER = 6, 7, 8, 9, 10
T1_NEXT = 11        # cycle of the next T1 time-out not yet counted
T1_LAST = 12        # cycle of the last one counted (-1: none since the last start)
T1_ARMED = 13       # one-shot: 1 from the T1C-H write to the time-out
PB7 = 14            # T1's output on PB7
S_T2L_L = 15        # the T2 latch (low byte)
T2_NEXT = 16        # timed mode: the cycle T2 next reads $FFFF
T2_COUNT = 17       # pulse-counting mode: the counter
T2_ARMED = 18       # 1 from the T2C-H write to the time-out
PORT_A_IN = 19      # what drives port A's input pins (the AY reading); -1: nothing
IRQ_SINCE = 20      # cycle the IRQ output fell, or will fall; -1: neither
SIZE = 24

NEVER = np.int64(1) << 62


def power_on(io: np.ndarray, v: int) -> None:
    """Registers at power-up (the chip's are random; these make the timers run)."""
    io[v:v + SIZE] = 0
    io[v + S_T1L_L] = io[v + S_T1L_H] = 0xFF
    io[v + T1_NEXT] = 0x10000
    io[v + T2_NEXT] = 0x10000
    io[v + S_T2L_L] = 0xFF
    reset(io, v)


@njit(**jit_options())
def reset(io, v):
    """RES: clears every register but the timers, their latches and SR (data sheet)."""
    for r in (S_ORB, S_ORA, S_DDRB, S_DDRA, S_ACR, S_PCR, S_IFR, S_IER):
        io[v + r] = 0
    io[v + T1_ARMED] = 0
    io[v + T2_ARMED] = 0
    io[v + PB7] = 1
    io[v + PORT_A_IN] = -1
    io[v + IRQ_SINCE] = -1


@njit(**jit_options(inline=True))
def t1_latch(io, v):
    return io[v + S_T1L_L] | (io[v + S_T1L_H] << 8)


@njit(**jit_options())
def catch_up(io, v, cyc):
    """Count the time-outs up to and including cycle ``cyc``: flags, PB7, reloads."""
    nxt = io[v + T1_NEXT]
    if cyc >= nxt:
        period = t1_latch(io, v) + 2
        n = 1 + (cyc - nxt) // period
        last = nxt + (n - 1) * period
        if io[v + S_ACR] & ACR_T1_FREE:
            io[v + S_IFR] |= IFR_T1
            if n & 1:
                io[v + PB7] ^= 1
        elif io[v + T1_ARMED]:
            io[v + S_IFR] |= IFR_T1
            io[v + T1_ARMED] = 0
            io[v + PB7] = 1
        io[v + T1_LAST] = last
        io[v + T1_NEXT] = last + period
    if io[v + T2_ARMED] and not io[v + S_ACR] & ACR_T2_COUNT and cyc >= io[v + T2_NEXT]:
        io[v + S_IFR] |= IFR_T2
        io[v + T2_ARMED] = 0


@njit(**jit_options(inline=True))
def t1_counter(io, v, cyc):
    """T1's counter in cycle ``cyc`` (after ``catch_up``)."""
    if cyc == io[v + T1_LAST]:
        return np.int64(0xFFFF)
    return (io[v + T1_NEXT] - cyc - 1) & 0xFFFF


@njit(**jit_options(inline=True))
def t2_counter(io, v, cyc):
    if io[v + S_ACR] & ACR_T2_COUNT:
        return io[v + T2_COUNT]
    return (io[v + T2_NEXT] - cyc - 1) & 0xFFFF


@njit(**jit_options(inline=True))
def port_b(io, v):
    """The levels on PB0-PB7: outputs from ORB, inputs pulled up, PB7 from T1 if ACR7."""
    ddr = io[v + S_DDRB]
    pins = (io[v + S_ORB] & ddr) | (0xFF & ~ddr)
    if io[v + S_ACR] & ACR_PB7:
        pins = (pins & 0x7F) | (io[v + PB7] << 7)
    return pins


@njit(**jit_options(inline=True))
def port_a(io, v):
    """The levels on PA0-PA7: outputs from ORA, inputs from the driver or pulled up."""
    ddr = io[v + S_DDRA]
    outside = io[v + PORT_A_IN]
    if outside < 0:
        outside = 0xFF
    return (io[v + S_ORA] & ddr) | (outside & ~ddr & 0xFF)


@njit(**jit_options(inline=True))
def clear_port_flags(io, v, a_side):
    """An ORA (ORB) access clears CA1 (CB1), and CA2 (CB2) unless PCR makes it independent."""
    if a_side:
        mode, c1, c2 = (io[v + S_PCR] >> 1) & 7, IFR_CA1, IFR_CA2
    else:
        mode, c1, c2 = (io[v + S_PCR] >> 5) & 7, IFR_CB1, IFR_CB2
    flags = c1 if mode == 1 or mode == 3 else c1 | c2
    io[v + S_IFR] &= ~flags


@njit(**jit_options())
def read(io, v, reg, cyc):
    """A read of register ``reg`` in cycle ``cyc``, with its side effects."""
    catch_up(io, v, cyc)
    if reg == ORB:
        clear_port_flags(io, v, False)
        ddr = io[v + S_DDRB]                     # outputs read ORB, inputs the pins
        value = (io[v + S_ORB] & ddr) | (port_b(io, v) & ~ddr & 0xFF)
        if io[v + S_ACR] & ACR_PB7:
            value = (value & 0x7F) | (io[v + PB7] << 7)
        return value
    if reg == ORA or reg == ORA_NH:
        if reg == ORA:
            clear_port_flags(io, v, True)
        return port_a(io, v)
    if reg == DDRB:
        return io[v + S_DDRB]
    if reg == DDRA:
        return io[v + S_DDRA]
    if reg == T1C_L:
        io[v + S_IFR] &= ~IFR_T1
        return t1_counter(io, v, cyc) & 0xFF
    if reg == T1C_H:
        return t1_counter(io, v, cyc) >> 8
    if reg == T1L_L:
        return io[v + S_T1L_L]
    if reg == T1L_H:
        return io[v + S_T1L_H]
    if reg == T2C_L:
        io[v + S_IFR] &= ~IFR_T2
        return t2_counter(io, v, cyc) & 0xFF
    if reg == T2C_H:
        return t2_counter(io, v, cyc) >> 8
    if reg == SR:
        io[v + S_IFR] &= ~IFR_SR
        return io[v + S_SR]
    if reg == ACR:
        return io[v + S_ACR]
    if reg == PCR:
        return io[v + S_PCR]
    if reg == IFR:
        flags = io[v + S_IFR]
        return flags | (IFR_IRQ if flags & io[v + S_IER] & 0x7F else 0)
    return io[v + S_IER] | 0x80                  # IER


@njit(**jit_options(inline=True))
def latch_written(io, v, cyc):
    """A new T1 latch in the cycle of a time-out is the one the reload takes."""
    if cyc == io[v + T1_LAST]:
        io[v + T1_NEXT] = cyc + t1_latch(io, v) + 2


@njit(**jit_options())
def write(io, v, reg, value, cyc):
    """A write of ``value`` to register ``reg`` in cycle ``cyc``."""
    catch_up(io, v, cyc)
    if reg == ORB or reg == DDRB:
        pb6 = (port_b(io, v) >> 6) & 1
        if reg == ORB:
            clear_port_flags(io, v, False)
            io[v + S_ORB] = value
        else:
            io[v + S_DDRB] = value
        if pb6 and not (port_b(io, v) >> 6) & 1 and io[v + S_ACR] & ACR_T2_COUNT:
            count = (io[v + T2_COUNT] - 1) & 0xFFFF         # a falling edge on PB6
            io[v + T2_COUNT] = count
            if count == 0 and io[v + T2_ARMED]:
                io[v + S_IFR] |= IFR_T2
                io[v + T2_ARMED] = 0
    elif reg == ORA or reg == ORA_NH:
        if reg == ORA:
            clear_port_flags(io, v, True)
        io[v + S_ORA] = value
    elif reg == DDRA:
        io[v + S_DDRA] = value
    elif reg == T1C_L or reg == T1L_L:
        io[v + S_T1L_L] = value
        latch_written(io, v, cyc)
    elif reg == T1C_H:
        io[v + S_T1L_H] = value
        io[v + S_IFR] &= ~IFR_T1
        io[v + T1_NEXT] = cyc + t1_latch(io, v) + 2
        io[v + T1_LAST] = -1
        io[v + T1_ARMED] = 1
        io[v + PB7] = 0
    elif reg == T1L_H:
        io[v + S_T1L_H] = value
        io[v + S_IFR] &= ~IFR_T1
        latch_written(io, v, cyc)
    elif reg == T2C_L:
        io[v + S_T2L_L] = value
    elif reg == T2C_H:
        count = io[v + S_T2L_L] | (value << 8)
        io[v + S_IFR] &= ~IFR_T2
        io[v + T2_NEXT] = cyc + count + 2
        io[v + T2_COUNT] = count
        io[v + T2_ARMED] = 1
    elif reg == SR:
        io[v + S_SR] = value
        io[v + S_IFR] &= ~IFR_SR
    elif reg == ACR:
        old = io[v + S_ACR]
        if (old ^ value) & ACR_T2_COUNT:          # T2 changes what it counts
            if value & ACR_T2_COUNT:
                io[v + T2_COUNT] = (io[v + T2_NEXT] - cyc - 1) & 0xFFFF
            else:
                io[v + T2_NEXT] = cyc + io[v + T2_COUNT] + 1
        io[v + S_ACR] = value
    elif reg == PCR:
        io[v + S_PCR] = value
    elif reg == IFR:
        io[v + S_IFR] &= ~(value & 0x7F)
    elif reg == IER:
        if value & 0x80:
            io[v + S_IER] |= value & 0x7F
        else:
            io[v + S_IER] &= ~(value & 0x7F)


@njit(**jit_options())
def irq_from(io, v, cyc):
    """After an access in cycle ``cyc``: the cycle the IRQ output fell or will fall; -1: never.

    Active now: the cycle it fell (a time-out counted late keeps its own
    cycle; a flag enabled by this access counts from the next cycle).
    Inactive: the next time-out that will set an enabled flag.
    """
    ier = io[v + S_IER]
    since = io[v + IRQ_SINCE]
    if io[v + S_IFR] & ier & 0x7F:
        at = since if 0 <= since <= cyc else cyc + 1
    else:
        at = NEVER
        if ier & IFR_T1 and (io[v + S_ACR] & ACR_T1_FREE or io[v + T1_ARMED]):
            at = io[v + T1_NEXT]
        if ier & IFR_T2 and io[v + T2_ARMED] and not io[v + S_ACR] & ACR_T2_COUNT:
            at = min(at, io[v + T2_NEXT])
        if at == NEVER:
            at = -1
    io[v + IRQ_SINCE] = at
    return at
