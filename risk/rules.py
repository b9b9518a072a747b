"""Who may use the risk dashboard: the national team sees every organisation; HR directors and
chairs see their own (the selectors decide which rows). Only the national talent team recalculates
and changes the method."""

import rules

from accounts.rules import is_chair, is_hr_director, is_national, is_national_talent_team

rules.add_perm("succession.see_risk_dashboard", is_national | is_hr_director | is_chair)
rules.add_perm("succession.recalculate_risk", is_national_talent_team)
rules.add_perm("succession.edit_risk_method", is_national_talent_team)
