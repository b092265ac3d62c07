"""The load plan: signed-in sessions for the simulated users and the pages they open.

Sessions are made the way a sign-in with a second factor leaves them (the same
keys django.contrib.auth and django_otp store), in the session store the server
is configured with, so the server checks them exactly as it checks real ones.
"""

from __future__ import annotations

import random
import secrets
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import urlencode

LOAD_USERNAME = "kiemthu.taitai"  # a dedicated account; never a real person's


@dataclass
class Page:
    """One page of the plan: a name for the table, the addresses to pick from, a weight."""

    name: str
    paths: list[str]
    weight: int
    optimisation: str = ""  # what the baseline run turns off for this page, if anything


@dataclass
class Plan:
    """What the locust process reads (as JSON)."""

    cookie_name: str
    sessions: list[str]
    pages: list[Page]
    wait: tuple[float, float]
    seed: int = 1
    notes: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def load_user() -> Any:
    """Return the load-test account at the top of the tree, creating it if needed."""
    from dangvien.accounts.actor import operator_actor
    from dangvien.accounts.domain.roles import Role
    from dangvien.accounts.models import User
    from dangvien.accounts.scope import global_scope
    from dangvien.accounts.services import user_create
    from dangvien.orgs.paths import spans_on

    existing = User.objects.filter(username=LOAD_USERNAME).first()
    if existing is not None:
        return existing
    root_path = global_scope().prefixes[0]
    root = spans_on(global_scope().day).select_related("org").get(path=root_path).org
    return user_create(
        actor=operator_actor(),
        username=LOAD_USERNAME,
        role=Role.SYSTEM_ADMIN,
        org_code=root.code,
        password=secrets.token_urlsafe(24),  # never used: sessions are made directly
        full_name="Tài khoản đo tải",
        check_password=False,
    )


def signed_in_sessions(user: Any, count: int) -> list[str]:
    """Return `count` session keys of the user, second factor passed."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from dangvien.accounts.otp import needs_second_factor

    device = None
    if needs_second_factor(user):
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        device = device or TOTPDevice.objects.create(user=user, name="Đo tải", confirmed=True)
    keys = []
    for _ in range(count):
        client = Client()
        client.force_login(user)
        session = client.session
        if device is not None:
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
        keys.append(session.session_key)
    return keys


def _person_paths(rng: random.Random, wanted: int) -> list[str]:
    from django.db.models import Max, Min

    from dangvien.people.models import Person

    bounds = Person.objects.aggregate(low=Min("id"), high=Max("id"))
    picks = {rng.randint(bounds["low"], bounds["high"]) for _ in range(wanted * 3)}
    found = Person.objects.filter(id__in=picks).values_list("id", flat=True)[:wanted]
    return [f"/nhan-su/{pk}/" for pk in found]


def _commune_code() -> str:
    from dangvien.accounts.scope import global_scope
    from dangvien.orgs.domain.enums import OrgType
    from dangvien.orgs.paths import spans_on

    span = (
        spans_on(global_scope().day)
        .filter(org__org_type=OrgType.COMMUNE)
        .order_by("org__code")
        .select_related("org")
        .first()
    )
    return span.org.code if span else ""


def pages(seed: int) -> list[Page]:
    """Return the pages under test with their weights (a commune officer's day, roughly)."""
    rng = random.Random(seed)
    commune = _commune_code()
    searches = ["nguyen van a", "tran thi h", "hoang", "le van t"]
    return [
        Page("Danh sách đảng viên", ["/nhan-su/"], 3),
        Page(
            "Tìm đảng viên theo tên",
            ["/nhan-su/?" + urlencode({"q": q}) for q in searches],
            3,
            optimisation="chỉ mục tìm tên (pg_trgm / FTS5)",
        ),
        Page("Bảng ứng viên (một xã)", [f"/phat-trien/?org={commune}"], 2),
        Page("Bảng ứng viên (toàn bộ)", ["/phat-trien/"], 1),
        Page("Trang một người", _person_paths(rng, 200), 4),
        Page("Trang chủ (tổng quan)", ["/"], 2),
        Page("Tổng quan báo cáo", ["/bao-cao/"], 1),
    ]


def plan_build(*, users: int, wait: tuple[float, float], seed: int = 1) -> Plan:
    """Return the plan: one session per simulated user and the pages."""
    from django.conf import settings

    user = load_user()
    return Plan(
        cookie_name=settings.SESSION_COOKIE_NAME,
        sessions=signed_in_sessions(user, users),
        pages=pages(seed),
        wait=wait,
        seed=seed,
        notes={"user": user.username},
    )
