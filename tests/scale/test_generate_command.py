"""`dangvien generate`: sizes, refusals, progress, and the same data from the same seed."""

from __future__ import annotations

import hashlib

import pytest

from dangvien.cli import main
from dangvien.people.models import Person

pytestmark = pytest.mark.django_db


def _fingerprint() -> str:
    """Return a digest of every person's name, birth date, cell and status, in id order."""
    rows = Person.objects.order_by("id").values_list(
        "full_name", "birth_date", "current_org__code", "current_status"
    )
    return hashlib.sha256(repr(list(rows)).encode()).hexdigest()


def test_it_refuses_an_unknown_preset(capsys):
    code = main(["generate", "--preset", "thanh-pho"])

    assert code == 1
    assert "Không có mẫu dữ liệu “thanh-pho”" in capsys.readouterr().err


def test_it_refuses_a_scale_above_one(capsys):
    code = main(["generate", "--preset", "commune", "--scale", "2"])

    assert code == 1
    assert "Hệ số quy mô phải lớn hơn 0 và không quá 1." in capsys.readouterr().err


def test_it_loads_a_commune_and_reports_progress(capsys):
    code = main(["generate", "--preset", "commune", "--seed", "3", "--no-extras"])

    assert code == 0
    out = capsys.readouterr()
    assert Person.objects.count() > 1000
    assert "Đã nạp" in out.out
    assert "Tạo tổ chức, địa bàn và đảng viên" in out.err  # progress lines without a terminal


def test_it_refuses_a_database_with_data_without_reset(capsys):
    main(["generate", "--preset", "commune", "--no-extras"])
    capsys.readouterr()

    code = main(["generate", "--preset", "commune", "--no-extras"])

    assert code == 1
    assert "--reset" in capsys.readouterr().err


def test_the_same_seed_gives_the_same_data():
    main(["generate", "--preset", "commune", "--seed", "11", "--no-extras"])
    first = _fingerprint()

    main(["generate", "--preset", "commune", "--seed", "11", "--no-extras", "--reset"])

    assert _fingerprint() == first


def test_another_seed_gives_other_data():
    main(["generate", "--preset", "commune", "--seed", "11", "--no-extras"])
    first = _fingerprint()

    main(["generate", "--preset", "commune", "--seed", "12", "--no-extras", "--reset"])

    assert _fingerprint() != first


def _planner_knows_rows_of(table: str) -> bool:
    """Return whether ANALYZE has recorded statistics for a table since it was filled."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
            (tuples,) = cursor.fetchone()
            return bool(tuples > 0)
        cursor.execute("SELECT COUNT(*) FROM sqlite_stat1 WHERE tbl = %s", [table])
        return bool(cursor.fetchone()[0])


def test_the_planner_statistics_cover_the_dossiers_the_extras_add(capsys):
    from dangvien.pipeline.models import Candidacy

    code = main(["generate", "--preset", "commune", "--seed", "4"])

    assert code == 0
    assert Candidacy.objects.exists()
    assert _planner_knows_rows_of(Candidacy._meta.db_table)
