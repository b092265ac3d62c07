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
class Persona:
    """One simulated user: who they are, their signed-in session and the pages they open."""

    role: str  # "Toàn quốc", "Tỉnh" or "Xã": the level of the account's unit
    unit: str  # the code of the account's unit
    session: str
    pages: list[Page]


@dataclass
class Plan:
    """What the locust process reads (as JSON): each simulated user takes the next persona."""

    cookie_name: str
    mix: str
    users: list[Persona]
    wait: tuple[float, float]
    seed: int = 1
    notes: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def page_summary(self) -> list[dict[str, Any]]:
        """Return each distinct page of the plan once, with its weight and optimisation."""
        seen: dict[str, dict[str, Any]] = {}
        for persona in self.users:
            for page in persona.pages:
                seen.setdefault(
                    page.name,
                    {"name": page.name, "weight": page.weight, "optimisation": page.optimisation},
                )
        return list(seen.values())


MIXES = ("national", "realistic")
# The realistic mix: who works in the system on an ordinary day, mostly commune offices.
REALISTIC = {"national": 1, "province": 3, "commune": 16}
SEARCHES = ["nguyen van a", "tran thi h", "hoang", "le van t"]


def load_user(
    username: str = LOAD_USERNAME, *, role: Any = None, org_code: str | None = None
) -> Any:
    """Return a load-test account, creating it if needed (default: at the top of the tree)."""
    from dangvien.accounts.actor import operator_actor
    from dangvien.accounts.domain.roles import Role
    from dangvien.accounts.models import User
    from dangvien.accounts.scope import global_scope
    from dangvien.accounts.services import user_create
    from dangvien.orgs.paths import spans_on

    existing = User.objects.filter(username=username).first()
    if existing is not None:
        return existing
    if org_code is None:
        root_path = global_scope().prefixes[0]
        org_code = spans_on(global_scope().day).select_related("org").get(path=root_path).org.code
    return user_create(
        actor=operator_actor(),
        username=username,
        role=role or Role.SYSTEM_ADMIN,
        org_code=org_code,
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


def _person_paths(rng: random.Random, wanted: int, path: str | None = None) -> list[str]:
    """Return the pages of about `wanted` people picked at random (under `path` if given)."""
    from django.db.models import Max, Min

    from dangvien.accounts.scope import global_scope
    from dangvien.orgs.paths import spans_under
    from dangvien.people.models import Person

    people = Person.objects.all()
    if path is not None:
        units = spans_under([path], global_scope().day).values("org_id")
        people = people.filter(current_org_id__in=units)
    bounds = people.aggregate(low=Min("id"), high=Max("id"))
    if bounds["low"] is None:
        return []
    picks = {rng.randint(bounds["low"], bounds["high"]) for _ in range(wanted * 3)}
    found = list(people.filter(id__in=picks).values_list("id", flat=True)[:wanted])
    if len(found) < wanted // 2:  # a small unit among ids spread over the country
        found = list(people.order_by("id").values_list("id", flat=True)[:wanted])
    return [f"/nhan-su/{pk}/" for pk in found]


def _units_of(org_type: str, count: int, rng: random.Random) -> list[tuple[str, str]]:
    """Return (code, path) of `count` units of a type on today's tree, picked at random."""
    from dangvien.accounts.scope import global_scope
    from dangvien.orgs.paths import spans_on

    units = list(
        spans_on(global_scope().day)
        .filter(org__org_type=org_type)
        .order_by("org__code")
        .values_list("org__code", "path")
    )
    return sorted(rng.sample(units, min(count, len(units))))


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


# A commune's dashboard is always computed; the optimisation applies above it.
KEPT_DASHBOARD = "giữ tổng quan của tỉnh, toàn quốc 5 phút"


def pages(seed: int) -> list[Page]:
    """Return the pages of the national administrator with their weights (the national mix)."""
    rng = random.Random(seed)
    commune = _commune_code()
    return [
        Page("Danh sách đảng viên", ["/nhan-su/"], 3),
        Page(
            "Tìm đảng viên theo tên",
            ["/nhan-su/?" + urlencode({"q": q}) for q in SEARCHES],
            3,
            optimisation="chỉ mục tìm tên (pg_trgm / FTS5)",
        ),
        Page("Bảng ứng viên (một xã)", [f"/phat-trien/?org={commune}"], 2),
        Page("Bảng ứng viên (toàn bộ)", ["/phat-trien/"], 1),
        Page("Trang một người", _person_paths(rng, 200), 4),
        Page("Trang chủ (tổng quan)", ["/"], 2),
        Page("Tổng quan báo cáo", ["/bao-cao/"], 1, optimisation=KEPT_DASHBOARD),
    ]


def unit_pages(role: str, path: str, rng: random.Random, board: list[str]) -> list[Page]:
    """Return the pages an officer opens on their own unit, named with their level."""
    return [
        Page(f"{role} · Danh sách đảng viên", ["/nhan-su/"], 3),
        Page(
            f"{role} · Tìm đảng viên theo tên",
            ["/nhan-su/?" + urlencode({"q": q}) for q in SEARCHES],
            3,
            optimisation="chỉ mục tìm tên (pg_trgm / FTS5)",
        ),
        Page(f"{role} · Bảng ứng viên", board, 3),
        Page(f"{role} · Trang một người", _person_paths(rng, 50, path), 4),
        Page(f"{role} · Trang chủ (tổng quan)", ["/"], 2),
        Page(f"{role} · Tổng quan báo cáo", ["/bao-cao/"], 1, optimisation=KEPT_DASHBOARD),
    ]


def _realistic(rng: random.Random) -> list[tuple[Any, str, str, list[Page]]]:
    """Return (account, level, unit code, pages) of the realistic mix's officers."""
    from dangvien.accounts.domain.roles import Role
    from dangvien.orgs.domain.enums import OrgType

    officers: list[tuple[Any, str, str, list[Page]]] = []
    national = load_user()
    officers.append((national, "Toàn quốc", "", [_renamed(p, "Toàn quốc") for p in pages(1)]))
    provinces = _units_of(OrgType.PROVINCE.value, REALISTIC["province"], rng)
    communes = _units_of(OrgType.COMMUNE.value, REALISTIC["commune"], rng)
    for index, (code, path) in enumerate(provinces, start=1):
        user = load_user(f"{LOAD_USERNAME}.tinh{index}", role=Role.PROVINCE_BOARD, org_code=code)
        inside = next((c for c, p in communes if p.startswith(path)), None)
        board = ["/phat-trien/"] + ([f"/phat-trien/?org={inside}"] if inside else [])
        officers.append((user, "Tỉnh", code, unit_pages("Tỉnh", path, rng, board)))
    for index, (code, path) in enumerate(communes, start=1):
        user = load_user(f"{LOAD_USERNAME}.xa{index}", role=Role.COMMUNE_COMMITTEE, org_code=code)
        officers.append((user, "Xã", code, unit_pages("Xã", path, rng, ["/phat-trien/"])))
    return officers


def _renamed(page: Page, role: str) -> Page:
    return Page(f"{role} · {page.name}", page.paths, page.weight, page.optimisation)


def plan_build(
    *, users: int, wait: tuple[float, float], seed: int = 1, mix: str = "national"
) -> Plan:
    """Return the plan: one persona per simulated user, with its session and pages.

    `national`: every user is the national administrator (the first measurements).
    `realistic`: 1 national administrator, 3 province and 16 commune officers (scaled to
    `users`), each on their own unit's pages.
    """
    from django.conf import settings

    if mix not in MIXES:
        raise ValueError(f"mix must be one of {MIXES}")
    rng = random.Random(seed)
    if mix == "national":
        user = load_user()
        sessions = signed_in_sessions(user, users)
        shared = pages(seed)
        personas = [Persona("Toàn quốc", "", key, shared) for key in sessions]
        notes: dict[str, Any] = {"user": user.username}
    else:
        officers = _realistic(rng)
        personas = []
        for index in range(users):
            user, role, unit, own = officers[_slot(index, users)]
            personas.append(Persona(role, unit, signed_in_sessions(user, 1)[0], own))
        notes = {"users": sorted({p.role + " " + (p.unit or "") for p in personas})}
    return Plan(
        cookie_name=settings.SESSION_COOKIE_NAME,
        mix=mix,
        users=personas,
        wait=wait,
        seed=seed,
        notes=notes,
    )


def _slot(index: int, users: int) -> int:
    """Return which officer of the realistic mix the `index`-th of `users` users is.

    With 20 users each officer once; with other counts the same shares, rounded.
    """
    total = sum(REALISTIC.values())
    position = index * total // max(users, 1)
    return min(position, total - 1)
