"""Authentication rules shared by the station and the hub: formats, password rule, lockout contract.

Pure functions and one Protocol; no store, no I/O. The hub imports these so both sides accept the
same credentials and lock out the same way (see /work/notes/sec-auth.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from station.errors import UsageError

NAME_RULE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{1,31}")
# ASCII only: Python's \d and str.isdigit() also accept "²", "٣" and other Unicode digits.
_PIN = re.compile(r"[0-9]{4,12}")
_TOTP = re.compile(r"[0-9]{6}")


def valid_name(name: str) -> bool:
    """Operator names: 2-32 ASCII letters, digits, dot, dash or underscore."""
    return NAME_RULE.fullmatch(name) is not None


def valid_pin(pin: str) -> bool:
    """PINs are 4 to 12 ASCII digits."""
    return _PIN.fullmatch(pin) is not None


def valid_totp_code(code: str) -> bool:
    """A TOTP code is exactly six ASCII digits; anything else is a failed attempt, never an error."""
    return _TOTP.fullmatch(code) is not None


def check_pin_rule(pin: str) -> None:
    """Raise UsageError unless the PIN is 4 to 12 ASCII digits."""
    if not valid_pin(pin):
        raise UsageError("PIN must be 4 to 12 digits (0-9)")


def check_password_rule(password: str) -> None:
    """Passwords: at least 12 characters with upper, lower, digit and symbol."""
    if (
        len(password) < 12
        or not re.search(r"[A-Z]", password)
        or not re.search(r"[a-z]", password)
        or not re.search(r"[0-9]", password)
        or not re.search(r"[^A-Za-z0-9]", password)
    ):
        raise UsageError("Password must be at least 12 characters with upper case, lower case, a digit and a symbol")


@dataclass(frozen=True)
class LockoutPolicy:
    """How many failures lock an operator out, and for how long (defaults match SECURITY.md)."""

    failures: int = 5
    minutes: int = 15
    alert_failures: int = 5  # failures within ALERT_WINDOW_MINUTES that raise an alert
    alert_window_minutes: int = 10


class AttemptGate(Protocol):
    """The "take the attempt before hashing" contract every credential store implements.

    ``take_attempt`` atomically (one UPDATE ... RETURNING, or under a row lock) counts one attempt and
    answers whether it may be checked at all: False when the operator is locked out or already has
    ``limit`` attempts in flight/failed. Only then is the slow Argon2 hash run. ``settle_failure`` turns
    a counted attempt that failed into a lockout when the count reached ``limit``; ``record_success``
    clears the count. An attempt that crashes between the two stays counted (fail closed).
    """

    def take_attempt(self, operator_id: int, *, now: str, limit: int) -> bool: ...

    def settle_failure(self, operator_id: int, *, limit: int, locked_until: str) -> bool: ...

    def record_success(self, operator_id: int) -> None: ...
