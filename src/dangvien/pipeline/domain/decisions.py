"""A rule check's outcome: accepted or refused, with every reason in Vietnamese and its rule."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from dangvien.core.domain.errors import DomainError
from dangvien.pipeline.domain.forms import FormCode


@dataclass(frozen=True)
class Reason:
    """One checked condition, explained in Vietnamese, with the rule it rests on."""

    code: str  # stable identifier for the API, tests and the UI's icons
    message: str  # a full sentence ending with the citation in parentheses, when there is one
    citation: str | None = None
    form: FormCode | None = None  # the missing or faulty form, when the reason is about one

    @classmethod
    def cite(
        cls, code: str, text: str, citation: str | None, *, form: FormCode | None = None
    ) -> Reason:
        """Return a reason whose message is `text` followed by the citation in parentheses."""
        message = f"{text} ({citation})" if citation else text
        return cls(code=code, message=message, citation=citation, form=form)


@dataclass(frozen=True)
class Decision:
    """Whether a step is allowed; when refused, every failing condition, else explanatory notes."""

    ok: bool
    reasons: tuple[Reason, ...] = ()

    def __post_init__(self) -> None:
        if not self.ok and not self.reasons:
            raise ValueError("a refusal must give at least one reason")

    @classmethod
    def from_checks(cls, failures: Iterable[Reason], notes: Iterable[Reason] = ()) -> Decision:
        """Return a refusal listing `failures`, or else an acceptance carrying `notes`."""
        failed = tuple(failures)
        if failed:
            return cls(ok=False, reasons=failed)
        return cls(ok=True, reasons=tuple(notes))

    @property
    def messages(self) -> tuple[str, ...]:
        """Return the Vietnamese message of every reason, in order."""
        return tuple(reason.message for reason in self.reasons)

    def raise_if_refused(self) -> None:
        """Raise a DomainError carrying every message when the decision is a refusal."""
        if self.ok:
            return
        first = self.reasons[0]
        raise DomainError("\n".join(self.messages), code=first.code, rule=first.citation)


def combine(*decisions: Decision) -> Decision:
    """Return one decision: refused with all failures if any part refuses, else all notes."""
    refused = [decision for decision in decisions if not decision.ok]
    if refused:
        return Decision(ok=False, reasons=tuple(r for d in refused for r in d.reasons))
    return Decision(ok=True, reasons=tuple(r for d in decisions for r in d.reasons))
