"""How to reach whoever submitted a proposal (a name with an e-mail address or a phone
number), or a resident who signed up for a draw online (an e-mail address and/or a phone
number). Personal data: it never reaches a public page, a public download or the audit
log."""

from __future__ import annotations

import re
from dataclasses import dataclass

from dashboard.domain.errors import UserError

# name@domain.tld: no spaces, brackets or quotes before the @; after it letters, digits and
# hyphens in parts split by dots, ending in a top-level domain of letters.
_DOMAIN_PART = r"[^\W_](?:[\w-]*[^\W_])?"
_EMAIL = re.compile(rf"^[^@\s<>()\[\]\"',;:]+@(?:{_DOMAIN_PART}\.)+[^\W\d_]{{2,}}$")
_PHONE = re.compile(r"^\+?[0-9 ()-]+$")


@dataclass(frozen=True)
class Contact:
    name: str
    email: str | None
    phone: str | None


def check_contact(name: str, email: str, phone: str) -> Contact | None:
    """The contact as typed, tidied; None when nothing was typed. A name needs an e-mail
    address or a phone number, and each of those needs a name."""
    name, email, phone = (" ".join(v.split()) for v in (name, email, phone))
    if not (name or email or phone):
        return None
    if not name:
        raise UserError("Vul de naam van de indiener in bij het e-mailadres of telefoonnummer.")
    if len(name) > 200:
        raise UserError("De naam van de indiener is te lang (hoogstens 200 tekens).")
    if not (email or phone):
        raise UserError("Vul een e-mailadres of telefoonnummer van de indiener in.")
    return Contact(name, *check_reach(email, phone))


def check_reach(email: str, phone: str) -> tuple[str | None, str | None]:
    """An e-mail address and a phone number as typed, tidied; either may be empty (None).
    One that is filled in must be written right (UserError otherwise)."""
    email, phone = (" ".join(v.split()) for v in (email, phone))
    if email and (len(email) > 254 or not _EMAIL.match(email)):
        raise UserError(f"Het e-mailadres '{email}' klopt niet. Schrijf het als naam@voorbeeld.nl.")
    digits = re.sub(r"\D", "", phone)
    if phone and (not _PHONE.match(phone) or not 10 <= len(digits) <= 15):
        raise UserError(
            f"Het telefoonnummer '{phone}' klopt niet. Schrijf 10 cijfers, zoals 06 12345678, "
            "of met landnummer: +31 6 12345678."
        )
    return email or None, phone or None
