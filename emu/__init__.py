"""apple2: an Apple II emulator whose 6502/65C02 core is JIT-compiled with numba.

    >>> import emu
    >>> m = emu.Apple2()                  # doctest: +SKIP
    >>> m.run(frames=60)                  # doctest: +SKIP

``emu.Apple2`` is :class:`emu.machine.Apple2`, imported on first use so that
``import emu`` stays cheap (numba loads only when a machine is made).
"""
from __future__ import annotations

import os

__version__ = "0.1.0"

_cache_checked = False


def jit_options(inline: bool = False) -> dict:
    """The numba options every jitted function of the project uses.

    ``cache=True`` writes compiled code next to the sources, so only the first
    start pays for compilation (``APPLE2_NO_JIT_CACHE=1`` turns that off, for
    measuring compile time).  ``inline=True`` is for the small functions the
    CPU core calls on every bus cycle: it asks LLVM to always inline them, which
    it would not otherwise do for a function called from hundreds of places.
    """
    global _cache_checked
    cache = os.environ.get("APPLE2_NO_JIT_CACHE") is None
    if cache and not _cache_checked:        # before the first jitted function is made
        _cache_checked = True
        from . import jitcache
        jitcache.drop_stale()
    options = {"cache": cache, "nogil": True,
               # No reference counting: the core only works on arrays it is
               # given, and refcount calls on every bus cycle would cost more
               # than the emulation itself.
               "_nrt": False}
    if inline:
        options["forceinline"] = True
    return options


def __getattr__(name: str):
    if name in ("Apple2", "Stop"):
        from . import machine
        return getattr(machine, name)
    raise AttributeError(f"module 'emu' has no attribute {name!r}")
