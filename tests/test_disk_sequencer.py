"""The logic state sequencer: its table of facts, and the jitted controller against a slow model.

* The table (``emu.disk.sequencer``) is checked against Apple's PROM without
  holding its bytes: laid out as MAME wires the chip, it has the CRC32 MAME's
  driver lists for 341-0028 (b72a2c70).  The layout is built in memory only.
* The jitted controller (composed spans, lazy catch-up, fractional bit cells)
  is compared access by access with ``tests/disk_reference.py``, a plain
  Python model that steps the sequencer one tick at a time.
"""
from __future__ import annotations

import random
import re
import zlib
from fractions import Fraction

import numpy as np
import pytest
from numba import njit

from disk_reference import ReferenceCard
from emu import bus
from emu.disk import controller, gcr, sequencer
from emu.disk.images import Disk, DiskError, standard_tmap
from emu.disk.layout import CELL_UNITS, LAST_TICK, LATCH, MOTOR_ON, SEQ, STANDARD_CELL
from emu.machine import Apple2

# Sather, "Understanding the Apple IIe" table 9.3: the PROM's command codes.
_CHIP_CODES = {sequencer.NOP: 0x8, sequencer.SL0: 0x9, sequencer.SL1: 0xD,
               sequencer.SR: 0xA, sequencer.LD: 0xB, sequencer.CLR: 0x0}


def chip_image(modify: int | None = None) -> bytes:
    """Our table laid out as the PROM is wired (in memory only; ``modify`` flips one byte)."""
    image = bytearray(256)
    for state, mode, qa, pulse in sequencer.entries():
        nxt, action = sequencer.transition(mode, state, qa, pulse)
        image[sequencer.p6_address(state, mode, qa, pulse)] = (nxt << 4) | _CHIP_CODES[action]
    if modify is not None:
        image[modify] ^= 0x01
    return bytes(image)


def test_the_table_of_facts_is_apples_16_sector_sequencer():
    """Same CRC32 as MAME's 341-0028 (src/devices/machine/wozfdc.cpp): every entry is right."""
    assert zlib.crc32(chip_image()) == 0xB72A2C70
    assert sequencer.KNOWN_P6[0xB72A2C70].startswith("341-0028")


def test_a_user_p6_file_drives_the_table(tmp_path, monkeypatch):
    # One byte changed, so no file here ever holds Apple's bytes; the CRC list is patched.
    image = chip_image(modify=0x00)
    monkeypatch.setitem(sequencer.KNOWN_P6, zlib.crc32(image), "test PROM")
    path = tmp_path / "p6.rom"
    path.write_bytes(image)
    rom = sequencer.load_p6(path)
    nxt, act = sequencer.standard_tables()
    differ = np.flatnonzero((rom.next_state != nxt) | (rom.action != act))
    assert len(differ) == 1 and "test PROM" in rom.describe()
    m = Apple2(rom=b"\x60" * 0x3000)
    card = m.install_disk_controller(6)
    card.use_sequencer(rom)
    at = bus.DISK_MEM + controller.SEQ_NEXT
    assert np.array_equal(m.mem[at:at + 256], rom.next_state)


@pytest.mark.parametrize("content, problem", [
    (b"\x00" * 255, "255 bytes; a Disk II sequencer PROM (P6) is 256"),
    (b"\x00" * 256, "CRC32 0d968558 is not a known Disk II P6 PROM"),
], ids=["size", "crc"])
def test_a_bad_p6_file_is_a_one_line_error(tmp_path, content, problem):
    path = tmp_path / "p6.rom"
    path.write_bytes(content)
    with pytest.raises(DiskError, match=re.escape(problem)) as e:
        sequencer.load_p6(path)
    assert str(e.value).startswith(str(path)) and "\n" not in str(e.value)
    with pytest.raises(DiskError, match="no such file"):
        sequencer.load_p6(tmp_path / "none.rom")


def test_read_mode_frames_bits_by_the_documented_windows():
    """Sather ch. 9: no pulse for 8 ticks shifts a 0 (state 9); a pulse shifts a 1 (state 1)."""
    state, reg = 2, 0x01
    for _ in range(8):                                  # eight quiet ticks
        state, action = sequencer.transition(sequencer.READ, state, 0, 0)
        reg = sequencer.apply(action, reg, 0, 0)
    assert (state, reg) == (2, 0x02)
    path = [sequencer.transition(sequencer.READ, s, 0, p) for s, p in ((5, 1), (0xD, 0))]
    assert path == [(0xD, sequencer.NOP), (0x0, sequencer.NOP)]
    assert sequencer.transition(sequencer.READ, 1, 0, 0) == (2, sequencer.SL1)
    # A full register holds while 0 bits go by: state 2 waits for the next pulse.
    assert sequencer.transition(sequencer.READ, 2, 1, 0) == (2, sequencer.NOP)


def test_a_still_disk_settles_into_a_16_tick_cycle():
    """Why the controller may skip ticks with no pulses: after 512 ticks, any mode repeats
    every 16 (``controller.SETTLED_TICKS``, ``STILL_PERIOD``), from any state and register."""
    nxt, act = sequencer.standard_tables()
    for mode in range(4):
        for wp in (0, 1):
            state = np.repeat(np.arange(16), 256)
            reg = np.tile(np.arange(256), 16)
            history = []
            for _ in range(controller.SETTLED_TICKS + 2 * controller.STILL_PERIOD):
                i = (state << 4) | (mode << 2) | ((reg >> 7) << 1)
                a = act[i]
                reg = np.select([a == sequencer.SL0, a == sequencer.SL1, a == sequencer.SR,
                                 a == sequencer.LD, a == sequencer.CLR],
                                [(reg << 1) & 0xFF, ((reg << 1) | 1) & 0xFF,
                                 (reg >> 1) | (0x80 * wp), np.full_like(reg, 0xA5), 0], reg)
                state = nxt[i].astype(np.int64)
                history.append((state.copy(), reg.copy()))
            for k in range(controller.SETTLED_TICKS, len(history) - controller.STILL_PERIOD):
                later = history[k + controller.STILL_PERIOD]
                assert np.array_equal(history[k][0], later[0])
                assert np.array_equal(history[k][1], later[1])


# --- the jitted controller against the reference model ----------------------------------

@njit   # (no cache: it inlines the controller, and numba would not see it change)
def _accesses(io, mem, cycles, lows, values, out):
    for i in range(len(cycles)):
        write = values[i] >= 0
        out[i] = controller.access(io, mem, bus.DISK_MEM, bus.DISK, 0xC0E0 | lows[i],
                                   max(values[i], 0), cycles[i], write)


def nibble_track(seed: int, nibbles: int = 700) -> list[int]:
    """A track of self-sync gaps and random valid nibbles (never four 0 bits in a row)."""
    rng = random.Random(seed)
    w = gcr.BitWriter()
    while len(w.bits) < nibbles * 8:
        w.sync(rng.randint(5, 12))
        w.nibbles(bytes(rng.choice(gcr.WRITE_TABLE) for _ in range(rng.randint(3, 40))))
    return w.bits


def jitted_card(bits: list[int], units: int) -> Apple2:
    m = Apple2(rom=b"\x60" * 0x3000)
    card = m.install_disk_controller(6)
    tmap = standard_tmap(1)
    card.insert(0, Disk(None, "woz", [np.array(bits, dtype=np.uint8)], tmap))
    m.io[bus.DISK + CELL_UNITS] = units
    m.io[bus.DISK + MOTOR_ON] = 1
    m.io[bus.DISK + LAST_TICK] = 0
    return m


def compare(bits: list[int], cell: Fraction, program: list[tuple[int, int, int]]) -> None:
    """Run ``program`` [(cycle, low, value or -1)] on both; every read must agree."""
    ref = ReferenceCard(bits, cell)
    m = jitted_card(bits, int(cell * 256))
    cycles = np.array([p[0] for p in program], dtype=np.int64)
    lows = np.array([p[1] for p in program], dtype=np.int64)
    values = np.array([p[2] for p in program], dtype=np.int64)
    out = np.zeros(len(program), dtype=np.int64)
    _accesses(m.io, m.mem, cycles, lows, values, out)
    for i, (cycle, low, value) in enumerate(program):
        want = ref.access(cycle, low, None if value < 0 else value)
        got = None if out[i] < 0 else int(out[i])
        assert got == want, (f"access {i} (cycle {cycle}, $C0E{low:X}): jitted "
                             f"{got}, reference {want}")
    assert int(m.io[bus.DISK + SEQ]) == ref.state
    assert int(m.io[bus.DISK + LATCH]) == ref.register
    return m, ref


@pytest.mark.parametrize("timing", [32, 28, 29, 31, 33, 36])
def test_reading_matches_the_reference_model_access_by_access(timing):
    """Random read loops, long pauses and sense-mode visits, at several bit timings."""
    rng = random.Random(timing)
    bits = nibble_track(timing)
    program = []
    cycle = 10
    for _ in range(3000):
        r = rng.random()
        cycle += rng.choice((1, 2, 3, 4, 5, 6, 7, 7, 8, 9, 11, 13)) if r < 0.95 else \
            rng.randint(50, 5000)
        if r < 0.02:                                    # sense write protect, then read again
            program += [(cycle, 0xD, -1), (cycle + rng.randint(1, 9), 0xE, -1)]
            cycle += 10
            program.append((cycle, 0xC, -1))
        else:
            program.append((cycle, 0xC, -1))
    compare(bits, Fraction(timing, 4), program)


def test_writing_matches_the_reference_model_bit_by_bit():
    """A DOS-style write: sync bytes in 40-cycle loops, nibbles in 32, then reading it back."""
    rng = random.Random(7)
    bits = nibble_track(3)
    data = [0xFF] * 8 + [0xD5, 0xAA, 0xAD] + [rng.choice(gcr.WRITE_TABLE) for _ in range(40)]
    program = [(100, 0xD, -1), (104, 0xE, -1)]          # sense write protect
    cycle = 110
    program.append((cycle, 0xF, data[0]))               # STA $C0EF: write mode, load
    program.append((cycle + 4, 0xC, -1))                # ORA $C0EC: shift
    for i, value in enumerate(data[1:]):
        cycle += 40 if i < 7 else 32
        program += [(cycle, 0xD, value), (cycle + 4, 0xC, -1)]
    cycle += 32
    program += [(cycle, 0xE, -1), (cycle + 4, 0xC, -1)]  # back to reading
    for _ in range(600):
        cycle += 7
        program.append((cycle, 0xC, -1))
    m, ref = compare(bits, Fraction(8), program)
    track = m.disk_card.disks[0]
    m.disk_card.sync(0)
    assert list(track.tracks[0]) == ref.bits
    assert len(ref.written) > 8 * 10 + 40 * 8


def test_disk_sequencer_option(tmp_path, monkeypatch, capsys):
    """``apple2 run --disk-sequencer P6``: a user's PROM, or a one-line error naming the file."""
    from emu import cli
    from test_disk_cli import boot_rom_system, hello_disk
    bad = tmp_path / "bad.rom"
    bad.write_bytes(bytes(256))
    status = cli.main(["run", hello_disk(tmp_path), "--rom", boot_rom_system(tmp_path),
                       "--disk-sequencer", str(bad), "--headless", "--frames", "2"])
    err = capsys.readouterr().err
    assert status == 2
    assert [line for line in err.splitlines() if "bad.rom" in line] == \
        [f"apple2 run: {bad}: CRC32 0d968558 is not a known Disk II P6 PROM "
         "(known: 341-0028 (16-sector P6) b72a2c70, 341-0010 (13-sector P6) 62e22620)"]
    image = chip_image(modify=0x00)                     # not Apple's bytes: one flipped
    monkeypatch.setitem(sequencer.KNOWN_P6, zlib.crc32(image), "test PROM")
    good = tmp_path / "p6.rom"
    good.write_bytes(image)
    status = cli.main(["run", hello_disk(tmp_path), "--rom", boot_rom_system(tmp_path),
                       "--disk-sequencer", str(good), "--headless", "--frames", "120",
                       "--print-screen"])
    out, err = capsys.readouterr()
    assert status == 0, err
    assert "Disk II sequencer: test PROM" in err and out.startswith("HI")


def test_long_pauses_skip_whole_turns_exactly():
    """Over 2^20 ticks the controller skips turns that repeat: the reads still match exactly."""
    bits = nibble_track(11, 500)
    program = [(10, 0xC, -1)]
    cycle = 10
    for gap in (3, 5, 530_123, 7, 7, 11):
        cycle += gap
        program.append((cycle, 0xC, -1))
    for _ in range(100):
        cycle += 7
        program.append((cycle, 0xC, -1))
    assert 2 * 530_000 > controller.LONG_TICKS
    compare(bits, Fraction(8), program)
