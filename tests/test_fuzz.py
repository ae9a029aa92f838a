"""Fuzzing with hypothesis: every file parser, the save-state loader, the command-line
options and the debugger's commands, fed malformed and odd input.

Each example must end in a clean run or a one-line error naming the file, and
leave the input files as they were.  A traceback fails the test; a crash kills
the test process (which fails CI); a hang is caught by a watchdog that dumps
the stacks and ends the process after WATCHDOG seconds.

Adding a format, an option or a command is one entry in a registry below:
PARSERS (file formats), STATE_PARTS (what to break in a save state), OPTIONS
(command-line options) or COMMANDS (the debugger).  The last tests check that
every option of ``apple2`` and every debugger command has its entry.

Examples per test are small so that the whole file runs in about a minute;
APPLE2_FUZZ_SCALE=N multiplies them for a longer hunt on a developer's machine.
The expectations are the project's rules for bad input (DEVELOPERS.md), not
anything the code under test computes.
"""
from __future__ import annotations

import argparse
import contextlib
import faulthandler
import functools
import hashlib
import io
import os
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np
import pytest
from hypothesis import HealthCheck, event, given, settings, strategies as st

from emu import bus, cli
from emu.cpu import state as cpu_state
from emu.debug import Monitor
from emu.disk import blockimage, images, info, layout, sequencer, woz
from emu.machine import Apple2
from emu.rom import load_disk_rom, load_system_rom
from emu.userfiles import InputError
from emu.video import load_charset_rom
from emu.video.font import load_character_rom

REPO = Path(__file__).resolve().parents[1]
HOMEBREW = REPO / "roms" / "homebrew.dsk"
FIRMWARE = REPO / "roms" / "apple2.rom"
SCALE = max(1, int(os.environ.get("APPLE2_FUZZ_SCALE", "1")))
WATCHDOG = 120            # seconds an example may take before it counts as a hang


def fuzz_settings(examples: int):
    return settings(max_examples=examples * SCALE, deadline=None, derandomize=False,
                    database=None, print_blob=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture])


_REPORT_FD: int | None = None        # where a hang's stacks go: the terminal, not the capture


@pytest.fixture(scope="module", autouse=True)
def hang_reports(pytestconfig):
    """The copy of stderr pytest keeps for faulthandler (output captured by pytest is lost
    when the process ends hard); stderr itself where pytest has none."""
    global _REPORT_FD
    try:
        from _pytest.faulthandler import fault_handler_stderr_fd_key
        _REPORT_FD = pytestconfig.stash[fault_handler_stderr_fd_key]
    except (ImportError, KeyError):
        _REPORT_FD = None


@contextlib.contextmanager
def watchdog(seconds: float = WATCHDOG):
    """A hang kills the process with every thread's stack, rather than wait for CI's timeout.

    (A hang inside the jitted core cannot be interrupted: ending the process is the one way
    out, and the test run fails loudly with the stacks on the terminal.)
    """
    if _REPORT_FD is None:
        faulthandler.dump_traceback_later(seconds, exit=True)
    else:
        faulthandler.dump_traceback_later(seconds, exit=True, file=_REPORT_FD)
    try:
        yield
    finally:
        faulthandler.cancel_dump_traceback_later()


def digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None
    except OSError:
        return None


def kind_of(error: BaseException, path: Path) -> str:
    """The first words of a message after the file name: what --hypothesis-show-statistics
    counts, to see which checks the examples reach."""
    return " ".join(str(error).replace(str(path), "").lstrip(": ").split()[:3])


def check_error(error: BaseException, path: Path | str | None = None) -> None:
    """A one-line message, naming the file when there is one."""
    message = str(error)
    assert message and "\n" not in message, message
    if path is not None:
        assert str(path) in message, message


# --- seeds: valid files of each kind, made once ---------------------------------------------

@functools.cache
def homebrew_disk() -> images.Disk:
    return images.load(HOMEBREW)


@functools.cache
def seed_bytes(kind: str) -> bytes:
    if kind in ("dsk", "po"):
        return HOMEBREW.read_bytes()
    if kind == "nib":
        return images.nib_image(homebrew_disk())
    if kind in ("woz1", "woz2"):
        return woz.from_disk(homebrew_disk(), int(kind[-1]))
    if kind == "rom":
        return FIRMWARE.read_bytes()
    if kind == "monitor":
        return FIRMWARE.read_bytes()[-0x800:]
    if kind == "video rom":         # our IIe video ROM, in both halves of 4 KiB
        from emu.video.font import iie_video_rom
        return iie_video_rom(True).tobytes() * 2
    if kind == "charset":           # our glyphs where a character ROM keeps codes $80-$BF
        from emu.video.font import default_charset
        glyphs = default_charset()
        rows = np.zeros_like(glyphs)
        for dot in range(7):
            rows |= ((glyphs >> dot) & 1) << (6 - dot)
        data = np.zeros(2048, dtype=np.uint8)
        data[0x400:0x600] = rows.reshape(-1)
        return data.tobytes()
    if kind == "d13":               # 13 sectors of 256 bytes on 35 tracks, DOS 3.2's size
        return bytes(range(256)) * (35 * 13)
    if kind == "2mg":
        return blockimage.new_image("seed.2mg", 280).file_bytes()
    if kind == "disk ROM":
        return (REPO / "roms" / "disk2.rom").read_bytes()
    raise KeyError(kind)


@st.composite
def woz_chunks(draw, seed: bytes) -> bytes:
    """A WOZ rebuilt from its chunks, some cut, grown, dropped, doubled or scribbled on,
    with a right CRC: past the header and the checksum, to the chunks' own checks."""
    chunks, at = [], 12
    while at + 8 <= len(seed):
        size = struct.unpack_from("<I", seed, at + 4)[0]
        chunks.append((seed[at:at + 4], seed[at + 8:at + 8 + size]))
        at += 8 + size
    out = []
    for cid, payload in chunks:
        action = draw(st.sampled_from(["keep", "keep", "cut", "grow", "drop", "double",
                                       "scribble"]))
        if action == "cut":
            payload = payload[:draw(st.integers(0, len(payload)))]
        elif action == "grow":
            payload += draw(st.binary(min_size=1, max_size=64))
        elif action == "scribble" and payload:
            at = draw(st.integers(0, len(payload) - 1))
            new = draw(st.binary(min_size=1, max_size=8))
            payload = payload[:at] + new + payload[at + len(new):]
        if action == "drop":
            continue
        out += [(cid, payload)] * (2 if action == "double" else 1)
    body = b"".join(cid + struct.pack("<I", len(p)) + p for cid, p in out)
    crc = zlib.crc32(body) if draw(st.booleans()) else 0          # 0: "not computed"
    return seed[:8] + struct.pack("<I", crc) + body


def woz_crc(data: bytes) -> bytes:
    """The same WOZ with its CRC32 recomputed, so mutations get past the check to the chunks."""
    if len(data) < 12:
        return data
    return data[:8] + struct.pack("<I", zlib.crc32(data[12:])) + data[12:]


# --- exercising what a parser accepted ---------------------------------------------------------

def use_disk(disk: images.Disk, path: Path) -> None:
    """Boot it (the boot ROM reads track 0), then force a write-back of every track to a copy
    and read that back: what loads must run, and what is saved must load."""
    m = Apple2()
    m.insert_disk(1, disk)
    m.run(frames=20)
    copy = path.with_name("written" + path.suffix)
    copy.write_bytes(path.read_bytes())
    disk.path, disk.write_protected = copy, False
    disk.changed = set(range(len(disk.tracks)))
    errors = m.close()
    assert all("\n" not in e and str(copy) in e for e in errors), errors
    if not errors:
        images.load(copy)


def use_rom(rom, path: Path) -> None:
    m = Apple2(rom=rom.data)
    m.run(frames=3)
    m.text_screen()


def use_charset(charset: np.ndarray, path: Path) -> None:
    m = Apple2(charset=charset)
    m.run(frames=2)
    m.framebuffer


def use_video_rom(parsed, path: Path) -> None:
    m = Apple2(model="iie-enh", charset=parsed[0])
    m.run(frames=2)
    m.framebuffer


def p6_seed() -> bytes:
    """Our sequencer table laid out as the P6 PROM is wired, one byte changed: no file
    here ever holds Apple's bytes (so this seed is refused for its CRC32, as mutants are)."""
    from test_disk_sequencer import chip_image
    return chip_image(modify=0x00)


def parse_p6_as_known(path: Path):
    """``load_p6`` with whatever 256 bytes the file holds taken as a known PROM, so that
    mutated tables get as far as the card."""
    data = path.read_bytes()
    known = dict(sequencer.KNOWN_P6)
    try:
        sequencer.KNOWN_P6[zlib.crc32(data)] = "a fuzzed PROM"
        return sequencer.load_p6(path)
    finally:
        sequencer.KNOWN_P6.clear()
        sequencer.KNOWN_P6.update(known)


def use_p6(rom, path: Path) -> None:
    """The card runs from the PROM's table: the homebrew disk boots (or does not), reads and
    writes go through it, nothing hangs or crashes."""
    m = Apple2()
    m.insert_disk(1, homebrew_disk())
    m.disk_card.use_sequencer(rom)
    m.run(frames=20)
    m.close()


def parse_state(path: Path):
    m = Apple2()
    m.load_state(path)
    return m


def use_state(m: Apple2, path: Path) -> None:
    m.run(frames=2)
    m.step(5)
    m.framebuffer
    m.close()


def parse_catalog(path: Path):
    """``apple2 disk info``: the image's description and the catalog read through the
    file-system layer (DOS 3.3 and ProDOS), straight on the fuzzed bytes."""
    return info.describe(path)


# --- the registry of file parsers ----------------------------------------------------------------

ODD_U32 = (0, 1, 2, 3, 8, 45, 46, 59, 60, 61, 159, 160, 161, 512, 1280, 6656, 0x7FFF,
           0xFFFF, 0x10000, 0x7FFFFFFF, 0xFFFFFFFF)


@dataclass(frozen=True)
class Parser:
    """A file format: how to make a valid file, parse one, and use what was parsed.

    ``parse(path)`` may raise only an InputError; ``use(parsed, path)`` runs the
    machine on it.  ``fixup`` repairs a checksum so that mutations reach the
    structure; ``fields`` are offsets of length fields worth setting to odd
    values; ``slow``: a parse takes about a second (fewer examples).
    """

    name: str
    suffix: str
    seed: Callable[[], bytes]
    parse: Callable[[Path], object]
    use: Callable[[object, Path], None] = lambda parsed, path: None
    fixup: Callable[[bytes], bytes] | None = None
    fields: tuple[int, ...] = ()
    slow: bool = False
    strategy: Callable[[bytes], st.SearchStrategy[bytes]] | None = None   # instead of mutated


def state_seed() -> bytes:
    return STATE.path.read_bytes()


PARSERS = [
    # Sector and nibble images are GCR-encoded in Python at load (about a second): slow.
    Parser("dsk", ".dsk", lambda: seed_bytes("dsk"), images.load, use_disk, slow=True),
    Parser("po", ".po", lambda: seed_bytes("po"), images.load, use_disk, slow=True),
    Parser("nib", ".nib", lambda: seed_bytes("nib"), images.load, use_disk, slow=True),
    Parser("woz1", ".woz", lambda: seed_bytes("woz1"), images.load, use_disk, woz_crc,
           fields=(16, 84, 252)),
    Parser("woz2", ".woz", lambda: seed_bytes("woz2"), images.load, use_disk, woz_crc,
           fields=(16, 84, 252, 256, 258, 260)),
    Parser("woz1 chunks", ".woz", lambda: seed_bytes("woz1"), images.load, use_disk,
           strategy=woz_chunks),
    Parser("woz2 chunks", ".woz", lambda: seed_bytes("woz2"), images.load, use_disk,
           strategy=woz_chunks),
    Parser("d13", ".d13", lambda: seed_bytes("d13"), images.load, use_disk, slow=True),
    Parser("catalog", ".dsk", lambda: seed_bytes("dsk"), parse_catalog),
    Parser("2mg", ".2mg", lambda: seed_bytes("2mg"), parse_catalog,
           fields=(8, 12, 16, 20, 24, 28, 32, 36, 40, 44)),
    Parser("disk ROM", ".rom", lambda: seed_bytes("disk ROM"), load_disk_rom),
    Parser("system ROM", ".rom", lambda: seed_bytes("rom"), load_system_rom, use_rom,
           fields=(0x2FFC,)),
    Parser("monitor ROM", ".rom", lambda: seed_bytes("monitor"), load_system_rom, use_rom,
           fields=(0x7FC,)),
    Parser("character ROM", ".rom", lambda: seed_bytes("charset"), load_charset_rom,
           use_charset),
    Parser("IIe video ROM", ".rom", lambda: seed_bytes("video rom"), load_character_rom,
           use_video_rom),
    Parser("save state", ".npz", state_seed, parse_state, use_state),
    Parser("P6 PROM", ".rom", p6_seed, sequencer.load_p6),
    Parser("P6 PROM tables", ".rom", p6_seed, parse_p6_as_known, use_p6),
]


@st.composite
def mutated(draw, parser: Parser) -> bytes:
    """Random bytes, or the seed with a few edits: flips, overwrites, cuts, growth, odd fields."""
    seed = parser.seed()
    if parser.strategy is not None:
        return draw(parser.strategy(seed))
    if draw(st.integers(0, 9)) == 0:
        return draw(st.binary(max_size=300))
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["flip", "set", "cut", "grow", "field"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if kind == "flip" and data:
            data[at] ^= draw(st.integers(1, 255))
        elif kind == "set":
            chunk = draw(st.binary(min_size=1, max_size=32))
            data[at:at + len(chunk)] = chunk
        elif kind == "cut":
            del data[draw(st.integers(0, len(data))):]
        elif kind == "grow":
            data += draw(st.binary(min_size=1, max_size=64))
        elif parser.fields:
            where = draw(st.sampled_from(parser.fields))
            if where + 4 <= len(data):
                struct.pack_into("<I", data, where, draw(st.sampled_from(ODD_U32)))
    data = bytes(data)
    if parser.fixup is not None and draw(st.integers(0, 3)):
        data = parser.fixup(data)
    return data


def parse_and_use(parser: Parser, path: Path, data: bytes) -> None:
    path.write_bytes(data)
    with watchdog():
        try:
            parsed = parser.parse(path)
        except InputError as e:
            check_error(e, path)
            event(f"refused: {kind_of(e, path)}")
        else:
            event("parsed, then used")
            try:
                parser.use(parsed, path)
            except InputError as e:
                check_error(e)
    assert path.read_bytes() == data            # the input file is never changed


@pytest.mark.parametrize("parser", [p for p in PARSERS if not p.slow], ids=lambda p: p.name)
@fuzz_settings(25)
@given(data=st.data())
def test_file_parsers_take_any_bytes(parser, tmp_path_factory, data):
    path = tmp_path_factory.getbasetemp() / f"input{parser.suffix}"
    parse_and_use(parser, path, data.draw(mutated(parser), label="file"))


@pytest.mark.parametrize("parser", [p for p in PARSERS if p.slow], ids=lambda p: p.name)
@fuzz_settings(4)
@given(data=st.data())
def test_slow_file_parsers_take_any_bytes(parser, tmp_path_factory, data):
    """Sector and nibble images are GCR-encoded in Python at load (about a second each)."""
    path = tmp_path_factory.getbasetemp() / f"input{parser.suffix}"
    parse_and_use(parser, path, data.draw(mutated(parser), label="file"))


# --- save states, array by array ------------------------------------------------------------

@dataclass
class SourceState:
    """A state saved mid-boot of the homebrew disk (as a WOZ: it loads fast), and its arrays."""

    path: Path
    image: Path
    arrays: dict = field(default_factory=dict)


def make_state(folder: Path) -> SourceState:
    image = folder / "homebrew.woz"
    image.write_bytes(seed_bytes("woz2"))
    m = Apple2(disks=[image])
    m.run(seconds=0.3)
    m.key(0x41)
    path = folder / "source.npz"
    m.save_state(path)
    m.close()
    with np.load(path) as f:
        arrays = {k: f[k].copy() for k in f.files}
    return SourceState(path, image, arrays)


STATE: SourceState     # made by the fixture below, used by the "save state" parser too


@pytest.fixture(scope="module", autouse=True)
def source_state(tmp_path_factory):
    global STATE
    STATE = make_state(tmp_path_factory.mktemp("state"))
    return STATE


ODD_I64 = (-1, 0, 1, 2, 3, 7, 8, 0xF, 0x7F, 0x80, 0xFF, 0x100, 0x1FF, 0xFFFF, 0x10000,
           bus.MEM_SIZE, bus.STATE_SIZE, 1 << 31, 1 << 62, -(1 << 63), (1 << 63) - 1)


def _hot(name: str, length: int) -> list[int]:
    """Indices of an array worth breaking: its named slots, taken from the modules."""
    d = bus.DISK
    hot = {
        "cpu": list(range(cpu_state.SIZE)),
        "io": (list(range(bus.IO_SIZE))
               + [bus.PAGES + p for p in (0, 0x03, 0xC0, 0xD0, 0xFF, 256, 256 + 0xD0, 511)]
               + [bus.VLOG, bus.VLOG + 1, bus.SLOG, bus.KEYS, bus.KEYS + 1, bus.WLOG, bus.WLOG + 1]
               + list(range(d, d + layout.NAMED))
               + [d + layout.TRACK_BITS + i for i in (0, 1, 159, 160)]
               + [d + layout.DIRTY + i for i in (0, 160)]),
        "mem": ([bus.DISK_MEM + layout.TMAP + q for q in (0, 1, 4, 159, 160, 255, 256, 300)]
                + [bus.DISK_MEM + at for at in (layout.SEQ_NEXT, layout.SEQ_ACTION + 7,
                                                layout.SPANS, layout.SPANS + 1)]
                + [0x3F2, 0x3F3, bus.ROM + 0x2FFC, bus.ROM + 0x2FFD]),
        "counters": list(range(5)),
        "pixels": [0, length - 1],
        "speaker_log": [0, length - 1] if length else [],
    }.get(name, [0, length - 1])
    return [i for i in hot if 0 <= i < length]


STATE_PARTS = {
    # name: what a broken value of it looks like, beyond the generic edits below
    "format": st.sampled_from(["", "apple2-stat", "apple2-state\0"]),
    "version": st.sampled_from([-1, 0, 1, 3, 1 << 40]),
    "variant": st.sampled_from(["", "65c02", "z80"]),
    "disk_slot": st.sampled_from([-1, 0, 1, 5, 6, 7, 8, 1 << 40]),
    "disk_paths": st.lists(st.sampled_from(["", "missing.woz", "/", "\0", "x" * 5000,
                                            "/dev/zero", "{image}"]), max_size=3),
    "disk_orders": st.lists(st.sampled_from(["", "dos", "prodos", "cpm"]), max_size=3),
    "disk_hashes": st.lists(st.sampled_from(["", "0" * 64, "zz"]), max_size=3),
    "cpu": None, "mem": None, "io": None, "pixels": None, "line_modes": None,
    "speaker_log": None, "debug_flags": None, "counters": None,
}


@st.composite
def broken_state(draw) -> dict:
    data = {k: v.copy() for k, v in STATE.arrays.items()}
    for _ in range(draw(st.integers(1, 3))):
        name = draw(st.sampled_from(sorted(STATE_PARTS)))
        action = draw(st.sampled_from(["poke", "poke", "poke", "special", "drop", "retype",
                                       "resize"]))
        if action == "drop":
            data.pop(name, None)
        elif action == "retype" and name in data:
            dtype = draw(st.sampled_from([np.float64, np.int32, np.uint8, np.int64, np.bool_,
                                          np.dtype("U3")]))
            data[name] = (data[name].astype(dtype) if data[name].dtype.kind in "iub"
                          else np.zeros(data[name].shape, dtype))
        elif action == "resize" and name in data:
            size = draw(st.sampled_from([0, 1, 2, 5, 100]))
            data[name] = np.resize(data[name], size)
        elif action == "special" and STATE_PARTS[name] is not None:
            value = draw(STATE_PARTS[name])
            if isinstance(value, list):
                value = [v.replace("{image}", str(STATE.image)) for v in value]
            data[name] = np.array(value, dtype=str if isinstance(value, (str, list)) else None)
        elif name in data and data[name].dtype.kind in "iub" and data[name].size:
            array = data[name].reshape(-1).copy()
            index = draw(st.sampled_from(_hot(name, array.size) or [0]))
            info_ = np.iinfo(array.dtype) if array.dtype.kind != "b" else None
            value = draw(st.sampled_from(ODD_I64))
            if info_ is not None:
                value = max(info_.min, min(info_.max, value))
            array[index] = value
            data[name] = array.reshape(data[name].shape)
    return data


@pytest.fixture(scope="module")
def target():
    """One machine that takes every broken state, as a user's machine would one after another."""
    m = Apple2()
    m.insert_disk(1, woz_copy(STATE.image.parent / "target.woz"))
    m.run(frames=3)
    yield m
    m.close()


def woz_copy(path: Path) -> Path:
    path.write_bytes(seed_bytes("woz2"))
    return path


def snapshot(m: Apple2) -> list:
    card = m.disk_card
    return [m.cpu.state.copy(), m.mem.copy(), m.io.copy(), m.pixels.copy(), m.frame,
            m.frame_start, m.halted, m.colour,
            [d.path if d else None for d in card.disks] if card else None]


def unchanged(before: list, after: list) -> bool:
    return all(np.array_equal(a, b) if isinstance(a, np.ndarray) else a == b
               for a, b in zip(before, after))


@fuzz_settings(60)
@given(data=broken_state())
def test_the_state_loader_refuses_broken_states_whole_or_runs_them(target, tmp_path_factory,
                                                                   data):
    path = tmp_path_factory.getbasetemp() / "broken.npz"
    np.savez(path, **data)
    before_file, before = digest(path), snapshot(target)
    with watchdog():
        try:
            target.load_state(path)
        except InputError as e:
            check_error(e, path)
            event(f"refused: {kind_of(e, path)}")
            assert unchanged(before, snapshot(target)), "a failed load changed the machine"
        else:
            event("loaded, then run")
            target.run(frames=2)
            target.step(3)
            target.framebuffer
            target.text_screen()
    assert digest(path) == before_file


# --- the command line ----------------------------------------------------------------------

class Files:
    """Special files for options that take a path, made once per test run."""

    def __init__(self, folder: Path):
        self.folder = folder
        os.mkfifo(folder / "fifo")
        (folder / "empty").write_bytes(b"")
        (folder / "junk").write_bytes(bytes(range(256)) * 3)
        (folder / "dir").mkdir()
        (folder / "disk.woz").write_bytes(seed_bytes("woz2"))
        (folder / "disk.dsk").write_bytes(seed_bytes("dsk"))
        (folder / "apple2.rom").write_bytes(seed_bytes("rom"))
        (folder / "chars.rom").write_bytes(seed_bytes("charset"))
        (folder / "disk2.rom").write_bytes(seed_bytes("disk ROM"))
        (folder / "prog.bin").write_bytes(bytes([0xA9, 0xC1, 0x4C, 0x02, 0x08]))
        (folder / "quit.txt").write_text("regs\nstep 2\nquit\n")
        (folder / "state.npz").write_bytes(STATE.path.read_bytes())
        (folder / "junk.json.gz").write_bytes(b"\x1f\x8b not gzip")
        (folder / "steps").mkdir()
        (folder / "steps" / "a9.json.gz").write_bytes(b"\x1f\x8b\x08\x00 broken")
        (folder / "out").mkdir()
        # images the disk commands may change (out/ is not checked for changes)
        (folder / "out" / "work.dsk").write_bytes(seed_bytes("dsk"))
        with contextlib.redirect_stdout(io.StringIO()):
            assert cli.main(["disk", "new", "--prodos", str(folder / "out" / "work.po")]) == 0
            assert cli.main(["disk", "new", "--dos33", str(folder / "out" / "dos.dsk")]) == 0

    def expand(self, text: str) -> str:
        return text.replace("{f}", str(self.folder))

    def inputs(self) -> list[Path]:
        return [p for p in self.folder.rglob("*") if p.is_file() and "out" not in p.parts]


IN_FILES = st.sampled_from(["{f}/missing", "{f}/dir", "{f}/fifo", "/dev/zero", "{f}/empty",
                            "{f}/junk", "{f}/disk.woz", "{f}/apple2.rom", "{f}/chars.rom",
                            "{f}/state.npz", "{f}/prog.bin", "{f}/quit.txt", "a\0b", "",
                            "{f}/" + "x" * 300])
DISKS = st.one_of(IN_FILES, st.just("{f}/disk.dsk"))
OUT_FILES = st.sampled_from(["{f}/out/shot.png", "{f}/dir", "{f}/fifo", "/dev/null",
                             "{f}/missing/shot.png", "{f}/out"])
NUMBERS = st.one_of(st.sampled_from(["nan", "inf", "-inf", "-1", "1e300", "abc", "", "0x10",
                                     " 1", "1e-300", "0", "86401", "5184001", "1_0"]),
                    st.floats(0, 0.05).map(repr), st.integers(0, 3).map(str))
ADDRESSES = st.one_of(st.sampled_from(["zz", "70000", "-1", "$", "0x", "$FFFF", "FFFF",
                                       "10000", "", "$0800"]),
                      st.integers(0, 0x1FFFF).map(lambda v: f"{v:X}"))
TEXT = st.text(max_size=40)
WORK = st.one_of(IN_FILES, st.sampled_from(["{f}/out/work.dsk", "{f}/out/work.po",
                                            "{f}/out/dos.dsk"]))
NEW_IMAGES = st.sampled_from(["{f}/out/new.po", "{f}/out/new.dsk", "{f}/out/new.2mg",
                              "{f}/out/new.hdv", "{f}/out/new.woz", "{f}/out/new",
                              "{f}/dir", "{f}/fifo", "/dev/null", "{f}/missing/new.po", ""])
NAMES = st.one_of(TEXT, st.sampled_from(["HELLO", "PROG", "A/B", "DIR", "DIR/SUB", "/", "",
                                         "X" * 40, "HELLO.SYSTEM"]))
SLOTS = st.one_of(st.sampled_from(["4=mockingboard", "6=disk2", "5=disk2", "4=none", "0=disk2",
                                   "8=disk2", "6=nothing", "=", "4", "mockingboard", "7=none"]),
                  TEXT)


def choices(*valid: str) -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(valid), st.sampled_from(["", "x", "0", "99"]))


@dataclass(frozen=True)
class Option:
    """A command-line option and the values to try (None: a switch without a value).

    ``flag`` None is the command's positional argument (a list: its several arguments).
    """

    command: str
    flag: str | None
    values: st.SearchStrategy[str] | None = None


OPTIONS = [
    Option("run", None, DISKS),
    Option("run", "--disk2", DISKS),
    Option("run", "--disk-card"),
    Option("run", "--disk-slot", choices("1", "5", "6", "7", "0", "8", "-1")),
    Option("run", "--order", choices("dos", "prodos")),
    Option("run", "--write-protect"),
    Option("run", "--disk-sequencer", IN_FILES),
    Option("run", "--rom", IN_FILES),
    Option("run", "--cpu", choices("6502", "65c02")),
    Option("run", "--headless"),
    Option("run", "--seconds", NUMBERS),
    Option("run", "--frames", NUMBERS),
    Option("run", "--speed", st.one_of(NUMBERS, st.just("max"))),
    Option("run", "--type", st.one_of(TEXT, st.just("A" * 5000), st.just("caf\u00e9"))),
    Option("run", "--screenshot", OUT_FILES),
    Option("run", "--print-screen"),
    Option("run", "--mono", choices("white", "green", "amber")),
    Option("run", "--charset", IN_FILES),
    Option("run", "--hd1", WORK),
    Option("run", "--hd2", WORK),
    Option("run", "--disk-rom", st.one_of(IN_FILES, st.just("{f}/disk2.rom"))),
    Option("run", "--model", choices("ii+", "iie", "iie-enh")),
    Option("run", "--slot", SLOTS),
    Option("run", "--wav", st.one_of(OUT_FILES, st.just("{f}/out/sound.wav"))),
    Option("run", "--load", st.one_of(
        st.tuples(IN_FILES, ADDRESSES).map("@".join), st.just("{f}/prog.bin@0800"),
        st.just("{f}/prog.bin@FFFE"), st.just("{f}/prog.bin"))),
    Option("run", "--pc", ADDRESSES),
    Option("disk info", None, DISKS),
    Option("disk info", "--order", choices("dos", "prodos")),
    Option("disk new", None, NEW_IMAGES),
    Option("disk new", "--prodos"),
    Option("disk new", "--dos33"),
    Option("disk new", "--size", st.one_of(NUMBERS, st.sampled_from(
        ["140K", "800K", "32M", "33M", "140k", "280", "65535", "65536", "1K", "K"]))),
    Option("disk new", "--volume", st.one_of(NAMES, NUMBERS)),
    Option("disk new", "--force"),
    Option("disk ls", None, st.one_of(DISKS, WORK)),
    Option("disk ls", "--order", choices("dos", "prodos")),
    Option("disk put", None, st.tuples(WORK, IN_FILES).map(list)),
    Option("disk put", "--name", NAMES),
    Option("disk put", "--type", choices("BIN", "TXT", "SYS", "BAS", "$06", "B", "T", "$1FF")),
    Option("disk put", "--addr", ADDRESSES),
    Option("disk put", "--order", choices("dos", "prodos")),
    Option("disk get", None, st.tuples(st.one_of(DISKS, WORK), NAMES, OUT_FILES).map(list)),
    Option("disk get", "--order", choices("dos", "prodos")),
    Option("disk rm", None, st.tuples(WORK, NAMES).map(list)),
    Option("disk rm", "--order", choices("dos", "prodos")),
    Option("disk mkdir", None, st.tuples(WORK, NAMES).map(list)),
    Option("disk mkdir", "--order", choices("dos", "prodos")),
    Option("debug", None, DISKS),
    Option("debug", "--disk2", DISKS),
    Option("debug", "--disk-card"),
    Option("debug", "--disk-slot", choices("1", "6", "7", "0", "9")),
    Option("debug", "--order", choices("dos", "prodos")),
    Option("debug", "--write-protect"),
    Option("debug", "--disk-sequencer", IN_FILES),
    Option("debug", "--rom", IN_FILES),
    Option("debug", "--no-rom"),
    Option("debug", "--cpu", choices("6502", "65c02")),
    Option("debug", "--hd1", WORK),
    Option("debug", "--hd2", WORK),
    Option("debug", "--disk-rom", st.one_of(IN_FILES, st.just("{f}/disk2.rom"))),
    Option("debug", "--model", choices("ii+", "iie", "iie-enh")),
    Option("debug", "--slot", SLOTS),
    Option("debug", "--load", st.one_of(
        st.tuples(IN_FILES, ADDRESSES).map("@".join), st.just("{f}/prog.bin@0800"),
        st.just("{f}/prog.bin@BFFE"), st.just("nofile"))),
    Option("debug", "--pc", ADDRESSES),
    Option("debug", "--state", IN_FILES),
    Option("debug", "--restore-disks"),
    Option("debug", "--commands", st.one_of(IN_FILES, st.just("{f}/quit.txt"))),
    Option("disasm", None, IN_FILES),
    Option("disasm", "--org", ADDRESSES),
    Option("disasm", "--cpu", choices("6502", "65c02")),
    Option("conformance singlestep", None, st.sampled_from(
        ["{f}/missing", "{f}/junk", "{f}/dir", "{f}/steps", "/dev/zero", ""])),
    Option("conformance singlestep", "--cpu", choices("6502", "65c02")),
    Option("conformance klaus", "--testdata", st.sampled_from(["{f}/missing", "{f}/dir",
                                                               "{f}/junk"])),
    # Without ``machine`` (not fuzzed: it runs for minutes) a usage error; see ALWAYS.
    Option("bench", "--against", st.sampled_from(["{f}/missing", "{f}/dir", "{f}/junk", "",
                                                  str(REPO)])),
]
# Left out, with the reason: each is run by its own tests.
NOT_FUZZED = {
    ("bench", None): "runs benchmarks for minutes (tests/test_bench.py runs --quick)",
    ("bench", "--quick"): "as above",
}
# Added to every example unless it gives them: short runs, off the screen and the terminal.
ALWAYS = {"run": [("--headless", None), ("--frames", "1")],
          "debug": [("--commands", "{f}/quit.txt")],
          "conformance klaus": [("--testdata", "{f}/dir")],   # not the real suite: seconds
          "bench": [("--against", "{f}/missing")]}            # a usage error, never a run


@st.composite
def command_lines(draw) -> list[str]:
    command = draw(st.sampled_from(sorted({o.command for o in OPTIONS})))
    options = [o for o in OPTIONS if o.command == command]
    chosen = draw(st.lists(st.sampled_from(options), max_size=4, unique_by=lambda o: o.flag))
    argv = command.split()
    for o in chosen:
        value = draw(o.values) if o.values is not None else None
        values = value if isinstance(value, list) else [] if value is None else [value]
        argv += ([o.flag] if o.flag else []) + values
    flags = {o.flag for o in chosen}
    for flag, value in ALWAYS.get(command, []):
        if flag not in flags and not (flag == "--frames" and "--seconds" in flags):
            argv += [flag] + ([value] if value is not None else [])
    return argv


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    return Files(tmp_path_factory.mktemp("files"))


@fuzz_settings(60)
@given(argv=command_lines())
def test_command_lines_end_in_a_run_or_one_error_line(files, argv):
    argv = [files.expand(a) for a in argv]
    before = {p: digest(p) for p in files.inputs()}
    out, err = io.StringIO(), io.StringIO()
    with watchdog(), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = cli.main(argv)
        except SystemExit as e:                       # argparse's usage errors
            status = e.code
    text = err.getvalue()
    assert "Traceback" not in text, text
    assert status in (0, 1, 2), (status, text)
    event(f"{argv[0]}: exit status {status}")
    if status == 2:
        assert text.splitlines() and text.splitlines()[-1].startswith("apple2"), text
    assert {p: digest(p) for p in files.inputs()} == before, "an input file changed"


# --- the debugger ------------------------------------------------------------------------

COUNTS = st.one_of(st.integers(-3, 40).map(str), st.sampled_from(["", "zz", "0x10", "1e3",
                                                                 "99999999999999999999"]))
RANGES = st.one_of(ADDRESSES, st.tuples(ADDRESSES, st.sampled_from(["-", "."]), ADDRESSES)
                   .map("".join))
PATHS = st.one_of(IN_FILES, st.just("'unclosed"))
OUT_PATHS = st.one_of(OUT_FILES, st.just('"{f}/out/a b.npz"'), st.just("'unclosed"))


def words(*parts: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Some of ``parts`` in order, joined by spaces: a command's words, or too few."""
    return st.integers(0, len(parts)).flatmap(
        lambda n: st.tuples(*parts[:n]).map(" ".join) if n else st.just(""))


COMMANDS = {
    "regs": st.just(""),
    "set": words(st.sampled_from(["a", "x", "y", "s", "p", "pc", "q", "A"]), ADDRESSES),
    "step": words(COUNTS),
    # never bare: it runs until something stops it (in a terminal, Ctrl+C does)
    "continue": st.sampled_from(["1", "2", "0", "-1", "zz", "99999999999999999999", "1 2"]),
    "c": st.sampled_from(["1", "x"]),
    "break": words(ADDRESSES), "b": words(ADDRESSES),
    "delete": words(st.one_of(ADDRESSES, st.just("all"))),
    "watch": words(RANGES, st.sampled_from(["r", "w", "rw", "x", ""])),
    "unwatch": words(RANGES),
    "brk": words(st.sampled_from(["on", "off", "maybe", "1"])),
    "mem": words(RANGES, COUNTS), "m": words(RANGES),
    "poke": words(ADDRESSES, ADDRESSES, ADDRESSES),
    "disasm": words(ADDRESSES, COUNTS), "d": words(ADDRESSES),
    "trace": words(OUT_PATHS, COUNTS),
    "save": words(OUT_PATHS, st.just("extra")),
    "load": words(st.one_of(PATHS, st.just("{f}/state.npz")),
                  st.sampled_from(["restore-disks", "x"])),
    "type": st.one_of(TEXT, st.just("A" * 5000), st.just("\\n")),
    "screen": st.just(""),
    "screenshot": words(OUT_PATHS),
    "insert": words(st.sampled_from(["1", "2", "3", "0", "x"]),
                    st.one_of(IN_FILES, st.just("{f}/disk.woz"))),
    "eject": words(st.sampled_from(["1", "2", "3", "x"])),
    "reset": st.just(""),
    "help": st.sampled_from(["", "mem", "nothing"]),
    "quit": st.just(""), "q": st.just(""), "EOF": st.just(""),
}


@st.composite
def scripts(draw) -> list[str]:
    names = draw(st.lists(st.sampled_from(sorted(COMMANDS)), min_size=1, max_size=6))
    lines = [f"{name} {draw(COMMANDS[name])}".rstrip() for name in names]
    if draw(st.integers(0, 9)) == 0:
        lines.append(draw(st.text(max_size=20)).replace("\n", " "))   # anything at all
    return lines


@fuzz_settings(60)
@given(lines=scripts())
def test_debugger_commands_end_in_output_or_one_error_line(files, lines):
    script = "\n".join(files.expand(line) for line in lines) + "\nquit\n"
    before = {p: digest(p) for p in files.inputs()}
    m = Apple2()
    out = io.StringIO()
    with watchdog():
        Monitor(m, stdin=io.StringIO(script), stdout=out).cmdloop()   # nothing escapes it
        m.run(frames=1)
        errors = m.close()
    assert all("\n" not in e for e in errors)
    assert "Traceback" not in out.getvalue()
    assert {p: digest(p) for p in files.inputs()} == before, "an input file changed"


# --- every option and command has its entry ---------------------------------------------------

def parser_options() -> set[tuple[str, str | None]]:
    """(command, option) for every option of ``apple2``, positional ones as None."""
    found = set()

    def walk(parser: argparse.ArgumentParser, prefix: str) -> None:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    walk(sub, f"{prefix} {name}".strip())
            elif isinstance(action, argparse._HelpAction):
                continue
            elif prefix:
                flag = max(action.option_strings, key=len) if action.option_strings else None
                found.add((prefix, flag))
    walk(cli.build_parser(), "")
    return found


def test_every_command_line_option_is_fuzzed():
    fuzzed = {(o.command, o.flag) for o in OPTIONS} | set(NOT_FUZZED)
    missing = parser_options() - fuzzed
    assert not missing, f"add these to OPTIONS in {__file__}: {sorted(missing, key=str)}"


def test_every_debugger_command_is_fuzzed():
    commands = {name[3:] for name in dir(Monitor) if name.startswith("do_")}
    missing = commands - set(COMMANDS)
    assert not missing, f"add these to COMMANDS in {__file__}: {sorted(missing)}"
