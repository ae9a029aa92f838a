"""CI runs every test: .ci/run needs all the test data, installs what the tests need, and
fails on a skip that tests/skip_policy.py does not allow."""
from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TESTS = REPO / "tests"

PROBE = """
import pytest

def test_runs():
    pass

def test_skips():
    pytest.skip("REASON")
"""


def run_probe(tmp_path: Path, reason: str, strict: bool, allow: str | None = None):
    (tmp_path / "test_probe.py").write_text(PROBE.replace("REASON", reason))
    if allow is not None:
        (tmp_path / "conftest.py").write_text(
            f"import skip_policy\nskip_policy.ALLOWED_SKIPS[{allow!r}] = 'a test of the list'\n")
    env = dict(os.environ, APPLE2_STRICT_SKIPS="1" if strict else "0",
               PYTHONPATH=os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")]))
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "skip_policy",
                           "-p", "no:cacheprovider", "--rootdir", str(tmp_path), str(tmp_path)],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)


def test_a_skip_fails_the_run_in_ci(tmp_path):
    done = run_probe(tmp_path, "the frobnicator is missing", strict=True)
    assert done.returncode == 1, done.stdout
    assert "skips not allowed in CI" in done.stdout and "the frobnicator is missing" in done.stdout


def test_a_skip_is_only_a_skip_outside_ci(tmp_path):
    done = run_probe(tmp_path, "the frobnicator is missing", strict=False)
    assert done.returncode == 0, done.stdout
    assert "1 passed, 1 skipped" in done.stdout


def test_a_skip_on_the_list_passes_in_ci(tmp_path):
    done = run_probe(tmp_path, "a known gap: no frobnicator", strict=True, allow="a known gap")
    assert done.returncode == 0, done.stdout


def test_ci_refuses_to_run_without_the_a2audit_disk(tmp_path):
    for need in ("singlestep/6502", "singlestep/65c02", "klaus"):
        (tmp_path / need).mkdir(parents=True)
    done = subprocess.run(["bash", str(REPO / ".ci" / "run")], capture_output=True, text=True,
                          env=dict(os.environ, APPLE2_TESTDATA=str(tmp_path)), timeout=60)
    assert done.returncode == 1
    assert "apple2/a2audit_audit.dsk" in done.stderr


def test_the_test_extra_installs_the_assembler():
    """Without ophis the tests that rebuild roms/ from their sources would skip."""
    extra = tomllib.loads((REPO / "pyproject.toml").read_text())["project"][
        "optional-dependencies"]["test"]
    assert any(dep.startswith("ophis-asm") for dep in extra)
