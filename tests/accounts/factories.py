"""Factories for users and roles."""

import factory

from samspill.accounts.models import IdentityProvider, Organisation, RoleAssignment, User
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


class OrganisationFactory(factory.django.DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Kommune {n}")
    kind = Organisation.Kind.MUNICIPALITY


class IdentityProviderFactory(factory.django.DjangoModelFactory[IdentityProvider]):
    class Meta:
        model = IdentityProvider

    organisation = factory.SubFactory(OrganisationFactory)
    slug = factory.Sequence(lambda n: f"idp{n}")
    issuer = "https://login.example.invalid/tenant/v2.0"
    client_id = factory.Sequence(lambda n: f"client-{n}")
    client_secret_env = "SAMSPILL_TEST_OIDC_SECRET"
