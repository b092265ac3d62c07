"""The stage snapshot's rules: which stages it counts, which days are kept warm (no database)."""

from __future__ import annotations

from datetime import date

from dangvien.pipeline.domain.stages import FINAL_STAGES, Stage

# The stages of open candidacies, in pipeline order: the only ones the snapshot counts.
OPEN_STAGES = tuple(stage.value for stage in Stage if stage not in FINAL_STAGES)


def warm_days(today: date) -> list[date]:
    """Return the days most pipeline reports count stages on: today and the end of last year.

    Today is the end of every year-to-date report; 31 December of last year the end of
    last year's reports.
    """
    return sorted({date(today.year - 1, 12, 31), today})
