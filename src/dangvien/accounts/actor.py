"""Who is acting, with what scope, through which channel: passed to every service."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest

from dangvien.accounts.models import ApiToken, User
from dangvien.accounts.scope import Scope, global_scope, scope_for
from dangvien.core.domain.errors import PermissionDeniedError


@dataclass(frozen=True)
class Actor:
    """The caller of a service: the user (None for the operator's CLI), scope and origin."""

    user: User | None
    scope: Scope
    channel: str = "web"  # web, api, cli
    ip: str | None = None
    token: str = ""  # prefix of the API token the request came with, for the access log

    @property
    def username(self) -> str:
        return self.user.username if self.user else "(hệ thống)"


def client_ip(request: HttpRequest) -> str | None:
    """Return the client address as seen by the app (behind a trusted proxy, its header)."""
    return request.META.get("REMOTE_ADDR")


def actor_from_request(request: HttpRequest, channel: str = "web") -> Actor:
    """Return the actor for an authenticated request, computing the scope once per request."""
    user = request.user
    if not isinstance(user, User):  # an explicit check: asserts vanish under python -O
        raise PermissionDeniedError("Bạn cần đăng nhập để thực hiện thao tác này.")
    cached = getattr(request, "_dangvien_actor", None)
    if isinstance(cached, Actor) and cached.channel == channel:
        return cached
    token = api_token_of(user)
    actor = Actor(user, scope_for(user), channel, client_ip(request), token.prefix if token else "")
    request._dangvien_actor = actor  # type: ignore[attr-defined]
    return actor


def api_token_of(user: object) -> ApiToken | None:
    """Return the token a request's user authenticated with, if it came through the API."""
    token = getattr(user, "_dangvien_api_token", None)
    return token if isinstance(token, ApiToken) else None


def operator_actor() -> Actor:
    """Return the actor for commands run by the server operator on the command line."""
    return Actor(None, global_scope(), "cli", None)
