"""Our Disk II boot ROM (roms/src/disk2.s) as a drop-in for Apple's 16-sector P5.

Each test boots a disk of our own (tests/programs/boot_*.s, built by
tests/bootdisks.py) whose loader depends on one thing boot loaders rely on,
and reads the verdict it leaves on the screen.  The machine runs our own
firmware, which finds the card and jumps to $Cn00 as the autostart ROM does.
Each test names the document its expectation comes from.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from bootdisks import assemble, boot, d13, dsk, spoil_data_field, verdict
from emu import cli
from emu.disk import gcr, images, woz
from emu.machine import Apple2
from emu.rom import RomError

REGS = 0x0300 - 0x20            # where boot_regs.s keeps what it found
ROMS = Path(__file__).resolve().parents[1] / "roms"


@pytest.mark.parametrize("slot", [6, 5])
def test_registers_zero_page_and_identity_bytes_at_0801(tmp_path, slot):
    """Beneath Apple DOS ch. 5 and 8 (boot 0): X = slot*16, $26/$27, $2B, $3D,
    $40/$41; ProDOS 8 Technical Reference 6.3.1: $Cn01/03/05/07, $CnFF = 0 for
    a 16-sector Disk II; the 6-and-2 table at $02D6 + disk byte (Beneath
    Apple DOS ch. 3 gives the 64 bytes, in order).  $0800 = 2: the ROM reads
    two sectors, so A = $3D = 2 and $27 = $0A."""
    m = boot(dsk(tmp_path / "regs.dsk", {(0, 0): assemble("boot_regs")}), slot=slot)
    assert verdict(m) == "PASS"
    a, x, y, p, _s, lo, page, slot16, sector, found, expect = m.mem[REGS:REGS + 11]
    assert (a, x, y, slot16, sector) == (2, slot * 16, 0, slot * 16, 2)
    assert p & 0x83 == 0x01                               # C set; N, Z from X
    assert (lo, page, found, expect) == (0, 0x0A, 0, 0)
    table = {b: int(m.mem[0x02D6 + b]) for b in gcr.WRITE_TABLE}
    assert table == {b: v for v, b in enumerate(gcr.WRITE_TABLE)}


def test_a_loader_with_its_own_reader_decodes_through_the_page_3_table(tmp_path):
    """The table's place, $02D6 + disk byte ($036C-$03D5): a published
    commented listing of the 16-sector boot ROM ("the table is built in page
    3, from $36C through $3D5"); the 6-and-2 format: Beneath Apple DOS ch. 3.
    boot_table.s reads physical sector 5 with its own code and that table."""
    m = boot(dsk(tmp_path / "table.dsk", {(0, 0): assemble("boot_table")}))
    assert verdict(m) == "PASS"


def test_reentry_at_cn5c_with_the_callers_sectors_buffers_count_and_track(tmp_path):
    """Beneath Apple DOS ch. 8: boot 1 re-enters the ROM's reader at $Cn5C
    with its own $26/$27 and $3D; the ROM reads on while $3D < ($0800) (the
    count a published listing of the ROM describes: "it could be as high as
    $0F"); it checks the track in each address field against $41, which a
    loader that steps the head sets (Peter Ferrie's Standard Delivery).
    boot_reenter.s reads three sectors in a row into a buffer that straddles
    pages, then one from track 2."""
    m = boot(dsk(tmp_path / "reenter.dsk", {(0, 0): assemble("boot_reenter")}))
    assert verdict(m) == "PASS"
    assert m.disk_card.head[0] == 8                      # quarter track 8: track 2


def test_a_loader_catches_the_sector_after_next_as_on_apples_card(tmp_path):
    """Beneath Apple DOS ch. 3: a nibble every 32 cycles, about 390 to a
    sector (some 12,500 cycles); ch. 8: DOS 3.3's boot 1 asks the ROM for
    every other physical sector and gets them on one turn.  Apple's reader
    decodes for about 9,800 cycles after a sector's last nibble, so the next
    address field to pass after it returns is the sector after next: sooner
    or later and boot_speed.s sees another (and a 2:1 interleave costs a
    turn a sector)."""
    m = boot(dsk(tmp_path / "speed.dsk", {(0, 0): assemble("boot_speed")}))
    log = list(m.mem[0x0280:0x0280 + 12])
    pairs = list(zip(log[0::2], log[1::2]))
    assert verdict(m) == "PASS", pairs
    assert all(seen == (read + 2) % 16 for read, seen in pairs)


def test_a_prodos_style_block_0_loader_runs_a_copy_of_the_roms_reader(tmp_path):
    """Beneath Apple ProDOS (the boot) and ProDOS 8's block 0 itself: the
    loader checks $CnFF = 0 (ProDOS 8 Technical Reference 6.3.1), has the
    ROM read block 0's second half (physical sector 2), then copies the
    ROM's $Cn63-$CnEA into RAM, patches the operands at $Cn66, $Cn7C,
    $Cn82, $Cn9D, $CnA3, $CnA5 and $CnD4 to reach its own retry and seek
    code, and reads blocks with the copy.  boot_prodos.s does that: block 1,
    blocks on tracks 1, 3, 1, 0, and block 21, whose first sector's checksum
    fails (so the copy's checksum branch must come back to the loader)."""
    code = assemble("boot_prodos")
    path = dsk(tmp_path / "prodos.dsk", {(0, 0): code[0:256], (0, 2): code[256:512],
                                         (0, 4): code[0x400:0x500], (0, 6): code[0x500:0x600]})
    disk = images.load(path)
    spoil_data_field(disk, 2, 5)
    m = boot(disk, seconds=4)
    assert verdict(m) == "PASS"
    patched = {0x66, 0x7C, 0x82, 0x9D, 0xA3, 0xA5, 0xD4}
    copy = {at: int(m.mem[0x0900 + at]) for at in range(0x63, 0xEB) if at not in patched}
    assert copy == {at: m.peek(0xC600 + at) for at in copy}


# --- 13 sectors ---------------------------------------------------------------------------

def dos32_style_disk(tmp_path, name="dos32.d13"):
    return d13(tmp_path / name, {(0, 0): assemble("boot13"), (0, 1): assemble("boot13b")})


@pytest.mark.parametrize("kind", ["d13", "dsk", "woz2", "woz1"])
def test_a_13_sector_disk_boots_through_the_13_sector_rom(tmp_path, kind):
    """Beneath Apple DOS ch. 3 (the 13-sector format: D5 AA B5, 5-and-3) and
    ch. 5 (DOS 3.2's boot 1 at $0300); Rana Systems' Elite manual 7.2.2
    (13 sectors: to $0300, JMP $0301; boot 1 calls the ROM with JSR $Cn5D,
    which returns).  The card takes our 13-sector ROM by itself: from the
    image's size (.d13, or a .dsk of 116,480 bytes), WOZ 2's boot sector
    format, or WOZ 1's track 0."""
    path = dos32_style_disk(tmp_path)
    if kind == "dsk":
        path = path.rename(tmp_path / "dos32.dsk")
    elif kind.startswith("woz"):
        disk = images.load(path)
        path = tmp_path / "dos32.woz"
        path.write_bytes(woz.from_disk(disk, version=int(kind[-1])))
    m = boot(path)
    assert m.disk_card.rom_sectors == 13 and m.peek(0xC6FF) == 0xFF
    assert verdict(m) == "PASS"
    table = {b: int(m.mem[0x0A00 + b]) for b in gcr.WRITE_TABLE_53}    # the ROM's, at $0A00 + b
    assert table == {b: v for v, b in enumerate(gcr.WRITE_TABLE_53)}
    before = path.read_bytes()
    assert m.close() == [] and path.read_bytes() == before


def test_the_16_sector_rom_comes_back_for_a_16_sector_disk(tmp_path):
    m = boot(dos32_style_disk(tmp_path), seconds=0.1)
    assert m.disk_card.rom_sectors == 13
    m.insert_disk(1, dsk(tmp_path / "regs.dsk", {(0, 0): assemble("boot_regs")}))
    assert m.disk_card.rom_sectors == 16 and m.peek(0xC6FF) == 0x00


# --- the user's boot ROM ----------------------------------------------------------------

def made_up_prom(last: int) -> bytes:
    """256 bytes of ours standing in for a user's PROM: an RTS loop, and $CnFF."""
    return bytes([0x4C, 0x00, 0xC6]) + bytes(252) + bytes([last])


@pytest.mark.parametrize("last,sectors", [(0xFF, 13), (0x00, 16)])
def test_a_users_prom_goes_in_the_card_and_stays_whatever_the_disk(tmp_path, last, sectors):
    """A 13-sector PROM makes the card a 13-sector one (as Apple's 341-0009
    did), a 16-sector one a 16-sector one; neither changes with the disk."""
    data = made_up_prom(last)
    m = Apple2(rom=None, disk_rom=data)
    assert m.disk_card.rom_sectors == sectors
    for image in (dsk(tmp_path / "a.dsk", {}), d13(tmp_path / "a.d13", {})):
        m.insert_disk(1, image)
        assert bytes(m.peek(0xC600 + i) for i in range(256)) == data
    with pytest.raises(RomError, match="256 bytes, not 255"):
        Apple2(rom=None, disk_rom=data[:255])


def test_disk_rom_on_the_command_line(tmp_path, capsys):
    """The 13-sector disk boots with our 13-sector ROM given by hand, named in
    one line; with the 16-sector one it cannot (the card keeps the user's)."""
    path = dos32_style_disk(tmp_path)
    for rom_file, boots in (("disk2_13.rom", True), ("disk2.rom", False)):
        status = cli.main(["run", str(path), "--headless", "--seconds", "3", "--print-screen",
                           "--disk-rom", str(ROMS / rom_file)])
        out, err = capsys.readouterr()
        assert status == 0, err
        sectors = 13 if "13" in rom_file else 16
        assert f"Disk II ROM: apple2 project boot ROM ({sectors} sectors), CRC32" in err
        assert (out.splitlines()[0].strip() == "PASS") is boots


@pytest.mark.parametrize("command", ["run", "debug"])
def test_a_bad_disk_rom_is_one_line_and_status_2(tmp_path, capsys, command):
    bad = tmp_path / "p5.bin"
    bad.write_bytes(bytes(100))
    argv = [command, "--disk-rom", str(bad)] + (["--headless"] if command == "run" else [])
    assert cli.main(argv) == 2
    err = [line for line in capsys.readouterr().err.splitlines() if line.startswith("apple2")]
    assert err == [f"apple2 {command}: {bad}: 100 bytes is not a Disk II boot ROM; "
                   "a Disk II boot ROM is 256 bytes (the P5 PROM, $Cn00-$CnFF)"]
