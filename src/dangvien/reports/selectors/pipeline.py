"""Feed the `pipeline` report: candidates by stage, stays ended in the period, overdue steps."""

from __future__ import annotations

from collections import Counter

from dangvien.reports.domain.pipeline import PipelineReport, build_pipeline_report
from dangvien.reports.pipeline_source import pipeline_source
from dangvien.reports.selectors.outlook import pipeline_outlook
from dangvien.reports.selectors.subject import Subject, units_under


def pipeline_report(subject: Subject) -> PipelineReport:
    """Build the pipeline report from the pipeline source, with the year-end outlook on `to`."""
    source = pipeline_source()
    day = subject.scope.date_to
    units = units_under(subject, day).values("org_id")
    stages = Counter(stage for _, stage in source.candidates(units, day))
    return build_pipeline_report(
        scope=subject.scope,
        stage_order=source.stage_order,
        candidates_by_stage=stages,
        exits=list(source.exits(units, subject.scope.date_from, day)),
        open_steps=list(source.open_steps(units, day)),
        outlook=pipeline_outlook(subject, day),
    )
