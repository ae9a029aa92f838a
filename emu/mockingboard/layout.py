"""Where the Mockingboard keeps its state: a block of named slots in ``io``.

Two 6522s (``emu.mockingboard.via``), the bus side of their two AY-3-8910s
(the registers the CPU can read back), the log of register writes the bus
keeps for the sound, and the two synthesizers that turn that log into sound
after each frame (``emu.mockingboard.ay``).  All of it is in ``io``, so a
save state carries every timer, register and envelope mid-note.

This module imports nothing, so ``emu.slots`` can size the block.
"""

CHIPS = 2                   # A ($Cn00-$Cn7F, left) and B ($Cn80-$CnFF, right)
VIA_SIZE = 24               # emu.mockingboard.via.SIZE
AY_BUS_SIZE = 20            # emu.mockingboard.ay.BUS_SIZE
AY_SYNTH_SIZE = 32          # emu.mockingboard.ay.SYNTH_SIZE
LOG_ENTRIES = 4096          # register writes a frame can log (a write takes 8 cycles at least)

VIA = 0                                     # chip n's 6522 at VIA + n * VIA_SIZE
AY_BUS = VIA + CHIPS * VIA_SIZE             # chip n's AY registers at AY_BUS + n * AY_BUS_SIZE
AY_SYNTH = AY_BUS + CHIPS * AY_BUS_SIZE     # chip n's synthesizer
LOG = AY_SYNTH + CHIPS * AY_SYNTH_SIZE      # entries logged this frame, then the entries
MOCKINGBOARD_IO_SIZE = LOG + 1 + 3 * LOG_ENTRIES
