"""Video mode bits, the framebuffer's shape, and per-scanline mode tracking.

A mode is the OR of the four display soft switches that are on:

========  =====  ==========================================
``TEXT``      1  $C051 on, $C050 off: text instead of graphics
``MIXED``     2  $C053 on, $C052 off: bottom 4 text rows under graphics
``PAGE2``     4  $C055 on, $C054 off: display page 2
``HIRES``     8  $C057 on, $C056 off: hi-res instead of lo-res
========  =====  ==========================================

The machine logs every change of these switches with the cycle it happened
on; :func:`line_modes` turns that log into the mode of each visible line,
which is what :func:`emu.video.render.render` draws from.  Switching on a
chosen scanline is how demos mix modes on one screen, so a change takes effect
on the line the beam is drawing when it happens (a line is 65 cycles, the
frame's first visible line starts at ``frame_start``; Sather, "Understanding
the Apple II").  Changes within a line are not resolved any finer.
"""
from __future__ import annotations

import numpy as np
from numba import njit

from .. import jit_options
from .palette import PALETTE

# The bits, and the IIe's four more, are defined in emu.video.scan.
from .scan import CYCLES_PER_LINE, HIRES, MIXED, MIXED_FIRST_LINE, PAGE2, TEXT  # noqa: E402,F401

FB_HEIGHT, FB_WIDTH = 192, 560     # 40 columns x 14 dots: half a hi-res dot is one dot


def new_framebuffer() -> np.ndarray:
    """A black (192, 560) framebuffer for render() to draw into: a palette index a dot."""
    return np.zeros((FB_HEIGHT, FB_WIDTH), dtype=np.uint8)


def to_rgb(fb: np.ndarray) -> np.ndarray:
    """The (192, 560, 3) uint8 RGB picture of a framebuffer from render()."""
    return PALETTE[fb]


@njit(**jit_options())
def line_modes(start_mode: int, events: np.ndarray, count: int, frame_start: int,
               out: np.ndarray) -> None:
    """Fill ``out[0:192]`` with the mode in effect on each visible line.

    ``events[i] = (cycle, new_mode)`` in cycle order, ``count`` of them valid.
    A change anywhere in line L (cycles ``frame_start + 65 L`` to
    ``frame_start + 65 L + 64``) counts from line L on; changes before the
    frame count from line 0, changes after line 191 (vertical blanking) are
    left for the next frame's ``start_mode``.
    """
    mode = start_mode
    i = 0
    for line in range(FB_HEIGHT):
        line_end = frame_start + CYCLES_PER_LINE * (line + 1)
        while i < count and events[i, 0] < line_end:
            mode = events[i, 1]
            i += 1
        out[line] = mode
