"""Member search benchmark: `uv run python -m bench.bench_search [--load PRESET] [--repeat N]`.

Times the member list's search (`people.selectors.person_list` with `q`) as the
page runs it, beside the same query made unindexable (the search column wrapped
in a no-op expression, so neither the pg_trgm GIN index nor the FTS5 table can
serve it): the scan every search would be without migration 0003. Probes: a
very common name ("nguyen van a"), part of a given name, one person's full
name and a citizen ID (plus any `--text`), searched by the national
administrator, a province office and a commune office. On PostgreSQL a search
over more than a commune walks the distinct names (migration 0005,
people.search); the label of each row says which way ran. Prints median and
p95 in milliseconds and writes bench/results/search-<database>-<timestamp>.json.

Data: the configured database as it is (DATABASE_URL, or DANGVIEN_DATA_DIR for
SQLite); `--load province` first fills an empty one (or any one with --reset).
Without either variable a temporary SQLite folder gets the province preset.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

GOAL_P95_S = 0.100  # issue 7: search p95 under 100 ms at national scale on PostgreSQL
PAGE = 50


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_search")
    parser.add_argument("--load", choices=["commune", "province", "national"], default=None)
    parser.add_argument("--scale", type=float, default=1.0, help="hệ số quy mô khi --load")
    parser.add_argument("--reset", action="store_true", help="xóa dữ liệu có sẵn trước khi nạp")
    parser.add_argument("--repeat", type=int, default=20, help="số lần đo mỗi phép (mặc định 20)")
    parser.add_argument("--budget", type=float, default=60.0, help="giây tối đa cho mỗi phép đo")
    parser.add_argument(
        "--text",
        action="append",
        default=[],
        help="thêm một chuỗi tìm (lặp lại được), ví dụ --text dun",
    )
    return parser.parse_args(argv)


@dataclass(frozen=True)
class Probe:
    """One search: what is typed, by whom (scope label), and the scope itself."""

    label: str
    text: str
    scope_label: str
    scope: Any


def _probes(scopes: dict[str, Any], extra: list[str]) -> list[Probe]:
    """Return the searches, built from the loaded data so that each one finds someone."""
    from dangvien.people.models import Person

    middle = Person.objects.count() // 2
    someone = Person.objects.order_by("id").exclude(citizen_id="")[middle : middle + 1].get()
    given = someone.name_key.split()[-1]
    partial_given = given[: max(3, len(given) - 1)]
    probes = []
    for scope_label, scope in scopes.items():
        probes += [
            Probe("họ tên rất phổ biến", "nguyen van a", scope_label, scope),
            Probe(f"một phần tên ({partial_given!r})", partial_given, scope_label, scope),
            Probe("họ tên đầy đủ của một người", someone.full_name, scope_label, scope),
            Probe("số CCCD", someone.citizen_id, scope_label, scope),
        ]
        probes += [Probe(f"chuỗi {text!r}", text, scope_label, scope) for text in extra]
    return probes


def _scopes() -> dict[str, Any]:
    """Return the national administrator's scope, one province's and one commune's."""
    from dangvien.accounts.domain.roles import Role
    from dangvien.accounts.scope import Scope, global_scope
    from dangvien.orgs.domain.enums import OrgType
    from dangvien.orgs.paths import spans_on

    everyone = global_scope()
    scopes = {"toàn bộ": everyone}
    levels = [
        ("một tỉnh", OrgType.PROVINCE, Role.PROVINCE_BOARD),
        ("một xã", OrgType.COMMUNE, Role.COMMUNE_COMMITTEE),
    ]
    for label, org_type, role in levels:
        path = (
            spans_on(everyone.day)
            .filter(org__org_type=org_type)
            .order_by("org__code")
            .values_list("path", flat=True)
            .first()
        )
        if path:
            scopes[label] = Scope((path,), (path,), frozenset({role}), everyone.day)
    return scopes


def _ours(probe: Probe) -> list[int]:
    from dangvien.people.selectors import PersonFilter, person_list

    page = person_list(scope=probe.scope, filters=PersonFilter(q=probe.text), limit=PAGE)
    return [person.pk for person in page.items]


def _unindexed(probe: Probe) -> list[int]:
    """Run the same search with the column wrapped so that no index can serve it."""
    from django.db.models import CharField, Value
    from django.db.models.functions import Concat

    from dangvien.core.domain.text import search_key
    from dangvien.people.domain.identity import looks_like_citizen_id
    from dangvien.people.selectors import people_in_scope
    from dangvien.people.services import digest_of

    people = people_in_scope(probe.scope)
    query = probe.text.strip()
    if looks_like_citizen_id(query):
        wrapped = Concat("citizen_id_digest", Value(""), output_field=CharField())
        people = people.annotate(bare=wrapped).filter(bare=digest_of(query))
    else:
        wrapped = Concat("name_key", Value(""), output_field=CharField())
        people = people.annotate(bare=wrapped).filter(bare__contains=search_key(query))
    rows = people.select_related("current_org").order_by("sort_key", "pk")[: PAGE + 1]
    return [person.pk for person in list(rows)[:PAGE]]


def _index_label(scope: Any) -> str:
    from django.db import connection

    from dangvien.people.search import walks_names

    if walks_names(scope, ""):
        return "qua tên riêng biệt"
    return "GIN pg_trgm" if connection.vendor == "postgresql" else "FTS5 trigram"


def _compare(probe: Probe, repeat: int, budget: float) -> Any:
    from bench.cases import Comparison
    from bench.timing import measure

    is_id = probe.label == "số CCCD"
    ours_label = "mã băm có chỉ mục" if is_id else _index_label(probe.scope)
    action: Callable[[], object] = partial(_ours, probe)
    baseline: Callable[[], object] = partial(_unindexed, probe)
    return Comparison(
        f"{probe.label} — {probe.scope_label}",
        ours_label,
        "quét không chỉ mục",
        measure(action, repeat=repeat, budget=budget),
        measure(baseline, repeat=repeat, budget=budget),
    )


def _load(options: argparse.Namespace) -> dict[str, object]:
    from bench.run import _progress
    from dangvien.synth.writer import synth_load

    result = synth_load(
        options.load,
        1,
        scale=options.scale,
        reset=options.reset,
        progress=_progress,
        accounts=False,
    )
    return {"preset": options.load, "scale": options.scale, "seconds": round(result.seconds, 1)}


def run(options: argparse.Namespace) -> int:
    """Load if asked, time every probe both ways, print the table, write the JSON."""
    from django.core.management import call_command
    from django.db import connection

    from bench.cases import dataset_counts
    from bench.output import write_results
    from bench.report import print_table
    from dangvien.people.models import Person

    call_command("migrate", verbosity=0)
    build = _load(options) if options.load else {"reused": True}
    if not Person.objects.exists():
        print("Cơ sở dữ liệu trống: thêm --load province (hoặc national).", file=sys.stderr)
        return 1
    probes = _probes(_scopes(), options.text)
    comparisons = [_compare(p, options.repeat, options.budget) for p in probes]
    counts = dataset_counts()
    print_table(comparisons, title=f"Tìm người — {connection.vendor}, {counts}")
    slowest = max((c.ours.p95 or 0.0) for c in comparisons)
    verdict = "đạt" if slowest < GOAL_P95_S else "KHÔNG đạt"
    print(
        f"p95 chậm nhất của cách có chỉ mục: {slowest * 1000:.1f} ms — mục tiêu < 100 ms: {verdict}"
    )
    write_results(
        "search",
        {
            "build": build,
            "dataset": counts,
            "goal_p95_s": GOAL_P95_S,
            "results": [c.as_dict() for c in comparisons],
        },
    )
    return 0 if all(c.agree is not False for c in comparisons) else 2


def main(argv: list[str] | None = None) -> int:
    """Set Django up on the configured (or a temporary) database and run the benchmark."""
    options = _arguments(sys.argv[1:] if argv is None else argv)
    temporary = None
    if not os.environ.get("DATABASE_URL") and not os.environ.get("DANGVIEN_DATA_DIR"):
        temporary = tempfile.mkdtemp(prefix="dangvien-search-")
        os.environ["DANGVIEN_DATA_DIR"] = temporary
        options.load = options.load or "province"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvien.config.settings")
    import django

    django.setup()
    try:
        return run(options)
    finally:
        if temporary:
            shutil.rmtree(temporary, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
