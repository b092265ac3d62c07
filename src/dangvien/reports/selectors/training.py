"""Feed the `training` report: classes organised in the subtree that started in the period."""

from __future__ import annotations

from django.db.models import F, FilteredRelation, Q, QuerySet

from dangvien.orgs.paths import path_prefix_q
from dangvien.reports.domain.training import ClassFacts, TrainingReport, build_training_report
from dangvien.reports.selectors.subject import Subject
from dangvien.training.domain.enums import ClassType
from dangvien.training.models import TrainingClass


def training_report(subject: Subject) -> TrainingReport:
    """Count classes, trainees and completions per type, from one query over the classes.

    Classes carry their own trainee and completion counts (training.class_counts), so no
    enrolment is read.
    """
    rows = (
        classes_of(subject)
        .values_list("class_type", "start_date", "trainee_count", "completed_count")
        .order_by()
    )
    facts = [
        ClassFacts(ClassType(kind), start, trainees, completed)
        for kind, start, trainees, completed in rows
    ]
    return build_training_report(scope=subject.scope, classes=facts)


def classes_of(subject: Subject) -> QuerySet[TrainingClass]:
    """Return the classes of the subject's subtree that started in the period.

    Each class counts for the unit its organiser belonged to on the start day (or on
    `as_of` for a restated report).
    """
    scope = subject.scope
    if subject.restated:
        as_of = subject.tree_day(scope.date_to)
        place = Q(organiser__spans__valid_from__lte=as_of, organiser__spans__valid_to__gte=as_of)
        under = path_prefix_q(subject.placements[0].path, "place__path")
    else:
        place = Q(organiser__spans__valid_from__lte=F("start_date")) & Q(
            organiser__spans__valid_to__gte=F("start_date")
        )
        under = Q(pk__in=[])
        for p in subject.placements:
            under |= path_prefix_q(p.path, "place__path") & Q(start_date__range=(p.first, p.last))
    return (
        TrainingClass.objects.filter(start_date__range=(scope.date_from, scope.date_to))
        .annotate(place=FilteredRelation("organiser__spans", condition=place))
        .filter(under)
    )
