"""Bad input to the service's forms is refused with a message, never a server error
(docs/adr/0014-bad-input.md): date parts of many digits, control characters, text too long."""

import copy
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.urls import reverse

from core.forms import Form, TextLimitsMixin, limit_text_field
from core.validators import ControlCharactersValidator
from succession import services
from succession.models import Nomination, PostRole, Readiness
from tests.pages import text_of
from tests.security.project_forms import date_fields, form_id, project_forms
from tests.succession.factories import make_post
from tests.talent.factories import PersonFactory

FIFTY_DIGITS = "9" * 50
BAD_DATES = {
    "year": ["1", "4", FIFTY_DIGITS],
    "month": ["1", FIFTY_DIGITS, "2026"],
    "day": [FIFTY_DIGITS, "4", "2026"],
}
DATE_MESSAGES = ("must be a real date", "Year must include 4 numbers")


# --- Dates ------------------------------------------------------------------------------------


def test_the_project_has_forms_with_dates_to_check():
    assert len(date_fields()) >= 20


@pytest.mark.parametrize("part", BAD_DATES)
@pytest.mark.parametrize(
    ("form_class", "name"), date_fields(), ids=[f"{form_id(c)}.{n}" for c, n in date_fields()]
)
def test_every_date_in_every_form_refuses_a_part_of_fifty_digits_with_a_message(
    form_class, name, part
):
    """A day or month of 50 digits used to raise OverflowError: a server error."""
    field = copy.deepcopy(form_class.base_fields[name])

    with pytest.raises(ValidationError) as refused:
        field.clean(BAD_DATES[part])

    assert any(wanted in message for message in refused.value.messages for wanted in DATE_MESSAGES)


@pytest.fixture
def nomination(trust, hr_director):
    post = make_post(trust, PostRole.CHIEF_EXECUTIVE, "Chief executive")
    return services.nomination_add(
        plan=post.plan,
        person=PersonFactory(organisation=trust),
        readiness=Readiness.READY_NOW,
        by=hr_director,
    )


def test_a_holder_start_date_with_a_fifty_digit_day_is_a_message_on_the_page(
    client_for, hr_director, trust
):
    post = make_post(trust, PostRole.FINANCE_DIRECTOR, "Director of finance")
    response = client_for(hr_director).post(
        reverse("succession:holder_new", args=[post.pk]),
        {
            "version": post.version,
            "first_name": "Jane",
            "last_name": "Smith",
            "started_on_day": FIFTY_DIGITS,
            "started_on_month": "4",
            "started_on_year": "2024",
        },
    )

    assert response.status_code == 200
    assert "must be a real date" in text_of(response)


# --- Control characters and length, on every form -------------------------------------------


@pytest.mark.parametrize("form_class", project_forms(), ids=form_id)
def test_every_form_limits_its_text_and_refuses_control_characters(form_class):
    """Every form is built on core.forms.Form (or TextLimitsMixin), which gives each of its text
    fields, declared or added in __init__, a length limit and the control-character check."""
    assert issubclass(form_class, TextLimitsMixin), f"{form_id(form_class)} is not a core Form"
    for name, declared in form_class.base_fields.items():
        if not isinstance(declared, forms.CharField):
            continue
        field = copy.deepcopy(declared)
        limit_text_field(field, name)
        assert field.max_length, f"{form_id(form_class)}.{name} has no length limit"
        assert any(isinstance(v, ControlCharactersValidator) for v in field.validators)


class NotesForm(Form):
    title = forms.CharField(label="Post title", max_length=200)
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea)
    reason = forms.CharField(label="Why is it changing?", required=False, widget=forms.Textarea)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comment"] = forms.CharField(label="Comment", required=False)


@pytest.mark.parametrize("character", ["\x00", "\x01", "\x08", "\x1b", "\x7f"])
def test_a_control_character_in_any_text_is_refused_with_the_fields_name(character):
    form = NotesForm(
        {
            "title": f"Chief{character}executive",
            "notes": f"Ready{character}now",
            "reason": character,
            "comment": f"a{character}b",
        }
    )

    assert not form.is_valid()
    assert form.errors["title"] == ["Post title must not contain control characters"]
    assert form.errors["notes"] == ["Notes must not contain control characters"]
    assert form.errors["reason"] == ["Your answer must not contain control characters"]
    assert form.errors["comment"] == ["Comment must not contain control characters"]


def test_tabs_and_line_breaks_are_kept_in_multi_line_text_but_not_in_a_single_line():
    form = NotesForm({"title": "Chief\texecutive", "notes": "Line one\r\n\tLine two"})

    assert not form.is_valid()
    assert form.errors["title"] == ["Post title must not contain control characters"]
    assert "notes" not in form.errors


def test_text_with_no_limit_of_its_own_is_limited_to_two_thousand_characters():
    form = NotesForm({"title": "x" * 201, "notes": "x" * 2001, "comment": "x" * 2001})

    assert not form.is_valid()
    assert form.errors["notes"] == ["Notes must be 2,000 characters or fewer"]
    assert form.errors["comment"] == ["Comment must be 2,000 characters or fewer"]
    assert form.errors["title"] == ["Post title must be 200 characters or fewer"]
    assert NotesForm({"title": "x" * 200, "notes": "x" * 2000}).is_valid()


def test_a_notes_box_shows_the_character_count_of_its_limit():
    html = Template("{% load crispy_forms_tags %}{{ form|crispy }}").render(
        Context({"form": NotesForm()})
    )

    assert 'data-module="nhsuk-character-count" data-maxlength="2000"' in html
    assert "You can enter up to 2,000 characters" in html


def test_long_words_in_what_people_typed_break_rather_than_widen_the_page():
    stylesheet = (Path(settings.BASE_DIR) / "static" / "scss" / "_service.scss").read_text()

    assert "overflow-wrap: anywhere;" in stylesheet


def test_notes_with_a_nul_are_refused_on_the_page_and_nothing_is_saved(
    client_for, hr_director, nomination
):
    url = reverse("succession:nomination_edit", args=[nomination.plan.post.pk, nomination.pk])
    response = client_for(hr_director).post(
        url,
        {
            "readiness": Readiness.ONE_TO_TWO_YEARS,
            "notes": "Strong\x00candidate",
            "version": nomination.plan.version,
        },
    )

    assert response.status_code == 200
    assert "Notes must not contain control characters" in text_of(response)
    nomination = Nomination.objects.get(pk=nomination.pk)
    assert "\x00" not in nomination.notes
    assert nomination.readiness == Readiness.READY_NOW


def test_notes_over_the_limit_are_refused_on_the_page(client_for, hr_director, nomination):
    url = reverse("succession:nomination_edit", args=[nomination.plan.post.pk, nomination.pk])
    response = client_for(hr_director).post(
        url,
        {"readiness": Readiness.READY_NOW, "notes": "x" * 2001, "version": nomination.plan.version},
    )

    assert response.status_code == 200
    assert "Notes must be 2,000 characters or fewer" in text_of(response)


def test_notes_with_line_breaks_and_tabs_are_saved(client_for, hr_director, nomination):
    url = reverse("succession:nomination_edit", args=[nomination.plan.post.pk, nomination.pk])
    response = client_for(hr_director).post(
        url,
        {
            "readiness": Readiness.READY_NOW,
            "notes": "First line\r\n\tSecond line",
            "version": nomination.plan.version,
        },
    )

    assert response.status_code == 302
    assert "Second line" in Nomination.objects.get(pk=nomination.pk).notes
