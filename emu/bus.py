"""The Apple II+ memory bus: memory map, language card, $C0xx soft switches, Disk II.

This module is the "bus module" the generated CPU core calls for every access
to a page whose page-table entry is -1 (pages $C0-$CF).  Everything here is
jitted; the core never returns to Python for a soft switch.

All machine memory lives in one array, ``mem``, laid out as below.  The page
table ``pages`` (512 entries: 256 for reads, 256 for writes) maps each CPU page
to an offset in ``mem``, so the language card switches banks by rewriting 48
table entries, never by copying memory.  Above the machine's own memory,
``mem`` holds the Disk II's track bits and quarter-track maps.

The I/O state is one int64 array ``io``: the named slots below, then the page
table, two cycle-stamped logs that Python drains once per frame (video mode
changes ``vlog`` as (cycle, mode) pairs, speaker toggles ``slog``), the
typed-ahead key queue, and the Disk II controller's registers and track
table (``emu.disk.layout``; the card itself is ``emu.disk.controller``, whose
``access`` handles its slot's $C0n0-$C0nF).  One array rather than several keeps the core's calls
into this module cheap: every array argument is seven values LLVM must keep
at hand across the whole run loop.

References: Jim Sather, "Understanding the Apple II" (1983), chapters 5 (video
scanner and floating bus), 6 (soft switches), 7 (game port) and the Apple
Language Card manual.
"""
from __future__ import annotations

import numpy as np
from numba import njit

from . import jit_options
from .disk import controller
from .disk.layout import DISK_IO_SIZE, DISK_MEM_SIZE, GROUP
from .video import HIRES, MIXED, PAGE2, TEXT

# The generated core is compiled with these modules inlined into it: a change
# to any of them must invalidate its cache (see emu.cpu.codegen).
CORE_DEPENDS = ("emu.disk.controller", "emu.disk.layout", "emu.disk.sequencer")

# --- the memory array ----------------------------------------------------------
RAM = 0x00000           # 48K main RAM, $0000-$BFFF
LC_BANK1 = 0x0C000      # language card $D000-$DFFF, bank 1
LC_BANK2 = 0x0D000      # language card $D000-$DFFF, bank 2
LC_HIGH = 0x0E000       # language card $E000-$FFFF
ROM = 0x10000           # system ROM image, $D000-$FFFF (12K)
SLOT_ROM = 0x13000      # $C000-$C7FF image: slot n's 256-byte ROM at + n * $100
SINK = 0x13800          # writes to ROM land here
DISK_MEM = 0x13900      # the Disk II's tracks and quarter-track maps (emu.disk.layout)
MEM_SIZE = DISK_MEM + DISK_MEM_SIZE

# --- timing ----------------------------------------------------------------------
CYCLES_PER_LINE = 65
LINES_PER_FRAME = 262
CYCLES_PER_FRAME = CYCLES_PER_LINE * LINES_PER_FRAME     # 17,030
CPU_HZ = 1_020_484      # 14.31818 MHz * 65 / 912: the II's average CPU clock
PADDLE_CYCLES_PER_UNIT = 11   # the 556 timer: about 11 us per paddle unit

# --- slots of the io array ----------------------------------------------------
KBD = 0            # keyboard latch: bit 7 = strobe (a key is waiting), bits 0-6 the key
VIDEO = 1          # TEXT | MIXED | PAGE2 | HIRES
ANNUNCIATORS = 2   # AN0-AN3 in bits 0-3
BUTTONS = 3        # push buttons PB0-PB2 in bits 0-2 (1 = pressed)
PADDLE0 = 4        # paddles 0-3: 4..7, each 0-255
PADDLE_TRIGGER = 8  # cycle of the last $C070 access
LC_READ_RAM = 9    # language card: read RAM at $D000-$FFFF (else ROM)
LC_WRITE = 10      # language card: writes reach its RAM
LC_BANK_2 = 11     # language card: $D000 bank 2 (else bank 1)
LC_PREWRITE = 12   # language card: the pre-write flip-flop (one odd read seen)
SPEAKER = 13       # speaker cone position, 0 or 1
SLOG_COUNT = 14    # speaker toggles logged this frame
VLOG_COUNT = 15    # video changes logged this frame
KEY_HEAD = 16      # typed-ahead keys: next to deliver
KEY_TAIL = 17      # ... one past the last queued
KEY_READY_AT = 18  # the next queued key may be latched from this cycle on
SLOTS_PRESENT = 19  # bit n: slot n has a card with a ROM
INTC8 = 20         # slot whose $C800-$CFFF ROM is selected (0: none)
IO_SIZE = 21

KEY_QUEUE = 4096       # capacity of the typed-ahead queue (a ring)
KEY_GAP = 2_000        # cycles between clearing the strobe and the next queued key
SLOG_SIZE = 32_768     # speaker toggles per frame at most (one per ~1 cycle is impossible)
VLOG_SIZE = 4_096      # video switch changes per frame at most

# Where the parts after the slots start in the io array.
PAGES = 32                          # the 512-entry page table
VLOG = PAGES + 512                  # (cycle, mode) pairs
SLOG = VLOG + 2 * VLOG_SIZE         # toggle cycles
KEYS = SLOG + SLOG_SIZE             # the key ring
DISK = KEYS + KEY_QUEUE             # the Disk II controller (emu.disk.layout)
STATE_SIZE = DISK + DISK_IO_SIZE


def new_memory() -> np.ndarray:
    """Machine memory at power-on: RAM cleared, empty ROM space reading $FF."""
    mem = np.zeros(MEM_SIZE, dtype=np.uint8)
    mem[ROM:ROM + 0x3000] = 0xFF
    return mem


def new_io() -> np.ndarray:
    """I/O state at power-on: text mode, language card reading ROM, bank 2.

    The language card starts write-enabled (as after the II+ autostart ROM's
    reset), so a loader can fill its RAM after two reads of $C081 either way.
    """
    io = np.zeros(STATE_SIZE, dtype=np.int64)
    io[VIDEO] = TEXT
    io[LC_BANK_2] = 1
    io[LC_WRITE] = 1
    io[PADDLE0:PADDLE0 + 4] = 128          # centred joystick
    io[PADDLE_TRIGGER] = -(1 << 40)
    controller.reset_controller(io, DISK, 0)
    return io


@njit(**jit_options())
def map_pages(io, pages) -> None:
    """Point the page table at RAM, ROM and the language card's current banks."""
    for page in range(0xC0):
        pages[page] = RAM + page * 256
        pages[256 + page] = RAM + page * 256
    for page in range(0xC0, 0xD0):          # I/O and slot ROMs: always the handlers
        pages[page] = -1
        pages[256 + page] = -1
    for page in range(0xD0, 0x100):
        if page < 0xE0:
            ram = (LC_BANK2 if io[LC_BANK_2] else LC_BANK1) + (page - 0xD0) * 256
        else:
            ram = LC_HIGH + (page - 0xE0) * 256
        pages[page] = ram if io[LC_READ_RAM] else ROM + (page - 0xD0) * 256
        pages[256 + page] = ram if io[LC_WRITE] else SINK


def page_table(io: np.ndarray) -> np.ndarray:
    """The page table inside ``io`` (a view), filled for the current banks."""
    pages = io[PAGES:PAGES + 512]
    map_pages(io, pages)
    return pages


# --- the floating bus ---------------------------------------------------------

@njit(**jit_options(inline=True))
def scanner_address(cyc, mode):
    """The address the video scanner reads during cycle ``cyc`` (Sather ch. 5).

    The horizontal counter runs $00, $40..$7F (65 states; $58-$7F are the 40
    visible bytes); the vertical counter $100-$1FF then $FA-$FF (262 lines).
    The low address bits come from the counters through a 4-bit adder,
    A6..A3 = %1101 + H5H4H3 + VB VA VB VA, which produces the screen's
    interleaved row order.
    """
    pos = cyc % CYCLES_PER_FRAME
    line = pos // CYCLES_PER_LINE
    h = pos % CYCLES_PER_LINE
    hcount = 0 if h == 0 else 0x3F + h
    v = line if line < 256 else 0xFA + (line - 256)
    vbva = (v >> 6) & 3
    total = (0b1101 + ((hcount >> 3) & 7) + (vbva << 2 | vbva)) & 0xF
    low = (hcount & 7) | (total << 3) | (((v >> 3) & 7) << 7)
    page2 = (mode & PAGE2) != 0
    text = (mode & TEXT) != 0 or ((mode & MIXED) != 0 and (v & 0xA0) == 0xA0)
    if (mode & HIRES) != 0 and not text:
        return low | ((v & 7) << 10) | (0x4000 if page2 else 0x2000)
    return low | (0x800 if page2 else 0x400)


@njit(**jit_options(inline=True))
def floating(io, mem, cyc):
    """What a read of a switch that drives no data returns: the scanner's byte."""
    return np.int64(mem[RAM + scanner_address(cyc, io[VIDEO])])


# --- soft switches ----------------------------------------------------------------

@njit(**jit_options(inline=True))
def set_video(io, mode, cyc):
    if mode != io[VIDEO]:
        io[VIDEO] = mode
        n = io[VLOG_COUNT]
        if n < VLOG_SIZE:
            io[VLOG + 2 * n] = cyc
            io[VLOG + 2 * n + 1] = mode
            io[VLOG_COUNT] = n + 1


@njit(**jit_options(inline=True))
def language_card(io, addr, write):
    """$C080-$C08F: bank, read source and the two-read write enable.

    Bit 3 picks bank 1 (set) or 2; bits 0-1 equal (00 or 11) read RAM, else
    ROM.  An even address write-protects and clears the pre-write flip-flop.
    An odd address read sets the flip-flop, and enables writing if it was set
    already (two reads in a row); an odd address write clears the flip-flop.
    """
    io[LC_BANK_2] = 0 if addr & 8 else 1
    io[LC_READ_RAM] = 1 if (addr & 1) == ((addr >> 1) & 1) else 0
    if not addr & 1:
        io[LC_PREWRITE] = 0
        io[LC_WRITE] = 0
    elif write:
        io[LC_PREWRITE] = 0
    else:
        if io[LC_PREWRITE]:
            io[LC_WRITE] = 1
        io[LC_PREWRITE] = 1
    map_pages(io, io[PAGES:PAGES + 512])


@njit(**jit_options(inline=True))
def switch(io, mem, addr, value, cyc, write):
    """Side effects of any access to $C000-$C0FF; returns the byte a read sees."""
    group = addr & 0xF0
    if group == io[DISK + GROUP]:           # the Disk II's slot: first, it is the busiest
        data = controller.access(io, mem, DISK_MEM, DISK, addr, value, cyc, write)
        return floating(io, mem, cyc) if data < 0 else data
    if group == 0x00:                       # $C000: keyboard data
        if io[KBD] < 0x80 and io[KEY_HEAD] < io[KEY_TAIL] and cyc >= io[KEY_READY_AT]:
            io[KBD] = io[KEYS + io[KEY_HEAD] % KEY_QUEUE] | 0x80
            io[KEY_HEAD] += 1
        return io[KBD]
    if group == 0x10:                       # $C010: clear the keyboard strobe
        if io[KBD] >= 0x80:
            io[KBD] &= 0x7F
            io[KEY_READY_AT] = cyc + KEY_GAP
        return floating(io, mem, cyc)
    if group == 0x30:                       # $C030: toggle the speaker
        io[SPEAKER] ^= 1
        n = io[SLOG_COUNT]
        if n < SLOG_SIZE:
            io[SLOG + n] = cyc
            io[SLOG_COUNT] = n + 1
        return floating(io, mem, cyc)
    if group == 0x50:                       # $C050-$C05F: video and annunciators
        # The scanner fetched its byte early in the cycle, before the switch
        # flipped: a read sees the old mode's byte.
        data = floating(io, mem, cyc)
        low = addr & 0x0F
        if low < 8:
            bit = (TEXT, MIXED, PAGE2, HIRES)[low >> 1]
            mode = io[VIDEO] | bit if low & 1 else io[VIDEO] & ~bit
            set_video(io, mode, cyc)
        else:
            bit = 1 << ((low - 8) >> 1)
            io[ANNUNCIATORS] = io[ANNUNCIATORS] | bit if low & 1 else io[ANNUNCIATORS] & ~bit
        return data
    if group == 0x60:                       # $C060-$C06F: cassette in, buttons, paddles
        low = addr & 7
        high = 0
        if 1 <= low <= 3:
            high = 0x80 if (io[BUTTONS] >> (low - 1)) & 1 else 0
        elif low >= 4:
            units = io[PADDLE0 + low - 4]
            if cyc - io[PADDLE_TRIGGER] < units * PADDLE_CYCLES_PER_UNIT:
                high = 0x80
        return high | (floating(io, mem, cyc) & 0x7F)
    if group == 0x70:                       # $C070: start the paddle timers
        io[PADDLE_TRIGGER] = cyc
        return floating(io, mem, cyc)
    if group == 0x80:                       # $C080-$C08F: the language card, slot 0
        language_card(io, addr, write)
        return floating(io, mem, cyc)
    return floating(io, mem, cyc)           # cassette out, strobe, empty slots


@njit(**jit_options(inline=True))
def slot_rom(io, mem, addr, cyc):
    """$C100-$CFFF: slot ROMs; $CFFF releases the $C800 expansion space."""
    page = (addr >> 8) & 0xF
    if page < 8:
        if (io[SLOTS_PRESENT] >> page) & 1:
            io[INTC8] = page
            return np.int64(mem[SLOT_ROM + (addr & 0x7FF)])
        return floating(io, mem, cyc)
    if addr == 0xCFFF:
        io[INTC8] = 0
    return floating(io, mem, cyc)            # no card here has expansion ROM yet


# The two hooks are not inlined into the core: they are its cold path, and
# inlining them at each of the core's hundreds of bus cycles would bloat it.
@njit(**jit_options())
def io_read(cpu, dev, addr, cyc):
    """The core's hook for a read of pages $C0-$CF."""
    if addr < 0:        # never true: a recursive function is one LLVM will not inline
        return io_read(cpu, dev, addr & 0xFFFF, cyc)
    io, mem = dev
    if addr < 0xC100:
        return switch(io, mem, addr, 0, cyc, False)
    return slot_rom(io, mem, addr, cyc)


@njit(**jit_options())
def io_write(cpu, dev, addr, v, cyc):
    """The core's hook for a write to pages $C0-$CF: switches react to writes too."""
    if addr < 0:        # never true: see io_read
        io_write(cpu, dev, addr & 0xFFFF, v, cyc)
        return
    io, mem = dev
    if addr < 0xC100:
        switch(io, mem, addr, v, cyc, True)
    else:
        slot_rom(io, mem, addr, cyc)
