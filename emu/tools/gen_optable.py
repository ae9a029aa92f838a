"""Write roms/src/optable.s and opmodes.s, the firmware disassembler's tables.

The tables are generated from :mod:`emu.cpu.opcodes`, the one place the
project records the 6502's opcode facts, so the ROM's "L" command, the
Python disassembler and the CPU core cannot disagree.  Only the opcodes MOS
documented are named; the rest show as "???" (one byte), as on the II+.

The disassembler lives in the monitor's 2 KiB ($F800-$FFFF), so the tables
are compact.  An opcode is ``aaabbbcc``: its *class* ``bbbcc`` (0-31) fixes
the addressing mode (but for a few exceptions, listed) and a *row* of eight
names that ``aaa`` picks from; rows overlap in one list of names, each name
three letters of five bits in two bytes.

    python -m emu.tools.gen_optable            # rewrite roms/src/optable.s, opmodes.s
    python -m emu.tools.gen_optable --check    # exit 1 if one is out of date
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from emu.cpu.opcodes import MODES as MODE_FACTS
from emu.cpu.opcodes import NMOS, OPCODES

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "roms" / "src"

# The ROM's mode numbers (FORMAT).  The accumulator mode (ASL A) has no
# operand to show, so it is shown, and numbered, as implied.
MODES = ("imp", "imm", "zp", "zpx", "zpy", "izx", "izy", "rel", "abs", "abx", "aby", "ind")
SHOWN_AS = {"acc": "imp"}
NONE = "???"                # the name of an undocumented opcode, at index 0


def shown_mode(mode: str) -> str:
    return SHOWN_AS.get(mode, mode)


def mode_bits(mode: str) -> int:
    """How the ROM shows an operand of ``mode``: bit 7 "( )", bit 6 "#", bit 5 ",X",
    bit 4 ",Y", bit 3 a branch target, bits 1-0 the operand's length in bytes."""
    length, syntax = MODE_FACTS[mode]
    bits = length - 1
    for flag, text in ((0x80, "("), (0x40, "#"), (0x20, ",X"), (0x10, ",Y")):
        if text in syntax:
            bits |= flag
    return bits | (0x08 if mode == "rel" else 0)


def letter(ch: str) -> int:
    """A name's letter in five bits: its code with bit 7 set, minus $BF ("?" is 0)."""
    value = (ord(ch) | 0x80) - 0xBF
    assert 0 <= value < 32, ch
    return value


def packed(name: str) -> int:
    """Three letters in bits 15-1 of a word, the first highest."""
    a, b, c = (letter(ch) for ch in name)
    return a << 11 | b << 6 | c << 1


class Tables:
    """The compact tables, computed from the opcode facts."""

    def __init__(self) -> None:
        ops = OPCODES[NMOS]
        self.classes: list[dict[int, tuple[str, str]]] = [{} for _ in range(32)]
        for op in ops:
            if op.documented:
                self.classes[op.code & 0x1F][op.code >> 5] = (op.mnemonic, shown_mode(op.mode))
        self.valid = [sum(1 << aaa for aaa in c) for c in self.classes]
        self.class_mode = [self._main_mode(c) for c in self.classes]
        self.exceptions = sorted(
            (aaa << 5 | cls, mode)
            for cls, c in enumerate(self.classes) for aaa, (_, mode) in c.items()
            if mode != self.class_mode[cls])
        self.class_row, rows = self._rows()
        self.names, self.row_start = self._lay_out(rows)

    @staticmethod
    def _main_mode(names: dict[int, tuple[str, str]]) -> str:
        if not names:
            return "imp"
        counts = Counter(mode for _, mode in names.values())
        return max(MODES, key=lambda m: (counts[m], -MODES.index(m)))

    def _rows(self) -> tuple[list[int], list[dict[int, str]]]:
        """Classes whose names agree wherever both have one share a row."""
        rows: list[dict[int, str]] = []
        class_row = [0] * 32
        order = sorted(range(32), key=lambda c: (-len(self.classes[c]), c))
        for cls in order:
            want = {aaa: name for aaa, (name, _) in self.classes[cls].items()}
            if not want:
                continue
            for r, row in enumerate(rows):
                if all(row.get(aaa, name) == name for aaa, name in want.items()):
                    row.update(want)
                    class_row[cls] = r
                    break
            else:
                class_row[cls] = len(rows)
                rows.append(dict(want))
        return class_row, rows

    @staticmethod
    def _lay_out(rows: list[dict[int, str]]) -> tuple[list[str], list[int]]:
        """One list of names holding every row as eight consecutive slots (a slot
        no opcode uses may hold anything): each row goes where it adds fewest."""
        names = [NONE]
        start = [0] * len(rows)
        for r in sorted(range(len(rows)), key=lambda r: (-len(rows[r]), r)):
            row = rows[r]
            best = None
            for at in range(-min(row), len(names) + 1):
                fits = all(at + aaa >= len(names) or names[at + aaa] == name
                           for aaa, name in row.items())
                if fits:
                    grown = max([len(names)] + [at + aaa + 1 for aaa in row])
                    if best is None or grown < best[0]:
                        best = (grown, at)
            grown, at = best
            names += [NONE] * (grown - len(names))
            for aaa, name in row.items():
                names[at + aaa] = name
            start[r] = at
        return names, start


def _bytes(label: str, values: list[int], comment: str) -> list[str]:
    lines = [f"; {comment}", f"{label}:"]
    for i in range(0, len(values), 16):
        lines.append("        .byte " + ", ".join(f"${v:02X}" for v in values[i:i + 16]))
    return lines


def optable_source() -> str:
    """The text of optable.s: per opcode, its name and mode (NMOS 6502)."""
    t = Tables()
    assert len(MODES) <= 16 and len(t.row_start) <= 16 and len(t.names) <= 256
    assert t.names.index(NONE) == 0     # INSDS2 gives "???" mode 0 with the same 0
    lines = ["; optable.s - the NMOS 6502's documented opcodes, for the disassembler in",
             "; disasm.s.  Generated by `python -m emu.tools.gen_optable` from",
             "; emu/cpu/opcodes.py; do not edit.  Include file.",
             ";",
             "; An opcode is aaabbbcc; its class is bbbcc.  The class gives a row of eight",
             "; names (aaa picks one) and the addressing mode, but for the opcodes in",
             "; op_xop.  Modes: " + " ".join(f"{i} {m}" for i, m in enumerate(MODES))
             + " (accumulator is shown as implied).",
             "",
             f".alias OP_NONE  {t.names.index(NONE):<14d} ; the name of an undocumented opcode",
             f".alias OP_NX    {len(t.exceptions):<14d} ; how many opcodes op_xop lists",
             f".alias OP_REL   {MODES.index('rel'):<14d} ; the relative mode (a branch)",
             ""]
    lines += _bytes("op_class", [MODES.index(t.class_mode[c]) << 4 | t.class_row[c]
                                 for c in range(32)],
                    "op_class: per class, its mode (high nibble) and row of names (low).")
    lines += _bytes("op_valid", t.valid,
                    "op_valid: per class, bit aaa set if opcode aaabbbcc is documented.")
    lines += _bytes("op_row", [(s - 1) & 0xFF for s in t.row_start],
                    "op_row: per row, the index of its name for aaa = 0, minus 1.")
    lines += _bytes("op_xop", [op for op, _ in t.exceptions],
                    "op_xop, op_xmode: the opcodes whose mode is not their class's, and theirs.")
    lines += _bytes("op_xmode", [MODES.index(m) for _, m in t.exceptions], "their modes")
    words = [packed(n) for n in t.names]
    lines += [f"; op_nhi, op_nlo: the names ({len(t.names)}), three letters of five bits "
              "(letter - $BF) in bits 15-1:",
              ";   " + " ".join(t.names)]
    lines += _bytes("op_nhi", [w >> 8 for w in words], "high bytes")
    lines += _bytes("op_nlo", [w & 0xFF for w in words], "low bytes")
    return "\n".join(lines) + "\n"


def opmodes_source() -> str:
    """The text of opmodes.s: per addressing mode, how its operand is shown."""
    lines = ["; opmodes.s - how the disassembler in disasm.s shows each addressing mode's",
             "; operand.  Generated by `python -m emu.tools.gen_optable` from",
             "; emu/cpu/opcodes.py; do not edit.  Include file.",
             ""]
    lines += _bytes("op_mode", [mode_bits(m) for m in MODES],
                    "op_mode: per mode (" + " ".join(MODES) + "): bit 7 \"( )\", 6 \"#\", "
                    "5 \",X\", 4 \",Y\", 3 a branch target; bits 1-0 the operand's length.")
    return "\n".join(lines) + "\n"


def sources() -> dict[Path, str]:
    """Each generated file and its text."""
    return {SRC / "optable.s": optable_source(), SRC / "opmodes.s": opmodes_source()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m emu.tools.gen_optable",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="only report whether the generated files are up to date")
    args = parser.parse_args(argv)
    stale = [path for path, text in sources().items()
             if not path.exists() or path.read_text() != text]
    if args.check:
        for path in stale:
            print(f"{path.relative_to(ROOT)} is out of date: run python -m emu.tools.gen_optable")
        if not stale:
            print("roms/src/optable.s and opmodes.s are up to date")
        return 1 if stale else 0
    for path, text in sources().items():
        path.write_text(text)
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
