"""``apple2 disk new|ls|put|get|rm|mkdir``: what an author types, and every way it can fail.

A failure is one line on stderr naming the image (exit status 2), and the
image file is left byte for byte as it was: a full disk, a bad name, a
damaged catalog, a write-protected image, a change that does not verify.
"""
from __future__ import annotations

import os
import random

import pytest

from emu import cli
from emu.disk import blockimage
from emu.disk.fs import open_fs, prodos


def run(capsys, *argv) -> tuple[int, str, str]:
    status = cli.main(["disk", *map(str, argv)])
    out, err = capsys.readouterr()
    return status, out, err


def one_line_error(capsys, image, *argv, match: str) -> str:
    """Run a command that must fail; check the message and that ``image`` did not change."""
    before = image.read_bytes()
    status, out, err = run(capsys, *argv)
    assert status == 2, out
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    assert str(image) in lines[0] and match in lines[0], lines[0]
    assert image.read_bytes() == before
    assert sorted(p.name for p in image.parent.iterdir() if p.name.startswith(".")) == []
    return lines[0]


@pytest.fixture
def host(tmp_path):
    def make(name, data):
        path = tmp_path / name
        path.write_bytes(data)
        return path
    return make


# --- new ---------------------------------------------------------------------------------

@pytest.mark.parametrize("name,args,size,first_line", [
    ("a.po", [], 143360, "ProDOS volume /A: 0 files, 273 of 280 blocks free"),
    ("b.dsk", [], 143360, "ProDOS volume /B: 0 files, 273 of 280 blocks free"),
    ("c.dsk", ["--dos33"], 143360, "DOS 3.3 volume 254: 0 files, 528 sectors free"),
    ("d.po", ["--dos33", "--volume", "9"], 143360, "DOS 3.3 volume 9: 0 files"),
    ("e.po", ["--size", "800K", "--volume", "GAMES"], 819200,
     "ProDOS volume /GAMES: 0 files, 1593 of 1600 blocks free"),
    ("f.hdv", [], 33553920, "ProDOS volume /F: 0 files, 65513 of 65535 blocks free"),
    ("g.2mg", ["--size", "32M"], 33553920 + 64, "ProDOS volume /G: 0 files"),
    ("h.2mg", ["--dos33"], 143360 + 64, "DOS 3.3 volume 254: 0 files"),
])
def test_new_makes_formatted_empty_images(tmp_path, capsys, name, args, size, first_line):
    path = tmp_path / name
    status, out, _ = run(capsys, "new", path, *args)
    assert status == 0 and out.startswith(f"made {path}: ")
    assert path.stat().st_size == size
    assert path.stat().st_mode & 0o777 == 0o666 & ~_umask()
    status, out, _ = run(capsys, "ls", path)
    assert status == 0 and out.splitlines()[0].startswith(first_line)
    assert "boot: our loader; no" in out


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_new_does_not_replace_an_image_without_force(tmp_path, capsys):
    path = tmp_path / "keep.po"
    path.write_bytes(b"precious")
    one_line_error(capsys, path, "new", path, match="exists; pass --force")
    assert run(capsys, "new", path, "--force")[0] == 0


@pytest.mark.parametrize("args,match", [
    (["--dos33", "--size", "800K"], "a DOS 3.3 disk is a 140K floppy"),
    (["--size", "64M"], "8K to 32M"),
    (["--size", "lots"], "use 140K, 800K, 32M"),
    (["--volume", "9LIVES"], "bad ProDOS name"),
    (["--dos33", "--volume", "300"], "1-254"),
])
def test_new_refuses_what_cannot_be(tmp_path, capsys, args, match):
    path = tmp_path / "x.po"
    status, _, err = run(capsys, "new", path, *args)
    assert status == 2 and match in err and len(err.strip().splitlines()) == 1
    assert not path.exists()


def test_a_big_dsk_is_refused_with_what_to_do(tmp_path, capsys):
    status, _, err = run(capsys, "new", tmp_path / "x.dsk", "--size", "800K")
    assert status == 2 and ".po, .hdv or .2mg" in err


# --- put / get / ls / rm / mkdir ---------------------------------------------------------

def test_put_ls_get_rm_on_prodos(tmp_path, capsys, host):
    image = tmp_path / "w.po"
    run(capsys, "new", image)
    prog = host("prog.bin", bytes(range(256)) * 3)
    status, out, _ = run(capsys, "put", image, prog, "--addr", "6000")
    assert status == 0 and out.strip() == ("put PROG.BIN: BIN at $6000, 768 bytes "
                                           "(3 blocks, 270 free)")
    status, out, _ = run(capsys, "put", image, host("s", b"\x60"), "--name", "GO.SYSTEM")
    assert "put GO.SYSTEM: SYS at $2000, 1 bytes" in out
    status, out, _ = run(capsys, "put", image, host("n.txt", b"one\ntwo\r\n"),
                         "--type", "txt", "--name", "docs/notes/read.me")
    assert status == 0 and "put DOCS/NOTES/READ.ME: TXT, 8 bytes" in out
    status, out, _ = run(capsys, "ls", image)
    assert out.splitlines() == [
        "ProDOS volume /W: 3 files, 266 of 280 blocks free",
        " PROG.BIN        BIN      3 blocks     768 bytes  $6000",
        " GO.SYSTEM       SYS      1 blocks       1 bytes  $2000",
        " DOCS/           DIR      1 blocks     512 bytes",
        "   NOTES/        DIR      1 blocks     512 bytes",
        "     READ.ME     TXT      1 blocks       8 bytes",
        "boot: our loader runs PROG.BIN at $6000"]
    fs = open_fs(blockimage.load(image))
    assert fs.read(fs.lookup("DOCS/NOTES/READ.ME")) == b"one\rtwo\r"   # ProDOS text: CR
    out_file = tmp_path / "back.txt"
    assert run(capsys, "get", image, "/docs/notes/READ.ME", out_file)[0] == 0
    assert out_file.read_bytes() == b"one\ntwo\n"
    status, out, _ = run(capsys, "get", image, "PROG.BIN", tmp_path)
    assert (tmp_path / "PROG.BIN").read_bytes() == bytes(range(256)) * 3
    assert "got PROG.BIN: BIN at $6000, 768 bytes" in out
    one_line_error(capsys, image, "rm", image, "DOCS", match="directory DOCS is not empty")
    for name in ("DOCS/NOTES/READ.ME", "DOCS/NOTES", "DOCS", "PROG.BIN"):
        status, out, _ = run(capsys, "rm", image, name)
        assert status == 0 and out.strip() == f"removed {name}"
    assert "boot: our loader runs GO.SYSTEM at $2000" in run(capsys, "ls", image)[1]


def test_put_replaces_a_file_of_the_same_name(tmp_path, capsys, host):
    image = tmp_path / "r.po"
    run(capsys, "new", image)
    run(capsys, "put", image, host("a", b"old" * 1000), "--name", "F")
    run(capsys, "put", image, host("b", b"new"), "--name", "F")
    fs = open_fs(blockimage.load(image))
    assert [e.path for _, e in fs.walk()] == ["F"] and fs.read(fs.lookup("F")) == b"new"
    assert fs.free_blocks() == 272


def test_put_get_on_dos33(tmp_path, capsys, host):
    image = tmp_path / "d.dsk"
    run(capsys, "new", image, "--dos33")
    status, out, _ = run(capsys, "put", image, host("hello", b"\xa9\xc1"), "--addr", "$0C00")
    assert out.strip() == "put HELLO: BIN at $0C00, 2 bytes (2 sectors, 526 free)"
    run(capsys, "put", image, host("t.txt", b"HI THERE\n"), "--type", "TXT",
        "--name", "MY TEXT")
    status, out, _ = run(capsys, "ls", image)
    assert out.splitlines() == [
        "DOS 3.3 volume 254: 2 files, 524 sectors free",
        " B 002 HELLO                                2 bytes  $0C00",
        " T 002 MY TEXT                              9 bytes",
        "boot: our loader runs HELLO at $0C00"]
    fs = open_fs(blockimage.load(image))
    assert fs.read(fs.lookup("MY TEXT"))[0] == b"\xc8\xc9\xa0\xd4\xc8\xc5\xd2\xc5\x8d"
    status, out, _ = run(capsys, "get", image, "my text", "-")
    assert out == "HI THERE\n"
    one_line_error(capsys, image, "put", image, host("s", b"x"), "--type", "SYS",
                   match="DOS 3.3 has no system files")
    one_line_error(capsys, image, "mkdir", image, "DIR", match="DOS 3.3 has no directories")


@pytest.mark.parametrize("fs_args,name,match", [
    ([], "1ST", "bad ProDOS name '1ST'"),
    ([], "A_B", "bad ProDOS name"),
    ([], "SIXTEEN.LETTERS.", "bad ProDOS name"),
    ([], "A//B", "bad ProDOS path"),
    (["--dos33"], "A,B", "bad DOS 3.3 name"),
    (["--dos33"], "X" * 31, "bad DOS 3.3 name"),
])
def test_a_bad_name_is_refused(tmp_path, capsys, host, fs_args, name, match):
    image = tmp_path / "n.po"
    run(capsys, "new", image, *fs_args)
    one_line_error(capsys, image, "put", image, host("f", b"data"), "--name", name, match=match)


def test_a_full_disk_is_refused_and_the_image_kept(tmp_path, capsys, host):
    image = tmp_path / "full.po"
    run(capsys, "new", image)
    big = host("big", random.Random(1).randbytes(200 * 512))
    assert run(capsys, "put", image, big, "--name", "ONE")[0] == 0
    line = one_line_error(capsys, image, "put", image, big, "--name", "TWO", match="disk full")
    assert "TWO needs 201 blocks, 72 are free" in line
    image2 = tmp_path / "full.dsk"
    run(capsys, "new", image2, "--dos33")
    mid = host("mid", random.Random(2).randbytes(60000))      # 235 sectors + 2 T/S lists
    assert run(capsys, "put", image2, mid, "--name", "ONE")[0] == 0
    assert run(capsys, "put", image2, mid, "--name", "TWO")[0] == 0
    one_line_error(capsys, image2, "put", image2, mid, "--name", "THREE",
                   match="THREE needs 237 sectors, 54 are free")
    one_line_error(capsys, image2, "put", image2, big, "--name", "BIG",
                   match="a B file holds at most 65,535")


def test_the_volume_directory_holds_51_entries(tmp_path, capsys, host):
    image = tmp_path / "v.po"
    run(capsys, "new", image)
    fs = open_fs(blockimage.load(image))
    for i in range(51):
        fs.put(f"F{i}", b"", prodos.BIN, 0)
    image.write_bytes(fs.image.file_bytes())
    one_line_error(capsys, image, "put", image, host("f", b""), "--name", "ONE.MORE",
                   match="volume directory is full (51 entries); use a subdirectory")
    assert run(capsys, "put", image, host("g", b""), "--name", "SUB/ONE.MORE")[0] == 2


def test_writing_a_locked_2mg_woz_or_read_only_image_is_refused(tmp_path, capsys, host):
    image = tmp_path / "locked.2mg"
    run(capsys, "new", image)
    data = bytearray(image.read_bytes())
    data[0x13] |= 0x80                                  # flags bit 31: locked
    image.write_bytes(bytes(data))
    one_line_error(capsys, image, "put", image, host("f", b"x"),
                   match="write-protected (its 2MG header's lock flag is set); not changed")
    assert run(capsys, "ls", image)[0] == 0             # reading is fine
    ro = tmp_path / "ro.po"
    run(capsys, "new", ro)
    ro.chmod(0o444)
    try:
        one_line_error(capsys, ro, "rm", ro, "X", match="the file is read-only")
    finally:
        ro.chmod(0o644)


def test_a_woz_image_is_listed_and_read_but_not_written(tmp_path, capsys, host):
    from emu.disk import images, woz
    src = tmp_path / "src.dsk"
    run(capsys, "new", src, "--dos33")
    run(capsys, "put", src, host("p", b"\x01\x02\x03"), "--name", "P", "--addr", "2000")
    path = tmp_path / "d.woz"
    path.write_bytes(woz.from_disk(images.load(src), 2))
    status, out, _ = run(capsys, "ls", path)
    assert status == 0 and " B 002 P " in out
    assert run(capsys, "get", path, "P", tmp_path / "p.out")[0] == 0
    assert (tmp_path / "p.out").read_bytes() == b"\x01\x02\x03"
    one_line_error(capsys, path, "put", path, host("q", b"x"), match="WOZ image of disk bits")


def damage(image, fn):
    """Apply ``fn`` to a loaded image's blocks and write it back raw."""
    b = blockimage.load(image)
    fn(b)
    image.write_bytes(b.file_bytes())


def set_word(b, block, at, value):
    raw = bytearray(b.read_block(block))
    raw[at:at + 2] = bytes([value & 0xFF, value >> 8])
    b.write_block(block, bytes(raw))


PRODOS_DAMAGE = {
    "link in a loop": lambda b: set_word(b, 5, 2, 3),                  # block 5 -> 3
    "outside the volume": lambda b: set_word(b, 2, 4 + 0x27 + 0x11, 9999),
    "marked free in the volume bit map": lambda b: b.write_block(6, b"\xff" * 512),
    "belongs to both": lambda b: set_word(b, 2, 4 + 2 * 0x27 + 0x11,
                                          b.read_block(2)[4 + 0x27 + 0x11]),
    "the volume says 60000 blocks": lambda b: set_word(b, 2, 4 + 0x25, 60000),
}


@pytest.mark.parametrize("problem", PRODOS_DAMAGE)
def test_a_damaged_prodos_catalog_is_refused(tmp_path, capsys, host, problem):
    image = tmp_path / "dmg.po"
    run(capsys, "new", image)
    run(capsys, "put", image, host("a", b"a" * 600), "--name", "A")
    run(capsys, "put", image, host("b", b"b" * 10), "--name", "B")
    damage(image, PRODOS_DAMAGE[problem])
    line = one_line_error(capsys, image, "put", image, host("c", b"c"), "--name", "C",
                          match=problem)
    assert "damaged catalog" in line
    one_line_error(capsys, image, "rm", image, "B", match="damaged catalog")


def dos_sector(b, track, sector, at, values):
    raw = bytearray(b.read_sector(track, sector))
    raw[at:at + len(values)] = bytes(values)
    b.write_sector(track, sector, bytes(raw))


DOS_DAMAGE = {
    "catalog sectors link in a loop": lambda b: dos_sector(b, 17, 1, 1, [17, 15]),
    "points to track 40": lambda b: dos_sector(b, 17, 15, 0x0B, [40]),
    "marked free in the VTOC": lambda b: dos_sector(b, 17, 0, 0x38 + 4 * 16, [0xFF, 0xFF]),
}


@pytest.mark.parametrize("problem", DOS_DAMAGE)
def test_a_damaged_dos33_catalog_is_refused(tmp_path, capsys, host, problem):
    image = tmp_path / "dmg.dsk"
    run(capsys, "new", image, "--dos33")
    run(capsys, "put", image, host("a", b"a" * 600), "--name", "A")
    damage(image, DOS_DAMAGE[problem])
    one_line_error(capsys, image, "put", image, host("c", b"c"), "--name", "C", match=problem)


def test_a_change_that_does_not_verify_is_not_saved(tmp_path, capsys, host, monkeypatch):
    image = tmp_path / "v.po"
    run(capsys, "new", image)
    run(capsys, "put", image, host("a", b"keep me"), "--name", "A")
    real = prodos.ProDOS.put

    def faulty(self, path, data, *rest):          # writes the file, then scribbles on A
        entry = real(self, path, data, *rest)
        a = self.lookup("A")
        self.image.write_block(a.key, b"X" * 512)
        return entry
    monkeypatch.setattr(prodos.ProDOS, "put", faulty)
    one_line_error(capsys, image, "put", image, host("b", b"new"), "--name", "B",
                   match="verifying the image: A does not read back as written; not saved")


@pytest.mark.parametrize("argv,match", [
    (["get", "{image}", "NOPE"], "no file NOPE"),
    (["get", "{image}", "X/Y"], "no directory X"),
    (["ls", "{tmp}/none.po"], "none.po: no such file"),
    (["put", "{image}", "{tmp}/missing.bin"], "missing.bin: cannot read it"),
    (["put", "{image}", "{tmp}"], "is a folder"),
    (["put", "{image}", "{tmp}/h", "--type", "FOO"], "--type FOO"),
    (["put", "{image}", "{tmp}/h", "--addr", "12345"], "--addr"),
])
def test_other_mistakes_are_one_line(tmp_path, capsys, argv, match):
    image = tmp_path / "m.po"
    run(capsys, "new", image)
    (tmp_path / "h").write_bytes(b"h")
    status, _, err = run(capsys, *(a.format(image=image, tmp=tmp_path) for a in argv))
    assert status == 2 and match in err and len(err.strip().splitlines()) == 1, err


def test_an_image_that_cannot_be_written_is_one_line(tmp_path, capsys):
    status, _, err = run(capsys, "new", tmp_path / "no" / "such" / "folder.po")
    assert status == 2 and "cannot write it (No such file or directory)" in err
    assert len(err.strip().splitlines()) == 1


def test_ls_of_a_disk_with_no_file_system(tmp_path, capsys):
    path = tmp_path / "blank.dsk"
    path.write_bytes(bytes(143360))
    status, _, err = run(capsys, "ls", path)
    assert status == 2 and err.strip() == (f"apple2 disk ls: {path}: no DOS 3.3 or ProDOS "
                                           "catalog found")


def test_disk_info_on_hard_disk_images(tmp_path, capsys, host):
    image = tmp_path / "hd.2mg"
    run(capsys, "new", image, "--size", "800K", "--volume", "HD")
    run(capsys, "put", image, host("p", b"p"), "--name", "P", "--addr", "4000")
    status, out = cli.main(["disk", "info", str(image)]), capsys.readouterr().out
    assert status == 0
    assert out.splitlines()[:4] == [
        "hd.2mg: 2MG image, 1600 blocks (800K)", "sector order: ProDOS",
        "2MG header: creator 'A2PY', version 1, data 819200 bytes at 64, DOS volume 254",
        "write protected: no"]
    assert " P               BIN      1 blocks       1 bytes  $4000" in out


# --- 32 MB ---------------------------------------------------------------------------------

def test_a_32mb_image_filled_with_put_reads_back_byte_for_byte(tmp_path, capsys):
    """Two files fill a 32 MB volume: a 16 MB tree (ProDOS's largest file) and the rest."""
    image = tmp_path / "big.hdv"
    assert run(capsys, "new", image, "--size", "32M")[0] == 0
    rng = random.Random(32)
    first = rng.randbytes(0xFFFFFF)                      # 32,768 blocks + 128 index + master
    free = 65535 - 22 - (32768 + 128 + 1)
    data_blocks = free - 1 - -(-free // 257)             # what fits with its index blocks
    second = rng.randbytes(data_blocks * 512)
    paths = {"HUGE": tmp_path / "huge", "REST": tmp_path / "rest"}
    paths["HUGE"].write_bytes(first)
    paths["REST"].write_bytes(second)
    for name, path in paths.items():
        status, out, err = run(capsys, "put", image, path, "--name", name)
        assert status == 0, err
    assert "0 free" in out
    one_line_error(capsys, image, "put", image, paths["REST"], "--name", "MORE",
                   match="disk full")
    for name, path in paths.items():
        back = tmp_path / f"{name}.back"
        assert run(capsys, "get", image, name, back)[0] == 0
        assert back.read_bytes() == path.read_bytes()
    fs = open_fs(blockimage.load(image))
    fs.check()
    assert fs.free_blocks() == 0 and fs.lookup("HUGE").storage == prodos.TREE
