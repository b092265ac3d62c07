"""Account, role and API-token changes."""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import datetime, timedelta

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from dangvien.accounts.actor import Actor
from dangvien.accounts.domain.roles import Role
from dangvien.accounts.models import ApiToken, RoleAssignment, User
from dangvien.accounts.scope import Scope
from dangvien.audit.services import audit_record
from dangvien.core.domain.errors import DomainError, NotFoundError
from dangvien.orgs.models import Organization
from dangvien.orgs.paths import spans_on

_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,49}$")
TOKEN_PREFIX = "dv_"


def generate_password() -> str:
    """Return a random password that passes the password policy and is easy to read out."""
    alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(4))


@transaction.atomic
def user_create(
    *,
    actor: Actor,
    username: str,
    role: Role,
    org_code: str,
    password: str,
    full_name: str = "",
    check_password: bool = True,
) -> User:
    """Create an account with one role on one organisation the actor may edit."""
    username = username.strip().lower()
    if not _USERNAME.match(username):
        raise DomainError(
            "Tên đăng nhập chỉ gồm chữ thường không dấu, chữ số, dấu chấm, gạch ngang, gạch dưới "
            "(3–50 ký tự).",
            field="username",
        )
    if User.objects.filter(username=username).exists():
        raise DomainError(f'Tên đăng nhập "{username}" đã có.', code="duplicate", field="username")
    org = Organization.objects.filter(code=org_code.strip()).first()
    path = spans_on(actor.scope.day).filter(org=org).values_list("path", flat=True).first()
    if org is None or path is None or not actor.scope.covers_path(path, edit=True):
        raise DomainError(
            f'Không tìm thấy đơn vị có mã "{org_code}" trong phạm vi của bạn.', field="org_code"
        )
    user = User(username=username, full_name=full_name.strip())
    if check_password:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise DomainError(" ".join(exc.messages), field="password") from exc
    user.set_password(password)
    user.save()
    RoleAssignment.objects.create(user=user, role=role.value, org=org)
    audit_record(
        actor=actor,
        action="create",
        object_type="user",
        object_id=user.pk,
        org_id=org.pk,
        detail={"role": role.value},
    )
    return user


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def token_create(
    *, actor: Actor, username: str, name: str = "", days: int | None = 365
) -> tuple[ApiToken, str]:
    """Create an API token; return it and the secret, which is shown only this once."""
    user = User.objects.filter(username=username.strip().lower(), is_active=True).first()
    if user is None:
        raise NotFoundError(f'Không tìm thấy tài khoản "{username}".')
    if actor.user is not None and actor.user != user:
        raise NotFoundError(f'Không tìm thấy tài khoản "{username}".')
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    expires = timezone.now() + timedelta(days=days) if days else None
    token = ApiToken.objects.create(
        user=user,
        name=name.strip() or "Mã API",
        prefix=secret[:10],
        digest=_digest(secret),
        expires_at=expires,
    )
    audit_record(
        actor=actor,
        action="create",
        object_type="api_token",
        object_id=token.pk,
        detail={"user": user.username},
    )
    return token, secret


def token_authenticate(secret: str, now: datetime | None = None) -> User | None:
    """Return the active user of a valid, unexpired, unrevoked token, else None.

    The token is attached to the returned user (`api_token_of`) so the access
    log can record its use with the caller's address once the request is done.
    """
    if not secret.startswith(TOKEN_PREFIX):
        return None
    token = ApiToken.objects.select_related("user").filter(digest=_digest(secret)).first()
    moment = now or timezone.now()
    if token is None or token.revoked_at or (token.expires_at and token.expires_at <= moment):
        return None
    if not token.user.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=moment)
    user = token.user
    user._dangvien_api_token = token  # type: ignore[attr-defined]
    return user


# A token's use is written as its own entry when it starts being used again
# after a pause and the request wrote nothing else; every other entry made
# through the API already names its token (see audit_record).
TOKEN_LOG_INTERVAL = timedelta(minutes=10)


def token_use_record(*, token: ApiToken, ip: str | None, path: str) -> None:
    """Log that a token was used, unless it was already in use within TOKEN_LOG_INTERVAL."""
    # `token` holds the values read before this request updated last_used_at.
    previous = token.last_used_at
    if previous is not None and timezone.now() - previous < TOKEN_LOG_INTERVAL:
        return
    audit_record(
        actor=Actor(token.user, _no_scope(), "api", ip, token.prefix),
        action="token",
        object_type="api_token",
        object_id=token.pk,
        detail={"name": token.name, "path": path[:200]},
    )


def _no_scope() -> Scope:
    return Scope((), ())


def tokens_of(user: User) -> list[ApiToken]:
    """Return the user's tokens, newest first (revoked and expired ones included)."""
    return list(ApiToken.objects.filter(user=user).order_by("-created_at", "-id"))


@transaction.atomic
def token_revoke(*, actor: Actor, token_id: int) -> ApiToken:
    """Revoke a token of the actor's own account (any token for the operator)."""
    tokens = ApiToken.objects.select_for_update().filter(pk=token_id)
    if actor.user is not None:
        tokens = tokens.filter(user=actor.user)
    token = tokens.select_related("user").first()
    if token is None:
        raise NotFoundError("Không tìm thấy mã API này.")
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(
            actor=actor,
            action="update",
            object_type="api_token",
            object_id=token.pk,
            detail={"revoked": True, "user": token.user.username, "prefix": token.prefix},
        )
    return token
