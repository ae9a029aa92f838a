"""Where the Disk II controller keeps its state: named slots in ``io``, bits in ``mem``.

The generated CPU core calls the bus with only two arrays, ``io`` and ``mem``
(every extra array costs registers across the whole run loop), so the
controller adds no array of its own.  Its registers are a block of named
slots at the end of ``io`` (``DISK`` onwards), followed by the bit count and
a dirty flag of every track; the tracks' bits and each drive's quarter-track
map live in ``mem`` above the machine's own memory (``DISK_MEM`` onwards).

This module imports nothing, so ``emu.bus`` and ``emu.disk.controller`` can
both use it.
"""

DRIVES = 2
QUARTER_TRACKS = 160        # 40 tracks in quarter steps: the WOZ TMAP's size
TRACK_SLOTS = 160           # stored tracks per drive (a WOZ may use all 160)
TRACK_BYTES = 0x2000        # room for one track: 65,536 bits (real ones: ~51,000)
MAX_TRACK_BITS = TRACK_BYTES * 8
NO_TRACK = 0xFF             # a TMAP entry for a quarter track with no data

# --- the controller's slots, relative to DISK in io -------------------------
CARD_SLOT = 0       # the slot the card is in (1-7); 0: no card
GROUP = 1           # $C0n0 & $F0 of that slot ($E0 for slot 6); -1: no card
PHASES = 2          # stepper magnets on: bits 0-3 = phases 0-3
MOTOR_ON = 3        # 1 after $C0n9, 0 after $C0n8
SPIN_UNTIL = 4      # after $C0n8 the disk keeps turning until this cycle
DRIVE = 5           # 0: drive 1, 1: drive 2
Q6 = 6              # the Q6 and Q7 latches: read, sense write protect, load, write
Q7 = 7
LATCH = 8           # the data register
LAST_CYCLE = 9      # the disk has been turned up to this cycle (a bit-cell boundary)
HELD = 10           # after a complete nibble: the bit that arrived meanwhile, or -1
WINDOW = 11         # the last four flux bits read (0: the amplifier hears noise)
RANDOM = 12         # state of the noise generator (xorshift)
HEAD = 13           # quarter track under each drive's head: HEAD, HEAD + 1
POSITION = 15       # bit under each drive's head on its track: POSITION, POSITION + 1
PROTECTED = 17      # each drive's write protection: PROTECTED, PROTECTED + 1
INSERTED = 19       # a disk is in the drive: INSERTED, INSERTED + 1
BITS_WRITTEN = 21   # bits written to disks so far (a statistic, and a dirty hint)
NAMED = 32          # room for the named slots
TRACK_BITS = NAMED                               # bit count of every track, by drive
DIRTY = TRACK_BITS + DRIVES * TRACK_SLOTS        # 1: the track was written to
DISK_IO_SIZE = DIRTY + DRIVES * TRACK_SLOTS

# --- the controller's part of mem, relative to DISK_MEM ---------------------
TMAP = 0                                   # 256 bytes per drive: quarter track -> track slot
TRACKS = TMAP + 256 * DRIVES               # TRACK_SLOTS tracks of TRACK_BYTES per drive
DISK_MEM_SIZE = TRACKS + DRIVES * TRACK_SLOTS * TRACK_BYTES

CYCLES_PER_BIT = 4          # the 4 us bit cell at the 1.02 MHz CPU clock
SPIN_DOWN_CYCLES = 1_020_484    # the motor runs on for about a second after $C0n8
