"""Report benchmark: `uv run python -m bench.bench_reports [--scale S] [--reuse] [--reset]`.

Loads the national synthetic preset (or reuses what is loaded), builds the admissions
cube, then times, in the same run, the `admissions` report for the root, one province
and one commune three ways: the system's selectors (cube + one stock count), a naive
per-organisation ORM loop, and DuckDB running the same aggregation in memory over the
same rows (memberships, people, tree spans, status periods). It also times the other
reports for the province and the commune, and backtests the year-end forecast.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from time import perf_counter
from typing import Any

RESULTS = Path(__file__).parent / "results"
YEAR = 2024  # a whole year with a constant tree, so every method places events alike


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_reports")
    parser.add_argument("--scale", type=float, default=None, help="hệ số mẫu national")
    parser.add_argument("--repeat", type=int, default=5, help="số lần đo mỗi phép")
    parser.add_argument("--budget", type=float, default=60.0, help="giây tối đa mỗi phép đo")
    parser.add_argument("--reuse", action="store_true", help="đo trên dữ liệu đã có")
    parser.add_argument("--reset", action="store_true", help="xóa dữ liệu cũ rồi tạo lại")
    parser.add_argument("--backtest-communes", type=int, default=30)
    return parser.parse_args(argv)


@dataclass(frozen=True)
class Target:
    """A unit the admissions report is asked about."""

    label: str
    org_id: int
    code: str
    path: str


def _targets() -> list[Target]:
    from dangvien.orgs.domain.enums import OrgType
    from dangvien.orgs.paths import spans_on

    spans = spans_on(date(YEAR, 12, 31)).select_related("org")
    root = spans.filter(parent__isnull=True).order_by("org__code")[0]
    province = spans.filter(org__org_type=OrgType.PROVINCE).order_by("org__code")[0]
    commune = spans.filter(org__org_type=OrgType.COMMUNE, path__startswith=province.path).order_by(
        "org__code"
    )[0]
    return [
        Target(f"gốc ({root.org.code})", root.org_id, root.org.code, root.path),
        Target(f"tỉnh ({province.org.code})", province.org_id, province.org.code, province.path),
        Target(f"xã ({commune.org.code})", commune.org_id, commune.org.code, commune.path),
    ]


# --- The system's way -------------------------------------------------------------------


def ours(
    target: Target,
    kind: str = "admissions",
    as_of: date | None = None,
    period: tuple[date, date] | None = None,
) -> dict[str, Any]:
    """Build a report through the selectors, as the API does (for YEAR unless `period`)."""
    from dangvien.accounts.scope import global_scope
    from dangvien.reports.selectors import report_build, report_json

    first, last = period or (date(YEAR, 1, 1), date(YEAR, 12, 31))
    report = report_build(
        scope=global_scope(),
        kind=kind,
        code=target.code,
        date_from=first,
        date_to=last,
        as_of=as_of,
    )
    return report_json(report)


def summary_of_report(data: dict[str, Any]) -> dict[str, Any]:
    """Return the figures the three methods are compared on."""
    return {
        "admitted": data["admitted"],
        "members_at_start": data["members_at_start"],
        "by_category": {k: v["count"] for k, v in data["by_category"].items()},
        "average_age": data["average_age"],
        "children": {c["org"]["code"]: c["admitted"] for c in data["children"] if c["admitted"]},
    }


# --- The naive way: one ORM round per organisation ------------------------------------------


def naive(target: Target, budget: float) -> dict[str, Any]:
    """Count the unit and each child one at a time, people loaded and judged in Python."""
    from bench.timing import check_deadline
    from dangvien.orgs.paths import spans_on

    started = perf_counter()
    day = date(YEAR, 12, 31)
    children = list(
        spans_on(day).filter(parent_id=target.org_id).select_related("org").order_by("org__code")
    )
    total = _naive_unit(target.path, started, budget)
    by_child: dict[str, int] = {}
    for child in children:
        check_deadline(started, budget)
        admitted = _naive_unit(child.path, started, budget)["admitted"]
        if admitted:
            by_child[child.org.code] = admitted
    total["children"] = by_child
    return total


def _naive_unit(path: str, started: float, budget: float) -> dict[str, Any]:
    from bench.timing import check_deadline
    from dangvien.core.domain.text import age_years
    from dangvien.orgs.models import OrgSpan
    from dangvien.people.domain.enums import MEMBER_STATUSES, Gender
    from dangvien.people.models import Membership, StatusPeriod
    from dangvien.reports.domain.categories import Category, PersonFacts, categories_of

    first, last = date(YEAR, 1, 1), date(YEAR, 12, 31)
    cells = list(
        OrgSpan.objects.filter(
            path__startswith=path, valid_from__lte=last, valid_to__gte=last
        ).values_list("org_id", flat=True)
    )
    counts = dict.fromkeys((c.value for c in Category), 0)
    admitted = age_sum = 0
    rows = Membership.objects.filter(admitted_in_id__in=cells, decision_date__range=(first, last))
    for m in rows.select_related("person").iterator(chunk_size=2000):
        check_deadline(started, budget)
        p = m.person
        facts = PersonFacts(
            p.birth_date, Gender(p.gender), p.ethnicity, p.religion, p.youth_union, p.qualification
        )
        admitted += 1
        age_sum += age_years(p.birth_date, m.decision_date)
        for name, belongs in categories_of(facts, m.decision_date).items():
            counts[name] += belongs
    members = StatusPeriod.objects.filter(
        org_id__in=cells,
        valid_from__lte=first,
        valid_to__gte=first,
        status__in=[s.value for s in MEMBER_STATUSES],
    ).count()
    return {
        "admitted": admitted,
        "members_at_start": members,
        "by_category": counts,
        "average_age": _average(age_sum, admitted),
    }


def _average(age_sum: int, admitted: int) -> float | None:
    from dangvien.core.domain.text import round_half_up

    return None if admitted == 0 else round_half_up(age_sum / admitted, 2)


# --- DuckDB: the same aggregation in memory over the same rows -----------------------------

_TABLES = {
    "membership": ("people_membership", ["person_id", "admitted_in_id", "decision_date"]),
    "person": (
        "people_person",
        ["id", "birth_date", "gender", "ethnicity", "religion", "youth_union", "qualification"],
    ),
    "span": ("orgs_orgspan", ["org_id", "path", "valid_from", "valid_to"]),
    "period": ("people_statusperiod", ["org_id", "status", "valid_from", "valid_to"]),
}


def duckdb_load(folder: Path) -> Any:
    """Copy the rows to CSV and load them into an in-memory DuckDB; return the connection."""
    import duckdb
    from django.db import connection

    db = duckdb.connect(":memory:")
    for name, (table, columns) in _TABLES.items():
        path = folder / f"{name}.csv"
        with connection.cursor() as cursor, path.open("w", newline="") as handle:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(
                    f"COPY (SELECT {', '.join(columns)} FROM {table}) TO STDOUT WITH CSV HEADER"
                ) as copy:
                    for block in copy:
                        handle.write(bytes(block).decode())
            else:
                cursor.execute(f"SELECT {', '.join(columns)} FROM {table}")
                writer = csv.writer(handle)
                writer.writerow(columns)
                writer.writerows(cursor.fetchall())
        db.execute(f"CREATE TABLE {name} AS SELECT * FROM read_csv_auto('{path}', header=true)")
    return db


_DUCK_ADMISSIONS = """
WITH placed AS (
  SELECT substr(s.path, 1, ?) AS child, m.decision_date AS d, p.*
  FROM membership m
  JOIN span s ON s.org_id = m.admitted_in_id AND m.decision_date BETWEEN s.valid_from AND s.valid_to
  JOIN person p ON p.id = m.person_id
  WHERE m.decision_date BETWEEN ? AND ? AND starts_with(s.path, ?)
), aged AS (
  SELECT *, year(d) - year(birth_date)
    - CASE WHEN month(birth_date) > month(d)
            OR (month(birth_date) = month(d) AND day(birth_date) > day(d)) THEN 1 ELSE 0 END AS age
  FROM placed
)
SELECT child, count(*) AS admitted, sum(age) AS age_sum,
  count(*) FILTER (WHERE age BETWEEN 18 AND 30) AS age_18_30,
  count(*) FILTER (WHERE gender = 'nu') AS women,
  count(*) FILTER (WHERE ethnicity <> 'kinh') AS ethnic_minority,
  count(*) FILTER (WHERE religion NOT IN ('', 'khong') AND religion IS NOT NULL) AS religious,
  count(*) FILTER (WHERE youth_union) AS youth_union,
  count(*) FILTER (WHERE qualification IN ('cao_dang', 'dai_hoc', 'thac_si', 'tien_si'))
    AS college_or_higher
FROM aged GROUP BY child
"""
_DUCK_STOCK = """
SELECT count(*) FROM period p
JOIN span s ON s.org_id = p.org_id AND ? BETWEEN s.valid_from AND s.valid_to
WHERE ? BETWEEN p.valid_from AND p.valid_to
  AND p.status IN ('chinh_thuc', 'du_bi', 'mien_sinh_hoat') AND starts_with(s.path, ?)
"""


def duck(db: Any, target: Target) -> dict[str, Any]:
    """Run the admissions aggregation and the member stock count in DuckDB."""
    from dangvien.orgs.domain.tree import decode_path

    first, last = date(YEAR, 1, 1), date(YEAR, 12, 31)
    width = len(target.path) + 6
    rows = db.execute(_DUCK_ADMISSIONS, [width, first, last, target.path]).fetchall()
    members = db.execute(_DUCK_STOCK, [first, first, target.path]).fetchone()[0]
    names = [
        "age_18_30",
        "women",
        "ethnic_minority",
        "religious",
        "youth_union",
        "college_or_higher",
    ]
    counts = dict.fromkeys(names, 0)
    children: dict[int, int] = {}
    for child, admitted, _, *cats in rows:
        for name, n in zip(names, cats, strict=True):
            counts[name] += n
        if len(child) > len(target.path):
            children[decode_path(child)[-1]] = admitted
    admitted = sum(r[1] for r in rows)
    return {
        "admitted": admitted,
        "members_at_start": members,
        "by_category": counts,
        "average_age": _average(sum(r[2] for r in rows), admitted),
        "children_ids": children,
    }


def _with_codes(result: dict[str, Any]) -> dict[str, Any]:
    """Name DuckDB's children by code (done after timing, like the other methods' output)."""
    from dangvien.orgs.models import Organization

    ids = result.pop("children_ids")
    codes = dict(Organization.objects.filter(pk__in=ids).values_list("pk", "code"))
    return {**result, "children": {codes[i]: n for i, n in ids.items() if n}}


# --- The run ------------------------------------------------------------------------------


@dataclass
class Row:
    """One measured question: the three methods' timings and whether they agree."""

    case: str
    ours: Any
    naive: Any = None
    duck: Any = None
    agree: bool | None = None


def _ms(timing: Any) -> str:
    if timing is None:
        return "-"
    if timing.capped_at is not None:
        return f"> {timing.capped_at:.0f} s"
    return f"{timing.median * 1000:,.1f} / {timing.p95 * 1000:,.1f}".replace(",", " ")


def _print(rows: list[Row], title: str) -> None:
    header = ("Phép đo", "Hệ thống (ms trung vị / p95)", "Vòng lặp ORM", "DuckDB", "Cùng kết quả")
    lines = [header] + [
        (
            r.case,
            _ms(r.ours),
            _ms(r.naive),
            _ms(r.duck),
            {True: "có", False: "KHÔNG", None: "-"}[r.agree],
        )
        for r in rows
    ]
    widths = [max(len(str(line[i])) for line in lines) for i in range(len(header))]
    print(f"\n{title}")
    for line in lines:
        print("  ".join(str(cell).ljust(w) for cell, w in zip(line, widths, strict=True)))


def _admissions_rows(targets: list[Target], db: Any, options: argparse.Namespace) -> list[Row]:
    from bench.timing import measure, measure_capped
    from dangvien.reports.stock_cache import stock_forget_all

    rows = []
    for target in targets:
        stock_forget_all()  # the first report of a (unit, day) counts the stock itself
        _, cold_s = _timed(lambda t=target: ours(t))
        mine = measure(lambda t=target: ours(t), repeat=options.repeat, budget=options.budget)
        mine.note = f"lần đầu (chưa có số đảng viên đầu kỳ lưu sẵn): {cold_s * 1000:.0f} ms"
        loop = measure_capped(
            lambda b, t=target: naive(t, b), repeat=min(options.repeat, 3), budget=options.budget
        )
        quack = measure(lambda t=target: duck(db, t), repeat=options.repeat, budget=options.budget)
        expected = summary_of_report(mine.answer)  # type: ignore[arg-type]
        agree = _with_codes(dict(quack.answer)) == expected  # type: ignore[arg-type]
        if loop.answer is not None:
            agree = agree and loop.answer == expected
        rows.append(Row(f"admissions {YEAR}, {target.label}", mine, loop, quack, agree))
    return rows


def _other_rows(targets: list[Target], options: argparse.Namespace) -> list[Row]:
    from bench.timing import measure

    rows = []
    for target in targets:
        for kind in ("members", "cells", "coverage", "training", "pipeline"):
            timing = measure(
                lambda t=target, k=kind: ours(t, k), repeat=options.repeat, budget=options.budget
            )
            rows.append(Row(f"{kind} {YEAR}, {target.label}", timing))
        restated = measure(
            lambda t=target: ours(t, as_of=date(2025, 12, 31)),
            repeat=options.repeat,
            budget=options.budget,
        )
        rows.append(Row(f"admissions {YEAR} theo cơ cấu 31/12/2025, {target.label}", restated))
    return rows + _this_year_rows(targets, options)


def _this_year_rows(targets: list[Target], options: argparse.Namespace) -> list[Row]:
    """Time every report from 1 January to today: the period committees ask for most.

    This year's pipeline is the busiest (every open candidacy has its recent steps), and
    the snapshot days are the ones `generate` and the nightly rebuild keep.
    """
    from django.utils import timezone

    from bench.timing import measure

    today = timezone.localdate()
    period = (date(today.year, 1, 1), today)
    rows = []
    for target in targets:
        for kind in ("admissions", "members", "cells", "coverage", "training", "pipeline"):
            timing = measure(
                lambda t=target, k=kind: ours(t, k, period=period),
                repeat=options.repeat,
                budget=options.budget,
            )
            rows.append(Row(f"{kind} năm nay ({today.year}), {target.label}", timing))
    return rows


def _build(options: argparse.Namespace) -> dict[str, Any]:
    from dangvien.plans.demo import quotas_from_history
    from dangvien.reports.cube import cube_rebuild
    from dangvien.reports.models import CubeState
    from dangvien.synth.writer import synth_load

    built: dict[str, Any] = {}
    if not options.reuse:
        scale = options.scale or 0.05
        print(f"Tạo dữ liệu mẫu toàn quốc, hệ số {scale}...", file=sys.stderr)
        started = perf_counter()
        result = synth_load("national", 1, scale=scale, reset=options.reset, accounts=False)
        built = {"load_s": round(perf_counter() - started, 1), "scale": scale, **result.counts}
    if options.reuse and CubeState.objects.filter(rebuilt_at__isnull=False).exists():
        return built  # measured when the data was built; see the earlier results file
    started = perf_counter()
    built["cube_rows"] = cube_rebuild()
    built["cube_rebuild_s"] = round(perf_counter() - started, 1)
    started = perf_counter()
    quotas_from_history(seed=1)
    built["quotas_s"] = round(perf_counter() - started, 1)
    return built


def _timed(action: Callable[[], Any]) -> tuple[Any, float]:
    started = perf_counter()
    value = action()
    return value, round(perf_counter() - started, 3)


def _snapshot_days() -> int:
    """Build the snapshot days a nightly `report-rebuild --snapshots` keeps; return how many.

    1 January and 31 December of YEAR, and this year's 1 January and today (with the
    candidates by stage of today), as the nightly job leaves them for the morning.
    """
    from dangvien.pipeline.stage_snapshot import stage_snapshot_warm
    from dangvien.reports.snapshot import snapshot_build, snapshot_days, snapshot_warm

    have = set(snapshot_days())
    built = sum(snapshot_build(d) for d in (date(YEAR, 1, 1), date(YEAR, 12, 31)) if d not in have)
    built += snapshot_warm()
    stage_snapshot_warm()
    return built


def run(options: argparse.Namespace) -> int:
    """Build or reuse the data, measure, print the tables, write the JSON; return the exit code."""
    from django.core.management import call_command
    from django.db import connection

    from bench.bench_reports_backtest import backtest_rows

    call_command("migrate", verbosity=0)
    built = _build(options)
    # The member snapshots the nightly `report-rebuild --snapshots` would have made for a
    # year's reports and for this year's, timed on their own.
    built["snapshot_days_built"], built["snapshot_build_s"] = _timed(_snapshot_days)
    targets = _targets()
    folder = Path(tempfile.mkdtemp(prefix="dangvien-duck-"))
    try:
        db, built["duckdb_load_s"] = _timed(lambda: duckdb_load(folder))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    rows = _admissions_rows(targets, db, options) + _other_rows(targets, options)
    _print(rows, f"{connection.vendor}, {built}")
    backtest = backtest_rows(targets[1], options.backtest_communes)
    _write(rows, built, backtest, connection.vendor)
    return 0 if all(r.agree is not False for r in rows) else 2


def _write(rows: list[Row], built: dict[str, Any], backtest: dict[str, Any], vendor: str) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    out = RESULTS / f"reports-{vendor}-{stamp}.json"
    out.write_text(
        json.dumps(
            {
                "benchmark": "reports",
                "database": vendor,
                "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
                "data": built,
                "rows": [
                    {
                        "case": r.case,
                        "agree": r.agree,
                        **{
                            name: None if t is None else t.as_dict()
                            for name, t in (
                                ("ours", r.ours),
                                ("naive", r.naive),
                                ("duckdb", r.duck),
                            )
                        },
                    }
                    for r in rows
                ],
                "backtest": backtest,
            },
            ensure_ascii=False,
            indent=2,
            default=str,
        )
    )
    print(f"\nKết quả: {out}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark on DATABASE_URL, or on SQLite in a temporary folder."""
    options = _arguments(sys.argv[1:] if argv is None else argv)
    temporary = None
    if not os.environ.get("DATABASE_URL"):
        temporary = tempfile.mkdtemp(prefix="dangvien-bench-")
        os.environ["DANGVIEN_DATA_DIR"] = temporary
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvien.config.settings")
    import django

    django.setup()
    try:
        return run(options)
    finally:
        if temporary:
            shutil.rmtree(temporary, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
