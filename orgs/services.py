"""Saving organisations and regions read by ``orgs.importers``.

An import is one transaction: either every good row is saved or (when the file has bad rows and
they may not be skipped) nothing is. Rows that would change nothing are not touched, so
django-simple-history records a new version only when an organisation really changes."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from celery import current_app
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import importers
from .importers import FileFormat, OrganisationRow, RegionRow, RowError, SkippedRow
from .models import Organisation, OrganisationKind, OversightFramework, OversightSegment, Region

logger = logging.getLogger(__name__)
SOURCE_MAX_LENGTH = Organisation._meta.get_field("source").max_length


class ImportRejected(Exception):
    """The file has bad rows (or cannot be read at all); nothing was saved."""

    def __init__(self, *, source: str, errors: Sequence[RowError]):
        self.source = source
        self.errors = list(errors)
        lines = len({error.line for error in self.errors})
        if self.is_unreadable:
            message = f"{source}: cannot be imported; nothing imported"
        else:
            message = f"{source}: {lines} bad row{'s' if lines != 1 else ''}; nothing imported"
        super().__init__(message)

    @property
    def is_unreadable(self) -> bool:
        """True when the file as a whole cannot be read (skipping bad rows would not help)."""
        return any(error.fatal for error in self.errors)

    def report(self) -> str:
        return "\n".join([str(self), *(str(error) for error in self.errors)])


@dataclass
class ImportResult:
    """What an import did, organisation by organisation (ODS codes)."""

    source: str
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    closed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)
    bad_rows: list[RowError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    dry_run: bool = False

    @property
    def skipped_count(self) -> int:
        return len(self.skipped) + len({error.line for error in self.bad_rows})

    def counts(self) -> dict[str, int]:
        return {
            "created": len(self.created),
            "updated": len(self.updated),
            "closed": len(self.closed),
            "unchanged": len(self.unchanged),
            "skipped": self.skipped_count,
        }

    def summary(self) -> str:
        counts = ", ".join(f"{number} {what}" for what, number in self.counts().items())
        reasons = Counter(skipped.reason for skipped in self.skipped)
        if self.bad_rows:
            reasons["bad rows"] = len({error.line for error in self.bad_rows})
        detail = "; ".join(f"{number} {reason}" for reason, number in reasons.items())
        text = f"{self.source}: {counts}"
        if detail:
            text += f" (skipped: {detail})"
        if self.dry_run:
            text += ". Dry run: nothing was saved"
        return text


@dataclass
class RegionImportResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


@dataclass
class DefaultLoadResult:
    regions: RegionImportResult
    imports: dict[str, ImportResult]

    def summary(self) -> str:
        created = sum(len(result.created) for result in self.imports.values())
        kept = sum(len(result.unchanged) for result in self.imports.values())
        parts = ", ".join(f"{len(result.created)} {what}" for what, result in self.imports.items())
        total = Organisation.objects.count()
        return (
            f"Organisations: {created} created ({parts}), {kept} already present, "
            f"{total} in all; regions: {len(self.regions.created)} created, "
            f"{len(self.regions.unchanged) + len(self.regions.updated)} already present."
        )


def source_label(path: Path) -> str:
    """How a file is named in Organisation.source: relative to the project when it is inside it
    (orgs/data/...), else its folder and name (ods_etr_2026/etr.csv)."""
    path = Path(path).resolve()
    try:
        label = path.relative_to(Path(settings.BASE_DIR).resolve()).as_posix()
    except ValueError:
        label = f"{path.parent.name}/{path.name}"
    return label[-SOURCE_MAX_LENGTH:]


@transaction.atomic
def regions_import(*, rows: Iterable[RegionRow], create_only: bool = False) -> RegionImportResult:
    result = RegionImportResult()
    existing = {region.code: region for region in Region.objects.all()}
    for row in rows:
        values = {
            "name": row.name,
            "short_name": row.short_name,
            "is_current": row.is_current,
            "opened_on": row.opened_on,
            "closed_on": row.closed_on,
        }
        region = existing.get(row.code)
        if region is None:
            Region.objects.create(code=row.code, **values)
            result.created.append(row.code)
        elif create_only or all(getattr(region, key) == value for key, value in values.items()):
            result.unchanged.append(row.code)
        else:
            for key, value in values.items():
                setattr(region, key, value)
            region.save()
            result.updated.append(row.code)
    return result


def _values_for(
    row: OrganisationRow,
    *,
    existing: Organisation | None,
    region_ids: dict[str, int],
    unknown_regions: Counter,
) -> dict[str, object]:
    """The Organisation field values the row gives (only the fields its source has)."""
    values: dict[str, object] = {}
    for name in row.fields:
        if name == "region_code":
            region_id = region_ids.get(row.region_code)
            if region_id is None and row.region_code:
                unknown_regions[row.region_code] += 1
            values["region_id"] = region_id
        else:
            values[name] = getattr(row, name)
    # A kind guessed from the name never overrides a trust kind already held (from ERIC, or set
    # by an administrator).
    if (
        existing is not None
        and row.kind_is_inferred
        and existing.kind in OrganisationKind.trust_kinds()
    ):
        values.pop("kind", None)
    return values


@transaction.atomic
def organisations_import(
    *,
    rows: Sequence[OrganisationRow],
    source: str,
    open_only: bool = False,
    create_only: bool = False,
    today: date | None = None,
) -> ImportResult:
    """Create or update one organisation per row, in one transaction.

    - `open_only`: don't create organisations the file says are closed (existing ones are still
      updated and closed).
    - `create_only`: create missing organisations and leave existing ones exactly as they are
      (used to seed defaults without undoing later imports or administrators' edits).
    An organisation that would not change is not saved, so it gets no new history."""
    today = today or timezone.localdate()
    source = source[-SOURCE_MAX_LENGTH:]
    result = ImportResult(source=source)
    region_ids = dict(Region.objects.values_list("code", "id"))
    existing = Organisation.objects.in_bulk([row.ods_code for row in rows], field_name="ods_code")
    unknown_regions: Counter = Counter()

    for row in rows:
        organisation = existing.get(row.ods_code)
        if organisation is not None and create_only:
            result.unchanged.append(row.ods_code)
            continue
        values = _values_for(
            row, existing=organisation, region_ids=region_ids, unknown_regions=unknown_regions
        )
        if organisation is None:
            if open_only and row.is_closed_on(today):
                result.skipped.append(SkippedRow(row.line, row.ods_code, "is closed in the file"))
                continue
            organisation = Organisation(ods_code=row.ods_code, source=source, **values)
            organisation._change_reason = f"Imported from {source}"[:100]
            organisation.save()
            existing[row.ods_code] = organisation
            result.created.append(row.ods_code)
            continue

        changed = [key for key, value in values.items() if getattr(organisation, key) != value]
        if not changed:
            result.unchanged.append(row.ods_code)
            continue
        was_open = organisation.closed_on is None
        for key in changed:
            setattr(organisation, key, values[key])
        organisation.source = source
        fields = ", ".join(key.removesuffix("_id") for key in changed)
        organisation._change_reason = f"Imported from {source}: {fields} changed"[:100]
        organisation.save()
        if was_open and organisation.closed_on is not None:
            result.closed.append(row.ods_code)
        else:
            result.updated.append(row.ods_code)

    for code, number in sorted(unknown_regions.items()):
        result.notes.append(
            f"{number} organisation{'s' if number != 1 else ''} with region code {code}, which "
            "is not a known NHS England region: region left empty"
        )
    return result


def organisation_file_import(
    *,
    path: Path,
    file_format: FileFormat | str | None = None,
    eric_path: Path | None = None,
    open_only: bool = False,
    skip_bad_rows: bool = False,
    dry_run: bool = False,
    source: str | None = None,
    today: date | None = None,
) -> ImportResult:
    """Import an ODS trust or CCG file, or the ONS ICB list.

    Raises ImportRejected (nothing saved) when the file cannot be read, or when it has bad rows
    and `skip_bad_rows` is not set. With `skip_bad_rows` the good rows are saved and the bad
    ones are listed in the result. `dry_run` does everything, then rolls it back."""
    path = Path(path)
    source = source or source_label(path)
    eric = None
    if file_format in (None, FileFormat.TRUSTS, FileFormat.TRUSTS.value):
        eric = importers.read_eric(Path(eric_path) if eric_path else importers.SHIPPED_ERIC)
    parsed = importers.parse_organisation_file(path, file_format=file_format, eric=eric)
    if parsed.errors and (not parsed.is_readable or not skip_bad_rows):
        raise ImportRejected(source=source, errors=parsed.errors)

    with transaction.atomic():
        result = organisations_import(
            rows=parsed.rows, source=source, open_only=open_only, today=today
        )
        icb_links_refresh()
        if dry_run:
            transaction.set_rollback(True)
    result.skipped = parsed.skipped + result.skipped
    result.bad_rows = list(parsed.errors)
    result.dry_run = dry_run
    return result


def _parsed_or_rejected(path: Path, parsed: importers.ParseResult) -> importers.ParseResult:
    if parsed.errors:
        raise ImportRejected(source=source_label(path), errors=parsed.errors)
    return parsed


@transaction.atomic
def default_organisations_load(*, today: date | None = None) -> DefaultLoadResult:
    """Seed the shipped reference data: England's NHS today, and the programme's 2015/16
    organisations as history.

    - Regions; the 42 ICBs (ONS, December 2024); the trusts open in England in the 2026 ODS file
      (kinds from ERIC, Welsh bodies left out), each linked to its ICB.
    - History: the programme's 2015 trusts that have closed since (as the 2026 file records them,
      with their close dates), and its 2016 CCGs, closed on the date the 2025 CCG file gives, or
      on 30 June 2022 with their ICB as successor where that file shows them as a sub-ICB location.
    - National bodies, today's open and the abolished ones closed with what they became.

    Only missing regions and organisations are created, and a closure or successor is recorded
    only where none is held, so an administrator's edits survive and running it again changes
    nothing."""
    today = today or timezone.localdate()
    region_rows, region_errors = importers.read_regions()
    if region_errors:
        raise ImportRejected(source=source_label(importers.SHIPPED_REGIONS), errors=region_errors)
    regions = regions_import(rows=region_rows, create_only=True)

    eric = importers.read_eric(importers.SHIPPED_ERIC)
    icbs = _parsed_or_rejected(
        importers.SHIPPED_ICBS,
        importers.parse_organisation_file(importers.SHIPPED_ICBS, file_format=FileFormat.ICBS),
    )
    trusts = _parsed_or_rejected(
        importers.SHIPPED_TRUSTS,
        importers.parse_organisation_file(
            importers.SHIPPED_TRUSTS, file_format=FileFormat.TRUSTS, eric=eric
        ),
    )
    programme_trusts = _parsed_or_rejected(
        importers.PROGRAMME_TRUSTS,
        importers.parse_organisation_file(
            importers.PROGRAMME_TRUSTS, file_format=FileFormat.TRUSTS, eric=eric
        ),
    )
    programme_ccgs = _parsed_or_rejected(
        importers.PROGRAMME_CCGS,
        importers.parse_organisation_file(importers.PROGRAMME_CCGS, file_format=FileFormat.CCGS),
    )
    bodies = _parsed_or_rejected(
        importers.SHIPPED_NATIONAL_BODIES,
        importers.read_national_bodies(importers.SHIPPED_NATIONAL_BODIES),
    )
    fates = importers.read_ccg_fates(importers.CCG_FATES)

    # The programme's trusts, as the 2026 file last records them: open ones are today's trusts;
    # the ones closed since are created closed. One missing from the 2026 file keeps its 2015 row.
    programme_codes = {row.ods_code for row in programme_trusts.rows if not row.is_closed_on(today)}
    latest = {row.ods_code: row for row in trusts.rows}
    open_trusts = [row for row in trusts.rows if not row.is_closed_on(today)]
    closed_trusts = [
        row for row in trusts.rows if row.is_closed_on(today) and row.ods_code in programme_codes
    ]
    closed_trusts += [
        row
        for row in programme_trusts.rows
        if row.ods_code in programme_codes and row.ods_code not in latest
    ]
    ccgs = [
        replace(row, closed_on=fates[row.ods_code].closed_on) if row.ods_code in fates else row
        for row in programme_ccgs.rows
        if not row.is_closed_on(today)
    ]

    loads = [
        ("ICBs", importers.SHIPPED_ICBS, icbs.rows, icbs.skipped, True),
        ("trusts", importers.SHIPPED_TRUSTS, open_trusts, trusts.skipped, True),
        ("closed trusts", importers.SHIPPED_TRUSTS, closed_trusts, [], False),
        ("CCGs", importers.PROGRAMME_CCGS, ccgs, programme_ccgs.skipped, False),
        ("national bodies", importers.SHIPPED_NATIONAL_BODIES, bodies.rows, [], False),
    ]
    imports: dict[str, ImportResult] = {}
    for what, path, rows, skipped, open_only in loads:
        imports[what] = organisations_import(
            rows=rows,
            source=source_label(path),
            open_only=open_only,
            create_only=True,
            today=today,
        )
        imports[what].skipped = list(skipped) + imports[what].skipped
        # An organisation loaded before it closed is closed now (never reopened, never redated).
        imports[what].closed += _closures_record(rows=rows, source=source_label(path))

    successors = {
        fate.ods_code: fate.successor_code for fate in fates.values() if fate.successor_code
    }
    successors.update(
        {row.ods_code: row.successor_code for row in bodies.rows if row.successor_code}
    )
    successors_link(successors)
    current_regions = {row.code for row in region_rows if row.is_current}
    icb_regions_fill(
        importers.read_icb_regions(importers.CCG_FATES, current_regions=current_regions)
    )
    icb_links_refresh()
    return DefaultLoadResult(regions=regions, imports=imports)


def _closures_record(*, rows: Iterable[OrganisationRow], source: str) -> list[str]:
    """Close the organisations held open that `rows` say have closed; returns their codes."""
    closing = {row.ods_code: row.closed_on for row in rows if row.closed_on}
    closed = []
    for organisation in Organisation.objects.filter(
        ods_code__in=closing, closed_on__isnull=True
    ).order_by("ods_code"):
        organisation.closed_on = closing[organisation.ods_code]
        organisation._change_reason = f"Closed, as {source} records"[:100]
        organisation.save(update_fields=["closed_on"])
        closed.append(organisation.ods_code)
    return closed


def successors_link(successors: dict[str, str]) -> list[str]:
    """Record what each closed organisation became ({code: successor's code}), where no
    successor is held and the successor exists. Returns the codes linked."""
    found = Organisation.objects.in_bulk(
        set(successors) | set(successors.values()), field_name="ods_code"
    )
    linked = []
    for code, successor_code in sorted(successors.items()):
        organisation, successor = found.get(code), found.get(successor_code)
        if organisation is None or successor is None or organisation.successor_id:
            continue
        organisation.successor = successor
        organisation._change_reason = f"Became part of {successor.ods_code}"
        organisation.save(update_fields=["successor"])
        linked.append(code)
    return linked


def icb_links_refresh() -> int:
    """Link every trust to the ICB whose ODS code its column 4 carries (or to none, when no ICB
    carries it: the page then says "ICB not yet known"). Returns how many links changed."""
    icb_ids = dict(
        Organisation.objects.filter(kind=OrganisationKind.ICB).values_list("ods_code", "id")
    )
    changed = 0
    for organisation in Organisation.objects.trusts().only(
        "id", "higher_health_geography", "icb_id"
    ):
        icb_id = icb_ids.get(organisation.higher_health_geography)
        if organisation.icb_id != icb_id:
            organisation.icb_id = icb_id
            organisation._change_reason = "Linked to its ICB"
            organisation.save(update_fields=["icb"])
            changed += 1
    _icb_regions_fill()
    return changed


def icb_regions_fill(region_codes: dict[str, str]) -> None:
    """Give each ICB without a region the one a file names ({ICB code: region code})."""
    region_ids = dict(Region.objects.values_list("code", "id"))
    for icb in Organisation.objects.filter(
        kind=OrganisationKind.ICB, region__isnull=True, ods_code__in=region_codes
    ):
        region_id = region_ids.get(region_codes[icb.ods_code])
        if region_id:
            icb.region_id = region_id
            icb._change_reason = "Region from its sub-ICB locations"
            icb.save(update_fields=["region"])


def _icb_regions_fill() -> None:
    """An ICB without a region (the ONS list gives none) takes the region most of its open
    trusts are in."""
    for icb in Organisation.objects.filter(kind=OrganisationKind.ICB, region__isnull=True):
        regions = Counter(
            icb.icb_members.open_on()
            .exclude(region__isnull=True)
            .values_list("region_id", flat=True)
        )
        if regions:
            icb.region_id = regions.most_common(1)[0][0]
            icb._change_reason = "Region from its trusts"
            icb.save(update_fields=["region"])


# --- Oversight segments --------------------------------------------------------------------------


@dataclass
class SegmentImportResult:
    source: str
    created: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    dry_run: bool = False

    def summary(self) -> str:
        text = (
            f"{self.source}: {len(self.created)} segments given, {len(self.changed)} changed, "
            f"{len(self.unchanged)} unchanged"
        )
        return text + (". Dry run: nothing was saved" if self.dry_run else "")


def oversight_segments_import(
    *,
    text: str,
    source: str,
    framework: str = OversightFramework.NOF_2025,
    by=None,
    dry_run: bool = False,
    today: date | None = None,
) -> SegmentImportResult:
    """Set organisations' oversight segments from a list (code,segment,date), all or nothing.

    Raises ImportRejected, saving nothing, when any line is bad: the file's own problems (see
    importers.parse_segment_list) and codes that are unknown, closed or a national body's. Each
    change is kept in the segment's history with its source and, from the page, who uploaded it."""
    today = today or timezone.localdate()
    rows, errors = importers.parse_segment_list(
        text, lowest_segment=OversightFramework.lowest_segment(framework), today=today
    )
    if any(error.fatal for error in errors):
        raise ImportRejected(source=source, errors=errors)
    found = Organisation.objects.in_bulk([row.ods_code for row in rows], field_name="ods_code")
    for row in rows:
        organisation = found.get(row.ods_code)
        if organisation is None:
            errors.append(RowError(row.line, f"no organisation has the ODS code {row.ods_code}"))
        elif not organisation.is_open:
            errors.append(
                RowError(
                    row.line,
                    f"{row.ods_code} ({organisation.display_name}) closed on "
                    f"{organisation.closed_on:%-d %B %Y}",
                )
            )
        elif organisation.kind == OrganisationKind.NATIONAL_BODY:
            errors.append(
                RowError(row.line, f"{row.ods_code} is a national body, which has no segment")
            )
    if errors:
        raise ImportRejected(source=source, errors=sorted(errors, key=lambda e: e.line))

    result = SegmentImportResult(source=source, dry_run=dry_run)
    current = OversightSegment.objects.in_bulk([o.pk for o in found.values()])
    reason = f"From {source}"[:100]
    with transaction.atomic():
        for row in rows:
            organisation = found[row.ods_code]
            held = current.get(organisation.pk)
            values = {
                "framework": framework,
                "segment": row.segment,
                "assigned_on": row.assigned_on,
            }
            if held is not None and all(getattr(held, k) == v for k, v in values.items()):
                result.unchanged.append(row.ods_code)
                continue
            segment = held or OversightSegment(organisation=organisation)
            for key, value in values.items():
                setattr(segment, key, value)
            segment._change_reason = reason
            if by is not None:
                segment._history_user = by
            segment.save()
            (result.changed if held else result.created).append(row.ods_code)
        if dry_run:
            transaction.set_rollback(True)
        elif result.created or result.changed:
            transaction.on_commit(_queue_full_recalculation)
    return result


# The risk app's full recalculation, by name: risk depends on orgs, never the reverse (ADR 0009).
RECALCULATE_RISK_TASK = "succession.recalculate_risk"


def _queue_full_recalculation() -> None:
    """A segment adds risk points to every post of its organisation: rescore them all now rather
    than at night. A broker that is down must not undo the import: the nightly run catches up."""
    try:
        current_app.signature(RECALCULATE_RISK_TASK, kwargs={"kind": "manual"}).delay()
    except Exception:
        logger.exception("Could not queue the risk recalculation after a segment import")
