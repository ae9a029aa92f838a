"""Disk images as blocks: .po/.hdv, 140K floppies in both orders, and 2MG headers.

The 2MG headers here are packed by hand from the Universal Disk Image
specification (the "2IMG" format of XGS, KEGS, Catakig and Bernie; all
numbers little-endian): +0 "2IMG", +4 creator, +8 header length (16 bits),
+10 version (16 bits), +12 format (0 DOS order, 1 ProDOS order, 2 nibbles),
+16 flags (bit 31 locked, bit 8: bits 0-7 hold the DOS volume), +20 blocks,
+24 data offset, +28 data length, +32/+36 comment offset and length, +40/+44
creator data offset and length, then reserved bytes to 64.
"""
from __future__ import annotations

import random
import struct

import pytest

from emu.disk import blockimage, images
from emu.disk.images import DiskError


def header(fmt=1, flags=0, blocks=280, offset=64, length=None, comment=(0, 0),
           creator_data=(0, 0), header_length=64, version=1) -> bytes:
    if length is None:
        length = blocks * 512
    h = b"2IMG" + b"TEST" + struct.pack("<HH", header_length, version)
    h += struct.pack("<IIIII", fmt, flags, blocks, offset, length)
    h += struct.pack("<IIII", *comment, *creator_data)
    return h + bytes(64 - len(h))


def data(n, seed=1) -> bytes:
    return random.Random(seed).randbytes(n)


def test_a_2mg_is_read_through_its_header(tmp_path):
    body = data(1600 * 512)
    path = tmp_path / "a.2mg"
    path.write_bytes(header(blocks=1600, flags=(1 << 8) | 7) + body + b"my comment")
    image = blockimage.load(path)
    assert (image.kind, image.blocks, image.order) == ("2mg", 1600, "prodos")
    assert image.read_block(5) == body[5 * 512:6 * 512]
    assert image.twoimg.volume == 7 and image.twoimg.creator == b"TEST"
    assert not image.write_protected


def test_writing_a_2mg_back_keeps_its_header_and_trailing_chunks(tmp_path):
    body = data(280 * 512)
    comment = b"made by hand"
    head = header(comment=(64 + len(body), len(comment)))
    path = tmp_path / "a.2mg"
    path.write_bytes(head + body + comment)
    image = blockimage.load(path)
    image.write_block(7, b"\xaa" * 512)
    assert image.save()
    new = path.read_bytes()
    assert new[:64] == head and new[-len(comment):] == comment
    assert new[64 + 7 * 512:64 + 8 * 512] == b"\xaa" * 512
    assert new[64:64 + 7 * 512] == body[:7 * 512] and len(new) == len(head + body + comment)


def test_a_dos_order_2mg_floppy(tmp_path):
    body = data(143360)
    path = tmp_path / "d.2mg"
    path.write_bytes(header(fmt=0, blocks=0, length=143360) + body)
    image = blockimage.load(path)
    assert image.order == "dos" and image.is_floppy
    assert image.read_sector(17, 3) == body[17 * 4096 + 3 * 256:17 * 4096 + 4 * 256]


def test_the_lock_flag_makes_it_write_protected(tmp_path):
    path = tmp_path / "wp.2mg"
    original = header(flags=1 << 31) + bytes(280 * 512)
    path.write_bytes(original)
    image = blockimage.load(path)
    assert image.write_protected and "lock" in image.protection
    image.write_block(3, b"\x01" * 512)
    with pytest.raises(DiskError, match="write-protected"):
        image.save()
    assert path.read_bytes() == original


def test_a_zero_data_length_with_blocks_is_taken_as_blocks_times_512(tmp_path):
    path = tmp_path / "z.2mg"
    path.write_bytes(header(blocks=10, length=0) + bytes(5120))
    assert blockimage.load(path).blocks == 10


LIES = {
    "header length 20": dict(header_length=20),
    "version 7": dict(version=7),
    "image format 9": dict(fmt=9),
    "inside the 64-byte header": dict(offset=16),
    "the file ends at": dict(length=300 * 512, blocks=300),
    "280 blocks but 1024 bytes": dict(length=1024),
    "is a 143360-byte floppy": dict(fmt=0, blocks=0, length=1024),
    "its comment": dict(comment=(64 + 280 * 512, 5000)),
    "its creator data": dict(creator_data=(10, 20)),
}


@pytest.mark.parametrize("problem", LIES)
def test_a_2mg_header_that_lies_is_refused(tmp_path, problem):
    path = tmp_path / "lie.2mg"
    path.write_bytes(header(**LIES[problem]) + bytes(280 * 512))
    with pytest.raises(DiskError) as e:
        blockimage.load(path)
    message = str(e.value)
    assert message.startswith(f"{path}: ") and problem in message and "\n" not in message


def test_a_nibble_2mg_is_refused_by_name(tmp_path):
    path = tmp_path / "n.2mg"
    path.write_bytes(header(fmt=2, blocks=0, length=232960) + bytes(232960))
    with pytest.raises(DiskError, match="nibbles"):
        blockimage.load(path)


@pytest.mark.parametrize("size", [0, 10, 51, 63])
def test_a_truncated_2mg_is_refused(tmp_path, size):
    path = tmp_path / "t.2mg"
    path.write_bytes(header()[:size])
    with pytest.raises(DiskError, match=str(path)):
        blockimage.load(path)


def test_a_2mg_cut_short_in_its_data_is_refused(tmp_path):
    path = tmp_path / "t.2mg"
    path.write_bytes(header() + bytes(280 * 512 - 1))
    with pytest.raises(DiskError, match="truncated"):
        blockimage.load(path)


@pytest.mark.parametrize("name,size,problem", [
    ("odd.po", 1000, "not a whole number of 512-byte blocks"),
    ("empty.hdv", 0, "not a whole number"),
    ("huge.hdv", 65537 * 512, "at most 65535 blocks"),
    ("short.dsk", 143359, "not a disk image"),
])
def test_bad_sizes_are_one_line_errors(tmp_path, name, size, problem):
    path = tmp_path / name
    with open(path, "wb") as f:
        f.truncate(size)
    with pytest.raises(DiskError, match=problem):
        blockimage.load(path)


def test_hard_disk_and_800k_po_are_blocks_in_order(tmp_path):
    for name, blocks in (("a.po", 1600), ("b.hdv", 65535), ("c.hdv", 65536)):
        body = bytearray(blocks * 512)
        body[-512:] = b"\x42" * 512
        path = tmp_path / name
        path.write_bytes(bytes(body))
        image = blockimage.load(path)
        assert image.blocks == blocks and image.read_block(blocks - 1) == b"\x42" * 512
        with pytest.raises(DiskError, match="beyond"):
            image.read_block(blocks)


@pytest.mark.parametrize("ext,order", [(".dsk", "dos"), (".do", "dos"), (".po", "prodos")])
def test_floppy_blocks_and_sectors_agree_with_the_disk_ii_images(tmp_path, ext, order):
    """The same floppy read through emu.disk.images (the Disk II's reader)."""
    body = data(143360, seed=5)
    path = tmp_path / f"f{ext}"
    path.write_bytes(body)
    image = blockimage.load(path)
    assert image.order == order
    for block in (0, 2, 7, 100, 279):
        assert image.read_block(block) == images.read_block(body, block, order)
    for track, sector in ((0, 0), (17, 0), (17, 15), (34, 9)):
        assert image.read_sector(track, sector) == images.read_sector(body, track, sector, order)


def test_a_read_only_file_is_write_protected(tmp_path):
    path = tmp_path / "ro.po"
    path.write_bytes(bytes(143360))
    path.chmod(0o444)
    try:
        image = blockimage.load(path)
        assert image.write_protected and image.protection == "the file is read-only"
    finally:
        path.chmod(0o644)


def test_new_images_follow_the_extension(tmp_path):
    cases = {"a.dsk": ("dos", 143360), "a.po": ("prodos", 143360), "a.hdv": ("prodos", 512 * 1600),
             "a.2mg": ("prodos", 64 + 512 * 1600)}
    for name, (order, size) in cases.items():
        blocks = 280 if size == 143360 else 1600
        image = blockimage.new_image(tmp_path / name, blocks)
        assert image.order == order and len(image.file_bytes()) == size
    two = blockimage.new_image(tmp_path / "b.2mg", 1600)
    h = two.file_bytes()[:64]
    assert h[:4] == b"2IMG" and struct.unpack_from("<HHIIIII", h, 8) == (
        64, 1, 1, 0, 1600, 64, 1600 * 512)
    with pytest.raises(DiskError, match="140K floppies"):
        blockimage.new_image(tmp_path / "big.dsk", 1600)
