"""The public Atom feed and the exports: challenges (CSV/XLSX) and the assessment
(CSV/XLSX/PDF, owners only, audited)."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from samspill.audit.models import AuditEntry
from samspill.audit.services import audit_record
from samspill.challenges import exports
from samspill.challenges.models import (
    Area,
    Challenge,
    Stage,
)
from samspill.challenges.selectors import (
    ChallengeFilters,
    assessment_summary,
    challenge_list_for,
    challenge_public_list,
    criteria_of,
)
from samspill.challenges.views.flow import acting_user, managed_challenge
from samspill.core.exports import CONTENT_TYPES, table_response
from samspill.regions.models import Municipality


def list_filters(request: HttpRequest) -> ChallengeFilters:
    area = request.GET.get("omrade", "")
    stage = request.GET.get("fase", "")
    return ChallengeFilters(
        area=area if area in Area.values else "",
        municipality=request.GET.get("kommune", "")[:4],
        stage=stage if stage in Stage.values else "",
        query=request.GET.get("q", "")[:100],
    )


def filter_municipalities() -> QuerySet[Municipality]:
    return (
        Municipality.objects.filter(challenge_ownerships__isnull=False).distinct().order_by("name")
    )


class ChallengeFeed(Feed[Challenge, ChallengeFilters]):
    """Atom feed of public challenges, with the same filters as the list (from the URL)."""

    feed_type = Atom1Feed

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return HttpResponse(status=405, headers={"Allow": "GET, HEAD"})
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> ChallengeFilters:
        return list_filters(request)  # per request: the feed object is shared between threads

    def title(self) -> str:
        return _("Innovasjonsutfordringer – Samspill")

    def subtitle(self) -> str:
        return _("Nye og endrede innovasjonsutfordringer fra kommunene.")

    def link(self) -> str:
        return reverse("challenges:challenge-list")

    def items(self, obj: ChallengeFilters) -> list[Challenge]:
        return list(challenge_public_list(filters=obj).order_by("-updated_at")[:50])

    def item_title(self, item: Challenge) -> str:
        marker = _(" (eksempel)") if item.is_example else ""
        return f"{item.title}{marker} – {item.get_stage_display()}"

    def item_description(self, item: Challenge) -> str:
        return item.problem

    def item_link(self, item: Challenge) -> str:
        return item.get_absolute_url()

    def item_updateddate(self, item: Challenge) -> Any:
        return item.updated_at

    def item_pubdate(self, item: Challenge) -> Any:
        return item.created_at


@require_safe
def challenge_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in CONTENT_TYPES:
        raise Http404
    rows = list(challenge_list_for(user=request.user, filters=list_filters(request)))
    return table_response(
        exports.challenge_table(challenges=rows), file_format=fmt, name="utfordringer"
    )


@login_required
@require_safe
def assessment_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    challenge = managed_challenge(request, pk)
    if fmt not in (*CONTENT_TYPES, "pdf"):
        raise Http404
    criteria = criteria_of(challenge=challenge)
    summaries = assessment_summary(user=request.user, challenge=challenge)
    audit_record(
        actor=acting_user(request),
        subject=challenge,
        action=AuditEntry.Action.EXPORT,
        changes={"assessment": fmt},
    )
    if fmt == "pdf":
        body = exports.assessment_pdf(challenge=challenge, criteria=criteria, summaries=summaries)
        response = HttpResponse(body, content_type="application/pdf")
        marker = "-eksempel" if challenge.is_example else ""
        response["Content-Disposition"] = (
            f'attachment; filename="vurdering-{challenge.pk}{marker}.pdf"'
        )
        return response
    table = exports.assessment_table(challenge=challenge, criteria=criteria, summaries=summaries)
    return table_response(table, file_format=fmt, name="vurdering", parts=[str(challenge.pk)])
