"""Commands that reach SP-API: app credentials, seller authorisation checks, revoke, sync, simulator."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from station.app import Station
from station.domain import Seller
from station.secret_lines import SecretLines
from station.services.auth import Session


def check_endpoints(seller: Seller) -> None:
    """Refuse plain http to anything but loopback before the seller is saved."""
    from sync.spapi.endpoints import check_url

    for url in (seller.endpoint, seller.lwa_endpoint):
        if url:
            check_url(url)


def verify_authorisation(station: Station, session: Session, seller_id: str) -> int:
    """Call getMarketplaceParticipations once to prove the refresh token works."""
    from ui.wiring import marketplace_for

    marketplace = marketplace_for(station)
    try:
        participations = marketplace.marketplace_participations(seller_id)
    except Exception as exc:
        from station.errors import NeedsReauthorisation, UpstreamError

        if isinstance(exc, NeedsReauthorisation):
            station.store.sellers.set_status(seller_id, "needs_reauthorisation")
        if isinstance(exc, UpstreamError):
            print(f"Seller saved, but its authorisation could not be verified: {exc}")
            return exc.exit_code
        raise
    print(f"Authorisation verified: {len(participations)} marketplace(s)")
    return 0


def _credentials_set(station: Station, session: Session, args: argparse.Namespace, lines: SecretLines) -> int:
    from sync.credentials import set_app_credentials

    station.auth.authorize(session, "credentials.set")
    secret = lines.next("LWA client secret")
    set_app_credentials(station.secrets, args.client_id, secret, station.clock)
    station.audit.record(session.name, "credentials.set")
    print("LWA app credentials stored in the station's secret store")
    return 0


def _credentials_rotate(station: Station, session: Session, args: argparse.Namespace, lines: SecretLines) -> int:
    from sync.credentials import rotate_client_secret

    station.auth.authorize(session, "credentials.rotate")
    secret = lines.next("new LWA client secret")
    rotate_client_secret(station.secrets, secret, station.clock)
    station.audit.record(session.name, "credentials.rotated")
    print("LWA client secret rotated; the old one is gone from this station")
    return 0


def _seller_revoke(station: Station, session: Session, args: argparse.Namespace, lines: SecretLines) -> int:
    station.sellers.revoke(session, args.id)
    print(f"Seller {args.id}: refresh token forgotten, syncing stopped")
    return 0


def _sync_once(station: Station, session: Session, args: argparse.Namespace, lines: SecretLines) -> int:
    station.auth.authorize(session, "sync.run")
    from ui.wiring import sync_once

    report = sync_once(station)
    for line in report:
        print(line)
    return 0


def cmd_sim(args: argparse.Namespace, lines: SecretLines) -> int:
    from sync.simulator.cli import main as sim_main

    return sim_main(args.sim_args)


Action = Callable[[Station, Session, argparse.Namespace, SecretLines], int]


def register(sub: Any, seller: Any, with_session: Callable[[Action], Any]) -> None:
    creds = sub.add_parser("app-credentials", help="LWA app credentials").add_subparsers(
        dest="credentials_command", metavar="ACTION"
    )
    p = creds.add_parser("set", help="store the LWA client id, and the client secret from stdin")
    p.add_argument("--client-id", required=True)
    p.set_defaults(handler=with_session(_credentials_set))
    p = creds.add_parser("rotate", help="replace the LWA client secret (new secret from stdin)")
    p.set_defaults(handler=with_session(_credentials_rotate))

    p = seller.add_parser("revoke", help="incident: forget a seller's refresh token and stop syncing it")
    p.add_argument("id")
    p.set_defaults(handler=with_session(_seller_revoke))

    p = sub.add_parser("sync", help="pull orders and push the outbox")
    p.add_argument("--once", action="store_true", required=True, help="one pass, then exit")
    p.set_defaults(handler=with_session(_sync_once))

    p = sub.add_parser("sim", help="run the SP-API simulator (prints its base URL first)", add_help=False)
    p.add_argument("sim_args", nargs=argparse.REMAINDER)
    p.set_defaults(handler=cmd_sim)
