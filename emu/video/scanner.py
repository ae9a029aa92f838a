"""The video scanner: where the beam is on each CPU cycle, and which byte it fetches.

One model of the scanner serves everything that depends on the beam: the
floating bus (``emu.bus``: a read of a switch that drives no data sees the
byte the scanner fetched in that cycle), the IIe's RDVBLBAR ($C019), the
renderer (which byte each cell of the picture shows, and in which mode) and
``Apple2.beam``.  So a program that finds the beam through the floating bus
or RDVBLBAR finds the position the picture is drawn from.  The II+ and the
IIe count the same lines and cycles (Sather, "Understanding the Apple IIe",
1985, ch. 5: the IIe's IOU keeps the II's counters and their timing).

Timing (Jim Sather, "Understanding the Apple II", 1983, ch. 3 and 5): the
scanner's counters advance once per CPU cycle.  A line is 65 cycles: the
horizontal count runs $00, then $40-$7F; the 40 bytes of a visible line are
fetched at counts $58-$7F, cycles ``FIRST_FETCH`` (25) to 64 of the line,
one byte a cycle, left to right.  A frame is 262 lines: the vertical count
runs $100-$1FF, then $FA-$FF.  Lines $100-$1BF are the 192 visible ones; the
other 70 are vertical blanking.

We number scanlines 0-261 from the first visible one: 0-191 are visible,
192-261 are vertical blanking.  **A frame starts when vertical blanking
starts** (scanline 192, cycle 0 of the line) and ends after the last byte of
scanline 191 is fetched; CPU cycle 0 is the start of a frame.  So the picture
of a frame is whole when the frame ends, and a program that draws during
vertical blanking draws the frame that follows.

Within a cycle the scanner reads memory in the first half (phase 1) and the
CPU has the bus in the second (phase 0; Sather ch. 3).  So the fetch of
cycle ``s`` sees the CPU's writes of the cycles before ``s``, and the mode
the soft switches were left in by the accesses before ``s``: a switch
flipped on cycle ``c`` changes the bytes fetched from cycle ``c + 1`` on,
in the middle of a line too.

The memory a 40-column picture comes from is main memory's text (lo-res)
page $400 or $800 and hi-res page $2000 or $4000 (Apple II Reference
Manual, 1979, the screen maps).  On a IIe with 80STORE on, PAGE2 picks main
or aux memory for the CPU instead, and the page shown is page 1
(IIe Technical Reference Manual, ch. 2 and 4).
"""
from __future__ import annotations

import numpy as np
from numba import njit

from .. import jit_options
from .modes import COL80, DHIRES, HIRES, MIXED, PAGE2, STORE80, TEXT

CYCLES_PER_LINE = 65
LINES_PER_FRAME = 262
CYCLES_PER_FRAME = CYCLES_PER_LINE * LINES_PER_FRAME      # 17,030
VISIBLE_LINES = 192
COLUMNS = 40                  # bytes fetched per visible line
FIRST_FETCH = 25              # the cycle of the line on which column 0 is fetched
FRAME_FIRST_LINE = VISIBLE_LINES                          # a frame starts with vertical blanking
VISIBLE_START = (LINES_PER_FRAME - FRAME_FIRST_LINE) * CYCLES_PER_LINE   # 4,550: scanline 0

INLINE = jit_options(inline=True)

# The memory the picture can come from, as ranges of 256-byte pages: text
# (and lo-res) page 1, page 2, hi-res page 1, page 2.  Bit i of
# displayed_pages() stands for row i; AUX_SHOWN says aux memory's copies of
# those pages are fetched too.
DISPLAY_PAGES = np.array([[0x04, 0x08], [0x08, 0x0C], [0x20, 0x40], [0x40, 0x60]], dtype=np.int64)
AUX_SHOWN = 1 << DISPLAY_PAGES.shape[0]


@njit(**INLINE)
def beam_position(cycle):
    """(scanline, cycle in the line) of the beam on CPU cycle ``cycle``."""
    pos = cycle % CYCLES_PER_FRAME
    line = pos // CYCLES_PER_LINE + FRAME_FIRST_LINE
    if line >= LINES_PER_FRAME:
        line -= LINES_PER_FRAME
    return line, pos % CYCLES_PER_LINE


@njit(**INLINE)
def fetch_cycle(frame_start, line, column):
    """The cycle on which visible ``line``'s byte ``column`` is fetched, in the frame
    that starts on cycle ``frame_start``."""
    return frame_start + VISIBLE_START + CYCLES_PER_LINE * line + FIRST_FETCH + column


@njit(**INLINE)
def in_vbl(cycle):
    """Whether the beam is in vertical blanking on CPU cycle ``cycle`` (scanlines 192-261)."""
    return beam_position(cycle)[0] >= VISIBLE_LINES


@njit(**INLINE)
def shown_page2(mode):
    """Whether page 2 is on display: PAGE2, unless the IIe's 80STORE makes it pick aux memory."""
    return (mode & PAGE2) != 0 and (mode & STORE80) == 0


@njit(**INLINE)
def shows_text(mode, line):
    """Whether scanline ``line`` (0-261) shows text in ``mode``: TEXT, or MIXED on lines 160-191.

    The hardware decides from the vertical count: MIXED gives text where V5
    and V7 are both set (counts $1A0-$1BF on screen, $1E0-$1FF in blanking).
    """
    v = line + 0x100 if line < 256 else line - 256 + 0xFA
    return (mode & TEXT) != 0 or ((mode & MIXED) != 0 and (v & 0xA0) == 0xA0)


@njit(**INLINE)
def displayed_pages(mode):
    """The rows of DISPLAY_PAGES that lines shown in ``mode`` are fetched from, as bits.

    Text memory shows unless the whole screen is hi-res graphics (MIXED
    shows its bottom rows); hi-res memory shows in hi-res graphics.  On a
    IIe, with 80COL on, 80-column text (any text shown) and double lo-res and
    hi-res (graphics with DHIRES) fetch the same pages of aux memory too.
    """
    page2 = 1 if shown_page2(mode) else 0
    graphics = (mode & TEXT) == 0
    hires = graphics and (mode & HIRES) != 0
    text_shown = not hires or (mode & MIXED) != 0
    aux = (mode & COL80) != 0 and ((mode & (TEXT | MIXED)) != 0 or (mode & DHIRES) != 0)
    return ((1 << page2) if text_shown else 0) | ((4 << page2) if hires else 0) | \
        (AUX_SHOWN if aux else 0)


@njit(**INLINE)
def text_base(row, page2):
    """Address of the first byte of text (or lo-res) row ``row``, 0-23."""
    return (0x800 if page2 else 0x400) + 128 * (row & 7) + 40 * (row >> 3)


@njit(**INLINE)
def hires_base(y, page2):
    """Address of the first byte of hi-res line ``y``, 0-191."""
    return (0x4000 if page2 else 0x2000) + 1024 * (y & 7) + 128 * ((y >> 3) & 7) + 40 * (y >> 6)


@njit(**INLINE)
def line_address(line, mode):
    """The address of column 0 of visible ``line`` in ``mode``: the screen's memory map.

    (Apple II Reference Manual, 1979.)  What :func:`scanner_address` gives
    for the visible bytes, from the map instead of the counters; the tests
    check the two agree on every visible byte.
    """
    page2 = shown_page2(mode)
    if (mode & HIRES) != 0 and not shows_text(mode, line):
        return hires_base(line, page2)
    return text_base(line >> 3, page2)


@njit(**INLINE)
def scanner_address(cycle, mode, iie=False):
    """The address the scanner reads during CPU cycle ``cycle`` in ``mode`` (Sather ch. 5).

    The horizontal counter runs $00, $40..$7F (65 states; $58-$7F are the 40
    visible bytes); the vertical counter $100-$1FF then $FA-$FF (262 lines).
    The low address bits come from the counters through a 4-bit adder,
    A6..A3 = %1101 + H5H4H3 + V4V3V4V3 (V4 and V3: bits 7 and 6 of the
    vertical count), which produces the screen's interleaved row order.
    On the II and II+, text and lo-res addresses have A12 set during
    horizontal blanking (H $00 and $40-$57), $1000 above the line's own
    block; the IIe (``iie``) does not (Sather, "Understanding the Apple IIe",
    p. I-4, among the differences from the II).  Only the floating bus sees
    those bytes: none of them is on screen.
    """
    line, h = beam_position(cycle)
    hcount = 0 if h == 0 else 0x3F + h
    v = line + 0x100 if line < 256 else line - 256 + 0xFA
    vbva = (v >> 6) & 3
    total = (0b1101 + ((hcount >> 3) & 7) + (vbva << 2 | vbva)) & 0xF
    low = (hcount & 7) | (total << 3) | (((v >> 3) & 7) << 7)
    page2 = shown_page2(mode)
    if (mode & HIRES) != 0 and not shows_text(mode, line):
        return low | ((v & 7) << 10) | (0x4000 if page2 else 0x2000)
    hbl = 0x1000 if h < FIRST_FETCH and not iie else 0
    return low | (0x800 if page2 else 0x400) | hbl
