"""Consistency checks: pre-aggregates equal a recount, snapshots equal the history, no orphans.

Run after a bulk load, an import, a restore or a soak test (`dangvien check`).
Each check is one or two SQL statements that count the disagreeing rows in the
database, so it stays cheap at national scale: nothing is pulled into Python
but the counts. A check returns a `Finding`; zero disagreements means it passed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, models
from django.utils import timezone

from dangvien.orgs.domain.tree import OPEN_END
from dangvien.orgs.models import OrgSpan
from dangvien.people.models import CellTally, Membership, Person, StatusPeriod

STUCK_AFTER = timedelta(hours=2)  # a job "in progress" this long has lost its worker


@dataclass(frozen=True)
class Finding:
    """The outcome of one check: how many rows disagree, and what that means."""

    name: str
    description: str  # Vietnamese, for the operator
    problems: int
    checked: bool = True  # False when the check does not apply here (e.g. FTS5 on PostgreSQL)

    @property
    def ok(self) -> bool:
        return self.problems == 0


def _table(model: type[models.Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _count(sql: str, params: Sequence[Any] = ()) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return int(row[0] or 0) if row else 0


def tallies_check() -> Finding:
    """Compare CellTally with a recount of people by current cell and status."""
    person, tally = _table(Person), _table(CellTally)
    # Both directions: a group without its tally row, and a tally row without its group.
    missing = _count(
        "SELECT COUNT(*) FROM (SELECT current_org_id AS o, current_status AS s, COUNT(*) AS n "  # noqa: S608
        f"FROM {person} GROUP BY current_org_id, current_status) r "
        f"LEFT JOIN {tally} t ON t.org_id = r.o AND t.status = r.s "
        "WHERE t.count IS NULL OR t.count <> r.n"
    )
    extra = _count(
        f"SELECT COUNT(*) FROM {tally} t WHERE t.count <> 0 AND NOT EXISTS ("  # noqa: S608
        f"SELECT 1 FROM {person} p WHERE p.current_org_id = t.org_id "
        "AND p.current_status = t.status)"
    )
    return Finding("tallies", "Bảng đếm theo chi bộ khớp với đếm lại", missing + extra)


def snapshots_check() -> Finding:
    """Compare each person's current cell and status with their open status period."""
    person, period = _table(Person), _table(StatusPeriod)
    problems = _count(
        f"SELECT COUNT(*) FROM {person} p LEFT JOIN {period} sp "  # noqa: S608
        "ON sp.person_id = p.id AND sp.valid_to = %s "
        "WHERE sp.id IS NULL OR sp.org_id <> p.current_org_id OR sp.status <> p.current_status",
        (OPEN_END,),
    )
    return Finding("snapshots", "Đơn vị, trạng thái hiện tại khớp với quá trình", problems)


def unreachable_people_check() -> Finding:
    """Count people whose current unit has no place in today's tree (no scope shows them)."""
    person, span = _table(Person), _table(OrgSpan)
    today = timezone.localdate()
    problems = _count(
        f"SELECT COUNT(*) FROM {person} p WHERE NOT EXISTS ("  # noqa: S608
        f"SELECT 1 FROM {span} s WHERE s.org_id = p.current_org_id "
        "AND s.valid_from <= %s AND s.valid_to >= %s)",
        (today, today),
    )
    return Finding("unreachable", "Mọi người đều thuộc một đơn vị có trong cây hôm nay", problems)


def cube_check() -> Finding:
    """Refresh the report cube, then compare its per-unit rows with a recount of admissions."""
    from dangvien.reports.cube import cube_ensure_fresh
    from dangvien.reports.models import AdmissionDay

    cube_ensure_fresh()
    membership, span, cube = _table(Membership), _table(OrgSpan), _table(AdmissionDay)
    # Admissions placed in the tree of their decision day, counted per unit and day,
    # as the cube's `own` rows hold them.
    placed = (
        f"SELECT m.admitted_in_id AS o, m.decision_date AS d, COUNT(*) AS n FROM {membership} m "  # noqa: S608
        f"JOIN {span} s ON s.org_id = m.admitted_in_id AND s.valid_from <= m.decision_date "
        "AND s.valid_to >= m.decision_date GROUP BY m.admitted_in_id, m.decision_date"
    )
    missing = _count(
        f"SELECT COUNT(*) FROM ({placed}) r LEFT JOIN {cube} c "  # noqa: S608
        "ON c.own = %s AND c.org_id = r.o AND c.day = r.d "
        "WHERE c.admitted IS NULL OR c.admitted <> r.n",
        (True,),
    )
    extra = _count(
        f"SELECT COUNT(*) FROM {cube} c WHERE c.own = %s AND NOT EXISTS ("  # noqa: S608
        f"SELECT 1 FROM {membership} m WHERE m.admitted_in_id = c.org_id "
        "AND m.decision_date = c.day)",
        (True,),
    )
    return Finding("cube", "Số liệu báo cáo tổng hợp sẵn khớp với đếm lại", missing + extra)


def _locality_rows_disagreeing(day: Any, codes: list[str]) -> int:
    """Count localities whose row on `day` is missing or differs from the locality itself.

    Type, independent cell, head, whether the head is a member, and the paths of its
    commune and cell on that day's tree ("" when the unit is not in it).
    """
    from dangvien.orgs.models import Locality
    from dangvien.reports.models import LocalityStock

    place, stock = _table(Locality), _table(LocalityStock)
    period, span = _table(StatusPeriod), _table(OrgSpan)
    marks = ", ".join(["%s"] * len(codes))
    on_day = "{alias}.valid_from <= %s AND {alias}.valid_to >= %s"
    return _count(
        f"SELECT COUNT(*) FROM {place} l "  # noqa: S608
        f"LEFT JOIN {stock} t ON t.day = %s AND t.locality_id = l.id "
        f"LEFT JOIN {span} sc ON sc.org_id = l.commune_id AND {on_day.format(alias='sc')} "
        f"LEFT JOIN {span} sl ON sl.org_id = l.cell_id AND {on_day.format(alias='sl')} "
        "WHERE t.id IS NULL OR t.locality_type <> l.locality_type "
        "OR t.has_independent_cell <> l.has_independent_cell "
        "OR t.has_head <> (l.head_id IS NOT NULL) "
        "OR t.commune_path <> COALESCE(sc.path, '') OR t.cell_path <> COALESCE(sl.path, '') "
        "OR t.head_is_member <> (l.head_id IS NOT NULL AND EXISTS ("
        f"SELECT 1 FROM {period} p WHERE p.person_id = l.head_id AND {on_day.format(alias='p')} "
        f"AND p.status IN ({marks})))",
        [day, day, day, day, day, day, day, *codes],
    )


def member_snapshot_check() -> Finding:
    """Refresh each snapshot day, then compare its rows and locality rows with a recount.

    Each unit's own rows must equal its members recounted from the status periods, and
    each subtree total its own members plus its children's totals: by induction every
    total is right. Locality rows are compared with the residents recounted.
    """
    from dangvien.people.domain.enums import MEMBER_STATUSES
    from dangvien.reports.models import LocalityStock, MemberSnapshot, SnapshotDay
    from dangvien.reports.snapshot import snapshot_ready

    period, span, snap = _table(StatusPeriod), _table(OrgSpan), _table(MemberSnapshot)
    person, stock = _table(Person), _table(LocalityStock)
    codes = sorted(s.value for s in MEMBER_STATUSES)
    marks = ", ".join(["%s"] * len(codes))
    problems = 0
    for day in SnapshotDay.objects.filter(ready=True).values_list("day", flat=True):
        snapshot_ready(day, build=False)
        recount = (
            f"SELECT s.path AS path, p.status AS status, COUNT(*) AS n FROM {period} p "  # noqa: S608
            f"JOIN {span} s ON s.org_id = p.org_id AND s.valid_from <= %s AND s.valid_to >= %s "
            f"WHERE p.valid_from <= %s AND p.valid_to >= %s AND p.status IN ({marks}) "
            "GROUP BY s.path, p.status"
        )
        subtree = (
            "SELECT path, status, SUM(n) AS n FROM ("  # noqa: S608
            f"SELECT path, status, members AS n FROM {snap} WHERE day = %s AND own = %s "
            f"UNION ALL SELECT parent_path, status, SUM(members) FROM {snap} "
            "WHERE day = %s AND own = %s AND parent_path <> '' GROUP BY parent_path, status"
            ") x GROUP BY path, status"
        )
        for expected, params, own in (
            (recount, [day, day, day, day, *codes], True),
            (subtree, [day, True, day, False], False),
        ):
            problems += _count(
                f"SELECT COUNT(*) FROM ({expected}) e LEFT JOIN {snap} m "  # noqa: S608
                "ON m.day = %s AND m.own = %s AND m.path = e.path AND m.status = e.status "
                "WHERE m.members IS NULL OR m.members <> e.n",
                [*params, day, own],
            )
            problems += _count(
                f"SELECT COUNT(*) FROM {snap} m WHERE m.day = %s AND m.own = %s "  # noqa: S608
                f"AND NOT EXISTS (SELECT 1 FROM ({expected}) e "
                "WHERE e.path = m.path AND e.status = m.status)",
                [day, own, *params],
            )
        residents = (
            f"SELECT r.locality_id AS l, COUNT(*) AS n FROM {period} p "  # noqa: S608
            f"JOIN {person} r ON r.id = p.person_id WHERE r.locality_id IS NOT NULL "
            f"AND p.valid_from <= %s AND p.valid_to >= %s AND p.status IN ({marks}) "
            "GROUP BY r.locality_id"
        )
        problems += _count(
            f"SELECT COUNT(*) FROM ({residents}) e LEFT JOIN {stock} t "  # noqa: S608
            "ON t.day = %s AND t.locality_id = e.l WHERE t.members IS NULL OR t.members <> e.n",
            [day, day, *codes, day],
        )
        problems += _count(
            f"SELECT COUNT(*) FROM {stock} t WHERE t.day = %s AND t.members > 0 "  # noqa: S608
            f"AND NOT EXISTS (SELECT 1 FROM ({residents}) e WHERE e.l = t.locality_id)",
            [day, day, day, *codes],
        )
        problems += _locality_rows_disagreeing(day, codes)
    return Finding(
        "member_snapshot", "Số đảng viên tổng hợp sẵn theo ngày khớp với đếm lại", problems
    )


def _cell_signs_sql() -> str:
    """Return the SQL of every cell on a day with its recounted signs (default rules).

    Parameters: the official minimum, the first day of the recent-admission window, the
    committee minimum, the women code, the elderly birth cutoff, the exempt code, then
    the day five times.
    """
    from dangvien.orgs.models import Organization, OrgVersion
    from dangvien.orgs.selectors import CELL_TYPES
    from dangvien.people.domain.enums import FULL_MEMBER_STATUSES, MEMBER_STATUSES

    def within(values: list[str]) -> str:
        return "(" + ", ".join(f"'{v}'" for v in sorted(values)) + ")"  # enum values only

    members = within([s.value for s in MEMBER_STATUSES])
    full = within([s.value for s in FULL_MEMBER_STATUSES])
    figures = (
        "SELECT s.path AS path, v.name AS name, o.code AS code, COUNT(p.id) AS n, "  # noqa: S608
        f"SUM(CASE WHEN p.status IN {full} THEN 1 ELSE 0 END) AS official, "
        "SUM(CASE WHEN r.gender = %s THEN 1 ELSE 0 END) AS women, "
        "SUM(CASE WHEN r.birth_date <= %s THEN 1 ELSE 0 END) AS elderly, "
        "SUM(CASE WHEN p.status = %s THEN 1 ELSE 0 END) AS exempt, "
        f"(SELECT MAX(m.decision_date) FROM {_table(Membership)} m "
        "WHERE m.admitted_in_id = s.org_id AND m.decision_date <= %s) AS last "
        f"FROM {_table(OrgSpan)} s JOIN {_table(OrgVersion)} v ON v.id = s.version_id "
        f"JOIN {_table(Organization)} o ON o.id = s.org_id "
        f"LEFT JOIN {_table(StatusPeriod)} p ON p.org_id = s.org_id AND p.valid_from <= %s "
        f"AND p.valid_to >= %s AND p.status IN {members} "
        f"LEFT JOIN {_table(Person)} r ON r.id = p.person_id "
        "WHERE s.valid_from <= %s AND s.valid_to >= %s "
        f"AND v.org_type IN {within(list(CELL_TYPES))} "
        "GROUP BY s.org_id, s.path, v.name, o.code"
    )
    return (
        "SELECT path, name, code, 1 AS cells, "  # noqa: S608
        "CASE WHEN official < %s THEN 1 ELSE 0 END AS few_official_members, "
        "CASE WHEN n > 0 AND women = 0 THEN 1 ELSE 0 END AS without_women, "
        "CASE WHEN n > 0 AND 2 * elderly >= n THEN 1 ELSE 0 END AS mostly_elderly, "
        "CASE WHEN 2 * exempt > n THEN 1 ELSE 0 END AS mostly_exempt, "
        "CASE WHEN last IS NULL OR last < %s THEN 1 ELSE 0 END AS without_recent_admission, "
        f"CASE WHEN official >= %s THEN 1 ELSE 0 END AS with_committee FROM ({figures}) f"
    )


def cell_snapshot_check() -> Finding:
    """Refresh each snapshot day, then compare its cell rows with a recount of every cell.

    Each cell's signs are recounted from the status periods, the people and the
    admissions; every flagged cell must have its own row with those signs (and no other
    cell one), and each unit's counters must be its own cell's plus its children's: by
    induction every total is right.
    """
    from dangvien.people.domain.enums import Gender, Status
    from dangvien.reports.cell_snapshot import CELL_COLUMNS, CELL_RULES, COMMITTEE_RULE
    from dangvien.reports.domain.cells import elderly_birth_cutoff, recent_admission_start
    from dangvien.reports.models import CellSnapshot, SnapshotDay
    from dangvien.reports.snapshot import snapshot_ready

    snap, signs = _table(CellSnapshot), _cell_signs_sql()
    columns, sums = ", ".join(CELL_COLUMNS), ", ".join(f"SUM({c}) AS {c}" for c in CELL_COLUMNS)
    differs = " OR ".join(f"m.{c} IS NULL OR m.{c} <> e.{c}" for c in CELL_COLUMNS)
    flagged = " OR ".join(f"e.{c} = 1" for c in CELL_COLUMNS[1:-1])
    subtree = (
        f"SELECT path, {sums} FROM (SELECT path, {columns} FROM ({signs}) c "  # noqa: S608
        f"UNION ALL SELECT parent_path, {sums} FROM {snap} "
        "WHERE day = %s AND own = %s AND parent_path <> '' GROUP BY parent_path) x GROUP BY path"
    )
    problems = 0
    for day in SnapshotDay.objects.filter(ready=True).values_list("day", flat=True):
        snapshot_ready(day, build=False)
        rules = [CELL_RULES.min_official_members, recent_admission_start(day, CELL_RULES)]
        facts = [Gender.FEMALE.value, elderly_birth_cutoff(day, CELL_RULES), Status.EXEMPT.value]
        cells = [*rules, COMMITTEE_RULE.min_official_members, *facts, *[day] * 5]
        for expected, params, own, where in (
            (
                signs,
                cells,
                True,
                f"({flagged}) AND ({differs} OR m.code <> e.code OR m.name <> e.name)",
            ),
            (subtree, [*cells, day, False], False, differs),
        ):
            problems += _count(
                f"SELECT COUNT(*) FROM ({expected}) e LEFT JOIN {snap} m "  # noqa: S608
                f"ON m.day = %s AND m.own = %s AND m.path = e.path WHERE {where}",
                [*params, day, own],
            )
            problems += _count(
                f"SELECT COUNT(*) FROM {snap} m WHERE m.day = %s AND m.own = %s "  # noqa: S608
                f"AND NOT EXISTS (SELECT 1 FROM ({expected}) e WHERE e.path = m.path "
                f"AND ({flagged if own else '1 = 1'}))",
                [day, own, *params],
            )
    return Finding(
        "cell_snapshot", "Số chi bộ cần lưu ý tổng hợp sẵn theo ngày khớp với đếm lại", problems
    )


def stage_snapshot_check() -> Finding:
    """Refresh each stage snapshot day, then compare its totals with a recount."""
    from dangvien.pipeline.stage_snapshot import stage_snapshot_disagreements

    return Finding(
        "stage_snapshot",
        "Số quần chúng theo bước tổng hợp sẵn theo ngày khớp với đếm lại",
        stage_snapshot_disagreements(),
    )


def history_snapshot_check() -> Finding:
    """Refresh each forecast history edition, then compare its totals with a recount."""
    from dangvien.pipeline.history_snapshot import history_snapshot_disagreements

    return Finding(
        "history_snapshot",
        "Lịch sử quy trình cho dự báo tổng hợp sẵn khớp với đếm lại",
        history_snapshot_disagreements(),
    )


def stay_snapshot_check() -> Finding:
    """Refresh each edition of the stays that ended, then compare its totals with a recount."""
    from dangvien.pipeline.stay_snapshot import stay_snapshot_disagreements

    return Finding(
        "stay_snapshot",
        "Số lượt chuyển bước tổng hợp sẵn theo kỳ khớp với đếm lại",
        stay_snapshot_disagreements(),
    )


def class_counts_check() -> Finding:
    """Compare each class's trainee and completion counts with a recount of its enrolments."""
    from dangvien.training.class_counts import class_counts_disagreements

    return Finding(
        "class_counts",
        "Số học viên, số hoàn thành của mỗi lớp khớp với đếm lại",
        class_counts_disagreements(),
    )


def open_dossiers_check() -> Finding:
    """Count open dossiers that are not in their person's current cell (they move together)."""
    from dangvien.pipeline.models import Candidacy

    candidacy, person = _table(Candidacy), _table(Person)
    problems = _count(
        f"SELECT COUNT(*) FROM {candidacy} c JOIN {person} p ON p.id = c.person_id "  # noqa: S608
        "WHERE c.is_open = %s AND c.cell_id <> p.current_org_id",
        (True,),
    )
    return Finding("dossiers", "Hồ sơ đang mở nằm ở chi bộ hiện tại của người", problems)


def deadlines_check() -> Finding:
    """Count deadlines whose repeated cell or stage differs from their candidacy's."""
    from dangvien.pipeline.models import Candidacy, Deadline

    candidacy, deadline = _table(Candidacy), _table(Deadline)
    problems = _count(
        f"SELECT COUNT(*) FROM {deadline} d JOIN {candidacy} c ON c.id = d.candidacy_id "  # noqa: S608
        "WHERE d.cell_id <> c.cell_id OR d.stage <> c.stage",
        (),
    )
    return Finding("deadlines", "Hạn của từng việc ghi đúng chi bộ và bước của hồ sơ", problems)


def search_index_check() -> Finding:
    """Check the name search index: FTS5 on SQLite; GIN index and distinct names on PostgreSQL."""
    name = "search_index"
    if connection.vendor == "sqlite":
        try:
            with connection.cursor() as cursor:
                cursor.execute(
                    "INSERT INTO people_person_fts(people_person_fts, rank) "
                    "VALUES ('integrity-check', 1)"
                )
        except Exception:
            return Finding(name, "Chỉ mục tìm tên (FTS5) khớp với bảng người", 1)
        return Finding(name, "Chỉ mục tìm tên (FTS5) khớp với bảng người", 0)
    if connection.vendor == "postgresql":
        valid = _count(
            "SELECT COUNT(*) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
            "WHERE i.relname = 'person_name_trgm' AND x.indisvalid"
        )
        # Names people carry that the distinct-names table (people migration 0005) lacks.
        missing = _count(
            "SELECT COUNT(*) FROM (SELECT DISTINCT sort_key, name_key FROM people_person) p "
            "WHERE NOT EXISTS (SELECT 1 FROM people_searchname s "
            "WHERE s.sort_key = p.sort_key AND s.name_key = p.name_key)"
        )
        return Finding(
            name,
            "Chỉ mục tìm tên (trigram) hợp lệ và đủ mọi tên riêng biệt",
            1 - min(valid, 1) + missing,
        )
    return Finding(name, "Chỉ mục tìm tên", 0, checked=False)


def stuck_jobs_check() -> Finding:
    """Count import jobs and queued tasks still "in progress" long after any run would end."""
    from django_tasks_db.models import DBTaskResult

    from dangvien.imports.models import ImportJob

    before = timezone.now() - STUCK_AFTER
    in_progress = [ImportJob.State.CHECKING, ImportJob.State.RUNNING]
    jobs = ImportJob.objects.filter(state__in=in_progress, updated_at__lt=before).count()
    tasks = DBTaskResult.objects.filter(status="RUNNING", started_at__lt=before).count()
    return Finding("stuck_jobs", "Không có việc nền nào treo quá 2 giờ", jobs + tasks)


def orphan_files_check() -> Finding:
    """Count uploaded import files that no import job refers to."""
    from dangvien.imports.models import ImportJob

    folder = Path(settings.MEDIA_ROOT) / "imports"
    if not folder.is_dir():
        return Finding("orphan_files", "Mọi tệp tải lên đều thuộc một lần nhập", 0)
    known: set[str] = set()
    for stored, error_file in ImportJob.objects.values_list("stored_name", "error_file"):
        known.update((stored, error_file))
    stray = [f for f in folder.iterdir() if f.is_file() and f.name not in known]
    return Finding("orphan_files", "Mọi tệp tải lên đều thuộc một lần nhập", len(stray))


def audit_chain_check() -> Finding:
    """Verify the access log's hash chain (the same check as `dangvien audit verify`)."""
    from dangvien.audit.integrity import audit_verify

    report = audit_verify()
    return Finding("audit_chain", "Chuỗi băm nhật ký truy cập nguyên vẹn", 0 if report.ok else 1)


CHECKS: list[Callable[[], Finding]] = [
    tallies_check,
    snapshots_check,
    unreachable_people_check,
    cube_check,
    member_snapshot_check,
    cell_snapshot_check,
    stage_snapshot_check,
    history_snapshot_check,
    stay_snapshot_check,
    class_counts_check,
    open_dossiers_check,
    deadlines_check,
    search_index_check,
    stuck_jobs_check,
    orphan_files_check,
    audit_chain_check,
]


def consistency_check() -> list[Finding]:
    """Run every check; return their findings in a fixed order."""
    return [check() for check in CHECKS]
