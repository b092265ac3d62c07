"""The database's name for plain byte order, for sorts that must match Python's.

PostgreSQL's default collation (e.g. en_US.UTF-8) ignores underscores at first, so
`ho_so` and `hoc` sort differently from Python; codes sorted in SQL and compared with
a Python sort use byte order instead.
"""

from __future__ import annotations

from django.db import connection


def byte_order_collation() -> str:
    """Return the collation that compares strings byte by byte on this database."""
    return "C" if connection.vendor == "postgresql" else "BINARY"
