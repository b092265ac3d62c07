"""The ChiTieu sheet: quotas to set, checked as plans.services.quota_set checks them.

The rules are the plans app's: a quota is assigned by whoever may edit the level
above, the children of a unit together get no more than it, and a category's
sub-target stays within the unit's `Tổng số`. They are checked here against the
state after the whole sheet, so that a workbook raising a parent and its
children together is accepted whatever the row order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from dangvien.core.domain.errors import DomainError
from dangvien.core.domain.text import format_number
from dangvien.imports.domain.parse import SheetRows
from dangvien.imports.domain.rows import QuotaRow
from dangvien.imports.plan_common import Check, SheetCount, unknown_org
from dangvien.imports.tree_on_day import TreeOnDay
from dangvien.imports.vocabularies import category_pk
from dangvien.plans.access import reference_day
from dangvien.plans.domain.quotas import TOTAL_CATEGORY, Period, check_allocation
from dangvien.plans.models import Quota, QuotaCategory

Key = tuple[str, int, int, int]  # (org code, start year, end year, category id)


@dataclass(slots=True)
class QuotaPlan:
    """The quotas the import sets (new or changed), in sheet order."""

    rows: list[QuotaRow] = field(default_factory=list)
    old: dict[Key, int] = field(default_factory=dict)
    count: SheetCount = field(default_factory=SheetCount)


def key_of(row: QuotaRow) -> Key:
    """Return the identity of a quota row."""
    return (row.org_code, row.period.start_year, row.period.end_year, category_pk(row.category))


def _period(row: QuotaRow) -> Period:
    return Period(row.period.start_year, row.period.end_year)


class _Quotas:
    """The quotas after the import: the sheet's rows over the database's, loaded on demand."""

    def __init__(self, tree: TreeOnDay, rows: Iterable[QuotaRow]) -> None:
        self.tree = tree
        self.values: dict[Key, int] = {}
        self.overrides: set[Key] = set()
        self.loaded: set[tuple[str, int, int, int]] = set()
        self.sheet = {key_of(row): row.number for row in rows}

    def get(self, code: str, period: Period, category: int) -> int | None:
        key = (code, period.start_year, period.end_year, category)
        if key in self.sheet:
            return self.sheet[key]
        return self.stored(key)

    def stored(self, key: Key) -> int | None:
        if key not in self.loaded:
            self.loaded.add(key)
            pk = self.tree.pk(key[0])
            found = (
                Quota.objects.filter(
                    org_id=pk, start_year=key[1], end_year=key[2], category_id=key[3]
                )
                .values_list("number", "override_decision_number")
                .first()
            )
            if found is not None:
                self.values[key] = found[0]
                if found[1]:
                    self.overrides.add(key)
        return self.values.get(key)


def _check_seat(row: QuotaRow, sheet: SheetRows, tree: TreeOnDay, check: Check) -> str | None:
    """Return the unit's parent code on the reference day ("" for a root), None after an error."""
    if row.org_code not in check.orgs:
        sheet.error(
            check.issues, row.position, "org_code", unknown_org(row.org_code), "unknown_org"
        )
        return None
    period = _period(row)
    standing = tree.standing(row.org_code, reference_day(period, check.today))
    if standing is None:
        message = f"Đơn vị “{row.org_code}” không tồn tại vào {period.label()}"
        sheet.error(check.issues, row.position, "org_code", message, "org_missing")
        return None
    parent = standing[2]
    assigner = parent or row.org_code
    ref = check.orgs.get(assigner)
    editable = ref.editable if ref else check.can_edit_path(tree.path(assigner))
    if not editable:
        message = "Chỉ cấp ủy cấp trên mới giao được chỉ tiêu cho đơn vị này"
        sheet.error(check.issues, row.position, "org_code", message, "scope")
        return None
    return parent


def _check_parent(
    parent: str,
    row: QuotaRow,
    rows_by_key: dict[Key, QuotaRow],
    quotas: _Quotas,
    sheet: SheetRows,
    check: Check,
) -> None:
    """Record an error if the children of `parent` get more than its quota in the row's group."""
    period, category = _period(row), category_pk(row.category)
    key = (parent, period.start_year, period.end_year, category)
    if key in quotas.overrides and key not in quotas.sheet:
        return  # a recorded decision allowed giving the children more
    day = reference_day(period, check.today)
    children = [quotas.get(child, period, category) for child in quotas.tree.children(parent, day)]
    standing = quotas.tree.standing(parent, day)
    try:
        check_allocation(
            parent_name=standing[0] if standing else parent,
            parent_quota=quotas.get(parent, period, category),
            children_quotas=[number for number in children if number is not None],
            period=period,
            category=_category_name(category),
        )
    except DomainError as refusal:
        blamed = rows_by_key.get(key, row)
        sheet.error(check.issues, blamed.position, "quota", refusal.message, refusal.code)


def _category_name(pk: int) -> str:
    return QuotaCategory.objects.filter(pk=pk).values_list("name", flat=True).first() or ""


def _check_sub_target(
    row: QuotaRow, quotas: _Quotas, total_pk: int, sheet: SheetRows, check: Check
) -> None:
    """Record an error if a category's quota is above the unit's `Tổng số` for the period."""
    category = category_pk(row.category)
    if category == total_pk:
        return
    period = _period(row)
    total = quotas.get(row.org_code, period, total_pk)
    if total is not None and row.number > total:
        name = _category_name(category)
        message = (
            f"Chỉ tiêu nhóm “{name}” ({format_number(row.number)}) lớn hơn chỉ tiêu tổng số "
            f"của {row.org_code} ({format_number(total)}) {period.label()}."
        )
        sheet.error(check.issues, row.position, "quota", message, "sub_target_above_total")


def plan_quota_sheet(
    sheet: SheetRows, rows: list[QuotaRow], tree: TreeOnDay, check: Check
) -> QuotaPlan:
    """Return the quotas to set, recording every error of the sheet."""
    quotas = _Quotas(tree, rows)
    rows_by_key = {key_of(row): row for row in rows}
    total_pk = QuotaCategory.objects.filter(name=TOTAL_CATEGORY).values_list("pk", flat=True)
    total = total_pk.first() or 0
    checked: set[tuple[str, int, int, int]] = set()
    for row in rows:
        parent = _check_seat(row, sheet, tree, check)
        if parent is None:
            continue
        _check_sub_target(row, quotas, total, sheet, check)
        period = _period(row)
        for unit in (parent, row.org_code):
            group = (unit, period.start_year, period.end_year, category_pk(row.category))
            if unit and group not in checked:
                checked.add(group)
                _check_parent(unit, row, rows_by_key, quotas, sheet, check)
    plan = QuotaPlan()
    for row in rows:
        if row.position in sheet.failed:
            continue
        old = quotas.stored(key_of(row))
        plan.count.add({"n": 1} if old != row.number else None, created=old is None)
        if old != row.number:
            plan.rows.append(row)
            if old is not None:
                plan.old[key_of(row)] = old
    return plan
