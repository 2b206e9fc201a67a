"""Region membership by consent: a region asks, the municipality answers (see ADR on consent).

A membership gives the region's coordinators rights over the municipality and the
municipality's people read access to the region, so no one may create one on the region's
side alone. A coordinator's `membership_add` only files a request; the municipality's own
business developers or a site administrator accept or decline it.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samspill.accounts.models import User
from samspill.accounts.selectors import access_for
from samspill.audit.services import audit_record
from samspill.core.exceptions import PermissionDeniedError
from samspill.core.page_cache import bump_data_version
from samspill.regions import search as region_search
from samspill.regions.exceptions import MembershipOverlapError, MembershipRequestConflictError
from samspill.regions.models import MembershipRequest, Municipality, Region, RegionMembership
from samspill.regions.services import periods_overlap
from samspill.search.services import index_update


def _period_label(valid_from: datetime.date, valid_to: datetime.date | None) -> str:
    return f"{valid_from.isoformat()}–{valid_to.isoformat() if valid_to else ''}"


def _refuse_overlap(
    *,
    region: Region,
    municipality: Municipality,
    valid_from: datetime.date,
    valid_to: datetime.date | None,
) -> None:
    for other in RegionMembership.objects.filter(region=region, municipality=municipality):
        if periods_overlap(other.valid_from, other.valid_to, valid_from, valid_to):
            raise MembershipOverlapError(
                _("{municipality} er allerede medlem i perioden {start}–{end}.").format(
                    municipality=municipality,
                    start=other.valid_from.isoformat(),
                    end=other.valid_to.isoformat() if other.valid_to else "",
                )
            )


@transaction.atomic
def membership_add(
    *,
    region: Region,
    municipality: Municipality,
    valid_from: datetime.date,
    valid_to: datetime.date | None,
    actor: User,
    note: str = "",
) -> MembershipRequest:
    """Ask for `municipality` to become a member of `region` for a period.

    The region's coordinators (and administrators) may ask. The request grants nothing until
    the municipality accepts it; when the actor already speaks for the municipality (a site
    administrator, or one of its own business developers) it is accepted at once.
    Raises MembershipOverlapError for an overlapping period and MembershipRequestConflictError
    when a request for the same municipality is already waiting.
    """
    access = access_for(user=actor)
    if not access.can_edit_region(region.pk):
        raise PermissionDeniedError(_("Du kan ikke endre denne regionen."))
    _refuse_overlap(
        region=region, municipality=municipality, valid_from=valid_from, valid_to=valid_to
    )
    if MembershipRequest.objects.filter(
        region=region, municipality=municipality, status=MembershipRequest.Status.PENDING
    ).exists():
        raise MembershipRequestConflictError(
            _("{municipality} har allerede en ubesvart forespørsel fra regionen.").format(
                municipality=municipality
            )
        )
    request = MembershipRequest(
        region=region,
        municipality=municipality,
        valid_from=valid_from,
        valid_to=valid_to,
        note=note,
        requested_by=actor,
    )
    request.full_clean()
    request.save()
    audit_record(
        actor=actor,
        subject=request,
        action="create",
        changes={"membership_request": [None, _period_label(valid_from, valid_to)]},
    )
    if access.can_answer_for_municipality(municipality.pk):
        return membership_request_accept(membership_request=request, actor=actor)
    return request


def _decide(
    *, membership_request: MembershipRequest, actor: User, status: MembershipRequest.Status
) -> MembershipRequest:
    if not access_for(user=actor).can_answer_for_municipality(membership_request.municipality_id):
        raise PermissionDeniedError(
            _("Bare kommunens egne næringsutviklere kan svare på forespørselen.")
        )
    now = timezone.now()
    # A conditional update: of two simultaneous answers exactly one wins.
    answered = MembershipRequest.objects.filter(
        pk=membership_request.pk, status=MembershipRequest.Status.PENDING
    ).update(status=status, decided_by=actor, decided_at=now, updated_at=now)
    if not answered:
        raise MembershipRequestConflictError(_("Forespørselen er allerede besvart."))
    membership_request.refresh_from_db()
    audit_record(
        actor=actor,
        subject=membership_request,
        action="update",
        changes={"status": [MembershipRequest.Status.PENDING.value, status.value]},
    )
    return membership_request


@transaction.atomic
def membership_request_accept(
    *, membership_request: MembershipRequest, actor: User
) -> MembershipRequest:
    """The municipality agrees: the membership is created and starts to count for access."""
    decided = _decide(
        membership_request=membership_request,
        actor=actor,
        status=MembershipRequest.Status.ACCEPTED,
    )
    _refuse_overlap(
        region=decided.region,
        municipality=decided.municipality,
        valid_from=decided.valid_from,
        valid_to=decided.valid_to,
    )
    membership = RegionMembership(
        region=decided.region,
        municipality=decided.municipality,
        valid_from=decided.valid_from,
        valid_to=decided.valid_to,
        note=decided.note,
    )
    membership.full_clean()
    membership.save()
    decided.membership = membership
    decided.save(update_fields=["membership"])
    audit_record(
        actor=actor,
        subject=decided.region,
        action="update",
        changes={
            "membership": [
                None,
                f"{decided.municipality} {_period_label(decided.valid_from, decided.valid_to)}",
            ]
        },
    )
    index_update(region_search.region_document_for(decided.region_id))
    bump_data_version()  # the public region pages list the members
    return decided


@transaction.atomic
def membership_request_decline(
    *, membership_request: MembershipRequest, actor: User
) -> MembershipRequest:
    """The municipality says no: nothing changes for anyone's access."""
    return _decide(
        membership_request=membership_request,
        actor=actor,
        status=MembershipRequest.Status.DECLINED,
    )
