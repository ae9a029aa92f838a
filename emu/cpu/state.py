"""The CPU's state: one int64 numpy array with named slots.

Keeping the whole CPU in one array keeps the jitted core free of Python
objects, lets a device raise an interrupt line by writing one slot, and makes
a save state a plain copy.
"""
from __future__ import annotations

import numpy as np

# Registers.
A, X, Y, S, P, PC = range(6)
CYCLES = 6        # bus cycles since power-on
IRQ = 7           # IRQ line: non-zero while any source holds it low (bit per source)
IRQ_AT = 8        # cycle on which the IRQ line last went active
NMI = 9           # NMI line level: non-zero while held low
NMI_AT = 10       # cycle on which the NMI line last went active
NMI_SEEN = 11     # level seen at the last poll, for edge detection
HALT = 12         # why the CPU stopped for good: 0 running, else a StopReason
WAITING = 13      # 65C02 WAI: asleep until an interrupt line goes active
RESET = 14        # 1: run the RESET sequence at the next instruction boundary
I_LATE = 15       # CLI/SEI/PLP: the I flag (bit 2) the poll after them still sees
I_LATE_AT = 16    # ... and the cycle at which that poll happens
BRANCH_AT = 17    # end cycle of the last taken branch that stayed on its page
OPTIONS = 18      # OPT_* bits below
INSTRUCTIONS = 19  # instructions executed since power-on
# The debug flavour's watchpoint hit: the first watched access of an instruction.
WATCH_HIT = 20     # 1: a watched address was accessed; run() stops after the instruction
WATCH_ADDR = 21    # ... the address
WATCH_VALUE = 22   # ... the byte read or written
WATCH_WRITE = 23   # ... 1 for a write, 0 for a read
WATCH_CYCLE = 24   # ... the cycle of the access
SIZE = 25

# OPTIONS bits.
OPT_STOP_ON_SELF_LOOP = 1   # stop when a JMP or branch jumps to itself (test traps)
OPT_BREAK_ON_BRK = 2        # debug flavour: stop before executing a BRK

# The debug flavour's per-address flags (its ``tr`` array, 64 KiB of uint8).
DEBUG_BREAK = 1             # stop before executing the instruction at this address
DEBUG_READ = 2              # stop after an instruction that reads this address
DEBUG_WRITE = 4             # stop after an instruction that writes this address

# Status register bits.
FLAG_C, FLAG_Z, FLAG_I, FLAG_D, FLAG_B, FLAG_U, FLAG_V, FLAG_N = (1 << b for b in range(8))


class StopReason:
    """Why the jitted run loop returned (the value it returns)."""

    LIMIT = 0        # the cycle or instruction budget ran out (a frame boundary)
    JAM = 1          # an NMOS JAM opcode halted the CPU
    STP = 2          # a 65C02 STP halted the CPU
    SELF_LOOP = 3    # a JMP or branch to itself, with OPT_STOP_ON_SELF_LOOP
    BREAKPOINT = 4   # debug flavour: PC reached a breakpoint (the instruction has not run)
    WAITED = 5       # internal: a 65C02 WAI went to sleep (reported as LIMIT)
    WATCHPOINT = 6   # debug flavour: the last instruction touched a watched address
    BRK = 7          # debug flavour: PC is at a BRK, with OPT_BREAK_ON_BRK

    NAMES = {0: "limit", 1: "jam", 2: "stp", 3: "self-loop", 4: "breakpoint",
             6: "watchpoint", 7: "brk"}


def new_state() -> np.ndarray:
    """A CPU at power-on, with a RESET pending."""
    cpu = np.zeros(SIZE, dtype=np.int64)
    cpu[S] = 0xFD
    cpu[P] = FLAG_U | FLAG_I
    cpu[I_LATE_AT] = -1
    cpu[BRANCH_AT] = -1
    cpu[RESET] = 1
    return cpu
