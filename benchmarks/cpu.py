"""The CPU benchmark: how fast the jitted core emulates a 6502, against py65.

Run it as ``python benchmarks/cpu.py [--quick]`` or ``apple2 bench cpu [--quick]``.

Workloads (each a whole program with a known end):

* ``functional``: Klaus Dormann's 6502 functional test, from $0400 to its
  success trap at $3469 (needs the shared test data: $APPLE2_TESTDATA or
  ../shared/testdata; the row is skipped if it is missing);
* ``sieve``: our own sieve of Eratosthenes (benchmarks/workloads/sieve.s), run
  a number of passes on the 6502 and on the 65C02.

For each workload it measures, in one run:

* fast mode: ``CPU.run`` from the entry point to the final self-loop, after a
  first ``run(instructions=0)`` that compiles or loads the JIT;
* trace mode: ``CPU.run_traced`` in chunks of 200,000 cycles into one reused
  buffer, for a fixed cycle budget;
* py65 on the program's first instructions (a fixed budget: it is ~100x slower);
* fast mode again on exactly py65's window, the same first instructions, run
  on several fresh CPUs in a row so that the time is long enough to measure.
  The "x py65" ratio compares these two: the same work on both.

Each figure is the median of several repeats (3; 1 with --quick), shown with
its min and max.  It also times start-up, cold (an empty numba cache) and
warm (the same cache again): of the CPU core alone (a fresh process that
imports the core and runs one instruction) and of ``apple2`` itself (``apple2
run --headless --frames 1`` on the homebrew disk: the core, the Apple II bus,
the video and the disk).  Results go to benchmarks/results/cpu.json (or the
path in $APPLE2_BENCH_RESULTS).  Speed is measured here, never asserted in tests.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
if str(REPO) not in sys.path:          # python benchmarks/cpu.py from a checkout
    sys.path.insert(0, str(REPO))

from benchmarks.common import machine_info, spread, write_results  # noqa: E402
from emu.conformance import testdata_dir   # noqa: E402
from emu.cpu.core import CPU               # noqa: E402
from emu.cpu.state import StopReason       # noqa: E402

APPLE2_HZ = 1_023_000            # a real Apple II's 6502 clock
TRACE_CHUNK = 200_000            # cycles per run_traced call

# The sieve program's fixed addresses (see the header of sieve.s).
SIEVE_BIN = HERE / "workloads" / "sieve.bin"
SIEVE_LOAD = 0x0800
SIEVE_DONE = 0x0803
SIEVE_PASSES = 0x10
SIEVE_COUNT = 0x12
SIEVE_PRIMES = 1028              # primes below 8192

FUNCTIONAL_FILE = "klaus/6502_functional_test.bin"
FUNCTIONAL_START = 0x0400
FUNCTIONAL_SUCCESS = 0x3469

TARGETS = {"fast_mhz": 600.0, "fast_vs_py65": 150.0, "cold_s": 15.0, "warm_s": 1.0}


def settings(quick: bool) -> dict:
    return {
        "quick": quick,
        "repeats": 1 if quick else 3,
        "sieve_passes": 10 if quick else 100,
        "trace_cycles": 5_000_000 if quick else 50_000_000,
        "trace_chunk": TRACE_CHUNK,
        "py65_instructions": 100_000 if quick else 300_000,
        "window_repeats": 10 if quick else 30,    # fresh CPUs per timing of py65's window
        "cold_start": not quick,
    }


# --- workloads -----------------------------------------------------------------

class Workload:
    """A program image, where it goes, and how to tell that it finished right."""

    def __init__(self, name: str, variant: str, image: np.ndarray, load: int, start: int,
                 end: int, pokes: dict[int, int] | None = None, check=None):
        self.name, self.variant = name, variant
        self.image, self.load, self.start, self.end = image, load, start, end
        self.pokes = pokes or {}
        self.check = check           # check(mem) -> (ok, detail), after the end trap

    def cpu(self) -> CPU:
        cpu = CPU(self.variant)
        self.fill(cpu.mem)
        cpu.set_pc(self.start)
        cpu.stop_on_self_loop = True
        return cpu

    def fill(self, mem) -> None:
        """Load the program into a numpy array (our core) or a list of ints (py65)."""
        image = self.image if isinstance(mem, np.ndarray) else self.image.tolist()
        mem[self.load:self.load + len(image)] = image
        for addr, value in self.pokes.items():
            mem[addr] = value


def sieve_count(mem) -> int:
    return int(mem[SIEVE_COUNT]) | int(mem[SIEVE_COUNT + 1]) << 8


def sieve_workload(variant: str, passes: int) -> Workload:
    def check(mem):
        count = sieve_count(mem)
        return count == SIEVE_PRIMES, f"{count} primes (want {SIEVE_PRIMES})"
    return Workload("sieve", variant, np.fromfile(SIEVE_BIN, dtype=np.uint8), SIEVE_LOAD,
                    SIEVE_LOAD, SIEVE_DONE, {SIEVE_PASSES: passes}, check)


def functional_workload(root: Path) -> Workload | None:
    path = root / FUNCTIONAL_FILE
    if not path.is_file():
        return None
    return Workload("functional", "6502", np.fromfile(path, dtype=np.uint8), 0x0000,
                    FUNCTIONAL_START, FUNCTIONAL_SUCCESS)


# --- measurements ----------------------------------------------------------------

def rates(samples: list[tuple[int, int, float]]) -> dict:
    """(cycles, instructions, seconds) per repeat -> MHz and MIPS figures."""
    return {"mhz": spread([c / s / 1e6 for c, _, s in samples]),
            "mips": spread([i / s / 1e6 for _, i, s in samples]),
            "cycles": samples[0][0], "instructions": samples[0][1],
            "seconds": spread([s for _, _, s in samples])}


def fast_once(w: Workload) -> tuple[tuple[int, int, float], float, str | None]:
    """One fast-mode run of the whole program: (sample, JIT load seconds, problem)."""
    cpu = w.cpu()
    t = time.perf_counter()
    cpu.run(instructions=0)              # compile or load the JIT before timing
    jit_s = time.perf_counter() - t
    started = time.perf_counter()
    reason = cpu.run(cycles=400_000_000)
    seconds = time.perf_counter() - started
    problem = None
    if reason != StopReason.SELF_LOOP or cpu.pc != w.end:
        problem = (f"stopped ({StopReason.NAMES.get(reason, reason)}) at ${cpu.pc:04X}, "
                   f"not at the end trap ${w.end:04X}")
    elif w.check:
        ok, detail = w.check(cpu.mem)
        problem = None if ok else detail
    return (cpu.cycles, cpu.instructions, seconds), jit_s, problem


def trace_once(w: Workload, budget: int, buffer: np.ndarray) -> tuple[tuple, float, bool]:
    """One trace-mode run of the first ``budget`` cycles, in chunks into ``buffer``."""
    cpu = w.cpu()
    t = time.perf_counter()
    cpu.run_traced(instructions=0, buffer=buffer)   # compile or load the JIT before timing
    jit_s = time.perf_counter() - t
    ended_early = False
    started = time.perf_counter()
    while cpu.cycles < budget:
        reason, _ = cpu.run_traced(cycles=min(TRACE_CHUNK, budget - cpu.cycles), buffer=buffer)
        if reason != StopReason.LIMIT:
            ended_early = True
            break
    seconds = time.perf_counter() - started
    return (cpu.cycles, cpu.instructions, seconds), jit_s, ended_early


def py65_mpu(variant: str):
    if variant == "6502":
        from py65.devices.mpu6502 import MPU
    else:
        from py65.devices.mpu65c02 import MPU
    return MPU()


def py65_once(w: Workload, budget: int):
    """py65 running the first ``budget`` instructions: (sample, the MPU)."""
    mpu = py65_mpu(w.variant)
    w.fill(mpu.memory)
    mpu.pc = w.start
    step = mpu.step
    started = time.perf_counter()
    for _ in range(budget):
        step()
    seconds = time.perf_counter() - started
    return (mpu.processorCycles, budget, seconds), mpu


def window_once(w: Workload, budget: int, cpus: int) -> tuple[int, int, float]:
    """Fast mode on py65's window: the first ``budget`` instructions, on ``cpus`` fresh CPUs."""
    fresh = [w.cpu() for _ in range(cpus)]
    fresh[0].run(instructions=0)              # the JIT is loaded already; make sure
    started = time.perf_counter()
    for cpu in fresh:
        cpu.run(instructions=budget)
    seconds = time.perf_counter() - started
    return sum(c.cycles for c in fresh), sum(c.instructions for c in fresh), seconds


def measure(w: Workload, cfg: dict) -> dict:
    """All four modes, repeats interleaved so that each sees the same machine load."""
    buffer = np.zeros(TRACE_CHUNK + 64, dtype=np.int64)
    fast_s, trace_s, py65_s, window_s = [], [], [], []
    fast_jit = trace_jit = None
    problem, ended_early, mpu = None, False, None
    for _ in range(cfg["repeats"]):
        sample, jit_s, bad = fast_once(w)
        fast_s.append(sample)
        fast_jit = jit_s if fast_jit is None else fast_jit
        problem = problem or bad
        sample, jit_s, early = trace_once(w, cfg["trace_cycles"], buffer)
        trace_s.append(sample)
        trace_jit = jit_s if trace_jit is None else trace_jit
        ended_early |= early
        sample, mpu = py65_once(w, cfg["py65_instructions"])
        py65_s.append(sample)
        window_s.append(window_once(w, cfg["py65_instructions"], cfg["window_repeats"]))
    fast, trace, py65 = rates(fast_s), rates(trace_s), rates(py65_s)
    window = rates(window_s)
    window["window_instructions"] = cfg["py65_instructions"]
    fast.update(jit_load_s=fast_jit, ok=problem is None, problem=problem)
    trace.update(jit_load_s=trace_jit, budget_cycles=cfg["trace_cycles"],
                 ended_early=ended_early)
    # Sanity check: after the same number of instructions our core is in the same place.
    cpu = w.cpu()
    cpu.run(instructions=cfg["py65_instructions"])
    py65["agrees_with_core"] = {
        "pc": mpu.pc == cpu.pc,
        "registers": (mpu.a, mpu.x, mpu.y) == (cpu.a, cpu.x, cpu.y),
        "py65_cycles": mpu.processorCycles, "core_cycles": cpu.cycles,
    }
    p = py65["mhz"]["median"]
    # Only the window row did py65's work: the ratio to py65 is taken from it alone.
    return {"name": w.name, "variant": w.variant, "fast": fast, "trace": trace, "py65": py65,
            "window": window,
            "ratios": {"fast_vs_py65": window["mhz"]["median"] / p,
                       "trace_vs_py65": None,
                       "fast_vs_apple2": fast["mhz"]["median"] * 1e6 / APPLE2_HZ,
                       "trace_vs_apple2": trace["mhz"]["median"] * 1e6 / APPLE2_HZ}}


# What the apple2 command does at start-up, then one instruction.
START_SCRIPT = """\
import json, time
t0 = time.perf_counter()
from emu.cli import skip_numba_blas_probe
skip_numba_blas_probe()
from emu.cpu.core import CPU
t1 = time.perf_counter()
cpu = CPU("6502")
cpu.set_pc(0x0400)
cpu.run(instructions=1)
t2 = time.perf_counter()
print(json.dumps({"import_s": t1 - t0, "load_and_run_s": t2 - t1}))
"""


# ``apple2`` itself: the whole machine with our firmware and the homebrew disk, one frame.
APPLE2_START = ["-m", "emu", "run", "--headless", "--frames", "1", "--write-protect",
                str(REPO / "roms" / "homebrew.dsk")]


def start_process(cache_dir: str | None, command: list[str] | None = None) -> dict:
    """Time a fresh interpreter that imports the core and runs 1 instruction (or ``command``)."""
    env = dict(os.environ)
    env.pop("APPLE2_NO_JIT_CACHE", None)
    if cache_dir is not None:
        env["NUMBA_CACHE_DIR"] = cache_dir
    else:
        env.pop("NUMBA_CACHE_DIR", None)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, *(command or ["-c", START_SCRIPT])], cwd=REPO,
                          env=env, capture_output=True, text=True, timeout=900)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"start-up subprocess failed:\n{done.stderr[-2000:]}")
    inner = json.loads(done.stdout.strip().splitlines()[-1]) if command is None else {}
    return {"seconds": seconds, **inner}


def measure_startup(repeats: int, cold: bool) -> dict:
    """Start-up of the CPU core alone, and of ``apple2`` (the whole machine).

    Cold: a fresh NUMBA_CACHE_DIR each time (``apple2``'s once: it takes about
    half a minute); warm: the first cold run's dir again.  With --quick the cold
    starts are skipped and warm starts use the project's own cache (numba's
    default place), run once to fill it and then timed.
    """
    if cold:
        with tempfile.TemporaryDirectory(prefix="apple2-bench-jit-") as keep:
            colds = []
            for i in range(repeats):
                if i == 0:
                    colds.append(start_process(keep))
                else:
                    with tempfile.TemporaryDirectory(prefix="apple2-bench-jit-") as fresh:
                        colds.append(start_process(fresh))
            warms = [start_process(keep) for _ in range(repeats)]
        with tempfile.TemporaryDirectory(prefix="apple2-bench-jit-") as keep:
            app_colds = [start_process(keep, APPLE2_START)]
            app_warms = [start_process(keep, APPLE2_START) for _ in range(repeats)]
        return {"cold_s": spread([r["seconds"] for r in colds]),
                "warm_s": spread([r["seconds"] for r in warms]),
                "apple2_cold_s": spread([r["seconds"] for r in app_colds]),
                "apple2_warm_s": spread([r["seconds"] for r in app_warms]),
                "cold_runs": colds, "warm_runs": warms, "cold_skipped": False,
                "warm_cache": "fresh NUMBA_CACHE_DIR filled by the first cold start"}
    start_process(None)                          # make sure the project cache is filled
    warms = [start_process(None) for _ in range(repeats)]
    start_process(None, APPLE2_START)
    app_warms = [start_process(None, APPLE2_START) for _ in range(repeats)]
    return {"cold_s": None, "warm_s": spread([r["seconds"] for r in warms]),
            "apple2_cold_s": None, "apple2_warm_s": spread([r["seconds"] for r in app_warms]),
            "cold_runs": [], "warm_runs": warms, "cold_skipped": True,
            "warm_cache": "the project's own numba cache"}


# --- report ------------------------------------------------------------------------

def fmt_spread(s: dict, width: int = 7, digits: int = 1) -> str:
    f = f"{{:{width}.{digits}f}}"
    return (f.format(s["median"]) + " (" + f"{s['min']:.{digits}f}-{s['max']:.{digits}f}" + ")")


def verdict(value: float | None, target: float, at_least: bool) -> str:
    if value is None:
        return "not measured"
    return "met" if (value >= target if at_least else value <= target) else "NOT met"


def print_report(result: dict) -> None:
    m, cfg = result["machine"], result["settings"]
    print(f"machine: {m['cpu_model']}, {m['cores']} cores; Python {m['python']}, "
          f"numba {m['numba']}, numpy {m['numpy']}")
    print(f"settings: {'--quick, ' if cfg['quick'] else ''}{cfg['repeats']} repeat(s), "
          f"each figure median (min-max); sieve {cfg['sieve_passes']} passes")
    print(f"  fast: the whole program; trace: its first {cfg['trace_cycles']:,} cycles, in "
          f"chunks of {cfg['trace_chunk']:,}; py65 and window (our fast mode): the same first "
          f"{cfg['py65_instructions']:,} instructions")
    print("  x py65: window against py65, the same instructions on both; x Apple II: emulated "
          f"MHz over a real one's {APPLE2_HZ / 1e6} MHz")
    print()
    head = (f"{'workload':11} {'cpu':5} {'mode':6} {'cycles':>12} {'instructions':>12}  "
            f"{'MHz (min-max)':>22} {'MIPS (min-max)':>22} {'x py65':>8} {'x Apple II':>10}")
    print(head)
    print("-" * len(head))
    for row in result["workloads"]:
        if row.get("skipped"):
            print(f"{row['name']:11} {row['variant']:5} skipped: {row['skipped']}")
            continue
        py65 = row["py65"]["mhz"]["median"]
        for mode in ("fast", "trace", "window", "py65"):
            r = row[mode]
            mhz = r["mhz"]["median"]
            ratio = {"window": f"{mhz / py65:8.0f}", "py65": f"{1:8.0f}"}.get(mode, f"{'-':>8}")
            digits = 3 if mode == "py65" else 1
            print(f"{row['name'] if mode == 'fast' else '':11} "
                  f"{row['variant'] if mode == 'fast' else '':5} {mode:6} "
                  f"{r['cycles']:12,} {r['instructions']:12,}  "
                  f"{fmt_spread(r['mhz'], 7, digits):>22} {fmt_spread(r['mips'], 7, digits):>22} "
                  f"{ratio} {mhz * 1e6 / APPLE2_HZ:10.1f}")
        notes = []
        if not row["fast"]["ok"]:
            notes.append(f"WRONG RESULT: {row['fast']['problem']}")
        if row["trace"]["ended_early"]:
            notes.append("trace run ended before its budget")
        agree = row["py65"]["agrees_with_core"]
        if not (agree["pc"] and agree["registers"]):
            notes.append("py65 and our core disagree after the py65 budget")
        jit = f"JIT load: fast {row['fast']['jit_load_s']:.2f} s, trace {row['trace']['jit_load_s']:.2f} s"
        print(f"{'':18} ({jit}{'; ' + '; '.join(notes) if notes else ''})")
    print()
    st = result["startup"]
    core = "start-up of the CPU core alone (fresh process: import it, run 1 instruction):"
    app = "start-up of apple2 itself (apple2 run --headless --frames 1 homebrew.dsk):"
    if st["cold_skipped"]:
        print(f"{core} cold start skipped with --quick")
    else:
        print(f"{core} cold {fmt_spread(st['cold_s'], 1, 2)} s")
    print(f"{'':78}warm {fmt_spread(st['warm_s'], 1, 2)} s  ({st['warm_cache']})")
    if st.get("apple2_cold_s"):
        print(f"{app:78}cold {fmt_spread(st['apple2_cold_s'], 1, 2)} s (one run)")
    else:
        print(f"{app:78}cold start skipped with --quick")
    print(f"{'':78}warm {fmt_spread(st['apple2_warm_s'], 1, 2)} s")
    print()
    print("targets:")
    for t in result["targets"]:
        value = "-" if t["value"] is None else f"{t['value']:.2f}"
        print(f"  {t['name']:44} {value:>9} {t['unit']:4} {t['status']}")


def targets(result: dict) -> list[dict]:
    rows = {(r["name"], r["variant"]): r for r in result["workloads"] if not r.get("skipped")}
    func = rows.get(("functional", "6502"))
    fast = func["fast"]["mhz"]["median"] if func else None
    vs = func["ratios"]["fast_vs_py65"] if func else None
    st = result["startup"]
    cold = st["cold_s"]["median"] if st["cold_s"] else None
    warm = st["warm_s"]["median"]
    out = []
    for name, value, target, unit, at_least in (
            ("fast mode on the functional test >= 600 MHz", fast, TARGETS["fast_mhz"], "MHz", True),
            ("fast / py65, same instructions, functional >= 150x", vs, TARGETS["fast_vs_py65"],
             "x", True),
            ("CPU core cold start <= 15 s", cold, TARGETS["cold_s"], "s", False),
            ("CPU core warm start <= 1 s", warm, TARGETS["warm_s"], "s", False)):
        out.append({"name": name, "value": value, "target": target, "unit": unit,
                    "status": verdict(value, target, at_least)})
    return out


def collect(quick: bool = False) -> dict:
    """Measure every workload and the start-up; ``result["ok"]``: every program ended right."""
    cfg = settings(quick)
    result = {"machine": machine_info(), "settings": cfg, "workloads": [],
              "apple2_hz": APPLE2_HZ, "date": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
    print(f"machine: {result['machine']['cpu_model']}, {result['machine']['cores']} cores",
          flush=True)

    root = testdata_dir()
    workloads: list[Workload | dict] = []
    func = functional_workload(root)
    if func is None:
        print(f"Klaus functional test not found at {root / FUNCTIONAL_FILE} "
              "(set APPLE2_TESTDATA): skipping that row")
        workloads.append({"name": "functional", "variant": "6502",
                          "skipped": f"no {FUNCTIONAL_FILE} in {root}"})
    else:
        workloads.append(func)
    workloads.append(sieve_workload("6502", cfg["sieve_passes"]))
    if not quick:
        workloads.append(sieve_workload("65c02", cfg["sieve_passes"]))

    failed = False
    for w in workloads:
        if isinstance(w, dict):
            result["workloads"].append(w)
            continue
        print(f"measuring {w.name} on the {w.variant} (fast, trace, py65, window) x "
              f"{cfg['repeats']}", flush=True)
        row = measure(w, cfg)
        failed |= not row["fast"]["ok"]
        result["workloads"].append(row)

    print("measuring start-up of the core and of apple2"
          + (" (warm only: --quick)" if quick else " (cold and warm)"), flush=True)
    result["startup"] = measure_startup(cfg["repeats"], cold=cfg["cold_start"])
    result["targets"] = targets(result)
    result["ok"] = not failed
    return result


def main(quick: bool = False) -> int:
    result = collect(quick)
    print()
    print_report(result)
    write_results(result, "APPLE2_BENCH_RESULTS", "cpu.json")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="one repeat, smaller budgets, no cold start")
    sys.exit(main(parser.parse_args().quick))
