"""The OpenAPI document is served, committed, and the API keeps to it (schemathesis, bounded)."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from hub.api.app import create_app
from hub.bootstrap import Hub
from hub.openapi import PATH, render
from hub.services.people import Actor


def test_the_committed_document_matches_the_code() -> None:
    assert PATH.read_text(encoding="utf-8") == render(), "run `python -m hub.openapi` and commit hub/openapi.json"


def test_the_document_is_served(hub: Hub) -> None:
    served = TestClient(create_app(hub)).get("/openapi.json").json()
    assert served == json.loads(PATH.read_text(encoding="utf-8"))
    prefixes = ("/v1/", "/healthz", "/readyz", "/metrics", "/onboard/", "/oauth/")
    assert all(p.startswith(prefixes) for p in served["paths"])


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_schemathesis_finds_no_5xx_and_no_response_outside_the_schema(hub: Hub, admin: Actor) -> None:
    import schemathesis
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

    from tests.hub.client import StationClient

    app = create_app(hub)
    station = StationClient(TestClient(app))
    station.enrol(hub.stations.create_code(admin, "pack-1"))
    station.login(name="ada", password="Admin-Passw0rd!", totp=hub.people.totp_now("ada"))
    headers = station.headers()
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    checks = (not_a_server_error, response_schema_conformance, status_code_conformance)
    failures: list[str] = []
    calls: list[int] = []
    operations = [r.ok() for r in schema.get_all_operations()]
    # The event stream never ends by design (tests/hub/test_events.py covers it; test_security calls it ?once)
    operations = [op for op in operations if op.path != "/v1/events"]
    for operation in operations:
        check_operation(operation, headers, checks, failures, calls)
    assert failures == []
    assert len(calls) > 5 * len(operations)


def check_operation(operation, headers, checks, failures, calls) -> None:  # type: ignore[no-untyped-def]
    """Up to 12 generated requests for one operation; every failure is collected, not raised."""
    from hypothesis import HealthCheck, given, settings

    @settings(max_examples=12, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy())
    def run(case) -> None:  # type: ignore[no-untyped-def]
        case.headers = {**(case.headers or {}), **headers}
        response = case.call()
        calls.append(response.status_code)
        try:
            case.validate_response(response, checks=checks)
        except Exception as exc:
            failures.append(f"{operation.label}: {type(exc).__name__}: {str(exc)[:400]}")
            raise

    try:
        run()
    except Exception as exc:  # every response failure is in `failures`; anything else is one too
        if not failures or operation.label not in failures[-1]:
            failures.append(f"{operation.label}: {type(exc).__name__}: {str(exc)[:400]}")
