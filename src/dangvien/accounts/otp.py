"""Second factor: who needs it, enrolment of an authenticator app, recovery codes."""

from __future__ import annotations

import secrets

import segno
from django.db import transaction
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from dangvien.accounts.domain.roles import Role
from dangvien.accounts.models import RoleAssignment, User

RECOVERY_CODES = 10
TOTP_NAME = "Ứng dụng xác thực"
RECOVERY_NAME = "Mã dự phòng"


def needs_second_factor(user: User) -> bool:
    """Return whether the user must pass a second factor: a role above cell, or opted in."""
    roles = RoleAssignment.objects.filter(user=user).values_list("role", flat=True)
    if any(Role(role).needs_second_factor for role in roles):
        return True
    return has_second_factor(user)


def has_second_factor(user: User) -> bool:
    """Return whether the user has a confirmed authenticator app."""
    return bool(TOTPDevice.objects.filter(user=user, confirmed=True).exists())


def passed_second_factor(user: object) -> bool:
    """Return whether this request's session has passed a second factor (django-otp)."""
    verified = getattr(user, "is_verified", None)
    return bool(verified is not None and verified())


def totp_pending(user: User) -> TOTPDevice:
    """Return the user's unconfirmed authenticator device, creating one with a new key."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


def totp_qr_svg(device: TOTPDevice) -> str:
    """Return the enrolment QR code as inline SVG markup (no script, no style)."""
    code = segno.make(device.config_url, error="m")
    svg: str = code.svg_inline(scale=5, border=2, title="Mã QR đăng ký ứng dụng xác thực")
    return svg


def totp_secret_text(device: TOTPDevice) -> str:
    """Return the device key in base32, in groups of four, for typing by hand."""
    raw = device.config_url.split("secret=")[1].split("&")[0]
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


@transaction.atomic
def totp_confirm(*, user: User, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm a pending device with a code from the app; return new recovery codes or None."""
    if device.user_id != user.pk or device.confirmed or not device.verify_token(token.strip()):
        return None
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()  # one app per account
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return recovery_codes_reset(user=user)


@transaction.atomic
def recovery_codes_reset(*, user: User) -> list[str]:
    """Replace the user's recovery codes with new single-use ones; return them (shown once)."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    # Ten letters/digits without look-alikes, grouped for reading aloud.
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    codes = [
        "".join(secrets.choice(alphabet) for _ in range(5))
        + "-"
        + "".join(secrets.choice(alphabet) for _ in range(5))
        for _ in range(RECOVERY_CODES)
    ]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


def recovery_codes_left(user: User) -> int:
    """Return how many unused recovery codes the user has."""
    return int(StaticToken.objects.filter(device__user=user, device__confirmed=True).count())


def demo_otp_secret_for(user: User) -> str | None:
    """Return the base32 TOTP key of a demo account that needs a second factor, else None.

    The demo prints it so a tester can add it to an authenticator app; an
    existing confirmed device is reused so the printed key stays valid.
    """
    if not needs_second_factor(user):
        return None
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=True)
        recovery_codes_reset(user=user)
    return totp_secret_text(device).replace(" ", "")


def totp_now(device: TOTPDevice) -> str:
    """Return the code the device's app shows right now (tests and the demo's browser check)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"
