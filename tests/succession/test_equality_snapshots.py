"""The equality figures users see are a published snapshot: made by beat each night (one a
night, however often the task runs) or on demand by a holder of the equality permission, with
its date on the page and in the CSV, and only ever suppressed and rounded figures kept."""

import csv
import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.urls import reverse
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from succession.equality_snapshots import (
    equality_snapshot_publish,
    equality_snapshot_publish_nightly,
)
from succession.models import EqualitySnapshot
from succession.schedule import EQUALITY_TASK, EQUALITY_TASK_NAME, next_equality_publication
from succession.tasks import publish_equality_snapshot
from talent.equality import SUPPRESSED
from talent.models import EqualityAuditEntry, Ethnicity, PostRole
from tests.queries import assert_query_count, count_queries
from tests.succession.factories import IncumbencyFactory, make_post
from tests.talent.factories import EqualityRecordFactory, pool_member

pytestmark = pytest.mark.django_db

EQUALITY = reverse("talent:equality")
EXPORT = reverse("talent:equality_export")
PUBLISH = reverse("talent:equality_publish")
LONDON = ZoneInfo("Europe/London")


def grant_equality_permission(user):
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="talent", codename="view_equality_data")
    )
    return type(user).objects.get(pk=user.pk)


def board_members(organisation, number, *, ethnicity=Ethnicity.WHITE_BRITISH, start=0):
    for index in range(start, start + number):
        post = make_post(organisation, PostRole.NON_EXECUTIVE_DIRECTOR, f"NED {index}")
        EqualityRecordFactory(person=IncumbencyFactory(post=post).person, ethnicity=ethnicity)


def every_published_count(figures: dict) -> list:
    counts = []
    for kind in figures["dimensions"].values():
        for area in kind["areas"]:
            for row in area["rows"]:
                counts += [cell[0] for cell in row["cells"]]
            counts += [cell[0] for cell in area["totals"]]
    return counts


def at_night(day: int) -> dt.datetime:
    return dt.datetime(2026, 12, day, 2, 0, tzinfo=LONDON)


# --- What is kept ------------------------------------------------------------------------------


def test_a_snapshot_keeps_only_suppressed_and_rounded_figures_for_england_and_every_region(
    trust, other_trust
):
    board_members(trust, 3, ethnicity=Ethnicity.ASIAN_INDIAN)
    board_members(trust, 9, start=3)
    board_members(other_trust, 2, start=12)
    for _index in range(4):
        EqualityRecordFactory(person=pool_member(trust), ethnicity=Ethnicity.BLACK_AFRICAN)

    snapshot, _created = equality_snapshot_publish_nightly()

    counts = every_published_count(snapshot.figures)
    assert counts and SUPPRESSED in counts
    for count in counts:
        assert count in (SUPPRESSED, 0) or (count >= 10 and count % 5 == 0), count
    areas = {area["code"] for area in snapshot.figures["dimensions"]["sex"]["areas"]}
    assert {"national", trust.region.code, other_trust.region.code} <= areas
    assert set(snapshot.figures["dimensions"]) == {"ethnic_group", "ethnicity", "sex", "disability"}


def test_percentages_are_kept_as_worked_out_from_the_rounded_figures(trust):
    board_members(trust, 9, ethnicity=Ethnicity.BLACK_AFRICAN)
    board_members(trust, 4, start=9)

    snapshot, _created = equality_snapshot_publish_nightly()

    england = snapshot.figures["dimensions"]["ethnic_group"]["areas"][0]
    black = next(row for row in england["rows"] if row["key"] == "black")
    assert england["code"] == "national"
    assert black["cells"][0] == [10, "66.7"]  # 9 of 13 published as 10 of 15, not 69.2%
    assert england["totals"][0] == [15, "100.0"]


# --- Beat, once a night ------------------------------------------------------------------------


def test_the_nightly_task_makes_one_snapshot_a_night_however_often_it_runs(clock, trust):
    board_members(trust, 10)
    clock.move_to(at_night(6))

    first = publish_equality_snapshot.apply().get()
    second = publish_equality_snapshot.apply().get()

    assert first["created"] is True and second["created"] is False
    assert first["snapshot"] == second["snapshot"]
    assert EqualitySnapshot.objects.count() == 1
    snapshot = EqualitySnapshot.objects.get()
    assert snapshot.made_by is None and snapshot.nightly_on == dt.date(2026, 12, 6)

    clock.move_to(at_night(7))
    publish_equality_snapshot.apply()
    assert EqualitySnapshot.objects.count() == 2


def test_migrations_schedule_the_nightly_publication_at_two_in_the_morning_london_time():
    task = PeriodicTask.objects.get(name=EQUALITY_TASK_NAME)

    assert task.task == EQUALITY_TASK and task.enabled
    assert (task.crontab.hour, task.crontab.minute) == ("2", "0")
    assert str(task.crontab.timezone) == "Europe/London"


def test_setup_periodic_tasks_puts_the_equality_schedule_back_once_changed_or_deleted():
    hourly = CrontabSchedule.objects.create(minute="0", hour="*", timezone="UTC")
    PeriodicTask.objects.filter(name=EQUALITY_TASK_NAME).update(enabled=False, crontab=hourly)
    call_command("setup_periodic_tasks", stdout=io.StringIO())
    task = PeriodicTask.objects.get(name=EQUALITY_TASK_NAME)
    assert task.enabled and task.crontab.hour == "2"

    PeriodicTask.objects.filter(name=EQUALITY_TASK_NAME).delete()
    call_command("setup_periodic_tasks", stdout=io.StringIO())
    call_command("setup_periodic_tasks", stdout=io.StringIO())

    assert PeriodicTask.objects.filter(task=EQUALITY_TASK).count() == 1


@pytest.mark.parametrize(
    ("now", "due"),
    [
        (dt.datetime(2026, 12, 6, 1, 59, tzinfo=LONDON), dt.datetime(2026, 12, 6, 2, 0)),
        (dt.datetime(2026, 12, 6, 2, 0, tzinfo=LONDON), dt.datetime(2026, 12, 7, 2, 0)),
        (dt.datetime(2026, 12, 6, 23, 0, tzinfo=dt.UTC), dt.datetime(2026, 12, 7, 2, 0)),
        # The night the clocks go forward: 02:00 in London time, not 24 hours after the last.
        (dt.datetime(2027, 3, 27, 12, 0, tzinfo=LONDON), dt.datetime(2027, 3, 28, 2, 0)),
        (dt.datetime(2027, 6, 30, 23, 30, tzinfo=dt.UTC), dt.datetime(2027, 7, 1, 2, 0)),
    ],
)
def test_the_next_publication_is_the_next_two_in_the_morning_in_london(now, due):
    assert next_equality_publication(now).replace(tzinfo=None) == due


# --- Publishing on demand ----------------------------------------------------------------------


def test_the_national_team_without_the_equality_permission_cannot_publish(
    client_for, talent_team, hr_director
):
    for user in (talent_team, hr_director):
        assert client_for(user).post(PUBLISH).status_code == 403
    assert not EqualitySnapshot.objects.exists()
    assert not EqualityAuditEntry.objects.filter(
        action=EqualityAuditEntry.Action.PUBLISHED
    ).exists()


def test_a_holder_of_the_permission_publishes_new_figures_now_and_it_is_audited(
    client_for, talent_team, trust
):
    analyst = grant_equality_permission(talent_team)
    board_members(trust, 10)
    client = client_for(analyst)
    assert "Publish new figures now" in client.get(EQUALITY).text

    response = client.post(PUBLISH, follow=True)

    snapshot = EqualitySnapshot.objects.get()
    assert snapshot.made_by == analyst and snapshot.nightly_on is None
    assert "New equality figures published" in response.text
    assert "Figures published on 23 November 2026 at 12:00" in response.text
    entry = EqualityAuditEntry.objects.get(action=EqualityAuditEntry.Action.PUBLISHED)
    assert entry.user == analyst and entry.filters == {}


def test_publishing_needs_a_post(client_for, talent_team):
    analyst = grant_equality_permission(talent_team)

    assert client_for(analyst).get(PUBLISH).status_code == 405
    assert not EqualitySnapshot.objects.exists()


def test_the_national_team_without_the_permission_sees_no_publish_button(client_for, talent_team):
    assert "Publish new figures now" not in client_for(talent_team).get(EQUALITY).text


def test_publishing_on_demand_does_not_stand_in_for_the_nights_snapshot(clock, talent_team):
    clock.move_to(at_night(6))
    equality_snapshot_publish(by=talent_team)

    _snapshot, created = equality_snapshot_publish_nightly()

    assert created and EqualitySnapshot.objects.count() == 2


# --- The page and the CSV ---------------------------------------------------------------------


def test_before_any_snapshot_the_page_says_so_and_when_the_first_is_due(client_for, talent_team):
    response = client_for(talent_team).get(EQUALITY)

    assert response.status_code == 200
    assert "No equality figures have been published yet" in response.text
    assert "The first are due on 24 November 2026 at 02:00" in response.text
    assert "<table" not in response.text


def test_before_any_snapshot_the_export_says_so_and_holds_no_figures(client_for, talent_team):
    response = client_for(talent_team).get(EXPORT)

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows == [["No equality figures have been published yet"]]


def test_the_page_and_the_export_say_when_the_figures_were_published_and_when_next(
    clock, client_for, talent_team, trust
):
    board_members(trust, 10)
    clock.move_to(at_night(6))
    equality_snapshot_publish_nightly()
    clock.move_to(dt.datetime(2026, 12, 6, 9, 30, tzinfo=LONDON))
    client = client_for(talent_team)

    page = client.get(EQUALITY)
    export = client.get(EXPORT)

    assert "Figures published on 6 December 2026 at 02:00" in page.text
    assert "The next figures are due on 7 December 2026 at 02:00" in page.text
    rows = list(csv.reader(io.StringIO(export.content.decode())))
    assert rows[0] == ["Figures published on 6 December 2026 at 02:00"]
    assert rows[1][:3] == ["Area", "Figures", "Ethnic group"]
    assert "2026-12-06-0200" in export["Content-Disposition"]


def test_the_page_shows_the_latest_snapshot(clock, client_for, talent_team, trust):
    board_members(trust, 10)
    clock.move_to(at_night(6))
    equality_snapshot_publish_nightly()
    board_members(trust, 10, start=10)
    clock.move_to(at_night(7))
    equality_snapshot_publish_nightly()

    response = client_for(talent_team).get(EQUALITY)

    assert "Figures published on 7 December 2026 at 02:00" in response.text
    assert ">20<" in response.text


def test_one_region_shows_only_that_regions_table_from_the_snapshot(
    client_for, talent_team, trust, other_trust
):
    board_members(trust, 10)
    board_members(other_trust, 10, start=10)
    equality_snapshot_publish_nightly()

    response = client_for(talent_team).get(EQUALITY, {"region": trust.region.code})

    assert response.text.count("<table") == 1
    assert f'data-area="{trust.region.code}"' in response.text


def test_the_pages_query_count_does_not_grow_with_the_people_counted(
    client_for, talent_team, trust, other_trust
):
    board_members(trust, 10)
    equality_snapshot_publish_nightly()
    client = client_for(talent_team)
    client.get(EQUALITY)
    with count_queries() as few:
        client.get(EQUALITY)

    board_members(trust, 40, start=10)
    board_members(other_trust, 30, start=50)
    for _index in range(20):
        EqualityRecordFactory(person=pool_member(other_trust))
    equality_snapshot_publish(by=talent_team)

    with assert_query_count(few):
        response = client.get(EQUALITY)
    assert ">80<" in response.text


def test_a_region_added_since_the_snapshot_says_it_has_no_published_table(
    client_for, talent_team, trust, other_trust
):
    board_members(trust, 10)
    snapshot, _created = equality_snapshot_publish_nightly()
    areas = snapshot.figures["dimensions"]["ethnic_group"]["areas"]
    snapshot.figures["dimensions"]["ethnic_group"]["areas"] = [
        area for area in areas if area["code"] != other_trust.region.code
    ]
    snapshot.save()

    response = client_for(talent_team).get(EQUALITY, {"region": other_trust.region.code})

    assert "<table" not in response.text
    assert "no table for this region" in response.text
