"""Report methods against the ones they replaced, in the same run (see the command below).

    uv run python manage.py shell -c "import bench.methods"

- the pipeline report's stays: the period's steps with their recorded `entered_on`, against
  the former window (`LAG`) over every step of the candidacies with a step in the period;
  and the stays read from their edition (pipeline.stay_snapshot, built by the warm-up run)
  against that live count;
- the overdue steps on today's date counted by stage in the database with the 1,000 most
  overdue listed (the stage repeated on each deadline), against reading every overdue step
  with its candidacy's stage and sorting them in Python;
- restated admissions and members at the start (`as_of` 31/12/2025, year 2024): moved
  blocks (reports.selectors.restated) against placing every unit's own rows on the tree;
- the `training` report (2024) from each class's own counts, against counting every
  enrolment of the period's classes;
- the localities of the `coverage` report on 31/12/2024 from the day's locality rows
  alone, against joining the subtree's units to the localities and those rows.

For the root and the first province, each pair must give the same figures; prints a table of
median milliseconds (5 runs) and writes bench/results/methods-<database>-<time>.json. Point
DATABASE_URL at a generated database first (the national one for the figures of
docs/performance.md).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any

from django.db.models import CharField, Count, Q, QuerySet, Sum
from django.db.models.functions import Cast

from bench.output import write_results
from dangvien.accounts.scope import global_scope
from dangvien.orgs.models import Organization, OrgSpan
from dangvien.orgs.paths import spans_on, spans_under
from dangvien.people.domain.enums import MEMBER_STATUSES
from dangvien.pipeline import report_sql
from dangvien.pipeline.models import Deadline
from dangvien.pipeline.report_source import OVERDUE_KINDS, CandidacySource
from dangvien.pipeline.stay_snapshot import stay_snapshot_counts
from dangvien.reports.domain.pipeline import OpenStep, Overdue, summarise_overdue
from dangvien.reports.domain.training import ClassFacts, TrainingReport, build_training_report
from dangvien.reports.selectors import admissions, coverage, restated, snapshot_rows
from dangvien.reports.selectors.subject import Subject, subject_for
from dangvien.reports.selectors.training import classes_of, training_report
from dangvien.training.domain.enums import ClassType, TraineeResult

AS_OF = date(2025, 12, 31)
FIRST, LAST = date(2024, 1, 1), date(2024, 12, 31)
REPEAT = 5


def stays_by_window(units: QuerySet[OrgSpan], first: date, last: date) -> list[Any]:
    """The former query: a `LAG` over all steps of the candidacies with a step in the period."""
    units_sql, units_params = report_sql._units(units, 0)
    log, candidacy = report_sql._LOG, report_sql._CANDIDACY
    days = report_sql._days_between('x."on"', "x.entered")
    # Only table names and compiled ORM SQL are interpolated; values are parameters.
    sql = f"""
        SELECT x.from_stage, {days}, x.to_stage, COUNT(*)
        FROM (
            SELECT t.from_stage, t.to_stage, t."on",
                LAG(t."on") OVER (PARTITION BY t.candidacy_id ORDER BY t."on", t.id) AS entered
            FROM {log} t
            WHERE t.from_stage <> t.to_stage AND t.candidacy_id IN (
                SELECT m.candidacy_id FROM {log} m
                JOIN {candidacy} c ON c.id = m.candidacy_id
                JOIN ({units_sql}) u ON u.org_id = c.cell_id
                WHERE m."on" BETWEEN %s AND %s
            )
        ) x
        WHERE x.from_stage <> '' AND x.entered IS NOT NULL AND x."on" BETWEEN %s AND %s
        GROUP BY 1, 2, 3
    """
    return report_sql._fetch(sql, [*units_params, first, last, first, last])


def training_by_enrolments(subject: Subject) -> TrainingReport:
    """The former query: every enrolment of the period's classes, counted per class."""
    rows = (
        classes_of(subject)
        .values("id", "class_type", "start_date")
        .annotate(
            trainees=Count("enrolments"),
            completed=Count(
                "enrolments", filter=Q(enrolments__result=TraineeResult.COMPLETED.value)
            ),
        )
        .order_by()
    )
    facts = [
        ClassFacts(ClassType(r["class_type"]), r["start_date"], r["trainees"], r["completed"])
        for r in rows
    ]
    return build_training_report(scope=subject.scope, classes=facts)


def _sorted(
    stays: Callable[[QuerySet[OrgSpan], date, date], list[Any]], units: QuerySet[OrgSpan]
) -> list[Any]:
    return sorted(stays(units, FIRST, LAST))


def stays_from_edition(path: str) -> list[Any]:
    rows = stay_snapshot_counts(FIRST, LAST, path)
    assert rows is not None, "no edition for this unit"
    return sorted(rows)


def overdue_listed_whole(units: QuerySet[OrgSpan], day: date) -> Overdue:
    """The former read: every overdue step, its stage from the candidacy, sorted in Python."""
    rows = (
        Deadline.objects.filter(
            cell_id__in=units.values("org_id"), kind__in=OVERDUE_KINDS, due_on__lt=day
        )
        .annotate(ref=Cast("candidacy_id", CharField()))
        .values_list("candidacy__stage", "kind", "due_on", "ref")
        .order_by("due_on")
    )
    return summarise_overdue(map(OpenStep._make, rows), day)


def overdue_counted(units: QuerySet[OrgSpan], day: date, *, wide: bool) -> Overdue:
    """The report's read: `wide` for the whole country, as reports.selectors.pipeline does."""
    return CandidacySource().overdue(units, day, wide=wide)


def timed(action: Callable[[], Any]) -> tuple[Any, float]:
    """Return the result and the median milliseconds of REPEAT runs after one warm-up."""
    result = action()
    runs = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        action()
        runs.append((time.perf_counter() - started) * 1000)
    return result, statistics.median(runs)


def _members_placed(path: str) -> int:
    codes = [s.value for s in MEMBER_STATUSES]
    found = (
        snapshot_rows._restated(FIRST, AS_OF, path)
        .filter(status__in=codes)
        .aggregate(n=Sum("members"))
    )
    return int(found["n"] or 0)


def _members_by_blocks(path: str) -> int:
    codes = [s.value for s in MEMBER_STATUSES]
    read = snapshot_rows._read_blocks(codes, ["members"])
    figures = restated.restated_figures(path, AS_OF, [(FIRST, FIRST)], read, len(codes))
    return sum(sum(counters) for counters in figures.values())


def _targets() -> list[tuple[str, str]]:
    spans = spans_on(AS_OF)
    root = spans.get(depth=1)
    province = spans.filter(depth=2).order_by("path").first()
    assert province is not None, "no province in this database"
    codes = dict(
        Organization.objects.filter(pk__in=[root.org_id, province.org_id]).values_list("pk", "code")
    )
    return [("gốc", codes[root.org_id]), ("tỉnh", codes[province.org_id])]


def main() -> list[dict[str, Any]]:
    scope = global_scope(AS_OF)
    rows = []
    for level, code in _targets():
        subject = subject_for(scope=scope, code=code, date_from=FIRST, date_to=LAST, as_of=AS_OF)
        own_tree = subject_for(scope=scope, code=code, date_from=FIRST, date_to=LAST)
        snapshot_rows.snapshot_usable(LAST, own_tree.placements[-1].path)  # for coverage
        path = subject.placements[0].path
        snapshot_rows.snapshot_usable(FIRST, path)  # the member snapshot both methods read
        units = spans_under([path], LAST)
        own_path = own_tree.path_on(LAST)
        assert own_path is not None, f"{code} did not exist on {LAST}"
        own_units = spans_under([own_path], LAST)
        stretches = restated.tree_stretches(FIRST, LAST) or []
        # Deadlines are today's: the overdue steps are measured on today's tree.
        today = global_scope().day
        today_path = subject_for(
            scope=global_scope(), code=code, date_from=today, date_to=today
        ).path_on(today)
        assert today_path is not None, f"{code} does not exist today"
        today_units = spans_under([today_path], today)
        pairs: list[tuple[str, Callable[[], Any], Callable[[], Any]]] = [
            (
                "lượt ở lại (pipeline)",
                partial(_sorted, report_sql.stays_ended, units),
                partial(_sorted, stays_by_window, units),
            ),
            (
                "lượt ở lại: ấn bản / đếm trực tiếp",
                partial(stays_from_edition, own_path),
                partial(_sorted, report_sql.stays_ended, own_units),
            ),
            (
                "việc quá hạn: đếm + 1.000 đầu / cả danh sách",
                partial(overdue_counted, today_units, today, wide=level == "gốc"),
                partial(overdue_listed_whole, today_units, today),
            ),
            (
                "admissions theo cơ cấu",
                partial(admissions._restated_by_blocks, subject, stretches),
                partial(admissions._placed_rows, subject),
            ),
            (
                "đảng viên đầu kỳ theo cơ cấu",
                partial(_members_by_blocks, path),
                partial(_members_placed, path),
            ),
            (
                "training",
                partial(training_report, own_tree),
                partial(training_by_enrolments, own_tree),
            ),
            (
                "coverage: địa bàn",
                partial(coverage._localities, own_tree),
                partial(coverage._joined_localities, own_tree, stocked=True),
            ),
        ]
        for name, new, old in pairs:
            new_result, new_ms = timed(new)
            old_result, old_ms = timed(old)
            rows.append(
                {
                    "measure": f"{name}, {level} ({code})",
                    "new_ms": round(new_ms, 1),
                    "old_ms": round(old_ms, 1),
                    "same": new_result == old_result,
                }
            )
    print(f"{'Phép đo':<45} {'mới ms':>10} {'cũ ms':>10}  cùng kết quả")
    for row in rows:
        same = "có" if row["same"] else "KHÁC"
        print(f"{row['measure']:<45} {row['new_ms']:>10.1f} {row['old_ms']:>10.1f}  {same}")
    write_results("methods", {"as_of": AS_OF, "period": [FIRST, LAST], "rows": rows})
    return rows


main()
