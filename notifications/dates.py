"""When things fall due: plain functions of dates, so that the worklists, the reminders and their
tests agree. The periods are data here, not scattered through queries."""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta

# A plan's review is due this long after the last one (a reminder goes then) and overdue (on the
# HR director's worklist) after REVIEW_OVERDUE.
REVIEW_DUE_AFTER = relativedelta(months=11)
REVIEW_OVERDUE_AFTER = relativedelta(months=12)
# A chair is reminded of a sign-off request that has waited this long.
SIGN_OFF_WAIT = dt.timedelta(days=14)
# A pledge lead is reminded of the quarter's update this long before the quarter ends.
UPDATE_REMINDER_BEFORE = dt.timedelta(days=14)
# Departures within this long of today, with no ready-now successor, are on the worklist.
DEPARTURE_HORIZON = relativedelta(months=6)
# Appointments starting within this long are on the worklist.
PENDING_APPOINTMENT_HORIZON = relativedelta(months=3)
# Nominations of one's people made elsewhere stay on the worklist this long unless marked done.
NOMINATION_NEWS_DAYS = 90
# Milestones due within this long (or overdue) are on the pledge lead's worklist.
MILESTONE_HORIZON = dt.timedelta(days=30)
# A pool member's consent or readiness recorded longer ago than this is due for review.
POOL_REVIEW_AFTER = relativedelta(months=12)


def review_due_on(last_reviewed_on: dt.date) -> dt.date:
    return last_reviewed_on + REVIEW_DUE_AFTER


def review_reminders_cutoff(today: dt.date) -> dt.date:
    """Plans last reviewed on or before this date are due for review."""
    return today - REVIEW_DUE_AFTER


def quarter_of(today: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day of the quarter `today` is in (Jan–Mar, Apr–Jun, Jul–Sep, Oct–Dec:
    the NHS's financial quarters fall on the same days)."""
    first_month = 3 * ((today.month - 1) // 3) + 1
    start = dt.date(today.year, first_month, 1)
    end = start + relativedelta(months=3) - dt.timedelta(days=1)
    return start, end


def update_reminder_due(today: dt.date) -> bool:
    """Whether the quarter's update reminder goes out today (the last two weeks of a quarter)."""
    return today >= quarter_of(today)[1] - UPDATE_REMINDER_BEFORE
