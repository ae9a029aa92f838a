"""A flat 64 KiB RAM bus for the conformance suites.

Every page is plain RAM.  One optional device: the feedback register that
Klaus Dormann's interrupt test expects at $BFFC.  Writing it sets the
interrupt lines (bit 0 drives IRQ, bit 1 drives NMI; 1 asserts).  To use it,
map page $BF as I/O (a negative page-table entry); ``dev`` is then the RAM
array itself, so the rest of that page still behaves as RAM.
"""
from __future__ import annotations

import numpy as np
from numba import njit

from .. import jit_options
from . import state

FEEDBACK = 0xBFFC
_IRQ, _IRQ_AT, _NMI, _NMI_AT = state.IRQ, state.IRQ_AT, state.NMI, state.NMI_AT


@njit(**jit_options(inline=True))
def io_read(cpu, dev, addr, cyc):
    return np.int64(dev[np.uint64(addr)])


@njit(**jit_options(inline=True))
def io_write(cpu, dev, addr, v, cyc):
    dev[np.uint64(addr)] = v
    if addr == FEEDBACK:
        irq = v & 1
        nmi = (v >> 1) & 1
        if irq != 0 and cpu[_IRQ] == 0:
            cpu[_IRQ_AT] = cyc
        cpu[_IRQ] = irq
        if nmi != 0 and cpu[_NMI] == 0:
            cpu[_NMI_AT] = cyc
        cpu[_NMI] = nmi


@njit(**jit_options(inline=True))
def logged_write(dev, mem, at, v, cyc):
    """Never called: a flat page table has no logged pages (see emu.bus)."""
    mem[np.uint64(at)] = v
