"""Introductions, relatives and background verification of the admission dossier."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from dangvien.accounts.actor import Actor
from dangvien.core.domain.errors import DomainError, NotFoundError
from dangvien.core.domain.text import format_date, normalize
from dangvien.people.domain.enums import Status
from dangvien.people.selectors import people_in_scope
from dangvien.pipeline.domain.facts import IntroducerFacts, IntroducerKind
from dangvien.pipeline.domain.introducers import check_introducers, member_introducer_problems
from dangvien.pipeline.domain.readiness import check_stale
from dangvien.pipeline.domain.stages import Stage
from dangvien.pipeline.domain.verification import Relative as RelativeFacts
from dangvien.pipeline.domain.verification import RelativeKind, plan_verification
from dangvien.pipeline.facts import candidate_facts, dossier_facts, status_on
from dangvien.pipeline.models import Candidacy, Introducer, Relative, VerificationRequest
from dangvien.pipeline.services.steps import (
    add_document,
    candidacy_for_edit,
    clean_text,
    refuse,
    rules_of,
    touch,
)

DOSSIER_STAGES = frozenset({Stage.AWARENESS_DONE, Stage.DOSSIER, Stage.ESCALATED})
UNION_COMMITTEES = {
    IntroducerKind.YOUTH_UNION: "Ban Chấp hành Đoàn cơ sở",
    IntroducerKind.TRADE_UNION: "Ban Chấp hành Công đoàn cơ sở",
}


def _in_dossier(candidacy: Candidacy, what: str) -> None:
    if Stage(candidacy.stage) not in DOSSIER_STAGES:
        raise DomainError(
            f"Chỉ {what} khi hồ sơ đang được hoàn thiện (hiện ở bước "
            f"«{Stage(candidacy.stage).label}»).",
            code="stage",
        )


def _not_future(actor: Actor, day: date | None, field: str) -> None:
    if day is not None and day > actor.scope.day:
        raise DomainError(f"Ngày {format_date(day)} chưa đến.", field=field)


@dataclass(frozen=True)
class IntroducerInput:
    """One introduction as written on 3-KNĐ (a member) or 4-KNĐ/4A-KNĐ (a union resolution)."""

    kind: IntroducerKind
    introduced_on: date
    member_id: int | None = None
    name: str = ""  # the union committee, for a resolution
    months_together: int | None = None
    number: str = ""


def _member_introducer(actor: Actor, candidacy: Candidacy, data: IntroducerInput) -> Introducer:
    if data.member_id is None:
        raise DomainError("Chọn đảng viên giới thiệu.", field="member_id")
    member = people_in_scope(actor.scope).filter(pk=data.member_id).first()
    if member is None or member.pk == candidacy.person_id:
        raise DomainError("Không tìm thấy đảng viên giới thiệu trong phạm vi.", field="member_id")
    if candidacy.introducers.filter(member=member, superseded=False).exists():
        raise DomainError(f"{member.full_name} đã là người giới thiệu của hồ sơ.", code="duplicate")
    period = status_on(member.pk, data.introduced_on)
    status = Status(period.status) if period else None
    facts = IntroducerFacts(
        kind=IntroducerKind.PARTY_MEMBER,
        name=member.full_name,
        status=status,
        months_together=data.months_together,
    )
    refuse(member_introducer_problems(facts, rules_of(candidacy)))
    return Introducer(
        member=member,
        name=member.full_name,
        months_together=data.months_together,
        member_status=status.value if status else "",
    )


def _union_introducer(candidacy: Candidacy, data: IntroducerInput) -> Introducer:
    name = clean_text(data.name) or UNION_COMMITTEES[data.kind]
    facts = IntroducerFacts(kind=data.kind, name=name)
    candidate, _ = candidate_facts(candidacy)
    decision = check_introducers([facts], candidate, rules_of(candidacy))
    refuse(r for r in decision.reasons if r.code == "union_introduction_invalid")
    return Introducer(name=name)


@transaction.atomic
def introducer_add(
    *,
    actor: Actor,
    candidacy_id: int,
    data: IntroducerInput,
    expected_version: int | None = None,
) -> Introducer:
    """Record an introduction, refusing an introducer the rules do not accept, with the reason."""
    candidacy = candidacy_for_edit(actor, candidacy_id, expected_version=expected_version)
    _in_dossier(candidacy, "ghi người giới thiệu")
    _not_future(actor, data.introduced_on, "introduced_on")
    if data.kind is IntroducerKind.PARTY_MEMBER:
        introducer = _member_introducer(actor, candidacy, data)
    else:
        introducer = _union_introducer(candidacy, data)
    document = add_document(
        actor,
        candidacy,
        form_code=data.kind.form.value,
        issued_on=data.introduced_on,
        number=data.number,
        signer=introducer.name,
    )
    introducer.candidacy = candidacy
    introducer.kind = data.kind.value
    introducer.introduced_on = data.introduced_on
    introducer.document = document
    introducer.save()
    touch(actor, candidacy, "introducer", {"introducer": introducer.pk, "kind": data.kind.value})
    return introducer


@transaction.atomic
def introductions_renew(
    *, actor: Actor, candidacy_id: int, on: date, expected_version: int | None = None
) -> Candidacy:
    """Set aside the introductions of a stale dossier so new ones can be recorded.

    Allowed only once the dossier has passed the time the cell had to consider it;
    the staleness clock then restarts from `on`.
    """
    candidacy = candidacy_for_edit(actor, candidacy_id, expected_version=expected_version)
    _in_dossier(candidacy, "làm lại giấy giới thiệu")
    _not_future(actor, on, "on")
    facts, _ = dossier_facts(candidacy)
    if check_stale(facts, vote_on=on, rule_set=rules_of(candidacy)).ok:
        limit = rules_of(candidacy).dossier_stale_months
        raise DomainError(
            f"Hồ sơ chưa quá {limit.value} tháng kể từ khi lập nên giấy giới thiệu còn giá trị "
            f"({limit.citation}).",
            code="not_stale",
            rule=limit.citation,
        )
    current = candidacy.introducers.filter(superseded=False)
    document_ids = [i.document_id for i in current if i.document_id]
    current.update(superseded=True)
    candidacy.documents.filter(pk__in=document_ids).update(superseded=True)
    candidacy.introductions_redone_on = on
    touch(actor, candidacy, "introductions_renew", {"on": on.isoformat()})
    return candidacy


@dataclass(frozen=True)
class RelativeInput:
    """A relative (or the applicant) as declared in the personal history (2-KNĐ)."""

    kind: RelativeKind
    name: str
    places: tuple[str, ...]
    birth_date: date | None = None
    is_party_member: bool = False
    fully_declared: bool = False


@transaction.atomic
def relative_save(
    *,
    actor: Actor,
    candidacy_id: int,
    data: RelativeInput,
    relative_id: int | None = None,
) -> Relative:
    """Record or correct a relative whose background the verification must cover."""
    candidacy = candidacy_for_edit(actor, candidacy_id)
    _in_dossier(candidacy, "ghi người thân cần thẩm tra")
    name = clean_text(data.name, limit=200)
    if not name:
        raise DomainError("Họ tên người thân không được để trống.", field="name")
    if relative_id is None:
        relative = Relative(candidacy=candidacy)
    else:
        found = candidacy.relatives.filter(pk=relative_id).first()
        if found is None:
            raise NotFoundError()
        relative = found
    relative.kind = data.kind.value
    relative.name = name
    relative.birth_date = data.birth_date
    relative.places = [p for p in (normalize(place) for place in data.places) if p]
    relative.is_party_member = data.is_party_member
    relative.fully_declared = data.fully_declared
    relative.save()
    touch(actor, candidacy, "relative", {"relative": relative.pk, "kind": data.kind.value})
    return relative


def _facts_of(relative: Relative) -> RelativeFacts:
    return RelativeFacts(
        kind=RelativeKind(relative.kind),
        name=relative.name,
        places=tuple(relative.places),
        birth_date=relative.birth_date,
        is_party_member=relative.is_party_member,
        fully_declared=relative.fully_declared,
    )


@transaction.atomic
def verification_plan_apply(
    *, actor: Actor, candidacy_id: int, on: date
) -> list[VerificationRequest]:
    """Create the verification requests (and recorded exemptions) the declared relatives need.

    Requests already created are kept; running the plan again only adds what is new.
    """
    candidacy = candidacy_for_edit(actor, candidacy_id)
    _in_dossier(candidacy, "lập kế hoạch thẩm tra lý lịch")
    relatives = list(candidacy.relatives.all())
    plan = plan_verification([_facts_of(r) for r in relatives], on=on, rule_set=rules_of(candidacy))
    refuse(plan.problems)
    by_key = {(r.kind, r.name): r for r in relatives}
    existing = {
        (v.kind, v.name, v.place.casefold(), v.exempt) for v in candidacy.verifications.all()
    }
    created = []
    for request in plan.requests:
        key = (request.kind.value, request.name, request.place.casefold(), False)
        if key not in existing:
            created.append(
                VerificationRequest(
                    candidacy=candidacy,
                    relative=by_key.get((request.kind.value, request.name)),
                    kind=request.kind.value,
                    name=request.name,
                    place=request.place,
                )
            )
    for relative in relatives:
        # Planned one by one so each exemption is tied to its relative, not found by name.
        single = plan_verification([_facts_of(relative)], on=on, rule_set=rules_of(candidacy))
        key = (relative.kind, relative.name, "", True)
        if single.exemptions and key not in existing:
            created.append(
                VerificationRequest(
                    candidacy=candidacy,
                    relative=relative,
                    kind=relative.kind,
                    name=relative.name,
                    exempt=True,
                    exemption_reason=single.exemptions[0].message,
                )
            )
    VerificationRequest.objects.bulk_create(created)
    touch(actor, candidacy, "verification_plan", {"created": len(created)})
    return created


@dataclass(frozen=True)
class VerificationReply:
    """The sending and the answer of one verification request."""

    sent_on: date | None = None
    returned_on: date | None = None
    responding_committee: str = ""
    conclusion: str = ""


@transaction.atomic
def verification_record(
    *, actor: Actor, request_id: int, data: VerificationReply
) -> VerificationRequest:
    """Record when a verification request was sent and what the responding committee answered."""
    found = VerificationRequest.objects.filter(pk=request_id).values_list("candidacy_id", flat=True)
    candidacy_id = found.first()
    if candidacy_id is None:
        raise NotFoundError()
    candidacy = candidacy_for_edit(actor, candidacy_id)
    request = VerificationRequest.objects.get(pk=request_id)
    if request.exempt:
        raise DomainError("Yêu cầu này đã được miễn thẩm tra.", code="exempt")
    _not_future(actor, data.sent_on, "sent_on")
    _not_future(actor, data.returned_on, "returned_on")
    sent = data.sent_on or request.sent_on
    if data.returned_on and (sent is None or data.returned_on < sent):
        raise DomainError("Ngày nhận kết quả phải sau ngày gửi yêu cầu.", field="returned_on")
    if data.returned_on and not normalize(data.conclusion):
        raise DomainError("Hãy ghi kết luận của cấp ủy trả lời.", field="conclusion")
    request.sent_on = sent
    request.returned_on = data.returned_on
    request.responding_committee = clean_text(data.responding_committee)
    request.conclusion = normalize(data.conclusion)
    request.save()
    touch(actor, candidacy, "verification", {"request": request.pk})
    return request
