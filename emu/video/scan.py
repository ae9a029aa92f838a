"""Facts of the video scanner that the bus, the renderer and the machine share, defined once.

* The display mode: the OR of the video soft switches that are on
  (``emu.video.modes`` tells the II+'s four; the IIe adds 80STORE, 80COL,
  ALTCHARSET and DHIRES, which is AN3 off).  The machine logs every change
  of it with its cycle, so a renderer can draw each line in its mode.
* The frame: 262 lines of 65 CPU cycles (Sather, "Understanding the Apple II",
  ch. 3); lines 0-191 are visible, 192-261 are vertical blanking.
* The text (and lo-res) row address: row r of page 1 starts at
  $400 + 128 (r mod 8) + 40 (r div 8), page 2 at $800 (Apple II Reference
  Manual, the screen map; Sather ch. 5 derives it from the scanner's adder).
* The mixed-mode rule: with MIXED on, lines 160 and after (text rows 20-23,
  and the blanking lines, where the vertical counter's V4 and V2 are both
  set) show text.
"""
from __future__ import annotations

from numba import njit

from .. import jit_options

CYCLES_PER_LINE = 65
LINES_PER_FRAME = 262
CYCLES_PER_FRAME = CYCLES_PER_LINE * LINES_PER_FRAME     # 17,030
VISIBLE_LINES = 192
MIXED_FIRST_LINE = 160             # text rows 20-23 in MIXED mode

# The display mode bits.
TEXT = 1           # $C051 on, $C050 off
MIXED = 2          # $C053 on, $C052 off
PAGE2 = 4          # $C055 on, $C054 off
HIRES = 8          # $C057 on, $C056 off
STORE80 = 16       # IIe $C001 on, $C000 off: PAGE2 picks main or aux memory, not the page shown
COL80 = 32         # IIe $C00D on, $C00C off: 80-column text (and double lo-res/hi-res)
ALTCHAR = 64       # IIe $C00F on, $C00E off: the alternate character set
DHIRES = 128       # IIe $C05E (AN3 off) on, $C05F off: double hi-res with 80COL and HIRES


@njit(**jit_options(inline=True))
def text_base(row, page2):
    """Address of the first byte of text (or lo-res) row ``row``, 0-23."""
    return (0x800 if page2 else 0x400) + 128 * (row & 7) + 40 * (row >> 3)


@njit(**jit_options(inline=True))
def shown_page2(mode):
    """Whether page 2 is on display: PAGE2, unless 80STORE makes it pick aux memory."""
    return (mode & PAGE2) != 0 and (mode & STORE80) == 0


@njit(**jit_options(inline=True))
def shows_text(mode, line):
    """Whether scan line ``line`` (0-261) shows text in display mode ``mode``."""
    return (mode & TEXT) != 0 or ((mode & MIXED) != 0 and line >= MIXED_FIRST_LINE)
