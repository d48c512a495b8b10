"""`pacific-hub user|station|seller|app-credentials ...`: administration through the hub's services."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from hub.bootstrap import Hub
from hub.cli.common import with_actor
from hub.services.people import Actor
from station.cli_kit import emit
from station.domain import Role
from station.secret_lines import SecretLines
from station.services.auth import LANGUAGES


def register(sub: Any) -> None:
    _users(sub.add_parser("user", help="operators: add, list, disable, enable, unlock, role, language"))
    _stations(sub.add_parser("station", help="stations: enrol, list, rename, revoke, rotate"))
    _sellers(sub.add_parser("seller", help="sellers: invite, list, revoke, forget"))
    creds = sub.add_parser("app-credentials", help="the LWA client id and secret (secret on stdin)")
    csub = creds.add_subparsers(dest="what", metavar="ACTION", required=True)
    for name in ("set", "rotate"):
        p = csub.add_parser(name, help=f"{name} the client secret (180-day rotation)")
        p.add_argument("--client-id", required=True)
        p.set_defaults(handler=with_actor(_credentials), rotate=name == "rotate")
    csub.add_parser("status", help="when the secret must be rotated").set_defaults(handler=with_actor(_cred_status))


def _users(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="what", metavar="ACTION", required=True)
    add = sub.add_parser("add", help="add an operator (password or PIN on stdin after yours)")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=[r.value for r in Role if r != Role.SYSTEM])
    add.add_argument("--badge", help="packers: the badge code")
    add.add_argument("--language", default="en", choices=list(LANGUAGES), help="the station screens' language")
    add.set_defaults(handler=with_actor(_user_add))
    lst = sub.add_parser("list", help="list operators")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=with_actor(lambda h, a, args, _l: _out(h.people.list(a), args)))
    for name in ("disable", "enable", "unlock"):
        p = sub.add_parser(name, help=f"{name} an operator")
        p.add_argument("name")
        p.set_defaults(handler=with_actor(_user_simple), verb=name)
    role = sub.add_parser("role", help="change an operator's role (their sessions end)")
    role.add_argument("name")
    role.add_argument("role", choices=[r.value for r in Role if r != Role.SYSTEM])
    role.set_defaults(
        handler=with_actor(
            lambda h, a, args, _l: _then(lambda: h.people.set_role(a, args.name, Role(args.role)), "role changed")
        )
    )
    lang = sub.add_parser("language", help="the language an operator's station screens show (next login)")
    lang.add_argument("name")
    lang.add_argument("language", choices=list(LANGUAGES))
    lang.set_defaults(
        handler=with_actor(
            lambda h, a, args, _l: _then(lambda: h.people.set_language(a, args.name, args.language),
                                         "language changed")  # fmt: skip
        )
    )


def _user_add(hub: Hub, actor: Actor, args: argparse.Namespace, lines: SecretLines) -> int:
    secret = lines.next("new operator's PIN" if args.role == Role.PACKER.value else "new operator's password")
    uri = hub.people.add(actor, args.name, Role(args.role), secret, badge=args.badge, language=args.language)
    print(f"operator {args.name} added ({args.role})")
    if uri:
        print("TOTP set-up (show once, to that operator only):")
        print(f"  {uri}")
    return 0


def _user_simple(hub: Hub, actor: Actor, args: argparse.Namespace, _lines: SecretLines) -> int:
    getattr(hub.people, args.verb)(actor, args.name)
    print(f"operator {args.name}: {args.verb}d")
    return 0


def _stations(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="what", metavar="ACTION", required=True)
    enrol = sub.add_parser("enrol", help="a one-time enrolment code for a station (15 minutes)")
    enrol.add_argument("name")
    enrol.set_defaults(handler=with_actor(lambda h, a, args, _l: _code(h.stations.create_code(a, args.name))))
    lst = sub.add_parser("list", help="list stations")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=with_actor(lambda h, a, args, _l: _out([s.__dict__ for s in h.stations.list(a)], args)))
    rename = sub.add_parser("rename", help="rename a station")
    rename.add_argument("name")
    rename.add_argument("new_name")
    rename.set_defaults(
        handler=with_actor(
            lambda h, a, args, _l: _then(lambda: h.stations.rename(a, args.name, args.new_name), "renamed")
        )
    )
    revoke = sub.add_parser("revoke", help="revoke a station (401 on its next request)")
    revoke.add_argument("name")
    revoke.set_defaults(
        handler=with_actor(lambda h, a, args, _l: _then(lambda: h.stations.revoke(a, args.name), "revoked"))
    )
    rotate = sub.add_parser("rotate", help="revoke the station's credential and issue a new enrolment code")
    rotate.add_argument("name")
    rotate.set_defaults(handler=with_actor(lambda h, a, args, _l: _code(h.stations.rotate(a, args.name))))


def _code(code: str) -> int:
    print("enrolment code (one use, 15 minutes; type it at the station):")
    print(f"  {code}")
    return 0


def _sellers(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="what", metavar="ACTION", required=True)
    invite = sub.add_parser("invite", help="an onboarding link for a seller")
    invite.add_argument("name")
    invite.set_defaults(handler=with_actor(lambda h, a, args, _l: _link(h.sellers.invite(a, args.name))))
    lst = sub.add_parser("list", help="list sellers and whether they are verified")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=with_actor(_seller_list))
    revoke = sub.add_parser("revoke", help="forget the seller's refresh token; all work stops")
    revoke.add_argument("name")
    revoke.set_defaults(
        handler=with_actor(lambda h, a, args, _l: _then(lambda: h.sellers.revoke(a, args.name), "revoked"))
    )
    forget = sub.add_parser("forget", help="erase all of the seller's data at the hub")
    forget.add_argument("name")
    forget.add_argument("--yes", action="store_true", required=True, help="confirm: this cannot be undone")
    forget.set_defaults(
        handler=with_actor(lambda h, a, args, _l: _then(lambda: print(h.sellers.forget(a, args.name)), "erased"))
    )


def _link(url: str) -> int:
    print("onboarding link (send it to the seller; single seller, expires in 7 days):")
    print(f"  {url}")
    return 0


def _seller_list(hub: Hub, actor: Actor, args: argparse.Namespace, _lines: SecretLines) -> int:
    rows = [
        {
            "name": s.name,
            "state": s.state,
            "selling_partner_id": s.selling_partner_id,
            "marketplaces": s.marketplaces,
            "verified": s.state == "verified",
        }  # fmt: skip
        for s in hub.sellers.list(actor)
    ]
    return _out(rows, args)


def _credentials(hub: Hub, actor: Actor, args: argparse.Namespace, lines: SecretLines) -> int:
    secret = lines.next("LWA client secret")
    hub.sellers.set_app_credentials(actor, args.client_id, secret, rotate=args.rotate)
    print("LWA app credentials " + ("rotated" if args.rotate else "set"))
    return 0


def _cred_status(hub: Hub, actor: Actor, args: argparse.Namespace, _lines: SecretLines) -> int:
    hub.people.authorize(actor, "credentials.set")
    status = hub.sellers.credential_status()
    if status is None:
        print("no app credentials set")
        return 0
    emit(status.__dict__, False)
    if status.warning:
        sys.stderr.write(f"warning: {status.warning}\n")
    return 0


def _out(rows: Any, args: argparse.Namespace) -> int:
    emit(rows, getattr(args, "json", False))
    return 0


def _then(action: Callable[[], object], what: str) -> int:
    """Run the service call, then say what was done."""
    action()
    print(what)
    return 0
