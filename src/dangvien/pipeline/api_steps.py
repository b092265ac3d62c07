"""API of the steps of a candidacy: one endpoint per service, each answering with the dossier."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import File, Router, Schema
from ninja import Status as Response
from ninja.files import UploadedFile

from dangvien.accounts.actor import Actor, actor_from_request
from dangvien.pipeline import services
from dangvien.pipeline.api_inputs import (
    EXITS,
    AppraisalIn,
    CeremonyIn,
    DatedIn,
    DecisionIn,
    DocumentIn,
    EvaluationIn,
    ExitIn,
    ExitKind,
    ExtensionIn,
    FactsUpdateIn,
    HelperIn,
    IntroducerIn,
    PlanIn,
    PlannedVoteIn,
    RelativeIn,
    VerificationIn,
    VoteIn,
)
from dangvien.pipeline.api_schemas import CandidacyDetail, detail_out

steps_router = Router(tags=["Phát triển đảng viên — các bước"])
ONE = "/candidacies/{candidacy_id}"
Created = Response[CandidacyDetail]
DETAIL = {200: CandidacyDetail}
CREATED = {201: CandidacyDetail}


def _actor(request: HttpRequest) -> Actor:
    return actor_from_request(request, channel="api")


def _ok(actor: Actor, candidacy_id: int) -> CandidacyDetail:
    return detail_out(actor, candidacy_id)


@steps_router.put(
    ONE + "/facts",
    response=DETAIL,
    summary="Sửa thông tin xét điều kiện",
)
def facts_update(
    request: HttpRequest, candidacy_id: int, payload: FactsUpdateIn
) -> CandidacyDetail:
    actor = _actor(request)
    services.candidacy_facts_update(
        actor=actor,
        candidacy_id=candidacy_id,
        facts=payload.to_input(),
        expected_version=payload.version,
    )
    return _ok(actor, candidacy_id)


@steps_router.put(
    ONE + "/planned-vote",
    response=DETAIL,
    summary="Ngày chi bộ dự kiến xét",
)
def planned_vote(
    request: HttpRequest, candidacy_id: int, payload: PlannedVoteIn
) -> CandidacyDetail:
    actor = _actor(request)
    services.candidacy_plan_vote(
        actor=actor,
        candidacy_id=candidacy_id,
        planned_on=payload.planned_on,
        expected_version=payload.version,
    )
    return _ok(actor, candidacy_id)


@steps_router.post(
    ONE + "/list",
    response=DETAIL,
    summary="Đưa vào danh sách quần chúng ưu tú",
)
def list_add(request: HttpRequest, candidacy_id: int, payload: DatedIn) -> CandidacyDetail:
    actor = _actor(request)
    services.candidacy_list_add(
        actor=actor,
        candidacy_id=candidacy_id,
        on=payload.on,
        number=payload.number,
        note=payload.note,
        expected_version=payload.version,
    )
    return _ok(actor, candidacy_id)


@steps_router.post(ONE + "/dossier", response=DETAIL, summary="Bắt đầu làm hồ sơ")
def dossier_open(request: HttpRequest, candidacy_id: int, payload: DatedIn) -> CandidacyDetail:
    actor = _actor(request)
    services.dossier_open(
        actor=actor, candidacy_id=candidacy_id, on=payload.on, expected_version=payload.version
    )
    return _ok(actor, candidacy_id)


@steps_router.post(
    ONE + "/documents",
    response=CREATED,
    summary="Ghi một văn bản của hồ sơ (kể cả CN-NTVĐ)",
)
def document_record(request: HttpRequest, candidacy_id: int, payload: DocumentIn) -> Created:
    actor = _actor(request)
    services.document_record(
        actor=actor,
        candidacy_id=candidacy_id,
        form_code=payload.form_code,
        issued_on=payload.issued_on,
        number=payload.number,
        signer=payload.signer,
        issuer=payload.issuer,
        note=payload.note,
        expected_version=payload.version,
    )
    return Response(201, _ok(actor, candidacy_id))


class EnrolmentIn(Schema):
    enrolment_id: int


@steps_router.post(
    ONE + "/certificates",
    response=CREATED,
    summary="Ghi giấy chứng nhận lớp học từ hồ sơ đào tạo (CN-NTVĐ, lớp đảng viên mới)",
)
def certificate_from_enrolment(
    request: HttpRequest, candidacy_id: int, payload: EnrolmentIn
) -> Created:
    actor = _actor(request)
    services.certificate_from_enrolment(
        actor=actor, candidacy_id=candidacy_id, enrolment_id=payload.enrolment_id
    )
    return Response(201, _ok(actor, candidacy_id))


@steps_router.post(
    "/candidacies/attachments/{document_id}",
    response=DETAIL,
    summary="Đính kèm bản quét (PDF, ảnh)",
)
def document_attach(
    request: HttpRequest, document_id: int, file: File[UploadedFile]
) -> CandidacyDetail:
    actor = _actor(request)
    document = services.document_attach(actor=actor, document_id=document_id, attachment=file)
    return _ok(actor, document.candidacy_id)


@steps_router.post(
    ONE + "/introducers",
    response=CREATED,
    summary="Ghi người giới thiệu (3-KNĐ, 4-KNĐ, 4A-KNĐ)",
)
def introducer_add(request: HttpRequest, candidacy_id: int, payload: IntroducerIn) -> Created:
    actor = _actor(request)
    services.introducer_add(
        actor=actor,
        candidacy_id=candidacy_id,
        data=services.IntroducerInput(**payload.dict(exclude={"version"})),
        expected_version=payload.version,
    )
    return Response(201, _ok(actor, candidacy_id))


@steps_router.post(
    ONE + "/introductions/renew",
    response=DETAIL,
    summary="Làm lại giấy giới thiệu khi hồ sơ quá hạn",
)
def introductions_renew(
    request: HttpRequest, candidacy_id: int, payload: DatedIn
) -> CandidacyDetail:
    actor = _actor(request)
    services.introductions_renew(
        actor=actor, candidacy_id=candidacy_id, on=payload.on, expected_version=payload.version
    )
    return _ok(actor, candidacy_id)


@steps_router.post(
    ONE + "/relatives",
    response=CREATED,
    summary="Ghi người thân cần thẩm tra",
)
def relative_add(request: HttpRequest, candidacy_id: int, payload: RelativeIn) -> Created:
    actor = _actor(request)
    data = services.RelativeInput(**{**payload.dict(), "places": tuple(payload.places)})
    services.relative_save(actor=actor, candidacy_id=candidacy_id, data=data)
    return Response(201, _ok(actor, candidacy_id))


@steps_router.post(
    ONE + "/verifications/plan",
    response=DETAIL,
    summary="Lập các yêu cầu thẩm tra lý lịch",
)
def verification_plan(request: HttpRequest, candidacy_id: int, payload: PlanIn) -> CandidacyDetail:
    actor = _actor(request)
    services.verification_plan_apply(actor=actor, candidacy_id=candidacy_id, on=payload.on)
    return _ok(actor, candidacy_id)


@steps_router.put(
    "/candidacies/verifications/{request_id}",
    response=DETAIL,
    summary="Ghi ngày gửi, kết quả thẩm tra",
)
def verification_record(
    request: HttpRequest, request_id: int, payload: VerificationIn
) -> CandidacyDetail:
    actor = _actor(request)
    row = services.verification_record(
        actor=actor, request_id=request_id, data=services.VerificationReply(**payload.dict())
    )
    return _ok(actor, row.candidacy_id)


@steps_router.post(
    ONE + "/evaluations",
    response=CREATED,
    summary="Ghi bình xét hằng tháng",
)
def evaluation_record(request: HttpRequest, candidacy_id: int, payload: EvaluationIn) -> Created:
    actor = _actor(request)
    services.evaluation_record(actor=actor, candidacy_id=candidacy_id, **payload.dict())
    return Response(201, _ok(actor, candidacy_id))


class HelperOut(Schema):
    warnings: list[str]
    candidacy: CandidacyDetail


@steps_router.post(
    ONE + "/helpers",
    response={201: HelperOut},
    summary="Phân công đảng viên giúp đỡ",
)
def helper_assign(
    request: HttpRequest, candidacy_id: int, payload: HelperIn
) -> Response[HelperOut]:
    actor = _actor(request)
    result = services.helper_assign(actor=actor, candidacy_id=candidacy_id, **payload.dict())
    return Response(
        201, HelperOut(warnings=list(result.warnings), candidacy=_ok(actor, candidacy_id))
    )


@steps_router.post(
    ONE + "/cell-votes",
    response=CREATED,
    summary="Chi bộ xét kết nạp (6-KNĐ)",
)
def cell_vote(request: HttpRequest, candidacy_id: int, payload: VoteIn) -> Created:
    actor = _actor(request)
    services.cell_vote_record(
        actor=actor,
        candidacy_id=candidacy_id,
        data=payload.to_input(),
        expected_version=payload.version,
    )
    return Response(201, _ok(actor, candidacy_id))


@steps_router.post(
    ONE + "/partial-appraisal",
    response=DETAIL,
    summary="Đảng ủy bộ phận thẩm định (7-KNĐ)",
)
def partial_appraisal(
    request: HttpRequest, candidacy_id: int, payload: AppraisalIn
) -> CandidacyDetail:
    actor = _actor(request)
    services.partial_committee_appraise(
        actor=actor,
        candidacy_id=candidacy_id,
        expected_version=payload.version,
        **payload.dict(exclude={"version"}),
    )
    return _ok(actor, candidacy_id)


@steps_router.post(
    ONE + "/committee-votes",
    response=CREATED,
    summary="Đảng ủy cơ sở xét kết nạp (8-KNĐ)",
)
def committee_vote(request: HttpRequest, candidacy_id: int, payload: VoteIn) -> Created:
    actor = _actor(request)
    services.committee_vote_record(
        actor=actor,
        candidacy_id=candidacy_id,
        data=payload.to_input(),
        expected_version=payload.version,
    )
    return Response(201, _ok(actor, candidacy_id))


@steps_router.post(
    ONE + "/decision",
    response=CREATED,
    summary="Quyết định kết nạp (9-KNĐ)",
)
def decision(request: HttpRequest, candidacy_id: int, payload: DecisionIn) -> Created:
    actor = _actor(request)
    services.decision_record(
        actor=actor,
        candidacy_id=candidacy_id,
        data=payload.to_input(),
        expected_version=payload.version,
    )
    return Response(201, _ok(actor, candidacy_id))


@steps_router.post(
    ONE + "/decision-extension",
    response=CREATED,
    summary="Gia hạn thời gian ra quyết định kết nạp",
)
def decision_extension(request: HttpRequest, candidacy_id: int, payload: ExtensionIn) -> Created:
    actor = _actor(request)
    services.decision_extend(
        actor=actor,
        candidacy_id=candidacy_id,
        expected_version=payload.version,
        **payload.dict(exclude={"version"}),
    )
    return Response(201, _ok(actor, candidacy_id))


@steps_router.post(ONE + "/ceremony", response=CREATED, summary="Lễ kết nạp")
def ceremony(request: HttpRequest, candidacy_id: int, payload: CeremonyIn) -> Created:
    actor = _actor(request)
    services.ceremony_record(
        actor=actor,
        candidacy_id=candidacy_id,
        data=services.CeremonyInput(**payload.dict(exclude={"version"})),
        expected_version=payload.version,
    )
    return Response(201, _ok(actor, candidacy_id))


@steps_router.post(
    ONE + "/recognition/cell-votes",
    response=CREATED,
    summary="Chi bộ xét công nhận chính thức (13-KNĐ)",
)
def recognition_cell_vote(request: HttpRequest, candidacy_id: int, payload: VoteIn) -> Created:
    actor = _actor(request)
    services.recognition_cell_vote_record(
        actor=actor,
        candidacy_id=candidacy_id,
        data=payload.to_input(),
        expected_version=payload.version,
    )
    return Response(201, _ok(actor, candidacy_id))


@steps_router.post(
    ONE + "/recognition/committee-votes",
    response=CREATED,
    summary="Đảng ủy xét công nhận chính thức (15-KNĐ)",
)
def recognition_committee_vote(request: HttpRequest, candidacy_id: int, payload: VoteIn) -> Created:
    actor = _actor(request)
    services.recognition_committee_vote_record(
        actor=actor,
        candidacy_id=candidacy_id,
        data=payload.to_input(),
        expected_version=payload.version,
    )
    return Response(201, _ok(actor, candidacy_id))


@steps_router.post(
    ONE + "/recognition/decision",
    response=CREATED,
    summary="Quyết định công nhận đảng viên chính thức",
)
def recognition_decision(request: HttpRequest, candidacy_id: int, payload: DecisionIn) -> Created:
    actor = _actor(request)
    services.recognition_decide(
        actor=actor,
        candidacy_id=candidacy_id,
        data=payload.to_input(),
        expected_version=payload.version,
    )
    return Response(201, _ok(actor, candidacy_id))


@steps_router.post(
    ONE + "/return-to-cell",
    response=DETAIL,
    summary="Cấp trên trả hồ sơ về chi bộ xét lại",
)
def return_to_cell(request: HttpRequest, candidacy_id: int, payload: DatedIn) -> CandidacyDetail:
    actor = _actor(request)
    services.candidacy_return_to_cell(
        actor=actor,
        candidacy_id=candidacy_id,
        on=payload.on,
        note=payload.note,
        expected_version=payload.version,
    )
    return _ok(actor, candidacy_id)


@steps_router.post(
    ONE + "/exits/{kind}",
    response=DETAIL,
    summary="Kết thúc hồ sơ: remove, withdraw, refuse, strike-off, transfer-out",
)
def candidacy_exit(
    request: HttpRequest, candidacy_id: int, kind: ExitKind, payload: ExitIn
) -> CandidacyDetail:
    actor = _actor(request)
    data = services.ExitInput(**payload.dict(exclude={"version"}))
    EXITS[kind](actor=actor, candidacy_id=candidacy_id, data=data, expected_version=payload.version)
    return _ok(actor, candidacy_id)
