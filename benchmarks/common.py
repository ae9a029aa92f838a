"""What the benchmarks share: the machine they ran on, and median/min/max."""
from __future__ import annotations

import json
import os
import platform
import statistics
from pathlib import Path

import numpy as np


def machine_info() -> dict:
    """The host: CPU model, cores, and the versions that matter for speed."""
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import numba
    return {"cpu_model": model, "cores": os.cpu_count(), "platform": platform.platform(),
            "python": platform.python_version(), "numba": numba.__version__,
            "numpy": np.__version__}


def spread(values: list[float]) -> dict:
    """A figure over repeated runs: its median, min and max."""
    return {"median": statistics.median(values), "min": min(values), "max": max(values),
            "samples": values}


def write_results(result: dict, env_var: str, name: str) -> Path:
    """Save a benchmark's figures as JSON: to $env_var, else benchmarks/results/name."""
    path = Path(os.environ.get(env_var) or Path(__file__).resolve().parent / "results" / name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2) + "\n")
    print(f"\nwrote {path}")
    return path
