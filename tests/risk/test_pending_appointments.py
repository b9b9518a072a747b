"""A post whose appointee starts on a later day: the method scores it on the holder (or vacancy)
it has now, with the appointee as a successor ready now who covers it until they start."""

import datetime as dt

import pytest

from risk.loader import load_post_facts
from risk.scoring import DEFAULT_METHOD, Holder, PostFacts, Successor, score_post
from succession import services
from succession.models import IncumbencyKind, PostRole
from talent.models import Readiness
from tests.succession.factories import IncumbencyFactory, make_post
from tests.talent.factories import PersonFactory

TODAY = dt.date(2026, 11, 23)
STARTS = dt.date(2027, 1, 1)
REVIEWED = dt.date(2026, 10, 1)


def facts(*, holders=(), successors=()) -> PostFacts:
    return PostFacts(
        post_id=1,
        holders=holders,
        successors=successors,
        last_reviewed_on=REVIEWED,
        oversight_segment=2,
    )


def appointee() -> Successor:
    return Successor(
        person_id=2, readiness=Readiness.READY_NOW, is_emergency_cover=True, starts_on=STARTS
    )


def test_a_filled_post_a_post_with_a_pending_appointee_and_a_vacancy_score_apart():
    staying = Holder(person_id=1, kind=IncumbencyKind.SUBSTANTIVE, started_on=dt.date(2020, 1, 1))
    leaving = Holder(
        person_id=1,
        kind=IncumbencyKind.SUBSTANTIVE,
        started_on=dt.date(2020, 1, 1),
        expected_departure_on=STARTS,
    )

    filled = score_post(facts(holders=(staying,)), DEFAULT_METHOD, today=TODAY)
    handing_over = score_post(
        facts(holders=(leaving,), successors=(appointee(),)), DEFAULT_METHOD, today=TODAY
    )
    vacant_until_then = score_post(facts(successors=(appointee(),)), DEFAULT_METHOD, today=TODAY)
    vacant = score_post(facts(), DEFAULT_METHOD, today=TODAY)

    assert filled.factors == {
        "no_ready_now_successor": 20,
        "no_successor_within_2_years": 10,
        "no_emergency_cover": 10,
    }
    assert handing_over.factors == {"leaving_within_12_months": 20}
    assert vacant_until_then.factors == {"post_vacant": 30}
    assert vacant.score == 70
    assert handing_over.score < filled.score < vacant.score
    assert vacant_until_then.score < vacant.score


@pytest.mark.django_db
def test_the_loader_gives_a_pending_appointee_as_a_successor_and_keeps_the_holder(trust):
    held = make_post(trust, PostRole.CHIEF_EXECUTIVE, "Chief executive")
    IncumbencyFactory(post=held, started_on=dt.date(2020, 1, 1))
    handing_over = make_post(trust, PostRole.FINANCE_DIRECTOR, "Finance director")
    IncumbencyFactory(post=handing_over, started_on=dt.date(2020, 1, 1))
    vacant = make_post(trust, PostRole.MEDICAL_DIRECTOR, "Medical director")
    for post in (handing_over, vacant):
        post.plan.refresh_from_db()
        nomination = services.nomination_add(
            plan=post.plan, person=PersonFactory(organisation=trust), readiness="ready_now"
        )
        services.successor_appoint(nomination=nomination, started_on=STARTS)

    loaded = load_post_facts(today=TODAY)

    assert loaded[held.pk].successors == ()
    assert [s.starts_on for s in loaded[handing_over.pk].successors] == [STARTS]
    assert loaded[handing_over.pk].current_holder.expected_departure_on == STARTS
    assert loaded[vacant.pk].current_holder is None
    assert [s.readiness for s in loaded[vacant.pk].successors] == [Readiness.READY_NOW]
    scores = {
        pk: score_post(loaded[pk], DEFAULT_METHOD, today=TODAY).factors
        for pk in (held.pk, handing_over.pk, vacant.pk)
    }
    assert "leaving_within_12_months" in scores[handing_over.pk]
    assert "no_ready_now_successor" not in scores[handing_over.pk]
    assert "no_emergency_cover" not in scores[handing_over.pk]
    assert "post_vacant" in scores[vacant.pk]
    assert "no_ready_now_successor" in scores[held.pk]


@pytest.mark.django_db
def test_on_the_start_date_the_loader_gives_the_appointee_as_the_holder(trust):
    post = make_post(trust, PostRole.CHIEF_EXECUTIVE, "Chief executive")
    nomination = services.nomination_add(
        plan=post.plan, person=PersonFactory(organisation=trust), readiness="ready_now"
    )
    services.successor_appoint(nomination=nomination, started_on=STARTS)

    loaded = load_post_facts(today=STARTS)[post.pk]

    assert loaded.current_holder.person_id == nomination.person_id
    assert loaded.successors == ()
