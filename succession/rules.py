"""Who may do what to a post and its plan. Organisations own their plans: their HR director
keeps them, their chair signs them off, the national team sees them all and may nominate."""

import rules

from accounts.models import Role
from accounts.roles import organisation_ids_for
from accounts.rules import is_national, is_national_talent_team
from orgs.models import Organisation


def _organisation_id(obj) -> int | None:
    """The organisation an object belongs to: an organisation, a post, a plan or a nomination."""
    if obj is None:
        return None
    if isinstance(obj, Organisation):
        return obj.pk
    for path in ("organisation_id", "post.organisation_id", "plan.post.organisation_id"):
        target = obj
        try:
            for part in path.split("."):
                target = getattr(target, part)
        except AttributeError:
            continue
        return target
    return None


@rules.predicate
def is_hr_director_of(user, obj) -> bool:
    return _organisation_id(obj) in organisation_ids_for(user, Role.HR_DIRECTOR)


@rules.predicate
def is_chair_of(user, obj) -> bool:
    return _organisation_id(obj) in organisation_ids_for(user, Role.CHAIR)


can_view = is_national | is_hr_director_of | is_chair_of

rules.add_perm("succession.see_post", can_view)
rules.add_perm("succession.edit_post", is_hr_director_of)
rules.add_perm("succession.create_post", is_hr_director_of)
rules.add_perm("succession.manage_plan", is_hr_director_of)
rules.add_perm("succession.nominate", is_hr_director_of | is_national_talent_team)
rules.add_perm("succession.sign_off_plan", is_chair_of)
rules.add_perm("succession.import_posts", is_hr_director_of)
