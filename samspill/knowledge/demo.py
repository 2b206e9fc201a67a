"""Demo data for shared knowledge: Sør-Troms' workshop memos and decisions (seed 004), the summary
of Trondheimsregionen's strategy attached to its strategy (seed 001), and a few templates.

What the seeds say is used in their own words (the plan's workshops, milestones and decision
points, today's organisation of the business services, the strategy's six focus areas). What they
do not say — the content of the workshop memos, the templates — is invented and marked as an
example (`is_example`: a banner on the page, a column in exports, "(eksempel)" in the title).
Everything is written through the services; re-running replaces the demo's own records.
"""

import datetime

from django.db import transaction

from samspill.accounts.models import User
from samspill.knowledge import services
from samspill.knowledge.models import (
    Decision,
    DecisionBody,
    Document,
    DocumentGroup,
    DocumentKind,
    Visibility,
)
from samspill.regions.models import Municipality, Region
from samspill.search.models import Kind
from samspill.search.services import index_remove
from samspill.strategy.models import Strategy

SOR_TROMS_NUMBERS = ["5520", "5516", "5518", "5522"]  # Bardu, Gratangen, Lavangen, Salangen
GROUP_NAME = "Styringsgruppa, Næringsvennlig region Sør-Troms"
SEED_004 = "Kilde: prosjektplan for forprosjektet «Næringsvennlig region», Gratangen 28.09.2017."

ORGANISATION_TABLE = """\
| Kommune | Hvordan? | Tilgjengelige årsverk | Næringsforening? |
|---|---|---|---|
| Bardu | Næringssjef. Førstelinjetjeneste fra Vinn i Narvik | 1 + kjøp av førstelinjetjeneste (tilsvarende ca. 0,2 årsverk) | Ja |
| Gratangen | Omstillingsorganisasjonen SPIRE. Næringspropell i kommuneadministrasjon | 1,5 årsverk i SPIRE, 0,5 i kommuneadministrasjon | Ja |
| Lavangen | Næringssjef | 1 | Nei |
| Salangen | I det kommunalt eide aksjeselskapet Astafjord Utvikling | Selskapet har 3,5 årsverk, 2 personer er knyttet til næringsarbeidet med til sammen 0,5 årsverk | Ja |
"""

WORKSHOP_SERVICES = f"""\
# Workshop HA 2 – innholdet i tjenestene

> **Eksempel.** Overskriftene og formålet er fra prosjektplanen; innholdet under «Innholdet i
> tjenestene» er demodata, ikke det workshopen faktisk kom fram til.

## Formål

Workshop med alle næringsutviklere og representanter fra næringsliv der formålet er å utvikle et
innhold i tjenestene tilpasset næringslivets og regionens behov. Dokumenteres med notat som
oppsummerer innholdet i tjenestene.

## Dagens organisering

{ORGANISATION_TABLE}
## Innholdet i tjenestene (eksempel)

- Én felles inngang for bedrifter som vil etablere seg eller vokse i regionen.
- Førstelinjetjeneste i hver kommune, med henvisning til spisskompetanse i nabokommunen.
- Felles oversikt over ledige næringsarealer og lokaler.

{SEED_004}
"""

WORKSHOP_COMPETENCE = f"""\
# Workshop HA 3 – kompetansebehov

> **Eksempel.** Overskriftene og formålet er fra prosjektplanen; innholdet under
> «Kompetansebehov i tjenestene» er demodata.

## Formål

Workshop med alle næringsutviklere og representanter fra næringsliv der formålet er å definere
kompetansebehov. Dokumenteres med notat som oppsummerer kompetansebehov i tjenestene.

## Kompetansebehov i tjenestene (eksempel)

- Finansiering og virkemiddelapparatet.
- Arealplanlegging og næringsareal.
- Rekruttering og kompetanseheving i små bedrifter.

{SEED_004}
"""

PROJECT_PLAN = f"""\
# Prosjektplan – forprosjekt Næringsvennlig region Sør-Troms

## Vi står nå foran forprosjektet der det skal jobbes med

- Etablere prosjekt- og styringsgruppe med representanter fra beslutningstagerne.
- Gjennomføre statusmøter, styringsgruppemøter og prosjektgruppemøter/koordineringsmøter.
- Presentasjon av resultater underveis og i forbindelse med prosjektavslutning.
- Annet informasjons- og kommunikasjonsarbeid.
- Styringsgruppa besøker annen region som har etablert hensiktsmessig modell for regionalt samarbeid.
- Gjennomføre workshop med alle næringsutviklere og representanter fra næringsliv der formålet er å
  utvikle et innhold i tjenestene tilpasset næringslivets og regionens behov.
- Gjennomføre workshop med alle næringsutviklere og representanter fra næringsliv der formålet er å
  definere kompetansebehov.
- Dialog med FoU og andre for å finne andre relevante case/eksempler.

## Milepæler

| Nr. | Dato | Tilstand/hendelse |
|---|---|---|
| 01 | 15.11.17 | Gjennomført workshop HA 2 – innholdet i tjenestene |
| 02 | 15.12.18 | Gjennomført workshop HA 3 – kompetansebehov |
| 03 | 01.02.18 | Budsjett med kostnadsfordeling behandlet i kommunene (HA 4) |
| 04 | 01.03.18 | Avtaleverk behandlet i kommunene (HA 5) |

## Beslutningspunkter

| BP | Dato | Tema | Dokumentasjon |
|---|---|---|---|
| 1 | 1. november 2017 | Prosjektstart | Prosjektplan godkjent av PA/styringsgruppe |
| 2 | 30. april 2018 | Prosjektavslutning | Sluttrapport godkjent av PA/styringsgruppe |

{SEED_004}
"""

STRATEGY_SUMMARY = """\
# Verdiskapingsstrategi for Trondheimsregionen – sammendrag

De åtte kommunene i regionen har vedtatt en felles plan for økt verdiskaping: Trondheim, Stjørdal,
Malvik, Melhus, Midtre Gauldal, Skaun, Orkland og Indre Fosen. Strategien beskriver seks
satsingsområder, sterkt forenklet her:

1. **Arbeidskraft.** Mangel på nok og rett kompetanse er største hinder mot næringsutvikling,
   ifølge bedriftene våre.
2. **Teknologi.** Målet er 1000 tekno-selskap (800 i dag) med 20 000 ansatte i 2025.
3. **Forskning og innovasjon.** Målet er å nå topp 15 på EUs Regional Innovation Scoreboard.
4. **Kommunene selv.** De åtte kommunene skal være de mest næringsvennlige i Norge. Et viktig mål
   er tilstrekkelig med egnede næringsareal og attraktive boligtomter.
5. **Opplevelser.** Trondheimsregionen trenger et felles profilerings- og destinasjonsselskap.
6. **Bioøkonomi.** Vi har et mål om å bli en internasjonalt anerkjent matregion.

Kommunene i Trondheimsregionen skal lage sine egne handlingsplaner basert på
Verdiskapingsstrategien.

Kilde: Trondheimsregionen, «Verdiskapingsstrategi for Trondheimsregionen» (sterkt forenklet gjengitt).
"""

TEMPLATES = [
    (
        "Mal: notat fra workshop (eksempel)",
        "Overskrifter for et workshopnotat: formål, deltakere, hva vi kom fram til, oppfølging.",
        "# Notat fra workshop: <tema>\n\n## Formål\n\n## Deltakere\n\n## Hva vi kom fram til\n\n"
        "## Oppfølging (hva, hvem, når)\n",
    ),
    (
        "Mal: samarbeidsavtale mellom kommuner (eksempel)",
        "Punktene en avtale om regionalt samarbeid om næringsutvikling bør ha.",
        "# Avtale om samarbeid om næringsutvikling\n\n## 1. Parter\n\n## 2. Formål\n\n"
        "## 3. Organisering og styring\n\n## 4. Kostnadsfordeling\n\n## 5. Varighet og oppsigelse\n",
    ),
    (
        "Eksempel: kostnadsfordeling mellom kommuner (eksempel)",
        "Et regneeksempel: halvparten likt, halvparten etter folketall. Tallene er oppdiktet.",
        "# Kostnadsfordeling (eksempel)\n\nHalvparten fordeles likt, halvparten etter folketall.\n\n"
        "| Kommune | Likt | Etter folketall | Sum |\n|---|---|---|---|\n"
        "| Kommune A | 100 000 | 150 000 | 250 000 |\n| Kommune B | 100 000 | 50 000 | 150 000 |\n",
    ),
]

DEMO_TITLES = [
    "Notat fra workshop HA 2 – innholdet i tjenestene (eksempel)",
    "Notat fra workshop HA 3 – kompetansebehov (eksempel)",
    "Prosjektplan – forprosjekt Næringsvennlig region Sør-Troms",
    "Verdiskapingsstrategi for Trondheimsregionen – sammendrag",
    *[title for title, _summary, _body in TEMPLATES],
]
DEMO_DECISIONS = [
    "Sluttrapport for forstudien vedtatt",
    "BP 1 Prosjektstart: prosjektplan godkjent (eksempel)",
]


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def _reset() -> None:
    decisions = Decision.objects.filter(title__in=DEMO_DECISIONS)
    documents = Document.objects.filter(title__in=DEMO_TITLES)
    for pk in decisions.values_list("pk", flat=True):
        index_remove(kind=Kind.DECISION, object_id=pk)
    for pk in documents.values_list("pk", flat=True):
        index_remove(kind=Kind.DOCUMENT, object_id=pk)
    decisions.delete()
    documents.delete()


@transaction.atomic
def demo_knowledge_load() -> None:
    """(Re-)create the demo documents, decisions, group and templates."""
    _reset()
    sor_troms = Region.objects.get(slug="sor-troms")
    municipalities = list(Municipality.objects.filter(number__in=SOR_TROMS_NUMBERS))
    coordinator = _user("sortroms")
    group, _created = DocumentGroup.objects.get_or_create(region=sor_troms, name=GROUP_NAME)
    group.members.set([u for u in (coordinator, _user("bardu")) if u is not None])

    memos = [
        ("Notat fra workshop HA 2 – innholdet i tjenestene (eksempel)", datetime.date(2017, 11, 15),
         WORKSHOP_SERVICES, ["workshop", "tjenester", "næringsutvikling"]),
        ("Notat fra workshop HA 3 – kompetansebehov (eksempel)", datetime.date(2018, 12, 15),
         WORKSHOP_COMPETENCE, ["workshop", "kompetanse", "næringsareal"]),
    ]  # fmt: skip
    for title, date, body, tags in memos:
        services.document_create(
            actor=None,
            region=sor_troms,
            title=title,
            kind=DocumentKind.MEMO,
            summary="Notat som oppsummerer workshopen (eksempelinnhold).",
            date=date,
            author_name="Prosjektgruppa",
            municipalities=municipalities,
            tags=tags,
            visibility=Visibility.REGION,
            links=[sor_troms],
            is_example=True,
            body_markdown=body,
        )
    plan = services.document_create(
        actor=None,
        region=sor_troms,
        title="Prosjektplan – forprosjekt Næringsvennlig region Sør-Troms",
        kind=DocumentKind.PLAN,
        summary="Arbeidspunkter, milepæler og beslutningspunkter fra prosjektplanen.",
        date=datetime.date(2017, 9, 28),
        author_name="Proneo AS / Gratangen kommune",
        municipalities=municipalities,
        tags=["prosjektplan", "næringsvennlig region"],
        visibility=Visibility.GROUP,
        group=group,
        body_markdown=PROJECT_PLAN,
    )
    services.version_approve(actor=coordinator, version=plan.versions.get())
    services.decision_create(
        actor=None,
        region=sor_troms,
        body=DecisionBody.STEERING_GROUP,
        body_name="Styringsgruppa for forstudien",
        date=datetime.date(2017, 6, 19),
        title="Sluttrapport for forstudien vedtatt",
        text="Sluttrapporten ble vedtatt av styringsgruppa i møte den 19. juni. " + SEED_004,
        visibility=Visibility.PUBLIC,
        links=[sor_troms],
    )
    services.decision_create(
        actor=None,
        region=sor_troms,
        body=DecisionBody.STEERING_GROUP,
        body_name=GROUP_NAME,
        date=datetime.date(2017, 11, 1),
        case_number="BP 1",
        title="BP 1 Prosjektstart: prosjektplan godkjent (eksempel)",
        text="Prosjektplan godkjent av PA/styringsgruppe. (Eksempel: beslutningspunktet er fra "
        "prosjektplanen; vedtaksteksten er demodata.)",
        visibility=Visibility.REGION,
        documents=[plan],
        is_example=True,
    )
    for title, summary, body in TEMPLATES:
        services.document_create(
            actor=None,
            region=sor_troms,
            title=title,
            kind=DocumentKind.TEMPLATE,
            summary=summary,
            tags=["maler", "eksempel"],
            visibility=Visibility.PUBLIC,
            is_reusable=True,
            is_example=True,
            body_markdown=body,
        )
    strategy = Strategy.objects.filter(region__slug="trondheimsregionen").order_by("-pk").first()
    if strategy is not None:
        services.document_create(
            actor=None,
            region=strategy.region,
            title="Verdiskapingsstrategi for Trondheimsregionen – sammendrag",
            kind=DocumentKind.PLAN,
            summary="Strategidokumentets sammendrag: seks satsingsområder.",
            author_name="Trondheimsregionen",
            tags=["strategi", "næringsareal", "teknologi"],
            visibility=Visibility.REGION,
            links=[strategy],
            body_markdown=STRATEGY_SUMMARY,
        )
