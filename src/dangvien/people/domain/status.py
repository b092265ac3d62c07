"""Which status changes a person record allows (pure)."""

from __future__ import annotations

from dangvien.core.domain.errors import DomainError
from dangvien.people.domain.enums import Status

_FINAL = frozenset({Status.EXPELLED, Status.DECEASED})

ALLOWED: dict[Status, frozenset[Status]] = {
    Status.CANDIDATE: frozenset(
        {
            Status.CANDIDATE,
            Status.PROBATIONARY,
            Status.STRUCK_OFF,
            Status.TRANSFERRED_OUT,
            Status.DECEASED,
        }
    ),
    Status.PROBATIONARY: frozenset(
        {
            Status.PROBATIONARY,
            Status.OFFICIAL,
            Status.STRUCK_OFF,
            Status.TRANSFERRED_OUT,
            Status.EXPELLED,
            Status.RESIGNED,
            Status.DECEASED,
        }
    ),
    Status.OFFICIAL: frozenset(
        {
            Status.OFFICIAL,
            Status.EXEMPT,
            Status.STRUCK_OFF,
            Status.TRANSFERRED_OUT,
            Status.EXPELLED,
            Status.RESIGNED,
            Status.DECEASED,
        }
    ),
    Status.EXEMPT: frozenset(
        {
            Status.EXEMPT,
            Status.OFFICIAL,
            Status.STRUCK_OFF,
            Status.TRANSFERRED_OUT,
            Status.EXPELLED,
            Status.RESIGNED,
            Status.DECEASED,
        }
    ),
    # A person who left may come back as a candidate (readmission) or, for a
    # transfer, return as a member with the same party age.
    Status.TRANSFERRED_OUT: frozenset(
        {Status.PROBATIONARY, Status.OFFICIAL, Status.EXEMPT, Status.CANDIDATE, Status.DECEASED}
    ),
    Status.STRUCK_OFF: frozenset({Status.CANDIDATE, Status.DECEASED}),
    Status.RESIGNED: frozenset({Status.CANDIDATE, Status.DECEASED}),
    Status.EXPELLED: frozenset(),
    Status.DECEASED: frozenset(),
}


def check_status_change(current: Status, new: Status) -> None:
    """Raise with a Vietnamese explanation if the record cannot move from `current` to `new`."""
    if new in ALLOWED[current]:
        return
    if current in _FINAL:
        raise DomainError(
            f"Hồ sơ ở trạng thái “{current.label}” là trạng thái cuối, không đổi được.",
            code="status_final",
        )
    raise DomainError(
        f"Không thể chuyển từ “{current.label}” sang “{new.label}”.", code="status_illegal"
    )
