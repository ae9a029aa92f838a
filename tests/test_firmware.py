"""Tests of our own system ROM (roms/apple2.rom, built from roms/src/).

The build, power-up, reset and the behaviour of the screen and line editor
over several calls.  Each entry point's own documented effect is tested in
test_entry_points.py; the calls go through tests/firmware_calls.py.
"""
from __future__ import annotations

import shutil
import zlib

import pytest

from emu import bus, rom as romfile
from emu.cpu import state
from emu.machine import Apple2
from emu.tools import build_roms, gen_optable

from emu.cpu.disasm import disassemble
from firmware_calls import (CH, CV, INVFLG, PCH, PCL, PROMPT, PWREDUP, ROM_PATH, ROOT, SETUPS,
                            SOFTEV, TITLE, call, fake_disk_card, power_up, rows, screen_byte,
                            set_up, window)

BANNER = TITLE


@pytest.fixture(scope="module")
def rom() -> bytes:
    if not ROM_PATH.is_file():
        pytest.fail("roms/apple2.rom is missing: run python -m emu.tools.build_roms")
    return ROM_PATH.read_bytes()


@pytest.fixture
def m(rom) -> Apple2:
    """A machine that has powered up into the monitor (no disk card)."""
    return power_up(rom)


def put_text(m: Apple2, text: str) -> None:
    """Print ``text`` through COUT, one call per character."""
    for ch in text:
        call(m, "COUT", a=0x8D if ch == "\n" else ord(ch) | 0x80)


# === the build ==========================================================================

def test_committed_roms_match_their_sources():
    if shutil.which("ophis") is None:
        pytest.skip("the ophis assembler is not installed (pip install ophis-asm): "
                    "cannot rebuild the ROMs to compare")
    assert build_roms.check() == []


def test_the_disassembler_tables_are_generated_from_the_opcode_facts():
    for path, text in gen_optable.sources().items():
        assert path.read_text() == text, f"{path.name}: run python -m emu.tools.gen_optable"


@pytest.mark.parametrize("setup", SETUPS)
def test_the_rom_disassembles_every_opcode_as_the_python_disassembler_does(setup):
    """INSTDSP, the ROM's from compact tables, against emu.cpu.disasm (which reads
    emu/cpu/opcodes.py directly): name, operand and length of all 256 opcodes,
    "???" and one byte for those MOS did not document.  The accumulator mode is
    shown as implied: "ASL", not "ASL A"."""
    m = set_up(setup, ROM_PATH.read_bytes())
    wrong = []
    for op in range(256):
        raw = bytes([op, 0x34, 0x12])
        m.load(0x1200, raw)
        m.mem[PCL], m.mem[PCH] = 0x00, 0x12
        call(m, "HOME")
        call(m, "INSTDSP")
        shown = rows(m)[0]
        line = disassemble(raw, 0x1200)[0]
        if line.opcode.documented:
            length, text = len(line.raw), f"{line.mnemonic} {line.operand}".rstrip()
            text = text.removesuffix(" A") if line.opcode.mode == "acc" else text
        else:
            length, text = 1, "???"
        want = ("1200- " + " ".join(f"{b:02X}" for b in raw[:length])).ljust(17) + text
        if shown.rstrip() != want:
            wrong.append(f"${op:02X}: {shown.rstrip()!r}, want {want!r}")
    assert wrong == []


def test_build_headers_name_targets_and_include_files_are_skipped(tmp_path):
    (tmp_path / "boot.s").write_text("; build: roms/boot.rom\n; cpu: 65C02\n.org $C600\nrts\n")
    (tmp_path / "plain.s").write_text("; build: roms/plain.bin\nnop\n")
    (tmp_path / "lib.s").write_text("; an include file\nrts\n")
    found = {t.source.name: (t.output, t.cpu) for t in build_roms.targets(tmp_path)}
    assert found == {"boot.s": ("roms/boot.rom", "65c02"), "plain.s": ("roms/plain.bin", "6502")}
    (tmp_path / "bad.s").write_text("; build: ../outside.rom\n")
    with pytest.raises(build_roms.BuildError, match="inside the repository"):
        build_roms.targets(tmp_path)


def test_build_and_check_a_65c02_rom_in_another_tree(tmp_path):
    if shutil.which("ophis") is None:
        pytest.skip("the ophis assembler is not installed (pip install ophis-asm)")
    src = tmp_path / "roms" / "src"
    src.mkdir(parents=True)
    (src / "boot.s").write_text("; build: roms/boot.rom\n; cpu: 65c02\n"
                                ".org $C600\n.include \"body.s\"\n")
    (src / "body.s").write_text("        stz $00\n        rts\n")     # STZ: 65C02 only
    built = build_roms.build(tmp_path)
    assert [(t.output, size) for t, size in built] == [("roms/boot.rom", 3)]
    assert (tmp_path / "roms" / "boot.rom").read_bytes() == bytes([0x64, 0x00, 0x60])
    assert build_roms.check(tmp_path) == []
    (tmp_path / "roms" / "boot.rom").write_bytes(b"\x00\x00\x60")
    assert build_roms.check(tmp_path) == [
        "roms/boot.rom: differs from boot.s; run python -m emu.tools.build_roms"]


def test_build_without_ophis_says_so_in_one_line(monkeypatch, capsys):
    monkeypatch.setattr(build_roms.shutil, "which", lambda name: None)
    assert build_roms.main([]) == 2
    err = capsys.readouterr().err
    assert err == "build_roms: the ophis assembler is not installed (pip install ophis-asm)\n"


def test_emu_rom_names_our_firmware(rom):
    loaded = romfile.load_system_rom(ROM_PATH)
    assert loaded.name == "apple2 project firmware"
    assert loaded.describe() == f"ROM: apple2 project firmware, CRC32 {zlib.crc32(rom):08x}"


@pytest.mark.parametrize("entry", [0xE000, 0xE003], ids=["cold", "warm"])
def test_basic_entries_lead_to_the_monitor(m, entry):
    call(m, "HOME")
    m.cpu.set_pc(entry)
    m.run(frames=3, render=False)
    assert rows(m)[0].strip() == "*"


def test_language_card_tests_see_rom_at_d17b(rom):
    """a2audit tells ROM from card RAM by $D17B = $53 (and $FE1F = $60, an entry)."""
    assert rom[0xD17B - 0xD000] == 0x53


# === power-up and reset ====================================================================

def test_power_up_shows_the_banner_and_the_monitor_prompt(m):
    screen = rows(m)
    assert screen[0].strip() == BANNER
    assert "BOOTS A DISK" in screen[1] and "HOMEBREW MENU" in screen[2]
    assert screen[3].startswith("NO DISK CARD")
    assert screen[4].strip() == "*"
    assert m.video_mode & bus.TEXT and not m.video_mode & bus.PAGE2
    # the soft vectors a cold start sets: a valid warm-start pair
    assert m.peek(PWREDUP) == m.peek(SOFTEV + 1) ^ 0xA5
    assert (m.peek(0x36), m.peek(0x37), m.peek(0x38), m.peek(0x39)) == (0xF0, 0xFD, 0x1B, 0xFD)


def test_warm_reset_goes_through_softev(m):
    # 1000: A9 5A 85 E7 4C 04 10   LDA #$5A ; STA $E7 ; JMP *
    m.load(0x1000, bytes([0xA9, 0x5A, 0x85, 0xE7, 0x4C, 0x04, 0x10]))
    m.load(SOFTEV, bytes([0x00, 0x10, 0x10 ^ 0xA5]))
    m.reset()
    m.run(frames=10, render=False)              # RESET beeps first (0.11 s)
    assert m.peek(0xE7) == 0x5A
    assert m.cpu.pc == 0x1004


def test_reset_with_a_bad_powerup_byte_is_a_cold_start(m):
    m.load(SOFTEV, bytes([0x00, 0x10, 0x00]))
    call(m, "HOME")
    m.reset()
    m.run(frames=20, render=False)
    assert rows(m)[0].strip() == BANNER


def test_power_up_boots_the_highest_slot_with_a_disk_card(rom):
    m = Apple2(rom=rom)
    fake_disk_card(m, 5, 0x55)
    fake_disk_card(m, 6, 0x66)
    m.run(frames=15, render=False)              # after RESET's beep
    assert m.peek(0xE8) == 0x66
    assert m.cpu.pc == 0xC60C


def test_softev_at_pwrup_with_setpwrc_makes_ctrl_reset_reboot(m):
    """Games aim the reset vector at PWRUP ($FAA6) and call SETPWRC ($FB6F), so
    that Ctrl-Reset boots the disk again rather than stopping in the monitor."""
    # 1000: A9 A6 8D F2 03 A9 FA 8D F3 03 20 6F FB 4C 0D 10
    #       LDA #$A6 ; STA $3F2 ; LDA #$FA ; STA $3F3 ; JSR SETPWRC ; JMP *
    m.load(0x1000, bytes([0xA9, 0xA6, 0x8D, 0xF2, 0x03, 0xA9, 0xFA, 0x8D, 0xF3, 0x03,
                          0x20, 0x6F, 0xFB, 0x4C, 0x0D, 0x10]))
    m.cpu.set_pc(0x1000)
    m.run(frames=1, render=False)
    assert m.cpu.pc == 0x100D
    fake_disk_card(m, 6, 0x66)                  # the disk to boot again
    m.reset()
    m.run(frames=15, render=False)
    assert m.peek(0xE8) == 0x66 and m.cpu.pc == 0xC60C


def test_a_card_without_the_signature_is_not_booted(rom):
    m = Apple2(rom=rom)
    fake_disk_card(m, 6, 0x66)
    m.mem[bus.SLOT_ROM + 6 * 256 + 7] = 0x3D          # one signature byte wrong
    m.run(frames=20, render=False)
    assert m.peek(0xE8) == 0
    assert rows(m)[3].startswith("NO DISK CARD")


# === text output ============================================================================

def test_cout_wraps_and_scrolls_in_the_window(m):
    call(m, "HOME")                       # full screen blank
    window(m, 5, 10, 2, 5)              # columns 5-14, rows 2-4
    call(m, "HOME")
    put_text(m, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    screen = rows(m)
    # 36 characters in a 10-wide, 3-high window: 4 lines, so the first scrolled off
    assert [screen[r][5:15] for r in (2, 3, 4)] == ["KLMNOPQRST", "UVWXYZ0123", "456789    "]
    assert screen[1].strip() == "" and screen[5].strip() == ""
    assert screen[3][:5] == "     " and screen[3][15:] == " " * 25     # outside: untouched
    assert (m.peek(CH), m.peek(CV)) == (6, 4)


def test_return_and_backspace(m):
    call(m, "HOME")
    put_text(m, "AB\nCD")
    assert rows(m)[0].startswith("AB ") and rows(m)[1].startswith("CD ")
    call(m, "COUT", a=0x88)                       # left arrow: back over D
    call(m, "COUT", a=0xD8)                       # X
    assert rows(m)[1].startswith("CX ")
    call(m, "COUT1", a=0x88)
    call(m, "COUT1", a=0x88)
    call(m, "COUT1", a=0x88)                      # from column 0: end of the line above
    assert (m.peek(CH), m.peek(CV)) == (39, 0)


def test_invflg_selects_normal_inverse_and_flashing(m):
    call(m, "HOME")
    call(m, "COUT", a=0xC1)
    call(m, "SETINV")
    assert m.peek(INVFLG) == 0x3F
    call(m, "COUT", a=0xC1)
    m.mem[INVFLG] = 0x7F
    call(m, "COUT", a=0xC1)
    call(m, "SETNORM")
    assert m.peek(INVFLG) == 0xFF
    call(m, "COUT", a=0xC1)
    assert [screen_byte(m, 0, c) for c in range(4)] == [0xC1, 0x01, 0x41, 0xC1]


def row_base(row: int) -> int:
    return 0x400 + 128 * (row % 8) + 40 * (row // 8)


# === keyboard input ===========================================================================

def test_getln_edits_a_line(m):
    call(m, "HOME")
    m.mem[PROMPT] = 0xBE                          # ">"
    m.type_text("HELLX")
    m.key(0x08)                                   # left arrow takes back the X
    m.type_text("O WORLD\n")
    regs = call(m, "GETLN")
    assert regs.x == 11
    assert bytes(m.mem[0x200:0x200 + 12]) == bytes(ord(c) | 0x80 for c in "HELLO WORLD\r")
    assert rows(m)[0].startswith(">HELLO WORLD ")
    assert (m.peek(CH), m.peek(CV)) == (0, 1)     # left on the next line


def test_getln_ctrl_x_cancels_the_line(m):
    call(m, "HOME")
    m.mem[PROMPT] = 0xBE
    m.type_text("ABC\x18XYZ\n")
    regs = call(m, "GETLN")
    assert regs.x == 3
    assert bytes(m.mem[0x200:0x204]) == bytes(ord(c) | 0x80 for c in "XYZ\r")
    assert rows(m)[0].startswith(">ABC\\") and rows(m)[1].startswith(">XYZ")


def test_getln_right_arrow_copies_the_character_under_the_cursor(m):
    call(m, "HOME")
    m.mem[PROMPT] = 0xBE
    m.mem[0x401:0x403] = [0xC8, 0x09]            # "H", then an inverse "I", after the prompt
    m.key(0x15)
    m.key(0x15)
    m.type_text("!\n")
    regs = call(m, "GETLN")
    assert regs.x == 3
    assert bytes(m.mem[0x200:0x204]) == bytes(ord(c) | 0x80 for c in "HI!\r")


@pytest.mark.parametrize("keys,where", [
    ("\x1bAZ", (6, 10)),                   # ESC A: right once
    ("\x1bBZ", (4, 10)),                   # ESC B: left once
    ("\x1bCZ", (5, 11)),                   # ESC C: down once
    ("\x1bDZ", (5, 9)),                    # ESC D: up once
    ("\x1bKKKJ Z", (7, 10)),               # ESC K K K J: right 3, left 1; space ends it
    ("\x1bIIM Z", (5, 9)),                 # ESC I I M: up 2, down 1
    ("\x1bAAZ", (6, 10)),                  # ESC A once: the second A is a key
])
def test_rdchar_escape_moves_the_cursor(m, keys, where):
    window(m, 0, 40, 0, 24)
    m.mem[CH], m.mem[CV] = 5, 10
    call(m, "VTAB")
    m.type_text(keys)
    regs = call(m, "RDCHAR", x=0x42)
    expected = "A" if keys == "\x1bAAZ" else "Z"
    assert (regs.a, regs.x) == (ord(expected) | 0x80, 0x42)
    assert (m.peek(CH), m.peek(CV)) == where


def test_escape_at_clears_the_screen(m):
    m.mem[0x400:0x800] = 0xD8
    window(m, 0, 40, 0, 24)
    m.type_text("\x1b@Q")
    assert call(m, "RDCHAR").a == 0xD1
    assert rows(m) == [" " * 40] * 24 and (m.peek(CH), m.peek(CV)) == (0, 0)


# === interrupts ======================================================================

def test_nmi_goes_to_03fb(m):
    # 03FB: 4C 00 11 JMP $1100 ; 1100: A9 4E 85 EA 4C 04 11  LDA #$4E ; STA $EA ; JMP *
    m.load(0x3FB, bytes([0x4C, 0x00, 0x11]))
    m.load(0x1100, bytes([0xA9, 0x4E, 0x85, 0xEA, 0x4C, 0x04, 0x11]))
    m.cpu.state[state.NMI] = 1
    m.cpu.state[state.NMI_AT] = m.cpu.cycles
    m.cpu.run(cycles=200)
    assert m.peek(0xEA) == 0x4E
