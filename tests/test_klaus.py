"""Klaus Dormann's test programs, each run to its success trap on our core.

The binaries are third-party test data (``$APPLE2_TESTDATA/klaus``, default
../shared/testdata); where they are absent each test skips and says where it
looked.  ``.ci/run`` points at them, so CI runs all four.
"""
from __future__ import annotations

import pytest

from emu import cli, conformance
from emu.conformance import klaus


@pytest.mark.parametrize("test", klaus.TESTS, ids=[t.name for t in klaus.TESTS])
def test_klaus_program_reaches_its_success_trap(test):
    root = conformance.testdata_dir()
    if not (root / test.file).is_file():
        pytest.skip(f"{test.file} not found in {root} (set APPLE2_TESTDATA)")
    result = klaus.run_test(test, root)
    assert result.passed, f"{test.name}: {result.detail}"
    assert result.instructions > 1000


def test_the_command_prints_the_table_and_counts(capsys):
    root = conformance.testdata_dir()
    if not (root / "klaus").is_dir():
        pytest.skip(f"no klaus/ in {root} (set APPLE2_TESTDATA)")
    assert cli.main(["conformance", "klaus"]) == 0
    assert capsys.readouterr().out.rstrip().endswith("4 passed, 0 failed")


def test_missing_test_data_is_a_clear_error(tmp_path, capsys):
    assert cli.main(["conformance", "klaus", "--testdata", str(tmp_path)]) == 2
    assert "no Klaus test programs in" in capsys.readouterr().err
