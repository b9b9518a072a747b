"""Background work heals itself: a run beats a heartbeat; the watchdog marks a run with none for
RISK_RUN_STALE_SECONDS interrupted and queues the same run again; a message delivered twice does
the work once; a stopped run no longer blocks "Recalculate now"; the dashboard says what happened.
The clock is stopped (tests/clock.py) and moved on with `clock.shift`."""

import datetime as dt
import json
import threading
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.utils import timezone
from django_celery_beat.models import IntervalSchedule, PeriodicTask

from risk import recalculation, tasks
from risk.models import LatestRisk, RecalculationRun, RiskAssessment, RunKind, RunStatus
from succession.models import PostRole
from tests.clock import TODAY
from tests.succession.factories import make_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def posts(trust):
    """Three vacant posts: each scores 80, high risk."""
    return [
        make_post(trust, PostRole.FINANCE_DIRECTOR, f"Finance director {number}")
        for number in range(3)
    ]


def stopped_run(kind=RunKind.MANUAL, *, by=None, **fields) -> RecalculationRun:
    """A run a worker started and then stopped beating: as a SIGKILL leaves it (its transaction
    rolled back, its row still "running")."""
    now = timezone.now()
    values = {
        "status": RunStatus.RUNNING,
        "requested_at": now,
        "started_at": now,
        "heartbeat_at": now,
        **fields,
    }
    return RecalculationRun.objects.create(kind=kind, for_date=TODAY, requested_by=by, **values)


def watchdog_pass() -> list[RecalculationRun]:
    """The watchdog's service, its messages kept instead of sent."""
    sent = []
    found = recalculation.stopped_runs_requeue(send=sent.append)
    assert found == sent
    return found


def assessments_of(run) -> list[tuple[int, int, str]]:
    return sorted(RiskAssessment.objects.filter(run=run).values_list("post_id", "score", "band"))


# --- Stale or alive ------------------------------------------------------------------------------


def test_a_run_silent_for_119_seconds_is_left_alone(posts, clock):
    run = stopped_run()
    clock.shift(119)

    assert watchdog_pass() == []

    run.refresh_from_db()
    assert run.status == RunStatus.RUNNING
    assert not run.is_stale()


def test_a_run_silent_for_121_seconds_is_marked_interrupted_saying_why(posts, clock):
    run = stopped_run()
    clock.shift(121)
    assert run.is_stale()

    assert watchdog_pass() == [run]

    run.refresh_from_db()
    assert run.status == RunStatus.INTERRUPTED
    assert run.interruptions == 1
    assert run.interrupted_at == timezone.now()
    assert run.error == (
        "The worker stopped before the run finished (no heartbeat since 12:00:00); "
        "it was queued again."
    )


def test_a_heartbeat_keeps_a_long_run_alive(posts, clock):
    run = stopped_run()
    clock.shift(100)
    RecalculationRun.objects.filter(pk=run.pk).update(heartbeat_at=timezone.now())
    clock.shift(100)  # 200 s since it started, 100 s since its last beat

    assert watchdog_pass() == []


def test_a_queued_run_no_worker_took_within_two_minutes_is_queued_again(posts, clock):
    run = RecalculationRun.objects.create(kind=RunKind.MANUAL, for_date=TODAY)
    clock.shift(121)

    assert watchdog_pass() == [run]

    run.refresh_from_db()
    assert run.error == "No worker started it within 2 minutes; it was queued again."


def test_the_stale_time_is_a_setting(posts, clock, settings):
    settings.RISK_RUN_STALE_SECONDS = 600
    stopped_run()
    clock.shift(300)

    assert watchdog_pass() == []


def test_finished_failed_and_changes_runs_are_not_the_watchdogs_business(posts, clock):
    for status in (RunStatus.SUCCEEDED, RunStatus.FAILED):
        stopped_run(status=status)
    RecalculationRun.objects.create(
        kind=RunKind.CHANGES, for_date=TODAY, status=RunStatus.RUNNING, started_at=timezone.now()
    )
    clock.shift(3600)

    assert watchdog_pass() == []


# --- Redone, once --------------------------------------------------------------------------------


def test_the_watchdog_task_redoes_the_same_run_and_it_finishes_complete(posts, clock):
    run = stopped_run()
    clock.shift(121)

    assert tasks.watchdog() == [run.pk]  # the test settings run the queued task at once

    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED
    assert run.posts_scored == 3
    assert assessments_of(run) == sorted((post.pk, 80, "high") for post in posts)
    assert set(LatestRisk.objects.values_list("run_id", flat=True)) == {run.pk}
    assert RecalculationRun.objects.count() == 1


def test_the_watchdog_run_twice_queues_the_run_once(posts, clock):
    run = stopped_run()
    clock.shift(121)

    with mock.patch.object(tasks.recalculate_risk, "delay") as send:
        assert tasks.watchdog() == [run.pk]
        assert tasks.watchdog() == []
        clock.shift(600)  # still waiting for a worker: not sent again
        assert tasks.watchdog() == []

    send.assert_called_once_with(kind=RunKind.MANUAL, run_id=run.pk)


def test_a_run_that_became_alive_after_the_watchdog_looked_is_left_alone(posts, clock):
    """Compare-and-swap: a worker that beats between the watchdog's read and its write wins."""
    run = stopped_run()
    clock.shift(121)
    real_stale = recalculation._stale
    calls = []

    def beat_after_the_read(runs, now):
        calls.append(runs)
        if len(calls) == 2:  # the watchdog's write, after its read
            RecalculationRun.objects.filter(pk=run.pk).update(heartbeat_at=timezone.now())
        return real_stale(runs, now)

    with mock.patch.object(recalculation, "_stale", side_effect=beat_after_the_read):
        assert watchdog_pass() == []

    run.refresh_from_db()
    assert run.status == RunStatus.RUNNING


@pytest.mark.django_db(transaction=True)
def test_two_watchdogs_at_once_queue_the_run_once(posts, clock):
    if not connection.features.has_select_for_update_nowait:
        pytest.skip("SQLite has no row locks: its IMMEDIATE transactions serialise the watchdogs")
    run = stopped_run()
    clock.shift(121)
    locked, release = threading.Event(), threading.Event()
    found = []

    def first_watchdog_holding_the_lock():
        try:
            with transaction.atomic():
                recalculation._take_lock()
                locked.set()
                release.wait(30)
            found.extend(watchdog_pass())
        finally:
            connections.close_all()

    first = threading.Thread(target=first_watchdog_holding_the_lock)
    first.start()
    try:
        assert locked.wait(10)
        assert watchdog_pass() == []  # the lock is held: looks again later
    finally:
        release.set()
        first.join()

    assert [found_run.pk for found_run in found] == [run.pk]


def test_a_pass_that_cannot_send_its_message_marks_nothing(posts, clock):
    """The broker is down: the marking rolls back with the failed send, and the next pass, with
    the broker back, does it all."""
    run = stopped_run()
    clock.shift(121)

    with pytest.raises(OSError):
        recalculation.stopped_runs_requeue(send=mock.Mock(side_effect=OSError("broker down")))

    run.refresh_from_db()
    assert run.status == RunStatus.RUNNING
    assert watchdog_pass() == [run]


def test_a_message_whose_marking_rolled_back_still_redoes_the_run(posts, clock):
    """The watchdog's process dies after sending, before its commit: the run is still running
    and silent, so the message takes it over."""
    run = stopped_run()
    clock.shift(121)
    sent = []

    def send_then_die(found):
        sent.append(found)
        raise KeyboardInterrupt  # the process stops here

    with pytest.raises(KeyboardInterrupt):
        recalculation.stopped_runs_requeue(send=send_then_die)
    tasks.recalculate_risk.apply(kwargs={"kind": RunKind.MANUAL, "run_id": sent[0].pk})

    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED
    assert assessments_of(run) == sorted((post.pk, 80, "high") for post in posts)


def test_a_stopped_nightly_run_is_redone_in_place_without_a_second_set_of_assessments(posts, clock):
    """A finished night asked for again and killed half-way keeps its earlier assessments (the
    killed transaction rolled back); the redo replaces them: one night, one set."""
    night = recalculation.recalculate_all(kind=RunKind.NIGHTLY)
    RecalculationRun.objects.filter(pk=night.pk).update(
        status=RunStatus.RUNNING, started_at=timezone.now(), heartbeat_at=timezone.now()
    )
    clock.shift(121)

    tasks.watchdog()

    assert RecalculationRun.objects.filter(kind=RunKind.NIGHTLY, for_date=TODAY).count() == 1
    night.refresh_from_db()
    assert night.status == RunStatus.SUCCEEDED
    assert assessments_of(night) == sorted((post.pk, 80, "high") for post in posts)
    assert RiskAssessment.objects.count() == 3


def test_the_killed_workers_own_message_coming_back_later_does_nothing(posts, clock):
    """Redis gives an unacknowledged message back after its visibility timeout: by then the
    watchdog's redo has finished, and the old message finds nothing to do."""
    run = stopped_run()
    clock.shift(121)
    tasks.watchdog()
    run.refresh_from_db()
    finished_at = run.finished_at
    clock.shift(3600)

    result = tasks.recalculate_risk.apply(kwargs={"kind": RunKind.MANUAL, "run_id": run.pk})

    assert result.result["status"] == RunStatus.SUCCEEDED
    run.refresh_from_db()
    assert run.finished_at == finished_at
    assert RiskAssessment.objects.count() == 3


def test_a_second_message_for_a_run_a_live_worker_is_doing_does_nothing(posts, clock):
    run = stopped_run()
    clock.shift(30)  # beating, 30 s ago

    recalculation.recalculate_all(run_id=run.pk)

    run.refresh_from_db()
    assert run.status == RunStatus.RUNNING
    assert not RiskAssessment.objects.exists()


def test_a_run_that_keeps_stopping_its_worker_is_given_up_after_three_redos(posts, clock, settings):
    assert settings.RISK_RUN_MAX_REDOS == 3
    run = stopped_run()
    with mock.patch.object(tasks.recalculate_risk, "delay") as send:
        for _redo in range(3):
            clock.shift(121)
            tasks.watchdog()
            RecalculationRun.objects.filter(pk=run.pk).update(  # the redo starts, and dies
                status=RunStatus.RUNNING, started_at=timezone.now(), heartbeat_at=timezone.now()
            )
        clock.shift(121)
        tasks.watchdog()

    assert send.call_count == 3
    run.refresh_from_db()
    assert (run.status, run.interruptions) == (RunStatus.INTERRUPTED, 4)
    assert run.error.endswith("4 times; it is not started again.")
    recalculation.recalculate_all(run_id=run.pk)  # its old message, back from the broker
    assert not RiskAssessment.objects.exists()


# --- The heartbeat -------------------------------------------------------------------------------


def test_a_worker_starting_a_run_claims_it_with_a_first_heartbeat(posts, clock):
    run = RecalculationRun.objects.create(kind=RunKind.MANUAL, for_date=TODAY)
    clock.shift(5)
    seen = {}
    real_score = recalculation._score_everything

    def look_at_the_row(run, heartbeat):
        seen.update(RecalculationRun.objects.filter(pk=run.pk).values("status", "heartbeat_at")[0])
        real_score(run, heartbeat)

    with mock.patch.object(recalculation, "_score_everything", side_effect=look_at_the_row):
        recalculation.recalculate_all(run_id=run.pk)

    assert seen == {"status": RunStatus.RUNNING, "heartbeat_at": timezone.now()}


def test_the_heartbeat_is_written_at_most_every_few_seconds(posts, settings):
    settings.RISK_RUN_HEARTBEAT_SECONDS = 3600
    run = stopped_run()
    heartbeat = recalculation.Heartbeat(run.pk)

    with mock.patch.object(heartbeat, "_write") as write:
        for _chunk in range(100):
            heartbeat()

    write.assert_not_called()


@pytest.mark.django_db(transaction=True)
def test_a_beat_inside_the_runs_transaction_is_seen_by_other_connections(posts, clock, settings):
    """On PostgreSQL the beat goes through a connection of its own; a beat written inside the
    run's transaction would be invisible until the run commits."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite: no other connection can write while the run holds the write lock")
    settings.RISK_RUN_HEARTBEAT_SECONDS = 0
    run = stopped_run()
    started = run.heartbeat_at
    clock.shift(30)
    heartbeat = recalculation.Heartbeat(run.pk)
    onlooker = connections.create_connection("default")
    try:
        with transaction.atomic():
            recalculation._take_lock()
            heartbeat()
            with onlooker.cursor() as cursor:
                cursor.execute(
                    "SELECT heartbeat_at FROM succession_recalculationrun WHERE id = %s", [run.pk]
                )
                (seen,) = cursor.fetchone()
    finally:
        heartbeat.close()
        onlooker.close()

    assert seen == started + dt.timedelta(seconds=30)


# --- Recalculate now -----------------------------------------------------------------------------


def test_recalculate_now_is_refused_while_a_run_beats_and_allowed_once_it_is_stale(
    talent_team, posts, clock
):
    stopped_run(by=talent_team)
    clock.shift(119)
    with pytest.raises(recalculation.RecalculationPending):
        recalculation.recalculation_request(by=talent_team)

    clock.shift(2)
    fresh = recalculation.recalculation_request(by=talent_team)

    assert fresh.status == RunStatus.QUEUED


def test_the_national_team_can_recalculate_now_when_the_last_one_stopped(
    client_for, talent_team, posts, clock, django_capture_on_commit_callbacks
):
    stopped_run(by=talent_team)
    clock.shift(121)

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(talent_team).post("/risk/recalculate/", follow=True)

    assert "Recalculation queued" in response.text
    assert RecalculationRun.objects.filter(status=RunStatus.SUCCEEDED).count() == 1


# --- The dashboard -------------------------------------------------------------------------------


def test_the_dashboard_says_a_stopped_run_was_queued_again(client_for, talent_team, posts, clock):
    stopped_run(by=talent_team)  # asked for at 12:00
    clock.shift(3 * 60)
    with mock.patch.object(tasks.recalculate_risk, "delay"):
        tasks.watchdog()

    response = client_for(talent_team).get("/risk/")

    assert (
        "The recalculation requested at 12:00 did not finish (the worker stopped). It was queued "
        "again at 12:03 and starts when a worker is free."
    ) in response.text


def test_the_dashboard_says_a_redone_run_was_started_again(client_for, talent_team, posts, clock):
    stopped_run(by=talent_team)
    clock.shift(5 * 60)
    tasks.watchdog()

    response = client_for(talent_team).get("/risk/")

    assert "Scores calculated 23 November 2026 at 12:05" in response.text
    assert (
        "The recalculation requested at 12:00 did not finish the first time (the worker stopped). "
        "It was started again at 12:05."
    ) in response.text


def test_the_dashboard_says_a_run_silent_for_too_long_may_have_stopped(
    client_for, talent_team, posts, clock
):
    stopped_run(by=talent_team)
    clock.shift(150)

    response = client_for(talent_team).get("/risk/")

    assert "has given no sign of life since 12:00: the worker may have stopped" in response.text


def test_the_dashboard_says_a_run_given_up_will_not_be_started_again(
    client_for, talent_team, posts
):
    stopped_run(by=talent_team, status=RunStatus.INTERRUPTED, interruptions=4)

    response = client_for(talent_team).get("/risk/")

    assert "the worker stopped 4 times, so it was not started again" in response.text


# --- The schedule --------------------------------------------------------------------------------


def test_a_fresh_install_runs_the_watchdog_every_minute():
    task = PeriodicTask.objects.get(task="risk.watchdog")

    assert task.enabled
    assert (task.interval.every, task.interval.period) == (60, IntervalSchedule.SECONDS)
    assert json.loads(task.kwargs) == {}


def test_setup_periodic_tasks_puts_the_watchdog_back_once_changed_or_deleted():
    hourly = IntervalSchedule.objects.create(every=1, period=IntervalSchedule.HOURS)
    PeriodicTask.objects.filter(task="risk.watchdog").update(enabled=False, interval=hourly)
    call_command("setup_periodic_tasks", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert PeriodicTask.objects.get(task="risk.watchdog").enabled

    PeriodicTask.objects.filter(task="risk.watchdog").delete()
    call_command("setup_periodic_tasks", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("setup_periodic_tasks", stdout=open("/dev/null", "w"))  # noqa: SIM115

    task = PeriodicTask.objects.get(task="risk.watchdog")
    assert task.enabled
    assert (task.interval.every, task.interval.period) == (60, IntervalSchedule.SECONDS)
    assert IntervalSchedule.objects.filter(every=60, period=IntervalSchedule.SECONDS).count() == 1


def test_the_watchdog_is_a_registered_task():
    from config.celery import app

    app.loader.import_default_modules()
    assert "risk.watchdog" in app.tasks
