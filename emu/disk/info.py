"""``apple2 disk info FILE``: what a disk image is and, if it has one, its catalog.

The catalogs are read with a short parser of our own (PyPI's Apple II disk
libraries are either large toolkits or ProDOS only): the DOS 3.3 catalog
from "Beneath Apple DOS" ch. 4 (VTOC at track 17 sector 0, catalog sectors
of seven 35-byte entries) and the ProDOS volume directory from "Beneath
Apple ProDOS" ch. 4 (key block 2, 39-byte entries, 13 to a block).
"""
from __future__ import annotations

import os

from . import gcr
from .images import DOS, PRODOS, Disk, DiskError, load, read_block, read_sector

DOS_TYPES = {0x00: "T", 0x01: "I", 0x02: "A", 0x04: "B", 0x08: "S", 0x10: "R",
             0x20: "A", 0x40: "B"}
PRODOS_TYPES = {0x04: "TXT", 0x06: "BIN", 0x0F: "DIR", 0xFA: "INT", 0xFC: "BAS",
                0xFD: "VAR", 0xFF: "SYS"}


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


def dos33_catalog(data: bytes, order: str) -> list[str] | None:
    """The DOS 3.3 catalog lines, or None if there is no VTOC."""
    vtoc = read_sector(data, 17, 0, order)
    if vtoc[0x34] != 35 or vtoc[0x35] != 16 or not 0 < vtoc[1] < 35 or vtoc[2] > 15:
        return None
    lines = [f"DOS 3.3 catalog, volume {vtoc[6]}"]
    t, s = vtoc[1], vtoc[2]
    seen = set()
    while 0 < t < 35 and s < 16 and (t, s) not in seen:
        seen.add((t, s))
        sector = read_sector(data, t, s, order)
        for i in range(7):
            e = sector[0x0B + 35 * i:0x0B + 35 * (i + 1)]
            if e[0] == 0:
                return lines
            if e[0] == 0xFF:
                continue                                  # deleted
            name = bytes(b & 0x7F for b in e[3:33]).decode("ascii", "replace").rstrip()
            lock = "*" if e[2] & 0x80 else " "
            kind = DOS_TYPES.get(e[2] & 0x7F, "?")
            lines.append(f"{lock}{kind} {e[33] | e[34] << 8:03d} {name}")
        t, s = sector[1], sector[2]
    return lines


def prodos_catalog(data: bytes, order: str) -> list[str] | None:
    """The ProDOS volume directory lines, or None if block 2 is not one."""
    block = read_block(data, 2, order)
    if block[0:2] != b"\0\0" or block[4] >> 4 != 0xF:
        return None
    name = block[5:5 + (block[4] & 0xF)].decode("ascii", "replace")
    size, per_block = block[0x23], block[0x24]
    if size < 0x27 or per_block == 0:
        return None
    lines = [f"ProDOS volume /{name}"]
    number, seen, first = 2, set(), True
    while number and number not in seen and number < 280:
        seen.add(number)
        block = read_block(data, number, order)
        for i in range(1 if first else 0, per_block):
            e = block[4 + i * size:4 + (i + 1) * size]
            if len(e) < size or e[0] >> 4 == 0:
                continue
            fname = e[1:1 + (e[0] & 0xF)].decode("ascii", "replace")
            kind = PRODOS_TYPES.get(e[0x10], f"${e[0x10]:02X}")
            blocks = e[0x13] | e[0x14] << 8
            eof = e[0x15] | e[0x16] << 8 | e[0x17] << 16
            lines.append(f" {fname:<15} {kind:<4} {blocks:5d} blocks {eof:7d} bytes")
        first = False
        number = block[2] | block[3] << 8
    return lines


def describe(path: str | os.PathLike, order: str | None = None) -> str:
    """The lines ``apple2 disk info`` prints."""
    disk = load(path, order)
    used = sorted({t for t in disk.tmap if t != 0xFF})
    lines = [f"{disk.name}: {kind_name(disk)}",
             f"tracks: {len(used)} stored"
             + (f", bit counts {min(len(disk.tracks[t]) for t in used)}-"
                f"{max(len(disk.tracks[t]) for t in used)}" if used else ""),
             f"write protected: {'yes' if disk.write_protected else 'no'}"]
    if disk.order:
        lines.insert(1, f"sector order: {'DOS 3.3' if disk.order == DOS else 'ProDOS'}")
    data, sector_order = sectors_of(disk)
    catalog = prodos_catalog(data, sector_order) or dos33_catalog(data, sector_order)
    lines += catalog or ["no DOS 3.3 or ProDOS catalog found"]
    return "\n".join(lines)


def kind_name(disk: Disk) -> str:
    thirteen = ", 13 sectors (DOS 3.2 format)" if disk.sectors_per_track == 13 else ""
    if disk.kind == "woz":
        return f"WOZ {disk.woz['version']}{thirteen}"
    if disk.kind == "nib":
        return f"nibble image (.nib), 35 tracks{thirteen}"
    return f"sector image, 35 tracks x {disk.sectors_per_track} sectors"


def main(path: str, order: str | None = None) -> int:
    try:
        print(describe(path, order))
    except DiskError as e:
        print(f"apple2 disk info: {e}", file=__import__("sys").stderr)
        return 2
    return 0


__all__ = ["describe", "main", "PRODOS"]
