"""Fixtures shared by the test modules, and CI's rule on skipped tests (tests/skip_policy.py)."""
from __future__ import annotations

import pytest
from skip_policy import (pytest_collectreport, pytest_runtest_logreport,  # noqa: F401 (hooks)
                         pytest_sessionfinish, pytest_terminal_summary)


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
