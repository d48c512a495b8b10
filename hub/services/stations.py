"""Stations: one-time enrolment codes, their bearer credentials (only hashes kept), admin actions."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta

from hub.services.audit import HUB_ACTOR, HubAudit
from hub.services.people import Actor, PeopleService
from hub.settings import HubSettings
from hub.store.stations import StationRow, Stations
from station.clock import iso
from station.errors import AuthenticationFailed, NotFound, UsageError
from station.ports import Clock

STATION_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
CODE_PREFIX = "pe-"
SECRET_PREFIX = "ps-"  # noqa: S105 - a prefix, not a secret


class UpgradeRequired(UsageError):
    """The station's version is older than the hub accepts."""


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def version_tuple(text: str) -> tuple[int, ...]:
    parts = re.findall(r"\d+", text.split("+")[0])[:3]
    return tuple(int(p) for p in parts) if parts else (0,)


@dataclass(frozen=True)
class Enrolled:
    name: str
    secret: str  # the station's bearer credential: returned once, only its hash is kept


class StationService:
    def __init__(self, store: Stations, people: PeopleService, audit: HubAudit, clock: Clock,
                 settings: HubSettings) -> None:  # fmt: skip
        self.store = store
        self.people = people
        self.audit = audit
        self.clock = clock
        self.settings = settings

    def create_code(self, by: Actor, name: str) -> str:
        """A one-time enrolment code for the named station (expires after PACIFIC_HUB_ENROLMENT_MINUTES)."""
        self.people.authorize(by, "station.enrol", target=name)
        if not STATION_NAME.match(name):
            raise UsageError("Station names are 1-64 letters, digits, dot, dash or underscore")
        code = CODE_PREFIX + secrets.token_urlsafe(18)
        expires = iso(self.clock.now() + timedelta(minutes=self.settings.enrolment_minutes))
        self.store.add_code(digest(code), name, expires, by.name)
        self.audit.record(by.name, "station.code_created", station=by.station, target=name,
                          minutes=self.settings.enrolment_minutes)  # fmt: skip
        return code

    def enrol(self, code: str, version: str) -> Enrolled:
        """Exchange a code (once, before it expires) for the station's credential."""
        self.check_version(version)
        now = self._now()
        name = self.store.redeem_code(digest(code), now)
        if name is None:
            reason = self.store.code_state(digest(code), now)
            self.audit.record(HUB_ACTOR, "station.enrol_refused", severity="warning", reason=reason)
            raise AuthenticationFailed("The enrolment code is unknown, used or expired; ask an admin for a new one")
        secret = SECRET_PREFIX + secrets.token_urlsafe(32)
        self.store.upsert(name, digest(secret), version, now)
        self.audit.record(HUB_ACTOR, "station.enrolled", station=name, target=name, version=version)
        return Enrolled(name, secret)

    def authenticate(self, secret: str, version: str) -> StationRow:
        """The station a bearer secret belongs to; revoked or unknown -> AuthenticationFailed (401)."""
        row = self.store.by_secret(digest(secret)) if secret else None
        if row is None:
            raise AuthenticationFailed("Unknown station credential")
        if row.state != "active":
            self.audit.alert("alert.revoked_station", station=row.name, target=row.name)
            raise AuthenticationFailed("This station's credential was revoked; enrol it again")
        self.check_version(version)
        if row.version != version:
            self.store.seen(row.station_id, version, self._now())
        return row

    def check_version(self, version: str) -> None:
        """Refuse a station older than PACIFIC_HUB_MIN_STATION_VERSION with what to upgrade to."""
        wanted = self.settings.min_station_version
        if not version or version_tuple(version) < version_tuple(wanted):
            raise UpgradeRequired(
                f"Station version {version or 'unknown'} is too old for this hub: upgrade Pacific Prep Station "
                f"to {wanted} or later"
            )

    def rotate_self(self, station: StationRow) -> str:
        """The station swaps its credential for a fresh one; the old one stops working at once."""
        secret = SECRET_PREFIX + secrets.token_urlsafe(32)
        self.store.upsert(station.name, digest(secret), station.version, self._now())
        self.audit.record(HUB_ACTOR, "station.rotated", station=station.name, target=station.name)
        return secret

    # -- admin ------------------------------------------------------------------------------------
    def list(self, by: Actor) -> list[StationRow]:
        self.people.authorize(by, "station.list")
        return self.store.list()

    def rename(self, by: Actor, name: str, new_name: str) -> None:
        self.people.authorize(by, "station.rename", target=name)
        if not STATION_NAME.match(new_name):
            raise UsageError("Station names are 1-64 letters, digits, dot, dash or underscore")
        self._need(name)
        self.store.set(name, name=new_name)
        self.audit.record(by.name, "station.renamed", station=by.station, target=name, new_name=new_name)

    def revoke(self, by: Actor, name: str) -> None:
        """Revoke: the station's next request gets 401."""
        self.people.authorize(by, "station.revoke", target=name)
        self._need(name)
        self.store.set(name, state="revoked")  # the hash stays, so a later request is recognised and alerted
        self.audit.record(by.name, "station.revoked", station=by.station, target=name)

    def rotate(self, by: Actor, name: str) -> str:
        """Revoke the current credential and issue a new enrolment code for the same station."""
        self.people.authorize(by, "station.rotate", target=name)
        self._need(name)
        self.store.set(name, state="revoked")  # the hash stays, so a later request is recognised and alerted
        self.audit.record(by.name, "station.rotation_started", station=by.station, target=name)
        return self.create_code(by, name)

    def _need(self, name: str) -> None:
        if self.store.by_name(name) is None:
            raise NotFound(f"No station named {name}")

    def _now(self) -> str:
        return iso(self.clock.now())
