"""Cache the head counts of large subtrees (the home page) until the counts or the tree change.

The home page of a national or province account sums the per-cell tallies of
every cell under it: 1.2 s nationally, on every visit. Those sums only change
when a tally or the tree changes, so they are cached under a generation number
(`CountsGeneration`, one row) that every writer of tallies or spans moves on
after its commit (`counts_changed`). A reader asks for the number first (one
query), so a count it caches is never older than the last committed change
before that question; a change committed while it counts moves the number on
again, so that stale sums are not read under the new number. The TTL bounds how
long a change made behind the writers' backs (a manual SQL fix) stays unseen.

Only large subtrees are cached (a commune sums its cells in a few ms).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar, cast

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F

from dangvien.orgs.domain.enums import OrgType
from dangvien.orgs.models import CountsGeneration

# Cached: counts of units above a commune, or of many units at once (a province's communes).
CACHED_TYPES = frozenset({OrgType.CENTRAL, OrgType.PROVINCE, OrgType.BLOC, OrgType.DISTRICT})
CACHED_FROM_UNITS = 20

T = TypeVar("T")


def counts_changed() -> None:
    """Say that tallies or spans changed: cached counts go stale when this transaction commits."""
    # One bump per transaction (and savepoint) is enough: many tallies change in one.
    here = set(connection.savepoint_ids)
    if any(sids == here and func is _bump for sids, func, *_ in connection.run_on_commit):
        return
    transaction.on_commit(_bump)


def _bump() -> None:
    # Its own short transaction: the row is locked for one statement, not for a writer's.
    updated = CountsGeneration.objects.filter(pk=1).update(value=F("value") + 1)
    if not updated:
        CountsGeneration.objects.get_or_create(pk=1)


def cached_counts(
    paths: Sequence[str], types: Iterable[OrgType], day: object, compute: Callable[[], T]
) -> T:
    """Return compute()'s counts for these units, from the cache while nothing changed."""
    seconds = int(getattr(settings, "DANGVIEN_COUNTS_CACHE_SECONDS", 600))
    large = len(paths) >= CACHED_FROM_UNITS or not CACHED_TYPES.isdisjoint(types)
    if seconds <= 0 or not large:
        return compute()
    generation = CountsGeneration.objects.filter(pk=1).values_list("value", flat=True).first()
    digest = hashlib.sha256("|".join(sorted(paths)).encode()).hexdigest()[:32]
    key = f"orgs-counts:{connection.settings_dict['NAME']}:{generation}:{day}:{digest}"
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, seconds)
    return cast(T, found)
