"""The scripting and debugging API: run/step and why they stop, breakpoints,
watchpoints, side-effect-free peek, poke, save states, traces, and the
``apple2 debug`` monitor.

Small programs are bytes poked into RAM of a machine with no ROM; the save
state test plays the homebrew snake game (roms/homebrew_snake.bin).
"""
from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest

from emu import bus, cli
from emu.debug import Monitor, write_trace
from emu.machine import Apple2
from emu.savestate import StateError

ROMS = Path(__file__).resolve().parents[1] / "roms"

# $0300: LDX #0 / loop: INX / STX $10 / LDA $20 / JMP loop
LOOP = [0xA2, 0x00, 0xE8, 0x86, 0x10, 0xA5, 0x20, 0x4C, 0x02, 0x03]
# Cycles: LDX 2 (0-1), INX 2 (2-3), STX zp 3 (4-6: the write on 6), LDA zp 3 (7-9: the read
# on 9), JMP 3 (10-12); each later pass is 11 cycles.


def loop_machine() -> Apple2:
    m = Apple2()
    m.load(0x300, bytes(LOOP))
    m.cpu.set_pc(0x300)
    return m


# --- run and step -------------------------------------------------------------
def test_run_cycles_is_exact_to_the_instruction_and_returns_done():
    m = loop_machine()
    stop = m.run(cycles=13)
    assert stop.reason == "done" and stop.pc == 0x302 and stop.cycle == m.cpu.cycles == 13


def test_run_crosses_frame_boundaries_and_ends_the_frames():
    m = loop_machine()
    stop = m.run(cycles=bus.CYCLES_PER_FRAME * 2 + 100)
    assert stop.reason == "done" and m.frame == 2
    assert m.run(frames=1).reason == "done" and m.frame == 3
    assert m.cpu.cycles >= 3 * bus.CYCLES_PER_FRAME


def test_step_runs_whole_instructions():
    m = loop_machine()
    assert m.step(3).reason == "done"
    assert (m.cpu.pc, m.cpu.x, m.cpu.cycles, m.cpu.instructions) == (0x305, 1, 7, 3)
    r = m.registers
    assert (r.pc, r.x, r.cycles) == (0x305, 1, 7) and "PC=0305" in str(r)


# --- breakpoints and watchpoints -------------------------------------------------
def test_breakpoint_stops_before_the_instruction_at_the_right_cycle():
    m = loop_machine()
    m.add_breakpoint(0x305)
    stop = m.run(frames=1)
    assert (stop.reason, stop.pc, stop.cycle, m.cpu.x) == ("breakpoint", 0x305, 7, 1)
    stop = m.run(frames=1)                      # going on runs the instruction it stopped on
    assert (stop.reason, stop.pc, stop.cycle, m.cpu.x) == ("breakpoint", 0x305, 18, 2)
    m.remove_breakpoint(0x305)
    assert m.breakpoints == [] and m.run(frames=1).reason == "done"


def test_write_watchpoint_reports_the_access_and_its_cycle():
    m = loop_machine()
    m.watch(0x10, write=True, read=False)
    stop = m.run(frames=1)
    assert stop.reason == "watchpoint" and stop.pc == 0x305        # after the STX
    assert (stop.address, stop.value, stop.write) == (0x10, 1, True)
    assert m.cpu.watch_hit()[3] == 6                              # the STX's write cycle
    stop = m.run(frames=1)
    assert (stop.value, m.cpu.watch_hit()[3]) == (2, 17)


def test_read_watchpoint_on_a_range():
    m = loop_machine()
    m.mem[0x20] = 0x5A
    m.watch(0x1F, 0x21, read=True, write=False)
    stop = m.run(frames=1)
    assert (stop.reason, stop.pc, stop.address, stop.value, stop.write) == \
        ("watchpoint", 0x307, 0x20, 0x5A, False)
    assert m.cpu.watch_hit()[3] == 9
    m.unwatch(0x1F, 0x21)
    assert m.run(frames=1).reason == "done"


def test_watchpoint_on_a_soft_switch_sees_the_access_the_speaker_logs():
    m = Apple2()
    m.load(0x300, bytes([0xEA, 0xEA, 0xAD, 0x30, 0xC0, 0x4C, 0x00, 0x03]))   # LDA $C030
    m.cpu.set_pc(0x300)
    m.watch(0xC030, read=True, write=False)
    stop = m.run(frames=1)
    assert stop.reason == "watchpoint" and stop.address == 0xC030 and stop.pc == 0x305
    access = m.cpu.watch_hit()[3]
    assert access == 7                              # NOP 2 + NOP 2 + LDA abs: read on its 4th
    m.unwatch(0xC030)
    m.run_frame(render=False)
    assert m.speaker_log[0] == access


def test_break_on_brk_and_jam():
    m = Apple2()
    m.load(0x300, bytes([0xEA, 0x00, 0xEA]))
    m.cpu.set_pc(0x300)
    m.break_on_brk = True
    stop = m.run(frames=1)
    assert (stop.reason, stop.pc) == ("brk", 0x301)
    m.load(0x310, bytes([0xEA, 0x02]))              # JAM (NMOS $02)
    m.cpu.set_pc(0x310)
    stop = m.run(frames=3)
    assert (stop.reason, stop.pc) == ("jam", 0x311) and m.frame == 0     # PC on the JAM
    assert m.run(frames=2).reason == "done" and m.frame == 2       # the rest runs on
    assert m.step(1).reason == "jam"


# --- peek and poke ------------------------------------------------------------------
def test_peek_has_no_side_effects():
    m = Apple2()
    m.key(ord("A"))
    m.load(0x300, bytes([0xAD, 0x00, 0xC0, 0x4C, 0x03, 0x03]))    # LDA $C000, then spin
    m.cpu.set_pc(0x300)
    m.run(frames=1)
    io_before, mem_before = m.io.copy(), m.mem.copy()
    for address in (0xC000, 0xC010, 0xC030, 0xC050, 0xC057, 0xC070, 0xC081, 0xC083, 0xC08B,
                    0xCFFF, 0x0000, 0xFFFF):
        m.peek(address)
        m.peek(address)
    assert np.array_equal(m.io, io_before) and np.array_equal(m.mem, mem_before)
    assert m.peek(0xC000) == 0xC1                   # the latch, strobe still set


def test_poke_writes_ram_and_leaves_rom_alone():
    m = Apple2(rom=bytes([0xEA]) * 0x3000)
    m.poke(0x1234, 0x5A)
    m.poke(0xE000, 0x00)                           # ROM, language card write-enabled...
    assert m.peek(0x1234) == 0x5A and m.peek(0xE000) == 0xEA   # ...lands in the card's RAM
    before = m.io.copy()
    m.poke(0xC030, 0)                              # I/O: no effect
    assert np.array_equal(m.io, before)


# --- save states ------------------------------------------------------------------
def snake_machine() -> Apple2:
    m = Apple2()
    for name, address in (("menu", 0x900), ("snake", 0xC00), ("demo", 0x1400)):
        m.load(address, (ROMS / f"homebrew_{name}.bin").read_bytes())
    m.cpu.set_pc(0xC00)
    return m


def record(m: Apple2, frames: int, keys: dict[int, int]) -> list[tuple]:
    """Run frames, pressing keys on the way; each frame's (cycles, pixels, speaker)."""
    out = []
    for i in range(frames):
        if i in keys:
            m.key(keys[i])
        m.run_frame()
        out.append((m.cpu.cycles, m.pixels.copy(), m.speaker_log.copy()))
    return out


def test_save_and_load_in_the_middle_of_a_game_reproduce_the_same_frames(tmp_path):
    m = snake_machine()
    record(m, 40, {5: 0x15, 20: 0x0A})             # right, then down: the game is on
    m.key(0x08)                                    # a key waiting in the queue when saved
    m.run(cycles=5_000)                            # and the save is mid-frame
    path = tmp_path / "snake.npz"
    m.save_state(path)
    plan = {3: 0x0B, 30: 0x15, 60: 0x0A}
    want = record(m, 120, plan)
    other = Apple2()
    other.load_state(path)
    got = record(other, 120, plan)
    assert [g[0] for g in got] == [w[0] for w in want]
    assert all(np.array_equal(g[1], w[1]) for g, w in zip(got, want))
    assert all(np.array_equal(g[2], w[2]) for g, w in zip(got, want))
    assert not np.array_equal(want[0][1], want[-1][1])   # the snake moved on the way


def test_bad_state_files_give_one_line_errors(tmp_path):
    m = Apple2()
    with pytest.raises(StateError, match="no such file"):
        m.load_state(tmp_path / "missing.npz")
    junk = tmp_path / "junk.npz"
    junk.write_bytes(b"not a zip")
    with pytest.raises(StateError, match="not a save state"):
        m.load_state(junk)
    c02 = tmp_path / "c02.npz"
    Apple2(cpu="65c02").save_state(c02)
    with pytest.raises(StateError, match="65c02"):
        m.load_state(c02)
    other = tmp_path / "other.npz"
    np.savez(other, format=np.array("something else"))
    with pytest.raises(StateError, match="not an apple2 save state"):
        m.load_state(other)


# --- traces and the monitor -------------------------------------------------------
def test_trace_writes_one_line_per_instruction(tmp_path):
    m = loop_machine()
    path = tmp_path / "trace.txt"
    stop = m.trace(path, instructions=5)
    lines = path.read_text().splitlines()
    assert stop.reason == "done" and len(lines) == 1 + 5
    assert lines[1].split()[:5] == ["0", "0300-", "A2", "00", "LDX"]
    assert lines[3].split()[:6] == ["4", "0303-", "86", "10", "STX", "$10"]
    assert lines[3].split()[6:11] == ["00", "01", "00", "FD", "24"]      # A X Y S P before it


def test_trace_stops_at_a_breakpoint():
    m = loop_machine()
    m.add_breakpoint(0x307)
    out = io.StringIO()
    stop = write_trace(m, out, cycles=1000)
    assert stop.reason == "breakpoint" and "stopped: breakpoint (PC $0307" in out.getvalue()


def test_monitor_commands(tmp_path):
    m = loop_machine()
    script = "\n".join(["break 305", "continue", "regs", "step 2", "watch 10 w", "delete 305",
                        "c", "mem 300 4", "disasm 300 2", f"save {tmp_path / 's.npz'}",
                        "set x 7f", f"load {tmp_path / 's.npz'}", "bogus", "quit"]) + "\n"
    out = io.StringIO()
    Monitor(m, stdin=io.StringIO(script), stdout=out).cmdloop()
    text = out.getvalue()
    assert "stopped: breakpoint (PC $0305, cycle 7)" in text
    assert "PC=0305 A=00 X=01" in text
    assert "stopped: watchpoint: write of $02 to $0010 (PC $0305, cycle 18)" in text
    assert "0300-  A2 00 E8 86" in text and "0302-  E8        INX" in text
    assert "unknown command 'bogus'" in text
    assert m.cpu.x == 2                             # the load undid "set x 7f"


def test_apple2_debug_command_line(tmp_path, capsys):
    prog = tmp_path / "loop.bin"
    prog.write_bytes(bytes(LOOP))
    cmds = tmp_path / "cmds.txt"
    cmds.write_text("break 307\nc\nquit\n")
    assert cli.main(["debug", "--no-rom", "--load", f"{prog}@300", "--pc", "300",
                     "--commands", str(cmds)]) == 0
    assert "stopped: breakpoint (PC $0307, cycle 10)" in capsys.readouterr().out
    assert cli.main(["debug", "--no-rom", "--load", "nofile.bin@300"]) == 2
    assert "nofile.bin: no such file" in capsys.readouterr().err
    assert cli.main(["debug", "--no-rom", "--load", "nofile.bin"]) == 2
    assert "expected FILE@ADDR" in capsys.readouterr().err


def test_save_and_load_in_the_middle_of_a_disk_boot(tmp_path):
    """The state holds the Disk II (head, motor, latch, tracks); the drive finds its file again."""
    from emu.rom import load_system_rom
    image = tmp_path / "homebrew.dsk"
    image.write_bytes((ROMS / "homebrew.dsk").read_bytes())
    firmware = load_system_rom(ROMS / "apple2.rom").data
    m = Apple2(rom=firmware)
    m.insert_disk(1, image)
    m.run(seconds=0.3)                              # the boot ROM is reading track 0
    assert m.disk_card.motor_spinning(m.cpu.cycles)
    m.save_state(tmp_path / "boot.npz")
    want = record(m, 150, {})
    other = Apple2(rom=firmware)                    # no card, no disk: the state brings both
    assert other.load_state(tmp_path / "boot.npz") == []
    assert other.disk_card is not None and other.disk_card.disks[0].path == image
    got = record(other, 150, {})
    assert [g[0] for g in got] == [w[0] for w in want]
    assert all(np.array_equal(g[1], w[1]) for g, w in zip(got, want))
    assert "ESC IN ANY PROGRAM COMES BACK HERE" in other.text_screen()
    before = image.read_bytes()
    assert other.close() == [] and image.read_bytes() == before    # nothing was written


def test_a_state_whose_disk_file_is_gone_still_loads(tmp_path):
    from emu.rom import load_system_rom
    image = tmp_path / "gone.dsk"
    image.write_bytes((ROMS / "homebrew.dsk").read_bytes())
    firmware = load_system_rom(ROMS / "apple2.rom").data
    m = Apple2(rom=firmware)
    m.insert_disk(1, image)
    m.run(seconds=0.3)
    m.save_state(tmp_path / "s.npz")
    image.unlink()
    other = Apple2(rom=firmware)
    notes = other.load_state(tmp_path / "s.npz")
    assert len(notes) == 1 and "drive 1" in notes[0] and "gone.dsk" in notes[0]
    other.run(seconds=2)
    assert "ESC IN ANY PROGRAM COMES BACK HERE" in other.text_screen()   # the disk is still in the drive
    assert other.eject(1) is None and other.close() == []


# --- the constructor ---------------------------------------------------------------
def test_the_default_machine_has_our_firmware_and_disks_go_in_the_drives(tmp_path):
    import emu
    image = tmp_path / "homebrew.dsk"
    image.write_bytes((ROMS / "homebrew.dsk").read_bytes())
    m = emu.Apple2(disks=[image])
    assert bytes(m.mem[bus.ROM:bus.ROM + 18]) == b"APPLE2 PY FIRMWARE"
    assert m.disk_card.slot == 6 and m.disk_card.disks[0].path == image
    m.run(seconds=2)
    assert "ESC IN ANY PROGRAM COMES BACK HERE" in m.text_screen()
    assert m.close() == []
    empty = emu.Apple2(rom=None)
    assert empty.peek(0xD000) == 0xFF and empty.disk_card is None


def test_models_and_drives_are_checked():
    with pytest.raises(ValueError, match="no model 'iic'; the models are: ii\\+, iie, iie-enh"):
        Apple2(model="iic")
    with pytest.raises(ValueError, match="3 disks for 2 drives"):
        Apple2(disks=["a", "b", "c"])
    assert Apple2(model="II+").cpu.variant == "6502"


def test_the_debugger_takes_disks_and_inserts_and_ejects_them(tmp_path, capsys):
    image = tmp_path / "homebrew.dsk"
    image.write_bytes((ROMS / "homebrew.dsk").read_bytes())
    cmds = tmp_path / "cmds.txt"
    cmds.write_text(f"continue 120\nscreen\neject 1\neject 1\ninsert 1 {image}\n"
                    f"insert 1 {tmp_path / 'missing.dsk'}\nquit\n")
    assert cli.main(["debug", str(image), "--commands", str(cmds)]) == 0
    out = capsys.readouterr().out
    assert "ESC IN ANY PROGRAM COMES BACK HERE" in out
    assert "drive 1: homebrew.dsk ejected" in out and "drive 1: empty" in out
    assert "drive 1: homebrew.dsk\n" in out
    assert "error: " in out and "missing.dsk: no such file" in out
    assert cli.main(["debug", str(tmp_path / "nope.dsk"), "--commands", str(cmds)]) == 2
    assert "nope.dsk: no such file" in capsys.readouterr().err
