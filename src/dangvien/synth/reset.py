"""Emptiness check and truncation of the data tables before a synthetic load."""

from __future__ import annotations

from django.apps import apps
from django.db import connection, models

from dangvien.accounts.models import User
from dangvien.orgs.counts_cache import counts_changed
from dangvien.orgs.models import Organization
from dangvien.people.models import Person

# Reference data loaded by migrations, and Django's own bookkeeping: never truncated.
_KEEP = frozenset(
    {
        "contenttypes.contenttype",
        "auth.permission",
        "auth.group",
        "auth.group_permissions",
        "core.referenceterm",
        "core.adminunit",
        "core.calendarday",
        "plans.quotacategory",  # the quota categories (migration 0002): data, not test rows
        "orgs.countsgeneration",  # only grows: a reset must not bring back cached counts
    }
)


def database_is_empty() -> bool:
    """Return whether no organisation, person or account exists yet."""
    return not (Organization.objects.exists() or Person.objects.exists() or User.objects.exists())


def data_models() -> list[type[models.Model]]:
    """Return every model whose rows are data (people, units, accounts, logs...)."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.label_lower not in _KEEP and model._meta.managed and not model._meta.proxy
    ]


def data_truncate() -> None:
    """Delete every row of the data tables (inside the caller's transaction)."""
    quote = connection.ops.quote_name
    names = [quote(model._meta.db_table) for model in data_models()]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # TRUNCATE refuses tables with deferred checks still pending from
            # earlier writes in the same transaction: run those checks now.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"TRUNCATE {', '.join(names)} RESTART IDENTITY CASCADE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            counts_changed()
            return
        # SQLite checks the (deferred) foreign keys at commit, so any order works.
        for name in names:
            cursor.execute(f"DELETE FROM {name}")  # noqa: S608 (a quoted model table name)
    counts_changed()
