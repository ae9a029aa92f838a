"""The Apple IIe's memory and I/O, switch by switch, as truth tables from the documents.

Every switch is driven as software drives it, by 6502 instructions running
on a IIe (``STA $C003``, ``LDA $C055``), and checked by what the program
reads and where its writes land.  The machine runs without a system ROM
(unless a test brings a synthetic one); the test programs are loaded at
$1000 in both main and aux memory, so that they keep running whichever bank
RAMRD hands the CPU.

Where the expectations come from (not from emu.bus):

* Apple IIe Technical Reference Manual (1985), ch. 4: table 4-5 (the memory
  switches: 80STORE $C000/$C001, RAMRD $C002/$C003, RAMWRT $C004/$C005,
  ALTZP $C008/$C009, and PAGE2/HIRES under 80STORE), table 4-6 and 4-8 (the
  status reads $C011-$C01F, bit 7), "Bank-switched memory" (ALTZP moves the
  language card's RAM to aux memory too), the $C100-$CFFF ROM rules
  (INTCXROM $C006/$C007, SLOTC3ROM $C00A/$C00B; a $C3XX access with
  SLOTC3ROM off selects the internal $C800-$CFFF ROM, an access to $CFFF
  releases it), the video switches ($C00C/$C00D 80COL, $C00E/$C00F
  ALTCHARSET, $C05E/$C05F AN3 = DHIRES) and RESET's effect on them.
* Jim Sather, "Understanding the Apple IIe" (1985): ch. 5 (the MMU's
  switches, the same rules, RESET), ch. 3 (RDVBLBAR $C019: bit 7 low during
  vertical blanking, lines 192-261) and ch. 7 (the keyboard: $C010 bit 7 is
  any-key-down; $C000-$C01F reads carry the keyboard data in bits 0-6).

The a2audit disk (tests/test_disk_boot.py) checks the same routing with its
own tables, written from a real IIe.
"""
from __future__ import annotations

import itertools
import zlib

import numpy as np
import pytest

from emu import bus
from emu.cpu.state import StopReason
from emu.machine import Apple2
from emu.video.scan import ALTCHAR, COL80, DHIRES, STORE80

CODE = 0x1000
MAIN_VALUE, AUX_VALUE = 0x11, 0x22


def on_both_banks(m: Apple2, at: int, code: bytes) -> None:
    """Put ``code`` at ``at`` in main and in aux memory."""
    m.load(at, code)
    m.mem[bus.AUX + at:bus.AUX + at + len(code)] = np.frombuffer(code, np.uint8)


def run(m: Apple2, code: bytes, at: int = CODE) -> None:
    """Run ``code`` (in both banks) to the ``JMP *`` after it."""
    end = at + len(code)
    on_both_banks(m, at, code + bytes([0x4C, end & 0xFF, end >> 8]))
    m.cpu.set_pc(at)
    m.cpu.stop_on_self_loop = True
    assert m.cpu.run(cycles=100_000) == StopReason.SELF_LOOP
    m.cpu.stop_on_self_loop = False


def sta(addr: int) -> bytes:           # STA abs
    return bytes([0x8D, addr & 0xFF, addr >> 8])


def lda(addr: int) -> bytes:           # LDA abs
    return bytes([0xAD, addr & 0xFF, addr >> 8])


def lda_imm(value: int) -> bytes:      # LDA #value
    return bytes([0xA9, value])


def iie(**options) -> Apple2:
    return Apple2(rom=None, model="iie", **options)


# --- the documents' truth table of main/aux routing --------------------------------

SWITCHES = ("RAMRD", "RAMWRT", "ALTZP", "80STORE", "PAGE2", "HIRES")
# How software turns each on (TRM table 4-5; PAGE2 and HIRES are read switches).
TURN_ON = {"RAMRD": sta(0xC003), "RAMWRT": sta(0xC005), "ALTZP": sta(0xC009),
           "80STORE": sta(0xC001), "PAGE2": lda(0xC055), "HIRES": lda(0xC057)}
PROBES = (0x0010, 0x01F0, 0x0200, 0x03FF, 0x0400, 0x07FF, 0x0800, 0x1FFF, 0x2000, 0x3FFF,
          0x4000, 0x5FFF, 0xBFFF)


def documented_bank(addr: int, write: bool, on: dict[str, bool]) -> str:
    """Which 64K an access reaches, by the IIe Technical Reference Manual, table 4-5.

    $0000-$01FF: ALTZP.  With 80STORE on, $0400-$07FF follows PAGE2, and so
    does $2000-$3FFF when HIRES is on too.  The rest of $0200-$BFFF follows
    RAMWRT for writes and RAMRD for reads.
    """
    if addr < 0x200:
        aux = on["ALTZP"]
    elif on["80STORE"] and (0x400 <= addr < 0x800 or (on["HIRES"] and 0x2000 <= addr < 0x4000)):
        aux = on["PAGE2"]
    else:
        aux = on["RAMWRT"] if write else on["RAMRD"]
    return "aux" if aux else "main"


COMBINATIONS = [dict(zip(SWITCHES, bits)) for bits in itertools.product((False, True), repeat=6)]


def _setup(on: dict[str, bool]) -> bytes:
    return b"".join(TURN_ON[name] for name in SWITCHES if on[name])


@pytest.mark.parametrize("on", COMBINATIONS, ids=lambda on: "+".join(
    n for n in SWITCHES if on[n]) or "all-off")
def test_reads_and_writes_reach_the_bank_the_manual_gives(on):
    """For all 64 settings of the six switches: where LDA reads and STA writes."""
    m = iie()
    for addr in PROBES:
        m.mem[addr] = MAIN_VALUE
        m.mem[bus.AUX + addr] = AUX_VALUE
    for addr in PROBES:
        run(m, _setup(on) + lda(addr) + sta(0xC002) + sta(0xC008))   # reads, then back
        want = AUX_VALUE if documented_bank(addr, False, on) == "aux" else MAIN_VALUE
        assert m.cpu.a == want, f"read ${addr:04X}"
    for n, addr in enumerate(PROBES):
        value = 0x40 + n
        run(m, _setup(on) + lda_imm(value) + sta(addr))
        main, aux = int(m.mem[addr]), int(m.mem[bus.AUX + addr])
        if documented_bank(addr, True, on) == "aux":
            assert (main, aux) == (MAIN_VALUE, value), f"write ${addr:04X}"
        else:
            assert (main, aux) == (value, AUX_VALUE), f"write ${addr:04X}"
        run(m, sta(0xC000) + sta(0xC002) + sta(0xC004) + sta(0xC008) + lda(0xC054)
            + lda(0xC056))


@pytest.mark.parametrize("altzp", [False, True])
def test_altzp_moves_the_language_card_ram_to_aux_memory(altzp):
    """TRM, "Bank-switched memory": ALTZP selects the aux 16K at $D000-$FFFF as well."""
    m = iie()
    # Write $5A to $D000 (bank 2) and $E000 with the card's RAM read/write
    # enabled ($C083 twice), with ALTZP as given; then read both with the
    # other setting of ALTZP and with the same one.
    switch = sta(0xC009) if altzp else sta(0xC008)
    other = sta(0xC008) if altzp else sta(0xC009)
    run(m, lda(0xC083) + lda(0xC083) + switch + lda_imm(0x5A) + sta(0xD000) + sta(0xE000))
    run(m, other + lda(0xD000))
    assert m.cpu.a != 0x5A
    run(m, other + lda(0xE000))
    assert m.cpu.a != 0x5A
    run(m, switch + lda(0xD000))
    assert m.cpu.a == 0x5A
    bank = bus.AUX if altzp else bus.RAM
    assert m.mem[bank + bus.LC_BANK2] == 0x5A and m.mem[bank + bus.LC_HIGH] == 0x5A


def test_altzp_switches_the_stack_too():
    """PHA with ALTZP on lands in aux memory's page 1 (TRM table 4-5)."""
    m = iie()
    s = m.cpu.s
    run(m, sta(0xC009) + lda_imm(0x77) + bytes([0x48]) + sta(0xC008))   # PHA
    assert m.mem[bus.AUX + 0x100 + s] == 0x77 and m.mem[0x100 + s] != 0x77


# --- status reads ---------------------------------------------------------------------

# (name, how to turn it off, how to turn it on, status address): TRM tables 4-5, 4-6, 4-8.
STATUS = [
    ("RAMRD", sta(0xC002), sta(0xC003), 0xC013),
    ("RAMWRT", sta(0xC004), sta(0xC005), 0xC014),
    ("INTCXROM", sta(0xC006), sta(0xC007), 0xC015),
    ("ALTZP", sta(0xC008), sta(0xC009), 0xC016),
    ("SLOTC3ROM", sta(0xC00A), sta(0xC00B), 0xC017),
    ("80STORE", sta(0xC000), sta(0xC001), 0xC018),
    ("TEXT", lda(0xC050), lda(0xC051), 0xC01A),
    ("MIXED", lda(0xC052), lda(0xC053), 0xC01B),
    ("PAGE2", lda(0xC054), lda(0xC055), 0xC01C),
    ("HIRES", lda(0xC056), lda(0xC057), 0xC01D),
    ("ALTCHARSET", sta(0xC00E), sta(0xC00F), 0xC01E),
    ("80COL", sta(0xC00C), sta(0xC00D), 0xC01F),
    ("LC bank 2", lda(0xC08B), lda(0xC083), 0xC011),
    ("LC reads RAM", lda(0xC081), lda(0xC080), 0xC012),
]


@pytest.mark.parametrize("name, off, on, status", STATUS, ids=[s[0] for s in STATUS])
def test_status_bit7_follows_the_switch(name, off, on, status):
    m = iie()
    run(m, off + lda(status))
    assert m.cpu.a & 0x80 == 0
    run(m, on + lda(status))
    assert m.cpu.a & 0x80 == 0x80
    run(m, off + lda(status))
    assert m.cpu.a & 0x80 == 0


@pytest.mark.parametrize("name, off, on, status", STATUS[:6] + STATUS[10:12],
                         ids=[s[0] for s in STATUS[:6] + STATUS[10:12]])
def test_reading_a_write_switch_changes_nothing(name, off, on, status):
    """The memory and 80COL/ALTCHARSET switches respond to writes only: a read of
    $C001-$C00F reads the keyboard (TRM table 4-5; a2audit checks the same)."""
    m = iie()
    setter = on[1] | on[2] << 8
    run(m, lda(setter) + lda(status))
    assert m.cpu.a & 0x80 == 0


def test_status_reads_carry_the_keyboard_data_in_bits_0_to_6():
    """Sather ch. 7: the keyboard ROM drives D0-D6 on reads of $C000-$C01F."""
    m = iie()
    m.type_text("a")
    run(m, lda(0xC000) + sta(0xC003) + lda(0xC013))      # latch the key, RAMRD on
    assert m.cpu.a == 0x80 | ord("a")
    run(m, sta(0xC002) + lda(0xC013))
    assert m.cpu.a == ord("a")


def read_at(m: Apple2, addr: int, cycle: int) -> int:
    """The byte ``LDA addr`` reads when its read falls on ``cycle`` (LDA abs reads on its 4th)."""
    on_both_banks(m, CODE, lda(addr) + bytes([0xEA]))
    m.cpu.set_pc(CODE)
    m.cpu.cycles = cycle - 3
    m.cpu.run(instructions=1)
    return m.cpu.a


@pytest.mark.parametrize("line, cycle_in_line, in_vbl", [
    (0, 0, False), (100, 30, False), (191, 64, False), (192, 0, True), (230, 10, True),
    (261, 64, True)])
def test_rdvblbar_is_low_during_vertical_blanking(line, cycle_in_line, in_vbl):
    """$C019 bit 7: 1 on the 192 visible lines, 0 on lines 192-261 (Sather ch. 3)."""
    m = iie()
    frame = 5 * bus.CYCLES_PER_FRAME
    byte = read_at(m, 0xC019, frame + line * bus.CYCLES_PER_LINE + cycle_in_line)
    assert (byte & 0x80 == 0) == in_vbl


def test_c010_bit7_is_any_key_down_and_clears_the_strobe():
    m = iie()
    run(m, lda(0xC010))
    assert m.cpu.a & 0x80 == 0                          # no key held, none waiting
    m.keys_down = 1
    run(m, lda(0xC010))
    assert m.cpu.a & 0x80 == 0x80                       # a key held
    m.keys_down = 0
    m.type_text("Q")
    run(m, lda(0xC000) + lda(0xC010))
    assert m.cpu.a == 0x80 | ord("Q")
    run(m, lda(0xC000))
    assert m.cpu.a == ord("Q")                          # the strobe is clear


def test_the_ii_plus_has_none_of_these_switches():
    """On the II+ a write to $C003 is a keyboard access and $C013 no status."""
    m = Apple2(rom=None)
    m.mem[0x0400] = MAIN_VALUE
    run(m, sta(0xC003) + sta(0xC009) + lda(0x0400))
    assert m.cpu.a == MAIN_VALUE
    assert m.pages[0] == 0 and m.pages[4] == 0x400


# --- video switches: logged with their cycle --------------------------------------------

@pytest.mark.parametrize("off, on, bit", [
    (sta(0xC000), sta(0xC001), STORE80), (sta(0xC00C), sta(0xC00D), COL80),
    (sta(0xC00E), sta(0xC00F), ALTCHAR), (lda(0xC05F), lda(0xC05E), DHIRES)],
    ids=["80STORE", "80COL", "ALTCHARSET", "DHIRES"])
def test_video_switches_are_logged_with_their_cycle(off, on, bit):
    """The video log gets (cycle, mode) for each change, as for the II+'s switches."""
    m = iie()
    run(m, off)
    m.io[bus.VLOG_COUNT] = 0
    start = m.cpu.cycles
    run(m, on + off)
    log = m.vlog[:int(m.io[bus.VLOG_COUNT])].tolist()
    assert [mode & bit for _, mode in log] == [bit, 0]
    assert [cycle - start for cycle, _ in log] == [3, 7]   # each STA/LDA abs on its 4th cycle


def test_an3_is_an_annunciator_and_dhires_on_a_iie():
    m = iie()
    run(m, lda(0xC05E))
    assert m.video_mode & DHIRES and not m.io[bus.ANNUNCIATORS] & 8
    run(m, lda(0xC05F))
    assert not m.video_mode & DHIRES and m.io[bus.ANNUNCIATORS] & 8


def test_page2_under_80store_keeps_page1_on_display():
    """TRM: with 80STORE on, PAGE2 picks aux memory for page 1, not the displayed page."""
    m = iie()
    m.mem[0x400:0x428] = 0xC1                            # "A" on page 1, main
    m.mem[0x800:0x828] = 0xC2                            # "B" on page 2
    run(m, sta(0xC001) + lda(0xC055))
    assert m.text_screen().splitlines()[0] == "A" * 40


# --- $C100-$CFFF: internal ROM or slots ----------------------------------------------

FLOAT = 0xEE                # main RAM everywhere: what the floating bus reads


def marked_rom() -> bytes:
    """A 16K $C000-$FFFF image whose every byte says where it is, never FLOAT."""
    image = bytearray((a * 7 + (a >> 8)) & 0xFF for a in range(0x4000))
    for i, b in enumerate(image):
        if b == FLOAT:
            image[i] = 0x01
    image[0x3FFC:0x3FFE] = bytes([0x00, 0x10])           # RESET vector: $1000
    return bytes(image)


def rom_byte(addr: int) -> int:
    return marked_rom()[addr - 0xC000]


@pytest.fixture
def routed():
    """A IIe with the marked ROM and a Disk II card in slot 3 (its ROM at $C300)."""
    m = Apple2(rom=marked_rom(), model="iie", slots={3: "disk2"})
    m.mem[0:0xC000] = FLOAT
    m.mem[bus.AUX:bus.AUX + 0xC000] = FLOAT
    return m


DISK2_C300 = None


def slot3_byte(addr: int) -> int:
    from emu.slots import ROMS
    return (ROMS / "disk2.rom").read_bytes()[addr & 0xFF]


def reads(m: Apple2, setup: bytes, addr: int) -> int:
    run(m, setup + lda(addr))
    return m.cpu.a


def test_reset_state_c3_page_is_internal_the_other_slots_are_slots(routed):
    m = routed
    assert reads(m, b"", 0xC305) == rom_byte(0xC305)      # SLOTC3ROM off: internal
    assert reads(m, sta(0xCFFF), 0xC105) == FLOAT        # empty slot 1
    assert reads(m, b"", 0xC605) == FLOAT                 # empty slot 6


def test_slotc3rom_gives_c3_to_the_slot(routed):
    assert reads(routed, sta(0xC00B), 0xC305) == slot3_byte(0xC305)
    assert reads(routed, sta(0xC00A), 0xC305) == rom_byte(0xC305)


@pytest.mark.parametrize("addr", [0xC100, 0xC2FF, 0xC305, 0xC400, 0xC7FF, 0xC800, 0xCFFE])
@pytest.mark.parametrize("slotc3", [False, True])
def test_intcxrom_gives_all_of_c100_cfff_to_the_internal_rom(routed, addr, slotc3):
    setup = (sta(0xC00B) if slotc3 else sta(0xC00A)) + sta(0xC007)
    assert reads(routed, setup, addr) == rom_byte(addr)


def test_a_c3xx_access_selects_the_internal_c800_rom_until_cfff(routed):
    m = routed
    assert reads(m, sta(0xCFFF), 0xC800) == FLOAT          # nothing selected
    assert reads(m, lda(0xC300), 0xCA00) == rom_byte(0xCA00)
    # SLOTC3ROM does not release it; only $CFFF does (TRM; Sather ch. 5).
    assert reads(m, sta(0xC00B), 0xCA00) == rom_byte(0xCA00)
    assert reads(m, lda(0xCFFF), 0xCA00) == FLOAT
    # With SLOTC3ROM on, a $C3XX access is slot 3's and selects nothing internal.
    assert reads(m, lda(0xC300), 0xCA00) == FLOAT


def test_intcxrom_survives_a_cfff_access(routed):
    assert reads(routed, sta(0xC007) + lda(0xCFFF), 0xC800) == rom_byte(0xC800)


def test_peek_sees_the_routing_without_side_effects(routed):
    m = routed
    run(m, sta(0xCFFF))
    assert m.peek(0xC305) == rom_byte(0xC305)
    assert m.peek(0xC800) != rom_byte(0xC800)          # peeking $C3XX selected nothing
    run(m, sta(0xC007))
    assert m.peek(0xC800) == rom_byte(0xC800)


# --- RESET --------------------------------------------------------------------------------

def test_reset_turns_the_mmu_switches_off():
    """The documented reset state: the memory, ROM and 80COL/ALTCHARSET switches off,
    the language card reading ROM (bank 2)."""
    m = Apple2(rom=marked_rom(), model="iie")
    run(m, b"".join(on for _, _, on, _ in STATUS[:6]) + sta(0xC00D) + sta(0xC00F)
        + lda(0xC08B) + lda(0xC08B))
    m.reset()
    m.mem[bus.RAM + 0x1000:bus.RAM + 0x1100] = 0xEA      # the handler: NOPs
    m.cpu.run(instructions=1)                           # the RESET sequence
    states = []
    for _, _, _, status in STATUS[:6] + STATUS[10:]:
        run(m, lda(status))
        states.append(m.cpu.a >> 7)
    #         RAMRD RAMWRT INTCX ALTZP SLOTC3 80STORE ALTCHAR 80COL BANK2 LCRAM
    assert states == [0, 0, 0, 0, 0, 0, 0, 0, 1, 0]


def test_ctrl_open_apple_reset_holds_button_0_while_the_firmware_resets():
    """The firmware decides the reboot; the machine gives it RESET with PB0 down.

    The RESET handler of the marked ROM's vector ($1000) reads $C061 (Open-Apple).
    """
    m = Apple2(rom=marked_rom(), model="iie")
    on_both_banks(m, 0x1000, lda(0xC061) + bytes([0x85, 0x06, 0x4C, 0x05, 0x10]))
    m.set_button(0, True)
    m.reset()
    m.run(frames=1, render=False)
    assert m.mem[0x06] & 0x80
    m.set_button(0, False)
    m.reset()
    m.run(frames=1, render=False)
    assert not m.mem[0x06] & 0x80


# --- keyboard -------------------------------------------------------------------------------

def test_a_iie_types_lower_case_the_ii_plus_upper_case():
    e, plus = iie(), Apple2(rom=None)
    e.type_text("aZ")
    plus.type_text("aZ")
    assert list(e.keys[:2]) == [ord("a"), ord("Z")]
    assert list(plus.keys[:2]) == [ord("A"), ord("Z")]


def test_window_keys_of_a_iie():
    pytest.importorskip("pygame")
    import pygame
    from emu.frontend import apple_key
    assert apple_key(text="a", iie=True) == ord("a") and apple_key(text="a") == ord("A")
    assert apple_key(pygame.K_DELETE, iie=True) == 0x7F
    assert apple_key(pygame.K_DELETE) == 0x08
    assert apple_key(pygame.K_UP, iie=True) == 0x0B and apple_key(pygame.K_DOWN, iie=True) == 0x0A


# --- models ---------------------------------------------------------------------------------

def test_the_model_table_gives_the_cpu_and_the_firmware():
    assert Apple2(rom=None, model="iie-enh").cpu.variant == "65c02"
    assert Apple2(rom=None, model="iie").cpu.variant == "6502"
    m = Apple2(model="iie-enh")
    assert m.peek(0xFBB3) == 0x06 and m.peek(0xFBC0) == 0xE0    # Misc. Tech. Note #2
    m = Apple2(model="iie")
    assert m.peek(0xFBB3) == 0x06 and m.peek(0xFBC0) == 0xEA
    with pytest.raises(ValueError, match="the models are: ii\\+, iie, iie-enh"):
        Apple2(rom=None, model="iigs")


def test_a_state_of_another_model_is_refused(tmp_path):
    from emu.savestate import StateError
    path = tmp_path / "e.npz"
    e = iie()
    e.mem[bus.AUX + 0x2000] = 0x99
    e.save_state(path)
    with pytest.raises(StateError, match="an Apple IIe; this machine is an Apple II\\+"):
        Apple2(rom=None).load_state(path)
    again = iie()
    again.load_state(path)
    assert again.mem[bus.AUX + 0x2000] == 0x99          # aux memory came back


# --- ROM files ------------------------------------------------------------------------------

def test_a_iie_rom_picks_its_model_by_its_id_bytes_or_its_chips(tmp_path, monkeypatch):
    from emu import rom
    image = bytearray(marked_rom())
    image[0xFBB3 - 0xC000], image[0xFBC0 - 0xC000] = 0x06, 0xE0
    whole = tmp_path / "e.rom"
    whole.write_bytes(bytes(image))
    assert rom.load_system_rom(whole).model == "iie-enh"          # unknown: by its ID bytes
    cd, ef = tmp_path / "cd.bin", tmp_path / "ef.bin"
    cd.write_bytes(bytes(image[:0x2000]))
    ef.write_bytes(bytes(image[0x2000:]))
    # Known chips by CRC32: pretend these two are 342-0135-B and 342-0134-A.
    monkeypatch.setattr(rom, "IIE_CHIPS", {
        zlib.crc32(bytes(image[:0x2000])): ("342-0135-B", "CD", "iie"),
        zlib.crc32(bytes(image[0x2000:])): ("342-0134-A", "EF", "iie")})
    for pair in ((cd, ef), (ef, cd)):                             # either order
        loaded = rom.load_system_rom(*pair)
        assert loaded.data == bytes(image) and loaded.model == "iie"
        assert loaded.name == "Apple IIe (342-0135-B and 342-0134-A)"


def test_bad_iie_rom_files_are_one_line_errors(tmp_path):
    from emu.rom import RomError, load_system_rom
    half = tmp_path / "cd.bin"
    half.write_bytes(bytes(0x2000))
    with pytest.raises(RomError, match="cd.bin: 8192 bytes is one of a IIe's two ROM chips"):
        load_system_rom(half)
    short = tmp_path / "ef.bin"
    short.write_bytes(bytes(100))
    with pytest.raises(RomError, match="ef.bin: 100 bytes is not a IIe ROM chip"):
        load_system_rom(half, short)


# --- the command line -------------------------------------------------------------------------

def test_the_homebrew_disk_boots_on_the_enhanced_iie_from_the_command_line(capsys):
    from emu import cli
    from emu.slots import ROMS
    status = cli.main(["run", str(ROMS / "homebrew.dsk"), "--model", "iie-enh", "--headless",
                       "--seconds", "3", "--print-screen"])
    out, err = capsys.readouterr()
    assert status == 0, err
    assert "enhanced Apple IIe" in err                   # the ROM it names
    assert "APPLE II HOMEBREW DISK" in out


def test_a_rom_of_another_model_is_a_one_line_error(capsys):
    from emu import cli
    from emu.slots import ROMS
    status = cli.main(["run", "--model", "iie", "--rom", str(ROMS / "apple2ee.rom"),
                       "--headless", "--frames", "1"])
    err = capsys.readouterr().err.strip()
    assert status == 2 and "\n" not in err
    assert err.endswith("apple2ee.rom: a ROM for the Apple IIe (enhanced), not for the "
                        "Apple IIe (--model iie)")


def test_a_iie_rom_picks_the_model_on_the_command_line(capsys):
    from emu import cli
    from emu.slots import ROMS
    status = cli.main(["run", "--rom", str(ROMS / "apple2e.rom"), "--headless", "--frames", "1",
                       "--print-screen"])
    assert status == 0
    assert "ROM: apple2 project firmware, Apple IIe," in capsys.readouterr().err
