"""The Apple II video renderer (the II+'s modes, as a IIe shows them in 40 columns): a frame as
the scanner fetched it.

:func:`render` draws the 192 visible lines of the frame that has just
ended into a framebuffer.  A line is 40 cells of 14 framebuffer dots (one
dot per 14.318 MHz tick, half a hi-res dot), one cell per byte the scanner
fetched, and every cell is a copy of one precomputed 14-dot row of
:mod:`emu.video.tables`; the code here finds the bytes and picks the rows.
Nothing is allocated and no Python object is touched, so the machine can
call it every frame.

Exact to the cycle, from the memory the frame ended with.  Each byte of the
picture is the byte the scanner fetched on its cycle (:mod:`emu.video.scanner`
says which cycle and which address), drawn in the mode of that cycle.  At
the end of the frame memory holds that byte already, unless the CPU wrote it
after the beam had passed.  The machine logs the writes to the pages on
display with their cycle and the value they replaced (from the frame's
first fetch on, and only those that change the byte), and every mode
change with its cycle; the renderer walks the frame backwards from its last fetch,
undoing each logged write as the beam goes back past its cycle, so every
line is drawn from memory as it stood while that line was fetched; then it
redoes them.  A line whose 40 bytes were fetched in one mode and none of
which was written while the line was being fetched (nearly all of them) is
drawn straight from memory by a line function; any other line is gathered
byte by byte, each with the mode and the memory of its own cycle, and drawn
cell by cell.  So a write lands on the screen from the next byte the beam
fetches, and a mode switch from the next byte too, in the middle of a line
as well.

A dot is one byte, an index into :data:`emu.video.palette.PALETTE`: a third
of the bytes an RGB frame would take (a hi-res frame went from about 25 us
to 16 us with it).  :func:`emu.video.modes.to_rgb` turns a frame into RGB
for people.

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

Where a line changes mode between two bytes, each byte is drawn by the rules
of its own mode; a hi-res byte sees black beyond a neighbour drawn in
another mode (no white or colour fill across the boundary), and a delayed
hi-res byte after a byte of another mode repeats that byte's last tick.
Text is drawn without colour on a colour screen; the II+ kills the colour
burst of a line that starts in text, which we do not model (a graphics
byte keeps its colour on a line that is part text).

The tables are numba constants, and the scanner's functions are inlined:
numba's cache does not notice edits to palette.py, tables.py, modes.py,
scanner.py or writelog.py, so after changing them touch this file (or run
with APPLE2_NO_JIT_CACHE=1).
"""
from __future__ import annotations

import numpy as np
from numba import njit

from .. import jit_options
from .modes import FB_HEIGHT, FB_WIDTH, HIRES
from .scanner import COLUMNS, fetch_cycle, hires_base, line_address, scanner_address, shown_page2, \
    shows_text, text_base
from .tables import CELL, HIRES_ROWS, LORES_ROWS, TEXT_ROWS
from .writelog import WRITE_NEW, WRITE_OLD

JIT = jit_options()
# The helpers are inlined into render(), where LLVM can see that the tables
# (constants) never alias the framebuffer and vectorises the row copies:
# called out of line, the same copies ran eight times slower.
INLINE = jit_options(inline=True)
FLASH_FRAMES = 14      # frames per flash phase; see the module docstring
WHERE = (1 << WRITE_OLD) - 1
_TEXT = TEXT_ROWS                                              # (colour, dots, 14)
_LORES = LORES_ROWS.reshape(LORES_ROWS.shape[0], -1, CELL)      # (colour, parity * 16 + nibble, 14)
_HIRES = HIRES_ROWS                                            # (colour, key, 14)

# Indices below are cast to uint64 before use: numba checks signed indices for
# negative values on every access, which made the copies four times slower.
# Each cell is copied by a loop written out where it is used, with its count
# a constant: through a shared helper the hi-res line took 40% longer.
U = np.uint64


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


@njit(**INLINE)
def _cells_line(cells, flat, line, y, flash, charset, text_rows, lores_rows, hires_rows):
    """One scanline from gathered cells: ``cells[0]`` the 40 bytes, ``cells[1]`` their modes.

    The same rules as the line functions, cell by cell; see the module
    docstring for what happens where the mode changes.
    """
    glyph_row = U(y & 7)
    shift = 4 if y & 4 else 0
    for col in range(COLUMNS):
        byte = cells[0, col]
        mode = cells[1, col]
        at = line + col * CELL
        if shows_text(mode, y):
            dots = charset[U(byte & 0x3F), glyph_row] & 0x7F
            if byte < 0x40 or (byte < 0x80 and flash):
                dots ^= 0x7F
            o, k = U(at), U(dots)
            for i in range(U(CELL)):
                flat[o + i] = text_rows[k, i]
        elif mode & HIRES:
            prev = cells[0, col - 1] if col > 0 and _hires_shown(cells[1, col - 1], y) else 0
            nxt = cells[0, col + 1] if col < COLUMNS - 1 and _hires_shown(cells[1, col + 1], y) else 0
            delay = byte >> 7
            key = (((col & 1) * 2 + ((prev >> 6) & 1)) * 2 + (nxt & 1)) * 256 + byte
            if delay:
                flat[U(at)] = flat[U(at - 1)] if col > 0 else 0
            o, k = U(at + delay), U(key)
            for i in range(U(CELL - 1 if delay and col == COLUMNS - 1 else CELL)):
                flat[o + i] = hires_rows[k, i]
        else:
            nibble = (byte >> shift) & 0x0F
            o, k = U(at), U((col & 1) * 16 + nibble)
            for i in range(U(CELL)):
                flat[o + i] = lores_rows[k, i]


@njit(**INLINE)
def _hires_shown(mode, y):
    return (mode & HIRES) != 0 and not shows_text(mode, y)


@njit(**INLINE)
def _undo(ram, writes, w, cycle):
    """Undo the logged writes ``writes[:w]`` made on ``cycle`` or later; returns the new ``w``.

    The byte undone takes the place of the entry's new byte, for :func:`_redo`.
    """
    while w > 0 and writes[U(w - 1), U(0)] >= cycle:
        w -= 1
        packed = writes[U(w), U(1)]
        a = U(packed & WHERE)
        now = np.int64(ram[a])
        ram[a] = (packed >> WRITE_OLD) & 0xFF
        writes[U(w), U(1)] = (packed & ((1 << WRITE_NEW) - 1)) | (now << WRITE_NEW)
    return w


@njit(**INLINE)
def _redo(ram, writes, w, count):
    """Put back, oldest first, what :func:`_undo` took out of memory."""
    for i in range(U(w), U(count)):
        packed = writes[i, U(1)]
        ram[U(packed & WHERE)] = (packed >> WRITE_NEW) & 0xFF


@njit(**JIT)
def render(ram: np.ndarray, fb: np.ndarray, start_mode: int, events: np.ndarray, event_count: int,
           writes: np.ndarray, write_count: int, frame_start: int, frame_number: int,
           charset: np.ndarray, colour: int, cells: np.ndarray, line_modes: np.ndarray) -> None:
    """Draw the frame that began on cycle ``frame_start``, as the scanner fetched it.

    ``ram``: main memory $0000-$BFFF as the frame left it (changed while
    drawing, and put back).  ``start_mode``: the mode when the frame began;
    ``events[:event_count]``: (cycle, new mode) of its mode changes, in
    order; ``writes[:write_count]``: (cycle, where | old << WRITE_OLD | new <<
    WRITE_NEW) of its writes to the pages on display, in order, ``where``
    being the index in ``ram`` (see the module docstring).  ``fb`` must be C-contiguous, as from
    :func:`emu.video.modes.new_framebuffer`.  ``colour`` 0 is an NTSC colour
    screen, 1-3 white, green, amber monochrome (out-of-range values are
    clamped).  ``charset`` is (64, 8), as from
    :func:`emu.video.font.default_charset`.  ``cells``: a (2, 40) int64
    scratch array.  ``line_modes[y]`` is set to the mode line ``y`` began in.
    """
    colour = U(min(max(colour, 0), 3))
    flash = (frame_number // FLASH_FRAMES) & 1
    text_rows = _TEXT[colour]
    lores_rows = _LORES[colour]
    hires_rows = _HIRES[colour]
    flat = fb.reshape(FB_HEIGHT * FB_WIDTH)
    e, w = event_count, write_count
    mode = events[e - 1, 1] if e > 0 else start_mode
    # Nothing logged after the first fetch (most frames): one mode, memory as it is.
    screen_start = fetch_cycle(frame_start, 0, 0)
    busy = (e > 0 and events[e - 1, 0] >= screen_start) or \
        (w > 0 and writes[w - 1, 0] >= screen_start)
    for y in range(FB_HEIGHT - 1, -1, -1):
        line = y * FB_WIDTH
        gather = False
        if busy:
            first = fetch_cycle(frame_start, y, 0)
            last = first + COLUMNS - 1
            w = _undo(ram, writes, w, last)        # memory as the line's last fetch saw it
            while e > 0 and events[e - 1, 0] >= last:
                e -= 1
            mode = events[e - 1, 1] if e > 0 else start_mode
            # Gather the line byte by byte if its mode changed while it was
            # fetched, or if one of its own bytes was written meanwhile.
            gather = e > 0 and events[e - 1, 0] >= first
            if not gather:
                base = line_address(y, mode)
                k = w
                while k > 0 and writes[k - 1, 0] >= first:
                    k -= 1
                    if 0 <= (writes[k, 1] & WHERE) - base < COLUMNS:
                        gather = True
                        break
            if gather:
                for col in range(COLUMNS - 1, -1, -1):
                    cycle = first + col
                    w = _undo(ram, writes, w, cycle)
                    while e > 0 and events[e - 1, 0] >= cycle:
                        e -= 1
                    mode = events[e - 1, 1] if e > 0 else start_mode
                    cells[0, col] = ram[scanner_address(cycle, mode)]
                    cells[1, col] = mode
            else:
                w = _undo(ram, writes, w, first)
        if gather:
            _cells_line(cells, flat, line, y, flash, charset, text_rows, lores_rows, hires_rows)
        else:
            page2 = shown_page2(mode)
            if shows_text(mode, y):
                _text_line(ram, flat, line, y, page2, flash, charset, text_rows)
            elif mode & HIRES:
                _hires_line(ram, flat, line, y, page2, hires_rows)
            else:
                _lores_line(ram, flat, line, y, page2, lores_rows)
        line_modes[y] = mode
    _redo(ram, writes, w, write_count)


def render_still(ram: np.ndarray, fb: np.ndarray, mode: int, frame_number: int = 0,
                 charset: np.ndarray | None = None, colour: int = 0) -> None:
    """Draw ``ram`` as a frame with one mode throughout and no writes (tests, tools)."""
    from .font import default_charset
    none = np.zeros((1, 2), dtype=np.int64)
    render(ram, fb, mode, none, 0, none, 0, 0, frame_number,
           default_charset() if charset is None else charset, colour,
           np.zeros((2, COLUMNS), dtype=np.int64), np.zeros(FB_HEIGHT, dtype=np.int64))
