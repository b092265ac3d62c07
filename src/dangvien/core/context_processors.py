"""Values every page needs: the user's roles and the main menu, for the header."""

from __future__ import annotations

from django.http import HttpRequest

from dangvien.accounts.models import RoleAssignment
from dangvien.core.navigation import menu


def account(request: HttpRequest) -> dict[str, object]:
    """Return the signed-in user's role labels (one query, only when signed in)."""
    if not request.user.is_authenticated:
        return {}
    roles = RoleAssignment.objects.filter(user_id=request.user.pk).select_related("org")
    return {
        "role_labels": [f"{r.get_role_display()} — {r.org.name}" for r in roles],
        "menu": menu(),
    }
