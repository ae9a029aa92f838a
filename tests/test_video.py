"""Tests of the Apple II+ video renderer (emu.video).

Each case builds a little of main RAM by hand, renders one frame and checks
framebuffer dots against what the Apple would show: text rows at their
interleaved addresses, lo-res colours in the right blocks, hi-res artifact
colours and the half-dot shift of bytes with bit 7 set, MIXED and PAGE2.  A
slow dot-by-dot model of the hi-res rules checks the table-driven renderer
on random screens, and the plain-Python reference of tests/video_reference.py
checks whole frames: random memory in every mode, logged writes and mode
changes in the middle of lines, and the golden frames, whose PNGs under
tests/golden/video/ are the reference's pictures, for people to look at.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from emu.video import (FB_HEIGHT, FB_WIDTH, HIRES, MIXED, PAGE2, TEXT, default_charset,
                       load_charset_rom, new_framebuffer, render, to_rgb)
from emu.video.font import glyph_sets
from emu.video.writelog import WRITE_NEW, WRITE_OLD
from emu.video.render import new_line_cache, render_still
from emu.video.scanner import fetch_cycle
from emu.video.palette import (HIRES as HIRES_RGB, HIRES_BLACK, HIRES_BLUE, HIRES_GREEN, HIRES_ORANGE,
                               HIRES_VIOLET, HIRES_WHITE, LORES, MONO)
from video_reference import assert_same_picture, check_golden_png, reference_frame

GOLDEN = Path(__file__).parent / "golden" / "video"
LORES_GR = 0          # lo-res graphics: no mode bit set
BLACK = np.zeros(3, np.uint8)
WHITE = np.full(3, 255, np.uint8)
VIOLET, GREEN, BLUE, ORANGE = (HIRES_RGB[i] for i in (HIRES_VIOLET, HIRES_GREEN, HIRES_BLUE, HIRES_ORANGE))
CHARSET = default_charset()
GLYPHS = glyph_sets(CHARSET, False)


# --- helpers -------------------------------------------------------------------
def new_ram(blank_text=True) -> np.ndarray:
    """48K of zeros, the two text pages filled with normal spaces ($A0) unless told not to."""
    ram = np.zeros(0xC000, dtype=np.uint8)
    if blank_text:
        ram[0x400:0xC00] = 0xA0
    return ram


def frame(ram, mode, colour=0, frame_number=0, charset=CHARSET) -> np.ndarray:
    """Render ``ram`` with one mode on every line."""
    fb = new_framebuffer()
    render_still(ram, fb, mode, frame_number, charset, colour)
    return to_rgb(fb)


def text_addr(row, col, page=1):
    return (0x400 * page) + 128 * (row % 8) + 40 * (row // 8) + col


def hires_addr(y, col, page=1):
    return 0x2000 * page + 1024 * (y % 8) + 128 * ((y // 8) % 8) + 40 * (y // 64) + col


def poke_text(ram, row, col, text, high=0x80, page=1):
    """Store ASCII ``text`` as screen codes (``high`` $80 normal, $00 inverse, $40 flash)."""
    for i, ch in enumerate(text):
        ram[text_addr(row, col + i, page)] = (ord(ch) & 0x3F) | high


def glyph_mask(glyph, invert=False) -> np.ndarray:
    """(8, 14) lit mask of one character cell, each dot two framebuffer dots wide."""
    rows = CHARSET[glyph].astype(np.int64)
    if invert:
        rows ^= 0x7F
    bits = (rows[:, None] >> np.arange(7)) & 1
    return np.repeat(bits, 2, axis=1).astype(bool)


def cell(fb, row, col) -> np.ndarray:
    """The (8, 14, 3) dots of text cell (row, col)."""
    return fb[8 * row:8 * row + 8, 14 * col:14 * col + 14]


def painted(mask, on=WHITE, off=BLACK) -> np.ndarray:
    return np.where(mask[..., None], on, off).astype(np.uint8)


# --- interface -------------------------------------------------------------------
def test_mode_bits_and_framebuffer_shape():
    assert (TEXT, MIXED, PAGE2, HIRES) == (1, 2, 4, 8)
    fb = new_framebuffer()
    assert (FB_HEIGHT, FB_WIDTH) == (192, 560)
    assert fb.shape == (192, 560) and fb.dtype == np.uint8 and not fb.any()
    assert to_rgb(fb).shape == (192, 560, 3) and not to_rgb(fb).any()


def test_default_charset_is_64_upper_case_glyphs_in_dots_1_to_5():
    cs = default_charset()
    assert cs.shape == (64, 8) and cs.dtype == np.uint8
    assert not cs[0x20].any()                         # space
    assert all(cs[g].any() for g in range(64) if g != 0x20)
    assert not (cs[:, 7]).any()                       # a blank row between text lines
    assert not (cs & 0b1000_0001).any()               # dots 0 and 6 (and bit 7) unused
    assert len({cs[g].tobytes() for g in range(64)}) == 64
    cs[1, 0] = 0xFF                                   # a fresh copy each call
    assert default_charset()[1, 0] != 0xFF


# --- text ------------------------------------------------------------------------
def test_text_normal_and_inverse_characters():
    ram = new_ram()
    ram[text_addr(0, 0)] = 0xC1        # normal A
    ram[text_addr(0, 1)] = 0x01        # inverse A
    ram[text_addr(0, 2)] = 0xA0        # normal space
    ram[text_addr(0, 3)] = 0x20        # inverse space: a solid block
    fb = frame(ram, TEXT)
    assert (cell(fb, 0, 0) == painted(glyph_mask(1))).all()
    assert (cell(fb, 0, 1) == painted(glyph_mask(1, invert=True))).all()
    assert not cell(fb, 0, 2).any()
    assert (cell(fb, 0, 3) == WHITE).all()


def test_text_flash_swaps_every_14_frames():
    ram = new_ram()
    ram[text_addr(5, 7)] = 0x41        # flashing A
    normal, inverse = painted(glyph_mask(1)), painted(glyph_mask(1, invert=True))
    for frame_number, expected in ((0, normal), (13, normal), (14, inverse), (27, inverse),
                                   (28, normal)):
        assert (cell(frame(ram, TEXT, frame_number=frame_number), 5, 7) == expected).all(), frame_number


def test_text_rows_use_the_interleaved_layout():
    ram = new_ram()
    for row in range(24):
        ram[0x400 + 128 * (row % 8) + 40 * (row // 8) + row] = 0x20      # inverse space at (row, row)
    fb = frame(ram, TEXT)
    for row in range(24):
        for col in range(40):
            assert (cell(fb, row, col) == (WHITE if col == row else BLACK)).all(), (row, col)


@pytest.mark.parametrize("colour", [0, 1, 2, 3])
def test_text_is_drawn_in_the_monitor_colour_and_white_on_a_colour_screen(colour):
    ram = new_ram()
    ram[text_addr(0, 0)] = 0x20
    fb = frame(ram, TEXT, colour=colour)
    assert (cell(fb, 0, 0) == (WHITE if colour == 0 else MONO[colour])).all()


# --- lo-res ------------------------------------------------------------------------
def test_lores_colours_fill_the_right_blocks():
    ram = new_ram()
    for row in range(24):
        for col in range(40):
            top, bottom = (row + col) % 16, (row + col + 5) % 16
            ram[text_addr(row, col)] = top | bottom << 4
    fb = frame(ram, LORES_GR)
    for row in range(24):
        for col in range(40):
            top, bottom = (row + col) % 16, (row + col + 5) % 16
            block = cell(fb, row, col)
            assert (block[:4] == LORES[top]).all() and (block[4:] == LORES[bottom]).all(), (row, col)


def test_lores_in_monochrome_shows_the_colours_dot_pattern():
    ram = new_ram(blank_text=False)
    ram[text_addr(0, 0)] = 0x11        # magenta: bit 0, ticks at phase 0
    ram[text_addr(0, 1)] = 0x11        # odd column: starts at phase 2
    ram[text_addr(0, 2)] = 0x55        # grey 1: 0101
    ram[text_addr(0, 3)] = 0xFF        # white: every tick
    fb = frame(ram, LORES_GR, colour=2)
    lit = (fb[0] == MONO[2]).all(axis=1)
    assert not (fb[0][~lit]).any()
    assert [x for x in range(56) if lit[x]] == (
        [0, 4, 8, 12] + [16, 20, 24] + [28, 30, 32, 34, 36, 38, 40] + list(range(42, 56)))
    assert (fb[:8] == fb[0]).all()     # both blocks of the cells are the same colour


# --- hi-res ------------------------------------------------------------------------
def test_hires_7f_is_a_white_run_of_seven_dots():
    ram = new_ram()
    ram[hires_addr(0, 0)] = 0x7F
    fb = frame(ram, HIRES)
    assert (fb[0, :14] == WHITE).all() and not fb[0, 14:].any() and not fb[1:].any()


def test_hires_55_is_violet_and_2a_green():
    ram = new_ram()
    ram[hires_addr(10, 0)] = 0x55      # dots 0 2 4 6: even, palette 0
    ram[hires_addr(20, 0)] = 0x2A      # dots 1 3 5: odd
    fb = frame(ram, HIRES)
    # Lit dots take the artifact colour, the gaps between them too.
    assert (fb[10, :14] == VIOLET).all() and not fb[10, 14:].any()
    assert not fb[20, :2].any() and (fb[20, 2:12] == GREEN).all() and not fb[20, 12:].any()


def test_hires_d5_is_blue_and_aa_orange_half_a_dot_later():
    ram = new_ram()
    ram[hires_addr(30, 0)] = 0xD5
    ram[hires_addr(40, 0)] = 0xAA
    fb = frame(ram, HIRES)
    # Dot 6's second half (dot 14) is cut off by the undelayed byte after it.
    assert not fb[30, 0].any() and (fb[30, 1:14] == BLUE).all() and not fb[30, 14:].any()
    assert not fb[40, :3].any() and (fb[40, 3:13] == ORANGE).all() and not fb[40, 13:].any()


def test_hires_colour_depends_on_the_dots_column_not_the_bytes():
    ram = new_ram()
    ram[hires_addr(0, 1)] = 0x55       # dots 7 9 11 13: odd, so green
    ram[hires_addr(1, 1)] = 0x2A       # dots 8 10 12: even, so violet
    fb = frame(ram, HIRES)
    assert (fb[0, 14:28] == GREEN).all()
    assert (fb[1, 16:26] == VIOLET).all()


def test_hires_palette_bit_shifts_dots_by_one_framebuffer_dot_in_monochrome():
    ram = new_ram()
    ram[hires_addr(0, 0)] = 0x01
    ram[hires_addr(1, 0)] = 0x81
    fb = frame(ram, HIRES, colour=1)
    assert [x for x in range(560) if fb[0, x].any()] == [0, 1]
    assert [x for x in range(560) if fb[1, x].any()] == [1, 2]


def test_hires_half_dot_gaps_hold_the_previous_dot_and_delays_cut_the_last():
    ram = new_ram()
    ram[hires_addr(0, 0)], ram[hires_addr(0, 1)] = 0x40, 0x80   # undelayed, then delayed
    ram[hires_addr(1, 0)], ram[hires_addr(1, 1)] = 0xC0, 0x00   # delayed, then undelayed
    ram[hires_addr(2, 39)] = 0xC0                                # delayed at the right edge
    fb = frame(ram, HIRES, colour=1)
    lit = lambda y: [x for x in range(560) if fb[y, x].any()]   # noqa: E731
    assert lit(0) == [12, 13, 14]      # dot 6 held for the skipped tick
    assert lit(1) == [13]              # its second half replaced by the next byte's first dot
    assert lit(2) == [559]             # the last half dot is off screen


def test_hires_monochrome_shows_dots_not_colours():
    ram = new_ram()
    ram[hires_addr(0, 0)] = 0x55
    for colour in (1, 2, 3):
        fb = frame(ram, HIRES, colour=colour)
        lit = (fb[0] == MONO[colour]).all(axis=1)
        assert [x for x in range(560) if lit[x]] == [0, 1, 4, 5, 8, 9, 12, 13]
        assert not fb[0][~lit].any()


ARTIFACT = {(0, 0): HIRES_VIOLET, (0, 1): HIRES_GREEN, (1, 0): HIRES_BLUE, (1, 1): HIRES_ORANGE}


def reference_hires_line(line: np.ndarray, colour: int) -> np.ndarray:
    """The hi-res rules of emu/video/render.py, dot by dot, without its tables."""
    dots = [(int(b) >> i) & 1 for b in line for i in range(7)]
    palette = [int(b) >> 7 for b in line for _ in range(7)]
    out = np.zeros((560, 3), np.uint8)
    for x in range(280):
        left = dots[x - 1] if x else 0
        right = dots[x + 1] if x < 279 else 0
        if colour:
            c = MONO[colour] if dots[x] else BLACK
        elif dots[x]:
            c = HIRES_RGB[HIRES_WHITE if left or right else ARTIFACT[palette[x], x & 1]]
        elif left and right:
            c = HIRES_RGB[ARTIFACT[palette[x], (x + 1) & 1]]
        else:
            c = HIRES_RGB[HIRES_BLACK]
        start = 2 * x + palette[x]
        if palette[x] and x % 7 == 0:
            out[2 * x] = out[2 * x - 1] if x else BLACK
        out[start:min(start + 2, 560)] = c
    return out


@pytest.mark.parametrize("colour", [0, 2])
def test_hires_matches_a_dot_by_dot_model_on_random_screens(colour):
    rng = np.random.default_rng(7 + colour)
    ram = new_ram()
    ram[0x2000:0x4000] = rng.integers(0, 256, 0x2000, dtype=np.uint8)
    # Sparse rows too, where lone dots and gaps are common.
    ram[0x2000:0x4000] &= rng.choice(np.array([0xFF, 0x80 | 0x55, 0x80 | 0x2A, 0x81, 0xC0], np.uint8),
                                     0x2000)
    fb = frame(ram, HIRES, colour=colour)
    for y in range(0, 192, 5):
        line = ram[hires_addr(y, 0):hires_addr(y, 0) + 40]
        assert (fb[y] == reference_hires_line(line, colour)).all(), y


# --- mixed, pages, per-line modes ------------------------------------------------
@pytest.mark.parametrize("graphics", [HIRES, LORES_GR])
def test_mixed_shows_text_on_the_bottom_four_rows_only(graphics):
    ram = new_ram()
    ram[0x400:0x800] = 0x20            # inverse spaces everywhere: text is solid white
    fb = frame(ram, graphics | MIXED)
    assert (fb[160:] == WHITE).all()
    if graphics == HIRES:
        assert not fb[:160].any()      # hi-res page 1 is empty
    else:
        assert (fb[0:160:8] == LORES[0]).all() and (fb[4:160:8] == LORES[2]).all()   # $20


def test_mixed_does_nothing_in_text_mode():
    ram = new_ram()
    ram[0x2000:0x4000] = 0x7F
    fb = frame(ram, TEXT | MIXED)
    assert not fb.any()                # all text, all blank


def test_page2_selects_0800_and_4000():
    ram = new_ram()
    ram[text_addr(0, 0, page=1)] = 0x20
    ram[text_addr(0, 1, page=2)] = 0x20
    ram[hires_addr(0, 0, page=1)] = 0x7F
    ram[hires_addr(0, 1, page=2)] = 0x7F
    assert (cell(frame(ram, TEXT), 0, 0) == WHITE).all() and not cell(frame(ram, TEXT), 0, 1).any()
    fb = frame(ram, TEXT | PAGE2)
    assert not cell(fb, 0, 0).any() and (cell(fb, 0, 1) == WHITE).all()
    fb = frame(ram, HIRES | PAGE2)
    assert not fb[0, :14].any() and (fb[0, 14:28] == WHITE).all()
    fb = frame(ram, HIRES | MIXED | PAGE2)
    assert not fb[160:].any()          # the mixed text comes from page 2 too ($800 is empty)


def draw(ram, start_mode, events=(), writes=(), colour=0, frame_number=0, frame_start=0):
    """Render a frame with logged mode changes (cycle, mode) and writes (cycle, addr, old, new).

    ``ram`` is memory as the frame left it; returns palette indices.
    """
    ev = np.array(list(events) or [(0, 0)], np.int64).reshape(-1, 2)
    wr = np.array([(c, a | old << WRITE_OLD | new << WRITE_NEW) for c, a, old, new in writes]
                  or [(0, 0)], np.int64).reshape(-1, 2)
    fb = new_framebuffer()
    before = ram.copy()
    render(ram, fb, start_mode, ev, len(events), wr, len(writes), frame_start, frame_number,
           GLYPHS, colour, np.zeros((3, 40), np.int64), np.zeros(192, np.int64),
           *new_line_cache())
    assert np.array_equal(ram, before)            # memory is put back as it was
    return fb


@pytest.mark.parametrize("seed", range(4))
def test_lines_left_alone_are_drawn_as_a_fresh_render_draws_them(seed):
    """The renderer skips a line it would draw as before; frame after frame into one
    framebuffer, that must give exactly what a render from scratch gives.

    Random frames in a row: a few bytes changed or none, the page, the mode
    (40 and 80 columns, single and double graphics, mixed), the colour, the
    character set and the flash phase changed or not, some with a write or
    a mode switch logged under the beam (those lines are gathered byte by
    byte).  The fresh render has an empty line cache.
    """
    from emu.video.modes import AUX_RAM, COL80, DHIRES
    rng = np.random.default_rng(seed)
    ram = rng.integers(0, 256, AUX_RAM + 0xC000, dtype=np.uint8)
    glyph_choices = (glyph_sets(CHARSET, True),
                     glyph_sets(rng.integers(0, 256, (64, 8), dtype=np.uint8), True))
    modes = [TEXT, TEXT | COL80, HIRES, HIRES | MIXED, HIRES | COL80 | DHIRES, LORES_GR,
             COL80 | DHIRES | MIXED, HIRES | PAGE2, TEXT | PAGE2]
    fb, cells, line_modes, cache = new_framebuffer(), np.zeros((3, 40), np.int64), \
        np.zeros(192, np.int64), new_line_cache()
    none = np.zeros((1, 2), np.int64)
    mode, colour, glyphs, frame_number, differed = TEXT, 0, glyph_choices[0], 0, 0
    for step in range(60):
        change = rng.integers(0, 8)
        if change == 0:
            mode = int(rng.choice(modes))
        elif change == 1:
            colour = int(rng.integers(0, 4))
        elif change == 2:
            glyphs = glyph_choices[int(rng.integers(0, 2))]
            cache[1][:] = 0                       # as Apple2.redraw() does
        elif change == 3:
            frame_number += 14                    # the other flash phase
        elif change in (4, 5):
            for _ in range(int(rng.integers(1, 4))):
                ram[rng.integers(0x400, 0x6000) + (AUX_RAM if rng.integers(0, 2) else 0)] ^= 0xFF
        ev, wr, n_ev, n_wr = none, none, 0, 0
        if change == 6:                           # a mode switch under the beam, mid-line
            ev = np.array([[fetch_cycle(0, int(rng.integers(0, 192)), 20), int(rng.choice(modes))]],
                          np.int64)
            n_ev = 1
        elif change == 7:                         # a logged write the beam had not reached
            y, col = int(rng.integers(0, 192)), int(rng.integers(0, 40))
            address = (0x2000 if mode & HIRES else 0x400) + 40 * (y // 64) + col
            old = int(ram[address])
            ram[address] = (old + 1) & 0xFF
            wr = np.array([[fetch_cycle(0, y, 0), address | old << WRITE_OLD |
                            int(ram[address]) << WRITE_NEW]], np.int64)
            n_wr = 1
        args = (mode, ev, n_ev, wr, n_wr, 0, frame_number, glyphs, colour)
        render(ram, fb, *args, cells, line_modes, *cache)
        fresh = new_framebuffer()
        render(ram, fresh, *args, cells, np.zeros(192, np.int64), *new_line_cache())
        assert np.array_equal(fb, fresh), f"frame {step} (change {change}, mode {mode:#x})"
        differed += change in (4, 5)
    assert differed > 0                           # memory did change along the way
    still = (mode, none, 0, none, 0, 0, frame_number, glyphs, colour, cells, line_modes, *cache)
    render(ram, fb, *still)                       # a frame with nothing logged: all lines known
    assert fb.any()
    fb[:] = 0                                     # and unchanged lines are indeed left alone:
    render(ram, fb, *still)
    assert not fb.any()


def replay(ram_end, start_mode, events=(), writes=(), frame_start=0):
    """A bus trace that makes the same frame: (ram at the start, trace, trace start).

    The reference model knows nothing of logs: it gets memory as the frame
    began and every bus cycle, which we make up from the writes and events.
    """
    ram = ram_end.copy()
    for _, addr, old, _ in reversed(writes):
        ram[addr] = old
    trace = np.zeros(bus_frame(), np.int64)
    mode = start_mode
    for cycle, new in events:
        changed = mode ^ new
        bit = changed & -changed
        assert changed == bit, "one switch per event"
        switch = 0xC050 + 2 * (TEXT, MIXED, PAGE2, HIRES).index(bit) + (1 if new & bit else 0)
        trace[cycle - frame_start] = switch
        mode = new
    for cycle, addr, _, new in writes:
        assert trace[cycle - frame_start] == 0
        trace[cycle - frame_start] = addr | new << 16 | 1 << 24
    return ram, trace


def bus_frame():
    from emu.video.scanner import CYCLES_PER_FRAME
    return CYCLES_PER_FRAME


def check_against_reference(ram_end, start_mode, events=(), writes=(), colour=0, frame_number=0):
    got = draw(ram_end, start_mode, events, writes, colour, frame_number)
    ram0, trace = replay(ram_end, start_mode, events, writes)
    want = reference_frame(ram0, start_mode, trace, 0, 0, frame_number=frame_number,
                           charset=CHARSET, colour=colour)
    assert_same_picture(got, want)
    return got


@pytest.mark.parametrize("mode", range(16))
@pytest.mark.parametrize("colour", [0, 1, 2])
def test_random_memory_matches_the_reference_in_every_mode(mode, colour):
    ram = np.random.default_rng(mode * 4 + colour).integers(0, 256, 0xC000, dtype=np.uint8)
    check_against_reference(ram, mode, colour=colour, frame_number=14 * (mode & 1))


def test_a_write_shows_from_the_next_byte_the_beam_fetches():
    # Text row 12 (lines 96-103) reads $0628-$064F.  $0630 (column 8) is
    # rewritten from "A" to "B" on the cycle line 100 fetches it: lines 96-100
    # show "A" (the fetch comes first in the cycle), lines 101-103 "B".
    ram = new_ram()
    addr = text_addr(12, 8)
    ram[addr] = 0xC2
    cycle = fetch_cycle(0, 100, 8)
    fb = to_rgb(check_against_reference(ram, TEXT, writes=[(cycle, addr, 0xC1, 0xC2)]))
    a, b = painted(glyph_mask(1)), painted(glyph_mask(2))
    assert (cell(fb, 12, 8)[:5] == a[:5]).all() and (cell(fb, 12, 8)[5:] == b[5:]).all()
    fb = to_rgb(check_against_reference(ram, TEXT, writes=[(cycle - 1, addr, 0xC1, 0xC2)]))
    assert (cell(fb, 12, 8)[:4] == a[:4]).all() and (cell(fb, 12, 8)[4:] == b[4:]).all()


def test_a_write_after_the_beam_passed_waits_for_the_next_frame():
    ram = new_ram()
    ram[hires_addr(10, 3)] = 0x7F
    fb = check_against_reference(ram, HIRES, writes=[(fetch_cycle(0, 10, 3), hires_addr(10, 3), 0, 0x7F)])
    assert not fb.any()
    fb = check_against_reference(ram, HIRES, writes=[(fetch_cycle(0, 10, 2), hires_addr(10, 3), 0, 0x7F)])
    assert fb[10, 42:56].all() and np.count_nonzero(fb) == 14


def test_a_mode_switch_in_the_middle_of_a_line_splits_it_at_that_byte():
    ram = new_ram()
    ram[0x400:0x800] = 0x20                        # inverse spaces: text is solid white
    cycle = fetch_cycle(0, 50, 17)                 # $C051 on the cycle column 17 is fetched
    fb = to_rgb(check_against_reference(ram, HIRES, events=[(cycle, HIRES | TEXT)]))
    assert not fb[:50].any() and (fb[51:] == WHITE).all()
    assert not fb[50, :18 * 14].any() and (fb[50, 18 * 14:] == WHITE).all()


def test_many_writes_and_switches_in_one_frame_match_the_reference():
    # Every visible line gets a mode change somewhere, and a thousand writes
    # land on and around the beam, to all four pages: the renderer's every path.
    rng = np.random.default_rng(11)
    ram = rng.integers(0, 256, 0xC000, dtype=np.uint8)
    cycles = np.sort(rng.choice(np.arange(4400, bus_frame()), 1600, replace=False))
    mode, events, writes = int(rng.integers(16)), [], []
    start_mode = mode
    shadow = ram.copy()
    for i, cycle in enumerate(cycles):
        if i % 3 == 0:
            mode ^= 1 << int(rng.integers(4))
            events.append((int(cycle), mode))
        else:
            base = int(rng.choice([0x400, 0x800, 0x2000, 0x4000]))
            addr = base + int(rng.integers(0x400 if base < 0x2000 else 0x2000))
            new = int(rng.integers(256))
            writes.append((int(cycle), addr, int(shadow[addr]), new))
            shadow[addr] = new
    for colour in (0, 2):
        check_against_reference(shadow.copy(), start_mode, events, writes, colour=colour)


# --- character ROM -----------------------------------------------------------------
def test_load_charset_rom_rejects_the_wrong_size(tmp_path):
    path = tmp_path / "short.rom"
    path.write_bytes(bytes(2047))
    message = r"short\.rom: a character ROM must be 2048 bytes, this file has 2047"
    with pytest.raises(ValueError, match=message):
        load_charset_rom(path)


def test_load_charset_rom_reads_the_ii_plus_layout(tmp_path):
    # A ROM in the II+ layout built from our own glyphs: byte code*8 + row,
    # bit 6 the leftmost dot, bit 7 (flash gating) set on the $40-$7F codes.
    reversed_rows = np.zeros_like(CHARSET)
    for dot in range(7):
        reversed_rows |= ((CHARSET >> dot) & 1) << (6 - dot)
    rom = np.tile(reversed_rows, (4, 1))
    rom[0x40:0x80] |= 0x80
    path = tmp_path / "chars.rom"
    rom.tofile(path)
    assert (load_charset_rom(path) == CHARSET).all()
    assert (load_charset_rom(str(path)) == CHARSET).all()


# --- golden frames -------------------------------------------------------------------
def golden_text_ram() -> np.ndarray:
    ram = new_ram()
    ram[0x400:0x800] = 0xA0
    poke_text(ram, 0, 11, "APPLE ][ VIDEO TEST")
    for row, high in ((3, 0x80), (6, 0x00), (9, 0x40)):
        for g in range(64):
            ram[text_addr(row + g // 32, 4 + g % 32)] = high | g
    poke_text(ram, 3, 0, "NRM:")
    poke_text(ram, 6, 0, "INV:")
    poke_text(ram, 9, 0, "FLS:")
    poke_text(ram, 23, 0, "]10 PRINT \"HELLO, WORLD!\" : GOTO 10")
    ram[text_addr(23, 35)] = 0x60      # the II+ cursor: a flashing space
    return ram


def golden_lores_ram() -> np.ndarray:
    ram = new_ram()
    for row in range(20):
        for col in range(40):
            top = col * 16 // 40
            ram[text_addr(row, col)] = top | ((top + row) % 16) << 4
    poke_text(ram, 21, 2, "LORES: 16 COLOURS, MIXED TEXT BELOW")
    return ram


def golden_hires_ram() -> np.ndarray:
    ram = new_ram()
    bands = [(0x7F, 0x7F), (0x55, 0x2A), (0x2A, 0x55), (0xD5, 0xAA), (0xAA, 0xD5),
             (0x7F, 0x00), (0xFF, 0x80), (0x33, 0x66), (0x11, 0x44), (0x99, 0xCC)]
    for i, (even, odd) in enumerate(bands):
        for y in range(i * 14, i * 14 + 10):
            for col in range(40):
                ram[hires_addr(y, col)] = even if col % 2 == 0 else odd
    for x in range(280):               # a diagonal and a box, drawn dot by dot
        y = 140 + x * 50 // 280
        ram[hires_addr(y, x // 7)] |= 1 << (x % 7)
        for y in (142, 190):
            ram[hires_addr(y, x // 7)] |= 1 << (x % 7)
    poke_text(ram, 21, 1, "HIRES WITH MIXED TEXT")
    return ram


GOLDEN_CASES = {
    "text_frame16": (golden_text_ram, TEXT, 0, 16),
    "lores_mixed": (golden_lores_ram, MIXED, 0, 0),
    "hires_mixed_colour": (golden_hires_ram, HIRES | MIXED, 0, 0),
    "hires_green": (golden_hires_ram, HIRES, 2, 0),
    "text_amber": (golden_text_ram, TEXT, 3, 0),
}


@pytest.mark.parametrize("name", sorted(GOLDEN_CASES))
def test_golden_frames(name):
    make_ram, mode, colour, frame_number = GOLDEN_CASES[name]
    ram = make_ram()
    fb = frame(ram, mode, colour=colour, frame_number=frame_number)
    want = to_rgb(reference_frame(ram, mode, frame_number=frame_number, charset=CHARSET,
                                  colour=colour))
    assert_same_picture(fb, want, name)
    check_golden_png(GOLDEN / f"{name}.png", want)
