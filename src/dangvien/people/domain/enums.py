"""Statuses and closed attributes of a person record (domain.md §3)."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    """Where a person stands with the Party on a given day."""

    CANDIDATE = "quan_chung"  # Quần chúng ưu tú: on a cell's candidate list
    PROBATIONARY = "du_bi"  # Dự bị: admitted, in the 12-month probation
    OFFICIAL = "chinh_thuc"  # Chính thức: full member
    EXEMPT = "mien_sinh_hoat"  # Miễn sinh hoạt: official member excused from activities
    TRANSFERRED_OUT = "da_chuyen_di"  # Đã chuyển đi: moved to a unit outside the system
    STRUCK_OFF = "xoa_ten"  # Xóa tên: removed from the list
    EXPELLED = "khai_tru"  # Khai trừ
    RESIGNED = "ra_khoi_dang"  # Xin ra khỏi Đảng
    DECEASED = "tu_tran"  # Từ trần

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]

    @property
    def is_member(self) -> bool:
        """Return whether the status counts in the membership stock."""
        return self in MEMBER_STATUSES


STATUS_LABELS: dict[Status, str] = {
    Status.CANDIDATE: "Quần chúng ưu tú",
    Status.PROBATIONARY: "Dự bị",
    Status.OFFICIAL: "Chính thức",
    Status.EXEMPT: "Miễn sinh hoạt",
    Status.TRANSFERRED_OUT: "Đã chuyển đi",
    Status.STRUCK_OFF: "Xóa tên",
    Status.EXPELLED: "Khai trừ",
    Status.RESIGNED: "Xin ra khỏi Đảng",
    Status.DECEASED: "Từ trần",
}

# Exempt members stay members: they are official members excused from meetings.
MEMBER_STATUSES = frozenset({Status.PROBATIONARY, Status.OFFICIAL, Status.EXEMPT})
# Official members for vote thresholds and introducers: probationary ones do not count.
FULL_MEMBER_STATUSES = frozenset({Status.OFFICIAL, Status.EXEMPT})


class Gender(StrEnum):
    """Gender as recorded in the personal history form."""

    MALE = "nam"  # Nam
    FEMALE = "nu"  # Nữ

    @property
    def label(self) -> str:
        return "Nam" if self is Gender.MALE else "Nữ"
