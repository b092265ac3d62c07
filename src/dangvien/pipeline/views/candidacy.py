"""One candidacy: its page, opening one, its step forms, and its files."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from dangvien.accounts.actor import actor_from_request
from dangvien.core.domain.errors import DomainError, NotFoundError
from dangvien.people.domain.enums import Status
from dangvien.people.domain.vocabularies import SOURCE_CATEGORIES
from dangvien.people.selectors import people_in_scope
from dangvien.pipeline import access, services
from dangvien.pipeline.detail import candidacy_view
from dangvien.pipeline.docx_render import download_name, render_document
from dangvien.pipeline.domain.documents import GeneratedDocument
from dangvien.pipeline.domain.stages import Stage
from dangvien.pipeline.facts import official_members_on
from dangvien.pipeline.forms import OpenForm
from dangvien.pipeline.models import Candidacy
from dangvien.pipeline.selectors import candidacy_get
from dangvien.pipeline.views.step_registry import BY_SLUG, STEPS, Step

CELL_VOTE_STEPS = frozenset({"chi-bo-xet", "chi-bo-xet-chinh-thuc"})
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@login_required
@require_GET
def detail(request: HttpRequest, candidacy_id: int) -> HttpResponse:
    """Show a candidacy: timeline, checklist of the next step, records, due dates, steps."""
    actor = actor_from_request(request)
    candidacy = access.candidacy_for_view(actor=actor, candidacy_id=candidacy_id)
    view = candidacy_view(candidacy, today=actor.scope.day)
    offered = [step for step in STEPS if step.offered(candidacy, view.actions)]
    context = {
        "view": view,
        "c": candidacy,
        "stage": Stage(candidacy.stage),
        "source_label": SOURCE_CATEGORIES.label(candidacy.source_category)
        if candidacy.source_category in SOURCE_CATEGORIES
        else candidacy.source_category,
        "next_steps": [s for s in offered if s.group == "next"],
        "record_steps": [s for s in offered if s.group == "ho_so"],
        "exit_steps": [s for s in offered if s.group == "exit"],
        "nav": "pipeline",
    }
    return render(request, "pipeline/detail.html", context)


def _candidates(request: HttpRequest) -> list[tuple[int, str]]:
    actor = actor_from_request(request)
    open_people = Candidacy.objects.filter(is_open=True).values("person_id")
    rows = (
        people_in_scope(actor.scope)
        .filter(
            current_status=Status.CANDIDATE.value, current_org_id__in=actor.scope.org_ids(edit=True)
        )
        .exclude(pk__in=open_people)
        .select_related("current_org")
        .order_by("sort_key")[:1000]
    )
    return [(p.pk, f"{p.full_name} — {p.current_org.name}") for p in rows]


@login_required
@require_http_methods(["GET", "POST"])
def open_candidacy(request: HttpRequest) -> HttpResponse:
    """Open a candidacy for a person on a cell's list of candidates."""
    actor = actor_from_request(request)
    people = _candidates(request)
    initial = {"person": request.GET.get("nguoi", ""), "opened_on": actor.scope.day}
    form = OpenForm(request.POST or None, people=people, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            candidacy = services.candidacy_open(
                actor=actor,
                person_id=data["person"],
                source_category=data["source_category"],
                opened_on=data["opened_on"],
            )
        except NotFoundError:
            raise
        except DomainError as exc:
            _attach_error(form, exc)
        else:
            messages.success(request, "Đã mở hồ sơ phát triển đảng viên.")
            return redirect("pipeline:detail", candidacy.pk)
    return render(
        request, "pipeline/open.html", {"form": form, "has_people": bool(people), "nav": "pipeline"}
    )


def _attach_error(form: Any, exc: DomainError) -> None:
    """Show a refusal at the field it is about, else above the form; lines stay separate."""
    field = exc.field if exc.field in form.fields else None
    for line in exc.message.splitlines():
        form.add_error(field, line)


def _form_for(step: Step, request: HttpRequest, candidacy: Candidacy) -> Any:
    actor = actor_from_request(request)
    extra = step.choices(actor, candidacy) if step.choices else {}
    initial = {"version": candidacy.version}
    if request.method == "POST":
        return step.form(request.POST, request.FILES, initial=initial, **extra)
    return step.form(initial=initial, **extra)


@login_required
@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, candidacy_id: int, slug: str) -> HttpResponse:
    """Show and record one step; a refusal is shown on the form, in Vietnamese."""
    chosen = BY_SLUG.get(slug)
    if chosen is None:
        raise Http404
    actor = actor_from_request(request)
    candidacy = candidacy_get(scope=actor.scope, candidacy_id=candidacy_id)
    form = _form_for(chosen, request, candidacy)
    if request.method == "POST" and form.is_valid():
        try:
            notes = chosen.run(actor, candidacy, form.cleaned_data)
        except NotFoundError:
            raise
        except DomainError as exc:
            _attach_error(form, exc)
        else:
            messages.success(request, f"Đã ghi: {chosen.title}.")
            for note in notes:
                messages.warning(request, note)
            return redirect("pipeline:detail", candidacy.pk)
    context = {
        "step": chosen,
        "form": form,
        "c": candidacy,
        "is_vote": "in_favour" in form.fields,
        "eligible_today": (
            official_members_on(candidacy.cell_id, actor.scope.day)
            if chosen.slug in CELL_VOTE_STEPS
            else None
        ),
        "nav": "pipeline",
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "pipeline/step.html", context, status=status)


@login_required
@require_GET
def generated(request: HttpRequest, candidacy_id: int, kind: str) -> HttpResponse:
    """Download the filled Word document of a recorded resolution or decision."""
    chosen = GeneratedDocument._value2member_map_.get(kind)
    if not isinstance(chosen, GeneratedDocument):
        raise Http404
    actor = actor_from_request(request)
    candidacy = access.generated_for_download(actor=actor, candidacy_id=candidacy_id, kind=kind)
    response = HttpResponse(render_document(candidacy, chosen), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{download_name(candidacy, chosen)}"'
    return response


@login_required
@require_GET
def attachment(request: HttpRequest, document_id: int) -> FileResponse:
    """Download a scanned paper; only within scope, and the download is logged."""
    actor = actor_from_request(request)
    document = access.attachment_for_download(actor=actor, document_id=document_id)
    return FileResponse(
        document.attachment.open("rb"),
        as_attachment=True,
        filename=document.attachment_name or "tep-dinh-kem",
    )
