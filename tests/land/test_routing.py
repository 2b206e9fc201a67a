"""The optional routing service (ADR 98), against a real local HTTP server speaking OSRM's format."""

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import Client
from django.urls import reverse

from samspill.land import routing
from samspill.land.checks import routing_service_check
from samspill.land.selectors import point_choices, site_distances, travel_note
from tests.land.factories import make_site

pytestmark = pytest.mark.django_db


@dataclass
class Behaviour:
    mode: str = "ok"  # ok, slow, error, noroute, garbage
    seconds: float = 1500.0  # the route's duration
    delay: float = 2.0
    paths: list[str] = field(default_factory=list)


def _handler(behaviour: Behaviour) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            behaviour.paths.append(self.path)
            if behaviour.mode == "slow":
                time.sleep(behaviour.delay)
            if behaviour.mode == "error":
                self._send(500, b"Internal Server Error", "text/plain")
                return
            if behaviour.mode == "garbage":
                self._send(200, b"<html>not json</html>", "text/html")
                return
            if behaviour.mode == "noroute":
                refusal = {"code": "NoRoute", "message": "Impossible route between points"}
                self._send(400, json.dumps(refusal).encode(), "application/json")
                return
            body: dict[str, object] = {
                "code": "Ok",
                "routes": [
                    {
                        "legs": [{"summary": "", "weight": 1, "duration": 1, "steps": []}],
                        "weight_name": "routability",
                        "weight": behaviour.seconds,
                        "duration": behaviour.seconds,
                        "distance": 31234.5,
                    }
                ],
                "waypoints": [
                    {"hint": "", "distance": 4.2, "name": "E6", "location": [10.9, 63.4]},
                    {"hint": "", "distance": 1.1, "name": "", "location": [10.92, 63.45]},
                ],
            }
            self._send(200, json.dumps(body).encode(), "application/json")

        def _send(self, status: int, body: bytes, content_type: str) -> None:
            try:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout)
                pass

        def log_message(self, format: str, *args: object) -> None:
            return

    return Handler


@pytest.fixture
def osrm(settings: pytest.FixtureRequest) -> Iterator[Behaviour]:
    """An OSRM-like server on a free local port, in a thread; LAND_ROUTING_URL points at it."""
    behaviour = Behaviour()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(behaviour))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.LAND_ROUTING_URL = f"http://127.0.0.1:{server.server_address[1]}/"  # type: ignore[attr-defined]
    settings.LAND_ROUTING_TIMEOUT_SECONDS = 0.3  # type: ignore[attr-defined]
    try:
        yield behaviour
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


VAERNES = routing.LatLon(63.4578, 10.9240)
SITE = routing.LatLon(63.4640, 10.9600)


def test_unset_never_calls_out_and_gives_the_estimate(settings: pytest.FixtureRequest) -> None:
    settings.LAND_ROUTING_URL = ""  # type: ignore[attr-defined]
    site = make_site("5035")

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("no request may be made when LAND_ROUTING_URL is unset")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("urllib.request.urlopen", refuse)
        distances = site_distances(site=site, points=point_choices(), route=True)

    assert distances
    assert not any(hit.is_routed for _point, hit in distances)
    assert travel_note(distances).state == "estimate"


def test_the_client_asks_osrms_route_api_and_reads_the_duration(osrm: Behaviour) -> None:
    osrm.seconds = 1501.0  # 25 min 1 s → 26 minutes (rounded up)

    assert routing.route_minutes(SITE, [VAERNES]) == [26]
    assert osrm.paths == [
        "/route/v1/driving/10.960000,63.464000;10.924000,63.457800?overview=false"
    ]


def test_answers_are_cached_per_pair(osrm: Behaviour) -> None:
    routing.route_minutes(SITE, [VAERNES])
    osrm.seconds = 99999.0

    assert routing.route_minutes(SITE, [VAERNES]) == [25]
    assert len(osrm.paths) == 1
    other = routing.LatLon(63.44, 10.40)
    assert routing.route_minutes(SITE, [other]) == [1667]
    assert len(osrm.paths) == 2


@pytest.mark.parametrize("mode", ["error", "noroute", "garbage"])
def test_a_failing_service_gives_none_and_is_left_alone_for_a_while(
    osrm: Behaviour, mode: str
) -> None:
    osrm.mode = mode

    assert routing.route_minutes(SITE, [VAERNES, routing.LatLon(63.44, 10.40)]) == [None, None]
    assert len(osrm.paths) == 1  # after the first failure the rest are not asked
    assert routing.route_minutes(SITE, [VAERNES]) == [None]
    assert len(osrm.paths) == 1  # marked down: the next page does not wait either


def test_a_slow_service_times_out_and_the_page_shows_the_labelled_estimate(
    osrm: Behaviour, client: Client
) -> None:
    osrm.mode = "slow"
    site = make_site("5035")
    points = point_choices()

    started = time.monotonic()
    distances = site_distances(site=site, points=points, route=True)
    elapsed = time.monotonic() - started

    assert len(points) > 5
    assert elapsed < 1.8  # one timeout of 0.3 s, not one per point
    assert len(osrm.paths) == 1
    assert travel_note(distances).state == "fallback"

    response = client.get(reverse("land:site-detail", args=[site.pk]))

    assert response.status_code == 200
    assert len(osrm.paths) == 1  # marked down: the page did not wait again
    assert response.context["travel"].state == "fallback"
    html = response.content.decode()
    assert 'data-travel-source="fallback"' in html
    assert "Rutetjenesten svarte ikke" in html
    assert "rutetjenesten</td>" not in html
    assert not any(hit.is_routed for _point, hit in response.context["distances"])


def test_routed_times_are_shown_and_labelled_with_their_source(
    osrm: Behaviour, client: Client
) -> None:
    osrm.seconds = 600.0
    site = make_site("5035")

    response = client.get(reverse("land:site-detail", args=[site.pk]))

    assert response.status_code == 200
    assert response.context["travel"].state == "routed"
    hits = [hit for _point, hit in response.context["distances"]]
    assert all(hit.travel_minutes == 10 for hit in hits)
    html = response.content.decode()
    assert 'data-travel-source="routed"' in html
    assert "Kilde for kjøretiden" in html
    assert "rutetjenesten</td>" in html
    assert "Kjøretid, anslag (min)" not in html


def test_the_fact_sheet_uses_the_service_too(osrm: Behaviour, client: Client) -> None:
    site = make_site("5035")

    response = client.get(reverse("land:site-pdf", args=[site.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert osrm.paths


def test_the_page_says_estimate_when_no_service_is_set(
    settings: pytest.FixtureRequest, client: Client
) -> None:
    settings.LAND_ROUTING_URL = ""  # type: ignore[attr-defined]
    site = make_site("5035")

    html = client.get(reverse("land:site-detail", args=[site.pk])).content.decode()

    assert 'data-travel-source="estimate"' in html
    assert "Kjøretid, anslag (min)" in html


@pytest.mark.parametrize(
    ("url", "flagged"),
    [
        ("", False),
        ("https://ruting.kommune.no", False),
        ("http://10.0.0.5:5000/osrm/", False),
        ("ruting.kommune.no", True),
        ("ftp://ruting.kommune.no", True),
        ("https://ruting.kommune.no/route?key=1", True),
        ("https://", True),
    ],
)
def test_the_system_check_flags_only_a_malformed_url(
    settings: pytest.FixtureRequest, url: str, flagged: bool
) -> None:
    settings.LAND_ROUTING_URL = url  # type: ignore[attr-defined]

    ids = [message.id for message in routing_service_check()]

    assert ids == (["land.W002"] if flagged else [])


def test_a_malformed_url_is_never_called(settings: pytest.FixtureRequest) -> None:
    settings.LAND_ROUTING_URL = "ruting.kommune.no"  # type: ignore[attr-defined]

    assert routing.route_minutes(SITE, [VAERNES]) == [None]


@pytest.mark.parametrize(
    "body",
    [
        b'{"code": "Ok", "routes": []}',
        b'{"code": "Ok", "routes": [{"distance": 10}]}',
        b'{"code": "Ok", "routes": [{"duration": "12"}]}',
        b'{"code": "Ok", "routes": [{"duration": -1}]}',
        b'{"code": "InvalidQuery"}',
        b"[]",
        b"",
    ],
)
def test_answers_not_in_osrms_format_are_failures(body: bytes) -> None:
    with pytest.raises(routing.RoutingError):
        routing.parse_duration(body)
