"""WOZ disk images, versions 1 and 2 (applesaucefdc.com/woz/reference and reference2).

A WOZ file is a 12-byte header ("WOZ1" or "WOZ2", $FF $0A $0D $0A, then the
CRC32 of everything after the header) and chunks of (4-byte id, 32-bit
little-endian size, data):

* INFO (60 bytes): version, disk type (1 = 5.25"), write protected,
  synchronized, cleaned, creator (32 bytes); version 2 adds sides, boot
  sector format, optimal bit timing, compatible hardware, required RAM and
  the largest track in 512-byte blocks.
* TMAP (160 bytes): for each quarter track, the index of its track in TRKS,
  or $FF.
* TRKS: version 1: 160 slots of 6,656 bytes (6,646 bytes of bits, bytes
  used, bit count, splice point, splice nibble and bit count, reserved);
  version 2: 160 entries of (starting block, block count, bit count) then the
  bits, at 512-byte blocks counted from the start of the file.

Bits are stored most significant first; a 1 is a flux change.  Other chunks
(META, WRIT, FLUX) are kept and written back unchanged.

13 or 16 sectors: WOZ 2's INFO says it (boot sector format, byte 38: 1
16-sector, 2 13-sector, 3 both); a WOZ 1, or a WOZ 2 that does not say, is
13-sector if track 0's address fields begin D5 AA B5 (DOS 3.2's) and none
D5 AA 96.
"""
from __future__ import annotations

import struct
import zlib
from pathlib import Path

import numpy as np

from . import gcr
from .base import ENCODERS, Disk, DiskError, check_track
from .layout import NO_TRACK, QUARTER_TRACKS

MAGIC_TAIL = b"\xff\x0a\x0d\x0a"
STANDARD_TIMING = 32            # bit cells of 32 x 125 ns = 4 us
TIMING_AT = 39                  # INFO offset of WOZ 2's optimal bit timing
MIN_TIMING, MAX_TIMING = 16, 64  # 2-8 us: what a Disk II could conceivably read
V1_TRACK = 6656
V1_BITS = 6646
BLOCK = 512
INFO_SIZE = 60             # the INFO chunk of both versions
TMAP_SIZE = QUARTER_TRACKS  # a TMAP entry per quarter track
V2_ENTRY = 8               # a TRKS entry of version 2: start block, blocks, bit count
BOOT_FORMAT = 38                # INFO (version 2): 0 unknown, 1 16-sector, 2 13-sector, 3 both
BOOT_16, BOOT_13 = 1, 2


def parse(path: Path, data: bytes) -> Disk:
    """A WOZ file's bytes -> a Disk; DiskError if the file is not a valid WOZ 1 or 2."""
    if len(data) < 12 or data[:4] not in (b"WOZ1", b"WOZ2") or data[4:8] != MAGIC_TAIL:
        raise DiskError(f"{path}: not a WOZ file (no WOZ1/WOZ2 header)")
    version = 1 if data[:4] == b"WOZ1" else 2
    crc = struct.unpack_from("<I", data, 8)[0]
    if crc and zlib.crc32(data[12:]) != crc:
        raise DiskError(f"{path}: CRC32 mismatch (file says {crc:08x}, data gives "
                        f"{zlib.crc32(data[12:]):08x}): the file is damaged")
    chunks = read_chunks(path, data)
    for need in ("INFO", "TMAP", "TRKS"):
        if need not in chunks:
            raise DiskError(f"{path}: WOZ file without a {need} chunk")
    info = chunks["INFO"][1]
    if len(info) < INFO_SIZE:
        raise DiskError(f"{path}: WOZ INFO chunk of {len(info)} bytes; the format's is "
                        f"{INFO_SIZE}")
    if info[1] != 1:
        raise DiskError(f"{path}: a WOZ of disk type {info[1]} (only 1, 5.25-inch, is supported)")
    if version >= 2 and len(info) > TIMING_AT and info[TIMING_AT] and not \
            MIN_TIMING <= info[TIMING_AT] <= MAX_TIMING:
        raise DiskError(f"{path}: optimal bit timing {info[TIMING_AT]} x 125 ns is outside "
                        f"{MIN_TIMING}-{MAX_TIMING} (32 is the standard 4 us)")
    if len(chunks["TMAP"][1]) < TMAP_SIZE:
        raise DiskError(f"{path}: WOZ TMAP chunk of {len(chunks['TMAP'][1])} bytes; the "
                        f"format's is {TMAP_SIZE}")
    tmap = list(chunks["TMAP"][1][:QUARTER_TRACKS])
    trks = chunks["TRKS"][1]
    if version == 1 and len(trks) // V1_TRACK > QUARTER_TRACKS:
        raise DiskError(f"{path}: WOZ 1 TRKS chunk holds {len(trks) // V1_TRACK} tracks; "
                        f"the format allows {QUARTER_TRACKS}")
    if version == 2 and len(trks) < QUARTER_TRACKS * V2_ENTRY:
        raise DiskError(f"{path}: WOZ 2 TRKS chunk of {len(trks)} bytes, shorter than its "
                        f"{QUARTER_TRACKS} track entries")
    tracks = v1_tracks(path, trks) if version == 1 else v2_tracks(path, data, trks)
    used = {t for t in tmap if t != NO_TRACK}
    for t in used:
        if t >= len(tracks):
            raise DiskError(f"{path}: TMAP names track {t}, but TRKS has {len(tracks)}")
    for i, bits in enumerate(tracks):
        check_track(path, i, bits)
    extra = {k: v[1] for k, v in chunks.items() if k not in ("INFO", "TMAP", "TRKS")}
    return Disk(path, "woz", tracks, tmap, write_protected=bool(info[2]),
                woz={"version": version, "info": bytes(info), "extra": extra},
                sectors_per_track=sectors_per_track(version, info, tracks, tmap))


def sectors_per_track(version: int, info: bytes, tracks: list[np.ndarray],
                      tmap: list[int]) -> int:
    """13 or 16: what INFO says (version 2), else what track 0's address fields say."""
    if version >= 2 and len(info) > BOOT_FORMAT and info[BOOT_FORMAT] in (1, 2, 3):
        return gcr.SECTORS_13 if info[BOOT_FORMAT] == BOOT_13 else gcr.SECTORS
    track0 = tmap[0] if tmap else NO_TRACK
    if track0 == NO_TRACK or track0 >= len(tracks) or len(tracks[track0]) == 0:
        return gcr.SECTORS
    return gcr.sectors_per_track(tracks[track0])


def bit_timing(disk: Disk) -> int:
    """The disk's bit cell in 125 ns units: a WOZ 2's optimal bit timing, else 32 (4 us)."""
    info = disk.woz.get("info") if disk.woz else None
    if disk.woz.get("version", 1) >= 2 and info and len(info) > TIMING_AT and info[TIMING_AT]:
        return int(info[TIMING_AT])
    return STANDARD_TIMING


def read_chunks(path: Path, data: bytes) -> dict[str, tuple[int, bytes]]:
    chunks: dict[str, tuple[int, bytes]] = {}
    at = 12
    while at + 8 <= len(data):
        cid = data[at:at + 4].decode("latin-1")
        size = struct.unpack_from("<I", data, at + 4)[0]
        if at + 8 + size > len(data):
            raise DiskError(f"{path}: WOZ chunk {cid!r} runs past the end of the file")
        chunks[cid] = (at + 8, data[at + 8:at + 8 + size])
        at += 8 + size
    return chunks


def v1_tracks(path: Path, trks: bytes) -> list[np.ndarray]:
    tracks = []
    for i in range(len(trks) // V1_TRACK):
        entry = trks[i * V1_TRACK:(i + 1) * V1_TRACK]
        used, count = struct.unpack_from("<HH", entry, V1_BITS)
        if count > V1_BITS * 8:
            raise DiskError(f"{path}: track {i} says {count} bits, more than it can hold")
        tracks.append(np.unpackbits(np.frombuffer(entry[:V1_BITS], dtype=np.uint8))[:count])
    return tracks


def v2_tracks(path: Path, data: bytes, trks: bytes) -> list[np.ndarray]:
    tracks = []
    for i in range(QUARTER_TRACKS):
        start, blocks, count = struct.unpack_from("<HHI", trks, i * V2_ENTRY)
        if start == 0 and blocks == 0:          # no track here
            tracks.append(np.zeros(0, dtype=np.uint8))
            continue
        end = (start + blocks) * BLOCK
        if end > len(data) or count > blocks * BLOCK * 8:
            raise DiskError(f"{path}: track {i} lies outside the file or overflows its blocks")
        raw = np.frombuffer(data[start * BLOCK:end], dtype=np.uint8)
        tracks.append(np.unpackbits(raw)[:count])
    return tracks


def build(disk: Disk) -> bytes:
    """The WOZ file for a disk, in the version it was read in (2 for other sources)."""
    version = disk.woz.get("version", 2)
    boot = {"d13": BOOT_13, "dsk": BOOT_16}.get(disk.kind, 0)
    info = bytearray(disk.woz.get("info") or default_info(version, boot))
    tmap = bytes(disk.tmap[:QUARTER_TRACKS]) + bytes(160 - len(disk.tmap[:QUARTER_TRACKS]))
    if version == 1:
        trks = b"".join(v1_entry(bits) for bits in disk.tracks)
    else:
        largest = max((len(np.packbits(b)) + BLOCK - 1) // BLOCK for b in disk.tracks) \
            if disk.tracks else 0
        struct.pack_into("<H", info, 44, largest)
        entries, blobs = bytearray(), bytearray()
        block = 3                    # header + INFO + TMAP + TRKS entries fill blocks 0-2
        for i in range(QUARTER_TRACKS):
            if i < len(disk.tracks) and len(disk.tracks[i]):
                packed = np.packbits(disk.tracks[i]).tobytes()
                nblocks = (len(packed) + BLOCK - 1) // BLOCK
                entries += struct.pack("<HHI", block, nblocks, len(disk.tracks[i]))
                blobs += packed + bytes(nblocks * BLOCK - len(packed))
                block += nblocks
            else:
                entries += struct.pack("<HHI", 0, 0, 0)
        trks = bytes(entries) + bytes(blobs)
    chunks = [(b"INFO", bytes(info)), (b"TMAP", tmap), (b"TRKS", trks)]
    for cid, payload in disk.woz.get("extra", {}).items():
        chunks.append((cid.encode("latin-1"), payload))
    body = b"".join(cid + struct.pack("<I", len(p)) + p for cid, p in chunks)
    magic = b"WOZ1" if version == 1 else b"WOZ2"
    return magic + MAGIC_TAIL + struct.pack("<I", zlib.crc32(body)) + body


def v1_entry(bits: np.ndarray) -> bytes:
    packed = np.packbits(bits).tobytes()
    if len(packed) > V1_BITS:
        raise DiskError(f"a track of {len(bits)} bits does not fit in a WOZ1 file")
    return (packed + bytes(V1_BITS - len(packed))
            + struct.pack("<HHHBBH", len(packed), len(bits), 0xFFFF, 0xFF, 0xFF, 0))


def default_info(version: int, boot_format: int = 0) -> bytes:
    creator = b"apple2 emulator".ljust(32)
    info = bytearray(60)
    info[0:5] = bytes([version, 1, 0, 0, 0])
    info[5:37] = creator
    if version >= 2:
        info[37] = 1             # sides
        info[BOOT_FORMAT] = boot_format
        info[TIMING_AT] = STANDARD_TIMING       # optimal bit timing: 4 us
    return bytes(info)


def from_disk(disk: Disk, version: int = 2) -> bytes:
    """Any disk (e.g. a .dsk just loaded) as a WOZ file."""
    saved = disk.woz
    disk.woz = {"version": version}
    try:
        return build(disk)
    finally:
        disk.woz = saved


ENCODERS["woz"] = build
