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
the page tables ``rmap``/``wmap``: a non-negative entry is an offset into
``mem``, a negative one sends the access to the bus module's jitted
``io_read``/``io_write``.  Pages 0 and 1 (zero page and stack) are always
memory, so the fast flavour reaches them without the check.

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
        self.emit(f"{dst} = rd(cpu, mem, rmap, dev{self.tr}, {addr}, cyc + {self.k})")
        self.k += 1

    def write(self, addr: str, value: str) -> None:
        self.emit(f"wr(cpu, mem, wmap, dev{self.tr}, {addr}, {value}, cyc + {self.k})")
        self.k += 1

    def zread(self, dst: str, addr: str, page: int = 0) -> None:
        """A read of zero page or the stack: always memory, never I/O."""
        if self.trace:
            self.read(dst, f"{page * 0x100} + {addr}" if page else addr)
        else:
            self.emit(f"{dst} = int64(mem[uint64(rmap[{page}] + {addr})])")
            self.k += 1

    def zwrite(self, addr: str, value: str, page: int = 0) -> None:
        if self.trace:
            self.write(f"{page * 0x100} + {addr}" if page else addr, value)
        else:
            self.emit(f"mem[uint64(wmap[{page}] + {addr})] = {value}")
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

class Helpers:
    """Small jitted functions shared by many opcodes.

    Each addressing mode's bus cycles are one helper, called from every opcode
    that uses the mode.  This keeps the ``run`` function short, which matters
    because numba's compile time grows faster than a function's size; LLVM
    inlines the helpers again, so run time does not suffer.
    """

    def __init__(self, trace: bool, inline: bool = False):
        self.trace = trace
        self.inline = inline
        self.bus = "cpu, mem, rmap, wmap, dev" + (", tr, t0" if trace else "")
        self.sources: dict[str, str] = {}

    def call(self, name: str, params: str, returns: str, fill, inline: bool | None = None,
             **values: str) -> str:
        """Code that runs helper ``name``: a call, or its body written out in place.

        ``params`` names the helper's parameters, which are the caller's
        variables of the same name unless ``values`` gives an expression.
        """
        if self.inline if inline is None else inline:
            e = Emitter(self.trace)
            fill(e)
            e.flush()
            return "\n".join([f"{k} = {v}" for k, v in values.items()] + e.lines)
        if name not in self.sources:
            e = Emitter(self.trace, depth=1)
            fill(e)
            e.flush()
            body = "\n".join(e.lines)
            self.sources[name] = (f"@njit(**INLINE)\ndef {name}({self.bus}, {params}):\n"
                                  f"{body}\n    return {returns}\n")
        args = ", ".join(values.get(p, p) for p in params.split(", "))
        return f"{returns} = {name}({self.bus}, {args})"


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


ZERO_PAGE_MODES = ("zp", "zpx", "zpy")


def read_operand(h: Helpers, mode: str, cmos: bool, bcd: bool) -> str:
    """Call the helper that fetches the operand ``v`` of a reading instruction.

    ``bcd``: the 65C02's ADC/SBC, which spend one more cycle in decimal mode
    re-reading the last address they read.
    """
    def fill(e: Emitter) -> None:
        if mode == "imm":
            e.read("v", "pc")
            e.emit(INC_PC)
            last, zp = "(pc - 1) & 0xFFFF", False
        else:
            zp = operand_address(e, mode, True, cmos)
            last = "ea"
        rd = e.zread if zp else e.read
        if mode != "imm":
            rd("v", "ea")
        if bcd:
            e.when("p & 8", lambda: rd("d", last))

    name = f"read_{mode}" + ("_bcd" if bcd else "")
    return h.call(name, "pc, x, y, cyc" + (", p" if bcd else ""), "v, pc, cyc", fill)


def write_address(h: Helpers, mode: str, cmos: bool) -> str:
    """Call the helper that computes ``ea`` for a store, with its dummy reads."""
    return h.call(f"addr_{mode}_write", "pc, x, y, cyc", "ea, pc, cyc",
                  lambda e: operand_address(e, mode, False, cmos))


def modify_operand(h: Helpers, mode: str, cmos: bool, fix_always: bool) -> str:
    """Call the helper of a read-modify-write: address, read, and the extra cycle.

    The NMOS 6502 writes the unmodified value back before the result; the
    65C02 reads the address again instead.  ``fix_always``: the indexed fix-up
    cycle happens even without a page crossing (all NMOS RMWs, 65C02 INC/DEC).
    """
    def fill(e: Emitter) -> None:
        zp = operand_address(e, mode, not fix_always, cmos)
        rd, wr = (e.zread, e.zwrite) if zp else (e.read, e.write)
        rd("v", "ea")
        if cmos:
            rd("d", "ea")
        else:
            wr("ea", "v")

    name = f"modify_{mode}" + ("" if fix_always else "_on_cross")
    return h.call(name, "pc, x, y, cyc", "ea, v, pc, cyc", fill)


# --- instructions -------------------------------------------------------------

def gen_memory_op(e: Emitter, h: Helpers, o: Opcode, cmos: bool) -> None:
    """Instructions that read, write or modify one operand in memory."""
    m, kind, mode = o.mnemonic, o.kind, o.mode
    if m in ("SHA", "SHX", "SHY", "TAS"):
        return gen_unstable_store(e, o)
    zp = mode in ZERO_PAGE_MODES
    if kind == "read":
        bcd = m in DECIMAL_EXTRA_CYCLE[CMOS if cmos else NMOS]
        e.emit(read_operand(h, mode, cmos, bcd))
        e.emit(read_op(m, cmos, mode))
    elif kind == "write":
        e.emit(write_address(h, mode, cmos))
        (e.zwrite if zp else e.write)("ea", WRITE_VALUE[m])
    else:
        fix_always = not cmos or mode != "abx" or m in ("INC", "DEC")
        e.emit(modify_operand(h, mode, cmos, fix_always))
        e.emit(rmw_op(m))
        (e.zwrite if zp else e.write)("ea", "r")


def gen_unstable_store(e: Emitter, o: Opcode) -> None:
    """SHA/SHX/SHY/TAS: store a register ANDed with the base high byte + 1.

    When the index crosses a page, the stored value also replaces the high
    byte of the address (as the single-step data records).
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
    e.emit(f"v = ({value}) & ((hi + 1) & 0xFF)\n"
           "ea = ((v << 8) | (t & 0xFF)) if t > 0xFF else ((hi << 8) | t)")
    e.write("ea", "v")


SELF_LOOP_CHECK = "if pc == opc and stop_self:\n    reason = SELF_LOOP"


def gen_branch(e: Emitter, h: Helpers, o: Opcode) -> None:
    """Relative branches; a taken branch that stays on its page delays interrupts."""
    def fill(e: Emitter) -> None:
        e.read("v", "pc")
        e.emit(INC_PC + "\nsame_page = False")

        def taken():
            e.read("d", "pc")
            e.emit("t = (pc + v - ((v & 0x80) << 1)) & 0xFFFF")
            e.when("(t ^ pc) & 0xFF00", lambda: e.read("d", "(pc & 0xFF00) | (t & 0xFF)"))
            e.emit("same_page = not (t ^ pc) & 0xFF00\npc = t")

        e.when("taken", taken)

    e.emit(h.call("branch", "pc, cyc, taken", "pc, cyc, same_page", fill,
                  taken=BRANCH_TEST[o.mnemonic]))
    e.emit("if same_page:\n    bnc_at = cyc")
    e.emit(SELF_LOOP_CHECK)


def gen_bit_branch(e: Emitter, h: Helpers, o: Opcode) -> None:
    """65C02 BBR/BBS: test a zero-page bit, then branch."""
    def fill(e: Emitter) -> None:
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

        e.when("(v & mask != 0) == want", taken)

    bit = 1 << int(o.mnemonic[3])
    want = o.mnemonic.startswith("BBS")
    e.emit(h.call("bit_branch", "pc, cyc, mask, want", "pc, cyc", fill,
                  mask=str(bit), want=str(want)))
    e.emit(SELF_LOOP_CHECK)


def interrupt_sequence(h: Helpers, cmos: bool, brk: bool, vector: int) -> str:
    """BRK, IRQ and NMI: push PC and P, set I, fetch the vector."""
    def fill(e: Emitter) -> None:
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

    return h.call("brk" if brk else "interrupt", "pc, s, p, cyc, vector", "pc, s, p, cyc", fill,
                  inline=False, vector=hex(vector))


def reset_sequence(h: Helpers, cmos: bool) -> str:
    """RESET: like an interrupt, but the three pushes are reads."""
    def fill(e: Emitter) -> None:
        e.read("d", "pc")
        e.read("d", "pc")
        for _ in range(3):
            e.zread("d", "s", page=1)
            e.emit("s = (s - 1) & 0xFF")
        e.emit("p = (p | 4) & 0xF7" if cmos else "p |= 4")
        e.read("lo", "0xFFFC")
        e.read("hi", "0xFFFD")
        e.emit("pc = lo | (hi << 8)")

    return h.call("reset", "pc, s, p, cyc", "pc, s, p, cyc", fill, inline=False)


def gen_opcode(e: Emitter, h: Helpers, o: Opcode, cmos: bool) -> None:
    """Emit the body of one opcode, after its fetch."""
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
            e.emit("if cpu[IRQ] == 0 and cpu[NMI] == cpu[NMI_SEEN]:\n"
                   "    cpu[WAITING] = 1\n    cyc = max(cyc, climit)\n    reason = WAITED")
    elif o.branch and mode == "rel":
        gen_branch(e, h, o)
    elif mode == "zpr":
        gen_bit_branch(e, h, o)
    elif m == "BRK":
        e.emit(interrupt_sequence(h, cmos, brk=True, vector=0xFFFE))
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
            e.emit("ilate = p & 4\np = (v & 0xCF) | (p & 0x30)")
        else:
            reg = m[2].lower()
            e.emit(f"{reg} = v\np = nz(p, v)")
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
            e.read("lo", "ea")
            e.read("d", "(ea + 1) & 0xFFFF")
            e.read("hi", "(ea + 1) & 0xFFFF")
            e.emit("pc = lo | (hi << 8)")
        else:  # iax
            e.read("d", "(pc + 1) & 0xFFFF")
            e.emit("ea = (ea + x) & 0xFFFF")
            e.read("lo", "ea")
            e.read("hi", "(ea + 1) & 0xFFFF")
            e.emit("pc = lo | (hi << 8)")
        e.flush()
        e.emit(SELF_LOOP_CHECK)
    elif mode == "acc":
        e.read("d", "pc")
        e.emit(ACCUMULATOR[m])
    elif mode == "imp":
        if o.cycles != 1:       # the 65C02's one-cycle NOPs make no dummy read
            e.read("d", "pc")
        if m in I_FLAG_LATE:
            e.emit("ilate = p & 4")
        e.emit(IMPLIED[m])
    elif m == "NOP" and cmos and mode == "abs":
        # 65C02 $5C/$DC/$FC: three bytes, and the address is never read.
        e.read("lo", "pc")
        e.read("hi", "(pc + 1) & 0xFFFF")
        e.read("d", "(pc + 1) & 0xFFFF")
        e.emit("pc = (pc + 2) & 0xFFFF")
    else:
        gen_memory_op(e, h, o, cmos)
    e.flush()
    if m in I_FLAG_LATE:
        e.emit("ilate_at = cyc")


# --- the module ----------------------------------------------------------------

MODULE_TEMPLATE = '''\
# Generated by emu.cpu.codegen: do not edit; edit the generator instead.
# variant={variant} trace={trace} bus={bus} inputs={digest}
from numba import njit
from numpy import int64, uint64

from emu import jit_options
from emu.cpu.alu import adc_cmos, adc_nmos, arr, asl, bit, compare, lsr, nz, rol, ror, sbc_cmos, sbc_nmos
from {bus} import io_read, io_write

JIT = jit_options()
INLINE = jit_options(inline=True)
{constants}


@njit(**INLINE)
def rd(cpu, mem, rmap, dev{tr_args}, addr, cyc):
    off = rmap[uint64(addr >> 8)]
    if off >= 0:
        v = int64(mem[uint64(off + (addr & 0xFF))])
    else:
        v = int64(io_read(cpu, dev, addr, cyc))
{tr_read}    return v


@njit(**INLINE)
def wr(cpu, mem, wmap, dev{tr_args}, addr, v, cyc):
{tr_write}    off = wmap[uint64(addr >> 8)]
    if off >= 0:
        mem[uint64(off + (addr & 0xFF))] = v
    else:
        io_write(cpu, dev, addr, v, cyc)


{helpers}

{rows}

@njit(**JIT)
def run(cpu, mem, rmap, wmap, dev, tr, climit, ilimit):
    """Run until the cycle count reaches climit or ilimit instructions ran.

    Returns a StopReason.  tr: the bus trace buffer (tracing flavour only).
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
    ilate = cpu[I_LATE]
    ilate_at = cpu[I_LATE_AT]
    bnc_at = cpu[BRANCH_AT]
    stop_self = (cpu[OPTIONS] & OPT_STOP_ON_SELF_LOOP) != 0
    t0 = cyc
{tr_limit}    if cpu[WAITING] != 0:
        if cpu[IRQ] == 0 and cpu[NMI] == cpu[NMI_SEEN] and cpu[RESET] == 0:
            cpu[CYCLES] = max(cyc, climit)
            return LIMIT
        cpu[WAITING] = 0
    n = 0
    reason = LIMIT
    while cyc < climit and n < ilimit:
        if cpu[RESET] != 0 or cpu[IRQ] != 0 or cpu[NMI] != cpu[NMI_SEEN]:
            if cpu[RESET] != 0:
                cpu[RESET] = 0
                cpu[HALT] = 0
                cpu[WAITING] = 0
                {reset}
                continue
            back = 2 if bnc_at == cyc else 1
            if cpu[NMI] != cpu[NMI_SEEN] and (cpu[NMI] == 0 or cpu[NMI_AT] <= cyc - 1 - back):
                cpu[NMI_SEEN] = cpu[NMI]
                if cpu[NMI] != 0:
                    {nmi}
                    continue
            imask = ilate if ilate_at == cyc else p & 4
            if cpu[IRQ] != 0 and imask == 0 and cpu[IRQ_AT] <= cyc - 1 - back:
                {irq}
                continue
        opc = pc
        op = rd(cpu, mem, rmap, dev{tr_call}, pc, cyc)
        pc = (pc + 1) & 0xFFFF
        cyc += 1
        n += 1
{dispatch}
        if reason != LIMIT:
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
    cpu[I_LATE] = ilate
    cpu[I_LATE_AT] = ilate_at
    cpu[BRANCH_AT] = bnc_at
    cpu[INSTRUCTIONS] += n
    return reason
'''

_STATE_NAMES = ("A X Y S P PC CYCLES IRQ IRQ_AT NMI NMI_AT NMI_SEEN HALT WAITING RESET "
                "I_LATE I_LATE_AT BRANCH_AT OPTIONS INSTRUCTIONS OPT_STOP_ON_SELF_LOOP").split()
_STOP_NAMES = ("LIMIT", "JAM", "STP", "SELF_LOOP", "WAITED")
_REGISTERS = "a, x, y, s, p, pc, cyc, ilate, ilate_at, bnc_at"

ROW_TEMPLATE = """\
@njit(**INLINE)
def row_{row:X}({bus}, op, opc, {registers}, stop_self, climit):
    \"\"\"Opcodes ${row:X}0-${row:X}F.\"\"\"
    reason = LIMIT
    d = v = ea = lo = hi = t = b = r = 0
{body}
    return {registers}, reason
"""



def generate(variant: str, trace: bool, bus: str) -> str:
    """The Python source of one core flavour."""
    cmos = variant == CMOS
    h = Helpers(trace, inline=os.environ.get('APPLE2_INLINE_HELPERS') == '1')
    constants = "\n".join(f"{name} = {getattr(state, name)}" for name in _STATE_NAMES)
    constants += "\n" + "\n".join(f"{name} = {getattr(state.StopReason, name)}"
                                  for name in _STOP_NAMES)
    # The 256 opcodes are split into 16 functions of 16, one per high nibble:
    # numba compiles 16 small functions much faster than one large one.
    rows, dispatch = [], []
    for row in range(16):
        body = []
        for o in OPCODES[variant][row * 16:row * 16 + 16]:
            keyword = "if" if o.code % 16 == 0 else "elif"
            body.append(f"    {keyword} op == 0x{o.code:02X}:  # {o.mnemonic} {o.mode}")
            e = Emitter(trace, depth=2)
            gen_opcode(e, h, o, cmos)
            body.extend(e.lines or ["        pass"])
        rows.append(ROW_TEMPLATE.format(row=row, bus=h.bus, registers=_REGISTERS,
                                        body="\n".join(body)))
        keyword = "if" if row == 0 else "elif"
        dispatch.append(f"        {keyword} op >> 4 == {row}:\n"
                        f"            {_REGISTERS}, reason = row_{row:X}(\n"
                        f"                {h.bus}, op, opc, {_REGISTERS}, stop_self, climit)")
    reset = reset_sequence(h, cmos)
    nmi = interrupt_sequence(h, cmos, brk=False, vector=0xFFFA)
    irq = interrupt_sequence(h, cmos, brk=False, vector=0xFFFE)
    tr_args = ", tr, t0" if trace else ""
    return MODULE_TEMPLATE.format(
        variant=variant, trace=trace, bus=bus, digest=_inputs_digest(bus),
        constants=constants,
        tr_args=tr_args,
        tr_call=tr_args,
        tr_read="    tr[cyc - t0] = addr | (v << 16)\n" if trace else "",
        tr_write="    tr[cyc - t0] = addr | (v << 16) | (1 << 24)\n" if trace else "",
        tr_limit="    climit = min(climit, t0 + len(tr) - 16)\n" if trace else "",
        helpers="\n\n".join(h.sources.values()),
        reset=reset, nmi=nmi, irq=irq,
        dispatch="\n".join(dispatch),
        rows="\n\n".join(rows),
    )


def _inputs_digest(bus: str) -> str:
    """A hash of every source the generated core depends on.

    numba's cache only watches the generated file itself; putting this hash in
    that file makes any change to the generator, the ALU or the bus module
    invalidate the cached machine code.
    """
    h = hashlib.sha256()
    here = Path(__file__).parent
    for name in ("codegen.py", "alu.py", "opcodes.py", "state.py"):
        h.update((here / name).read_bytes())
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


_loaded: dict[tuple[str, bool, str], ModuleType] = {}


def load(variant: str, trace: bool, bus: str) -> ModuleType:
    """Generate (if changed) and import one core flavour; returns its module.

    The file is rewritten only when its text changes, so numba's on-disk cache
    of the compiled ``run`` stays valid between runs.
    """
    key = (variant, trace, bus)
    if key in _loaded:
        return _loaded[key]
    if variant not in (NMOS, CMOS):
        raise ValueError(f"unknown CPU variant {variant!r}: use {NMOS} or {CMOS}")
    source = generate(variant, trace, bus)
    name = f"core_{variant}_{'trace' if trace else 'fast'}_{bus.replace('.', '_')}"
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
