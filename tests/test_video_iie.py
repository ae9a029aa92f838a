"""The IIe's own video modes: 80-column text with lower case and MouseText, double lo-res, double
hi-res, and their mixed modes, exact to the cycle.

Two kinds of expectation, neither from the renderer:

* tests/video_reference.py, the slow plain-Python model of the scanner,
  draws each frame from memory as it began and every bus cycle of the frame
  (the CPU core's trace flavour); it knows the IIe's modes from the IIe
  Technical Reference Manual, Sather's "Understanding the Apple IIe" ch. 8
  and Apple IIe Technical Note #3.  The machine's frames (drawn from its logs
  of display writes, aux memory's included, and mode changes) must equal it
  dot for dot: random main and aux memory in every mode, and a program that
  scribbles over main and aux screen memory while flipping every video
  switch of the IIe at random cycles.
* Facts read straight from the documents: the technical note's table of the
  16 double hi-res colours (the bytes to store in aux and main memory), the
  manual's double lo-res colours for aux memory, and the character sets
  (primary and alternate, MouseText, inverse lower case) against our
  glyph drawings.
"""
from __future__ import annotations

import numpy as np
import pytest

from emu import bus
from emu.machine import Apple2
from emu.video import HIRES, MIXED, PAGE2, TEXT
from emu.video.font import (LOWER_CASE, MOUSETEXT, VIDEO_ROMS, default_charset, iie_video_rom,
                            load_character_rom, load_video_rom)
from emu.video.modes import ALTCHAR, COL80, DHIRES
from emu.video.palette import LORES_NAMES, MONO_INDEX
from video_reference import assert_same_picture, traced_frame

ORG = 0x0C00
WHITE = int(MONO_INDEX[0])
VIDEO_SWITCHES = {TEXT: 0xC050, MIXED: 0xC052, PAGE2: 0xC054, HIRES: 0xC056,
                  COL80: 0xC00C, ALTCHAR: 0xC00E}


def sta(addr: int) -> bytes:
    return bytes([0x8D, addr & 0xFF, addr >> 8])


def set_mode(mode: int) -> bytes:
    """STAs that make ``mode``: each switch pair's even address is off, odd on; AN3 the other
    way round (DHIRES is AN3 off, $C05E)."""
    code = b"".join(sta(off + bool(mode & bit)) for bit, off in VIDEO_SWITCHES.items())
    return code + sta(0xC05E if mode & DHIRES else 0xC05F)


def show(mode: int) -> bytes:
    """Set ``mode``, then loop on the spot (JMP to itself)."""
    code = set_mode(mode)
    end = ORG + len(code)
    return code + bytes([0x4C, end & 0xFF, end >> 8])


def iie_machine(code: bytes, seed: int = 0, colour: int = 0, model: str = "iie-enh") -> Apple2:
    """A IIe with random main and aux RAM (outside the code) running ``code`` from $0C00."""
    m = Apple2(rom=None, colour=colour, model=model)
    rng = np.random.default_rng(seed)
    m.mem[:0xC000] = rng.integers(0, 256, 0xC000, dtype=np.uint8)
    m.mem[bus.AUX:bus.AUX + 0xC000] = rng.integers(0, 256, 0xC000, dtype=np.uint8)
    m.load(ORG, code)
    m.cpu.set_pc(ORG)
    return m


def check_frames(m: Apple2, frames: int, twin: Apple2 | None = None) -> set:
    """Run ``frames`` traced frames, each checked against the reference (and ``twin``'s fast
    frame); returns the modes lines began in."""
    modes = set()
    for _ in range(frames):
        want = traced_frame(m)
        assert_same_picture(m.pixels, want, f"frame {m.frame - 1}")
        modes |= set(m._line_modes.tolist())
        if twin is not None:
            twin.run_frame()
            assert_same_picture(twin.pixels, m.pixels, f"fast core, frame {twin.frame - 1}")
    return modes


GRAPHICS = (TEXT, TEXT | PAGE2, 0, MIXED, HIRES, HIRES | MIXED, HIRES | PAGE2 | MIXED)
EXTRAS = (COL80, COL80 | ALTCHAR, COL80 | DHIRES, COL80 | DHIRES | ALTCHAR, ALTCHAR, DHIRES)
MODES = [g | x for g in GRAPHICS for x in EXTRAS]


@pytest.mark.parametrize("mode", MODES)
def test_random_main_and_aux_memory_in_every_iie_mode(mode):
    m = iie_machine(show(mode), seed=mode,
                    colour=2 if mode % 3 == 0 else 0)
    m.run_frame()
    check_frames(m, 1)
    assert m.video_mode & 0xEF == mode


@pytest.mark.parametrize("colour", [0, 1])
def test_scribbling_over_main_and_aux_screens_while_flipping_every_iie_switch(assemble, colour):
    code = assemble("scribble80")
    m, twin = iie_machine(code, 7, colour), iie_machine(code, 7, colour)
    modes = check_frames(m, 8, twin)
    assert m.mem[bus.AUX + 0x400:bus.AUX + 0x5800].any()
    kinds = {mode & (COL80 | DHIRES | TEXT | HIRES) for mode in modes}
    assert len(kinds) > 6                     # the lines did mix the modes


# --- facts from the documents -------------------------------------------------------

# Apple IIe Technical Note #3, "Double High-Resolution Graphics": the colours,
# and the bytes that fill a line with each, in the order aux, main, aux, main
# (repeated along the line).
DHR_COLOURS = {
    "black": (0x00, 0x00, 0x00, 0x00), "magenta": (0x08, 0x11, 0x22, 0x44),
    "brown": (0x44, 0x08, 0x11, 0x22), "orange": (0x4C, 0x19, 0x33, 0x66),
    "dark green": (0x22, 0x44, 0x08, 0x11), "grey 1": (0x2A, 0x55, 0x2A, 0x55),
    "light green": (0x66, 0x4C, 0x19, 0x33), "yellow": (0x6E, 0x5D, 0x3B, 0x77),
    "dark blue": (0x11, 0x22, 0x44, 0x08), "purple": (0x19, 0x33, 0x66, 0x4C),
    "grey 2": (0x55, 0x2A, 0x55, 0x2A), "pink": (0x5D, 0x3B, 0x77, 0x6E),
    "medium blue": (0x33, 0x66, 0x4C, 0x19), "light blue": (0x3B, 0x77, 0x6E, 0x5D),
    "aqua": (0x77, 0x6E, 0x5D, 0x3B), "white": (0x7F, 0x7F, 0x7F, 0x7F),
}


def still(mode: int, colour: int = 0, setup=None, frames: int = 1) -> np.ndarray:
    """The picture of a IIe showing ``mode`` over memory ``setup(mem)`` made."""
    m = Apple2(rom=None, colour=colour, model="iie-enh")
    m.load(ORG, show(mode))
    m.cpu.set_pc(ORG)
    if setup is not None:
        setup(m.mem)
    m.run(frames=frames)
    return m.pixels


@pytest.mark.parametrize("name", list(DHR_COLOURS))
def test_double_hires_colours_are_the_technical_notes(name):
    def fill(mem):
        for col in range(40):
            aux, main = DHR_COLOURS[name][(col & 1) * 2:(col & 1) * 2 + 2]
            mem[bus.AUX + 0x2000 + col] = aux | (0x80 if col % 3 == 0 else 0)   # bit 7 unused
            mem[0x2000 + col] = main
    fb = still(HIRES | COL80 | DHIRES, setup=fill)
    # The whole line but its first and last few ticks (the edge's artefacts).
    assert (fb[0, 4:556] == LORES_NAMES.index(name)).all(), np.unique(fb[0, 4:556])


def test_double_hires_artefacts_where_two_colours_meet():
    # Orange (aux $4C main $19 ...) then, from column 20, aqua: the ticks
    # around the boundary mix the two patterns into other colours.
    def fill(mem):
        for col in range(40):
            pattern = DHR_COLOURS["orange" if col < 20 else "aqua"]
            mem[bus.AUX + 0x2000 + col], mem[0x2000 + col] = pattern[(col & 1) * 2:(col & 1) * 2 + 2]
    line = still(HIRES | COL80 | DHIRES, setup=fill)[0]
    orange, aqua = LORES_NAMES.index("orange"), LORES_NAMES.index("aqua")
    assert (line[4:276] == orange).all() and (line[284:556] == aqua).all()
    assert set(line[276:284].tolist()) - {orange, aqua}        # something else at the seam


def test_double_hires_monochrome_is_560_dots():
    def fill(mem):
        mem[bus.AUX + 0x2000] = 0x01          # dot 0
        mem[0x2000] = 0x40                    # dot 13
        mem[0x2000 + 39] = 0x40               # dot 559
    line = still(HIRES | COL80 | DHIRES, colour=1, setup=fill)[0]
    assert np.flatnonzero(line).tolist() == [0, 13, 559]


def test_double_lores_aux_colours_are_rotated():
    # IIe Technical Reference Manual, double lo-res colours: magenta is $1 in
    # main memory and $8 in aux memory; dark blue $2 and $1; white $F in both.
    def fill(mem):
        mem[bus.AUX + 0x400], mem[0x400] = 0x08, 0x01
        mem[bus.AUX + 0x401], mem[0x401] = 0x01, 0x02
        mem[bus.AUX + 0x402], mem[0x402] = 0xFF, 0xFF
    line = still(COL80 | DHIRES, setup=fill)[0]
    magenta, dark_blue = LORES_NAMES.index("magenta"), LORES_NAMES.index("dark blue")
    assert (line[0:14] == magenta).all()
    assert (line[14:28] == dark_blue).all()
    assert (line[28:42] == 15).all()


def glyph_ticks(rows, byte_row: int) -> list[int]:
    return [(byte_row >> t) & 1 for t in range(7)]


def test_80_columns_show_aux_then_main_characters_a_dot_a_tick():
    def fill(mem):
        mem[bus.AUX + 0x400:bus.AUX + 0x428] = 0xA0      # spaces
        mem[0x400:0x428] = 0xA0
        mem[bus.AUX + 0x400] = 0xC1                      # 'A' in column 0
        mem[0x400] = 0xE1                                # 'a' in column 1
    fb = still(TEXT | COL80, setup=fill)
    for row in range(8):
        want = glyph_ticks(None, default_charset()[1, row]) + glyph_ticks(None, LOWER_CASE[1, row])
        assert (fb[row, :14] == WHITE).astype(int).tolist() == want
    assert not fb[:8, 14:].any()


@pytest.mark.parametrize("altchar", [False, True])
def test_the_two_character_sets(altchar):
    # $40: flashing '@' (primary) or the closed apple of MouseText (alternate);
    # $61: flashing '!' or inverse 'a'; $E1: 'a' in both.
    def fill(mem):
        mem[0x400:0x428] = 0xA0
        mem[0x400:0x403] = (0x40, 0x61, 0xE1)
    mode = TEXT | (ALTCHAR if altchar else 0)
    phases = [still(mode, setup=fill, frames=f) for f in (1, 15)]   # both phases of the flash
    for fb in phases:
        for row in range(8):
            lit = [(fb[row, 14 * c:14 * c + 14:2] == WHITE).astype(int).tolist() for c in range(3)]
            if altchar:
                assert lit[0] == glyph_ticks(None, MOUSETEXT[0, row])
                assert lit[1] == glyph_ticks(None, LOWER_CASE[1, row] ^ 0x7F)
            assert lit[2] == glyph_ticks(None, LOWER_CASE[1, row])
    if not altchar:                         # flashing: the two phases are each other's inverse
        a, b = ((fb[:8, :28] == WHITE) for fb in phases)
        assert (a != b).all()


def test_the_original_iie_has_inverse_capitals_for_mousetext():
    rom = iie_video_rom(enhanced=False)
    assert (rom[0x40:0x60] == rom[0x00:0x20]).all()
    assert (iie_video_rom(enhanced=True)[0x40:0x60] == MOUSETEXT ^ 0x7F).all()


def test_a_users_video_rom_by_size_and_crc(tmp_path):
    ours = iie_video_rom(True)
    four = tmp_path / "video.bin"
    four.write_bytes(ours.tobytes() * 2)
    rom, name = load_video_rom(four)
    assert (rom == ours).all() and name == "unknown"
    eight = tmp_path / "video8.bin"
    eight.write_bytes(ours.tobytes() * 2 + bytes(4096))      # an 8K part: its first bank
    assert (load_character_rom(eight)[0] == ours).all()
    assert {0xB081DF66, 0x2651014D} <= set(VIDEO_ROMS)       # MAME's apple2e.cpp: 342-0133-A, -0265-A
    bad = tmp_path / "odd.bin"
    bad.write_bytes(bytes(3000))
    with pytest.raises(ValueError, match=r"odd\.bin: a character ROM must be 2048 bytes"):
        load_character_rom(bad)
    # A machine given the ROM draws as with our own set.
    m = Apple2(rom=None, model="iie-enh", charset=rom)
    assert (m.charset == ours).all()


def test_a_iie_state_saved_in_the_middle_of_a_frame_draws_the_same_frame(assemble, tmp_path):
    # The write log holds aux memory's writes too (80 columns, double modes):
    # a machine loaded from a state saved half-way through a frame draws the
    # frame the saving machine draws.
    m = iie_machine(assemble("scribble80"), 11)
    for _ in range(40):
        m.run_frame()
        m.run(cycles=bus.CYCLES_PER_FRAME // 2)
        logged = m.wlog[:int(m.io[bus.WLOG_COUNT]), 1] & 0xFFFFFFFF
        if (logged >= bus.AUX).any():
            break
    assert (logged >= bus.AUX).any()                     # aux memory's writes are in the log
    m.save_state(tmp_path / "half.npz")
    other = Apple2(rom=None, model="iie-enh")
    other.load_state(tmp_path / "half.npz")
    m.run_frame()
    other.run_frame()
    assert_same_picture(other.pixels, m.pixels, "the loaded machine's frame")
