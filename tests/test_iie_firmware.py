"""Our IIe firmware's internal ROM ($C100-$CFFF), through the CPU, on both IIe models.

The 80-column firmware (PR#3 at $C300, input $C305, output $C307, the
Pascal 1.1 entries), AUXMOVE ($C311), XFER ($C314) and RESET's Open-Apple
check, each entry of ``emu.entry_points.IIE_ENTRIES`` with a check of its
own, as tests/test_entry_points.py does for the monitor's.

Where the expectations come from (not from roms/src):

* the Apple IIe Technical Reference Manual (1985): ch. 3, the 80-column
  firmware (the entries, the control codes, escape mode, the screen holes
  OURCH $57B and OURCV $5FB, the Pascal 1.1 entries and their calling
  convention); ch. 4, AUXMOVE and XFER (registers, the carry, A1/A2/A4,
  $3ED-$3EE, V for the zero page and stack); RESET (Control-Open-Apple-Reset
  boots again);
* the 80-column display: column c of a text row is the byte at the row's
  address + c/2, in aux memory for an even c, in main memory for an odd one
  (Sather, "Understanding the Apple IIe", ch. 8; the TRM, ch. 2): ``cell``
  below reads the screen that way, apart from ``Apple2.text_screen``;
* Apple II Miscellaneous Technical Notes #2 (the IIe's identification
  bytes) and #8 (the Pascal 1.1 ID bytes: $38, $18, $01, $8x for an
  80-column card);
* real software: cc65's Apple II library switches 80 and 40 columns with
  ``JSR $C300`` and A = $00 or $15 (its videomode.s); a2audit
  (tests/test_disk_boot.py) checks the MMU under this ROM.
"""
from __future__ import annotations


import pytest

from emu import bus, entry_points
from emu.cpu.opcodes import NMOS, opcode
from emu.cpu.state import StopReason
from emu.entry_points import CODE, IIE_ENTRIES, OFFSET
from emu.machine import Apple2
from emu.video.modes import ALTCHAR, COL80, STORE80

from firmware_calls import (A1L, A2L, A4L, BASL, CH, CSWL, CV, FLAG_C, INVFLG, KSWL,
                            PWREDUP, ROOT, SOFTEV, WNDBTM, WNDLFT, WNDTOP, WNDWDTH, call,
                            clear_toggles, jmp_self, row_base, run_code, toggles, word)
from firmware_calls import check_registry, fake_disk_card

MODELS = ("iie", "iie-enh")
OURCH, OURCV, FWMODE = 0x57B, 0x5FB, 0x4FB
ESC, RIGHT, LEFT, UP, DOWN = 0x9B, 0x95, 0x88, 0x8B, 0x8A
FLAG_V = 0x40
RDRAMRD, RDRAMWRT, RDALTZP = 0xC013, 0xC014, 0xC016


def power_up(model: str) -> Apple2:
    """A IIe with our firmware that has powered up (no disk card: the monitor)."""
    m = Apple2(model=model)
    m.run(frames=30, render=False)
    return m


def init80(m: Apple2, char: int = 0x00) -> None:
    """JSR $C300 with A = ``char``, as PR#3's first character (or cc65) calls it."""
    call(m, 0xC300, a=char)


def cell(m: Apple2, row: int, col: int) -> int:
    """The byte shown at ``row``, ``col`` of the 80-column screen (the documented
    interleave: aux memory for even columns)."""
    address = row_base(row) + col // 2
    return int(m.mem[bus.AUX + address] if col % 2 == 0 else m.mem[address])


def line(m: Apple2, row: int) -> str:
    """Row ``row`` of the 80-column screen as ASCII (normal video bytes only)."""
    return "".join(chr(cell(m, row, c) & 0x7F) if cell(m, row, c) >= 0xA0 else "?"
                   for c in range(80))


def cout(m: Apple2, data: bytes) -> None:
    """Each byte through COUT ($FDED), by a program: LDA #b ; JSR COUT ..."""
    code = b"".join(bytes([0xA9, b, 0x20, 0xED, 0xFD]) for b in data)
    run_code(m, code + jmp_self(0x1000 + len(code)))


def text(s: str) -> bytes:
    return bytes(ord(c) | 0x80 for c in s)


def cursor(m: Apple2) -> tuple[int, int]:
    return m.peek(CH), m.peek(CV)


def move_to(m: Apple2, col: int, row: int) -> None:
    """HTAB and VTAB: CH and CV (CH not as the firmware left it, so that it counts)."""
    m.mem[CH], m.mem[CV], m.mem[0x47B] = col, row, 99


def rdkey(m: Apple2, keys: str | bytes) -> int:
    """Type ``keys``, then JSR RDKEY ($FD0C) through KSW; the key it returns."""
    if isinstance(keys, str):
        m.type_text(keys)
    else:
        for k in keys:
            m.key(k)
    return call(m, 0xFD0C, limit=20_000_000).a


def pascal(m: Apple2, name: str) -> int:
    """The address of a Pascal 1.1 entry: $C300 + the offset byte the table names."""
    return 0xC300 + m.peek(entry_points.by_name()[name].address)


@pytest.fixture(params=MODELS)
def m(request) -> Apple2:
    return power_up(request.param)


@pytest.fixture
def m80(m) -> Apple2:
    init80(m)
    return m


CHECKS, check = check_registry()


# === the table ================================================================

def test_every_iie_entry_has_a_cpu_check():
    assert sorted(CHECKS) == sorted(e.name for e in IIE_ENTRIES)


def test_names_are_unique_in_both_tables():
    names = [e.name for e in entry_points.ENTRIES + IIE_ENTRIES]
    assert len(names) == len(set(names))
    code = [e.address for e in IIE_ENTRIES if e.kind == CODE]
    assert len(code) == len(set(code))


def test_iie_sources_cited_are_listed():
    assert {s for e in IIE_ENTRIES for s in e.sources} <= set(entry_points.SOURCES)


def test_roms_readme_prints_the_iie_table():
    readme = (ROOT / "roms" / "README.md").read_text()
    assert entry_points.markdown_iie() in readme, \
        "roms/README.md's IIe table differs: paste `python -m emu.entry_points`"


@pytest.mark.parametrize("model", MODELS)
def test_iie_code_entries_start_with_an_instruction(model):
    rom = (ROOT / "roms" / {"iie": "apple2e.rom", "iie-enh": "apple2ee.rom"}[model]).read_bytes()
    for e in IIE_ENTRIES:
        if e.kind not in (CODE, OFFSET) or model not in e.models:
            continue
        address = e.address if e.kind == CODE else 0xC300 + rom[e.address - 0xC000]
        first = rom[address - 0xC000]
        assert first != 0x00 and opcode(NMOS, first).documented, (e.name, hex(first))


@pytest.mark.parametrize("name, model", [(e.name, model) for e in IIE_ENTRIES
                                         for model in e.models])
def test_iie_entry(name, model):
    CHECKS[name](power_up(model))


@pytest.mark.parametrize("model", ("ii+",) + MODELS)
def test_identification_bytes_of_each_model(model):
    """Every data entry of both tables that the model's ROM has, read by the CPU."""
    m = power_up(model)
    for e in entry_points.ENTRIES + IIE_ENTRIES:
        if e.kind in (CODE, OFFSET) or model not in e.models:
            continue
        got = bytes(cpu_read(m, e.address + i) for i in range(len(e.value)))
        assert got == e.value, (model, e.name)


def cpu_read(m: Apple2, address: int) -> int:
    run_code(m, bytes([0xAD, address & 0xFF, address >> 8, 0x85, 0xE0]) + jmp_self(0x1105),
             at=0x1100)
    return m.peek(0xE0)


@check("VERSION (IIe)", "ZIDBYTE (enhanced IIe)", "PASCAL ID $C305", "PASCAL ID $C307",
       "PASCAL SIGNATURE")
def read_bytes(m):
    for e in IIE_ENTRIES:
        if e.kind == entry_points.DATA and m.model.name in e.models:
            assert bytes(cpu_read(m, e.address + i) for i in range(len(e.value))) == e.value


# === PR#3 and the output ===========================================================

@check("BASICINIT")
def basicinit(m):
    m.mem[0x400:0x800] = 0xD8                      # "X" all over main ...
    m.mem[bus.AUX + 0x400:bus.AUX + 0x800] = 0xD8  # ... and aux
    regs = call(m, "BASICINIT", a=0xC1, x=0x12, y=0x34)   # "A" is printed
    assert (word(m, KSWL), word(m, CSWL)) == (0xC305, 0xC307)
    mode = m.video_mode
    assert mode & COL80 and mode & STORE80 and mode & ALTCHAR
    assert [m.peek(a) for a in (WNDLFT, WNDWDTH, WNDTOP, WNDBTM)] == [0, 80, 0, 24]
    assert cell(m, 0, 0) == 0xC1 and m.mem[bus.AUX + 0x400] == 0xC1   # column 0 in aux
    assert all(cell(m, r, c) == 0xA0 for r in range(24) for c in range(80)
               if (r, c) != (0, 0))
    assert cursor(m) == (1, 0) and (m.peek(OURCH), m.peek(OURCV)) == (1, 0)
    assert (regs.a, regs.x, regs.y) == (0xC1, 0x12, 0x34)


@check("BASICOUT")
def basicout(m):
    init80(m)
    for ch in text("Lower case, 80 columns:"):
        call(m, "BASICOUT", a=ch, x=1, y=2)
    assert line(m, 0).startswith("Lower case, 80 columns:")
    assert [cell(m, 0, c) for c in range(3)] == [0xCC, 0xEF, 0xF7]          # L o w
    assert (m.mem[bus.AUX + 0x400], m.mem[0x400], m.mem[bus.AUX + 0x401]) == (0xCC, 0xEF, 0xF7)
    cout(m, text("x" * 60 + "next"))                                         # wraps at 80
    assert line(m, 0)[23:80] == "x" * 57 and line(m, 1).startswith("xxxnext")
    assert cursor(m) == (7, 1) and (m.peek(OURCH), m.peek(OURCV)) == (7, 1)


def test_pr3_from_the_monitor_gives_80_columns_and_the_monitor_works_there(m):
    m.type_text("3\x10\r")                          # 3 Ctrl-P: PR#3
    m.run(frames=20, render=False)
    assert m.video_mode & COL80 and word(m, CSWL) == 0xC307 and word(m, KSWL) == 0xC305
    m.type_text("300:A9 C1 20 ED FD 60\r300.307\r300G\r")
    m.run(frames=60, render=False)
    screen = m.text_screen().splitlines()
    assert len(screen) == 24 and all(len(r) == 80 for r in screen)
    assert screen[0].startswith("*300:A9 C1 20 ED FD 60")
    assert screen[1].startswith("*300.307") and screen[2].startswith("0300- A9 C1 20 ED FD 60")
    assert screen[3].startswith("*300G") and screen[4] == "A".ljust(80)   # it printed "A"
    assert screen[5] == "*".ljust(80)
    m.type_text("300L\r")
    m.run(frames=60, render=False)
    screen = m.text_screen().splitlines()
    first = screen.index("*300L".ljust(80)) + 1
    assert screen[first].split() == ["0300-", "A9", "C1", "LDA", "#$C1"]
    assert screen[first + 1].split() == ["0302-", "20", "ED", "FD", "JSR", "$FDED"]
    assert screen[first] == line(m, first)          # text_screen reads it as documented


def test_the_80_column_monitor_scrolls_and_lists_beyond_40_columns(m):
    m.type_text("3\x10\r")
    m.run(frames=20, render=False)
    m.type_text("300.3FF\r")                        # 33 lines: the screen scrolls
    m.run(frames=120, render=False)
    screen = m.text_screen().splitlines()
    assert screen[22].startswith("03F8- 4C") and screen[23] == "*".ljust(80)
    # a line longer than 40 columns, typed: its end is in columns 40-79
    m.type_text("300:" + " 01" * 24 + "\r")       # 77 columns
    m.run(frames=60, render=False)
    screen = m.text_screen().splitlines()
    assert screen[22] == ("*300:" + " 01" * 24).ljust(80)
    assert bytes(m.mem[0x300:0x318]) == bytes([1] * 24)


def test_the_monitors_own_screen_writes_do_no_harm_in_80_columns(m):
    """RDKEY's cursor, GETLN's and FRESHLN's CLREOL are the monitor's 40-column
    writes: in 80 columns they must not touch the screen holes or other rows."""
    m.type_text("3\x10\r")
    m.run(frames=20, render=False)
    holes = [a for base in range(0x478, 0x800, 0x80) for a in range(base, base + 8)
             if a & 0xFF not in (0x7B, 0xFB)]       # all but slot 3's own
    for a in holes:
        m.mem[a] = 0x5A
        m.mem[bus.AUX + a] = 0x5A
    m.type_text("300.30F\r300\r" + "1234\r" * 30)
    m.run(frames=200, render=False)
    assert all(m.mem[a] == 0x5A and m.mem[bus.AUX + a] == 0x5A for a in holes)


CONTROL_CASES = [
    # (what is printed after "ABCDEF" on row 5 with the cursor moved back to column 3,
    #  the cursor after it, what row 5 then shows)
    ("bell", b"\x87", (3, 5), "ABCDEF"),
    ("back", b"\x88", (2, 5), "ABCDEF"),
    ("line feed", b"\x8A", (3, 6), "ABCDEF"),
    ("clear to end of line", b"\x9D", (3, 5), "ABC"),
    ("clear the line", b"\x9A", (3, 5), ""),
    ("forward", b"\x9C", (4, 5), "ABCDEF"),
    ("return", b"\x8D", (0, 6), "ABCDEF"),
    ("up", b"\x9F", (3, 4), "ABCDEF"),
    ("home", b"\x99", (0, 0), "ABCDEF"),
    ("home and clear", b"\x8C", (0, 0), ""),
    ("clear to end of window", b"\x8B", (3, 5), "ABC"),
    ("goto x, y", b"\x9E" + bytes([32 + 70, 32 + 9]), (70, 9), "ABCDEF"),
    ("inverse, then a character", b"\x8F\xC1", (4, 5), "ABC?EF"),
    ("normal after inverse", b"\x8F\x8E\xC1", (4, 5), "ABCAEF"),
]


@pytest.mark.parametrize("name, data, where, row5", CONTROL_CASES,
                         ids=[c[0] for c in CONTROL_CASES])
def test_control_codes(m80, name, data, where, row5):
    m = m80
    cout(m, b"\x8D" * 5 + text("ABCDEF") + b"\x88\x88\x88")   # the cursor on "D"
    cout(m, b"\x8A" + text("ROW6") + b"\x9F\x88\x88\x88\x88")   # "ROW6" below "DEF"
    assert cursor(m) == (3, 5)
    clear_toggles(m)
    cout(m, data)
    assert cursor(m) == where
    assert line(m, 5).rstrip() == row5              # ("?": not normal video)
    if name == "bell":
        assert len(toggles(m)) == 192
    if name.startswith("inverse"):
        assert cell(m, 5, 3) == 0x01                # inverse "A" ($00-$1F)
    if name in ("home and clear", "clear to end of window"):
        assert line(m, 6).strip() == ""
    else:
        assert line(m, 6).rstrip() == "   ROW6"


def test_scrolling_up_and_down_in_80_columns(m80):
    m = m80
    for r in range(24):
        move_to(m, 0, r)
        cout(m, text(f"{r:02}" + "-" * 70))
    cout(m, b"\x97")                                 # Ctrl-W: up
    assert line(m, 0).startswith("01--") and line(m, 22).startswith("23--")
    assert line(m, 23).strip() == ""
    cout(m, b"\x96")                                 # Ctrl-V: down
    assert line(m, 0).strip() == "" and line(m, 1).startswith("01--")
    assert line(m, 23).startswith("23--") and line(m, 23)[72:] == " " * 8


def test_lower_case_inverse_and_mousetext(m80):
    m = m80
    cout(m, text("az") + b"\x8F" + text("az@A!") + b"\x9B" + text("@A") + b"\x98" +
         text("@") + b"\x8E")
    assert [cell(m, 0, c) for c in range(2)] == [0xE1, 0xFA]         # normal lower case
    assert [cell(m, 0, c) for c in range(2, 7)] == [0x61, 0x7A, 0x00, 0x01, 0x21]  # inverse
    enhanced = m.model.name == "iie-enh"
    # Ctrl-[ turns MouseText on (enhanced IIe): @ and A as $40, $41; the original
    # IIe has none, and its inverse @ and A stay $00, $01.  Ctrl-X turns it off.
    assert [cell(m, 0, 7), cell(m, 0, 8)] == ([0x40, 0x41] if enhanced else [0x00, 0x01])
    assert cell(m, 0, 9) == 0x00


def test_40_and_80_columns_convert_the_screen(m80):
    m = m80
    cout(m, text("0123456789" * 8))                  # row 0, all 80 columns
    cout(m, text("second"))
    cout(m, b"\x91")                                 # Ctrl-Q: 40 columns
    assert not m.video_mode & COL80 and m.peek(WNDWDTH) == 40
    rows = m.text_screen().splitlines()
    assert len(rows[0]) == 40 and rows[0] == "0123456789" * 4 and rows[1].startswith("second")
    assert word(m, CSWL) == 0xC307                   # the firmware still on, in 40 columns
    cout(m, text("Yes"))                             # lower case in 40 columns
    assert m.text_screen().splitlines()[1].startswith("secondYes")
    cout(m, b"\x92")                                 # Ctrl-R: 80 columns again
    rows = m.text_screen().splitlines()
    assert m.video_mode & COL80 and m.peek(WNDWDTH) == 80
    assert rows[0] == ("0123456789" * 4).ljust(80) and rows[1].startswith("secondYes")


def test_ctrl_u_quits_the_firmware(m80):
    m = m80
    cout(m, text("still here") + b"\x95")            # Ctrl-U
    assert not m.video_mode & COL80 and not m.video_mode & ALTCHAR
    assert (word(m, CSWL), word(m, KSWL)) == (0xFDF0, 0xFD1B)
    assert m.text_screen().splitlines()[0].startswith("still here")
    cout(m, text("X"))                               # the monitor's COUT1 now
    assert m.text_screen().splitlines()[0].startswith("still hereX")


def test_cc65s_videomode_switches(m):
    """cc65's videomode(): JSR $C300 with A = $00 for 80 columns, $15 for 40."""
    init80(m, 0x00)
    assert m.video_mode & COL80 and word(m, CSWL) == 0xC307
    init80(m, 0x15)
    assert not m.video_mode & COL80 and word(m, CSWL) == 0xFDF0


def test_htab_through_ch_or_ourch(m80):
    m = m80
    cout(m, text("abc"))
    m.mem[CH] = 50                                   # HTAB 51 (Applesoft sets CH)
    cout(m, text("X"))
    assert cell(m, 0, 50) == 0xD8 and cursor(m) == (51, 0)
    m.mem[OURCH] = 70                                # the original IIe's way: POKE 1403
    cout(m, text("Y"))
    assert cell(m, 0, 70) == 0xD9 and cursor(m) == (71, 0)


def test_ctrl_s_stops_the_output_until_a_key(m80):
    m = m80
    m.key(0x13)                                      # Ctrl-S waiting
    code = bytes([0xA9, 0xC1, 0x20, 0xED, 0xFD]) + jmp_self(0x1005)
    m.load(0x1000, code)
    m.cpu.set_pc(0x1000)
    m.run(frames=5, render=False)
    assert m.cpu.pc != 0x1005 and cell(m, 0, 0) == 0xA0          # stopped
    m.type_text("Q")
    m.run(frames=5, render=False)
    assert m.cpu.pc == 0x1005 and cell(m, 0, 0) == 0xC1 and m.io[bus.KBD] < 0x80


# === the input =======================================================================

@check("BASICIN")
def basicin(m):
    init80(m)
    cout(m, text("hello"))
    m.type_text("k")
    regs = call(m, "BASICIN", a=0x55, x=0x11, y=m.peek(CH))
    assert regs.a == 0xEB and (regs.x, regs.y) == (0x11, 5)
    assert m.peek(0x4E) | m.peek(0x4F)               # RNDL/RNDH counted
    assert line(m, 0).startswith("hello ")           # the cursor is gone again


def test_the_cursor_shows_while_waiting(m80):
    m = m80
    cout(m, text("ab") + b"\x88")                    # the cursor on "b"
    m.load(0x1000, bytes([0x20, 0x0C, 0xFD, 0x85, 0xE0]) + jmp_self(0x1005))
    m.cpu.set_pc(0x1000)
    m.run(frames=3, render=False)
    assert cell(m, 0, 1) == 0x62                     # "b" shown inverse
    m.type_text("z")
    m.run(frames=3, render=False)
    assert m.peek(0xE0) == 0xFA and cell(m, 0, 1) == 0xE2
    m.mem[FWMODE] |= 0x80                            # escape mode's cursor: "+"
    m.cpu.set_pc(0x1000)
    m.run(frames=3, render=False)
    assert cell(m, 0, 1) == 0x2B
    m.type_text(" ")
    m.run(frames=3, render=False)


def letters_then_cursor_at_10_10(m: Apple2) -> None:
    for r in range(24):
        move_to(m, 0, r)
        cout(m, text("ABCDEFGHIJKLMNOP"))
    move_to(m, 10, 10)


ESCAPES = [
    # keys after ESC (from column 10, row 10 of "ABCDEFGHIJ..." rows), the cursor after,
    # what is left of rows 9-11
    ("A", (11, 10)), ("B", (9, 10)), ("C", (10, 11)), ("D", (10, 9)),
    ("IIJ ", (9, 8)), ("KKKM ", (13, 11)), ("ijkm ", (10, 10)),
    (bytes([UP, UP, LEFT, RIGHT, RIGHT, DOWN, 0xA0]), (11, 9)),
    ("@", (0, 0)),
]


@pytest.mark.parametrize("keys, where", ESCAPES, ids=[repr(k) for k, _ in ESCAPES])
def test_escape_mode_moves_the_cursor(m80, keys, where):
    m = m80
    letters_then_cursor_at_10_10(m)
    key = rdkey(m, bytes([ESC]) + (keys if isinstance(keys, bytes) else text(keys)) +
                text("Q"))
    assert key == 0xD1 and cursor(m) == where
    if keys == "@":
        assert all(line(m, r).strip() == "" for r in range(24))


@pytest.mark.parametrize("key, kept", [("E", "ABCDEFGHIJ"), ("F", "ABCDEFGHIJ")])
def test_escape_e_and_f_clear(m80, key, kept):
    m = m80
    letters_then_cursor_at_10_10(m)
    assert rdkey(m, bytes([ESC]) + text(key + "Q")) == 0xD1
    assert line(m, 10).rstrip() == kept and line(m, 9).startswith("ABCDEFGHIJKLMNOP")
    assert line(m, 11).startswith("ABCDEFGHIJKLMNOP") == (key == "E")


def test_escape_4_8_and_ctrl_q(m80):
    m = m80
    cout(m, text("wide"))
    assert rdkey(m, bytes([ESC]) + text("4Q")) == 0xD1
    assert not m.video_mode & COL80 and word(m, KSWL) == 0xC305
    assert rdkey(m, bytes([ESC]) + text("8Q")) == 0xD1
    assert m.video_mode & COL80
    assert rdkey(m, bytes([ESC, 0x91])) == 0x98      # ESC Ctrl-Q: quit, a Ctrl-X back
    assert not m.video_mode & COL80 and word(m, KSWL) == 0xFD1B


def test_right_arrow_reads_the_screen_and_return_clears_the_line(m80):
    m = m80
    cout(m, text("copy me") + b"\x8D" + text("old text here") + b"\x8D")
    move_to(m, 0, 0)
    # GETLN1 ($FD6F, no prompt): copy 4 characters, type "!", Return
    m.type_text("\x15\x15\x15\x15!\r")
    regs = call(m, 0xFD6F, limit=20_000_000)
    assert regs.x == 5 and bytes(m.mem[0x200:0x206]) == text("copy!") + b"\x8D"
    assert line(m, 0).rstrip() == "copy!"


# === Pascal 1.1 =======================================================================

@check("PASCAL INIT")
def pinit(m):
    m.mem[0x400:0x800] = 0xD8
    regs = call(m, pascal(m, "PASCAL INIT"), x=0xC3, y=0x30)
    assert regs.x == 0 and regs.y == 0x30
    assert m.video_mode & COL80 and all(line(m, r).strip() == "" for r in range(24))
    assert m.peek(FWMODE) & 1                        # Pascal mode


@check("PASCAL WRITE")
def pwrite(m):
    call(m, pascal(m, "PASCAL INIT"), x=0xC3, y=0x30)
    for ch in b"Pascal\r\n":
        regs = call(m, pascal(m, "PASCAL WRITE"), a=ch, x=0xC3, y=0x30)
        assert (regs.a, regs.x, regs.y) == (ch, 0, 0x30)
    assert line(m, 0).startswith("Pascal") and cursor(m) == (0, 1)   # CR, then LF
    for ch in b"\x1e" + bytes([32 + 40, 32 + 12]) + b"G":           # GOTOXY 40, 12
        call(m, pascal(m, "PASCAL WRITE"), a=ch, x=0xC3, y=0x30)
    assert cell(m, 12, 40) == 0xC7 and cursor(m) == (41, 12)


@check("PASCAL READ")
def pread(m):
    call(m, pascal(m, "PASCAL INIT"), x=0xC3, y=0x30)
    m.type_text("q")
    regs = call(m, pascal(m, "PASCAL READ"), x=0xC3, y=0x30)
    assert (regs.a, regs.x, regs.y) == (ord("q"), 0, 0x30)


@check("PASCAL STATUS")
def pstatus(m):
    call(m, pascal(m, "PASCAL INIT"), x=0xC3, y=0x30)
    assert call(m, pascal(m, "PASCAL STATUS"), a=0, x=0xC3, y=0x30).p & FLAG_C     # can write
    regs = call(m, pascal(m, "PASCAL STATUS"), a=1, x=0xC3, y=0x30)
    assert not regs.p & FLAG_C and regs.x == 0                               # no key yet
    m.type_text("k")
    call(m, "WAIT", a=40)
    assert call(m, pascal(m, "PASCAL STATUS"), a=1, x=0xC3, y=0x30).p & FLAG_C
    regs = call(m, pascal(m, "PASCAL STATUS"), a=7, x=0xC3, y=0x30)
    assert regs.x == 3 and not regs.p & FLAG_C                               # bad request


# === AUXMOVE and XFER ==================================================================

@check("AUXMOVE")
def auxmove(m):
    m.load(0x2000, bytes(range(1, 17)))
    m.mem[A1L:A1L + 4] = [0x00, 0x20, 0x0F, 0x20]            # $2000-$200F ...
    m.mem[A4L:A4L + 2] = [0x00, 0x30]                        # ... to aux $3000
    regs = call(m, "AUXMOVE", a=0x55, x=0x66, y=0x77, carry=True)
    assert bytes(m.mem[bus.AUX + 0x3000:bus.AUX + 0x3010]) == bytes(range(1, 17))
    assert bytes(m.mem[0x3000:0x3010]) == bytes(16)          # main untouched
    assert regs.p & FLAG_C and (word(m, A1L), word(m, A4L)) == (0x2010, 0x3010)
    m.mem[bus.AUX + 0x4000:bus.AUX + 0x4004] = [9, 8, 7, 6]  # aux $4000-$4003 ...
    m.mem[A1L:A1L + 4] = [0x00, 0x40, 0x03, 0x40]
    m.mem[A4L:A4L + 2] = [0x80, 0x50]                        # ... to main $5080
    regs = call(m, "AUXMOVE", a=1, x=2, y=3, carry=False)
    assert bytes(m.mem[0x5080:0x5084]) == bytes([9, 8, 7, 6]) and not regs.p & FLAG_C
    for status in (RDRAMRD, RDRAMWRT):
        assert cpu_read(m, status) < 0x80                    # main again
    # RAMWRT on at the call (a program writing aux memory): it stays on
    m.mem[A1L:A1L + 4] = [0x00, 0x20, 0x00, 0x20]
    m.mem[A4L:A4L + 2] = [0x00, 0x31]
    run_code(m, bytes([0x8D, 0x05, 0xC0, 0x38, 0x20, 0x11, 0xC3, 0xAD, 0x14, 0xC0, 0x85,
                       0xE0, 0x8D, 0x04, 0xC0]) + jmp_self(0x100F))
    assert m.peek(0xE0) >= 0x80 and m.mem[bus.AUX + 0x3100] == 1


@check("XFER")
def xfer(m):
    """Main to aux memory on the aux zero page and stack, and back."""
    # In aux memory at $4000: store X at $5000 and S at $5100 (aux memory: RAMWRT),
    # the zero page's $E0 (aux's) at $5101, then XFER back to main $1200 with CLC,
    # CLV and A = $77.
    aux = bytes([0x8E, 0x00, 0x50,                    # STX $5000 (X from main)
                 0xBA, 0x8E, 0x00, 0x51,              # TSX ; STX $5100
                 0xA5, 0xE0, 0x8D, 0x01, 0x51,        # LDA $E0 ; STA $5101
                 0xA9, 0x00, 0x8D, 0xED, 0x03, 0xA9, 0x12, 0x8D, 0xEE, 0x03,   # $3ED = $1200
                 0xA9, 0x77, 0x18, 0xB8, 0x4C, 0x14, 0xC3])                     # LDA #$77 CLC CLV
    m.mem[bus.AUX + 0x4000:bus.AUX + 0x4000 + len(aux)] = list(aux)
    m.mem[bus.AUX + 0xE0] = 0xAE                      # aux zero page
    m.mem[bus.AUX + 0x1FF] = 0                         # (the aux stack's top)
    m.mem[0xE0] = 0x3E
    # back in main at $1200: STA $E1 ; STX $E2 ; STY $E3 ; JMP *
    m.load(0x1200, bytes([0x85, 0xE1, 0x86, 0xE2, 0x84, 0xE3]) + jmp_self(0x1206))
    # main: $3ED = $4000 ; LDA #$99 ; LDX #$5A ; LDY #$6B ; SEC ; BIT $FF58 (RTS: V) ; JMP XFER
    code = bytes([0xA9, 0x00, 0x8D, 0xED, 0x03, 0xA9, 0x40, 0x8D, 0xEE, 0x03,
                  0xA9, 0x99, 0xA2, 0x5A, 0xA0, 0x6B, 0x38, 0x2C, 0x58, 0xFF,
                  0x4C, 0x14, 0xC3])
    m.load(0x1000, code)
    m.cpu.set_pc(0x1000)
    m.cpu.stop_on_self_loop = True
    assert m.cpu.run(cycles=100_000) == StopReason.SELF_LOOP
    m.cpu.stop_on_self_loop = False
    assert m.cpu.pc == 0x1206
    assert m.mem[bus.AUX + 0x5000] == 0x5A and m.mem[0x5000] != 0x5A   # it ran in aux
    assert m.mem[bus.AUX + 0x5101] == 0xAE                             # on aux's zero page
    assert (m.peek(0xE1), m.peek(0xE3)) == (0x77, 0x6B)          # A and Y along both ways,
    assert m.peek(0xE2) == m.mem[bus.AUX + 0x5100]               # X as the aux program left it
    assert m.mem[bus.AUX + 0x3ED:bus.AUX + 0x3EF].tolist() == [0x00, 0x12]
    for status in (RDRAMRD, RDRAMWRT, RDALTZP):
        assert cpu_read(m, status) < 0x80            # main again, main zero page


def test_auxmove_and_xfer_need_no_rom_at_d000_ffff(m):
    """A program may call them with the language card's RAM switched in: here it
    holds BRKs from $D000 to $FFFF."""
    for bank in (bus.LC_BANK1, bus.LC_BANK2, bus.LC_HIGH):
        size = 0x2000 if bank == bus.LC_HIGH else 0x1000
        m.mem[bank:bank + size] = 0
    run_code(m, bytes([0xAD, 0x80, 0xC0]) + jmp_self(0x1003))      # LDA $C080: read the card
    m.load(0x2000, bytes([5, 6, 7]))
    m.mem[A1L:A1L + 4] = [0x00, 0x20, 0x02, 0x20]
    m.mem[A4L:A4L + 2] = [0x00, 0x60]
    call(m, "AUXMOVE", carry=True)
    assert m.mem[bus.AUX + 0x6000:bus.AUX + 0x6003].tolist() == [5, 6, 7]
    # XFER to aux $6100: a JMP * there
    m.mem[bus.AUX + 0x6100:bus.AUX + 0x6103] = [0x4C, 0x00, 0x61]
    run_code(m, bytes([0xA9, 0x00, 0x8D, 0xED, 0x03, 0xA9, 0x61, 0x8D, 0xEE, 0x03, 0x38, 0xB8,
                       0x4C, 0x14, 0xC3]), at=0x1100)
    assert m.cpu.pc == 0x6100 and cpu_read_status(m) >= 0x80


def cpu_read_status(m: Apple2) -> int:
    """RDRAMRD, read by a program in aux memory's $6200 (RAMRD is on)."""
    code = bytes([0xAD, 0x13, 0xC0, 0x85, 0xE0]) + jmp_self(0x6205)
    m.mem[bus.AUX + 0x6200:bus.AUX + 0x6208] = list(code)
    m.cpu.set_pc(0x6200)
    m.cpu.stop_on_self_loop = True
    assert m.cpu.run(cycles=1000) == StopReason.SELF_LOOP
    m.cpu.stop_on_self_loop = False
    return m.peek(0xE0)


# === RESET ====================================================================================

def test_reset_leaves_80_columns_and_goes_through_softev(m80):
    m = m80
    run_code(m, bytes([0xA9, 0x5A, 0x85, 0xE7]) + jmp_self(0x1104), at=0x1100)
    m.load(SOFTEV, bytes([0x00, 0x11, 0x11 ^ 0xA5]))
    m.mem[0xE7] = 0
    m.reset()
    m.run(frames=20, render=False)
    assert m.cpu.pc == 0x1104 and m.peek(0xE7) == 0x5A
    assert not m.video_mode & (COL80 | STORE80 | ALTCHAR)
    assert (word(m, CSWL), word(m, KSWL), m.peek(WNDWDTH)) == (0xFDF0, 0xFD1B, 40)


def test_control_open_apple_reset_boots_again(m):
    """With the program's reset handler valid (SOFTEV, PWREDUP), Control-Reset goes
    there; with Open-Apple held down it is a cold start that boots the disk."""
    run_code(m, bytes([0xA9, 0x5A, 0x85, 0xE7]) + jmp_self(0x1104), at=0x1100)
    m.load(SOFTEV, bytes([0x00, 0x11, 0x11 ^ 0xA5]))
    fake_disk_card(m, 6, 0x66)
    m.mem[0xE7] = m.mem[0xE8] = 0
    m.set_button(0, True)
    m.reset()
    m.run(frames=20, render=False)
    m.set_button(0, False)
    assert m.cpu.pc == 0xC60C and m.peek(0xE8) == 0x66 and m.peek(0xE7) == 0   # booted
    assert m.peek(PWREDUP) == m.peek(SOFTEV + 1) ^ 0xA5          # a cold start's vectors
    assert m.text_screen().splitlines()[0].strip() == "APPLE2 PY FIRMWARE"


# === text_screen ==============================================================================

def test_text_screen_reads_80_columns_and_the_iies_characters():
    m = Apple2(rom=None, model="iie-enh")
    m.mem[0x400:0x428] = 0xA0
    m.mem[bus.AUX + 0x400:bus.AUX + 0x428] = 0xA0
    m.mem[bus.AUX + 0x400], m.mem[0x400], m.mem[bus.AUX + 0x401] = 0xE1, 0xC2, 0x63  # a B c
    m.mem[0x401] = 0x04                               # inverse "D"
    assert m.text_screen().splitlines()[0].startswith("BD ")  # 40 columns: main memory
    run_code(m, bytes([0x8D, 0x0D, 0xC0, 0x8D, 0x0F, 0xC0]) + jmp_self(0x1006))  # 80COL, ALTCHAR
    rows = m.text_screen().splitlines()
    assert len(rows) == 24 and len(rows[0]) == 80 and rows[0].startswith("aBcD ")
    run_code(m, bytes([0x8D, 0x0E, 0xC0]) + jmp_self(0x1003))  # the primary set: $63 flashes "#"
    assert m.text_screen().splitlines()[0].startswith("aB#D ")
