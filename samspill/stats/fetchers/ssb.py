"""Fetch a table from SSB's PxWebApi v2 as JSON-stat 2.0 (the request builder is pure).

GET https://data.ssb.no/api/pxwebapi/v2/tables/{table}/data?lang=no&outputFormat=json-stat2
    &valueCodes[Region]=5001,5035&valueCodes[Tid]=2023,2024&valueCodes[ContentsCode]=*
    &codelist[Region]=agg_KommSummer
"""

import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

API_ROOT = "https://data.ssb.no/api/pxwebapi/v2"
TIMEOUT_SECONDS = 60


class FetchError(RuntimeError):
    """SSB could not be reached or answered with an error."""


@dataclass(frozen=True)
class TableRequest:
    """A PxWebApi v2 data request: table, selected municipalities and periods, other selections."""

    table: str
    municipalities: Sequence[str] = ()
    periods: Sequence[str] = ()
    region_dimension: str = "Region"
    time_dimension: str = "Tid"
    codelist: str | None = None
    selections: dict[str, Sequence[str]] = field(default_factory=dict)
    language: str = "no"

    def query(self) -> list[tuple[str, str]]:
        """The query parameters, in a stable order ("*" selects every category)."""
        params = [("lang", self.language), ("outputFormat", "json-stat2")]
        chosen: dict[str, Sequence[str]] = {
            self.region_dimension: self.municipalities or ["*"],
            self.time_dimension: self.periods or ["*"],
            **self.selections,
        }
        chosen.setdefault("ContentsCode", ["*"])
        for dimension, codes in chosen.items():
            params.append((f"valueCodes[{dimension}]", ",".join(codes)))
        if self.codelist:
            params.append((f"codelist[{self.region_dimension}]", self.codelist))
        return params

    def url(self, root: str = API_ROOT) -> str:
        """The full GET URL."""
        if not self.table.isdigit():
            raise ValueError(f"table {self.table!r} must be an SSB table number such as 07459")
        return f"{root}/tables/{self.table}/data?" + urlencode(
            self.query(), safe="[],*", quote_via=quote
        )

    def post_body(self) -> dict[str, list[dict[str, object]]]:
        """The same selection as a v2 POST body."""
        selection: list[dict[str, object]] = []
        for name, value in self.query():
            if not name.startswith("valueCodes["):
                continue
            variable = name.removeprefix("valueCodes[").removesuffix("]")
            item: dict[str, object] = {"variableCode": variable, "valueCodes": value.split(",")}
            if self.codelist and variable == self.region_dimension:
                item["codelist"] = self.codelist
            selection.append(item)
        return {"selection": selection}


def table_fetch(request: TableRequest, *, root: str = API_ROOT) -> str:
    """Download the JSON-stat text. Raises FetchError with the URL when there is no connection."""
    url = request.url(root)
    if not url.startswith(("https://", "http://")):
        raise FetchError(f"refusing to fetch {url!r}: not an http(s) URL")
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310 - checked above
            body: bytes = response.read()
    except urllib.error.HTTPError as error:
        raise FetchError(f"SSB answered {error.code} {error.reason} for {url}") from error
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise FetchError(
            f"could not reach {root} ({getattr(error, 'reason', error)}). This machine may have no "
            f"internet access. The request was: {url}"
        ) from error
    return body.decode("utf-8")
