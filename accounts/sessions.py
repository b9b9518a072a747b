"""A session's absolute lifetime. The idle timeout (SESSION_COOKIE_AGE, pushed on by every
request) never ends a session that keeps being used, and a page that polls the API keeps using
it; so a session also ends SESSION_ABSOLUTE_SECONDS after its sign-in, however active it is."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from core.durations import duration_in_words

SIGNED_IN_AT = "signed_in_at"


@receiver(user_logged_in, dispatch_uid="accounts.sessions.record_sign_in")
def record_sign_in(sender, request, user, **kwargs):
    # login() keeps the session's data when the same user signs in again, so the clock is reset
    # here rather than only set when missing.
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = time.time()


class AbsoluteSessionLifetimeMiddleware:
    """Signs the user out once the session is older than SESSION_ABSOLUTE_SECONDS; the request
    then goes on as an anonymous one (a page redirects to sign-in, the API answers 403)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            signed_in_at = request.session.get(SIGNED_IN_AT)
            now = time.time()
            if signed_in_at is None:
                # A session from before this rule: its lifetime starts now.
                request.session[SIGNED_IN_AT] = now
            elif now - signed_in_at > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                messages.info(
                    request,
                    f"You were signed out because you signed in more than "
                    f"{duration_in_words(settings.SESSION_ABSOLUTE_SECONDS)} ago. "
                    f"Sign in again to carry on.",
                )
        return self.get_response(request)
