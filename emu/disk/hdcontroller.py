"""The ProDOS hard-disk card, jitted into the bus: its $C0n0-$C0nF and its $Cn00 page.

A card of our own design (no real card's registers are copied).  Its
firmware (``roms/src/harddisk/``) is a thin layer: every call it gets, it
hands to the card through one register, and the card carries it out at
once, reading its parameters from the Apple's memory and moving the block
by DMA, through the bus's page table (so a buffer in the language card's
RAM works as it would on the bus, and the picture shows a block read into
the page on display from the command's cycle on).  A command takes no
emulated time.

* A write to $C0n0 runs the ProDOS block-driver command in the zero-page
  command block (ProDOS 8 Technical Reference, 6.3.2): $42 command (0
  STATUS, 1 READ, 2 WRITE, 3 FORMAT), $43 unit (bit 7: drive 2), $44/$45
  buffer, $46/$47 block.  Errors: $27 I/O error (a block past the end, an
  unknown command), $28 no device connected (no image in the unit), $2B
  write protected; STATUS returns the block count in X (low) and Y (high).
* A write to $C0n1 of the stack pointer runs the SmartPort call (Apple IIc
  Technical Reference, SmartPort chapter) whose ``JSR`` left its return
  address at $0101+S: the command byte and the parameter list's address
  follow the ``JSR``, and the card steps the return address past them.
* Reads: $C0n0 the error code (0: none), $C0n1 and $C0n2 the X and Y the
  call returns.  The firmware turns a non-zero code into carry set.

Any write to the card also sets its ID latch, which picks the byte $Cn07
reads: see ``emu.disk.harddisk``.
"""
from __future__ import annotations

import numpy as np
from numba import njit

from .. import jit_options
from ..video.writelog import log_write
from .blockimage import BLOCK
from .hdlayout import (BADBLOCK, BADCMD, BADCTL, BADPCNT, BADUNIT, BLOCK_NUM, BLOCKS,
                       BLOCKS_READ, BLOCKS_WRITTEN, BUFFER, CHANGED, CMD, COMMANDS,
                       DEVICE_SUBTYPE, DEVICE_TYPE, DIB_NAME, DIB_NAME_SIZE, FIRMWARE_VERSION,
                       FORMAT, GS_BLOCK, GS_FORMAT, GS_ONLINE, GS_PROTECTED, GS_READ, GS_WRITE,
                       HOST_NO_INTERRUPT, ID_AUTOSTART, ID_LATCH, ID_SMARTPORT, INSERTED,
                       IO_ERROR, MAX_BLOCKS, MEDIA, NO_DEVICE, NOWRITE, OFFLINE, PAGE_TABLE,
                       PROTECTED, READ, REG_PRODOS, REG_SMARTPORT, REG_Y, RESULT_A, RESULT_X,
                       RESULT_Y, ROM, SP_CONTROL, SP_FORMAT, SP_INIT, SP_PARAMS, SP_READBLOCK,
                       SP_STATUS, SP_WRITEBLOCK, ST_DIB, ST_GENERAL, STATUS, UNIT, UNIT_BYTES,
                       UNITS, WRITE, WRITE_PROTECTED)

DIB_SIZE = 25
HOST_STATUS_SIZE = 8


# --- DMA: the card's reads and writes of the Apple's memory ----------------------

@njit(**jit_options(inline=True))
def peek(io, mem, regs, addr):
    """The byte the CPU would read at ``addr`` (the I/O pages $C0-$CF read as 0)."""
    addr &= 0xFFFF
    at = io[io[regs + PAGE_TABLE] + (addr >> 8)]
    return np.int64(mem[at + (addr & 0xFF)]) if at >= 0 else np.int64(0)


@njit(**jit_options(inline=True))
def poke(io, mem, regs, addr, value, cyc):
    """Store where the CPU would on cycle ``cyc`` (ROM: nowhere; the I/O pages: dropped).

    A page on display (-2 - offset in the page table) is written and logged,
    for the picture (``emu.video.writelog``).
    """
    addr &= 0xFFFF
    at = io[io[regs + PAGE_TABLE] + 256 + (addr >> 8)]
    if at >= 0:
        mem[at + (addr & 0xFF)] = value & 0xFF
    elif at < -1:
        log_write(io, mem, -2 - at + (addr & 0xFF), value & 0xFF, cyc)


@njit(**jit_options(inline=True))
def peek_word(io, mem, regs, addr):
    return peek(io, mem, regs, addr) | peek(io, mem, regs, addr + 1) << 8


# --- blocks ---------------------------------------------------------------------

@njit(**jit_options(inline=True))
def block_at(io, regs, unit, block):
    return io[regs + MEDIA] + unit * UNIT_BYTES + block * BLOCK


@njit(**jit_options(inline=True))
def read_block(io, mem, regs, unit, block, buffer, cyc):
    at = block_at(io, regs, unit, block)
    for i in range(BLOCK):
        poke(io, mem, regs, buffer + i, mem[at + i], cyc)
    io[regs + BLOCKS_READ + unit] += 1


@njit(**jit_options(inline=True))
def write_block(io, mem, base, regs, unit, block, buffer):
    """A block from the Apple's memory; flagged changed if it differs from what was there."""
    at = block_at(io, regs, unit, block)
    differs = False
    for i in range(BLOCK):
        value = peek(io, mem, regs, buffer + i)
        if mem[at + i] != value:
            mem[at + i] = value
            differs = True
    if differs:
        mem[base + CHANGED + unit * MAX_BLOCKS + block] = 1
    io[regs + BLOCKS_WRITTEN + unit] += 1


# --- the block-driver protocol ---------------------------------------------------------

@njit(**jit_options(inline=True))
def prodos_command(io, mem, base, regs, cyc):
    """The command in $42-$47; sets RESULT_A/X/Y."""
    command = peek(io, mem, regs, CMD)
    unit = peek(io, mem, regs, UNIT) >> 7               # bit 7: drive 2; the slot bits are ignored
    buffer = peek_word(io, mem, regs, BUFFER)
    block = peek_word(io, mem, regs, BLOCK_NUM)
    error = 0
    x = y = 0
    blocks = io[regs + BLOCKS + unit]
    protected = io[regs + PROTECTED + unit] != 0
    if io[regs + INSERTED + unit] == 0:
        error = NO_DEVICE
    elif command == STATUS:
        count = min(blocks, 0xFFFF)
        x, y = count & 0xFF, count >> 8
        if protected:                                   # ready to read, not to write
            error = WRITE_PROTECTED
    elif command == READ:
        if block >= blocks:
            error = IO_ERROR
        else:
            read_block(io, mem, regs, unit, block, buffer, cyc)
    elif command == WRITE:
        if protected:
            error = WRITE_PROTECTED
        elif block >= blocks:
            error = IO_ERROR
        else:
            write_block(io, mem, base, regs, unit, block, buffer)
    elif command == FORMAT:
        if protected:                                   # an image has no marks to lay down
            error = WRITE_PROTECTED
    else:
        error = IO_ERROR
    io[regs + RESULT_A] = error
    io[regs + RESULT_X] = x
    io[regs + RESULT_Y] = y


# --- SmartPort ----------------------------------------------------------------------

@njit(**jit_options(inline=True))
def general_status(io, regs, unit):
    """A unit's general status byte (STATUS code 0 and the DIB's first byte)."""
    status = GS_BLOCK | GS_WRITE | GS_READ | GS_FORMAT
    if io[regs + INSERTED + unit]:
        status |= GS_ONLINE
        if io[regs + PROTECTED + unit]:
            status |= GS_PROTECTED
    return status


@njit(**jit_options(inline=True))
def put_blocks(io, mem, regs, unit, at, cyc):
    """The unit's block count, 3 bytes low first, at ``at``."""
    blocks = io[regs + BLOCKS + unit] if io[regs + INSERTED + unit] else 0
    poke(io, mem, regs, at, blocks, cyc)
    poke(io, mem, regs, at + 1, blocks >> 8, cyc)
    poke(io, mem, regs, at + 2, blocks >> 16, cyc)


@njit(**jit_options(inline=True))
def sp_status(io, mem, regs, unit, plist, cyc):
    """STATUS: (error, bytes returned).  Unit 0 is the host, units 1-2 the drives."""
    out = peek_word(io, mem, regs, plist + 2)
    code = peek(io, mem, regs, plist + 4)
    if unit == 0:
        if code != ST_GENERAL:
            return BADCTL, 0
        for i in range(HOST_STATUS_SIZE):                # devices, interrupts, 6 reserved
            poke(io, mem, regs, out + i, UNITS if i == 0 else HOST_NO_INTERRUPT if i == 1 else 0,
                 cyc)
        return 0, HOST_STATUS_SIZE
    drive = unit - 1
    poke(io, mem, regs, out, general_status(io, regs, drive), cyc)
    put_blocks(io, mem, regs, drive, out + 1, cyc)
    if code == ST_GENERAL:
        return 0, 4
    if code != ST_DIB:
        return BADCTL, 0
    poke(io, mem, regs, out + 4, len(DIB_NAME), cyc)
    for i in range(DIB_NAME_SIZE):
        poke(io, mem, regs, out + 5 + i, DIB_NAME[i] if i < len(DIB_NAME) else 0x20, cyc)
    poke(io, mem, regs, out + 21, DEVICE_TYPE, cyc)
    poke(io, mem, regs, out + 22, DEVICE_SUBTYPE, cyc)
    poke(io, mem, regs, out + 23, FIRMWARE_VERSION, cyc)
    poke(io, mem, regs, out + 24, FIRMWARE_VERSION >> 8, cyc)
    return 0, DIB_SIZE


@njit(**jit_options(inline=True))
def sp_block(io, mem, base, regs, command, drive, plist, cyc):
    """READBLOCK, WRITEBLOCK and FORMAT on drive 0 or 1: (error, bytes moved)."""
    if io[regs + INSERTED + drive] == 0:
        return OFFLINE, 0
    if command != SP_READBLOCK and io[regs + PROTECTED + drive]:
        return NOWRITE, 0
    if command == SP_FORMAT:
        return 0, 0
    buffer = peek_word(io, mem, regs, plist + 2)
    block = peek_word(io, mem, regs, plist + 4) | peek(io, mem, regs, plist + 6) << 16
    if block >= io[regs + BLOCKS + drive]:
        return BADBLOCK, 0
    if command == SP_READBLOCK:
        read_block(io, mem, regs, drive, block, buffer, cyc)
    else:
        write_block(io, mem, base, regs, drive, block, buffer)
    return 0, BLOCK


@njit(**jit_options(inline=True))
def smartport_call(io, mem, base, regs, s, cyc):
    """The call whose JSR left its return address at $0101+s; sets RESULT_A/X/Y."""
    low, high = 0x100 + ((s + 1) & 0xFF), 0x100 + ((s + 2) & 0xFF)
    back = peek(io, mem, regs, low) | peek(io, mem, regs, high) << 8
    command = peek(io, mem, regs, back + 1)
    plist = peek_word(io, mem, regs, back + 2)
    back += 3                                           # return past the command and list
    poke(io, mem, regs, low, back, cyc)
    poke(io, mem, regs, high, back >> 8, cyc)
    unit = peek(io, mem, regs, plist + 1)
    error, count = 0, 0
    if command >= len(SP_PARAMS):                       # extended ($40+) calls too
        error = BADCMD
    elif peek(io, mem, regs, plist) != SP_PARAMS[command]:
        error = BADPCNT
    elif command == SP_STATUS:
        if unit > UNITS:
            error = BADUNIT
        else:
            error, count = sp_status(io, mem, regs, unit, plist, cyc)
    elif command == SP_INIT:                            # resets every unit: nothing to do
        if unit != 0:
            error = BADUNIT
    elif unit == 0 or unit > UNITS:
        error = BADUNIT
    elif command == SP_CONTROL:                         # code 0, reset, is the only one
        if peek(io, mem, regs, plist + 4) != 0:
            error = BADCTL
    elif command == SP_READBLOCK or command == SP_WRITEBLOCK or command == SP_FORMAT:
        error, count = sp_block(io, mem, base, regs, command, unit - 1, plist, cyc)
    else:                                               # OPEN, CLOSE, READ, WRITE: character
        error = BADCMD                                  # devices only
    io[regs + RESULT_A] = error
    io[regs + RESULT_X] = count & 0xFF
    io[regs + RESULT_Y] = count >> 8


# --- the bus's handlers -------------------------------------------------------------

@njit(**jit_options(inline=True))
def access(io, mem, base, regs, addr, value, cyc, write):
    """$C0n0-$C0nF: a write runs a call, a read returns its results (-1: nothing)."""
    reg = addr & 0xF
    if write:
        io[regs + ID_LATCH] = 1
        if reg == REG_PRODOS:
            io[regs + COMMANDS] += 1
            prodos_command(io, mem, base, regs, cyc)
        elif reg == REG_SMARTPORT:
            io[regs + COMMANDS] += 1
            smartport_call(io, mem, base, regs, value, cyc)
        return np.int64(-1)
    if reg == REG_PRODOS:
        return io[regs + RESULT_A]
    if reg == REG_SMARTPORT:
        return io[regs + RESULT_X]
    if reg == REG_Y:
        return io[regs + RESULT_Y]
    return np.int64(-1)


@njit(**jit_options(inline=True))
def rom_byte(io, mem, base, regs, addr):
    """The firmware's byte at ``addr`` in $Cn00-$CnFF: page n of the card's ROM.

    $Cn07 comes from the ID latch: the autostart ROM's byte until the
    firmware has run, then SmartPort's.
    """
    if addr & 0xFF == 7:
        return np.int64(ID_SMARTPORT if io[regs + ID_LATCH] else ID_AUTOSTART)
    return np.int64(mem[base + ROM + (addr & 0x7FF)])


@njit(**jit_options(inline=True))
def page(io, mem, base, regs, addr, value, cyc, write):
    """$Cn00-$CnFF: the firmware (a ROM: writes change nothing)."""
    if write:
        return np.int64(-1)
    return rom_byte(io, mem, base, regs, addr)
