"""The log of writes to the pages on display: what the renderer replays.

The renderer draws a frame once it has ended, from memory as it is then
(``emu.video.render``).  For each byte of the picture that is the byte the
scanner fetched, unless something wrote it after the beam passed; so every
write to main memory's pages on display, by the CPU or by a card's DMA, is
logged here with its cycle and the byte it replaced, and the renderer puts
the old bytes back as it walks the frame backwards.

The log lives in the bus's io array (``emu.bus``): its slots are below, and
the log itself, WLOG_SIZE entries of two values, starts at ``io[WLOG_AT]``.
An entry is (cycle, where | old << WRITE_OLD | new << WRITE_NEW): ``where``
the index in the renderer's memory (the address in main RAM, or AUX_RAM +
the address in aux RAM: ``emu.video.modes``), ``old`` the byte it replaced,
``new`` the byte written.
"""
from __future__ import annotations

import numpy as np
from numba import njit

from .. import jit_options

# Slots of the bus's io array (emu.bus names the others).
LOGGED = 37        # the display page groups whose writes are logged (bits of scanner.DISPLAY_PAGES)
WLOG_COUNT = 38    # writes logged this frame
SCREEN_START = 39  # the cycle of this frame's first fetch for the screen: logging starts there
WLOG_AT = 40       # where the log starts in io

WLOG_SIZE = 6_144  # writes a frame at most: the 6502 writes at most every third cycle
WRITE_OLD, WRITE_NEW = 32, 40


@njit(**jit_options(inline=True))
def log_write(io, mem, at, v, cyc):
    """Write ``v`` to ``mem[at]`` (RAM on display, on cycle ``cyc``), and log it.

    Writes that change nothing, and writes in vertical blanking (before the
    frame's first fetch, so before every fetch), are not logged.  A full log
    drops the rest.
    """
    where = np.uint64(at)
    old = np.int64(mem[where])
    mem[where] = v
    n = io[WLOG_COUNT]
    if old != v and n < WLOG_SIZE and cyc >= io[SCREEN_START]:
        i = np.uint64(io[WLOG_AT] + 2 * n)
        io[i] = cyc
        io[i + np.uint64(1)] = at | (old << WRITE_OLD) | (np.int64(v) << WRITE_NEW)
        io[WLOG_COUNT] = n + 1
