"""`dangvien check`: consistency of pre-aggregates, snapshots, search index and background work."""

from __future__ import annotations

import argparse
import json
from time import perf_counter

from dangvien.cli.base import EXIT_OK, EXIT_REFUSED, migrate, say, tr, warn


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "check",
        help="kiểm tra tính nhất quán của dữ liệu (số đếm sẵn, chỉ mục, việc nền)",
        description=(
            "So các bảng tổng hợp sẵn với đếm lại, trạng thái hiện tại với quá trình, "
            "tìm dữ liệu mồ côi; mã thoát 1 nếu có sai lệch."
        ),
    )
    parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from dangvien.core.consistency import consistency_check

    migrate()
    started = perf_counter()
    findings = consistency_check()
    if args.json:
        say(
            json.dumps(
                [
                    {
                        "name": f.name,
                        "ok": f.ok,
                        "problems": f.problems,
                        "checked": f.checked,
                        "description": f.description,
                    }
                    for f in findings
                ],
                ensure_ascii=False,
            )
        )
    else:
        for finding in findings:
            mark = "bỏ qua" if not finding.checked else ("đạt" if finding.ok else "SAI LỆCH")
            line = f"  [{mark}] {tr(finding.description)}"
            say(line if finding.ok else f"{line}: {finding.problems}")
        say(tr("Kiểm tra xong trong %(seconds).1f giây.") % {"seconds": perf_counter() - started})
    failed = [f.name for f in findings if not f.ok]
    if failed:
        warn(tr("Có sai lệch: %(names)s") % {"names": ", ".join(failed)})
        return EXIT_REFUSED
    return EXIT_OK
