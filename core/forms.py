"""Form pieces the NHS.UK design system needs and Django does not have.

Render forms with the "nhsuk" crispy-forms template pack (templates/nhsuk/). These layout objects
add NHS.UK options to crispy-forms' own:

    from crispy_forms.helper import FormHelper
    from crispy_forms.layout import Layout, Submit
    from core.forms import ButtonGroup, ButtonLink, DateField, Field, Fieldset

    class AppointmentForm(forms.Form):
        started = DateField(label="Date they started", help_text="For example, 27 3 2024")

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.helper = FormHelper()
            self.helper.layout = Layout(
                Field("role", label_size="l", label_tag="h1"),    # the question is the page heading
                Fieldset("Appointment", "started", "notes"),
                ButtonGroup(Submit("save", "Save"), ButtonLink("Cancel", "home", css_class="secondary")),
            )
"""

import datetime

from crispy_forms.layout import ButtonHolder, Layout
from crispy_forms.layout import Field as CrispyField
from crispy_forms.layout import Fieldset as CrispyFieldset
from crispy_forms.utils import TEMPLATE_PACK
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator
from django.forms.utils import pretty_name
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.html import conditional_escape

from .validators import (
    TEXT_MAX_LENGTH,
    ControlCharactersValidator,
    max_length_message,
)

__all__ = [
    "ButtonGroup",
    "ButtonLink",
    "DateField",
    "DateInput",
    "Field",
    "Fieldset",
    "Form",
    "Layout",
    "TextLimitsMixin",
    "VersionedFormMixin",
]

LABEL_SIZES = ("s", "m", "l", "xl")
HEADING_TAGS = ("h1", "h2", "h3", "h4")


def _check(option, value, allowed):
    if value and value not in allowed:
        raise ValueError(f"{option} must be one of {', '.join(allowed)}, not {value!r}")
    return value or ""


class Field(CrispyField):
    """crispy-forms' Field with the NHS.UK options for its label or legend and choices.

    label_size: "s", "m", "l" or "xl" (nhsuk-label--l, nhsuk-fieldset__legend--l).
    label_tag: "h1".."h4" wraps the label or legend in a heading; use "h1" with label_size="l"
        when the question is the page's only heading (the NHS.UK question page pattern).
    inline: radios or checkboxes side by side (two short options only, like Yes and No).
    small: small radios or checkboxes.
    Any other keyword becomes an attribute of the input, as in crispy-forms: css_class adds classes
    (e.g. "nhsuk-input--width-10"), autocomplete="email", spellcheck="false" and so on.
    """

    def __init__(self, *fields, label_size="", label_tag="", inline=False, small=False, **kwargs):
        self.label_size = _check("label_size", label_size, LABEL_SIZES)
        self.label_tag = _check("label_tag", label_tag, HEADING_TAGS)
        self.inline = inline
        self.small = small
        super().__init__(*fields, **kwargs)

    def render(self, form, context, template_pack=TEMPLATE_PACK, extra_context=None, **kwargs):
        extra_context = dict(extra_context or {})
        extra_context.update(
            {
                "label_size": self.label_size,
                "label_tag": self.label_tag,
                "inline_class": "inline" if self.inline else "",
                "small": self.small,
            }
        )
        return super().render(
            form, context, template_pack=template_pack, extra_context=extra_context, **kwargs
        )


class Fieldset(CrispyFieldset):
    """A group of questions under one legend: <fieldset class="nhsuk-fieldset">.

    legend_size defaults to "m"; legend_tag="h1" makes the legend the page heading.
    """

    def __init__(self, legend, *fields, legend_size="m", legend_tag="", **kwargs):
        self.legend_size = _check("legend_size", legend_size, LABEL_SIZES)
        self.legend_tag = _check("legend_tag", legend_tag, HEADING_TAGS)
        super().__init__(legend, *fields, **kwargs)

    def render(self, form, context, template_pack=TEMPLATE_PACK, **kwargs):
        # crispy-forms renders a legend as a template; ours is text, so a legend made from data
        # ("Move {name}") can never run template code. Pass mark_safe() markup to keep it.
        fields = self.get_rendered_fields(form, context, template_pack, **kwargs)
        legend = conditional_escape(self.legend) if self.legend else ""
        context.update({"fieldset": self, "legend": legend, "fields": fields})
        return render_to_string(self.get_template_name(template_pack), context.flatten())


class ButtonGroup(ButtonHolder):
    """Buttons and links side by side: <div class="nhsuk-button-group">."""

    template = "%s/layout/buttonholder.html"


class ButtonLink:
    """A link that looks like a button, e.g. ButtonLink("Cancel", "home", css_class="secondary").

    url is a URL name (reversed without arguments) or a path. css_class takes the button variants:
    "secondary", "reverse", "warning", "login", "small" (or the full nhsuk-button--* classes).
    """

    template = "%s/layout/button_link.html"

    def __init__(self, text, url, css_class="", **attrs):
        self.text = text
        self.url = url
        self.css_class = css_class
        self.attrs = attrs

    @property
    def href(self):
        try:
            return reverse(self.url)
        except NoReverseMatch:
            return self.url

    def render(self, form, context, template_pack=TEMPLATE_PACK, **kwargs):
        return render_to_string(self.template % template_pack, {"link": self})


class DateInput(forms.MultiWidget):
    """The NHS.UK date input: day, month and year boxes inside a fieldset.

    Its parts are named <name>_day, <name>_month and <name>_year (ids id_<name>_day etc).
    autocomplete="bday" marks a date of birth, so browsers can fill it in.
    """

    nhsuk_kind = "date"
    parts = ("day", "month", "year")
    part_labels = {"day": "Day", "month": "Month", "year": "Year"}
    part_widths = {"day": 2, "month": 2, "year": 4}

    def __init__(self, attrs=None, autocomplete=""):
        widgets = {}
        for part in self.parts:
            part_attrs = {"inputmode": "numeric"}
            if autocomplete:
                part_attrs["autocomplete"] = f"{autocomplete}-{part}"
            widgets[part] = forms.TextInput(attrs=part_attrs)
        super().__init__(widgets, attrs)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        id_ = context["widget"]["attrs"].get("id")
        if id_:  # id_<name>_day rather than Django's id_<name>_0
            for part, subwidget in zip(self.parts, context["widget"]["subwidgets"], strict=True):
                subwidget["attrs"]["id"] = f"{id_}_{part}"
        return context

    def decompress(self, value):
        if isinstance(value, str):
            try:
                value = datetime.date.fromisoformat(value)
            except ValueError:
                return [None, None, None]
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class DateField(forms.DateField):
    """A date typed into the NHS.UK date input, with NHS.UK error messages.

    Messages name the date by its label: "Enter the start date", "Start date must include a
    month". Where the label is a question, say how messages should name the date:
    DateField(label="When did it happen?", described_as="the date it happened"). Pass
    error_messages to change a message outright; {label} and {missing} are filled in.
    """

    widget = DateInput
    default_error_messages = {
        "required": "Enter {label}",
        "incomplete": "{label} must include a {missing}",
        "invalid": "{label} must be a real date",
        "year": "Year must include 4 numbers",
    }

    def __init__(self, *, described_as: str = "", **kwargs):
        self.described_as = described_as
        super().__init__(**kwargs)

    def _message(self, code, **params):
        name = self.described_as or str(self.label or "the date")
        if code == "required":  # mid-sentence: "Enter the start date"
            name = name[:1].lower() + name[1:]
            if not self.described_as and not name.startswith(("the ", "your ")):
                name = f"the {name}"
        else:  # opens the sentence: "Start date must include a month"
            name = name[:1].upper() + name[1:]
        params.setdefault("label", name)
        return str(self.error_messages[code]).format(**params)

    def to_python(self, value):
        if not isinstance(value, (list, tuple)):
            return super().to_python(value)
        day, month, year = (str(part if part is not None else "").strip() for part in value)
        if not (day or month or year):
            return None
        missing = [
            name for name, part in zip(DateInput.parts, (day, month, year), strict=True) if not part
        ]
        if missing:
            raise ValidationError(
                self._message("incomplete", missing=" and ".join(missing)), code="incomplete"
            )
        if not (day.isdigit() and month.isdigit() and year.isdigit()):
            raise ValidationError(self._message("invalid"), code="invalid")
        if len(year) != 4:
            raise ValidationError(self._message("year"), code="year")
        try:
            return datetime.date(int(year), int(month), int(day))
        except (ValueError, OverflowError):  # OverflowError: a day or month of many digits
            raise ValidationError(self._message("invalid"), code="invalid") from None

    def validate(self, value):
        if value in self.empty_values and self.required:
            raise ValidationError(self._message("required"), code="required")


def text_field_name(field: forms.Field, name: str, described_as: dict | None = None) -> str:
    """How a message names a text field: its label, unless the label is a question."""
    if described_as and name in described_as:
        return described_as[name]
    label = str(field.label or pretty_name(name))
    return "Your answer" if label.rstrip().endswith("?") else label


def limit_text_field(field: forms.Field, name: str, described_as: dict | None = None) -> None:
    """Give a form's text field a length limit (TEXT_MAX_LENGTH unless it has its own) and
    refuse control characters, with messages that name the field."""
    if not isinstance(field, forms.CharField) or getattr(field, "_text_limited", False):
        return
    label = text_field_name(field, name, described_as)
    multiline = isinstance(field.widget, forms.Textarea)
    if field.max_length is None:
        field.max_length = TEXT_MAX_LENGTH
        field.validators.append(MaxLengthValidator(TEXT_MAX_LENGTH))
        if not field.widget.is_hidden:
            field.widget.attrs["maxlength"] = str(TEXT_MAX_LENGTH)
    field.error_messages.setdefault("max_length", max_length_message(label, field.max_length))
    field.validators = [
        validator
        for validator in field.validators
        if not isinstance(validator, ProhibitNullCharactersValidator)
    ]
    field.validators.append(ControlCharactersValidator(label, multiline=multiline))
    field._text_limited = True


class TextLimitsMixin:
    """Every text field of the form has a length limit and refuses control characters.

    A field with no max_length of its own gets TEXT_MAX_LENGTH ("Notes must be 2,000
    characters or fewer"). Messages name the field by its label; where the label is a
    question, they say "Your answer", or what `described_as = {"reason": "The reason"}` says.
    """

    described_as: dict[str, str] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._limit_text_fields()

    def full_clean(self):
        self._limit_text_fields()  # fields a subclass added after __init__ as well
        super().full_clean()

    def _limit_text_fields(self):
        for name, field in self.fields.items():
            limit_text_field(field, name, self.described_as)


class Form(TextLimitsMixin, forms.Form):
    """The base of the service's forms: text is limited and checked (TextLimitsMixin)."""


class VersionedFormMixin(Form):
    """Carries the version of the thing the editor loaded, for the compare-and-swap
    (core.editing.version_claim)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
