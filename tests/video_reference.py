"""A slow, plain-Python model of the Apple II video scanner and its colours: the tests' reference.

Written from the documents, not from ``emu.video``: it shares only facts
that are data (the palette, the character set given to it), and none of the
renderer's tables, address helpers or logs.  It is driven by what the bus
did, one CPU cycle at a time, as the CPU core's trace flavour records it
(``address | value << 16 | is_write << 24`` per cycle), so it sees every
write and every soft-switch access where it happened, dummy cycles included.

The scanner (Jim Sather, "Understanding the Apple II", 1983, ch. 3 and 5):

* Two counters advance once per CPU cycle.  The horizontal one goes $00,
  $40, $41 ... $7F, then $00 again (65 states: a line); when it wraps, the
  vertical one advances: $100 ... $1FF, $FA ... $FF, $100 ... (262 lines).
  Lines $100-$1BF are on screen.  The emulator's convention: its cycle 0,
  and every frame's first cycle, is at H = $00, V = $1C0 (the start of
  vertical blanking).
* The address it reads: A2-A0 = H2-H0; A6-A3 = (1 1 0 1) + (0 H5 H4 H3) +
  (V4 V3 V4 V3) (4 bits, the carry dropped); A9-A7 = V2-V0.  Hi-res
  graphics add A12-A10 = VC VB VA and A13 (page 1) or A14 (page 2); text and
  lo-res add A10 (page 1) or A11 (page 2).  The vertical count's bits, low
  to high: VA VB VC V0 V1 V2 V3 V4, and the ninth, V5.
* On the II and II+, not the IIe, text and lo-res addresses have A12 set
  while H is in horizontal blanking ($00, $40-$57): $1000 above the
  line's block (Sather, "Understanding the Apple IIe", p. I-4).
* Each cycle the scanner reads first (phase 1) and the CPU second (phase 0):
  the byte fetched on a cycle predates the CPU's write on that cycle, and
  the mode is the one the soft switches were left in before that cycle.
* The screen shows H = $58-$7F: 40 bytes a line, left to right.  MIXED
  shows text where V4 and V2 are both set (the last 32 screen lines).

On a IIe (Apple IIe Technical Reference Manual, 1985, ch. 2 and 4; Sather,
"Understanding the Apple IIe", 1985, ch. 5) the scanner is the same and a
40-column picture still comes from main memory, but the CPU's writes may go
to aux memory instead: writes of $C000/$C001 turn 80STORE off/on, $C004/$C005
RAMWRT, $C008/$C009 ALTZP.  With 80STORE on, PAGE2 picks aux (on) or main
memory for the CPU at $0400-$07FF, and with HIRES on at $2000-$3FFF too, and
the page on display is page 1; elsewhere RAMWRT sends writes to $0200-$BFFF
to aux memory, and ALTZP those to $0000-$01FF.

The IIe's own modes (Apple IIe Technical Reference Manual, ch. 2 and 4;
Sather, "Understanding the Apple IIe", ch. 8; Apple IIe Technical Note #3,
"Double High-Resolution Graphics"): writes of $C00C/$C00D turn 80COL
off/on, $C00E/$C00F ALTCHARSET; any access to $C05E turns AN3 off, which is
DHIRES on, $C05F the other way.  With 80COL on the scanner fetches, on each
cycle, the byte at its address in aux memory and the one in main memory;
text is then 80 columns, and with DHIRES graphics are double lo-res or
double hi-res.  A cell's 14 ticks are then the aux byte's 7 dots and the
main byte's 7, a tick each:

* 80-column text: each byte's glyph row, 7 ticks, white (or the phosphor).
* Characters on a IIe come from its video ROM (256 glyphs, 8 bytes each, bit
  0 the leftmost dot, a 0 bit a lit dot): bytes $00-$3F and $80-$FF show
  their own glyph; in the primary set $40-$7F show glyph byte & $3F, dark
  and light swapped in the flash's second phase; in the alternate set
  (ALTCHARSET) $40-$5F show their own glyph (MouseText) and $60-$7F glyph
  byte | $80 with dark and light swapped (inverse lower case).
* Colour phase: the 80-column stream is one tick ahead of the 40-column
  one, so the tick at position x is in lo-res phase (x + 1) mod 4 (under
  which the technical note's double hi-res colour table, e.g. magenta = aux
  $08 main $11 aux $22 main $44, gives the lo-res colours of the same name).
* Double lo-res: the nibble (low on lines 0-3, high on 4-7) of each half is
  a lo-res colour, main memory's as it is, aux memory's rotated one bit left
  (the IIe manual's table: aux $8 is magenta); in colour the 7 ticks are that
  colour, in monochrome the tick in phase k is lit when bit k of it is set.
* Double hi-res: 560 dots, bit 7 of each byte unused.  In colour a tick's
  colour is made by the 4 ticks from the one before it to the two after:
  each lit one adds the lo-res colour bit of its phase; ticks outside double
  hi-res cells count as unlit.  In monochrome lit dots are lit.

What a byte looks like (Apple II Reference Manual, 1979; Sather ch. 8; the
emulator's stated colour rules, emu/video/render.py's docstring): a cell is
14 ticks of the 14.318 MHz clock, cell c from tick 14c.

* Text: the glyph row (V & 7) of character ``byte & $3F``; 7 dots, 2 ticks
  each, bit 0 leftmost; $00-$3F inverse, $40-$7F flashing (inverse in
  frames 14-27, 42-55 ... of the 28-frame cycle), $80-$FF normal.  White on
  a colour screen, the phosphor's colour on a monochrome one.
* Lo-res: the low nibble on lines 0-3 of the text row, the high nibble on
  lines 4-7.  In colour the cell is that colour; in monochrome the tick at
  absolute position x is lit when bit (x mod 4) of the nibble is set.
* Hi-res: 7 dots, bit 0 leftmost, dot X = 7c + d at ticks 2X and 2X + 1,
  one tick later if bit 7 (the palette bit) is set; that delayed byte's
  first tick repeats the tick before it (black at the left edge), and a
  later cell covers the tick its last half dot spills into.  In colour: a
  lit dot next to a lit dot is white; a lone lit dot is violet (even X) or
  green (odd X), blue or orange with the palette bit; an unlit dot between
  two lit dots takes the colour a lit dot of the other parity would have;
  other unlit dots are black.  A neighbour in a cell of another mode, or
  off the screen, counts as unlit.  In monochrome, lit dots are lit.
"""
from __future__ import annotations

import numpy as np

from emu.video.palette import (HIRES_BLACK, HIRES_BLUE, HIRES_GREEN, HIRES_INDEX, HIRES_ORANGE,
                               HIRES_VIOLET, HIRES_WHITE, MONO_INDEX)

LINE, LINES = 65, 262
FRAME = LINE * LINES
TEXT, MIXED, PAGE2, HIRES = 1, 2, 4, 8       # the switch pairs $C050/1, $C052/3, $C054/5, $C056/7
COL80, ALTCHAR, DHIRES = 32, 64, 128         # IIe: $C00C/D, $C00E/F written; $C05E/F (inverted)
FLASH_PERIOD = 28                            # frames: 14 normal, 14 inverse


class Counters:
    """Sather's horizontal and vertical counters, stepped once per cycle."""

    def __init__(self) -> None:
        self.h, self.v = 0x00, 0x1C0         # a frame's first cycle

    def step(self) -> None:
        if self.h == 0x00:
            self.h = 0x40
        elif self.h < 0x7F:
            self.h += 1
        else:
            self.h = 0x00
            self.v = 0xFA if self.v == 0x1FF else 0x100 if self.v == 0xFF else self.v + 1

    def text_shown(self, mode: int) -> bool:
        v4, v2 = (self.v >> 7) & 1, (self.v >> 5) & 1
        return bool(mode & TEXT) or bool(mode & MIXED and v4 and v2)

    def address(self, mode: int, page2: bool, iie: bool = False) -> int:
        h, v = self.h, self.v
        h3, h4, h5 = (h >> 3) & 1, (h >> 4) & 1, (h >> 5) & 1
        v3, v4 = (v >> 6) & 1, (v >> 7) & 1
        total = (0b1101 + (h5 << 2 | h4 << 1 | h3) + (v4 << 3 | v3 << 2 | v4 << 1 | v3)) & 0xF
        low = (h & 7) | total << 3 | ((v >> 3) & 7) << 7
        if mode & HIRES and not self.text_shown(mode):
            return low | (v & 7) << 10 | (0x4000 if page2 else 0x2000)
        blanking = h < 0x58 and not iie
        return low | (0x800 if page2 else 0x400) | (0x1000 if blanking else 0)


class Mmu:
    """Whether a CPU write lands in main memory: always on a II+; on a IIe, by its switches."""

    def __init__(self, iie: bool = False, store80: bool = False, ramwrt: bool = False,
                 altzp: bool = False) -> None:
        self.iie, self.store80, self.ramwrt, self.altzp = iie, store80, ramwrt, altzp

    def switch(self, addr: int) -> None:
        """A write to $C000-$C00F."""
        if self.iie:
            on = bool(addr & 1)
            if addr >> 1 == 0xC000 >> 1:
                self.store80 = on
            elif addr >> 1 == 0xC004 >> 1:
                self.ramwrt = on
            elif addr >> 1 == 0xC008 >> 1:
                self.altzp = on

    def to_main(self, addr: int, mode: int) -> bool:
        if not self.iie:
            return True
        if self.store80 and (0x400 <= addr < 0x800 or (mode & HIRES and 0x2000 <= addr < 0x4000)):
            return not mode & PAGE2
        return not (self.altzp if addr < 0x200 else self.ramwrt)

    def page2_shown(self, mode: int) -> bool:
        return bool(mode & PAGE2) and not self.store80


def frame_addresses(mode: int, page2: bool, iie: bool = False) -> list[int]:
    """The address the scanner reads on each cycle of a frame, from its first, in one mode."""
    counters, addresses = Counters(), []
    for _ in range(FRAME):
        addresses.append(counters.address(mode, page2, iie))
        counters.step()
    return addresses


def fetches(ram0, mode0: int, trace=(), trace_start: int = 0, frame_start: int = 0,
            mmu: Mmu | None = None, aux0=None):
    """The 192 x 40 (byte, mode, text_shown, aux byte) the scanner fetched for the screen.

    ``ram0``: main RAM ($0000-$BFFF) as it was on cycle ``trace_start``, and
    ``mode0`` the video mode then; ``trace[i]``: the CPU's bus cycle on cycle
    ``trace_start + i`` (cycles without one are idle); the frame starts on
    ``frame_start`` <= ``trace_start``, before its first visible line.
    ``mmu``: a IIe's memory switches then (the default: a II+), ``aux0`` its
    aux RAM ($0000-$BFFF) then.
    """
    ram = bytearray(bytes(np.asarray(ram0, dtype=np.uint8)))
    aux = bytearray(bytes(np.asarray(aux0, dtype=np.uint8))) if aux0 is not None \
        else bytearray(0xC000)
    mode = mode0
    mmu = Mmu() if mmu is None else mmu
    counters = Counters()
    screen = [[None] * 40 for _ in range(192)]
    for cycle in range(frame_start, frame_start + FRAME):
        # Phase 1: the scanner.
        v, h = counters.v, counters.h
        if 0x100 <= v < 0x1C0 and h >= 0x58:
            at = counters.address(mode, mmu.page2_shown(mode))
            screen[v - 0x100][h - 0x58] = (ram[at], mode, counters.text_shown(mode), aux[at])
        # Phase 0: the CPU.
        i = cycle - trace_start
        if 0 <= i < len(trace):
            entry = int(trace[i])
            addr, value, write = entry & 0xFFFF, (entry >> 16) & 0xFF, (entry >> 24) & 1
            if write and addr < 0xC000:
                if mmu.to_main(addr, mode):
                    ram[addr] = value
                else:
                    aux[addr] = value
            elif write and addr < 0xC010:
                mmu.switch(addr)
                if mmu.iie and addr >= 0xC00C:
                    bit = COL80 if addr < 0xC00E else ALTCHAR
                    mode = mode | bit if addr & 1 else mode & ~bit
            elif 0xC050 <= addr <= 0xC057:
                bit = (TEXT, MIXED, PAGE2, HIRES)[(addr - 0xC050) >> 1]
                mode = mode | bit if addr & 1 else mode & ~bit
            elif mmu.iie and addr in (0xC05E, 0xC05F):
                mode = mode & ~DHIRES if addr & 1 else mode | DHIRES
        counters.step()
    return screen


def iie_glyph_row(rom, byte: int, row: int, altchar: bool, flash: bool) -> int:
    """The 7 dots (bit 0 leftmost) a IIe shows for ``byte`` in glyph row ``row``: its video
    ROM's rules, above."""
    glyph, swap = byte, False
    if not altchar and 0x40 <= byte < 0x80:
        glyph, swap = byte & 0x3F, flash
    elif altchar and 0x60 <= byte < 0x80:
        glyph, swap = byte | 0x80, True
    lit = ~int(rom[glyph][row]) & 0x7F            # a 0 bit lights the dot
    return lit ^ 0x7F if swap else lit


def _text_ticks(byte: int, line: int, charset, flash: bool) -> list[bool]:
    row = int(charset[byte & 0x3F][line & 7])
    inverse = byte < 0x40 or (byte < 0x80 and flash)
    return [bool((row >> (t // 2)) & 1) != inverse for t in range(14)]


def _hires_colour(lit: list[int], palette: list[int], x: int) -> int:
    """The HIRES_* colour of dot x of a line of 280 (-1 beyond the hi-res cells)."""
    left = lit[x - 1] == 1 if x > 0 else False
    right = lit[x + 1] == 1 if x < 279 else False
    violet_green = (HIRES_VIOLET, HIRES_GREEN) if palette[x] == 0 else (HIRES_BLUE, HIRES_ORANGE)
    if lit[x] == 1:
        return HIRES_WHITE if left or right else violet_green[x % 2]
    if left and right:
        return violet_green[(x + 1) % 2]
    return HIRES_BLACK


def _kind(mode: int, text_shown: bool) -> str:
    if text_shown:
        return "text80" if mode & COL80 else "text"
    double = bool(mode & COL80 and mode & DHIRES)
    if mode & HIRES:
        return "dhires" if double else "hires"
    return "dlores" if double else "lores"


def draw_line(cells, line: int, charset, colour: int, flash: bool) -> list[int]:
    """560 palette indices for one line of (byte, mode, text_shown, aux byte) cells.

    ``charset``: a II+ set of (64, 8) glyphs, or a IIe video ROM of (256, 8).
    """
    on = int(MONO_INDEX[colour])              # white on a colour screen
    kinds = [_kind(m, t) for _, m, t, _ in cells]
    iie = len(charset) == 256
    lit = [-1] * 280                          # hi-res dots: 1 lit, 0 unlit, -1 not hi-res
    palette = [0] * 280
    for c, (byte, _, _, _) in enumerate(cells):
        if kinds[c] == "hires":
            for d in range(7):
                lit[7 * c + d] = (byte >> d) & 1
                palette[7 * c + d] = byte >> 7
    double = [False] * 562                    # double hi-res ticks: lit or not
    for c, (byte, _, _, aux) in enumerate(cells):
        if kinds[c] == "dhires":
            for d in range(7):
                double[14 * c + d] = bool((aux >> d) & 1)
                double[14 * c + 7 + d] = bool((byte >> d) & 1)
    ticks = [0] * 561
    for c, (byte, mode, _, aux) in enumerate(cells):
        x0 = 14 * c
        if kinds[c] in ("text", "text80"):
            wide = kinds[c] == "text"
            for half, b in enumerate((byte,) if wide else (aux, byte)):
                if iie:
                    row = iie_glyph_row(charset, b, line & 7, bool(mode & ALTCHAR), flash)
                    dots = [bool((row >> (t // 2 if wide else t)) & 1) for t in range(14 if wide else 7)]
                else:
                    dots = _text_ticks(b, line, charset, flash)
                for t, dot in enumerate(dots):
                    ticks[x0 + 7 * half + t] = on if dot else 0
        elif kinds[c] == "lores":
            nibble = byte & 0xF if line % 8 < 4 else byte >> 4
            for t in range(14):
                if colour == 0:
                    ticks[x0 + t] = nibble
                else:
                    ticks[x0 + t] = on if (nibble >> ((x0 + t) % 4)) & 1 else 0
        elif kinds[c] == "dlores":
            for half, b in enumerate((aux, byte)):
                nibble = b & 0xF if line % 8 < 4 else b >> 4
                if half == 0:                         # aux memory: rotated one bit left
                    nibble = ((nibble << 1) | (nibble >> 3)) & 0xF
                for t in range(7):
                    x = x0 + 7 * half + t
                    if colour == 0:
                        ticks[x] = nibble
                    else:
                        ticks[x] = on if (nibble >> ((x + 1) % 4)) & 1 else 0
        elif kinds[c] == "dhires":
            for x in range(x0, x0 + 14):
                if colour == 0:
                    value = 0
                    for j in range(x - 1, x + 3):
                        if 0 <= j < 560 and double[j]:
                            value |= 1 << ((j + 1) % 4)
                    ticks[x] = value                  # a lo-res colour is its palette index
                else:
                    ticks[x] = on if double[x] else 0
        else:
            delay = byte >> 7
            if delay:
                ticks[x0] = ticks[x0 - 1] if c else 0
            for d in range(7):
                x = 7 * c + d
                if colour == 0:
                    index = int(HIRES_INDEX[_hires_colour(lit, palette, x)])
                else:
                    index = on if lit[x] == 1 else 0
                ticks[2 * x + delay] = ticks[2 * x + delay + 1] = index
    return ticks[:560]


def reference_frame(ram0, mode0: int, trace=(), trace_start: int = 0, frame_start: int = 0, *,
                    frame_number: int = 0, charset, colour: int = 0,
                    mmu: Mmu | None = None, aux0=None) -> np.ndarray:
    """The (192, 560) palette indices of one frame, from the scanner's fetches."""
    flash = frame_number % FLASH_PERIOD >= FLASH_PERIOD // 2
    screen = fetches(ram0, mode0, trace, trace_start, frame_start, mmu, aux0)
    return np.array([draw_line(screen[y], y, charset, colour, flash) for y in range(192)],
                    dtype=np.uint8)


# --- driving it from a machine -------------------------------------------------------------

def traced_frame(m, trace: list | None = None) -> np.ndarray:
    """Run one frame of machine ``m`` with the traced core; returns the reference's picture.

    The machine draws the same frame itself (``m.pixels``), from its logs,
    for the caller to compare.  The frame's bus cycles are appended to
    ``trace`` if one is given (see ``Apple2.run_frame``).
    """
    from emu import bus
    from emu.video.modes import STORE80
    ram0, mode0 = m.mem[:0xC000].copy(), m.video_mode
    aux0 = m.mem[bus.AUX:bus.AUX + 0xC000].copy()
    mmu = Mmu(m.model.iie_switches, bool(mode0 & STORE80), bool(m.io[bus.RAMWRT]),
              bool(m.io[bus.ALTZP]))                    # the IIe's switches as the frame starts
    frame_start, frame_number = m.frame_start, m.frame
    trace = [] if trace is None else trace
    m.run_frame(render=True, trace=trace)
    first = trace[0][0] if trace else frame_start       # no trace: the CPU is halted
    bus_cycles = np.concatenate([t for _, t in trace]) if trace else np.zeros(0, np.int64)
    return reference_frame(ram0, mode0, bus_cycles, first, frame_start, frame_number=frame_number,
                           charset=m.charset, colour=m.colour, mmu=mmu, aux0=aux0)


def assert_same_picture(got: np.ndarray, want: np.ndarray, what: str = "frame") -> None:
    """Equal palette-index pictures, or a message that says where they differ."""
    wrong = np.argwhere(got != want)
    assert not len(wrong), (f"{what}: {len(wrong)} dots differ from the reference, the first at "
                            f"(line, dot) {tuple(int(v) for v in wrong[0])}: "
                            f"{int(got[tuple(wrong[0])])} instead of {int(want[tuple(wrong[0])])}")


def check_golden_png(path, rgb: np.ndarray) -> None:
    """The golden PNG at ``path`` shows ``rgb`` (a picture the reference made).

    The PNGs are pictures for people; the reference decides what is right.
    ``APPLE2_WRITE_GOLDEN=1`` writes the reference's picture to them.
    """
    import os
    from pathlib import Path
    from emu.video.png import read_png, write_png
    path = Path(path)
    if os.environ.get("APPLE2_WRITE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        write_png(path, rgb)
        return
    assert path.is_file(), f"{path} is missing: APPLE2_WRITE_GOLDEN=1 writes the reference's picture"
    assert np.array_equal(read_png(path), rgb), \
        f"{path} is not the reference's picture: APPLE2_WRITE_GOLDEN=1 rewrites it"
