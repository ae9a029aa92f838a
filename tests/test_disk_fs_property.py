"""Property tests: a random tree of files put on a disk and got off again is byte-identical.

A model (a dict of path -> bytes) follows every put and remove; after them
the image is parsed again from the bytes its file would hold, and every file
must read back as the model says, the catalog must check out, and the space
used must be what the documents say a file takes:

* ProDOS (Technical Reference appendix B): a file of n = ceil(EOF / 512)
  blocks (at least 1) is a seedling (1 block), a sapling (an index block)
  up to 256 blocks, else a tree (a master index block and an index block
  for each 256 blocks that hold any data); a block of zeros other than the
  first takes no room (a sparse file), nor does an index block with no data
  under it.
* DOS 3.3 ("Beneath Apple DOS" ch. 4): a B file is its 4-byte header and
  data in 256-byte sectors, plus a T/S list sector for every 122 of them.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from emu import cli
from emu.disk import blockimage
from emu.disk.fs import boot, dos33, open_fs, prodos

NAMES = st.sampled_from(["A", "B", "GAME", "X.1", "LONG.FILE.NAME1"])


def chunks(draw_blocks):
    """File contents made of 512-byte pieces: random, zeros (sparse) or a short tail."""
    piece = st.one_of(st.binary(min_size=512, max_size=512), st.just(bytes(512)),
                      st.binary(max_size=300))
    return st.lists(piece, max_size=draw_blocks).map(b"".join)


def prodos_blocks_used(data: bytes) -> int:
    count = max(1, -(-len(data) // 512))
    pieces = [data[i * 512:(i + 1) * 512].ljust(512, b"\0") for i in range(count)]
    kept = [i == 0 or p != bytes(512) for i, p in enumerate(pieces)]
    if count == 1:
        return 1
    if count <= 256:
        return sum(kept) + 1
    groups = [kept[g:g + 256] for g in range(0, count, 256)]
    return sum(kept) + 1 + sum(any(g) for g in groups)


ops_prodos = st.lists(st.one_of(
    st.tuples(st.just("put"), st.lists(NAMES, min_size=1, max_size=3).map("/".join),
              chunks(40), st.sampled_from([prodos.BIN, prodos.SYS, prodos.TXT]),
              st.integers(0, 0xFFFF)),
    st.tuples(st.just("rm"), st.lists(NAMES, min_size=1, max_size=3).map("/".join)),
), min_size=1, max_size=25)


def reparse(image: blockimage.BlockImage):
    fresh = blockimage.parse(Path("x.po"), image.file_bytes(), image.order)
    return open_fs(fresh)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops_prodos, st.sampled_from([("po", 280, "prodos"), ("dsk", 280, "dos"),
                                    ("hdv", 1600, "prodos")]))
def test_prodos_files_come_back_byte_for_byte(ops, kind):
    ext, blocks, order = kind
    image = blockimage.BlockImage(None, ext, bytearray(blocks * 512), order)
    fs = prodos.format_volume(image, "PROP")
    model: dict[str, bytes] = {}
    for op in ops:
        path = op[1]
        parts = path.split("/")
        try:
            if op[0] == "put":
                fs.put(path, op[2], op[3], op[4])
                model[path] = op[2]
            else:
                fs.remove(path)
                del model[path]
        except prodos.FsError as e:
            # what may go wrong, and the model says it must: a name that is (or is under)
            # a file or a directory, a missing file, a full disk or directory
            reason = str(e)
            dirs = {"/".join(k.split("/")[:i]) for k in model for i in range(1, len(k.split("/")))}
            if "is a file, not a directory" in reason:
                assert any("/".join(parts[:i]) in model for i in range(1, len(parts)))
            elif "is a directory" in reason:
                assert path in dirs
            elif "not empty" in reason:
                assert path in dirs
            elif reason.startswith("no file"):
                assert path not in model and path not in dirs
            elif reason.startswith("no directory"):
                assert reason.split()[-1] not in dirs
            else:
                assert "full" in reason, reason
            fs = reparse(image)                 # a failed change is thrown away...
            image = fs.image
            continue
        image = fs.image
    fs = reparse(image)                         # ...and the rest is read from the bytes
    fs.check()
    files = {e.path: e for _, e in fs.walk() if not e.is_dir}
    assert set(files) == set(model)
    for path, data in model.items():
        assert fs.read(files[path]) == data
        assert files[path].blocks_used == prodos_blocks_used(data)
    used = sum(e.blocks_used for _, e in fs.walk())
    assert fs.free_blocks() == fs.total_blocks - used - 6 - fs.bitmap_blocks


def test_a_tree_file_with_a_hole_over_a_whole_index_block():
    image = blockimage.BlockImage(None, "po", bytearray(1600 * 512))
    fs = prodos.format_volume(image, "TREE")
    data = b"head" + bytes(600 * 512) + b"tail"          # blocks 256-511: no index block
    fs.put("BIG", data, prodos.BIN, 0)
    fs = reparse(image)
    e = fs.lookup("BIG")
    assert e.storage == prodos.TREE and fs.read(e) == data
    assert e.blocks_used == prodos_blocks_used(data) == 2 + 1 + 2
    fs.check()


ops_dos = st.lists(st.one_of(
    st.tuples(st.just("put"), NAMES, st.binary(max_size=9000), st.integers(0, 0xFFFF)),
    st.tuples(st.just("txt"), NAMES, st.text(alphabet=st.characters(min_codepoint=32,
                                                                    max_codepoint=126),
                                            max_size=3000)),
    st.tuples(st.just("rm"), NAMES),
), min_size=1, max_size=25)


@settings(max_examples=60, deadline=None)
@given(ops_dos, st.sampled_from(["dos", "prodos"]))
def test_dos33_files_come_back_byte_for_byte(ops, order):
    image = blockimage.BlockImage(None, "dsk", bytearray(143360), order)
    fs = dos33.format_disk(image)
    model: dict[str, tuple[bytes, int | None]] = {}
    for op in ops:
        name = op[1]
        try:
            if op[0] == "put":
                fs.put(name, op[2], dos33.BINARY, op[3])
                model[name] = (op[2], op[3])
            elif op[0] == "txt":
                text = op[2].encode("ascii")
                fs.put(name, text, dos33.TEXT)
                model[name] = (text, None)
            else:
                fs.remove(name)
                del model[name]
        except dos33.FsError as e:
            assert str(e).startswith("no file") and name not in model or "full" in str(e)
            fs = dos33.Dos33(reparse(image).image)
            image = fs.image
    fs = reparse(image)
    fs.check()
    entries = {e.name: e for e in fs.entries()}
    assert set(entries) == set(model)
    used = 0
    for name, (data, address) in model.items():
        assert fs.read(entries[name]) == (data, address)
        header = 4 if address is not None else 0
        sectors = max(1, -(-(len(data) + header) // 256))
        assert entries[name].sectors == sectors + -(-sectors // 122)
        used += entries[name].sectors
    assert fs.free_sectors() == 33 * 16 - used


@settings(max_examples=8, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(st.tuples(st.lists(st.sampled_from(["DIR", "SUB", "F1", "F2"]), min_size=1,
                                   max_size=3).map("/".join), chunks(6)),
                min_size=1, max_size=6),
       st.sampled_from(["tree.po", "tree.2mg", "tree.dsk"]))
def test_the_command_line_puts_and_gets_a_tree(capsys, files, name):
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        image = tmp / name
        assert cli.main(["disk", "new", str(image)]) == 0
        model = {}
        for i, (path, data) in enumerate(files):
            host = tmp / f"h{i}"
            host.write_bytes(data)
            status = cli.main(["disk", "put", str(image), str(host), "--name", path])
            if status == 0:
                model[path] = data
        capsys.readouterr()
        for path, data in model.items():
            out = tmp / "out"
            assert cli.main(["disk", "get", str(image), path, str(out)]) == 0
            assert out.read_bytes() == data
        fs = open_fs(blockimage.load(image))
        fs.check()
        assert {e.path for _, e in fs.walk() if not e.is_dir} == set(model)
        assert boot.has_our_loader(fs)
