"""Calibration sessions: the grid of a cohort, moves with a reason, closing to publish."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from talent.models import CalibrationPlacement, NineBoxPlacement, PlacementKind
from talent.services import calibration as services
from talent.services.pool import cohort_membership_add
from tests.talent.factories import CohortFactory, CohortMembershipFactory, pool_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(trust):
    cohort = CohortFactory(name="2026 cohort")
    for first, last, performance, potential in (
        ("Amara", "Bello", 2, 3),
        ("Ben", "Carter", 3, 3),
        ("Chloe", "Dunn", 1, 2),
    ):
        person = pool_member(
            trust, first_name=first, last_name=last, performance=performance, potential=potential
        )
        CohortMembershipFactory(cohort=cohort, person=person)
    return cohort


@pytest.fixture
def session(cohort, talent_team):
    return services.calibration_session_open(
        cohort=cohort, held_on=dt.date(2026, 3, 12), by=talent_team
    )


def placement_of(session, last_name):
    return session.placements.get(person__last_name=last_name)


def move_data(placement, performance, potential, reason="Evidence from the panel"):
    prefix = f"p{placement.person_id}"
    return {
        f"{prefix}-person": placement.person_id,
        f"{prefix}-version": placement.version,
        f"{prefix}-performance": performance,
        f"{prefix}-potential": potential,
        f"{prefix}-reason": reason,
    }


def test_the_national_team_opens_a_session_and_everyone_in_the_cohort_starts_where_they_stand(
    client_for, talent_team, cohort
):
    person = cohort.memberships.get(person__last_name="Bello").person
    person.talent_profile.calibrated_performance = 3
    person.talent_profile.calibrated_potential = 3
    person.talent_profile.save()

    response = client_for(talent_team).post(
        reverse("talent:calibration_open"),
        {"cohort": cohort.pk, "held_on_day": 12, "held_on_month": 3, "held_on_year": 2026},
        follow=True,
    )

    assert f"Calibration of {cohort} opened." in response.text
    placement = CalibrationPlacement.objects.get(person=person)
    assert (placement.performance, placement.potential) == (3, 3)  # the calibrated value
    assert CalibrationPlacement.objects.count() == 3


def test_a_cohort_has_one_open_session_at_a_time(cohort, session):
    with pytest.raises(ValidationError, match="already has an open calibration session"):
        services.calibration_session_open(cohort=cohort, held_on=dt.date(2026, 3, 13))


def test_the_grid_is_an_accessible_table_with_a_move_form_for_each_person(
    client_for, talent_team, session
):
    response = client_for(talent_team).get(reverse("talent:calibration_session", args=[session.pk]))

    text = response.text
    assert response.status_code == 200
    assert "<caption" in text and "Nine-box grid" in text
    assert '<th class="nhsuk-table__header" scope="col">High performance</th>' in text
    assert '<th class="nhsuk-table__header" scope="row">High potential</th>' in text
    assert text.count("data-calibration-move=") == 3  # a plain form per person: no JS needed
    assert 'aria-label="High performance, high potential: 1 person"' in text
    assert "js/calibration.mjs" in text


def test_moving_a_person_with_a_reason_logs_who_when_and_why(client_for, talent_team, session):
    placement = placement_of(session, "Dunn")

    response = client_for(talent_team).post(
        reverse("talent:calibration_move", args=[session.pk]),
        move_data(placement, 2, 3, "Strong evidence of system leadership"),
        follow=True,
    )

    assert "Chloe Dunn moved to moderate performance, high potential." in response.text
    assert "Strong evidence of system leadership" in response.text
    move = NineBoxPlacement.objects.get(kind=PlacementKind.MOVE)
    assert (move.previous_performance, move.previous_potential) == (1, 2)
    assert (move.performance, move.potential) == (2, 3)
    assert move.placed_by == talent_team and move.session == session
    # The profile keeps its original placement until the session is closed.
    placement.person.talent_profile.refresh_from_db()
    assert placement.person.talent_profile.calibrated_performance is None


def test_a_move_without_a_reason_is_refused_at_the_field(client_for, talent_team, session):
    placement = placement_of(session, "Dunn")

    response = client_for(talent_team).post(
        reverse("talent:calibration_move", args=[session.pk]), move_data(placement, 3, 3, "")
    )

    assert response.status_code == 200
    assert "Enter the reason for moving them" in response.text
    assert not NineBoxPlacement.objects.filter(kind=PlacementKind.MOVE).exists()


def test_a_move_from_a_stale_page_says_who_moved_them_and_changes_nothing(
    client_for, talent_team, session
):
    placement = placement_of(session, "Dunn")
    stale = move_data(placement, 3, 3, "My reason")
    services.calibration_move(
        placement=placement, performance=2, potential=2, reason="Colleague's reason",
        by=talent_team, expected_version=placement.version,
    )  # fmt: skip

    response = client_for(talent_team).post(
        reverse("talent:calibration_move", args=[session.pk]), stale
    )

    assert response.status_code == 409
    assert "Someone else moved Chloe Dunn" in response.text
    assert "Colleague&#x27;s reason" in response.text
    assert "My reason" in response.text  # their input stays on the form
    placement.refresh_from_db()
    assert (placement.performance, placement.potential) == (2, 2)


def test_closing_publishes_calibrated_values_which_show_on_profiles_with_their_history(
    client_for, talent_team, session
):
    moved = placement_of(session, "Dunn")
    services.calibration_move(
        placement=moved, performance=2, potential=3, reason="Panel evidence", by=talent_team
    )
    client = client_for(talent_team)
    confirm = client.get(reverse("talent:calibration_close", args=[session.pk]))
    assert "1 person was moved" in confirm.text

    response = client.post(reverse("talent:calibration_close", args=[session.pk]), follow=True)

    assert "3 calibrated values published to profiles" in response.text
    profile = client.get(reverse("talent:pool_profile", args=[moved.person_id]))
    assert "Moderate performance, high potential<br>" in profile.text  # calibrated
    assert "Low performance, moderate potential" in profile.text  # original, kept
    assert "Moved in calibration from low performance, moderate potential" in profile.text
    assert "Calibrated value published: moderate performance, high potential" in profile.text
    assert "Panel evidence" in profile.text
    moved.person.talent_profile.refresh_from_db()
    assert moved.person.talent_profile.calibrated_on == session.held_on


def test_after_closing_nobody_can_be_moved(client_for, talent_team, session):
    placement = placement_of(session, "Dunn")
    services.calibration_session_close(session=session, by=talent_team)

    response = client_for(talent_team).post(
        reverse("talent:calibration_move", args=[session.pk]),
        move_data(placement, 3, 3),
        follow=True,
    )
    with pytest.raises(ValidationError, match="closed"):
        services.calibration_move(placement=placement, performance=3, potential=3, reason="x")

    assert "This calibration session is closed" in response.text
    assert "data-calibration-move=" not in response.text
    assert not NineBoxPlacement.objects.filter(kind=PlacementKind.MOVE).exists()


def test_someone_joining_the_cohort_during_a_session_joins_its_grid(trust, cohort, session):
    person = pool_member(trust, performance=2, potential=1)

    cohort_membership_add(person=person, cohort=cohort, joined_on=cohort.starts_on)

    placement = session.placements.get(person=person)
    assert (placement.performance, placement.potential) == (2, 1)


def test_only_the_national_team_may_calibrate(
    client_for, hr_director, chair, administrator, pledge_lead, session
):
    urls = [
        reverse("talent:calibration_list"),
        reverse("talent:calibration_session", args=[session.pk]),
        reverse("talent:calibration_close", args=[session.pk]),
    ]
    for user in (hr_director, chair, administrator, pledge_lead):
        client = client_for(user)
        for url in urls:
            assert client.get(url).status_code == 403
        assert client.post(reverse("talent:calibration_move", args=[session.pk])).status_code == 403
