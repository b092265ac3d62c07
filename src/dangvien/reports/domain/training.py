"""Build the `training` report: classes that started in the period, by class type."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from dangvien.reports.domain.base import JsonDict, ReportScope
from dangvien.training.domain.enums import ClassType

KIND = "training"


@dataclass(frozen=True)
class ClassFacts:
    """One class: its type, start date, enrolments and enrolments with result Hoàn thành."""

    class_type: ClassType
    start_date: date
    trainees: int
    completed: int


@dataclass(frozen=True)
class TypeLine:
    """The classes of one type that started in the period."""

    class_type: ClassType
    classes: int
    trainees: int
    completed: int

    def to_json(self) -> JsonDict:
        return {
            "type": self.class_type.label,
            "classes": self.classes,
            "trainees": self.trainees,
            "completed": self.completed,
        }


@dataclass(frozen=True)
class TrainingReport:
    """The training report of contracts.md §3, with totals added."""

    scope: ReportScope
    by_type: tuple[TypeLine, ...]

    @property
    def classes(self) -> int:
        return sum(line.classes for line in self.by_type)

    @property
    def trainees(self) -> int:
        return sum(line.trainees for line in self.by_type)

    @property
    def completed(self) -> int:
        return sum(line.completed for line in self.by_type)

    def to_json(self) -> JsonDict:
        return {
            **self.scope.header(KIND),
            "classes": self.classes,
            "trainees": self.trainees,
            "completed": self.completed,
            "by_type": [line.to_json() for line in self.by_type],
        }


def build_training_report(*, scope: ReportScope, classes: Iterable[ClassFacts]) -> TrainingReport:
    """Count classes, enrolments and completions per type, one line per type even when zero.

    Only classes whose start date falls in the period are counted; every enrolment counts as
    a trainee, so a person in two classes counts twice.
    """
    totals = {t: [0, 0, 0] for t in ClassType}
    for c in classes:
        if scope.contains(c.start_date):
            line = totals[c.class_type]
            line[0] += 1
            line[1] += c.trainees
            line[2] += c.completed
    return TrainingReport(
        scope=scope,
        by_type=tuple(TypeLine(t, *totals[t]) for t in ClassType),
    )
