"""The Apple II speaker as sound: toggle cycles in, 16-bit samples out.

The II+ speaker is a flip-flop driving a cone: every access to $C030 flips it
between two positions, so the sound is a square wave whose edges fall on the
CPU cycles the machine logs (``Apple2.speaker_log``).  :class:`Speaker` turns
each frame's toggles into samples at the sound card's rate:

- Box filter.  Each output sample is the average speaker level over its own
  period (about 23.1 CPU cycles at 44.1 kHz), integrated exactly between the
  toggles.  Point-sampling the square wave instead would alias every edge
  onto the output grid.
- DC blocker.  A one-pole high-pass (about 30 Hz) stands for the cone
  returning to rest: a speaker left in either position decays to silence,
  and the next toggle is one click, not a jump of the whole waveform.
- State across frames: the level, the filter's memory and the part of the
  sample that straddles the frame's end are kept, so frames join without a
  seam.  Sample boundaries are counted exactly, in units of 1/rate cycle, so
  17,030 cycles give 735 or 736 samples at 44.1 kHz and the remainder never
  drifts.

:class:`BandLimit` resamples a sound card's output, given as one value per
few CPU cycles (the AY-3-8910's tick, 8 cycles), to the sound card's rate
through a windowed-sinc low-pass, so that tones above 20 kHz do not fold
back as hiss.  :class:`Mixer` puts the machine's sound together: the speaker
in both ears, each sound card's channels where the card puts them.

:class:`Feed` stands between the emulator and a sound device that takes
whole chunks (pygame's mixer Channel: one playing, one queued): it decides
when to start the device and when to queue the next chunk, and resamples the
chunks by at most 1 % to follow the sound card's clock.

Nothing here imports pygame; ``emu.frontend`` plays the samples.

    >>> spk = Speaker(rate=44100)                                # doctest: +SKIP
    >>> samples = spk.render(m.speaker_log, m.frame_start - 17030, m.frame_start)  # doctest: +SKIP
"""
from __future__ import annotations

import math

import numpy as np
from numba import njit

from . import jit_options
from .bus import CPU_HZ

DEFAULT_RATE = 44100
DEFAULT_VOLUME = 0.3        # of full scale, for a steady square wave
DEFAULT_CUTOFF = 30.0       # Hz, the DC blocker's corner


@njit(**jit_options())
def _speaker_kernel(toggles, count, start, end, rate, cpu_hz, state, out, gain):
    """Box-filter and high-pass the square wave of one stretch of cycles.

    Time is in ticks of 1/rate cycle, so that a sample period is exactly
    ``cpu_hz`` ticks and a cycle exactly ``rate`` ticks.  ``state`` (float64)
    holds, in order: the level (+-0.5), the integral of the level since the
    open sample began, ticks from that sample's start to ``start``, the
    filter's previous input and output, and its coefficient R.  Writes the
    finished samples, times ``gain``, to ``out`` and returns how many.
    """
    level = state[0]
    acc = state[1]
    pos = np.int64(state[2])
    x1 = state[3]
    y1 = state[4]
    r = state[5]
    total = (end - start) * rate
    boundary = cpu_hz - pos            # ticks from ``start`` to the open sample's end
    t = np.int64(0)
    i = 0
    n = 0
    while boundary <= total:
        while i < count:
            tt = (toggles[i] - start) * rate
            if tt >= boundary:
                break
            if tt > t:
                acc += level * (tt - t)
                t = tt
            level = -level
            i += 1
        acc += level * (boundary - t)
        t = boundary
        x = acc / cpu_hz
        y = x - x1 + r * y1
        x1 = x
        y1 = y
        out[n] = gain * y
        n += 1
        acc = 0.0
        boundary += cpu_hz
    while i < count:                   # toggles in the open sample at the end
        tt = (toggles[i] - start) * rate
        if tt > total:
            tt = total
        if tt > t:
            acc += level * (tt - t)
            t = tt
        level = -level
        i += 1
    acc += level * (total - t)
    state[0] = level
    state[1] = acc
    state[2] = float(total - (boundary - cpu_hz))
    state[3] = x1
    state[4] = y1
    return n


class Speaker:
    """Turns speaker toggle cycles into mono int16 samples, frame after frame.

    ``rate``: samples per second; ``cpu_hz``: the CPU clock the cycles count;
    ``volume``: peak of a steady square wave, as a fraction of full scale
    (a click after silence peaks at twice that); ``cutoff``: the DC blocker's
    corner frequency in Hz.
    """

    def __init__(self, rate: int = DEFAULT_RATE, cpu_hz: int = CPU_HZ,
                 volume: float = DEFAULT_VOLUME, cutoff: float = DEFAULT_CUTOFF):
        self.rate = int(rate)
        self.cpu_hz = int(cpu_hz)
        self.volume = volume
        self._state = np.zeros(6, dtype=np.float64)
        self._state[0] = -0.5
        self._state[3] = -0.5          # settled: a silent speaker gives 0 from the start
        self._state[5] = math.exp(-2 * math.pi * cutoff / self.rate)
        self._end: int | None = None   # the cycle the last call ended on
        self._out = np.zeros(0, dtype=np.float64)

    def samples_in(self, cycles: int) -> int:
        """How many samples ``cycles`` cycles make, at most (one more than at least)."""
        return (cycles * self.rate) // self.cpu_hz + 1

    def render(self, toggles: np.ndarray, start: int, end: int) -> np.ndarray:
        """Samples for cycles ``start`` .. ``end`` given the toggles in them.

        ``toggles``: absolute cycles, ascending, within ``start`` .. ``end``
        (outside ones are clamped).  Consecutive calls should continue where
        the last ended; if ``start`` is elsewhere (after a stretch that was
        not rendered, at max speed) the open sample is dropped and counting
        starts afresh at ``start``, keeping the level and the filter.
        """
        return np.clip(np.rint(self.levels(toggles, start, end)), -32768, 32767).astype(np.int16)

    def levels(self, toggles: np.ndarray, start: int, end: int) -> np.ndarray:
        """:meth:`render`'s samples before rounding: floats in units of an int16 step.

        The mixer adds other sounds to these and rounds once.  The array is
        reused by the next call.
        """
        if self._end is not None and start != self._end:
            self._state[1] = 0.0
            self._state[2] = 0.0
        self._end = end
        need = self.samples_in(end - start)
        if len(self._out) < need:
            self._out = np.zeros(need, dtype=np.float64)
        if not isinstance(toggles, np.ndarray) or toggles.dtype != np.int64:
            toggles = np.asarray(toggles, dtype=np.int64)
        n = _speaker_kernel(toggles, len(toggles), start, end, self.rate, self.cpu_hz,
                            self._state, self._out, 2 * self.volume * 32767)
        return self._out[:n]


@njit(**jit_options())
def _add_steps(acc, changes, last, cycles, origin, rate, cpu_hz, j0, table, used):
    """Add each change of each channel's level as a band-limited step to ``acc[channel]``.

    ``changes[channel]``: [count, tick, level, tick, level ...]; a tick is ``cycles``
    CPU cycles.  A change at output position p (in samples from sample j0,
    half a filter late) adds its size times the filter's impulse response
    around p; the running sum of ``acc`` is then the band-limited signal.
    ``used[0]``: the end of what is not zero in ``acc``, kept up to date.
    """
    phases, taps = table.shape
    half = taps // 2
    size = acc.shape[1]
    for ch in range(changes.shape[0]):
        for k in range(np.int64(changes[ch, 0])):
            value = changes[ch, 2 + 2 * k]
            step = value - last[ch]
            last[ch] = value
            if step == 0.0:
                continue
            num = (np.int64(changes[ch, 1 + 2 * k]) * cycles - origin) * rate
            base = num // cpu_hz - j0 - half + 1
            phase = ((num % cpu_hz) * phases) // cpu_hz
            if base < 0:
                acc[ch, 0] += step                   # before the samples still to come
                used[0] = max(used[0], 1)
            elif base + taps > size:
                acc[ch, size - 1] += step            # too far ahead: a plain step
                used[0] = size
            else:
                for m in range(taps):
                    acc[ch, base + m] += step * table[phase, m]
                used[0] = max(used[0], base + taps)


@njit(**jit_options())
def _take(acc, level, n, out, gain, x1, y1, r, used):
    """out[i, c] += gain * the DC-blocked running sum of acc[c] (n samples); acc moves on by n.

    ``level`` holds each running sum, ``x1`` and ``y1`` the DC blocker's
    memory (a one-pole high-pass, as the speaker's), across calls.  Only
    ``acc[:, :used[0]]`` can be other than zero, so only that part moves.
    """
    size = used[0]
    for c in range(acc.shape[0]):
        total = level[c]
        a = x1[c]
        b = y1[c]
        for i in range(n):
            total += acc[c, i]
            b = total - a + r * b
            a = total
            out[i, c] += gain * b
        level[c] = total
        x1[c] = a
        y1[c] = b
        for i in range(size - n):
            acc[c, i] = acc[c, i + n]
        for i in range(max(size - n, 0), size):
            acc[c, i] = 0.0
    used[0] = max(size - n, 0)


@njit(**jit_options())
def _stereo(mono, mix, out):
    """out = the speaker's mono samples in both ears plus ``mix``, rounded and clipped to int16."""
    for i in range(len(mono)):
        for c in range(2):
            v = np.rint(mono[i] + mix[i, c])
            out[i, c] = -32768 if v < -32768 else 32767 if v > 32767 else np.int16(v)


def step_table(cutoff: float, half_taps: int, phases: int, beta: float = 9.0) -> np.ndarray:
    """The low-pass's impulse response (cutoff as a fraction of the sample rate), Kaiser-windowed,
    sampled at each of ``phases`` fractional offsets; each row sums to 1, so that the running
    sum of one row is a step from 0 to 1."""
    taps = 2 * half_taps
    x = np.arange(taps)[None, :] - (half_taps - 1) - np.arange(phases)[:, None] / phases
    window = np.i0(beta * np.sqrt(np.clip(1 - (x / half_taps) ** 2, 0, 1))) / np.i0(beta)
    table = 2 * cutoff * np.sinc(2 * cutoff * x) * window
    return table / table.sum(axis=1, keepdims=True)


class BandLimit:
    """A sound card's piecewise constant output, as band-limited samples at ``rate``.

    The card gives, for each of its ``channels``, the changes of its level
    as (tick, new level), a tick being ``cycles`` CPU cycles (the
    AY-3-8910's: 8).  Each change becomes a band-limited step (a BLEP): the
    running sum of the low-pass filter's impulse response, placed at the
    change's exact time, so the cost is per change, not per sample, and
    nothing above ``CUTOFF`` folds back into the band as hiss.  ``take(n)``
    returns the next n samples (n x channels floats, after a DC blocker like
    the speaker's), the first one at the cycle given to ``start``, half a
    filter (``HALF_TAPS`` samples) late.
    """

    HALF_TAPS = 24
    PHASES = 256
    CUTOFF = 19_000.0

    def __init__(self, rate: int, channels: int, cycles: int, cpu_hz: int = CPU_HZ,
                 cutoff_hz: float = DEFAULT_CUTOFF):
        self.rate, self.channels, self.cycles, self.cpu_hz = int(rate), channels, cycles, cpu_hz
        self.table = step_table(min(self.CUTOFF, 0.45 * rate) / rate, self.HALF_TAPS,
                                self.PHASES)
        self.listening = True
        self._acc = np.zeros((channels, 4 * self.rate // 10))       # room for 0.4 s
        self._used = np.zeros(1, dtype=np.int64)   # _acc is zero from here on
        self._level = np.zeros(channels)     # the running sum before _acc[:, 0]
        self._last = np.zeros(channels)      # each channel's last level given
        self._origin = 0                     # the cycle of sample 0 ...
        self._next = 0                       # ... and the next sample to make
        self._r = math.exp(-2 * math.pi * cutoff_hz / self.rate)
        self._x1 = np.zeros(channels)
        self._y1 = np.zeros(channels)

    def start(self, cycle: int) -> None:
        """Sample 0 is at CPU cycle ``cycle``; steps not yet taken are dropped."""
        self._origin, self._next = int(cycle), 0
        self._level[:] = self._last
        self._acc[:] = 0.0
        self._used[0] = 0

    def push(self, changes: np.ndarray) -> None:
        """``changes[channel]``: [count, tick, level, tick, level ...] of each channel, in time
        order (a (channels, n) float array)."""
        _add_steps(self._acc, changes, self._last, self.cycles,
                   self._origin - self.HALF_TAPS * self.cpu_hz // self.rate,
                   self.rate, self.cpu_hz, self._next, self.table, self._used)

    def take(self, n: int) -> np.ndarray:
        out = np.zeros((n, self.channels))
        self.add_to(out, 1.0)
        return out

    def add_to(self, out: np.ndarray, gain: float) -> None:
        """Add the next len(out) samples, times ``gain``, to ``out`` (n x channels)."""
        n = min(len(out), self._acc.shape[1])
        _take(self._acc, self._level, n, out, gain, self._x1, self._y1, self._r, self._used)
        self._next += n


class Mixer:
    """A machine's sound, frame by frame: stereo int16 at ``rate``.

    The speaker (``Speaker``) sounds in both ears; a card with a ``listen``
    method (the Mockingboard) gets a 2-channel :class:`BandLimit` and its
    channels go left and right, ``card_volume`` being the peak of one
    channel's square wave at full level, as a fraction of full scale.  The
    cards' sound is half a filter (0.5 ms) later than the speaker's.
    """

    def __init__(self, machine, rate: int = DEFAULT_RATE, volume: float = DEFAULT_VOLUME,
                 card_volume: float = DEFAULT_VOLUME):
        self.machine = machine
        self.rate = int(rate)
        self.speaker = Speaker(rate=rate, volume=volume)
        # A chip's output is the mean of 3 channels (0..1): one channel's square
        # wave at full level swings 1/3, +-1/6 after the DC blocker.
        self.card_gain = card_volume * 6 * 32767
        self.cards = []
        for card in machine.cards.values():
            if hasattr(card, "listen"):
                sound = BandLimit(rate, 2, 8)
                card.listen(sound)
                self.cards.append(sound)
        self._end: int | None = None

    def frame(self, start: int, end: int) -> np.ndarray:
        """The samples of cycles ``start`` .. ``end`` (the frame just run): n x 2 int16."""
        if self._end is None or start != self._end:
            for sound in self.cards:
                sound.start(start)
        self._end = end
        for sound in self.cards:
            sound.listening = True
        mono = self.speaker.levels(self.machine.speaker_log, start, end)
        mix = np.zeros((len(mono), 2))
        for sound in self.cards:
            sound.add_to(mix, self.card_gain)
        out = np.empty((len(mono), 2), dtype=np.int16)
        _stereo(mono, mix, out)
        return out

    def run_frames(self, frames: int, render: bool = True) -> np.ndarray:
        """Run the machine ``frames`` whole frames; their sound (n x 2 int16)."""
        m, chunks = self.machine, []
        for _ in range(frames):
            start = m.frame_start
            m.run_frame(render)
            chunks.append(self.frame(start, m.frame_start))
        return np.concatenate(chunks) if chunks else np.zeros((0, 2), dtype=np.int16)

    def pause(self) -> None:
        """Not rendering for a while (max speed): the cards stop keeping their output."""
        for sound in self.cards:
            sound.listening = False


def fit(samples: np.ndarray, n: int) -> np.ndarray:
    """``samples`` (one or more channels) resized to ``n`` by linear interpolation
    (pitch shifts a little)."""
    if len(samples) == n or len(samples) == 0:
        return samples
    if n <= 0:
        return samples[:0]
    src = np.linspace(0, len(samples) - 1, n)
    at = np.arange(len(samples))
    if samples.ndim == 1:
        return np.rint(np.interp(src, at, samples)).astype(samples.dtype)
    return np.stack([np.rint(np.interp(src, at, samples[:, c])).astype(samples.dtype)
                     for c in range(samples.shape[1])], axis=1)


class Feed:
    """Hands chunks of samples to a sound device that plays one chunk and
    holds one more (pygame's mixer Channel), so that it never runs dry.

    The front end pushes each frame's samples, then calls :meth:`poll` with
    the time and the channel's state; ``poll`` answers ``("play", chunk)``,
    ``("queue", chunk)`` or None.  From silence it waits until
    ``chunk_frames + lead_frames`` frames are pending and plays them all; then
    it queues everything pending whenever the queue slot is free and at least
    ``chunk_frames`` frames are pending (or less, if the device is about to
    run dry).  So the device holds about ``lead_frames`` frames when a chunk
    is queued: the margin for a late frame.

    The device's clock and ours drift apart.  ``poll`` keeps an estimate of
    when the device will run out, pulled back into the possible range each
    time a queued chunk is seen to have started (it did so between the
    previous poll and this one).  The smoothed error of what the device holds
    sets a resampling ratio within ``max_adjust`` (1 %), which stretches or
    squeezes each chunk (proportional and integral control, so a steady drift
    gets a steady ratio and the device still holds ``lead_frames``).
    More than ``4 * chunk_frames`` frames pending (after a stall) are cut
    back, dropping the oldest.
    """

    SMOOTHING = 0.05        # weight of each new error in the running average
    GAIN = 0.004            # ratio change per frame of (smoothed) error ...
    INTEGRAL = 0.0001       # ... and its running sum, per chunk, which takes up a steady drift
    CENTRING = 0.1          # pull of the run-out estimate toward the middle of its range
    URGENT_FRAMES = 1.0     # queue whatever is pending when the device holds less

    def __init__(self, rate: int, frame_seconds: float, chunk_frames: int = 2,
                 lead_frames: float = 2.0, max_adjust: float = 0.01):
        self.rate = rate
        self.frame_seconds = frame_seconds
        self.frame_samples = round(frame_seconds * rate)
        self.target = chunk_frames * self.frame_samples
        self.lead = lead_frames * frame_seconds
        self.max_adjust = max_adjust
        self.ratio = 1.0                # output samples per input sample
        self._drift = 0.0               # the part of ratio - 1 that the integral holds
        self.runs_out_at = 0.0          # when the device will have played all it holds
        self._parts: list[np.ndarray] = []
        self.size = 0
        self._error = 0.0               # smoothed excess of sound held, in frames
        self._last_poll: float | None = None
        self._queued_seconds = 0.0      # the chunk in the queue slot ...
        self._queued = False            # ... not yet seen to start

    def push(self, samples: np.ndarray) -> None:
        if len(samples):
            self._parts.append(samples)
            self.size += len(samples)
        if self.size > 4 * self.target:
            data = np.concatenate(self._parts)[-self.target:]
            self._parts, self.size = [data], len(data)

    def clear(self) -> None:
        """Forget what is pending (what the device holds plays out)."""
        self._parts, self.size = [], 0

    def ahead(self, now: float) -> float:
        """Seconds of sound the device holds, as far as we know."""
        return max(0.0, self.runs_out_at - now)

    def poll(self, now: float, busy: bool, slot_free: bool) -> tuple[str, np.ndarray] | None:
        """What to give the device now: ("play", chunk), ("queue", chunk) or None.

        ``busy``: the device is playing; ``slot_free``: its queue is empty.
        """
        previous = now if self._last_poll is None else self._last_poll
        self._last_poll = now
        if not busy:
            self._queued = False
            self.runs_out_at = now
            if self.size < self.target + self.lead * self.rate:
                return None
            chunk = self._take(self.size, 1.0)
            self.runs_out_at = now + len(chunk) / self.rate
            return "play", chunk
        if not slot_free:
            return None
        if self._queued:                # the queued chunk started since the last poll
            self._queued = False
            early, late = previous + self._queued_seconds, now + self._queued_seconds
            estimate = min(max(self.runs_out_at, early), late)
            self.runs_out_at = estimate + self.CENTRING * ((early + late) / 2 - estimate)
        ahead = self.ahead(now)
        if self.size == 0 or (self.size < self.target
                              and ahead > self.URGENT_FRAMES * self.frame_seconds):
            return None
        held = ahead + self.size / self.rate - self.target / self.rate - self.lead
        self._error += self.SMOOTHING * (held / self.frame_seconds - self._error)
        limit = self.max_adjust
        self._drift = max(-limit, min(limit, self._drift - self.INTEGRAL * self._error))
        self.ratio = max(1 - limit, min(1 + limit, 1 + self._drift - self.GAIN * self._error))
        chunk = self._take(self.size, self.ratio)
        self._queued, self._queued_seconds = True, len(chunk) / self.rate
        self.runs_out_at = now + ahead + self._queued_seconds
        return "queue", chunk

    def _take(self, n_in: int, ratio: float) -> np.ndarray:
        data = np.concatenate(self._parts) if len(self._parts) > 1 else self._parts[0]
        self.clear()
        return fit(data, round(n_in * ratio))
