"""A real Celery worker is killed after it sent an email and marked it sent, before the task's
message was acknowledged: the email is not sent twice.

Two ways to die: the pool process alone (the worker rejects the message and it is delivered again
at once, to a new pool process), and the whole worker (on the filesystem broker the message is
gone; on Redis it comes back after the visibility timeout, which the test stands in for by
sending it again to a fresh worker). Either way the redelivered task finds the email sent and
sends nothing. The pause between sending and acknowledging is NOTIFICATIONS_EMAIL_TEST_DELAY,
honoured only by the test settings. Emails go to files (EMAIL_URL=filemail://), one per message.
Run on `make run`'s set-up (SQLite, filesystem broker) and production's (PostgreSQL, Redis)."""

import os
import signal
import uuid

import psutil
import pytest

from .support import tail

# The set-ups, the worker and the helpers are the risk kill test's.
from .test_risk_worker_killed import (  # noqa: F401
    kill,
    manage,
    python,
    service_env,
    wait_for_log,
    worker,
)

pytestmark = pytest.mark.integration

MAKE_EMAIL = """
import os
from django.db import transaction
from accounts.models import User
from notifications import services
from notifications.models import Kind, OutgoingEmail

user, _ = User.objects.get_or_create(username="alice", defaults={"email": "alice@example.nhs.uk"})
message = services.Message(
    kind=Kind.PLAN_SIGNED_OFF, subject=os.environ["TEST_SUBJECT"], text="Signed off.", link="/"
)
with transaction.atomic():  # the task is queued when this commits
    services.notify(recipients=[user], message=message, event_key=os.environ["TEST_SUBJECT"])
email = OutgoingEmail.objects.get(subject=os.environ["TEST_SUBJECT"])
print(json.dumps({"email": email.pk}))
"""

EMAIL_STATE = """
import os
from notifications.models import OutgoingEmail

email = OutgoingEmail.objects.get(pk=int(os.environ["TEST_EMAIL"]))
print(json.dumps({"sent": email.sent_at is not None, "attempts": email.attempts}))
"""

SEND_AGAIN = """
import os
from config.celery import app

result = app.send_task("notifications.send_email", args=[int(os.environ["TEST_EMAIL"])])
print(json.dumps({"sent": result.get(timeout=90)}))
"""


def emails_about(mail_dir, subject: str) -> int:
    """How many emails with this subject the file backend wrote."""
    return sum(
        f"Subject: {subject}" in path.read_text(errors="replace") for path in mail_dir.glob("*.log")
    )


def pool_children(process) -> list[psutil.Process]:
    return psutil.Process(process.pid).children(recursive=True)


def test_a_worker_killed_between_sending_and_acknowledging_does_not_send_twice(
    service_env,  # noqa: F811 (the fixture imported above)
    tmp_path,
):
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    queue = f"notify-{uuid.uuid4().hex[:12]}"
    env = {
        **service_env,
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "EMAIL_URL": f"filemail:///{mail_dir}",
    }
    manage(env, "migrate", "--noinput")
    slow_env = {**env, "NOTIFICATIONS_EMAIL_TEST_DELAY": "120"}

    # 1. The pool process dies: the message comes straight back, to a new pool process.
    log_path = tmp_path / "worker.log"
    with worker(slow_env, log_path, queue) as running:
        first = python({**env, "TEST_SUBJECT": "First"}, MAKE_EMAIL)["email"]
        wait_for_log(running, log_path, "pausing")
        assert emails_about(mail_dir, "First") == 1
        for child in pool_children(running):
            os.kill(child.pid, signal.SIGKILL)
        wait_for_log(running, log_path, "succeeded in")  # the redelivery, which sends nothing
        assert running.poll() is None, tail(log_path)
        assert "lost" in log_path.read_text(errors="replace").lower(), tail(log_path)

    assert emails_about(mail_dir, "First") == 1
    assert python({**env, "TEST_EMAIL": str(first)}, EMAIL_STATE) == {"sent": True, "attempts": 1}

    # 2. The whole worker dies; the message is delivered again (here: sent again) to a fresh one.
    killed_log = tmp_path / "killed-worker.log"
    with worker(slow_env, killed_log, queue) as doomed:
        second = python({**env, "TEST_SUBJECT": "Second"}, MAKE_EMAIL)["email"]
        wait_for_log(doomed, killed_log, "pausing")
        kill(doomed)
    assert emails_about(mail_dir, "Second") == 1

    fresh_log = tmp_path / "fresh-worker.log"
    with worker(env, fresh_log, queue) as fresh:
        answer = python({**env, "TEST_EMAIL": str(second)}, SEND_AGAIN)
        assert fresh.poll() is None, tail(fresh_log)

    assert answer == {"sent": False}
    assert emails_about(mail_dir, "Second") == 1
    assert python({**env, "TEST_EMAIL": str(second)}, EMAIL_STATE) == {"sent": True, "attempts": 1}
