"""`dangvien serve`: the production WSGI server (waitress), after migrating."""

from __future__ import annotations

import argparse

from dangvien.cli.base import EXIT_OK, migrate, say, tr


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("serve", help="chạy máy chủ web (production)")
    add_server_options(parser)
    parser.add_argument("--workers", type=int, default=8, help="số luồng xử lý (mặc định 8)")
    parser.set_defaults(handler=handle)


def add_server_options(parser: argparse.ArgumentParser) -> None:
    """Add --host and --port, shared with `demo`."""
    parser.add_argument(
        "--host", default="127.0.0.1", help="địa chỉ lắng nghe (mặc định 127.0.0.1)"
    )
    parser.add_argument("--port", type=int, default=8000, help="cổng (mặc định 8000)")


def serve(host: str, port: int, threads: int) -> None:
    """Serve the app until interrupted."""
    from waitress import serve as waitress_serve

    from dangvien.config.wsgi import application

    shown = f"[{host}]" if ":" in host else host
    say(
        tr("Đang phục vụ tại http://%(host)s:%(port)s/ — nhấn Ctrl+C để dừng.")
        % {"host": shown, "port": port}
    )
    waitress_serve(
        application,
        host=host,
        port=port,
        threads=threads,
        ident="dangvien",
        clear_untrusted_proxy_headers=True,
    )


def handle(args: argparse.Namespace) -> int:
    if not 1 <= args.port <= 65535:
        from dangvien.core.domain.errors import DomainError

        raise DomainError(tr("Cổng phải nằm trong khoảng 1–65535."))
    if not 1 <= args.workers <= 256:
        from dangvien.core.domain.errors import DomainError

        raise DomainError(tr("Số luồng phải nằm trong khoảng 1–256."))
    migrate()
    serve(args.host, args.port, args.workers)
    return EXIT_OK
