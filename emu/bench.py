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
    if not path.is_file():
        print(f"error: benchmarks need a source checkout ({path} not found)")
        return 2
    if against and what != "machine":
        print("error: --against works with `apple2 bench machine` only")
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
    return int(module.main(quick, against) if against else module.main(quick))
