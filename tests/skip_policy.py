"""CI's rule on skipped tests: a pytest plugin (tests/conftest.py loads it).

Every test runs in CI.  A test may skip where something it needs is absent
(the shared test data, the ophis assembler), but in CI that would hide it; so
with APPLE2_STRICT_SKIPS=1 (set by .ci/run) any skip whose reason is not in
ALLOWED_SKIPS below fails the run, and the summary lists them.
"""
from __future__ import annotations

import os

import pytest

# The one list of skips CI accepts: a fragment of the skip's reason -> why it is
# acceptable there.  Keep it short: each entry is a test that CI does not run.
ALLOWED_SKIPS: dict[str, str] = {}

_skipped: list[tuple[str, str]] = []


def _strict() -> bool:
    return os.environ.get("APPLE2_STRICT_SKIPS") == "1"


def _note_skip(report) -> None:
    if report.skipped and not hasattr(report, "wasxfail"):
        longrepr = report.longrepr
        reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
        if not any(fragment in reason for fragment in ALLOWED_SKIPS):
            _skipped.append((report.nodeid, reason))


def pytest_runtest_logreport(report) -> None:
    _note_skip(report)


def pytest_collectreport(report) -> None:
    _note_skip(report)


def pytest_terminal_summary(terminalreporter) -> None:
    if _strict() and _skipped:
        terminalreporter.section("skips not allowed in CI (tests/skip_policy.py ALLOWED_SKIPS)",
                                 red=True)
        for nodeid, reason in _skipped:
            terminalreporter.line(f"{nodeid}: {reason}")


def pytest_sessionfinish(session, exitstatus) -> None:
    if _strict() and _skipped and exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
