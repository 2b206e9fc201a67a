"""The search form: what a user typed and the filters (all optional, all in the query string)."""

from typing import Any

from django import forms
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from samspill.core.forms import StyledForm
from samspill.regions.models import Municipality, Region
from samspill.search.models import Kind
from samspill.search.selectors import Filters


def norwegian(word: str) -> SafeString:
    """A Norwegian example word, marked as such on every page (WCAG 3.1.2)."""
    return format_html('«<span lang="nb">{}</span>»', word)


def search_help() -> SafeString:
    """The search box's help in the page's language, its Norwegian example words marked."""
    return format_html(
        gettext(
            "Alle ordene må finnes. Bøyde og sammensatte ord gir treff: {word} finner også "
            "{inflected}, og {tail} finner {compound}."
        ),
        word=norwegian("næringsareal"),
        inflected=norwegian("næringsarealene"),
        tail=norwegian("areal"),
        compound=norwegian("næringsareal"),
    )


def stop_word_examples() -> SafeString:
    """The most common words, which are not searched for: Norwegian words on every page."""
    return format_html("{}, {}, {}", norwegian("og"), norwegian("i"), norwegian("som"))


class SearchForm(StyledForm):
    q = forms.CharField(
        label=_("Søk etter"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    kind = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("Alle typer")), *Kind.choices]
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        required=False,
        queryset=Region.objects.order_by("name"),
        to_field_name="slug",
        empty_label=_("Alle regioner"),
    )
    municipality = forms.ModelChoiceField(
        label=_("Kommune"),
        required=False,
        queryset=Municipality.objects.filter(valid_to__isnull=True)
        .defer("boundary")
        .order_by("name"),
        to_field_name="number",
        empty_label=_("Alle kommuner"),
    )
    fra = forms.DateField(
        label=_("Fra dato"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    til = forms.DateField(
        label=_("Til dato"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    stikkord = forms.CharField(label=_("Stikkord"), max_length=100, required=False)
    side = forms.IntegerField(required=False, min_value=1, max_value=50, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].help_text = search_help()  # in the request's language, marked words
        self.style_fields()  # again: an error on the box is read after its help text

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("fra"), data.get("til")
        if start and end and start > end:
            self.add_error("til", _("Til-datoen er før fra-datoen."))
        return data

    def filters(self) -> Filters:
        data = self.cleaned_data
        region, municipality = data.get("region"), data.get("municipality")
        return Filters(
            kinds=[data["kind"]] if data.get("kind") else [],
            region_id=region.pk if region else None,
            municipality_id=municipality.pk if municipality else None,
            date_from=data.get("fra"),
            date_to=data.get("til"),
            tag=data.get("stikkord") or "",
        )
