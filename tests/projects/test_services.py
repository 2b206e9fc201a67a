"""The register's writes: validation next to the field, permissions as a matrix, audit, versions."""

import itertools
import math
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from samspill.audit.models import AuditEntry
from samspill.core.exceptions import ConflictError, PermissionDeniedError
from samspill.projects.models import Project
from samspill.projects.periods import period_parse
from samspill.projects.services import project_create, project_update
from samspill.regions.models import Municipality, Region
from tests.projects.conftest import project_input, user_with
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def _entries(project: Project) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Project), object_pk=str(project.pk)
    )


def _haversine_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    lon1, lat1, lon2, lat2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6_371_000 * math.asin(math.sqrt(h))


def _errors(data_overrides: dict[str, object], region: Region) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        project_create(actor=None, region=region, data=project_input(**data_overrides))
    return caught.value.message_dict


def test_a_project_is_created_measured_and_audited(region: Region) -> None:
    coordinator = user_with("coordinator")
    project = project_create(actor=coordinator, region=region, data=project_input())
    assert project.key == "e6-vaernes-hell"
    # The same length along the sphere (haversine): UTM 33N agrees within half a per cent here.
    coordinates = [(10.898, 63.445), (10.906, 63.450), (10.925, 63.463)]
    along = sum(_haversine_m(a, b) for a, b in itertools.pairwise(coordinates))
    assert project.length_m == pytest.approx(along, rel=0.005)
    assert project.bbox == [10.898, 63.445, 10.925, 63.463]
    assert [p.kind for p in project.phases.order_by("start")] == ["planning", "construction"]
    construction = project.phases.get(kind="construction")
    assert str(construction.end) == "2027-12-31"
    entry = _entries(project).get(action=AuditEntry.Action.CREATE)
    assert entry.actor == coordinator


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"geometry": {"type": "Point", "coordinates": [63.4, 10.9]}}, "geometry", "utenfor Norge"),
        (
            {
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [
                        [[10.9, 63.4], [10.95, 63.45], [10.95, 63.4], [10.9, 63.45], [10.9, 63.4]]
                    ],
                }
            },
            "geometry",
            "ugyldig",
        ),
        (
            {"phases": {"construction": (period_parse("2027"), period_parse("2026 K2"))}},
            "phase_construction_end",
            "før start",
        ),
        (
            {
                "phases": {
                    "planning": (period_parse("2024"), period_parse("2025")),
                    "zoning": (period_parse("2023"), period_parse("2025")),
                }
            },
            "phase_zoning_start",
            "rekkefølge",
        ),
        (
            {
                "investment_low_mnok": Decimal(900),
                "investment_high_mnok": Decimal(800),
                "price_level_year": 2024,
            },
            "investment_high_mnok",
            "lavere",
        ),
        ({"investment_low_mnok": Decimal(900)}, "price_level_year", "prisnivå"),
        ({"geometry": {"type": "Point"}}, "geometry", "coordinates"),
        ({"owner_organisation_number": "915488098"}, "owner_organisation_number", "kontrollsiffer"),
        ({"municipality_ids": []}, "municipalities", "minst én"),
        (
            {"sources": {"owner": {"source": "x", "date": "2999-01-01"}}},
            "source_owner_date",
            "framtiden",
        ),
    ],
)
def test_invalid_input_is_named_at_its_field(
    region: Region, overrides: dict[str, object], field: str, words: str
) -> None:
    errors = _errors(overrides, region)
    assert field in errors
    assert words in " ".join(errors[field]).lower() or words in " ".join(errors[field])
    assert not Project.objects.filter(region=region).exists()


def test_a_municipality_outside_the_region_is_refused(region: Region) -> None:
    bardu = Municipality.objects.get(number="5520")
    assert "municipalities" in _errors({"municipality_ids": [bardu.pk]}, region)


# Who may create, and who may edit a project touching Stjørdal: coordinator of the region all,
# Stjørdal's developer (touched), Trondheim's developer not (not touched), viewers none.
@pytest.mark.parametrize(
    ("role", "may_create", "may_edit"),
    [
        ("coordinator", True, True),
        ("developer", True, True),
        ("other_developer", False, False),
        ("viewer", False, False),
        ("outsider", False, False),
        ("admin", True, True),
    ],
)
def test_permission_matrix(region: Region, role: str, may_create: bool, may_edit: bool) -> None:
    user = user_with(role)
    if may_create:
        project_create(actor=user, region=region, data=project_input(key=f"ny-{role}"))
    else:
        with pytest.raises(PermissionDeniedError):
            project_create(actor=user, region=region, data=project_input(key=f"ny-{role}"))
    existing = ProjectFactory.create()
    data = project_input(name="Nytt navn", key=existing.key)
    if may_edit:
        project_update(actor=user, project=existing, data=data, expected_version=existing.version)
        assert Project.objects.get(pk=existing.pk).name == "Nytt navn"
    else:
        with pytest.raises(PermissionDeniedError):
            project_update(
                actor=user, project=existing, data=data, expected_version=existing.version
            )


def test_a_developer_cannot_move_a_project_away_from_their_municipality(region: Region) -> None:
    developer = user_with("developer")
    project = project_create(actor=developer, region=region, data=project_input())
    trondheim = Municipality.objects.get(number="5001")
    with pytest.raises(PermissionDeniedError):
        project_update(
            actor=developer,
            project=project,
            data=project_input(municipality_ids=[trondheim.pk]),
            expected_version=project.version,
        )


def test_an_edit_records_what_changed_and_a_stale_version_is_refused(region: Region) -> None:
    coordinator = user_with("coordinator")
    project = project_create(actor=coordinator, region=region, data=project_input())
    first_version = project.version
    changed = project_input(
        status="decided",
        phases={"construction": (period_parse("2026 K1"), period_parse("2028"))},
    )
    project_update(actor=coordinator, project=project, data=changed, expected_version=first_version)
    entry = _entries(project).get(action=AuditEntry.Action.UPDATE)
    assert entry.changes["status"] == ["planning", "decided"]
    assert entry.changes["phase_construction"] == ["2025 K1–2027 K4", "2026 K1–2028"]
    assert entry.changes["phase_planning"] == ["2017–2019", None]
    with pytest.raises(ConflictError):
        project_update(
            actor=coordinator,
            project=Project.objects.get(pk=project.pk),
            data=project_input(status="stopped"),
            expected_version=first_version,
        )
    assert Project.objects.get(pk=project.pk).status == "decided"


def test_an_unchanged_save_writes_nothing(region: Region) -> None:
    project = project_create(actor=None, region=region, data=project_input())
    project_update(
        actor=None, project=project, data=project_input(), expected_version=project.version
    )
    assert Project.objects.get(pk=project.pk).version == project.version
    assert not _entries(project).filter(action=AuditEntry.Action.UPDATE).exists()


def test_keys_stay_unique_in_the_region(region: Region) -> None:
    project_create(actor=None, region=region, data=project_input())
    second = project_create(actor=None, region=region, data=project_input())
    assert second.key == "e6-vaernes-hell-2"
    with pytest.raises(ValidationError) as caught:
        project_create(actor=None, region=region, data=project_input(key="e6-vaernes-hell"))
    assert "key" in caught.value.message_dict
