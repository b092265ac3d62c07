"""Demo accounts at every level, with passwords printed for the person trying the demo."""

from __future__ import annotations

from dataclasses import dataclass

from dangvien.accounts.actor import operator_actor
from dangvien.accounts.domain.roles import Role
from dangvien.accounts.services import user_create
from dangvien.orgs.domain.enums import OrgType
from dangvien.orgs.models import Organization

PASSWORD_PREFIX = "Demo@2026-"  # printed by the CLI: demo data only, never production


@dataclass(frozen=True)
class DemoAccount:
    """A demo login: who it is, what it may see, and its password."""

    username: str
    role: Role
    org_code: str
    org_name: str
    password: str

    @property
    def role_label(self) -> str:
        """Return the role's Vietnamese label."""
        return self.role.label


def _first(org_type: OrgType, prefix: str = "") -> Organization | None:
    return (
        Organization.objects.filter(org_type=org_type.value, code__startswith=prefix)
        .order_by("code")
        .first()
    )


def _targets() -> list[tuple[str, Role, Organization | None, str]]:
    """Return (username, role, unit, full name) for each demo account."""
    province = _first(OrgType.PROVINCE)
    root = _first(OrgType.CENTRAL) or province
    commune = _first(OrgType.COMMUNE)
    prefix = f"{commune.code}-" if commune else ""
    grassroots = _first(OrgType.GRASSROOTS_COMMITTEE, prefix) or _first(
        OrgType.GRASSROOTS_COMMITTEE
    )
    cell = _first(OrgType.CELL, f"{prefix}TB") or _first(OrgType.CELL)
    return [
        ("admin", Role.SYSTEM_ADMIN, root, "Quản trị hệ thống"),
        ("tinh", Role.PROVINCE_BOARD, province, "Cán bộ Ban Tổ chức Tỉnh ủy"),
        ("capxa", Role.COMMUNE_COMMITTEE, commune, "Văn phòng Đảng ủy xã"),
        ("coso", Role.GRASSROOTS_COMMITTEE, grassroots, "Văn phòng Đảng ủy cơ sở"),
        ("chibo", Role.CELL_SECRETARY, cell, "Bí thư chi bộ"),
        ("xem", Role.VIEWER, commune, "Người xem"),
    ]


def demo_accounts_create() -> list[DemoAccount]:
    """Create one account per level on the generated tree; return them with passwords."""
    actor = operator_actor()
    created: list[DemoAccount] = []
    for username, role, org, full_name in _targets():
        if org is None:  # a tiny test tree may lack a level
            continue
        password = PASSWORD_PREFIX + username
        # The policy check is skipped for speed only; these passwords pass it anyway.
        user_create(
            actor=actor,
            username=username,
            role=role,
            org_code=org.code,
            password=password,
            full_name=full_name,
            check_password=False,
        )
        created.append(DemoAccount(username, role, org.code, org.name, password))
    return created
