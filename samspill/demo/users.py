"""Demo users: one per role, with the regions and municipalities of the seeds."""

from dataclasses import dataclass

from django.db import transaction

from samspill.accounts.models import Organisation, RoleAssignment, User
from samspill.regions.models import Municipality, Region

DEMO_PASSWORD = "samspill-demo"  # noqa: S105 - printed on purpose by `make run`; demo only


@dataclass(frozen=True)
class DemoUser:
    """A demo login and what it may do."""

    username: str
    full_name: str
    description: str
    role: str | None = None
    region_slug: str | None = None
    municipality_number: str | None = None
    superuser: bool = False


DEMO_USERS = [
    DemoUser(
        "admin", "Ada Administrator", "nettstedsadministrator / site administrator", superuser=True
    ),
    DemoUser(
        "koordinator",
        "Kari Koordinator",
        "regional koordinator, Trondheimsregionen",
        RoleAssignment.Role.COORDINATOR,
        region_slug="trondheimsregionen",
    ),
    DemoUser(
        "trondheim",
        "Tor Trondheim",
        "næringsutvikler, Trondheim kommune",
        RoleAssignment.Role.BUSINESS_DEVELOPER,
        municipality_number="5001",
    ),
    DemoUser(
        "stjordal",
        "Siri Stjørdal",
        "næringsutvikler, Stjørdal kommune",
        RoleAssignment.Role.BUSINESS_DEVELOPER,
        municipality_number="5035",
    ),
    DemoUser(
        "bardu",
        "Berit Bardu",
        "næringsutvikler, Bardu kommune",
        RoleAssignment.Role.BUSINESS_DEVELOPER,
        municipality_number="5520",
    ),
    DemoUser(
        "salangen",
        "Sara Salangen",
        "næringsutvikler, Salangen kommune",
        RoleAssignment.Role.BUSINESS_DEVELOPER,
        municipality_number="5522",
    ),
    DemoUser(
        "sortroms",
        "Sigurd Sør-Troms",
        "prosjektleder, Næringsvennlig region Sør-Troms",
        RoleAssignment.Role.COORDINATOR,
        region_slug="sor-troms",
    ),
    DemoUser(
        "politiker",
        "Per Politiker",
        "leser (politiker), Trondheimsregionen",
        RoleAssignment.Role.VIEWER,
        region_slug="trondheimsregionen",
    ),
]


@transaction.atomic
def demo_users_create() -> list[DemoUser]:
    """Create (or reset) the demo users and their roles. Idempotent."""
    for demo in DEMO_USERS:
        first, _, last = demo.full_name.partition(" ")
        user, _created = User.objects.get_or_create(username=demo.username)
        user.first_name, user.last_name = first, last
        user.email = f"{demo.username}@example.invalid"
        user.is_superuser = user.is_staff = demo.superuser
        user.title = demo.description
        if demo.municipality_number:
            municipality = Municipality.objects.get(number=demo.municipality_number)
            user.organisation, _ = Organisation.objects.get_or_create(
                name=f"{municipality.name} kommune",
                kind=Organisation.Kind.MUNICIPALITY,
                municipality=municipality,
            )
        elif demo.region_slug:
            region = Region.objects.get(slug=demo.region_slug)
            user.organisation, _ = Organisation.objects.get_or_create(
                name=f"{region.name} (sekretariat)",
                kind=Organisation.Kind.REGIONAL_COUNCIL,
                region=region,
            )
        if _created:
            user.set_password(DEMO_PASSWORD)
        user.save()
        if demo.role:
            RoleAssignment.objects.get_or_create(
                user=user,
                role=demo.role,
                region=Region.objects.get(slug=demo.region_slug) if demo.region_slug else None,
                municipality=Municipality.objects.get(number=demo.municipality_number)
                if demo.municipality_number
                else None,
            )
    return DEMO_USERS
