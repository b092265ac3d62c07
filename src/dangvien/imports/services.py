"""Import a workbook: read, parse, check everything, then write it all or nothing.

`workbook_import` is the one entry point for the command line, the import page
and the benchmark. Checking and writing share one transaction, so the database
cannot change between them, and any failure, a refused row or a killed process
alike, leaves the database as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from time import perf_counter

from django.db import transaction

from dangvien.accounts.actor import Actor
from dangvien.accounts.scope import global_scope, scope_for
from dangvien.core.gc_pause import gc_paused
from dangvien.imports.domain.issues import ImportIssue
from dangvien.imports.domain.parse import ParsedWorkbook, parse_workbook
from dangvien.imports.domain.sheets import SHEETS
from dangvien.imports.errors_file import error_file_path, write_error_file
from dangvien.imports.history import ImportHistory
from dangvien.imports.planning import plan_import
from dangvien.imports.reading import read_workbook
from dangvien.imports.validation import ImportPlan
from dangvien.imports.vocabularies import vocabularies
from dangvien.imports.write_localities import write_heads, write_localities
from dangvien.imports.write_orgs import write_orgs
from dangvien.imports.write_people import write_people
from dangvien.imports.write_services import (
    WriteRefusedError,
    write_classes,
    write_dossier_moves,
    write_quotas,
    write_sources,
    write_trainees,
)

Progress = Callable[[str, int, int], None]
STAGE_READ = "Đọc tệp"
STAGE_PARSE = "Đọc các ô"
STAGE_WRITE = "Ghi dữ liệu"


@dataclass(slots=True)
class ImportResult:
    """What an import found and did."""

    written: bool  # whether the data was written (False for a dry run or any error)
    counts: dict[str, dict[str, int]]  # sheet -> created / updated / unchanged
    issues: list[ImportIssue]  # errors and warnings, by sheet, row and column
    converted: int  # cells typed with a legacy font, converted to Unicode
    rows: int  # data rows read
    error_file: Path | None = None
    seconds: dict[str, float] = field(default_factory=dict)  # read, parse, check, write

    @property
    def errors(self) -> list[ImportIssue]:
        """Return the issues that block the import."""
        return [issue for issue in self.issues if issue.is_error]

    @property
    def ok(self) -> bool:
        """Return whether the workbook has no error."""
        return not self.errors


def _silent(stage: str, done: int, total: int) -> None:
    """Ignore progress reports."""


def refreshed(actor: Actor) -> Actor:
    """Return the actor with its scope recomputed (units created by the import included)."""
    day = actor.scope.day
    scope = global_scope(day) if actor.user is None else scope_for(actor.user, day)
    return Actor(actor.user, scope, actor.channel, actor.ip)


def _write(plan: ImportPlan, history: ImportHistory, report: Progress) -> None:
    """Write every sheet's plan in processing order."""
    known, sheets, issues = plan.known, plan.parsed.sheets, plan.issues
    steps = 6
    report(STAGE_WRITE, 0, steps)
    orgs = {code: org.pk for code, org in known.orgs.items()}
    if plan.orgs is not None:
        orgs.update(write_orgs(plan.orgs, known.orgs, history))
    actor = refreshed(plan.actor)
    report(STAGE_WRITE, 1, steps)
    localities = {code: locality.pk for code, locality in known.localities.items()}
    if plan.localities is not None:
        localities.update(write_localities(plan.localities, orgs, history))
    report(STAGE_WRITE, 2, steps)
    people = {cid: known.people[d].pk for cid, d in known.digests.items() if d in known.people}
    if plan.people is not None:
        people.update(write_people(plan.people, orgs, localities, history, plan.today))
    if plan.localities is not None:
        write_heads(plan.localities, localities, people)
    if plan.people is not None:
        write_dossier_moves(plan.people, orgs, actor, sheets["NhanSu"], issues, plan.today)
        write_sources(plan.people, people, actor, sheets["NhanSu"], issues)
    report(STAGE_WRITE, 3, steps)
    if plan.quotas is not None:
        write_quotas(plan.quotas, actor, sheets["ChiTieu"], issues)
    report(STAGE_WRITE, 4, steps)
    if "LopHoc" in sheets:
        write_classes(plan.training, known.classes, actor, sheets["LopHoc"], issues)
    if "HocVien" in sheets:
        write_trainees(plan.training, people, actor, sheets["HocVien"], issues)
    report(STAGE_WRITE, 5, steps)


def _counts(plan: ImportPlan) -> dict[str, dict[str, int]]:
    return {name: count.as_dict() for name, count in plan.counts().items()}


def _check_and_write(
    parsed: ParsedWorkbook,
    actor: Actor,
    *,
    dry_run: bool,
    report: Progress,
    reference: str,
    seconds: dict[str, float],
) -> tuple[ImportPlan, bool]:
    """Check the parsed workbook and, unless `dry_run` or anything is wrong, write it."""
    written = False
    with transaction.atomic():
        checked = perf_counter()
        plan = plan_import(parsed, actor=actor, progress=report)
        seconds["check"] = perf_counter() - checked
        if plan.ok and not dry_run:
            history = ImportHistory(actor, reference)
            try:
                _write(plan, history, report)
                history.summary(_counts(plan), parsed.converted)
                written = True
            except WriteRefusedError:
                transaction.set_rollback(True)
    # Measured after the commit, where PostgreSQL runs the deferred foreign-key checks.
    seconds["write"] = perf_counter() - checked - seconds["check"]
    return plan, written


def workbook_import(
    *,
    actor: Actor,
    path: Path,
    dry_run: bool = False,
    progress: Progress | None = None,
    reference: str = "",
    error_file: Path | None = None,
) -> ImportResult:
    """Check the workbook at `path` and, unless `dry_run` or anything is wrong, write it.

    On any error nothing is written and an error file (a marked-up copy of the
    workbook) is written next to it, or to `error_file`.
    """
    with gc_paused():
        return _import(
            actor=actor,
            path=path,
            dry_run=dry_run,
            progress=progress,
            reference=reference,
            error_file=error_file,
        )


def _import(
    *,
    actor: Actor,
    path: Path,
    dry_run: bool,
    progress: Progress | None,
    reference: str,
    error_file: Path | None,
) -> ImportResult:
    """Run `workbook_import` (with the garbage collector paused)."""
    report = progress or _silent
    started = perf_counter()
    report(STAGE_READ, 0, 1)
    raw = read_workbook(path)
    report(STAGE_READ, 1, 1)
    seconds = {"read": perf_counter() - started}
    parsed = parse_workbook(raw, vocabularies=vocabularies(), today=actor.scope.day)
    seconds["parse"] = perf_counter() - started - seconds["read"]
    plan, written = _check_and_write(
        parsed,
        actor,
        dry_run=dry_run,
        report=report,
        reference=reference or path.name,
        seconds=seconds,
    )
    order = tuple(spec.name for spec in SHEETS)
    result = ImportResult(
        written,
        _counts(plan),
        parsed.issues.sorted(order),
        parsed.converted,
        sum(len(sheet) for sheet in parsed.sheets.values()),
        seconds=seconds,
    )
    if not result.ok:
        result.error_file = error_file or error_file_path(path)
        write_error_file(raw, path, result.issues, result.error_file)
    return result
