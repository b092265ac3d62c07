"""`dangvien backup` / `restore`: a round trip restores every row; bad files are refused."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

import pytest
from django.test import override_settings

from dangvien.audit.integrity import audit_verify
from dangvien.cli import main
from dangvien.conftest import World, make_person
from dangvien.people.domain.enums import Status
from dangvien.people.models import Person

pytestmark = pytest.mark.django_db(transaction=True)


def _rewrite_manifest(source: Path, target: Path, change: dict[str, object]) -> None:
    with tarfile.open(source, "r:gz") as old, tarfile.open(target, "w:gz") as new:
        for member in old.getmembers():
            data = old.extractfile(member).read()  # type: ignore[union-attr]
            if member.name == "manifest.json":
                manifest = json.loads(data) | change
                data = json.dumps(manifest).encode()
                member.size = len(data)
            new.addfile(member, io.BytesIO(data))


def test_a_backup_round_trips_the_database(world: World, tmp_path: Path, settings, capsys):
    settings.MEDIA_ROOT = tmp_path / "files"
    (tmp_path / "files" / "ho-so").mkdir(parents=True)
    (tmp_path / "files" / "ho-so" / "scan.pdf").write_bytes(b"%PDF-1.4 scan")
    archive = tmp_path / "dangvien.dvbak"
    # given a backup of the world
    assert main(["backup", str(archive)]) == 0
    people = Person.objects.count()
    # when the data changes after it and the backup is restored
    make_person(world.operator, "001099000009", "Lê Văn Mới", "CB-A1", Status.CANDIDATE)
    Person.objects.filter(pk=world.person_a.pk).update(full_name="Tên Đã Sửa")
    (tmp_path / "files" / "ho-so" / "scan.pdf").unlink()
    assert main(["restore", str(archive), "--no-safety-backup"]) == 0
    # then the data is as it was, files included, and the access log still verifies
    assert Person.objects.count() == people
    restored = Person.objects.get(pk=world.person_a.pk)
    assert restored.full_name == "Nguyễn Văn An"
    assert restored.citizen_id == "001090000001"
    assert (tmp_path / "files" / "ho-so" / "scan.pdf").read_bytes() == b"%PDF-1.4 scan"
    assert audit_verify().ok
    assert "Đã khôi phục và kiểm tra" in capsys.readouterr().out


def test_a_damaged_backup_is_refused_and_changes_nothing(world: World, tmp_path: Path, capsys):
    archive = tmp_path / "dangvien.dvbak"
    assert main(["backup", str(archive)]) == 0
    raw = bytearray(archive.read_bytes())
    raw[len(raw) // 2] ^= 0xFF
    archive.write_bytes(bytes(raw))
    assert main(["restore", str(archive), "--no-safety-backup"]) == 1
    assert "hỏng" in capsys.readouterr().err
    assert Person.objects.count() == 3


def test_a_backup_of_another_database_kind_is_refused(world: World, tmp_path: Path, capsys):
    archive, foreign = tmp_path / "a.dvbak", tmp_path / "b.dvbak"
    assert main(["backup", str(archive)]) == 0
    _rewrite_manifest(archive, foreign, {"vendor": "oracle"})
    assert main(["restore", str(foreign), "--no-safety-backup"]) == 1
    assert "oracle" in capsys.readouterr().err


def test_a_backup_made_with_another_encryption_key_is_refused(world: World, tmp_path: Path, capsys):
    from cryptography.fernet import Fernet

    archive = tmp_path / "a.dvbak"
    assert main(["backup", str(archive)]) == 0
    with override_settings(DANGVIEN_FIELD_KEYS=[Fernet.generate_key().decode()]):
        assert main(["restore", str(archive), "--no-safety-backup"]) == 1
    assert "DANGVIEN_FIELD_KEY" in capsys.readouterr().err


def test_the_row_counts_in_the_manifest_are_checked_after_restoring(
    world: World, tmp_path: Path, capsys
):
    archive, wrong = tmp_path / "a.dvbak", tmp_path / "b.dvbak"
    assert main(["backup", str(archive)]) == 0
    with tarfile.open(archive, "r:gz") as source:
        manifest = json.loads(source.extractfile("manifest.json").read())  # type: ignore[union-attr]
    tables = manifest["tables"] | {"people_person": 999}
    _rewrite_manifest(archive, wrong, {"tables": tables})
    assert main(["restore", str(wrong), "--no-safety-backup"]) == 1
    assert "people_person" in capsys.readouterr().err


def test_a_restore_first_keeps_a_safety_copy(world: World, tmp_path: Path, settings):
    settings.DATA_DIR = tmp_path
    archive = tmp_path / "a.dvbak"
    assert main(["backup", str(archive)]) == 0
    assert main(["restore", str(archive)]) == 0
    assert list((tmp_path / "backups").glob("truoc-khoi-phuc-*.dvbak"))


def test_a_synthetic_commune_round_trips_with_every_citizen_id_encrypted(tmp_path: Path):
    from django.db import connection

    from dangvien.synth.writer import synth_load

    synth_load("commune", 7, scale=0.2, reset=True)
    archive = tmp_path / "xa.dvbak"
    assert main(["backup", str(archive)]) == 0
    people = Person.objects.count()
    assert people > 50
    Person.objects.filter(pk=Person.objects.order_by("pk").first().pk).update(full_name="Đã sửa")
    assert main(["restore", str(archive), "--no-safety-backup"]) == 0
    assert Person.objects.count() == people
    assert not Person.objects.filter(full_name="Đã sửa").exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM people_person WHERE citizen_id NOT LIKE 'enc1:%%'")
        assert cursor.fetchone()[0] == 0
    assert audit_verify().ok
