"""A candidate walks every stage through the services; the person record follows."""

from __future__ import annotations

from datetime import date

from dangvien.people.domain.enums import Status
from dangvien.people.models import Membership, Person
from dangvien.pipeline.domain.stages import Stage
from dangvien.pipeline.models import StageTransition
from dangvien.pipeline.tests.conftest import Pipe
from dangvien.pipeline.tests.walk import to_official


def test_a_candidate_becomes_official_as_of_the_end_of_probation(pipe: Pipe):
    candidacy = to_official(pipe)
    assert candidacy.stage == Stage.OFFICIAL
    assert not candidacy.is_open
    assert candidacy.probation_ends_on == date(2026, 8, 20)
    assert candidacy.official_on == date(2026, 8, 20)
    person = Person.objects.get(pk=pipe.candidate.pk)
    assert person.current_status == Status.OFFICIAL
    membership = Membership.objects.get(person=person)
    assert membership.decision_date == date(2025, 8, 1)
    assert membership.decision_number == "112-QĐ/ĐU"
    assert membership.ceremony_date == date(2025, 8, 20)
    assert membership.official_date == date(2026, 8, 20)
    stages = list(
        StageTransition.objects.filter(candidacy=candidacy).values_list("to_stage", flat=True)
    )
    assert stages == [
        Stage.SOURCE,
        Stage.CANDIDATE,
        Stage.AWARENESS_DONE,
        Stage.DOSSIER,
        Stage.CELL_RESOLVED,
        Stage.GRASSROOTS_RESOLVED,
        Stage.ADMITTED,
        Stage.PROBATION,
        Stage.RECOGNITION_CELL_RESOLVED,
        Stage.RECOGNITION_GRASSROOTS_RESOLVED,
        Stage.OFFICIAL,
    ]
    assert set(
        StageTransition.objects.filter(candidacy=candidacy).values_list("rule_set_code", flat=True)
    ) == {"232-QĐ/TW (01/2025)"}
