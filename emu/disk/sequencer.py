"""The Disk II's logic state sequencer, as a table of facts, and the tables the controller runs.

The card's data register (a 74LS323 shift register) is driven by a little
state machine: a 16-state register clocked at 2 MHz (twice per CPU cycle)
whose next state and register action come from a PROM (P6) addressed by the
state and four inputs: Q7 (write), Q6 (load/sense), QA (the register's bit 7)
and the read pulse from the drive's MC3470.  Jim Sather, "Understanding the
Apple II" (1983) ch. 9, and "Understanding the Apple IIe" (1985) fig. 9.11
and table 9.3 document the DOS 3.3 (16-sector) sequencer state by state.
``TRANSITIONS`` below is that description written out as our own table of
facts: for each mode and state, what happens with and without a pulse and
with QA clear or set.  Apple's PROM bytes are not here, nor any array equal
to them: the controller runs from ``next_state``/``action`` arrays in our
own encoding (and a user's own P6 PROM file, checked by CRC32, can fill the
same arrays instead).

How the read mode works, from the table (a "tick" is one 2 MHz clock; a bit
cell is 8 ticks at the standard 4 us):

* States 2-9 count the ticks of a bit cell with no pulse; after 8 of them,
  state 9 shifts a 0 in (SL0) and starts again at 2.  A pulse during the
  count sends the sequencer to state D, which waits out the pulse, then 0,
  1, and state 1 shifts a 1 in (SL1).  So a 1 is framed by its own pulse and
  each 0 by the ticks since the last one: a window of +-4 ticks.
* Once QA is set (a nibble is complete), no more shifting: state 2 simply
  waits for the next pulse, so any 0 bits after a nibble are dropped (that is
  what makes FF + two 0 bits a self-sync byte).  The first 1 after the
  nibble is remembered by the path 0, 1, 3 ...; the register is cleared
  (CLR) either by state C, 12 ticks later (that 1 was followed by a 0: state
  A then shifts the remembered 1 in), or by state F after a second pulse
  (states E and F then shift both 1s in).  A nibble therefore stays in the
  register until about 2 bit cells after the next 1 bit, which is what the
  "latch lifespan" copy protections measure.
* Sense mode (Q6 on, Q7 off): every tick shifts the register right with the
  write-protect switch entering bit 7 (SR), and holds state 0.
* Write mode (Q7 on): the states count 0-7 or 8-F; state 2 (or A) shifts the
  register left (SL0; Q6 off) or loads it from the data bus (LD; Q6 on), and
  state 7 (or F) goes on to the other half when QA is set.  The drive's write
  signal is the state's top bit, so every 8 ticks a set QA flips the flux (a
  1 bit) and a clear one does not (a 0 bit).
"""
from __future__ import annotations

import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..userfiles import read_input
from .base import DiskError
from .layout import SPAN_PULSES, SPAN_TICKS

# --- the register actions (our own numbering) ---------------------------------------
NOP = 0     # hold the register
SL0 = 1     # shift left, 0 into bit 0
SL1 = 2     # shift left, 1 into bit 0
SR = 3      # shift right, the write-protect switch into bit 7
LD = 4      # load from the data bus (the value the 6502 last wrote to the card)
CLR = 5     # clear
ACTION_NAMES = ("NOP", "SL0", "SL1", "SR", "LD", "CLR")

# --- the modes, from Q7 and Q6 ------------------------------------------------------
READ, SENSE, WRITE, LOAD = 0, 1, 2, 3       # mode = Q7 * 2 + Q6
MODE_NAMES = ("read", "sense write protect", "write (shift)", "write (load)")

# In read mode, each state has four outcomes, (next state, action), for:
# QA clear and a pulse, QA clear and no pulse, QA set and a pulse, QA set and no pulse.
_READ_TRANSITIONS = {
    0x0: ((0x1, NOP), (0x1, NOP), (0x1, NOP), (0x1, NOP)),
    0x1: ((0x2, SL1), (0x2, SL1), (0x3, NOP), (0x3, NOP)),
    0x2: ((0xD, NOP), (0x3, NOP), (0x0, NOP), (0x2, NOP)),
    0x3: ((0xD, NOP), (0x4, NOP), (0x4, NOP), (0x4, NOP)),
    0x4: ((0xD, NOP), (0x5, NOP), (0xD, NOP), (0x5, NOP)),
    0x5: ((0xD, NOP), (0x6, NOP), (0xD, NOP), (0x6, NOP)),
    0x6: ((0xD, NOP), (0x7, NOP), (0xD, NOP), (0x7, NOP)),
    0x7: ((0xD, NOP), (0x8, NOP), (0xD, NOP), (0x8, NOP)),
    0x8: ((0xD, NOP), (0x9, NOP), (0xD, NOP), (0x9, NOP)),
    0x9: ((0xD, NOP), (0x2, SL0), (0xD, NOP), (0xA, NOP)),
    0xA: ((0xC, SL1), (0xB, SL1), (0xD, NOP), (0xB, NOP)),
    0xB: ((0xD, SL0), (0x5, SL0), (0xD, NOP), (0xC, NOP)),
    0xC: ((0xD, SL0), (0xD, SL0), (0xD, NOP), (0xA, CLR)),
    0xD: ((0xD, NOP), (0x0, NOP), (0xE, NOP), (0xE, NOP)),
    0xE: ((0xF, SL1), (0xF, SL1), (0xF, NOP), (0xF, NOP)),
    0xF: ((0xD, SL1), (0x4, SL1), (0xE, CLR), (0xE, CLR)),
}


def _write_transition(state: int, qa: int, load: bool) -> tuple[int, int]:
    """Write mode: count on; shift or load at 2 and A; at 7 and F, QA picks the half."""
    if state & 7 == 7:
        flip = qa == 1                       # a 1 bit: cross to the other half
        half = state & 8
        return ((half ^ 8) if flip else half), NOP
    action = (LD if load else SL0) if state & 7 == 2 else NOP
    return state + 1, action


def transition(mode: int, state: int, qa: int, pulse: int) -> tuple[int, int]:
    """(next state, action) of the 16-sector sequencer: the table of facts, one entry."""
    if mode == READ:
        return _READ_TRANSITIONS[state][2 * qa + (0 if pulse else 1)]
    if mode == SENSE:
        return 0x0, SR
    return _write_transition(state, qa, mode == LOAD)


def entries():
    """Every (state, mode, QA, pulse) the sequencer has an entry for: 256 of them."""
    for state in range(16):
        for mode in range(4):
            for qa in range(2):
                for pulse in range(2):
                    yield state, mode, qa, pulse


def index(state: int, mode: int, qa: int, pulse: int) -> int:
    """Where an entry lives in ``next_state``/``action`` (our layout, not the PROM's)."""
    return (state << 4) | (mode << 2) | (qa << 1) | pulse


def standard_tables() -> tuple[np.ndarray, np.ndarray]:
    """The 16-sector sequencer as (next_state, action), 256 entries each, by ``index``."""
    nxt = np.zeros(256, dtype=np.uint8)
    act = np.zeros(256, dtype=np.uint8)
    for state, mode, qa, pulse in entries():
        i = index(state, mode, qa, pulse)
        nxt[i], act[i] = transition(mode, state, qa, pulse)
    return nxt, act


def apply(action: int, reg: int, write_protect: int, bus: int) -> int:
    """The data register after one action (the 74LS323's four operations, and clear)."""
    if action == SL0:
        return (reg << 1) & 0xFF
    if action == SL1:
        return ((reg << 1) | 1) & 0xFF
    if action == SR:
        return (reg >> 1) | (0x80 if write_protect else 0)
    if action == LD:
        return bus & 0xFF
    if action == CLR:
        return 0
    return reg


# --- a user's own P6 PROM -------------------------------------------------------------
# CRC32 of Apple's sequencer PROMs, from MAME's driver sources (src/devices/machine/
# wozfdc.cpp and the Disk II card's ROM list).  Their bytes are never in this project.
KNOWN_P6 = {
    0xB72A2C70: "341-0028 (16-sector P6)",
    0x62E22620: "341-0010 (13-sector P6)",
}
P6_SIZE = 256
# The PROM's own wiring, as MAME's Disk II controller addresses it: A7 A6 = state
# bits 3 2, A5 = state bit 0, A4 = no read pulse, A3 = Q7, A2 = Q6, A1 = QA, A0 = state
# bit 1.  Each byte: the next state in the high nibble, the command in the low one.
_P6_COMMANDS = {0x8: NOP, 0xC: NOP, 0x9: SL0, 0xA: SR, 0xE: SR, 0xB: LD, 0xF: LD,
                0xD: SL1}                   # 0-7: CLR


def p6_address(state: int, mode: int, qa: int, pulse: int) -> int:
    """The PROM address of one entry, from MAME's wiring of the chip."""
    return ((state & 0xC) << 4) | ((state & 1) << 5) | ((0 if pulse else 1) << 4) \
        | (mode << 2) | (qa << 1) | ((state >> 1) & 1)


def tables_from_p6(data: bytes) -> tuple[np.ndarray, np.ndarray]:
    """A P6 PROM image -> (next_state, action) in our layout."""
    nxt = np.zeros(256, dtype=np.uint8)
    act = np.zeros(256, dtype=np.uint8)
    for state, mode, qa, pulse in entries():
        byte = data[p6_address(state, mode, qa, pulse)]
        i = index(state, mode, qa, pulse)
        nxt[i] = byte >> 4
        act[i] = _P6_COMMANDS.get(byte & 0xF, CLR)
    return nxt, act


@dataclass(frozen=True)
class SequencerRom:
    """A user-supplied P6 PROM, identified by its CRC32."""

    path: Path
    name: str
    crc32: int
    next_state: np.ndarray
    action: np.ndarray

    def describe(self) -> str:
        return f"Disk II sequencer: {self.name}, CRC32 {self.crc32:08x}"


def load_p6(path: str | Path) -> SequencerRom:
    """Read a P6 PROM file; DiskError (one line naming the file) if it is not a known one."""
    path = Path(path)
    data = read_input(path, P6_SIZE, "Disk II sequencer PROM (P6)", DiskError,
                      hint=f"a P6 PROM is {P6_SIZE} bytes")
    if len(data) != P6_SIZE:
        raise DiskError(f"{path}: {len(data)} bytes; a Disk II sequencer PROM (P6) is "
                        f"{P6_SIZE}")
    crc = zlib.crc32(data)
    if crc not in KNOWN_P6:
        known = ", ".join(f"{n} {c:08x}" for c, n in KNOWN_P6.items())
        raise DiskError(f"{path}: CRC32 {crc:08x} is not a known Disk II P6 PROM "
                        f"(known: {known})")
    nxt, act = tables_from_p6(data)
    return SequencerRom(path, KNOWN_P6[crc], crc, nxt, act)


# --- spans of read mode at once ----------------------------------------------------------
PULSE_TICKS = 2         # the MC3470's read pulse lasts about 1 us: two ticks


def read_mode_is_pure(act: np.ndarray) -> bool:
    """True if read mode only shifts, clears or holds (the bus and write protect never matter)."""
    read = [act[index(s, READ, qa, p)] for s in range(16) for qa in range(2) for p in range(2)]
    return all(a in (NOP, SL0, SL1, CLR) for a in read)


def compose_spans(nxt: np.ndarray, act: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Read mode over 1..SPAN_TICKS ticks, for every state, register and pulse.

    Pulse 0: no read pulse in those ticks (a 0 bit's cell, or the ticks after
    a pulse); 1: the pulse in the first ``PULSE_TICKS`` ticks (a 1 bit's cell
    from its start); 2: the pulse in the first tick only (a 1 bit's cell from
    its second tick).  Returns (state, reg) after ``k`` ticks at ``[k - 1]``,
    each shaped (SPAN_TICKS, 16, 256, SPAN_PULSES), computed tick by tick
    from the table: the controller's fast path, exact by construction.  Only
    for a read mode that is pure (``read_mode_is_pure``).
    """
    shape = (SPAN_PULSES, 16, 256)
    state = np.broadcast_to(np.arange(16)[None, :, None], shape).astype(np.int64)
    reg = np.broadcast_to(np.arange(256)[None, None, :], shape).astype(np.int64)
    kind = np.broadcast_to(np.arange(SPAN_PULSES)[:, None, None], shape)
    pulse_ticks = np.array([0, PULSE_TICKS, PULSE_TICKS - 1, 0])[kind]     # (3: unused)
    out_state = np.zeros((SPAN_TICKS,) + shape, dtype=np.uint8)
    out_reg = np.zeros((SPAN_TICKS,) + shape, dtype=np.uint8)
    for tick in range(SPAN_TICKS):
        pulse = (tick < pulse_ticks).astype(np.int64)
        i = (state << 4) | (READ << 2) | ((reg >> 7) << 1) | pulse
        a = act[i]
        reg = np.where(a == SL0, (reg << 1) & 0xFF,
                       np.where(a == SL1, ((reg << 1) | 1) & 0xFF,
                                np.where(a == CLR, 0, reg)))
        state = nxt[i].astype(np.int64)
        out_state[tick] = state
        out_reg[tick] = reg
    return out_state, out_reg
