"""Two real application processes (gunicorn, DEBUG off) on one PostgreSQL and one Redis.

What a load balancer in front of several app servers needs: a session made on one works on the
other, the public form's rate limit counts across both, and a change made through one is not
hidden by a page the other cached. The processes get their own PostgreSQL database (created and
dropped here) and a key prefix of their own in Redis (only that prefix is removed afterwards).
"""

import re
import secrets
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import NamedTuple

import psycopg
import pytest
import redis
import requests
from django.core import signing

from bench.servers import (
    POSTGRES_ADMIN_URL,
    REDIS_URL,
    gunicorn,
    production_environment,
    reachable,
    run_django,
)
from samspill.inquiries.spam import SALT as FORM_STARTED_SALT

REGION = "sor-troms"
PASSWORD = "two-processes-password"


class Cluster(NamedTuple):
    first: str
    second: str
    secret_key: str
    log: Path


def _database_url(name: str) -> str:
    return POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"


def _admin(sql: str) -> None:
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True, connect_timeout=3) as connection:
        connection.execute(sql)  # type: ignore[arg-type]  # our own fixed statements


SETUP = f"""
from django.core.management import call_command
from tests.accounts.factories import CoordinatorRoleFactory, UserFactory
from tests.regions.factories import RegionFactory, RegionMembershipFactory
call_command("migrate", verbosity=0)
region = RegionFactory(slug="{REGION}", name="Sør-Troms")
RegionMembershipFactory.create_batch(2, region=region)
CoordinatorRoleFactory(
    region=region, user=UserFactory(username="koordinator", password="{PASSWORD}")
)
"""


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    if not reachable(POSTGRES_ADMIN_URL):
        pytest.skip(f"needs PostgreSQL at {POSTGRES_ADMIN_URL} (SAMSPILL_POSTGRES_ADMIN_URL)")
    if not reachable(REDIS_URL):
        pytest.skip(f"needs Redis at {REDIS_URL} (SAMSPILL_TEST_REDIS_URL)")
    run = secrets.token_hex(4)
    database = f"samspill_two_processes_{run}"
    prefix = f"samspill-test-{run}"
    _admin(f"CREATE DATABASE {database}")
    try:
        with tempfile.TemporaryDirectory(prefix="samspill-two-") as folder, ExitStack() as stack:
            environment = production_environment(
                database_url=_database_url(database),
                cache_url=REDIS_URL,
                key_prefix=prefix,
                var_dir=Path(folder),
                settings_module="tests.live_settings",
            )
            run_django(environment, SETUP)
            log = Path(folder) / "gunicorn.log"
            first = stack.enter_context(gunicorn(environment, log=log))
            second = stack.enter_context(gunicorn(environment, log=log))
            yield Cluster(first, second, environment["SECRET_KEY"], log)
    finally:
        store = redis.Redis.from_url(REDIS_URL)
        for key in store.scan_iter(match=f"{prefix}:*"):
            store.delete(key)
        _admin(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")


def _csrf_token(session: requests.Session, url: str) -> str:
    page = session.get(url, timeout=30)
    page.raise_for_status()
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert match, url
    return match.group(1)


def _form_values(session: requests.Session, url: str) -> dict[str, str]:
    """The CSRF token and the version the edit form was loaded with (no lost updates)."""
    page = session.get(url, timeout=30)
    page.raise_for_status()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    version = re.search(r'name="version" value="(\d+)"', page.text) or re.search(
        r'value="(\d+)"[^>]*name="version"', page.text
    )
    assert token, url
    assert version, url
    return {"csrfmiddlewaretoken": token.group(1), "version": version.group(1)}


def _logged_in(base: str) -> requests.Session:
    session = requests.Session()
    login = f"{base}/konto/logg-inn/"
    response = session.post(
        login,
        data={
            "username": "koordinator",
            "password": PASSWORD,
            "csrfmiddlewaretoken": _csrf_token(session, login),
        },
        headers={"Referer": login},
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 302, response.text
    return session


def test_a_session_made_on_one_process_works_on_the_other(cluster: Cluster) -> None:
    session = _logged_in(cluster.first)

    profile = session.get(f"{cluster.second}/konto/profil/", allow_redirects=False, timeout=30)

    assert profile.status_code == 200
    assert "koordinator" in profile.text


def test_the_public_form_rate_limit_counts_across_both_processes(cluster: Cluster) -> None:
    form_url = f"/bedrift/{REGION}/henvendelse/"
    page = requests.get(cluster.first + form_url, timeout=30)
    municipality = re.search(r'name="municipalities" value="(\d+)"', page.text)
    assert municipality, page.text
    statuses = []
    for attempt in range(8):
        base = (cluster.first, cluster.second)[attempt % 2]
        session = requests.Session()
        data = {
            "company_name": "Fjellfisk AS",
            "organisation_number": "923609016",
            "needs": ["site"],
            "municipalities": [municipality.group(1)],
            "area": "25",
            "area_unit": "daa",
            "employees": "10",
            "jobs_expected": "12",
            "timing": "6m",
            "description": f"Trenger kaiplass ({attempt}).",
            "contact_name": "Kari Nordmann",
            "contact_email": "kari@example.invalid",
            "contact_phone": "40000000",
            "website": "",
            # A start time long ago (distinct per attempt), signed with the servers' key.
            "started": signing.dumps(attempt, key=cluster.secret_key, salt=FORM_STARTED_SALT),
            "csrfmiddlewaretoken": _csrf_token(session, base + form_url),
        }
        response = session.post(
            base + form_url,
            data=data,
            headers={"Referer": base + form_url},
            allow_redirects=False,
            timeout=30,
        )
        statuses.append(response.status_code)

    # Limit 5 per address and hour: the sixth is refused whichever process receives it.
    assert statuses == [302] * 5 + [429] * 3, cluster.log.read_text(encoding="utf-8")[-3000:]


def test_a_change_through_one_process_is_seen_at_once_on_the_other(cluster: Cluster) -> None:
    page = f"/regioner/{REGION}/"
    # Behind a load balancer every process sees the same public host name.
    public = {"Host": "localhost"}
    first = requests.get(cluster.first + page, headers=public, timeout=30)
    assert first.headers["X-Samspill-Cache"] == "miss"
    cached = requests.get(cluster.second + page, headers=public, timeout=30)
    assert cached.headers["X-Samspill-Cache"] == "hit"  # the cache is shared
    session = _logged_in(cluster.first)
    edit = f"{cluster.first}{page}endre/"

    saved = session.post(
        edit,
        data={
            "name": "Sør-Troms endret",
            "description": "Endret gjennom den første prosessen.",
            **_form_values(session, edit),
        },
        headers={"Referer": edit},
        allow_redirects=False,
        timeout=30,
    )
    fresh = requests.get(cluster.second + page, headers=public, timeout=30)

    assert saved.status_code == 302
    assert fresh.headers["X-Samspill-Cache"] == "miss"
    assert "Sør-Troms endret" in fresh.text
