"""6-and-2 group code recording: sectors to disk nibbles to bits, and back.

From "Beneath Apple DOS" (Worth and Lechner, 1981), chapter 3:

* A disk byte ("nibble") has its high bit set, at least two adjacent 1 bits
  among bits 0-6 and at most one pair of adjacent 0 bits; of the 66 such
  bytes, $AA and $D5 are reserved for field marks, which leaves the 64 the
  6-and-2 code writes (``WRITE_TABLE``).
* A sector is an address field (D5 AA 96, volume, track, sector, checksum in
  4-and-4 code, DE AA EB) and a data field (D5 AA AD, 342 data nibbles and a
  checksum nibble, DE AA EB), separated by self-sync bytes: $FF followed by
  two 0 bits, which re-aligns the controller's shift register.
* 6-and-2: the 256 bytes become 86 "auxiliary" 6-bit values (the low two bits
  of bytes i, i+86 and i+172, each pair with its bits swapped) then 256
  values of their top six bits; each value is written XORed with the one
  before it, and the last value alone is the checksum.
* Sector interleave: DOS 3.3 images store sectors in DOS's logical order,
  ProDOS images in ProDOS's; ``DOS_ORDER[p]`` and ``PRODOS_ORDER[p]`` give
  the sector of the image file that physical sector ``p`` holds.
"""
from __future__ import annotations

import numpy as np

SECTORS = 16
SECTOR_SIZE = 256
TRACKS = 35
TRACK_SIZE = SECTORS * SECTOR_SIZE
VOLUME = 254            # DOS 3.3's default volume number

ADDRESS_PROLOGUE = (0xD5, 0xAA, 0x96)
DATA_PROLOGUE = (0xD5, 0xAA, 0xAD)
EPILOGUE = (0xDE, 0xAA, 0xEB)

DOS_ORDER = (0, 7, 14, 6, 13, 5, 12, 4, 11, 3, 10, 2, 9, 1, 8, 15)
PRODOS_ORDER = (0, 8, 1, 9, 2, 10, 3, 11, 4, 12, 5, 13, 6, 14, 7, 15)

# Gaps, in self-sync bytes of 10 bits; with them a track is 51,024 bits,
# close to the 50,000-51,000 of a real drive at 300 rpm.
GAP1, GAP2, GAP3 = 40, 6, 20


def _valid_nibble(b: int) -> bool:
    if b in (0xAA, 0xD5) or not b & 0x80:
        return False
    if not (b & (b >> 1)) & 0x3F:           # two adjacent 1 bits in bits 0-6
        return False
    zeros = ~b & 0x7F
    pairs = zeros & (zeros >> 1)            # adjacent 0 bits
    return pairs & (pairs - 1) == 0         # at most one such pair


WRITE_TABLE = bytes(b for b in range(0x80, 0x100) if _valid_nibble(b))
assert len(WRITE_TABLE) == 64
READ_TABLE = np.full(256, -1, dtype=np.int16)
READ_TABLE[list(WRITE_TABLE)] = np.arange(64)


def encode_44(value: int) -> bytes:
    """4-and-4: odd bits then even bits, each padded with 1s."""
    return bytes([(value >> 1) | 0xAA, value | 0xAA])


def decode_44(odd: int, even: int) -> int:
    return ((odd << 1) | 1) & even & 0xFF


def _swap2(v: int) -> int:
    return ((v & 1) << 1) | ((v >> 1) & 1)


def encode_62(data: bytes) -> bytes:
    """256 bytes -> the 343 nibbles of a data field (checksum included)."""
    if len(data) != SECTOR_SIZE:
        raise ValueError(f"a sector is 256 bytes, not {len(data)}")
    values = []
    for i in range(86):
        v = _swap2(data[i] & 3) | _swap2(data[i + 86] & 3) << 2
        if i + 172 < 256:
            v |= _swap2(data[i + 172] & 3) << 4
        values.append(v)
    values.extend(b >> 2 for b in data)
    out = bytearray()
    previous = 0
    for v in values:
        out.append(WRITE_TABLE[v ^ previous])
        previous = v
    out.append(WRITE_TABLE[previous])
    return bytes(out)


def decode_62(nibbles: bytes) -> bytes | None:
    """343 data-field nibbles -> 256 bytes, or None if invalid or the checksum fails."""
    if len(nibbles) < 343:
        return None
    codes = READ_TABLE[np.frombuffer(bytes(nibbles[:343]), dtype=np.uint8)]
    if (codes < 0).any():
        return None
    values = np.bitwise_xor.accumulate(codes.astype(np.int64))
    if values[342] != 0:
        return None
    aux, main = values[:86], values[86:342]
    out = bytearray(256)
    for i in range(256):
        two = (int(aux[i % 86]) >> (2 * (i // 86))) & 3
        out[i] = (int(main[i]) << 2) | _swap2(two)
    return bytes(out)


def sector_nibbles(volume: int, track: int, sector: int, data: bytes) -> tuple[bytes, bytes]:
    """The address field and the data field of one sector, as nibbles."""
    checksum = volume ^ track ^ sector
    address = (bytes(ADDRESS_PROLOGUE) + encode_44(volume) + encode_44(track)
               + encode_44(sector) + encode_44(checksum) + bytes(EPILOGUE))
    return address, bytes(DATA_PROLOGUE) + encode_62(data) + bytes(EPILOGUE)


class BitWriter:
    """Collects a track's bits: whole nibbles, and self-sync bytes (FF + two 0 bits)."""

    def __init__(self):
        self.bits: list[int] = []

    def nibbles(self, data: bytes) -> None:
        for b in data:
            self.bits.extend((b >> (7 - i)) & 1 for i in range(8))

    def sync(self, count: int) -> None:
        self.bits.extend(([1] * 8 + [0, 0]) * count)

    def array(self) -> np.ndarray:
        return np.array(self.bits, dtype=np.uint8)


def encode_track(track: int, sectors: list[bytes], volume: int = VOLUME) -> np.ndarray:
    """One track's bits (one 0/1 byte per bit) from its 16 sectors in physical order."""
    w = BitWriter()
    w.sync(GAP1)
    for physical, data in enumerate(sectors):
        address, field = sector_nibbles(volume, track, physical, data)
        w.nibbles(address)
        w.sync(GAP2)
        w.nibbles(field)
        w.sync(GAP3)
    return w.array()


def read_nibbles(bits: np.ndarray, turns: int = 2) -> bytes:
    """The nibbles the controller would read from a track, going round it ``turns`` times.

    As the shift register does: 0 bits before a nibble are skipped, then the
    eight bits from a 1 bit onward make a nibble.
    """
    stream = np.tile(np.asarray(bits, dtype=np.uint8), turns)
    out = bytearray()
    value = 0
    for bit in stream.tolist():
        if value == 0 and not bit:
            continue
        value = (value << 1) | bit
        if value & 0x80:
            out.append(value)
            value = 0
    return bytes(out)


def decode_track(bits: np.ndarray) -> dict[int, tuple[int, int, bytes]]:
    """Every sector found on a track: physical sector -> (volume, track, 256 bytes).

    The track is read twice round, so a sector across the end is found too.
    Sectors whose address or data field does not check out are left out.
    """
    nibbles = read_nibbles(bits)
    found: dict[int, tuple[int, int, bytes]] = {}
    i = nibbles.find(bytes(ADDRESS_PROLOGUE))
    while i >= 0 and i + 11 <= len(nibbles):
        f = [decode_44(nibbles[i + 3 + 2 * k], nibbles[i + 4 + 2 * k]) for k in range(4)]
        volume, track, sector, checksum = f
        nxt = nibbles.find(bytes(ADDRESS_PROLOGUE), i + 3)
        if volume ^ track ^ sector == checksum and sector < SECTORS and sector not in found:
            d = nibbles.find(bytes(DATA_PROLOGUE), i + 11, i + 11 + 64)
            if d >= 0 and (nxt < 0 or d < nxt):
                data = decode_62(nibbles[d + 3:d + 3 + 343])
                if data is not None:
                    found[sector] = (volume, track, data)
        i = nxt
    return found


def pack(bits: np.ndarray) -> np.ndarray:
    """0/1 per byte -> bits packed most significant first (as a WOZ track stores them)."""
    return np.packbits(np.asarray(bits, dtype=np.uint8))


def unpack(packed: np.ndarray, count: int) -> np.ndarray:
    return np.unpackbits(np.asarray(packed, dtype=np.uint8))[:count]
