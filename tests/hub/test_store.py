"""The hub store on both backends: migrations, schema = the declared tables, repositories' atomic steps."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from hub.bootstrap import Hub
from hub.store import HubStore
from hub.store.migrate import current_revision, head_revision, upgrade
from hub.store.tables import metadata
from tests.hub import pg


def test_migrations_build_exactly_the_declared_tables(db_url: str) -> None:
    store = HubStore.open(db_url)
    try:
        upgrade(store.engine)
        upgrade(store.engine)  # idempotent
        assert current_revision(store.engine) == head_revision()
        with store.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), metadata)
        assert diff == []
    finally:
        store.close()


def test_the_hub_runs_on_the_backend_it_was_given(hub: Hub, db_url: str) -> None:
    assert hub.store.engine.dialect.name == ("sqlite" if db_url.startswith("sqlite") else "postgresql")
    assert hub.migrated() and hub.store.ping()


def test_enrolment_codes_are_spent_once(hub: Hub) -> None:
    stations = hub.store.stations
    stations.add_code("h1", "pack-1", "2999-01-01T00:00:00.000000Z", "ada")
    assert stations.redeem_code("h1", "2026-01-01T00:00:00.000000Z") == "pack-1"
    assert stations.redeem_code("h1", "2026-01-01T00:00:00.000000Z") is None
    assert stations.code_state("h1", "2026-01-01T00:00:00.000000Z") == "used"


def test_changes_come_back_in_order_after_the_cursor(hub: Hub) -> None:
    seller = hub.store.sellers.add("acme", "2026-01-01T00:00:00.000000Z")
    for n in range(5):
        hub.store.orders.upsert(seller, f"111-{n}", f"2026-01-01T00:00:0{n}.000000Z", status="Unshipped")
    hub.store.orders.upsert(seller, "111-0", "2026-01-01T00:01:00.000000Z", status="Shipped")
    first = hub.store.orders.changes_since(0, 4)
    rest = hub.store.orders.changes_since(first[-1].seq, 100)
    assert [c.amazon_order_id for c in first + rest] == ["111-0", "111-1", "111-2", "111-3", "111-4", "111-0"]
    assert rest[-1].status == "Shipped"


def test_postgresql_missing_on_ci_fails_instead_of_skipping(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="PostgreSQL is required on CI"):
        pg.unavailable("nothing answers")
    monkeypatch.setenv("CI", "")
    with pytest.raises(pytest.skip.Exception):
        pg.unavailable("nothing answers")
