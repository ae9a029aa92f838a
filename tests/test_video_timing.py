"""The picture, exact to the cycle, checked frame by frame against the reference model.

Each test runs a program on the whole machine with the CPU core's trace
flavour, which records every bus cycle.  tests/video_reference.py, a slow
plain-Python model of the scanner (Sather's counters) and the colour rules,
draws each frame from memory as the frame began and those bus cycles; the
machine's own picture (drawn at the end of the frame from its logs of
display writes and mode changes) must be the same, dot for dot.  The
programs: random memory in every mode; one that scribbles random bytes over
all the screen pages and flips the video switches at random times (on a IIe
also 80STORE and RAMWRT, which send writes to aux memory); loops
that flip switches at chosen cycles of every line; and the vapor-lock
demo of the homebrew disk, which finds the beam through the floating bus
and splits the screen by timing.  The fast core must draw the same frames
as the traced one.
"""
from __future__ import annotations

import numpy as np
import pytest

from emu import bus
from emu.machine import Apple2
from emu.video import HIRES, MIXED, PAGE2, TEXT
from video_reference import assert_same_picture, traced_frame

ORG = 0x0C00
SWITCH = {(TEXT, False): 0xC050, (TEXT, True): 0xC051, (MIXED, False): 0xC052,
          (MIXED, True): 0xC053, (PAGE2, False): 0xC054, (PAGE2, True): 0xC055,
          (HIRES, False): 0xC056, (HIRES, True): 0xC057}


def sta(addr: int) -> bytes:           # STA abs: 4 cycles, the write on the last
    return bytes([0x8D, addr & 0xFF, addr >> 8])


def set_mode(mode: int) -> bytes:
    """STA to the four switches that make ``mode``."""
    return b"".join(sta(SWITCH[bit, bool(mode & bit)]) for bit in (TEXT, MIXED, PAGE2, HIRES))


def jmp(addr: int) -> bytes:
    return bytes([0x4C, addr & 0xFF, addr >> 8])


def check_frames(m: Apple2, frames: int, twin: Apple2 | None = None) -> None:
    """Run ``frames`` traced frames; each must match the reference (and ``twin``'s fast frame)."""
    for n in range(frames):
        want = traced_frame(m)
        assert_same_picture(m.pixels, want, f"frame {m.frame - 1}")
        if twin is not None:
            twin.run_frame()
            assert_same_picture(twin.pixels, m.pixels, f"fast core, frame {twin.frame - 1}")


def machine_running(code: bytes, seed: int = 0, colour: int = 0, model: str = "ii+") -> Apple2:
    """A machine with random RAM (outside the code) running ``code`` from $0C00."""
    m = Apple2(rom=None, colour=colour, model=model)
    m.mem[:0xC000] = np.random.default_rng(seed).integers(0, 256, 0xC000, dtype=np.uint8)
    m.load(ORG, code)
    m.cpu.set_pc(ORG)
    return m


@pytest.mark.parametrize("mode", range(16))
def test_random_memory_in_every_mode(mode):
    code = set_mode(mode) + jmp(ORG + 16)
    m = machine_running(code, seed=mode, colour=2 if mode % 5 == 4 else 0)
    m.run_frame()
    check_frames(m, 2)
    assert m.video_mode == mode


@pytest.mark.parametrize("model,colour", [("ii+", 0), ("ii+", 1), ("iie", 0)])
def test_scribbling_over_the_screen_while_flipping_switches(assemble, model, colour):
    # On the IIe the program also flips 80STORE and RAMWRT, which send some of
    # its writes to aux memory: the 40-column picture shows main memory only.
    code = assemble("scribble")
    m, twin = machine_running(code, 5, colour, model), machine_running(code, 5, colour, model)
    check_frames(m, 6, twin)
    if model == "iie":                                  # some writes did go to aux memory
        assert m.mem[bus.AUX + 0x400:bus.AUX + 0x5800].any()
    m.run(cycles=bus.CYCLES_PER_FRAME * 3 // 4)
    # In the first three quarters of a frame (on the IIe, RAMWRT sends many writes to aux):
    assert int(m.io[bus.WLOG_COUNT]) > (10 if model == "ii+" else 4)
    assert int(m.io[bus.VLOG_COUNT]) > 2


@pytest.mark.parametrize("period", [64, 65, 66])
def test_switches_flipped_at_chosen_cycles_of_every_line(period):
    # A loop of ``period`` cycles that shows each mode for a part of the line:
    #   STA $C051 ; STA $C057 ; STA $C050 ; STA $C053 ; STA $C052 ; STA $C055 ;
    #   STA $C054 ; STA $C056 ; <wait> ; JMP loop
    # At 65 cycles the boundaries stand still (vertical stripes); at 64 and
    # 66 they move a cycle a line (diagonals), so every cycle of the line
    # gets a switch in some line.
    body = b"".join(sta(a) for a in (0xC051, 0xC057, 0xC050, 0xC053, 0xC052, 0xC055, 0xC054,
                                     0xC056))
    wait = period - len(body) // 3 * 4 - 3
    pad = b"\x24\xFF" + b"\xEA" * ((wait - 3) // 2) if wait % 2 else b"\xEA" * (wait // 2)
    m = machine_running(body + pad + jmp(ORG), seed=period)
    m.mem[0x400:0x800] = np.arange(0x400) & 0xFF     # every character
    check_frames(m, 2, None)
    assert len(set(m._line_modes.tolist())) > 1 or period == 65


def test_a_state_saved_in_the_middle_of_a_frame_draws_the_same_frame(assemble, tmp_path):
    # The log of display writes and mode changes is part of the state: a
    # machine loaded from a state saved half-way through a frame finishes it
    # with the picture the saving machine draws, and the reference's.
    code = assemble("scribble")
    m = machine_running(code, 7)
    m.run_frame()
    m.run(cycles=bus.CYCLES_PER_FRAME // 2)
    assert int(m.io[bus.WLOG_COUNT]) > 0
    m.save_state(tmp_path / "half.npz")
    other = Apple2(rom=None)
    other.load_state(tmp_path / "half.npz")
    m.run_frame()
    other.run_frame()
    assert_same_picture(other.pixels, m.pixels, "the loaded machine's frame")
    check_frames(other, 1, m)


@pytest.mark.parametrize("model", ["ii+", "iie"])
@pytest.mark.parametrize("mode", [TEXT, 0, HIRES, HIRES | MIXED, TEXT | PAGE2],
                         ids=["text", "lores", "hires", "hires_mixed", "text_page2"])
def test_the_floating_bus_reads_the_reference_scanners_byte_on_every_cycle(model, mode):
    # LDX #0 ; loop: LDA $C020 ; STA $9000,X ; BIT $FF ; 25 x NOP ; INX ; BNE loop
    # A read every 67 cycles (on the LDA's 4th), 256 of them: 67 is prime to
    # 65, so they fall on every cycle of the line, in blanking and on screen,
    # all down the frame.  Each must be the byte at the address the
    # reference's counters give for that cycle (on the II+, text and lo-res
    # addresses in horizontal blanking are $1000 higher; not on the IIe).
    from video_reference import frame_addresses
    loop = bytes([0xAD, 0x20, 0xC0, 0x9D, 0x00, 0x90, 0x24, 0xFF] + [0xEA] * 25 + [0xE8])
    code = bytes([0xA2, 0x00]) + loop + bytes([0xD0, (-(len(loop) + 2)) & 0xFF])
    code += jmp(0x8000 + len(code))                     # then stay there
    m = Apple2(rom=None, model=model)
    m.mem[:0xC000] = np.random.default_rng(3).integers(0, 256, 0xC000, dtype=np.uint8)
    m.load(0x8000, code)
    ram0 = m.mem[:0xC000].copy()
    m.io[bus.VIDEO] = mode
    m.cpu.set_pc(0x8000)
    start = m.cpu.cycles
    m.run(cycles=2 + 67 * 256 + 10)
    addresses = frame_addresses(mode, bool(mode & PAGE2), iie=model == "iie")
    in_blanking = 0
    for i in range(256):
        cycle = start + 2 + 67 * i + 3
        assert int(m.mem[0x9000 + i]) == ram0[addresses[cycle % bus.CYCLES_PER_FRAME]], i
        in_blanking += cycle % bus.CYCLES_PER_LINE < 25      # a frame starts a line
    assert in_blanking > 50
