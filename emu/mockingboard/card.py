"""The Mockingboard A/C: two 6522s, each driving an AY-3-8910, on the Apple's IRQ line.

    $Cn00-$Cn7F  6522 A (its 16 registers, repeated): port A = AY A's DA0-DA7,
                 PB0 = BC1, PB1 = BDIR, PB2 = /RESET (BC2 tied high)
    $Cn80-$CnFF  6522 B, the same for AY B
    IRQ          both 6522s' IRQ outputs, to the Apple's IRQ line

The card has no ROM and nothing at $C0n0; its software finds it by the 6522
timers counting.  AY A is the left channel and AY B the right (the stereo
Mockingboard's wiring).  The Apple's RESET goes to the 6522s only: their
ports become inputs, so the AYs' control lines float high, and the AYs keep
their registers (software silences them by writing, or by pulling /RESET).

Jitted: :func:`access` handles any access to the card's page, inside the bus
(``emu.bus.card_page``).  Python: :class:`Mockingboard` is the card as the
machine sees it: power-on, RESET, and after each frame the sound.
"""
from __future__ import annotations

import numpy as np
from numba import njit

from .. import jit_options
from ..irq import IRQ_FROM, set_irq
from ..video.scanner import CYCLES_PER_FRAME
from . import ay, via
from .layout import (AY_BUS, AY_BUS_SIZE, AY_SYNTH, AY_SYNTH_SIZE, CHIPS, LOG, LOG_ENTRIES,
                     VIA, VIA_SIZE)

PORT_REGISTERS = (via.ORB, via.ORA, via.DDRB, via.DDRA, via.ORA_NH)


@njit(**jit_options())
def wire(io, regs, chip, cyc):
    """Chip ``chip``'s AY sees its 6522's port lines as they are now."""
    v = regs + VIA + chip * VIA_SIZE
    pb = via.port_b(io, v)
    ddra = io[v + via.S_DDRA]
    data = (io[v + via.S_ORA] & ddra) | (0xFF & ~ddra)      # inputs float high
    function = ((pb >> 1) & 1) * 2 + (pb & 1)               # BDIR, BC1
    driven = ay.bus(io, regs + AY_BUS + chip * AY_BUS_SIZE, chip, function, data,
                    (pb & 4) == 0, cyc, regs + LOG, LOG_ENTRIES)
    io[v + via.PORT_A_IN] = driven


@njit(**jit_options())
def irq_from(io, regs, cyc):
    """The cycle from which either 6522 pulls IRQ low (-1: neither will)."""
    at = -1
    for chip in range(CHIPS):
        t = via.irq_from(io, regs + VIA + chip * VIA_SIZE, cyc)
        if t >= 0 and (at < 0 or t < at):
            at = t
    return at


@njit(**jit_options())
def synthesize_frame(io, regs, last, changes, want, volume):
    """Both chips' synthesizers up to tick ``last`` with the frame's log, which then empties;
    with ``want``, changes[chip] gets the changes of that chip's output."""
    count = io[regs + LOG]
    for chip in range(CHIPS):
        changes[chip, 0] = 0
        ay.synthesize(io, regs + AY_SYNTH + chip * AY_SYNTH_SIZE, chip, regs + LOG, count,
                      last, changes[chip], want, volume)
    io[regs + LOG] = 0


@njit(**jit_options())
def access(cpu, io, regs, addr, value, cyc, write):
    """Any access to $Cn00-$CnFF; returns what a read sees."""
    chip = (addr >> 7) & 1
    v = regs + VIA + chip * VIA_SIZE
    reg = addr & 0xF
    data = np.int64(-1)
    if write:
        via.write(io, v, reg, value, cyc)
        if reg == via.ORB or reg == via.ORA or reg == via.DDRB or reg == via.DDRA \
                or reg == via.ORA_NH:
            wire(io, regs, chip, cyc)
    else:
        data = via.read(io, v, reg, cyc)
    set_irq(cpu, io, (addr >> 8) & 7, irq_from(io, regs, cyc))
    return data


class Mockingboard:
    """The card in ``slot`` of a machine's ``io`` (its block: ``emu.bus.IO_BLOCKS``)."""

    def __init__(self, io: np.ndarray, mem: np.ndarray, slot: int):
        from .. import bus
        from ..slots import MOCKINGBOARD
        self.io, self.slot = io, slot
        self.regs = bus.IO_BLOCKS[MOCKINGBOARD]
        for chip in range(CHIPS):
            via.power_on(io, self._via(chip))
            ay.power_on(io, self._ay(chip), self._synth(chip))
        io[self.regs + LOG] = 0
        self.sound = None               # the stereo sound, once someone listens
        self._changes = np.zeros((CHIPS, 2 * CHANGES + 1))

    def _via(self, chip: int) -> int:
        return self.regs + VIA + chip * VIA_SIZE

    def _ay(self, chip: int) -> int:
        return self.regs + AY_BUS + chip * AY_BUS_SIZE

    def _synth(self, chip: int) -> int:
        return self.regs + AY_SYNTH + chip * AY_SYNTH_SIZE

    # --- what the machine calls ------------------------------------------------------
    def reset(self, cycle: int) -> None:
        """The Apple's RESET: both 6522s reset (their IRQ released); the AYs see their lines float."""
        for chip in range(CHIPS):
            via.reset(self.io, self._via(chip))
            wire(self.io, self.regs, chip, cycle)
        self.io[IRQ_FROM + self.slot] = -1

    def end_frame(self, start: int, end: int) -> None:
        """The frame's register writes become sound: each chip synthesized up to ``end``."""
        want = self.sound is not None and self.sound.listening
        last = (end + ay.CYCLES_PER_TICK - 1) // ay.CYCLES_PER_TICK
        behind = last - self.io[self._synth(0) + ay.TICK]
        if not want and not self.io[self.regs + LOG] and behind < IDLE_TICKS:
            return                      # nothing new, nobody listening: they catch up later
        synthesize_frame(self.io, self.regs, last, self._changes, want, ay.VOLUME)
        if want:
            self.sound.push(self._changes)

    def listen(self, sound) -> None:
        """From now on, after each frame, give the changes of both chips' output to ``sound``
        (an ``emu.audio.BandLimit`` of 2 channels, 8 cycles a tick); None stops it."""
        self.sound = sound

    def peek(self, address: int, cycle: int) -> int:
        """What a read of $Cnxx in ``cycle`` would return, without its side effects."""
        block = self.io[self.regs + VIA:self.regs + VIA + CHIPS * VIA_SIZE].copy()
        value = via.read(self.io, self._via((address >> 7) & 1), address & 0xF, cycle)
        self.io[self.regs + VIA:self.regs + VIA + CHIPS * VIA_SIZE] = block
        return int(value)

    # --- for tests and tools ---------------------------------------------------------------
    def registers(self, chip: int) -> list[int]:
        """AY ``chip``'s registers R0-R15 as the CPU would read them back."""
        a = self._ay(chip)
        return [int(r) for r in self.io[a + ay.REG:a + ay.REG + ay.REGISTERS]]


# An idle card's synthesizers are left behind for up to 60 frames (about a second) of
# ticks, then caught up (about 0.2 ms of work), so no state ever needs a long catch-up.
IDLE_TICKS = 60 * CYCLES_PER_FRAME // ay.CYCLES_PER_TICK

CHANGES = 8192          # output changes a chip can make in a frame (it has ~2,130 ticks)


def state_ranges(io: np.ndarray, regs: int, cycle: int) -> list[tuple]:
    """What the jitted card needs of a saved ``io`` (a save state's), as the save
    state loader's (what, values, lowest, highest): the values it uses as indexes
    (an AY's address, its envelope level, the write log) or as the start of a
    catch-up (a synthesizer's next tick: far behind the CPU, it would hang)."""
    far = np.int64(1) << 62
    ticks = cycle // ay.CYCLES_PER_TICK
    frame = 2 * CYCLES_PER_FRAME // ay.CYCLES_PER_TICK    # two frames of ticks
    count = int(io[regs + LOG])
    log = io[regs + LOG + 1:regs + LOG + 1 + ay.ENTRY * max(0, min(count, LOG_ENTRIES))]
    ranges = [("the Mockingboard's log count", count, 0, LOG_ENTRIES),
              ("the Mockingboard's logged registers", log[1::ay.ENTRY] & 0xFF, 0,
               ay.RESET_REGISTER),
              ("the Mockingboard's logged chips", log[1::ay.ENTRY] >> 8, 0, CHIPS - 1)]
    for chip in range(CHIPS):
        v = regs + VIA + chip * VIA_SIZE
        a = regs + AY_BUS + chip * AY_BUS_SIZE
        s = regs + AY_SYNTH + chip * AY_SYNTH_SIZE
        ranges += [
            ("a 6522's registers", io[v + via.S_ORB:v + via.S_IER + 1], 0, 0xFF),
            ("a 6522's T2 latch", io[v + via.S_T2L_L], 0, 0xFF),
            ("a 6522's flags", io[[v + via.T1_ARMED, v + via.PB7, v + via.T2_ARMED]], 0, 1),
            ("a 6522's T2 count", io[v + via.T2_COUNT], 0, 0xFFFF),
            ("a 6522's timer cycles", io[[v + via.T1_NEXT, v + via.T1_LAST, v + via.T2_NEXT,
                                          v + via.IRQ_SINCE]], -1, far),
            ("a 6522's port A input", io[v + via.PORT_A_IN], -1, 0xFF),
            ("an AY's registers", io[a + ay.REG:a + ay.REG + ay.REGISTERS], 0, 0xFF),
            ("an AY's address", io[a + ay.ADDRESS], 0, 0xFF),
            ("an AY's bus function", io[a + ay.FUNCTION], 0, ay.IN_RESET),
            ("an AY's synthesizer registers", io[s + ay.SREG:s + ay.SREG + ay.REGISTERS], 0,
             0xFF),
            ("an AY's envelope", io[[s + ay.ENV_STEP, s + ay.ENV_LEVEL]], 0, 15),
            ("an AY's envelope flags", io[[s + ay.ENV_ATTACK, s + ay.ENV_HOLDING]], 0, 1),
            ("an AY's counters", io[[s + ay.TONE_COUNT, s + ay.TONE_COUNT + 1,
                                     s + ay.TONE_COUNT + 2, s + ay.NOISE_COUNT,
                                     s + ay.ENV_COUNT]], 0, 1 << 17),
            ("an AY's noise register", io[s + ay.LFSR], 0, (1 << 17) - 1),
            ("an AY's next tick", io[s + ay.TICK], max(0, ticks - frame - IDLE_TICKS),
             ticks + frame),
        ]
    return ranges
