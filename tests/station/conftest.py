"""Fixtures for the core tests: a station with one operator per role, on a virtual clock."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.station.support import Crew, make_crew


@pytest.fixture
def crew(tmp_home: Path, fast_argon2: None) -> Iterator[Crew]:
    made = make_crew(tmp_home)
    yield made
    made.station.close()
