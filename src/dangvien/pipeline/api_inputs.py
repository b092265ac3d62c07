"""Inputs of the candidacy API's step endpoints, validated before any service runs."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from ninja import Field, Schema

from dangvien.pipeline import services
from dangvien.pipeline.domain.evaluations import EvaluationResult
from dangvien.pipeline.domain.facts import IntroducerKind
from dangvien.pipeline.domain.verification import RelativeKind
from dangvien.pipeline.domain.votes import VoteMethod


class FactsIn(Schema):
    special_areas: list[str] = []
    is_fisherman: bool = False
    is_village_elder: bool = False
    consents: list[str] = []
    attributes: dict[str, str | int | bool | None] = {}

    def to_input(self) -> services.CandidateFactsInput:
        return services.CandidateFactsInput(
            special_areas=tuple(self.special_areas),
            is_fisherman=self.is_fisherman,
            is_village_elder=self.is_village_elder,
            consents=tuple(self.consents),
            attributes=self.attributes,
        )


class Versioned(Schema):
    version: int | None = None  # the version read; a change in between is refused (409)


class DatedIn(Versioned):
    on: date
    number: str = Field("", max_length=60)
    note: str = Field("", max_length=2000)


class FactsUpdateIn(FactsIn, Versioned):
    pass


class PlannedVoteIn(Versioned):
    planned_on: date | None


class DocumentIn(Versioned):
    form_code: str = Field(max_length=16)
    issued_on: date
    number: str = Field("", max_length=60)
    signer: str = Field("", max_length=200)
    issuer: str = Field("", max_length=255)
    note: str = Field("", max_length=2000)


class IntroducerIn(Versioned):
    kind: IntroducerKind
    introduced_on: date
    member_id: int | None = None
    name: str = Field("", max_length=255)
    months_together: int | None = Field(None, ge=0, le=1200)
    number: str = Field("", max_length=60)


class RelativeIn(Schema):
    kind: RelativeKind
    name: str = Field(max_length=200)
    places: list[str] = []
    birth_date: date | None = None
    is_party_member: bool = False
    fully_declared: bool = False


class PlanIn(Schema):
    on: date


class VerificationIn(Schema):
    sent_on: date | None = None
    returned_on: date | None = None
    responding_committee: str = Field("", max_length=255)
    conclusion: str = Field("", max_length=2000)


class EvaluationIn(Schema):
    month: date
    result: EvaluationResult
    comment: str = Field("", max_length=2000)


class HelperIn(Schema):
    member_id: int
    assigned_on: date
    note: str = Field("", max_length=255)


class VoteIn(Versioned):
    held_on: date
    present: int = Field(ge=0, le=100000)
    in_favour: int = Field(ge=0, le=100000)
    against: int = Field(ge=0, le=100000)
    method: VoteMethod
    number: str = Field("", max_length=60)
    signer: str = Field("", max_length=200)
    eligible: int | None = Field(None, ge=0, le=1000, description="chỉ cho cấp ủy")
    late_reason: str = Field("", max_length=2000)

    def to_input(self) -> services.VoteInput:
        return services.VoteInput(**self.dict(exclude={"version"}))


class AppraisalIn(Versioned):
    on: date
    number: str = Field(max_length=60)
    signer: str = Field("", max_length=200)
    conclusion: str = Field("", max_length=2000)


class DecisionIn(Versioned):
    decided_on: date
    number: str = Field(max_length=60)
    signer: str = Field("", max_length=200)
    received_on: date | None = None
    late_reason: str = Field("", max_length=2000)

    def to_input(self) -> services.DecisionInput:
        return services.DecisionInput(**self.dict(exclude={"version"}))


class ExtensionIn(Versioned):
    decided_on: date
    reason: str = Field(max_length=2000)
    number: str = Field("", max_length=60)


class CeremonyIn(Versioned):
    held_on: date
    place: str = Field("", max_length=255)
    presided_by: str = Field("", max_length=200)
    late_reason: str = Field("", max_length=2000)


class ExitKind(StrEnum):
    """How a candidacy ends, as named in the URL."""

    REMOVE = "remove"  # đưa ra khỏi danh sách
    WITHDRAW = "withdraw"  # rút hồ sơ
    REFUSE = "refuse"  # không đồng ý kết nạp
    STRIKE_OFF = "strike-off"  # xóa tên đảng viên dự bị
    TRANSFER_OUT = "transfer-out"  # chuyển đi


class ExitIn(Versioned):
    on: date
    reason: str = Field(max_length=2000)
    number: str = Field("", max_length=60)
    signer: str = Field("", max_length=200)


EXITS = {
    ExitKind.REMOVE: services.candidacy_remove,
    ExitKind.WITHDRAW: services.candidacy_withdraw,
    ExitKind.REFUSE: services.candidacy_refuse,
    ExitKind.STRIKE_OFF: services.candidacy_strike_off,
    ExitKind.TRANSFER_OUT: services.candidacy_transfer_out,
}
