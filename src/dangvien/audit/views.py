"""Pages of the access log (auditors) and of a person's data protection records."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dangvien.accounts.actor import actor_from_request
from dangvien.audit import privacy, selectors
from dangvien.audit.exports import access_log_xlsx, person_data_xlsx, utc_stamp
from dangvien.audit.forms import AuditSearchForm, ConsentForm
from dangvien.audit.services import audit_record
from dangvien.core.domain.errors import DomainError, NotFoundError
from dangvien.people.selectors import person_get

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _filters(form: AuditSearchForm) -> selectors.AuditFilter:
    if not form.is_valid():
        raise DomainError("Điều kiện tìm kiếm không hợp lệ: " + form.errors.as_text())
    data = form.cleaned_data
    return selectors.AuditFilter(
        person_id=data.get("person"),
        username=data.get("user") or "",
        org_code=data.get("org") or "",
        date_from=data.get("date_from"),
        date_to=data.get("date_to"),
        action=data.get("action") or "",
    )


@login_required
@require_GET
def log_search(request: HttpRequest) -> HttpResponse:
    """Search the access log of the auditor's part of the tree, newest first."""
    actor = actor_from_request(request)
    form = AuditSearchForm(request.GET)
    before = request.GET.get("truoc", "")
    rows, next_before = selectors.access_log_page(
        scope=actor.scope, filters=_filters(form), before=int(before) if before.isdigit() else None
    )
    query = request.GET.copy()
    query.pop("truoc", None)
    context = {
        "form": form,
        "rows": rows,
        "next_before": next_before,
        "query": query.urlencode(),
        "nav": "audit",
    }
    return render(request, "audit/search.html", context)


@login_required
@require_GET
def log_export(request: HttpRequest) -> FileResponse:
    """Download the matching entries as xlsx (logged as an export)."""
    actor = actor_from_request(request)
    filters = _filters(AuditSearchForm(request.GET))
    entries = selectors.access_log_search(scope=actor.scope, filters=filters)
    handle = access_log_xlsx(entries[: selectors.EXPORT_LIMIT].iterator(chunk_size=2000))
    audit_record(
        actor=actor,
        action="export",
        object_type="access_log",
        detail={"filters": {k: str(v) for k, v in vars(filters).items() if v}},
    )
    return FileResponse(
        handle, as_attachment=True, filename=f"nhat-ky-{utc_stamp()}.xlsx", content_type=XLSX
    )


@login_required
@require_GET
def person_data(request: HttpRequest, person_id: int, fmt: str) -> HttpResponse | FileResponse:
    """Download everything held about one person (subject-access request), JSON or xlsx."""
    if fmt not in ("json", "xlsx"):
        raise NotFoundError()
    actor = actor_from_request(request)
    data = privacy.person_data_export(actor=actor, person_id=person_id)
    name = f"du-lieu-ca-nhan-{person_id}-{utc_stamp()}"
    if fmt == "xlsx":
        handle = person_data_xlsx(data)
        return FileResponse(handle, as_attachment=True, filename=f"{name}.xlsx", content_type=XLSX)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def consents(request: HttpRequest, person_id: int) -> HttpResponse:
    """List a person's consents and record a new one."""
    actor = actor_from_request(request)
    person = person_get(scope=actor.scope, person_id=person_id)
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        privacy.consent_record(actor=actor, person_id=person.pk, **form.cleaned_data)
        messages.success(request, "Đã ghi nhận sự đồng ý.")
        return redirect("audit:consents", person_id=person.pk)
    context = {
        "person": person,
        "form": form,
        "consents": privacy.consents_of(actor=actor, person_id=person.pk),
        "nav": "people",
    }
    return render(request, "audit/consents.html", context)


@login_required
@require_POST
def consent_withdraw(request: HttpRequest, person_id: int, consent_id: int) -> HttpResponse:
    """Record that a consent was withdrawn today."""
    actor = actor_from_request(request)
    if not any(c.pk == consent_id for c in privacy.consents_of(actor=actor, person_id=person_id)):
        raise NotFoundError()
    consent = privacy.consent_withdraw(
        actor=actor, consent_id=consent_id, withdrawn_on=actor.scope.day
    )
    messages.success(request, "Đã ghi nhận việc rút lại sự đồng ý.")
    return redirect("audit:consents", person_id=consent.person_id)
