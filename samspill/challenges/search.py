"""Public challenges as the search index sees them (drafts are never indexed)."""

from collections.abc import Iterator

from samspill.challenges.models import Challenge, Stage
from samspill.search.documents import SearchDocument
from samspill.search.models import Audience, Kind


def challenge_document(challenge: Challenge) -> SearchDocument:
    body = "\n".join(
        [challenge.problem, challenge.affected, challenge.good_result, challenge.measurement]
    )
    return SearchDocument(
        kind=Kind.CHALLENGE,
        object_id=challenge.pk,
        title=challenge.title,
        body=body,
        tags=(challenge.get_area_display(), challenge.get_stage_display()),
        date=challenge.created_at.date(),
        url_name="challenges:challenge-detail",
        url_args=(challenge.pk,),
        audience=Audience.PUBLIC,
        municipality_ids=tuple(challenge.owners.values_list("municipality_id", flat=True)),
        is_example=challenge.is_example,
    )


def challenge_documents() -> Iterator[SearchDocument]:
    for challenge in Challenge.objects.exclude(stage=Stage.DRAFT).iterator(chunk_size=200):
        yield challenge_document(challenge)
