"""Which days a change of a status period affects, so cached stocks of other days stay valid."""

from __future__ import annotations

from datetime import date

# (unit, status, first day, last day) of a status period
PeriodKey = tuple[int, str, date, date]


def changed_days(old: PeriodKey | None, new: PeriodKey) -> list[tuple[date, date]]:
    """Return the day ranges on which the period counts differently after the change.

    A new period affects its own days; a moved or re-labelled one its old and new days;
    a period only shortened or lengthened just the days gained or lost at each end
    (both ends of each such range included, one day more than strictly needed).
    """
    if old is None:
        return [(new[2], new[3])]
    if old[:2] != new[:2]:
        return [(old[2], old[3]), (new[2], new[3])]
    ranges = []
    for before, after in ((old[2], new[2]), (old[3], new[3])):
        if before != after:
            ranges.append((min(before, after), max(before, after)))
    return ranges
