"""Tests of ``apple2 run`` (emu.cli) with system ROMs of our own.

Each ROM is 12 KiB of $FF with a few instructions at $F800 and the reset
vector pointing there, so the machine runs them from power-on.  The first test
to build a machine compiles the Apple II core with numba (once per cache).
"""
from __future__ import annotations

import os
import struct
import zlib
from pathlib import Path

import numpy as np
import pytest

from emu import cli
from emu.video import png

# LDA #$C8 / STA $0400 / LDA #$C9 / STA $0401 / JMP * : "HI" on the top line.
HI = bytes([0xA9, 0xC8, 0x8D, 0x00, 0x04, 0xA9, 0xC9, 0x8D, 0x01, 0x04, 0x4C, 0x0A, 0xF8])

# LDX #0 / loop: LDA $C000 / BPL loop / STA $C010 / STA $0400,X / INX / JMP loop :
# each key, as the keyboard latch gives it (bit 7 set), on the top line.
ECHO = bytes([0xA2, 0x00,
              0xAD, 0x00, 0xC0,            # F802
              0x10, 0xFB,
              0x8D, 0x10, 0xC0,
              0x9D, 0x00, 0x04,
              0xE8,
              0x4C, 0x02, 0xF8])


def system_rom(tmp_path, program: bytes, name: str = "test.rom") -> str:
    image = bytearray(b"\xff" * 0x3000)
    image[0x2800:0x2800 + len(program)] = program       # $F800
    image[0x2FFC:0x2FFE] = b"\x00\xf8"                  # RESET vector $FFFC -> $F800
    path = tmp_path / name
    path.write_bytes(bytes(image))
    return str(path)


def parse_png(path) -> tuple[int, int, np.ndarray]:
    """Our own reading of an 8-bit RGB PNG with filter 0 rows: width, height, pixels."""
    data = Path(path).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks = 8, {}
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
        assert crc == zlib.crc32(kind + body)
        chunks.setdefault(kind, []).append(body)
        pos += 12 + length
    assert list(chunks)[0] == b"IHDR" and list(chunks)[-1] == b"IEND"
    width, height, depth, colour_type, _, _, interlace = struct.unpack(">IIBBBBB",
                                                                       chunks[b"IHDR"][0])
    assert (depth, colour_type, interlace) == (8, 2, 0)
    raw = np.frombuffer(zlib.decompress(b"".join(chunks[b"IDAT"])), dtype=np.uint8)
    rows = raw.reshape(height, 1 + 3 * width)
    assert (rows[:, 0] == 0).all()                      # filter "none" on every row
    return width, height, rows[:, 1:].reshape(height, width, 3)


def run(capsys, *argv) -> tuple[int, str, str]:
    status = cli.main(["run", *argv])
    out, err = capsys.readouterr()
    return status, out, err


# --- the screenshot writer ------------------------------------------------------------
def test_save_screenshot_doubles_each_line_and_round_trips(tmp_path):
    rng = np.random.default_rng(1)
    fb = rng.integers(0, 256, size=(192, 560, 3), dtype=np.uint8)
    path = tmp_path / "shot.png"
    png.save_screenshot(path, fb)
    width, height, pixels = parse_png(path)
    assert (width, height) == (560, 384)
    assert (pixels[0::2] == fb).all() and (pixels[1::2] == fb).all()
    assert [p.name for p in tmp_path.iterdir()] == ["shot.png"]     # no temporary left
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask


def test_save_screenshot_replaces_an_old_file(tmp_path):
    path = tmp_path / "shot.png"
    path.write_bytes(b"old")
    png.save_screenshot(path, np.zeros((192, 560, 3), np.uint8))
    assert parse_png(path)[:2] == (560, 384)


# --- headless runs ------------------------------------------------------------------------
def test_headless_run_prints_the_screen_and_saves_a_screenshot(tmp_path, capsys):
    rom = system_rom(tmp_path, HI)
    png = tmp_path / "screen.png"
    status, out, err = run(capsys, "--rom", rom, "--headless", "--frames", "3",
                           "--print-screen", "--screenshot", str(png))
    assert status == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("HI")
    assert len(lines) == 24 and all(len(line) == 40 for line in lines)
    crc = zlib.crc32(Path(rom).read_bytes())
    assert err.splitlines() == [f"ROM: unknown image, CRC32 {crc:08x}"]
    width, height, pixels = parse_png(png)
    assert (width, height) == (560, 384)
    # RAM starts at zero, an inverse "@" in every cell but the two of "HI".  A
    # text row is 16 PNG lines (8 doubled), a cell 14 dots wide.
    first, second = pixels[0:16], pixels[16:32]
    assert (first[:, :28] != second[:, :28]).any()
    assert (first[:, 28:] == second[:, 28:]).all()


def test_type_delivers_keys_with_backslash_n_as_return(tmp_path, capsys):
    rom = system_rom(tmp_path, ECHO)
    status, out, err = run(capsys, "--rom", rom, "--headless", "--frames", "10",
                           "--type", r"ab\n1", "--print-screen")
    assert status == 0, err
    # Return is $8D, which the screen shows as "M" ($8D & $3F is the glyph of M).
    assert out.splitlines()[0].startswith("AB" + "M" + "1")


def test_headless_run_in_monochrome_with_the_65c02(tmp_path, capsys):
    rom = system_rom(tmp_path, HI)
    png = tmp_path / "green.png"
    status, _, err = run(capsys, "--rom", rom, "--headless", "--frames", "2", "--cpu", "65c02",
                         "--mono", "green", "--screenshot", str(png))
    assert status == 0, err
    pixels = parse_png(png)[2]
    lit = pixels[pixels.any(axis=2)]
    assert len(lit) and (lit[:, 1] >= lit[:, 0]).all()      # green phosphor: green dominates


# --- errors: one line on stderr, status 2 ----------------------------------------------------
def one_line_error(capsys, *argv) -> str:
    status, out, err = run(capsys, *argv)
    assert status == 2
    assert out == ""
    assert len(err.splitlines()) == 1 and err.startswith("apple2 run: ")
    return err


def test_a_missing_rom_file(tmp_path, capsys):
    err = one_line_error(capsys, "--rom", str(tmp_path / "gone.rom"), "--headless")
    assert "gone.rom: no such file" in err


def test_a_rom_of_the_wrong_size(tmp_path, capsys):
    path = tmp_path / "short.rom"
    path.write_bytes(bytes(1000))
    err = one_line_error(capsys, "--rom", str(path), "--headless")
    assert "short.rom: 1000 bytes" in err and "12288" in err


@pytest.mark.parametrize("disks", [["game.dsk"], ["--disk2", "game.dsk"]])
def test_a_missing_disk_image(tmp_path, capsys, disks):
    err = one_line_error(capsys, *disks, "--rom", system_rom(tmp_path, HI), "--headless")
    assert "game.dsk: no such file" in err


def test_a_missing_firmware_says_how_to_rebuild_it(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(cli, "DEFAULT_ROM", tmp_path / "roms" / "apple2.rom")
    err = one_line_error(capsys, "--headless")
    assert "our firmware is missing" in err and "emu.tools.build_roms" in err
    assert "--rom FILE" in err


def test_the_default_rom_is_used_when_present(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(cli, "DEFAULT_ROM", Path(system_rom(tmp_path, HI, "apple2.rom")))
    status, out, err = run(capsys, "--headless", "--frames", "1", "--print-screen")
    assert status == 0, err
    assert out.startswith("HI")


def test_a_bad_charset_file(tmp_path, capsys):
    chars = tmp_path / "chars.rom"
    chars.write_bytes(bytes(100))
    rom = system_rom(tmp_path, HI)
    err = one_line_error(capsys, "--rom", rom, "--charset", str(chars), "--headless")
    assert "chars.rom" in err
    err = one_line_error(capsys, "--rom", rom, "--charset", str(tmp_path / "none.rom"),
                         "--headless")
    assert "none.rom" in err


def test_a_screenshot_in_a_missing_folder(tmp_path, capsys):
    err = one_line_error(capsys, "--rom", system_rom(tmp_path, HI), "--headless",
                         "--screenshot", str(tmp_path / "no" / "shot.png"))
    assert "shot.png: cannot write it" in err


def test_a_key_the_apple_does_not_have(tmp_path, capsys):
    err = one_line_error(capsys, "--rom", system_rom(tmp_path, HI), "--headless",
                         "--type", "caf\u00e9")
    assert "--type" in err


@pytest.mark.parametrize("speed", ["0", "-1", "fast"])
def test_a_bad_speed_is_a_usage_error(tmp_path, speed):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["run", "--rom", system_rom(tmp_path, HI), "--speed", speed])
    assert exit_.value.code == 2


# --- the window --------------------------------------------------------------------------------
def test_without_headless_the_front_end_runs_the_machine(tmp_path, capsys, monkeypatch):
    calls = []

    def fake_window(machine, **options):
        machine.run(frames=2)
        calls.append(options)
        return 0

    monkeypatch.setattr(cli, "_window", lambda: fake_window)
    status, out, err = run(capsys, "--rom", system_rom(tmp_path, HI), "--frames", "2",
                           "--speed", "max", "--print-screen")
    assert status == 0, err
    assert calls == [{"speed": "max", "frames": 2, "seconds": None, "screenshot": None}]
    assert out.startswith("HI")
    status, _, err = run(capsys, "--rom", system_rom(tmp_path, HI), "--speed", "2.5",
                         "--seconds", "1", "--screenshot", str(tmp_path / "w.png"))
    assert status == 0, err
    assert calls[1] == {"speed": "2.5", "frames": None, "seconds": 1.0,
                        "screenshot": str(tmp_path / "w.png")}


def test_without_pygame_the_window_is_one_line_error(tmp_path, capsys, monkeypatch):
    import sys
    monkeypatch.delitem(sys.modules, "emu.frontend")           # imported afresh ...
    monkeypatch.setitem(sys.modules, "pygame", None)           # ... and pygame is missing
    err = one_line_error(capsys, "--rom", system_rom(tmp_path, HI))
    assert "the window needs pygame" in err and "--headless" in err


def test_apple2_alone_boots_the_homebrew_disk_in_a_window(monkeypatch, capsys):
    """The main job: our firmware, the homebrew disk write-protected, a window."""
    from emu import frontend
    shown = {}

    def window(machine, **options):         # the real window, for 3 emulated seconds
        shown["machine"] = machine
        return frontend_run_window(machine, **{**options, "frames": 180})
    frontend_run_window = frontend.run_window
    monkeypatch.setattr(frontend, "run_window", window)
    before = cli.DEFAULT_DISK.read_bytes()
    assert cli.main([]) == 0
    m = shown["machine"]
    assert "PRESS 1, 2, 3 OR 4" in m.text_screen()
    assert m.disk_card.disks[0] is None                 # ejected at the end ...
    assert cli.DEFAULT_DISK.read_bytes() == before      # ... and never written
    err = capsys.readouterr().err
    assert "apple2 project firmware" in err and "homebrew.dsk, write-protected" in err


def test_without_a_display_the_window_says_what_to_do(monkeypatch, capsys):
    from emu import frontend
    monkeypatch.delenv("SDL_VIDEODRIVER", raising=False)
    monkeypatch.setattr(frontend.pygame.display, "init", lambda: None)
    monkeypatch.setattr(frontend.pygame.display, "get_driver", lambda: "offscreen")
    assert cli.main(["run", "--frames", "1"]) == 2
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert err.startswith("apple2 run: no display to open a window on")
    assert "--headless" in err
