"""One job ratio (arbeidsplassdekning) everywhere: the statistics and the analyses pages agree.

Before, the statistics page divided by employed residents from SSB 11618 and the analyses page
by the row sums of the commuting matrix (SSB 03321, without people working offshore, on Svalbard
or at an unknown place), so the same area and year showed two different numbers.
"""

import csv
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from samspill.core.numbers import format_number
from tests.conftest import SHARED_DIR

pytestmark = pytest.mark.django_db

TOTALS = SHARED_DIR / "data" / "pendling" / "kommune_sysselsatte_11618_2017_2022.csv"
LABEL = "Arbeidsplassdekning"


def _raw_job_ratio(numbers: set[str], year: int) -> float:
    """Σ employed by workplace / Σ employed by residence (15–74), straight from the 11618 file."""
    jobs = residents = 0.0
    with TOTALS.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if int(row["aar"]) == year and row["knr"] in numbers:
                jobs += float(row["sysselsatte_15_74_arbeidssted"])
                residents += float(row["sysselsatte_15_74_bosted"])
    return jobs / residents


class _Tables(HTMLParser):
    """Every table of a page as a list of rows of cell texts."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self.tables:
            self.tables[-1][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _tables(html: str) -> list[list[list[str]]]:
    parser = _Tables()
    parser.feed(html)
    return parser.tables


def _statistics_page_ratio(html: str, year: int) -> str:
    for table in _tables(html):
        if table and table[0][-1] == LABEL and table[0][0] == "År":
            return next(row[-1] for row in table[1:] if row[0] == str(year))
    raise AssertionError("no job ratio table on the statistics page")


def _analyses_page_ratio(html: str, year: int) -> str:
    for table in _tables(html):
        if table and table[0][0] == "Indikator":
            column = table[0].index(str(year))
            return next(row[column] for row in table[1:] if row[0].startswith(LABEL))
    raise AssertionError("no commuting table on the analyses page")


def test_the_statistics_and_analyses_pages_show_the_same_job_ratio_for_a_region(client):
    year = 2022  # the raw file's numbers of 2020-2023 are today's for these members
    from samspill.regions.models import Region
    from samspill.regions.selectors import region_members

    region = Region.objects.get(slug="trondheimsregionen")
    numbers = {member.municipality.number for member in region_members(region=region)}
    statistics = client.get(reverse("stats:region-dashboard", args=[region.slug])).text
    analyses = client.get(reverse("analyses:region-analyses", args=[region.slug])).text

    expected = format_number(_raw_job_ratio(numbers, year), 2)
    assert _statistics_page_ratio(statistics, year) == expected
    assert _analyses_page_ratio(analyses, year) == expected


def test_the_statistics_and_analyses_pages_show_the_same_job_ratio_for_a_municipality(client):
    statistics = client.get(reverse("stats:municipality-dashboard", args=["5028"])).text
    analyses = client.get(reverse("analyses:municipality-analyses", args=["5028"])).text

    expected = format_number(_raw_job_ratio({"5028"}, 2022), 2)
    assert _statistics_page_ratio(statistics, 2022) == expected
    assert _analyses_page_ratio(analyses, 2022) == expected


def test_the_job_ratio_divides_by_the_employed_residents_of_11618_not_the_matrix_rows():
    from samspill.analyses.area import area_for_municipality, commuting_analysis
    from samspill.regions.models import Municipality

    # The matrix's employed residents lack people working offshore, on Svalbard or unknown.
    result = commuting_analysis(
        area=area_for_municipality(municipality=Municipality.objects.get(number="5001"))
    )

    assert result is not None
    row = result.indicators.set_index("year").loc[2022]
    assert row["job_ratio"] == pytest.approx(_raw_job_ratio({"5001"}, 2022))
    assert row["job_ratio"] != pytest.approx(row["jobs"] / row["employed_residents"])
