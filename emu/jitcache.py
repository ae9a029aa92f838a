"""Keeping numba's on-disk cache true to the sources.

numba's cache notices edits to a jitted function's own file only.  A function
that inlines or calls jitted code from another module (the renderer the
scanner's, the Mockingboard the AY's, the bus the cards') would go on
running the old code after an edit or an upgrade.  So, before the first
jitted function is made (:func:`emu.jit_options`), :func:`drop_stale` works
out, for each module of the package, a hash of its source and of every
module of the package it imports, directly or not; a module whose hash
changed since its cache was written loses its cache, and only that module.
One hash of all the sources, checked first, makes an unchanged package cost
a few milliseconds at start-up.

The generated CPU cores (``emu/cpu/_generated``) carry their own hash of
what they depend on (``emu.cpu.codegen``) and are left out here.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import re
from pathlib import Path

PACKAGE = "emu"
STAMPS = "jit-sources.json"          # in the package's __pycache__


def drop_stale(root: Path | None = None) -> list[str]:
    """Remove the numba cache files of the modules under ``root`` (the package's folder, unless
    a test gives another) whose sources, or those of the package modules they import,
    changed since it last looked.

    Returns the modules whose cache went (all of them on the first call, or
    after the stamps were lost).  The cache is numba's beside the sources, and
    its copy under NUMBA_CACHE_DIR when that is set; where the package cannot
    be written and NUMBA_CACHE_DIR is not set, numba keeps its cache in a
    folder of the user's and this does nothing.
    """
    root = root or Path(__file__).resolve().parent
    sources = _sources(root)
    whole = hashlib.sha256()
    for name in sorted(sources):
        whole.update(name.encode() + b"\0" + sources[name][1])
    stamp_dir = root / "__pycache__" if os.access(root, os.W_OK) else _user_cache_dir(root)
    if stamp_dir is None:
        return []
    stamp_file = stamp_dir / STAMPS
    try:
        stamps = json.loads(stamp_file.read_text())
    except (OSError, ValueError):
        stamps = {}
    if stamps.get("*") == whole.hexdigest():
        return []
    hashes = _closure_hashes(sources)
    dropped = []
    for name, digest in hashes.items():
        if stamps.get(name) != digest:
            path = sources[name][0]
            for folder in (path.parent / "__pycache__", _user_cache_dir(path.parent)):
                for cached in (folder.glob(f"{path.stem}.*.nb[ic]") if folder else ()):
                    cached.unlink(missing_ok=True)
            dropped.append(name)
    hashes["*"] = whole.hexdigest()
    try:
        stamp_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = stamp_file.with_suffix(f".tmp{os.getpid()}")
        tmp.write_text(json.dumps(hashes, indent=0, sort_keys=True))
        os.replace(tmp, stamp_file)
    except OSError:
        pass
    return sorted(dropped)


def _user_cache_dir(folder: Path) -> Path | None:
    """Where numba keeps the cache of the modules in ``folder`` when NUMBA_CACHE_DIR is set
    (numba's own rule for the path under it), else None."""
    try:
        from numba.core import caching, config
        if not config.CACHE_DIR:
            return None
        sub = caching.UserProvidedCacheLocator.get_suitable_cache_subpath(str(folder / "x.py"))
    except (ImportError, AttributeError):
        return None
    return Path(config.CACHE_DIR) / sub


@functools.lru_cache(maxsize=None)
def module_hash(name: str) -> str:
    """The hash of package module ``name`` (``emu.bus``) and of every package module it
    imports, directly or not: what its compiled code may depend on."""
    return _closure_hashes(_sources(Path(__file__).resolve().parent))[name]


def _sources(root: Path) -> dict[str, tuple[Path, bytes]]:
    """Module name (``emu.video.render``) -> (path, source) for every module under ``root``."""
    out = {}
    for path in root.rglob("*.py"):
        parts = path.relative_to(root).with_suffix("").parts
        if "_generated" in parts:
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join((PACKAGE,) + parts)] = (path, path.read_bytes())
    return out


# "from .video.scanner import (a, b)" or "from . import bus, models", and "import emu.bus",
# at the start of a line: a module's own imports.  Jitted code can only use what
# a module imports at its top level; imports inside functions are Python's.
_FROM = re.compile(rb"^from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n#]*)", re.M)
_IMPORT = re.compile(rb"^import[ \t]+([\w., \t]+)", re.M)


def _imports(name: str, is_package: bool, source: bytes, known: set[str]) -> set[str]:
    """The package's modules that module ``name`` imports at its top level: the module named,
    and the names imported from it that are modules (``from . import bus``)."""
    here = name if is_package else name.rpartition(".")[0]
    found = set()
    statements = [(m.group(1).decode(), m.group(2).decode()) for m in _FROM.finditer(source)]
    statements += [(module.split()[0], "") for m in _IMPORT.finditer(source)
                   for module in m.group(1).decode().split(",") if module.strip()]
    for base, names in statements:
        level = len(base) - len(base.lstrip("."))
        if level:
            anchor = here.split(".")
            anchor = anchor[:len(anchor) - (level - 1)]
            base = ".".join(anchor + ([base[level:]] if base[level:] else []))
        found.add(base)
        for alias in names.strip("() \t\n").split(","):
            if alias.split():
                found.add(f"{base}.{alias.split()[0]}")
    return found & known


def _closure_hashes(sources: dict[str, tuple[Path, bytes]]) -> dict[str, str]:
    """Each module's hash over its own source and those of all it imports, directly or not."""
    known = set(sources)
    direct = {name: _imports(name, path.name == "__init__.py", text, known)
              for name, (path, text) in sources.items()}
    hashes = {}
    for name in sources:
        seen, todo = {name}, [name]
        while todo:
            for dep in direct[todo.pop()]:
                if dep not in seen:
                    seen.add(dep)
                    todo.append(dep)
        h = hashlib.sha256()
        for dep in sorted(seen):
            h.update(dep.encode() + b"\0" + sources[dep][1])
        hashes[name] = h.hexdigest()
    return hashes
