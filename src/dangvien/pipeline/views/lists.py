"""The board by stage, the filtered table, and the work lists."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from dangvien.accounts.actor import actor_from_request
from dangvien.accounts.scope import Scope
from dangvien.audit.services import audit_record
from dangvien.orgs import selectors as org_selectors
from dangvien.orgs.selectors import OrgNode
from dangvien.pipeline import selectors
from dangvien.pipeline.domain.stages import Stage
from dangvien.pipeline.domain.worklist import WorkKind
from dangvien.pipeline.forms import CandidacyFilterForm
from dangvien.pipeline.worklist import worklist_items, worklist_rollup


def _chosen(scope: Scope, code: str) -> OrgNode | None:
    return org_selectors.org_get(scope=scope, code=code) if code else None


@login_required
@require_GET
def board(request: HttpRequest) -> HttpResponse:
    """Show the open candidacies of a unit by stage, longest waiting first."""
    actor = actor_from_request(request)
    # Any unit in scope may be asked for (the tree's links); one outside it is a 404.
    units = org_selectors.unit_choices(scope=actor.scope, selected=request.GET.get("org", ""))
    node = units.selected
    columns = selectors.board(scope=actor.scope, org_path=node.path if node else "")
    audit_record(actor=actor, action="list", object_type="candidacy", detail={"page": "board"})
    context = {
        "columns": columns,
        "node": node,
        "units": units.nodes,
        "units_truncated": units.truncated,
        "today": actor.scope.day,
        "nav": "pipeline",
    }
    return render(request, "pipeline/board.html", context)


@login_required
@require_GET
def table(request: HttpRequest) -> HttpResponse:
    """List candidacies with filters, one keyset page at a time."""
    actor = actor_from_request(request)
    units = org_selectors.unit_choices(scope=actor.scope, selected=request.GET.get("org", ""))
    form = CandidacyFilterForm(request.GET, org_choices=units.pairs())
    page = None
    if form.is_valid():
        data = form.cleaned_data
        node = units.selected if data["org"] else None
        stage = data["stage"]
        filters = selectors.CandidacyFilter(
            org_path=node.path if node else "",
            stages=(Stage(stage),) if stage else (),
            overdue_only=data["overdue"],
            q=data["q"],
            source=data["source"],
        )
        page = selectors.candidacy_page(
            scope=actor.scope, filters=filters, cursor=request.GET.get("sau", ""), limit=50
        )
        audit_record(actor=actor, action="list", object_type="candidacy", detail={"page": "table"})
    query = request.GET.copy()
    query.pop("sau", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "first_page": not request.GET.get("sau"),
        "units_truncated": units.truncated,
        "today": actor.scope.day,
        "nav": "pipeline",
    }
    return render(request, "pipeline/table.html", context)


@login_required
@require_GET
def worklist(request: HttpRequest) -> HttpResponse:
    """Show what is overdue and due within 30 days, by unit and as a list ("Việc cần làm")."""
    actor = actor_from_request(request)
    code = request.GET.get("org", "")
    nodes = [_chosen(actor.scope, code)] if code else org_selectors.org_roots(scope=actor.scope)
    rollups = [worklist_rollup(scope=actor.scope, node=node) for node in nodes if node]
    kind_code = request.GET.get("loai", "")
    kind = WorkKind(kind_code) if kind_code in WorkKind._value2member_map_ else None
    items = worklist_items(
        scope=actor.scope,
        node=nodes[0] if code and nodes[0] else None,
        overdue_only=request.GET.get("qua_han") == "1",
        kind=kind,
    )
    context = {
        "rollups": rollups,
        "items": items,
        "kinds": list(WorkKind),
        "kind": kind,
        "code": code,
        "overdue_only": request.GET.get("qua_han") == "1",
        "nav": "worklist",
    }
    return render(request, "pipeline/worklist.html", context)
