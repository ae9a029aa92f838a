"""``apple2 run --load FILE@ADDR [--pc ADDR]``: an author's build, run in one command.

The firmware starts first (our firmware reaches its monitor prompt, so the
screen and the soft switches are set up); then the binaries go into RAM,
the disks into their drives (so the firmware does not boot them: the
program may use them), and the CPU jumps to the program.
"""
from __future__ import annotations

from emu import cli
from emu.disk import blockimage
from emu.disk.fs import boot, prodos


def hello(text: str) -> bytes:
    """LDA #'c' / STA $0400+i for each letter, then CLV / BVC * (position independent)."""
    code = b"".join(bytes([0xA9, ord(c) | 0x80, 0x8D, i, 0x04]) for i, c in enumerate(text))
    return code + b"\xb8\x50\xfe"


def run(capsys, *argv):
    status = cli.main(["run", "--headless", *map(str, argv)])
    out, err = capsys.readouterr()
    return status, out, err


def test_load_runs_the_binary_after_the_firmware_starts(tmp_path, capsys):
    prog = tmp_path / "prog.bin"
    prog.write_bytes(hello("MY BUILD"))
    status, out, err = run(capsys, "--load", f"{prog}@6000", "--frames", "3", "--print-screen")
    assert status == 0, err
    assert out.splitlines()[0].startswith("MY BUILD") and "started at $6000" in err


def test_pc_picks_where_to_jump(tmp_path, capsys):
    a, b = tmp_path / "a.bin", tmp_path / "b.bin"
    a.write_bytes(hello("FIRST"))
    b.write_bytes(hello("SECOND"))
    status, out, err = run(capsys, "--load", f"{a}@0x6000", "--load", f"{b}@$7000",
                           "--pc", "7000", "--frames", "3", "--print-screen")
    assert status == 0 and out.startswith("SECOND") and "started at $7000" in err


def test_the_disks_go_in_without_being_booted(tmp_path, capsys):
    disk = tmp_path / "d.po"
    image = blockimage.new_image(disk, 280)
    fs = prodos.format_volume(image, "D", boot.loader(boot.PRODOS_LOADER))
    fs.put("BOOTS", hello("BOOTED FROM DISK"), prodos.BIN, 0x4000)
    disk.write_bytes(image.file_bytes())
    prog = tmp_path / "p.bin"
    prog.write_bytes(hello("LOADED"))
    status, out, err = run(capsys, disk, "--load", f"{prog}@6000", "--seconds", "3",
                           "--print-screen")
    assert status == 0 and out.startswith("LOADED") and "drive 1: d.po" in err


def test_mistakes_are_one_line_before_anything_runs(tmp_path, capsys):
    prog = tmp_path / "p.bin"
    prog.write_bytes(bytes(100))
    for argv, message in [
        (["--load", "p.bin"], "--load p.bin: expected FILE@ADDR"),
        (["--load", f"{tmp_path}/none@6000"], "none: cannot read it"),
        (["--load", f"{prog}@BFC0"], "100 bytes at $BFC0 do not fit in RAM"),
        (["--load", f"{prog}@XYZ"], "bad address 'XYZ'"),
        (["--load", f"{prog}@6000", "--pc", "10000"], "--pc: address '10000' is beyond $FFFF"),
    ]:
        status, out, err = run(capsys, *argv)
        assert status == 2 and err.strip().splitlines()[-1].startswith("apple2 run: ")
        assert message in err and "Traceback" not in err


def test_debug_reports_a_bad_pc_in_one_line(capsys):
    status = cli.main(["debug", "--pc", "nowhere"])
    err = capsys.readouterr().err
    assert status == 2 and "apple2 debug: --pc: bad address 'nowhere'" in err
