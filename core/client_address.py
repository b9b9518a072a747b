"""The address a request came from, for sign-in lock-out and logs.

`REMOTE_ADDR` unless TRUSTED_PROXY_COUNT proxies of our own sit in front of the service: then the
address the outermost of them saw, read from the right of `X-Forwarded-For` (each proxy appends the
address it was reached from, so anything further left is whatever the client chose to send)."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    remote = request.META.get("REMOTE_ADDR")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [hop for hop in forwarded if hop]
    if len(forwarded) < proxies:
        return remote
    candidate = forwarded[-proxies]
    try:
        ipaddress.ip_address(candidate)
    except ValueError:
        return remote
    return candidate
