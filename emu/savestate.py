"""Save states: the whole machine in one file, resumed bit for bit.

Everything the machine is made of already lives in numpy arrays (the CPU's
state slots, memory, the I/O array with its page table, logs and key queue),
so a save state is those arrays plus the few counters Python keeps between
frames, in one ``.npz`` file with a format version.  Loading copies them back
*into* the machine's arrays, in place: the jitted core holds references to
those very arrays, and the page table is a view into the I/O array.

Because nothing is left out, a run after a load is the same run: the same
frames, the same cycles, the same speaker toggles.

The model (``emu.models``) is saved too, and a state is only loaded into a
machine of the same model: a IIe's state has aux memory and switches a II+
does not have.

Disks: the Disk II's registers and every track's bits are in those arrays
too.  The file also names the image in each drive, so that after a load the
drive is tied to its file again: its tracks come from the state, and on
eject every track that differs from the file is written back (the file
gets the disk the resumed machine sees).  Disks in the drives when a state is
loaded are ejected first, their changes saved.
"""
from __future__ import annotations

import os
import zipfile
from pathlib import Path
import numpy as np

from .models import MODELS

# ``m`` below is an emu.machine.Apple2, which imports this module: named in
# the annotations, never imported, so that the two do not import each other.

FORMAT = "apple2-state"
VERSION = 3                         # 3: the model, and the IIe's aux memory in mem


class StateError(ValueError):
    """A save state that cannot be loaded; the message names the file and the problem."""


def _arrays(m: Apple2) -> dict[str, np.ndarray]:
    """The machine's state arrays, by name: what a state file holds besides the counters."""
    return {"cpu": m.cpu.state, "mem": m.mem, "io": m.io, "pixels": m.pixels,
            "line_modes": m._line_modes, "speaker_log": m.speaker_log,
            "debug_flags": m.debug_flags}


def _counters(m: Apple2) -> np.ndarray:
    return np.array([m.frame, m.frame_start, m._mode_at_start, m.halted, m.colour],
                    dtype=np.int64)


def _drives(m: Apple2) -> tuple[int, list[str], list[str]]:
    """The Disk II's slot (0: none) and each drive's image path and sector order."""
    card = m.disk_card
    disks = card.disks if card is not None else []
    paths = [str(d.path) if d is not None and d.path else "" for d in disks]
    orders = [d.order or "" if d is not None else "" for d in disks]
    return (card.slot if card is not None else 0), paths, orders


def _slot_names(m: Apple2) -> list[str]:
    """The card in each slot 1-7 ("" for an empty one)."""
    return [m.slots.get(slot, "") for slot in range(1, 8)]


def save(m: Apple2, path: str | os.PathLike) -> None:
    """Write the machine's state to ``path`` (atomically: a temp file, then a rename)."""
    path = Path(path)
    slot, paths, orders = _drives(m)
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    try:
        with open(tmp, "wb") as f:
            np.savez_compressed(f, format=np.array(FORMAT), version=np.array(VERSION),
                                variant=np.array(m.cpu.variant), model=np.array(m.model.name),
                                counters=_counters(m),
                                disk_slot=np.array(slot), disk_paths=np.array(paths, dtype=str),
                                disk_orders=np.array(orders, dtype=str),
                                slots=np.array(_slot_names(m), dtype=str), **_arrays(m))
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def load(m: Apple2, path: str | os.PathLike) -> list[str]:
    """Put the machine back in the state saved in ``path``; raises StateError.

    Returns notes for the user (empty when all went well): disks whose
    changes could not be saved on the way, images that are no longer there.
    """
    try:
        with np.load(path, allow_pickle=False) as f:
            data = {k: f[k] for k in f.files}
    except FileNotFoundError:
        raise StateError(f"{path}: no such file") from None
    except (OSError, ValueError, zipfile.BadZipFile) as e:
        raise StateError(f"{path}: not a save state ({e})") from None
    if str(data.get("format", "")) != FORMAT:
        raise StateError(f"{path}: not an apple2 save state")
    if int(data.get("version", -1)) != VERSION:
        raise StateError(f"{path}: save state version {int(data.get('version', -1))}, "
                         f"this emulator reads version {VERSION}")
    saved = str(data.get("model", ""))
    if saved != m.model.name:
        title = MODELS[saved].title if saved in MODELS else repr(saved)
        raise StateError(f"{path}: saved from an {title}; this machine is an {m.model.title} "
                         f"(load it with model={saved!r})")
    if str(data["variant"]) != m.cpu.variant:
        raise StateError(f"{path}: saved from a {data['variant']} machine; "
                         f"this one has a {m.cpu.variant}")
    arrays = _arrays(m)
    for name, target in arrays.items():
        if name == "speaker_log":
            continue
        saved = data.get(name)
        if saved is None or saved.shape != target.shape or saved.dtype != target.dtype:
            raise StateError(f"{path}: its {name} does not fit this machine "
                             "(saved by another version of the emulator?)")
    _prepare_slots(m, path, data["slots"].tolist() if "slots" in data else None)
    notes = _prepare_drives(m, path, int(data["disk_slot"]))
    for name, target in arrays.items():
        if name != "speaker_log":
            np.copyto(target, data[name])
    m.speaker_log = data["speaker_log"].astype(np.int64)
    m.flags_changed()                            # the breakpoints came back with the state
    m.frame, m.frame_start, m._mode_at_start, m.halted, m.colour = (
        int(v) for v in data["counters"])
    notes += _reattach_drives(m, data["disk_paths"].tolist(), data["disk_orders"].tolist())
    return notes


def _prepare_slots(m: Apple2, path, saved: list[str] | None) -> None:
    """Before the arrays are overwritten: the machine must have the state's cards.

    A card the state has goes into an empty slot; a slot holding another card
    than the state's is an error, as the arrays would not match the cards.
    """
    if saved is None or len(saved) != 7:
        raise StateError(f"{path}: it does not say which cards are in the slots")
    have = _slot_names(m)
    for slot, (was, now) in enumerate(zip(saved, have), start=1):
        if was != now and now:
            raise StateError(f"{path}: saved with {was or 'no card'} in slot {slot}; "
                             f"this machine has the {now} card there")
    for slot, (was, now) in enumerate(zip(saved, have), start=1):
        if was and not now:
            m.plug(slot, was)


def _prepare_drives(m: Apple2, path, slot: int) -> list[str]:
    """Before the arrays are overwritten: save and eject the disks in, fit the card."""
    notes = m.close()                            # their changes go to their files first
    if slot:
        if m.disk_card is None:
            m.install_disk_controller(slot)
        elif m.disk_card.slot != slot:
            raise StateError(f"{path}: saved with the Disk II in slot {slot}; "
                             f"this machine has it in slot {m.disk_card.slot}")
    return notes


def _reattach_drives(m: Apple2, paths: list[str], orders: list[str]) -> list[str]:
    """Tie each drive of the loaded state to its image file again."""
    from .disk.images import DiskError, load as load_image

    notes = []
    for drive, (image, order) in enumerate(zip(paths, orders)):
        if not image:
            continue
        try:
            m.disk_card.reattach(drive, load_image(image, order or None))
        except DiskError as e:
            notes.append(f"drive {drive + 1}: {e}; the disk stays in the drive, "
                         "but its changes cannot be saved")
    return notes
