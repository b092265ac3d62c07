"""Pages of the organisation tree: dashboard, one unit, a node's children."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from dangvien.accounts.actor import actor_from_request
from dangvien.orgs import selectors


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    """Show the user's top units with their counts, ready to expand."""
    scope = actor_from_request(request).scope
    roots = selectors.org_roots(scope=scope)
    counts = selectors.subtree_counts(nodes=roots, day=scope.day)
    total = selectors.Counts(
        cells=sum(c.cells for c in counts.values()),
        members=sum(c.members for c in counts.values()),
        probationary=sum(c.probationary for c in counts.values()),
        candidates=sum(c.candidates for c in counts.values()),
    )
    rows = [(node, counts[node.id]) for node in roots]
    return render(
        request, "orgs/dashboard.html", {"rows": rows, "total": total, "nav": "dashboard"}
    )


@login_required
@require_GET
def org_detail(request: HttpRequest, code: str) -> HttpResponse:
    """Show one unit: its place in the tree, its children, localities and counts."""
    scope = actor_from_request(request).scope
    node = selectors.org_get(scope=scope, code=code)
    children = selectors.org_children(scope=scope, node=node)
    child_counts = selectors.subtree_counts(nodes=children, day=scope.day)
    own = selectors.subtree_counts(nodes=[node], day=scope.day)[node.id]
    context = {
        "node": node,
        "own": own,
        "ancestors": selectors.org_ancestors(scope=scope, node=node),
        "rows": [(child, child_counts[child.id]) for child in children],
        "localities": selectors.localities_of(scope=scope, node=node),
        "nav": "dashboard",
    }
    return render(request, "orgs/detail.html", context)


@login_required
@require_GET
def org_children(request: HttpRequest, code: str) -> HttpResponse:
    """Return the children of a unit as a tree fragment (loaded when a node opens)."""
    scope = actor_from_request(request).scope
    node = selectors.org_get(scope=scope, code=code)
    children = selectors.org_children(scope=scope, node=node)
    counts = selectors.subtree_counts(nodes=children, day=scope.day)
    rows = [(child, counts[child.id]) for child in children]
    return render(request, "orgs/_tree_nodes.html", {"rows": rows})
