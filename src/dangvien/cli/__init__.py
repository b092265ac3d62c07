"""The `dangvien` command: one subcommand per module in dangvien.cli.commands."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

from dangvien.cli import base
from dangvien.cli import commands as commands_package


def build_parser() -> argparse.ArgumentParser:
    """Return the parser with every command module's subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="dangvien",
        description="Quản lý công tác phát triển đảng viên / Developing new Party members.",
    )
    parser.add_argument("--lang", choices=["vi", "en"], help="ngôn ngữ thông báo (mặc định: vi)")
    subparsers = parser.add_subparsers(dest="command", metavar="LỆNH")
    for module_info in sorted(
        pkgutil.iter_modules(commands_package.__path__), key=lambda m: m.name
    ):
        module = importlib.import_module(f"{commands_package.__name__}.{module_info.name}")
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand; return its exit code (0 success, 1 refused input, 2 failure)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 1
    return base.run(args)


if __name__ == "__main__":
    sys.exit(main())
