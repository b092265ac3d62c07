"""Due dates of the pipeline, from the working calendar and the rule set's time limits.

Counting conventions, chosen once for every deadline:

- "Within N working days of X": counting starts the day after X, and the N-th
  working day is the last day allowed (`WorkingCalendar.add_working_days`). A
  resolution of Friday 24/01/2025 with 60 working days skips the Tết days
  27/01-31/01/2025 and every weekend.
- "N months from X": the period ends on the day N whole months are completed
  (`months_later`): the same day of the month, or the 1st of the next month when
  that day does not exist. Ceremony 15/03/2024 -> probation ends 15/03/2025;
  ceremony 29/02/2024 -> 01/03/2025 (the Civil Code counts a period from the day
  after the event, so the anniversary is its last day).
- A validity of N months (certificate, dossier before it goes stale) includes the
  day N months are completed and ends after it.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from dangvien.core.domain.calendar import WorkingCalendar
from dangvien.pipeline.domain.dates import months_later
from dangvien.pipeline.domain.rulesets import RuleSet


class DueStatus(StrEnum):
    """How a due date stands relative to today, for work lists."""

    OVERDUE = "qua_han"  # Quá hạn: the last allowed day has passed
    DUE_SOON = "sap_den_han"  # Sắp đến hạn: due today or within the warning window
    LATER = "chua_den_han"  # Chưa đến hạn


def decision_due(cell_resolution_on: date, *, calendar: WorkingCalendar, rule_set: RuleSet) -> date:
    """Return the last day for the admission decision (9-KNĐ) after the cell resolution (6-KNĐ)."""
    return calendar.add_working_days(cell_resolution_on, rule_set.decision_working_days.value)


def extended_decision_due(
    cell_resolution_on: date, *, calendar: WorkingCalendar, rule_set: RuleSet
) -> date:
    """Return the last day for the admission decision when an extension has been recorded."""
    due = decision_due(cell_resolution_on, calendar=calendar, rule_set=rule_set)
    return calendar.add_working_days(due, rule_set.decision_extension_working_days.value)


def ceremony_due(
    decision_received_on: date, *, calendar: WorkingCalendar, rule_set: RuleSet
) -> date:
    """Return the last day to hold the admission ceremony after the cell receives the decision."""
    return calendar.add_working_days(decision_received_on, rule_set.ceremony_working_days.value)


def probation_end(ceremony_on: date, *, rule_set: RuleSet) -> date:
    """Return the day probation ends: 12 calendar months after the ceremony, that day included."""
    return months_later(ceremony_on, rule_set.probation_months.value)


def recognition_cell_due(
    probation_end_on: date, *, calendar: WorkingCalendar, rule_set: RuleSet
) -> date:
    """Return the last day for the cell's recognition resolution (13-KNĐ) after probation ends."""
    return calendar.add_working_days(probation_end_on, rule_set.recognition_cell_working_days.value)


def recognition_decision_due(
    recognition_cell_resolution_on: date, *, calendar: WorkingCalendar, rule_set: RuleSet
) -> date:
    """Return the last day for the recognition decision after the cell's resolution (13-KNĐ)."""
    days = rule_set.recognition_decision_working_days.value
    return calendar.add_working_days(recognition_cell_resolution_on, days)


def dossier_consider_by(clock_start: date, *, rule_set: RuleSet) -> date:
    """Return the last day the cell may consider a dossier before its introductions must be redone.

    `clock_start` is the day the dossier opened, or the day its introductions were redone.
    """
    return months_later(clock_start, rule_set.dossier_stale_months.value)


def certificate_expires_on(issued_on: date, *, rule_set: RuleSet) -> date:
    """Return the last day the awareness certificate (CN-NTVĐ) is valid."""
    return months_later(issued_on, rule_set.certificate_validity_months.value)


def official_as_of(probation_end_on: date) -> date:
    """Return the date a recognised member is official from: the day probation ended.

    It does not depend on when the recognition decision is signed, however late.
    """
    return probation_end_on


def party_age_start(decision_on: date) -> date:
    """Return the date party age counts from: the date of the admission decision (9-KNĐ)."""
    return decision_on


def classify_due(due: date, today: date, *, soon_within_days: int = 30) -> DueStatus:
    """Return whether `due` is past, due within `soon_within_days` calendar days, or later.

    Due today counts as due soon, not overdue: the last allowed day is still open.
    """
    if today > due:
        return DueStatus.OVERDUE
    if (due - today).days <= soon_within_days:
        return DueStatus.DUE_SOON
    return DueStatus.LATER
