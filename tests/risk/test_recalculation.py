"""The recalculation: every open post scored with its reasons in one transaction, a fixed number of
queries, one assessment per post per run, the nightly run idempotent, retries, the digest, the
schedule, the method's versions, and a post rescored after a change commits."""

import datetime as dt
import json
import threading
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import OperationalError, connection, connections
from django.utils import timezone
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from accounts.models import Role
from core.editing import EditConflict
from orgs.models import OversightSegment
from risk import methods, recalculation
from risk.digest import risk_digest_send
from risk.models import (
    LatestRisk,
    RecalculationRun,
    RiskAssessment,
    RiskMethod,
    RunKind,
    RunStatus,
)
from risk.tasks import recalculate_risk
from succession import services
from succession.models import IncumbencyKind, NominationStatus
from talent.models import PostRole, Readiness
from tests.accounts.factories import user_with_role
from tests.clock import TODAY
from tests.queries import assert_query_count, count_queries
from tests.succession.factories import IncumbencyFactory, make_post
from tests.talent.factories import PersonFactory

pytestmark = pytest.mark.django_db


def covered_post(organisation, title="Chief executive", **post_fields):
    """A post with a substantive holder, a ready-now successor named as emergency cover and a plan
    reviewed today: it scores 0."""
    post = make_post(organisation, PostRole.CHIEF_EXECUTIVE, title, **post_fields)
    IncumbencyFactory(post=post, started_on=dt.date(2022, 1, 1))
    services.nomination_add(
        plan=post.plan,
        person=PersonFactory(organisation=organisation),
        readiness=Readiness.READY_NOW,
        is_emergency_cover=True,
    )
    post.plan.refresh_from_db()
    services.plan_record_review(plan=post.plan, reviewed_on=TODAY, by=None)
    return post


def vacant_post(organisation, title="Finance director"):
    """No holder and an empty slate, never reviewed: 30 + 20 + 10 + 10 + 10 = 80, high risk."""
    return make_post(organisation, PostRole.FINANCE_DIRECTOR, title)


def latest(post) -> LatestRisk:
    return LatestRisk.objects.get(post=post)


# --- A run ---------------------------------------------------------------------------------------


def test_a_run_scores_every_open_post_with_its_reasons(trust):
    safe = covered_post(trust)
    empty = vacant_post(trust)
    abolished = vacant_post(trust, "Abolished post")
    abolished.abolished_on = dt.date(2025, 1, 1)
    abolished.save()

    run = recalculation.recalculate_all()

    assert run.status == RunStatus.SUCCEEDED
    assert run.posts_scored == 2
    assert (run.high_risk_posts, run.medium_risk_posts, run.low_risk_posts) == (1, 0, 1)
    assert run.started_at <= run.finished_at
    assert run.method_version == 1
    assessment = RiskAssessment.objects.get(run=run, post=empty)
    assert (assessment.score, assessment.band, assessment.method_version) == (80, "high", 1)
    assert assessment.factors == {
        "post_vacant": 30,
        "no_ready_now_successor": 20,
        "no_successor_within_2_years": 10,
        "no_emergency_cover": 10,
        "plan_not_reviewed": 10,
    }
    assert latest(safe).score == 0
    assert not RiskAssessment.objects.filter(post=abolished).exists()


def test_the_oversight_segment_of_the_organisation_counts(trust):
    post = covered_post(trust)
    segment = OversightSegment.objects.create(organisation=trust, segment=5)  # 2025/26: lowest

    recalculation.recalculate_all()
    assert latest(post).factors == {"lowest_oversight_segment": 10}

    segment.segment = 4  # not the lowest of 2025/26's five...
    segment.save()
    recalculation.recalculate_all(kind="manual")
    assert latest(post).factors == {}

    segment.framework = "sof_2019"  # ...but the lowest of 2019's four
    segment.save()
    recalculation.recalculate_all(kind="manual")
    assert latest(post).factors == {"lowest_oversight_segment": 10}


def test_a_person_on_three_other_slates_makes_the_ready_now_slate_stretched(trust, other_trust):
    post = covered_post(trust)
    ready_now = post.plan.nominations.get().person
    for number in range(3):
        other = vacant_post(other_trust, f"Director {number}")
        services.nomination_add(
            plan=other.plan,
            person=ready_now,
            readiness=Readiness.READY_NOW,
            consent_method="by_email",
            consent_given_on=dt.date(2026, 11, 2),
        )

    recalculation.recalculate_all()

    assert latest(post).factors == {"ready_now_successors_stretched": 5}


def add_posts(organisation, count):
    for number in range(count):
        post = covered_post(organisation, f"Director {number} of {count}")
        IncumbencyFactory(
            post=make_post(organisation, PostRole.CHIEF_NURSE, f"Nurse {number} of {count}"),
            kind=IncumbencyKind.INTERIM,
        )
        services.nomination_add(
            plan=post.plan,
            person=PersonFactory(organisation=organisation),
            readiness=Readiness.ONE_TO_TWO_YEARS,
        )


def queries_for_a_run() -> int:
    with count_queries() as captured:
        recalculation.recalculate_all()
    return len(captured)


def test_a_run_takes_the_same_number_of_queries_for_100_posts_as_for_10(
    trust,
):
    add_posts(trust, 5)  # 10 posts
    recalculation.recalculate_all()  # so that both measured runs replace an earlier one
    for_10 = queries_for_a_run()

    add_posts(trust, 45)  # 100 posts

    with assert_query_count(for_10):
        run = recalculation.recalculate_all()
    assert run.posts_scored == 100


def test_running_the_same_night_again_replaces_its_assessments(trust):
    post = vacant_post(trust)
    first = recalculation.recalculate_all()
    IncumbencyFactory(post=post, started_on=dt.date(2026, 1, 1))

    second = recalculation.recalculate_all()

    assert second.pk == first.pk
    assert RecalculationRun.objects.filter(kind=RunKind.NIGHTLY).count() == 1
    assert RiskAssessment.objects.filter(post=post).count() == 1
    assert RiskAssessment.objects.get(post=post).score == 50
    assert latest(post).score == 50


def test_each_night_keeps_its_own_assessments_and_counts_the_bands_that_changed(trust):
    post = vacant_post(trust)
    covered_post(trust)
    recalculation.recalculate_all(for_date=TODAY - dt.timedelta(days=1))
    IncumbencyFactory(post=post, started_on=dt.date(2026, 1, 1))

    tonight = recalculation.recalculate_all(for_date=TODAY)

    assert RiskAssessment.objects.filter(post=post).count() == 2
    assert tonight.bands_changed == 1  # high to medium; the covered post stayed low
    assert list(
        RiskAssessment.objects.filter(post=post)
        .order_by("run__for_date")
        .values_list("band", flat=True)
    ) == ["high", "medium"]


def test_the_first_run_counts_no_band_changes(trust):
    vacant_post(trust)

    assert recalculation.recalculate_all().bands_changed == 0


def test_a_run_that_fails_half_way_leaves_the_previous_assessments_as_they_were(trust):
    post = vacant_post(trust)
    before = recalculation.recalculate_all(for_date=TODAY - dt.timedelta(days=1))
    IncumbencyFactory(post=post, started_on=dt.date(2026, 1, 1))

    real_insert = recalculation.bulk_insert

    def fail_on_the_latest_risk(model, fields, rows):
        if model is LatestRisk:  # the assessments are written by now
            raise OperationalError("disk I/O error")
        real_insert(model, fields, rows)

    with (
        mock.patch.object(recalculation, "bulk_insert", side_effect=fail_on_the_latest_risk),
        pytest.raises(OperationalError),
    ):
        recalculation.recalculate_all(for_date=TODAY)

    failed = RecalculationRun.objects.get(for_date=TODAY, kind=RunKind.NIGHTLY)
    assert failed.status == RunStatus.FAILED
    assert "disk I/O error" in failed.error
    assert not RiskAssessment.objects.filter(run=failed).exists()
    assert latest(post).run_id == before.pk
    assert latest(post).score == 80


def test_a_later_run_marks_a_run_left_running_by_a_killed_worker_as_interrupted(trust):
    vacant_post(trust)
    stuck = RecalculationRun.objects.create(
        kind=RunKind.MANUAL,
        for_date=TODAY,
        status=RunStatus.RUNNING,
        started_at=timezone.now() - dt.timedelta(hours=1),
    )

    recalculation.recalculate_all()

    stuck.refresh_from_db()
    assert stuck.status == RunStatus.INTERRUPTED
    assert "stopped before the run finished" in stuck.error


def test_a_run_locks_the_recalculation_row_without_waiting(trust):
    vacant_post(trust)

    with count_queries() as captured:
        recalculation.recalculate_all()

    locking = [q["sql"] for q in captured if "succession_risklock" in q["sql"]]
    if connection.features.has_select_for_update_nowait:
        assert any("FOR UPDATE NOWAIT" in sql for sql in locking)
    else:  # SQLite: the run's BEGIN IMMEDIATE transaction is the lock
        assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


@pytest.mark.django_db(transaction=True)
def test_a_second_run_while_one_holds_the_lock_fails_fast_and_changes_nothing(trust):
    if not connection.features.has_select_for_update_nowait:
        pytest.skip("SQLite has no row locks: its IMMEDIATE transactions serialise writers")
    vacant_post(trust)
    first = recalculation.recalculate_all(for_date=TODAY - dt.timedelta(days=1))
    locked, release = threading.Event(), threading.Event()

    def hold_the_lock():
        from django.db import transaction

        try:
            with transaction.atomic():
                recalculation._take_lock()
                locked.set()
                release.wait(30)
        finally:
            connections.close_all()

    holder = threading.Thread(target=hold_the_lock)
    holder.start()
    try:
        assert locked.wait(10)
        with pytest.raises(OperationalError):
            recalculation.recalculate_all(for_date=TODAY)
    finally:
        release.set()
        holder.join()

    tonight = RecalculationRun.objects.get(for_date=TODAY, kind=RunKind.NIGHTLY)
    assert tonight.status == RunStatus.FAILED
    assert "lock" in tonight.error
    assert set(LatestRisk.objects.values_list("run_id", flat=True)) == {first.pk}


def test_the_task_retries_a_transient_database_error(trust):
    vacant_post(trust)
    real = recalculation.recalculate_all
    calls = []

    def flaky(**kwargs):
        calls.append(kwargs)
        if len(calls) == 1:
            raise OperationalError("could not obtain lock on row in relation succession_risklock")
        return real(**kwargs)

    with mock.patch.object(recalculation, "recalculate_all", side_effect=flaky):
        result = recalculate_risk.apply(kwargs={"kind": RunKind.NIGHTLY}, throw=False)

    assert len(calls) == 2
    assert result.successful()
    assert result.result["posts_scored"] == 1


# --- A post, after a change ----------------------------------------------------------------------


def test_a_change_to_a_plan_rescores_its_post_after_the_change_commits(
    trust, django_capture_on_commit_callbacks
):
    post = vacant_post(trust)
    recalculation.recalculate_all()
    assert latest(post).score == 80

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.nomination_add(
            plan=post.plan,
            person=PersonFactory(organisation=trust),
            readiness=Readiness.READY_NOW,
            is_emergency_cover=True,
        )

    assert len(callbacks) == 1
    assert latest(post).score == 40
    assert latest(post).factors == {"post_vacant": 30, "plan_not_reviewed": 10}
    changes = RecalculationRun.objects.get(kind=RunKind.CHANGES, for_date=TODAY)
    assert RiskAssessment.objects.get(run=changes, post=post).score == 40
    assert changes.bands_changed == 1


def test_a_new_holder_rescores_the_post_and_a_second_change_the_same_day_replaces_the_first(
    trust, django_capture_on_commit_callbacks
):
    post = vacant_post(trust)
    person = PersonFactory(organisation=trust)

    with django_capture_on_commit_callbacks(execute=True):
        incumbency = services.incumbency_start(
            post=post, person=person, kind=IncumbencyKind.INTERIM, started_on=dt.date(2026, 1, 1)
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.incumbency_end(
            incumbency=incumbency, ended_on=dt.date(2026, 2, 1), departure_reason="other"
        )

    changes = RecalculationRun.objects.get(kind=RunKind.CHANGES, for_date=TODAY)
    assert RiskAssessment.objects.filter(run=changes, post=post).count() == 1
    assert latest(post).factors["post_vacant"] == 30


def test_a_change_that_rolls_back_queues_nothing(trust, django_capture_on_commit_callbacks):
    post = covered_post(trust)

    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(EditConflict):
        services.post_update(post=post, expected_version=post.version - 1, title="New title")

    assert callbacks == []


def test_a_broker_that_is_down_does_not_turn_a_saved_change_into_an_error(
    trust, django_capture_on_commit_callbacks
):
    post = covered_post(trust)

    with (
        mock.patch(
            "risk.tasks.recalculate_post_risk.apply_async", side_effect=OSError("no broker")
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.post_update(post=post, expected_version=post.version, title="Renamed")

    post.refresh_from_db()
    assert post.title == "Renamed"


def test_an_abolished_post_loses_its_latest_risk_when_rescored(trust):
    post = vacant_post(trust)
    recalculation.recalculate_all()
    post.abolished_on = TODAY
    post.save()

    assert recalculation.recalculate_post(post_id=post.pk) is None
    assert not LatestRisk.objects.filter(post=post).exists()


# --- Recalculate now -----------------------------------------------------------------------------


def test_a_recalculation_cannot_be_asked_for_twice_while_the_first_is_waiting(talent_team):
    recalculation.recalculation_request(by=talent_team)

    with pytest.raises(recalculation.RecalculationPending):
        recalculation.recalculation_request(by=talent_team)


def test_the_national_team_can_recalculate_now(
    client_for, talent_team, trust, django_capture_on_commit_callbacks
):
    post = vacant_post(trust)
    nadia = client_for(talent_team)

    with django_capture_on_commit_callbacks(execute=True):
        response = nadia.post("/risk/recalculate/", follow=True)
        assert "Recalculation queued" in response.text
        assert "waiting for the background worker" in response.text

    run = RecalculationRun.objects.get(kind=RunKind.MANUAL)
    assert (run.status, run.requested_by, run.posts_scored) == (
        RunStatus.SUCCEEDED,
        talent_team,
        1,
    )
    assert latest(post).run == run
    assert "Scores calculated" in nadia.get("/risk/").text


def test_pressing_recalculate_now_again_while_it_waits_says_so(client_for, talent_team):
    RecalculationRun.objects.create(kind=RunKind.MANUAL, for_date=TODAY, requested_by=talent_team)

    response = client_for(talent_team).post("/risk/recalculate/", follow=True)

    assert "A recalculation is already queued" in response.text
    assert RecalculationRun.objects.filter(kind=RunKind.MANUAL).count() == 1


@pytest.mark.parametrize("persona", ["hr_director", "chair", "administrator"])
def test_only_the_national_talent_team_can_recalculate_now(request, client_for, persona):
    response = client_for(request.getfixturevalue(persona)).post("/risk/recalculate/")

    assert response.status_code == 403
    assert not RecalculationRun.objects.exists()


def test_recalculate_now_only_accepts_post(client_for, talent_team):
    assert client_for(talent_team).get("/risk/recalculate/").status_code == 405


# --- The digest ----------------------------------------------------------------------------------


@pytest.fixture
def digest_world(trust, other_trust, hr_director, other_hr_director, talent_team):
    """Last night every post was covered; tonight one post of each trust is vacant."""
    alice_post = covered_post(trust, "Chief executive")
    bob_post = covered_post(other_trust, "Chief executive")
    steady = vacant_post(trust, "Director of strategy")  # high both nights: not news
    recalculation.recalculate_all(for_date=TODAY - dt.timedelta(days=1))
    for post in (alice_post, bob_post):
        post.incumbencies.update(ended_on=dt.date(2026, 1, 1))
        post.plan.nominations.update(status=NominationStatus.REMOVED)
    run = recalculation.recalculate_all(for_date=TODAY)
    return {"run": run, "alice_post": alice_post, "bob_post": bob_post, "steady": steady}


def test_the_digest_tells_the_national_team_every_post_newly_at_high_risk(digest_world):
    report = risk_digest_send(run_id=digest_world["run"].pk)

    assert {post.post_id for post in report.newly_high} == {
        digest_world["alice_post"].pk,
        digest_world["bob_post"].pk,
    }
    national = [m for m in mail.outbox if m.to == ["nadia@nhs.example"]]
    assert len(national) == 1
    assert national[0].subject.endswith("2 posts newly high risk")
    assert "Guy's and St Thomas' NHS Foundation Trust" in national[0].body
    assert "Royal Devon and Exeter NHS Foundation Trust" in national[0].body
    assert "Director of strategy" not in national[0].body
    assert f"/risk/posts/{digest_world['alice_post'].pk}/" in national[0].body


def test_each_hr_director_hears_only_of_their_own_organisations_posts(digest_world):
    risk_digest_send(run_id=digest_world["run"].pk)

    alice = [m for m in mail.outbox if m.to == ["alice@nhs.example"]]
    bob = [m for m in mail.outbox if m.to == ["bob@nhs.example"]]
    assert len(alice) == len(bob) == 1
    assert "Guy's and St Thomas'" in alice[0].body
    assert "Royal Devon" not in alice[0].body
    assert "Royal Devon" in bob[0].body
    assert "Guy's and St Thomas'" not in bob[0].body


def test_the_digest_of_a_night_is_sent_once(digest_world):
    risk_digest_send(run_id=digest_world["run"].pk)
    sent = len(mail.outbox)

    again = risk_digest_send(run_id=digest_world["run"].pk)

    assert again.already_sent
    assert len(mail.outbox) == sent


def test_a_digest_that_fails_to_send_can_be_sent_again(digest_world):
    with (
        mock.patch("risk.digest.send_mail", side_effect=OSError("SMTP down")),
        pytest.raises(OSError),
    ):
        risk_digest_send(run_id=digest_world["run"].pk)

    assert not risk_digest_send(run_id=digest_world["run"].pk).already_sent
    assert len(mail.outbox) == 3


def test_the_national_team_hears_every_night_even_when_nothing_is_new(trust, talent_team):
    covered_post(trust)
    run = recalculation.recalculate_all()

    risk_digest_send(run_id=run.pk)

    assert [m.subject for m in mail.outbox] == [
        f"Succession risk, {TODAY.day} {TODAY:%B %Y}: no posts newly high risk"
    ]


def test_the_nightly_task_sends_the_digest(trust, hr_director):
    vacant_post(trust)

    recalculate_risk.delay(kind=RunKind.NIGHTLY)

    assert [m.to for m in mail.outbox] == [["alice@nhs.example"]]
    assert RecalculationRun.objects.get(kind=RunKind.NIGHTLY).digest_sent_at is not None


def test_inactive_users_and_users_without_an_address_get_no_digest(digest_world, trust):
    user_with_role(Role.HR_DIRECTOR, trust, username="gone", is_active=False)
    user_with_role(Role.HR_DIRECTOR, trust, username="noaddress", email="")

    report = risk_digest_send(run_id=digest_world["run"].pk)

    assert sorted(report.recipients) == [
        "alice@nhs.example",
        "bob@nhs.example",
        "nadia@nhs.example",
    ]


# --- The schedule --------------------------------------------------------------------------------


def test_a_fresh_install_has_the_nightly_schedule_at_2am_london_time():
    task = PeriodicTask.objects.get(name="Nightly succession-risk recalculation")

    assert task.enabled
    assert task.task == "succession.recalculate_risk"
    assert json.loads(task.kwargs) == {"kind": "nightly"}
    assert (task.crontab.minute, task.crontab.hour, str(task.crontab.timezone)) == (
        "0",
        "2",
        "Europe/London",
    )
    assert task.crontab.day_of_week == task.crontab.day_of_month == "*"


def test_setup_periodic_tasks_puts_back_a_schedule_changed_in_the_admin():
    task = PeriodicTask.objects.get(name="Nightly succession-risk recalculation")
    task.enabled = False
    task.crontab = CrontabSchedule.objects.create(minute="30", hour="14", timezone="UTC")
    task.save()

    call_command("setup_periodic_tasks", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("setup_periodic_tasks", stdout=open("/dev/null", "w"))  # noqa: SIM115

    task.refresh_from_db()
    assert task.enabled
    assert (task.crontab.hour, str(task.crontab.timezone)) == ("2", "Europe/London")
    assert PeriodicTask.objects.filter(task="succession.recalculate_risk").count() == 1


def test_the_beat_task_names_a_registered_task():
    from config.celery import app

    app.loader.import_default_modules()
    assert "succession.recalculate_risk" in app.tasks
    assert "succession.send_risk_digest" in app.tasks
    assert "succession.recalculate_post_risk" in app.tasks


# --- The method's versions -----------------------------------------------------------------------


def test_version_1_of_the_method_is_installed_by_the_migrations():
    method = RiskMethod.objects.get(is_current=True)

    assert method.version == 1
    assert method.points["post_vacant"] == 30
    assert method.points["ready_now_successors_stretched"] == 5
    assert (method.high_from, method.medium_from) == (60, 30)


def test_changing_the_points_makes_a_new_version_and_keeps_the_old_one(talent_team, trust):
    post = vacant_post(trust)
    first = recalculation.recalculate_all(for_date=TODAY - dt.timedelta(days=1))
    points = {**methods.current_method().points, "post_vacant": 40}

    new = methods.risk_method_change(
        points=points,
        high_from=60,
        medium_from=30,
        reason="Vacancies weigh more",
        by=talent_team,
        expected_version=1,
    )
    second = recalculation.recalculate_all(for_date=TODAY)

    assert (new.version, new.is_current, new.created_by) == (2, True, talent_team)
    assert not RiskMethod.objects.get(version=1).is_current
    assert RiskAssessment.objects.get(run=first, post=post).method_version == 1
    assert RiskAssessment.objects.get(run=second, post=post).score == 90
    assert RiskAssessment.objects.get(run=second, post=post).method_version == 2


def test_a_method_change_from_an_old_version_is_refused_saying_what_changed(talent_team):
    points = dict(methods.current_method().points)
    methods.risk_method_change(
        points={**points, "holder_churn": 15},
        high_from=60,
        medium_from=30,
        reason="First",
        by=talent_team,
        expected_version=1,
    )

    with pytest.raises(EditConflict) as conflict:
        methods.risk_method_change(
            points={**points, "post_vacant": 35},
            high_from=60,
            medium_from=30,
            reason="Second",
            by=talent_team,
            expected_version=1,
        )

    assert "3 or more substantive holders in the last 5 years: 10 to 15 points" in (
        conflict.value.changes[0].text
    )
    assert RiskMethod.objects.count() == 2
