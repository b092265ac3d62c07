"""Database filters on materialised paths that use an index on every backend."""

from __future__ import annotations

from datetime import date

from django.db import connection
from django.db.models import Q, QuerySet

from dangvien.orgs.models import OrgSpan

# Paths hold only [0-9a-z]; "~" sorts after all of them in binary order.
_AFTER_ALL = "~"


def path_prefix_q(prefix: str, field: str = "path") -> Q:
    """Return a filter for paths that start with `prefix` (the unit itself included)."""
    if connection.vendor == "postgresql":
        # LIKE 'p%' uses the varchar_pattern_ops index whatever the collation.
        return Q(**{f"{field}__startswith": prefix})
    # SQLite cannot use an index for LIKE with ESCAPE; a binary range can.
    return Q(**{f"{field}__gte": prefix, f"{field}__lt": prefix + _AFTER_ALL})


def spans_on(day: date) -> QuerySet[OrgSpan]:
    """Return the spans in force on `day`."""
    return OrgSpan.objects.filter(valid_from__lte=day, valid_to__gte=day)


def spans_under(prefixes: list[str], day: date) -> QuerySet[OrgSpan]:
    """Return the spans on `day` of every unit under one of the path prefixes."""
    condition = Q(pk__in=[])
    for prefix in prefixes:
        condition |= path_prefix_q(prefix)
    return spans_on(day).filter(condition)
