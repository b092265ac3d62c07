"""Roles and what they may do (pure)."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """A user's role on one organisation; it applies to that organisation's subtree."""

    SYSTEM_ADMIN = "system_admin"  # Quản trị hệ thống: accounts, backups, access log
    PROVINCE_BOARD = "province_board"  # Ban Tổ chức Tỉnh ủy
    COMMUNE_COMMITTEE = "commune_committee"  # Đảng ủy xã/phường
    GRASSROOTS_COMMITTEE = "grassroots_committee"  # Đảng ủy cơ sở
    CELL_SECRETARY = "cell_secretary"  # Bí thư chi bộ
    VIEWER = "viewer"  # Chỉ xem
    AUDITOR = "auditor"  # Kiểm tra nhật ký truy cập: reads the access log of its subtree

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]

    @property
    def can_edit(self) -> bool:
        """Return whether the role may change records in its subtree."""
        return self not in (Role.VIEWER, Role.AUDITOR)

    @property
    def can_audit(self) -> bool:
        """Return whether the role may read the access log of its subtree."""
        return self in (Role.SYSTEM_ADMIN, Role.AUDITOR)

    @property
    def needs_second_factor(self) -> bool:
        """Return whether logins need a second factor (every role above cell level)."""
        return self not in (Role.CELL_SECRETARY, Role.VIEWER)


ROLE_LABELS: dict[Role, str] = {
    Role.SYSTEM_ADMIN: "Quản trị hệ thống",
    Role.PROVINCE_BOARD: "Ban Tổ chức Tỉnh ủy",
    Role.COMMUNE_COMMITTEE: "Đảng ủy xã/phường",
    Role.GRASSROOTS_COMMITTEE: "Đảng ủy cơ sở",
    Role.CELL_SECRETARY: "Bí thư chi bộ",
    Role.VIEWER: "Chỉ xem",
    Role.AUDITOR: "Kiểm tra nhật ký truy cập",
}
