"""The disk benchmark: a loader reads all 560 sectors of a 35-track disk, at max speed.

Run it as ``python benchmarks/disk.py [--quick]`` or ``apple2 bench disk``.

Workload: a .dsk of random data whose boot sector is our readall.s
(benchmarks/workloads/readall.bin): the Disk II boot ROM loads it, and it
reads every sector of every track through the ROM's $Cn5C routine, two
turns of the disk per track, stepping from track 0 to 34.  The machine has
no Apple ROM (a stand-in of RTS instructions serves the boot ROM's JSR
$FF58, with our firmware's WAIT at $FCA8, which the boot ROM steps with).
The run is headless, with rendering off, as fast as the host goes.

It reports the emulated seconds the pass takes (what a real Apple II with
this loader would take: derived from the emulated cycles, not timed on one)
and the wall-clock seconds the emulator needs, each
the median of several repeats (3; 1 with --quick) with min and max, and
checks the last sector read matches the image.  Then the boot of the default
disk, roms/homebrew.dsk, with our firmware: from power-on to its menu, in
emulated and in wall seconds.  Last, the machine benchmark's hi-res animation
(benchmarks/machine.py, no rendering) with and without an idle Disk II
holding a disk, alternated in the same run.  Results go to
benchmarks/results/disk.json (or $APPLE2_BENCH_DISK_RESULTS).  Speed is
measured here, never asserted in tests.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.common import machine_info, spread, write_results  # noqa: E402
from emu import bus                      # noqa: E402
from emu.disk import gcr, images         # noqa: E402
from emu.machine import Apple2           # noqa: E402
from emu.rom import load_system_rom, stand_in_rom  # noqa: E402

LOADER = HERE / "workloads" / "readall.bin"
DONE_TRACK = 35
MAX_CYCLES = 60 * bus.CPU_HZ             # give up after a minute of Apple time
DEFAULT_DISK = REPO / "roms" / "homebrew.dsk"
MENU = 0x0900                            # the homebrew menu's entry (roms/src/homebrew/map.s)
# $D000-$FFFF for the read pass: RTS everywhere, and our firmware's WAIT ($FCA8).
STAND_IN = stand_in_rom()


def make_disk(folder: Path) -> tuple[Path, bytes]:
    data = bytearray(random.Random(2).randbytes(images.SECTOR_IMAGE_SIZE))
    loader = LOADER.read_bytes()
    data[:256] = loader + bytes(256 - len(loader))
    path = folder / "readall.dsk"
    path.write_bytes(bytes(data))
    return path, bytes(data)


def run_once(path: Path) -> tuple[dict, Apple2]:
    m = Apple2(rom=STAND_IN)
    m.insert_disk(1, path)
    m.cpu.set_pc(0xC600)
    m.cpu.stop_on_self_loop = True
    started = time.perf_counter()
    m.cpu.run(cycles=MAX_CYCLES)
    wall = time.perf_counter() - started
    return {"cycles": m.cpu.cycles, "emulated_s": m.cpu.cycles / bus.CPU_HZ,
            "wall_s": wall, "tracks_done": int(m.mem[0xF0])}, m


def boot_once(firmware: bytes, cycles: int) -> float:
    """Wall seconds for the fast core to run the first ``cycles`` of a homebrew boot."""
    m = Apple2(rom=firmware)
    m.insert_disk(1, DEFAULT_DISK)
    m.run(cycles=0)
    started = time.perf_counter()
    m.run(cycles=cycles, render=False)
    return time.perf_counter() - started


def measure_boot(repeats: int) -> dict:
    """The default disk (roms/homebrew.dsk) from power-on to its menu, with our firmware.

    A breakpoint at the menu's entry finds the cycle the boot ends on; then
    the fast core (no breakpoints) runs exactly that long, timed.
    """
    firmware = load_system_rom(REPO / "roms" / "apple2.rom").data
    m = Apple2(rom=firmware)
    m.insert_disk(1, DEFAULT_DISK)
    m.add_breakpoint(MENU)
    stop = m.run(seconds=30, render=False)
    if stop.reason != "breakpoint":
        return {"ok": False, "problem": f"the menu at ${MENU:04X} was not reached ({stop.reason})"}
    walls = [boot_once(firmware, stop.cycle) for _ in range(repeats)]
    return {"ok": True, "disk": "roms/homebrew.dsk", "cycles": stop.cycle,
            "emulated_s": stop.cycle / bus.CPU_HZ, "wall_s": spread(walls)}


def idle_once(disk: bool, frames: int) -> float:
    """Frames a second of the machine benchmark's hi-res animation, without rendering; with
    ``disk``, a Disk II card in slot 6 holding the homebrew disk, its motor off."""
    from benchmarks.machine import WARMUP_FRAMES, new_machine
    m = new_machine()
    if disk:
        m.insert_disk(1, DEFAULT_DISK)
    m.run(frames=WARMUP_FRAMES, render=False)
    run_frame = m.run_frame
    started = time.perf_counter()
    for _ in range(frames):
        run_frame(False)
    return frames / (time.perf_counter() - started)


def measure_idle(repeats: int, frames: int) -> dict:
    """The same animation with and without an idle Disk II, alternated in one run: the card
    costs nothing while no program touches it (the sequencer runs only on an access)."""
    without, with_disk = [], []
    for _ in range(repeats):
        without.append(idle_once(False, frames))
        with_disk.append(idle_once(True, frames))
    return {"frames": frames, "without_fps": spread(without), "with_fps": spread(with_disk)}


def collect(quick: bool = False) -> dict:
    """The 35-track read pass and the homebrew disk's boot; ``result["ok"]``: both right."""
    repeats = 1 if quick else 3
    with tempfile.TemporaryDirectory() as folder:
        path, data = make_disk(Path(folder))
        t = time.perf_counter()
        Apple2(rom=STAND_IN).insert_disk(1, path)
        setup = time.perf_counter() - t
        samples = []
        for _ in range(repeats):
            sample, m = run_once(path)
            samples.append(sample)
        last = images.read_sector(data, 34, gcr.DOS_ORDER[15], "dos")
        ok = (all(s["tracks_done"] == DONE_TRACK for s in samples)
              and bytes(m.mem[0x1000:0x1100]) == last)
    boot = measure_boot(repeats)
    idle = measure_idle(repeats, 600 if quick else 3000)
    return {"benchmark": "disk", "machine": machine_info(),
            "workload": "readall.s: 35 tracks x 16 sectors through the boot ROM's $Cn5C",
            "repeats": repeats, "setup_s": setup,
            "emulated_s": spread([s["emulated_s"] for s in samples]),
            "wall_s": spread([s["wall_s"] for s in samples]),
            "x_realtime": spread([s["emulated_s"] / s["wall_s"] for s in samples]),
            "workload_ok": ok, "boot": boot, "idle": idle, "ok": ok and boot["ok"]}


def report(result: dict) -> None:
    e, w, x = result["emulated_s"], result["wall_s"], result["x_realtime"]
    print(f"35-track read pass: {e['median']:.2f} s emulated (on a real Apple II, from the "
          f"cycles), {w['median']:.3f} s wall "
          f"({w['min']:.3f}-{w['max']:.3f}), {x['median']:.0f}x real time; "
          f"image load + JIT {result['setup_s']:.1f} s; sectors check out: {result['workload_ok']}")
    b = result["boot"]
    if b["ok"]:
        print(f"boot of {b['disk']} from power-on to its menu (our firmware): "
              f"{b['emulated_s']:.2f} s emulated, {b['wall_s']['median']:.3f} s wall "
              f"({b['wall_s']['min']:.3f}-{b['wall_s']['max']:.3f})")
    else:
        print(f"boot of the homebrew disk: FAILED: {b['problem']}")
    i = result["idle"]
    print(f"machine benchmark's animation, no rendering: {i['without_fps']['median']:.0f} "
          f"frames/s ({i['without_fps']['min']:.0f}-{i['without_fps']['max']:.0f}) without a "
          f"Disk II, {i['with_fps']['median']:.0f} ({i['with_fps']['min']:.0f}-"
          f"{i['with_fps']['max']:.0f}) with one idle (a disk in, motor off)")


def main(quick: bool = False) -> int:
    """Run the benchmark (``apple2 bench disk`` calls this); 0 if the sectors check out."""
    result = collect(quick)
    print(f"machine: {result['machine']['cpu_model']}, {result['machine']['cores']} cores")
    report(result)
    write_results(result, "APPLE2_BENCH_DISK_RESULTS", "disk.json")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one repeat")
    sys.exit(main(parser.parse_args().quick))
