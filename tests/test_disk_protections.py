"""Copy-protection mechanisms, one test disk each: 6502 programs that print PASS or FAIL.

The disks are built by ``emu.tools.testdisks`` (our bit patterns, our 6502
programs in tests/programs/disks/), written as WOZ 2 files and booted by our
firmware and boot ROM, as a user would boot them.  Each program checks one
mechanism against what a document says (named in each test and in the
program's header), prints PASS or FAIL and the numbers it saw on the first
line of the screen.  The real disks these mechanisms come from (Blazing
Paddles: cross-track sync; Commando: the E7 resync; First Math Adventures:
the latch's lifespan; Mr. Do, Print Shop Companion: weak bits; Border Zone:
bit timing) are not ours to ship.
"""
from __future__ import annotations

import shutil

import numpy as np
import pytest

from emu import bus
from emu.disk import gcr, images, woz
from emu.disk.layout import CELL_LEN, CELL_UNITS, POSITION
from emu.machine import Apple2
from emu.tools import testdisks

pytestmark = pytest.mark.skipif(shutil.which("ophis") is None,
                                reason="the ophis assembler is not installed "
                                       "(pip install ophis-asm)")


# Where the disk has turned to when the program starts: whole bits (added to the head's
# position) and ticks (a first bit cell that short, with no pulse, moves every cell after
# it by that many 2 MHz ticks against the CPU's cycles).  A program whose timing is
# marginal -- a nibble seen late by a 7-cycle loop, then looked for again after it has
# gone -- passes at some phases and fails at others, so every disk is booted at all of
# these, and a verdict has to hold at each one.
PHASES = ((0, 0), (1, 3), (3, 6), (7, 1), (100, 5), (1000, 2), (5000, 7), (20000, 4))


def boot_at(path, phase: tuple[int, int] = (0, 0), seconds: float = 8.0) -> tuple[str, Apple2]:
    """Boot the WOZ file ``path`` with the disk turned to ``phase``; the first screen line."""
    bits, ticks = phase
    m = Apple2(disks=[path])                      # our firmware boots slot 6
    m.io[bus.DISK + POSITION] += bits
    m.io[bus.DISK + CELL_LEN] = ticks
    line = ""
    for _ in range(int(seconds * 10)):
        m.run(seconds=0.1, render=False)
        line = m.text_screen().splitlines()[0].rstrip()
        if line.startswith(("PASS", "FAIL")):
            break
    return line, m


def boots(tmp_path, spec: testdisks.TestDisk, seconds: float = 8.0):
    """Build the disk and boot it at every one of ``PHASES``, each from a fresh copy of the
    WOZ file (a program may write to it): yields (phase, first screen line, machine)."""
    image = woz.build(testdisks.build(spec))
    for i, phase in enumerate(PHASES):
        path = tmp_path / f"{spec.name}-{i}.woz"
        path.write_bytes(image)
        line, m = boot_at(path, phase, seconds)
        yield phase, line, m


def verdicts(tmp_path, spec: testdisks.TestDisk, seconds: float = 8.0) -> dict:
    """Phase -> the first screen line, for every one of ``PHASES``."""
    return {phase: line for phase, line, _ in boots(tmp_path, spec, seconds)}


def failing(lines: dict, verdict: str) -> dict:
    """The phases whose line does not start with ``verdict``."""
    return {phase: line for phase, line in lines.items() if not line.startswith(verdict)}


@pytest.mark.parametrize("make", [testdisks.cross_track, testdisks.weak_bits, testdisks.latch,
                                  testdisks.half_track, testdisks.e7_resync],
                         ids=lambda make: make.__name__)
def test_mechanism_behaves_as_documented(tmp_path, make):
    """Cross-track sync (WOZ 2 reference), weak bits (WOZ 2, the MC3470), the latch read
    mid-shift and its lifespan (Sather ch. 9), half-track data (Beneath Apple DOS ch. 3),
    the $C08D reset (Sather ch. 9, WOZ 2): each disk's ``document``."""
    spec = make()
    bad = failing(verdicts(tmp_path, spec), "PASS")
    assert not bad, f"{bad} (expected: {spec.document})"


def _rotated_marks(spec: testdisks.TestDisk) -> None:
    """Cross-track: track 2's marks turned 8 marks (a quarter turn) away from track 1's."""
    two = np.roll(spec.tracks[8], len(spec.tracks[8]) // 4)
    for q in (7, 8, 9):
        spec.tracks[q] = two


def _solid_weak_area(spec: testdisks.TestDisk) -> None:
    """Weak bits: the 0 bits round the island replaced by the same nibbles on every turn."""
    t = testdisks.Track().sync(8).nibbles([0xD5, 0xAA, 0x96]).nibbles(gcr.WRITE_TABLE[:16])
    t.nibbles([0xDE, 0xAA, 0xEB]).sync(2)
    while len(t.bits) < 50_000:
        t.nibbles(gcr.WRITE_TABLE[16:48])
    testdisks.whole(spec, 1, t.fill_to(51_200).array())


def _self_sync_after_eb(spec: testdisks.TestDisk) -> None:
    """Latch: the FF after EB made a self-sync byte (two 0 bits before the next 1)."""
    testdisks.whole(spec, 1, testdisks.repeat(
        lambda t: t.sync(6).nibbles([0xD5, 0xAA, 0x96]).sync(1)
        .nibbles([0xAD, 0xD5, 0xAA, 0x97, 0xEB]).sync(1).nibbles([0xAD])))


def _no_half_track(spec: testdisks.TestDisk) -> None:
    """Half track: no data on quarter track 6 (track 1.5): the drive reads noise there."""
    del spec.tracks[6]


@pytest.mark.parametrize("make, spoil", [
    (testdisks.cross_track, _rotated_marks), (testdisks.weak_bits, _solid_weak_area),
    (testdisks.latch, _self_sync_after_eb), (testdisks.half_track, _no_half_track)],
    ids=["crosstrack", "weakbits", "latch", "halftrack"])
def test_a_disk_without_its_mechanism_fails(tmp_path, make, spoil):
    """Each program says FAIL when its disk lacks what the document describes: PASS is
    earned, not printed regardless (the bit timing disk's own test does the same)."""
    spec = make()
    spoil(spec)
    bad = failing(verdicts(tmp_path, spec, seconds=12.0), "FAIL")
    assert not bad, bad


def test_track_length_nibble_count(tmp_path):
    """Beneath Apple DOS app. B: the nibbles round each track, as its bits frame them."""
    spec = testdisks.track_length()
    expected = f"PASS {spec.params['COUNT1']:04X} {spec.params['COUNT2']:04X}"
    for phase, line in verdicts(tmp_path, spec).items():
        counts = line.split()[1:]
        got = f"{line[:4]} {''.join(counts[:2])} {''.join(counts[2:])}"
        assert got == expected, f"at phase {phase}: {line}"


def test_non_standard_bit_timing(tmp_path):
    """WOZ 2 reference, INFO: the optimal bit timing (31: 3.875 us) sets the bits' rate.

    The same disk declaring the standard 32 must fail: the check tells the rates apart.
    """
    spec = testdisks.bit_timing()
    bad = failing(verdicts(tmp_path, spec), "PASS")
    assert not bad, bad
    spec.timing = woz.STANDARD_TIMING
    bad = failing(verdicts(tmp_path, spec), "FAIL")
    assert not bad, bad


def test_write_then_verify_self_sync_bytes(tmp_path):
    """Beneath Apple DOS ch. 3 and 6: FF every 40 cycles is FF and two 0 bits on the disk."""
    written = "1111111100" * 39 + "".join(f"{b:08b}" for b in (0xD5, 0xAA, 0xAD))
    table = "".join(f"{b:08b}" for b in gcr.WRITE_TABLE)
    for phase, line, m in boots(tmp_path, testdisks.write_sync()):
        assert line.startswith("PASS"), f"at phase {phase}: {line}"
        m.disk_card.sync(0)
        disk = m.disk_card.disks[0]
        bits = "".join(map(str, disk.tracks[disk.tmap[4]].tolist()))
        assert written + table in bits + bits, f"at phase {phase}"   # (it may wrap round)


@pytest.mark.parametrize("timing", [28, 29, 32, 36])
def test_nibbles_come_at_the_images_bit_timing(timing):
    """A WOZ 2 track of 8-bit nibbles, read 4 cycles apart: a nibble every 8 x timing/8 us.

    (The sequencer's 2 MHz clock is 2 ticks a us, a CPU cycle; at 28-30 a
    boot ROM's 7-cycle loop can miss some nibbles, so this reads through the
    card directly.)
    """
    from test_disk_sequencer import _accesses
    t = testdisks.Track().sync(10)
    while len(t.bits) < 50_000:
        t.nibbles(gcr.WRITE_TABLE[1:])
    bits = t.fill_to(51_000).array()
    info = bytearray(woz.default_info(2))
    info[woz.TIMING_AT] = timing
    disk = images.Disk(None, "woz", [bits], images.standard_tmap(1),
                       woz={"version": 2, "info": bytes(info)})
    m = Apple2(rom=b"\x60" * 0x3000)
    m.install_disk_controller(6).insert(0, disk)
    cycles = np.arange(1000, 1000 + 4 * 20_000, 4, dtype=np.int64)
    lows = np.full(len(cycles), 0xC, dtype=np.int64)
    lows[0] = 0x9                                     # motor on
    out = np.zeros(len(cycles), dtype=np.int64)
    _accesses(m.io, m.mem, cycles, lows, np.full(len(cycles), -1, dtype=np.int64), out)
    fills = np.flatnonzero((out[1:] >= 0x80) & (out[:-1] < 0x80)) + 1
    got = bytes(out[fills].astype(np.uint8))
    per_nibble = (cycles[fills[-1]] - cycles[fills[200]]) / (len(fills) - 1 - 200)
    assert abs(per_nibble - timing) < 0.1, per_nibble
    assert got[200:400] in gcr.read_nibbles(bits, turns=3)
    assert int(m.io[bus.DISK + CELL_UNITS]) == timing * 64      # 1/256 ticks: 8 per 32
