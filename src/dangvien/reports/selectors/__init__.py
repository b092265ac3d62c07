"""Report selectors: one per report of contracts.md §3, and one entry point for every caller."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from dangvien.accounts.scope import Scope
from dangvien.config.db_router import reads_from_replica
from dangvien.core.domain.errors import NotFoundError
from dangvien.core.gc_pause import gc_paused
from dangvien.reports.domain.admissions import AdmissionsReport
from dangvien.reports.domain.cells import CellsReport
from dangvien.reports.domain.coverage import CoverageReport
from dangvien.reports.domain.members import MembersReport
from dangvien.reports.domain.pipeline import PipelineReport
from dangvien.reports.domain.training import TrainingReport
from dangvien.reports.selectors.admissions import admissions_report
from dangvien.reports.selectors.coverage import coverage_report
from dangvien.reports.selectors.pipeline import pipeline_report
from dangvien.reports.selectors.stock import cells_report, members_report
from dangvien.reports.selectors.subject import Subject, subject_for
from dangvien.reports.selectors.training import training_report

AnyReport = (
    AdmissionsReport
    | TrainingReport
    | CoverageReport
    | CellsReport
    | PipelineReport
    | MembersReport
)

BUILDERS: dict[str, Callable[[Subject], Any]] = {
    "admissions": admissions_report,
    "training": training_report,
    "coverage": coverage_report,
    "cells": cells_report,
    "pipeline": pipeline_report,
    "members": members_report,
}

# The Vietnamese title of each report, for pages, files and headings.
TITLES: dict[str, str] = {
    "admissions": "Kết nạp đảng viên",
    "training": "Bồi dưỡng, đào tạo",
    "coverage": "Địa bàn dân cư và chi bộ",
    "cells": "Chất lượng chi bộ",
    "pipeline": "Quần chúng ưu tú và quy trình kết nạp",
    "members": "Đội ngũ đảng viên",
}


def check_kind(kind: str) -> str:
    """Return the kind if it is a known report, else refuse with the list of kinds."""
    if kind not in BUILDERS:
        raise NotFoundError(f"Không có loại báo cáo “{kind}”. Các loại: {', '.join(BUILDERS)}.")
    return kind


@reads_from_replica
def report_build(
    *, scope: Scope, kind: str, code: str, date_from: date, date_to: date, as_of: date | None = None
) -> AnyReport:
    """Return the report of a kind for a unit in scope and a period (the one entry point)."""
    builder = BUILDERS[check_kind(kind)]
    subject = subject_for(scope=scope, code=code, date_from=date_from, date_to=date_to, as_of=as_of)
    report: AnyReport = builder(subject)
    return report


def report_json(report: AnyReport) -> dict[str, Any]:
    """Return the report's JSON (contracts.md §3), built with the garbage collector paused.

    The national cells report lists about 65,000 cells, each a small dict and no cycle:
    a full collection in the middle walked every live object of the process (60-90 ms).
    """
    with gc_paused():
        data: dict[str, Any] = report.to_json()
    return data
