"""A region's data out and in again: the round trip loses nothing, field by field."""

import datetime
import json
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models
from django.utils import timezone

from samspill.accounts.models import Organisation, RoleAssignment, User
from samspill.challenges import models as challenges
from samspill.collaboration import models as collaboration
from samspill.collaboration.demo import demo_collaboration_load
from samspill.inquiries.models import Inquiry, Need
from samspill.knowledge.models import Decision, DocumentVersion, ObjectLink, Visibility
from samspill.land.models import Site, SitePhoto
from samspill.portability.parts import ANSWER_WITHHELD, PARTS, Scope
from samspill.portability.services import (
    ArchiveError,
    parents_first,
    region_export,
    region_import,
)
from samspill.projects.models import Project, Scenario
from samspill.regions.models import Municipality, Region
from samspill.stats.models import Series
from samspill.strategy.models import Measure, StrategyReport
from tests.accounts.factories import (
    BusinessDeveloperRoleFactory,
    CoordinatorRoleFactory,
    OrganisationFactory,
)
from tests.challenges.factories import (
    AnswerFactory,
    ChallengeFactory,
    CriterionFactory,
    SupplierFactory,
    supplier_user,
    valid_number,
)
from tests.inquiries.factories import (
    AdviserProfileFactory,
    CompanyFactory,
    InquiryContactFactory,
    InquiryFactory,
    InquiryNoteFactory,
    MunicipalityServiceFactory,
    RoutingRuleFactory,
)
from tests.knowledge.factories import (
    DecisionFactory,
    DocumentFactory,
    DocumentGroupFactory,
    DocumentVersionFactory,
)
from tests.land.factories import make_site
from tests.projects.factories import OpportunityFactory, PhaseFactory, ProjectFactory
from tests.regions.factories import RegionFactory, RegionMembershipFactory
from tests.strategy.factories import (
    ActionPlanFactory,
    FocusAreaFactory,
    GoalFactory,
    GoalIndicatorFactory,
    IndicatorReadingFactory,
    MeasureFactory,
    ProgressNoteFactory,
    ReportingPeriodFactory,
    StrategyFactory,
)

pytestmark = pytest.mark.django_db

OWNED_LABELS = {part.model: part.label for part in PARTS} | {User: "accounts.user"}
CONFIDENTIAL = {part.model: part.confidential for part in PARTS}
# A supplier's own words that must never be in an archive (ADR 95).
SUPPLIER_SECRETS = (
    "Hemmelig sensorløsning",
    "Prøvd i Skien",
    "Tilbudt pris under snittet",
    "Vurdert som sterkest",
    "Jeg er inhabil fordi",
    "Avvist leverandør AS",
    "Kan dere dele data?",  # the question travels; the asker is written as nobody
)
# Not valid UTF-8, and with a NUL: a file must come back byte for byte, not as text.
FILE_BYTES = b"%PDF-1.4\n\x00\xff\xfe binary \xc3\x28 slutt"


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = str(root)
    return root


def _knowledge(region: Region, coordinator: User, developer: User, project: models.Model) -> None:
    """Documents (a group's, with a file version and an approved memo), a decision, links."""
    group = DocumentGroupFactory.create(region=region, name="Styringsgruppe E6")
    group.members.set([coordinator, developer])
    shared = DocumentFactory.create(
        region=region,
        title="Arealnotat",
        tags=["areal", "havn"],
        visibility=Visibility.GROUP,
        group=group,
        created_by=coordinator,
    )
    shared.municipalities.set([Municipality.objects.get(number="5001")])
    version = DocumentVersionFactory.build(
        document=shared,
        number=1,
        body_markdown="",
        file_name="arealnotat.pdf",
        file_type="pdf",
        content_type="application/pdf",
        size=len(FILE_BYTES),
        created_by=developer,
    )
    version.file.save("arealnotat.pdf", ContentFile(FILE_BYTES), save=False)
    version.save()
    DocumentVersionFactory.create(
        document=shared,
        number=2,
        note="Ny tekst",
        approved_at=timezone.now(),
        approved_by=coordinator,
    )
    public = DocumentFactory.create(region=region, title="Årsmelding", is_example=True)
    decision = DecisionFactory.create(region=region, title="Vedtak om E6", created_by=coordinator)
    decision.documents.set([shared, public])
    ObjectLink.objects.create(
        document=shared,
        content_type=ContentType.objects.get_for_model(project),
        object_id=project.pk,
    )
    ObjectLink.objects.create(
        document=shared,
        content_type=ContentType.objects.get_for_model(challenges.Challenge),
        object_id=challenges.Challenge.objects.get(title="Lekkasjer i Trondheim").pk,
    )
    ObjectLink.objects.create(
        decision=decision,
        content_type=ContentType.objects.get_for_model(Municipality),
        object_id=Municipality.objects.get(number="5035").pk,
    )


def _demo_like_region() -> Region:
    """A region like the demo's: members, people, strategy with plans, inquiries, services."""
    trondheim = Municipality.objects.get(number="5001")
    stjordal = Municipality.objects.get(number="5035")
    region = RegionFactory.create(
        slug="eksportregionen", name="Eksportregionen", description="Samarbeid"
    )
    RegionMembershipFactory(region=region, municipality=trondheim)
    RegionMembershipFactory(
        region=region,
        municipality=stjordal,
        valid_from=datetime.date(2016, 1, 1),
        valid_to=datetime.date(2024, 12, 31),
    )
    council = Organisation.objects.create(
        name="Eksportregionens sekretariat", kind=Organisation.Kind.REGIONAL_COUNCIL, region=region
    )
    coordinator = CoordinatorRoleFactory.create(
        region=region, user__username="eks-koordinator"
    ).user
    coordinator.organisation = council
    coordinator.save()
    developer = BusinessDeveloperRoleFactory.create(
        municipality=trondheim, user__username="eks-utvikler"
    ).user
    AdviserProfileFactory(user=developer, competence_areas=[Need.SITE.value, Need.FUNDING.value])
    MunicipalityServiceFactory(municipality=stjordal, person_years=Decimal("1.5"))

    strategy = StrategyFactory.create(region=region, vision="Flere arbeidsplasser")
    goals = [GoalFactory(focus_area=FocusAreaFactory(strategy=strategy)) for _ in range(2)]
    indicator = GoalIndicatorFactory(goal=goals[0], series=Series.objects.order_by("pk").first())
    IndicatorReadingFactory(indicator=indicator, value=Decimal("812.5"), reported_by=coordinator)
    period = ReportingPeriodFactory.create(strategy=strategy)
    StrategyReport.objects.create(
        strategy=strategy,
        reporting_period=period,
        title="Rapport 2025",
        as_of=datetime.date(2025, 5, 1),
        snapshot={"measures": [{"title": "Tiltak", "status": "ongoing"}]},
        created_by=coordinator,
    )
    plan = ActionPlanFactory(strategy=strategy, municipality=trondheim)
    measure = MeasureFactory(
        action_plan=plan, goals=goals, owner=developer, budget=Decimal("250000.00")
    )
    measure.partner_municipalities.set([stjordal])
    ProgressNoteFactory(measure=measure, author=developer)
    # An old change date that the import must keep as it was.
    Measure.objects.filter(pk=measure.pk).update(
        updated_at=datetime.datetime(2024, 3, 1, 12, 30, 15, 123456, tzinfo=datetime.UTC)
    )

    company = CompanyFactory(organisation_number="974760673", name="EKSPORT AS", employees=12)
    inquiry = InquiryFactory(
        region=region,
        company=company,
        description="Trenger 2 dekar nær havna.",
        municipalities=[trondheim, stjordal],
        assigned_advisers=[developer],
        registered_by=coordinator,
    )
    project = ProjectFactory.create(
        region=region,
        key="e6-eksport",
        municipalities=[trondheim, stjordal],
        investment_low_mnok=Decimal("1200.5"),
        investment_high_mnok=Decimal("1800.0"),
        workforce_by_trade={"anlegg": 120},
        sources={"investment": {"source": "Nye Veier", "date": "2025-01-15"}},
        created_by=coordinator,
    )
    PhaseFactory.create(project=project)
    PhaseFactory.create(project=project, kind="planning", start=datetime.date(2025, 1, 1))
    Scenario.objects.create(
        region=region, name="E6 ett år senere", shifts={str(project.pk): 12}, workforce=900
    )
    opportunity = OpportunityFactory.create(region=region, title="Rigg og drift")
    opportunity.projects.set([project])
    opportunity.measures.set([Measure.objects.get(pk=measure.pk)])
    InquiryContactFactory(inquiry=inquiry, email="kari@eksport.example")
    InquiryNoteFactory(inquiry=inquiry, author=developer, text="Ringte Kari.")
    InquiryFactory(
        region=region,
        status=Inquiry.Status.ESTABLISHED,
        closed_at=timezone.now(),
        outcome_municipality=trondheim,
        jobs_created=4,
        outcome_note="Etablert i Trondheim.",
    )
    RoutingRuleFactory(region=region, adviser=developer, municipality=trondheim, priority=5)
    _challenges(coordinator)
    _knowledge(region, coordinator, developer, project)
    _collaboration_and_land(region, goals)
    return region


def _collaboration_and_land(region: Region, goals: list[Any]) -> None:
    """The demo's two collaboration projects (every part of them), moved here; a site with photo."""
    demo_collaboration_load()
    projects = collaboration.Project.objects.filter(region__slug="sor-troms")
    for project in projects:
        project.goals.set(goals)  # goals of this region's strategy
    # their meetings' decisions were copied into Sør-Troms' decision log: they move with them
    Decision.objects.filter(
        pk__in=collaboration.AgendaItem.objects.filter(meeting__project__in=projects).values(
            "log_decision"
        )
    ).update(region=region)
    projects.update(region=region)
    area = make_site("5001", name="Tiller nord", kind="area", created_by=None)
    plot = make_site("5001", name="Tomt 1", parent=area, dlat=0.0005)
    photo = SitePhoto(
        site=plot, file_type="jpeg", size=len(FILE_BYTES), alt_text="Tomta sett fra sør"
    )
    photo.file.save("tomt.jpg", ContentFile(FILE_BYTES), save=False)
    photo.save()


def _challenges(coordinator: User) -> None:
    """A piloted challenge co-owned with a non-member, a former member's draft, another region's
    challenge; a selected and a rejected answer with scores, a declaration, a registration."""
    at = datetime.datetime(2025, 2, 3, 10, 15, tzinfo=datetime.UTC)
    challenge = ChallengeFactory.create(
        title="Lekkasjer i Trondheim",
        owners=["5001", "4005"],
        stage=challenges.Stage.PILOT,
        stage_changed_at=at,
        created_by=coordinator,
        tender_url="https://doffin.example/kunngjoring/1",
        answer_deadline=at,
        is_example=True,
    )
    ChallengeFactory.create(title="Utkast fra Stjørdal", owners=["5035"], stage="draft")
    ChallengeFactory.create(title="Bare Notodden", owners=["4005"])
    criteria = [
        CriterionFactory.create(challenge=challenge, weight=60, description="Hvor fort"),
        CriterionFactory.create(challenge=challenge, weight=40),
    ]
    meeting = challenges.DialogueMeeting.objects.create(
        challenge=challenge, starts_at=at, place="Rådhuset", description="Program"
    )
    organisation = OrganisationFactory.create(
        name="Sensor AS",
        kind=Organisation.Kind.SUPPLIER,
        organisation_number=valid_number(900),
        municipality=Municipality.objects.get(number="4005"),
    )
    supplier = SupplierFactory.create(
        organisation=organisation,
        organisation_number=organisation.organisation_number,
        name="Sensor AS",
        employees=14,
        facts_status=challenges.Supplier.Facts.FOUND,
        facts_checked_at=at,
        website="https://sensor.example",
    )
    asker = supplier_user(supplier)
    challenges.MeetingRegistration.objects.create(meeting=meeting, user=asker, supplier=supplier)
    challenges.Follow.objects.create(challenge=challenge, user=asker)
    challenges.Question.objects.create(
        challenge=challenge,
        text="Kan dere dele data om ledningsnettet?",
        asked_by=asker,
        supplier=supplier,
        answer="Ja, kartet ligger vedlagt.",
        answered_at=at,
        answered_by=coordinator,
    )
    challenges.Announcement.objects.create(
        challenge=challenge,
        title="Nytt dialogmøte",
        body="Velkommen",
        created_by=coordinator,
        sent_to=1,
        recipients=1,
        mailed_at=at,
    )
    chosen = AnswerFactory.create(
        challenge=challenge,
        supplier=supplier,
        solution="Hemmelig sensorløsning",
        estimated_cost=900_000,
        estimated_time="Tre måneder",
        tried_elsewhere="Prøvd i Skien",
        submitted_by=asker,
        outcome=challenges.Answer.Outcome.SELECTED,
        outcome_reason="Tilbudt pris under snittet",
        outcome_notified_at=at,
    )
    rejected = AnswerFactory.create(challenge=challenge, supplier__name="Avvist leverandør AS")
    for answer in (chosen, rejected):
        challenges.Score.objects.create(
            answer=answer,
            criterion=criteria[0],
            assessor=coordinator,
            value=8,
            justification="Vurdert som sterkest",
            recorded_by=coordinator,
        )
    challenges.ConflictDeclaration.objects.create(
        answer=rejected, assessor=coordinator, has_conflict=True, note="Jeg er inhabil fordi"
    )
    pilot = challenges.Pilot.objects.create(
        challenge=challenge,
        answer=chosen,
        selection_reason="Best på kriteriene",
        plan="Sensorer i sone 3",
        success_measures="Lekkasjer funnet innen en uke",
        starts_on=datetime.date(2025, 4, 1),
        ends_on=datetime.date(2025, 10, 1),
        decision=challenges.Pilot.Decision.EXTEND,
        decided_at=at,
        is_example=True,
    )
    pilot.participants.set(Municipality.objects.filter(number__in=["5001", "4005"]))
    challenges.Milestone.objects.create(
        pilot=pilot, title="Sensorer montert", due_on=datetime.date(2025, 5, 1), done=True
    )


def _scope(region: Region) -> Scope:
    members = region.memberships.values_list("municipality_id", flat=True)
    return Scope(region=region, municipality_ids=frozenset(members))


def _rows(model: type[models.Model], pks: list[int]) -> dict[int, dict[str, Any]]:
    rows: dict[int, dict[str, Any]] = {
        row["id"]: row for row in model.objects.filter(pk__in=pks).values()
    }
    for relation in model._meta.many_to_many:
        for obj in model.objects.filter(pk__in=pks):
            rows[obj.pk][relation.name] = set(
                getattr(obj, relation.name).values_list("pk", flat=True)
            )
    return rows


def _snapshot(region: Region) -> tuple[dict[str, dict[int, dict[str, Any]]], list[str]]:
    scope = _scope(region)
    pks = {part.label: list(part.rows(scope).values_list("pk", flat=True)) for part in PARTS}
    snapshot = {part.label: _rows(part.model, pks[part.label]) for part in PARTS}
    assert all(snapshot.values()), {label: len(rows) for label, rows in snapshot.items()}
    users = sorted({"eks-koordinator", "eks-utvikler", *_people(snapshot)})
    return snapshot, users


def _people(snapshot: dict[str, dict[int, dict[str, Any]]]) -> set[str]:
    user_ids: set[int] = set()
    for part in PARTS:
        for row in snapshot[part.label].values():
            for model_field in part.model._meta.concrete_fields:
                if model_field.name in part.confidential:  # written as nobody
                    continue
                is_user = model_field.is_relation and model_field.related_model is User
                if is_user and row[model_field.attname] is not None:
                    user_ids.add(row[model_field.attname])
    return set(User.objects.filter(pk__in=user_ids).values_list("username", flat=True))


def _user_rows(usernames: list[str]) -> dict[str, dict[str, Any]]:
    fields = ["first_name", "last_name", "email", "title", "is_active", "date_joined"]
    return {
        user["username"]: user
        for user in User.objects.filter(username__in=usernames).values("username", *fields)
    }


def _delete_everything(region: Region, usernames: list[str]) -> None:
    scope = _scope(region)
    querysets = [part.rows(scope) for part in PARTS]
    pks = [list(queryset.values_list("pk", flat=True)) for queryset in querysets]
    models_ = [p.model for p in PARTS]
    stored = [
        name
        for model in (DocumentVersion, SitePhoto)
        for name in model._default_manager.filter(pk__in=pks[models_.index(model)])
        .exclude(file="")
        .values_list("file", flat=True)
    ]
    for part, part_pks in reversed(list(zip(PARTS, pks, strict=True))):
        for pk in sorted(part_pks, reverse=True):  # a plot before its area
            part.model.objects.filter(pk=pk).delete()
    for name in stored:  # as on a new machine: the files are gone too
        default_storage.delete(name)
    User.objects.filter(username__in=usernames).delete()


def _translated(model: type[models.Model], row: dict[str, Any], pk_map: dict[str, dict[int, int]]):
    """The row as it must look after the import: references to region data mapped to new keys."""
    expected = dict(row)
    del expected["id"]
    for name, value in CONFIDENTIAL[model].items():  # suppliers' data: never in an archive
        expected[model._meta.get_field(name).attname] = value
    for model_field in model._meta.concrete_fields:
        related = model_field.related_model
        value = expected.get(model_field.attname)
        if model_field.is_relation and related in OWNED_LABELS and value:
            expected[model_field.attname] = pk_map[OWNED_LABELS[related]][value]
    for relation in model._meta.many_to_many:
        if relation.related_model in OWNED_LABELS:
            label = OWNED_LABELS[relation.related_model]
            expected[relation.name] = {pk_map[label][pk] for pk in row[relation.name]}
    if model is Scenario:  # the shifts name projects by id
        projects = pk_map["projects.project"]
        expected["shifts"] = {str(projects[int(k)]): v for k, v in row["shifts"].items()}
    if model is ObjectLink:  # the generic link's target is mapped like a foreign key
        target = ContentType.objects.get_for_id(row["content_type_id"]).model_class()
        if target in OWNED_LABELS:
            expected["object_id"] = pk_map[OWNED_LABELS[target]][row["object_id"]]
    return expected


def test_a_region_round_trip_loses_nothing(tmp_path: Path) -> None:
    region = _demo_like_region()
    before, usernames = _snapshot(region)
    users_before = _user_rows(usernames)
    archive = tmp_path / "eksportregionen.zip"
    meeting_decision_links = ObjectLink.objects.filter(
        decision__in=collaboration.AgendaItem.objects.filter(
            meeting__project__region=region
        ).values("log_decision")
    ).count()
    assert meeting_decision_links > 0

    summary = region_export(region=region, destination=archive, with_personal_data=True, actor=None)
    _delete_everything(region, usernames)
    assert not Region.objects.filter(slug="eksportregionen").exists()
    result = region_import(source=archive, actor=None)

    assert summary.counts["inquiries.inquirycontact"] == 1
    assert summary.counts["projects.project"] == 1  # the projects register travels too
    assert summary.counts["projects.phase"] == 2
    assert summary.counts["knowledge.documentversion"] == 2
    # the test's own three links and those the demo's meeting decisions (moved here) carry
    assert summary.counts["knowledge.objectlink"] == 3 + meeting_decision_links
    # the co-owned challenge and the former member's draft; not the other region's
    assert summary.counts["challenges.challenge"] == 2
    assert summary.counts["challenges.challengeowner"] == 3
    assert summary.counts["challenges.answer"] == 1  # the piloted one, as a stub
    for part in PARTS:
        mapping = result.pk_map[part.label]
        assert set(mapping) == set(before[part.label]), part.label
        after = _rows(part.model, list(mapping.values()))
        for old_pk, row in before[part.label].items():
            new_row = dict(after[mapping[old_pk]])
            del new_row["id"]
            assert new_row == _translated(part.model, row, result.pk_map), (part.label, old_pk)
    assert sorted(result.users_created) == usernames
    assert _user_rows(usernames) == users_before
    imported = User.objects.get(username="eks-koordinator")
    assert not imported.has_usable_password()
    assert imported.organisation is not None
    assert imported.organisation.region == result.region
    version = DocumentVersion.objects.get(document__region=result.region, number=1)
    with version.file.open("rb") as handle:
        assert handle.read() == FILE_BYTES  # the file came back byte for byte
    photo = SitePhoto.objects.get(site__name="Tomt 1", site__municipality__number="5001")
    with photo.file.open("rb") as handle:
        assert handle.read() == FILE_BYTES
    assert photo.site.parent is not None
    assert photo.site.parent.name == "Tiller nord"
    project_type = ContentType.objects.get_for_model(Project)
    link = ObjectLink.objects.get(document=version.document, content_type=project_type)
    assert link.object_id == result.pk_map["projects.project"][before_project_pk(before)]
    challenge = challenges.Challenge.objects.get(
        title="Lekkasjer i Trondheim", pilots__isnull=False
    )
    assert {owner.municipality.number for owner in challenge.owners.all()} == {"5001", "4005"}
    pilot = challenge.pilots.get()
    assert pilot.answer.solution == ANSWER_WITHHELD
    assert pilot.answer.supplier.organisation.name == "Sensor AS"
    assert not challenges.Score.objects.filter(answer__challenge=challenge).exists()
    assert challenge.questions.get().asked_by is None


def before_project_pk(before: dict[str, dict[int, dict[str, Any]]]) -> int:
    pk: int = next(iter(before["projects.project"]))
    return pk


def test_without_personal_data_the_archive_holds_no_contact_notes_or_descriptions(tmp_path):
    region = _demo_like_region()
    archive = tmp_path / "eksportregionen.zip"

    region_export(region=region, destination=archive, with_personal_data=False, actor=None)

    with zipfile.ZipFile(archive) as opened:
        names = set(opened.namelist())
        text = "".join(opened.read(name).decode() for name in names if name.endswith(".json"))
        manifest = json.loads(opened.read("manifest.json"))
    assert "inquiries.inquirycontact.json" not in names
    assert "inquiries.inquirynote.json" not in names
    for personal in ("kari@eksport.example", "Ringte Kari", "2 dekar nær havna", "Etablert i"):
        assert personal not in text
    assert manifest["with_personal_data"] is False
    assert manifest["format_version"] == 3
    assert len(manifest["attachments"]) == 2  # a document's file and a site photo
    assert _attachments(archive) == [FILE_BYTES, FILE_BYTES]


def _attachments(archive: Path) -> list[bytes]:
    with zipfile.ZipFile(archive) as opened:
        return [opened.read(name) for name in opened.namelist() if name.startswith("files/")]


def test_a_version_1_archive_without_knowledge_still_imports(tmp_path: Path) -> None:
    region = _demo_like_region()
    archive = tmp_path / "eksportregionen.zip"
    region_export(region=region, destination=archive, with_personal_data=True, actor=None)
    _delete_everything(region, _snapshot(region)[1])
    old = tmp_path / "version1.zip"
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(old, "w") as target:
        manifest = json.loads(source.read("manifest.json"))
        manifest["format_version"] = 1
        del manifest["attachments"]
        version_2 = ("knowledge", "collaboration", "land", "challenges")  # not in version 1
        manifest["files"] = [f for f in manifest["files"] if not f["model"].startswith(version_2)]
        target.writestr("manifest.json", json.dumps(manifest))
        for name in source.namelist():  # version 1 had no knowledge, collaboration, land parts
            if name != "manifest.json" and not name.startswith(version_2):
                target.writestr(name, source.read(name))

    result = region_import(source=old, actor=None)

    assert result.counts["projects.project"] == 1
    assert "knowledge.document" not in result.counts


def test_a_failed_import_leaves_no_stored_files_behind(tmp_path: Path, media_root: Path) -> None:
    region = _demo_like_region()
    archive = tmp_path / "eksportregionen.zip"
    region_export(region=region, destination=archive, with_personal_data=True, actor=None)
    _delete_everything(region, _snapshot(region)[1])
    broken = tmp_path / "broken.zip"
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(broken, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "knowledge.decision.json":  # fails after the files were stored
                data = data.replace(b'"region": ', b'"no_such_field": ')
            target.writestr(name, data)

    with pytest.raises(ArchiveError, match="no_such_field"):
        region_import(source=broken, actor=None)

    assert not [path for path in media_root.rglob("*") if path.is_file()]


def test_an_import_refuses_an_existing_region_and_writes_nothing(tmp_path: Path) -> None:
    region = _demo_like_region()
    archive = tmp_path / "eksportregionen.zip"
    region_export(region=region, destination=archive, with_personal_data=False, actor=None)
    inquiries = Inquiry.objects.count()

    with pytest.raises(ArchiveError, match="exists here already"):
        region_import(source=archive, actor=None)

    assert Inquiry.objects.count() == inquiries


def test_an_import_without_the_municipalities_fails_and_writes_nothing(tmp_path: Path) -> None:
    region = _demo_like_region()
    archive = tmp_path / "eksportregionen.zip"
    region_export(region=region, destination=archive, with_personal_data=True, actor=None)
    usernames = _snapshot(region)[1]
    _delete_everything(region, usernames)
    # A Samspill whose reference data lacks a member municipality.
    moved = tmp_path / "moved.zip"
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(moved, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "regions.regionmembership.json":
                data = data.replace(b'"5035"', b'"9999"')
            target.writestr(name, data)

    with pytest.raises(ArchiveError, match="9999"):
        region_import(source=moved, actor=None)

    assert not Region.objects.filter(slug="eksportregionen").exists()
    assert not RoleAssignment.objects.filter(user__username="eks-koordinator").exists()


def test_an_archive_of_another_format_version_is_refused(tmp_path: Path) -> None:
    archive = tmp_path / "future.zip"
    with zipfile.ZipFile(archive, "w") as target:
        target.writestr(
            "manifest.json",
            json.dumps({"format": "samspill-region-archive", "format_version": 99}),
        )

    with pytest.raises(ArchiveError, match="version 99"):
        region_import(source=archive, actor=None)


def test_rows_pointing_to_a_later_row_of_their_model_are_imported_after_it() -> None:
    def site(pk: int, parent: int | None) -> dict[str, Any]:
        return {"pk": pk, "fields": {"parent": parent}, "m2m": {}}

    records = [site(1, 3), site(2, None), site(3, 4), site(4, None)]

    assert [r["pk"] for r in parents_first(Site, records)] == [4, 3, 1, 2]
    with pytest.raises(ArchiveError, match="ring"):
        parents_first(Site, [site(1, 2), site(2, 1)])


def test_no_supplier_answer_content_scores_or_askers_travel_even_with_personal_data(tmp_path):
    region = _demo_like_region()
    archive = tmp_path / "eksportregionen.zip"

    region_export(region=region, destination=archive, with_personal_data=True, actor=None)

    with zipfile.ZipFile(archive) as opened:
        names = set(opened.namelist())
        text = "".join(opened.read(name).decode() for name in names if name.endswith(".json"))
    for secret in SUPPLIER_SECRETS[:-1]:
        assert secret not in text, secret
    assert "Kan dere dele data om ledningsnettet?" in text  # a public question travels
    for left_out in ("score", "conflictdeclaration", "answerattachment", "meetingregistration"):
        assert f"challenges.{left_out}.json" not in names
    assert "Bare Notodden" not in text  # no member owns it
    usernames = {user["fields"]["username"] for user in json.loads(opened_users(archive))}
    askers = User.objects.filter(organisation__kind=Organisation.Kind.SUPPLIER)
    assert not usernames & set(askers.values_list("username", flat=True))


def opened_users(archive: Path) -> bytes:
    with zipfile.ZipFile(archive) as opened:
        return opened.read("accounts.user.json")


def test_an_archive_imported_beside_the_original_reuses_the_supplier(tmp_path: Path) -> None:
    region = _demo_like_region()
    archive = tmp_path / "eksportregionen.zip"
    region_export(region=region, destination=archive, with_personal_data=False, actor=None)
    moved = tmp_path / "copy.zip"
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(moved, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name in ("manifest.json", "regions.region.json"):
                data = data.replace(b'"eksportregionen"', b'"kopiregionen"')
            target.writestr(name, data)
    suppliers, organisations = challenges.Supplier.objects.count(), Organisation.objects.count()
    with zipfile.ZipFile(moved) as opened:
        archived = json.loads(opened.read("accounts.organisation.json"))
    others = [r for r in archived if r["fields"]["kind"] != Organisation.Kind.SUPPLIER]
    assert len(others) < len(archived)

    result = region_import(source=moved, actor=None)

    assert challenges.Supplier.objects.count() == suppliers
    # the council's and municipalities' organisations are created again, the supplier's reused
    assert Organisation.objects.count() == organisations + len(others)
    assert Organisation.objects.filter(name="Sensor AS").count() == 1
    pilot = challenges.Pilot.objects.get(
        challenge__in=result.pk_map["challenges.challenge"].values()
    )
    assert pilot.answer.supplier.name == "Sensor AS"


def test_a_version_2_archive_without_challenges_still_imports(tmp_path: Path) -> None:
    region = _demo_like_region()
    archive = tmp_path / "eksportregionen.zip"
    region_export(region=region, destination=archive, with_personal_data=True, actor=None)
    _delete_everything(region, _snapshot(region)[1])
    old = tmp_path / "version2.zip"
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(old, "w") as target:
        manifest = json.loads(source.read("manifest.json"))
        manifest["format_version"] = 2
        manifest["files"] = [
            f for f in manifest["files"] if not f["model"].startswith("challenges")
        ]
        target.writestr("manifest.json", json.dumps(manifest))
        for name in source.namelist():
            if name != "manifest.json" and not name.startswith("challenges"):
                data = source.read(name)
                if name == "knowledge.objectlink.json":  # version 2 had no links to challenges
                    links = [
                        link
                        for link in json.loads(data)
                        if link["fields"]["content_type"] != "challenges.challenge"
                    ]
                    data = json.dumps(links).encode()
                target.writestr(name, data)

    result = region_import(source=old, actor=None)

    assert result.counts["collaboration.project"] == 2
    assert result.counts["land.site"] == 2
    assert "challenges.challenge" not in result.counts
