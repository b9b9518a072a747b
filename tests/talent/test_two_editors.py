"""Two people change the same pool record at once: the second save is refused, says what the
first person changed, keeps the second person's input, and nothing the first saved is lost."""

import datetime as dt
import re

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from accounts.models import Role
from succession.models import Readiness
from talent.models import (
    DevelopmentActivity,
    EqualityAuditEntry,
    EqualityRecord,
    TargetRoleReadiness,
)
from talent.services import pool as services
from tests.accounts.factories import user_with_role
from tests.pages import date_fields, text_of
from tests.talent.factories import EqualityRecordFactory, pool_member

pytestmark = pytest.mark.django_db

CE = "chief_executive"
CONFLICT = "Someone else changed this while you were editing it"


def field_value(response, name: str) -> str | None:
    match = re.search(rf'name="{name}" value="([^"]*)"', response.content.decode())
    return match.group(1) if match else None


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def colleague(national_body):
    return user_with_role(
        Role.NATIONAL_TALENT_TEAM, national_body, username="tom", first_name="Tom", last_name="Reed"
    )


def with_equality_permission(user):
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="talent", codename="view_equality_data")
    )
    return type(user).objects.get(pk=user.pk)


def test_two_editors_change_the_same_readiness_and_the_second_sees_the_first_change(
    talent_team, colleague, trust
):
    person = pool_member(trust, readiness={CE: Readiness.THREE_TO_FIVE_YEARS})
    url = f"{reverse('talent:readiness_set', args=[person.pk])}?role={CE}"
    first, second = signed_in(colleague), signed_in(talent_team)
    loaded = field_value(first.get(url), "version")
    assert loaded and loaded == field_value(second.get(url), "version")

    saved = first.post(url, {"readiness": Readiness.ONE_TO_TWO_YEARS, "version": loaded})
    stale = second.post(
        url, {"readiness": Readiness.READY_NOW, "notes": "Led the winter plan", "version": loaded}
    )

    assert saved.status_code == 302
    assert stale.status_code == 409
    page = text_of(stale)
    assert CONFLICT in page
    assert "Tom Reed changed readiness from “Ready in 3–5 years” to “Ready in 1–2 years”" in page
    assert "Led the winter plan" in page
    entry = TargetRoleReadiness.objects.get(person=person, role=CE)
    assert entry.readiness == Readiness.ONE_TO_TWO_YEARS
    assert field_value(stale, "version") == str(entry.version)

    again = second.post(
        url,
        {
            "readiness": Readiness.READY_NOW,
            "notes": "Led the winter plan",
            "version": entry.version,
        },
    )
    assert again.status_code == 302
    entry.refresh_from_db()
    assert entry.readiness == Readiness.READY_NOW and entry.notes == "Led the winter plan"


def test_two_editors_record_a_new_readiness_and_the_second_does_not_overwrite_the_first(
    talent_team, colleague, trust
):
    person = pool_member(trust)
    url = reverse("talent:readiness_set", args=[person.pk])
    first, second = signed_in(colleague), signed_in(talent_team)
    assert field_value(first.get(url), "version") is None

    first.post(url, {"role": CE, "readiness": Readiness.READY_NOW})
    stale = second.post(url, {"role": CE, "readiness": Readiness.THREE_TO_FIVE_YEARS})

    assert stale.status_code == 409
    assert "Tom Reed recorded this readiness" in text_of(stale)
    assert TargetRoleReadiness.objects.get(person=person, role=CE).readiness == Readiness.READY_NOW


def test_readiness_removed_by_one_editor_is_not_silently_brought_back_by_another(
    talent_team, colleague, trust
):
    person = pool_member(trust, readiness={CE: Readiness.READY_NOW})
    entry = TargetRoleReadiness.objects.get(person=person)

    services.target_readiness_set(
        person=person, role=CE, readiness="", by=colleague, expected_version=entry.version
    )
    stale = signed_in(talent_team).post(
        f"{reverse('talent:readiness_set', args=[person.pk])}?role={CE}",
        {"readiness": Readiness.ONE_TO_TWO_YEARS, "version": entry.version},
    )

    assert stale.status_code == 409
    assert "removed this readiness" in text_of(stale)
    assert not field_value(stale, "version")  # saving again records it anew
    assert not TargetRoleReadiness.objects.filter(person=person).exists()


def test_two_editors_move_the_same_development_on_and_the_second_sees_the_first_change(
    talent_team, colleague, trust
):
    person = pool_member(trust)
    activity = services.development_add(
        person=person, kind="coaching", title="Executive coaching", status="planned",
        starts_on=dt.date(2025, 1, 6),
    )  # fmt: skip
    url = reverse("talent:development_edit", args=[person.pk, activity.pk])
    first, second = signed_in(colleague), signed_in(talent_team)
    loaded = field_value(first.get(url), "version")
    assert loaded and loaded == field_value(second.get(url), "version")

    saved = first.post(url, {"status": "in_progress", "notes": "", "version": loaded})
    stale = second.post(
        url,
        {
            "status": "completed",
            **date_fields("ends_on", dt.date(2025, 9, 1)),
            "notes": "Finished early",
            "version": loaded,
        },
    )

    assert saved.status_code == 302
    assert stale.status_code == 409
    page = text_of(stale)
    assert CONFLICT in page
    assert "Tom Reed changed the status from “Planned” to “In progress”" in page
    assert "Finished early" in page
    activity.refresh_from_db()
    assert activity.status == "in_progress" and activity.ends_on is None
    assert field_value(stale, "version") == str(activity.version)


def test_a_stale_development_update_through_the_service_writes_nothing(trust):
    person = pool_member(trust)
    activity = services.development_add(
        person=person, kind="coaching", title="Coaching", status="planned",
        starts_on=dt.date(2025, 1, 6),
    )  # fmt: skip
    loaded = activity.version
    services.development_update(
        activity=DevelopmentActivity.objects.get(pk=activity.pk),
        status="in_progress", ends_on=None, notes="Started", expected_version=loaded,
    )  # fmt: skip

    from core.editing import EditConflict

    with pytest.raises(EditConflict):
        services.development_update(
            activity=DevelopmentActivity.objects.get(pk=activity.pk),
            status="withdrawn", ends_on=None, notes="", expected_version=loaded,
        )  # fmt: skip
    activity.refresh_from_db()
    assert activity.status == "in_progress" and activity.notes == "Started"


def test_two_editors_change_the_same_equality_answers_and_the_second_is_told_who_saved(
    talent_team, colleague, trust
):
    person = pool_member(trust)
    EqualityRecordFactory(person=person, sex="female", disability="no")
    url = reverse("talent:equality_record_edit", args=[person.pk])
    first = signed_in(with_equality_permission(colleague))
    second = signed_in(with_equality_permission(talent_team))
    loaded = field_value(first.get(url), "version")
    assert loaded and loaded == field_value(second.get(url), "version")
    answers = {"ethnicity": "prefer_not_to_say", "sex": "female", "disability": "no"}

    saved = first.post(url, {**answers, "disability": "yes", "version": loaded})
    stale = second.post(url, {**answers, "sex": "prefer_not_to_say", "version": loaded})

    assert saved.status_code == 302
    assert stale.status_code == 409
    page = text_of(stale)
    assert CONFLICT in page
    assert "Tom Reed saved these answers at 12:00 on 23 November 2026" in page
    record = EqualityRecord.objects.get(person=person)
    assert (record.sex, record.disability) == ("female", "yes")
    assert field_value(stale, "version") == str(record.version)
    # The refused save wrote no change to the audit log; the first one did.
    changes = EqualityAuditEntry.objects.filter(
        person_id=person.pk, action=EqualityAuditEntry.Action.CHANGED_PERSON
    )
    assert [entry.username for entry in changes] == ["tom"]


def test_two_editors_record_the_first_equality_answers_and_the_second_does_not_overwrite(
    talent_team, colleague, trust
):
    person = pool_member(trust)
    url = reverse("talent:equality_record_edit", args=[person.pk])
    first = signed_in(with_equality_permission(colleague))
    second = signed_in(with_equality_permission(talent_team))
    answers = {"ethnicity": "prefer_not_to_say", "sex": "female", "disability": "no"}

    first.post(url, answers)
    stale = second.post(url, {**answers, "sex": "male"})

    assert stale.status_code == 409
    assert "Tom Reed saved these answers" in text_of(stale)
    assert EqualityRecord.objects.get(person=person).sex == "female"


def test_two_editors_place_the_same_person_on_the_nine_box_and_the_second_sees_the_first(
    talent_team, colleague, trust
):
    person = pool_member(trust, performance=2, potential=2)
    url = reverse("talent:nine_box_place", args=[person.pk])
    first, second = signed_in(colleague), signed_in(talent_team)
    loaded = field_value(first.get(url), "version")
    assert loaded and loaded == field_value(second.get(url), "version")

    saved = first.post(
        url, {"performance": 3, "potential": 2, "reason": "Strong year", "version": loaded}
    )
    stale = second.post(
        url, {"performance": 1, "potential": 2, "reason": "Missed targets", "version": loaded}
    )

    assert saved.status_code == 302
    assert stale.status_code == 409
    page = text_of(stale)
    assert "Tom Reed: Placed from moderate performance, moderate potential to high" in page
    assert "Missed targets" in page
    person.talent_profile.refresh_from_db()
    assert person.talent_profile.performance == 3
    assert person.nine_box_placements.count() == 1
