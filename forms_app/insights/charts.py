"""Charts as inline SVG, drawn here in Python: no JavaScript, no library, no style attribute (the app's
Content-Security-Policy allows none; presentation attributes only).

* ``bars``: horizontal bars, one group per label and one bar per series, the value written after
  each bar ("fewer than 5" where the table masks it, and no bar);
* ``lines``: one line per series over the weeks, each point a circle with its ``<title>``; a masked
  point breaks the line. Series differ by colour and by dash pattern (never colour alone).

Every chart is ``role="img"`` named by its ``<title>`` and described by a ``<desc>`` that summarises
it in words (``summary``); the table beside it holds every value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from guichet.formats import format_number
from guichet.words import gettext

COLOURS = ("#1d4f91", "#a34700", "#5b2a86")  # each 3:1 or more against white (WCAG 1.4.11)
DASHES = ("", "8 4", "2 3")
WIDTH = 720
LABEL_W = 250
BAR_H = 18
LEGEND_ROW = 20
LABEL_MAX = 38  # characters of a label drawn (the <title> and the table keep all of it)


@dataclass
class Series:
    name: str
    values: list[int | None]  # None: masked or no data (no bar, a break in the line)


@dataclass
class Chart:
    kind: str  # "bars" or "lines"
    title: str
    labels: list[str]
    series: list[Series]
    lang: str
    unit: str = ""  # written after each value ("%")
    id: str = field(default="chart")

    def value_text(self, value: int | None) -> str:
        if value is None:
            return gettext(self.lang, "fewer than 5 or no data")
        return format_number(value, self.lang) + (("\u00a0" if self.lang == "fr" else "") + self.unit if self.unit else "")

    def summary(self) -> str:
        """The chart in words: for each series, its highest and lowest value (bars) or its first and last (lines)."""
        parts = [self.title + "."]
        for s in self.series:
            known = [(v, label) for v, label in zip(s.values, self.labels) if v is not None]
            if not known:
                continue
            if self.kind == "lines":
                (first, at), (last, to) = known[0], known[-1]
                parts.append(gettext(self.lang, "{series}: {first} ({start}) to {last} ({end}).", series=s.name,
                                     first=self.value_text(first), start=at, last=self.value_text(last), end=to))
            else:
                high, low = max(known, key=lambda k: k[0]), min(known, key=lambda k: k[0])
                parts.append(gettext(self.lang, "{series}: highest {high} ({high_label}), lowest {low} ({low_label}).",
                                     series=s.name, high=self.value_text(high[0]), high_label=high[1],
                                     low=self.value_text(low[0]), low_label=low[1]))
        parts.append(gettext(self.lang, "Every value is in the table that follows."))
        return " ".join(parts)

    def svg(self, chart_id: str) -> str:
        return _bars(self, chart_id) if self.kind == "bars" else _lines(self, chart_id)


def _short(label: str) -> str:
    return label if len(label) <= LABEL_MAX else label[:LABEL_MAX - 1] + "…"


def _open(chart: Chart, chart_id: str, height: int) -> list[str]:
    return [f'<svg xmlns="http://www.w3.org/2000/svg" class="gx-chart" role="img" viewBox="0 0 {WIDTH} {height}" '
            f'width="100%" aria-labelledby="{chart_id}-title {chart_id}-desc" font-size="13" font-family="inherit">',
            f'<title id="{chart_id}-title">{escape(chart.title)}</title>',
            f'<desc id="{chart_id}-desc">{escape(chart.summary())}</desc>']


def _legend(chart: Chart, x: int, lines: bool = False) -> list[str]:
    """One row per series at the top (``LEGEND_ROW`` each): its colour, and for lines its dash pattern."""
    if len(chart.series) < 2:
        return []
    out = []
    for i, s in enumerate(chart.series):
        y = 4 + i * LEGEND_ROW
        if lines:
            dash = f' stroke-dasharray="{DASHES[i % 3]}"' if DASHES[i % 3] else ""
            out.append(f'<line x1="{x}" y1="{y + 7}" x2="{x + 28}" y2="{y + 7}" stroke="{COLOURS[i % 3]}" stroke-width="3"{dash}/>')
        else:
            out.append(f'<rect x="{x}" y="{y}" width="14" height="14" fill="{COLOURS[i % 3]}"/>')
        out.append(f'<text class="gx-chart__legend" x="{x + 36}" y="{y + 12}" fill="#222">{escape(s.name)}</text>')
    return out


def _top(chart: Chart) -> int:
    return 8 + LEGEND_ROW * len(chart.series) if len(chart.series) > 1 else 4


def _bars(chart: Chart, chart_id: str) -> str:
    top = _top(chart)
    group = len(chart.series) * (BAR_H + 2) + 10
    height = top + group * len(chart.labels) + 4
    known = [v for s in chart.series for v in s.values if v is not None]
    scale = (WIDTH - LABEL_W - 110) / max(known + [1])
    out = _open(chart, chart_id, height) + _legend(chart, LABEL_W)
    for row, label in enumerate(chart.labels):
        y0 = top + row * group
        out.append('<g class="gx-chart__item">')
        out.append(f'<text class="gx-chart__label" x="{LABEL_W - 8}" y="{y0 + BAR_H - 4}" text-anchor="end" fill="#222">'
                   f'<title>{escape(label)}</title>{escape(_short(label))}</text>')
        for i, s in enumerate(chart.series):
            value = s.values[row]
            y = y0 + i * (BAR_H + 2)
            width = round((value or 0) * scale, 1)
            if value is not None:
                out.append(f'<rect class="gx-chart__bar" x="{LABEL_W}" y="{y}" width="{width}" height="{BAR_H}" '
                           f'fill="{COLOURS[i % 3]}"><title>{escape(s.name)}</title></rect>')
            out.append(f'<text class="gx-chart__value gx-chart__value--{i}" x="{LABEL_W + width + 6}" y="{y + BAR_H - 4}" '
                       f'fill="#222">{escape(chart.value_text(value))}</text>')
        out.append("</g>")
    out.append("</svg>")
    return "\n".join(out)


def _lines(chart: Chart, chart_id: str) -> str:
    left, right, top, bottom = 60, 20, _top(chart) + 10, 50
    height = top + 250
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    known = [v for s in chart.series for v in s.values if v is not None]
    high = max(known + [1])
    n = len(chart.labels)

    def x(i: int) -> float:
        return round(left + (plot_w * i / (n - 1) if n > 1 else plot_w / 2), 1)

    def y(v: int) -> float:
        return round(top + plot_h - plot_h * v / high, 1)

    out = _open(chart, chart_id, height) + _legend(chart, left, lines=True)
    out.append(f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="#555"/>')
    for v in (0, high):
        out.append(f'<text class="gx-chart__tick" x="{left - 6}" y="{y(v) + 4}" text-anchor="end" fill="#222">'
                   f'{escape(format_number(v, chart.lang))}</text>')
    step = max(1, -(-n // 6))  # about six dates on the axis
    for i, label in enumerate(chart.labels):
        if i % step == 0 or i == n - 1:
            out.append(f'<text class="gx-chart__label" x="{x(i)}" y="{top + plot_h + 20}" text-anchor="middle" '
                       f'fill="#222">{escape(label)}</text>')
    for k, s in enumerate(chart.series):
        colour, dash = COLOURS[k % 3], DASHES[k % 3]
        run: list[str] = []
        runs = []
        for i, v in enumerate(s.values):
            if v is None:
                runs.append(run)
                run = []
            else:
                run.append(f"{x(i)},{y(v)}")
        runs.append(run)
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        for points in runs:
            if len(points) > 1:
                out.append(f'<polyline points="{" ".join(points)}" fill="none" stroke="{colour}" stroke-width="2.5"{dashed}/>')
        out.append(f'<g class="gx-chart__series gx-chart__series--{k}">')
        for i, v in enumerate(s.values):
            if v is not None:
                out.append(f'<circle class="gx-chart__point" cx="{x(i)}" cy="{y(v)}" r="4" fill="{colour}">'
                           f'<title>{escape(chart.labels[i])}: {escape(s.name)}: {escape(chart.value_text(v))}</title></circle>')
        out.append("</g>")
    out.append("</svg>")
    return "\n".join(out)
