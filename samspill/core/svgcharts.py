"""Charts as SVG on the server, from the same `chart_spec` the web pages give Chart.js.

PDFs cannot run charts.js, so `chart_svg(spec, ...)` draws the spec (`samspill.core.charts`) as a
small static SVG: lines or grouped bars, years and dates on a true time axis (2026 → 2030 is four
steps wide), value ticks and dates written for the language by `samspill.core.numbers`
(345 000 and 95,0 in Norwegian, 345,000 and 95.0 in English), an axis title, a legend, and a
title and description (`<title>`/`<desc>`: the alt text). Lines differ by dash pattern as well
as colour. Templates put it in a `<figure>` with the same numbers in a table beside it (the
data-table fallback). No JavaScript, no fonts or files fetched: text is drawn with the
document's own font.
"""

import datetime
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from django.utils.safestring import mark_safe

from samspill.core.numbers import format_date, format_number

PALETTE = ("#1e4b7a", "#c05621", "#2f855a", "#6b46c1", "#b7791f", "#2c7a7b", "#9b2c2c", "#4a5568")
DASHES = ("", "6 3", "2 3", "8 3 2 3")
FONT = "Inter, sans-serif"
MS_PER_DAY = 86_400_000


@dataclass(frozen=True)
class _Series:
    label: str
    points: list[tuple[float, float]]  # (x, y); x = position on the axis (numeric or index)


def nice_step(span: float, target_ticks: int = 5) -> float:
    """A round tick step (1, 2, 2.5 or 5 × 10^k) giving about `target_ticks` intervals."""
    if span <= 0 or not math.isfinite(span):
        return 1.0
    raw = span / max(target_ticks, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return float(factor * magnitude)
    return float(10 * magnitude)  # pragma: no cover - the loop always returns


def value_ticks(low: float, high: float, *, from_zero: bool = False) -> list[float]:
    """Round tick values covering low..high (including zero when `from_zero`)."""
    if from_zero:
        low, high = min(low, 0.0), max(high, 0.0)
    if low == high:
        low, high = (low - 1, high + 1) if low == 0 else (low * 0.9, high * 1.1)
        low, high = min(low, high), max(low, high)
    step = nice_step(high - low)
    start = math.floor(low / step) * step
    ticks = []
    value = start
    while value < high + step * 0.999:
        ticks.append(round(value, 10))
        value += step
    return ticks


def _decimals_for(step: float) -> int:
    if step >= 1:
        return 0
    return min(4, max(0, -math.floor(math.log10(step) + 1e-9)))


def _date_of(ms: float) -> datetime.date:
    return datetime.datetime.fromtimestamp(ms / 1000, datetime.UTC).date()


def _ms_of(day: datetime.date) -> float:
    return datetime.datetime.combine(day, datetime.time(12), datetime.UTC).timestamp() * 1000


def time_ticks(low: float, high: float, kind: str, language: str) -> list[tuple[float, str]]:
    """(position, label) ticks on a true time axis: whole years, or the first and last date."""
    if kind == "year":
        first, last = math.ceil(low), math.floor(high)
        step = max(1, math.ceil((last - first + 1) / 8))
        return [(float(year), str(year)) for year in range(first, last + 1, step)]
    first_day, last_day = _date_of(low), _date_of(high)
    if last_day.year - first_day.year >= 2:
        first_year = first_day.year if first_day.timetuple().tm_yday == 1 else first_day.year + 1
        years = range(first_year, last_day.year + 1)
        step = max(1, math.ceil(len(years) / 7))
        return [(_ms_of(datetime.date(y, 1, 1)), str(y)) for y in list(years)[::step]]
    return [
        (low, format_date(first_day, language=language)),
        (high, format_date(last_day, language=language)),
    ]


def _series(spec: dict[str, Any]) -> tuple[str, list[_Series], list[str]]:
    extra = spec.get("samspill", {})
    kind = str(extra.get("x", "category"))
    data = spec.get("data", {})
    categories = [str(label) for label in data.get("labels", [])]
    result = []
    for dataset in data.get("datasets", []):
        points: list[tuple[float, float]] = []
        for index, item in enumerate(dataset.get("data", [])):
            if isinstance(item, dict):
                x, y = item.get("x"), item.get("y")
            else:
                x, y = index, item
            if x is None or y is None:
                continue
            points.append((float(x), float(y)))
        result.append(_Series(label=str(dataset.get("label", "")), points=points))
    return kind, result, categories


def _text(x: float, y: float, content: str, **attrs: Any) -> str:
    extra = "".join(f" {name.replace('_', '-')}={quoteattr(str(v))}" for name, v in attrs.items())
    return f'<text x="{x:.1f}" y="{y:.1f}"{extra}>{escape(content)}</text>'


def chart_svg(
    spec: dict[str, Any],
    *,
    title: str,
    description: str,
    language: str,
    width: int = 640,
    height: int = 300,
) -> str:
    """The chart of `spec` (from `chart_spec`) as an SVG document fragment, text in `language`.

    `title` is drawn above the plot and is the SVG's `<title>`; `description` is its `<desc>`
    (what the chart shows, for screen readers; the figure's table holds the numbers).
    """
    kind, series, categories = _series(spec)
    chart_type = spec.get("type", "line")
    scales = spec.get("options", {}).get("scales", {})
    from_zero = bool(scales.get("y", {}).get("beginAtZero")) or chart_type == "bar"
    y_title = str(scales.get("y", {}).get("title", {}).get("text", ""))
    values = [y for s in series for _, y in s.points]
    legend_rows = math.ceil(len(series) / 2) if len(series) > 1 else 0
    left, right, top = 78.0, 16.0, 34.0
    bottom = 34.0 + 18.0 * legend_rows
    plot_w, plot_h = width - left - right, height - top - bottom

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'font-family="{FONT}" font-size="11" aria-label={quoteattr(title)}>',
        f"<title>{escape(title)}</title>",
        f"<desc>{escape(description)}</desc>",
        _text(left, 18, title, font_size="13", font_weight="600", fill="#1a202c"),
    ]
    if not values:
        out.append('<rect x="0" y="0" width="0" height="0" fill="none"/>')
        out.append("</svg>")
        return "".join(out)

    ticks = value_ticks(min(values), max(values), from_zero=from_zero)
    low, high = ticks[0], ticks[-1]
    decimals = _decimals_for(ticks[1] - ticks[0]) if len(ticks) > 1 else 0

    def ypos(value: float) -> float:
        return top + plot_h - (value - low) / (high - low or 1) * plot_h

    # Value axis: grid lines and labels.
    for tick in ticks:
        y = ypos(tick)
        out.append(
            f'<line x1="{left:.1f}" y1="{y:.1f}" x2="{left + plot_w:.1f}" y2="{y:.1f}" '
            'stroke="#e2e8f0" stroke-width="1"/>'
        )
        label = format_number(tick, decimals, language=language)
        out.append(_text(left - 6, y + 4, label, text_anchor="end", fill="#4a5568"))
    if y_title:
        out.append(
            _text(
                14,
                top + plot_h / 2,
                y_title,
                text_anchor="middle",
                fill="#4a5568",
                transform=f"rotate(-90 14 {top + plot_h / 2:.1f})",
            )
        )

    # Category axis (bars) or a true time axis (lines over years or dates).
    axis_y = top + plot_h
    if kind == "category" or chart_type == "bar":
        count = max(len(categories), max((len(s.points) for s in series), default=0), 1)
        slot = plot_w / count
        bar_w = slot * 0.7 / max(len(series), 1)
        zero = ypos(max(low, 0.0))
        for index, label in enumerate(categories):
            out.append(_text(left + slot * (index + 0.5), axis_y + 14, label, text_anchor="middle"))
        for number, item in enumerate(series):
            color = PALETTE[number % len(PALETTE)]
            for x, y in item.points:
                bar_x = left + slot * x + slot * 0.15 + bar_w * number
                top_y, bottom_y = min(ypos(y), zero), max(ypos(y), zero)
                out.append(
                    f'<rect x="{bar_x:.1f}" y="{top_y:.1f}" width="{bar_w:.1f}" '
                    f'height="{bottom_y - top_y:.1f}" fill="{color}"/>'
                )
    else:
        xs = [x for s in series for x, _ in s.points]
        x_low, x_high = min(xs), max(xs)
        if x_low == x_high:
            pad = 0.5 if kind == "year" else 180 * MS_PER_DAY
            x_low, x_high = x_low - pad, x_high + pad

        def xpos(value: float) -> float:
            return left + (value - x_low) / (x_high - x_low) * plot_w

        for position, label in time_ticks(x_low, x_high, kind, language):
            x = xpos(position)
            out.append(
                f'<line x1="{x:.1f}" y1="{axis_y:.1f}" x2="{x:.1f}" y2="{axis_y + 4:.1f}" '
                'stroke="#4a5568" stroke-width="1"/>'
            )
            out.append(_text(x, axis_y + 16, label, text_anchor="middle"))
        for number, item in enumerate(series):
            color = PALETTE[number % len(PALETTE)]
            dash = DASHES[number % len(DASHES)]
            coords = " ".join(f"{xpos(x):.1f},{ypos(y):.1f}" for x, y in sorted(item.points))
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            out.append(
                f'<polyline points="{coords}" fill="none" stroke="{color}" '
                f'stroke-width="2"{dash_attr}/>'
            )
            out.extend(
                f'<circle cx="{xpos(x):.1f}" cy="{ypos(y):.1f}" r="2.5" fill="{color}"/>'
                for x, y in item.points
            )
    out.append(
        f'<line x1="{left:.1f}" y1="{axis_y:.1f}" x2="{left + plot_w:.1f}" y2="{axis_y:.1f}" '
        'stroke="#4a5568" stroke-width="1"/>'
    )

    # Legend under the axis, two entries a row.
    if legend_rows:
        for number, item in enumerate(series):
            row, column = divmod(number, 2)
            x = left + column * plot_w / 2
            y = axis_y + 34 + row * 18
            color = PALETTE[number % len(PALETTE)]
            dash = DASHES[number % len(DASHES)] if chart_type != "bar" else ""
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            out.append(
                f'<line x1="{x:.1f}" y1="{y - 4:.1f}" x2="{x + 22:.1f}" y2="{y - 4:.1f}" '
                f'stroke="{color}" stroke-width="3"{dash_attr}/>'
            )
            out.append(_text(x + 28, y, item.label, fill="#1a202c"))
    out.append("</svg>")
    return "".join(out)


def chart_rows(spec: dict[str, Any], *, language: str) -> tuple[list[str], list[list[str]]]:
    """The chart's numbers as a table (header, rows of formatted text): the figure's fallback."""
    kind, series, categories = _series(spec)
    decimals = int(spec.get("samspill", {}).get("decimals", 0))
    by_x: dict[float, dict[int, float]] = {}
    for number, item in enumerate(series):
        for x, y in item.points:
            by_x.setdefault(x, {})[number] = y
    rows = []
    for x in sorted(by_x):
        if kind == "year":
            label = str(int(x))
        elif kind == "date":
            label = format_date(_date_of(x), language=language)
        else:
            label = categories[int(x)] if int(x) < len(categories) else str(x)
        rows.append(
            [
                label,
                *(
                    format_number(by_x[x].get(n), decimals, language=language)
                    for n in range(len(series))
                ),
            ]
        )
    return [s.label for s in series], rows


def legend_labels(spec: dict[str, Any]) -> Sequence[str]:
    """The datasets' labels, in order."""
    return [str(dataset.get("label", "")) for dataset in spec.get("data", {}).get("datasets", [])]


@dataclass(frozen=True)
class ChartFigure:
    """A chart ready for a PDF template (`pdf/_chart.html`): SVG, caption and its numbers."""

    svg: str
    title: str
    description: str
    x_heading: str
    columns: list[str]
    rows: list[list[str]]


def chart_figure(
    spec: dict[str, Any], *, title: str, description: str, x_heading: str, language: str
) -> ChartFigure:
    """`spec` drawn as SVG with its numbers as a table, for `{% include "pdf/_chart.html" %}`."""
    columns, rows = chart_rows(spec, language=language)
    svg = chart_svg(spec, title=title, description=description, language=language)
    return ChartFigure(
        svg=mark_safe(svg),  # noqa: S308 - built here from escaped text only
        title=title,
        description=description,
        x_heading=x_heading,
        columns=columns,
        rows=rows,
    )
