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

A line drawn straight from memory depends on nothing but its 40 bytes (80
with aux memory's), what it shows (text, lo-res, hi-res, 80 columns or
double graphics), the glyph set and flash phase of text, and the colour
setting.  The renderer keeps those per line, with the framebuffer, and
leaves a line alone when all of them are as they were when it last drew
it: most frames of most programs change few lines, or none (a program that
double-buffers shows the same page for several frames).  Comparing a
line's bytes costs a few nanoseconds, drawing it about a hundred.

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

The tables are numba constants, and the scanner's functions are inlined.
numba's own cache would not notice edits to palette.py, tables.py, modes.py,
scanner.py or writelog.py; ``emu.jitcache`` does (each module's hash covers
the modules it imports).
"""
from __future__ import annotations

import numpy as np
from numba import njit

from .. import jit_options
from .modes import ALTCHAR, AUX_RAM, COL80, DHIRES, FB_HEIGHT, FB_WIDTH, HIRES
from .scanner import COLUMNS, fetch_cycle, hires_base, line_address, scanner_address, shown_page2, \
    shows_text, text_base
from .tables import CELL, DOUBLE_HIRES_ROWS, DOUBLE_LORES_ROWS, HALF, HIRES_ROWS, LORES_ROWS, \
    TEXT80_ROWS, TEXT_ROWS, double_hires_key
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
_TEXT80 = TEXT80_ROWS                                          # (colour, dots, 7)
_DLORES = DOUBLE_LORES_ROWS                                    # (colour, phase * 16 + colour, 7)
_DHIRES = DOUBLE_HIRES_ROWS                                    # (colour, key, 7)
_dhires_key = njit(**INLINE)(double_hires_key)    # the table's own key, jitted
WORDS = COLUMNS // 8           # a line's 40 bytes as uint64 words, for _unchanged()
ADDRESS = 0xFFFF               # a logged write's address, in main or aux memory
# What a line (or a cell) shows: line_kind().
TEXT40, TEXT80, LORES, DLORES, HIRES40, DHIRES80 = range(6)

# Indices below are cast to uint64 before use: numba checks signed indices for
# negative values on every access, which made the copies four times slower.
# Each cell is copied by a loop written out where it is used, with its count
# a constant: through a shared helper the hi-res line took 40% longer.
U = np.uint64


@njit(**INLINE)
def line_kind(mode, y):
    """What scanline ``y`` shows in ``mode``: TEXT40, TEXT80, LORES, DLORES, HIRES40 or DHIRES80.

    80COL makes text 80 columns; with DHIRES (AN3 off) too, lo-res and
    hi-res graphics are double (IIe Technical Reference Manual, ch. 2).
    """
    col80 = (mode & COL80) != 0
    if shows_text(mode, y):
        return TEXT80 if col80 else TEXT40
    double = col80 and (mode & DHIRES) != 0
    if mode & HIRES:
        return DHIRES80 if double else HIRES40
    return DLORES if double else LORES


@njit(**INLINE)
def _glyph_set(mode, flash):
    """The first index of render()'s ``glyphs``: ALTCHARSET * 2 + the flash's phase."""
    return U((2 if mode & ALTCHAR else 0) + flash)


@njit(**INLINE)
def _text_line(ram, flat, line, y, page2, glyphs, rows):
    """One scanline of 40 text cells: glyph row ``y % 8`` of each character."""
    base = text_base(y >> 3, page2)
    glyph_row = U(y & 7)
    for col in range(COLUMNS):
        o, k = U(line + col * CELL), U(glyphs[U(ram[U(base + col)]), glyph_row])
        for i in range(U(CELL)):
            flat[o + i] = rows[k, i]


@njit(**INLINE)
def _text80_line(ram, flat, line, y, page2, glyphs, rows):
    """One scanline of 80 text cells: aux memory's character, then main memory's, in each cell."""
    base = text_base(y >> 3, page2)
    glyph_row = U(y & 7)
    for col in range(COLUMNS):
        o = U(line + col * CELL)
        k = U(glyphs[U(ram[U(AUX_RAM + base + col)]), glyph_row])
        for i in range(U(HALF)):
            flat[o + i] = rows[k, i]
        o, k = o + U(HALF), U(glyphs[U(ram[U(base + col)]), glyph_row])
        for i in range(U(HALF)):
            flat[o + i] = rows[k, i]


@njit(**INLINE)
def _dlores_key(byte, shift, col, aux):
    """Double lo-res: the row of a half cell (tables.double_lores_rows), aux or main."""
    nibble = (byte >> shift) & 0x0F
    if aux:
        return U(((2 * col + 1) & 3) * 16 + (((nibble << 1) | (nibble >> 3)) & 0x0F))
    return U(((2 * col) & 3) * 16 + nibble)


@njit(**INLINE)
def _dlores_line(ram, flat, line, y, page2, rows):
    """One scanline of 80 double lo-res blocks: aux memory's nibble, then main memory's."""
    base = text_base(y >> 3, page2)
    shift = 4 if y & 4 else 0
    for col in range(COLUMNS):
        o = U(line + col * CELL)
        k = _dlores_key(ram[U(AUX_RAM + base + col)], shift, col, True)
        for i in range(U(HALF)):
            flat[o + i] = rows[k, i]
        o, k = o + U(HALF), _dlores_key(ram[U(base + col)], shift, col, False)
        for i in range(U(HALF)):
            flat[o + i] = rows[k, i]


@njit(**INLINE)
def _dhires_line(ram, flat, line, y, page2, rows):
    """One double hi-res scanline: 560 dots, aux byte then main byte, 7 dots each (bit 7 unused).

    Each half cell's colours depend on the tick before it and the two after
    it (tables.double_hires_rows), so the neighbours go into its key.
    """
    base = hires_base(y, page2)
    before = 0                                  # the tick before the half: black at the left edge
    aux = np.int64(ram[U(AUX_RAM + base)]) & 0x7F
    for col in range(COLUMNS):
        main = np.int64(ram[U(base + col)]) & 0x7F
        nxt = np.int64(ram[U(AUX_RAM + base + col + 1)]) & 0x7F if col < COLUMNS - 1 else 0
        o = U(line + col * CELL)
        k = U(_dhires_key((2 * col + 1) & 3, before, main & 3, aux))
        for i in range(U(HALF)):
            flat[o + i] = rows[k, i]
        o, k = o + U(HALF), U(_dhires_key((2 * col) & 3, aux >> 6, nxt & 3, main))
        for i in range(U(HALF)):
            flat[o + i] = rows[k, i]
        before = main >> 6
        aux = nxt


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
def _cells_line(cells, flat, line, y, flash, glyphs, text_rows, lores_rows, hires_rows,
                text80_rows, dlores_rows, dhires_rows):
    """One scanline from gathered cells: ``cells[0]`` the 40 main bytes, ``cells[1]`` their
    modes, ``cells[2]`` the aux bytes.

    The same rules as the line functions, cell by cell; see the module
    docstring for what happens where the mode changes.
    """
    glyph_row = U(y & 7)
    shift = 4 if y & 4 else 0
    for col in range(COLUMNS):
        byte = cells[0, col]
        mode = cells[1, col]
        aux = cells[2, col]
        at = line + col * CELL
        kind = line_kind(mode, y)
        if kind == TEXT40:
            o, k = U(at), U(glyphs[_glyph_set(mode, flash), U(byte), glyph_row])
            for i in range(U(CELL)):
                flat[o + i] = text_rows[k, i]
        elif kind == TEXT80:
            g = _glyph_set(mode, flash)
            o, k = U(at), U(glyphs[g, U(aux), glyph_row])
            for i in range(U(HALF)):
                flat[o + i] = text80_rows[k, i]
            o, k = o + U(HALF), U(glyphs[g, U(byte), glyph_row])
            for i in range(U(HALF)):
                flat[o + i] = text80_rows[k, i]
        elif kind == HIRES40:
            prev = cells[0, col - 1] if col > 0 and line_kind(cells[1, col - 1], y) == HIRES40 \
                else 0
            nxt = cells[0, col + 1] if col < COLUMNS - 1 and \
                line_kind(cells[1, col + 1], y) == HIRES40 else 0
            delay = byte >> 7
            key = (((col & 1) * 2 + ((prev >> 6) & 1)) * 2 + (nxt & 1)) * 256 + byte
            if delay:
                flat[U(at)] = flat[U(at - 1)] if col > 0 else 0
            o, k = U(at + delay), U(key)
            for i in range(U(CELL - 1 if delay and col == COLUMNS - 1 else CELL)):
                flat[o + i] = hires_rows[k, i]
        elif kind == DHIRES80:
            before = (cells[0, col - 1] >> 6) & 1 if col > 0 and \
                line_kind(cells[1, col - 1], y) == DHIRES80 else 0
            nxt = cells[2, col + 1] & 3 if col < COLUMNS - 1 and \
                line_kind(cells[1, col + 1], y) == DHIRES80 else 0
            a, m = aux & 0x7F, byte & 0x7F
            o, k = U(at), U(_dhires_key((2 * col + 1) & 3, before, m & 3, a))
            for i in range(U(HALF)):
                flat[o + i] = dhires_rows[k, i]
            o, k = o + U(HALF), U(_dhires_key((2 * col) & 3, a >> 6, nxt, m))
            for i in range(U(HALF)):
                flat[o + i] = dhires_rows[k, i]
        elif kind == DLORES:
            o, k = U(at), _dlores_key(aux, shift, col, True)
            for i in range(U(HALF)):
                flat[o + i] = dlores_rows[k, i]
            o, k = o + U(HALF), _dlores_key(byte, shift, col, False)
            for i in range(U(HALF)):
                flat[o + i] = dlores_rows[k, i]
        else:
            nibble = (byte >> shift) & 0x0F
            o, k = U(at), U((col & 1) * 16 + nibble)
            for i in range(U(CELL)):
                flat[o + i] = lores_rows[k, i]


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


@njit(**INLINE)
def _unchanged(words, base, double, drawn, keys, y, key):
    """Whether line ``y`` is to be drawn the way it was last drawn: the same ``key`` (what it
    shows and how) and the same 40 bytes at ``base`` (and with ``double``, the 40 aux bytes
    behind them).  If not, the line's new bytes and key are noted for next time.

    A line's dots depend on nothing else (not on the lines around it, nor
    on where its bytes are: page 1 and page 2 alike), so an unchanged line
    is left as it is in the framebuffer.  ``words`` is memory as uint64:
    every line of every mode starts on a multiple of 8 (the memory map's
    rows are 40 and 128 bytes apart), so 40 bytes are 5 words.
    """
    row, at, aux = U(y), U(base >> 3), U((AUX_RAM + base) >> 3)
    diff = keys[row] ^ key
    for i in range(U(WORDS)):
        diff |= np.int64(words[at + i] ^ drawn[row, i])
    if double:
        for i in range(U(WORDS)):
            diff |= np.int64(words[aux + i] ^ drawn[row, U(WORDS) + i])
    if diff == 0:
        return True
    keys[row] = key
    for i in range(U(WORDS)):
        drawn[row, i] = words[at + i]
    if double:
        for i in range(U(WORDS)):
            drawn[row, U(WORDS) + i] = words[aux + i]
    return False


@njit(**JIT)
def render(ram: np.ndarray, fb: np.ndarray, start_mode: int, events: np.ndarray, event_count: int,
           writes: np.ndarray, write_count: int, frame_start: int, frame_number: int,
           glyphs: np.ndarray, colour: int, cells: np.ndarray, line_modes: np.ndarray,
           drawn: np.ndarray, keys: np.ndarray) -> None:
    """Draw the frame that began on cycle ``frame_start``, as the scanner fetched it.

    ``ram``: the machine's memory from its start as the frame left it: main
    memory $0000-$BFFF, and on a IIe aux memory's from AUX_RAM (changed
    while drawing, and put back).  ``start_mode``: the mode when the frame began;
    ``events[:event_count]``: (cycle, new mode) of its mode changes, in
    order; ``writes[:write_count]``: (cycle, where | old << WRITE_OLD | new <<
    WRITE_NEW) of its writes to the pages on display, in order, ``where``
    being the index in ``ram`` (see the module docstring).  ``fb`` must be C-contiguous, as from
    :func:`emu.video.modes.new_framebuffer`.  ``colour`` 0 is an NTSC colour
    screen, 1-3 white, green, amber monochrome (out-of-range values are
    clamped).  ``glyphs`` is (4, 256, 8), the dots each byte shows, as from
    :func:`emu.video.font.glyph_sets`.  ``cells``: a (3, 40) int64
    scratch array.  ``line_modes[y]`` is set to the mode line ``y`` began in.

    ``drawn`` (FB_HEIGHT, 10) uint64 and ``keys`` (FB_HEIGHT,) int64 remember
    how each line of ``fb`` was last drawn: the bytes (main, then aux) and a
    key of what they showed and how (0: nothing known, draw it).  A line to
    be drawn straight from memory the same way from the same bytes is left
    as it is.  Zero ``keys`` (:func:`new_line_cache`) whenever ``fb`` or
    ``glyphs`` change other than through this function.
    """
    colour = U(min(max(colour, 0), 3))
    flash = (frame_number // FLASH_FRAMES) & 1
    text_rows = _TEXT[colour]
    lores_rows = _LORES[colour]
    hires_rows = _HIRES[colour]
    text80_rows = _TEXT80[colour]
    dlores_rows = _DLORES[colour]
    dhires_rows = _DHIRES[colour]
    flat = fb.reshape(FB_HEIGHT * FB_WIDTH)
    words = ram.view(np.uint64)
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
            # fetched, or if one of its own bytes (main or aux) was written meanwhile.
            gather = e > 0 and events[e - 1, 0] >= first
            if not gather:
                base = line_address(y, mode)
                k = w
                while k > 0 and writes[k - 1, 0] >= first:
                    k -= 1
                    if 0 <= (writes[k, 1] & ADDRESS) - base < COLUMNS:
                        gather = True
                        break
            if gather:
                for col in range(COLUMNS - 1, -1, -1):
                    cycle = first + col
                    w = _undo(ram, writes, w, cycle)
                    while e > 0 and events[e - 1, 0] >= cycle:
                        e -= 1
                    mode = events[e - 1, 1] if e > 0 else start_mode
                    address = scanner_address(cycle, mode)
                    cells[0, col] = ram[address]
                    cells[1, col] = mode
                    cells[2, col] = ram[AUX_RAM + address] if ram.shape[0] > AUX_RAM else 0
            else:
                w = _undo(ram, writes, w, first)
        if gather:
            _cells_line(cells, flat, line, y, flash, glyphs, text_rows, lores_rows, hires_rows,
                        text80_rows, dlores_rows, dhires_rows)
            keys[y] = 0                             # drawn from no one line of memory
        else:
            page2 = shown_page2(mode)
            kind = line_kind(mode, y)
            text = kind == TEXT40 or kind == TEXT80
            key = 1 + kind + 8 * (np.int64(_glyph_set(mode, flash)) if text else 0) + \
                64 * np.int64(colour)
            double = kind == TEXT80 or kind == DLORES or kind == DHIRES80
            if _unchanged(words, line_address(y, mode), double, drawn, keys, y, key):
                pass
            elif kind == TEXT40:
                _text_line(ram, flat, line, y, page2, glyphs[_glyph_set(mode, flash)], text_rows)
            elif kind == HIRES40:
                _hires_line(ram, flat, line, y, page2, hires_rows)
            elif kind == LORES:
                _lores_line(ram, flat, line, y, page2, lores_rows)
            elif kind == TEXT80:
                _text80_line(ram, flat, line, y, page2, glyphs[_glyph_set(mode, flash)],
                             text80_rows)
            elif kind == DHIRES80:
                _dhires_line(ram, flat, line, y, page2, dhires_rows)
            else:
                _dlores_line(ram, flat, line, y, page2, dlores_rows)
        line_modes[y] = mode
    _redo(ram, writes, w, write_count)


def render_still(ram: np.ndarray, fb: np.ndarray, mode: int, frame_number: int = 0,
                 charset: np.ndarray | None = None, colour: int = 0, iie: bool = False) -> None:
    """Draw ``ram`` as a frame with one mode throughout and no writes (tests, tools).

    ``ram``: main memory, and on a IIe (``iie``) aux memory from AUX_RAM;
    ``charset`` as :func:`emu.video.font.glyph_sets` takes it.
    """
    from .font import default_charset, glyph_sets
    none = np.zeros((1, 2), dtype=np.int64)
    glyphs = glyph_sets(default_charset() if charset is None else charset, iie)
    render(ram, fb, mode, none, 0, none, 0, 0, frame_number, glyphs, colour,
           np.zeros((3, COLUMNS), dtype=np.int64), np.zeros(FB_HEIGHT, dtype=np.int64),
           *new_line_cache())


def new_line_cache() -> tuple[np.ndarray, np.ndarray]:
    """An empty record of how a framebuffer's lines were drawn: render()'s ``drawn`` and ``keys``."""
    return np.zeros((FB_HEIGHT, 2 * WORDS), dtype=np.uint64), np.zeros(FB_HEIGHT, dtype=np.int64)
