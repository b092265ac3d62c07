"""Send signed-in users who owe a second factor to the code page before anything else."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from dangvien.accounts.models import User
from dangvien.accounts.otp import needs_second_factor, passed_second_factor

# Set at login (see accounts.signals) so the check costs no query per request.
SESSION_KEY = "dangvien_2fa_required"

# Paths a half-signed-in user may reach: the factor pages themselves, sign-out,
# static files and the language switch. The API authenticates by token instead.
_OPEN_PREFIXES = ("/xac-thuc/", "/dang-xuat/", "/dang-nhap/", "/static/", "/ngon-ngu/", "/api/")


def remember_second_factor(request: HttpRequest, user: User) -> None:
    """Store in the session whether this user must pass a second factor."""
    request.session[SESSION_KEY] = needs_second_factor(user)


class SecondFactorMiddleware:
    """Redirect to the second-factor page until the session is verified, when required."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._owes_second_factor(request):
            target = reverse("accounts:otp_verify")
            return HttpResponseRedirect(f"{target}?next={quote(request.get_full_path())}")
        return self.get_response(request)

    def _owes_second_factor(self, request: HttpRequest) -> bool:
        user = request.user
        if not isinstance(user, User) or not user.is_authenticated:
            return False
        if request.path.startswith(_OPEN_PREFIXES) or passed_second_factor(user):
            return False
        if SESSION_KEY not in request.session:
            remember_second_factor(request, user)
        return bool(request.session[SESSION_KEY])
