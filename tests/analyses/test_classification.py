"""Classifications (e.g. SSB's economic regions): the strict importer, the service, and the
comparison with the computed labour-market regions. The adjusted Rand index is recomputed here
by counting pairs of municipalities from the raw kommuner_2024.csv and the run's assignment."""

import csv
import io
import itertools

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from samspill.analyses.comparison import classification_comparison
from samspill.analyses.importers.classification import classification_parse
from samspill.analyses.models import AnalysisRun, Classification
from samspill.analyses.services import classification_import, lma_default_precompute
from samspill.audit.models import AuditEntry
from samspill.core.exceptions import PermissionDeniedError
from samspill.regions.importers.errors import ImportFileError
from tests.accounts.factories import UserFactory
from tests.conftest import SHARED_DIR

KOMMUNER = SHARED_DIR / "data" / "kommuner" / "kommuner_2024.csv"
SLUG = "okonomiske-regioner-2024"


def economic_regions() -> dict[str, str]:
    with KOMMUNER.open(encoding="utf-8", newline="") as handle:
        return {row["knr"]: row["okonomisk_region"] for row in csv.DictReader(handle)}


def load(**options: object) -> None:
    call_command(
        "import_classification",
        str(KOMMUNER),
        slug=SLUG,
        name="SSBs økonomiske regioner 2024",
        number_column="knr",
        code_column="okonomisk_region",
        name_column="okonomisk_region_navn",
        source="SSB KLASS 108",
        year=2024,
        verbosity=0,
        **options,
    )


# --- the parser (pure) ---


def parse(text: str) -> list:
    return classification_parse(text, source="f.csv", name_column="navn")


def test_the_parser_reads_semicolons_commas_and_a_bom():
    rows = parse("\ufeffknr;klasse;navn\n5001;50001;Trondheim\n5031;50001;Trondheim\n")
    assert [(r.number, r.class_code, r.class_name, r.line) for r in rows] == [
        ("5001", "50001", "Trondheim", 2),
        ("5031", "50001", "Trondheim", 3),
    ]
    assert parse("knr,klasse,navn\n5001,A,a\n")[0].class_code == "A"


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("", 1, "tom"),
        ("kommune;klasse;navn\n5001;1;x\n", 1, "mangler kolonne"),
        ("knr;klasse;navn\n501;1;x\n", 2, "fire sifre"),
        ("knr;klasse;navn\n5001;1;x\n5001;2;y\n", 3, "to ganger"),
        ("knr;klasse;navn\n5001;;x\n", 2, "mangler klasse"),
        ("knr;klasse;navn\n5001;1;x\n5031;1;y\n", 3, "heter"),
        ("knr;klasse;navn\n5001;" + "1" * 41 + ";x\n", 2, "40 tegn"),
        ("knr;klasse;navn\n5001;1;x;extra\n", 2, "flere felt"),
        ("knr;klasse;navn\n", 2, "ingen rader"),
    ],
)
def test_the_parser_refuses_with_the_line(text, line, message):
    with pytest.raises(ImportFileError, match=message) as caught:
        parse(text)
    assert caught.value.line == line
    assert "f.csv" in str(caught.value)


# --- the service and the command ---


@pytest.mark.django_db
def test_ssb_economic_regions_load_from_the_municipality_list():
    load()
    classification = Classification.objects.get(slug=SLUG)
    expected = economic_regions()
    stored = dict(classification.members.values_list("municipality__number", "class_code"))
    assert stored == expected
    assert len(stored) == 357
    assert len(set(stored.values())) == 85
    assert AuditEntry.objects.filter(action="import", object_pk=str(classification.pk)).exists()


@pytest.mark.django_db
def test_loading_again_replaces_the_members_and_moves_the_version(tmp_path):
    load()
    first = Classification.objects.get(slug=SLUG)
    smaller = tmp_path / "to.csv"
    smaller.write_text("knr;klasse\n5001;A\n5031;B\n", encoding="utf-8")
    call_command("import_classification", str(smaller), slug=SLUG, name="To kommuner", verbosity=0)
    again = Classification.objects.get(slug=SLUG)
    assert again.pk == first.pk
    assert again.version == first.version + 1
    assert again.members.count() == 2
    assert AuditEntry.objects.filter(action="reimport", object_pk=str(first.pk)).exists()


@pytest.mark.django_db
def test_a_former_municipality_number_is_refused_with_its_line(tmp_path):
    old = tmp_path / "gammel.csv"
    old.write_text("knr;klasse\n5001;A\n1601;A\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"gammel.csv, linje 3: 1601 er ikke en av dagens"):
        call_command("import_classification", str(old), slug="x", name="x", verbosity=0)
    assert not Classification.objects.filter(slug="x").exists()


@pytest.mark.django_db
def test_only_administrators_load_classifications():
    rows = classification_parse("knr;klasse\n5001;A\n")
    with pytest.raises(PermissionDeniedError):
        classification_import(actor=UserFactory(), slug="x", name="x", rows=rows)
    admin = UserFactory(is_superuser=True)
    assert classification_import(actor=admin, slug="x", name="x", rows=rows).members.count() == 1


# --- the comparison with the computed labour-market regions ---


@pytest.fixture
def run(commuting) -> AnalysisRun:
    found = lma_default_precompute()
    assert found is not None
    assert found.result is not None
    return found


def pair_counting_ari(first: dict[str, object], second: dict[str, object]) -> float:
    units = sorted(set(first) & set(second))
    a = b = c = d = 0
    for x, y in itertools.combinations(units, 2):
        same_first, same_second = first[x] == first[y], second[x] == second[y]
        a += same_first and same_second
        b += same_first and not same_second
        c += same_second and not same_first
        d += not same_first and not same_second
    return 2 * (a * d - b * c) / ((a + b) * (b + d) + (a + c) * (c + d))


def assignment_today(run: AnalysisRun) -> dict[str, int]:
    """The run's regions on 2024 numbers: SSB kept 2022 flows of Ålesund (1508) and Haram (1580)
    on the former 1507 (kommuner/PROVENANCE.md), so both take 1507's region."""
    assignment = {k: int(v) for k, v in run.result["assignment"].items()}  # type: ignore[index]
    assignment["1508"] = assignment["1580"] = assignment.pop("1507")
    return assignment


@pytest.mark.django_db
def test_the_adjusted_rand_index_equals_pair_counting_on_the_raw_files(run):
    load()
    comparison = classification_comparison(
        run=run, classification=Classification.objects.get(slug=SLUG)
    )
    computed = assignment_today(run)
    official = economic_regions()
    assert set(computed) == set(official)
    assert comparison.adjusted_rand_index == pytest.approx(pair_counting_ari(computed, official))
    assert comparison.comparison.units == 357
    assert comparison.not_in_run == []
    assert comparison.not_classified == []
    # Every municipality listed as different lies outside its region centre's economic region.
    centre_of = {int(r["region"]): r["centre"] for r in run.result["regions"]}  # type: ignore[index]
    for group in comparison.groups:
        centre = centre_of[group.region]
        for number, _name in group.municipalities:
            assert computed[number] == group.region
            assert official[number] != official.get(centre, group.matched_class)
            assert official[number] == group.other_class
    listed = {number for group in comparison.groups for number, _n in group.municipalities}
    assert len(listed) == comparison.comparison.differing_units


@pytest.mark.django_db
def test_the_page_the_export_the_api_and_the_command(client, run, capsys):
    load()
    page = client.get(reverse("analyses:lma-comparison", args=[run.pk]), {"inndeling": SLUG})
    assert page.status_code == 200
    text = page.content.decode()
    assert "Justert Rand-indeks" in text
    assert "pendling 2022" in text
    assert "SSBs økonomiske regioner 2024" in text
    export = client.get(
        reverse("analyses:lma-comparison-export", args=[run.pk, "csv"]), {"inndeling": SLUG}
    )
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["kommunenummer", "kommune", "region"]
    api = client.get(
        f"/api/analyses/labour-market-regions/{run.pk}/comparison", {"classification": SLUG}
    ).json()
    expected = pair_counting_ari(assignment_today(run), economic_regions())
    assert api["adjusted_rand_index"] == pytest.approx(expected)
    assert api["differing_municipalities"] == len(rows) - 1
    assert client.get("/api/analyses/classifications").json()[0]["municipalities"] == 357
    missing = client.get(
        f"/api/analyses/labour-market-regions/{run.pk}/comparison", {"classification": "nope"}
    )
    assert missing.status_code == 404
    call_command("compare", "classification", "--classification", SLUG)
    out = capsys.readouterr()
    assert out.out.splitlines()[0].startswith("kommunenummer;kommune;region")
    assert "justert_rand_indeks" in out.err


@pytest.mark.django_db
def test_which_region_is_malvik_in(client, run):
    response = client.get(reverse("analyses:lma-run", args=[run.pk]), {"kommune": "malvik"})
    text = response.content.decode()
    region = assignment_today(run)["5031"]
    members = [n for n, r in assignment_today(run).items() if r == region]
    assert "Malvik er i den beregnede regionen" in text
    assert 'data-highlight="5031"' in text
    assert f'id="region-{region}" class="lma-found"' in text
    assert f"med {len(members)} kommuner" in text
    assert "Om metoden og gyldigheten" in text
    unknown = client.get(reverse("analyses:lma-run", args=[run.pk]), {"kommune": "Atlantis"})
    assert "Fant ingen kommune" in unknown.content.decode()
