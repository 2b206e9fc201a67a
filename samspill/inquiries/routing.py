"""Which adviser a new inquiry goes to: pure rule matching, no Django.

A rule names a need (or any need) and a municipality (or anywhere in the region). The most
specific matching rules win: need and municipality both named beat need only, which beats
municipality only, which beats a catch-all. Among equally specific rules the lowest priority
number wins; rules that tie completely all apply, so two advisers may share an inquiry.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    """A routing rule reduced to what matching needs. Empty need / None municipality = any."""

    rule_id: int
    need: str
    municipality_id: int | None
    adviser_id: int
    priority: int = 100


def _specificity(rule: Rule) -> int:
    return (2 if rule.need else 0) + (1 if rule.municipality_id is not None else 0)


def rule_matches(rule: Rule, *, needs: Iterable[str], municipality_ids: Iterable[int]) -> bool:
    """Whether the rule applies to an inquiry with these needs and wanted municipalities."""
    need_ok = not rule.need or rule.need in set(needs)
    municipality_ok = rule.municipality_id is None or rule.municipality_id in set(municipality_ids)
    return need_ok and municipality_ok


def pick_routing(
    rules: Sequence[Rule], *, needs: Sequence[str], municipality_ids: Sequence[int]
) -> list[Rule]:
    """The winning rules for an inquiry (empty when none matches: it stays in the shared inbox)."""
    matching = [
        rule for rule in rules if rule_matches(rule, needs=needs, municipality_ids=municipality_ids)
    ]
    if not matching:
        return []
    best = max(_specificity(rule) for rule in matching)
    most_specific = [rule for rule in matching if _specificity(rule) == best]
    top_priority = min(rule.priority for rule in most_specific)
    return [rule for rule in most_specific if rule.priority == top_priority]


@dataclass(frozen=True)
class AdviserCompetence:
    """An adviser's competence areas and home municipality, for suggestions."""

    adviser_id: int
    competence_areas: frozenset[str]
    municipality_ids: frozenset[int]


def rank_advisers(
    advisers: Sequence[AdviserCompetence], *, needs: Sequence[str], municipality_ids: Sequence[int]
) -> list[tuple[AdviserCompetence, int]]:
    """Advisers who cover at least one need, best first: most needs covered, then local ones.

    Returns (adviser, number of needs covered). Advisers from any municipality in the region
    count: businesses see no municipal borders, and neither does the competence.
    """
    wanted = set(needs)
    local = set(municipality_ids)
    scored = [
        (adviser, len(adviser.competence_areas & wanted), bool(adviser.municipality_ids & local))
        for adviser in advisers
    ]
    scored = [item for item in scored if item[1] > 0]
    scored.sort(key=lambda item: (-item[1], not item[2], item[0].adviser_id))
    return [(adviser, covered) for adviser, covered, _local in scored]
