"""Demo: seed 004's Sør-Troms pre-project "Næringsvennlig region" and the pre-study before it.

From the public document (seed 004, Gratangen 28.09.2017): the four municipalities, the stages,
purpose, what the project seeks to improve, the work items, the milestones with their dates
exactly as written (milestone 02's 15.12.18 is flagged by the plan check, not corrected), the
decision points BP 1/BP 2, every role and person, and the pre-study's final report adopted by the
steering group on 19 June and sent to all four councils in September and October.

Examples (marked `is_example`, shown as such): the budget and financing, the councils' treatments
of the pre-study report (three adopted, Lavangen pending, meeting 12 October 2017) and one steering
group meeting. The cost key is the mixed key (30 % equal, 70 % by population on 1 January 2018),
computed on SSB's real population when the statistics step has loaded it.
"""

import datetime

from django.db import transaction

from samspill.collaboration import services
from samspill.collaboration.models import Project
from samspill.regions.models import Municipality, Region

SOURCE = (
    "Næringsvennlig region – Bedre offentlige tjenester for næringsutvikling, Gratangen 28.09.2017"
)
NUMBERS = {"Bardu": "5520", "Gratangen": "5516", "Lavangen": "5518", "Salangen": "5522"}
PRE_STUDY = "Næringsvennlig region Sør-Troms – forstudie"
PRE_PROJECT = "Næringsvennlig region Sør-Troms – forprosjekt"

MILESTONES = [
    ("01", datetime.date(2017, 11, 15), "Gjennomført workshop HA 2 – innholdet i tjenestene"),
    ("02", datetime.date(2018, 12, 15), "Gjennomført workshop HA 3 – kompetansebehov"),
    (
        "03",
        datetime.date(2018, 2, 1),
        "Budsjett med kostnadsfordeling behandlet i kommunene (HA 4)",
    ),
    ("04", datetime.date(2018, 3, 1), "Avtaleverk behandlet i kommunene (HA 5)"),
]
DECISION_POINTS = [
    (1, datetime.date(2017, 11, 1), "Prosjektstart", "Prosjektplan godkjent av PA/styringsgruppe"),
    (
        2,
        datetime.date(2018, 4, 30),
        "Prosjektavslutning",
        "Sluttrapport godkjent av PA/styringsgruppe",
    ),
]
ACTIVITIES = [
    ("", "Etablere prosjekt- og styringsgruppe med representanter fra beslutningstagerne", ""),
    ("", "Gjennomføre statusmøter, styringsgruppemøter og prosjektgruppemøter/koordineringsmøter", ""),
    ("HA 2", "Workshop med alle næringsutviklere og representanter fra næringsliv: innholdet i tjenestene",
     "Dokumenteres med notat som oppsummerer innholdet i tjenestene."),
    ("HA 3", "Workshop med alle næringsutviklere og representanter fra næringsliv: kompetansebehov",
     "Dokumenteres med notat som oppsummerer kompetansebehov i tjenestene."),
    ("HA 4", "Budsjett med kostnadsfordeling", "Behandlet i kommunene."),
    ("HA 5", "Avtaleverk", "Behandlet i kommunene."),
    ("", "Styringsgruppa besøker annen region som har etablert hensiktsmessig modell for regionalt samarbeid", ""),
    ("", "Dialog med FoU og andre for å finne andre relevante case/eksempler", ""),
    ("", "Presentasjon av resultater underveis og i forbindelse med prosjektavslutning", ""),
]  # fmt: skip
ROLES = [
    ("owner", "Gratangen kommune", "prosjekteier og oppdragsgiver", ""),
    ("owner", "Bardu kommune", "", ""),
    ("owner", "Salangen kommune", "", ""),
    ("owner", "Lavangen kommune", "", ""),
    ("client", "Gratangen kommune", "", ""),
    ("responsible", "Ole Kristian Severinsen", "rådmann", "Gratangen kommune"),
    ("manager", "Knut Baglo", "", "Proneo AS"),
    ("group", "Anders Linga", "", "Proneo AS"),
    ("group", "Tore Svartås", "", "Proneo AS"),
    ("group", "Linda Flaaten-Stokkan", "", "SPIRE/Gratangen kommune"),
    ("group", "Cato Haakseth", "", "SPIRE"),
    ("group", "Christian Ekeland", "", "Lavangen kommune"),
    ("group", "Bjørn Nordmo", "", "Salangen kommune/Astafjord utvikling AS"),
    ("group", "Jan Håvard Selseng", "", "Bardu kommune"),
    ("steering", "Ole Kristian Severinsen", "prosjektansvarlig", "Gratangen kommune"),
    ("steering", "Toralf Heimdal", "ordfører", "Bardu kommune"),
    ("steering", "Eva Ottesen", "ordfører", "Gratangen kommune"),
    ("steering", "Bernhardt Halvorsen", "ordfører", "Lavangen kommune"),
    ("steering", "Sigrun Wiggen Prestbakmo", "ordfører", "Salangen kommune"),
    ("observer", "Trond Erik Dekko Andersen", "observatør", "Innovasjon Norge"),
]
PURPOSE = (
    "Utvikling og implementering av desentralisert løsning, formalisert samarbeid om "
    "næringsutviklingsarbeidet i regionen. Varighet 6 måneder. Eies av de fire kommunene, "
    "Gratangen som omstillingskommune er oppdragsgiver. Kan finansieres av Troms fylkeskommune, "
    "Innovasjon Norge og kommunene."
)
IMPROVEMENTS = (
    "Tilby bedre og mer relevante tjenester overfor lokalt næringsliv, som igjen skal bedre "
    "lønnsomheten i næringslivet og føre til flere arbeidsplasser.\n"
    "Styrke næringsutviklertjenesten i regionen med tanke på spisskompetanse og fagmiljø."
)
# Example budget (not from the document): whole kroner.
COSTS = [
    ("services", 2017, 240_000, "Prosjektledelse og prosessledelse (kjøpt)"),
    ("services", 2018, 360_000, "Prosjektledelse og prosessledelse (kjøpt)"),
    ("own_hours", 2018, 200_000, "Kommunenes egne timer"),
    ("travel", 2018, 50_000, "Studietur for styringsgruppa"),
    ("workshops", 2017, 30_000, "Workshop HA 2"),
    ("workshops", 2018, 30_000, "Workshop HA 3"),
]
FINANCING = [
    ("county", 400_000, "Troms fylkeskommune"),
    ("innovation_norway", 250_000, "Innovasjon Norge"),
    ("municipalities", 260_000, "Bardu, Gratangen, Lavangen og Salangen"),
]
# Example council treatments of the pre-study's final report (seed: "during September and October").
TREATMENTS = [
    ("Bardu", "council", datetime.date(2017, 9, 21), "adopted", "PS 45/17"),
    ("Gratangen", "council", datetime.date(2017, 9, 26), "adopted", "PS 38/17"),
    ("Salangen", "council", datetime.date(2017, 10, 5), "adopted_changed", "PS 52/17"),
    ("Lavangen", "council", datetime.date(2017, 10, 12), "pending", ""),
]


def _reset() -> None:
    Project.objects.filter(title__in=[PRE_STUDY, PRE_PROJECT]).delete()


@transaction.atomic
def demo_collaboration_load() -> None:
    """(Re-)create the Sør-Troms pre-study and pre-project."""
    _reset()
    region = Region.objects.get(slug="sor-troms")
    municipalities = {
        name: Municipality.objects.get(number=number) for name, number in NUMBERS.items()
    }
    members = list(municipalities.values())
    pre_study = services.project_create(
        actor=None,
        region=region,
        title=PRE_STUDY,
        stage="pre_study",
        purpose=(
            "Pilot-forstudie i Sør-Troms for kommunene Bardu, Gratangen, Lavangen og Salangen, "
            "gjennomført i perioden februar til juni 2017."
        ),
        start_date=datetime.date(2017, 2, 1),
        end_date=datetime.date(2017, 6, 30),
        is_published=True,
        municipalities=members,
        source=SOURCE,
    )
    report = services.decision_point_add(
        actor=None,
        project=pre_study,
        number=1,
        date=datetime.date(2017, 6, 19),
        topic="Sluttrapport forstudie",
        documentation="Sluttrapport; til politisk behandling i alle fire kommuner",
        decided_by="Styringsgruppa og kommunestyrene",
        needs_all_councils=True,
    )
    services.decision_record(
        actor=None,
        point=report,
        decided_on=datetime.date(2017, 6, 19),
        decision_text="Sluttrapporten ble vedtatt av styringsgruppa.",
        decision_by_name="Styringsgruppa",
    )
    for name, body, day, outcome, case in TREATMENTS:
        services.treatment_add(
            actor=None,
            point=report,
            municipality=municipalities[name],
            body=body,
            meeting_date=day,
            outcome=outcome,
            case_number=case,
            is_example=True,
        )

    project = services.project_create(
        actor=None,
        region=region,
        title=PRE_PROJECT,
        stage="pre_project",
        previous=pre_study,
        purpose=PURPOSE,
        improvements=IMPROVEMENTS,
        start_date=datetime.date(2017, 11, 1),
        end_date=datetime.date(2018, 4, 30),
        is_published=True,
        municipalities=members,
        source=SOURCE,
    )
    for kind, name, title, organisation in ROLES:
        services.role_add(
            actor=None,
            project=project,
            kind=kind,
            name=name,
            title=title,
            organisation=organisation,
        )
    for code, title, result in ACTIVITIES:
        services.activity_add(actor=None, project=project, code=code, title=title, result=result)
    for code, day, marker in MILESTONES:
        services.milestone_add(actor=None, project=project, number=code, date=day, marker=marker)
    for point_number, day, topic, documentation in DECISION_POINTS:
        services.decision_point_add(
            actor=None,
            project=project,
            number=point_number,
            date=day,
            topic=topic,
            documentation=documentation,
            decided_by="PA/styringsgruppe",
        )
    for category, year, planned, description in COSTS:
        services.cost_line_add(
            actor=None,
            project=project,
            category=category,
            year=year,
            planned=planned,
            spent=planned if year == 2017 else 0,
            description=description,
            is_example=True,
        )
    for kind, amount, name in FINANCING:
        services.financing_add(
            actor=None, project=project, kind=kind, amount=amount, name=name, is_example=True
        )
    services.cost_key_add(actor=None, project=project, name="Likt", equal_percent=100)
    services.cost_key_add(
        actor=None,
        project=project,
        name="Folketall",
        population_percent=100,
        population_date=datetime.date(2018, 1, 1),
    )
    mixed = services.cost_key_add(
        actor=None,
        project=project,
        name="30 % likt, 70 % folketall",
        equal_percent=30,
        population_percent=70,
        population_date=datetime.date(2018, 1, 1),
    )
    services.cost_key_choose(actor=None, key=mixed)
    meeting = services.meeting_add(
        actor=None,
        project=project,
        kind="steering_group",
        date=datetime.date(2017, 11, 1),
        title="Styringsgruppemøte – prosjektstart (eksempel)",
        attendees="\n".join(
            name for kind, name, _t, _o in ROLES if kind in ("steering", "observer")
        ),
        minutes="Eksempel: referatet er laget for demonstrasjon.",
        is_example=True,
    )
    services.agenda_item_add(
        actor=None,
        meeting=meeting,
        number=1,
        year=2017,
        title="Prosjektplan for forprosjektet (BP 1)",
        decision="Eksempel: Prosjektplanen godkjennes.",
    )
    agreement = services.agreement_create(
        actor=None,
        project=project,
        title="Samarbeidsavtale om næringsvennlig region (eksempel)",
        date=datetime.date(2018, 2, 15),
        text="Eksempel: avtaleteksten er laget for demonstrasjon.",
        is_example=True,
    )
    first_version = agreement.versions.get()
    for number, signed_on in (
        ("5520", datetime.date(2018, 3, 5)),
        ("5522", datetime.date(2018, 3, 8)),
    ):
        municipality = next((m for m in members if m.number == number), None)
        if municipality is not None:
            services.agreement_sign(
                actor=None,
                version=first_version,
                municipality=municipality,
                signed_on=signed_on,
                signed_by="Ordfører (eksempel)",
                is_example=True,
            )
    services.status_report_create(
        actor=None,
        project=project,
        period_start=datetime.date(2017, 11, 1),
        period_end=datetime.date(2017, 12, 31),
        status="at_risk",
        explanation=(
            "Eksempel: workshopene er holdt, men budsjettet med kostnadsfordeling er ennå ikke "
            "behandlet i alle kommunene."
        ),
        is_example=True,
    )
