"""The one form component (templates/components/_form_fields.html) and controls that save.

Every form renders through it: an error summary that links to each field, errors next to the
fields (aria-invalid, aria-describedby), checkboxes beside their labels, choice groups as
fieldsets, and nothing that submits on its own when a value changes (WCAG 3.2.2).
"""

import re
from html.parser import HTMLParser
from pathlib import Path

from django import forms
from django.template.loader import render_to_string

from samspill.core.forms import StyledForm, error_summary
from tests.conftest import REPO_DIR


class _Sample(StyledForm):
    title = forms.CharField(label="Tittel", max_length=10)
    colours = forms.MultipleChoiceField(
        label="Farger",
        choices=[("Varme", [("red", "rød"), ("yellow", "gul")]), ("Kalde", [("blue", "blå")])],
        widget=forms.CheckboxSelectMultiple,
    )
    sizes = forms.MultipleChoiceField(
        label="Størrelser",
        choices=[("s", "liten"), ("m", "middels")],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    agree = forms.BooleanField(label="Jeg godtar", required=True)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean(self) -> dict[str, object]:
        super().clean()
        raise forms.ValidationError("Skjemaet som helhet er feil.")


class _Elements(HTMLParser):
    """Start tags in document order, with their attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {key: value or "" for key, value in attrs}))


def _tags(html: str) -> list[tuple[str, dict[str, str]]]:
    parser = _Elements()
    parser.feed(html)
    return parser.tags


def _render(form: forms.Form) -> str:
    return render_to_string("components/_form_fields.html", {"form": form})


def _invalid() -> _Sample:
    form = _Sample(data={"title": "altfor lang tittel", "version": "x"})
    assert not form.is_valid()
    return form


def test_a_failed_submit_gets_a_summary_that_links_to_each_field() -> None:
    html = _render(_invalid())
    tags = _tags(html)

    summary = [attrs for tag, attrs in tags if "data-error-summary" in attrs]
    assert len(summary) == 1
    assert summary[0]["tabindex"] == "-1"
    assert "autofocus" in summary[0]
    links = re.findall(r'<a class="ds-link" href="#([^"]+)"', html)
    # In the order of the fields; a checkbox list links to its first box.
    assert links == ["id_title", "id_colours_0_0", "id_agree"]
    ids = {attrs.get("id") for _tag, attrs in tags}
    assert set(links) <= ids
    # The whole form's error and the hidden field's error are listed without a link.
    assert "Skjemaet som helhet er feil." in html
    assert html.index("data-error-summary") < html.index('name="title"')


def test_an_unbound_form_has_no_summary() -> None:
    assert "data-error-summary" not in _render(_Sample())
    assert error_summary(_Sample()) == []


def test_errors_sit_next_to_their_fields_and_are_announced_with_them() -> None:
    tags = _tags(_render(_invalid()))
    ids = {attrs.get("id") for _tag, attrs in tags}

    inputs = {
        attrs["id"]: attrs
        for tag, attrs in tags
        if tag == "input" and attrs.get("type") != "hidden"
    }
    for input_id in ("id_title", "id_colours_0_0", "id_colours_1_0", "id_agree"):
        assert inputs[input_id]["aria-invalid"] == "true", input_id
        described = inputs[input_id]["aria-describedby"].split()
        assert described, input_id
        assert set(described) <= ids, input_id
    assert "aria-invalid" not in inputs["id_sizes_0"]


def test_checkboxes_sit_beside_their_labels() -> None:
    html = _render(_Sample())

    for box_id in ("id_colours_0_0", "id_sizes_1", "id_agree"):
        # <div class="ds-field"><input …id=box_id…><label … for=box_id>: one row, box first.
        row = re.search(
            rf'<div class="ds-field">\s*<input[^>]*id="{box_id}"[^>]*>\s*<label[^>]*for="{box_id}"',
            html,
        )
        assert row, box_id


def test_checkbox_lists_are_fieldsets_and_groups_get_their_own_legend() -> None:
    html = _render(_Sample())

    legends = re.findall(r"<legend[^>]*>([^<*]+)", html)
    assert [legend.strip() for legend in legends] == ["Farger", "Varme", "Kalde", "Størrelser"]
    warm = html[html.index(">Varme<") : html.index(">Kalde<")]
    assert 'id="id_colours_0_0"' in warm
    assert 'id="id_colours_0_1"' in warm
    assert 'id="id_colours_1_0"' not in warm


# --- Nothing saves or navigates on its own -------------------------------------------------------

_TEMPLATES = [
    path for base in (REPO_DIR / "samspill").rglob("templates") for path in base.rglob("*.html")
]
_AUTO_TRIGGER = re.compile(r'hx-trigger="[^"]*\b(change|input|keyup|keydown|select)\b')


def test_no_form_control_submits_when_its_value_changes() -> None:
    """A select, checkbox or field must not save or reload on change (WCAG 3.2.2 On Input).

    Arrow keys in a select fire `change` on every step: a status select that saved on change wrote
    one audit entry and one "change since the last report" per key press.
    """
    assert _TEMPLATES
    offenders = [
        f"{path.relative_to(REPO_DIR)}: {match.group(0)}"
        for path in _TEMPLATES
        for match in _AUTO_TRIGGER.finditer(path.read_text(encoding="utf-8"))
    ]
    scripts = list((REPO_DIR / "samspill" / "static" / "samspill").glob("*.js"))
    offenders += [
        str(path.relative_to(REPO_DIR))
        for path in scripts
        if re.search(r"requestSubmit|\.submit\(\)|onchange", path.read_text(encoding="utf-8"))
    ]
    inline = [
        str(path.relative_to(REPO_DIR))
        for path in _TEMPLATES
        if re.search(r"\bon(change|input)=", path.read_text(encoding="utf-8"))
    ]

    assert offenders + inline == []


def test_the_component_is_the_only_field_renderer() -> None:
    """Apps include components/_form_fields.html (or _field.html), not copies of it."""
    copies = [
        str(path.relative_to(REPO_DIR))
        for path in _TEMPLATES
        if "components" not in path.parts
        and "ds-validation-message" in path.read_text(encoding="utf-8")
        and "field.errors" in path.read_text(encoding="utf-8")
    ]
    assert copies == []


def test_the_script_that_focuses_the_summary_is_on_every_page() -> None:
    base = Path(REPO_DIR / "samspill" / "templates" / "base.html").read_text(encoding="utf-8")
    assert "samspill/forms.js" in base
