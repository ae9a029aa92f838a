"""A ProDOS-like boot disk of our own (tests/programs/prodoslike.s) on our firmware.

The disk needs of the monitor ROM what ProDOS 8's loader and kernel need of
it on an Apple II Plus (the program's header lists each mechanism and where
it is documented): MOVE, the screen routines, the identification bytes and
the IIgs ID call, a language card with its own vectors beside the ROM's,
interrupts through the ROM's $FFFE handler to $03FE with A in $45, BRK
through $03F0, IORTS, and the reset vector with SETPWRC.  Then it does what
programs that run from the language card do: it copies the monitor into
the card, fills the card's $D000-$F7FF with BRKs and its own code, lays a
handler made the way ProDOS makes its own over the card's $FF9B-$FFFF, and
runs from the card: it calls the monitor's routines in the copy, takes an
interrupt and a BRK through its handler into the ROM (by the ROM's RTS at
$FFCB and its IRQ handler's $FA42), runs its menu there, and Ctrl-Reset
comes back to the menu through the card's RESET vector and the ROM.  It
prints each check with OK or FAILED and reaches its menu only if all of
them pass.  The disk is a ProDOS-order image (.po); our Disk II boot ROM
boots it.

The same disk on a copy of our ROM with one mechanism broken stops at that
check: the disk depends on each of them.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from emu import bus
from emu.disk import gcr
from emu.machine import Apple2

from firmware_calls import ROM_PATH

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "programs" / "prodoslike.s"
CHECKS = ["MOVE OK", "MACHINE II+ OK", "64K OK", "IRQ OK", "BRK OK", "IORTS OK",
          "RESET VECTOR OK", "CARD MONITOR OK", "CARD IRQ OK", "CARD BRK OK"]


@pytest.fixture(scope="module")
def disk(tmp_path_factory) -> Path:
    """The program assembled and laid on track 0 of a ProDOS-order image."""
    ophis = shutil.which("ophis")
    if ophis is None:
        pytest.skip("the ophis assembler is not installed (pip install ophis-asm): "
                    "tests/programs/prodoslike.s cannot be assembled")
    out = tmp_path_factory.mktemp("prodoslike")
    binary = out / "prodoslike.bin"
    done = subprocess.run([ophis, "-o", str(binary), str(SOURCE)], capture_output=True,
                          text=True)
    assert done.returncode == 0, f"ophis failed:\n{done.stdout}{done.stderr}"
    code = binary.read_bytes()
    sectors = code[0]                           # the boot ROM reads that many
    assert len(code) <= sectors * 256, "the program outgrew the sectors its boot byte asks for"
    image = bytearray(gcr.TRACK_SIZE * 35)
    for physical in range(sectors):             # physical sector p -> $0800 + 256 p
        at = gcr.PRODOS_ORDER[physical] * gcr.SECTOR_SIZE
        piece = code[physical * 256:(physical + 1) * 256]
        image[at:at + len(piece)] = piece
    path = out / "prodoslike.po"
    path.write_bytes(bytes(image))
    return path


def boot(disk: Path, rom: bytes | None = None, seconds: float = 4) -> Apple2:
    m = Apple2(rom=rom if rom is not None else ROM_PATH.read_bytes(), disks=[disk])
    for _ in range(int(seconds * 60)):
        m.run(frames=1, render=False)
        if "MENU READY" in m.text_screen() or "FAILED" in m.text_screen():
            break
    return m


def lines(m: Apple2) -> list[str]:
    return [line.rstrip() for line in m.text_screen().splitlines()]


def test_the_disk_reaches_its_menu_on_our_firmware_and_boot_rom(disk):
    m = boot(disk)
    screen = lines(m)
    assert screen[:len(CHECKS) + 1] == ["PRODOS-LIKE LOADER"] + CHECKS, "\n".join(screen)
    assert "MENU READY, SLOT $06" in screen
    title = screen.index(" PRODOS-LIKE MENU")
    row = 0x400 + 128 * (title % 8) + 40 * (title // 8)
    assert all(m.peek(row + c) < 0x40 for c in range(18))     # the inverse title bar
    m.type_text("2")
    m.run(frames=10, render=False)
    assert "PICKED 2" in lines(m)


def test_ctrl_reset_comes_back_through_softev_to_the_menu(disk):
    m = boot(disk)
    assert "MENU READY, SLOT $06" in lines(m)
    assert m.io[bus.LC_READ_RAM] == 1           # the menu runs from the card: RESET
    m.reset()                                   # goes by the card's vector, then the ROM's
    m.run(frames=30, render=False)
    screen = lines(m)
    assert screen[0] == "RESET CAME BACK" and "MENU READY, SLOT $06" in screen


# One mechanism broken in a copy of our ROM -> the check that needs it fails.
BREAKAGES = {
    "MACHINE": [(0xFBB3, 0x06)],                # a IIe's identification byte
    "IRQ": [(0xFA40, 0xEA), (0xFA41, 0xEA)],    # the handler no longer saves A in $45
    "BRK": [(0xFA4C, 0x6C), (0xFA4D, 0xF0), (0xFA4E, 0x03)],   # straight to BRKV, frame kept
    "RESET VECTOR": [(0xFB6F, 0x60)],           # SETPWRC an RTS
    # SETNORM a JMP to a copy of itself at $D800: fine from the ROM, not in the card
    "CARD MONITOR": list(zip(range(0xD800, 0xD805), (0xA0, 0xFF, 0x84, 0x32, 0x60)))
    + [(0xFE84, 0x4C), (0xFE85, 0x00), (0xFE86, 0xD8)],
    "CARD IRQ": [(0xFFCB, 0xEA)],              # no RTS where ProDOS's handler lands
}


@pytest.mark.parametrize("check", BREAKAGES)
def test_each_mechanism_is_needed(disk, check):
    rom = bytearray(ROM_PATH.read_bytes())
    for address, value in BREAKAGES[check]:
        rom[address - 0xD000] = value
    m = boot(disk, bytes(rom))
    screen = lines(m)
    failed = [line for line in screen if line.endswith("FAILED")]
    assert len(failed) == 1 and failed[0].startswith(check), "\n".join(screen)
    assert not any("MENU READY" in line for line in screen)

