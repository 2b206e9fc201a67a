"""Company facts from the Brønnøysund Register Centre's open API (Enhetsregisteret).

Standard-library HTTP (urllib) with a timeout: one GET per organisation number, no extra
dependency (docs/decisions.md). `fetch_company_facts` never raises for network trouble; it returns
a `CompanyLookup` saying what happened, so the caller can save the inquiry and try again later.
"""

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.conf import settings

USER_AGENT = "Samspill (regional business development; https://github.com/samspill)"


class LookupResult(StrEnum):
    """How a lookup ended."""

    FOUND = "found"
    NOT_FOUND = "not_found"  # 404: no such unit
    REMOVED = "removed"  # 410: the unit has been removed from the register
    INVALID = "invalid"  # 400: the register rejected the number
    UNAVAILABLE = "unavailable"  # timeout, connection refused, 5xx, unreadable answer


@dataclass(frozen=True)
class CompanyFacts:
    """The facts Samspill keeps about a unit (enhet) in Enhetsregisteret."""

    organisation_number: str
    name: str
    organisation_form: str = ""
    organisation_form_code: str = ""
    business_address: str = ""
    postal_code: str = ""
    postal_place: str = ""
    municipality_number: str = ""
    industry_code: str = ""
    industry_description: str = ""
    employees: int | None = None
    bankrupt: bool = False
    under_liquidation: bool = False
    deleted_on: str = ""


@dataclass(frozen=True)
class CompanyLookup:
    """The outcome of one lookup: facts when found, otherwise the reason."""

    result: LookupResult
    facts: CompanyFacts | None = None
    detail: str = ""


def parse_unit(payload: dict[str, Any]) -> CompanyFacts:
    """Read the fields we keep from the API's JSON for one unit (tolerant of missing parts)."""
    address = payload.get("forretningsadresse") or payload.get("postadresse") or {}
    industry = payload.get("naeringskode1") or {}
    form = payload.get("organisasjonsform") or {}
    employees = payload.get("antallAnsatte")
    return CompanyFacts(
        organisation_number=str(payload.get("organisasjonsnummer", "")),
        name=str(payload.get("navn", "")),
        organisation_form=str(form.get("beskrivelse", "")),
        organisation_form_code=str(form.get("kode", "")),
        business_address=", ".join(str(line) for line in address.get("adresse") or []),
        postal_code=str(address.get("postnummer", "") or ""),
        postal_place=str(address.get("poststed", "") or ""),
        municipality_number=str(address.get("kommunenummer", "") or ""),
        industry_code=str(industry.get("kode", "")),
        industry_description=str(industry.get("beskrivelse", "")),
        employees=int(employees) if isinstance(employees, int | float) else None,
        bankrupt=bool(payload.get("konkurs", False)),
        under_liquidation=bool(
            payload.get("underAvvikling", False)
            or payload.get("underTvangsavviklingEllerTvangsopplosning", False)
        ),
        deleted_on=str(payload.get("slettedato", "") or ""),
    )


def fetch_company_facts(
    organisation_number: str, *, base_url: str | None = None, timeout: float | None = None
) -> CompanyLookup:
    """Look a unit up by organisation number; settings give the API address and the timeout."""
    base = (base_url or settings.BRREG_API_URL).rstrip("/")
    seconds = timeout if timeout is not None else settings.BRREG_TIMEOUT_SECONDS
    if not organisation_number.isdigit():
        return CompanyLookup(LookupResult.INVALID, detail="not digits")
    request = urllib.request.Request(  # noqa: S310 - base URL comes from settings, https in production
        f"{base}/enheter/{organisation_number}",
        headers={"Accept": "application/json", "User-Agent": USER_AGENT},
    )
    try:
        with urllib.request.urlopen(request, timeout=seconds) as response:  # noqa: S310 - see above
            payload = json.loads(response.read().decode("utf-8"))
    except urllib.error.HTTPError as error:
        error.close()
        return _lookup_for_status(error.code)
    except TimeoutError as error:
        return CompanyLookup(LookupResult.UNAVAILABLE, detail=f"timeout: {error}")
    except urllib.error.URLError as error:
        return CompanyLookup(LookupResult.UNAVAILABLE, detail=f"unreachable: {error.reason}")
    except (ValueError, OSError) as error:
        return CompanyLookup(LookupResult.UNAVAILABLE, detail=f"unreadable answer: {error}")
    if not isinstance(payload, dict) or "organisasjonsnummer" not in payload:
        return CompanyLookup(LookupResult.UNAVAILABLE, detail="unexpected answer")
    facts = parse_unit(payload)
    if facts.deleted_on:
        return CompanyLookup(
            LookupResult.REMOVED, facts=facts, detail=f"deleted {facts.deleted_on}"
        )
    return CompanyLookup(LookupResult.FOUND, facts=facts)


def _lookup_for_status(status: int) -> CompanyLookup:
    if status == 404:
        return CompanyLookup(LookupResult.NOT_FOUND, detail="404")
    if status == 410:
        return CompanyLookup(LookupResult.REMOVED, detail="410")
    if status == 400:
        return CompanyLookup(LookupResult.INVALID, detail="400")
    return CompanyLookup(LookupResult.UNAVAILABLE, detail=f"HTTP {status}")
