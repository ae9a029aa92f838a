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
* 13 sectors (DOS 3.2.1 and earlier, the same chapter): the address
  prologue ends $B5 instead of $96; the data field holds 410 values of 5
  bits (``encode_53``) in the 32 disk bytes that have no two adjacent 0 bits
  (less $AA and $D5); self-sync bytes are $FF and one 0 bit; the sectors
  are interleaved on the track itself (``PHYSICAL_13``), so a .d13 file holds
  them by the number in their address field.
"""
from __future__ import annotations

import numpy as np

SECTORS = 16
SECTOR_SIZE = 256
TRACKS = 35
TRACK_SIZE = SECTORS * SECTOR_SIZE
VOLUME = 254            # DOS 3.3's default volume number

ADDRESS_PROLOGUE = (0xD5, 0xAA, 0x96)
ADDRESS_PROLOGUE_13 = (0xD5, 0xAA, 0xB5)
DATA_PROLOGUE = (0xD5, 0xAA, 0xAD)
EPILOGUE = (0xDE, 0xAA, 0xEB)

DOS_ORDER = (0, 7, 14, 6, 13, 5, 12, 4, 11, 3, 10, 2, 9, 1, 8, 15)
PRODOS_ORDER = (0, 8, 1, 9, 2, 10, 3, 11, 4, 12, 5, 13, 6, 14, 7, 15)

# Gaps, in self-sync bytes of 10 bits; with them a track is 51,024 bits,
# close to the 50,000-51,000 of a real drive at 300 rpm.
GAP1, GAP2, GAP3 = 40, 6, 20

# 13 sectors: the order of their numbers round a track as DOS 3.2 formats it
# (each the one 10 after the last, mod 13), and gaps of 9-bit self-sync
# bytes that make a track 49,882 bits.
SECTORS_13 = 13
PHYSICAL_13 = (0, 10, 7, 4, 1, 11, 8, 5, 2, 12, 9, 6, 3)
GAP1_13, GAP2_13, GAP3_13 = 16, 14, 28


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


def _valid_nibble_53(b: int) -> bool:
    """The 13-sector hardware's disk bytes: bit 7 set, no two adjacent 0 bits."""
    zeros = ~b & 0xFF
    return bool(b & 0x80) and not zeros & (zeros >> 1) and b not in (0xAA, 0xD5)


WRITE_TABLE_53 = bytes(b for b in range(0x80, 0x100) if _valid_nibble_53(b))
assert len(WRITE_TABLE_53) == 32
READ_TABLE_53 = np.full(256, -1, dtype=np.int16)
READ_TABLE_53[list(WRITE_TABLE_53)] = np.arange(32)


def encode_44(value: int) -> bytes:
    """4-and-4: odd bits then even bits, each padded with 1s."""
    return bytes([(value >> 1) | 0xAA, value | 0xAA])


def decode_44(odd: int, even: int) -> int:
    return ((odd << 1) | 1) & even & 0xFF


def _swap2(v: int) -> int:
    return ((v & 1) << 1) | ((v >> 1) & 1)


def _chain(values: list[int], table: bytes) -> bytes:
    """A data field's nibbles: each value XORed with the one before, then the last."""
    out = bytearray()
    previous = 0
    for v in values:
        out.append(table[v ^ previous])
        previous = v
    out.append(table[previous])
    return bytes(out)


def _unchain(nibbles: bytes, count: int, table: np.ndarray) -> np.ndarray | None:
    """The ``count`` values of a data field, or None if a nibble is invalid or the sum fails."""
    if len(nibbles) < count + 1:
        return None
    codes = table[np.frombuffer(bytes(nibbles[:count + 1]), dtype=np.uint8)]
    if (codes < 0).any():
        return None
    values = np.bitwise_xor.accumulate(codes.astype(np.int64))
    return None if values[count] != 0 else values[:count]


def _check_sector(data: bytes) -> None:
    if len(data) != SECTOR_SIZE:
        raise ValueError(f"a sector is 256 bytes, not {len(data)}")


def encode_62(data: bytes) -> bytes:
    """256 bytes -> the 343 nibbles of a data field (checksum included)."""
    _check_sector(data)
    values = []
    for i in range(86):
        v = _swap2(data[i] & 3) | _swap2(data[i + 86] & 3) << 2
        if i + 172 < 256:
            v |= _swap2(data[i + 172] & 3) << 4
        values.append(v)
    values.extend(b >> 2 for b in data)
    return _chain(values, WRITE_TABLE)


def decode_62(nibbles: bytes) -> bytes | None:
    """343 data-field nibbles -> 256 bytes, or None if invalid or the checksum fails."""
    values = _unchain(nibbles, 342, READ_TABLE)
    if values is None:
        return None
    aux, main = values[:86], values[86:342]
    out = bytearray(256)
    for i in range(256):
        two = (int(aux[i % 86]) >> (2 * (i // 86))) & 3
        out[i] = (int(main[i]) << 2) | _swap2(two)
    return bytes(out)


# 5-and-3: a sector is 51 groups of 5 bytes and byte 255.  Group i's bytes
# keep their top 5 bits in "tops" 50-i, 101-i, 152-i, 203-i, 254-i, and their
# low 3 bits in "threes" 50-i, 101-i, 152-i: each of those holds one byte's
# low bits (bits 4-2) and one bit of bytes 3 and 4 (bits 1 and 0).  Byte 255
# is tops 255 and threes 153.  The field is threes 153 down to 0, then tops
# 0 to 255 (Beneath Apple DOS ch. 3, fig. 3.18; CiderPress has it so too).
GROUPS_53 = 51


def encode_53(data: bytes) -> bytes:
    """256 bytes -> the 411 nibbles of a 13-sector data field (checksum included)."""
    _check_sector(data)
    tops, threes = [0] * 256, [0] * 154
    for i in range(GROUPS_53):
        group, at = data[5 * i:5 * i + 5], GROUPS_53 - 1 - i
        for k in range(5):
            tops[at + GROUPS_53 * k] = group[k] >> 3
        for c in range(3):
            shift = 2 - c
            threes[at + GROUPS_53 * c] = ((group[c] & 7) << 2 | (group[3] >> shift & 1) << 1
                                          | group[4] >> shift & 1)
    tops[255], threes[153] = data[255] >> 3, data[255] & 7
    return _chain(threes[::-1] + tops, WRITE_TABLE_53)


def decode_53(nibbles: bytes) -> bytes | None:
    """411 data-field nibbles -> 256 bytes, or None if invalid or the checksum fails."""
    values = _unchain(nibbles, 410, READ_TABLE_53)
    if values is None:
        return None
    threes, tops = [int(v) for v in values[153::-1]], [int(v) for v in values[154:]]
    out = bytearray(256)
    for i in range(GROUPS_53):
        at = GROUPS_53 - 1 - i
        t = [threes[at + GROUPS_53 * c] for c in range(3)]
        low3 = (t[0] >> 1 & 1) << 2 | (t[1] >> 1 & 1) << 1 | t[2] >> 1 & 1
        low4 = (t[0] & 1) << 2 | (t[1] & 1) << 1 | t[2] & 1
        lows = [t[0] >> 2, t[1] >> 2, t[2] >> 2, low3, low4]
        for k in range(5):
            out[5 * i + k] = tops[at + GROUPS_53 * k] << 3 | lows[k]
    out[255] = tops[255] << 3 | threes[153] & 7
    return bytes(out)


def sector_nibbles(volume: int, track: int, sector: int, data: bytes,
                   sectors: int = SECTORS) -> tuple[bytes, bytes]:
    """The address field and the data field of one sector, as nibbles (16 or 13 a track)."""
    checksum = volume ^ track ^ sector
    prologue, encode = (ADDRESS_PROLOGUE, encode_62) if sectors == SECTORS \
        else (ADDRESS_PROLOGUE_13, encode_53)
    address = (bytes(prologue) + encode_44(volume) + encode_44(track)
               + encode_44(sector) + encode_44(checksum) + bytes(EPILOGUE))
    return address, bytes(DATA_PROLOGUE) + encode(data) + bytes(EPILOGUE)


class BitWriter:
    """Collects a track's bits: whole nibbles, and self-sync bytes (FF + two 0 bits)."""

    def __init__(self):
        self.bits: list[int] = []

    def nibbles(self, data: bytes) -> None:
        for b in data:
            self.bits.extend((b >> (7 - i)) & 1 for i in range(8))

    def sync(self, count: int, zeros: int = 2) -> None:
        self.bits.extend(([1] * 8 + [0] * zeros) * count)

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


def encode_track_13(track: int, sectors: list[bytes], volume: int = VOLUME) -> np.ndarray:
    """One 13-sector track's bits from its sectors by number, laid out in ``PHYSICAL_13`` order."""
    w = BitWriter()
    w.sync(GAP1_13, zeros=1)
    for number in PHYSICAL_13:
        address, field = sector_nibbles(volume, track, number, sectors[number], SECTORS_13)
        w.nibbles(address)
        w.sync(GAP2_13, zeros=1)
        w.nibbles(field)
        w.sync(GAP3_13, zeros=1)
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


def decode_track(bits: np.ndarray, sectors: int = SECTORS) -> dict[int, tuple[int, int, bytes]]:
    """Every sector found on a track: sector number -> (volume, track, 256 bytes).

    ``sectors``: 16 (6-and-2) or 13 (5-and-3).  The track is read twice
    round, so a sector across the end is found too.  Sectors whose address
    or data field does not check out are left out.
    """
    prologue, length, decode = ((ADDRESS_PROLOGUE, 343, decode_62) if sectors == SECTORS
                                else (ADDRESS_PROLOGUE_13, 411, decode_53))
    nibbles = read_nibbles(bits)
    found: dict[int, tuple[int, int, bytes]] = {}
    i = nibbles.find(bytes(prologue))
    while i >= 0 and i + 11 <= len(nibbles):
        f = [decode_44(nibbles[i + 3 + 2 * k], nibbles[i + 4 + 2 * k]) for k in range(4)]
        volume, track, sector, checksum = f
        nxt = nibbles.find(bytes(prologue), i + 3)
        if volume ^ track ^ sector == checksum and sector < sectors and sector not in found:
            d = nibbles.find(bytes(DATA_PROLOGUE), i + 11, i + 11 + 64)
            if d >= 0 and (nxt < 0 or d < nxt):
                data = decode(nibbles[d + 3:d + 3 + length])
                if data is not None:
                    found[sector] = (volume, track, data)
        i = nxt
    return found


def sectors_per_track(bits: np.ndarray) -> int:
    """13 if a track's address fields are 13-sector ones (D5 AA B5) and none are 16's, else 16."""
    nibbles = read_nibbles(bits, turns=1)
    has13 = bytes(ADDRESS_PROLOGUE_13) in nibbles
    return SECTORS_13 if has13 and bytes(ADDRESS_PROLOGUE) not in nibbles else SECTORS


def pack(bits: np.ndarray) -> np.ndarray:
    """0/1 per byte -> bits packed most significant first (as a WOZ track stores them)."""
    return np.packbits(np.asarray(bits, dtype=np.uint8))


def unpack(packed: np.ndarray, count: int) -> np.ndarray:
    return np.unpackbits(np.asarray(packed, dtype=np.uint8))[:count]
