"""One demo candidacy's records, built step by step through the transition table.

Every move goes through `next_stage`, so the demo can only contain histories the
rules allow; dates only move forward and never pass the day before today.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from dangvien.pipeline.bodies import Chain
from dangvien.pipeline.domain.deadlines import probation_end
from dangvien.pipeline.domain.documents import ExtraDocument
from dangvien.pipeline.domain.evaluations import EvaluationResult, month_start, next_month
from dangvien.pipeline.domain.facts import IntroducerKind
from dangvien.pipeline.domain.forms import FormCode
from dangvien.pipeline.domain.rulesets import RULE_SETS, rule_set_for
from dangvien.pipeline.domain.stages import Action, Stage, next_stage
from dangvien.pipeline.domain.verification import RelativeKind
from dangvien.pipeline.domain.votes import VoteMethod, required_for
from dangvien.pipeline.models import (
    Candidacy,
    Ceremony,
    Decision,
    DossierDocument,
    Evaluation,
    HelperAssignment,
    Introducer,
    Relative,
    StageTransition,
    VerificationRequest,
    Vote,
)
from dangvien.pipeline.models.candidacy import OPEN_ACTION

DEMO_USER = "du-lieu-mau"
_RESULTS = (EvaluationResult.GOOD, EvaluationResult.GOOD, EvaluationResult.FAIR)


@dataclass
class Rows:
    """Unsaved rows of every demo candidacy, written in bulk afterwards."""

    candidacies: list[Candidacy] = field(default_factory=list)
    documents: list[DossierDocument] = field(default_factory=list)
    transitions: list[StageTransition] = field(default_factory=list)
    evaluations: list[Evaluation] = field(default_factory=list)
    introducers: list[Introducer] = field(default_factory=list)
    relatives: list[Relative] = field(default_factory=list)
    verifications: list[VerificationRequest] = field(default_factory=list)
    helpers: list[HelperAssignment] = field(default_factory=list)
    votes: list[Vote] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    ceremonies: list[Ceremony] = field(default_factory=list)


@dataclass(frozen=True)
class Person:
    """What the demo needs to know about one person."""

    id: int
    name: str
    cell_id: int
    youth_union: bool


@dataclass(frozen=True)
class Cell:
    """A cell's chain of bodies and its official members today."""

    chain: Chain
    members: tuple[tuple[int, str], ...]  # (person id, name), official or exempt


class Story:
    """Build one candidacy's records in order; each method records one step."""

    def __init__(
        self, rows: Rows, rng: random.Random, person: Person, cell: Cell, opened: date, today: date
    ) -> None:
        self.rows, self.rng, self.person, self.cell, self.today = rows, rng, person, cell, today
        opened = max(opened, RULE_SETS[0].effective_from)
        self.c = Candidacy(
            person_id=person.id,
            cell_id=person.cell_id,
            source_category=rng.choice(_SOURCES),
            stage=Stage.SOURCE.value,
            rule_set_code=rule_set_for(opened).code,
            opened_on=opened,
            stage_since=opened,
        )
        rows.candidacies.append(self.c)
        self._log(OPEN_ACTION, "", Stage.SOURCE, opened)

    @property
    def stage(self) -> Stage:
        return Stage(self.c.stage)

    def _log(self, action: str, before: str, after: Stage, on: date, note: str = "") -> None:
        self.rows.transitions.append(
            StageTransition(
                candidacy=self.c,
                action=action,
                from_stage=before,
                to_stage=after.value,
                on=on,
                rule_set_code=self.c.rule_set_code,
                note=note,
                username=DEMO_USER,
                channel="cli",
            )
        )

    def move(self, action: Action, on: date, note: str = "") -> None:
        """Record a move the transition table allows (anything else is a bug in the demo)."""
        before = self.stage
        after = next_stage(
            before, action, has_partial_committee=self.cell.chain.has_partial_committee
        )
        self._log(action.value, before.value, after, on, note)
        self.c.stage, self.c.stage_since = after.value, on
        if after.is_final:
            self.c.is_open, self.c.closed_on = False, on

    def paper(
        self, form: str, on: date, number: str = "", signer: str = "", issuer: str = ""
    ) -> DossierDocument:
        document = DossierDocument(
            candidacy=self.c,
            form_code=form,
            issued_on=on,
            number=number,
            signer=signer,
            issuer=issuer,
            username=DEMO_USER,
        )
        self.rows.documents.append(document)
        return document

    def place(self) -> str:
        """Return the commune's own name, for issuers and verification places."""
        return self.cell.chain.grassroots.name.removeprefix("Đảng bộ ").strip()

    def secretary(self) -> str:
        return self.cell.members[0][1] if self.cell.members else ""

    def list(self, on: date) -> None:
        self.c.listed_on = on
        self.paper(
            ExtraDocument.LIST_RESOLUTION.value,
            on,
            f"{self.rng.randint(1, 40):02d}-NQ/CB",
            self.secretary(),
            self.cell.chain.cell.name,
        )
        self.move(Action.ADD_TO_LIST, on)

    def evaluate(self, until: date, *, skip: float) -> None:
        """Record the monthly evaluations from the month after listing to `until`'s month."""
        assert self.c.listed_on is not None
        month = next_month(month_start(self.c.listed_on))
        while month <= month_start(until) and month < month_start(self.today):
            if self.rng.random() >= skip:
                self.rows.evaluations.append(
                    Evaluation(
                        candidacy=self.c,
                        month=month,
                        result=self.rng.choice(_RESULTS).value,
                        username=DEMO_USER,
                    )
                )
            month = next_month(month)

    def certificate(self, on: date) -> None:
        self.paper(
            FormCode.CN_NTVD.value,
            on,
            str(self.rng.randint(100, 999)),
            issuer=f"Trung tâm Chính trị {self.place()}",
        )
        self.move(Action.RECORD_AWARENESS_CERTIFICATE, max(on, self.c.stage_since))

    def dossier(self, on: date, *, complete: bool) -> None:
        """Open the dossier and add its papers; an incomplete one lacks a form or a reply."""
        self.c.dossier_opened_on = on
        self.move(Action.OPEN_DOSSIER, on)
        forms = [FormCode.KND_1, FormCode.KND_2, FormCode.KND_5]
        if not complete:
            forms.pop(self.rng.randrange(len(forms)))
        for offset, form in enumerate(forms):
            self.paper(form.value, on + timedelta(days=3 + offset))
        self.introduce(on + timedelta(days=5))
        self.verify(on + timedelta(days=7), pending=not complete)

    def introduce(self, on: date) -> None:
        members = [m for m in self.cell.members if m[0] != self.person.id]
        chosen = self.rng.sample(members, min(2, len(members)))
        if self.person.youth_union and self.rng.random() < 0.5:
            chosen = chosen[:1]
            document = self.paper(FormCode.KND_4.value, on, f"{self.rng.randint(1, 30):02d}-NQ/ĐTN")
            self.rows.introducers.append(
                Introducer(
                    candidacy=self.c,
                    kind=IntroducerKind.YOUTH_UNION.value,
                    name="Ban Chấp hành Đoàn cơ sở",
                    introduced_on=on,
                    document=document,
                )
            )
        for member_id, name in chosen:
            document = self.paper(FormCode.KND_3.value, on, signer=name)
            self.rows.introducers.append(
                Introducer(
                    candidacy=self.c,
                    kind=IntroducerKind.PARTY_MEMBER.value,
                    member_id=member_id,
                    name=name,
                    months_together=self.rng.randint(14, 120),
                    introduced_on=on,
                    member_status="chinh_thuc",
                    document=document,
                )
            )

    def verify(self, on: date, *, pending: bool) -> None:
        place = self.place()
        for kind, who in (
            (RelativeKind.APPLICANT, self.person.name),
            (RelativeKind.FATHER, "Cha"),
            (RelativeKind.MOTHER, "Mẹ"),
        ):
            relative = Relative(candidacy=self.c, kind=kind.value, name=who, places=[place])
            self.rows.relatives.append(relative)
            late = pending and kind is RelativeKind.FATHER
            self.rows.verifications.append(
                VerificationRequest(
                    candidacy=self.c,
                    relative=relative,
                    kind=kind.value,
                    name=who,
                    place=place,
                    sent_on=on,
                    returned_on=None if late else on + timedelta(days=20),
                    responding_committee="" if late else self.cell.chain.grassroots.committee,
                    conclusion="" if late else "Lý lịch rõ ràng, không có vấn đề vướng mắc",
                )
            )

    def vote(
        self,
        kind: Vote.Kind,
        on: date,
        *,
        eligible: int,
        body: str,
        form: FormCode,
        suffix: str,
        passed: bool = True,
    ) -> None:
        """Record a vote reaching two thirds (or, when `passed` is False, one short of it)."""
        present = max(1, eligible - self.rng.randint(0, max(0, eligible // 6)))
        needed = required_for(eligible, RULE_SETS[-1].cell_vote_threshold.value)
        favour = min(present, max(needed, present - self.rng.randint(0, 1)))
        if not passed:
            favour = max(0, min(present, needed - 1))
        document = None
        if favour >= needed:
            number = f"{self.rng.randint(1, 99):02d}-{suffix}"
            document = self.paper(form.value, on, number, self.secretary(), body)
        verdict = "Đạt" if favour >= needed else "Không đạt"
        self.rows.votes.append(
            Vote(
                candidacy=self.c,
                kind=kind.value,
                held_on=on,
                body=body,
                eligible=eligible,
                present=present,
                in_favour=favour,
                against=present - favour,
                method=self.rng.choice(list(VoteMethod)).value,
                required=needed,
                passed=favour >= needed,
                explanation=f"{verdict}: {favour}/{eligible} tán thành, cần ít nhất {needed}",
                document=document,
                username=DEMO_USER,
            )
        )

    def failed_cell_votes(self, first: date) -> None:
        """Record three failed cell votes a month apart, the third escalating the case."""
        eligible = max(3, len(self.cell.members))
        for attempt in range(3):
            on = first + timedelta(days=30 * attempt)
            self.vote(
                Vote.Kind.CELL,
                on,
                eligible=eligible,
                body=self.cell.chain.cell.name,
                form=FormCode.KND_6,
                suffix="NQ/CB",
                passed=False,
            )
            self.c.failed_cell_votes += 1
            self.move(Action.ESCALATE if attempt == 2 else Action.RECORD_FAILED_CELL_VOTE, on)
        self.c.escalated = True

    def cell_vote(self, on: date) -> None:
        eligible = max(3, len(self.cell.members))
        self.vote(
            Vote.Kind.CELL,
            on,
            eligible=eligible,
            body=self.cell.chain.cell.name,
            form=FormCode.KND_6,
            suffix="NQ/CB",
        )
        self.c.cell_resolved_on = on
        self.move(Action.RECORD_CELL_VOTE, on)

    def committee_vote(self, on: date) -> None:
        chain = self.cell.chain
        if chain.has_partial_committee:
            self.paper(
                FormCode.KND_7.value,
                on - timedelta(days=3),
                "05-BC/ĐUBP",
                issuer=chain.parent.committee if chain.parent else "",
            )
            self.move(Action.RECORD_PARTIAL_APPRAISAL, on - timedelta(days=3))
        self.vote(
            Vote.Kind.COMMITTEE,
            on,
            eligible=self.rng.randint(7, 15),
            body=chain.grassroots.committee,
            form=FormCode.KND_8,
            suffix="NQ/ĐU",
        )
        self.move(Action.RECORD_GRASSROOTS_RESOLUTION, on)

    def decide(self, on: date, number: str, membership_id: int | None) -> None:
        body = self.cell.chain.admitting.standing_committee
        document = self.paper(FormCode.KND_9.value, on, number, issuer=body)
        self.rows.decisions.append(
            Decision(
                candidacy=self.c,
                kind=Decision.Kind.ADMISSION.value,
                number=number,
                decided_on=on,
                body=body,
                received_on=on + timedelta(days=2),
                document=document,
            )
        )
        self.c.decision_on, self.c.decision_received_on = on, on + timedelta(days=2)
        self.c.membership_id = membership_id
        self.move(Action.RECORD_ADMISSION_DECISION, on)

    def ceremony(self, on: date) -> None:
        self.rows.ceremonies.append(
            Ceremony(
                candidacy=self.c, held_on=on, place="Nhà văn hóa", presided_by=self.secretary()
            )
        )
        self.c.ceremony_on = on
        self.c.probation_ends_on = probation_end(on, rule_set=rule_set_for(self.c.opened_on))
        self.move(Action.HOLD_CEREMONY, on)
        members = [m for m in self.cell.members if m[0] != self.person.id]
        if members:
            member_id, _ = self.rng.choice(members)
            self.rows.helpers.append(
                HelperAssignment(
                    candidacy=self.c,
                    member_id=member_id,
                    role=HelperAssignment.Role.PROBATION,
                    assigned_on=on,
                )
            )

    def recognition_cell_vote(self, on: date) -> None:
        self.paper(FormCode.KND_10.value, on - timedelta(days=7))
        self.paper(FormCode.KND_11.value, on - timedelta(days=6))
        self.paper(FormCode.KND_12.value, on - timedelta(days=5))
        eligible = max(3, len(self.cell.members))
        self.vote(
            Vote.Kind.RECOGNITION_CELL,
            on,
            eligible=eligible,
            body=self.cell.chain.cell.name,
            form=FormCode.KND_13,
            suffix="NQ/CB",
        )
        self.c.recognition_cell_resolved_on = on
        self.move(Action.RECORD_RECOGNITION_CELL_VOTE, on)

    def recognition_committee_vote(self, on: date) -> None:
        chain = self.cell.chain
        self.vote(
            Vote.Kind.RECOGNITION_COMMITTEE,
            on,
            eligible=self.rng.randint(7, 15),
            body=chain.grassroots.committee,
            form=FormCode.KND_15,
            suffix="NQ/ĐU",
        )
        self.move(Action.RECORD_RECOGNITION_GRASSROOTS_RESOLUTION, on)


_SOURCES = (
    "doan_vien_uu_tu",
    "doan_vien_uu_tu",
    "quan_nhan_xuat_ngu",
    "hoc_sinh_sinh_vien",
    "hoi_vien_uu_tu",
    "can_bo_thon_doan_the",
    "tu_nguyen",
)


def recognise(story: Story, on: date) -> None:
    """Record the recognition decision: official as of the end of probation."""
    body = story.cell.chain.admitting.standing_committee
    number = f"{story.rng.randint(100, 400)}-QĐ/ĐU"
    document = story.paper(ExtraDocument.RECOGNITION_DECISION.value, on, number, issuer=body)
    story.rows.decisions.append(
        Decision(
            candidacy=story.c,
            kind=Decision.Kind.RECOGNITION.value,
            number=number,
            decided_on=on,
            body=body,
            document=document,
        )
    )
    story.c.official_on = story.c.probation_ends_on
    story.move(Action.RECOGNISE, on)
