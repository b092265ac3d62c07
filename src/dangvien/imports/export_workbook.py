"""A full export of a unit's subtree in the import format, which imports back unchanged.

The subtree is every unit ever under the unit (under any of its past paths).
For the server's operator, the units above it and any unit a person's history
names are added, so the file imports into an empty database on its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import IO

from django.db.models import Q

from dangvien.accounts.actor import Actor
from dangvien.audit.services import audit_record
from dangvien.config.db_router import reads_from_replica
from dangvien.imports.domain.sheets import SHEETS, ColumnKind, SheetSpec
from dangvien.imports.export_rows import (
    Row,
    class_rows,
    history_rows,
    locality_rows,
    org_rows,
    people_chunks,
    person_row,
    quota_rows,
    trainee_rows,
)
from dangvien.imports.known import codes_of
from dangvien.imports.xlsx_tables import Column, Kind, TableBook
from dangvien.orgs.models import OrgSpan, OrgVersion
from dangvien.orgs.paths import path_prefix_q
from dangvien.orgs.selectors import org_get
from dangvien.people.models import StatusPeriod

_KINDS = {
    ColumnKind.DATE: Kind.DATE,
    ColumnKind.CODE: Kind.CODE,
    ColumnKind.CITIZEN_ID: Kind.CODE,
    ColumnKind.INTEGER: Kind.INT,
}


def columns_of(spec: SheetSpec) -> list[Column]:
    """Return the export columns of a sheet: its headers, typed as the importer reads them."""
    return [Column(column.header, _KINDS.get(column.kind, Kind.TEXT)) for column in spec.columns]


def subtree(org_id: int) -> set[int]:
    """Return the ids of the unit and of every unit ever under it."""
    paths = set(OrgSpan.objects.filter(org_id=org_id).values_list("path", flat=True))
    condition = Q(org_id=org_id)
    for path in paths:
        condition |= path_prefix_q(path)
    return set(OrgSpan.objects.filter(condition).values_list("org_id", flat=True))


def with_ancestors(org_ids: set[int]) -> set[int]:
    """Return the units and every unit above any of them at any time."""
    found, frontier = set(org_ids), set(org_ids)
    while frontier:
        parents = (
            set(
                OrgVersion.objects.filter(org_id__in=frontier, parent__isnull=False).values_list(
                    "parent_id", flat=True
                )
            )
            - found
        )
        found |= parents
        frontier = parents
    return found


def _units(actor: Actor, root: int) -> tuple[set[int], set[int]]:
    """Return (the units whose records are exported, the units listed in ToChuc)."""
    units = subtree(root)
    if actor.user is not None:
        return units, units
    named = set(
        StatusPeriod.objects.filter(person__current_org_id__in=units).values_list(
            "org_id", flat=True
        )
    )
    return units, with_ancestors(units | named)


class _People:
    """Streams the NhanSu rows, then (a second pass) the QuaTrinh rows, a chunk at a time."""

    def __init__(self, units: set[int], codes: dict[int, str]) -> None:
        self.units, self.codes = units, codes
        self.ids: set[int] = set()  # the people exported, for the HocVien sheet

    def rows(self) -> Iterator[Row]:
        for chunk in people_chunks(self.units):
            for person in chunk.people:
                self.ids.add(person.pk)
                yield person_row(person, chunk, self.codes)

    def history(self) -> Iterator[Row]:
        for chunk in people_chunks(self.units):
            for person in chunk.people:
                yield from history_rows(person, chunk, self.codes)


def _write(book: TableBook, units: set[int], listed: set[int]) -> dict[str, int]:
    specs = {spec.name: spec for spec in SHEETS}
    codes = codes_of(listed)
    counts = {"ToChuc": book.table("ToChuc", columns_of(specs["ToChuc"]), org_rows(listed, codes))}
    counts["DiaBan"] = book.table(
        "DiaBan", columns_of(specs["DiaBan"]), locality_rows(units, codes)
    )
    people = _People(units, codes)
    counts["NhanSu"] = book.table("NhanSu", columns_of(specs["NhanSu"]), people.rows())
    counts["QuaTrinh"] = book.table("QuaTrinh", columns_of(specs["QuaTrinh"]), people.history())
    counts["ChiTieu"] = book.table(
        "ChiTieu", columns_of(specs["ChiTieu"]), quota_rows(units, codes)
    )
    counts["LopHoc"] = book.table("LopHoc", columns_of(specs["LopHoc"]), class_rows(units, codes))
    trainees = trainee_rows(units, people.ids)
    counts["HocVien"] = book.table("HocVien", columns_of(specs["HocVien"]), trainees)
    return counts


@reads_from_replica
def workbook_export(*, actor: Actor, org_code: str, target: Path | IO[bytes]) -> dict[str, int]:
    """Write the unit's subtree in the import format; log the export; return rows per sheet."""
    node = org_get(scope=actor.scope, code=org_code)  # NotFoundError outside the scope
    units, listed = _units(actor, node.id)
    book = TableBook(
        str(target) if isinstance(target, Path) else target, title=f"Dữ liệu {node.name}"
    )
    try:
        counts = _write(book, units, listed)
    finally:
        book.close()
    audit_record(
        actor=actor,
        action="export",
        object_type="workbook",
        object_id=node.code,
        org_id=node.id,
        detail={"format": "import", "sheets": counts},
    )
    return counts
