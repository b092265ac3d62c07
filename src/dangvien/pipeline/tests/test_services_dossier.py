"""Introductions, relatives, verification requests and exemptions, scans."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from dangvien.audit.models import AccessLog
from dangvien.core.domain.errors import DomainError
from dangvien.people.domain.enums import Status
from dangvien.pipeline import services
from dangvien.pipeline.domain.facts import IntroducerKind
from dangvien.pipeline.domain.verification import RelativeKind
from dangvien.pipeline.models import Candidacy, DossierDocument, VerificationRequest
from dangvien.pipeline.tests.conftest import Pipe
from dangvien.pipeline.tests.walk import to_dossier
from dangvien.testing import login, make_person


def _introduce(pipe: Pipe, candidacy: Candidacy, **values: object) -> None:
    data: dict[str, object] = {
        "kind": IntroducerKind.PARTY_MEMBER,
        "introduced_on": date(2025, 5, 10),
        "member_id": pipe.members[1].pk,
        "months_together": 12,
    }
    data.update(values)
    services.introducer_add(
        actor=pipe.commune,
        candidacy_id=candidacy.pk,
        data=services.IntroducerInput(**data),  # type: ignore[arg-type]
    )


def test_an_introducer_with_12_months_together_is_accepted_and_11_refused(pipe: Pipe):
    candidacy = to_dossier(pipe)
    with pytest.raises(DomainError, match="11 tháng, cần ít nhất 12 tháng") as refused:
        _introduce(pipe, candidacy, months_together=11)
    assert (
        refused.value.rule
        == "Điều lệ Đảng, Điều 4; Quy định 232-QĐ/TW, hướng dẫn Điều 4 Điều lệ Đảng (cần xác minh)"
    )
    _introduce(pipe, candidacy, months_together=12)
    assert candidacy.introducers.count() == 1
    assert candidacy.documents.filter(form_code="3-KNĐ").count() == 1


def test_an_introducer_must_be_official_on_the_introduction_date(pipe: Pipe):
    candidacy = to_dossier(pipe)
    newcomer = make_person(
        pipe.operator, "001090000222", "Lý Văn Mới", "CB-A1", Status.PROBATIONARY
    )
    with pytest.raises(DomainError, match="không phải đảng viên chính thức tại ngày giới thiệu"):
        _introduce(pipe, candidacy, member_id=newcomer.pk)


def test_a_youth_union_resolution_counts_only_for_a_youth_union_member(pipe: Pipe):
    candidacy = to_dossier(pipe)
    _introduce(
        pipe, candidacy, kind=IntroducerKind.YOUTH_UNION, member_id=None, months_together=None
    )
    with pytest.raises(DomainError, match="không phải đoàn viên công đoàn"):
        _introduce(
            pipe, candidacy, kind=IntroducerKind.TRADE_UNION, member_id=None, months_together=None
        )


def test_introductions_are_redone_only_once_the_dossier_is_stale(pipe: Pipe):
    candidacy = to_dossier(pipe)  # opened 05/05/2025
    _introduce(pipe, candidacy)
    with pytest.raises(DomainError, match="chưa quá 12 tháng"):
        services.introductions_renew(
            actor=pipe.commune, candidacy_id=candidacy.pk, on=date(2026, 5, 5)
        )
    services.introductions_renew(actor=pipe.commune, candidacy_id=candidacy.pk, on=date(2026, 5, 6))
    assert not candidacy.introducers.filter(superseded=False).exists()
    assert candidacy.documents.get(form_code="3-KNĐ").superseded
    assert Candidacy.objects.get(pk=candidacy.pk).introductions_redone_on == date(2026, 5, 6)


def test_the_plan_exempts_a_fully_declared_member_parent_and_skips_minors(pipe: Pipe):
    candidacy = to_dossier(pipe)
    relatives = [
        services.RelativeInput(RelativeKind.APPLICANT, "Lê Thị Mai", ("Thôn Đông", "thôn  đông")),
        services.RelativeInput(
            RelativeKind.FATHER, "Lê Văn Cha", ("Xã Bình Minh",), None, True, True
        ),
        services.RelativeInput(RelativeKind.MOTHER, "Trần Thị Mẹ", ("Xã Bình Minh", "Hà Nội")),
        services.RelativeInput(RelativeKind.CHILD, "Lê Bé", ("Thôn Đông",), date(2020, 1, 1)),
    ]
    for relative in relatives:
        services.relative_save(actor=pipe.commune, candidacy_id=candidacy.pk, data=relative)
    created = services.verification_plan_apply(
        actor=pipe.commune, candidacy_id=candidacy.pk, on=date(2025, 5, 12)
    )
    requests = [(v.kind, v.place) for v in created if not v.exempt]
    assert requests == [("ban_than", "Thôn Đông"), ("me", "Xã Bình Minh"), ("me", "Hà Nội")]
    (exempt,) = [v for v in created if v.exempt]
    assert "Miễn thẩm tra cha Lê Văn Cha" in exempt.exemption_reason
    again = services.verification_plan_apply(
        actor=pipe.commune, candidacy_id=candidacy.pk, on=date(2025, 5, 12)
    )
    assert again == []


def test_the_plan_refuses_a_relative_without_a_place(pipe: Pipe):
    candidacy = to_dossier(pipe)
    services.relative_save(
        actor=pipe.commune,
        candidacy_id=candidacy.pk,
        data=services.RelativeInput(RelativeKind.FATHER, "Lê Văn Cha", ()),
    )
    with pytest.raises(
        DomainError, match="Chưa ghi nơi cư trú, công tác của người vào Đảng"
    ) as refused:
        services.verification_plan_apply(
            actor=pipe.commune, candidacy_id=candidacy.pk, on=date(2025, 5, 12)
        )
    assert "chưa ghi nơi cư trú hoặc nơi công tác" in refused.value.message


def test_a_reply_needs_a_conclusion_and_comes_after_sending(pipe: Pipe):
    candidacy = to_dossier(pipe)
    services.relative_save(
        actor=pipe.commune,
        candidacy_id=candidacy.pk,
        data=services.RelativeInput(RelativeKind.APPLICANT, "Lê Thị Mai", ("Thôn Đông",)),
    )
    (request,) = services.verification_plan_apply(
        actor=pipe.commune, candidacy_id=candidacy.pk, on=date(2025, 5, 12)
    )
    with pytest.raises(DomainError, match="phải sau ngày gửi"):
        services.verification_record(
            actor=pipe.commune,
            request_id=request.pk,
            data=services.VerificationReply(
                sent_on=date(2025, 6, 1), returned_on=date(2025, 5, 20), conclusion="x"
            ),
        )
    with pytest.raises(DomainError, match="kết luận"):
        services.verification_record(
            actor=pipe.commune,
            request_id=request.pk,
            data=services.VerificationReply(
                sent_on=date(2025, 5, 12), returned_on=date(2025, 6, 20)
            ),
        )
    assert VerificationRequest.objects.get(pk=request.pk).pending


def test_a_scan_is_stored_under_a_random_name_and_served_only_in_scope(
    pipe: Pipe, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    candidacy = to_dossier(pipe)
    scan = SimpleUploadedFile(
        "don xin vao dang.pdf", b"%PDF-1.4 test", content_type="application/pdf"
    )
    document = services.document_record(
        actor=pipe.commune,
        candidacy_id=candidacy.pk,
        form_code="1-KNĐ",
        issued_on=date(2025, 5, 8),
        attachment=scan,
    )
    stored = DossierDocument.objects.get(pk=document.pk)
    assert stored.attachment_name == "don xin vao dang.pdf"
    assert "don" not in stored.attachment.name
    mine = login(Client(), pipe.world.commune_a_user)
    response = mine.get(f"/phat-trien/tep/{document.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"
    assert AccessLog.objects.filter(object_type="dossier_document", action="export").exists()
    other = login(Client(), pipe.world.commune_b_user)
    assert other.get(f"/phat-trien/tep/{document.pk}/").status_code == 404


def test_a_scan_of_the_wrong_type_is_refused(pipe: Pipe):
    candidacy = to_dossier(pipe)
    with pytest.raises(DomainError, match="không đúng loại"):
        services.document_record(
            actor=pipe.commune,
            candidacy_id=candidacy.pk,
            form_code="1-KNĐ",
            issued_on=date(2025, 5, 8),
            attachment=SimpleUploadedFile("virus.exe", b"MZ"),
        )
