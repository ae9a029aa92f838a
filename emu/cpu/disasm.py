"""A 6502/65C02 disassembler that reads the project's one opcode table.

Mnemonics, addressing modes and instruction lengths all come from
:mod:`emu.cpu.opcodes`, the same table the core generator and the tests read.
There is no second table here, so the disassembler cannot disagree with the
CPU about how long an instruction is or what it is called.

Output follows the Apple monitor's ``L`` listing::

    0800-  A9 C1     LDA #$C1
"""
from __future__ import annotations

import re
import sys
from typing import NamedTuple

from ..userfiles import InputError, read_input
from .opcodes import MODES, OPCODES, Opcode

MAX_SIZE = 0x10000          # a file larger than the address space is an error
_HEX = re.compile(r"(?:\$|0[xX])?([0-9A-Fa-f]+)")


class Line(NamedTuple):
    """One disassembled instruction (or a ``.BYTE`` line for leftover bytes)."""

    address: int
    raw: bytes
    mnemonic: str
    operand: str
    opcode: Opcode | None   # None for a ``.BYTE`` line

    @property
    def comment(self) -> str:
        """``undocumented`` for an NMOS opcode MOS did not document, else empty."""
        if self.opcode is not None and not self.opcode.documented:
            return "undocumented"
        return ""


def _table(variant: str) -> tuple[Opcode, ...]:
    try:
        return OPCODES[variant.lower()]
    except KeyError:
        raise ValueError(f"unknown CPU {variant!r}; expected one of "
                         f"{', '.join(OPCODES)}") from None


def _signed(byte: int) -> int:
    return byte - 256 if byte & 0x80 else byte


def _operand(op: Opcode, address: int, raw: bytes) -> str:
    """The operand text of a complete instruction ``raw`` at ``address``."""
    lo = raw[1] if len(raw) > 1 else 0
    word = (lo | raw[2] << 8) if len(raw) > 2 else lo
    if op.mode == "rel":
        word = (address + 2 + _signed(lo)) & 0xFFFF
    elif op.mode == "zpr":
        word = (address + 3 + _signed(raw[2])) & 0xFFFF
    return MODES[op.mode][1].format(lo, word)


def _byte_line(address: int, raw: bytes) -> Line:
    return Line(address, raw, ".BYTE", ",".join(f"${b:02X}" for b in raw), None)


def disassemble(data: bytes, org: int, variant: str = "6502") -> list[Line]:
    """Disassemble ``data`` loaded at ``org``; addresses wrap at $FFFF.

    Trailing bytes too few for their instruction come out as one ``.BYTE`` line.
    """
    table = _table(variant)
    lines: list[Line] = []
    offset = 0
    while offset < len(data):
        address = (org + offset) & 0xFFFF
        op = table[data[offset]]
        raw = bytes(data[offset:offset + op.length])
        if len(raw) < op.length:
            lines.append(_byte_line(address, raw))
        else:
            lines.append(Line(address, raw, op.mnemonic, _operand(op, address, raw), op))
        offset += len(raw)
    return lines


def format_line(line: Line) -> str:
    """Apple monitor style: ``0800-  A9 C1     LDA #$C1``."""
    raw = " ".join(f"{b:02X}" for b in line.raw)
    text = f"{line.address:04X}-  {raw:<8}  {line.mnemonic} {line.operand}".rstrip()
    return f"{text} ; {line.comment}" if line.comment else text


def parse_address(text: str) -> int:
    """A hex address: ``$0800``, ``0x800`` or ``800``, from $0000 to $FFFF."""
    match = _HEX.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"bad address {text!r}: expected hex such as $0800, 0x800 or 800")
    value = int(match.group(1), 16)
    if value > 0xFFFF:
        raise ValueError(f"address {text!r} is beyond $FFFF")
    return value


def _read(path: str) -> bytes:
    """The file's bytes; an InputError naming the file otherwise."""
    return read_input(path, MAX_SIZE, "program file",
                      hint="a program is at most 64 KiB, the 6502's address space")


def _org(text: str) -> int:
    try:
        return parse_address(text)
    except ValueError as error:
        raise ValueError(f"--org: {error}") from None


def _reason(error: Exception) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower()
    return str(error)


def main(path: str, org: str, variant: str) -> int:
    """The ``apple2 disasm`` command: print the listing, 0 on success, 2 on error."""
    try:
        start = _org(org)
        _table(variant)
        data = _read(path)
    except InputError as error:             # names the file itself
        print(f"apple2 disasm: {error}", file=sys.stderr)
        return 2
    except (OSError, ValueError) as error:
        print(f"apple2 disasm: {path}: {_reason(error)}", file=sys.stderr)
        return 2
    for line in disassemble(data, start, variant):
        print(format_line(line))
    sys.stdout.flush()          # a reader that went away (``| head``): emu.cli.main's job
    return 0
