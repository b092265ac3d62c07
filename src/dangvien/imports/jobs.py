"""Import jobs run in the background: a small runner interface and the two tasks.

On one machine a thread per job is enough: the web server is one process, and
the import itself is a single transaction. Progress lives in memory because the
import's transaction holds SQLite's write lock, so the page could not read a
progress row written meanwhile; the job row records each change of state. A
task queue can replace `ThreadRunner` by implementing `JobRunner` and setting
`RUNNER`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol
from uuid import UUID

from django.conf import settings
from django.db import OperationalError, connections

from dangvien.accounts.actor import Actor
from dangvien.accounts.scope import scope_for
from dangvien.core.domain.errors import DomainError
from dangvien.imports.models import ImportJob
from dangvien.imports.services import ImportResult, workbook_import

log = logging.getLogger(__name__)
ISSUES_KEPT = 500
LOCK_RETRIES = 6  # issues stored with a job for the page; the error file has them all
INTERRUPTED = (
    "Quá trình xử lý bị gián đoạn (máy chủ đã khởi động lại); dữ liệu không thay đổi. "
    "Hãy tải tệp lên lại."
)
UNEXPECTED = "Lỗi ngoài dự kiến khi xử lý tệp; dữ liệu không thay đổi. Hãy báo quản trị hệ thống."


class JobRunner(Protocol):
    """Runs a task outside the request that started it."""

    def submit(self, job_id: UUID, task: Callable[[], None]) -> None:
        """Start `task` for the job; return at once."""


class ThreadRunner:
    """One daemon thread per job, each with its own database connection."""

    def submit(self, job_id: UUID, task: Callable[[], None]) -> None:
        """Start the task in a new thread."""

        def target() -> None:
            try:
                task()
            finally:
                connections.close_all()  # this thread's connections only

        threading.Thread(target=target, name=f"import-{job_id}", daemon=True).start()


class InlineRunner:
    """Runs the task at once, in the caller's thread (tests, the command line)."""

    def submit(self, job_id: UUID, task: Callable[[], None]) -> None:
        """Run the task now."""
        task()


RUNNER: JobRunner = ThreadRunner()


@dataclass(slots=True)
class Progress:
    """Where a running job stands."""

    stage: str = ""
    done: int = 0
    total: int = 1


_progress: dict[UUID, Progress] = {}
_lock = threading.Lock()


def progress_of(job_id: UUID) -> Progress | None:
    """Return the progress of a job running in this process, None if none is."""
    with _lock:
        found = _progress.get(job_id)
        return Progress(found.stage, found.done, found.total) if found else None


def _reporter(job_id: UUID) -> Callable[[str, int, int], None]:
    def report(stage: str, done: int, total: int) -> None:
        with _lock:
            _progress[job_id] = Progress(stage, done, max(total, 1))

    return report


def upload_dir() -> Path:
    """Return the folder of uploaded and error files (created, private)."""
    folder = Path(settings.MEDIA_ROOT) / "imports"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def _summary(result: ImportResult) -> dict[str, object]:
    issues = [
        {
            "sheet": i.sheet,
            "row": i.row,
            "column": i.column,
            "value": i.value,
            "message": i.message,
            "error": i.is_error,
        }
        for i in result.issues[:ISSUES_KEPT]
    ]
    return {
        "counts": result.counts,
        "issues": issues,
        "errors": len(result.errors),
        "warnings": len(result.issues) - len(result.errors),
        "converted": result.converted,
        "rows": result.rows,
    }


def _with_retries(**arguments: Any) -> ImportResult:
    """Run the import, again after a pause if SQLite reports the database locked.

    A write transaction cannot start while another writer holds SQLite's lock
    beyond the busy timeout; the import rolled back, so running it again is safe.
    """
    for attempt in range(LOCK_RETRIES):
        try:
            return workbook_import(**arguments)
        except OperationalError as error:
            if "locked" not in str(error) or attempt == LOCK_RETRIES - 1:
                raise
            time.sleep(0.2 * 2**attempt)
    raise AssertionError("unreachable")


def _execute(job_id: UUID, *, dry_run: bool) -> None:
    """Check (dry run) or import the job's file and record the outcome."""
    try:
        _run_job(job_id, dry_run=dry_run)
    finally:
        with _lock:  # whatever happened, the page must not wait for this task any more
            _progress.pop(job_id, None)


def _run_job(job_id: UUID, *, dry_run: bool) -> None:
    job = ImportJob.objects.select_related("user").get(pk=job_id)
    actor = Actor(job.user, scope_for(job.user), "web")
    folder = upload_dir()
    error_file = folder / f"{job.pk}.loi.xlsx"
    try:
        result = _with_retries(
            actor=actor,
            path=folder / job.stored_name,
            dry_run=dry_run,
            progress=_reporter(job_id),
            reference=str(job.pk),
            error_file=error_file,
        )
    except DomainError as refusal:
        _finish(job, ImportJob.State.FAILED, message=refusal.message[:500])
        return
    except Exception:
        log.exception("import job %s failed", job_id)
        _finish(job, ImportJob.State.FAILED, message=UNEXPECTED)
        return
    if not result.ok:
        state = ImportJob.State.CHECKED if dry_run else ImportJob.State.FAILED
    else:
        state = ImportJob.State.CHECKED if dry_run else ImportJob.State.DONE
    job.ok, job.summary = result.ok, _summary(result)
    job.error_file = error_file.name if result.error_file else ""
    _finish(job, state)


def _finish(job: ImportJob, state: str, message: str = "") -> None:
    job.state, job.message = state, message or job.message
    job.save()


def job_check(job_id: UUID) -> None:
    """Check the job's file and prepare the preview (the background task)."""
    _execute(job_id, dry_run=True)


def job_run(job_id: UUID) -> None:
    """Import the job's file (the background task, after the user confirmed)."""
    _execute(job_id, dry_run=False)


def job_submit(job: ImportJob, task: Callable[[UUID], None]) -> None:
    """Start a task for the job with the configured runner."""
    _reporter(job.pk)("Đang chờ", 0, 1)
    RUNNER.submit(job.pk, lambda: task(job.pk))


def job_state(job: ImportJob) -> ImportJob:
    """Return the job, marked failed if it says in progress but nothing here runs it."""
    if job.in_progress and progress_of(job.pk) is None:
        job.refresh_from_db()  # a task saves its outcome before it forgets its progress
        if job.in_progress:
            _finish(job, ImportJob.State.FAILED, message=INTERRUPTED)
            log.warning("import job %s found interrupted", job.pk)
    return job
