"""Equality monitoring: published breakdowns that suppress small numbers everywhere, England
included, an audit log of every look and export, and a person's answers only for holders of
explicit permission."""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from succession.equality_snapshots import equality_snapshot_publish_nightly
from talent.models import EqualityAuditEntry, EqualityRecord, Ethnicity, PostRole
from tests.orgs.factories import OrganisationFactory
from tests.succession.factories import IncumbencyFactory, make_post
from tests.talent.factories import EqualityRecordFactory, pool_member

pytestmark = pytest.mark.django_db

EQUALITY = reverse("talent:equality")
EXPORT = reverse("talent:equality_export")


def grant_equality_permission(user):
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="talent", codename="view_equality_data")
    )
    # has_perm caches what it found on the user object: a fresh one from the database.
    return type(user).objects.get(pk=user.pk)


@pytest.fixture
def boards(trust, other_trust):
    """Twelve board members in Alice's trust's region (three of them Indian), three in Bob's."""
    for index in range(12):
        post = make_post(trust, PostRole.NON_EXECUTIVE_DIRECTOR, f"Non-executive director {index}")
        holder = IncumbencyFactory(post=post)
        ethnicity = Ethnicity.ASIAN_INDIAN if index < 3 else Ethnicity.WHITE_BRITISH
        EqualityRecordFactory(person=holder.person, ethnicity=ethnicity)
    for index in range(3):
        post = make_post(other_trust, PostRole.NON_EXECUTIVE_DIRECTOR, f"NED {index}")
        EqualityRecordFactory(person=IncumbencyFactory(post=post).person)


def counts_in(html: str, area: str) -> list[str]:
    table = re.search(rf'<table[^>]*data-area="{area}".*?</table>', html, re.S).group(0)
    return [value.strip() for value in re.findall(r"data-count>([^<]*)", table)]


def test_neither_england_nor_a_region_ever_shows_a_count_from_1_to_7(
    client_for, talent_team, trust, boards
):
    equality_snapshot_publish_nightly()

    response = client_for(talent_team).get(EQUALITY)

    assert response.status_code == 200
    national = counts_in(response.text, "national")
    regional = counts_in(response.text, trust.region.code)
    assert national and regional  # both tables are there
    for value in [*national, *regional]:
        assert value == "*" or int(value) == 0 or (int(value) >= 10 and int(value) % 5 == 0)
    assert "*" in national and "3" not in national  # the 3 Asian board members of England
    assert "15" in national and "10" in national  # 15 in all, 12 white rounded to 10
    assert "*" in regional  # the 3 Asian board members of the region
    assert "10" in regional  # 9 white board members, rounded to the nearest 5


def test_percentages_in_a_region_come_from_the_rounded_numbers(client_for, talent_team, trust):
    for index in range(13):
        post = make_post(trust, PostRole.NON_EXECUTIVE_DIRECTOR, f"NED {index}")
        ethnicity = Ethnicity.BLACK_AFRICAN if index < 9 else Ethnicity.WHITE_BRITISH
        EqualityRecordFactory(person=IncumbencyFactory(post=post).person, ethnicity=ethnicity)
    equality_snapshot_publish_nightly()

    response = client_for(talent_team).get(EQUALITY, {"region": trust.region.code})

    # 9 of 13 shows as 10 of 15: 66.7%, not the real 69.2%.
    assert "66.7%" in response.text
    assert "69.2%" not in response.text


def test_every_view_of_the_equality_page_is_in_the_audit_log_without_equality_values(
    client_for, talent_team, trust, boards
):
    client_for(talent_team).get(
        EQUALITY, {"dimension": "ethnicity", "region": trust.region.code, "ethnicity": "asian"}
    )

    entry = EqualityAuditEntry.objects.get()
    assert entry.user == talent_team and entry.username == "nadia"
    assert entry.action == EqualityAuditEntry.Action.VIEWED
    assert entry.filters == {"dimension": "ethnicity", "region": trust.region.code}
    assert entry.at is not None
    logged = f"{entry.page} {entry.filters} {entry.person_id}"
    for value, label in Ethnicity.choices:
        assert value not in logged and label not in logged


def test_every_export_is_in_the_audit_log_and_suppresses_small_numbers(
    client_for, talent_team, trust, boards
):
    equality_snapshot_publish_nightly()

    response = client_for(talent_team).get(EXPORT, {"region": trust.region.code})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode()
    asian = next(
        line
        for line in text.splitlines()
        if line.startswith(f"{trust.region.short_name} region") and "Asian" in line
    )  # noqa: E501
    assert ",*,*," in asian
    entry = EqualityAuditEntry.objects.get()
    assert entry.action == EqualityAuditEntry.Action.EXPORTED
    assert entry.filters["format"] == "csv"


def test_hr_directors_and_chairs_get_no_equality_pages_and_leave_no_audit_entry(
    client_for, hr_director, chair, administrator, boards
):
    for user in (hr_director, chair, administrator):
        client = client_for(user)
        assert client.get(EQUALITY).status_code == 403
        assert client.get(EXPORT).status_code == 403
    assert not EqualityAuditEntry.objects.exists()


# --- A person's answers ---------------------------------------------------------------------------


def test_the_national_team_does_not_see_a_persons_answers_without_the_explicit_permission(
    client_for, talent_team, trust
):
    person = pool_member(trust)
    EqualityRecordFactory(person=person, ethnicity=Ethnicity.BLACK_CARIBBEAN)

    profile = client_for(talent_team).get(reverse("talent:pool_profile", args=[person.pk]))
    form = client_for(talent_team).get(reverse("talent:equality_record_edit", args=[person.pk]))

    assert "Caribbean" not in profile.text
    assert "shown only to people given explicit permission" in profile.text
    assert form.status_code == 403


def test_being_a_superuser_does_not_grant_the_equality_permission(client_for, talent_team, trust):
    talent_team.is_superuser = True
    talent_team.save()
    person = pool_member(trust)
    EqualityRecordFactory(person=person, ethnicity=Ethnicity.BLACK_CARIBBEAN)

    profile = client_for(talent_team).get(reverse("talent:pool_profile", args=[person.pk]))

    assert "Caribbean" not in profile.text


def test_a_holder_of_the_explicit_permission_sees_a_persons_answers_and_the_look_is_logged(
    client_for, talent_team, trust
):
    analyst = grant_equality_permission(talent_team)
    person = pool_member(trust)
    EqualityRecordFactory(person=person, ethnicity=Ethnicity.BLACK_CARIBBEAN)

    profile = client_for(analyst).get(reverse("talent:pool_profile", args=[person.pk]))

    assert "Caribbean" in profile.text
    entry = EqualityAuditEntry.objects.get()
    assert entry.action == EqualityAuditEntry.Action.VIEWED_PERSON
    assert entry.person_id == person.pk
    assert "caribbean" not in f"{entry.page} {entry.filters}".lower()


def test_the_permission_can_come_from_a_group(client_for, talent_team, trust):
    group = Group.objects.create(name="Equality analysts")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="talent", codename="view_equality_data")
    )
    talent_team.groups.add(group)
    person = pool_member(trust)
    EqualityRecordFactory(person=person, ethnicity=Ethnicity.OTHER_ARAB)

    profile = client_for(talent_team).get(reverse("talent:pool_profile", args=[person.pk]))

    assert "Arab" in profile.text


def test_a_holder_of_the_permission_records_answers_each_with_prefer_not_to_say(
    client_for, talent_team, trust
):
    analyst = grant_equality_permission(talent_team)
    person = pool_member(trust, first_name="Sam", last_name="Jones")
    url = reverse("talent:equality_record_edit", args=[person.pk])
    client = client_for(analyst)
    form = client.get(url)
    assert "Prefer not to say" in form.text and "Gypsy or Irish Traveller" in form.text

    refused = client.post(url, {"ethnicity": "martian", "sex": "prefer_not_to_say"})
    saved = client.post(
        url,
        {
            "ethnicity": "prefer_not_to_say",
            "sex": "prefer_not_to_say",
            "disability": "prefer_not_to_say",
        },
        follow=True,
    )

    assert "Choose an ethnic group, or prefer not to say" in refused.text
    assert "Choose whether they are disabled, or prefer not to say" in refused.text
    assert "Equality monitoring answers of Sam Jones saved." in saved.text
    record = EqualityRecord.objects.get(person=person)
    assert record.ethnicity == record.sex == record.disability == "prefer_not_to_say"
    actions = list(EqualityAuditEntry.objects.values_list("action", flat=True))
    assert EqualityAuditEntry.Action.CHANGED_PERSON in actions


def test_an_hr_director_sees_no_equality_answers_even_of_their_own_people(
    client_for, hr_director, trust
):
    person = pool_member(trust, first_name="Open", last_name="Member")
    EqualityRecordFactory(person=person, ethnicity=Ethnicity.BLACK_CARIBBEAN)
    hr_director = grant_equality_permission(hr_director)  # not even with the permission

    client = client_for(hr_director)
    summary = client.get(reverse("talent:pool_profile", args=[person.pk]))
    people_page = client.get(reverse("talent:person_detail", args=[person.pk]))

    assert "Open Member" in summary.text
    assert "Caribbean" not in summary.text and "Caribbean" not in people_page.text
    assert client.get(reverse("talent:equality_record_edit", args=[person.pk])).status_code == 403


def test_breakdowns_of_an_organisation_without_people_show_zero_not_a_star(client_for, talent_team):
    OrganisationFactory()
    equality_snapshot_publish_nightly()

    response = client_for(talent_team).get(EQUALITY)

    assert response.status_code == 200
    assert 'data-area="national"' in response.text
    assert "*<span" not in response.text
