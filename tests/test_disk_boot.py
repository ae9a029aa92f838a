"""Whole-machine boots: our firmware finds the Disk II card, our boot ROM loads the disk.

The autostart firmware (roms/apple2.rom) boots the highest slot whose ROM has
the Disk II signature; from there it is all disk: the boot ROM, the
controller, the image.  Two disks: our homebrew disk (roms/homebrew.dsk,
whose boot sector reads track 0 through $Cn5C) and a2audit (real Apple II
software, in the shared test data, loaded by Peter Ferrie's Standard
Delivery, which steps the head itself).
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from emu import cli, conformance
from emu.machine import Apple2
from emu.rom import load_system_rom

ROOT = Path(__file__).resolve().parents[1]
FIRMWARE = ROOT / "roms" / "apple2.rom"


def test_homebrew_disk_boots_to_its_menu_from_the_command_line(capsys):
    status = cli.main(["run", str(ROOT / "roms" / "homebrew.dsk"), "--headless",
                       "--seconds", "3", "--print-screen"])
    out, err = capsys.readouterr()
    assert status == 0, err
    assert "APPLE II HOMEBREW DISK" in out and "ESC IN ANY PROGRAM COMES BACK HERE" in out


@pytest.fixture
def a2audit(tmp_path) -> Path:
    path = conformance.testdata_dir() / "apple2" / "a2audit_audit.dsk"
    if not path.is_file():
        pytest.skip(f"a2audit disk not found at {path} (set APPLE2_TESTDATA)")
    copy = tmp_path / "audit.dsk"
    shutil.copyfile(path, copy)
    return copy


def test_a2audit_passes_on_our_machine_with_our_firmware(a2audit):
    """a2audit's automatic part: the model check and the language-card tests.

    Then its interactive part: ESC answers the keyboard prompt; the video
    tests need a human to compare two screens, so SPACE starts them and ESC
    skips to the end.
    """
    m = Apple2(rom=load_system_rom(FIRMWARE).data)
    m.insert_disk(1, a2audit)
    m.run(seconds=6, render=False)
    m.key(0x1B)                                  # PRESS 'Y', 'N', SPACE, OR ESC
    m.run(seconds=2, render=False)
    lines = [line.strip() for line in m.text_screen().splitlines()]
    assert lines[:6] == ["APPLE II AUDIT 1.07", "", "MEMORY:64K", "APPLE II PLUS",
                         "TESTING LANGUAGE CARD", "LANGUAGE CARD TESTS SUCCEEDED"]
    assert "NOT IIE OR IIC:SKIPPING SOFTSWITCH TEST" in lines
    assert "HIT SPACE TO START" in lines
    assert not any("E00" in line or "FAILED" in line for line in lines), lines
    m.key(0x20)
    m.run(seconds=1, render=False)
    m.key(0x1B)
    m.run(seconds=1, render=False)
    assert m.text_screen().splitlines()[0].strip() == "END"
    before = a2audit.read_bytes()
    assert m.close() == [] and a2audit.read_bytes() == before     # nothing written


def test_a2audit_passes_its_iie_tests_on_the_enhanced_iie_with_our_firmware(a2audit):
    """a2audit on the enhanced IIe: model check, language card (main and aux), aux
    memory (the RAMRD/RAMWRT/ALTZP/80STORE/PAGE2/HIRES routing and the $Cxxx ROM
    tests: INTCXROM, SLOTC3ROM, INTC8ROM and $CFFF) and the soft-switch status reads.

    Our firmware's IIe build (roms/apple2ee.rom) boots the disk from slot 6.
    """
    m = Apple2(model="iie-enh", disks=[a2audit])
    m.run(seconds=8, render=False)
    m.key(0x1B)                                  # PRESS 'Y', 'N', SPACE, OR ESC
    m.run(seconds=2, render=False)
    lines = [line.strip() for line in m.text_screen().splitlines()]
    assert lines[:13] == ["APPLE II AUDIT 1.07", "", "MEMORY:128K", "APPLE IIE (ENHANCED)",
                          "TESTING LANGUAGE CARD", "LANGUAGE CARD TESTS SUCCEEDED",
                          "TESTING AUX MEM", "TESTING LANGUAGE CARD",
                          "LANGUAGE CARD TESTS SUCCEEDED", "AUXMEM TESTS SUCCEEDED",
                          "TESTING SOFTSWITCHES", "SOFTSWITCH TESTS SUCCEEDED",
                          "PRESS 'Y', 'N', SPACE, OR ESC"], lines
    assert "HIT SPACE TO START" in lines
    assert not any("E00" in line or "FAILED" in line for line in lines), lines
    assert m.close() == []


@pytest.mark.parametrize("kind", ["woz1", "woz2", "nib", "po"])
def test_the_homebrew_disk_boots_from_every_image_format(tmp_path, kind):
    """The same disk as WOZ 1 and 2 (bit tracks), .nib (nibbles) and .po (ProDOS order)."""
    from emu.disk import images, woz
    disk = images.load(ROOT / "roms" / "homebrew.dsk")
    path = tmp_path / f"homebrew.{kind[:3]}"
    if kind.startswith("woz"):
        path.write_bytes(woz.from_disk(disk, version=int(kind[-1])))
    elif kind == "nib":
        path.write_bytes(images.nib_image(disk))
    else:                                        # the same sectors, stored in ProDOS order
        dsk, po = (ROOT / "roms" / "homebrew.dsk").read_bytes(), bytearray(143_360)
        dos, prodos = images.ORDERS["dos"], images.ORDERS["prodos"]
        for track in range(35):
            for p in range(16):                  # physical sector p sits at these file sectors
                src, dst = (track * 16 + dos[p]) * 256, (track * 16 + prodos[p]) * 256
                po[dst:dst + 256] = dsk[src:src + 256]
        path.write_bytes(bytes(po))
    m = Apple2(rom=load_system_rom(FIRMWARE).data, disks=[path])
    assert m.disk_card.disks[0].kind == {"woz": "woz", "nib": "nib", "po": "dsk"}[kind[:3]]
    m.run(seconds=3, render=False)
    assert "ESC IN ANY PROGRAM COMES BACK HERE" in m.text_screen()
    before = path.read_bytes()
    assert m.close() == [] and path.read_bytes() == before


@pytest.mark.parametrize("kind", ["woz1", "woz2", "nib"])
def test_a2audit_boots_from_every_image_format(a2audit, tmp_path, kind):
    """a2audit turned into bit tracks (WOZ 1, 2) and nibbles (.nib): Standard Delivery
    still loads it through the sequencer and it reports the language card as before."""
    from emu.disk import images, woz
    disk = images.load(a2audit)
    path = tmp_path / f"audit.{kind[:3]}"
    if kind.startswith("woz"):
        path.write_bytes(woz.from_disk(disk, version=int(kind[-1])))
    else:
        path.write_bytes(images.nib_image(disk))
    m = Apple2(rom=load_system_rom(FIRMWARE).data, disks=[path])
    m.run(seconds=6, render=False)
    lines = [line.strip() for line in m.text_screen().splitlines()]
    assert "LANGUAGE CARD TESTS SUCCEEDED" in lines, lines
    assert m.close() == []
