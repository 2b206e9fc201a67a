"""Factories for users and roles."""

import factory

from samspill.accounts.models import RoleAssignment, User
from tests.regions.factories import MunicipalityFactory, RegionFactory


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="no_NO")
    last_name = factory.Faker("last_name", locale="no_NO")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.invalid")
    password = factory.django.Password("test-password")


class CoordinatorRoleFactory(factory.django.DjangoModelFactory[RoleAssignment]):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    role = RoleAssignment.Role.COORDINATOR
    region = factory.SubFactory(RegionFactory)
    municipality = None


class BusinessDeveloperRoleFactory(factory.django.DjangoModelFactory[RoleAssignment]):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    role = RoleAssignment.Role.BUSINESS_DEVELOPER
    region = None
    municipality = factory.SubFactory(MunicipalityFactory)


class ViewerRoleFactory(factory.django.DjangoModelFactory[RoleAssignment]):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    role = RoleAssignment.Role.VIEWER
    region = factory.SubFactory(RegionFactory)
    municipality = None
