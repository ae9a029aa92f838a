"""Time render() per frame: ``python -m emu.video.bench [frames]``.

Draws random screen memory (the worst case for the hi-res branches) in each
mode and prints the best of 7 runs, in microseconds per frame.
"""
from __future__ import annotations

import sys
import time

import numpy as np

from . import HIRES, MIXED, TEXT, default_charset, new_framebuffer, render
from .font import glyph_sets
from .modes import AUX_RAM, COL80, DHIRES

CASES = (("text", TEXT), ("lo-res", 0), ("hi-res", HIRES), ("hi-res mixed", HIRES | MIXED),
         ("80-col text", TEXT | COL80), ("double lo-res", COL80 | DHIRES),
         ("double hi-res", HIRES | COL80 | DHIRES))


def time_render(mode: int, colour: int, frames: int = 500, runs: int = 7) -> float:
    """Best time of ``runs`` runs of ``frames`` frames, in microseconds per frame."""
    ram = np.random.default_rng(1).integers(0, 256, AUX_RAM + 0xC000, dtype=np.uint8)
    fb, charset = new_framebuffer(), glyph_sets(default_charset(), True)
    none, cells, modes = np.zeros((1, 2), np.int64), np.zeros((3, 40), np.int64), np.zeros(192, np.int64)
    render(ram, fb, mode, none, 0, none, 0, 0, 0, charset, colour, cells, modes)   # compile or load
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        for n in range(frames):
            render(ram, fb, mode, none, 0, none, 0, 0, n, charset, colour, cells, modes)
        best = min(best, (time.perf_counter() - start) / frames)
    return best * 1e6


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    frames = int(args[0]) if args else 500
    for name, mode in CASES:
        times = "  ".join(f"{label} {time_render(mode, c, frames):6.1f} us"
                          for label, c in (("colour", 0), ("green", 2)))
        print(f"{name:13s} {times}")


if __name__ == "__main__":
    main()
