"""The Apple II memory bus of every model: memory map, language card, IIe MMU, soft switches, slots.

This module is the "bus module" the generated CPU core calls for every access
to a page whose page-table entry is -1 (pages $C0-$CF).  Everything here is
jitted; the core never returns to Python for a soft switch.

All machine memory lives in one array, ``mem``, laid out as below.  The page
table ``pages`` (512 entries: 256 for reads, 256 for writes) maps each CPU page
to an offset in ``mem``, so the language card switches banks by rewriting 48
table entries, never by copying memory.  Above the machine's own memory,
``mem`` holds the slots' ROMs and each card kind's memory block (the Disk
II's track bits and quarter-track maps), and above all that, which save
states hold, the cards' media (the hard disk's images: ``SAVED_MEM``).

One bus serves every model (``emu.models``).  The IIe's 64K of aux memory is
one more block of ``mem``, laid out as main memory is, and its MMU is a
function from switch state to page-table entries: RAMRD and RAMWRT pick the
block of pages $02-$BF for reads and for writes, ALTZP that of pages $00-$01
and of the language card, and 80STORE hands pages $04-$07 (and with HIRES
$20-$3F) to PAGE2 instead.  Each switch recomputes only the pages it touches
(``map_zero_page``, ``map_main``, ``map_lc``).  ``io[IIE]`` says whether the
IIe's switches exist at all; on the II+ they are not there, and its bus does
exactly what it did before the IIe came.  Pages $C0-$CF always go to the
handlers below, which route $C100-$CFFF between the slots and the IIe's
internal ROM (INTCXROM, SLOTC3ROM, INTC8ROM).

The I/O state is one int64 array ``io``: the named slots below, then the page
table, two cycle-stamped logs that Python drains once per frame (video mode
changes ``vlog`` as (cycle, mode) pairs, speaker toggles ``slog``), the
typed-ahead key queue, the log of writes to the pages on display
(``wlog``, for the renderer; see "the display" below), the slot table, and
each card kind's registers (the Disk II controller's registers and track
table: ``emu.disk.layout``).  One array rather than several keeps the
core's calls into this module cheap: every array argument is seven values
LLVM must keep at hand across the whole run loop.

The slot table says which card sits in which slot (``emu.slots`` is the
list of cards and explains how to add one): for each slot its card kind,
where that kind's blocks are in ``io`` and ``mem``, what its $Cn00 page is
(a ROM, a handler, nothing) and whether it has a $C800 expansion ROM.
``card_io`` and ``card_page`` call each kind's jitted handlers.

References: Jim Sather, "Understanding the Apple II" (1983), chapters 5 (video
scanner and floating bus), 6 (soft switches), 7 (game port) and the Apple
Language Card manual; for the IIe, Jim Sather, "Understanding the Apple IIe"
(1985), ch. 5 (the MMU: its switches, the bank-switched RAM, the $Cxxx ROM
routing) and ch. 7 (the keyboard), and the Apple IIe Technical Reference
Manual (1985), ch. 4 (tables 4-5 to 4-7 of the memory switches, 4-6 and 4-8
of the status reads; the $C3XX and $CFFF rules of INTC8ROM).
"""
from __future__ import annotations

import numpy as np
from numba import njit

from . import jit_options
from .irq import IRQ_FROM, set_irq, update_irq  # noqa: F401 (the cards' IRQ line)
from .disk import controller, hdcontroller
from .mockingboard import card as mockingboard
from .slots import CARDS, CN00_HANDLER, DISK2, HARDDISK, MOCKINGBOARD
from .video.modes import ALTCHAR, AUX_RAM, COL80, DHIRES, HIRES, MIXED, PAGE2, STORE80, TEXT
from .video.scanner import (AUX_SHOWN, CYCLES_PER_FRAME, CYCLES_PER_LINE,  # noqa: F401
                            DISPLAY_PAGES,
                            LINES_PER_FRAME, displayed_pages, fetch_cycle, in_vbl,
                            scanner_address)
from .video.writelog import (LOGGED, SCREEN_START, WLOG_AT, WLOG_COUNT, WLOG_SIZE,  # noqa: F401
                             log_write)

# --- the memory array ----------------------------------------------------------
RAM = 0x00000           # 48K main RAM, $0000-$BFFF
LC_BANK1 = 0x0C000      # language card $D000-$DFFF, bank 1
LC_BANK2 = 0x0D000      # language card $D000-$DFFF, bank 2
LC_HIGH = 0x0E000       # language card $E000-$FFFF
AUX = AUX_RAM           # 0x10000: the IIe's aux 64K, laid out as the main 64K above
ROM_C000 = 0x20000      # system ROM image from $C000: the IIe's internal ROM at $C100-$CFFF
ROM = ROM_C000 + 0x1000  # ... and $D000-$FFFF (12K), every model's
SLOT_ROM = 0x24000      # $C000-$C7FF image: slot n's 256-byte ROM at + n * $100
SINK = 0x24800          # writes to ROM land here
EXPANSION_ROM = 0x24900  # slot n's 2 KiB $C800-$CFFF ROM at + n * $800
CARD_MEM = 0x28900      # each card kind's memory block (emu.slots.CARDS), in table order
                        # then (from SAVED_MEM) each kind's media, which save states leave out

# --- timing (the video scanner's lines and frames: emu.video.scanner) -----------
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
SLOTS_PRESENT = 19  # bit n: slot n has a $Cn00 ROM
INTC8 = 20         # slot whose $C800-$CFFF ROM is selected (0: none)
# IRQ_FROM = 21 (emu.irq): 21-28, the cycle from which slot n's card drives IRQ (-1: not)
IIE = 29           # 1: the IIe's MMU/IOU switches and ROM routing exist (emu.models)
RAMRD = 30         # IIe: $0200-$BFFF reads aux memory
RAMWRT = 31        # IIe: $0200-$BFFF writes aux memory
ALTZP = 32         # IIe: zero page, stack and language card in aux memory
INTCXROM = 33      # IIe: $C100-$CFFF is the internal ROM
SLOTC3ROM = 34     # IIe: $C300-$C3FF is slot 3's, not the internal ROM
INTC8ROM = 35      # IIe: $C800-$CFFF is the internal ROM (set through $C3XX, reset by $CFFF)
KEYS_DOWN = 36     # IIe: keys held down on the host's keyboard (any-key-down, $C010 bit 7)
# LOGGED, WLOG_COUNT, SCREEN_START, WLOG_AT = 37-40 (emu.video.writelog): the log of
# writes to the pages on display
IO_SIZE = 41

KEY_QUEUE = 4096       # capacity of the typed-ahead queue (a ring)
KEY_GAP = 2_000        # cycles between clearing the strobe and the next queued key
SLOG_SIZE = 32_768     # speaker toggles per frame at most (one per ~1 cycle is impossible)
VLOG_SIZE = 4_096      # video switch changes per frame at most

# Where the parts after the slots start in the io array.
PAGES = 64                          # the 512-entry page table
VLOG = PAGES + 512                  # (cycle, mode) pairs
SLOG = VLOG + 2 * VLOG_SIZE         # toggle cycles
KEYS = SLOG + SLOG_SIZE             # the key ring
WLOG = KEYS + KEY_QUEUE             # the log of writes to the pages on display (WLOG_SIZE pairs)
SLOT_TABLE = WLOG + 2 * WLOG_SIZE   # the slot table: SLOT_FIELDS values for slots 0-7
CARD_IO = SLOT_TABLE + 8 * 8        # each card kind's registers, in table order

# --- the slot table: slot n's row is at SLOT_TABLE + n * SLOT_FIELDS ------------
KIND = 0           # the card's kind (emu.slots; 0: the slot is empty)
REGS = 1           # where its registers start in io
BASE = 2           # where its memory block starts in mem
CN00 = 3           # what its $Cn00 page is: emu.slots.CN00_*
HAS_C800 = 4       # 1: it has a $C800-$CFFF expansion ROM
SLOT_FIELDS = 8


def _blocks(start: int, size: str) -> dict[int, int]:
    """Each card kind's block, laid out one after another from ``start``."""
    at, blocks = start, {}
    for card in CARDS:
        blocks[card.kind] = at
        at += getattr(card, size)
    blocks[-1] = at                     # the end
    return blocks


IO_BLOCKS = _blocks(CARD_IO, "io_size")     # kind -> its registers' offset in io
MEM_BLOCKS = _blocks(CARD_MEM, "mem_size")  # kind -> its memory block's offset in mem
DISK = IO_BLOCKS[DISK2]             # the Disk II controller (emu.disk.layout)
DISK_MEM = MEM_BLOCKS[DISK2]        # the Disk II's tracks and quarter-track maps
STATE_SIZE = IO_BLOCKS[-1]
SAVED_MEM = MEM_BLOCKS[-1]          # save states hold mem up to here...
MEDIA_BLOCKS = _blocks(SAVED_MEM, "media_size")     # ...and not the cards' media
MEM_SIZE = MEDIA_BLOCKS[-1]


def new_memory() -> np.ndarray:
    """Machine memory at power-on: RAM cleared, empty ROM space reading $FF.

    np.zeros takes its pages from the system as they are first written, so
    the media's room costs nothing until an image fills some of it.
    """
    mem = np.zeros(MEM_SIZE, dtype=np.uint8)
    mem[ROM_C000:ROM + 0x3000] = 0xFF
    return mem


def new_io(iie: bool = False) -> np.ndarray:
    """I/O state at power-on: text mode, language card reading ROM, bank 2.

    The language card starts write-enabled (as after the II+ autostart ROM's
    reset), so a loader can fill its RAM after two reads of $C081 either way.
    ``iie``: the machine has the IIe's MMU and IOU switches, all off.
    """
    io = np.zeros(STATE_SIZE, dtype=np.int64)
    io[VIDEO] = TEXT
    io[LC_BANK_2] = 1
    io[LC_WRITE] = 1
    io[IIE] = int(iie)
    if iie:
        io[VIDEO] |= DHIRES                 # AN3 is off at power-on: DHIRES on
    io[PADDLE0:PADDLE0 + 4] = 128          # centred joystick
    io[PADDLE_TRIGGER] = -(1 << 40)
    io[IRQ_FROM:IRQ_FROM + 8] = -1
    io[LOGGED] = displayed_pages(io[VIDEO])
    io[SCREEN_START] = fetch_cycle(0, 0, 0)
    io[WLOG_AT] = WLOG
    controller.reset_controller(io, DISK, 0)
    return io


# --- the page table: the MMU as a function from switch state to pages ------------

@njit(**jit_options(inline=True))
def main_page(io, page, write):
    """Where CPU page ``page`` ($02-$BF) is written (``write``) or read, as an offset in mem.

    RAMWRT (writes) or RAMRD (reads) picks aux or main memory; with 80STORE
    on, PAGE2 picks them instead for the text page $0400-$07FF, and with
    HIRES on too for the hi-res page $2000-$3FFF (Sather, "Understanding the
    Apple IIe", ch. 5; IIe Technical Reference Manual, table 4-5).
    """
    mode = io[VIDEO]
    if (mode & STORE80) != 0 and (4 <= page < 8 or ((mode & HIRES) != 0 and 0x20 <= page < 0x40)):
        aux = (mode & PAGE2) != 0
    else:
        aux = io[RAMWRT] != 0 if write else io[RAMRD] != 0
    return (AUX if aux else RAM) + page * 256


@njit(**jit_options())
def map_main(io, pages, first, end) -> None:
    """Pages ``first`` to ``end - 1`` of $02-$BF, for reads and writes.

    Writes to the pages of main memory on display are logged (``log_writes``).
    """
    for page in range(first, end):
        pages[page] = main_page(io, page, False)
        pages[256 + page] = main_page(io, page, True)
    log_writes(io, pages, io[LOGGED])


@njit(**jit_options())
def map_zero_page(io, pages) -> None:
    """Zero page and the stack: aux memory's with ALTZP on."""
    base = AUX if io[ALTZP] else RAM
    for page in range(2):
        pages[page] = base + page * 256
        pages[256 + page] = base + page * 256


@njit(**jit_options())
def map_lc(io, pages) -> None:
    """$D000-$FFFF: ROM, or the language card's RAM (aux memory's with ALTZP on) and banks."""
    base = AUX if io[ALTZP] else RAM
    for page in range(0xD0, 0x100):
        if page < 0xE0:
            ram = base + (LC_BANK2 if io[LC_BANK_2] else LC_BANK1) + (page - 0xD0) * 256
        else:
            ram = base + LC_HIGH + (page - 0xE0) * 256
        pages[page] = ram if io[LC_READ_RAM] else ROM + (page - 0xD0) * 256
        pages[256 + page] = ram if io[LC_WRITE] else SINK


@njit(**jit_options())
def map_slot_pages(io, pages) -> None:
    """$C100-$C7FF read: a slot whose $Cn00 page is a plain ROM that claims no expansion
    ROM, and that the IIe's internal ROM does not cover, reads straight from it (a boot
    ROM's code runs without a call per fetch); every other read, and every write, goes
    to ``slot_rom``, which keeps the side effects (INTC8, INTC8ROM, card handlers)."""
    iie = io[IIE] != 0
    for slot in range(1, 8):
        row = SLOT_TABLE + slot * SLOT_FIELDS
        plain = ((io[SLOTS_PRESENT] >> slot) & 1 and io[row + CN00] != CN00_HANDLER
                 and not io[row + HAS_C800]
                 and not (iie and (io[INTCXROM] or (slot == 3 and not io[SLOTC3ROM]))))
        pages[0xC0 + slot] = SLOT_ROM + slot * 256 if plain else -1


@njit(**jit_options())
def map_pages(io, pages) -> None:
    """The whole page table from the switches: RAM, ROM, the language card, the MMU."""
    map_zero_page(io, pages)
    map_main(io, pages, 2, 0xC0)
    for page in range(0xC0, 0xD0):          # I/O and slot ROMs: the handlers,
        pages[page] = -1
        pages[256 + page] = -1
    map_slot_pages(io, pages)               # but plain slot ROMs read directly
    map_lc(io, pages)


# --- the display --------------------------------------------------------------
# The renderer draws a frame once it has ended, from memory as it is then.
# For each byte of the picture that is the byte the scanner fetched, unless
# the CPU wrote it after the beam passed.  So a write to a page that may be
# on display is logged with its cycle and the value it replaced: its
# page-table entry is -2 - offset (the core's ``wr`` sends such writes to
# logged_write, inlined, and any other negative entry still means I/O).
# Which pages: those shown by the mode the frame began in, and by every
# mode it changed to (a page once fetched stays logged to the frame's end).
# Other writes, to the hidden page of a program that flips pages too, take
# the page table's fast path.  A 40-column picture is main memory's (on a
# IIe too), so a CPU page that the IIe's MMU sends to aux memory is logged
# only while a mode that fetches aux memory too (80 columns, double lo-res
# and hi-res: AUX_SHOWN) is or was on in the frame; ``map_main`` marks the
# pages again whenever it maps them.

DISPLAY_FIRST, DISPLAY_END = int(DISPLAY_PAGES.min()), int(DISPLAY_PAGES.max())   # $04-$5F


@njit(**jit_options(inline=True))
def log_writes(io, pages, groups):
    """Log the writes to main memory's pages of ``groups`` (bits of DISPLAY_PAGES) from now on,
    and to aux memory's too with AUX_SHOWN."""
    aux = (groups & AUX_SHOWN) != 0
    for g in range(DISPLAY_PAGES.shape[0]):
        if (groups >> g) & 1:
            for page in range(DISPLAY_PAGES[g, 0], DISPLAY_PAGES[g, 1]):
                off = pages[256 + page]
                if RAM <= off < RAM + 0xC000 or (aux and AUX <= off < AUX + 0xC000):
                    pages[256 + page] = -2 - off


@njit(**jit_options(inline=True))
def logged_write(dev, mem, at, v, cyc):
    """The core's write to ``mem[at]``, on a page that may be on display: logged
    (``emu.video.writelog``)."""
    log_write(dev[0], mem, at, v, cyc)


@njit(**jit_options())
def start_frame(io, frame_start) -> None:
    """At the start of the frame that begins on cycle ``frame_start``: empty the logs;
    log the writes to the pages now on display only."""
    io[VLOG_COUNT] = 0
    io[WLOG_COUNT] = 0
    io[SLOG_COUNT] = 0
    io[SCREEN_START] = fetch_cycle(frame_start, 0, 0)
    groups = displayed_pages(io[VIDEO])
    if io[LOGGED] != groups:
        io[LOGGED] = groups
        map_main(io, io[PAGES:PAGES + 512], DISPLAY_FIRST, DISPLAY_END)


def reset_mmu(io: np.ndarray, cyc: int = 0) -> None:
    """RESET on a IIe, on cycle ``cyc``: the MMU's and IOU's switches go off, the language
    card reads ROM.

    The documented reset state (IIe Technical Reference Manual, ch. 4;
    Sather, "Understanding the Apple IIe", ch. 5): RAMRD, RAMWRT, ALTZP,
    80STORE, INTCXROM, SLOTC3ROM, INTC8ROM, 80COL and ALTCHARSET off; the
    bank-switched RAM reading ROM and writing RAM, bank 2.  The other video
    switches and the annunciators are the firmware's to set.
    """
    if not io[IIE]:
        return
    for switch in (RAMRD, RAMWRT, ALTZP, INTCXROM, SLOTC3ROM, INTC8ROM, LC_READ_RAM,
                   LC_PREWRITE):
        io[switch] = 0
    io[LC_BANK_2] = 1
    io[LC_WRITE] = 1
    io[INTC8] = 0
    set_video(io, io[VIDEO] & ~(STORE80 | COL80 | ALTCHAR), cyc)   # logged for the picture
    map_pages(io, io[PAGES:PAGES + 512])


def plug(io: np.ndarray, mem: np.ndarray, slot: int, card, rom: bytes | None = None,
         c800_rom: bytes | None = None) -> None:
    """Fill slot ``slot``'s row of the slot table for ``card`` (an ``emu.slots.Card``).

    ``rom`` (256 bytes) goes to $Cn00, ``c800_rom`` (2 KiB) to the slot's
    expansion ROM.  The card's own registers are its Python class's to set.
    """
    row = SLOT_TABLE + slot * SLOT_FIELDS
    fill_slot_row(io[row:row + SLOT_FIELDS], card, c800_rom is not None)
    if rom is not None:
        mem[SLOT_ROM + slot * 256:SLOT_ROM + slot * 256 + 256] = np.frombuffer(rom, np.uint8)
        io[SLOTS_PRESENT] |= 1 << slot
    if c800_rom is not None:
        at = EXPANSION_ROM + slot * 0x800
        mem[at:at + 0x800] = np.frombuffer(c800_rom, np.uint8)
    map_slot_pages(io, io[PAGES:PAGES + 512])


def fill_slot_row(row: np.ndarray, card, has_c800: bool) -> None:
    """One slot's row of the slot table (SLOT_FIELDS values) for ``card``."""
    row[:] = 0
    row[KIND] = card.kind
    row[REGS] = IO_BLOCKS[card.kind]
    row[BASE] = MEM_BLOCKS[card.kind]
    row[CN00] = card.cn00
    row[HAS_C800] = int(has_c800)


def slot_kind(io: np.ndarray, slot: int) -> int:
    """The kind of card in ``slot`` (emu.slots; 0: empty)."""
    return int(io[SLOT_TABLE + slot * SLOT_FIELDS + KIND])


def page_table(io: np.ndarray) -> np.ndarray:
    """The page table inside ``io`` (a view), filled for the current banks."""
    pages = io[PAGES:PAGES + 512]
    map_pages(io, pages)
    return pages


# --- the floating bus (the scanner is emu.video.scanner) ---------------------

@njit(**jit_options(inline=True))
def floating(io, mem, cyc):
    """What a read of a switch that drives no data returns: the scanner's byte."""
    return np.int64(mem[RAM + scanner_address(cyc, io[VIDEO], io[IIE] != 0)])


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
        groups = io[LOGGED] | displayed_pages(mode)
        if groups != io[LOGGED]:
            io[LOGGED] = groups
            log_writes(io, io[PAGES:PAGES + 512], groups)


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
    map_lc(io, io[PAGES:PAGES + 512])


# --- slot cards -------------------------------------------------------------------

@njit(**jit_options(inline=True))
def card_io(cpu, io, mem, kind, regs, base, addr, value, cyc, write):
    """$C0n0-$C0nF of a card of ``kind``; returns what a read sees (-1: nothing)."""
    if kind == DISK2:
        return controller.access(io, mem, base, regs, addr, value, cyc, write)
    if kind == HARDDISK:
        return hdcontroller.access(io, mem, base, regs, addr, value, cyc, write)
    return np.int64(-1)


@njit(**jit_options(inline=True))
def card_page(cpu, io, mem, kind, regs, base, addr, value, cyc, write):
    """$Cn00-$CnFF of a card of ``kind`` whose page is a handler (emu.slots.CN00_HANDLER)."""
    if kind == MOCKINGBOARD:
        return mockingboard.access(cpu, io, regs, addr, value, cyc, write)
    if kind == HARDDISK:
        return hdcontroller.page(io, mem, base, regs, addr, value, cyc, write)
    return np.int64(-1)


# --- the IIe's MMU and IOU switches ---------------------------------------------

# $C000-$C00F written: (io slot or video bit, pages to remap) by (addr >> 1) & 7;
# the even address turns the switch off, the odd one on (IIe Technical
# Reference Manual, table 4-5; Sather, "Understanding the Apple IIe", table 5.4).
_MMU_SLOT = np.array([0, RAMRD, RAMWRT, INTCXROM, ALTZP, SLOTC3ROM, 0, 0], dtype=np.int64)
_MMU_VIDEO = np.array([STORE80, 0, 0, 0, 0, 0, COL80, ALTCHAR], dtype=np.int64)


@njit(**jit_options())
def store80_pages(io) -> None:
    """The pages 80STORE routes: the text page, and the hi-res page 1."""
    pages = io[PAGES:PAGES + 512]
    map_main(io, pages, 4, 8)
    map_main(io, pages, 0x20, 0x40)


@njit(**jit_options())
def iie_switch(io, addr, cyc) -> None:
    """A write to $C000-$C00F: 80STORE, RAMRD, RAMWRT, INTCXROM, ALTZP, SLOTC3ROM, 80COL, ALTCHARSET."""
    which = (addr >> 1) & 7
    on = addr & 1
    bit = _MMU_VIDEO[which]
    if bit:
        set_video(io, io[VIDEO] | bit if on else io[VIDEO] & ~bit, cyc)
        if bit == STORE80:
            store80_pages(io)
        return
    slot = _MMU_SLOT[which]
    if io[slot] == on:
        return
    io[slot] = on
    pages = io[PAGES:PAGES + 512]
    if slot == RAMRD or slot == RAMWRT:
        map_main(io, pages, 2, 0xC0)
    elif slot == INTCXROM or slot == SLOTC3ROM:
        map_slot_pages(io, pages)
    elif slot == ALTZP:
        map_zero_page(io, pages)
        map_lc(io, pages)


# $C011-$C01F read: bit 7 is a switch's state (IIe Technical Reference Manual,
# table 4-6 and 4-8); by addr & 0xF, an io slot (> 0), a video bit (< 0: -bit),
# or 0 for $C019, RDVBLBAR.
_STATUS = np.array([0, LC_BANK_2, LC_READ_RAM, RAMRD, RAMWRT, INTCXROM, ALTZP, SLOTC3ROM,
                    -STORE80, 0, -TEXT, -MIXED, -PAGE2, -HIRES, -ALTCHAR, -COL80], dtype=np.int64)


@njit(**jit_options())
def iie_status(io, addr, cyc):
    """A read of $C011-$C01F: the state in bit 7, the keyboard's last key in bits 0-6.

    The low bits are the keyboard data, as on a $C000 read: the IIe puts
    the keyboard ROM's output on D0-D6 for reads of $C000-$C01F (Sather,
    "Understanding the Apple IIe", ch. 7).  RDVBLBAR ($C019) reads 1 during
    the 192 visible lines and 0 during vertical blanking (lines 192-261), the
    IIe's polarity (the IIc's is the other way round).
    """
    what = _STATUS[addr & 0xF]
    if what > 0:
        on = io[what] != 0
    elif what < 0:
        on = (io[VIDEO] & -what) != 0
    else:
        on = not in_vbl(cyc)
    return (io[KBD] & 0x7F) | (0x80 if on else 0)


@njit(**jit_options(inline=True))
def switch(cpu, io, mem, addr, value, cyc, write):
    """Side effects of any access to $C000-$C0FF; returns the byte a read sees."""
    if addr >= 0xC090:                      # slots 1-7: first, the Disk II is the busiest
        row = SLOT_TABLE + ((addr >> 4) & 7) * SLOT_FIELDS
        data = card_io(cpu, io, mem, io[row + KIND], io[row + REGS], io[row + BASE],
                       addr, value, cyc, write)
        return floating(io, mem, cyc) if data < 0 else data
    group = addr & 0xF0
    if group == 0x00:                       # $C000: keyboard data
        if write and io[IIE]:               # IIe: $C000-$C00F written are the MMU's switches
            iie_switch(io, addr, cyc)
            return floating(io, mem, cyc)
        if io[KBD] < 0x80 and io[KEY_HEAD] < io[KEY_TAIL] and cyc >= io[KEY_READY_AT]:
            io[KBD] = io[KEYS + io[KEY_HEAD] % KEY_QUEUE] | 0x80
            io[KEY_HEAD] += 1
        return io[KBD]
    if group == 0x10:                       # $C010: clear the keyboard strobe
        if io[IIE] and not write and addr != 0xC010:
            return iie_status(io, addr, cyc)
        data = floating(io, mem, cyc)
        if io[IIE]:                         # IIe $C010: any key down, and the key
            data = (io[KBD] & 0x7F) | (0x80 if io[KEYS_DOWN] > 0 or io[KBD] >= 0x80 else 0)
        if io[KBD] >= 0x80:
            io[KBD] &= 0x7F
            io[KEY_READY_AT] = cyc + KEY_GAP
        return data
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
            if io[IIE] and low >= 4 and (io[VIDEO] & STORE80) != 0:
                store80_pages(io)           # 80STORE: PAGE2 and HIRES route memory
        else:
            bit = 1 << ((low - 8) >> 1)
            io[ANNUNCIATORS] = io[ANNUNCIATORS] | bit if low & 1 else io[ANNUNCIATORS] & ~bit
            if io[IIE] and low >= 0xE:      # IIe: AN3 off is DHIRES on
                set_video(io, io[VIDEO] & ~DHIRES if low & 1 else io[VIDEO] | DHIRES, cyc)
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
    return floating(io, mem, cyc)           # cassette out, strobe


@njit(**jit_options())
def internal_rom(io, addr, page):
    """IIe: whether the internal ROM answers this access to $C100-$CFFF, not a slot.

    INTCXROM on: all of it.  Otherwise $C3XX when SLOTC3ROM is off, and then
    the access also sets INTC8ROM, which gives $C800-$CFFF to the internal
    ROM until an access to $CFFF resets it (IIe Technical Reference Manual,
    ch. 4 and 6; Sather, "Understanding the Apple IIe", ch. 5).  $CFFF also
    releases every slot's claim on $C800, as on the II+.
    """
    if page == 3 and not io[SLOTC3ROM]:
        io[INTC8ROM] = 1
    if addr == 0xCFFF:
        io[INTC8ROM] = 0
        io[INTC8] = 0
    return (io[INTCXROM] != 0 or (page == 3 and not io[SLOTC3ROM])
            or (page >= 8 and io[INTC8ROM] != 0))


@njit(**jit_options(inline=True))
def slot_rom(cpu, io, mem, addr, value, cyc, write):
    """$C100-$CFFF: each slot's $Cn00 page, and the $C800 expansion ROM.

    Touching slot n's page claims $C800-$CFFF for its expansion ROM, if it
    has one; any access to $CFFF releases it (and reads the floating bus:
    the release cuts the ROM off within that cycle).
    """
    page = (addr >> 8) & 0xF
    if io[IIE] and internal_rom(io, addr, page):
        return np.int64(mem[ROM_C000 + (addr & 0xFFF)])
    if page < 8:
        row = SLOT_TABLE + page * SLOT_FIELDS
        if io[row + HAS_C800]:
            io[INTC8] = page
        if io[row + CN00] == CN00_HANDLER:
            data = card_page(cpu, io, mem, io[row + KIND], io[row + REGS], io[row + BASE],
                             addr, value, cyc, write)
            return floating(io, mem, cyc) if data < 0 else data
        if (io[SLOTS_PRESENT] >> page) & 1:
            return np.int64(mem[SLOT_ROM + (addr & 0x7FF)])
        return floating(io, mem, cyc)
    if addr == 0xCFFF:
        io[INTC8] = 0
    elif io[INTC8] != 0:
        return np.int64(mem[EXPANSION_ROM + io[INTC8] * 0x800 + (addr & 0x7FF)])
    return floating(io, mem, cyc)


# The two hooks are not inlined into the core: they are its cold path, and
# inlining them at each of the core's hundreds of bus cycles would bloat it.
@njit(**jit_options())
def io_read(cpu, dev, addr, cyc):
    """The core's hook for a read of pages $C0-$CF."""
    if addr < 0:        # never true: a recursive function is one LLVM will not inline
        return io_read(cpu, dev, addr & 0xFFFF, cyc)
    io, mem = dev
    if addr < 0xC100:
        return switch(cpu, io, mem, addr, 0, cyc, False)
    return slot_rom(cpu, io, mem, addr, 0, cyc, False)


@njit(**jit_options())
def io_write(cpu, dev, addr, v, cyc):
    """The core's hook for a write to pages $C0-$CF: switches react to writes too."""
    if addr < 0:        # never true: see io_read
        io_write(cpu, dev, addr & 0xFFFF, v, cyc)
        return
    io, mem = dev
    if addr < 0xC100:
        switch(cpu, io, mem, addr, v, cyc, True)
    else:
        slot_rom(cpu, io, mem, addr, v, cyc, True)
