"""The shared editing machinery: the version claim, the history narrator and the components that
show a conflict and a change history."""

import datetime as dt

import pytest
from django import forms
from django.template.loader import render_to_string
from django.utils import timezone

from core.api import conflict_response
from core.editing import EditConflict, version_claim
from core.editing_views import CONFLICT_MESSAGE, show_conflict
from core.forms import VersionedFormMixin
from core.history import (
    HistoryEntry,
    field_changes,
    field_label,
    history_entries,
    history_records,
    history_since_version,
    value_display,
)
from talent.models import Person
from tests.talent.factories import PersonFactory

pytestmark = pytest.mark.django_db

AT = timezone.make_aware(dt.datetime(2025, 3, 4, 9, 30))


def nothing_changed(instance, version):
    return []


def what_they_changed(instance, version):
    return [f"{instance.first_name} was at version {instance.version}, you loaded {version}"]


# --- The version claim ------------------------------------------------------------------------


def test_a_claim_from_the_current_version_takes_the_next_one_and_records_it():
    person = PersonFactory()

    version_claim(person, expected_version=1, changes_since=nothing_changed)

    assert person.version == 2
    assert Person.objects.get(pk=person.pk).version == 2
    # Recorded at once, so a later conflict can find the save that claimed version 2.
    assert person.history.filter(version=2).exists()


def test_a_claim_from_a_stale_version_is_refused_with_what_the_other_person_changed():
    person = PersonFactory(first_name="Ada")
    stale = Person.objects.get(pk=person.pk)
    version_claim(person, expected_version=1, changes_since=nothing_changed)

    with pytest.raises(EditConflict) as conflict:
        version_claim(stale, expected_version=1, changes_since=what_they_changed)

    assert conflict.value.current_version == 2
    assert conflict.value.changes == ["Ada was at version 2, you loaded 1"]
    assert str(conflict.value) == "This was changed by someone else while you were editing it."
    assert Person.objects.get(pk=person.pk).version == 2


def test_a_claim_without_a_version_skips_the_check_and_still_takes_the_next_version():
    person = PersonFactory()
    Person.objects.filter(pk=person.pk).update(version=5)

    version_claim(person, expected_version=None, changes_since=what_they_changed)

    assert person.version == 6
    assert Person.objects.get(pk=person.pk).version == 6


def test_a_claim_that_the_caller_saves_itself_adds_no_history_record_of_its_own():
    person = PersonFactory()
    records = person.history.count()

    version_claim(person, expected_version=1, changes_since=nothing_changed, save=False)

    assert Person.objects.get(pk=person.pk).version == 2
    assert person.history.count() == records


def test_a_versioned_form_carries_the_version_hidden():
    class Form(VersionedFormMixin, forms.Form):
        pass

    form = Form({"version": "3"})

    assert form.is_valid()
    assert form.cleaned_data["version"] == 3
    assert 'type="hidden"' in str(form["version"])


def test_a_shown_conflict_keeps_what_was_typed_and_lets_the_next_save_go_ahead():
    class Form(VersionedFormMixin, forms.Form):
        name = forms.CharField()

    form = Form({"version": "1", "name": "What I typed"})
    form.is_valid()

    context = show_conflict(form, EditConflict(changes=[], current_version=4))

    assert form.data["name"] == "What I typed"
    assert form.data["version"] == 4
    assert form.non_field_errors() == [CONFLICT_MESSAGE]
    assert context["conflict"].current_version == 4


def test_a_conflict_answers_the_api_with_409_and_the_changes_in_one_shape():
    entry = HistoryEntry(AT, "Ada Lovelace", "Changed the post’s title from a to b")
    response = conflict_response(
        EditConflict(changes=[entry, "Someone changed First name"], current_version=3)
    )

    assert response.status_code == 409
    assert response.data["current_version"] == 3
    assert response.data["detail"].startswith("Someone else changed this while you were editing")
    assert [dict(change) for change in response.data["changes"]] == [
        {"when": "2025-03-04T09:30:00Z", "who": "Ada Lovelace", "text": entry.text},
        {"when": None, "who": None, "text": "Someone changed First name"},
    ]


# --- The history narrator ---------------------------------------------------------------------


def _name_sentences(record, previous):
    if record.history_type == "+":
        return [f"Added {record.first_name}"]
    return [
        f"Changed the {field_label(record, name)} from {value_display(record, name, old)} "
        f"to {value_display(record, name, new, quote_text=True)}"
        for name, old, new in field_changes(record, previous, ignored={"version", "updated_at"})
    ]


def test_the_narrator_says_who_changed_what_newest_first(hr_director, clock):
    person = PersonFactory(first_name="Ada")
    clock.shift(60)
    person.first_name = "Augusta"
    person._history_user = hr_director
    person.save()

    entries = history_entries(history_records([person.history.all()]), sentences=_name_sentences)

    assert [(entry.who, entry.text) for entry in entries] == [
        (hr_director.get_full_name(), "Changed the first name from Ada to “Augusta”"),
        ("The service", "Added Ada"),
    ]


def test_the_narrator_reads_only_what_happened_after_a_version_was_loaded(clock):
    person = PersonFactory(first_name="Ada")
    clock.shift(60)
    version_claim(person, expected_version=1, changes_since=nothing_changed)
    clock.shift(60)
    person.first_name = "Augusta"
    person.save()

    since = history_since_version(person, 1)
    entries = history_entries(
        history_records([person.history.all()], since=since), sentences=_name_sentences
    )

    assert [entry.text for entry in entries] == ["Changed the first name from Ada to “Augusta”"]
    assert history_since_version(person, 2) is None


def test_values_read_the_same_in_every_history():
    record = PersonFactory().history.first()

    assert value_display(record, "first_name", "") == "none"
    assert value_display(record, "first_name", None) == "none"
    assert value_display(record, "professional_background", "clinical") == "clinical"
    assert value_display(record, "first_name", "Ada") == "Ada"
    assert value_display(record, "first_name", "Ada", quote_text=True) == "“Ada”"
    assert value_display(record, "first_name", dt.date(2025, 3, 4)) == "4 March 2025"
    assert value_display(record, "first_name", True) == "yes"


# --- The components ---------------------------------------------------------------------------


def test_the_history_table_shows_each_change_and_what_it_was_to():
    html = render_to_string(
        "components/history_table.html",
        {
            "history": [HistoryEntry(AT, "Ada Lovelace", "Made the pledge “Fair pay”")],
            "history_count": 1,
            "of": " to the pledge and its milestones",
            "caption": "Changes to this pledge and its milestones, newest first",
        },
    )

    assert "Every change to the pledge and its milestones, newest first." in html
    assert "Changes to this pledge and its milestones, newest first</caption>" in html
    assert "4 Mar 2025, 09:30" in html
    assert '<td class="nhsuk-table__cell">Ada Lovelace</td>' in html
    assert "Made the pledge “Fair pay”" in html
    assert "Show all" not in html


def test_a_long_history_table_shows_the_latest_and_links_to_all():
    html = render_to_string(
        "components/history_table.html",
        {"history": [HistoryEntry(AT, "Ada", "x")] * 2, "history_capped": True, "history_count": 9},
    )

    assert "The latest 2 of 9 changes, newest first." in html
    assert '<a class="nhsuk-link" href="?history=all#history">Show all 9 changes</a>' in html


def test_an_empty_history_table_says_nothing_is_recorded():
    html = render_to_string("components/history_table.html", {"history": []})

    assert "No changes have been recorded." in html
    assert "<table" not in html


def test_the_conflict_callout_shows_entries_with_who_and_when_and_plain_sentences_as_they_are():
    conflict = EditConflict(
        changes=[HistoryEntry(AT, "Ada Lovelace", "Renamed the post"), "Bo changed First name"],
        current_version=2,
    )

    html = render_to_string("components/conflict.html", {"conflict": conflict})

    assert "<li>Ada Lovelace, 4 March 2025, 09:30: Renamed the post</li>" in html
    assert "<li>Bo changed First name</li>" in html


def test_the_conflict_callout_says_what_the_page_asks_when_nothing_shown_changed():
    conflict = EditConflict(changes=[], current_version=2)

    default = render_to_string("components/conflict.html", {"conflict": conflict})
    chosen = render_to_string(
        "components/conflict.html", {"conflict": conflict, "if_unchanged": "Check the profile."}
    )

    assert "Their save did not change anything shown on this page." in default
    assert "<p>Check the profile.</p>" in chosen
    assert render_to_string("components/conflict.html", {}).strip() == ""
