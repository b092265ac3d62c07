"""Run every sheet's checks in processing order and assemble the import's plan."""

from __future__ import annotations

from dangvien.accounts.actor import Actor
from dangvien.imports.domain.parse import ParsedWorkbook
from dangvien.imports.known import localities_by_code, org_paths, orgs_by_code
from dangvien.imports.known_people import KnownPerson, people_by_digest
from dangvien.imports.localities_sheet import plan_locality_sheet
from dangvien.imports.orgs_sheet import org_index, plan_org_sheet
from dangvien.imports.people_sheet import PeopleSheets, plan_people_sheet
from dangvien.imports.plan_common import Check
from dangvien.imports.quotas_sheet import plan_quota_sheet
from dangvien.imports.training_sheet import (
    TraineeContext,
    known_classes,
    known_enrolments,
    plan_classes,
    plan_trainees,
)
from dangvien.imports.tree_on_day import TreeOnDay
from dangvien.imports.validation import ImportPlan, Progress, Rows, typed_rows
from dangvien.people.services import digest_of


def _referenced_codes(rows: Rows) -> set[str]:
    """Return every unit code any sheet names."""
    codes = {row.code for row in rows.orgs} | {row.parent_code for row in rows.orgs}
    codes |= {row.org_code for row in rows.localities} | {row.cell_code for row in rows.localities}
    codes |= {row.cell_code for row in rows.people} | {row.cell_code for row in rows.history}
    codes |= {row.org_code for row in rows.quotas} | {row.org_code for row in rows.classes}
    return codes - {""}


def _citizen_ids(rows: Rows) -> set[str]:
    ids = {row.citizen_id for row in rows.people} | {row.citizen_id for row in rows.trainees}
    return ids | {row.head_citizen_id for row in rows.localities if row.head_citizen_id}


def _load(plan: ImportPlan) -> None:
    """Load what the database holds about everything the workbook names."""
    rows, known = plan.rows, plan.known
    known.orgs = orgs_by_code(_referenced_codes(rows), plan.today)
    known.digests = {cid: digest_of(cid) for cid in _citizen_ids(rows)}
    history = {known.digests[row.citizen_id] for row in rows.history}
    known.people = people_by_digest(known.digests.values(), with_history=history)
    codes = {row.code for row in rows.localities} | {row.locality_code for row in rows.people}
    known.localities = localities_by_code(codes)


def _holders(plan: ImportPlan) -> dict[str, KnownPerson | None]:
    """Return citizen ID -> the person holding it (None: created by this import)."""
    known = plan.known
    holders: dict[str, KnownPerson | None] = {row.citizen_id: None for row in plan.rows.people}
    for cid, digest in known.digests.items():
        if digest in known.people:
            holders[cid] = known.people[digest]
    return holders


def _plan_orgs_and_places(
    plan: ImportPlan, check: Check, holders: dict[str, KnownPerson | None]
) -> None:
    sheets, rows, known = plan.parsed.sheets, plan.rows, plan.known
    if "ToChuc" in sheets:
        plan.orgs = plan_org_sheet(sheets["ToChuc"], rows.orgs, known.orgs, check)
    check.orgs = org_index(plan.orgs, known.orgs, check)
    if "DiaBan" in sheets:
        plan.localities = plan_locality_sheet(
            sheets["DiaBan"], rows.localities, known.localities, holders, check
        )


def _plan_people(plan: ImportPlan, check: Check) -> None:
    sheets, rows, known = plan.parsed.sheets, plan.rows, plan.known
    if "NhanSu" not in sheets:
        return
    localities: dict[str, int | None] = {code: k.pk for code, k in known.localities.items()}
    localities.update({row.code: None for row in rows.localities if row.code not in localities})
    people_sheets = PeopleSheets(
        sheets["NhanSu"], sheets.get("QuaTrinh"), rows.history, localities, known.digests
    )
    plan.people = plan_people_sheet(people_sheets, rows.people, known.people, check)


def _plan_training(
    plan: ImportPlan, check: Check, tree: TreeOnDay, holders: dict[str, KnownPerson | None]
) -> None:
    sheets, rows, known = plan.parsed.sheets, plan.rows, plan.known
    codes = {row.code for row in rows.classes} | {row.class_code for row in rows.trainees}
    known.classes = known_classes(codes, check)
    if "LopHoc" in sheets:
        plan_classes(sheets["LopHoc"], rows.classes, known.classes, tree, check, plan.training)
    if "HocVien" not in sheets:
        return
    starts = {code: k.values["start_date"] for code, k in known.classes.items()}
    starts.update({row.code: row.start_date for row in rows.classes})
    people = {holder.pk: holder for holder in holders.values() if holder is not None}
    paths = org_paths({p.current_org_id for p in people.values()}, check.today)
    readable = {
        pk: check.is_operator or check.actor.scope.covers_path(paths.get(p.current_org_id, ""))
        for pk, p in people.items()
    }
    class_ids = [k.pk for k in known.classes.values()]
    context = TraineeContext(
        starts, known.classes, holders, readable, known_enrolments(class_ids, set(people))
    )
    plan_trainees(sheets["HocVien"], rows.trainees, context, check, plan.training)


def plan_import(
    parsed: ParsedWorkbook, *, actor: Actor, progress: Progress | None = None
) -> ImportPlan:
    """Return the plan of a parsed workbook, with every error recorded in its issues."""
    report = progress or (lambda stage, done, total: None)
    today = actor.scope.day
    plan = ImportPlan(actor, today, parsed)
    check = Check(actor, today, parsed.issues)
    steps = 5
    report("Kiểm tra dữ liệu", 0, steps)
    plan.rows = typed_rows(parsed, today)
    _load(plan)
    report("Kiểm tra dữ liệu", 1, steps)
    holders = _holders(plan)
    _plan_orgs_and_places(plan, check, holders)
    report("Kiểm tra dữ liệu", 2, steps)
    _plan_people(plan, check)
    report("Kiểm tra dữ liệu", 3, steps)
    tree = TreeOnDay(plan.orgs, plan.known.orgs, today)
    if "ChiTieu" in parsed.sheets:
        plan.quotas = plan_quota_sheet(parsed.sheets["ChiTieu"], plan.rows.quotas, tree, check)
    report("Kiểm tra dữ liệu", 4, steps)
    _plan_training(plan, check, tree, holders)
    report("Kiểm tra dữ liệu", steps, steps)
    return plan
