"""apple2: an Apple II emulator whose 6502/65C02 core is JIT-compiled with numba.

    >>> import emu
    >>> m = emu.Apple2()                  # doctest: +SKIP
    >>> m.run(frames=60)                  # doctest: +SKIP

``emu.Apple2`` is :class:`emu.machine.Apple2`, imported on first use so that
``import emu`` stays cheap (numba loads only when a machine is made).
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

__version__ = "0.1.0"

_cache_checked = False


def drop_stale_jit_cache(root: Path | None = None) -> bool:
    """Empty numba's cache of this package if any of its sources changed since it was written.

    numba's cache notices edits to a function's own file only: a jitted
    function that inlines or calls one from another module (the renderer
    the scanner's, the Mockingboard the AY's) would go on running the old
    code after an upgrade.  So a hash of every source of the package is kept
    beside the cache, and a cache made from other sources is thrown away.
    (The generated CPU cores have their own hash: ``emu.cpu.codegen``.)
    Returns whether it threw anything away.  Does nothing where the package
    cannot be written (numba then keeps its cache elsewhere, per file).
    ``root``: the package's folder (tests give another).
    """
    root = root or Path(__file__).resolve().parent
    h = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        if "_generated" not in path.parts:
            h.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    stamp = root / "__pycache__" / "jit-sources.sha256"
    try:
        if stamp.read_text() == h.hexdigest():
            return False
    except OSError:
        pass
    if not os.access(root, os.W_OK):
        return False
    for cached in root.rglob("*.nb[ic]"):
        cached.unlink(missing_ok=True)
    try:
        stamp.parent.mkdir(exist_ok=True)
        tmp = stamp.with_suffix(f".tmp{os.getpid()}")
        tmp.write_text(h.hexdigest())
        os.replace(tmp, stamp)
    except OSError:
        pass
    return True


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
        drop_stale_jit_cache()
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
