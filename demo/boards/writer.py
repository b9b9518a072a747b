"""Saving planned boards in bulk, with the history rows the services would have written."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.contrib.auth import get_user_model

from demo.constants import DEMO_CHANGE_REASON, SIGNER_USERNAME_PREFIX
from orgs.models import Organisation
from succession.models import (
    Incumbency,
    IncumbencyKind,
    Nomination,
    NominationStatus,
    Post,
    Readiness,
    SignOff,
    SuccessionPlan,
)
from talent.models import CareerHistoryEntry, Person, TalentProfile

from .names import CHAIR, EXECUTIVE, READINESS_STEPS
from .national import _NationalPool
from .plan import _Board, _days, _Holding, _Nomination, _Person, _Post
from .summary import DemoSummary

# --- Saving ----------------------------------------------------------------------------------


class _Writer:
    """Turns planned boards into rows, a batch of organisations at a time."""

    def __init__(self, *, summary: DemoSummary, now: dt.datetime):
        self.summary = summary
        self.now = now
        self.history: dict[type, list] = defaultdict(list)
        self.signers: dict[int, object] = {}  # id(_Person) -> User
        self._chair_of: dict[tuple[int, int], _Post | None] = {}
        self._history_models: dict[type, tuple[type, list[str]]] = {}
        User = get_user_model()
        self.user_model = User
        self.existing_usernames = set(
            User.objects.filter(username__startswith=SIGNER_USERNAME_PREFIX).values_list(
                "username", flat=True
            )
        )

    def _history_row(self, instance, when: dt.datetime, kind: str, **changes):
        # The history manager is built afresh on every access: look the model up once.
        if type(instance) not in self._history_models:
            model = type(instance).history.model
            attnames = [f.attname for f in model.tracked_fields]
            self._history_models[type(instance)] = (model, attnames)
        model, attnames = self._history_models[type(instance)]
        values = {name: getattr(instance, name) for name in attnames}
        values.update(changes)
        row = model(
            history_date=when,
            history_type=kind,
            history_change_reason=DEMO_CHANGE_REASON,
            history_user_id=None,
            **values,
        )
        self.history[model].append(row)

    def _flush_history(self) -> None:
        for model, rows in self.history.items():
            model.objects.bulk_create(rows, batch_size=2000)
        self.history.clear()

    # People --------------------------------------------------------------------------------

    def people(self, boards: list[_Board], pool: _NationalPool) -> None:
        people = [person for board in boards for person in board.people]
        rows = [
            Person(
                first_name=p.first_name,
                last_name=p.last_name,
                work_email=p.email,
                organisation=p.organisation,
                professional_background=p.background,
            )
            for p in people
        ]
        Person.objects.bulk_create(rows, batch_size=2000)
        profiles, entries = [], []
        for spec, row in zip(people, rows, strict=True):
            spec.pk = row.pk
            self._history_row(row, self.now, "+")
            pool.add(spec)
            if spec.joined_pool_on:
                consent = spec.joined_pool_on + _days(7) if spec.visible else None
                profiles.append(
                    TalentProfile(
                        person=row,
                        in_national_pool=spec.pool,
                        joined_pool_on=spec.joined_pool_on,
                        left_pool_on=spec.left_pool_on,
                        visible_to_other_organisations=spec.visible,
                        consent_recorded_on=consent,
                    )
                )
            for title, organisation, name, started, ended in spec.career:
                entries.append(
                    CareerHistoryEntry(
                        person=row,
                        organisation=organisation,
                        organisation_name=name,
                        title=title,
                        started_on=started,
                        ended_on=ended,
                    )
                )
        TalentProfile.objects.bulk_create(profiles, batch_size=2000)
        CareerHistoryEntry.objects.bulk_create(entries, batch_size=2000)
        for instance in [*profiles, *entries]:
            self._history_row(instance, self.now, "+")
        self._flush_history()
        summary = self.summary
        summary.people += len(rows)
        summary.pool_members += sum(1 for p in people if p.pool)
        summary.pool_members_visible += sum(1 for p in people if p.pool and p.visible)
        summary.career_entries += len(entries)

    # Posts and plans -------------------------------------------------------------------------

    def boards(self, boards: list[_Board]) -> None:
        posts = [post for board in boards for post in board.posts]
        post_rows = [
            Post(
                organisation=post.organisation,
                role=post.role,
                title=post.title,
                is_top_200=post.is_top_200,
                criticality=post.criticality,
                version=1 + sum(len(self._holding_events(h)) for h in post.holdings),
            )
            for post in posts
        ]
        Post.objects.bulk_create(post_rows, batch_size=2000)
        plan_rows = [
            SuccessionPlan(
                post=row,
                last_reviewed_on=post.reviewed_on,
                version=1 + len(self._plan_events(post)),
            )
            for post, row in zip(posts, post_rows, strict=True)
        ]
        SuccessionPlan.objects.bulk_create(plan_rows, batch_size=2000)
        signers = self._signers(boards)
        incumbencies, nominations, sign_offs = [], [], []
        for post, post_row, plan_row in zip(posts, post_rows, plan_rows, strict=True):
            incumbencies += self._incumbencies(post, post_row)
            nominations += self._nominations(post, plan_row)
            sign_offs += self._sign_offs(post, plan_row, signers)
            self._post_and_plan_history(post, post_row, plan_row)
            self._count(post)
        Incumbency.objects.bulk_create([row for row, _ in incumbencies], batch_size=2000)
        Nomination.objects.bulk_create([row for row, _ in nominations], batch_size=2000)
        SignOff.objects.bulk_create(sign_offs, batch_size=1000)
        for row, holding in incumbencies:
            self._incumbency_history(row, holding)
        for row, nomination in nominations:
            self._nomination_history(row, nomination)
        self._flush_history()
        self.summary.incumbencies += len(incumbencies)
        self.summary.nominations += len(nominations)
        self.summary.sign_offs += len(sign_offs)

    def _count(self, post: _Post) -> None:
        summary = self.summary
        summary.posts += 1
        summary.top_200_posts += post.is_top_200
        active = post.active()
        summary.active_nominations += len(active)
        summary.cross_organisation_nominations += sum(n.cross_organisation for n in active)
        if post.role in EXECUTIVE:
            summary.executive_posts += 1
            holder = post.holder
            if holder is None:
                summary.vacant_executive_posts += 1
            elif holder.kind != IncumbencyKind.SUBSTANTIVE:
                summary.interim_executive_posts += 1

    @staticmethod
    def _holding_events(holding: _Holding) -> list[dt.date]:
        events = [holding.started_on]
        if holding.departure_recorded_on and holding.departure_recorded_on != holding.started_on:
            events.append(holding.departure_recorded_on)
        if holding.ended_on:
            events.append(holding.ended_on)
        return events

    @staticmethod
    def _plan_events(post: _Post) -> list[dt.datetime]:
        events = []
        for nomination in post.nominations:
            events.append(nomination.created_at)
            if nomination.readiness_changed_at:
                events.append(nomination.readiness_changed_at)
            if nomination.ended_at:
                events.append(nomination.ended_at)
        if post.reviewed_on:
            events.append(_Writer._reviewed_at(post))
        return sorted(events)

    @staticmethod
    def _reviewed_at(post: _Post) -> dt.datetime:
        return dt.datetime.combine(post.reviewed_on, dt.time(17, 30), tzinfo=dt.UTC)

    def _incumbencies(self, post: _Post, post_row: Post):
        return [
            (
                Incumbency(
                    post=post_row,
                    person_id=holding.person.pk,
                    kind=holding.kind,
                    started_on=holding.started_on,
                    ended_on=holding.ended_on,
                    expected_departure_on=holding.expected_departure_on,
                    departure_reason=holding.departure_reason,
                ),
                holding,
            )
            for holding in post.holdings
        ]

    @staticmethod
    def _ranked(nominations: list[_Nomination], when: dt.datetime | None = None):
        def readiness(n):
            return n.readiness if when is None else n.readiness_at(when)

        return sorted(nominations, key=lambda n: (READINESS_STEPS.index(readiness(n)), n.order))

    def _nominations(self, post: _Post, plan_row: SuccessionPlan):
        ranks = {id(n): rank for rank, n in enumerate(self._ranked(post.active()), start=1)}
        rows = []
        for nomination in post.nominations:
            rank = ranks.get(id(nomination), 1)
            rows.append(
                (
                    Nomination(
                        plan=plan_row,
                        person_id=nomination.person.pk,
                        readiness=nomination.readiness,
                        rank=rank,
                        is_emergency_cover=nomination.is_emergency_cover,
                        notes=nomination.notes,
                        status=nomination.status,
                        removed_reason=nomination.removed_reason,
                        created_at=nomination.created_at,
                        ended_at=nomination.ended_at,
                    ),
                    nomination,
                )
            )
        return rows

    def _signers(self, boards: list[_Board]) -> dict[int, object]:
        """A user for every chair who signed a plan off: the organisation's own chair account
        when its name matches, otherwise an inactive user who cannot sign in."""
        from accounts.models import Membership, Role

        wanted: dict[int, tuple[_Person, Organisation]] = {}
        for board in boards:
            chair = next((p for p in board.posts if p.role == CHAIR), None)
            if chair is None:
                continue
            for post in board.posts:
                for when, _comment in post.sign_offs:
                    holding = _holding_at(chair, when.date())
                    if holding is not None:
                        wanted.setdefault(id(holding.person), (holding.person, board.organisation))
        accounts = {}
        organisation_ids = {organisation.pk for _, organisation in wanted.values()}
        for membership in Membership.objects.filter(
            role=Role.CHAIR, organisation_id__in=organisation_ids
        ).select_related("user"):
            user = membership.user
            accounts[(membership.organisation_id, user.first_name, user.last_name)] = user
        new_users = []
        for key, (person, organisation) in wanted.items():
            account = accounts.get((organisation.pk, person.first_name, person.last_name))
            if account is not None:
                self.signers[key] = account
                continue
            number = 1
            stem = f"{SIGNER_USERNAME_PREFIX}{organisation.ods_code.lower()}."
            while f"{stem}{number}" in self.existing_usernames:
                number += 1
            username = f"{stem}{number}"
            self.existing_usernames.add(username)
            user = self.user_model(
                username=username,
                first_name=person.first_name,
                last_name=person.last_name,
                is_active=False,
            )
            user.set_unusable_password()
            new_users.append((key, user))
        self.user_model.objects.bulk_create([user for _, user in new_users], batch_size=1000)
        for key, user in new_users:
            self.signers[key] = user
        return self.signers

    def _sign_offs(self, post: _Post, plan_row: SuccessionPlan, signers) -> list[SignOff]:
        rows = []
        chair = self._chair_of[(post.organisation.pk, post.board)]
        events = self._plan_events(post)
        for when, comment in post.sign_offs:
            holding = _holding_at(chair, when.date()) if chair else None
            if holding is None:
                continue
            slate = [
                n
                for n in post.nominations
                if n.active_at(when) and n.status != NominationStatus.SUCCEEDED
            ]
            snapshot = [
                {
                    "person_id": n.person.pk,
                    "name": n.person.full_name,
                    "readiness": n.readiness_at(when),
                    "readiness_label": str(Readiness(n.readiness_at(when)).label),
                    "rank": rank,
                    "emergency_cover": n.is_emergency_cover,
                    "notes": n.notes,
                }
                for rank, n in enumerate(self._ranked(slate, when), start=1)
            ]
            rows.append(
                SignOff(
                    plan=plan_row,
                    signed_by=signers[id(holding.person)],
                    signed_at=when,
                    plan_version=1 + sum(1 for event in events if event <= when),
                    slate=snapshot,
                    comment=comment,
                )
            )
        return rows

    def _post_and_plan_history(self, post: _Post, post_row: Post, plan_row: SuccessionPlan):
        created = dt.datetime.combine(post.created_on, dt.time(9), tzinfo=dt.UTC)
        self._history_row(post_row, created, "+", version=1)
        last = max(
            (
                dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)
                for holding in post.holdings
                for day in self._holding_events(holding)
            ),
            default=created,
        )
        if post_row.version > 1:
            self._history_row(post_row, max(last, created), "~")
        self._history_row(plan_row, created, "+", version=1, last_reviewed_on=None)
        events = self._plan_events(post)
        if post.reviewed_on:
            reviewed = self._reviewed_at(post)
            version = 1 + sum(1 for event in events if event <= reviewed)
            self._history_row(plan_row, max(reviewed, created), "~", version=version)
            if events[-1] > reviewed:
                self._history_row(plan_row, events[-1], "~")
        elif events:
            self._history_row(plan_row, max(events[-1], created), "~")

    def _incumbency_history(self, row: Incumbency, holding: _Holding) -> None:
        def at(day):
            return dt.datetime.combine(day, dt.time(10), tzinfo=dt.UTC)

        recorded = holding.departure_recorded_on
        expected_at_start = recorded is not None and recorded == holding.started_on
        self._history_row(
            row,
            at(holding.started_on),
            "+",
            ended_on=None,
            departure_reason=holding.departure_reason if expected_at_start else "",
            expected_departure_on=holding.expected_departure_on if expected_at_start else None,
        )
        if recorded and not expected_at_start:
            self._history_row(row, at(recorded), "~", ended_on=None)
        if holding.ended_on:
            self._history_row(row, at(holding.ended_on), "~")

    def _nomination_history(self, row: Nomination, nomination: _Nomination) -> None:
        initial = nomination.earlier_readiness or nomination.readiness
        self._history_row(
            row,
            nomination.created_at,
            "+",
            readiness=initial,
            status=NominationStatus.ACTIVE,
            removed_reason="",
            ended_at=None,
        )
        if nomination.readiness_changed_at:
            self._history_row(
                row,
                nomination.readiness_changed_at,
                "~",
                status=NominationStatus.ACTIVE,
                removed_reason="",
                ended_at=None,
            )
        if nomination.ended_at:
            self._history_row(row, nomination.ended_at, "~")

    def remember_chairs(self, boards: list[_Board]) -> None:
        self._chair_of = {
            (board.organisation.pk, board.number): next(
                (p for p in board.posts if p.role == CHAIR), None
            )
            for board in boards
        }


def _holding_at(post: _Post, day: dt.date) -> _Holding | None:
    for holding in post.holdings:
        if holding.started_on <= day and (holding.ended_on is None or day < holding.ended_on):
            return holding
    return None
