"""Accessible wiring of form errors: a field with an error points at its error text."""

from django import forms

from samspill.core.forms import StyledForm


class _Form(StyledForm):
    name = forms.CharField(label="Navn", help_text="Hele navnet")
    email = forms.EmailField(label="E-post")


def test_a_field_with_an_error_is_invalid_and_described_by_its_help_and_error() -> None:
    form = _Form(data={"name": "", "email": "ikke-en-adresse"})

    assert not form.is_valid()

    html = str(form["name"])
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_name_helptext id_name_error"' in html
    assert 'aria-describedby="id_email_error"' in str(form["email"])


def test_a_valid_field_keeps_djangos_help_text_link() -> None:
    form = _Form(data={"name": "Kari", "email": "ikke-en-adresse"})

    form.is_valid()

    assert 'aria-describedby="id_name_helptext"' in str(form["name"])
    assert "aria-invalid" not in str(form["name"])
