"""The pledge tracker part of the REST API: pledges, progress updates and reports of
inconsistency, read through pledges.selectors and written through pledges.services with the same
permissions as the pages (pledges/rules.py). Who reported an inconsistency is shown only to the
national talent team."""
