"""``apple2 bench``: runs the benchmarks, which live in the source checkout."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def main(what: str = "suite", quick: bool = False, against: str | None = None) -> int:
    """Load benchmarks/<what>.py from the repository and run its ``main(quick)``.

    ``against``: another checkout to measure side by side (``machine`` only).
    """
    path = BENCHMARKS / f"{what}.py"
    problem = None
    if not path.is_file():
        problem = f"benchmarks need a source checkout ({path} not found)"
    elif against is not None and what != "machine":
        problem = "--against works with `apple2 bench machine` only"
    elif against is not None and not (Path(against) / "emu" / "machine.py").is_file():
        problem = f"{against}: not a checkout of this project (no emu/machine.py)"
    if problem:
        print(f"apple2 bench: {problem}", file=sys.stderr)
        return 2
    name = f"apple2_benchmarks_{what}"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(name, None)
        raise
    return int(module.main(quick, against) if against is not None else module.main(quick))
