"""The Apple II+ as a Python object: CPU, memory bus, video, keyboard, speaker.

The machine runs in frames of 17,030 CPU cycles (262 scanlines of 65 cycles).
Within a frame everything happens inside the jitted CPU loop: soft switches,
the language card and the keyboard latch are jitted too (``emu.bus``), and
they log what Python needs afterwards (video mode changes, speaker toggles)
with the cycle they happened on.  Between frames, Python renders the frame,
hands the speaker log to the audio side and feeds queued keys.

    >>> m = Apple2(rom=open("apple2plus.rom", "rb").read())   # doctest: +SKIP
    >>> m.type_text("PRINT 2+2\\n")                           # doctest: +SKIP
    >>> m.run(frames=60)                                      # doctest: +SKIP
    >>> print(m.text_screen())                                # doctest: +SKIP
"""
from __future__ import annotations

import numpy as np

from . import bus, video
from .video import png
from .cpu.core import CPU
from .cpu.state import StopReason

FRAME = bus.CYCLES_PER_FRAME


class Apple2:
    """An Apple II+ with 48K, a 16K language card in slot 0, and a system ROM.

    ``rom``: the 12 KiB image of $D000-$FFFF (see ``emu.rom`` for loading and
    checking files).  ``cpu``: "6502" (II, II+) or "65c02".  ``colour``: the
    video output, 0 NTSC colour, 1 white, 2 green, 3 amber monochrome.
    """

    def __init__(self, rom: bytes | None = None, cpu: str = "6502",
                 charset: np.ndarray | None = None, colour: int = 0):
        self.mem = bus.new_memory()
        self.io = bus.new_io()
        self.pages = bus.page_table(self.io)
        self.vlog = self.io[bus.VLOG:bus.SLOG].reshape(bus.VLOG_SIZE, 2)
        self.slog = self.io[bus.SLOG:bus.KEYS]
        self.keys = self.io[bus.KEYS:bus.STATE_SIZE]
        dev = (self.io, self.mem)
        self.cpu = CPU(cpu, mem=self.mem, pages=self.pages, bus="emu.bus", dev=dev)
        self.pixels = video.new_framebuffer()    # the last frame: a palette index a dot
        self.charset = video.default_charset() if charset is None else charset
        self.colour = colour
        self.frame = 0                      # frames run so far
        self.frame_start = 0                # cycle at which the current frame began
        self._mode_at_start = int(self.io[bus.VIDEO])
        self._line_modes = np.zeros(192, dtype=np.int64)
        self.speaker_log = np.zeros(0, dtype=np.int64)   # last frame's toggles
        self.halted = StopReason.LIMIT
        if rom is not None:
            self.load_rom(rom)
        self.cpu.reset()

    # --- memory ---------------------------------------------------------------
    def load_rom(self, image: bytes) -> None:
        """Put a 12 KiB $D000-$FFFF image (or 2 KiB $F800 image) in ROM."""
        data = np.frombuffer(bytes(image), dtype=np.uint8)
        if len(data) == 0x3000:
            self.mem[bus.ROM:bus.ROM + 0x3000] = data
        elif len(data) == 0x800:
            self.mem[bus.ROM + 0x2800:bus.ROM + 0x3000] = data
        else:
            raise ValueError(f"a system ROM must be 12288 or 2048 bytes, not {len(data)}")

    def load(self, address: int, data: bytes) -> None:
        """Copy bytes into main RAM at ``address`` (a program, a picture)."""
        end = address + len(data)
        if not 0 <= address < end <= 0xC000:
            raise ValueError(f"${address:04X}+{len(data)} does not fit in RAM $0000-$BFFF")
        self.mem[bus.RAM + address:bus.RAM + end] = np.frombuffer(bytes(data), dtype=np.uint8)

    def peek(self, address: int) -> int:
        """The byte the CPU would read at ``address``, without side effects."""
        off = int(self.pages[(address >> 8) & 0xFF])
        if off >= 0:
            return int(self.mem[off + (address & 0xFF)])
        if address < 0xC100:
            if address & 0xF0 == 0:
                return int(self.io[bus.KBD])
            return 0
        slot = (address >> 8) & 7
        if address < 0xC800 and (int(self.io[bus.SLOTS_PRESENT]) >> slot) & 1:
            return int(self.mem[bus.SLOT_ROM + (address & 0x7FF)])
        return 0

    # --- running ----------------------------------------------------------------
    def run_frame(self, render: bool = True) -> int:
        """Run one frame of 17,030 cycles; returns the CPU's last stop reason."""
        end = self.frame_start + FRAME
        reason = StopReason.LIMIT
        while self.cpu.cycles < end:
            reason = self.cpu.run(cycles=end - self.cpu.cycles)
            if reason in (StopReason.JAM, StopReason.STP):
                self.halted = reason
                self.cpu.cycles = end       # the CPU is stuck; the rest of the machine runs on
        self._end_frame(render)
        return reason

    def run(self, frames: int | None = None, seconds: float | None = None,
            render: bool = True) -> None:
        """Run whole frames: a count, or emulated seconds (60 frames each)."""
        if frames is None:
            frames = round((seconds or 0) * bus.CPU_HZ / FRAME)
        for _ in range(frames):
            self.run_frame(render)

    def _end_frame(self, render: bool) -> None:
        count = int(self.io[bus.VLOG_COUNT])
        if render:
            video.line_modes(self._mode_at_start, self.vlog, count, self.frame_start,
                             self._line_modes)
            video.render(self.mem[:0xC000], self._line_modes, self.pixels, self.frame,
                         self.charset, self.colour)
        self.speaker_log = self.slog[:int(self.io[bus.SLOG_COUNT])].copy()
        self.io[bus.VLOG_COUNT] = 0
        self.io[bus.SLOG_COUNT] = 0
        self._mode_at_start = int(self.io[bus.VIDEO])
        self.frame_start += FRAME
        self.frame += 1

    def reset(self) -> None:
        """Press RESET (Ctrl+Reset on the keyboard)."""
        self.halted = StopReason.LIMIT
        self.cpu.reset()

    # --- keyboard -----------------------------------------------------------------
    def type_text(self, text: str) -> None:
        """Queue keys; each is latched once the program has taken the one before.

        Lower case is sent as upper case (the II+ keyboard has none); ``\\n`` and
        ``\\r`` are Return.
        """
        for ch in text:
            code = 0x0D if ch in "\r\n" else ord(ch.upper()) if ch.isascii() else None
            if code is None or code > 0x7F:
                raise ValueError(f"{ch!r} is not a key on the Apple II keyboard")
            self.key(code)

    def key(self, code: int) -> None:
        """Queue one key code (0-127, e.g. 0x08 for the left arrow)."""
        tail = int(self.io[bus.KEY_TAIL])
        if tail - int(self.io[bus.KEY_HEAD]) >= bus.KEY_QUEUE:
            raise OverflowError("the typed-ahead key queue is full")
        self.keys[tail % bus.KEY_QUEUE] = code & 0x7F
        self.io[bus.KEY_TAIL] = tail + 1

    @property
    def keys_pending(self) -> int:
        return int(self.io[bus.KEY_TAIL] - self.io[bus.KEY_HEAD])

    # --- game port -------------------------------------------------------------------
    def set_paddle(self, n: int, value: int) -> None:
        """Paddle n (0-3) to a position 0-255."""
        self.io[bus.PADDLE0 + n] = max(0, min(255, int(value)))

    def set_button(self, n: int, pressed: bool) -> None:
        """Push button n (0-2)."""
        if pressed:
            self.io[bus.BUTTONS] |= 1 << n
        else:
            self.io[bus.BUTTONS] &= ~(1 << n)

    # --- screen -----------------------------------------------------------------------
    @property
    def video_mode(self) -> int:
        return int(self.io[bus.VIDEO])

    @property
    def framebuffer(self) -> np.ndarray:
        """The last frame as a (192, 560, 3) RGB array (a new array each time)."""
        return video.to_rgb(self.pixels)

    def screenshot(self, path: str) -> None:
        """Save the last frame as a PNG, 560x384 as the screen shows it."""
        png.save_screenshot(path, self.framebuffer)

    def text_screen(self) -> str:
        """The 40x24 text page on display, as 24 lines of text."""
        base = 0x800 if self.video_mode & video.PAGE2 else 0x400
        rows = []
        for row in range(24):
            start = base + 128 * (row % 8) + 40 * (row // 8)
            rows.append("".join(screen_char(int(b)) for b in self.mem[start:start + 40]))
        return "\n".join(rows)


def screen_char(byte: int) -> str:
    """The character a text-screen byte shows (inverse and flashing alike)."""
    code = byte & 0x3F
    return chr(code + 0x40 if code < 0x20 else code)
