"""Helpers shared by the hub's sub-commands: open the hub, authenticate `--as`, print results."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from hub.bootstrap import Hub, build_hub
from hub.services.people import Actor
from hub.settings import HubSettings
from station.clock import iso
from station.domain import Role
from station.errors import UsageError
from station.secret_lines import SecretLines
from station.services.auth import TOTP_ROLES

Handler = Callable[[argparse.Namespace, SecretLines], int]


@contextmanager
def opened(*, create: bool = False) -> Iterator[Hub]:
    hub = build_hub(HubSettings(), create=create)
    try:
        yield hub
    finally:
        hub.close()


def authenticate(hub: Hub, args: argparse.Namespace, lines: SecretLines) -> Actor:
    """Log the `--as` operator in from the secret lines (password, then TOTP when the role needs it)."""
    if not args.actor:
        raise UsageError("Name the acting operator with --as NAME")
    secret = lines.next("password")
    row = hub.store.operators.by_name(args.actor)
    totp = lines.next("TOTP code") if row is not None and Role(row.role) in TOTP_ROLES else None
    return hub.people.login_password(args.actor, secret, totp).actor


def with_actor(action: Callable[[Hub, Actor, argparse.Namespace, SecretLines], int]) -> Handler:
    """Open the hub, authenticate `--as`, run, end the session, close."""

    def handler(args: argparse.Namespace, lines: SecretLines) -> int:
        with opened() as hub:
            actor = authenticate(hub, args, lines)
            try:
                return action(hub, actor, args, lines)
            finally:
                hub.store.operators.end_sessions(actor.operator_id, iso(hub.clock.now()), actor.session_hash)

    return handler


