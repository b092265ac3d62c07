"""Every page and API operation, for users of two sibling communes: nothing crosses over.

Routes are listed from the URL configuration and the OpenAPI document, so an
endpoint added later is covered without editing this file. For each one, a
user of commune A (then of commune B) requests it with parameters naming the
other commune's objects and with their own; no response may contain the
other commune's names, codes or citizen IDs (HTML, JSON, xlsx and docx are
decoded), objects of the other commune answer 404, and writes aimed at them
change nothing.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.utils import timezone

from dangvien.accounts.models import RoleAssignment, User
from dangvien.accounts.services import token_create
from dangvien.audit.privacy import consent_record
from dangvien.conftest import World, login, make_org, make_person
from dangvien.orgs.domain.enums import LocalityType, OrgType
from dangvien.orgs.services import LocalityInput, locality_save
from dangvien.people.domain.enums import Gender, Status
from dangvien.people.services import MembershipInput, membership_save
from tests.security.matrix_support import (
    ApiOperation,
    api_operations,
    body_for,
    page_routes,
    response_body,
    response_text,
    spreadsheet_formulas,
)

pytestmark = pytest.mark.django_db

# Routes not requested, each with the reason. Keep this list short.
EXEMPT_PAGES = {
    "/dang-xuat/": "ends the session the matrix runs in; it shows no data",
}
# Parameters naming an object: the other commune's value must answer 404.
OBJECT_PARAMS = {
    "code",
    "person_id",
    "membership_id",
    "candidacy_id",
    "document_id",
    "consent_id",
    "token_id",
}
# A unit name that a spreadsheet would run as a formula; every export must keep it text.
INJECTED = "HYPERLINK"
INJECTED_NAME = '=HYPERLINK("http://x.invalid/", "Chi bộ lạ")'
# Tables that every request may legitimately write (logs, sessions, login throttling).
VOLATILE_TABLES = (
    "audit_",
    "django_session",
    "axes_",
    "otp_",
    "accounts_apitoken",
    "reports_",  # derived report tables (cubes, stock snapshots), refreshed when read
    "pipeline_stagesnapshot",  # the stage snapshot, likewise (counts only, no person)
    "pipeline_historysnapshot",  # the forecast history pre-aggregate, built on first read
)


@dataclass
class Side:
    """One commune's user, objects and the strings that must never reach the other commune."""

    user: User
    values: dict[str, Any]
    secrets: list[str] = field(default_factory=list)


def _pipeline_samples(world: World, candidate_a: int, candidate_b: int) -> dict[str, Any]:
    from dangvien.pipeline.services.candidacy import candidacy_open
    from dangvien.pipeline.services.documents import document_record

    today = timezone.localdate()
    values: dict[str, Any] = {}
    for side, person_id in (("a", candidate_a), ("b", candidate_b)):
        candidacy = candidacy_open(
            actor=world.operator,
            person_id=person_id,
            source_category="doan_vien_uu_tu",
            opened_on=today - timedelta(days=20),
        )
        document = document_record(
            actor=world.operator,
            candidacy_id=candidacy.pk,
            form_code="1-KNĐ",
            issued_on=today - timedelta(days=10),
            attachment=SimpleUploadedFile(
                "don.pdf", b"%PDF-1.4 don xin vao Dang", "application/pdf"
            ),
        )
        values[f"candidacy_id_{side}"] = candidacy.pk
        values[f"document_id_{side}"] = document.pk
    return values


@pytest.fixture
def sides(world: World) -> tuple[Side, Side]:
    op = world.operator
    make_org(op, "CB-A3", INJECTED_NAME, OrgType.CELL, "XA-A")
    locality_b = locality_save(
        actor=op,
        code="XOM-BAC",
        data=LocalityInput(
            name="Xóm Bắc Sơn",
            locality_type=LocalityType.THON,
            commune_code="XA-B",
            cell_code="CB-B1",
        ),
    )
    candidate_b = make_person(
        op,
        "001301000077",
        "Trịnh Thị Xuân",
        "CB-B1",
        Status.CANDIDATE,
        gender=Gender.FEMALE,
        birth_date=date(1999, 4, 9),
    )
    memberships = {
        side: membership_save(
            actor=op, person_id=person.pk, data=MembershipInput(decision_date=date(2010, 3, 2))
        ).pk
        for side, person in (("a", world.person_a), ("b", world.person_b))
    }
    consents = {
        side: consent_record(
            actor=op, person_id=pid, purpose="processing", given_on=date(2025, 1, 6)
        ).pk
        for side, pid in (("a", world.person_a2.pk), ("b", candidate_b.pk))
    }
    tokens = {
        side: token_create(actor=op, username=user.username, name="Báo cáo")[0].pk
        for side, user in (("a", world.commune_a_user), ("b", world.commune_b_user))
    }
    for user, org in (
        (world.commune_a_user, world.commune_a),
        (world.commune_b_user, world.commune_b),
    ):
        RoleAssignment.objects.create(user=user, role="auditor", org=org)
    pipeline = _pipeline_samples(world, world.person_a2.pk, candidate_b.pk)

    def values(side: str, person: int, org: str, cell: str, locality: str) -> dict[str, Any]:
        return {
            "person_id": person,
            "membership_id": memberships[side],
            "consent_id": consents[side],
            "token_id": tokens[side],
            "candidacy_id": pipeline[f"candidacy_id_{side}"],
            "document_id": pipeline[f"document_id_{side}"],
            "org": org,
            "cell": cell,
            "locality": locality,
        }

    a = Side(
        world.commune_a_user,
        values("a", world.person_a.pk, "XA-A", "CB-A1", world.locality_a.code),
        [
            # Not "Nguyễn Văn An": the import template uses that name as its example.
            "An Phú",
            "Đặng Thị Hoa",
            "Chi bộ thôn Đông",
            "Chi bộ thôn Tây",
            "001090000001",
            "001095000002",
            "CB-A1",
            "CB-A2",
            "TH-DONG",
            "xa.anphu",
        ],
    )
    b = Side(
        world.commune_b_user,
        values("b", world.person_b.pk, "XA-B", "CB-B1", locality_b.code),
        [
            "Bình Minh",
            "Dương Văn Bình",
            "Trịnh Thị Xuân",
            "Chi bộ thôn Bắc",
            "Xóm Bắc Sơn",
            "001088000003",
            "001301000077",
            "CB-B1",
            "XOM-BAC",
            "xa.binhminh",
        ],
    )
    return a, b


class _Values(dict[str, Any]):
    # A parameter nobody registered a sample for (a new app's object) gets an id
    # that exists in some table; the leak check still applies to its response.
    def __missing__(self, key: str) -> Any:
        return 1


def _path_values(template: str, side: Side) -> dict[str, Any]:
    """Return a value for every path parameter of a route, taken from one side."""
    values = _Values(side.values)
    values["code"] = side.values["locality"] if "localit" in template else side.values["org"]
    if "bao-cao" in template or "/reports/" in template:
        values["kind"] = "admissions"
    elif "van-ban" in template or "/documents/" in template:
        values["kind"] = "2-KNĐ"
    else:
        values["kind"] = "x"
    values["fmt"] = "json" if "du-lieu" in template else "xlsx"
    values["slug"] = "x"
    values.setdefault("request_id", 1)
    return values


def _query(side: Side) -> dict[str, Any]:
    """Return query parameters a list, search, report or export may take, naming `side`."""
    return {
        "org": side.values["org"],
        "person": side.values["person_id"],
        "q": "duong van binh" if "Bình Minh" in side.secrets else "nguyen van an",
        "from": "2000-01-01",
        "to": "2030-12-31",
        "date_from": "2000-01-01",
    }


def _leaks(text: str, request: str, side: Side) -> list[str]:
    """Return the secrets of `side` found in a response, ignoring what the request echoed."""
    echoed = unicodedata.normalize("NFC", request)
    return [s for s in side.secrets if s in text and s not in echoed]


@dataclass
class Findings:
    """Everything wrong, collected over the whole matrix so one run shows it all."""

    problems: list[str] = field(default_factory=list)
    requests: int = 0

    def check(self, label: str, response: Any, request: str, other: Side, expect_404: bool) -> None:
        self.requests += 1
        if response.status_code >= 500:
            self.problems.append(f"{label}: {response.status_code}")
            return
        if expect_404 and response.status_code != 404:
            self.problems.append(f"{label}: {response.status_code} instead of 404")
        leaked = _leaks(response_text(response), request, other)
        if leaked:
            self.problems.append(f"{label}: shows {leaked}")
        injected = [f for f in spreadsheet_formulas(response_body(response)) if INJECTED in f]
        if injected:
            self.problems.append(f"{label}: exports text as a formula {injected}")


def _pages(client: Client, me: Side, other: Side, findings: Findings) -> None:
    for route in page_routes():
        if route.template in EXEMPT_PAGES:
            continue
        for target, label in ((other, "other"), (me, "own")):
            url = route.fill(_path_values(route.template, target))
            expect = label == "other" and bool(OBJECT_PARAMS & set(route.params))
            response = client.get(url, _query(other) if label == "own" else {})
            if response.status_code == 405:
                response = client.post(url, {})
            findings.check(f"page {route.template} ({label}) {url}", response, url, other, expect)


def _api(api: Client, me: Side, other: Side, findings: Findings) -> None:
    for operation in api_operations():
        for target, label in ((other, "other"), (me, "own")):
            if operation.method != "GET" and label == "own":
                continue  # writes are aimed only at the other commune
            _api_call(api, operation, target, label, me, other, findings)


def _api_call(
    api: Client,
    operation: ApiOperation,
    target: Side,
    label: str,
    me: Side,
    other: Side,
    findings: Findings,
) -> None:
    url = operation.fill(_path_values(operation.path, target))
    expect = label == "other" and bool(OBJECT_PARAMS & set(operation.path_params))
    if operation.method == "GET":
        query = {
            k: v
            for k, v in _query(other if label == "own" else target).items()
            if k in operation.query_params and (label == "own" or k != "q")
        }
        response = api.get(url, query)
        request = url + str(query)
    else:
        overrides = _write_overrides(other)
        body = body_for(operation, overrides) or {}
        response = api.generic(operation.method, url, _json(body), "application/json")
        request = url + _json(body)
        # 422 (body refused) and 405 (method not routed) happen before any object is read.
        expect = expect and response.status_code not in (405, 422)
    findings.check(
        f"api {operation.method} {operation.path} ({label})", response, request, other, expect
    )


def _write_overrides(other: Side) -> dict[str, object]:
    """Return body values that point every reference at the other commune."""
    org, cell = other.values["org"], other.values["cell"]
    return {
        "org_code": cell,
        "parent_code": org,
        "commune_code": org,
        "cell_code": cell,
        "person_id": other.values["person_id"],
        "candidacy_id": other.values["candidacy_id"],
    }


def _json(body: object) -> str:
    import json

    return json.dumps(body, ensure_ascii=False)


def _row_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names():
            if not table.startswith(VOLATILE_TABLES):
                cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
                counts[table] = cursor.fetchone()[0]
        return counts


def _run(me: Side, other: Side) -> Findings:
    findings = Findings()
    _pages(login(Client(raise_request_exception=False), me.user), me, other, findings)
    _, secret = token_create(actor=_operator(), username=me.user.username)
    api = Client(HTTP_AUTHORIZATION=f"Bearer {secret}", raise_request_exception=False)
    _api(api, me, other, findings)
    return findings


def _operator():  # type: ignore[no-untyped-def]
    from dangvien.accounts.actor import operator_actor

    return operator_actor()


def test_commune_a_sees_nothing_of_commune_b(sides: tuple[Side, Side]):
    a, b = sides
    before = _row_counts()
    findings = _run(a, b)
    assert findings.problems == []
    assert findings.requests > 100
    changed = {t for t, n in _row_counts().items() if before.get(t) != n}
    assert changed <= {"accounts_apitoken"}, changed


def test_commune_b_sees_nothing_of_commune_a(sides: tuple[Side, Side]):
    a, b = sides
    findings = _run(b, a)
    assert findings.problems == []


def test_the_exemption_list_names_only_existing_routes():
    templates = {r.template for r in page_routes()}
    assert set(EXEMPT_PAGES) <= templates
