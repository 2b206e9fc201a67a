"""Functional labour-market regions: the EURO-LMA algorithm as LabourMarketAreas 3.4 runs it.

Coombes & Bond (2008) describe the EURO-LMA / TTWA procedure; Istat implemented it in the R
package LabourMarketAreas (Franconi, D'Alò & Ichim 2016). `labour_market_regions` reproduces
that package's ``findClusters`` step by step (same validity function, cohesion measure,
dissolution order, reserve list, zero list, final reserve assignment and tie-breaking), so the
partitions are identical to the package's, region numbers included. ``StatClusterData`` and
``Qmodularity`` are reproduced by the statistics in the result. Formulas, tie rules, data
structures and complexity: docs/analytics.md, section "Functional labour-market regions".

The implementation never recomputes everything per iteration: a region's validity depends only
on its own three totals (employed residents, jobs, internal flows), which are updated in
O(degree) when one unit moves; the least valid region comes from a heap with lazy deletion, and
the flows of a unit to every region are aggregated from a sparse adjacency list.
"""

import heapq
import math
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt
import pandas as pd

RESIDENCE: Final = "residence"
"""Input column: unit (municipality, grid cell) of residence of a commuting flow."""
WORKPLACE: Final = "workplace"
"""Input column: unit of work of a commuting flow."""
AMOUNT: Final = "amount"
"""Input column: persons living in `residence` and working in `workplace` (count, >= 0)."""

UNASSIGNED: Final = 0
"""Region number of units left in the reserve list with no tie to any region (R: cluster 0)."""

__all__ = [
    "AMOUNT",
    "RESIDENCE",
    "UNASSIGNED",
    "WORKPLACE",
    "LabourMarketRegionParameters",
    "LabourMarketRegions",
    "labour_market_regions",
    "region_validity",
]

_ReserveEvent = tuple[str, int, int, float, int, int | None]

_DISSOLVED: Final = -1  # unit of a dissolved region waiting to be regrouped (R's negative ids)


@dataclass(frozen=True, slots=True)
class LabourMarketRegionParameters:
    """The four EURO-LMA parameters (LabourMarketAreas: minSZ, minSC, tarSZ, tarSC).

    Sizes are employed residents (persons); self-containment is a share in (0, 1].
    """

    minimum_size: float
    """minSZ: no region below this size is valid unless it is fully self-contained."""
    minimum_self_containment: float
    """minSC: self-containment a region of size >= target_size needs (e.g. 0.6667)."""
    target_size: float
    """tarSZ: size from which minimum_self_containment suffices (e.g. 10 000)."""
    target_self_containment: float
    """tarSC: self-containment a region of size minimum_size needs (e.g. 0.75)."""

    def __post_init__(self) -> None:
        values = (
            self.minimum_size,
            self.minimum_self_containment,
            self.target_size,
            self.target_self_containment,
        )
        if not all(math.isfinite(value) and value > 0 for value in values):
            raise ValueError(f"all four parameters must be positive finite numbers, got {values}")
        if self.target_size <= self.minimum_size:
            raise ValueError(
                f"target_size ({self.target_size}) must exceed minimum_size ({self.minimum_size})"
            )
        if max(self.minimum_self_containment, self.target_self_containment) > 1:
            raise ValueError(
                "self-containment is a share: minimum_self_containment and "
                "target_self_containment must be at most 1"
            )
        if self.minimum_self_containment > self.target_self_containment:
            raise ValueError(
                f"minimum_self_containment ({self.minimum_self_containment}, required of regions "
                f"of target size) must not exceed target_self_containment "
                f"({self.target_self_containment}, required of regions of minimum size)"
            )


@dataclass(frozen=True, slots=True)
class LabourMarketRegions:
    """Result of `labour_market_regions` (LabourMarketAreas ``findClusters`` + statistics).

    Region numbers follow the reference: units are ranked by id (after removing the zero list)
    and unit number i starts as region i; a region keeps the number of the region that absorbs
    the others, so numbers are sparse (e.g. 1, 3, 5, 7, 8, 10, 12, 16, 20 for Brindisi).
    """

    parameters: LabourMarketRegionParameters
    assignment: pd.DataFrame
    """One row per clustered unit, sorted by unit: ``unit``, ``region`` (int; 0 = unassigned),
    ``employed_residents`` (persons living in the unit; R clusterList ``residents``)."""
    regions: pd.DataFrame
    """One row per region (region 0 excluded), sorted by region; R ``StatClusterData`` names in
    brackets: ``region`` [LMA], ``employed_residents`` [EMP_live], ``jobs`` [EMP_work],
    ``validity``, ``live_and_work`` [EMP_live_work], ``commuter_ratio`` [lma_commuter_percent,
    ((L−S)+(W−S))/(2S), a ratio despite R's name], ``home_work_ratio`` [Home_Work_Ratio],
    ``self_containment_demand_side`` [SC_demand_side, S/W], ``self_containment_supply_side``
    [SC_supply_side, S/L], ``units`` [N_com], ``internal_cohesion_links`` [InternalCohesionLink],
    ``internal_cohesion_flows`` [InternalCohesionFlows, percent], ``central_units``
    [NbCentralComm], ``links_in`` [N_links_in], ``links_out`` [N_links_out], ``main_unit`` (the
    member with the most jobs, after which R's ``AssignLmaName`` names the region)."""
    region_flows: pd.DataFrame
    """Region × region flows (R ``LWClus``): ``region_residence``, ``region_workplace``,
    ``amount``; non-zero cells only, the unassigned-to-unassigned cell excluded."""
    reserve_list: pd.DataFrame
    """Reserve-list events in order (R ``reserve.list``): ``code`` (A–F, see docs), ``iteration``,
    ``dissolved_region``, ``validity`` (of the dissolved region), ``unit`` (sent to the reserve
    list), ``next_unit`` (codes C/D: the next unit of the dissolved region, else missing)."""
    zero_list: tuple[Hashable, ...]
    """Units never clustered: no residents, no jobs, or only a self-flow (iterated), sorted."""
    not_assigned: tuple[Hashable, ...]
    """Reserve-list units with no tie to any region after the final pass (region 0), sorted."""
    modularity: float
    """Newman's Q on the region × region flow matrix (R ``Qmodularity``)."""
    iterations: int
    """Dissolution steps until every region was valid (R's loop counter minus one)."""

    @property
    def region_count(self) -> int:
        """Number of regions (region 0 excluded)."""
        return len(self.regions)

    def partition(self) -> frozenset[frozenset[Hashable]]:
        """The regions as a set of unit sets (region 0, if any, included as one set)."""
        groups = self.assignment.groupby("region", sort=True)["unit"]
        return frozenset(frozenset(members.tolist()) for _, members in groups)


def region_validity(
    employed_residents: float,
    *,
    jobs: float,
    live_and_work: float,
    parameters: LabourMarketRegionParameters,
) -> float:
    """EURO-LMA validity of one region (LabourMarketAreas ``getLeastSelfContained``).

    `employed_residents` L, `jobs` W and `live_and_work` S (persons living and working in the
    region) give the minimum self-containment ``msc = min(S/L, S/W)``; then
    ``Y = min(msc/tarSC, 1)``, ``size = max((tarSZ − L)/(tarSZ − minSZ), 0)``,
    ``Z = 1 − (1 − minSC/tarSC)·size`` and validity ``Y·Z·tarSC/minSC`` (1 if ``msc == 1``).
    A region is valid iff validity >= 1. Both L and W must be positive.
    """
    if not (employed_residents > 0 and jobs > 0):
        raise ValueError("employed_residents and jobs must be positive")
    return _Validity(parameters)(employed_residents, jobs, live_and_work)


class _Validity:
    """The validity function with the parameter constants hoisted (same float operations as R)."""

    __slots__ = ("_ratio", "_shrink", "_size_span", "_target_self_containment", "_target_size")

    def __init__(self, parameters: LabourMarketRegionParameters) -> None:
        self._target_size = parameters.target_size
        self._size_span = parameters.target_size - parameters.minimum_size
        self._shrink = 1 - (
            parameters.minimum_self_containment / parameters.target_self_containment
        )
        self._ratio = parameters.target_self_containment / parameters.minimum_self_containment
        self._target_self_containment = parameters.target_self_containment

    def __call__(self, live: float, work: float, internal: float) -> float:
        msc = min(internal / live, internal / work)
        if msc == 1:
            return 1.0
        y = min(msc / self._target_self_containment, 1.0)
        size = max((self._target_size - live) / self._size_span, 0.0)
        z = 1 - (self._shrink * size)
        return y * z * self._ratio


def labour_market_regions(
    flows: pd.DataFrame,
    *,
    minimum_size: float,
    minimum_self_containment: float,
    target_size: float,
    target_self_containment: float,
    max_iterations: int | None = None,
) -> LabourMarketRegions:
    """Detect functional labour-market regions with EURO-LMA (LabourMarketAreas ``findClusters``).

    `flows` has one row per (residence, workplace) pair: ``residence`` and ``workplace`` are unit
    ids (int or str, comparable with each other; the R package's ``community_live`` /
    ``community_work``), ``amount`` the persons living in ``residence`` and working in
    ``workplace`` (count, >= 0; the diagonal ``residence == workplace`` holds those working where
    they live). Zero rows are ignored and duplicate pairs summed; other columns are ignored.

    The parameters are LabourMarketAreas' minSZ, minSC, tarSZ and tarSC (sizes in employed
    residents, self-containment as shares); the package vignette uses 1000 / 0.6667 / 10000 /
    0.75. `max_iterations` bounds the dissolution loop (None: no bound, as in R); exceeding it
    raises RuntimeError. The input frame is not modified.
    """
    parameters = LabourMarketRegionParameters(
        minimum_size=minimum_size,
        minimum_self_containment=minimum_self_containment,
        target_size=target_size,
        target_self_containment=target_self_containment,
    )
    if max_iterations is not None and max_iterations < 0:
        raise ValueError(f"max_iterations must be >= 0, got {max_iterations}")
    table = _FlowTable.from_frame(flows)
    engine = _Engine(table, parameters)
    engine.run(max_iterations)
    engine.assign_reserve()
    return _result(table, engine, parameters)


# --------------------------------------------------------------------------------------------
# Input preparation


@dataclass(frozen=True, slots=True)
class _FlowTable:
    """Flows on unit indices. All units (zero list included) are ranked by id."""

    ids: pd.Index  # every unit id, sorted
    residence: npt.NDArray[np.int64]  # index into ids, positive flows, pairs unique
    workplace: npt.NDArray[np.int64]
    amount: npt.NDArray[np.float64]
    clustered: npt.NDArray[np.bool_]  # per unit: not in the zero list

    @classmethod
    def from_frame(cls, flows: pd.DataFrame) -> "_FlowTable":
        missing = [column for column in (RESIDENCE, WORKPLACE, AMOUNT) if column not in flows]
        if missing:
            raise ValueError(f"flows is missing column(s) {missing}; it has {list(flows.columns)}")
        amount = pd.to_numeric(flows[AMOUNT], errors="raise").to_numpy(
            dtype="float64", na_value=np.nan
        )
        if not np.isfinite(amount).all():
            raise ValueError("flows.amount has missing or infinite values")
        if (amount < 0).any():
            raise ValueError("flows.amount has negative values")
        if flows[RESIDENCE].isna().any() or flows[WORKPLACE].isna().any():
            raise ValueError("flows.residence and flows.workplace must not have missing ids")
        all_ids = pd.concat([flows[RESIDENCE], flows[WORKPLACE]], ignore_index=True)
        try:
            ids = pd.Index(pd.unique(all_ids)).sort_values()
        except TypeError as error:
            raise ValueError("unit ids must be mutually comparable (all int or all str)") from error
        positive = amount > 0
        residence = ids.get_indexer(pd.Index(flows[RESIDENCE].to_numpy()[positive])).astype(
            np.int64
        )
        workplace = ids.get_indexer(pd.Index(flows[WORKPLACE].to_numpy()[positive])).astype(
            np.int64
        )
        count = len(ids)
        pair = residence * count + workplace
        unique_pair, inverse = np.unique(pair, return_inverse=True)
        summed = np.bincount(inverse, weights=amount[positive], minlength=len(unique_pair))
        residence, workplace = np.divmod(unique_pair, count)
        clustered = _zero_list_filter(residence, workplace, summed, count)
        return cls(ids, residence, workplace, summed, clustered)


def _zero_list_filter(
    residence: npt.NDArray[np.int64],
    workplace: npt.NDArray[np.int64],
    amount: npt.NDArray[np.float64],
    count: int,
) -> npt.NDArray[np.bool_]:
    """Units kept after the iterated zero-list rule (R: no residents, no jobs, only a self-flow)."""
    kept = np.ones(count, dtype=bool)
    while True:
        live = kept[residence] & kept[workplace]
        residents = np.bincount(residence[live], weights=amount[live], minlength=count)
        jobs = np.bincount(workplace[live], weights=amount[live], minlength=count)
        self_flow = np.zeros(count)
        diagonal = live & (residence == workplace)
        self_flow[residence[diagonal]] = amount[diagonal]
        only_self = (self_flow == residents) & (self_flow == jobs)
        remove = kept & ((residents == 0) | (jobs == 0) | only_self)
        if not remove.any():
            return kept
        kept &= ~remove


# --------------------------------------------------------------------------------------------
# The algorithm


class _Engine:
    """State of ``findClusters``: units 0..n−1 (clustered units ranked by id), region numbers.

    Region r (1..n) starts as unit r−1; region 0 is the reserve list. Per region the totals
    live (L), work (W) and internal (S) are kept; validity depends only on them.
    """

    def __init__(self, table: _FlowTable, parameters: LabourMarketRegionParameters) -> None:
        self.validity = _Validity(parameters)
        kept = np.flatnonzero(table.clustered)
        self.unit_index = kept  # engine unit -> table unit
        position = np.full(len(table.ids), -1, dtype=np.int64)
        position[kept] = np.arange(len(kept))
        live = table.clustered[table.residence] & table.clustered[table.workplace]
        source = position[table.residence[live]]
        target = position[table.workplace[live]]
        amount = table.amount[live]
        n = len(kept)
        self.n = n
        self.residents: list[float] = np.bincount(source, weights=amount, minlength=n).tolist()
        self.jobs: list[float] = np.bincount(target, weights=amount, minlength=n).tolist()
        diagonal = source == target
        self_flow = np.zeros(n)
        self_flow[source[diagonal]] = amount[diagonal]
        self.self_flow: list[float] = self_flow.tolist()
        off = ~diagonal
        self.out_edges = _adjacency(source[off], target[off], amount[off], n)
        self.in_edges = _adjacency(target[off], source[off], amount[off], n)

        # region state; region r of unit r-1 initially
        self.region_of: list[int] = list(range(1, n + 1))
        self.members: dict[int, set[int]] = {r: {r - 1} for r in range(1, n + 1)}
        self.live: list[float] = [0.0, *self.residents]
        self.work: list[float] = [0.0, *self.jobs]
        self.internal: list[float] = [0.0, *self.self_flow]
        # inflow of each unit from the other units of its region (for R's orderRegroup)
        self.inflow_from_own: list[float] = [0.0] * n
        self.stamp: list[int] = [0] * (n + 1)
        self.heap: list[tuple[float, int, int]] = [
            (self._validity_of(r), r, 0) for r in range(1, n + 1)
        ]
        heapq.heapify(self.heap)
        self.reserve_events: list[_ReserveEvent] = []
        self.iterations = 0
        self.not_assigned: list[int] = []
        # (region, largest cartesian validity) of the region R left un-aggregated; see _split
        self.split: tuple[int, float] | None = None
        self.split_iteration = 0

    # -- bookkeeping --------------------------------------------------------------------------

    def _validity_of(self, region: int) -> float:
        return self.validity(self.live[region], self.work[region], self.internal[region])

    def _touch(self, region: int) -> None:
        self.stamp[region] += 1
        heapq.heappush(self.heap, (self._validity_of(region), region, self.stamp[region]))

    def _least_valid(self) -> tuple[float, int]:
        heap = self.heap
        while True:
            validity, region, stamp = heap[0]
            if stamp == self.stamp[region] and region in self.members:
                return validity, region
            heapq.heappop(heap)

    def _flows_by_region(self, unit: int) -> tuple[dict[int, float], dict[int, float]]:
        """Flows unit → region and region → unit, every region including its own and 0."""
        region_of = self.region_of
        outgoing: dict[int, float] = {}
        for other, amount in self.out_edges[unit]:
            region = region_of[other]
            outgoing[region] = outgoing.get(region, 0.0) + amount
        incoming: dict[int, float] = {}
        for other, amount in self.in_edges[unit]:
            region = region_of[other]
            incoming[region] = incoming.get(region, 0.0) + amount
        return outgoing, incoming

    def _strongest_tie(
        self, unit: int, outgoing: dict[int, float], incoming: dict[int, float], own: int
    ) -> int | None:
        """Region with the largest Coombes tie to `unit` (R ``determineRegroupList``).

        Candidates are regions > 0 other than `own`. Ties in strength go to the group R lists
        last: the candidates are grouped in the order of R's merged table, first those with a
        flow region → unit (ascending region), then those with only unit → region flows.
        """
        unit_live = self.residents[unit]
        unit_work = self.jobs[unit]
        live = self.live
        work = self.work
        best: tuple[float, bool, int] | None = None
        for region in outgoing.keys() | incoming.keys():
            if region <= 0 or region == own:
                continue
            strength = 0.0
            flow_out = outgoing.get(region)
            if flow_out is not None:
                strength += flow_out / unit_live * flow_out / work[region]
            flow_in = incoming.get(region)
            if flow_in is not None:
                strength = flow_in / live[region] * flow_in / unit_work + strength
            key = (strength, flow_in is None, region)
            if best is None or key > best:
                best = key
        return None if best is None else best[2]

    def _merged_validity(
        self, unit: int, region: int, outgoing: dict[int, float], incoming: dict[int, float]
    ) -> tuple[float, float, float, float]:
        live = self.live[region] + self.residents[unit]
        work = self.work[region] + self.jobs[unit]
        internal = (
            self.internal[region]
            + self.self_flow[unit]
            + outgoing.get(region, 0.0)
            + incoming.get(region, 0.0)
        )
        return self.validity(live, work, internal), live, work, internal

    def _leave(
        self, unit: int, region: int, outgoing: dict[int, float], incoming: dict[int, float]
    ) -> None:
        """Remove `unit` from `region` (which keeps other members)."""
        self.members[region].discard(unit)
        self.live[region] -= self.residents[unit]
        self.work[region] -= self.jobs[unit]
        self.internal[region] -= (
            self.self_flow[unit] + outgoing.get(region, 0.0) + incoming.get(region, 0.0)
        )
        self._adjust_inflow(unit, region, -1.0)

    def _join(
        self,
        unit: int,
        region: int,
        totals: tuple[float, float, float],
        incoming: dict[int, float],
    ) -> None:
        self.members[region].add(unit)
        self.region_of[unit] = region
        self.live[region], self.work[region], self.internal[region] = totals
        self.inflow_from_own[unit] = incoming.get(region, 0.0)
        self._adjust_inflow(unit, region, 1.0)
        self._touch(region)

    def _adjust_inflow(self, unit: int, region: int, sign: float) -> None:
        region_of = self.region_of
        inflow = self.inflow_from_own
        for other, amount in self.out_edges[unit]:
            if region_of[other] == region:
                inflow[other] += sign * amount

    def _to_reserve(self, unit: int) -> None:
        self.region_of[unit] = UNASSIGNED
        self.inflow_from_own[unit] = 0.0

    def _drop_region(self, region: int) -> None:
        del self.members[region]

    # -- main loop ----------------------------------------------------------------------------

    def run(self, max_iterations: int | None) -> None:
        while self.members:
            validity, region = self._least_valid()
            if validity >= 1:
                return
            if max_iterations is not None and self.iterations >= max_iterations:
                raise RuntimeError(
                    f"labour-market regions did not converge in {max_iterations} iterations"
                )
            self.iterations += 1
            split_before = self.split
            if len(self.members[region]) == 1:
                self._dissolve_single(region, validity)
            else:
                self._dissolve_multiple(region, validity)
            if split_before is not None:
                self._heal(split_before[0])

    def _heal(self, region: int) -> None:
        """End R's un-aggregated state of `region` (R re-aggregates in every branch)."""
        if (
            self.split is not None
            and self.split[0] == region
            and self.split_iteration < self.iterations
        ):
            self.split = None
        if region in self.members and (self.split is None or self.split[0] != region):
            self._touch(region)

    def _old_validity(self, region: int) -> float:
        """Validity of a candidate region as R's acceptance test sees it.

        For the region split by the previous multi-unit step (see `_split`), R compares the new
        validity with every row of its cartesian validity table: the test passes only if the
        new validity reaches the largest of them.
        """
        if self.split is not None and self.split[0] == region:
            return self.split[1]
        return self._validity_of(region)

    def _split(self, region: int) -> None:
        """Reproduce R's un-aggregated tables after a multi-unit dissolution of `region`.

        R puts the remaining members back under the region number without summing their rows:
        its ``marginals`` keep one row per member (that member's residents L_i and jobs W_i) and
        ``LWClus`` one internal row per ordered member pair with a flow (amount T_ab). In the
        next iteration ``getLeastSelfContained`` merges the two (a cartesian product), so the
        region's validity there is min over i and (a, b) of validity(L_i, W_i, T_ab), and the
        acceptance test needs the maximum of those values. Every branch of the next iteration
        re-aggregates, so this lasts exactly one iteration.
        """
        members = self.members[region]
        region_of = self.region_of
        amounts: set[float] = set()
        for unit in members:
            if self.self_flow[unit] > 0:
                amounts.add(self.self_flow[unit])
            for other, amount in self.out_edges[unit]:
                if region_of[other] == region:
                    amounts.add(amount)
        validity = self.validity
        if not amounts:
            low = high = 0.0
        else:
            ordered = sorted(amounts)
            ends = {ordered[0], ordered[1 % len(ordered)], ordered[-2 % len(ordered)], ordered[-1]}
            values: list[float] = []
            for unit in members:
                live = self.residents[unit]
                work = self.jobs[unit]
                probes = ends | ({max(live, work)} & amounts)
                values.extend(validity(live, work, amount) for amount in probes)
            low, high = min(values), max(values)
        self.split = (region, high)
        self.split_iteration = self.iterations
        self.stamp[region] += 1
        heapq.heappush(self.heap, (low, region, self.stamp[region]))

    def _dissolve_single(self, region: int, validity: float) -> None:
        (unit,) = self.members[region]
        self._drop_region(region)
        self.region_of[unit] = _DISSOLVED
        outgoing, incoming = self._flows_by_region(unit)
        target = self._strongest_tie(unit, outgoing, incoming, _DISSOLVED)
        if target is None:
            self._record("B", region, validity, unit, None)
            self._to_reserve(unit)
            return
        new_validity, *totals = self._merged_validity(unit, target, outgoing, incoming)
        if new_validity >= self._old_validity(target):
            self._join(unit, target, (totals[0], totals[1], totals[2]), incoming)
        else:
            self._record("A", region, validity, unit, None)
            self._to_reserve(unit)

    def _regroup_order(self, region: int) -> list[int]:
        """Members by R's orderRegroup = inflow from outside + residents − self-flow, descending."""
        members = self.members[region]

        def key(unit: int) -> tuple[float, int]:
            from_outside = self.jobs[unit] - self.self_flow[unit] - self.inflow_from_own[unit]
            order = from_outside + self.residents[unit] - self.self_flow[unit]
            return (-order, unit)

        return sorted(members, key=key)

    def _dissolve_multiple(self, region: int, validity: float) -> None:
        order = self._regroup_order(region)
        unit = order[0]
        outgoing, incoming = self._flows_by_region(unit)
        target = self._strongest_tie(unit, outgoing, incoming, region)
        if target is None:
            self._record("D", region, validity, unit, order[1])
            self._leave(unit, region, outgoing, incoming)
            self._to_reserve(unit)
            if self.split is not None:
                self._heal(self.split[0])
            self._dissolve_rest(region, order)
            return
        new_validity, *totals = self._merged_validity(unit, target, outgoing, incoming)
        accepted = new_validity >= self._old_validity(target)
        self._leave(unit, region, outgoing, incoming)
        if accepted:
            self._join(unit, target, (totals[0], totals[1], totals[2]), incoming)
        else:
            self._record("C", region, validity, unit, order[1])
            self._to_reserve(unit)
        if len(self.members[region]) > 1:
            self._split(region)
        else:
            self._touch(region)

    def _dissolve_rest(self, region: int, order: list[int]) -> None:
        """R's rare path after code D: the other members are regrouped one by one.

        R takes the least valid cluster each time; we take the least valid remaining member
        (ties: largest unit id, R's most negative id). R's code is ill-defined when an ordinary
        region is less valid than every remaining member (vector recycling); see docs. As R,
        the E/F events carry the member's temporary negative number (−rank of the unit among
        the region's members by id) and its own validity.
        """
        self._drop_region(region)
        temporary = {unit: -(rank + 1) for rank, unit in enumerate(sorted(order))}
        remaining = sorted(order[1:])
        for unit in remaining:
            self.region_of[unit] = _DISSOLVED
            self.inflow_from_own[unit] = 0.0
        while remaining:
            validities = {
                unit: self.validity(self.residents[unit], self.jobs[unit], self.self_flow[unit])
                for unit in remaining
            }
            unit = min(reversed(remaining), key=validities.__getitem__)
            remaining.remove(unit)
            outgoing, incoming = self._flows_by_region(unit)
            target = self._strongest_tie(unit, outgoing, incoming, _DISSOLVED)
            if target is None:
                self._record("F", temporary[unit], validities[unit], unit, None)
                self._to_reserve(unit)
                continue
            new_validity, *totals = self._merged_validity(unit, target, outgoing, incoming)
            if new_validity >= self._old_validity(target):
                self._join(unit, target, (totals[0], totals[1], totals[2]), incoming)
            else:
                self._record("E", temporary[unit], validities[unit], unit, None)
                self._to_reserve(unit)

    def _record(
        self, code: str, region: int, validity: float, unit: int, next_unit: int | None
    ) -> None:
        self.reserve_events.append((code, self.iterations, region, validity, unit, next_unit))

    # -- final reserve assignment -------------------------------------------------------------

    def assign_reserve(self) -> None:
        """Attach reserve units to their strongest-tie region, without validity test.

        R passes over the reserve units in descending id order (its negative cluster ids),
        repeating passes while any unit moved; units without any tie stay unassigned.
        """
        waiting = [unit for unit in range(self.n - 1, -1, -1) if self.region_of[unit] == 0]
        for unit in waiting:
            self.region_of[unit] = _DISSOLVED
        moved = True
        while moved and waiting:
            moved = False
            still_waiting = []
            for unit in waiting:
                outgoing, incoming = self._flows_by_region(unit)
                target = self._strongest_tie(unit, outgoing, incoming, _DISSOLVED)
                if target is None:
                    still_waiting.append(unit)
                    continue
                _, *totals = self._merged_validity(unit, target, outgoing, incoming)
                self.members[target].add(unit)
                self.region_of[unit] = target
                self.live[target], self.work[target], self.internal[target] = totals
                moved = True
            waiting = still_waiting
        for unit in waiting:
            self.region_of[unit] = UNASSIGNED
        self.not_assigned = sorted(waiting)


def _adjacency(
    source: npt.NDArray[np.int64],
    target: npt.NDArray[np.int64],
    amount: npt.NDArray[np.float64],
    n: int,
) -> list[list[tuple[int, float]]]:
    order = np.argsort(source, kind="stable")
    bounds = np.searchsorted(source[order], np.arange(n + 1))
    targets = target[order].tolist()
    amounts = amount[order].tolist()
    pairs = list(zip(targets, amounts, strict=True))
    return [pairs[bounds[i] : bounds[i + 1]] for i in range(n)]


# --------------------------------------------------------------------------------------------
# Statistics (StatClusterData, Qmodularity)


def _result(
    table: _FlowTable, engine: _Engine, parameters: LabourMarketRegionParameters
) -> LabourMarketRegions:
    ids = table.ids
    unit_ids = ids[engine.unit_index]
    region_of_unit = np.asarray(engine.region_of, dtype=np.int64)
    assignment = pd.DataFrame(
        {
            "unit": unit_ids,
            "region": region_of_unit,
            "employed_residents": np.asarray(engine.residents, dtype=np.float64),
        }
    )
    # region of every table unit (-1: zero list); flows between clustered units
    region_all = np.full(len(ids), -1, dtype=np.int64)
    region_all[engine.unit_index] = region_of_unit
    live_mask = table.clustered[table.residence] & table.clustered[table.workplace]
    flows = _UnitFlows(
        source=table.residence[live_mask],
        target=table.workplace[live_mask],
        amount=table.amount[live_mask],
        region_source=region_all[table.residence[live_mask]],
        region_target=region_all[table.workplace[live_mask]],
    )
    slots = engine.n + 1  # region numbers 0..n
    key = flows.region_source * slots + flows.region_target
    cells, inverse = np.unique(key, return_inverse=True)
    cell_amount = np.bincount(inverse, weights=flows.amount, minlength=len(cells))
    keep = cells != 0  # drop unassigned -> unassigned, as R does
    cell_source, cell_target = np.divmod(cells[keep], slots)
    region_flows = pd.DataFrame(
        {
            "region_residence": cell_source,
            "region_workplace": cell_target,
            "amount": cell_amount[keep],
        }
    )
    regions = _region_statistics(table, engine, parameters, region_flows, region_all, flows)
    return LabourMarketRegions(
        parameters=parameters,
        assignment=assignment,
        regions=regions,
        region_flows=region_flows,
        reserve_list=_reserve_frame(engine, ids, unit_ids),
        zero_list=tuple(ids[~table.clustered].tolist()),
        not_assigned=tuple(unit_ids[engine.not_assigned].tolist()),
        modularity=_modularity(cell_source, cell_target, cell_amount[keep], slots),
        iterations=engine.iterations,
    )


@dataclass(frozen=True, slots=True)
class _UnitFlows:
    source: npt.NDArray[np.int64]
    target: npt.NDArray[np.int64]
    amount: npt.NDArray[np.float64]
    region_source: npt.NDArray[np.int64]
    region_target: npt.NDArray[np.int64]


def _reserve_frame(engine: _Engine, ids: pd.Index, unit_ids: pd.Index) -> pd.DataFrame:
    events = engine.reserve_events
    id_dtype = "Int64" if pd.api.types.is_integer_dtype(ids.dtype) else ids.dtype
    return pd.DataFrame(
        {
            "code": pd.Series([event[0] for event in events], dtype=str),
            "iteration": pd.Series([event[1] for event in events], dtype=np.int64),
            "dissolved_region": pd.Series([event[2] for event in events], dtype=np.int64),
            "validity": pd.Series([event[3] for event in events], dtype=np.float64),
            "unit": pd.Series([unit_ids[event[4]] for event in events], dtype=id_dtype),
            "next_unit": pd.Series(
                [None if event[5] is None else unit_ids[event[5]] for event in events],
                dtype=id_dtype,
            ),
        }
    )


def _region_statistics(
    table: _FlowTable,
    engine: _Engine,
    parameters: LabourMarketRegionParameters,
    region_flows: pd.DataFrame,
    region_all: npt.NDArray[np.int64],
    flows: _UnitFlows,
) -> pd.DataFrame:
    slots = engine.n + 1
    numbers = np.unique(np.asarray(engine.region_of, dtype=np.int64))
    numbers = numbers[numbers != UNASSIGNED]

    def per_region(
        labels: npt.NDArray[np.int64], weights: npt.NDArray[np.float64] | None = None
    ) -> npt.NDArray[np.float64]:
        counts = np.bincount(labels, weights=weights, minlength=slots).astype(np.float64)
        selected: npt.NDArray[np.float64] = counts[numbers]
        return selected

    cell_source = region_flows["region_residence"].to_numpy(dtype=np.int64)
    cell_target = region_flows["region_workplace"].to_numpy(dtype=np.int64)
    cell_amount = region_flows["amount"].to_numpy(dtype=np.float64)
    live = per_region(cell_source, cell_amount)
    work = per_region(cell_target, cell_amount)
    diagonal = cell_source == cell_target
    internal = per_region(cell_source[diagonal], cell_amount[diagonal])
    validity = _Validity(parameters)

    same = flows.region_source == flows.region_target
    between = same & (flows.source != flows.target)
    link_count = per_region(flows.region_source[between])
    between_flow = per_region(flows.region_source[between], flows.amount[between])
    all_internal = per_region(flows.region_source[same], flows.amount[same])
    units = per_region(region_all[engine.unit_index])
    with np.errstate(divide="ignore", invalid="ignore"):
        cohesion_links = np.where(link_count > 0, link_count / (units * (units - 1)), np.nan)
        cohesion_flows = np.where(link_count > 0, between_flow / all_internal * 100, np.nan)
        statistics = {
            "region": numbers,
            "employed_residents": live,
            "jobs": work,
            "validity": np.array(
                [validity(*totals) for totals in zip(live, work, internal, strict=True)],
                dtype=np.float64,
            ),
            "live_and_work": internal,
            "commuter_ratio": ((live - internal) + (work - internal)) / (2 * internal),
            "home_work_ratio": ((live - internal) - (work - internal)) / internal,
            "self_containment_demand_side": internal / work,
            "self_containment_supply_side": internal / live,
            "units": units.astype(np.int64),
            "internal_cohesion_links": cohesion_links,
            "internal_cohesion_flows": cohesion_flows,
            "central_units": per_region(_central_unit_regions(table, region_all)).astype(np.int64),
            "links_in": per_region(cell_target).astype(np.int64),
            "links_out": per_region(cell_source).astype(np.int64),
        }
    frame = pd.DataFrame(statistics)
    frame["main_unit"] = _main_units(table, region_all, numbers)
    return frame


def _main_units(
    table: _FlowTable, region_all: npt.NDArray[np.int64], numbers: npt.NDArray[np.int64]
) -> pd.Index:
    """Per region the member with the most jobs (R ``AssignLmaName`` names the region after it).

    Jobs are counted on all input flows, as R does; ties go to the smallest id (R: the first
    name in alphabetical order).
    """
    jobs = np.bincount(table.workplace, weights=table.amount, minlength=len(table.ids))
    members = np.flatnonzero(region_all > 0)
    order = np.lexsort((members, -jobs[members], region_all[members]))
    ranked = members[order]
    first = np.ones(len(ranked), dtype=bool)
    first[1:] = region_all[ranked][1:] != region_all[ranked][:-1]
    main = ranked[first]  # one per region, in ascending region order = `numbers`
    return table.ids[main]


def _central_unit_regions(
    table: _FlowTable, region_all: npt.NDArray[np.int64]
) -> npt.NDArray[np.int64]:
    """Regions of the central units: (jobs − self)/(residents − self) > 1 and jobs > 100.

    As in R this uses the flows before the zero-list removal; a unit without a self-flow
    row is never central (R's missing value).
    """
    count = len(table.ids)
    residents = np.bincount(table.residence, weights=table.amount, minlength=count)
    jobs = np.bincount(table.workplace, weights=table.amount, minlength=count)
    diagonal = table.residence == table.workplace
    has_self = np.zeros(count, dtype=bool)
    has_self[table.residence[diagonal]] = True
    self_flow = np.zeros(count)
    self_flow[table.residence[diagonal]] = table.amount[diagonal]
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = (jobs - self_flow) / (residents - self_flow)
    central = has_self & (ratio > 1) & (jobs > 100) & (region_all > 0)
    return region_all[central]


def _modularity(
    source: npt.NDArray[np.int64],
    target: npt.NDArray[np.int64],
    amount: npt.NDArray[np.float64],
    slots: int,
) -> float:
    """Q = Σ_r (F_rr − F_r·F_·r/F)/F over the region × region matrix (R ``Qmodularity``)."""
    total = float(amount.sum())
    if total == 0:
        return math.nan
    out_sum = np.bincount(source, weights=amount, minlength=slots)
    in_sum = np.bincount(target, weights=amount, minlength=slots)
    diagonal = float(amount[source == target].sum())
    return (diagonal - float(out_sum @ in_sum) / total) / total
