"""`dangvien template [--out FILE]`: write the empty import workbook."""

from __future__ import annotations

import argparse
from pathlib import Path

from dangvien.cli.base import EXIT_OK, migrate, say, tr

DEFAULT_NAME = "mau-nhap-lieu.xlsx"


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "template", help="ghi tệp Excel mẫu để nhập dữ liệu (tiêu đề, hướng dẫn, danh mục)"
    )
    parser.add_argument(
        "--out", metavar="FILE", default=DEFAULT_NAME, help=f"tệp ghi ra (mặc định {DEFAULT_NAME})"
    )
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from dangvien.core.domain.errors import DomainError
    from dangvien.imports.template import write_template
    from dangvien.imports.vocabularies import vocabularies

    migrate()  # quota categories live in the database
    target = Path(args.out)
    if target.suffix.lower() != ".xlsx":
        raise DomainError(tr("Tệp mẫu phải có đuôi .xlsx."))
    try:
        write_template(str(target), vocabularies())
    except OSError as error:
        raise DomainError(
            tr("Không ghi được tệp %(file)s: %(why)s") % {"file": target, "why": error.strerror}
        ) from error
    say(tr("Đã ghi tệp mẫu nhập liệu: %(file)s") % {"file": target})
    return EXIT_OK
