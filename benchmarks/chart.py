"""Horizontal bar charts as PNG, drawn with pygame (already a dependency).

No plotting library: the suite's chart is a few panels of labelled bars, some
on a log scale, with the min-max of each figure as a whisker.  pygame draws
them on an off-screen surface (no display needed) and our own PNG writer
saves it, so the benchmarks need nothing beyond the emulator's own
dependencies.
"""
from __future__ import annotations

import math
import os
from dataclasses import dataclass, field

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
import numpy as np   # noqa: E402
import pygame        # noqa: E402

from emu.video.png import write_png   # noqa: E402

WIDTH = 960
LABEL_W = 330
BAR_H, GAP = 22, 8
INK, GRID, BG = (30, 30, 30), (215, 215, 215), (255, 255, 255)
COLOURS = [(70, 110, 190), (220, 120, 40), (60, 160, 90), (180, 60, 60), (130, 90, 170),
           (120, 120, 120)]


@dataclass
class Bar:
    label: str
    value: float
    low: float | None = None
    high: float | None = None
    colour: int = 0              # index into COLOURS
    note: str = ""               # printed after the bar, e.g. "193x C"


@dataclass
class Panel:
    title: str
    unit: str
    bars: list[Bar]
    log: bool = False
    lines: list[tuple[float, str]] = field(default_factory=list)   # reference lines


def _ticks(lo: float, hi: float, log: bool) -> list[float]:
    if log:
        return [10.0 ** e for e in range(math.floor(math.log10(lo)), math.ceil(math.log10(hi)) + 1)]
    step = 10 ** math.floor(math.log10(hi / 2)) if hi > 0 else 1
    return [step * k for k in range(0, int(hi / step) + 2)]


def _fmt(v: float) -> str:
    if v == 0:
        return "0"
    if abs(v) >= 1000 or abs(v) < 0.01:
        e = math.floor(math.log10(abs(v)))
        m = v / 10 ** e
        return f"1e{e}" if abs(m - 1) < 1e-9 else f"{m:.1f}e{e}"
    return f"{v:.3g}"


def draw(panels: list[Panel], title: str, subtitle: str, path: str) -> None:
    """Draw ``panels`` one under the other and save a PNG at ``path``."""
    pygame.font.init()
    big, font, small = (pygame.font.Font(None, s) for s in (30, 22, 18))
    height = 70 + sum(28 + len(p.bars) * (BAR_H + GAP) + 30 for p in panels) + 10
    surface = pygame.Surface((WIDTH, height))
    surface.fill(BG)
    surface.blit(big.render(title, True, INK), (16, 12))
    surface.blit(small.render(subtitle, True, INK), (16, 40))
    y = 70
    for panel in panels:
        y = _panel(surface, panel, y, font, small)
    rgb = np.ascontiguousarray(pygame.surfarray.array3d(surface).transpose(1, 0, 2))
    write_png(path, rgb)


def _panel(surface, panel: Panel, y: int, font, small) -> int:
    surface.blit(font.render(f"{panel.title} ({panel.unit})", True, INK), (16, y))
    y += 28
    values = [v for b in panel.bars for v in (b.value, b.low, b.high) if v]
    values += [v for v, _ in panel.lines]
    lo = min(values) / 2 if panel.log else 0.0
    hi = max(values) * (2 if panel.log else 1.1)
    x0, x1 = LABEL_W, WIDTH - 110

    def xpos(v: float) -> int:
        if panel.log:
            return x0 + int((math.log10(v) - math.log10(lo)) / (math.log10(hi) - math.log10(lo))
                            * (x1 - x0))
        return x0 + int(v / hi * (x1 - x0))

    top, bottom = y, y + len(panel.bars) * (BAR_H + GAP)
    for t in _ticks(lo if panel.log else 1, hi, panel.log):
        if (panel.log and not lo <= t <= hi) or t > hi:
            continue
        x = xpos(t)
        pygame.draw.line(surface, GRID, (x, top - 2), (x, bottom))
        label = small.render(_fmt(t), True, INK)
        surface.blit(label, (x - label.get_width() // 2, bottom + 3))
    for b in panel.bars:
        surface.blit(font.render(b.label, True, INK), (16, y + 3))
        pygame.draw.rect(surface, COLOURS[b.colour % len(COLOURS)],
                         (x0, y, max(1, xpos(b.value) - x0), BAR_H))
        if b.low and b.high:
            cy = y + BAR_H // 2
            pygame.draw.line(surface, INK, (xpos(b.low), cy), (xpos(b.high), cy), 2)
            for v in (b.low, b.high):
                pygame.draw.line(surface, INK, (xpos(v), cy - 5), (xpos(v), cy + 5), 2)
        note = small.render(b.note or _fmt(b.value), True, INK)
        right = xpos(max(b.value, b.high or 0))          # after the whisker, not under it
        surface.blit(note, (min(right + 8, WIDTH - note.get_width() - 4), y + 5))
        y += BAR_H + GAP
    for v, text in panel.lines:
        x = xpos(v)
        pygame.draw.line(surface, (200, 0, 0), (x, top - 6), (x, bottom), 2)
        label = small.render(text, True, (200, 0, 0))
        surface.blit(label, (min(x + 4, WIDTH - label.get_width() - 4), top - 16))
    return y + 30
