"""Fixtures for the prep tests: a station with one operator per role, a seller and its catalogue."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.prep.support import CATALOGUE, set_warehouse
from tests.station.support import SELLER_ID, Crew, add_seller, make_crew


@pytest.fixture
def crew(tmp_home: Path, fast_argon2: None) -> Iterator[Crew]:
    made = make_crew(tmp_home)
    yield made
    made.station.close()


@pytest.fixture
def seeded(crew: Crew) -> Crew:
    """The crew's station with a seller, its catalogue imported and the warehouse address set."""
    add_seller(crew.station)
    set_warehouse(crew.station)
    lead = crew.login("lead")
    crew.station.prep.catalog.import_csv(lead, SELLER_ID, CATALOGUE)
    return crew
