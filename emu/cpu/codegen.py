"""Writes the jitted CPU core from the opcode table.

Why a generator: the core must exist in several flavours (NMOS or 65C02,
fast or tracing, flat RAM or the Apple II bus) that differ only in details of
each bus cycle.  Keeping them as hand-written copies would let them drift, and
numba cannot prune a runtime flag out of the hot loop.  So one description of
the bus cycles of each addressing mode and operation, below, is turned into
Python source, which numba compiles.

The generated ``run`` function is a loop over instructions: an if/elif chain
on the opcode (LLVM turns it into a jump table), with registers in local
variables.  Every bus cycle the chip makes is emitted in order, dummy reads and
double writes included, because on the Apple II such accesses hit soft
switches.  A bus cycle is a call to ``rd``/``wr``, which look the page up in
the page table ``pages`` (256 read entries, then 256 write entries): a
non-negative entry is an offset into ``mem``, -1 sends the access to the bus
module's jitted ``io_read``/``io_write``, and a write entry of -2 - offset
is memory at that offset whose writes the bus module logs (``logged_write``,
inlined: the Apple II logs writes to the pages on display for its
renderer).  Pages 0 and 1 (zero page and stack) are always memory, so the
fast flavour reaches them without the check.

The cycle count is kept exactly: each access happens at ``cyc + k``, where
``k`` counts the accesses emitted so far in the instruction, and ``cyc`` is
advanced at the end of each straight run of accesses.  In the tracing flavour
each access is also stored in ``tr[cycle - t0]`` as
``address | value << 16 | is_write << 24``.
"""
from __future__ import annotations

import hashlib
import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

from . import state
from .. import jitcache
from .opcodes import CMOS, DECIMAL_EXTRA_CYCLE, NMOS, OPCODES, Opcode

INC_PC = "pc = (pc + 1) & 0xFFFF"


class Emitter:
    """Collects lines of generated code and counts the bus cycles in them."""

    def __init__(self, trace: bool, depth: int = 0):
        self.trace = trace
        self.lines: list[str] = []
        self.k = 0
        self.depth = depth
        self.tr = ", tr, t0" if trace else ""

    def emit(self, text: str) -> None:
        for line in text.strip("\n").splitlines():
            if line.strip():
                self.lines.append("    " * self.depth + line)

    def flush(self) -> None:
        """Advance ``cyc`` past the accesses emitted since the last flush."""
        if self.k:
            self.emit(f"cyc += {self.k}")
            self.k = 0

    def read(self, dst: str, addr: str) -> None:
        self.emit(f"{dst} = rd(cpu, mem, pages, dev{self.tr}, {addr}, cyc + {self.k})")
        self.k += 1

    def write(self, addr: str, value: str) -> None:
        self.emit(f"wr(cpu, mem, pages, dev{self.tr}, {addr}, {value}, cyc + {self.k})")
        self.k += 1

    def zread(self, dst: str, addr: str, page: int = 0) -> None:
        """A read of zero page or the stack: always memory, never I/O."""
        if self.trace:
            self.read(dst, f"{page * 0x100} + ({addr})" if page else addr)
        else:
            # The address in parentheses: "(b + 1) & 0xFF" must not take
            # the page's offset into its AND (it did, unseen while zero page
            # was always at offset 0; the IIe's ALTZP moves it).
            self.emit(f"{dst} = int64(mem[uint64(pages[{page}] + ({addr}))])")
            self.k += 1

    def zwrite(self, addr: str, value: str, page: int = 0) -> None:
        if self.trace:
            self.write(f"{page * 0x100} + ({addr})" if page else addr, value)
        else:
            self.emit(f"mem[uint64(pages[{256 + page}] + ({addr}))] = {value}")
            self.k += 1

    def push(self, value: str) -> None:
        self.zwrite("s", value, page=1)
        self.emit("s = (s - 1) & 0xFF")

    def pull(self, dst: str) -> None:
        """The stack read that follows a dummy read of the current slot."""
        self.emit("s = (s + 1) & 0xFF")
        self.zread(dst, "s", page=1)

    def when(self, test: str, body) -> None:
        """Emit ``body`` under ``if test``, keeping the cycle count exact."""
        self.flush()
        self.emit(f"if {test}:")
        self.depth += 1
        body()
        self.flush()
        if self.lines[-1].endswith(":"):
            self.emit("pass")
        self.depth -= 1


# --- operations --------------------------------------------------------------

def read_op(m: str, cmos: bool, mode: str) -> str:
    """Code that consumes the operand ``v``."""
    adc, sbc = ("adc_cmos", "sbc_cmos") if cmos else ("adc_nmos", "sbc_nmos")
    ops = {
        "LDA": "a = v\np = nz(p, a)",
        "LDX": "x = v\np = nz(p, x)",
        "LDY": "y = v\np = nz(p, y)",
        "LAX": "a = v\nx = v\np = nz(p, v)",
        "ADC": f"a, p = {adc}(a, v, p)",
        "SBC": f"a, p = {sbc}(a, v, p)",
        "AND": "a &= v\np = nz(p, a)",
        "ORA": "a |= v\np = nz(p, a)",
        "EOR": "a ^= v\np = nz(p, a)",
        "CMP": "p = compare(a, v, p)",
        "CPX": "p = compare(x, v, p)",
        "CPY": "p = compare(y, v, p)",
        "BIT": ("p = (p & 0xFD) | (2 if a & v == 0 else 0)" if mode == "imm"
                else "p = bit(a, v, p)"),
        "NOP": "",
        "LAS": "a = v & s\nx = a\ns = a\np = nz(p, a)",
        "ANC": "a &= v\np = nz(p, a)\np = (p & 0xFE) | (a >> 7)",
        "ALR": "a, p = lsr(a & v, p)",
        "ARR": "a, p = arr(a, v, p)",
        "ANE": "a = (a | 0xEE) & x & v\np = nz(p, a)",
        "LXA": "a = (a | 0xEE) & v\nx = a\np = nz(p, a)",
        "SBX": "t = a & x\np = compare(t, v, p)\nx = (t - v) & 0xFF",
    }
    return ops[m]


def rmw_op(m: str) -> str:
    """Code that turns the operand ``v`` into the result ``r``."""
    if m[:3] in ("RMB", "SMB"):
        bit = 1 << int(m[3])
        return f"r = v & {0xFF ^ bit}" if m.startswith("R") else f"r = v | {bit}"
    return {
        "ASL": "r, p = asl(v, p)",
        "LSR": "r, p = lsr(v, p)",
        "ROL": "r, p = rol(v, p)",
        "ROR": "r, p = ror(v, p)",
        "INC": "r = (v + 1) & 0xFF\np = nz(p, r)",
        "DEC": "r = (v - 1) & 0xFF\np = nz(p, r)",
        "SLO": "r, p = asl(v, p)\na |= r\np = nz(p, a)",
        "RLA": "r, p = rol(v, p)\na &= r\np = nz(p, a)",
        "SRE": "r, p = lsr(v, p)\na ^= r\np = nz(p, a)",
        "RRA": "r, p = ror(v, p)\na, p = adc_nmos(a, r, p)",
        "DCP": "r = (v - 1) & 0xFF\np = compare(a, r, p)",
        "ISC": "r = (v + 1) & 0xFF\na, p = sbc_nmos(a, r, p)",
        "TRB": "p = (p & 0xFD) | (2 if a & v == 0 else 0)\nr = v & (a ^ 0xFF)",
        "TSB": "p = (p & 0xFD) | (2 if a & v == 0 else 0)\nr = v | a",
    }[m]


WRITE_VALUE = {"STA": "a", "STX": "x", "STY": "y", "STZ": "0", "SAX": "a & x"}

IMPLIED = {
    "TAX": "x = a\np = nz(p, x)", "TAY": "y = a\np = nz(p, y)",
    "TXA": "a = x\np = nz(p, a)", "TYA": "a = y\np = nz(p, a)",
    "TSX": "x = s\np = nz(p, x)", "TXS": "s = x",
    "INX": "x = (x + 1) & 0xFF\np = nz(p, x)", "INY": "y = (y + 1) & 0xFF\np = nz(p, y)",
    "DEX": "x = (x - 1) & 0xFF\np = nz(p, x)", "DEY": "y = (y - 1) & 0xFF\np = nz(p, y)",
    "CLC": "p &= 0xFE", "SEC": "p |= 1", "CLD": "p &= 0xF7", "SED": "p |= 8",
    "CLV": "p &= 0xBF", "CLI": "p &= 0xFB", "SEI": "p |= 4", "NOP": "",
}

ACCUMULATOR = {
    "ASL": "a, p = asl(a, p)", "LSR": "a, p = lsr(a, p)",
    "ROL": "a, p = rol(a, p)", "ROR": "a, p = ror(a, p)",
    "INC": "a = (a + 1) & 0xFF\np = nz(p, a)", "DEC": "a = (a - 1) & 0xFF\np = nz(p, a)",
}

BRANCH_TEST = {
    "BPL": "not p & 0x80", "BMI": "p & 0x80", "BVC": "not p & 0x40", "BVS": "p & 0x40",
    "BCC": "not p & 1", "BCS": "p & 1", "BNE": "not p & 2", "BEQ": "p & 2", "BRA": "True",
}

# Instructions after which the interrupt poll still sees the old I flag.
I_FLAG_LATE = ("CLI", "SEI", "PLP")


# --- addressing modes ----------------------------------------------------------

def operand_address(e: Emitter, mode: str, dummy_on_cross_only: bool, cmos: bool) -> bool:
    """Emit the cycles that compute ``ea``; True if ``ea`` is in zero page.

    Dummy reads follow the chips: the NMOS 6502 puts the partly formed address
    on the bus while it fixes the high byte, the 65C02 re-reads the last
    operand byte instead.
    """
    if mode == "zp":
        e.read("ea", "pc")
        e.emit(INC_PC)
        return True
    if mode in ("zpx", "zpy"):
        e.read("b", "pc")
        e.emit(INC_PC)
        e.zread("d", "b")
        e.emit(f"ea = (b + {mode[-1]}) & 0xFF")
        return True
    if mode == "izx":
        e.read("b", "pc")
        e.emit(INC_PC)
        e.zread("d", "b")
        e.emit("b = (b + x) & 0xFF")
        e.zread("lo", "b")
        e.zread("hi", "(b + 1) & 0xFF")
        e.emit("ea = lo | (hi << 8)")
        return False
    if mode == "izp":
        e.read("b", "pc")
        e.emit(INC_PC)
        e.zread("lo", "b")
        e.zread("hi", "(b + 1) & 0xFF")
        e.emit("ea = lo | (hi << 8)")
        return False
    if mode == "abs":
        e.read("lo", "pc")
        e.read("hi", "(pc + 1) & 0xFFFF")
        e.emit("pc = (pc + 2) & 0xFFFF\nea = lo | (hi << 8)")
        return False
    if mode in ("abx", "aby", "izy"):
        if mode == "izy":
            e.read("b", "pc")
            e.emit(INC_PC)
            e.zread("lo", "b")
            e.zread("hi", "(b + 1) & 0xFF")
        else:
            e.read("lo", "pc")
            e.read("hi", "(pc + 1) & 0xFFFF")
            e.emit("pc = (pc + 2) & 0xFFFF")
        e.emit(f"t = lo + {'x' if mode == 'abx' else 'y'}\nea = ((hi << 8) + t) & 0xFFFF")
        dummy = "(pc - 1) & 0xFFFF" if cmos else "(hi << 8) | (t & 0xFF)"
        if dummy_on_cross_only:
            e.when("t > 0xFF", lambda: e.read("d", dummy))
        else:
            e.read("d", dummy)
        return False
    raise ValueError(f"no operand address for mode {mode}")


# --- decoding: every opcode is an operand pattern plus an operation ------------

def operand_class(o: Opcode, cmos: bool) -> str | None:
    """The name of the bus pattern that fetches the operand of ``o``.

    None marks the opcodes whose every cycle is written out in ``special``
    (branches, jumps, the stack, interrupts, halts).
    """
    m, mode, kind = o.mnemonic, o.mode, o.kind
    if o.branch or m in SPECIAL or (cmos and m == "NOP" and mode == "abs"):
        return None
    if mode == "imp":
        return "imp1" if o.cycles == 1 else "imp"
    if mode == "acc":
        return "acc"
    if kind == "read":
        return f"read_{mode}"
    if kind == "write":
        return f"write_{mode}"
    # Read-modify-write: the indexed fix-up cycle always happens on the NMOS
    # 6502 and for the 65C02's INC/DEC, only on a page crossing for the
    # 65C02's shifts and rotates.
    if cmos and mode == "abx" and m not in ("INC", "DEC"):
        return "modify_abx_on_cross"
    return f"modify_{mode}"


def operation(o: Opcode, cmos: bool) -> str | None:
    """The name of what ``o`` does once its operand is fetched."""
    if operand_class(o, cmos) is None:
        return None
    m = o.mnemonic
    if o.mode == "acc":
        return m + "_A"
    if m == "BIT" and o.mode == "imm":
        return "BIT_IMM"
    return m.rstrip("01234567")       # RMB0..7 and SMB0..7 share code


# Opcodes handled whole in ``special``.
SPECIAL = {"JAM", "STP", "WAI", "BRK", "JSR", "RTS", "RTI", "JMP", "PHA", "PHX", "PHY",
           "PHP", "PLA", "PLX", "PLY", "PLP", "SHA", "SHX", "SHY", "TAS",
           *(f"BBR{i}" for i in range(8)), *(f"BBS{i}" for i in range(8))}


def emit_operand(e: Emitter, cls: str, cmos: bool) -> None:
    """The cycles of one operand pattern; leaves ``v`` (reads) and ``ea``."""
    if cls == "imp":
        e.read("d", "pc")
    elif cls in ("acc", "imp1"):
        if cls == "acc":
            e.read("d", "pc")
    elif cls == "read_imm":
        e.read("v", "pc")
        e.emit("ea = pc\n" + INC_PC)
    elif cls.startswith("read_"):
        zp = operand_address(e, cls[5:], True, cmos)
        (e.zread if zp else e.read)("v", "ea")
    elif cls.startswith("write_"):
        operand_address(e, cls[6:], False, cmos)
    else:
        mode = cls.split("_")[1]
        zp = operand_address(e, mode, cls.endswith("_on_cross"), cmos)
        rd, wr = (e.zread, e.zwrite) if zp else (e.read, e.write)
        rd("v", "ea")
        if cmos:
            rd("d", "ea")       # the 65C02 reads again...
        else:
            wr("ea", "v")       # ...where the NMOS 6502 writes the old value back


def emit_operation(e: Emitter, name: str, o: Opcode, cmos: bool) -> None:
    """The work of one operation, from ``v``/``ea`` to registers and memory."""
    m = name
    if m.endswith("_A"):
        e.emit(ACCUMULATOR[m[:-2]])
    elif m in IMPLIED and o.mode == "imp":
        if m in I_FLAG_LATE:
            e.emit("cpu[I_LATE] = p & 4\ncpu[I_LATE_AT] = cyc")
        e.emit(IMPLIED[m])
    elif m in ("RMB", "SMB"):
        # The bit number is in the opcode's high nibble (mod 8).
        e.emit("bitmask = 1 << ((op >> 4) & 7)")
        e.emit("r = v & (0xFF ^ bitmask)" if m == "RMB" else "r = v | bitmask")
        e.write("ea", "r")
    elif o.kind == "read":
        if m in DECIMAL_EXTRA_CYCLE[CMOS if cmos else NMOS]:
            # The 65C02 spends one more cycle on the decimal fix-up, re-reading
            # the last address it read.
            e.when("p & 8", lambda: e.read("d", "ea"))
        e.emit(read_op("BIT" if m == "BIT_IMM" else m, cmos, "imm" if m == "BIT_IMM" else ""))
    elif o.kind == "write":
        e.write("ea", WRITE_VALUE[m])
    else:
        e.emit(rmw_op(m))
        e.write("ea", "r")
    e.flush()


# --- the opcodes handled whole ---------------------------------------------------

SELF_LOOP_CHECK = "if pc == opc and cpu[OPTIONS] & OPT_STOP_ON_SELF_LOOP:\n    reason = SELF_LOOP"


def emit_branch(e: Emitter) -> None:
    """Bxx: taken when the flag picked by opcode bits 7-6 equals bit 5.

    A taken branch that stays on its page delays interrupt recognition by one
    instruction; ``cpu[BRANCH_AT]`` remembers where that happened.
    """
    e.read("v", "pc")
    e.emit(INC_PC)

    def taken():
        e.read("d", "pc")
        e.emit("t = (pc + v - ((v & 0x80) << 1)) & 0xFFFF")
        e.when("(t ^ pc) & 0xFF00", lambda: e.read("d", "(pc & 0xFF00) | (t & 0xFF)"))
        e.emit("if not (t ^ pc) & 0xFF00:\n    cpu[BRANCH_AT] = cyc")
        e.emit("pc = t")

    e.when("op == 0x80 or ((p >> BRANCH_FLAG[op >> 6]) & 1) == ((op >> 5) & 1)", taken)
    e.emit(SELF_LOOP_CHECK)


def emit_bit_branch(e: Emitter) -> None:
    """65C02 BBRn/BBSn: branch on bit n (opcode bits 6-4) of a zero-page byte."""
    e.read("ea", "pc")
    e.zread("v", "ea")
    e.zread("d", "ea")
    e.read("b", "(pc + 1) & 0xFFFF")
    e.emit("pc = (pc + 2) & 0xFFFF")

    def taken():
        e.read("d", "pc")
        e.emit("t = (pc + b - ((b & 0x80) << 1)) & 0xFFFF")
        e.when("(t ^ pc) & 0xFF00", lambda: e.read("d", "pc"))
        e.emit("pc = t")

    e.when("((v >> ((op >> 4) & 7)) & 1) == (op >> 7)", taken)
    e.emit(SELF_LOOP_CHECK)


def emit_unstable_store(e: Emitter, o: Opcode) -> None:
    """SHA/SHX/SHY/TAS: store a register ANDed with the address high byte + 1.

    These are unstable on real chips (the AND depends on the chip and on DMA
    timing).  The core does what the single-step data records, on every one
    of its cases: the store goes to the indexed address, and the value is the
    register ANDed with one more than that address's high byte.
    """
    value = {"SHA": "a & x", "SHX": "x", "SHY": "y", "TAS": "a & x"}[o.mnemonic]
    if o.mode == "izy":
        e.read("b", "pc")
        e.emit(INC_PC)
        e.zread("lo", "b")
        e.zread("hi", "(b + 1) & 0xFF")
        idx = "y"
    else:
        e.read("lo", "pc")
        e.read("hi", "(pc + 1) & 0xFFFF")
        e.emit("pc = (pc + 2) & 0xFFFF")
        idx = "x" if o.mode == "abx" else "y"
    e.emit(f"t = lo + {idx}")
    e.read("d", "(hi << 8) | (t & 0xFF)")
    if o.mnemonic == "TAS":
        e.emit("s = a & x")
    e.emit(f"ea = ((hi << 8) + t) & 0xFFFF\nv = ({value}) & (((ea >> 8) + 1) & 0xFF)")
    e.write("ea", "v")


def emit_interrupt(e: Emitter, cmos: bool, brk: bool) -> None:
    """BRK, IRQ and NMI: push PC and P, set I, fetch ``vector``."""
    if brk:
        e.read("d", "pc")       # the signature byte after BRK
        e.emit(INC_PC)
    else:
        e.read("d", "pc")       # the opcode fetch that is thrown away
        e.read("d", "pc")
    e.push("pc >> 8")
    e.push("pc & 0xFF")
    e.push("p | 0x30" if brk else "(p & 0xEF) | 0x20")
    e.emit("p = (p | 4) & 0xF7" if cmos else "p |= 4")
    e.read("lo", "vector")
    e.read("hi", "vector + 1")
    e.emit("pc = lo | (hi << 8)")


def emit_reset(e: Emitter, cmos: bool) -> None:
    """RESET: like an interrupt, but the three pushes are reads."""
    e.read("d", "pc")
    e.read("d", "pc")
    for _ in range(3):
        e.zread("d", "s", page=1)
        e.emit("s = (s - 1) & 0xFF")
    e.emit("p = (p | 4) & 0xF7" if cmos else "p |= 4")
    e.read("lo", "0xFFFC")
    e.read("hi", "0xFFFD")
    e.emit("pc = lo | (hi << 8)")


def emit_special(e: Emitter, o: Opcode, cmos: bool) -> None:
    """Every cycle of one opcode that has no operand pattern."""
    m, mode = o.mnemonic, o.mode
    if m == "JAM":
        # Halts with the bus stuck re-reading the byte after the opcode.
        e.read("d", "pc")
        e.read("d", "pc")
        e.flush()
        e.emit("pc = opc\nreason = JAM")
    elif m in ("STP", "WAI"):
        e.read("d", "pc")
        e.read("d", "pc")
        e.flush()
        if m == "STP":
            e.emit("reason = STP")
        else:
            # Asleep until an interrupt line falls: an IRQ a card has scheduled
            # (IRQ_AT, perhaps cycles ahead) wakes it in the first cycle the core
            # would take it, whether or not the I flag lets it be taken.
            e.emit("if cpu[NMI] == cpu[NMI_SEEN] and (cpu[IRQ] == 0 or cpu[IRQ_AT] + 2 > cyc):\n"
                   "    if cpu[IRQ] != 0 and cpu[IRQ_AT] + 2 <= climit:\n"
                   "        cyc = cpu[IRQ_AT] + 2\n"
                   "    else:\n"
                   "        cpu[WAITING] = 1\n        cyc = max(cyc, climit)\n        reason = WAITED")
    elif m == "BRK":
        e.emit("vector = 0xFFFE")
        emit_interrupt(e, cmos, brk=True)
    elif m == "JSR":
        e.read("lo", "pc")
        e.emit(INC_PC)
        e.zread("d", "s", page=1)
        e.push("pc >> 8")
        e.push("pc & 0xFF")
        e.read("hi", "pc")
        e.emit("pc = lo | (hi << 8)")
    elif m == "RTS":
        e.read("d", "pc")
        e.zread("d", "s", page=1)
        e.pull("lo")
        e.pull("hi")
        e.emit("pc = lo | (hi << 8)")
        e.read("d", "pc")
        e.emit(INC_PC)
    elif m == "RTI":
        e.read("d", "pc")
        e.zread("d", "s", page=1)
        e.pull("v")
        e.emit("p = (v & 0xCF) | (p & 0x30)")
        e.pull("lo")
        e.pull("hi")
        e.emit("pc = lo | (hi << 8)")
    elif m in ("PHA", "PHX", "PHY", "PHP"):
        e.read("d", "pc")
        e.push({"PHA": "a", "PHX": "x", "PHY": "y", "PHP": "p | 0x30"}[m])
    elif m in ("PLA", "PLX", "PLY", "PLP"):
        e.read("d", "pc")
        e.zread("d", "s", page=1)
        e.pull("v")
        if m == "PLP":
            e.emit("cpu[I_LATE] = p & 4\np = (v & 0xCF) | (p & 0x30)")
        else:
            e.emit(f"{m[2].lower()} = v\np = nz(p, v)")
    elif m == "JMP":
        e.read("lo", "pc")
        e.read("hi", "(pc + 1) & 0xFFFF")
        e.emit("ea = lo | (hi << 8)")
        if mode == "abs":
            e.emit("pc = ea")
        elif mode == "ind" and not cmos:
            # The NMOS 6502 does not carry into the pointer's high byte.
            e.read("lo", "ea")
            e.read("hi", "(ea & 0xFF00) | ((ea + 1) & 0xFF)")
            e.emit("pc = lo | (hi << 8)")
        elif mode == "ind":
            # The 65C02 fixes the bug with one more cycle, which first reads
            # the address the NMOS chip would have used.
            e.read("lo", "ea")
            e.read("d", "(ea & 0xFF00) | ((ea + 1) & 0xFF)")
            e.read("hi", "(ea + 1) & 0xFFFF")
            e.emit("pc = lo | (hi << 8)")
        else:  # iax: re-reads the low operand byte while adding X
            e.read("d", "pc")
            e.emit("ea = (ea + x) & 0xFFFF")
            e.read("lo", "ea")
            e.read("hi", "(ea + 1) & 0xFFFF")
            e.emit("pc = lo | (hi << 8)")
        e.flush()
        e.emit(SELF_LOOP_CHECK)
    elif m == "NOP":
        # 65C02 $5C/$DC/$FC: three bytes, and the address is never read.
        e.read("lo", "pc")
        e.read("hi", "(pc + 1) & 0xFFFF")
        e.read("d", "(pc + 1) & 0xFFFF")
        e.emit("pc = (pc + 2) & 0xFFFF")
    elif m in ("SHA", "SHX", "SHY", "TAS"):
        emit_unstable_store(e, o)
    else:
        raise ValueError(f"no code for special opcode {o}")
    e.flush()
    if m == "PLP":
        e.emit("cpu[I_LATE_AT] = cyc")


# --- the module ----------------------------------------------------------------

def _chain(cases: list[tuple[str, list[str]]], depth: int) -> list[str]:
    """An if/elif chain (LLVM makes it a jump table) from (test, lines) pairs."""
    out = []
    pad = "    " * depth
    for i, (test, lines) in enumerate(cases):
        out.append(f"{pad}{'if' if i == 0 else 'elif'} {test}:")
        out.extend(lines)
        if all(line.strip().startswith("#") for line in lines):
            out.append(f"{pad}    pass")
    return out


def _emitted(trace: bool, depth: int, fill) -> list[str]:
    e = Emitter(trace, depth)
    fill(e)
    e.flush()
    return e.lines


def decode_tables(variant: str) -> tuple[list[int], list[int], list[str], list[str]]:
    """Per opcode: operand class number and operation number (-1: special)."""
    cmos = variant == CMOS
    classes, operations = [], []
    for o in OPCODES[variant]:
        for names, name in ((classes, operand_class(o, cmos)), (operations, operation(o, cmos))):
            if name is not None and name not in names:
                names.append(name)
    cls = [classes.index(c) if (c := operand_class(o, cmos)) else -1 for o in OPCODES[variant]]
    opn = [operations.index(n) if (n := operation(o, cmos)) else -1 for o in OPCODES[variant]]
    return cls, opn, classes, operations


FLAVOURS = ("fast", "trace", "debug")


def generate(variant: str, flavour: str, bus: str) -> str:
    """The Python source of one core flavour.

    ``fast``: the plain core.  ``trace``: every bus cycle is logged in the
    ``tr`` buffer.  ``debug``: ``tr`` is 64 KiB of per-address flags
    (``state.DEBUG_*``): breakpoints, and read and write watchpoints.  The
    trace and debug flavours send zero-page and stack accesses through
    rd/wr too, so that nothing escapes the log or the watch.
    """
    if flavour not in FLAVOURS:
        raise ValueError(f"unknown core flavour {flavour!r}: use one of {FLAVOURS}")
    trace = flavour != "fast"           # every access through rd/wr, with tr at hand
    debug = flavour == "debug"
    cmos = variant == CMOS
    table = OPCODES[variant]
    cls, opn, classes, operations = decode_tables(variant)
    example = {name: table[opn.index(i)] for i, name in enumerate(operations)}

    operand_cases = [(f"cls == {i}", [f"        # {name}"] + _emitted(
        trace, 2, lambda e, name=name: emit_operand(e, name, cmos)))
        for i, name in enumerate(classes)]
    operation_cases = [(f"opn == {i}", [f"        # {name}"] + _emitted(
        trace, 2, lambda e, name=name: emit_operation(e, name, example[name], cmos)))
        for i, name in enumerate(operations)]
    special_cases = [(f"op == 0x{o.code:02X}", [f"        # {o.mnemonic} {o.mode}"] + _emitted(
        trace, 2, lambda e, o=o: emit_special(e, o, cmos)))
        for o in table if cls[o.code] < 0 and not o.branch]

    tr_args = ", tr, t0" if trace else ""
    constants = "\n".join(f"{name} = {getattr(state, name)}" for name in _STATE_NAMES)
    constants += "\n" + "\n".join(f"{name} = {getattr(state.StopReason, name)}"
                                  for name in _STOP_NAMES)
    kinds = [0 if c >= 0 else (2 if o.branch and o.mode == "rel" else 1)
             for c, o in zip(cls, table)]
    return MODULE_TEMPLATE.format(
        variant=variant, flavour=flavour, bus=bus, digest=_inputs_digest(bus),
        constants=constants,
        kind_table=_array(kinds), class_table=_array(cls), operation_table=_array(opn),
        tr_args=tr_args,
        bus_args="cpu, mem, pages, dev" + tr_args,
        tr_read=DEBUG_READ_HOOK if debug else TRACE_READ_HOOK if trace else "",
        tr_write=DEBUG_WRITE_HOOK if debug else TRACE_WRITE_HOOK if trace else "",
        tr_limit=("    cpu[WATCH_HIT] = 0\n" if debug else
                  "    climit = min(climit, t0 + len(tr) - 16)\n" if trace else ""),
        loop_top=DEBUG_LOOP_TOP if debug else "",
        loop_end=DEBUG_LOOP_END if debug else "",
        operand_body="\n".join(_chain(operand_cases, 1)),
        operation_body="\n".join(_chain(operation_cases, 1)),
        special_body="\n".join(_chain(special_cases, 1)),
        branch_body="\n".join(_emitted(trace, 1, emit_branch)),
        bit_branch_body="\n".join(_emitted(trace, 1, emit_bit_branch)) if cmos else "    pass",
        interrupt_body="\n".join(_emitted(trace, 1, lambda e: emit_interrupt(e, cmos, False))),
        reset_body="\n".join(_emitted(trace, 1, lambda e: emit_reset(e, cmos))),
        bbr_test="op & 0x0F == 0x0F" if cmos else "False",
        hot_dispatch=_hot_dispatch(table, cls, "cpu, mem, pages, dev" + tr_args),
    )


# The opcodes most 6502 programs spend their time in.  run() gives each its own
# case of the first jump table, calling the shared operand/execute/branch/
# special functions with the opcode as a constant: LLVM inlines them and keeps
# only that opcode's path, so these opcodes cost one indirect jump instead of
# two or three.  Any other opcode takes the shared path.
HOT_OPCODES = (
    0xA9, 0xA5, 0xAD, 0xBD, 0xB9, 0xB1, 0xB5,       # LDA
    0x85, 0x8D, 0x9D, 0x99, 0x91, 0x95,             # STA
    0xA2, 0xA6, 0xAE, 0xA0, 0xA4, 0xAC,             # LDX LDY
    0x86, 0x84, 0x8E, 0x8C,                         # STX STY
    0xE8, 0xC8, 0xCA, 0x88, 0xAA, 0xA8, 0x8A, 0x98,  # INX INY DEX DEY and transfers
    0xC9, 0xC5, 0xCD, 0xE0, 0xC0,                   # CMP CPX CPY
    0x69, 0x65, 0xE9, 0xE5, 0x29, 0x09, 0x49,       # ADC SBC AND ORA EOR
    0xE6, 0xC6, 0xEE, 0xCE, 0x0A, 0x4A, 0x2A, 0x6A,  # INC DEC and shifts
    0x18, 0x38, 0x48, 0x68, 0x08, 0x28,             # CLC SEC and the stack
    0xD0, 0xF0, 0x10, 0x30, 0x90, 0xB0,             # branches
    0x20, 0x60, 0x4C,                               # JSR RTS JMP
)


def _hot_dispatch(table, cls: list[int], bus_args: str) -> str:
    out = []
    for i, code in enumerate(HOT_OPCODES):
        o = table[code]
        keyword = "if" if i == 0 else "elif"
        out.append(f"        {keyword} op == 0x{code:02X}:  # {o.mnemonic} {o.mode}")
        k = f"IDENT[0x{code:02X}]"
        if cls[code] >= 0:
            out.append(f"            v, ea, pc, cyc = operand({bus_args}, CLASS[0x{code:02X}], pc, x, y, cyc)")
            out.append(f"            a, x, y, s, p, cyc = execute({bus_args}, OPERATION[0x{code:02X}], {k}, "
                       "v, ea, a, x, y, s, p, cyc)")
        elif o.branch:
            out.append(f"            pc, cyc, reason = branch({bus_args}, {k}, opc, p, pc, cyc)")
        else:
            out.append(f"            a, x, y, s, p, pc, cyc, reason = special({bus_args}, {k}, opc, "
                       "a, x, y, s, p, pc, cyc, climit)")
    return "\n".join(out)


def _array(values: list[int]) -> str:
    rows = [", ".join(f"{v:2d}" for v in values[i:i + 16]) for i in range(0, 256, 16)]
    return "np.array([\n    " + ",\n    ".join(rows) + ",\n], dtype=np.int64)"


MODULE_TEMPLATE = '''\
# Generated by emu.cpu.codegen: do not edit; edit the generator instead.
# variant={variant} flavour={flavour} bus={bus} inputs={digest}
import numpy as np
from numba import njit
from numpy import int64, uint64

from emu import jit_options
from emu.cpu.alu import adc_cmos, adc_nmos, arr, asl, bit, compare, lsr, nz, rol, ror, sbc_cmos, sbc_nmos
from {bus} import io_read, io_write, logged_write

JIT = jit_options()
INLINE = jit_options(inline=True)
{constants}

# Per opcode: 0 = operand pattern + operation, 1 = special, 2 = relative branch.
KIND = {kind_table}
# Per opcode: the operand pattern (case of operand()) and operation (case of execute()).
CLASS = {class_table}
OPERATION = {operation_table}
# The opcode itself, read from this constant table so that LLVM sees a constant
# where numba sees a plain integer (see HOT_OPCODES in the generator).
IDENT = np.arange(256, dtype=np.int64)
# Relative branches: the status bit tested, by opcode bits 7-6 (N, V, C, Z).
BRANCH_FLAG = np.array([7, 6, 0, 1], dtype=np.int64)


@njit(**INLINE)
def rd(cpu, mem, pages, dev{tr_args}, addr, cyc):
    """One read bus cycle: memory through the page table, or the I/O handler."""
    off = pages[uint64(addr >> 8)]
    if off >= 0:
        v = int64(mem[uint64(off + (addr & 0xFF))])
    else:
        v = int64(io_read(cpu, dev, addr, cyc))
{tr_read}    return v


@njit(**INLINE)
def wr(cpu, mem, pages, dev{tr_args}, addr, v, cyc):
    """One write bus cycle: -1 in the page table is I/O, -2 - offset memory whose writes are logged."""
{tr_write}    off = pages[uint64(256 + (addr >> 8))]
    if off >= 0:
        mem[uint64(off + (addr & 0xFF))] = v
    elif off == -1:
        io_write(cpu, dev, addr, v, cyc)
    else:
        logged_write(dev, mem, -2 - off + (addr & 0xFF), v, cyc)


@njit(**INLINE)
def operand({bus_args}, cls, pc, x, y, cyc):
    """The bus cycles that fetch an instruction's operand; returns v, ea, pc, cyc."""
    v = ea = d = b = lo = hi = t = 0
{operand_body}
    return v, ea, pc, cyc


@njit(**INLINE)
def execute({bus_args}, opn, op, v, ea, a, x, y, s, p, cyc):
    """What an instruction does with its operand, including its writes."""
    d = r = t = bitmask = 0
{operation_body}
    return a, x, y, s, p, cyc


@njit(**INLINE)
def branch({bus_args}, op, opc, p, pc, cyc):
    """Relative branches; returns pc, cyc, reason."""
    reason = LIMIT
    v = d = t = 0
{branch_body}
    return pc, cyc, reason


@njit(**INLINE)
def bit_branch({bus_args}, op, opc, pc, cyc):
    """65C02 BBR/BBS; returns pc, cyc, reason."""
    reason = LIMIT
    v = d = t = b = ea = 0
{bit_branch_body}
    return pc, cyc, reason


@njit(**INLINE)
def special({bus_args}, op, opc, a, x, y, s, p, pc, cyc, climit):
    """Opcodes written out cycle by cycle: jumps, the stack, BRK, halts."""
    reason = LIMIT
    d = v = ea = lo = hi = t = b = vector = 0
{special_body}
    return a, x, y, s, p, pc, cyc, reason


@njit(**JIT)
def interrupt({bus_args}, pc, s, p, cyc, vector):
    """IRQ or NMI: 7 cycles, then the handler at the vector."""
    d = lo = hi = 0
{interrupt_body}
    return pc, s, p, cyc


@njit(**JIT)
def reset({bus_args}, pc, s, p, cyc):
    """RESET: 7 cycles, then the handler at ($FFFC)."""
    d = lo = hi = 0
{reset_body}
    return pc, s, p, cyc


@njit(**JIT)
def run(cpu, mem, pages, dev, tr, climit, ilimit):
    """Run until the cycle count reaches climit or ilimit instructions ran.

    Returns a StopReason.  tr: the bus trace buffer (trace flavour) or the
    per-address debug flags (debug flavour); unused by the fast flavour.
    """
    if cpu[HALT] != 0 and cpu[RESET] == 0:
        return cpu[HALT]
    a = cpu[A]
    x = cpu[X]
    y = cpu[Y]
    s = cpu[S]
    p = cpu[P]
    pc = cpu[PC]
    cyc = cpu[CYCLES]
    t0 = cyc
{tr_limit}    if cpu[WAITING] != 0:
        if cpu[NMI] == cpu[NMI_SEEN] and cpu[RESET] == 0:
            if cpu[IRQ] == 0 or cpu[IRQ_AT] + 2 > climit:
                cpu[CYCLES] = max(cyc, climit)
                return LIMIT
            cyc = max(cyc, cpu[IRQ_AT] + 2)
        cpu[WAITING] = 0
    n = 0
    pc0 = pc
    reason = LIMIT
    while cyc < climit and n < ilimit:
        if cpu[RESET] != 0 or cpu[IRQ] != 0 or cpu[NMI] != cpu[NMI_SEEN]:
            if cpu[RESET] != 0:
                cpu[RESET] = 0
                cpu[HALT] = 0
                cpu[WAITING] = 0
                pc, s, p, cyc = reset({bus_args}, pc, s, p, cyc)
                continue
            back = 2 if cpu[BRANCH_AT] == cyc else 1
            if cpu[NMI] != cpu[NMI_SEEN] and (cpu[NMI] == 0 or cpu[NMI_AT] <= cyc - 1 - back):
                cpu[NMI_SEEN] = cpu[NMI]
                if cpu[NMI] != 0:
                    pc, s, p, cyc = interrupt({bus_args}, pc, s, p, cyc, 0xFFFA)
                    continue
            imask = cpu[I_LATE] if cpu[I_LATE_AT] == cyc else p & 4
            if cpu[IRQ] != 0 and imask == 0 and cpu[IRQ_AT] <= cyc - 1 - back:
                pc, s, p, cyc = interrupt({bus_args}, pc, s, p, cyc, 0xFFFE)
                continue
{loop_top}        opc = pc
        op = rd(cpu, mem, pages, dev{tr_args}, pc, cyc)
        pc = (pc + 1) & 0xFFFF
        cyc += 1
        n += 1
{hot_dispatch}
        else:
            kind = KIND[op]
            if kind == 0:
                v, ea, pc, cyc = operand({bus_args}, CLASS[op], pc, x, y, cyc)
                a, x, y, s, p, cyc = execute({bus_args}, OPERATION[op], op, v, ea, a, x, y, s, p, cyc)
            elif kind == 2:
                pc, cyc, reason = branch({bus_args}, op, opc, p, pc, cyc)
            elif {bbr_test}:
                pc, cyc, reason = bit_branch({bus_args}, op, opc, pc, cyc)
            else:
                a, x, y, s, p, pc, cyc, reason = special({bus_args}, op, opc, a, x, y, s, p, pc, cyc, climit)
{loop_end}        if reason != LIMIT:
            if reason == WAITED:
                reason = LIMIT
            break
    if reason == JAM or reason == STP:
        cpu[HALT] = reason
    cpu[A] = a
    cpu[X] = x
    cpu[Y] = y
    cpu[S] = s
    cpu[P] = p
    cpu[PC] = pc
    cpu[CYCLES] = cyc
    cpu[INSTRUCTIONS] += n
    return reason
'''

_STATE_NAMES = ("A X Y S P PC CYCLES IRQ IRQ_AT NMI NMI_AT NMI_SEEN HALT WAITING RESET "
                "I_LATE I_LATE_AT BRANCH_AT OPTIONS INSTRUCTIONS OPT_STOP_ON_SELF_LOOP "
                "WATCH_HIT WATCH_ADDR WATCH_VALUE WATCH_WRITE WATCH_CYCLE OPT_BREAK_ON_BRK "
                "DEBUG_BREAK DEBUG_READ DEBUG_WRITE").split()
_STOP_NAMES = ("LIMIT", "JAM", "STP", "SELF_LOOP", "WAITED", "BREAKPOINT", "WATCHPOINT", "BRK")

TRACE_READ_HOOK = "    tr[cyc - t0] = addr | (v << 16)\n"
TRACE_WRITE_HOOK = "    tr[cyc - t0] = addr | (v << 16) | (1 << 24)\n"
# The debug flavour notes the first watched access of an instruction; run()
# stops when the instruction is over (a bus cycle cannot be cut in half).
_DEBUG_HOOK = """\
    if (tr[uint64(addr)] & {flag}) != 0 and cpu[WATCH_HIT] == 0:
        cpu[WATCH_HIT] = 1
        cpu[WATCH_ADDR] = addr
        cpu[WATCH_VALUE] = v
        cpu[WATCH_WRITE] = {write}
        cpu[WATCH_CYCLE] = cyc
"""
DEBUG_READ_HOOK = _DEBUG_HOOK.format(flag="DEBUG_READ", write=0)
DEBUG_WRITE_HOOK = _DEBUG_HOOK.format(flag="DEBUG_WRITE", write=1)
# Before each instruction: a breakpoint, or a BRK to break on, stops the run
# with PC on the instruction, unless it is where this run started (so that
# running again from a breakpoint goes on).  Memory is peeked, not read: no
# bus cycle, no side effect.
DEBUG_LOOP_TOP = """\
        if n > 0 or pc != pc0:
            if (tr[uint64(pc)] & DEBUG_BREAK) != 0:
                reason = BREAKPOINT
                break
            if (cpu[OPTIONS] & OPT_BREAK_ON_BRK) != 0:
                off = pages[uint64(pc >> 8)]
                if off >= 0 and mem[uint64(off + (pc & 0xFF))] == 0:
                    reason = BRK
                    break
"""
DEBUG_LOOP_END = """\
        if cpu[WATCH_HIT] != 0 and reason == LIMIT:
            reason = WATCHPOINT
"""


def _inputs_digest(bus: str) -> str:
    """A hash of every source the generated core depends on.

    numba's cache only watches the generated file itself; putting this hash in
    that file makes any change to the generator, the ALU, the bus module or
    any module of the package the bus imports (the cards, the scanner: the
    core inlines them) invalidate the cached machine code.
    """
    h = hashlib.sha256()
    here = Path(__file__).parent
    for name in ("codegen.py", "alu.py", "opcodes.py", "state.py"):
        h.update((here / name).read_bytes())
    if bus.startswith("emu."):
        h.update(jitcache.module_hash(bus).encode())
    else:                                       # a bus from outside the package: its file
        spec = importlib.util.find_spec(bus)
        if spec and spec.origin:
            h.update(Path(spec.origin).read_bytes())
    return h.hexdigest()[:16]


def _generated_dir() -> Path:
    here = Path(__file__).parent / "_generated"
    try:
        here.mkdir(exist_ok=True)
        if os.access(here, os.W_OK):
            return here
    except OSError:
        pass
    home = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "apple2" / "generated"
    home.mkdir(parents=True, exist_ok=True)
    return home


_loaded: dict[tuple[str, str, str], ModuleType] = {}


def load(variant: str, flavour: str, bus: str) -> ModuleType:
    """Generate (if changed) and import one core flavour; returns its module.

    The file is rewritten only when its text changes, so numba's on-disk cache
    of the compiled ``run`` stays valid between runs.
    """
    key = (variant, flavour, bus)
    if key in _loaded:
        return _loaded[key]
    if variant not in (NMOS, CMOS):
        raise ValueError(f"unknown CPU variant {variant!r}: use {NMOS} or {CMOS}")
    source = generate(variant, flavour, bus)
    name = f"core_{variant}_{flavour}_{bus.replace('.', '_')}"
    path = _generated_dir() / f"{name}.py"
    if not path.exists() or path.read_text() != source:
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        tmp.write_text(source)
        os.replace(tmp, path)
    spec = importlib.util.spec_from_file_location(f"emu_generated_{name}", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    _loaded[key] = module
    return module
