"""The window's disk keys: F4 ejects drive 1's disk (saving it), F4 again puts it back.

Events posted before chosen frames stand in for the user, as in
tests/test_frontend.py; SDL's dummy video and audio drivers.
"""
from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

import pygame  # noqa: E402

from emu.disk import images  # noqa: E402
from emu.frontend import run_window  # noqa: E402
from emu.machine import Apple2  # noqa: E402


def key(k, mod=0, up=False):
    kind = pygame.KEYUP if up else pygame.KEYDOWN
    return pygame.event.Event(kind, key=k, mod=mod, unicode="", scancode=0)


def test_f4_ejects_then_reinserts_and_shift_f4_is_drive_2(script, tmp_path, capsys):
    path = tmp_path / "a.dsk"
    path.write_bytes(bytes(images.SECTOR_IMAGE_SIZE))
    machine = Apple2()
    machine.insert_disk(1, path)
    states = []
    original = machine.run_frame

    def run_frame(render=True):
        states.append(machine.disk_card.disks[0] is not None)
        return original(render)
    machine.run_frame = run_frame
    script({2: [key(pygame.K_F4)], 3: [key(pygame.K_F4, up=True)],
            4: [key(pygame.K_F4)], 5: [key(pygame.K_F4, pygame.KMOD_LSHIFT, up=True)],
            6: [key(pygame.K_F4, pygame.KMOD_LSHIFT)]})
    run_window(machine, frames=8)
    assert states[:7] == [True, True, False, False, True, True, True]
    out = capsys.readouterr().out
    assert "Drive 1: ejected a.dsk" in out and "Drive 1: inserted a.dsk" in out
    assert "Drive 2: empty" in out


def test_f4_without_a_card_says_so(script, capsys):
    machine = Apple2()
    script({1: [key(pygame.K_F4)]})
    run_window(machine, frames=3)
    assert "No Disk II card" in capsys.readouterr().out


def test_a_dropped_image_goes_in_drive_1(script, tmp_path, capsys):
    good = tmp_path / "b.po"
    good.write_bytes(bytes(images.SECTOR_IMAGE_SIZE))
    bad = tmp_path / "bad.dsk"
    bad.write_bytes(b"x")
    machine = Apple2()
    script({1: [pygame.event.Event(pygame.DROPFILE, file=str(bad))],
            2: [pygame.event.Event(pygame.DROPFILE, file=str(good))]})
    run_window(machine, frames=4)
    assert machine.disk_card.disks[0].name == "b.po"
    out = capsys.readouterr().out
    assert "bad.dsk: 1 bytes is not a disk image size" in out and "Drive 1: inserted b.po" in out
