"""/healthz: what a load balancer and `docker compose` ask before sending traffic.

The failures are real ones, not stubs of the view: the database check is given a connection whose
cursor raises, and the broker check is pointed at a port where nothing listens."""

import pytest
from celery import Celery
from django.db.utils import OperationalError
from django.urls import reverse

pytestmark = pytest.mark.django_db

# Nothing listens on port 1 of the loopback interface: connecting is refused at once.
UNREACHABLE_BROKER = "redis://127.0.0.1:1/0"


class _BrokenConnection:
    """Stands in for django.db.connection when the database server has gone away."""

    def cursor(self):
        raise OperationalError('connection to server at "db" (10.0.0.5), port 5432 failed')


@pytest.fixture
def database_down(monkeypatch):
    monkeypatch.setattr("core.health.connection", _BrokenConnection())


@pytest.fixture
def broker_down(monkeypatch):
    # A separate app, so the shared Celery app's settings are never touched; not made the current
    # app either, or every shared task sent later in the run would go to the unreachable broker.
    broken = Celery("broker-down", broker=UNREACHABLE_BROKER, set_as_current=False)
    monkeypatch.setattr("core.health.celery_app", broken)


def test_healthz_is_ok_when_database_and_broker_answer(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "broker": "ok"},
    }


def test_healthz_url_name_resolves():
    assert reverse("healthz") == "/healthz"


def test_healthz_needs_no_sign_in(client):
    response = client.get("/healthz", follow=False)

    assert response.status_code == 200, "a signed-out probe must not be sent to the sign-in page"
    assert "Location" not in response


def test_healthz_is_never_cached(client):
    response = client.get("/healthz")

    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"no-cache", "no-store", "must-revalidate"} <= cache_control
    assert "Expires" in response


def test_healthz_is_503_naming_the_database_when_it_fails(client, database_down):
    response = client.get("/healthz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["failing"] == ["database"]
    assert body["checks"] == {"database": "failing", "broker": "ok"}
    assert "OperationalError" in body["errors"]["database"]


def test_healthz_is_503_naming_the_broker_when_it_fails(client, broker_down):
    response = client.get("/healthz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["failing"] == ["broker"]
    assert body["checks"] == {"database": "ok", "broker": "failing"}
    assert body["errors"]["broker"]


def test_healthz_names_both_when_both_fail(client, database_down, broker_down):
    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["failing"] == ["broker", "database"]


def test_healthz_only_answers_get(client):
    assert client.post("/healthz").status_code == 405
