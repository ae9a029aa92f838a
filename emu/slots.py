"""The slot-card table: which cards exist, and what each puts on the bus.

An Apple II+ has seven peripheral slots.  The card in slot n (1-7) answers
three address ranges (Apple II Reference Manual, ch. 5; Sather, ch. 5):

* ``$C0n0-$C0nF`` + $80 (DEVICE SELECT'): 16 I/O addresses, ``$C0E0`` for
  slot 6;
* ``$Cn00-$CnFF`` (I/O SELECT'): 256 bytes, usually the card's boot ROM,
  but any device may sit there (the Mockingboard's two 6522s do);
* ``$C800-$CFFF`` (I/O STROBE'): a 2 KiB expansion ROM shared by all slots.
  A card's flip-flop claims it when the CPU touches the card's $Cn00 page,
  and every card lets go on an access to ``$CFFF``.

:data:`CARDS` below is the one list of the cards this emulator has, a row
per card, and the bus's slot table (``emu.bus``, in the ``io`` array) says
which card sits in which slot.  ``Apple2(slots={4: "mockingboard", 6:
"disk2"})`` and ``apple2 run --slot N=CARD`` fill that table; a slot left
out is empty ("none").

How a new card is added:

1. A row in :data:`CARDS`: its name, a new ``kind`` number, how many int64
   registers it keeps in ``io`` and bytes in ``mem`` (``emu.bus`` gives each
   card kind a block of each, laid out from this table, so a save state
   carries them), whether ``$Cn00`` is a ROM file (in ``roms/``, 256 bytes)
   or a handler, its ``$C800`` ROM file if it has one, and the Python class
   the machine builds for it (``"package.module:Class"``).  A card whose
   media are too big for every save state (the hard disk's images) asks
   for ``media_size`` bytes of ``mem`` more: ``emu.bus`` puts them above
   all that save states hold, and the card saves what it needs of them.
2. Its jitted handlers, in a module of their own: ``access(io, mem, base,
   regs, addr, value, cyc, write)`` for ``$C0n0-$C0nF``, returning the byte
   a read sees (-1: nothing drives the bus, so the floating bus), and if
   ``$Cn00`` is a handler, one for ``$Cn00-$CnFF`` of the same form.  ``regs``
   and ``base`` are the offsets of its blocks in ``io`` and ``mem``.  A card
   that interrupts gets the CPU state array ``cpu`` too and raises its IRQ
   through ``emu.irq.set_irq``.
3. One branch per handler in ``emu.bus.card_io`` (and ``emu.bus.card_page``)
   calling them for the new ``kind``.  (The core inlines the bus, and so the
   card; the bus importing the module is enough for a change to it to
   recompile the core: ``emu.jitcache``.)
4. The Python class: ``Class(io, mem, slot)`` sets its registers to their
   power-on state; it may have ``reset(cycle)`` (the Apple's RESET line; a
   card that interrupts sets ``io[emu.irq.IRQ_FROM + slot] = -1`` there),
   ``end_frame(start, end)`` (called after every frame, e.g. to turn the
   frame's events into sound), ``peek(address, cycle)`` (what its $Cn00
   handler would return, without side effects, for debuggers), ``listen``
   (a sound card: ``emu.audio.Mixer`` hands it a ``BandLimit``),
   ``close() -> list[str]`` (when the machine closes: write files back,
   return errors), and ``state_arrays() -> dict`` with
   ``restore_state(arrays) -> list[str]`` (what a save state holds for it
   besides its io and mem blocks, and putting that back after a load;
   returns notes for the user; the hard disk's ``emu.disk.harddisk``).
   ``emu.mockingboard.card`` is a complete example.

The CPU core and the machine's run loop never change for a new card.
"""
from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from .disk.hdlayout import HD_IO_SIZE, HD_MEDIA_SIZE, HD_MEM_SIZE
from .disk.layout import DISK_IO_SIZE, DISK_MEM_SIZE
from .mockingboard.layout import MOCKINGBOARD_IO_SIZE

ROMS = Path(__file__).resolve().parents[1] / "roms"

# What a card's $Cn00-$CnFF page is.
CN00_NONE = 0        # nothing answers there (the floating bus)
CN00_ROM = 1         # a 256-byte ROM
CN00_HANDLER = 2     # a device: its jitted handler answers every access

# The card kinds, as the bus's slot table numbers them (0: an empty slot).
EMPTY = 0
DISK2 = 1
MOCKINGBOARD = 2
HARDDISK = 3


class Card(NamedTuple):
    """One row of the card table."""

    name: str               # as --slot N=NAME and Apple2(slots=...) say it
    kind: int               # its number in the bus's slot table
    description: str
    io_size: int            # int64 registers in the io array
    mem_size: int           # bytes in the mem array
    cn00: int               # CN00_NONE, CN00_ROM or CN00_HANDLER
    rom: str | None         # roms/ file of the $Cn00 ROM (256 bytes), with CN00_ROM
    c800_rom: str | None    # roms/ file of the $C800-$CFFF expansion ROM (2 KiB), if any
    python: str             # "module:Class", built as Class(io, mem, slot)
    media_size: int = 0     # bytes of mem above what save states hold (see the docstring)


CARDS = (
    Card("disk2", DISK2, "Disk II controller, two drives (.dsk .do .po .nib .woz)",
         DISK_IO_SIZE, DISK_MEM_SIZE, CN00_ROM, "disk2.rom", None, "emu.disk.card:DiskII"),
    Card("mockingboard", MOCKINGBOARD, "Mockingboard A/C: two 6522s and two AY-3-8910s, "
         "stereo, on IRQ", MOCKINGBOARD_IO_SIZE, 0, CN00_HANDLER, None, None,
         "emu.mockingboard.card:Mockingboard"),
    Card("harddisk", HARDDISK, "ProDOS hard-disk card with SmartPort, two units "
         "(.po .hdv .2mg, up to 32 MB)", HD_IO_SIZE, HD_MEM_SIZE, CN00_HANDLER, None, None,
         "emu.disk.harddisk:HardDiskCard", HD_MEDIA_SIZE),
)

BY_NAME = {card.name: card for card in CARDS}
BY_KIND = {card.kind: card for card in CARDS}
NONE = "none"                       # the name of an empty slot
SLOTS = range(1, 8)


class CardError(ValueError):
    """A card that cannot be put in: unknown, its slot taken, its ROM file bad."""


def card_named(name: str | None) -> Card | None:
    """The row for ``name`` (None or "none": an empty slot); ValueError if unknown."""
    if name is None or name.lower() == NONE:
        return None
    card = BY_NAME.get(name.lower())
    if card is None:
        raise CardError(f"no card named {name!r}; the cards are: "
                         + ", ".join([c.name for c in CARDS] + [NONE]))
    return card


def parse_slot(text: str) -> tuple[int, str | None]:
    """``"N=CARD"`` (as --slot takes it) as (slot, card name or None); ValueError if bad."""
    slot, sep, name = text.partition("=")
    if not sep or not slot.strip().isdigit() or int(slot) not in SLOTS:
        raise CardError(f"{text!r}: expected N=CARD with a slot 1-7, e.g. 4=mockingboard "
                         "or 4=none")
    card = card_named(name.strip())
    return int(slot), card.name if card else None


def read_rom(card: Card, name: str, size: int) -> bytes:
    """The bytes of one of ``card``'s ROM files in roms/; CardError if missing or bad."""
    path = ROMS / name
    try:
        data = path.read_bytes()
    except OSError as e:
        raise CardError(f"{path}: cannot read the {card.name} card's ROM "
                        f"({e.strerror or e})") from None
    if len(data) != size:
        raise CardError(f"{path}: {len(data)} bytes; the {card.name} card's ROM is {size}")
    return data


__all__ = ["CARDS", "Card", "CardError", "card_named", "parse_slot", "read_rom"]
