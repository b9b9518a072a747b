"""Who may do what in the pledge tracker. Every signed-in user reads it; a body's pledge lead keeps
that body's pledges; the national talent team keeps them all; people in trusts and CCGs (and the
national team) report inconsistencies; only the national team sees who reported.

Asked with no object, the keeping permissions mean "anywhere?" (a page or API call asks before it
knows the body); asked with a body, pledge, milestone, update or report, they mean "this one?"."""

import rules

from accounts.models import Role
from accounts.roles import organisations_for
from accounts.rules import is_national_talent_team
from orgs.models import Organisation, OrganisationKind

# The roles a trust or CCG user has in this service.
REPORTING_ROLES = (Role.HR_DIRECTOR, Role.CHAIR)
REPORTING_KINDS = frozenset(
    [*OrganisationKind.trust_kinds(), OrganisationKind.CCG, OrganisationKind.ICB]
)


def body_id_of(obj) -> int | None:
    """The national body an object belongs to: a body, a pledge, or a pledge's milestone, update
    or report (or anything with a body_id, such as a placeholder for a pledge not yet made)."""
    if obj is None:
        return None
    if isinstance(obj, Organisation):
        return obj.pk
    if hasattr(obj, "body_id"):
        return obj.body_id
    pledge = getattr(obj, "pledge", None)
    return getattr(pledge, "body_id", None)


def bodies_led_by(user) -> list[Organisation]:
    return organisations_for(user, Role.PLEDGE_LEAD)


def reporting_organisations(user) -> list[Organisation]:
    """The trusts and CCGs on whose behalf the user may report an inconsistency."""
    return [
        organisation
        for organisation in organisations_for(user, *REPORTING_ROLES)
        if organisation.kind in REPORTING_KINDS
    ]


@rules.predicate
def is_pledge_lead_of(user, obj) -> bool:
    led = {body.pk for body in bodies_led_by(user)}
    if obj is None:
        # "May they keep any body's pledges?": asked before the body or pledge is known.
        return bool(led)
    return body_id_of(obj) in led


@rules.predicate
def is_trust_or_ccg_user(user) -> bool:
    return bool(reporting_organisations(user))


can_keep_pledges = is_pledge_lead_of | is_national_talent_team

rules.add_perm("pledges.create_pledge", can_keep_pledges)
rules.add_perm("pledges.edit_pledge", can_keep_pledges)
rules.add_perm("pledges.record_progress", can_keep_pledges)
rules.add_perm("pledges.respond_to_report", can_keep_pledges)
rules.add_perm("pledges.report_inconsistency", is_trust_or_ccg_user | is_national_talent_team)
rules.add_perm("pledges.see_reporter", is_national_talent_team)
