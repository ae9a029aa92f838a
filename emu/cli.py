"""The ``apple2`` command."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import emu
from .jitprogress import compile_notice

# Our own firmware (roms/src/), the ROM ``apple2 run`` uses without --rom.
DEFAULT_ROM = Path(emu.__file__).resolve().parents[1] / "roms" / "apple2.rom"
# The homebrew boot disk (roms/src/homebrew/), which ``apple2`` alone boots.
DEFAULT_DISK = DEFAULT_ROM.with_name("homebrew.dsk")
MONO = {"white": 1, "green": 2, "amber": 3}     # Apple2(colour=...)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="apple2", description="An Apple II emulator.")
    sub = parser.add_subparsers(dest="command")

    conf = sub.add_parser("conformance", help="run third-party CPU test suites")
    conf_sub = conf.add_subparsers(dest="suite", required=True)
    klaus = conf_sub.add_parser("klaus", help="Klaus Dormann's functional, 65C02, interrupt "
                                              "and decimal tests")
    klaus.add_argument("--testdata", help="the shared test data folder "
                                          "(default: $APPLE2_TESTDATA or ../shared/testdata)")
    single = conf_sub.add_parser("singlestep", help="Tom Harte's single-step tests")
    single.add_argument("dir", help="a folder of XX.json.gz files, e.g. .../singlestep/6502")
    single.add_argument("--cpu", choices=("6502", "65c02"), default="6502")

    dis = sub.add_parser("disasm", help="disassemble a binary file")
    dis.add_argument("file")
    dis.add_argument("--org", default="0", help="load address of the file (hex: $0800, 0x800)")
    dis.add_argument("--cpu", choices=("6502", "65c02"), default="6502")

    run = sub.add_parser(
        "run", help="run the Apple II+",
        description="Run the Apple II+ in a window, or headless for a number of "
                    "emulated frames or seconds.")
    _disk_options(run)
    run.add_argument("--rom", metavar="ROM",
                     help="system ROM: a 12 KiB $D000-$FFFF image or a 2 KiB $F800 monitor "
                          "ROM (default: our own firmware, roms/apple2.rom)")
    run.add_argument("--cpu", choices=("6502", "65c02"), default="6502")
    run.add_argument("--headless", action="store_true",
                     help="no window: run as fast as possible, then stop")
    length = run.add_mutually_exclusive_group()
    length.add_argument("--seconds", type=_non_negative(float), metavar="S",
                        help="emulated seconds to run (headless default: 5)")
    length.add_argument("--frames", type=_non_negative(int), metavar="N",
                        help="frames to run (about 60 a second)")
    run.add_argument("--speed", type=_speed, default="1", metavar="N|max",
                     help="window: 1 = real time, 2 = twice as fast (any positive "
                          "number), max = as fast as possible")
    run.add_argument("--type", metavar="TEXT",
                     help="type these keys once the machine runs (\\n or \\r: Return)")
    run.add_argument("--screenshot", metavar="FILE.png",
                     help="save the last frame as a 560x384 PNG")
    run.add_argument("--print-screen", action="store_true",
                     help="print the 40x24 text screen at the end")
    run.add_argument("--mono", choices=tuple(MONO),
                     help="a monochrome monitor instead of NTSC colour")
    run.add_argument("--charset", metavar="FILE",
                     help="a 2 KiB Apple II+ character ROM (default: our own glyphs)")

    disk = sub.add_parser("disk", help="disk image tools")
    disk_sub = disk.add_subparsers(dest="disk_command", required=True)
    info = disk_sub.add_parser("info", help="format, tracks, sector order, write "
                                            "protection and catalog of an image")
    info.add_argument("file")
    info.add_argument("--order", choices=("dos", "prodos"))

    dbg = sub.add_parser(
        "debug", help="run the Apple II+ under an interactive debugger",
        description="A monitor for a terminal: break, watch, step, regs, mem, disasm, trace, "
                    "continue, save and load state.  Type help at its prompt.")
    _disk_options(dbg)
    dbg.add_argument("--rom", metavar="ROM", help="system ROM (default: our firmware)")
    dbg.add_argument("--no-rom", action="store_true", help="no system ROM: empty $D000-$FFFF")
    dbg.add_argument("--cpu", choices=("6502", "65c02"), default="6502")
    dbg.add_argument("--load", action="append", default=[], metavar="FILE@ADDR",
                     help="put a binary in RAM at ADDR (hex), e.g. game.bin@0800; repeatable")
    dbg.add_argument("--pc", metavar="ADDR", help="start at ADDR instead of the RESET vector")
    dbg.add_argument("--state", metavar="FILE", help="resume a saved state")
    dbg.add_argument("--commands", metavar="FILE",
                     help="read the debugger's commands from FILE instead of the terminal")

    bench = sub.add_parser("bench", help="measure emulation speed")
    bench.add_argument("what", nargs="?", default="suite",
                       choices=("suite", "cpu", "native", "machine", "overhead", "disk"),
                       help="one part, or (the default) the whole suite")
    bench.add_argument("--quick", action="store_true", help="a short run")
    return parser


def _disk_options(parser: argparse.ArgumentParser) -> None:
    """The disk arguments ``run`` and ``debug`` share."""
    parser.add_argument("disk1", nargs="?", metavar="DISK1",
                        help="disk image for drive 1 (.dsk, .do, .po, .nib, .woz); "
                             "installs the Disk II card, whose ROM boots it")
    parser.add_argument("--disk2", metavar="DISK2", help="disk image for drive 2")
    parser.add_argument("--disk-card", action="store_true",
                        help="install the Disk II card even without a disk")
    parser.add_argument("--disk-slot", type=int, choices=range(1, 8), default=6, metavar="N",
                        help="the Disk II card's slot (default 6)")
    parser.add_argument("--order", choices=("dos", "prodos"),
                        help="sector order of .dsk images (default: by extension and content)")
    parser.add_argument("--write-protect", action="store_true",
                        help="insert the disks write-protected: the Apple sees the tab, and "
                             "the image files are never written")
    parser.add_argument("--disk-sequencer", metavar="P6",
                        help="run the card's logic state sequencer from your own P6 PROM "
                             "image (341-0028 or 341-0010, checked by CRC32) instead of our "
                             "table of it")


def _non_negative(kind):
    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        if value < 0:
            raise argparse.ArgumentTypeError(f"must not be negative: {text}")
        return value
    parse.__name__ = kind.__name__
    return parse


def _speed(text: str) -> str:
    """"max" or a positive multiple of real time, passed on as written."""
    if text.strip().lower() == "max":
        return "max"
    try:
        ok = float(text) > 0
    except ValueError:
        ok = False
    if not ok:
        raise argparse.ArgumentTypeError(f"a positive number or 'max', not {text!r}")
    return text


def skip_numba_blas_probe() -> None:
    """Stop numba from importing scipy's BLAS bindings when it first loads code.

    numba imports ``scipy.linalg.cython_blas`` (if scipy is installed) only to
    learn whether ``np.dot`` can be compiled; that costs about 0.4 s of every
    start, and the emulator never calls BLAS.  The command line marks the module
    as absent; library users who import ``emu`` keep numba's default.
    """
    sys.modules.setdefault("scipy.linalg.cython_blas", None)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    skip_numba_blas_probe()
    if args.command == "conformance" and args.suite == "klaus":
        from .conformance import klaus
        return klaus.main(args.testdata)
    if args.command == "conformance" and args.suite == "singlestep":
        from .conformance import singlestep
        return singlestep.main(args.dir, args.cpu)
    if args.command == "disasm":
        from .cpu import disasm
        return disasm.main(args.file, args.org, args.cpu)
    if args.command == "run":
        return run_machine(args)
    if args.command == "disk":
        from .disk import info
        return info.main(args.file, args.order)
    if args.command == "debug":
        return debug_machine(args)
    if args.command == "bench":
        from . import bench
        return bench.main(args.what, quick=args.quick)
    # With no command, the main job: our firmware boots the homebrew disk in a
    # window (write-protected: the committed image never changes).
    return run_machine(build_parser().parse_args(["run", str(DEFAULT_DISK), "--write-protect"]))


class UserError(Exception):
    """A mistake on the command line: one line for stderr, exit status 2."""


def run_machine(args: argparse.Namespace) -> int:
    """``apple2 run``: build the machine, run it headless or in a window."""
    try:
        return _run(args)
    except UserError as e:
        print(f"apple2 run: {e}", file=sys.stderr)
        return 2


def _run(args: argparse.Namespace) -> int:
    rom = _system_rom(args.rom)
    charset = None
    if args.charset is not None:
        from .video import load_charset_rom
        try:
            charset = load_charset_rom(args.charset)
        except ValueError as e:
            raise UserError(e) from None
        except OSError as e:
            raise UserError(f"{args.charset}: cannot read it ({e.strerror or e})") from None
    keys = None
    if args.type is not None:
        keys = args.type.replace("\\n", "\n").replace("\\r", "\r")
        bad = [ch for ch in keys if not ch.isascii()]
        if bad:
            raise UserError(f"--type: {bad[0]!r} is not a key on the Apple II keyboard")
    run_window = None
    if not args.headless:
        run_window = _window()
    if args.screenshot is not None:
        _check_writable(args.screenshot)

    disks = _load_disks(args)               # a bad image fails before anything runs
    print(rom.describe(), file=sys.stderr)
    from .machine import Apple2
    machine = Apple2(rom=rom.data, cpu=args.cpu, charset=charset,
                     colour=MONO.get(args.mono, 0))
    _insert_disks(machine, args, disks)
    with compile_notice():
        machine.warm_up()
    try:
        status = _run_machine(machine, args, keys, run_window)
    finally:
        errors = machine.close()                # write changed disks back
    for error in errors:
        print(f"apple2 run: {error}", file=sys.stderr)
    return status or (1 if errors else 0)


def _load_disks(args: argparse.Namespace) -> dict:
    """Drive number -> loaded image, for the images given; a bad one is a UserError."""
    from .disk.images import DiskError, load
    from .disk.sequencer import load_p6
    disks = {}
    try:
        for drive, path in ((1, args.disk1), (2, args.disk2)):
            if path:
                disks[drive] = load(path, args.order)
        args.sequencer_rom = load_p6(args.disk_sequencer) if args.disk_sequencer else None
    except DiskError as e:
        raise UserError(e) from None
    return disks


def _insert_disks(machine, args: argparse.Namespace, disks: dict) -> None:
    """Install the Disk II card if a disk or --disk-card asks for it, and insert the disks."""
    if not (disks or args.disk_card or args.disk_sequencer):
        return
    from .disk.images import DiskError
    try:
        card = machine.install_disk_controller(args.disk_slot)
    except DiskError as e:                  # our boot ROM file is missing
        raise UserError(e) from None
    if args.sequencer_rom is not None:
        card.use_sequencer(args.sequencer_rom)
        print(args.sequencer_rom.describe(), file=sys.stderr)
    for drive, disk in disks.items():
        if args.write_protect:
            disk.write_protected = True
        machine.insert_disk(drive, disk)
        wp = ", write-protected" if disk.write_protected else ""
        print(f"drive {drive}: {disk.name}{wp}", file=sys.stderr)


def _run_machine(machine, args: argparse.Namespace, keys: str | None, run_window) -> int:
    if keys:
        try:
            machine.type_text(keys)
        except (ValueError, OverflowError) as e:
            raise UserError(f"--type: {e}") from None

    if run_window is not None:
        from .frontend import NoDisplay
        try:
            status = run_window(machine, speed=args.speed, frames=args.frames,
                                seconds=args.seconds, screenshot=args.screenshot)
        except NoDisplay as e:
            raise UserError(f"{e}; run headless instead, e.g. "
                            "apple2 run --headless --seconds 5 --print-screen") from None
    else:
        if args.frames is not None:
            machine.run(frames=args.frames)
        else:
            machine.run(seconds=5.0 if args.seconds is None else args.seconds)
        status = 0
        if args.screenshot is not None:
            try:
                machine.screenshot(args.screenshot)
            except OSError as e:
                raise UserError(f"{args.screenshot}: cannot write it ({e.strerror or e})") from None
    if args.print_screen:
        print(machine.text_screen())
    return status


def _system_rom(path: str | None):
    """The ROM image to run: the user's file, else our firmware; UserError if neither."""
    from .rom import RomError, load_system_rom

    if path is None and not DEFAULT_ROM.exists():
        raise UserError(f"our firmware is missing ({DEFAULT_ROM}): rebuild it with "
                        "python -m emu.tools.build_roms, or pass --rom FILE")
    try:
        return load_system_rom(path if path is not None else DEFAULT_ROM)
    except RomError as e:
        raise UserError(e) from None


def debug_machine(args: argparse.Namespace) -> int:
    """``apple2 debug``: a machine under the interactive monitor of emu.debug."""
    try:
        from . import debug
        from .cpu.disasm import parse_address
        from .machine import Apple2
        from .savestate import StateError

        rom = None if args.no_rom else _system_rom(args.rom)
        if rom is not None:
            print(rom.describe(), file=sys.stderr)
        disks = _load_disks(args)
        machine = Apple2(rom=rom.data if rom else None, cpu=args.cpu)
        _insert_disks(machine, args, disks)
        with compile_notice():
            machine.warm_up()
        for item in args.load:
            name, _, at = item.rpartition("@")
            if not name:
                raise UserError(f"--load {item}: expected FILE@ADDR, e.g. game.bin@0800")
            try:
                machine.load(parse_address(at), Path(name).read_bytes())
            except OSError as e:
                raise UserError(f"{name}: cannot read it ({e.strerror or e})") from None
            except ValueError as e:
                raise UserError(f"--load {item}: {e}") from None
        if args.pc is not None:
            machine.cpu.set_pc(parse_address(args.pc))
        if args.state is not None:
            try:
                machine.load_state(args.state)
            except StateError as e:
                raise UserError(e) from None
        commands = None
        if args.commands is not None:
            try:
                commands = open(args.commands)
            except OSError as e:
                raise UserError(f"{args.commands}: cannot read it ({e.strerror or e})") from None
        try:
            return debug.main(machine, commands)
        finally:
            for error in machine.close():          # write changed disks back
                print(f"apple2 debug: {error}", file=sys.stderr)
    except UserError as e:
        print(f"apple2 debug: {e}", file=sys.stderr)
        return 2


def _window():
    """The front end's ``run_window``, or a UserError if it cannot be had."""
    try:
        from .frontend import run_window
    except ModuleNotFoundError as e:
        if e.name and e.name.split(".")[0] == "pygame":
            raise UserError("the window needs pygame, which is not installed; "
                            "use --headless") from None
        raise
    return run_window


def _check_writable(path: str) -> None:
    """Fail before a long run, not after it, if the screenshot cannot be saved."""
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise UserError(f"{path}: cannot write it (no folder {folder})")
    if os.path.isdir(path):
        raise UserError(f"{path}: cannot write it (it is a folder)")


if __name__ == "__main__":
    sys.exit(main())
