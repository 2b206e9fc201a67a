# mypy: disallow-untyped-calls=False, disallow-untyped-decorators=False
# (factory_boy's declarations are untyped; the factories' .create() results are typed.)
"""Factories for inquiries, companies, advisers and the municipalities' business services."""

from decimal import Decimal

import factory
from factory.declarations import LazyFunction, SubFactory
from factory.faker import Faker
from factory.helpers import post_generation

from samspill.accounts.models import User
from samspill.inquiries.models import (
    AdviserProfile,
    Company,
    Inquiry,
    InquiryContact,
    InquiryNote,
    MunicipalityService,
    Need,
    RoutingRule,
)
from samspill.regions.models import Region
from tests.accounts.factories import UserFactory


def sor_troms() -> Region:
    return Region.objects.get(slug="sor-troms")


class CompanyFactory(factory.django.DjangoModelFactory[Company]):
    class Meta:
        model = Company
        django_get_or_create = ("organisation_number",)

    organisation_number = "923609016"
    name = "EQUINOR ASA"


class InquiryFactory(factory.django.DjangoModelFactory[Inquiry]):
    class Meta:
        model = Inquiry
        skip_postgeneration_save = True

    region = LazyFunction(sor_troms)
    company_name = Faker("company", locale="no_NO")
    needs = LazyFunction(lambda: [Need.SITE.value])
    area_m2 = 20_000
    source = Inquiry.Source.PUBLIC_FORM
    status = Inquiry.Status.NEW

    @post_generation
    def municipalities(
        self, create: bool, extracted: list[object] | None, **kwargs: object
    ) -> None:
        if create and extracted:
            self.municipalities.set(extracted)

    @post_generation
    def assigned_advisers(
        self: Inquiry, create: bool, extracted: list[User] | None, **kwargs: object
    ) -> None:
        if create and extracted:
            self.assigned_advisers.set(extracted)


class InquiryContactFactory(factory.django.DjangoModelFactory[InquiryContact]):
    class Meta:
        model = InquiryContact

    inquiry = SubFactory(InquiryFactory)
    name = "Kari Nordmann"
    email = "kari@example.invalid"
    phone = "+47 400 00 000"


class InquiryNoteFactory(factory.django.DjangoModelFactory[InquiryNote]):
    class Meta:
        model = InquiryNote

    inquiry = SubFactory(InquiryFactory)
    author = SubFactory(UserFactory)
    text = "Ringte bedriften."


class AdviserProfileFactory(factory.django.DjangoModelFactory[AdviserProfile]):
    class Meta:
        model = AdviserProfile

    user = SubFactory(UserFactory)
    competence_areas = LazyFunction(lambda: [Need.SITE.value])


class MunicipalityServiceFactory(factory.django.DjangoModelFactory[MunicipalityService]):
    class Meta:
        model = MunicipalityService

    organisation = "Næringssjef"
    person_years = Decimal(1)


class RoutingRuleFactory(factory.django.DjangoModelFactory[RoutingRule]):
    class Meta:
        model = RoutingRule

    region = LazyFunction(sor_troms)
    adviser = SubFactory(UserFactory)
    need = ""
    municipality = None
    priority = 100
