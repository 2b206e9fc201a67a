"""Documents attach to a challenge through knowledge's LINK_TARGETS: a document of any owner's
region fits, another region's does not, and a draft's link is for its owners only (ADR 74)."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from samspill.challenges.models import Challenge, Stage
from samspill.knowledge import services as knowledge
from samspill.knowledge.models import Visibility
from samspill.knowledge.selectors import document_links, documents_for_object
from samspill.regions.models import Region
from tests.accounts.factories import UserFactory
from tests.challenges.factories import NOTODDEN, ChallengeFactory, developer

pytestmark = pytest.mark.django_db


def test_a_document_of_an_owners_region_attaches_and_shows_on_the_public_page(
    client: Client,
) -> None:
    challenge = ChallengeFactory.create(owners=[NOTODDEN], stage=Stage.DIALOGUE)
    owner = developer(NOTODDEN)
    notodden_region = Region.objects.get(slug="notodden-byregion")
    document = knowledge.document_create(
        actor=owner,
        region=notodden_region,
        title="Lekkasjekart for Notodden",
        body_markdown="Kart",
        visibility=Visibility.PUBLIC,
    )
    elsewhere = knowledge.document_create(
        actor=None,
        region=Region.objects.get(slug="sor-troms"),
        title="Notat fra Sør-Troms",
        body_markdown="x",
        visibility=Visibility.PUBLIC,
    )

    assert knowledge.document_link_add(actor=owner, document=document, obj=challenge)
    with pytest.raises(ValidationError):
        knowledge.document_link_add(actor=None, document=elsewhere, obj=challenge)

    page = client.get(challenge.get_absolute_url()).content.decode()
    assert "Lekkasjekart for Notodden" in page
    assert list(documents_for_object(user=UserFactory.create(), obj=challenge)) == [document]


def test_the_link_to_a_draft_challenge_is_hidden_from_those_who_cannot_open_it() -> None:
    challenge = ChallengeFactory.create(owners=[NOTODDEN], stage=Stage.DRAFT, title="Utkast X")
    owner = developer(NOTODDEN)
    document = knowledge.document_create(
        actor=owner,
        region=Region.objects.get(slug="notodden-byregion"),
        title="Offentlig notat",
        body_markdown="x",
        visibility=Visibility.PUBLIC,
    )
    knowledge.document_link_add(actor=owner, document=document, obj=challenge)

    assert [link.title for link in document_links(user=owner, document=document)] == ["Utkast X"]
    assert document_links(user=UserFactory.create(), document=document) == []
    Challenge.objects.filter(pk=challenge.pk).update(stage=Stage.DIALOGUE)
    assert len(document_links(user=UserFactory.create(), document=document)) == 1
