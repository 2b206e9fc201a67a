"""Demo data: the IKAP region's large planned projects (seed 000) in Trondheimsregionen's register.

From the seed (Stjørdal kommune / Proneo, 24 June 2016): "Nye Veier AS har prioritert utbygging
av E6 Værnes-Hell og Kvithammar-Åsen". The two E6 projects carry that fact with its source; their
routes are drawn approximately along today's E6 inside the real municipal outlines (Stjørdal;
Kvithammar–Åsen continues into Levanger, which is not a member of the region). Everything else —
phases, costs, employment, and the three further projects — is invented for the demo and says so:
"Eksempel" in the source of each invented figure, `is_example` and "(eksempel)" in the name of
each invented project. Written through the services, as users would, and idempotent on the key.

Four opportunities in the wake of these projects (supplier contracts, land, housing, training) are
invented too: `is_example`, "(eksempel)" in the title, "Eksempel" in the description. Each links
to the measures of the demo strategy (seed 001's action plans, themselves examples) that pursue
it, found by title; a measure the strategy demo has not loaded is left out. Idempotent on the title.
"""

from decimal import Decimal
from typing import Any

from django.db import transaction

from samspill.projects.models import Opportunity, Project
from samspill.projects.periods import period_parse
from samspill.projects.selectors import measure_choices
from samspill.projects.services import (
    OpportunityInput,
    ProjectInput,
    opportunity_create,
    opportunity_update,
    project_create,
    project_update,
)
from samspill.regions.models import Municipality, Region

REGION = "trondheimsregionen"
SEED_SOURCE = "Stjørdal kommune/Proneo: «Næringsutvikling og vekst!» (seed 000)"
SEED_DATE = "2016-06-24"
EXAMPLE = "Eksempel (ikke fra en offentlig kilde)"
EXAMPLE_DATE = "2025-01-15"


def _example(*groups: str) -> dict[str, dict[str, str]]:
    return {group: {"source": EXAMPLE, "date": EXAMPLE_DATE} for group in groups}


def _phases(**spans: tuple[str, str]) -> dict[str, Any]:
    return {kind: (period_parse(start), period_parse(end)) for kind, (start, end) in spans.items()}


def _line(*points: tuple[float, float]) -> dict[str, Any]:
    return {"type": "LineString", "coordinates": [list(point) for point in points]}


def _polygon(*points: tuple[float, float]) -> dict[str, Any]:
    ring = [list(point) for point in points]
    return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}


PROJECTS: list[dict[str, Any]] = [
    {
        "key": "e6-vaernes-hell",
        "name": "E6 Værnes–Hell",
        "kind": "road",
        "status": "planning",
        "owner_name": "Nye Veier AS",
        "municipalities": ["5035"],
        "description": (
            "Ny E6 forbi Værnes til Hell i Stjørdal. Nye Veier AS har prioritert utbyggingen "
            "(seed 000). Traseen er tegnet omtrentlig langs dagens E6."
        ),
        "geometry": _line((10.898, 63.445), (10.906, 63.450), (10.915, 63.456), (10.925, 63.463)),
        "phases": _phases(
            planning=("2017", "2019"),
            zoning=("2019 K3", "2021 K2"),
            construction=("2024-09", "2027 K4"),
            operation=("2028", "2060"),
        ),
        "investment": (Decimal("1800"), Decimal("2600"), 2023),
        "construction_person_years": Decimal("160"),
        "operation_jobs": 0,
        "workforce_by_trade": {"anlegg og maskin": 90, "betong": 40, "elektro": 10},
        "sources": {
            "owner": {"source": SEED_SOURCE, "date": SEED_DATE},
            "status": {"source": SEED_SOURCE, "date": SEED_DATE},
            "place": {"source": "Tegnet omtrentlig langs E6 (eksempel)", "date": EXAMPLE_DATE},
            **_example("phases", "investment", "employment", "needs"),
        },
        "links": [{"label": "Nye Veier AS", "url": "https://www.nyeveier.no/"}],
        "is_example": False,
    },
    {
        "key": "e6-kvithammar-asen",
        "name": "E6 Kvithammar–Åsen",
        "kind": "road",
        "status": "planning",
        "owner_name": "Nye Veier AS",
        "municipalities": ["5035"],
        "description": (
            "Ny E6 fra Kvithammar i Stjørdal til Åsen i Levanger. Nye Veier AS har prioritert "
            "utbyggingen (seed 000). Levanger er ikke medlem av regionen; traseen er tegnet "
            "omtrentlig langs dagens E6."
        ),
        "geometry": _line(
            (10.892, 63.497),
            (10.880, 63.515),
            (10.875, 63.530),
            (10.900, 63.548),
            (10.930, 63.563),
            (10.960, 63.580),
            (10.990, 63.600),
        ),
        "phases": _phases(
            planning=("2017", "2020"),
            zoning=("2020", "2023 K2"),
            construction=("2025 K2", "2029 K2"),
            operation=("2029 K3", "2060"),
        ),
        "investment": (Decimal("5500"), Decimal("7500"), 2023),
        "construction_person_years": Decimal("320"),
        "operation_jobs": 0,
        "workforce_by_trade": {"anlegg og maskin": 180, "betong": 80, "elektro": 25},
        "sources": {
            "owner": {"source": SEED_SOURCE, "date": SEED_DATE},
            "status": {"source": SEED_SOURCE, "date": SEED_DATE},
            "place": {"source": "Tegnet omtrentlig langs E6 (eksempel)", "date": EXAMPLE_DATE},
            **_example("phases", "investment", "employment", "needs"),
        },
        "links": [{"label": "Nye Veier AS", "url": "https://www.nyeveier.no/"}],
        "is_example": False,
    },
    {
        "key": "naeringspark-stjordal-eksempel",
        "name": "Næringspark ved Værnes (eksempel)",
        "kind": "business_park",
        "status": "zoning",
        "owner_name": "Eksempel Eiendom AS",
        "municipalities": ["5035"],
        "description": "Et tenkt næringsområde nær ny E6 og lufthavnen. Demodata.",
        "geometry": _polygon(
            (10.935, 63.455), (10.950, 63.455), (10.950, 63.462), (10.935, 63.462)
        ),
        "phases": _phases(
            planning=("2023", "2024"),
            zoning=("2024 K3", "2026 K1"),
            construction=("2026 K3", "2029"),
            operation=("2030", "2060"),
        ),
        "investment": (Decimal("400"), Decimal("650"), 2024),
        "construction_person_years": Decimal("60"),
        "operation_jobs": 350,
        "land_need_daa": Decimal("120"),
        "power_need_mw": Decimal("8"),
        "sources": _example(
            "owner", "place", "status", "phases", "investment", "employment", "needs"
        ),
        "is_example": True,
    },
    {
        "key": "campusbygg-trondheim-eksempel",
        "name": "Campusbygg i Trondheim (eksempel)",
        "kind": "institution",
        "status": "decided",
        "owner_name": "Eksempel: statlig byggherre",
        "municipalities": ["5001"],
        "description": "Et tenkt nytt undervisningsbygg. Demodata.",
        "geometry": {"type": "Point", "coordinates": [10.404, 63.418]},
        "phases": _phases(
            planning=("2021", "2023"),
            zoning=("2023", "2024"),
            construction=("2025-03", "2028-08"),
            operation=("2028-08", "2070"),
        ),
        "investment": (Decimal("2400"), Decimal("2900"), 2024),
        "construction_person_years": Decimal("220"),
        "operation_jobs": 150,
        "sources": _example("owner", "place", "status", "phases", "investment", "employment"),
        "is_example": True,
    },
    {
        "key": "boligomrade-malvik-eksempel",
        "name": "Boligområde i Malvik (eksempel)",
        "kind": "housing",
        "status": "planning",
        "owner_name": "Eksempel Bolig AS",
        "municipalities": ["5031"],
        "description": "Et tenkt boligområde med om lag 400 boliger. Demodata.",
        "geometry": _polygon(
            (10.780, 63.405), (10.795, 63.405), (10.795, 63.412), (10.780, 63.412)
        ),
        "phases": _phases(
            planning=("2024", "2025"),
            zoning=("2025 K3", "2027 K1"),
            construction=("2027 K2", "2031"),
            operation=("2029", "2080"),
        ),
        "investment": (Decimal("1200"), Decimal("1600"), 2024),
        "construction_person_years": Decimal("90"),
        "land_need_daa": Decimal("85"),
        "sources": _example(
            "owner", "place", "status", "phases", "investment", "employment", "needs"
        ),
        "is_example": True,
    },
]


def _input(spec: dict[str, Any], ids: dict[str, int]) -> ProjectInput:
    low, high, year = spec.get("investment", (None, None, None))
    return ProjectInput(
        key=spec["key"],
        name=spec["name"],
        kind=spec["kind"],
        status=spec["status"],
        description=spec.get("description", ""),
        owner_name=spec.get("owner_name", ""),
        municipality_ids=[ids[number] for number in spec["municipalities"]],
        geometry=spec.get("geometry"),
        investment_low_mnok=low,
        investment_high_mnok=high,
        price_level_year=year,
        construction_person_years=spec.get("construction_person_years"),
        operation_jobs=spec.get("operation_jobs"),
        land_need_daa=spec.get("land_need_daa"),
        power_need_mw=spec.get("power_need_mw"),
        workforce_by_trade=spec.get("workforce_by_trade", {}),
        links=spec.get("links", []),
        sources=spec.get("sources", {}),
        phases=spec.get("phases", {}),
        is_example=spec["is_example"],
    )


@transaction.atomic
def demo_projects_load() -> list[Project]:
    """Create or refresh the demo projects (a second run changes nothing)."""
    region = Region.objects.get(slug=REGION)
    numbers = {number for spec in PROJECTS for number in spec["municipalities"]}
    ids = dict(Municipality.objects.filter(number__in=numbers).values_list("number", "pk"))
    loaded = []
    for spec in PROJECTS:
        data = _input(spec, ids)
        existing = Project.objects.filter(region=region, key=spec["key"]).first()
        if existing is None:
            loaded.append(project_create(actor=None, region=region, data=data))
        else:
            loaded.append(
                project_update(actor=None, project=existing, data=data, expected_version=None)
            )
    return loaded


OPPORTUNITY_NOTE = "Eksempel laget for demonstrasjon av Samspill – ikke en registrert mulighet."

OPPORTUNITIES: list[dict[str, Any]] = [
    {
        "title": "Leverandøroppdrag til lokale bedrifter på ny E6 (eksempel)",
        "kind": Opportunity.Kind.SUPPLIERS,
        "status": Opportunity.Status.PURSUED,
        "owner_name": "Næringsrådgiver i Malvik kommune (eksempel)",
        "description": (
            "Leverandørmøter med Nye Veier AS og entreprenørene før kontraktene lyses ut, slik at "
            "lokale bedrifter kan by på masser, transport, rigg og tjenester."
        ),
        "projects": ["e6-vaernes-hell", "e6-kvithammar-asen"],
        "measures": ["Innovative anskaffelser: kommunen som krevende kunde"],
    },
    {
        "title": "Næringsareal ved nytt E6-kryss på Værnes (eksempel)",
        "kind": Opportunity.Kind.LAND,
        "status": Opportunity.Status.IDEA,
        "owner_name": "Stjørdal kommune (eksempel)",
        "description": (
            "Areal nær det nye krysset og lufthavnen som kan reguleres til næring når vegen er "
            "bygd, sammen med næringsparken."
        ),
        "projects": ["e6-vaernes-hell", "naeringspark-stjordal-eksempel"],
        "measures": ["Kartlegge ledige næringsarealer ved Værnes"],
    },
    {
        "title": "Boliger for anleggsarbeidere som kan bli faste boliger (eksempel)",
        "kind": Opportunity.Kind.HOUSING,
        "status": Opportunity.Status.IDEA,
        "owner_name": "Malvik kommune (eksempel)",
        "description": (
            "Midlertidige boliger for arbeidsstyrken i anleggsperioden, planlagt slik at de kan "
            "inngå i boligområdet etterpå."
        ),
        "projects": ["e6-kvithammar-asen", "boligomrade-malvik-eksempel"],
        "measures": ["Oversikt over næringsareal og boligtomter i Malvik"],
    },
    {
        "title": "Lærlingeplasser og anleggsfag i byggeperioden (eksempel)",
        "kind": Opportunity.Kind.TRAINING,
        "status": Opportunity.Status.PURSUED,
        "owner_name": "Trøndelag fylkeskommune (eksempel)",
        "description": (
            "Lærlinger i anleggsteknikk, betong og elektro hos entreprenørene, og omvisning for "
            "elever på anleggene."
        ),
        "projects": ["e6-vaernes-hell", "e6-kvithammar-asen", "campusbygg-trondheim-eksempel"],
        "measures": [
            "Jobbmesse for elever i Stjørdal",
            "Rekruttere ingeniørkompetanse til industrien ved Værnes",
        ],
    },
]


@transaction.atomic
def demo_opportunities_load() -> list[Opportunity]:
    """Create or refresh the demo opportunities (after the projects and the strategy demo; a
    second run changes nothing)."""
    region = Region.objects.get(slug=REGION)
    projects = dict(
        Project.objects.filter(
            region=region, key__in={k for o in OPPORTUNITIES for k in o["projects"]}
        ).values_list("key", "pk")
    )
    measures: dict[str, int] = {}
    for measure in measure_choices(region=region):
        measures.setdefault(measure.title, measure.pk)
    loaded = []
    for spec in OPPORTUNITIES:
        data = OpportunityInput(
            title=spec["title"],
            kind=spec["kind"],
            status=spec["status"],
            owner_name=spec["owner_name"],
            description=f"{spec['description']} {OPPORTUNITY_NOTE}",
            project_ids=[projects[key] for key in spec["projects"]],
            measure_ids=[measures[title] for title in spec["measures"] if title in measures],
            is_example=True,
        )
        existing = Opportunity.objects.filter(
            region=region, title=spec["title"], is_example=True
        ).first()
        if existing is None:
            loaded.append(opportunity_create(actor=None, region=region, data=data))
        else:
            loaded.append(
                opportunity_update(
                    actor=None, opportunity=existing, data=data, expected_version=None
                )
            )
    return loaded
