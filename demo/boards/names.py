"""Names, board make-ups and the weights the demo draws from: the texts are in
demo/data/names.yaml and boards.yaml."""

from __future__ import annotations

import random

from orgs.models import OrganisationKind
from succession.models import (
    Criticality,
    PostRole,
    Readiness,
)
from talent.models import ProfessionalBackground

from ..texts import texts

_NAMES = texts("names")
_BOARDS = texts("boards")

# The women's names come first: the talent pool's equality answers rely on it.
WOMEN_FIRST_NAMES = tuple(_NAMES["first_names"]["women"])
FIRST_NAMES = WOMEN_FIRST_NAMES + tuple(_NAMES["first_names"]["men"])
SURNAMES = tuple(_NAMES["surnames"])

# --- Boards ----------------------------------------------------------------------------------

CE = PostRole.CHIEF_EXECUTIVE
FD = PostRole.FINANCE_DIRECTOR
MD = PostRole.MEDICAL_DIRECTOR
CN = PostRole.CHIEF_NURSE
COO = PostRole.CHIEF_OPERATING_OFFICER
DOW = PostRole.DIRECTOR_OF_WORKFORCE
OTHER = PostRole.OTHER_EXECUTIVE_DIRECTOR
CHAIR = PostRole.CHAIR
NED = PostRole.NON_EXECUTIVE_DIRECTOR
AO = PostRole.ACCOUNTABLE_OFFICER
EXECUTIVE = frozenset(PostRole.executive_roles())
COMMISSIONER_KINDS = frozenset({OrganisationKind.CCG, OrganisationKind.ICB})


def _family(role: str) -> str:
    """Accountable officers lead CCGs as chief executives lead trusts: one talent family."""
    return CE if role == AO else role


BACKGROUNDS = {
    FD: ProfessionalBackground.FINANCE,
    MD: ProfessionalBackground.CLINICAL,
    CN: ProfessionalBackground.CLINICAL,
    COO: ProfessionalBackground.OPERATIONS,
    DOW: ProfessionalBackground.WORKFORCE,
    OTHER: ProfessionalBackground.OTHER,
}
CE_BACKGROUNDS = (
    ProfessionalBackground.CLINICAL,
    ProfessionalBackground.FINANCE,
    ProfessionalBackground.OPERATIONS,
    ProfessionalBackground.OPERATIONS,
    ProfessionalBackground.OTHER,
)
NED_BACKGROUNDS = (
    ProfessionalBackground.OTHER,
    ProfessionalBackground.OTHER,
    ProfessionalBackground.FINANCE,
    ProfessionalBackground.CLINICAL,
    ProfessionalBackground.WORKFORCE,
)


def _layout(make_up: dict, rng: random.Random) -> list[tuple[str, str, str]]:
    """(role, title, criticality) of each post of a board make-up in demo/data/boards.yaml, in
    board order: a post with a chance is there when a draw falls under it."""
    layout = []
    for post in make_up["posts"]:
        if "chance" in post and rng.random() >= post["chance"]:
            continue
        title = rng.choice(post["titles"]) if "titles" in post else post["title"]
        layout.append((PostRole(post["role"]), title, Criticality(post["criticality"])))
    non_executives = make_up.get("non_executives")
    if non_executives:
        count = rng.choices(non_executives["counts"], weights=non_executives["weights"])[0]
        titles = list(non_executives["titles"])
        titles += rng.sample(non_executives["committee_titles"], count - len(titles))
        criticality = Criticality(non_executives["criticality"])
        layout += [(NED, title, criticality) for title in titles]
    return layout


def _trust_layout(rng: random.Random) -> list[tuple[str, str, str]]:
    """A trust board: six executives, often one more, the chair and four to six non-executive
    directors: about 13 posts."""
    return _layout(_BOARDS["trust"], rng)


def _commissioner_layout(rng: random.Random) -> list[tuple[str, str, str]]:
    """A CCG governing body's leadership posts: about 9."""
    return _layout(_BOARDS["commissioner"], rng)


def _talent(catalogue: dict) -> dict[str, list[tuple[str, float, str]]]:
    return {
        PostRole(role): [(job["title"], job["chance"], job["seniority"]) for job in jobs]
        for role, jobs in catalogue.items()
    }


# Internal talent: (job title, chance the board has one, seniority), by the role they would
# succeed to.
TRUST_TALENT = _talent(_BOARDS["internal_talent"]["trust"])
COMMISSIONER_TALENT = _talent(_BOARDS["internal_talent"]["commissioner"])
EARLIER_TITLES = {
    PostRole(role): tuple(titles) for role, titles in _BOARDS["earlier_titles"].items()
}
OUTSIDE_NHS = tuple(_BOARDS["outside_nhs"])
NOTES = {
    Readiness(readiness): tuple(notes) for readiness, notes in _BOARDS["nomination_notes"].items()
}
REMOVED_STILL_HERE = tuple(_BOARDS["removed_still_here"])
REMOVED_GONE = tuple(_BOARDS["removed_gone"])
# How many names a plan has had taken off over the years (0-7), by the kind of post.
REMOVED_EXECUTIVE = (10, 15, 18, 18, 15, 10, 8, 6)
REMOVED_COUNTS = {
    CHAIR: (20, 25, 25, 15, 10, 5, 0, 0),
    NED: (45, 30, 15, 10, 0, 0, 0, 0),
}
SIGN_OFF_COMMENTS = tuple(_BOARDS["sign_off_comments"])
# Roughly the largest trusts by income: their chief executives lead the top-200 list.
LARGEST_TRUSTS = tuple(_BOARDS["largest_trusts"])
TRUST_KIND_ORDER = (
    OrganisationKind.ACUTE_TRUST,
    OrganisationKind.MENTAL_HEALTH_TRUST,
    OrganisationKind.AMBULANCE_TRUST,
    OrganisationKind.COMMUNITY_TRUST,
    OrganisationKind.OTHER_TRUST,
)

READINESS_STEPS = (Readiness.READY_NOW, Readiness.ONE_TO_TWO_YEARS, Readiness.THREE_TO_FIVE_YEARS)
# Readiness weights (ready now, 1-2 years, 3-5 years) by who the nominee is.
READINESS_WEIGHTS = {
    "deputy": (30, 45, 25),
    "associate": (10, 40, 50),
    "colleague": (35, 45, 20),
    "non_executive": (40, 40, 20),
    "national": (40, 45, 15),
}
# How many successors a slate has (0-4), by the kind of post.
SLATE_SIZES = {
    CE: (5, 25, 35, 25, 10),
    CHAIR: (20, 40, 25, 10, 5),
    NED: (55, 30, 10, 5, 0),
}
EXECUTIVE_SLATE_SIZES = (12, 30, 30, 20, 8)
