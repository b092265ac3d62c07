"""Whether a step was recorded within its time limit, and what a late step must carry."""

from __future__ import annotations

from datetime import date

from dangvien.core.domain.text import format_date
from dangvien.pipeline.domain.decisions import Decision, Reason
from dangvien.pipeline.domain.rulesets import RuleValue


def check_on_time(
    done_on: date,
    due: date,
    *,
    what: str,
    since: str,
    limit: RuleValue[int],
    late_reason: str = "",
) -> Decision:
    """Decide a step dated `done_on` against its last allowed day `due`.

    A late step is refused unless the user states why it was late: the record must
    match what happened, and the reason keeps the delay visible in the history.
    `what` names the step ("Quyết định kết nạp"), `since` the event the limit runs from.
    """
    if done_on <= due:
        return Decision(ok=True)
    text = (
        f"{what} ngày {format_date(done_on)} đã quá hạn: hạn cuối là {format_date(due)} "
        f"({limit.value} ngày làm việc kể từ {since})"
    )
    reason = late_reason.strip()
    if reason:
        note = f"{text}; lý do chậm: {reason}"
        return Decision.from_checks([], [Reason.cite("late_accepted", note, limit.citation)])
    text += "; nếu vẫn ghi, hãy nêu lý do chậm"
    return Decision.from_checks([Reason.cite("late", text, limit.citation)])
