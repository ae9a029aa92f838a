"""The text-mode character sets: our own glyphs, and loaders for Apple's ROMs.

The renderer takes a uint8 array of shape (64, 8): glyph ``g`` (the screen
byte & $3F), row 0 at the top, bit 0 of each row the leftmost of the 7 dots.
Codes $00-$1F are ``@``, ``A``-``Z``, ``[ \\ ] ^ _``; $20-$3F are space,
punctuation and digits, in ASCII order: the Apple II+ has no lower case.

The glyphs below were drawn for this project on a 5x7 grid; they sit in dots
1-5 and rows 0-6 of the 7x8 cell, leaving a two-dot gap between characters
and a blank row between text lines, as Apple's do.  Apple's own ROM is
copyrighted, so none of its bytes are here; a user who owns one can load it
with :func:`load_charset_rom`.

The IIe adds lower case and, on the enhanced IIe, MouseText (drawn here too,
lower case on the same 5x7 grid, MouseText on the whole 7x8 cell so that its
bars and corners join), and two character sets chosen by ALTCHARSET
($C00E/$C00F); see :func:`iie_video_rom` and :func:`glyph_sets`.  A user's
IIe video ROM (4 or 8 KiB) loads with :func:`load_video_rom`.
"""
from __future__ import annotations

import os

import zlib

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


# --- the IIe: lower case and MouseText ----------------------------------------------

# Lower case, codes $60-$7F in ASCII order: ` a-z { | } ~ and a checkerboard
# for DEL; 5x7 like the capitals, letters sitting on row 6 (no descenders
# below the cell's seventh row: g p q y j are drawn short, as on the IIe).
_LOWER = """
.#... ..... #.... ..... ....# ..... ..##. .....
..#.. ..... #.... ..... ....# ..... .#..# .####
...#. .###. ####. .#### .#### .###. .#... #...#
..... ....# #...# #.... #...# #...# ####. #...#
..... .#### #...# #.... #...# ##### .#... .####
..... #...# #...# #.... #...# #.... .#... ....#
..... .#### ####. .#### .#### .###. .#... .###.

#.... ..#.. ...#. #.... .##.. ..... ..... .....
#.... ..... ..... #.... ..#.. ..... ..... .....
####. .##.. ..##. #..#. ..#.. ##.#. ####. .###.
#...# ..#.. ...#. #.#.. ..#.. #.#.# #...# #...#
#...# ..#.. ...#. ##... ..#.. #.#.# #...# #...#
#...# ..#.. #..#. #.#.. ..#.. #.#.# #...# #...#
#...# .###. .##.. #..#. .###. #...# #...# .###.

..... ..... ..... ..... .#... ..... ..... .....
..... ..... ..... ..... .#... ..... ..... .....
####. .#### #.##. .#### ####. #...# #...# #...#
#...# #...# ##..# #.... .#... #...# #...# #...#
####. .#### #.... .###. .#... #...# #...# #.#.#
#.... ....# #.... ....# .#..# #..## .#.#. #.#.#
#.... ....# #.... ####. ..##. .##.# ..#.. .#.#.

..... ..... ..... ...## ..#.. ##... .#..# #.#.#
..... ..... ..... ..#.. ..#.. ..#.. #.##. .#.#.
#...# #...# ##### ..#.. ..#.. ..#.. ..... #.#.#
.#.#. #...# ...#. .#... ..#.. ...#. ..... .#.#.
..#.. .#### ..#.. ..#.. ..#.. ..#.. ..... #.#.#
.#.#. ....# .#... ..#.. ..#.. ..#.. ..... .#.#.
#...# .###. ##### ...## ..#.. ##... ..... #.#.#
"""

# MouseText, codes $40-$5F of the enhanced IIe's alternate set, 7x8 (the
# whole cell): closed and open apple, pointer, hourglass, check mark and its
# inverse, inverse return, title bar, left arrow, ellipsis, down and up
# arrows, top line, return, solid block, scroll left and right, scroll down
# and up, middle line, lower-left corner, right arrow, two checkerboards,
# folder left and right, right bar, diamond, top and bottom lines, cross,
# left bar with a tick, left bar.
_MOUSETEXT = """
....#.. ....#.. ....... ####### ....... ####### ####### .......
...#... ...#... #...... ##...## ......# #####.# #####.# .......
.##.##. .##.##. ##..... .#...#. .....#. ####.## ##.##.# .......
####### #.....# ###.... ..#.#.. #...#.. #.#.### #.#...# .......
####### #.....# ####... ..#.#.. .#.#... ##.#### ....... .......
####### #.....# ##.#... .#...#. ..#.... ####### #.##### .......
.##.##. .##.##. #...#.. ####### ....... ####### ##.#### .......
....... ....... .....#. ....... ....... ####### ####### #######

...#... ....... ...#... ...#... ####### ......# ####### ##..###
..#.... ....... ...#... ..###.. ....... ......# ####### ##..###
.#..... ....... ...#... .#.#.#. ....... ..#...# ####### ##.####
####### ....... #..#..# #..#..# ....... .##...# ####### #######
.#..... ....... .#.#.#. ...#... ....... ####### ####### ##.####
..#.... ....... ..###.. ...#... ....... .##.... ####### ##..###
...#... #.#.#.# ...#... ...#... ....... ..#.... ####### ##..###
....... ....... ....... ....... ....... ....... ####### .......

###..## ####### ####### ....... #...... ...#... #.#.#.# .#.#.#.
###..## ##...## ###.### ....... #...... ....#.. .#.#.#. #.#.#.#
####.## ###.### ##...## ....... #...... .....#. #.#.#.# .#.#.#.
####### ####### #.....# ####### #...... ####### .#.#.#. #.#.#.#
####.## #.....# ###.### ....... #...... .....#. #.#.#.# .#.#.#.
###..## ##...## ###.### ....... #...... ....#.. .#.#.#. #.#.#.#
###..## ###.### ####### ....... ####### ...#... #.#.#.# .#.#.#.
....... ....... ....... ....... ....... ....... .#.#.#. #.#.#.#

....... ....... ......# ...#... ####### ...#... #...... #......
.#####. ....... ......# ..###.. ....... ...#... #...... #......
#.....# ......# ......# .#####. ....... ...#... #...... #......
#...... ####### ......# ####### ....... ####### ####... #......
#...... ......# ......# .#####. ....... ...#... #...... #......
#...... ......# ......# ..###.. ....... ...#... #...... #......
####### ####### ......# ...#... ####### ...#... #...... #......
....... ....... ......# ....... ....... ...#... #...... #......
"""


def _parse_cells(drawings: str, rows: int, offset: int) -> np.ndarray:
    """Drawings of 8 glyphs to a band of ``rows`` lines to (n, 8) rows, dot k at bit k + offset."""
    lines = [line.split() for line in drawings.strip().splitlines() if line.strip()]
    glyphs = np.zeros((len(lines) // rows * 8, ROWS), dtype=np.uint8)
    for band in range(len(lines) // rows):
        for row in range(rows):
            for i, cells in enumerate(lines[band * rows + row]):
                glyphs[band * 8 + i, row] = sum(1 << (k + offset) for k, c in enumerate(cells)
                                                if c == "#")
    return glyphs


LOWER_CASE = _parse_cells(_LOWER, 7, 1)        # (32, 8): codes $60-$7F
MOUSETEXT = _parse_cells(_MOUSETEXT, 8, 0)     # (32, 8): the alternate set's $40-$5F

# --- the IIe's video ROM ------------------------------------------------------------
# A IIe video ROM (342-0133-A, enhanced 342-0265-A: 4 KiB) holds 256 glyphs
# of 8 rows, the byte at ``code * 8 + row``, bit 0 the leftmost dot and a
# lit dot a 0 bit; the first 2 KiB are the US set (the second half of a 4K
# ROM, and the second 4K bank of an 8K international ROM, are the sets the
# keyboard's language switch picks).  Which glyph a screen byte shows, and
# whether inverted (Apple IIe Technical Reference Manual, ch. 2, the
# character set tables; Sather, "Understanding the Apple IIe", ch. 8):
#
# ==========  ======================================  ================================
#  byte        primary set (ALTCHARSET off)            alternate set (ALTCHARSET on)
# ==========  ======================================  ================================
#  $00-$3F     inverse: ROM glyph ``byte``               the same
#  $40-$7F     flashing: ROM glyph ``byte & $3F``,       $40-$5F: ROM glyph ``byte``
#              inverted in the flash's second phase      (MouseText, or inverse capitals
#                                                        on the original IIe); $60-$7F:
#                                                        inverse lower case, ROM glyph
#                                                        ``byte | $80`` inverted
#  $80-$FF     normal: ROM glyph ``byte`` ($E0-$FF       the same
#              lower case)
# ==========  ======================================  ================================
VIDEO_ROM_SIZES = (4096, 8192)
VIDEO_ROMS = {                 # CRC32 of the 4 KiB image: Apple's part (from MAME's apple2e.cpp)
    0xB081DF66: "342-0133-A (Apple IIe, US)",
    0x2651014D: "342-0265-A (enhanced Apple IIe and IIc, US, MouseText)",
}


def iie_video_rom(enhanced: bool = True, charset: np.ndarray | None = None) -> np.ndarray:
    """Our own IIe video ROM: (256, 8) in the ROM's layout above (a lit dot a 0 bit).

    Built from our capitals (or a II+ ``charset`` of (64, 8)), our lower case
    and, for the enhanced IIe, our MouseText at $40-$5F; the original IIe has
    inverse capitals there.
    """
    upper = _DEFAULT if charset is None else np.asarray(charset, dtype=np.uint8)
    rom = np.zeros((256, ROWS), dtype=np.uint8)
    rom[0x00:0x40] = upper                                  # inverse: stored lit
    rom[0x40:0x60] = (MOUSETEXT ^ 0x7F) if enhanced else upper[:0x20]
    rom[0x60:0x80] = upper[0x20:0x40]                       # never shown
    rom[0x80:0xC0] = upper ^ 0x7F
    rom[0xC0:0xE0] = upper[:0x20] ^ 0x7F
    rom[0xE0:0x100] = LOWER_CASE ^ 0x7F
    return rom


def load_video_rom(path: str | os.PathLike) -> tuple[np.ndarray, str]:
    """A user's IIe video ROM (4 or 8 KiB): its US set as (256, 8), and what it is.

    Apple's parts are named by the CRC32 of their 4 KiB; another image of the
    right size is used as it is and called "unknown".  An 8 KiB ROM is two
    4 KiB banks, of which the first is used.  Raises CharsetError.
    """
    return _video_rom(path, read_input(path, max(VIDEO_ROM_SIZES), "IIe video ROM", CharsetError,
                                       hint="a IIe video ROM is 4096 or 8192 bytes"))


def _video_rom(path, data: bytes) -> tuple[np.ndarray, str]:
    if len(data) not in VIDEO_ROM_SIZES:
        raise CharsetError(f"{path}: a IIe video ROM must be 4096 or 8192 bytes, this file has "
                           f"{len(data)}")
    name = VIDEO_ROMS.get(zlib.crc32(data[:4096]), "unknown")
    return np.frombuffer(data[:2048], dtype=np.uint8).reshape(256, ROWS).copy(), name


def glyph_sets(charset: np.ndarray, iie: bool) -> np.ndarray:
    """(4, 256, 8) uint8: the 7 dots (bit 0 leftmost) each screen byte lights, by glyph row.

    The first axis is ``ALTCHARSET * 2 + flash`` (flash: the flashing
    characters' inverted phase), so the renderer looks a byte up once.
    ``charset``: a II+ set of (64, 8) glyphs (for a IIe, built into a video
    ROM with :func:`iie_video_rom`), or a IIe video ROM of (256, 8).  On the
    II+ (``iie`` false) the byte's low 6 bits pick the glyph, $00-$3F are
    inverse, $40-$7F flash, and ALTCHARSET does not exist.
    """
    charset = np.asarray(charset, dtype=np.uint8)
    sets = np.zeros((4, 256, ROWS), dtype=np.uint8)
    codes = np.arange(256)
    if not iie:
        if charset.shape != (GLYPHS, ROWS):
            raise ValueError("the II+ needs a 64-glyph character set")
        for flash in range(2):
            invert = (codes < 0x40) | ((codes < 0x80) & bool(flash))
            sets[flash] = (charset[codes & 0x3F] & 0x7F) ^ np.where(invert, 0x7F, 0)[:, None]
        sets[2:] = sets[:2]
        return sets
    rom = iie_video_rom(True, charset) if charset.shape == (GLYPHS, ROWS) else charset
    for alt in range(2):
        for flash in range(2):
            glyph, invert = codes.copy(), np.zeros(256, dtype=bool)
            if not alt:
                flashing = (codes >= 0x40) & (codes < 0x80)
                glyph[flashing] &= 0x3F
                invert[flashing] = bool(flash)
            else:
                lower = (codes >= 0x60) & (codes < 0x80)
                glyph[lower] |= 0x80
                invert[lower] = True
            # A lit dot is a 0 bit in the ROM; inverting undoes that.
            sets[alt * 2 + flash] = (rom[glyph] & 0x7F) ^ np.where(invert, 0, 0x7F)[:, None]
    return sets


def load_character_rom(path: str | os.PathLike) -> tuple[np.ndarray, str]:
    """A character ROM for ``--charset``, by its size: (the set, what it is).

    2 KiB: an Apple II+ character ROM (:func:`load_charset_rom`), (64, 8);
    4 or 8 KiB: a IIe video ROM (:func:`load_video_rom`), (256, 8).
    Raises CharsetError.
    """
    sizes = "2048 bytes (II+) or 4096 or 8192 (IIe video ROM)"
    data = read_input(path, max(VIDEO_ROM_SIZES), "character ROM", CharsetError,
                      hint=f"a character ROM is {sizes}")
    if len(data) in VIDEO_ROM_SIZES:
        return _video_rom(path, data)
    if len(data) != ROM_SIZE:
        raise CharsetError(f"{path}: a character ROM must be {sizes}, this file has {len(data)}")
    return load_charset_rom(path), "an Apple II+ character ROM"
