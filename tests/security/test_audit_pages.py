"""Auditors search the access log of their own part of the tree only, and can export it."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import pytest
from django.test import Client

from dangvien.accounts.domain.roles import Role
from dangvien.audit.models import AccessLog, Consent
from dangvien.conftest import World, login, make_user
from dangvien.people.access import person_for_view

pytestmark = pytest.mark.django_db


@pytest.fixture
def auditor_a(world: World):
    return make_user(world.operator, "kiemtra.anphu", Role.AUDITOR, "XA-A")


def _views_of_both_communes(world: World) -> None:
    from dangvien.accounts.actor import Actor
    from dangvien.accounts.scope import scope_for

    for user, person in (
        (world.commune_a_user, world.person_a),
        (world.commune_b_user, world.person_b),
    ):
        actor = Actor(user, scope_for(user), "web", "10.1.1.1")
        person_for_view(actor=actor, person_id=person.pk)


def test_an_auditor_sees_entries_of_their_commune_only(world: World, client: Client, auditor_a):
    _views_of_both_communes(world)
    login(client, auditor_a)
    page = client.get("/nhat-ky/", {"action": "view"}).content.decode()
    assert "xa.anphu" in page
    assert "xa.binhminh" not in page


def test_a_search_by_a_person_of_another_commune_answers_404(
    world: World, client: Client, auditor_a
):
    login(client, auditor_a)
    assert client.get("/nhat-ky/", {"person": world.person_b.pk}).status_code == 404
    assert client.get("/nhat-ky/", {"org": "XA-B"}).status_code == 404


def test_a_commune_user_without_the_auditor_role_is_refused(world: World, client: Client):
    login(client, world.commune_a_user)
    response = client.get("/nhat-ky/")
    assert response.status_code == 403
    assert AccessLog.objects.filter(action="denied", user=world.commune_a_user).exists()


def test_the_export_is_an_xlsx_with_formulas_kept_as_text(world: World, client: Client, auditor_a):
    from dangvien.accounts.actor import Actor
    from dangvien.accounts.scope import scope_for
    from dangvien.audit.services import audit_record

    actor = Actor(world.commune_a_user, scope_for(world.commune_a_user), "web", None)
    audit_record(
        actor=actor, action="view", object_type='=HYPERLINK("x")', org_id=world.commune_a.pk
    )
    login(client, auditor_a)
    response = client.get("/nhat-ky/xuat/")
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cells = [c for row in workbook.active.iter_rows() for c in row if c.value == '=HYPERLINK("x")']
    assert cells
    assert all(c.data_type == "s" for c in cells)
    assert AccessLog.objects.filter(action="export", object_type="access_log").exists()


def test_the_api_lists_entries_in_scope(world: World, api_client_for, auditor_a):
    _views_of_both_communes(world)
    api = api_client_for(auditor_a)
    names = {e["username"] for e in api.get("/api/v1/audit/entries").json()["items"]}
    assert "xa.anphu" in names
    assert "xa.binhminh" not in names


def test_a_consent_is_recorded_and_withdrawn(world: World, api_client_for):
    api = api_client_for(world.commune_a_user)
    created = api.post(
        f"/api/v1/privacy/people/{world.person_a2.pk}/consents",
        {"purpose": "processing", "given_on": "2026-01-05", "text_version": "Mẫu 01/2026"},
        content_type="application/json",
    )
    assert created.status_code == 201
    consent_id = created.json()["id"]
    withdrawn = api.post(
        f"/api/v1/privacy/consents/{consent_id}/withdraw",
        {"withdrawn_on": date.today().isoformat()},
        content_type="application/json",
    )
    assert withdrawn.status_code == 200
    assert Consent.objects.get(pk=consent_id).withdrawn_on == date.today()


def test_consents_of_another_commune_answer_404(world: World, api_client_for):
    api = api_client_for(world.commune_a_user)
    response = api.post(
        f"/api/v1/privacy/people/{world.person_b.pk}/consents",
        {"purpose": "processing", "given_on": "2026-01-05"},
        content_type="application/json",
    )
    assert response.status_code == 404
    assert not Consent.objects.exists()


def test_the_subject_access_export_holds_the_record_and_who_saw_it(world: World, client: Client):
    _views_of_both_communes(world)
    login(client, world.commune_a_user)
    response = client.get(f"/nhat-ky/nhan-su/{world.person_a.pk}/du-lieu.json")
    assert response.status_code == 200
    data = response.json()
    assert data["nguoi"]["so_cccd"] == "001090000001"
    assert any(row["nguoi_truy_cap"] == "xa.anphu" for row in data["nhat_ky_truy_cap"])
    xlsx = client.get(f"/nhat-ky/nhan-su/{world.person_a.pk}/du-lieu.xlsx")
    assert xlsx.status_code == 200
    assert client.get(f"/nhat-ky/nhan-su/{world.person_b.pk}/du-lieu.json").status_code == 404
