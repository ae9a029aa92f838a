"""A sign of life while numba compiles the emulator on its first start.

The first start compiles the core and the bus to machine code (about half a
minute on a small machine), and numba says nothing while it works.  Around
that first call, :func:`compile_notice` shows a counter on the terminal if
the call takes more than a moment; once the code is cached the call returns
at once and nothing is shown.  Only on a terminal: logs and tests stay clean.
"""
from __future__ import annotations

import sys
import threading
import time
from contextlib import contextmanager
from typing import Iterator, TextIO


@contextmanager
def compile_notice(what: str = "the emulator", after: float = 1.0,
                   stream: TextIO | None = None, force: bool = False) -> Iterator[None]:
    """Show ``compiling WHAT ... N s`` on ``stream`` (stderr) while the block runs past ``after`` s.

    ``force`` shows it even when the stream is not a terminal (for tests).
    """
    stream = stream or sys.stderr
    if not (force or stream.isatty()):
        yield
        return
    done = threading.Event()
    start = time.monotonic()

    def counter() -> None:
        if done.wait(after):
            return
        while not done.wait(0.5):
            stream.write(f"\rcompiling {what} for this computer (first start only, "
                         f"cached afterwards): {time.monotonic() - start:.0f} s")
            stream.flush()
        stream.write(f"\rcompiling {what} for this computer: done in "
                     f"{time.monotonic() - start:.0f} s" + " " * 30 + "\n")
        stream.flush()

    thread = threading.Thread(target=counter, daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()
