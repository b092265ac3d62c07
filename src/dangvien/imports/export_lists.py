"""The list pages as .xlsx: people (with the list's filters), units and localities in scope.

Rows come from the same scoped selectors as the pages, so an export never shows
more than the page would; each export is written to the access log.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from dangvien.accounts.actor import Actor
from dangvien.audit.services import audit_record
from dangvien.config.db_router import reads_from_replica
from dangvien.core.domain.text import age_years
from dangvien.imports.export_rows import label, yes
from dangvien.imports.known import codes_of
from dangvien.imports.xlsx_tables import Column, Kind, TableBook
from dangvien.orgs.selectors import locality_list, org_list
from dangvien.people.domain import vocabularies as vocab
from dangvien.people.domain.identity import mask_citizen_id
from dangvien.people.selectors import MAX_PAGE, PersonFilter, person_list

PEOPLE_COLUMNS = [
    Column("Họ và tên", width=28),
    Column("Ngày sinh", Kind.DATE),
    Column("Tuổi", Kind.INT),
    Column("Giới tính", width=10),
    Column("Dân tộc", width=12),
    Column("Tôn giáo", width=14),
    Column("Chuyên môn", width=14),
    Column("Lý luận chính trị", width=14),
    Column("Trạng thái", width=16),
    Column("Mã chi bộ", Kind.CODE),
    Column("Chi bộ", width=30),
    Column("Số CCCD", Kind.CODE),
]
ORG_COLUMNS = [
    Column("Mã", Kind.CODE),
    Column("Tên", width=40),
    Column("Loại", width=18),
    Column("Mã cấp trên", Kind.CODE),
    Column("Cấp", Kind.INT),
    Column("Được ủy quyền kết nạp", width=12),
]
LOCALITY_COLUMNS = [
    Column("Mã", Kind.CODE),
    Column("Tên", width=30),
    Column("Loại", width=12),
    Column("Mã tổ chức", Kind.CODE),
    Column("Mã chi bộ", Kind.CODE),
    Column("Chi bộ độc lập", width=10),
    Column("Người đứng đầu", width=28),
]
_ORG_PAGE = 1000


def _people(actor: Actor, filters: PersonFilter) -> Iterator[tuple[Any, ...]]:
    """Yield the people of the list in its order, page after page (the list's own keyset)."""
    cursor, today = "", actor.scope.day
    while True:
        page = person_list(scope=actor.scope, filters=filters, cursor=cursor, limit=MAX_PAGE)
        for p in page.items:
            yield (
                p.full_name,
                p.birth_date,
                age_years(p.birth_date, today),
                label(vocab.GENDERS, p.gender),
                label(vocab.ETHNIC_GROUPS, p.ethnicity),
                label(vocab.RELIGIONS, p.religion),
                label(vocab.QUALIFICATIONS, p.qualification),
                label(vocab.THEORY_LEVELS, p.theory_level),
                label(vocab.STATUSES, p.current_status),
                p.current_org.code,
                p.current_org.name,
                mask_citizen_id(p.citizen_id),
            )
        if page.next_cursor is None:
            return
        cursor = page.next_cursor


def _orgs(actor: Actor) -> Iterator[tuple[Any, ...]]:
    after = ""
    while True:
        nodes = org_list(scope=actor.scope, after=after, limit=_ORG_PAGE)
        parents = codes_of(node.parent_id for node in nodes if node.parent_id)
        for node in nodes:
            yield (
                node.code,
                node.name,
                node.org_type.label,
                parents.get(node.parent_id or 0, ""),
                node.depth,
                yes(node.may_admit),
            )
        if len(nodes) < _ORG_PAGE:
            return
        after = nodes[-1].code


def _localities(actor: Actor) -> Iterator[tuple[Any, ...]]:
    for item in locality_list(scope=actor.scope):
        yield (
            item.code,
            item.name,
            label(vocab.LOCALITY_TYPES, item.locality_type),
            item.commune.code,
            item.cell.code if item.cell else "",
            yes(item.has_independent_cell),
            item.head.full_name if item.head else "",
        )


def _export(
    actor: Actor,
    target: IO[bytes],
    what: str,
    columns: list[Column],
    rows: Iterator[tuple[Any, ...]],
    detail: dict[str, Any],
) -> int:
    book = TableBook(target, title=what)
    try:
        count = book.table(what, columns, rows)
    finally:
        book.close()
    audit_record(
        actor=actor,
        action="export",
        object_type=detail.pop("object_type"),
        detail={**detail, "rows": count},
    )
    return count


@reads_from_replica
def people_export(*, actor: Actor, filters: PersonFilter, target: IO[bytes], query: str) -> int:
    """Write the people list (same filters, same scope) and log it; return the row count."""
    return _export(
        actor,
        target,
        "Nhân sự",
        PEOPLE_COLUMNS,
        _people(actor, filters),
        {"object_type": "person_list", "query": query[:500]},
    )


@reads_from_replica
def orgs_export(*, actor: Actor, target: IO[bytes]) -> int:
    """Write the units in scope today and log it; return the row count."""
    return _export(actor, target, "Tổ chức", ORG_COLUMNS, _orgs(actor), {"object_type": "org_list"})


@reads_from_replica
def localities_export(*, actor: Actor, target: IO[bytes]) -> int:
    """Write the localities in scope and log it; return the row count."""
    return _export(
        actor,
        target,
        "Địa bàn",
        LOCALITY_COLUMNS,
        _localities(actor),
        {"object_type": "locality_list"},
    )
