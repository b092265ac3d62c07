"""Turn a built report into what a user takes away: text, JSON, Excel or Word, logged."""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.utils import timezone

from dangvien.accounts.actor import Actor
from dangvien.audit.services import audit_record
from dangvien.orgs.models import Organization
from dangvien.reports.domain.narrative import report_text
from dangvien.reports.domain.pipeline import PipelineReport
from dangvien.reports.domain.tables import Table, report_tables
from dangvien.reports.exports.docx import write_docx
from dangvien.reports.exports.xlsx import write_xlsx
from dangvien.reports.pipeline_source import pipeline_source
from dangvien.reports.selectors import TITLES, AnyReport, report_json

FORMATS = ("json", "text", "xlsx", "docx")
CONTENT_TYPES = {
    "json": "application/json; charset=utf-8",
    "text": "text/plain; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
EXTENSIONS = {"json": "json", "text": "txt", "xlsx": "xlsx", "docx": "docx"}
_FILE_KINDS = {
    "admissions": "ket-nap",
    "training": "boi-duong",
    "coverage": "dia-ban",
    "cells": "chi-bo",
    "pipeline": "quy-trinh",
    "members": "dang-vien",
}


@dataclass(frozen=True)
class Download:
    """A rendered report: its bytes, a file name and the content type."""

    content: bytes
    filename: str
    content_type: str


def narrative(report: AnyReport, lang: str = "vi") -> str:
    """Return the report's paragraph, naming pipeline stages in words."""
    labels = pipeline_source().stage_labels if isinstance(report, PipelineReport) else None
    return report_text(report, lang, stage_labels=labels)


def tables_of(report: AnyReport) -> list[Table]:
    """Return the report's tables, naming pipeline stages in words."""
    labels = pipeline_source().stage_labels if isinstance(report, PipelineReport) else None
    return report_tables(report, stage_labels=labels)


def filename(kind: str, report: AnyReport, fmt: str) -> str:
    """Return "bao-cao-ket-nap-XA-A-2023-01-01-2023-12-31.xlsx" (ASCII, safe in headers)."""
    scope = report.scope
    code = "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in scope.org.code)
    return (
        f"bao-cao-{_FILE_KINDS[kind]}-{code}-{scope.date_from.isoformat()}-"
        f"{scope.date_to.isoformat()}.{EXTENSIONS[fmt]}"
    )


def render(kind: str, report: AnyReport, fmt: str, lang: str = "vi") -> Download:
    """Return the report in one of FORMATS (no logging: see `report_download`)."""
    if fmt == "json":
        content = json.dumps(report_json(report), ensure_ascii=False, indent=2).encode()
    elif fmt == "text":
        content = (narrative(report, lang) + "\n").encode()
    elif fmt == "xlsx":
        content = write_xlsx(tables_of(report), title=f"Báo cáo {TITLES[kind].lower()}")
    else:
        content = _docx(kind, report)
    return Download(content, filename(kind, report, fmt), CONTENT_TYPES[fmt])


def _docx(kind: str, report: AnyReport) -> bytes:
    scope = report.scope
    period = f"Từ ngày {scope.date_from:%d/%m/%Y} đến ngày {scope.date_to:%d/%m/%Y}"
    if scope.as_of is not None:
        period += f" (theo cơ cấu tổ chức ngày {scope.as_of:%d/%m/%Y})"
    return write_docx(
        tables_of(report),
        issuer=scope.org.name,
        title=f"BÁO CÁO {TITLES[kind].upper()}",
        subtitle=period,
        narrative=narrative(report),
        on=timezone.localdate(),
    )


def report_download(*, actor: Actor, kind: str, report: AnyReport, fmt: str) -> Download:
    """Render a report for a user to take away, and log the export."""
    download = render(kind, report, fmt)
    scope = report.scope
    audit_record(
        actor=actor,
        action="export",
        object_type="report",
        object_id=kind,
        org_id=Organization.objects.filter(code=scope.org.code)
        .values_list("pk", flat=True)
        .first(),
        detail={
            "format": fmt,
            "org": scope.org.code,
            "from": scope.date_from.isoformat(),
            "to": scope.date_to.isoformat(),
            "as_of": scope.as_of.isoformat() if scope.as_of else None,
            "file": download.filename,
        },
    )
    return download
