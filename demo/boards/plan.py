"""A board planned in memory before anything is saved, and date helpers."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from orgs.models import Organisation
from succession.models import (
    NominationStatus,
)

from .names import _family

# --- The plan of a board, before anything is saved ------------------------------------------


@dataclass(slots=True, eq=False)
class _Person:
    first_name: str
    last_name: str
    background: str
    organisation: Organisation | None
    email: str
    family: str = ""
    seniority: str = ""  # deputy, associate, holder, non_executive, past, interim
    targets: tuple[str, ...] = ()  # post families a national search would put them forward for
    job_title: str = ""
    career: list[tuple] = field(default_factory=list)  # (title, organisation, name, start, end)
    pool: bool = False
    visible: bool = False
    joined_pool_on: dt.date | None = None
    left_pool_on: dt.date | None = None
    weight: int = 1  # sought-after pool members are named by many organisations
    named_elsewhere: int = 0
    pk: int | None = None

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass(slots=True, eq=False)
class _Holding:
    person: _Person
    kind: str
    started_on: dt.date
    ended_on: dt.date | None = None
    departure_reason: str = ""
    expected_departure_on: dt.date | None = None
    departure_recorded_on: dt.date | None = None


@dataclass(slots=True, eq=False)
class _Nomination:
    person: _Person
    readiness: str
    created_at: dt.datetime
    order: float
    is_emergency_cover: bool = False
    notes: str = ""
    earlier_readiness: str = ""
    readiness_changed_at: dt.datetime | None = None
    status: str = NominationStatus.ACTIVE
    removed_reason: str = ""
    ended_at: dt.datetime | None = None
    cross_organisation: bool = False

    def active_at(self, when: dt.datetime) -> bool:
        return self.created_at <= when and (self.ended_at is None or self.ended_at > when)

    def readiness_at(self, when: dt.datetime) -> str:
        if self.readiness_changed_at and when < self.readiness_changed_at:
            return self.earlier_readiness
        return self.readiness


@dataclass(slots=True, eq=False)
class _Post:
    organisation: Organisation
    role: str
    title: str
    criticality: str
    board: int
    created_on: dt.date
    is_top_200: bool = False
    shaped: bool = False  # the demo trust's showcase posts: nothing is added to their slates
    holdings: list[_Holding] = field(default_factory=list)  # oldest first
    nominations: list[_Nomination] = field(default_factory=list)
    reviewed_on: dt.date | None = None
    sign_offs: list[tuple[dt.datetime, str]] = field(default_factory=list)

    @property
    def family(self) -> str:
        return _family(self.role)

    @property
    def holder(self) -> _Holding | None:
        last = self.holdings[-1] if self.holdings else None
        return last if last and last.ended_on is None else None

    def active(self) -> list[_Nomination]:
        return [n for n in self.nominations if n.status == NominationStatus.ACTIVE]

    def on_slate(self, person: _Person) -> bool:
        return any(n.person is person for n in self.active())


@dataclass(slots=True, eq=False)
class _Board:
    organisation: Organisation
    number: int
    posts: list[_Post]
    people: list[_Person]


# --- Dates -----------------------------------------------------------------------------------


def _days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


def _years(n: float) -> dt.timedelta:
    return dt.timedelta(days=round(n * 365.25))


def _slug(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalnum())


def _stable_fraction(*parts) -> float:
    """A number in [0, 1) from the parts, the same in every process (unlike hash())."""
    digest = hashlib.sha256(":".join(str(p) for p in parts).encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64
