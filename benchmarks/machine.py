"""The machine benchmark: a whole Apple II+ running a hi-res animation, headless.

Run it as ``python benchmarks/machine.py [--quick]``.

Workload: our own hires_anim.s (benchmarks/workloads/hires_anim.bin), which
redraws the hidden hi-res page with scrolling colour bars and flips the
display between $2000 and $4000 with $C054/$C055, forever.  The machine has no
ROM; the program is loaded at $0C00 and started there.  What it exercises:
the CPU, memory through the page table, the video soft switches and the
renderer.  What it leaves out: the disk (see benchmarks/disk.py), the speaker,
the keyboard and the game port.

For each mode it runs ``Apple2.run_frame`` for a number of frames, after a
warm-up that loads the JIT and lets the program draw its first pages:

* ``render``: ``run_frame(render=True)``: the CPU, the bus and the soft
  switches, and the renderer drawing every frame into the framebuffer;
* ``no render``: ``run_frame(render=False)``: the same without the renderer;
* ``music``: our Mockingboard tune (roms/src/homebrew/music.s, with our
  firmware, the card in slot 4) playing, the renderer drawing every frame:
  6522 timer interrupts 60 times a second, AY register writes through the
  6522s, both AYs' synthesizers run to the end of each frame;
* ``music+sound``: the same, with its sound made as the window and
  ``--wav`` make it (``emu.audio.Mixer``: band-limited 44.1 kHz stereo,
  mixed with the speaker).

Then the window: the same programs (the animation, then the tune) in the
pygame front end at 1x speed (with sound fed to SDL's dummy audio driver
when there is no sound card) for a few seconds each, in a fresh process, on the display in $DISPLAY or else on a virtual
X server (Xvfb) if one is installed.  It reports the share of one core the
process used (user + system CPU time over wall time; target: under 25%).

It reports frames per second, emulated MHz (CPU cycles per second) and the
multiple of real time (an emulated second being 60 frames; target: at least
300x with rendering), each the median of several repeats (3; 1 with --quick)
with its min and max.  Results go to benchmarks/results/machine.json (or the
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
from emu.video import PAGE2              # noqa: E402

ANIM_BIN = HERE / "workloads" / "hires_anim.bin"
ANIM_LOAD = 0x0C00
MUSIC_BIN = REPO / "roms" / "homebrew_music.bin"
MUSIC_LOAD = 0x1100                      # MUSIC in roms/src/homebrew/map.s
FRAMES_PER_SECOND = 60                   # an emulated second, for the real-time multiple
TARGET_X_REALTIME = 300.0                # with rendering every frame
WARMUP_FRAMES = 30                       # JIT load + the program's first pages


def settings(quick: bool) -> dict:
    return {"quick": quick, "repeats": 1 if quick else 3,
            "frames": 600 if quick else 6000, "warmup_frames": WARMUP_FRAMES}


def new_machine() -> Apple2:
    m = Apple2()
    m.load(ANIM_LOAD, ANIM_BIN.read_bytes())
    m.cpu.set_pc(ANIM_LOAD)
    return m


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
    started = time.perf_counter()
    for _ in range(frames):
        start = m.frame_start
        run_frame(True)
        if sound:
            loudest = max(loudest, int(abs(mixer.frame(start, m.frame_start)).max()))
    seconds = time.perf_counter() - started
    cycles = m.cpu.cycles - cycles0
    for _ in range(200):                        # sanity: the tune moves on
        m.run_frame(render=False)
        notes.add(card.registers(0)[0])
    facts = {"loudest_sample": loudest, "notes_seen": len(notes)}
    sample = {"frames": frames, "cycles": cycles, "seconds": seconds, "warmup_s": warmup_s}
    return sample, facts


def run_once(render: bool, frames: int) -> tuple[dict, dict]:
    """One timed run: (sample, sanity facts about what the program did)."""
    t = time.perf_counter()
    m = new_machine()
    m.run(frames=WARMUP_FRAMES, render=render)
    warmup_s = time.perf_counter() - t
    cycles0 = m.cpu.cycles
    run_frame = m.run_frame
    started = time.perf_counter()
    for _ in range(frames):
        run_frame(render)
    seconds = time.perf_counter() - started
    cycles = m.cpu.cycles - cycles0
    # Sanity: the animation is alive (both pages get shown, both hold a picture).
    pages = set()
    for _ in range(12):
        m.run_frame(render=False)
        pages.add(bool(m.video_mode & PAGE2))
    facts = {"pages_shown": sorted(pages),
             "page1_drawn": bool(m.mem[0x2000:0x4000].any()),
             "page2_drawn": bool(m.mem[0x4000:0x6000].any()),
             "lit_dots": int(m.framebuffer.any(axis=2).sum()) if render else None}
    sample = {"frames": frames, "cycles": cycles, "seconds": seconds, "warmup_s": warmup_s}
    return sample, facts


def measure(render: bool, cfg: dict, music: str = "") -> dict:
    """A row: ``music`` "" (the animation), "music" or "music+sound"."""
    samples, facts = [], None
    for _ in range(cfg["repeats"]):
        sample, facts = (run_music(cfg["frames"], music == "music+sound") if music
                         else run_once(render, cfg["frames"]))
        samples.append(sample)
    fps = [s["frames"] / s["seconds"] for s in samples]
    if music:
        ok = facts["notes_seen"] >= 3 and (music == "music" or facts["loudest_sample"] > 1000)
    else:
        ok = (facts["pages_shown"] == [False, True] and facts["page1_drawn"]
              and facts["page2_drawn"] and (not render or facts["lit_dots"] > 0))
    return {"mode": music or ("render" if render else "no render"), "render": render,
            "frames": cfg["frames"],
            "fps": spread(fps),
            "mhz": spread([s["cycles"] / s["seconds"] / 1e6 for s in samples]),
            "x_realtime": spread([f / FRAMES_PER_SECOND for f in fps]),
            "us_per_frame": spread([s["seconds"] / s["frames"] * 1e6 for s in samples]),
            "warmup_s": [s["warmup_s"] for s in samples],
            "cycles_per_frame": samples[0]["cycles"] / samples[0]["frames"],
            "workload_ok": ok, "workload_facts": facts}


def fmt(s: dict, digits: int = 1) -> str:
    return f"{s['median']:.{digits}f} ({s['min']:.{digits}f}-{s['max']:.{digits}f})"


def print_report(result: dict) -> None:
    m, cfg = result["machine"], result["settings"]
    print(f"machine: {m['cpu_model']}, {m['cores']} cores; Python {m['python']}, "
          f"numba {m['numba']}, numpy {m['numpy']}")
    print(f"workload: hires_anim.s (render, no render), the Mockingboard tune music.s "
          f"(music; music+sound: also its sound mixed); {cfg['frames']:,} frames after "
          f"{cfg['warmup_frames']} warm-up frames, {cfg['repeats']} repeat(s); median (min-max)")
    print("  hires_anim exercises the CPU, memory, the video switches and the renderer; not the "
          "disk (apple2 bench disk), the speaker, the keys or the game port; music adds the "
          "Mockingboard's 6522 interrupts and its AY registers, music+sound their synthesis")
    print(f"x real time: frames/s / {FRAMES_PER_SECOND}")
    print()
    head = (f"{'mode':11} {'frames/s':>26} {'emulated MHz':>22} {'x real time':>22} "
            f"{'us/frame':>20}")
    print(head)
    print("-" * len(head))
    for row in result["rows"]:
        print(f"{row['mode']:11} {fmt(row['fps'], 0):>26} {fmt(row['mhz'], 1):>22} "
              f"{fmt(row['x_realtime'], 0):>22} {fmt(row['us_per_frame'], 1):>20}"
              + ("" if row["workload_ok"] else "   WORKLOAD WRONG: " + str(row["workload_facts"])))
    t = result["target"]
    print()
    print(f"target: rendering every frame >= {t['target']:.0f}x real time: "
          f"{t['value']:.0f}x, {t['status']}")
    for row in result["rows"]:
        if row["mode"].startswith("music"):
            x = row["x_realtime"]["median"]
            print(f"target: the tune playing ({row['mode']}), rendering every frame >= "
                  f"{TARGET_X_REALTIME:.0f}x real time: {x:.0f}x, "
                  f"{'met' if x >= TARGET_X_REALTIME else 'NOT met'}")
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


def collect(quick: bool = False) -> dict:
    """Measure with and without rendering, and the window; ``result["ok"]``: the program ran."""
    cfg = settings(quick)
    result = {"machine": machine_info(), "settings": cfg, "workload": "hires_anim.s",
              "cycles_per_frame": bus.CYCLES_PER_FRAME,
              "frames_per_emulated_second": FRAMES_PER_SECOND,
              "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "rows": []}
    print(f"machine: {result['machine']['cpu_model']}, {result['machine']['cores']} cores",
          flush=True)
    t = time.perf_counter()
    new_machine().run_frame(render=True)          # compile or load the JIT once, untimed
    result["jit_load_s"] = time.perf_counter() - t
    print(f"JIT ready in {result['jit_load_s']:.1f} s", flush=True)
    for render in (True, False):
        print(f"measuring {'with' if render else 'without'} rendering x {cfg['repeats']}",
              flush=True)
        result["rows"].append(measure(render, cfg))
    for music in ("music", "music+sound"):
        print(f"measuring the Mockingboard tune ({music}) x {cfg['repeats']}", flush=True)
        result["rows"].append(measure(True, cfg, music=music))
    x = result["rows"][0]["x_realtime"]["median"]
    result["target"] = {"name": "render every frame >= 300x real time", "value": x,
                        "target": TARGET_X_REALTIME,
                        "status": "met" if x >= TARGET_X_REALTIME else "NOT met"}
    seconds = 3.0 if quick else 10.0
    print(f"measuring the window at 1x for {seconds:.0f} s", flush=True)
    result["window"] = measure_window(seconds)
    print(f"measuring the window at 1x with the tune for {seconds:.0f} s", flush=True)
    result["window_music"] = measure_window(seconds, "music_machine")
    result["ok"] = all(row["workload_ok"] for row in result["rows"])
    return result


def main(quick: bool = False) -> int:
    result = collect(quick)
    print()
    print_report(result)
    write_results(result, "APPLE2_BENCH_MACHINE_RESULTS", "machine.json")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one repeat, fewer frames")
    sys.exit(main(parser.parse_args().quick))
