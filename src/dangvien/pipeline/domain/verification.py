"""Background verification ("thẩm tra lý lịch"): which relatives, which places, who is exempt.

The applicant and the relatives the personal history declares are verified where
they live or lived and work or worked: one request per relative and place. Parents,
parents-in-law or the guardian, the spouse and adult children are verified; a
relative who is a party member whose own personal history is fully declared is
exempt, because the party already holds the verified facts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from dangvien.core.domain.text import age_months, normalize
from dangvien.pipeline.domain.decisions import Reason
from dangvien.pipeline.domain.rulesets import RuleSet


class RelativeKind(StrEnum):
    """The applicant, or a relative whose background the verification covers."""

    APPLICANT = "ban_than"  # Bản thân người vào Đảng
    FATHER = "cha"  # Cha đẻ
    MOTHER = "me"  # Mẹ đẻ
    FATHER_IN_LAW = "cha_vo_chong"  # Cha vợ hoặc cha chồng
    MOTHER_IN_LAW = "me_vo_chong"  # Mẹ vợ hoặc mẹ chồng
    GUARDIAN = "nguoi_nuoi_duong"  # Người trực tiếp nuôi dưỡng
    SPOUSE = "vo_chong"  # Vợ hoặc chồng
    CHILD = "con"  # Con (chỉ thẩm tra con đã thành niên)

    @property
    def label(self) -> str:
        return RELATIVE_LABELS[self]


RELATIVE_LABELS: dict[RelativeKind, str] = {
    RelativeKind.APPLICANT: "Người vào Đảng",
    RelativeKind.FATHER: "Cha",
    RelativeKind.MOTHER: "Mẹ",
    RelativeKind.FATHER_IN_LAW: "Cha vợ (chồng)",
    RelativeKind.MOTHER_IN_LAW: "Mẹ vợ (chồng)",
    RelativeKind.GUARDIAN: "Người nuôi dưỡng",
    RelativeKind.SPOUSE: "Vợ (chồng)",
    RelativeKind.CHILD: "Con",
}


@dataclass(frozen=True)
class Relative:
    """The applicant or a relative, with the places where verification must be asked."""

    kind: RelativeKind
    name: str
    places: tuple[str, ...]  # nơi cư trú, nơi công tác cần thẩm tra
    birth_date: date | None = None  # needed for children, to tell adults from minors
    is_party_member: bool = False
    fully_declared: bool = False  # the member's own personal history is complete and clear


@dataclass(frozen=True)
class VerificationRequest:
    """One request to the committee of one place about one person."""

    kind: RelativeKind
    name: str
    place: str


@dataclass(frozen=True)
class VerificationPlan:
    """The requests to send, the exemptions applied, and what must be recorded first."""

    requests: tuple[VerificationRequest, ...]
    exemptions: tuple[Reason, ...]
    problems: tuple[Reason, ...]

    @property
    def complete(self) -> bool:
        """Return whether the plan could be made without missing information."""
        return not self.problems


def _is_minor_child(relative: Relative, on: date, rule_set: RuleSet) -> bool:
    """Return whether `relative` is a child under the adult age on `on` (birth date known)."""
    if relative.kind is not RelativeKind.CHILD or relative.birth_date is None:
        return False
    return age_months(relative.birth_date, on) < rule_set.adult_age_months.value


def _exemption(relative: Relative, rule_set: RuleSet) -> Reason | None:
    """Return the exemption of a relative who is a fully declared member, or None."""
    rule = rule_set.exempt_declared_member_relatives
    exempt = rule.value and relative.is_party_member and relative.fully_declared
    if relative.kind is RelativeKind.APPLICANT or not exempt:
        return None
    text = (
        f"Miễn thẩm tra {relative.kind.label.lower()} {relative.name}: là đảng viên, "
        "lý lịch đã khai đầy đủ, rõ ràng"
    )
    return Reason.cite("verification_exempt", text, rule.citation)


def _problem(relative: Relative, rule_set: RuleSet) -> Reason | None:
    """Return what must be recorded before this person's requests can be made, or None."""
    who = f"{relative.kind.label} {relative.name}".strip()
    if relative.kind is RelativeKind.CHILD and relative.birth_date is None:
        text = f"{who}: chưa ghi ngày sinh nên chưa xác định được có phải thẩm tra không"
        return Reason.cite(
            "verification_birth_date_missing", text, rule_set.adult_age_months.citation
        )
    if not any(normalize(place) for place in relative.places):
        text = f"{who}: chưa ghi nơi cư trú hoặc nơi công tác cần thẩm tra"
        return Reason.cite(
            "verification_place_missing", text, rule_set.verification_required.citation
        )
    return None


def _requests(relative: Relative) -> list[VerificationRequest]:
    """Return one request per distinct place of `relative` (spelling and spacing ignored)."""
    seen: set[str] = set()
    requests = []
    for raw in relative.places:
        place = normalize(raw)
        if place and place.casefold() not in seen:
            seen.add(place.casefold())
            requests.append(
                VerificationRequest(kind=relative.kind, name=relative.name, place=place)
            )
    return requests


def plan_verification(
    relatives: Iterable[Relative], *, on: date, rule_set: RuleSet
) -> VerificationPlan:
    """Return the verification requests needed for an applicant and the declared relatives."""
    people = list(relatives)
    requests: list[VerificationRequest] = []
    exemptions: list[Reason] = []
    problems: list[Reason] = []
    if not any(person.kind is RelativeKind.APPLICANT for person in people):
        text = "Chưa ghi nơi cư trú, công tác của người vào Đảng để thẩm tra"
        problems.append(
            Reason.cite(
                "verification_applicant_missing", text, rule_set.verification_required.citation
            )
        )
    for person in people:
        if _is_minor_child(person, on, rule_set):
            continue
        exemption = _exemption(person, rule_set)
        if exemption:
            exemptions.append(exemption)
            continue
        problem = _problem(person, rule_set)
        if problem:
            problems.append(problem)
            continue
        requests.extend(_requests(person))
    return VerificationPlan(tuple(requests), tuple(exemptions), tuple(problems))
