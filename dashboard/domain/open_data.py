"""The open data set: every public table of all neighbourhoods, each described field by
field, under one licence. Pure: the tables' shapes and words; the service fills the rows
(`services/open_data.py`) and the components write them as CSV, JSON and ZIP.

Field types are those of the Frictionless Table Schema (string, integer, number, date,
time, boolean), so that tools that read a `datapackage.json` understand them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

LICENCE_NAME = "CC0-1.0"
LICENCE_TITLE = "CC0 1.0 Universeel (Publiek Domein Verklaring)"
LICENCE_URL = "https://creativecommons.org/publicdomain/zero/1.0/deed.nl"
LICENCE_TEXT = (
    "De gemeente Wijkdam geeft deze gegevens vrij onder CC0 1.0 Universeel: iedereen mag ze "
    "zonder voorwaarden gebruiken, delen en bewerken, ook voor commerciële doelen, zonder "
    "toestemming te vragen en zonder bronvermelding (een vermelding van de bron wordt wel "
    f"gewaardeerd). {LICENCE_URL}"
)
# What the set holds, and what it leaves out on purpose.
ABOUT = (
    "Alle openbare tabellen van alle wijken in Wijkdam: budgetten, geld per jaar en per "
    "inwoner, geld per Iv3-taakveld, besluiten, projecten, mijlpalen, betalingen, voorstellen "
    "die wachten op een besluit, vergaderingen met notulen, ideeën van bewoners en de "
    "samenstelling van de wijkraden als groepen. Alleen wat de openbare pagina's ook laten "
    "zien: alleen gepubliceerde besluiten, geen namen, adressen of contactgegevens, geen "
    "omschrijving van voorstellen of betalingen, en geen groep van minder dan 5 raadsleden "
    "of inwoners apart (zo'n getal is leeg, net als op de pagina De wijkraad)."
)
MONEY = "Bedrag in euro, met twee cijfers achter de komma."


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # string, integer, number, date, time, boolean
    description: str


@dataclass(frozen=True)
class Table:
    name: str  # the file's name without extension
    title: str
    description: str
    fields: tuple[Field, ...]
    rows: Sequence[tuple[object, ...]]
    key: tuple[str, ...] = ()  # the fields that together name a row


def f(name: str, kind: str, description: str) -> Field:
    return Field(name, kind, description)


WIJK = f("wijk", "string", "Code van de wijk, zoals WK001 (zie de tabel wijken).")
YEAR = f("jaar", "integer", "Het budgetjaar.")
REF = f("kenmerk", "string", "Kenmerk van het voorstel of project, zoals WR-2026-00012.")
