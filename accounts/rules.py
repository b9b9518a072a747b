"""django-rules predicates for roles. Object-level rules for each app live in that app's rules.py."""

import rules

from .models import Role
from .roles import has_role

is_national_talent_team = rules.predicate(
    lambda user: has_role(user, Role.NATIONAL_TALENT_TEAM), name="is_national_talent_team"
)
is_hr_director = rules.predicate(
    lambda user: has_role(user, Role.HR_DIRECTOR), name="is_hr_director"
)
is_chair = rules.predicate(lambda user: has_role(user, Role.CHAIR), name="is_chair")
is_pledge_lead = rules.predicate(
    lambda user: has_role(user, Role.PLEDGE_LEAD), name="is_pledge_lead"
)
is_administrator = rules.predicate(
    lambda user: has_role(user, Role.ADMINISTRATOR), name="is_administrator"
)
is_national = is_national_talent_team | is_administrator

# Organisation reference data sits beneath accounts (orgs knows no roles), so its one write
# permission is decided here: oversight segments are NHS England's, kept by the national talent
# team and administrators.
rules.add_perm("orgs.import_oversight_segments", is_national)
