"""The IRQ line the slot cards share (the Apple II bus's IRQ', wired-OR).

A card that interrupts says from which cycle it pulls the line low (or that
it lets go), through :func:`set_irq`; :func:`update_irq` turns the slots'
cycles into the CPU's ``IRQ`` (a bit per slot) and ``IRQ_AT`` (the earliest
cycle).  A cycle still to come is allowed: a 6522 whose timer runs out in
300 cycles says so now, and the core takes the interrupt only once its
cycle count has passed it, so the card need not be called at that moment.

The cycles live in ``io`` at ``IRQ_FROM`` + slot, so a save state carries
them.  This module imports only the CPU's state layout, so both ``emu.bus``
and the cards' modules can use it.
"""
from __future__ import annotations

import numpy as np
from numba import njit

from . import jit_options
from .cpu import state as cpu_state

IRQ_FROM = 21           # io[IRQ_FROM + n]: from which cycle slot n's card drives IRQ; -1: not
_IRQ, _IRQ_AT = cpu_state.IRQ, cpu_state.IRQ_AT


@njit(**jit_options(inline=True))
def update_irq(cpu, io):
    """The CPU's IRQ line from the slots' IRQ_FROM: bit n for slot n, from the earliest cycle.

    Bit 0 (a source outside the slots) is left as it is.
    """
    bits = cpu[_IRQ] & 1
    first = np.int64(1) << 62
    for slot in range(1, 8):
        at = io[IRQ_FROM + slot]
        if at >= 0:
            bits |= 1 << slot
            first = min(first, at)
    if bits > 1:
        cpu[_IRQ_AT] = first
    cpu[_IRQ] = bits


@njit(**jit_options(inline=True))
def set_irq(cpu, io, slot, at):
    """Slot ``slot``'s card drives IRQ from cycle ``at`` on (-1: releases it)."""
    if io[IRQ_FROM + slot] != at:
        io[IRQ_FROM + slot] = at
        update_irq(cpu, io)
