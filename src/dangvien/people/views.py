"""Pages of people: the member list with search and filters, and one person."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from dangvien.accounts.actor import actor_from_request
from dangvien.core.domain.errors import NotFoundError
from dangvien.orgs import selectors as org_selectors
from dangvien.people import access, selectors
from dangvien.people.domain.enums import MEMBER_STATUSES, Gender, Status
from dangvien.people.domain.identity import mask_citizen_id
from dangvien.people.forms import PersonFilterForm


def _filters(form: PersonFilterForm, scope_paths: dict[str, str]) -> selectors.PersonFilter:
    data = form.cleaned_data
    status = data.get("status") or ""
    if status == "dang_vien":
        statuses = tuple(sorted(MEMBER_STATUSES))
    else:
        statuses = (Status(status),) if status else ()
    org_code = data.get("org") or ""
    return selectors.PersonFilter(
        q=data.get("q") or "",
        statuses=statuses,
        gender=Gender(data["gender"]) if data.get("gender") else None,
        ethnicity=data.get("ethnicity") or "",
        age_band=data.get("age") or "",
        org_path=scope_paths.get(org_code, ""),
    )


@login_required
@require_GET
def person_list(request: HttpRequest) -> HttpResponse:
    """List people in scope in Vietnamese name order, filtered, one keyset page at a time."""
    actor = actor_from_request(request)
    # Any unit in scope may be asked for (the tree's links); one outside it is a 404.
    units = org_selectors.unit_choices(scope=actor.scope, selected=request.GET.get("org", ""))
    paths = {n.code: n.path for n in units.nodes}
    form = PersonFilterForm(request.GET, org_choices=units.pairs())
    page = None
    if form.is_valid():
        page = selectors.person_list(
            scope=actor.scope,
            filters=_filters(form, paths),
            cursor=request.GET.get("sau", ""),
            limit=50,
        )
    query = request.GET.copy()
    query.pop("sau", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "first_page": not request.GET.get("sau"),
        "mask": mask_citizen_id,
        "units_truncated": units.truncated,
        "nav": "people",
    }
    return render(request, "people/list.html", context)


@login_required
@require_GET
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    """Show one person's record and history; the view is written to the access log."""
    actor = actor_from_request(request)
    person = access.person_for_view(actor=actor, person_id=person_id)
    periods, memberships = selectors.person_history(person)
    try:
        unit = org_selectors.org_get(scope=actor.scope, code=person.current_org.code)
        ancestors = org_selectors.org_ancestors(scope=actor.scope, node=unit)
    except NotFoundError:
        unit, ancestors = None, []
    context = {
        "person": person,
        "periods": periods,
        "memberships": memberships,
        "unit": unit,
        "ancestors": ancestors,
        "positions": list(person.positions.all()),
        "nav": "people",
        "labels": selectors.person_labels(person),
    }
    return render(request, "people/detail.html", context)
