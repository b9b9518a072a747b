"""An appointment that starts on a later day is pending: the holder (or the vacancy) stays until
then, the pages say who starts when, and on the start date the post is held, with no job run."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from succession import selectors, services
from succession.models import Incumbency, PostRole
from tests.clock import LONDON
from tests.pages import text_of
from tests.succession.factories import IncumbencyFactory, make_post
from tests.talent.factories import PersonFactory

pytestmark = pytest.mark.django_db

STARTS = dt.date(2027, 1, 1)


@pytest.fixture
def post(trust):
    return make_post(trust, PostRole.CHIEF_EXECUTIVE, "Chief executive")


@pytest.fixture
def holder(post):
    person = PersonFactory(organisation=post.organisation, first_name="Sam", last_name="Okafor")
    return IncumbencyFactory(post=post, person=person, started_on=dt.date(2020, 1, 1))


@pytest.fixture
def jane(post):
    return PersonFactory(organisation=post.organisation, first_name="Jane", last_name="Francis")


def appoint(post, person, started_on=STARTS):
    post.plan.refresh_from_db()
    nomination = services.nomination_add(plan=post.plan, person=person, readiness="ready_now")
    return services.successor_appoint(nomination=nomination, started_on=started_on)


def test_the_holder_stays_until_a_future_appointment_starts(post, holder, jane):
    appoint(post, jane)

    assert selectors.current_incumbency(post) == holder
    assert selectors.pending_incumbency(post).person == jane
    holder.refresh_from_db()
    assert holder.ended_on == STARTS and holder.is_current


def test_a_vacant_post_stays_vacant_until_the_appointment_starts(post, jane, hr_director):
    appoint(post, jane)

    assert selectors.current_incumbency(post) is None
    rows = selectors.organisation_board(user=hr_director, organisation=post.organisation)
    assert selectors.board_summary(rows).vacant == 1


def test_on_the_start_date_the_appointee_holds_the_post_with_no_job_run(post, holder, jane, clock):
    appoint(post, jane)

    clock.move_to(dt.datetime(2027, 1, 1, 0, 1, tzinfo=LONDON))

    assert selectors.current_incumbency(post).person == jane
    assert selectors.pending_incumbency(post) is None
    assert not Incumbency.objects.get(pk=holder.pk).is_current


def test_an_appointment_today_holds_the_post_at_once(post, holder, jane, today):
    appoint(post, jane, started_on=dt.date(2026, 11, 23))

    assert selectors.current_incumbency(post).person == jane


def test_no_other_holder_can_be_recorded_while_an_appointment_is_pending(post, holder, jane):
    appoint(post, jane)
    post.refresh_from_db()

    with pytest.raises(ValidationError) as refused:
        services.incumbency_start(
            post=post,
            person=PersonFactory(organisation=post.organisation),
            kind="interim",
            started_on=dt.date(2026, 11, 30),
        )
    assert "Jane Francis starts in this post on 1 January 2027" in str(refused.value)


def test_the_post_page_says_who_starts_when_and_who_holds_it_now(
    post, holder, jane, hr_director, client_for
):
    appoint(post, jane)

    page = text_of(client_for(hr_director).get(reverse("succession:post_detail", args=[post.pk])))

    assert "Jane Francis starts on 1 January 2027." in page
    assert "Appointment pending" in page
    assert "Sam Okafor" in page.split("Current holder", 1)[1].split("Jane Francis", 1)[0]
    assert "This post is vacant" not in page


def test_the_plan_page_says_who_starts_when(post, jane, hr_director, client_for):
    appoint(post, jane)

    page = text_of(client_for(hr_director).get(reverse("succession:plan_manage", args=[post.pk])))

    assert "Vacant. Jane Francis starts on 1 January 2027" in page


def test_the_board_does_not_count_a_post_with_a_pending_appointee_as_held(
    post, holder, jane, hr_director, client_for
):
    other = make_post(post.organisation, PostRole.FINANCE_DIRECTOR, "Finance director")
    appoint(other, jane)

    rows = selectors.organisation_board(user=hr_director, organisation=post.organisation)

    assert [row.holder for row in rows if row.post == other] == [None]
    assert selectors.board_summary(rows).vacant == 1
