"""Shared test fixtures: headless Qt, a throwaway station home, fast Argon2 for tests only."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def tmp_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A not-yet-created station home; PACIFIC_STATION_HOME points at it."""
    home = tmp_path / "home"
    monkeypatch.setenv("PACIFIC_STATION_HOME", str(home))
    return home


@pytest.fixture
def fast_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cheap Argon2id parameters so tests do not spend 64 MiB x 3 passes per hash."""
    from argon2 import PasswordHasher

    import station.secrets
    import station.services.auth

    monkeypatch.setattr(station.secrets, "ARGON2_MEMORY_KIB", 256)
    monkeypatch.setattr(station.secrets, "ARGON2_TIME_COST", 1)
    monkeypatch.setattr(station.secrets, "ARGON2_PARALLELISM", 1)
    monkeypatch.setattr(station.services.auth, "_hasher", PasswordHasher(time_cost=1, memory_cost=256, parallelism=1))
