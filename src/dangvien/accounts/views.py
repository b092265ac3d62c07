"""Sign-in, the second factor, and the account's security page (authenticator, tokens)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp import match_token

from dangvien.accounts import otp, services
from dangvien.accounts.actor import actor_from_request
from dangvien.accounts.forms import CodeForm, TokenForm
from dangvien.accounts.models import User
from dangvien.audit.services import audit_record
from dangvien.core.domain.errors import PermissionDeniedError

RECOVERY_SESSION_KEY = "dangvien_new_recovery_codes"


class VietnameseAuthenticationForm(AuthenticationForm):
    """Login form with Vietnamese messages whatever the browser language."""

    error_messages = {
        "invalid_login": "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý chữ hoa, chữ thường.",
        "inactive": "Tài khoản này đã bị khóa.",
    }


class LoginView(auth_views.LoginView):
    """The sign-in page."""

    template_name = "accounts/login.html"
    authentication_form = VietnameseAuthenticationForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    """Sign out (POST only) and go back to the sign-in page."""


def _user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):  # views are login_required; never rely on assert
        raise PermissionDeniedError()
    return user


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("orgs:dashboard")


@login_required
@require_http_methods(["GET", "POST"])
def otp_verify(request: HttpRequest) -> HttpResponse:
    """Ask for the authenticator code (or a recovery code) after the password."""
    user = _user(request)
    if not otp.has_second_factor(user):
        return redirect(f"{reverse('accounts:otp_enrol')}?next={_next_url(request)}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(user, form.cleaned_data["otp_token"].replace(" ", ""))
        actor = actor_from_request(request)
        if device is not None:
            otp_login(request, device)
            audit_record(actor=actor, action="second_factor", object_type="user", object_id=user.pk)
            return HttpResponseRedirect(_next_url(request))
        audit_record(
            actor=actor,
            action="login_failed",
            object_type="user",
            object_id=user.pk,
            detail={"factor": "totp"},
        )
        form.add_error("otp_token", "Mã xác thực không đúng hoặc đã hết hạn. Hãy thử mã mới.")
    context = {"form": form, "next": _next_url(request)}
    return render(request, "accounts/otp_verify.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def otp_enrol(request: HttpRequest) -> HttpResponse:
    """Register an authenticator app: scan the QR code, then confirm with one code."""
    user = _user(request)
    if otp.has_second_factor(user) and not otp.passed_second_factor(user):
        # Replacing the app needs the current one (or a recovery code) first.
        return redirect(f"{reverse('accounts:otp_verify')}?next={reverse('accounts:otp_enrol')}")
    device = otp.totp_pending(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = otp.totp_confirm(user=user, device=device, token=form.cleaned_data["otp_token"])
        if codes is not None:
            otp_login(request, device)
            request.session[RECOVERY_SESSION_KEY] = codes
            audit_record(
                actor=actor_from_request(request),
                action="update",
                object_type="user",
                object_id=user.pk,
                detail={"second_factor": "enrolled"},
            )
            return redirect(f"{reverse('accounts:recovery_codes')}?next={_next_url(request)}")
        form.add_error("otp_token", "Mã xác thực không đúng. Hãy kiểm tra giờ trên điện thoại.")
    context = {
        "form": form,
        "qr_svg": otp.totp_qr_svg(device),
        "secret": otp.totp_secret_text(device),
        "next": _next_url(request),
        "required": otp.needs_second_factor(user),
    }
    return render(request, "accounts/otp_enrol.html", context)


@login_required
@require_http_methods(["GET"])
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """Show freshly made recovery codes once; they are not kept readable anywhere."""
    codes = request.session.pop(RECOVERY_SESSION_KEY, None)
    if not codes:
        return redirect("accounts:security")
    context = {"codes": codes, "next": _next_url(request), "nav": "security"}
    return render(request, "accounts/recovery_codes.html", context)


@login_required
@require_POST
def recovery_codes_new(request: HttpRequest) -> HttpResponse:
    """Replace the recovery codes (the old ones stop working)."""
    user = _user(request)
    request.session[RECOVERY_SESSION_KEY] = otp.recovery_codes_reset(user=user)
    audit_record(
        actor=actor_from_request(request),
        action="update",
        object_type="user",
        object_id=user.pk,
        detail={"second_factor": "recovery_codes_reset"},
    )
    return redirect("accounts:recovery_codes")


@login_required
@require_http_methods(["GET", "POST"])
def security(request: HttpRequest) -> HttpResponse:
    """The account's security page: second factor status and API tokens."""
    user = _user(request)
    form = TokenForm(request.POST or None)
    context: dict[str, Any] = {"form": form, "nav": "security"}
    if request.method == "POST" and form.is_valid():
        token, secret = services.token_create(
            actor=actor_from_request(request),
            username=user.username,
            name=form.cleaned_data["name"],
            days=form.cleaned_data["days"],
        )
        context.update(new_token=token, new_secret=secret, form=TokenForm())
    context.update(
        tokens=services.tokens_of(user),
        has_second_factor=otp.has_second_factor(user),
        second_factor_required=otp.needs_second_factor(user),
        recovery_left=otp.recovery_codes_left(user),
    )
    response = render(request, "accounts/security.html", context)
    response["Cache-Control"] = "no-store"  # the new token is on this page once
    return response


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    """Revoke one of the user's API tokens."""
    token = services.token_revoke(actor=actor_from_request(request), token_id=token_id)
    messages.success(request, f'Đã thu hồi mã API "{token.name}".')
    return redirect("accounts:security")
