"""Test tooling: assemble a boot program of tests/programs and make a disk of it.

The boot-ROM tests (tests/test_boot_rom.py) each boot a small disk of our
own whose loader depends on one convention of the Disk II boot ROM and
leaves PASS, or FAIL and a check number, on the top text row
(tests/programs/bootlib.s).  The disks are .dsk files (DOS 3.3 order):
``dsk`` places sectors by physical number; the other sectors hold
``pattern`` data, which the loaders recompute to check what they read.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path

import numpy as np
import pytest

from emu.disk import gcr, images
from emu.machine import Apple2
from emu.rom import load_system_rom

PROGRAMS = Path(__file__).resolve().parent / "programs"
FIRMWARE = Path(__file__).resolve().parents[1] / "roms" / "apple2.rom"


@lru_cache(maxsize=None)
def _assembled(name: str) -> bytes:
    out = Path(tempfile.mkdtemp(prefix="bootdisks-")) / f"{name}.bin"
    done = subprocess.run(["ophis", "-o", str(out), f"{name}.s"], cwd=PROGRAMS,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return out.read_bytes()


def assemble(name: str) -> bytes:
    """tests/programs/NAME.s assembled (ophis, run in that folder for its includes)."""
    if shutil.which("ophis") is None:
        pytest.skip("the ophis assembler is not installed (pip install ophis-asm)")
    return _assembled(name)


def pattern(track: int, sector: int) -> bytes:
    """The filler of physical sector ``sector`` of ``track``: byte i is i EOR (track*16 + sector)."""
    tag = (track * 16 + sector) & 0xFF
    return bytes(i ^ tag for i in range(256))


def _placed(sectors: dict[tuple[int, int], bytes]) -> dict[tuple[int, int], bytes]:
    """Each 256 bytes of each value, from its (track, sector) on through the next sectors."""
    placed = {}
    for (track, sector), content in sectors.items():
        for k in range(0, len(content), 256):
            placed[(track, sector + k // 256)] = content[k:k + 256]
    return placed


def dsk(path: Path, sectors: dict[tuple[int, int], bytes]) -> Path:
    """A DOS-order .dsk: ``sectors[(track, physical)]``, every other sector its pattern.

    A longer value runs on into the following physical sectors of the track.
    """
    data = bytearray(images.SECTOR_IMAGE_SIZE)
    placed = _placed(sectors)
    for track in range(gcr.TRACKS):
        for physical in range(gcr.SECTORS):
            at = (track * gcr.SECTORS + gcr.DOS_ORDER[physical]) * gcr.SECTOR_SIZE
            content = placed.get((track, physical), pattern(track, physical))
            data[at:at + len(content)] = content
    path.write_bytes(bytes(data))
    return path


def d13(path: Path, sectors: dict[tuple[int, int], bytes]) -> Path:
    """A 13-sector image (.d13: sector s of track t at (t * 13 + s) * 256), as ``dsk``."""
    data = bytearray(images.D13_IMAGE_SIZE)
    placed = _placed(sectors)
    for track in range(gcr.TRACKS):
        for sector in range(gcr.SECTORS_13):
            at = (track * gcr.SECTORS_13 + sector) * gcr.SECTOR_SIZE
            content = placed.get((track, sector), pattern(track, sector))
            data[at:at + len(content)] = content
    path.write_bytes(bytes(data))
    return path


def spoil_data_field(disk: images.Disk, track: int, physical: int) -> None:
    """Swap one nibble of a pattern sector's data field for another valid one.

    The field still reads, nibble by nibble, but its checksum fails.
    """
    _, field = gcr.sector_nibbles(gcr.VOLUME, track, physical, pattern(track, physical))
    want = np.unpackbits(np.frombuffer(field, dtype=np.uint8))
    bits = disk.tracks[track].copy()
    windows = np.lib.stride_tricks.sliding_window_view(bits, len(want))
    at = int(np.flatnonzero((windows == want).all(axis=1))[0]) + 8 * 20
    nibble = int(np.packbits(bits[at:at + 8])[0])
    other = gcr.WRITE_TABLE[(gcr.WRITE_TABLE.index(nibble) + 1) % 64]
    bits[at:at + 8] = np.unpackbits(np.array([other], dtype=np.uint8))
    disk.tracks[track] = bits


def boot(disk: Path | images.Disk, seconds: float = 3, slot: int = 6) -> Apple2:
    """Our firmware, the Disk II in ``slot`` with ``disk`` in drive 1, run from power-on."""
    m = Apple2(rom=load_system_rom(FIRMWARE).data)
    m.install_disk_controller(slot)
    m.insert_disk(1, disk)
    m.run(seconds=seconds, render=False)
    return m


def verdict(m: Apple2) -> str:
    """The top text row: what the test disk reported."""
    return m.text_screen().splitlines()[0].strip()
