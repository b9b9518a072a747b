import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from succession import selectors, services
from succession.history import post_history
from succession.models import Incumbency, IncumbencyKind, NominationStatus, SignOff
from talent.models import PostRole, Readiness
from tests.succession.factories import IncumbencyFactory, make_post
from tests.talent.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(trust):
    return make_post(trust, PostRole.CHIEF_EXECUTIVE, "Chief executive")


def add(post, person, readiness=Readiness.READY_NOW, **kwargs):
    post.plan.refresh_from_db()
    return services.nomination_add(plan=post.plan, person=person, readiness=readiness, **kwargs)


def test_a_new_post_has_an_empty_succession_plan(post):
    assert post.plan.nominations.count() == 0
    assert post.version == 1


def test_a_stale_post_edit_is_refused_and_says_what_the_other_editor_changed(post, hr_director):
    services.post_update(post=post, expected_version=1, title="Chief executive officer")

    with pytest.raises(services.EditConflict) as conflict:
        services.post_update(post=post, expected_version=1, title="CEO")

    post.refresh_from_db()
    assert post.title == "Chief executive officer"
    assert any("Chief executive officer" in change.text for change in conflict.value.changes)
    assert conflict.value.current_version == 2


def test_recording_a_new_holder_ends_the_previous_holders_time(post, trust):
    first = IncumbencyFactory(post=post, started_on=dt.date(2020, 1, 1))
    newcomer = PersonFactory(organisation=trust)

    services.incumbency_start(
        post=post, person=newcomer, kind=IncumbencyKind.INTERIM, started_on=dt.date(2025, 6, 1)
    )

    first.refresh_from_db()
    assert first.ended_on == dt.date(2025, 6, 1)
    assert Incumbency.objects.current().get(post=post).person == newcomer


def test_a_holder_cannot_start_before_the_previous_one(post, trust):
    IncumbencyFactory(post=post, started_on=dt.date(2020, 1, 1))

    with pytest.raises(ValidationError) as error:
        services.incumbency_start(
            post=post,
            person=PersonFactory(organisation=trust),
            kind=IncumbencyKind.SUBSTANTIVE,
            started_on=dt.date(2019, 1, 1),
        )
    assert "started_on" in error.value.message_dict


def test_an_expected_departure_before_the_start_is_refused(post, trust):
    with pytest.raises(ValidationError) as error:
        services.incumbency_start(
            post=post,
            person=PersonFactory(organisation=trust),
            kind=IncumbencyKind.SUBSTANTIVE,
            started_on=dt.date(2024, 1, 1),
            expected_departure_on=dt.date(2023, 1, 1),
        )
    assert "expected_departure_on" in error.value.message_dict


def test_the_holder_cannot_be_their_own_successor(post):
    holder = IncumbencyFactory(post=post).person

    with pytest.raises(ValidationError) as error:
        add(post, holder)
    assert "holds this post" in error.value.message_dict["person"][0]


def test_a_person_cannot_be_nominated_twice_to_one_plan(post, trust):
    person = PersonFactory(organisation=trust)
    add(post, person)

    with pytest.raises(ValidationError) as error:
        add(post, person)
    assert "already on this slate" in error.value.message_dict["person"][0]


def test_a_readiness_outside_the_scale_is_refused(post, trust):
    with pytest.raises(ValidationError) as error:
        add(post, PersonFactory(organisation=trust), readiness="ready_tomorrow")
    assert "readiness" in error.value.message_dict


def test_new_successors_join_the_end_of_the_slate_and_can_be_moved(post, trust):
    first = add(post, PersonFactory(organisation=trust))
    second = add(post, PersonFactory(organisation=trust))

    services.nomination_move(nomination=second, direction="up", expected_version=None)

    first.refresh_from_db()
    second.refresh_from_db()
    assert (second.rank, first.rank) == (1, 2)


def test_only_one_successor_is_emergency_cover(post, trust):
    first = add(post, PersonFactory(organisation=trust), is_emergency_cover=True)
    second = add(post, PersonFactory(organisation=trust))

    services.nomination_set_emergency_cover(nomination=second, is_emergency_cover=True)

    first.refresh_from_db()
    assert not first.is_emergency_cover
    assert post.plan.nominations.filter(is_emergency_cover=True).get() == second


def test_removing_a_successor_needs_a_reason_and_closes_the_gap(post, trust):
    first = add(post, PersonFactory(organisation=trust))
    second = add(post, PersonFactory(organisation=trust))

    with pytest.raises(ValidationError):
        services.nomination_remove(nomination=first, reason="  ")
    services.nomination_remove(nomination=first, reason="Moved to a post abroad")

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == NominationStatus.REMOVED
    assert second.rank == 1


def test_a_stale_slate_change_is_refused_with_what_changed(post, trust):
    person = PersonFactory(organisation=trust, first_name="Grace", last_name="Hopper")
    loaded_version = post.plan.version
    add(post, person, expected_version=loaded_version)

    with pytest.raises(services.EditConflict) as conflict:
        add(post, PersonFactory(organisation=trust), expected_version=loaded_version)
    assert any("Grace Hopper" in change.text for change in conflict.value.changes)


def test_a_sign_off_freezes_the_slate_and_later_changes_show_the_difference(post, trust, chair):
    person = PersonFactory(organisation=trust, first_name="Ada", last_name="King")
    nomination = add(post, person, readiness=Readiness.ONE_TO_TWO_YEARS)
    sign_off = services.plan_sign_off(plan=post.plan, by=chair)

    services.nomination_update(nomination=nomination, readiness=Readiness.READY_NOW, notes="")

    sign_off.refresh_from_db()
    assert sign_off.slate[0]["readiness"] == Readiness.ONE_TO_TWO_YEARS
    differences = selectors.slate_differences(sign_off.slate, selectors.slate_snapshot(post.plan))
    assert differences == ["Ada King: readiness changed from ready in 1–2 years to ready now"]


def test_a_sign_off_cannot_be_altered(post, chair):
    sign_off = services.plan_sign_off(plan=post.plan, by=chair)
    sign_off.comment = "changed"

    with pytest.raises(ValueError):
        sign_off.save()
    assert SignOff.objects.get().comment == ""


def test_appointing_a_successor_moves_them_and_leaves_their_old_post_vacant(post, trust):
    IncumbencyFactory(post=post, started_on=dt.date(2019, 1, 1))
    old_post = make_post(trust, PostRole.CHIEF_OPERATING_OFFICER, "Chief operating officer")
    appointee = IncumbencyFactory(post=old_post, started_on=dt.date(2021, 1, 1)).person
    nomination = add(post, appointee)

    appointment = services.successor_appoint(nomination=nomination, started_on=dt.date(2026, 1, 1))

    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.SUCCEEDED
    assert Incumbency.objects.current().get(post=post).person == appointee
    assert appointment.vacated[0].post == old_post
    assert appointment.vacated[0].interim is None
    assert not Incumbency.objects.current().filter(post=old_post).exists()


def test_appointing_with_a_named_interim_fills_the_post_left_behind(post, trust):
    old_post = make_post(trust, PostRole.FINANCE_DIRECTOR, "Finance director")
    appointee = IncumbencyFactory(post=old_post, started_on=dt.date(2021, 1, 1)).person
    deputy = PersonFactory(organisation=trust)
    nomination = add(post, appointee)

    appointment = services.successor_appoint(
        nomination=nomination, started_on=dt.date(2026, 1, 1), interim_person=deputy
    )

    interim = appointment.vacated[0].interim
    assert interim.person == deputy and interim.kind == IncumbencyKind.INTERIM
    assert Incumbency.objects.current().get(post=old_post).person == deputy


def test_the_history_of_a_post_is_told_in_plain_words(post, trust):
    person = PersonFactory(organisation=trust, first_name="Mary", last_name="Seacole")
    nomination = add(post, person, readiness=Readiness.THREE_TO_FIVE_YEARS)
    services.nomination_update(nomination=nomination, readiness=Readiness.READY_NOW, notes="")
    services.nomination_remove(nomination=nomination, reason="Retired")

    texts = [entry.text for entry in post_history(post)]

    assert "Created the post “Chief executive”" in texts
    assert "Nominated Mary Seacole as a successor, ready in 3–5 years" in texts
    assert "Changed Mary Seacole’s readiness from ready in 3–5 years to ready now" in texts
    assert "Removed Mary Seacole from the slate: Retired" in texts


def test_an_appointed_successor_shows_as_appointed_not_removed_since_sign_off(
    post, trust, chair, clock
):
    appointee = PersonFactory(organisation=trust, first_name="Rosa", last_name="Patel")
    nomination = add(post, appointee)
    sign_off = services.plan_sign_off(plan=post.plan, by=chair)
    clock.shift(60)

    services.successor_appoint(nomination=nomination, started_on=dt.date(2026, 1, 1))

    assert selectors.changes_since_sign_off(post.plan, sign_off) == [
        "Rosa Patel appointed to the post"
    ]


def test_a_conflict_lists_only_what_changed_after_the_editor_loaded_the_plan(post, trust, clock):
    add(post, PersonFactory(organisation=trust, first_name="Early", last_name="Bird"))
    post.plan.refresh_from_db()
    loaded_version = post.plan.version
    clock.shift(60)
    add(post, PersonFactory(organisation=trust, first_name="Late", last_name="Comer"))

    with pytest.raises(services.EditConflict) as conflict:
        add(post, PersonFactory(organisation=trust), expected_version=loaded_version)

    texts = " ".join(change.text for change in conflict.value.changes)
    assert "Late Comer" in texts
    assert "Early Bird" not in texts
