"""Assemble the project's own ROMs from roms/src/ with ophis, and pack its disk.

Every ``roms/src/**/*.s`` whose first lines carry a header comment

    ; build: roms/NAME.EXT        (the output, relative to the repository)
    ; cpu: 65c02                  (optional; the default is the NMOS 6502)

is assembled to that path; files without a build header are include files
and are skipped.  Then the disk images made of those binaries are packed
(``DISKS``: the homebrew boot disk, by :mod:`emu.tools.homebrew_disk`).  The
binaries and disks are committed, so that the emulator runs without an
assembler; ``--check`` rebuilds everything into a temporary folder and
reports every committed file that differs from its source.

    python -m emu.tools.build_roms            # build every ROM
    python -m emu.tools.build_roms --check    # exit 1 if a committed ROM is stale
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "roms" / "src"
HEADER_LINES = 10       # a header must be within a source's first lines
_BUILD = re.compile(r"^\s*;\s*build:\s*(\S+)\s*$", re.IGNORECASE)
_CPU = re.compile(r"^\s*;\s*cpu:\s*(\S+)\s*$", re.IGNORECASE)
CPUS = ("6502", "65c02")


class BuildError(Exception):
    """A ROM could not be built; the message says which and why, on one line."""


@dataclass(frozen=True)
class Target:
    """One ROM: its top-level source, its output path and its CPU."""

    source: Path
    output: str             # relative to the repository, as written in the header
    cpu: str = "6502"


def read_header(source: Path) -> Target | None:
    """The build target a source declares, or None for an include file."""
    output, cpu = None, "6502"
    with open(source, encoding="utf-8", errors="replace") as f:
        for _, line in zip(range(HEADER_LINES), f):
            if m := _BUILD.match(line):
                output = m.group(1)
            elif m := _CPU.match(line):
                cpu = m.group(1).lower()
    if output is None:
        return None
    if cpu not in CPUS:
        raise BuildError(f"{source.name}: unknown cpu {cpu!r} (use 6502 or 65c02)")
    if Path(output).is_absolute() or ".." in Path(output).parts:
        raise BuildError(f"{source.name}: the build path {output!r} must be inside the repository")
    return Target(source, output, cpu)


def targets(src: Path = SOURCES) -> list[Target]:
    """Every ROM declared in ``src``, in name order."""
    found = []
    for source in sorted(src.rglob("*.s")):
        target = read_header(source)
        if target is not None:
            found.append(target)
    return found


def find_ophis() -> str:
    ophis = shutil.which("ophis")
    if ophis is None:
        raise BuildError("the ophis assembler is not installed (pip install ophis-asm)")
    return ophis


def assemble(target: Target, out: Path, ophis: str | None = None) -> bytes:
    """Assemble one target to ``out``; returns the bytes."""
    ophis = ophis or find_ophis()
    out.parent.mkdir(parents=True, exist_ok=True)
    cmd = [ophis, "-q"] + (["-c"] if target.cpu == "65c02" else []) + [
        "-o", str(out), target.source.name]
    done = subprocess.run(cmd, cwd=target.source.parent, capture_output=True, text=True)
    if done.returncode != 0 or not out.is_file():
        message = (done.stdout + done.stderr).strip().replace("\n", "; ")
        raise BuildError(f"{target.source.name}: ophis failed: {message}")
    return out.read_bytes()


def _pack_disks(roms: Path, out_root: Path) -> list[tuple[str, int]]:
    """Pack each disk of ``DISKS`` from the binaries in ``roms`` into ``out_root``."""
    from . import homebrew_disk
    packed = []
    for output, pack in (("roms/homebrew.dsk", homebrew_disk.build),):
        if (roms / homebrew_disk.BOOT).is_file():        # a tree that has the homebrew
            packed.append((output, len(pack(out_root / output, roms))))
    return packed


def build(root: Path = ROOT) -> list[tuple[Target, int]]:
    """Assemble every target into the repository, then pack the disks.

    Returns (target, size) pairs for the assembled ROMs.
    """
    ophis = find_ophis()
    built = []
    for target in targets(root / "roms" / "src"):
        data = assemble(target, root / target.output, ophis)
        built.append((target, len(data)))
    for output, size in _pack_disks(root / "roms", root):
        print(f"packed {output} ({size} bytes)")
    return built


def check(root: Path = ROOT) -> list[str]:
    """Rebuild into a temporary folder; one line per committed binary that differs."""
    ophis = find_ophis()
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        for target in targets(root / "roms" / "src"):
            fresh = assemble(target, Path(tmp) / target.output, ophis)
            committed = root / target.output
            if not committed.is_file():
                problems.append(f"{target.output}: missing (built from {target.source.name})")
            elif committed.read_bytes() != fresh:
                problems.append(f"{target.output}: differs from {target.source.name}; "
                                "run python -m emu.tools.build_roms")
        for output, _ in _pack_disks(Path(tmp) / "roms", Path(tmp)):
            committed = root / output
            if not committed.is_file() or committed.read_bytes() != (Path(tmp) / output).read_bytes():
                problems.append(f"{output}: differs from the binaries it packs; "
                                "run python -m emu.tools.build_roms")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m emu.tools.build_roms",
                                     description="Assemble roms/src/*.s into roms/.")
    parser.add_argument("--check", action="store_true",
                        help="rebuild in a temporary folder and report committed ROMs "
                             "that differ; change nothing")
    args = parser.parse_args(argv)
    try:
        if args.check:
            problems = check()
            for line in problems:
                print(line)
            if not problems:
                print(f"all {len(targets())} ROM(s) and the disks match their sources")
            return 1 if problems else 0
        for target, size in build():
            print(f"built {target.output} ({size} bytes, {target.cpu}) "
                  f"from roms/src/{target.source.name}")
        return 0
    except BuildError as e:
        print(f"build_roms: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
