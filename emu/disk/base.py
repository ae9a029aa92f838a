"""A disk in memory, as the format modules share it: its bit tracks, its file, its errors.

``emu.disk.images`` (.dsk/.do/.po and .nib) and ``emu.disk.woz`` both build
:class:`Disk` objects and both write them back; each registers its writer in
:data:`ENCODERS` by the disk's ``kind``, so that this module needs neither
(and they need not import each other).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..userfiles import InputError, read_input, write_atomically  # noqa: F401 (re-exported)
from . import gcr
from .layout import MAX_TRACK_BITS

# kind ("dsk", "nib", "woz") -> the function that makes the image file's bytes.
ENCODERS: dict[str, Callable[["Disk"], bytes]] = {}
# The largest file read as a floppy image, checked before reading: a WOZ's
# 160 tracks of 8 KiB are 1.3 MB, so this leaves room for META and FLUX chunks.
MAX_IMAGE_BYTES = 32 << 20


class DiskError(InputError):
    """A disk image that cannot be used; the message names the file and the problem."""


@dataclass
class Disk:
    """A disk in memory: its bit tracks, their quarter-track map and where it came from.

    ``tracks[i]`` is a 0/1 uint8 array per bit; ``tmap[q]`` the index in
    ``tracks`` of quarter track ``q`` (``NO_TRACK``: none).  ``kind`` is
    "dsk", "nib" or "woz"; ``order`` the sector order of a sector image.
    """

    path: Path | None
    kind: str
    tracks: list[np.ndarray]
    tmap: list[int]
    write_protected: bool = False
    order: str | None = None
    volume: int = gcr.VOLUME
    woz: dict = field(default_factory=dict)      # what a WOZ file had besides tracks
    sectors: bytes | None = None                 # a sector image's bytes as loaded
    changed: set[int] = field(default_factory=set)

    @property
    def name(self) -> str:
        return self.path.name if self.path else "(no file)"

    def set_track(self, index: int, bits: np.ndarray) -> None:
        """Replace a track with bits the drive wrote; it is saved on the next save()."""
        if not np.array_equal(bits, self.tracks[index]):
            self.tracks[index] = np.asarray(bits, dtype=np.uint8).copy()
            self.changed.add(index)

    def save(self) -> bool:
        """Write changed tracks back to the file; True if the file was written."""
        if not self.changed or self.path is None:
            return False
        if self.write_protected:
            raise DiskError(f"{self.path}: write-protected; changes not saved")
        data = self.image_bytes()
        if _current(self.path) == data:         # the same sectors, written anew: no change
            self.changed.clear()
            return False
        try:
            write_atomically(self.path, data)
        except OSError as e:
            raise DiskError(f"{self.path}: cannot write it ({e.strerror or e}); "
                            "changes not saved") from None
        self.changed.clear()
        return True

    def image_bytes(self) -> bytes:
        """The image file as it should now be, in its format (``ENCODERS``)."""
        return ENCODERS[self.kind](self)


def _current(path: Path) -> bytes | None:
    """The image file's bytes as they are now, or None if it cannot be read."""
    try:
        return read_input(path, MAX_IMAGE_BYTES, "disk image", DiskError)
    except DiskError:
        return None


def check_track(path: Path, index: int, bits: np.ndarray) -> None:
    if len(bits) > MAX_TRACK_BITS:
        raise DiskError(f"{path}: track {index} has {len(bits)} bits; at most "
                        f"{MAX_TRACK_BITS} are supported")
