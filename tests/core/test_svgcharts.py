"""Charts drawn as SVG on the server (for PDFs) from the same chart_spec as the web pages."""

import datetime
import re

from defusedxml import ElementTree as SafeTree

from samspill.core.charts import chart_spec
from samspill.core.svgcharts import chart_figure, chart_rows, chart_svg, nice_step, value_ticks

SVG = "{http://www.w3.org/2000/svg}"


def _texts(svg: str) -> list[str]:
    return [element.text or "" for element in SafeTree.fromstring(svg).iter(f"{SVG}text")]


def test_ticks_are_round_and_cover_the_values() -> None:
    assert nice_step(10) == 2
    assert nice_step(345_000) == 100_000
    ticks = value_ticks(168_401, 175_000)
    assert ticks[0] <= 168_401
    assert ticks[-1] >= 175_000
    assert value_ticks(3, 9, from_zero=True)[0] == 0


def test_a_year_axis_is_a_true_scale_with_language_formatted_values() -> None:
    spec = chart_spec(
        labels=[2020, 2021, 2030],
        datasets=[("Folketall", [345_000, 346_500.5, 360_000])],
        y_title="innbyggere",
        decimals=1,
    )
    svg = chart_svg(spec, title="Folketall", description="Linje", language="nb")
    root = SafeTree.fromstring(svg)
    texts = _texts(svg)

    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Folketall"
    assert root.find(f"{SVG}desc").text == "Linje"
    assert "innbyggere" in texts
    assert "350\u00a0000" in texts  # Norwegian grouping on the value axis
    points = root.find(f"{SVG}polyline").get("points").split()
    xs = [float(point.split(",")[0]) for point in points]
    # 2020 → 2021 is one step, 2021 → 2030 nine: a true time scale, not three even steps.
    assert abs((xs[2] - xs[1]) / (xs[1] - xs[0]) - 9) < 0.01
    english = _texts(chart_svg(spec, title="Population", description="Line", language="en"))
    assert "350,000" in english


def test_dates_and_the_legend() -> None:
    spec = chart_spec(
        labels=[datetime.date(2022, 1, 1), datetime.date(2024, 6, 30), datetime.date(2026, 12, 31)],
        datasets=[("Målinger", [800, 900, None]), ("Jevn vei mot målet", [800, None, 1000])],
        y_title="selskap",
        x_kind="date",
    )
    texts = _texts(chart_svg(spec, title="Selskap", description="Linje", language="nb"))
    assert {"2022", "2024", "2026"} <= set(texts)
    assert {"Målinger", "Jevn vei mot målet"} <= set(texts)  # the legend
    columns, rows = chart_rows(spec, language="nb")
    assert columns == ["Målinger", "Jevn vei mot målet"]
    assert rows[1] == ["30.06.2024", "900", "–"]
    assert chart_rows(spec, language="en")[1][1][0] == "30 June 2024"


def test_bars_by_category_and_text_is_escaped() -> None:
    spec = chart_spec(
        chart_type="bar",
        labels=["Bardu", "Salangen <&>"],
        datasets=[("Årsverk", [1.5, 0.2])],
        y_title="årsverk",
        x_kind="category",
        decimals=1,
    )
    svg = chart_svg(spec, title="Årsverk & kapasitet", description="Stolper", language="nb")
    root = SafeTree.fromstring(svg)  # well-formed despite < & > in the labels
    assert len(root.findall(f"{SVG}rect")) == 2
    assert "Salangen <&>" in _texts(svg)
    assert "0,5" in _texts(svg)
    assert not re.search(r"\d\.\d", " ".join(_texts(svg)))  # no raw decimals in Norwegian


def test_a_chart_without_values_is_still_a_valid_figure() -> None:
    spec = chart_spec(labels=[2020], datasets=[("Tom", [None])], y_title="x")
    figure = chart_figure(
        spec, title="Tom", description="Ingen data", x_heading="År", language="nb"
    )
    SafeTree.fromstring(str(figure.svg))
    assert figure.rows == []
