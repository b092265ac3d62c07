"""Pipeline fixtures: commune A's cell A1 with six official members and one candidate.

Time is frozen on Thursday 15/10/2026 so that every step of a walk started in
2025 (under rule set 232-QĐ/TW) can be recorded with its real dates.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from dangvien.accounts.actor import Actor
from dangvien.accounts.scope import scope_for
from dangvien.core.calendar_service import calendar_invalidate
from dangvien.people.domain.enums import Gender, Status
from dangvien.people.models import Person
from dangvien.testing import World, make_person

TODAY = date(2026, 10, 15)


@pytest.fixture
def frozen() -> Iterator[date]:
    """Freeze the clock at 09:00 on TODAY in Hanoi."""
    moment = datetime(2026, 10, 15, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    with time_machine.travel(moment, tick=False):
        calendar_invalidate()
        yield TODAY
    calendar_invalidate()


@dataclass
class Pipe:
    """The world, plus cell A1's members and a candidate, and actors for each level."""

    world: World
    members: list[Person]  # six official members of A1, Nguyễn Văn An first
    candidate: Person  # Lê Thị Mai, candidate in A1, youth union member, 12/12
    commune: Actor  # commune A's committee: may decide
    operator: Actor


def actor_for(user: object) -> Actor:
    return Actor(user, scope_for(user), "web", "127.0.0.1")  # type: ignore[arg-type]


@pytest.fixture
def pipe(frozen: date, world: World) -> Pipe:
    op = world.operator
    names = ["Trần Văn Bảo", "Phạm Thị Cúc", "Hoàng Văn Dũng", "Vũ Thị Én", "Bùi Văn Giang"]
    members = [world.person_a]
    for index, name in enumerate(names):
        members.append(make_person(op, f"00109000010{index}", name, "CB-A1", Status.OFFICIAL))
    candidate = make_person(
        op,
        "001300000099",
        "Lê Thị Mai",
        "CB-A1",
        Status.CANDIDATE,
        gender=Gender.FEMALE,
        birth_date=date(2000, 5, 10),
        general_education="12/12",
        youth_union=True,
    )
    return Pipe(
        world=world,
        members=members,
        candidate=candidate,
        commune=actor_for(world.commune_a_user),
        operator=op,
    )
