"""`pacific-hub labels`: a lead (or admin) lists unknown outcomes and settles them; secrets on stdin only."""

from __future__ import annotations

import json

from hub.settings import HubSettings
from hub.store import HubStore
from tests.hub.test_cli import Cli, _init, cli  # noqa: F401  (the fixture)


def _unknown_label(settings: HubSettings) -> int:
    store = HubStore.open(settings.effective_database_url)
    try:
        seller = store.sellers.add("acme", "2026-01-01T00:00:00.000000Z")
        row, _ = store.ledger.open_attempt({
            "seller_id": seller, "amazon_order_id": "111-0000000-0000001", "box_ref": "1", "business_id": "x",
            "package_ref": "111-0000000-0000001-1", "idempotency_key": "k-1", "request_body": "{}",
            "state": "unknown", "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z",
        })  # fmt: skip
        return row.label_id
    finally:
        store.close()


def test_a_lead_lists_and_settles_unknown_labels(cli: Cli) -> None:  # noqa: F811
    _init(cli)
    label_id = _unknown_label(HubSettings())
    listed = cli.admin("labels", "unknown", "--json")
    assert listed.code == 0, listed.err
    assert [(r["label"], r["state"]) for r in json.loads(listed.out)] == [(label_id, "unknown")]
    settled = cli.admin("labels", "settle", str(label_id), "--not-bought")
    assert settled.code == 0 and "state: not_bought" in settled.out
    again = cli.admin("labels", "settle", str(label_id), "--bought", "1Z999")
    assert again.code != 0 and "unknown outcome" in again.err
