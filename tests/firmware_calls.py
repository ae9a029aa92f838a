"""Helpers for the tests that run our system ROM (roms/apple2.rom) through the CPU.

A test puts a small program in RAM that sets the registers, JSRs to an
entry point, stores what came back in $E0-$E3 and ends in a self-loop
(``JMP *``); ``call`` builds and runs it.  Given an entry's name (from
emu.entry_points), ``call`` also checks the registers the table says the
entry keeps.  The screen is read with ``rows`` or byte by byte.
"""
from __future__ import annotations

import random
from pathlib import Path
from typing import Callable, NamedTuple

from emu import bus, entry_points
from emu.cpu import state
from emu.cpu.state import StopReason
from emu.machine import Apple2

ROOT = Path(__file__).resolve().parents[1]
ROM_PATH = ROOT / "roms" / "apple2.rom"
ENTRY = entry_points.by_name()
CODE_AT = 0x1000                # where the calling programs go
TITLE = "APPLE2 PY FIRMWARE"

# Zero page and page 3, by the names the Reference Manual gives them.
WNDLFT, WNDWDTH, WNDTOP, WNDBTM, CH, CV = 0x20, 0x21, 0x22, 0x23, 0x24, 0x25
GBASL, GBASH, BASL, BASH, H2, V2, MASK, LENGTH = 0x26, 0x27, 0x28, 0x29, 0x2C, 0x2D, 0x2E, 0x2F
FORMAT, COLOR, INVFLG, PROMPT, YSAV1 = 0x2E, 0x30, 0x32, 0x33, 0x35
CSWL, KSWL, PCL, PCH, A1L, A2L, A3L, A4L = 0x36, 0x38, 0x3A, 0x3B, 0x3C, 0x3E, 0x40, 0x42
A5H, XREG, YREG, STATUS, SPNT, RNDL = 0x45, 0x46, 0x47, 0x48, 0x49, 0x4E
BRKV, SOFTEV, PWREDUP, IRQLOC, MSLOT = 0x3F0, 0x3F2, 0x3F4, 0x3FE, 0x7F8
FLAG_C, FLAG_D = state.FLAG_C, state.FLAG_D


class Regs(NamedTuple):
    a: int
    x: int
    y: int
    p: int
    cycles: int             # from the first instruction to the final self-loop


def power_up(rom: bytes, frames: int = 30) -> Apple2:
    """A machine that has powered up (with no disk card: into the monitor)."""
    m = Apple2(rom=rom)
    m.run(frames=frames, render=False)
    return m


# How the monitor ($F800-$FFFF) must run alone, whatever $D000-$F7FF holds:
#   "rom"       our whole ROM;
#   "f8 alone"  our F8 ROM with junk at $D000-$F7FF, as in an Apple II whose
#               other ROMs are not ours;
#   "card copy" the monitor copied into the language card's RAM and run
#               there, the card's $D000-$F7FF (both banks) full of BRKs, as a
#               program leaves it that keeps its own code there.
SETUPS = ("rom", "f8 alone", "card copy")
F8 = 0xF800 - 0xD000            # the monitor's offset in a 12 KiB ROM image


def f8_alone(rom: bytes) -> bytes:
    """``rom``'s $F800-$FFFF with random junk (the same every run) below it."""
    junk = random.Random(0xF8).randbytes(F8)
    return junk + rom[F8:]


def monitor_in_card(m: Apple2, rom: bytes) -> None:
    """Copy ``rom``'s $F800-$FFFF into the language card, BRKs ($00) in the
    card's $D000-$F7FF, and read the card (bank 2, write-protected: LDA $C080)."""
    m.mem[bus.LC_BANK1:bus.LC_BANK1 + 0x1000] = 0
    m.mem[bus.LC_BANK2:bus.LC_BANK2 + 0x1000] = 0
    m.mem[bus.LC_HIGH:bus.LC_HIGH + 0x1800] = 0
    m.mem[bus.LC_HIGH + 0x1800:bus.LC_HIGH + 0x2000] = list(rom[F8:])
    run_code(m, bytes([0xAD, 0x80, 0xC0]) + jmp_self(CODE_AT + 3))


def set_up(setup: str, rom: bytes) -> Apple2:
    """A powered-up machine with the monitor running as ``setup`` says."""
    if setup == "f8 alone":
        return power_up(f8_alone(rom))
    m = power_up(rom)
    if setup == "card copy":
        monitor_in_card(m, rom)
    return m


def jmp_self(address: int) -> bytes:
    return bytes([0x4C, address & 0xFF, address >> 8])


def run_code(m: Apple2, code: bytes, at: int = CODE_AT, limit: int = 5_000_000) -> int:
    """Run ``code`` (which must end in a JMP to itself) at ``at``; return its cycles."""
    m.load(at, code)
    m.cpu.set_pc(at)
    m.cpu.stop_on_self_loop = True
    start = m.cpu.cycles
    reason = m.cpu.run(cycles=limit)
    m.cpu.stop_on_self_loop = False
    assert reason == StopReason.SELF_LOOP, f"the program at ${at:04X} did not end ({reason})"
    return m.cpu.cycles - start


def call(m: Apple2, routine: str | int, a: int = 0, x: int = 0, y: int = 0,
         carry: bool = False, limit: int = 5_000_000) -> Regs:
    """LDA #p ; PHA ; LDA #a ; LDX #x ; LDY #y ; PLP ; JSR routine ; PHP ; STA $E0 ;
    STX $E1 ; STY $E2 ; PLA ; STA $E3 ; JMP * -- and, for a named entry, check
    the registers the table says it keeps."""
    entry = ENTRY[routine] if isinstance(routine, str) else None
    address = entry.address if entry else routine
    p = 0x20 | (FLAG_C if carry else 0)
    code = bytes([0xA9, p, 0x48, 0xA9, a, 0xA2, x, 0xA0, y, 0x28,
                  0x20, address & 0xFF, address >> 8,
                  0x08, 0x85, 0xE0, 0x86, 0xE1, 0x84, 0xE2, 0x68, 0x85, 0xE3])
    cycles = run_code(m, code + jmp_self(CODE_AT + len(code)), limit=limit)
    regs = Regs(*(int(m.mem[0xE0 + i]) for i in range(4)), cycles)
    for reg in entry.keeps if entry else "":
        before, after = {"A": a, "X": x, "Y": y}[reg], getattr(regs, reg.lower())
        assert after == before, f"{routine} changed {reg}: ${before:02X} -> ${after:02X}"
    return regs


def word(m: Apple2, address: int) -> int:
    return m.peek(address) | m.peek(address + 1) << 8


def rows(m: Apple2) -> list[str]:
    return m.text_screen().splitlines()


def row_base(row: int) -> int:
    return 0x400 + 128 * (row % 8) + 40 * (row // 8)


def screen_byte(m: Apple2, row: int, col: int) -> int:
    return int(m.mem[row_base(row) + col])


def window(m: Apple2, left: int = 0, width: int = 40, top: int = 0, bottom: int = 24) -> None:
    m.mem[WNDLFT:WNDBTM + 1] = [left, width, top, bottom]


def toggles(m: Apple2) -> list[int]:
    return m.slog[:int(m.io[bus.SLOG_COUNT])].tolist()


def clear_toggles(m: Apple2) -> None:
    m.io[bus.SLOG_COUNT] = 0


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


def check_registry() -> tuple[dict[str, Callable], Callable]:
    """A table of CPU checks by entry-point name, and the decorator that fills it
    (``@check("HOME", "CLREOL")``): each test file keeps its own, and a test says
    that its table names every entry point."""
    checks: dict[str, Callable] = {}

    def check(*names: str):
        def register(f):
            for name in names:
                checks[name] = f
            return f
        return register
    return checks, check
