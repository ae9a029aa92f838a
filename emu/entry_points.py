"""The fixed entry points and locations of the Apple II+ system ROM that programs use.

Real software does not only call the famous routines (COUT, HOME, RDKEY): it
JSRs to SETPWRC after aiming the reset vector at PWRUP, enters routines in
the middle (VTABZ, COUTZ, BELL2, GETLN0), counts on side effects (BASCALC
leaves A = BASL, WAIT leaves A = 0, SETVID leaves the slot in A2L, BRK
leaves the registers in $45-$49 and the PC in $3A-$3B), and reads ROM bytes
as data (the identification bytes, the vectors).  ``ENTRIES`` lists each
one with its documented effect on registers and memory: the one table that
``roms/src`` implements (each routine starts at its address),
``tests/test_entry_points.py`` checks entry by entry through the CPU, and
``roms/README.md`` prints (``python -m emu.entry_points`` writes that
table).

Every entry is in the monitor's 2 KiB, $F800-$FFFF, and ``self_contained``
says it runs there alone: correct whatever $D000-$F7FF holds, as Apple's
monitor is.  Programs rely on that: ProDOS's handler in the language card
hands interrupts and RESET to the ROM through the RTS at $FFCB and the IRQ
handler's $FA42; others copy $F800-$FFFF into the card, keep their own code
in its $D000-$F7FF and call the monitor there; and an F8 ROM can be plugged
in alone.  The tests run every entry's check that way too.

Where the effects come from (``SOURCES``): the Apple II Reference Manual's
monitor chapter and listing, Apple's Miscellaneous Technical Notes #2 and
#7 (identification), the IIe and IIc Technical Reference Manuals (which
name the entry points inside routines that II+ software also uses), the
ProDOS 8 Technical Reference Manual and ProDOS 8's source (what ProDOS needs
of the monitor), and "The Apple II Monitor Peeled".  Registers a routine is
documented to keep are in ``keeps``; ``leaves`` says what it returns,
``changes`` what memory it sets.  What is not here (the cassette's
bit-level routines, the monitor command parser's internals, Applesoft) is
in ``NOT_PROVIDED``.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass

CODE, DATA, VECTOR = "code", "data", "vector"

SOURCES = {
    "RM": "Apple II Reference Manual (1979): ch. 3, the Monitor and its subroutines; "
          "the Monitor listing",
    "TN7": "Apple II Miscellaneous Technical Note #7, Apple II Family Identification",
    "TN2": "Apple II Miscellaneous Technical Note #2, Apple II Family Identification "
           "Routines 2.2",
    "IIE": "Apple IIe Technical Reference Manual (1985), the Monitor entry points",
    "IIC": "Apple IIc Technical Reference Manual (1984), summary of firmware entry points",
    "P8": "ProDOS 8 Technical Reference Manual (1985), ch. 6 (interrupts through $3FE "
          "with A in $45; the reset vector and its power-up byte) and 5.2.4 (the global "
          "page: IRQENT, used when the ROM was in at an interrupt; AFTIRQ, back to the "
          "card's $FFD8)",
    "P8SRC": "ProDOS 8 V2.0.3 kernel source, commented after Apple's ProDOS 1.7 source "
             "(github.com/markpmlim/ProDOS8): MLI.SRC/ROM.S, the card's $FF9B-$FFFF handler "
             "that switches the ROM in at $FFC8 onto its RTS at $FFCB, going on at "
             "ROMIrq+1 = $FA42 or at RESET $FA62; EQUATES.S, the card's map (the MLI at "
             "$DE00-$FEFF)",
    "PEELED": "The Apple II Monitor Peeled (W. E. Dougherty, 1979)",
}


@dataclass(frozen=True)
class Entry:
    """One fixed address of the system ROM and what programs may count on there."""

    address: int
    name: str
    does: str               # the documented effect, in a line
    kind: str = CODE        # CODE (called), DATA (read), VECTOR (a 6502 vector)
    keeps: str = ""         # registers of "AXY" it leaves unchanged
    leaves: str = ""        # what it returns in registers and flags
    changes: str = ""       # the memory it sets (zero page, page 3, screen)
    value: bytes = b""      # DATA and VECTOR: the bytes there
    sources: tuple[str, ...] = ("RM",)
    self_contained: bool = True     # runs in $F800-$FFFF alone, whatever $D000-$F7FF holds


def _word(address: int) -> bytes:
    return bytes([address & 0xFF, address >> 8])


ENTRIES: tuple[Entry, ...] = (
    # --- lo-res graphics ------------------------------------------------------------------
    Entry(0xF800, "PLOT", "a block of COLOR at column Y (0-39), row A (0-47)",
          keeps="XY", leaves="A = the new screen byte",
          changes="GBASL/GBASH ($26-$27) = the row's base, MASK ($2E) = $0F or $F0"),
    Entry(0xF80E, "PLOT1", "PLOT at column Y with GBASL and MASK already set",
          keeps="XY"),
    Entry(0xF819, "HLINE", "a horizontal line on row A from column Y to column H2 ($2C)",
          keeps="X", leaves="Y = H2", changes="GBASL, MASK"),
    Entry(0xF828, "VLINE", "a vertical line in column Y from row A to row V2 ($2D)",
          keeps="XY", leaves="A = V2", changes="GBASL, MASK"),
    Entry(0xF832, "CLRSCR", "all 48 lo-res rows black", keeps="X",
          changes="COLOR ($30) = 0, V2 = 47"),
    Entry(0xF836, "CLRTOP", "lo-res rows 0-39 black (mixed mode's graphics)", keeps="X",
          changes="COLOR = 0, V2 = 39"),
    Entry(0xF847, "GBASCALC", "GBASL/GBASH = the base address of text row A (0-23)",
          keeps="XY", leaves="A = GBASL", changes="GBASL/GBASH"),
    Entry(0xF85F, "NXTCOL", "COLOR + 3 (in both nibbles)", keeps="XY",
          leaves="A = COLOR", changes="COLOR"),
    Entry(0xF864, "SETCOL", "COLOR = colour A (0-15) in both nibbles", keeps="XY",
          leaves="A = COLOR", changes="COLOR"),
    Entry(0xF871, "SCRN", "A = the colour (0-15) of the block at column Y, row A",
          keeps="XY", leaves="A = colour", changes="GBASL/GBASH"),
    # --- the disassembler -----------------------------------------------------------------
    Entry(0xF882, "INSDS1", "a Return, PC ($3A-$3B) in hex, \"-\" and three blanks; then INSDS1.2",
          changes="FORMAT ($2E), LENGTH ($2F) as INSDS2"),
    Entry(0xF88C, "INSDS1.2", "with X = 0: the opcode at PC into INSDS2",
          changes="FORMAT, LENGTH", sources=("IIC",)),
    Entry(0xF88E, "INSDS2", "LENGTH = the operand bytes of opcode A (0 for an opcode the "
          "6502 does not document, shown as ???); FORMAT = its addressing mode (our numbering)",
          changes="FORMAT, LENGTH"),
    Entry(0xF8D0, "INSTDSP", "the instruction at PC, disassembled on a line of its own",
          changes="FORMAT, LENGTH, H2/V2 ($2C-$2D) as scratch; A1-A5 ($3C-$45) kept"),
    Entry(0xF940, "PRNTYX", "Y then X as four hex digits", keeps="XY"),
    Entry(0xF941, "PRNTAX", "A then X as four hex digits", keeps="XY"),
    Entry(0xF944, "PRNTX", "X as two hex digits", keeps="XY"),
    Entry(0xF948, "PRBLNK", "three blanks", keeps="Y", leaves="X = 0"),
    Entry(0xF94A, "PRBL2", "X blanks", keeps="Y", leaves="X = 0"),
    Entry(0xF953, "PCADJ", "the address of the next instruction: PC + LENGTH + 1",
          leaves="A = low byte, Y = high byte, X = LENGTH"),
    Entry(0xF954, "PCADJ2", "PC + LENGTH + carry", leaves="A = low, Y = high"),
    Entry(0xF956, "PCADJ3", "PC + A (signed, a branch offset) + carry",
          leaves="A = low, Y = high, X = the offset"),
    # --- interrupts, reset, power-up ------------------------------------------------------
    Entry(0xFA40, "IRQ", "the IRQ/BRK handler: A to $45; a BRK (B set in the pushed "
          "status) goes to BREAK, an interrupt through IRQLOC ($3FE) with its stack frame "
          "untouched (its handler ends LDA $45, RTI)", keeps="XY", changes="A5H ($45) = A",
          sources=("RM", "P8")),
    Entry(0xFA42, "IRQ2", "IRQ after its STA $45: with A in $45 already, a BRK (B set in "
          "the status on top of the stack) to BREAK, else through IRQLOC ($3FE); ProDOS's "
          "language-card handler comes here by an RTS to $FA41", keeps="XY",
          sources=("P8SRC",)),
    Entry(0xFA4C, "BREAK", "after a BRK: X, Y, P, S to $46-$49 (A is in $45), the pushed PC "
          "(the BRK's address + 2) to PCL/PCH ($3A-$3B), the BRK's 3 bytes off the stack, "
          "decimal mode off, then JMP (BRKV) ($3F0)",
          changes="XREG, YREG, STATUS, SPNT ($46-$49), PCL/PCH"),
    Entry(0xFA59, "OLDBRK", "the default BRKV: \"PC-\" and the registers on a new line, "
          "then the monitor (with a beep)"),
    Entry(0xFA62, "RESET", "RESET: normal text, text page 1, full window, screen and "
          "keyboard hooks, annunciators 0-1 off and 2-3 on, a beep; then JMP (SOFTEV) if "
          "PWREDUP = SOFTEV+1 EOR $A5, else PWRUP",
          changes="INVFLG, the window, CSW/KSW, the video switches"),
    Entry(0xFAA6, "PWRUP", "a cold start: the soft vectors $3F0-$3FF set, the title (and, "
          "with our $D000-$F7FF there, how to boot), then the first Disk II card from slot 7 "
          "down is booted, else the monitor (programs aim SOFTEV here so that Ctrl-Reset "
          "reboots)",
          changes="$3F0-$3FF, MSLOT ($7F8), LOC0/LOC1 ($00-$01)"),
    Entry(0xFABA, "SLOOP", "the slot scan, on from the slot below LOC1 (with LOC0 = 0): a "
          "card's boot code that finds no disk jumps here to boot the next card",
          changes="LOC1, MSLOT"),
    Entry(0xFAD7, "REGDSP", "a Return, then RGDSP1", changes="A3L/A3H ($40-$41) = $0045"),
    Entry(0xFADA, "RGDSP1", "\" A=.. X=.. Y=.. P=.. S=..\" from $45-$49",
          changes="A3L/A3H = $0045 (so that a \":\" line changes the saved registers)",
          sources=("RM", "PEELED")),
    Entry(0xFB19, "RTBL", "the register names RGDSP1 shows: \"AXYPS\", bit 7 set",
          kind=DATA, value=b"\xC1\xD8\xD9\xD0\xD3", sources=("RM", "PEELED")),
    # --- paddles, text window, title, power-up byte ------------------------------------------
    Entry(0xFB1E, "PREAD", "Y = the position (0-255) of paddle X: the timers triggered, "
          "then counted 11 cycles a unit", keeps="X", leaves="Y = position"),
    Entry(0xFB21, "PREAD4", "PREAD without triggering the timers", keeps="X",
          leaves="Y = position", sources=("IIC",)),
    Entry(0xFB2F, "INIT", "text mode, page 1, lo-res (for graphics), full-screen window, "
          "cursor on the bottom line", changes="STATUS ($48) = 0, the window, CV, BASL"),
    Entry(0xFB39, "SETTXT", "text mode and a full-screen window; the page is left as it is",
          changes="the window, CV = 23, BASL"),
    Entry(0xFB40, "SETGR", "lo-res mixed mode, rows 0-39 cleared, the window on rows 20-23",
          changes="the window, CV = 23, BASL, COLOR = 0"),
    Entry(0xFB4B, "SETWND", "the window from row A to the bottom, full width; cursor on row 23",
          leaves="A = BASL", changes="WNDLFT..WNDBTM ($20-$23), CV, BASL"),
    Entry(0xFB5B, "TABV", "the cursor to row A", keeps="XY", leaves="A = BASL",
          changes="CV ($25), BASL/BASH"),
    Entry(0xFB60, "APPLEII", "the window cleared and the machine's title in the middle of "
          "the top line (ours: APPLE2 PY FIRMWARE)", leaves="Y = 0",
          sources=("RM", "IIC")),
    Entry(0xFB6F, "SETPWRC", "PWREDUP ($3F4) = SOFTEV+1 ($3F3) EOR $A5: RESET will then "
          "trust SOFTEV", keeps="XY", leaves="A = the power-up byte", changes="PWREDUP",
          sources=("RM", "P8", "IIC")),
    Entry(0xFB78, "VIDWAIT", "VIDOUT, but at a Return a Ctrl-S on the keyboard pauses "
          "until the next key (taken off unless it is Ctrl-C)", keeps="X",
          sources=("IIE", "IIC")),
    Entry(0xFB88, "KBDWAIT", "wait for a key (taken off the keyboard unless it is Ctrl-C), "
          "then VIDOUT", keeps="X", sources=("IIE", "IIC")),
    Entry(0xFBB3, "VERSION", "identification: $EA on a II+ (the II: $38, the IIe family: $06)",
          kind=DATA, value=b"\xEA", sources=("TN7", "TN2")),
    Entry(0xFB1E, "ID $FB1E", "identification: $AD on a II+ (an Apple /// in emulation: $8A)",
          kind=DATA, value=b"\xAD", sources=("TN7", "TN2")),
    Entry(0xFBBF, "ZIDBYTE2", "identification, read on the IIc family; $EA here", kind=DATA,
          value=b"\xEA", sources=("TN7",)),
    Entry(0xFBC0, "ZIDBYTE", "identification, read on the IIe family; $EA here", kind=DATA,
          value=b"\xEA", sources=("TN7",)),
    # --- text screen -----------------------------------------------------------------------
    Entry(0xFBC1, "BASCALC", "BASL/BASH ($28-$29) = the base address of text row A (0-23)",
          keeps="XY", leaves="A = BASL", changes="BASL/BASH"),
    Entry(0xFBDD, "BELL1", "a pause of about 0.01 s, then a beep: 192 half-waves of about "
          "1 kHz (0.1 s) on the speaker", keeps="X", leaves="Y = 0"),
    Entry(0xFBE2, "BELL1.2", "the beep without the pause", keeps="X", leaves="Y = 0",
          sources=("IIC",)),
    Entry(0xFBE4, "BELL2", "Y half-waves of about 1 kHz on the speaker (Y = 0: 256)",
          keeps="X", leaves="Y = 0", sources=("IIC",)),
    Entry(0xFBF0, "STORADV", "A into the cursor's cell as it is, then ADVANCE", keeps="X",
          changes="the screen, CH"),
    Entry(0xFBF4, "ADVANCE", "the cursor one column right; past the window, CR", keeps="X",
          changes="CH ($24)"),
    Entry(0xFBFD, "VIDOUT", "A to the screen with no INVFLG: $00-$7F and $A0-$FF stored, "
          "Return, line feed, backspace and bell acted on, other controls ignored",
          keeps="X"),
    Entry(0xFC10, "BS", "the cursor one column left; from the left edge, the end of the "
          "line above", keeps="X", changes="CH, CV, BASL"),
    Entry(0xFC1A, "UP", "the cursor one row up unless on the window's top row", keeps="XY",
          changes="CV, BASL"),
    Entry(0xFC22, "VTAB", "BASL/BASH for the cursor's row CV, with WNDLFT added",
          keeps="XY", leaves="A = BASL", changes="BASL/BASH"),
    Entry(0xFC24, "VTABZ", "VTAB for row A", keeps="XY", leaves="A = BASL",
          changes="BASL/BASH"),
    Entry(0xFC42, "CLREOP", "blanks from the cursor to the end of the window", keeps="X",
          leaves="Y = 0, A = BASL"),
    Entry(0xFC58, "HOME", "blanks the window; cursor to its top left", keeps="X",
          leaves="Y = 0, A = BASL", changes="CH = 0, CV = WNDTOP, BASL"),
    Entry(0xFC62, "CR", "the cursor to the start of the next line, scrolling at the bottom",
          keeps="X", changes="CH = 0, CV, BASL"),
    Entry(0xFC66, "LF", "the cursor down a line, scrolling at the bottom", keeps="X",
          changes="CV, BASL"),
    Entry(0xFC70, "SCROLL", "the window's lines up one, its last line blank; CV unchanged",
          keeps="X", changes="BASL (row CV)"),
    Entry(0xFC9C, "CLREOL", "blanks from the cursor to the end of the window's line",
          keeps="X", leaves="Y = WNDWDTH"),
    Entry(0xFC9E, "CLEOLZ", "CLREOL from column Y", keeps="X", leaves="Y = WNDWDTH"),
    Entry(0xFCA8, "WAIT", "a delay of (26 + 27 A + 5 A^2) / 2 cycles, the JSR included",
          keeps="XY", leaves="A = 0, carry set"),
    Entry(0xFCB4, "NXTA4", "A4 ($42-$43) and A1 ($3C-$3D) one on; carry set if A1 was at "
          "A2 ($3E-$3F) or past it", keeps="XY", changes="A1, A4"),
    Entry(0xFCBA, "NXTA1", "A1 one on; carry set if it was at A2 or past it", keeps="XY",
          changes="A1"),
    Entry(0xFCC9, "HEADR", "cassette: no cassette port here; returns at once",
          keeps="AXY", sources=("IIC",)),
    # --- keyboard ----------------------------------------------------------------------------
    Entry(0xFD0C, "RDKEY", "a flashing cursor at CH, then a key through KSW ($38) with "
          "A = the cell's character and Y = CH; the cell is put back", keeps="X",
          leaves="A = the key (bit 7 set), Y = CH"),
    Entry(0xFD18, "KEYIN0", "JMP (KSW): the input hook itself", keeps="X",
          leaves="A = the key", sources=("IIC",)),
    Entry(0xFD1B, "KEYIN", "waits for a key, counting RNDL/RNDH ($4E-$4F) up, puts A back "
          "in the cursor's cell, takes the key off the keyboard", keeps="XY",
          leaves="A = the key (bit 7 set)", changes="RNDL/RNDH"),
    Entry(0xFD35, "RDCHAR", "RDKEY, acting on II+ escape sequences (ESC @ A B C D E F, "
          "ESC I J K M repeating)", keeps="X", leaves="A = the key"),
    Entry(0xFD67, "GETLNZ", "a Return, then GETLN", leaves="X = length"),
    Entry(0xFD6A, "GETLN", "the prompt ($33), then a line into $200 with the editing keys; "
          "ends with a Return", leaves="X = length, $200,X = $8D"),
    Entry(0xFD6C, "GETLN0", "A as the prompt, then GETLN1", leaves="X = length",
          sources=("IIC",)),
    Entry(0xFD6F, "GETLN1", "GETLN without a prompt", leaves="X = length"),
    Entry(0xFD8B, "CROUT1", "blanks to the end of the line, then a Return", keeps="X",
          leaves="A = $8D"),
    Entry(0xFD8E, "CROUT", "a Return through COUT", keeps="XY", leaves="A = $8D"),
    Entry(0xFD92, "PRA1", "a Return, A1 as four hex digits and \"-\"",
          leaves="Y = 0, A = \"-\""),
    Entry(0xFD96, "PRYX2", "a Return, Y and X as four hex digits and \"-\"",
          leaves="Y = 0, A = \"-\""),
    Entry(0xFDDA, "PRBYTE", "A as two hex digits", keeps="XY"),
    Entry(0xFDE3, "PRHEX", "the low nibble of A as a hex digit", keeps="XY"),
    Entry(0xFDE5, "PRHEXZ", "A (0-15) as a hex digit", keeps="XY", sources=("RM", "PEELED")),
    Entry(0xFDED, "COUT", "A through the output hook CSW ($36-$37)", keeps="XY"),
    Entry(0xFDF0, "COUT1", "A on the screen at the cursor: $A0-$FF through INVFLG ($32), "
          "then COUTZ", keeps="XY", leaves="A = the character after INVFLG",
          changes="the screen, CH, CV, BASL, YSAV1 ($35)"),
    Entry(0xFDF6, "COUTZ", "COUT1 without INVFLG: VIDWAIT with Y kept", keeps="AXY",
          changes="YSAV1", sources=("IIC",)),
    Entry(0xFE1F, "IDROUTINE", "an RTS: called with carry set, it leaves it set on every "
          "Apple II but the IIgs", keeps="AXY", leaves="carry as it was",
          sources=("TN7", "TN2")),
    Entry(0xFE2C, "MOVE", "copies A1..A2 to A4 upwards, byte by byte (Y = 0)",
          keeps="X", changes="A1 = A2 + 1, A4 past the copy"),
    Entry(0xFE36, "VFY", "compares A1..A2 with A4 (Y = 0), showing each difference as "
          "\"addr-xx (yy)\"", changes="A1, A4"),
    Entry(0xFE5E, "LIST", "A1PC, then 20 instructions from PC disassembled",
          changes="PC past the last, FORMAT, LENGTH, H2/V2; A1-A5 kept"),
    Entry(0xFE75, "A1PC", "with X = 1 (not 0), PC = A1; with X = 0 nothing",
          changes="PCL/PCH", sources=("IIC", "PEELED")),
    Entry(0xFE80, "SETINV", "later text inverse", keeps="AX", leaves="Y = $3F",
          changes="INVFLG = $3F"),
    Entry(0xFE84, "SETNORM", "later text normal", keeps="AX", leaves="Y = $FF",
          changes="INVFLG = $FF"),
    Entry(0xFE89, "SETKBD", "KSW = KEYIN ($FD1B): input from the keyboard",
          leaves="X = $38", changes="KSWL/KSWH, A2L ($3E) = 0"),
    Entry(0xFE8B, "INPORT", "KSW = $Cn00 for slot n = A (1-7), KEYIN for 0",
          leaves="X = $38", changes="KSWL/KSWH, A2L = A"),
    Entry(0xFE93, "SETVID", "CSW = COUT1 ($FDF0): output to the screen", leaves="X = $36",
          changes="CSWL/CSWH, A2L = 0"),
    Entry(0xFE95, "OUTPORT", "CSW = $Cn00 for slot n = A (1-7), COUT1 for 0",
          leaves="X = $36", changes="CSWL/CSWH, A2L = A"),
    Entry(0xFEB6, "GO", "A1PC, then A, X, Y, P from $45-$48 and JMP (PC)",
          sources=("RM", "PEELED")),
    Entry(0xFECD, "WRITE", "cassette: no cassette port here; returns at once",
          keeps="AXY", sources=("IIC",)),
    Entry(0xFEFD, "READ", "cassette: no cassette port here; returns at once",
          keeps="AXY", sources=("IIC",)),
    Entry(0xFF2D, "PRERR", "\"ERR\" and a bell through COUT", keeps="XY"),
    Entry(0xFF3A, "BELL", "a bell ($87) through COUT", keeps="XY", leaves="A = $87"),
    Entry(0xFF3F, "IOREST", "A, X, Y, P from A5H, XREG, YREG, STATUS ($45-$48)"),
    Entry(0xFF4A, "IOSAVE", "A, X, Y, P, S to $45-$49, then decimal mode off", keeps="Y",
          leaves="A = P, X = S", changes="A5H..SPNT ($45-$49)"),
    Entry(0xFF4C, "SAV1", "IOSAVE without A", keeps="Y", leaves="A = P, X = S",
          changes="XREG..SPNT ($46-$49)", sources=("RM", "PEELED")),
    Entry(0xFF58, "IORTS", "an RTS: JSR here, then the stack shows the caller's page "
          "(how a card's ROM finds its slot)", keeps="AXY"),
    Entry(0xFF59, "OLDRST", "normal text, INIT, screen and keyboard hooks, then the monitor"),
    Entry(0xFF65, "MON", "the monitor, with a beep, decimal mode off"),
    Entry(0xFF69, "MONZ", "the monitor (\"CALL -151\"): the * prompt"),
    Entry(0xFFCB, "RTS $FFCB", "an RTS: ProDOS's language-card handler switches the ROM in "
          "with an STA at $FFC8 and goes on here, to the address it pushed", keeps="AXY",
          sources=("P8SRC",)),
    Entry(0xFFFA, "NMI vector", "NMI goes to $3FB (a JMP there)", kind=VECTOR,
          value=_word(0x03FB)),
    Entry(0xFFFC, "RESET vector", "RESET goes to RESET ($FA62)", kind=VECTOR,
          value=_word(0xFA62)),
    Entry(0xFFFE, "IRQ vector", "IRQ and BRK go to IRQ ($FA40)", kind=VECTOR,
          value=_word(0xFA40)),
)

# Apple's addresses this ROM does not provide, and why.  The 2 KiB are full:
# a program that calls one runs whatever of ours is there (in $D000-$F7FF,
# $00: a BRK, which stops in the monitor showing the address + 2); one that
# reads there reads our bytes.
NOT_PROVIDED = {
    "$D000-$F7FF": "Applesoft BASIC (its interpreter, floating point and hi-res "
                   "graphics: HGR $F3E2, HPLOT $F457, DRAW $F601 ...) is Microsoft's and "
                   "Apple's; BASIC's cold and warm entries $E000 and $E003 lead to the "
                   "monitor",
    "$FCEC-$FD0B": "the cassette's byte and bit readers (RDBYTE, RD2BIT, RDBIT): the "
                   "emulator has no cassette port",
    "$F962-$FA3F": "the disassembler's tables (FMT1, FMT2, CHAR1, CHAR2, MNEML, MNEMR) "
                   "that Apple's mini-assembler reads: their bytes are Apple's own encoding; "
                   "ours (generated from emu/cpu/opcodes.py) are there instead",
    "$FE00-$FE1E, $FE20-$FE2B, $FF70-$FFCA, $FFCC-$FFF9": "the monitor command parser's "
                                "inner pieces (BL1, BLANK, STOR, SETMODE, LT, NXTITM, "
                                "GETNUM, TOSUB, ZMODE and its command tables): our "
                                "monitor parses in its own way",
}


def by_name() -> dict[str, Entry]:
    """The entries by name."""
    return {e.name: e for e in ENTRIES}


def markdown() -> str:
    """The entry-point table of roms/README.md."""
    lines = ["| address | name | does | keeps | leaves, changes | alone in F8 |",
             "| --- | --- | --- | --- | --- | --- |"]
    for e in sorted(ENTRIES, key=lambda e: (e.address, e.kind != CODE)):
        if e.kind == CODE:
            keeps, after = e.keeps, "; ".join(x for x in (e.leaves, e.changes) if x)
        else:
            keeps, after = "", f"{e.kind}: " + " ".join(f"${b:02X}" for b in e.value)
        alone = "yes" if e.self_contained else "no"
        cells = [f"${e.address:04X}", e.name, e.does, keeps, after, alone]
        lines.append("|" + "|".join(f" {c} " if c else " " for c in cells) + "|")
    return "\n".join(lines) + "\n"


def main() -> int:
    sys.stdout.write(markdown())
    return 0


if __name__ == "__main__":
    sys.exit(main())
