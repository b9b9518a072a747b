"""Who may change organisation reference data in the service (everyone signed in may read it)."""

import rules

from accounts.rules import is_national

# Oversight segments are NHS England's: the national talent team and administrators keep them.
rules.add_perm("orgs.import_oversight_segments", is_national)
