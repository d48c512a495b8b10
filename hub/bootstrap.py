"""The composition root: builds the hub's services from settings; tests pass fakes through the same door."""

from __future__ import annotations

import os
import secrets
import socket
from dataclasses import dataclass

from hub import keyfiles
from hub.amazon import AmazonAuthorizer, SellerAuthorizer
from hub.anchors import HeadAnchor, make_anchor
from hub.engine.confirmations import ConfirmationOutbox
from hub.engine.ledger import LabelLedger
from hub.engine.limits import StoreLimiter
from hub.engine.spapi import SellerConnections, make_client
from hub.events_bus import EventBus
from hub.sealing import MasterKeys, Sealer
from hub.services.audit import HUB_ACTOR, HubAudit
from hub.services.backups import BackupService
from hub.services.central_settings import CentralSettings
from hub.services.claims import ClaimService
from hub.services.events import EventService
from hub.services.fba import FbaService
from hub.services.keys import KeyService
from hub.services.orders import OrderService
from hub.services.people import PeopleService
from hub.services.seller_keys import SellerKeyService
from hub.services.sellers import SellerService
from hub.services.station_audit import StationAuditService
from hub.services.stations import StationService
from hub.services.verifiers import VerifierService
from hub.settings import HubSettings
from hub.store import HubStore
from hub.store.migrate import current_revision, head_revision
from station.clock import SystemClock
from station.errors import UsageError
from station.ports import Clock
from station.services.backup import new_recovery_key

DEV_MASTER_KEY = "master.key"  # development only: the key file in the data folder


@dataclass
class Hub:
    """Everything a router or a command needs, built once."""

    settings: HubSettings
    store: HubStore
    sealer: Sealer
    audit: HubAudit
    people: PeopleService
    stations: StationService
    sellers: SellerService
    orders: OrderService
    keys: KeyService
    backups: BackupService
    claims: ClaimService
    events: EventService
    central: CentralSettings
    seller_keys: SellerKeyService
    fba: FbaService
    verifiers: VerifierService
    station_audit: StationAuditService
    bus: EventBus
    clock: Clock
    labels: LabelLedger
    confirmations: ConfirmationOutbox
    recovery_key: str = ""  # the audit recovery key, only right after creation (shown once, kept offline)

    def close(self) -> None:
        self.bus.close()
        self.labels.client.close()
        self.store.close()

    def migrated(self) -> bool:
        return current_revision(self.store.engine) == head_revision()


def _listen_url(store: HubStore) -> str | None:
    """The conninfo the event listener LISTENs on (PostgreSQL), or None (SQLite: streams poll)."""
    if not store.postgres:
        return None
    return store.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)


def master_keys(settings: HubSettings, *, create: bool = False) -> MasterKeys:
    """The master keys the settings name; in development a key file in the data folder."""
    if settings.master_key_file is not None:
        if create and not settings.master_key_file.exists():
            return MasterKeys.create(settings.master_key_file)
        if not settings.master_key_file.exists():
            raise UsageError(f"Master key file {settings.master_key_file} does not exist (run `pacific-hub init`)")
        return MasterKeys(settings.master_key_file)
    if settings.master_key:
        return MasterKeys(inline=settings.master_key)
    if settings.env == "production":
        raise UsageError("Production needs a master key: set PACIFIC_HUB_MASTER_KEY_FILE")
    path = settings.data_dir / DEV_MASTER_KEY
    if not path.exists():
        if not create:
            raise UsageError(f"No master key in {settings.data_dir} (run `pacific-hub init`)")
        return MasterKeys.create(path)
    return MasterKeys(path)


def build_hub(
    settings: HubSettings,
    *,
    clock: Clock | None = None,
    amazon: SellerAuthorizer | None = None,
    anchor: HeadAnchor | None = None,
    store: HubStore | None = None,
    create: bool = False,
) -> Hub:
    """Wire the hub. ``create`` makes the master key and key file on first use (init)."""
    clock = clock or SystemClock()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    keys = master_keys(settings, create=create)
    sealer = Sealer(keys)
    keyfile = keyfiles.keyfile_path(keys, settings.data_dir)
    recovery_key = public_hex = ""
    if not keyfile.exists():
        if not create:
            raise UsageError("The hub's key file is missing (run `pacific-hub init`)")
        recovery_key, public_hex = new_recovery_key()
    hub_keys = keyfiles.load_or_create(sealer, keyfile, public_hex)
    key_states = keyfiles.SealedKeyStates(sealer, keyfile.parent / keyfiles.STATE_FILE)
    store = store or HubStore.open(settings.effective_database_url)
    audit = HubAudit(store.audit_rows, hub_keys.audit_key, key_states,
                     anchor or make_anchor(settings.audit_anchor, settings.data_dir), clock,
                     hub_keys.recovery_public_hex)  # fmt: skip
    people = PeopleService(store.operators, sealer, audit, clock, settings, hub_keys.badge_pepper)

    def spapi_audit(operation: str, seller: str, status: int, count: int) -> None:
        audit.record(HUB_ACTOR, "spapi.call", target=seller, operation=operation, status=status, items=count)

    amazon = amazon or AmazonAuthorizer(clock, settings.spapi_endpoint, settings.lwa_url, spapi_audit)
    orders = OrderService(store.orders, sealer, people, audit, clock, settings.retention_days,
                          settings.alert_address_pulls, store.ledger, store.claims)  # fmt: skip
    verifiers = VerifierService(store.badge_seals, store.operators, sealer, people, audit, clock,
                                hub_keys.badge_pepper)  # fmt: skip
    people.on_badge = verifiers.remember
    backups = BackupService(store, sealer, audit, people, orders, clock, hub_keys.audit_key)
    sellers = SellerService(store.sellers, people, sealer, audit, clock, settings, amazon, backups.forget_seller)
    seller_keys = SellerKeyService(store.seller_keys, sealer, people, audit, clock)
    sellers.forget_key = seller_keys.destroy
    connections = SellerConnections(store, sealer, settings.spapi_endpoint, settings.lwa_url)
    client = make_client(clock, connections, spapi_audit)
    owner = process_name()
    return Hub(
        settings=settings,
        store=store,
        sealer=sealer,
        audit=audit,
        people=people,
        stations=StationService(store.stations, people, audit, clock, settings),
        sellers=sellers,
        orders=orders,
        backups=backups,
        claims=ClaimService(store.claims, people, audit, clock, settings),
        events=EventService(store.events, people, audit, clock),
        central=CentralSettings(store.events, people, audit, clock),
        seller_keys=seller_keys,
        fba=FbaService(store.fba, sealer, people, audit, clock, settings, sellers.app_credentials,
                       StoreLimiter(store.pull, clock)),
        verifiers=verifiers,
        station_audit=StationAuditService(store.station_audit, people, audit, clock),
        bus=EventBus(_listen_url(store)),
        keys=KeyService(store.sealed, sealer, people, audit, keyfile, key_states),
        clock=clock,
        labels=LabelLedger(store.ledger, client, connections, sealer, people, audit, clock, orders.recipient, owner),
        confirmations=ConfirmationOutbox(store.outbox, client, connections, people, audit, clock, owner),
        recovery_key=recovery_key,
    )


def process_name() -> str:
    """This hub process in leases: host, pid and a random tag (a reused pid is another process)."""
    return f"{socket.gethostname()[:32]}:{os.getpid()}:{secrets.token_hex(4)}"
