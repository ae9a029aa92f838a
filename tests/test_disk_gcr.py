"""6-and-2 GCR and sector images: every sector of every track survives encoding.

References: "Beneath Apple DOS" ch. 3 (disk bytes, address and data fields,
the 6-and-2 code) and the DOS 3.3 / ProDOS sector orders of image files.
"""
from __future__ import annotations

import random

import numpy as np
import pytest

from emu.disk import gcr, images


def random_image(seed: int) -> bytes:
    return random.Random(seed).randbytes(images.SECTOR_IMAGE_SIZE)


def test_write_table_is_the_documented_64_disk_bytes():
    assert len(gcr.WRITE_TABLE) == 64
    assert gcr.WRITE_TABLE[:8] == bytes.fromhex("96979a9b9d9e9fa6")
    assert gcr.WRITE_TABLE[-4:] == bytes.fromhex("fcfdfeff")
    assert 0xAA not in gcr.WRITE_TABLE and 0xD5 not in gcr.WRITE_TABLE
    assert all(gcr.READ_TABLE[b] == i for i, b in enumerate(gcr.WRITE_TABLE))


@pytest.mark.parametrize("value", [0, 1, 0x55, 0xAA, 0xFE, 0xFF])
def test_4_and_4_round_trip(value):
    odd, even = gcr.encode_44(value)
    assert odd & 0xAA == 0xAA and even & 0xAA == 0xAA
    assert gcr.decode_44(odd, even) == value


@pytest.mark.parametrize("encode,decode,table,read,size", [
    (gcr.encode_62, gcr.decode_62, gcr.WRITE_TABLE, gcr.READ_TABLE, 343),
    (gcr.encode_53, gcr.decode_53, gcr.WRITE_TABLE_53, gcr.READ_TABLE_53, 411),
], ids=["6-and-2", "5-and-3"])
def test_data_fields_round_trip_and_checksum(encode, decode, table, read, size):
    rng = random.Random(1)
    for _ in range(50):
        data = rng.randbytes(256)
        nibbles = encode(data)
        assert len(nibbles) == size and all(b in table for b in nibbles)
        assert decode(nibbles) == data
    broken = bytearray(encode(bytes(range(256))))
    broken[100] = table[(read[broken[100]] + 1) % len(table)]
    assert decode(bytes(broken)) is None


def test_6_and_2_puts_low_bits_swapped_in_the_auxiliary_values():
    # Byte 0 = %00000001: its low bits, swapped, are %10 in aux value 0.
    data = bytes([1]) + bytes(255)
    nibbles = gcr.encode_62(data)
    assert gcr.READ_TABLE[nibbles[0]] == 0b10


def test_track_length_is_that_of_a_real_drive():
    bits = gcr.encode_track(0, [bytes(256)] * 16)
    assert 50_000 <= len(bits) <= 51_200


@pytest.mark.parametrize("order", [images.DOS, images.PRODOS])
def test_every_sector_of_every_track_round_trips(order, tmp_path):
    data = random_image(7 if order == images.DOS else 8)
    disk = images.load_sectors(tmp_path / "x.dsk", data, order)
    table = images.ORDERS[order]
    for t, bits in enumerate(disk.tracks):
        found = gcr.decode_track(bits)
        assert sorted(found) == list(range(16)), f"track {t}"
        for physical, (volume, track, sector_data) in found.items():
            at = t * 4096 + table[physical] * 256
            assert (volume, track) == (gcr.VOLUME, t)
            assert sector_data == data[at:at + 256], f"T{t} physical S{physical}"
    disk.changed = set(range(35))
    assert images.sector_image(disk) == data


def test_dos_and_prodos_orders_hold_sectors_at_documented_places():
    # DOS 3.3 logical sector 1 is physical 13; ProDOS block 0 is physical 0 and 2.
    assert gcr.DOS_ORDER[13] == 1 and gcr.DOS_ORDER[0] == 0
    assert gcr.PRODOS_ORDER[0] == 0 and gcr.PRODOS_ORDER[2] == 1


def test_read_nibbles_skips_the_zeros_of_self_sync_bytes():
    w = gcr.BitWriter()
    w.sync(3)
    w.nibbles(b"\xd5\xaa\x96")
    assert gcr.read_nibbles(w.array(), turns=1) == b"\xff\xff\xff\xd5\xaa\x96"


def test_decode_track_finds_a_sector_across_the_end_of_the_track():
    bits = gcr.encode_track(3, [bytes([s]) * 256 for s in range(16)])
    rotated = np.roll(bits, 1000 - len(bits) // 16 * 15)     # sector 15 straddles the end
    assert sorted(gcr.decode_track(rotated)) == list(range(16))


# --- 5-and-3 (13 sectors) ---------------------------------------------------------------

def test_5_and_3_write_table_is_the_documented_32_disk_bytes():
    # Beneath Apple DOS ch. 3: 34 bytes from $AA to $FF have the high bit set
    # and no two consecutive 0 bits; $AA and $D5 are reserved; 32 are left.
    candidates = [b for b in range(0xAA, 0x100) if "00" not in format(b, "08b")]
    assert len(candidates) == 34
    assert gcr.WRITE_TABLE_53 == bytes(b for b in candidates if b not in (0xAA, 0xD5))
    assert all(gcr.READ_TABLE_53[b] == i for i, b in enumerate(gcr.WRITE_TABLE_53))


def reference_53(data: bytes) -> list[int]:
    """The 410 five-bit values of a DOS 3.2 data field, placed bit by bit.

    Written from the layout of Beneath Apple DOS fig. 3.18 as CiderPress
    encodes it (EncodeNibble53), stated here the other way round: for each
    value, in the order written, where its bits come from.  Values 0-153 hold
    low bits: value 0 has byte 255's bits 0-2; value 51c + g (c = 0..2, g =
    1..51) has bit c of byte 5g-1 in bit 0, bit c of byte 5g-2 in bit 1, and
    bits 0-2 of byte 5g-3-c in bits 2-4.  Values 154 + 51r + i (r = 0..4, i =
    0..50) hold bits 3-7 of byte 250 + r - 5i; value 409 those of byte 255.
    """
    bit = lambda n, b: (data[n] >> b) & 1                       # noqa: E731
    values = [data[255] & 7]
    for c in range(3):
        for g in range(1, 52):
            v = bit(5 * g - 1, c) | bit(5 * g - 2, c) << 1
            v |= (data[5 * g - 3 - c] & 7) << 2
            values.append(v)
    for r in range(5):
        values.extend(data[250 + r - 5 * i] >> 3 for i in range(51))
    values.append(data[255] >> 3)
    return values


def test_5_and_3_places_every_bit_where_dos_3_2_does():
    rng = random.Random(13)
    for data in [bytes(range(256)), bytes([0xFF]) * 256] + [rng.randbytes(256) for _ in range(20)]:
        nibbles = gcr.encode_53(data)
        codes = [int(gcr.READ_TABLE_53[b]) for b in nibbles]
        values = list(np.bitwise_xor.accumulate(codes))
        assert values[:410] == reference_53(data) and values[410] == 0


def test_a_13_sector_track_has_dos_3_2s_fields_interleave_and_sync_bytes():
    sectors = [bytes([s]) * 256 for s in range(13)]
    bits = gcr.encode_track_13(4, sectors)
    nibbles = gcr.read_nibbles(bits, turns=1)
    assert nibbles.count(bytes(gcr.ADDRESS_PROLOGUE_13)) == 13
    assert bytes(gcr.ADDRESS_PROLOGUE) not in nibbles
    found = gcr.decode_track(bits, 13)
    assert {s: (v, t, d) for s, (v, t, d) in found.items()} == \
        {s: (gcr.VOLUME, 4, sectors[s]) for s in range(13)}
    order = [gcr.decode_44(nibbles[i + 7], nibbles[i + 8])
             for i in range(len(nibbles)) if nibbles[i:i + 3] == bytes(gcr.ADDRESS_PROLOGUE_13)]
    assert order == [0, 10, 7, 4, 1, 11, 8, 5, 2, 12, 9, 6, 3]  # each 10 on from the last
    assert "1111111100" not in "".join(map(str, bits[:1000]))  # 9-bit self-sync bytes
    assert gcr.sectors_per_track(bits) == 13
    assert gcr.sectors_per_track(gcr.encode_track(0, [bytes(256)] * 16)) == 16
