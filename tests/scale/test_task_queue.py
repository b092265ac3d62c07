"""Background tasks: queued in the database (or Redis), run by a worker, results kept."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django_tasks import TaskResultStatus

from dangvien.cli import main
from dangvien.core.tasks import (
    EmbeddedWorker,
    background,
    enqueue,
    enqueue_on_commit,
    is_finished,
    pending_run,
    queue_kind,
    queue_probe,
    result_of,
)

REAL = os.environ.get("DANGVIEN_QUEUE_TEST") == "1"
database_queue = pytest.mark.skipif(
    queue_kind() != "database", reason="the database queue is not the configured one"
)


@database_queue
@pytest.mark.django_db
def test_a_queued_task_waits_until_a_worker_runs_it():
    queued = enqueue(queue_probe, "mot")

    assert result_of(queue_probe, queued.id).status == TaskResultStatus.READY
    assert pending_run() == 1
    done = result_of(queue_probe, queued.id)
    assert done.status == TaskResultStatus.SUCCESSFUL
    assert done.return_value["token"] == "mot"


@database_queue
@pytest.mark.django_db
def test_a_task_queued_on_commit_is_not_queued_before_the_commit(
    django_capture_on_commit_callbacks,
):
    from django_tasks_db.models import DBTaskResult

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        enqueue_on_commit(queue_probe, "sau-commit")
        assert not DBTaskResult.objects.exists()

    assert len(callbacks) == 1
    assert DBTaskResult.objects.count() == 1


@database_queue
@pytest.mark.django_db(transaction=True)
def test_the_embedded_worker_runs_tasks_inside_the_web_process():
    worker = EmbeddedWorker()
    assert worker.start()
    try:
        queued = enqueue(queue_probe, "trong-may-chu")
        deadline = time.monotonic() + 20
        while not is_finished(result_of(queue_probe, queued.id)):
            assert time.monotonic() < deadline, "the embedded worker did not run the task"
            time.sleep(0.2)
    finally:
        worker.stop()

    assert result_of(queue_probe, queued.id).status == TaskResultStatus.SUCCESSFUL


def test_a_task_on_an_unknown_queue_is_refused():
    with pytest.raises(ValueError, match="unknown task queue"):
        background(queue="khong-co")


@pytest.mark.django_db
def test_the_worker_command_refuses_an_unknown_queue(capsys):
    code = main(["worker", "--queue", "khong-co", "--batch"])

    assert code == 1
    assert "Không có hàng đợi khong-co" in capsys.readouterr().err


@pytest.mark.real_servers
@pytest.mark.skipif(not REAL, reason="needs a real database and worker process (.ci/run)")
def test_a_worker_in_another_process_runs_a_queued_task(django_db_blocker):
    with django_db_blocker.unblock():
        queued = enqueue(queue_probe, "tien-trinh-khac")
        script = Path(sys.executable).parent / "dangvien"
        finished = subprocess.run(
            [str(script), "worker", "--batch"],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert finished.returncode == 0, finished.stderr
        done = result_of(queue_probe, queued.id)

    assert done.status == TaskResultStatus.SUCCESSFUL
    assert done.return_value["token"] == "tien-trinh-khac"
    assert done.return_value["pid"] != os.getpid()
