"""Factories for challenges, suppliers and answers (Notodden city region by default)."""

# mypy: disable-error-code="no-untyped-call,attr-defined,untyped-decorator"

import datetime

import factory
from django.utils import timezone

from samspill.accounts.models import Organisation, RoleAssignment, User
from samspill.challenges.models import (
    Answer,
    Area,
    Challenge,
    ChallengeOwner,
    Criterion,
    ProcurementRoute,
    Stage,
    Supplier,
)
from samspill.inquiries.orgnr import organisation_number_check_digit
from samspill.regions.models import Municipality
from tests.accounts.factories import UserFactory

NOTODDEN = "4005"
TINN = "4026"
HJARTDAL = "4024"
TRONDHEIM = "5001"


def valid_number(n: int) -> str:
    """The n-th valid organisation number from 810 000 000 on (mod-11 check digit)."""
    base = 81_000_000 + n * 3
    while organisation_number_check_digit(f"{base:08d}") is None:
        base += 1
    return f"{base:08d}{organisation_number_check_digit(f'{base:08d}')}"


def municipality(number: str) -> Municipality:
    return Municipality.objects.get(number=number)


def developer(number: str) -> User:
    user = UserFactory.create()
    RoleAssignment.objects.create(
        user=user, role=RoleAssignment.Role.BUSINESS_DEVELOPER, municipality=municipality(number)
    )
    return user


class ChallengeFactory(factory.django.DjangoModelFactory[Challenge]):
    class Meta:
        model = Challenge
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Lekkasjer i vannledningsnettet {n}")
    problem = "Vi mister en stor del av det rensede vannet i lekkasjer vi ikke finner."
    affected = "Innbyggerne og driftsavdelingen."
    cost_today = "Rundt 2 millioner kroner i året."
    good_result = "Lekkasjer finnes innen en uke."
    measurement = "Andel vann som ikke blir fakturert, målt månedlig."
    area = Area.WATER
    budget_estimate = 1_500_000
    procurement_route = ProcurementRoute.DIALOGUE_COMPETITION
    stage = Stage.DIALOGUE
    answer_deadline = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))

    @factory.post_generation
    def owners(
        self: Challenge, create: bool, extracted: list[str] | None, **kwargs: object
    ) -> None:  # type: ignore[misc]
        for number in extracted or [NOTODDEN]:
            ChallengeOwner.objects.create(challenge=self, municipality=municipality(number))


class CriterionFactory(factory.django.DjangoModelFactory[Criterion]):
    class Meta:
        model = Criterion

    challenge = factory.SubFactory(ChallengeFactory)
    name = factory.Sequence(lambda n: f"Kriterium {n}")
    weight = 50


class SupplierFactory(factory.django.DjangoModelFactory[Supplier]):
    class Meta:
        model = Supplier
        skip_postgeneration_save = True

    organisation = factory.SubFactory(
        "tests.accounts.factories.OrganisationFactory", kind=Organisation.Kind.SUPPLIER
    )
    organisation_number = factory.Sequence(valid_number)
    name = factory.Sequence(lambda n: f"Leverandør {n} AS")
    competence = "Vannrensing og sensorer"
    competence_tags = "vannrensing, sensorer"
    municipality = factory.LazyFunction(lambda: municipality(NOTODDEN))


def supplier_user(supplier: Supplier) -> User:
    return UserFactory.create(organisation=supplier.organisation)


class AnswerFactory(factory.django.DjangoModelFactory[Answer]):
    class Meta:
        model = Answer

    challenge = factory.SubFactory(ChallengeFactory, stage=Stage.ANSWERS)
    supplier = factory.SubFactory(SupplierFactory)
    solution = "Akustiske sensorer på hovedledningene."
    changed_at = factory.LazyFunction(timezone.now)
