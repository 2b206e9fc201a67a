"""Pages: status codes, permissions, htmx partials, errors next to fields, exports."""

import datetime
import io
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from samspill.accounts.models import User
from samspill.regions.models import Municipality
from samspill.strategy.models import GoalIndicator, IndicatorReading, Measure, StrategyReport
from tests.strategy.conftest import user_with
from tests.strategy.factories import (
    ActionPlanFactory,
    GoalFactory,
    GoalIndicatorFactory,
    IndicatorReadingFactory,
    MeasureFactory,
    ProgressNoteFactory,
    ReportingPeriodFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def scenario() -> dict[str, object]:
    goal = GoalFactory.create(title="1000 teknologiselskap med 20 000 ansatte i 2025")
    strategy = goal.focus_area.strategy
    indicator = GoalIndicatorFactory.create(goal=goal, name="Teknologiselskap")
    IndicatorReadingFactory.create(
        indicator=indicator, date=datetime.date(2023, 1, 1), value=Decimal(880)
    )
    plan = ActionPlanFactory.create(strategy=strategy)
    measure = MeasureFactory.create(
        action_plan=plan, title="Rekruttering av ingeniører", goals=[goal]
    )
    ProgressNoteFactory.create(measure=measure)
    other = ActionPlanFactory.create(
        strategy=strategy, municipality=Municipality.objects.get(number="5035")
    )
    MeasureFactory.create(action_plan=other, title="Rekruttere ingeniørkompetanse", goals=[goal])
    period = ReportingPeriodFactory.create(strategy=strategy)
    return {
        "strategy": strategy,
        "goal": goal,
        "indicator": indicator,
        "plan": plan,
        "measure": measure,
        "period": period,
    }


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_every_page_renders_for_the_coordinator(scenario, django_assert_max_num_queries) -> None:
    client = _client(user_with("coordinator"))
    strategy, plan = scenario["strategy"], scenario["plan"]
    urls = [
        reverse("strategy:strategy-list"),
        reverse("strategy:strategy-detail", args=[strategy.pk]),
        reverse("strategy:strategy-edit", args=[strategy.pk]),
        reverse("strategy:focus-area-create", args=[strategy.pk]),
        reverse("strategy:goal-create", args=[strategy.pk]),
        reverse("strategy:goal-detail", args=[scenario["goal"].pk]),
        reverse("strategy:goal-edit", args=[scenario["goal"].pk]),
        reverse("strategy:indicator-create", args=[scenario["goal"].pk]),
        reverse("strategy:indicator-detail", args=[scenario["indicator"].pk]),
        reverse("strategy:indicator-edit", args=[scenario["indicator"].pk]),
        reverse("strategy:plan-create", args=[strategy.pk]),
        reverse("strategy:plan-detail", args=[plan.pk]),
        reverse("strategy:plan-edit", args=[plan.pk]),
        reverse("strategy:measure-create", args=[plan.pk]),
        reverse("strategy:measure-detail", args=[scenario["measure"].pk]),
        reverse("strategy:measure-edit", args=[scenario["measure"].pk]),
        reverse("strategy:reporting", args=[strategy.pk]),
        reverse("strategy:reporting-period-create", args=[strategy.pk]),
        reverse("strategy:report-current", args=[strategy.pk]),
        reverse("strategy:synergies", args=[strategy.pk]),
    ]

    for url in urls:
        with django_assert_max_num_queries(40):
            response = client.get(url)
        assert response.status_code == 200, url


@pytest.mark.parametrize(
    ("period", "status"), [("²", 200), ("abc", 200), ("99999999999999999999", 404)]
)
def test_a_bad_reporting_period_in_the_query_is_the_first_period_or_404(
    scenario, period: str, status: int
) -> None:
    # "²" is a digit to str.isdigit() but not a number to int(): it gave 500.
    url = reverse("strategy:reporting", args=[scenario["strategy"].pk])

    response = _client(user_with("coordinator")).get(url, {"periode": period})

    assert response.status_code == status


def test_the_strategy_page_shows_status_and_goals_without_measures(scenario) -> None:
    GoalFactory.create(
        focus_area=scenario["goal"].focus_area, title="Internasjonalt anerkjent matregion"
    )

    response = _client(user_with("viewer")).get(
        reverse("strategy:strategy-detail", args=[scenario["strategy"].pk])
    )

    content = response.content.decode()
    assert "Internasjonalt anerkjent matregion" in content
    assert "Ingen tiltak" in content
    assert "Teknologiselskap" in content


def test_anonymous_users_are_sent_to_login(scenario) -> None:
    response = Client().get(reverse("strategy:strategy-detail", args=[scenario["strategy"].pk]))

    assert response.status_code == 302
    assert "logg-inn" in response["Location"]


def test_a_user_outside_the_region_gets_404(scenario) -> None:
    client = _client(user_with("bardu_developer"))

    assert (
        client.get(reverse("strategy:strategy-detail", args=[scenario["strategy"].pk])).status_code
        == 404
    )
    assert (
        client.get(reverse("strategy:plan-detail", args=[scenario["plan"].pk])).status_code == 404
    )


@pytest.mark.parametrize(
    ("role", "status"), [("viewer", 403), ("stjordal_developer", 403), ("trondheim_developer", 200)]
)
def test_only_the_municipalitys_people_open_the_new_measure_form(
    scenario, role: str, status: int
) -> None:
    response = _client(user_with(role)).get(
        reverse("strategy:measure-create", args=[scenario["plan"].pk])
    )

    assert response.status_code == status


@pytest.mark.parametrize(
    ("role", "status"), [("viewer", 403), ("trondheim_developer", 403), ("coordinator", 302)]
)
def test_only_coordinators_add_goals(scenario, role: str, status: int) -> None:
    response = _client(user_with(role)).post(
        reverse("strategy:goal-create", args=[scenario["strategy"].pk]),
        {"focus_area": scenario["goal"].focus_area.pk, "title": "Nordens beste studieby"},
    )

    assert response.status_code == status


def test_a_measure_without_goal_and_with_a_deadline_before_start_keeps_the_input_and_explains(
    scenario,
) -> None:
    client = _client(user_with("trondheim_developer"))

    response = client.post(
        reverse("strategy:measure-create", args=[scenario["plan"].pk]),
        {
            "title": "Jobbmesse for elever",
            "start_date": "2025-06-01",
            "deadline": "2025-01-01",
            "status": "planned",
            "role": "local",
        },
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_deadline_error"' in content
    assert "Fristen kan ikke være før start." in content
    assert 'value="Jobbmesse for elever"' in content


def test_ids_beyond_the_database_s_integers_are_invalid_choices_not_500(scenario) -> None:
    too_big = "99999999999999999999"

    response = _client(user_with("trondheim_developer")).post(
        reverse("strategy:measure-create", args=[scenario["plan"].pk]),
        {
            "title": "Jobbmesse",
            "goals": [scenario["goal"].pk, too_big],
            "partner_municipalities": [too_big],
            "start_date": "2025-01-01",
            "deadline": "2025-06-01",
            "status": "planned",
            "role": "local",
        },
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_goals_error"' in content
    assert 'id="id_partner_municipalities_error"' in content
    assert 'value="Jobbmesse"' in content


def test_a_measure_without_goal_gets_the_message_next_to_the_goals(scenario) -> None:
    response = _client(user_with("trondheim_developer")).post(
        reverse("strategy:measure-create", args=[scenario["plan"].pk]),
        {
            "title": "Jobbmesse",
            "start_date": "2025-01-01",
            "deadline": "2025-06-01",
            "status": "planned",
            "role": "local",
        },
    )

    content = response.content.decode()
    assert 'id="id_goals_error"' in content
    assert "Knytt tiltaket til minst ett mål i strategien." in content


def test_a_target_in_another_unit_gets_the_message_next_to_the_target(scenario) -> None:
    response = _client(user_with("coordinator")).post(
        reverse("strategy:indicator-create", args=[scenario["goal"].pk]),
        {
            "name": "Ansatte i teknologiselskap",
            "unit": "ansatte",
            "direction": "up",
            "baseline": "15 000 ansatte",
            "baseline_date": "2022-01-01",
            "target": "25 %",
            "target_date": "2025-12-31",
        },
    )

    content = response.content.decode()
    assert 'id="id_target_error"' in content
    assert "«25 %»" not in content  # the message names the unit, not the whole input
    assert "Verdien er oppgitt i «%», men indikatoren måles i «ansatte»." in content
    assert not GoalIndicator.objects.filter(name="Ansatte i teknologiselskap").exists()


def test_the_coordinator_creates_an_indicator_typed_with_its_unit(scenario) -> None:
    response = _client(user_with("coordinator")).post(
        reverse("strategy:indicator-create", args=[scenario["goal"].pk]),
        {
            "name": "Ansatte i teknologiselskap",
            "unit": "ansatte",
            "direction": "up",
            "baseline": "15 000 ansatte",
            "baseline_date": "2022-01-01",
            "target": "20 000",
            "target_date": "2025-12-31",
        },
    )

    assert response.status_code == 302
    indicator = GoalIndicator.objects.get(name="Ansatte i teknologiselskap")
    assert (indicator.baseline_value, indicator.target_value) == (Decimal(15000), Decimal(20000))


def test_reporting_a_reading_with_htmx_returns_the_readings_partial(scenario) -> None:
    indicator = scenario["indicator"]

    response = _client(user_with("coordinator")).post(
        reverse("strategy:indicator-detail", args=[indicator.pk]),
        {"date": "2024-01-01", "value": "950", "note": "Tall fra klyngene"},
        headers={"HX-Request": "true"},
    )

    content = response.content.decode()
    assert content.lstrip().startswith('<section id="readings"')
    assert "<html" not in content
    assert IndicatorReading.objects.filter(
        indicator=indicator, date=datetime.date(2024, 1, 1)
    ).exists()


def test_changing_status_inline_with_htmx_returns_the_status_cell(scenario) -> None:
    measure = scenario["measure"]

    response = _client(user_with("trondheim_developer")).post(
        reverse("strategy:measure-status", args=[measure.pk]),
        {"status": "ongoing"},
        headers={"HX-Request": "true"},
    )

    assert "<html" not in response.content.decode()
    assert "Lagret" in response.content.decode()
    measure.refresh_from_db()
    assert measure.status == Measure.Status.ONGOING


def test_changing_status_without_htmx_returns_to_the_plan(scenario) -> None:
    measure = scenario["measure"]

    response = _client(user_with("trondheim_developer")).post(
        reverse("strategy:measure-status", args=[measure.pk]), {"status": "done"}
    )

    assert response.status_code == 302
    assert response["Location"] == scenario["plan"].get_absolute_url()


def test_another_municipalitys_developer_cannot_change_the_status(scenario) -> None:
    measure = scenario["measure"]

    response = _client(user_with("stjordal_developer")).post(
        reverse("strategy:measure-status", args=[measure.pk]), {"status": "done"}
    )

    assert response.status_code == 403
    measure.refresh_from_db()
    assert measure.status == Measure.Status.PLANNED


def test_a_progress_note_with_htmx_returns_the_progress_partial(scenario) -> None:
    measure = scenario["measure"]

    response = _client(user_with("trondheim_developer")).post(
        reverse("strategy:measure-detail", args=[measure.pk]),
        {"date": "2025-04-01", "text": "Avtale med NTNU signert.", "status": "ongoing"},
        headers={"HX-Request": "true"},
    )

    content = response.content.decode()
    assert content.lstrip().startswith('<section id="progress"')
    assert "Avtale med NTNU signert." in content
    measure.refresh_from_db()
    assert measure.status == Measure.Status.ONGOING


def test_saving_a_report_and_then_changing_a_measure_shows_the_change(scenario) -> None:
    client = _client(user_with("coordinator"))
    strategy = scenario["strategy"]
    client.post(
        reverse("strategy:report-current", args=[strategy.pk]),
        {"title": "Status vår 2025", "as_of": "2025-05-01"},
    )
    report = StrategyReport.objects.get(strategy=strategy)
    measure = scenario["measure"]
    measure.status = Measure.Status.DONE
    measure.save()

    response = client.get(reverse("strategy:report-current", args=[strategy.pk]))

    content = response.content.decode()
    assert "Status vår 2025" in content
    assert f"{measure.title} (" in content
    assert "planlagt → gjennomført" in content
    assert client.get(report.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("name", ["report-current-pdf"])
def test_the_report_pdf_is_a_pdf(scenario, name: str) -> None:
    response = _client(user_with("viewer")).get(
        reverse(f"strategy:{name}", args=[scenario["strategy"].pk])
    )

    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_plan_exports_in_three_formats(scenario) -> None:
    client = _client(user_with("viewer"))
    plan = scenario["plan"]

    csv_response = client.get(reverse("strategy:plan-export", args=[plan.pk, "csv"]))
    xlsx_response = client.get(reverse("strategy:plan-export", args=[plan.pk, "xlsx"]))
    pdf_response = client.get(reverse("strategy:plan-export", args=[plan.pk, "pdf"]))
    unknown = client.get(reverse("strategy:plan-export", args=[plan.pk, "doc"]))

    assert "Rekruttering av ingeniører" in csv_response.content.decode("utf-8-sig")
    sheet = load_workbook(io.BytesIO(xlsx_response.content)).active
    assert sheet is not None
    assert sheet["B2"].value == "Rekruttering av ingeniører"
    assert pdf_response.content.startswith(b"%PDF")
    assert unknown.status_code == 404


def test_synergies_page_lists_the_similar_measures(scenario) -> None:
    response = _client(user_with("coordinator")).get(
        reverse("strategy:synergies", args=[scenario["strategy"].pk])
    )

    content = response.content.decode()
    assert "Rekruttering av ingeniører" in content
    assert "Rekruttere ingeniørkompetanse" in content


@pytest.fixture
def large_strategy():
    """Three plans with 100 measures each, three goals with indicators, notes and a period."""
    goals = [GoalFactory.create() for _ in range(3)]
    strategy = goals[0].focus_area.strategy
    for goal in goals[1:]:
        goal.focus_area.strategy = strategy
        goal.focus_area.save()
    for goal in goals:
        IndicatorReadingFactory.create(indicator=GoalIndicatorFactory.create(goal=goal))
    plans = [
        ActionPlanFactory.create(
            strategy=strategy, municipality=Municipality.objects.get(number=number)
        )
        for number in ("5001", "5035", "5031")
    ]
    for i in range(300):
        measure = MeasureFactory.create(
            action_plan=plans[i % 3],
            title=f"Tiltak nummer {i} om tema {i % 7}",
            goals=goals[: 1 + i % 3],
        )
        if i % 4 == 0:
            ProgressNoteFactory.create(measure=measure)
    ReportingPeriodFactory.create(strategy=strategy)
    return strategy, plans[0]


@pytest.mark.parametrize(
    ("name", "limit"),
    [
        # 30 + idle-session renewal + documents panel (3) + unread count + attachable documents
        ("strategy-detail", 37),
        ("plan-detail", 20),
        ("reporting", 20),
        ("report-current", 25),
        ("synergies", 20),
        ("plan-export-xlsx", 20),
    ],
)
def test_pages_stay_within_a_fixed_number_of_queries_with_hundreds_of_measures(
    large_strategy, django_assert_max_num_queries, name: str, limit: int
) -> None:
    strategy, plan = large_strategy
    client = _client(user_with("coordinator"))
    url = {
        "strategy-detail": reverse("strategy:strategy-detail", args=[strategy.pk]),
        "plan-detail": reverse("strategy:plan-detail", args=[plan.pk]),
        "reporting": reverse("strategy:reporting", args=[strategy.pk]),
        "report-current": reverse("strategy:report-current", args=[strategy.pk]),
        "synergies": reverse("strategy:synergies", args=[strategy.pk]),
        "plan-export-xlsx": reverse("strategy:plan-export", args=[plan.pk, "xlsx"]),
    }[name]

    with django_assert_max_num_queries(limit):
        response = client.get(url)

    assert response.status_code == 200


def test_the_developer_renames_the_plan_but_cannot_move_it_to_another_municipality(
    scenario,
) -> None:
    plan = scenario["plan"]

    response = _client(user_with("trondheim_developer")).post(
        reverse("strategy:plan-edit", args=[plan.pk]),
        {
            "municipality": Municipality.objects.get(number="5035").pk,
            "title": "Ny tittel",
            "period_start": 2025,
            "period_end": 2027,
            "version": 1,
        },
    )

    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.title, plan.municipality.number, plan.period_end) == ("Ny tittel", "5001", 2027)


def test_the_indicator_page_has_a_chart_with_the_path_and_the_readings(scenario) -> None:
    response = _client(user_with("viewer")).get(
        reverse("strategy:indicator-detail", args=[scenario["indicator"].pk])
    )

    content = response.content.decode()
    assert 'data-chart="indicator-chart"' in content
    assert "Jevn vei mot m" in content
    assert "Rapporter en ny verdi" not in content  # viewers read only


@pytest.mark.parametrize(
    ("role", "status"),
    [("coordinator", 302), ("trondheim_developer", 403), ("other_coordinator", 403)],
)
def test_only_the_regions_coordinator_writes_a_new_strategy(role: str, status: int) -> None:
    response = _client(user_with(role)).post(
        reverse("strategy:strategy-create", args=["trondheimsregionen"]),
        {"title": "Strategisk næringsplan", "period_start": 2026, "period_end": 2025},
    )

    if status == 302:  # first the period error next to the field, then the fix
        assert "Sluttåret kan ikke være før startåret." in response.content.decode()
        response = _client(user_with(role)).post(
            reverse("strategy:strategy-create", args=["trondheimsregionen"]),
            {"title": "Strategisk næringsplan", "period_start": 2026, "period_end": 2030},
        )
    assert response.status_code == status


def test_the_coordinator_edits_an_indicator_and_the_strategy(scenario) -> None:
    client = _client(user_with("coordinator"))
    indicator = scenario["indicator"]

    response = client.post(
        reverse("strategy:indicator-edit", args=[indicator.pk]),
        {
            "name": "Tekno-selskap",
            "unit": "selskap",
            "direction": "up",
            "baseline": "800",
            "baseline_date": "2022-01-01",
            "target": "1 100 selskap",
            "target_date": "2027-12-31",
            "version": 1,
        },
    )
    client.post(
        reverse("strategy:strategy-edit", args=[scenario["strategy"].pk]),
        {
            "title": "Verdiskapingsstrategien",
            "vision": "Bo, jobbe og studere",
            "period_start": 2022,
            "period_end": 2030,
            "version": 1,
        },
    )

    assert response.status_code == 302
    indicator.refresh_from_db()
    assert (indicator.name, indicator.target_value) == ("Tekno-selskap", Decimal(1100))
    scenario["strategy"].refresh_from_db()
    assert scenario["strategy"].title == "Verdiskapingsstrategien"


def test_the_developer_edits_a_measure(scenario) -> None:
    measure = scenario["measure"]

    response = _client(user_with("trondheim_developer")).post(
        reverse("strategy:measure-edit", args=[measure.pk]),
        {
            "title": "Rekruttering av ingeniører og teknologer",
            "goals": [scenario["goal"].pk],
            "start_date": "2024-01-01",
            "deadline": "2026-12-31",
            "budget": "500000",
            "status": "ongoing",
            "role": "regional",
            "partner_municipalities": [Municipality.objects.get(number="5035").pk],
            "version": 1,
        },
    )

    assert response.status_code == 302
    measure.refresh_from_db()
    assert (measure.title, measure.role, measure.budget) == (
        "Rekruttering av ingeniører og teknologer",
        "regional",
        Decimal(500000),
    )


def test_a_saved_report_pdf_lists_the_changes_since_the_one_before(scenario) -> None:
    client = _client(user_with("coordinator"))
    strategy = scenario["strategy"]
    client.post(
        reverse("strategy:report-current", args=[strategy.pk]),
        {"title": "Vår", "as_of": "2025-05-01"},
    )
    measure = scenario["measure"]
    measure.status = Measure.Status.STOPPED
    measure.save()
    client.post(
        reverse("strategy:report-current", args=[strategy.pk]),
        {"title": "Høst", "as_of": "2025-10-01"},
    )
    autumn = StrategyReport.objects.get(title="Høst")

    page = client.get(autumn.get_absolute_url()).content.decode()
    pdf = client.get(reverse("strategy:report-pdf", args=[autumn.pk]))

    assert "planlagt → stanset" in page
    assert "«Vår»" in page
    assert pdf.content.startswith(b"%PDF")


def test_the_list_offers_a_new_strategy_only_for_coordinated_regions() -> None:
    coordinator_page = (
        _client(user_with("coordinator")).get(reverse("strategy:strategy-list")).content.decode()
    )
    viewer_page = (
        _client(user_with("viewer")).get(reverse("strategy:strategy-list")).content.decode()
    )

    assert reverse("strategy:strategy-create", args=["trondheimsregionen"]) in coordinator_page
    assert "sor-troms" not in coordinator_page
    assert "Skriv en ny strategi" not in viewer_page


@pytest.mark.parametrize(("role", "status"), [("coordinator", 302), ("viewer", 403)])
def test_the_coordinator_refreshes_bound_indicators_from_the_page(
    scenario, role: str, status: int
) -> None:
    indicator = GoalIndicatorFactory.create(
        goal=scenario["goal"],
        unit="personer",
        baseline_value=Decimal(300000),
        target_value=Decimal(330000),
        statistic=GoalIndicator.Statistic.POPULATION,
    )

    response = _client(user_with(role)).post(
        reverse("strategy:strategy-refresh-indicators", args=[scenario["strategy"].pk])
    )

    assert response.status_code == status
    assert indicator.readings.exists() is (status == 302)


def test_the_reports_indicator_table_exports_as_csv_and_excel(scenario) -> None:
    client = _client(user_with("viewer"))
    strategy = scenario["strategy"]

    csv_text = client.get(
        reverse("strategy:report-current-export", args=[strategy.pk, "csv"])
    ).content.decode("utf-8-sig")
    workbook = load_workbook(
        io.BytesIO(
            client.get(
                reverse("strategy:report-current-export", args=[strategy.pk, "xlsx"])
            ).content
        )
    )
    unknown = client.get(reverse("strategy:report-current-export", args=[strategy.pk, "pdf"]))

    assert (
        "Teknologiselskap;selskap;800,0;2022-01-01;880,0;2023-01-01;1000,0;2025-12-31" in csv_text
    )
    sheet = workbook.active
    assert sheet is not None
    assert sheet["C2"].value == "Teknologiselskap"
    assert unknown.status_code == 404


def test_example_plans_are_marked_as_examples_in_their_exports(scenario) -> None:
    client = _client(user_with("viewer"))
    plan = scenario["plan"]
    plan.is_example = True
    plan.save(update_fields=["is_example"])

    xlsx = client.get(reverse("strategy:plan-export", args=[plan.pk, "xlsx"]))
    csv_response = client.get(reverse("strategy:plan-export", args=[plan.pk, "csv"]))

    sources: dict[Any, Any] = dict(
        load_workbook(io.BytesIO(xlsx.content))["Kilde"].iter_rows(values_only=True)
    )
    assert "ikke hentet fra en offentlig kilde" in sources["Eksempel"]
    assert 'filename="eksempel-' in csv_response["Content-Disposition"]
    assert csv_response.content.decode("utf-8-sig").splitlines()[0].startswith("Kommune;Tiltak;")
