"""Shared test fixtures: a small two-commune province with named personas."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from dangvien.accounts.actor import Actor, operator_actor
from dangvien.accounts.domain.roles import Role
from dangvien.accounts.models import User
from dangvien.accounts.otp import needs_second_factor, totp_now
from dangvien.accounts.services import token_create, user_create
from dangvien.orgs.domain.enums import LocalityType, OrgType
from dangvien.orgs.models import Locality, Organization
from dangvien.orgs.services import LocalityInput, OrgInput, locality_save, org_create
from dangvien.people.domain.enums import Gender, Status
from dangvien.people.models import Person
from dangvien.people.services import PersonInput, person_create

PASSWORD = "Mat-khau-thu-2026"


@dataclass
class World:
    """Province P with communes A (cells A1, A2) and B (cell B1), people and accounts."""

    operator: Actor
    province: Organization
    commune_a: Organization
    commune_b: Organization
    cell_a1: Organization
    cell_a2: Organization
    cell_b1: Organization
    locality_a: Locality
    person_a: Person  # Nguyễn Văn An, official member in A1
    person_a2: Person  # Đặng Thị Hoa, candidate in A2
    person_b: Person  # Dương Văn Bình, official member in B1
    admin: User
    commune_a_user: User
    commune_b_user: User
    viewer_a: User


def make_org(actor: Actor, code: str, name: str, kind: OrgType, parent: str | None) -> Organization:
    return org_create(
        actor=actor, code=code, data=OrgInput(name=name, org_type=kind, parent_code=parent)
    )


def make_person(
    actor: Actor, cid: str, name: str, cell: str, status: Status, **extra: Any
) -> Person:
    data = PersonInput(
        citizen_id=cid,
        full_name=name,
        birth_date=extra.pop("birth_date", date(1990, 5, 17)),
        gender=extra.pop("gender", Gender.MALE),
        **extra,
    )
    return person_create(
        actor=actor, data=data, org_code=cell, status=status, since=date(2015, 1, 1)
    )


def make_user(actor: Actor, username: str, role: Role, org: str) -> User:
    return user_create(actor=actor, username=username, role=role, org_code=org, password=PASSWORD)


@pytest.fixture
def world(db: None) -> World:
    op = operator_actor()
    province = make_org(op, "P01", "Đảng bộ tỉnh Thử Nghiệm", OrgType.PROVINCE, None)
    op = operator_actor()  # the scope now includes the new root
    commune_a = make_org(op, "XA-A", "Đảng bộ xã An Phú", OrgType.COMMUNE, "P01")
    commune_b = make_org(op, "XA-B", "Đảng bộ xã Bình Minh", OrgType.COMMUNE, "P01")
    cell_a1 = make_org(op, "CB-A1", "Chi bộ thôn Đông", OrgType.CELL, "XA-A")
    cell_a2 = make_org(op, "CB-A2", "Chi bộ thôn Tây", OrgType.CELL, "XA-A")
    cell_b1 = make_org(op, "CB-B1", "Chi bộ thôn Bắc", OrgType.CELL, "XA-B")
    locality_a = locality_save(
        actor=op,
        code="TH-DONG",
        data=LocalityInput(
            name="Thôn Đông",
            locality_type=LocalityType.THON,
            commune_code="XA-A",
            cell_code="CB-A1",
            has_independent_cell=True,
        ),
    )
    person_a = make_person(op, "001090000001", "Nguyễn Văn An", "CB-A1", Status.OFFICIAL)
    person_a2 = make_person(
        op,
        "001095000002",
        "Đặng Thị Hoa",
        "CB-A2",
        Status.CANDIDATE,
        gender=Gender.FEMALE,
        birth_date=date(2001, 3, 2),
    )
    person_b = make_person(op, "001088000003", "Dương Văn Bình", "CB-B1", Status.OFFICIAL)
    return World(
        operator=op,
        province=province,
        commune_a=commune_a,
        commune_b=commune_b,
        cell_a1=cell_a1,
        cell_a2=cell_a2,
        cell_b1=cell_b1,
        locality_a=locality_a,
        person_a=person_a,
        person_a2=person_a2,
        person_b=person_b,
        admin=make_user(op, "quantri", Role.SYSTEM_ADMIN, "P01"),
        commune_a_user=make_user(op, "xa.anphu", Role.COMMUNE_COMMITTEE, "XA-A"),
        commune_b_user=make_user(op, "xa.binhminh", Role.COMMUNE_COMMITTEE, "XA-B"),
        viewer_a=make_user(op, "xem.anphu", Role.VIEWER, "XA-A"),
    )


def enrol_totp(user: User) -> TOTPDevice:
    """Return the user's confirmed authenticator device, registering one if needed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Thử nghiệm", confirmed=True)


def totp_code(user: User) -> str:
    """Return a code the user's authenticator app would show now (accepted once)."""
    device = enrol_totp(user)
    # A code is accepted once per 30-second step; tests may sign in twice in one step.
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    device.refresh_from_db()
    return totp_now(device)


def login(client: Client, user: User) -> Client:
    """Sign the user in, passing the second factor too when their role needs it."""
    client.force_login(user)
    if needs_second_factor(user):
        device = enrol_totp(user)
        # What django_otp.login() stores once a code has been accepted.
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


@pytest.fixture
def api_client_for(world: World):  # type: ignore[no-untyped-def]
    """Return a factory of API clients authenticated with a fresh bearer token."""

    def factory(user: User) -> Client:
        _, secret = token_create(actor=world.operator, username=user.username)
        return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")

    return factory


def pytest_configure(config: pytest.Config) -> None:
    """Hash test passwords with a fast hasher: Argon2 is slow by design, and every
    `world` fixture creates several accounts. Production keeps Argon2 (settings.py)."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tests run in transactions that never commit, so the counts cache would never
    # learn of their writes (it moves on after a commit): off, except in its own tests.
    settings.DANGVIEN_COUNTS_CACHE_SECONDS = 0
    # Likewise the kept dashboards of large units: off, except in their own tests, so
    # that no test reads figures another test computed.
    settings.DANGVIEN_DASHBOARD_CACHE_SECONDS = 0
