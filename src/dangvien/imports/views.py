"""The import page: upload, preview of the check, confirm, progress, result."""

from __future__ import annotations

from pathlib import Path
from uuid import UUID

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dangvien.accounts.actor import Actor, actor_from_request
from dangvien.core.domain.errors import PermissionDeniedError
from dangvien.core.security_uploads import WORKBOOK_KINDS, upload_check
from dangvien.imports import jobs
from dangvien.imports.models import ImportJob

RECENT_JOBS = 10


class UploadForm(forms.Form):
    """The file to import."""

    file = forms.FileField(label="Tệp cần nhập (.xlsx, .xls, .ods, .csv)")


def _require_editor(actor: Actor) -> None:
    if not actor.scope.edit_prefixes:
        raise PermissionDeniedError("Tài khoản của bạn chỉ được xem, không được nhập dữ liệu.")


def _store(upload: UploadedFile[bytes], job: ImportJob) -> None:
    """Save the uploaded file in the private upload folder, readable by the owner only."""
    target = jobs.upload_dir() / job.stored_name
    with target.open("wb") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    target.chmod(0o600)


def _start(actor: Actor, upload: UploadedFile[bytes]) -> ImportJob:
    name = Path(upload.name or "tep").name
    kind = upload_check(upload, name, allowed=WORKBOOK_KINDS)
    job = ImportJob(user=actor.user, original_name=name[:255])
    job.stored_name = f"{job.pk}.{kind.extension}"
    _store(upload, job)
    job.save()
    jobs.job_submit(job, jobs.job_check)
    return job


@login_required
@require_http_methods(["GET", "POST"])
def index(request: HttpRequest) -> HttpResponse:
    """Show the upload form and the user's recent imports; start a check on upload."""
    actor = actor_from_request(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        _require_editor(actor)
        if form.is_valid():
            job = _start(actor, form.cleaned_data["file"])
            return redirect("imports:job", job_id=job.pk)
    recent = ImportJob.objects.filter(user=actor.user)[:RECENT_JOBS]
    context = {"form": form, "jobs": recent, "can_import": bool(actor.scope.edit_prefixes),
               "nav": "imports"}  # fmt: skip
    return render(request, "imports/index.html", context)


def _own_job(request: HttpRequest, job_id: UUID) -> ImportJob:
    """Return the user's job; another user's job does not exist for them."""
    job = ImportJob.objects.filter(pk=job_id, user=actor_from_request(request).user).first()
    if job is None:
        raise Http404
    return jobs.job_state(job)


def _percent(progress: jobs.Progress | None) -> int:
    if progress is None:
        return 0
    return min(100, round(100 * progress.done / max(progress.total, 1)))


@login_required
@require_GET
def job_detail(request: HttpRequest, job_id: UUID) -> HttpResponse:
    """Show the job: progress while it runs, then the preview or the result."""
    job = _own_job(request, job_id)
    progress = jobs.progress_of(job.pk)
    context = {
        "job": job,
        "progress": progress,
        "percent": _percent(progress),
        "summary": job.summary,
        "errors": [i for i in job.summary.get("issues", []) if i["error"]],
        "warnings": [i for i in job.summary.get("issues", []) if not i["error"]],
        "nav": "imports",
    }
    return render(request, "imports/job.html", context)


@login_required
@require_POST
def job_confirm(request: HttpRequest, job_id: UUID) -> HttpResponse:
    """Start the import of a checked job without errors."""
    _require_editor(actor_from_request(request))
    job = _own_job(request, job_id)
    if job.state == ImportJob.State.CHECKED and job.ok:
        job.state = ImportJob.State.RUNNING
        job.save(update_fields=["state", "updated_at"])
        jobs.job_submit(job, jobs.job_run)
    return redirect("imports:job", job_id=job.pk)


@login_required
@require_GET
def job_status(request: HttpRequest, job_id: UUID) -> JsonResponse:
    """Return the job's state and progress for the page's progress bar."""
    job = _own_job(request, job_id)
    progress = jobs.progress_of(job.pk)
    return JsonResponse(
        {
            "state": job.state,
            "state_label": job.get_state_display(),
            "in_progress": job.in_progress,
            "stage": progress.stage if progress else "",
            "done": progress.done if progress else 0,
            "total": progress.total if progress else 1,
            "percent": _percent(progress),
        }
    )


@login_required
@require_GET
def job_error_file(request: HttpRequest, job_id: UUID) -> FileResponse:
    """Download the job's error file: the workbook with each problem marked."""
    job = _own_job(request, job_id)
    path = jobs.upload_dir() / job.error_file if job.error_file else None
    if path is None or not path.exists():
        raise Http404
    name = f"{Path(job.original_name).name}.loi.xlsx"
    return FileResponse(path.open("rb"), as_attachment=True, filename=name)
