"""Feed the `pipeline` report: candidates by stage, stays ended in the period, overdue steps."""

from __future__ import annotations

from collections import Counter

from dangvien.orgs.domain.enums import OrgType
from dangvien.reports.domain.pipeline import (
    OVERDUE_LISTED,
    PipelineReport,
    build_pipeline_report,
)
from dangvien.reports.pipeline_source import pipeline_source
from dangvien.reports.selectors.outlook import pipeline_outlook
from dangvien.reports.selectors.subject import Subject, units_under


def pipeline_report(subject: Subject) -> PipelineReport:
    """Build the pipeline report from the source's tallies, with the year-end outlook on `to`.

    The outlook reuses the candidates' count unless the tree is restated (`as_of`): it
    places units on the tree of `to`, the report on the tree of `as_of`.
    """
    source = pipeline_source()
    day = subject.scope.date_to
    units = units_under(subject, day)
    stages: Counter[str] = Counter()
    subtree = None if subject.restated else subject.path_on(day)
    for _, stage, n in source.stage_counts(units, day, subtree=subtree):
        stages[stage] += n
    return build_pipeline_report(
        scope=subject.scope,
        stage_order=source.stage_order,
        candidates_by_stage=stages,
        exits=list(source.exit_counts(units, subject.scope.date_from, day, subtree=subtree)),
        # The country's overdue steps are most of them: listed by walking the due dates.
        overdue=source.overdue(
            units, day, OVERDUE_LISTED, wide=subject.org_type is OrgType.CENTRAL
        ),
        outlook=pipeline_outlook(subject, day, None if subject.restated else stages),
    )
