"""Build the Disk II test disks: one WOZ 2 file per copy-protection mechanism.

    python -m emu.tools.testdisks OUTDIR        # needs ophis (pip install ophis-asm)

Each disk boots (our boot ROM or Apple's P5 loads 8 sectors of track 0) into
a 6502 program of ours (tests/programs/disks/NAME.s, with common.s) that
drives the card directly and prints PASS or FAIL on the first line of the
text screen, with the numbers it saw.  The other tracks are laid out here,
bit by bit, for the mechanism under test; what the program expects, and the
document that says so, is in each disk's description below and in the
program's header.  tests/test_disk_protections.py boots every one.

Nothing here comes from a real disk: the bit patterns are our own.
"""
from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..disk import gcr, woz
from ..disk.images import Disk
from ..disk.layout import NO_TRACK, QUARTER_TRACKS

ROOT = Path(__file__).resolve().parents[2]
PROGRAMS = ROOT / "tests" / "programs" / "disks"
BOOT_SECTORS = 8                # the program: physical sectors 0-7 of track 0


class BuildError(Exception):
    """A test disk could not be built (no assembler, or a program that does not assemble)."""


# --- bits ------------------------------------------------------------------------------

class Track:
    """A track's bits, written in order: nibbles, self-sync bytes, plain 0 bits."""

    def __init__(self) -> None:
        self.bits: list[int] = []

    def nibbles(self, data: bytes | list[int]) -> "Track":
        for b in data:
            self.bits.extend((b >> (7 - i)) & 1 for i in range(8))
        return self

    def sync(self, count: int, zeros: int = 2) -> "Track":
        """``count`` self-sync bytes: FF and ``zeros`` 0 bits ("Beneath Apple DOS" ch. 3)."""
        self.bits.extend(([1] * 8 + [0] * zeros) * count)
        return self

    def zeros(self, count: int) -> "Track":
        self.bits.extend([0] * count)
        return self

    def fill_to(self, length: int) -> "Track":
        """Self-sync bytes (FF and 0-3 0 bits) up to exactly ``length`` bits."""
        gap = length - len(self.bits)
        if gap < 0:
            raise BuildError(f"a track overflows: {len(self.bits)} bits for {length}")
        if gap <= 3:
            return self.zeros(gap)              # up to three 0 bits read as 0 bits
        count = -(-gap // 11)
        size, longer = divmod(gap, count)
        if size < 8 or size + (1 if longer else 0) > 11:
            raise BuildError(f"cannot fill {gap} bits with self-sync bytes")
        for i in range(count):
            self.sync(1, size - 8 + (1 if i < longer else 0))
        return self

    def array(self) -> np.ndarray:
        return np.array(self.bits, dtype=np.uint8)


def repeat(unit, until: int = 50_000, length: int = 51_000) -> np.ndarray:
    """``unit(track)`` over and over, then self-sync bytes up to ``length`` bits."""
    t = Track()
    while len(t.bits) < until:
        unit(t)
    return t.fill_to(length).array()


def marks_track(length: int, marks: int, second: int, seed: int) -> np.ndarray:
    """``marks`` marks evenly spaced round a track: 6 sync, D5 ``second`` id (id = mark number)."""
    rng = random.Random(seed)
    t = Track()
    for i in range(marks):
        if i:
            t.fill_to(round(i * length / marks))
        t.sync(6).nibbles([0xD5, second, gcr.WRITE_TABLE[i]])
        t.nibbles(bytes(rng.choice(gcr.WRITE_TABLE) for _ in range(20)))
    return t.fill_to(length).array()


def boot_track(program: bytes) -> np.ndarray:
    """Track 0: 16 standard sectors, the program in physical sectors 0-7."""
    if len(program) > BOOT_SECTORS * 256:
        raise BuildError(f"the program is {len(program)} bytes; at most {BOOT_SECTORS * 256}")
    data = program + bytes(16 * 256 - len(program))
    sectors = [data[i * 256:(i + 1) * 256] for i in range(16)]
    return gcr.encode_track(0, sectors, gcr.VOLUME)


# --- programs ------------------------------------------------------------------------------

def assemble(name: str, params: dict[str, int]) -> bytes:
    """tests/programs/disks/NAME.s after common.s, with ``params`` as .alias lines."""
    ophis = shutil.which("ophis")
    if ophis is None:
        raise BuildError("the ophis assembler is not installed (pip install ophis-asm)")
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        head = folder / "params.s"
        head.write_text("".join(f".alias {k} {v}\n" for k, v in params.items()))
        out = folder / f"{name}.bin"
        done = subprocess.run([ophis, "-o", str(out), str(head),
                               str(PROGRAMS / "common.s"), str(PROGRAMS / f"{name}.s")],
                              capture_output=True, text=True)
        said = (done.stdout + done.stderr).strip().replace("\n", "; ")
        if done.returncode != 0:
            raise BuildError(f"{name}.s does not assemble: {said}")
        if "out of range" in said:      # ophis lengthened a branch: the timing would change
            raise BuildError(f"{name}.s: a branch is out of range: {said}")
        return out.read_bytes()


# --- the disks -----------------------------------------------------------------------------

@dataclass
class TestDisk:
    """A test disk: its name, what it tests and where that behaviour is documented."""

    name: str
    mechanism: str
    document: str
    tracks: dict[int, np.ndarray] = field(default_factory=dict)    # quarter track -> bits
    params: dict[str, int] = field(default_factory=dict)
    timing: int = woz.STANDARD_TIMING
    expected: dict = field(default_factory=dict)                   # for the tests

    def disk(self, program: bytes) -> Disk:
        """The WOZ 2 image: track 0 boots the program; ``tracks`` as given."""
        tracks = [boot_track(program)]
        tmap = [NO_TRACK] * QUARTER_TRACKS
        for q in (0, 1):
            tmap[q] = 0
        for quarter, bits in sorted(self.tracks.items()):
            tracks.append(bits)
            tmap[quarter] = len(tracks) - 1
        info = bytearray(woz.default_info(2))
        info[woz.TIMING_AT] = self.timing
        return Disk(None, "woz", tracks, tmap, woz={"version": 2, "info": bytes(info)})


def whole(disk: TestDisk, track: int, bits: np.ndarray, quarters: tuple[int, ...] = (-1, 0, 1)):
    """A whole track: the quarter tracks around it read the same bits (as a WOZ TMAP maps them)."""
    for q in quarters:
        disk.tracks[4 * track + q] = bits
    return bits


def cross_track() -> TestDisk:
    d = TestDisk("crosstrack", "cross-track synchronisation",
                 "WOZ 2 reference, Cross-Track Synchronization: on a track change the bit "
                 "position carries over as position * new length / old length")
    d.params = {"MARKID": gcr.WRITE_TABLE[24], "NEXTID": gcr.WRITE_TABLE[25]}
    # Tracks 1 and 2 of very different lengths, marks 0-31 at the same angles.
    one = marks_track(44_000, 32, 0x9A, 1)
    two = marks_track(56_000, 32, 0x9B, 2)
    d.tracks[4] = one                   # quarter tracks 3-5 would be track 1; 4 is enough
    d.tracks[3] = d.tracks[5] = one
    d.tracks[7] = d.tracks[8] = d.tracks[9] = two
    d.expected = {"next mark": 25}
    return d


def weak_bits() -> TestDisk:
    d = TestDisk("weakbits", "a track of weak bits with one valid island",
                 "WOZ 2 reference, Freaking Out Like a MC3470: with no flux change in its "
                 "window the drive reads random bits, different on every turn")
    t = Track().zeros(20_000).sync(8).nibbles([0xD5, 0xAA, 0x96])
    t.nibbles(gcr.WRITE_TABLE[:16]).nibbles([0xDE, 0xAA, 0xEB]).sync(2)
    whole(d, 1, t.zeros(51_200 - len(t.bits)).array())
    return d


def track_length() -> TestDisk:
    d = TestDisk("tracklength", "track length (nibble count) checks",
                 "Beneath Apple DOS app. B, nibble counting: the nibbles round a track, "
                 "counted from a mark back to it, give the track's length")
    lengths = {1: 50_360, 2: 52_040}
    for track, length in lengths.items():
        rng = random.Random(track)
        t = Track().sync(10).nibbles([0xD5, 0xAA, 0x96])
        while len(t.bits) < length - 800:
            t.nibbles(bytes(rng.choice(gcr.WRITE_TABLE[1:]) for _ in range(rng.randint(8, 60))))
            t.sync(rng.randint(5, 9))
        bits = whole(d, track, t.fill_to(length).array())
        # The count, by the plain framing rule of gcr.read_nibbles (not the sequencer):
        # the nibbles read between two passes of the mark.
        nibbles = gcr.read_nibbles(bits, turns=3)
        first = nibbles.find(b"\xd5\xaa\x96")
        second = nibbles.find(b"\xd5\xaa\x96", first + 3)
        d.params[f"COUNT{track}"] = second - first
    d.expected = {k: v for k, v in d.params.items()}
    return d


def latch() -> TestDisk:
    d = TestDisk("latch", "the data latch read mid-shift, and how long it holds a nibble",
                 "Sather, Understanding the Apple II ch. 9: the sequencer holds a full "
                 "register until about two bit cells after the next 1 bit, then clears it "
                 "and shifts the next nibble in")
    whole(d, 1, repeat(lambda t: t.sync(6).nibbles([0xD5, 0xAA, 0x96]).sync(1)
                       .nibbles([0xAD, 0xD5, 0xAA, 0x97, 0xEB, 0xFF, 0xAD])))
    # (the FF after EB has 8 bits: a 1 bit follows it at once)
    return d


def half_track() -> TestDisk:
    d = TestDisk("halftrack", "data on a half track",
                 "Beneath Apple DOS ch. 3: the arm stops on 70 phases; protected disks use "
                 "odd phases (half tracks) too")
    for quarter, mark in ((4, 0xAB), (6, 0xB6), (8, 0xBA)):     # disk bytes of the 6-and-2 table
        t = Track()
        while len(t.bits) < 50_000:
            t.sync(8).nibbles([0xD5, 0xAA, 0x96, mark])
            t.nibbles(gcr.WRITE_TABLE[:40])
        d.tracks[quarter] = t.fill_to(50_400).array()
    d.tracks[3] = d.tracks[5] = d.tracks[4]
    d.tracks[7] = d.tracks[9] = d.tracks[8]
    return d


def bit_timing() -> TestDisk:
    d = TestDisk("bittiming", "a non-standard bit timing (WOZ 2 optimal bit timing 31)",
                 "WOZ 2 reference, INFO: optimal bit timing, in 125 ns units (32: 4 us), "
                 "the rate at which the bits reach the controller", timing=31)
    t = Track().sync(10).nibbles([0xD5, 0xAA, 0x96])
    while len(t.bits) < 49_000:
        t.nibbles(gcr.WRITE_TABLE[1:])          # nibbles only, no 10-bit sync: 8 bits each
    whole(d, 1, t.fill_to(50_000).array())
    # After the mark, nibble k is table byte 1 + k % 63; 256 nibble times on, the one
    # coming is nibble 255 (still in the latch) or 256.  The wait loop takes a nibble's
    # time, ``timing`` cycles (odd): JSR into a sled of NOPs, then DEY/BNE (5).
    # (Faster disks, 28-30, are read by the tests through the card directly: at those
    # speeds a nibble ending in two 0 bits before two 1 bits stays in the latch less
    # than 7 cycles, and the boot ROM's 7-cycle loops miss some.)
    seq = [gcr.WRITE_TABLE[1 + k % 63] for k in range(300)]
    d.params = {"SLEDOFF": 20 - (d.timing - 5 - 12) // 2, "OK1": seq[255], "OK2": seq[256]}
    d.expected = {"nibbles": (255, 256), "at 4 us": seq[256 * d.timing // 32 - 1]}
    return d


def write_sync() -> TestDisk:
    d = TestDisk("writesync", "writing self-sync bytes and nibbles, then reading them back",
                 "Beneath Apple DOS ch. 3 and 6: a nibble every 32 cycles, a self-sync FF "
                 "every 40 (FF and two 0 bits), read back through the sync bytes")
    rng = random.Random(9)
    whole(d, 1, repeat(lambda t: t.sync(5).nibbles(bytes(rng.choice(gcr.WRITE_TABLE)
                                                         for _ in range(30)))))
    return d


def e7_resync() -> TestDisk:
    d = TestDisk("resync", "resetting the sequencer with $C08D (the E7 bit-slip trick)",
                 "Sather ch. 9 (sense mode holds state 0 and shifts the register right; "
                 "read mode from state 0 shifts a 1 in at once) and the WOZ 2 reference: "
                 "reading $C08D,X resets the sequencer and clears the data latch")
    def unit(t: Track) -> None:
        t.sync(8).nibbles([0xD5, 0xAA, 0x96])
        for _ in range(30):
            t.nibbles([0xE7]).zeros(1)
    whole(d, 1, repeat(unit))
    return d


DISKS = (cross_track, weak_bits, track_length, latch, half_track, bit_timing, write_sync,
         e7_resync)


def build(disk: TestDisk) -> Disk:
    return disk.disk(assemble(disk.name, disk.params))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path, help="where to write the .woz files")
    args = parser.parse_args(argv)
    args.outdir.mkdir(parents=True, exist_ok=True)
    try:
        for make in DISKS:
            spec = make()
            path = args.outdir / f"{spec.name}.woz"
            path.write_bytes(woz.build(build(spec)))
            print(f"{path}: {spec.mechanism} ({spec.document})")
    except BuildError as e:
        print(f"testdisks: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
