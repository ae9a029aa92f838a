"""The opcode facts of the NMOS 6502 and the WDC 65C02, defined once.

Each grid below is the chip's opcode matrix: row = high nibble, column = low
nibble.  A cell reads ``MNEMONIC mode cycles[rule]``:

* ``cycles`` is the base cycle count; ``-`` marks an opcode that halts the CPU.
* rule ``p``: one more cycle when the indexed address crosses a page.
* rule ``b``: a branch; one more cycle if taken, one more again if the target
  is on another page than the next instruction.
* ``ADC``/``SBC`` on the 65C02 take one more cycle in decimal mode; that is a
  property of the variant, recorded in :data:`DECIMAL_EXTRA_CYCLE`.

The core generator (``codegen``), the disassembler and the tests all read this
table, so a fact fixed here is fixed everywhere.  Cycle counts follow the
MOS and WDC data sheets, except where the single-step test data (the
reference the project checks against) records otherwise; those cells carry a
comment.
"""
from __future__ import annotations

from typing import NamedTuple

NMOS = "6502"
CMOS = "65c02"
VARIANTS = (NMOS, CMOS)

# Addressing modes: name -> (instruction length in bytes, operand syntax).
# The syntax uses {0} for an 8-bit and {1} for a 16-bit operand.
MODES: dict[str, tuple[int, str]] = {
    "imp": (1, ""),
    "acc": (1, "A"),
    "imm": (2, "#${0:02X}"),
    "zp": (2, "${0:02X}"),
    "zpx": (2, "${0:02X},X"),
    "zpy": (2, "${0:02X},Y"),
    "izx": (2, "(${0:02X},X)"),
    "izy": (2, "(${0:02X}),Y"),
    "izp": (2, "(${0:02X})"),      # 65C02 (zp)
    "rel": (2, "${1:04X}"),        # shown as the target address
    "abs": (3, "${1:04X}"),
    "abx": (3, "${1:04X},X"),
    "aby": (3, "${1:04X},Y"),
    "ind": (3, "(${1:04X})"),
    "iax": (3, "(${1:04X},X)"),    # 65C02 JMP (abs,X)
    "zpr": (3, "${0:02X},${1:04X}"),  # 65C02 BBR/BBS: zero page, then target
}

_NMOS_GRID = """
BRK imp 7|ORA izx 6|JAM imp -|SLO izx 8|NOP zp 3 |ORA zp 3 |ASL zp 5 |SLO zp 5 |PHP imp 3|ORA imm 2|ASL acc 2|ANC imm 2|NOP abs 4 |ORA abs 4 |ASL abs 6|SLO abs 6
BPL rel 2b|ORA izy 5p|JAM imp -|SLO izy 8|NOP zpx 4|ORA zpx 4|ASL zpx 6|SLO zpx 6|CLC imp 2|ORA aby 4p|NOP imp 2|SLO aby 7|NOP abx 4p|ORA abx 4p|ASL abx 7|SLO abx 7
JSR abs 6|AND izx 6|JAM imp -|RLA izx 8|BIT zp 3 |AND zp 3 |ROL zp 5 |RLA zp 5 |PLP imp 4|AND imm 2|ROL acc 2|ANC imm 2|BIT abs 4 |AND abs 4 |ROL abs 6|RLA abs 6
BMI rel 2b|AND izy 5p|JAM imp -|RLA izy 8|NOP zpx 4|AND zpx 4|ROL zpx 6|RLA zpx 6|SEC imp 2|AND aby 4p|NOP imp 2|RLA aby 7|NOP abx 4p|AND abx 4p|ROL abx 7|RLA abx 7
RTI imp 6|EOR izx 6|JAM imp -|SRE izx 8|NOP zp 3 |EOR zp 3 |LSR zp 5 |SRE zp 5 |PHA imp 3|EOR imm 2|LSR acc 2|ALR imm 2|JMP abs 3 |EOR abs 4 |LSR abs 6|SRE abs 6
BVC rel 2b|EOR izy 5p|JAM imp -|SRE izy 8|NOP zpx 4|EOR zpx 4|LSR zpx 6|SRE zpx 6|CLI imp 2|EOR aby 4p|NOP imp 2|SRE aby 7|NOP abx 4p|EOR abx 4p|LSR abx 7|SRE abx 7
RTS imp 6|ADC izx 6|JAM imp -|RRA izx 8|NOP zp 3 |ADC zp 3 |ROR zp 5 |RRA zp 5 |PLA imp 4|ADC imm 2|ROR acc 2|ARR imm 2|JMP ind 5 |ADC abs 4 |ROR abs 6|RRA abs 6
BVS rel 2b|ADC izy 5p|JAM imp -|RRA izy 8|NOP zpx 4|ADC zpx 4|ROR zpx 6|RRA zpx 6|SEI imp 2|ADC aby 4p|NOP imp 2|RRA aby 7|NOP abx 4p|ADC abx 4p|ROR abx 7|RRA abx 7
NOP imm 2|STA izx 6|NOP imm 2|SAX izx 6|STY zp 3 |STA zp 3 |STX zp 3 |SAX zp 3 |DEY imp 2|NOP imm 2|TXA imp 2|ANE imm 2|STY abs 4 |STA abs 4 |STX abs 4|SAX abs 4
BCC rel 2b|STA izy 6 |JAM imp -|SHA izy 6|STY zpx 4|STA zpx 4|STX zpy 4|SAX zpy 4|TYA imp 2|STA aby 5 |TXS imp 2|TAS aby 5|SHY abx 5 |STA abx 5 |SHX aby 5|SHA aby 5
LDY imm 2|LDA izx 6|LDX imm 2|LAX izx 6|LDY zp 3 |LDA zp 3 |LDX zp 3 |LAX zp 3 |TAY imp 2|LDA imm 2|TAX imp 2|LXA imm 2|LDY abs 4 |LDA abs 4 |LDX abs 4|LAX abs 4
BCS rel 2b|LDA izy 5p|JAM imp -|LAX izy 5p|LDY zpx 4|LDA zpx 4|LDX zpy 4|LAX zpy 4|CLV imp 2|LDA aby 4p|TSX imp 2|LAS aby 4p|LDY abx 4p|LDA abx 4p|LDX aby 4p|LAX aby 4p
CPY imm 2|CMP izx 6|NOP imm 2|DCP izx 8|CPY zp 3 |CMP zp 3 |DEC zp 5 |DCP zp 5 |INY imp 2|CMP imm 2|DEX imp 2|SBX imm 2|CPY abs 4 |CMP abs 4 |DEC abs 6|DCP abs 6
BNE rel 2b|CMP izy 5p|JAM imp -|DCP izy 8|NOP zpx 4|CMP zpx 4|DEC zpx 6|DCP zpx 6|CLD imp 2|CMP aby 4p|NOP imp 2|DCP aby 7|NOP abx 4p|CMP abx 4p|DEC abx 7|DCP abx 7
CPX imm 2|SBC izx 6|NOP imm 2|ISC izx 8|CPX zp 3 |SBC zp 3 |INC zp 5 |ISC zp 5 |INX imp 2|SBC imm 2|NOP imp 2|SBC imm 2|CPX abs 4 |SBC abs 4 |INC abs 6|ISC abs 6
BEQ rel 2b|SBC izy 5p|JAM imp -|ISC izy 8|NOP zpx 4|SBC zpx 4|INC zpx 6|ISC zpx 6|SED imp 2|SBC aby 4p|NOP imp 2|ISC aby 7|NOP abx 4p|SBC abx 4p|INC abx 7|ISC abx 7
"""

# The 65C02 column x3/xB opcodes are one-byte, one-cycle NOPs.  $5C is listed
# with 4 cycles as in the single-step data; WDC's data sheet says 8 (upstream
# issue SingleStepTests/65x02#12).
_CMOS_GRID = """
BRK imp 7|ORA izx 6|NOP imm 2|NOP imp 1|TSB zp 5 |ORA zp 3 |ASL zp 5 |RMB0 zp 5|PHP imp 3|ORA imm 2|ASL acc 2|NOP imp 1|TSB abs 6 |ORA abs 4 |ASL abs 6 |BBR0 zpr 5b
BPL rel 2b|ORA izy 5p|ORA izp 5|NOP imp 1|TRB zp 5 |ORA zpx 4|ASL zpx 6|RMB1 zp 5|CLC imp 2|ORA aby 4p|INC acc 2|NOP imp 1|TRB abs 6 |ORA abx 4p|ASL abx 6p|BBR1 zpr 5b
JSR abs 6|AND izx 6|NOP imm 2|NOP imp 1|BIT zp 3 |AND zp 3 |ROL zp 5 |RMB2 zp 5|PLP imp 4|AND imm 2|ROL acc 2|NOP imp 1|BIT abs 4 |AND abs 4 |ROL abs 6 |BBR2 zpr 5b
BMI rel 2b|AND izy 5p|AND izp 5|NOP imp 1|BIT zpx 4|AND zpx 4|ROL zpx 6|RMB3 zp 5|SEC imp 2|AND aby 4p|DEC acc 2|NOP imp 1|BIT abx 4p|AND abx 4p|ROL abx 6p|BBR3 zpr 5b
RTI imp 6|EOR izx 6|NOP imm 2|NOP imp 1|NOP zp 3 |EOR zp 3 |LSR zp 5 |RMB4 zp 5|PHA imp 3|EOR imm 2|LSR acc 2|NOP imp 1|JMP abs 3 |EOR abs 4 |LSR abs 6 |BBR4 zpr 5b
BVC rel 2b|EOR izy 5p|EOR izp 5|NOP imp 1|NOP zpx 4|EOR zpx 4|LSR zpx 6|RMB5 zp 5|CLI imp 2|EOR aby 4p|PHY imp 3|NOP imp 1|NOP abs 4 |EOR abx 4p|LSR abx 6p|BBR5 zpr 5b
RTS imp 6|ADC izx 6|NOP imm 2|NOP imp 1|STZ zp 3 |ADC zp 3 |ROR zp 5 |RMB6 zp 5|PLA imp 4|ADC imm 2|ROR acc 2|NOP imp 1|JMP ind 6 |ADC abs 4 |ROR abs 6 |BBR6 zpr 5b
BVS rel 2b|ADC izy 5p|ADC izp 5|NOP imp 1|STZ zpx 4|ADC zpx 4|ROR zpx 6|RMB7 zp 5|SEI imp 2|ADC aby 4p|PLY imp 4|NOP imp 1|JMP iax 6 |ADC abx 4p|ROR abx 6p|BBR7 zpr 5b
BRA rel 3b|STA izx 6|NOP imm 2|NOP imp 1|STY zp 3 |STA zp 3 |STX zp 3 |SMB0 zp 5|DEY imp 2|BIT imm 2|TXA imp 2|NOP imp 1|STY abs 4 |STA abs 4 |STX abs 4 |BBS0 zpr 5b
BCC rel 2b|STA izy 6 |STA izp 5|NOP imp 1|STY zpx 4|STA zpx 4|STX zpy 4|SMB1 zp 5|TYA imp 2|STA aby 5 |TXS imp 2|NOP imp 1|STZ abs 4 |STA abx 5 |STZ abx 5 |BBS1 zpr 5b
LDY imm 2|LDA izx 6|LDX imm 2|NOP imp 1|LDY zp 3 |LDA zp 3 |LDX zp 3 |SMB2 zp 5|TAY imp 2|LDA imm 2|TAX imp 2|NOP imp 1|LDY abs 4 |LDA abs 4 |LDX abs 4 |BBS2 zpr 5b
BCS rel 2b|LDA izy 5p|LDA izp 5|NOP imp 1|LDY zpx 4|LDA zpx 4|LDX zpy 4|SMB3 zp 5|CLV imp 2|LDA aby 4p|TSX imp 2|NOP imp 1|LDY abx 4p|LDA abx 4p|LDX aby 4p|BBS3 zpr 5b
CPY imm 2|CMP izx 6|NOP imm 2|NOP imp 1|CPY zp 3 |CMP zp 3 |DEC zp 5 |SMB4 zp 5|INY imp 2|CMP imm 2|DEX imp 2|WAI imp 3|CPY abs 4 |CMP abs 4 |DEC abs 6 |BBS4 zpr 5b
BNE rel 2b|CMP izy 5p|CMP izp 5|NOP imp 1|NOP zpx 4|CMP zpx 4|DEC zpx 6|SMB5 zp 5|CLD imp 2|CMP aby 4p|PHX imp 3|STP imp 3|NOP abs 4 |CMP abx 4p|DEC abx 7 |BBS5 zpr 5b
CPX imm 2|SBC izx 6|NOP imm 2|NOP imp 1|CPX zp 3 |SBC zp 3 |INC zp 5 |SMB6 zp 5|INX imp 2|SBC imm 2|NOP imp 2|NOP imp 1|CPX abs 4 |SBC abs 4 |INC abs 6 |BBS6 zpr 5b
BEQ rel 2b|SBC izy 5p|SBC izp 5|NOP imp 1|NOP zpx 4|SBC zpx 4|INC zpx 6|SMB7 zp 5|SED imp 2|SBC aby 4p|PLX imp 4|NOP imp 1|NOP abs 4 |SBC abx 4p|INC abx 7 |BBS7 zpr 5b
"""

# Mnemonics that only the 65C02 adds to its ADC and SBC timing: one more cycle
# when the D flag is set.
DECIMAL_EXTRA_CYCLE = {NMOS: frozenset(), CMOS: frozenset({"ADC", "SBC"})}

# NMOS opcodes that are not in MOS's documentation.  Their behaviour follows
# the single-step test data (see ``codegen`` for the unstable ones).
_DOCUMENTED_NMOS = frozenset(
    "ADC AND ASL BCC BCS BEQ BIT BMI BNE BPL BRK BVC BVS CLC CLD CLI CLV CMP CPX "
    "CPY DEC DEX DEY EOR INC INX INY JMP JSR LDA LDX LDY LSR NOP ORA PHA PHP PLA "
    "PLP ROL ROR RTI RTS SBC SEC SED SEI STA STX STY TAX TAY TSX TXA TXS TYA".split()
)


class Opcode(NamedTuple):
    """One opcode of one CPU variant."""

    code: int
    mnemonic: str
    mode: str
    length: int
    cycles: int | None      # None: the opcode halts the CPU (JAM, STP)
    page_cross: bool        # +1 cycle when an indexed read crosses a page
    branch: bool            # +1 if taken, +1 more across a page
    documented: bool
    variant: str

    @property
    def kind(self) -> str:
        """What the instruction does with memory: read, write, rmw, or other."""
        return KIND.get(self.mnemonic.rstrip("01234567"), "other")


# What each operation does with its effective address; the core generator
# emits the bus cycles of an addressing mode according to this.
KIND = {
    **dict.fromkeys("LDA LDX LDY ADC SBC AND ORA EOR CMP CPX CPY BIT LAX LAS NOP "
                    "ANC ALR ARR ANE LXA SBX".split(), "read"),
    **dict.fromkeys("STA STX STY STZ SAX SHA SHX SHY TAS".split(), "write"),
    **dict.fromkeys("ASL LSR ROL ROR INC DEC SLO RLA SRE RRA DCP ISC TRB TSB "
                    "RMB SMB".split(), "rmw"),
}


def _parse(grid: str, variant: str) -> tuple[Opcode, ...]:
    rows = [r for r in grid.strip().splitlines()]
    assert len(rows) == 16, f"{variant}: 16 rows expected"
    table = []
    for hi, row in enumerate(rows):
        cells = row.split("|")
        assert len(cells) == 16, f"{variant}: row {hi:X} has {len(cells)} cells"
        for lo, cell in enumerate(cells):
            mnemonic, mode, timing = cell.split()
            cycles = None if timing == "-" else int(timing.rstrip("pb"))
            documented = variant == CMOS or mnemonic in _DOCUMENTED_NMOS
            if variant == NMOS and mnemonic == "NOP" and hi * 16 + lo != 0xEA:
                documented = False
            if variant == NMOS and hi * 16 + lo == 0xEB:
                documented = False
            table.append(Opcode(hi * 16 + lo, mnemonic, mode, MODES[mode][0], cycles,
                                timing.endswith("p"), timing.endswith("b"), documented,
                                variant))
    return tuple(table)


OPCODES: dict[str, tuple[Opcode, ...]] = {
    NMOS: _parse(_NMOS_GRID, NMOS),
    CMOS: _parse(_CMOS_GRID, CMOS),
}


def opcode(variant: str, code: int) -> Opcode:
    """The facts of one opcode byte on one CPU variant."""
    return OPCODES[variant][code]
