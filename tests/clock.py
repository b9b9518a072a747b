"""The suite's fixed day: every test runs with the clock stopped at NOW (see the `today` fixture in
tests/conftest.py), so a run that crosses midnight or a quarter end gives the same answers.

TEST_NOW (an ISO date-time, London time if it has no offset) tries another instant, as TEST_SEED
tries other names: `TEST_NOW=2027-03-31T23:59:59 pytest tests/pledges`. Nothing here reads the
machine's clock."""

import datetime as dt
import os
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
# Midday on a Monday in the middle of a quarter, far from a change of the clocks: the day the
# demo and scoring tests already take as theirs.
DEFAULT_NOW = "2026-11-23T12:00:00"


def parse_now(text: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=LONDON)


NOW = parse_now(os.environ.get("TEST_NOW") or DEFAULT_NOW)
TODAY = NOW.astimezone(LONDON).date()
