"""Background work (imports, exports, heavy reports, reminders) on one small interface.

Built on django-tasks, the backport of Django 6's tasks framework, so the code
that defines and enqueues tasks will not change when the project moves to
Django 6. The queue lives in the database on one machine (django-tasks-db: a
table, polled by `dangvien worker` or by a thread inside `dangvien serve`) and
in Redis when REDIS_URL is set (django-tasks-rq: RQ workers on any server).
config/scaling.py picks the backend from the environment.

Defining and enqueueing, in the app that owns the work:

    from dangvien.core.tasks import background, enqueue_on_commit

    @background(queue="imports")
    def import_job_run(job_id: str) -> None:
        ...

    enqueue_on_commit(import_job_run, str(job.pk))

Arguments must be JSON values (ids, ISO dates, codes), never model instances:
the worker may be another process on another server.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

from django.conf import settings
from django.db import connection, transaction
from django_tasks import TaskResult, TaskResultStatus, task
from django_tasks.base import Task

P = ParamSpec("P")
T = TypeVar("T")
log = logging.getLogger(__name__)

DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"
RQ_BACKEND = "django_tasks_rq.RQBackend"
WORKER_POLL_SECONDS = 1.0


def queue_kind() -> str:
    """Return where queued tasks go: "database", "redis" or "immediate" (run at once)."""
    backend = settings.TASKS["default"]["BACKEND"]
    if backend == DATABASE_BACKEND:
        return "database"
    if backend == RQ_BACKEND:
        return "redis"
    return "immediate"


def queue_names() -> list[str]:
    """Return the configured queues."""
    return list(settings.TASKS["default"].get("QUEUES", ["default"]))


def background(
    *, queue: str = "default", priority: int = 0
) -> Callable[[Callable[P, T]], Task[P, T]]:
    """Declare a function as a background task on one of the configured queues."""
    if queue not in queue_names():
        raise ValueError(f"unknown task queue {queue!r}: add it to config.scaling.TASK_QUEUES")
    return task(queue_name=queue, priority=priority)


def enqueue(work: Task[P, T], *args: P.args, **kwargs: P.kwargs) -> TaskResult[T]:
    """Queue a task now and return its result handle (its id can be stored and polled)."""
    return work.enqueue(*args, **kwargs)


def enqueue_on_commit(work: Task[P, T], *args: P.args, **kwargs: P.kwargs) -> None:
    """Queue a task once the current transaction commits (at once outside a transaction).

    A worker must never pick up a task whose rows the enqueuing transaction
    might still roll back, or has not made visible yet.
    """
    transaction.on_commit(lambda: work.enqueue(*args, **kwargs))


def result_of(work: Task[P, T], result_id: str) -> TaskResult[T]:
    """Return the current state of a queued task (database and Redis backends)."""
    return work.get_result(result_id)


def is_finished(result: TaskResult[Any]) -> bool:
    """Return whether the task has ended, successfully or not."""
    return result.status in (TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED)


@background(queue="default")
def queue_probe(token: str) -> dict[str, object]:
    """Answer from whichever worker ran it: proves a queue round trip in tests and checks."""
    return {"token": token, "pid": os.getpid(), "database": connection.vendor}


def _database_worker(
    *, queues: list[str], batch: bool, max_tasks: int | None, worker_id: str
) -> Any:
    from django_tasks_db.management.commands.db_worker import Worker

    return Worker(
        queue_names=queues,
        interval=WORKER_POLL_SECONDS,
        batch=batch,
        backend_name="default",
        startup_delay=not batch,
        max_tasks=max_tasks,
        worker_id=worker_id[:64],
        excluded_queue_names=[],
    )


def worker_run(
    *, queues: list[str] | None = None, batch: bool = False, max_tasks: int | None = None
) -> None:
    """Run tasks from the queues until stopped (or until none is left, with `batch`)."""
    chosen = queues or queue_names()
    if queue_kind() == "redis":
        import django_rq

        worker = django_rq.get_worker(*chosen, job_class="django_tasks_rq.Job")
        worker.work(burst=batch, max_jobs=max_tasks, logging_level="WARNING")
        return
    if queue_kind() != "database":
        return  # immediate: tasks ran when they were queued
    worker = _database_worker(
        queues=chosen, batch=batch, max_tasks=max_tasks, worker_id=f"worker-{os.getpid()}"
    )
    worker.configure_signals()
    worker.run()


def pending_run(*, queues: list[str] | None = None, max_tasks: int | None = None) -> int:
    """Run the database queue's ready tasks in this thread; return how many ran (tests, CLI).

    Claims each task the way the worker does, but leaves this thread's connection
    alone (the worker's loop closes connections it finds in a transaction, which
    would break a caller's transaction, a test's for one).
    """
    if queue_kind() != "database":
        return 0
    from django_tasks_db.models import DBTaskResult
    from django_tasks_db.utils import exclusive_transaction

    chosen = queues or queue_names()
    worker = _database_worker(
        queues=chosen,
        batch=True,
        max_tasks=max_tasks,
        worker_id=f"inline-{os.getpid()}-{threading.get_ident()}",
    )
    ran = 0
    while max_tasks is None or ran < max_tasks:
        ready = DBTaskResult.objects.ready().filter(backend_name="default", queue_name__in=chosen)
        with exclusive_transaction(ready.db):
            found = ready.get_locked()
            if found is not None:
                found.claim(worker.worker_id)
        if found is None:
            break
        worker.run_task(found)
        ran += 1
    return ran


class EmbeddedWorker:
    """A worker thread inside the web process: the whole system in one process on a laptop.

    Only for the database queue; with Redis, run `dangvien worker` processes instead.
    """

    def __init__(self, queues: list[str] | None = None) -> None:
        self.queues = queues or queue_names()
        self.thread: threading.Thread | None = None
        self.worker: Any = None

    def start(self) -> bool:
        """Start the thread; return False when the configured queue needs separate workers."""
        if queue_kind() != "database" or self.thread is not None:
            return False
        self.worker = _database_worker(
            queues=self.queues, batch=False, max_tasks=None, worker_id=f"embedded-{os.getpid()}"
        )
        self.thread = threading.Thread(target=self._loop, name="dangvien-worker", daemon=True)
        self.thread.start()
        return True

    def _loop(self) -> None:
        from django.db import connections

        try:
            self.worker.run()
        except Exception:
            log.exception("the embedded task worker stopped")
        finally:
            connections.close_all()  # this thread's connections only

    def stop(self, timeout: float = 10.0) -> None:
        """Ask the thread to finish its current task and wait for it."""
        if self.worker is not None:
            self.worker.running = False
        if self.thread is not None:
            self.thread.join(timeout)
        self.thread = None
