"""The allow-list of objects a document or a decision may concern, and how far each may be shared.

A document's visibility is never wider than the object it belongs to allows: a strategy, its goals
and measures are internal to the region (their pages are for the region's people), so a document
attached to one is at most visible to the region; an inquiry's attachments are internal notes (never
public); a region itself is public. Later modules (projects, collaboration projects, challenges)
add one `LinkTarget` to `LINK_TARGETS` and nothing else changes. An object owned by municipalities
rather than one region (a challenge) names its regions (`region_ids`) and its own visibility rule
(`visible`); ADR 74.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samspill.accounts.selectors import Access
from samspill.challenges.models import Challenge
from samspill.challenges.selectors import can_manage
from samspill.collaboration.models import Meeting as CollaborationMeeting
from samspill.collaboration.models import Project as CollaborationProject
from samspill.inquiries.models import Inquiry
from samspill.knowledge.models import Visibility
from samspill.land.models import Site
from samspill.regions.models import Region, RegionMembership
from samspill.strategy.models import Goal, Measure, Strategy


@dataclass(frozen=True)
class LinkTarget:
    """One kind of object documents may belong to."""

    model: type[models.Model]
    label: str | Promise
    max_visibility: Visibility
    region_id: Callable[[models.Model], int]
    select_related: tuple[str, ...] = ()
    # An object of several regions (a challenge owned by municipalities in different regions):
    # documents of any of them may belong to it. None: the one region of `region_id`.
    region_ids: Callable[[models.Model], frozenset[int]] | None = None
    # Who may see the object when that is not "its visibility level" (a public challenge's draft
    # is for its owners only; an unpublished site only its municipality's people): the owning
    # app's own rule. None: the rule in `can_view`.
    visible: Callable[[Access, models.Model], bool] | None = None

    @property
    def key(self) -> str:
        return self.model._meta.label_lower

    def regions(self, obj: models.Model) -> frozenset[int]:
        """The regions whose documents may belong to `obj`."""
        if self.region_ids is not None:
            return self.region_ids(obj)
        return frozenset({self.region_id(obj)})

    def can_view(self, access: Access, obj: models.Model) -> bool:
        """Anyone may link to a public object; internal objects need a view of their region."""
        if self.visible is not None:
            return self.visible(access, obj)
        if self.max_visibility == Visibility.PUBLIC:
            return True
        return access.can_view_region(self.region_id(obj))


def _strategy_region(obj: models.Model) -> int:
    assert isinstance(obj, Strategy)  # noqa: S101 - narrows the type for mypy
    return obj.region_id


def _goal_region(obj: models.Model) -> int:
    assert isinstance(obj, Goal)  # noqa: S101
    return obj.focus_area.strategy.region_id


def _measure_region(obj: models.Model) -> int:
    assert isinstance(obj, Measure)  # noqa: S101
    return obj.action_plan.strategy.region_id


def _inquiry_region(obj: models.Model) -> int:
    assert isinstance(obj, Inquiry)  # noqa: S101
    return obj.region_id


def _collaboration_region(obj: models.Model) -> int:
    assert isinstance(obj, CollaborationProject)  # noqa: S101
    return obj.region_id or 0


def _collaboration_meeting_region(obj: models.Model) -> int:
    assert isinstance(obj, CollaborationMeeting)  # noqa: S101
    return obj.project.region_id or 0


def _site_region(obj: models.Model) -> int:
    """A site's documents live in a region its municipality is a member of (the first one)."""
    assert isinstance(obj, Site)  # noqa: S101
    region_id = (
        RegionMembership.objects.filter(municipality_id=obj.municipality_id)
        .order_by("region_id")
        .values_list("region_id", flat=True)
        .first()
    )
    return region_id or 0


def _site_viewer(access: Access, obj: models.Model) -> bool:
    """A published site is public; an unpublished one only its municipality's people see."""
    assert isinstance(obj, Site)  # noqa: S101
    return (
        obj.is_published
        or access.is_site_admin
        or access.can_view_municipality(obj.municipality_id)
    )


def _challenge_regions(obj: models.Model) -> frozenset[int]:
    assert isinstance(obj, Challenge)  # noqa: S101
    # an owner's regions, also through the municipality it succeeded (as regions' municipality_regions)
    owned = "challenge_ownerships__challenge"
    return frozenset(
        Region.objects.filter(
            Q(**{f"memberships__municipality__{owned}": obj})
            | Q(**{f"memberships__municipality__successor_links__successor__{owned}": obj})
        ).values_list("pk", flat=True)
    )


def _challenge_region(obj: models.Model) -> int:
    return min(_challenge_regions(obj), default=0)


def _challenge_visible(access: Access, obj: models.Model) -> bool:
    assert isinstance(obj, Challenge)  # noqa: S101
    return obj.is_public or can_manage(access=access, challenge=obj)


def _region_region(obj: models.Model) -> int:
    assert isinstance(obj, Region)  # noqa: S101
    return obj.pk


LINK_TARGETS: dict[str, LinkTarget] = {
    target.key: target
    for target in (
        LinkTarget(Region, _("region"), Visibility.PUBLIC, _region_region),
        LinkTarget(Strategy, _("strategi"), Visibility.REGION, _strategy_region),
        LinkTarget(
            Goal,
            pgettext_lazy("goal", "mål"),
            Visibility.REGION,
            _goal_region,
            ("focus_area__strategy",),
        ),
        LinkTarget(
            Measure, _("tiltak"), Visibility.REGION, _measure_region, ("action_plan__strategy",)
        ),
        LinkTarget(Inquiry, _("henvendelse (internt notat)"), Visibility.GROUP, _inquiry_region),
        LinkTarget(
            CollaborationProject,
            _("samarbeidsprosjekt"),
            Visibility.REGION,
            _collaboration_region,
        ),
        LinkTarget(
            CollaborationMeeting,
            _("møte i samarbeidsprosjekt"),
            Visibility.REGION,
            _collaboration_meeting_region,
            ("project",),
        ),
        LinkTarget(
            Site,
            _("næringsareal"),
            Visibility.PUBLIC,
            _site_region,
            ("municipality",),
            visible=_site_viewer,
        ),
        LinkTarget(
            Challenge,
            _("innovasjonsutfordring"),
            Visibility.PUBLIC,
            _challenge_region,
            region_ids=_challenge_regions,
            visible=_challenge_visible,
        ),
    )
}


def link_target_for(obj: models.Model) -> LinkTarget | None:
    """The allow-list entry for an object's model, or None when documents cannot belong to it."""
    return LINK_TARGETS.get(obj._meta.label_lower)


def link_object_get(*, key: str, object_id: int) -> models.Model | None:
    """The object `key` ("strategy.goal") + id names, if allowed and existing."""
    target = LINK_TARGETS.get(key)
    if target is None:
        return None
    found = target.model._default_manager.filter(pk=object_id)
    if target.select_related:  # select_related() without names is deprecated (Django 6)
        found = found.select_related(*target.select_related)
    return found.first()


def link_key(obj: models.Model) -> tuple[ContentType, int]:
    return ContentType.objects.get_for_model(obj), int(obj.pk)
