"""Forecast backtest for the report benchmark: made on 30 June, compared with 31 December.

Run by `python -m bench.bench_reports` on the loaded data (see bench/README.md).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from bench.bench_reports import YEAR, Target


def _commune_history(source: Any, org_id: int, first: date, last: date) -> tuple[Any, list[Any]]:
    """Return the units ever under the unit, and their candidacy cases between two days."""
    from django.db.models import Q

    from dangvien.orgs.models import OrgSpan
    from dangvien.orgs.paths import path_prefix_q

    under = Q(org_id=org_id)
    for path in OrgSpan.objects.filter(org_id=org_id).values_list("path", flat=True):
        under |= path_prefix_q(path)
    units = OrgSpan.objects.filter(under).values("org_id").distinct()
    return units, [case for _, case in source.history(units, first, last)]


def _backtest_commune(source: Any, org_id: int, years: range, province_cases: list[Any]) -> Any:
    from dangvien.plans.domain.forecast import BacktestYear, backtest
    from dangvien.reports.selectors.outlook import admitted_by_month

    first = date(years.start - 3, 1, 1)
    units, cases = _commune_history(source, org_id, first, date(years.stop - 1, 12, 31))
    rows = []
    for year in years:
        cutoff = date(year, 6, 30)
        by_month = admitted_by_month([org_id], date(year, 1, 1), date(year, 12, 31)).get(org_id, {})
        rows.append(
            BacktestYear(
                year=year,
                candidates_at_cutoff=tuple(stage for _, stage in source.candidates(units, cutoff)),
                admitted_by_cutoff=sum(n for (_, month), n in by_month.items() if month <= 6),
                admitted_by_year_end=sum(by_month.values()),
            )
        )
    return backtest(rows, [cases, province_cases])


def backtest_rows(province: Target, limit: int) -> dict[str, Any]:
    """Backtest the forecast of `limit` communes of the province over the past five years."""
    from dangvien.orgs.domain.enums import OrgType
    from dangvien.orgs.paths import spans_on
    from dangvien.plans.domain.forecast import mean_absolute_error
    from dangvien.reports.pipeline_source import pipeline_source

    source = pipeline_source()
    today = date.today()
    years = range(today.year - 5, today.year)
    communes = list(
        spans_on(date(YEAR, 12, 31))
        .filter(org__org_type=OrgType.COMMUNE, path__startswith=province.path)
        .order_by("org__code")
        .values_list("org_id", "org__code")[:limit]
    )
    _, province_cases = _commune_history(
        source, province.org_id, date(years.start - 3, 1, 1), date(years.stop - 1, 12, 31)
    )
    results = [
        r
        for org_id, _ in communes
        for r in _backtest_commune(source, org_id, years, province_cases)
    ]
    actual = sum(r.actual for r in results)
    summary = {
        "communes": len(communes),
        "years": [years.start, years.stop - 1],
        "cases": len(results),
        "mean_absolute_error": mean_absolute_error(results),
        "mean_error": round(sum(r.error for r in results) / len(results), 2) if results else None,
        "mean_actual": round(actual / len(results), 2) if results else None,
        "within_range_percent": round(100 * sum(r.within_range for r in results) / len(results), 1)
        if results
        else None,
        "by_year": {y: mean_absolute_error([r for r in results if r.year == y]) for y in years},
    }
    print(f"\nKiểm định dự báo (30/06 → 31/12), {summary}")
    return summary
