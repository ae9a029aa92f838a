"""Disk image files: formats, sector order, WOZ with its CRC, write-back, bad input.

References: "Beneath Apple DOS" (sector images, DOS 3.3 VTOC), "Beneath
Apple ProDOS" (volume directory at block 2), the WOZ 1 and 2 references
(applesaucefdc.com/woz/reference, /reference2).
"""
from __future__ import annotations

import os
import random
import stat
import struct
import zlib

import numpy as np
import pytest

from emu.disk import gcr, images, woz
from emu.disk.images import DiskError


def write_image(path, seed=1, size=images.SECTOR_IMAGE_SIZE) -> bytes:
    data = random.Random(seed).randbytes(size)
    path.write_bytes(data)
    return data


def prodos_image(order: str) -> bytes:
    """A blank image whose block 2 is a ProDOS volume directory key block."""
    data = bytearray(images.SECTOR_IMAGE_SIZE)
    block = bytearray(512)
    block[4] = 0xF5                      # storage type $F, name length 5
    block[5:10] = b"TESTV"
    for half, s in enumerate((4, 5)):    # block 2 = ProDOS sectors 4 and 5 of track 0
        physical = gcr.PRODOS_ORDER.index(s)
        at = images.ORDERS[order][physical] * 256
        data[at:at + 256] = block[half * 256:(half + 1) * 256]
    return bytes(data)


# --- formats and order ---------------------------------------------------------

@pytest.mark.parametrize("ext,order", [(".dsk", "dos"), (".do", "dos"), (".po", "prodos")])
def test_sector_order_from_the_extension(tmp_path, ext, order):
    path = tmp_path / f"a{ext}"
    write_image(path)
    disk = images.load(path)
    assert (disk.kind, disk.order, len(disk.tracks)) == ("dsk", order, 35)
    assert disk.tmap[0] == 0 and disk.tmap[4] == 1 and disk.tmap[2] == images.NO_TRACK


def test_a_dsk_holding_a_prodos_volume_in_prodos_order_is_read_as_prodos(tmp_path):
    path = tmp_path / "p.dsk"
    path.write_bytes(prodos_image("prodos"))
    assert images.load(path).order == "prodos"
    path.write_bytes(prodos_image("dos"))
    assert images.load(path).order == "dos"


def test_the_user_can_force_the_order(tmp_path):
    path = tmp_path / "a.dsk"
    write_image(path)
    assert images.load(path, order="prodos").order == "prodos"
    with pytest.raises(DiskError, match="unknown sector order"):
        images.load(path, order="cpm")


def test_nib_round_trip(tmp_path):
    src = tmp_path / "a.dsk"
    data = write_image(src)
    disk = images.load(src)
    nib = images.nib_image(disk)
    assert len(nib) == images.NIB_IMAGE_SIZE
    path = tmp_path / "a.nib"
    path.write_bytes(nib)
    loaded = images.load(path)
    assert loaded.kind == "nib"
    for t in range(35):
        found = gcr.decode_track(loaded.tracks[t])
        assert sorted(found) == list(range(16))
        assert found[0][2] == images.read_sector(data, t, 0, "dos")
    assert images.nib_image(loaded) == nib


# --- WOZ -----------------------------------------------------------------------------

@pytest.mark.parametrize("version", [1, 2])
def test_woz_save_and_load_round_trip_with_crc(tmp_path, version):
    src = tmp_path / "a.dsk"
    write_image(src)
    disk = images.load(src)
    data = woz.from_disk(disk, version)
    assert data[:4] == f"WOZ{version}".encode() and data[4:8] == b"\xff\x0a\x0d\x0a"
    assert struct.unpack_from("<I", data, 8)[0] == zlib.crc32(data[12:])
    path = tmp_path / "a.woz"
    path.write_bytes(data)
    loaded = images.load(path)
    assert loaded.kind == "woz" and loaded.woz["version"] == version
    assert loaded.tmap == disk.tmap
    for t in range(35):
        assert np.array_equal(loaded.tracks[t], disk.tracks[t])
    assert woz.build(loaded) == data            # written back byte for byte


def test_woz2_layout_puts_track_bits_at_block_3(tmp_path):
    src = tmp_path / "a.dsk"
    write_image(src)
    data = woz.from_disk(images.load(src), 2)
    assert data[12:16] == b"INFO" and data[80:84] == b"TMAP" and data[248:252] == b"TRKS"
    start, blocks, bits = struct.unpack_from("<HHI", data, 256)
    assert start == 3 and bits == len(images.load(src).tracks[0])


def test_woz_crc_mismatch_is_an_error_naming_the_file(tmp_path):
    src = tmp_path / "a.dsk"
    write_image(src)
    data = bytearray(woz.from_disk(images.load(src)))
    data[3000] ^= 0x40
    path = tmp_path / "bad.woz"
    path.write_bytes(bytes(data))
    with pytest.raises(DiskError, match=r"bad\.woz: CRC32 mismatch"):
        images.load(path)


def test_woz_write_protect_flag_is_honoured(tmp_path):
    src = tmp_path / "a.dsk"
    write_image(src)
    disk = images.load(src)
    data = bytearray(woz.from_disk(disk))
    data[12 + 8 + 2] = 1                              # INFO: write protected
    struct.pack_into("<I", data, 8, zlib.crc32(bytes(data[12:])))
    path = tmp_path / "wp.woz"
    path.write_bytes(bytes(data))
    loaded = images.load(path)
    assert loaded.write_protected
    loaded.set_track(0, np.zeros(50000, dtype=np.uint8))
    with pytest.raises(DiskError, match="write-protected"):
        loaded.save()
    assert path.read_bytes() == bytes(data)


def test_woz_without_tmap_is_an_error(tmp_path):
    body = b"INFO" + struct.pack("<I", 60) + bytes([2, 1]) + bytes(58)
    data = b"WOZ2\xff\x0a\x0d\x0a" + struct.pack("<I", zlib.crc32(body)) + body
    path = tmp_path / "x.woz"
    path.write_bytes(data)
    with pytest.raises(DiskError, match="without a TMAP chunk"):
        images.load(path)


# --- write-back --------------------------------------------------------------------

def changed_track(disk, t=5, fill=0x42):
    """Track t re-encoded with every sector holding ``fill``, as if the drive wrote it."""
    disk.set_track(t, gcr.encode_track(t, [bytes([fill]) * 256] * 16))


def test_save_writes_changed_sectors_back_atomically(tmp_path, monkeypatch):
    path = tmp_path / "a.dsk"
    data = write_image(path)
    disk = images.load(path)
    assert disk.save() is False                      # nothing changed: not written
    replaced = []
    real_replace = os.replace
    monkeypatch.setattr(os, "replace", lambda a, b: (replaced.append((a, b)),
                                                      real_replace(a, b)))
    changed_track(disk)
    assert disk.save() is True
    assert len(replaced) == 1 and replaced[0][1] == path     # a temp file renamed over it
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.dsk"]
    new = path.read_bytes()
    assert new[5 * 4096:6 * 4096] == b"\x42" * 4096
    assert new[:5 * 4096] == data[:5 * 4096] and new[6 * 4096:] == data[6 * 4096:]


def test_a_failed_write_leaves_the_image_untouched(tmp_path, monkeypatch):
    path = tmp_path / "a.dsk"
    data = write_image(path)
    disk = images.load(path)
    changed_track(disk)

    def fail(*_):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(DiskError, match=r"a\.dsk: cannot write it \(No space left on device\)"):
        disk.save()
    assert path.read_bytes() == data
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.dsk"]


def test_read_only_file_is_write_protected_and_never_modified(tmp_path):
    path = tmp_path / "ro.dsk"
    data = write_image(path)
    path.chmod(stat.S_IRUSR)
    try:
        disk = images.load(path)
        assert disk.write_protected
        changed_track(disk)
        with pytest.raises(DiskError, match="write-protected"):
            disk.save()
        assert path.read_bytes() == data
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_undecodable_written_track_is_not_saved_to_a_dsk(tmp_path):
    path = tmp_path / "a.dsk"
    data = write_image(path)
    disk = images.load(path)
    disk.set_track(2, np.zeros(51000, dtype=np.uint8))
    with pytest.raises(DiskError, match=r"a\.dsk: 16 written sector\(s\) do not decode"):
        disk.save()
    assert path.read_bytes() == data


def test_woz_written_back_keeps_a_valid_crc(tmp_path):
    src = tmp_path / "a.dsk"
    write_image(src)
    path = tmp_path / "a.woz"
    path.write_bytes(woz.from_disk(images.load(src)))
    disk = images.load(path)
    changed_track(disk, t=3)
    assert disk.save()
    again = images.load(path)                         # the CRC is checked on load
    assert gcr.decode_track(again.tracks[3])[0][2] == b"\x42" * 256


# --- bad input -------------------------------------------------------------------------

@pytest.mark.parametrize("name,content,message", [
    ("short.dsk", b"\0" * 1000, r"short\.dsk: 1000 bytes is not a disk image size"),
    ("x.woz", b"WOZ9" + bytes(100), r"x\.woz: not a WOZ file"),
    ("t.nib", b"\0" * 5000, r"t\.nib: 5000 bytes; a \.nib image is 232960"),
])
def test_bad_images_raise_one_line_errors_naming_the_file(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DiskError, match=message) as e:
        images.load(path)
    assert "\n" not in str(e.value)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(DiskError, match="nope.dsk: no such file"):
        images.load(tmp_path / "nope.dsk")
    with pytest.raises(DiskError, match="is a folder"):
        images.load(tmp_path)
