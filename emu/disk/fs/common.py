"""What the DOS 3.3 and ProDOS file systems share: errors, listings, text, dates."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..images import DiskError


class FsError(DiskError):
    """A file-system operation that cannot be done; one line saying why (no file name:
    the command that called it adds the image's)."""


class Damaged(FsError):
    """A catalog that does not hold together."""


def damaged(problem: str) -> Damaged:
    """The error for a catalog that does not hold together."""
    return Damaged(f"damaged catalog: {problem}")


@dataclass
class FileInfo:
    """One line of a listing, the same for both file systems.

    ``path`` names the file as ``put``/``get``/``rm`` take it (ProDOS:
    ``DIR/SUB/NAME``); ``kind`` is BIN, SYS, TXT, BAS, DIR or the file
    system's own type letter or ``$nn``; ``size`` is the bytes ``get``
    copies out; ``address`` the load address (BIN and SYS files, BASIC), or
    None; ``units`` the sectors or blocks it occupies, index blocks and
    T/S lists included.
    """

    path: str
    kind: str
    size: int
    address: int | None
    units: int
    locked: bool = False
    is_dir: bool = False
    depth: int = 0
    sparse: bool = False

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]


# Host text <-> Apple text.  Files of type TXT are converted on the way in and
# out, so that a text file made on the host reads as text on the Apple: line
# ends become carriage returns ($0D); DOS 3.3 also sets each byte's high bit,
# as its text files have them.  ASCII text with LF line ends comes back out
# byte for byte.

def text_to_apple(data: bytes, high_bit: bool) -> bytes:
    out = data.replace(b"\r\n", b"\r").replace(b"\n", b"\r")
    if high_bit:
        out = bytes(b | 0x80 for b in out)
    return out


def text_from_apple(data: bytes, high_bit: bool) -> bytes:
    if high_bit:
        data = bytes(b & 0x7F for b in data)
    return data.replace(b"\r", b"\n")


def prodos_datetime(when: datetime | None) -> bytes:
    """A ProDOS date and time, 4 bytes: the date word (year mod 100 in bits 9-15, month
    in 5-8, day in 0-4) then minute and hour.  None gives zeros ("no date")."""
    if when is None:
        return bytes(4)
    date = (when.year % 100) << 9 | when.month << 5 | when.day
    return bytes([date & 0xFF, date >> 8, when.minute, when.hour])
