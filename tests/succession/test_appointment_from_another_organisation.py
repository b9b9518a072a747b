"""Appointing someone who holds a post in another organisation changes nothing there from
outside: the appointment is recorded where it was made; their post there gets an expected
departure and its HR director a notice, and that HR director records when they actually leave.
Only the national team and the person's own organisation may change their name and details."""

import datetime as dt
import json

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from succession import services
from succession.models import (
    DepartureNotice,
    DepartureReason,
    Incumbency,
    IncumbencyKind,
    PostRole,
    Readiness,
)
from tests.pages import date_fields, text_of
from tests.succession.factories import IncumbencyFactory, make_post
from tests.talent.factories import PersonFactory, TalentProfileFactory

pytestmark = pytest.mark.django_db

STARTS = dt.date(2026, 12, 1)


@pytest.fixture
def post(trust):
    return make_post(trust, PostRole.CHIEF_EXECUTIVE, "Chief executive")


@pytest.fixture
def their_post(other_trust):
    return make_post(other_trust, PostRole.FINANCE_DIRECTOR, "Finance director")


@pytest.fixture
def kit(other_trust, their_post):
    """Finance director at Bob's trust, in the pool and visible to other organisations."""
    person = TalentProfileFactory(
        person=PersonFactory(organisation=other_trust, first_name="Kit", last_name="Marlow")
    ).person
    IncumbencyFactory(post=their_post, person=person, started_on=dt.date(2020, 1, 1))
    return person


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def appoint(post, person, **fields):
    post.plan.refresh_from_db()
    nomination = services.nomination_add(plan=post.plan, person=person, readiness="ready_now")
    return services.successor_appoint(nomination=nomination, started_on=STARTS, **fields)


def test_the_post_held_elsewhere_gets_an_expected_departure_and_is_not_ended(
    post, their_post, kit, other_trust
):
    appointment = appoint(post, kit)

    there = Incumbency.objects.get(post=their_post, person=kit)
    assert there.ended_on is None
    assert there.expected_departure_on == STARTS
    assert there.departure_reason == DepartureReason.APPOINTED_ELSEWHERE
    assert appointment.vacated == [] and appointment.leaving == [there]
    assert not Incumbency.objects.current().filter(post=post).exists()
    assert Incumbency.objects.current(on=STARTS).get(post=post).person == kit
    kit.refresh_from_db()
    assert kit.organisation == other_trust


def test_the_other_organisations_hr_director_gets_a_notice_and_an_email(
    post, their_post, kit, other_trust, other_hr_director, django_capture_on_commit_callbacks
):
    other_hr_director.email = "bob@example.nhs.uk"
    other_hr_director.save()

    with django_capture_on_commit_callbacks(execute=True):
        appoint(post, kit)

    notice = DepartureNotice.objects.get()
    assert notice.organisation == other_trust and notice.resolved_at is None
    # Bob hears first that Kit was nominated by another trust, then that Kit was appointed.
    assert [message.to for message in mail.outbox] == [["bob@example.nhs.uk"]] * 2
    assert mail.outbox[0].subject == "Kit Marlow has been nominated as a successor"
    assert mail.outbox[1].subject == "Kit Marlow has been appointed to another post"
    assert "expected to leave Finance director" in mail.outbox[1].body

    home = text_of(signed_in(other_hr_director).get(reverse("home")))
    assert "Kit Marlow, Finance director, has been appointed Chief executive" in home
    assert "Record when they leave Finance director" in home


def test_the_appointing_hr_director_is_shown_no_notice(post, kit, hr_director):
    appoint(post, kit)

    assert "Appointed to posts elsewhere" not in text_of(
        signed_in(hr_director).get(reverse("home"))
    )


def test_their_hr_director_records_the_leaving_and_then_they_belong_to_the_new_organisation(
    post, their_post, kit, trust, other_hr_director
):
    appoint(post, kit)
    their_post.refresh_from_db()
    client = signed_in(other_hr_director)

    response = client.post(
        reverse("succession:holder_left", args=[their_post.pk]),
        {
            **date_fields("ended_on", dt.date(2026, 11, 30)),
            "departure_reason": DepartureReason.APPOINTED_ELSEWHERE,
            "version": their_post.version,
        },
    )

    assert response.status_code == 302
    there = Incumbency.objects.get(post=their_post, person=kit)
    assert there.ended_on == dt.date(2026, 11, 30)
    assert DepartureNotice.objects.get().resolved_at is not None
    kit.refresh_from_db()
    assert kit.organisation == trust
    assert "Appointed to posts elsewhere" not in text_of(client.get(reverse("home")))


def test_a_post_held_in_the_same_organisation_is_still_left_the_day_they_start(post, trust):
    deputy_post = make_post(trust, PostRole.CHIEF_OPERATING_OFFICER, "Chief operating officer")
    rosa = PersonFactory(organisation=trust)
    IncumbencyFactory(post=deputy_post, person=rosa, started_on=dt.date(2021, 1, 1))

    appointment = appoint(post, rosa)

    assert Incumbency.objects.get(post=deputy_post).ended_on == STARTS
    assert [vacated.post for vacated in appointment.vacated] == [deputy_post]
    assert not DepartureNotice.objects.exists()


def test_the_appointment_page_offers_no_interim_for_a_post_elsewhere_and_says_who_records_it(
    post, kit, hr_director
):
    post.plan.refresh_from_db()
    nomination = services.nomination_add(plan=post.plan, person=kit, readiness=Readiness.READY_NOW)

    page = signed_in(hr_director).get(
        reverse("succession:nomination_appoint", args=[post.pk, nomination.pk])
    )

    assert "interim_person" not in page.context["form"].fields
    assert "its HR director records when they actually leave" in text_of(page)

    done = signed_in(hr_director).post(
        reverse("succession:nomination_appoint", args=[post.pk, nomination.pk]),
        {
            **date_fields("started_on", STARTS),
            "kind": IncumbencyKind.SUBSTANTIVE,
            "version": post.plan.version,
        },
        follow=True,
    )
    assert "expected to leave on 1 December 2026" in text_of(done)


# --- Who may change the person ----------------------------------------------------------------


def test_the_appointing_organisations_hr_director_cannot_change_their_details(
    post, kit, hr_director
):
    appoint(post, kit)
    client = signed_in(hr_director)

    page = client.get(reverse("talent:person_edit", args=[kit.pk]))
    api = client.patch(
        f"/api/people/{kit.pk}/",
        json.dumps({"first_name": "Kitty", "version": kit.version}),
        content_type="application/json",
    )

    assert page.status_code == 404
    assert api.status_code == 404
    kit.refresh_from_db()
    assert kit.first_name == "Kit"


def test_their_own_organisations_hr_director_still_changes_their_details(
    post, kit, other_hr_director
):
    appoint(post, kit)
    kit.refresh_from_db()

    response = signed_in(other_hr_director).patch(
        f"/api/people/{kit.pk}/",
        json.dumps({"first_name": "Kitty", "version": kit.version}),
        content_type="application/json",
    )

    assert response.status_code == 200
    kit.refresh_from_db()
    assert kit.first_name == "Kitty"


def test_the_national_team_changes_anyones_details(kit, talent_team):
    response = signed_in(talent_team).patch(
        f"/api/people/{kit.pk}/",
        json.dumps({"last_name": "Marlowe", "version": kit.version}),
        content_type="application/json",
    )

    assert response.status_code == 200
    kit.refresh_from_db()
    assert kit.last_name == "Marlowe"


def test_a_chair_may_read_but_not_change_their_people(kit, other_trust):
    from accounts.models import Role
    from tests.accounts.factories import user_with_role

    chair = user_with_role(Role.CHAIR, other_trust)

    assert signed_in(chair).get(reverse("talent:person_edit", args=[kit.pk])).status_code == 403
