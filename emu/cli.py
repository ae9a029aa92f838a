"""The ``apple2`` command."""
from __future__ import annotations

import argparse
import math
import os
import sys
from pathlib import Path

import emu
from .jitprogress import compile_notice
from .userfiles import InputError, check_output, one_line, read_input
from .models import MODELS
from .slots import CARDS, CardError, parse_slot

# Our own firmware (roms/src/), the ROM ``apple2 run`` uses without --rom: the
# II+'s, and beside it the other models' (emu.models).
DEFAULT_ROM = Path(emu.__file__).resolve().parents[1] / "roms" / "apple2.rom"
# The homebrew boot disk (roms/src/homebrew/), which ``apple2`` alone boots.
DEFAULT_DISK = DEFAULT_ROM.with_name("homebrew.dsk")
MONO = {"white": 1, "green": 2, "amber": 3}     # Apple2(colour=...)
MAX_SECONDS = 86_400        # --seconds: one emulated day at most (minutes at full speed)
MAX_FRAMES = MAX_SECONDS * 60
MAX_SPEED = 1000.0          # --speed: beyond this, "max" is what is meant
MAX_COMMANDS_BYTES = 16 << 20   # a --commands file
MAX_LOAD_BYTES = 0xC000     # a --load binary: RAM $0000-$BFFF at most


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
        "run", help="run an Apple II+, IIe or enhanced IIe",
        description="Run an Apple II in a window, or headless for a number of "
                    "emulated frames or seconds.")
    _disk_options(run)
    _model_options(run)
    run.add_argument("--headless", action="store_true",
                     help="no window: run as fast as possible, then stop")
    length = run.add_mutually_exclusive_group()
    length.add_argument("--seconds", type=_non_negative(float, MAX_SECONDS), metavar="S",
                        help="emulated seconds to run (headless default: 5)")
    length.add_argument("--frames", type=_non_negative(int, MAX_FRAMES), metavar="N",
                        help="frames to run (about 60 a second)")
    run.add_argument("--speed", type=_speed, default="1", metavar="N|max",
                     help="window: 1 = real time, 2 = twice as fast (any positive "
                          "number), max = as fast as possible")
    run.add_argument("--type", metavar="TEXT",
                     help="type these keys once the machine runs (\\n or \\r: Return)")
    run.add_argument("--screenshot", metavar="FILE.png",
                     help="save the last frame as a 560x384 PNG")
    run.add_argument("--wav", metavar="FILE.wav",
                     help="headless: write the run's sound to FILE.wav (the speaker and the "
                          "Mockingboard, stereo, 44.1 kHz, 16 bits)")
    run.add_argument("--print-screen", action="store_true",
                     help="print the 40x24 text screen at the end")
    run.add_argument("--mono", choices=tuple(MONO),
                     help="a monochrome monitor instead of NTSC colour")
    run.add_argument("--charset", metavar="FILE",
                     help="a 2 KiB Apple II+ character ROM, or a 4 or 8 KiB IIe video ROM "
                          "(default: our own glyphs)")
    run.add_argument("--load", action="append", default=[], metavar="FILE@ADDR",
                     help="once the firmware has started, put a binary in RAM at ADDR "
                          "(hex) and jump to it; repeatable (the disks go in then, so the "
                          "firmware does not boot them)")
    run.add_argument("--pc", type=_address, metavar="ADDR",
                     help="with --load: jump to ADDR instead of the first file's address")

    disk = sub.add_parser("disk", help="disk image tools")
    disk_sub = disk.add_subparsers(dest="disk_command", required=True)
    info = disk_sub.add_parser("info", help="format, tracks, sector order, write "
                                            "protection and catalog of an image")
    info.add_argument("file")
    info.add_argument("--order", choices=("dos", "prodos"))
    from .disk import tool
    tool.add_parsers(disk_sub)

    dbg = sub.add_parser(
        "debug", help="run an Apple II under an interactive debugger",
        description="A monitor for a terminal: break, watch, step, regs, mem, disasm, trace, "
                    "continue, save and load state.  Type help at its prompt.")
    _disk_options(dbg)
    _model_options(dbg)
    dbg.add_argument("--no-rom", action="store_true", help="no system ROM: empty ROM space")
    dbg.add_argument("--load", action="append", default=[], metavar="FILE@ADDR",
                     help="put a binary in RAM at ADDR (hex), e.g. game.bin@0800; repeatable")
    dbg.add_argument("--pc", type=_address, metavar="ADDR",
                     help="start at ADDR instead of the RESET vector")
    dbg.add_argument("--state", metavar="FILE", help="resume a saved state")
    dbg.add_argument("--restore-disks", action="store_true",
                     help="with --state: write the state's disks over image files that "
                          "changed since it was saved (default: keep the newer files)")
    dbg.add_argument("--commands", metavar="FILE",
                     help="read the debugger's commands from FILE instead of the terminal")

    bench = sub.add_parser("bench", help="measure emulation speed")
    bench.add_argument("what", nargs="?", default="suite",
                       choices=("suite", "cpu", "native", "machine", "overhead", "disk",
                                "harddisk"),
                       help="one part, or (the default) the whole suite")
    bench.add_argument("--quick", action="store_true", help="a short run")
    bench.add_argument("--against", metavar="CHECKOUT",
                       help="machine: also measure another checkout's emulator, taking turns")
    return parser


def _model_options(parser: argparse.ArgumentParser) -> None:
    """The machine arguments ``run`` and ``debug`` share: the model, its ROM, its CPU."""
    parser.add_argument("--model", choices=tuple(MODELS),
                        help="the machine: ii+ (the default), iie or iie-enh; a IIe ROM "
                             "given with --rom picks its own")
    parser.add_argument("--rom", metavar="ROM", action="append",
                        help="system ROM: for the II+ a 12 KiB $D000-$FFFF image or the 2 KiB "
                             "$F800 monitor ROM; for a IIe the 16 KiB $C000-$FFFF image, or "
                             "--rom CD --rom EF for its two 8 KiB chips (default: our own "
                             "firmware for the model)")
    parser.add_argument("--cpu", choices=("6502", "65c02"),
                        help="the CPU (default: the model's; the 65C02 for iie-enh)")


def _disk_options(parser: argparse.ArgumentParser) -> None:
    """The disk arguments ``run`` and ``debug`` share."""
    parser.add_argument("disk1", nargs="?", metavar="DISK1",
                        help="disk image for drive 1 (.dsk, .do, .po, .nib, .woz); "
                             "installs the Disk II card, whose ROM boots it.  An image "
                             "bigger than 140K (or a .hdv, .2mg) goes to the hard-disk card "
                             "as --hd1")
    parser.add_argument("--disk2", metavar="DISK2", help="disk image for drive 2")
    parser.add_argument("--hd1", metavar="FILE",
                        help="ProDOS hard-disk image (.po, .hdv, .2mg, up to 32 MB) for unit 1 "
                             "of the hard-disk card (slot 7 unless --slot N=harddisk), which "
                             "boots it")
    parser.add_argument("--hd2", metavar="FILE", help="hard-disk image for unit 2")
    parser.add_argument("--disk-card", action="store_true",
                        help="install the Disk II card even without a disk")
    parser.add_argument("--disk-slot", type=int, choices=range(1, 8), metavar="N",
                        help="the Disk II card's slot (default 6)")
    parser.add_argument("--disk-rom", metavar="FILE",
                        help="the Disk II card's boot ROM: a 256-byte P5 PROM image "
                             "(Apple's 341-0027 16-sector or 341-0009 13-sector; default: "
                             "our own, 13- or 16-sector after drive 1's disk); installs the card")
    parser.add_argument("--slot", action="append", default=[], metavar="N=CARD",
                        help="put CARD in slot N (1-7), or empty it with N=none; repeatable. "
                             "Cards: " + ", ".join(c.name for c in CARDS))
    parser.add_argument("--order", choices=("dos", "prodos"),
                        help="sector order of .dsk images (default: by extension and content)")
    parser.add_argument("--write-protect", action="store_true",
                        help="insert the disks write-protected: the Apple sees the tab, and "
                             "the image files are never written")
    parser.add_argument("--disk-sequencer", metavar="P6",
                        help="run the card's logic state sequencer from your own P6 PROM "
                             "image (341-0028 or 341-0010, checked by CRC32) instead of our "
                             "table of it")


def _non_negative(kind, most):
    """An argparse type: a finite number from 0 to ``most``."""
    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        if not math.isfinite(value):
            raise argparse.ArgumentTypeError(f"not a finite number: {text!r}")
        if value < 0:
            raise argparse.ArgumentTypeError(f"must not be negative: {text}")
        if value > most:
            raise argparse.ArgumentTypeError(f"{text} is more than the {most:,} allowed")
        return value
    parse.__name__ = kind.__name__
    return parse


def _speed(text: str) -> str:
    """"max" or a positive multiple of real time, passed on as written."""
    if text.strip().lower() == "max":
        return "max"
    try:
        ok = 0 < float(text) <= MAX_SPEED
    except ValueError:
        ok = False
    if not ok:
        raise argparse.ArgumentTypeError(f"a number above 0 and up to {MAX_SPEED:g}, or "
                                         f"'max', not {text!r}")
    return text


def _address(text: str) -> int:
    """An argparse type: a hex address $0000-$FFFF."""
    from .cpu.disasm import parse_address
    try:
        return parse_address(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def skip_numba_blas_probe() -> None:
    """Stop numba from importing scipy's BLAS bindings when it first loads code.

    numba imports ``scipy.linalg.cython_blas`` (if scipy is installed) only to
    learn whether ``np.dot`` can be compiled; that costs about 0.4 s of every
    start, and the emulator never calls BLAS.  The command line marks the module
    as absent; library users who import ``emu`` keep numba's default.
    """
    sys.modules.setdefault("scipy.linalg.cython_blas", None)


def main(argv: list[str] | None = None) -> int:
    """The ``apple2`` command; returns its exit status (2: bad input)."""
    try:
        return _main(argv)
    except BrokenPipeError:
        # The reader went away (``apple2 disk info X | head``): stop quietly, as
        # Unix tools do, and keep Python from complaining at exit.
        _silence_stdout()
        return 1
    except KeyboardInterrupt:
        print("apple2: interrupted", file=sys.stderr)
        return 130


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _main(argv: list[str] | None) -> int:
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
    if args.command == "disk" and args.disk_command == "info":
        from .disk import info
        return info.main(args.file, args.order)
    if args.command == "disk":
        from .disk import tool
        return tool.main(args)
    if args.command == "debug":
        return debug_machine(args)
    if args.command == "bench":
        from . import bench
        return bench.main(args.what, quick=args.quick, against=args.against)
    # With no command, the main job: our firmware boots the homebrew disk in a
    # window (write-protected: the committed image never changes).
    return run_machine(build_parser().parse_args(["run", str(DEFAULT_DISK), "--write-protect"]))


class UserError(InputError):
    """A mistake on the command line: one line for stderr, exit status 2.

    Every loader's error (DiskError, RomError, StateError...) is an
    :class:`~emu.userfiles.InputError` too, and is reported the same way.
    """


def run_machine(args: argparse.Namespace) -> int:
    """``apple2 run``: build the machine, run it headless or in a window."""
    try:
        return _run(args)
    except InputError as e:
        print(f"apple2 run: {one_line(e)}", file=sys.stderr)
        return 2


def _run(args: argparse.Namespace) -> int:
    rom = _system_rom(args)
    charset = None
    if args.charset is not None:
        from .video.font import CharsetError, load_character_rom
        charset, what = load_character_rom(args.charset)
        if len(charset) == 256 and (args.model or "ii+") == "ii+":
            raise CharsetError(f"{args.charset}: a IIe video ROM; the Apple II+ takes a "
                               f"2 KiB character ROM (or add --model iie-enh)")
        print(f"character ROM: {what}", file=sys.stderr)
    keys = None
    if args.type is not None:
        keys = args.type.replace("\\n", "\n").replace("\\r", "\r")
        bad = [ch for ch in keys if not ch.isascii()]
        if bad:
            raise UserError(f"--type: {bad[0]!r} is not a key on the Apple II keyboard")
        from .bus import KEY_QUEUE
        if len(keys) > KEY_QUEUE:
            raise UserError(f"--type: {len(keys)} keys; at most {KEY_QUEUE} can wait to be "
                            "typed")
    run_window = None
    if not args.headless:
        run_window = _window()
    if args.screenshot is not None:
        check_output(args.screenshot, "PNG file", UserError)
    if args.wav is not None:
        if not args.headless:
            raise UserError("--wav records a headless run: add --headless")
        check_output(args.wav, "WAV file", UserError)

    disks = _load_disks(args)               # a bad image fails before anything runs
    disk_rom = _disk_rom(args.disk_rom)     # so does a bad boot ROM
    slots = _slots(args)
    loads = _read_loads(args.load)          # so does a bad --load or --pc
    start = _parse_pc(args.pc, loads)
    later = {}
    if start is not None:                   # disk cards go in once the firmware has started
        later = {n: name for n, name in slots.items() if name in DISK_CARDS}
        slots = {n: name for n, name in slots.items() if name not in DISK_CARDS}
    print(rom.describe(), file=sys.stderr)
    if disk_rom is not None:
        print(disk_rom.describe(), file=sys.stderr)
    machine = _machine(args, slots, rom=rom.data, charset=charset,
                       colour=MONO.get(args.mono, 0))
    if start is None:
        _insert_disks(machine, args, disks, disk_rom)
    with compile_notice():
        machine.warm_up()
    if start is not None:
        machine.run(seconds=FIRMWARE_START_SECONDS)
        for slot, name in later.items():
            machine.plug(slot, name)
        _insert_disks(machine, args, disks, disk_rom)
        _put_loads(machine, loads)
        machine.cpu.set_pc(start)
        print(f"started at ${start:04X}", file=sys.stderr)
    try:
        status = _run_machine(machine, args, keys, run_window)
    finally:
        errors = machine.close()                # write changed disks back
    for error in errors:
        print(f"apple2 run: {error}", file=sys.stderr)
    return status or (1 if errors else 0)


def _load_disks(args: argparse.Namespace) -> dict:
    """Drive number -> loaded image, for the images given; a bad one is a DiskError.

    Hard disks are ``"hd1"`` and ``"hd2"``: ``--hd1``/``--hd2``, or DISK1
    when it is a hard-disk image (then it is taken out of ``args.disk1``).
    Everything is checked here, before a machine exists: the images, and
    that one writable image is not given for both drives.
    """
    from .disk.blockimage import load as load_blocks
    from .disk.card import same_file
    from .disk.harddisk import is_hard_disk_image
    from .disk.images import DiskError, load
    from .disk.sequencer import load_p6
    if args.disk1 and is_hard_disk_image(args.disk1):
        if args.hd1:
            raise UserError(f"{args.disk1} is a hard-disk image, and --hd1 names another "
                            "for unit 1: give it as --hd2")
        args.hd1, args.disk1 = args.disk1, None
    disks = {}
    for drive, path in ((1, args.disk1), (2, args.disk2)):
        if path:
            disks[drive] = load(path, args.order)
            if args.write_protect:
                disks[drive].write_protected = True
    if len(disks) == 2 and same_file(args.disk1, args.disk2) and not (
            disks[1].write_protected and disks[2].write_protected):
        raise DiskError(f"{args.disk2}: already in drive 1; the same image can be in both "
                        "drives only if both are write-protected (--write-protect)")
    for unit, path in (("hd1", args.hd1), ("hd2", args.hd2)):
        if path:
            disks[unit] = load_blocks(path, args.order)
    args.sequencer_rom = load_p6(args.disk_sequencer) if args.disk_sequencer else None
    return disks


# The cards that boot disks: ``run --load`` plugs them in only after the firmware has started.
DISK_CARDS = ("disk2", "harddisk")

# ``run --load``: how long the firmware runs before the binaries go in (it has
# cleared the screen and waits for a key by then: our firmware at its monitor
# prompt after about 0.12 s, Apple's in BASIC sooner).
FIRMWARE_START_SECONDS = 0.5


def _read_loads(items: list[str]) -> list[tuple[int, bytes]]:
    """``FILE@ADDR`` items -> (address, bytes), checked before the machine runs."""
    from .cpu.disasm import parse_address
    loads = []
    for item in items:
        name, _, at = item.rpartition("@")
        if not name:
            raise UserError(f"--load {item}: expected FILE@ADDR, e.g. game.bin@0800")
        try:
            address = parse_address(at)
        except ValueError as e:
            raise UserError(f"--load {item}: {e}") from None
        data = read_input(name, MAX_LOAD_BYTES, "binary for RAM $0000-$BFFF", UserError)
        if not data or address + len(data) > 0xC000:
            raise UserError(f"--load {item}: {len(data)} bytes at ${address:04X} do not fit "
                            "in RAM $0000-$BFFF")
        loads.append((address, data))
    return loads


def _put_loads(machine, loads: list[tuple[int, bytes]]) -> None:
    for address, data in loads:
        machine.load(address, data)


def _parse_pc(pc: int | None, loads: list[tuple[int, bytes]]) -> int | None:
    """Where ``run`` jumps after the firmware starts: --pc, else the first --load; or None."""
    if pc is None:
        return loads[0][0] if loads else None
    return pc


def _slots(args: argparse.Namespace) -> dict:
    """The cards --slot names, with the Disk II where a disk, --disk-card or --disk-slot want it."""
    chosen: dict[int, str | None] = {}
    for text in args.slot:
        try:
            slot, name = parse_slot(text)
        except CardError as e:
            raise UserError(f"--slot {e}") from None
        if slot in chosen and chosen[slot] != name:
            raise UserError(f"--slot: slot {slot} is given two cards")
        chosen[slot] = name
    if (args.disk1 or args.disk2 or args.disk_card or args.disk_rom
            or args.disk_slot is not None or args.disk_sequencer):
        where = [n for n, name in chosen.items() if name == "disk2"]
        slot = args.disk_slot or (where[0] if where else 6)
        if where and where[0] != slot:
            raise UserError(f"--disk-slot {slot}: --slot {where[0]}=disk2 puts the Disk II "
                            f"in slot {where[0]}")
        if chosen.get(slot, "disk2") != "disk2":
            raise UserError(f"the Disk II card goes in slot {slot}, which --slot gives to "
                            f"{chosen[slot] or 'none'}: choose another with --disk-slot")
        chosen[slot] = "disk2"
    if args.hd1 or args.hd2:
        if "harddisk" not in chosen.values():
            from .machine import HARD_DISK_SLOT
            if chosen.get(HARD_DISK_SLOT):
                raise UserError(f"the hard-disk card goes in slot {HARD_DISK_SLOT}, which "
                                f"--slot gives to {chosen[HARD_DISK_SLOT]}: put it in another "
                                "with --slot N=harddisk")
            chosen[HARD_DISK_SLOT] = "harddisk"
    return chosen


def _machine(args: argparse.Namespace, slots: dict, **options):
    """The Apple2 of ``run`` and ``debug``, with the cards of ``slots``."""
    from .machine import Apple2
    try:
        return Apple2(cpu=args.cpu, slots=slots, model=args.model or "ii+", **options)
    except CardError as e:                  # two cards of a kind, a ROM file missing
        raise UserError(e) from None


def _disk_rom(path: str | None):
    """The user's Disk II boot ROM (None without --disk-rom); a bad file is a UserError."""
    if path is None:
        return None
    from .rom import RomError, load_disk_rom
    try:
        return load_disk_rom(path)
    except RomError as e:
        raise UserError(e) from None


def _insert_disks(machine, args: argparse.Namespace, disks: dict, disk_rom=None) -> None:
    """Insert the disks in the drives of the Disk II card and the units of the hard-disk
    card (``_slots`` put them in), after putting the user's boot ROM (--disk-rom) and
    sequencer PROM (--disk-sequencer), if any, in the Disk II."""
    if disk_rom is not None:
        machine.disk_card.set_rom(disk_rom)
    if args.sequencer_rom is not None:
        machine.disk_card.use_sequencer(args.sequencer_rom)
        print(args.sequencer_rom.describe(), file=sys.stderr)
    for drive, disk in disks.items():
        if isinstance(drive, str):
            volume = machine.insert_hard_disk(int(drive[2:]), disk, args.write_protect)
            wp = ", write-protected" if volume.write_protected else ""
            print(f"hard disk unit {drive[2:]}: {volume.name}, {volume.blocks} blocks{wp}",
                  file=sys.stderr)
            continue
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
            frames = args.frames
        else:
            from .bus import CPU_HZ, CYCLES_PER_FRAME
            seconds = 5.0 if args.seconds is None else args.seconds
            frames = round(seconds * CPU_HZ / CYCLES_PER_FRAME)
        if args.wav is not None:
            _record(machine, frames, args.wav)
        else:
            machine.run(frames=frames)
        status = 0
        if args.screenshot is not None:
            try:
                machine.screenshot(args.screenshot)
            except OSError as e:
                raise UserError(f"{args.screenshot}: cannot write it ({e.strerror or e})") from None
    if args.print_screen:
        print(machine.text_screen())
    return status


def _record(machine, frames: int, path: str) -> None:
    """Run ``frames`` frames headless, writing their sound to a WAV file (atomically)."""
    import io
    import wave

    from .audio import Mixer
    from .userfiles import write_atomically
    mixer = Mixer(machine)
    samples = mixer.run_frames(frames)
    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(2)
        wav.setsampwidth(2)
        wav.setframerate(mixer.rate)
        wav.writeframes(samples.astype("<i2").tobytes())
    try:
        write_atomically(path, out.getvalue())
    except OSError as e:
        raise UserError(f"{path}: cannot write it ({e.strerror or e})") from None


def _system_rom(args: argparse.Namespace):
    """The ROM image to run: the user's file(s), else our firmware for the model.

    A user's ROM picks the model when --model does not say it (a IIe image
    says which IIe it is); ``args.model`` is set to it.  UserError for a ROM
    that cannot be used, or one of another model than --model.
    """
    from .rom import load_system_rom

    paths = args.rom or []
    if len(paths) > 2:
        raise UserError("--rom: one ROM image, or a IIe's two chips (--rom CD --rom EF)")
    if not paths:
        firmware = DEFAULT_ROM.with_name(MODELS[args.model or "ii+"].firmware)
        if not firmware.exists():
            raise UserError(f"our firmware is missing ({firmware}): rebuild it with "
                            "python -m emu.tools.build_roms, or pass --rom FILE")
        paths = [firmware]
    rom = load_system_rom(*paths)           # RomError if bad
    if args.model is None:
        args.model = rom.model
    elif MODELS[args.model].rom_size != len(rom.data) or (
            len(rom.data) == MODELS[args.model].rom_size and rom.name and rom.model != args.model):
        raise UserError(f"{paths[0]}: a ROM for the {MODELS[rom.model].title}, not for the "
                        f"{MODELS[args.model].title} (--model {args.model})")
    return rom


def debug_machine(args: argparse.Namespace) -> int:
    """``apple2 debug``: a machine under the interactive monitor of emu.debug.

    Every file is read and checked before the machine is built.
    """
    try:
        from . import debug

        rom = None if args.no_rom else _system_rom(args)
        disks = _load_disks(args)
        disk_rom = _disk_rom(args.disk_rom)
        if disk_rom is not None:
            print(disk_rom.describe(), file=sys.stderr)
        loads = _read_loads(args.load)
        pc = _parse_pc(args.pc, [])
        commands = _commands(args.commands) if args.commands is not None else None
        if rom is not None:
            print(rom.describe(), file=sys.stderr)
        machine = _machine(args, _slots(args), rom=rom.data if rom else None)
        _insert_disks(machine, args, disks, disk_rom)
        with compile_notice():
            machine.warm_up()
        _put_loads(machine, loads)
        if pc is not None:
            machine.cpu.set_pc(pc)
        try:
            if args.state is not None:
                for note in machine.load_state(args.state, restore_disks=args.restore_disks):
                    print(f"apple2 debug: {note}", file=sys.stderr)
            return debug.main(machine, commands)
        finally:
            for error in machine.close():          # write changed disks back
                print(f"apple2 debug: {error}", file=sys.stderr)
    except InputError as e:
        print(f"apple2 debug: {one_line(e)}", file=sys.stderr)
        return 2


def _commands(path: str):
    """The --commands file: a regular file, size-capped, read whole before the machine starts.

    A stream of commands (a pipe, a FIFO, the terminal) comes in on stdin,
    which the debugger reads when --commands is not given.
    """
    import io
    data = read_input(path, MAX_COMMANDS_BYTES, "file of debugger commands", UserError)
    return io.StringIO(data.decode("utf-8", errors="replace"))


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


if __name__ == "__main__":
    sys.exit(main())
