"""How well a site fits what an inquiry asks for: a pure function with the reason for each score.

No Django, no database: `score_site(facts, need)` takes two plain records and returns a score
from 0 to 100 with one line per criterion (size, readiness, type, infrastructure, place), so the
adviser sees why a site ranks where it does and the tests pin the rules down. ADR 53 says why the
weights are what they are. A criterion the inquiry does not state scores full marks and says so.

The module returns codes and numbers; `presenters.reason_text` words them (translated there).

`points_table(columns, need)` applies the same rules to many sites at once with numpy (points
only, no reasons), so an inquiry is scored against thousands of sites cheaply and reasons are
built with `score_site` only for the candidates shown; a property test keeps the two in step.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

READINESS_ORDER = ("now", "12m", "later")
# The inquiry's timing (front door) as the latest readiness that still serves it.
TIMING_TO_READINESS = {"now": "now", "6m": "12m", "12m": "12m", "later": "later", "unknown": ""}

WEIGHTS = {"size": 35, "readiness": 20, "kind": 15, "infrastructure": 15, "place": 15}


@dataclass(frozen=True)
class SiteFacts:
    kind: str
    purpose: str
    size_daa: float
    readiness: str
    infrastructure: frozenset[str]
    municipality_id: int
    distance_km: float | None = None  # to the point the inquiry names, if any


@dataclass(frozen=True)
class Need:
    kinds: frozenset[str] = frozenset()  # {"area", "plot"} for land, {"premises"} for premises
    purpose: str = ""
    min_daa: float | None = None
    max_daa: float | None = None
    readiness: str = ""  # the latest acceptable readiness ("" = any)
    infrastructure: frozenset[str] = frozenset()
    municipality_ids: frozenset[int] = frozenset()  # empty = anywhere in the region
    max_km: float | None = None


@dataclass(frozen=True)
class Reason:
    """One criterion's part of the score: `code` says which rule applied, `points` of `weight`."""

    criterion: str
    code: str
    points: int
    weight: int
    values: dict[str, object] = field(default_factory=dict)

    @property
    def met(self) -> bool:
        """Fully met; a partial score is a near miss, worth showing but not a fit."""
        return self.points >= self.weight


@dataclass(frozen=True)
class Score:
    total: int
    reasons: tuple[Reason, ...]

    @property
    def failed(self) -> list[str]:
        """The criteria not fully met (what unmet demand records)."""
        return [reason.criterion for reason in self.reasons if not reason.met]

    @property
    def fits(self) -> bool:
        return not self.failed


def _size(facts: SiteFacts, need: Need) -> Reason:
    weight = WEIGHTS["size"]
    low, high, size = need.min_daa, need.max_daa, facts.size_daa
    values: dict[str, object] = {"size": size, "min": low, "max": high}
    if low is None and high is None:
        return Reason("size", "size_unstated", weight, weight, values)
    if low is not None and size < low:
        # Partial credit down to half the size asked for: a near miss is worth a look.
        share = max(0.0, (size - low / 2) / (low / 2)) if low > 0 else 0.0
        points = round(weight * 0.5 * share)
        return Reason("size", "size_small", points, weight, values)
    if high is not None and size > high:
        points = round(weight * 0.5) if size <= high * 2 else 0
        return Reason("size", "size_large", points, weight, values)
    return Reason("size", "size_ok", weight, weight, values)


def _readiness(facts: SiteFacts, need: Need) -> Reason:
    weight = WEIGHTS["readiness"]
    values: dict[str, object] = {"site": facts.readiness, "need": need.readiness}
    if not need.readiness:
        return Reason("readiness", "readiness_unstated", weight, weight, values)
    late = READINESS_ORDER.index(facts.readiness) - READINESS_ORDER.index(need.readiness)
    if late <= 0:
        return Reason("readiness", "readiness_ok", weight, weight, values)
    if late == 1:
        return Reason("readiness", "readiness_late", weight // 2, weight, values)
    return Reason("readiness", "readiness_too_late", 0, weight, values)


def _kind(facts: SiteFacts, need: Need) -> Reason:
    weight = WEIGHTS["kind"]
    values: dict[str, object] = {
        "kind": facts.kind,
        "purpose": facts.purpose,
        "need_purpose": need.purpose,
    }
    if need.kinds and facts.kind not in need.kinds:
        return Reason("kind", "kind_wrong", 0, weight, values)
    if need.purpose and facts.purpose != need.purpose and facts.purpose != "mixed":
        return Reason("kind", "purpose_other", weight // 3, weight, values)
    return Reason("kind", "kind_ok", weight, weight, values)


def _infrastructure(facts: SiteFacts, need: Need) -> Reason:
    weight = WEIGHTS["infrastructure"]
    if not need.infrastructure:
        return Reason("infrastructure", "infrastructure_unstated", weight, weight)
    missing = sorted(need.infrastructure - facts.infrastructure)
    have = len(need.infrastructure) - len(missing)
    points = round(weight * have / len(need.infrastructure))
    code = "infrastructure_ok" if not missing else "infrastructure_missing"
    return Reason("infrastructure", code, points, weight, {"missing": ",".join(missing)})


def _place(facts: SiteFacts, need: Need) -> Reason:
    weight = WEIGHTS["place"]
    values: dict[str, object] = {"km": facts.distance_km}
    if need.municipality_ids and facts.municipality_id not in need.municipality_ids:
        return Reason("place", "place_other_municipality", 0, weight, values)
    if need.max_km is not None and facts.distance_km is not None:
        values["max"] = need.max_km
        if facts.distance_km > need.max_km:
            over = facts.distance_km / need.max_km if need.max_km > 0 else 99.0
            points = round(weight * 0.5) if over <= 1.5 else 0
            return Reason("place", "place_far", points, weight, values)
        return Reason("place", "place_near", weight, weight, values)
    if need.municipality_ids:
        return Reason("place", "place_municipality", weight, weight, values)
    return Reason("place", "place_unstated", weight, weight, values)


def score_site(facts: SiteFacts, need: Need) -> Score:
    """Score 0–100: the sum of the five criteria, each with its reason."""
    reasons = (
        _size(facts, need),
        _readiness(facts, need),
        _kind(facts, need),
        _infrastructure(facts, need),
        _place(facts, need),
    )
    return Score(total=sum(reason.points for reason in reasons), reasons=reasons)


def rank(scored: Sequence[tuple[int, Score]], *, limit: int = 20) -> list[tuple[int, Score]]:
    """The best candidates first (ties: the lower id, so the order is stable)."""
    return sorted(scored, key=lambda item: (-item[1].total, item[0]))[:limit]


INFRASTRUCTURE_NAMES = ("rail", "port", "water", "power")
CRITERIA = tuple(WEIGHTS)  # the columns of `points_table`, in this order


@dataclass(frozen=True)
class SiteColumns:
    """Many sites' facts as equal-length arrays: one row per site (NaN distance = unknown)."""

    kind: npt.NDArray[np.str_]
    purpose: npt.NDArray[np.str_]
    size_daa: npt.NDArray[np.float64]
    readiness: npt.NDArray[np.str_]
    infrastructure: dict[str, npt.NDArray[np.bool_]]  # one boolean column per name
    municipality_id: npt.NDArray[np.int64]
    distance_km: npt.NDArray[np.float64]

    def facts(self, row: int) -> SiteFacts:
        """One row as the `SiteFacts` that `score_site` takes."""
        distance = float(self.distance_km[row])
        return SiteFacts(
            kind=str(self.kind[row]),
            purpose=str(self.purpose[row]),
            size_daa=float(self.size_daa[row]),
            readiness=str(self.readiness[row]),
            infrastructure=frozenset(
                name for name, column in self.infrastructure.items() if column[row]
            ),
            municipality_id=int(self.municipality_id[row]),
            distance_km=None if np.isnan(distance) else distance,
        )


def _size_points(sites: SiteColumns, need: Need) -> npt.NDArray[np.float64]:
    weight = WEIGHTS["size"]
    size = sites.size_daa
    points = np.full(size.shape, float(weight))
    low, high = need.min_daa, need.max_daa
    small = np.zeros(size.shape, dtype=bool)
    if low is not None:
        small = size < low
        share = np.maximum(0.0, (size - low / 2) / (low / 2)) if low > 0 else np.zeros(size.shape)
        points = np.where(small, np.round(weight * 0.5 * share), points)
    if high is not None:
        large = ~small & (size > high)
        points = np.where(large, np.where(size <= high * 2, round(weight * 0.5), 0.0), points)
    return points


def _readiness_points(sites: SiteColumns, need: Need) -> npt.NDArray[np.float64]:
    weight = WEIGHTS["readiness"]
    if not need.readiness:
        return np.full(sites.readiness.shape, float(weight))
    ranks = np.zeros(sites.readiness.shape, dtype=np.int64)
    for rank_value, code in enumerate(READINESS_ORDER):
        ranks[sites.readiness == code] = rank_value
    late = ranks - READINESS_ORDER.index(need.readiness)
    return np.select([late <= 0, late == 1], [float(weight), float(weight // 2)], 0.0)


def _kind_points(sites: SiteColumns, need: Need) -> npt.NDArray[np.float64]:
    weight = WEIGHTS["kind"]
    points = np.full(sites.kind.shape, float(weight))
    if need.purpose:
        other = (sites.purpose != need.purpose) & (sites.purpose != "mixed")
        points = np.where(other, float(weight // 3), points)
    if need.kinds:
        points = np.where(np.isin(sites.kind, sorted(need.kinds)), points, 0.0)
    return points


def _infrastructure_points(sites: SiteColumns, need: Need) -> npt.NDArray[np.float64]:
    weight = WEIGHTS["infrastructure"]
    if not need.infrastructure:
        return np.full(sites.kind.shape, float(weight))
    have = np.zeros(sites.kind.shape, dtype=np.int64)
    for name in need.infrastructure:
        column = sites.infrastructure.get(name)
        if column is not None:
            have += column.astype(np.int64)
    return np.round(weight * have / len(need.infrastructure))


def _place_points(sites: SiteColumns, need: Need) -> npt.NDArray[np.float64]:
    weight = WEIGHTS["place"]
    points = np.full(sites.kind.shape, float(weight))
    if need.max_km is not None:
        distance = sites.distance_km
        known = ~np.isnan(distance)
        far = known & (distance > need.max_km)
        if need.max_km > 0:
            over = np.divide(distance, need.max_km, where=far, out=np.full(distance.shape, 99.0))
        else:
            over = np.full(distance.shape, 99.0)
        points = np.where(far, np.where(over <= 1.5, round(weight * 0.5), 0.0), points)
    if need.municipality_ids:
        inside = np.isin(sites.municipality_id, sorted(need.municipality_ids))
        points = np.where(inside, points, 0.0)
    return points


def points_table(sites: SiteColumns, need: Need) -> npt.NDArray[np.int64]:
    """Points per site (rows) and criterion (columns in `CRITERIA` order), as `score_site` gives."""
    # Tiny limits overflow to infinity exactly as Python's floats do; that is no error here.
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        columns = (
            _size_points(sites, need),
            _readiness_points(sites, need),
            _kind_points(sites, need),
            _infrastructure_points(sites, need),
            _place_points(sites, need),
        )
    return np.column_stack(columns).astype(np.int64)


def rank_rows(
    points: npt.NDArray[np.int64], ids: npt.NDArray[np.int64], *, limit: int = 20
) -> npt.NDArray[np.intp]:
    """Row numbers of the best `limit` sites: highest total first, ties by the lower id (as `rank`)."""
    totals = points.sum(axis=1)
    order = np.lexsort((ids, -totals))
    return order[:limit]


def met_table(points: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
    """Which criteria each site fully meets (points == weight)."""
    return points >= np.array([WEIGHTS[name] for name in CRITERIA])
