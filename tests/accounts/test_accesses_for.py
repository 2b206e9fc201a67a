"""`accesses_for` (many users, two queries) gives each user what `access_for` gives them alone."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from samspill.accounts.selectors import access_for, accesses_for
from tests.notifications.conftest import people_of_every_role

pytestmark = pytest.mark.django_db


def test_many_at_once_is_each_alone() -> None:
    users = list(people_of_every_role().values())
    with CaptureQueriesContext(connection) as queries:
        together = accesses_for(users=users)
    assert len(queries.captured_queries) == 2
    assert together == {user.pk: access_for(user=user) for user in users}
    assert any(access.member_region_ids for access in together.values())
    assert any(access.coordinated_municipality_ids for access in together.values())
    assert accesses_for(users=[]) == {}
