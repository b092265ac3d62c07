"""`dangvien serve`: the production WSGI server (waitress), after migrating."""

from __future__ import annotations

import argparse
import os

from dangvien.cli.base import EXIT_OK, migrate, say, tr


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("serve", help="chạy máy chủ web (production)")
    add_server_options(parser)
    parser.add_argument("--workers", type=int, default=8, help="số luồng xử lý (mặc định 8)")
    parser.add_argument(
        "--processes",
        type=int,
        default=1,
        help="số tiến trình dùng chung cổng, mỗi tiến trình --workers luồng (mặc định 1; "
        "đặt bằng số nhân của máy; chỉ trên Linux/Unix)",
    )
    parser.set_defaults(handler=handle)


def add_server_options(parser: argparse.ArgumentParser) -> None:
    """Add --host and --port, shared with `demo`."""
    parser.add_argument(
        "--host", default="127.0.0.1", help="địa chỉ lắng nghe (mặc định 127.0.0.1)"
    )
    parser.add_argument("--port", type=int, default=8000, help="cổng (mặc định 8000)")


def serve(host: str, port: int, threads: int, processes: int = 1) -> int:
    """Serve the app until interrupted, in `processes` processes sharing the port."""
    from waitress import serve as waitress_serve

    from dangvien.config.wsgi import application

    shown = f"[{host}]" if ":" in host else host
    say(
        tr("Đang phục vụ tại http://%(host)s:%(port)s/ — nhấn Ctrl+C để dừng.")
        % {"host": shown, "port": port}
    )
    options = {"threads": threads, "ident": "dangvien", "clear_untrusted_proxy_headers": True}
    if processes <= 1 or not hasattr(os, "fork"):
        waitress_serve(application, host=host, port=port, **options)
        return EXIT_OK
    from dangvien.cli.prefork import listening_socket, run_children

    sock = listening_socket(host, port)
    say(tr("%(n)s tiến trình, mỗi tiến trình %(t)s luồng.") % {"n": processes, "t": threads})
    return run_children(processes, lambda: waitress_serve(application, sockets=[sock], **options))


def handle(args: argparse.Namespace) -> int:
    if not 1 <= args.port <= 65535:
        from dangvien.core.domain.errors import DomainError

        raise DomainError(tr("Cổng phải nằm trong khoảng 1–65535."))
    if not 1 <= args.workers <= 256:
        from dangvien.core.domain.errors import DomainError

        raise DomainError(tr("Số luồng phải nằm trong khoảng 1–256."))
    if not 1 <= args.processes <= 64:
        from dangvien.core.domain.errors import DomainError

        raise DomainError(tr("Số tiến trình phải nằm trong khoảng 1–64."))
    migrate()
    return serve(args.host, args.port, args.workers, args.processes)
