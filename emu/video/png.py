"""Save and load RGB framebuffers as PNG, with nothing but zlib.

For screenshots and the golden images of the tests; the front end may use
pygame instead.  :func:`read_png` reads what :func:`write_png` writes (8-bit
RGB, not interlaced) and files like it from other tools, if every row uses
filter 0 (none), 1 (sub) or 2 (up).
"""
from __future__ import annotations

import os
import struct
import zlib

import numpy as np

from ..userfiles import write_atomically

_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def write_png(path: str | os.PathLike, rgb: np.ndarray) -> None:
    """Write an (h, w, 3) uint8 array as an 8-bit RGB PNG.

    The file appears whole or not at all: the PNG goes to a temporary file in
    the same folder, which is then renamed over ``path``.
    """
    h, w, _ = rgb.shape
    raw = np.zeros((h, 1 + 3 * w), dtype=np.uint8)        # filter byte 0 on each row
    raw[:, 1:] = np.ascontiguousarray(rgb, dtype=np.uint8).reshape(h, 3 * w)
    header = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)  # 8 bits, RGB, no interlace
    png = (_SIGNATURE + _chunk(b"IHDR", header)
           + _chunk(b"IDAT", zlib.compress(raw.tobytes(), 9)) + _chunk(b"IEND", b""))
    write_atomically(path, png)


def save_screenshot(path: str | os.PathLike, framebuffer: np.ndarray) -> None:
    """Save a (192, 560, 3) frame as the screen shows it: 560x384, lines doubled."""
    write_png(path, np.repeat(framebuffer, 2, axis=0))


def read_png(path: str | os.PathLike) -> np.ndarray:
    """Read an 8-bit RGB PNG into an (h, w, 3) uint8 array."""
    with open(path, "rb") as f:
        data = f.read()
    if not data.startswith(_SIGNATURE):
        raise ValueError(f"{path}: not a PNG file")
    pos, idat, header = len(_SIGNATURE), [], None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        pos += 12 + length
    if header is None or header[2:5] != (8, 2, 0) or header[6] != 0:
        raise ValueError(f"{path}: only 8-bit RGB PNGs without interlace are supported")
    w, h = header[0], header[1]
    raw = np.frombuffer(zlib.decompress(b"".join(idat)), dtype=np.uint8).reshape(h, 1 + 3 * w)
    out = np.zeros((h, 3 * w), dtype=np.uint8)
    for y in range(h):
        kind, row = raw[y, 0], raw[y, 1:]
        if kind == 0:
            out[y] = row
        elif kind == 1:     # sub: add the byte 3 to the left, cumulatively per channel
            out[y] = np.cumsum(row.reshape(w, 3), axis=0, dtype=np.uint64).astype(np.uint8).reshape(-1)
        elif kind == 2:     # up
            out[y] = row + (out[y - 1] if y else 0)
        else:
            raise ValueError(f"{path}: PNG row filter {kind} is not supported")
    return out.reshape(h, w, 3)
