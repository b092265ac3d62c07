"""`dangvien report`: JSON on stdout, files with --out, Vietnamese refusals with exit code 1."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from dangvien.audit.models import AccessLog
from dangvien.cli import main
from dangvien.conftest import World
from dangvien.plans.models import QuotaCategory
from dangvien.plans.reference import categories_sync
from dangvien.reports.tests.factories import admit

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def quota_categories(transactional_db: None) -> None:
    """Seed the quota categories again: a transactional test before this one flushed them."""
    categories_sync(QuotaCategory)


ARGS = ["--org", "XA-A", "--from", "2023-01-01", "--to", "2023-12-31"]


@pytest.fixture
def admitted(world: World) -> World:
    admit(world.operator, "CB-A1", date(2023, 3, 1))
    return world


def test_json_goes_to_standard_output(admitted: World, capsys: pytest.CaptureFixture[str]):
    code = main(["report", "admissions", *ARGS])

    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["report"], data["org"]["code"], data["admitted"]) == ("admissions", "XA-A", 1)


def test_text_is_the_vietnamese_paragraph(admitted: World, capsys: pytest.CaptureFixture[str]):
    assert main(["report", "admissions", *ARGS, "--format", "text"]) == 0

    assert "đã kết nạp được 1 đảng viên mới" in capsys.readouterr().out


def test_a_file_is_written_and_the_export_logged(admitted: World, tmp_path: Path):
    out = tmp_path / "bao-cao.xlsx"

    assert main(["report", "members", *ARGS, "--format", "xlsx", "--out", str(out)]) == 0

    assert out.read_bytes()[:2] == b"PK"
    assert AccessLog.objects.filter(action="export", channel="cli").count() == 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["report", "budget", *ARGS], "Không có loại báo cáo “budget”"),
        (
            ["report", "admissions", "--org", "NOPE", "--from", "2023-01-01", "--to", "2023-12-31"],
            "Không tìm thấy đơn vị có mã “NOPE”",
        ),
        (
            ["report", "admissions", "--org", "XA-A", "--from", "01/01/2023", "--to", "2023-12-31"],
            "Ngày --from không hợp lệ",
        ),
        (["report", "admissions", "--org", "XA-A", "--from", "2023-01-01"], "Thiếu --to"),
        (["report", "admissions", *ARGS, "--format", "pdf"], "Định dạng “pdf” không hợp lệ"),
    ],
)
def test_bad_input_exits_1_with_a_vietnamese_message(
    admitted: World, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
):
    code = main(argv)

    captured = capsys.readouterr()
    assert code == 1
    assert message in captured.err
    assert "Traceback" not in captured.err + captured.out


def test_rebuild_recounts_the_cube(admitted: World, capsys: pytest.CaptureFixture[str]):
    assert main(["report-rebuild"]) == 0

    assert "Đã tính lại số liệu kết nạp" in capsys.readouterr().out
