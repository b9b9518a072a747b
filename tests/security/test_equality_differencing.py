"""The differencing attack on the equality figures, tried as a curious insider: the national
talent team, without the permission to see anyone's answers, reads the breakdowns, changes who
is counted (one pool member's readiness, someone's pool membership, a post's holder) and reads
them again. Live figures would move by one in that person's ethnic group, sex and disability;
the published figures do not move at all until the next snapshot, and that snapshot follows the
small-number rule in England as in every region (issue 11; ADR 0017)."""

import csv
import datetime as dt
import io
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from succession.equality_snapshots import equality_snapshot_publish_nightly
from succession.models import IncumbencyKind
from succession.selectors.equality import DIMENSIONS
from succession.services import incumbency_start
from talent.equality import SUPPRESSED
from talent.models import Disability, Ethnicity, PostRole, Readiness, Sex
from talent.services.pool import talent_profile_save, target_readiness_set
from tests.succession.factories import IncumbencyFactory, make_post
from tests.talent.factories import EqualityRecordFactory, PersonFactory, pool_member

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
EQUALITY = reverse("talent:equality")
EXPORT = reverse("talent:equality_export")


BLACK_CARIBBEAN_DISABLED_MAN = {
    "ethnicity": Ethnicity.BLACK_CARIBBEAN,
    "sex": Sex.MALE,
    "disability": Disability.YES,
}


@pytest.fixture
def counted(trust, other_trust):
    """Seven disabled Black Caribbean men in the pool, ready now (one short of a published
    figure), others around them, board members in both trusts, and two targets like them: one in
    the pool with no readiness, one neither in the pool nor on a board."""
    for _index in range(7):
        member = pool_member(trust, readiness={"chief_executive": Readiness.READY_NOW})
        EqualityRecordFactory(person=member, **BLACK_CARIBBEAN_DISABLED_MAN)
    for _index in range(11):
        EqualityRecordFactory(person=pool_member(trust), ethnicity=Ethnicity.WHITE_BRITISH)
    for index in range(9):
        post = make_post(other_trust, PostRole.NON_EXECUTIVE_DIRECTOR, f"NED {index}")
        EqualityRecordFactory(person=IncumbencyFactory(post=post).person)
    in_pool = pool_member(trust)
    outsider = PersonFactory(organisation=trust)
    for person in (in_pool, outsider):
        EqualityRecordFactory(person=person, **BLACK_CARIBBEAN_DISABLED_MAN)
    return {"in_pool": in_pool, "outsider": outsider}


def set_ready_now(people, *, by):
    target_readiness_set(
        person=people["in_pool"], role="chief_executive", readiness=Readiness.READY_NOW, by=by
    )


def join_the_pool(people, *, by):
    talent_profile_save(
        person=people["outsider"],
        expected_version=None,
        in_national_pool=True,
        joined_pool_on=dt.date(2026, 11, 1),
        left_pool_on=None,
        visible_to_other_organisations=False,
        consent_recorded_on=None,
    )


def hold_a_board_post(people, *, by):
    person = people["outsider"]
    post = make_post(person.organisation, PostRole.FINANCE_DIRECTOR, "Director of finance")
    incumbency_start(
        post=post,
        person=person,
        kind=IncumbencyKind.SUBSTANTIVE,
        started_on=dt.date(2026, 11, 23),
    )


class Insider:
    """The national talent team, reading every breakdown: the page and the CSV, every kind."""

    def __init__(self, client):
        self.client = client

    def reads(self) -> dict:
        seen = {}
        for dimension in sorted(DIMENSIONS):
            page = self.client.get(EQUALITY, {"dimension": dimension})
            assert page.status_code == 200
            seen[f"page {dimension}"] = re.findall(r"<table.*?</table>", page.text, re.S)
            seen[f"csv {dimension}"] = self.client.get(EXPORT, {"dimension": dimension}).content
        return seen


def published_figures(export: bytes) -> list[str]:
    rows = list(csv.reader(io.StringIO(export.decode())))
    header = rows[1]
    numbers = [i for i, heading in enumerate(header) if heading.endswith(": number")]
    return [row[i] for row in rows[2:] for i in numbers]


def follows_the_rule(value: str) -> bool:
    return value in (SUPPRESSED, "0") or (int(value) >= 10 and int(value) % 5 == 0)


EDITS = {
    "readiness set to ready now": set_ready_now,
    "joining the pool": join_the_pool,
    "holding a board post": hold_a_board_post,
}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_changing_who_is_counted_changes_nothing_anyone_sees_until_the_next_snapshot(
    clock, client_for, talent_team, counted, edit
):
    clock.move_to(dt.datetime(2026, 11, 23, 2, 0, tzinfo=LONDON))
    equality_snapshot_publish_nightly()
    clock.move_to(dt.datetime(2026, 11, 23, 12, 0, tzinfo=LONDON))
    insider = Insider(client_for(talent_team))

    before = insider.reads()
    EDITS[edit](counted, by=talent_team)
    after = insider.reads()

    assert after == before  # not one figure, percentage or date moved

    clock.move_to(dt.datetime(2026, 11, 24, 2, 0, tzinfo=LONDON))
    equality_snapshot_publish_nightly()
    next_day = Insider(client_for(talent_team)).reads()  # a new day, a new sign-in

    for dimension in sorted(DIMENSIONS):
        export = next_day[f"csv {dimension}"]
        assert export.startswith(b"Figures published on 24 November 2026 at 02:00")
        figures = published_figures(export)
        assert figures and all(follows_the_rule(value) for value in figures), figures
        assert "1" not in figures  # no difference of one is ever published
        for table in next_day[f"page {dimension}"]:
            for value in re.findall(r"data-count>([^<]*)", table):
                assert follows_the_rule(value.strip()), value


def test_the_next_snapshot_does_count_the_change_rounded_by_the_rule(
    clock, client_for, talent_team, counted
):
    """The figures are not frozen for ever: the eighth ready-now Black Caribbean pool member
    turns the pipeline's * into 10 at the next snapshot, never into 8."""
    clock.move_to(dt.datetime(2026, 11, 23, 2, 0, tzinfo=LONDON))
    equality_snapshot_publish_nightly()
    clock.move_to(dt.datetime(2026, 11, 23, 12, 0, tzinfo=LONDON))
    set_ready_now(counted, by=talent_team)

    clock.move_to(dt.datetime(2026, 11, 24, 2, 0, tzinfo=LONDON))
    equality_snapshot_publish_nightly()
    client = client_for(talent_team)  # a new day, a new sign-in
    export = client.get(EXPORT, {"dimension": "ethnicity"}).content.decode()

    england = next(
        row
        for row in csv.reader(io.StringIO(export))
        if row[0] == "England" and row[2].endswith("Caribbean")
    )
    assert england[5] == "10"  # the pipeline's number: 8 people, published as 10
    assert "8" not in england
