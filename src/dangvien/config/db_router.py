"""Send report and export reads to the PostgreSQL read replica, when one is configured.

Reads go to the replica only inside `replica_reads()` (or a function decorated
with `@reads_from_replica`): a caller opts in where a few seconds of replication
delay cannot mislead anyone — a report, an export — never where a page must show
what the user has just saved. Everything else, every write, every migration and
every read inside a transaction on the primary stays on "default": a transaction
must read its own writes, and a row locked with SELECT ... FOR UPDATE exists
only on the primary. Without DATABASE_REPLICA_URL the router always answers
"default", so single-server installs behave exactly as before.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, ParamSpec, TypeVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

from dangvien.config.scaling import REPLICA

P = ParamSpec("P")
R = TypeVar("R")

# A context variable, not a global: each request thread (and each asyncio task)
# opts in for itself only.
_replica_wanted: ContextVar[bool] = ContextVar("dangvien_replica_reads", default=False)


def replica_configured() -> bool:
    """Return whether a read replica is configured (DATABASE_REPLICA_URL)."""
    return REPLICA in settings.DATABASES


@contextmanager
def replica_reads() -> Iterator[None]:
    """Route ORM reads made inside the block to the replica, if one is configured."""
    token = _replica_wanted.set(True)
    try:
        yield
    finally:
        _replica_wanted.reset(token)


@contextmanager
def primary_reads() -> Iterator[None]:
    """Keep reads inside the block on the primary, even within `replica_reads()`."""
    token = _replica_wanted.set(False)
    try:
        yield
    finally:
        _replica_wanted.reset(token)


def reads_from_replica(function: Callable[P, R]) -> Callable[P, R]:
    """Decorate a read-only selector so that its queries go to the replica."""

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with replica_reads():
            return function(*args, **kwargs)

    return wrapper


def read_alias() -> str:
    """Return the alias the next ORM read would use here (for raw SQL that opts in too)."""
    if not _replica_wanted.get() or not replica_configured():
        return DEFAULT_DB_ALIAS
    if connections[DEFAULT_DB_ALIAS].in_atomic_block:
        return DEFAULT_DB_ALIAS
    return REPLICA


class ReplicaRouter:
    """Django database router: replica for opted-in reads, primary for everything else."""

    def db_for_read(self, model: type[Any], **hints: Any) -> str:
        return read_alias()

    def db_for_write(self, model: type[Any], **hints: Any) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        # Both aliases hold the same rows: a replica is a copy of the primary.
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        # A standby is read-only: it gets its schema from the primary's WAL.
        return db == DEFAULT_DB_ALIAS
