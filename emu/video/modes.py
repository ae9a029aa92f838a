"""Video mode bits and the framebuffer's shape.

A mode is the OR of the display soft switches that are on; the II+ has the
first four, the IIe all eight:

===========  =====  ===============================================================
``TEXT``         1  $C051 on, $C050 off: text instead of graphics
``MIXED``        2  $C053 on, $C052 off: bottom 4 text rows under graphics
``PAGE2``        4  $C055 on, $C054 off: display page 2
``HIRES``        8  $C057 on, $C056 off: hi-res instead of lo-res
``STORE80``     16  IIe $C001 on, $C000 off: PAGE2 picks main or aux memory, not the page shown
``COL80``       32  IIe $C00D on, $C00C off: 80-column text (and double lo-res/hi-res)
``ALTCHAR``     64  IIe $C00F on, $C00E off: the alternate character set
``DHIRES``     128  IIe $C05E (AN3 off) on, $C05F off: double hi-res with 80COL and HIRES
===========  =====  ===============================================================

The machine logs every change of the mode with the cycle it happened on;
the renderer (:mod:`emu.video.render`) gives each byte of the picture the
mode in effect when the scanner fetched it (:mod:`emu.video.scanner`).
"""
from __future__ import annotations

import numpy as np

from .palette import PALETTE

TEXT = 1
MIXED = 2
PAGE2 = 4
HIRES = 8
STORE80 = 16
COL80 = 32
ALTCHAR = 64
DHIRES = 128

FB_HEIGHT, FB_WIDTH = 192, 560     # 40 columns x 14 dots: half a hi-res dot is one dot

# The memory the renderer draws from is the machine's memory array from its
# start: main RAM at 0 (a byte at its address), and the IIe's aux RAM from
# AUX_RAM on (emu.bus lays the array out so and takes the offset from here).
AUX_RAM = 0x10000


def new_framebuffer() -> np.ndarray:
    """A black (192, 560) framebuffer for render() to draw into: a palette index a dot."""
    return np.zeros((FB_HEIGHT, FB_WIDTH), dtype=np.uint8)


def to_rgb(fb: np.ndarray) -> np.ndarray:
    """The (192, 560, 3) uint8 RGB picture of a framebuffer from render()."""
    return PALETTE[fb]
