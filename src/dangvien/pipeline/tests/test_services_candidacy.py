"""Opening a candidacy, listing, the awareness certificate, the dossier, escalation's return."""

from __future__ import annotations

from datetime import date

import pytest

from dangvien.accounts.domain.roles import Role
from dangvien.core.domain.errors import DomainError, NotFoundError, PermissionDeniedError
from dangvien.pipeline import services
from dangvien.pipeline.domain.stages import Stage
from dangvien.pipeline.models import Candidacy, StageTransition
from dangvien.pipeline.tests.conftest import Pipe, actor_for
from dangvien.pipeline.tests.walk import open_and_list, to_dossier
from dangvien.testing import make_user


def _open(pipe: Pipe, **overrides: object) -> Candidacy:
    values: dict[str, object] = {
        "actor": pipe.commune,
        "person_id": pipe.candidate.pk,
        "source_category": "tu_nguyen",
        "opened_on": date(2025, 3, 3),
    }
    values.update(overrides)
    return services.candidacy_open(**values)  # type: ignore[arg-type]


def test_it_opens_at_the_source_stage_under_the_rules_in_force_that_day(pipe: Pipe):
    candidacy = _open(pipe, opened_on=date(2025, 7, 2))
    assert candidacy.stage == Stage.SOURCE
    assert candidacy.rule_set_code == "294-QĐ/TW (07/2025)"
    log = StageTransition.objects.get(candidacy=candidacy)
    assert (log.action, log.to_stage, log.username) == ("open", Stage.SOURCE, "xa.anphu")


def test_it_accepts_a_source_category_by_its_label(pipe: Pipe):
    assert _open(pipe, source_category="Bộ đội xuất ngũ").source_category == "quan_nhan_xuat_ngu"


def test_it_refuses_a_member_and_a_second_open_dossier(pipe: Pipe):
    with pytest.raises(DomainError, match="trạng thái «Quần chúng ưu tú»"):
        _open(pipe, person_id=pipe.members[1].pk)
    _open(pipe)
    with pytest.raises(DomainError, match="đã có một hồ sơ") as refused:
        _open(pipe)
    assert refused.value.code == "duplicate"


def test_it_refuses_a_date_before_any_rule_set(pipe: Pipe):
    with pytest.raises(DomainError, match="Chưa có bộ quy tắc kết nạp nào có hiệu lực"):
        _open(pipe, opened_on=date(2020, 1, 6))


def test_another_commune_cannot_see_and_a_viewer_cannot_open(pipe: Pipe):
    with pytest.raises(NotFoundError):
        _open(pipe, actor=actor_for(pipe.world.commune_b_user))
    with pytest.raises(PermissionDeniedError):
        _open(pipe, actor=actor_for(pipe.world.viewer_a))


def test_a_valid_certificate_moves_a_listed_candidate_on(pipe: Pipe):
    candidacy = open_and_list(pipe)
    services.document_record(
        actor=pipe.commune,
        candidacy_id=candidacy.pk,
        form_code="CN-NTVĐ",
        issued_on=date(2025, 4, 15),
    )
    assert Candidacy.objects.get(pk=candidacy.pk).stage == Stage.AWARENESS_DONE


def test_an_expired_certificate_is_stored_but_does_not_move_the_candidate(pipe: Pipe):
    candidacy = open_and_list(pipe)
    with pytest.raises(DomainError, match="đã hết hạn ngày 01/03/2025") as refused:
        services.document_record(
            actor=pipe.commune,
            candidacy_id=candidacy.pk,
            form_code="CN-NTVĐ",
            issued_on=date(2020, 3, 1),
        )
    assert refused.value.code == "certificate_expired"
    assert "(cần xác minh)" in (refused.value.rule or "")


def test_a_certificate_before_listing_is_refused_with_the_order_of_steps(pipe: Pipe):
    candidacy = _open(pipe)
    with pytest.raises(DomainError, match="đưa vào danh sách quần chúng ưu tú trước"):
        services.document_record(
            actor=pipe.commune,
            candidacy_id=candidacy.pk,
            form_code="CN-NTVĐ",
            issued_on=date(2025, 4, 15),
        )


def test_resolutions_are_recorded_by_their_steps_not_as_plain_documents(pipe: Pipe):
    candidacy = open_and_list(pipe)
    with pytest.raises(DomainError, match="được tạo khi ghi bước tương ứng"):
        services.document_record(
            actor=pipe.commune,
            candidacy_id=candidacy.pk,
            form_code="6-KNĐ",
            issued_on=date(2025, 5, 1),
        )


def test_a_step_cannot_be_dated_in_the_future_or_before_the_current_stage(pipe: Pipe):
    candidacy = _open(pipe)
    with pytest.raises(DomainError, match="chưa đến"):
        services.candidacy_list_add(
            actor=pipe.commune, candidacy_id=candidacy.pk, on=date(2026, 11, 1)
        )
    with pytest.raises(DomainError, match="trước ngày của bước hiện tại"):
        services.candidacy_list_add(
            actor=pipe.commune, candidacy_id=candidacy.pk, on=date(2025, 3, 1)
        )


def test_planning_the_vote_is_only_for_a_dossier_in_progress(pipe: Pipe):
    candidacy = to_dossier(pipe)
    services.candidacy_plan_vote(
        actor=pipe.commune, candidacy_id=candidacy.pk, planned_on=date(2026, 11, 2)
    )
    assert Candidacy.objects.get(pk=candidacy.pk).planned_vote_on == date(2026, 11, 2)
    with pytest.raises(DomainError, match="từ hôm nay trở đi"):
        services.candidacy_plan_vote(
            actor=pipe.commune, candidacy_id=candidacy.pk, planned_on=date(2026, 1, 2)
        )


def test_the_committee_returns_an_escalated_dossier_and_the_count_restarts(pipe: Pipe):
    candidacy = to_dossier(pipe)
    Candidacy.objects.filter(pk=candidacy.pk).update(
        stage=Stage.ESCALATED, failed_cell_votes=3, escalated=True
    )
    secretary = make_user(pipe.operator, "bt.dong", Role.CELL_SECRETARY, "CB-A1")
    with pytest.raises(PermissionDeniedError, match="Đảng ủy xã An Phú"):
        services.candidacy_return_to_cell(
            actor=actor_for(secretary), candidacy_id=candidacy.pk, on=date(2025, 9, 1)
        )
    services.candidacy_return_to_cell(
        actor=pipe.commune, candidacy_id=candidacy.pk, on=date(2025, 9, 1)
    )
    returned = Candidacy.objects.get(pk=candidacy.pk)
    assert (returned.stage, returned.failed_cell_votes, returned.escalated) == (
        Stage.DOSSIER,
        0,
        True,
    )


def test_facts_for_the_rules_are_validated(pipe: Pipe):
    candidacy = _open(pipe)
    facts = services.CandidateFactsInput(
        special_areas=("bien_gioi",), attributes={"study_result": "kha"}
    )
    updated = services.candidacy_facts_update(
        actor=pipe.commune, candidacy_id=candidacy.pk, facts=facts
    )
    assert updated.special_areas == ["bien_gioi"]
    with pytest.raises(DomainError, match="không nằm trong danh mục"):
        services.candidacy_facts_update(
            actor=pipe.commune,
            candidacy_id=candidacy.pk,
            facts=services.CandidateFactsInput(special_areas=("sao_hoa",)),
        )


def test_the_awareness_certificate_can_come_from_the_training_record(pipe: Pipe):
    from dangvien.training.domain.enums import ClassType, TraineeResult
    from dangvien.training.services import ClassInput, EnrolmentInput, class_save, enrolment_save

    candidacy = open_and_list(pipe)
    class_save(
        actor=pipe.operator,
        code="NT-2025-1",
        data=ClassInput(ClassType.AWARENESS, "XA-A", date(2025, 4, 1), date(2025, 4, 10)),
    )
    unfinished = enrolment_save(
        actor=pipe.operator,
        class_code="NT-2025-1",
        person_id=pipe.candidate.pk,
        data=EnrolmentInput(TraineeResult.NOT_COMPLETED),
    )
    with pytest.raises(DomainError, match="chưa hoàn thành"):
        services.certificate_from_enrolment(
            actor=pipe.commune, candidacy_id=candidacy.pk, enrolment_id=unfinished.pk
        )
    done = enrolment_save(
        actor=pipe.operator,
        class_code="NT-2025-1",
        person_id=pipe.candidate.pk,
        data=EnrolmentInput(certificate_number="125", certificate_date=date(2025, 4, 15)),
    )
    document = services.certificate_from_enrolment(
        actor=pipe.commune, candidacy_id=candidacy.pk, enrolment_id=done.pk
    )
    document.refresh_from_db()
    assert (document.form_code, document.number, document.enrolment_id) == (
        "CN-NTVĐ",
        "125",
        done.pk,
    )
    assert document.issuer == "Đảng bộ xã An Phú"
    assert Candidacy.objects.get(pk=candidacy.pk).stage == Stage.AWARENESS_DONE
