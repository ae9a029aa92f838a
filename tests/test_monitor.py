"""The firmware's "*" monitor, driven as a user would: keys typed headless
with ``type_text``, results read from ``text_screen()`` and memory."""
from __future__ import annotations

from pathlib import Path

import pytest

from emu import bus, cli
from emu.machine import Apple2

ROM_PATH = Path(__file__).resolve().parents[1] / "roms" / "apple2.rom"
CTRL_B, CTRL_E, CTRL_P, CTRL_X = "\x02", "\x05", "\x10", "\x18"


@pytest.fixture(scope="module")
def rom() -> bytes:
    if not ROM_PATH.is_file():
        pytest.fail("roms/apple2.rom is missing: run python -m emu.tools.build_roms")
    return ROM_PATH.read_bytes()


def monitor(rom: bytes, typed: str, frames: int = 30) -> Apple2:
    """Power up into the monitor, type, and run until the keys are taken."""
    m = Apple2(rom=rom)
    m.run(frames=20, render=False)
    m.type_text(typed)
    for _ in range(600):
        if m.keys_pending == 0:
            break
        m.run(frames=1, render=False)
    m.run(frames=frames, render=False)
    return m


def lines(m: Apple2) -> list[str]:
    return [line.rstrip() for line in m.text_screen().splitlines()]


def after(m: Apple2, command: str) -> list[str]:
    """The screen lines after the last line showing ``*command``."""
    screen = lines(m)
    last = max(i for i, text in enumerate(screen) if text == "*" + command)
    return screen[last + 1:]


def test_deposit_then_examine_a_range(rom):
    m = monitor(rom, "300: A9 C1 20 ED FD 60\n300.305\n")
    assert [m.peek(0x300 + i) for i in range(6)] == [0xA9, 0xC1, 0x20, 0xED, 0xFD, 0x60]
    assert after(m, "300.305")[:2] == ["0300- A9 C1 20 ED FD 60", "*"]


def test_examine_one_byte_then_return_shows_the_rest_of_the_line(rom):
    m = monitor(rom, "300: 11 22 33 44 55 66 77 88 99\n302\n\n\n")
    out = after(m, "302")
    assert out[:5] == ["0302- 33", "*", "0303- 44 55 66 77 88", "*", "0308- 99 00 00 00 00 00 00 00"]


def test_a_range_is_eight_bytes_a_line_from_multiples_of_eight(rom):
    m = monitor(rom, "306.312\n")
    assert after(m, "306.312")[:4] == ["0306- 00 00", "0308- 00 00 00 00 00 00 00 00",
                                       "0310- 00 00 00", "*"]


def test_colon_continues_where_the_last_deposit_ended(rom):
    m = monitor(rom, "300: 1 2\n: 3 4\n")
    assert [m.peek(0x300 + i) for i in range(5)] == [1, 2, 3, 4, 0]


def test_go_calls_the_program_and_returns_to_the_monitor(rom):
    m = monitor(rom, "300: A9 C1 20 ED FD 60\n300G\n")
    assert after(m, "300G")[:2] == ["A", "*"]


def test_list_disassembles_twenty_instructions(rom):
    m = monitor(rom, "300: A9 C1 20 ED FD 60 B1 3C 10 FE 6C 36 0 EA\n300L\n")
    out = after(m, "300L")
    assert out[:7] == ["0300- A9 C1      LDA #$C1",
                       "0302- 20 ED FD   JSR $FDED",
                       "0305- 60         RTS",
                       "0306- B1 3C      LDA ($3C),Y",
                       "0308- 10 FE      BPL $0308",
                       "030A- 6C 36 00   JMP ($0036)",
                       "030D- EA         NOP"]
    assert [line[:5] for line in out[7:20]] == [f"{a:04X}-" for a in range(0x30E, 0x31B)]
    assert out[20] == "*"


def test_l_alone_goes_on_listing(rom):
    m = monitor(rom, "300L\nL\n")
    assert after(m, "L")[0].startswith("0314- 00")


def test_ctrl_e_shows_the_registers(rom):
    m = monitor(rom, CTRL_E + "\n")             # control keys do not echo: the line shows "*"
    assert lines(m)[4:7] == ["*", " A=00 X=00 Y=00 P=00 S=00", "*"]


def test_a_colon_line_after_ctrl_e_changes_the_registers(rom):
    """After Ctrl-E, A3 points at the saved registers: ":" stores there (as on the II+)."""
    m = monitor(rom, CTRL_E + "\n:12 34\n" + CTRL_E + "\n")
    assert after(m, ":12 34")[1] == " A=12 X=34 Y=00 P=00 S=00"


def test_an_unknown_command_beeps(rom):
    m = Apple2(rom=rom)
    m.run(frames=20, render=False)                # past the power-up beep
    m.type_text("300Z\n")
    toggles = 0
    for _ in range(40):
        m.run(frames=1, render=False)
        toggles += len(m.speaker_log)
    assert toggles == 192                         # one beep (BELL1: 192 half-waves)
    assert after(m, "300Z")[0] == "*"


def fake_disk_card(m: Apple2, slot: int) -> None:
    """Disk II signature; its code stores the slot at $E8 ("LDA #$2n; ..; STA $E8; JMP *")."""
    code = bytes([0xA9, 0x20, 0xA9, 0x00, 0xA9, 0x03, 0xA9, 0x3C,
                  0xA9, slot, 0x85, 0xE8, 0x4C, 0x0C, 0xC0 + slot])
    base = bus.SLOT_ROM + slot * 256
    m.mem[base:base + len(code)] = list(code)
    m.io[bus.SLOTS_PRESENT] |= 1 << slot


def test_slot_ctrl_p_and_go_at_cn00_boot_a_card(rom):
    for typed in ("6" + CTRL_P + "\n", "C600G\n"):
        m = Apple2(rom=rom)
        m.run(frames=20, render=False)
        fake_disk_card(m, 6)                    # the card arrives after power-up
        m.type_text(typed)
        m.run(frames=30, render=False)
        assert m.peek(0xE8) == 6, typed


def test_ctrl_b_boots_the_disk_for_the_homebrew_menu(rom):
    m = Apple2(rom=rom)
    m.run(frames=20, render=False)
    m.type_text(CTRL_B + "\n")
    m.run(frames=10, render=False)
    assert lines(m)[4:9] == ["*", "CTRL-B OR 6 CTRL-P BOOTS A DISK",   # (Ctrl-B does not echo)
                             "(THE HOMEBREW MENU LIVES ON A DISK)", "NO DISK CARD: MONITOR",
                             "*"]
    fake_disk_card(m, 6)
    m.type_text(CTRL_B + "\n")
    m.run(frames=30, render=False)
    assert m.peek(0xE8) == 6


def test_ctrl_x_cancels_a_monitor_line(rom):
    m = monitor(rom, "300: FF" + CTRL_X + "301: 7\n")
    assert (m.peek(0x300), m.peek(0x301)) == (0, 7)


def test_apple2_run_without_rom_uses_our_firmware(capsys):
    if not cli.DEFAULT_ROM.exists():
        pytest.fail("roms/apple2.rom is missing")
    status = cli.main(["run", "--headless", "--frames", "120", "--print-screen"])
    out = capsys.readouterr()
    assert status == 0
    assert "ROM: apple2 project firmware" in out.err
    assert out.out.splitlines()[0].strip() == "APPLE2 PY FIRMWARE"


def test_move_and_verify(rom):
    m = monitor(rom, "300: 1 2 3 4 5 6 7 8 9\n800<300.308M\n802: 0\n800<300.308V\n")
    assert [m.peek(0x800 + i) for i in range(10)] == [1, 2, 0, 4, 5, 6, 7, 8, 9, 0]
    assert after(m, "800<300.308V")[:2] == ["0302-03 (00)", "*"]


def test_several_items_on_one_line(rom):
    m = monitor(rom, "300: 1 2 3\n300.302 301\n")
    assert after(m, "300.302 301")[:3] == ["0300- 01 02 03", "0301- 02", "*"]
