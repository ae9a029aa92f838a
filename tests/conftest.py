"""Fixtures shared by the test modules, and CI's rule on skipped tests (tests/skip_policy.py)."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from skip_policy import (pytest_collectreport, pytest_runtest_logreport,  # noqa: F401 (hooks)
                         pytest_sessionfinish, pytest_terminal_summary)

PROGRAMS = Path(__file__).resolve().parent / "programs"


@pytest.fixture(scope="session")
def assemble(tmp_path_factory):
    """assemble("text") -> the bytes of tests/programs/text.s, built with ophis."""
    ophis = shutil.which("ophis")
    if ophis is None:
        pytest.skip("the ophis assembler is not installed (pip install ophis-asm): "
                    "the tests/programs/*.s programs cannot be assembled")
    out_dir = tmp_path_factory.mktemp("programs")
    built: dict[str, bytes] = {}

    def build(name: str) -> bytes:
        if name not in built:
            out = out_dir / f"{name}.bin"
            done = subprocess.run([ophis, "-o", str(out), str(PROGRAMS / f"{name}.s")],
                                  capture_output=True, text=True)
            assert done.returncode == 0 and out.is_file(), \
                f"ophis failed on {name}.s:\n{done.stdout}{done.stderr}"
            built[name] = out.read_bytes()
        return built[name]
    return build


@pytest.fixture
def script(monkeypatch):
    """``script({frame: [event, ...]})``: post pygame events before the window's Nth frame.

    The events stand in for a user at the window (tests of emu.frontend, with
    SDL's dummy drivers).
    """
    import pygame
    from emu import frontend

    def install(plan: dict[int, list]):
        original = frontend._Window.events
        count = [0]

        def events(self):
            for ev in plan.get(count[0], []):
                pygame.event.post(ev)
            count[0] += 1
            return original(self)
        monkeypatch.setattr(frontend._Window, "events", events)
    return install
