"""One candidate's complete walk through the services, reused by several tests."""

from __future__ import annotations

from datetime import date

from dangvien.pipeline import services
from dangvien.pipeline.domain.evaluations import EvaluationResult
from dangvien.pipeline.domain.facts import IntroducerKind
from dangvien.pipeline.domain.verification import RelativeKind
from dangvien.pipeline.domain.votes import VoteMethod
from dangvien.pipeline.models import Candidacy
from dangvien.pipeline.tests.conftest import Pipe


def open_and_list(pipe: Pipe) -> Candidacy:
    actor = pipe.commune
    candidacy = services.candidacy_open(
        actor=actor,
        person_id=pipe.candidate.pk,
        source_category="doan_vien_uu_tu",
        opened_on=date(2025, 3, 3),
    )
    return services.candidacy_list_add(
        actor=actor, candidacy_id=candidacy.pk, on=date(2025, 3, 10), number="03"
    )


def to_dossier(pipe: Pipe) -> Candidacy:
    actor = pipe.commune
    candidacy = open_and_list(pipe)
    for month in (date(2025, 4, 1), date(2025, 5, 1), date(2025, 6, 1)):
        services.evaluation_record(
            actor=actor, candidacy_id=candidacy.pk, month=month, result=EvaluationResult.GOOD
        )
    services.document_record(
        actor=actor,
        candidacy_id=candidacy.pk,
        form_code="CN-NTVĐ",
        issued_on=date(2025, 4, 15),
        number="125",
        issuer="Trung tâm Chính trị xã An Phú",
    )
    return services.dossier_open(actor=actor, candidacy_id=candidacy.pk, on=date(2025, 5, 5))


def complete_dossier(pipe: Pipe) -> Candidacy:
    actor = pipe.commune
    candidacy = to_dossier(pipe)
    for form in ("1-KNĐ", "2-KNĐ", "5-KNĐ"):
        services.document_record(
            actor=actor, candidacy_id=candidacy.pk, form_code=form, issued_on=date(2025, 5, 8)
        )
    for member in pipe.members[:2]:
        services.introducer_add(
            actor=actor,
            candidacy_id=candidacy.pk,
            data=services.IntroducerInput(
                kind=IntroducerKind.PARTY_MEMBER,
                introduced_on=date(2025, 5, 10),
                member_id=member.pk,
                months_together=24,
            ),
        )
    services.relative_save(
        actor=actor,
        candidacy_id=candidacy.pk,
        data=services.RelativeInput(
            kind=RelativeKind.APPLICANT, name="Lê Thị Mai", places=("Thôn Đông, xã An Phú",)
        ),
    )
    for request in services.verification_plan_apply(
        actor=actor, candidacy_id=candidacy.pk, on=date(2025, 5, 12)
    ):
        services.verification_record(
            actor=actor,
            request_id=request.pk,
            data=services.VerificationReply(
                sent_on=date(2025, 5, 12),
                returned_on=date(2025, 6, 20),
                responding_committee="Đảng ủy xã An Phú",
                conclusion="Lý lịch rõ ràng",
            ),
        )
    return Candidacy.objects.get(pk=candidacy.pk)


def cell_vote(held_on: date = date(2025, 7, 1), in_favour: int = 5) -> services.VoteInput:
    return services.VoteInput(
        held_on=held_on,
        present=6,
        in_favour=in_favour,
        against=6 - in_favour,
        method=VoteMethod.SECRET_BALLOT,
        number="07",
        signer="Nguyễn Văn An",
    )


def committee_vote(held_on: date, number: str) -> services.VoteInput:
    return services.VoteInput(
        held_on=held_on,
        eligible=9,
        present=8,
        in_favour=8,
        against=0,
        method=VoteMethod.SHOW_OF_CARDS,
        number=number,
        signer="Trần Quốc Huy",
    )


def to_probation(pipe: Pipe) -> Candidacy:
    actor = pipe.commune
    candidacy = complete_dossier(pipe)
    services.cell_vote_record(actor=actor, candidacy_id=candidacy.pk, data=cell_vote())
    services.committee_vote_record(
        actor=actor, candidacy_id=candidacy.pk, data=committee_vote(date(2025, 7, 15), "21")
    )
    services.decision_record(
        actor=actor,
        candidacy_id=candidacy.pk,
        data=services.DecisionInput(
            decided_on=date(2025, 8, 1), number="112", signer="Trần Quốc Huy"
        ),
    )
    services.ceremony_record(
        actor=actor,
        candidacy_id=candidacy.pk,
        data=services.CeremonyInput(held_on=date(2025, 8, 20), place="Nhà văn hóa thôn Đông"),
    )
    return Candidacy.objects.get(pk=candidacy.pk)


def to_official(pipe: Pipe) -> Candidacy:
    actor = pipe.commune
    candidacy = to_probation(pipe)
    for form in ("10-KNĐ", "11-KNĐ", "12-KNĐ"):
        services.document_record(
            actor=actor, candidacy_id=candidacy.pk, form_code=form, issued_on=date(2026, 8, 25)
        )
    services.recognition_cell_vote_record(
        actor=actor, candidacy_id=candidacy.pk, data=cell_vote(date(2026, 9, 1), 6)
    )
    services.recognition_committee_vote_record(
        actor=actor, candidacy_id=candidacy.pk, data=committee_vote(date(2026, 9, 10), "40")
    )
    services.recognition_decide(
        actor=actor,
        candidacy_id=candidacy.pk,
        data=services.DecisionInput(decided_on=date(2026, 9, 21), number="150"),
    )
    return Candidacy.objects.get(pk=candidacy.pk)
