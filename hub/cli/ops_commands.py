"""`pacific-hub init|serve|migrate|keys|audit|purge|backup|restore|status`: running the hub."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from hub import __version__
from hub.bootstrap import Hub
from hub.cli.common import opened, with_actor
from hub.services.people import HUB_SYSTEM, Actor
from hub.settings import HubSettings
from hub.store.migrate import upgrade
from station.cli_kit import emit
from station.domain import Role
from station.errors import AuditVerificationFailed, Conflict, UsageError
from station.secret_lines import SecretLines


def register(sub: Any) -> None:
    init = sub.add_parser("init", help="create the master key, the database and the first admin (password on stdin)")
    init.add_argument("--admin", default="admin", help="name of the first admin (default: admin)")
    init.set_defaults(handler=_init)
    sub.add_parser("serve", help="serve HTTPS (or http on loopback)").set_defaults(handler=_serve)
    sub.add_parser("migrate", help="bring the database to the newest schema").set_defaults(handler=_migrate)
    keys = sub.add_parser("keys", help="master keys")
    ksub = keys.add_subparsers(dest="what", metavar="ACTION", required=True)
    ksub.add_parser("rotate", help="a new master key; everything re-sealed without downtime").set_defaults(
        handler=with_actor(_keys_rotate)
    )
    audit = sub.add_parser("audit", help="the hub's audit trail")
    asub = audit.add_subparsers(dest="what", metavar="ACTION", required=True)
    verify = asub.add_parser("verify", help="check the chain and its checkpoint")
    verify.add_argument("--prove", action="store_true", help="also prove it with the recovery key (next stdin line)")
    verify.set_defaults(handler=with_actor(_verify))
    export = asub.add_parser("export", help="every row as JSON lines")
    export.add_argument("--out", type=Path, help="file (default: standard output)")
    export.set_defaults(handler=with_actor(_export))
    purge = sub.add_parser("purge", help="erase buyer data past retention")
    purge.add_argument("--dry-run", action="store_true")
    purge.set_defaults(handler=with_actor(_purge))
    back = sub.add_parser("backup", help="an encrypted backup of the database")
    back.add_argument("out", type=Path)
    back.set_defaults(handler=with_actor(_backup))
    rest = sub.add_parser("restore", help="restore an encrypted backup (stop the hub first; recovery key on stdin)")
    rest.add_argument("source", type=Path)
    rest.set_defaults(handler=with_actor(_restore))
    for name, text in (("lock", "incident mode: every station locks"), ("unlock", "end incident mode")):
        sub.add_parser(name, help=text).set_defaults(handler=with_actor(_lock), locking=name == "lock")
    settings = sub.add_parser("settings", help="central settings stations apply (box presets, ship-from, ...)")
    ssub = settings.add_subparsers(dest="what", metavar="ACTION", required=True)
    sset = ssub.add_parser("set", help="set one central setting (value as JSON)")
    sset.add_argument("key", help="box_presets | ship_from | rate_rules | label_format")
    sset.add_argument("value", help='JSON, e.g. \'"ZPL"\' or \'{"default": "best"}\'')
    sset.set_defaults(handler=with_actor(_settings_set))
    slist = ssub.add_parser("list", help="the central settings")
    slist.add_argument("--json", action="store_true")
    slist.set_defaults(handler=with_actor(_settings_list))
    status = sub.add_parser("status", help="what the hub holds and whether it is ready")
    status.add_argument("--json", action="store_true")
    status.set_defaults(handler=_status)


def _lock(hub: Hub, actor: Actor, args: argparse.Namespace, _lines: SecretLines) -> int:
    hub.events.set_lock(actor, args.locking)
    print("hub locked: every station locks" if args.locking else "hub unlocked")
    return 0


def _settings_set(hub: Hub, actor: Actor, args: argparse.Namespace, _lines: SecretLines) -> int:
    import json

    try:
        value = json.loads(args.value)
    except ValueError:
        raise UsageError("Give the value as JSON (text in double quotes)") from None
    hub.central.set(actor, args.key, value)
    print(f"{args.key} set; stations apply it now")
    return 0


def _settings_list(hub: Hub, actor: Actor, args: argparse.Namespace, _lines: SecretLines) -> int:
    hub.people.authorize(actor, "status.view")
    emit(hub.central.all(), True)
    return 0


def _init(args: argparse.Namespace, lines: SecretLines) -> int:
    with opened(create=True) as hub:
        upgrade(hub.store.engine)
        if hub.store.operators.list():
            raise Conflict("This hub has operators already; `pacific-hub user add` adds more")
        password = lines.next("first admin's password")
        if not hub.recovery_key:
            raise Conflict("This hub's keys exist already; restore or migrate instead of init")
        hub.audit.start_sealing(hub.recovery_key)
        uri = hub.people.add(HUB_SYSTEM, args.admin, Role.ADMIN, password)
        hub.audit.record(HUB_SYSTEM.name, "hub.initialised", target=args.admin)
        print(f"hub initialised in {hub.settings.data_dir} ({hub.store.engine.dialect.name})")
        print(f"admin {args.admin} created; TOTP set-up (show once, to that admin only):")
        print(f"  {uri}")
        print("Recovery key of the audit trail (write it down, keep it offline; it proves the trail and is")
        print("needed to restore a backup; it is shown only now):")
        print(f"  {hub.recovery_key}")
    return 0


def _migrate(_args: argparse.Namespace, _lines: SecretLines) -> int:
    with opened() as hub:
        upgrade(hub.store.engine)
        hub.audit.record(HUB_SYSTEM.name, "hub.migrated")
        print("database at the newest schema")
    return 0


def _serve(_args: argparse.Namespace, _lines: SecretLines) -> int:
    from hub.serve import serve

    return serve(HubSettings())


def _keys_rotate(hub: Hub, actor: Actor, _args: argparse.Namespace, _lines: SecretLines) -> int:
    done = hub.keys.rotate(actor)
    print(f"master key rotated to {done.new_key}: {done.resealed} values re-sealed; retired: {', '.join(done.retired)}")
    return 0


def _verify(hub: Hub, actor: Actor, args: argparse.Namespace, lines: SecretLines) -> int:
    hub.people.authorize(actor, "audit.verify")
    recovery = lines.next("recovery key") if args.prove else None
    try:
        result = hub.audit.verify_or_raise(recovery)
    except AuditVerificationFailed:
        hub.audit.alert("alert.audit_verify_failed", target=actor.name)
        raise
    hub.audit.record(actor.name, "audit.verified", rows=result.rows, proven=result.proven)
    print(f"audit trail intact: {result.rows} rows" + (" (proven with the recovery key)" if result.proven else ""))
    return 0


def _export(hub: Hub, actor: Actor, args: argparse.Namespace, _lines: SecretLines) -> int:
    hub.people.authorize(actor, "audit.export")
    if args.out:
        with open(args.out, "w", encoding="utf-8") as out:
            count = hub.audit.export(out)
    else:
        count = hub.audit.export(sys.stdout)
    hub.audit.record(actor.name, "audit.exported", rows=count)
    return 0


def _purge(hub: Hub, actor: Actor, args: argparse.Namespace, _lines: SecretLines) -> int:
    result = hub.orders.purge(actor, dry_run=args.dry_run)
    if not args.dry_run:
        result["backups_pruned"] = len(hub.backups.prune(actor))
    emit(result, False)
    return 0


def _backup(hub: Hub, actor: Actor, args: argparse.Namespace, _lines: SecretLines) -> int:
    size = hub.backups.write(actor, args.out)
    print(f"encrypted backup written: {args.out} ({size} bytes)")
    return 0


def _restore(hub: Hub, actor: Actor, args: argparse.Namespace, lines: SecretLines) -> int:
    hub.people.authorize(actor, "backup.restore")
    rows = hub.backups.restore(actor, args.source, lines.next("recovery key"))
    print(f"backup restored: {rows} audit rows proven with the recovery key")
    return 0


def _status(args: argparse.Namespace, _lines: SecretLines) -> int:
    with opened() as hub:
        emit(status_of(hub), args.json)
    return 0


def status_of(hub: Hub) -> dict[str, Any]:
    """What the hub holds (counts only; no secrets, no buyer data)."""
    migrated = hub.migrated()
    sellers: dict[str, int] = {}
    for row in hub.store.sellers.list() if migrated else []:
        sellers[row.state] = sellers.get(row.state, 0) + 1
    credentials = hub.sellers.credential_status() if migrated else None
    return {
        "version": __version__,
        "env": hub.settings.env,
        "database": hub.store.engine.dialect.name,
        "migrated": migrated,
        "ready": hub.store.ping() and migrated,
        "stations": sum(1 for s in hub.store.stations.list() if s.state == "active") if migrated else 0,
        "sellers": sellers,
        "operators": len(hub.store.operators.list()) if migrated else 0,
        "orders": hub.store.orders.count() if migrated else 0,
        "master_key": hub.sealer.keys.current,
        "sealed_values_by_key": hub.store.sealed.key_ids() if migrated else {},
        "app_credentials": None if credentials is None else {
            "rotate_by": credentials.rotate_by, "days_left": credentials.days_left, "warning": credentials.warning,
        },
    }  # fmt: skip
