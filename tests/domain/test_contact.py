"""How to reach whoever submitted a proposal: checked and tidied, or refused in Dutch."""

from __future__ import annotations

import pytest

from dashboard.domain.contact import Contact, check_contact
from dashboard.domain.errors import UserError


def test_nothing_typed_is_no_contact() -> None:
    assert check_contact("", " ", "") is None


def test_a_name_with_an_email_address_or_a_phone_number() -> None:
    assert check_contact(" Fatima  el Amrani ", "fatima@example.nl", "") == Contact(
        "Fatima el Amrani", "fatima@example.nl", None
    )
    assert check_contact("Jan de Vries", "", "+31 6 1234 5678") == Contact(
        "Jan de Vries", None, "+31 6 1234 5678"
    )


@pytest.mark.parametrize(
    ("name", "email", "phone", "message"),
    [
        ("", "a@example.nl", "", "Vul de naam van de indiener in"),
        ("Jan", "", "", "Vul een e-mailadres of telefoonnummer"),
        ("Jan", "jan-at-example.nl", "", "Het e-mailadres 'jan-at-example.nl' klopt niet"),
        ("Jan", "jan@example", "", "klopt niet"),
        ("Jan", "", "0612", "Het telefoonnummer '0612' klopt niet"),
        ("Jan", "", "06-abc-12345", "klopt niet"),
        ("J" * 201, "a@example.nl", "", "te lang"),
    ],
)
def test_an_incomplete_or_wrong_contact_is_refused(
    name: str, email: str, phone: str, message: str
) -> None:
    with pytest.raises(UserError, match=message):
        check_contact(name, email, phone)
