"""Server-rendered charts: plain geometry for an inline SVG, so the trend reads without
JavaScript (and without inline styles, which the Content-Security-Policy forbids)."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

WIDTH = 640
HEIGHT = 240
LEFT = 48
RIGHT = 16
TOP = 16
BOTTOM = 40


@dataclass
class Tick:
    position: float
    label: str


@dataclass
class LineChart:
    width: int
    height: int
    points: str  # the polyline's "x,y x,y …"
    dots: list[tuple[float, float]]
    x_ticks: list[Tick] = field(default_factory=list)
    y_ticks: list[Tick] = field(default_factory=list)
    baseline_y: float = 0.0
    left: int = LEFT
    right_edge: int = WIDTH - RIGHT
    empty: bool = False


def _nice_top(value: int) -> int:
    """A round number at or above `value` for the top of the y axis."""
    if value <= 5:
        return 5
    magnitude = 10 ** int(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        top = step * magnitude
        if top >= value:
            return int(math.ceil(top))
    return value  # pragma: no cover


def line_chart(
    values: list[tuple[dt.date, int]], *, start: dt.date, end: dt.date, max_dots: int = 40
) -> LineChart:
    """A line of `values` (date, number) between `start` and `end`, with month ticks along the
    bottom and three ticks up the side. Dots mark each value when there are few of them."""
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM
    span = max((end - start).days, 1)
    top = _nice_top(max((value for _day, value in values), default=0))

    def x(day: dt.date) -> float:
        return round(LEFT + plot_width * ((day - start).days / span), 1)

    def y(value: int) -> float:
        return round(TOP + plot_height * (1 - value / top), 1)

    coordinates = [(x(day), y(value)) for day, value in values]
    chart = LineChart(
        width=WIDTH,
        height=HEIGHT,
        points=" ".join(f"{cx},{cy}" for cx, cy in coordinates),
        dots=coordinates if len(coordinates) <= max_dots else [],
        baseline_y=y(0),
        empty=not values,
    )
    chart.y_ticks = [Tick(y(v), f"{v:,}") for v in (0, top // 2, top)]
    month = dt.date(start.year, start.month, 1)
    while month <= end:
        if month >= start:
            chart.x_ticks.append(Tick(x(month), month.strftime("%b %y")))
        month = dt.date(month.year + (month.month // 12), month.month % 12 + 1, 1)
    return chart
