"""Lengths of time as the service says them."""

from datetime import timedelta


def duration_in_words(duration: timedelta | float) -> str:
    """A timedelta or a number of seconds as people say it: "15 minutes", "1 hour",
    "1 hour 30 minutes", "12 hours", "2 days"."""
    seconds = int(duration.total_seconds() if isinstance(duration, timedelta) else duration)
    parts = []
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        count, seconds = divmod(seconds, size)
        if count:
            parts.append(f"{count} {unit}{'' if count == 1 else 's'}")
    if not parts:
        return f"{seconds} second{'' if seconds == 1 else 's'}"
    return " ".join(parts)
