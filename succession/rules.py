"""Who may do what to a post and its plan. Organisations own their plans: their HR director
keeps them, their chair signs them off, the national team sees them all and may nominate."""

import rules

from accounts.models import Role
from accounts.roles import organisation_ids_for
from accounts.rules import is_national, is_national_talent_team
from orgs.models import Organisation
from succession.models import Post


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


def _post(obj):
    """The post an object is about: a post, a plan or a nomination (None for an organisation)."""
    for path in ("", "post", "plan.post"):
        target = obj
        try:
            for part in filter(None, path.split(".")):
                target = getattr(target, part)
        except AttributeError:
            continue
        if isinstance(target, Post):
            return target
    return None


@rules.predicate
def shares_the_post(user, obj) -> bool:
    """HR director or chair of an organisation the post is shared with: they read the post, its
    plan, holders and slate; only the lead organisation edits and signs off."""
    post = _post(obj)
    if post is None or post.pk is None:
        return False
    acting_for = organisation_ids_for(user, Role.HR_DIRECTOR, Role.CHAIR)
    if not acting_for:
        return False
    return post.shared_with.filter(pk__in=acting_for).exists()


can_view = is_national | is_hr_director_of | is_chair_of | shares_the_post

rules.add_perm("succession.see_post", can_view)
rules.add_perm("succession.edit_post", is_hr_director_of)
rules.add_perm("succession.create_post", is_hr_director_of)
rules.add_perm("succession.manage_plan", is_hr_director_of)
rules.add_perm("succession.nominate", is_hr_director_of | is_national_talent_team)
rules.add_perm("succession.sign_off_plan", is_chair_of)
rules.add_perm("succession.import_posts", is_hr_director_of)
