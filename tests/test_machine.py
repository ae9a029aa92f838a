"""Tests of the whole Apple II+ (emu.machine.Apple2 on emu.bus) through 6502 programs.

Every soft switch here is driven the way software drives it, by real 6502
instructions running on the machine (``LDA $C081`` and so on), and checked
by what the program then sees, what the machine logs (video mode changes,
speaker toggles) and what lands in memory.  The machine runs without a system
ROM: each test loads its program into RAM and points the CPU at it.

* Tiny, timing-critical sequences are hand-assembled below (each with its
  assembly in a comment), so that the cycle on which every access happens is
  known: an instruction that starts on cycle ``t`` makes its ``k``-th bus
  access on cycle ``t + k`` (``LDA abs`` reads its operand on ``t + 3``).
* Bigger programs are ophis sources in tests/programs/, assembled at test
  time into a temporary directory (those tests skip if ``ophis`` is missing).
* Golden screens: programs that draw test patterns, run headless for a few
  frames; the framebuffer must equal what the reference model of
  tests/video_reference.py draws from the frame's bus cycles, and
  tests/golden/machine/NAME.png is that picture, for people to look at.

References: Jim Sather, "Understanding the Apple II" (1983): ch. 5 (the video
scanner and what the floating bus reads), ch. 6 (soft switches), ch. 7 (game
port), and the Apple II Reference Manual (1979) for the screen memory map.
"""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from emu import bus
from emu.cpu.state import StopReason
from emu.machine import Apple2
from emu.video import HIRES, MIXED, PAGE2, TEXT, to_rgb
from video_reference import assert_same_picture, check_golden_png, traced_frame

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden" / "machine"

CODE = 0x1000          # where the hand-assembled sequences go
ORG = 0x0C00           # where the ophis programs of tests/programs/ go (.org $0C00)
ALL_VIDEO = TEXT | MIXED | PAGE2 | HIRES


# --- hand assembly ---------------------------------------------------------------
# Each helper returns the bytes of one instruction; the mnemonic is its name.

def _abs(opcode: int, addr: int) -> bytes:
    return bytes([opcode, addr & 0xFF, (addr >> 8) & 0xFF])


def lda(addr: int) -> bytes:       # LDA abs    (4 cycles, reads addr on cycle 3)
    return _abs(0xAD, addr)


def sta(addr: int) -> bytes:       # STA abs    (4 cycles, writes addr on cycle 3)
    return _abs(0x8D, addr)


def sta_x(addr: int) -> bytes:     # STA abs,X  (5 cycles)
    return _abs(0x9D, addr)


def inc(addr: int) -> bytes:       # INC abs    (6 cycles: read-modify-write)
    return _abs(0xEE, addr)


def jmp(addr: int) -> bytes:       # JMP abs    (3 cycles)
    return _abs(0x4C, addr)


def lda_imm(value: int) -> bytes:  # LDA #value (2 cycles)
    return bytes([0xA9, value])


def ldx_imm(value: int) -> bytes:  # LDX #value (2 cycles)
    return bytes([0xA2, value])


def sta_zp(zp: int) -> bytes:      # STA zp     (3 cycles)
    return bytes([0x85, zp])


def delay(cycles: int) -> bytes:
    """Straight-line code that takes exactly ``cycles`` cycles (not 1).

    NOP (EA, 2 cycles) and, for an odd count, one BIT $FF (24 FF, 3 cycles).
    """
    if cycles == 1 or cycles < 0:
        raise ValueError(f"cannot wait exactly {cycles} cycle(s)")
    if cycles % 2:
        return b"\x24\xFF" + b"\xEA" * ((cycles - 3) // 2)
    return b"\xEA" * (cycles // 2)


def run_code(m: Apple2, code: bytes, at: int = CODE, limit: int = 1_000_000) -> int:
    """Run ``code`` followed by ``JMP *`` until it reaches that self-loop.

    Returns the cycle on which the first instruction started.
    """
    m.load(at, code + jmp(at + len(code)))
    m.cpu.set_pc(at)
    m.cpu.stop_on_self_loop = True
    start = m.cpu.cycles
    reason = m.cpu.run(cycles=limit)
    assert reason == StopReason.SELF_LOOP, f"stopped with {StopReason.NAMES.get(reason, reason)}"
    m.cpu.stop_on_self_loop = False
    return start


def video_log(m: Apple2) -> list[list[int]]:
    """The (cycle, mode) video changes logged since the last frame ended."""
    return m.vlog[:int(m.io[bus.VLOG_COUNT])].tolist()


def toggles(m: Apple2) -> list[int]:
    """The speaker toggles logged since the last frame ended."""
    return m.slog[:int(m.io[bus.SLOG_COUNT])].tolist()


# --- ophis programs --------------------------------------------------------------

def start_program(m: Apple2, image: bytes) -> None:
    m.load(ORG, image)
    m.cpu.set_pc(ORG)


# === video soft switches $C050-$C057 =============================================

VIDEO_SWITCHES = [(0xC050, TEXT, False), (0xC051, TEXT, True),
                  (0xC052, MIXED, False), (0xC053, MIXED, True),
                  (0xC054, PAGE2, False), (0xC055, PAGE2, True),
                  (0xC056, HIRES, False), (0xC057, HIRES, True)]


@pytest.mark.parametrize("initial", [0, ALL_VIDEO], ids=["from_all_off", "from_all_on"])
@pytest.mark.parametrize("access", ["read", "write"])
@pytest.mark.parametrize("addr,bit,on", VIDEO_SWITCHES,
                         ids=[f"{a:04X}" for a, _, _ in VIDEO_SWITCHES])
def test_video_switch_sets_mode_on_read_and_write_and_logs_only_changes(addr, bit, on, access,
                                                                        initial):
    # LDA $C05x  or  STA $C05x
    m = Apple2()
    m.io[bus.VIDEO] = initial
    start = run_code(m, lda(addr) if access == "read" else sta(addr))
    want = initial | bit if on else initial & ~bit
    assert m.video_mode == want
    if want != initial:
        assert video_log(m) == [[start + 3, want]]
    else:
        assert video_log(m) == []


def test_video_switch_sequence_logs_each_change_once():
    # LDA $C050 ; LDA $C050 ; STA $C057 ; LDA $C057 ; LDA $C055 ; LDA $C051
    m = Apple2()
    assert m.video_mode == TEXT                     # power-on: text, page 1
    start = run_code(m, lda(0xC050) + lda(0xC050) + sta(0xC057) + lda(0xC057)
                     + lda(0xC055) + lda(0xC051))
    assert video_log(m) == [[start + 3, 0], [start + 11, HIRES], [start + 19, HIRES | PAGE2],
                            [start + 23, TEXT | HIRES | PAGE2]]


# === annunciators, buttons, paddles ==============================================

@pytest.mark.parametrize("access", ["read", "write"])
@pytest.mark.parametrize("n", range(4))
def test_annunciator_on_and_off(n, access):
    # LDA/STA $C059+2n (AN n on), then LDA/STA $C058+2n (off)
    op = lda if access == "read" else sta
    m = Apple2()
    run_code(m, op(0xC059 + 2 * n))
    assert int(m.io[bus.ANNUNCIATORS]) == 1 << n
    run_code(m, op(0xC059 + 2 * n) + op(0xC058 + 2 * n))
    assert int(m.io[bus.ANNUNCIATORS]) == 0
    m.io[bus.ANNUNCIATORS] = 0xF
    run_code(m, op(0xC058 + 2 * n))
    assert int(m.io[bus.ANNUNCIATORS]) == 0xF & ~(1 << n)
    assert video_log(m) == []                       # annunciators are not video switches


@pytest.mark.parametrize("pressed", [0, 1, 2])
def test_button_bit7_follows_set_button(pressed):
    # LDA $C061 ; STA $00 ; LDA $C062 ; STA $01 ; LDA $C063 ; STA $02
    code = b"".join(lda(0xC061 + n) + sta_zp(n) for n in range(3))
    m = Apple2()
    m.set_button(pressed, True)
    run_code(m, code)
    assert [m.mem[n] >> 7 for n in range(3)] == [int(n == pressed) for n in range(3)]
    m.set_button(pressed, False)
    run_code(m, code)
    assert [m.mem[n] >> 7 for n in range(3)] == [0, 0, 0]


@pytest.mark.parametrize("side", ["last_cycle_high", "first_cycle_low"])
@pytest.mark.parametrize("paddle,value", [(0, 100), (3, 200)])
def test_paddle_timer_edge(paddle, value, side):
    # LDA $C070 (starts the timers) ; <delay> ; LDA $C064+n ; STA $00
    # The $C064+n read comes 1 + delay + 3 cycles after the $C070 access; the
    # timer output (bit 7) is 1 for value * 11 cycles after the trigger.
    edge = value * bus.PADDLE_CYCLES_PER_UNIT
    after = edge - 1 if side == "last_cycle_high" else edge
    m = Apple2()
    m.set_paddle(paddle, value)
    run_code(m, lda(0xC070) + delay(after - 4) + lda(0xC064 + paddle) + sta_zp(0x00))
    assert m.mem[0] >> 7 == (1 if side == "last_cycle_high" else 0)


@pytest.mark.parametrize("value", [0, 1, 77, 128, 255])
def test_paddle_read_loop_counts_the_paddle_value(value):
    # The Monitor's PREAD idea, in a loop of exactly 11 cycles per count:
    #   1000  AD 70 C0  LDA $C070
    #   1003  A0 00     LDY #0
    #   1005  AD 64 C0  LDA $C064     ; 4
    #   1008  10 04     BPL $100E     ; 2 (not taken)
    #   100A  C8        INY           ; 2
    #   100B  D0 F8     BNE $1005     ; 3
    #   100D  88        DEY           ; (Y wrapped: 255)
    #   100E  84 00     STY $00
    code = bytes([0xAD, 0x70, 0xC0, 0xA0, 0x00, 0xAD, 0x64, 0xC0, 0x10, 0x04, 0xC8, 0xD0, 0xF8,
                  0x88, 0x84, 0x00])
    m = Apple2()
    m.set_paddle(0, value)
    run_code(m, code)
    assert m.mem[0] == value


# === the language card ==============================================================
# ROM $D000-$FFFF reads (page - $D0 + $10): $D000 -> $10, $E000 -> $20.  RAM:
# bank 1 $D000 = $B1, bank 2 $D000 = $B2, the shared $E000 = $EE.

ROM_D000, ROM_E000 = 0x10, 0x20
BANK1, BANK2, HIGH = 0xB1, 0xB2, 0xEE
NEW_D000, NEW_E000 = 0x5D, 0x5E


def lc_machine() -> Apple2:
    m = Apple2()
    m.mem[bus.ROM:bus.ROM + 0x3000] = (np.arange(0x3000) >> 8) + 0x10
    m.mem[bus.LC_BANK1:bus.LC_BANK1 + 0x1000] = BANK1
    m.mem[bus.LC_BANK2:bus.LC_BANK2 + 0x1000] = BANK2
    m.mem[bus.LC_HIGH:bus.LC_HIGH + 0x2000] = HIGH
    return m


def probe() -> bytes:
    """Read $D000/$E000 to $00/$01, write $5D/$5E there, read them back to $02/$03."""
    return (lda(0xD000) + sta_zp(0x00) + lda(0xE000) + sta_zp(0x01)      # LDA $D000 ; STA $00 ...
            + lda_imm(NEW_D000) + sta(0xD000) + lda_imm(NEW_E000) + sta(0xE000)
            + lda(0xD000) + sta_zp(0x02) + lda(0xE000) + sta_zp(0x03))


def run_lc(m: Apple2, switches: bytes) -> tuple[list[int], tuple[int, int, int]]:
    """LDA $C082 (a known start: ROM, write-protected), the switches, the probe.

    Returns the probe's four reads and the RAM at bank 1 $D000, bank 2 $D000, $E000.
    """
    run_code(m, lda(0xC082) + switches + probe())
    reads = [int(v) for v in m.mem[0:4]]
    return reads, (int(m.mem[bus.LC_BANK1]), int(m.mem[bus.LC_BANK2]), int(m.mem[bus.LC_HIGH]))


def test_lc_c080_reads_bank2_ram_and_write_protects():
    # LDA $C080
    m = lc_machine()
    reads, ram = run_lc(m, lda(0xC080))
    assert reads == [BANK2, HIGH, BANK2, HIGH]
    assert ram == (BANK1, BANK2, HIGH)


def test_lc_c081_twice_reads_rom_and_enables_writes_to_ram():
    # LDA $C081 ; LDA $C081
    m = lc_machine()
    reads, ram = run_lc(m, lda(0xC081) * 2)
    assert reads == [ROM_D000, ROM_E000, ROM_D000, ROM_E000]      # reads still see ROM
    assert ram == (BANK1, NEW_D000, NEW_E000)                     # writes went to bank 2 RAM
    assert m.mem[bus.ROM] == ROM_D000 and m.mem[bus.ROM + 0x1000] == ROM_E000


def test_lc_c081_once_does_not_enable_writes():
    # LDA $C081
    m = lc_machine()
    reads, ram = run_lc(m, lda(0xC081))
    assert reads == [ROM_D000, ROM_E000, ROM_D000, ROM_E000]
    assert ram == (BANK1, BANK2, HIGH)


def test_lc_write_to_c081_between_reads_resets_prewrite():
    # LDA $C081 ; STA $C081 ; LDA $C081   (the write clears the pre-write latch)
    m = lc_machine()
    reads, ram = run_lc(m, lda(0xC081) + sta(0xC081) + lda(0xC081))
    assert reads == [ROM_D000, ROM_E000, ROM_D000, ROM_E000]
    assert ram == (BANK1, BANK2, HIGH)


def test_lc_c083_twice_reads_and_writes_bank2_ram():
    # LDA $C083 ; LDA $C083
    m = lc_machine()
    reads, ram = run_lc(m, lda(0xC083) * 2)
    assert reads == [BANK2, HIGH, NEW_D000, NEW_E000]
    assert ram == (BANK1, NEW_D000, NEW_E000)


def test_lc_c08b_twice_reads_and_writes_bank1_ram():
    # LDA $C08B ; LDA $C08B
    m = lc_machine()
    reads, ram = run_lc(m, lda(0xC08B) * 2)
    assert reads == [BANK1, HIGH, NEW_D000, NEW_E000]
    assert ram == (NEW_D000, BANK2, NEW_E000)


def test_lc_banks_differ_at_d000_and_share_e000():
    # LDA $C08B ; LDA $C08B ; LDA #$11 ; STA $D000 ; LDA #$33 ; STA $E000   (bank 1)
    # LDA $C083 ; LDA $C083 ; LDA #$22 ; STA $D000                          (bank 2)
    # LDA $D000 ; STA $00 ; LDA $E000 ; STA $01
    # LDA $C08B ; LDA $D000 ; STA $02 ; LDA $E000 ; STA $03                 (bank 1)
    m = lc_machine()
    run_code(m, lda(0xC08B) * 2 + lda_imm(0x11) + sta(0xD000) + lda_imm(0x33) + sta(0xE000)
             + lda(0xC083) * 2 + lda_imm(0x22) + sta(0xD000)
             + lda(0xD000) + sta_zp(0) + lda(0xE000) + sta_zp(1)
             + lda(0xC08B) + lda(0xD000) + sta_zp(2) + lda(0xE000) + sta_zp(3))
    assert [int(v) for v in m.mem[0:4]] == [0x22, 0x33, 0x11, 0x33]


@pytest.mark.parametrize("access", ["read", "write"])
@pytest.mark.parametrize("addr", range(0xC080, 0xC090, 2), ids=lambda a: f"{a:04X}")
def test_lc_any_even_access_write_protects(addr, access):
    # LDA $C08B ; LDA $C08B (bank 1 RAM, write-enabled), then LDA/STA <even address>
    m = lc_machine()
    reads, ram = run_lc(m, lda(0xC08B) * 2 + (lda(addr) if access == "read" else sta(addr)))
    assert ram == (BANK1, BANK2, HIGH)
    bank = BANK1 if addr & 8 else BANK2
    reads_ram = addr & 3 == 0                   # $C080/4/8/C read RAM, $C082/6/A/E ROM
    assert reads == ([bank, HIGH] * 2 if reads_ram else [ROM_D000, ROM_E000] * 2)


@pytest.mark.parametrize("addr", range(0xC081, 0xC090, 2), ids=lambda a: f"{a:04X}")
def test_lc_any_odd_address_read_twice_enables_writes(addr):
    # LDA <odd address> ; LDA <odd address>
    m = lc_machine()
    reads, ram = run_lc(m, lda(addr) * 2)
    new_bank1 = NEW_D000 if addr & 8 else BANK1
    new_bank2 = BANK2 if addr & 8 else NEW_D000
    assert ram == (new_bank1, new_bank2, NEW_E000)
    if addr & 3 == 3:                           # $C083/7/B/F read RAM
        assert reads == [BANK1 if addr & 8 else BANK2, HIGH, NEW_D000, NEW_E000]
    else:                                       # $C081/5/9/D read ROM
        assert reads == [ROM_D000, ROM_E000] * 2


# === keyboard ==========================================================================

def test_key_latches_with_bit7_until_strobe_cleared():
    # LDA $C000 ; STA $00 ; LDA $C000 ; STA $01
    m = Apple2()
    m.type_text("AB")
    run_code(m, lda(0xC000) + sta_zp(0) + lda(0xC000) + sta_zp(1))
    assert (m.mem[0], m.mem[1]) == (0xC1, 0xC1)
    m.run(frames=3, render=False)                   # time passes: the key is still there
    run_code(m, lda(0xC000) + sta_zp(2))
    assert m.mem[2] == 0xC1
    assert m.keys_pending == 1


@pytest.mark.parametrize("strobe", ["read", "write"])
@pytest.mark.parametrize("after", [bus.KEY_GAP - 1, bus.KEY_GAP])
def test_next_key_appears_key_gap_cycles_after_strobe_clear(after, strobe):
    # LDA $C000 ; STA $00 ; LDA/STA $C010 ; <delay> ; LDA $C000 ; STA $01
    # The second $C000 read comes 1 + delay + 3 cycles after the $C010 access.
    m = Apple2()
    m.type_text("AB")
    clear = lda(0xC010) if strobe == "read" else sta(0xC010)
    run_code(m, lda(0xC000) + sta_zp(0) + clear + delay(after - 4) + lda(0xC000) + sta_zp(1))
    assert m.mem[0] == 0xC1
    if after < bus.KEY_GAP:
        assert m.mem[1] == 0x41         # strobe cleared, the old key's code remains
    else:
        assert m.mem[1] == 0xC2


def test_peek_keyboard_shows_the_latch_without_side_effects():
    # LDA $C000 ; STA $00   (latches "A"), then peek from Python
    m = Apple2()
    m.type_text("AB")
    run_code(m, lda(0xC000) + sta_zp(0))
    assert m.mem[0] == 0xC1
    assert m.peek(0xC000) == 0xC1       # what a read of $C000 would return now
    assert m.peek(0xC030) == 0 and toggles(m) == []     # peeking the speaker: no click


def test_two_thousand_typed_keys_are_echoed_to_memory_in_order(assemble):
    rng = np.random.default_rng(2024)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 !\"#$%&'()*+,-./:;<=>?@[\\]^_\n"
    text = "".join(rng.choice(list(alphabet), size=2000))
    m = Apple2()
    start_program(m, assemble("echo"))
    m.type_text(text)
    frames = 0
    while m.keys_pending and frames < 600:
        m.run_frame(render=False)
        frames += 1
    m.run(frames=2, render=False)
    assert m.keys_pending == 0
    count = int(m.mem[8]) | int(m.mem[9]) << 8
    assert count == len(text)
    want = bytes((0x0D if ch == "\n" else ord(ch)) | 0x80 for ch in text)
    assert bytes(m.mem[0x4000:0x4000 + len(text)]) == want


# === speaker ============================================================================

@pytest.mark.parametrize("loop,period", [
    # 1000 AD 30 C0  LDA $C030 ; 1003 4C 00 10  JMP $1000
    (lda(0xC030) + jmp(CODE), 7),
    # 1000 8D 30 C0  STA $C030 ; NOP ; NOP ; JMP $1000
    (sta(0xC030) + b"\xEA\xEA" + jmp(CODE), 11),
    # 1000 AD 30 C0  LDA $C030 ; 1003 A2 C8  LDX #200 ; 1005 CA  DEX ;
    # 1006 D0 FD  BNE $1005 ; 1008 4C 00 10  JMP $1000       (5 * 200 + 8 cycles)
    (lda(0xC030) + ldx_imm(200) + bytes([0xCA, 0xD0, 0xFD]) + jmp(CODE), 1008),
], ids=["lda_loop_7", "sta_loop_11", "delay_loop_1008"])
def test_speaker_log_has_the_loop_period(loop, period):
    m = Apple2()
    m.load(CODE, loop)
    m.cpu.set_pc(CODE)
    m.run_frame(render=False)
    log = m.speaker_log
    assert log[0] == 3                              # the first access: cycle 3 of the loop
    assert len(log) >= bus.CYCLES_PER_FRAME // period - 1
    assert set(np.diff(log).tolist()) == {period}
    assert log[-1] < bus.CYCLES_PER_FRAME + 7
    m.run_frame(render=False)                       # the next frame's log carries on
    assert m.speaker_log[0] - log[-1] == period


@pytest.mark.parametrize("cpu,code,accesses", [
    # INC $C030: NMOS reads, writes the old value back, writes the new one
    ("6502", inc(0xC030), 3),
    # INC $C030: the 65C02 reads twice and writes once
    ("65c02", inc(0xC030), 3),
    # LDX #0 ; STA $C030,X: the NMOS 6502 reads $C030 before it writes
    ("6502", ldx_imm(0) + sta_x(0xC030), 2),
    # LDX #0 ; STA $C030,X: the 65C02's extra read is of the operand, not $C030
    ("65c02", ldx_imm(0) + sta_x(0xC030), 1),
    # STA $C030: one write
    ("6502", sta(0xC030), 1),
    ("65c02", sta(0xC030), 1),
], ids=["inc_nmos", "inc_65c02", "sta_x_nmos", "sta_x_65c02", "sta_nmos", "sta_65c02"])
def test_speaker_toggles_once_per_bus_access(cpu, code, accesses):
    m = Apple2(cpu=cpu)
    m.load(CODE, code + jmp(CODE + len(code)))
    m.cpu.set_pc(CODE)
    if code[0] == 0xA2:                             # LDX #0 first
        m.cpu.step()
    start = m.cpu.cycles
    trace = m.cpu.step()                            # the access under test, traced
    cycles = [start + k for k, (addr, _, _) in enumerate(trace) if addr == 0xC030]
    assert len(cycles) == accesses
    if code[0] == 0xEE:                             # INC abs: the last three of its six cycles
        assert cycles == [start + 3, start + 4, start + 5]
    assert toggles(m) == cycles
    assert int(m.io[bus.SPEAKER]) == accesses & 1


# === the floating bus ====================================================================

def ref_visible_address(line: int, column: int, mode: int) -> int:
    """Address of the byte the beam shows at (line, column): the screen map."""
    page2 = bool(mode & PAGE2)
    text = mode & TEXT or (mode & MIXED and line >= 160)
    if mode & HIRES and not text:
        return (0x4000 if page2 else 0x2000) + 1024 * (line % 8) + 128 * ((line // 8) % 8) \
            + 40 * (line // 64) + column
    row = line // 8
    return (0x800 if page2 else 0x400) + 128 * (row % 8) + 40 * (row // 8) + column


def at(line: int, h: int) -> int:
    """The cycle of frame 0 at which the scanner is on cycle ``h`` (0-64) of ``line``.

    A frame starts with vertical blanking, on scanline 192 (Sather's vertical
    count $1C0); scanline 0 is the first visible one ($100).
    """
    return bus.CYCLES_PER_LINE * ((line - 192) % 262) + h


@pytest.mark.parametrize("line,first", [(0, 0x400), (1, 0x400), (7, 0x400), (8, 0x480),
                                        (63, 0x780), (64, 0x428), (128, 0x450), (191, 0x7D0)])
def test_scanner_address_text_page1_visible(line, first):
    # Text row r starts at $400 + 128 (r % 8) + 40 (r / 8); its 8 lines read the same bytes.
    for col in range(40):
        assert bus.scanner_address(at(line, 25 + col), TEXT) == first + col
        assert bus.scanner_address(at(line, 25 + col), TEXT | PAGE2) == first + 0x400 + col
        assert bus.scanner_address(at(line, 25 + col), 0) == first + col       # lo-res: same


@pytest.mark.parametrize("line,first", [(0, 0x2000), (1, 0x2400), (8, 0x2080), (64, 0x2028),
                                        (128, 0x2050), (191, 0x3FD0)])
def test_scanner_address_hires_page1_visible(line, first):
    for col in range(40):
        assert bus.scanner_address(at(line, 25 + col), HIRES) == first + col
        assert bus.scanner_address(at(line, 25 + col), HIRES | PAGE2) == first + 0x2000 + col


def test_scanner_address_matches_the_screen_map_on_every_visible_byte():
    for mode in (TEXT, 0, HIRES, HIRES | MIXED, HIRES | PAGE2, MIXED | PAGE2):
        for line in range(192):
            for col in range(40):
                got = bus.scanner_address(at(line, 25 + col) + 3 * bus.CYCLES_PER_FRAME, mode)
                assert got == ref_visible_address(line, col, mode), (mode, line, col)


def test_scanner_address_in_horizontal_blanking_is_the_lines_block_1000_higher_on_a_ii_plus():
    # Sather ch. 5: the horizontal counter runs $00, $40-$7F; during blanking
    # ($00, $40-$57) the low address bits still come from the same adder, so
    # the scanner reads 25 bytes of the same 128-byte block as the line's 40
    # visible bytes (on the first third of the screen: offsets $68-$7F).  On
    # the II and II+, not the IIe, text and lo-res addresses have A12 set
    # then: $1000 higher (Sather, "Understanding the Apple IIe", p. I-4).
    for mode in (TEXT, HIRES):
        for line in range(192):
            block = ref_visible_address(line, 0, mode) & ~0x7F
            for h in range(25):
                assert bus.scanner_address(at(line, h), mode, True) & ~0x7F == block, (line, h)
                assert bus.scanner_address(at(line, h), mode) & ~0x7F == \
                    block + (0x1000 if mode == TEXT else 0), (mode, line, h)
    assert [bus.scanner_address(at(0, h), TEXT, True) for h in range(25)] == \
        [0x468] + list(range(0x468, 0x480))
    assert [bus.scanner_address(at(0, h), TEXT) for h in range(25)] == \
        [0x1468] + list(range(0x1468, 0x1480))


def test_scanner_address_in_vertical_blanking_repeats_six_lines():
    # The vertical counter runs $100-$1FF, then $FA-$FF (Sather ch. 5): the
    # last six lines of the frame scan the same addresses as the six before.
    for mode in (TEXT, HIRES):
        for k in range(6):
            for h in range(65):
                assert bus.scanner_address(at(256 + k, h), mode) == \
                    bus.scanner_address(at(250 + k, h), mode), (mode, k, h)
    assert bus.scanner_address(bus.CYCLES_PER_FRAME, TEXT) == bus.scanner_address(0, TEXT)


def floating_bus_program(switch: int) -> bytes:
    """Read ``switch`` 256 times, 67 cycles apart, storing each byte at $9000 + i.

        1000  A2 00     LDX #0
        1002  AD xx C0  LDA switch        ; read on cycle 3 of the iteration
        1005  9D 00 90  STA $9000,X      ; where the scanner never reads
              <53 cycles of BIT $FF / NOP>
              E8        INX
              D0 DC     BNE $1002         ; 4 + 5 + 53 + 2 + 3 = 67 cycles

    67 is prime to 65, so the reads walk over every cycle of the line and,
    256 x 67 cycles being just over a frame, over every part of the frame.
    """
    body = lda(switch) + sta_x(0x9000) + delay(53) + b"\xE8"
    return ldx_imm(0) + body + bytes([0xD0, (-(len(body) + 2)) & 0xFF])


@pytest.mark.parametrize("switch,mode", [(0xC020, TEXT), (0xC020, TEXT | PAGE2), (0xC020, HIRES),
                                         (0xC020, HIRES | PAGE2), (0xC020, HIRES | MIXED),
                                         (0xC050, HIRES), (0xC050, 0)],
                         ids=["C020_text", "C020_text_page2", "C020_hires", "C020_hires_page2",
                              "C020_hires_mixed", "C050_hires", "C050_lores"])
def test_floating_bus_reads_the_video_scanners_byte(switch, mode):
    rng = np.random.default_rng(7)
    m = Apple2()
    m.mem[0x400:0xC00] = rng.integers(0, 256, 0x800)       # text pages 1 and 2
    m.mem[0x2000:0x6000] = rng.integers(0, 256, 0x4000)    # hi-res pages 1 and 2
    m.io[bus.VIDEO] = mode                                 # $C050 changes nothing in these modes
    start = run_code(m, floating_bus_program(switch), limit=20_000)
    assert m.video_mode == mode
    visible = 0
    for i in range(256):
        cyc = start + 2 + 67 * i + 3
        got = int(m.mem[0x9000 + i])
        assert got == m.mem[bus.scanner_address(cyc, mode)], i
        line, h = divmod((cyc - at(0, 0)) % bus.CYCLES_PER_FRAME, bus.CYCLES_PER_LINE)
        if line < 192 and h >= 25:
            assert got == m.mem[ref_visible_address(line, h - 25, mode)], (i, line, h)
            visible += 1
    assert visible > 100


@pytest.mark.parametrize("mode,switch,want", [(TEXT | HIRES, 0xC050, 0xA0), (HIRES, 0xC051, 0x7F)],
                         ids=["C050_from_text", "C051_from_hires"])
def test_floating_bus_read_of_a_video_switch_sees_the_mode_before_the_switch(mode, switch, want):
    # LDA $C050 (or $C051) ; STA $00, with the text page all $A0 and hi-res page 1 all $7F.
    # The scanner fetches its byte in the first half of the cycle (phase 1),
    # before the CPU's access in the second half (phase 0) flips the switch,
    # and the new mode reaches the video circuits 1-3 cycles later (Sather
    # ch. 3 and 5 on the two phases of a cycle; measured on real machines in
    # MAME pull request #14590 and Clock Signal issue #1204).  So the byte
    # read is the old mode's: the text page's from $C050, hi-res page 1's
    # from $C051.
    m = Apple2()
    m.mem[0x400:0x800] = 0xA0
    m.mem[0x1400:0x1800] = 0xA0                     # what a II+ reads for it in blanking
    m.mem[0x2000:0x4000] = 0x7F
    m.io[bus.VIDEO] = mode
    run_code(m, lda(switch) + sta_zp(0))
    assert m.video_mode == mode ^ TEXT
    assert m.mem[0] == want


def test_floating_bus_scanner_uses_the_frame_position_not_the_frame_number():
    # LDA $C020 ; STA $00, started on the same frame position in frames 0 and 5
    m = Apple2()
    m.mem[0x400:0x800] = np.arange(0x400) & 0xFF
    m.mem[0x1400:0x1800] = np.arange(0x400) & 0xFF    # what a II+ reads in blanking
    m.load(CODE, lda(0xC020) + sta_zp(0) + jmp(CODE + 5))
    m.cpu.set_pc(CODE)
    m.cpu.run(instructions=2)
    first = int(m.mem[0])
    m.cpu.cycles = 5 * bus.CYCLES_PER_FRAME
    m.cpu.set_pc(CODE)
    m.cpu.run(instructions=2)
    assert int(m.mem[0]) == first == bus.scanner_address(3, TEXT) & 0xFF


# === mode changes within a frame ==============================================================

@pytest.mark.parametrize("line,h", [(96, 24), (96, 25), (96, 45), (96, 64), (0, 24), (191, 57)],
                         ids=["h24_before_the_line", "h25_on_column_0", "h45_mid_line",
                              "h64_on_column_39", "line0", "line191"])
def test_mode_switch_mid_frame_splits_the_screen_at_that_byte(line, h):
    # A loop of exactly one frame (17,030 cycles), started on a frame's first cycle:
    #   6000  LDA $C050            ; graphics (lo-res), read on cycle 3 (in blanking)
    #         <delay>
    #         LDA $C051            ; text, read on the cycle of (line, h)
    #         <delay>
    #         JMP $6000
    # The scanner fetches a line's column c on cycle 25 + c, before the CPU's
    # access in the same cycle (Sather ch. 3): so the bytes fetched after the
    # switch's cycle are text, those before and on it lo-res.
    from emu.video import new_framebuffer
    from emu.video.render import render_still
    switch_at = at(line, h)
    first = switch_at - 3 - 4                       # cycles between the two LDAs
    rest = bus.CYCLES_PER_FRAME - 4 - first - 4 - 3
    loop = lda(0xC050) + delay(first) + lda(0xC051) + delay(rest) + jmp(0x6000)
    m = Apple2()
    m.mem[0x400:0x800] = np.arange(0x400) & 0xFF    # characters, or colours
    m.load(0x6000, loop)
    m.cpu.set_pc(0x6000)
    m.run(frames=3)
    assert video_log(m) == []                       # drained at the end of each frame
    start = 3 * bus.CYCLES_PER_FRAME
    m.cpu.run(cycles=start + switch_at + 1 - m.cpu.cycles)     # frame 3, to the switch
    assert video_log(m) == [[start + 3, 0], [start + switch_at, TEXT]]
    m.run_frame(render=True)                        # the rest of frame 3, and draw it
    lores, text = new_framebuffer(), new_framebuffer()
    render_still(m.mem[:0xC000], lores, 0, m.frame - 1, m.charset)
    render_still(m.mem[:0xC000], text, TEXT, m.frame - 1, m.charset)
    split = 14 * max(0, min(40, h - 24))            # dots of `line` fetched before the switch
    want = text.copy()
    want[:line] = lores[:line]
    want[line, :split] = lores[line, :split]
    assert np.array_equal(m.pixels, want)
    assert m.beam == (192, m.cpu.cycles - m.frame_start)


# === golden screens ========================================================================

GOLDEN_SCREENS = {
    # name: (program, colour, frames)
    "text": ("text", 0, 10),                   # normal, inverse, flashing (normal phase), all codes
    "text_flash": ("text", 0, 20),             # the same in the flash's inverse phase
    "lores": ("lores", 0, 10),                 # the 16 colours as bars, nibble order below
    "hires_colour": ("hires", 0, 10),          # artifact colour bars and single dots
    "hires_mono_white": ("hires", 1, 10),      # the same on a white monitor
    "hires_mono_green": ("hires", 2, 10),      # ... and a green one
    "mixed": ("mixed", 0, 10),                 # lo-res stripes + four text lines
    "page2": ("page2", 0, 10),                 # text page 2 on display
}


@pytest.mark.parametrize("name", sorted(GOLDEN_SCREENS))
def test_golden_screen(name, assemble):
    # The last frame is run on the traced core and drawn by the reference
    # model from its bus cycles; the renderer must draw the same.  The PNG
    # is the reference's picture, for people.
    program, colour, frames = GOLDEN_SCREENS[name]
    m = Apple2(colour=colour)
    start_program(m, assemble(program))
    m.run(frames=frames - 1)
    before = m.pixels.copy()
    want = traced_frame(m)
    assert_same_picture(m.pixels, want, name)
    assert np.array_equal(m.pixels, before), f"{program}.s is still drawing after {frames - 1} frames"
    check_golden_png(GOLDEN / f"{name}.png", to_rgb(want))


def test_golden_screen_modes_are_what_the_programs_set(assemble):
    want = {"text": TEXT, "lores": 0, "hires": HIRES, "mixed": MIXED, "page2": TEXT | PAGE2}
    for program, mode in want.items():
        m = Apple2()
        start_program(m, assemble(program))
        m.run(frames=10, render=False)
        assert m.video_mode == mode, program


# === headless, end to end ===================================================================

def test_headless_run_for_one_second_shows_the_program_text(assemble):
    m = Apple2()
    start_program(m, assemble("hello"))
    m.run(seconds=1)
    assert m.frame == 60
    assert m.cpu.cycles >= 60 * bus.CYCLES_PER_FRAME
    screen = m.text_screen().splitlines()
    assert len(screen) == 24 and all(len(row) == 40 for row in screen)
    assert screen[0] == "HELLO FROM A HEADLESS APPLE II".ljust(40)
    assert screen[1] == " " * 40
    # Row 2: the pass counter, four hex digits (mid-update when the frame ended, maybe).
    assert all(c in "0123456789ABCDEF" for c in screen[2][:4]) and screen[2][4:] == " " * 36
    assert int(m.mem[6]) | int(m.mem[7]) << 8 > 1000
    assert all(row == " " * 40 for row in screen[3:])
    # The framebuffer shows it: row 0 has lit dots where the letters are, row 1 none.
    assert m.framebuffer[0:8, :14 * 30].any() and not m.framebuffer[8:16].any()


# === the machine benchmark's workload ========================================================

BENCH = HERE.parent / "benchmarks"


@pytest.mark.parametrize("name", ["hires_anim", "dhr_anim"])
def test_benchmark_workload_bin_matches_its_source(tmp_path, name):
    ophis = shutil.which("ophis")
    if ophis is None:
        pytest.skip("the ophis assembler is not installed (pip install ophis-asm)")
    out = tmp_path / f"{name}.bin"
    done = subprocess.run([ophis, "-o", str(out), str(BENCH / "workloads" / f"{name}.s")],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert out.read_bytes() == (BENCH / "workloads" / f"{name}.bin").read_bytes(), \
        f"{name}.bin is stale: reassemble it (see the header of {name}.s)"


def test_machine_benchmark_quick_runs_and_writes_json(tmp_path, monkeypatch, capsys):
    import importlib.util
    spec = importlib.util.spec_from_file_location("bench_machine", BENCH / "machine.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    out = tmp_path / "machine.json"
    monkeypatch.setenv("APPLE2_BENCH_MACHINE_RESULTS", str(out))
    monkeypatch.setattr(bench, "settings", lambda quick: {
        "quick": True, "repeats": 1, "frames": 60, "warmup_frames": bench.WARMUP_FRAMES})
    # --against measures another checkout side by side: here, this one again.
    assert bench.main(quick=True, against=str(HERE.parent)) == 0
    printed = capsys.readouterr().out
    assert "x real time" in printed and "target:" in printed
    result = json.loads(out.read_text())
    modes = ["render", "no render", "render, on screen", "iie-enh dhr"]
    assert [(row["mode"], row["code"]) for row in result["rows"]] == \
        [(mode, "this") for mode in modes] + [(mode, "against") for mode in modes] + \
        [("music", "this"), ("music+sound", "this")]
    for row in result["rows"]:
        assert row["workload_ok"] and row["fps"]["median"] > 0
        assert row["cycles_per_frame"] == pytest.approx(bus.CYCLES_PER_FRAME, abs=7)
    with pytest.raises(SystemExit, match="not a checkout"):
        bench.collect(quick=True, against=str(tmp_path))


def _idle_text_machine(charset=None) -> Apple2:
    """A II+ showing text page 1, its CPU in a JMP-to-itself at $8000."""
    m = Apple2(rom=None, charset=charset)
    m.load(0x8000, bytes([0x4C, 0x00, 0x80]))
    m.cpu.set_pc(0x8000)
    m.mem[0x400:0x800] = 0xC1                    # "A" everywhere
    m.poke(0xC051, 0)                            # text
    m.run(frames=2)
    return m


def test_a_state_loaded_back_is_drawn_whole(tmp_path):
    # The renderer leaves alone the lines it would draw as before.  A state
    # saved between a poke and the next frame holds the old picture and the
    # new memory; loaded back into a machine that has drawn that memory
    # since, the next frame must still show the new memory, not the state's
    # old picture.
    m = _idle_text_machine()
    m.mem[0x400:0x800] = 0xC2                    # "B" everywhere, not drawn yet
    m.save_state(tmp_path / "poked.npz")
    m.run_frame()
    b_picture = m.pixels.copy()
    m.load_state(tmp_path / "poked.npz")
    assert not np.array_equal(m.pixels, b_picture)     # the state's picture: still "A"s
    m.run_frame()
    assert np.array_equal(m.pixels, b_picture)


def test_a_new_character_set_shows_on_the_next_frame():
    m = _idle_text_machine()
    glyphs = np.random.default_rng(1).integers(0, 256, (64, 8), dtype=np.uint8)
    twin = _idle_text_machine(glyphs)
    assert not np.array_equal(m.pixels, twin.pixels)
    m.charset = glyphs
    m.run_frame()
    assert np.array_equal(m.pixels, twin.pixels)


def test_a_module_s_jit_cache_goes_when_it_or_a_module_it_imports_changes(tmp_path):
    # numba's own cache notices edits to a function's file only.  The
    # package's hashes must throw away the cache of each module whose source
    # or whose imports' sources (at any depth) changed, and keep the others';
    # imports inside functions do not count (jitted code cannot use them),
    # nor the generated cores (they carry their own hash).
    from emu.jitcache import drop_stale
    pkg = tmp_path / "pkg"
    (pkg / "__pycache__").mkdir(parents=True)
    (pkg / "_generated").mkdir()
    sources = {"a.py": "X = 1\n", "b.py": "from .a import X\n", "c.py": "from . import b\n",
               "d.py": "def f():\n    from .a import X\n", "_generated/core.py": "Y = 1\n"}
    for name, text in sources.items():
        (pkg / name).write_text(text)

    def dropped_after(change) -> list[str]:
        for name in "abcd":
            (pkg / "__pycache__" / f"{name}.f-1.py311.nbi").write_bytes(b"compiled")
        change()
        gone = [name.rpartition(".")[2] for name in drop_stale(pkg)]
        for name in "abcd":
            assert (pkg / "__pycache__" / f"{name}.f-1.py311.nbi").exists() == (name not in gone)
        return gone

    assert dropped_after(lambda: None) == ["a", "b", "c", "d"]      # no hashes yet
    assert dropped_after(lambda: None) == []
    assert dropped_after(lambda: (pkg / "a.py").write_text("X = 2\n")) == ["a", "b", "c"]
    assert dropped_after(lambda: (pkg / "c.py").write_text("from . import b  # c\n")) == ["c"]
    assert dropped_after(lambda: (pkg / "_generated" / "core.py").write_text("Y = 2\n")) == []
    assert dropped_after(lambda: (pkg / "e.py").write_text("")) == ["e"]     # a new module


def test_the_jit_cache_under_numba_cache_dir_goes_too(tmp_path, monkeypatch):
    # With NUMBA_CACHE_DIR set, numba keeps the cache there, in a folder
    # named after the sources' folder: a stale module's cache goes from there.
    from numba.core import caching, config
    from emu.jitcache import drop_stale
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "a.py").write_text("X = 1\n")
    (pkg / "b.py").write_text("Y = 1\n")
    monkeypatch.setattr(config, "CACHE_DIR", str(tmp_path / "numba"))
    there = tmp_path / "numba" / caching.UserProvidedCacheLocator.get_suitable_cache_subpath(
        str(pkg / "a.py"))
    there.mkdir(parents=True)
    drop_stale(pkg)
    for name in "ab":
        (there / f"{name}.f-1.py311.nbi").write_bytes(b"compiled")
    (pkg / "a.py").write_text("X = 2\n")
    assert drop_stale(pkg) == ["emu.a"]
    assert not (there / "a.f-1.py311.nbi").exists() and (there / "b.f-1.py311.nbi").exists()
