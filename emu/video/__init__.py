"""Apple II video: mode bits, the scanner, and the jitted frame renderer.

:mod:`emu.video.scanner` says where the beam is on each CPU cycle and which
byte it fetches (the floating bus and the picture both use it).  The machine
logs video soft-switch changes and writes to the pages on display with
their cycles, and calls :func:`render` once a frame to draw main RAM as the
scanner fetched it into a (192, 560) framebuffer from
:func:`new_framebuffer`, one palette index a dot (:func:`to_rgb` makes it
RGB).  Text uses a (64, 8) glyph array: our own :func:`default_charset`, or
a user's ROM via :func:`load_charset_rom`.
"""
from __future__ import annotations

from .font import default_charset, load_charset_rom
from .modes import FB_HEIGHT, FB_WIDTH, HIRES, MIXED, PAGE2, TEXT, new_framebuffer, to_rgb
from .palette import MONO_AMBER, MONO_GREEN, MONO_WHITE, NTSC
from .render import render

__all__ = ["TEXT", "MIXED", "PAGE2", "HIRES", "FB_HEIGHT", "FB_WIDTH", "NTSC", "MONO_WHITE",
           "MONO_GREEN", "MONO_AMBER", "new_framebuffer", "to_rgb", "render",
           "default_charset", "load_charset_rom"]
