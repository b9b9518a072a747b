"""What the talent pool demo's steps share: its texts (demo/data/talent_pool.yaml), the summary
of what was added, and a random stream per person and step."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from demo.boards.names import WOMEN_FIRST_NAMES
from demo.texts import texts
from succession.models import PostRole, Readiness
from talent.models import (
    Ethnicity,
    TalentProfile,
)

CE = PostRole.CHIEF_EXECUTIVE
CHAIR = PostRole.CHAIR
NED = PostRole.NON_EXECUTIVE_DIRECTOR
EXECUTIVE_TARGETS = (
    PostRole.FINANCE_DIRECTOR,
    PostRole.MEDICAL_DIRECTOR,
    PostRole.CHIEF_NURSE,
    PostRole.CHIEF_OPERATING_OFFICER,
    PostRole.DIRECTOR_OF_WORKFORCE,
    PostRole.OTHER_EXECUTIVE_DIRECTOR,
)
NOW, SOON, LATER = Readiness.READY_NOW, Readiness.ONE_TO_TWO_YEARS, Readiness.THREE_TO_FIVE_YEARS

TEXTS = texts("talent_pool")

# (programme, target role, description, people per cohort)
PROGRAMMES = [
    (
        programme["name"],
        programme["target_role"],
        programme["description"],
        programme["cohort_size"],
    )
    for programme in TEXTS["programmes"]
]
# Words in a job title, and the role it prepares someone for (first match wins).
TITLE_ROLES = [(tuple(rule["words"]), PostRole(rule["role"])) for rule in TEXTS["title_roles"]]
MOVE_REASONS = TEXTS["move_reasons"]
COACHING_TITLES = TEXTS["coaching_titles"]
STRETCH_TITLES = TEXTS["stretch_titles"]
ASPIRATIONS = {PostRole(role): text for role, text in TEXTS["aspirations"].items()}
EXECUTIVE_ASPIRATION = TEXTS["executive_aspiration"]
# The ONS category people with these names most often report; everyone else is drawn from the
# national make-up of NHS boards.
HERITAGE = {Ethnicity(category): frozenset(names) for category, names in TEXTS["heritage"].items()}
OTHERWISE = [(Ethnicity(category), weight) for category, weight in TEXTS["otherwise"].items()]
WOMEN = frozenset(WOMEN_FIRST_NAMES)


@dataclass
class TalentDemoSummary:
    programmes: int = 0
    cohorts: int = 0
    readiness: int = 0
    placements: int = 0
    profiles_with_mobility: int = 0
    memberships: int = 0
    sessions: int = 0
    development: int = 0
    equality_records: int = 0
    analyst_created: bool = False

    def lines(self) -> list[str]:
        return [
            f"Talent pool: {self.programmes} programmes and {self.cohorts} cohorts added; "
            f"{self.memberships} cohort places",
            f"Readiness for target roles: {self.readiness}; nine-box placements: "
            f"{self.placements}; mobility and aspirations for {self.profiles_with_mobility} "
            "profiles",
            f"Calibration sessions: {self.sessions}; development activities: {self.development}",
            f"Equality monitoring answers: {self.equality_records}",
        ]


def rng_for(seed: int, step: str, pk: int) -> random.Random:
    return random.Random(f"{seed}:talent:{step}:{pk}")


def at(day: dt.date, hour: int = 10, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=dt.UTC)


def pick(rng: random.Random, weighted) -> str:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


def pool_profiles():
    return TalentProfile.objects.filter(in_national_pool=True).select_related(
        "person", "person__organisation"
    )
