"""The organisation board, the post page and the forms that keep posts and holders current."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from succession import services
from succession.history import post_history
from succession.models import DepartureReason, Incumbency, IncumbencyKind, Post
from talent.models import Person, PostRole, Readiness
from tests.accounts.factories import MembershipFactory, user_with_role
from tests.orgs.factories import OrganisationFactory
from tests.pages import date_fields, text_of
from tests.succession.factories import IncumbencyFactory, make_post
from tests.talent.factories import PersonFactory, TalentProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(trust):
    return make_post(trust, PostRole.CHIEF_EXECUTIVE, "Chief Executive", is_top_200=True)


@pytest.fixture
def holder(post, trust):
    person = PersonFactory(organisation=trust, first_name="Grace", last_name="Holden")
    return IncumbencyFactory(post=post, person=person, started_on=dt.date(2021, 4, 1))


def nominate(post, person, readiness=Readiness.READY_NOW, **kwargs):
    post.plan.refresh_from_db()
    return services.nomination_add(plan=post.plan, person=person, readiness=readiness, **kwargs)


def url(name, *args):
    return reverse(f"succession:{name}", args=args)


# --- My organisation ----------------------------------------------------------------------------


def test_my_organisation_takes_an_hr_director_to_their_organisations_board(
    client_for, hr_director, trust
):
    response = client_for(hr_director).get(url("my_organisation"))

    assert response.status_code == 302
    assert response.url == url("board", trust.ods_code)


def test_my_organisation_takes_a_chair_to_their_organisations_board(client_for, chair, trust):
    response = client_for(chair).get(url("my_organisation"))

    assert response.url == url("board", trust.ods_code)


def test_my_organisation_lists_the_organisations_of_someone_who_acts_for_several(
    client_for, hr_director, trust
):
    second = OrganisationFactory(name="NORTH TEES AND HARTLEPOOL NHS FOUNDATION TRUST")
    MembershipFactory(user=hr_director, organisation=second, role=Role.CHAIR)

    response = client_for(hr_director).get(url("my_organisation"))

    assert response.status_code == 200
    page = text_of(response)
    assert "Guy's and St Thomas' NHS Foundation Trust" in page
    assert "North Tees and Hartlepool NHS Foundation Trust" in page
    assert url("board", second.ods_code) in response.content.decode()


def test_my_organisation_sends_the_national_talent_team_to_the_organisations(
    client_for, talent_team
):
    response = client_for(talent_team).get(url("my_organisation"))

    assert response.status_code == 302
    assert response.url == reverse("orgs:list")


def test_my_organisation_is_forbidden_to_a_pledge_lead(client_for, pledge_lead):
    assert client_for(pledge_lead).get(url("my_organisation")).status_code == 403


# --- The board ----------------------------------------------------------------------------------


def test_board_shows_every_open_post_with_its_holder_status_and_successor_coverage(
    client_for, hr_director, trust, post, holder
):
    for readiness in (Readiness.READY_NOW, Readiness.THREE_TO_FIVE_YEARS, Readiness.READY_NOW):
        nominate(post, PersonFactory(organisation=trust), readiness)
    abolished = make_post(trust, PostRole.CHAIR, "Chair of the old board")
    Post.objects.filter(pk=abolished.pk).update(abolished_on=dt.date(2024, 1, 1))

    response = client_for(hr_director).get(url("board", trust.ods_code))

    assert response.status_code == 200
    page = text_of(response)
    assert "Chief Executive" in page
    assert "Chair of the old board" not in page
    row = re.search(r"Chief Executive.*?</tr>", response.content.decode(), flags=re.S).group(0)
    row_text = " ".join(re.sub(r"<[^>]+>", " ", row).split())
    assert "Grace Holden" in row_text
    assert "Substantive" in row_text
    cells = re.findall(r'nhsuk-table__cell--numeric">(\d+)<', row)
    assert cells == ["2", "0", "1"]  # ready now, 1–2 years, 3–5 years
    assert "None named" in row_text


def test_board_marks_top_200_posts_in_words(client_for, hr_director, trust, post):
    make_post(trust, PostRole.FINANCE_DIRECTOR, "Director of Finance")

    response = client_for(hr_director).get(url("board", trust.ods_code))

    html = response.content.decode()
    assert html.count('class="nhsuk-tag nhsuk-tag--blue">Top 200') == 1
    assert "one of the national top-200 posts" in html


def test_board_shows_a_vacant_post_as_a_tag_and_counts_it(client_for, chair, trust, post, holder):
    make_post(trust, PostRole.FINANCE_DIRECTOR, "Director of Finance")
    interim = make_post(trust, PostRole.MEDICAL_DIRECTOR, "Medical Director")
    IncumbencyFactory(post=interim, kind=IncumbencyKind.INTERIM)
    covered = PersonFactory(organisation=trust)
    nominate(post, covered, Readiness.READY_NOW, is_emergency_cover=True)

    response = client_for(chair).get(url("board", trust.ods_code))

    html = response.content.decode()
    assert '<strong class="nhsuk-tag nhsuk-tag--red">Vacant</strong>' in html
    summary = response.context["summary"]
    assert (summary.posts, summary.vacant, summary.interim_or_acting) == (3, 1, 1)
    assert (summary.without_ready_now, summary.without_emergency_cover) == (2, 2)
    page = text_of(response)
    assert "Posts 3 Vacant 1 Held by an interim or acting holder 1" in page
    assert "Without a successor ready now 2 Without emergency cover 2" in page


def test_board_sorts_by_a_column_in_either_order_and_marks_the_sorted_column(
    client_for, hr_director, trust
):
    for role, title, last_name in [
        (PostRole.CHIEF_EXECUTIVE, "Chief Executive", "Morgan"),
        (PostRole.FINANCE_DIRECTOR, "Director of Finance", "Adams"),
        (PostRole.CHIEF_NURSE, "Chief Nurse", "Zephaniah"),
    ]:
        post = make_post(trust, role, title)
        IncumbencyFactory(post=post, person=PersonFactory(organisation=trust, last_name=last_name))
    client = client_for(hr_director)

    ascending = client.get(url("board", trust.ods_code), {"sort": "holder"})
    descending = client.get(url("board", trust.ods_code), {"sort": "holder", "order": "desc"})

    def order(response):
        page = text_of(response).split("Reviewed", 1)[1]
        return sorted(("Adams", "Morgan", "Zephaniah"), key=page.index)

    assert order(ascending) == ["Adams", "Morgan", "Zephaniah"]
    assert order(descending) == ["Zephaniah", "Morgan", "Adams"]
    html = descending.content.decode()
    assert html.count("aria-sort=") == 1
    assert re.search(
        r'aria-sort="descending">\s*<a class="nhsuk-link" href="\?sort=holder&amp;order=asc">Holder',
        html,
    )
    # Every column is sortable with a plain link, without JavaScript.
    assert "?sort=departure&amp;order=asc" in html
    assert "?sort=reviewed&amp;order=asc" in html


def test_board_ignores_a_sort_it_does_not_know(client_for, hr_director, trust, post):
    response = client_for(hr_director).get(url("board", trust.ods_code), {"sort": "salary"})

    assert response.status_code == 200
    assert 'aria-sort="ascending">' in response.content.decode()


def test_hr_director_can_add_and_upload_posts_from_the_board(client_for, hr_director, trust):
    response = client_for(hr_director).get(url("board", trust.ods_code))

    html = response.content.decode()
    assert "Add a post" in html
    assert url("post_create", trust.ods_code) in html
    assert "Upload posts and holders" in html
    assert url("import_upload", trust.ods_code) in html


def test_chair_sees_the_board_without_the_buttons_to_change_it(client_for, chair, trust, post):
    response = client_for(chair).get(url("board", trust.ods_code))

    assert response.status_code == 200
    assert "Chief Executive" in text_of(response)
    assert "Add a post" not in text_of(response)
    assert "Upload posts and holders" not in text_of(response)


def test_hr_director_cannot_see_another_trusts_board(client_for, other_hr_director, trust, post):
    response = client_for(other_hr_director).get(url("board", trust.ods_code))

    assert response.status_code == 404


def test_national_talent_team_can_see_any_board_but_not_add_posts(
    client_for, talent_team, trust, other_trust, post
):
    make_post(other_trust, PostRole.CHIEF_EXECUTIVE, "Chief Executive Officer")
    client = client_for(talent_team)

    assert "Chief Executive" in text_of(client.get(url("board", trust.ods_code)))
    other = client.get(url("board", other_trust.ods_code))
    assert "Chief Executive Officer" in text_of(other)
    assert "Add a post" not in text_of(other)


# --- Adding a post ------------------------------------------------------------------------------


def test_hr_director_adds_a_post_with_its_plan(client_for, hr_director, trust):
    response = client_for(hr_director).post(
        url("post_create", trust.ods_code),
        {
            "title": "Chief Operating Officer",
            "role": PostRole.CHIEF_OPERATING_OFFICER,
            "is_top_200": "on",
            "criticality": "critical",
        },
    )

    post = Post.objects.get(title="Chief Operating Officer")
    assert response.status_code == 302
    assert response.url == url("post_detail", post.pk)
    assert post.organisation == trust
    assert post.is_top_200
    assert post.criticality == "critical"
    assert post.plan is not None


def test_adding_a_post_without_a_title_says_so_and_keeps_the_rest(client_for, hr_director, trust):
    response = client_for(hr_director).post(
        url("post_create", trust.ods_code),
        {"title": "", "role": PostRole.CHIEF_NURSE, "criticality": "high"},
    )

    assert response.status_code == 200
    assert "Enter the post title" in text_of(response)
    assert 'value="chief_nurse" selected' in response.content.decode()
    assert not Post.objects.exists()


def test_chair_cannot_add_a_post(client_for, chair, trust):
    client = client_for(chair)

    assert client.get(url("post_create", trust.ods_code)).status_code == 403
    response = client.post(
        url("post_create", trust.ods_code),
        {"title": "Chief Nurse", "role": PostRole.CHIEF_NURSE, "criticality": "high"},
    )
    assert response.status_code == 403
    assert not Post.objects.exists()


def test_hr_director_cannot_add_a_post_to_another_trust(client_for, other_hr_director, trust):
    response = client_for(other_hr_director).get(url("post_create", trust.ods_code))

    assert response.status_code == 404


# --- The post page ------------------------------------------------------------------------------


def test_post_page_shows_the_post_its_holder_and_the_slate(
    client_for, hr_director, trust, other_trust, post, holder
):
    Incumbency.objects.filter(pk=holder.pk).update(
        expected_departure_on=dt.date(2026, 3, 31), departure_reason=DepartureReason.RETIREMENT
    )
    own = PersonFactory(organisation=trust, first_name="Asha", last_name="Patel")
    pool = TalentProfileFactory(
        person=PersonFactory(organisation=other_trust, first_name="Ben", last_name="Okafor")
    ).person
    nominate(post, own, Readiness.READY_NOW, is_emergency_cover=True)
    nominate(post, pool, Readiness.ONE_TO_TWO_YEARS)

    response = client_for(hr_director).get(url("post_detail", post.pk))

    assert response.status_code == 200
    page = text_of(response)
    assert "Chief Executive" in page
    assert "Top 200" in page
    assert "Role Chief executive" in page
    assert "Criticality High" in page
    assert "Name Grace Holden Status Substantive In post since 1 April 2021" in page
    assert "Expected departure 31 March 2026 (retirement)" in page
    assert (
        "1 Asha Patel Guy's and St Thomas' NHS Foundation Trust Ready now Emergency cover" in page
    )
    assert "2 Ben Okafor Royal Devon and Exeter NHS Foundation Trust Ready in 1–2 years No" in page
    assert "Manage the succession plan" in page
    assert "Sign off the plan" not in page
    for action in (
        "Record a new holder or interim",
        "Record an expected departure",
        "Record that the holder left",
    ):
        assert action in page


def test_post_page_flags_a_successor_named_for_many_posts(client_for, chair, trust, post):
    busy = PersonFactory(organisation=trust, first_name="Sam", last_name="Busy")
    nominate(post, busy)
    for title in ("Director of Finance", "Chief Operating Officer"):
        nominate(make_post(trust, PostRole.OTHER_EXECUTIVE_DIRECTOR, title), busy)

    response = client_for(chair).get(url("post_detail", post.pk))

    assert "Sam Busy Named for 3 posts" in text_of(response)


def test_chair_sees_the_post_with_a_link_to_sign_off_but_no_editing(
    client_for, chair, post, holder
):
    response = client_for(chair).get(url("post_detail", post.pk))

    page = text_of(response)
    assert response.status_code == 200
    assert "Sign off the plan" in page
    assert url("plan_sign_off", post.pk) in response.content.decode()
    assert "Manage the succession plan" not in page
    assert "Record a new holder" not in page
    assert "Change the post’s details" not in page


def test_post_page_shows_the_review_and_the_sign_off_request(client_for, chair, hr_director, post):
    added_in_2024(post)
    services.plan_record_review(
        plan=post.plan, reviewed_on=dt.date(2025, 1, 15), by=hr_director, expected_version=None
    )
    services.plan_request_sign_off(plan=post.plan, by=hr_director)

    page = text_of(client_for(chair).get(url("post_detail", post.pk)))

    today = timezone.localdate()
    reviewer = hr_director.get_full_name()
    assert f"Last reviewed 15 January 2025 by {reviewer}" in page
    assert f"Sign-off Asked of the chair on {today:%-d %B %Y} by {reviewer}" in page


def test_post_page_lists_every_holder_with_their_dates_and_footing(
    client_for, hr_director, trust, post
):
    first = PersonFactory(organisation=trust, first_name="Ada", last_name="First")
    second = PersonFactory(organisation=trust, first_name="Bo", last_name="Second")
    services.incumbency_start(
        post=post, person=first, kind=IncumbencyKind.SUBSTANTIVE, started_on=dt.date(2019, 1, 7)
    )
    services.incumbency_start(
        post=post,
        person=second,
        kind=IncumbencyKind.INTERIM,
        started_on=dt.date(2023, 2, 1),
        previous_holder_reason=DepartureReason.RESIGNATION,
    )

    page = text_of(client_for(hr_director).get(url("post_detail", post.pk)))

    assert "Bo Second Interim 1 February 2023 In post now" in page
    assert "Ada First Substantive 7 January 2019 1 February 2023 Resignation" in page


def test_post_page_tells_the_history_in_plain_words_newest_first(
    client_for, hr_director, trust, post, clock
):
    client = client_for(hr_director)
    clock.shift(60)
    client.post(
        url("post_edit", post.pk),
        {
            "title": "Chief Executive Officer",
            "role": PostRole.CHIEF_EXECUTIVE,
            "is_top_200": "on",
            "criticality": "critical",
            "version": post.version,
        },
    )
    clock.shift(60)
    nominate(post, PersonFactory(organisation=trust, first_name="Asha", last_name="Patel"))

    page = text_of(client.get(url("post_detail", post.pk)))

    history = page.split("Change history", 1)[1]
    assert "Nominated Asha Patel as a successor, ready now" in history
    assert "Changed the post’s title from Chief Executive to Chief Executive Officer" in history
    assert "Changed the post’s criticality from high to critical" in history
    assert hr_director.get_full_name() in history
    assert history.index("Nominated Asha Patel") < history.index("Changed the post’s title")
    assert history.index("Changed the post’s title") < history.index("Created the post")


def test_post_page_shows_the_latest_fifty_changes_with_a_link_to_all_of_them(
    client_for, hr_director, post
):
    for number in range(55):
        services.post_update(post=post, expected_version=None, title=f"Chief Executive {number}")
    client = client_for(hr_director)

    capped = client.get(url("post_detail", post.pk))
    everything = client.get(url("post_detail", post.pk), {"history": "all"})

    changes = len(post_history(post))
    assert changes > 55
    assert len(capped.context["history"]) == 50
    assert f"Show all {changes} changes" in text_of(capped)
    assert len(everything.context["history"]) == changes
    assert "Show all" not in text_of(everything)


def test_post_page_shows_what_changed_since_the_chair_signed_off(client_for, chair, trust, post):
    asha = nominate(post, PersonFactory(organisation=trust, first_name="Asha", last_name="Patel"))
    services.plan_sign_off(plan=post.plan, by=chair, comment="A strong slate")
    client = client_for(chair)

    before = text_of(client.get(url("post_detail", post.pk)))
    post.plan.refresh_from_db()
    services.nomination_update(
        nomination=asha, readiness=Readiness.ONE_TO_TWO_YEARS, notes="", expected_version=None
    )
    nominate(
        post,
        PersonFactory(organisation=trust, first_name="Ben", last_name="Okafor"),
        Readiness.THREE_TO_FIVE_YEARS,
    )
    after = text_of(client.get(url("post_detail", post.pk)))

    signer = chair.get_full_name()
    assert f"Last signed off by {signer}" in before
    assert "The slate has not changed since" in before
    assert "Changed since sign-off" not in before
    assert "A strong slate" in before
    assert "Changed since sign-off" in after
    assert "Asha Patel: readiness changed from ready now to ready in 1–2 years" in after
    assert "Ben Okafor added (ready in 3–5 years)" in after
    # The slate as signed stays as it was.
    assert "1 Asha Patel Ready now No" in after


def test_hr_director_cannot_see_another_trusts_post(client_for, other_hr_director, post):
    assert client_for(other_hr_director).get(url("post_detail", post.pk)).status_code == 404


def test_national_talent_team_can_see_any_post_but_not_change_it(client_for, talent_team, post):
    response = client_for(talent_team).get(url("post_detail", post.pk))

    assert response.status_code == 200
    assert "Record a new holder" not in text_of(response)


def test_a_vacant_post_says_so_and_offers_only_to_record_a_holder(client_for, hr_director, post):
    page = text_of(client_for(hr_director).get(url("post_detail", post.pk)))

    assert "Vacant" in page
    assert "This post is vacant" in page
    assert "Record a new holder or interim" in page
    assert "Record that the holder left" not in page


# --- Changing a post ----------------------------------------------------------------------------


def edit_data(post, **changes):
    data = {
        "title": post.title,
        "role": post.role,
        "criticality": post.criticality,
        "version": post.version,
    }
    if post.is_top_200:
        data["is_top_200"] = "on"
    data.update(changes)
    return data


def test_hr_director_changes_a_posts_details(client_for, hr_director, post):
    response = client_for(hr_director).post(
        url("post_edit", post.pk), edit_data(post, title="Chief Executive Officer", is_top_200="")
    )

    assert response.status_code == 302
    post.refresh_from_db()
    assert post.title == "Chief Executive Officer"
    assert not post.is_top_200
    assert post.version == 2


def test_post_edit_form_starts_with_the_posts_details(client_for, hr_director, post):
    response = client_for(hr_director).get(url("post_edit", post.pk))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Chief Executive"' in html
    assert 'name="version" value="1"' in html


def test_a_stale_post_edit_is_refused_showing_the_other_change_and_keeping_the_input(
    client_for, hr_director, post
):
    loaded_version = post.version
    services.post_update(post=post, expected_version=loaded_version, title="Chief Executive (CEO)")

    response = client_for(hr_director).post(
        url("post_edit", post.pk),
        edit_data(post, title="Accountable Officer", version=loaded_version),
    )

    assert response.status_code == 409
    page = text_of(response)
    assert "Someone else changed this while you were editing it" in page
    assert "What the other person changed" in page
    assert "Changed the post’s title from Chief Executive to Chief Executive (CEO)" in page
    html = response.content.decode()
    assert 'value="Accountable Officer"' in html
    assert f'name="version" value="{loaded_version + 1}"' in html
    post.refresh_from_db()
    assert post.title == "Chief Executive (CEO)"


def test_chair_cannot_change_a_post(client_for, chair, post):
    client = client_for(chair)

    assert client.get(url("post_edit", post.pk)).status_code == 403
    assert client.post(url("post_edit", post.pk), edit_data(post, title="X")).status_code == 403
    post.refresh_from_db()
    assert post.title == "Chief Executive"


def test_hr_director_cannot_change_another_trusts_post(client_for, other_hr_director, post):
    response = client_for(other_hr_director).post(
        url("post_edit", post.pk), edit_data(post, title="X")
    )

    assert response.status_code == 404


# --- Recording a new holder ---------------------------------------------------------------------


def holder_data(post, **changes):
    data = {
        "person": "",
        "first_name": "",
        "last_name": "",
        "work_email": "",
        "professional_background": "other",
        "kind": IncumbencyKind.SUBSTANTIVE,
        **date_fields("started_on", dt.date(2025, 6, 1)),
        **date_fields("expected_departure_on", None),
        "departure_reason": "",
        "previous_holder_reason": "",
        "version": post.version,
    }
    for name, value in changes.items():
        if isinstance(value, dt.date) or (value is None and name.endswith("_on")):
            data.update(date_fields(name, value))
        else:
            data[name] = value
    return data


def test_hr_director_records_someone_from_the_organisation_as_interim_holder(
    client_for, hr_director, trust, post, holder
):
    newcomer = PersonFactory(organisation=trust, first_name="Ines", last_name="Interim")

    response = client_for(hr_director).post(
        url("holder_new", post.pk),
        holder_data(
            post,
            person=newcomer.pk,
            kind=IncumbencyKind.INTERIM,
            previous_holder_reason=DepartureReason.SECONDMENT,
        ),
    )

    assert response.status_code == 302
    current = Incumbency.objects.current().get(post=post)
    assert (current.person, current.kind) == (newcomer, IncumbencyKind.INTERIM)
    holder.refresh_from_db()
    assert holder.ended_on == dt.date(2025, 6, 1)
    assert holder.departure_reason == DepartureReason.SECONDMENT
    page = text_of(client_for(hr_director).get(url("post_detail", post.pk)))
    assert "Recorded Ines Interim as interim holder of Chief Executive" in page
    assert "Recorded Ines Interim as interim holder from 1 June 2025" in page


def test_holder_form_offers_only_the_organisations_people_except_the_holder(
    client_for, hr_director, trust, other_trust, post, holder
):
    colleague = PersonFactory(organisation=trust, first_name="Cara", last_name="Colleague")
    PersonFactory(organisation=other_trust, first_name="Otto", last_name="Outsider")

    response = client_for(hr_director).get(url("holder_new", post.pk))

    html = response.content.decode()
    assert response.status_code == 200
    assert f'value="{colleague.pk}"' in html
    assert "Cara Colleague" in html
    assert "Otto Outsider" not in html
    assert f'<option value="{holder.person.pk}"' not in html


def test_hr_director_records_someone_new_as_holder_and_they_join_the_organisations_people(
    client_for, hr_director, trust, post
):
    response = client_for(hr_director).post(
        url("holder_new", post.pk),
        holder_data(
            post,
            first_name="Nia",
            last_name="Newcomer",
            work_email="Nia.Newcomer@nhs.net",
            professional_background="finance",
            expected_departure_on=dt.date(2028, 5, 31),
            departure_reason=DepartureReason.END_OF_FIXED_TERM,
        ),
    )

    assert response.status_code == 302
    person = Person.objects.get(last_name="Newcomer")
    assert person.organisation == trust
    assert person.work_email == "nia.newcomer@nhs.net"
    assert person.professional_background == "finance"
    current = Incumbency.objects.current().get(post=post)
    assert current.person == person
    assert current.expected_departure_on == dt.date(2028, 5, 31)


def test_an_expected_departure_before_the_start_is_shown_at_the_field_and_nothing_is_saved(
    client_for, hr_director, post
):
    response = client_for(hr_director).post(
        url("holder_new", post.pk),
        holder_data(
            post,
            first_name="Nia",
            last_name="Newcomer",
            started_on=dt.date(2025, 6, 1),
            expected_departure_on=dt.date(2024, 6, 1),
        ),
    )

    assert response.status_code == 200
    html = response.content.decode()
    error = re.search(
        r'id="id_expected_departure_on-error">.*?Error: </span>(.*?)</span>', html, flags=re.S
    )
    assert "The expected departure date must be after the start date" in error.group(1)
    assert 'value="Newcomer"' in html
    assert not Incumbency.objects.exists()
    assert not Person.objects.filter(last_name="Newcomer").exists()


def test_a_start_before_the_current_holders_is_refused_at_the_field(
    client_for, hr_director, trust, post, holder
):
    response = client_for(hr_director).post(
        url("holder_new", post.pk),
        holder_data(
            post, person=PersonFactory(organisation=trust).pk, started_on=dt.date(2020, 1, 1)
        ),
    )

    assert response.status_code == 200
    assert "The start date must be on or after 1 April 2021" in text_of(response)
    assert Incumbency.objects.current().get(post=post) == holder


def test_recording_a_holder_needs_someone_chosen_or_added_but_not_both(
    client_for, hr_director, trust, post
):
    client = client_for(hr_director)

    nobody = client.post(url("holder_new", post.pk), holder_data(post))
    both = client.post(
        url("holder_new", post.pk),
        holder_data(post, person=PersonFactory(organisation=trust).pk, first_name="Nia"),
    )
    half = client.post(url("holder_new", post.pk), holder_data(post, first_name="Nia"))

    assert "Choose who holds the post now, or add someone new" in text_of(nobody)
    assert "Choose someone from the list or add someone new, not both" in text_of(both)
    assert "Enter the new holder’s last name" in text_of(half)
    assert not Incumbency.objects.exists()


def test_recording_a_holder_on_a_post_changed_meanwhile_is_refused_with_the_change_shown(
    client_for, hr_director, trust, post
):
    loaded_version = post.version
    services.post_update(post=post, expected_version=None, criticality="critical")

    response = client_for(hr_director).post(
        url("holder_new", post.pk),
        holder_data(post, first_name="Nia", last_name="Newcomer", version=loaded_version),
    )

    assert response.status_code == 409
    assert "Changed the post’s criticality from high to critical" in text_of(response)
    assert 'value="Newcomer"' in response.content.decode()
    assert not Person.objects.filter(last_name="Newcomer").exists()


def test_chair_cannot_record_a_holder(client_for, chair, trust, post):
    client = client_for(chair)
    person = PersonFactory(organisation=trust)

    assert client.get(url("holder_new", post.pk)).status_code == 403
    response = client.post(url("holder_new", post.pk), holder_data(post, person=person.pk))
    assert response.status_code == 403
    assert not Incumbency.objects.exists()


def test_hr_director_cannot_record_a_holder_of_another_trusts_post(
    client_for, other_hr_director, post
):
    assert client_for(other_hr_director).get(url("holder_new", post.pk)).status_code == 404


# --- Expected departure and leaving -------------------------------------------------------------


def test_hr_director_records_when_the_holder_is_expected_to_leave(
    client_for, hr_director, post, holder
):
    response = client_for(hr_director).post(
        url("holder_departure", post.pk),
        {
            **date_fields("expected_departure_on", dt.date(2026, 9, 30)),
            "departure_reason": DepartureReason.RETIREMENT,
            "version": post.version,
        },
    )

    assert response.status_code == 302
    holder.refresh_from_db()
    assert holder.expected_departure_on == dt.date(2026, 9, 30)
    assert holder.departure_reason == DepartureReason.RETIREMENT


def test_an_expected_departure_before_the_holder_started_is_refused(
    client_for, hr_director, post, holder
):
    response = client_for(hr_director).post(
        url("holder_departure", post.pk),
        {**date_fields("expected_departure_on", dt.date(2020, 1, 1)), "version": post.version},
    )

    assert response.status_code == 200
    assert "The expected departure date must be after the holder started" in text_of(response)
    holder.refresh_from_db()
    assert holder.expected_departure_on is None


def test_a_half_typed_date_is_refused_with_what_is_missing(client_for, hr_director, post, holder):
    response = client_for(hr_director).post(
        url("holder_departure", post.pk),
        {
            "expected_departure_on_day": "30",
            "expected_departure_on_month": "",
            "expected_departure_on_year": "2026",
            "version": post.version,
        },
    )

    assert response.status_code == 200
    assert "Expected departure date must include a month" in text_of(response)


def test_hr_director_records_that_the_holder_left_and_the_post_shows_as_vacant(
    client_for, hr_director, trust, post, holder
):
    client = client_for(hr_director)

    response = client.post(
        url("holder_left", post.pk),
        {
            **date_fields("ended_on", dt.date(2025, 3, 31)),
            "departure_reason": DepartureReason.RESIGNATION,
            "version": post.version,
        },
    )

    assert response.status_code == 302
    holder.refresh_from_db()
    assert holder.ended_on == dt.date(2025, 3, 31)
    assert holder.departure_reason == DepartureReason.RESIGNATION
    board = client.get(url("board", trust.ods_code))
    assert board.context["rows"][0].status == "Vacant"
    page = text_of(client.get(url("post_detail", post.pk)))
    assert "This post is vacant: Grace Holden left on 31 March 2025" in page
    assert "Recorded that Grace Holden left on 31 March 2025" in page


def test_leaving_before_starting_is_refused_at_the_field(client_for, hr_director, post, holder):
    response = client_for(hr_director).post(
        url("holder_left", post.pk),
        {
            **date_fields("ended_on", dt.date(2020, 3, 31)),
            "departure_reason": DepartureReason.RESIGNATION,
            "version": post.version,
        },
    )

    assert response.status_code == 200
    assert "The date they left must be on or after 1 April 2021" in text_of(response)
    holder.refresh_from_db()
    assert holder.ended_on is None


def test_a_vacant_post_has_no_holder_to_leave(client_for, hr_director, post):
    response = client_for(hr_director).get(url("holder_left", post.pk))

    assert response.status_code == 302
    assert response.url == url("post_detail", post.pk)


def test_chair_cannot_record_departures(client_for, chair, post, holder):
    client = client_for(chair)

    assert client.get(url("holder_departure", post.pk)).status_code == 403
    assert client.get(url("holder_left", post.pk)).status_code == 403
    response = client.post(
        url("holder_left", post.pk),
        {
            **date_fields("ended_on", dt.date(2025, 3, 31)),
            "departure_reason": DepartureReason.RESIGNATION,
            "version": post.version,
        },
    )
    assert response.status_code == 403
    holder.refresh_from_db()
    assert holder.ended_on is None


def test_hr_director_cannot_record_departures_from_another_trusts_post(
    client_for, other_hr_director, post, holder
):
    client = client_for(other_hr_director)

    assert client.get(url("holder_departure", post.pk)).status_code == 404
    assert client.get(url("holder_left", post.pk)).status_code == 404


def test_a_stale_departure_is_refused_with_the_change_shown(client_for, hr_director, post, holder):
    loaded_version = post.version
    services.post_update(post=post, expected_version=None, title="Chief Executive (CEO)")

    response = client_for(hr_director).post(
        url("holder_departure", post.pk),
        {
            **date_fields("expected_departure_on", dt.date(2026, 9, 30)),
            "departure_reason": DepartureReason.RETIREMENT,
            "version": loaded_version,
        },
    )

    assert response.status_code == 409
    assert "Chief Executive (CEO)" in text_of(response)
    assert 'value="30"' in response.content.decode()
    holder.refresh_from_db()
    assert holder.expected_departure_on is None


def test_only_signed_in_users_see_the_board(client, trust):
    response = client.get(url("board", trust.ods_code))

    assert response.status_code == 302
    assert reverse("accounts:login") in response.url


def test_a_user_with_roles_in_two_trusts_sees_each_board(client_for, trust, other_trust):
    both = user_with_role(Role.HR_DIRECTOR, trust, username="dana")
    MembershipFactory(user=both, organisation=other_trust, role=Role.HR_DIRECTOR)
    client = client_for(both)

    assert client.get(url("board", trust.ods_code)).status_code == 200
    assert client.get(url("board", other_trust.ods_code)).status_code == 200


def test_holder_forms_name_the_current_holder(client_for, hr_director, post, holder):
    client = client_for(hr_director)

    new = text_of(client.get(url("holder_new", post.pk)))
    departure = text_of(client.get(url("holder_departure", post.pk)))
    left = text_of(client.get(url("holder_left", post.pk)))

    assert "Current holder Grace Holden (substantive, since 1 April 2021)" in new
    assert "Why Grace Holden left (optional)" in new
    assert "When is Grace Holden expected to leave?" in departure
    assert "Record that Grace Holden left" in left


def added_in_2024(post):
    """A post the service has known since 2024, so its plan may have been reviewed since then."""
    type(post).objects.filter(pk=post.pk).update(created_at=dt.datetime(2024, 4, 1, tzinfo=dt.UTC))
    post.refresh_from_db()
