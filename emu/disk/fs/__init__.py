"""Files on disk images: DOS 3.3 and ProDOS, one layer for ``apple2 disk`` and ``disk info``.

:func:`open_fs` finds the file system on a :class:`~emu.disk.blockimage.BlockImage`
(ProDOS's volume directory at block 2, else DOS 3.3's VTOC at track 17);
:func:`change` is how every write is made: the image is checked first (a
damaged catalog is refused before anything is written), the change is made
in memory, the result is parsed again from the bytes that would be written
and compared with what should be there (the written files byte for byte,
every other file unchanged, the catalog whole), and only then is the file
replaced, atomically.  Any failure leaves the image file as it was.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Union

from .. import blockimage
from ..blockimage import BlockImage
from ..images import write_atomically
from .common import Damaged, FileInfo, FsError
from .dos33 import Dos33
from .prodos import ProDOS

FileSystem = Union[ProDOS, Dos33]


def open_fs(image: BlockImage) -> FileSystem:
    """The file system on an image; FsError if it has neither ProDOS nor DOS 3.3."""
    try:
        return ProDOS(image)
    except FsError as e:
        if isinstance(e, Damaged) or not image.is_floppy:
            raise
    try:
        return Dos33(image)
    except FsError:
        raise FsError("no DOS 3.3 or ProDOS catalog found") from None


def open_volume(path: str | os.PathLike, order: str | None = None) -> FileSystem:
    """Load an image file and find its file system (DiskError/FsError: one line)."""
    return open_fs(blockimage.load(path, order))


def contents(fs: FileSystem) -> dict[str, bytes | None]:
    """Every file's bytes by path (directories and files that cannot be read: None)."""
    out: dict[str, bytes | None] = {}
    if isinstance(fs, ProDOS):
        for _, e in fs.walk():
            try:
                out[e.path] = None if e.is_dir else fs.read(e)
            except FsError:
                out[e.path] = None
    else:
        for e in fs.entries():
            try:
                out[e.name] = fs.read(e)[0]
            except FsError:
                out[e.name] = None
    return out


@dataclass
class Change:
    """What a change did, for the check before the rename: files written (their bytes as
    ``read`` gives them back), paths removed, directories made (those a written path
    needs are assumed), and a line to print."""

    written: dict[str, bytes] = field(default_factory=dict)
    removed: set[str] = field(default_factory=set)
    made: set[str] = field(default_factory=set)
    message: str = ""


def change(path: str | os.PathLike, edit: Callable[[FileSystem], Change],
           order: str | None = None) -> Change:
    """Load, check, edit in memory, verify and atomically write back an image file."""
    image = blockimage.load(path, order)
    image.check_writable()
    fs = open_fs(image)
    fs.check()
    before = contents(fs)
    done = edit(fs)
    verify(image, before, done)
    write_atomically(Path(path), image.file_bytes())
    return done


def verify(image: BlockImage, before: dict[str, bytes | None], done: Change) -> None:
    """Parse the image again from its new bytes and check it holds what it should."""
    fresh = blockimage.parse(image.path or Path("image"), image.file_bytes(), image.order)
    fs = open_fs(fresh)
    fs.check()
    after = contents(fs)
    expected = {p: b for p, b in before.items() if p not in done.removed}
    expected.update(done.written)
    expected.update({p: None for p in done.made})
    for p in done.written:                      # directories a ProDOS put made on the way
        parts = p.split("/")
        expected.update({"/".join(parts[:i]): None for i in range(1, len(parts))
                         if "/".join(parts[:i]) not in expected})
    for p, data in expected.items():
        if p not in after:
            raise FsError(f"verifying the image: {p} is missing after the write; not saved")
        if after[p] != data:
            raise FsError(f"verifying the image: {p} does not read back as written; not saved")
    extra = sorted(set(after) - set(expected))
    if extra:
        raise FsError(f"verifying the image: {extra[0]} appeared from nowhere; not saved")


def plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def catalog_lines(fs: FileSystem) -> list[str]:
    """The catalog as ``apple2 disk ls`` and ``disk info`` print it."""
    from . import boot
    files = fs.listing()
    try:
        free = fs.free_blocks() if isinstance(fs, ProDOS) else fs.free_sectors()
    except FsError:
        free = "?"
    if isinstance(fs, ProDOS):
        lines = [f"ProDOS volume /{fs.volume_name}: "
                 f"{plural(sum(not f.is_dir for f in files), 'file')}, "
                 f"{free} of {fs.total_blocks} blocks free"]
        for f in files:
            name = "  " * f.depth + f.name + ("/" if f.is_dir else "")
            where = "" if f.address is None else f"  ${f.address:04X}"
            flags = ("  locked" if f.locked else "") + ("  sparse" if f.sparse else "")
            lines.append(f" {name:<15} {f.kind:<4} {f.units:5d} blocks {f.size:7d} bytes"
                         f"{where}{flags}")
    else:
        lines = [f"DOS 3.3 volume {fs.volume}: {plural(len(files), 'file')}, "
                 f"{free} sectors free"]
        for f in files:
            where = "" if f.address is None else f"  ${f.address:04X}"
            lines.append(f"{'*' if f.locked else ' '}{f.kind} {f.units:03d} {f.name:<30} "
                         f"{f.size:7d} bytes{where}")
    note = boot.boot_note(fs)
    return lines + ([note] if note else [])


__all__ = ["Change", "Dos33", "FileInfo", "FileSystem", "FsError", "ProDOS", "catalog_lines",
           "change", "contents", "open_fs", "open_volume", "plural", "verify"]
