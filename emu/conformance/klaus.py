"""Klaus Dormann's 6502/65C02 test programs, run to their success trap.

Each test is a program that loops on itself (``jmp *`` or ``bne *``) when it
finds an error, and at a known success address when all passed.  The runner
starts it at its entry point with stop-on-self-loop on, so the core returns at
the first trap, and the trap address says pass or fail.  The decimal test ends
on a 65C02 STP instead, with its error byte in zero page.
"""
from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..cpu.core import CPU
from ..cpu.flatbus import FEEDBACK
from ..cpu.state import StopReason
from . import testdata_dir
from ..jitprogress import compile_notice


@dataclass(frozen=True)
class KlausTest:
    """One test program and how to run and judge it."""

    name: str
    file: str
    variant: str
    load: int
    start: int
    success: int            # trap address on success (for the decimal test: its DONE label)
    feedback: bool = False  # needs the IRQ/NMI feedback register at $BFFC
    error_byte: int | None = None  # zero-page byte that must be 0 at the end


TESTS = (
    KlausTest("functional", "klaus/6502_functional_test.bin", "6502", 0x0000, 0x0400, 0x3469),
    KlausTest("65c02 extended opcodes", "klaus/65C02_extended_opcodes_test.bin", "65c02",
              0x0000, 0x0400, 0x24F1),
    KlausTest("interrupt", "klaus/sbfaulkner_build/6502_interrupt_test.bin", "6502",
              0x000A, 0x0400, 0x06F5, feedback=True),
    KlausTest("decimal (65c02 rules)", "klaus/sbfaulkner_build/6502_decimal_test.bin", "65c02",
              0x0200, 0x0200, 0x024B, error_byte=0x0B),
)


@dataclass
class KlausResult:
    test: KlausTest
    passed: bool
    pc: int
    instructions: int
    cycles: int
    seconds: float
    detail: str


def load_program(test: KlausTest, root: Path) -> CPU:
    """A CPU with the test image in flat RAM and PC at the entry point."""
    image = np.fromfile(root / test.file, dtype=np.uint8)
    cpu = CPU(test.variant)
    cpu.mem[test.load:test.load + len(image)] = image
    if test.feedback:
        page = FEEDBACK >> 8
        cpu.rmap[page] = cpu.wmap[page] = -1   # through io_read/io_write, which keep it RAM
        cpu.mem[FEEDBACK] = 0
    cpu.set_pc(test.start)
    cpu.stop_on_self_loop = True
    return cpu


def run_test(test: KlausTest, root: Path, max_cycles: int = 200_000_000) -> KlausResult:
    """Run one test program to its first trap (or STP) and judge it."""
    cpu = load_program(test, root)
    with compile_notice(f"the {test.variant} core"):
        cpu.run(instructions=0)      # compile (or load from cache) before timing
    started = time.perf_counter()
    reason = cpu.run(cycles=max_cycles)
    seconds = time.perf_counter() - started
    pc = cpu.pc
    if test.error_byte is not None:
        at = pc - 1 if reason == StopReason.STP else pc
        error = int(cpu.mem[test.error_byte])
        passed = reason == StopReason.STP and at == test.success and error == 0
        detail = f"stopped ({StopReason.NAMES[reason]}) at ${at:04X}, ERROR=${error:02X}"
    else:
        passed = reason == StopReason.SELF_LOOP and pc == test.success
        detail = f"trapped ({StopReason.NAMES[reason]}) at ${pc:04X}"
        if not passed and reason == StopReason.SELF_LOOP:
            detail += " (look this address up in the .lst file)"
    return KlausResult(test, passed, pc, cpu.instructions, cpu.cycles, seconds, detail)


def main(testdata: str | None = None) -> int:
    """``apple2 conformance klaus``: run all four programs and print a table."""
    root = testdata_dir(testdata)
    if not (root / "klaus").is_dir():
        print(f"apple2 conformance klaus: no Klaus test programs in {root / 'klaus'}; "
              "pass --testdata DIR or set APPLE2_TESTDATA", file=sys.stderr)
        return 2
    print(f"{'test':26} {'cpu':6} {'instructions':>13} {'cycles':>13} {'MHz':>7}  result")
    failed = 0
    for test in TESTS:
        r = run_test(test, root)
        failed += not r.passed
        mhz = r.cycles / r.seconds / 1e6 if r.seconds else 0.0
        verdict = "pass" if r.passed else "FAIL"
        print(f"{test.name:26} {test.variant:6} {r.instructions:13,} {r.cycles:13,} {mhz:7.1f}  "
              f"{verdict}: {r.detail}")
    print(f"{len(TESTS) - failed} passed, {failed} failed")
    return 1 if failed else 0
