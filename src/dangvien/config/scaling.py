"""Settings that change when the system grows past one process: replica, cache, sessions, queue.

One laptop: nothing to set. One process serves everything, so an in-process
cache is shared by all its threads; sessions and queued tasks live in the
database. Several app servers: set REDIS_URL (or DANGVIEN_CACHE=database) so
that every server sees the same cache, and DATABASE_REPLICA_URL to send report
and export reads to a PostgreSQL standby (see config/db_router.py).
"""

from __future__ import annotations

from typing import Any

import dj_database_url

from dangvien.config.env import env_str

REPLICA = "replica"
# The queues background work is spread over; a worker may serve some of them.
TASK_QUEUES = ["default", "imports", "exports", "reports"]
CACHE_KINDS = ("memory", "database", "redis")
TASK_KINDS = ("database", "redis", "immediate")


def _choice(name: str, default: str, allowed: tuple[str, ...]) -> str:
    value = env_str(name, default).strip().lower() or default
    if value not in allowed:
        raise ValueError(f"{name} phải là một trong {', '.join(allowed)}, không phải {value!r}")
    return value


def replica_database(default: dj_database_url.DBConfig) -> dj_database_url.DBConfig | None:
    """Return the read replica's settings from DATABASE_REPLICA_URL, or None when unset."""
    url = env_str("DATABASE_REPLICA_URL")
    if not url:
        return None
    replica = dj_database_url.parse(url, conn_max_age=default.get("CONN_MAX_AGE") or 0)
    if replica.get("ENGINE") != default.get("ENGINE"):
        raise ValueError("DATABASE_REPLICA_URL phải cùng loại cơ sở dữ liệu với DATABASE_URL")
    # Tests read and write one test database: the replica alias points at it.
    replica["TEST"] = {"MIRROR": "default"}
    return replica


def caches(redis_url: str) -> dict[str, dict[str, Any]]:
    """Return CACHES: in-process by default, the database or Redis when shared by servers."""
    kind = _choice("DANGVIEN_CACHE", "redis" if redis_url else "memory", CACHE_KINDS)
    if kind == "redis":
        if not redis_url:
            raise ValueError("DANGVIEN_CACHE=redis cần REDIS_URL")
        backend = {"BACKEND": "django.core.cache.backends.redis.RedisCache"}
        return {
            "default": {**backend, "LOCATION": redis_url, "KEY_PREFIX": "dv"},
            "sessions": {**backend, "LOCATION": redis_url, "KEY_PREFIX": "dv-session"},
        }
    if kind == "database":
        # Needs `manage.py createcachetable` once (Django's test runner does it itself).
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.db.DatabaseCache",
                "LOCATION": "dangvien_cache",
            }
        }
    return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def session_engine(cache_settings: dict[str, dict[str, Any]]) -> str:
    """Return SESSION_ENGINE: Redis when a sessions cache exists, else the database.

    Sessions are saved on every request (sliding expiry), so keeping them in Redis
    takes one write per page off the PostgreSQL primary. Either way any app server
    can serve any request: nothing is kept in a server's memory.
    """
    if "sessions" in cache_settings:
        return "django.contrib.sessions.backends.cache"
    return "django.contrib.sessions.backends.db"


def tasks(redis_url: str) -> dict[str, dict[str, Any]]:
    """Return TASKS (django-tasks): the database queue, or RQ on Redis when configured."""
    kind = _choice("DANGVIEN_TASKS", "redis" if redis_url else "database", TASK_KINDS)
    if kind == "redis":
        if not redis_url:
            raise ValueError("DANGVIEN_TASKS=redis cần REDIS_URL")
        backend = "django_tasks_rq.RQBackend"
    elif kind == "immediate":
        backend = "django_tasks.backends.immediate.ImmediateBackend"
    else:
        backend = "django_tasks_db.DatabaseBackend"
    return {"default": {"BACKEND": backend, "QUEUES": list(TASK_QUEUES)}}


def rq_queues(redis_url: str) -> dict[str, dict[str, Any]]:
    """Return django-rq's RQ_QUEUES: one Redis queue per task queue."""
    if not redis_url:
        return {}
    # A long import or a national export may run for many minutes.
    return {name: {"URL": redis_url, "DEFAULT_TIMEOUT": 3600} for name in TASK_QUEUES}
