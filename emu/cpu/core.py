"""The public face of the CPU core: a 6502 or 65C02 on a bus of page tables."""
from __future__ import annotations

import numpy as np

from . import codegen, state
from .opcodes import CMOS, NMOS

FLAT_BUS = "emu.cpu.flatbus"
TRACE_READ, TRACE_WRITE = "read", "write"


def flat_page_table() -> np.ndarray:
    """A page table that maps all 256 pages, for reads and writes, onto 64 KiB."""
    return np.tile(np.arange(256, dtype=np.int64) * 256, 2)


def _register(slot: int) -> property:
    """A property that reads and writes one slot of the state array."""
    return property(lambda self: int(self.state[slot]),
                    lambda self, v: self.state.__setitem__(slot, int(v)))


class CPU:
    """A 6502-family CPU with its memory.

    ``mem`` is the array every page-table entry points into.  ``pages`` holds
    512 entries: ``pages[page]`` is the offset in ``mem`` of each 256-byte CPU
    page for reads, ``pages[256 + page]`` for writes (``rmap`` and ``wmap`` are
    views of the two halves), and -1 sends the access to the bus module's
    jitted I/O handlers, which receive ``dev``.  With no arguments the CPU sees
    64 KiB of flat RAM.
    """

    def __init__(self, variant: str = NMOS, mem: np.ndarray | None = None,
                 pages: np.ndarray | None = None,
                 bus: str = FLAT_BUS, dev=None):
        if variant not in (NMOS, CMOS):
            raise ValueError(f"unknown CPU variant {variant!r}: use {NMOS} or {CMOS}")
        self.variant = variant
        self.bus = bus
        self.mem = np.zeros(0x10000, dtype=np.uint8) if mem is None else mem
        self.pages = flat_page_table() if pages is None else pages
        self.rmap, self.wmap = self.pages[:256], self.pages[256:]
        self.dev = self.mem if dev is None else dev
        self.state = state.new_state()
        self._fast = codegen.load(variant, "fast", bus).run
        self._traced = None
        self._debug = None
        self._no_trace = np.zeros(1, dtype=np.int64)

    # --- registers -----------------------------------------------------------
    a = _register(state.A)
    x = _register(state.X)
    y = _register(state.Y)
    s = _register(state.S)
    p = _register(state.P)
    pc = _register(state.PC)
    cycles = _register(state.CYCLES)
    instructions = _register(state.INSTRUCTIONS)

    def reset(self) -> None:
        """Pull RESET: the 7-cycle sequence runs before the next instruction."""
        self.state[state.RESET] = 1

    def set_pc(self, pc: int) -> None:
        """Start executing at pc now, skipping the RESET sequence."""
        self.state[state.RESET] = 0
        self.state[state.PC] = pc & 0xFFFF

    @property
    def stop_on_self_loop(self) -> bool:
        return bool(self.state[state.OPTIONS] & state.OPT_STOP_ON_SELF_LOOP)

    @stop_on_self_loop.setter
    def stop_on_self_loop(self, on: bool) -> None:
        if on:
            self.state[state.OPTIONS] |= state.OPT_STOP_ON_SELF_LOOP
        else:
            self.state[state.OPTIONS] &= ~state.OPT_STOP_ON_SELF_LOOP

    # --- running --------------------------------------------------------------
    def run(self, cycles: int | None = None, instructions: int | None = None) -> int:
        """Run in fast mode for at most this many cycles and instructions.

        Returns a :class:`~emu.cpu.state.StopReason`.
        """
        climit = self.cycles + cycles if cycles is not None else 1 << 62
        ilimit = instructions if instructions is not None else 1 << 62
        return int(self._fast(self.state, self.mem, self.pages, self.dev,
                              self._no_trace, climit, ilimit))

    def run_until(self, cycle: int, instructions: int | None = None) -> int:
        """:meth:`run` to an absolute cycle count: what the machine calls once a frame."""
        return int(self._fast(self.state, self.mem, self.pages, self.dev, self._no_trace,
                              cycle, 1 << 62 if instructions is None else instructions))

    def run_traced(self, cycles: int | None = None, instructions: int | None = None,
                   buffer: np.ndarray | None = None) -> tuple[int, np.ndarray]:
        """Run in trace mode; returns the stop reason and the packed bus trace.

        Each trace entry is ``address | value << 16 | is_write << 24``.
        """
        if self._traced is None:
            self._traced = codegen.load(self.variant, "trace", self.bus).run
        if buffer is None:
            buffer = np.zeros(64 + (cycles or 4096), dtype=np.int64)
        start = self.cycles
        climit = start + cycles if cycles is not None else 1 << 62
        ilimit = instructions if instructions is not None else 1 << 62
        reason = int(self._traced(self.state, self.mem, self.pages, self.dev,
                                  buffer, climit, ilimit))
        return reason, buffer[: self.cycles - start]

    def run_debug(self, flags: np.ndarray, cycles: int | None = None,
                  instructions: int | None = None) -> int:
        """Run in debug mode: stop at breakpoints and watchpoints set in ``flags``.

        ``flags`` is 64 KiB of uint8, one per address, OR-ing
        ``state.DEBUG_BREAK`` (stop before the instruction there runs),
        ``DEBUG_READ`` and ``DEBUG_WRITE`` (stop after the instruction that
        reads or writes there; :meth:`watch_hit` says which access).  With
        :attr:`break_on_brk` it also stops before a BRK.  A run that starts on
        a breakpoint runs that instruction, so calling it again goes on.
        """
        if self._debug is None:
            self._debug = codegen.load(self.variant, "debug", self.bus).run
        climit = self.cycles + cycles if cycles is not None else 1 << 62
        ilimit = instructions if instructions is not None else 1 << 62
        return int(self._debug(self.state, self.mem, self.pages, self.dev, flags, climit, ilimit))

    def watch_hit(self) -> tuple[int, int, bool, int] | None:
        """After a WATCHPOINT stop: (address, value, is_write, cycle) of the access."""
        if not self.state[state.WATCH_HIT]:
            return None
        return (int(self.state[state.WATCH_ADDR]), int(self.state[state.WATCH_VALUE]),
                bool(self.state[state.WATCH_WRITE]), int(self.state[state.WATCH_CYCLE]))

    @property
    def break_on_brk(self) -> bool:
        """Debug mode: stop before executing a BRK (PC on the BRK)."""
        return bool(self.state[state.OPTIONS] & state.OPT_BREAK_ON_BRK)

    @break_on_brk.setter
    def break_on_brk(self, on: bool) -> None:
        if on:
            self.state[state.OPTIONS] |= state.OPT_BREAK_ON_BRK
        else:
            self.state[state.OPTIONS] &= ~state.OPT_BREAK_ON_BRK

    def step(self) -> list[tuple[int, int, str]]:
        """Execute one instruction; returns its bus cycles as (address, value, kind)."""
        _, trace = self.run_traced(instructions=1, buffer=np.zeros(64, dtype=np.int64))
        return decode_trace(trace)


def decode_trace(trace: np.ndarray) -> list[tuple[int, int, str]]:
    """Unpack a trace buffer into (address, value, "read"/"write") tuples."""
    return [(int(t) & 0xFFFF, (int(t) >> 16) & 0xFF,
             TRACE_WRITE if (int(t) >> 24) & 1 else TRACE_READ) for t in trace]
