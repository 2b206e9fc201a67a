"""The users of the load test (bench/load.py starts locust with this file; loopback only).

No think time: each simulated user sends its next request as soon as the last one is answered.
Anonymous visitors read the public pages; staff members log in once and read their own pages;
the static floor fetches static files of the same sizes as the public pages, from the same server.
"""

import os
import random
import re

from locust import HttpUser, constant, task

from bench.load_pages import PUBLIC_PAGES, STAFF_PAGES, STAFF_PASSWORD, STAFF_USERNAME

STARTED = {"staff": 0}  # staff members logged in so far: the driver measures only after all are


class AnonymousVisitor(HttpUser):
    """Someone reading the open pages (what a cached page is for)."""

    weight = 3
    wait_time = constant(0)

    @task
    def public_page(self) -> None:
        path = random.choice(PUBLIC_PAGES)
        self.client.get(path, name=f"public {path}")


class StaffMember(HttpUser):
    """A coordinator at work: strategy, inbox, analyses, region and statistics pages, signed in."""

    weight = 1
    wait_time = constant(0)

    def on_start(self) -> None:
        page = self.client.get("/konto/logg-inn/", name="login form")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        response = self.client.post(
            "/konto/logg-inn/",
            data={
                "username": STAFF_USERNAME,
                "password": STAFF_PASSWORD,
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            headers={"Referer": f"{self.host}/konto/logg-inn/"},
            allow_redirects=False,
            name="login",
        )
        if response.status_code != 302:
            response.failure(f"login answered {response.status_code}")  # type: ignore[attr-defined]
        STARTED["staff"] += 1

    @task
    def staff_page(self) -> None:
        path = random.choice(STAFF_PAGES)
        self.client.get(path, name=f"staff {path}")


class StaticFloor(HttpUser):
    """Static files of the public pages' sizes: the fastest the same server can answer."""

    weight = 0  # only when named on the command line
    wait_time = constant(0)
    paths = [path for path in os.environ.get("SAMSPILL_BENCH_STATIC", "").split(",") if path]

    @task
    def static_file(self) -> None:
        path = random.choice(self.paths)
        self.client.get(path, name="static floor")
