"""Integration tests talk to real services and real processes. Without the service they are
skipped, saying why, unless REQUIRE_SERVICES=1 (CI sets it), when a missing service is a failure."""

import os

import pytest
import redis

from .support import service_missing

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture(scope="session")
def redis_url() -> str:
    """A Redis database for the tests: db 15 on the local server (TEST_REDIS_URL changes it)."""
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2, socket_timeout=2)
    try:
        client.ping()
    except redis.exceptions.RedisError as error:
        service_missing(f"Redis is not reachable at {REDIS_URL}: {error}")
    finally:
        client.close()
    return REDIS_URL
