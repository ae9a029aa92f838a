"""System ROM files: load an image, check its size, say what it is and which model it is for.

    >>> rom = load_system_rom("apple2plus.rom")        # doctest: +SKIP
    >>> rom.describe()                                  # doctest: +SKIP
    'ROM: Apple II+ (Applesoft, autostart monitor), CRC32 ...'
    >>> Apple2(rom=rom.data)                            # doctest: +SKIP

Two file sizes are accepted:

* 12,288 bytes: the whole ROM space $D000-$FFFF, the six 2 KiB sockets D0, D8,
  E0, E8, F0 and F8 of the motherboard in that order (the usual dump of an
  Apple II or II+ ROM set);
* 2,048 bytes: the monitor ROM alone, the F8 socket ($F800-$FFFF).  The rest,
  $D000-$F7FF, reads $FF as empty sockets do.

An image is identified by the CRC32 of each of its six 2 KiB chips, so a dump
is recognised whatever tool concatenated it.  Apple's ROMs are copyrighted:
this module holds only their part numbers and checksums, never their bytes.

The Apple IIe's ROM is two 8 KiB chips, CD ($C000-$DFFF, whose $C100-$CFFF
is the IIe's internal ROM) and EF ($E000-$FFFF):

* 16,384 bytes: the two chips in one file, $C000-$FFFF;
* two files of 8,192 bytes: the chips themselves (``load_system_rom(cd, ef)``,
  either order).

A IIe image picks the model: the original IIe's chips make ``iie``, the
enhanced IIe's ``iie-enh`` (:attr:`RomImage.model`).  An image we do not know
is placed by its identification bytes, $FBB3 and $FBC0 (Apple II
Miscellaneous Technical Note #2), as software identifies the machine.

The Disk II card's boot ROM (the P5 PROM, $Cn00-$CnFF) is a file of its own:

    >>> prom = load_disk_rom("341-0027.bin")            # doctest: +SKIP
    >>> prom.describe()                                 # doctest: +SKIP
    'Disk II ROM: Apple 341-0027 (16-sector P5), CRC32 ce7144f6'

A 13-sector PROM (341-0009) makes the card a 13-sector one.
"""
from __future__ import annotations

import os
import zlib
from dataclasses import dataclass
from pathlib import Path

from .userfiles import InputError, read_input

ROM_SIZE = 0x3000       # $D000-$FFFF
IIE_ROM_SIZE = 0x4000   # $C000-$FFFF
CHIP_SIZE = 0x800       # one 2316/2716-type ROM socket
IIE_CHIP_SIZE = 0x2000  # one of the IIe's two 2364-type ROMs
SOCKETS = ("D0", "D8", "E0", "E8", "F0", "F8")
ACCEPTED = ("a system ROM is 12288 bytes ($D000-$FFFF) or 2048 bytes (the $F800 monitor "
            "ROM alone) for the II+, 16384 bytes ($C000-$FFFF) or the two 8192-byte chips "
            "for a IIe")

# The CRC32 of each Apple ROM chip of the Apple II and II+ motherboards, by
# Apple part number.  Source: MAME, src/mame/apple/apple2.cpp (ROM_START
# apple2 and apple2p, the ROM_LOAD lines; commit 00efb006a526).  MAME marks
# 341-0001..341-0003 "needs verification" (dumped from one board off eBay).
CHIPS: dict[int, tuple[str, str]] = {
    0x4234E88A: ("341-0016", "Programmer's Aid #1"),            # D0, optional
    0xC0A4AD3B: ("341-0001", "Integer BASIC (E0)"),
    0xA99C2CF6: ("341-0002", "Integer BASIC (E8)"),
    0x62230D38: ("341-0003", "Integer BASIC and mini-assembler (F0)"),
    0x020A86D0: ("341-0004", "original monitor"),               # F8
    0x6F05F949: ("341-0011", "Applesoft (D0)"),
    0x1F08087C: ("341-0012", "Applesoft (D8)"),
    0x2B8D9A89: ("341-0013", "Applesoft (E0)"),
    0x5719871A: ("341-0014", "Applesoft (E8)"),
    0x9A04EECF: ("341-0015", "Applesoft (F0)"),
    0x079589C4: ("341-0020", "autostart monitor"),              # F8
}

# The CRC32 of each of the Apple IIe's two ROM chips, by Apple part number:
# (part, socket, model).  Source: MAME, src/mame/apple/apple2e.cpp, ROM_START
# apple2e (342-0135-b.64 and 342-0134-a.64) and apple2ee (342-0304-a.e10 and
# 342-0303-a.e8).
IIE_CHIPS: dict[int, tuple[str, str, str]] = {
    0xE248835E: ("342-0135-B", "CD", "iie"),
    0xFC3D59D8: ("342-0134-A", "EF", "iie"),
    0x443AA7C4: ("342-0304-A", "CD", "iie-enh"),
    0x95E10034: ("342-0303-A", "EF", "iie-enh"),
}
IIE_NAMES = {"iie": "Apple IIe", "iie-enh": "enhanced Apple IIe"}

# Which chips make up each BASIC, socket by socket from D0 (None: the socket
# may be empty) and the two monitors of the F8 socket.
_APPLESOFT = ("341-0011", "341-0012", "341-0013", "341-0014", "341-0015")
_INTEGER = ("341-0001", "341-0002", "341-0003")                 # E0, E8, F0
_MONITORS = {"341-0004": "original monitor", "341-0020": "autostart monitor"}

# This project's own firmware (roms/src/apple2.s) starts with this string at
# $D000.  It is recognised by it, not by a checksum, since it changes as it
# is developed.
OUR_SIGNATURE = b"APPLE2 PY FIRMWARE\0"
OUR_NAME = "apple2 project firmware"


class RomError(InputError):
    """A ROM file that cannot be used; the message names the file."""


@dataclass(frozen=True)
class RomImage:
    """A system ROM ready for :meth:`emu.machine.Apple2.load_rom`.

    ``data`` is the 12 KiB image of $D000-$FFFF, or for a IIe the 16 KiB one
    of $C000-$FFFF; ``name`` says what the file is (None if unknown);
    ``crc32`` is the checksum of the file as read; ``model`` the model it is
    for (``emu.models``).
    """

    data: bytes
    name: str | None
    crc32: int
    model: str = "ii+"

    def describe(self) -> str:
        """One line for the user: "ROM: <name>, CRC32 <hex>"."""
        if self.name is None:
            return f"ROM: unknown image, CRC32 {self.crc32:08x}"
        return f"ROM: {self.name}, CRC32 {self.crc32:08x}"


def _read(path: str | os.PathLike, limit: int = IIE_ROM_SIZE, accepted: str = ACCEPTED,
          what: str = "system ROM") -> bytes:
    """A ROM file's bytes (at most ``limit``); a RomError naming it if it cannot be used."""
    return read_input(path, limit, what, RomError, hint=accepted)


def load_system_rom(path: str | os.PathLike, second: str | os.PathLike | None = None) -> RomImage:
    """Read a system ROM file (or a IIe's two chip files); raises :class:`RomError` if unusable."""
    data = _read(path)
    if second is not None:
        return _iie_chips(path, data, second, _read(second))
    crc = zlib.crc32(data)
    if len(data) == ROM_SIZE:
        return RomImage(data, identify(data), crc)
    if len(data) == CHIP_SIZE:
        return RomImage(b"\xff" * (ROM_SIZE - CHIP_SIZE) + data, identify_monitor(data), crc)
    if len(data) == IIE_ROM_SIZE:
        name, model = identify_iie(data)
        return RomImage(data, name, crc, model)
    if len(data) == IIE_CHIP_SIZE:
        raise RomError(f"{path}: 8192 bytes is one of a IIe's two ROM chips: give both "
                       f"(--rom CD --rom EF); {ACCEPTED}")
    raise RomError(f"{path}: {len(data)} bytes is not a system ROM size; {ACCEPTED}")


def _iie_chips(path, data: bytes, second, other: bytes) -> RomImage:
    """The IIe's CD and EF chips, given in either order, as one $C000-$FFFF image."""
    for where, chip in ((path, data), (second, other)):
        if len(chip) != IIE_CHIP_SIZE:
            raise RomError(f"{where}: {len(chip)} bytes is not a IIe ROM chip (8192 bytes); "
                           f"{ACCEPTED}")
    first = IIE_CHIPS.get(zlib.crc32(data))
    if first is not None and first[1] == "EF":
        data, other = other, data
    image = data + other
    name, model = identify_iie(image)
    return RomImage(image, name, zlib.crc32(image), model)


def identify_iie(image: bytes) -> tuple[str | None, str]:
    """Name a 16 KiB $C000-$FFFF image, and the model it is for.

    Apple's chips by their CRC32; our firmware by its signature; anything
    else is unnamed, its model read from the ID bytes $FBB3 and $FBC0.
    """
    cd = IIE_CHIPS.get(zlib.crc32(image[:IIE_CHIP_SIZE]))
    ef = IIE_CHIPS.get(zlib.crc32(image[IIE_CHIP_SIZE:]))
    by_id = "iie-enh" if image[0xFBC0 - 0xC000] == 0xE0 else "iie"
    if image[0x1000:].startswith(OUR_SIGNATURE):
        return f"{OUR_NAME}, {IIE_NAMES[by_id]}", by_id
    if cd and ef and cd[2] == ef[2] and cd[1] == "CD" and ef[1] == "EF":
        return f"{IIE_NAMES[cd[2]]} ({cd[0]} and {ef[0]})", cd[2]
    return None, by_id


def chip_parts(image: bytes) -> list[str | None]:
    """The Apple part number in each socket D0..F8 of a 12 KiB image (None: unknown)."""
    parts = []
    for i in range(len(SOCKETS)):
        chip = CHIPS.get(zlib.crc32(image[i * CHIP_SIZE:(i + 1) * CHIP_SIZE]))
        parts.append(chip[0] if chip else None)
    return parts


def _empty(chip: bytes) -> bool:
    """An empty socket, as dumpers save it: all $FF (floating bus) or all $00."""
    return chip.count(chip[:1]) == len(chip) and chip[:1] in (b"\xff", b"\x00")


def identify(image: bytes) -> str | None:
    """Name a 12 KiB $D000-$FFFF image: our firmware, or Apple's by its chips; else None."""
    if image.startswith(OUR_SIGNATURE):
        return OUR_NAME
    parts = chip_parts(image)
    monitor = _MONITORS.get(parts[5])
    if monitor is None:
        return None
    if tuple(parts[:5]) == _APPLESOFT:
        machine = "Apple II+" if parts[5] == "341-0020" else "Apple II"
        return f"{machine} (Applesoft, {monitor})"
    if tuple(parts[2:5]) == _INTEGER:
        d0, d8 = image[:CHIP_SIZE], image[CHIP_SIZE:2 * CHIP_SIZE]
        extra = ""
        if parts[0] == "341-0016" and _empty(d8):
            extra = ", Programmer's Aid #1"
        elif not (_empty(d0) and _empty(d8)):
            return None
        return f"Apple II (Integer BASIC, {monitor}{extra})"
    return None


def identify_monitor(chip: bytes) -> str | None:
    """Name a 2 KiB F8 ROM, or None if it is not one of Apple's monitors."""
    known = CHIPS.get(zlib.crc32(chip))
    if known is None or known[0] not in _MONITORS:
        return None
    return f"Apple II {_MONITORS[known[0]]} ROM {known[0]} alone, no BASIC"


# --- the Disk II card's boot ROM (P5) -------------------------------------------------

DISK_ROM_SIZE = 256
DISK_ACCEPTED = "a Disk II boot ROM is 256 bytes (the P5 PROM, $Cn00-$CnFF)"

# The CRC32 of Apple's Disk II boot PROMs: part number, sectors per track.
# Source: MAME, src/devices/bus/a2bus/a2diskiing.cpp (ROM_START diskiing,
# "341-0027-a.p5", and ROM_START diskiing13, "341-0009.bin").
DISK_PROMS: dict[int, tuple[str, int]] = {
    0xCE7144F6: ("341-0027", 16),
    0xD34EB2FF: ("341-0009", 13),
}

# This project's own boot ROMs (roms/src/disk2.s, disk2_13.s), recognised by
# their bytes, which change as they are developed.
OUR_DISK_ROMS = {"disk2.rom": 16, "disk2_13.rom": 13}
ROMS_DIR = Path(__file__).resolve().parents[1] / "roms"


@dataclass(frozen=True)
class DiskRom:
    """A Disk II boot ROM: its 256 bytes, what it is (None: unknown), and 13 or 16 sectors."""

    data: bytes
    name: str | None
    crc32: int
    sectors: int

    def describe(self) -> str:
        """One line for the user: "Disk II ROM: <name>, CRC32 <hex>"."""
        if self.name is None:
            return (f"Disk II ROM: unknown image, {self.sectors} sectors by its $CnFF byte, "
                    f"CRC32 {self.crc32:08x}")
        return f"Disk II ROM: {self.name}, CRC32 {self.crc32:08x}"


def identify_disk_rom(data: bytes) -> DiskRom:
    """Name 256 bytes of Disk II boot ROM: Apple's by CRC32, ours by content.

    An unknown one counts as 13-sector if its last byte ($CnFF) is $FF, the
    mark of the 13-sector card, and as 16-sector otherwise ($00 on the
    16-sector card), as ProDOS tells them apart.
    """
    crc = zlib.crc32(data)
    if crc in DISK_PROMS:
        part, sectors = DISK_PROMS[crc]
        return DiskRom(data, f"Apple {part} ({sectors}-sector P5)", crc, sectors)
    for name, sectors in OUR_DISK_ROMS.items():
        try:
            ours = (ROMS_DIR / name).read_bytes()
        except OSError:
            continue
        if ours == data:
            return DiskRom(data, f"apple2 project boot ROM ({sectors} sectors)", crc, sectors)
    return DiskRom(data, None, crc, 13 if data[-1:] == b"\xff" else 16)


WAIT = 0xFCA8           # the monitor's delay, (26 + 27 A + 5 A^2) / 2 cycles


def stand_in_rom() -> bytes:
    """$D000-$FFFF for programs run without a monitor (tests, the disk benchmark): RTS
    everywhere ($FF58 too, for a boot ROM's slot search), except WAIT, which is our
    firmware's own (roms/apple2.rom): a boot ROM steps the head with it, and the head
    needs that time to follow."""
    rom = bytearray(b"\x60" * ROM_SIZE)
    ours = (ROMS_DIR / "apple2.rom").read_bytes()
    start = WAIT - 0xD000
    end = ours.index(0x60, start) + 1          # through its RTS
    rom[start:end] = ours[start:end]
    return bytes(rom)


def load_disk_rom(path: str | os.PathLike) -> DiskRom:
    """Read a Disk II boot ROM file; raises :class:`RomError` if it cannot be used."""
    data = _read(path, DISK_ROM_SIZE, DISK_ACCEPTED, "Disk II boot ROM")
    if len(data) != DISK_ROM_SIZE:
        size = f"more than {DISK_ROM_SIZE}" if len(data) > DISK_ROM_SIZE else str(len(data))
        raise RomError(f"{path}: {size} bytes is not a Disk II boot ROM; {DISK_ACCEPTED}")
    return identify_disk_rom(data)
