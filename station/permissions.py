"""The one permission table: which role may do which action. Every service entry point checks it.

Later issues add their actions here. An action not in the table is denied to everyone.
"""

from __future__ import annotations

from station.domain import Role

PACKER_ACTIONS = frozenset(
    {
        "order.view",  # queue and order lines, no PII
        "order.open",
        "order.pack",
        "order.release",
        "order.ship",
        "order.exception.raise",
        "order.address.view",  # the active order's address; each view audited
        "label.print",
        "label.reprint",
        "rates.get",
        "label.buy",
        "prep.unit",
        "prep.box",  # FBA prep: scan units into boxes, print box labels
        "receiving.receive",
        "picklist.print",
        "device.use",
        "status.view",
        "sync.run",
        "order.hold",  # stations through the hub: a batch of orders claimed ahead for offline work
    }
)

LEAD_ACTIONS = PACKER_ACTIONS | {
    "order.exception.resolve",
    "order.release.any",  # end another station's claim or hold (stations through the hub)
    "label.void",
    "label.settle",  # hub: settle a label purchase whose outcome Amazon left unknown
    "manifest.print",
    "user.unlock",
    "user.list",  # leads see who is locked out, to unlock them
    "user.badge",  # a packer who lost a badge gets a new one from a lead
    "user.language",  # a lead sets the language a packer's screens show
    "summary.view",
    "alerts.view",
    "catalog.import",  # FBA prep: seller catalogues, deliveries, inbound plans, stock, billing
    "catalog.sync",
    "receiving.create",
    "receiving.close",
    "inbound.create",
    "inventory.view",
    "inventory.sync",
    "prep.bill.view",
    "prep.statement.export",
}

ADMIN_ACTIONS = LEAD_ACTIONS | {
    "user.add",
    "user.disable",
    "user.enable",
    "seller.add",
    "seller.list",
    "seller.forget",
    "seller.revoke",
    "credentials.set",
    "credentials.rotate",
    "hub.join",  # join this station to a hub with an enrolment code (issue 13)
    "device.configure",
    "settings.change",
    "purge.run",
    "backup.run",
    "backup.restore",
    "station.lock",
    "station.unlock",
    "audit.export",
    "audit.verify",
    # The hub (hub/): its people, stations, sellers and keys.
    "user.role",
    "station.enrol",
    "station.list",
    "station.rename",
    "station.revoke",
    "station.rotate",
    "seller.invite",
    "keys.rotate",
    "notifications.configure",  # the SQS queue of ORDER_CHANGE notifications and its AWS key
}

AUDITOR_ACTIONS = frozenset(
    {"audit.verify", "audit.export", "audit.view", "status.view", "alerts.view", "inventory.view", "prep.bill.view"}
)

# Background work (sync, outbox, purge, backups) acts as the station's system actor.
SYSTEM_ACTIONS = frozenset(
    {"sync.run", "purge.run", "backup.run", "outbox.deliver", "order.view", "status.view", "inventory.sync",
     "order.hold", "operators.sync", "audit.upload", "seller.key.lease"}
)

PERMISSIONS: dict[Role, frozenset[str]] = {
    Role.PACKER: PACKER_ACTIONS,
    Role.LEAD: frozenset(LEAD_ACTIONS),
    Role.ADMIN: frozenset(ADMIN_ACTIONS | {"audit.view"}),
    Role.AUDITOR: AUDITOR_ACTIONS,
    Role.SYSTEM: SYSTEM_ACTIONS,
}

ALL_ACTIONS = frozenset().union(*PERMISSIONS.values())


def allowed(role: Role | str, action: str) -> bool:
    """True when the role may perform the action."""
    return action in PERMISSIONS.get(Role(role), frozenset())
