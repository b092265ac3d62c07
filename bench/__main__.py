"""Tree benchmark: `uv run python -m bench [--size small|large] [--repeat N]`.

Builds a synthetic tree on the configured database (DATABASE_URL for
PostgreSQL; otherwise SQLite in a temporary folder), then times each question
our way and the naive way in the same run, prints a table and writes
bench/results/<name>-<timestamp>.json.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

SIZES = {"small": 0.05, "large": 1.0}  # scale of the national preset
REPEATS = {"small": 7, "large": 5}
BUDGETS = {"small": 15.0, "large": 60.0}  # seconds per measured function


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Đo hiệu năng cây tổ chức: tạo cây mẫu rồi so cách của hệ thống với "
        "cách đơn giản trong cùng một lần chạy.",
    )
    parser.add_argument(
        "--size",
        choices=sorted(SIZES),
        default=None,
        help="small (~17.000 đơn vị, ~300.000 người; mặc định trên SQLite) hoặc "
        "large (~340.000 đơn vị, ~6 triệu người; mặc định trên PostgreSQL)",
    )
    parser.add_argument("--scale", type=float, default=None, help="ghi đè hệ số quy mô")
    parser.add_argument("--repeat", type=int, default=None, help="số lần đo mỗi phép")
    parser.add_argument("--budget", type=float, default=None, help="giây tối đa cho mỗi phép đo")
    parser.add_argument("--reuse", action="store_true", help="đo trên dữ liệu đã có, không tạo lại")
    parser.add_argument(
        "--reset", action="store_true", help="xóa dữ liệu đã có trong cơ sở dữ liệu rồi tạo lại"
    )
    parser.add_argument("--name", default="tree", help="tiền tố tên tệp kết quả")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; return the process exit code."""
    options = _arguments(sys.argv[1:] if argv is None else argv)
    temporary = None
    if not os.environ.get("DATABASE_URL"):
        temporary = tempfile.mkdtemp(prefix="dangvien-bench-")
        os.environ["DANGVIEN_DATA_DIR"] = temporary
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvien.config.settings")
    import django

    django.setup()
    from bench.run import run

    try:
        return run(options, SIZES, REPEATS, BUDGETS, Path(__file__).parent / "results")
    finally:
        if temporary:
            shutil.rmtree(temporary, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
