"""Build ``roms/homebrew.dsk``: a bootable disk of the homebrew programs.

    python -m emu.tools.homebrew_disk [OUT]     # default: roms/homebrew.dsk

The disk holds everything on track 0 (its 16 sectors are 4 KiB: enough for
the menu, the game, the tune and the demo), laid out for its own boot sector,
``roms/src/homebrew/boot.s``:

* physical sector 0 (the one the Disk II boot ROM reads to $0800) is the
  boot sector, ``roms/homebrew_boot.bin``;
* physical sector s = 1..15 holds the 256 bytes the loader wants at page
  $08 + s, i.e. $0900-$17FF: the menu at $0900, the game at $0C00, the
  Mockingboard tune at $1100 and the demo at $1400 (``PROGRAMS``; gaps are
  zeros).

The rest of the disk (tracks 1-34) is zeros: there is no DOS and no catalog.

Sector order: a ``.dsk`` file is in DOS 3.3 order: the 256-byte block at
offset ``(track * 16 + n) * 256`` is DOS's *logical* sector n, which DOS 3.3
stores at physical sector ``LOGICAL_TO_PHYSICAL[n]`` of the track (DOS 3.3
interleaves in software: its RWTS maps each logical sector number it is
asked for to a physical one with this table).  The boot ROM and our loader
ask for physical sectors, so each page goes to the logical sector that maps
onto the physical sector the loader reads it from.

References: "Beneath Apple DOS" (Worth and Lechner, 1981), ch. 3 (sector
interleaving: DOS 3.3 writes sectors 0-15 in physical order and translates
in software), ch. 8 (the boot ROM reading T0S0 to $0800 and jumping to
$0801); the commented DOS 3.3 RWTS listing in Apple Assembly Line (1981),
which spells out the logical-to-physical table.

The inputs are the committed binaries in ``roms/`` (``python -m
emu.tools.build_roms`` rebuilds them from their sources), so building the
disk needs no assembler.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROMS = Path(__file__).resolve().parents[2] / "roms"
DEFAULT_OUT = ROMS / "homebrew.dsk"

SECTOR = 256
SECTORS_PER_TRACK = 16
TRACKS = 35
DISK_SIZE = TRACKS * SECTORS_PER_TRACK * SECTOR          # 143,360 bytes

# DOS 3.3: logical sector n of a track is physical sector LOGICAL_TO_PHYSICAL[n].
LOGICAL_TO_PHYSICAL = (0x0, 0xD, 0xB, 0x9, 0x7, 0x5, 0x3, 0x1,
                       0xE, 0xC, 0xA, 0x8, 0x6, 0x4, 0x2, 0xF)
PHYSICAL_TO_LOGICAL = tuple(LOGICAL_TO_PHYSICAL.index(p) for p in range(SECTORS_PER_TRACK))

BOOT = "homebrew_boot.bin"
BOOT_PAGE = 0x08                # the boot ROM puts sector 0 at $0800
# (binary in roms/, load address, end): the addresses of roms/src/homebrew/map.s.
PROGRAMS = (
    ("homebrew_menu.bin", 0x0900, 0x0C00),
    ("homebrew_snake.bin", 0x0C00, 0x1100),
    ("homebrew_music.bin", 0x1100, 0x1400),
    ("homebrew_demo.bin", 0x1400, 0x1800),
)
FIRST_PAGE = 0x09               # the loader fills pages $09-$17...
LAST_PAGE = 0x17


def page_of(physical: int) -> int:
    """The memory page the loader reads physical sector 1-15 of track 0 into."""
    return BOOT_PAGE + physical


def memory_image(roms: Path = ROMS) -> bytes:
    """$0900-$17FF as the loader leaves it: every program at its address."""
    base = FIRST_PAGE * SECTOR
    image = bytearray((LAST_PAGE + 1) * SECTOR - base)
    for name, start, end in PROGRAMS:
        data = (roms / name).read_bytes()
        if len(data) > end - start:
            raise ValueError(f"{name} is {len(data)} bytes: more than its "
                             f"${start:04X}-${end - 1:04X}")
        image[start - base:start - base + len(data)] = data
    return bytes(image)


def disk_offset(track: int, physical: int) -> int:
    """Where physical sector ``physical`` of ``track`` is in a DOS-order .dsk."""
    return (track * SECTORS_PER_TRACK + PHYSICAL_TO_LOGICAL[physical]) * SECTOR


def disk_image(roms: Path = ROMS) -> bytes:
    """The 143,360 bytes of the disk."""
    disk = bytearray(DISK_SIZE)
    boot = (roms / BOOT).read_bytes()
    if len(boot) > SECTOR:
        raise ValueError(f"{BOOT} is {len(boot)} bytes: a boot sector holds {SECTOR}")
    disk[disk_offset(0, 0):disk_offset(0, 0) + len(boot)] = boot
    memory = memory_image(roms)
    for physical in range(1, SECTORS_PER_TRACK):
        start = (page_of(physical) - FIRST_PAGE) * SECTOR
        offset = disk_offset(0, physical)
        disk[offset:offset + SECTOR] = memory[start:start + SECTOR]
    return bytes(disk)


def build(out_path: str | Path = DEFAULT_OUT, roms: str | Path = ROMS) -> bytes:
    """Write the disk to ``out_path`` from the binaries in ``roms``; returns its bytes."""
    disk = disk_image(Path(roms))
    Path(out_path).write_bytes(disk)
    return disk


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else DEFAULT_OUT
    build(out)
    print(f"wrote {out} ({DISK_SIZE} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
