"""Save states: the whole machine in one file, resumed bit for bit.

Everything the machine is made of already lives in numpy arrays (the CPU's
state slots, memory, the I/O array with its page table, logs and key queue),
so a save state is those arrays plus the few counters Python keeps between
frames, in one ``.npz`` file with a format version.  Loading copies them back
*into* the machine's arrays, in place: the jitted core holds references to
those very arrays, and the page table is a view into the I/O array.

Because nothing is left out, a run after a load is the same run: the same
frames, the same cycles, the same speaker toggles.

Loading is all or nothing, and nothing the file says reaches the jitted
core unchecked (the core trusts its arrays: an index out of range there is
a crash, not an exception).  Before the machine is touched:

* the file is read through :func:`emu.userfiles.read_input` (a regular file,
  size capped), and each array's header is read before its data: dtype and
  shape must be those of the running machine's own arrays, so a file cannot
  make us allocate more than the machine is;
* values are checked against the ranges their slots can hold (registers,
  switches, counters, log and queue positions, the Disk II's registers and
  quarter-track maps), all taken from the modules' constants;
* the page table is not taken from the file: it is rebuilt from the saved
  switches (``emu.bus.map_pages``) and every entry checked against the size
  of memory.

A bad file raises :class:`StateError` (one line naming the file and the
problem) and leaves the machine as it was.

The model (``emu.models``) and the card in each slot are saved too.  A state
is only loaded into a machine of the same model (a IIe's state has aux
memory and switches a II+ does not have), and the slot table is rebuilt from
the saved card names, never taken from the file; a card the state has and
the machine lacks is plugged in, a slot holding another card is an error.

Disks: the Disk II's registers and every track's bits are in those arrays
too.  Saving a state first writes each drive's changes to its image file,
then records the file's SHA-256 beside its name.  After a load each drive
is tied to its file again, if the file is as the state left it: on eject
every track that differs is written back, so the file gets the disk the
resumed machine sees.  If the file has changed since (the machine ran on and
saved, or another program wrote it), the newer file is kept: the drive holds
the state's disk but does not write it back, and the load says so
(``restore_disks=True`` writes the state's disk over the file instead).
Disks in the drives when a state is loaded are ejected first, their changes
saved.

Cards whose media are too big for every state (the hard disk's 32 MB
volumes) keep them in ``mem`` above ``bus.SAVED_MEM``, which a state leaves
out; such a card's module says what the state holds instead
(``state_specs``: for the hard disk, the image paths, their CRCs and the
changed blocks), the card gives it (``state_arrays``) and puts the media
back after a load (``restore_state``; see ``emu.disk.harddisk``).
"""
from __future__ import annotations

import hashlib
import io
import os
import zipfile
from typing import TYPE_CHECKING, Callable, NamedTuple

import numpy as np

from . import bus, slots as cards, video
from .video import modes, scanner, writelog
from .cpu import state
from .cpu.opcodes import CMOS
from .cpu.state import StopReason
from .disk.layout import DRIVES
from .models import MODELS
from .userfiles import InputError, check_output, one_line, read_input, write_atomically

if TYPE_CHECKING:
    from .disk.images import Disk
    from .machine import Apple2

FORMAT = "apple2-state"
VERSION = 5                 # 3: the model, the slots' cards, the IIe's aux memory in mem;
                            # 4: the log of writes to the pages on display in io
                            # 5: the Disk II's sequencer state and tables (emu/disk/layout.py)
MAX_PATH_CHARS = 4096       # an image path recorded in a state
HEADER_BYTES = 4096         # room for an .npy header beside an array's data


class StateError(InputError):
    """A save state that cannot be loaded; the message names the file and the problem."""


def _arrays(m: Apple2) -> dict[str, np.ndarray]:
    """The machine's state arrays, by name: what a state file holds besides the counters."""
    return {"cpu": m.cpu.state, "mem": m.mem[:bus.SAVED_MEM], "io": m.io, "pixels": m.pixels,
            "line_modes": m._line_modes, "speaker_log": m.speaker_log,
            "debug_flags": m.debug_flags}


COUNTERS = ("frame", "frame_start", "mode_at_start", "halted", "colour")


def _counters(m: Apple2) -> np.ndarray:
    return np.array([m.frame, m.frame_start, m._mode_at_start, m.halted, m.colour],
                    dtype=np.int64)


def _drives(m: Apple2) -> tuple[int, list[str], list[str]]:
    """The Disk II's slot (0: none) and each drive's image path and sector order."""
    card = m.disk_card
    disks = card.disks if card is not None else []
    paths = [str(d.path) if d is not None and d.path else "" for d in disks]
    orders = [d.order or "" if d is not None else "" for d in disks]
    return (card.slot if card is not None else 0), paths, orders


def _card_arrays(m: Apple2) -> dict[str, np.ndarray]:
    """What the cards with media outside the saved mem want kept (their state_arrays)."""
    arrays: dict[str, np.ndarray] = {}
    for card in m.cards.values():
        if hasattr(card, "state_arrays"):
            arrays.update(card.state_arrays())
    return arrays


def _restore_cards(m: Apple2, data: dict[str, np.ndarray]) -> list[str]:
    """After the arrays are back: each such card puts its media back; returns notes."""
    notes = []
    for card in m.cards.values():
        if hasattr(card, "restore_state"):
            notes += card.restore_state(data)
    return notes


def _slot_names(m: Apple2) -> list[str]:
    """The card in each slot 1-7 ("" for an empty one)."""
    return [m.slots.get(slot, "") for slot in cards.SLOTS]


def file_hash(path: str | os.PathLike) -> str:
    """SHA-256 of an image file as it is now, or "" if it cannot be read."""
    from .disk.images import MAX_IMAGE_BYTES
    try:
        return hashlib.sha256(read_input(path, MAX_IMAGE_BYTES, "disk image")).hexdigest()
    except InputError:
        return ""


# --- saving ------------------------------------------------------------------------

def save(m: Apple2, path: str | os.PathLike) -> list[str]:
    """Write the machine's state to ``path`` atomically; returns notes for the user.

    The drives' changes are written to their image files first, so that each
    file is the disk the state holds (the notes say if one could not be).
    """
    check_output(path, "save state", StateError)
    notes = _flush_disks(m)
    slot, paths, orders = _drives(m)
    hashes = [file_hash(p) if p else "" for p in paths]
    out = io.BytesIO()
    np.savez_compressed(out, format=np.array(FORMAT), version=np.array(VERSION),
                        variant=np.array(m.cpu.variant), model=np.array(m.model.name),
                        counters=_counters(m), slots=np.array(_slot_names(m), dtype=str),
                        disk_slot=np.array(slot), disk_paths=np.array(paths, dtype=str),
                        disk_orders=np.array(orders, dtype=str),
                        disk_hashes=np.array(hashes, dtype=str), **_arrays(m),
                        **_card_arrays(m))
    try:
        write_atomically(path, out.getvalue())
    except OSError as e:
        raise StateError(f"{path}: cannot write it ({e.strerror or e})") from None
    return notes


def _flush_disks(m: Apple2) -> list[str]:
    from .disk.images import DiskError
    card, notes = m.disk_card, []
    for drive in range(len(card.disks) if card is not None else 0):
        try:
            card.save(drive)
        except DiskError as e:
            notes.append(f"drive {drive + 1}: {one_line(e)}")
    return notes


# --- what a state file must hold -----------------------------------------------------

class Spec(NamedTuple):
    """One array of a state file: its dtype, and its shape or a check of it."""

    dtype: np.dtype | str          # a dtype, or a kind: "U" (text), "i" (any integer)
    shape: tuple | Callable[[tuple], bool]
    max_bytes: int                 # of data, checked before it is read
    optional: bool = False


def _schema(m: Apple2) -> dict[str, Spec]:
    """Every array a state file holds, derived from the running machine's own arrays.

    Ordered: the identity of the file first, so that a foreign file is named
    as such before its arrays are looked at.
    """
    drives = DRIVES
    text = 4 * MAX_PATH_CHARS * drives
    schema = {"format": Spec("U", (), 4 * 64), "version": Spec("i", (), 8),
              "variant": Spec("U", (), 4 * 64), "model": Spec("U", (), 4 * 64),
              "slots": Spec("U", (len(cards.SLOTS),), 4 * 64 * len(cards.SLOTS)),
              "counters": Spec(np.dtype(np.int64), (len(COUNTERS),), 8 * len(COUNTERS)),
              "disk_slot": Spec("i", (), 8),
              "disk_paths": Spec("U", lambda s: len(s) == 1 and s[0] <= drives, text),
              "disk_orders": Spec("U", lambda s: len(s) == 1 and s[0] <= drives, text),
              "disk_hashes": Spec("U", lambda s: len(s) == 1 and s[0] <= drives, text,
                                  optional=True)}
    for name, array in _arrays(m).items():
        schema[name] = Spec(array.dtype, array.shape, array.nbytes)
    for name, spec in _card_specs().items():
        schema[name] = Spec(*spec, optional=True)
    schema["speaker_log"] = Spec(np.dtype(np.int64), lambda s: len(s) == 1
                                 and s[0] <= bus.SLOG_SIZE, 8 * bus.SLOG_SIZE)
    return schema


def _size_limit(schema: dict[str, Spec]) -> int:
    """The largest state file worth reading: every array stored, uncompressed."""
    return sum(spec.max_bytes + HEADER_BYTES for spec in schema.values()) + (1 << 20)


# --- loading -------------------------------------------------------------------------

def load(m: Apple2, path: str | os.PathLike, restore_disks: bool = False) -> list[str]:
    """Put the machine back in the state saved in ``path``; raises StateError.

    All or nothing: a file that fails any check leaves the machine as it
    was.  Returns notes for the user (empty when all went well): disks whose
    changes could not be saved on the way, images that are gone or changed.
    ``restore_disks``: write the state's disks over image files that changed
    since the state was saved (by default the newer files are kept).
    """
    data = read_state(m, path)
    plugs = _check_slots(m, path, data)
    staged = _stage(m, data, path)
    slot = int(data["disk_slot"])
    # Nothing can fail from here on: commit.
    notes = m.close()                            # the disks in: their changes to their files
    for at, name in plugs:                       # the state's cards this machine lacked
        m.plug(at, name)
    for name, target in _arrays(m).items():
        if name != "speaker_log":
            np.copyto(target, staged[name])
    m.speaker_log = staged["speaker_log"].astype(np.int64)
    m.flags_changed()                            # the breakpoints came back with the state
    m.redraw()                                   # pixels came back, not how they were drawn
    m.frame, m.frame_start, m._mode_at_start, m.halted, m.colour = (
        int(v) for v in data["counters"])
    notes += _restore_cards(m, data)
    if slot:
        notes += _reattach_drives(m, data, restore_disks)
    return notes


def read_state(m: Apple2, path: str | os.PathLike) -> dict[str, np.ndarray]:
    """A state file's arrays, each of the dtype and shape this machine needs; StateError."""
    schema = _schema(m)
    raw = read_input(path, _size_limit(schema), "save state", StateError)
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            members = {info.filename: info for info in zf.infolist()}
            data = {}
            for key, spec in schema.items():
                info = members.get(key + ".npy")
                if info is None:
                    if key == "format":
                        raise StateError(f"{path}: not an apple2 save state")
                    if spec.optional:
                        continue
                    raise StateError(f"{path}: its {key} is missing (not a whole save state)")
                data[key] = _read_member(zf, info, key, spec, path)
                _check_identity(m, key, data[key], path)
    except StateError:
        raise
    except Exception as e:           # zipfile and numpy's header parser raise many kinds
        raise StateError(f"{path}: not a save state ({type(e).__name__}: {one_line(e)})") \
            from None
    return data


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, key: str, spec: Spec,
                 path) -> np.ndarray:
    """One .npy member: its header checked against ``spec`` before its data is read."""
    if info.file_size > spec.max_bytes + HEADER_BYTES:
        raise StateError(f"{path}: its {key} is {info.file_size} bytes; this machine's "
                         f"is at most {spec.max_bytes}")
    with zf.open(info) as f:
        version = np.lib.format.read_magic(f)
        if version == (1, 0):
            shape, fortran, dtype = np.lib.format.read_array_header_1_0(f)
        elif version == (2, 0):
            shape, fortran, dtype = np.lib.format.read_array_header_2_0(f)
        else:
            raise StateError(f"{path}: its {key} is in .npy format {version}")
        if isinstance(spec.dtype, str):
            ok_type = dtype.kind == spec.dtype and not dtype.hasobject
        else:
            ok_type = dtype == spec.dtype
        ok_shape = spec.shape(shape) if callable(spec.shape) else shape == spec.shape
        if not (ok_type and ok_shape):
            raise StateError(f"{path}: its {key} ({dtype} {shape}) does not fit this machine "
                             "(saved by another version of the emulator?)")
        count = int(np.prod(shape, dtype=np.int64))
        nbytes = count * dtype.itemsize
        if nbytes > spec.max_bytes:
            raise StateError(f"{path}: its {key} is too large for this machine")
        raw = f.read(nbytes)
        if len(raw) != nbytes:
            raise StateError(f"{path}: its {key} is cut short")
    return np.frombuffer(raw, dtype=dtype).reshape(shape, order="F" if fortran else "C")


def _check_identity(m: Apple2, key: str, value: np.ndarray, path) -> None:
    """The format, version and CPU, checked as soon as each is read."""
    if key == "format" and str(value) != FORMAT:
        raise StateError(f"{path}: not an apple2 save state")
    if key == "version" and int(value) != VERSION:
        raise StateError(f"{path}: save state version {int(value)}, "
                         f"this emulator reads version {VERSION}")
    if key == "model" and str(value) != m.model.name:
        saved = str(value)
        title = MODELS[saved].title if saved in MODELS else repr(saved)
        raise StateError(f"{path}: saved from an {title}; this machine is an {m.model.title} "
                         f"(load it with model={saved!r})")
    if key == "variant" and str(value) != m.cpu.variant:
        raise StateError(f"{path}: saved from a {value} machine; "
                         f"this one has a {m.cpu.variant}")


# --- the values ----------------------------------------------------------------------
# Each part of the machine says what its saved values may be, as
# (what, values, lowest, highest), in terms of its own constants; _stage
# checks them all before anything is copied into the machine.

_BYTE = (0, 0xFF)
_FLAG = (0, 1)
_FAR = 1 << 62              # a cycle or instruction count no run reaches
_MODES = (modes.TEXT | modes.MIXED | modes.PAGE2 | modes.HIRES | modes.STORE80 | modes.COL80
          | modes.ALTCHAR | modes.DHIRES)
_HALTS = (StopReason.LIMIT, max(StopReason.JAM, StopReason.STP))   # 0, then JAM and STP


def _cpu_ranges(cpu: np.ndarray, variant: str) -> list[tuple]:
    s = state
    return [
        ("the CPU's WAITING (only a 65C02 has WAI)", cpu[s.WAITING], 0,
         1 if variant == CMOS else 0),
        ("the CPU's A, X, Y, S, P", cpu[[s.A, s.X, s.Y, s.S, s.P]], *_BYTE),
        ("the CPU's PC", cpu[s.PC], 0, 0xFFFF),
        ("the CPU's cycle and instruction counts", cpu[[s.CYCLES, s.INSTRUCTIONS]], 0, _FAR),
        ("the CPU's RESET and watchpoint flags",
         cpu[[s.RESET, s.WATCH_HIT, s.WATCH_WRITE, s.NMI_SEEN]], *_FLAG),
        ("the CPU's late I flag and watched value", cpu[[s.I_LATE, s.WATCH_VALUE]], *_BYTE),
        ("the CPU's watched address", cpu[s.WATCH_ADDR], 0, 0xFFFF),
        ("the CPU's options", cpu[s.OPTIONS], 0, s.OPT_STOP_ON_SELF_LOOP | s.OPT_BREAK_ON_BRK),
        ("the CPU's interrupt lines", cpu[[s.IRQ, s.NMI]], 0, _FAR),
        ("the CPU's halt", cpu[s.HALT], *_HALTS),
    ]


def _ram_address(where: np.ndarray) -> np.ndarray:
    """The address in main or aux RAM of a memory index (one beyond both is left out of range)."""
    return np.where(where >= modes.AUX_RAM, where - modes.AUX_RAM, where)


def _io_ranges(io_: np.ndarray) -> list[tuple]:
    b = bus
    head, tail = int(io_[b.KEY_HEAD]), int(io_[b.KEY_TAIL])
    writes = io_[b.WLOG + 1:b.WLOG + 2 * b.WLOG_SIZE:2]
    return [
        ("the keyboard latch", io_[b.KBD], *_BYTE),
        ("the video mode", io_[b.VIDEO], 0, _MODES),
        ("the annunciators", io_[b.ANNUNCIATORS], 0, 0xF),
        ("the buttons", io_[b.BUTTONS], 0, 0x7),
        ("the paddles", io_[b.PADDLE0:b.PADDLE0 + 4], *_BYTE),
        ("the language card's switches",
         io_[[b.LC_READ_RAM, b.LC_WRITE, b.LC_BANK_2, b.LC_PREWRITE]], *_FLAG),
        ("the speaker", io_[b.SPEAKER], *_FLAG),
        ("the speaker log's count", io_[b.SLOG_COUNT], 0, b.SLOG_SIZE),
        ("the video log's count", io_[b.VLOG_COUNT], 0, b.VLOG_SIZE),
        ("the key queue's head", head, 0, _FAR),
        ("the keys waiting", tail - head, 0, b.KEY_QUEUE),
        ("the keys queued", io_[b.KEYS:b.KEYS + b.KEY_QUEUE], 0, 0x7F),
        ("the slots with a ROM", io_[b.SLOTS_PRESENT], *_BYTE),
        ("the slot of the $C800 ROM", io_[b.INTC8], 0, 7),
        ("the cards' IRQ cycles", io_[b.IRQ_FROM:b.IRQ_FROM + 8], -1, _FAR),
        ("the IIe's switches", io_[[b.RAMRD, b.RAMWRT, b.ALTZP, b.INTCXROM, b.SLOTC3ROM,
                                    b.INTC8ROM]], *_FLAG),
        ("the keys held down", io_[b.KEYS_DOWN], 0, 0xFF),
        ("the display pages whose writes are logged", io_[b.LOGGED], 0,
         (scanner.AUX_SHOWN << 1) - 1),
        ("the display writes' count", io_[b.WLOG_COUNT], 0, b.WLOG_SIZE),
        ("the display writes' place", io_[b.WLOG_AT], b.WLOG, b.WLOG),
        # (cycle, where | old << WRITE_OLD | new << WRITE_NEW): the renderer
        # puts bytes back at ``where`` in main RAM, or from AUX_RAM on in aux RAM.
        ("the display writes' addresses", _ram_address(writes & ((1 << writelog.WRITE_OLD) - 1)),
         0, 0xBFFF),
        ("the display writes' bytes", writes >> writelog.WRITE_OLD, 0,
         (1 << (writelog.WRITE_NEW - writelog.WRITE_OLD + 8)) - 1),
    ]


def _counter_ranges(counters: np.ndarray, cpu: np.ndarray, io_: np.ndarray) -> list[tuple]:
    frame, frame_start, mode, halted, colour = (int(v) for v in counters)
    return [
        ("the frame count", frame, 0, _FAR),
        # The CPU is at most a frame (and an instruction) past the frame's start;
        # more would make the next run() chase a frame end it never reaches.
        ("the cycles into the frame", int(cpu[state.CYCLES]) - frame_start, 0,
         2 * bus.CYCLES_PER_FRAME),
        ("the video mode at the frame's start", mode, 0, _MODES),
        ("the cycle of the frame's first fetch", int(io_[bus.SCREEN_START]),
         *[scanner.fetch_cycle(frame_start, 0, 0)] * 2),
        ("the halt reason", halted, *_HALTS),
        ("the monitor colour", colour, video.NTSC, video.MONO_AMBER),
    ]


def _within(what: str, values, lo: int, hi: int) -> str | None:
    """A problem if any of ``values`` is outside ``lo``..``hi``, else None."""
    values = np.atleast_1d(np.asarray(values))
    if values.dtype.kind in "iub":
        bad = values[(values < lo) | (values > hi)]
    else:                           # Python integers past int64 (a difference of two slots)
        bad = [v for v in values.ravel().tolist() if not lo <= v <= hi]
    if len(bad):
        return f"{what} holds {int(bad[0])}, outside {lo}..{hi}"
    return None


def _card_modules(names) -> list:
    """The Python modules of the cards named (each card kind's module, from emu.slots)."""
    from importlib import import_module
    return [import_module(cards.card_named(name).python.partition(":")[0])
            for name in sorted(set(names) - {""})]


def _card_specs() -> dict[str, tuple]:
    """The arrays cards with media outside the saved mem add to a state (``state_specs``)."""
    specs: dict[str, tuple] = {}
    for module in _card_modules(card.name for card in cards.CARDS):
        if hasattr(module, "state_specs"):
            specs.update(module.state_specs())
    return specs


def _card_ranges(saved: list[str], io_: np.ndarray, mem: np.ndarray,
                 cpu: np.ndarray) -> list[tuple]:
    """The ranges each saved card (other than the Disk II, above) gives for its registers."""
    ranges = []
    for name in set(saved) - {"", "disk2"}:
        module = _card_modules([name])[0]
        if hasattr(module, "state_ranges"):
            ranges += module.state_ranges(io_, bus.IO_BLOCKS[cards.card_named(name).kind],
                                          int(cpu[state.CYCLES]))
    return ranges


def _card_problems(saved: list[str], data: dict[str, np.ndarray]) -> list[str]:
    """What the saved cards' own arrays (``state_specs``) hold that cannot be restored."""
    return [problem for module in _card_modules(saved) if hasattr(module, "state_problems")
            for problem in module.state_problems(data)]


def _drive_problems(data: dict[str, np.ndarray]) -> list[str]:
    from .disk.images import ORDERS
    paths = [str(p) for p in data["disk_paths"].tolist()]
    orders = [str(o) for o in data["disk_orders"].tolist()]
    problems = []
    if any(len(p) > MAX_PATH_CHARS or "\0" in p for p in paths):
        problems.append("an image path that is no file name")
    if any(o and o not in ORDERS for o in orders):
        problems.append("an unknown sector order")
    if len(orders) != len(paths):
        problems.append("image paths and sector orders that do not match")
    return problems


def _stage(m: Apple2, data: dict[str, np.ndarray], path) -> dict[str, np.ndarray]:
    """The arrays to copy into the machine, every value checked; StateError if one is bad.

    The page table is rebuilt from the saved switches, never taken from the file.
    """
    from .disk.card import state_ranges as disk_ranges
    from .video.palette import PALETTE
    staged = {name: np.array(data[name]) for name in _arrays(m)}
    io_, mem, cpu = staged["io"], staged["mem"], staged["cpu"]
    slot = int(data["disk_slot"])
    saved = [str(name) for name in data["slots"].tolist()]
    # The slot table is the bus's map to each card's registers: rebuilt, not read.
    io_[bus.SLOT_TABLE:bus.SLOT_TABLE + 8 * bus.SLOT_FIELDS] = _slot_table(saved)
    ranges = (_cpu_ranges(cpu, m.cpu.variant) + _io_ranges(io_)
              + _counter_ranges(data["counters"], cpu, io_)
              + [("the Disk II's slot", slot, 0, 7),
                 ("the IIe flag", io_[bus.IIE], int(m.model.iie_switches), int(m.model.iie_switches))]
              + (disk_ranges(io_, mem, slot, int(cpu[state.CYCLES])) if 0 <= slot <= 7 else [])
              + _card_ranges(saved, io_, mem, cpu)
              + [("the framebuffer", staged["pixels"], 0, len(PALETTE) - 1),
                 ("the speaker log", staged["speaker_log"], 0, _FAR)])
    problems = ([p for p in (_within(*r) for r in ranges) if p] + _drive_problems(data)
                + _card_problems(saved, data))
    if problems:
        raise StateError(f"{path}: not a state this machine can be in: {problems[0]}"
                         + (f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""))
    pages = io_[bus.PAGES:bus.PAGES + 512]
    bus.map_pages(io_, pages)
    # -1 is I/O; a write entry -2 - offset is main or aux RAM whose writes are logged.
    memory = np.where(pages < -1, -2 - pages, pages)
    bad = pages[((pages != -1) & ((memory < 0) | (memory > len(mem) - 256)))
                | ((pages < -1) & (_ram_address(memory) > 0xC000 - 256))]
    if len(bad):                # map_pages cannot do this; a guard for what it becomes
        raise StateError(f"{path}: a page table entry {int(bad[0])} outside memory")
    return staged


def _check_slots(m: Apple2, path, data: dict[str, np.ndarray]) -> list[tuple[int, str]]:
    """The machine can take the state's cards; returns the (slot, card) to plug in.

    Raises before anything changes: a card the state names must exist, at
    most one of each kind, its ROM file readable; a slot of the machine
    holding another card than the state's is an error (the arrays would not
    fit the cards).  The Disk II's slot must agree with the slots' cards.
    """
    saved = [str(name) for name in data["slots"].tolist()]
    have = _slot_names(m)
    kinds = set()
    for at, name in zip(cards.SLOTS, saved):
        if not name:
            continue
        try:
            card = cards.card_named(name)
        except cards.CardError:
            raise StateError(f"{path}: it names a card this emulator lacks ({name!r}) "
                             f"in slot {at}") from None
        if card.kind in kinds:
            raise StateError(f"{path}: it names two {name} cards")
        kinds.add(card.kind)
    for at, (was, now) in zip(cards.SLOTS, zip(saved, have)):
        if was != now and now:
            raise StateError(f"{path}: saved with {was or 'no card'} in slot {at}; "
                             f"this machine has the {now} card there")
    disk_slot = int(data["disk_slot"])
    if disk_slot and (disk_slot not in cards.SLOTS or saved[disk_slot - 1] != "disk2"):
        raise StateError(f"{path}: its Disk II slot ({disk_slot}) is not where its "
                         "slots put the card")
    plugs = [(at, was) for at, (was, now) in zip(cards.SLOTS, zip(saved, have))
             if was and not now]
    for at, name in plugs:                       # their ROMs: an error now, not half-way
        card = cards.card_named(name)
        try:
            if card.rom:
                cards.read_rom(card, card.rom, 256)
            if card.c800_rom:
                cards.read_rom(card, card.c800_rom, 0x800)
        except cards.CardError as e:
            raise StateError(f"{path}: cannot plug in its {name} card: {one_line(e)}") from None
    return plugs


def _slot_table(saved: list[str]) -> np.ndarray:
    """The slot table the saved cards make (emu.bus.plug's rows), rows 0-7."""
    table = np.zeros(8 * bus.SLOT_FIELDS, dtype=np.int64)
    for at, name in zip(cards.SLOTS, saved):
        if name:
            card = cards.card_named(name)
            bus.fill_slot_row(table[at * bus.SLOT_FIELDS:(at + 1) * bus.SLOT_FIELDS], card,
                              card.c800_rom is not None)
    return table


# --- tying the drives to their files again -------------------------------------------

def _reattach_drives(m: Apple2, data: dict[str, np.ndarray], restore: bool) -> list[str]:
    """Tie each drive of the loaded state to its image file again, where that is safe."""
    from .disk.card import same_file
    from .disk.images import DiskError, load as load_image
    from .disk.layout import INSERTED, PROTECTED

    paths = [str(p) for p in data["disk_paths"].tolist()]
    orders = [str(o) for o in data["disk_orders"].tolist()]
    hashes = [str(h) for h in data["disk_hashes"].tolist()] if "disk_hashes" in data else []
    card, notes = m.disk_card, []
    attached: list[Disk] = []
    for drive, (image, order) in enumerate(zip(paths, orders)):
        if not image:
            continue
        if not m.io[bus.DISK + INSERTED + drive]:
            notes.append(f"drive {drive + 1}: the state names {image} but holds no disk; "
                         "the drive stays empty")
            continue
        try:
            disk = load_image(image, order or None)
        except DiskError as e:
            notes.append(f"drive {drive + 1}: {one_line(e)}; the disk stays in the drive, "
                         "but its changes cannot be saved")
            continue
        if m.io[bus.DISK + PROTECTED + drive]:
            disk.write_protected = True          # as it was inserted (--write-protect)
        saved = hashes[drive] if drive < len(hashes) else ""
        if not restore and (not saved or file_hash(image) != saved):
            why = ("has changed since the state was saved" if saved else
                   "may have changed since the state was saved (an older save state)")
            notes.append(f"drive {drive + 1}: {image} {why}: the newer file is kept, and "
                         "the drive holds the state's disk without writing it back (load "
                         "with restore-disks to write the state's disk over the file)")
            continue
        shared = next((d for d in attached if same_file(d.path, disk.path)), None)
        if shared is not None and not (shared.write_protected and disk.write_protected):
            notes.append(f"drive {drive + 1}: {image} is in the other drive too; this "
                         "drive holds the state's disk without writing it back")
            continue
        card.reattach(drive, disk)
        attached.append(disk)
    return notes
