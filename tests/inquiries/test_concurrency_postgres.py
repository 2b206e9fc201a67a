"""Races with real parallel connections: two closes at once, two submits of one form at once.

PostgreSQL only: SQLite lets one writer in at a time for the whole file, so the race cannot
happen there (the same rules are checked one request after the other in test_concurrency.py).
The tests commit (transaction=True), so they build all their data themselves: pytest-django
empties the database after each of them, and runs them after the ordinary tests.
"""

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections

from samspill.audit.selectors import audit_entries_for
from samspill.core.exceptions import ConflictError
from samspill.inquiries.exceptions import InquiryClosedError
from samspill.inquiries.models import Inquiry
from samspill.inquiries.services import (
    ContactInput,
    InquiryInput,
    inquiry_status_change,
    inquiry_submit_public,
)
from samspill.inquiries.spam import form_started_token, form_token_key
from samspill.regions.models import Municipality, Region
from samspill.regions.services import region_update
from tests.accounts.factories import CoordinatorRoleFactory
from tests.inquiries.factories import InquiryFactory
from tests.regions.factories import MunicipalityFactory, RegionFactory, RegionMembershipFactory

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises all writers, so there is no race to test",
    ),
    pytest.mark.django_db(transaction=True),
]

ROUNDS = 5


def run_at_once(*calls: Callable[[], Any]) -> list[Any]:
    """Run each call in its own thread with its own database connection, released together."""
    start = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def worker(index: int, call: Callable[[], Any]) -> None:
        try:
            prepared = call()  # loads what the user saw, before anyone writes
            start.wait(timeout=30)
            results[index] = prepared()
        except Exception as error:  # the test inspects what each thread got
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def _region() -> tuple[Region, Municipality]:
    region = RegionFactory.create()
    place = MunicipalityFactory.create()
    RegionMembershipFactory.create(region=region, municipality=place)
    return region, place


def test_two_closes_at_once_have_exactly_one_winner_and_one_closing_entry() -> None:
    region, place = _region()
    first = CoordinatorRoleFactory.create(region=region).user
    second = CoordinatorRoleFactory.create(region=region).user

    for _ in range(ROUNDS):
        inquiry = InquiryFactory.create(region=region, municipalities=[place])

        def close_established(pk: int = inquiry.pk) -> Callable[[], Any]:
            seen = Inquiry.objects.get(pk=pk)
            return lambda: inquiry_status_change(
                inquiry=seen,
                actor=first,
                status=Inquiry.Status.ESTABLISHED,
                outcome_municipality=place,
                jobs_created=3,
            )

        def close_lost(pk: int = inquiry.pk) -> Callable[[], Any]:
            seen = Inquiry.objects.get(pk=pk)
            return lambda: inquiry_status_change(
                inquiry=seen, actor=second, status=Inquiry.Status.LOST, lost_reason="other"
            )

        results = run_at_once(close_established, close_lost)

        winners = [r for r in results if isinstance(r, Inquiry)]
        losers = [r for r in results if isinstance(r, InquiryClosedError)]
        assert (len(winners), len(losers)) == (1, 1), results
        inquiry.refresh_from_db()
        assert inquiry.status == winners[0].status
        closing = [e for e in audit_entries_for(subject=inquiry) if "closed_at" in e.changes]
        assert len(closing) == 1


def test_one_form_submitted_twice_at_once_makes_one_inquiry() -> None:
    region, place = _region()
    token = form_token_key(form_started_token(now=0))

    def submit() -> Callable[[], Any]:
        return lambda: inquiry_submit_public(
            region=region,
            data=InquiryInput(company_name="Fjellfisk AS", needs=["site"], municipalities=[place]),
            contact=ContactInput(name="Kari Nordmann", email="kari@example.invalid"),
            form_token=token,
        )

    results = run_at_once(submit, submit)

    assert not [r for r in results if isinstance(r, Exception)], results
    assert sorted(created for _inquiry, created in results) == [False, True]
    assert results[0][0].pk == results[1][0].pk
    assert Inquiry.objects.filter(region=region).count() == 1


def test_two_saves_of_one_version_at_once_have_one_winner() -> None:
    region, _place = _region()
    coordinator = CoordinatorRoleFactory.create(region=region).user

    def save(name: str) -> Callable[[], Any]:
        seen = Region.objects.get(pk=region.pk)
        return lambda: region_update(
            region=seen, actor=coordinator, name=name, description="", expected_version=1
        )

    results = run_at_once(lambda: save("Anna"), lambda: save("Bjørn"))

    assert sum(isinstance(r, Region) for r in results) == 1
    assert sum(isinstance(r, ConflictError) for r in results) == 1
    region.refresh_from_db()
    assert region.version == 2


def test_submissions_at_once_get_distinct_consecutive_case_numbers() -> None:
    region, place = _region()
    submitters = 6

    def submit(index: int) -> Callable[[], Callable[[], Any]]:
        def prepared() -> Callable[[], Any]:
            token = form_token_key(form_started_token(now=index))
            return lambda: inquiry_submit_public(
                region=region,
                data=InquiryInput(
                    company_name=f"Bedrift {index} AS", needs=["site"], municipalities=[place]
                ),
                contact=ContactInput(name="Kari Nordmann", phone="40000000"),
                form_token=token,
            )

        return prepared

    for _ in range(ROUNDS):
        results = run_at_once(*(submit(i) for i in range(submitters)))

        assert not [r for r in results if isinstance(r, Exception)], results
        assert all(created for _inquiry, created in results)
    numbers = sorted(
        int(number.rsplit("-", 1)[1])
        for number in Inquiry.objects.filter(region=region).values_list("case_number", flat=True)
    )
    assert numbers == list(range(1, submitters * ROUNDS + 1))  # none twice, none skipped
