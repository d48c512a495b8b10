"""Sub-commands of `pacific-station`: each opens the station, authenticates `--as`, calls a service."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from station.app import Station, restore
from station.cli_kit import emit
from station.domain import Role
from station.errors import AuditVerificationFailed, StoreError, UsageError
from station.home import PASSPHRASE_ENV, read_config
from station.secret_lines import SecretLines
from station.services.auth import LANGUAGES, Session
from station.services.status import station_status

Handler = Callable[[argparse.Namespace, SecretLines], int]


# -- helpers ---------------------------------------------------------------------------------
def passphrase_for(home: Path, *, creating: bool = False) -> str | None:
    """The station passphrase from the environment, or a prompt on a terminal (passphrase mode only)."""
    env = os.environ.get(PASSPHRASE_ENV)
    if env:
        return env
    if not creating:
        config = read_config(home)
        if config.secret_mode == "keyring":  # noqa: S105 - a mode name, not a secret
            return None
    from station.secrets import os_keyring_usable

    if creating and os_keyring_usable():
        return None
    if sys.stdin.isatty():
        first = getpass.getpass("Station passphrase: ")
        if creating and getpass.getpass("Station passphrase again: ") != first:
            raise UsageError("The passphrases differ")
        return first
    raise StoreError(f"No OS keyring here: set {PASSPHRASE_ENV} to the station passphrase")


def open_station(args: argparse.Namespace) -> Station:
    return Station.open(args.home, passphrase_for(args.home))


def authenticate(station: Station, args: argparse.Namespace, lines: SecretLines) -> Session:
    """Log the acting operator in from the secret lines.

    ``--badge``: badge code, then PIN (packers). ``--as NAME``: password, then TOTP code, read the same
    way whatever the name, so neither the exit code nor the audit trail depends on which names exist.
    """
    if station.hub_link.joined() and station.auth.remote_login is None:
        from ui.hub_wiring import hub_login_for

        station.auth.remote_login = hub_login_for(station)  # a joined station's operators come from the hub
    if getattr(args, "badge_login", False):
        badge = lines.next("badge code")
        return station.auth.login_badge(badge, lines.next("PIN"))
    if not args.actor:
        raise UsageError("Name the acting operator with --as NAME (or --badge for a packer)")
    secret = lines.next("password")
    return station.auth.login_password(args.actor, secret, lines.next_or_empty("TOTP code"))


def with_session(action: Callable[[Station, Session, argparse.Namespace, SecretLines], int]) -> Handler:
    """Wrap a command: open the station, authenticate, run, close."""

    def handler(args: argparse.Namespace, lines: SecretLines) -> int:
        station = open_station(args)
        try:
            session = authenticate(station, args, lines)
            return action(station, session, args, lines)
        finally:
            station.close()

    return handler




# -- init ------------------------------------------------------------------------------------
def cmd_init(args: argparse.Namespace, lines: SecretLines) -> int:
    passphrase = passphrase_for(args.home, creating=True)
    password = lines.next("new admin's password")
    if lines.interactive and getpass.getpass("Password again: ") != password:
        raise UsageError("The passwords differ")
    result = Station.init(args.home, passphrase, args.admin, password)
    result.station.close()
    print(f"Station initialised in {args.home}")
    print(f"Admin {args.admin}: add this to an authenticator app now (shown once):")
    print(f"  {result.admin.totp_uri}")
    print("Recovery key for backups (shown once; keep it offline, e.g. printed in the safe):")
    print(f"  {result.recovery_key}")
    return 0


# -- users -----------------------------------------------------------------------------------
def _user_add(station: Station, session: Session, args: argparse.Namespace, lines: SecretLines) -> int:
    role = Role(args.role)
    secret = lines.next("new operator's PIN" if role == Role.PACKER else "new operator's password")
    created = station.auth.add_operator(session, args.name, role, secret, badge=args.badge, language=args.language)
    print(f"Operator {created.name} added as {created.role.value}")
    if created.totp_uri:
        print("TOTP provisioning URI (shown once):")
        print(f"  {created.totp_uri}")
    return 0


def _user_list(station: Station, session: Session, args: argparse.Namespace, lines: SecretLines) -> int:
    emit(station.auth.list_operators(session), args.json)
    return 0


def _user_disable(station: Station, session: Session, args: argparse.Namespace, lines: SecretLines) -> int:
    station.auth.disable(session, args.name)
    print(f"Operator {args.name} disabled")
    return 0


def _user_enable(station: Station, session: Session, args: argparse.Namespace, lines: SecretLines) -> int:
    station.auth.enable(session, args.name)
    print(f"Operator {args.name} enabled")
    return 0


def _user_badge(station: Station, session: Session, args: argparse.Namespace, lines: SecretLines) -> int:
    station.auth.set_badge(session, args.name, args.badge)
    print(f"Operator {args.name} has a new badge; the old one no longer logs in")
    return 0


def _user_language(station: Station, session: Session, args: argparse.Namespace, lines: SecretLines) -> int:
    station.auth.set_language(session, args.name, args.language)
    print(f"Operator {args.name} reads the station in {args.language} from their next login")
    return 0


def _user_unlock(station: Station, session: Session, args: argparse.Namespace, lines: SecretLines) -> int:
    station.auth.unlock(session, args.name)
    print(f"Operator {args.name} unlocked")
    return 0


# -- sellers ---------------------------------------------------------------------------------
def _seller_list(station: Station, session: Session, args: argparse.Namespace, lines: SecretLines) -> int:
    rows = [
        {"id": s.selling_partner_id, "name": s.name, "region": s.region, "marketplaces": ",".join(s.marketplaces),
         "status": s.status, "last_sync": station.store.sellers.last_sync(s.selling_partner_id) or "never"}
        for s in station.sellers.list(session)
    ]  # fmt: skip
    emit(rows, args.json)
    return 0


def _seller_forget(station: Station, session: Session, args: argparse.Namespace, lines: SecretLines) -> int:
    counts = station.sellers.forget(session, args.id)
    print(f"Seller {args.id} erased: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    if counts.get("backups"):
        # A backup cannot be rewritten without the offline recovery key: the ones holding the seller went whole.
        print(f"{counts['backups']} backup(s) holding the seller were deleted; write a new backup now.")
    return 0


# -- audit, purge, backup, lock, status ------------------------------------------------------
def _audit_verify(station: Station, session: Session, args: argparse.Namespace, lines: SecretLines) -> int:
    """Stdin: password, TOTP, then optionally the recovery key for the forward-secure proof."""
    recovery_key = lines.optional("recovery key")
    sealing_before = station.audit.sealing
    result = station.audit_access.verify(session, recovery_key=recovery_key)  # a failure is recorded as an alert
    if not result.ok:
        raise AuditVerificationFailed(
            f"Audit trail verification failed at row {result.first_bad_seq}: {result.reason}"
            if result.first_bad_seq
            else f"Audit trail verification failed: {result.reason}"
        )
    print(f"Audit trail verified: {result.rows} rows, chain intact")
    if result.proven:
        print(f"Rows {result.sealed_from} to {result.rows} proven forward-secure with the recovery key.")
    elif recovery_key is None:
        print("Checked with the station's own key only: give the recovery key as the next line to prove "
              "that nobody holding the station's keys rewrote earlier rows.")  # fmt: skip
    if result.legacy_rows:
        print(f"Rows 1 to {result.legacy_rows} predate sealing: checked with the station key, and anchored by "
              "the first sealed row.")  # fmt: skip
    if not sealing_before and station.audit.sealing:
        print("Forward-secure sealing has started on this station.")
    return 0


def _audit_export(station: Station, session: Session, args: argparse.Namespace, lines: SecretLines) -> int:
    station.auth.authorize(session, "audit.export")
    if args.output:
        with open(args.output, "w", encoding="utf-8") as out:
            count = station.audit.export(out)
    else:
        count = station.audit.export(sys.stdout)
    station.audit.record(session.name, "audit.exported", rows=count, to_file=bool(args.output))
    if args.output:
        print(f"{count} audit rows written to {args.output}")
    return 0


def _purge(station: Station, session: Session, args: argparse.Namespace, lines: SecretLines) -> int:
    result = station.retention.purge(session, dry_run=args.dry_run)
    verb = "would erase" if result.dry_run else "erased"
    print(f"Purge {verb} buyer data of {result.orders} orders (closed before {result.cutoff})")
    return 0


def _backup(station: Station, session: Session, args: argparse.Namespace, lines: SecretLines) -> int:
    info = station.backup(session, args.folder)
    print(f"Backup written: {info.path} ({info.size} bytes)")
    return 0


def cmd_restore(args: argparse.Namespace, lines: SecretLines) -> int:
    if not args.actor:
        raise UsageError("Name the restoring admin with --as NAME")
    password = lines.next("password")
    totp = lines.next("TOTP code")
    recovery = lines.next("recovery key")
    station = restore(args.file, recovery, args.home, passphrase_for(args.home, creating=True), args.actor,
                      password, totp)  # fmt: skip
    station.close()
    print(f"Station restored into {args.home}")
    return 0


def _lock(station: Station, session: Session, args: argparse.Namespace, lines: SecretLines) -> int:
    station.lock(session)
    print("Station locked: all sessions end; only admins may log in until 'unlock'")
    return 0


def _unlock(station: Station, session: Session, args: argparse.Namespace, lines: SecretLines) -> int:
    station.unlock(session)
    print("Station unlocked")
    return 0


def _status(station: Station, session: Session, args: argparse.Namespace, lines: SecretLines) -> int:
    station.auth.authorize(session, "status.view")
    data = station_status(station, include_alerts=session.role != Role.PACKER)
    from ui.hub_wiring import hub_status

    data["hub"] = hub_status(station) or "not joined (pacific-station hub join URL)"
    emit(data, args.json)
    return 0


def _settings_set(station: Station, session: Session, args: argparse.Namespace, lines: SecretLines) -> int:
    try:
        value = json.loads(args.value)
    except json.JSONDecodeError:
        value = args.value
    from station.store.settings import SETTINGS

    if args.key not in SETTINGS:
        raise UsageError(f"Unknown setting {args.key}; known: {', '.join(sorted(SETTINGS))}")
    station.change_setting(session, args.key, value)
    print(f"{args.key} = {json.dumps(value)}")
    return 0


def _settings_list(station: Station, session: Session, args: argparse.Namespace, lines: SecretLines) -> int:
    station.auth.authorize(session, "status.view")
    emit(station.store.settings.all(), args.json)
    return 0


def _hub_join(station: Station, session: Session, args: argparse.Namespace, lines: SecretLines) -> int:
    from ui.hub_wiring import join_hub

    station.auth.authorize(session, "hub.join", target=args.url)
    name = join_hub(station, session, args.url, lines.next("enrolment code"))
    print(f"Joined the hub at {args.url} as station {name!r}; its credential is in the station's secret store")
    return 0


# -- registration ----------------------------------------------------------------------------
def register(sub: Any) -> None:
    p = sub.add_parser("init", help="create a station home and its first admin")
    p.add_argument("--admin", required=True, metavar="NAME")
    p.set_defaults(handler=cmd_init)

    user = sub.add_parser("user", help="operators").add_subparsers(dest="user_command", metavar="ACTION")
    p = user.add_parser("add", help="add an operator (password or PIN from stdin)")
    p.add_argument("name")
    p.add_argument("--role", required=True, choices=[r.value for r in Role if r != Role.SYSTEM])
    p.add_argument("--badge", metavar="CODE", help="badge code (required for packers)")
    p.add_argument("--language", choices=LANGUAGES, default="en", help="the language of the operator's screens")
    p.set_defaults(handler=with_session(_user_add))
    p = user.add_parser("list", help="list operators")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=with_session(_user_list))
    for name, fn in (("disable", _user_disable), ("enable", _user_enable), ("unlock", _user_unlock)):
        p = user.add_parser(name, help=f"{name} an operator")
        p.add_argument("name")
        p.set_defaults(handler=with_session(fn))
    p = user.add_parser("badge", help="give a packer a new badge (lost or damaged badge; leads and admins)")
    p.add_argument("name")
    p.add_argument("--badge", required=True, metavar="CODE", help="the new badge's code")
    p.set_defaults(handler=with_session(_user_badge))
    p = user.add_parser("language", help="set the language an operator's screens show (leads and admins)")
    p.add_argument("name")
    p.add_argument("language", choices=LANGUAGES)
    p.set_defaults(handler=with_session(_user_language))

    seller = sub.add_parser("seller", help="sellers").add_subparsers(dest="seller_command", metavar="ACTION")
    p = seller.add_parser("list", help="list sellers")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=with_session(_seller_list))
    p = seller.add_parser("forget", help="erase all of a seller's data (deletion request)")
    p.add_argument("id")
    p.set_defaults(handler=with_session(_seller_forget))

    p = sub.add_parser("purge", help="erase buyer data past the retention period")
    p.add_argument("--dry-run", action="store_true")
    p.set_defaults(handler=with_session(_purge))

    audit = sub.add_parser("audit", help="audit trail").add_subparsers(dest="audit_command", metavar="ACTION")
    audit.add_parser("verify", help="verify the HMAC chain").set_defaults(handler=with_session(_audit_verify))
    p = audit.add_parser("export", help="write the audit trail as JSON lines")
    p.add_argument("--output", "-o", metavar="FILE")
    p.set_defaults(handler=with_session(_audit_export))

    p = sub.add_parser("backup", help="write an encrypted backup now")
    p.add_argument("--folder", type=Path)
    p.set_defaults(handler=with_session(_backup))
    p = sub.add_parser("restore", help="rebuild a station from a backup (stdin: password, TOTP, recovery key)")
    p.add_argument("file", type=Path)
    p.set_defaults(handler=cmd_restore)

    sub.add_parser("lock", help="incident: end all sessions, admins only").set_defaults(handler=with_session(_lock))
    sub.add_parser("unlock", help="lift the incident lock").set_defaults(handler=with_session(_unlock))
    hub = sub.add_parser("hub", help="this station's hub").add_subparsers(dest="hub_command", metavar="ACTION")
    p = hub.add_parser("join", help="join a hub (admins; the enrolment code from stdin, after password and TOTP)")
    p.add_argument("url", help="the hub's address, e.g. https://hub.example:8443")
    p.set_defaults(handler=with_session(_hub_join))
    p = sub.add_parser("status", help="station status")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=with_session(_status))

    settings = sub.add_parser("settings", help="station settings").add_subparsers(dest="settings_command",
                                                                                  metavar="ACTION")  # fmt: skip
    p = settings.add_parser("list", help="show settings")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=with_session(_settings_list))
    p = settings.add_parser("set", help="change a setting")
    p.add_argument("key")
    p.add_argument("value")
    p.set_defaults(handler=with_session(_settings_set))

    from ui.cli import sync_commands

    sync_commands.register(sub, seller, with_session)
    from ui.cli import device_commands

    device_commands.register(sub, with_session)
    from ui.cli import demo_command

    demo_command.register(sub)
    demo_command.register_run(sub)
