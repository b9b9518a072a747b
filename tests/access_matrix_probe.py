"""Shared by the access-matrix test: the world every URL is tried against, and how to try it."""

import datetime as dt

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.models import Role
from pledges import services as pledge_services
from succession import services
from talent.models import PostRole, Readiness
from tests.accounts.factories import user_with_role
from tests.orgs.factories import NationalBodyFactory
from tests.pledges.factories import make_pledge, make_report, make_update
from tests.succession.factories import IncumbencyFactory, make_post
from tests.talent.factories import PersonFactory

PERSONAS = [
    "anonymous",
    "hr_director",
    "chair",
    "other_hr_director",
    "talent_team",
    "pledge_lead",
    "administrator",
]


def url_patterns(patterns=None, namespace=None):
    """(name, pattern) for every named URL pattern; the admin's own pages are tested apart."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or None
            full = ":".join(part for part in (namespace, inner) if part) or None
            yield from url_patterns(pattern.url_patterns, full)
        elif isinstance(pattern, URLPattern) and pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            if not name.startswith("admin:"):
                yield name, pattern


def build_world(trust):
    """One post in the HR director's trust with a holder, a plan and a nomination."""
    post = make_post(trust, PostRole.CHIEF_EXECUTIVE, "Chief executive")
    holder = IncumbencyFactory(post=post, started_on=dt.date(2020, 1, 1))
    person = PersonFactory(organisation=trust)
    nomination = services.nomination_add(
        plan=post.plan, person=person, readiness=Readiness.READY_NOW
    )
    return {
        "ods_code": trust.ods_code,
        "pk": post.pk,
        "post_id": post.pk,
        "nomination_pk": nomination.pk,
        "incumbency_pk": holder.pk,
        "token": "no-such-upload",
        "file_format": "csv",
        "person_pk": person.pk,
        **pledge_world(trust),
        **talent_pool_world(trust),
    }


def pledge_world(trust):
    """A pledge of the pledge lead's national body with a milestone, an update and a report from
    another user of the trust (so that no persona is the reporter)."""
    body = NationalBodyFactory(ods_code="NHSI", name="NHS IMPROVEMENT")  # priya's body
    pledge = make_pledge(body)
    lead = user_with_role(Role.PLEDGE_LEAD, body, username="pledge-world-lead")
    reporter = user_with_role(Role.HR_DIRECTOR, trust, username="pledge-world-reporter")
    milestone = pledge_services.milestone_add(
        pledge=pledge, title="Charter agreed", due_on=pledge.target_on
    )
    return {
        "pledge_pk": pledge.pk,
        "milestone_pk": milestone.pk,
        "pledge_update_pk": make_update(pledge, by=lead).pk,
        "report_pk": make_report(pledge, by=reporter, organisation=trust).pk,
    }


def talent_pool_world(trust):
    """A member of the national talent pool in the trust who agreed to be visible to other
    organisations, with a development activity and a place in a cohort being calibrated."""
    from talent.services import calibration as calibration_services
    from talent.services import pool as pool_services
    from tests.talent.factories import CohortFactory, pool_member

    member = pool_member(
        trust, performance=2, potential=2, readiness={"chief_executive": "ready_now"}
    )
    cohort = CohortFactory(starts_on=dt.date(2025, 1, 15))
    membership = pool_services.cohort_membership_add(
        person=member, cohort=cohort, joined_on=cohort.starts_on
    )
    activity = pool_services.development_add(
        person=member, kind="coaching", title="Coaching", status="planned",
        starts_on=dt.date(2025, 2, 1),
    )  # fmt: skip
    session = calibration_services.calibration_session_open(
        cohort=cohort, held_on=dt.date(2026, 3, 12)
    )
    return {
        "pool_person_pk": member.pk,
        "membership_pk": membership.pk,
        "activity_pk": activity.pk,
        "session_pk": session.pk,
    }


TALENT_POOL_PERSON_URLS = (
    "talent:pool_profile",
    "talent:pool_profile_edit",
    "talent:readiness_set",
    "talent:nine_box_place",
    "talent:cohort_membership_add",
    "talent:cohort_membership_end",
    "talent:development_add",
    "talent:development_edit",
    "talent:equality_record_edit",
    "talent:pool_nominate",
    "api-talent-pool-detail",
)
CALIBRATION_SESSION_URLS = (
    "talent:calibration_session",
    "talent:calibration_move",
    "talent:calibration_close",
    "api-calibration-session-detail",
)


def url_for(name, pattern, world):
    kwargs = {key: world[key] for key in pattern.pattern.converters}
    if name in (
        "talent:person_detail",
        "talent:person_edit",
        "talent:career_entry_add",
        "api-person-detail",
    ):
        kwargs["pk"] = world["person_pk"]
    if name == "api-nomination-detail":
        kwargs["pk"] = world["nomination_pk"]
    if name == "api-incumbency-detail":
        kwargs["pk"] = world["incumbency_pk"]
    if name == "api-pledge-detail":
        kwargs["pk"] = world["pledge_pk"]
    if name == "api-pledge-update-detail":
        kwargs["pk"] = world["pledge_update_pk"]
    if name in ("api-pledge-report-detail", "api-pledge-report-respond"):
        kwargs["pk"] = world["report_pk"]
    if name in TALENT_POOL_PERSON_URLS:
        kwargs["pk"] = world["pool_person_pk"]
    if name in CALIBRATION_SESSION_URLS:
        kwargs["pk"] = world["session_pk"]
    return reverse(name, kwargs=kwargs)


def outcome(client, method, url):
    if url.startswith("/api/"):
        response = getattr(client, method.lower())(url, data={}, content_type="application/json")
    else:
        response = getattr(client, method.lower())(url)
    return response.status_code
