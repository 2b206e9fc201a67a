"""Writes of the stats app: load a parsed SSB table into series, observations and flows.

One call is one transaction: a problem anywhere (unknown municipality number, …) raises
`ImportFileError` naming the place in the file and nothing is written. Loading is idempotent:
rows equal to what is stored are left alone, so importing a file twice changes nothing.
"""

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from samspill.accounts.models import User
from samspill.audit.services import audit_record
from samspill.core.page_cache import bump_data_version
from samspill.regions.models import Municipality, MunicipalityChange
from samspill.stats import harmonisation as h
from samspill.stats.importers.tables import (
    ImportFileError,
    ObservationRow,
    ParsedTable,
)
from samspill.stats.models import CommutingFlow, Harmonisation, Observation, Series

BATCH_SIZE = 5000
NATIONAL = "0"

Progress = Callable[[int], object]


@dataclass(frozen=True)
class KnownGap:
    """A gap the data's documentation names (e.g. PROVENANCE.md): shown, never hidden."""

    period: str
    municipality: str
    note: str

    @classmethod
    def parse(cls, text: str) -> "KnownGap":
        """ "2019:5061:Rindal mangler" → KnownGap; the municipality part may be empty."""
        parts = text.split(":", 2)
        if len(parts) != 3 or not parts[0] or not parts[2]:
            raise ValueError(f"known gap {text!r} must look like PERIOD:MUNICIPALITY:TEXT")
        return cls(parts[0].strip(), parts[1].strip(), parts[2].strip())


@dataclass
class ImportSummary:
    """What one file did: rows read, loaded (new or changed), unchanged, removed, rejected."""

    source: str
    table_number: str
    series: list[str] = field(default_factory=list)
    read: int = 0
    loaded: int = 0
    unchanged: int = 0
    removed: int = 0
    rejected: list[str] = field(default_factory=list)
    harmonised: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        lines = [
            f"{self.source} (tabell {self.table_number}): lest {self.read}, lastet {self.loaded}, "
            f"uendret {self.unchanged}, fjernet {self.removed}, avvist {len(self.rejected)}"
        ]
        if self.harmonised:
            done = ", ".join(f"{kind} {count}" for kind, count in sorted(self.harmonised.items()))
            lines.append(f"  harmonisert til dagens kommuner: {done}")
        lines += [f"  avvist: {reason}" for reason in self.rejected[:20]]
        if len(self.rejected) > 20:
            lines.append(f"  … og {len(self.rejected) - 20} til")
        lines += [f"  merk: {note}" for note in self.notes]
        return "\n".join(lines)


@dataclass
class _Reference:
    ids: dict[str, int]
    names: dict[str, str]
    current: set[str]
    periods: dict[str, tuple[int, int | None]]
    successors: dict[str, list[tuple[str, str]]]
    by_name: dict[str, list[str]]


def _reference() -> _Reference:
    ids: dict[str, int] = {}
    names: dict[str, str] = {}
    current: set[str] = set()
    periods: dict[str, tuple[int, int | None]] = {}
    by_name: dict[str, list[str]] = defaultdict(list)
    for pk, number, name, valid_from, valid_to in Municipality.objects.values_list(
        "pk", "number", "name", "valid_from", "valid_to"
    ):
        ids[number], names[number] = pk, name
        periods[number] = (valid_from or 0, valid_to)
        if valid_to is None:
            current.add(number)
            for variant in {name, *name.split(" - "), *name.split("-")[:1]}:
                by_name[variant.strip().lower()].append(number)
    successors: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for old, new, kind in MunicipalityChange.objects.values_list(
        "predecessor__number", "successor__number", "kind"
    ):
        successors[old].append((new, kind))
    return _Reference(ids, names, current, periods, successors, by_name)


def _is_pseudo_area(number: str) -> str | None:
    """Why an SSB area is not a municipality (county, Svalbard, shelf, unknown), else None."""
    if len(number) == 2:
        return "fylke, ikke kommune"
    if number[:2] in {"21", "22", "23"}:
        return "Svalbard, Jan Mayen eller kontinentalsokkelen, ikke kommune"
    if number.endswith("99") or number == "9999":
        return "uoppgitt kommune"
    return None


def _check_areas(
    areas: dict[str, int], reference: _Reference, *, source: str, allow_national: bool
) -> dict[str, str]:
    """Unknown numbers raise (naming the first line); pseudo areas are returned with a reason."""
    rejected: dict[str, str] = {}
    for area, line in sorted(areas.items(), key=lambda item: item[1]):
        if area == NATIONAL and allow_national:
            continue
        if area in reference.ids:
            continue
        reason = _is_pseudo_area(area)
        if reason is None:
            raise ImportFileError(f"unknown municipality number {area!r}", source=source, line=line)
        rejected[area] = reason
    return rejected


def _resolve_names(table: ParsedTable, reference: _Reference) -> None:
    resolved: dict[str, str] = {}
    rows: list[ObservationRow] = []
    for row in table.observations:
        number = resolved.get(row.area)
        if number is None:
            if row.area.isdigit():
                number = row.area
            else:
                candidates = reference.by_name.get(row.area.strip().lower(), [])
                if len(candidates) != 1:
                    problem = (
                        "unknown" if not candidates else f"ambiguous ({', '.join(candidates)})"
                    )
                    raise ImportFileError(
                        f"municipality name {row.area!r} is {problem} among today's municipalities",
                        source=table.source,
                        line=row.line,
                    )
                number = candidates[0]
            resolved[row.area] = number
        rows.append(row._replace(area=number))
    table.observations = rows


def _vintage(numbers: Iterable[str], reference: _Reference) -> str:
    lowest, highest = 0, 9999
    numbers = list(numbers)
    if not numbers:
        return "hele landet (ingen kommunetall)"
    for number in numbers:
        if number not in reference.periods:
            continue
        start, end = reference.periods[number]
        lowest = max(lowest, start)
        highest = min(highest, end if end is not None else 9999)
    if highest == 9999:
        return "dagens kommunenummer"
    if lowest <= highest:
        return f"kommunenummer gyldige {lowest}–{highest}"
    return "kommunenummer fra flere årganger"


@transaction.atomic
def table_import(
    *,
    table: ParsedTable,
    actor: User | None = None,
    known_gaps: Sequence[KnownGap] = (),
    progress: Progress | None = None,
    refresh: bool = True,
) -> ImportSummary:
    """Load a parsed table. Harmonises numbers to today's municipalities (splits are flagged)."""
    reference = _reference()
    summary = ImportSummary(source=table.source, table_number=table.table_number)
    summary.read = table.rows_read
    summary.rejected += table.rejected
    if table.areas_are_names:
        _resolve_names(table, reference)
    if table.is_flows:
        series = [_flows_load(table, reference, summary, progress)]
    else:
        series = _observations_load(table, reference, summary, progress)
    for item in series:
        if refresh:
            series_refresh(series=item, known_gaps=known_gaps)
        audit_record(
            actor=actor,
            subject=item,
            action="import",
            changes={
                "file": table.source,
                "loaded": summary.loaded,
                "unchanged": summary.unchanged,
                "removed": summary.removed,
                "rejected": len(summary.rejected),
            },
        )
    summary.series = [item.code for item in series]
    bump_data_version()
    return summary


def _series_upsert(
    table: ParsedTable, contents: str, *, vintage: str, notes: Iterable[str], rows: int
) -> Series:
    spec = table.contents[contents]
    code = f"{table.table_number}-{contents}"[:80]
    series, _created = Series.objects.get_or_create(
        code=code,
        defaults={"table_number": table.table_number, "contents": contents, "title": table.title},
    )
    series.title = table.title if spec.label == table.title else f"{table.title}: {spec.label}"
    series.unit = spec.unit
    series.dimensions = {**series.dimensions, **table.dimensions}
    files = [entry for entry in series.source_files if entry.get("file") != table.source]
    now = timezone.now()
    files.append(
        {"file": table.source, "imported_at": now.isoformat(), "rows": rows, "vintage": vintage}
    )
    series.source_files = sorted(files, key=lambda entry: str(entry["file"]))
    series.vintage = "; ".join(sorted({str(entry["vintage"]) for entry in series.source_files}))[
        :200
    ]
    series.harmonisation_notes = sorted({*series.harmonisation_notes, *notes})
    series.imported_at = now
    series.full_clean(validate_unique=False)
    series.save()
    return series


def _observations_load(
    table: ParsedTable, reference: _Reference, summary: ImportSummary, progress: Progress | None
) -> list[Series]:
    first_line: dict[str, int] = {}
    for row in table.observations:
        first_line.setdefault(row.area, row.line)
    pseudo = _check_areas(first_line, reference, source=table.source, allow_national=True)
    mappings = h.number_mappings(
        [a for a in first_line if a not in pseudo and a != NATIONAL],
        current=reference.current,
        successors=reference.successors,
    )
    later = h.later_numbers(mappings, successors=reference.successors)
    parts: dict[tuple[str, str, str, str], list[tuple[ObservationRow, str]]] = {}
    for row in table.observations:
        if row.area in pseudo:
            summary.rejected.append(
                f"{table.source}, linje {row.line}: område {row.area} ({pseudo[row.area]})"
            )
            continue
        mapping = mappings.get(row.area)
        target, kind = (mapping.target, mapping.kind) if mapping else (NATIONAL, h.ORIGINAL)
        key = (row.contents, target, row.period, row.key)
        group = parts.get(key)
        if group is None:
            parts[key] = [(row, kind)]
        else:
            group.append((row, kind))
    cells: dict[tuple[str, str, str, str], h.HarmonisedCell] = {}
    for key, group in parts.items():
        if len(group) > 1 and later:
            group = _without_old_number_twins(group, later, reference.periods, source=table.source)
        first, first_kind = group[0]
        cell = h.HarmonisedCell(
            first.value, first.status, first_kind, [first.area], first.line, first.note
        )
        for row, kind in group[1:]:
            cell.add(row.value, row.status, kind, row.area, row.note)
        cells[key] = cell
    notes = sorted(
        h.describe(m, reference.names) for m in mappings.values() if m.kind != h.ORIGINAL
    )
    vintage = _vintage(mappings, reference)
    by_contents: dict[str, list[tuple[tuple[str, str, str, str], h.HarmonisedCell]]] = defaultdict(
        list
    )
    for key, cell in cells.items():
        by_contents[key[0]].append((key, cell))
    result = []
    for contents, items in by_contents.items():
        series = _series_upsert(table, contents, vintage=vintage, notes=notes, rows=len(items))
        wanted: dict[tuple[int | None, str, str], tuple[Any, ...]] = {}
        for (_contents, target, period, dimension_key), cell in items:
            municipality_id = None if target == NATIONAL else reference.ids[target]
            kind = Harmonisation.ESTIMATED_BY_SOURCE if cell.note else cell.kind
            summary.harmonised[kind] += kind != h.ORIGINAL
            wanted[(municipality_id, period, dimension_key)] = (
                cell.value,
                cell.status,
                kind,
                _observation_note(cell, mappings)[:200],
            )
        _observations_write(series, wanted, summary, progress)
        result.append(series)
    summary.harmonised = +summary.harmonised
    return result


def _without_old_number_twins(
    group: list[tuple[ObservationRow, str]],
    later: dict[str, frozenset[str]],
    periods: dict[str, tuple[int, int | None]],
    *,
    source: str,
) -> list[tuple[ObservationRow, str]]:
    """Parts of one harmonised cell, without a municipality counted under two numbers.

    SSB lists every number of a table in every period, so a number not in use that year comes
    with an empty cell ("..") beside the number that was: the empty one is dropped. When both
    numbers carry a value, summing them would count the municipality twice: refused.
    """
    dropped: set[int] = set()
    for index, (old, _kind) in enumerate(group):
        for other, (new, _other_kind) in enumerate(group):
            if index == other or new.area not in later.get(old.area, frozenset()):
                continue
            year = int(new.period[:4])
            if h.in_use(old.area, year, periods) and h.in_use(new.area, year, periods):
                continue  # two municipalities that year, merged later: a true sum
            if old.value is not None and new.value is not None:
                raise ImportFileError(
                    f"{old.area} (line {old.line}) and {new.area} are the same municipality "
                    f"under its old and its new number; both have a value for {new.period}, "
                    "and summing them would count it twice",
                    source=source,
                    line=new.line,
                )
            dropped.add(index if old.value is None else other)
    return [part for index, part in enumerate(group) if index not in dropped]


def _observation_note(cell: h.HarmonisedCell, mappings: dict[str, h.NumberMapping]) -> str:
    if cell.note:
        return cell.note
    if cell.kind == h.SPLIT:
        successors = mappings[cell.originals[0]].successors
        return f"Delt kommune; ikke fordelt på {', '.join(successors)}"
    if cell.kind == h.MERGED:
        return f"Sum av {' + '.join(sorted(cell.originals))}"
    if cell.kind == h.RENUMBERED:
        return f"Publisert som {cell.originals[0]}"
    return ""


def _observations_write(
    series: Series,
    wanted: dict[tuple[int | None, str, str], tuple[Any, ...]],
    summary: ImportSummary,
    progress: Progress | None,
) -> None:
    scope = {(municipality_id, period) for municipality_id, period, _key in wanted}
    periods = {period for _m, period in scope}
    stale: list[int] = []
    existing_rows = Observation.objects.filter(series=series, period__in=periods).values_list(
        "pk",
        "municipality_id",
        "period",
        "dimension_key",
        "value",
        "status",
        "harmonisation",
        "harmonisation_note",
    )
    unchanged: set[tuple[int | None, str, str]] = set()
    for pk, municipality_id, period, key, *values in existing_rows:
        if (municipality_id, period) not in scope:
            continue
        cell = (municipality_id, period, key)
        if cell in wanted and tuple(values) == wanted[cell]:
            unchanged.add(cell)
        else:
            stale.append(pk)
    _delete(Observation, stale)
    series_id = series.pk
    rows = [
        (series_id, municipality_id, period, int(period[:4]), key, value, status, kind, note)
        for (municipality_id, period, key), (value, status, kind, note) in wanted.items()
        if (municipality_id, period, key) not in unchanged
    ]
    fast_insert(
        Observation,
        ["series", "municipality", "period", "year", "dimension_key", "value", "status",
         "harmonisation", "harmonisation_note"],
        rows,
        progress,
    )  # fmt: skip
    summary.loaded += len(rows)
    summary.unchanged += len(unchanged)
    summary.removed += max(0, len(stale) - len(rows))


def _flows_load(
    table: ParsedTable, reference: _Reference, summary: ImportSummary, progress: Progress | None
) -> Series:
    first_line: dict[str, int] = {}
    for _year, home, work, _employed, line in table.flows:
        if home not in first_line:
            first_line[home] = line
        if work not in first_line:
            first_line[work] = line
    pseudo = _check_areas(first_line, reference, source=table.source, allow_national=False)
    mappings = h.number_mappings(
        [a for a in first_line if a not in pseudo],
        current=reference.current,
        successors=reference.successors,
    )
    ids = reference.ids
    later = h.later_numbers(mappings, successors=reference.successors)
    target_id = {number: ids[m.target] for number, m in mappings.items()}
    rank_of = {number: h.RANK[m.kind] for number, m in mappings.items()}
    merged_rank = h.RANK[h.MERGED]
    # cell → [employed, rank, first line, raw (home, work) pairs seen when more than one]
    summed: dict[tuple[int, int, int], list[Any]] = {}
    for year, home, work, employed, line in table.flows:
        if home in pseudo or work in pseudo:
            area = home if home in pseudo else work
            summary.rejected.append(
                f"{table.source}, linje {line}: {home} → {work} ({area}: {pseudo[area]})"
            )
            continue
        key = (year, target_id[home], target_id[work])
        cell = summed.get(key)
        if cell is None:
            rank = rank_of[home]
            other = rank_of[work]
            summed[key] = [employed, rank if rank > other else other, line, (home, work)]
            continue
        parts = cell[3] if isinstance(cell[3], list) else [cell[3]]
        if (home, work) in parts:
            raise ImportFileError(
                f"duplicate cell {home} → {work} {year}; it already appears on line {cell[2]}",
                source=table.source,
                line=line,
            )
        _refuse_old_number_twins(
            parts, (home, work, year), later, reference.periods, source=table.source, line=line
        )
        parts.append((home, work))
        cell[3] = parts
        cell[0] += employed
        cell[1] = max(cell[1], rank_of[home], rank_of[work], merged_rank)
    notes = sorted(
        h.describe(m, reference.names) for m in mappings.values() if m.kind != h.ORIGINAL
    )
    series = _series_upsert(
        table, "sysselsatte", vintage=_vintage(mappings, reference), notes=notes, rows=len(summed)
    )
    kinds = h.KIND_BY_RANK
    wanted = {key: (cell[0], kinds[cell[1]]) for key, cell in summed.items() if cell[0] > 0}
    for kind, count in Counter(kind for _employed, kind in wanted.values()).items():
        if kind != h.ORIGINAL:
            summary.harmonised[kind] += count
    skipped = len(summed) - len(wanted)
    if skipped:
        summary.notes.append(f"{skipped} celler med 0 sysselsatte er ikke lagret (0 er standard).")
    years = sorted({year for year, _home, _work in wanted})
    stale: list[int] = []
    unchanged: set[tuple[int, int, int]] = set()
    existing = CommutingFlow.objects.filter(series=series, year__in=years)
    if existing.exists():
        scope = {(year, home) for year, home, _work in wanted}
        table_name = connection.ops.quote_name(CommutingFlow._meta.db_table)
        marks = ", ".join(["%s"] * len(years))
        with connection.cursor() as cursor:
            # Plain tuples: on a re-import every stored flow of these years is compared.
            cursor.execute(
                f"SELECT id, year, residence_id, workplace_id, employed, harmonisation FROM {table_name} "  # noqa: S608 - names from model meta, values are parameters
                f"WHERE series_id = %s AND year IN ({marks})",
                [series.pk, *years],
            )
            for pk, year, home_id, work_id, employed, kind in cursor.fetchall():
                if (year, home_id) not in scope:
                    continue
                flow_cell = (year, home_id, work_id)
                if wanted.get(flow_cell) == (employed, kind):
                    unchanged.add(flow_cell)
                else:
                    stale.append(pk)
    _delete(CommutingFlow, stale)
    series_id = series.pk
    rows = [
        (series_id, year, home, work, employed, kind)
        for (year, home, work), (employed, kind) in wanted.items()
        if not unchanged or (year, home, work) not in unchanged
    ]
    fast_insert(
        CommutingFlow,
        ["series", "year", "residence", "workplace", "employed", "harmonisation"],
        rows,
        progress,
    )
    summary.loaded += len(rows)
    summary.unchanged += len(unchanged)
    summary.removed += max(0, len(stale) - len(rows))
    return series


def _refuse_old_number_twins(
    parts: list[tuple[str, str]],
    flow: tuple[str, str, int],
    later: dict[str, frozenset[str]],
    periods: dict[str, tuple[int, int | None]],
    *,
    source: str,
    line: int,
) -> None:
    """A flow given under a municipality's old and new number in one year would be summed."""
    home, work, year = flow
    for other_home, other_work in parts:
        homes = other_home == home or h.same_municipality(
            other_home, home, year, later=later, periods=periods
        )
        works = other_work == work or h.same_municipality(
            other_work, work, year, later=later, periods=periods
        )
        if homes and works:
            raise ImportFileError(
                f"{home} → {work} and {other_home} → {other_work} are the same flow under a "
                f"municipality's old and new number in {year}; summing them would count it twice",
                source=source,
                line=line,
            )


def _delete(model: Any, pks: list[int]) -> None:
    for start in range(0, len(pks), 900):
        model.objects.filter(pk__in=pks[start : start + 900]).delete()


def fast_insert(
    model: Any, fields: list[str], rows: list[tuple[Any, ...]], progress: Progress | None = None
) -> None:
    """Insert plain tuples without building model instances (COPY on PostgreSQL).

    Only for values that need no conversion (ints, floats, str, None); the constraints of the
    table still hold, so a bad row fails the surrounding transaction.
    """
    meta = model._meta
    columns = [meta.get_field(name).column for name in fields]
    quote = connection.ops.quote_name
    table = quote(meta.db_table)
    column_list = ", ".join(quote(column) for column in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            sql = f"COPY {table} ({column_list}) FROM STDIN"
            with cursor.cursor.copy(sql) as copy:
                for start in range(0, len(rows), BATCH_SIZE):
                    batch = rows[start : start + BATCH_SIZE]
                    copy.write("".join(_copy_line(row) for row in batch))
                    if progress is not None:
                        progress(len(batch))
            return
        # A larger page cache for this connection: B-tree inserts of a national matrix touch
        # more pages than the 2 MB default holds (measured ~12 % less CPU).
        cursor.execute("PRAGMA cache_size = -65536")
        placeholders = ", ".join(["%s"] * len(columns))
        sql = f"INSERT INTO {table} ({column_list}) VALUES ({placeholders})"  # noqa: S608 - names from model meta
        for start in range(0, len(rows), BATCH_SIZE):
            batch = rows[start : start + BATCH_SIZE]
            cursor.executemany(sql, batch)
            if progress is not None:
                progress(len(batch))


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_line(row: tuple[Any, ...]) -> str:
    """One line of COPY text format: tab-separated, \\N for NULL, specials escaped."""
    return (
        "\t".join(
            "\\N"
            if value is None
            else value.translate(_COPY_ESCAPES)
            if isinstance(value, str)
            else str(value)
            for value in row
        )
        + "\n"
    )


def series_refresh(
    *,
    series: Series,
    known_gaps: Sequence[KnownGap] = (),
    source: str | None = None,
    licence: str | None = None,
) -> Series:
    """Recompute a series' period range and known gaps after its imports.

    `source`/`licence` name a publisher other than SSB (e.g. IMDi's education figures)."""
    credits = {name: value for name, value in (("source", source), ("licence", licence)) if value}
    if credits:
        for name, value in credits.items():
            setattr(series, name, value)
        series.full_clean(validate_unique=False)
        Series.objects.filter(pk=series.pk).update(**credits)
    if series.flows.exists():
        years = series.flows.values_list("year", flat=True)
        bounds: list[object] = [years.order_by("year").first(), years.order_by("-year").first()]
    else:
        periods = series.observations.values_list("period", flat=True)
        bounds = [periods.order_by("period").first(), periods.order_by("-period").first()]
    series.first_period, series.last_period = (str(bound or "") for bound in bounds)
    Series.objects.filter(pk=series.pk).update(
        first_period=series.first_period, last_period=series.last_period
    )
    _gaps_update(series, _reference(), known_gaps)
    bump_data_version()
    return series


def _gaps_update(series: Series, reference: _Reference, known_gaps: Sequence[KnownGap]) -> None:
    """Detect today's municipalities missing in some period; keep documented gaps beside them."""
    id_to_number = {pk: number for number, pk in reference.ids.items()}
    present: dict[str, set[str]] = defaultdict(set)
    split_origins: dict[str, list[str]] = defaultdict(list)
    if series.flows.exists():
        pairs: Iterable[tuple[Any, int]] = (
            CommutingFlow.objects.filter(series=series)
            .order_by()
            .values_list("year", "residence_id")
            .distinct()
        )
    else:
        pairs = (
            Observation.objects.filter(series=series, municipality__isnull=False)
            .order_by()
            .values_list("period", "municipality_id")
            .distinct()
        )
    for period, municipality_id in pairs:
        number = id_to_number[municipality_id]
        present[number].add(str(period))
        if number not in reference.current:
            split_origins[str(period)].append(number)
    all_periods = sorted({p for periods in present.values() for p in periods})
    successors = reference.successors
    detected = []
    for number in sorted(present):
        if number not in reference.current:
            continue
        for period in all_periods:
            if period in present[number]:
                continue
            holders = [
                origin
                for origin in split_origins.get(period, [])
                if number in {s for s, _kind in successors.get(origin, [])}
            ]
            name = reference.names.get(number, "")
            if holders:
                note = (
                    f"Ingen egne tall for {number} {name} i {period}: tallene står på "
                    + ", ".join(f"{o} {reference.names.get(o, '')}" for o in holders)
                    + " (delt kommune, ikke fordelt)."
                )
            else:
                note = f"Ingen tall for {number} {name} i {period}."
            detected.append(
                {"period": period, "municipality": number, "note": note, "origin": "detected"}
            )
    documented = [gap for gap in series.known_gaps if gap.get("origin") == "documented"]
    for gap in known_gaps:
        documented = [
            g
            for g in documented
            if (g["period"], g["municipality"]) != (gap.period, gap.municipality)
        ]
        documented.append(
            {
                "period": gap.period,
                "municipality": gap.municipality,
                "note": gap.note,
                "origin": "documented",
            }
        )
    series.known_gaps = (
        sorted(documented, key=lambda g: (g["period"], g["municipality"])) + detected
    )
    Series.objects.filter(pk=series.pk).update(known_gaps=series.known_gaps)
