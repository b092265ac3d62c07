"""Demo quotas: realistic yearly and term quotas over the demo province, from its own history.

Each quota is the unit's actual admissions in the period times a random factor around 1
(so some units over-fulfil and some fall short), split top-down so that children never
get more than their parent: the allocation rule holds everywhere, as if set by hand.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from dangvien.core.bulk_load import create_all
from dangvien.orgs.domain.enums import OrgType
from dangvien.orgs.paths import spans_on
from dangvien.plans.access import reference_day
from dangvien.plans.domain.quotas import Period
from dangvien.plans.models import Quota, QuotaCategory, QuotaChange, RateTarget
from dangvien.reports.cube import cube_rebuild
from dangvien.reports.models import AdmissionDay

FIRST_YEAR = 2016
TERMS = (Period(2020, 2025), Period(2025, 2030))
# Units whose children receive quotas: the levels that assign them in practice.
_ASSIGNING = {
    OrgType.CENTRAL.value,
    OrgType.PROVINCE.value,
    OrgType.BLOC.value,
    OrgType.DISTRICT.value,
    OrgType.COMMUNE.value,
}
# Share of the total quota given to each sub-target at commune level (demo figures).
_SUB_SHARES = {"doan_vien": 0.35, "nu": 0.4, "tre": 0.5}
_SUB_COUNTS = {"truong_ban_mat_tran": (0, 2), "truong_thon": (0, 3)}


@dataclass(frozen=True)
class _Tree:
    """The units that receive quotas on a day: roots and the children of assigning units."""

    roots: list[int]
    children: dict[int, list[int]]
    types: dict[int, str]


def _tree_on(day: date) -> _Tree:
    rows = list(spans_on(day).values_list("org_id", "parent_id", "version__org_type"))
    types = {org_id: kind for org_id, _, kind in rows}
    children: dict[int, list[int]] = defaultdict(list)
    roots: list[int] = []
    for org_id, parent_id, _ in sorted(rows):
        if parent_id is None:
            roots.append(org_id)
        elif types.get(parent_id) in _ASSIGNING:
            children[parent_id].append(org_id)
    return _Tree(roots, children, types)


def _actuals() -> dict[int, dict[int, int]]:
    """Return admissions per unit and year, from the cube (every unit on every path)."""
    rows = (
        AdmissionDay.objects.filter(own=False, day__year__gte=FIRST_YEAR - 1)
        .values("org_id", "day__year")
        .annotate(n=Sum("admitted"))
        .values_list("org_id", "day__year", "n")
    )
    result: dict[int, dict[int, int]] = defaultdict(dict)
    for org_id, year, n in rows:
        result[org_id][year] = n
    return result


def _base(actual: dict[int, int], period: Period, today: date) -> float:
    """Return the admissions a period's quota is built around: actual, or projected if open."""
    done = [y for y in period.years() if date(y, 12, 31) < today]
    total = sum(actual.get(y, 0) for y in done)
    recent = [actual.get(y, 0) for y in range(today.year - 3, today.year)]
    per_year = sum(recent) / len(recent) if recent else 0.0
    return total + per_year * 1.05 * (len(period.years()) - len(done))


def _split(tree: _Tree, base: dict[int, float], rng: random.Random) -> dict[int, int]:
    """Return quotas top-down: each a random 85-120% of its base, children scaled to fit."""
    quotas: dict[int, int] = {}
    stack = [(root, round(base.get(root, 0.0) * rng.uniform(0.85, 1.2))) for root in tree.roots]
    while stack:
        org_id, quota = stack.pop()
        quotas[org_id] = quota
        kids = tree.children.get(org_id, [])
        raw = {k: base.get(k, 0.0) * rng.uniform(0.85, 1.2) for k in kids}
        total = sum(raw.values())
        scale = min(1.0, quota / total) if total else 1.0
        stack.extend((k, int(raw[k] * scale) if scale < 1 else round(raw[k])) for k in kids)
    return quotas


def _period_quotas(
    period: Period, actuals: dict[int, dict[int, int]], rng: random.Random, today: date
) -> tuple[_Tree, dict[int, int]]:
    tree = _tree_on(reference_day(period, today))
    base = {org_id: _base(actuals.get(org_id, {}), period, today) for org_id in tree.types}
    return tree, _split(tree, base, rng)


def _sub_targets(
    tree: _Tree, totals: dict[int, int], rng: random.Random
) -> dict[str, dict[int, int]]:
    """Return sub-target quotas of communes, and of their parents as the sum plus a margin."""
    subs: dict[str, dict[int, int]] = defaultdict(dict)
    for parent, kids in tree.children.items():
        communes = [k for k in kids if tree.types.get(k) == OrgType.COMMUNE.value]
        for code, share in _SUB_SHARES.items():
            for k in communes:
                subs[code][k] = min(totals[k], round(totals[k] * share))
        for code, (low, high) in _SUB_COUNTS.items():
            for k in communes:
                subs[code][k] = min(totals[k], rng.randint(low, high))
        if communes and parent in totals:
            for code in [*_SUB_SHARES, *_SUB_COUNTS]:
                wanted = sum(subs[code][k] for k in communes) + rng.randint(0, 3)
                subs[code][parent] = min(totals[parent], wanted)
    return subs


def plans_demo_seed(*, seed: int) -> None:
    """Add yearly quotas 2016-2026, term quotas 2020-2025 and 2025-2030, sub-targets, rates."""
    cube_rebuild()  # the demo people were bulk-loaded: count their admissions first
    quotas_from_history(seed=seed)


def quotas_from_history(*, seed: int) -> None:
    """Add the demo quotas from the admissions already in the cube (see `plans_demo_seed`)."""
    today = timezone.localdate()
    rng = random.Random(seed)  # noqa: S311 - demo figures, reproducible from the seed
    actuals = _actuals()
    categories = {c.code: c for c in QuotaCategory.objects.all()}
    rows: list[Quota] = []
    roots: list[int] = []
    periods = [Period.year(y) for y in range(FIRST_YEAR, today.year + 1)] + list(TERMS)
    for period in periods:
        tree, totals = _period_quotas(period, actuals, rng, today)
        rows += [_quota(o, period, categories["tong_so"], n) for o, n in totals.items()]
        if not period.is_term and period.start_year >= today.year - 2:
            for code, numbers in _sub_targets(tree, totals, rng).items():
                rows += [_quota(o, period, categories[code], n) for o, n in numbers.items()]
        roots = tree.roots
    _store(rows, roots, today)


def _quota(org_id: int, period: Period, category: QuotaCategory, number: int) -> Quota:
    return Quota(
        org_id=org_id,
        start_year=period.start_year,
        end_year=period.end_year,
        category=category,
        number=max(number, 0),
    )


@transaction.atomic
def _store(rows: list[Quota], roots: list[int], today: date) -> None:
    create_all(rows, ignore_conflicts=True)
    stored = Quota.objects.filter(changes__isnull=True).values_list("pk", "number")
    create_all(
        [
            QuotaChange(
                quota_id=pk, old_number=None, new_number=n, username="(dữ liệu mẫu)", channel="demo"
            )
            for pk, n in stored
        ]
    )
    create_all(
        [
            RateTarget(org_id=r, year=y, rate_percent=Decimal("3.00"))
            for r in roots
            for y in range(today.year - 2, today.year + 1)
        ],
        ignore_conflicts=True,
    )
