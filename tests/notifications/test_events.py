"""Each event tells the right people once, in the service and (as they chose) by email, in the
same words; and nothing in them is special-category data."""

import pytest
from django.core import mail

from accounts.models import Role
from notifications import services
from notifications.models import Delivery, Kind, Notification, OutgoingEmail
from pledges import services as pledge_services
from pledges.models import ResponseKind
from talent.models import PostRole
from tests.accounts.factories import user_with_role
from tests.notifications.helpers import ask_for_sign_off, committed, nominate, sign_off
from tests.pledges.factories import make_pledge, make_report
from tests.succession.factories import make_post
from tests.talent.factories import PersonFactory, TalentProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(trust):
    return make_post(trust, PostRole.CHIEF_EXECUTIVE, "Chief executive")


def visible(person):
    """In the pool and willing to be seen by other organisations, so no consent is asked."""
    return TalentProfileFactory(person=person).person


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    return lambda action: committed(django_capture_on_commit_callbacks, action)


def test_asking_for_sign_off_tells_the_chair_in_the_service_and_by_email(
    run, post, hr_director, chair
):
    run(lambda: ask_for_sign_off(post, by=hr_director))

    notification = Notification.objects.get(recipient=chair)
    assert notification.kind == Kind.SIGN_OFF_REQUESTED
    assert notification.subject == "Please sign off the succession plan for Chief executive"
    assert notification.link == f"/posts/{post.pk}/plan/sign-off/"
    assert [message.to for message in mail.outbox] == [[chair.email]]
    # One wording for both: the email says what the page says, with the full address.
    assert mail.outbox[0].subject == notification.subject
    assert notification.text in mail.outbox[0].body
    assert f"http://testserver/posts/{post.pk}/plan/sign-off/" in mail.outbox[0].body


def test_the_hr_director_who_asked_is_not_told_of_their_own_request(run, post, hr_director, chair):
    run(lambda: ask_for_sign_off(post, by=hr_director))

    assert not Notification.objects.filter(recipient=hr_director).exists()


def test_a_sign_off_tells_the_hr_director(run, post, hr_director, chair):
    run(lambda: ask_for_sign_off(post, by=hr_director))
    mail.outbox.clear()

    run(lambda: sign_off(post, by=chair, comment="A strong slate."))

    notification = Notification.objects.get(recipient=hr_director)
    assert notification.kind == Kind.PLAN_SIGNED_OFF
    assert "signed off the succession plan for Chief executive" in notification.text
    assert "A strong slate." in notification.text
    assert [message.to for message in mail.outbox] == [[hr_director.email]]


def test_one_event_announced_twice_tells_each_person_once(run, post, hr_director, chair):
    run(lambda: ask_for_sign_off(post, by=hr_director))
    post.plan.refresh_from_db()

    # The same request (same plan, same moment) announced again, as a retried task might.
    run(lambda: services.plan_sign_off_requested(plan=post.plan, by=hr_director))

    assert Notification.objects.filter(recipient=chair).count() == 1
    assert OutgoingEmail.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_chair_who_chose_the_service_only_gets_no_email(run, post, hr_director, chair):
    services.preferences_save(user=chair, choices={Kind.SIGN_OFF_REQUESTED: Delivery.SERVICE_ONLY})

    run(lambda: ask_for_sign_off(post, by=hr_director))

    assert Notification.objects.filter(recipient=chair).count() == 1
    assert mail.outbox == []


def test_a_report_tells_the_bodys_pledge_lead_and_the_national_team_but_not_who_reported(
    run, national_body, pledge_lead, talent_team, hr_director, trust
):
    pledge = make_pledge(national_body)

    report = run(lambda: make_report(pledge, by=hr_director, organisation=trust))

    told = Notification.objects.filter(kind=Kind.REPORT_RECEIVED)
    assert {n.recipient for n in told} == {pledge_lead, talent_team}
    for notification in told:
        assert notification.link == f"/pledges/reports/{report.pk}/respond/"
        assert hr_director.get_full_name() not in notification.text
        assert trust.display_name not in notification.text
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [pledge_lead.email, talent_team.email]
    )
    for message in mail.outbox:
        assert hr_director.get_full_name() not in message.body


def test_a_pledge_lead_of_another_body_is_not_told(run, national_body, hr_director, trust):
    other_lead = user_with_role(Role.PLEDGE_LEAD)
    pledge = make_pledge(national_body)

    run(lambda: make_report(pledge, by=hr_director, organisation=trust))

    assert not Notification.objects.filter(recipient=other_lead).exists()


def test_an_answer_reaches_the_reporter(run, national_body, pledge_lead, hr_director, trust):
    pledge = make_pledge(national_body)
    report = run(lambda: make_report(pledge, by=hr_director, organisation=trust))
    mail.outbox.clear()

    run(
        lambda: pledge_services.report_respond(
            report=report,
            kind=ResponseKind.EXPLAINED,
            text="We moved the deadline.",
            by=pledge_lead,
        )
    )

    notification = Notification.objects.get(recipient=hr_director, kind=Kind.REPORT_ANSWERED)
    assert notification.link == "/pledges/reports/mine/"
    assert "responded to your report" in notification.subject
    assert [message.to for message in mail.outbox] == [[hr_director.email]]


def test_a_nomination_by_another_trust_tells_the_persons_hr_director(
    run, trust, other_trust, hr_director, other_hr_director
):
    theirs = visible(PersonFactory(organisation=other_trust, first_name="Kit", last_name="Marlow"))
    post = make_post(trust, PostRole.FINANCE_DIRECTOR, "Finance director")

    run(lambda: nominate(post, theirs, by=hr_director))

    notification = Notification.objects.get(recipient=other_hr_director)
    assert notification.kind == Kind.PERSON_NOMINATED
    assert notification.subject == "Kit Marlow has been nominated as a successor"
    assert f"Finance director, {trust.display_name}" in notification.text
    assert not Notification.objects.filter(recipient=hr_director).exists()


def test_a_nomination_within_the_trust_tells_nobody(run, trust, hr_director):
    ours = PersonFactory(organisation=trust)
    post = make_post(trust, PostRole.FINANCE_DIRECTOR, "Finance director")

    run(lambda: nominate(post, ours, by=hr_director))

    assert not Notification.objects.exists()


def test_a_nomination_by_the_national_team_tells_the_persons_own_hr_director(
    run, trust, hr_director, talent_team
):
    ours = PersonFactory(organisation=trust)
    post = make_post(trust, PostRole.FINANCE_DIRECTOR, "Finance director")

    run(lambda: nominate(post, ours, by=talent_team))

    notification = Notification.objects.get(recipient=hr_director)
    assert "by the national talent team" in notification.text


def test_no_notification_or_email_carries_equality_data(
    run, trust, other_trust, hr_director, other_hr_director
):
    from talent.models import Disability, EqualityRecord, Ethnicity, Sex

    theirs = visible(PersonFactory(organisation=other_trust))
    record = EqualityRecord.objects.create(
        person=theirs,
        ethnicity=Ethnicity.values[1],
        sex=Sex.values[0],
        disability=Disability.values[0],
    )
    post = make_post(trust, PostRole.FINANCE_DIRECTOR, "Finance director")

    run(lambda: nominate(post, theirs, by=hr_director))

    sent = " ".join(f"{n.subject} {n.text}" for n in Notification.objects.all())
    sent += " ".join(message.body for message in mail.outbox)
    assert Notification.objects.exists() and mail.outbox
    for label in (
        record.get_ethnicity_display(),
        record.get_sex_display(),
        record.get_disability_display(),
    ):
        assert label not in sent
