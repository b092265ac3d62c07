"""Pages of quotas: a unit's quota, its split among children, the term, and the change history."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_POST

from dangvien.accounts.actor import actor_from_request
from dangvien.core.domain.errors import DomainError
from dangvien.core.domain.text import parse_date
from dangvien.orgs.selectors import org_roots
from dangvien.plans import selectors
from dangvien.plans.domain.quotas import TOTAL_CATEGORY, OverrideDecision, Period
from dangvien.plans.services import category_get, quota_set


def _period(text: str, today: date) -> Period:
    return Period.parse(text) if text.strip() else Period.year(today.year)


@login_required
@require_GET
def quota_page(request: HttpRequest) -> HttpResponse:
    """Show a unit's quota for a period and category, its children's, and what is left."""
    actor = actor_from_request(request)
    scope = actor.scope
    roots = org_roots(scope=scope)
    code = request.GET.get("org", "").strip() or (roots[0].code if roots else "")
    if not code:
        raise DomainError("Tài khoản của bạn chưa được giao phụ trách đơn vị nào.")
    period = _period(request.GET.get("period", ""), scope.day)
    category = category_get(request.GET.get("category", "") or TOTAL_CATEGORY)
    view = selectors.allocation(scope=scope, code=code, period=period, category=category)
    terms = [
        t for t in selectors.terms_of_code(scope=scope, code=code) if t.contains(period.first_day)
    ]
    context = {
        "view": view,
        "period_text": str(period),
        "categories": selectors.quota_categories(),
        "term": selectors.term_view(scope=scope, code=code, term=terms[0]) if terms else None,
        "history": selectors.quota_history(scope=scope, code=code, limit=20),
        "can_assign_children": selectors.can_assign_children(actor=actor, code=code),
        "nav": "plans",
    }
    return render(request, "plans/quotas.html", context)


def _override(request: HttpRequest) -> OverrideDecision | None:
    number = request.POST.get("decision_number", "").strip()
    if not number:
        return None
    day_text = request.POST.get("decision_date", "").strip()
    if not day_text:
        raise DomainError("Cần ghi ngày của quyết định cho phép giao vượt.", field="decision_date")
    return OverrideDecision(number, parse_date(day_text))


def _number(text: str) -> int:
    cleaned = text.strip().replace(".", "").replace(",", "")
    if not cleaned.isdigit():
        raise DomainError(
            f"Chỉ tiêu “{text.strip()}” phải là một số nguyên không âm.", field="number"
        )
    return int(cleaned)


@login_required
@require_POST
def quota_assign(request: HttpRequest) -> HttpResponse:
    """Set one unit's quota from the form, then return to the page of the unit shown."""
    actor = actor_from_request(request)
    back = {
        "org": request.POST.get("back_org", ""),
        "period": request.POST.get("period", ""),
        "category": request.POST.get("category", ""),
    }
    try:
        quota_set(
            actor=actor,
            org_code=request.POST.get("org", ""),
            period=request.POST.get("period", ""),
            category=request.POST.get("category", "") or TOTAL_CATEGORY,
            number=_number(request.POST.get("number", "")),
            override=_override(request),
        )
        messages.success(request, "Đã lưu chỉ tiêu.")
    except DomainError as error:
        messages.error(request, error.message)
    return redirect(f"{reverse('plans:quotas')}?{urlencode(back)}")
