"""Play the homebrew programs now, without a disk controller or a system ROM.

    python -m emu.tools.homebrew_play                 # a window, the menu
    python -m emu.tools.homebrew_play --start snake   # straight into the game
    python -m emu.tools.homebrew_play --headless --frames 60 --screenshot menu.png

Puts the committed binaries from ``roms/`` in RAM where the boot disk's
loader would (``homebrew_disk.PROGRAMS``) and starts one, as booting
``roms/homebrew.dsk`` will once the Disk II controller exists.  The programs
call no ROM routine, so no ROM is needed; ``--rom FILE`` adds one for the
menu's "monitor" choice (without it that choice runs into empty ROM space).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import homebrew_disk

ENTRY = {"menu": 0x0900, "snake": 0x0C00, "demo": 0x1400}


def machine(start: str = "menu", rom: bytes | None = None, roms: Path = homebrew_disk.ROMS):
    """An Apple2 with the menu, the game and the demo loaded, about to run ``start``."""
    from ..machine import Apple2
    m = Apple2(rom=rom)
    for name, address, _ in homebrew_disk.PROGRAMS:
        m.load(address, (roms / name).read_bytes())
    m.cpu.set_pc(ENTRY[start])
    return m


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m emu.tools.homebrew_play",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--start", choices=sorted(ENTRY), default="menu")
    parser.add_argument("--rom", help="a 12 KiB or 2 KiB system ROM image (optional)")
    parser.add_argument("--headless", action="store_true", help="no window")
    parser.add_argument("--frames", type=int, help="frames to run (headless default: 60)")
    parser.add_argument("--type", help="keys to type once running")
    parser.add_argument("--screenshot", help="save the last frame as a PNG")
    parser.add_argument("--print-screen", action="store_true",
                        help="print the 40x24 text screen at the end")
    args = parser.parse_args(argv)
    rom = Path(args.rom).read_bytes() if args.rom else None
    m = machine(args.start, rom)
    if args.type:
        m.type_text(args.type.replace("\\n", "\n"))
    if args.headless:
        m.run(frames=60 if args.frames is None else args.frames)
        if args.screenshot:
            m.screenshot(args.screenshot)
    else:
        from ..frontend import run_window
        run_window(m, frames=args.frames, screenshot=args.screenshot)
    if args.print_screen:
        print(m.text_screen())
    return 0


if __name__ == "__main__":
    sys.exit(main())
