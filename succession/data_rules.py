"""The limits a post's dates and titles must keep, in one place: the forms, the API and the posts
import all reach them through the services (and the import's row checks), so each refuses the
same thing with the same words."""

from __future__ import annotations

import datetime as dt

# The NHS began on 5 July 1948: no one held an NHS post before then.
NHS_FOUNDED = dt.date(1948, 7, 5)
# An expected departure further ahead than this is a typing mistake, not a plan.
DEPARTURE_HORIZON_YEARS = 10


def _years_after(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


def departure_limit(*, today: dt.date) -> dt.date:
    """The first day an expected departure may not be on."""
    return _years_after(today, DEPARTURE_HORIZON_YEARS)


def expected_departure_problem(day: dt.date | None, *, today: dt.date) -> str | None:
    if day is None:
        return None
    limit = departure_limit(today=today)
    if day >= limit:
        return (
            f"Expected departure must be within {DEPARTURE_HORIZON_YEARS} years, "
            f"before {limit:%-d %B %Y}."
        )
    return None


def holder_start_problem(day: dt.date | None) -> str | None:
    if day is not None and day < NHS_FOUNDED:
        return (
            f"The start date must be on or after {NHS_FOUNDED:%-d %B %Y}, when the NHS was founded."
        )
    return None


def review_problem(day: dt.date, *, plan_added_on: dt.date, today: dt.date) -> str | None:
    if day > today:
        return "The review date cannot be in the future."
    if day < plan_added_on:
        return (
            f"The review date must be on or after {plan_added_on:%-d %B %Y}, "
            "when the plan was added."
        )
    return None


def title_key(title: str) -> str:
    """Post titles match whatever their case and spacing."""
    return " ".join(title.lower().split())


def duplicate_title_problem(
    title: str, *, organisation_name: str, open_titles: list[str]
) -> str | None:
    """Two open posts of one organisation may not share a title: the board would show (and count)
    one post twice, and the import could not tell them apart."""
    key = title_key(title)
    if key and any(title_key(other) == key for other in open_titles):
        return f"{organisation_name} already has an open post called {' '.join(title.split())}."
    return None
