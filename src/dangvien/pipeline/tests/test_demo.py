"""The demo: candidacies at every stage from the synthetic commune, some overdue, fast."""

from __future__ import annotations

import time
from datetime import date

import pytest

from dangvien.pipeline.demo import demo_counts, pipeline_demo_seed
from dangvien.pipeline.domain.stages import Stage
from dangvien.pipeline.models import Candidacy, Deadline, StageTransition

synth = pytest.importorskip("dangvien.synth.writer")


@pytest.fixture
def commune(db: None, frozen: date) -> None:
    synth.synth_load("commune", 7, as_of=frozen, accounts=False)


def test_the_demo_fills_every_stage_of_the_board_with_some_work_overdue(
    commune: None, frozen: date
):
    started = time.perf_counter()
    pipeline_demo_seed(seed=7)
    elapsed = time.perf_counter() - started
    counts = demo_counts()
    for stage in (
        Stage.SOURCE,
        Stage.CANDIDATE,
        Stage.AWARENESS_DONE,
        Stage.DOSSIER,
        Stage.CELL_RESOLVED,
        Stage.GRASSROOTS_RESOLVED,
        Stage.PROBATION,
        Stage.OFFICIAL,
    ):
        assert counts.get(stage.value, 0) > 0, stage
    assert Deadline.objects.filter(due_on__lt=frozen).exclude(kind="het_du_bi").exists()
    assert elapsed < 10


def test_the_demo_moves_only_along_the_transition_table_and_in_date_order(commune: None):
    pipeline_demo_seed(seed=7)
    previous: dict[int, tuple[str, date]] = {}
    for row in StageTransition.objects.order_by("candidacy_id", "on", "id"):
        before = previous.get(row.candidacy_id)
        if before is not None:
            assert row.from_stage == before[0]
            assert row.on >= before[1]
        previous[row.candidacy_id] = (row.to_stage, row.on)
    for candidacy in Candidacy.objects.all():
        assert previous[candidacy.pk][0] == candidacy.stage


def test_running_the_demo_again_adds_nothing(commune: None):
    pipeline_demo_seed(seed=7)
    first = Candidacy.objects.count()
    pipeline_demo_seed(seed=7)
    assert Candidacy.objects.count() == first
