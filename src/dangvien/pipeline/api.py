"""API of candidacies: lists, the board, work lists, one dossier, its documents and files.

The steps themselves are in `api_steps`, added to this router.
"""

from __future__ import annotations

from datetime import date

from django.http import FileResponse, HttpRequest, HttpResponse
from ninja import Field, Router, Schema
from ninja import Status as Response

from dangvien.accounts.actor import Actor, actor_from_request
from dangvien.audit.services import audit_record
from dangvien.core.api_errors import check_limit
from dangvien.core.domain.errors import NotFoundError
from dangvien.orgs.selectors import org_get
from dangvien.pipeline import access, selectors, services
from dangvien.pipeline.api_inputs import FactsIn
from dangvien.pipeline.api_schemas import (
    CandidacyDetail,
    CandidacyOut,
    CandidacyPage,
    candidacy_out,
    detail_out,
)
from dangvien.pipeline.api_steps import steps_router
from dangvien.pipeline.docx_render import download_name, render_document
from dangvien.pipeline.domain.documents import GeneratedDocument
from dangvien.pipeline.domain.stages import Stage
from dangvien.pipeline.domain.worklist import WorkKind
from dangvien.pipeline.worklist import WorkCounts, worklist_items, worklist_rollup

router = Router(tags=["Phát triển đảng viên"])
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _actor(request: HttpRequest) -> Actor:
    return actor_from_request(request, channel="api")


@router.get("/candidacies", response=CandidacyPage, summary="Danh sách hồ sơ (theo phạm vi)")
def candidacy_list(
    request: HttpRequest,
    org: str = "",
    stage: Stage | None = None,
    q: str = "",
    source: str = "",
    overdue: bool = False,
    closed: bool = False,
    cursor: str = "",
    limit: int = 50,
) -> CandidacyPage:
    check_limit(limit, selectors.MAX_PAGE)
    actor = _actor(request)
    filters = selectors.CandidacyFilter(
        org_path=org_get(scope=actor.scope, code=org).path if org else "",
        stages=(stage,) if stage else (),
        include_closed=closed,
        overdue_only=overdue,
        q=q,
        source=source,
    )
    page = selectors.candidacy_page(scope=actor.scope, filters=filters, cursor=cursor, limit=limit)
    audit_record(
        actor=actor,
        action="list",
        object_type="candidacy",
        detail={"org": org, "stage": stage or "", "count": len(page.items)},
    )
    return CandidacyPage(items=[candidacy_out(r) for r in page.items], next_cursor=page.next_cursor)


class CandidacyIn(Schema):
    person_id: int
    source_category: str = Field(max_length=80)
    opened_on: date
    facts: FactsIn | None = None


@router.post("/candidacies", response={201: CandidacyDetail}, summary="Mở hồ sơ (tạo nguồn)")
def candidacy_create(request: HttpRequest, payload: CandidacyIn) -> Response[CandidacyDetail]:
    actor = _actor(request)
    candidacy = services.candidacy_open(
        actor=actor,
        person_id=payload.person_id,
        source_category=payload.source_category,
        opened_on=payload.opened_on,
        facts=payload.facts.to_input() if payload.facts else None,
    )
    return Response(201, detail_out(actor, candidacy.pk))


class BoardColumnOut(Schema):
    stage: Stage
    label: str
    count: int
    cards: list[CandidacyOut]


@router.get("/candidacies/board", response=list[BoardColumnOut], summary="Bảng theo bước")
def candidacy_board(request: HttpRequest, org: str = "") -> list[BoardColumnOut]:
    actor = _actor(request)
    path = org_get(scope=actor.scope, code=org).path if org else ""
    columns = selectors.board(scope=actor.scope, org_path=path)
    return [
        BoardColumnOut(
            stage=c.stage,
            label=c.stage.label,
            count=c.count,
            cards=[candidacy_out(row) for row in c.cards],
        )
        for c in columns
    ]


class CountsOut(Schema):
    overdue: int
    soon: int
    by_kind: dict[str, list[int]]


class UnitCountsOut(Schema):
    code: str
    name: str
    counts: CountsOut


class WorkItemOut(Schema):
    candidacy_id: int
    full_name: str
    cell_name: str
    kind: WorkKind
    label: str
    due_on: date
    note: str
    status: str


class WorklistOut(Schema):
    org: UnitCountsOut
    children: list[UnitCountsOut]
    items: list[WorkItemOut]


def _counts(counts: WorkCounts) -> CountsOut:
    return CountsOut(
        overdue=counts.overdue,
        soon=counts.soon,
        by_kind={k.value: list(v) for k, v in counts.by_kind.items()},
    )


@router.get("/candidacies/worklist", response=WorklistOut, summary="Việc cần làm, quá hạn")
def candidacy_worklist(
    request: HttpRequest, org: str, overdue: bool = False, kind: WorkKind | None = None
) -> WorklistOut:
    actor = _actor(request)
    node = org_get(scope=actor.scope, code=org)
    rollup = worklist_rollup(scope=actor.scope, node=node)
    items = worklist_items(scope=actor.scope, node=node, overdue_only=overdue, kind=kind)
    return WorklistOut(
        org=UnitCountsOut(code=node.code, name=node.name, counts=_counts(rollup.total)),
        children=[
            UnitCountsOut(code=child.code, name=child.name, counts=_counts(counts))
            for child, counts in rollup.children
        ],
        items=[
            WorkItemOut(
                candidacy_id=i.candidacy_id,
                full_name=i.person_name,
                cell_name=i.cell_name,
                kind=i.kind,
                label=i.kind.label,
                due_on=i.due_on,
                note=i.note,
                status=i.status.value,
            )
            for i in items
        ],
    )


@router.get(
    "/candidacies/{candidacy_id}",
    response=CandidacyDetail,
    summary="Một hồ sơ: các bước, việc còn thiếu, hạn (ghi nhật ký)",
)
def candidacy_read(request: HttpRequest, candidacy_id: int) -> CandidacyDetail:
    return detail_out(_actor(request), candidacy_id)


@router.get(
    "/candidacies/{candidacy_id}/documents/{kind}",
    url_name="candidacy_document",
    summary="Tải văn bản đã điền (.docx): 6-KND, 8-KND, 9-KND, 13-KND, 15-KND, QD-CNCT",
)
def candidacy_document(request: HttpRequest, candidacy_id: int, kind: str) -> HttpResponse:
    chosen = GeneratedDocument._value2member_map_.get(kind.removesuffix(".docx"))
    if not isinstance(chosen, GeneratedDocument):
        raise NotFoundError()
    candidacy = access.generated_for_download(
        actor=_actor(request), candidacy_id=candidacy_id, kind=chosen.value
    )
    response = HttpResponse(render_document(candidacy, chosen), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{download_name(candidacy, chosen)}"'
    return response


@router.get(
    "/candidacies/attachments/{document_id}",
    summary="Tải bản quét đính kèm của một văn bản (ghi nhật ký)",
)
def attachment_download(request: HttpRequest, document_id: int) -> FileResponse:
    document = access.attachment_for_download(actor=_actor(request), document_id=document_id)
    return FileResponse(
        document.attachment.open("rb"),
        as_attachment=True,
        filename=document.attachment_name or "tep-dinh-kem",
    )


router.add_router("", steps_router)
