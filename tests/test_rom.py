"""Tests of system ROM loading and identification (emu.rom).

No Apple ROM bytes are used: the images are made up here, and identification
is tested by pointing the CRC table at made-up chips of our own.
"""
from __future__ import annotations

import zlib

import pytest

from emu import rom
from emu.rom import CHIP_SIZE, ROM_SIZE, RomError, load_system_rom


def chip(seed: int) -> bytes:
    """A 2 KiB chip of our own, different for each seed."""
    return bytes((seed * 37 + i * 11 + (i >> 8)) & 0xFF for i in range(CHIP_SIZE))


def teach(monkeypatch, parts: dict[int, str]) -> dict[str, bytes]:
    """Replace the CRC table by made-up chips: seed -> part number; returns part -> bytes."""
    table, chips = {}, {}
    for seed, part in parts.items():
        data = chip(seed)
        table[zlib.crc32(data)] = (part, f"made-up {part}")
        chips[part] = data
    monkeypatch.setattr(rom, "CHIPS", table)
    return chips


APPLESOFT_AUTOSTART = {1: "341-0011", 2: "341-0012", 3: "341-0013", 4: "341-0014",
                       5: "341-0015", 6: "341-0020"}


# --- sizes ----------------------------------------------------------------------------
def test_a_12k_image_is_taken_as_is(tmp_path):
    image = b"".join(chip(i) for i in range(6))
    path = tmp_path / "system.rom"
    path.write_bytes(image)
    loaded = load_system_rom(path)
    assert loaded.data == image
    assert loaded.crc32 == zlib.crc32(image)
    assert loaded.name is None
    assert loaded.describe() == f"ROM: unknown image, CRC32 {zlib.crc32(image):08x}"


def test_a_2k_monitor_rom_goes_at_f800_and_the_rest_reads_ff(tmp_path):
    monitor = chip(9)
    path = tmp_path / "f8.rom"
    path.write_bytes(monitor)
    loaded = load_system_rom(path)
    assert len(loaded.data) == ROM_SIZE
    assert loaded.data[0x2800:] == monitor                    # $F800-$FFFF
    assert loaded.data[:0x2800] == b"\xff" * 0x2800           # $D000-$F7FF
    assert loaded.crc32 == zlib.crc32(monitor)                # of the file, not the image


@pytest.mark.parametrize("size", [0, 1, 2047, 2049, 4096, 8192, 12287, 12289, 16383, 16385])
def test_other_sizes_are_refused_with_the_file_name_and_the_accepted_sizes(tmp_path, size):
    path = tmp_path / f"bad{size}.rom"
    path.write_bytes(bytes(size))
    with pytest.raises(RomError) as err:
        load_system_rom(path)
    message = str(err.value)
    assert message.startswith(f"{path}: ")
    assert "12288" in message and "2048" in message
    assert "\n" not in message


def test_a_missing_file_is_a_rom_error_naming_it(tmp_path):
    path = tmp_path / "nowhere.rom"
    with pytest.raises(RomError, match=r"nowhere\.rom: no such file"):
        load_system_rom(path)


def test_a_folder_is_a_rom_error_naming_it(tmp_path):
    with pytest.raises(RomError, match=r"cannot read it"):
        load_system_rom(tmp_path)


def test_rom_error_is_a_value_error():
    assert issubclass(RomError, ValueError)


# --- identification ----------------------------------------------------------------------
def test_identifies_a_12k_image_by_its_six_chips(monkeypatch, tmp_path):
    chips = teach(monkeypatch, APPLESOFT_AUTOSTART)
    path = tmp_path / "plus.rom"
    path.write_bytes(b"".join(chips[p] for p in APPLESOFT_AUTOSTART.values()))
    loaded = load_system_rom(path)
    assert loaded.name == "Apple II+ (Applesoft, autostart monitor)"
    assert loaded.describe().startswith("ROM: Apple II+ (Applesoft, autostart monitor), CRC32 ")


def test_applesoft_with_the_original_monitor_is_an_apple_ii(monkeypatch):
    chips = teach(monkeypatch, {**APPLESOFT_AUTOSTART, 6: "341-0004"})
    image = b"".join(chips[p] for p in ("341-0011", "341-0012", "341-0013", "341-0014",
                                        "341-0015", "341-0004"))
    assert rom.identify(image) == "Apple II (Applesoft, original monitor)"


def test_chips_in_the_wrong_sockets_are_not_identified(monkeypatch):
    chips = teach(monkeypatch, APPLESOFT_AUTOSTART)
    parts = list(APPLESOFT_AUTOSTART.values())
    parts[0], parts[1] = parts[1], parts[0]
    assert rom.identify(b"".join(chips[p] for p in parts)) is None


@pytest.mark.parametrize("empty", [b"\xff", b"\x00"])
def test_integer_basic_with_empty_d0_d8_sockets(monkeypatch, empty):
    chips = teach(monkeypatch, {1: "341-0001", 2: "341-0002", 3: "341-0003", 4: "341-0004",
                                5: "341-0020"})
    body = chips["341-0001"] + chips["341-0002"] + chips["341-0003"]
    blank = empty * (2 * CHIP_SIZE)
    assert (rom.identify(blank + body + chips["341-0004"])
            == "Apple II (Integer BASIC, original monitor)")
    assert (rom.identify(blank + body + chips["341-0020"])
            == "Apple II (Integer BASIC, autostart monitor)")


def test_integer_basic_with_programmers_aid_in_d0(monkeypatch):
    chips = teach(monkeypatch, {1: "341-0001", 2: "341-0002", 3: "341-0003", 4: "341-0004",
                                5: "341-0016"})
    image = (chips["341-0016"] + b"\xff" * CHIP_SIZE + chips["341-0001"] + chips["341-0002"]
             + chips["341-0003"] + chips["341-0004"])
    assert rom.identify(image) == "Apple II (Integer BASIC, original monitor, Programmer's Aid #1)"


def test_integer_basic_with_something_unknown_in_d0_is_not_identified(monkeypatch):
    chips = teach(monkeypatch, {1: "341-0001", 2: "341-0002", 3: "341-0003", 4: "341-0004"})
    image = (chip(99) + b"\xff" * CHIP_SIZE + chips["341-0001"] + chips["341-0002"]
             + chips["341-0003"] + chips["341-0004"])
    assert rom.identify(image) is None


def test_identifies_a_2k_monitor_rom(monkeypatch, tmp_path):
    chips = teach(monkeypatch, {6: "341-0020", 1: "341-0011"})
    path = tmp_path / "f8.rom"
    path.write_bytes(chips["341-0020"])
    assert load_system_rom(path).name == "Apple II autostart monitor ROM 341-0020 alone, no BASIC"
    path.write_bytes(chips["341-0011"])             # a known chip, but not a monitor
    assert load_system_rom(path).name is None


def test_the_real_table_has_the_ii_and_ii_plus_chips():
    parts = {part for part, _ in rom.CHIPS.values()}
    assert parts == {"341-0001", "341-0002", "341-0003", "341-0004", "341-0011", "341-0012",
                     "341-0013", "341-0014", "341-0015", "341-0016", "341-0020"}
    assert len(rom.CHIPS) == len(parts)             # no CRC listed twice
