"""Input cleaning for documents, versions, memos and decisions (the services check the rules)."""

import datetime
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from samspill.core.conflicts import VersionedFormMixin
from samspill.core.forms import DesignsystemetMixin
from samspill.knowledge.models import (
    DecisionBody,
    Document,
    DocumentGroup,
    DocumentKind,
    Visibility,
)
from samspill.knowledge.uploads import ALLOWED_EXTENSIONS
from samspill.regions.models import Municipality, Region


class StyledForm(DesignsystemetMixin, forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if not isinstance(field.widget, forms.CheckboxSelectMultiple | forms.CheckboxInput):
                field.widget.attrs.setdefault("class", "ds-input")

    def full_clean(self) -> None:
        super().full_clean()
        self.style_fields()


def errors_to_form(form: forms.Form, error: ValidationError) -> None:
    """A service's validation errors next to the form's fields (others above the form)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages in error.message_dict.items():
        target = field if field in form.fields else None
        for message in messages:
            form.add_error(target, message)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class TagsField(forms.CharField):
    """Comma-separated tags."""

    def clean(self, value: Any) -> list[str]:
        text = super().clean(value) or ""
        return [tag.strip() for tag in text.split(",") if tag.strip()]


class DocumentMetaForm(VersionedFormMixin, StyledForm):
    """A document's metadata (create and edit)."""

    title = forms.CharField(label=_("Tittel"), max_length=300)
    kind = forms.ChoiceField(label=_("Type"), choices=DocumentKind.choices)
    summary = forms.CharField(label=_("Sammendrag"), required=False, widget=forms.Textarea)
    date = forms.DateField(label=_("Dato"), widget=DateInput)
    author_name = forms.CharField(label=_("Forfatter"), max_length=200, required=False)
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Berørte kommuner"),
        queryset=Municipality.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    tags = TagsField(
        label=_("Stikkord"), required=False, help_text=_("Skill stikkordene med komma.")
    )
    visibility = forms.ChoiceField(label=_("Hvem kan lese"), choices=Visibility.choices)
    group = forms.ModelChoiceField(
        label=_("Gruppe"),
        queryset=DocumentGroup.objects.none(),
        required=False,
        help_text=_("Bare når dokumentet deles med en navngitt gruppe."),
    )
    is_reusable = forms.BooleanField(
        label=_("Gjenbrukbar mal (vises i malbiblioteket)"), required=False
    )

    def __init__(
        self,
        *args: Any,
        municipalities: QuerySet[Municipality],
        groups: QuerySet[DocumentGroup],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipalities"].queryset = municipalities  # type: ignore[attr-defined]
        self.fields["group"].queryset = groups  # type: ignore[attr-defined]
        self.fields["date"].initial = datetime.date.today

    @staticmethod
    def initial_from(document: Document) -> dict[str, Any]:
        return {
            "title": document.title,
            "kind": document.kind,
            "summary": document.summary,
            "date": document.date,
            "author_name": document.author_name,
            "municipalities": list(document.municipalities.all()),
            "tags": ", ".join(document.tags or []),
            "visibility": document.visibility,
            "group": document.group,
            "is_reusable": document.is_reusable,
            "version": document.version,
        }


def _upload_help_text() -> str:
    return gettext("PDF, DOCX, XLSX, PPTX, ODT, PNG eller JPEG, høyst %(mb)s MB.") % {
        "mb": settings.KNOWLEDGE_UPLOAD_MAX_BYTES // (1024 * 1024)
    }


_upload_help = lazy(_upload_help_text, str)


class UploadField(forms.FileField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Fil"))
        # Lazy: the form class is built once, the text in each request's language.
        kwargs.setdefault("help_text", _upload_help())
        super().__init__(**kwargs)
        self.widget.attrs["accept"] = ",".join(ALLOWED_EXTENSIONS)


class DocumentUploadForm(DocumentMetaForm):
    """A new document from an uploaded file."""

    file = UploadField()
    note = forms.CharField(label=_("Versjonsnotat"), max_length=300, required=False)


class MemoForm(DocumentMetaForm):
    """A new memo written in Markdown."""

    body_markdown = forms.CharField(
        label=_("Tekst (Markdown)"),
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text=_("Overskrifter med #, lister med -, **fet**, [lenke](https://…)."),
    )


class VersionUploadForm(StyledForm):
    """A new version of a document: a file, or for a memo the edited text."""

    file = UploadField(required=False)
    body_markdown = forms.CharField(
        label=_("Tekst (Markdown)"), widget=forms.Textarea(attrs={"rows": 18}), required=False
    )
    note = forms.CharField(label=_("Hva er endret"), max_length=300, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31 - 1)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("file") and not (data.get("body_markdown") or "").strip():
            raise ValidationError(_("Last opp en fil eller skriv teksten."))
        return data


class TemplateUseForm(StyledForm):
    title = forms.CharField(label=_("Tittel på det nye dokumentet"), max_length=300)
    region = forms.ModelChoiceField(label=_("Region"), queryset=Region.objects.none())

    def __init__(self, *args: Any, regions: list[Region], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.filter(  # type: ignore[attr-defined]
            pk__in=[r.pk for r in regions]
        )


class DecisionForm(VersionedFormMixin, StyledForm):
    body = forms.ChoiceField(label=_("Organ"), choices=DecisionBody.choices)
    body_name = forms.CharField(label=_("Organets navn"), max_length=200, required=False)
    date = forms.DateField(label=_("Dato"), widget=DateInput)
    case_number = forms.CharField(label=_("Saksnummer"), max_length=60, required=False)
    title = forms.CharField(label=_("Sak"), max_length=300)
    text = forms.CharField(label=_("Vedtakstekst"), widget=forms.Textarea)
    visibility = forms.ChoiceField(
        label=_("Hvem kan lese"),
        choices=[
            (Visibility.PUBLIC, Visibility.PUBLIC.label),
            (Visibility.REGION, Visibility.REGION.label),
        ],
    )
    documents = forms.ModelMultipleChoiceField(
        label=_("Bygger på dokumentene"),
        queryset=Document.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, documents: QuerySet[Document], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["documents"].queryset = documents  # type: ignore[attr-defined]


class DecisionFilterForm(forms.Form):
    organ = forms.ChoiceField(
        label=_("Organ"), choices=[("", _("Alle")), *DecisionBody.choices], required=False
    )
    ar = forms.TypedChoiceField(label=_("År"), coerce=int, required=False, empty_value=None)
    q = forms.CharField(label=_("Tekst"), max_length=100, required=False)

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ar"].choices = [("", _("Alle"))] + [(y, str(y)) for y in years]  # type: ignore[attr-defined]
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "ds-input")


class DocumentGroupForm(StyledForm):
    """A named group: its name and members (people with a role in or under the region)."""

    name = forms.CharField(label=_("Navn på gruppen"), max_length=200)
    members = forms.ModelMultipleChoiceField(
        label=_("Medlemmer"),
        queryset=DocumentGroup.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Medlemmene leser dokumentene som deles med gruppen."),
    )

    def __init__(self, *args: Any, people: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        members = self.fields["members"]
        assert isinstance(members, forms.ModelMultipleChoiceField)  # noqa: S101 - narrows for mypy
        members.queryset = people
