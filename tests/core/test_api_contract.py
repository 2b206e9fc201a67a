"""Schemathesis holds the API to its OpenAPI description: no server errors, no undeclared answers.

Runs in `make test` against the Django app through WSGI (no server), signed in as a demo-like
coordinator built by factories, with a bounded, deterministic number of cases per operation.
"""

import json
from collections.abc import Iterator

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

from samspill.config.api import api
from samspill.config.wsgi import application
from tests.accounts.factories import BusinessDeveloperRoleFactory, CoordinatorRoleFactory
from tests.inquiries.factories import InquiryFactory
from tests.strategy.factories import ActionPlanFactory, GoalIndicatorFactory, StrategyFactory

MAX_EXAMPLES = 8

# Rules between parameters that OpenAPI cannot state for query parameters; each operation says
# so in its description and answers 400 with the reason. Every other check applies to them.
CROSS_PARAMETER_RULES = {
    ("GET", "/api/analyses/shift-share"),  # exactly one of region and municipality
    ("GET", "/api/stats/regions/{slug}/population"),  # from_year ≤ to_year, within loaded years
    ("GET", "/api/stats/municipalities/{number}/population"),
    ("GET", "/api/stats/regions/{slug}/commuting"),  # a year with data
    ("GET", "/api/stats/municipalities/{number}/commuting"),
}
# Content the schema cannot express, answered 422 with the reason (a corridor line's points must be
# readable, distinct and inside Norway; ADR 78).
CONTENT_RULES_422 = {("GET", "/api/projects/corridor")}


# The signed-in session of the running test, applied by the auth provider below. Schemathesis
# leaves it out on purpose for its "missing authentication" cases, and then expects a 401.
SESSION: dict[str, dict[str, str]] = {}


@pytest.fixture
def signed_in(db: None) -> Iterator[None]:
    """Cookies and the CSRF header of a coordinator of Sør-Troms who also develops Bardu."""
    from samspill.regions.models import Municipality, Region

    sor_troms = Region.objects.get(slug="sor-troms")
    bardu = Municipality.objects.get(number="5520")
    user = CoordinatorRoleFactory.create(region=sor_troms).user
    BusinessDeveloperRoleFactory.create(user=user, municipality=bardu)
    strategy = StrategyFactory.create(region=sor_troms)
    ActionPlanFactory.create(strategy=strategy, municipality=bardu)
    GoalIndicatorFactory.create(goal__focus_area__strategy=strategy)
    InquiryFactory.create(region=sor_troms, municipalities=[bardu])
    client = Client()
    client.force_login(user)
    token = get_token(RequestFactory().get("/"))
    SESSION["cookies"] = {"sessionid": client.cookies["sessionid"].value, "csrftoken": token}
    SESSION["headers"] = {"X-CSRFToken": token}
    # Like Django's test client: requests through the WSGI handler must not close the test's
    # database connection (on PostgreSQL that ends the test's transaction).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
    SESSION.clear()


# The description as /api/openapi.json serves it (built without a request: no database needed).
schema = schemathesis.openapi.from_dict(
    json.loads(json.dumps(api.get_openapi_schema(), default=str))
)
schema.app = application


@schema.auth()
class SessionAuth:
    """Django's session cookie (and the CSRF token the API asks for on writes)."""

    def get(self, case: schemathesis.Case, ctx: schemathesis.AuthContext) -> str:
        return "session"

    def set(self, case: schemathesis.Case, data: str, ctx: schemathesis.AuthContext) -> None:
        case.cookies = {**(case.cookies or {}), **SESSION.get("cookies", {})}
        for name, value in SESSION.get("headers", {}).items():
            case.headers[name] = value


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_answers_as_its_openapi_description_says(
    case: schemathesis.Case, signed_in: None
) -> None:
    response = case.call()
    excluded = []
    if response.status_code == 400 and (case.method, case.path) in CROSS_PARAMETER_RULES:
        excluded = [positive_data_acceptance]  # the documented rule, not a missing constraint
    if response.status_code == 422 and (case.method, case.path) in CONTENT_RULES_422:
        excluded = [positive_data_acceptance]
    case.validate_response(response, excluded_checks=excluded)
