"""Everything the quotas-and-progress page shows for one unit, read in one place."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone

from dangvien.accounts.scope import Scope
from dangvien.core.domain.text import percent
from dangvien.plans.domain.forecast import explain_forecast
from dangvien.plans.domain.progress import Progress, Risk
from dangvien.plans.domain.quotas import TermBreakdown, quota_from_rate
from dangvien.plans.selectors import rate_target, term_view, terms_of
from dangvien.reports.dashboard_cache import is_kept, kept_dashboard
from dangvien.reports.domain.admissions import AdmissionsReport
from dangvien.reports.domain.base import OrgRef
from dangvien.reports.domain.cells import CellHealthCounts
from dangvien.reports.domain.coverage import CoverageReport
from dangvien.reports.domain.training import TrainingReport
from dangvien.reports.selectors.admissions import admissions_report
from dangvien.reports.selectors.cell_counts import cell_counts
from dangvien.reports.selectors.coverage import CommitteeRule, coverage_report
from dangvien.reports.selectors.outlook import ChildOutlook, admitted_by_month, outlook
from dangvien.reports.selectors.subject import Subject, children_on, subject_for
from dangvien.reports.selectors.training import training_report


@dataclass(frozen=True)
class TermProgress:
    """The congress term containing the day: its quota, admissions so far and yearly quotas."""

    breakdown: TermBreakdown
    admitted: int

    @property
    def percent(self) -> float | None:
        quota = self.breakdown.term_quota
        return None if quota is None else percent(self.admitted, quota)


@dataclass(frozen=True)
class RateView:
    """A rate target and the number of admissions it implies this year."""

    rate_percent: Decimal
    members_at_start: int
    implied_quota: int


@dataclass(frozen=True)
class Dashboard:
    """The unit's year and term progress, its children ranked, and this year's other figures."""

    org: OrgRef
    day: date
    year: Progress | None
    term: TermProgress | None
    children: list[ChildOutlook]
    admissions: AdmissionsReport
    training: TrainingReport
    coverage: CoverageReport
    cells: CellHealthCounts
    rate: RateView | None
    explanation: str
    computed_at: datetime  # figures of a large unit may be a few minutes old (dashboard_cache)
    kept: bool = False  # whether this unit's dashboard is kept between visits

    @property
    def at_risk(self) -> list[ChildOutlook]:
        return [c for c in self.children if c.progress.risk is Risk.AT_RISK]


def _rank_key(line: ChildOutlook) -> tuple[bool, float, str]:
    """Order children by percent of quota, highest first; those without a quota last."""
    pct = line.progress.quota_percent
    return (pct is None, -(pct or 0.0), line.org.code)


def _term(org_id: int, scope: Scope, code: str, day: date) -> TermProgress | None:
    terms = [t for t in terms_of(org_id, day) if t.contains(day)]
    if not terms:
        return None
    term = terms[0]
    admitted = sum(admitted_by_month([org_id], term.first_day, day).get(org_id, {}).values())
    return TermProgress(term_view(scope=scope, code=code, term=term), admitted)


def dashboard(*, scope: Scope, code: str, lang: str = "vi", fresh: bool = False) -> Dashboard:
    """Return the dashboard of a unit in scope, on the scope's day, for the year so far.

    The number of queries does not depend on the number of units under it: every figure
    per child comes from one grouped query (tests/scale/test_page_list_queries.py). A
    unit above commune level may be served from the last few minutes' figures unless
    `fresh` (reports.dashboard_cache); the scope is checked first either way.
    """
    day = scope.day
    subject = subject_for(scope=scope, code=code, date_from=date(day.year, 1, 1), date_to=day)
    return kept_dashboard(
        subject.org_id,
        subject.org_type,
        day,
        lang,
        lambda: _computed(scope, code, subject, lang),
        fresh=fresh,
    )


def _computed(scope: Scope, code: str, subject: Subject, lang: str) -> Dashboard:
    day = scope.day
    mine, children = outlook(subject, day, children_on(subject, day))
    admissions = admissions_report(subject)
    target = rate_target(subject.org_id, day.year)
    # Counted once for both the coverage and the cell-health figures; no lists needed.
    cells = cell_counts(subject, CommitteeRule().min_official_members)
    rate = None
    if target is not None:
        rate = RateView(
            target.rate_percent,
            admissions.members_at_start,
            quota_from_rate(target.rate_percent, admissions.members_at_start),
        )
    return Dashboard(
        org=subject.scope.org,
        day=day,
        year=mine,
        term=_term(subject.org_id, scope, code, day),
        children=sorted(children, key=_rank_key),
        admissions=admissions,
        training=training_report(subject),
        coverage=coverage_report(subject, committee=(cells.health.cells, cells.with_committee)),
        cells=cells.health,
        rate=rate,
        explanation=explain_forecast(lang=lang),
        computed_at=timezone.now(),
        kept=is_kept(subject.org_type),
    )
