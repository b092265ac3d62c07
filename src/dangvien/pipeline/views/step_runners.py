"""What each step page does with its validated form: call the step's service."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from dangvien.accounts.actor import Actor
from dangvien.pipeline import services
from dangvien.pipeline.domain.evaluations import EvaluationResult
from dangvien.pipeline.domain.facts import IntroducerKind
from dangvien.pipeline.domain.verification import RelativeKind
from dangvien.pipeline.domain.votes import VoteMethod
from dangvien.pipeline.models import Candidacy

Data = dict[str, Any]
Runner = Callable[[Actor, Candidacy, Data], Sequence[str]]


def _v(data: Data) -> int | None:
    version = data.get("version")
    return int(version) if version is not None else None


def _vote(data: Data) -> services.VoteInput:
    return services.VoteInput(
        held_on=data["held_on"],
        present=data["present"],
        in_favour=data["in_favour"],
        against=data["against"],
        method=VoteMethod(data["method"]),
        number=data.get("number", ""),
        signer=data.get("signer", ""),
        eligible=data.get("eligible"),
        late_reason=data.get("late_reason", ""),
    )


def _decision(data: Data) -> services.DecisionInput:
    return services.DecisionInput(
        decided_on=data["decided_on"],
        number=data["number"],
        signer=data.get("signer", ""),
        received_on=data.get("received_on"),
        late_reason=data.get("late_reason", ""),
    )


def ending(service: Callable[..., Candidacy]) -> Runner:
    def run(actor: Actor, candidacy: Candidacy, data: Data) -> Sequence[str]:
        exit_data = services.ExitInput(
            on=data["on"], reason=data["reason"], number=data["number"], signer=data["signer"]
        )
        service(actor=actor, candidacy_id=candidacy.pk, data=exit_data, expected_version=_v(data))
        return ()

    return run


def list_add(actor: Actor, c: Candidacy, d: Data) -> Sequence[str]:
    services.candidacy_list_add(
        actor=actor,
        candidacy_id=c.pk,
        on=d["on"],
        number=d["number"],
        note=d["note"],
        expected_version=_v(d),
    )
    return ()


def dossier(actor: Actor, c: Candidacy, d: Data) -> Sequence[str]:
    services.dossier_open(actor=actor, candidacy_id=c.pk, on=d["on"], expected_version=_v(d))
    return ()


def document(actor: Actor, c: Candidacy, d: Data) -> Sequence[str]:
    services.document_record(
        actor=actor,
        candidacy_id=c.pk,
        form_code=d["form_code"],
        issued_on=d["issued_on"],
        number=d["number"],
        signer=d["signer"],
        issuer=d["issuer"],
        note=d["note"],
        attachment=d.get("attachment"),
        expected_version=_v(d),
    )
    return ()


def attach(actor: Actor, c: Candidacy, d: Data) -> Sequence[str]:
    services.document_attach(actor=actor, document_id=d["document"], attachment=d["attachment"])
    return ()


def introducer(actor: Actor, c: Candidacy, d: Data) -> Sequence[str]:
    data = services.IntroducerInput(
        kind=IntroducerKind(d["kind"]),
        introduced_on=d["introduced_on"],
        member_id=d.get("member") or None,
        name=d["name"],
        months_together=d.get("months_together"),
        number=d["number"],
    )
    services.introducer_add(actor=actor, candidacy_id=c.pk, data=data, expected_version=_v(d))
    return ()


def renew(actor: Actor, c: Candidacy, d: Data) -> Sequence[str]:
    services.introductions_renew(actor=actor, candidacy_id=c.pk, on=d["on"], expected_version=_v(d))
    return ()


def relative(actor: Actor, c: Candidacy, d: Data) -> Sequence[str]:
    data = services.RelativeInput(
        kind=RelativeKind(d["kind"]),
        name=d["name"],
        places=tuple(line for line in d["places"].splitlines() if line.strip()),
        birth_date=d.get("birth_date"),
        is_party_member=d["is_party_member"],
        fully_declared=d["fully_declared"],
    )
    services.relative_save(actor=actor, candidacy_id=c.pk, data=data)
    return ()


def plan(actor: Actor, c: Candidacy, d: Data) -> Sequence[str]:
    created = services.verification_plan_apply(actor=actor, candidacy_id=c.pk, on=d["on"])
    return (f"Đã lập {len(created)} yêu cầu thẩm tra hoặc miễn thẩm tra mới.",)


def verification(actor: Actor, c: Candidacy, d: Data) -> Sequence[str]:
    reply = services.VerificationReply(
        sent_on=d.get("sent_on"),
        returned_on=d.get("returned_on"),
        responding_committee=d["responding_committee"],
        conclusion=d["conclusion"],
    )
    services.verification_record(actor=actor, request_id=d["request"], data=reply)
    return ()


def evaluation(actor: Actor, c: Candidacy, d: Data) -> Sequence[str]:
    services.evaluation_record(
        actor=actor,
        candidacy_id=c.pk,
        month=d["month"],
        result=EvaluationResult(d["result"]),
        comment=d["comment"],
    )
    return ()


def helper(actor: Actor, c: Candidacy, d: Data) -> Sequence[str]:
    result = services.helper_assign(
        actor=actor,
        candidacy_id=c.pk,
        member_id=d["member"],
        assigned_on=d["assigned_on"],
        note=d["note"],
    )
    return result.warnings


def facts(actor: Actor, c: Candidacy, d: Data) -> Sequence[str]:
    facts = services.CandidateFactsInput(
        special_areas=tuple(d["special_areas"]),
        is_fisherman=d["is_fisherman"],
        is_village_elder=d["is_village_elder"],
        consents=tuple(d["consents"]),
        attributes=d["attributes"],
    )
    services.candidacy_facts_update(
        actor=actor, candidacy_id=c.pk, facts=facts, expected_version=_v(d)
    )
    return ()


def planned(actor: Actor, c: Candidacy, d: Data) -> Sequence[str]:
    services.candidacy_plan_vote(
        actor=actor, candidacy_id=c.pk, planned_on=d.get("planned_on"), expected_version=_v(d)
    )
    return ()


def voter(service: Callable[..., object]) -> Runner:
    def run(actor: Actor, candidacy: Candidacy, data: Data) -> Sequence[str]:
        vote = service(
            actor=actor, candidacy_id=candidacy.pk, data=_vote(data), expected_version=_v(data)
        )
        passed = getattr(vote, "passed", True)
        return () if passed else (f"Biểu quyết không đạt. {getattr(vote, 'explanation', '')}",)

    return run


def appraise(actor: Actor, c: Candidacy, d: Data) -> Sequence[str]:
    services.partial_committee_appraise(
        actor=actor,
        candidacy_id=c.pk,
        on=d["on"],
        number=d["number"],
        signer=d["signer"],
        conclusion=d["conclusion"],
        expected_version=_v(d),
    )
    return ()


def decide(service: Callable[..., object]) -> Runner:
    def run(actor: Actor, candidacy: Candidacy, data: Data) -> Sequence[str]:
        service(
            actor=actor, candidacy_id=candidacy.pk, data=_decision(data), expected_version=_v(data)
        )
        return ()

    return run


def extend(actor: Actor, c: Candidacy, d: Data) -> Sequence[str]:
    services.decision_extend(
        actor=actor,
        candidacy_id=c.pk,
        decided_on=d["decided_on"],
        reason=d["reason"],
        number=d["number"],
        expected_version=_v(d),
    )
    return ()


def ceremony(actor: Actor, c: Candidacy, d: Data) -> Sequence[str]:
    data = services.CeremonyInput(
        held_on=d["held_on"],
        place=d["place"],
        presided_by=d["presided_by"],
        late_reason=d["late_reason"],
    )
    services.ceremony_record(actor=actor, candidacy_id=c.pk, data=data, expected_version=_v(d))
    return ()


def return_to_cell(actor: Actor, c: Candidacy, d: Data) -> Sequence[str]:
    services.candidacy_return_to_cell(
        actor=actor, candidacy_id=c.pk, on=d["on"], note=d["note"], expected_version=_v(d)
    )
    return ()
