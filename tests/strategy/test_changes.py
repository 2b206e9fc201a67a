"""What changed since the last report: pure diff of two snapshots."""

from samspill.strategy.changes import snapshot_changes


def _measure(title: str, status: str, municipality: str = "Trondheim") -> dict[str, str]:
    return {"title": title, "municipality": municipality, "status": status, "status_label": status}


def _indicator(value: float | None, status: str) -> dict[str, object]:
    return {
        "name": "Teknologiselskap",
        "unit": "selskap",
        "value": value,
        "status": status,
        "status_label": status,
    }


def test_new_removed_and_status_changed_measures_are_listed() -> None:
    previous = {
        "measures": {"1": _measure("Jobbmesse", "planned"), "2": _measure("Gammelt", "ongoing")}
    }
    current = {
        "measures": {
            "1": _measure("Jobbmesse", "ongoing"),
            "3": _measure("Næringsarealer", "planned", "Stjørdal"),
        }
    }

    changes = snapshot_changes(previous, current)

    assert [m["title"] for m in changes.new_measures] == ["Næringsarealer"]
    assert [m["title"] for m in changes.removed_measures] == ["Gammelt"]
    assert [(c.title, c.before, c.after) for c in changes.status_changes] == [
        ("Jobbmesse", "planned", "ongoing")
    ]


def test_indicator_movements_have_the_change_in_value() -> None:
    previous = {"indicators": {"7": _indicator(850.0, "at_risk")}}
    current = {"indicators": {"7": _indicator(900.0, "on_track"), "8": _indicator(None, "no_data")}}

    changes = snapshot_changes(previous, current)

    moved = {m.key: m for m in changes.indicator_movements}
    assert moved["7"].change == 50.0
    assert (moved["7"].status_before, moved["7"].status_after) == ("at_risk", "on_track")
    assert moved["8"].change is None


def test_an_unchanged_strategy_has_no_changes() -> None:
    snapshot = {
        "measures": {"1": _measure("Jobbmesse", "planned")},
        "indicators": {"7": _indicator(1.0, "on_track")},
    }

    assert snapshot_changes(snapshot, snapshot).is_empty


def test_without_a_previous_report_everything_is_new() -> None:
    changes = snapshot_changes(None, {"measures": {"1": _measure("Jobbmesse", "planned")}})

    assert len(changes.new_measures) == 1
    assert not changes.status_changes


def test_a_value_dated_before_the_last_report_but_imported_after_it_is_no_change() -> None:
    """Statistics arrive months after the date they describe: the last report said "no data" only
    because the import came later. That is not "off track since the last report"."""
    previous = {"as_of": "2026-08-05", "indicators": {"7": _indicator(None, "no_data")}}
    current = {
        "as_of": "2026-12-03",
        "indicators": {"7": _indicator(91.56, "off_track") | {"date": "2022-12-31"}},
    }

    assert snapshot_changes(previous, current).is_empty


def test_a_first_value_dated_after_the_last_report_is_a_change() -> None:
    previous = {"as_of": "2026-08-05", "indicators": {"7": _indicator(None, "no_data")}}
    current = {"indicators": {"7": _indicator(985.0, "on_track") | {"date": "2026-09-01"}}}

    [moved] = snapshot_changes(previous, current).indicator_movements

    assert (moved.value_before, moved.value_after) == (None, 985.0)


def test_a_new_indicator_is_listed_with_no_status_before() -> None:
    current = {"indicators": {"8": _indicator(12.0, "on_track") | {"date": "2026-09-01"}}}

    [moved] = snapshot_changes({"as_of": "2026-08-05"}, current).indicator_movements

    assert moved.status_before == ""
