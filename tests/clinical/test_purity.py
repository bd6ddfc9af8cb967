"""The clinical core must stay free of Django (design.md section 3): checked on the source, so a
stray import anywhere in headway.clinical fails here, whether or not that module is imported."""

import ast
from pathlib import Path

import headway.clinical

CORE = Path(headway.clinical.__file__).parent
FORBIDDEN = (
    "django",
    "headway.accounts",
    "headway.patients",
    "headway.care",
    "headway.audit",
    "headway.diary",
    "headway.outcomes",
    "headway.lib",
)


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_it_has_modules_to_check():
    assert len(list(CORE.rglob("*.py"))) >= 2


def test_it_imports_no_django_or_web_layer():
    offenders = {
        str(path.relative_to(CORE)): sorted(
            m
            for m in imported_modules(path)
            if m.split(".")[0] == "django" or m.startswith(FORBIDDEN)
        )
        for path in CORE.rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_check_catches_a_django_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from django.db import models\n")
    assert "django.db" in imported_modules(bad)
