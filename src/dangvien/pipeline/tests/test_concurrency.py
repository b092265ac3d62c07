"""Two people recording the same step at the same moment: only one lands (PostgreSQL)."""

from __future__ import annotations

import threading
import time
from datetime import date

import pytest
from django.db import connection, connections

from dangvien.core.domain.errors import DomainError
from dangvien.pipeline import services
from dangvien.pipeline.models import Candidacy, Decision, Vote
from dangvien.pipeline.services import decisions as decision_services
from dangvien.pipeline.services import votes as vote_services
from dangvien.pipeline.tests.conftest import Pipe
from dangvien.pipeline.tests.walk import cell_vote, committee_vote, complete_dossier

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def _postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL (SQLite serialises every writer anyway)")


def _race(*calls: object) -> list[str]:
    """Run the calls in two threads (own connections) at once; return "ok" or the error code."""
    barrier = threading.Barrier(len(calls))
    results: list[str] = []

    def run(call: object) -> None:
        barrier.wait()
        try:
            call()  # type: ignore[operator]
            results.append("ok")
        except DomainError as exc:
            results.append(exc.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return sorted(results)


def _slowly(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> None:
    """Make a step pause after taking its lock, so the other caller surely arrives meanwhile."""
    original = getattr(module, name)

    def slow(*args: object, **kwargs: object) -> object:
        time.sleep(0.5)
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, slow)


def test_two_simultaneous_cell_votes_record_one(pipe: Pipe, monkeypatch: pytest.MonkeyPatch):
    candidacy = complete_dossier(pipe)
    _slowly(monkeypatch, vote_services, "official_members_on")

    def vote() -> None:
        services.cell_vote_record(actor=pipe.commune, candidacy_id=candidacy.pk, data=cell_vote())

    assert _race(vote, vote) == ["illegal_transition", "ok"]
    assert Vote.objects.filter(candidacy=candidacy).count() == 1
    assert Candidacy.objects.get(pk=candidacy.pk).stage == "chi_bo_de_nghi"


def test_two_simultaneous_decisions_record_one(pipe: Pipe, monkeypatch: pytest.MonkeyPatch):
    candidacy = complete_dossier(pipe)
    services.cell_vote_record(actor=pipe.commune, candidacy_id=candidacy.pk, data=cell_vote())
    services.committee_vote_record(
        actor=pipe.commune, candidacy_id=candidacy.pk, data=committee_vote(date(2025, 7, 15), "21")
    )
    _slowly(monkeypatch, decision_services, "chain_of")

    def decide(number: str) -> object:
        data = services.DecisionInput(decided_on=date(2025, 8, 1), number=number)
        return lambda: services.decision_record(
            actor=pipe.commune, candidacy_id=candidacy.pk, data=data
        )

    assert _race(decide("112"), decide("113")) == ["illegal_transition", "ok"]
    assert Decision.objects.filter(candidacy=candidacy).count() == 1
