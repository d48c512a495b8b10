"""Issue 15 (Spanish): each operator has a language, set by a lead or admin, audited, read at login."""

from __future__ import annotations

import pytest

from station.domain import Role
from station.errors import PermissionDenied, UsageError
from station.i18n import N_, T_
from tests.station.support import PACKER_BADGE, PACKER_PIN, Crew


def test_new_operators_read_english_and_a_lead_switches_a_packer_to_spanish(crew: Crew) -> None:
    assert crew.login("pat").language == "en"
    crew.station.auth.set_language(crew.login("lead"), "pat", "es")
    assert crew.station.auth.login_badge(PACKER_BADGE, PACKER_PIN).language == "es"
    rows = crew.station.store.audit_rows.search(action="user.language_changed")
    assert [(r.actor, r.target) for r in rows] == [("lead", "pat")]


def test_add_operator_with_a_language_and_list_shows_it(crew: Crew) -> None:
    admin = crew.login("alice")
    crew.station.auth.add_operator(admin, "rosa", Role.PACKER, "4826", badge="B-ROSA", language="es")
    assert crew.station.auth.login_badge("B-ROSA", "4826").language == "es"
    listed = {o["name"]: o["language"] for o in crew.station.auth.list_operators(admin)}
    assert listed["rosa"] == "es" and listed["pat"] == "en"


def test_only_known_languages_and_only_leads_or_admins(crew: Crew) -> None:
    with pytest.raises(UsageError):
        crew.station.auth.set_language(crew.login("lead"), "pat", "fr")
    with pytest.raises(PermissionDenied):
        crew.station.auth.set_language(crew.login("pat"), "pat", "es")
    with pytest.raises(UsageError):
        crew.station.auth.set_language(crew.login("lead"), "nobody", "es")


def test_core_messages_stay_english_strings_and_keep_their_template() -> None:
    message = T_("Order {0} has shipped already", "111-1")
    assert message == "Order 111-1 has shipped already"
    assert message.template == "Order {0} has shipped already" and message.args == ("111-1",)  # type: ignore[attr-defined]
    assert N_("Scan the next item") == "Scan the next item"
