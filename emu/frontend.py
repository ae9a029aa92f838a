"""The pygame window: screen, keyboard, game port and sound of an ``Apple2``.

This is the only module that opens a pygame display or sound device.

    >>> from emu.machine import Apple2                      # doctest: +SKIP
    >>> run_window(Apple2(rom=open("apple2plus.rom", "rb").read()))   # doctest: +SKIP

Keys of the window (everything else goes to the Apple):

==================  ==========================================================
F2                  save the machine's state to ``apple2-state.npz`` in the
                    current folder (``run_window(state_file=...)``)
F3                  load that state back
F4, Shift+F4        Disk II drive 1 (drive 2): eject the disk, saving its
                    changes; pressed again, insert that image again (so a
                    disk can be swapped on the host, then put back)
dropping a file     insert that disk image in drive 1
F6                  video: NTSC colour, white, green, amber monochrome
F9                  max speed on/off (max speed is silent and draws ~60 fps)
F11, Alt+Enter      full screen on/off
F12                 screenshot: ``apple2-YYYYmmdd-HHMMSS.png`` in the
                    current folder (560x384, each line doubled)
Ctrl+F12            RESET (the II+'s Ctrl+Reset)
Ctrl+V, Shift+Ins   paste the clipboard as typed keys (upper case, newline =
                    Return, other characters skipped); so Ctrl-V itself
                    cannot be typed
closing the window  quit
==================  ==========================================================

The Apple keyboard: printable characters come from the host's text input, so
the host layout decides what a key types; on the II+ letters become upper
case (it has no lower case), a IIe gets them as typed.  Ctrl+letter gives
codes 1-26, Return $0D, Esc $1B, left arrow and Backspace $08, right arrow
$15, up $0B and down $0A (the IIe's arrows; the II+ has only left and
right), Delete $7F on a IIe ($08 on the II+, which has no Delete key).  On a
IIe the keys held down also drive any-key-down ($C010 bit 7).

The game port: a joystick or gamepad's axes 0 and 1 are paddles 0 and 1 and
its buttons 0 and 1 are PB0 and PB1.  Without one, the mouse is the
joystick: its position over the picture sets paddles 0 (x) and 1 (y), its
left and right buttons press PB0 and PB1 -- only while the pointer is inside
the window; outside, the paddles stay put and the buttons are released.
Left and Right Alt (or the Windows/Command keys) are PB0 and PB1 too: the
IIe's Open-Apple and Closed-Apple keys.  Ctrl+Left Alt+F12 is Ctrl+Open-Apple+
Reset: RESET with PB0 held, which a IIe's firmware takes as "reboot".

Sound: each frame's speaker toggles and sound cards' output (the
Mockingboard's two AYs, left and right) become stereo samples
(``emu.audio.Mixer``) which are queued on one pygame mixer Channel, a chunk
of about two frames at a time (see :class:`_Sound`).  Only real speed (1x)
has sound; without a sound device the window runs silently.
"""
from __future__ import annotations

import contextlib
import os
import time

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
# Draw through SDL's plain window framebuffer (MIT-SHM on X11, GDI on Windows)
# rather than an OpenGL texture: where OpenGL is software (Mesa's llvmpipe, as
# under Xvfb or in a VM) the GL path costs ~6 ms of CPU per frame, the plain
# one ~0.05 ms.  Set the variable to 1 to get SDL's default back.
os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", "0")

import numpy as np  # noqa: E402
import pygame  # noqa: E402

from .audio import Feed, Mixer  # noqa: E402
from .bus import CPU_HZ, CYCLES_PER_FRAME  # noqa: E402
from .video.palette import PALETTE  # noqa: E402

FB_W, FB_H = 560, 192                   # the framebuffer
VIEW_W, VIEW_H = 560, 384               # as shown: every line doubled
FRAME_SECONDS = CYCLES_PER_FRAME / CPU_HZ   # 16.69 ms of Apple time per frame
MAX_SPEED_REFRESH = 1 / 60              # at max speed, show a frame this often
SOUND_RATE = 44100
SOUND_CHUNK_FRAMES = 2                  # frames of sound per queued chunk

KEY_SAVE_STATE = pygame.K_F2
KEY_LOAD_STATE = pygame.K_F3
KEY_DISK = pygame.K_F4                  # with Shift: drive 2
KEY_COLOUR = pygame.K_F6
KEY_SPEED = pygame.K_F9
KEY_FULLSCREEN = pygame.K_F11
KEY_SCREENSHOT = pygame.K_F12           # with Ctrl: RESET
COLOUR_NAMES = ("NTSC colour", "white", "green", "amber")

HELP = ("Keys: F2 save state, F3 load state, F4/Shift+F4 eject/insert disk 1/2, "
        "F6 colour/mono, F9 max speed, F11 or Alt+Enter full screen, F12 screenshot, "
        "Ctrl+F12 RESET, Ctrl+V or Shift+Insert paste.\n"
        "Game port: joystick, or the mouse over the window (buttons = PB0/PB1); "
        "Left/Right Alt = Open/Solid Apple (Ctrl+Left Alt+F12: Ctrl+Open-Apple+Reset).")

# Keys that are not text: the codes the Apple's keyboard encoder sends.
_SPECIAL_KEYS = {
    pygame.K_RETURN: 0x0D, pygame.K_KP_ENTER: 0x0D, pygame.K_ESCAPE: 0x1B,
    pygame.K_LEFT: 0x08, pygame.K_BACKSPACE: 0x08, pygame.K_DELETE: 0x08,
    pygame.K_RIGHT: 0x15, pygame.K_UP: 0x0B, pygame.K_DOWN: 0x0A,
}


# --- pure helpers (tested without a display) -----------------------------------
def apple_key(key: int = 0, mod: int = 0, text: str | None = None,
              iie: bool = False) -> int | None:
    """The Apple key code for a pygame KEYDOWN (``key``, ``mod``) or TEXTINPUT.

    For a TEXTINPUT event pass its one character as ``text``: printable ASCII,
    upper-cased unless ``iie`` (the IIe keyboard has lower case).  For a
    KEYDOWN: Ctrl+letter gives 1-26 (not with Right Alt, which is AltGr on
    some hosts), and Return, Esc, Backspace, Delete and the arrows their codes
    (Delete is $7F on a IIe).  Anything else is None: printable keys arrive
    again as text, and keys the Apple does not have are ignored.
    """
    if text is not None:
        typed = text if iie else text.upper()
        if len(typed) != 1:
            return None
        code = ord(typed)
        return code if 0x20 <= code <= 0x7E else None
    if mod & pygame.KMOD_CTRL and not mod & pygame.KMOD_RALT and pygame.K_a <= key <= pygame.K_z:
        return key - pygame.K_a + 1
    if iie and key == pygame.K_DELETE:
        return 0x7F
    return _SPECIAL_KEYS.get(key)


def paste_codes(text: str, iie: bool = False) -> list[int]:
    """Key codes that type ``text``: upper case on the II+, any newline is one Return.

    Characters the keyboard cannot type (tabs, non-ASCII) are skipped.
    """
    codes = []
    for ch in text.replace("\r\n", "\n").replace("\r", "\n"):
        if ch == "\n":
            codes.append(0x0D)
        else:
            code = apple_key(text=ch, iie=iie)
            if code is not None:
                codes.append(code)
    return codes


def best_scale(screen_w: int, screen_h: int) -> int:
    """The largest whole scale of 560x384 that fits the screen, leaving room
    for the window's frame and a task bar; at least 1."""
    return max(1, min((screen_w - 16) // VIEW_W, (screen_h - 96) // VIEW_H))


def axis_to_paddle(value: float) -> int:
    """A joystick axis (-1 .. 1) as a paddle position (0 .. 255)."""
    return max(0, min(255, round((value + 1.0) * 127.5)))


def position_to_paddle(offset: int, size: int) -> int:
    """A pointer ``offset`` pixels into a picture ``size`` wide as 0 .. 255."""
    return max(0, min(255, offset * 255 // max(1, size - 1)))


def parse_speed(speed: str) -> float | None:
    """"1", "2", "0.5" ... as a multiple of real time; "max" as None."""
    if str(speed).strip().lower() in ("max", "inf"):
        return None
    value = float(speed)
    if not value > 0:
        raise ValueError(f"speed must be a positive number or 'max', not {speed!r}")
    return value


def screenshot_name(folder: str = ".") -> str:
    """``apple2-YYYYmmdd-HHMMSS.png`` in ``folder``, with -2, -3 ... if taken."""
    stem = time.strftime("apple2-%Y%m%d-%H%M%S")
    path, n = os.path.join(folder, stem + ".png"), 1
    while os.path.exists(path):
        n += 1
        path = os.path.join(folder, f"{stem}-{n}.png")
    return path


# --- sound ----------------------------------------------------------------------------
@contextlib.contextmanager
def _quiet_stderr():
    """Send what C libraries write to file descriptor 2 to the null device."""
    try:
        saved = os.dup(2)
    except OSError:
        yield
        return
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


class _Sound:
    """The machine's sound on a pygame mixer Channel, fed by an :class:`emu.audio.Feed`.

    A Channel plays one Sound and holds one more in its queue.  After each
    frame the feed decides whether to start the channel or fill its queue:
    chunks of two frames (33 ms), queued while the channel still holds about
    two frames, stretched or squeezed by at most 1 % to follow the sound
    card's clock.  Sound lags the picture by three to five frames (50-80 ms)
    plus the mixer's 512-sample buffer.
    """

    def __init__(self, machine):
        self.ok = False
        try:
            with _quiet_stderr():               # ALSA prints a page of errors with no card
                pygame.mixer.init(frequency=SOUND_RATE, size=-16, channels=2, buffer=512,
                                  allowedchanges=pygame.AUDIO_ALLOW_FREQUENCY_CHANGE
                                  | pygame.AUDIO_ALLOW_CHANNELS_CHANGE)
            rate, size, self.channels = pygame.mixer.get_init()
        except (pygame.error, TypeError) as e:
            print(f"No sound: {e}; running silently.")
            return
        if size != -16:
            print(f"No sound: the mixer gave {size}-bit samples, not 16; running silently.")
            return
        pygame.mixer.set_num_channels(1)
        self.channel = pygame.mixer.Channel(0)
        self.mixer = Mixer(machine, rate=rate)
        self.feed = Feed(rate, FRAME_SECONDS, SOUND_CHUNK_FRAMES)
        self.ok = True

    def frame(self, start: int, end: int) -> None:
        """Sound for one frame of cycles ``start`` .. ``end``."""
        self.feed.push(self.mixer.frame(start, end))
        action = self.feed.poll(time.perf_counter(), self.channel.get_busy(),
                                self.channel.get_queue() is None)
        if action is not None:
            kind, chunk = action
            sound = self._sound(chunk)
            if kind == "play":
                self.channel.play(sound)
            else:
                self.channel.queue(sound)       # plays at once if the channel ran dry meanwhile

    def pause(self) -> None:
        """Not at real speed: forget what is pending (what is queued plays out)."""
        self.feed.clear()
        self.mixer.pause()

    def _sound(self, samples: np.ndarray) -> pygame.mixer.Sound:
        """Stereo samples as the device's channels: mixed down to one, or more padded."""
        if self.channels == 1:
            samples = samples.mean(axis=1).astype(np.int16)
        elif self.channels > 2:
            wide = np.zeros((len(samples), self.channels), dtype=np.int16)
            wide[:, :2] = samples
            samples = wide
        return pygame.mixer.Sound(buffer=np.ascontiguousarray(samples).tobytes())


# --- the window ------------------------------------------------------------------------
class NoDisplay(RuntimeError):
    """There is no screen to show a window on (SDL fell back to drawing off screen)."""


def _open_display() -> None:
    """Start pygame's display, refusing SDL's silent fall-back to an invisible one.

    With no X server or Wayland compositor, SDL picks its "offscreen" driver
    and a window would run where nobody can see it.  An explicit
    ``SDL_VIDEODRIVER`` (the tests' "dummy") is the user's choice and allowed.
    """
    pygame.display.init()
    if pygame.display.get_driver() in ("offscreen", "dummy") and not os.environ.get("SDL_VIDEODRIVER"):
        pygame.display.quit()
        raise NoDisplay("no display to open a window on (is DISPLAY set?)")


class _Window:
    def __init__(self, machine, scale: int | None, fullscreen: bool, speed: float | None):
        self.machine = machine
        self.base_speed = speed                 # None: max
        self.max_speed = speed is None
        self.fullscreen = fullscreen
        _open_display()
        desktop = pygame.display.get_desktop_sizes()[0]
        self.scale = scale or best_scale(*desktop)
        pygame.joystick.init()
        self.joystick = pygame.joystick.Joystick(0) if pygame.joystick.get_count() else None
        self.sound = _Sound(machine)
        self.held: set[int] = set()             # window keys down (no auto-repeat for them)
        self.ejected: dict[int, object] = {}    # drive -> path of the disk last ejected
        self.message = ""
        self.iie = machine.model.keyboard == "iie"
        self.apple_keys_down: set[int] = set()   # keys down that the Apple has (any-key-down)
        self._shown = np.zeros((FB_H, FB_W), dtype=np.uint8)   # the frame on the screen
        # An 8-bit surface sharing _shown: SDL looks the palette up as it blits.
        self._indexed = pygame.image.frombuffer(self._shown, (FB_W, FB_H), "P")
        self._indexed.set_palette([tuple(int(v) for v in rgb) for rgb in PALETTE])
        self._set_mode()
        pygame.key.set_repeat(400, 50)
        pygame.key.start_text_input()
        self._title()

    # -- display --
    def _set_mode(self) -> None:
        if self.fullscreen:
            self.screen = pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
            w, h = self.screen.get_size()
            k = max(1, min(w // VIEW_W, h // VIEW_H))
        else:
            k = self.scale
            self.screen = pygame.display.set_mode((VIEW_W * k, VIEW_H * k))
            w, h = self.screen.get_size()
        self.rect = pygame.Rect((w - VIEW_W * k) // 2, (h - VIEW_H * k) // 2, VIEW_W * k, VIEW_H * k)
        self.screen.fill((0, 0, 0))
        self.dest = self.screen.subsurface(self.rect)
        self.frame_surface = pygame.Surface((FB_W, FB_H), 0, self.screen)
        pygame.mouse.set_visible(not self.fullscreen)
        self.stale = True                       # draw the next frame even if it did not change

    def present(self) -> None:
        """Show the machine's frame, unless it is the one already shown."""
        fb = self.machine.pixels
        if not self.stale and np.array_equal(fb, self._shown):
            return
        self.stale = False
        np.copyto(self._shown, fb)
        self.frame_surface.blit(self._indexed, (0, 0))
        pygame.transform.scale(self.frame_surface, self.rect.size, self.dest)
        pygame.display.flip()

    def _title(self) -> None:
        speed = "max speed" if self.max_speed else f"{self.base_speed:g}x"
        text = f"{self.machine.model.title}  {speed}  {COLOUR_NAMES[self.machine.colour % 4]}"
        pygame.display.set_caption(text + (f"  {self.message}" if self.message else ""))

    def _say(self, message: str) -> None:
        print(message, flush=True)
        self.message = message
        self._title()

    # -- input --
    def events(self) -> bool:
        """Handle pending events; False when the window was closed."""
        for ev in pygame.event.get():
            if ev.type in (pygame.QUIT, pygame.WINDOWCLOSE):
                return False
            if ev.type == pygame.KEYDOWN:
                self._keydown(ev.key, ev.mod)
            elif ev.type == pygame.KEYUP:
                self.held.discard(ev.key)
                self.apple_keys_down.discard(ev.key)
                self.machine.keys_down = len(self.apple_keys_down)
            elif ev.type in (pygame.VIDEOEXPOSE, pygame.WINDOWEXPOSED, pygame.WINDOWRESTORED):
                self.stale = True
            elif ev.type == pygame.DROPFILE:
                self._insert_dropped(ev.file)
            elif ev.type == pygame.TEXTINPUT:
                for ch in ev.text:
                    self._type(apple_key(text=ch, iie=self.iie))
            elif ev.type == pygame.JOYDEVICEADDED and self.joystick is None:
                self.joystick = pygame.joystick.Joystick(ev.device_index)
            elif ev.type == pygame.JOYDEVICEREMOVED and self.joystick is not None \
                    and self.joystick.get_instance_id() == ev.instance_id:
                self.joystick = None
        return True

    def _keydown(self, key: int, mod: int) -> None:
        ctrl, shift, alt = mod & pygame.KMOD_CTRL, mod & pygame.KMOD_SHIFT, mod & pygame.KMOD_ALT
        hotkey = True
        if key == KEY_DISK:
            action = lambda: self._eject_or_insert(2 if shift else 1)   # noqa: E731
        elif key == KEY_SAVE_STATE:
            action = self._save_state
        elif key == KEY_LOAD_STATE:
            action = self._load_state
        elif key == KEY_COLOUR:
            action = self._next_colour
        elif key == KEY_SPEED:
            action = self._toggle_speed
        elif key == KEY_FULLSCREEN or (key in (pygame.K_RETURN, pygame.K_KP_ENTER) and alt):
            action = self._toggle_fullscreen
        elif key == KEY_SCREENSHOT:
            action = self._reset if ctrl else self._screenshot
        elif (key == pygame.K_v and ctrl) or (key == pygame.K_INSERT and shift):
            action = self._paste
        else:
            hotkey = False
        if not hotkey:
            self._type(apple_key(key, mod, iie=self.iie))
            if pygame.K_SPACE <= key < pygame.K_DELETE or apple_key(key, mod, iie=self.iie):
                self.apple_keys_down.add(key)      # a key the Apple has: any-key-down
                self.machine.keys_down = len(self.apple_keys_down)
        elif key not in self.held:              # ignore the host's auto-repeat
            self.held.add(key)
            action()

    def _type(self, code: int | None) -> None:
        if code is not None:
            try:
                self.machine.key(code)
            except OverflowError:
                pass                            # 4,096 keys typed ahead: drop it

    def _eject_or_insert(self, drive: int) -> None:
        """Eject the disk in ``drive``, or put the last one ejected from it back."""
        card = self.machine.disk_card
        if card is None:
            self._say("No Disk II card (start with a disk or --disk-card)")
            return
        from .disk.images import DiskError
        try:
            disk = card.disks[drive - 1]
            if disk is not None:
                self.machine.eject(drive)
                self.ejected[drive] = disk.path
                self._say(f"Drive {drive}: ejected {disk.name}")
            elif self.ejected.get(drive) is not None:
                disk = self.machine.insert_disk(drive, self.ejected[drive])
                self._say(f"Drive {drive}: inserted {disk.name}")
            else:
                self._say(f"Drive {drive}: empty")
        except (DiskError, OSError) as e:
            self._say(str(e))

    def _insert_dropped(self, path: str) -> None:
        """A disk image dropped on the window goes in drive 1 (what was there is ejected)."""
        from .disk.images import DiskError
        try:
            disk = self.machine.insert_disk(1, path)
            self._say(f"Drive 1: inserted {disk.name}")
        except (DiskError, OSError) as e:
            self._say(str(e))

    def _next_colour(self) -> None:
        self.machine.colour = (self.machine.colour + 1) % 4
        self._say(f"Video: {COLOUR_NAMES[self.machine.colour]}")

    def _toggle_speed(self) -> None:
        self.max_speed = not self.max_speed
        if not self.max_speed and self.base_speed is None:
            self.base_speed = 1.0
        self.message = ""
        self._title()

    def _toggle_fullscreen(self) -> None:
        self.fullscreen = not self.fullscreen
        self._set_mode()

    def _save_state(self) -> None:
        try:
            notes = self.machine.save_state(self.state_file)
            self._say(f"State saved to {self.state_file}" + "".join(f"; {n}" for n in notes))
        except (OSError, ValueError) as e:      # StateError: the message names the file
            self._say(f"State not saved: {e}")

    def _load_state(self) -> None:
        try:
            notes = self.machine.load_state(self.state_file)
            self.stale = True
            self._say(f"State loaded from {self.state_file}" + "".join(f"; {n}" for n in notes))
        except ValueError as e:                 # StateError: the message names the file
            self._say(f"State not loaded: {e}")

    def _reset(self) -> None:
        self.machine.reset()
        self._say("RESET")

    def _screenshot(self) -> None:
        path = screenshot_name()
        self.machine.screenshot(path)
        self._say(f"Saved {os.path.basename(path)}")

    def _paste(self) -> None:
        codes = paste_codes(_clipboard_text(), iie=self.iie)
        for i, code in enumerate(codes):
            try:
                self.machine.key(code)
            except OverflowError:
                self._say(f"Pasted {i} of {len(codes)} keys: the type-ahead queue is full")
                return

    def game_port(self) -> None:
        mods = pygame.key.get_mods()
        pressed = [bool(mods & (pygame.KMOD_LALT | pygame.KMOD_LGUI)),
                   bool(mods & (pygame.KMOD_RALT | pygame.KMOD_RGUI))]
        js = self.joystick
        if js is not None:
            for n in range(min(2, js.get_numaxes())):
                self.machine.set_paddle(n, axis_to_paddle(js.get_axis(n)))
            for n in range(min(2, js.get_numbuttons())):
                pressed[n] = pressed[n] or bool(js.get_button(n))
        elif pygame.mouse.get_focused():
            x, y = pygame.mouse.get_pos()
            self.machine.set_paddle(0, position_to_paddle(x - self.rect.x, self.rect.w))
            self.machine.set_paddle(1, position_to_paddle(y - self.rect.y, self.rect.h))
            buttons = pygame.mouse.get_pressed(3)
            pressed = [pressed[0] or buttons[0], pressed[1] or buttons[2]]
        for n in range(2):
            self.machine.set_button(n, pressed[n])

    # -- running --
    def run(self, frames: int | None) -> None:
        machine = self.machine
        left = frames
        next_time = time.perf_counter()
        unrendered_cost = 0.0                   # seconds per frame without drawing, at max speed
        while left is None or left > 0:
            if not self.events():
                return
            self.game_port()
            if self.max_speed:
                if self.sound.ok:
                    self.sound.pause()
                show_by = time.perf_counter() + MAX_SPEED_REFRESH
                while True:                     # run frames undrawn until it is time to show one
                    t0 = time.perf_counter()
                    last = (left is not None and left == 1) or t0 + 2 * unrendered_cost >= show_by
                    machine.run_frame(render=last)
                    if left is not None:
                        left -= 1
                    if last:
                        break
                    unrendered_cost = 0.8 * unrendered_cost + 0.2 * (time.perf_counter() - t0)
                self.present()
                next_time = time.perf_counter()
                continue
            machine.run_frame(render=True)
            if left is not None:
                left -= 1
            if self.sound.ok:
                if self.base_speed == 1.0:
                    end = machine.frame_start
                    self.sound.frame(end - CYCLES_PER_FRAME, end)
                else:
                    self.sound.pause()
            self.present()
            next_time += FRAME_SECONDS / self.base_speed
            delay = next_time - time.perf_counter()
            if delay > 0:
                time.sleep(delay)               # sleep, never spin: the window idles most of a frame
            elif delay < -0.25:
                next_time = time.perf_counter()  # far behind (a stall): do not race to catch up


_TEXT_TYPES = ("text/plain;charset=utf-8", "UTF8_STRING", "text/plain", "STRING", "TEXT")


def _clipboard_text() -> str:
    """The clipboard's text, or "" if there is none or no clipboard."""
    try:
        import pygame.scrap as scrap
        if not scrap.get_init():
            scrap.init()
        offered = scrap.get_types() or []
        kinds = [t for t in _TEXT_TYPES if t in offered] + [pygame.SCRAP_TEXT]
        data = next((d for d in map(scrap.get, kinds) if d), None)
    except (pygame.error, ImportError, NotImplementedError):
        return ""
    if not data:
        return ""
    if isinstance(data, bytes):
        data = data.decode("utf-8", errors="replace")
    return data.replace("\0", "")


def run_window(machine, *, scale: int | None = None, fullscreen: bool = False, speed: str = "1",
               frames: int | None = None, seconds: float | None = None,
               screenshot: str | None = None, state_file: str = "apple2-state.npz") -> int:
    """Show ``machine`` in a window and run it until the window is closed.

    ``scale``: whole multiple of 560x384 (default: the largest that fits the
    screen).  ``speed``: "1" for real time (60 frames a second, with sound),
    another number for a multiple of it (silent), "max" for as fast as
    possible.  ``frames`` or ``seconds`` (of Apple time) stop the run early.
    ``screenshot``: when the run ends, save the last frame there as a PNG.
    ``state_file``: where F2 saves the machine's state and F3 loads it from.
    Returns 0.
    """
    if frames is None and seconds is not None:
        frames = round(seconds * CPU_HZ / CYCLES_PER_FRAME)
    speed_value = parse_speed(speed)
    try:
        window = _Window(machine, scale, fullscreen, speed_value)
        window.state_file = state_file
        print(HELP, flush=True)
        window.run(frames)
        if screenshot:
            machine.screenshot(screenshot)
    finally:
        pygame.quit()
    return 0
