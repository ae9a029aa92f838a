"""A slow, obvious 6522 written from the data sheets: it ticks every cycle.

The oracle for ``emu.mockingboard.via``, which never ticks but works every
value out from the cycle of an access.  This one follows the R6522 and
W65C22S timing diagrams literally, one cycle at a time:

* a write of T1C-H (T2C-H) in cycle w loads the counter, which reads N in
  cycle w+1 and one less in each cycle after;
* the cycle after the counter read 0 it reads $FFFF: the time-out, whose
  interrupt flag is set in that same cycle (IRQ falls N + 1.5 cycles after
  the write);
* timer 1 then loads its latch (it reads L in the next cycle), in either
  mode; it flags every time-out when free-running, only the first after the
  write in one-shot mode; PB7 inverts at each free-running time-out, and in
  one-shot mode goes low at the write and high at the time-out;
* timer 2 counts on through $FFFF and flags only the first time-out; in
  pulse-counting mode it counts falling edges of PB6 and flags reaching 0.

``access(cycle, reg, value)`` ticks up to the cycle, then reads (value None)
or writes; reads and writes act as the data sheet's register table says.
"""
from __future__ import annotations

T1, T2 = 0x40, 0x20


class ReferenceVIA:
    def __init__(self):
        self.cycle = 0
        self.orb = self.ora = self.ddrb = self.ddra = 0
        self.acr = self.pcr = self.ifr = self.ier = self.sr = 0
        self.t1_latch = 0xFFFF
        self.t1 = 0xFFFF                # the counter in the current cycle
        self.t1_load = False            # load the latch in the next cycle
        self.t1_armed = False
        self.pb7 = 1
        self.t2_latch_low = 0xFF
        self.t2 = 0xFFFF
        self.t2_load = None             # the value to load in the next cycle
        self.t2_armed = False
        self.irq_cycles = []            # cycles in which IRQ was active (after the tick)

    # --- time ----------------------------------------------------------------------
    def tick(self) -> None:
        """From the current cycle to the next one."""
        self.cycle += 1
        if self.t1_load:
            self.t1 = self.t1_latch
            self.t1_load = False
        elif self.t1 == 0:
            self.t1 = 0xFFFF            # the time-out
            self.t1_load = True
            if self.acr & 0x40:
                self.ifr |= T1
                self.pb7 ^= 1
            elif self.t1_armed:
                self.ifr |= T1
                self.t1_armed = False
                self.pb7 = 1
        else:
            self.t1 -= 1
        if self.t2_load is not None:
            self.t2 = self.t2_load
            self.t2_load = None
        elif not self.acr & 0x20:
            self.t2 = (self.t2 - 1) & 0xFFFF
            if self.t2 == 0xFFFF and self.t2_armed:
                self.ifr |= T2
                self.t2_armed = False

    def run_to(self, cycle: int) -> None:
        while self.cycle < cycle:
            self.tick()

    def irq(self) -> bool:
        return bool(self.ifr & self.ier & 0x7F)

    # --- the pins ------------------------------------------------------------------
    def port_b(self) -> int:
        pins = (self.orb & self.ddrb) | (~self.ddrb & 0xFF)
        if self.acr & 0x80:
            pins = (pins & 0x7F) | (self.pb7 << 7)
        return pins

    # --- the register table --------------------------------------------------------------
    def access(self, cycle: int, reg: int, value: int | None = None) -> int | None:
        self.run_to(cycle)
        return self.read(reg) if value is None else self.write(reg, value)

    def read(self, reg: int) -> int:
        if reg == 0:
            self.ifr &= ~0x18
            value = (self.orb & self.ddrb) | (self.port_b() & ~self.ddrb & 0xFF)
            if self.acr & 0x80:
                value = (value & 0x7F) | (self.pb7 << 7)
            return value
        if reg in (1, 15):
            if reg == 1:
                self.ifr &= ~0x03
            return (self.ora & self.ddra) | (~self.ddra & 0xFF)
        if reg == 2:
            return self.ddrb
        if reg == 3:
            return self.ddra
        if reg == 4:
            self.ifr &= ~T1
            return self.t1 & 0xFF
        if reg == 5:
            return self.t1 >> 8
        if reg == 6:
            return self.t1_latch & 0xFF
        if reg == 7:
            return self.t1_latch >> 8
        if reg == 8:
            self.ifr &= ~T2
            return self.t2 & 0xFF
        if reg == 9:
            return self.t2 >> 8
        if reg == 10:
            self.ifr &= ~0x04
            return self.sr
        if reg == 11:
            return self.acr
        if reg == 12:
            return self.pcr
        if reg == 13:
            return self.ifr | (0x80 if self.irq() else 0)
        return self.ier | 0x80

    def write(self, reg: int, value: int) -> None:
        if reg in (0, 2):
            pb6 = (self.port_b() >> 6) & 1
            if reg == 0:
                self.ifr &= ~0x18
                self.orb = value
            else:
                self.ddrb = value
            if pb6 and not (self.port_b() >> 6) & 1 and self.acr & 0x20:
                self.t2 = (self.t2 - 1) & 0xFFFF
                if self.t2 == 0 and self.t2_armed:
                    self.ifr |= T2
                    self.t2_armed = False
        elif reg in (1, 15):
            if reg == 1:
                self.ifr &= ~0x03
            self.ora = value
        elif reg == 3:
            self.ddra = value
        elif reg in (4, 6):
            self.t1_latch = (self.t1_latch & 0xFF00) | value
        elif reg == 5:
            self.t1_latch = (self.t1_latch & 0xFF) | (value << 8)
            self.ifr &= ~T1
            self.t1_load = True
            self.t1_armed = True
            self.pb7 = 0
        elif reg == 7:
            self.t1_latch = (self.t1_latch & 0xFF) | (value << 8)
            self.ifr &= ~T1
        elif reg == 8:
            self.t2_latch_low = value
        elif reg == 9:
            count = self.t2_latch_low | (value << 8)
            self.ifr &= ~T2
            self.t2_armed = True
            if self.acr & 0x20:
                self.t2 = count
            else:
                self.t2_load = count
        elif reg == 10:
            self.sr = value
            self.ifr &= ~0x04
        elif reg == 11:
            self.acr = value
        elif reg == 12:
            self.pcr = value
        elif reg == 13:
            self.ifr &= ~(value & 0x7F)
        elif reg == 14:
            if value & 0x80:
                self.ier |= value & 0x7F
            else:
                self.ier &= ~(value & 0x7F)
