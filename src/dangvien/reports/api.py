"""API of reports: `GET /api/v1/reports/KIND?org=&from=&to=&as_of=` returns the report's JSON."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.params.functions import Query

from dangvien.accounts.actor import actor_from_request
from dangvien.reports.params import report_params
from dangvien.reports.selectors import report_build, report_json

router = Router(tags=["Báo cáo"])


@router.get("/reports/{kind}", response=dict[str, Any], summary="Một báo cáo (contracts.md §3)")
def report_get(
    request: HttpRequest,
    kind: str,
    org: str = "",
    date_from: str = Query("", alias="from"),
    date_to: str = Query("", alias="to"),
    as_of: str = "",
) -> dict[str, Any]:
    """Return the report of a unit in the token's scope; a unit outside it answers 404."""
    actor = actor_from_request(request, channel="api")
    params = report_params(kind, org=org, date_from=date_from, date_to=date_to, as_of=as_of)
    report = report_build(
        scope=actor.scope,
        kind=params.kind,
        code=params.org,
        date_from=params.date_from,
        date_to=params.date_to,
        as_of=params.as_of,
    )
    return report_json(report)
