"""Tests of our own system ROM (roms/apple2.rom, built from roms/src/).

Everything runs through the CPU: the machine powers up with the ROM, then
each test puts a tiny program in RAM that sets registers, calls a documented
entry point (JSR), stores the registers it got back in $E0-$E3 and ends in
a self-loop (``JMP *``).  Screen results are read with ``text_screen()`` or
straight from screen memory; the entry points and register conventions
tested are those of the Apple II Reference Manual.
"""
from __future__ import annotations

import shutil
import zlib
from pathlib import Path
from typing import NamedTuple

import pytest

from emu import bus, rom as romfile
from emu.cpu import state
from emu.cpu.opcodes import NMOS, opcode
from emu.cpu.state import StopReason
from emu.machine import Apple2
from emu.tools import build_roms, gen_optable

ROOT = Path(__file__).resolve().parents[1]
ROM_PATH = ROOT / "roms" / "apple2.rom"
CODE = 0x1000               # where the calling programs go
BANNER = "APPLE2 PY FIRMWARE"

# Documented monitor entry points (Apple II Reference Manual).
PLOT, HLINE, VLINE, CLRSCR, CLRTOP = 0xF800, 0xF819, 0xF828, 0xF832, 0xF836
GBASCALC, NXTCOL, SETCOL, SCRN = 0xF847, 0xF85F, 0xF864, 0xF871
PRNTAX, PRBL2, PREAD, INIT, SETTXT, SETGR, TABV = 0xF941, 0xF94A, 0xFB1E, 0xFB2F, 0xFB39, \
    0xFB40, 0xFB5B
BASCALC, BELL1, VTAB, VTABZ, CLREOP, HOME = 0xFBC1, 0xFBDD, 0xFC22, 0xFC24, 0xFC42, 0xFC58
SCROLL, CLREOL, WAIT, RDKEY, KEYIN, GETLN = 0xFC70, 0xFC9C, 0xFCA8, 0xFD0C, 0xFD1B, 0xFD6A
RDCHAR = 0xFD35
CROUT, PRBYTE, PRHEX, COUT, COUT1 = 0xFD8E, 0xFDDA, 0xFDE3, 0xFDED, 0xFDF0
SETINV, SETNORM, BELL, IOREST, IOSAVE, IORTS = 0xFE80, 0xFE84, 0xFF3A, 0xFF3F, 0xFF4A, 0xFF58
# Zero page.
WNDLFT, WNDWDTH, WNDTOP, WNDBTM, CH, CV = 0x20, 0x21, 0x22, 0x23, 0x24, 0x25
GBASL, BASL, H2, V2, COLOR, INVFLG, PROMPT = 0x26, 0x28, 0x2C, 0x2D, 0x30, 0x32, 0x33
RNDL = 0x4E
SOFTEV, PWREDUP = 0x3F2, 0x3F4


@pytest.fixture(scope="module")
def rom() -> bytes:
    if not ROM_PATH.is_file():
        pytest.fail("roms/apple2.rom is missing: run python -m emu.tools.build_roms")
    return ROM_PATH.read_bytes()


def power_up(rom: bytes, frames: int = 20) -> Apple2:
    m = Apple2(rom=rom)
    m.run(frames=frames, render=False)
    return m


@pytest.fixture
def m(rom) -> Apple2:
    """A machine that has powered up into the monitor (no disk card)."""
    return power_up(rom)


class Regs(NamedTuple):
    a: int
    x: int
    y: int
    p: int
    cycles: int         # from the first instruction to the final self-loop


def call(m: Apple2, routine: int, a: int = 0, x: int = 0, y: int = 0,
         limit: int = 5_000_000) -> Regs:
    """LDA #a ; LDX #x ; LDY #y ; JSR routine ; STA $E0 ; STX $E1 ; STY $E2 ;
    PHP ; PLA ; STA $E3 ; JMP * -- run it and return what the routine left."""
    code = bytes([0xA9, a, 0xA2, x, 0xA0, y, 0x20, routine & 0xFF, routine >> 8,
                  0x85, 0xE0, 0x86, 0xE1, 0x84, 0xE2, 0x08, 0x68, 0x85, 0xE3])
    end = CODE + len(code)
    m.load(CODE, code + bytes([0x4C, end & 0xFF, end >> 8]))
    m.cpu.set_pc(CODE)
    m.cpu.stop_on_self_loop = True
    start = m.cpu.cycles
    reason = m.cpu.run(cycles=limit)
    m.cpu.stop_on_self_loop = False
    assert reason == StopReason.SELF_LOOP, f"${routine:04X} did not return"
    return Regs(*(int(m.mem[0xE0 + i]) for i in range(4)), m.cpu.cycles - start)


def rows(m: Apple2) -> list[str]:
    return m.text_screen().splitlines()


def screen_byte(m: Apple2, row: int, col: int) -> int:
    return int(m.mem[0x400 + 128 * (row % 8) + 40 * (row // 8) + col])


def put_text(m: Apple2, text: str) -> None:
    """Print ``text`` through COUT, one call per character."""
    for ch in text:
        call(m, COUT, a=0x8D if ch == "\n" else ord(ch) | 0x80)


def window(m: Apple2, left: int, width: int, top: int, bottom: int) -> None:
    m.mem[WNDLFT:WNDBTM + 1] = [left, width, top, bottom]


def toggles(m: Apple2) -> list[int]:
    return m.slog[:int(m.io[bus.SLOG_COUNT])].tolist()


# === the build ==========================================================================

def test_committed_roms_match_their_sources():
    if shutil.which("ophis") is None:
        pytest.skip("the ophis assembler is not installed (pip install ophis-asm): "
                    "cannot rebuild the ROMs to compare")
    assert build_roms.check() == []


def test_the_disassembler_table_is_generated_from_the_opcode_facts():
    assert (ROOT / "roms" / "src" / "optable.s").read_text() == gen_optable.optable_source()


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
    call(m, HOME)
    m.cpu.set_pc(entry)
    m.run(frames=3, render=False)
    assert rows(m)[0].strip() == "*"


# Every documented entry point the firmware provides, at its fixed address.
ENTRY_POINTS = {
    "PLOT": 0xF800, "PLOT1": 0xF80E, "HLINE": 0xF819, "VLINE": 0xF828, "CLRSCR": 0xF832,
    "CLRTOP": 0xF836, "GBASCALC": 0xF847, "NXTCOL": 0xF85F, "SETCOL": 0xF864, "SCRN": 0xF871,
    "INSTDSP": 0xF8D0, "PRNTAX": 0xF941, "PRNTX": 0xF944, "PRBLNK": 0xF948, "PRBL2": 0xF94A,
    "RESET": 0xFA62, "PREAD": 0xFB1E, "INIT": 0xFB2F, "SETTXT": 0xFB39, "SETGR": 0xFB40,
    "SETWND": 0xFB4B, "TABV": 0xFB5B, "BASCALC": 0xFBC1, "BELL1": 0xFBDD, "ADVANCE": 0xFBF4,
    "BS": 0xFC10, "UP": 0xFC1A, "VTAB": 0xFC22, "VTABZ": 0xFC24, "CLREOP": 0xFC42,
    "HOME": 0xFC58, "CR": 0xFC62, "LF": 0xFC66, "SCROLL": 0xFC70, "CLREOL": 0xFC9C,
    "CLEOLZ": 0xFC9E, "WAIT": 0xFCA8, "NXTA4": 0xFCB4, "NXTA1": 0xFCBA, "RDKEY": 0xFD0C,
    "KEYIN": 0xFD1B, "RDCHAR": 0xFD35, "GETLNZ": 0xFD67, "GETLN": 0xFD6A, "GETLN1": 0xFD6F,
    "CROUT1": 0xFD8B, "CROUT": 0xFD8E, "PRBYTE": 0xFDDA, "PRHEX": 0xFDE3, "COUT": 0xFDED,
    "COUT1": 0xFDF0, "SETINV": 0xFE80, "SETNORM": 0xFE84, "SETKBD": 0xFE89, "INPORT": 0xFE8B,
    "SETVID": 0xFE93, "OUTPORT": 0xFE95, "PRERR": 0xFF2D, "BELL": 0xFF3A, "IOREST": 0xFF3F,
    "IOSAVE": 0xFF4A, "IORTS": 0xFF58, "OLDRST": 0xFF59, "MON": 0xFF65, "MONZ": 0xFF69,
}


@pytest.mark.parametrize("name", ENTRY_POINTS)
def test_entry_point_holds_code_not_filler(rom, name):
    """Each starts with an opcode the 6502 documents, not the $FF of unused space."""
    first = rom[ENTRY_POINTS[name] - 0xD000]
    assert opcode(NMOS, first).documented, f"{name}: ${first:02X}"


def test_fixed_bytes_software_checks(rom):
    def at(address: int) -> int:
        return rom[address - 0xD000]
    # Apple II Miscellaneous Technical Note #7: a II+ has $FBB3 = $EA, $FB1E = $AD
    # (a /// in emulation has $8A there), and $EA at $FBC0 and $FBBF.
    assert [at(a) for a in (0xFBB3, 0xFB1E, 0xFBC0, 0xFBBF)] == [0xEA, 0xAD, 0xEA, 0xEA]
    assert at(IORTS) == 0x60                # the RTS cards JSR to find their slot
    assert rom[0x2FFA:0x2FFC] == bytes([0xFB, 0x03])    # NMI -> $03FB
    assert bytes(rom[0x2DED - 0x0000:0x2DF0]) == bytes([0x6C, 0x36, 0x00])   # COUT: JMP ($36)
    # Language-card tests (a2audit) tell ROM from RAM by $D17B = $53 and $FE1F = $60.
    assert (at(0xD17B), at(0xFE1F)) == (0x53, 0x60)


def test_fe1f_returns_with_carry_as_it_was_on_a_ii_plus(m):
    """SEC / JSR $FE1F / BCS not-a-IIgs (Misc. Tech Note #7): carry stays set."""
    code = bytes([0x38, 0x20, 0x1F, 0xFE, 0x08, 0x68, 0x85, 0xE3, 0x4C, 0x08, 0x03])
    m.load(0x300, code)
    m.cpu.set_pc(0x300)
    m.cpu.stop_on_self_loop = True
    assert m.cpu.run(cycles=1000) == StopReason.SELF_LOOP and m.cpu.pc == 0x308
    assert m.mem[0xE3] & state.FLAG_C


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
    m.run(frames=2, render=False)
    assert m.peek(0xE7) == 0x5A
    assert m.cpu.pc == 0x1004


def test_reset_with_a_bad_powerup_byte_is_a_cold_start(m):
    m.load(SOFTEV, bytes([0x00, 0x10, 0x00]))
    call(m, HOME)
    m.reset()
    m.run(frames=20, render=False)
    assert rows(m)[0].strip() == BANNER


def fake_disk_card(m: Apple2, slot: int, marker: int) -> None:
    """A card ROM with the Disk II signature whose code stores ``marker`` at $E8.

    Cn00: A9 20 A9 00 A9 03 A9 3C   LDA #$20 ; LDA #$00 ; LDA #$03 ; LDA #$3C
    Cn08: A9 mm 85 E8 4C 0C Cn      LDA #marker ; STA $E8 ; JMP *
    """
    code = bytes([0xA9, 0x20, 0xA9, 0x00, 0xA9, 0x03, 0xA9, 0x3C,
                  0xA9, marker, 0x85, 0xE8, 0x4C, 0x0C, 0xC0 + slot])
    base = bus.SLOT_ROM + slot * 256
    m.mem[base:base + len(code)] = list(code)
    m.io[bus.SLOTS_PRESENT] |= 1 << slot


def test_power_up_boots_the_highest_slot_with_a_disk_card(rom):
    m = Apple2(rom=rom)
    fake_disk_card(m, 5, 0x55)
    fake_disk_card(m, 6, 0x66)
    m.run(frames=5, render=False)
    assert m.peek(0xE8) == 0x66
    assert m.cpu.pc == 0xC60C


def test_a_card_without_the_signature_is_not_booted(rom):
    m = Apple2(rom=rom)
    fake_disk_card(m, 6, 0x66)
    m.mem[bus.SLOT_ROM + 6 * 256 + 7] = 0x3D          # one signature byte wrong
    m.run(frames=20, render=False)
    assert m.peek(0xE8) == 0
    assert rows(m)[3].startswith("NO DISK CARD")


# === text output ============================================================================

def test_cout_wraps_and_scrolls_in_the_window(m):
    call(m, HOME)                       # full screen blank
    window(m, 5, 10, 2, 5)              # columns 5-14, rows 2-4
    call(m, HOME)
    put_text(m, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    screen = rows(m)
    # 36 characters in a 10-wide, 3-high window: 4 lines, so the first scrolled off
    assert [screen[r][5:15] for r in (2, 3, 4)] == ["KLMNOPQRST", "UVWXYZ0123", "456789    "]
    assert screen[1].strip() == "" and screen[5].strip() == ""
    assert screen[3][:5] == "     " and screen[3][15:] == " " * 25     # outside: untouched
    assert (m.peek(CH), m.peek(CV)) == (6, 4)


def test_cout_keeps_a_x_y(m):
    for char in (0xC1, 0x8D, 0x88, 0x01):
        regs = call(m, COUT, a=char, x=0x12, y=0x34)
        assert (regs.a, regs.x, regs.y) == (char, 0x12, 0x34)


def test_return_and_backspace(m):
    call(m, HOME)
    put_text(m, "AB\nCD")
    assert rows(m)[0].startswith("AB ") and rows(m)[1].startswith("CD ")
    call(m, COUT, a=0x88)                       # left arrow: back over D
    call(m, COUT, a=0xD8)                       # X
    assert rows(m)[1].startswith("CX ")
    call(m, COUT1, a=0x88)
    call(m, COUT1, a=0x88)
    call(m, COUT1, a=0x88)                      # from column 0: end of the line above
    assert (m.peek(CH), m.peek(CV)) == (39, 0)


def test_invflg_selects_normal_inverse_and_flashing(m):
    call(m, HOME)
    call(m, COUT, a=0xC1)
    call(m, SETINV)
    assert m.peek(INVFLG) == 0x3F
    call(m, COUT, a=0xC1)
    m.mem[INVFLG] = 0x7F
    call(m, COUT, a=0xC1)
    call(m, SETNORM)
    assert m.peek(INVFLG) == 0xFF
    call(m, COUT, a=0xC1)
    assert [screen_byte(m, 0, c) for c in range(4)] == [0xC1, 0x01, 0x41, 0xC1]


def test_prbyte_prhex_prntax_prbl2(m):
    call(m, HOME)
    call(m, PRBYTE, a=0x3F)
    call(m, PRHEX, a=0xA7)
    call(m, PRBL2, x=3)
    call(m, PRNTAX, a=0xBE, x=0xEF)
    assert rows(m)[0].startswith("3F7   BEEF ")


def test_home_clears_the_window_and_homes_the_cursor(m):
    m.mem[0x400:0x800] = 0xD8                       # "X" everywhere
    window(m, 0, 40, 3, 24)
    m.mem[CH], m.mem[CV] = 17, 9
    call(m, HOME)
    screen = rows(m)
    assert all(line == "X" * 40 for line in screen[:3])
    assert all(line == " " * 40 for line in screen[3:])
    assert (m.peek(CH), m.peek(CV)) == (0, 3)
    assert m.peek(BASL) + 256 * m.peek(BASL + 1) == 0x580       # row 3


def test_clreol_and_clreop(m):
    m.mem[0x400:0x800] = 0xD8
    window(m, 0, 40, 0, 24)
    m.mem[CH], m.mem[CV] = 10, 20
    call(m, VTAB)
    call(m, CLREOL)
    assert rows(m)[20] == "X" * 10 + " " * 30
    assert rows(m)[21] == "X" * 40
    call(m, CLREOP)
    assert rows(m)[19] == "X" * 40
    assert [line for line in rows(m)[21:]] == [" " * 40] * 3


def row_base(row: int) -> int:
    return 0x400 + 128 * (row % 8) + 40 * (row // 8)


@pytest.mark.parametrize("row", range(24))
def test_bascalc_and_vtab(m, row):
    call(m, BASCALC, a=row)
    assert m.peek(BASL) + 256 * m.peek(BASL + 1) == row_base(row)
    m.mem[WNDLFT] = 7
    m.mem[CV] = row
    call(m, VTAB)
    assert m.peek(BASL) + 256 * m.peek(BASL + 1) == row_base(row) + 7


def test_scroll_moves_the_window_up(m):
    window(m, 0, 40, 0, 24)
    for r in range(24):
        start = row_base(r)
        m.mem[start:start + 40] = 0xC1 + r
    m.mem[CV] = 23
    call(m, SCROLL)
    screen = rows(m)
    assert [line[0] for line in screen[:23]] == [chr(0x42 + r) for r in range(23)]
    assert screen[23] == " " * 40


def test_settxt_setgr_and_tabv(m):
    call(m, SETGR)
    assert not m.video_mode & bus.TEXT and m.video_mode & bus.MIXED
    assert (m.peek(WNDTOP), m.peek(WNDBTM), m.peek(CV)) == (20, 24, 23)
    call(m, TABV, a=21)
    assert m.peek(CV) == 21 and m.peek(BASL) + 256 * m.peek(BASL + 1) == row_base(21)
    call(m, SETTXT)
    assert m.video_mode & bus.TEXT and m.peek(WNDTOP) == 0 and m.peek(WNDWDTH) == 40
    call(m, INIT)
    assert m.video_mode & bus.TEXT and not m.video_mode & bus.PAGE2


# === keyboard input ===========================================================================

def test_keyin_returns_the_key_with_bit7_and_clears_the_strobe(m):
    m.mem[RNDL:RNDL + 2] = [0, 0]
    m.type_text("Q")
    regs = call(m, RDKEY)
    assert regs.a == 0xD1
    assert m.io[bus.KBD] < 0x80                         # strobe cleared
    assert m.peek(RNDL) + 256 * m.peek(RNDL + 1) > 0    # counted while it waited


def test_rdkey_shows_a_flashing_cursor_while_waiting_and_restores_the_cell(m):
    call(m, HOME)
    m.load(0x1100, bytes([0x20, 0x0C, 0xFD, 0x85, 0xE0, 0x4C, 0x05, 0x11]))  # JSR RDKEY ...
    m.cpu.set_pc(0x1100)
    m.cpu.run(cycles=20_000)                    # no key: still waiting
    assert screen_byte(m, 0, 0) == 0x60         # a flashing space
    m.type_text("Z")
    m.cpu.run(cycles=20_000)
    assert m.peek(0xE0) == 0xDA
    assert screen_byte(m, 0, 0) == 0xA0


def test_getln_edits_a_line(m):
    call(m, HOME)
    m.mem[PROMPT] = 0xBE                          # ">"
    m.type_text("HELLX")
    m.key(0x08)                                   # left arrow takes back the X
    m.type_text("O WORLD\n")
    regs = call(m, GETLN)
    assert regs.x == 11
    assert bytes(m.mem[0x200:0x200 + 12]) == bytes(ord(c) | 0x80 for c in "HELLO WORLD\r")
    assert rows(m)[0].startswith(">HELLO WORLD ")
    assert (m.peek(CH), m.peek(CV)) == (0, 1)     # left on the next line


def test_getln_ctrl_x_cancels_the_line(m):
    call(m, HOME)
    m.mem[PROMPT] = 0xBE
    m.type_text("ABC\x18XYZ\n")
    regs = call(m, GETLN)
    assert regs.x == 3
    assert bytes(m.mem[0x200:0x204]) == bytes(ord(c) | 0x80 for c in "XYZ\r")
    assert rows(m)[0].startswith(">ABC\\") and rows(m)[1].startswith(">XYZ")


def test_getln_right_arrow_copies_the_character_under_the_cursor(m):
    call(m, HOME)
    m.mem[PROMPT] = 0xBE
    m.mem[0x401:0x403] = [0xC8, 0x09]            # "H", then an inverse "I", after the prompt
    m.key(0x15)
    m.key(0x15)
    m.type_text("!\n")
    regs = call(m, GETLN)
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
    call(m, VTAB)
    m.type_text(keys)
    regs = call(m, RDCHAR, x=0x42)
    expected = "A" if keys == "\x1bAAZ" else "Z"
    assert (regs.a, regs.x) == (ord(expected) | 0x80, 0x42)
    assert (m.peek(CH), m.peek(CV)) == where


def test_escape_at_clears_the_screen(m):
    m.mem[0x400:0x800] = 0xD8
    window(m, 0, 40, 0, 24)
    m.type_text("\x1b@Q")
    assert call(m, RDCHAR).a == 0xD1
    assert rows(m) == [" " * 40] * 24 and (m.peek(CH), m.peek(CV)) == (0, 0)


def test_pread_reads_the_paddle(m):
    for value in (0, 100, 255):
        m.set_paddle(0, value)
        regs = call(m, PREAD, x=0)
        assert abs(regs.y - value) <= 1


# === lo-res graphics =============================================================================

def test_plot_scrn_and_setcol(m):
    call(m, CLRSCR)
    call(m, SETCOL, a=9)
    assert m.peek(COLOR) == 0x99
    call(m, PLOT, a=5, y=3)                     # block row 5: text row 2, lower nibble
    call(m, SETCOL, a=6)
    call(m, PLOT, a=4, y=3)                     # row 4: the same byte's upper block
    assert screen_byte(m, 2, 3) == 0x96
    assert call(m, SCRN, a=5, y=3).a == 9
    assert call(m, SCRN, a=4, y=3).a == 6
    assert call(m, SCRN, a=6, y=3).a == 0
    call(m, NXTCOL)
    assert m.peek(COLOR) & 0x0F == 9


def test_hline_and_vline(m):
    call(m, CLRSCR)
    call(m, SETCOL, a=0xC)
    m.mem[H2] = 7
    call(m, HLINE, a=10, y=2)                   # row 10, columns 2-7
    m.mem[V2] = 20
    call(m, VLINE, a=12, y=30)                  # column 30, rows 12-20
    row10 = [call(m, SCRN, a=10, y=x).a for x in range(10)]
    assert row10 == [0, 0] + [0xC] * 6 + [0, 0]
    column = [call(m, SCRN, a=r, y=30).a for r in range(10, 23)]
    assert column == [0, 0] + [0xC] * 9 + [0, 0]


def test_gbascalc_and_clrtop(m):
    for row in (0, 7, 8, 23):
        call(m, GBASCALC, a=row)
        assert m.peek(GBASL) + 256 * m.peek(GBASL + 1) == row_base(row)
    m.mem[0x400:0x800] = 0xFF
    call(m, CLRTOP)                             # rows 0-39: text rows 0-19
    assert screen_byte(m, 19, 39) == 0 and screen_byte(m, 0, 0) == 0
    assert screen_byte(m, 20, 0) == 0xFF


# === timing, sound, registers ======================================================================

@pytest.mark.parametrize("a", [1, 2, 3, 10, 100, 255])
def test_wait_takes_the_documented_time(m, a):
    """WAIT: 1/2 (26 + 27 A + 5 A^2) cycles including the JSR, for A = 1-255.

    (A = 0 waits about as long as 256 would, not exactly: the first
    subtraction from 0 borrows.)
    """
    base = call(m, IORTS).cycles - 12                 # the caller's own cycles
    assert call(m, WAIT, a=a).cycles - base == (26 + 27 * a + 5 * a * a) // 2


def test_bell1_beeps_at_about_1khz(m):
    m.io[bus.SLOG_COUNT] = 0
    call(m, BELL1)
    times = toggles(m)
    assert len(times) == 200
    gaps = {b - a for a, b in zip(times, times[1:])}
    assert len(gaps) == 1                             # a steady tone
    hz = bus.CPU_HZ / (2 * gaps.pop())
    assert 900 < hz < 1200


def test_bell_goes_through_cout(m):
    m.io[bus.SLOG_COUNT] = 0
    regs = call(m, BELL, x=0x77)
    assert len(toggles(m)) == 200 and regs.x == 0x77


def test_iosave_and_iorest_round_trip(m):
    # 1000: A9 C3 A2 5A A0 A5 38 F8 20 4A FF   LDA #$C3 ; LDX #$5A ; LDY #$A5 ; SEC ; SED ;
    #                                          JSR IOSAVE
    #       A9 00 AA A8 18 20 3F FF            LDA #0 ; TAX ; TAY ; CLC ; JSR IOREST
    #       85 E0 86 E1 84 E2 08 68 85 E3 D8   STA $E0 ; ... PHP ; PLA ; STA $E3 ; CLD
    #       4C 1D 10                           JMP *
    code = bytes([0xA9, 0xC3, 0xA2, 0x5A, 0xA0, 0xA5, 0x38, 0xF8, 0x20, 0x4A, 0xFF,
                  0xA9, 0x00, 0xAA, 0xA8, 0x18, 0x20, 0x3F, 0xFF,
                  0x85, 0xE0, 0x86, 0xE1, 0x84, 0xE2, 0x08, 0x68, 0x85, 0xE3, 0xD8])
    m.load(0x1000, code + bytes([0x4C, 0x1E, 0x10]))
    m.cpu.set_pc(0x1000)
    m.cpu.stop_on_self_loop = True
    assert m.cpu.run(cycles=10_000) == StopReason.SELF_LOOP
    assert [m.peek(0x45 + i) for i in range(3)] == [0xC3, 0x5A, 0xA5]
    assert m.peek(0x48) & 0x09 == 0x09                # C and D as saved
    assert [m.peek(0xE0 + i) for i in range(3)] == [0xC3, 0x5A, 0xA5]
    assert m.peek(0xE3) & 0x09 == 0x09                # restored: C and D set again


def test_brk_shows_the_registers_and_enters_the_monitor(m):
    # 1000: A9 12 A2 34 A0 56 00   LDA #$12 ; LDX #$34 ; LDY #$56 ; BRK
    m.load(0x1000, bytes([0xA9, 0x12, 0xA2, 0x34, 0xA0, 0x56, 0x00, 0x00]))
    m.cpu.set_pc(0x1000)
    m.run(frames=10, render=False)
    screen = rows(m)
    line = next(i for i, text in enumerate(screen) if text.startswith("1006- "))
    assert screen[line].startswith("1006- A=12 X=34 Y=56 P=")
    assert screen[line + 1].strip() == "*"                  # the monitor's prompt


def test_irq_saves_a_in_45_and_goes_through_irqloc(m):
    # handler 1100: 85 E9 4C 02 11   STA $E9 ; JMP *   (A as the handler found it)
    # main    1000: A9 77 58 4C 03 10  LDA #$77 ; CLI ; JMP *
    m.load(0x1100, bytes([0x85, 0xE9, 0x4C, 0x02, 0x11]))
    m.load(0x3FE, bytes([0x00, 0x11]))
    m.load(0x1000, bytes([0xA9, 0x77, 0x58, 0x4C, 0x03, 0x10, 0xEA]))
    m.mem[0xE9] = 0
    m.cpu.set_pc(0x1000)
    m.cpu.run(instructions=3)                   # LDA, CLI, one pass of the loop
    m.cpu.state[state.IRQ] = 1                  # a card pulls IRQ low
    m.cpu.state[state.IRQ_AT] = m.cpu.cycles
    m.cpu.run(cycles=200)
    assert m.peek(0x45) == 0x77                 # A saved where the manual says
    assert m.cpu.pc == 0x1102
    m.cpu.state[state.IRQ] = 0


def test_nmi_goes_to_03fb(m):
    # 03FB: 4C 00 11 JMP $1100 ; 1100: A9 4E 85 EA 4C 04 11  LDA #$4E ; STA $EA ; JMP *
    m.load(0x3FB, bytes([0x4C, 0x00, 0x11]))
    m.load(0x1100, bytes([0xA9, 0x4E, 0x85, 0xEA, 0x4C, 0x04, 0x11]))
    m.cpu.state[state.NMI] = 1
    m.cpu.state[state.NMI_AT] = m.cpu.cycles
    m.cpu.run(cycles=200)
    assert m.peek(0xEA) == 0x4E
