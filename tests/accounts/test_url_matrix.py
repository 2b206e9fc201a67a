"""The permission matrix over every URL: generated from the URL configuration, so none is forgotten.

`test_every_url_pattern_has_an_entry` walks `get_resolver()` (pages, Django admin and the ninja
API routes) and fails for a pattern the matrix does not list. Each role's test then requests
every listed pattern once, against one shared scenario in Sør-Troms (Bardu), and compares the
answer's class with the expectation:

    A  allowed: 2xx, a redirect that is not to the login, or 400/405/409/415/422 (past the
       permission check, refused for the empty input)
    L  login first: a redirect to the login page, or 401
    D  denied: 403, or 404 for what the user may not know exists

Roles, in the order of each expectation string: anonymous, viewer of Sør-Troms, business
developer of another municipality (Trondheim), coordinator of another region
(Trondheimsregionen, which has asked Bardu to join: a pending request grants nothing), and site
administrator.
"""

import datetime
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from samspill.accounts.models import User
from samspill.challenges.models import (
    AnswerAttachment,
    DialogueMeeting,
    Milestone,
    Pilot,
    Question,
)
from samspill.collaboration import services as collaboration_services
from samspill.knowledge.services import Upload, document_trash, document_version_add
from samspill.land.services import selection_send, site_photo_add, site_reserve
from samspill.projects.models import Opportunity, Scenario
from samspill.regions.models import MembershipRequest, Municipality, Region
from samspill.strategy.services import report_create
from tests.accounts.factories import (
    BusinessDeveloperRoleFactory,
    CoordinatorRoleFactory,
    UserFactory,
    ViewerRoleFactory,
)
from tests.analyses.factories import AnalysisRunFactory
from tests.challenges.factories import AnswerFactory, ChallengeFactory
from tests.inquiries.factories import (
    InquiryContactFactory,
    InquiryFactory,
    InquiryNoteFactory,
    RoutingRuleFactory,
)
from tests.knowledge.factories import (
    DecisionFactory,
    DocumentFactory,
    DocumentGroupFactory,
    DocumentVersionFactory,
)
from tests.knowledge.files import png_bytes
from tests.land.factories import make_site as land_make_site
from tests.projects.factories import ProjectFactory
from tests.strategy.factories import (
    ActionPlanFactory,
    GoalIndicatorFactory,
    MeasureFactory,
    ReportingPeriodFactory,
    StrategyFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "viewer", "other_developer", "other_coordinator", "admin")
PUBLIC = "A A A A A"
STAFF_ONLY = "L D D D A"  # a region's or municipality's own people (and admins)
VIEWERS = "L A D D A"  # anyone with a role in the region
LOGGED_IN = "L A A A A"
STAFF_ONLY_OWNERS = "L D D D A"  # a challenge's owning municipalities' people (and admins)


@dataclass(frozen=True)
class Entry:
    """How to call one URL pattern, and the expected answer class for each role."""

    expected: str
    kwargs: tuple[tuple[str, str], ...] = ()
    method: str = "GET"
    # Valid input (form fields, or JSON for the API), so that the permission check decides.
    data: tuple[tuple[str, object], ...] = ()
    query: str = ""


def entry(
    expected: str,
    method: str = "GET",
    *,
    data: dict[str, object] | None = None,
    query: str = "",
    **kwargs: str,
) -> Entry:
    return Entry(
        expected=expected,
        kwargs=tuple(kwargs.items()),
        method=method,
        data=tuple((data or {}).items()),
        query=query,
    )


# Every URL pattern name: values in kwargs name objects of the scenario ("{strategy}").
MATRIX: dict[str, Entry] = {
    "set_language": entry(PUBLIC, "POST"),
    # --- API (ninja) ---
    "api:openapi-json": entry(PUBLIC),
    "api:openapi-view": entry(PUBLIC),
    "api:api-root": entry("D D D D D"),  # ninja's bare root: 404 for everyone
    "api:regions": entry(PUBLIC),
    "api:municipalities": entry(PUBLIC),
    "api:municipality": entry(PUBLIC, number="5520"),
    "api:region": entry(PUBLIC, slug="sor-troms"),
    "api:membership_requests": entry(LOGGED_IN),
    "api:membership_request_accept": entry("L D D D A", "POST", request_id="{request}"),
    "api:membership_request_decline": entry("L D D D A", "POST", request_id="{request}"),
    "api:membership_request_create": entry(
        "L D D D A",
        "POST",
        slug="sor-troms",
        data={"municipality_number": "5512", "valid_from": "2020-01-01"},
    ),
    "api:series": entry(PUBLIC),
    "api:series_detail": entry(PUBLIC, code="07459-befolkning"),
    "api:region_population": entry(PUBLIC, slug="sor-troms"),
    "api:region_commuting": entry(PUBLIC, slug="sor-troms"),
    "api:municipality_population": entry(PUBLIC, number="5520"),
    "api:region_structure": entry(PUBLIC, slug="sor-troms"),
    "api:municipality_structure": entry(PUBLIC, number="5520"),
    "api:municipality_commuting": entry(PUBLIC, number="5520"),
    "api:inquiries": entry(VIEWERS, slug="sor-troms"),
    "api:inquiry_create": entry(
        "L D D D A",
        "POST",
        slug="sor-troms",
        data={"company_name": "Matrise AS", "needs": ["site"], "contact_name": "Kari"},
    ),
    "api:inquiry": entry(VIEWERS, inquiry_id="{inquiry}"),
    "api:summary": entry(VIEWERS, slug="sor-troms"),
    "api:services": entry(PUBLIC, slug="sor-troms"),
    "api:strategies": entry(LOGGED_IN),
    "api:notifications_list": entry(LOGGED_IN),
    "api:notifications_unread_count": entry(LOGGED_IN),
    "api:notifications_mark_read": entry(LOGGED_IN, "POST", data={"ids": None}),
    "api:notifications_preferences": entry(LOGGED_IN),
    "api:notifications_preferences_set": entry(
        LOGGED_IN, "PUT", data={"delivery": "daily", "language": "nb"}
    ),
    "api:notifications_follow_get": entry(
        "L A D D A", kind="knowledge.document", object_id="{document}"
    ),
    "api:notifications_follow": entry(
        "L A D D A", "PUT", kind="knowledge.document", object_id="{document}"
    ),
    "api:notifications_unfollow": entry(
        "L A D D A", "DELETE", kind="knowledge.document", object_id="{document}"
    ),
    "api:projects": entry(PUBLIC),
    "api:project": entry(PUBLIC, project_id="{project}"),
    "api:projects_corridor": entry(PUBLIC, query="line=68.86,18.30;68.87,18.40&width_km=2"),
    "api:project_create": entry(
        "L D D D A",
        "POST",
        slug="sor-troms",
        data={"name": "Ny hall", "kind": "other", "municipalities": ["5520"]},
    ),
    "api:project_update": entry(
        "L D D D A",
        "PUT",
        project_id="{project}",
        data={"name": "Endret", "kind": "other", "municipalities": ["5520"], "version": 1},
    ),
    "api:construction_load": entry(VIEWERS, slug="sor-troms"),
    "api:project_opportunities": entry(PUBLIC),
    "api:project_opportunity": entry(PUBLIC, opportunity_id="{opportunity}"),
    "api:project_opportunity_create": entry(
        "L D D D A",
        "POST",
        slug="sor-troms",
        data={"title": "Leveranser", "kind": "suppliers", "projects": ["{project}"]},
    ),
    "api:project_opportunity_update": entry(
        "L D D D A",
        "PUT",
        opportunity_id="{opportunity}",
        data={"title": "Endret", "kind": "land", "projects": ["{project}"], "version": 1},
    ),
    # --- innovation challenges (public reads; owners manage; answers confidential) ---
    "api:challenges": entry(PUBLIC),
    "api:challenge": entry(PUBLIC, challenge_id="{challenge}"),
    "api:challenge_create": entry(
        "L D D D A",
        "POST",
        data={
            "title": "Test",
            "municipalities": ["5520"],
            "problem": "P",
            "affected": "A",
            "cost_today": "C",
            "good_result": "G",
            "measurement": "M",
            "area": "water",
            "procurement_route": "dialogue_competition",
        },
    ),
    "api:challenge_transition": entry(
        "L D D D A", "POST", challenge_id="{challenge}", data={"to": "stopped"}
    ),
    "api:challenge_criteria": entry(
        "L D D D A", "PUT", challenge_id="{challenge}", data={"criteria": []}
    ),
    "api:challenge_suppliers": entry(PUBLIC),
    "api:challenge_answers": entry("L D D D A", challenge_id="{challenge}"),
    "api:challenge_panel": entry("L D D D A", challenge_id="{challenge}"),
    # The adviser has no role in the owner: 422 for the administrator, past the permission check.
    "api:challenge_panel_add": entry(
        "L D D D A", "POST", challenge_id="{challenge}", data={"user_id": "{adviser}"}
    ),
    # Not on the panel: 409 for the administrator.
    "api:challenge_panel_remove": entry(
        "L D D D A", "DELETE", challenge_id="{challenge}", user_id="{adviser}"
    ),
    "api:challenge_answer_submit": entry(
        "L D D D D", "PUT", challenge_id="{challenge}", data={"solution": "x"}
    ),
    "api:challenge_answer": entry("L D D D D", answer_id="{answer}"),
    "api:challenge_answer_attachments": entry("L D D D D", answer_id="{answer}"),
    # No file: 422 for everyone logged in (ninja checks the form before the answer's rule).
    "api:challenge_answer_attachment_add": entry(LOGGED_IN, "POST", answer_id="{answer}"),
    "api:challenge_attachment_file": entry("L D D D D", attachment_id="{attachment}"),
    "api:challenge_attachment_delete": entry("L D D D D", "DELETE", attachment_id="{attachment}"),
    "api:knowledge_documents": entry(LOGGED_IN),
    "api:knowledge_document": entry(VIEWERS, document_id="{document}"),
    "api:knowledge_memo_create": entry(
        "L D D D A", "POST", slug="sor-troms", data={"title": "Notat", "body_markdown": "Tekst"}
    ),
    "api:collaboration_projects": entry(LOGGED_IN),
    "api:collaboration_project": entry(LOGGED_IN, project_id="{collab}"),
    "api:collaboration_milestone_create": entry(
        "L D D D A",
        "POST",
        project_id="{collab}",
        data={"number": "09", "date": "2018-04-01", "marker": "Test"},
    ),
    "api:collaboration_key_shares": entry("L D D D A", key_id="{collab_key}"),
    "api:collaboration_agreement": entry("L D D D A", agreement_id="{collab_agreement}"),
    "api:collaboration_agreement_sign": entry(
        "L D D D A",
        "POST",
        version_id="{collab_agreement_version}",
        data={"municipality_number": "5520", "signed_on": "2018-03-01", "signed_by": "Ordfører"},
    ),
    "api:collaboration_status_reports": entry("L D D D A", project_id="{collab}"),
    # edits with a stale version: 409 for the admin, nothing changes
    "api:collaboration_role": entry(
        "L D D D A", "PATCH", role_id="{collab_role}", data={"version": 99, "name": "X"}
    ),
    "api:collaboration_cost_line": entry(
        "L D D D A", "PATCH", line_id="{collab_line}", data={"version": 99, "spent": 1}
    ),
    "api:collaboration_financing": entry(
        "L D D D A", "PATCH", source_id="{collab_source}", data={"version": 99, "amount": 1}
    ),
    "api:collaboration_meeting": entry(
        "L D D D A", "PATCH", meeting_id="{collab_meeting}", data={"version": 99, "title": "X"}
    ),
    "api:collaboration_agenda_item": entry(
        "L D D D A", "PATCH", item_id="{collab_item}", data={"version": 99, "title": "X"}
    ),
    "api:collaboration_activity": entry(
        "L D D D A", "PATCH", activity_id="{collab_activity}", data={"version": 99, "title": "X"}
    ),
    "api:collaboration_decision_point": entry(
        "L D D D A", "PATCH", point_id="{collab_point}", data={"version": 99, "topic": "X"}
    ),
    "api:collaboration_status_report": entry(
        "L D D D A", "PATCH", report_id="{collab_report}", data={"version": 99, "status": "at_risk"}
    ),
    "api:collaboration_cost_key": entry(
        "L D D D A", "PATCH", key_id="{collab_key}", data={"version": 99, "name": "X"}
    ),
    "api:collaboration_treatment_create": entry(
        "L D D D A",
        "POST",
        point_id="{collab_point}",
        data={
            "municipality_number": "5520",
            "body": "council",
            "meeting_date": "2017-10-12",
            "outcome": "adopted",
        },
    ),
    "api:knowledge_decisions": entry(LOGGED_IN, slug="sor-troms"),
    "api:knowledge_decision": entry(VIEWERS, decision_id="{decision}"),
    "api:knowledge_decision_record": entry(
        "L D D D A",
        "POST",
        slug="sor-troms",
        data={"body": "steering_group", "date": "2025-05-01", "title": "Sak", "text": "Vedtatt"},
    ),
    "api:strategy": entry(VIEWERS, strategy_id="{strategy}"),
    "api:plans": entry(VIEWERS, strategy_id="{strategy}"),
    "api:measures": entry(VIEWERS, strategy_id="{strategy}"),
    "api:search": entry(PUBLIC, query="q=trondheim"),  # everyone; hits filtered per user
    "api:synergies": entry(VIEWERS, strategy_id="{strategy}"),
    "api:plan": entry(VIEWERS, plan_id="{plan}"),
    "api:indicator": entry(VIEWERS, indicator_id="{indicator}"),
    "api:indicator_add": entry(
        "L D D D A",
        "POST",
        goal_id="{goal}",
        data={
            "name": "Matrise",
            "unit": "selskap",
            "direction": "up",
            "baseline_value": "1",
            "baseline_date": "2020-01-01",
            "target_value": "2",
            "target_date": "2030-01-01",
        },
    ),
    "api:indicator_patch": entry(
        "L D D D A", "PATCH", indicator_id="{indicator}", data={"name": "Ny", "version": 1}
    ),
    "api:inquiry_status": entry(
        "L D D D A", "POST", inquiry_id="{inquiry}", data={"status": "in_dialogue"}
    ),
    "api:inquiry_assign_advisers": entry(
        "L D D D A", "POST", inquiry_id="{inquiry}", data={"advisers": ["{adviser_username}"]}
    ),
    "api:measure_patch": entry(
        "L D D D A", "PATCH", measure_id="{measure}", data={"title": "Nytt navn", "version": 1}
    ),
    # Taking down what is not published changes nothing, so the roles after it see the same data.
    "api:strategy_publication": entry(
        "L D D D A",
        "PUT",
        strategy_id="{strategy}",
        data={"is_published": False, "version": 1},
    ),
    # Unpublished: 404 for the public (never revealed); a preview for the region's people.
    "api:public_progress": entry("D A D D A", strategy_id="{strategy}"),
    "api:new_jobs": entry(PUBLIC),
    "api:shift_share": entry(PUBLIC),
    "api:labour_market_region_run": entry(PUBLIC, run_id="{run}"),
    "api:benchmark_api": entry(PUBLIC),
    "api:classifications": entry(PUBLIC),
    # The run has no result yet: 404 for everyone (tests/analyses cover a finished run).
    "api:labour_market_region_comparison": entry(
        "D D D D D", run_id="{run}", query="classification=okonomiske-regioner-2024"
    ),
    "api:industry_types_get": entry(PUBLIC, slug="sor-troms"),
    "api:industry_types_patch": entry(
        "L D D D A", "PATCH", slug="sor-troms", data={"mapping": {"Industri": "regional"}}
    ),
    # --- core and accounts ---
    "core:home": entry(PUBLIC),
    "core:sources": entry(PUBLIC),
    "portability:region-export": entry("L D D D A", slug="sor-troms"),
    "accounts:login": entry(PUBLIC),
    # Single sign-on: an unknown provider is 404; a callback without a pending login goes back
    # to the login page with a message.
    "accounts:sso-start": entry("L L L L L", slug="ingen-slik"),
    "accounts:sso-callback": entry("L L L L L", query="state=ukjent&code=x"),
    "accounts:logout": entry(PUBLIC, "POST"),
    "accounts:profile": entry(LOGGED_IN),
    "accounts:password-change": entry(LOGGED_IN),
    "accounts:password-change-done": entry(LOGGED_IN),
    "accounts:password-reset": entry(PUBLIC),
    "accounts:password-reset-done": entry(PUBLIC),
    "accounts:password-reset-confirm": entry(PUBLIC, uidb64="MQ", token="x-y"),
    "accounts:password-reset-complete": entry(PUBLIC),
    # --- regions ---
    "regions:region-list": entry(PUBLIC),
    "regions:municipality-list": entry(PUBLIC),
    "regions:municipality-detail": entry(PUBLIC, number="5520"),
    "regions:municipality-layer": entry(PUBLIC, number="5520"),
    "regions:membership-requests": entry(LOGGED_IN),
    "regions:membership-request-answer": entry(
        "L D D D A", "POST", pk="{request}", data={"decision": "decline"}
    ),
    "regions:region-detail": entry(PUBLIC, slug="sor-troms"),
    "regions:region-edit": entry(STAFF_ONLY, slug="sor-troms"),
    "regions:membership-add": entry(
        STAFF_ONLY,
        "POST",
        slug="sor-troms",
        data={"municipality": "5512", "valid_from": "2020-01-01"},
    ),
    "regions:region-layer": entry(PUBLIC, slug="sor-troms"),
    # --- statistics and analyses (open data) ---
    "stats:series-list": entry(PUBLIC),
    "stats:region-dashboard": entry(PUBLIC, slug="sor-troms"),
    "stats:region-chart-export": entry(
        PUBLIC, slug="sor-troms", chart="befolkning", file_format="csv"
    ),
    "stats:region-population": entry(PUBLIC, slug="sor-troms"),
    "stats:municipality-population": entry(PUBLIC, number="5520"),
    "stats:municipality-dashboard": entry(PUBLIC, number="5520"),
    "stats:municipality-chart-export": entry(
        PUBLIC, number="5520", chart="befolkning", file_format="csv"
    ),
    "population:region-structure": entry(PUBLIC, slug="sor-troms"),
    "population:region-export": entry(
        PUBLIC, slug="sor-troms", chart="forsorgerbrok", file_format="csv"
    ),
    "population:region-key-figures": entry(PUBLIC, slug="sor-troms"),
    "population:municipality-structure": entry(PUBLIC, number="5520"),
    "population:municipality-export": entry(
        PUBLIC, number="5520", chart="forsorgerbrok", file_format="csv"
    ),
    "population:municipality-key-figures": entry(PUBLIC, number="5520"),
    "analyses:lma": entry(PUBLIC),
    "analyses:lma-start": entry(LOGGED_IN, "POST"),
    "analyses:lma-run": entry(PUBLIC, pk="{run}"),
    "analyses:lma-layer": entry(PUBLIC, pk="{run}"),
    # The run has no result yet: 404 for everyone (tests/analyses cover the finished download).
    "analyses:lma-export": entry("D D D D D", pk="{run}", file_format="csv"),
    "analyses:region-analyses": entry(PUBLIC, slug="sor-troms"),
    "analyses:region-industry-types": entry(STAFF_ONLY, slug="sor-troms"),
    "analyses:region-export": entry(
        PUBLIC, slug="sor-troms", analysis="befolkning", file_format="csv"
    ),
    "analyses:municipality-analyses": entry(PUBLIC, number="5520"),
    "analyses:municipality-export": entry(
        PUBLIC, number="5520", analysis="befolkning", file_format="csv"
    ),
    "analyses:new-jobs": entry(PUBLIC),
    "analyses:benchmark": entry(PUBLIC),
    "analyses:benchmark-export": entry(PUBLIC, file_format="csv"),
    "analyses:lma-comparison": entry(PUBLIC, pk="{run}"),
    "analyses:lma-comparison-export": entry("D D D D D", pk="{run}", file_format="csv"),
    "analyses:new-jobs-export": entry(
        PUBLIC, file_format="csv", query="count=100&municipality=5520&year=2022&direction=jobs"
    ),
    "analyses:new-jobs-layer": entry(
        PUBLIC, query="count=100&municipality=5520&year=2022&direction=jobs&pool=2"
    ),
    # --- strategy (the region's people) ---
    "strategy:strategy-list": entry(LOGGED_IN),
    "strategy:strategy-create": entry(STAFF_ONLY, slug="sor-troms"),
    "strategy:strategy-detail": entry(VIEWERS, pk="{strategy}"),
    "strategy:strategy-edit": entry(STAFF_ONLY, pk="{strategy}"),
    "strategy:strategy-publish": entry(STAFF_ONLY, pk="{strategy}"),
    "strategy:public-progress": entry("D A D D A", pk="{strategy}"),
    "strategy:public-progress-pdf": entry("D A D D A", pk="{strategy}"),
    "strategy:strategy-refresh-indicators": entry(STAFF_ONLY, "POST", pk="{strategy}"),
    "strategy:focus-area-create": entry(STAFF_ONLY, pk="{strategy}"),
    "strategy:goal-create": entry(STAFF_ONLY, pk="{strategy}"),
    "strategy:plan-create": entry(STAFF_ONLY, pk="{strategy}"),
    "strategy:reporting": entry(VIEWERS, pk="{strategy}"),
    "strategy:reporting-period-create": entry(STAFF_ONLY, pk="{strategy}"),
    "strategy:report-current": entry(VIEWERS, pk="{strategy}"),
    "strategy:report-current-pdf": entry(VIEWERS, pk="{strategy}"),
    "strategy:report-current-export": entry(VIEWERS, pk="{strategy}", fmt="csv"),
    "strategy:synergies": entry(VIEWERS, pk="{strategy}"),
    "strategy:strategy-measures-export": entry(VIEWERS, pk="{strategy}", fmt="csv"),
    "strategy:goal-detail": entry(VIEWERS, pk="{goal}"),
    "strategy:goal-edit": entry(STAFF_ONLY, pk="{goal}"),
    "strategy:indicator-create": entry(STAFF_ONLY, pk="{goal}"),
    "strategy:indicator-detail": entry(VIEWERS, pk="{indicator}"),
    "strategy:indicator-edit": entry(STAFF_ONLY, pk="{indicator}"),
    "strategy:plan-detail": entry(VIEWERS, pk="{plan}"),
    "strategy:plan-edit": entry(STAFF_ONLY, pk="{plan}"),
    "strategy:measure-create": entry(STAFF_ONLY, pk="{plan}"),
    "strategy:plan-export": entry(VIEWERS, pk="{plan}", fmt="csv"),
    "strategy:measure-detail": entry(VIEWERS, pk="{measure}"),
    "strategy:measure-edit": entry(STAFF_ONLY, pk="{measure}"),
    "strategy:measure-status": entry(STAFF_ONLY, "POST", pk="{measure}", data={"status": "done"}),
    "strategy:report-detail": entry(VIEWERS, pk="{report}"),
    "strategy:report-pdf": entry(VIEWERS, pk="{report}"),
    # --- the business front door ---
    "inquiries:front-door": entry(PUBLIC),
    "search:search": entry(PUBLIC, query="q=trondheim"),
    "inquiries:inquiry-start": entry(PUBLIC),
    "inquiries:inquiry-thanks": entry(PUBLIC),
    "inquiries:privacy": entry(PUBLIC),
    "inquiries:my-profile": entry(LOGGED_IN),
    "inquiries:service-edit": entry(STAFF_ONLY, number="5520"),
    "inquiries:inquiry-detail": entry(VIEWERS, pk="{inquiry}"),
    "inquiries:inquiry-contact": entry(STAFF_ONLY, pk="{inquiry}"),
    "inquiries:inquiry-contact-export": entry(STAFF_ONLY, pk="{inquiry}"),
    "inquiries:inquiry-contact-update": entry(
        STAFF_ONLY,
        "POST",
        pk="{inquiry}",
        data={"name": "Ola", "email": "ola@example.invalid", "version": "1"},
    ),
    "inquiries:inquiry-contact-erase": entry(
        STAFF_ONLY, "POST", pk="{inquiry}", data={"reason": "Bedt om sletting"}
    ),
    "inquiries:inquiry-assign": entry(
        STAFF_ONLY, "POST", pk="{inquiry}", data={"advisers": "{adviser}"}
    ),
    "inquiries:inquiry-note": entry(STAFF_ONLY, "POST", pk="{inquiry}", data={"text": "Ringte"}),
    "inquiries:inquiry-status": entry(
        STAFF_ONLY, "POST", pk="{inquiry}", data={"status": "in_dialogue"}
    ),
    "inquiries:note-done": entry(STAFF_ONLY, "POST", pk="{note}"),
    "inquiries:routing-rule-delete": entry(STAFF_ONLY, "POST", pk="{rule}"),
    "inquiries:inquiry-create": entry(PUBLIC, slug="sor-troms"),
    "inquiries:services": entry(PUBLIC, slug="sor-troms"),
    "inquiries:inbox": entry(VIEWERS, slug="sor-troms"),
    "inquiries:inquiry-create-staff": entry(STAFF_ONLY, slug="sor-troms"),
    "inquiries:overdue": entry(VIEWERS, slug="sor-troms"),
    "inquiries:reports": entry(VIEWERS, slug="sor-troms"),
    "inquiries:report-export": entry(VIEWERS, slug="sor-troms", fmt="csv"),
    "inquiries:competence": entry(VIEWERS, slug="sor-troms"),
    "inquiries:routing-rules": entry(VIEWERS, slug="sor-troms"),  # reading; changing: coordinators
    # --- notifications and Min side (one's own; following needs the object's visibility) ---
    "notifications:start": entry(LOGGED_IN),
    "notifications:list": entry(LOGGED_IN),
    "notifications:mark-read": entry(LOGGED_IN, "POST"),
    "notifications:preferences": entry(LOGGED_IN),
    "notifications:follow": entry(
        "L A D D A", "POST", app="knowledge", model="document", pk="{document}"
    ),
    # --- innovation challenges (owned by Bardu; suppliers answer; assessors are Bardu's people) ---
    "challenges:challenge-list": entry(PUBLIC),
    "challenges:challenge-feed": entry(PUBLIC),
    "challenges:challenge-export": entry(PUBLIC, fmt="csv"),
    "challenges:challenge-create": entry("L D A A A"),
    "challenges:pilot-graveyard": entry(PUBLIC),
    "challenges:challenge-detail": entry(PUBLIC, pk="{challenge}"),
    "challenges:challenge-edit": entry(STAFF_ONLY_OWNERS, pk="{challenge}"),
    "challenges:challenge-transition": entry(STAFF_ONLY_OWNERS, "POST", pk="{challenge}"),
    "challenges:criteria-edit": entry(STAFF_ONLY_OWNERS, pk="{challenge}"),
    "challenges:challenge-join": entry("L D A A A", pk="{challenge}"),
    "challenges:challenge-follow": entry(LOGGED_IN, "POST", pk="{challenge}"),
    "challenges:meeting-create": entry(STAFF_ONLY_OWNERS, pk="{challenge}"),
    "challenges:question-ask": entry(LOGGED_IN, pk="{challenge}"),
    "challenges:announcement-create": entry(STAFF_ONLY_OWNERS, pk="{challenge}"),
    "challenges:answer-edit": entry("L D D D D", pk="{challenge}"),  # registered suppliers only
    "challenges:assessment": entry(STAFF_ONLY_OWNERS, pk="{challenge}"),
    "challenges:panel": entry(STAFF_ONLY_OWNERS, pk="{challenge}"),
    "challenges:panel-remove": entry(
        STAFF_ONLY_OWNERS, "POST", pk="{challenge}", user_id="{adviser}"
    ),
    "challenges:assessment-export": entry(STAFF_ONLY_OWNERS, pk="{challenge}", fmt="csv"),
    "challenges:meeting-register": entry(LOGGED_IN, "POST", pk="{meeting}"),
    "challenges:question-answer": entry(STAFF_ONLY_OWNERS, pk="{question}"),
    # an owner's person gets the conflict-of-interest declaration first; nobody else learns of it
    "challenges:answer-detail": entry(STAFF_ONLY_OWNERS, pk="{answer}"),
    "challenges:answer-withdraw": entry("L D D D D", "POST", pk="{answer}"),
    # files on an answer: its own supplier only adds or removes; readers of the answer download
    "challenges:attachment-add": entry("L D D D D", pk="{answer}"),
    "challenges:attachment-file": entry("L D D D D", pk="{attachment}"),
    "challenges:attachment-delete": entry("L D D D D", "POST", pk="{attachment}"),
    "challenges:answer-declare": entry(STAFF_ONLY_OWNERS, "POST", pk="{answer}"),
    "challenges:answer-score": entry(STAFF_ONLY_OWNERS, "POST", pk="{answer}"),
    "challenges:answer-joint": entry(STAFF_ONLY_OWNERS, pk="{answer}"),
    "challenges:answer-select": entry(STAFF_ONLY_OWNERS, "POST", pk="{answer}"),
    "challenges:pilot-detail": entry(PUBLIC, pk="{pilot}"),
    "challenges:pilot-edit": entry(STAFF_ONLY_OWNERS, pk="{pilot}"),
    "challenges:milestone-add": entry(STAFF_ONLY_OWNERS, pk="{pilot}"),
    "challenges:pilot-decide": entry(STAFF_ONLY_OWNERS, pk="{pilot}"),
    "challenges:milestone-report": entry(STAFF_ONLY_OWNERS, pk="{milestone}"),
    "challenges:milestone-edit": entry(STAFF_ONLY_OWNERS, pk="{milestone}"),
    "challenges:milestone-delete": entry(STAFF_ONLY_OWNERS, "POST", pk="{milestone}"),
    "challenges:pilot-join": entry("L D A A A", pk="{pilot}"),
    "challenges:supplier-list": entry(PUBLIC),
    "challenges:supplier-register": entry(PUBLIC),
    "challenges:supplier-profile": entry(LOGGED_IN),
    "challenges:supplier-detail": entry(PUBLIC, pk="{supplier}"),
    # --- shared knowledge (documents readable by the region: 404 for others, even anonymous) ---
    # --- large planned projects (public project in Sør-Troms touching Bardu) ---
    "projects:project-list": entry(PUBLIC),
    "projects:project-layer": entry(PUBLIC),
    "projects:project-export": entry(PUBLIC, fmt="csv"),
    "projects:project-create": entry(STAFF_ONLY, slug="sor-troms"),
    "projects:project-import": entry(STAFF_ONLY, slug="sor-troms"),
    "projects:region-outlines": entry(PUBLIC, slug="sor-troms"),
    "projects:project-detail": entry(PUBLIC, pk="{project}"),
    "projects:project-edit": entry(STAFF_ONLY, pk="{project}"),
    "projects:project-owner-facts": entry(STAFF_ONLY, "POST", pk="{project}"),
    "projects:construction-load": entry(VIEWERS, slug="sor-troms"),
    "projects:construction-load-collisions-export": entry(VIEWERS, slug="sor-troms", fmt="csv"),
    "projects:scenario-delete": entry(STAFF_ONLY, "POST", pk="{scenario}"),
    "projects:register-changes": entry(PUBLIC, query="siden=2020-01-01"),
    "projects:register-pdf": entry(PUBLIC),
    "projects:project-pdf": entry(PUBLIC, pk="{project}"),
    "projects:corridor": entry(PUBLIC, query="linje=68.86,18.30;68.87,18.40&bredde=2"),
    "projects:corridor-export": entry(
        PUBLIC, fmt="csv", query="linje=68.86,18.30;68.87,18.40&bredde=2"
    ),
    "projects:opportunity-list": entry(PUBLIC),
    "projects:opportunity-export": entry(PUBLIC, fmt="csv"),
    "projects:opportunity-create": entry(STAFF_ONLY, slug="sor-troms"),
    "projects:opportunity-detail": entry(PUBLIC, pk="{opportunity}"),
    "projects:opportunity-edit": entry(STAFF_ONLY, pk="{opportunity}"),
    "knowledge:document-list": entry(PUBLIC),
    "knowledge:template-list": entry(PUBLIC),
    "knowledge:document-create": entry(STAFF_ONLY, slug="sor-troms"),
    "knowledge:memo-create": entry(STAFF_ONLY, slug="sor-troms"),
    "knowledge:document-detail": entry("D A D D A", pk="{document}"),
    "knowledge:document-edit": entry(STAFF_ONLY, pk="{document}"),
    "knowledge:version-add": entry(STAFF_ONLY, pk="{document}"),
    "knowledge:document-delete": entry(STAFF_ONLY, pk="{document}"),  # registrant or admin
    "knowledge:trash-list": entry(LOGGED_IN),  # everyone sees only what they may restore
    # Restore: the registrant (nobody here) or an administrator; 404 for everyone else.
    "knowledge:trash-restore": entry(STAFF_ONLY, "POST", pk="{trashed_document}"),
    "knowledge:group-list": entry(STAFF_ONLY, slug="sor-troms"),  # the region's coordinators
    "knowledge:group-edit": entry(STAFF_ONLY, pk="{group}"),
    "knowledge:document-attach": entry(
        STAFF_ONLY,
        "POST",
        key="strategy.measure",
        object_id="{measure}",
        data={"document": "{document}"},
    ),
    "knowledge:template-use": entry(STAFF_ONLY, pk="{template}"),
    "knowledge:version-file": entry("D A D D A", pk="{file_version}"),
    "knowledge:version-approve": entry(STAFF_ONLY, "POST", pk="{file_version}"),
    "knowledge:version-delete": entry(STAFF_ONLY, "POST", pk="{file_version}"),
    "knowledge:decision-log": entry(PUBLIC, slug="sor-troms"),
    "knowledge:decision-create": entry(STAFF_ONLY, slug="sor-troms"),
    "knowledge:decision-export": entry(PUBLIC, slug="sor-troms", fmt="csv"),
    "knowledge:decision-detail": entry("D A D D A", pk="{decision}"),
    "knowledge:decision-edit": entry(STAFF_ONLY, pk="{decision}"),
    # --- collaboration projects (a published Sør-Troms project: its internal parts are 404) ---
    "collaboration:project-list": entry(PUBLIC),
    "collaboration:project-create": entry("L D D A A"),  # coordinators of some region, admins
    "collaboration:project-detail": entry(PUBLIC, pk="{collab}"),
    "collaboration:project-edit": entry(STAFF_ONLY, pk="{collab}"),
    "collaboration:role-create": entry(STAFF_ONLY, pk="{collab}"),
    "collaboration:activity-create": entry(STAFF_ONLY, pk="{collab}"),
    "collaboration:milestone-create": entry(STAFF_ONLY, pk="{collab}"),
    "collaboration:milestone-edit": entry(STAFF_ONLY, pk="{collab_milestone}"),
    "collaboration:decision-point-create": entry(STAFF_ONLY, pk="{collab}"),
    "collaboration:decision-point-detail": entry(PUBLIC, pk="{collab_point}"),
    "collaboration:decision-record": entry(STAFF_ONLY, pk="{collab_point}"),
    "collaboration:treatment-create": entry(STAFF_ONLY, pk="{collab_point}"),
    "collaboration:point-override": entry(STAFF_ONLY, pk="{collab_point}"),
    "collaboration:budget": entry(STAFF_ONLY, pk="{collab}"),
    "collaboration:cost-line-create": entry(STAFF_ONLY, pk="{collab}"),
    "collaboration:financing-create": entry(STAFF_ONLY, pk="{collab}"),
    "collaboration:cost-key-create": entry(STAFF_ONLY, pk="{collab}"),
    "collaboration:cost-key-choose": entry(STAFF_ONLY, "POST", pk="{collab_key}"),
    "collaboration:allocation-export": entry(STAFF_ONLY, pk="{collab_key}", fmt="csv"),
    "collaboration:meeting-create": entry(STAFF_ONLY, pk="{collab}"),
    "collaboration:meeting-detail": entry(STAFF_ONLY, pk="{collab_meeting}"),
    "collaboration:agenda-item-create": entry(STAFF_ONLY, pk="{collab_meeting}"),
    "collaboration:decision-list": entry(STAFF_ONLY, pk="{collab}"),
    "collaboration:agreement-create": entry(STAFF_ONLY, pk="{collab}"),
    "collaboration:agreement-detail": entry(STAFF_ONLY, pk="{collab_agreement}"),
    "collaboration:agreement-version-create": entry(STAFF_ONLY, pk="{collab_agreement}"),
    "collaboration:agreement-sign": entry(STAFF_ONLY, pk="{collab_agreement_version}"),
    "collaboration:report-list": entry(STAFF_ONLY, pk="{collab}"),
    "collaboration:report-create": entry(STAFF_ONLY, pk="{collab}"),
    "collaboration:report-detail": entry(STAFF_ONLY, pk="{collab_report}"),
    "collaboration:report-pdf": entry(STAFF_ONLY, pk="{collab_report}"),
    "collaboration:role-edit": entry(STAFF_ONLY, pk="{collab_role}"),
    "collaboration:role-delete": entry(STAFF_ONLY, pk="{collab_role}"),
    "collaboration:cost-line-edit": entry(STAFF_ONLY, pk="{collab_line}"),
    "collaboration:cost-line-delete": entry(STAFF_ONLY, pk="{collab_line}"),
    "collaboration:financing-edit": entry(STAFF_ONLY, pk="{collab_source}"),
    "collaboration:financing-delete": entry(STAFF_ONLY, pk="{collab_source}"),
    "collaboration:meeting-edit": entry(STAFF_ONLY, pk="{collab_meeting}"),
    "collaboration:meeting-delete": entry(STAFF_ONLY, pk="{collab_meeting}"),
    "collaboration:agenda-item-edit": entry(STAFF_ONLY, pk="{collab_item}"),
    "collaboration:agenda-item-delete": entry(STAFF_ONLY, pk="{collab_item}"),
    "collaboration:agreement-edit": entry(STAFF_ONLY, pk="{collab_agreement}"),
    "collaboration:activity-edit": entry(STAFF_ONLY, pk="{collab_activity}"),
    "collaboration:activity-delete": entry(STAFF_ONLY, pk="{collab_activity}"),
    "collaboration:decision-point-edit": entry(STAFF_ONLY, pk="{collab_point}"),
    "collaboration:decision-point-delete": entry(STAFF_ONLY, pk="{collab_point}"),
    "collaboration:agreement-delete": entry(STAFF_ONLY, pk="{collab_agreement}"),
    "collaboration:report-edit": entry(STAFF_ONLY, pk="{collab_report}"),
    "collaboration:cost-key-edit": entry(STAFF_ONLY, pk="{collab_key}"),
    # --- land: public search and pages; registering needs a municipality of one's own ---
    "api:land_sites": entry(PUBLIC),
    "api:land_site": entry(PUBLIC, site_id="{land_site}"),
    "api:land_inquiry_candidates": entry("L D D D A", inquiry_id="{inquiry}"),
    "api:land_reservations": entry(
        "L D D D A", "POST", inquiry_id="{inquiry}", data={"site_id": "{land_free}"}
    ),
    "api:land_reservation_release": entry("L D D D A", "POST", reservation_id="{land_reservation}"),
    "api:land_import": entry(LOGGED_IN, "POST"),  # no file: 422 (ninja checks the form first)
    "land:search": entry(PUBLIC, query="type=plot&punkt=vaernes&maks_km=50"),
    "land:search-layer": entry(PUBLIC),
    "land:search-export": entry(PUBLIC, fmt="csv"),
    "land:site-create": entry("L D A A A"),  # the chooser of one's own municipalities
    "land:site-import": entry("L D A A A"),
    "land:accounts": entry(PUBLIC),
    "land:accounts-export": entry(PUBLIC, fmt="csv"),
    "land:accounts-periods-export": entry(PUBLIC, fmt="xlsx", query="periode=quarter&fra=2025"),
    "land:site-detail": entry(PUBLIC, pk="{land_site}"),
    "land:site-edit": entry(STAFF_ONLY, pk="{land_site}"),
    # Without a version the admin's publish is refused as a conflict (a redirect, nothing saved).
    "land:site-publish": entry(STAFF_ONLY, "POST", pk="{land_site}"),
    "land:site-pdf": entry(PUBLIC, pk="{land_site}"),
    "land:site-photo": entry(PUBLIC, pk="{land_site}", photo="{land_photo}"),
    "land:site-photo-add": entry(STAFF_ONLY, pk="{land_site}"),
    "land:site-photo-delete": entry(
        STAFF_ONLY, "POST", pk="{land_site}", photo="{land_photo_gone}"
    ),
    # Without the order seen the admin's move is refused as a conflict (a redirect, nothing moved).
    "land:site-photo-move": entry(STAFF_ONLY, "POST", pk="{land_site}", photo="{land_photo}"),
    "land:inquiry-match": entry("L D D D A", pk="{inquiry}"),
    "land:inquiry-criteria": entry("L D D D A", pk="{inquiry}"),
    "land:selection-send": entry("L D D D A", "POST", pk="{inquiry}"),
    "land:site-reserve": entry("L D D D A", "POST", pk="{inquiry}"),
    "land:unmet-record": entry("L D D D A", "POST", pk="{inquiry}"),
    "land:reservation-release": entry("L D D D A", "POST", pk="{land_reservation}"),
    "land:selection-public": entry(PUBLIC, token="{land_token}"),
}

# Django's admin checks staff status itself; its many patterns are sampled, not listed one by one.
ADMIN_NAMESPACE = "admin"
ADMIN_SAMPLES: dict[str, Entry] = {
    "admin:index": entry("L L L L A"),
    "admin:regions_membershiprequest_changelist": entry("L L L L A"),
    "admin:regions_region_changelist": entry("L L L L A"),
    "admin:accounts_user_add": entry("L L L L A"),
}


def _walk(patterns: list[URLPattern | URLResolver], namespace: str = "") -> Iterator[str]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, inner)
        else:
            yield f"{namespace}{pattern.name or f'<unnamed {pattern.pattern}>'}"


def test_every_url_pattern_has_an_entry() -> None:
    names = set(_walk(get_resolver().url_patterns))
    listed = {name for name in names if not name.startswith(f"{ADMIN_NAMESPACE}:")}

    missing = sorted(listed - set(MATRIX))
    stale = sorted(set(MATRIX) - listed)

    assert not missing, f"URL patterns without an entry in the permission matrix: {missing}"
    assert not stale, f"Matrix entries for URL patterns that no longer exist: {stale}"
    assert set(ADMIN_SAMPLES) <= names


@pytest.fixture
def scenario(settings: Any, tmp_path: Path) -> dict[str, str]:
    """Objects of Sør-Troms (Bardu) for every kind of URL, and Trondheim's pending request."""
    settings.MEDIA_ROOT = str(tmp_path)
    sor_troms = Region.objects.get(slug="sor-troms")
    bardu = Municipality.objects.get(number="5520")
    strategy = StrategyFactory.create(region=sor_troms)
    plan = ActionPlanFactory.create(strategy=strategy, municipality=bardu)
    measure = MeasureFactory.create(action_plan=plan)
    indicator = GoalIndicatorFactory.create(goal__focus_area__strategy=strategy)
    ReportingPeriodFactory.create(strategy=strategy)
    report = report_create(
        actor=UserFactory.create(is_superuser=True),
        strategy=strategy,
        title="Rapport",
        as_of=datetime.date(2025, 5, 1),
    )
    adviser = BusinessDeveloperRoleFactory.create(municipality=bardu).user
    inquiry = InquiryFactory.create(region=sor_troms, municipalities=[bardu])
    InquiryContactFactory.create(inquiry=inquiry)
    note = InquiryNoteFactory.create(inquiry=inquiry)
    rule = RoutingRuleFactory.create(region=sor_troms)
    run = AnalysisRunFactory.create()
    request = MembershipRequest.objects.create(
        region=Region.objects.get(slug="trondheimsregionen"),
        municipality=bardu,
        valid_from="2020-01-01",
    )
    document = DocumentVersionFactory.create(document__region=sor_troms).document
    template = DocumentVersionFactory.create(
        document__region=sor_troms, document__kind="template", document__is_reusable=True
    ).document
    file_version = document_version_add(
        actor=None,
        document=DocumentFactory.create(region=sor_troms),
        upload=Upload(name="notat.png", data=png_bytes()),
    )
    trashed_document = DocumentVersionFactory.create(document__region=sor_troms).document
    document_trash(actor=None, document=trashed_document)
    decision = DecisionFactory.create(region=sor_troms)
    collab = collaboration_services.project_create(
        actor=None, region=sor_troms, title="Samarbeid", stage="pre_project", is_published=True
    )
    collab_milestone = collaboration_services.milestone_add(
        actor=None, project=collab, number="01", date=datetime.date(2017, 11, 15), marker="M"
    )
    collab_point = collaboration_services.decision_point_add(
        actor=None,
        project=collab,
        number=1,
        date=datetime.date(2017, 11, 1),
        topic="Start",
        needs_all_councils=True,
    )
    collab_key = collaboration_services.cost_key_add(
        actor=None, project=collab, name="Likt", equal_percent=100
    )
    collab_meeting = collaboration_services.meeting_add(
        actor=None, project=collab, kind="status", date=datetime.date(2017, 11, 1), title="Møte"
    )
    collab_role = collaboration_services.role_add(
        actor=None, project=collab, kind="manager", name="Prosjektleder"
    )
    collab_line = collaboration_services.cost_line_add(
        actor=None, project=collab, category="travel", year=2018, planned=1000
    )
    collab_source = collaboration_services.financing_add(
        actor=None, project=collab, kind="county", amount=1000
    )
    collab_activity = collaboration_services.activity_add(
        actor=None, project=collab, code="A1", title="Kartlegging"
    )
    collab_item = collaboration_services.agenda_item_add(
        actor=None, meeting=collab_meeting, number=1, year=2017, title="Sak"
    )
    collab_agreement = collaboration_services.agreement_create(
        actor=None, project=collab, title="Avtale", date=datetime.date(2018, 3, 1)
    )
    collab_report = collaboration_services.status_report_create(
        actor=None,
        project=collab,
        period_start=datetime.date(2017, 11, 1),
        period_end=datetime.date(2017, 12, 31),
        status="on_track",
        explanation="Går bra",
    )
    land_site = land_make_site("5520", name="Matrisetomt")
    land_other = land_make_site("5520", name="Matrisetomt 2", dlat=0.01)
    land_selection = selection_send(actor=None, inquiry=inquiry, sites=[land_site])
    land_reservation = site_reserve(actor=None, site=land_other, inquiry=inquiry)
    land_photo, land_photo_gone = (
        site_photo_add(actor=None, site=land_site, name="t.png", data=png_bytes(), alt_text=alt)
        for alt in ("Tomta", "Bort")
    )
    project = ProjectFactory.create(region=sor_troms, municipalities=[bardu], geometry=None)
    scenario = Scenario.objects.create(region=sor_troms, name="Hva om", shifts={})
    opportunity = Opportunity.objects.create(region=sor_troms, title="Leveranser", kind="suppliers")
    opportunity.projects.set([project])
    challenge = ChallengeFactory.create(stage="answers", owners=["5520"])
    answer = AnswerFactory.create(challenge=challenge)
    meeting = DialogueMeeting.objects.create(
        challenge=challenge, starts_at=challenge.created_at, place="Bardu rådhus"
    )
    question = Question.objects.create(challenge=challenge, text="Hvor store rør?")
    attachment = AnswerAttachment.objects.create(
        answer=answer,
        file="challenges/answers/matrise.pdf",
        file_name="matrise.pdf",
        file_type="pdf",
        content_type="application/pdf",
        size=10,
        sha256="0" * 64,
    )
    piloted = AnswerFactory.create(challenge__stage="pilot", challenge__owners=["5520"])
    pilot = Pilot.objects.create(
        challenge=piloted.challenge, answer=piloted, selection_reason="Best"
    )
    milestone = Milestone.objects.create(
        pilot=pilot, title="Sensorer montert", due_on=datetime.date(2026, 12, 1)
    )
    group = DocumentGroupFactory.create(region=sor_troms)
    return {
        "collab": str(collab.pk),
        "collab_milestone": str(collab_milestone.pk),
        "collab_point": str(collab_point.pk),
        "collab_key": str(collab_key.pk),
        "collab_meeting": str(collab_meeting.pk),
        "collab_role": str(collab_role.pk),
        "collab_agreement": str(collab_agreement.pk),
        "collab_agreement_version": str(collab_agreement.versions.get().pk),
        "collab_report": str(collab_report.pk),
        "collab_line": str(collab_line.pk),
        "collab_source": str(collab_source.pk),
        "collab_item": str(collab_item.pk),
        "collab_activity": str(collab_activity.pk),
        "land_site": str(land_site.pk),
        "land_token": land_selection.token,
        "land_reservation": str(land_reservation.pk),
        "land_photo": str(land_photo.pk),
        "land_free": str(land_make_site("5520", name="Matrisetomt 3", dlat=-0.01).pk),
        "land_photo_gone": str(land_photo_gone.pk),
        "project": str(project.pk),
        "scenario": str(scenario.pk),
        "opportunity": str(opportunity.pk),
        "milestone": str(milestone.pk),
        "challenge": str(challenge.pk),
        "answer": str(answer.pk),
        "meeting": str(meeting.pk),
        "question": str(question.pk),
        "attachment": str(attachment.pk),
        "pilot": str(pilot.pk),
        "supplier": str(answer.supplier_id),
        "group": str(group.pk),
        "document": str(document.pk),
        "trashed_document": str(trashed_document.pk),
        "template": str(template.pk),
        "file_version": str(file_version.pk),
        "decision": str(decision.pk),
        "strategy": str(strategy.pk),
        "plan": str(plan.pk),
        "measure": str(measure.pk),
        "goal": str(indicator.goal_id),
        "indicator": str(indicator.pk),
        "report": str(report.pk),
        "inquiry": str(inquiry.pk),
        "note": str(note.pk),
        "rule": str(rule.pk),
        "run": str(run.pk),
        "request": str(request.pk),
        "adviser": str(adviser.pk),
        "adviser_username": adviser.get_username(),
    }


def _user(role: str) -> User | AnonymousUser:
    sor_troms = Region.objects.get(slug="sor-troms")
    if role == "anonymous":
        return AnonymousUser()
    if role == "viewer":
        return ViewerRoleFactory.create(region=sor_troms).user
    if role == "other_developer":
        return BusinessDeveloperRoleFactory.create(
            municipality=Municipality.objects.get(number="5001")
        ).user
    if role == "other_coordinator":
        return CoordinatorRoleFactory.create(
            region=Region.objects.get(slug="trondheimsregionen")
        ).user
    if role == "admin":
        return UserFactory.create(is_superuser=True, is_staff=True)
    raise AssertionError(role)


def _answer_class(status: int, location: str) -> str:
    to_login = "/logg-inn/" in location or "/login/" in location
    if status == 401 or (status in (301, 302) and to_login):
        return "L"
    if status in (403, 404):
        return "D"
    if status < 400 or status in (400, 405, 409, 415, 422, 429):
        return "A"
    return f"?{status}"


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_what_the_matrix_expects(
    role: str, scenario: dict[str, str], client: Client
) -> None:
    user = _user(role)
    position = ROLES.index(role)
    wrong: list[str] = []
    for name, planned in [*MATRIX.items(), *ADMIN_SAMPLES.items()]:
        if isinstance(user, User):
            client.force_login(user)  # logging out (a listed URL) must not leak into the next
        kwargs = {key: value.format(**scenario) for key, value in planned.kwargs}
        url = reverse(name, kwargs=kwargs) + (f"?{planned.query}" if planned.query else "")
        data = {
            key: value.format(**scenario)
            if isinstance(value, str)
            else [v.format(**scenario) for v in value]
            if isinstance(value, list)
            else value
            for key, value in planned.data
        }
        if planned.method == "GET":
            response = client.get(url)
        elif name.startswith("api:"):
            send = {"PATCH": client.patch, "PUT": client.put, "DELETE": client.delete}.get(
                planned.method, client.post
            )
            response = send(url, json.dumps(data), content_type="application/json")
        else:
            response = client.post(url, data)
        expected = planned.expected.split()[position]
        got = _answer_class(response.status_code, response.get("Location", ""))
        if got != expected:
            wrong.append(
                f"{name} {planned.method} {url}: expected {expected}, got {response.status_code}"
            )
    assert not wrong, f"{role}:\n" + "\n".join(wrong)
