"""Fixed numbers of the demo data."""

from __future__ import annotations

DEFAULT_SEED = 2016
DEMO_CHANGE_REASON = "Demo data"
DEMO_TRUST = "RJ1"  # Guy's and St Thomas': the demo accounts' trust gets a hand-shaped board
SIGNER_USERNAME_PREFIX = "demo.chair."
TOP_200 = 200
ORGANISATIONS_PER_BATCH = 40
HISTORY_YEARS = 9  # the earliest holders go back this far (and a little further)
KNOWN_YEARS = 5  # every post's holders are known for at least this long
