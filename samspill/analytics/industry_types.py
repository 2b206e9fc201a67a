"""Industry types (næringstyper) after Telemarksforsking's attractiveness model.

Telemarksforsking (Vareide; "Regional analyse" reports 2013–2018) splits private business jobs
into four types because their growth has different drivers:

* **basic** (*basisnæringer*): goods and services sold in national or international markets,
  whose location does not depend on local demand. Their growth is explained by industry
  structure (bransjeeffekt) plus the place's attractiveness for firms.
* **visitor** (*besøksnæringer*): activities where the customer must be physically present:
  retail, accommodation, food service, culture, sport and leisure, travel agencies and personal
  services. Their growth follows the local population plus the place's attractiveness for
  visitors.
* **regional** (*regionale næringer*): services and trades that serve firms and households in
  the region: construction, wholesale, transport, finance, real estate, business services.
* **local** (*lokale næringer*): "bedrifter innenfor primærhelsetjenester, barnehager, grunnskole
  og liknende", private providers that substitute public services, which Telemarksforsking
  merges with the public sector; here also public administration, education, health and care
  themselves, so the mapping covers every SN2007 division.

Telemarksforsking's exact NACE → type table was not found (ANALYTICS.md §1.9), so
`DEFAULT_INDUSTRY_TYPES` is our documented reading of the model at the SN2007 (NACE rev. 2)
division level. Choices worth knowing: 35 power supply and 50 sea transport are basic
(sold on national/international markets), 58–63 information and communication and 71–72
technical consultancy / R&D are basic ("teknologiske tjenester"), 47 retail and 96 personal
services are visitor industries, 49/51–53 transport and 64–66 finance are regional.
Override any entry (or a finer code such as ``"49.39"``) with the ``overrides`` parameter.
Docs: docs/analytics.md, part "Industry types".
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

import pandas as pd

from samspill.analytics._validation import require_columns
from samspill.analytics.columns import INDUSTRY, INDUSTRY_TYPE
from samspill.analytics.shift_share import industry_shift_share

__all__ = [
    "DEFAULT_INDUSTRY_TYPES",
    "SECTION_INDUSTRY_TYPES",
    "SSB_GROUP_DIVISIONS",
    "SSB_GROUP_INDUSTRY_TYPES",
    "IndustryType",
    "industry_type_of",
    "industry_types",
    "shift_share_by_industry_type",
    "ssb_group_type_mix",
]


class IndustryType(StrEnum):
    """Telemarksforsking næringstype; `label` is the Norwegian name."""

    BASIC = "basic"
    VISITOR = "visitor"
    REGIONAL = "regional"
    LOCAL = "local"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    IndustryType.BASIC: "basisnæringer",
    IndustryType.VISITOR: "besøksnæringer",
    IndustryType.REGIONAL: "regionale næringer",
    IndustryType.LOCAL: "lokale næringer",
}

_B, _V, _R, _L = (
    IndustryType.BASIC,
    IndustryType.VISITOR,
    IndustryType.REGIONAL,
    IndustryType.LOCAL,
)


def _divisions(first: int, last: int, industry_type: IndustryType) -> dict[str, IndustryType]:
    return {f"{code:02d}": industry_type for code in range(first, last + 1)}


DEFAULT_INDUSTRY_TYPES: Mapping[str, IndustryType] = {
    **_divisions(1, 3, _B),  # A agriculture, forestry, fishing and aquaculture
    **_divisions(5, 9, _B),  # B mining, oil and gas and their services
    **_divisions(10, 33, _B),  # C manufacturing
    "35": _B,  # D power supply: hydropower sold on the national grid
    **_divisions(36, 39, _R),  # E water, sewage, waste: serve the region
    **_divisions(41, 43, _R),  # F construction
    "45": _R,  # G motor vehicle trade and repair
    "46": _R,  # G wholesale
    "47": _V,  # G retail: customers come to the shop
    "49": _R,  # H land transport
    "50": _B,  # H sea transport: international shipping
    "51": _R,  # H air transport
    "52": _R,  # H warehousing and transport services
    "53": _R,  # H postal and courier
    "55": _V,  # I accommodation
    "56": _V,  # I food and beverage service
    **_divisions(58, 63, _B),  # J information and communication
    **_divisions(64, 66, _R),  # K finance and insurance
    "68": _R,  # L real estate
    "69": _R,  # M legal and accounting
    "70": _R,  # M head offices, management consultancy
    "71": _B,  # M architects and technical consultants
    "72": _B,  # M research and development
    "73": _R,  # M advertising and market research
    "74": _R,  # M other professional, scientific and technical
    "75": _R,  # M veterinary
    "77": _R,  # N rental and leasing
    "78": _R,  # N employment activities (staffing)
    "79": _V,  # N travel agencies and tour operators
    "80": _R,  # N security
    "81": _R,  # N services to buildings
    "82": _R,  # N office and business support
    "84": _L,  # O public administration and defence
    "85": _L,  # P education
    **_divisions(86, 88, _L),  # Q health, care, kindergartens
    **_divisions(90, 93, _V),  # R arts, culture, gambling, sport and leisure
    "94": _R,  # S membership organisations
    "95": _R,  # S repair of personal goods
    "96": _V,  # S other personal services (hairdressers, spas ...)
    "97": _L,  # T households as employers
    "99": _L,  # U extraterritorial organisations
}
"""SN2007 division (2-digit code) → industry type. Rationale in the module docstring."""

SECTION_INDUSTRY_TYPES: Mapping[str, IndustryType] = {
    "A": _B,
    "B": _B,
    "C": _B,
    "D": _B,
    "E": _R,
    "F": _R,
    "G": _V,  # mixed: retail (47) visitor, wholesale and vehicles (45-46) regional
    "H": _R,  # mixed: sea transport (50) basic
    "I": _V,
    "J": _B,
    "K": _R,
    "L": _R,
    "M": _B,  # mixed and close: 71-72 basic, 69-70 and 73-75 regional
    "N": _R,  # mixed: travel agencies (79) visitor
    "O": _L,
    "P": _L,
    "Q": _L,
    "R": _V,
    "S": _R,  # mixed: personal services (96) visitor
    "T": _L,
    "U": _L,
}
"""SN2007 section letter → the type with most jobs in Norway (SSB 11656, 2024K4) under
`DEFAULT_INDUSTRY_TYPES`. Coarser than the divisions: use divisions where you have them."""

SSB_GROUP_INDUSTRY_TYPES: Mapping[str, IndustryType] = {
    "Jordbruk, skogbruk og fiske": _B,
    "Bergverksdrift og utvinning": _B,
    "Industri": _B,
    "Elektrisitet, vann og renovasjon": _R,  # D basic, E regional; E has slightly more jobs
    "Bygge- og anleggsvirksomhet": _R,
    "Varehandel, reparasjon av motorvogner": _V,
    "Transport og lagring": _R,
    "Overnattings- og serveringsvirksomhet": _V,
    "Informasjon og kommunikasjon": _B,
    "Finansiering og forsikring": _R,
    "Teknisk tjenesteyting, eiendomsdrift": _R,
    "Forretningsmessig tjenesteyting": _R,
    "Off.adm., forsvar, sosialforsikring": _L,
    "Undervisning": _L,
    "Helse- og sosialtjenester": _L,
    "Personlig tjenesteyting": _V,
}
"""SSB's 17-group aggregate (``NACE2007arb11``, e.g. table 13470) → the type with most jobs in
Norway, for use as ``overrides``. "Uoppgitt" (unknown) has no type."""


def _span(first: int, last: int) -> tuple[str, ...]:
    return tuple(f"{code:02d}" for code in range(first, last + 1))


SSB_GROUP_DIVISIONS: Mapping[str, tuple[str, ...]] = {
    "Jordbruk, skogbruk og fiske": _span(1, 3),
    "Bergverksdrift og utvinning": _span(5, 9),
    "Industri": _span(10, 33),
    "Elektrisitet, vann og renovasjon": _span(35, 39),
    "Bygge- og anleggsvirksomhet": _span(41, 43),
    "Varehandel, reparasjon av motorvogner": _span(45, 47),
    "Transport og lagring": _span(49, 53),
    "Overnattings- og serveringsvirksomhet": _span(55, 56),
    "Informasjon og kommunikasjon": _span(58, 63),
    "Finansiering og forsikring": _span(64, 66),
    "Teknisk tjenesteyting, eiendomsdrift": _span(68, 75),
    "Forretningsmessig tjenesteyting": _span(77, 82),
    "Off.adm., forsvar, sosialforsikring": ("84",),
    "Undervisning": ("85",),
    "Helse- og sosialtjenester": _span(86, 88),
    "Personlig tjenesteyting": _span(90, 99),
}
"""SSB's 17-group aggregate (``NACE2007arb11``) → its SN2007 divisions (sections A, B, C, D+E, F,
G, H, I, J, K, L+M, N, O, P, Q, R+S+T+U); "Uoppgitt" has none."""


def ssb_group_type_mix(jobs: pd.DataFrame, *, code_column: str = INDUSTRY) -> pd.DataFrame:
    """Each SSB group's jobs split by industry type under `DEFAULT_INDUSTRY_TYPES`.

    Columns in: `code_column` (an SN2007 division code or a label starting with it, e.g. SSB
    11656's "01 Jordbruk …") and `employment` (jobs, >= 0). Out, one row per group and type
    with jobs: ``group, industry_type, employment, share`` (share of the group's jobs; NaN when
    the group has none) and ``most_common`` (True for the group's largest type): the evidence
    behind `SSB_GROUP_INDUSTRY_TYPES` and how close each call is.
    """
    require_columns(jobs, [code_column, "employment"], name="jobs")
    division = jobs[code_column].map(_normalised_code)
    group_of = {code: group for group, codes in SSB_GROUP_DIVISIONS.items() for code in codes}
    typed = pd.DataFrame(
        {
            "group": division.map(group_of),
            INDUSTRY_TYPE: division.map(
                lambda code: (
                    DEFAULT_INDUSTRY_TYPES[code].value if code in DEFAULT_INDUSTRY_TYPES else None
                )
            ),
            "employment": jobs["employment"].astype("float64"),
        }
    ).dropna(subset=["group", INDUSTRY_TYPE])
    summed = typed.groupby(["group", INDUSTRY_TYPE], as_index=False)["employment"].sum()
    totals = summed.groupby("group")["employment"].transform("sum")
    summed = summed.assign(share=summed["employment"] / totals.where(totals > 0))
    largest = summed.groupby("group")["employment"].transform("max")
    order = {group: position for position, group in enumerate(SSB_GROUP_DIVISIONS)}
    result: pd.DataFrame = (
        summed.assign(
            most_common=summed["employment"] == largest, _order=summed["group"].map(order)
        )
        .sort_values(["_order", INDUSTRY_TYPE], kind="stable")
        .drop(columns="_order")
        .reset_index(drop=True)
    )
    return result


_CODE = re.compile(r"^\s*([A-Ua-u](?![A-Za-z])|\d{1,2}(?:\.\d+)?)")


def _normalised_code(code: object) -> str | None:
    """``"01 Jordbruk…"`` → ``"01"``, ``"1"`` → ``"01"``, ``"49.391"`` → ``"49.391"``, ``"c"`` → ``"C"``."""
    match = _CODE.match(str(code))
    if match is None:
        return None
    found = match.group(1)
    if found[0].isalpha():
        return found.upper()
    division, _, rest = found.partition(".")
    return f"{int(division):02d}" + (f".{rest}" if rest else "")


def _candidates(code: str) -> list[str]:
    """The code and its ancestors, most specific first: 49.391, 49.39, 49.3, 49."""
    division, _, rest = code.partition(".")
    return [f"{division}.{rest[:length]}" for length in range(len(rest), 0, -1)] + [division]


_BARE_CODE = re.compile(r"^\s*(?:[A-Ua-u]|\d{1,2}(?:\.\d+)?)\s*$")


@dataclass(frozen=True)
class _Overrides:
    codes: dict[str, IndustryType]
    labels: dict[str, IndustryType]


def _override_table(overrides: Mapping[str, str] | None) -> _Overrides:
    """Split overrides into SN2007 codes (normalised) and exact labels (anything else)."""
    codes: dict[str, IndustryType] = {}
    labels: dict[str, IndustryType] = {}
    for key, value in (overrides or {}).items():
        code = _normalised_code(key) if _BARE_CODE.match(key) else None
        if code is None:
            labels[key.strip()] = IndustryType(value)
        else:
            codes[code] = IndustryType(value)
    return _Overrides(codes, labels)


def _resolve(code: object, overrides: _Overrides) -> IndustryType | None:
    label = str(code).strip()
    if label in overrides.labels:
        return overrides.labels[label]
    normalised = _normalised_code(code)
    if normalised is None:
        return None
    candidates = [normalised] if normalised.isalpha() else _candidates(normalised)
    for table in (overrides.codes, DEFAULT_INDUSTRY_TYPES, SECTION_INDUSTRY_TYPES):
        for candidate in candidates:
            if candidate in table:
                return table[candidate]
    return None


def industry_type_of(
    code: object, *, overrides: Mapping[str, str] | None = None
) -> IndustryType | None:
    """The industry type of one SN2007 code (division, finer code, section letter or SSB label).

    Order: an override whose key equals the whole label (e.g. an SSB group name, see
    `SSB_GROUP_INDUSTRY_TYPES`), then the most specific SN2007 key: an override for the code or
    an ancestor, the default division, the section letter. None if nothing matches. Override
    values are `IndustryType` values ("basic", "visitor", "regional", "local").
    """
    return _resolve(code, _override_table(overrides))


def industry_types(
    frame: pd.DataFrame,
    *,
    code_column: str = INDUSTRY,
    overrides: Mapping[str, str] | None = None,
    strict: bool = True,
) -> pd.DataFrame:
    """Add an `industry_type` column to `frame` from its SN2007 codes in `code_column`.

    Columns in: `code_column` (default `industry`): SN2007 division ("01"), finer code
    ("49.391"), section letter ("C") or an SSB label starting with the code ("01 Jordbruk …").
    ``overrides`` maps codes (at any level, e.g. ``{"49.39": "visitor"}``) or whole labels (e.g.
    `SSB_GROUP_INDUSTRY_TYPES`) to a type value and takes precedence over the defaults. Unrecognised codes raise ValueError if `strict`, else
    get a missing type.
    """
    require_columns(frame, [code_column], name="frame")
    table = _override_table(overrides)
    lookup = {code: _resolve(code, table) for code in pd.unique(frame[code_column])}
    unknown = sorted(str(code) for code, found in lookup.items() if found is None)
    if unknown and strict:
        raise ValueError(f"no industry type for codes {unknown}; pass overrides or strict=False")
    values = frame[code_column].map(
        {code: (found.value if found is not None else None) for code, found in lookup.items()}
    )
    return frame.assign(**{INDUSTRY_TYPE: values.astype("string")})


def shift_share_by_industry_type(
    panel: pd.DataFrame,
    *,
    start_year: int,
    end_year: int,
    reference: pd.DataFrame | None = None,
    overrides: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Telemarksforsking's bransjeeffekt / attraktivitet per region and industry type.

    Columns in: as `shift_share.classic_shift_share` (industry = SN2007 code). The Dunn
    decomposition is done per industry (each industry grows at its own reference rate) and
    summed within each type. Out, one row per region and type: ``start_employment,
    end_employment, change, national_share, industry_mix, regional_share, expected_change``
    (national share + industry mix: the growth the industry structure would give) and
    ``regional_share_rate`` (regional share / start employment: the attractiveness residual in
    % of the base; NaN when the base is 0).
    """
    by_industry = industry_types(
        industry_shift_share(panel, start_year=start_year, end_year=end_year, reference=reference),
        overrides=overrides,
    )
    summed = (
        by_industry.groupby(["region", INDUSTRY_TYPE], sort=True)[
            [
                "start_employment",
                "end_employment",
                "change",
                "national_share",
                "industry_mix",
                "regional_share",
                "expected_change",
            ]
        ]
        .sum()
        .reset_index()
    )
    start = summed["start_employment"]
    return summed.assign(
        start_year=start_year,
        end_year=end_year,
        regional_share_rate=summed["regional_share"] / start.where(start > 0),
    )
