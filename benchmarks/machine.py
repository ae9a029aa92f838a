"""The machine benchmark: a whole Apple II+ running a hi-res animation, headless.

Run it as ``python benchmarks/machine.py [--quick] [--against CHECKOUT]``
(``apple2 bench machine``).

Workload: our own hires_anim.s (benchmarks/workloads/hires_anim.bin), which
redraws a hi-res page with scrolling colour bars, forever, on a machine with
our firmware (which it never calls), loaded at $0C00.  What it exercises:
the CPU, memory through the page table, the video soft switches, the log of
writes to the page on display and the renderer.  What it leaves out: the
disk (see benchmarks/disk.py), the speaker, the keyboard and the game port.
Each row runs ``Apple2.run_frame`` for a number of frames, after a warm-up
that loads the JIT and lets the program draw its first pages:

* ``render``: started at $0C00, it double-buffers: it draws the page not on
  display and flips the display to it with $C054/$C055.  The CPU, the bus
  and the soft switches, and the renderer drawing every frame; few of its
  writes land on the page on display (only those right after a flip).
* ``no render``: the same with ``run_frame(render=False)``.
* ``render, on screen``: started at $0C03, it shows page 1 and redraws page
  1 itself, under the beam (it tears): all of its 1,700 or so writes a frame
  land on the page on display, which the machine logs with their cycle so
  that the picture shows each byte as the beam fetched it.  The worst case
  for that log.
* ``iie-enh dhr``: an enhanced IIe (our firmware, which it never calls)
  running dhr_anim.s (benchmarks/workloads/dhr_anim.bin) from $0C00: double
  hi-res on display, redrawn in aux and main memory under the beam (about
  650 writes a frame, all on the page on display and logged, aux memory's
  too), the renderer drawing every frame in double hi-res colour.
* ``music``: our Mockingboard tune (roms/src/homebrew/music.s, with our
  firmware, the card in slot 4) playing, the renderer drawing every frame:
  6522 timer interrupts 60 times a second, AY register writes through the
  6522s, both AYs' synthesizers run to the end of each frame;
* ``music+sound``: the same, with its sound made as the window and
  ``--wav`` make it (``emu.audio.Mixer``: band-limited 44.1 kHz stereo,
  mixed with the speaker).

Each animation row is measured in a fresh process (the same script for
every row), rows taking turns.  With ``--against CHECKOUT`` (another
checkout of the project, e.g. ``git worktree add /tmp/old main``), the same
script runs the same workloads on that checkout's emulator too, taking
turns with ours, so that both are measured side by side in one run on one
machine (the figures of a shared machine swing from minute to minute).  The
tune's rows are measured in this process, for this checkout only.

Then the window: the same programs (the animation, then the tune) in the
pygame front end at 1x speed (with sound fed to SDL's dummy audio driver
when there is no sound card) for a few seconds each, in a fresh process, on
the display in $DISPLAY or else on a virtual X server (Xvfb) if one is
installed.  It reports the share of one core the
process used (user + system CPU time over wall time; target: under 25%).

It reports frames per second, emulated MHz (CPU cycles per second) and the
multiple of real time (an emulated second being 60 frames; target: at least
400x with rendering), each the median of several repeats (5; 1 with --quick)
with its min and max, all from wall time; and the process's CPU time a
frame, which other processes on a busy machine disturb less.  Results go to benchmarks/results/machine.json (or the
path in $APPLE2_BENCH_MACHINE_RESULTS).  Speed is measured here, never
asserted in tests.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path


HERE = Path(__file__).resolve().parent
REPO = HERE.parent
if str(REPO) not in sys.path:          # python benchmarks/machine.py from a checkout
    sys.path.insert(0, str(REPO))

from benchmarks.common import machine_info, spread, write_results  # noqa: E402
from emu import bus                      # noqa: E402
from emu.machine import Apple2           # noqa: E402

ANIM_BIN = HERE / "workloads" / "hires_anim.bin"
ANIM_LOAD = 0x0C00
FLIPPING, ON_SCREEN = 0x0C00, 0x0C03     # hires_anim.s's two entry points
DHR_BIN = HERE / "workloads" / "dhr_anim.bin"
DHR_ENTRY = 0x0C00
MUSIC_BIN = REPO / "roms" / "homebrew_music.bin"
MUSIC_LOAD = 0x1100                      # MUSIC in roms/src/homebrew/map.s
FRAMES_PER_SECOND = 60                   # an emulated second, for the real-time multiple
TARGET_X_REALTIME = 400.0                # with rendering every frame
TARGET_IIE_X_REALTIME = 300.0            # the enhanced IIe's double hi-res row (issue 15)
TARGET_MUSIC_X_REALTIME = 300.0          # the Mockingboard tune playing (issue 16)
WARMUP_FRAMES = 30                       # JIT load + the program's first pages
# (row name, entry point, render, model, workload)
ROWS = (("render", FLIPPING, True, "ii+", ANIM_BIN),
        ("no render", FLIPPING, False, "ii+", ANIM_BIN),
        ("render, on screen", ON_SCREEN, True, "ii+", ANIM_BIN),
        ("iie-enh dhr", DHR_ENTRY, True, "iie-enh", DHR_BIN))


def settings(quick: bool) -> dict:
    # A run of 6,000 frames lasts a quarter of a second: on a shared machine
    # one busy moment skews it, so the full benchmark takes 20,000 frames, 5 times.
    return {"quick": quick, "repeats": 1 if quick else 5,
            "frames": 600 if quick else 20_000, "warmup_frames": WARMUP_FRAMES}


def new_machine(entry: int = FLIPPING) -> Apple2:
    m = Apple2()
    m.load(ANIM_LOAD, ANIM_BIN.read_bytes())
    m.cpu.set_pc(entry)
    return m


def dhr_machine() -> Apple2:
    """The enhanced IIe running the double hi-res animation."""
    m = Apple2(model="iie-enh")
    m.load(ANIM_LOAD, DHR_BIN.read_bytes())
    m.cpu.set_pc(DHR_ENTRY)
    return m


# One timed run in a fresh process, on the emulator of the checkout ``repo``:
# it only uses the Apple2 API every version has (load, cpu.set_pc, run,
# run_frame, video_mode, mem, framebuffer; a model other than the II+ needs
# Apple2(model=...)).
MEASURE_SCRIPT = """\
import json, sys, time
sys.path.insert(0, {repo!r})
from emu.machine import Apple2
t = time.perf_counter()
m = Apple2(**({model!r} != "ii+" and {{"model": {model!r}}} or {{}}))
m.load({load}, open({binary!r}, "rb").read())
m.cpu.set_pc({entry})
m.run(frames={warmup}, render={render})
warmup_s = time.perf_counter() - t
cycles0 = m.cpu.cycles
run_frame = m.run_frame
started, cpu_started = time.perf_counter(), time.process_time()
for _ in range({frames}):
    run_frame({render})
seconds = time.perf_counter() - started
cpu_seconds = time.process_time() - cpu_started
cycles = m.cpu.cycles - cycles0
pages = set()                                   # sanity: the animation is alive
for _ in range(12):
    m.run_frame(render=False)
    pages.add(bool(m.video_mode & 4))
facts = {{"pages_shown": sorted(pages), "page1_drawn": bool(m.mem[0x2000:0x4000].any()),
          "page2_drawn": bool(m.mem[0x4000:0x6000].any()),
          "aux_page1_drawn": bool(m.mem[0x12000:0x14000].any()),
          "colours": len(set(m.pixels.ravel().tolist())) if {render} else None,
          "lit_dots": int(m.framebuffer.any(axis=2).sum()) if {render} else None}}
print(json.dumps({{"frames": {frames}, "cycles": cycles, "seconds": seconds,
                  "cpu_seconds": cpu_seconds, "warmup_s": warmup_s, "facts": facts}}))
"""


def run_once(repo: Path, entry: int, render: bool, frames: int, model: str = "ii+",
             binary: Path = ANIM_BIN) -> tuple[dict, dict]:
    """One timed run in a fresh process: (sample, sanity facts about what the program did)."""
    script = MEASURE_SCRIPT.format(repo=str(repo), load=ANIM_LOAD, binary=str(binary),
                                   entry=entry, render=render, frames=frames, warmup=WARMUP_FRAMES,
                                   model=model)
    done = subprocess.run([sys.executable, "-c", script], cwd=str(repo), capture_output=True,
                          text=True, timeout=1800)
    if done.returncode != 0:
        raise RuntimeError(f"the benchmark run on {repo} failed:\n{done.stderr.strip()}")
    sample = json.loads(done.stdout.strip().splitlines()[-1])
    return sample, sample.pop("facts")


def music_machine() -> Apple2:
    """Our firmware, the Mockingboard in slot 4, the tune started."""
    m = Apple2()
    m.load(MUSIC_LOAD, MUSIC_BIN.read_bytes())
    m.cpu.set_pc(MUSIC_LOAD)
    return m


def run_music(frames: int, sound: bool) -> tuple[dict, dict]:
    """The tune playing, rendering every frame (and with ``sound``, mixing its sound)."""
    from emu.audio import Mixer
    t = time.perf_counter()
    m = music_machine()
    mixer = Mixer(m) if sound else None
    m.run(frames=WARMUP_FRAMES)
    warmup_s = time.perf_counter() - t
    cycles0, loudest, notes = m.cpu.cycles, 0, set()
    run_frame = m.run_frame
    card = m.card("mockingboard")
    started, cpu_started = time.perf_counter(), time.process_time()
    for _ in range(frames):
        start = m.frame_start
        run_frame(True)
        if sound:
            loudest = max(loudest, int(abs(mixer.frame(start, m.frame_start)).max()))
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started
    cycles = m.cpu.cycles - cycles0
    for _ in range(200):                        # sanity: the tune moves on
        m.run_frame(render=False)
        notes.add(card.registers(0)[0])
    facts = {"loudest_sample": loudest, "notes_seen": len(notes)}
    sample = {"frames": frames, "cycles": cycles, "seconds": seconds, "cpu_seconds": cpu_seconds,
              "warmup_s": warmup_s}
    return sample, facts


def workload_ok(name: str, entry: int, render: bool, facts: dict) -> bool:
    if name.startswith("music"):
        return facts["notes_seen"] >= 3 and (name == "music" or facts["loudest_sample"] > 1000)
    if name.startswith("iie-enh"):                 # double hi-res, in many colours
        return (facts["pages_shown"] == [False] and facts["page1_drawn"]
                and facts.get("aux_page1_drawn", False) and (facts.get("colours") or 0) >= 8)
    pages = [False, True] if entry == FLIPPING else [False]
    return (facts["pages_shown"] == pages and facts["page1_drawn"]
            and (facts["page2_drawn"] or entry != FLIPPING)
            and (not render or facts["lit_dots"] > 0))


def summarise(name: str, code: str, entry: int, render: bool, samples: list[dict],
              facts: dict) -> dict:
    fps = [s["frames"] / s["seconds"] for s in samples]
    return {"mode": name, "code": code, "render": render, "entry": entry,
            "frames": samples[0]["frames"],
            "fps": spread(fps),
            "mhz": spread([s["cycles"] / s["seconds"] / 1e6 for s in samples]),
            "x_realtime": spread([f / FRAMES_PER_SECOND for f in fps]),
            "us_per_frame": spread([s["seconds"] / s["frames"] * 1e6 for s in samples]),
            "cpu_us_per_frame": spread([s["cpu_seconds"] / s["frames"] * 1e6 for s in samples]),
            "warmup_s": [s["warmup_s"] for s in samples],
            "cycles_per_frame": samples[0]["cycles"] / samples[0]["frames"],
            "workload_ok": workload_ok(name, entry, render, facts), "workload_facts": facts}


def measure(cfg: dict, against: Path | None = None) -> list[dict]:
    """Every row, for this checkout (and ``against``), the runs taking turns."""
    codes = [("this", REPO)] + ([("against", against)] if against else [])
    samples: dict = {}
    facts: dict = {}
    for repeat in range(cfg["repeats"]):
        for name, entry, render, model, binary in ROWS:
            for code, repo in codes:
                print(f"  {name} ({code}: {repo.name}), run {repeat + 1} of {cfg['repeats']}",
                      flush=True)
                sample, facts[name, code] = run_once(repo, entry, render, cfg["frames"], model,
                                                     binary)
                samples.setdefault((name, code), []).append(sample)
    return [summarise(name, code, entry, render, samples[name, code], facts[name, code])
            for code, _ in codes for name, entry, render, _, _ in ROWS]


def measure_music(cfg: dict) -> list[dict]:
    """The tune's rows ("music", "music+sound"), for this checkout, in this process."""
    rows = []
    for name in ("music", "music+sound"):
        print(f"  {name} (this), {cfg['repeats']} run(s)", flush=True)
        samples, facts = [], {}
        for _ in range(cfg["repeats"]):
            sample, facts = run_music(cfg["frames"], name == "music+sound")
            samples.append(sample)
        rows.append(summarise(name, "this", MUSIC_LOAD, True, samples, facts))
    return rows


def fmt(s: dict, digits: int = 1) -> str:
    return f"{s['median']:.{digits}f} ({s['min']:.{digits}f}-{s['max']:.{digits}f})"


def print_report(result: dict) -> None:
    m, cfg = result["machine"], result["settings"]
    print(f"machine: {m['cpu_model']}, {m['cores']} cores; Python {m['python']}, "
          f"numba {m['numba']}, numpy {m['numpy']}")
    print(f"workload: hires_anim.s (render, no render, render on screen), dhr_anim.s on the "
          f"enhanced IIe (iie-enh dhr: double hi-res drawn in aux and main under the beam), "
          f"the Mockingboard "
          f"tune music.s (music; music+sound: also its sound mixed); {cfg['frames']:,} frames "
          f"after {cfg['warmup_frames']} warm-up frames, {cfg['repeats']} repeat(s); "
          f"median (min-max)")
    print("  hires_anim exercises the CPU, memory, the video switches and the renderer (render, "
          "on screen: every write logged for the picture); not the disk (apple2 bench disk), "
          "the speaker, the keys or the game port; music adds the Mockingboard's 6522 "
          "interrupts and its AY registers, music+sound their synthesis")
    print(f"x real time: frames/s / {FRAMES_PER_SECOND}")
    if result.get("against"):
        print(f"code: this = {result['this']}, against = {result['against']}")
    print()
    head = (f"{'mode':18} {'code':8} {'frames/s':>26} {'emulated MHz':>22} {'x real time':>22} "
            f"{'us/frame':>20} {'CPU us/frame':>20}")
    print(head)
    print("-" * len(head))
    for row in result["rows"]:
        print(f"{row['mode']:18} {row.get('code', 'this'):8} {fmt(row['fps'], 0):>26} "
              f"{fmt(row['mhz'], 1):>22} {fmt(row['x_realtime'], 0):>22} "
              f"{fmt(row['us_per_frame'], 1):>20} {fmt(row['cpu_us_per_frame'], 1):>20}"
              + ("" if row["workload_ok"] else "   WORKLOAD WRONG: " + str(row["workload_facts"])))
    t = result["target"]
    print()
    print(f"target: rendering every frame >= {t['target']:.0f}x real time: "
          f"{t['value']:.0f}x, {t['status']}")
    for row in result["rows"]:
        if row["mode"].startswith("iie-enh") and row.get("code", "this") == "this":
            x = row["x_realtime"]["median"]
            print(f"target: the enhanced IIe's double hi-res animation, rendering every frame "
                  f">= {TARGET_IIE_X_REALTIME:.0f}x real time: {x:.0f}x, "
                  f"{'met' if x >= TARGET_IIE_X_REALTIME else 'NOT met'}")
        if row["mode"].startswith("music"):
            x = row["x_realtime"]["median"]
            print(f"target: the tune playing ({row['mode']}), rendering every frame >= "
                  f"{TARGET_MUSIC_X_REALTIME:.0f}x real time: {x:.0f}x, "
                  f"{'met' if x >= TARGET_MUSIC_X_REALTIME else 'NOT met'}")
    for key, what in (("window", "hires animation"), ("window_music", "the tune, with sound")):
        w = result.get(key, {})
        if "skipped" in w:
            print(f"window at 1x, {what}: not measured ({w['skipped']})")
        elif w:
            print(f"window at 1x, {what} ({w['display']}, {w['wall_s']:.0f} s): "
                  f"{100 * w['core_share']:.1f}% of one core; target < 25%: "
                  f"{'met' if w['core_share'] < 0.25 else 'NOT met'}")


WINDOW_SCRIPT = """\
import json, resource, sys, time
sys.path.insert(0, {repo!r})
from benchmarks.machine import {make}
from emu.frontend import run_window
m = {make}()
m.run_frame(render=True)                      # the JIT, untimed
def used():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime
c0, t0 = used(), time.perf_counter()
run_window(m, seconds={seconds})
print(json.dumps({{"cpu_s": used() - c0, "wall_s": time.perf_counter() - t0}}))
"""


def measure_window(seconds: float, make: str = "new_machine") -> dict:
    """CPU share of the window at 1x, in a fresh process; skipped without a display.

    ``make``: the function of this module that builds the machine to show.
    """
    env = dict(os.environ)
    env.setdefault("SDL_AUDIODRIVER", "dummy")
    xvfb = None
    if not env.get("DISPLAY"):
        if not shutil.which("Xvfb"):
            return {"skipped": "no display and no Xvfb to make one"}
        display = ":97"
        xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(1.0)
        env["DISPLAY"] = display
    try:
        done = subprocess.run([sys.executable, "-c", WINDOW_SCRIPT.format(
                                  repo=str(REPO), seconds=seconds, make=make)],
                              env=env, capture_output=True, text=True, timeout=300)
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait()
    if done.returncode != 0:
        return {"skipped": "the window did not run: " + done.stderr.strip().splitlines()[-1]}
    r = json.loads(done.stdout.strip().splitlines()[-1])
    r["core_share"] = r["cpu_s"] / r["wall_s"]
    r["display"] = "Xvfb" if xvfb is not None else env["DISPLAY"]
    return r


def collect(quick: bool = False, against: str | None = None) -> dict:
    """Measure every row, and the window; ``result["ok"]``: the program ran as it should."""
    cfg = settings(quick)
    result = {"machine": machine_info(), "settings": cfg, "workload": "hires_anim.s",
              "cycles_per_frame": bus.CYCLES_PER_FRAME,
              "frames_per_emulated_second": FRAMES_PER_SECOND,
              "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "this": str(REPO), "rows": []}
    print(f"machine: {result['machine']['cpu_model']}, {result['machine']['cores']} cores",
          flush=True)
    other = None
    if against:
        other = Path(against).resolve()
        if not (other / "emu" / "machine.py").is_file():
            raise SystemExit(f"error: {against}: not a checkout of this project (no emu/machine.py)")
        result["against"] = str(other)
    t = time.perf_counter()
    new_machine().run_frame(render=True)          # compile or load the JIT once, untimed
    result["jit_load_s"] = time.perf_counter() - t
    print(f"JIT ready in {result['jit_load_s']:.1f} s", flush=True)
    result["rows"] = measure(cfg, other) + measure_music(cfg)
    x = result["rows"][0]["x_realtime"]["median"]
    result["target"] = {"name": "render every frame >= 400x real time", "value": x,
                        "target": TARGET_X_REALTIME,
                        "status": "met" if x >= TARGET_X_REALTIME else "NOT met"}
    seconds = 3.0 if quick else 10.0
    print(f"measuring the window at 1x for {seconds:.0f} s", flush=True)
    result["window"] = measure_window(seconds)
    print(f"measuring the window at 1x with the tune for {seconds:.0f} s", flush=True)
    result["window_music"] = measure_window(seconds, "music_machine")
    result["ok"] = all(row["workload_ok"] for row in result["rows"])
    return result


def main(quick: bool = False, against: str | None = None) -> int:
    result = collect(quick, against)
    print()
    print_report(result)
    write_results(result, "APPLE2_BENCH_MACHINE_RESULTS", "machine.json")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one repeat, fewer frames")
    parser.add_argument("--against", metavar="CHECKOUT",
                        help="also measure the emulator of another checkout, taking turns")
    args = parser.parse_args()
    sys.exit(main(args.quick, args.against))
