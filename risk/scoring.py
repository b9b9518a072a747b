"""The succession-risk method as a pure function of plain data: no ORM, no clock, no settings.

A post's facts (its holders, its slate, its last review, its organisation's oversight segment) and
a method (the points of each factor, which are data kept in RiskMethod) go in; a score, a band and
the factors that applied, each with its points, come out. `ways_to_lower` re-scores the same facts
with one thing changed, so "naming a ready-now successor removes 20 points" is the method's own
answer, not a second copy of its rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from succession.models import IncumbencyKind
from talent.models import Readiness

# Thresholds that define what a factor means. Changing one changes the method's meaning, not its
# weights, so they are code (reviewed, tested) rather than numbers on the method page.
LEAVING_SOON_MONTHS = 12
LEAVING_LATER_MONTHS = 24
CHURN_YEARS = 5
CHURN_HOLDERS = 3
STRETCHED_OTHER_POSTS = 3
REVIEW_MONTHS = 12
MAX_SCORE = 100

HIGH = "high"
MEDIUM = "medium"
LOW = "low"
BANDS = (HIGH, MEDIUM, LOW)
BAND_LABELS = {HIGH: "High", MEDIUM: "Medium", LOW: "Low"}


@dataclass(frozen=True)
class Factor:
    key: str
    label: str
    default_points: int


# Version 1 of the method: the table in the product brief. Order is the order they are shown in.
FACTORS: tuple[Factor, ...] = (
    Factor("post_vacant", "Post vacant", 30),
    Factor("holder_interim_or_acting", "Holder is interim or acting", 20),
    Factor("leaving_within_12_months", "Holder expected to leave within 12 months", 20),
    Factor("leaving_within_24_months", "Holder expected to leave within 24 months", 10),
    Factor("no_ready_now_successor", "No successor ready now", 20),
    Factor("no_successor_within_2_years", "No successor ready in 1–2 years either", 10),
    Factor("no_emergency_cover", "No emergency cover named", 10),
    Factor(
        "ready_now_successors_stretched",
        "Every ready-now successor is also nominated for 3 or more other posts",
        5,
    ),
    Factor("holder_churn", "3 or more substantive holders in the last 5 years", 10),
    Factor("lowest_oversight_segment", "Organisation in the lowest oversight segment", 10),
    Factor("plan_not_reviewed", "Plan not reviewed for 12 months", 10),
)
FACTOR_KEYS = tuple(factor.key for factor in FACTORS)
FACTOR_LABELS = {factor.key: factor.label for factor in FACTORS}
DEFAULT_POINTS = {factor.key: factor.default_points for factor in FACTORS}
DEFAULT_HIGH_FROM = 60
DEFAULT_MEDIUM_FROM = 30


@dataclass(frozen=True)
class Method:
    """The weights of one version of the method, and where the bands start."""

    version: int
    points: Mapping[str, int]
    high_from: int = DEFAULT_HIGH_FROM
    medium_from: int = DEFAULT_MEDIUM_FROM

    def band(self, score: int) -> str:
        if score >= self.high_from:
            return HIGH
        if score >= self.medium_from:
            return MEDIUM
        return LOW


DEFAULT_METHOD = Method(version=1, points=DEFAULT_POINTS)


@dataclass(frozen=True)
class Holder:
    """Someone's time in the post: the current holder has no end date."""

    person_id: int
    kind: str
    started_on: dt.date
    ended_on: dt.date | None = None
    expected_departure_on: dt.date | None = None


@dataclass(frozen=True)
class Successor:
    """One active nomination on the post's slate; `other_posts` counts the person's active
    nominations for other posts. Someone already appointed, who starts on `starts_on`, is a
    successor ready now (and the post's cover until then), not its holder."""

    person_id: int
    readiness: str
    is_emergency_cover: bool = False
    other_posts: int = 0
    starts_on: dt.date | None = None


@dataclass(frozen=True)
class PostFacts:
    post_id: int
    holders: tuple[Holder, ...] = ()
    successors: tuple[Successor, ...] = ()
    last_reviewed_on: dt.date | None = None
    oversight_segment: int | None = None
    lowest_oversight_segment: int = 4

    @property
    def current_holder(self) -> Holder | None:
        return next((holder for holder in self.holders if holder.ended_on is None), None)


@dataclass(frozen=True)
class Assessment:
    score: int
    band: str
    # factor key -> points, in the order of FACTORS; only factors that applied with points > 0.
    factors: dict[str, int] = field(default_factory=dict)

    @property
    def raw_total(self) -> int:
        """The sum before the cap at 100."""
        return sum(self.factors.values())


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (or earlier), or the month's last day if it has no such day."""
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def factors_that_apply(facts: PostFacts, *, today: dt.date) -> list[str]:
    """The keys of the factors that describe the post on `today`, whatever their points."""
    applied = []
    holder = facts.current_holder
    if holder is None:
        applied.append("post_vacant")
    else:
        if holder.kind in (IncumbencyKind.INTERIM, IncumbencyKind.ACTING):
            applied.append("holder_interim_or_acting")
        leaving = holder.expected_departure_on
        if leaving is not None:
            if leaving <= add_months(today, LEAVING_SOON_MONTHS):
                applied.append("leaving_within_12_months")
            elif leaving <= add_months(today, LEAVING_LATER_MONTHS):
                applied.append("leaving_within_24_months")

    readiness = {successor.readiness for successor in facts.successors}
    if Readiness.READY_NOW not in readiness:
        applied.append("no_ready_now_successor")
        if Readiness.ONE_TO_TWO_YEARS not in readiness:
            applied.append("no_successor_within_2_years")
    if not any(successor.is_emergency_cover for successor in facts.successors):
        applied.append("no_emergency_cover")
    ready_now = [s for s in facts.successors if s.readiness == Readiness.READY_NOW]
    if ready_now and all(s.other_posts >= STRETCHED_OTHER_POSTS for s in ready_now):
        applied.append("ready_now_successors_stretched")

    churn_from = add_months(today, -12 * CHURN_YEARS)
    substantive = {
        h.person_id
        for h in facts.holders
        if h.kind == IncumbencyKind.SUBSTANTIVE
        and h.started_on <= today
        and (h.ended_on is None or h.ended_on >= churn_from)
    }
    if len(substantive) >= CHURN_HOLDERS:
        applied.append("holder_churn")

    if (
        facts.oversight_segment is not None
        and facts.oversight_segment >= facts.lowest_oversight_segment
    ):
        applied.append("lowest_oversight_segment")

    if facts.last_reviewed_on is None or facts.last_reviewed_on < add_months(today, -REVIEW_MONTHS):
        applied.append("plan_not_reviewed")
    return applied


def situation(facts: PostFacts) -> dict[str, bool]:
    """What the dashboard's figures count about a post, whatever the method's points."""
    holder = facts.current_holder
    return {
        "is_vacant": holder is None,
        "is_interim_or_acting": holder is not None
        and holder.kind in (IncumbencyKind.INTERIM, IncumbencyKind.ACTING),
        "has_ready_now_successor": any(
            s.readiness == Readiness.READY_NOW for s in facts.successors
        ),
        "has_emergency_cover": any(s.is_emergency_cover for s in facts.successors),
    }


def score_post(facts: PostFacts, method: Method, *, today: dt.date) -> Assessment:
    """The post's score (the sum of the points of the factors that apply, capped at 100), its band
    and the factors with their points."""
    applied = set(factors_that_apply(facts, today=today))
    factors = {
        key: int(method.points.get(key, 0))
        for key in FACTOR_KEYS
        if key in applied and method.points.get(key, 0) > 0
    }
    score = min(MAX_SCORE, sum(factors.values()))
    return Assessment(score=score, band=method.band(score), factors=factors)


# --- What would lower the score ---------------------------------------------------------------

NEW_PERSON = -1  # a person the plan does not name yet


@dataclass(frozen=True)
class Improvement:
    """One thing the organisation could do, and what it would do to the score: the points it
    removes are the counterfactual score's difference, which is not the removed factors' own
    points when the change makes another factor apply (`factors_added`) or the score was capped."""

    action: str
    points: int  # how many points it removes
    factors: tuple[str, ...]  # the factors it removes
    factors_points: int = 0  # the removed factors' own points
    factors_added: tuple[tuple[str, int], ...] = ()  # (factor, points) that apply after it

    @property
    def differs_from_factors(self) -> bool:
        return bool(self.factors) and self.points != self.factors_points

    @property
    def why_different(self) -> str:
        """Why the points removed are not the removed factors' own points, or ""."""
        if not self.differs_from_factors:
            return ""
        if self.factors_added:
            added = " and ".join(
                f"“{FACTOR_LABELS.get(key, key)}” ({_points(points)})"
                for key, points in self.factors_added
            )
            verb = "then applies" if len(self.factors_added) == 1 else "then apply"
            return f"{added} {verb}"
        return f"the score is capped at {MAX_SCORE}"

    @property
    def sentence(self) -> str:
        sentence = f"{self.action} removes {_points(self.points)}"
        if self.differs_from_factors:
            sentence += f", not {self.factors_points}, because {self.why_different}"
        return sentence


def _points(points: int) -> str:
    return f"{points} point{'s' if points != 1 else ''}"


def _candidates(facts: PostFacts, today: dt.date) -> list[tuple[str, PostFacts]]:
    holder = facts.current_holder
    candidates = []
    if holder is None or holder.kind != IncumbencyKind.SUBSTANTIVE:
        past = tuple(
            h if h.ended_on is not None else replace(h, ended_on=today) for h in facts.holders
        )
        appointed = Holder(person_id=NEW_PERSON, kind=IncumbencyKind.SUBSTANTIVE, started_on=today)
        candidates.append(
            ("Appointing a substantive holder", replace(facts, holders=(*past, appointed)))
        )
    ready_now = [s for s in facts.successors if s.readiness == Readiness.READY_NOW]
    new_ready_now = Successor(person_id=NEW_PERSON, readiness=Readiness.READY_NOW)
    action = (
        "Naming a ready-now successor who is not on 3 or more other slates"
        if ready_now
        else "Naming a ready-now successor"
    )
    candidates.append((action, replace(facts, successors=(*facts.successors, new_ready_now))))
    if not ready_now:
        in_two_years = Successor(person_id=NEW_PERSON, readiness=Readiness.ONE_TO_TWO_YEARS)
        candidates.append(
            (
                "Naming a successor ready in 1–2 years",
                replace(facts, successors=(*facts.successors, in_two_years)),
            )
        )
    cover = Successor(
        person_id=NEW_PERSON - 1, readiness=Readiness.THREE_TO_FIVE_YEARS, is_emergency_cover=True
    )
    candidates.append(
        ("Naming emergency cover", replace(facts, successors=(*facts.successors, cover)))
    )
    candidates.append(("Reviewing the plan", replace(facts, last_reviewed_on=today)))
    return candidates


def ways_to_lower(facts: PostFacts, method: Method, *, today: dt.date) -> list[Improvement]:
    """Things within the organisation's reach that would lower the score, most points first. Each
    is worked out by scoring the post again with that one fact changed."""
    now = score_post(facts, method, today=today)
    improvements = []
    for action, changed in _candidates(facts, today):
        after = score_post(changed, method, today=today)
        removed = now.score - after.score
        if removed > 0:
            gone = tuple(key for key in now.factors if key not in after.factors)
            added = tuple(
                (key, points) for key, points in after.factors.items() if key not in now.factors
            )
            improvements.append(
                Improvement(
                    action=action,
                    points=removed,
                    factors=gone,
                    factors_points=sum(now.factors[key] for key in gone),
                    factors_added=added,
                )
            )
    improvements.sort(key=lambda improvement: -improvement.points)
    return improvements


def score_if_all_done(facts: PostFacts, method: Method, *, today: dt.date) -> Assessment:
    """The score with every improvement made at once (a vacant post also gets a holder)."""
    changed = facts
    for _action, candidate in _candidates(facts, today):
        changed = replace(
            changed,
            holders=candidate.holders if candidate.holders != facts.holders else changed.holders,
            successors=tuple(
                {
                    (s.person_id, s.readiness): s
                    for s in (*changed.successors, *candidate.successors)
                }.values()
            ),
            last_reviewed_on=candidate.last_reviewed_on or changed.last_reviewed_on,
        )
    return score_post(changed, method, today=today)


def factors_out_of_reach(assessment: Assessment, improvements: list[Improvement]) -> list[str]:
    """Factors that applied but that nothing on the plan can remove (departure dates, churn,
    oversight segment): a reader should know they are there, not be told to fix them."""
    reachable = {key for improvement in improvements for key in improvement.factors}
    return [key for key in assessment.factors if key not in reachable]
