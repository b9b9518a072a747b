"""Bulk upload of posts and their holders: what a checked file will do to an organisation's posts
(the preview), and doing it (all or nothing) through the same services as the pages use.

Posts are matched by title within the organisation (whatever the case and spacing), people by
work email within the organisation; so uploading the same file again changes nothing."""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.db.models.functions import Lower
from django.utils import formats

from orgs.models import Organisation
from talent import services as talent_services
from talent.models import Person

from . import services
from .data_rules import title_key
from .imports import ImportRow
from .models import Criticality, DepartureReason, Incumbency, IncumbencyKind, Post, PostRole

logger = logging.getLogger(__name__)


class ImportPlanChanged(Exception):
    """The posts changed between the preview and the confirmation: the preview is out of date."""


@dataclass
class RowPlan:
    """What one row of the file will do."""

    row: ImportRow
    post: Post | None = None
    post_action: str = ""  # "new", "update" or "unchanged"
    post_changes: dict = field(default_factory=dict)
    change_descriptions: list[str] = field(default_factory=list)
    current: Incumbency | None = None  # the post's holder now
    holder_action: str = ""  # "vacant", "keep", "new_holder", "same_holder", "update_departure"
    person: Person | None = None  # an existing person to record as holder
    person_action: str = ""  # "new", "existing" or "earlier_row"
    person_from_line: int | None = None
    notes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def line(self) -> int:
        return self.row.line

    @property
    def post_summary(self) -> str:
        if self.post_action == "new":
            return "New post"
        if self.post_action == "update":
            return "Updates the post: " + "; ".join(self.change_descriptions)
        if self.post_action == "unchanged":
            return "No change to the post"
        return ""

    @property
    def holder_summary(self) -> str:
        row = self.row
        if self.holder_action == "vacant":
            return "Vacant"
        if self.holder_action == "keep":
            return f"{self.current.person.full_name} stays as holder"
        if self.holder_action == "same_holder":
            return f"No change: {self.current.person.full_name} holds it"
        if self.holder_action == "update_departure":
            return f"{self.current.person.full_name} holds it: " + "; ".join(
                self._departure_changes()
            )
        if self.holder_action == "new_holder":
            kind = IncumbencyKind(row.holder_status).label.lower()
            started = _date(row.holder_started_on)
            text = f"New holder: {row.holder_name}, {kind} from {started}"
            if row.expected_departure_on:
                text += f", expected to leave {_date(row.expected_departure_on)}"
            return text
        return ""

    @property
    def person_summary(self) -> str:
        if self.person_action == "new":
            return f"New person: {self.row.holder_name}"
        if self.person_action == "existing" and self.holder_action == "new_holder":
            how = "matched by work email" if self.row.holder_work_email else "matched by name"
            return f"Existing person: {self.person.full_name} ({how})"
        if self.person_action == "earlier_row":
            return f"The same new person as line {self.person_from_line}"
        return ""

    def _departure_changes(self) -> list[str]:
        row, current = self.row, self.current
        changes = []
        if row.expected_departure_on and row.expected_departure_on != current.expected_departure_on:
            changes.append(f"expected departure set to {_date(row.expected_departure_on)}")
        if row.departure_reason and row.departure_reason != current.departure_reason:
            changes.append(
                f"departure reason set to {DepartureReason(row.departure_reason).label.lower()}"
            )
        return changes

    def fingerprint(self) -> list:
        return [
            self.line,
            self.post.pk if self.post else None,
            self.post.version if self.post else None,
            self.post_action,
            self.holder_action,
            self.current.pk if self.current else None,
            self.person.pk if self.person else None,
            self.person_action,
            self.errors,
        ]


@dataclass
class ImportPlan:
    rows: list[RowPlan]

    @property
    def errors(self) -> list[tuple[int, str]]:
        return [(plan.line, message) for plan in self.rows for message in plan.errors]

    @property
    def is_valid(self) -> bool:
        return not self.errors

    @property
    def rows_with_errors(self) -> int:
        return sum(1 for plan in self.rows if plan.errors)

    def count(self, **wanted) -> int:
        return sum(1 for plan in self.rows if all(getattr(plan, k) == v for k, v in wanted.items()))

    @property
    def fingerprint(self) -> str:
        """Changes when anything the preview showed would now happen differently."""
        data = json.dumps([plan.fingerprint() for plan in self.rows], default=str)
        return hashlib.sha256(data.encode()).hexdigest()


@dataclass
class ImportSummary:
    posts_created: int = 0
    posts_updated: int = 0
    posts_unchanged: int = 0
    people_created: int = 0
    holders_recorded: int = 0
    departures_updated: int = 0

    @property
    def posts_saved(self) -> int:
        return self.posts_created + self.posts_updated + self.posts_unchanged


def _date(value) -> str:
    return formats.date_format(value, "j F Y")


def _person_key(row: ImportRow) -> str:
    if row.holder_work_email:
        return f"email:{row.holder_work_email.lower()}"
    return f"name:{row.holder_first_name.lower()}|{row.holder_last_name.lower()}"


def _same_name(person: Person, row: ImportRow) -> bool:
    return (person.first_name.lower(), person.last_name.lower()) == (
        row.holder_first_name.lower(),
        row.holder_last_name.lower(),
    )


# --- The preview ------------------------------------------------------------------------------


def posts_import_plan(*, organisation: Organisation, rows: list[ImportRow]) -> ImportPlan:
    """What saving these rows would do, row by row, and the problems only the organisation's
    data can show (a new holder starting before the current one, two posts with one title)."""
    posts = (
        Post.objects.open()
        .filter(organisation=organisation)
        .prefetch_related(
            Prefetch(
                "incumbencies",
                queryset=Incumbency.objects.current().select_related("person"),
                to_attr="current_incumbencies",
            )
        )
    )
    posts_by_title: dict[str, list[Post]] = {}
    for post in posts:
        posts_by_title.setdefault(title_key(post.title), []).append(post)
    emails = {row.holder_work_email.lower() for row in rows if row.holder_work_email}
    people_by_email = {
        person.email_key: person
        for person in Person.objects.filter(organisation=organisation)
        .annotate(email_key=Lower("work_email"))
        .filter(email_key__in=emails)
    }
    new_people: dict[str, int] = {}
    plans = []
    for row in rows:
        plan = RowPlan(row=row, errors=list(row.errors))
        if not plan.errors:
            _plan_post(plan, posts_by_title)
        if not plan.errors:
            _plan_holder(plan, people_by_email, new_people)
        plans.append(plan)
    return ImportPlan(rows=plans)


def _plan_post(plan: RowPlan, posts_by_title: dict[str, list[Post]]) -> None:
    row = plan.row
    matches = posts_by_title.get(title_key(row.post_title), [])
    if len(matches) > 1:
        plan.errors.append(
            f"There are {len(matches)} posts called “{row.post_title}” in this organisation: "
            "rename one on the posts page, so that the file says which one it means."
        )
        return
    if not matches:
        plan.post_action = "new"
        return
    post = plan.post = matches[0]
    plan.current = (post.current_incumbencies or [None])[0]
    if row.role != post.role:
        plan.post_changes["role"] = row.role
        plan.change_descriptions.append(
            f"role from {post.get_role_display()} to {PostRole(row.role).label}"
        )
    if row.is_top_200 is not None and row.is_top_200 != post.is_top_200:
        plan.post_changes["is_top_200"] = row.is_top_200
        plan.change_descriptions.append(
            "now a national top-200 post" if row.is_top_200 else "no longer a top-200 post"
        )
    if row.criticality and row.criticality != post.criticality:
        plan.post_changes["criticality"] = row.criticality
        plan.change_descriptions.append(
            f"criticality from {post.get_criticality_display().lower()} to "
            f"{Criticality(row.criticality).label.lower()}"
        )
    plan.post_action = "update" if plan.post_changes else "unchanged"


def _plan_holder(plan: RowPlan, people_by_email: dict, new_people: dict[str, int]) -> None:
    row, current = plan.row, plan.current
    if not row.has_holder:
        if current is None:
            plan.holder_action = "vacant"
        else:
            plan.holder_action = "keep"
            plan.notes.append(
                f"The file gives no holder, so {current.person.full_name} stays as holder. "
                "If they have left, record it on the post’s page."
            )
        return

    person = people_by_email.get(row.holder_work_email) if row.holder_work_email else None
    # Without an email, a holder named as the post's holder now is that person.
    if (
        person is None
        and current is not None
        and not row.holder_work_email
        and _same_name(current.person, row)
    ):
        person = current.person
    if person is not None:
        plan.person, plan.person_action = person, "existing"
        if not _same_name(person, row):
            plan.notes.append(
                f"{row.holder_work_email} is {person.full_name}’s work email: the service keeps "
                "their name as it is recorded."
            )
    elif _person_key(row) in new_people:
        plan.person_action = "earlier_row"
        plan.person_from_line = new_people[_person_key(row)]
    else:
        plan.person_action = "new"
        new_people[_person_key(row)] = row.line

    if current is not None and person is not None and current.person_id == person.pk:
        _plan_same_holder(plan)
        return
    plan.holder_action = "new_holder"
    if current is not None:
        if row.holder_started_on < current.started_on:
            plan.errors.append(
                f"holder_started_on {row.holder_started_on.isoformat()} is before "
                f"{current.person.full_name} started in this post "
                f"({current.started_on.isoformat()}): a new holder must start on or after that."
            )
        else:
            plan.notes.append(
                f"{current.person.full_name}’s time in the post ends on "
                f"{_date(row.holder_started_on)}."
            )


def _plan_same_holder(plan: RowPlan) -> None:
    row, current = plan.row, plan.current
    if row.expected_departure_on and row.expected_departure_on < current.started_on:
        plan.errors.append(
            f"expected_departure_on {row.expected_departure_on.isoformat()} is before "
            f"{current.person.full_name} started in this post ({current.started_on.isoformat()})."
        )
        return
    plan.holder_action = "update_departure" if plan._departure_changes() else "same_holder"
    if row.holder_status != current.kind or row.holder_started_on != current.started_on:
        plan.notes.append(
            f"{current.person.full_name} already holds this post "
            f"({current.get_kind_display().lower()}, from {_date(current.started_on)}); the "
            "status and start date in the file are not applied. Change them on the post’s page."
        )


# --- Saving -----------------------------------------------------------------------------------


@transaction.atomic
def posts_import(
    *,
    organisation: Organisation,
    rows: list[ImportRow],
    by,
    expected_fingerprint: str | None = None,
) -> ImportSummary:
    """Save every row, or nothing: any refusal rolls the whole upload back.

    With expected_fingerprint (from the preview), refuses with ImportPlanChanged if the
    organisation's posts changed since, so nothing happens that the user did not see."""
    plan = posts_import_plan(organisation=organisation, rows=rows)
    if not plan.is_valid:
        raise ValidationError([f"Line {line}: {message}" for line, message in plan.errors])
    if expected_fingerprint is not None and expected_fingerprint != plan.fingerprint:
        raise ImportPlanChanged
    summary = ImportSummary()
    created_people: dict[str, Person] = {}
    for row_plan in plan.rows:
        try:
            _save_row(row_plan, organisation, created_people, summary)
        except ValidationError as error:
            raise ValidationError(
                f"Line {row_plan.line}: {' '.join(error.messages)} Nothing was saved."
            ) from error
    logger.info(
        "%s uploaded %s posts to %s: %s",
        by,
        summary.posts_saved,
        organisation.ods_code,
        summary,
    )
    return summary


def _save_row(
    plan: RowPlan,
    organisation: Organisation,
    created_people: dict[str, Person],
    summary: ImportSummary,
) -> None:
    row = plan.row
    if plan.post_action == "new":
        post = services.post_create(
            organisation=organisation,
            role=row.role,
            title=row.post_title,
            is_top_200=bool(row.is_top_200),
            criticality=row.criticality or Criticality.HIGH,
        )
        summary.posts_created += 1
    elif plan.post_action == "update":
        post = services.post_update(post=plan.post, expected_version=None, **plan.post_changes)
        summary.posts_updated += 1
    else:
        post = plan.post
        summary.posts_unchanged += 1

    if plan.holder_action == "new_holder":
        person = plan.person
        if person is None:
            key = _person_key(row)
            person = created_people.get(key)
            if person is None:
                person = talent_services.person_create(
                    organisation=organisation,
                    first_name=row.holder_first_name,
                    last_name=row.holder_last_name,
                    work_email=row.holder_work_email,
                )
                created_people[key] = person
                summary.people_created += 1
        services.incumbency_start(
            post=post,
            person=person,
            kind=row.holder_status,
            started_on=row.holder_started_on,
            expected_departure_on=row.expected_departure_on,
            departure_reason=row.departure_reason,
        )
        summary.holders_recorded += 1
    elif plan.holder_action == "update_departure":
        services.incumbency_update_departure(
            incumbency=plan.current,
            expected_departure_on=row.expected_departure_on or plan.current.expected_departure_on,
            departure_reason=row.departure_reason or plan.current.departure_reason,
        )
        summary.departures_updated += 1
