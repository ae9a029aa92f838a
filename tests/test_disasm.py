"""The disassembler: golden listings, lengths from the opcode table, round trip, CLI."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, strategies as st

from emu import cli
from emu.cpu.disasm import disassemble, format_line, parse_address
from emu.cpu.opcodes import MODES, OPCODES, VARIANTS


def listing(hex_bytes: str, org: int = 0x0800, variant: str = "6502") -> list[str]:
    return [format_line(line) for line in disassemble(bytes.fromhex(hex_bytes), org, variant)]


# --- golden examples: every addressing mode ---------------------------------

GOLDEN_BOTH = [  # same text on both variants
    ("EA", "0800-  EA        NOP"),                                   # imp
    ("0A", "0800-  0A        ASL A"),                                 # acc
    ("A9 C1", "0800-  A9 C1     LDA #$C1"),                           # imm
    ("A5 12", "0800-  A5 12     LDA $12"),                            # zp
    ("B5 12", "0800-  B5 12     LDA $12,X"),                          # zpx
    ("B6 12", "0800-  B6 12     LDX $12,Y"),                          # zpy
    ("A1 12", "0800-  A1 12     LDA ($12,X)"),                        # izx
    ("B1 12", "0800-  B1 12     LDA ($12),Y"),                        # izy
    ("D0 10", "0800-  D0 10     BNE $0812"),                          # rel, forwards
    ("D0 FE", "0800-  D0 FE     BNE $0800"),                          # rel, to itself
    ("10 80", "0800-  10 80     BPL $0782"),                          # rel, furthest back
    ("F0 7F", "0800-  F0 7F     BEQ $0881"),                          # rel, furthest on
    ("AD 00 20", "0800-  AD 00 20  LDA $2000"),                       # abs
    ("BD 00 20", "0800-  BD 00 20  LDA $2000,X"),                     # abx
    ("B9 00 20", "0800-  B9 00 20  LDA $2000,Y"),                     # aby
    ("6C FF 10", "0800-  6C FF 10  JMP ($10FF)"),                     # ind
]

GOLDEN_NMOS = [
    ("02", "0800-  02        JAM ; undocumented"),
    ("A7 12", "0800-  A7 12     LAX $12 ; undocumented"),
    ("7C 00 20", "0800-  7C 00 20  NOP $2000,X ; undocumented"),
    ("0F 12 FD", "0800-  0F 12 FD  SLO $FD12 ; undocumented"),
    ("EB 01", "0800-  EB 01     SBC #$01 ; undocumented"),
    ("B2 12", "0800-  B2        JAM ; undocumented"),
]

GOLDEN_CMOS = [
    ("1A", "0800-  1A        INC A"),                                 # acc
    ("B2 12", "0800-  B2 12     LDA ($12)"),                          # izp
    ("7C 00 20", "0800-  7C 00 20  JMP ($2000,X)"),                   # iax
    ("0F 12 FD", "0800-  0F 12 FD  BBR0 $12,$0800"),                  # zpr, backwards
    ("3F 12 31", "0800-  3F 12 31  BBR3 $12,$0834"),                  # zpr, forwards
    ("FF 80 80", "0800-  FF 80 80  BBS7 $80,$0783"),                  # zpr, furthest back
    ("80 FE", "0800-  80 FE     BRA $0800"),
    ("02 00", "0800-  02 00     NOP #$00"),
    ("03", "0800-  03        NOP"),
]


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("hex_bytes, text", GOLDEN_BOTH)
def test_golden_both_variants(hex_bytes: str, text: str, variant: str) -> None:
    assert listing(hex_bytes, variant=variant) == [text]


@pytest.mark.parametrize("hex_bytes, text", GOLDEN_NMOS)
def test_golden_nmos(hex_bytes: str, text: str) -> None:
    assert listing(hex_bytes, variant="6502")[0] == text


@pytest.mark.parametrize("hex_bytes, text", GOLDEN_CMOS)
def test_golden_cmos(hex_bytes: str, text: str) -> None:
    assert listing(hex_bytes, variant="65c02") == [text]


def test_variant_name_is_case_insensitive() -> None:
    assert listing("7C 00 20", variant="65C02") == ["0800-  7C 00 20  JMP ($2000,X)"]


def test_unknown_variant() -> None:
    with pytest.raises(ValueError, match="unknown CPU"):
        disassemble(b"\xea", 0, "z80")


def test_sequence_addresses_follow_lengths() -> None:
    assert listing("A9 C1 8D 00 04 D0 F9 60") == [
        "0800-  A9 C1     LDA #$C1",
        "0802-  8D 00 04  STA $0400",
        "0805-  D0 F9     BNE $0800",
        "0807-  60        RTS",
    ]


# --- wrap at $FFFF -------------------------------------------------------------

def test_addresses_wrap() -> None:
    assert listing("EA AD 00 20 EA", org=0xFFFE) == [
        "FFFE-  EA        NOP",
        "FFFF-  AD 00 20  LDA $2000",
        "0002-  EA        NOP",
    ]


def test_branch_targets_wrap() -> None:
    assert listing("D0 01", org=0xFFFE) == ["FFFE-  D0 01     BNE $0001"]
    assert listing("D0 FC", org=0x0000) == ["0000-  D0 FC     BNE $FFFE"]
    assert listing("0F 12 7F", org=0xFFFE, variant="65c02") == ["FFFE-  0F 12 7F  BBR0 $12,$0080"]


# --- truncated last instruction --------------------------------------------------

@pytest.mark.parametrize("hex_bytes, last", [
    ("20", "0800-  20        .BYTE $20"),
    ("EA AD 00", "0801-  AD 00     .BYTE $AD,$00"),
    ("A9", "0800-  A9        .BYTE $A9"),
])
def test_truncated_instruction(hex_bytes: str, last: str) -> None:
    lines = listing(hex_bytes)
    assert lines[-1] == last


def test_truncated_line_has_no_opcode() -> None:
    (line,) = disassemble(b"\x20\x00", 0x0800)
    assert line.opcode is None and line.mnemonic == ".BYTE" and line.raw == b"\x20\x00"


def test_empty_input() -> None:
    assert disassemble(b"", 0x0800) == []


# --- lengths agree with MODES -------------------------------------------------------

@pytest.mark.parametrize("variant", VARIANTS)
def test_every_opcode_length_agrees_with_modes(variant: str) -> None:
    for op in OPCODES[variant]:
        first = disassemble(bytes([op.code, 0, 0]), 0x0800, variant)[0]
        assert first.opcode is op, f"{variant} ${op.code:02X}"
        assert len(first.raw) == MODES[op.mode][0] == op.length, f"{variant} ${op.code:02X}"
        assert first.mnemonic == op.mnemonic


@pytest.mark.parametrize("variant", VARIANTS)
@given(data=st.binary(max_size=64), org=st.integers(0, 0xFFFF))
def test_any_bytes_are_consumed_exactly(variant: str, data: bytes, org: int) -> None:
    lines = disassemble(data, org, variant)
    assert b"".join(line.raw for line in lines) == data
    address = org
    for line in lines:
        assert line.address == address
        address = (address + len(line.raw)) & 0xFFFF


# --- round trip: the text names the same mnemonic and mode ----------------------------

def _mode_pattern(syntax: str) -> re.Pattern[str]:
    pattern = re.escape(syntax)
    pattern = pattern.replace(re.escape("${0:02X}"), r"\$[0-9A-F]{2}")
    pattern = pattern.replace(re.escape("${1:04X}"), r"\$[0-9A-F]{4}")
    return re.compile(pattern)


_MODE_PATTERNS = {mode: _mode_pattern(syntax) for mode, (_, syntax) in MODES.items()}


def parse_text(text: str, variant: str) -> tuple[str, str]:
    """A tiny assembler front end: the (mnemonic, mode) a listing line names.

    ``$nnnn`` fits both ``abs`` and ``rel``; as in any assembler, the
    mnemonic decides (only branches take ``rel``).
    """
    instruction = text[17:].split(" ; ")[0]   # after "0800-  A9 C1 .." columns
    mnemonic, _, operand = instruction.partition(" ")
    modes = {mode for mode, pattern in _MODE_PATTERNS.items() if pattern.fullmatch(operand)}
    modes &= {op.mode for op in OPCODES[variant] if op.mnemonic == mnemonic}
    assert len(modes) == 1, f"{text!r} is ambiguous or unknown: {modes}"
    return mnemonic, modes.pop()


@pytest.mark.parametrize("variant", VARIANTS)
def test_round_trip(variant: str) -> None:
    for op in OPCODES[variant]:
        text = format_line(disassemble(bytes([op.code, 0x34, 0x12]), 0x0800, variant)[0])
        assert parse_text(text, variant) == (op.mnemonic, op.mode), text
        assert text.endswith(" ; undocumented") == (not op.documented), text


# --- parse_address ---------------------------------------------------------------------

@pytest.mark.parametrize("text, value", [
    ("$0800", 0x0800), ("0x800", 0x0800), ("0X800", 0x0800), ("800", 0x0800),
    ("ffff", 0xFFFF), ("$C600", 0xC600), ("0", 0), (" $0300 ", 0x0300),
])
def test_parse_address(text: str, value: int) -> None:
    assert parse_address(text) == value


@pytest.mark.parametrize("text", ["", "$", "0x", "zz", "-1", "+1", "8_00", "12 34",
                                  "$$800", "0x-1", "800h"])
def test_parse_address_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="expected hex"):
        parse_address(text)


def test_parse_address_range() -> None:
    with pytest.raises(ValueError, match=r"beyond \$FFFF"):
        parse_address("$10000")


# --- the command line -----------------------------------------------------------------

def test_cli(tmp_path, capsys) -> None:
    path = tmp_path / "prog.bin"
    path.write_bytes(bytes.fromhex("A9 C1 20 ED FD D0 F9 60"))
    assert cli.main(["disasm", str(path), "--org", "$0800"]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "0800-  A9 C1     LDA #$C1",
        "0802-  20 ED FD  JSR $FDED",
        "0805-  D0 F9     BNE $0800",
        "0807-  60        RTS",
    ]
    assert err == ""


def test_cli_cpu_option(tmp_path, capsys) -> None:
    path = tmp_path / "prog.bin"
    path.write_bytes(bytes.fromhex("7C 00 20"))
    assert cli.main(["disasm", str(path), "--org", "300", "--cpu", "65c02"]) == 0
    assert capsys.readouterr().out == "0300-  7C 00 20  JMP ($2000,X)\n"


def test_cli_accepts_64k(tmp_path, capsys) -> None:
    path = tmp_path / "full.bin"
    path.write_bytes(bytes(0x10000))
    assert cli.main(["disasm", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 0x10000 and out[-1] == "FFFF-  00        BRK"


def _one_error_line(capsys, path, *words: str) -> None:
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.splitlines()) == 1 and err.endswith("\n")
    assert err.startswith(f"apple2 disasm: {path}: ")
    for word in words:
        assert word in err
    assert "Traceback" not in err


def test_cli_missing_file(tmp_path, capsys) -> None:
    path = tmp_path / "nope.bin"
    assert cli.main(["disasm", str(path), "--org", "$0800"]) == 2
    _one_error_line(capsys, path, "no such file")


def test_cli_directory(tmp_path, capsys) -> None:
    assert cli.main(["disasm", str(tmp_path)]) == 2
    _one_error_line(capsys, tmp_path, "folder")


@pytest.mark.parametrize("org, word", [("$zz", "expected hex"), ("$10000", "beyond")])
def test_cli_bad_org(tmp_path, capsys, org: str, word: str) -> None:
    path = tmp_path / "prog.bin"
    path.write_bytes(b"\xea")
    assert cli.main(["disasm", str(path), "--org", org]) == 2
    _one_error_line(capsys, path, "--org", word)


def test_cli_file_too_big(tmp_path, capsys) -> None:
    path = tmp_path / "big.bin"
    path.write_bytes(bytes(0x10001))
    assert cli.main(["disasm", str(path)]) == 2
    _one_error_line(capsys, path, "64 KiB")
