"""The counts in the header: unread notifications (one cheap query on each page) and things to do.

The to-do count needs the worklist's counts, several queries, so pages do not run them: the home
page, which draws the worklist, keeps its count in the cache for a few minutes, and the header
shows it while it lasts. Any event announced (a sign-off asked for or made, a report, a
nomination) starts a new generation of counts, so that nobody's header says work is waiting
after it was done elsewhere (within one process; the short lifetime bounds it elsewhere)."""

from django.core.cache import cache
from django.utils.functional import SimpleLazyObject

from . import selectors

TODO_COUNT_SECONDS = 300
GENERATION_KEY = "notifications:todo:generation"


def _todo_key(user_id: int) -> str:
    return f"notifications:todo:{cache.get(GENERATION_KEY, 0)}:{user_id}"


def todo_count_remember(user, count: int) -> None:
    cache.set(_todo_key(user.pk), count, TODO_COUNT_SECONDS)


def todo_counts_forget() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, None)


def todo_count_remembered(user) -> int | None:
    return cache.get(_todo_key(user.pk))


def counts(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    # Lazy: pages that do not draw the header (downloads, the API) never run the query.
    return {
        "unread_notifications": SimpleLazyObject(lambda: selectors.unread_count(user)),
        "todo_count": todo_count_remembered(user),
    }
