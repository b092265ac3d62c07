"""Pages of reports: the quotas-and-progress dashboard, each report, and its downloads."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from dangvien.accounts.actor import actor_from_request
from dangvien.accounts.scope import Scope
from dangvien.core.domain.errors import DomainError, NotFoundError
from dangvien.orgs.selectors import org_roots
from dangvien.plans.domain.progress import Risk
from dangvien.reports import charts
from dangvien.reports.domain.admissions import AdmissionsReport
from dangvien.reports.domain.categories import Category, CategoryCount
from dangvien.reports.domain.members import MembersReport
from dangvien.reports.domain.tables import CATEGORY_LABELS
from dangvien.reports.exports import narrative, report_download, tables_of
from dangvien.reports.params import ReportParams, report_params
from dangvien.reports.selectors import TITLES, AnyReport, check_kind, report_build
from dangvien.reports.selectors.dashboard import Dashboard, dashboard

DOWNLOADS = ("xlsx", "docx")
RISK_LABELS = {
    Risk.MET.value: "Đã đạt chỉ tiêu",
    Risk.ON_TRACK.value: "Đúng tiến độ",
    Risk.AT_RISK.value: "Có nguy cơ không đạt",
    Risk.NO_QUOTA.value: "Chưa giao chỉ tiêu",
}


def _lang() -> str:
    return "en" if (get_language() or "vi").startswith("en") else "vi"


def default_org(scope: Scope) -> str:
    """Return the code of the user's own unit (the first top unit of the scope)."""
    roots = org_roots(scope=scope)
    if not roots:
        raise NotFoundError("Tài khoản của bạn chưa được giao phụ trách đơn vị nào.")
    return roots[0].code


def _share_bars(shares: Mapping[str, CategoryCount], title: str) -> str:
    bars = [charts.Bar(CATEGORY_LABELS[c], shares[c.value].percent) for c in Category]
    return charts.bar_chart(bars, title=title, reference=None, width=440)


@login_required
@require_GET
def dashboard_page(request: HttpRequest) -> HttpResponse:
    """Show the unit's progress against this year's and the term's quota, and related figures."""
    scope = actor_from_request(request).scope
    code = request.GET.get("org", "").strip() or default_org(scope)
    fresh = request.GET.get("tinh_lai") == "1"
    data = dashboard(scope=scope, code=code, lang=_lang(), fresh=fresh)
    context = {
        "data": data,
        "nav": "reports",
        "kinds": TITLES,
        "risk_labels": RISK_LABELS,
        "progress_svg": _progress_svg(data),
        "children_svg": _children_svg(data),
        "shares_svg": _share_bars(
            data.admissions.by_category,
            "Cơ cấu đảng viên kết nạp từ đầu năm",
        ),
    }
    return render(request, "reports/dashboard.html", context)


def _progress_svg(data: Dashboard) -> str:
    if data.year is None:
        return ""
    return charts.progress_chart(
        data.year.months, title=f"Tiến độ kết nạp năm {data.day.year} theo tháng"
    )


def _children_svg(data: Dashboard) -> str:
    if not data.children:
        return ""
    bars = [
        charts.Bar(
            c.org.name,
            c.progress.quota_percent,
            note="" if c.progress.quota is not None else "chưa giao chỉ tiêu",
            warn=c.progress.risk is Risk.AT_RISK,
        )
        for c in data.children
    ]
    return charts.bar_chart(bars, title="Đơn vị trực thuộc: tỷ lệ so với chỉ tiêu năm")


def _form_values(request: HttpRequest, scope: Scope) -> dict[str, str]:
    today = scope.day
    return {
        "org": request.GET.get("org", "").strip() or default_org(scope),
        "from": request.GET.get("from", "").strip() or date(today.year, 1, 1).isoformat(),
        "to": request.GET.get("to", "").strip() or today.isoformat(),
        "as_of": request.GET.get("as_of", "").strip(),
    }


def _params(kind: str, values: dict[str, str]) -> ReportParams:
    return report_params(
        kind,
        org=values["org"],
        date_from=values["from"],
        date_to=values["to"],
        as_of=values["as_of"],
    )


def _build(scope: Scope, params: ReportParams) -> AnyReport:
    return report_build(
        scope=scope,
        kind=params.kind,
        code=params.org,
        date_from=params.date_from,
        date_to=params.date_to,
        as_of=params.as_of,
    )


@login_required
@require_GET
def report_page(request: HttpRequest, kind: str) -> HttpResponse:
    """Show one report for a unit and period: the paragraph, charts, tables and downloads."""
    check_kind(kind)
    scope = actor_from_request(request).scope
    values = _form_values(request, scope)
    context: dict[str, Any] = {
        "kind": kind,
        "title": TITLES[kind],
        "kinds": TITLES,
        "values": values,
        "nav": "reports",
    }
    try:
        params = _params(kind, values)
    except DomainError as error:
        context["error"] = error.message
        return render(request, "reports/report.html", context, status=400)
    report = _build(scope, params)
    context.update(
        report=report,
        qs=urlencode(params.query()),
        child_qs=urlencode({k: v for k, v in params.query().items() if k != "org"}),
        narrative=narrative(report, _lang()),
        tables=tables_of(report),
        chart=_report_chart(report),
        downloads=DOWNLOADS,
    )
    return render(request, "reports/report.html", context)


def _report_chart(report: AnyReport) -> str:
    if isinstance(report, AdmissionsReport):
        bars = [
            charts.Bar(
                c.org.name,
                c.quota_percent,
                note="" if c.quota is not None else f"{c.admitted} (chưa giao chỉ tiêu)",
            )
            for c in report.children
        ]
        return charts.bar_chart(bars, title="Tỷ lệ so với chỉ tiêu theo đơn vị trực thuộc") + (
            _share_bars(report.by_category, "Cơ cấu đảng viên kết nạp")
        )
    if isinstance(report, MembersReport):
        return _share_bars(report.by_category, "Cơ cấu đội ngũ đảng viên")
    return ""


@login_required
@require_GET
def report_file(request: HttpRequest, kind: str, fmt: str) -> HttpResponse:
    """Send the report as an Excel or Word file; every download is logged."""
    check_kind(kind)
    if fmt not in DOWNLOADS:
        raise NotFoundError()
    actor = actor_from_request(request)
    params = _params(kind, _form_values(request, actor.scope))
    report = _build(actor.scope, params)
    download = report_download(actor=actor, kind=kind, report=report, fmt=fmt)
    response = HttpResponse(download.content, content_type=download.content_type)
    response["Content-Disposition"] = f'attachment; filename="{download.filename}"'
    return response
