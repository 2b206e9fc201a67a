"""The site search finds a published project for everyone, an unpublished one only for its people."""

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from samspill.collaboration import services
from samspill.collaboration.models import Project
from samspill.collaboration.selectors import project_get_for
from samspill.search.selectors import search_for
from tests.collaboration.conftest import People

pytestmark = pytest.mark.django_db


def _titles(user: Any, query: str = "næringsvennlig") -> set[str]:
    hits = search_for(user=user, query=query).hits
    return {hit.entry.title for hit in hits if hit.entry.kind == "collaboration"}


def test_an_unpublished_project_is_found_by_its_people_only(
    project: Project, people: People, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        services.role_add(
            actor=None, project=project, kind="group", name="Ny", user=people.outsider
        )

    assert _titles(people.manager) == {project.title}
    assert _titles(people.coordinator) == {project.title}
    assert _titles(people.outsider) == {project.title}  # now in the project group
    assert _titles(AnonymousUser()) == set()
    assert _titles(people.viewer) == set()  # the region's viewer may not open it (404)
    with pytest.raises(Http404):  # the page agrees with the search
        project_get_for(user=people.viewer, pk=project.pk)


def test_publishing_makes_it_public_and_the_purpose_is_searchable(
    project: Project, people: People, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        services.project_update(
            actor=people.coordinator,
            project=project,
            expected_version=project.version,
            is_published=True,
            purpose="Felles vertskap for nye bedrifter i regionen",
        )

    assert _titles(AnonymousUser()) == {project.title}
    assert _titles(AnonymousUser(), "vertskapet") == {project.title}  # stemmed
