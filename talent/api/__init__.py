"""The people part of the REST API: read through talent.selectors, written through
talent.services, with the permissions of talent/rules.py."""
