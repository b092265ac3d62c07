"""Persistence of the development pipeline: candidacies, their records and due dates."""

from dangvien.pipeline.models.candidacy import (
    Candidacy,
    Deadline,
    LocalCriterionRecord,
    StageTransition,
)
from dangvien.pipeline.models.dossier import (
    DossierDocument,
    Introducer,
    Relative,
    VerificationRequest,
)
from dangvien.pipeline.models.meetings import (
    Ceremony,
    Decision,
    DecisionExtension,
    Evaluation,
    HelperAssignment,
    Vote,
)
from dangvien.pipeline.models.snapshot import (
    HistorySnapshot,
    HistorySnapshotDirty,
    HistorySnapshotEdition,
    StageSnapshot,
    StageSnapshotDay,
    StageSnapshotDirty,
    StaySnapshot,
    StaySnapshotDirty,
    StaySnapshotEdition,
)

__all__ = [
    "Candidacy",
    "Ceremony",
    "Deadline",
    "Decision",
    "DecisionExtension",
    "DossierDocument",
    "Evaluation",
    "HelperAssignment",
    "HistorySnapshot",
    "HistorySnapshotDirty",
    "HistorySnapshotEdition",
    "Introducer",
    "LocalCriterionRecord",
    "Relative",
    "StageSnapshot",
    "StageSnapshotDay",
    "StageSnapshotDirty",
    "StageTransition",
    "StaySnapshot",
    "StaySnapshotDirty",
    "StaySnapshotEdition",
    "VerificationRequest",
    "Vote",
]
