"""Class types and trainee results of party training (domain.md §6)."""

from __future__ import annotations

from enum import StrEnum


class ClassType(StrEnum):
    """The kind of a training class; labels are the `Loại lớp` vocabulary of the workbook."""

    AWARENESS = "nhan_thuc"  # Nhận thức về Đảng: for candidates, gives certificate CN-NTVĐ
    NEW_MEMBER_THEORY = "ly_luan_dvm"  # Lý luận chính trị cho đảng viên mới: during probation
    ELEMENTARY_THEORY = "so_cap_llct"  # Sơ cấp lý luận chính trị: for members

    @property
    def label(self) -> str:
        return CLASS_TYPE_LABELS[self]


CLASS_TYPE_LABELS: dict[ClassType, str] = {
    ClassType.AWARENESS: "Nhận thức về Đảng",
    ClassType.NEW_MEMBER_THEORY: "Lý luận chính trị cho đảng viên mới",
    ClassType.ELEMENTARY_THEORY: "Sơ cấp lý luận chính trị",
}


class TraineeResult(StrEnum):
    """Whether a trainee completed a class (`Kết quả` in the workbook)."""

    COMPLETED = "hoan_thanh"  # Hoàn thành: the default when the result is not recorded
    NOT_COMPLETED = "khong_hoan_thanh"  # Không hoàn thành

    @property
    def label(self) -> str:
        return "Hoàn thành" if self is TraineeResult.COMPLETED else "Không hoàn thành"
