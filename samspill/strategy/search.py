"""Strategies and measures as the search index sees them: internal to the region (a measure also to
its municipality's people), as strategy_get_for and measure_list_for decide."""

from collections.abc import Iterator

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from samspill.search.documents import SearchDocument
from samspill.search.models import Audience, Kind
from samspill.strategy.models import FocusArea, Goal, Measure, ProgressNote, Strategy


def _strategies() -> QuerySet[Strategy]:
    return Strategy.objects.prefetch_related(
        Prefetch(
            "focus_areas",
            queryset=FocusArea.objects.prefetch_related(
                Prefetch("goals", queryset=Goal.objects.order_by("position"))
            ).order_by("position"),
        )
    )


def strategy_document(strategy: Strategy) -> SearchDocument:
    parts = [strategy.vision]
    for area in strategy.focus_areas.all():
        parts += [area.name, area.description]
        for goal in area.goals.all():
            parts += [goal.title, goal.description]
    return SearchDocument(
        kind=Kind.STRATEGY,
        object_id=strategy.pk,
        title=strategy.title,
        body="\n".join(part for part in parts if part),
        # A published strategy is found by everyone and leads to its public progress page.
        url_name="strategy:public-progress"
        if strategy.is_published
        else "strategy:strategy-detail",
        url_args=(strategy.pk,),
        audience=Audience.PUBLIC if strategy.is_published else Audience.INTERNAL,
        region_id=strategy.region_id,
        is_example=strategy.is_example,
    )


def strategy_documents() -> Iterator[SearchDocument]:
    for strategy in _strategies():
        yield strategy_document(strategy)


def strategy_document_for(strategy_id: int) -> SearchDocument:
    return strategy_document(_strategies().get(pk=strategy_id))


def _measures() -> QuerySet[Measure]:
    return Measure.objects.select_related("action_plan__strategy").prefetch_related(
        "goals",
        "partner_municipalities",
        Prefetch("progress_notes", queryset=ProgressNote.objects.order_by("-date")),
    )


def measure_document(measure: Measure) -> SearchDocument:
    plan = measure.action_plan
    notes = [note.text for note in measure.progress_notes.all()]
    return SearchDocument(
        kind=Kind.MEASURE,
        object_id=measure.pk,
        title=measure.title,
        body="\n".join([measure.description, *notes]).strip(),
        tags=tuple(goal.title for goal in measure.goals.all()),
        date=timezone.localdate(measure.updated_at),
        url_name="strategy:measure-detail",
        url_args=(measure.pk,),
        audience=Audience.INTERNAL,
        region_id=plan.strategy.region_id,
        municipality_id=plan.municipality_id,
        municipality_ids=(
            plan.municipality_id,
            *(m.pk for m in measure.partner_municipalities.all()),
        ),
        is_example=plan.is_example or plan.strategy.is_example,
    )


def measure_documents() -> Iterator[SearchDocument]:
    for measure in _measures().iterator(chunk_size=500):
        yield measure_document(measure)


def measure_document_for(measure_id: int) -> SearchDocument:
    return measure_document(_measures().get(pk=measure_id))
