"""The slot-card table (emu.slots, emu.bus): which card is in which slot, and what it answers.

The rules come from the Apple II Reference Manual (1979), ch. 5, and Sather,
"Understanding the Apple II", ch. 5: slot n's card answers $C0n0-$C0nF
(+$80), its $Cn00 page, and, once it has claimed it by an access to its
$Cn00 page, the shared $C800-$CFFF expansion space, which an access to
$CFFF releases.  Cards without an expansion ROM neither claim nor release it.
"""
from __future__ import annotations

import numpy as np
import pytest

from emu import bus, cli, slots
from emu.machine import Apple2, slot_config
from emu.savestate import StateError

from test_disk_cli import boot_rom_system, hello_disk
from test_machine import lda, run_code, sta_zp


def test_slot_config_changes_the_default_slot_by_slot():
    assert slot_config({}) == {4: "mockingboard"}
    assert slot_config({5: "disk2"}) == {4: "mockingboard", 5: "disk2"}
    assert slot_config({5: "DISK2", 4: None, 2: "none"}) == {5: "disk2"}
    assert slot_config({4: "none"}, disks=True) == {6: "disk2"}
    assert slot_config({3: "disk2", 4: "none"}, disks=True) == {3: "disk2"}


@pytest.mark.parametrize("config, message", [
    ({4: "floppy"},
     "no card named 'floppy'; the cards are: disk2, mockingboard, harddisk, none"),
    ({8: "disk2"}, "slot 8: the slots are 1-7"),
    ({5: "disk2", 6: "disk2"}, "one disk2 card at most (slots 5, 6)"),
])
def test_slot_config_refuses_what_cannot_be(config, message):
    with pytest.raises(slots.CardError, match=message.replace("(", r"\(").replace(")", r"\)")):
        slot_config(config)


def test_the_slot_table_row_of_a_plugged_card():
    m = Apple2(rom=None, slots={5: "disk2", 4: None})
    row = bus.SLOT_TABLE + 5 * bus.SLOT_FIELDS
    assert [int(m.io[row + f]) for f in (bus.KIND, bus.REGS, bus.BASE, bus.CN00, bus.HAS_C800)] \
        == [slots.DISK2, bus.DISK, bus.DISK_MEM, slots.CN00_ROM, 0]
    assert m.slots == {5: "disk2"} and m.disk_card.slot == 5
    assert (int(m.io[bus.SLOTS_PRESENT]) >> 5) & 1
    with pytest.raises(slots.CardError, match="slot 5 already holds the disk2 card"):
        m.plug(5, "disk2")
    with pytest.raises(slots.CardError, match="the disk2 card is already in slot 5"):
        m.plug(3, "disk2")


def test_the_disk_ii_answers_in_the_slot_the_table_gives_it():
    # LDA $C0D9 (slot 5: motor on) ; LDA $C0E9 (slot 6: nothing there)
    m = Apple2(rom=None, slots={5: "disk2"})
    run_code(m, lda(0xC0E9))
    assert not m.disk_card.motor_spinning(m.cpu.cycles)
    run_code(m, lda(0xC0D9))
    assert m.disk_card.motor_spinning(m.cpu.cycles)


def expansion_card(m: Apple2, slot: int, fill: int) -> None:
    """A card with a $Cn00 ROM of ``fill`` bytes and a 2 KiB $C800 ROM of ``fill + 1``."""
    card = slots.Card("test", slots.DISK2, "", 0, 0, slots.CN00_ROM, None, "x", "")
    bus.plug(m.io, m.mem, slot, card, bytes([fill]) * 256, bytes([fill + 1]) * 0x800)


def reads(m: Apple2, *addresses: int) -> list[int]:
    """What a program reading each address in turn sees (stored to $E0, $E1 ...)."""
    code = b"".join(lda(a) + sta_zp(0xE0 + i) for i, a in enumerate(addresses))
    run_code(m, code)
    return [int(m.mem[0xE0 + i]) for i in range(len(addresses))]


def test_expansion_rom_is_claimed_by_its_slot_page_and_released_by_cfff():
    m = Apple2(rom=None)
    m.mem[0x400:0x800] = 0xA0                       # what the floating bus shows here
    expansion_card(m, 3, 0x30)
    expansion_card(m, 5, 0x50)
    got = reads(m, 0xC800, 0xC300, 0xC800, 0xCBFF, 0xC500, 0xC900, 0xCFFF, 0xC800)
    assert got[1] == 0x30 and got[4] == 0x50         # each slot's own $Cn00 ROM
    assert got[2:4] == [0x31, 0x31]                 # slot 3 claimed $C800-$CFFF
    assert got[5] == 0x51                           # then slot 5 did
    assert got[0] not in (0x31, 0x51) and got[7] not in (0x31, 0x51)   # nobody's
    assert m.peek(0xC800) == 0                      # released by $CFFF
    reads(m, 0xC300)
    assert m.peek(0xC800) == 0x31                   # peek sees the claimed ROM


def test_a_card_without_expansion_rom_leaves_the_claim_alone():
    m = Apple2(rom=None, slots={6: "disk2"})
    expansion_card(m, 3, 0x30)
    got = reads(m, 0xC300, 0xC65C, 0xC800)
    assert got[2] == 0x31


def test_plugging_an_unknown_kind_of_card_fails_in_one_line():
    m = Apple2(rom=None)
    with pytest.raises(slots.CardError, match="no card named 'zip'"):
        m.plug(2, "zip")


# --- the command line ---------------------------------------------------------------

def test_run_slot_option_puts_the_disk_ii_in_slot_5(tmp_path, capsys):
    # 120 frames, as tests/test_disk_cli.py allows: the boot ROM's recalibration alone
    # takes 81 steps of WAIT(55), 0.66 s (roms/src/disk2_seek.s), and the head follows.
    status = cli.main(["run", hello_disk(tmp_path), "--slot", "5=disk2",
                       "--rom", boot_rom_system(tmp_path, slot=5),
                       "--headless", "--frames", "120", "--print-screen"])
    out, err = capsys.readouterr()
    assert status == 0, err
    assert out.splitlines()[0].startswith("HI")


@pytest.mark.parametrize("options, message", [
    (["--slot", "4=zip"], "--slot no card named 'zip'; the cards are: disk2, mockingboard"),
    (["--slot", "9=disk2"], "expected N=CARD with a slot 1-7"),
    (["--slot", "4"], "expected N=CARD with a slot 1-7"),
    (["--slot", "6=none", "DISK"], "the Disk II card goes in slot 6, which --slot gives to none"),
    (["--slot", "5=disk2", "--disk-slot", "4", "DISK"], "--disk-slot 4: --slot 5=disk2"),
    (["--slot", "5=disk2", "--slot", "5=none"], "slot 5 is given two cards"),
])
def test_run_slot_mistakes_are_one_line(tmp_path, capsys, options, message):
    argv = ["run", "--headless", "--frames", "1"] + [
        hello_disk(tmp_path) if o == "DISK" else o for o in options]
    assert cli.main(argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("apple2 run: ") and message in err[0]


# --- save states --------------------------------------------------------------------

def test_a_save_state_brings_its_cards_into_empty_slots(tmp_path):
    m = Apple2(rom=None, slots={5: "disk2"})
    m.run(frames=1)
    m.save_state(tmp_path / "s.npz")
    fresh = Apple2(rom=None)
    fresh.load_state(tmp_path / "s.npz")
    assert fresh.slots == {4: "mockingboard", 5: "disk2"}
    assert np.array_equal(fresh.io, m.io)


def test_a_save_state_of_other_cards_is_refused(tmp_path):
    m = Apple2(rom=None, slots={5: "disk2"})
    m.save_state(tmp_path / "s.npz")
    other = Apple2(rom=None, slots={6: "disk2"})
    with pytest.raises(StateError, match="saved with no card in slot 6; this machine has "
                                         "the disk2 card there"):
        other.load_state(tmp_path / "s.npz")


# --- interrupts -------------------------------------------------------------------------

def test_cards_share_the_irq_line_each_from_its_own_cycle():
    from emu.cpu import state
    m = Apple2(rom=None)
    cpu = m.cpu.state
    bus.set_irq(cpu, m.io, 3, 500)                  # a timer that runs out at cycle 500
    assert (cpu[state.IRQ], cpu[state.IRQ_AT]) == (1 << 3, 500)
    bus.set_irq(cpu, m.io, 2, 300)
    assert (cpu[state.IRQ], cpu[state.IRQ_AT]) == (1 << 3 | 1 << 2, 300)
    bus.set_irq(cpu, m.io, 2, -1)                   # slot 2 lets go: slot 3's cycle again
    assert (cpu[state.IRQ], cpu[state.IRQ_AT]) == (1 << 3, 500)
    bus.set_irq(cpu, m.io, 3, -1)
    assert cpu[state.IRQ] == 0


def test_an_irq_at_a_cycle_to_come_is_taken_once_the_cpu_gets_there():
    # $1000: CLI ; loop: JMP loop       IRQ handler at $1100: STA $E0 ; loop: JMP loop
    from emu.cpu import state
    m = Apple2(rom=None)
    m.mem[bus.ROM + 0x2FFE:bus.ROM + 0x3000] = [0x00, 0x11]      # the IRQ vector
    m.load(0x1100, bytes([0x85, 0xE0, 0x4C, 0x02, 0x11]))
    m.load(0x1000, bytes([0x58, 0x4C, 0x01, 0x10]))
    m.cpu.set_pc(0x1000)
    start = m.cpu.cycles
    bus.set_irq(m.cpu.state, m.io, 3, start + 1000)
    m.cpu.run(cycles=990)
    assert m.cpu.pc in (0x1001, 0x1002, 0x1003, 0x1004) and m.cpu.s == 0xFD
    m.cpu.run(cycles=30)
    assert m.cpu.s == 0xFA                          # the interrupt pushed PC and P
    assert m.cpu.state[state.IRQ] == 1 << 3         # level-triggered: still held


def test_plain_slot_roms_are_read_straight_and_the_rest_through_the_handlers():
    """A $Cn00 ROM whose reads have no side effect (no expansion ROM to claim, no handler,
    not the IIe's internal ROM) is mapped straight into the page table: a boot ROM's code
    then runs without a call per fetch.  The IIe's INTCXROM and SLOTC3ROM (IIe Technical
    Reference Manual, ch. 4) take pages back to the handlers, and give them back."""
    m = Apple2(model="iie-enh")
    m.install_disk_controller(6)                      # the Mockingboard is in slot 4
    pages = m.pages
    assert pages[0xC6] == bus.SLOT_ROM + 6 * 256      # the Disk II's boot ROM
    assert pages[0xC4] == -1                          # a handler page
    assert pages[0xC3] == -1                          # SLOTC3ROM off: the internal ROM
    assert all(pages[0x100 + p] == -1 for p in range(0xC0, 0xD0))   # writes: handlers
    rom = bytes(m.mem[bus.SLOT_ROM + 0x600:bus.SLOT_ROM + 0x700])
    run_code(m, lda(0xC600) + sta_zp(0x10))
    assert m.mem[0x10] == rom[0]
    run_code(m, bytes([0x8D, 0x07, 0xC0]) + lda(0xC600) + sta_zp(0x11))   # INTCXROM on
    assert pages[0xC6] == -1
    assert m.mem[0x11] == m.peek(0xC600) and m.peek(0xC600) != rom[0]   # the IIe's own ROM
    run_code(m, bytes([0x8D, 0x06, 0xC0]))                               # INTCXROM off
    assert pages[0xC6] == bus.SLOT_ROM + 6 * 256
    plus = Apple2()
    plus.install_disk_controller(6)
    assert plus.pages[0xC6] == bus.SLOT_ROM + 6 * 256 and plus.pages[0xC3] == -1  # no card
