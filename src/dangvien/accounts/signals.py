"""Write logins, failed logins and logouts to the access log."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from dangvien.accounts.actor import Actor, client_ip
from dangvien.accounts.middleware import remember_second_factor
from dangvien.accounts.models import User
from dangvien.accounts.scope import Scope
from dangvien.audit.services import audit_record

_NO_SCOPE = Scope((), ())


def _actor(request: HttpRequest | None, user: User | None) -> Actor:
    return Actor(user, _NO_SCOPE, "web", client_ip(request) if request else None)


@receiver(user_logged_in)
def on_login(sender: object, request: HttpRequest, user: User, **kwargs: Any) -> None:
    audit_record(actor=_actor(request, user), action="login", object_type="user", object_id=user.pk)
    if request is not None and hasattr(request, "session"):
        remember_second_factor(request, user)


@receiver(user_logged_out)
def on_logout(sender: object, request: HttpRequest, user: User | None, **kwargs: Any) -> None:
    if user is not None:
        audit_record(
            actor=_actor(request, user), action="logout", object_type="user", object_id=user.pk
        )


@receiver(user_login_failed)
def on_login_failed(
    sender: object, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    username = str(credentials.get("username", ""))[:150]
    entry = _actor(request, None)
    audit_record(
        actor=entry,
        action="login_failed",
        object_type="user",
        object_id="",
        detail={"username": username},
    )
