"""The text-mode character set: our own glyphs, and a loader for Apple's ROM.

The renderer takes a uint8 array of shape (64, 8): glyph ``g`` (the screen
byte & $3F), row 0 at the top, bit 0 of each row the leftmost of the 7 dots.
Codes $00-$1F are ``@``, ``A``-``Z``, ``[ \\ ] ^ _``; $20-$3F are space,
punctuation and digits, in ASCII order: the Apple II+ has no lower case.

The glyphs below were drawn for this project on a 5x7 grid; they sit in dots
1-5 and rows 0-6 of the 7x8 cell, leaving a two-dot gap between characters
and a blank row between text lines, as Apple's do.  Apple's own ROM is
copyrighted, so none of its bytes are here; a user who owns one can load it
with :func:`load_charset_rom`.
"""
from __future__ import annotations

import os

import numpy as np

from ..userfiles import InputError, read_input

GLYPHS, ROWS = 64, 8

# One glyph per entry: 7 rows of 5 dots, '#' lit, in code order $00-$3F.
_DRAWINGS = """
.###. ..#.. ####. .###. ####. ##### ##### .####
#...# .#.#. #...# #...# #...# #.... #.... #....
#.### #...# #...# #.... #...# #.... #.... #....
#.#.# #...# ####. #.... #...# ####. ####. #..##
#.### ##### #...# #.... #...# #.... #.... #...#
#.... #...# #...# #...# #...# #.... #.... #...#
.#### #...# ####. .###. ####. ##### #.... .####

#...# .###. ....# #...# #.... #...# #...# .###.
#...# ..#.. ....# #..#. #.... ##.## #...# #...#
#...# ..#.. ....# #.#.. #.... #.#.# ##..# #...#
##### ..#.. ....# ##... #.... #.#.# #.#.# #...#
#...# ..#.. ....# #.#.. #.... #...# #..## #...#
#...# ..#.. #...# #..#. #.... #...# #...# #...#
#...# .###. .###. #...# ##### #...# #...# .###.

####. .###. ####. .###. ##### #...# #...# #...#
#...# #...# #...# #...# ..#.. #...# #...# #...#
#...# #...# #...# #.... ..#.. #...# #...# #...#
####. #...# ####. .###. ..#.. #...# #...# #.#.#
#.... #.#.# #.#.. ....# ..#.. #...# #...# #.#.#
#.... #..#. #..#. #...# ..#.. #...# .#.#. ##.##
#.... .##.# #...# .###. ..#.. .###. ..#.. #...#

#...# #...# ##### .###. ..... .###. ..#.. .....
#...# #...# ....# .#... #.... ...#. .#.#. .....
.#.#. .#.#. ...#. .#... .#... ...#. #...# .....
..#.. ..#.. ..#.. .#... ..#.. ...#. ..... .....
.#.#. ..#.. .#... .#... ...#. ...#. ..... .....
#...# ..#.. #.... .#... ....# ...#. ..... .....
#...# ..#.. ##### .###. ..... .###. ..... #####

..... ..#.. .#.#. .#.#. ..#.. ##... .#... ..#..
..... ..#.. .#.#. .#.#. .#### ##..# #.#.. ..#..
..... ..#.. .#.#. ##### #.#.. ...#. #.#.. ..#..
..... ..#.. ..... .#.#. .###. ..#.. .#... .....
..... ..#.. ..... ##### ..#.# .#... #.#.# .....
..... ..... ..... .#.#. ####. #..## #..#. .....
..... ..#.. ..... .#.#. ..#.. ...## .##.# .....

...#. .#... ..#.. ..... ..... ..... ..... .....
..#.. ..#.. #.#.# ..#.. ..... ..... ..... ....#
.#... ...#. .###. ..#.. ..... ..... ..... ...#.
.#... ...#. ..#.. ##### ..... ##### ..... ..#..
.#... ...#. .###. ..#.. ..#.. ..... ..... .#...
..#.. ..#.. #.#.# ..#.. ..#.. ..... ..... #....
...#. .#... ..#.. ..... .#... ..... ..#.. .....

.###. ..#.. .###. ##### ...#. ##### ..### #####
#...# .##.. #...# ....# ..##. #.... .#... ....#
#..## ..#.. ....# ...#. .#.#. ####. #.... ...#.
#.#.# ..#.. ..##. ..##. #..#. ....# ####. ..#..
##..# ..#.. .#... ....# ##### ....# #...# .#...
#...# ..#.. #.... #...# ...#. #...# #...# .#...
.###. .###. ##### .###. ...#. .###. .###. .#...

.###. .###. ..... ..... ...#. ..... .#... .###.
#...# #...# ..... ..... ..#.. ..... ..#.. #...#
#...# #...# ..#.. ..#.. .#... ##### ...#. ...#.
.###. .#### ..... ..... #.... ..... ....# ..#..
#...# ....# ..#.. ..#.. .#... ##### ...#. ..#..
#...# ...#. ..... ..#.. ..#.. ..... ..#.. .....
.###. ###.. ..... .#... ...#. ..... .#... ..#..
"""


def _parse(drawings: str) -> np.ndarray:
    """Turn the drawings (8 glyphs to a band of 7 lines) into (64, 8) rows."""
    lines = [line.split() for line in drawings.strip().splitlines() if line.strip()]
    charset = np.zeros((GLYPHS, ROWS), dtype=np.uint8)
    for band in range(len(lines) // 7):
        for row in range(7):
            for i, cells in enumerate(lines[band * 7 + row]):
                # Dot k of the drawing is dot k+1 of the 7-dot cell: bit k+1.
                charset[band * 8 + i, row] = sum(1 << (k + 1) for k, c in enumerate(cells) if c == "#")
    return charset


_DEFAULT = _parse(_DRAWINGS)


def default_charset() -> np.ndarray:
    """Our own 64-glyph upper-case character set, shape (64, 8), a fresh copy."""
    return _DEFAULT.copy()


ROM_SIZE = 2048
_NORMAL_BLOCK = 0x80 * 8     # where the ROM keeps codes $80-$BF, the normal glyphs


class CharsetError(InputError):
    """A character ROM file that cannot be used; the message names the file."""


def load_charset_rom(path: str | os.PathLike) -> np.ndarray:
    """Read a 2 KiB Apple II/II+ character ROM image into the (64, 8) layout.

    The layout assumed is that of the II+'s 2716-type character ROM (Apple
    part 341-0036, the socket of board revision 7 and later), as Apple's tech
    note "Apple II Hardware: Character Generator ROM" (TIL #41) describes it:

    * 256 characters of 8 bytes: the byte at ``code * 8 + row`` is dot row
      ``row`` (0 at the top) of screen code ``code``, i.e. address lines
      A0-A2 select the row and A3-A10 are the screen byte.
    * In each byte bit 6 is the leftmost of the 7 dots and bit 0 the
      rightmost (the tech note draws $3C as ``.****..``).  Bit 7 is no dot;
      the II+ uses it to gate flashing.  We reverse the order to put the
      leftmost dot in bit 0, as the renderer wants.
    * A lit dot is a 1 bit, not inverted: the II+ makes inverse and flashing
      characters in logic from screen bits 6 and 7, so it needs no inverted
      glyphs in the ROM.

    We take the glyphs of codes $80-$BF (the normal characters), because the
    renderer handles inverse and flashing itself; glyphs the ROM keeps only
    at other codes (lower case at $E0-$FF on modified ROMs) are not used.
    """
    data = np.frombuffer(read_input(path, ROM_SIZE, "character ROM", CharsetError,
                                    hint=f"a character ROM must be {ROM_SIZE} bytes"),
                         dtype=np.uint8)
    if data.size != ROM_SIZE:
        raise CharsetError(f"{path}: a character ROM must be {ROM_SIZE} bytes, this file "
                           f"has {data.size}")
    rows = data[_NORMAL_BLOCK:_NORMAL_BLOCK + GLYPHS * ROWS].reshape(GLYPHS, ROWS)
    charset = np.zeros_like(rows)
    for dot in range(7):
        charset |= ((rows >> (6 - dot)) & 1) << dot
    return charset
