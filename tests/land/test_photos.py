"""Photos and documents on sites: type by content, size limit, alt text, who sees and who edits."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from samspill.accounts.models import User
from samspill.accounts.selectors import access_for
from samspill.audit.models import AuditEntry
from samspill.core.exceptions import PermissionDeniedError
from samspill.core.pdf import inline_image
from samspill.knowledge.links import link_target_for
from samspill.land.models import SitePhoto
from samspill.land.presenters import photo_data_uri
from samspill.land.services import site_photo_add, site_photo_delete
from tests.knowledge import files
from tests.land.factories import make_site

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings: pytest.FixtureRequest, tmp_path: Path) -> Path:
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = str(root)  # type: ignore[attr-defined]
    return root


def _stored(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()]


def test_an_editor_adds_a_png_with_alt_text_and_it_is_audited(
    stjordal_developer: User, media_root: Path
) -> None:
    site = make_site("5035")

    photo = site_photo_add(
        actor=stjordal_developer,
        site=site,
        name="tomta.png",
        data=files.png_bytes(),
        alt_text="  Flat  tomt sett fra E6 ",
    )

    assert photo.alt_text == "Flat tomt sett fra E6"
    assert photo.file_type == "png"
    assert len(_stored(media_root)) == 1
    assert AuditEntry.objects.filter(object_pk=str(site.pk), changes__has_key="photo").exists()


@pytest.mark.parametrize(
    ("name", "data", "alt", "field", "says"),
    [
        ("tomta.png", files.png_bytes(), "   ", "alt_text", "alternativ tekst"),
        ("notat.pdf", files.pdf_bytes(), "Notat", "file", "PNG- eller JPEG"),
        ("tomta.png", files.jpeg_bytes(), "Tomt", "file", "stemmer ikke med filnavnet"),
        ("tomta.png", b"\x89PNG\r\n\x1a\nnot really", "Tomt", "file", "skadet"),
    ],
)
def test_bad_photos_are_refused_next_to_their_field_and_nothing_is_stored(
    stjordal_developer: User,
    media_root: Path,
    name: str,
    data: bytes,
    alt: str,
    field: str,
    says: str,
) -> None:
    site = make_site("5035")

    with pytest.raises(ValidationError) as raised:
        site_photo_add(actor=stjordal_developer, site=site, name=name, data=data, alt_text=alt)

    assert says in " ".join(raised.value.message_dict[field])
    assert not SitePhoto.objects.exists()
    assert _stored(media_root) == []


def test_the_size_limit_comes_from_the_settings(
    stjordal_developer: User, settings: pytest.FixtureRequest
) -> None:
    settings.LAND_PHOTO_MAX_BYTES = 10  # type: ignore[attr-defined]
    with pytest.raises(ValidationError) as raised:
        site_photo_add(
            actor=stjordal_developer,
            site=make_site("5035"),
            name="tomta.png",
            data=files.png_bytes(),
            alt_text="Tomt",
        )
    assert "for stor" in " ".join(raised.value.message_dict["file"])


def test_only_the_sites_editors_add_or_remove_photos(
    stjordal_developer: User, malvik_developer: User
) -> None:
    site = make_site("5035")
    with pytest.raises(PermissionDeniedError):
        site_photo_add(
            actor=malvik_developer, site=site, name="a.png", data=files.png_bytes(), alt_text="A"
        )
    photo = site_photo_add(
        actor=stjordal_developer, site=site, name="a.png", data=files.png_bytes(), alt_text="A"
    )
    with pytest.raises(PermissionDeniedError):
        site_photo_delete(actor=malvik_developer, photo=photo)

    site_photo_delete(actor=stjordal_developer, photo=photo)

    assert not SitePhoto.objects.exists()


def test_photos_show_on_a_published_sites_page_and_the_upload_page_works(
    client: Client, stjordal_developer: User, malvik_developer: User
) -> None:
    site = make_site("5035", name="Værnes vest")
    client.force_login(stjordal_developer)

    response = client.post(
        f"/areal/{site.pk}/bilder/ny/",
        {
            "file": SimpleUploadedFile("v.jpg", files.jpeg_bytes(), "image/jpeg"),
            "alt_text": "Luftfoto av Værnes vest",
        },
    )

    assert response.status_code == 302
    photo = SitePhoto.objects.get()
    client.logout()
    page = client.get(site.get_absolute_url()).content.decode()
    assert 'alt="Luftfoto av Værnes vest"' in page
    image = client.get(photo.get_absolute_url())
    assert image.status_code == 200
    assert image["Content-Type"] == "image/jpeg"
    assert image["X-Content-Type-Options"] == "nosniff"
    client.force_login(malvik_developer)
    assert client.get(f"/areal/{site.pk}/bilder/ny/").status_code == 403


def test_an_unpublished_sites_photo_is_not_public(client: Client, stjordal_developer: User) -> None:
    site = make_site("5035", is_published=False)
    photo = site_photo_add(
        actor=stjordal_developer, site=site, name="a.png", data=files.png_bytes(), alt_text="A"
    )

    assert client.get(photo.get_absolute_url()).status_code == 404
    client.force_login(stjordal_developer)
    assert client.get(photo.get_absolute_url()).status_code == 200


def test_the_upload_form_asks_for_alt_text(client: Client, stjordal_developer: User) -> None:
    site = make_site("5035")
    client.force_login(stjordal_developer)

    response = client.post(
        f"/areal/{site.pk}/bilder/ny/",
        {"file": SimpleUploadedFile("v.png", files.png_bytes(), "image/png"), "alt_text": ""},
    )

    assert response.status_code == 200
    assert not SitePhoto.objects.exists()


def test_the_fact_sheet_embeds_the_first_photo_inline(stjordal_developer: User) -> None:
    site = make_site("5035")
    site_photo_add(
        actor=stjordal_developer, site=site, name="a.png", data=files.png_bytes(), alt_text="Først"
    )
    site_photo_add(
        actor=stjordal_developer, site=site, name="b.jpg", data=files.jpeg_bytes(), alt_text="Så"
    )

    data = photo_data_uri(list(site.photos.all())[:1])

    assert data is not None
    assert data["alt"] == "Først"
    decoded = inline_image(data["src"])
    assert decoded is not None
    assert decoded == ("image/png", files.png_bytes())


def test_the_fact_sheet_pdf_with_a_photo_renders(client: Client, stjordal_developer: User) -> None:
    site = make_site("5035")
    site_photo_add(
        actor=stjordal_developer, site=site, name="a.png", data=files.png_bytes(), alt_text="Tomt"
    )

    response = client.get(f"/areal/{site.pk}/faktaark.pdf")

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert b"/Image" in response.content or b"/XObject" in response.content


def test_documents_attach_to_a_site_public_when_published_else_the_municipalitys_people(
    stjordal_developer: User, malvik_developer: User
) -> None:
    published = make_site("5035")
    draft = make_site("5035", is_published=False, dlat=0.003)
    target = link_target_for(published)

    assert target is not None
    assert target.can_view(access_for(user=malvik_developer), published)
    assert not target.can_view(access_for(user=malvik_developer), draft)
    assert target.can_view(access_for(user=stjordal_developer), draft)
    assert target.region_id(published) > 0
