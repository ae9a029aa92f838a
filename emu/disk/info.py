"""``apple2 disk info FILE``: what a disk image is and, if it has one, its catalog.

The catalog is read by the file-system layer ``apple2 disk`` writes with
(``emu.disk.fs``: DOS 3.3 from "Beneath Apple DOS", ProDOS from "Beneath
Apple ProDOS"), through a :class:`~emu.disk.blockimage.BlockImage`; a WOZ
or .nib image's sectors are decoded from its bits first.
"""
from __future__ import annotations

import os
import sys

from . import blockimage, gcr
from .fs import FsError, catalog_lines, open_fs
from .fs.common import Damaged
from .images import DOS, PRODOS, Disk, DiskError, load


def sectors_of(disk: Disk) -> tuple[bytes, str]:
    """A DOS-order sector image of any disk (unreadable sectors zero), and its order."""
    if disk.kind == "dsk":
        return disk.sectors, disk.order
    data = bytearray(35 * gcr.TRACK_SIZE)
    for t in range(35):
        index = disk.tmap[4 * t] if 4 * t < len(disk.tmap) else 0xFF
        if index == 0xFF or index >= len(disk.tracks):
            continue
        for physical, (_, _, sector) in gcr.decode_track(disk.tracks[index]).items():
            at = t * gcr.TRACK_SIZE + gcr.DOS_ORDER[physical] * gcr.SECTOR_SIZE
            data[at:at + gcr.SECTOR_SIZE] = sector
    return bytes(data), DOS


def describe(path: str | os.PathLike, order: str | None = None) -> str:
    """The lines ``apple2 disk info`` prints."""
    image = blockimage.load(path, order)
    if image.bits is not None:
        lines = _floppy_lines(image.bits)
    elif image.is_floppy and image.kind in ("dsk", "po"):
        lines = _floppy_lines(load(path, order))
    else:
        lines = _block_lines(image)
    return "\n".join(lines + _catalog(image))


def _floppy_lines(disk: Disk) -> list[str]:
    """A 5.25-inch image as the Disk II sees it: format, tracks, order, protection."""
    used = sorted({t for t in disk.tmap if t != 0xFF})
    lines = [f"{disk.name}: {kind_name(disk)}",
             f"tracks: {len(used)} stored"
             + (f", bit counts {min(len(disk.tracks[t]) for t in used)}-"
                f"{max(len(disk.tracks[t]) for t in used)}" if used else ""),
             f"write protected: {'yes' if disk.write_protected else 'no'}"]
    if disk.order:
        lines.insert(1, f"sector order: {'DOS 3.3' if disk.order == DOS else 'ProDOS'}")
    return lines


def _block_lines(image: blockimage.BlockImage) -> list[str]:
    """A block image: its container, size and order, a 2MG's header, protection."""
    size = image.blocks * blockimage.BLOCK
    kind = {"2mg": "2MG image", "hdv": "hard-disk image (.hdv)"}.get(image.kind,
                                                                    "ProDOS-order image")
    lines = [f"{image.name}: {kind}, {image.blocks} blocks ({size // 1024}K)",
             f"sector order: {'DOS 3.3' if image.order == DOS else 'ProDOS'}"]
    h = image.twoimg
    if h is not None:
        creator = h.creator.decode("ascii", "replace")
        lines.append(f"2MG header: creator {creator!r}, version {h.version}, data "
                     f"{h.data_length} bytes at {h.data_offset}, DOS volume {h.volume}"
                     + (f", comment {h.comment_length} bytes" if h.comment_length else ""))
    protected = f"yes ({image.protection})" if image.write_protected else "no"
    return lines + [f"write protected: {protected}"]


def _catalog(image: blockimage.BlockImage) -> list[str]:
    try:
        fs = open_fs(image)
    except Damaged as e:
        return [str(e)]
    except FsError:
        return ["no DOS 3.3 or ProDOS catalog found"]
    try:
        return catalog_lines(fs)
    except FsError as e:
        return [f"{fs.name} catalog: {e}"]


def kind_name(disk: Disk) -> str:
    if disk.kind == "woz":
        return f"WOZ {disk.woz['version']}"
    if disk.kind == "nib":
        return "nibble image (.nib), 35 tracks"
    return "sector image, 35 tracks x 16 sectors"


def main(path: str, order: str | None = None) -> int:
    try:
        print(describe(path, order))
    except DiskError as e:
        print(f"apple2 disk info: {e}", file=sys.stderr)
        return 2
    return 0


__all__ = ["describe", "main", "sectors_of", "PRODOS"]
