"""Every entry of emu.entry_points.ENTRIES, called (or read) through the CPU.

The machine powers up with our firmware; each test puts a small program in
RAM that sets the registers, JSRs to the entry point (or reads the byte),
stores what came back in $E0-$E3 and ends in a self-loop.  What is expected
is the entry's documented effect (the table cites where each is documented):
the registers ``keeps`` names are checked on every call, the rest by the
entry's own check below.  A test proves that each table entry has a check.

Every check runs three ways (firmware_calls.SETUPS): on our whole ROM, on
our F8 ROM with junk at $D000-$F7FF, and with our $F800-$FFFF copied into
the language card and run there above a card full of BRKs: an entry the
table calls ``self_contained`` must pass all three.
"""
from __future__ import annotations


import pytest

from emu import bus, entry_points
from emu.cpu import state
from emu.cpu.opcodes import NMOS, opcode
from emu.cpu.state import StopReason
from emu.entry_points import CODE, ENTRIES
from emu.machine import Apple2

from firmware_calls import (A1L, A2L, A3L, A4L, A5H, BASL, BRKV, CH, CODE_AT, COLOR, CSWL,
                            CV, ENTRY, FLAG_C, FLAG_D, GBASH, GBASL, H2, INVFLG, IRQLOC,
                            KSWL, LENGTH, MASK, MSLOT, PCH, PCL, PROMPT, PWREDUP, ROM_PATH,
                            ROOT, RNDL, SETUPS, SOFTEV, SPNT, STATUS, TITLE, V2, WNDLFT,
                            WNDWDTH, WNDTOP, WNDBTM, YSAV1, call, clear_toggles, jmp_self,
                            monitor_in_card, power_up, row_base, rows, run_code, screen_byte,
                            set_up, toggles, window, word)
from firmware_calls import check_registry, fake_disk_card as fake_card

ROM = ROM_PATH.read_bytes()


@pytest.fixture(params=SETUPS)
def m(request) -> Apple2:
    return set_up(request.param, ROM)


def cursor(m: Apple2, ch: int, cv: int) -> None:
    m.mem[CH], m.mem[CV] = ch, cv
    call(m, "VTAB")


def blank_screen(m: Apple2, char: int = 0xA0) -> None:
    m.mem[0x400:0x800] = char


CHECKS, check = check_registry()


# === the table itself ================================================================

def test_every_entry_has_a_cpu_check():
    assert sorted(CHECKS) == sorted(e.name for e in ENTRIES)


def test_entry_names_and_code_addresses_are_unique():
    names = [e.name for e in ENTRIES]
    assert len(names) == len(set(names))
    code = [e.address for e in ENTRIES if e.kind == CODE]
    assert len(code) == len(set(code))


@pytest.mark.parametrize("entry", [e for e in ENTRIES if e.kind == CODE], ids=lambda e: e.name)
def test_code_entries_start_with_an_instruction(entry):
    """Not the BRK that fills the unused space: a documented 6502 opcode."""
    first = ROM[entry.address - 0xD000]
    assert first != 0x00 and opcode(NMOS, first).documented, f"{entry.name}: ${first:02X}"


def test_what_is_not_provided_leaves_the_entries_alone():
    """No range of NOT_PROVIDED covers an address the table provides."""
    for ranges in entry_points.NOT_PROVIDED:
        for part in ranges.split(", "):
            low, high = (int(a.strip("$"), 16) for a in part.split("-"))
            inside = [e.name for e in ENTRIES if e.kind == CODE and low <= e.address <= high]
            assert inside == [], (part, inside)


def test_every_source_cited_is_listed():
    cited = {s for e in ENTRIES for s in e.sources}
    assert cited <= set(entry_points.SOURCES)


def test_roms_readme_prints_the_table():
    readme = (ROOT / "roms" / "README.md").read_text()
    assert entry_points.markdown() in readme, \
        "roms/README.md's entry-point table differs: paste `python -m emu.entry_points`"


@pytest.mark.parametrize("name", sorted(e.name for e in ENTRIES))
def test_entry(m, name):
    CHECKS[name](m)


def test_every_entry_runs_in_f8_alone():
    """The table says so of every entry (test_entry then proves it, three ways)."""
    assert [e.name for e in ENTRIES if not e.self_contained] == []


def cpu_read(m: Apple2, address: int) -> int:
    """A byte read by the CPU (LDA address), through the memory map as it stands."""
    run_code(m, bytes([0xAD, address & 0xFF, address >> 8, 0x85, 0xE0]) + jmp_self(0x1105),
             at=0x1100)
    return m.peek(0xE0)


def test_the_setups_are_what_they_say():
    rom = set_up("rom", ROM)
    assert cpu_read(rom, 0xE000) == 0x4C and cpu_read(rom, 0xD17B) == 0x53
    alone = set_up("f8 alone", ROM)
    assert (cpu_read(alone, 0xE000), cpu_read(alone, 0xD17B)) != (0x4C, 0x53)
    card = set_up("card copy", ROM)
    assert [cpu_read(card, a) for a in (0xD000, 0xE000, 0xF7FF)] == [0, 0, 0]
    card.mem[bus.LC_HIGH + 0x1FFF] ^= 0xFF       # the IRQ vector's high byte, in the card
    assert cpu_read(card, 0xFFFF) == ROM[-1] ^ 0xFF


# The monitor itself, and what enters it: the only ones that may use $FF9B-$FFF9
# (and $FFCB, whose RTS ProDOS needs in the ROM, lies in the handler's place).
COMMAND_LOOP = {"MON", "MONZ", "OLDRST", "OLDBRK", "RESET"}


@pytest.mark.parametrize("name", sorted(e.name for e in ENTRIES
                                        if e.name not in COMMAND_LOOP | {"RTS $FFCB"}))
def test_entry_with_a_handler_over_ff9b(name):
    """ProDOS keeps its own handler at $FF9B-$FFFF of the card: with the monitor
    copied into the card and BRKs over its $FF9B-$FFF9, every routine but the
    monitor's command loop still works."""
    m = set_up("card copy", ROM)
    m.mem[bus.LC_HIGH + 0x1F9B:bus.LC_HIGH + 0x1FFA] = 0
    CHECKS[name](m)


def test_a_routine_that_leaves_f8_fails_in_the_card():
    """The control: SETNORM rewritten as a JMP to a copy of itself at $D800 works
    from the ROM, but not from a copy of $F800-$FFFF in the card (the harness
    would catch a monitor that is not whole in itself)."""
    rom = bytearray(ROM)
    rom[0xD800 - 0xD000:0xD805 - 0xD000] = bytes([0xA0, 0xFF, 0x84, 0x32, 0x60])  # LDY STY RTS
    rom[0xFE84 - 0xD000:0xFE87 - 0xD000] = bytes([0x4C, 0x00, 0xD8])             # JMP $D800
    rom = bytes(rom)
    m = power_up(rom)
    m.mem[INVFLG] = 0x3F
    assert call(m, "SETNORM").y == 0xFF and m.peek(INVFLG) == 0xFF
    monitor_in_card(m, rom)
    m.mem[INVFLG] = 0x3F
    with pytest.raises(AssertionError):
        call(m, "SETNORM", limit=200_000)


# === data and vectors, read by a program ==================================================

@check("VERSION", "ID $FB1E", "ZIDBYTE2", "ZIDBYTE", "RTBL", "NMI vector",
       "RESET vector", "IRQ vector")
def read_bytes(m):
    for entry in (e for e in ENTRIES if e.kind != CODE):
        got = []
        for i in range(len(entry.value)):
            addr = entry.address + i
            # LDA addr ; STA $E0 ; JMP *
            run_code(m, bytes([0xAD, addr & 0xFF, addr >> 8, 0x85, 0xE0]) + jmp_self(0x1005))
            got.append(m.peek(0xE0))
        assert bytes(got) == entry.value, entry.name


# === lo-res ===================================================================================

@check("PLOT", "SETCOL")
def plot(m):
    blank_screen(m)
    assert call(m, "SETCOL", a=0x19).a == 0x99 and m.peek(COLOR) == 0x99
    regs = call(m, "PLOT", a=5, y=3)            # block row 5: text row 2, lower half
    assert screen_byte(m, 2, 3) == 0x90 and regs.a == 0x90
    assert word(m, GBASL) == row_base(2) and m.peek(MASK) == 0xF0
    call(m, "SETCOL", a=6)
    call(m, "PLOT", a=4, y=3)                   # the same byte's upper block
    assert screen_byte(m, 2, 3) == 0x96 and m.peek(MASK) == 0x0F


@check("PLOT1")
def plot1(m):
    m.mem[GBASL:GBASH + 1] = [row_base(7) & 0xFF, row_base(7) >> 8]
    m.mem[MASK], m.mem[COLOR] = 0x0F, 0x55
    call(m, "PLOT1", y=9)
    assert screen_byte(m, 7, 9) == 0xA5


@check("HLINE", "VLINE", "SCRN")
def lines_and_scrn(m):
    call(m, "CLRSCR")
    call(m, "SETCOL", a=0xC)
    m.mem[H2] = 7
    assert call(m, "HLINE", a=10, y=2).y == 7
    m.mem[V2] = 20
    assert call(m, "VLINE", a=12, y=30).a == 20
    assert [call(m, "SCRN", a=10, y=c).a for c in range(10)] == [0, 0] + [0xC] * 6 + [0, 0]
    assert [call(m, "SCRN", a=r, y=30).a for r in range(10, 23)] == [0, 0] + [0xC] * 9 + [0, 0]


@check("CLRSCR", "CLRTOP")
def clear_lores(m):
    blank_screen(m, 0xFF)
    call(m, "CLRTOP", x=0x33)
    assert screen_byte(m, 19, 39) == 0 and screen_byte(m, 20, 0) == 0xFF
    assert (m.peek(COLOR), m.peek(V2)) == (0, 39)
    call(m, "CLRSCR", x=0x44)
    assert all(screen_byte(m, r, c) == 0 for r in range(24) for c in range(40))
    assert m.peek(V2) == 47


@check("GBASCALC")
def gbascalc(m):
    for row in (0, 7, 8, 15, 23):
        regs = call(m, "GBASCALC", a=row, x=0x11, y=0x22)
        assert word(m, GBASL) == row_base(row) and regs.a == row_base(row) & 0xFF


@check("NXTCOL")
def nxtcol(m):
    m.mem[COLOR] = 0x55
    assert call(m, "NXTCOL").a == 0x88 and m.peek(COLOR) == 0x88


# === the disassembler ==========================================================================

def set_pc(m, address: int) -> None:
    m.mem[PCL], m.mem[PCH] = address & 0xFF, address >> 8


@check("INSDS1")
def insds1(m):
    call(m, "HOME")
    call(m, "COUT", a=0xD8)                     # "X": the line is not empty
    m.load(0x1234, bytes([0xAD, 0x00, 0xC0]))   # LDA $C000
    set_pc(m, 0x1234)
    call(m, "INSDS1")
    assert rows(m)[1].startswith("1234-   ") and m.peek(CH) == 8
    assert m.peek(LENGTH) == 2


@check("INSDS1.2")
def insds12(m):
    m.load(0x1200, bytes([0xA9, 0x00]))         # LDA #0
    set_pc(m, 0x1200)
    call(m, "INSDS1.2", x=0)
    assert m.peek(LENGTH) == 1


@check("INSDS2")
def insds2(m):
    """LENGTH for every opcode: its operand bytes from the 6502 data sheet's table
    (emu/cpu/opcodes.py), 0 for the opcodes it does not document."""
    for op in range(256):
        info = opcode(NMOS, op)
        call(m, "INSDS2", a=op)
        assert m.peek(LENGTH) == (info.length - 1 if info.documented else 0), f"${op:02X}"


@check("INSTDSP")
def instdsp(m):
    call(m, "HOME")
    m.load(0x1200, bytes([0xB1, 0x3C, 0xD0, 0xFC]))     # LDA ($3C),Y ; BNE $1200
    m.mem[A1L:A5H + 1] = range(1, 11)                   # A1-A5: not its scratch
    set_pc(m, 0x1200)
    call(m, "INSTDSP")
    set_pc(m, 0x1202)
    call(m, "INSTDSP")
    listed = [r.rstrip() for r in rows(m) if r.startswith("120")]
    assert "B1 3C" in listed[0] and listed[0].endswith("LDA ($3C),Y")
    assert "D0 FC" in listed[1] and listed[1].endswith("BNE $1200")
    assert m.peek(LENGTH) == 1 and list(m.mem[A1L:A5H + 1]) == list(range(1, 11))


@check("PRNTYX", "PRNTAX", "PRNTX")
def prnt(m):
    call(m, "HOME")
    call(m, "PRNTYX", y=0x12, x=0x34)
    call(m, "PRNTAX", a=0xBE, x=0xEF)
    call(m, "PRNTX", x=0x5A)
    assert rows(m)[0].startswith("1234BEEF5A ")


@check("PRBLNK", "PRBL2")
def blanks(m):
    call(m, "HOME")
    call(m, "COUT", a=0xD8)
    assert call(m, "PRBLNK", x=9).x == 0
    call(m, "COUT", a=0xD9)
    assert call(m, "PRBL2", x=5).x == 0
    call(m, "COUT", a=0xDA)
    assert rows(m)[0].startswith("X   Y     Z")


@check("PCADJ", "PCADJ2", "PCADJ3")
def pcadj(m):
    set_pc(m, 0x12FE)
    m.mem[LENGTH] = 2
    regs = call(m, "PCADJ")
    assert (regs.a, regs.y, regs.x) == (0x01, 0x13, 2)        # $12FE + 3
    m.mem[LENGTH] = 1
    assert (call(m, "PCADJ2").a, call(m, "PCADJ2", carry=True).a) == (0xFF, 0x00)
    set_pc(m, 0x1300)
    regs = call(m, "PCADJ3", a=0xFE, carry=True)              # $1300 - 2 + 1
    assert (regs.a, regs.y, regs.x) == (0xFF, 0x12, 0xFE)
    regs = call(m, "PCADJ3", a=0x10)
    assert (regs.a, regs.y) == (0x10, 0x13)


# === interrupts, reset, power-up ===========================================================

@check("IRQ")
def irq(m):
    """A real IRQ: A in $45, X and Y as they were, the stack frame as the 6502 left it."""
    # handler 1100: STX $E4 ; STY $E5 ; TSX ; STX $E6 ; LDA $0101,X ; ORA #4 ;
    #               STA $0101,X (return with I set: the line stays low) ; LDA $45 ; RTI
    m.load(0x1100, bytes([0x86, 0xE4, 0x84, 0xE5, 0xBA, 0x86, 0xE6, 0xBD, 0x01, 0x01,
                          0x09, 0x04, 0x9D, 0x01, 0x01, 0xA5, 0x45, 0x40]))
    m.load(IRQLOC, bytes([0x00, 0x11]))
    # main 1000: TSX ; STX $E7 ; LDX #$77 ; LDY #$66 ; LDA #$55 ; CLI ; NOP ; NOP ;
    #            STA $E0 ; JMP *
    m.load(0x1000, bytes([0xBA, 0x86, 0xE7, 0xA2, 0x77, 0xA0, 0x66, 0xA9, 0x55, 0x58,
                          0xEA, 0xEA, 0x85, 0xE0]) + jmp_self(0x100E))
    m.cpu.set_pc(0x1000)
    m.cpu.run(instructions=6)                   # up to and with the CLI
    m.cpu.state[state.IRQ] = 1                  # a card pulls IRQ low
    m.cpu.state[state.IRQ_AT] = m.cpu.cycles
    m.cpu.stop_on_self_loop = True
    reason = m.cpu.run(cycles=2000)
    m.cpu.stop_on_self_loop = False
    m.cpu.state[state.IRQ] = 0
    assert reason == StopReason.SELF_LOOP and m.cpu.pc == 0x100E
    assert m.peek(A5H) == 0x55 and (m.peek(0xE4), m.peek(0xE5)) == (0x77, 0x66)
    assert m.peek(0xE6) == m.peek(0xE7) - 3     # only the interrupt's own 3 bytes
    assert m.peek(0xE0) == 0x55                 # A back, from $45


def brk_program(m, handler: bytes | None) -> None:
    """1000: BA 86 E7 A9 12 A2 34 A0 56 F8 00 EA 4C 0C 10
    TSX ; STX $E7 ; LDA #$12 ; LDX #$34 ; LDY #$56 ; SED ; BRK ; NOP ; JMP *
    With ``handler``, BRKV points at it (at $1100)."""
    if handler is not None:
        m.load(0x1100, handler)
        m.load(BRKV, bytes([0x00, 0x11]))
    m.load(0x1000, bytes([0xBA, 0x86, 0xE7, 0xA9, 0x12, 0xA2, 0x34, 0xA0, 0x56, 0xF8,
                          0x00, 0xEA, 0x4C, 0x0C, 0x10]))


@check("BREAK")
def brk(m):
    # handler 1100: 08 68 85 E0 BA 86 E6 4C 07 11   PHP ; PLA ; STA $E0 ; TSX ; STX $E6 ; JMP *
    brk_program(m, bytes([0x08, 0x68, 0x85, 0xE0, 0xBA, 0x86, 0xE6, 0x4C, 0x07, 0x11]))
    m.cpu.set_pc(0x1000)
    m.cpu.stop_on_self_loop = True
    assert m.cpu.run(cycles=10_000) == StopReason.SELF_LOOP and m.cpu.pc == 0x1107
    m.cpu.stop_on_self_loop = False
    assert [m.peek(A5H + i) for i in range(3)] == [0x12, 0x34, 0x56]
    assert m.peek(STATUS) & (FLAG_D | 0x10) == FLAG_D | 0x10   # as the BRK pushed it
    assert word(m, PCL) == 0x100C                               # the BRK's address + 2
    assert m.peek(0xE6) == m.peek(0xE7)                         # its 3 bytes are off
    assert not m.peek(0xE0) & FLAG_D                            # binary mode


def prodos_handoff(m, target: int, frame: bytes = b"") -> None:
    """As ProDOS's language-card handler hands an IRQ, a BRK or RESET to the ROM:
    the card holds STA $C082 at $FFC8 (the ROM in, the card write-protected);
    the program at $1000 pushes ``frame`` (an interrupt's), then ``target`` - 1,
    reads and writes the card (LDA $C08B twice) and jumps to $FFC8, so that
    the next instruction comes from the ROM's $FFCB, an RTS."""
    m.mem[bus.LC_HIGH + 0x1FC8:bus.LC_HIGH + 0x1FCB] = [0x8D, 0x82, 0xC0]
    push = b"".join(bytes([0xA9, b, 0x48]) for b in frame)               # LDA #b ; PHA
    back = target - 1
    code = (push + bytes([0xA9, back >> 8, 0x48, 0xA9, back & 0xFF, 0x48,
                          0xAD, 0x8B, 0xC0, 0xAD, 0x8B, 0xC0, 0x4C, 0xC8, 0xFF]))
    m.load(0x1000, code)
    m.cpu.set_pc(0x1000)


@check("RTS $FFCB")
def rts_ffcb(m):
    assert call(m, "RTS $FFCB", a=1, x=2, y=3).cycles == call(m, "IORTS").cycles  # a bare RTS
    run_code(m, jmp_self(0x1200), at=0x1200)
    prodos_handoff(m, 0x1200)
    m.cpu.stop_on_self_loop = True
    assert m.cpu.run(cycles=1000) == StopReason.SELF_LOOP and m.cpu.pc == 0x1200
    m.cpu.stop_on_self_loop = False
    assert m.io[bus.LC_READ_RAM] == 0                   # the ROM is in


@check("IRQ2")
def irq2(m):
    """ProDOS's way into the ROM's IRQ handler: A already in $45, then $FA42."""
    # receiver 1100: 86 E4 84 E5 BA 86 E6 A5 45 40   STX $E4 ; STY $E5 ; TSX ; STX $E6 ;
    #                                                LDA $45 ; RTI
    m.load(0x1100, bytes([0x86, 0xE4, 0x84, 0xE5, 0xBA, 0x86, 0xE6, 0xA5, 0x45, 0x40]))
    m.load(IRQLOC, bytes([0x00, 0x11]))
    run_code(m, bytes([0x85, 0xE0]) + jmp_self(0x1202), at=0x1200)   # STA $E0 ; JMP *
    m.mem[A5H] = 0x5C
    prodos_handoff(m, 0xFA42, frame=bytes([0x12, 0x00, 0x20]))       # to $1200, B clear
    m.cpu.state[state.X], m.cpu.state[state.Y] = 0x11, 0x22
    start_s = int(m.cpu.state[state.S])
    m.cpu.stop_on_self_loop = True
    assert m.cpu.run(cycles=2000) == StopReason.SELF_LOOP and m.cpu.pc == 0x1202
    m.cpu.stop_on_self_loop = False
    assert (m.peek(0xE4), m.peek(0xE5), m.peek(0xE0)) == (0x11, 0x22, 0x5C)
    assert m.peek(0xE6) == start_s - 3          # the frame on top, as the 6502 left it
    # a BRK's frame (B set): BREAK, then BRKV, with the PC the frame holds
    m.load(0x1100, bytes([0xBA, 0x86, 0xE6]) + jmp_self(0x1103))    # TSX ; STX $E6 ; JMP *
    m.load(BRKV, bytes([0x00, 0x11]))
    prodos_handoff(m, 0xFA42, frame=bytes([0x12, 0x34, 0x30]))
    m.cpu.stop_on_self_loop = True
    assert m.cpu.run(cycles=2000) == StopReason.SELF_LOOP and m.cpu.pc == 0x1103
    m.cpu.stop_on_self_loop = False
    assert word(m, PCL) == 0x1234 and m.peek(0xE6) == start_s   # its 3 bytes are off


@check("OLDBRK")
def oldbrk(m):
    assert word(m, BRKV) == ENTRY["OLDBRK"].address             # the cold start's BRKV
    brk_program(m, None)
    m.cpu.set_pc(0x1000)
    clear_toggles(m)
    m.cpu.run(cycles=300_000)
    screen = rows(m)
    line = next(i for i, text in enumerate(screen) if text.startswith("100C-"))
    assert screen[line].startswith("100C-    A=12 X=34 Y=56 P=")
    assert screen[line + 1].strip() == "*"
    assert len(toggles(m)) == 192                               # MON beeps


@check("RESET")
def reset(m):
    # 1000: A9 5A 85 E7 4C 04 10   LDA #$5A ; STA $E7 ; JMP *
    m.load(0x1000, bytes([0xA9, 0x5A, 0x85, 0xE7, 0x4C, 0x04, 0x10]))
    m.load(SOFTEV, bytes([0x00, 0x10, 0x10 ^ 0xA5]))
    m.mem[INVFLG] = 0x3F
    m.mem[CSWL:CSWL + 4] = [0, 0xC3, 0, 0xC3]
    run_code(m, bytes([0xAD, 0x50, 0xC0, 0xAD, 0x55, 0xC0]) + jmp_self(0x1106), at=0x1100)
    m.reset()
    clear_toggles(m)
    m.cpu.stop_on_self_loop = True
    assert m.cpu.run(cycles=1_000_000) == StopReason.SELF_LOOP and m.cpu.pc == 0x1004
    m.cpu.stop_on_self_loop = False
    assert m.peek(0xE7) == 0x5A
    assert len(toggles(m)) == 192                               # the beep
    assert m.peek(INVFLG) == 0xFF
    assert (word(m, CSWL), word(m, KSWL)) == (0xFDF0, 0xFD1B)
    assert m.video_mode & bus.TEXT and not m.video_mode & bus.PAGE2
    m.mem[PWREDUP] ^= 0xFF                                      # not valid: a cold start
    m.reset()
    m.run(frames=30, render=False)
    assert rows(m)[0].strip() == TITLE


@check("PWRUP")
def pwrup(m):
    m.mem[BRKV:BRKV + 16] = 0
    fake_card(m, 6, 0x66)
    run_code(m, bytes([0x4C, 0xA6, 0xFA]) + jmp_self(0x1003), limit=2_000_000)
    assert m.cpu.pc == 0xC60C and m.peek(0xE8) == 0x66          # the card booted
    assert rows(m)[0].strip() == TITLE and m.peek(MSLOT) == 0xC6
    assert word(m, BRKV) == ENTRY["OLDBRK"].address
    assert m.peek(PWREDUP) == m.peek(SOFTEV + 1) ^ 0xA5
    assert (m.peek(0x3F5), m.peek(0x3F8), m.peek(0x3FB)) == (0x4C, 0x4C, 0x4C)


@check("SLOOP")
def sloop(m):
    fake_card(m, 5, 0x55)
    fake_card(m, 6, 0x66)
    # a card in slot 6 found no disk: LDA #0 ; STA $00 ; LDA #$C6 ; STA $01 ; JMP $FABA
    run_code(m, bytes([0xA9, 0x00, 0x85, 0x00, 0xA9, 0xC6, 0x85, 0x01, 0x4C, 0xBA, 0xFA]),
             limit=100_000)
    assert m.cpu.pc == 0xC50C and m.peek(0xE8) == 0x55 and m.peek(MSLOT) == 0xC5


@check("REGDSP", "RGDSP1")
def regdsp(m):
    call(m, "HOME")
    m.mem[A5H:SPNT + 1] = [0x12, 0x34, 0x56, 0x30, 0xF7]
    call(m, "COUT", a=0xAA)
    call(m, "RGDSP1")
    assert rows(m)[0].startswith("* A=12 X=34 Y=56 P=30 S=F7")
    m.mem[A3L:A3L + 2] = [0, 0]
    call(m, "REGDSP")
    assert rows(m)[1].startswith(" A=12 X=34 Y=56 P=30 S=F7")
    assert word(m, A3L) == 0x0045


# === paddles, window, title, power-up byte ===================================================

@check("PREAD", "PREAD4")
def pread(m):
    for value in (0, 100, 255):
        m.set_paddle(0, value)
        assert abs(call(m, "PREAD", x=0).y - value) <= 1
    m.set_paddle(1, 200)
    call(m, "WAIT", a=255)                      # every timer has run out
    assert call(m, "PREAD4", x=1).y == 0        # no trigger: nothing to count
    # LDA $C070 ; LDX #1 ; JSR PREAD4 ; STY $E2 ; JMP *
    run_code(m, bytes([0xAD, 0x70, 0xC0, 0xA2, 0x01, 0x20, 0x21, 0xFB, 0x84, 0xE2])
             + jmp_self(0x100A))
    assert abs(m.peek(0xE2) - 200) <= 1


def switch(m, *addresses: int) -> None:
    """Touch soft switches from a program (LDA addr ...)."""
    code = b"".join(bytes([0xAD, a & 0xFF, a >> 8]) for a in addresses)
    run_code(m, code + jmp_self(0x1100 + len(code)), at=0x1100)


@check("INIT")
def init(m):
    switch(m, 0xC050, 0xC055, 0xC057)           # graphics, page 2, hi-res
    window(m, 5, 10, 5, 10)
    m.mem[STATUS] = 0xFF
    call(m, "INIT")
    assert m.video_mode & bus.TEXT and not m.video_mode & (bus.PAGE2 | bus.HIRES)
    assert [m.peek(a) for a in (WNDLFT, WNDWDTH, WNDTOP, WNDBTM, CV)] == [0, 40, 0, 24, 23]
    assert m.peek(STATUS) == 0


@check("SETTXT", "SETGR")
def settxt_setgr(m):
    switch(m, 0xC055)                           # page 2
    call(m, "SETGR")
    assert not m.video_mode & bus.TEXT and m.video_mode & bus.MIXED
    assert (m.peek(WNDTOP), m.peek(WNDBTM), m.peek(CV)) == (20, 24, 23)
    call(m, "SETTXT")
    assert m.video_mode & bus.TEXT and m.video_mode & bus.PAGE2    # the page stays
    assert (m.peek(WNDTOP), m.peek(WNDWDTH), m.peek(CV)) == (0, 40, 23)


@check("SETWND")
def setwnd(m):
    window(m, 3, 20, 0, 10)
    regs = call(m, "SETWND", a=5)
    assert [m.peek(a) for a in (WNDLFT, WNDWDTH, WNDTOP, WNDBTM, CV)] == [0, 40, 5, 24, 23]
    assert regs.a == m.peek(BASL) and word(m, BASL) == row_base(23)


@check("TABV")
def tabv(m):
    regs = call(m, "TABV", a=13, x=1, y=2)
    assert m.peek(CV) == 13 and word(m, BASL) == row_base(13) and regs.a == m.peek(BASL)


@check("APPLEII")
def appleii(m):
    blank_screen(m, 0xD8)
    assert call(m, "APPLEII").y == 0
    screen = rows(m)
    assert screen[0] == TITLE.center(40) and all(r == " " * 40 for r in screen[1:])
    assert (m.peek(CH), m.peek(CV)) == (0, 0)


@check("SETPWRC")
def setpwrc(m):
    m.load(SOFTEV, bytes([0x00, 0x12, 0x00]))
    regs = call(m, "SETPWRC", x=9, y=8)
    assert m.peek(PWREDUP) == 0x12 ^ 0xA5 == regs.a


# === the screen ================================================================================

@check("VIDWAIT", "KBDWAIT")
def vidwait(m):
    call(m, "HOME")
    m.type_text("\x13Q")                        # Ctrl-S, then any key
    call(m, "VIDWAIT", a=0x8D)
    assert m.io[bus.KBD] < 0x80 and m.keys_pending == 0   # both taken
    assert (m.peek(CH), m.peek(CV)) == (0, 1)
    m.type_text("\x13\x03")                     # Ctrl-S, then Ctrl-C: left for the program
    call(m, "WAIT", a=40)                       # (a typed key arrives 2,000 cycles on)
    call(m, "VIDWAIT", a=0x8D)
    assert m.io[bus.KBD] == 0x83
    call(m, "VIDWAIT", a=0x8D)                  # a waiting key that is not Ctrl-S
    assert m.io[bus.KBD] == 0x83
    run_code(m, bytes([0x2C, 0x10, 0xC0]) + jmp_self(0x1103), at=0x1100)   # BIT $C010
    m.type_text("Z")
    call(m, "WAIT", a=40)
    call(m, "KBDWAIT", a=0xC1)
    assert m.io[bus.KBD] < 0x80 and m.keys_pending == 0 and m.peek(CH) == 1


@check("BASCALC")
def bascalc(m):
    for row in range(24):
        regs = call(m, "BASCALC", a=row, x=3, y=4)
        assert word(m, BASL) == row_base(row) and regs.a == row_base(row) & 0xFF


@check("BELL1", "BELL1.2", "BELL2")
def bells(m):
    for name, y, count, pause in (("BELL1", 9, 192, True), ("BELL1.2", 9, 192, False),
                                  ("BELL2", 10, 10, False), ("BELL2", 0, 256, False)):
        clear_toggles(m)
        start = m.cpu.cycles
        assert call(m, name, x=0x5C, y=y).y == 0
        times = toggles(m)
        assert len(times) == count, name
        first = times[0] - start
        assert (first > 10_000) if pause else (first < 1_000), (name, first)  # 0.01 s
        gaps = {b - a for a, b in zip(times, times[1:])}
        assert len(gaps) == 1, name             # a steady tone
        assert 900 < bus.CPU_HZ / (2 * gaps.pop()) < 1000


@check("STORADV", "ADVANCE")
def storadv(m):
    call(m, "HOME")
    m.mem[INVFLG] = 0x3F
    call(m, "STORADV", a=0xC1)                  # as it is: INVFLG is COUT1's business
    call(m, "STORADV", a=0x02)
    assert [screen_byte(m, 0, c) for c in (0, 1)] == [0xC1, 0x02] and m.peek(CH) == 2
    cursor(m, 39, 4)
    call(m, "ADVANCE")
    assert (m.peek(CH), m.peek(CV)) == (0, 5)


@check("VIDOUT")
def vidout(m):
    call(m, "HOME")
    m.mem[INVFLG] = 0x3F
    for char in (0xC1, 0x81, 0x42, 0x8D, 0xC2):
        call(m, "VIDOUT", a=char, x=0x99)
    assert [screen_byte(m, 0, c) for c in (0, 1, 2)] == [0xC1, 0x42, 0xA0]
    assert screen_byte(m, 1, 0) == 0xC2 and (m.peek(CH), m.peek(CV)) == (1, 1)


@check("BS", "UP")
def bs_up(m):
    window(m)
    cursor(m, 0, 5)
    call(m, "BS")
    assert (m.peek(CH), m.peek(CV)) == (39, 4) and word(m, BASL) == row_base(4)
    call(m, "UP", x=1, y=2)
    assert m.peek(CV) == 3
    window(m, top=3)
    call(m, "UP")
    assert m.peek(CV) == 3                      # the window's top row: stays


@check("VTAB", "VTABZ")
def vtab(m):
    window(m, left=7)
    for row in (0, 9, 23):
        m.mem[CV] = row
        assert call(m, "VTAB", x=1, y=2).a == (row_base(row) + 7) & 0xFF
        assert word(m, BASL) == row_base(row) + 7
        assert call(m, "VTABZ", a=row).a == (row_base(row) + 7) & 0xFF


@check("CLREOP", "CLREOL", "CLEOLZ")
def clear_text(m):
    blank_screen(m, 0xD8)
    window(m)
    cursor(m, 10, 20)
    assert call(m, "CLREOL", x=5).y == 40
    assert rows(m)[20] == "X" * 10 + " " * 30
    cursor(m, 30, 21)
    assert call(m, "CLEOLZ", y=35).y == 40
    assert rows(m)[21] == "X" * 35 + " " * 5
    cursor(m, 10, 20)
    regs = call(m, "CLREOP", x=5)
    assert rows(m)[19] == "X" * 40 and rows(m)[21:] == [" " * 40] * 3
    assert regs.y == 0 and regs.a == m.peek(BASL) and word(m, BASL) == row_base(20)


@check("HOME")
def home(m):
    blank_screen(m, 0xD8)
    window(m, top=3)
    cursor(m, 17, 9)
    regs = call(m, "HOME", x=6)
    screen = rows(m)
    assert screen[:3] == ["X" * 40] * 3 and screen[3:] == [" " * 40] * 21
    assert (m.peek(CH), m.peek(CV), word(m, BASL)) == (0, 3, row_base(3))
    assert (regs.y, regs.a) == (0, row_base(3) & 0xFF)


@check("CR", "LF")
def cr_lf(m):
    window(m)
    cursor(m, 12, 5)
    call(m, "CR")
    assert (m.peek(CH), m.peek(CV), word(m, BASL)) == (0, 6, row_base(6))
    cursor(m, 12, 5)
    call(m, "LF")
    assert (m.peek(CH), m.peek(CV)) == (12, 6)
    blank_screen(m, 0xA0)
    m.mem[row_base(1):row_base(1) + 40] = 0xC1
    cursor(m, 3, 23)
    call(m, "LF")                               # the bottom: scroll
    assert m.peek(CV) == 23 and rows(m)[0] == "A" * 40


@check("SCROLL")
def scroll(m):
    window(m, top=2, bottom=10)
    for r in range(24):
        m.mem[row_base(r):row_base(r) + 40] = 0xC1 + r
    m.mem[CV] = 8
    call(m, "SCROLL", x=0x12)
    screen = rows(m)
    assert [line[0] for line in screen[:11]] == list("ABDEFGHIJ") + [" ", "K"]
    assert screen[9] == " " * 40 and m.peek(CV) == 8 and word(m, BASL) == row_base(8)


@check("WAIT")
def wait(m):
    base = call(m, "IORTS").cycles - 12         # the caller's own cycles
    for a in (1, 2, 10, 100, 255):
        regs = call(m, "WAIT", a=a, x=1, y=2)
        assert regs.cycles - base == (26 + 27 * a + 5 * a * a) // 2
        assert regs.a == 0 and regs.p & FLAG_C


@check("NXTA4", "NXTA1")
def nxta(m):
    m.mem[A1L:A1L + 4] = [0xFF, 0x10, 0x00, 0x11]      # A1 = $10FF, A2 = $1100
    assert not call(m, "NXTA1").p & FLAG_C and word(m, A1L) == 0x1100
    assert call(m, "NXTA1").p & FLAG_C and word(m, A1L) == 0x1101
    m.mem[A1L:A1L + 2] = [0xFF, 0x10]
    m.mem[A4L:A4L + 2] = [0xFF, 0x20]
    assert not call(m, "NXTA4").p & FLAG_C
    assert (word(m, A1L), word(m, A4L)) == (0x1100, 0x2100)


@check("HEADR", "WRITE", "READ")
def cassette(m):
    for name in ("HEADR", "WRITE", "READ"):
        assert call(m, name, a=1, x=2, y=3).cycles < 60, name


# === the keyboard ===============================================================================

@check("RDKEY", "KEYIN")
def rdkey(m):
    call(m, "HOME")
    m.mem[RNDL:RNDL + 2] = [0, 0]
    m.load(0x1100, bytes([0x20, 0x0C, 0xFD, 0x85, 0xE0, 0x84, 0xE2]) + jmp_self(0x1107))
    m.cpu.set_pc(0x1100)
    m.cpu.run(cycles=20_000)                    # no key yet
    assert screen_byte(m, 0, 0) == 0x60         # a flashing space under the cursor
    m.type_text("Q")
    m.cpu.stop_on_self_loop = True
    m.cpu.run(cycles=100_000)
    m.cpu.stop_on_self_loop = False
    assert (m.peek(0xE0), m.peek(0xE2)) == (0xD1, 0) and screen_byte(m, 0, 0) == 0xA0
    assert m.io[bus.KBD] < 0x80 and word(m, RNDL) > 0
    m.type_text("W")
    cursor(m, 4, 0)
    assert call(m, "KEYIN", a=0xC8, y=4).a == 0xD7
    assert screen_byte(m, 0, 4) == 0xC8         # A went back into the cell


@check("KEYIN0")
def keyin0(m):
    m.type_text("K")
    cursor(m, 0, 0)
    assert call(m, "KEYIN0", a=0xA0, y=0).a == 0xCB


@check("RDCHAR")
def rdchar(m):
    window(m)
    cursor(m, 5, 10)
    m.type_text("\x1bKKJ Z")                    # right 2, left 1; the space ends it
    assert call(m, "RDCHAR", x=0x42).a == 0xDA
    assert (m.peek(CH), m.peek(CV)) == (6, 10)


@check("GETLNZ", "GETLN", "GETLN0", "GETLN1")
def getln(m):
    for name, a, prompt in (("GETLN", 0, ">"), ("GETLN0", 0xBA, ":"), ("GETLN1", 0, ""),
                            ("GETLNZ", 0, ">")):
        call(m, "HOME")
        call(m, "COUT", a=0xD8)                 # something on the line
        m.mem[PROMPT] = 0xBE
        m.type_text("HELLX")
        m.key(0x08)
        m.type_text("O\n")
        regs = call(m, name, a=a)
        assert regs.x == 5 and bytes(m.mem[0x200:0x206]) == b"\xC8\xC5\xCC\xCC\xCF\x8D"
        line = 1 if name == "GETLNZ" else 0
        start = "" if name == "GETLNZ" else "X"
        assert rows(m)[line].startswith(start + prompt + "HELLO "), name


@check("CROUT", "CROUT1")
def crout(m):
    blank_screen(m, 0xD8)
    cursor(m, 10, 4)
    assert call(m, "CROUT1", x=3).a == 0x8D
    assert rows(m)[4] == "X" * 10 + " " * 30 and (m.peek(CH), m.peek(CV)) == (0, 5)
    assert call(m, "CROUT", x=1, y=2).a == 0x8D and m.peek(CV) == 6


@check("PRA1", "PRYX2")
def pra1(m):
    call(m, "HOME")
    call(m, "COUT", a=0xD8)
    m.mem[A1L:A1L + 2] = [0x34, 0x12]
    regs = call(m, "PRA1")
    assert (regs.y, regs.a) == (0, 0xAD) and rows(m)[1].startswith("1234-")
    call(m, "PRYX2", y=0xAB, x=0xCD)
    assert rows(m)[2].startswith("ABCD-")


@check("PRBYTE", "PRHEX", "PRHEXZ")
def hex_digits(m):
    call(m, "HOME")
    call(m, "PRBYTE", a=0x3F, x=1, y=2)
    call(m, "PRHEX", a=0xA7)
    call(m, "PRHEXZ", a=0x0C)
    call(m, "PRHEXZ", a=0x09)
    assert rows(m)[0].startswith("3F7C9 ")


@check("COUT", "COUT1", "COUTZ")
def cout(m):
    call(m, "HOME")
    for char in (0xC1, 0x8D, 0x88, 0x01):
        regs = call(m, "COUT", a=char, x=0x12, y=0x34)
        assert regs.a == char
    call(m, "HOME")
    m.mem[INVFLG] = 0x3F
    assert call(m, "COUT1", a=0xC1).a == 0x01   # A as stored: through INVFLG
    call(m, "COUTZ", a=0xC1)                    # COUTZ: no INVFLG
    m.mem[INVFLG] = 0x7F
    call(m, "COUT1", a=0xC1)
    assert [screen_byte(m, 0, c) for c in range(3)] == [0x01, 0xC1, 0x41]
    assert m.peek(YSAV1) == 0                   # Y kept by way of YSAV1


@check("IDROUTINE")
def idroutine(m):
    """SEC / JSR $FE1F / BCS not-a-IIgs (Misc. Tech Note #7): carry stays set."""
    assert call(m, "IDROUTINE", a=1, x=2, y=3, carry=True).p & FLAG_C


@check("MOVE")
def move(m):
    m.load(0x2000, bytes(range(1, 17)))
    m.mem[A1L:A1L + 4] = [0x00, 0x20, 0x0F, 0x20]
    m.mem[A4L:A4L + 2] = [0x00, 0x30]
    call(m, "MOVE", x=7, y=0)
    assert bytes(m.mem[0x3000:0x3010]) == bytes(range(1, 17))
    assert (word(m, A1L), word(m, A4L)) == (0x2010, 0x3010)
    m.mem[A1L:A1L + 4] = [0x04, 0x20, 0x0F, 0x20]       # down over itself
    m.mem[A4L:A4L + 2] = [0x00, 0x20]
    call(m, "MOVE", y=0)
    assert bytes(m.mem[0x2000:0x200C]) == bytes(range(5, 17))


@check("VFY")
def vfy(m):
    call(m, "HOME")
    m.load(0x2000, bytes([1, 2, 3, 4]))
    m.load(0x3000, bytes([1, 2, 9, 4]))
    m.mem[A1L:A1L + 4] = [0x00, 0x20, 0x03, 0x20]
    m.mem[A4L:A4L + 2] = [0x00, 0x30]
    call(m, "VFY", y=0)
    assert [r.rstrip() for r in rows(m) if r.strip()] == ["2002-03 (09)"]


@check("LIST", "A1PC")
def list_(m):
    call(m, "HOME")
    m.load(0x1200, bytes([0xEA] * 40))          # NOPs
    set_pc(m, 0x5555)
    m.mem[A1L:A1L + 2] = [0x00, 0x12]
    call(m, "A1PC", x=0)
    assert word(m, PCL) == 0x5555
    call(m, "A1PC", x=1)
    assert word(m, PCL) == 0x1200
    set_pc(m, 0x5555)
    call(m, "LIST", x=1)                        # X = 1: from A1
    listed = [r for r in rows(m) if r.startswith("12")]
    assert len(listed) == 20 and listed[0].startswith("1200-") and "NOP" in listed[0]
    assert word(m, PCL) == 0x1214


@check("SETINV", "SETNORM")
def inverse(m):
    assert call(m, "SETINV", a=1, x=2).y == 0x3F and m.peek(INVFLG) == 0x3F
    assert call(m, "SETNORM", a=1, x=2).y == 0xFF and m.peek(INVFLG) == 0xFF


@check("SETKBD", "INPORT", "SETVID", "OUTPORT")
def ports(m):
    regs = call(m, "INPORT", a=3)
    assert word(m, KSWL) == 0xC300 and m.peek(A2L) == 3 and regs.x == KSWL
    regs = call(m, "OUTPORT", a=2)
    assert word(m, CSWL) == 0xC200 and m.peek(A2L) == 2 and regs.x == CSWL
    regs = call(m, "SETKBD")
    assert word(m, KSWL) == 0xFD1B and m.peek(A2L) == 0 and (regs.x, regs.y, regs.a) == \
        (KSWL, 0x1B, 0xFD)
    regs = call(m, "SETVID")
    assert word(m, CSWL) == 0xFDF0 and (regs.x, regs.y, regs.a) == (CSWL, 0xF0, 0xFD)


@check("GO")
def go(m):
    # 1200: 08 85 E4 86 E5 84 E6 68 85 E7 60   PHP ; STA $E4 ; STX $E5 ; STY $E6 ; PLA ;
    #                                          STA $E7 ; RTS
    m.load(0x1200, bytes([0x08, 0x85, 0xE4, 0x86, 0xE5, 0x84, 0xE6, 0x68, 0x85, 0xE7, 0x60]))
    m.mem[A5H:STATUS + 1] = [0x11, 0x22, 0x33, 0x31]
    m.mem[A1L:A1L + 2] = [0x00, 0x12]
    call(m, "GO", x=1)                          # the program RTSes back to the caller
    assert [m.peek(0xE4 + i) for i in range(3)] == [0x11, 0x22, 0x33]
    assert m.peek(0xE7) & 0xCF == 0x01          # carry set, as the saved P said


@check("PRERR")
def prerr(m):
    call(m, "HOME")
    clear_toggles(m)
    call(m, "PRERR", x=1, y=2)
    assert rows(m)[0].startswith("ERR ") and len(toggles(m)) == 192


@check("BELL")
def bell(m):
    clear_toggles(m)
    assert call(m, "BELL", x=0x77, y=5).a == 0x87 and len(toggles(m)) == 192


@check("IOSAVE", "IOREST", "SAV1")
def iosave(m):
    # LDA #$C3 ; LDX #$5A ; LDY #$A5 ; SEC ; SED ; JSR IOSAVE ; STA $E0 ; STX $E1 ;
    # PHP ; PLA ; STA $E3 ; TSX ; STX $E4 ; JMP *
    run_code(m, bytes([0xA9, 0xC3, 0xA2, 0x5A, 0xA0, 0xA5, 0x38, 0xF8, 0x20, 0x4A, 0xFF,
                       0x85, 0xE0, 0x86, 0xE1, 0x08, 0x68, 0x85, 0xE3, 0xBA, 0x86, 0xE4])
             + jmp_self(0x1016))
    assert [m.peek(A5H + i) for i in range(3)] == [0xC3, 0x5A, 0xA5]
    assert m.peek(STATUS) & 0x09 == 0x09                        # C and D as they were
    assert m.peek(SPNT) == m.peek(0xE4) - 2                     # under IOSAVE's return
    assert (m.peek(0xE0), m.peek(0xE1)) == (m.peek(STATUS), m.peek(SPNT))
    assert not m.peek(0xE3) & FLAG_D                            # decimal mode off
    m.mem[A5H] = 0x99
    call(m, "SAV1", a=0x11, x=0x22, y=0x33, carry=True)
    assert [m.peek(A5H + i) for i in range(3)] == [0x99, 0x22, 0x33]
    assert m.peek(STATUS) & FLAG_C
    m.mem[A5H:STATUS + 1] = [0x44, 0x55, 0x66, 0x81]            # N and C
    regs = call(m, "IOREST")
    assert (regs.a, regs.x, regs.y, regs.p & 0xC3) == (0x44, 0x55, 0x66, 0x81)


@check("IORTS")
def iorts(m):
    """JSR $FF58 ; TSX ; LDA $0100,X: the page the caller runs in (how card ROMs find
    their slot)."""
    run_code(m, bytes([0x20, 0x58, 0xFF, 0xBA, 0xBD, 0x00, 0x01, 0x85, 0xE0]) +
             jmp_self(0x2709), at=0x2700)
    assert m.peek(0xE0) == 0x27


@check("OLDRST", "MON", "MONZ")
def monitor_entries(m):
    for name, beeps in (("OLDRST", True), ("MON", True), ("MONZ", False)):
        call(m, "HOME")
        m.mem[INVFLG] = 0x3F
        m.mem[CSWL:CSWL + 2] = [0xF0, 0xFD]
        clear_toggles(m)
        entry = ENTRY[name].address
        m.load(CODE_AT, bytes([0x4C, entry & 0xFF, entry >> 8]))
        m.cpu.set_pc(CODE_AT)
        m.cpu.run(cycles=300_000)
        assert any(r.startswith("*") for r in rows(m)), name
        assert bool(toggles(m)) == beeps, name
        if name == "OLDRST":
            assert m.peek(INVFLG) == 0xFF and word(m, KSWL) == 0xFD1B
