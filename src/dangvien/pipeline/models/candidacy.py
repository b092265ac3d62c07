"""A person's way through the pipeline, its transition log, due dates and local criteria."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from dangvien.orgs.models import Organization
from dangvien.people.models import Membership, Person
from dangvien.pipeline.domain.stages import Action, Stage
from dangvien.pipeline.domain.worklist import WorkKind

STAGE_CHOICES = [(s.value, s.label) for s in Stage]
# "open" starts the log: the candidacy enters the pipeline at its first stage.
OPEN_ACTION = "open"
# "follow_person": the person moved to another cell and the open dossier went along;
# the stage stays (from_stage == to_stage), so stage reports ignore the line.
FOLLOW_ACTION = "follow_person"
ACTION_CHOICES = [
    (OPEN_ACTION, "mở hồ sơ phát triển đảng viên"),
    (FOLLOW_ACTION, "chuyển hồ sơ theo người sang chi bộ mới"),
] + [(a.value, a.label) for a in Action]
WORK_CHOICES = [(k.value, k.label) for k in WorkKind]


class Candidacy(models.Model):
    """One admission procedure of one person ("hồ sơ phát triển đảng viên").

    The date columns repeat what the step records say, so that lists, deadlines and
    readiness checks read one row; the services keep them in step with the records.
    """

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="candidacies")
    # Indexed first in candidacy_cell_stage below.
    cell = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="candidacies", db_index=False
    )
    source_category = models.CharField(max_length=40)  # SOURCE_CATEGORIES code
    stage = models.CharField(max_length=40, choices=STAGE_CHOICES, default=Stage.SOURCE.value)
    rule_set_code = models.CharField(max_length=40)
    opened_on = models.DateField()
    stage_since = models.DateField()
    listed_on = models.DateField(null=True, blank=True)
    dossier_opened_on = models.DateField(null=True, blank=True)
    introductions_redone_on = models.DateField(null=True, blank=True)
    planned_vote_on = models.DateField(null=True, blank=True)
    failed_cell_votes = models.PositiveSmallIntegerField(default=0)
    escalated = models.BooleanField(default=False)
    cell_resolved_on = models.DateField(null=True, blank=True)
    decision_extended = models.BooleanField(default=False)
    decision_on = models.DateField(null=True, blank=True)
    decision_received_on = models.DateField(null=True, blank=True)
    ceremony_on = models.DateField(null=True, blank=True)
    probation_ends_on = models.DateField(null=True, blank=True)
    recognition_cell_resolved_on = models.DateField(null=True, blank=True)
    official_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    is_open = models.BooleanField(default=True)
    # Facts the eligibility rules read that the person record does not hold.
    special_areas = models.JSONField(default=list, blank=True)  # SpecialArea values
    is_fisherman = models.BooleanField(default=False)
    is_village_elder = models.BooleanField(default=False)
    consents = models.JSONField(default=list, blank=True)  # Consent values
    attributes = models.JSONField(default=dict, blank=True)  # for local criteria
    membership = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)  # optimistic concurrency check
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            models.Index(fields=["cell", "stage"], name="candidacy_cell_stage"),
            models.Index(fields=["stage", "is_open"], name="candidacy_stage_open"),
            # The board's columns: each stage's longest-waiting open candidacies, read in order.
            models.Index(
                fields=["stage", "stage_since", "id"],
                condition=models.Q(is_open=True),
                name="candidacy_board",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(is_open=True),
                name="uniq_open_candidacy",
            ),
            models.CheckConstraint(
                condition=models.Q(failed_cell_votes__lte=20), name="candidacy_failed_votes_bound"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {Stage(self.stage).label}"

    @property
    def stage_enum(self) -> Stage:
        return Stage(self.stage)


class StageTransition(models.Model):
    """One recorded move of a candidacy: who, when, from which stage to which, under which rules."""

    # Indexed first in transition_candidacy below.
    candidacy = models.ForeignKey(
        Candidacy, on_delete=models.CASCADE, related_name="transitions", db_index=False
    )
    action = models.CharField(max_length=60, choices=ACTION_CHOICES)
    from_stage = models.CharField(max_length=40, choices=STAGE_CHOICES, blank=True)
    to_stage = models.CharField(max_length=40, choices=STAGE_CHOICES)
    on = models.DateField()  # the date of the step itself (meeting, decision...)
    # Derived, for the pipeline report's stays: the `on` of the candidacy's previous change
    # of stage (by date, then record order), the day the stage this step leaves began.
    # None for the first step and for moves to another cell (no change of stage). Kept by
    # pipeline.transition_log, since a step may be recorded with an earlier date.
    entered_on = models.DateField(null=True, blank=True)
    rule_set_code = models.CharField(max_length=40)
    note = models.TextField(blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    username = models.CharField(max_length=150, blank=True)
    channel = models.CharField(max_length=10, default="web")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "id"]
        indexes = [
            models.Index(fields=["candidacy", "on"], name="transition_candidacy"),
            # The stays that ended in a period, read from the index alone on PostgreSQL.
            models.Index(
                fields=["on"],
                include=["candidacy", "from_stage", "to_stage", "entered_on"],
                name="transition_on",
            ),
        ]


class Deadline(models.Model):
    """Derived: a pending piece of work of an open candidacy and its last allowed day.

    Rebuilt by the services after every step and by `deadlines_refresh` when the
    calendar changes; never edited by hand. `cell` repeats the candidacy's cell so
    that work lists roll up the tree with one join; `stage` repeats its stage, so that
    the pipeline report lists a country's overdue steps without reading the candidacies.
    """

    candidacy = models.ForeignKey(Candidacy, on_delete=models.CASCADE, related_name="deadlines")
    # Indexed first in deadline_cell below.
    cell = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    kind = models.CharField(max_length=40, choices=WORK_CHOICES)
    due_on = models.DateField()
    note = models.CharField(max_length=255, blank=True)
    stage = models.CharField(max_length=40, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["due_on", "kind"], name="deadline_due"),
            models.Index(fields=["cell", "due_on"], name="deadline_cell"),
        ]


class LocalCriterionRecord(models.Model):
    """An extra admission criterion a committee set for its subtree (see domain.local_criteria)."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    code = models.CharField(max_length=40)
    data = models.JSONField()  # the criterion as LocalCriterion.from_data reads it
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["org", "code"], name="uniq_local_criterion"),
        ]
