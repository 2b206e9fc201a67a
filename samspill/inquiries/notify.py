"""What inquiries plug into the notifications app (registered in `InquiriesConfig.ready()`):
inquiries can be followed (the same visibility as the inbox; shown by case number only, never a
company or person name), an assignment notifies the advisers, and the start page lists the open
inquiries assigned to the user with the next follow-up date."""

import datetime
from collections.abc import Sequence

from django.db.models import Min, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from samspill.accounts.models import User
from samspill.inquiries.models import Inquiry
from samspill.inquiries.selectors import inquiry_list_for, inquiry_readers
from samspill.notifications.registry import (
    StartItem,
    register_kind,
    register_verb,
    register_waiting,
)

ASSIGNED = "inquiry_assigned"


def visible_inquiries(user: User) -> QuerySet[Inquiry]:
    return inquiry_list_for(user=user)


def inquiry_readers_of(pk: int, users: Sequence[User]) -> set[int]:
    return inquiry_readers(inquiry_id=pk, users=users)


def inquiry_title(inquiry: Inquiry) -> str:
    return str(_("Henvendelse %(reference)s") % {"reference": inquiry.reference})


def inquiries_to_follow_up(user: User, today: datetime.date) -> list[StartItem]:
    """Open inquiries assigned to the user, with the earliest open next step's due date."""
    inquiries = (
        visible_inquiries(user)
        .filter(assigned_advisers=user)
        .exclude(status__in=Inquiry.CLOSED_STATUSES)
        .annotate(next_due=Min("notes__due_date", filter=Q(notes__done_at__isnull=True)))
    )
    return [
        StartItem(
            kind=_("henvendelse å følge opp"),
            title=inquiry_title(inquiry),
            url=inquiry.get_absolute_url(),
            due=inquiry.next_due,
            detail=inquiry.region.name,
        )
        for inquiry in inquiries
    ]


def register() -> None:
    register_kind(
        Inquiry,
        visible=visible_inquiries,
        readers=inquiry_readers_of,
        noun=_("henvendelse"),
        title=inquiry_title,  # type: ignore[arg-type]
    )
    register_verb(ASSIGNED, _("tildelte deg"))
    register_waiting(inquiries_to_follow_up)
