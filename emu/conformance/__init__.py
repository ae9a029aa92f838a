"""Runners for third-party CPU test suites (Klaus Dormann's, Tom Harte's)."""
from __future__ import annotations

import os
from pathlib import Path


def testdata_dir(given: str | os.PathLike | None = None) -> Path:
    """Where the shared test data lives: the argument, $APPLE2_TESTDATA, or ../shared/testdata."""
    if given:
        return Path(given)
    env = os.environ.get("APPLE2_TESTDATA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / ".." / "shared" / "testdata"
