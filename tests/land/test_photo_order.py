"""Reordering a site's photos: one place up or down, conflict-safe on the order seen, audited."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from samspill.accounts.models import User
from samspill.audit.models import AuditEntry
from samspill.core.exceptions import ConflictError, PermissionDeniedError
from samspill.land.models import Site, SitePhoto
from samspill.land.services import site_photo_add, site_photo_delete, site_photo_move
from tests.knowledge import files
from tests.land.factories import make_site

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings: pytest.FixtureRequest, tmp_path: Path) -> Path:
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = str(root)  # type: ignore[attr-defined]
    return root


def _three(site: Site, actor: User) -> list[SitePhoto]:
    return [
        site_photo_add(
            actor=actor, site=site, name=f"{alt}.png", data=files.png_bytes(), alt_text=alt
        )
        for alt in ("Første", "Andre", "Tredje")
    ]


def _order(site: Site) -> list[str]:
    return [photo.alt_text for photo in site.photos.all()]


def test_moving_up_and_down_swaps_with_the_neighbour_and_is_audited(
    stjordal_developer: User,
) -> None:
    site = make_site("5035")
    first, second, third = _three(site, stjordal_developer)
    seen = [first.pk, second.pk, third.pk]

    site_photo_move(actor=stjordal_developer, photo=third, direction="up", seen_order=seen)

    assert _order(site) == ["Første", "Tredje", "Andre"]
    site_photo_move(
        actor=stjordal_developer,
        photo=first,
        direction="down",
        seen_order=[first.pk, third.pk, second.pk],
    )
    assert _order(site) == ["Tredje", "Første", "Andre"]
    entry = AuditEntry.objects.filter(
        object_pk=str(site.pk), changes__has_key="photo_order"
    ).first()
    assert entry is not None
    assert entry.changes["photo_order"] == [
        "1. Første; 2. Tredje; 3. Andre",
        "1. Tredje; 2. Første; 3. Andre",
    ]


def test_a_move_on_an_order_someone_else_changed_is_a_conflict_and_moves_nothing(
    stjordal_developer: User,
) -> None:
    site = make_site("5035")
    first, second, third = _three(site, stjordal_developer)
    seen = [first.pk, second.pk, third.pk]
    site_photo_move(actor=stjordal_developer, photo=second, direction="up", seen_order=seen)

    with pytest.raises(ConflictError):
        site_photo_move(actor=stjordal_developer, photo=third, direction="up", seen_order=seen)

    assert _order(site) == ["Andre", "Første", "Tredje"]


def test_a_photo_added_or_removed_meanwhile_is_a_conflict(stjordal_developer: User) -> None:
    site = make_site("5035")
    first, second, third = _three(site, stjordal_developer)
    seen = [first.pk, second.pk, third.pk]
    site_photo_delete(actor=stjordal_developer, photo=second)

    with pytest.raises(ConflictError):
        site_photo_move(actor=stjordal_developer, photo=third, direction="up", seen_order=seen)
    with pytest.raises(ConflictError):
        site_photo_move(actor=stjordal_developer, photo=second, direction="up", seen_order=seen)


def test_the_first_cannot_go_up_nor_the_last_down(stjordal_developer: User) -> None:
    site = make_site("5035")
    first, second, third = _three(site, stjordal_developer)
    seen = [first.pk, second.pk, third.pk]

    with pytest.raises(ValidationError):
        site_photo_move(actor=stjordal_developer, photo=first, direction="up", seen_order=seen)
    with pytest.raises(ValidationError):
        site_photo_move(actor=stjordal_developer, photo=third, direction="down", seen_order=seen)
    with pytest.raises(ValidationError):
        site_photo_move(
            actor=stjordal_developer, photo=second, direction="sideways", seen_order=seen
        )
    assert _order(site) == ["Første", "Andre", "Tredje"]


def test_only_the_sites_editors_reorder(stjordal_developer: User, malvik_developer: User) -> None:
    site = make_site("5035")
    first, second, third = _three(site, stjordal_developer)

    with pytest.raises(PermissionDeniedError):
        site_photo_move(
            actor=malvik_developer,
            photo=second,
            direction="up",
            seen_order=[first.pk, second.pk, third.pk],
        )
    assert _order(site) == ["Første", "Andre", "Tredje"]


def test_a_new_photo_goes_last_after_a_removal(stjordal_developer: User) -> None:
    site = make_site("5035")
    first, second, third = _three(site, stjordal_developer)
    site_photo_move(
        actor=stjordal_developer,
        photo=third,
        direction="up",
        seen_order=[first.pk, second.pk, third.pk],
    )
    site_photo_delete(actor=stjordal_developer, photo=first)

    site_photo_add(
        actor=stjordal_developer, site=site, name="f.png", data=files.png_bytes(), alt_text="Fjerde"
    )

    assert _order(site) == ["Tredje", "Andre", "Fjerde"]


def test_the_page_has_move_buttons_that_post_the_order_seen(
    client: Client, stjordal_developer: User, malvik_developer: User
) -> None:
    site = make_site("5035")
    first, second, third = _three(site, stjordal_developer)
    client.force_login(stjordal_developer)

    page = client.get(site.get_absolute_url()).content.decode()

    move = f"/areal/{site.pk}/bilder/{second.pk}/flytt/"
    assert f'action="{move}"' in page
    assert f'name="order" value="{first.pk},{second.pk},{third.pk}"' in page
    assert page.count("Flytt opp") == 2  # not on the first
    assert page.count("Flytt ned") == 2  # not on the last
    assert f'id="bilde-{second.pk}"' in page
    assert "Rekkefølge på bildene" not in page

    response = client.post(
        move, {"direction": "down", "order": f"{first.pk},{second.pk},{third.pk}"}
    )

    assert response.status_code == 302
    assert response["Location"] == f"{site.get_absolute_url()}#bilde-{second.pk}"
    assert _order(site) == ["Første", "Tredje", "Andre"]
    assert "Rekkefølge på bildene" in client.get(site.get_absolute_url()).content.decode()

    stale = client.post(move, {"direction": "down", "order": f"{first.pk},{second.pk},{third.pk}"})
    assert stale.status_code == 302
    assert _order(site) == ["Første", "Tredje", "Andre"]
    followed = client.get(stale["Location"]).content.decode()
    assert "Noen andre har endret bildene" in followed

    client.force_login(malvik_developer)
    refused = client.post(move, {"direction": "up", "order": f"{first.pk},{third.pk},{second.pk}"})
    assert refused.status_code == 403
    client.logout()
    public = client.get(site.get_absolute_url()).content.decode()
    assert "Flytt opp" not in public
