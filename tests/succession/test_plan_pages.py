"""The succession plan pages, as the HR director, the chair and others use them: the slate, the
chair's sign-off and appointing a successor, without a browser."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from succession import services
from succession.models import (
    DepartureReason,
    Incumbency,
    IncumbencyKind,
    Nomination,
    NominationStatus,
    SignOff,
)
from talent.models import PostRole, Readiness
from tests.accounts.factories import user_with_role
from tests.pages import date_fields, text_of
from tests.succession.factories import IncumbencyFactory, make_post
from tests.talent.factories import PersonFactory, TalentProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(trust):
    return make_post(trust, PostRole.CHIEF_EXECUTIVE, "Chief executive")


@pytest.fixture
def other_post(other_trust):
    return make_post(other_trust, PostRole.CHIEF_EXECUTIVE, "Chief executive")


def url(name, post, *args):
    return reverse(f"succession:{name}", args=[post.pk, *args])


def version_of(post) -> int:
    post.plan.refresh_from_db()
    return post.plan.version


# Their agreement to a nomination to another organisation's plan, as the service and the form
# take it (someone who has not agreed to be visible to other organisations).
AGREED = {"consent_method": "by_email", "consent_given_on": dt.date(2026, 11, 20)}
AGREED_BY_EMAIL = {
    "consent_method": "by_email",
    **date_fields("consent_given_on", dt.date(2026, 11, 20)),
}


def nominate(post, person, readiness=Readiness.READY_NOW, **kwargs):
    post.plan.refresh_from_db()
    return services.nomination_add(plan=post.plan, person=person, readiness=readiness, **kwargs)


def slate_names(post) -> list[str]:
    return [
        n.person.full_name
        for n in post.plan.nominations.active().select_related("person").order_by("rank")
    ]


def field_value(response, name: str) -> str | None:
    match = re.search(rf'name="{name}" value="([^"]*)"', response.content.decode())
    return match.group(1) if match else None


# --- Adding a successor ---------------------------------------------------------------------


def test_hr_director_adds_a_consenting_pool_member_from_another_trust(
    client_for, hr_director, post, other_trust
):
    pool_member = TalentProfileFactory(
        person=PersonFactory(organisation=other_trust, first_name="Ada", last_name="Lovelace"),
        visible_to_other_organisations=True,
    ).person
    client = client_for(hr_director)

    search = client.get(url("nomination_add", post), {"q": "Lovelace"})
    assert search.status_code == 200
    page = text_of(search)
    assert "Ada Lovelace" in page
    assert "National talent pool" in page
    assert other_trust.display_name in page
    assert f"?person={pool_member.pk}" in search.content.decode()

    form = client.get(url("nomination_add", post), {"person": pool_member.pk})
    assert form.status_code == 200
    assert "Add Ada Lovelace as a successor" in text_of(form)

    response = client.post(
        url("nomination_add", post),
        {
            "person": pool_member.pk,
            "readiness": Readiness.ONE_TO_TWO_YEARS,
            "is_emergency_cover": "on",
            "notes": "Strong finance background",
            "version": field_value(form, "version"),
        },
    )

    assert response.status_code == 302
    assert response["Location"] == url("plan_manage", post) + "#slate"
    nomination = Nomination.objects.get(plan=post.plan)
    assert nomination.person == pool_member
    assert nomination.readiness == Readiness.ONE_TO_TWO_YEARS
    assert nomination.is_emergency_cover
    assert nomination.nominated_by == hr_director
    plan_page = text_of(client.get(url("plan_manage", post)))
    assert "Added Ada Lovelace to the slate" in plan_page
    assert "Ready in 1–2 years" in plan_page
    assert "Strong finance background" in plan_page


def test_hr_director_cannot_find_or_add_a_pool_member_who_did_not_consent(
    client_for, hr_director, post, other_trust
):
    private = TalentProfileFactory(
        person=PersonFactory(organisation=other_trust, first_name="Mary", last_name="Private"),
        visible_to_other_organisations=False,
    ).person
    client = client_for(hr_director)

    search = client.get(url("nomination_add", post), {"q": "Private"})
    assert "Mary Private" not in text_of(search)
    assert "No one found" in text_of(search)

    assert client.get(url("nomination_add", post), {"person": private.pk}).status_code == 404
    response = client.post(
        url("nomination_add", post),
        {"person": private.pk, "readiness": Readiness.READY_NOW, "version": version_of(post)},
    )
    assert response.status_code == 404
    assert not Nomination.objects.exists()


def test_a_readiness_off_the_scale_gets_a_message_at_the_field(
    client_for, hr_director, post, trust
):
    person = PersonFactory(organisation=trust)

    response = client_for(hr_director).post(
        url("nomination_add", post),
        {
            "person": person.pk,
            "readiness": "ready_tomorrow",
            "notes": "Keep this note",
            "version": version_of(post),
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["readiness"] == [
        "Choose ready now, ready in 1–2 years or ready in 3–5 years"
    ]
    assert "Keep this note" in response.content.decode()
    assert not Nomination.objects.exists()


def test_the_holder_and_someone_already_on_the_slate_are_refused_at_the_field(
    client_for, hr_director, post, trust
):
    holder = IncumbencyFactory(post=post).person
    already = PersonFactory(organisation=trust, first_name="Grace", last_name="Hopper")
    nominate(post, already)
    client = client_for(hr_director)

    for person, message in ((holder, "holds this post now"), (already, "already on this slate")):
        response = client.post(
            url("nomination_add", post),
            {"person": person.pk, "readiness": Readiness.READY_NOW, "version": version_of(post)},
        )
        assert response.status_code == 200
        assert message in response.context["form"].errors["person"][0]
        assert message in text_of(response)
    assert slate_names(post) == ["Grace Hopper"]


def test_the_national_talent_team_can_find_anyone_and_nominate_them_with_their_agreement(
    client_for, talent_team, post, other_trust
):
    anyone = PersonFactory(organisation=other_trust, first_name="Alan", last_name="Turing")
    client = client_for(talent_team)

    assert "Alan Turing" in text_of(client.get(url("nomination_add", post), {"q": "Turing"}))
    response = client.post(
        url("nomination_add", post),
        {
            "person": anyone.pk,
            "readiness": Readiness.THREE_TO_FIVE_YEARS,
            "version": 1,
            **AGREED_BY_EMAIL,
        },
    )

    assert response.status_code == 302
    assert response["Location"] == url("post_detail", post)
    assert slate_names(post) == ["Alan Turing"]


# --- Keeping the slate ----------------------------------------------------------------------


@pytest.fixture
def slate(post, trust):
    """Three successors on the slate: Ann (1), Ben (2), Cat (3)."""
    return [
        nominate(post, PersonFactory(organisation=trust, first_name=name, last_name="Smith"))
        for name in ("Ann", "Ben", "Cat")
    ]


def test_the_plan_page_shows_the_slate_in_rank_order_with_its_actions(
    client_for, hr_director, post, slate, trust
):
    busy = slate[0].person
    for title in ("Finance director", "Medical director"):
        nominate(make_post(trust, PostRole.OTHER_EXECUTIVE_DIRECTOR, title), busy)

    response = client_for(hr_director).get(url("plan_manage", post))

    assert response.status_code == 200
    page = text_of(response)
    assert page.index("Ann Smith") < page.index("Ben Smith") < page.index("Cat Smith")
    assert "Named for 3 posts" in page
    for action in (
        "Move down Ann Smith",
        "Move up Ben Smith",
        "Make Ann Smith emergency cover",
        "Change readiness and notes of Ann Smith",
        "Remove Ann Smith from the slate",
        "Appoint Ann Smith to Chief executive",
        "Add a successor",
        "Record a review",
        "Ask the chair to sign off",
    ):
        assert action in page
    assert "Move up Ann Smith" not in page
    assert "Move down Cat Smith" not in page


def test_the_slate_says_where_each_successor_works(
    client_for, hr_director, post, trust, other_trust
):
    nominate(post, PersonFactory(organisation=trust, first_name="Ann", last_name="Inside"))
    nominate(
        post,
        PersonFactory(organisation=other_trust, first_name="Bea", last_name="Across"),
        **AGREED,
    )
    nominate(post, PersonFactory(organisation=None, first_name="Cy", last_name="Between"))

    page = text_of(client_for(hr_director).get(url("plan_manage", post)))

    assert f"Ann Inside {trust.display_name} Ready now" in page
    assert f"Bea Across {other_trust.display_name} Another organisation Ready now" in page
    assert "Cy Between None recorded Ready now" in page


def test_hr_director_moves_a_successor_up_the_slate(client_for, hr_director, post, slate):
    client = client_for(hr_director)

    response = client.post(
        url("nomination_move", post, slate[2].pk),
        {"direction": "up", "version": version_of(post)},
    )

    assert response.status_code == 302
    assert response["Location"] == url("plan_manage", post) + "#slate"
    assert slate_names(post) == ["Ann Smith", "Cat Smith", "Ben Smith"]
    assert "Cat Smith is now number 2 on the slate" in text_of(client.get(response["Location"]))


def test_hr_director_reorders_the_whole_slate_at_once(client_for, hr_director, post, slate):
    ann, ben, cat = slate

    response = client_for(hr_director).post(
        url("slate_reorder", post),
        {"order": [cat.pk, ann.pk, ben.pk], "version": version_of(post)},
    )

    assert response.status_code == 302
    assert slate_names(post) == ["Cat Smith", "Ann Smith", "Ben Smith"]


def test_a_reorder_that_leaves_someone_out_is_refused(client_for, hr_director, post, slate):
    ann, ben, _cat = slate
    client = client_for(hr_director)

    response = client.post(
        url("slate_reorder", post), {"order": [ben.pk, ann.pk], "version": version_of(post)}
    )

    assert response.status_code == 302
    assert slate_names(post) == ["Ann Smith", "Ben Smith", "Cat Smith"]
    assert "every successor on the slate once" in text_of(client.get(response["Location"]))


def test_hr_director_names_emergency_cover_and_can_stop(client_for, hr_director, post, slate):
    client = client_for(hr_director)
    ben = slate[1]

    client.post(
        url("nomination_emergency_cover", post, ben.pk),
        {"value": "on", "version": version_of(post)},
    )
    ben.refresh_from_db()
    assert ben.is_emergency_cover
    page = text_of(client.get(url("plan_manage", post)))
    assert "Ben Smith is now emergency cover" in page
    assert "Stop naming Ben Smith as emergency cover" in page

    client.post(
        url("nomination_emergency_cover", post, ben.pk),
        {"value": "off", "version": version_of(post)},
    )
    ben.refresh_from_db()
    assert not ben.is_emergency_cover


def test_hr_director_changes_readiness_and_notes(client_for, hr_director, post, slate):
    client = client_for(hr_director)
    form = client.get(url("nomination_edit", post, slate[0].pk))
    assert form.status_code == 200

    response = client.post(
        url("nomination_edit", post, slate[0].pk),
        {
            "readiness": Readiness.THREE_TO_FIVE_YEARS,
            "notes": "Needs board experience",
            "version": field_value(form, "version"),
        },
    )

    assert response.status_code == 302
    slate[0].refresh_from_db()
    assert slate[0].readiness == Readiness.THREE_TO_FIVE_YEARS
    assert slate[0].notes == "Needs board experience"


def test_a_tampered_readiness_on_the_change_page_gets_a_field_error(
    client_for, hr_director, post, slate
):
    response = client_for(hr_director).post(
        url("nomination_edit", post, slate[0].pk),
        {"readiness": "ready_yesterday", "notes": "", "version": version_of(post)},
    )

    assert response.status_code == 200
    assert "readiness" in response.context["form"].errors
    slate[0].refresh_from_db()
    assert slate[0].readiness == Readiness.READY_NOW


def test_removing_a_successor_asks_for_a_reason(client_for, hr_director, post, slate):
    client = client_for(hr_director)
    page = client.get(url("nomination_remove", post, slate[0].pk))
    assert "Remove Ann Smith from the slate?" in text_of(page)

    refused = client.post(
        url("nomination_remove", post, slate[0].pk), {"reason": "  ", "version": version_of(post)}
    )
    assert refused.status_code == 200
    assert refused.context["form"].errors["reason"] == ["Enter why this successor is being removed"]

    client.post(
        url("nomination_remove", post, slate[0].pk),
        {"reason": "Moved abroad", "version": version_of(post)},
    )
    slate[0].refresh_from_db()
    assert slate[0].status == NominationStatus.REMOVED
    assert slate_names(post) == ["Ben Smith", "Cat Smith"]


def test_a_successor_no_longer_on_the_slate_cannot_be_changed(client_for, hr_director, post, slate):
    services.nomination_remove(nomination=slate[0], reason="Left the NHS")
    client = client_for(hr_director)

    response = client.get(url("nomination_edit", post, slate[0].pk))

    assert response.status_code == 302
    assert "Ann Smith is no longer on the slate" in text_of(client.get(response["Location"]))


def test_hr_director_records_a_review_but_not_in_the_future(client_for, hr_director, post):
    client = client_for(hr_director)
    today = timezone.localdate()

    future = client.post(
        url("plan_review", post),
        {**date_fields("reviewed_on", today + dt.timedelta(days=3)), "version": version_of(post)},
    )
    assert future.status_code == 200
    assert future.context["review_form"].errors["reviewed_on"] == [
        "The date of the review must be today or in the past"
    ]
    post.plan.refresh_from_db()
    assert post.plan.last_reviewed_on is None

    done = client.post(
        url("plan_review", post), {**date_fields("reviewed_on", today), "version": version_of(post)}
    )
    assert done.status_code == 302
    post.plan.refresh_from_db()
    assert post.plan.last_reviewed_on == today
    assert post.plan.last_reviewed_by == hr_director


# --- Edit conflicts -------------------------------------------------------------------------


def test_a_second_editors_stale_save_is_refused_and_their_input_kept(
    client_for, hr_director, trust, post, slate
):
    second_editor = user_with_role(Role.HR_DIRECTOR, trust, first_name="Dan", last_name="Deputy")
    first = client_for(hr_director)
    first_form = first.get(url("nomination_edit", post, slate[0].pk))
    second = Client()
    second.force_login(second_editor)
    second_form = second.get(url("nomination_edit", post, slate[0].pk))
    loaded = field_value(first_form, "version")
    assert loaded == field_value(second_form, "version")

    saved = first.post(
        url("nomination_edit", post, slate[0].pk),
        {"readiness": Readiness.ONE_TO_TWO_YEARS, "notes": "", "version": loaded},
    )
    assert saved.status_code == 302

    stale = second.post(
        url("nomination_edit", post, slate[0].pk),
        {"readiness": Readiness.READY_NOW, "notes": "My careful notes", "version": loaded},
    )

    assert stale.status_code == 409
    page = text_of(stale)
    assert "Someone else changed this while you were editing it" in page
    assert "Changed Ann Smith’s readiness from ready now to ready in 1–2 years" in page
    assert "My careful notes" in page
    assert field_value(stale, "version") == str(version_of(post))
    slate[0].refresh_from_db()
    assert slate[0].readiness == Readiness.ONE_TO_TWO_YEARS
    assert slate[0].notes == ""


def test_a_move_from_a_stale_plan_page_is_refused_with_what_changed(
    client_for, hr_director, post, slate
):
    loaded = version_of(post)
    services.nomination_remove(nomination=slate[2], reason="Retired", expected_version=loaded)

    response = client_for(hr_director).post(
        url("nomination_move", post, slate[1].pk), {"direction": "up", "version": loaded}
    )

    assert response.status_code == 409
    page = text_of(response)
    assert "Someone else changed this plan after you loaded the page" in page
    assert "Removed Cat Smith from the slate: Retired" in page
    assert slate_names(post) == ["Ann Smith", "Ben Smith"]


# --- Asking the chair and signing off -------------------------------------------------------


def test_asking_for_sign_off_emails_the_chair_a_link(
    client_for, hr_director, chair, post, slate, django_capture_on_commit_callbacks
):
    client = client_for(hr_director)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("plan_request_sign_off", post), {"version": version_of(post)})

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [chair.email]
    assert "Chief executive" in message.subject
    assert f"http://testserver{url('plan_sign_off', post)}" in message.body
    post.plan.refresh_from_db()
    assert post.plan.sign_off_requested_by == hr_director
    page = text_of(client.get(url("plan_manage", post)))
    assert "You asked the chair to sign off this plan" in page
    assert "waiting for the chair" in page


def test_the_chair_signs_off_the_slate_they_saw_and_later_changes_show(
    client_for, hr_director, chair, post, slate
):
    services.plan_request_sign_off(plan=post.plan, by=hr_director)
    chair_client = client_for(chair)
    page = chair_client.get(url("plan_sign_off", post))
    assert page.status_code == 200
    assert "Ann Smith" in text_of(page)

    response = chair_client.post(
        url("plan_sign_off", post),
        {"comment": "Discussed at the board", "version": field_value(page, "version")},
    )

    assert response.status_code == 302
    assert response["Location"].startswith(url("post_detail", post))
    sign_off = SignOff.objects.get(plan=post.plan)
    assert sign_off.signed_by == chair
    assert sign_off.comment == "Discussed at the board"
    assert [entry["name"] for entry in sign_off.slate] == ["Ann Smith", "Ben Smith", "Cat Smith"]
    post.plan.refresh_from_db()
    assert post.plan.sign_off_requested_at is None

    # The HR director changes the slate after the sign-off.
    hr_client = client_for(hr_director)
    hr_client.post(
        url("nomination_move", post, slate[2].pk), {"direction": "up", "version": version_of(post)}
    )
    plan_page = text_of(hr_client.get(url("plan_manage", post)))
    assert "Changed since sign-off" in plan_page
    assert "Cat Smith: moved from 3 to 2" in plan_page

    sign_off_page = text_of(client_for(chair).get(url("plan_sign_off", post)))
    assert "Changed since sign-off" in sign_off_page
    assert "Cat Smith: moved from 3 to 2" in sign_off_page
    assert "Ben Smith: moved from 2 to 3" in sign_off_page


def test_a_sign_off_from_a_page_loaded_before_a_change_is_refused(
    client_for, hr_director, chair, post, slate
):
    chair_client = client_for(chair)
    page = chair_client.get(url("plan_sign_off", post))
    services.nomination_update(
        nomination=slate[1], readiness=Readiness.THREE_TO_FIVE_YEARS, notes=""
    )

    response = chair_client.post(
        url("plan_sign_off", post),
        {"comment": "Happy with this", "version": field_value(page, "version")},
    )

    assert response.status_code == 409
    text = text_of(response)
    assert "Changed Ben Smith’s readiness from ready now to ready in 3–5 years" in text
    assert "Happy with this" in text
    assert not SignOff.objects.exists()
    assert field_value(response, "version") == str(version_of(post))


def test_the_issues_journey_from_nomination_to_a_plan_changed_since_sign_off(
    client_for, hr_director, chair, post, trust, other_trust, django_capture_on_commit_callbacks
):
    own = PersonFactory(organisation=trust, first_name="Ben", last_name="Own")
    nominate(post, own)
    pool_member = TalentProfileFactory(
        person=PersonFactory(organisation=other_trust, first_name="Ada", last_name="Pool")
    ).person
    alice = client_for(hr_director)

    # Alice finds the other trust's pool member and puts them on the slate.
    assert "Ada Pool" in text_of(alice.get(url("nomination_add", post), {"q": "Pool"}))
    alice.post(
        url("nomination_add", post),
        {"person": pool_member.pk, "readiness": Readiness.READY_NOW, "version": version_of(post)},
    )
    ada = Nomination.objects.get(person=pool_member)
    # She moves Ada to the top and names her as emergency cover.
    alice.post(
        url("nomination_move", post, ada.pk), {"direction": "up", "version": version_of(post)}
    )
    alice.post(
        url("nomination_emergency_cover", post, ada.pk),
        {"value": "on", "version": version_of(post)},
    )
    assert slate_names(post) == ["Ada Pool", "Ben Own"]
    # She asks the chair, who gets an email with the link.
    with django_capture_on_commit_callbacks(execute=True):
        alice.post(url("plan_request_sign_off", post), {"version": version_of(post)})
    assert [message.to for message in mail.outbox] == [[chair.email]]

    # Carol signs off what she sees.
    carol = client_for(chair)
    page = carol.get(url("plan_sign_off", post))
    carol.post(url("plan_sign_off", post), {"version": field_value(page, "version")})
    assert SignOff.objects.get().slate[0]["name"] == "Ada Pool"

    # Alice changes Ben's readiness afterwards: the pages say so.
    alice = client_for(hr_director)
    ben = Nomination.objects.get(person=own)
    alice.post(
        url("nomination_edit", post, ben.pk),
        {"readiness": Readiness.ONE_TO_TWO_YEARS, "notes": "", "version": version_of(post)},
    )
    difference = "Ben Own: readiness changed from ready now to ready in 1–2 years"
    for page_url in (url("plan_manage", post), url("post_detail", post)):
        page = text_of(alice.get(page_url))
        assert "Changed since sign-off" in page
        assert difference in page
    page = text_of(client_for(chair).get(url("plan_sign_off", post)))
    assert "Changed since sign-off" in page
    assert difference in page


# --- Who may do what ------------------------------------------------------------------------


def nomination_pages(post, nomination):
    """(method, url, data) for every plan page and action of a post."""
    version = {"version": 1}
    return [
        ("get", url("plan_manage", post), {}),
        ("get", url("nomination_add", post), {}),
        ("post", url("nomination_add", post), {"person": nomination.person_id, **version}),
        ("post", url("slate_reorder", post), {"order": [nomination.pk], **version}),
        ("post", url("plan_review", post), version),
        ("post", url("plan_request_sign_off", post), version),
        ("get", url("plan_sign_off", post), {}),
        ("post", url("plan_sign_off", post), version),
        ("get", url("nomination_edit", post, nomination.pk), {}),
        ("post", url("nomination_edit", post, nomination.pk), version),
        ("post", url("nomination_move", post, nomination.pk), {"direction": "up", **version}),
        ("post", url("nomination_emergency_cover", post, nomination.pk), {"value": "on"}),
        ("get", url("nomination_remove", post, nomination.pk), {}),
        ("post", url("nomination_remove", post, nomination.pk), {"reason": "x", **version}),
        ("get", url("nomination_appoint", post, nomination.pk), {}),
        ("post", url("nomination_appoint", post, nomination.pk), version),
    ]


def test_another_trusts_hr_director_gets_404_on_every_plan_page(
    client_for, other_hr_director, post, slate
):
    client = client_for(other_hr_director)

    for method, page, data in nomination_pages(post, slate[0]):
        response = getattr(client, method)(page, data)
        assert response.status_code == 404, (method, page)
    assert slate_names(post) == ["Ann Smith", "Ben Smith", "Cat Smith"]


def test_a_nomination_of_another_post_is_not_found_through_this_one(
    client_for, hr_director, post, trust, slate
):
    elsewhere = nominate(make_post(trust, PostRole.FINANCE_DIRECTOR), PersonFactory(), **AGREED)

    response = client_for(hr_director).get(url("nomination_edit", post, elsewhere.pk))

    assert response.status_code == 404


def test_the_chair_may_not_keep_the_plan(client_for, chair, post, slate):
    client = client_for(chair)

    for method, page, data in nomination_pages(post, slate[0]):
        if "sign-off/" in page and "request" not in page:
            continue
        response = getattr(client, method)(page, data)
        assert response.status_code == 403, (method, page)
    assert slate_names(post) == ["Ann Smith", "Ben Smith", "Cat Smith"]


def test_the_hr_director_may_not_sign_off(client_for, hr_director, post):
    client = client_for(hr_director)

    assert client.get(url("plan_sign_off", post)).status_code == 403
    assert client.post(url("plan_sign_off", post), {"version": 1}).status_code == 403
    assert not SignOff.objects.exists()


# --- Appointing a successor -----------------------------------------------------------------


@pytest.fixture
def deputy_post(trust):
    return make_post(trust, PostRole.CHIEF_OPERATING_OFFICER, "Chief operating officer")


@pytest.fixture
def appointee(deputy_post, trust):
    person = PersonFactory(organisation=trust, first_name="Rosa", last_name="Parks")
    IncumbencyFactory(post=deputy_post, person=person, started_on=dt.date(2021, 1, 1))
    return person


def test_appointing_a_successor_who_holds_another_post_leaves_it_vacant(
    client_for, hr_director, post, deputy_post, appointee, trust
):
    IncumbencyFactory(post=post, started_on=dt.date(2018, 1, 1))
    nomination = nominate(post, appointee)
    client = client_for(hr_director)
    form = client.get(url("nomination_appoint", post, nomination.pk))
    assert form.status_code == 200
    assert "Who will hold Chief operating officer for the time being?" in text_of(form)
    start = dt.date(2026, 4, 1)

    response = client.post(
        url("nomination_appoint", post, nomination.pk),
        {
            **date_fields("started_on", start),
            "kind": IncumbencyKind.SUBSTANTIVE,
            "interim_person": "",
            "version": field_value(form, "version"),
        },
    )

    assert response.status_code == 302
    incumbency = Incumbency.objects.current().get(post=post)
    assert incumbency.person == appointee
    assert response["Location"] == url("appointment_done", post, incumbency.pk)
    assert not Incumbency.objects.current().filter(post=deputy_post).exists()
    left = Incumbency.objects.get(post=deputy_post, person=appointee)
    assert left.departure_reason == DepartureReason.APPOINTED_ELSEWHERE

    done = client.get(response["Location"])
    page = text_of(done)
    assert "Rosa Parks now holds Chief executive" in page
    assert "Chief operating officer at" in page
    assert "is now vacant" in page
    assert f'href="{url("post_detail", deputy_post)}"' in done.content.decode()


def test_appointing_with_an_interim_named_leaves_the_interim_holding_the_old_post(
    client_for, hr_director, post, deputy_post, appointee, trust
):
    deputy = PersonFactory(organisation=trust, first_name="Tom", last_name="Deputy")
    nomination = nominate(post, appointee)
    client = client_for(hr_director)

    response = client.post(
        url("nomination_appoint", post, nomination.pk),
        {
            **date_fields("started_on", dt.date(2026, 4, 1)),
            "kind": IncumbencyKind.INTERIM,
            "interim_person": deputy.pk,
            "version": version_of(post),
        },
    )

    assert response.status_code == 302
    holder = Incumbency.objects.current().get(post=deputy_post)
    assert (holder.person, holder.kind) == (deputy, IncumbencyKind.INTERIM)
    assert Incumbency.objects.current().get(post=post).kind == IncumbencyKind.INTERIM
    page = text_of(client.get(response["Location"]))
    assert "is now held by Tom Deputy (interim)" in page


def test_an_interim_from_another_trust_cannot_be_named(
    client_for, hr_director, post, deputy_post, appointee, other_trust
):
    stranger = PersonFactory(organisation=other_trust)
    nomination = nominate(post, appointee)

    response = client_for(hr_director).post(
        url("nomination_appoint", post, nomination.pk),
        {
            **date_fields("started_on", dt.date(2026, 4, 1)),
            "kind": IncumbencyKind.SUBSTANTIVE,
            "interim_person": stranger.pk,
            "version": version_of(post),
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["interim_person"] == [
        "Choose someone from the list, or no one"
    ]
    assert Incumbency.objects.current().get(post=deputy_post).person == appointee


def test_a_post_held_at_another_trust_is_named_without_a_link_and_left_to_that_trust(
    client_for, hr_director, post, other_trust
):
    their_post = make_post(other_trust, PostRole.FINANCE_DIRECTOR, "Finance director")
    pool_member = TalentProfileFactory(
        person=PersonFactory(organisation=other_trust, first_name="Kit", last_name="Marlow")
    ).person
    IncumbencyFactory(post=their_post, person=pool_member, started_on=dt.date(2020, 1, 1))
    nomination = nominate(post, pool_member)
    client = client_for(hr_director)
    form = client.get(url("nomination_appoint", post, nomination.pk))
    assert "interim_person" not in form.context["form"].fields

    response = client.post(
        url("nomination_appoint", post, nomination.pk),
        {
            **date_fields("started_on", dt.date(2026, 4, 1)),
            "kind": IncumbencyKind.SUBSTANTIVE,
            "version": version_of(post),
        },
    )

    done = client.get(response["Location"])
    page = text_of(done)
    assert (
        f"Finance director at {other_trust.display_name}: expected to leave on 1 April 2026" in page
    )
    assert "is now vacant" not in page
    assert url("post_detail", their_post) not in done.content.decode()
    assert Incumbency.objects.current().get(post=their_post).person == pool_member


def test_an_appointment_page_of_another_trust_is_not_found(
    client_for, other_hr_director, post, appointee
):
    nomination = nominate(post, appointee)
    appointment = services.successor_appoint(nomination=nomination, started_on=dt.date(2026, 4, 1))

    response = client_for(other_hr_director).get(
        url("appointment_done", post, appointment.incumbency.pk)
    )

    assert response.status_code == 404
