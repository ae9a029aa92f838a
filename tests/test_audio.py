"""Tests of the speaker's sound (emu.audio): toggle cycles to int16 samples.

A 440 Hz toggle pattern must come out as a 440 Hz tone; a speaker left alone
must fall silent; frames must give 735 or 736 samples at 44.1 kHz with the
fraction carried, and cutting the same cycles into frames must not change a
single sample.  The chunk feed for the mixer resizes chunks by at most 1 %.
"""
from __future__ import annotations

import numpy as np

from emu.audio import BandLimit, Feed, Speaker, fit
from emu.bus import CPU_HZ, CYCLES_PER_FRAME
from emu.machine import Apple2

RATE = 44100


def toggles_at(freq: float, cycles: int) -> np.ndarray:
    """The toggle cycles of a square wave of ``freq`` Hz (two toggles a period)."""
    return np.round(np.arange(0, cycles, CPU_HZ / (2 * freq))).astype(np.int64)


def render_frames(speaker: Speaker, toggles: np.ndarray, first: int, count: int) -> list[np.ndarray]:
    out = []
    for f in range(first, first + count):
        start, end = f * CYCLES_PER_FRAME, (f + 1) * CYCLES_PER_FRAME
        out.append(speaker.render(toggles[(toggles >= start) & (toggles < end)], start, end))
    return out


def peak_frequency(samples: np.ndarray, rate: int = RATE) -> float:
    x = samples.astype(np.float64)
    spectrum = np.abs(np.fft.rfft((x - x.mean()) * np.hanning(len(x))))
    return float(np.fft.rfftfreq(len(x), 1 / rate)[spectrum.argmax()])


def test_440_hz_toggles_give_a_440_hz_peak():
    samples = np.concatenate(render_frames(Speaker(RATE), toggles_at(440, 60 * CYCLES_PER_FRAME), 0, 60))
    assert abs(peak_frequency(samples) - 440) < 3
    assert 5000 < np.abs(samples[2000:]).max() < 32767      # gentle, not clipped


def test_a_tone_too_high_to_sample_does_not_alias_loudly():
    # 30 kHz lies above Nyquist (22.05 kHz) and would alias to 14.1 kHz at full
    # level if point-sampled; a box filter passes sinc(30/44.1) = 0.4 of it.
    loud = np.concatenate(render_frames(Speaker(RATE), toggles_at(440, 30 * CYCLES_PER_FRAME), 0, 30))
    high = np.concatenate(render_frames(Speaker(RATE), toggles_at(30000, 30 * CYCLES_PER_FRAME), 0, 30))
    assert np.sqrt(np.mean(high[1000:].astype(float) ** 2)) < 0.5 * np.sqrt(
        np.mean(loud[1000:].astype(float) ** 2))


def test_a_speaker_left_in_either_position_decays_to_silence():
    for n_toggles in (100, 101):                # ends up, ends down
        speaker = Speaker(RATE)
        toggles = toggles_at(440, 20 * CYCLES_PER_FRAME)[:n_toggles]
        frames = render_frames(speaker, toggles, 0, 60)
        assert np.abs(np.concatenate(frames[:5])).max() > 5000
        tail = np.concatenate(frames[-20:])     # 40 frames (2/3 s) after the last toggle
        assert np.abs(tail).max() <= 1


def test_a_silent_speaker_is_silent_from_the_start():
    frames = render_frames(Speaker(RATE), np.zeros(0, dtype=np.int64), 0, 10)
    assert all(np.all(f == 0) for f in frames)


def test_samples_per_frame_carry_the_remainder():
    frames = render_frames(Speaker(RATE), np.zeros(0, dtype=np.int64), 0, 600)
    counts = [len(f) for f in frames]
    assert set(counts) <= {735, 736}            # 17,030 cycles = 735.95 samples
    assert sum(counts) == 600 * CYCLES_PER_FRAME * RATE // CPU_HZ


def test_cutting_cycles_into_frames_changes_no_sample():
    toggles = toggles_at(523.25, 20 * CYCLES_PER_FRAME) + 7
    whole = Speaker(RATE).render(toggles, 0, 20 * CYCLES_PER_FRAME)
    pieces = np.concatenate(render_frames(Speaker(RATE), toggles, 0, 20))
    assert np.array_equal(whole, pieces)


def test_a_gap_in_cycles_restarts_counting_without_error():
    speaker = Speaker(RATE)
    render_frames(speaker, toggles_at(440, 10 * CYCLES_PER_FRAME), 0, 10)
    later = render_frames(speaker, np.zeros(0, dtype=np.int64), 100, 2)   # frames 10-99 skipped
    assert len(later[0]) in (735, 736)


def test_the_machine_speaker_log_plays_its_tone():
    # $F800: LDA $C030; LDY #230; DEY; BNE *-1; JMP $F800 -- a toggle every 1,158 cycles: 440.6 Hz
    rom = bytearray([0xEA] * 0x800)
    program = [0xAD, 0x30, 0xC0, 0xA0, 230, 0x88, 0xD0, 0xFD, 0x4C, 0x00, 0xF8]
    rom[:len(program)] = bytes(program)
    rom[0x7FA:] = bytes([0x00, 0xF8] * 3)
    machine, speaker, out = Apple2(rom=bytes(rom)), Speaker(RATE), []
    for _ in range(60):
        machine.run_frame(render=False)
        end = machine.frame_start
        out.append(speaker.render(machine.speaker_log, end - CYCLES_PER_FRAME, end))
    assert abs(peak_frequency(np.concatenate(out)) - 440.6) < 3


def test_fit_resizes_and_keeps_the_ends():
    x = np.arange(0, 1000, 10, dtype=np.int16)
    y = fit(x, 101)
    assert len(y) == 101 and y[0] == x[0] and y[-1] == x[-1]
    assert fit(x, 100) is x


class FakeChannel:
    """A pygame Channel on a sound card whose clock runs ``speed`` times ours."""

    def __init__(self, rate: int, speed: float):
        self.rate, self.speed = rate, speed
        self.ends_at = None             # when the playing chunk ends
        self.queued = None              # seconds of the queued chunk
        self.gaps = []                  # (time, seconds) the channel stood dry
        self.dry_since = None

    def seconds(self, chunk) -> float:
        return len(chunk) / (self.rate * self.speed)

    def advance(self, now: float) -> None:
        while self.ends_at is not None and self.ends_at <= now:
            if self.queued is not None:
                self.ends_at, self.queued = self.ends_at + self.queued, None
            else:
                self.dry_since, self.ends_at = self.ends_at, None

    def play(self, chunk, now: float) -> None:
        if self.dry_since is not None:
            self.gaps.append((self.dry_since, now - self.dry_since))
            self.dry_since = None
        self.ends_at = now + self.seconds(chunk)

    def queue(self, chunk, now: float) -> None:
        if self.ends_at is None:
            self.play(chunk, now)
        else:
            self.queued = self.seconds(chunk)


def simulate(speed: float, seconds: float = 60.0, jitter: float = 0.004):
    """Frames paced by our clock (each poll up to ``jitter`` late), a device at ``speed``.

    Returns the channel (with its gaps), the most sound held at once (device
    and pending, after the first second) and the frame time.
    """
    frame = CYCLES_PER_FRAME / CPU_HZ
    rng = np.random.default_rng(1)
    feed, channel = Feed(RATE, frame), FakeChannel(RATE, speed)
    played, worst_ahead = 0, 0.0
    for n in range(int(seconds / frame)):
        now = (n + 1) * frame + rng.uniform(0, jitter)
        channel.advance(now)
        feed.push(np.zeros(736 if n % 25 else 735, dtype=np.int16))
        action = feed.poll(now, channel.ends_at is not None, channel.queued is None)
        if action:
            kind, chunk = action
            (channel.play if kind == "play" else channel.queue)(chunk, now)
            played += 1
        if n > 60:
            held = (channel.ends_at or now) - now + (channel.queued or 0)
            worst_ahead = max(worst_ahead, held + feed.size / RATE)
    return channel, worst_ahead, frame


def test_feed_never_lets_the_channel_run_dry_when_clocks_drift():
    # Real sound cards are within 0.1 % of our clock; 0.5 % is a bad one.
    for speed in (0.995, 0.999, 1.0, 1.001, 1.005):
        channel, worst_ahead, frame = simulate(speed)
        assert channel.gaps == [], (speed, channel.gaps[:3])
        assert worst_ahead < 6 * frame, speed          # the lag stays bounded


def test_feed_starts_with_four_frames_then_queues_two():
    frame = CYCLES_PER_FRAME / CPU_HZ
    feed = Feed(RATE, frame)                    # chunks of 2 frames, 2 frames of lead
    block = np.zeros(736, dtype=np.int16)
    for n in range(1, 4):
        feed.push(block)
        assert feed.poll(n * frame, busy=False, slot_free=True) is None
    feed.push(block)
    kind, chunk = feed.poll(4 * frame, busy=False, slot_free=True)
    assert kind == "play" and len(chunk) == 4 * 736
    feed.push(block)
    assert feed.poll(5 * frame, busy=True, slot_free=True) is None     # 3 frames still held
    feed.push(block)
    kind, chunk = feed.poll(6 * frame, busy=True, slot_free=True)
    assert kind == "queue" and abs(len(chunk) - 2 * 736) <= 15          # within 1 %
    feed.push(block)
    assert feed.poll(7 * frame, busy=True, slot_free=False) is None    # the slot is taken


def test_feed_drops_the_oldest_after_a_stall():
    feed = Feed(RATE, CYCLES_PER_FRAME / CPU_HZ, chunk_frames=2)
    for k in range(10):
        feed.push(np.full(736, k, dtype=np.int16))
    assert feed.size <= 4 * feed.target
    assert feed.size >= feed.target
    feed.clear()
    assert feed.size == 0 and feed.poll(1.0, busy=False, slot_free=True) is None


def _band_limited(changes_by_frame, n_by_frame, whole_buffer):
    """BandLimit's samples for these frames of changes; with ``whole_buffer``, its whole
    accumulator moves after every take, as it did before it kept track of what is in use."""
    sound = BandLimit(44100, 2, 8)
    sound.start(0)
    out = []
    for changes, n in zip(changes_by_frame, n_by_frame):
        if whole_buffer:
            sound._used[0] = sound._acc.shape[1]
        sound.push(changes)
        if whole_buffer:
            sound._used[0] = sound._acc.shape[1]
        out.append(sound.take(n))
    return np.concatenate(out)


def test_band_limited_steps_do_not_depend_on_how_much_of_the_buffer_moves():
    # BandLimit moves only the part of its accumulator that holds steps; the
    # samples must be those of moving all of it.  Random steps on both
    # channels, frame after frame, some frames with none, some crowded at
    # the frame's end (their tails reach into the next frames), some late.
    rng = np.random.default_rng(5)
    ticks_per_frame = CYCLES_PER_FRAME // 8
    frames, counts = [], []
    for f in range(40):
        changes = np.zeros((2, 2 * 64 + 1))
        for ch in range(2):
            k = int(rng.integers(0, 30)) if f % 5 else 0
            ticks = np.sort(rng.integers(0, ticks_per_frame, k)) + f * ticks_per_frame
            if f % 7 == 3:
                ticks = np.sort(ticks_per_frame * (f + 1) - 1 - rng.integers(0, 20, k))
            if f % 11 == 6:                   # late: before the samples still to come
                ticks = np.sort(ticks_per_frame * f - rng.integers(200, 1000, k))
            changes[ch, 0] = k
            changes[ch, 1:2 * k + 1:2] = ticks
            changes[ch, 2:2 * k + 2:2] = rng.random(k)
        frames.append(changes)
        counts.append(735 if f % 3 else 736)
    fast = _band_limited(frames, counts, False)
    assert np.abs(fast).max() > 0.1
    assert np.array_equal(fast, _band_limited(frames, counts, True))
