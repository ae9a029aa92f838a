"""The Mockingboard's AY-3-8910s (emu.mockingboard.ay) and their sound, against the data sheet.

Where the expectations come from (General Instrument AY-3-8910 data sheet):

* the register map and widths, and the bus functions of BDIR/BC1 with BC2
  high (inactive, read, write, latch address), the chip answering only
  addresses 0-15, /RESET clearing every register;
* tone f = clock / (16 TP); noise shifted at clock / (16 NP); envelope of 16
  steps at clock / (256 EP), each shape as the data sheet draws it (the
  slow model ``envelope_reference`` below is those drawings, step by step);
* the logarithmic DAC: 3 dB a level;
* the noise source: a 17-bit shift register with taps at bits 0 and 3
  (``lfsr_reference``), which repeats after 2**17 - 1 shifts.

The clock is the Apple's CPU clock (the Mockingboard feeds the AYs the bus's
phase 2), 1,020,484 Hz on average.  Sound is measured from the samples the
machine makes (``emu.audio.Mixer``: 44.1 kHz stereo, AY A left, AY B right).
"""
from __future__ import annotations

import numpy as np
import pytest

from emu import bus
from emu.audio import Mixer
from emu.cpu import state as cpu_state
from emu.machine import Apple2
from emu.mockingboard import ay

from test_via import BASE, DDRA, DDRB, ORA, ORB, lda, machine, run, set_reg, sta_zp

CPU_HZ = bus.CPU_HZ
RATE = 44100
FRAME = bus.CYCLES_PER_FRAME


# --- slow models from the data sheet ---------------------------------------------------

SHAPES = {   # CONT ATT ALT HOLD: the first ramp, then what the drawing shows after it
    8: ("down", "down again"), 9: ("down", "low"), 10: ("down", "alternate"),
    11: ("down", "high"), 12: ("up", "up again"), 13: ("up", "high"),
    14: ("up", "alternate"), 15: ("up", "low"),
}


def envelope_reference(shape: int, step: int) -> int:
    """The envelope level at step ``step`` after writing R13 = ``shape`` (data sheet drawings)."""
    first, after = ("down", "low") if shape < 4 else ("up", "low") if shape < 8 else SHAPES[shape]
    ramp, i = divmod(step, 16)
    up = first == "up"
    if ramp > 0:
        if after == "low":
            return 0
        if after == "high":
            return 15
        if after == "alternate" and ramp % 2 == 1:
            up = not up
    return i if up else 15 - i


def lfsr_reference(shifts: int) -> list[int]:
    """The noise output (bit 0) after each shift of a 17-bit register seeded with 1."""
    r, out = 1, []
    for _ in range(shifts):
        r = (r >> 1) | (((r & 1) ^ ((r >> 3) & 1)) << 16)
        out.append(r & 1)
    return out


# --- the synthesizer alone: each tick (8 CPU cycles) -----------------------------------

def ticks(writes: list[tuple[int, int]], count: int) -> np.ndarray:
    """The chip's level at ticks 1 .. count-1 from power-on, the register writes (all in
    cycle 0) reaching tick 1 (out[0] is left 0)."""
    synth, log = 0, 64
    io = np.zeros(64 + 1 + 3 * len(writes), dtype=np.int64)
    ay.power_on(io, 40, synth)
    io[synth + ay.TICK] = 1
    for i, (reg, value) in enumerate(writes):
        io[log + 1 + 3 * i:log + 4 + 3 * i] = [0, reg, value]
    io[log] = len(writes)
    changes = np.zeros(2 * count + 64)
    ay.synthesize(io, synth, 0, log, len(writes), count, changes, True, ay.VOLUME)
    out = np.zeros(count)                       # each tick's level, from the changes
    for k in range(int(changes[0])):
        out[int(changes[1 + 2 * k]):] = changes[2 + 2 * k]
    return out


@pytest.mark.parametrize("shape", range(16))
def test_each_envelope_shape_tick_by_tick(shape):
    # Channel A: tone and noise off (so always on), level from the envelope,
    # EP = 1: a step every 2 ticks.  The write reaches tick 1.
    got = ticks([(7, 0x3F), (8, 0x10), (11, 1), (12, 0), (13, shape)], 1 + 2 * 80)
    want = [ay.VOLUME[envelope_reference(shape, (j + 1) // 2)] / 3 for j in range(2 * 80)]
    assert np.array_equal(got[1:], want)


def test_envelope_period_is_256_ep_clocks_a_cycle():
    ep = 37
    got = ticks([(7, 0x3F), (8, 0x10), (11, ep), (12, 0), (13, 8)], 1 + 3 * 32 * ep)
    steps = np.flatnonzero(np.diff(got[1:])) + 1        # ticks where the level changes
    assert set(np.diff(steps)) == {2 * ep}              # 16 EP clocks = 2 EP ticks a step


def test_volume_steps_are_3_db_each():
    levels = [ticks([(7, 0x3F), (8, n)], 4)[-1] for n in range(16)]
    assert levels[0] == 0
    for n in range(1, 15):
        assert 20 * np.log10(levels[n + 1] / levels[n]) == pytest.approx(3.0103, abs=1e-3)
    assert levels[15] == pytest.approx(1 / 3)            # one channel of three at full scale


def test_noise_is_the_17_bit_shift_register_at_16_np_clocks():
    np_ = 5
    got = ticks([(7, 0x37), (8, 15), (6, np_)], 1 + 2 * np_ * 3000)
    # a shift every 2 NP ticks, the first at tick 2 NP (counting from tick 1)
    bits = (got[2 * np_::2 * np_] > 0).astype(int)[:2999]
    assert bits.tolist() == lfsr_reference(2999)
    runs = np.diff(np.flatnonzero(np.diff(got[1:])))
    assert (runs % (2 * np_) == 0).all()


def test_noise_sequence_repeats_after_2_to_the_17_minus_1_shifts():
    seq = lfsr_reference(2 * 131071)
    assert seq[:131071] == seq[131071:]
    assert seq[:1000] != seq[1:1001]


def test_many_noise_shifts_at_once_land_where_shifting_one_at_a_time_does():
    # An idle card, or noise nobody hears, is caught up in jumps (powers of
    # the shift's matrix); the register must end where the data sheet's
    # shift register, stepped once a shift, ends.
    from numba import njit

    @njit
    def shift(lfsr, times):
        io = np.zeros(ay.SYNTH_SIZE, np.int64)
        io[ay.LFSR] = lfsr
        ay.shift_noise(io, 0, times)
        return io[ay.LFSR]

    rng = np.random.default_rng(11)
    for seed in [1, 0x1FFFF, 0x10000] + rng.integers(1, 1 << 17, 5).tolist():
        r, done = seed, 0
        for times in [0, 1, 63, 64, 65, 1000, 4097, 131071, 131072]:
            while done < times:
                r = (r >> 1) | (((r & 1) ^ ((r >> 3) & 1)) << 16)
                done += 1
            assert shift(seed, times) == r, (seed, times)
    assert shift(0, 12345) == 0                   # an empty register stays empty


def test_tone_toggles_every_tp_ticks_and_a_zero_period_acts_as_one():
    got = ticks([(7, 0x3E), (8, 15), (0, 10), (1, 0)], 200)
    edges = np.flatnonzero(np.diff(got))
    assert set(np.diff(edges)) == {10}
    got0 = ticks([(7, 0x3E), (8, 15), (0, 0), (1, 0)], 50)
    assert set(np.diff(np.flatnonzero(np.diff(got0)))) == {1}


def test_mixer_tone_and_noise_both_gate_a_channel():
    tone = ticks([(7, 0x3E), (8, 15), (0, 3)], 400)
    noise = ticks([(7, 0x37), (8, 15), (6, 1)], 400)
    both = ticks([(7, 0x36), (8, 15), (0, 3), (6, 1)], 400)
    assert np.array_equal(both > 0, (tone > 0) & (noise > 0))
    off = ticks([(7, 0x3F), (8, 15)], 10)
    assert (off[1:] == 1 / 3).all()                     # both disabled: steady level


# --- register access through the 6522, from 6502 programs --------------------------------

def ay_write(reg: int, value: int, chip: int = 0) -> bytes:
    """Latch the address, then write: ORA = reg, ORB = LATCH, ORB = INACTIVE, ORA = value,
    ORB = WRITE, ORB = INACTIVE (PB2 = /RESET kept high)."""
    return (set_reg(ORA, reg, chip) + set_reg(ORB, 0x07, chip) + set_reg(ORB, 0x04, chip)
            + set_reg(ORA, value, chip) + set_reg(ORB, 0x06, chip) + set_reg(ORB, 0x04, chip))


def ay_read(reg: int, into: int, chip: int = 0) -> bytes:
    """Latch the address, DDRA = inputs, ORB = READ, LDA ORA -> ``into``, restore."""
    return (set_reg(ORA, reg, chip) + set_reg(ORB, 0x07, chip) + set_reg(ORB, 0x04, chip)
            + set_reg(DDRA, 0x00, chip) + set_reg(ORB, 0x05, chip) + lda(BASE + 0x80 * chip + ORA)
            + sta_zp(into) + set_reg(ORB, 0x04, chip) + set_reg(DDRA, 0xFF, chip))


def setup(chip: int = 0) -> bytes:
    return set_reg(DDRA, 0xFF, chip) + set_reg(DDRB, 0x07, chip) + set_reg(ORB, 0x04, chip)


def test_registers_read_back_through_the_6522_with_their_widths():
    m = machine()
    code = setup()
    for reg in range(16):
        code += ay_write(reg, 0xFF)
    for reg in range(14):
        code += ay_read(reg, 0x80 + reg)
    run(m, code)
    widths = [0xFF, 0x0F, 0xFF, 0x0F, 0xFF, 0x0F, 0x1F, 0xFF, 0x1F, 0x1F, 0x1F, 0xFF, 0xFF, 0x0F]
    assert [int(m.mem[0x80 + r]) for r in range(14)] == widths
    assert m.card("mockingboard").registers(0)[:14] == widths


def test_two_chips_are_separate():
    m = machine()
    run(m, setup(0) + setup(1) + ay_write(0, 0x12, 0) + ay_write(0, 0x34, 1)
        + ay_read(0, 0xE0, 0) + ay_read(0, 0xE1, 1))
    assert [int(m.mem[0xE0]), int(m.mem[0xE1])] == [0x12, 0x34]


def test_an_address_above_15_deselects_the_chip():
    m = machine()
    run(m, setup() + ay_write(2, 0x55) + ay_write(0x12, 0xAA) + ay_read(0x12, 0xE0)
        + ay_read(2, 0xE1))
    assert int(m.mem[0xE0]) == 0xFF                      # nobody drives the bus: pulled up
    assert int(m.mem[0xE1]) == 0x55                      # R2 untouched
    assert m.card("mockingboard").registers(0)[2] == 0x55


def test_inactive_leaves_the_registers_and_the_bus_alone():
    m = machine()
    run(m, setup() + ay_write(3, 0x0A) + set_reg(ORA, 3) + set_reg(ORB, 0x04)
        + set_reg(ORA, 0x05) + set_reg(ORB, 0x04) + set_reg(DDRA, 0) + lda(BASE + ORA)
        + sta_zp(0xE0))
    assert m.card("mockingboard").registers(0)[3] == 0x0A
    assert int(m.mem[0xE0]) == 0xFF


def test_reset_line_clears_every_register():
    m = machine()
    run(m, setup() + ay_write(8, 0x0F) + ay_write(0, 0x77) + set_reg(ORB, 0x00)
        + set_reg(ORB, 0x04))
    assert m.card("mockingboard").registers(0) == [0] * 16


# --- the sound, as samples ---------------------------------------------------------------

def play(m: Apple2, code: bytes, frames: int) -> np.ndarray:
    """Run ``code`` (then JMP *) for ``frames`` frames; the stereo samples (n x 2 int16)."""
    from test_via import CODE
    code += bytes([0x4C, (CODE + len(code)) & 0xFF, (CODE + len(code)) >> 8])
    m.load(CODE, code)
    m.cpu.set_pc(CODE)
    return Mixer(m).run_frames(frames, render=False)


def tone_program(tp: int, level: int = 15, chip: int = 0) -> bytes:
    return (setup(chip) + ay_write(0, tp & 0xFF, chip) + ay_write(1, tp >> 8, chip)
            + ay_write(7, 0x3E, chip) + ay_write(8, level, chip))


def frequency(x: np.ndarray) -> float:
    """The strongest frequency, by the FFT peak refined with a parabola through its bins."""
    spec = np.abs(np.fft.rfft((x - x.mean()) * np.hanning(len(x))))
    k = int(np.argmax(spec[1:])) + 1
    a, b, c = np.log(spec[k - 1:k + 2])
    return (k + 0.5 * (a - c) / (a - 2 * b + c)) * RATE / len(x)


@pytest.mark.parametrize("tp", [72, 254, 1000])
def test_tone_frequency_measured_from_the_samples(tp):
    samples = play(machine(), tone_program(tp), 70)
    left, right = samples[4410:, 0].astype(float), samples[4410:, 1].astype(float)
    assert frequency(left) == pytest.approx(CPU_HZ / (16 * tp), rel=2e-3)
    assert np.abs(right).max() == 0                      # AY A is the left channel only


def test_chip_b_is_the_right_channel():
    samples = play(machine(), tone_program(300, chip=1), 30)
    assert np.abs(samples[2000:, 0]).max() == 0
    assert frequency(samples[2000:, 1].astype(float)) == pytest.approx(CPU_HZ / 4800, rel=3e-3)


def test_volume_steps_measured_from_the_samples():
    peaks = []
    for level in (15, 14, 13, 9):
        s = play(machine(), tone_program(300, level), 30)[4000:, 0].astype(float)
        peaks.append(np.percentile(s, 95) - np.percentile(s, 5))
    db = [20 * np.log10(p / peaks[0]) for p in peaks]
    assert db == pytest.approx([0, -3.01, -6.02, -18.06], abs=0.15)


def test_an_ultrasonic_tone_leaves_the_audible_band_silent():
    # TP = 2: a 31.9 kHz square wave.  Sampled without a low-pass it would
    # fold to 12.2 kHz at full strength.
    loud = play(machine(), tone_program(64), 30)[4000:, 0].astype(float)   # 996 Hz
    high = play(machine(), tone_program(2), 30)[4000:, 0].astype(float)
    ratio = np.sqrt(np.mean((high - high.mean()) ** 2) / np.mean((loud - loud.mean()) ** 2))
    assert 20 * np.log10(max(ratio, 1e-12)) < -60


def test_speaker_and_mockingboard_are_mixed():
    # the speaker toggled every 500 cycles, with chip A's tone: both in the left ear
    m = machine()
    click = bytes([0xAD, 0x30, 0xC0])                    # LDA $C030
    samples = play(m, tone_program(300) + click, 5)
    assert np.abs(samples[:, 1]).max() > 0               # the speaker's click reaches the right


# --- a save state mid-note -------------------------------------------------------------------

def test_a_save_state_mid_note_resumes_the_same_sound(tmp_path):
    # A note with an envelope decaying slowly (shape 9, EP = 2000): save in
    # the middle of it, then the same frames from the state sound the same.
    code = (setup() + setup(1) + ay_write(0, 200) + ay_write(7, 0x36) + ay_write(6, 7)
            + ay_write(8, 0x10) + ay_write(11, 2000 & 0xFF) + ay_write(12, 2000 >> 8)
            + ay_write(13, 9) + ay_write(2, 77, 1) + ay_write(7, 0x3D, 1) + ay_write(9, 12, 1))
    m = machine()
    play(m, code, 20)
    m.save_state(tmp_path / "note.npz")
    after = Mixer(m).run_frames(30, render=False)
    m2 = Apple2(rom=None)
    m2.load_state(tmp_path / "note.npz")
    again = Mixer(m2).run_frames(30, render=False)
    assert np.abs(after).max() > 1000
    assert np.array_equal(after, again)


def test_an_idle_card_is_never_more_than_a_second_of_ticks_behind(tmp_path):
    # Nobody writes or listens: the synthesizers may lag, but a save state made after
    # a long idle run loads (the loader refuses a tick far behind the CPU: its
    # catch-up could take minutes) and the lag stays under IDLE_TICKS plus a frame.
    from emu.mockingboard import card
    m = Apple2()
    m.run(frames=200)
    board = next(c for c in m._frame_cards if hasattr(c, "registers"))
    now = int(m.cpu.state[cpu_state.CYCLES]) // ay.CYCLES_PER_TICK
    tick = int(board.io[board._synth(0) + ay.TICK])
    assert 0 < now - tick <= card.IDLE_TICKS + bus.CYCLES_PER_FRAME // ay.CYCLES_PER_TICK
    m.save_state(tmp_path / "idle.npz")
    Apple2().load_state(tmp_path / "idle.npz")


# --- the command line ------------------------------------------------------------------

def test_headless_wav_records_the_homebrew_tune(tmp_path, capsys):
    # apple2 run roms/homebrew.dsk --headless, typing 4 at the menu: the tune
    # plays; the WAV holds its 44.1 kHz stereo sound, the melody on the left.
    import wave

    from emu import cli
    from emu.machine import FIRMWARE_FILE
    wav = tmp_path / "tune.wav"
    disk = FIRMWARE_FILE.with_name("homebrew.dsk")
    status = cli.main(["run", str(disk), "--write-protect", "--headless", "--seconds", "4",
                       "--type", "4", "--wav", str(wav)])
    assert status == 0, capsys.readouterr().err
    with wave.open(str(wav)) as w:
        assert (w.getnchannels(), w.getsampwidth(), w.getframerate()) == (2, 2, 44100)
        frames = round(4 * CPU_HZ / FRAME)               # whole frames: 4.005 s
        assert abs(w.getnframes() - frames * FRAME * RATE / CPU_HZ) < 2
        sound = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").reshape(-1, 2)
    assert np.abs(sound[:, 0]).max() > 3000 and np.abs(sound[:, 1]).max() > 3000


def test_wav_needs_headless(tmp_path, capsys):
    from emu import cli
    assert cli.main(["run", "--wav", str(tmp_path / "x.wav")]) == 2
    assert "--wav records a headless run" in capsys.readouterr().err
