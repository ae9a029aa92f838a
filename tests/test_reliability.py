"""Regression tests for issue 12: every class of bad input once found to give a traceback,
a crash, a hang or lost data, reproduced and shown to be handled.

The classes (from the issue): malformed WOZ chunks; a write-back failure in one
drive; save states with bad values, or damaged, cut short or of the wrong
shapes; FIFOs and endless devices given as files; odd command-line values and
a closed stdout; debugger commands without their arguments; the same image in
two drives; a state older than its image; a write-back killed half-way; RESET
and the language card.  Expectations come from the WOZ reference (chunk
sizes), POSIX (FIFOs, SIGKILL, EPIPE) and, for RESET, Apple's manuals (see
the last test).  tests/test_fuzz.py throws random inputs of the same kinds.
"""
from __future__ import annotations

import io
import os
import signal
import struct
import subprocess
import sys
import time
import zlib
from pathlib import Path

import numpy as np
import pytest

from emu import bus, cli
from emu.cpu import state as cpu_state
from emu.debug import Monitor
from emu.disk import gcr, images, woz
from emu.disk.images import DiskError
from emu.disk.layout import DIRTY, TRACK_BITS, TRACK_BYTES, TRACK_SLOTS
from emu.machine import Apple2
from emu.savestate import StateError
from emu.userfiles import remove_stale_temps

REPO = Path(__file__).resolve().parents[1]
HOMEBREW = REPO / "roms" / "homebrew.dsk"
TIMEOUT = 60                       # seconds: anything that blocks fails well before a CI timeout


def copy_homebrew(tmp_path: Path, name: str = "homebrew.dsk") -> Path:
    path = tmp_path / name
    path.write_bytes(HOMEBREW.read_bytes())
    return path


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    """``apple2 ARGV`` in this process: (status, stdout, stderr); argparse exits count too."""
    try:
        status = cli.main(list(argv))
    except SystemExit as e:
        status = e.code
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return status, out, err


def one_error_line(capsys, *argv: str) -> str:
    status, out, err = run_cli(capsys, *argv)
    assert status == 2, err
    lines = err.splitlines()
    assert lines and lines[-1].startswith("apple2 "), err
    return lines[-1]


# --- WOZ chunks (the WOZ 1 and 2 references: INFO is 60 bytes, TMAP 160) ----------------

def woz_file(version: int, **replace: bytes) -> bytes:
    """A valid WOZ of the homebrew disk with some chunks' payloads replaced, CRC fixed."""
    disk = images.load(HOMEBREW)
    data = woz.from_disk(disk, version)
    chunks, at = [], 12
    while at < len(data):
        cid = data[at:at + 4].decode()
        size = struct.unpack_from("<I", data, at + 4)[0]
        chunks.append((cid, replace.get(cid, data[at + 8:at + 8 + size])))
        at += 8 + size
    body = b"".join(c.encode() + struct.pack("<I", len(p)) + p for c, p in chunks)
    return data[:8] + struct.pack("<I", zlib.crc32(body)) + body


@pytest.mark.parametrize("version", [1, 2])
@pytest.mark.parametrize("info_size", [0, 2, 45, 59])
def test_a_woz_info_chunk_shorter_than_the_format_is_refused_at_load(tmp_path, version,
                                                                     info_size):
    path = tmp_path / "short.woz"
    path.write_bytes(woz_file(version, INFO=bytes([version, 1]) + bytes(max(0, info_size - 2))))
    with pytest.raises(DiskError, match=r"short\.woz: WOZ INFO chunk of \d+ bytes"):
        images.load(path)


def test_a_short_tmap_is_refused_by_disk_info_and_run_alike(tmp_path, capsys):
    path = tmp_path / "tmap.woz"
    path.write_bytes(woz_file(2, TMAP=bytes(100)))
    assert "TMAP chunk of 100 bytes" in one_error_line(capsys, "disk", "info", str(path))
    assert "TMAP chunk of 100 bytes" in one_error_line(capsys, "run", str(path), "--headless",
                                                       "--frames", "1")


def test_a_woz1_with_161_tracks_is_refused_at_load_not_at_insert(tmp_path, capsys):
    data = woz_file(1)
    trks = data.index(b"TRKS")
    size = struct.unpack_from("<I", data, trks + 4)[0]
    tracks = data[trks + 8:trks + 8 + size]
    tracks += tracks[:woz.V1_TRACK] * (161 - len(tracks) // woz.V1_TRACK)
    path = tmp_path / "many.woz"
    path.write_bytes(woz_file(1, TRKS=tracks))
    with pytest.raises(DiskError, match="161 tracks"):
        images.load(path)
    assert "161 tracks" in one_error_line(capsys, "run", str(path), "--headless")


# --- write-back: one drive's failure never stops the other's ------------------------------

def drive_writes(m: Apple2, drive: int, track: int, fill: int) -> None:
    """Leave what the controller leaves when the 6502 rewrites a whole track of a .dsk:
    the new bits in the track's slot and its dirty flag (see emu.disk.controller.turn)."""
    bits = gcr.encode_track(track, [bytes([fill]) * 256] * 16)
    packed = np.packbits(bits)
    at = m.disk_card._track_at(drive - 1, track)
    m.mem[at:at + TRACK_BYTES] = 0
    m.mem[at:at + len(packed)] = packed
    m.io[bus.DISK + TRACK_BITS + (drive - 1) * TRACK_SLOTS + track] = len(bits)
    m.io[bus.DISK + DIRTY + (drive - 1) * TRACK_SLOTS + track] = 1


def sector(path: Path, track: int, s: int = 0) -> bytes:
    return images.read_sector(path.read_bytes(), track, s, "dos")


@pytest.mark.parametrize("failure", [struct.error("required argument is not an integer"),
                                     DiskError("x.dsk: 3 written sector(s) do not decode")])
def test_a_failing_drive_does_not_stop_the_other_from_being_saved(tmp_path, failure):
    one, two = copy_homebrew(tmp_path, "one.dsk"), copy_homebrew(tmp_path, "two.dsk")
    m = Apple2(disks=[one, two])
    drive_writes(m, 1, 20, 0x11)
    drive_writes(m, 2, 20, 0x22)

    def broken():
        raise failure
    m.disk_card.disks[0].image_bytes = broken        # drive 1's write-back fails
    errors = m.close()
    assert len(errors) == 1 and errors[0].startswith("drive 1: ")
    assert "\n" not in errors[0] and ("one.dsk" in errors[0] or "x.dsk" in errors[0])
    assert sector(one, 20) == HOMEBREW.read_bytes()[20 * 4096:20 * 4096 + 256]   # untouched
    assert sector(two, 20) == bytes([0x22]) * 256                                # saved


def test_a_woz2_with_a_short_info_never_gets_to_write_back(tmp_path):
    """It used to load, then fail in struct.pack_into at write-back (INFO byte 44)."""
    path = tmp_path / "info.woz"
    path.write_bytes(woz_file(2, INFO=woz.default_info(2)[:40]))
    with pytest.raises(DiskError, match="INFO chunk of 40 bytes"):
        images.load(path)


def test_a_failed_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    path = copy_homebrew(tmp_path)
    m = Apple2(disks=[path])
    drive_writes(m, 1, 3, 0x33)
    monkeypatch.setattr(os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(28, "No space")))
    errors = m.close()
    assert len(errors) == 1 and "No space" in errors[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["homebrew.dsk"]
    assert path.read_bytes() == HOMEBREW.read_bytes()


KILLED_WRITER = """
import os, sys, time
from emu import userfiles
def stall(fd):
    print("writing", flush=True)
    time.sleep(600)
os.fsync = stall
userfiles.write_atomically(sys.argv[1], b"\\x00" * 143360)
"""


def test_a_write_back_killed_half_way_leaves_the_image_whole_and_its_temp_is_cleaned(tmp_path):
    path = copy_homebrew(tmp_path)
    child = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(path)], cwd=REPO,
                             stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline() == "writing\n"       # the temp file is written
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(TIMEOUT)
    temps = [p for p in tmp_path.iterdir() if p.name != "homebrew.dsk"]
    assert len(temps) == 1 and temps[0].name.startswith(f".homebrew.dsk.{child.pid}.")
    assert path.read_bytes() == HOMEBREW.read_bytes()       # the image is whole
    images.load(path)                                       # loading it cleans up
    assert sorted(p.name for p in tmp_path.iterdir()) == ["homebrew.dsk"]


def test_a_live_writers_temp_file_is_left_alone(tmp_path):
    path = copy_homebrew(tmp_path)
    mine = tmp_path / f".homebrew.dsk.{os.getppid()}.abcdefgh.tmp"   # a live process's
    mine.write_bytes(b"x")
    assert remove_stale_temps(path) == [] and mine.exists()


# --- the same image in both drives ----------------------------------------------------------

def test_the_same_writable_image_in_both_drives_is_refused(tmp_path, capsys):
    path = copy_homebrew(tmp_path)
    link = tmp_path / "link.dsk"
    link.symlink_to(path)
    m = Apple2(disks=[path])
    with pytest.raises(DiskError, match="already in drive 1"):
        m.insert_disk(2, link)
    assert m.disk_card.disks[1] is None
    err = one_error_line(capsys, "run", str(path), "--disk2", str(link), "--headless")
    assert "already in drive 1" in err and "--write-protect" in err


def test_the_same_image_in_both_drives_is_allowed_write_protected(tmp_path, capsys):
    path = copy_homebrew(tmp_path)
    status, _, err = run_cli(capsys, "run", str(path), "--disk2", str(path), "--headless",
                             "--frames", "1", "--write-protect")
    assert status == 0, err
    m = Apple2()
    for drive in (1, 2):
        disk = images.load(path)
        disk.write_protected = True
        m.insert_disk(drive, disk)
    assert m.close() == []


# --- save states -------------------------------------------------------------------------

@pytest.fixture
def booted(tmp_path):
    """A machine booting the homebrew disk (a copy), its state saved mid-boot."""
    image = copy_homebrew(tmp_path)
    m = Apple2(disks=[image])
    m.run(seconds=0.3)
    state = tmp_path / "boot.npz"
    assert m.save_state(state) == []
    return m, image, state


def snapshot(m: Apple2) -> dict:
    card = m.disk_card
    return {"cpu": m.cpu.state.copy(), "mem": m.mem.copy(), "io": m.io.copy(),
            "pixels": m.pixels.copy(), "frame": m.frame, "frame_start": m.frame_start,
            "disks": [d.path if d else None for d in card.disks] if card else None}


def same(a: dict, b: dict) -> bool:
    return all(np.array_equal(a[k], b[k]) if isinstance(a[k], np.ndarray) else a[k] == b[k]
               for k in a)


def rewrite(state: Path, out: Path, **changes) -> Path:
    """The state file with arrays replaced (None: removed), written as numpy writes it."""
    with np.load(state) as f:
        data = {k: f[k] for k in f.files}
    for key, value in changes.items():
        if value is None:
            del data[key]
        else:
            data[key] = value
    np.savez(out, **data)
    return out


def poked(state: Path, out: Path, name: str, index, value) -> Path:
    with np.load(state) as f:
        array = f[name].copy()
    array[index] = value
    return rewrite(state, out, **{name: array})


def test_a_page_table_out_of_range_never_reaches_the_core(booted, tmp_path):
    """Such a state crashed the jitted core (SIGSEGV).  The table is rebuilt from the
    switches on load, so the file's entries are never used."""
    m, image, state = booted
    pages = slice(bus.PAGES, bus.PAGES + 512)
    with np.load(state) as f:
        io_ = f["io"].copy()
    io_[pages] = np.iinfo(np.int64).max
    bad = rewrite(state, tmp_path / "pages.npz", io=io_)
    other = Apple2()
    other.load_state(bad)
    assert np.array_equal(other.pages, m.pages)
    other.run(frames=30)                     # and it runs on: the homebrew boots
    assert other.close() == []


@pytest.mark.parametrize("name, index, value, what", [
    ("cpu", 5, 0x10000, "PC"),                          # state.PC
    ("cpu", 3, 0x1FF, "A, X, Y, S, P"),                 # state.S
    ("io", bus.KEY_TAIL, 10 ** 6, "keys waiting"),
    ("io", bus.SLOG_COUNT, -1, "speaker log"),
    ("io", bus.DISK + 13, 500, "heads"),                # layout.HEAD
    ("io", bus.DISK + TRACK_BITS, 1 << 40, "track lengths"),
    ("mem", bus.DISK_MEM + 3, 200, "quarter-track map"),
    ("counters", 1, -(1 << 40), "cycles into the frame"),
    ("pixels", (0, 0), 200, "framebuffer"),
])
def test_values_out_of_range_are_refused_and_the_machine_is_left_as_it_was(
        booted, tmp_path, name, index, value, what):
    _, _, state = booted
    bad = poked(state, tmp_path / "bad.npz", name, index, value)
    image = copy_homebrew(tmp_path, "mine.dsk")
    m = Apple2(disks=[image])
    m.run(frames=5)
    before = snapshot(m)
    with pytest.raises(StateError, match=what) as err:
        m.load_state(bad)
    assert "\n" not in str(err.value) and str(err.value).startswith(str(bad))
    assert same(before, snapshot(m))          # nothing changed, the disk is still in
    m.run(frames=5)


def damaged_files(state: Path, tmp_path: Path):
    raw = state.read_bytes()
    yield "empty", b""
    yield "cut short", raw[:len(raw) // 2]
    yield "one byte", raw[:1]
    flipped = bytearray(raw)
    flipped[len(raw) // 3] ^= 0xFF
    yield "a byte flipped", bytes(flipped)
    yield "a missing key", rewrite(state, tmp_path / "k.npz", mem=None).read_bytes()
    yield "a wrong type", rewrite(state, tmp_path / "t.npz",
                                  cpu=np.zeros(25, dtype=np.float64)).read_bytes()
    yield "a wrong length", rewrite(state, tmp_path / "l.npz",
                                    io=np.zeros(10, dtype=np.int64)).read_bytes()
    yield "a string for a number", rewrite(state, tmp_path / "s.npz",
                                           counters=np.array("lots")).read_bytes()
    yield "a huge shape", rewrite(state, tmp_path / "h.npz",
                                  speaker_log=np.zeros(10 ** 6, dtype=np.int64)).read_bytes()
    yield "objects", _pickled(state, tmp_path)


def _pickled(state: Path, tmp_path: Path) -> bytes:
    with np.load(state) as f:
        data = {k: f[k] for k in f.files}
    data["disk_paths"] = np.array([object(), None], dtype=object)
    np.savez(tmp_path / "o.npz", **data)
    return (tmp_path / "o.npz").read_bytes()


def test_damaged_states_fail_in_one_line_before_anything_changes(booted, tmp_path):
    _, _, state = booted
    image = copy_homebrew(tmp_path, "mine.dsk")
    m = Apple2(disks=[image])
    m.run(frames=5)
    before = snapshot(m)
    for label, data in damaged_files(state, tmp_path):
        bad = tmp_path / "damaged.npz"
        bad.write_bytes(data)
        with pytest.raises(StateError) as err:
            m.load_state(bad)
        message = str(err.value)
        assert message.startswith(f"{bad}: ") and "\n" not in message, label
        assert same(before, snapshot(m)), label
    m.run(frames=5)
    assert m.close() == []


def test_the_debugger_and_the_command_line_report_a_bad_state_in_one_line(booted, tmp_path,
                                                                          capsys):
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"PK\x03\x04 not really")
    err = one_error_line(capsys, "debug", "--state", str(bad), "--no-rom")
    assert "bad.npz" in err
    out = io.StringIO()
    Monitor(Apple2(), stdin=io.StringIO(f"load {bad}\nquit\n"), stdout=out).cmdloop()
    assert "error: " in out.getvalue() and "bad.npz" in out.getvalue()


def test_loading_an_older_state_keeps_the_newer_image_and_says_so(booted, tmp_path):
    m, image, state = booted
    drive_writes(m, 1, 20, 0x5A)              # the machine runs on and writes the disk
    assert m.close() == []
    newer = image.read_bytes()
    assert sector(image, 20) == bytes([0x5A]) * 256
    other = Apple2()
    notes = other.load_state(state)
    assert len(notes) == 1 and "drive 1" in notes[0] and "changed since" in notes[0]
    other.run(seconds=1)                      # the state's disk is still in the drive
    assert other.close() == [] and image.read_bytes() == newer      # never reverted


def test_loading_an_older_state_with_restore_disks_writes_the_states_disk(booted, tmp_path):
    m, image, state = booted
    drive_writes(m, 1, 20, 0x5A)
    m.close()
    other = Apple2()
    assert other.load_state(state, restore_disks=True) == []
    assert other.close() == []
    assert image.read_bytes() == HOMEBREW.read_bytes()   # the state's disk, as saved


def test_an_unchanged_image_is_tied_to_its_drive_again(booted):
    m, image, state = booted
    other = Apple2()
    assert other.load_state(state) == []
    assert other.disk_card.disks[0].path == image
    drive_writes(other, 1, 7, 0x77)
    assert other.close() == [] and sector(image, 7) == bytes([0x77]) * 256


def test_saving_a_state_writes_the_drives_changes_first(booted, tmp_path):
    m, image, state = booted
    drive_writes(m, 1, 9, 0x99)
    assert m.save_state(tmp_path / "later.npz") == []
    assert sector(image, 9) == bytes([0x99]) * 256


# --- files that are not regular files -------------------------------------------------------

@pytest.fixture
def fifo(tmp_path):
    path = tmp_path / "pipe"
    os.mkfifo(path)
    return str(path)


def within(seconds: float, fn, *args):
    """Call fn, and fail if it took longer than ``seconds`` (it used to block forever)."""
    started = time.monotonic()
    result = fn(*args)
    assert time.monotonic() - started < seconds
    return result


@pytest.mark.parametrize("argv", [
    ["disk", "info", "{f}"], ["run", "{f}", "--headless"], ["run", "--rom", "{f}", "--headless"],
    ["run", "--charset", "{f}", "--headless"], ["debug", "--state", "{f}", "--no-rom"],
    ["debug", "--load", "{f}@800", "--no-rom"], ["debug", "--commands", "{f}", "--no-rom"],
    ["disasm", "{f}"],
])
@pytest.mark.parametrize("special", ["fifo", "/dev/zero"])
def test_fifos_and_endless_devices_are_refused_before_reading(capsys, fifo, argv, special):
    name = fifo if special == "fifo" else special
    err = within(TIMEOUT, one_error_line, capsys, *[a.format(f=name) for a in argv])
    assert name in err and ("FIFO" in err or "device" in err)


def test_outputs_that_are_not_regular_files_are_refused(capsys, fifo, tmp_path):
    err = within(TIMEOUT, one_error_line, capsys, "run", "--headless", "--frames", "1",
                 "--screenshot", fifo)
    assert "FIFO" in err
    out = io.StringIO()
    script = f"trace {fifo} 5\nscreenshot {fifo}\nsave {fifo}\nsave /dev/null\nquit\n"
    within(TIMEOUT, Monitor(Apple2(), stdin=io.StringIO(script), stdout=out).cmdloop)
    assert out.getvalue().count("error: ") == 4
    assert Path("/dev/null").exists() and not Path("/dev/null").is_file()


# --- the command line ---------------------------------------------------------------------

@pytest.mark.parametrize("argv, word", [
    (["run", "--headless", "--seconds", "nan"], "finite"),
    (["run", "--headless", "--seconds", "inf"], "finite"),
    (["run", "--headless", "--seconds", "1e300"], "more than"),
    (["run", "--headless", "--frames", "-3"], "negative"),
    (["run", "--speed", "inf"], "'max'"),
    (["run", "--speed", "nan"], "'max'"),
    (["debug", "--pc", "70000"], "beyond $FFFF"),
    (["debug", "--pc", "zz"], "expected hex"),
    (["debug", "--no-rom", "--load", "x.bin@zz"], "expected hex"),
])
def test_odd_values_on_the_command_line(capsys, argv, word):
    assert word in one_error_line(capsys, *argv)


@pytest.mark.parametrize("argv", [
    ["disk", "info", str(HOMEBREW)],
    ["run", str(HOMEBREW), "--write-protect", "--headless", "--frames", "1", "--print-screen"],
    ["disasm", str(REPO / "roms" / "disk2.rom")],
])
def test_a_reader_that_goes_away_is_no_traceback(argv):
    """``apple2 disk info X | head``: the pipe closes before we write (EPIPE)."""
    read, write = os.pipe()
    os.close(read)                                       # the reader is gone already
    try:
        done = subprocess.run([sys.executable, "-m", "emu", *argv], cwd=REPO, stdout=write,
                              stderr=subprocess.PIPE, text=True, timeout=300)
    finally:
        os.close(write)
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr, done.stderr
    assert done.returncode == 1


# --- the debugger --------------------------------------------------------------------------

def monitor(script: str, machine: Apple2 | None = None) -> str:
    out = io.StringIO()
    Monitor(machine or Apple2(), stdin=io.StringIO(script + "\nquit\n"), stdout=out).cmdloop()
    return out.getvalue()


@pytest.mark.parametrize("command", ["mem", "poke", "watch", "trace", "save", "load",
                                     "screenshot", "insert", "eject", "set", "delete",
                                     "unwatch", "brk", "type"])
def test_commands_without_their_arguments_print_their_usage(command):
    text = monitor(command)
    assert f"usage: {command}" in text


def test_typing_more_than_the_queue_holds_types_nothing(tmp_path):
    m = Apple2()
    text = monitor("type " + "A" * (bus.KEY_QUEUE + 1), m)
    assert "error: " in text and "4096" in text
    assert m.keys_pending == 0
    with pytest.raises(OverflowError):
        m.type_text("B" * (bus.KEY_QUEUE + 1))
    assert m.keys_pending == 0


def test_listings_and_ranges_are_bounded():
    text = monitor("mem 0 99999999\nmem 300-200\ndisasm 0 99999999\nstep zz\npoke 300 100")
    assert text.count("error: ") == 5


def test_stepping_a_65c02_asleep_in_wai_returns():
    """WAI ($CB) waits for an interrupt; with none coming, step used to loop for ever."""
    m = Apple2(rom=None, cpu="65c02")
    m.load(0x0300, bytes([0xCB, 0xEA]))          # WAI / NOP
    m.cpu.set_pc(0x0300)
    m.cpu.state[cpu_state.RESET] = 0
    stop = within(TIMEOUT, m.step, 3)
    assert stop.reason == "done" and m.cpu.pc == 0x0301
    assert "PC=0301" in within(TIMEOUT, monitor, "step 2", m)


def test_a_6502_state_cannot_be_waiting(booted, tmp_path):
    _, _, state = booted
    bad = poked(state, tmp_path / "wai.npz", "cpu", cpu_state.WAITING, 1)
    with pytest.raises(StateError, match="WAITING"):
        Apple2().load_state(bad)


# --- RESET and the language card ------------------------------------------------------------

# In language-card RAM at $D000: LDA #$AA / STA $0300 / JMP $D005 (RESET lands here if the
# card still reads RAM), and the RESET vector $FFFC in card RAM pointing at it.
RESET_HANDLER = bytes([0xA9, 0xAA, 0x8D, 0x00, 0x03, 0x4C, 0x05, 0xD0])
# In main RAM at $0800: enable card RAM for reading and writing (two reads of $C083),
# then loop in place: JMP $0806.
ENABLE_CARD_RAM = bytes([0xAD, 0x83, 0xC0, 0xAD, 0x83, 0xC0, 0x4C, 0x06, 0x08])


def test_reset_leaves_the_language_card_as_it_was_as_on_the_apple_ii_plus():
    """Apple: "the reset on the Apple II Plus ... doesn't affect the bank-switched memory
    (the language card)", so RESET can return control to a program in it, unlike on the
    IIGS (Apple IIGS Hardware Reference, ch. 3, "Language-card memory space").  AppleWin's
    CtrlReset cites Sather, "Understanding the Apple II", p. 5-29, for the same.  (Issue 12
    expected RESET to select ROM; the documents say otherwise.)  The CPU takes the RESET
    vector from wherever $FFFC is mapped: here, the card's RAM."""
    m = Apple2()
    m.load(0x0800, ENABLE_CARD_RAM)
    m.cpu.set_pc(0x0800)
    m.run(cycles=100)
    assert m.io[bus.LC_READ_RAM] == 1 and m.io[bus.LC_WRITE] == 1
    for i, b in enumerate(RESET_HANDLER):
        m.poke(0xD000 + i, b)
    m.poke(0xFFFC, 0x00)
    m.poke(0xFFFD, 0xD0)
    switches = m.io[bus.LC_READ_RAM:bus.LC_PREWRITE + 1].copy()
    m.reset()
    m.run(cycles=200)
    assert np.array_equal(m.io[bus.LC_READ_RAM:bus.LC_PREWRITE + 1], switches)
    assert m.peek(0x0300) == 0xAA and 0xD000 <= m.cpu.pc < 0xD008     # the card's handler ran


def test_power_up_reads_rom_and_writes_card_ram_in_bank_2():
    """The power-up state (Microsoft RAMCard manual, ch. 4, for its Language Card
    compatible card: "Power-on/RESET selects on-board ROM read, write-enables RAMCard RAM,
    and selects ... BANK 2 ... identical to two consecutive accesses of $C081")."""
    io_ = bus.new_io()
    assert (io_[bus.LC_READ_RAM], io_[bus.LC_WRITE], io_[bus.LC_BANK_2]) == (0, 1, 1)
