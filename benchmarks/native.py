"""Emulated against native: the same sieve on the emulated 6502 and on the host.

Run it as ``python benchmarks/native.py [--quick]`` or ``apple2 bench native``.

One sieve of Eratosthenes over 8192 flags, written three times with the same
steps (benchmarks/workloads/): ``sieve.s`` for the 6502, ``sieve.c`` compiled
here at run time with the system C compiler (``$CC``, else cc, gcc or clang,
at ``-O2``; the row is skipped, with the reason, when there is none), and
``sieve.py`` in plain Python.  The figure is the time of one pass:

* native C and native Python: timed in their own process, passes in a loop;
* emulated: the 6502 program's cycles per pass divided by the speed of each
  way of running it, measured in the same run (our core in fast and trace
  mode, py65), and a real Apple II: the same cycles at 1.023 MHz (a figure
  derived from the emulated cycles, not timed on one).

The slowdown of each against native C is what faking a whole CPU costs for
this work.  Two honest caveats, printed with the table: the 6502 is an 8-bit
CPU, so the same algorithm takes it many more instructions than the host
(a 16-bit index is two bytes), and the C compiler optimises the loops; the
ratio is "same algorithm, same answer", not "same machine instructions".
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
if str(REPO) not in sys.path:          # python benchmarks/native.py from a checkout
    sys.path.insert(0, str(REPO))

from benchmarks import cpu as cpu_bench                              # noqa: E402
from benchmarks.common import machine_info, spread, write_results    # noqa: E402
from benchmarks.workloads import sieve as sieve_py                   # noqa: E402

SIEVE_C = HERE / "workloads" / "sieve.c"
PRIMES = cpu_bench.SIEVE_PRIMES
VM_CLAIM = (1.1, 1.2)       # "a VM pays 10-20% CPU over a container"


def settings(quick: bool) -> dict:
    return {"quick": quick, "repeats": 1 if quick else 3,
            "c_passes": 2_000 if quick else 20_000,
            "python_passes": 3 if quick else 20,
            "emulated_passes": 10 if quick else 100}


def c_compiler() -> str | None:
    """The C compiler to use: $CC, else the first of cc, gcc, clang on the PATH."""
    if os.environ.get("CC"):
        return shutil.which(os.environ["CC"])
    return next((p for p in map(shutil.which, ("cc", "gcc", "clang")) if p), None)


def measure_c(cfg: dict) -> dict:
    """Compile sieve.c and time its passes; {"skipped": why} without a compiler."""
    cc = c_compiler()
    if cc is None:
        return {"skipped": "no C compiler found (set CC, or install cc/gcc/clang)"}
    with tempfile.TemporaryDirectory(prefix="apple2-sieve-") as tmp:
        exe = Path(tmp) / "sieve"
        built = subprocess.run([cc, "-O2", "-o", str(exe), str(SIEVE_C)],
                               capture_output=True, text=True)
        if built.returncode != 0:
            return {"skipped": f"{cc} could not compile sieve.c: "
                               f"{(built.stderr.strip().splitlines() or ['?'])[-1]}"}
        per_pass, primes = [], None
        for _ in range(cfg["repeats"]):
            out = subprocess.run([str(exe), str(cfg["c_passes"])], capture_output=True,
                                 text=True, check=True).stdout.split()
            primes, passes, seconds = int(out[0]), int(out[1]), float(out[2])
            per_pass.append(seconds / passes)
    version = subprocess.run([cc, "--version"], capture_output=True, text=True).stdout
    return {"compiler": (version.splitlines() or [cc])[0], "flags": "-O2",
            "passes": cfg["c_passes"], "primes": primes, "ok": primes == PRIMES,
            "seconds_per_pass": spread(per_pass)}


def measure_python(cfg: dict) -> dict:
    """Time the plain-Python sieve in this process."""
    flags = bytearray(sieve_py.NFLAGS)
    per_pass, primes = [], None
    for _ in range(cfg["repeats"]):
        started = time.perf_counter()
        for _ in range(cfg["python_passes"]):
            primes = sieve_py.sieve_pass(flags)
        per_pass.append((time.perf_counter() - started) / cfg["python_passes"])
    return {"python": sys.version.split()[0], "passes": cfg["python_passes"], "primes": primes,
            "ok": primes == PRIMES, "seconds_per_pass": spread(per_pass)}


def emulated_rows(sieve_row: dict, passes: int) -> tuple[list[dict], float]:
    """Seconds per pass on each way of running the 6502, from the CPU benchmark's sieve row."""
    cycles_per_pass = sieve_row["fast"]["cycles"] / passes
    rows = []
    for mode, label in (("fast", "emulated: our core, fast mode"),
                        ("trace", "emulated: our core, trace mode"),
                        ("py65", "emulated: py65")):
        mhz = sieve_row[mode]["mhz"]
        seconds = {k: cycles_per_pass / (mhz[k] * 1e6) for k in ("median", "min", "max")}
        seconds["min"], seconds["max"] = seconds["max"], seconds["min"]   # fastest = least time
        rows.append({"name": label, "mode": mode, "seconds_per_pass": seconds})
    rows.append({"name": "a real Apple II (emulated cycles)", "mode": "apple2",
                 "seconds_per_pass": {k: cycles_per_pass / cpu_bench.APPLE2_HZ
                                      for k in ("median", "min", "max")}})
    return rows, cycles_per_pass


def collect(quick: bool = False, cpu_result: dict | None = None) -> dict:
    """Measure native C and Python; take the emulated rows from ``cpu_result`` or measure them."""
    cfg = settings(quick)
    if cpu_result is not None:
        passes = cpu_result["settings"]["sieve_passes"]
        sieve_row = next(r for r in cpu_result["workloads"]
                         if r["name"] == "sieve" and r["variant"] == "6502")
    else:
        passes = cfg["emulated_passes"]
        print(f"measuring the 6502 sieve ({passes} passes) x {cfg['repeats']}", flush=True)
        sieve_row = cpu_bench.measure(cpu_bench.sieve_workload("6502", passes),
                                      {**cpu_bench.settings(quick), "repeats": cfg["repeats"]})
    print("measuring the native sieves (C, Python)", flush=True)
    c, py = measure_c(cfg), measure_python(cfg)
    emulated, cycles_per_pass = emulated_rows(sieve_row, passes)
    rows = []
    if not c.get("skipped"):
        rows.append({"name": "native C (" + c["compiler"].split()[0] + " -O2)", "mode": "c",
                     "seconds_per_pass": c["seconds_per_pass"]})
    rows.append({"name": "native Python", "mode": "python",
                 "seconds_per_pass": py["seconds_per_pass"]})
    rows += emulated
    for base in ("c", "python"):
        ref = next((r for r in rows if r["mode"] == base), None)
        for r in rows:
            r[f"vs_{base}"] = (r["seconds_per_pass"]["median"] / ref["seconds_per_pass"]["median"]
                               if ref else None)
    return {"machine": machine_info(), "settings": cfg, "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "c": c, "python": py, "cycles_per_pass": cycles_per_pass, "rows": rows,
            "vm_claim_slowdown": VM_CLAIM,
            "ok": (c.get("skipped") is not None or c["ok"]) and py["ok"] and sieve_row["fast"]["ok"]}


def fmt_time(seconds: float) -> str:
    for unit, scale in (("s", 1), ("ms", 1e-3), ("us", 1e-6)):
        if seconds >= scale:
            return f"{seconds / scale:.3g} {unit}"
    return f"{seconds * 1e9:.3g} ns"


def report(result: dict) -> None:
    print(f"one sieve pass (8192 flags, {PRIMES} primes; the 6502 program takes "
          f"{result['cycles_per_pass']:,.0f} cycles a pass), median (min-max):")
    head = f"  {'runs on':36} {'time per pass':>30} {'x native C':>11} {'x Python':>9}"
    print(head)
    print("  " + "-" * (len(head) - 2))
    for r in result["rows"]:
        s = r["seconds_per_pass"]
        span = f"{fmt_time(s['median'])} ({fmt_time(s['min'])}-{fmt_time(s['max'])})"
        vc = "-" if r["vs_c"] is None else f"{r['vs_c']:,.1f}"
        print(f"  {r['name']:36} {span:>30} {vc:>11} {r['vs_python']:9.2f}")
    if result["c"].get("skipped"):
        print(f"  native C skipped: {result['c']['skipped']}")
    lo, hi = result["vm_claim_slowdown"]
    print(f"  for scale: a VM is said to run native code at {lo}-{hi}x the time of a container; "
          "an emulator interprets every instruction of another CPU")


def main(quick: bool = False) -> int:
    result = collect(quick)
    print()
    report(result)
    write_results(result, "APPLE2_BENCH_NATIVE_RESULTS", "native.json")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one repeat, fewer passes")
    sys.exit(main(parser.parse_args().quick))
