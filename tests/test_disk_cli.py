"""``apple2 run DISK`` and ``apple2 disk info``: disks from the command line.

The system ROMs here are our own few bytes: the reset code jumps to the
Disk II ROM at $C600 the way the autostart ROM does once it finds the card,
$FF58 is an RTS for the boot ROM's slot search, and $FCA8 is our firmware's
WAIT (the boot ROM waits there between steps).
"""
from __future__ import annotations

import struct

from emu import cli
from emu.rom import stand_in_rom
from emu.disk import images, woz


def boot_rom_system(tmp_path, slot: int = 6) -> str:
    """A system ROM whose RESET jumps to the boot ROM of ``slot``."""
    image = bytearray(stand_in_rom())                   # RTS everywhere; WAIT
    image[0x2800:0x2803] = bytes([0x4C, 0x00, 0xC0 + slot])   # $F800: JMP $Cn00
    image[0x2FFC:0x2FFE] = b"\x00\xf8"
    path = tmp_path / f"boot{slot}.rom"
    path.write_bytes(bytes(image))
    return str(path)


def hello_disk(tmp_path, name="hello.dsk") -> str:
    # $0800: 01 ; LDA #"H" ; STA $0400 ; LDA #"I" ; STA $0401 ; JMP *
    boot = bytes([0x01, 0xA9, 0xC8, 0x8D, 0x00, 0x04, 0xA9, 0xC9, 0x8D, 0x01, 0x04,
                  0x4C, 0x0B, 0x08])
    path = tmp_path / name
    path.write_bytes(boot + bytes(images.SECTOR_IMAGE_SIZE - len(boot)))
    return str(path)


def test_run_boots_drive_1_through_the_card(tmp_path, capsys):
    status = cli.main(["run", hello_disk(tmp_path), "--rom", boot_rom_system(tmp_path),
                       "--headless", "--frames", "120", "--print-screen"])
    out, err = capsys.readouterr()
    assert status == 0, err
    assert out.splitlines()[0].startswith("HI")
    assert "drive 1: hello.dsk" in err


def test_run_boots_from_another_slot(tmp_path, capsys):
    status = cli.main(["run", hello_disk(tmp_path), "--disk-slot", "5",
                       "--rom", boot_rom_system(tmp_path, slot=5),
                       "--headless", "--frames", "120", "--print-screen"])
    out, err = capsys.readouterr()
    assert status == 0, err
    assert out.splitlines()[0].startswith("HI")


def test_a_bad_image_is_one_line_without_traceback(tmp_path, capsys):
    bad = tmp_path / "bad.dsk"
    bad.write_bytes(bytes(100))
    status = cli.main(["run", str(bad), "--rom", boot_rom_system(tmp_path), "--headless"])
    out, err = capsys.readouterr()
    assert status == 2
    lines = [line for line in err.splitlines() if line.startswith("apple2 run:")]
    assert lines == [f"apple2 run: {bad}: 100 bytes is not a disk image size "
                     f"(143360 for .dsk/.do/.po, 116480 for 13-sector .d13/.dsk, 232960 for .nib, or a WOZ file)"]
    assert "Traceback" not in err


def test_unchanged_disks_are_not_rewritten_on_exit(tmp_path, capsys):
    path = hello_disk(tmp_path)
    before = (tmp_path / "hello.dsk").stat().st_mtime_ns
    assert cli.main(["run", path, "--rom", boot_rom_system(tmp_path), "--headless",
                     "--frames", "5"]) == 0
    assert (tmp_path / "hello.dsk").stat().st_mtime_ns == before


# --- apple2 disk info -------------------------------------------------------------------

def dos33_image() -> bytes:
    """A DOS 3.3 disk with a VTOC and a catalog of two files (one locked)."""
    data = bytearray(images.SECTOR_IMAGE_SIZE)
    vtoc = bytearray(256)
    vtoc[1:3] = bytes([17, 15])                         # first catalog sector
    vtoc[3], vtoc[6], vtoc[0x27], vtoc[0x34], vtoc[0x35] = 3, 254, 122, 35, 16
    data[17 * 4096:17 * 4096 + 256] = vtoc
    cat = bytearray(256)
    for i, (kind, name, length) in enumerate([(0x82, "HELLO", 2), (0x04, "GAME", 33)]):
        e = 0x0B + 35 * i
        cat[e:e + 3] = bytes([18, 15, kind])
        cat[e + 3:e + 33] = bytes(ord(c) | 0x80 for c in name.ljust(30))
        cat[e + 33:e + 35] = struct.pack("<H", length)
    data[17 * 4096 + 15 * 256:17 * 4096 + 16 * 256] = cat
    return bytes(data)


def prodos_image() -> bytes:
    """A ProDOS-order disk whose volume directory lists one SYSTEM file."""
    data = bytearray(images.SECTOR_IMAGE_SIZE)
    block = bytearray(512)
    block[4] = 0xF0 | 4
    block[5:9] = b"DEMO"
    block[0x23], block[0x24] = 0x27, 0x0D
    e = 4 + 0x27
    block[e] = 0x10 | 6                                 # a seedling file, name length 6
    block[e + 1:e + 7] = b"PRODOS"
    block[e + 0x10] = 0xFF
    block[e + 0x13:e + 0x15] = struct.pack("<H", 35)
    block[e + 0x15:e + 0x18] = (17128).to_bytes(3, "little")
    data[2 * 512:3 * 512] = block                       # .po: block n at offset n*512
    return bytes(data)


def info(capsys, *argv) -> tuple[int, str, str]:
    status = cli.main(["disk", "info", *argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_disk_info_dos33(tmp_path, capsys):
    path = tmp_path / "dos.dsk"
    path.write_bytes(dos33_image())
    status, out, _ = info(capsys, str(path))
    assert status == 0
    assert "sector image, 35 tracks x 16 sectors" in out and "sector order: DOS 3.3" in out
    assert "write protected: no" in out and "DOS 3.3 volume 254: 2 files" in out
    assert "*A 002 HELLO" in out and " B 033 GAME" in out


def test_disk_info_prodos(tmp_path, capsys):
    path = tmp_path / "pro.po"
    path.write_bytes(prodos_image())
    status, out, _ = info(capsys, str(path))
    assert status == 0 and "sector order: ProDOS" in out and "ProDOS volume /DEMO" in out
    assert "PRODOS          SYS     35 blocks   17128 bytes" in out


def test_disk_info_woz_reads_the_catalog_from_the_bits(tmp_path, capsys):
    src = tmp_path / "dos.dsk"
    src.write_bytes(dos33_image())
    path = tmp_path / "dos.woz"
    path.write_bytes(woz.from_disk(images.load(src), 2))
    status, out, _ = info(capsys, str(path))
    assert status == 0 and "WOZ 2" in out and "HELLO" in out


def test_disk_info_bad_file(tmp_path, capsys):
    status, out, err = info(capsys, str(tmp_path / "none.woz"))
    assert status == 2 and err.strip() == f"apple2 disk info: {tmp_path / 'none.woz'}: no such file"


def test_disk_card_option_installs_the_card_without_a_disk(tmp_path, capsys):
    # $F800: LDA $C607 (the signature byte $3C, "<" on screen) ; STA $0400 ; JMP *
    image = bytearray(b"\xff" * 0x3000)
    image[0x2800:0x2809] = b"\xad\x07\xc6\x8d\x00\x04\x4c\x06\xf8"
    image[0x2FFC:0x2FFE] = b"\x00\xf8"
    rom = tmp_path / "sig.rom"
    rom.write_bytes(bytes(image))
    for extra, want in (([], False), (["--disk-card"], True)):
        status = cli.main(["run", *extra, "--rom", str(rom), "--headless", "--frames", "2",
                           "--print-screen"])
        out, err = capsys.readouterr()
        assert status == 0, err
        assert out.startswith("<") == want
