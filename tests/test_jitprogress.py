"""The first-start compile notice: a counter while a slow call runs, nothing for a fast one."""
from __future__ import annotations

import io
import time

from emu.jitprogress import compile_notice


def test_a_slow_block_shows_a_counter_then_done():
    out = io.StringIO()
    with compile_notice("the core", after=0.05, stream=out, force=True):
        time.sleep(0.7)
    text = out.getvalue()
    assert "\rcompiling the core for this computer (first start only" in text
    assert text.rstrip().endswith("s") and "compiling the core for this computer: done in" in text
    assert text.endswith("\n")


def test_a_fast_block_shows_nothing():
    out = io.StringIO()
    with compile_notice(after=0.5, stream=out, force=True):
        pass
    assert out.getvalue() == ""


def test_not_on_a_terminal_it_stays_quiet():
    out = io.StringIO()                     # not a tty
    with compile_notice(after=0.0, stream=out):
        time.sleep(0.2)
    assert out.getvalue() == ""
