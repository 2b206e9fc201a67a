"""The steps of `samspill demo`, in order. Each loads real data through the normal importers.

A step is skipped when its input files are unchanged since it last ran (fingerprint of names,
sizes and modification times), which keeps a second `make run` fast.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

from samspill.core.models import LoadedDataset

REPO_DIR = Path(__file__).resolve().parent.parent.parent


@dataclass(frozen=True)
class DemoStep:
    """One named loading step and the files it depends on."""

    key: str
    label: str
    inputs: Callable[[], list[Path]]
    run: Callable[[], object]


def fingerprint(paths: list[Path]) -> str:
    """A hash of the files' paths, sizes and modification times (not their content: fast)."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        stat = path.stat()
        digest.update(f"{path}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _shared(*parts: str) -> Path:
    return Path(settings.SHARED_DATA_DIR, *parts)


def _municipality_inputs() -> list[Path]:
    return sorted(_shared("kommuner").glob("*.csv")) + sorted(
        _shared("geo").glob("kommuner_*.geojson")
    )


STEPS: list[DemoStep] = [
    DemoStep(
        key="municipalities",
        label="Kommuner, reformhistorikk og kommunegrenser",
        inputs=_municipality_inputs,
        run=lambda: call_command("import_municipalities", verbosity=0),
    ),
    DemoStep(
        key="regions",
        label="Demoregioner (fra seed-dokumentene)",
        inputs=lambda: [REPO_DIR / "demo" / "regions.csv", *_municipality_inputs()],
        run=lambda: call_command(
            "import_regions", str(REPO_DIR / "demo" / "regions.csv"), verbosity=0
        ),
    ),
]


def step_is_current(step: DemoStep, print_hash: str) -> bool:
    """True when the step already ran with exactly these inputs."""
    return LoadedDataset.objects.filter(key=step.key, fingerprint=print_hash).exists()


def step_mark_done(step: DemoStep, print_hash: str) -> None:
    """Remember that the step ran with these inputs."""
    LoadedDataset.objects.update_or_create(key=step.key, defaults={"fingerprint": print_hash})


# Statistics (stats app): real SSB tables through `import_ssb_table`, known gaps from PROVENANCE.md.
RINDAL_2019_GAP = (
    "2019:5061:Rindal mangler i 2019: kommunen byttet fylke (1567 → 5061) og SSBs pendlingsapp "
    "filtrerte 2019 med 2018-kartet. Om lag 1 000 sysselsatte bosatte og 840 arbeidsplasser mangler; "
    "bruk 2018 eller 2020– for Rindal, Surnadal og Orkland."
)


# IMDi's education export (../shared/data/utdanning/PROVENANCE.md): not an SSB table, licence of
# the export not stated (the SSB statistics under it are CC BY 4.0). Its gaps (Time and Flå 2020,
# Ålesund/Haram 2020 on the split number 1507) are detected by the import.
EDUCATION_TABLE = "IMDi"
EDUCATION_SOURCE = "IMDi / Statistisk sentralbyrå"
EDUCATION_LICENCE = "ikke oppgitt (SSB: CC BY 4.0)"


def _stats_files(folder: str, pattern: str) -> list[Path]:
    return sorted(_shared(folder).glob(pattern))


def _import_ssb(*paths: Path, **options: object) -> None:
    call_command(
        "import_ssb_table", *[str(p) for p in paths], verbosity=0, no_progress=True, **options
    )


STEPS += [
    DemoStep(
        key="stats-population",
        label="Folketall 2006–2026 (SSB 07459)",
        inputs=lambda: _stats_files("befolkning", "befolkning_kommune_*.csv"),
        run=lambda: _import_ssb(
            *_stats_files("befolkning", "befolkning_kommune_*.csv"), table="07459"
        ),
    ),
    DemoStep(
        key="stats-commuting",
        label="Pendling mellom kommuner 2017–2022 (SSB 03321)",
        inputs=lambda: _stats_files("pendling", "pendling_03321_*.csv"),
        run=lambda: _import_ssb(
            *_stats_files("pendling", "pendling_03321_*.csv"), known_gap=[RINDAL_2019_GAP]
        ),
    ),
    DemoStep(
        key="stats-employed",
        label="Sysselsatte etter bosted og arbeidssted 2017–2022 (SSB 11618)",
        inputs=lambda: _stats_files("pendling", "kommune_sysselsatte_11618_*.csv"),
        run=lambda: _import_ssb(
            *_stats_files("pendling", "kommune_sysselsatte_11618_*.csv"),
            known_gap=[RINDAL_2019_GAP],
        ),
    ),
    DemoStep(
        key="stats-population-age",
        label="Befolkning etter kjønn og femårige aldersgrupper 2006–2026 (SSB 07459)",
        inputs=lambda: _stats_files("befolkning_alder", "befolkning_kommune_*.csv"),
        run=lambda: _import_ssb(
            *_stats_files("befolkning_alder", "befolkning_kommune_*.csv"), table="07459"
        ),
    ),
    DemoStep(
        key="stats-education",
        label="Utdanningsnivå 2011–2020 (IMDi, bygget på SSBs registre)",
        inputs=lambda: _stats_files("utdanning", "utdanningsniva_kommune_*.csv"),
        run=lambda: _import_ssb(
            *_stats_files("utdanning", "utdanningsniva_kommune_*.csv"),
            table=EDUCATION_TABLE,
            source=EDUCATION_SOURCE,
            licence=EDUCATION_LICENCE,
        ),
    ),
    DemoStep(
        key="stats-jobs",
        label="Jobber etter næring 2024K4 og sysselsatte i Telemark 2016–2025 (SSB 11656, 13926, 11653, 13470)",
        inputs=lambda: _stats_files("sysselsetting", "*_1[0-9][0-9][0-9][0-9]_*.csv"),
        run=lambda: _import_ssb(*_stats_files("sysselsetting", "*_1[0-9][0-9][0-9][0-9]_*.csv")),
    ),
]


def _labour_market_regions_precompute() -> None:
    from samspill.analyses.services import lma_default_precompute

    lma_default_precompute()


# Keep this step after the statistics steps: it reads the imported commuting matrix.
STEPS.append(
    DemoStep(
        key="analyses-labour-market-regions",
        label="Beregnede arbeidsmarkedsregioner 2022 (standardparametre, forhåndsberegnet)",
        inputs=lambda: sorted(_shared("pendling").glob("pendling_03321_*.csv")),
        run=_labour_market_regions_precompute,
    )
)


# Business front door (inquiries app): seed 004's service table for Sør-Troms and example inquiries.
def _inquiries_demo() -> None:
    from samspill.demo.users import demo_users_create
    from samspill.inquiries.demo import demo_load

    demo_users_create()  # the examples need the demo advisers; idempotent
    demo_load()


STEPS.append(
    DemoStep(
        key="inquiries-sor-troms",
        label="Næringstjenesten i Sør-Troms (seed 004) og eksempelhenvendelser",
        inputs=lambda: [REPO_DIR / "samspill" / "inquiries" / "demo.py"],
        run=_inquiries_demo,
    )
)


# Strategy and action plans (strategy app): seed 001's value-creation strategy with example plans
# for Trondheim, Stjørdal and Malvik. After the statistics steps: bound indicators read them.
def _strategy_demo() -> None:
    from samspill.demo.users import demo_users_create
    from samspill.strategy.demo import demo_strategy_load

    demo_users_create()  # the plans are written by the demo users; idempotent
    demo_strategy_load()


STEPS.append(
    DemoStep(
        key="strategy-trondheimsregionen",
        label="Verdiskapingsstrategi for Trondheimsregionen (seed 001) og eksempler på handlingsplaner",
        inputs=lambda: [REPO_DIR / "samspill" / "strategy" / "demo.py"],
        run=_strategy_demo,
    )
)


# Shared knowledge (knowledge app): seed 004's workshop memos and decisions for Sør-Troms, seed 001's
# strategy summary attached to Trondheimsregionen's strategy, templates. After the strategy step.
def _knowledge_demo() -> None:
    from samspill.demo.users import demo_users_create
    from samspill.knowledge.demo import demo_knowledge_load

    demo_users_create()  # the approval is made by a demo user; idempotent
    demo_knowledge_load()


STEPS.append(
    DemoStep(
        key="knowledge",
        label="Delt kunnskap: workshopnotater og vedtak i Sør-Troms (seed 004), strategisammendrag og maler",
        inputs=lambda: [
            REPO_DIR / "samspill" / "knowledge" / "demo.py",
            REPO_DIR / "samspill" / "strategy" / "demo.py",
        ],
        run=_knowledge_demo,
    )
)


# Notifications: the demo users follow their regions and Sør-Troms' project plan (after knowledge).
def _notifications_demo() -> None:
    from samspill.demo.users import demo_users_create
    from samspill.notifications.demo import demo_notifications_load

    demo_users_create()
    demo_notifications_load()


# Collaboration projects (collaboration app): seed 004's Sør-Troms pre-study and pre-project with
# milestones, decision points, roles, an example budget split by the mixed key on SSB's population,
# and the councils' adoption in progress. After the statistics steps (population) and knowledge.
def _collaboration_demo() -> None:
    from samspill.collaboration.demo import demo_collaboration_load

    demo_collaboration_load()


STEPS.extend(
    [
        DemoStep(
            key="collaboration",
            label="Samarbeidsprosjekt: forprosjektet Næringsvennlig region Sør-Troms (seed 004)",
            inputs=lambda: [REPO_DIR / "samspill" / "collaboration" / "demo.py"],
            run=_collaboration_demo,
        ),
        DemoStep(
            key="notifications",
            label="Varsler: demobrukerne følger regionene sine og prosjektplanen i Sør-Troms",
            inputs=lambda: [REPO_DIR / "samspill" / "notifications" / "demo.py"],
            run=_notifications_demo,
        ),
    ]
)


# Large planned projects (projects app): seed 000's E6 Værnes–Hell and Kvithammar–Åsen (Nye Veier AS)
# in Trondheimsregionen's register, with a few example projects for the timeline and load views, and
# example opportunities in their wake linked to the strategy demo's measures (after the strategy step;
# it runs again when the strategy demo changes, since reloading that demo removes the measures).
def _projects_demo() -> None:
    from samspill.projects.demo import demo_opportunities_load, demo_projects_load

    demo_projects_load()
    demo_opportunities_load()


STEPS.append(
    DemoStep(
        key="projects-trondheimsregionen",
        label="Store prosjekter i Trondheimsregionen (seed 000): E6 Værnes–Hell og Kvithammar–Åsen, og eksempler",
        inputs=lambda: [
            REPO_DIR / "samspill" / "projects" / "demo.py",
            REPO_DIR / "samspill" / "strategy" / "demo.py",
        ],
        run=_projects_demo,
    )
)


# SSB's economic regions (KLASS 108) to compare the computed labour-market regions with. The
# municipality → region key is a column of kommuner_2024.csv (see regioner/PROVENANCE.md).
STEPS.append(
    DemoStep(
        key="analyses-economic-regions",
        label="SSBs økonomiske regioner 2024 (til sammenligning med arbeidsmarkedsregionene)",
        inputs=lambda: [_shared("kommuner", "kommuner_2024.csv")],
        run=lambda: call_command(
            "import_classification",
            str(_shared("kommuner", "kommuner_2024.csv")),
            slug="okonomiske-regioner-2024",
            name="SSBs økonomiske regioner 2024",
            number_column="knr",
            code_column="okonomisk_region",
            name_column="okonomisk_region_navn",
            source="SSB KLASS 108 (CC BY 4.0), via helseprofil/norgeo (MIT), testdata cast_2024",
            year=2024,
            verbosity=0,
        ),
    )
)


# Business land and premises (land app): example business areas, plots and premises in
# Trondheimsregionen inside the real municipal outlines, and example inquiries matched against them.
def _land_demo() -> None:
    from samspill.demo.users import demo_users_create
    from samspill.land.demo import demo_land_load

    demo_users_create()
    demo_land_load()


# Innovation challenges (challenges app): seed 002's water-and-sewage challenge in Notodden city
# region with example suppliers, answers, an assessment and a pilot in progress.
def _challenges_demo() -> None:
    from samspill.accounts.models import User
    from samspill.challenges.demo import demo_challenges_load
    from samspill.demo.users import DEMO_PASSWORD, demo_users_create

    demo_users_create()  # the owners' parts are written by the demo administrator; idempotent
    demo_challenges_load(password=DEMO_PASSWORD, admin=User.objects.get(username="admin"))


STEPS.extend(
    [
        DemoStep(
            key="land-trondheimsregionen",
            label="Næringsareal og lokaler i Trondheimsregionen (eksempler) og matchede henvendelser",
            inputs=lambda: [REPO_DIR / "samspill" / "land" / "demo.py", *_municipality_inputs()],
            run=_land_demo,
        ),
        DemoStep(
            key="challenges-notodden",
            label="Innovasjonsutfordring i Notodden byregion (seed 002): vann og avløp, eksempler",
            inputs=lambda: [REPO_DIR / "samspill" / "challenges" / "demo.py"],
            run=_challenges_demo,
        ),
    ]
)
