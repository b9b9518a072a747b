"""{% status_tag kind value %}: a status as an NHS.UK tag, its colour and words chosen here.

    {% load status %}
    {% status_tag "rag" update.rag %}                       Red, Amber, Green or No update yet
    {% status_tag "rag" rag_count.rag count=rag_count.count %}   Red: 3
    {% status_tag "calibration" "closed" detail=session.closed_at|date:"j M Y" %}

Every tag has its words, so colour is never the only meaning; `hidden` words are for screen
readers. A value this table does not know is drawn as a grey tag with the value in words, so a
new status shows up plainly instead of breaking the page.
"""

from dataclasses import dataclass

from django import template
from django.template.loader import get_template

register = template.Library()


@dataclass(frozen=True)
class Tag:
    colour: str  # the nhsuk-tag--<colour> modifier
    text: str
    hidden: str = ""  # words after the text for screen readers only
    counted: str = "{text}: {count}"  # the words when the tag is given a count


STATUS_TAGS: dict[str, dict[str, Tag]] = {
    # Progress of a pledge in a period (pledges.models.Rag); "" is a pledge with no update yet.
    "rag": {
        "red": Tag("red", "Red"),
        "amber": Tag("orange", "Amber"),
        "green": Tag("green", "Green"),
        "": Tag("grey", "No update yet"),
    },
    # A post's succession risk band (risk.models.RiskBand).
    "risk": {
        "high": Tag("red", "High", hidden=" risk"),
        "medium": Tag("orange", "Medium", hidden=" risk"),
        "low": Tag("green", "Low", hidden=" risk"),
    },
    # pledges.models.PledgeStatus
    "pledge": {
        "not_started": Tag("grey", "Not started", hidden=": its start date is still to come"),
        "active": Tag("blue", "Active"),
        "achieved": Tag("aqua-green", "Achieved"),
        "withdrawn": Tag("grey", "Withdrawn"),
    },
    # What the tracker flags on a pledge.
    "pledge_flag": {
        "overdue": Tag("red", "Overdue", hidden=": past the target date and not achieved"),
        "stale": Tag("yellow", "No update in 90 days"),
        "open_reports": Tag(
            "purple", "Open reports", hidden=" of inconsistency", counted="{count} open report{s}"
        ),
    },
    "milestone": {
        "past_due": Tag("red", "Past due"),
    },
    "progress_update": {
        "corrected": Tag("grey", "Corrected"),
    },
    # A report of inconsistency (pledges.models.ReportStatus).
    "report": {
        "awaiting_response": Tag("orange", "Awaiting a response"),
        "acknowledged": Tag("blue", "Acknowledged"),
        "explained": Tag("green", "Explained"),
        "action_taken": Tag("green", "Action taken"),
    },
    # A post: who holds it (vacant, or succession.models.IncumbencyKind) and what marks it out.
    "post": {
        "vacant": Tag("red", "Vacant"),
        "pending": Tag("blue", "Appointment pending", hidden=": the new holder starts later"),
        "interim": Tag("orange", "Interim"),
        "acting": Tag("yellow", "Acting"),
        "top_200": Tag("blue", "Top 200", hidden=": one of the national top-200 posts"),
    },
    # Someone named on a post's plan to hold it at short notice.
    "emergency_cover": {
        "named": Tag("green", "Emergency cover"),
        "none": Tag("red", "None named"),
        "missing": Tag("red", "No emergency cover"),
    },
    "plan": {
        "changed_since_sign_off": Tag("orange", "Changed since sign-off"),
    },
    "nomination": {
        "widely_nominated": Tag(
            "orange", "Named for many posts", counted="Named for {count} posts"
        ),
    },
    "incumbency": {
        "current": Tag("green", "Holds it now"),
    },
    # Someone's place in the national talent pool.
    "pool": {
        "member": Tag("blue", "National talent pool"),
        "in_pool": Tag("blue", "In the national talent pool"),
        "not_in_pool": Tag("grey", "Not in the national talent pool"),
        "visible": Tag("green", "Visible to other organisations"),
        "not_visible": Tag("grey", "Not visible to other organisations"),
    },
    "cohort_membership": {
        "current": Tag("green", "Current"),
    },
    # A development activity (talent.models.DevelopmentStatus).
    "development": {
        "planned": Tag("white", "Planned"),
        "in_progress": Tag("blue", "In progress"),
        "completed": Tag("green", "Completed"),
        "withdrawn": Tag("grey", "Withdrawn"),
    },
    # A calibration session (talent.models.CalibrationStatus).
    "calibration": {
        "open": Tag("blue", "Open"),
        "closed": Tag("grey", "Closed"),
    },
    # A nine-box placement: where someone was placed, calibrated, or moved to in a session.
    "placement": {
        "original": Tag("grey", "Original"),
        "calibrated": Tag("blue", "Calibrated"),
        "moved": Tag("white", "Moved"),
    },
    "pipeline": {
        "gap": Tag("red", "Gap"),
    },
    "organisation": {
        "open": Tag("green", "Open"),
        "closed": Tag("grey", "Closed"),
    },
    # A row of a posts import, and the columns it needs.
    "import": {
        "new": Tag("green", "New post"),
        "update": Tag("blue", "Update"),
        "unchanged": Tag("grey", "No change"),
        "problem": Tag("red", "Problem"),
        "required": Tag("blue", "Required"),
    },
    # Executive posts vacant or interim against the national benchmark.
    "benchmark": {
        "above": Tag("red", "Above the 8% national benchmark"),
        "within": Tag("green", "At or below the 8% national benchmark"),
    },
    "risk_method": {
        "in_use": Tag("blue", "In use"),
    },
    # The counts in the header (notifications app): notifications unread, things to do.
    "count": {
        "unread": Tag("white", "Unread", hidden=" unread", counted="{count}"),
        "to_do": Tag("white", "To do", hidden=" to do", counted="{count}"),
    },
    # Why an item on a worklist comes first (notifications.worklists).
    "worklist": {
        "waiting_over_14_days": Tag("red", "Waiting over 14 days"),
        "never_reviewed": Tag("red", "Never reviewed"),
        "within_3_months": Tag("red", "Within 3 months"),
        "vacant": Tag("red", "Vacant"),
        "high_risk": Tag("red", "High risk"),
        "due_within_2_weeks": Tag("red", "Due within 2 weeks"),
        "overdue": Tag("red", "Overdue"),
    },
}

UNKNOWN_COLOUR = "grey"


def status_tag_context(kind, value, *, count=None, detail="") -> dict:
    """The colour, words and hidden words of one tag."""
    key = "" if value is None else str(value)
    tag = STATUS_TAGS.get(kind, {}).get(key)
    if tag is None:
        words = key.replace("_", " ").capitalize() or "Not known"
        return {"colour": UNKNOWN_COLOUR, "text": words, "hidden": ""}
    text = tag.text
    if count:
        text = tag.counted.format(text=text, count=count, s="" if count == 1 else "s")
    if detail:
        text = f"{text} {detail}"
    return {"colour": tag.colour, "text": text, "hidden": tag.hidden}


@register.inclusion_tag("components/status_tag.html")
def status_tag(kind, value, count=None, detail=""):
    return status_tag_context(kind, value, count=count, detail=detail)


def render_status_tag(kind, value, **options) -> str:
    """The tag's HTML, for Python that draws many of them (risk_band)."""
    return get_template("components/status_tag.html").render(
        status_tag_context(kind, value, **options)
    )
