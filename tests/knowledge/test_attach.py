"""Attaching an existing document from an object's page: who may, and never wider than allowed."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from samspill.accounts.models import User
from samspill.audit.models import AuditEntry
from samspill.core.exceptions import PermissionDeniedError
from samspill.knowledge import services
from samspill.knowledge.models import Document, Visibility
from samspill.knowledge.selectors import attachable_documents, documents_for_object
from samspill.regions.models import Region
from samspill.strategy.models import Strategy
from tests.strategy.factories import StrategyFactory

pytestmark = pytest.mark.django_db


def _memo(actor: User, title: str, visibility: str = Visibility.REGION) -> Document:
    return services.document_create(
        actor=actor,
        region=Region.objects.get(slug="sor-troms"),
        title=title,
        body_markdown="Tekst",
        visibility=visibility,
    )


@pytest.fixture
def strategy() -> Strategy:
    return StrategyFactory.create(region=Region.objects.get(slug="sor-troms"))


def test_attach_from_the_objects_page(coordinator: User, strategy: Strategy) -> None:
    memo = _memo(coordinator, "Workshopnotat")
    public = _memo(coordinator, "Offentlig rapport", Visibility.PUBLIC)
    # A strategy is internal to the region: a public document cannot belong to it.
    assert list(attachable_documents(user=coordinator, obj=strategy)) == [memo]
    client = Client()
    client.force_login(coordinator)
    page = client.get(strategy.get_absolute_url()).content.decode()
    assert "Koble et eksisterende dokument hit" in page
    url = reverse("knowledge:document-attach", args=["strategy.strategy", strategy.pk])
    response = client.post(url, {"document": memo.pk})
    assert response["Location"] == strategy.get_absolute_url()
    assert list(documents_for_object(user=coordinator, obj=strategy)) == [memo]
    assert AuditEntry.objects.filter(object_pk=str(memo.pk), changes__has_key="links").exists()
    assert attachable_documents(user=coordinator, obj=strategy).count() == 0
    with pytest.raises(ValidationError):
        services.document_link_add(actor=coordinator, document=public, obj=strategy)


def test_only_those_who_may_edit_the_document_attach_it(
    coordinator: User, viewer: User, developer: User, outsider: User, strategy: Strategy
) -> None:
    memo = _memo(coordinator, "Koordinatorens notat")
    assert list(attachable_documents(user=viewer, obj=strategy)) == []
    assert list(attachable_documents(user=developer, obj=strategy)) == []  # not hers
    with pytest.raises(PermissionDeniedError):
        services.document_link_add(actor=viewer, document=memo, obj=strategy)
    own = _memo(developer, "Utviklerens notat")
    assert list(attachable_documents(user=developer, obj=strategy)) == [own]
    url = reverse("knowledge:document-attach", args=["strategy.strategy", strategy.pk])
    client = Client()
    client.force_login(outsider)
    assert client.post(url, {"document": memo.pk}).status_code == 404  # cannot see the strategy
    client.force_login(viewer)
    assert client.post(url, {"document": memo.pk}).status_code == 403
    assert (
        client.post(reverse("knowledge:document-attach", args=["accounts.user", 1])).status_code
        == 404
    )
