"""The Apple II+ as a Python object: CPU, memory bus, video, keyboard, speaker.

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

from . import bus, savestate, video
from .video import png, scanner
from .cpu.core import CPU
from .cpu import state
from .cpu.state import StopReason

if TYPE_CHECKING:
    from .disk.card import DiskII
    from .disk.images import Disk

FRAME = bus.CYCLES_PER_FRAME
FIRMWARE_FILE = Path(__file__).resolve().parents[1] / "roms" / "apple2.rom"


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


MODELS = ("ii+",)         # the machines emulated; the IIe would join them
FIRMWARE = "firmware"     # Apple2(rom=FIRMWARE): our own ROM, roms/apple2.rom


class Apple2:
    """An Apple II+ with 48K, a 16K language card in slot 0, and a system ROM.

    ``model``: "ii+" (the only one so far).  ``rom``: the 12 KiB image of
    $D000-$FFFF (or the 2 KiB $F800 one; see ``emu.rom`` for loading and
    checking files); the default is our own firmware, ``None`` an empty ROM
    space (for programs that bring their own code).  ``disks``: images for
    drives 1 and 2, which install the Disk II card in slot 6.  ``cpu``:
    "6502" (II, II+) or "65c02".  ``colour``: the video output, 0 NTSC
    colour, 1 white, 2 green, 3 amber monochrome.
    """

    def __init__(self, rom: bytes | str | None = FIRMWARE, cpu: str = "6502",
                 charset: np.ndarray | None = None, colour: int = 0, *,
                 model: str = "ii+", disks: tuple | list = ()):
        if model.lower() not in MODELS:
            raise ValueError(f"model {model!r} is not emulated; this is an Apple II+ "
                             f"(model={MODELS[0]!r})")
        if len(disks) > 2:
            raise ValueError(f"{len(disks)} disks for 2 drives")
        self.mem = bus.new_memory()
        self.io = bus.new_io()
        self.pages = bus.page_table(self.io)
        self.vlog = self.io[bus.VLOG:bus.SLOG].reshape(bus.VLOG_SIZE, 2)
        self.wlog = self.io[bus.WLOG:bus.WLOG + 2 * bus.WLOG_SIZE].reshape(bus.WLOG_SIZE, 2)
        self.slog = self.io[bus.SLOG:bus.KEYS]
        self.keys = self.io[bus.KEYS:bus.KEYS + bus.KEY_QUEUE]
        dev = (self.io, self.mem)
        self.cpu = CPU(cpu, mem=self.mem, pages=self.pages, bus="emu.bus", dev=dev)
        self.pixels = video.new_framebuffer()    # the last whole frame: a palette index a dot
        self._ram = self.mem[bus.RAM:bus.RAM + 0xC000]
        self._cells = np.zeros((2, 40), dtype=np.int64)    # the renderer's scratch
        self.charset = video.default_charset() if charset is None else charset
        self.colour = colour
        self.frame = 0                      # frames run so far
        self.frame_start = 0                # cycle at which the current frame began
        self._mode_at_start = int(self.io[bus.VIDEO])
        self._line_modes = np.zeros(192, dtype=np.int64)   # the mode each line began in
        self.speaker_log = np.zeros(0, dtype=np.int64)   # last frame's toggles
        self.halted = StopReason.LIMIT
        self.disk_card = None               # the Disk II controller, once installed
        self.debug_flags = np.zeros(0x10000, dtype=np.uint8)   # breakpoints and watchpoints
        self._flags_set = False             # debug_flags.any(), kept up to date
        if isinstance(rom, str) and rom == FIRMWARE:
            from .rom import load_system_rom
            rom = load_system_rom(FIRMWARE_FILE).data
        if rom is not None:
            self.load_rom(rom)
        for drive, disk in enumerate(disks, start=1):
            self.insert_disk(drive, disk)
        self.cpu.reset()

    # --- the Disk II --------------------------------------------------------------
    def install_disk_controller(self, slot: int = 6) -> DiskII:
        """Put a Disk II card (our boot ROM at $Cn00) in ``slot``; returns it.

        Done before the machine starts, the autostart ROM finds the card and
        boots from drive 1, as a real II+ does.
        """
        from .disk.card import DiskII
        if self.disk_card is None:
            self.disk_card = DiskII(self.io, self.mem, slot)
        elif self.disk_card.slot != slot:
            raise ValueError(f"the Disk II card is already in slot {self.disk_card.slot}")
        return self.disk_card

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

    def close(self) -> list[str]:
        """Eject every disk, saving changes; returns the errors of disks not saved."""
        return self.disk_card.close() if self.disk_card is not None else []

    # --- memory ---------------------------------------------------------------
    def load_rom(self, image: bytes) -> None:
        """Put a 12 KiB $D000-$FFFF image (or 2 KiB $F800 image) in ROM."""
        data = np.frombuffer(bytes(image), dtype=np.uint8)
        if len(data) == 0x3000:
            self.mem[bus.ROM:bus.ROM + 0x3000] = data
        elif len(data) == 0x800:
            self.mem[bus.ROM + 0x2800:bus.ROM + 0x3000] = data
        else:
            raise ValueError(f"a system ROM must be 12288 or 2048 bytes, not {len(data)}")

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
        slot = (address >> 8) & 7
        if address < 0xC800 and (int(self.io[bus.SLOTS_PRESENT]) >> slot) & 1:
            return int(self.mem[bus.SLOT_ROM + (address & 0x7FF)])
        return 0

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
        reason = self._run_cpu(frame_end, trace=trace)
        if self.cpu.cycles >= frame_end:
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
        """Execute ``instructions`` instructions (frames end on the way as they fall)."""
        goal = self.cpu.instructions + instructions
        while self.cpu.instructions < goal:
            if self.halted != StopReason.LIMIT:
                return self._stop(self.halted)
            frame_end = self.frame_start + FRAME
            reason = self._run_cpu(frame_end, goal - self.cpu.instructions)
            if self.cpu.cycles >= frame_end:
                self._end_frame(render)
            if reason != StopReason.LIMIT:
                return self._stop(reason)
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

    def _render(self) -> None:
        """Draw the frame so far into ``pixels``, as the scanner fetched it (``emu.video.render``)."""
        io = self.io
        video.render(self._ram, self.pixels, self._mode_at_start, self.vlog,
                     int(io[bus.VLOG_COUNT]), self.wlog, int(io[bus.WLOG_COUNT]),
                     self.frame_start, self.frame, self.charset, self.colour, self._cells,
                     self._line_modes)

    def _end_frame(self, render: bool) -> None:
        if render:
            self._render()
        self.speaker_log = self.slog[:int(self.io[bus.SLOG_COUNT])].copy()
        self.frame_start += FRAME
        bus.start_frame(self.io, self.frame_start)
        self._mode_at_start = int(self.io[bus.VIDEO])
        self.frame += 1

    def reset(self) -> None:
        """Press RESET (Ctrl+Reset on the keyboard)."""
        self.halted = StopReason.LIMIT
        if self.disk_card is not None:
            self.disk_card.reset(self.cpu.cycles)
        self.cpu.reset()

    # --- save states and traces -------------------------------------------------------
    def save_state(self, path: str) -> None:
        """Save the whole machine to a file (see :mod:`emu.savestate`)."""
        savestate.save(self, path)

    def load_state(self, path: str) -> list[str]:
        """Resume from a file written by :meth:`save_state`; raises StateError.

        Returns notes for the user, e.g. a drive whose image file is gone.
        """
        return savestate.load(self, path)

    def trace(self, path: str, instructions: int | None = None,
              cycles: int | None = None) -> Stop:
        """Run, writing each instruction to a text file (see :func:`emu.debug.write_trace`)."""
        from .debug import write_trace
        with open(path, "w") as out:
            return write_trace(self, out, instructions=instructions, cycles=cycles)

    # --- keyboard -----------------------------------------------------------------
    def type_text(self, text: str) -> None:
        """Queue keys; each is latched once the program has taken the one before.

        Lower case is sent as upper case (the II+ keyboard has none); ``\\n`` and
        ``\\r`` are Return.
        """
        for ch in text:
            code = 0x0D if ch in "\r\n" else ord(ch.upper()) if ch.isascii() else None
            if code is None or code > 0x7F:
                raise ValueError(f"{ch!r} is not a key on the Apple II keyboard")
            self.key(code)

    def key(self, code: int) -> None:
        """Queue one key code (0-127, e.g. 0x08 for the left arrow)."""
        tail = int(self.io[bus.KEY_TAIL])
        if tail - int(self.io[bus.KEY_HEAD]) >= bus.KEY_QUEUE:
            raise OverflowError("the typed-ahead key queue is full")
        self.keys[tail % bus.KEY_QUEUE] = code & 0x7F
        self.io[bus.KEY_TAIL] = tail + 1

    @property
    def keys_pending(self) -> int:
        return int(self.io[bus.KEY_TAIL] - self.io[bus.KEY_HEAD])

    # --- game port -------------------------------------------------------------------
    def set_paddle(self, n: int, value: int) -> None:
        """Paddle n (0-3) to a position 0-255."""
        self.io[bus.PADDLE0 + n] = max(0, min(255, int(value)))

    def set_button(self, n: int, pressed: bool) -> None:
        """Push button n (0-2)."""
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
        """The 40x24 text page on display, as 24 lines of text."""
        base = 0x800 if self.video_mode & video.PAGE2 else 0x400
        rows = []
        for row in range(24):
            start = base + 128 * (row % 8) + 40 * (row // 8)
            rows.append("".join(screen_char(int(b)) for b in self.mem[start:start + 40]))
        return "\n".join(rows)


def _drive_index(drive: int) -> int:
    if drive not in (1, 2):
        raise ValueError(f"drive 1 or 2, not {drive!r}")
    return drive - 1


def screen_char(byte: int) -> str:
    """The character a text-screen byte shows (inverse and flashing alike)."""
    code = byte & 0x3F
    return chr(code + 0x40 if code < 0x20 else code)
