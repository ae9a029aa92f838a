"""Our boot loaders, which ``apple2 disk new`` writes, and what they will run.

The loaders are 6502 programs of our own (``roms/src/boot/``, assembled to
``roms/boot_prodos.bin`` and ``roms/boot_dos33.bin``): with no DOS on the
disk, they find one program in the catalog and run it.

* ProDOS (blocks 0-1; from a Disk II or a ProDOS block device): the first
  SYS file of the volume directory (loaded at $2000) or BIN file (at its aux
  type), whichever comes first.
* DOS 3.3 (track 0, physical sectors 0-3; from a Disk II): the first B file
  of the catalog, at the address in its first sector.

Either loads the program anywhere in ``LOAD_RANGE`` and jumps to its first
byte; page $08 holds the first stage and the loader itself runs at $BA00.
"""
from __future__ import annotations

from pathlib import Path

from ..images import DiskError
from . import dos33, prodos
from .common import FileInfo

ROMS = Path(__file__).resolve().parents[3] / "roms"
PRODOS_LOADER = ROMS / "boot_prodos.bin"
DOS33_LOADER = ROMS / "boot_dos33.bin"
# Where a program may go: from page LOWEST to the loader's page BEYOND
# (roms/src/boot/diskii.s; a test checks the two agree).
LOAD_RANGE = (0x0900, 0xBA00)


def loader(path: Path) -> bytes:
    """One of our boot loaders, as built from its source."""
    try:
        return path.read_bytes()
    except OSError as e:
        raise DiskError(f"{path}: cannot read our boot loader ({e.strerror or e}); "
                        "rebuild it with python -m emu.tools.build_roms") from None


def dos33_track0(fs: dos33.Dos33) -> bytes:
    """Physical sectors 0-3 of track 0 (where the DOS 3.3 loader lives)."""
    from .. import gcr
    return b"".join(fs.image.read_sector(0, gcr.DOS_ORDER[p]) for p in range(4))


def has_our_loader(fs) -> bool:
    """True if the disk's boot area holds our loader, byte for byte."""
    if isinstance(fs, prodos.ProDOS):
        code = loader(PRODOS_LOADER)
        boot = fs.image.read_block(0) + fs.image.read_block(1)
    else:
        code = loader(DOS33_LOADER)
        boot = dos33_track0(fs)
    return boot[:len(code)] == code


def boot_file(fs) -> FileInfo | None:
    """The file our loader would run, or None."""
    if isinstance(fs, prodos.ProDOS):
        for e in fs.entries(fs.volume):
            if e.storage in (prodos.SEEDLING, prodos.SAPLING) and \
                    e.file_type in (prodos.SYS, prodos.BIN):
                return fs.info(0, e)
        return None
    for e in fs.entries():
        if e.file_type == dos33.BINARY:
            return fs.info(e)
    return None


def boot_note(fs) -> str | None:
    """A line on what booting this disk does, if it has our loader."""
    if not has_our_loader(fs):
        return None
    f = boot_file(fs)
    kind = "SYS or BIN file under 128 KB" if isinstance(fs, prodos.ProDOS) else "B file"
    if f is None:
        return f"boot: our loader; no {kind} for it to run yet"
    low, high = LOAD_RANGE
    where = f"{f.path} at ${f.address:04X}"
    if f.address is None or f.address < low or f.address + f.size > high:
        return (f"boot: our loader would run {where}, but it must fit "
                f"${low:04X}-${high - 1:04X}")
    return f"boot: our loader runs {where}"
