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


def test_6_and_2_round_trip_and_checksum():
    rng = random.Random(1)
    for _ in range(50):
        data = rng.randbytes(256)
        nibbles = gcr.encode_62(data)
        assert len(nibbles) == 343 and all(b in gcr.WRITE_TABLE for b in nibbles)
        assert gcr.decode_62(nibbles) == data
    broken = bytearray(gcr.encode_62(bytes(range(256))))
    broken[100] = gcr.WRITE_TABLE[(gcr.READ_TABLE[broken[100]] + 1) % 64]
    assert gcr.decode_62(bytes(broken)) is None


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
