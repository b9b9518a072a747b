"""The risk method as data: the current version, and a new version when the points change."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.editing import EditConflict
from core.history import HistoryEntry

from . import scoring
from .models import RiskMethod


def _default_method() -> RiskMethod:
    """Version 1, from the brief's table. The data migration creates it; this is for databases
    emptied since (a flushed test database, say)."""
    try:
        with transaction.atomic():
            return RiskMethod.objects.create(
                version=1,
                points=dict(scoring.DEFAULT_POINTS),
                high_from=scoring.DEFAULT_HIGH_FROM,
                medium_from=scoring.DEFAULT_MEDIUM_FROM,
                reason="Version 1: the starting point in the product brief.",
                is_current=True,
            )
    except IntegrityError:
        return RiskMethod.objects.get(is_current=True)


def current_method() -> RiskMethod:
    method = RiskMethod.objects.filter(is_current=True).select_related("created_by").first()
    return method if method is not None else _default_method()


def as_scoring_method(method: RiskMethod) -> scoring.Method:
    """The stored version as the pure function takes it; factors added to the code after the
    version was made count 0 points in it."""
    return scoring.Method(
        version=method.version,
        points={key: int(method.points.get(key, 0)) for key in scoring.FACTOR_KEYS},
        high_from=method.high_from,
        medium_from=method.medium_from,
    )


def method_versions() -> list[RiskMethod]:
    return list(RiskMethod.objects.select_related("created_by").order_by("-version"))


def _differences(old: RiskMethod, *, points: dict, high_from: int, medium_from: int) -> list[str]:
    changes = []
    for key in scoring.FACTOR_KEYS:
        before, after = int(old.points.get(key, 0)), int(points[key])
        if before != after:
            changes.append(f"{scoring.FACTOR_LABELS[key]}: {before} to {after} points")
    if old.high_from != high_from:
        changes.append(f"High risk from {old.high_from} to {high_from}")
    if old.medium_from != medium_from:
        changes.append(f"Medium risk from {old.medium_from} to {medium_from}")
    return changes


@transaction.atomic
def risk_method_change(
    *,
    points: dict[str, int],
    high_from: int,
    medium_from: int,
    reason: str,
    by,
    expected_version: int | None = None,
) -> RiskMethod:
    """Make a new version of the method with these points; the previous versions are kept and the
    scores made with them keep naming them. Refused with EditConflict if someone else made a new
    version after the editor loaded `expected_version`."""
    current = RiskMethod.objects.select_for_update().filter(is_current=True).first()
    if current is None:
        current = _default_method()
    if expected_version is not None and current.version != expected_version:
        newer = RiskMethod.objects.filter(version__gt=expected_version).select_related("created_by")
        raise EditConflict(
            changes=[
                HistoryEntry(
                    when=version.created_at,
                    who=str(version.created_by or "Someone"),
                    text=f"made version {version.version}: "
                    + ("; ".join(_describe_version(version)) or "no change of points"),
                )
                for version in newer.order_by("version")
            ],
            current_version=current.version,
        )
    errors = {}
    unknown = set(points) - set(scoring.FACTOR_KEYS)
    if unknown:
        raise ValueError(f"unknown risk factors: {', '.join(sorted(unknown))}")
    for key in scoring.FACTOR_KEYS:
        value = points.get(key)
        if value is None or not 0 <= int(value) <= scoring.MAX_SCORE:
            errors[key] = "Enter a whole number of points from 0 to 100."
    if not 1 <= high_from <= scoring.MAX_SCORE:
        errors["high_from"] = "Enter a score from 1 to 100."
    if not 1 <= medium_from <= scoring.MAX_SCORE:
        errors["medium_from"] = "Enter a score from 1 to 100."
    elif medium_from >= high_from:
        errors["medium_from"] = "Medium risk must start below the score where high risk starts."
    if not reason.strip():
        errors["reason"] = "Say why the points are changing: the reason is kept with the version."
    if errors:
        raise ValidationError(errors)
    points = {key: int(points[key]) for key in scoring.FACTOR_KEYS}
    if not _differences(current, points=points, high_from=high_from, medium_from=medium_from):
        raise ValidationError(
            "These are the points of the current version: change at least one number."
        )
    current.is_current = False
    current.save(update_fields=["is_current"])
    return RiskMethod.objects.create(
        version=current.version + 1,
        points=points,
        high_from=high_from,
        medium_from=medium_from,
        reason=reason.strip(),
        created_by=by,
        created_at=timezone.now(),
        is_current=True,
    )


def _describe_version(version: RiskMethod) -> list[str]:
    previous = RiskMethod.objects.filter(version__lt=version.version).order_by("-version").first()
    if previous is None:
        return []
    return _differences(
        previous,
        points={key: int(version.points.get(key, 0)) for key in scoring.FACTOR_KEYS},
        high_from=version.high_from,
        medium_from=version.medium_from,
    )


def version_changes(versions: list[RiskMethod]) -> dict[int, list[str]]:
    """For each version (newest first, as method_versions returns them), what it changed from the
    one before, from the versions already loaded."""
    changes = {}
    for newer, older in zip(versions, versions[1:], strict=False):
        changes[newer.version] = _differences(
            older,
            points={key: int(newer.points.get(key, 0)) for key in scoring.FACTOR_KEYS},
            high_from=newer.high_from,
            medium_from=newer.medium_from,
        )
    return changes
