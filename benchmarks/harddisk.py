"""The hard-disk benchmark: every block of a 32 MB volume read through the ProDOS driver.

Run it as ``python benchmarks/harddisk.py [--quick]`` or ``apple2 bench harddisk``.

Workload: a 65,535-block .hdv of random data in unit 1 of the hard-disk card
(slot 7), and a 6502 loop that reads every block into $4000 with the
documented ProDOS block-driver call (the command block at $42-$47, ``JSR``
the driver at $C700 + ($C7FF), carry checked), then stops on a ``JMP *``.
No system ROM is needed.  The run is headless, rendering off, as fast as
the host goes.  It reports the emulated seconds the pass takes (a card that
answers at once: the 6502's own loop and the firmware's few instructions)
and the wall seconds, each the median of several repeats (3; 1 with
--quick) with min and max, and checks the last block read.

What it leaves out: the Disk II, video and sound (nothing draws).  Then the
costs around the data: inserting the 32 MB image (reading the file, copying
it into the machine, its CRC), the resident memory that adds, and a save
state's size and its save and load times with one changed block.  Results
go to benchmarks/results/harddisk.json (or $APPLE2_BENCH_HARDDISK_RESULTS).
Speed is measured here, never asserted in tests.
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
from emu.disk import blockimage          # noqa: E402
from emu.machine import Apple2           # noqa: E402

BLOCKS = 65535
CODE = 0x6000
BUFFER = 0x4000
MAX_CYCLES = 120 * bus.CPU_HZ


def make_volume(folder: Path) -> Path:
    path = folder / "bench.hdv"
    path.write_bytes(random.Random(7).randbytes(BLOCKS * blockimage.BLOCK))
    return path


def read_all_program(driver: int) -> tuple[bytes, int]:
    """READ blocks 0..65534 to $4000; returns the code and the address of its final JMP *."""
    setup = bytes([0xA9, 1, 0x85, 0x42, 0xA9, 0x70, 0x85, 0x43, 0xA9, BUFFER & 0xFF, 0x85, 0x44,
                   0xA9, BUFFER >> 8, 0x85, 0x45, 0xA9, 0, 0x85, 0x46, 0x85, 0x47])
    loop = CODE + len(setup)
    body = bytes([0x20, driver & 0xFF, driver >> 8,     # JSR driver
                  0xB0, 0xFE,                           # BCS * (an error: stuck here)
                  0xE6, 0x46, 0xD0, 0x02, 0xE6, 0x47,   # INC block (16 bits)
                  0xA5, 0x46, 0x25, 0x47, 0xC9, 0xFF,   # block = $FFFF: done
                  0xD0])
    body += bytes([(loop - (loop + len(body) + 1)) & 0xFF])
    done = loop + len(body)
    return setup + body + bytes([0x4C, done & 0xFF, done >> 8]), done


def rss_mb() -> float:
    """This process's resident memory now, in MB (Linux)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return float("nan")
    import os
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def run_once(path: Path) -> dict:
    m = Apple2(rom=None, slots={7: "harddisk"})
    m.insert_hard_disk(1, path)
    driver = 0xC700 + m.peek(0xC7FF)
    code, done = read_all_program(driver)
    m.load(CODE, code)
    m.cpu.set_pc(CODE)
    m.cpu.stop_on_self_loop = True
    started = time.perf_counter()
    m.cpu.run(cycles=MAX_CYCLES)
    wall = time.perf_counter() - started
    ok = m.cpu.pc == done and bytes(m.peek(BUFFER + i) for i in range(512)) == \
        path.read_bytes()[(BLOCKS - 1) * 512:]
    return {"emulated_s": m.cpu.cycles / bus.CPU_HZ, "wall_s": wall, "ok": ok}


def costs(path: Path, folder: Path) -> dict:
    """Inserting the image, its memory, and a save state with one changed block."""
    m = Apple2(rom=None, slots={7: "harddisk"})
    m.run(cycles=0)
    before = rss_mb()
    started = time.perf_counter()
    m.insert_hard_disk(1, path)
    insert = time.perf_counter() - started
    after = rss_mb()
    m.load(BUFFER, bytes(512))                 # the Apple WRITEs block 1000 (zeros)
    driver = 0xC700 + m.peek(0xC7FF)
    m.load(CODE, bytes([0xA9, 2, 0x85, 0x42, 0xA9, 0x70, 0x85, 0x43, 0xA9, BUFFER & 0xFF,
                        0x85, 0x44, 0xA9, BUFFER >> 8, 0x85, 0x45, 0xA9, 1000 & 0xFF, 0x85,
                        0x46, 0xA9, 1000 >> 8, 0x85, 0x47, 0x20, driver & 0xFF, driver >> 8,
                        0x4C, 0x1B, CODE >> 8]))
    m.cpu.set_pc(CODE)
    m.cpu.stop_on_self_loop = True
    m.cpu.run(cycles=10_000)
    assert list(m.hard_disk_card.changed_blocks(0)) == [1000]
    state = folder / "state.npz"
    started = time.perf_counter()
    m.save_state(str(state))
    save = time.perf_counter() - started
    other = Apple2(rom=None)
    started = time.perf_counter()
    notes = other.load_state(str(state))
    load = time.perf_counter() - started
    return {"insert_s": insert, "rss_added_mb": after - before, "state_bytes": state.stat().st_size,
            "save_state_s": save, "load_state_s": load, "load_notes": notes}


def collect(quick: bool = False) -> dict:
    repeats = 1 if quick else 3
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        path = make_volume(folder)
        samples = [run_once(path) for _ in range(repeats)]
        extra = costs(path, folder)
    ok = all(s["ok"] for s in samples)
    return {"benchmark": "harddisk", "machine": machine_info(),
            "workload": f"{BLOCKS} ProDOS READ calls through the hard-disk card's driver",
            "repeats": repeats,
            "emulated_s": spread([s["emulated_s"] for s in samples]),
            "wall_s": spread([s["wall_s"] for s in samples]),
            "blocks_per_s": spread([BLOCKS / s["wall_s"] for s in samples]),
            "costs": extra, "ok": ok}


def report(result: dict) -> None:
    e, w, b = result["emulated_s"], result["wall_s"], result["blocks_per_s"]
    print(f"read every block of a 32 MB volume ({BLOCKS} READ calls): {e['median']:.2f} s "
          f"emulated, {w['median']:.3f} s wall ({w['min']:.3f}-{w['max']:.3f}), "
          f"{b['median']:,.0f} blocks/s; last block checks out: {result['ok']}")
    c = result["costs"]
    print(f"inserting the 32 MB image: {c['insert_s']:.3f} s, +{c['rss_added_mb']:.0f} MB "
          f"resident; a save state with one changed block: {c['state_bytes']:,} bytes, "
          f"saved in {c['save_state_s']:.3f} s, loaded in {c['load_state_s']:.3f} s")


def main(quick: bool = False) -> int:
    """Run the benchmark (``apple2 bench harddisk`` calls this); 0 if the blocks check out."""
    result = collect(quick)
    print(f"machine: {result['machine']['cpu_model']}, {result['machine']['cores']} cores")
    report(result)
    write_results(result, "APPLE2_BENCH_HARDDISK_RESULTS", "harddisk.json")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one repeat")
    sys.exit(main(parser.parse_args().quick))
