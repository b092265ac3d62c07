"""Forecast backtest for the report benchmark: made on 30 June, compared with 31 December.

Run by `python -m bench.bench_reports` on the loaded data (see bench/README.md).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from bench.bench_reports import YEAR, Target


def _units_ever_under(org_id: int) -> Any:
    """Return one span of each unit ever under the unit (the unit included)."""
    from django.db.models import Min, Q

    from dangvien.orgs.models import OrgSpan
    from dangvien.orgs.paths import path_prefix_q

    under = Q(org_id=org_id)
    for path in OrgSpan.objects.filter(org_id=org_id).values_list("path", flat=True):
        under |= path_prefix_q(path)
    # One span per unit: the source joins candidacies to units, so a unit listed twice
    # would count its candidacies twice.
    first = OrgSpan.objects.filter(under).values("org_id").annotate(m=Min("pk")).values("m")
    return OrgSpan.objects.filter(pk__in=first)


def _known_history(source: Any, units: Any, first: date, on: date) -> Any:
    """Return the history as known on `on` for a forecast of the rest of its year.

    Cases observed at least the horizon (the days left in the year) before `on`; a
    decision later than the horizon counts as none. Within the horizon every decision
    was already known on `on`, and later ones do not change the chance of a decision
    within it, which is all the forecast uses: the same forecast as from the full cases.
    """
    from dangvien.plans.domain.forecast import CaseCount, StagedHistory

    horizon = (date(on.year, 12, 31) - on).days
    last = date.fromordinal(on.toordinal() - horizon)
    counts = [
        CaseCount(c.stage, c.days if c.days is not None and c.days <= horizon else None, c.count)
        for _, c in source.history_counts(units, first, last)
    ]
    return StagedHistory(counts=counts)


def _backtest_commune(source: Any, org_id: int, years: range, province_units: Any) -> list[Any]:
    from dangvien.plans.domain.forecast import BacktestResult, forecast_year_end
    from dangvien.reports.selectors.outlook import admitted_by_month

    first = date(years.start - 3, 1, 1)
    units = _units_ever_under(org_id)
    results = []
    for year in years:
        on = date(year, 6, 30)
        by_month = admitted_by_month([org_id], date(year, 1, 1), date(year, 12, 31)).get(org_id, {})
        so_far = sum(n for (_, month), n in by_month.items() if month <= 6)
        candidates = {stage: n for _, stage, n in source.stage_counts(units, on) if stage}
        histories = [
            _known_history(source, units, first, on),
            _known_history(source, province_units, first, on),
        ]
        fc = forecast_year_end(candidates=candidates, on=on, histories=histories)
        results.append(
            BacktestResult(
                year=year,
                forecast=so_far + fc.expected,
                low=so_far + fc.low,
                high=so_far + fc.high,
                actual=sum(by_month.values()),
            )
        )
    return results


def backtest_rows(province: Target, limit: int) -> dict[str, Any]:
    """Backtest the forecast of `limit` communes of the province over the past five years."""
    from dangvien.orgs.domain.enums import OrgType
    from dangvien.orgs.paths import spans_on
    from dangvien.pipeline.models import Candidacy
    from dangvien.plans.domain.forecast import mean_absolute_error
    from dangvien.reports.pipeline_source import PeopleRecordsSource, pipeline_source

    today = date.today()
    years = range(today.year - 5, today.year)
    # The forecast learns from three years before each backtest year. Where the dossiers
    # begin later (the generator records them from late 2023 only), the people records
    # (statuses, admission dates) are the history that covers the period.
    first_dossier = Candidacy.objects.order_by("opened_on").values_list("opened_on", flat=True)
    covered = first_dossier.first() is not None and first_dossier.first() <= date(
        years.start - 3, 1, 1
    )
    source = pipeline_source() if covered else PeopleRecordsSource()
    communes = list(
        spans_on(date(YEAR, 12, 31))
        .filter(org__org_type=OrgType.COMMUNE, path__startswith=province.path)
        .order_by("org__code")
        .values_list("org_id", "org__code")[:limit]
    )
    province_units = _units_ever_under(province.org_id)
    results = [
        r
        for org_id, _ in communes
        for r in _backtest_commune(source, org_id, years, province_units)
    ]
    actual = sum(r.actual for r in results)
    summary = {
        "source": type(source).__name__,
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
