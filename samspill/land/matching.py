"""How well a site fits what an inquiry asks for: a pure function with the reason for each score.

No Django, no database: `score_site(facts, need)` takes two plain records and returns a score
from 0 to 100 with one line per criterion (size, readiness, type, infrastructure, place), so the
adviser sees why a site ranks where it does and the tests pin the rules down. ADR 53 says why the
weights are what they are. A criterion the inquiry does not state scores full marks and says so.

The module returns codes and numbers; `presenters.reason_text` words them (translated there).
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

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
