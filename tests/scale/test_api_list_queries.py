"""Every API list operation makes the same, bounded number of queries whatever its size.

The operations come from the OpenAPI document: any GET whose answer is an array,
or an object with an `items` array. Each is called twice, on a small and on a
large answer (a cell's user and the commune's, or a short and a long page);
one query per row would make the counts differ, and the pin keeps the count
itself from creeping up. A new list operation fails `test_every_list_operation_is_pinned`
until a case is added below.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from dangvien.audit.models import Consent
from dangvien.orgs.domain.tree import OPEN_END
from dangvien.orgs.models import Organization, OrgVersion
from dangvien.people.models import Person
from tests.scale.conftest import api_client
from tests.security.matrix_support import api_operations

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Call:
    """One request of a case: who asks, and the path and query to fill in."""

    username: str
    path: dict[str, object]
    query: dict[str, object]


Case = Callable[[], tuple[Call, Call]]  # (small answer, large answer)


def _person_by(relation: str, *, most: bool) -> int:
    ordered = Person.objects.annotate(n=Count(relation)).order_by("-n" if most else "n", "id")
    return int(ordered.values_list("id", flat=True)[0])


def _orgs_by_children(*, most: bool) -> str:
    """Return the code of the unit with the most (or fewest, at least one) children today."""
    counts = Counter(
        OrgVersion.objects.filter(valid_to=OPEN_END, parent__isnull=False).values_list(
            "parent_id", flat=True
        )
    )
    chosen = (max if most else min)(sorted(counts), key=lambda org_id: counts[org_id])
    return str(Organization.objects.get(pk=chosen).code)


def _unit_of(username: str) -> str:
    from dangvien.accounts.models import RoleAssignment

    return str(RoleAssignment.objects.filter(user__username=username).get().org.code)


def _consents() -> tuple[int, int]:
    """Return a person without consents and one with three."""
    from dangvien.accounts.actor import operator_actor
    from dangvien.audit.privacy import consent_record

    none, three = Person.objects.order_by("id").values_list("id", flat=True)[:2]
    for purpose in Consent.Purpose.values:
        consent_record(
            actor=operator_actor(), person_id=three, purpose=purpose, given_on=date(2026, 1, 5)
        )
    return none, three


def _same(username_small: str, username_large: str, **query: object) -> Case:
    return lambda: (Call(username_small, {}, query), Call(username_large, {}, query))


def _paged(**query: object) -> Case:
    return lambda: (
        Call("admin", {}, {**query, "limit": 2}),
        Call("admin", {}, {**query, "limit": 200}),
    )


CASES: dict[str, tuple[Case, int]] = {
    # operation: (how to make a small and a large answer, most queries allowed)
    "GET /api/v1/orgs": (_paged(), 9),
    "GET /api/v1/orgs/{code}/children": (
        lambda: (
            Call("admin", {"code": _orgs_by_children(most=False)}, {}),
            Call("admin", {"code": _orgs_by_children(most=True)}, {}),
        ),
        9,
    ),
    "GET /api/v1/localities": (_same("chibo", "admin"), 8),
    "GET /api/v1/people": (_paged(), 8),
    "GET /api/v1/people/{person_id}/periods": (
        lambda: (
            Call("admin", {"person_id": _person_by("periods", most=False)}, {}),
            Call("admin", {"person_id": _person_by("periods", most=True)}, {}),
        ),
        10,
    ),
    "GET /api/v1/people/{person_id}/memberships": (
        lambda: (
            Call("admin", {"person_id": _person_by("memberships", most=False)}, {}),
            Call("admin", {"person_id": _person_by("memberships", most=True)}, {}),
        ),
        10,
    ),
    "GET /api/v1/candidacies": (_paged(), 8),
    "GET /api/v1/candidacies/board": (_same("chibo", "admin"), 10),  # ids, then cards
    "GET /api/v1/candidacies/worklist": (
        lambda: (
            Call("chibo", {}, {"org": _unit_of("chibo")}),
            Call("admin", {}, {"org": _unit_of("admin")}),
        ),
        11,
    ),
    "GET /api/v1/audit/entries": (
        lambda: (Call("admin", {}, {"action": "khong-co"}), Call("admin", {}, {})),
        9,
    ),
    "GET /api/v1/privacy/people/{person_id}/consents": (
        lambda: tuple(Call("admin", {"person_id": pk}, {}) for pk in _consents()),  # type: ignore[return-value]
        9,
    ),
}


def _is_list(operation: Any) -> bool:
    if operation.method != "GET":
        return False
    answer = operation.operation["responses"].get(200) or operation.operation["responses"].get(
        "200", {}
    )
    schema = answer.get("content", {}).get("application/json", {}).get("schema", {})
    if "$ref" in schema:
        from dangvien.config.api import api

        name = schema["$ref"].split("/")[-1]
        schema = api.get_openapi_schema()["components"]["schemas"][name]
    return schema.get("type") == "array" or "items" in schema.get("properties", {})


def _list_operations() -> list[str]:
    return sorted(f"{op.method} {op.path}" for op in api_operations() if _is_list(op))


def _items(body: Any) -> int:
    """Return the rows of an answer: its items, or the cards of a board's columns."""
    rows = body if isinstance(body, list) else body["items"]
    if rows and isinstance(rows[0], dict) and "cards" in rows[0]:
        return sum(len(column["cards"]) for column in rows)
    return len(rows)


def _run(template: str, call: Call) -> tuple[int, int]:
    """Return (queries, items) of one request; the token is made before counting."""
    client = api_client(call.username)
    url = template.format(**call.path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, call.query)
    assert response.status_code == 200, (url, response.content[:300])
    return len(queries.captured_queries), _items(response.json())


def test_every_list_operation_is_pinned(commune):
    assert _list_operations() == sorted(CASES)


@pytest.mark.parametrize("operation", sorted(CASES))
def test_a_list_makes_the_same_bounded_queries_for_few_and_many_rows(commune, operation):
    template = operation.split(" ", 1)[1]
    case, most = CASES[operation]
    small, large = case()

    small_queries, small_items = _run(template, small)
    large_queries, large_items = _run(template, large)

    assert large_items > small_items
    assert large_queries == small_queries
    assert large_queries <= most, large_queries
