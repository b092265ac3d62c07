"""The quota categories: `Tổng số` and the sub-targets committees set (data, not code paths)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from dangvien.core.domain.text import search_key
from dangvien.plans.domain.quotas import TOTAL_CATEGORY


class Measure(StrEnum):
    """How admissions are counted against a category's quota."""

    TOTAL = "total"  # every admission
    WOMEN = "women"  # Nữ
    ETHNIC_MINORITY = "ethnic_minority"  # any ethnicity but Kinh
    YOUTH_UNION = "youth_union"  # đoàn viên at the decision
    AGE_18_30 = "age_18_30"  # 18 to 30 years old at the decision
    VILLAGE_HEAD = "position:village_head"  # holds a village or residential-group head position
    FRONT_HEAD = "position:front_head"  # head of the Front work committee
    MASS_ORG_HEAD = "position:mass_org_head"  # head of a mass organisation branch
    NOT_MEASURED = ""  # the records do not say (e.g. localities without members at the time)


@dataclass(frozen=True)
class QuotaCategoryDef:
    """One category as seeded: stable code, the name used in workbooks, order and measure."""

    code: str
    name: str
    order: int
    measure: Measure


QUOTA_CATEGORIES: tuple[QuotaCategoryDef, ...] = (
    QuotaCategoryDef("tong_so", TOTAL_CATEGORY, 0, Measure.TOTAL),
    QuotaCategoryDef("truong_thon", "Trưởng thôn, tổ trưởng tổ dân phố", 10, Measure.VILLAGE_HEAD),
    QuotaCategoryDef("truong_ban_mat_tran", "Trưởng ban công tác Mặt trận", 20, Measure.FRONT_HEAD),
    QuotaCategoryDef("truong_doan_the", "Trưởng các đoàn thể", 30, Measure.MASS_ORG_HEAD),
    QuotaCategoryDef("doan_vien", "Đoàn viên thanh niên", 40, Measure.YOUTH_UNION),
    QuotaCategoryDef("tre", "Đảng viên trẻ từ 18 đến 30 tuổi", 45, Measure.AGE_18_30),
    QuotaCategoryDef("nu", "Nữ", 50, Measure.WOMEN),
    QuotaCategoryDef("dan_toc_thieu_so", "Người dân tộc thiểu số", 60, Measure.ETHNIC_MINORITY),
    QuotaCategoryDef(
        "dia_ban_chua_co_dang_vien",
        "Thôn, tổ dân phố chưa có đảng viên",
        70,
        Measure.NOT_MEASURED,
    ),
)


def category_key(text: str) -> str:
    """Return the key a category name or code is matched on: no case, accents or spacing."""
    return search_key(text).replace("_", " ").strip()
