"""``apple2 disk new|ls|put|get|rm|mkdir``: making disks and moving files on and off them.

Every command takes any image ``emu.disk.blockimage`` reads (140K floppies in
either sector order, 800K and hard-disk ``.po``/``.hdv``, ``.2mg``; WOZ and
.nib for reading).  Writes go through :func:`emu.disk.fs.change`: checked,
made in memory, verified, then renamed over the image.  Every failure is one
line naming the image, and leaves it as it was.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
from datetime import datetime
from pathlib import Path

from ..userfiles import read_input
from . import blockimage
from .fs import (Change, FileSystem, FsError, boot, catalog_lines, change, dos33,
                 open_volume, plural, prodos)
from .fs.common import text_from_apple, text_to_apple
from .images import DOS, PRODOS, DiskError, write_atomically

SIZES = {"140K": blockimage.FLOPPY_BLOCKS, "800K": 1600, "32M": blockimage.MAX_BLOCKS}
TYPES = ("BIN", "SYS", "TXT", "BAS")
DEFAULT_ADDRESS = {"BIN": 0x2000, "SYS": prodos.SYS_ADDRESS, "BAS": 0x0801, "TXT": 0}

NEW_HELP = """\
Make a formatted, empty disk image.  The container follows FILE's extension:
.dsk/.do (DOS order) and .po (ProDOS order) 140K floppies, .po and .hdv
hard disks, .2mg (a 2MG header of our own).

--prodos (the default): a ProDOS volume, with our own boot loader in blocks
0-1: booted from a Disk II or a ProDOS block device, it runs the first SYS
(at $2000) or BIN file (at its address) of the volume directory.

--dos33: a DOS 3.3 catalog (VTOC and catalog on track 17) on a 140K floppy.
It holds no DOS: DOS commands need a DOS 3.3 boot disk in the other drive.
Track 0 holds our own boot loader, which runs the first B file of the
catalog at its address.  Tracks 1 and 2 (DOS's on a DOS disk) are free for
files.

The loaders put a program anywhere in $0900-$B9FF."""


def add_parsers(sub) -> None:
    """Add the commands to ``apple2 disk``'s subparsers."""
    new = sub.add_parser("new", help="make a formatted, empty disk image",
                         description=NEW_HELP,
                         formatter_class=argparse.RawDescriptionHelpFormatter)
    new.add_argument("file", metavar="FILE")
    kind = new.add_mutually_exclusive_group()
    kind.add_argument("--prodos", dest="fs", action="store_const", const="prodos",
                      help="a ProDOS volume (the default)")
    kind.add_argument("--dos33", dest="fs", action="store_const", const="dos33",
                      help="a DOS 3.3 disk (140K only)")
    new.add_argument("--size", default=None, metavar="SIZE",
                     help="140K (the default; 32M for .hdv), 800K, 32M, or any NK / NM "
                          "up to 32M")
    new.add_argument("--volume", metavar="NAME",
                     help="ProDOS: the volume name (default: from FILE, else BLANK); "
                          "DOS 3.3: the volume number, 1-254 (default 254)")
    new.add_argument("--force", action="store_true", help="replace FILE if it exists")

    ls = sub.add_parser("ls", help="list the files: type, size, load address")
    ls.add_argument("file", metavar="IMAGE")
    _order(ls)

    put = sub.add_parser("put", help="copy a host file onto a disk image",
                         description="Copy HOSTFILE onto IMAGE (replacing a file of that "
                                     "name).  On ProDOS, NAME may be a path DIR/SUB/NAME: "
                                     "missing directories are made.  TXT files have their "
                                     "line ends made carriage returns (and, on DOS 3.3, "
                                     "their high bits set); whole blocks of zeros in a "
                                     "ProDOS file are stored sparse.")
    put.add_argument("file", metavar="IMAGE")
    put.add_argument("host", metavar="HOSTFILE")
    put.add_argument("--name", help="the name on the disk (default: HOSTFILE's, upper case)")
    put.add_argument("--type", default=None, metavar="TYPE",
                     help="BIN (the default), SYS (ProDOS), TXT, BAS (a tokenized Applesoft "
                          "program), or a ProDOS type in hex ($06)")
    put.add_argument("--addr", metavar="ADDR",
                     help="load address in hex (BIN: default $2000; SYS $2000; BAS $0801)")
    _order(put)

    get = sub.add_parser("get", help="copy a file from a disk image to the host")
    get.add_argument("file", metavar="IMAGE")
    get.add_argument("name", metavar="NAME")
    get.add_argument("host", metavar="HOSTFILE", nargs="?",
                     help="where to write it (default: NAME in this folder; - for stdout)")
    _order(get)

    rm = sub.add_parser("rm", help="remove a file (or an empty ProDOS directory)")
    rm.add_argument("file", metavar="IMAGE")
    rm.add_argument("name", metavar="NAME")
    _order(rm)

    mkdir = sub.add_parser("mkdir", help="make a ProDOS directory (and its parents)")
    mkdir.add_argument("file", metavar="IMAGE")
    mkdir.add_argument("name", metavar="DIR")
    _order(mkdir)


def _order(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--order", choices=(DOS, PRODOS),
                        help="sector order of a 140K .dsk (default: from its contents)")


def main(args: argparse.Namespace) -> int:
    """Run one ``apple2 disk`` command; 0, or 2 after a one-line error."""
    command = args.disk_command
    try:
        out = COMMANDS[command](args)
    except FsError as e:
        print(f"apple2 disk {command}: {args.file}: {e}", file=sys.stderr)
        return 2
    except DiskError as e:
        print(f"apple2 disk {command}: {e}", file=sys.stderr)
        return 2
    except OSError as e:                        # writing the image or a host file
        print(f"apple2 disk {command}: {args.file}: cannot write it "
              f"({e.strerror or e})", file=sys.stderr)
        return 2
    if out:
        print(out)
    return 0


def write_new(path: Path, data: bytes) -> None:
    """Write a file atomically; one that did not exist gets the usual permissions
    (the temporary file it is renamed from is private)."""
    existed = path.exists()
    write_atomically(path, data)
    if not existed:
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(path, 0o666 & ~mask)


# --- new ---------------------------------------------------------------------------------

def parse_size(text: str) -> int:
    """``140K``, ``800K``, ``32M``, ``NK`` or ``NM`` -> blocks (32M: ProDOS's 65,535)."""
    upper = text.strip().upper()
    if upper in SIZES:
        return SIZES[upper]
    m = re.fullmatch(r"(\d+)\s*([KM])B?", upper)
    if not m:
        raise DiskError(f"--size {text}: use 140K, 800K, 32M, or a number of K or M")
    blocks = int(m.group(1)) * (2048 if m.group(2) == "M" else 2)
    if not 16 <= blocks <= blockimage.MAX_BLOCKS + 1:
        raise DiskError(f"--size {text}: a ProDOS volume is 8K to 32M")
    return min(blocks, blockimage.MAX_BLOCKS)


def cmd_new(args: argparse.Namespace) -> str:
    path = Path(args.file)
    kind = args.fs or "prodos"
    default = "32M" if path.suffix.lower() == ".hdv" and kind == "prodos" else "140K"
    blocks = parse_size(args.size or default)
    if path.exists() and not args.force:
        raise DiskError(f"{path}: exists; pass --force to replace it with a blank disk")
    if path.suffix.lower() not in (".dsk", ".do", ".po", ".hdv", ".2mg", ".2img"):
        raise DiskError(f"{path}: name it .dsk, .do or .po (140K), .po or .hdv (hard disk) "
                        "or .2mg")
    ext = path.suffix.lower()
    dos_order = ext in (".dsk", ".do") or (kind == "dos33" and ext in (".2mg", ".2img"))
    image = blockimage.new_image(path, blocks, DOS if dos_order else None)
    if kind == "dos33":
        if blocks != blockimage.FLOPPY_BLOCKS:
            raise DiskError(f"{path}: a DOS 3.3 disk is a 140K floppy (--size 140K)")
        volume = _dos_volume(args.volume)
        fs: FileSystem = dos33.format_disk(image, volume, boot.loader(boot.DOS33_LOADER))
        what = f"DOS 3.3 disk, volume {volume}, {fs.free_sectors()} sectors free"
    else:
        name = args.volume or _volume_name(path)
        try:
            fs = prodos.format_volume(image, name, boot.loader(boot.PRODOS_LOADER),
                                      datetime.now())
        except FsError as e:
            raise FsError(f"--volume: {e}") from None
        what = f"ProDOS volume /{fs.volume_name}, {fs.free_blocks()} of {fs.total_blocks} " \
               "blocks free"
    fs.check()
    write_new(path, image.file_bytes())
    order = "DOS" if image.order == DOS else "ProDOS"
    size = "32M" if blocks == blockimage.MAX_BLOCKS else f"{blocks // 2}K"
    return (f"made {path}: {what} ({size}, {order} order); our boot loader runs the first "
            f"{'B' if kind == 'dos33' else 'SYS or BIN'} file")


def _dos_volume(text: str | None) -> int:
    if text is None:
        return 254
    try:
        volume = int(text, 0)
    except ValueError:
        volume = 0
    if not 1 <= volume <= 254:
        raise DiskError(f"--volume {text}: a DOS 3.3 volume is a number, 1-254")
    return volume


def _volume_name(path: Path) -> str:
    """A ProDOS volume name from a file name: GAME from game.po, else BLANK."""
    stem = re.sub(r"[^A-Z0-9.]", ".", path.stem.upper())[:15]
    return stem if re.fullmatch(r"[A-Z][A-Z0-9.]*", stem) else "BLANK"


# --- ls ----------------------------------------------------------------------------------

def cmd_ls(args: argparse.Namespace) -> str:
    return "\n".join(catalog_lines(open_volume(args.file, args.order)))


# --- put / get / rm / mkdir ----------------------------------------------------------------

def _host_bytes(path: str) -> bytes:
    """A host file's bytes (no more than the largest file a disk holds)."""
    return read_input(path, prodos.MAX_EOF, "file", DiskError,
                      hint=f"a ProDOS file holds at most {prodos.MAX_EOF} bytes")


def _file_type(text: str | None, fs: FileSystem, name: str) -> tuple[str, int]:
    """(type name, the file system's type code) for ``--type``."""
    text = (text or ("SYS" if name.upper().endswith(".SYSTEM") else "BIN")).upper()
    if isinstance(fs, prodos.ProDOS):
        if text in prodos.TYPE_CODES:
            return text, prodos.TYPE_CODES[text]
        m = re.fullmatch(r"(?:\$|0X)([0-9A-F]{1,2})", text)
        if m:
            code = int(m.group(1), 16)
            return prodos.FILE_TYPES.get(code, f"${code:02X}"), code
        raise FsError(f"--type {text}: use BIN, SYS, TXT, BAS or a ProDOS type in hex")
    if text == "SYS":
        raise FsError("--type SYS: DOS 3.3 has no system files; use BIN")
    if text not in dos33.TYPE_CODES:
        raise FsError(f"--type {text}: DOS 3.3 takes BIN, TXT, BAS or INT")
    return text, dos33.TYPE_CODES[text]


def _default_name(host: str, fs: FileSystem) -> str:
    """The host file's name made into one the file system takes."""
    name = Path(host).name.upper()
    if isinstance(fs, prodos.ProDOS):
        name = re.sub(r"[^A-Z0-9.]", ".", name)[:15]
        if not name[:1].isalpha():
            name = ("F" + name)[:15]
    else:
        name = name.replace(",", ".")[:30].rstrip()
        if not name[:1].isalpha():
            name = ("F" + name)[:30]
    return name


def cmd_put(args: argparse.Namespace) -> str:
    data = _host_bytes(args.host)
    address = None
    if args.addr is not None:
        from ..cpu.disasm import parse_address
        try:
            address = parse_address(args.addr)
        except ValueError as e:
            raise DiskError(f"--addr: {e}") from None

    def edit(fs: FileSystem) -> Change:
        name = args.name or _default_name(args.host, fs)
        kind, code = _file_type(args.type, fs, name)
        addr = address if address is not None else DEFAULT_ADDRESS.get(kind, 0)
        if isinstance(fs, prodos.ProDOS):
            body = text_to_apple(data, high_bit=False) if code == prodos.TXT else data
            e = fs.put(name, body, code, addr, datetime.now())
            units = f"{plural(e.blocks_used, 'block')}, {fs.free_blocks()} free"
            path = e.path
        else:
            body = text_to_apple(data, high_bit=True) if code == dos33.TEXT else data
            e = fs.put(name, body, code, addr)
            units = f"{plural(e.sectors, 'sector')}, {fs.free_sectors()} free"
            path = e.name
        at = f" at ${addr:04X}" if kind in ("BIN", "SYS", "BAS") else ""
        return Change(written={path: body},
                      message=f"put {path}: {kind}{at}, {len(body)} bytes ({units})")
    return change(args.file, edit, args.order).message


def cmd_get(args: argparse.Namespace) -> str:
    fs = open_volume(args.file, args.order)
    if isinstance(fs, prodos.ProDOS):
        entry = fs.lookup(args.name)
        data = fs.read(entry)
        if entry.file_type == prodos.TXT:
            data = text_from_apple(data, high_bit=False)
        kind, address = entry.type_name, fs.info(0, entry).address
        name = entry.path
    else:
        entry = fs.lookup(args.name)
        data, address = fs.read(entry)
        if entry.file_type == dos33.TEXT:
            data = text_from_apple(data, high_bit=True)
        kind, name = entry.letter, entry.name
    at = f" at ${address:04X}" if address is not None else ""
    if args.host == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return ""
    host = Path(args.host or name.rsplit("/", 1)[-1])
    if host.is_dir():
        host = host / name.rsplit("/", 1)[-1]
    try:
        write_new(host, data)
    except OSError as e:
        raise DiskError(f"{host}: cannot write it ({e.strerror or e})") from None
    return f"got {name}: {kind}{at}, {len(data)} bytes -> {host}"


def cmd_rm(args: argparse.Namespace) -> str:
    def edit(fs: FileSystem) -> Change:
        e = fs.remove(args.name)
        return Change(removed={e.path}, message=f"removed {e.path}")
    return change(args.file, edit, args.order).message


def cmd_mkdir(args: argparse.Namespace) -> str:
    def edit(fs: FileSystem) -> Change:
        if not isinstance(fs, prodos.ProDOS):
            raise FsError("DOS 3.3 has no directories")
        names = prodos.split_path(args.name)
        made = {"/".join(names[:i]) for i in range(1, len(names) + 1)}
        fs.mkdir(args.name, datetime.now())
        return Change(made=made, message=f"made directory {'/'.join(names)}")
    return change(args.file, edit, args.order).message


COMMANDS = {"new": cmd_new, "ls": cmd_ls, "put": cmd_put, "get": cmd_get, "rm": cmd_rm,
            "mkdir": cmd_mkdir}
