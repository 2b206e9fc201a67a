"""Scenarios for the front door: Sør-Troms with its people, and a recorded Brønnøysund API."""

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from samspill.accounts.models import User
from samspill.regions.models import Municipality
from tests.accounts.factories import (
    BusinessDeveloperRoleFactory,
    CoordinatorRoleFactory,
    UserFactory,
    ViewerRoleFactory,
)
from tests.inquiries.factories import sor_troms

BARDU, GRATANGEN, LAVANGEN, SALANGEN, TRONDHEIM = "5520", "5516", "5518", "5522", "5001"


def municipality(number: str) -> Municipality:
    return Municipality.objects.get(number=number)


@dataclass
class People:
    """One user per role around Sør-Troms, and one in Trondheimsregionen."""

    coordinator: User
    bardu_developer: User
    salangen_developer: User
    viewer: User
    trondheim_developer: User
    trondheim_coordinator: User
    outsider: User


@pytest.fixture
def people(db: None) -> People:
    trondheimsregionen = sor_troms().__class__.objects.get(slug="trondheimsregionen")
    return People(
        coordinator=CoordinatorRoleFactory.create(region=sor_troms()).user,
        bardu_developer=BusinessDeveloperRoleFactory.create(municipality=municipality(BARDU)).user,
        salangen_developer=BusinessDeveloperRoleFactory.create(
            municipality=municipality(SALANGEN)
        ).user,
        viewer=ViewerRoleFactory.create(region=sor_troms()).user,
        trondheim_developer=BusinessDeveloperRoleFactory.create(
            municipality=municipality(TRONDHEIM)
        ).user,
        trondheim_coordinator=CoordinatorRoleFactory.create(region=trondheimsregionen).user,
        outsider=UserFactory.create(),
    )


# --- A real local HTTP server answering like Enhetsregisteret ---------------------------------


def unit_json(organisation_number: str, name: str, **extra: Any) -> dict[str, Any]:
    """A unit in the API's JSON format (fields as documented by Brønnøysundregistrene)."""
    payload: dict[str, Any] = {
        "organisasjonsnummer": organisation_number,
        "navn": name,
        "organisasjonsform": {"kode": "ASA", "beskrivelse": "Allmennaksjeselskap"},
        "registreringsdatoEnhetsregisteret": "1995-03-12",
        "registrertIMvaregisteret": True,
        "naeringskode1": {
            "beskrivelse": "Utvinning av råolje",
            "kode": "06.100",
        },
        "antallAnsatte": 21000,
        "harRegistrertAntallAnsatte": True,
        "forretningsadresse": {
            "land": "Norge",
            "landkode": "NO",
            "postnummer": "4035",
            "poststed": "STAVANGER",
            "adresse": ["Forusbeen 50"],
            "kommune": "STAVANGER",
            "kommunenummer": "1103",
        },
        "konkurs": False,
        "underAvvikling": False,
        "underTvangsavviklingEllerTvangsopplosning": False,
        "maalform": "Bokmål",
        "_links": {
            "self": {
                "href": f"https://data.brreg.no/enhetsregisteret/api/enheter/{organisation_number}"
            }
        },
    }
    payload.update(extra)
    return payload


@dataclass
class RecordedBrreg:
    """Answers by organisation number: (HTTP status, JSON body or None, hang until released)."""

    url: str = ""
    answers: dict[str, tuple[int, Any, bool]] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)

    def add(
        self, organisation_number: str, status: int, body: Any = None, *, hang: bool = False
    ) -> None:
        self.answers[organisation_number] = (status, body, hang)


@pytest.fixture
def brreg_server(settings: Any) -> Iterator[RecordedBrreg]:
    """A local HTTP server in a thread; BRREG_API_URL points at it, so the real client runs."""
    recorded = RecordedBrreg()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            recorded.requests.append(self.path)
            organisation_number = self.path.rstrip("/").rsplit("/", 1)[-1]
            status, body, hang = recorded.answers.get(
                organisation_number,
                (
                    404,
                    {
                        "status": 404,
                        "error": "Not Found",
                        "message": "Ingen enhet med organisasjonsnummer",
                    },
                    False,
                ),
            )
            if hang:
                recorded.release.wait(timeout=5)
                return
            data = json.dumps(body).encode() if body is not None else b""
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    recorded.url = f"http://127.0.0.1:{server.server_address[1]}/enhetsregisteret/api"
    settings.BRREG_API_URL = recorded.url
    settings.BRREG_TIMEOUT_SECONDS = 0.3
    try:
        yield recorded
    finally:
        recorded.release.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
