"""The benchmark cases: which units to ask about, and each comparison's two sides."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial

from bench import queries
from bench.timing import Timing, measure, measure_capped
from dangvien.accounts.domain.roles import Role
from dangvien.accounts.scope import Scope, global_scope
from dangvien.orgs.domain.enums import OrgType
from dangvien.orgs.models import Organization, OrgVersion
from dangvien.orgs.paths import spans_on
from dangvien.people.models import Person


@dataclass(frozen=True)
class Targets:
    """The units the questions are about, found in the loaded data."""

    day: date
    root: tuple[int, str]  # (org id, path today)
    province: tuple[int, str]
    other_province: int
    commune: tuple[int, str]
    district: int  # the commune's district before the 2025 reform
    deep_cell: int  # the deepest unit under the commune
    history_day: date = date(2020, 6, 1)


def find_targets(day: date) -> Targets:
    """Return the root, the first province, its first commune and that commune's deepest unit."""
    spans = spans_on(day)
    root = spans.filter(parent__isnull=True).order_by("org__code").values_list("org_id", "path")[0]
    provinces = list(
        spans.filter(org__org_type=OrgType.PROVINCE)
        .order_by("org__code")
        .values_list("org_id", "path")[:2]
    )
    commune = (
        spans.filter(org__org_type=OrgType.COMMUNE, path__startswith=provinces[0][1])
        .order_by("org__code")
        .values_list("org_id", "path")[0]
    )
    deep = (
        spans.filter(path__startswith=commune[1])
        .order_by("-depth", "org__code")
        .values_list("org_id", flat=True)[0]
    )
    district = OrgVersion.objects.filter(
        org_id=commune[0], valid_from__lte=date(2020, 6, 1)
    ).values_list("parent_id", flat=True)[0]
    assert district is not None
    other = provinces[1][0] if len(provinces) > 1 else root[0]
    return Targets(day, root, provinces[0], other, commune, district, deep)


@dataclass
class Comparison:
    """One question, answered our way and the naive way, with both timings."""

    case: str
    ours_label: str
    naive_label: str
    ours: Timing
    naive: Timing

    @property
    def agree(self) -> bool | None:
        """Return whether both sides gave the same answer (None if the naive one was cut)."""
        return None if self.naive.capped_at else self.ours.answer == self.naive.answer

    def as_dict(self) -> dict[str, object]:
        """Return the comparison for the JSON results."""
        return {
            "case": self.case,
            "ours": {"how": self.ours_label, **self.ours.as_dict()},
            "naive": {"how": self.naive_label, **self.naive.as_dict()},
            "answer": _printable(self.ours.answer),
            "answers_agree": self.agree,
        }


def _printable(answer: object) -> object:
    return (
        answer
        if isinstance(answer, int | bool)
        else f"{len(answer)} dòng"
        if isinstance(answer, list)
        else str(answer)
    )


def _compare(
    case: str,
    ours: tuple[str, Callable[[], object]],
    naive: tuple[str, Callable[[], object]],
    *,
    repeat: int,
    budget: float,
) -> Comparison:
    return Comparison(
        case,
        ours[0],
        naive[0],
        measure(ours[1], repeat=repeat, budget=budget),
        measure(naive[1], repeat=repeat, budget=budget),
    )


def subtree_counts(t: Targets, *, repeat: int, budget: float) -> list[Comparison]:
    """Members under the root, a province and a commune: our way vs a CTE and an ORM loop."""
    results = []
    for label, (org_id, path) in (("gốc", t.root), ("một tỉnh", t.province), ("một xã", t.commune)):
        results.append(
            _compare(
                f"Số đảng viên dưới {label}, hôm nay",
                ("OrgSpan + CellTally", partial(queries.count_by_tally, path, t.day)),
                ("CTE đệ quy", partial(queries.count_by_recursive_query, org_id, t.day)),
                repeat=repeat,
                budget=budget,
            )
        )
        results.append(
            Comparison(
                f"Số đảng viên dưới {label}, ngày {t.history_day:%d/%m/%Y}",
                "OrgSpan + StatusPeriod",
                "vòng lặp ORM từng đơn vị",
                measure(
                    partial(queries.count_by_periods, org_id, t.history_day),
                    repeat=repeat,
                    budget=budget,
                ),
                measure_capped(
                    partial(queries.count_by_loop, org_id, t.history_day),
                    repeat=repeat,
                    budget=budget,
                ),
            )
        )
    return results


def ancestry(t: Targets, *, repeat: int, budget: float) -> list[Comparison]:
    """Is X under Y on day D: path prefix vs walking up the parents."""
    questions = (
        ("đơn vị sâu nhất dưới tỉnh của nó, hôm nay", t.deep_cell, t.province[0], t.day),
        ("đơn vị sâu nhất dưới tỉnh khác, hôm nay", t.deep_cell, t.other_province, t.day),
        ("đơn vị sâu nhất dưới huyện cũ, năm 2020", t.deep_cell, t.district, t.history_day),
    )
    return [
        _compare(
            f"X có thuộc Y: {label}",
            ("OrgSpan path", partial(queries.under_by_paths, x, y, d)),
            ("đi ngược cấp trên", partial(queries.under_by_walk, x, y, d)),
            repeat=repeat,
            budget=budget,
        )
        for label, x, y, d in questions
    ]


def deep_pages(t: Targets, *, repeat: int, budget: float) -> list[Comparison]:
    """A member-list page 80% of the way down: keyset cursor vs OFFSET."""
    everyone = global_scope(t.day)
    commune = Scope((t.commune[1],), (t.commune[1],), frozenset({Role.COMMUNE_COMMITTEE}), t.day)
    results = []
    for label, scope in (("toàn bộ", everyone), ("một xã", commune)):
        total = Person.objects.filter(current_org_id__in=scope.org_ids()).count()
        offset = max(1, int(total * 0.8))
        cursor = queries.cursor_at(scope, offset)
        results.append(
            _compare(
                f"Trang danh sách ({label}) ở vị trí {offset:,}".replace(",", "."),
                ("con trỏ keyset (person_list)", partial(queries.page_by_cursor, scope, cursor)),
                ("OFFSET", partial(queries.page_by_offset, scope, offset)),
                repeat=repeat,
                budget=budget,
            )
        )
    return results


def dataset_counts() -> dict[str, int]:
    """Return the sizes that matter for reading the results."""
    return {"units": Organization.objects.count(), "people": Person.objects.count()}
