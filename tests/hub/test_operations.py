"""Operations: alerts on abnormal patterns, the retention purge, HTTPS serving with a certificate."""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from hub.bootstrap import Hub
from hub.services.people import Actor
from station.clock import VirtualClock
from station.domain import Role
from station.errors import AuthenticationFailed
from tests.hub.conftest import ADMIN_PASSWORD, PIN, add_operator

ROOT = Path(__file__).resolve().parents[2]


def test_a_burst_of_failed_logins_raises_one_alert(hub: Hub) -> None:
    hub.settings.lockout_failures = 100  # so the burst is not cut short by the lockout
    add_operator(hub, "pat", Role.PACKER, badge="B-1")
    for _ in range(hub.settings.alert_failed_logins + 3):
        with pytest.raises(AuthenticationFailed):
            hub.people.login_badge("B-1", "000000")
    assert hub.audit.rows.count(action="alert.failed_logins") == 1


def test_a_station_pulling_addresses_it_does_not_pack_raises_an_alert(hub: Hub) -> None:
    hub.orders.address_alert = 5
    seller = hub.store.sellers.add("acme", "2026-01-01T00:00:00.000000Z")
    ids = [hub.orders.store_order(seller, f"111-{n}", status="Unshipped", buyer={"name": f"B {n}"}) for n in range(6)]
    add_operator(hub, "pat", Role.PACKER, badge="B-1")
    packer = hub.people.login_badge("B-1", PIN, station="pack-1").actor
    for order_id in ids:
        hub.orders.address(packer, order_id)
    alerts = [r for r in hub.audit.iter_rows() if r["action"] == "alert.address_pulls"]
    assert len(alerts) == 1 and alerts[0]["station"] == "pack-1"


def test_purge_erases_buyer_data_30_days_after_fulfilment(hub: Hub, admin: Actor, clock: VirtualClock) -> None:
    seller = hub.store.sellers.add("acme", "2026-01-01T00:00:00.000000Z")
    shipped = hub.orders.store_order(seller, "111-1", status="Shipped", buyer={"name": "Jo Buyer", "phone": "5550100"})
    open_one = hub.orders.store_order(seller, "111-2", status="Unshipped", buyer={"name": "Al Buyer"})
    clock.advance(29 * 86400)
    assert hub.orders.purge(admin)["orders"] == 0
    clock.advance(2 * 86400)
    assert hub.orders.purge(admin, dry_run=True)["orders"] == 1
    assert hub.orders.purge(admin)["orders"] == 1
    assert hub.orders.address(admin, shipped) == {}
    assert hub.orders.address(admin, open_one) == {"name": "Al Buyer"}


def test_purge_is_denied_to_a_packer(hub: Hub) -> None:
    from station.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        hub.orders.purge(Actor("pat", Role.PACKER))


def _self_signed(folder: Path) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "hub.test")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now).not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
        .sign(key, hashes.SHA256())
    )  # fmt: skip
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))  # fmt: skip
    return cert_path, key_path


def test_the_hub_serves_https_with_its_certificate(tmp_path: Path) -> None:
    cert, key = _self_signed(tmp_path)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PACIFIC_HUB_")}
    env |= {"PYTHONPATH": str(ROOT), "PACIFIC_HUB_DATA_DIR": str(tmp_path / "data"), "PACIFIC_HUB_PORT": str(port),
            "PACIFIC_HUB_TLS_CERT_FILE": str(cert), "PACIFIC_HUB_TLS_KEY_FILE": str(key)}  # fmt: skip
    init = subprocess.run([sys.executable, "-m", "hub.cli", "init"], input=ADMIN_PASSWORD + "\n", text=True,
                          capture_output=True, cwd=ROOT, env=env, timeout=120)  # fmt: skip
    assert init.returncode == 0, init.stderr
    server = subprocess.Popen([sys.executable, "-m", "hub.cli", "serve"], cwd=ROOT, env=env,
                              stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        answer = None
        for _ in range(150):
            try:
                answer = httpx.get(f"https://localhost:{port}/healthz", verify=str(cert), timeout=2)
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        assert answer is not None and answer.json() == {"status": "ok"}
        with pytest.raises(httpx.HTTPError):  # plain http to the TLS port is not served
            httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2)
        second = subprocess.run([sys.executable, "-m", "hub.cli", "serve"], cwd=ROOT, env=env, capture_output=True,
                                text=True, timeout=60)  # fmt: skip
        assert second.returncode == 5 and "Another hub process serves this SQLite database" in second.stderr
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_housekeeping_purges_and_forgets_old_request_ids(hub: Hub, clock: VirtualClock) -> None:
    from hub import housekeeping
    from station.clock import iso

    seller = hub.store.sellers.add("acme", "2026-01-01T00:00:00.000000Z")
    hub.orders.store_order(seller, "111-1", status="Shipped", buyer={"name": "Jo Buyer"})
    station = hub.store.stations.upsert("pack-1", "h" * 64, "0.1.0", iso(clock.now()))
    hub.store.stations.reserve_request(station, "req-00000001", iso(clock.now()))
    clock.advance(31 * 86400)
    housekeeping.run_once(hub)
    assert hub.store.orders.sealed_address(1) == (None, None, None)
    assert hub.store.stations.stored_response(station, "req-00000001") is None
    assert hub.audit.rows.count(action="purge.completed") == 1
