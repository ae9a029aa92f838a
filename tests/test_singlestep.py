"""Tom Harte's single-step tests: every opcode file of both CPU variants, and the runner itself."""
from __future__ import annotations

import gzip
import json

import pytest

from emu import conformance
from emu.conformance import singlestep

# Upstream has no 65C02 files for WAI ($CB) and STP ($DB).
OPCODES = {
    "6502": [f"{op:02x}" for op in range(256)],
    "65c02": [f"{op:02x}" for op in range(256) if op not in (0xCB, 0xDB)],
}
CASES = [pytest.param(variant, op, id=f"{variant}-{op}")
         for variant, ops in OPCODES.items() for op in ops]


def _data_file(variant: str, op: str):
    root = conformance.testdata_dir() / "singlestep"
    folder = root / variant
    if not folder.is_dir():
        pytest.skip(f"single-step test data not found at {folder}; set APPLE2_TESTDATA "
                    "to the shared test data folder")
    path = folder / f"{op}.json.gz"
    if not path.is_file():
        pytest.skip(f"single-step test file not found: {path}")
    return path


@pytest.mark.parametrize("variant, op", CASES)
def test_opcode_file(variant, op):
    result = singlestep.run_file(_data_file(variant, op), variant)
    assert result.cases > 0, f"{variant} opcode {op}: the file holds no cases"
    if result.failures:
        pytest.fail(result.summary(), pytrace=False)


# --- the runner itself, on handcrafted data ------------------------------------------------

def _lda_case(name: str, value: int, final_a: int) -> dict:
    """LDA #value at $0200 on the NMOS 6502."""
    ram = [[0x0200, 0xA9], [0x0201, value]]
    p = 0x24 | (0x80 if value & 0x80 else 0) | (0x02 if value == 0 else 0)
    return {"name": name,
            "initial": {"pc": 0x0200, "s": 0xFD, "a": 0, "x": 0, "y": 0, "p": 0x24, "ram": ram},
            "final": {"pc": 0x0202, "s": 0xFD, "a": final_a, "x": 0, "y": 0, "p": p, "ram": ram},
            "cycles": [[0x0200, 0xA9, "read"], [0x0201, value, "read"]]}


def _write(folder, name: str, cases: list[dict]):
    with gzip.open(folder / name, "wt") as fh:
        json.dump(cases, fh)
    return folder / name


def test_main_counts_cases_and_fails(tmp_path, capsys):
    _write(tmp_path, "a9.json.gz", [_lda_case("a9 42 good", 0x42, 0x42),
                                    _lda_case("a9 42 wrong", 0x42, 0x43)])
    assert singlestep.main(str(tmp_path), "6502") == 1
    out = capsys.readouterr().out
    assert out.splitlines()[-1] == "1 passed, 1 failed"
    assert "'a9 42 wrong'" in out
    assert "A: expected $43, got $42" in out


def test_run_file_reports_first_difference(tmp_path):
    path = _write(tmp_path, "a9.json.gz", [_lda_case("a9 42 wrong", 0x42, 0x43)])
    result = singlestep.run_file(path, "6502")
    assert (result.opcode, result.cases, result.failed) == (0xA9, 1, 1)
    assert result.failures[0].name == "a9 42 wrong"
    assert result.failures[0].difference == "A: expected $43, got $42"
    assert "opcode a9 (6502 LDA imm)" in result.summary()


def test_cases_do_not_leak_ram(tmp_path):
    # STA $10 writes $10; the next case reads $10 and expects the zero the data implies.
    sta = {"name": "85 10", "initial": {"pc": 0x300, "s": 0xFD, "a": 0x99, "x": 0, "y": 0,
                                        "p": 0x24, "ram": [[0x300, 0x85], [0x301, 0x10]]},
           "final": {"pc": 0x302, "s": 0xFD, "a": 0x99, "x": 0, "y": 0, "p": 0x24,
                     "ram": [[0x300, 0x85], [0x301, 0x10], [0x10, 0x99]]},
           "cycles": [[0x300, 0x85, "read"], [0x301, 0x10, "read"], [0x10, 0x99, "write"]]}
    path = _write(tmp_path, "85.json.gz", [sta, sta])
    assert singlestep.run_file(path, "6502").failed == 0
    lda = {"name": "a5 10", "initial": {"pc": 0x300, "s": 0xFD, "a": 0x99, "x": 0, "y": 0,
                                        "p": 0x24, "ram": [[0x300, 0xA5], [0x301, 0x10]]},
           "final": {"pc": 0x302, "s": 0xFD, "a": 0, "x": 0, "y": 0, "p": 0x26,
                     "ram": [[0x300, 0xA5], [0x301, 0x10], [0x10, 0]]},
           "cycles": [[0x300, 0xA5, "read"], [0x301, 0x10, "read"], [0x10, 0, "read"]]}
    path = _write(tmp_path, "a5.json.gz", [sta, lda])
    # One CPU serves the whole file: the STA's write must be gone when the LDA runs.
    result = singlestep.run_file(path, "6502")
    assert result.failed == 0, result.summary()


def test_decimal_extra_cycle_address_is_tolerated_only_as_a_read(tmp_path):
    # 65C02 ADC #$01 with D=1: $09 + $01 = $10; the extra cycle's address is not asserted.
    def case(kind):
        ram = [[0x400, 0x69], [0x401, 0x01]]
        return {"name": f"69 01 {kind}",
                "initial": {"pc": 0x400, "s": 0xFD, "a": 0x09, "x": 0, "y": 0, "p": 0x28,
                            "ram": ram},
                "final": {"pc": 0x402, "s": 0xFD, "a": 0x10, "x": 0, "y": 0, "p": 0x28,
                          "ram": ram},
                "cycles": [[0x400, 0x69, "read"], [0x401, 0x01, "read"], [0x1234, 0x56, kind]]}
    path = _write(tmp_path, "69.json.gz", [case("read"), case("write")])
    result = singlestep.run_file(path, "65c02")
    assert result.tolerated == 1         # a write in the data is compared exactly
    assert [f.name for f in result.failures] == ["69 01 write"], result.summary()
    # On the NMOS 6502 nothing is tolerated.
    assert singlestep.run_file(path, "6502").tolerated == 0


def test_main_on_empty_dir_returns_2(tmp_path, capsys):
    assert singlestep.main(str(tmp_path), "6502") == 2
    assert singlestep.main(str(tmp_path / "missing"), "6502") == 2
    err = capsys.readouterr().err
    assert "apple2 conformance singlestep: no single-step test files" in err
