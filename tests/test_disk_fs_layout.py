"""The catalogs we write, byte for byte against the documented on-disk layouts.

Every expected byte below is written from the documents, not from the code:

* ProDOS: the ProDOS 8 Technical Reference Manual, appendix B ("File
  Organization"): blocks 0-1 the loader, the volume directory at blocks 2-5
  linked by +0 previous / +2 next block, entries of $27 bytes, 13 a block
  from +4, the volume header first (storage type $F, name, 8 reserved
  bytes, creation date and time, version, min version, access, entry length
  $27, entries per block $0D, file count, bit map pointer, total blocks),
  the bit map from block 6 (bit 7 of byte 0 is block 0; 1 = free); file
  entries (storage type $1 seedling / $2 sapling / $3 tree / $D subdirectory
  in the high nibble, name length in the low; name; file type; key pointer;
  blocks used; EOF in 3 bytes; creation; version; min version; access; aux
  type; last modified; header pointer); index blocks hold the low bytes of
  the block numbers in +0..255 and the high bytes in +256..511; a
  subdirectory header ($E) has $75 at +$10 and, at +$23, the parent's block,
  entry number and entry length.  Dates: year mod 100 in bits 9-15 of a
  word, month in 5-8, day in 0-4; then minute, hour.
* DOS 3.3: "Beneath Apple DOS" ch. 4: the VTOC (T17 S0: +$01/$02 first
  catalog sector 17/15, +$03 release 3, +$06 volume, +$27 122 pairs, +$30
  last track allocated, +$31 direction, +$34 35 tracks, +$35 16 sectors,
  +$36/$37 256 bytes, +$38 4 bytes of free-sector bits a track: sectors
  15-8 then 7-0, 1 = free); catalog sectors 15 to 1 of track 17, each
  linking to the next at +$01/$02; entries of 35 bytes from +$0B (T/S list
  track and sector, type with $80 = locked, 30 name bytes with the high bit
  set padded with $A0, length in sectors); T/S lists (+$01/$02 next list,
  +$05/$06 first file sector, pairs from +$0C); a B file's first 4 bytes
  are its address and length; a deleted entry has $FF first and its track
  at +$20.
"""
from __future__ import annotations

from datetime import datetime

import pytest

from emu.disk import blockimage
from emu.disk.fs import common, dos33, prodos

WHEN = datetime(2024, 5, 17, 13, 45)
# 2024 -> 24; (24 << 9) | (5 << 5) | 17 = $30B1; then minute 45, hour 13
STAMP = bytes([0xB1, 0x30, 45, 13])


def new_prodos(blocks=280, name="TEST.VOL") -> tuple[blockimage.BlockImage, prodos.ProDOS]:
    image = blockimage.BlockImage(None, "po", bytearray(blocks * 512))
    return image, prodos.format_volume(image, name, b"\x01\x02\x03", WHEN)


def test_prodos_date_is_the_documented_word():
    assert common.prodos_datetime(WHEN) == STAMP


def test_a_new_prodos_volume_is_the_documented_blocks():
    image, fs = new_prodos()
    assert image.read_block(0)[:4] == b"\x01\x02\x03\x00" and image.read_block(1) == bytes(512)
    key = bytearray(512)
    key[0:4] = b"\x00\x00\x03\x00"                      # previous 0, next 3
    header = bytes([0xF8]) + b"TEST.VOL" + bytes(7)     # storage $F, 8 letters
    header += bytes(8) + STAMP + bytes([0, 0, 0xC3, 0x27, 0x0D, 0, 0, 6, 0, 0x18, 0x01])
    assert len(header) == 0x27
    key[4:4 + 0x27] = header
    assert image.read_block(2) == bytes(key)
    for block, (prev, nxt) in {3: (2, 4), 4: (3, 5), 5: (4, 0)}.items():
        assert image.read_block(block) == bytes([prev, 0, nxt, 0]) + bytes(508)
    bitmap = bytearray(512)
    bitmap[0] = 0b00000001                              # blocks 0-6 used, 7 free
    bitmap[1:35] = b"\xff" * 34                         # 8-279 free; 280+ do not exist
    assert image.read_block(6) == bytes(bitmap)
    assert fs.free_blocks() == 273


def test_a_32mb_volume_has_sixteen_bitmap_blocks():
    image, fs = new_prodos(65535, "BIG")
    raw = b"".join(image.read_block(6 + i) for i in range(16))
    assert raw[0:3] == bytes([0, 0, 0b00000011])         # 0-21 used (6 + 16 bitmap)
    assert raw[3:8191] == b"\xff" * 8188 and raw[8191] == 0b11111110   # 65535 is not there
    assert image.read_block(2)[4 + 0x25:4 + 0x27] == b"\xff\xff"
    assert fs.free_blocks() == 65535 - 22


def entry_at(image, block, number):
    return image.read_block(block)[4 + (number - 1) * 0x27:4 + number * 0x27]


def test_a_seedling_file_entry(tmp_path):
    image, fs = new_prodos()
    fs.put("HELLO", bytes(range(100)), prodos.BIN, 0x6000, WHEN)
    e = entry_at(image, 2, 2)                           # the first entry after the header
    key = e[0x11] | e[0x12] << 8
    expected = (bytes([0x15]) + b"HELLO" + bytes(10) + bytes([0x06, key & 0xFF, key >> 8,
                1, 0, 100, 0, 0]) + STAMP + bytes([0, 0, 0xC3, 0x00, 0x60]) + STAMP
                + bytes([2, 0]))
    assert e == expected
    assert image.read_block(key)[:100] == bytes(range(100))
    assert image.read_block(key)[100:] == bytes(412)
    assert image.read_block(2)[4 + 0x21] == 1           # file count
    bitmap = image.read_block(6)
    assert not bitmap[key // 8] >> (7 - key % 8) & 1    # the block is marked used


def test_a_sapling_index_block_splits_low_and_high_bytes():
    image, fs = new_prodos(1600)
    data = bytes([7]) * (300 * 512)                     # > 256 blocks: a tree
    fs.put("TREE", data, prodos.BIN, 0x2000, WHEN)
    fs.put("SAP", bytes([9]) * 1500, prodos.BIN, 0x2000, WHEN)
    sap = entry_at(image, 2, 3)
    assert sap[0] == 0x23 and sap[0x13:0x18] == bytes([4, 0, 1500 & 0xFF, 1500 >> 8, 0])
    index = image.read_block(sap[0x11] | sap[0x12] << 8)
    blocks = [index[i] | index[256 + i] << 8 for i in range(3)]
    assert all(blocks) and index[3:256] == bytes(253) and index[259:] == bytes(253)
    assert b"".join(image.read_block(b) for b in blocks)[:1500] == bytes([9]) * 1500
    tree = entry_at(image, 2, 2)
    assert tree[0] == 0x34                              # storage type 3, "TREE"
    master = image.read_block(tree[0x11] | tree[0x12] << 8)
    first = master[0] | master[256] << 8
    second = master[1] | master[257] << 8
    assert first and second and master[2:256] == bytes(254)
    assert tree[0x13] | tree[0x14] << 8 == 300 + 2 + 1  # data, index and master blocks
    index2 = image.read_block(second)
    assert sum(1 for i in range(256) if index2[i] | index2[256 + i] << 8) == 300 - 256


def test_sparse_blocks_are_zero_pointers_and_read_as_zeros():
    image, fs = new_prodos()
    data = b"A" * 512 + bytes(512 * 3) + b"B" * 10
    fs.put("SPARSE", data, prodos.BIN, 0x2000, WHEN)
    e = entry_at(image, 2, 2)
    index = image.read_block(e[0x11] | e[0x12] << 8)
    pointers = [index[i] | index[256 + i] << 8 for i in range(5)]
    assert pointers[0] and pointers[1:4] == [0, 0, 0] and pointers[4]
    assert e[0x13] == 3                                 # index + 2 data blocks
    assert fs.read(fs.lookup("SPARSE")) == data


def test_first_data_block_is_allocated_even_when_zero():
    image, fs = new_prodos()
    fs.put("ZEROS", bytes(2048), prodos.BIN, 0x2000, WHEN)
    e = entry_at(image, 2, 2)
    index = image.read_block(e[0x11] | e[0x12] << 8)
    assert index[0] | index[256] << 8 and index[1:4] == bytes(3)


def test_a_subdirectory_header_and_its_entry():
    image, fs = new_prodos()
    fs.put("GAMES/SNAKE", b"x", prodos.BIN, 0x0C00, WHEN)
    d = entry_at(image, 2, 2)
    key = d[0x11] | d[0x12] << 8
    assert d[:6] == bytes([0xD5]) + b"GAMES" and d[0x10] == 0x0F
    assert d[0x13:0x18] == bytes([1, 0, 0, 2, 0])       # 1 block, EOF 512
    sub = image.read_block(key)
    assert sub[0:4] == bytes(4)
    h = sub[4:4 + 0x27]
    expected = (bytes([0xE5]) + b"GAMES" + bytes(10) + bytes([0x75]) + bytes(7) + STAMP
                + bytes([0, 0, 0xC3, 0x27, 0x0D, 1, 0, 2, 0, 2, 0x27]))
    assert h == expected                                # parent: block 2, entry 2
    f = sub[4 + 0x27:4 + 2 * 0x27]
    assert f[:6] == bytes([0x15]) + b"SNAKE" and f[0x25:0x27] == bytes([key & 0xFF, key >> 8])


def test_a_full_subdirectory_grows_a_linked_block():
    image, fs = new_prodos()
    for i in range(13):                                 # 12 fit with the header
        fs.put(f"D/F{i}", b"", prodos.TXT, 0, WHEN)
    d = entry_at(image, 2, 2)
    assert d[0x13:0x18] == bytes([2, 0, 0, 4, 0])       # 2 blocks, EOF 1024
    key = d[0x11] | d[0x12] << 8
    nxt = image.read_block(key)[2] | image.read_block(key)[3] << 8
    second = image.read_block(nxt)
    assert second[0:4] == bytes([key & 0xFF, key >> 8, 0, 0])
    assert second[4:7] == bytes([0x13]) + b"F1"         # the 13th file, first in block 2
    assert image.read_block(key)[4 + 0x21] == 13


def test_removing_a_file_clears_its_storage_type_and_frees_its_blocks():
    image, fs = new_prodos()
    free = fs.free_blocks()
    fs.put("GONE", bytes([1]) * 2000, prodos.BIN, 0x2000, WHEN)
    assert fs.free_blocks() == free - 5
    fs.remove("GONE")
    e = entry_at(image, 2, 2)
    assert e[0] >> 4 == 0 and image.read_block(2)[4 + 0x21] == 0
    assert fs.free_blocks() == free
    assert fs.walk() == []


# --- DOS 3.3 ------------------------------------------------------------------------

def new_dos(order="dos", volume=254):
    image = blockimage.BlockImage(None, "dsk", bytearray(143360), order)
    return image, dos33.format_disk(image, volume, b"\x04" + bytes(255))


def raw_sector(image, track, sector):
    """Logical sector, read straight from the file in DOS order (no code under test)."""
    at = track * 4096 + sector * 256
    return bytes(image.data[at:at + 256])


def test_a_new_dos33_disk_is_the_documented_vtoc_and_catalog():
    image, fs = new_dos(volume=17)
    vtoc = bytearray(256)
    vtoc[1:4] = bytes([17, 15, 3])
    vtoc[6] = 17
    vtoc[0x27] = 122
    vtoc[0x30:0x32] = bytes([17, 0xFF])
    vtoc[0x34:0x38] = bytes([35, 16, 0, 1])
    for t in range(35):
        if t not in (0, 17):
            vtoc[0x38 + 4 * t:0x38 + 4 * t + 2] = b"\xff\xff"
    assert raw_sector(image, 17, 0) == bytes(vtoc)
    for s in range(15, 0, -1):
        link = bytes([0, 17, s - 1]) if s > 1 else bytes(3)
        assert raw_sector(image, 17, s) == link + bytes(253)
    assert fs.free_sectors() == 33 * 16


def test_the_boot_loader_goes_to_physical_sectors_of_track_0():
    image = blockimage.BlockImage(None, "dsk", bytearray(143360), "dos")
    code = bytes(range(256)) * 2
    dos33.format_disk(image, boot=code)
    # physical sector 1 is DOS logical sector 7 (BAD ch. 3: logical 7 -> physical 1)
    assert raw_sector(image, 0, 0) == code[:256] and raw_sector(image, 0, 7) == code[256:]


@pytest.mark.parametrize("order", ["dos", "prodos"])
def test_a_b_file_entry_ts_list_and_header(order):
    image, fs = new_dos(order)
    data = bytes(range(256)) * 3                        # 768 bytes + 4 = 4 sectors
    fs.put("MY PROGRAM", data, dos33.BINARY, 0x0C00)
    cat = image.read_sector(17, 15)
    e = cat[0x0B:0x0B + 35]
    ts = (e[0], e[1])
    name = bytes(c | 0x80 for c in b"MY PROGRAM") + b"\xa0" * 20
    assert e[2:] == bytes([0x04]) + name + bytes([5, 0])   # 4 data sectors + the T/S list
    lst = image.read_sector(*ts)
    assert lst[0:0x0C] == bytes(12)                     # no next list, file sector 0
    pairs = [(lst[0x0C + 2 * i], lst[0x0D + 2 * i]) for i in range(122)]
    assert all(t for t, _ in pairs[:4]) and pairs[4:] == [(0, 0)] * 118
    body = b"".join(image.read_sector(t, s) for t, s in pairs[:4])
    assert body[:4] == bytes([0x00, 0x0C, 0x00, 0x03]) and body[4:772] == data
    vtoc = image.read_sector(17, 0)
    for t, s in pairs[:4] + [ts]:
        bits = vtoc[0x38 + 4 * t] << 8 | vtoc[0x39 + 4 * t]
        assert not bits >> s & 1                        # marked used
    assert fs.read(fs.lookup("MY PROGRAM")) == (data, 0x0C00)


def test_a_long_file_chains_its_ts_lists():
    image, fs = new_dos()
    data = bytes([5]) * (200 * 256)                     # 201 sectors: two T/S lists
    fs.put("LONG", data, dos33.BINARY, 0x2000)
    e = image.read_sector(17, 15)[0x0B:0x0B + 35]
    first = image.read_sector(e[0], e[1])
    second = image.read_sector(first[1], first[2])
    assert (first[1], first[2]) != (0, 0) and second[1:3] == bytes(2)
    assert second[5:7] == bytes([122, 0])               # it starts at file sector 122
    assert e[0x21] == 201 + 2


def test_deleting_marks_ff_and_keeps_the_track_at_20():
    image, fs = new_dos()
    fs.put("GONE", b"abc", dos33.BINARY, 0x2000)
    e = image.read_sector(17, 15)[0x0B:0x0B + 35]
    fs.remove("GONE")
    d = image.read_sector(17, 15)[0x0B:0x0B + 35]
    assert d[0] == 0xFF and d[0x20] == e[0] and d[1:0x20] == e[1:0x20]
    assert fs.free_sectors() == 33 * 16


def test_text_and_applesoft_files_have_their_documented_headers():
    image, fs = new_dos()
    fs.put("NOTE", b"\xc8\xc9\x8d", dos33.TEXT)
    fs.put("PROG", b"\x01\x02", dos33.APPLESOFT)
    cat = image.read_sector(17, 15)
    for i, (kind, first) in enumerate([(0x00, b"\xc8\xc9\x8d\x00"), (0x02, b"\x02\x00\x01\x02")]):
        e = cat[0x0B + 35 * i:0x0B + 35 * (i + 1)]
        assert e[2] == kind
        lst = image.read_sector(e[0], e[1])
        assert image.read_sector(lst[0x0C], lst[0x0D])[:4] == first


def test_dos_order_and_prodos_order_hold_the_same_sectors_where_the_interleave_says():
    # DOS 3.3 logical sector 1 is physical sector $D ("Beneath Apple DOS" ch. 3); physical
    # sector $D holds ProDOS sector 14 (physical 0-15 hold ProDOS sectors 0 8 1 9 2 A 3 B
    # 4 C 5 D 6 E 7 F, "Beneath Apple ProDOS"), which a .po file keeps at 14 * 256.
    for order, file_sector in (("dos", 1), ("prodos", 14)):
        image = blockimage.BlockImage(None, "dsk", bytearray(143360), order)
        image.write_sector(3, 1, b"\x55" * 256)
        at = 3 * 4096 + file_sector * 256
        assert bytes(image.data[at:at + 256]) == b"\x55" * 256
        assert image.data.count(0x55) == 256
    # and ProDOS block 3 is ProDOS sectors 6 and 7 of track 0: physical 12 and 14,
    # which are DOS 3.3 logical sectors 9 and 8 (BAD: 9 -> $C, 8 -> $E), where a
    # DOS-order file keeps them
    image = blockimage.BlockImage(None, "dsk", bytearray(143360), "dos")
    image.write_block(3, b"\x11" * 256 + b"\x22" * 256)
    assert bytes(image.data[9 * 256:10 * 256]) == b"\x11" * 256
    assert bytes(image.data[8 * 256:9 * 256]) == b"\x22" * 256
