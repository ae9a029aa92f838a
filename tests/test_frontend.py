"""Tests of the pygame front end (emu.frontend) with SDL's dummy video and audio.

The key mapping, paste conversion, scale choice and paddle conversions are
pure functions.  ``run_window`` runs a few frames in a dummy window; events
posted at chosen frames stand in for the user (typing, F6, F12, Ctrl+F12).
No test measures time.
"""
from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

import numpy as np  # noqa: E402
import pygame  # noqa: E402
import pytest  # noqa: E402

from emu import frontend  # noqa: E402
from emu.bus import BUTTONS  # noqa: E402
from emu.frontend import (apple_key, axis_to_paddle, best_scale, parse_speed, paste_codes,  # noqa: E402
                          position_to_paddle, run_window)
from emu.machine import Apple2  # noqa: E402
from emu.video.png import read_png  # noqa: E402

# $F800: LDX #0; wait: LDA $C000; BPL wait; STA $C010; STA $0480,X; INX; BIT $C030; JMP wait
# -- each key typed appears on text row 1, and clicks the speaker.
ECHO = [0xA2, 0x00, 0xAD, 0x00, 0xC0, 0x10, 0xFB, 0x8D, 0x10, 0xC0, 0x9D, 0x80, 0x04, 0xE8,
        0x2C, 0x30, 0xC0, 0x4C, 0x02, 0xF8]
CTRL, SHIFT = pygame.KMOD_LCTRL, pygame.KMOD_LSHIFT


def echo_machine() -> Apple2:
    rom = bytearray([0xEA] * 0x800)
    rom[:len(ECHO)] = bytes(ECHO)
    rom[0x7FA:] = bytes([0x00, 0xF8] * 3)
    machine = Apple2(rom=bytes(rom))
    machine.mem[0x400:0x800] = 0xA0             # a blank text screen
    return machine


def keydown(key, mod=0):
    return pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0)


def keyup(key, mod=0):
    return pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode="", scancode=0)


def text(t):
    return pygame.event.Event(pygame.TEXTINPUT, text=t)


# --- pure functions --------------------------------------------------------------
@pytest.mark.parametrize("typed, code", [("a", 0x41), ("Z", 0x5A), ("1", 0x31), ("!", 0x21),
                                         (" ", 0x20), ("@", 0x40), ("é", None), ("\t", None),
                                         ("ß", None)])
def test_text_input_is_upper_case_ascii(typed, code):
    assert apple_key(text=typed) == code


@pytest.mark.parametrize("key, mod, code", [
    (pygame.K_RETURN, 0, 0x0D), (pygame.K_KP_ENTER, 0, 0x0D), (pygame.K_ESCAPE, 0, 0x1B),
    (pygame.K_LEFT, 0, 0x08), (pygame.K_BACKSPACE, 0, 0x08), (pygame.K_DELETE, 0, 0x08),
    (pygame.K_RIGHT, 0, 0x15), (pygame.K_UP, 0, 0x0B), (pygame.K_DOWN, 0, 0x0A),
    (pygame.K_a, CTRL, 1), (pygame.K_c, pygame.KMOD_RCTRL, 3), (pygame.K_z, CTRL | SHIFT, 26),
    (pygame.K_a, 0, None),                      # printable: arrives as TEXTINPUT
    (pygame.K_1, CTRL, None), (pygame.K_F1, 0, None), (pygame.K_TAB, 0, None),
    (pygame.K_q, CTRL | pygame.KMOD_RALT, None),   # AltGr+Q is text on some layouts
])
def test_keydown_codes(key, mod, code):
    assert apple_key(key, mod) == code


def test_paste_is_upper_case_with_returns_and_skips_the_rest():
    assert paste_codes('10 print "hi"\r\n20 GOTO 10\n\tRUN\ré') == (
        [ord(c) for c in '10 PRINT "HI"'] + [0x0D] + [ord(c) for c in "20 GOTO 10"] + [0x0D]
        + [ord(c) for c in "RUN"] + [0x0D])


@pytest.mark.parametrize("w, h, scale", [(1024, 768, 1), (1920, 1080, 2), (2560, 1440, 3),
                                         (3840, 2160, 5), (640, 480, 1)])
def test_best_scale_fits_the_screen(w, h, scale):
    assert best_scale(w, h) == scale


def test_paddle_conversions():
    assert [axis_to_paddle(v) for v in (-1.0, 0.0, 1.0, -2.0, 2.0)] == [0, 128, 255, 0, 255]
    assert [position_to_paddle(x, 560) for x in (-5, 0, 559, 600)] == [0, 0, 255, 255]


def test_parse_speed():
    assert parse_speed("1") == 1.0 and parse_speed("2.5") == 2.5
    assert parse_speed("max") is None and parse_speed("MAX") is None
    with pytest.raises(ValueError):
        parse_speed("-1")


# --- the window ------------------------------------------------------------------
def test_run_window_runs_frames_and_returns_0():
    machine = Apple2()
    assert run_window(machine, frames=5) == 0
    assert machine.frame == 5


def test_seconds_are_apple_seconds_of_frames():
    machine = Apple2()
    assert run_window(machine, seconds=0.1, speed="max") == 0
    assert machine.frame == 6


def test_max_speed_runs_every_frame():
    machine = Apple2()
    run_window(machine, frames=40, speed="max")
    assert machine.frame == 40


def test_screenshot_option_writes_the_shown_picture(tmp_path):
    machine = echo_machine()
    machine.mem[0x400:0x405] = [0xC8, 0xC5, 0xCC, 0xCC, 0xCF]     # HELLO
    path = tmp_path / "shot.png"
    run_window(machine, frames=3, screenshot=str(path), scale=1)
    image = read_png(path)
    assert image.shape == (384, 560, 3)
    assert np.array_equal(image, np.repeat(machine.framebuffer, 2, axis=0))
    assert image[:16].any() and not image[32:].any()     # HELLO on row 0, the rest blank


def test_typed_text_and_keys_reach_the_machine(script):
    machine = echo_machine()
    script({1: [text("h"), text("i"), keydown(pygame.K_a, CTRL), keydown(pygame.K_RETURN),
                keydown(pygame.K_x)]})          # a KEYDOWN of a printable key is not typed twice
    run_window(machine, frames=8)
    assert [machine.peek(0x480 + i) for i in range(4)] == [0xC8, 0xC9, 0x81, 0x8D]
    assert machine.peek(0x484) == 0xA0


def test_paste_types_the_clipboard(script, monkeypatch):
    machine = echo_machine()
    monkeypatch.setattr(frontend, "_clipboard_text", lambda: "ok\n")
    script({1: [keydown(pygame.K_INSERT, SHIFT)], 2: [keyup(pygame.K_INSERT, SHIFT)],
            3: [keydown(pygame.K_v, CTRL)]})
    run_window(machine, frames=10)
    assert [machine.peek(0x480 + i) for i in range(6)] == [0xCF, 0xCB, 0x8D] * 2


def test_f6_cycles_the_video_and_f12_saves_a_screenshot(script, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    machine = echo_machine()
    script({1: [keydown(pygame.K_F6)], 2: [keydown(pygame.K_F6)],      # held: auto-repeat ignored
            3: [keyup(pygame.K_F6), keydown(pygame.K_F6), keydown(pygame.K_F12)]})
    run_window(machine, frames=6)
    assert machine.colour == 2
    shots = list(tmp_path.glob("apple2-*.png"))
    assert len(shots) == 1 and read_png(shots[0]).shape == (384, 560, 3)
    assert "Saved apple2-" in capsys.readouterr().out


def test_f2_saves_the_state_and_f3_loads_it_back(script, tmp_path, capsys):
    machine = echo_machine()
    state = tmp_path / "slot.npz"
    # Frame 1: save.  Frame 2: type a key (the echo program stores it).  Frame 4: load,
    # which takes the machine back to frame 1's end, before the key.
    script({1: [keydown(pygame.K_F2)], 2: [text("z")], 4: [keydown(pygame.K_F3)]})
    run_window(machine, frames=6, state_file=str(state))
    assert state.is_file()
    out = capsys.readouterr().out
    assert f"State saved to {state}" in out and f"State loaded from {state}" in out
    assert machine.peek(0x480) == 0xA0          # the Z typed after the save is gone
    assert machine.frame == 1 + (6 - 4)         # resumed at frame 1, then ran the rest


def test_f3_without_a_state_says_so(script, tmp_path, capsys):
    machine = echo_machine()
    script({1: [keydown(pygame.K_F3)]})
    run_window(machine, frames=3, state_file=str(tmp_path / "none.npz"))
    assert "State not loaded: " in capsys.readouterr().out and machine.frame == 3


def test_ctrl_f12_is_reset(script, monkeypatch):
    machine = echo_machine()
    resets = []
    monkeypatch.setattr(machine, "reset", lambda: resets.append(machine.frame))
    script({2: [keydown(pygame.K_F12, CTRL)]})
    run_window(machine, frames=4)
    assert resets == [2]


def test_f9_switches_to_max_speed_and_back(script):
    machine = Apple2()
    script({1: [keydown(pygame.K_F9)], 2: [keyup(pygame.K_F9)], 3: [keydown(pygame.K_F9)]})
    run_window(machine, frames=30)
    assert machine.frame == 30


def test_closing_the_window_returns_0(script):
    machine = Apple2()
    script({2: [pygame.event.Event(pygame.QUIT)]})
    assert run_window(machine, frames=100) == 0
    assert machine.frame == 2


def test_left_and_right_alt_press_the_buttons(monkeypatch):
    machine = Apple2()
    seen = []
    monkeypatch.setattr(pygame.key, "get_mods", lambda: pygame.KMOD_LALT)
    original = machine.run_frame

    def run_frame(render=True):
        seen.append(int(machine.io[BUTTONS]) & 3)
        return original(render)
    monkeypatch.setattr(machine, "run_frame", run_frame)
    run_window(machine, frames=2)
    assert seen == [1, 1]
