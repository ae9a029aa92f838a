"""The homebrew disk's 128K program: the snake in 80 columns (roms/src/homebrew/snake80.s).

It runs on a IIe only: the menu tells a IIe by its identification byte
($FBB3 = $06, Apple II Miscellaneous Technical Note #2) and says so on a II+.
What the program must do with aux memory comes from the Apple IIe Technical
Reference Manual (ch. 2 and 4): the 80-column screen's even columns are in
aux memory, PAGE2 with 80STORE on picks the half the CPU sees, RAMWRT and
RAMRD send writes and reads to aux memory (instruction fetches too, for
RAMRD).  ``cell`` reads the screen by that rule; the snake's body ring is
checked in aux memory itself.  The other homebrew programs are in
tests/test_homebrew.py; the whole boot, through the Disk II, is here too.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from emu import bus
from emu.machine import Apple2
from emu.video.modes import ALTCHAR, COL80, STORE80

ROOT = Path(__file__).resolve().parents[1]
ROMS = ROOT / "roms"
MENU, SNAKE, MUSIC, DEMO, SNAKE80 = 0x0900, 0x0C00, 0x1100, 0x1400, 0x1A00
PROGRAMS = {"menu": MENU, "snake": SNAKE, "music": MUSIC, "demo": DEMO, "snake80": SNAKE80}
HEADX, HEADY, DIR, HEAD, TAIL, GROW, SCORE, FOODX, FOODY = (
    0x66, 0x67, 0x68, 0x69, 0x6A, 0x6B, 0x6C, 0x6E, 0x6F)
RINGX, RINGY = 0x0800, 0x0900           # in aux memory
BLANK, WALL, BODY, HEAD_C, FOOD = 0xA0, 0x20, 0xEF, 0xC0, 0xAA
RIGHT, DOWN, ESC = 0x95, 0x8A, 0x1B


def machine(model: str) -> Apple2:
    """Our firmware for ``model`` with the homebrew programs loaded, at the menu."""
    m = Apple2(model=model)
    m.run(frames=20, render=False)
    for name, address in PROGRAMS.items():
        m.load(address, (ROMS / f"homebrew_{name}.bin").read_bytes())
    m.cpu.set_pc(MENU)
    m.run(frames=5, render=False)
    return m


def row_base(row: int) -> int:
    return 0x400 + 128 * (row % 8) + 40 * (row // 8)


def cell(m: Apple2, row: int, col: int) -> int:
    """The byte at ``row``, ``col`` of the 80-column screen: aux memory for even columns."""
    address = row_base(row) + col // 2
    return int(m.mem[bus.AUX + address] if col % 2 == 0 else m.mem[address])


def put(m: Apple2, row: int, col: int, byte: int) -> None:
    address = row_base(row) + col // 2
    m.mem[bus.AUX + address if col % 2 == 0 else address] = byte


def started(model: str = "iie-enh") -> Apple2:
    m = machine(model)
    m.type_text("5")
    m.run(frames=10, render=False)
    return m


def test_the_menu_on_a_ii_plus_says_it_needs_a_iie():
    m = machine("ii+")
    m.type_text("5")
    m.run(frames=10, render=False)
    assert MENU <= m.cpu.pc < SNAKE
    assert m.text_screen().splitlines()[21].strip() == "SNAKE 80 NEEDS AN APPLE IIE"
    assert not m.video_mode & COL80


@pytest.mark.parametrize("model", ["iie", "iie-enh"])
def test_the_start_screen_in_80_columns(model):
    m = started(model)
    assert SNAKE80 <= m.cpu.pc < 0x2000
    mode = m.video_mode
    assert mode & COL80 and mode & STORE80 and mode & ALTCHAR
    rows = m.text_screen().splitlines()
    assert len(rows[0]) == 80
    assert rows[0].startswith(" Snake in 80 columns     Score 0000    High 0000")
    assert "Press a direction key" in rows[0]
    assert rows[23].startswith(" I J K L or the arrows steer") and rows[23].endswith("Esc: the menu ")
    assert all(cell(m, r, c) == WALL for r in (1, 22) for c in range(80))
    assert all(cell(m, r, c) == WALL for r in range(1, 23) for c in (0, 79))
    assert [cell(m, 11, c) for c in range(36, 40)] == [BODY] * 3 + [HEAD_C]
    assert m.mem[bus.AUX + 0x5A8 + 18] == BODY and m.mem[0x5A8 + 19] == HEAD_C   # row 11: $5A8
    # the program copied itself into aux memory, to the same addresses (only its
    # two variables, the random seed and the high score, have moved on in main)
    program = (ROMS / "homebrew_snake80.bin").read_bytes()
    aux = bytes(m.mem[bus.AUX + SNAKE80:bus.AUX + SNAKE80 + len(program)])
    differ = [i for i, (a, b) in enumerate(zip(aux, program)) if a != b]
    assert len(differ) <= 4 and (not differ or differ[-1] - differ[0] < 4)


def test_the_body_ring_is_in_aux_memory():
    m = started()
    m.key(RIGHT)
    m.run(frames=60, render=False)
    head, tail = int(m.mem[HEAD]), int(m.mem[TAIL])
    assert head - tail == 3 and int(m.mem[HEADX]) > 39            # it moved, 4 cells long
    ring = [(int(m.mem[bus.AUX + RINGX + i]), int(m.mem[bus.AUX + RINGY + i]))
            for i in range(tail, head + 1)]
    x = int(m.mem[HEADX])
    assert ring == [(x - 3, 11), (x - 2, 11), (x - 1, 11), (x, 11)]
    assert [cell(m, 11, c) for c in range(x - 3, x + 1)] == [BODY] * 3 + [HEAD_C]
    assert cell(m, 11, x - 4) == BLANK                            # the tail left its cell


def test_eating_scores_and_grows_and_the_wall_ends_the_game():
    m = started()
    m.key(RIGHT)
    m.run(frames=2, render=False)
    # the food moved to three cells in front of the head
    put(m, int(m.mem[FOODY]), int(m.mem[FOODX]), BLANK)
    target = int(m.mem[HEADX]) + 3
    put(m, 11, target, FOOD)
    m.mem[FOODX], m.mem[FOODY] = target, 11
    m.run(frames=40, render=False)
    assert int(m.mem[SCORE]) == 1 and "Score 0001" in m.text_screen().splitlines()[0]
    assert int(m.mem[HEAD]) - int(m.mem[TAIL]) > 3                 # growing
    m.run(frames=400, render=False)                               # on into the wall
    assert "GAME OVER" in m.text_screen().splitlines()[0]
    assert "High 0001" in m.text_screen().splitlines()[0]
    m.type_text(" ")                                              # again
    m.run(frames=10, render=False)
    assert "Press a direction key" in m.text_screen().splitlines()[0]
    m.key(ESC)                                                    # the menu, 40 columns
    m.run(frames=10, render=False)
    assert MENU <= m.cpu.pc < SNAKE
    assert not m.video_mode & (COL80 | STORE80 | ALTCHAR)
    assert m.text_screen().splitlines()[1].strip() == "APPLE II HOMEBREW DISK"


def test_the_disk_boots_it_on_the_enhanced_iie(tmp_path):
    """The real boot: our IIe firmware, the Disk II and its boot ROM read tracks 0
    and 1 (the loader steps the head), then the menu starts the 80-column snake."""
    m = Apple2(model="iie-enh", disks=[ROMS / "homebrew.dsk"])
    m.run(seconds=3, render=False)
    assert "PRESS 1, 2, 3, 4, 5 OR 6" in m.text_screen()
    m.type_text("5")
    m.run(frames=10, render=False)
    assert m.text_screen().splitlines()[0].startswith(" Snake in 80 columns")
    assert m.close() == []


def test_print_screen_shows_80_columns(capsys):
    """apple2 run ... --model iie-enh --type 5 --print-screen: the snake's 80 columns."""
    from emu import cli
    status = cli.main(["run", str(ROMS / "homebrew.dsk"), "--model", "iie-enh", "--headless",
                       "--write-protect", "--seconds", "4", "--type", "5", "--print-screen"])
    out = capsys.readouterr().out.splitlines()
    assert status == 0
    assert len(out[0]) == 80 and out[0].startswith(" Snake in 80 columns")
    assert out[11][36:40] == "ooo@"
