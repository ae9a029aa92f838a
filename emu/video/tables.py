"""Lookup tables that turn one screen byte into 14 framebuffer dots.

Every mode draws a line as 40 cells of 14 dots, and what a cell looks like
depends on only a few bits, so each mode gets a table of finished
rows of 14 dots, one per case, and the renderer only copies rows.  A dot is
an index into :data:`emu.video.palette.PALETTE`, one byte, so a row is 14
bytes.  The first axis of every table is the ``colour`` argument of render()
(0 NTSC, 1 white, 2 green, 3 amber).  The tables are built once, here, with
numpy.

Positions: the framebuffer has 560 dots a line, one per tick of the Apple's
14.318 MHz master clock.  A text or hi-res dot lasts two ticks, a lo-res
colour is a 4-tick pattern, and a dot at tick ``p`` is in the colour phase
``p % 4`` (the colour burst is the master clock / 4).
"""
from __future__ import annotations

import numpy as np

from .palette import HIRES_BLACK, HIRES_BLUE, HIRES_GREEN, HIRES_INDEX, HIRES_ORANGE, \
    HIRES_VIOLET, HIRES_WHITE, MONO_INDEX

COLOURS = 4
CELL = 14


def _mono_rows(lit: np.ndarray) -> np.ndarray:
    """Rows for (..., 14) lit masks: NTSC and white in white, then green, amber."""
    rows = np.zeros((COLOURS,) + lit.shape, dtype=np.uint8)
    for colour in range(COLOURS):
        rows[colour][lit] = MONO_INDEX[colour]
    return rows


def _doubled(pattern: np.ndarray) -> np.ndarray:
    """(n,) 7-bit dot patterns (bit 0 leftmost) to (n, 14) lit masks, 2 ticks a dot."""
    bits = (pattern[:, None] >> np.arange(7)) & 1
    return np.repeat(bits, 2, axis=1).astype(bool)


def text_rows() -> np.ndarray:
    """(4, 128, 14): a text cell row from its 7-bit dot pattern.

    Text has no colour on a colour screen either (the II+ turns the colour
    burst off in text mode), so the NTSC slot is white.
    """
    return _mono_rows(_doubled(np.arange(128)))


def lores_rows() -> np.ndarray:
    """(4, 2, 16, 14): a lo-res cell row from its column's parity and its colour.

    In colour, the cell is the colour.  In monochrome it is the colour's dot
    pattern, as a mono monitor shows it: the tick at phase ``k`` is lit when
    bit ``k`` of the colour is set.  A cell starts at tick 14 * column, so
    odd columns start at phase 2: the parity axis.  This phase assignment is
    the one under which the hi-res artifact colours come out right
    (violet = lo-res 3 lights phases 0 and 1, the two ticks of an even dot).
    """
    rows = np.zeros((COLOURS, 2, 16, CELL), dtype=np.uint8)
    phase = (np.arange(2)[:, None] * 2 + np.arange(CELL)) % 4          # (parity, tick)
    lit = (np.arange(16)[None, :, None] >> phase[:, None, :]) & 1      # (parity, colour, tick)
    rows[1:] = _mono_rows(lit.astype(bool))[1:]
    rows[0] = np.arange(16, dtype=np.uint8)[None, :, None]     # palette index = colour
    return rows


def hires_key(parity: int, prev_dot: int, next_dot: int, byte: int) -> int:
    """Index into :func:`hires_rows`' second axis."""
    return ((parity * 2 + prev_dot) * 2 + next_dot) * 256 + byte


def _hires_colours(parity: int, prev_dot: int, next_dot: int, byte: int) -> list[int]:
    """The hi-res colour (HIRES_BLACK...HIRES_BLUE) of each of a byte's 7 dots in NTSC colour.

    ``parity`` is the column's parity (dot 0 of column c is dot 7c, so it is
    even when c is); ``prev_dot`` and ``next_dot`` are the neighbouring dots
    of the bytes to the left and right.  A lit dot next to another lit dot is
    white; a lit dot alone takes the artifact colour of its position: violet
    (palette bit 0) or blue (bit 1) on even dots, green or orange on odd ones.
    An unlit dot between two lit dots takes their colour, as a TV does (so
    $55 fills violet instead of striping); any other unlit dot is black.
    """
    dots = [prev_dot] + [(byte >> i) & 1 for i in range(7)] + [next_dot]
    palette = byte >> 7
    artifact = ((HIRES_VIOLET, HIRES_GREEN), (HIRES_BLUE, HIRES_ORANGE))[palette]
    colours = []
    for i in range(7):
        left, here, right = dots[i], dots[i + 1], dots[i + 2]
        odd = (parity + i) & 1
        if here:
            colours.append(HIRES_WHITE if left or right else artifact[odd])
        elif left and right:
            colours.append(artifact[odd ^ 1])
        else:
            colours.append(HIRES_BLACK)
    return colours


def hires_rows() -> np.ndarray:
    """(4, 2048, 14): a hi-res byte's 7 dots, each two ticks, by :func:`hires_key`.

    The row is drawn from the byte's first tick, 14 * column, plus one when
    the palette bit delays the byte by half a dot; the renderer does that.
    """
    keys = [(p, a, b, byte) for p in range(2) for a in range(2) for b in range(2)
            for byte in range(256)]
    colours = np.array([_hires_colours(*k) for k in keys], dtype=np.uint8)   # (2048, 7)
    rows = _mono_rows(_doubled(np.array([k[3] for k in keys]) & 0x7F))
    rows[0] = HIRES_INDEX[np.repeat(colours, 2, axis=1)]
    return rows


TEXT_ROWS = text_rows()
LORES_ROWS = lores_rows()
HIRES_ROWS = hires_rows()


# --- the IIe's 80-column modes: a cell is two halves of 7 ticks, aux then main --------
# In 80-column text, double lo-res and double hi-res each byte the scanner
# fetches is shown twice as fast: a cell's 14 ticks are the aux byte's 7 dots
# then the main byte's 7, one tick a dot (Sather, "Understanding the Apple
# IIe", ch. 8; Apple IIe Technical Note #3, "Double High-Resolution
# Graphics").  The 80-column dot stream is one tick ahead of the 40-column
# one, so in colour the tick at framebuffer position ``t`` is in lo-res phase
# ``(t + 1) % 4`` (the 40-column modes: ``t % 4``).  That is the phase under
# which the technical note's table of double hi-res colours (magenta $08 in
# the first aux byte, dark blue $11, ...) comes out as the lo-res colours of
# the same names.
HALF = 7
DOUBLE_PHASE = 1               # the 80-column stream's colour phase at tick 0


def text80_rows() -> np.ndarray:
    """(4, 128, 7): a half cell of 80-column text from its 7-bit dot pattern, a tick a dot."""
    bits = ((np.arange(128)[:, None] >> np.arange(HALF)) & 1).astype(bool)
    return _mono_rows(bits)


def double_lores_colour(nibble: int, aux: bool) -> int:
    """The lo-res colour a double lo-res nibble shows: main memory's as it is, aux memory's
    rotated one bit left (IIe Technical Reference Manual, ch. 2: aux $8 is magenta,
    $1 dark blue, ...)."""
    return ((nibble << 1) | (nibble >> 3)) & 0xF if aux else nibble


def double_lores_rows() -> np.ndarray:
    """(4, 64, 7): a half cell of double lo-res by ``phase * 16 + colour``.

    ``phase``: the lo-res phase of the half's first tick; ``colour``: the
    colour shown (:func:`double_lores_colour`).  In colour the half is that
    colour; in monochrome the tick at phase ``k`` is lit when bit ``k`` of it is.
    """
    rows = np.zeros((COLOURS, 4, 16, HALF), dtype=np.uint8)
    phase = (np.arange(4)[:, None] + np.arange(HALF)) % 4                  # (phase, tick)
    lit = (np.arange(16)[None, :, None] >> phase[:, None, :]) & 1            # (phase, colour, tick)
    rows[1:] = _mono_rows(lit.astype(bool))[1:]
    rows[0] = np.arange(16, dtype=np.uint8)[None, :, None]
    return rows.reshape(COLOURS, 64, HALF)


def double_hires_key(phase: int, prev_tick: int, next_ticks: int, bits: int) -> int:
    """Index into :func:`double_hires_rows`' second axis."""
    return ((phase * 2 + prev_tick) * 4 + next_ticks) * 128 + bits


def double_hires_colour(window: int, phase: int) -> int:
    """The colour of a tick from the 4 ticks around it, ``window`` bit k the tick ``k - 1`` after it
    (the tick before, itself, the two after), the tick itself at lo-res ``phase``.

    A TV's colour decoder sees about one colour cycle (4 ticks) at a time:
    each lit tick of the window adds the lo-res colour bit of its phase.  A
    run of one 4-tick pattern is that lo-res colour throughout; where two
    patterns meet, the ticks near the boundary mix them (the artefacts).
    """
    colour = 0
    for k in range(4):
        if (window >> k) & 1:
            colour |= 1 << ((phase + k - 1) % 4)
    return colour


def double_hires_rows() -> np.ndarray:
    """(4, 4096, 7): a half cell of double hi-res by :func:`double_hires_key`.

    ``phase``: the lo-res phase of the half's first tick; ``prev_tick``: the
    tick before the half (lit or not); ``next_ticks``: the two after it (bit 0
    the first); ``bits``: the half's 7 dots, bit 0 first.  In monochrome a
    lit dot is lit.
    """
    rows = np.zeros((COLOURS, 4 * 2 * 4 * 128, HALF), dtype=np.uint8)
    for phase in range(4):
        for prev in range(2):
            for nxt in range(4):
                for bits in range(128):
                    word = prev | bits << 1 | nxt << 8          # bit j: the tick j - 1 of the half
                    key = double_hires_key(phase, prev, nxt, bits)
                    rows[0, key] = [double_hires_colour((word >> i) & 0xF, (phase + i) % 4)
                                    for i in range(HALF)]
    lit = ((np.arange(4 * 2 * 4 * 128)[:, None] & 127) >> np.arange(HALF)) & 1
    rows[1:] = _mono_rows(lit.astype(bool))[1:]
    return rows


TEXT80_ROWS = text80_rows()
DOUBLE_LORES_ROWS = double_lores_rows()
DOUBLE_HIRES_ROWS = double_hires_rows()
