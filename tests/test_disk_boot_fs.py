"""Disks made with ``apple2 disk`` boot on the emulated machine, through our own loaders.

The 6502 side of the disk tools: the emulated Apple II (our firmware, our
Disk II boot ROM, the jitted controller) boots an image that ``disk new``
and ``disk put`` made, and our loader (roms/src/boot/) reads the catalog
through the Disk II, finds the program and runs it.  What the program does
on the screen, and the bytes it leaves in memory, say that the catalog, the
T/S lists or index blocks, and the sector interleave are what the 6502
expects, not only what our Python reads back.

The ProDOS loader's other path, a ProDOS block device (the hard-disk card
is still to come), runs against a stand-in card: a slot ROM with the
ProDOS ID bytes whose driver entry is a breakpoint, where the test does
what a driver does (the documented command block at $42-$47: command,
unit, buffer, block; carry clear) with the image's blocks.
"""
from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from emu import bus, cli
from emu.disk import blockimage
from emu.disk.fs import boot, prodos
from emu.machine import Apple2

ROOT = Path(__file__).resolve().parents[1]


def hello(text: str, extra: bytes = b"") -> bytes:
    """LDA #'c' / STA $0400+i for each letter, then CLV / BVC * (position independent)."""
    code = b"".join(bytes([0xA9, ord(c) | 0x80, 0x8D, i, 0x04]) for i, c in enumerate(text))
    return code + b"\xb8\x50\xfe" + extra


def boot_until(m: Apple2, text: str, seconds: float = 12) -> float:
    """Run until the top line starts with ``text``; the emulated seconds it took."""
    for step in range(int(seconds * 4)):
        m.run(seconds=0.25, render=False)
        if m.text_screen().startswith(text):
            return (step + 1) / 4
    raise AssertionError(f"no {text!r} after {seconds} s:\n{m.text_screen()}")


@pytest.mark.parametrize("name,fs", [("game.po", []), ("game.dsk", []),
                                     ("game.dsk", ["--dos33"]), ("game.po", ["--dos33"])])
def test_the_readme_three_commands(tmp_path, capsys, name, fs):
    """apple2 disk new; apple2 disk put; apple2 run: the program runs."""
    program = tmp_path / "hello.bin"
    program.write_bytes(hello("HELLO FROM A DISK"))
    image = tmp_path / name
    assert cli.main(["disk", "new", str(image), *fs]) == 0
    assert cli.main(["disk", "put", str(image), str(program), "--addr", "6000"]) == 0
    capsys.readouterr()
    assert cli.main(["run", str(image), "--headless", "--seconds", "3", "--print-screen"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("HELLO FROM A DISK"), out


def make(tmp_path, name, kind, files) -> Path:
    """An image with our loader and ``files`` [(name, data, type, address)]."""
    path = tmp_path / name
    image = blockimage.new_image(path, 280)
    if kind == "prodos":
        fs = prodos.format_volume(image, "BOOT", boot.loader(boot.PRODOS_LOADER))
        for fname, data, ftype, address in files:
            fs.put(fname, data, ftype, address)
    else:
        from emu.disk.fs import dos33
        fs = dos33.format_disk(image, boot=boot.loader(boot.DOS33_LOADER))
        for fname, data, _, address in files:
            fs.put(fname, data, dos33.BINARY, address)
    path.write_bytes(image.file_bytes())
    return path


@pytest.mark.parametrize("name,kind", [("big.dsk", "prodos"), ("big.po", "prodos"),
                                       ("big.dsk", "dos33"), ("big.po", "dos33")])
def test_a_30k_program_at_0900_loads_byte_for_byte(tmp_path, name, kind):
    data = hello("LOADED") + random.Random(9).randbytes(30000)
    path = make(tmp_path, name, kind, [("PROG", data, prodos.BIN, 0x0900)])
    m = Apple2(disks=[str(path)])
    seconds = boot_until(m, "LOADED")
    assert bytes(m.peek(0x0900 + i) for i in range(len(data))) == data
    assert seconds < 8                          # about 0.6 s a track; see the interleave


def test_a_sys_file_goes_to_2000_and_sparse_blocks_load_as_zeros(tmp_path):
    data = hello("SPARSE") + bytes(3000) + b"\x55" * 600     # block 1 and 2... zero
    data = data.ljust(4096, b"\x00") + b"\xaa" * 100
    path = make(tmp_path, "s.po", "prodos", [("A.TXT", b"text", prodos.TXT, 0),
                                             ("GO.SYSTEM", data, prodos.SYS, 0x1234)])
    fs = prodos.ProDOS(blockimage.load(path))
    assert fs.info(0, fs.lookup("GO.SYSTEM")).sparse
    m = Apple2(disks=[str(path)])
    m.load(0x2000, b"\x77" * (len(data) + 512))  # what was there before: not zeros
    boot_until(m, "SPARSE")
    assert bytes(m.peek(0x2000 + i) for i in range(len(data))) == data
    assert m.peek(0x2000 + len(data)) == 0x77    # nothing past the end


def test_the_first_bin_in_a_dos_catalog_after_other_files(tmp_path):
    from emu.disk.fs import dos33
    path = tmp_path / "d.dsk"
    image = blockimage.new_image(path, 280)
    fs = dos33.format_disk(image, boot=boot.loader(boot.DOS33_LOADER))
    for i in range(9):                          # two catalog sectors of files before it
        fs.put(f"TEXT{i}", b"ABC", dos33.TEXT)
    fs.put("GONE", b"x", dos33.BINARY, 0x0900)
    fs.remove("GONE")                           # a deleted B file is skipped
    fs.put("RUN ME", hello("SECOND SECTOR"), dos33.BINARY, 0x4000)
    path.write_bytes(image.file_bytes())
    boot_until(Apple2(disks=[str(path)]), "SECOND SECTOR")


@pytest.mark.parametrize("kind,files,message", [
    ("prodos", [], "NO PROGRAM ON THIS DISK TO RUN"),
    ("dos33", [], "NO PROGRAM ON THIS DISK TO RUN"),
    ("prodos", [("LOW", b"\x60", prodos.BIN, 0x0803)], "THE PROGRAM DOES NOT FIT $0900-$B9FF"),
    ("dos33", [("HIGH", bytes(600), prodos.BIN, 0xB800)], "THE PROGRAM DOES NOT FIT"),
])
def test_the_loader_says_why_it_cannot_boot(tmp_path, kind, files, message):
    m = Apple2(disks=[str(make(tmp_path, "x.dsk", kind, files))])
    m.run(seconds=3, render=False)
    assert m.text_screen().splitlines()[23].startswith(message)


def test_the_loaders_range_is_the_one_the_tools_check():
    aliases = dict(re.findall(r"^\.alias\s+(\w+)\s+\$([0-9A-Fa-f]+)",
                              (ROOT / "roms/src/boot/diskii.s").read_text(), re.M))
    assert (int(aliases["LOWEST"], 16) << 8, int(aliases["BEYOND"], 16) << 8) == \
        boot.LOAD_RANGE
    assert int(aliases["LOADER"], 16) == boot.LOAD_RANGE[1]


# --- a ProDOS block device ------------------------------------------------------------

DRIVER = 0x20                                   # $CnFF: the driver is at $Cn20


def block_device(m: Apple2, slot: int) -> int:
    """A stand-in card's ROM in ``slot``: the ProDOS block-device ID bytes ($Cn01 = $20,
    $Cn03 = $00, $Cn05 = $03, $Cn07 = $00 and $CnFF = the driver's offset), an RTS
    at the driver; returns the driver's address."""
    rom = bytearray(256)
    rom[1], rom[3], rom[5], rom[7] = 0x20, 0x00, 0x03, 0x00
    rom[0xFF] = DRIVER
    rom[DRIVER] = 0x60
    at = bus.SLOT_ROM + slot * 256
    m.mem[at:at + 256] = list(rom)
    m.io[bus.SLOTS_PRESENT] |= 1 << slot
    return 0xC000 + slot * 256 + DRIVER


@pytest.mark.parametrize("blocks,ext", [(280, ".po"), (1600, ".2mg"), (65535, ".hdv")])
def test_the_prodos_loader_boots_from_a_block_device(tmp_path, blocks, ext):
    path = tmp_path / f"hd{ext}"
    image = blockimage.new_image(path, blocks)
    fs = prodos.format_volume(image, "HD", boot.loader(boot.PRODOS_LOADER))
    data = hello("FROM A BLOCK DEVICE") + random.Random(4).randbytes(20000)
    fs.put("PROG", data, prodos.BIN, 0x1000)
    m = Apple2()
    m.run(frames=10, render=False)              # our firmware, at its prompt
    driver = block_device(m, 7)
    m.load(0x0800, image.read_block(0))         # what the card's boot does: block 0 at
    m.cpu.x = 0x70                              # $0800, X = slot * 16, JMP $0801
    m.cpu.set_pc(0x0801)
    m.add_breakpoint(driver)
    calls = []
    for _ in range(200):
        stop = m.run(seconds=1, render=False)
        if stop.reason != "breakpoint":
            break
        command, unit = m.peek(0x42), m.peek(0x43)
        buffer = m.peek(0x44) | m.peek(0x45) << 8
        block = m.peek(0x46) | m.peek(0x47) << 8
        calls.append((command, unit, block))
        m.load(buffer, image.read_block(block))
        m.cpu.p &= ~1                           # carry clear: no error
        s = m.cpu.s                             # and the driver's RTS
        back = m.peek(0x100 + s + 1) | m.peek(0x100 + s + 2) << 8
        m.cpu.s = (s + 2) & 0xFF
        m.cpu.set_pc(back + 1)
    assert m.text_screen().startswith("FROM A BLOCK DEVICE")
    assert bytes(m.peek(0x1000 + i) for i in range(len(data))) == data
    assert calls[0] == (1, 0x70, 1) and calls[1] == (1, 0x70, 2)   # block 1, then the directory
    assert all(c[:2] == (1, 0x70) for c in calls)
    assert len(calls) == 2 + 1 + 40             # the index block and 40 data blocks
