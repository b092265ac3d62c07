"""Downloads: the import template, the list pages as .xlsx, a full export in the import format.

Workbooks are streamed to a temporary file (XlsxWriter's constant-memory mode)
and sent from there, so a province-wide export never sits whole in memory.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from typing import IO

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest
from django.utils import timezone
from django.views.decorators.http import require_GET

from dangvien.accounts.actor import actor_from_request
from dangvien.imports.export_lists import localities_export, orgs_export, people_export
from dangvien.imports.export_workbook import workbook_export
from dangvien.imports.template import write_template
from dangvien.imports.vocabularies import vocabularies
from dangvien.orgs import selectors as org_selectors
from dangvien.people.domain.enums import MEMBER_STATUSES, Gender, Status
from dangvien.people.forms import PersonFilterForm
from dangvien.people.selectors import PersonFilter

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _send(write: Callable[[IO[bytes]], object], name: str) -> FileResponse:
    """Write a workbook to a temporary file and return it as a download."""
    # Deleted when closed: the response closes it once sent, or we do on a failure.
    handle = tempfile.TemporaryFile()  # noqa: SIM115
    try:
        write(handle)
    except BaseException:
        handle.close()
        raise
    handle.seek(0)
    stamp = timezone.localdate().strftime("%Y%m%d")
    return FileResponse(handle, as_attachment=True, filename=f"{name}-{stamp}.xlsx",
                        content_type=XLSX)  # fmt: skip


@login_required
@require_GET
def template_download(request: HttpRequest) -> FileResponse:
    """Download the empty import workbook."""
    return _send(lambda handle: write_template(handle, vocabularies()), "mau-nhap-lieu")


def _person_filter(request: HttpRequest) -> PersonFilter:
    """Return the people list's filters from the query string, as the list page reads them."""
    actor = actor_from_request(request)
    # No drop-down here: only the unit asked for is needed (any unit in scope, else a 404).
    paths: dict[str, str] = {}
    requested = request.GET.get("org", "")
    if requested:
        node = org_selectors.org_get(scope=actor.scope, code=requested)
        paths[node.code] = node.path
    form = PersonFilterForm(request.GET, org_choices=[(code, code) for code in paths])
    if not form.is_valid():
        return PersonFilter()
    data = form.cleaned_data
    status = data.get("status") or ""
    statuses = tuple(sorted(MEMBER_STATUSES)) if status == "dang_vien" else (
        (Status(status),) if status else ()
    )  # fmt: skip
    return PersonFilter(
        q=data.get("q") or "",
        statuses=statuses,
        gender=Gender(data["gender"]) if data.get("gender") else None,
        ethnicity=data.get("ethnicity") or "",
        age_band=data.get("age") or "",
        org_path=paths.get(data.get("org") or "", ""),
    )


@login_required
@require_GET
def people_download(request: HttpRequest) -> FileResponse:
    """Download the people list with the same filters as the page (/nhan-su/?...)."""
    actor = actor_from_request(request)
    filters = _person_filter(request)
    query = request.GET.urlencode()
    return _send(
        lambda handle: people_export(actor=actor, filters=filters, target=handle, query=query),
        "nhan-su",
    )


@login_required
@require_GET
def orgs_download(request: HttpRequest) -> FileResponse:
    """Download the units in the user's scope."""
    actor = actor_from_request(request)
    return _send(lambda handle: orgs_export(actor=actor, target=handle), "to-chuc")


@login_required
@require_GET
def localities_download(request: HttpRequest) -> FileResponse:
    """Download the localities in the user's scope."""
    actor = actor_from_request(request)
    return _send(lambda handle: localities_export(actor=actor, target=handle), "dia-ban")


@login_required
@require_GET
def workbook_download(request: HttpRequest) -> FileResponse:
    """Download everything under a unit in the import format (?org=CODE, default: the top unit)."""
    actor = actor_from_request(request)
    code = request.GET.get("org", "")
    if not code:
        roots = org_selectors.org_roots(scope=actor.scope)
        code = roots[0].code if roots else ""
    node = org_selectors.org_get(scope=actor.scope, code=code)  # 404 outside the scope
    return _send(
        lambda handle: workbook_export(actor=actor, org_code=node.code, target=handle),
        f"du-lieu-{node.code}",
    )
