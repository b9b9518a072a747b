"""A world where every free-text field a user can type holds a script payload naming the field,
entered through the services the forms call. The escaping tests look for each payload, raw and
escaped, on the pages that show it."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.html import escape

from pledges import services as pledge_services
from pledges.models import PledgeStatus, ResponseKind
from risk import methods, recalculation
from succession import services
from succession.models import IncumbencyKind
from talent import services as talent_services
from talent.models import CalibrationPlacement, PostRole, Readiness
from talent.services import calibration as calibration_services
from talent.services import pool as pool_services
from tests.pledges.factories import condition
from tests.talent.factories import (
    CohortFactory,
    PersonFactory,
    ProgrammeFactory,
    aspirations_saved,
)


def payload(field: str) -> str:
    """A script in a tag, an attribute break-out and an event handler: whatever the context the
    text lands in, unescaped it would run. The field's name makes each payload unique."""
    return f'<script>alert("{field}")</script>"\'><img src=x onerror=alert(1)>'


def raw_marker(field: str) -> str:
    """What only an unescaped payload puts in a page."""
    return f'<script>alert("{field}")'


def escaped(field: str) -> str:
    return escape(payload(field))


# Every evidence address is checked to be a web address, so the payload rides in its query.
EVIDENCE_LINK = 'https://evidence.example/report?q="><script>alert("update.evidence_link")</script>'
RAW_EVIDENCE_LINK = '"><script>alert("update.evidence_link")'

FIELDS = [
    "post.title",
    "person.first_name",
    "person.last_name",
    "career.title",
    "career.organisation_name",
    "nomination.notes",
    "nomination.removed_reason",
    "sign_off.comment",
    "risk_method.reason",
    "profile.aspirations",
    "readiness.notes",
    "nine_box.reason",
    "calibration.reason",
    "development.title",
    "development.mentor_name",
    "development.notes",
    "user.first_name",
    "user.last_name",
    "programme.name",
    "cohort.name",
    "pledge.title",
    "pledge.commitment",
    "pledge.accountable_owner",
    "pledge.success_measure",
    "pledge.withdrawn_reason",
    "milestone.title",
    "update.narrative",
    "report.what_happened",
    "response.text",
]


def build_payload_world(*, trust, hr_director, chair, talent_team, pledge_lead, body) -> dict:
    """Alice's trust gets a post whose title and holder are payloads; the holder is on the slate
    of a second post (so appointing them names the post they leave), in the national pool with
    every pool field a payload, and calibrated. Priya's body gets a pledge with payloads in every
    field, a milestone, an update and a report with a response. Then the risk is scored."""
    today = timezone.localdate()
    held = services.post_create(
        organisation=trust, role=PostRole.CHIEF_EXECUTIVE, title=payload("post.title")
    )
    person = talent_services.person_create(
        organisation=trust,
        first_name=payload("person.first_name"),
        last_name=payload("person.last_name"),
        work_email="pat.payload@nhs.example",
    )
    services.incumbency_start(
        post=held,
        person=person,
        kind=IncumbencyKind.INTERIM,
        started_on=dt.date(2022, 4, 1),
        expected_departure_on=today + dt.timedelta(days=200),
    )
    talent_services.career_entry_add(
        person=person,
        title=payload("career.title"),
        organisation_name=payload("career.organisation_name"),
        started_on=dt.date(2015, 1, 5),
        ended_on=dt.date(2022, 3, 31),
    )

    slate_post = services.post_create(
        organisation=trust, role=PostRole.FINANCE_DIRECTOR, title="Director of finance"
    )
    nomination = services.nomination_add(
        plan=slate_post.plan,
        person=person,
        readiness=Readiness.READY_NOW,
        notes=payload("nomination.notes"),
        by=hr_director,
    )
    dropped = services.nomination_add(
        plan=slate_post.plan,
        person=PersonFactory(organisation=trust, first_name="Robin", last_name="Removed"),
        readiness=Readiness.THREE_TO_FIVE_YEARS,
        by=hr_director,
    )
    services.nomination_remove(nomination=dropped, reason=payload("nomination.removed_reason"))
    slate_post.plan.refresh_from_db()
    # Administrators type users' names in the admin; pages say who signed, asked or moved.
    chair.first_name, chair.last_name = payload("user.first_name"), payload("user.last_name")
    chair.save()
    services.plan_sign_off(plan=slate_post.plan, by=chair, comment=payload("sign_off.comment"))

    current = methods.current_method()
    methods.risk_method_change(
        points={key: points + 1 for key, points in current.points.items()},
        high_from=current.high_from,
        medium_from=current.medium_from,
        reason=payload("risk_method.reason"),
        by=talent_team,
    )

    aspirations_saved(person, payload("profile.aspirations"))
    pool_services.target_readiness_set(
        person=person,
        role=PostRole.CHIEF_EXECUTIVE,
        readiness=Readiness.READY_NOW,
        by=talent_team,
        notes=payload("readiness.notes"),
    )
    pool_services.nine_box_place(
        person=person, performance=2, potential=3, reason=payload("nine_box.reason"), by=talent_team
    )
    programme = ProgrammeFactory(name=payload("programme.name"))
    cohort = CohortFactory(programme=programme, name=payload("cohort.name"))
    membership = pool_services.cohort_membership_add(
        person=person, cohort=cohort, joined_on=cohort.starts_on
    )
    activity = pool_services.development_add(
        person=person,
        kind="mentoring",
        title=payload("development.title"),
        status="in_progress",
        starts_on=dt.date(2025, 2, 1),
        mentor_name=payload("development.mentor_name"),
        notes=payload("development.notes"),
    )
    session = calibration_services.calibration_session_open(
        cohort=cohort, held_on=today, by=talent_team
    )
    calibration_services.calibration_move(
        placement=CalibrationPlacement.objects.get(session=session, person=person),
        performance=3,
        potential=3,
        reason=payload("calibration.reason"),
        by=talent_team,
    )

    pledge = pledge_services.pledge_create(
        body=body,
        condition=condition(2),
        title=payload("pledge.title"),
        commitment=payload("pledge.commitment"),
        accountable_owner=payload("pledge.accountable_owner"),
        start_on=today - dt.timedelta(days=365),
        target_on=today + dt.timedelta(days=365),
        success_measure=payload("pledge.success_measure"),
        by=pledge_lead,
    )
    milestone = pledge_services.milestone_add(
        pledge=pledge, title=payload("milestone.title"), due_on=today + dt.timedelta(days=90)
    )
    update = pledge_services.progress_update_submit(
        pledge=pledge,
        period_start=today - dt.timedelta(days=100),
        period_end=today - dt.timedelta(days=10),
        rag="amber",
        narrative=payload("update.narrative"),
        evidence_links=[EVIDENCE_LINK],
        by=pledge_lead,
    )
    report = pledge_services.report_create(
        pledge=pledge,
        what_happened=payload("report.what_happened"),
        happened_on=today - dt.timedelta(days=7),
        by=hr_director,
        reporter_organisation=trust,
    )
    pledge_services.report_respond(
        report=report,
        kind=ResponseKind.EXPLAINED,
        text=payload("response.text"),
        by=pledge_lead,
    )
    withdrawn = pledge_services.pledge_create(
        body=body,
        condition=condition(3),
        title="Improvement coaching for every trust",
        commitment="Coaching in improvement methods for every trust board.",
        accountable_owner="Director of Improvement",
        start_on=today - dt.timedelta(days=365),
        target_on=today + dt.timedelta(days=365),
        success_measure="Every board has had coaching.",
        by=pledge_lead,
    )
    pledge_services.pledge_update(
        pledge=withdrawn,
        expected_version=None,
        status=PledgeStatus.WITHDRAWN,
        withdrawn_reason=payload("pledge.withdrawn_reason"),
    )

    recalculation.recalculate_all()
    return {
        "ods_code": trust.ods_code,
        "held_post": held,
        "slate_post": slate_post,
        "person": person,
        "nomination": nomination,
        "membership": membership,
        "activity": activity,
        "session": session,
        "pledge": pledge,
        "withdrawn_pledge": withdrawn,
        "milestone": milestone,
        "update": update,
        "report": report,
    }
