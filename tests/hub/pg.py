"""Where the hub tests find PostgreSQL: PACIFIC_HUB_TEST_DATABASE_URL, else 127.0.0.1:5432.

scripts/test starts Debian's cluster first when neither answers (scripts/hub-postgres.sh). On CI
(CI=true) an unreachable PostgreSQL fails the run: the hub's tests must really run on it.
"""

from __future__ import annotations

import os
import secrets

import pytest

DEFAULT_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


def admin_url() -> str:
    return os.environ.get("PACIFIC_HUB_TEST_DATABASE_URL") or DEFAULT_ADMIN_URL


def reachable(url: str) -> bool:
    import psycopg

    try:
        with psycopg.connect(url, connect_timeout=3):
            return True
    except psycopg.Error:
        return False


def unavailable(reason: str) -> None:
    """Fail on CI, skip elsewhere."""
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"PostgreSQL is required on CI: {reason}", pytrace=False)
    pytest.skip(f"PostgreSQL not available: {reason}")


def create_database(prefix: str = "hub_test_hub") -> tuple[str, str]:
    """A uniquely named database on the server; (url of it, its name)."""
    import psycopg
    from sqlalchemy.engine import make_url

    url = admin_url()
    if not reachable(url):
        unavailable(f"nothing answers at {make_url(url).render_as_string(hide_password=True)}")
    name = f"{prefix}_{os.getpid()}_{secrets.token_hex(4)}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return make_url(url).set(database=name).render_as_string(hide_password=False), name


def drop_database(name: str) -> None:
    import psycopg

    with psycopg.connect(admin_url(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
