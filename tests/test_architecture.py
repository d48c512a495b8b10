"""Dependencies point inward: station/ imports no GUI, USB, printer or HTTP library, nor ui/sync/drivers."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN_IN_CORE = ("PySide6", "usb", "escpos", "requests", "urllib3", "httpx", "serial", "ui", "sync", "drivers")
FORBIDDEN_IN_SYNC = ("PySide6", "usb", "escpos", "serial", "ui", "drivers")
FORBIDDEN_IN_DRIVERS = ("PySide6", "requests", "ui", "sync")


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def offenders(package: str, forbidden: tuple[str, ...]) -> list[str]:
    found = []
    for path in sorted((ROOT / package).rglob("*.py")):
        bad = imported_roots(path) & set(forbidden)
        if bad:
            found.append(f"{path.relative_to(ROOT)} imports {sorted(bad)}")
    return found


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [("station", FORBIDDEN_IN_CORE), ("sync", FORBIDDEN_IN_SYNC), ("drivers", FORBIDDEN_IN_DRIVERS)],
)
def test_dependencies_point_inward(package: str, forbidden: tuple[str, ...]) -> None:
    assert offenders(package, forbidden) == []


def test_checker_catches_a_forbidden_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("import PySide6.QtCore\nfrom sync.spapi import http\nfrom . import sibling\n")
    assert imported_roots(bad) == {"PySide6", "sync"}


def test_sql_lives_only_in_the_store() -> None:
    leaks = []
    for path in sorted((ROOT / "station").rglob("*.py")):
        if "store" in path.relative_to(ROOT / "station").parts:
            continue
        text = path.read_text(encoding="utf-8")
        for keyword in ("SELECT ", "INSERT INTO", "DELETE FROM", "UPDATE "):
            if f'"{keyword}' in text or f"'{keyword}" in text:
                leaks.append(f"{path.relative_to(ROOT)}: {keyword.strip()}")
    assert leaks == []
