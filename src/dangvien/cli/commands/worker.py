"""`dangvien worker`: run background tasks (imports, exports, reports) from the queue."""

from __future__ import annotations

import argparse

from dangvien.cli.base import EXIT_OK, migrate, say, tr


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "worker",
        help="chạy các việc nền (nhập dữ liệu, xuất tệp, báo cáo) từ hàng đợi",
        description=(
            "Lấy việc từ hàng đợi và chạy cho đến khi dừng (Ctrl+C). Hàng đợi nằm trong "
            "cơ sở dữ liệu, hoặc trong Redis khi đặt REDIS_URL."
        ),
    )
    parser.add_argument(
        "--queue",
        action="append",
        dest="queues",
        metavar="TÊN",
        help="chỉ lấy việc từ hàng đợi này (lặp lại được; mặc định: tất cả)",
    )
    parser.add_argument("--batch", action="store_true", help="chạy hết các việc đang chờ rồi dừng")
    parser.add_argument("--max-tasks", type=int, default=None, help="dừng sau N việc")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from dangvien.core.domain.errors import DomainError
    from dangvien.core.tasks import queue_kind, queue_names, worker_run

    unknown = sorted(set(args.queues or []) - set(queue_names()))
    if unknown:
        raise DomainError(
            tr("Không có hàng đợi %(names)s (có: %(known)s).")
            % {"names": ", ".join(unknown), "known": ", ".join(queue_names())}
        )
    if args.max_tasks is not None and args.max_tasks < 1:
        raise DomainError(tr("--max-tasks phải là số nguyên dương."))
    if queue_kind() == "immediate":
        raise DomainError(
            tr("DANGVIEN_TASKS=immediate: các việc chạy ngay khi được tạo, không cần worker.")
        )
    migrate()
    chosen = args.queues or queue_names()
    say(
        tr("Đang chạy việc nền từ %(kind)s, hàng đợi: %(queues)s.")
        % {
            "kind": tr("Redis") if queue_kind() == "redis" else tr("cơ sở dữ liệu"),
            "queues": ", ".join(chosen),
        }
    )
    worker_run(queues=chosen, batch=args.batch, max_tasks=args.max_tasks)
    say(tr("Đã dừng."))
    return EXIT_OK
