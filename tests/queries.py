"""Query counts, asserted so that a failure shows every SQL statement, numbered (as zulip's
assert_database_query_count does): a page that gains a query per row says which one.

    with count_queries() as few:          # measure, with small data
        client.get(url)
    add_more_rows()
    with assert_query_count(few):          # the same number again, with more data
        client.get(url)

assert_query_count(9) asserts an exact number; assert_queries_at_most(9) a ceiling."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connections
from django.test.utils import CaptureQueriesContext


class Queries(CaptureQueriesContext):
    """The queries run inside the block: len() counts them, iterating gives Django's
    {"sql": ..., "time": ...} dicts."""

    def listing(self) -> str:
        return "\n".join(
            f"{number:>4}. {query['sql']}"
            for number, query in enumerate(self.captured_queries, start=1)
        )


def count_queries(using: str = DEFAULT_DB_ALIAS) -> Queries:
    return Queries(connections[using])


def _expected(expected: int | Queries) -> tuple[int, str]:
    if isinstance(expected, Queries):
        return len(expected), f"\n\nthe {len(expected)} it is compared with:\n{expected.listing()}"
    return expected, ""


@contextmanager
def assert_query_count(
    expected: int | Queries, *, using: str = DEFAULT_DB_ALIAS
) -> Iterator[Queries]:
    """The block runs exactly `expected` queries (a number, or as many as a measured block)."""
    __tracebackhide__ = True
    number, compared = _expected(expected)
    with count_queries(using) as queries:
        yield queries
    if len(queries) != number:
        raise AssertionError(
            f"expected {number} queries, ran {len(queries)}:\n{queries.listing()}{compared}"
        )


@contextmanager
def assert_queries_at_most(
    most: int | Queries, *, using: str = DEFAULT_DB_ALIAS
) -> Iterator[Queries]:
    """The block runs no more than `most` queries (a number, or as many as a measured block)."""
    __tracebackhide__ = True
    number, compared = _expected(most)
    with count_queries(using) as queries:
        yield queries
    if len(queries) > number:
        raise AssertionError(
            f"expected at most {number} queries, ran {len(queries)}:\n{queries.listing()}{compared}"
        )
