"""A slow, plain-Python model of the Disk II card, written from the documents, for comparisons.

It shares nothing with ``emu.disk.controller`` but the sequencer's table of
facts (``emu.disk.sequencer.transition``, which tests/test_disk_sequencer.py
checks against the CRC32 of Apple's PROM): it steps the sequencer one 2 MHz
tick at a time, as Sather describes it (ch. 9), and derives everything else
from first principles:

* bit cell ``k`` of the disk (cell length ``c`` ticks, any fraction) covers
  the ticks from ceil(k * c) up to ceil((k + 1) * c); a 1 bit makes the read
  pulse in its first two ticks (about 1 us, the MC3470's pulse);
* the drive hears the flux through a 4-bit window and passes on the bit
  before the newest (WOZ 2 reference, "Freaking out like a MC3470"); tracks
  given to this model never have four 0 bits in a row, so no noise;
* in write mode the disk takes one bit each time the sequencer leaves state
  7 or F: 1 if the state's top bit (the write signal) flipped.

The model keeps absolute time: reading the data register at CPU cycle ``n``
shows it after ticks 0 .. 2n - 1.
"""
from __future__ import annotations

from fractions import Fraction

from emu.disk import sequencer


class ReferenceCard:
    """One drive, its motor on from tick 0, the head on one track of ``bits``."""

    def __init__(self, bits: list[int], cell_ticks: Fraction = Fraction(8),
                 write_protected: bool = False):
        self.bits = list(bits)
        self.cell = Fraction(cell_ticks)
        self.write_protected = write_protected
        self.state = 0
        self.register = 0
        self.q6 = self.q7 = 0
        self.bus = 0
        self.tick = 0                   # ticks run so far
        self.cell_index = 0             # cells begun since the last reading start
        self.cell_origin = 0            # the tick cell 0 began on
        self.position = 0               # the next bit to come under the head
        self.window = 0
        self.delivered: list[int] = []  # per cell begun: the bit the drive passed on
        self.written: list[tuple[int, int]] = []    # (position, bit) in write mode

    # --- the disk ----------------------------------------------------------------------
    def _cell_start(self, k: int) -> int:
        num, den = self.cell.numerator, self.cell.denominator
        return self.cell_origin - (-k * num // den)         # + ceil(k * cell)

    def _pulse_now(self) -> int:
        """Is the read pulse on during the current tick?  Starts cells as they come."""
        while self.tick >= self._cell_start(self.cell_index):
            bit = self.bits[self.position]
            self.position = (self.position + 1) % len(self.bits)
            self.window = ((self.window << 1) | bit) & 0xF
            assert self.window != 0, "the reference model takes no runs of four 0 bits"
            self.delivered.append((self.window >> 1) & 1)
            self.cell_index += 1
        k = self.cell_index - 1
        into = self.tick - self._cell_start(k)
        return 1 if self.delivered[k] and into < sequencer.PULSE_TICKS else 0

    # --- the sequencer -----------------------------------------------------------------
    def _step(self) -> None:
        mode = self.q7 * 2 + self.q6
        pulse = self._pulse_now() if mode < 2 else 0
        qa = self.register >> 7
        nxt, action = sequencer.transition(mode, self.state, qa, pulse)
        self.register = sequencer.apply(action, self.register, int(self.write_protected),
                                        self.bus)
        if mode >= 2 and self.state & 7 == 7:           # a write cell ends
            bit = 1 if (nxt ^ self.state) & 8 else 0
            self.written.append((self.position, bit))
            if not self.write_protected:
                self.bits[self.position] = bit
            self.position = (self.position + 1) % len(self.bits)
            self.window = ((self.window << 1) | bit) & 0xF
        self.state = nxt
        self.tick += 1

    def run_to(self, cycle: int) -> None:
        while self.tick < 2 * cycle:
            self._step()

    # --- the 6502's side ---------------------------------------------------------------
    def access(self, cycle: int, low: int, value: int | None = None) -> int | None:
        """$C0n0+low at ``cycle`` (a write if ``value`` is given): the byte read, or None."""
        self.run_to(cycle)
        data = None if low & 1 else self.register
        if low in (0xC, 0xD):
            self.q6 = low - 0xC
        elif low in (0xE, 0xF):
            if self.q7 and low == 0xE:                  # reading again: a new cell now
                self.cell_origin = self.tick
                self.cell_index = 0
                self.delivered = []
            self.q7 = low - 0xE
        if value is not None:
            self.bus = value
        return data
