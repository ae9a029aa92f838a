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
LATCH = 8           # the data register (the 74LS323 the sequencer shifts)
LAST_TICK = 9       # the sequencer has run up to this tick (2 ticks a CPU cycle)
SEQ = 10            # the sequencer's state, 0-15
WINDOW = 11         # the last four flux bits read (0: the amplifier hears noise)
RANDOM = 12         # state of the noise generator (xorshift)
HEAD = 13           # quarter track under each drive's head: HEAD, HEAD + 1
POSITION = 15       # bit under each drive's head on its track: POSITION, POSITION + 1
PROTECTED = 17      # each drive's write protection: PROTECTED, PROTECTED + 1
INSERTED = 19       # a disk is in the drive: INSERTED, INSERTED + 1
BITS_WRITTEN = 21   # bits written to disks so far (a statistic, and a dirty hint)
BUS = 22            # the value the 6502 last wrote to the card: what LD loads
CELL_LEN = 23       # ticks in the bit cell under way
CELL_TICK = 24      # ticks of it gone by
PULSE_AT = 25       # the tick of that cell its read pulse starts on; -1: no pulse
CELL_FRAC = 26      # 1/256 ticks the bit cells have run ahead of whole ticks
CELL_UNITS = 27     # each drive's bit cell in 1/256 ticks (2048: 4 us): CELL_UNITS, + 1
PULL_SINCE = 29     # each drive: tick since which the magnets pull its head one way; -1
SPANS_OK = 31       # 1: the composed spans are usable (read mode only shifts and clears)
TRACK_NOW = 32      # the selected drive's track under the head: its slot (-1: none stored),
TRACK_AT = 33       # where its bits are in mem (-1: none), and its length in bits
TRACK_LEN = 34      # (EMPTY_TRACK_BITS if none): kept by controller.retrack
ANCHOR = 35         # 1: SEQ and LATCH are the anchor state plus CELL_TICK ticks of the cell,
ANCHOR_SEQ = 36     # the state and register at the start of the bit cell under way
ANCHOR_REG = 37     # (so that a read in mid-cell costs one look-up off the chain)
NAMED = 48          # room for the named slots
TRACK_BITS = NAMED                               # bit count of every track, by drive
DIRTY = TRACK_BITS + DRIVES * TRACK_SLOTS        # 1: the track was written to
DISK_IO_SIZE = DIRTY + DRIVES * TRACK_SLOTS

# --- the controller's part of mem, relative to DISK_MEM ---------------------
TMAP = 0                                   # 256 bytes per drive: quarter track -> track slot
SEQ_NEXT = TMAP + 256 * DRIVES             # the sequencer: next state, by sequencer.index
SEQ_ACTION = SEQ_NEXT + 256                # ... and the register action
SPAN_TICKS = 12                            # read mode composed over 1-12 ticks: state, reg
SPAN_PULSES = 4                            # after [ticks-1][pulse][state][reg]; pulse 0: none,
SPANS = SEQ_ACTION + 256                   # 1: in the first two ticks, 2: in the first only
TRACKS = SPANS + SPAN_TICKS * SPAN_PULSES * 4096 * 2    # TRACK_SLOTS tracks of TRACK_BYTES
DISK_MEM_SIZE = TRACKS + DRIVES * TRACK_SLOTS * TRACK_BYTES

TICKS_PER_CYCLE = 2         # the sequencer runs at 2 MHz, twice per CPU cycle
STANDARD_CELL = 8 * 256     # the 4 us bit cell: 8 ticks (an Apple II writes one per 8 ticks)
EMPTY_TRACK_BITS = 51_200   # a quarter track with no data turns as this many bits (WOZ 2)
SPIN_DOWN_CYCLES = 1_020_484    # the motor runs on for about a second after $C0n8
QUARTER_STEP_CYCLES = 510   # a magnet pulls the head one quarter track in about 0.5 ms
