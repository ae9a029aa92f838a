"""The ProDOS hard-disk card, called from 6502 programs as ProDOS and SmartPort software call it.

Every expectation here comes from the documents, not from the card's code:

* the ProDOS 8 Technical Reference Manual, section 6.3: the ID bytes $Cn01 =
  $20, $Cn03 = $00, $Cn05 = $03; $CnFF = the driver's offset (not $00, a
  Disk II, nor $FF); $CnFE with bits 0 and 1 set (status and read) and
  bits 5-4 the number of volumes less one; $CnFC-$CnFD = 0 to mean "ask
  STATUS"; the command block $42 command (0 STATUS, 1 READ, 2 WRITE, 3
  FORMAT), $43 unit (bit 7 the drive), $44-$45 buffer, $46-$47 block;
  carry set and A = $27 (I/O error), $28 (no device connected) or $2B
  (write protected) on an error, STATUS's block count in X (low) and Y;
* the Apple IIc Technical Reference, SmartPort chapter: the entry at the
  ProDOS driver + 3, ``JSR`` followed by a command byte and a parameter
  list's address, return past them with carry and A = the error code and
  X/Y the bytes moved; the parameter counts (STATUS 3, READBLOCK 3,
  WRITEBLOCK 3, FORMAT 1, CONTROL 3, INIT 1); STATUS of unit 0 (byte 0 the
  number of devices), code 0 (the general status byte, bit 7 block
  device, 6 write allowed, 5 read allowed, 4 on line, 3 format allowed, 2
  write protected, then the block count in 3 bytes) and code 3 (the
  25-byte device information block: status, blocks, name length, the name
  in 16 bytes padded with spaces, type, subtype, version); the error codes
  $01 BADCMD, $04 BADPCNT, $11 BADUNIT, $21 BADCTL, $2B NOWRITE, $2D
  BADBLOCK, $2F OFFLINE;
* the II+ autostart ROM's scan: the first four odd bytes of a Disk II's
  PROM, $Cn07 = $3C included (Apple Technical Information Library, "Auto-Run
  Apple w/o DOS").

The blocks a program reads are compared with ``emu.disk.blockimage``'s
reading of the same file (the disk tools' code, not the card's).
"""
from __future__ import annotations

import os
import random
from pathlib import Path

import numpy as np
import pytest

from emu import bus, cli
from emu.disk import blockimage
from emu.disk.blockimage import TWOIMG_LOCKED
from emu.disk.fs import boot, prodos
from emu.disk.images import DiskError
from emu.machine import Apple2, slot_config
from emu.slots import CardError

from test_machine import ORG, run_code     # (the assemble fixture is conftest.py's)

SLOT = 7
PAGE = 0xC000 + SLOT * 0x100
RESULTS = 0xF0                      # the test programs leave A, X, Y, P at $F0-$F3
BUF = 0x4000                        # a block buffer
PLIST = 0x0300                      # a SmartPort parameter list
OUT = 0x0380                        # a SmartPort status list


def image_file(tmp_path: Path, name: str, blocks: int, seed: int = 1, locked: bool = False) -> Path:
    """An image of random blocks (a ProDOS volume is not needed to read blocks)."""
    path = tmp_path / name
    image = blockimage.new_image(path, blocks)
    rng = random.Random(seed)
    image.data[:] = rng.randbytes(len(image.data))
    if locked:
        image.twoimg.flags |= TWOIMG_LOCKED
        image.prefix = image.twoimg.pack()
    path.write_bytes(image.file_bytes())
    return path


def machine(*images, **options) -> Apple2:
    return Apple2(rom=None, hard_disks=[str(p) for p in images], **options)


def driver(m: Apple2) -> int:
    return PAGE + m.peek(PAGE + 0xFF)


def results(m: Apple2) -> tuple[int, int, int, bool]:
    a, x, y, p = (m.peek(RESULTS + i) for i in range(4))
    return a, x, y, bool(p & 1)


def keep_results() -> bytes:
    """PHP / STA $F0 / STX $F1 / STY $F2 / PLA / STA $F3."""
    return bytes([0x08, 0x85, RESULTS, 0x86, RESULTS + 1, 0x84, RESULTS + 2,
                  0x68, 0x85, RESULTS + 3])


def block_call(m: Apple2, command: int, unit: int, block: int, buffer: int = BUF):
    """The documented call: the command block at $42-$47, JSR the driver; (A, X, Y, carry)."""
    code = b""
    for zp, value in ((0x42, command), (0x43, unit), (0x44, buffer & 0xFF),
                      (0x45, buffer >> 8), (0x46, block & 0xFF), (0x47, block >> 8)):
        code += bytes([0xA9, value, 0x85, zp])
    code += bytes([0xA2, 0xEE, 0xA0, 0xEE, 0x18])          # X, Y = $EE, carry clear
    entry = driver(m)
    code += bytes([0x20, entry & 0xFF, entry >> 8]) + keep_results()
    run_code(m, code, at=0x6000)
    return results(m)


def smartport_call(m: Apple2, command: int, params: bytes):
    """JSR the SmartPort entry; the command byte and the list's address follow the JSR."""
    m.load(PLIST, params)
    entry = driver(m) + 3
    code = bytes([0xA2, 0xEE, 0xA0, 0xEE, 0x18, 0x20, entry & 0xFF, entry >> 8,
                  command, PLIST & 0xFF, PLIST >> 8]) + keep_results()
    run_code(m, code, at=0x6000)         # run_code stops at the JMP * after it: the return
    return results(m)                    # went past the 3 bytes, or it would not get there


def read_params(unit: int, block: int, buffer: int = BUF) -> bytes:
    return bytes([3, unit, buffer & 0xFF, buffer >> 8, block & 0xFF, (block >> 8) & 0xFF,
                  block >> 16])


def status_params(unit: int, code: int) -> bytes:
    return bytes([3, unit, OUT & 0xFF, OUT >> 8, code])


def ram(m: Apple2, at: int, size: int) -> bytes:
    return bytes(m.peek(at + i) for i in range(size))


def cpu_read(m: Apple2, address: int) -> int:
    """A read by the CPU (LDA abs / STA $F0), so that the bus's handlers answer."""
    run_code(m, bytes([0xAD, address & 0xFF, address >> 8, 0x85, RESULTS]), at=0x6000)
    return m.peek(RESULTS)


# --- identification --------------------------------------------------------------------

def test_the_id_bytes_prodos_reads(tmp_path):
    m = machine(image_file(tmp_path, "a.hdv", 1000))
    ids = [cpu_read(m, PAGE + i) for i in (0x01, 0x03, 0x05, 0xFC, 0xFD, 0xFE, 0xFF)]
    assert ids[:3] == [0x20, 0x00, 0x03]
    assert ids[3:5] == [0, 0]                              # the size: ask STATUS
    status = ids[5]
    assert status & 0x03 == 0x03                           # status and read: ProDOS installs it
    assert status & 0x0C == 0x0C                           # write and format
    assert (status >> 4) & 3 == 1                          # two volumes
    assert ids[6] not in (0x00, 0xFF)                      # not a Disk II (16 or 13 sectors)


def test_id_byte_cn07_is_the_autostart_romʼs_until_the_firmware_runs_then_smartportʼs(tmp_path):
    m = machine(image_file(tmp_path, "a.hdv", 100))
    signature = [cpu_read(m, PAGE + i) for i in (1, 3, 5, 7)]
    assert signature == [0x20, 0x00, 0x03, 0x3C]           # the Disk II PROM's four odd bytes
    block_call(m, 0, 0x70, 0)                              # any call to the card
    assert cpu_read(m, PAGE + 7) == 0x00                   # SmartPort
    assert m.peek(PAGE + 7) == 0x00                        # (the debugger's view agrees)
    assert cpu_read(m, PAGE + 0xFB) == 0x00                # SmartPort ID type: no extended calls
    m.reset()                                              # RESET clears the latch
    assert cpu_read(m, PAGE + 7) == 0x3C


def test_hard_disks_put_the_card_in_slot_7_unless_a_slot_names_it():
    assert slot_config({4: None}, hard_disks=True) == {7: "harddisk"}
    assert slot_config({4: "harddisk"}, hard_disks=True) == {4: "harddisk"}
    assert slot_config({4: None}, disks=True, hard_disks=True) == {6: "disk2", 7: "harddisk"}
    with pytest.raises(CardError, match="the hard disks need the hard-disk card, and slot 7 "
                                        "holds the disk2 card: put one in another slot"):
        slot_config({7: "disk2"}, hard_disks=True)


def test_the_card_answers_in_any_slot(tmp_path):
    m = Apple2(rom=None, slots={4: "harddisk"})
    m.insert_hard_disk(1, image_file(tmp_path, "a.po", 300))
    assert m.slots == {4: "harddisk"}
    page = 0xC400
    assert [cpu_read(m, page + i) for i in (1, 3, 5)] == [0x20, 0x00, 0x03]
    entry = page + m.peek(page + 0xFF)
    code = bytes([0xA9, 1, 0x85, 0x42, 0xA9, 0x40, 0x85, 0x43, 0xA9, 0, 0x85, 0x44, 0xA9, 0x40,
                  0x85, 0x45, 0xA9, 5, 0x85, 0x46, 0xA9, 0, 0x85, 0x47,
                  0x20, entry & 0xFF, entry >> 8]) + keep_results()
    run_code(m, code, at=0x6000)
    assert results(m)[0] == 0 and not results(m)[3]
    assert ram(m, BUF, 512) == blockimage.load(tmp_path / "a.po").read_block(5)


# --- the ProDOS block-driver protocol -------------------------------------------------

def test_status_returns_the_block_count_in_x_and_y(tmp_path):
    m = machine(image_file(tmp_path, "a.hdv", 65535), image_file(tmp_path, "b.po", 1600))
    assert block_call(m, 0, 0x70, 0) == (0, 0xFF, 0xFF, False)
    assert block_call(m, 0, 0xF0, 0) == (0, 1600 & 0xFF, 1600 >> 8, False)   # drive 2


def test_read_puts_the_block_in_the_buffer(tmp_path):
    path = image_file(tmp_path, "a.hdv", 4000)
    m = machine(path)
    reference = blockimage.load(path)
    m.load(BUF - 1, b"\x55")
    m.load(BUF + 512, b"\xAA")
    for block in (0, 1, 2, 1234, 3999):
        a, _, _, carry = block_call(m, 1, 0x70, block)
        assert (a, carry) == (0, False)
        assert ram(m, BUF, 512) == reference.read_block(block)
    assert m.peek(BUF - 1) == 0x55 and m.peek(BUF + 512) == 0xAA   # nothing around it


def test_write_then_read_and_format(tmp_path):
    m = machine(image_file(tmp_path, "a.hdv", 500))
    data = random.Random(5).randbytes(512)
    m.load(BUF, data)
    assert block_call(m, 2, 0x70, 321)[::3] == (0, False)
    m.load(BUF, bytes(512))
    assert block_call(m, 1, 0x70, 321)[::3] == (0, False)
    assert ram(m, BUF, 512) == data
    assert block_call(m, 3, 0x70, 0)[::3] == (0, False)     # FORMAT: nothing to lay down
    assert block_call(m, 1, 0x70, 321)[::3] == (0, False)
    assert ram(m, BUF, 512) == data


def test_a_buffer_in_the_language_card_ram(tmp_path):
    """The block goes where the CPU's writes would: the language card's RAM when enabled."""
    path = image_file(tmp_path, "a.hdv", 100)
    m = machine(path)
    # LDA $C08B twice: read and write bank 1 RAM at $D000; then the call with buffer $D000.
    run_code(m, bytes([0xAD, 0x8B, 0xC0, 0xAD, 0x8B, 0xC0]), at=0x6000)
    assert block_call(m, 1, 0x70, 7, buffer=0xD000)[0] == 0
    assert ram(m, 0xD000, 512) == blockimage.load(path).read_block(7)


@pytest.mark.parametrize("command", [0, 1, 2, 3])
def test_an_empty_unit_is_no_device_connected(tmp_path, command):
    m = machine(image_file(tmp_path, "a.hdv", 100))          # unit 2 empty
    assert block_call(m, command, 0xF0, 0)[::3] == (0x28, True)


def test_a_block_past_the_end_is_an_io_error(tmp_path):
    m = machine(image_file(tmp_path, "a.hdv", 100))
    assert block_call(m, 1, 0x70, 100)[::3] == (0x27, True)
    assert block_call(m, 2, 0x70, 100)[::3] == (0x27, True)
    assert block_call(m, 1, 0x70, 99)[::3] == (0, False)
    assert block_call(m, 7, 0x70, 0)[::3] == (0x27, True)    # no such command


def test_a_write_protected_image_refuses_writes(tmp_path):
    path = image_file(tmp_path, "lock.2mg", 200, locked=True)
    before = path.read_bytes()
    m = machine(path)
    assert block_call(m, 2, 0x70, 5)[::3] == (0x2B, True)
    assert block_call(m, 3, 0x70, 0)[::3] == (0x2B, True)
    a, x, y, carry = block_call(m, 0, 0x70, 0)              # STATUS: not ready to write
    assert (a, x, y, carry) == (0x2B, 200, 0, True)
    assert block_call(m, 1, 0x70, 5)[::3] == (0, False)      # reading is fine
    assert m.close() == [] and path.read_bytes() == before


# --- SmartPort ------------------------------------------------------------------------------

def test_smartport_status_of_the_host_counts_the_devices(tmp_path):
    m = machine(image_file(tmp_path, "a.hdv", 100))
    a, x, y, carry = smartport_call(m, 0x00, status_params(0, 0))
    assert (a, carry) == (0, False)
    assert x | y << 8 == 8
    out = ram(m, OUT, 8)
    assert out[0] == 2                                      # two units
    assert out[1] & 0x40                                    # no interrupt


def test_smartport_status_and_dib_of_a_unit(tmp_path):
    m = machine(image_file(tmp_path, "a.hdv", 40000))
    a, x, y, carry = smartport_call(m, 0x00, status_params(1, 0))
    assert (a, x | y << 8, carry) == (0, 4, False)
    status, *size = ram(m, OUT, 4)
    assert status & 0xF8 == 0xF8                 # block device, write, read, on line, format
    assert not status & 0x04                     # not write-protected
    assert size == [40000 & 0xFF, (40000 >> 8) & 0xFF, 0]
    a, x, y, carry = smartport_call(m, 0x00, status_params(1, 3))
    assert (a, x | y << 8, carry) == (0, 25, False)
    dib = ram(m, OUT, 25)
    assert dib[0] == status and list(dib[1:4]) == size
    assert 1 <= dib[4] <= 16
    name = dib[5:21]
    assert name[dib[4]:] == b" " * (16 - dib[4]) and name[:dib[4]].isascii()
    assert dib[21] == 0x02                                  # a hard disk


def test_smartport_status_of_an_empty_unit_says_it_is_off_line(tmp_path):
    m = machine(image_file(tmp_path, "a.hdv", 100))
    assert smartport_call(m, 0x00, status_params(2, 0))[::3] == (0, False)
    assert not m.peek(OUT) & 0x10 and ram(m, OUT + 1, 3) == bytes(3)
    assert smartport_call(m, 0x01, read_params(2, 0))[::3] == (0x2F, True)


def test_smartport_readblock_and_writeblock(tmp_path):
    path = image_file(tmp_path, "a.2mg", 70000 // 2)
    m = machine(path)
    a, x, y, carry = smartport_call(m, 0x01, read_params(1, 30000))
    assert (a, x | y << 8, carry) == (0, 512, False)
    assert ram(m, BUF, 512) == blockimage.load(path).read_block(30000)
    data = random.Random(3).randbytes(512)
    m.load(0x5000, data)
    assert smartport_call(m, 0x02, read_params(1, 12, 0x5000))[::3] == (0, False)
    assert smartport_call(m, 0x01, read_params(1, 12))[::3] == (0, False)
    assert ram(m, BUF, 512) == data


def test_smartport_format_control_and_init(tmp_path):
    m = machine(image_file(tmp_path, "a.hdv", 100))
    assert smartport_call(m, 0x03, bytes([1, 1]))[::3] == (0, False)
    assert smartport_call(m, 0x04, bytes([3, 1, OUT & 0xFF, OUT >> 8, 0]))[::3] == (0, False)
    assert smartport_call(m, 0x04, bytes([3, 1, OUT & 0xFF, OUT >> 8, 9]))[::3] == (0x21, True)
    assert smartport_call(m, 0x05, bytes([1, 0]))[::3] == (0, False)
    assert smartport_call(m, 0x05, bytes([1, 1]))[::3] == (0x11, True)    # INIT: unit 0 only


@pytest.mark.parametrize("command,params,error", [
    (0x00, status_params(3, 0), 0x11),                  # BADUNIT: there are two
    (0x01, read_params(0, 0), 0x11),                    # unit 0 is the host, not a disk
    (0x01, read_params(1, 100), 0x2D),                  # BADBLOCK: past the end
    (0x01, read_params(1, 0x010000), 0x2D),             # (the block number has 3 bytes)
    (0x01, bytes([2, 1, 0, 0x40, 0, 0, 0]), 0x04),      # BADPCNT
    (0x03, bytes([3, 1]), 0x04),
    (0x00, status_params(1, 2), 0x21),                  # BADCTL: newline status is a character
    (0x0A, read_params(1, 0), 0x01),                    # BADCMD                   device's
    (0x41, read_params(1, 0), 0x01),                    # an extended call
    (0x08, bytes([4, 1, 0, 0x40, 0, 2, 0, 0, 0]), 0x01),   # READ: character devices only
])
def test_smartport_errors(tmp_path, command, params, error):
    m = machine(image_file(tmp_path, "a.hdv", 100))
    assert smartport_call(m, command, params)[::3] == (error, True)


def test_smartport_writes_to_a_write_protected_image(tmp_path):
    path = image_file(tmp_path, "a.hdv", 100)
    path.chmod(0o444)
    try:
        m = machine(path)
        assert smartport_call(m, 0x02, read_params(1, 3))[::3] == (0x2B, True)
        assert smartport_call(m, 0x03, bytes([1, 1]))[::3] == (0x2B, True)
        smartport_call(m, 0x00, status_params(1, 0))
        assert m.peek(OUT) & 0x04                           # write-protected
    finally:
        path.chmod(0o644)


def test_what_prodos_and_smartport_software_scan_for_finds_the_card(tmp_path, assemble):
    """tests/programs/hdscan.s: the scans of the ProDOS 8 Technical Reference and SmartPort.

    Before the card's firmware has run, $Cn07 is the autostart ROM's $3C:
    ProDOS finds a block device, SmartPort software nothing; once the
    firmware has run (any call), both find it.  The Disk II in slot 5 is
    found as one by its $CnFF = $00.
    """
    m = machine(image_file(tmp_path, "a.hdv", 100), slots={5: "disk2"})
    scan = assemble("hdscan")
    m.load(ORG, scan)

    def found() -> tuple[int, int, int]:
        m.cpu.set_pc(ORG)
        m.add_breakpoint(ORG + len(scan) - 3)
        assert m.run(frames=2).reason == "breakpoint"
        m.clear_breakpoints()
        return m.peek(0xF0), m.peek(0xF1), m.peek(0xF2)
    assert found() == (0xC7, 0, 0xC5)
    block_call(m, 0, 0x70, 0)
    m.load(ORG, scan)
    assert found() == (0xC7, 0xC7, 0xC5)


# --- booting ----------------------------------------------------------------------------------

def hello(text: str) -> bytes:
    code = b"".join(bytes([0xA9, ord(c) | 0x80, 0x8D, i, 0x04]) for i, c in enumerate(text))
    return code + b"\xb8\x50\xfe"


def boot_volume(tmp_path, name: str, blocks: int, text: str) -> Path:
    path = tmp_path / name
    image = blockimage.new_image(path, blocks)
    fs = prodos.format_volume(image, "HD", boot.loader(boot.PRODOS_LOADER))
    fs.put("HELLO", hello(text), prodos.BIN, 0x6000)
    path.write_bytes(image.file_bytes())
    return path


def test_the_boot_entry_reads_block_0_to_0800_and_jumps_to_0801_with_x_slot_16(tmp_path):
    path = image_file(tmp_path, "a.hdv", 10)
    image = blockimage.load(path)
    block0 = bytearray(image.read_block(0))
    block0[1:4] = b"\x4c\x01\x08"                           # $0801: JMP $0801
    image.write_block(0, bytes(block0))
    path.write_bytes(image.file_bytes())
    m = machine(path)
    m.cpu.set_pc(PAGE)
    m.add_breakpoint(0x0801)
    assert m.run(frames=5).reason == "breakpoint"
    assert m.cpu.x == SLOT * 16
    assert ram(m, 0x0800, 512) == bytes(block0)
    # the command block is the documented READ of block 0 of drive 1 to $0800
    assert ram(m, 0x42, 6) == bytes([1, 0x70, 0x00, 0x08, 0, 0])


@pytest.mark.parametrize("model", ["ii+", "iie", "iie-enh"])
def test_our_firmware_boots_a_hard_disk_in_slot_7(tmp_path, model):
    m = Apple2(model=model,
               hard_disks=[str(boot_volume(tmp_path, "hd.hdv", 20000, "BOOTED FROM HD"))])
    m.run(seconds=1.5, render=False)
    assert m.text_screen().startswith("BOOTED FROM HD"), m.text_screen()
    assert m.peek(PAGE + 7) == 0x00                         # ProDOS would now see SmartPort


def test_a_cold_start_by_reset_boots_it_again_one_by_software_skips_it(tmp_path):
    """The ID latch's cost, as documented: RESET clears it, a jump to PWRUP does not."""
    m = Apple2(hard_disks=[str(boot_volume(tmp_path, "hd.hdv", 300, "BOOTED"))])
    m.run(seconds=1.5, render=False)
    assert m.text_screen().startswith("BOOTED")
    m.poke(0x03F4, 0)                                       # the power-up byte no longer valid
    m.reset()                                               # Ctrl-Reset: a cold start
    m.load(0x0400, b"\xA0" * 40)
    m.run(seconds=1.5, render=False)
    assert m.text_screen().startswith("BOOTED")
    m.cpu.set_pc(0xFAA6)                                    # PWRUP without RESET: $Cn07 = $00
    m.run(seconds=1.5, render=False)
    assert "NO DISK CARD" in m.text_screen()


def test_nothing_to_boot_goes_on_with_the_autostart_scan(tmp_path):
    """Unit 1 empty (or no boot code in block 0): SLOOP, and the Disk II in slot 6 boots."""
    floppy = tmp_path / "f.po"
    image = blockimage.new_image(floppy, 280)
    fs = prodos.format_volume(image, "F", boot.loader(boot.PRODOS_LOADER))
    fs.put("HELLO", hello("FLOPPY"), prodos.BIN, 0x6000)
    floppy.write_bytes(image.file_bytes())
    blank = image_file(tmp_path, "blank.hdv", 100)
    blank.write_bytes(bytes(512 * 100))                     # block 0 all zeros: no boot code
    for hard_disks in ([], [str(blank)]):
        m = Apple2(disks=[str(floppy)], hard_disks=hard_disks, slots={7: "harddisk"})
        m.run(seconds=3, render=False)
        assert m.text_screen().startswith("FLOPPY"), m.text_screen()


def test_pr7_with_nothing_to_boot_says_so(tmp_path):
    m = Apple2(slots={7: "harddisk"})
    m.run(frames=10, render=False)                          # our firmware: at its prompt
    m.cpu.set_pc(PAGE)                                      # what PR#7 does: JMP $C700
    m.run(frames=10, render=False)
    assert "NO BOOT BLOCK ON SLOT 7 UNIT 1" in m.text_screen()
    assert m.text_screen().rstrip().endswith("*")           # and the monitor's prompt


def test_a_32m_disk_made_with_apple2_disk_boots_to_the_homebrew_menu(tmp_path, capsys):
    """apple2 disk new --size 32M; put the homebrew programs (their memory image); apple2 run."""
    from emu.tools import homebrew_disk
    programs = tmp_path / "homebrew.bin"
    programs.write_bytes(homebrew_disk.memory_image())
    hd = tmp_path / "games.hdv"
    assert cli.main(["disk", "new", str(hd), "--prodos", "--size", "32M"]) == 0
    assert cli.main(["disk", "put", str(hd), str(programs), "--addr", "0900"]) == 0
    capsys.readouterr()
    assert cli.main(["run", str(hd), "--headless", "--seconds", "2", "--print-screen"]) == 0
    out, err = capsys.readouterr()
    assert "hard disk unit 1: games.hdv, 65535 blocks" in err
    reference = Apple2()                                   # the menu started from memory
    reference.load(0x0900, homebrew_disk.memory_image())
    reference.cpu.set_pc(0x0900)
    reference.run(frames=10, render=False)
    assert "HOMEBREW" in out
    assert out.splitlines()[:24] == reference.text_screen().splitlines()
    m = Apple2(hard_disks=[str(hd)])
    m.run(seconds=2, render=False)
    m.type_text("1")                                       # the snake game, from memory
    m.run(frames=20, render=False)
    assert m.text_screen().splitlines()[20].split()[:2] == ["SNAKE", "SCORE"]


# --- write-back and save states -----------------------------------------------------------

def write_block_program(m: Apple2, unit: int, block: int, data: bytes) -> None:
    m.load(BUF, data)
    assert block_call(m, 2, unit, block)[::3] == (0, False)


def test_changes_are_written_back_on_close_only_those(tmp_path):
    path = image_file(tmp_path, "a.2mg", 300)
    before = path.read_bytes()
    header = blockimage.load(path).prefix
    m = machine(path)
    data = random.Random(8).randbytes(512)
    write_block_program(m, 0x70, 17, data)
    assert path.read_bytes() == before                      # not until the unit is ejected
    assert m.close() == []
    after = blockimage.load(path)
    assert after.prefix == header and after.read_block(17) == data
    old = blockimage.parse(path, before)
    assert [b for b in range(300) if after.read_block(b) != old.read_block(b)] == [17]


def test_nothing_written_back_when_nothing_changed(tmp_path):
    path = image_file(tmp_path, "a.hdv", 300)
    inode = os.stat(path).st_ino
    m = machine(path)
    same = blockimage.load(path).read_block(9)
    write_block_program(m, 0x70, 9, same)                    # the same bytes again
    assert block_call(m, 1, 0x70, 10)[0] == 0
    assert m.close() == []
    assert os.stat(path).st_ino == inode                   # never replaced


def test_a_dos_order_floppy_image_as_a_hard_disk(tmp_path):
    """A 140K .dsk holds ProDOS blocks in DOS sector order: they come back in that order."""
    path = tmp_path / "f.dsk"
    image = blockimage.new_image(path, 280, order="dos")
    image.data[:] = random.Random(2).randbytes(len(image.data))
    path.write_bytes(image.file_bytes())
    m = machine(path)
    assert block_call(m, 1, 0x70, 9)[0] == 0
    assert ram(m, BUF, 512) == blockimage.load(path).read_block(9)
    data = bytes(range(256)) * 2
    write_block_program(m, 0x70, 33, data)
    m.close()
    assert blockimage.load(path).read_block(33) == data


def test_a_save_state_carries_a_changed_block(tmp_path):
    path = image_file(tmp_path, "a.hdv", 65535)
    first = random.Random(1).randbytes(512)
    second = random.Random(2).randbytes(512)
    m = machine(path)
    write_block_program(m, 0x70, 60000, first)
    state = tmp_path / "s.npz"
    m.save_state(str(state))
    assert state.stat().st_size < 2_000_000                 # the 32 MB are not in it
    write_block_program(m, 0x70, 60000, second)             # after the save...
    write_block_program(m, 0x70, 5, second)
    assert m.load_state(str(state)) == [
        f"hard disk unit 1: {path} has changed since the state was saved; the blocks the "
        "state changed are put back, the others are as the file has them now"]
    # loading wrote the running machine's changes back first: the file has them
    assert blockimage.load(path).read_block(5) == second
    assert block_call(m, 1, 0x70, 60000)[0] == 0
    assert ram(m, BUF, 512) == first                        # the state's block
    assert list(m.hard_disk_card.changed_blocks(0)) == [60000]
    m.close()
    assert blockimage.load(path).read_block(60000) == first


def test_a_save_state_into_a_new_machine_with_the_file_unchanged(tmp_path):
    path = image_file(tmp_path, "a.po", 1600)
    m = machine(path)
    data = bytes([0x5A]) * 512
    write_block_program(m, 0x70, 99, data)
    state = tmp_path / "s.npz"
    m.save_state(str(state))
    other = Apple2(rom=None)
    assert other.load_state(str(state)) == []
    assert other.slots[7] == "harddisk"
    assert block_call(other, 1, 0x70, 99)[0] == 0 and ram(other, BUF, 512) == data
    assert block_call(other, 1, 0x70, 98)[0] == 0
    assert ram(other, BUF, 512) == blockimage.load(path).read_block(98)


def test_a_save_state_whose_image_is_gone(tmp_path):
    path = image_file(tmp_path, "a.hdv", 100)
    m = machine(path)
    state = tmp_path / "s.npz"
    m.save_state(str(state))
    m.close()
    path.unlink()
    other = Apple2(rom=None)
    notes = other.load_state(str(state))
    assert notes == [f"hard disk unit 1: {path}: no such file; the unit is left empty"]
    assert block_call(other, 1, 0x70, 0)[::3] == (0x28, True)


@pytest.mark.parametrize("name, change, problem", [
    ("harddisk_blocks0", lambda a: a + 70000, "changed block numbers out of range"),
    ("harddisk_blocks0", lambda a: a - 200, "changed block numbers out of range"),
    ("harddisk_data0", lambda a: a[:0], "changed blocks without their data"),
    ("io", None, "the hard-disk card's media"),
])
def test_a_bad_hard_disk_state_is_refused_and_changes_nothing(tmp_path, name, change, problem):
    # The loader checks the card's arrays and registers (its page table and media
    # offsets are indexes the jitted card uses) before it touches the machine.
    from emu import slots
    from emu.disk import hdlayout
    from emu.savestate import StateError
    path = image_file(tmp_path, "a.hdv", 100)
    m = machine(path)
    write_block_program(m, 0x70, 9, bytes([0x77]) * 512)
    state = tmp_path / "s.npz"
    m.save_state(str(state))
    with np.load(state) as f:
        arrays = {k: f[k] for k in f.files}
    if name == "io":
        arrays["io"] = arrays["io"].copy()
        arrays["io"][bus.IO_BLOCKS[slots.HARDDISK] + hdlayout.MEDIA] = 5
    else:
        arrays[name] = change(arrays[name])
    bad = tmp_path / "bad.npz"
    np.savez(bad, **arrays)
    other = Apple2(rom=None)
    before = other.mem.copy()
    with pytest.raises(StateError, match=problem):
        other.load_state(str(bad))
    assert np.array_equal(other.mem, before) and "harddisk" not in other.slots.values()


# --- bad images ---------------------------------------------------------------------------------

@pytest.mark.parametrize("name,content,message", [
    ("cut.hdv", b"\x00" * 1000, "1000 bytes is not a whole number of 512-byte blocks"),
    ("big.hdv", None, "a ProDOS volume is at most 65535 blocks (32 MB)"),
    ("lie.2mg", "truncated", "bad 2MG header"),
    ("gone.hdv", "missing", "no such file"),
])
def test_bad_images_are_one_line_errors(tmp_path, capsys, name, content, message):
    path = tmp_path / name
    if content is None:
        with open(path, "wb") as f:
            f.truncate(65537 * 512)
    elif content == "truncated":
        good = image_file(tmp_path, "good.2mg", 100)
        path.write_bytes(good.read_bytes()[:-700])
    elif content != "missing":
        path.write_bytes(content)
    assert cli.main(["run", "--hd1", str(path), "--headless", "--frames", "1"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"apple2 run: {path}: ") and message in err[0]
    with pytest.raises(DiskError, match=message.replace("(", r"\(").replace(")", r"\)")):
        Apple2(rom=None, hard_disks=[str(path)])


def test_the_command_line_places_the_images(tmp_path, capsys):
    big = boot_volume(tmp_path, "big.po", 1600, "UNIT ONE")
    two = image_file(tmp_path, "two.2mg", 100)
    assert cli.main(["run", str(big), "--hd2", str(two), "--headless", "--seconds", "1.5",
                     "--print-screen", "--write-protect"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("UNIT ONE")
    assert "hard disk unit 1: big.po, 1600 blocks, write-protected" in err
    assert "hard disk unit 2: two.2mg, 100 blocks, write-protected" in err
    assert cli.main(["run", str(big), "--hd1", str(two), "--headless"]) == 2
    assert "give it as --hd2" in capsys.readouterr().err
    assert cli.main(["run", "--hd1", str(two), "--slot", "7=disk2", "--headless"]) == 2
    assert "--slot N=harddisk" in capsys.readouterr().err


def test_debug_takes_hard_disks(tmp_path, capsys):
    hd = boot_volume(tmp_path, "hd.hdv", 500, "DEBUG HD")
    commands = tmp_path / "cmds"
    commands.write_text("continue 90\nscreen\nquit\n")
    assert cli.main(["debug", "--hd1", str(hd), "--commands", str(commands)]) == 0
    assert "DEBUG HD" in capsys.readouterr().out


def test_the_media_room_is_outside_what_save_states_hold():
    """Two 32 MiB units at the top of mem, above bus.SAVED_MEM; numpy commits it lazily."""
    assert bus.MEM_SIZE - bus.SAVED_MEM == 2 * 65536 * 512
    assert bus.SAVED_MEM < 4 * 1024 * 1024
