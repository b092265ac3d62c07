"""Work that runs beside the soak's page load: imports and report exports, as operators do.

Each loop runs the real command (`dangvien import`, `dangvien report`) in a
process of its own against the same database, so its writes compete with the
web server's for real: new people and moves between cells (tallies, status
periods), new admissions (the report cube), exports of the reports.
"""

from __future__ import annotations

import csv
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

NEW_PER_ROUND = 15
MOVES_PER_ROUND = 5
_STATUSES = ("Quần chúng ưu tú", "Dự bị")
_GIVEN = ("Hoa", "Lan", "Mai", "Hương", "Thảo", "Ngọc", "Hà", "Linh", "Trang", "Yến", "Nhung")


@dataclass
class LoopResult:
    """How often a background loop ran, and its failures with their messages."""

    runs: int = 0
    failures: int = 0
    messages: list[str] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "runs": self.runs,
            "failures": self.failures,
            "messages": self.messages[:10],
            "max_seconds": round(max(self.seconds), 1) if self.seconds else None,
        }


def _command(*args: str, env: dict[str, str], timeout: float = 600) -> tuple[bool, str, float]:
    from time import perf_counter

    script = Path(sys.executable).parent / "dangvien"
    started = perf_counter()
    done = subprocess.run(
        [str(script), *args], env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    return done.returncode == 0, (done.stderr or done.stdout)[-300:], perf_counter() - started


def _header(key: str) -> str:
    from dangvien.imports.domain.sheets import SHEETS

    spec = next(s for s in SHEETS if s.name == "NhanSu")
    return spec.column(key).header


class ImportLoop:
    """Import a folder of CSV files again and again: new people, and moves of existing ones.

    A person's status periods are days long, so a move needs a person whose last
    change is older than today: the moves take generated candidates, each once.
    """

    def __init__(
        self, *, cells: list[str], movers: list[list[str]], folder: Path, env: dict[str, str]
    ) -> None:
        self.cells, self.movers, self.folder, self.env = cells, movers, folder, env
        self.result = LoopResult()
        # Citizen IDs of this run only: a status may change once a day, so people made
        # by an earlier run today must not be imported again with another status.
        self.run = int(time.time()) % 1000

    def _rows(self, round_no: int) -> list[list[str]]:
        today = date.today()
        rows = []
        for i in range(NEW_PER_ROUND):
            serial = round_no * 100 + i
            # Prefix 0019 (Hà Nội, then a digit the generator never writes there).
            citizen_id = f"0019{self.run:03d}{round_no % 1000:03d}{i:02d}"
            status = _STATUSES[i % 2]
            decided = (today - timedelta(days=30 + i)).strftime("%d/%m/%Y") if i % 2 else ""
            # Names take letters only: the serial picks the given name.
            name = f"Ngô Thị {_GIVEN[serial % len(_GIVEN)]}"
            cell = self.cells[i % len(self.cells)]
            rows.append([citizen_id, name, "17/05/1998", "Nữ", "Kinh", cell, status, decided])
        first = (round_no - 1) * MOVES_PER_ROUND
        for k, mover in enumerate(self.movers[first : first + MOVES_PER_ROUND]):
            choices = [c for c in self.cells if c != mover[5]]
            rows.append([*mover[:5], choices[(round_no + k) % len(choices)], *mover[6:]])
        return rows

    def once(self, round_no: int) -> None:
        """Write this round's CSV folder and import it."""
        target = self.folder / f"vong-{round_no}"
        target.mkdir(parents=True, exist_ok=True)
        keys = ("citizen_id", "full_name", "birth_date", "gender", "ethnicity", "cell_code")
        header = [_header(k) for k in (*keys, "status", "admission_date")]
        with (target / "NhanSu.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows(self._rows(round_no))
        ok, message, seconds = _command("import", str(target), env=self.env)
        self.result.runs += 1
        self.result.seconds.append(seconds)
        if not ok:
            self.result.failures += 1
            self.result.messages.append(message)


def movers(count: int) -> list[list[str]]:
    """Return import rows of generated candidates, as the NhanSu sheet writes them."""
    from dangvien.people.domain.enums import Gender, Status
    from dangvien.people.domain.vocabularies import ETHNIC_GROUPS
    from dangvien.people.models import Person

    rows = []
    people = (
        Person.objects.filter(current_status=Status.CANDIDATE.value)
        .exclude(citizen_id="")
        .exclude(periods__valid_from__gte=date.today())  # moved today already
        .select_related("current_org")
        .order_by("id")[:count]
    )
    for person in people:
        term = ETHNIC_GROUPS.find_code(person.ethnicity)
        rows.append(
            [
                person.citizen_id,
                person.full_name,
                person.birth_date.strftime("%d/%m/%Y"),
                Gender(person.gender).label,
                term.display("vi") if term else person.ethnicity,
                person.current_org.code,
                "Quần chúng ưu tú",
                "",
            ]
        )
    return rows


class ExportLoop:
    """Export reports as Excel and Word files again and again."""

    def __init__(self, *, org: str, folder: Path, env: dict[str, str]) -> None:
        self.org, self.folder, self.env = org, folder, env
        self.result = LoopResult()
        folder.mkdir(parents=True, exist_ok=True)

    def once(self, round_no: int) -> None:
        """Export one report in the format of this round."""
        kind = ("admissions", "members", "coverage", "pipeline")[round_no % 4]
        fmt = ("xlsx", "docx")[round_no % 2]
        year = date.today().year
        out = self.folder / f"{kind}-{round_no}.{fmt}"
        args = ["report", kind, "--org", self.org, "--from", f"{year}-01-01"]
        args += ["--to", date.today().isoformat(), "--format", fmt, "--out", str(out)]
        ok, message, seconds = _command(*args, env=self.env)
        self.result.runs += 1
        self.result.seconds.append(seconds)
        if not ok:
            self.result.failures += 1
            self.result.messages.append(message)
        out.unlink(missing_ok=True)


class Background:
    """Run the loops in threads, pausing between rounds, until stopped."""

    def __init__(self, loops: dict[str, ImportLoop | ExportLoop], pause: float) -> None:
        self.loops, self.pause = loops, pause
        self.stop_event = threading.Event()
        self.threads = [
            threading.Thread(target=self._run, args=(loop,), daemon=True) for loop in loops.values()
        ]

    def _run(self, loop: ImportLoop | ExportLoop) -> None:
        round_no = 0
        while not self.stop_event.is_set():
            round_no += 1
            try:
                loop.once(round_no)
            except Exception as error:  # a loop must not die silently mid-soak
                loop.result.failures += 1
                loop.result.messages.append(repr(error)[:300])
            self.stop_event.wait(self.pause)

    def __enter__(self) -> Background:
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop_event.set()
        for thread in self.threads:
            thread.join(timeout=900)

    def summary(self) -> dict[str, object]:
        return {name: loop.result.as_dict() for name, loop in self.loops.items()}
