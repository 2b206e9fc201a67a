"""Demo data for innovation challenges: Notodden city region (seed 002).

Seed 002 says the region "challenged the municipalities to put forward concrete problems within
water and sewage/pollution" and asked how suppliers in the region could solve them; pilot companies
with technical solutions for environment and purification have started in pilot municipalities.
Everything below the seed's own words is invented and marked as an example (`is_example`: a
banner on every page, "(eksempel)" in titles, a column in exports): the challenge, the dialogue
meeting and its questions, three example companies and their answers, the assessment and the pilot.
The example companies have made-up organisation numbers (valid check digit, facts not fetched).
Everything is written through the services; re-running replaces the demo's own records.
"""

import datetime
import zoneinfo

from django.db import transaction

from samspill.accounts.models import Organisation, RoleAssignment, User
from samspill.challenges import services
from samspill.challenges.models import Challenge, Pilot, Stage, Supplier
from samspill.inquiries.orgnr import organisation_number_check_digit
from samspill.regions.models import Municipality
from samspill.search.models import Kind
from samspill.search.services import index_remove

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
NOTODDEN, TINN, HJARTDAL = "4005", "4026", "4024"


def _at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=OSLO)


def example_number(seed: int) -> str:
    """A made-up organisation number with a valid check digit (never looked up)."""
    base = 81_999_900 + seed
    while organisation_number_check_digit(f"{base:08d}") is None:
        base += 1
    return f"{base:08d}{organisation_number_check_digit(f'{base:08d}')}"


# (username, full name, municipality number) of the demo assessors.
ASSESSORS = [
    ("notodden", "Nina Notodden", NOTODDEN),
    ("tinn", "Tore Tinn", TINN),
]

SUPPLIERS = [
    (
        "leverandor",
        "Lise Leverandør",
        "Telemark Vannteknikk AS (eksempel)",
        NOTODDEN,
        "Lekkasjesøk og overvåking av vann- og avløpsnett med akustiske sensorer og strømningsmålere.",
        "lekkasjesøk, sensorer, vann og avløp",
        1,
    ),
    (
        "rorinspeksjon",
        "Rolf Rør",
        "Rørinspeksjon Øst-Telemark AS (eksempel)",
        HJARTDAL,
        "Filming og robotinspeksjon av avløpsrør, tilstandsvurdering og rehabiliteringsplaner.",
        "rørinspeksjon, robot, avløp",
        2,
    ),
    (
        "renseteknikk",
        "Rita Rens",
        "Tinn Renseteknikk AS (eksempel)",
        TINN,
        "Små renseanlegg og slambehandling for spredt bebyggelse; miljø- og renseteknologi.",
        "renseteknologi, slam, miljø",
        3,
    ),
]

ANSWERS = {
    "leverandor": (
        "Faste akustiske sensorer på hovedledningene og strømningsmålere i kummene, med varsel "
        "når nattforbruket stiger. Lekkasjer lokaliseres innen et døgn.",
        850_000,
        "4 måneder til drift",
        "Prøvd i to kommuner i Vestfold (eksempel).",
    ),
    "rorinspeksjon": (
        "Robotinspeksjon av de eldste avløpsstrekkene for å finne innlekking av fremmedvann, "
        "og en prioritert plan for tetting.",
        1_200_000,
        "6 måneder",
        "",
    ),
    "renseteknikk": (
        "Måling av fremmedvann ved renseanlegget og modellering av hvor det kommer fra.",
        400_000,
        "3 måneder",
        "Brukt ved eget anlegg i Tinn (eksempel).",
    ),
}


def _user(username: str, full_name: str, password: str) -> User:
    first, _, last = full_name.partition(" ")
    user, _created = User.objects.get_or_create(username=username)
    user.first_name, user.last_name = first, last
    user.email = f"{username}@example.invalid"
    user.set_password(password)
    user.save()
    return user


def _assessor(username: str, full_name: str, number: str, password: str) -> User:
    user = _user(username, full_name, password)
    RoleAssignment.objects.get_or_create(
        user=user,
        role=RoleAssignment.Role.BUSINESS_DEVELOPER,
        municipality=Municipality.objects.get(number=number),
        region=None,
    )
    return user


def _clear() -> None:
    for pk in Challenge.objects.filter(is_example=True).values_list("pk", flat=True):
        index_remove(kind=Kind.CHALLENGE, object_id=pk)
    Challenge.objects.filter(is_example=True).delete()
    organisations = list(
        Supplier.objects.filter(is_example=True).values_list("organisation_id", flat=True)
    )
    Supplier.objects.filter(is_example=True).delete()
    User.objects.filter(organisation_id__in=organisations).update(organisation=None)
    Organisation.objects.filter(pk__in=organisations).delete()


@transaction.atomic
def demo_challenges_load(*, password: str, admin: User) -> Challenge:
    """Notodden city region's water-and-sewage challenge, from the need to a pilot in progress.

    `admin` (a site administrator) writes the owners' parts; the demo assessors score.
    """
    _clear()
    assessors = [_assessor(u, n, m, password) for u, n, m in ASSESSORS]
    owners = [Municipality.objects.get(number=n) for n in (NOTODDEN, TINN, HJARTDAL)]
    suppliers: dict[str, tuple[Supplier, User]] = {}
    for username, full_name, name, number, competence, tags, seed in SUPPLIERS:
        User.objects.filter(username=username).delete()
        first, _, last = full_name.partition(" ")
        supplier = services.supplier_register(
            username=username,
            email=f"{username}@example.invalid",
            password=password,
            first_name=first,
            last_name=last,
            organisation_number=example_number(seed),
            name=name,
            competence=competence,
            competence_tags=tags,
            municipality=Municipality.objects.get(number=number),
            is_example=True,
            fetch_facts=False,
        )
        suppliers[username] = (supplier, User.objects.get(username=username))

    challenge = services.challenge_create(
        actor=admin,
        municipalities=owners,
        is_example=True,
        title="Fremmedvann og lekkasjer i vann- og avløpsnettet (eksempel)",
        problem=(
            "Mye rent drikkevann forsvinner i lekkasjer, og regnvann og grunnvann lekker inn i "
            "avløpsnettet. Vi vet ikke godt nok hvor."
        ),
        affected=(
            "Innbyggerne (gebyrer, kjelleroversvømmelser), driftspersonellet i tre små kommuner "
            "og renseanleggene, som får for mye vann inn."
        ),
        cost_today=(
            "Anslått 2–3 millioner kroner i året i tapt vann, ekstra pumping og rensing for de "
            "tre kommunene samlet (eksempeltall)."
        ),
        good_result="Lekkasjer og innlekking finnes raskt, og mengden fremmedvann går ned.",
        measurement=(
            "Andel fremmedvann ved renseanleggene og nattforbruk i vannforsyningen, målt "
            "månedlig før og under piloten."
        ),
        area="water",
        budget_estimate=1_500_000,
        timeline="Markedsdialog høsten 2026, pilot vinter og vår 2027",
        procurement_route="dialogue_competition",
        answer_deadline=_at(2026, 10, 15, 12),
    )
    services.criteria_set(
        actor=admin,
        challenge=challenge,
        rows=[
            services.CriterionRow("Effekt på fremmedvann og lekkasjer", 50),
            services.CriterionRow("Kostnad over tid", 30),
            services.CriterionRow("Gjennomførbarhet i små kommuner", 20),
        ],
    )
    challenge = services.challenge_transition(
        actor=admin, challenge=challenge, to=Stage.DIALOGUE, now=_at(2026, 8, 20, 9)
    )
    services.meeting_create(
        actor=admin,
        challenge=challenge,
        starts_at=_at(2026, 9, 3, 10),
        place="Notodden rådhus (eksempel)",
        link="https://example.invalid/dialogmote",
        description="Kommunene presenterer behovet; leverandørene stiller spørsmål.",
    )
    for username, text, reply in [
        (
            "rorinspeksjon",
            "Finnes det ledningskart i digital form for alle tre kommunene?",
            "Ja, for Notodden og Tinn; Hjartdal har kart for hovedledningene (eksempel).",
        ),
        (
            "leverandor",
            "Kan leverandøren få tilgang til driftsdata fra pumpestasjonene?",
            "Ja, timesdata for det siste året deles med alle som svarer (eksempel).",
        ),
    ]:
        question = services.question_ask(
            actor=suppliers[username][1], challenge=challenge, text=text
        )
        services.question_answer(actor=admin, question=question, answer=reply)
    challenge = services.challenge_transition(
        actor=admin, challenge=challenge, to=Stage.ANSWERS, now=_at(2026, 9, 10, 9)
    )
    answers = {}
    for username, (solution, cost, time, elsewhere) in ANSWERS.items():
        answers[username] = services.answer_submit(
            actor=suppliers[username][1],
            challenge=challenge,
            solution=solution,
            estimated_cost=cost,
            estimated_time=time,
            tried_elsewhere=elsewhere,
            now=_at(2026, 10, 1, 14),
            is_example=True,
        )
    challenge = services.challenge_transition(
        actor=admin, challenge=challenge, to=Stage.ASSESSMENT, now=_at(2026, 10, 15, 12)
    )
    criteria = list(challenge.criteria.all())
    scores = {"leverandor": (8, 7, 8), "rorinspeksjon": (7, 5, 6), "renseteknikk": (5, 8, 7)}
    for assessor in assessors:
        for username, answer in answers.items():
            services.conflict_declare(actor=assessor, answer=answer, has_conflict=False)
            for criterion, value in zip(criteria, scores[username], strict=True):
                services.score_record(
                    actor=assessor,
                    answer=answer,
                    criterion=criterion,
                    value=value,
                    justification="Vurdert ut fra svaret (eksempel).",
                )
    for username, answer in answers.items():
        for criterion, value in zip(criteria, scores[username], strict=True):
            services.score_record(
                actor=assessors[0],
                answer=answer,
                criterion=criterion,
                value=value,
                justification="Felles vurdering etter møte mellom vurdererne (eksempel).",
                joint=True,
            )
    pilot = services.pilot_select(
        actor=assessors[0],
        answer=answers["leverandor"],
        reason="Høyest vektet sum; løsningen kan prøves i alle tre kommuner uten graving (eksempel).",
    )
    challenge = services.challenge_transition(actor=admin, challenge=challenge, to=Stage.PILOT)
    services.pilot_update(
        actor=assessors[0],
        pilot=pilot,
        plan="Sensorer på 12 km hovedledning i Notodden og 5 km i Tinn i fire måneder (eksempel).",
        starts_on=datetime.date(2026, 11, 15),
        ends_on=datetime.date(2027, 3, 15),
        results="Første måned: tre lekkasjer funnet og tettet (eksempel).",
    )
    services.milestone_add(
        actor=assessors[0],
        pilot=pilot,
        title="Sensorene montert",
        due_on=datetime.date(2026, 12, 1),
    )
    services.milestone_add(
        actor=assessors[0],
        pilot=pilot,
        title="Midtveisrapport med målinger",
        due_on=datetime.date(2027, 1, 31),
    )
    milestone = pilot.milestones.order_by("due_on").first()
    if milestone is not None:
        services.milestone_report(
            actor=assessors[0], milestone=milestone, done=True, result="Montert på 17 km"
        )
    assert Pilot.objects.filter(pk=pilot.pk, decision="").exists()  # noqa: S101 - in progress
    challenge.refresh_from_db()
    return challenge
