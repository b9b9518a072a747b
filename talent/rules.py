"""Who may see and change a person. An organisation's HR director keeps its people's details; its
chair reads them; the national talent team reads and keeps everyone's."""

import rules
from django.contrib.auth.models import Permission
from django.db.models import Q

from accounts.models import Role
from accounts.roles import organisation_ids_for
from accounts.rules import is_national, is_national_talent_team
from orgs.models import Organisation


def _organisation_id(obj) -> int | None:
    """The organisation a person belongs to, or the organisation itself (for adding people)."""
    if isinstance(obj, Organisation):
        return obj.pk
    return getattr(obj, "organisation_id", None)


@rules.predicate
def is_hr_director_of(user, obj) -> bool:
    hr_organisations = organisation_ids_for(user, Role.HR_DIRECTOR)
    if obj is None:
        # "May they add people anywhere?": the page asks before it knows which organisation.
        return bool(hr_organisations)
    return _organisation_id(obj) in hr_organisations


@rules.predicate
def is_chair_of(user, obj) -> bool:
    return _organisation_id(obj) in organisation_ids_for(user, Role.CHAIR)


@rules.predicate
def acts_for_an_organisation(user) -> bool:
    return bool(organisation_ids_for(user, Role.HR_DIRECTOR, Role.CHAIR))


rules.add_perm("talent.list_people", is_national | acts_for_an_organisation)
rules.add_perm("talent.see_person", is_national | is_hr_director_of | is_chair_of)
# A person's name and details: the national talent team, or the HR director of their employer.
# An appointment by another organisation does not change the employer; the leaving, recorded by
# the employer, does (succession.services).
rules.add_perm("talent.edit_person", is_national_talent_team | is_hr_director_of)
rules.add_perm("talent.create_person", is_hr_director_of)


# The national talent pool is the national talent team's: profiles, nine-box, development,
# calibration, the pipeline and the equality breakdowns are theirs alone (administrators manage
# users and reference data, not people's talent records). HR directors and chairs may search the
# pool for members who agreed to be visible to other organisations, and see only their name,
# current post and readiness for target roles. A person's own equality monitoring answers need
# more than any role: an explicit permission, granted to a user or group in the admin.

EQUALITY_PERMISSION = "talent.view_equality_data"


@rules.predicate
def is_visible_pool_member(user, person) -> bool:
    """The person is in the national pool and agreed to be visible to other organisations."""
    profile = getattr(person, "talent_profile", None) if person is not None else None
    return bool(profile and profile.in_national_pool and profile.visible_to_other_organisations)


@rules.predicate
def holds_equality_permission(user) -> bool:
    """Granted to this user or one of their groups, explicitly: a superuser does not hold it just
    by being one (see docs/adr/0007-talent-pool-and-equality-data.md)."""
    if not (user.is_authenticated and user.is_active):
        return False
    cached = getattr(user, "_equality_permission_cache", None)
    if cached is None:
        app_label, codename = EQUALITY_PERMISSION.split(".")
        cached = (
            Permission.objects.filter(content_type__app_label=app_label, codename=codename)
            .filter(Q(user=user) | Q(group__user=user))
            .exists()
        )
        user._equality_permission_cache = cached
    return cached


rules.add_perm("talent.search_pool", is_national_talent_team | acts_for_an_organisation)
rules.add_perm(
    "talent.see_pool_member",
    is_national_talent_team | (acts_for_an_organisation & is_visible_pool_member),
)
# Nine-box, development, calibration, cohorts, mobility and aspirations: the national team only.
rules.add_perm("talent.see_talent_record", is_national_talent_team)
rules.add_perm("talent.manage_pool", is_national_talent_team)
rules.add_perm("talent.calibrate", is_national_talent_team)
rules.add_perm("talent.see_pipeline", is_national_talent_team)
rules.add_perm("talent.see_equality_breakdowns", is_national_talent_team)
rules.add_perm("talent.see_person_equality", is_national_talent_team & holds_equality_permission)
rules.add_perm(
    "talent.publish_equality_figures", is_national_talent_team & holds_equality_permission
)
