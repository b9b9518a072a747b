"""Creating or correcting one django-celery-beat schedule, for the apps' schedule modules
(succession.schedule, risk.schedule, notifications.schedule). Each takes the models, so that a
data migration can pass its historical ones, and is safe to run again: it puts back a schedule
someone deleted or changed in the admin."""


def crontab_ensure(crontab_model, *, timezone: str, **cron: str):
    """The crontab for `cron` (minute, hour, ...; unnamed parts are "*") in `timezone`."""
    every = {"day_of_week": "*", "day_of_month": "*", "month_of_year": "*", **cron}
    crontab, _ = crontab_model.objects.get_or_create(timezone=timezone, **every)
    return crontab


def interval_ensure(interval_model, *, seconds: int):
    """An interval of `seconds` (the first if an admin made several)."""
    every = {"every": seconds, "period": "seconds"}
    return interval_model.objects.filter(**every).order_by(
        "pk"
    ).first() or interval_model.objects.create(**every)


def periodic_task_ensure(
    periodic_task_model,
    *,
    name: str,
    task: str,
    description: str,
    crontab=None,
    interval=None,
    kwargs: str = "{}",
    expire_seconds: int | None = None,
):
    """Create or correct the periodic task called `name`, on `crontab` or `interval`, enabled;
    returns (task, created)."""
    defaults = {
        "task": task,
        "crontab": crontab,
        "interval": interval,
        "solar": None,
        "clocked": None,
        "one_off": False,
        "kwargs": kwargs,
        "args": "[]",
        "enabled": True,
        "description": description,
    }
    if expire_seconds is not None:
        defaults["expire_seconds"] = expire_seconds
    return periodic_task_model.objects.update_or_create(name=name, defaults=defaults)
