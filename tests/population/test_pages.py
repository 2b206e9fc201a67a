"""Population-structure pages, downloads, API, CLI and key figures, each figure recomputed from the
raw CSVs with the csv module (never with Samspill's own functions)."""

import csv
import io
import json
import re
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from tests.conftest import SHARED_DIR
from tests.population.conftest import GJOVIK, TRONDHEIMSREGIONEN, education_numbers, today_numbers

pytestmark = pytest.mark.django_db
DATA = SHARED_DIR / "data"


def _rows(*parts: str) -> list[dict[str, str]]:
    with DATA.joinpath(*parts).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _shown(value: float, decimals: int = 1) -> str:
    """Rounded half away from zero, Norwegian decimal comma (as CSV downloads write it)."""
    quantum = Decimal(1).scaleb(-decimals)
    return str(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP)).replace(".", ",")


def _export(client: Client, name: str, args: list[str], query: str = "") -> dict[str, list[str]]:
    response = client.get(reverse(f"population:{name}", args=args) + query)
    assert response.status_code == 200, response.content[:300]
    lines = response.content.decode("utf-8-sig").splitlines()
    return {row[0]: row for row in csv.reader(lines, delimiter=";") if row}


def _text(response: object) -> str:
    html = response.content.decode()  # type: ignore[attr-defined]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("\xa0", " ")


def test_pyramid_download_matches_the_raw_age_groups(client: Client, population_data: None) -> None:
    members = set(TRONDHEIMSREGIONEN)
    counts: dict[tuple[str, str], float] = defaultdict(float)
    for row in _rows("befolkning_alder", "befolkning_kommune_b2024_kjonn_5aar_2006_2026.csv"):
        if row["aar"] == "2024" and row["knr"] in members:
            counts[(row["kjonn"], row["aldersgruppe"])] += float(row["befolkning"])
    total = sum(counts.values())
    rows = _export(
        client, "region-export", ["trondheimsregionen", "alderspyramide", "csv"], "?ar=2024"
    )
    first = rows["0–4 år"]
    assert first[1:3] == [str(int(counts[("menn", "0-4")])), str(int(counts[("kvinner", "0-4")]))]
    assert first[3] == _shown(counts[("menn", "0-4")] / total * 100)
    oldest = rows["90+ år"]
    assert oldest[4] == _shown(counts[("kvinner", "90+")] / total * 100)


def test_dependency_ratios_match_the_raw_bands_for_the_region_and_norway(client: Client) -> None:
    members = set(TRONDHEIMSREGIONEN)
    local = [0.0, 0.0, 0.0]
    national = [0.0, 0.0, 0.0]
    for raw in _rows("befolkning", "befolkning_kommune_b2024_2006_2026.csv"):
        if raw["aar"] != "2026":
            continue
        values = [float(raw["alder_0_19"]), float(raw["alder_20_66"]), float(raw["alder_67_pluss"])]
        national = [a + b for a, b in zip(national, values, strict=True)]
        if raw["knr"] in members:
            local = [a + b for a, b in zip(local, values, strict=True)]
    row = _export(client, "region-export", ["trondheimsregionen", "forsorgerbrok", "csv"])["2026"]
    assert row[1] == str(int(local[1]))
    assert row[2] == _shown(local[2] / local[1] * 100)
    assert row[3] == _shown(national[2] / national[1] * 100)
    assert row[4] == _shown((local[0] + local[2]) / local[1] * 100)
    assert row[5] == _shown((national[0] + national[2]) / national[1] * 100)


def test_employment_rate_matches_the_raw_11618_file(client: Client) -> None:
    mapping = today_numbers()
    members = set(TRONDHEIMSREGIONEN)
    local, national = [0.0, 0.0], [0.0, 0.0]
    for raw in _rows("pendling", "kommune_sysselsatte_11618_2017_2022.csv"):
        if raw["aar"] != "2022":
            continue
        values = [float(raw["sysselsatte_15_74_bosted"]), float(raw["befolkning_15_74_bosted"])]
        national = [a + b for a, b in zip(national, values, strict=True)]
        if mapping.get(raw["knr"]) in members:
            local = [a + b for a, b in zip(local, values, strict=True)]
    row = _export(client, "region-export", ["trondheimsregionen", "sysselsettingsandel", "csv"])[
        "2022"
    ]
    assert row[1:3] == [str(int(local[1])), str(int(local[0]))]
    assert row[3] == _shown(local[0] / local[1] * 100)
    assert row[4] == _shown(national[0] / national[1] * 100)


def test_education_shares_match_the_raw_imdi_file(client: Client, population_data: None) -> None:
    loaded = education_numbers()
    levels: dict[tuple[str, str], dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for row in _rows("utdanning", "utdanningsniva_kommune_imdi_2011_2020.csv"):
        if row["bakgrunn"] != "Hele befolkningen" or row["knr"] not in loaded:
            continue
        place = "gjovik" if row["knr"] in {"0502", GJOVIK} else "rest"
        levels[(place, row["aar"])][row["utdanningsniva"]] += float(row["personer"])
        levels[("all", row["aar"])][row["utdanningsniva"]] += float(row["personer"])
    rows = _export(client, "municipality-export", [GJOVIK, "utdanning", "csv"])
    for year in ("2011", "2020"):
        mine, everyone = levels[("gjovik", year)], levels[("all", year)]
        assert rows[year][1] == str(int(mine["alle"]))
        assert rows[year][4] == _shown(mine["Universitet og høgskole"] / mine["alle"] * 100)
        assert rows[year][2] == _shown(mine["Grunnskole"] / mine["alle"] * 100)
        assert rows[year][-1] == _shown(
            everyone["Universitet og høgskole"] / everyone["alle"] * 100
        )


def test_region_key_figures_say_what_the_raw_data_says(client: Client) -> None:
    """Trondheimsregionen passed 310 000 during 2022; commuting out of Trondheim to the other
    members grew 14 % from 2017 to 2022 and into Trondheim 7 % (seed 001's kind of sentence)."""
    members = set(TRONDHEIMSREGIONEN)
    population: dict[str, float] = defaultdict(float)
    old: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for row in _rows("befolkning", "befolkning_kommune_b2024_2006_2026.csv"):
        if row["knr"] in members:
            population[row["aar"]] += float(row["befolkning"])
            old[row["aar"]][0] += float(row["alder_67_pluss"])
            old[row["aar"]][1] += float(row["befolkning"])
    assert population["2022"] < 310_000 <= population["2023"]
    mapping = today_numbers()
    flows = {"2017": [0.0, 0.0], "2022": [0.0, 0.0]}
    for year in flows:
        for row in _rows("pendling", f"pendling_03321_{year}.csv"):
            home, work = mapping.get(row["bosted_knr"]), mapping.get(row["arbeidssted_knr"])
            if home == "5001" and work in members and work != "5001":
                flows[year][0] += float(row["sysselsatte"])
            elif work == "5001" and home in members and home != "5001":
                flows[year][1] += float(row["sysselsatte"])
    out_change = (flows["2022"][0] - flows["2017"][0]) / flows["2017"][0] * 100
    in_change = (flows["2022"][1] - flows["2017"][1]) / flows["2017"][1] * 100
    text = _text(client.get(reverse("population:region-key-figures", args=["trondheimsregionen"])))
    assert "Trondheimsregionen passerte 310 000 innbyggere i løpet av 2022." in text
    start, end = (old[y][0] / old[y][1] * 100 for y in ("2016", "2026"))
    assert (
        f"som er 67 år eller eldre, økte fra {_shown(start)} prosent i 2016 til "
        f"{_shown(end)} prosent i 2026" in text
    )
    assert (
        "Pendlingen fra Trondheim - Tråante til de andre medlemskommunene økte med "
        f"{_shown(out_change, 0)} prosent fra 2017 til 2022" in text
    )
    assert (
        "Pendlingen inn til Trondheim - Tråante fra de andre medlemskommunene økte med "
        f"{_shown(in_change, 0)} prosent fra 2017 til 2022" in text
    )
    assert _shown(out_change, 0) == "14"
    assert _shown(in_change, 0) == "7"
    assert "Kilde: Statistisk sentralbyrå, tabell 03321" in text


def test_a_decline_is_said_with_faerre_never_a_negative_flere(client: Client) -> None:
    working: dict[str, dict[str, float]] = defaultdict(dict)
    for row in _rows("befolkning", "befolkning_kommune_b2024_2006_2026.csv"):
        if row["estimert_fordeling"] == "0":
            working[row["knr"]][row["aar"]] = float(row["alder_20_66"])
    number, years = next(
        (knr, years) for knr, years in sorted(working.items()) if years["2026"] < years["2016"]
    )
    decline = int(years["2016"] - years["2026"])
    text = _text(client.get(reverse("population:municipality-key-figures", args=[number])))
    assert re.search(
        rf"hadde {decline:,} færre innbyggere? i alderen 20–66 år".replace(",", " "), text
    )
    assert "-" + str(decline) not in text


def test_pages_show_charts_tables_sources_and_what_the_data_does_not_cover(
    client: Client, population_data: None
) -> None:
    response = client.get(reverse("population:region-structure", args=["trondheimsregionen"]))
    assert response.status_code == 200
    html = response.content.decode()
    for chart in ("alderspyramide", "forsorgerbrok", "sysselsettingsandel", "utdanning"):
        assert f'id="{chart}"' in html
        assert f'data-chart="chart-{chart}"' in html
    assert "IMDi / Statistisk sentralbyrå" in html
    assert "Hva tallene ikke dekker" in html
    page = client.get(reverse("population:municipality-structure", args=[GJOVIK]) + "?ar=2010")
    assert "1. januar 2010" in page.content.decode()


def test_without_age_groups_the_page_says_so_and_the_download_is_404(client: Client) -> None:
    response = client.get(reverse("population:municipality-structure", args=[GJOVIK]))
    assert response.status_code == 200
    assert "07459-befolkning-etter-kjonn-aldersgruppe" in response.content.decode()
    export = reverse("population:municipality-export", args=[GJOVIK, "alderspyramide", "csv"])
    assert client.get(export).status_code == 404
    former = reverse("population:municipality-structure", args=["0502"])
    assert client.get(former).status_code == 404


def test_region_and_municipality_pages_load_the_key_figures(client: Client) -> None:
    region = client.get(reverse("regions:region-detail", args=["trondheimsregionen"])).content
    assert reverse("population:region-key-figures", args=["trondheimsregionen"]).encode() in region
    municipality = client.get(reverse("regions:municipality-detail", args=[GJOVIK])).content
    assert reverse("population:municipality-key-figures", args=[GJOVIK]).encode() in municipality


def test_api_answers_the_same_figures_and_4xx_with_reasons(
    client: Client, population_data: None
) -> None:
    counts: dict[str, float] = defaultdict(float)
    for row in _rows("befolkning_alder", "befolkning_kommune_b2024_kjonn_5aar_2006_2026.csv"):
        if row["aar"] == "2024" and row["knr"] == GJOVIK:
            counts[f"{row['kjonn']} {row['aldersgruppe']}"] += float(row["befolkning"])
    response = client.get(f"/api/population/municipalities/{GJOVIK}?year=2024")
    assert response.status_code == 200
    body = json.loads(response.content)
    assert body["pyramid_year"] == 2024
    first = body["pyramid"][0]
    assert (first["age_group"], first["men"], first["women"]) == (
        "0-4",
        counts["menn 0-4"],
        counts["kvinner 0-4"],
    )
    assert sum(row["men"] + row["women"] for row in body["pyramid"]) == 30_903  # PROVENANCE
    assert [row["year"] for row in body["employment"]] == list(range(2017, 2023))
    wrong_year = client.get(f"/api/population/municipalities/{GJOVIK}?year=1990")
    assert wrong_year.status_code == 400
    assert "1990" in json.loads(wrong_year.content)["detail"]
    assert client.get("/api/population/municipalities/0502").status_code == 400
    assert client.get("/api/population/regions/finnes-ikke").status_code == 404


def test_cli_writes_the_same_table_as_the_download(population_data: None) -> None:
    out = io.StringIO()
    call_command("population_structure", GJOVIK, table="utdanning", stdout=out)
    lines = list(csv.reader(out.getvalue().splitlines(), delimiter=";"))
    assert lines[0][0] == "År"
    assert [line[0] for line in lines[1:]] == [str(year) for year in range(2011, 2021)]


def test_indicator_values_for_benchmarking_match_the_page(client: Client) -> None:
    from samspill.population.selectors import indicator_values
    from samspill.regions.models import Municipality

    ids = list(
        Municipality.objects.filter(number__in=TRONDHEIMSREGIONEN).values_list("pk", flat=True)
    )
    values = indicator_values(
        indicator="employment_rate", areas={"region": ids, "0": ()}, year=2022
    )
    row = _export(client, "region-export", ["trondheimsregionen", "sysselsettingsandel", "csv"])[
        "2022"
    ]
    region, norway = values["region"], values["0"]
    assert region is not None
    assert norway is not None
    assert (region[0], _shown(region[1]), _shown(norway[1])) == (2022, row[3], row[4])
    with pytest.raises(ValueError, match="unknown indicator"):
        indicator_values(indicator="nonsense", areas={"0": ()})


def test_no_sentence_compares_years_the_source_split_50_50(client: Client) -> None:
    """Ålesund and Haram 2006–2023 are csdata's 50/50 split of the 2020–2023 Ålesund
    (PROVENANCE: not for growth analysis): no ten-year comparison is said about them; the
    milestone uses observed years only (Ålesund 1.1.2024 → 1.1.2025)."""
    rows = {
        raw["aar"]: float(raw["befolkning"])
        for raw in _rows("befolkning", "befolkning_kommune_b2024_2006_2026.csv")
        if raw["knr"] == "1508"
    }
    text = _text(client.get(reverse("population:municipality-key-figures", args=["1508"])))
    assert "67 år eller eldre" not in text
    assert "i alderen 20–66 år i 2026 enn i 2016" not in text
    assert rows["2024"] < 59_000 <= rows["2025"]
    assert "Ålesund passerte 59 000 innbyggere i løpet av 2024." in text
    orkland = _text(client.get(reverse("population:municipality-key-figures", args=["5059"])))
    assert "Tallene for 2016 inkluderer kildens anslag" in orkland


def test_the_statistics_dashboards_link_to_the_population_pages(client: Client) -> None:
    region = client.get(reverse("stats:region-dashboard", args=["trondheimsregionen"])).content
    assert reverse("population:region-structure", args=["trondheimsregionen"]).encode() in region
    municipality = client.get(reverse("stats:municipality-dashboard", args=[GJOVIK])).content
    assert reverse("population:municipality-structure", args=[GJOVIK]).encode() in municipality
