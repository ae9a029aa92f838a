"""Where the ProDOS hard-disk card keeps its state: registers in ``io``, blocks in ``mem``.

Like the Disk II (``emu.disk.layout``), the card adds no array of its own:
the CPU core calls the bus with ``io`` and ``mem`` only.  It has three parts:

* its registers, a block of named slots in ``io`` (``emu.bus`` lays the
  cards' blocks out from the card table, ``emu.slots``);
* its memory block in ``mem``: the card's 2 KiB ROM (page n is the
  firmware for slot n, ``roms/src/harddisk/``) and one "changed" byte per
  block of each unit.  Save states carry it, as all of ``mem`` below the
  media;
* its media, also in ``mem`` but above everything a save state holds
  (``emu.slots.Card.media_size``): room for two 32 MiB volumes, unit 1's
  blocks then unit 2's, in ProDOS block order.  numpy allocates it lazily,
  so only an image actually inserted costs memory.  A save state keeps the
  changed blocks and the image's path instead (``emu.disk.harddisk``).

The error codes are the ProDOS 8 Technical Reference's (section 6.3.2) for
the block-driver protocol and the Apple IIc Technical Reference's
(SmartPort chapter) for SmartPort calls.
"""
from .blockimage import BLOCK, MAX_FILE_BLOCKS

UNITS = 2                      # drive 1 and drive 2 (SmartPort units 1 and 2)
MAX_BLOCKS = MAX_FILE_BLOCKS   # 65,536 blocks: a 32 MiB image
UNIT_BYTES = MAX_BLOCKS * BLOCK

# --- the card's registers, relative to its block in io ------------------------
CARD_SLOT = 0       # the slot the card is in (1-7)
PAGE_TABLE = 1      # where the bus's page table is in io: the card's DMA goes through it
MEDIA = 2           # where the units' blocks start in mem
ID_LATCH = 3        # 1 once the card's firmware has run since power-on or RESET
RESULT_A = 4        # the last command's error code ($C0n0 reads it)...
RESULT_X = 5        # ...and the X and Y it returns ($C0n1, $C0n2)
RESULT_Y = 6
COMMANDS = 7        # commands run so far (a statistic)
INSERTED = 8        # an image is in the unit: INSERTED, INSERTED + 1
BLOCKS = 10         # each unit's size in blocks: BLOCKS, BLOCKS + 1
PROTECTED = 12      # each unit's write protection: PROTECTED, PROTECTED + 1
BLOCKS_READ = 14    # blocks read from and written to each unit (statistics)
BLOCKS_WRITTEN = 16
HD_IO_SIZE = 24

# --- the card's block in mem ----------------------------------------------------
ROM = 0                        # 8 pages: page n is the $Cn00 firmware for slot n
ROM_SIZE = 0x800
CHANGED = ROM + ROM_SIZE       # a byte per block per unit: 1 = written since the file was read
HD_MEM_SIZE = CHANGED + UNITS * MAX_BLOCKS
HD_MEDIA_SIZE = UNITS * UNIT_BYTES

# --- the card's $C0n0-$C0nF ------------------------------------------------------
REG_PRODOS = 0      # write: run the block-driver command in $42-$47; read: its error code
REG_SMARTPORT = 1   # write S: run the SmartPort call whose JSR left its return at $0101+S;
                    # read: X
REG_Y = 2           # read: Y

# --- the ID byte at $Cn07 (see emu.disk.harddisk) --------------------------------
ID_AUTOSTART = 0x3C            # what the II+ autostart ROM scans for (the Disk II's byte)
ID_SMARTPORT = 0x00            # what SmartPort software scans for

# --- the block-driver protocol: the command block at $42-$47 --------------------
CMD, UNIT, BUFFER, BLOCK_NUM = 0x42, 0x43, 0x44, 0x46
STATUS, READ, WRITE, FORMAT = 0, 1, 2, 3
IO_ERROR = 0x27
NO_DEVICE = 0x28
WRITE_PROTECTED = 0x2B

# --- SmartPort -------------------------------------------------------------------
SP_STATUS, SP_READBLOCK, SP_WRITEBLOCK, SP_FORMAT = 0x00, 0x01, 0x02, 0x03
SP_CONTROL, SP_INIT, SP_OPEN, SP_CLOSE, SP_READ, SP_WRITE = 0x04, 0x05, 0x06, 0x07, 0x08, 0x09
SP_PARAMS = (3, 3, 3, 1, 3, 1, 1, 1, 4, 4)     # each command's parameter count
BADCMD = 0x01
BADPCNT = 0x04
BADUNIT = 0x11
BADCTL = 0x21
NOWRITE = 0x2B
BADBLOCK = 0x2D
OFFLINE = 0x2F
# STATUS codes, and the general status byte's bits
ST_GENERAL, ST_DCB, ST_NEWLINE, ST_DIB = 0, 1, 2, 3
GS_BLOCK, GS_WRITE, GS_READ, GS_ONLINE, GS_FORMAT, GS_PROTECTED = 0x80, 0x40, 0x20, 0x10, 0x08, 0x04
HOST_NO_INTERRUPT = 0x40       # unit 0's status byte 1: no interrupt pending
# The device information block (status code 3)
DIB_NAME = tuple(b"APPLE2 PY HD")
DIB_NAME_SIZE = 16             # padded with spaces
DEVICE_TYPE = 0x02             # a hard disk
DEVICE_SUBTYPE = 0x20          # the medium is not removable; no extended calls
FIRMWARE_VERSION = 0x0100
