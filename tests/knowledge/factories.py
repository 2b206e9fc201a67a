"""Factories for documents, versions and decisions (Sør-Troms by default)."""

# mypy: disable-error-code="no-untyped-call,attr-defined,untyped-decorator"

import datetime

import factory

from samspill.knowledge.models import (
    Decision,
    DecisionBody,
    Document,
    DocumentGroup,
    DocumentVersion,
    Visibility,
)
from samspill.regions.models import Region


class DocumentGroupFactory(factory.django.DjangoModelFactory[DocumentGroup]):
    class Meta:
        model = DocumentGroup
        skip_postgeneration_save = True

    region = factory.LazyFunction(lambda: Region.objects.get(slug="sor-troms"))
    name = factory.Sequence(lambda n: f"Styringsgruppe {n}")


class DocumentFactory(factory.django.DjangoModelFactory[Document]):
    class Meta:
        model = Document
        skip_postgeneration_save = True

    region = factory.LazyFunction(lambda: Region.objects.get(slug="sor-troms"))
    title = factory.Sequence(lambda n: f"Notat fra verksted {n}")
    visibility = Visibility.REGION
    date = datetime.date(2025, 3, 1)


class DocumentVersionFactory(factory.django.DjangoModelFactory[DocumentVersion]):
    class Meta:
        model = DocumentVersion

    document = factory.SubFactory(DocumentFactory)
    number = factory.Sequence(lambda n: n + 1)
    body_markdown = "# Oppsummering\n\nNæringsarealer i Bardu."


class DecisionFactory(factory.django.DjangoModelFactory[Decision]):
    class Meta:
        model = Decision
        skip_postgeneration_save = True

    region = factory.LazyFunction(lambda: Region.objects.get(slug="sor-troms"))
    body = DecisionBody.STEERING_GROUP
    date = datetime.date(2025, 5, 1)
    case_number = factory.Sequence(lambda n: f"25/{n}")
    title = factory.Sequence(lambda n: f"Sak {n}")
    text = "Styringsgruppen godkjenner planen."
