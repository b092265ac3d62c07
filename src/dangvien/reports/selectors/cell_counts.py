"""Count the cells showing each warning sign, for pages that show counts and no lists.

On a snapshot day with the default rules they are one row of the cell snapshot (the
unit's counters, as the `cells` report reads them); with other rules, or restated on
another day's tree, the database counts them (one pass over one row per cell and
status); without a snapshot the full cells report is built and counted. The thresholds
are those of `reports.domain.cells.CellHealthRules`, the same as the report's, and tests
hold every way to the same figures.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, Q

from dangvien.people.models import Membership
from dangvien.reports.domain.cells import (
    CellHealthCounts,
    CellHealthRules,
    build_cells_report,
    recent_admission_start,
)
from dangvien.reports.domain.coverage import CommitteeRule
from dangvien.reports.selectors.cell_rows import cell_snapshot_fits, snapshot_cell_counters
from dangvien.reports.selectors.snapshot_rows import (
    cell_figures,
    snapshot_rules_match,
    snapshot_usable,
)
from dangvien.reports.selectors.stock import cell_facts, cell_units
from dangvien.reports.selectors.subject import Subject


@dataclass(frozen=True)
class CellCounts:
    """The warning counts, and how many cells have enough official members for a committee."""

    health: CellHealthCounts
    with_committee: int


def cell_counts(
    subject: Subject, committee_min: int, rules: CellHealthRules | None = None
) -> CellCounts:
    """Return the cell-health counts of the subject's cells on `to`."""
    rules = rules or CellHealthRules()
    day = subject.scope.date_to
    path = subject.path_on(day)
    if (
        path is None
        or not snapshot_rules_match(rules.elderly_age)
        or not snapshot_usable(day, path)
    ):
        facts = cell_facts(subject, rules)
        report = build_cells_report(scope=subject.scope, cells=facts, rules=rules)
        committee = sum(f.official_members >= committee_min for f in facts)
        return CellCounts(CellHealthCounts.of(report), committee)
    if not subject.restated and cell_snapshot_fits(rules, CommitteeRule(committee_min)):
        return _stored_counts(rules, snapshot_cell_counters(day, path))
    cells = cell_units(subject, day)
    ids = cells.values("org_id")
    total = cells.count()
    per_cell = cell_figures(day, ids, None if subject.restated else path).annotate(
        old2=F("elderly_n") * 2, exempt2=F("exempt") * 2
    )
    # Cells without a row have no member: they only count as below the official minimum.
    figures = per_cell.aggregate(
        official_ok=Count("org_id", filter=Q(official__gte=rules.min_official_members)),
        committee=Count("org_id", filter=Q(official__gte=committee_min)),
        without_women=Count("org_id", filter=Q(n__gt=0, women_n=0)),
        mostly_elderly=Count("org_id", filter=Q(n__gt=0, old2__gte=F("n"))),
        mostly_exempt=Count("org_id", filter=Q(exempt2__gt=F("n"))),
    )
    recent = (
        Membership.objects.filter(
            admitted_in_id__in=ids,
            decision_date__range=(recent_admission_start(day, rules), day),
        )
        .values("admitted_in_id")
        .distinct()
        .count()
    )
    health = CellHealthCounts(
        rules=rules,
        cells=total,
        few_official_members=total - figures["official_ok"],
        without_women=figures["without_women"],
        mostly_elderly=figures["mostly_elderly"],
        mostly_exempt=figures["mostly_exempt"],
        without_recent_admission=total - recent,
    )
    return CellCounts(health, figures["committee"])


def _stored_counts(rules: CellHealthRules, row: dict[str, int]) -> CellCounts:
    """Return the counts held in a unit's cell snapshot row."""
    health = CellHealthCounts(
        rules=rules,
        cells=row["cells"],
        few_official_members=row["few_official_members"],
        without_women=row["without_women"],
        mostly_elderly=row["mostly_elderly"],
        mostly_exempt=row["mostly_exempt"],
        without_recent_admission=row["without_recent_admission"],
    )
    return CellCounts(health, row["with_committee"])
