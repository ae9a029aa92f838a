"""The colours the renderer paints with, as data.

Each table is an (n, 3) uint8 array of RGB.  The renderer does not write RGB:
it writes indices into :data:`PALETTE` (the 16 lo-res colours, then the green
and amber phosphors), one byte a dot, and whoever shows or saves the frame
looks the colours up.  Where the numbers come from:

* Lo-res: the 16 colours as the AppleWin emulator shows them, read off its
  screen by Chris Meresh ("The Apple II Palette", meresh.com/a2colors.html).
  They are one decoding of the Apple II's NTSC signal, not the only one: a
  real monitor's tint and colour knobs move every entry.  Colours 5 and 10
  are the same grey on purpose: their dot patterns (0101, 1010) differ only
  in phase and carry the same luminance.
* Hi-res: no new colours.  A hi-res dot lasts two 14 MHz ticks, so each
  artifact colour is the lo-res colour with the same dot pattern
  (Sather, "Understanding the Apple II", the video chapter): violet is lo-res 3
  (purple), green 12, blue 6 (medium blue), orange 9.
* Monochrome: white is full white.  Green and amber approximate the P1
  (peak near 525 nm) and P3 (near 602 nm) phosphors of the monitors of the
  day; no measurement of a real tube is behind them, only the common
  choices of terminal emulators (#33FF33-ish green, #FFB000 amber).
"""
from __future__ import annotations

import numpy as np

LORES_NAMES = ("black", "magenta", "dark blue", "purple", "dark green", "grey 1",
               "medium blue", "light blue", "brown", "orange", "grey 2", "pink",
               "light green", "yellow", "aqua", "white")

LORES = np.array([
    (0, 0, 0),          # 0 black
    (147, 11, 124),     # 1 magenta
    (31, 53, 211),      # 2 dark blue
    (187, 54, 255),     # 3 purple
    (0, 118, 12),       # 4 dark green
    (126, 126, 126),    # 5 grey 1
    (7, 168, 224),      # 6 medium blue
    (157, 172, 255),    # 7 light blue
    (98, 76, 0),        # 8 brown
    (249, 86, 29),      # 9 orange
    (126, 126, 126),    # 10 grey 2
    (255, 129, 236),    # 11 pink
    (67, 200, 0),       # 12 light green
    (220, 205, 22),     # 13 yellow
    (93, 247, 132),     # 14 aqua
    (255, 255, 255),    # 15 white
], dtype=np.uint8)

# Hi-res colour indices, in Applesoft's HCOLOR order (without the second
# black and white, which differ from the first only in the palette bit).
HIRES_BLACK, HIRES_GREEN, HIRES_VIOLET, HIRES_WHITE, HIRES_ORANGE, HIRES_BLUE = range(6)

HIRES = np.array([
    LORES[0],       # black
    LORES[12],      # green: odd dots, palette bit 0
    LORES[3],       # violet: even dots, palette bit 0
    LORES[15],      # white: two or more adjacent lit dots
    LORES[9],       # orange: odd dots, palette bit 1
    LORES[6],       # blue: even dots, palette bit 1
], dtype=np.uint8)

# The ``colour`` argument of render(): 0 is NTSC colour, the rest monochrome.
NTSC, MONO_WHITE, MONO_GREEN, MONO_AMBER = range(4)

MONO = np.array([
    (255, 255, 255),    # NTSC slot: text on a colour screen is white
    (255, 255, 255),    # white phosphor
    (51, 255, 51),      # green, P1-like
    (255, 176, 0),      # amber, P3-like
], dtype=np.uint8)

# What the renderer writes: an index into PALETTE per dot.  Every hi-res
# colour and the white phosphor are lo-res colours already; green and amber
# are appended.
PALETTE = np.vstack([LORES, MONO[2:4]])
HIRES_INDEX = np.array([0, 12, 3, 15, 9, 6], dtype=np.uint8)   # HIRES[i] == PALETTE[HIRES_INDEX[i]]
MONO_INDEX = np.array([15, 15, 16, 17], dtype=np.uint8)        # MONO[i] == PALETTE[MONO_INDEX[i]]
assert (PALETTE[HIRES_INDEX] == HIRES).all() and (PALETTE[MONO_INDEX] == MONO).all()
