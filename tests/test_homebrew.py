"""Tests of the homebrew programs (roms/src/homebrew/) and their boot disk.

Each program runs headless on the whole machine with no system ROM: the test
loads the committed binaries from roms/ at their addresses (as the boot
sector would) and points the CPU at one.  They are checked by what a player
would see (text lines through ``text_screen()``, golden screens in
tests/golden/homebrew/, rewritten with ``APPLE2_REGEN_GOLDEN=1``), by what
they do in memory (the snake's zero-page variables) and by what they send to
the speaker (the toggle log).

The disk: these tests check the .dsk's layout against what the boot sector
asks for.  The boot sector is run on the CPU with a three-byte stand-in at
the ROM's sector reader $C65C (``JMP $C65C``: it reads nothing, it only
stops the CPU), so each request (the sector in $3D, the page in $27) can be
read off and the loader restarted at $0801 as the ROM would.  The real boot,
through the Disk II and our boot ROM, is in tests/test_disk_boot.py.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from emu import bus
from emu.cpu.state import StopReason
from emu.machine import Apple2
from emu.tools import homebrew_disk as disk
from emu.video import HIRES, MIXED, TEXT
from emu.video import png

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
ROMS = ROOT / "roms"
SRC = ROMS / "src" / "homebrew"
GOLDEN = HERE / "golden" / "homebrew"
REGEN = os.environ.get("APPLE2_REGEN_GOLDEN") == "1"

MENU, SNAKE, MUSIC, DEMO, MONZ = 0x0900, 0x0C00, 0x1100, 0x1400, 0xFF69
ADDRESSES = {"menu": MENU, "snake": SNAKE, "music": MUSIC, "demo": DEMO}

# The snake's zero page (snake.s)
HEADX, HEADY, DIR, HEAD, TAIL, GROW, SCORE, FOODX, FOODY, STEP = (
    0x66, 0x67, 0x68, 0x69, 0x6A, 0x6B, 0x6C, 0x6E, 0x6F, 0x74)
# ... and the demo's (demo.s)
BX, BY, BOUNCES = 0x63, 0x64, 0x68

UP, RIGHT, DOWN, LEFT = 0, 1, 2, 3
ARROW = {UP: 0x0B, RIGHT: 0x15, DOWN: 0x0A, LEFT: 0x08}
ESC = 0x1B


# --- helpers ----------------------------------------------------------------------

def binary(name: str) -> bytes:
    return (ROMS / f"homebrew_{name}.bin").read_bytes()


def machine(start: str = "menu", rom: bytes | None = None) -> Apple2:
    """A machine with the programs loaded, started at ``start``."""
    m = Apple2(rom=rom)
    for name, address in ADDRESSES.items():
        m.load(address, binary(name))
    m.cpu.set_pc(ADDRESSES[start])
    return m


def screen(m: Apple2) -> list[str]:
    return m.text_screen().splitlines()


def bcd(m: Apple2, address: int) -> int:
    """The 4-digit BCD number at ``address`` (low byte first)."""
    return int(f"{int(m.mem[address + 1]):02X}{int(m.mem[address]):02X}")


def run_counting_toggles(m: Apple2, frames: int) -> int:
    toggles = 0
    for _ in range(frames):
        m.run_frame(render=False)
        toggles += len(m.speaker_log)
    return toggles


def in_program(m: Apple2, name: str) -> bool:
    start = ADDRESSES[name]
    size = {"menu": 0x300, "snake": 0x500, "music": 0x300, "demo": 0x400}[name]
    return start <= m.cpu.pc < start + size


def check_golden(name: str, m: Apple2, tmp_path: Path) -> None:
    fb = m.framebuffer
    path = GOLDEN / f"{name}.png"
    if REGEN:
        GOLDEN.mkdir(parents=True, exist_ok=True)
        png.write_png(path, fb)
        return
    assert path.is_file(), f"{path} is missing: run with APPLE2_REGEN_GOLDEN=1 to create it"
    want = png.read_png(path)
    if not np.array_equal(fb, want):
        actual = tmp_path / f"{name}.actual.png"
        png.write_png(actual, fb)
        wrong = np.argwhere((fb != want).any(axis=2))
        pytest.fail(f"{name}: {len(wrong)} dots differ from {path} (first at line, dot "
                    f"{tuple(wrong[0])}); this run's screen is in {actual}")


# === sources and binaries ===========================================================

def top_level_sources() -> dict[str, Path]:
    """NAME -> source, for every source with a `; build: roms/NAME.bin` header."""
    found = {}
    for path in sorted(SRC.glob("*.s")):
        first = path.read_text().splitlines()[0]
        match = re.fullmatch(r"; build: roms/(\w+)\.bin", first.strip())
        if match:
            found[match.group(1)] = path
    return found


def test_sources_have_build_headers_and_includes_have_none():
    tops = top_level_sources()
    assert sorted(tops) == ["homebrew_boot", "homebrew_demo", "homebrew_menu", "homebrew_music",
                            "homebrew_snake"]
    for path in SRC.glob("*.s"):
        text = path.read_text()
        if path not in tops.values():
            assert "; build:" not in text, f"include file {path.name} must not have a build header"
        else:
            assert text.count("; build:") == 1


@pytest.mark.parametrize("name", ["homebrew_boot", "homebrew_menu", "homebrew_snake",
                                  "homebrew_music", "homebrew_demo"])
def test_committed_binary_matches_its_source(name, tmp_path):
    ophis = shutil.which("ophis")
    if ophis is None:
        pytest.skip("the ophis assembler is not installed (pip install ophis-asm)")
    out = tmp_path / f"{name}.bin"
    done = subprocess.run([ophis, "-q", "-o", str(out), str(top_level_sources()[name])],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert out.read_bytes() == (ROMS / f"{name}.bin").read_bytes(), \
        f"roms/{name}.bin is stale: reassemble it from its source"


def program_text(path: Path) -> str:
    """A source with its .include files spliced in."""
    return re.sub(r'^\.include "([^"]+)"', lambda mt: program_text(path.parent / mt.group(1)),
                  path.read_text(), flags=re.M)


# The only ways out of the programs: the boot ROM's sector reader (boot.s,
# address patched for the slot) and the monitor, when chosen in the menu.
ALLOWED_EXITS = {"homebrew_boot": {"$c05c"}, "homebrew_menu": {"MONZ"}}


@pytest.mark.parametrize("name", ["homebrew_boot", "homebrew_menu", "homebrew_snake",
                                  "homebrew_music", "homebrew_demo"])
def test_programs_call_no_rom_routine(name):
    # Self-contained: every JSR and JMP goes to a label of the program itself
    # or of the other homebrew programs (MENU, SNAKE, MUSIC, DEMO).
    text = program_text(top_level_sources()[name])
    code = "\n".join(line.split(";")[0] for line in text.splitlines())
    labels = set(re.findall(r"^(\w+):", code, flags=re.M)) | {"MENU", "SNAKE", "MUSIC", "DEMO"}
    targets = re.findall(r"\b(?:jsr|jmp)\s+(\S+)", code, flags=re.I)
    assert targets
    for target in targets:
        assert target in labels or target in ALLOWED_EXITS.get(name, ()), \
            f"{name}: JSR/JMP {target} leaves the program"


def test_memory_map_agrees_everywhere():
    aliases = dict(re.findall(r"\.alias\s+(\w+)\s+\$([0-9A-Fa-f]+)",
                              (SRC / "map.s").read_text()))
    assert int(aliases["MENU"], 16) == MENU
    assert int(aliases["SNAKE"], 16) == SNAKE
    assert int(aliases["MUSIC"], 16) == MUSIC
    assert int(aliases["DEMO"], 16) == DEMO
    assert int(aliases["MONZ"], 16) == MONZ
    for (name, start, end), short in zip(disk.PROGRAMS, ("menu", "snake", "music", "demo")):
        assert name == f"homebrew_{short}.bin" and start == ADDRESSES[short]
        assert len(binary(short)) <= end - start
        # nothing on the screens or the boot sector
        assert start >= 0x0900 and end <= 0x2000
    assert len(binary("boot")) <= 256


# === the menu ========================================================================

def test_menu_screen(tmp_path):
    m = machine("menu")
    m.run(frames=5)
    rows = screen(m)
    assert m.video_mode == TEXT
    assert rows[1].strip() == "APPLE II HOMEBREW DISK"
    assert rows[5].strip() == "1  SNAKE"
    assert rows[9].strip() == "2  COLOUR BARS"
    assert rows[13].strip() == "3  MONITOR"
    assert rows[17].strip() == "4  MUSIC"
    assert rows[20].strip() == "PRESS 1, 2, 3 OR 4"
    assert m.mem[0x0400 + 128 + 9] & 0xC0 == 0            # the title bar is inverse
    check_golden("menu", m, tmp_path)


def test_menu_starts_the_game_and_esc_comes_back():
    m = machine("menu")
    m.run(frames=3, render=False)
    m.type_text("1")
    m.run(frames=10, render=False)
    assert in_program(m, "snake")
    assert m.video_mode == MIXED                          # lo-res, mixed
    assert screen(m)[20].split()[0] == "SNAKE"
    m.key(ESC)
    m.run(frames=3, render=False)
    assert in_program(m, "menu") and m.video_mode == TEXT
    assert screen(m)[1].strip() == "APPLE II HOMEBREW DISK"


def test_menu_starts_the_demo_and_esc_comes_back():
    m = machine("menu")
    m.run(frames=3, render=False)
    m.type_text("2")
    m.run(frames=10, render=False)
    assert in_program(m, "demo")
    assert m.video_mode == HIRES | MIXED
    m.key(ESC)
    m.run(frames=3, render=False)
    assert in_program(m, "menu") and m.video_mode == TEXT


def test_menu_starts_the_music_which_plays_both_chips_and_esc_comes_back():
    # Ode to Joy: the melody E4 E4 F4 G4 on AY 1 (left), the bass C3 G2 on
    # AY 2 (right), a note every 24 interrupts of 6522 A's timer 1 (60 Hz).
    from emu.audio import Mixer
    m = machine("menu")
    m.run(frames=3, render=False)
    m.type_text("4")
    sound = Mixer(m).run_frames(100, render=False).astype(float)
    assert in_program(m, "music")
    assert screen(m)[4].strip() == "SLOT 4"
    first = int(np.argmax(np.abs(sound[:, 0]) > 500))
    quarter = round(24 * bus_frame_seconds() * 44100)

    def pitch(channel: int, index: int, length: int) -> float:
        seg = sound[first + index * length + 1500:first + (index + 1) * length - 1500, channel]
        spec = np.abs(np.fft.rfft(seg * np.hanning(len(seg)), 1 << 16))
        return float(np.argmax(spec)) * 44100 / (1 << 16)

    melody = [pitch(0, i, quarter) for i in range(4)]
    bass = [pitch(1, i, 2 * quarter) for i in range(2)]
    assert melody == pytest.approx([329.6, 329.6, 349.2, 392.0], rel=0.01)
    assert bass == pytest.approx([130.8, 98.0], rel=0.015)
    m.key(ESC)
    m.run(frames=3, render=False)
    assert in_program(m, "menu")
    assert int(m.io[bus.IRQ_FROM + 4]) == -1              # its interrupts are off again
    assert m.card("mockingboard").registers(0)[8] == 0    # and the AYs reset: silent


def test_music_without_a_mockingboard_says_so():
    m = Apple2(rom=None, slots={4: None})
    for name, address in ADDRESSES.items():
        m.load(address, binary(name))
    m.cpu.set_pc(MUSIC)
    m.run(frames=5, render=False)
    assert screen(m)[4].strip() == "NO MOCKINGBOARD"
    m.key(ESC)
    m.run(frames=3, render=False)
    assert in_program(m, "menu")


def bus_frame_seconds() -> float:
    return bus.CYCLES_PER_FRAME / bus.CPU_HZ


def test_menu_monitor_choice_jumps_to_monz():
    # A ROM of our own that only holds JMP $FF69 at $FF69: we see the jump land.
    rom = bytearray(0x800)
    rom[MONZ - 0xF800:MONZ - 0xF800 + 3] = bytes([0x4C, MONZ & 0xFF, MONZ >> 8])
    m = machine("menu", rom=bytes(rom))
    m.run(frames=3, render=False)
    assert m.cpu.pc != MONZ
    m.type_text("3")
    m.run(frames=3, render=False)
    assert m.cpu.pc == MONZ


def test_menu_ignores_other_keys_with_a_buzz():
    m = machine("menu")
    m.run(frames=3, render=False)
    m.type_text("X")
    toggles = run_counting_toggles(m, 3)
    assert toggles == 16
    assert in_program(m, "menu") and m.video_mode == TEXT


# === the snake game ===================================================================

def start_snake(wait_frames: int = 5, first: int = RIGHT) -> Apple2:
    m = machine("snake")
    m.run(frames=wait_frames, render=False)
    m.key(ARROW[first])
    m.run(frames=1, render=False)
    return m


@pytest.mark.parametrize("cpu", ["6502", "65c02"])
def test_programs_run_on_both_cpus(cpu):
    # Written for the NMOS 6502 with nothing it lacks, so a IIe's 65C02 runs
    # them alike: menu -> snake (moving) -> menu -> demo.
    m = Apple2(cpu=cpu)
    for name, address in ADDRESSES.items():
        m.load(address, binary(name))
    m.cpu.set_pc(MENU)
    m.run(frames=3, render=False)
    m.type_text("1")
    m.run(frames=5, render=False)
    m.key(ARROW[DOWN])
    m.run(frames=30, render=False)
    assert in_program(m, "snake") and int(m.mem[HEADY]) > 20
    m.key(ESC)
    m.run(frames=3, render=False)
    m.type_text("2")
    m.run(frames=40, render=False)
    assert in_program(m, "demo") and bcd(m, BOUNCES) >= 0 and int(m.mem[BY]) > 98


def test_snake_start_screen(tmp_path):
    m = machine("snake")
    m.run(frames=10)
    rows = screen(m)
    assert rows[20].split() == ["SNAKE", "SCORE", "0000", "HIGH", "0000"]
    assert rows[23].strip() == "PRESS A DIRECTION KEY TO START"
    assert (int(m.mem[HEADX]), int(m.mem[HEADY]), int(m.mem[DIR])) == (12, 20, RIGHT)
    check_golden("snake_start", m, tmp_path)


def test_snake_waits_for_a_direction_key():
    m = machine("snake")
    m.run(frames=5, render=False)
    m.type_text("Q")                                      # not a direction
    m.run(frames=20, render=False)
    assert int(m.mem[HEADX]) == 12
    m.key(ARROW[RIGHT])
    m.run(frames=20, render=False)
    assert int(m.mem[HEADX]) > 12
    assert screen(m)[23].strip() == ""                    # the prompt has gone


def test_snake_start_ignores_a_turn_flag_left_from_before():
    # TURNED ($73) set, as a game that ended right after a turn leaves it:
    # a key that is no direction must still not start the game.
    m = machine("snake")
    m.mem[0x73] = 1
    m.run(frames=5, render=False)
    m.type_text("Q")
    m.run(frames=20, render=False)
    assert int(m.mem[HEADX]) == 12
    assert screen(m)[23].strip() == "PRESS A DIRECTION KEY TO START"


def test_snake_moves_and_turns_with_arrows_and_ijkl():
    m = start_snake()
    x0 = int(m.mem[HEADX])
    m.run(frames=30, render=False)
    assert int(m.mem[HEADY]) == 20 and int(m.mem[HEADX]) > x0
    m.type_text("I")                                      # up
    m.run(frames=30, render=False)
    y1 = int(m.mem[HEADY])
    assert int(m.mem[DIR]) == UP and y1 < 20
    m.key(ARROW[DOWN])                                    # straight back: ignored
    m.run(frames=15, render=False)
    assert int(m.mem[DIR]) == UP and int(m.mem[HEADY]) < y1
    m.type_text("J")                                      # left
    x2 = int(m.mem[HEADX])
    m.run(frames=15, render=False)
    assert int(m.mem[DIR]) == LEFT and int(m.mem[HEADX]) < x2
    # the body follows: HEAD - TAIL + 1 cells, all drawn
    assert (int(m.mem[HEAD]) - int(m.mem[TAIL])) % 256 + 1 == 4


def test_snake_food_depends_only_on_key_timing():
    a, b, c = start_snake(5), start_snake(5), start_snake(6)
    food = [(int(m.mem[FOODX]), int(m.mem[FOODY])) for m in (a, b, c)]
    assert food[0] == food[1]
    assert food[0] != food[2]
    for x, y in food:
        assert 1 <= x <= 38 and 1 <= y <= 38


def greedy_direction(m: Apple2) -> int:
    """The way to the food, never straight back."""
    hx, hy, d = int(m.mem[HEADX]), int(m.mem[HEADY]), int(m.mem[DIR])
    fx, fy = int(m.mem[FOODX]), int(m.mem[FOODY])
    if fx != hx:
        want = RIGHT if fx > hx else LEFT
        if want ^ d == 2:
            want = (DOWN if fy > hy else UP) if fy != hy else (UP if hy > 20 else DOWN)
    else:
        want = DOWN if fy > hy else UP
        if want ^ d == 2:
            want = RIGHT if hx < 20 else LEFT
    return want


def play(m: Apple2, score: int, max_frames: int = 4000) -> tuple[int, list[int], int]:
    """Steer to the food until the score is reached.

    Returns the frames it took, for each point scored the speaker toggles
    logged before the frame in which it was scored, and all the toggles.
    """
    toggles_at_score = []
    toggles = 0
    for frame in range(max_frames):
        if bcd(m, SCORE) >= score:
            return frame, toggles_at_score, toggles
        want = greedy_direction(m)
        if want != int(m.mem[DIR]) and m.keys_pending == 0 and m.io[bus.KBD] < 0x80:
            m.key(ARROW[want])
        before = bcd(m, SCORE)
        m.run_frame(render=False)
        assert "GAME OVER" not in screen(m)[22], "the greedy player crashed"
        if bcd(m, SCORE) != before:
            toggles_at_score.append(toggles)
        toggles += len(m.speaker_log)
    pytest.fail(f"score {score} not reached in {max_frames} frames")


def test_snake_eats_scores_grows_beeps_then_crashes_and_restarts(tmp_path):
    m = start_snake()
    assert int(m.mem[STEP]) == 80
    frames, toggles, total = play(m, 3)
    assert int(m.mem[STEP]) == 80 - 3 * 2                 # faster with each food
    assert bcd(m, SCORE) == 3
    assert screen(m)[20].split() == ["SNAKE", "SCORE", "0003", "HIGH", "0000"]
    assert toggles == [0, 60, 120]                        # a 60-flip beep per food, no other sound
    length = (int(m.mem[HEAD]) - int(m.mem[TAIL])) % 256 + 1 + int(m.mem[GROW])
    assert length == 4 + 3 * 3

    # Straight into a wall (up, unless that is straight back).
    d = int(m.mem[DIR])
    m.key(ARROW[UP if d != DOWN else LEFT])
    crash_toggles = 0
    for _ in range(400):
        m.run_frame(render=False)
        crash_toggles += len(m.speaker_log)
        if "GAME OVER" in screen(m)[22]:
            break
    else:
        pytest.fail("no game over")
    assert total + crash_toggles == 3 * 60 + 120          # three beeps and the crash buzz
    m.run(frames=2)
    rows = screen(m)
    assert rows[20].split() == ["SNAKE", "SCORE", "0003", "HIGH", "0003"]
    assert rows[22].strip() == "GAME OVER"
    assert rows[23].split() == ["SPACE:", "PLAY", "AGAIN", "ESC:", "MENU"]
    check_golden("snake_game_over", m, tmp_path)

    m.type_text(" ")                                      # again: score 0, high score kept
    m.run(frames=5, render=False)
    rows = screen(m)
    assert rows[20].split() == ["SNAKE", "SCORE", "0000", "HIGH", "0003"]
    assert rows[23].strip() == "PRESS A DIRECTION KEY TO START"
    assert (int(m.mem[HEADX]), int(m.mem[HEADY])) == (12, 20)
    assert int(m.mem[STEP]) == 80                         # slow again


def test_snake_esc_during_play_goes_to_the_menu():
    m = start_snake()
    m.run(frames=10, render=False)
    m.key(ESC)
    m.run(frames=3, render=False)
    assert in_program(m, "menu")
    assert screen(m)[1].strip() == "APPLE II HOMEBREW DISK"


# === the hi-res demo ===================================================================

def test_demo_screen(tmp_path):
    m = machine("demo")
    m.run(frames=30)
    assert m.video_mode == HIRES | MIXED
    rows = screen(m)
    assert rows[20].split() == ["VIOLET", "BLUE", "WHITE"]
    assert rows[21].split() == ["GREEN", "ORANGE", "BLACK"]
    assert rows[23].split()[:2] == ["ESC:", "MENU"]
    check_golden("demo", m, tmp_path)


def test_demo_bars_are_the_six_colours():
    m = machine("demo")
    m.run(frames=30)                                      # clearing the page takes 6
    fb = m.framebuffer
    # Each bar's middle, on line 40 (the framebuffer has a row a line and 560
    # columns for the 280 dots: byte column c is columns 14c to 14c + 13).
    colours = [tuple(int(v) for v in fb[40, 14 * col + 7]) for col in (5, 11, 17, 23, 29, 35)]
    assert len(set(colours)) == 6
    white, black = colours[4], colours[5]
    assert white == (255, 255, 255) and black == (0, 0, 0)
    violet, green, blue, orange = colours[:4]
    assert violet[2] > violet[1] and violet[0] > violet[1]          # red + blue
    assert green[1] > green[0] and green[1] > green[2]
    assert blue[2] > blue[0] and blue[2] > blue[1]
    assert orange[0] > orange[1] > orange[2]


def test_demo_ball_moves_bounces_and_clicks():
    m = machine("demo")
    m.run(frames=10, render=False)
    x0, y0 = int(m.mem[BX]), int(m.mem[BY])
    m.run(frames=4, render=False)
    assert (int(m.mem[BX]), int(m.mem[BY])) != (x0, y0)
    toggles = run_counting_toggles(m, 200)
    bounces = bcd(m, BOUNCES)
    assert bounces >= 3
    assert toggles == 6 * bounces                          # a 6-flip tick per bounce
    assert screen(m)[23].split()[-1] == f"{bounces:04d}"
    assert 2 <= int(m.mem[BX]) <= 37 and 98 <= int(m.mem[BY]) <= 152


# === the boot disk ======================================================================

def test_rebuilding_the_disk_gives_the_committed_bytes(tmp_path):
    out = tmp_path / "homebrew.dsk"
    built = disk.build(out)
    assert out.read_bytes() == built
    assert built == (ROMS / "homebrew.dsk").read_bytes(), \
        "roms/homebrew.dsk is stale: run python -m emu.tools.homebrew_disk"


def test_disk_interleave_is_dos_33():
    assert sorted(disk.LOGICAL_TO_PHYSICAL) == list(range(16))
    assert disk.LOGICAL_TO_PHYSICAL[:4] == (0, 13, 11, 9)
    for logical, physical in enumerate(disk.LOGICAL_TO_PHYSICAL):
        assert disk.PHYSICAL_TO_LOGICAL[physical] == logical
    assert disk.disk_offset(0, 0) == 0
    assert disk.disk_offset(0, 13) == 256                 # logical sector 1
    assert disk.disk_offset(1, 15) == 16 * 256 + 15 * 256


def test_disk_layout():
    image = (ROMS / "homebrew.dsk").read_bytes()
    assert len(image) == 143_360
    boot = binary("boot")
    assert image[:len(boot)] == boot and image[len(boot):256] == bytes(256 - len(boot))
    assert image[0] == 1                                  # the ROM reads one sector
    memory = disk.memory_image()
    for name, address in ADDRESSES.items():               # each program where it loads
        data = binary(name)
        assert memory[address - 0x0900:address - 0x0900 + len(data)] == data
    for physical in range(1, 16):
        page = 0x08 + physical
        offset = disk.disk_offset(0, physical)
        assert image[offset:offset + 256] == memory[(page - 9) * 256:(page - 8) * 256]
    assert image[16 * 256:] == bytes(len(image) - 16 * 256)   # tracks 1-34 empty


def loader_requests(slot: int = 6) -> tuple[list[tuple[int, int]], Apple2]:
    """Run the boot sector as the boot ROM would; returns its (sector, page) requests."""
    m = Apple2()
    reader = 0xC000 | slot << 8 | 0x5C
    m.mem[bus.SLOT_ROM + slot * 256 + 0x5C:bus.SLOT_ROM + slot * 256 + 0x5F] = \
        [0x4C, reader & 0xFF, reader >> 8]                # JMP $Cn5C: stop here
    m.io[bus.SLOTS_PRESENT] |= 1 << slot
    m.load(0x0800, (ROMS / "homebrew.dsk").read_bytes()[:256])
    m.load(MENU, bytes([0x4C, MENU & 0xFF, MENU >> 8]))   # JMP $0900: stop at the menu
    m.cpu.stop_on_self_loop = True
    requests = []
    for _ in range(20):
        m.cpu.x = slot * 16                               # the ROM's jump to $0801
        m.cpu.set_pc(0x0801)
        assert m.cpu.run(cycles=100_000) == StopReason.SELF_LOOP
        if m.cpu.pc == MENU:
            return requests, m
        assert m.cpu.pc == reader
        assert m.cpu.x == slot * 16 and int(m.mem[0x2B]) == slot * 16
        assert int(m.mem[0x26]) == 0 and int(m.mem[0x41]) == 0       # page-aligned, track 0
        requests.append((int(m.mem[0x3D]), int(m.mem[0x27])))
    pytest.fail("the loader never started the menu")


@pytest.mark.parametrize("slot", [6, 5])
def test_loader_asks_for_each_sector_of_track_0_then_starts_the_menu(slot):
    requests, m = loader_requests(slot)
    assert sorted(requests) == [(s, 0x08 + s) for s in range(1, 16)]
    assert [s for s, _ in requests] == [1, 3, 5, 7, 9, 11, 13, 15, 2, 4, 6, 8, 10, 12, 14]
    assert "HOMEBREW DISK" in screen(m)[23]


def test_loader_requests_read_the_programs_from_the_disk():
    # What each request would bring in, from the .dsk as a controller would
    # read it, makes up the menu, the game and the demo at their addresses.
    image = (ROMS / "homebrew.dsk").read_bytes()
    requests, _ = loader_requests()
    memory = bytearray(0x1800)
    for sector, page in requests:
        offset = disk.disk_offset(0, sector)
        memory[page * 256:page * 256 + 256] = image[offset:offset + 256]
    for name, address in ADDRESSES.items():
        data = binary(name)
        assert bytes(memory[address:address + len(data)]) == data, name
