"""The Apple II+, IIe and enhanced IIe as a Python object: CPU, memory bus, video, keyboard, speaker.

The model is a row of ``emu.models``; one bus (``emu.bus``) serves them all.

The machine runs in frames of 17,030 CPU cycles (262 scanlines of 65 cycles).
A frame starts when the video scanner starts vertical blanking and ends
when it has fetched the last byte of the last visible line
(``emu.video.scanner``), so the picture is whole when the frame ends.
Within a frame everything happens inside the jitted CPU loop: soft switches,
the language card and the keyboard latch are jitted too (``emu.bus``), and
they log what Python needs afterwards (video mode changes, writes to the
pages on display, speaker toggles) with the cycle they happened on.  Between
frames, Python renders the frame as the scanner fetched it, hands the
speaker log to the audio side and feeds queued keys.

    >>> m = Apple2(rom=open("apple2plus.rom", "rb").read())   # doctest: +SKIP
    >>> m.type_text("PRINT 2+2\\n")                           # doctest: +SKIP
    >>> m.run(frames=60)                                      # doctest: +SKIP
    >>> print(m.text_screen())                                # doctest: +SKIP
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from . import bus, models, savestate, slots as cards, video
from .video import png, scanner
from .video.modes import ALTCHAR, COL80
from .video.render import new_line_cache
from .video.scanner import shown_page2, text_base
from .cpu.core import CPU
from .cpu import state
from .cpu.state import StopReason
from .trace import write_trace

if TYPE_CHECKING:
    from .disk.blockimage import BlockImage
    from .disk.card import DiskII
    from .disk.harddisk import HardDiskCard, Volume
    from .disk.images import Disk
    from .rom import DiskRom

FRAME = bus.CYCLES_PER_FRAME
NO_TOGGLES = np.zeros(0, dtype=np.int64)        # speaker_log of a frame with no toggle
NO_TOGGLES.flags.writeable = False
ROMS = Path(__file__).resolve().parents[1] / "roms"
FIRMWARE_FILE = ROMS / models.MODELS[models.DEFAULT].firmware   # the II+'s, roms/apple2.rom


STOP_NAMES = {StopReason.LIMIT: "done", StopReason.JAM: "jam", StopReason.STP: "stp",
              StopReason.SELF_LOOP: "self-loop", StopReason.BREAKPOINT: "breakpoint",
              StopReason.WATCHPOINT: "watchpoint", StopReason.BRK: "brk"}


class Stop(NamedTuple):
    """Why :meth:`Apple2.run` or :meth:`Apple2.step` returned, and where.

    ``reason``: ``done`` (the time or the instructions asked for ran out),
    ``breakpoint`` (PC is on it, the instruction has not run), ``watchpoint``
    (the instruction that touched the address has run: ``address``,
    ``value`` and ``write`` say how), ``brk`` (PC is on a BRK), ``jam`` or
    ``stp`` (the CPU halted).
    """

    reason: str
    pc: int
    cycle: int
    address: int | None = None
    value: int | None = None
    write: bool | None = None


class Registers(NamedTuple):
    a: int
    x: int
    y: int
    s: int
    p: int
    pc: int
    cycles: int

    def __str__(self) -> str:
        flags = "".join(name if self.p & (0x80 >> i) else "." for i, name in enumerate("NV-BDIZC"))
        return (f"PC={self.pc:04X} A={self.a:02X} X={self.x:02X} Y={self.y:02X} S={self.s:02X} "
                f"P={self.p:02X} {flags} cycle {self.cycles}")


MODELS = models.NAMES     # the machines emulated: "ii+", "iie", "iie-enh"
FIRMWARE = "firmware"     # Apple2(rom=FIRMWARE): our own ROM for the model (emu.models)
DEFAULT_SLOTS: dict[int, str] = {4: "mockingboard"}   # the cards every machine has unless told otherwise
DISK_SLOT = 6             # where the Disk II goes when disks are given and no slot names it
HARD_DISK_SLOT = 7        # where the hard-disk card goes when hard disks are given


def slot_config(slots: dict | None = None, disks: bool = False,
                hard_disks: bool = False) -> dict[int, str]:
    """The cards of a machine: DEFAULT_SLOTS, changed slot by slot by ``slots``.

    ``slots`` maps a slot (1-7) to a card name (``emu.slots.CARDS``), or to
    None or "none" for an empty slot.  With ``disks``, a Disk II goes in
    slot 6 unless a slot already names one; with ``hard_disks``, the
    hard-disk card goes in slot 7 unless a slot names it.  Raises CardError.
    """
    config = dict(DEFAULT_SLOTS)
    for slot, name in (slots or {}).items():
        if slot not in cards.SLOTS:
            raise cards.CardError(f"slot {slot!r}: the slots are 1-7")
        card = cards.card_named(name)
        if card is None:
            config.pop(slot, None)
        else:
            config[slot] = card.name
    if disks:
        _add_card(config, "disk2", DISK_SLOT, "the disks need a Disk II card")
    if hard_disks:
        _add_card(config, "harddisk", HARD_DISK_SLOT, "the hard disks need the hard-disk card")
    named = sorted(config.values())
    for name in set(named):
        if named.count(name) > 1:
            where = ", ".join(str(n) for n in sorted(config) if config[n] == name)
            raise cards.CardError(f"one {name} card at most (slots {where})")
    return dict(sorted(config.items()))


def _add_card(config: dict[int, str], name: str, slot: int, need: str) -> None:
    """Put the card ``name`` in ``slot`` of ``config`` unless a slot already holds one."""
    if name in config.values():
        return
    if slot in config:
        raise cards.CardError(f"{need}, and slot {slot} holds the {config[slot]} card: "
                              "put one in another slot")
    config[slot] = name


class Apple2:
    """An Apple II: a II+ with 48K and a 16K language card, or a IIe with 128K.

    ``model``: "ii+" (the default), "iie" or "iie-enh" (``emu.models``).
    ``rom``: the system ROM image: 12 KiB of $D000-$FFFF (or the 2 KiB $F800
    one) for the II+, 16 KiB of $C000-$FFFF for a IIe (see ``emu.rom`` for
    loading and checking files); the default is our own firmware for the
    model, ``None`` an empty ROM space (for programs that bring their own code).  ``slots``: the cards,
    as ``{slot: name}`` changing the default slot by slot (``{4: None}``
    empties slot 4; see :func:`slot_config` and ``emu.slots``).  ``disks``:
    images for drives 1 and 2, which put a Disk II card in slot 6 unless
    ``slots`` names one elsewhere; ``disk_rom`` the user's boot ROM for that
    card (see ``install_disk_controller``).  ``hard_disks``: ProDOS images
    (.po, .hdv, .2mg, up to 32 MB) for units 1 and 2 of the hard-disk card,
    which goes in slot 7 unless ``slots`` names its slot.  ``cpu``:
    "6502" (II, II+) or "65c02".  ``colour``: the video output, 0 NTSC
    colour, 1 white, 2 green, 3 amber monochrome.
    """

    def __init__(self, rom: bytes | str | None = FIRMWARE, cpu: str | None = None,
                 charset: np.ndarray | None = None, colour: int = 0, *,
                 model: str = models.DEFAULT, disks: tuple | list = (),
                 slots: dict | None = None, hard_disks: tuple | list = (),
                 disk_rom: DiskRom | bytes | str | os.PathLike | None = None):
        self.model = models.model_named(model)
        if len(disks) > 2:
            raise ValueError(f"{len(disks)} disks for 2 drives")
        if len(hard_disks) > 2:
            raise ValueError(f"{len(hard_disks)} hard disks for the card's 2 units")
        config = slot_config(slots, bool(disks), bool(hard_disks))
        self.mem = bus.new_memory()
        self.io = bus.new_io(iie=self.model.iie_switches)
        self.pages = bus.page_table(self.io)
        self.vlog = self.io[bus.VLOG:bus.SLOG].reshape(bus.VLOG_SIZE, 2)
        self.wlog = self.io[bus.WLOG:bus.WLOG + 2 * bus.WLOG_SIZE].reshape(bus.WLOG_SIZE, 2)
        self.slog = self.io[bus.SLOG:bus.KEYS]
        self.keys = self.io[bus.KEYS:bus.KEYS + bus.KEY_QUEUE]
        dev = (self.io, self.mem)
        self.cpu = CPU(cpu or self.model.cpu, mem=self.mem, pages=self.pages, bus="emu.bus",
                       dev=dev)
        self.pixels = video.new_framebuffer()    # the last whole frame: a palette index a dot
        self._ram = self.mem[:bus.AUX + 0xC000]   # what the renderer draws from: main and aux RAM
        self._cells = np.zeros((3, 40), dtype=np.int64)    # the renderer's scratch
        self._drawn = new_line_cache()      # how each line of pixels was drawn (render())
        self.charset = charset
        self.colour = colour
        self.frame = 0                      # frames run so far
        self.frame_start = 0                # cycle at which the current frame began
        self._mode_at_start = int(self.io[bus.VIDEO])
        self._line_modes = np.zeros(192, dtype=np.int64)   # the mode each line began in
        self.speaker_log = np.zeros(0, dtype=np.int64)   # last frame's toggles
        self.halted = StopReason.LIMIT
        self.cards: dict[int, object] = {}  # slot -> the card's Python side (emu.slots)
        self._frame_cards: list = []        # those of them with an end_frame
        self.debug_flags = np.zeros(0x10000, dtype=np.uint8)   # breakpoints and watchpoints
        self._flags_set = False             # debug_flags.any(), kept up to date
        if isinstance(rom, str) and rom == FIRMWARE:
            from .rom import load_system_rom
            rom = load_system_rom(ROMS / self.model.firmware).data
        if rom is not None:
            self.load_rom(rom)
        for slot, name in config.items():
            self.plug(slot, name)
        if disk_rom is not None:
            self.install_disk_controller(self.disk_card.slot if self.disk_card else DISK_SLOT,
                                         rom=disk_rom)
        for drive, disk in enumerate(disks, start=1):
            self.insert_disk(drive, disk)
        for unit, image in enumerate(hard_disks, start=1):
            self.insert_hard_disk(unit, image)
        self.cpu.reset()

    # --- slot cards -----------------------------------------------------------------
    def plug(self, slot: int, name: str):
        """Put the card ``name`` (``emu.slots.CARDS``) in the empty ``slot``; returns it.

        Its ROMs are loaded, its row of the bus's slot table filled and its
        Python side built.  Raises CardError: an unknown card, a slot taken,
        a second card of a kind, a ROM file missing.
        """
        card = cards.card_named(name)
        if card is None or slot not in cards.SLOTS:
            raise cards.CardError(f"cannot put {name!r} in slot {slot!r}")
        if slot in self.cards:
            raise cards.CardError(f"slot {slot} already holds the "
                                  f"{self.slots[slot]} card")
        for other, held in self.slots.items():
            if held == card.name:
                raise cards.CardError(f"the {card.name} card is already in slot {other}")
        rom = cards.read_rom(card, card.rom, 256) if card.rom else None
        c800 = cards.read_rom(card, card.c800_rom, 0x800) if card.c800_rom else None
        bus.plug(self.io, self.mem, slot, card, rom, c800)
        module, _, cls = card.python.partition(":")
        from importlib import import_module
        made = self.cards[slot] = getattr(import_module(module), cls)(self.io, self.mem, slot)
        if hasattr(made, "end_frame"):
            self._frame_cards.append(made)
        return made

    @property
    def slots(self) -> dict[int, str]:
        """The cards in the slots: {slot: card name}."""
        return {slot: cards.BY_KIND[bus.slot_kind(self.io, slot)].name
                for slot in sorted(self.cards)}

    def card(self, name: str):
        """The Python side of the card ``name`` in this machine, or None."""
        for slot, held in self.slots.items():
            if held == name:
                return self.cards[slot]
        return None

    # --- the Disk II --------------------------------------------------------------
    @property
    def disk_card(self) -> DiskII | None:
        """The Disk II controller, if there is one."""
        return self.card("disk2")

    def install_disk_controller(self, slot: int = DISK_SLOT,
                                rom: DiskRom | bytes | str | os.PathLike | None = None) -> DiskII:
        """Put a Disk II card in ``slot``; returns it.

        Its boot ROM at $Cn00 is ours (13- or 16-sector, after drive 1's
        disk) unless ``rom`` is the user's: a file, 256 bytes or a loaded
        ``emu.rom.DiskRom`` (RomError if unusable).  Done before the machine
        starts, the autostart ROM finds the card and boots from drive 1, as a
        real II+ does.
        """
        prom = _disk_rom(rom)
        card = self.disk_card
        if card is None:
            card = self.plug(slot, "disk2")
        elif card.slot != slot:
            raise cards.CardError(f"the Disk II card is already in slot {card.slot}")
        if prom is not None:
            card.set_rom(prom)
        return card

    def insert_disk(self, drive: int, path: str | os.PathLike | Disk,
                    order: str | None = None) -> Disk:
        """Insert an image file (or a loaded ``emu.disk.images.Disk``) in drive 1 or 2.

        Installs the card in slot 6 if there is none; what was in the drive
        is ejected (and saved) first.  Raises ``DiskError`` for a bad image.
        """
        card = self.disk_card or self.install_disk_controller()
        return card.insert(_drive_index(drive), path, order)

    def eject(self, drive: int) -> Disk | None:
        """Take the disk out of drive 1 or 2, writing its changes back; returns it."""
        if self.disk_card is None:
            return None
        return self.disk_card.eject(_drive_index(drive))

    # --- the hard-disk card ---------------------------------------------------------
    @property
    def hard_disk_card(self) -> HardDiskCard | None:
        """The ProDOS hard-disk card, if there is one."""
        return self.card("harddisk")

    def insert_hard_disk(self, unit: int, image: str | os.PathLike | BlockImage,
                         write_protect: bool = False) -> Volume:
        """Put a ProDOS image in unit 1 or 2 of the hard-disk card (slot 7 if there is none).

        What was in the unit is ejected (and saved) first.  Raises
        ``DiskError`` for a bad image.
        """
        card = self.hard_disk_card or self.plug(HARD_DISK_SLOT, "harddisk")
        return card.insert(_unit_index(unit), image, write_protect)

    def eject_hard_disk(self, unit: int) -> Volume | None:
        """Take the image out of unit 1 or 2, writing its changes back; returns it."""
        if self.hard_disk_card is None:
            return None
        return self.hard_disk_card.eject(_unit_index(unit))

    def close(self) -> list[str]:
        """Eject every disk, saving changes; returns the errors of disks not saved."""
        errors = []
        for card in self.cards.values():
            if hasattr(card, "close"):
                errors += card.close()
        return errors

    # --- memory ---------------------------------------------------------------
    def load_rom(self, image: bytes) -> None:
        """Put a system ROM image in: 12 KiB of $D000-$FFFF or 2 KiB of $F800-$FFFF,
        or on a IIe 16 KiB of $C000-$FFFF (its internal ROM at $C100-$CFFF too)."""
        data = np.frombuffer(bytes(image), dtype=np.uint8)
        if len(data) == 0x4000 and self.model.rom_size == 0x4000:
            self.mem[bus.ROM_C000:bus.ROM_C000 + 0x4000] = data
        elif len(data) == 0x3000:
            self.mem[bus.ROM:bus.ROM + 0x3000] = data
        elif len(data) == 0x800:
            self.mem[bus.ROM + 0x2800:bus.ROM + 0x3000] = data
        else:
            sizes = "16384, 12288 or 2048" if self.model.rom_size == 0x4000 else "12288 or 2048"
            raise ValueError(f"a system ROM for the {self.model.title} must be {sizes} bytes, "
                             f"not {len(data)}")

    def load(self, address: int, data: bytes) -> None:
        """Copy bytes into main RAM at ``address`` (a program, a picture)."""
        end = address + len(data)
        if not 0 <= address < end <= 0xC000:
            raise ValueError(f"${address:04X}+{len(data)} does not fit in RAM $0000-$BFFF")
        self.mem[bus.RAM + address:bus.RAM + end] = np.frombuffer(bytes(data), dtype=np.uint8)

    def peek(self, address: int) -> int:
        """The byte the CPU would read at ``address``, without side effects."""
        off = int(self.pages[(address >> 8) & 0xFF])
        if off >= 0:
            return int(self.mem[off + (address & 0xFF)])
        if address < 0xC100:
            if address & 0xF0 == 0:
                return int(self.io[bus.KBD])
            return 0
        if self._internal_rom(address):
            return int(self.mem[bus.ROM_C000 + (address & 0xFFF)])
        slot = (address >> 8) & 7
        if address >= 0xC800:
            selected = int(self.io[bus.INTC8])
            if selected and address != 0xCFFF:
                return int(self.mem[bus.EXPANSION_ROM + selected * 0x800 + (address & 0x7FF)])
            return 0
        card = self.cards.get(slot)
        if card is not None and hasattr(card, "peek"):
            return card.peek(address, self.cpu.cycles)
        if (int(self.io[bus.SLOTS_PRESENT]) >> slot) & 1:
            return int(self.mem[bus.SLOT_ROM + (address & 0x7FF)])
        return 0

    def _internal_rom(self, address: int) -> bool:
        """IIe: whether a CPU read of $C100-$CFFF would see the internal ROM (no side effects)."""
        io = self.io
        if not io[bus.IIE]:
            return False
        page = (address >> 8) & 0xF
        c3 = page == 3 and not io[bus.SLOTC3ROM]
        return bool(io[bus.INTCXROM] or c3 or (page >= 8 and io[bus.INTC8ROM]))

    def poke(self, address: int, value: int) -> None:
        """Store a byte where the CPU would write it, without side effects.

        RAM and the language card's RAM (where its write-enable points) take
        the byte; ROM and the I/O page ignore it, as the machine would.
        """
        off = int(self.pages[256 + ((address >> 8) & 0xFF)])
        if off < -1:                            # a page on display: its writes are logged
            off = -2 - off
        if off >= 0 and off != bus.SINK:
            self.mem[off + (address & 0xFF)] = value & 0xFF

    # --- running ----------------------------------------------------------------
    def warm_up(self) -> None:
        """Compile (or load from numba's cache) the code a frame runs, without running it.

        The CLI calls it under :func:`emu.jitprogress.compile_notice`, so a
        first start shows a counter rather than half a minute of silence.
        """
        self.cpu.run(cycles=0)
        self._render()
        bus.start_frame(np.zeros_like(self.io), 0)

    def run_frame(self, render: bool = True, trace: list | None = None) -> int:
        """Run to the end of the current frame; returns the CPU's stop reason.

        Normally the frame is whole (17,030 cycles) and the reason is LIMIT;
        a breakpoint or watchpoint ends it early (the next call finishes it).
        With a list as ``trace``, the CPU runs in its slower trace flavour
        (breakpoints and watchpoints are not checked) and every bus cycle of
        the frame is appended to it as (first cycle, packed entries; see
        :meth:`emu.cpu.core.CPU.run_traced`).
        """
        frame_end = self.frame_start + FRAME
        if trace is None and self.halted == StopReason.LIMIT and not self._debugging():
            reason = self.cpu.run_until(frame_end)      # the usual frame: one call, no loop
            if reason == StopReason.JAM or reason == StopReason.STP:
                self.halted = reason
        else:
            reason = self._run_cpu(frame_end, trace=trace)
        if self.cpu.state[state.CYCLES] >= frame_end:
            self._end_frame(render)
        return reason

    def run(self, cycles: int | None = None, frames: int | None = None,
            seconds: float | None = None, render: bool = True) -> Stop:
        """Run for a number of CPU cycles, of frames, or of emulated seconds.

        Frames are counted from the start of the current one.  Returns a
        :class:`Stop`: ``done`` when the time ran out, or why it stopped early
        (``breakpoint``, ``watchpoint``, ``brk``, ``jam``, ``stp``).
        """
        if cycles is not None:
            target = self.cpu.cycles + max(0, int(cycles))
        else:
            if frames is None:
                frames = round((seconds or 0) * bus.CPU_HZ / FRAME)
            target = self.frame_start + int(frames) * FRAME
        while True:
            frame_end = self.frame_start + FRAME
            reason = self._run_cpu(min(target, frame_end))
            if self.cpu.cycles >= frame_end:
                self._end_frame(render)
            if reason != StopReason.LIMIT or self.cpu.cycles >= target:
                return self._stop(reason)

    def step(self, instructions: int = 1, render: bool = True) -> Stop:
        """Execute ``instructions`` instructions (frames end on the way as they fall).

        A 65C02 asleep in WAI with no interrupt coming runs no instruction:
        the step then returns ``done`` at the end of the frame.
        """
        goal = self.cpu.instructions + instructions
        while self.cpu.instructions < goal:
            if self.halted != StopReason.LIMIT:
                return self._stop(self.halted)
            frame_end = self.frame_start + FRAME
            before = self.cpu.instructions
            reason = self._run_cpu(frame_end, goal - self.cpu.instructions)
            if self.cpu.cycles >= frame_end:
                self._end_frame(render)
            if reason != StopReason.LIMIT:
                return self._stop(reason)
            if self.cpu.instructions == before and self.cpu.state[state.WAITING]:
                break               # a 65C02 asleep in WAI: no instruction until an interrupt
        return self._stop(StopReason.LIMIT)

    def _run_cpu(self, end: int, instructions: int | None = None, trace: list | None = None) -> int:
        """Run the CPU up to cycle ``end`` (or an instruction count); returns a StopReason.

        A CPU that halts (JAM, STP) stays halted until RESET, and the rest of
        the machine runs on: its cycles jump to ``end``.  The halt is reported
        once, by the call in which it happened.
        """
        cpu = self.cpu
        cycles = cpu.state[state.CYCLES:state.CYCLES + 1]     # a view: no property calls per frame
        while cycles[0] < end:
            if self.halted != StopReason.LIMIT:
                cycles[0] = end
                return StopReason.LIMIT
            if trace is not None:
                first = int(cycles[0])
                reason, bus_cycles = cpu.run_traced(cycles=end - first, instructions=instructions,
                                                    buffer=np.zeros(end - first + 64, np.int64))
                trace.append((first, bus_cycles.copy()))
            elif self._debugging():
                reason = cpu.run_debug(self.debug_flags, cycles=end - int(cycles[0]),
                                       instructions=instructions)
            else:
                reason = cpu.run_until(end, instructions)
            if reason in (StopReason.JAM, StopReason.STP):
                self.halted = reason
                return reason
            if reason != StopReason.LIMIT or instructions is not None:
                return reason
        return StopReason.LIMIT

    def _stop(self, reason: int) -> Stop:
        hit = self.cpu.watch_hit() if reason == StopReason.WATCHPOINT else None
        return Stop(STOP_NAMES.get(reason, str(reason)), self.cpu.pc, self.cpu.cycles,
                    *(hit[:3] if hit else (None, None, None)))

    # --- debugging ------------------------------------------------------------------
    def add_breakpoint(self, address: int) -> None:
        """Stop before the instruction at ``address`` runs."""
        self.debug_flags[address & 0xFFFF] |= state.DEBUG_BREAK
        self._flags_set = True

    def remove_breakpoint(self, address: int) -> None:
        self.debug_flags[address & 0xFFFF] &= ~np.uint8(state.DEBUG_BREAK)
        self._flags_set = bool(self.debug_flags.any())

    def watch(self, start: int, end: int | None = None, read: bool = True,
              write: bool = True) -> None:
        """Stop after any instruction that reads or writes an address in ``start..end``.

        Every bus access counts, dummy reads and instruction fetches included:
        on an Apple II they are what touches the soft switches.
        """
        bits = (state.DEBUG_READ if read else 0) | (state.DEBUG_WRITE if write else 0)
        self.debug_flags[start & 0xFFFF:((end if end is not None else start) & 0xFFFF) + 1] |= bits
        self._flags_set = bool(self.debug_flags.any())

    def unwatch(self, start: int, end: int | None = None) -> None:
        keep = np.uint8(~(state.DEBUG_READ | state.DEBUG_WRITE) & 0xFF)
        self.debug_flags[start & 0xFFFF:((end if end is not None else start) & 0xFFFF) + 1] &= keep
        self._flags_set = bool(self.debug_flags.any())

    def clear_breakpoints(self) -> None:
        """Remove every breakpoint and watchpoint (break_on_brk stays as it is)."""
        self.debug_flags[:] = 0
        self._flags_set = False

    @property
    def breakpoints(self) -> list[int]:
        return np.flatnonzero(self.debug_flags & state.DEBUG_BREAK).tolist()

    @property
    def break_on_brk(self) -> bool:
        """Stop before executing a BRK, with PC on it."""
        return self.cpu.break_on_brk

    @break_on_brk.setter
    def break_on_brk(self, on: bool) -> None:
        self.cpu.break_on_brk = on

    def breaks_here(self) -> bool:
        """Whether a run would stop before the instruction at PC (breakpoint or BRK)."""
        pc = self.cpu.pc
        return bool(self.debug_flags[pc] & state.DEBUG_BREAK) or (
            self.cpu.break_on_brk and self.peek(pc) == 0)

    def _debugging(self) -> bool:
        """The debug flavour of the core runs only while something is set.

        ``_flags_set`` caches ``debug_flags.any()``, which takes microseconds:
        too much for every frame.  Code that edits ``debug_flags`` directly
        calls :meth:`flags_changed`.
        """
        return self._flags_set or self.cpu.break_on_brk

    def flags_changed(self) -> None:
        """Say that ``debug_flags`` was edited directly (not through the methods above)."""
        self._flags_set = bool(self.debug_flags.any())

    @property
    def registers(self) -> Registers:
        """The CPU registers and cycle count, as a snapshot."""
        c = self.cpu
        return Registers(c.a, c.x, c.y, c.s, c.p, c.pc, c.cycles)

    @property
    def charset(self) -> np.ndarray:
        """The character set text is drawn with: (64, 8) glyphs on the II+, a (256, 8) video ROM
        on a IIe (``emu.video.font``).

        Set it to a II+ set (on a IIe it becomes a video ROM with our lower
        case and, on the enhanced IIe, MouseText), a IIe video ROM (a IIe's
        only), or None for our own.
        """
        return self._charset

    @charset.setter
    def charset(self, charset: np.ndarray | None) -> None:
        from .video import font
        iie = self.model.iie_switches
        if iie and (charset is None or np.shape(charset) == (font.GLYPHS, font.ROWS)):
            charset = font.iie_video_rom("mousetext" in self.model.video, charset)
        elif charset is None:
            charset = font.default_charset()
        self._glyphs = font.glyph_sets(charset, iie)     # raises ValueError for a misfit
        self._charset = np.asarray(charset, dtype=np.uint8)
        self.redraw()

    def redraw(self) -> None:
        """Have the next frame drawn whole.

        The renderer leaves a line of ``pixels`` alone when it would draw it
        the same way from the same bytes as last time; call this after
        changing ``pixels`` by other means (the machine does so itself when
        the character set changes or a state is loaded).
        """
        self._drawn[1][:] = 0

    def _render(self) -> None:
        """Draw the frame so far into ``pixels``, as the scanner fetched it (``emu.video.render``)."""
        io = self.io
        video.render(self._ram, self.pixels, self._mode_at_start, self.vlog,
                     int(io[bus.VLOG_COUNT]), self.wlog, int(io[bus.WLOG_COUNT]),
                     self.frame_start, self.frame, self._glyphs, self.colour, self._cells,
                     self._line_modes, *self._drawn)

    def _end_frame(self, render: bool) -> None:
        if render:
            self._render()
        toggles = int(self.io[bus.SLOG_COUNT])
        self.speaker_log = self.slog[:toggles].copy() if toggles else NO_TOGGLES
        for card in self._frame_cards:
            card.end_frame(self.frame_start, self.frame_start + FRAME)
        self.frame_start += FRAME
        bus.start_frame(self.io, self.frame_start)
        self._mode_at_start = int(self.io[bus.VIDEO])
        self.frame += 1

    def reset(self) -> None:
        """Press RESET (Ctrl+Reset on the keyboard).

        On a IIe the MMU's and IOU's switches go back to their reset state
        (``emu.bus.reset_mmu``).  Ctrl+Open-Apple+Reset is RESET with button
        0 held (:meth:`set_button`): the firmware's reset handler reads the
        button and decides to reboot.  On the II+ the language card keeps its
        switches: there RESET "doesn't affect the bank-switched memory" (Apple
        IIGS Hardware Reference, ch. 3, on how the IIGS differs), so a program
        in the card's RAM can take RESET through its own vector.
        """
        self.halted = StopReason.LIMIT
        bus.reset_mmu(self.io, self.cpu.cycles)
        for card in self.cards.values():
            if hasattr(card, "reset"):
                card.reset(self.cpu.cycles)
        bus.update_irq(self.cpu.state, self.io)      # a card's reset may release IRQ
        self.cpu.reset()

    # --- save states and traces -------------------------------------------------------
    def save_state(self, path: str | os.PathLike) -> list[str]:
        """Save the whole machine to a file (see :mod:`emu.savestate`); raises StateError.

        The drives' changes are written to their image files first.  Returns
        notes for the user, e.g. a drive whose changes could not be written.
        """
        return savestate.save(self, path)

    def load_state(self, path: str | os.PathLike, restore_disks: bool = False) -> list[str]:
        """Resume from a file written by :meth:`save_state`; raises StateError.

        All or nothing: a bad file leaves the machine as it was.  Returns
        notes for the user, e.g. a drive whose image file is gone, or changed
        since the state was saved (the newer file is kept unless
        ``restore_disks``).
        """
        return savestate.load(self, path, restore_disks)

    def trace(self, path: str, instructions: int | None = None,
              cycles: int | None = None) -> Stop:
        """Run, writing each instruction to a text file (see :func:`emu.trace.write_trace`)."""
        with open(path, "w") as out:
            return write_trace(self, out, instructions=instructions, cycles=cycles)

    # --- keyboard -----------------------------------------------------------------
    def type_text(self, text: str) -> None:
        """Queue keys; each is latched once the program has taken the one before.

        Lower case stays lower case on a IIe and is sent as upper case on the
        II+ (its keyboard has none); ``\\n`` and ``\\r`` are Return.  All or nothing: text
        with a key the keyboard lacks (ValueError), or with more keys than the
        queue has room for (OverflowError), queues none.
        """
        lower = self.model.keyboard == "iie"
        codes = []
        for ch in text:
            code = (0x0D if ch in "\r\n" else ord(ch if lower else ch.upper()) if ch.isascii()
                    else None)
            if code is None or code > 0x7F:
                raise ValueError(f"{ch!r} is not a key on the Apple II keyboard")
            codes.append(code)
        room = bus.KEY_QUEUE - self.keys_pending
        if len(codes) > room:
            raise OverflowError(f"{len(codes)} keys, but the typed-ahead queue has room for "
                                f"{room} (it holds {bus.KEY_QUEUE})")
        for code in codes:
            self.key(code)

    def key(self, code: int) -> None:
        """Queue one key code (0-127, e.g. 0x08 for the left arrow)."""
        tail = int(self.io[bus.KEY_TAIL])
        if tail - int(self.io[bus.KEY_HEAD]) >= bus.KEY_QUEUE:
            raise OverflowError("the typed-ahead key queue is full")
        self.keys[tail % bus.KEY_QUEUE] = code & 0x7F
        self.io[bus.KEY_TAIL] = tail + 1

    @property
    def keys_down(self) -> int:
        """How many keys the user holds down: the IIe's any-key-down ($C010 bit 7)."""
        return int(self.io[bus.KEYS_DOWN])

    @keys_down.setter
    def keys_down(self, count: int) -> None:
        self.io[bus.KEYS_DOWN] = max(0, int(count))

    @property
    def keys_pending(self) -> int:
        return int(self.io[bus.KEY_TAIL] - self.io[bus.KEY_HEAD])

    # --- game port -------------------------------------------------------------------
    def set_paddle(self, n: int, value: int) -> None:
        """Paddle n (0-3) to a position 0-255."""
        self.io[bus.PADDLE0 + n] = max(0, min(255, int(value)))

    def set_button(self, n: int, pressed: bool) -> None:
        """Push button n (0-2); on a IIe buttons 0 and 1 are the Open-Apple and Closed-Apple keys."""
        if pressed:
            self.io[bus.BUTTONS] |= 1 << n
        else:
            self.io[bus.BUTTONS] &= ~(1 << n)

    # --- screen -----------------------------------------------------------------------
    @property
    def video_mode(self) -> int:
        return int(self.io[bus.VIDEO])

    @property
    def beam(self) -> tuple[int, int]:
        """Where the video scanner is now: (scanline, cycle in the line).

        Scanlines 0-191 are the visible ones, 192-261 vertical blanking; a
        line is 65 cycles, and its 40 bytes are fetched on cycles 25-64
        (``emu.video.scanner``).  A frame starts at (192, 0).
        """
        line, h = scanner.beam_position(self.cpu.cycles)
        return int(line), int(h)

    @property
    def framebuffer(self) -> np.ndarray:
        """The last whole frame as a (192, 560, 3) RGB array (a new array each time)."""
        return video.to_rgb(self.pixels)

    def screenshot(self, path: str) -> None:
        """Save the last frame as a PNG, 560x384 as the screen shows it."""
        png.save_screenshot(path, self.framebuffer)

    def text_screen(self) -> str:
        """The text page on display, as 24 lines of text: 40 columns, or 80 on a
        IIe with 80COL on.

        In 80 columns the video hardware shows each row's 40 bytes of aux
        memory and its 40 bytes of main memory alternately, aux first: column
        c is the byte at the row's address + c/2, in aux memory for an even c
        (Sather, "Understanding the Apple IIe", ch. 8; IIe Technical Reference
        Manual, ch. 2).  A IIe shows lower case; see :func:`iie_screen_char`.
        """
        mode = self.video_mode
        page2 = shown_page2(mode)
        iie = self.model.keyboard == "iie"
        wide = iie and mode & COL80
        rows = []
        for row in range(24):
            start = text_base(row, page2)
            main = self.mem[start:start + 40]
            if wide:
                aux = self.mem[bus.AUX + start:bus.AUX + start + 40]
                cells = [int(b) for pair in zip(aux, main) for b in pair]
            else:
                cells = [int(b) for b in main]
            if iie:
                rows.append("".join(iie_screen_char(b, bool(mode & ALTCHAR)) for b in cells))
            else:
                rows.append("".join(screen_char(b) for b in cells))
        return "\n".join(rows)


def _disk_rom(rom) -> DiskRom | None:
    """A DiskRom from a file, 256 bytes or a DiskRom (None stays None); RomError if unusable."""
    from .rom import DISK_ROM_SIZE, DiskRom, RomError, identify_disk_rom, load_disk_rom
    if rom is None or isinstance(rom, DiskRom):
        return rom
    if isinstance(rom, (bytes, bytearray)):
        if len(rom) != DISK_ROM_SIZE:
            raise RomError(f"a Disk II boot ROM is {DISK_ROM_SIZE} bytes, not {len(rom)}")
        return identify_disk_rom(bytes(rom))
    return load_disk_rom(rom)


def _drive_index(drive: int) -> int:
    if drive not in (1, 2):
        raise ValueError(f"drive 1 or 2, not {drive!r}")
    return drive - 1


def _unit_index(unit: int) -> int:
    if unit not in (1, 2):
        raise ValueError(f"unit 1 or 2, not {unit!r}")
    return unit - 1


def screen_char(byte: int) -> str:
    """The character a text-screen byte shows (inverse and flashing alike)."""
    code = byte & 0x3F
    return chr(code + 0x40 if code < 0x20 else code)


def iie_screen_char(byte: int, altchar: bool) -> str:
    """The character a text-screen byte shows on a IIe (inverse and flashing alike).

    Both character sets show $80-$FF as normal @-_, space-?, @-_ and lower
    case, and $00-$3F as inverse @-_ and space-?.  $40-$7F is flashing @-_
    and space-? in the primary set; in the alternate set (ALTCHARSET) it is
    inverse @-_ (MouseText on the enhanced IIe, read here as the letter that
    selects it) and inverse lower case (IIe Technical Reference Manual,
    ch. 2, the character sets).  DEL ($7F, $FF) reads as chr(127).
    """
    if byte >= 0xE0 or (altchar and 0x60 <= byte < 0x80):
        return chr(byte & 0x7F)
    return screen_char(byte)
