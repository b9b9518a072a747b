"""Each role's home page opens on what is theirs to do, each item a link to where it is done,
with the count in the navigation; an item goes when the thing is done (or is marked done)."""

import datetime as dt

import pytest
from django.urls import reverse

from notifications.worklists import worklist_for
from pledges import services as pledge_services
from pledges.models import ResponseKind
from succession import services as succession_services
from succession.models import DepartureReason, IncumbencyKind
from talent.models import PostRole, Readiness
from tests.clock import TODAY
from tests.notifications.helpers import ask_for_sign_off, nominate, sign_off
from tests.pages import text_of
from tests.pledges.factories import make_pledge, make_report, make_update
from tests.succession.factories import IncumbencyFactory, make_post
from tests.talent.factories import PersonFactory, TalentProfileFactory

pytestmark = pytest.mark.django_db

HOME = reverse("home")


def section(user, key):
    found = [s for s in worklist_for(user).sections if s.key == key]
    assert found, f"{user} has no section {key}"
    return found[0]


def held(post, **fields):
    return IncumbencyFactory(post=post, started_on=dt.date(2020, 1, 1), **fields)


# --- The chair ---------------------------------------------------------------------------------


def test_a_plan_sent_for_sign_off_is_on_the_chairs_home_page_with_a_count_until_signed(
    client_for, trust, hr_director, chair
):
    post = make_post(trust, PostRole.CHIEF_EXECUTIVE, "Chief executive")
    ask_for_sign_off(post, by=hr_director)
    client = client_for(chair)

    response = client.get(HOME)

    page = text_of(response)
    assert "Plans waiting for your sign-off (1)" in page
    assert "Home 1 to do" in page  # the count in the navigation
    assert f'href="/posts/{post.pk}/plan/sign-off/"' in response.text

    sign_off(post, by=chair)

    page = text_of(client.get(HOME))
    assert "Plans waiting for your sign-off" not in page
    assert "to do" not in page.replace("To do", "")


def test_a_request_waiting_over_14_days_comes_first_and_says_so(
    client_for, trust, hr_director, chair, clock
):
    old = make_post(trust, PostRole.CHIEF_EXECUTIVE, "Chief executive")
    ask_for_sign_off(old, by=hr_director)
    clock.shift(15 * 24 * 3600)
    new = make_post(trust, PostRole.FINANCE_DIRECTOR, "Finance director")
    ask_for_sign_off(new, by=hr_director)

    items = section(chair, "sign_off").items

    assert [item.text for item in items] == [
        "Sign off the plan for Chief executive",
        "Sign off the plan for Finance director",
    ]
    assert items[0].urgent and not items[1].urgent
    assert "Waiting over 14 days" in text_of(client_for(chair).get(HOME))


def test_a_plan_whose_slate_changed_after_sign_off_is_listed_for_chair_and_hr_director(
    trust, hr_director, chair, clock
):
    post = make_post(trust, PostRole.CHIEF_EXECUTIVE, "Chief executive")
    nominate(post, PersonFactory(organisation=trust))
    sign_off(post, by=chair)
    assert section(chair, "changed_since_sign_off").count == 0

    clock.shift(60)
    nominate(post, PersonFactory(organisation=trust), readiness=Readiness.ONE_TO_TWO_YEARS)

    assert section(chair, "changed_since_sign_off").count == 1
    assert section(hr_director, "changed_since_sign_off").count == 1


def test_the_chair_of_another_trust_sees_none_of_it(trust, other_trust, hr_director):
    from accounts.models import Role
    from tests.accounts.factories import user_with_role

    other_chair = user_with_role(Role.CHAIR, other_trust)
    ask_for_sign_off(make_post(trust, PostRole.CHIEF_EXECUTIVE), by=hr_director)

    assert section(other_chair, "sign_off").count == 0


# --- The HR director ---------------------------------------------------------------------------


def test_plans_never_reviewed_or_not_for_12_months_are_listed_and_go_once_reviewed(
    trust, hr_director
):
    never = make_post(trust, PostRole.CHIEF_EXECUTIVE, "Chief executive")
    old = make_post(trust, PostRole.FINANCE_DIRECTOR, "Finance director")
    recent = make_post(trust, PostRole.CHIEF_NURSE, "Chief nurse")
    for post, days in ((old, 400), (recent, 30)):
        post.plan.refresh_from_db()
        post.plan.last_reviewed_on = TODAY - dt.timedelta(days=days)
        post.plan.save()

    unreviewed = section(hr_director, "unreviewed")
    assert [item.text for item in unreviewed.items] == [
        "Review the plan for Chief executive",
        "Review the plan for Finance director",
    ]
    assert unreviewed.items[0].detail == "Never reviewed."

    never.plan.refresh_from_db()
    succession_services.plan_record_review(plan=never.plan, reviewed_on=TODAY, by=hr_director)

    assert section(hr_director, "unreviewed").count == 1


def test_a_departure_within_6_months_without_a_ready_now_successor_is_listed(trust, hr_director):
    post = make_post(trust, PostRole.FINANCE_DIRECTOR, "Finance director")
    holder = held(
        post,
        expected_departure_on=TODAY + dt.timedelta(days=60),
        departure_reason=DepartureReason.RETIREMENT,
    )
    far = make_post(trust, PostRole.CHIEF_NURSE, "Chief nurse")
    held(far, expected_departure_on=TODAY + dt.timedelta(days=400))

    departures = section(hr_director, "departures")
    assert [item.text for item in departures.items] == ["Finance director: no successor ready now"]
    assert holder.person.full_name in departures.items[0].detail

    nominate(post, PersonFactory(organisation=trust), readiness=Readiness.READY_NOW)

    assert section(hr_director, "departures").count == 0


def test_vacancies_and_interims_are_listed_vacancies_first(trust, hr_director):
    make_post(trust, PostRole.FINANCE_DIRECTOR, "Finance director")
    interim = make_post(trust, PostRole.CHIEF_NURSE, "Chief nurse")
    held(interim, kind=IncumbencyKind.INTERIM)
    held(make_post(trust, PostRole.CHIEF_EXECUTIVE, "Chief executive"))

    items = section(hr_director, "vacancies").items

    assert [item.text for item in items] == [
        "Finance director: vacant",
        "Chief nurse: held by an interim or acting holder",
    ]


def test_an_appointment_starting_soon_is_listed(trust, hr_director):
    post = make_post(trust, PostRole.CHIEF_EXECUTIVE, "Chief executive")
    person = PersonFactory(organisation=trust, first_name="Ada", last_name="Pool")
    IncumbencyFactory(post=post, person=person, started_on=TODAY + dt.timedelta(days=20))

    items = section(hr_director, "appointments").items

    assert [item.text for item in items] == ["Ada Pool starts as Chief executive"]


def test_a_nomination_of_their_person_elsewhere_is_listed_until_marked_done(
    client_for, trust, other_trust, hr_director, other_hr_director
):
    theirs = TalentProfileFactory(
        person=PersonFactory(organisation=other_trust, first_name="Kit", last_name="Marlow")
    ).person
    nomination = nominate(make_post(trust, PostRole.CHIEF_EXECUTIVE, "Chief executive"), theirs)
    client = client_for(other_hr_director)
    assert "Kit Marlow nominated for Chief executive" in text_of(client.get(HOME))

    response = client.post(
        reverse("notifications:worklist_done"), {"item": f"nomination:{nomination.pk}"}
    )

    assert response.status_code == 302
    assert "Kit Marlow nominated" not in text_of(client.get(HOME))


def test_only_items_on_the_users_own_list_can_be_marked_done(
    client_for, trust, other_trust, hr_director, other_hr_director
):
    theirs = TalentProfileFactory(person=PersonFactory(organisation=other_trust)).person
    nomination = nominate(make_post(trust, PostRole.CHIEF_EXECUTIVE), theirs)

    response = client_for(hr_director).post(
        reverse("notifications:worklist_done"), {"item": f"nomination:{nomination.pk}"}
    )

    assert response.status_code == 404
    assert section(other_hr_director, "nominated_elsewhere").count == 1


# --- The national talent team ------------------------------------------------------------------


def test_reports_waiting_for_a_response_and_stale_pledges_are_on_the_national_list(
    client_for, national_body, pledge_lead, talent_team, hr_director, trust
):
    quiet = make_pledge(national_body, title="Quiet pledge")
    make_update(quiet, by=pledge_lead, days_ago=120)
    report = make_report(make_pledge(national_body, title="Busy pledge"), by=hr_director)

    page = text_of(client_for(talent_team).get(HOME))

    assert "Reports of inconsistency waiting for a response (1)" in page
    assert "Respond to a report about “Busy pledge”" in page
    assert "Pledges with no update in 90 days" in page
    assert "Quiet pledge" in page

    pledge_services.report_respond(
        report=report, kind=ResponseKind.ACKNOWLEDGED, text="Looking into it.", by=pledge_lead
    )
    assert section(talent_team, "reports").count == 0


def test_organisations_whose_plans_are_mostly_unreviewed_are_listed(
    trust, other_trust, talent_team
):
    make_post(trust, PostRole.CHIEF_EXECUTIVE)
    reviewed = make_post(other_trust, PostRole.CHIEF_EXECUTIVE)
    reviewed.plan.refresh_from_db()
    reviewed.plan.last_reviewed_on = TODAY
    reviewed.plan.save()

    items = section(talent_team, "organisations_unreviewed").items

    assert [item.text for item in items] == [trust.display_name]


def test_posts_newly_high_risk_since_the_last_run_are_listed(trust, talent_team, clock):
    from risk.recalculation import recalculate_all

    safe = make_post(trust, PostRole.CHIEF_EXECUTIVE, "Chief executive")
    held(safe)
    for _ in range(2):
        nominate(safe, PersonFactory(organisation=trust))
    recalculate_all(kind="manual")
    clock.shift(3600)
    # The holder leaves: the post is vacant, with no cover, and its risk rises.
    holder = safe.incumbencies.get()
    holder.ended_on = TODAY
    holder.save()
    safe.plan.nominations.update(status="removed")
    recalculate_all(kind="manual")

    newly = section(talent_team, "newly_high_risk")

    assert [item.text for item in newly.items] == [f"Chief executive, {trust.display_name}"]


# --- The pledge lead ---------------------------------------------------------------------------


def test_the_pledge_lead_sees_updates_due_milestones_due_and_reports_about_their_body(
    client_for, national_body, pledge_lead, hr_director
):
    pledge = make_pledge(national_body, title="Our pledge")
    pledge_services.milestone_add(
        pledge=pledge, title="Publish the framework", due_on=TODAY + dt.timedelta(days=10)
    )
    make_report(pledge, by=hr_director)
    other = make_pledge(title="Another body's pledge")

    page = text_of(client_for(pledge_lead).get(HOME))

    assert "Progress updates due this quarter (1)" in page
    assert "Give this quarter’s update on “Our pledge”" in page
    assert "Publish the framework" in page
    assert "Reports about your body waiting for a response (1)" in page
    assert other.title not in page


def test_an_update_this_quarter_takes_the_pledge_off_the_list(national_body, pledge_lead):
    pledge = make_pledge(national_body)
    make_update(pledge, by=pledge_lead, days_ago=1)

    assert section(pledge_lead, "updates_due").count == 0


def test_a_user_with_no_role_has_no_worklist(client_for, django_user_model):
    user = django_user_model.objects.create_user("nobody", password="x" * 12)

    page = text_of(client_for(user).get(HOME))

    assert "Your account has no role yet" in page
    assert "To do" not in page
