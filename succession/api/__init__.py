"""The posts, holders and succession plans part of the REST API. Reads go through
succession.selectors and writes through succession.services, with the same permissions as the
pages (succession/rules.py)."""
