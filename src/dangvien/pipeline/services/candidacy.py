"""Opening a candidacy and the steps before the dossier: listing, certificate, dossier."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from dangvien.accounts.actor import Actor
from dangvien.audit.services import audit_record
from dangvien.core.domain.errors import DomainError, NotFoundError, PermissionDeniedError
from dangvien.core.domain.text import format_date
from dangvien.people.domain.enums import Status
from dangvien.people.domain.vocabularies import SOURCE_CATEGORIES
from dangvien.people.models import Person
from dangvien.pipeline.bodies import chain_of, require_body
from dangvien.pipeline.deadlines_store import deadlines_rebuild
from dangvien.pipeline.domain.documents import ExtraDocument
from dangvien.pipeline.domain.facts import AttributeValue, Consent, SpecialArea
from dangvien.pipeline.domain.readiness import readiness_for
from dangvien.pipeline.domain.rulesets import rule_set_for
from dangvien.pipeline.domain.stages import Action, Stage
from dangvien.pipeline.facts import dossier_facts
from dangvien.pipeline.models import Candidacy, StageTransition
from dangvien.pipeline.models.candidacy import OPEN_ACTION
from dangvien.pipeline.services.steps import (
    add_document,
    apply_transition,
    candidacy_for_edit,
    check_allowed,
    check_step_date,
    clean_text,
    refuse,
    rules_of,
    touch,
)
from dangvien.pipeline.stage_snapshot import stage_snapshot_mark_cells


@dataclass(frozen=True)
class CandidateFactsInput:
    """What the eligibility rules read that the person record does not hold."""

    special_areas: tuple[str, ...] = ()
    is_fisherman: bool = False
    is_village_elder: bool = False
    consents: tuple[str, ...] = ()
    attributes: Mapping[str, AttributeValue] = field(default_factory=dict)


def _clean_facts(data: CandidateFactsInput) -> dict[str, object]:
    try:
        areas = sorted({SpecialArea(area).value for area in data.special_areas})
        consents = sorted({Consent(consent).value for consent in data.consents})
    except ValueError:
        raise DomainError(
            "Vùng đặc biệt hoặc văn bản đồng ý không nằm trong danh mục.", field="special_areas"
        ) from None
    attributes = dict(data.attributes)
    if not all(isinstance(v, str | int | bool) or v is None for v in attributes.values()):
        raise DomainError("Thuộc tính bổ sung chỉ nhận chữ, số hoặc đúng/sai.", field="attributes")
    return {
        "special_areas": areas,
        "is_fisherman": data.is_fisherman,
        "is_village_elder": data.is_village_elder,
        "consents": consents,
        "attributes": attributes,
    }


def _person_for_candidacy(actor: Actor, person_id: int) -> Person:
    person = Person.objects.select_for_update().filter(pk=person_id).first()
    if person is None or not actor.scope.covers_org(person.current_org_id):
        raise NotFoundError()
    if not actor.scope.covers_org(person.current_org_id, edit=True):
        raise PermissionDeniedError()
    if person.current_status != Status.CANDIDATE.value:
        status = Status(person.current_status).label
        raise DomainError(
            f"Chỉ mở hồ sơ phát triển đảng viên cho người có trạng thái «Quần chúng ưu tú»; "
            f"{person.full_name} đang ở trạng thái «{status}».",
            code="not_a_candidate",
            field="person_id",
        )
    if Candidacy.objects.filter(person=person, is_open=True).exists():
        raise DomainError(
            f"{person.full_name} đã có một hồ sơ phát triển đảng viên đang mở.",
            code="duplicate",
            field="person_id",
        )
    return person


@transaction.atomic
def candidacy_open(
    *,
    actor: Actor,
    person_id: int,
    source_category: str,
    opened_on: date,
    facts: CandidateFactsInput | None = None,
) -> Candidacy:
    """Open a candidacy at the source stage for a candidate of a cell the actor may edit."""
    person = _person_for_candidacy(actor, person_id)
    source = SOURCE_CATEGORIES.parse(source_category, field="source_category")
    if opened_on > actor.scope.day or opened_on <= person.birth_date:
        raise DomainError(
            f"Ngày tạo nguồn {format_date(opened_on)} không hợp lệ (sau ngày sinh, không sau "
            "hôm nay).",
            field="opened_on",
        )
    rules = rule_set_for(opened_on)
    candidacy = Candidacy.objects.create(
        person=person,
        cell_id=person.current_org_id,
        source_category=source.code,
        stage=Stage.SOURCE.value,
        rule_set_code=rules.code,
        opened_on=opened_on,
        stage_since=opened_on,
        **_clean_facts(facts or CandidateFactsInput()),
    )
    StageTransition.objects.create(
        candidacy=candidacy,
        action=OPEN_ACTION,
        to_stage=Stage.SOURCE.value,
        on=opened_on,
        rule_set_code=rules.code,
        note=f"Nguồn: {source.label}",
        user=actor.user,
        username=actor.username,
        channel=actor.channel,
    )
    deadlines_rebuild([candidacy])
    stage_snapshot_mark_cells([candidacy.cell_id])
    audit_record(
        actor=actor,
        action="create",
        object_type="candidacy",
        object_id=candidacy.pk,
        org_id=candidacy.cell_id,
        detail={"person": person.pk, "source": source.code, "rules": rules.code},
    )
    return candidacy


@transaction.atomic
def candidacy_list_add(
    *,
    actor: Actor,
    candidacy_id: int,
    on: date,
    number: str = "",
    note: str = "",
    expected_version: int | None = None,
) -> Candidacy:
    """Record the cell's resolution putting the person on the candidate list."""
    candidacy = candidacy_for_edit(actor, candidacy_id, expected_version=expected_version)
    check_allowed(candidacy, Action.ADD_TO_LIST)
    check_step_date(actor, candidacy, on, what="Đưa vào danh sách")
    if number:
        add_document(
            actor,
            candidacy,
            form_code=ExtraDocument.LIST_RESOLUTION.value,
            issued_on=on,
            number=number,
            issuer=candidacy.cell.name,
        )
    candidacy.listed_on = on
    apply_transition(actor, candidacy, Action.ADD_TO_LIST, on=on, note=clean_text(note))
    return candidacy


@transaction.atomic
def dossier_open(
    *, actor: Actor, candidacy_id: int, on: date, expected_version: int | None = None
) -> Candidacy:
    """Start the admission dossier: the awareness certificate must be valid on that day."""
    candidacy = candidacy_for_edit(actor, candidacy_id, expected_version=expected_version)
    check_allowed(candidacy, Action.OPEN_DOSSIER)
    check_step_date(actor, candidacy, on, what="Bắt đầu làm hồ sơ")
    facts, _ = dossier_facts(candidacy)
    readiness = readiness_for(Action.OPEN_DOSSIER, facts, rules_of(candidacy), on=on)
    refuse(readiness.missing)
    candidacy.dossier_opened_on = on
    apply_transition(actor, candidacy, Action.OPEN_DOSSIER, on=on)
    return candidacy


@transaction.atomic
def candidacy_facts_update(
    *,
    actor: Actor,
    candidacy_id: int,
    facts: CandidateFactsInput,
    expected_version: int | None = None,
) -> Candidacy:
    """Correct the facts the eligibility rules read (special areas, consents, attributes)."""
    candidacy = candidacy_for_edit(actor, candidacy_id, expected_version=expected_version)
    if not candidacy.is_open:
        raise DomainError("Hồ sơ đã kết thúc, không sửa được.", code="closed")
    values = _clean_facts(facts)
    for key, value in values.items():
        setattr(candidacy, key, value)
    touch(actor, candidacy, "facts", {"facts": values})
    return candidacy


@transaction.atomic
def candidacy_plan_vote(
    *,
    actor: Actor,
    candidacy_id: int,
    planned_on: date | None,
    expected_version: int | None = None,
) -> Candidacy:
    """Set (or clear) the day the cell plans to consider the dossier, for the early warnings."""
    candidacy = candidacy_for_edit(actor, candidacy_id, expected_version=expected_version)
    if Stage(candidacy.stage) not in (Stage.AWARENESS_DONE, Stage.DOSSIER):
        raise DomainError(
            "Chỉ đặt ngày chi bộ dự kiến xét khi hồ sơ đang được hoàn thiện.", code="stage"
        )
    if planned_on is not None and planned_on < actor.scope.day:
        raise DomainError("Ngày dự kiến xét phải từ hôm nay trở đi.", field="planned_on")
    candidacy.planned_vote_on = planned_on
    touch(actor, candidacy, "plan_vote", {"planned_on": planned_on and planned_on.isoformat()})
    return candidacy


@transaction.atomic
def candidacy_return_to_cell(
    *,
    actor: Actor,
    candidacy_id: int,
    on: date,
    note: str = "",
    expected_version: int | None = None,
) -> Candidacy:
    """Record that the committee above sent an escalated dossier back for the cell to reconsider.

    The failed-vote count restarts: the committee's review answers the earlier failures.
    """
    candidacy = candidacy_for_edit(actor, candidacy_id, expected_version=expected_version)
    check_allowed(candidacy, Action.RETURN_TO_CELL)
    check_step_date(actor, candidacy, on, what="Trả hồ sơ về chi bộ")
    require_body(actor, chain_of(candidacy.cell_id, on).grassroots, "trả hồ sơ về chi bộ")
    candidacy.failed_cell_votes = 0
    apply_transition(actor, candidacy, Action.RETURN_TO_CELL, on=on, note=clean_text(note))
    return candidacy
