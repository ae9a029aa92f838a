"""The Apple II+ video renderer: one whole frame into a framebuffer.

``render(ram, modes, fb, frame_number, charset, colour)`` draws each of the
192 visible lines in the mode :func:`emu.video.modes.line_modes` found for
it.  A line is 40 cells of 14 framebuffer dots (one dot per 14.318 MHz tick,
half a hi-res dot), and every cell is a copy of one precomputed 14-dot row
of :mod:`emu.video.tables`; the code here only finds the screen bytes and
picks the row.  Nothing is allocated and no Python object is touched, so the
machine can call it every frame.

A dot is one byte, an index into :data:`emu.video.palette.PALETTE`: a third
of the bytes an RGB frame would take (a hi-res frame went from about 25 us
to 16 us with it).  :func:`emu.video.modes.to_rgb` turns a frame into RGB
for people.

Memory layout (Apple II Reference Manual, 1979; Sather, "Understanding
the Apple II"): text and lo-res row ``r`` of page 1 starts at
``$400 + 128 (r % 8) + 40 (r // 8)``, page 2 at $800; hi-res line ``y`` of
page 1 starts at ``$2000 + 1024 (y % 8) + 128 ((y // 8) % 8) + 40 (y // 64)``,
page 2 at $4000.

Text: glyph = byte & $3F.  Bytes $00-$3F are inverse, $80-$FF normal,
$40-$7F flash: they swap between normal and inverse.  On the II+ a 555
timer, free-running beside the video counters, drives the flash at about
2.18 Hz (Sather, "Understanding the Apple II" pp. 8-6 and 8-7, as cited in
MAME pull request #14554), a swap every 13.8 frames.  We swap every 14
frames of 60 Hz (2.14 Hz, within 2% of it) so that the flash stays a pure
function of ``frame_number``: frames 0-13 normal, 14-27 inverse, and so on.

Lo-res: each text cell is two blocks, the low nibble on top (lines 0-3 of the
cell), the high nibble below (lines 4-7).

Hi-res, in colour: each byte gives 7 dots, bit 0 leftmost, each dot two
ticks wide; bit 7 set delays the byte by one tick (half a dot).  A lit dot
beside another lit dot is white; a lone lit dot takes the artifact colour of
its position: violet (bit 7 clear) or blue (set) on even dots, green or orange
on odd ones; an unlit dot between two lit ones takes their colour (a $55/$2A
area is solid violet, as on a TV), any other unlit dot is black.  Where a
delayed byte follows an undelayed one, the tick between them repeats the
previous dot (the shift register holds its last bit); where an undelayed byte
follows a delayed one, the delayed byte's last half dot is cut off.  In
monochrome the same dots, shifts included, are lit in the monitor's colour.

The tables are numba constants: numba's cache does not notice edits to
palette.py or tables.py, so after changing them touch this file (or run with
APPLE2_NO_JIT_CACHE=1).
"""
from __future__ import annotations

import numpy as np
from numba import njit

from .. import jit_options
from .modes import FB_HEIGHT, FB_WIDTH, HIRES
from .scan import shown_page2, shows_text, text_base
from .tables import CELL, HIRES_ROWS, LORES_ROWS, TEXT_ROWS

JIT = jit_options()
# The helpers are inlined into render(), where LLVM can see that the tables
# (constants) never alias the framebuffer and vectorises the row copies:
# called out of line, the same copies ran eight times slower.
INLINE = jit_options(inline=True)
COLUMNS = 40
FLASH_FRAMES = 14      # frames per flash phase; see the module docstring
_TEXT = TEXT_ROWS                                              # (colour, dots, 14)
_LORES = LORES_ROWS.reshape(LORES_ROWS.shape[0], -1, CELL)      # (colour, parity * 16 + nibble, 14)
_HIRES = HIRES_ROWS                                            # (colour, key, 14)

# Indices below are cast to uint64 before use: numba checks signed indices for
# negative values on every access, which made the copies four times slower.
# Each cell is copied by a loop written out where it is used, with its count
# a constant: through a shared helper the hi-res line took 40% longer.
U = np.uint64


@njit(**INLINE)
def hires_base(y, page2):
    """Address of the first byte of hi-res line ``y``, 0-191."""
    return (0x4000 if page2 else 0x2000) + 1024 * (y & 7) + 128 * ((y >> 3) & 7) + 40 * (y >> 6)


@njit(**INLINE)
def _text_line(ram, flat, line, y, page2, flash, charset, rows):
    """One scanline of 40 text cells: glyph row ``y % 8`` of each character."""
    base = text_base(y >> 3, page2)
    glyph_row = U(y & 7)
    for col in range(COLUMNS):
        code = ram[U(base + col)]
        dots = charset[U(code & 0x3F), glyph_row] & 0x7F
        if code < 0x40 or (code < 0x80 and flash):
            dots ^= 0x7F
        o, k = U(line + col * CELL), U(dots)
        for i in range(U(CELL)):
            flat[o + i] = rows[k, i]


@njit(**INLINE)
def _lores_line(ram, flat, line, y, page2, rows):
    """One scanline of 40 lo-res blocks: low nibbles on cell lines 0-3, high on 4-7."""
    base = text_base(y >> 3, page2)
    shift = 4 if y & 4 else 0
    for col in range(COLUMNS):
        nibble = (ram[U(base + col)] >> shift) & 0x0F
        o, k = U(line + col * CELL), U((col & 1) * 16 + nibble)
        for i in range(U(CELL)):
            flat[o + i] = rows[k, i]


@njit(**INLINE)
def _hires_line(ram, flat, line, y, page2, rows):
    """One hi-res scanline, with the half-dot delay of bytes whose bit 7 is set."""
    base = hires_base(y, page2)
    prev = 0                       # the byte to the left; 0 at the left edge
    held = 0                       # the last dot drawn so far: black at the left edge
    for col in range(COLUMNS):
        byte = np.int64(ram[U(base + col)])
        nxt = np.int64(ram[U(base + col + 1)]) if col < COLUMNS - 1 else 0
        delay = byte >> 7
        at = line + col * CELL
        key = (((col & 1) * 2 + ((prev >> 6) & 1)) * 2 + (nxt & 1)) * 256 + byte
        # A delayed byte leaves its first tick to the dot before it, which
        # the shift register holds.  Written every time, branch-free: an
        # undelayed byte overwrites it, and after a delayed byte it is the
        # half dot that byte put there anyway.  ``held`` is the previous
        # cell's last dot, taken from its table row rather than read back.
        flat[U(at)] = held
        o, k = U(at + delay), U(key)
        if delay and col == COLUMNS - 1:
            for i in range(U(CELL - 1)):               # the last half dot is off screen
                flat[o + i] = rows[k, i]
        else:
            for i in range(U(CELL)):
                flat[o + i] = rows[k, i]
        held = rows[k, U(CELL - 1 - delay)]
        prev = byte


@njit(**JIT)
def render(ram: np.ndarray, modes: np.ndarray, fb: np.ndarray, frame_number: int,
           charset: np.ndarray, colour: int) -> None:
    """Draw one frame: line ``y`` of ``fb`` in mode ``modes[y]``; see the module docstring.

    ``fb`` must be C-contiguous, as from :func:`emu.video.modes.new_framebuffer`.
    ``colour`` 0 is an NTSC colour screen, 1-3 white, green, amber monochrome
    (out-of-range values are clamped).  ``charset`` is (64, 8), as from
    :func:`emu.video.font.default_charset`.
    """
    colour = U(min(max(colour, 0), 3))
    flash = (frame_number // FLASH_FRAMES) & 1
    text_rows = _TEXT[colour]
    lores_rows = _LORES[colour]
    hires_rows = _HIRES[colour]
    flat = fb.reshape(FB_HEIGHT * FB_WIDTH)
    for y in range(FB_HEIGHT):
        mode = modes[y]
        page2 = shown_page2(mode)
        line = y * FB_WIDTH
        if shows_text(mode, y):
            _text_line(ram, flat, line, y, page2, flash, charset, text_rows)
        elif mode & HIRES:
            _hires_line(ram, flat, line, y, page2, hires_rows)
        else:
            _lores_line(ram, flat, line, y, page2, lores_rows)
