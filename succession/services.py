"""Writes for posts, holders and succession plans.

Every write that a second editor could collide with takes the version the editor loaded and
claims the next one with a compare-and-swap; if someone else saved first, EditConflict says what
they changed and nothing is written."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from celery import current_app
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from accounts.models import Role, User
from core import events
from core.editing import EditConflict, version_claim
from orgs.models import Organisation, OrganisationKind
from talent.models import Person, ProfessionalBackground, TalentProfile
from talent.services import person_create

from . import data_rules
from .history import changes_since_version
from .models import (
    ConsentMethod,
    Criticality,
    DepartureNotice,
    DepartureReason,
    Incumbency,
    IncumbencyKind,
    Nomination,
    NominationStatus,
    Post,
    Readiness,
    SignOff,
    SuccessionPlan,
)
from .selectors import current_incumbency, pending_incumbency, slate_snapshot

logger = logging.getLogger(__name__)


def _claim(instance: Post | SuccessionPlan, *, expected_version: int | None) -> None:
    version_claim(instance, expected_version=expected_version, changes_since=changes_since_version)
    # Every versioned write to a post, its holders or its plan passes here: rescore the post.
    _queue_risk_recalculation(instance.pk if isinstance(instance, Post) else instance.post_id)


# --- Posts ------------------------------------------------------------------------------------


@transaction.atomic
def post_create(
    *,
    organisation: Organisation,
    role: str,
    title: str,
    is_top_200: bool = False,
    criticality: str = Criticality.HIGH,
    shared_with: list[Organisation] | None = None,
) -> Post:
    post = Post(
        organisation=organisation,
        role=role,
        title=title,
        is_top_200=is_top_200,
        criticality=criticality,
    )
    _refuse_duplicate_title(post)
    if shared_with:
        _refuse_sharing(post, shared_with)
    post.full_clean()
    post.save()
    if shared_with:
        post.shared_with.set(shared_with)
    SuccessionPlan.objects.create(post=post)
    _queue_risk_recalculation(post.pk)
    return post


POST_EDITABLE_FIELDS = ("role", "title", "is_top_200", "criticality")


@transaction.atomic
def post_update(
    *,
    post: Post,
    expected_version: int | None,
    shared_with: list[Organisation] | None = None,
    **changes,
) -> Post:
    """Change a post's details; `shared_with` (when given) replaces the organisations that share
    it with its lead organisation."""
    unknown = set(changes) - set(POST_EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"post_update() cannot change {', '.join(sorted(unknown))}")
    _claim(post, expected_version=expected_version)
    for name, value in changes.items():
        setattr(post, name, value)
    if "title" in changes:
        _refuse_duplicate_title(post)
    if shared_with is not None:
        _refuse_sharing(post, shared_with)
    post.full_clean()
    post.save()
    if shared_with is not None and {o.pk for o in shared_with} != set(
        post.shared_with.values_list("pk", flat=True)
    ):
        post.shared_with.set(shared_with)
    return post


def _refuse_sharing(post: Post, shared_with: list[Organisation]) -> None:
    """A post is shared only with other open trusts and ICBs, never with its own lead."""
    shareable = set(OrganisationKind.trust_kinds()) | {OrganisationKind.ICB}
    today = timezone.localdate()
    problems = []
    for organisation in shared_with:
        if organisation.pk == post.organisation_id:
            problems.append(
                f"{organisation.display_name} is the lead organisation: it holds the post "
                "already. Name only the other organisations that share it."
            )
        elif organisation.kind not in shareable:
            problems.append(
                f"{organisation.display_name} is not a trust or an ICB: a post can be shared "
                "only with trusts and ICBs."
            )
        elif organisation.closed_on is not None and organisation.closed_on <= today:
            problems.append(
                f"{organisation.display_name} closed on {organisation.closed_on:%-d %B %Y}: a "
                "post can be shared only with open organisations."
            )
    if problems:
        raise ValidationError({"shared_with": problems})


def _refuse_duplicate_title(post: Post) -> None:
    if post.abolished_on is not None:
        return
    others = Post.objects.open().filter(organisation=post.organisation).exclude(pk=post.pk)
    problem = data_rules.duplicate_title_problem(
        post.title,
        organisation_name=post.organisation.display_name,
        open_titles=list(others.values_list("title", flat=True)),
    )
    if problem:
        raise ValidationError({"title": problem})


def _date_errors(
    *, started_on: dt.date | None = None, expected_departure_on: dt.date | None = None
) -> dict[str, str]:
    """The implausible dates among these, by field: see data_rules for the limits."""
    errors = {}
    start = data_rules.holder_start_problem(started_on)
    if start:
        errors["started_on"] = start
    departure = data_rules.expected_departure_problem(
        expected_departure_on, today=timezone.localdate()
    )
    if departure:
        errors["expected_departure_on"] = departure
    return errors


# --- Holders ----------------------------------------------------------------------------------


@transaction.atomic
def incumbency_start(
    *,
    post: Post,
    person: Person,
    kind: str,
    started_on: dt.date,
    expected_departure_on: dt.date | None = None,
    departure_reason: str = "",
    expected_version: int | None = None,
    previous_holder_reason: str = "",
) -> Incumbency:
    """Record a new holder (substantive, interim or acting). The current holder's time ends."""
    errors = {}
    if expected_departure_on and expected_departure_on < started_on:
        errors["expected_departure_on"] = (
            "The expected departure date must be after the start date."
        )
    previous = current_incumbency(post)
    if previous and previous.person_id == person.pk:
        errors["person"] = f"{person} already holds this post."
    pending = pending_incumbency(post)
    if pending:
        errors["started_on"] = _already_pending(pending)
    if previous and started_on < previous.started_on:
        errors["started_on"] = (
            f"The start date must be on or after {previous.started_on:%-d %B %Y}, "
            f"when {previous.person} started."
        )
    errors.update(_date_errors(started_on=started_on, expected_departure_on=expected_departure_on))
    if errors:
        raise ValidationError(errors)
    _claim(post, expected_version=expected_version)
    if previous:
        previous.ended_on = started_on
        previous.departure_reason = previous_holder_reason or previous.departure_reason or ""
        previous.save()
        _after_leaving(previous)
    incumbency = Incumbency(
        post=post,
        person=person,
        kind=kind,
        started_on=started_on,
        expected_departure_on=expected_departure_on,
        departure_reason=departure_reason,
    )
    incumbency.full_clean()
    incumbency.save()
    return incumbency


def _already_pending(pending: Incumbency) -> str:
    return (
        f"{pending.person} starts in this post on {pending.started_on:%-d %B %Y}: "
        "no other holder can be recorded before then."
    )


@transaction.atomic
def incumbency_update_departure(
    *,
    incumbency: Incumbency,
    expected_departure_on: dt.date | None,
    departure_reason: str,
    expected_version: int | None = None,
) -> Incumbency:
    """Record when the holder is expected to leave, and why."""
    errors = _date_errors(expected_departure_on=expected_departure_on)
    if errors:
        raise ValidationError(errors)
    if expected_departure_on and expected_departure_on < incumbency.started_on:
        raise ValidationError(
            {
                "expected_departure_on": "The expected departure date must be after "
                f"the holder started, {incumbency.started_on:%-d %B %Y}."
            }
        )
    _claim(incumbency.post, expected_version=expected_version)
    incumbency.expected_departure_on = expected_departure_on
    incumbency.departure_reason = departure_reason
    incumbency.save()
    return incumbency


@transaction.atomic
def incumbency_end(
    *,
    incumbency: Incumbency,
    ended_on: dt.date,
    departure_reason: str,
    expected_version: int | None = None,
) -> Incumbency:
    """The holder has left: the post is vacant until a new holder is recorded."""
    if ended_on < incumbency.started_on:
        raise ValidationError(
            {
                "ended_on": f"The date they left must be on or after {incumbency.started_on:%-d %B %Y}."
            }
        )
    _claim(incumbency.post, expected_version=expected_version)
    incumbency.ended_on = ended_on
    incumbency.departure_reason = departure_reason
    incumbency.save()
    _after_leaving(incumbency)
    return incumbency


def _after_leaving(incumbency: Incumbency) -> None:
    """Their organisation has recorded that they left: a notice of their appointment elsewhere is
    dealt with, and if they now hold posts only in another organisation, that is their employer."""
    incumbency.departure_notices.filter(resolved_at__isnull=True).update(resolved_at=timezone.now())
    person = incumbency.person
    if person.organisation_id != incumbency.post.organisation_id:
        return
    # Posts held now or from a later day, other than the one just left.
    current = (
        person.incumbencies.filter(Q(ended_on__isnull=True) | Q(ended_on__gt=timezone.localdate()))
        .exclude(pk=incumbency.pk)
        .select_related("post")
    )
    if current.filter(post__organisation_id=person.organisation_id).exists():
        return
    elsewhere = current.order_by("-started_on", "pk").first()
    if elsewhere is not None:
        person.organisation_id = elsewhere.post.organisation_id
        person.save(update_fields=["organisation", "updated_at"])


# --- The slate --------------------------------------------------------------------------------


def _active(plan: SuccessionPlan):
    return plan.nominations.active().select_related("person").order_by("rank", "created_at")


def _renumber(plan: SuccessionPlan, ordered: list[Nomination]) -> None:
    for rank, nomination in enumerate(ordered, start=1):
        if nomination.rank != rank:
            nomination.rank = rank
            nomination.save(update_fields=["rank"])


def nomination_needs_consent(*, person: Person, post: Post) -> bool:
    """Whether naming this person on this post's slate needs their agreement to this nomination:
    they work for another organisation and have not agreed to be visible to other organisations
    (as a national talent pool member). The national team is no exception."""
    if person.organisation_id is None or person.organisation_id == post.organisation_id:
        return False
    return not TalentProfile.objects.filter(
        person=person, in_national_pool=True, visible_to_other_organisations=True
    ).exists()


CONSENT_DATE_MESSAGE = "Enter the date they agreed to this nomination"
CONSENT_METHOD_MESSAGE = "Choose how they agreed: in writing, by email or in conversation"


def _consent_errors(consent_method: str, consent_given_on: dt.date | None) -> dict:
    errors = {}
    if consent_method not in ConsentMethod.values:
        errors["consent_method"] = CONSENT_METHOD_MESSAGE
    if consent_given_on is None:
        errors["consent_given_on"] = CONSENT_DATE_MESSAGE
    elif consent_given_on > timezone.localdate():
        errors["consent_given_on"] = "The date they agreed cannot be in the future"
    return errors


@transaction.atomic
def nomination_add(
    *,
    plan: SuccessionPlan,
    person: Person,
    readiness: str,
    is_emergency_cover: bool = False,
    notes: str = "",
    by=None,
    expected_version: int | None = None,
    consent_method: str = "",
    consent_given_on: dt.date | None = None,
) -> Nomination:
    """Name a successor on the slate. Someone from another organisation who has not agreed to be
    visible to other organisations is named only with their agreement to this nomination,
    recorded here: how and when they gave it, and who recorded it."""
    errors = {}
    if readiness not in Readiness.values:
        errors["readiness"] = "Choose ready now, ready in 1–2 years or ready in 3–5 years."
    holder = current_incumbency(plan.post)
    if holder and holder.person_id == person.pk:
        errors["person"] = f"{person} holds this post now, so cannot be its successor."
    if plan.nominations.active().filter(person=person).exists():
        errors["person"] = f"{person} is already on this slate."
    records_consent = bool(consent_method or consent_given_on)
    if records_consent or nomination_needs_consent(person=person, post=plan.post):
        errors.update(_consent_errors(consent_method, consent_given_on))
    if errors:
        raise ValidationError(errors)
    _claim(plan, expected_version=expected_version)
    if is_emergency_cover:
        plan.nominations.active().filter(is_emergency_cover=True).update(is_emergency_cover=False)
    last_rank = plan.nominations.active().aggregate(last=Max("rank"))["last"] or 0
    nomination = Nomination.objects.create(
        plan=plan,
        person=person,
        readiness=readiness,
        rank=last_rank + 1,
        is_emergency_cover=is_emergency_cover,
        notes=notes,
        nominated_by=by,
        consent_method=consent_method,
        consent_given_on=consent_given_on,
        consent_recorded_by=by if records_consent else None,
        consent_recorded_at=timezone.now() if records_consent else None,
    )
    events.announce("nomination_added", nomination=nomination, by=by)
    return nomination


@transaction.atomic
def nomination_update(
    *,
    nomination: Nomination,
    readiness: str,
    notes: str,
    expected_version: int | None = None,
) -> Nomination:
    if readiness not in Readiness.values:
        raise ValidationError(
            {"readiness": "Choose ready now, ready in 1–2 years or ready in 3–5 years."}
        )
    _require_active(nomination)
    _claim(nomination.plan, expected_version=expected_version)
    nomination.readiness = readiness
    nomination.notes = notes
    nomination.save()
    return nomination


@transaction.atomic
def nomination_move(
    *, nomination: Nomination, direction: str, expected_version: int | None = None
) -> Nomination:
    """Move a nomination one place up or down the slate."""
    if direction not in ("up", "down"):
        raise ValueError("direction must be 'up' or 'down'")
    _require_active(nomination)
    plan = nomination.plan
    _claim(plan, expected_version=expected_version)
    ordered = list(_active(plan))
    index = next(i for i, n in enumerate(ordered) if n.pk == nomination.pk)
    swap_with = index - 1 if direction == "up" else index + 1
    if 0 <= swap_with < len(ordered):
        ordered[index], ordered[swap_with] = ordered[swap_with], ordered[index]
    _renumber(plan, ordered)
    return nomination


@transaction.atomic
def slate_reorder(
    *, plan: SuccessionPlan, nomination_ids: list[int], expected_version: int | None = None
) -> None:
    """Put the slate in the given order (for drag-and-drop); every active nomination once."""
    ordered = list(_active(plan))
    if sorted(nomination_ids) != sorted(n.pk for n in ordered):
        raise ValidationError("The new order must list every successor on the slate once.")
    _claim(plan, expected_version=expected_version)
    by_id = {n.pk: n for n in ordered}
    _renumber(plan, [by_id[pk] for pk in nomination_ids])


@transaction.atomic
def nomination_set_emergency_cover(
    *, nomination: Nomination, is_emergency_cover: bool, expected_version: int | None = None
) -> Nomination:
    """Name this successor as emergency cover (the only one), or stop naming them."""
    _require_active(nomination)
    plan = nomination.plan
    _claim(plan, expected_version=expected_version)
    if is_emergency_cover:
        plan.nominations.active().filter(is_emergency_cover=True).exclude(pk=nomination.pk).update(
            is_emergency_cover=False
        )
    nomination.is_emergency_cover = is_emergency_cover
    nomination.save()
    return nomination


@transaction.atomic
def nomination_remove(
    *, nomination: Nomination, reason: str, expected_version: int | None = None
) -> Nomination:
    if not reason.strip():
        raise ValidationError({"reason": "Enter why this successor is being removed."})
    _require_active(nomination)
    plan = nomination.plan
    _claim(plan, expected_version=expected_version)
    nomination.status = NominationStatus.REMOVED
    nomination.removed_reason = reason.strip()
    nomination.is_emergency_cover = False
    nomination.ended_at = timezone.now()
    nomination.save()
    _renumber(plan, list(_active(plan)))
    return nomination


def _require_active(nomination: Nomination) -> None:
    if nomination.status != NominationStatus.ACTIVE:
        raise ValidationError("This successor is no longer on the slate.")


# --- Reviews and sign-off ---------------------------------------------------------------------


@transaction.atomic
def plan_record_review(
    *, plan: SuccessionPlan, reviewed_on: dt.date, by, expected_version: int | None = None
) -> SuccessionPlan:
    problem = data_rules.review_problem(
        reviewed_on,
        plan_added_on=timezone.localdate(plan.post.created_at),
        today=timezone.localdate(),
    )
    if problem:
        raise ValidationError({"reviewed_on": problem})
    _claim(plan, expected_version=expected_version)
    plan.last_reviewed_on = reviewed_on
    plan.last_reviewed_by = by
    plan.save()
    return plan


@transaction.atomic
def plan_request_sign_off(*, plan: SuccessionPlan, by) -> SuccessionPlan:
    plan.sign_off_requested_at = timezone.now()
    plan.sign_off_requested_by = by
    plan.save(update_fields=["sign_off_requested_at", "sign_off_requested_by", "updated_at"])
    return plan


@transaction.atomic
def plan_sign_off(*, plan: SuccessionPlan, by, comment: str = "") -> SignOff:
    # Lock the plan row so the slate cannot change between reading and freezing it.
    plan = SuccessionPlan.objects.select_for_update().get(pk=plan.pk)
    sign_off = SignOff.objects.create(
        plan=plan,
        signed_by=by,
        plan_version=plan.version,
        slate=slate_snapshot(plan),
        comment=comment,
    )
    plan.sign_off_requested_at = None
    plan.sign_off_requested_by = None
    plan.save(update_fields=["sign_off_requested_at", "sign_off_requested_by", "updated_at"])
    events.announce("plan_signed_off", sign_off=sign_off)
    return sign_off


# --- Appointment ------------------------------------------------------------------------------


@dataclass
class VacatedPost:
    post: Post
    interim: Incumbency | None = None


@dataclass
class Appointment:
    incumbency: Incumbency
    vacated: list[VacatedPost] = field(default_factory=list)
    # Their posts in other organisations: expected to end the day they start, recorded there.
    leaving: list[Incumbency] = field(default_factory=list)


@transaction.atomic
def successor_appoint(
    *,
    nomination: Nomination,
    started_on: dt.date,
    kind: str = IncumbencyKind.SUBSTANTIVE,
    interim_person: Person | None = None,
    expected_version: int | None = None,
) -> Appointment:
    """Appoint a nominee: the previous holder's time ends, the nominee's begins, the nomination
    is marked as succeeded. A post the appointee leaves in this organisation is vacant (or held
    by an interim, for the first). A post they hold in another organisation is not changed from
    here: it gets an expected departure (the start date, appointed to another post) and that
    organisation's HR director a notice, and they record when the person actually leaves."""
    _require_active(nomination)
    plan = nomination.plan
    post = plan.post
    appointee = nomination.person
    previous = current_incumbency(post)
    if previous and started_on < previous.started_on:
        raise ValidationError(
            {"started_on": f"The start date must be on or after {previous.started_on:%-d %B %Y}."}
        )
    pending = pending_incumbency(post)
    if pending:
        raise ValidationError({"started_on": _already_pending(pending)})
    errors = _date_errors(started_on=started_on)
    if errors:
        raise ValidationError(errors)
    left_behind = list(
        appointee.incumbencies.current()
        .exclude(post=post)
        .select_related("post", "post__organisation")
    )
    for incumbency in left_behind:
        if started_on < incumbency.started_on:
            raise ValidationError(
                {
                    "started_on": f"{appointee} started as {incumbency.post} on "
                    f"{incumbency.started_on:%-d %B %Y}; the new post must start after that."
                }
            )
    if interim_person is not None and interim_person.pk == appointee.pk:
        raise ValidationError(
            {"interim_person": "The appointee cannot also cover the post they leave."}
        )
    _claim(plan, expected_version=expected_version)
    _claim(post, expected_version=None)
    if previous:
        previous.ended_on = started_on
        previous.departure_reason = previous.departure_reason or DepartureReason.OTHER
        previous.save()
    incumbency = Incumbency.objects.create(
        post=post, person=appointee, kind=kind, started_on=started_on
    )
    nomination.status = NominationStatus.SUCCEEDED
    nomination.is_emergency_cover = False
    nomination.ended_at = timezone.now()
    nomination.save()
    _renumber(plan, list(_active(plan)))

    appointment = Appointment(incumbency=incumbency)
    here = [old for old in left_behind if old.post.organisation_id == post.organisation_id]
    elsewhere = [old for old in left_behind if old.post.organisation_id != post.organisation_id]
    for index, old in enumerate(here):
        old.ended_on = started_on
        old.departure_reason = DepartureReason.APPOINTED_ELSEWHERE
        old.save()
        _claim(old.post, expected_version=None)
        interim = None
        if interim_person is not None and index == 0:
            interim = Incumbency.objects.create(
                post=old.post,
                person=interim_person,
                kind=IncumbencyKind.INTERIM,
                started_on=started_on,
            )
        appointment.vacated.append(VacatedPost(post=old.post, interim=interim))
    for old in elsewhere:
        _expect_departure_elsewhere(old, appointment=incumbency)
        appointment.leaving.append(old)
    # Their employer changes when their organisation records that they left a post there, not
    # from here; someone with no post in their organisation moves with the appointment.
    holds_post_at_employer = any(
        old.post.organisation_id == appointee.organisation_id for old in elsewhere
    )
    if appointee.organisation_id != post.organisation_id and not holds_post_at_employer:
        appointee.organisation = post.organisation
        appointee.save(update_fields=["organisation", "updated_at"])
    return appointment


def _expect_departure_elsewhere(old: Incumbency, *, appointment: Incumbency) -> None:
    """Another organisation's holder appointed here: expected to leave there the day they start
    here, and that organisation's HR director told, by a notice on their home page and email."""
    old.expected_departure_on = appointment.started_on
    old.departure_reason = DepartureReason.APPOINTED_ELSEWHERE
    old.save(update_fields=["expected_departure_on", "departure_reason"])
    _claim(old.post, expected_version=None)
    organisation = old.post.organisation
    notice = DepartureNotice.objects.create(
        organisation=organisation, incumbency=old, appointment=appointment
    )
    # The notifications app tells that organisation's HR directors, in the service and by email.
    events.announce("departure_notice_created", notice=notice)


# --- A new holder who is not in the service yet (appended for the post pages) ----------------


@transaction.atomic
def incumbency_start_for_new_person(
    *,
    post: Post,
    first_name: str,
    last_name: str,
    work_email: str = "",
    professional_background: str = "",
    kind: str,
    started_on: dt.date,
    expected_departure_on: dt.date | None = None,
    departure_reason: str = "",
    expected_version: int | None = None,
    previous_holder_reason: str = "",
) -> Incumbency:
    """Add someone to the post's organisation's people and record them as its holder, together:
    if the holder cannot be recorded, the person is not added either."""
    person = person_create(
        organisation=post.organisation,
        first_name=first_name,
        last_name=last_name,
        work_email=work_email,
        professional_background=professional_background or ProfessionalBackground.OTHER,
    )
    return incumbency_start(
        post=post,
        person=person,
        kind=kind,
        started_on=started_on,
        expected_departure_on=expected_departure_on,
        departure_reason=departure_reason,
        expected_version=expected_version,
        previous_holder_reason=previous_holder_reason,
    )


# --- Sign-off as the chair saw it, and asking the chair ----------------------------------------


def _require_version(plan: SuccessionPlan, *, expected_version: int) -> SuccessionPlan:
    """Refuse, saying what changed, if the plan moved on after the user's page was loaded. Unlike
    _claim this takes no new version: reading and asking do not change the slate. Call inside a
    transaction: the plan row stays locked until it ends."""
    current = SuccessionPlan.objects.select_for_update().get(pk=plan.pk)
    if current.version != expected_version:
        raise EditConflict(
            changes=changes_since_version(current, expected_version),
            current_version=current.version,
        )
    return current


@transaction.atomic
def plan_sign_off_as_seen(
    *, plan: SuccessionPlan, by, expected_version: int, comment: str = ""
) -> SignOff:
    """The chair signs off the slate exactly as their page showed it: refused with EditConflict
    if anyone changed the plan after the page was loaded, so the snapshot is what they saw."""
    _require_version(plan, expected_version=expected_version)
    return plan_sign_off(plan=plan, by=by, comment=comment.strip())


def _chair_emails(organisation_id: int) -> list[str]:
    return list(
        User.objects.filter(
            is_active=True,
            memberships__organisation_id=organisation_id,
            memberships__role=Role.CHAIR,
        )
        .exclude(email="")
        .order_by("email")
        .values_list("email", flat=True)
        .distinct()
    )


@transaction.atomic
def plan_request_sign_off_from_chairs(
    *, plan: SuccessionPlan, by, sign_off_url: str, expected_version: int | None = None
) -> list[str]:
    """Ask the organisation's chair to sign off the plan: each chair is notified, in the service
    and (as they chose) by email with the link, once the request is saved. Refused with
    EditConflict if the plan changed after the HR director's page was loaded (they should see
    what they ask the chair to sign). Returns the chairs' addresses."""
    if expected_version is not None:
        _require_version(plan, expected_version=expected_version)
    plan_request_sign_off(plan=plan, by=by)
    events.announce("plan_sign_off_requested", plan=plan, by=by, url=sign_off_url)
    return _chair_emails(plan.post.organisation_id)


# --- Rescoring a post after a change ------------------------------------------------------------

# The risk app's task, named rather than imported: risk depends on succession, never the reverse
# (ADR 0009). The name is also what beat's schedules and queued messages carry.
RECALCULATE_POST_RISK_TASK = "succession.recalculate_post_risk"


def _queue_risk_recalculation(post_id: int) -> None:
    """Rescore the post once the change commits (nothing is queued if it rolls back). A broker
    that is down must not turn a saved change into an error page: the nightly run catches up."""

    def send() -> None:
        try:
            # A signature rather than send_task: where the task is registered (every process, as
            # the risk app loads it) it honours CELERY_TASK_ALWAYS_EAGER like .delay() does.
            current_app.signature(RECALCULATE_POST_RISK_TASK, args=[post_id]).delay()
        except Exception:
            logger.exception("Could not queue the risk recalculation of post %s", post_id)

    transaction.on_commit(send)
