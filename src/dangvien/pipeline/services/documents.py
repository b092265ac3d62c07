"""Papers of the dossier: recording a document, attaching a scan, the awareness certificate."""

from __future__ import annotations

from datetime import date
from pathlib import PurePosixPath

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from dangvien.accounts.actor import Actor
from dangvien.core.domain.errors import DomainError, NotFoundError
from dangvien.core.domain.text import format_date
from dangvien.pipeline.domain.documents import (
    DOCUMENT_LABELS,
    INTRODUCTION_FORMS,
    RECORDED_BY_STEPS,
    ExtraDocument,
)
from dangvien.pipeline.domain.eligibility import check_certificate
from dangvien.pipeline.domain.forms import FormCode
from dangvien.pipeline.domain.stages import Action, Stage
from dangvien.pipeline.models import DossierDocument
from dangvien.pipeline.services.steps import (
    add_document,
    apply_transition,
    candidacy_for_edit,
    require,
    rules_of,
    touch,
)
from dangvien.training.domain.enums import ClassType, TraineeResult
from dangvien.training.models import Enrolment

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
ALLOWED_SUFFIXES = frozenset({".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff", ".docx"})


def _check_code(form_code: str) -> str:
    if form_code not in DOCUMENT_LABELS:
        raise DomainError(f'Mã văn bản "{form_code}" không có trong danh mục.', field="form_code")
    if form_code in RECORDED_BY_STEPS:
        raise DomainError(
            f"{DOCUMENT_LABELS[form_code]} ({form_code}) được tạo khi ghi bước tương ứng "
            "(biểu quyết, thẩm định, quyết định); hãy ghi ở bước đó.",
            code="recorded_by_step",
            field="form_code",
        )
    if form_code in INTRODUCTION_FORMS:
        raise DomainError(
            f"Giấy giới thiệu ({form_code}) được ghi ở phần «Người giới thiệu».",
            code="recorded_by_step",
            field="form_code",
        )
    return form_code


def check_attachment(upload: UploadedFile[bytes]) -> None:
    """Refuse a scan that is too large or not a PDF, image or Word file."""
    name = upload.name or ""
    suffix = PurePosixPath(name).suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        allowed = ", ".join(sorted(ALLOWED_SUFFIXES))
        raise DomainError(f'Tệp "{name}" không đúng loại; chỉ nhận {allowed}.', field="attachment")
    if (upload.size or 0) > MAX_ATTACHMENT_BYTES:
        raise DomainError("Tệp đính kèm vượt quá 20 MB.", field="attachment")


def store_attachment(document: DossierDocument, upload: UploadedFile[bytes]) -> None:
    """Save a scan under the data directory with a random name, keeping the uploaded name."""
    check_attachment(upload)
    document.attachment_name = PurePosixPath(upload.name or "tep").name[:255]
    document.attachment.save(upload.name or "tep", upload, save=False)
    document.save(update_fields=["attachment", "attachment_name"])


def _certificate_transition(actor: Actor, document: DossierDocument) -> None:
    """Move a listed candidate on once a valid awareness certificate is recorded."""
    candidacy = document.candidacy
    on = max(document.issued_on, candidacy.stage_since)
    require(check_certificate(document.issued_on, on=on, rule_set=rules_of(candidacy)))
    apply_transition(
        actor,
        candidacy,
        Action.RECORD_AWARENESS_CERTIFICATE,
        on=on,
        note=f"Giấy chứng nhận số {document.number or '(không số)'} ngày "
        f"{format_date(document.issued_on)}",
    )


@transaction.atomic
def document_record(
    *,
    actor: Actor,
    candidacy_id: int,
    form_code: str,
    issued_on: date,
    number: str = "",
    signer: str = "",
    issuer: str = "",
    note: str = "",
    attachment: UploadedFile[bytes] | None = None,
    expected_version: int | None = None,
) -> DossierDocument:
    """Record a paper of the dossier; an awareness certificate moves a listed candidate on."""
    candidacy = candidacy_for_edit(actor, candidacy_id, expected_version=expected_version)
    stage = Stage(candidacy.stage)
    if stage.is_final:
        raise DomainError("Hồ sơ đã kết thúc, không ghi thêm văn bản.", code="closed")
    _check_code(form_code)
    if issued_on > actor.scope.day or issued_on <= candidacy.person.birth_date:
        raise DomainError(
            f"Ngày văn bản {format_date(issued_on)} không hợp lệ (sau ngày sinh, không sau "
            "hôm nay).",
            field="issued_on",
        )
    is_certificate = form_code == FormCode.CN_NTVD.value
    if is_certificate and stage is Stage.SOURCE:
        raise DomainError(
            "Hãy ghi nghị quyết đưa vào danh sách quần chúng ưu tú trước khi ghi giấy chứng "
            "nhận CN-NTVĐ.",
            code="stage",
        )
    document = add_document(
        actor,
        candidacy,
        form_code=form_code,
        issued_on=issued_on,
        number=number,
        signer=signer,
        issuer=issuer,
        note=note,
    )
    if attachment is not None:
        store_attachment(document, attachment)
    if is_certificate and stage is Stage.CANDIDATE:
        _certificate_transition(actor, document)
    else:
        touch(actor, candidacy, "document", {"form": form_code, "document": document.pk})
    return document


@transaction.atomic
def document_attach(
    *, actor: Actor, document_id: int, attachment: UploadedFile[bytes]
) -> DossierDocument:
    """Attach (or replace) the scan of a recorded paper, e.g. the signed resolution."""
    found = DossierDocument.objects.filter(pk=document_id).values_list("candidacy_id", flat=True)
    candidacy_id = found.first()
    if candidacy_id is None:
        raise NotFoundError()
    candidacy = candidacy_for_edit(actor, candidacy_id)
    document = DossierDocument.objects.get(pk=document_id)
    old = document.attachment.name if document.attachment else ""
    store_attachment(document, attachment)
    if old:
        # Only once the new scan is committed: a rollback must leave the old one in place.
        storage = document.attachment.storage
        transaction.on_commit(lambda: storage.delete(old))
    touch(actor, candidacy, "attachment", {"document": document.pk, "replaced": bool(old)})
    return document


_CERTIFICATES = {
    ClassType.AWARENESS.value: FormCode.CN_NTVD.value,
    ClassType.NEW_MEMBER_THEORY.value: ExtraDocument.NEW_MEMBER_COURSE.value,
}


@transaction.atomic
def certificate_from_enrolment(
    *, actor: Actor, candidacy_id: int, enrolment_id: int
) -> DossierDocument:
    """Record a class certificate (CN-NTVĐ, new-member course) from the person's enrolment.

    The number and date come from the training record, so they are typed once; an
    awareness certificate moves a listed candidate on exactly as when typed by hand.
    """
    candidacy = candidacy_for_edit(actor, candidacy_id)
    enrolment = (
        Enrolment.objects.filter(pk=enrolment_id, person_id=candidacy.person_id)
        .select_related("training_class__organiser")
        .first()
    )
    if enrolment is None:
        raise NotFoundError()
    form = _CERTIFICATES.get(enrolment.training_class.class_type)
    if form is None or enrolment.result != TraineeResult.COMPLETED.value:
        raise DomainError(
            "Lớp học này không cấp giấy chứng nhận dùng cho hồ sơ, hoặc học viên chưa hoàn thành.",
            field="enrolment_id",
        )
    if enrolment.certificate_date is None:
        raise DomainError(
            "Hồ sơ học viên chưa ghi ngày cấp giấy chứng nhận; hãy ghi ở trang đào tạo trước.",
            field="enrolment_id",
        )
    document = document_record(
        actor=actor,
        candidacy_id=candidacy.pk,
        form_code=form,
        issued_on=enrolment.certificate_date,
        number=enrolment.certificate_number,
        issuer=enrolment.training_class.organiser.name,
    )
    DossierDocument.objects.filter(pk=document.pk).update(enrolment=enrolment)
    return document
