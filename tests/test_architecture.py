"""Layering rules that keep the pure domain packages pure."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "dangvien"
FORBIDDEN_ROOTS = {"django", "ninja", "psycopg", "waitress", "whitenoise", "axes", "django_otp"}


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def _domain_modules() -> list[Path]:
    return sorted(
        p
        for p in SRC.rglob("*.py")
        if "domain" in p.relative_to(SRC).parts[:-1] and "tests" not in p.relative_to(SRC).parts
    )


def _allowed(module: str) -> bool:
    root = module.split(".")[0]
    if root in FORBIDDEN_ROOTS:
        return False
    if root != "dangvien":
        return True
    parts = module.split(".")
    return len(parts) >= 3 and parts[2] == "domain"


def test_there_are_domain_modules_to_check():
    assert len(_domain_modules()) > 10


def test_no_domain_module_imports_django_or_non_domain_project_code():
    offenders = [
        f"{path.relative_to(SRC)} imports {name}"
        for path in _domain_modules()
        for name in _imports(path)
        if not _allowed(name)
    ]
    assert offenders == []


def test_the_checker_catches_a_django_import():
    assert not _allowed("django.db.models")
    assert not _allowed("dangvien.people.models")
    assert _allowed("dangvien.core.domain.text")
    assert _allowed("datetime")
