"""The machines emulated, as one table of facts: the Apple II+, the Apple IIe and the enhanced IIe.

One bus (``emu.bus``) serves them all; a model is a row below, and the
machine, the bus, the ROM loader, the command line and the tests read it:

* ``cpu``: the NMOS 6502, or the 65C02 of the enhanced IIe;
* ``rom_size``: the system ROM image, 12 KiB of $D000-$FFFF on the II+,
  16 KiB of $C000-$FFFF on the IIe, whose $C100-$CFFF is its internal ROM
  (the 80-column firmware, the self test) behind the INTCXROM and SLOTC3ROM
  switches; ``firmware``: our own build of it in roms/;
* ``aux``: the IIe's second 64K (aux RAM, its own zero page, stack and
  language card), reached through the MMU switches RAMRD, RAMWRT, ALTZP and
  80STORE; without it the machine has 48K plus the 16K language card;
* ``iie_switches``: the IIe's MMU and IOU soft switches ($C000-$C00F
  written, $C011-$C01F read, AN3 as DHIRES) and the $C1-$CF ROM routing;
* ``video``: what the video can show, ``keyboard``: what the keyboard types
  (the II+ has upper case only; the IIe lower case, two Apple keys, four
  arrows and Delete).

References: the Apple IIe Technical Reference Manual (1985), ch. 1 and 4;
Jim Sather, "Understanding the Apple IIe" (1985), ch. 5 (the MMU) and 7 (the
keyboard); Apple II Miscellaneous Technical Note #2 (the ID bytes).
"""
from __future__ import annotations

from typing import NamedTuple


class Model(NamedTuple):
    """One row of the model table."""

    name: str                  # as Apple2(model=...) and --model say it
    title: str                 # for people: the window title, messages
    cpu: str                   # "6502" or "65c02"
    rom_size: int              # bytes of the system ROM image
    rom_start: int             # the address of its first byte
    firmware: str              # our own ROM image, in roms/
    aux: bool                  # 64K of aux RAM behind the IIe's MMU
    iie_switches: bool         # the IIe's MMU/IOU switches and $C1-$CF ROM routing
    video: tuple[str, ...]     # the video modes it has
    keyboard: str              # "upper" (II+) or "iie" (lower case, Apple keys, 4 arrows, Delete)
    id_bytes: dict[int, int]   # Misc. Technical Note #2: what $FBB3, $FBC0 hold


II_VIDEO = ("text40", "lores", "hires", "mixed")
IIE_VIDEO = II_VIDEO + ("text80", "double-lores", "double-hires", "altcharset")

MODELS: dict[str, Model] = {m.name: m for m in (
    Model("ii+", "Apple II+", "6502", 0x3000, 0xD000, "apple2.rom", False, False,
          II_VIDEO, "upper", {0xFBB3: 0xEA, 0xFBC0: 0xEA}),
    Model("iie", "Apple IIe", "6502", 0x4000, 0xC000, "apple2e.rom", True, True,
          IIE_VIDEO, "iie", {0xFBB3: 0x06, 0xFBC0: 0xEA}),
    Model("iie-enh", "Apple IIe (enhanced)", "65c02", 0x4000, 0xC000, "apple2ee.rom", True,
          True, IIE_VIDEO, "iie", {0xFBB3: 0x06, 0xFBC0: 0xE0}),
)}
DEFAULT = "ii+"
NAMES = tuple(MODELS)


def model_named(name: str) -> Model:
    """The row for ``name`` (any case); ValueError naming the models if unknown."""
    model = MODELS.get(str(name).lower())
    if model is None:
        raise ValueError(f"no model {name!r}; the models are: {', '.join(NAMES)}")
    return model


__all__ = ["Model", "MODELS", "NAMES", "DEFAULT", "model_named"]
