"""The benchmarks run and report; their sieve workloads are right.

No timing asserts here: speed is measured by ``apple2 bench``, not tested.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from emu import cli
from emu.cpu.core import CPU
from emu.cpu.state import StopReason
from emu.video.png import read_png

REPO = Path(__file__).resolve().parents[1]
WORKLOADS = REPO / "benchmarks" / "workloads"
SIEVE_LOAD, SIEVE_DONE, SIEVE_PASSES, SIEVE_COUNT = 0x0800, 0x0803, 0x10, 0x12


def primes_below(n: int) -> int:
    flags = [True] * n
    flags[0] = flags[1] = False
    for i in range(2, int(n ** 0.5) + 1):
        if flags[i]:
            flags[i * i::i] = [False] * len(flags[i * i::i])
    return sum(flags)


def test_bench_cpu_quick_writes_json(tmp_path, monkeypatch, capsys):
    out = tmp_path / "cpu.json"
    monkeypatch.setenv("APPLE2_BENCH_RESULTS", str(out))
    assert cli.main(["bench", "cpu", "--quick"]) == 0
    printed = capsys.readouterr().out
    assert "targets:" in printed and "cold start skipped" in printed
    result = json.loads(out.read_text())
    assert {"machine", "settings", "workloads", "startup", "targets"} <= result.keys()
    assert {"cpu_model", "cores"} <= result["machine"].keys()
    assert result["settings"]["quick"] is True
    rows = {(r["name"], r["variant"]): r for r in result["workloads"]}
    assert ("sieve", "6502") in rows and ("functional", "6502") in rows
    for row in rows.values():
        if row.get("skipped"):              # no Klaus test data on this machine
            continue
        assert row["fast"]["ok"], row["fast"]["problem"]
        for mode in ("fast", "trace", "py65"):
            for figure in ("mhz", "mips"):
                assert {"median", "min", "max"} <= row[mode][figure].keys()
                assert row[mode][figure]["median"] > 0
        assert {"fast_vs_py65", "trace_vs_py65", "fast_vs_apple2"} <= row["ratios"].keys()
        assert row["py65"]["agrees_with_core"]["pc"]
    assert result["startup"]["cold_skipped"] is True
    assert result["startup"]["warm_s"]["median"] > 0
    assert all(t["status"] in ("met", "NOT met", "not measured") for t in result["targets"])
    assert len(result["targets"]) == 4


def test_bench_suite_quick_writes_json_and_chart(tmp_path, monkeypatch, capsys):
    out = tmp_path / "bench.json"
    monkeypatch.setenv("APPLE2_BENCH_SUITE_RESULTS", str(out))
    assert cli.main(["bench", "--quick"]) == 0
    printed = capsys.readouterr().out
    assert "== summary" in printed and "x slower" in printed
    result = json.loads(out.read_text())
    assert result["quick"] is True and result["ok"] is True
    assert {"cpu", "native", "machine", "disk", "overhead"} == result["parts"].keys()
    assert result["parts"]["disk"]["boot"]["ok"] and result["parts"]["disk"]["workload_ok"]
    assert {"cpu_model", "cores"} <= result["machine"].keys()
    native = result["parts"]["native"]
    assert native["python"]["primes"] == 1028
    if not native["c"].get("skipped"):         # a C compiler was found
        assert native["c"]["primes"] == 1028
    modes = [r["mode"] for r in native["rows"]]
    assert {"python", "fast", "trace", "py65", "apple2"} <= set(modes)
    for row in native["rows"]:
        assert 0 < row["seconds_per_pass"]["min"] <= row["seconds_per_pass"]["median"] \
            <= row["seconds_per_pass"]["max"]
    memory = result["parts"]["overhead"]["memory"]
    assert [r["name"] for r in memory][0] == "bare Python"
    assert all(r["peak_rss_mb"]["median"] > 0 for r in memory)
    assert all({"what", "value", "unit"} <= s.keys() for s in result["summary"])
    image = read_png(out.with_suffix(".png"))
    assert image.ndim == 3 and image.shape[2] == 3 and image.any()


def test_python_sieve_counts_primes():
    sys.path.insert(0, str(REPO))
    from benchmarks.workloads import sieve
    assert sieve.sieve_pass(bytearray(sieve.NFLAGS)) == primes_below(8192) == 1028


def test_bench_without_checkout(monkeypatch, tmp_path, capsys):
    from emu import bench
    monkeypatch.setattr(bench, "BENCHMARKS", tmp_path / "nowhere")
    assert bench.main("cpu", quick=True) == 2
    assert "source checkout" in capsys.readouterr().err


def test_bench_against_takes_the_machine_benchmark_and_a_checkout(tmp_path, capsys):
    from emu import bench
    assert bench.main("cpu", quick=True, against=str(REPO)) == 2
    assert capsys.readouterr().err.strip() == \
        "apple2 bench: --against works with `apple2 bench machine` only"
    assert bench.main("machine", quick=True, against=str(tmp_path)) == 2
    err = capsys.readouterr().err
    assert err.startswith("apple2 bench: ") and "not a checkout" in err and err.count("\n") == 1


@pytest.mark.skipif(shutil.which("ophis") is None, reason="the ophis assembler is not installed")
def test_sieve_bin_matches_source(tmp_path):
    out = tmp_path / "sieve.bin"
    subprocess.run(["ophis", "-q", "-o", str(out), str(WORKLOADS / "sieve.s")], check=True)
    assert out.read_bytes() == (WORKLOADS / "sieve.bin").read_bytes()


@pytest.mark.parametrize("variant", ["6502", "65c02"])
def test_sieve_counts_primes(variant):
    image = np.fromfile(WORKLOADS / "sieve.bin", dtype=np.uint8)
    cpu = CPU(variant)
    cpu.mem[SIEVE_LOAD:SIEVE_LOAD + len(image)] = image
    cpu.mem[SIEVE_PASSES] = 2
    cpu.mem[SIEVE_COUNT:SIEVE_COUNT + 2] = 0xFF       # must be overwritten
    cpu.set_pc(SIEVE_LOAD)
    cpu.stop_on_self_loop = True
    assert cpu.run(cycles=50_000_000) == StopReason.SELF_LOOP
    assert cpu.pc == SIEVE_DONE
    count = int(cpu.mem[SIEVE_COUNT]) | int(cpu.mem[SIEVE_COUNT + 1]) << 8
    assert count == primes_below(8192) == 1028
    assert cpu.mem[SIEVE_PASSES] == 0
    assert not cpu.mem[0x2000:0x4000][[4, 6, 8, 9, 8190]].any()   # composites crossed out
    assert cpu.mem[0x2000 + 8191] == 1                            # 8191 is prime


def test_sieve_zero_passes_stops_at_once():
    image = np.fromfile(WORKLOADS / "sieve.bin", dtype=np.uint8)
    cpu = CPU("6502")
    cpu.mem[SIEVE_LOAD:SIEVE_LOAD + len(image)] = image
    cpu.set_pc(SIEVE_LOAD)
    cpu.stop_on_self_loop = True
    assert cpu.run(cycles=1000) == StopReason.SELF_LOOP
    assert cpu.pc == SIEVE_DONE
    assert cpu.mem[SIEVE_COUNT] == cpu.mem[SIEVE_COUNT + 1] == 0
