"""The whole benchmark suite: ``apple2 bench [--quick]`` or ``python -m benchmarks``.

It runs, in one process and one sitting, so that every ratio compares
figures measured side by side:

1. ``cpu``: the Klaus functional test and our sieve on our core (fast and
   trace mode) and on py65 (against our core on the same instructions);
   start-up of the core and of ``apple2``, with a cold and a warm numba cache;
2. ``native``: the same sieve natively, in C and in Python, against the
   emulated 6502 and a real Apple II;
3. ``machine``: the whole Apple II headless on a hi-res animation (the CPU,
   memory and video; no disk, sound or keys), with and without rendering, and
   the window at 1x;
4. ``disk``: a 35-track read pass through the Disk II, and the boot of the
   homebrew disk to its menu;
5. ``overhead``: peak memory of the emulator process, and disk storage.

It prints each part's table, then a summary, and writes
benchmarks/results/bench.json (or $APPLE2_BENCH_SUITE_RESULTS) and a chart
beside it, bench.png, drawn with pygame.  Each figure is a median over
repeats (3; 1 with --quick) with its min and max.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
if str(REPO) not in sys.path:          # python benchmarks/suite.py from a checkout
    sys.path.insert(0, str(REPO))

from benchmarks import chart, cpu, disk, machine, native, overhead    # noqa: E402
from benchmarks.common import machine_info, write_results             # noqa: E402

APPLE2_HZ = cpu.APPLE2_HZ
# The chart's names for benchmarks/machine.py's rows (short enough for its labels).
MACHINE_LABELS = {"render": "II+ hi-res animation", "no render": "the same, not drawn",
                  "render, on screen": "the same, drawn under the beam",
                  "iie-enh dhr": "enhanced IIe, double hi-res",
                  "music": "Mockingboard tune", "music+sound": "the tune and its sound"}


def collect(quick: bool) -> dict:
    parts = {}
    print("== 1/5 CPU ==", flush=True)
    parts["cpu"] = cpu.collect(quick)
    print("== 2/5 native ==", flush=True)
    parts["native"] = native.collect(quick, cpu_result=parts["cpu"])
    print("== 3/5 whole machine ==", flush=True)
    parts["machine"] = machine.collect(quick)
    print("== 4/5 disk ==", flush=True)
    parts["disk"] = disk.collect(quick)
    print("== 5/5 memory and storage ==", flush=True)
    parts["overhead"] = overhead.collect(quick)
    return {"machine": machine_info(), "quick": quick,
            "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "parts": parts,
            "summary": summary(parts), "ok": all(p["ok"] for p in parts.values())}


def _row(rows: list[dict], **match) -> dict | None:
    return next((r for r in rows if all(r.get(k) == v for k, v in match.items())), None)


def summary(parts: dict) -> list[dict]:
    """The headline figures, each with what it compares against."""
    out = []
    func = _row(parts["cpu"]["workloads"], name="functional", variant="6502")
    if func and not func.get("skipped"):
        fast = func["fast"]["mhz"]
        window = func["window"]["window_instructions"]
        out.append({"what": "emulated 6502, fast mode (Klaus functional test)",
                    "value": fast["median"], "unit": "MHz", "min": fast["min"], "max": fast["max"],
                    "compare": f"{func['ratios']['fast_vs_apple2']:.0f}x a real Apple II, "
                               f"{func['ratios']['fast_vs_py65']:.0f}x py65 (both on its "
                               f"first {window:,} instructions)"})
    rows = parts["native"]["rows"]
    fast = _row(rows, mode="fast")
    if fast and fast["vs_c"] is not None:
        out.append({"what": "same sieve: emulated (fast) against native C", "value": fast["vs_c"],
                    "unit": "x slower", "compare": f"{fast['vs_python']:.2f}x native Python; a VM: "
                                                   "1.1-1.2x"})
    render = _row(parts["machine"]["rows"], mode="render")
    if render:
        x = render["x_realtime"]
        out.append({"what": "whole Apple II, rendering every frame (a hi-res animation: "
                            "CPU, memory, video; no disk, sound or keys)", "value": x["median"],
                    "unit": "x real time", "min": x["min"], "max": x["max"],
                    "compare": f"{render['us_per_frame']['median']:.0f} us an emulated frame "
                               "(real: 16,700 us)"})
    d = parts["disk"]
    out.append({"what": f"35-track disk read pass ({d['emulated_s']['median']:.1f} s on a real "
                        "Apple II, from the emulated cycles)", "value": d["wall_s"]["median"],
                "unit": "s wall", "min": d["wall_s"]["min"], "max": d["wall_s"]["max"],
                "compare": f"{d['x_realtime']['median']:.0f}x real time"})
    if d["boot"]["ok"]:
        b = d["boot"]
        out.append({"what": "homebrew disk: power-on to menu", "value": b["wall_s"]["median"],
                    "unit": "s wall", "min": b["wall_s"]["min"], "max": b["wall_s"]["max"],
                    "compare": f"{b['emulated_s']:.2f} s on a real Apple II (from the "
                               "emulated cycles)"})
    window = parts["machine"].get("window", {})
    if "core_share" in window:
        out.append({"what": "the window at 1x speed", "value": 100 * window["core_share"],
                    "unit": "% of a core", "compare": "target < 25%"})
    st = parts["cpu"]["startup"]
    for key, what in (("apple2_cold_s", "apple2's first start (empty numba cache)"),
                      ("apple2_warm_s", "apple2's later starts"),
                      ("cold_s", "CPU core alone, cold start (empty numba cache)"),
                      ("warm_s", "CPU core alone, warm start")):
        if st.get(key):
            out.append({"what": what, "value": st[key]["median"], "unit": "s",
                        "min": st[key]["min"], "max": st[key]["max"],
                        "compare": "a VM boots in seconds; a container in under one"
                        if key == "apple2_cold_s" else ""})
    mem = parts["overhead"]["memory"]
    emu, bare = mem[-1]["peak_rss_mb"]["median"], mem[0]["peak_rss_mb"]["median"]
    out.append({"what": "peak memory of the emulator process", "value": emu, "unit": "MB",
                "compare": f"{emu - bare:.0f} MB over a bare Python; a VM: ~200 MB over a "
                           "container"})
    storage = parts["overhead"]["storage"]
    if "overhead" in storage and storage["overhead"]:
        out.append({"what": "disk image against the files on it", "value": storage["overhead"],
                    "unit": "x", "compare": f"{storage['image_bytes']:,} bytes for "
                                            f"{storage['file_bytes']:,}"})
    return out


def report(result: dict) -> None:
    parts = result["parts"]
    for title, part, show in (("CPU", "cpu", cpu.print_report), ("native", "native", native.report),
                              ("whole machine", "machine", machine.print_report),
                              ("disk", "disk", disk.report), ("overhead", "overhead", overhead.report)):
        print(f"\n== {title} ==")
        show(parts[part])
    m = result["machine"]
    print(f"\n== summary ({m['cpu_model']}, {m['cores']} cores; {result['date']}) ==")
    for s in result["summary"]:
        span = f" ({s['min']:.3g}-{s['max']:.3g})" if "min" in s else ""
        print(f"  {s['what']:50} {s['value']:10.3g} {s['unit']:12}{span:18} {s['compare']}")


def draw_chart(result: dict, path: Path) -> None:
    parts = result["parts"]
    sieve = [chart.Bar(r["name"], r["seconds_per_pass"]["median"], r["seconds_per_pass"]["min"],
                       r["seconds_per_pass"]["max"], colour=i,
                       note=(f"{r['vs_c']:,.0f}x C" if r.get("vs_c") else ""))
             for i, r in enumerate(parts["native"]["rows"])]
    speed = []
    func = _row(parts["cpu"]["workloads"], name="functional", variant="6502")
    if func and not func.get("skipped"):
        for i, mode in enumerate(("fast", "trace", "py65")):
            mhz = func[mode]["mhz"]
            speed.append(chart.Bar(f"6502 core, {mode} (functional test)",
                                   mhz["median"] * 1e6 / APPLE2_HZ, mhz["min"] * 1e6 / APPLE2_HZ,
                                   mhz["max"] * 1e6 / APPLE2_HZ, colour=2 + i,
                                   note=f"{mhz['median'] * 1e6 / APPLE2_HZ:,.0f}x"))
    for row in parts["machine"]["rows"]:
        x = row["x_realtime"]
        label = MACHINE_LABELS.get(row["mode"], f"whole machine, {row['mode']}")
        speed.append(chart.Bar(label, x["median"], x["min"], x["max"], colour=0,
                               note=f"{x['median']:,.0f}x"))
    memory = [chart.Bar(r["name"], r["peak_rss_mb"]["median"], r["peak_rss_mb"]["min"],
                        r["peak_rss_mb"]["max"], colour=i + 1,
                        note=f"{r['peak_rss_mb']['median']:.0f} MB")
              for i, r in enumerate(parts["overhead"]["memory"])]
    panels = [chart.Panel("One pass of the same sieve", "seconds, log scale", sieve, log=True),
              chart.Panel("Speed against a real Apple II", "x real time, log scale", speed,
                          log=True, lines=[(1.0, "real Apple II")]),
              chart.Panel("Peak memory of a process", "MB", memory,
                          lines=[(parts["overhead"]["vm_claim_mb"], "VM overhead, as claimed")])]
    m = result["machine"]
    chart.draw(panels, "apple2: the cost of emulating a whole machine",
               f"{m['cpu_model']}, {m['cores']} cores, Python {m['python']}, numba {m['numba']}; "
               f"{result['date'][:10]}; median of {1 if result['quick'] else 3} run(s), "
               "whiskers min-max", str(path))


def main(quick: bool = False) -> int:
    result = collect(quick)
    report(result)
    path = write_results(result, "APPLE2_BENCH_SUITE_RESULTS", "bench.json")
    png = path.with_suffix(".png")
    draw_chart(result, png)
    print(f"wrote {png}")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one repeat, shorter runs")
    sys.exit(main(parser.parse_args().quick))
