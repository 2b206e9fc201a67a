"""Demo data: Trondheimsregionen's value-creation strategy (seed 001) and example action plans.

The strategy's focus areas, goals and targets use the seed's own words. What the seed does not
say is marked: the period and baseline dates are assumed, invented figures say "Eksempel" in
their source or note, and the three municipal action plans are examples (`is_example`), not
adopted plans. Everything is written through the services, as the users would.
"""

import datetime
from decimal import Decimal

from django.db import transaction

from samspill.accounts.models import User
from samspill.regions.models import Municipality, Region
from samspill.strategy import services
from samspill.strategy.models import (
    ActionPlan,
    Goal,
    GoalIndicator,
    Measure,
    Strategy,
    StrategyReport,
)
from samspill.strategy.statistics import indicator_statistic_values

TITLE = "Verdiskapingsstrategi for Trondheimsregionen"
SOURCE = (
    "Trondheimsregionen: «Verdiskapingsstrategi for Trondheimsregionen», sterkt forenklet gjengitt. "
    "Periode og datoer for utgangsverdiene er antatt."
)
EXAMPLE = "Eksempel"

# (focus area, description from the seed, [(goal, description)])
FOCUS_AREAS: list[tuple[str, str, list[tuple[str, str]]]] = [
    (
        "Arbeidskraft",
        "Mangel på nok og rett kompetanse er største hinder mot næringsutvikling, ifølge bedriftene våre.",
        [
            ("Gi elever bedre informasjon om lokale jobbmuligheter", ""),
            ("Få flere studenter til å bli etter studiene", ""),
            ("Etablere et apparat for rekruttering av kompetanse til regionen", ""),
            (
                "Redusere utenforskap",
                "Visste du at 57 000 (ca 20 prosent) i alderen 20-66 år i Trøndelag verken er i arbeid "
                "eller under utdanning? Nærmere 20 000 av disse mottar ingen ytelser.",
            ),
        ],
    ),
    (
        "Teknologi",
        "Smarte løsninger kan kompensere noe av mangelen på arbeidskraft.",
        [
            ("1000 tekno-selskap (800 i dag) med 20 000 ansatte i 2025", ""),
            (
                "Kommunene skal i større grad ta i bruk ny teknologi til beste for innbyggere og næringsliv",
                "",
            ),
        ],
    ),
    (
        "Forskning og innovasjon",
        "Trondheimsregionen huser 7000 forskere og 40 000 studenter.",
        [
            ("Nå topp 15 på EUs Regional Innovation Scoreboard", ""),
            ("Utvikle en felles gründerstrategi i regionen", ""),
            ("Flere næringsklynger med nasjonal finansiering", ""),
            ("Trondheim skal være Nordens beste studieby", ""),
        ],
    ),
    (
        "Kommunene selv",
        "De åtte kommunene skal være de mest næringsvennlige i Norge.",
        [
            (
                "Tilstrekkelig med egnede næringsareal og attraktive boligtomter",
                "Telemarksforskning peker på næringsareal, boligtilbud og sentrumsutvikling som "
                "nøkkeltiltak for den som vil tiltrekke seg etableringer og kompetanse.",
            ),
            ("Som stor innkjøper kan kommunene stimulere lokalt, innovativt næringsliv", ""),
        ],
    ),
    (
        "Opplevelser",
        "Arrangement gir verdifulle ringvirkninger for virksomhetene, og bygger byen og regionen som "
        "positivt ladet merkevare.",
        [
            ("Et felles profilerings- og destinasjonsselskap", ""),
            (
                "Et privat/offentlig arrangementsfond som kan bidra ved blant annet store mesterskap",
                "",
            ),
            ("Høste erfaringer fra ski-VM i 2025 i samarbeid med næringslivet", ""),
        ],
    ),
    (
        "Bioøkonomi",
        "Trondheimsregionen er en betydelig produsent av mat. Mat og forskning hører sammen.",
        [("Bli en internasjonalt anerkjent matregion", "")],
    ),
]


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _reset() -> None:
    """Remove an earlier load of this demo (only the example data it made)."""
    for strategy in Strategy.objects.filter(title=TITLE, region__slug="trondheimsregionen"):
        StrategyReport.objects.filter(strategy=strategy).delete()
        ActionPlan.objects.filter(strategy=strategy).delete()
        strategy.delete()


def _statistic_indicator(
    *,
    actor: User,
    goal: Goal,
    name: str,
    unit: str,
    statistic: str,
    baseline_from: datetime.date,
    yearly_gain: float,
    deadline: datetime.date,
    source: str,
) -> GoalIndicator | None:
    """An indicator bound to statistics, its baseline read from the imported data."""
    values, _note = indicator_statistic_values(
        indicator=GoalIndicator(goal=goal, statistic=statistic)
    )
    baseline = next(((date, value) for date, value in values if date >= baseline_from), None)
    if baseline is None:
        return None  # statistics not loaded: the strategy works without this indicator
    years = (deadline - baseline[0]).days / 365.25
    return services.indicator_create(
        actor=actor,
        goal=goal,
        name=name,
        unit=unit,
        direction=GoalIndicator.Direction.UP,
        baseline_value=Decimal(str(round(baseline[1], 2))),
        baseline_date=baseline[0],
        target_value=Decimal(str(round(baseline[1] + yearly_gain * years, 2))),
        target_date=deadline,
        source=source,
        statistic=statistic,
    )


@transaction.atomic
def demo_strategy_load(*, today: datetime.date | None = None) -> Strategy:
    """Create (or re-create) the demo strategy, its indicators and three example action plans."""
    today = today or datetime.date.today()  # noqa: DTZ011 - calendar date for the demo
    _reset()
    coordinator, trondheim_user, stjordal_user = (
        _user("koordinator"),
        _user("trondheim"),
        _user("stjordal"),
    )
    region = Region.objects.get(slug="trondheimsregionen")
    strategy = services.strategy_create(
        actor=coordinator,
        region=region,
        title=TITLE,
        vision=(
            "Verdiskapingsstrategien skal bidra til å befeste Trondheimsregionens posisjon som et "
            "attraktivt sted å bo, jobbe og studere."
        ),
        period_start=2022,
        period_end=2030,
        source=SOURCE,
    )
    goals: dict[str, Goal] = {}
    for name, description, area_goals in FOCUS_AREAS:
        area = services.focus_area_create(
            actor=coordinator, strategy=strategy, name=name, description=description
        )
        for title, goal_description in area_goals:
            goals[title] = services.goal_create(
                actor=coordinator, focus_area=area, title=title, description=goal_description
            )

    tech = goals["1000 tekno-selskap (800 i dag) med 20 000 ansatte i 2025"]
    companies = services.indicator_create(
        actor=coordinator,
        goal=tech,
        name="Tekno-selskap i regionen",
        unit="selskap",
        direction=GoalIndicator.Direction.UP,
        baseline_value=Decimal(800),
        baseline_date=datetime.date(2022, 1, 1),
        target_value=Decimal(1000),
        target_date=datetime.date(2025, 12, 31),
        source="Verdiskapingsstrategien: «1000 tekno-selskap (800 i dag)». Dato for «i dag» er antatt.",
    )
    employees = services.indicator_create(
        actor=coordinator,
        goal=tech,
        name="Ansatte i tekno-selskapene",
        unit="ansatte",
        direction=GoalIndicator.Direction.UP,
        baseline_value=Decimal(16000),
        baseline_date=datetime.date(2022, 1, 1),
        target_value=Decimal(20000),
        target_date=datetime.date(2025, 12, 31),
        source=f"{EXAMPLE}: målet 20 000 er fra strategien, utgangsverdien 16 000 er et eksempel.",
    )
    ris = services.indicator_create(
        actor=coordinator,
        goal=goals["Nå topp 15 på EUs Regional Innovation Scoreboard"],
        name="Plass på EUs Regional Innovation Scoreboard",
        unit="plass",
        direction=GoalIndicator.Direction.DOWN,
        baseline_value=Decimal(24),
        baseline_date=datetime.date(2021, 6, 30),
        target_value=Decimal(15),
        target_date=datetime.date(2027, 6, 30),
        source=f"{EXAMPLE}: målet topp 15 er fra strategien; utgangsplassering og frist er eksempler.",
    )
    for indicator, readings in (
        (
            companies,
            [
                (datetime.date(2023, 1, 1), 850),
                (datetime.date(2024, 1, 1), 905),
                (datetime.date(2025, 1, 1), 948),
            ],
        ),
        (employees, [(datetime.date(2023, 1, 1), 16900), (datetime.date(2024, 1, 1), 17600)]),
        (ris, [(datetime.date(2023, 6, 30), 21)]),
    ):
        for date, value in readings:
            services.reading_record(
                actor=coordinator,
                indicator=indicator,
                date=date,
                value=Decimal(value),
                note=f"{EXAMPLE}tall",
            )

    _statistic_indicator(
        actor=coordinator,
        goal=goals["Tilstrekkelig med egnede næringsareal og attraktive boligtomter"],
        name="Innbyggere i regionen",
        unit="personer",
        statistic=GoalIndicator.Statistic.POPULATION,
        baseline_from=datetime.date(2022, 1, 1),
        yearly_gain=4400,
        deadline=datetime.date(2030, 1, 1),
        source=(
            "SSB tabell 07459, sum for regionens kommuner. Målet er et eksempel: veksten strategien "
            "nevner (44 000 flere innbyggere på ti år) videreført."
        ),
    )
    _statistic_indicator(
        actor=coordinator,
        goal=goals["Etablere et apparat for rekruttering av kompetanse til regionen"],
        name="Sysselsatte med arbeidssted i regionen",
        unit="personer",
        statistic=GoalIndicator.Statistic.EMPLOYED_WORKPLACE,
        baseline_from=datetime.date(2017, 1, 1),
        yearly_gain=1600,
        deadline=datetime.date(2025, 12, 31),
        source=(
            "SSB tabell 11618, sum for regionens kommuner. Målet er et eksempel: veksten strategien "
            "nevner (16 000 flere jobber på ti år) videreført."
        ),
    )
    _statistic_indicator(
        actor=coordinator,
        goal=goals["Få flere studenter til å bli etter studiene"],
        name="Selvforsyning i arbeidsmarkedet (bosatte sysselsatte som jobber i regionen)",
        unit="%",
        statistic=GoalIndicator.Statistic.SELF_CONTAINMENT,
        baseline_from=datetime.date(2017, 1, 1),
        yearly_gain=0.2,
        deadline=datetime.date(2027, 12, 31),
        source=f"SSB tabell 03321 (pendling). {EXAMPLE}: målet (+0,2 prosentpoeng i året) er et eksempel.",
    )

    trondheim = Municipality.objects.get(number="5001")
    stjordal = Municipality.objects.get(number="5035")
    malvik = Municipality.objects.get(number="5031")
    plan_text = "Eksempel laget for demonstrasjon av Samspill – ikke en vedtatt handlingsplan."
    plans = {
        number: services.action_plan_create(
            actor=actor,
            strategy=strategy,
            municipality=municipality,
            title=f"Handlingsplan for næringsutvikling i {name} 2024–2026 ({EXAMPLE.lower()})",
            description=plan_text,
            period_start=2024,
            period_end=2026,
            is_example=True,
        )
        for number, actor, municipality, name in (
            ("5001", trondheim_user, trondheim, "Trondheim"),
            ("5035", stjordal_user, stjordal, "Stjørdal"),
            ("5031", coordinator, malvik, "Malvik"),
        )
    }
    actors = {"5001": trondheim_user, "5035": stjordal_user, "5031": coordinator}
    owners = {"5001": trondheim_user, "5035": stjordal_user, "5031": None}

    def measure(number: str, title: str, goal_titles: list[str], **values: object) -> Measure:
        values.setdefault("start_date", datetime.date(2024, 3, 1))
        values.setdefault("deadline", datetime.date(2026, 12, 31))
        if owners[number] is None:
            values.setdefault("owner_name", "Næringsrådgiver i Malvik kommune")
        return services.measure_create(
            actor=actors[number],
            plan=plans[number],
            title=title,
            goals=[goals[t] for t in goal_titles],
            owner=owners[number],
            **values,  # type: ignore[arg-type]
        )

    job_fair = measure(
        "5001",
        "Jobbmesse for elever i videregående skole",
        ["Gi elever bedre informasjon om lokale jobbmuligheter"],
        description="Bedrifter fra hele regionen møter elever på Vg2 og Vg3 og viser lokale jobbmuligheter.",
        partners="Trøndelag fylkeskommune, NHO Trøndelag",
        budget=Decimal(150000),
        status=Measure.Status.ONGOING,
    )
    engineers = measure(
        "5001",
        "Rekruttering av ingeniører til teknologibedriftene",
        [
            "Etablere et apparat for rekruttering av kompetanse til regionen",
            "1000 tekno-selskap (800 i dag) med 20 000 ansatte i 2025",
        ],
        description="Felles kampanje og mottaksapparat for ingeniører og deres familier.",
        partner_municipalities=[stjordal, malvik],
        partners="NTNU, Næringsforeningen i Trondheimsregionen",
        budget=Decimal(600000),
        status=Measure.Status.ONGOING,
        role=Measure.Role.REGIONAL,
    )
    measure(
        "5001",
        "Studentene blir: sommerjobber og praksisplasser i lokale bedrifter",
        [
            "Få flere studenter til å bli etter studiene",
            "Trondheim skal være Nordens beste studieby",
        ],
        partners="NTNU, Studentsamskipnaden",
        budget=Decimal(250000),
    )
    measure(
        "5001",
        "Felles gründerstrategi med Ungt Entreprenørskap",
        ["Utvikle en felles gründerstrategi i regionen"],
        partner_municipalities=[stjordal, malvik],
        partners="Ungt Entreprenørskap Trøndelag",
        status=Measure.Status.ONGOING,
        role=Measure.Role.REGIONAL,
    )
    measure(
        "5001",
        "Erfaringsdeling etter ski-VM 2025",
        ["Høste erfaringer fra ski-VM i 2025 i samarbeid med næringslivet"],
        start_date=datetime.date(2025, 3, 15),
        deadline=datetime.date(2025, 10, 1),
        partners="Visit Trondheim, arrangørene",
        status=Measure.Status.DONE,
    )
    measure(
        "5035",
        "Rekruttere ingeniørkompetanse til industrien ved Værnes",
        ["Etablere et apparat for rekruttering av kompetanse til regionen"],
        partners="Værnesregionen næringsforening",
        budget=Decimal(200000),
    )
    area_survey = measure(
        "5035",
        "Kartlegge ledige næringsarealer ved Værnes",
        ["Tilstrekkelig med egnede næringsareal og attraktive boligtomter"],
        budget=Decimal(120000),
        status=Measure.Status.ONGOING,
        deadline=datetime.date(2025, 12, 31),
    )
    measure(
        "5035",
        "Lokalmat og matfestival på Hell",
        ["Bli en internasjonalt anerkjent matregion"],
        partners="Bondelaget, lokale produsenter",
        budget=Decimal(300000),
    )
    measure(
        "5035",
        "Jobbmesse for elever i Stjørdal",
        ["Gi elever bedre informasjon om lokale jobbmuligheter"],
        partners="Ole Vig videregående skole",
    )
    measure(
        "5031",
        "Oversikt over næringsareal og boligtomter i Malvik",
        ["Tilstrekkelig med egnede næringsareal og attraktive boligtomter"],
        status=Measure.Status.ONGOING,
    )
    procurement = measure(
        "5031",
        "Innovative anskaffelser: kommunen som krevende kunde",
        ["Som stor innkjøper kan kommunene stimulere lokalt, innovativt næringsliv"],
        partners="Leverandørutviklingsprogrammet",
    )

    for item, actor, date, text in (
        (
            job_fair,
            trondheim_user,
            datetime.date(2024, 11, 5),
            "Første jobbmesse holdt med 40 bedrifter og 600 elever.",
        ),
        (
            engineers,
            trondheim_user,
            datetime.date(2025, 2, 1),
            "Kampanjen er i gang; 12 bedrifter deltar.",
        ),
        (
            area_survey,
            stjordal_user,
            datetime.date(2025, 6, 1),
            "Tre områder er kartlagt; to gjenstår.",
        ),
    ):
        services.progress_note_add(actor=actor, measure=item, date=date, text=text, is_public=True)

    # The statistics were imported before the report was made: its snapshot shows the values that
    # existed then (a refresh after it made "no data → off track" look like a change since).
    services.indicator_refresh_from_statistics(
        indicators=GoalIndicator.objects.filter(goal__focus_area__strategy=strategy).exclude(
            statistic=""
        )
    )
    # A report as it stood some months ago, so the live report has "changes since" to show.
    services.report_create(
        actor=coordinator,
        strategy=strategy,
        title=f"Statusrapport til regionrådet ({EXAMPLE.lower()})",
        as_of=today - datetime.timedelta(days=120),
    )
    services.progress_note_add(
        actor=stjordal_user,
        measure=area_survey,
        date=today - datetime.timedelta(days=30),
        text="Kartleggingen er ferdig og lagt fram for formannskapet.",
        status=Measure.Status.DONE,
        is_public=True,
    )
    services.measure_set_status(
        actor=coordinator, measure=procurement, status=Measure.Status.ONGOING
    )
    measure(
        "5001",
        "Digital næringsportal for hele regionen",
        [
            "Kommunene skal i større grad ta i bruk ny teknologi til beste for innbyggere og næringsliv"
        ],
        partner_municipalities=[stjordal, malvik],
        role=Measure.Role.REGIONAL,
        start_date=today - datetime.timedelta(days=20),
    )
    services.reading_record(
        actor=coordinator,
        indicator=companies,
        date=datetime.date(2026, 1, 1),
        value=Decimal(985),
        note=f"{EXAMPLE}tall",
    )

    # Reporting periods: the previous and the current tertial.
    tertial = (today.month - 1) // 4
    start = datetime.date(today.year, 1 + 4 * tertial, 1)
    previous_start = datetime.date(start.year - (tertial == 0), 1 + 4 * ((tertial - 1) % 3), 1)
    for period_start in (previous_start, start):
        end = _tertial_end(period_start)
        services.reporting_period_create(
            actor=coordinator,
            strategy=strategy,
            name=f"{1 + (period_start.month - 1) // 4}. tertial {period_start.year}",
            start=period_start,
            end=end,
            due_date=end + datetime.timedelta(days=15),
        )
    # The region has chosen to publish its progress: the region page links to the public page.
    services.strategy_set_published(actor=coordinator, strategy=strategy, is_published=True)
    return strategy


def _tertial_end(start: datetime.date) -> datetime.date:
    if start.month == 9:
        return datetime.date(start.year, 12, 31)
    return datetime.date(start.year, start.month + 4, 1) - datetime.timedelta(days=1)
