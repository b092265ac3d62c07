"""Slide a session's expiry at most once a minute, not on every request.

Sessions end after DANGVIEN_SESSION_SECONDS of inactivity, so each request must
push the expiry back. Django's SESSION_SAVE_EVERY_REQUEST does that by writing
the session row (an UPDATE and a COMMIT on the primary) on every page, image
and API call; under load that write is a good share of a page's time. Renewing
only when the last renewal is a minute old keeps the idle limit within a minute
of its setting (the session ends between 29 and 30 idle minutes by default) for
one write a minute per active user.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

# Seconds between two renewals of one session.
RENEW_EVERY_SECONDS = 60
RENEWED_AT_KEY = "dangvien_renewed_at"


class SessionRenewalMiddleware:
    """Mark the session changed (so SessionMiddleware saves it) when due for renewal.

    Placed right after SessionMiddleware, so that its response step runs first.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # An anonymous visitor without a session gets none; a session just emptied
        # (sign-out) is deleted by SessionMiddleware, not renewed.
        if session is None or not session.keys():
            return response
        now = int(time.time())
        if now - int(session.get(RENEWED_AT_KEY, 0)) >= RENEW_EVERY_SECONDS:
            session[RENEWED_AT_KEY] = now
        return response
