"""Charts as data: the geometry of a bar chart, a stacked bar chart and a line chart, in
viewBox units, for `projecten/dashboard/chart.html` to print as inline SVG.

No JavaScript, no library: the server computes every rectangle and point, the template
only writes them out. A chart is a picture of the table beside it (the table is the
source for a screen reader); its `<title>` and `<desc>` say what it shows, and each bar
and point carries its value in a `<title>` for a pointer.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import mark_safe

WIDTH = 640
LABEL_WIDTH = 170  # room for a Smederij's name left of its bar
VALUE_ROOM = 90  # room for the value right of the longest bar
BAR = 16
GAP = 10
TOP = 8
# Series colours: each at least 3:1 against white (WCAG 1.4.11) and told apart by the
# legend's order and the value printed at each bar, never by colour alone.
SERIES = ("series-1", "series-2", "series-3", "series-4")


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    css: str
    title: str  # "label, series: value"
    value_x: float = 0
    value_y: float = 0
    value_text: str = ""


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str
    anchor: str = "end"


@dataclass(frozen=True)
class Line:
    css: str
    points: str
    dots: list[tuple[float, float, str]]  # x, y, title


@dataclass(frozen=True)
class Chart:
    kind: str  # "bars", "stacked" or "line"
    title: str
    desc: str
    view_box: str
    height: float
    bars: list[Bar] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    grid: list[tuple[float, float, float, float]] = field(default_factory=list)
    legend: list[tuple[str, str]] = field(default_factory=list)  # (css, series name)

    @property
    def marks(self) -> str:
        """The grid, bars, lines, dots and labels as SVG markup, escaped; numbers with a
        decimal point whatever the language. Written here, not by the template engine:
        a page draws some two thousand marks (decision 0033)."""
        out = []
        for x1, y1, x2, y2 in self.grid:
            out.append(f'<line class="dash-chart__grid" x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}"/>')
        for bar in self.bars:
            out.append(
                f'<rect class="dash-chart__mark dash-chart__mark--{bar.css}" x="{bar.x}" '
                f'y="{bar.y}" width="{bar.width}" height="{bar.height}">'
                f"<title>{escape(bar.title)}</title></rect>"
            )
            if bar.value_text:
                out.append(
                    f'<text class="dash-chart__value" x="{bar.value_x}" y="{bar.value_y}">'
                    f"{escape(bar.value_text)}</text>"
                )
        for line in self.lines:
            out.append(
                f'<polyline class="dash-chart__line dash-chart__line--{line.css}" '
                f'points="{line.points}"/>'
            )
            for x, y, title in line.dots:
                out.append(
                    f'<circle class="dash-chart__dot dash-chart__mark--{line.css}" cx="{x}" '
                    f'cy="{y}" r="4"><title>{escape(title)}</title></circle>'
                )
        for label in self.labels:
            out.append(
                f'<text class="dash-chart__label" x="{label.x}" y="{label.y}" '
                f'text-anchor="{label.anchor}">{escape(label.text)}</text>'
            )
        # Every text was escaped above; the rest are numbers and our own class names.
        return mark_safe("".join(out))  # noqa: S308  # nosec B308 B703


def _number(value) -> float:
    return float(value or 0)


def bar_chart(
    *,
    title: str,
    desc: str,
    categories: list[str],
    series: list[tuple[str, list]],
    fmt=str,
) -> Chart:
    """Horizontal bars: one group a category, one bar a series in it."""
    per_group = len(series) * BAR + GAP
    height = TOP * 2 + per_group * len(categories)
    top = max((_number(v) for _, values in series for v in values), default=0) or 1
    room = WIDTH - LABEL_WIDTH - VALUE_ROOM
    bars, labels = [], []
    for i, category in enumerate(categories):
        y0 = TOP + i * per_group
        labels.append(Label(LABEL_WIDTH - 6, y0 + len(series) * BAR / 2 + 5, category))
        for j, (name, values) in enumerate(series):
            value = values[i]
            width = max(_number(value) / top * room, 0)
            y = y0 + j * BAR
            bars.append(
                Bar(
                    x=LABEL_WIDTH,
                    y=y + 1,
                    width=round(width, 1),
                    height=BAR - 2,
                    css=SERIES[j % len(SERIES)],
                    title=f"{category}, {name}: {fmt(value)}",
                    value_x=round(LABEL_WIDTH + width + 4, 1),
                    value_y=y + BAR - 3,
                    value_text=fmt(value),
                )
            )
    return Chart(
        kind="bars",
        title=title,
        desc=desc,
        view_box=f"0 0 {WIDTH} {height}",
        height=height,
        bars=bars,
        labels=labels,
        legend=[(SERIES[j % len(SERIES)], name) for j, (name, _) in enumerate(series)]
        if len(series) > 1
        else [],
    )


def stacked_bar_chart(
    *,
    title: str,
    desc: str,
    categories: list[str],
    series: list[tuple[str, list]],
    fmt=str,
) -> Chart:
    """Horizontal bars of parts that add up: one bar a category, one segment a series."""
    per_group = BAR + 4 + GAP
    height = TOP * 2 + per_group * len(categories)
    totals = [
        sum((_number(values[i]) for _, values in series), 0.0) for i in range(len(categories))
    ]
    top = max(totals, default=0) or 1
    room = WIDTH - LABEL_WIDTH - VALUE_ROOM
    bars, labels = [], []
    for i, category in enumerate(categories):
        y = TOP + i * per_group
        labels.append(Label(LABEL_WIDTH - 6, y + BAR / 2 + 7, category))
        x = float(LABEL_WIDTH)
        for j, (name, values) in enumerate(series):
            width = max(_number(values[i]) / top * room, 0)
            bars.append(
                Bar(
                    x=round(x, 1),
                    y=y,
                    width=round(width, 1),
                    height=BAR + 4,
                    css=SERIES[j % len(SERIES)],
                    title=f"{category}, {name}: {fmt(values[i])}",
                )
            )
            x += width
        labels.append(Label(round(x + 4, 1), y + BAR / 2 + 7, fmt(_total(series, i)), "start"))
    return Chart(
        kind="stacked",
        title=title,
        desc=desc,
        view_box=f"0 0 {WIDTH} {height}",
        height=height,
        bars=bars,
        labels=labels,
        legend=[(SERIES[j % len(SERIES)], name) for j, (name, _) in enumerate(series)],
    )


def _total(series, i):
    values = [values[i] for _, values in series]
    if any(isinstance(v, Decimal) for v in values):
        return sum((Decimal(v or 0) for v in values), Decimal(0))
    return sum(v or 0 for v in values)


def line_chart(
    *,
    title: str,
    desc: str,
    x_labels: list[str],
    series: list[tuple[str, list]],
    fmt=str,
) -> Chart:
    """Lines over the years: one point a year, one line a series, from zero up."""
    height = 260
    left, right, top_y, bottom = 80, WIDTH - 20, 16, height - 40
    top = max((_number(v) for _, values in series for v in values), default=0) or 1
    n = max(len(x_labels) - 1, 1)

    def x_of(i):
        return round(left + (right - left) * i / n, 1)

    def y_of(value):
        return round(bottom - (bottom - top_y) * _number(value) / top, 1)

    grid, labels = [], []
    for step in range(5):
        value = top * step / 4
        y = y_of(value)
        grid.append((left, y, right, y))
        labels.append(Label(left - 6, y + 5, fmt(_like(series, value))))
    every = max(1, len(x_labels) // 10)
    last = len(x_labels) - 1
    for i, text in enumerate(x_labels):
        # Every `every`-th year and the last, unless the last would touch the one before.
        if (i % every == 0 and not (i != last and last - i < every)) or i == last:
            labels.append(Label(x_of(i), bottom + 22, text, "middle"))
    lines = []
    for j, (name, values) in enumerate(series):
        points = [(x_of(i), y_of(v)) for i, v in enumerate(values)]
        lines.append(
            Line(
                css=SERIES[j % len(SERIES)],
                points=" ".join(f"{x},{y}" for x, y in points),
                dots=[
                    (x, y, f"{x_labels[i]}, {name}: {fmt(values[i])}")
                    for i, (x, y) in enumerate(points)
                ],
            )
        )
    return Chart(
        kind="line",
        title=title,
        desc=desc,
        view_box=f"0 0 {WIDTH} {height}",
        height=height,
        lines=lines,
        labels=labels,
        grid=grid,
        legend=[(SERIES[j % len(SERIES)], name) for j, (name, _) in enumerate(series)],
    )


def _like(series, value: float):
    """A grid value in the type of the data, so `fmt` formats it as it formats the data."""
    sample = next((v for _, values in series for v in values if v is not None), 0)
    if isinstance(sample, Decimal):
        return Decimal(round(value))
    if isinstance(sample, int):
        return round(value)
    return round(value, 1)
