"""Instruction traces: one line per instruction, before it runs, from a machine's own API.

Everything here reads the machine through :class:`emu.machine.Apple2`'s
public side (``step``, ``registers``, side-effect-free ``peek``), so a
trace shows what a script would see.  ``m`` below is an Apple2; this module
does not import it (the machine imports this module for ``Apple2.trace``).

A trace line is one instruction, before it runs::

        cycle  PC     bytes     instruction      A  X  Y  S  P
         1234  0300-  A9 C1     LDA #$C1         00 00 00 FD 34 ..-B.I..
"""
from __future__ import annotations

from typing import TextIO

from .cpu.disasm import disassemble
from .cpu.state import StopReason

TRACE_HEADER = (f"{'cycle':>12}  {'PC':5}  {'bytes':8}  {'instruction':15}  "
                "A  X  Y  S  P")


def instruction_at(m, address: int):
    """The disassembled instruction at ``address``, read with peek (no side effects)."""
    raw = bytes(m.peek((address + i) & 0xFFFF) for i in range(3))
    return disassemble(raw, address, m.cpu.variant)[0]


def trace_line(m) -> str:
    """The trace line of the instruction about to run."""
    r = m.registers
    line = instruction_at(m, r.pc)
    raw = " ".join(f"{b:02X}" for b in line.raw)
    text = f"{line.mnemonic} {line.operand}".strip()
    flags = "".join(n if r.p & (0x80 >> i) else "." for i, n in enumerate("NV-BDIZC"))
    return (f"{r.cycles:12d}  {r.pc:04X}-  {raw:8}  {text:15}  "
            f"{r.a:02X} {r.x:02X} {r.y:02X} {r.s:02X} {r.p:02X} {flags}")


def write_trace(m, out: TextIO, instructions: int | None = None,
                cycles: int | None = None):
    """Run instruction by instruction, writing a line for each, until a limit or a stop.

    With neither limit it stops at 1,000,000 instructions, so a trace of a
    program that never stops still ends.  Returns why it stopped.
    """
    if instructions is None and cycles is None:
        instructions = 1_000_000
    end_cycle = m.cpu.cycles + cycles if cycles is not None else None
    out.write(TRACE_HEADER + "\n")
    done = 0
    while True:
        if instructions is not None and done >= instructions:
            return m._stop(StopReason.LIMIT)
        if end_cycle is not None and m.cpu.cycles >= end_cycle:
            return m._stop(StopReason.LIMIT)
        if done and m.breaks_here():             # step(1) runs the instruction it starts on
            stop = m._stop(StopReason.BRK if m.cpu.break_on_brk and m.peek(m.cpu.pc) == 0
                           else StopReason.BREAKPOINT)
            out.write(f"stopped: {describe(stop)}\n")
            return stop
        out.write(trace_line(m) + "\n")
        stop = m.step(1)
        done += 1
        if stop.reason != "done":
            out.write(f"stopped: {describe(stop)}\n")
            return stop


def describe(stop) -> str:
    """A stop in words, e.g. ``watchpoint: write of $41 to $0010 (PC $0305, cycle 28)``."""
    where = f"PC ${stop.pc:04X}, cycle {stop.cycle}"
    if stop.reason == "watchpoint":
        kind = "write of" if stop.write else "read of"
        prep = "to" if stop.write else "from"
        return f"watchpoint: {kind} ${stop.value:02X} {prep} ${stop.address:04X} ({where})"
    return f"{stop.reason} ({where})"
