"""What the emulator costs besides CPU time: memory, and storage on disk.

Run it as ``python benchmarks/overhead.py [--quick]`` or ``apple2 bench overhead``.

* Memory: the peak resident set size (``ru_maxrss``) of fresh processes: a
  bare Python, Python with numpy and numba imported, and the whole emulator
  (an Apple II running the hi-res animation headless, rendering every frame).
  The differences say where the memory goes: the interpreter, the JIT
  (LLVM and the compiled code), and the emulated machine itself.  A VM is
  said to cost about 200 MB over a container.
* Storage: the bytes of a disk image against the bytes of the files on it
  (the homebrew disk in roms/: its boot sector and programs).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
if str(REPO) not in sys.path:          # python benchmarks/overhead.py from a checkout
    sys.path.insert(0, str(REPO))

from benchmarks.common import machine_info, spread, write_results    # noqa: E402

VM_CLAIM_MB = 200

# The peak RSS in KiB: VmHWM belongs to the process image, so unlike ru_maxrss
# it does not inherit the high-water mark of the parent that forked it (Linux
# keeps ru_maxrss across fork and exec).  ru_maxrss where there is no /proc.
PEAK = """
import json, resource
try:
    with open("/proc/self/status") as status:
        kib = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
except OSError:
    kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps(kib))
"""
PROCESSES = (
    ("bare Python", "pass"),
    ("Python + numpy + numba", "import numpy, numba"),
    ("the emulator (Apple II, hi-res, rendering)",
     "import sys; sys.path.insert(0, {repo!r})\n"
     "from emu.cli import skip_numba_blas_probe; skip_numba_blas_probe()\n"
     "from benchmarks.machine import new_machine\n"
     "m = new_machine(); m.run(frames={frames}, render=True)"),
)


def settings(quick: bool) -> dict:
    return {"quick": quick, "repeats": 1 if quick else 3, "frames": 120 if quick else 600}


def peak_rss_mb(code: str) -> float:
    """Peak RSS of a fresh Python running ``code``, in MB."""
    done = subprocess.run([sys.executable, "-c", code + "\n" + PEAK], cwd=REPO,
                          capture_output=True, text=True, timeout=900)
    if done.returncode != 0:
        raise RuntimeError(f"measuring process failed:\n{done.stderr[-2000:]}")
    kib = json.loads(done.stdout.strip().splitlines()[-1])
    return kib * 1024 / 1e6 if sys.platform != "darwin" else kib / 1e6


def measure_memory(cfg: dict) -> list[dict]:
    rows = []
    for name, code in PROCESSES:
        code = code.format(repo=str(REPO), frames=cfg["frames"])
        rows.append({"name": name, "peak_rss_mb": spread([peak_rss_mb(code)
                                                          for _ in range(cfg["repeats"])])})
    return rows


def measure_storage() -> dict:
    """Image bytes against file bytes, on the homebrew disk (it has no DOS: its
    "files" are the boot sector and the programs the disk builder packs)."""
    from emu.tools import homebrew_disk as hd

    image = hd.DEFAULT_OUT
    if not image.is_file():
        return {"skipped": f"no disk image at {image}"}
    names = [hd.BOOT] + [name for name, _, _ in hd.PROGRAMS]
    files = [{"name": name, "bytes": (hd.ROMS / name).stat().st_size} for name in names]
    used = sum(f["bytes"] for f in files)
    size = image.stat().st_size
    return {"image": str(image.relative_to(REPO)), "image_bytes": size, "files": files,
            "file_bytes": used, "overhead": size / used,
            "note": "a .dsk holds every sector of all 35 tracks, used or not"}


def collect(quick: bool = False) -> dict:
    cfg = settings(quick)
    print(f"measuring peak memory of {len(PROCESSES)} processes x {cfg['repeats']}", flush=True)
    memory = measure_memory(cfg)
    return {"machine": machine_info(), "settings": cfg,
            "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "memory": memory,
            "vm_claim_mb": VM_CLAIM_MB, "storage": measure_storage(), "ok": True}


def report(result: dict) -> None:
    print("peak memory (resident set size of a fresh process), median (min-max):")
    base = None
    for row in result["memory"]:
        s = row["peak_rss_mb"]
        extra = "" if base is None else f"   +{s['median'] - base:.0f} MB over the one above"
        print(f"  {row['name']:44} {s['median']:6.0f} MB ({s['min']:.0f}-{s['max']:.0f}){extra}")
        base = s["median"]
    print(f"  for scale: a VM is said to cost about {result['vm_claim_mb']} MB over a container")
    st = result["storage"]
    if "skipped" in st:
        print(f"storage: not measured ({st['skipped']})")
    else:
        print(f"storage: {st['image']} is {st['image_bytes']:,} bytes for {len(st['files'])} "
              f"files of {st['file_bytes']:,} bytes ({st['overhead']:.1f}x)")


def main(quick: bool = False) -> int:
    result = collect(quick)
    print()
    report(result)
    write_results(result, "APPLE2_BENCH_OVERHEAD_RESULTS", "overhead.json")
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one repeat, fewer frames")
    sys.exit(main(parser.parse_args().quick))
