"""Load a synthetic preset into the configured database, fast, with progress reports."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from time import perf_counter

from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone

from dangvien.core.domain.errors import DomainError
from dangvien.core.domain.text import format_number
from dangvien.orgs.spans import spans_rebuild_all
from dangvien.synth.accounts import DemoAccount, demo_accounts_create
from dangvien.synth.domain.places import province_by_code
from dangvien.synth.domain.presets import Plan, make_plan
from dangvien.synth.pipeline import batches
from dangvien.synth.reset import data_truncate, database_is_empty
from dangvien.synth.sinks import sink_for_connection, tallies_rebuild
from dangvien.synth.tables import Table, tables

ProgressFn = Callable[[str, int, int], None]  # (Vietnamese stage, done, total)

_SQLITE_MEMBER_LIMIT = 500_000  # beyond this, use PostgreSQL (contracts: national is PG-only)

STAGE_RESET = "Xóa dữ liệu cũ"
STAGE_ROWS = "Tạo tổ chức, địa bàn và đảng viên (theo xã)"
STAGE_INDEXES = "Dựng lại chỉ mục"
STAGE_SPANS = "Tính đường dẫn cây tổ chức"
STAGE_TALLIES = "Đếm đảng viên theo chi bộ"
STAGE_ACCOUNTS = "Tạo tài khoản dùng thử"


@dataclass(frozen=True)
class LoadResult:
    """What a load produced and how long it took."""

    plan: Plan
    counts: dict[str, int]
    accounts: list[DemoAccount] = field(default_factory=list)
    seconds: float = 0.0


def _silent(stage: str, done: int, total: int) -> None:
    """Ignore progress (the default when the caller does not show it)."""


def _commune_count(plan: Plan) -> int:
    return sum(
        plan.communes_in(len(province_by_code(code).communes)) for code in plan.province_codes
    )


def synth_load(
    preset: str,
    seed: int = 1,
    *,
    scale: float = 1.0,
    reset: bool = False,
    as_of: date | None = None,
    progress: ProgressFn | None = None,
    accounts: bool = True,
) -> LoadResult:
    """Fill the database with a synthetic preset; refuse a non-empty one unless `reset`.

    The same preset, seed, scale and `as_of` (default today) give the same data.
    Everything happens in one transaction: a failed load leaves the database as it was.
    On PostgreSQL the rows are generated in a child process (`synth.pipeline`), which
    imports the caller's main module again: a script calling this must keep its work
    under `if __name__ == "__main__":`, as every entry point of the project does.
    """
    plan = make_plan(preset, seed=seed, as_of=as_of or timezone.localdate(), scale=scale)
    _check_size(plan)
    report = progress or _silent
    started = perf_counter()
    _sqlite_bulk_mode(on=True)
    try:
        with transaction.atomic():
            _make_room(reset=reset, report=report)
            counts = _rows(plan, report)
            counts.update(_derived(report))
            created = _accounts(report) if accounts else []
    finally:
        _sqlite_bulk_mode(on=False)
    planner_statistics_refresh()
    return LoadResult(plan, counts, created, perf_counter() - started)


def _check_size(plan: Plan) -> None:
    """Refuse a preset too big for SQLite (the national one is for PostgreSQL)."""
    expected = plan.expected_members(_commune_count(plan))
    if connection.vendor == "sqlite" and expected > _SQLITE_MEMBER_LIMIT:
        raise DomainError(
            f"Mẫu dữ liệu này có khoảng {format_number(expected)} đảng viên: hãy dùng "
            "PostgreSQL (đặt DATABASE_URL) hoặc giảm hệ số quy mô.",
            code="too_big",
        )


def _make_room(*, reset: bool, report: ProgressFn) -> None:
    """Refuse a database that holds data, or empty it when `reset`."""
    if database_is_empty():
        return
    if not reset:
        raise DomainError(
            "Cơ sở dữ liệu đã có dữ liệu. Dùng tùy chọn xóa và tạo lại "
            "(--reset) nếu muốn thay bằng dữ liệu mẫu.",
            code="not_empty",
        )
    report(STAGE_RESET, 0, 1)
    data_truncate()
    report(STAGE_RESET, 1, 1)


def _rows(plan: Plan, report: ProgressFn) -> dict[str, int]:
    """Generate and write every row, a bounded batch at a time."""
    sink = sink_for_connection()
    targets = tables()
    sink.prepare(targets)
    counts: Counter[str] = Counter()
    total = _commune_count(plan)
    report(STAGE_ROWS, 0, total)
    # A child process generates while this one writes (synth.pipeline); for the
    # small presets SQLite takes, starting it would cost more than it saves.
    for batch in batches(plan, ahead=connection.vendor == "postgresql"):
        for table in targets:
            rows = batch.rows.get(table.chunk_field)
            if rows:
                sink.write(table, rows)
                counts[table.chunk_field] += len(rows)
        report(STAGE_ROWS, batch.communes_done, total)
    report(STAGE_INDEXES, 0, 1)
    sink.finish()
    _reset_sequences(targets)
    report(STAGE_INDEXES, 1, 1)
    return dict(counts)


def _derived(report: ProgressFn) -> dict[str, int]:
    """Rebuild the derived tables: tree spans and per-cell tallies."""
    report(STAGE_SPANS, 0, 1)
    spans = spans_rebuild_all()
    report(STAGE_SPANS, 1, 1)
    report(STAGE_TALLIES, 0, 1)
    tallies = tallies_rebuild()
    report(STAGE_TALLIES, 1, 1)
    return {"spans": spans, "tallies": tallies}


def _accounts(report: ProgressFn) -> list[DemoAccount]:
    report(STAGE_ACCOUNTS, 0, 1)
    created = demo_accounts_create()
    report(STAGE_ACCOUNTS, 1, 1)
    return created


def _reset_sequences(targets: list[Table]) -> None:
    """Move the id sequences past the explicit ids written (PostgreSQL; SQLite does it itself)."""
    statements = connection.ops.sequence_reset_sql(no_style(), [t.model for t in targets])
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _sqlite_bulk_mode(*, on: bool) -> None:
    """Trade durability for speed during the load (SQLite only; the load is all-or-nothing)."""
    # Inside an outer transaction (tests, a caller's atomic block) SQLite refuses
    # to change the safety level; the load is then just a little slower.
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA synchronous = {'OFF' if on else 'NORMAL'}")
        cursor.execute(f"PRAGMA cache_size = {-262144 if on else -2000}")
        cursor.execute("PRAGMA temp_store = MEMORY")


def planner_statistics_refresh(*, vacuum: bool = False) -> None:
    """Refresh the planner's statistics after a bulk load (also after the seeders' extras).

    With `vacuum`, on PostgreSQL outside a transaction, VACUUM (ANALYZE) instead: freshly
    loaded pages are not yet marked all-visible, so an index-only scan still reads the
    table (the national pipeline report's stays of a year: 405 ms before, 210 after).
    Autovacuum would get there some time later; a load ends with the tables ready.
    """
    with connection.cursor() as cursor:
        if vacuum and connection.vendor == "postgresql" and not connection.in_atomic_block:
            cursor.execute("VACUUM (ANALYZE)")
        else:
            cursor.execute("ANALYZE")
