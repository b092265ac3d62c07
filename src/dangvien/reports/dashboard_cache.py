"""Keep the dashboard of a unit above commune level for a few minutes.

The dashboard of a province or of the whole country sums millions of rows: alone it
takes a few hundred milliseconds, under load seconds, and every visit took that CPU from
every other user. Its figures move slowly (admissions are decided a few times a month
per commune), so the dashboard of a unit above commune level is kept for
`DANGVIEN_DASHBOARD_CACHE_SECONDS` (default 300; 0 turns this off) and the page says
when its figures were computed, with a link that computes them again at once.

A commune's or a cell's dashboard is always computed: it is quick, and the officer who
just recorded an admission expects to see it. The cached figures are the unit's, not
the user's: the scope is checked before the cache is read (`dashboard`), so whoever
reads them could have computed them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import connection

from dangvien.orgs.domain.enums import OrgType

# The levels whose subtrees hold thousands of units.
KEPT_TYPES = frozenset({OrgType.CENTRAL, OrgType.PROVINCE, OrgType.BLOC, OrgType.DISTRICT})
DEFAULT_SECONDS = 300

T = TypeVar("T")


def keep_seconds() -> int:
    """Return how long a large unit's dashboard is kept (0: not kept)."""
    return max(int(getattr(settings, "DANGVIEN_DASHBOARD_CACHE_SECONDS", DEFAULT_SECONDS)), 0)


def is_kept(org_type: OrgType) -> bool:
    """Return whether the dashboard of a unit of this type is kept between visits."""
    return org_type in KEPT_TYPES and keep_seconds() > 0


def kept_dashboard(
    org_id: int, org_type: OrgType, day: date, lang: str, compute: Callable[[], T], *, fresh: bool
) -> T:
    """Return compute()'s dashboard, from the cache when kept and not asked `fresh`."""
    if not is_kept(org_type):
        return compute()
    key = f"dashboard:{connection.settings_dict['NAME']}:{org_id}:{day.isoformat()}:{lang}"
    found: T | None = None if fresh else cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, keep_seconds())
    return found
