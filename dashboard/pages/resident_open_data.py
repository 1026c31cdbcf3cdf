"""Residents (and anyone who reuses data): every public table of all neighbourhoods as one
download, CSV per table and a documented JSON, under the CC0 licence; the same files at a
fixed address for programs; and the feed and calendar of each neighbourhood."""

import streamlit as st

from dashboard import services
from dashboard.components import follow_view, open_data_files
from dashboard.components.dates import long_date
from dashboard.components.downloads import public_download
from dashboard.components.follow_files import agenda_path, agenda_url, feed_path, feed_url
from dashboard.components.headings import heading
from dashboard.components.public_cache import PublicReader
from dashboard.components.tables import markdown_table
from dashboard.components.text import plain
from dashboard.domain.open_data import LICENCE_TITLE, LICENCE_URL
from dashboard.i18n import t
from dashboard.services import open_data
from dashboard.services.open_data import DataSet
from dashboard.web.app_state import store
from sortition import clock

st.title(t("Open data"))
st.write(
    t(
        "Alle openbare cijfers van alle wijken in één download: de budgetten, het geld per "
        "jaar en per inwoner, het geld per taakveld van de gemeentebegroting, de besluiten, "
        "projecten, mijlpalen en betalingen, de voorstellen die wachten, de vergaderingen met "
        "notulen, de ideeën van bewoners en de wijkraden als groepen. Voor iedereen die er "
        "zelf mee wil rekenen, een kaart wil maken of de gemeente wil controleren."
    )
)

db = store()
data: DataSet = PublicReader(db)(open_data.data_set, clock.today())

heading(t("Downloaden"))
left, right = st.columns(2)
with left:
    public_download(
        t("Alles als ZIP: een CSV-bestand per tabel, JSON en uitleg"),
        lambda: open_data_files.zip_bytes(data),
        file_name=open_data_files.ZIP_NAME,
        mime="application/zip",
        key="open_data_zip",
    )
with right:
    public_download(
        t("Alles als één JSON-bestand met uitleg per veld"),
        lambda: open_data_files.json_bytes(data),
        file_name=open_data_files.JSON_NAME,
        mime="application/json",
        key="open_data_json",
    )
base = follow_view.here()
st.markdown(
    t("Voor programma's staan dezelfde bestanden altijd op een vast adres:")
    + f"\n- `{base}/open-data/{open_data_files.ZIP_NAME}`"
    + f"\n- `{base}/open-data/{open_data_files.JSON_NAME}`"
)
st.caption(
    t(
        "Cijfers van {datum}. De CSV-bestanden openen in Excel: puntkomma tussen de velden, "
        "komma in bedragen, datums als JJJJ-MM-DD. Het bestand datapackage.json in de ZIP "
        "beschrijft elke tabel en elk veld (volgens Frictionless Data).",
        datum=long_date(data.made_on),
    )
)

heading(t("Licentie"))
st.markdown(
    t(
        "U mag deze gegevens vrij gebruiken, delen en bewerken, ook voor commerciële doelen, "
        "zonder toestemming te vragen: ze vallen onder **{licentie}**. Een vermelding van de "
        "bron (“Wijkraad Wijkdam”) waarderen we, maar hoeft niet.",
        licentie=LICENCE_TITLE,
    )
    + f" [{t('Lees de licentie')}]({LICENCE_URL})"
)

heading(t("Wat staat erin?"))
st.markdown(
    markdown_table(
        [t("Bestand"), t("Wat"), t("Rijen")],
        [[f"{table.name}.csv", table.title, str(len(table.rows))] for table in data.tables],
        align_right={2},
    )
)
st.write(t("Per tabel de velden en wat ze betekenen (de beschrijvingen zijn in het Nederlands):"))
for table in data.tables:
    with st.expander(f"{table.name}: {table.title}"):
        st.write(table.description)
        st.markdown(
            markdown_table(
                [t("Veld"), t("Soort"), t("Betekenis")],
                [[field.name, field.type, field.description] for field in table.fields],
            )
        )

heading(t("Wat staat er niet in?"))
st.write(
    t(
        "Alleen wat de openbare pagina's ook laten zien. Er staan geen namen, adressen, "
        "telefoonnummers of e-mailadressen in, en geen besluiten die nog niet openbaar zijn. "
        "Van voorstellen en betalingen staat geen omschrijving in: die kan de naam van een "
        "bewoner of leverancier bevatten. Een groep van minder dan 5 raadsleden of inwoners "
        "staat niet apart in de tabel van de wijkraden, net als op de pagina De wijkraad."
    )
)

heading(t("Een wijk volgen"))
st.write(
    t(
        "Zonder account: zet het nieuwsadres van uw wijk in een feedlezer (RSS/Atom) voor "
        "nieuwe besluiten, betalingen en mijlpalen, of het agenda-adres in uw agenda "
        "(abonneren op een agenda) voor de vergaderingen van de wijkraad."
    )
)
st.markdown(
    "| "
    + " | ".join([t("Wijk"), t("Nieuws (Atom)"), t("Vergaderingen (agenda)")])
    + " |\n|:---|:---|:---|\n"
    + "\n".join(
        f"| {plain(hood.name)} | [{plain(hood.code)}.atom]({feed_path(hood.code)}) | "
        f"[{plain(hood.code)}.ics]({agenda_path(hood.code)}) |"
        for hood in services.neighbourhoods(db)
    )
)
st.caption(
    t(
        "Het volledige adres voor uw feedlezer of agenda is bijvoorbeeld {nieuws} of {agenda}.",
        nieuws=f"`{feed_url('WK001', base)}`",
        agenda=f"`{agenda_url('WK001', base)}`",
    )
)
