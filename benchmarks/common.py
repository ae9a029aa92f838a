"""What the benchmarks share: the machine they ran on, and median/min/max."""
from __future__ import annotations

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
