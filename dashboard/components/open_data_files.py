"""The open data set as files: one CSV per table, a `datapackage.json` that describes them
(a Frictionless Data Package: every table, every field with its type and meaning, the
licence), the whole set as one JSON document with the data inline, and all of that in one
ZIP. The CSV files are written by `exports.rows_csv` like every download of the app
(semicolons, decimal commas, formula-safe cells); the JSON writes amounts exactly, as text
with a decimal point ("1234.50"), and true/false as JSON booleans."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date, time
from decimal import Decimal
from typing import Any

from dashboard.components.exports import rows_csv
from dashboard.domain.open_data import (
    ABOUT,
    LICENCE_NAME,
    LICENCE_TEXT,
    LICENCE_TITLE,
    LICENCE_URL,
    Table,
)
from dashboard.services.open_data import DataSet

PACKAGE = "wijkraad-open-data"
ZIP_NAME = f"{PACKAGE}.zip"
JSON_NAME = f"{PACKAGE}.json"
TITLE = "Wijkraad Wijkdam: open data van alle wijken"
CSV_DIALECT = {"delimiter": ";", "lineTerminator": "\r\n", "header": True, "quoteChar": '"'}
README = """Open data van de wijkraden van Wijkdam
=======================================

{about}

In dit bestand:
- datapackage.json: beschrijving van elke tabel en elk veld (Frictionless Data Package).
- {json_name}: alle tabellen in één JSON-bestand, met dezelfde beschrijving.
- Eén CSV-bestand per tabel: scheidingsteken puntkomma, komma als decimaalteken (1234,50),
  datums als JJJJ-MM-DD, ja/nee, UTF-8. Een leeg veld is leeg of niet bekend.
- LICENTIE.txt: de licentie.

Gemaakt op {made_on}.

Licentie: {licence}
"""


def json_bytes(data: DataSet) -> bytes:
    """The whole set as one JSON document: the package's description with every table's
    rows inline (`data`)."""
    package = _package(data, inline=True)
    return (json.dumps(package, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def csv_bytes(table: Table) -> bytes:
    return rows_csv([f.name for f in table.fields], [[_csv(v) for v in row] for row in table.rows])


def zip_bytes(data: DataSet) -> bytes:
    """Every table as CSV, datapackage.json, the JSON document, a read-me and the licence."""
    buffer = io.BytesIO()
    stamp = (data.made_on.year, data.made_on.month, data.made_on.day, 0, 0, 0)
    files = {
        "LEESMIJ.txt": README.format(
            about=ABOUT, json_name=JSON_NAME, made_on=data.made_on.isoformat(),
            licence=LICENCE_TEXT,
        ).encode("utf-8"),
        "LICENTIE.txt": (LICENCE_TITLE + "\n\n" + LICENCE_TEXT + "\n").encode("utf-8"),
        "datapackage.json": (
            json.dumps(_package(data, inline=False), ensure_ascii=False, indent=1) + "\n"
        ).encode("utf-8"),
        JSON_NAME: json_bytes(data),
        **{f"{table.name}.csv": csv_bytes(table) for table in data.tables},
    }  # fmt: skip
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    return buffer.getvalue()


def _package(data: DataSet, inline: bool) -> dict[str, Any]:
    notes = (
        {"notes": "Bedragen (velden van het type number met een bedrag in euro) staan in deze "
         "JSON als tekst met een punt ('1234.50'), zodat ze exact blijven; lees ze als getal. "
         "Datums als 'JJJJ-MM-DD', tijden als 'UU:MM' (Nederlandse tijd), leeg als null."}
        if inline
        else {}
    )  # fmt: skip
    return {
        "profile": "tabular-data-package",
        "name": PACKAGE,
        "title": TITLE,
        "description": ABOUT,
        "language": "nl",
        "created": data.made_on.isoformat(),
        "licenses": [{"name": LICENCE_NAME, "title": LICENCE_TITLE, "path": LICENCE_URL}],
        "licence_text": LICENCE_TEXT,
        **notes,
        "resources": [_resource(table, inline) for table in data.tables],
    }


def _resource(table: Table, inline: bool) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "name": table.name,
        "title": table.title,
        "description": table.description,
        "profile": "tabular-data-resource",
    }
    if inline:
        names = [f.name for f in table.fields]
        resource["data"] = [dict(zip(names, map(_json, row), strict=True)) for row in table.rows]
    else:
        resource |= {
            "path": f"{table.name}.csv",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8-sig",
            "dialect": CSV_DIALECT,
        }
    schema: dict[str, Any] = {
        "fields": [_field(f.name, f.type, f.description, inline) for f in table.fields],
        "missingValues": [""],
    }
    if table.key:
        schema["primaryKey"] = list(table.key)
    resource["schema"] = schema
    return resource


def _field(name: str, kind: str, description: str, inline: bool) -> dict[str, Any]:
    field: dict[str, Any] = {"name": name, "type": kind, "description": description}
    if kind == "number" and not inline:
        field["decimalChar"] = ","
    if kind == "boolean" and not inline:
        field |= {"trueValues": ["ja"], "falseValues": ["nee"]}
    if kind == "time":
        field["format"] = "%H:%M"
    return field


def _csv(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, Decimal):
        return f"{value.quantize(Decimal('0.01')):f}".replace(".", ",")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _json(value: object) -> object:
    if isinstance(value, Decimal):
        return f"{value.quantize(Decimal('0.01')):f}"
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return value
