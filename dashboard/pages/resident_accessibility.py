"""Residents: the accessibility statement (toegankelijkheidsverklaring), as Dutch public
bodies must publish it: the standard, how the site is tested, what does not work well
yet, and how to report a problem."""

from datetime import date

import streamlit as st

from dashboard.components.dates import long_date
from dashboard.components.headings import heading
from dashboard.components.text import plain
from dashboard.config import accessibility_contact
from dashboard.i18n import t

CHECKED_ON = date(2026, 12, 7)  # the last time everything below was checked

st.title(t("Toegankelijkheid"))
st.write(
    t(
        "Iedereen moet deze website kunnen gebruiken. Ook op een kleine telefoon, met een "
        "schermlezer die de tekst voorleest, met alleen een toetsenbord of met grote letters. "
        "Hier leest u hoe ver we daarmee zijn."
    )
)

heading(t("Aan welke eisen moet de website voldoen?"))
st.write(
    t(
        "Websites van de overheid moeten voldoen aan de Europese norm EN 301 549. Daarin "
        "staan de regels van WCAG 2.1, niveau A en AA. Dat is de wet in Nederland (Besluit "
        "digitale toegankelijkheid overheid). Deze website voldoet daar gedeeltelijk aan: "
        "hieronder staat wat nog niet goed werkt."
    )
)

heading(t("Hoe hebben we het getest?"))
st.markdown(
    "- "
    + t(
        "Bij elke test van de software controleert een programma (axe-core) elke pagina "
        "voor bewoners, in het Nederlands en in het Engels. Het doet dat op een smalle "
        "telefoon (320 en 390 pixels breed) en op een computerscherm. De test slaagt alleen "
        "als er geen ernstige fouten zijn."
    )
    + "\n- "
    + t(
        "Bij dezelfde test kijkt een programma of op een smalle telefoon niets buiten het "
        "scherm valt: geen tekst, tabel of knop hoeft opzij te schuiven."
    )
    + "\n- "
    + t(
        "Een ontwikkelaar heeft elke pagina zelf bekeken op een telefoonscherm. Ook heeft hij "
        "nagekeken: de taal van de pagina, de volgorde van de koppen, of u ziet waar u bent "
        "met het toetsenbord, en of kaarten ook als tekst op de pagina staan."
    )
    + "\n- "
    + t(
        "Nog niet gedaan: een onderzoek door een onafhankelijke deskundige, en een test met "
        "mensen die een schermlezer of een ander hulpmiddel gebruiken."
    )
)

heading(t("Wat werkt nog niet goed?"))
st.markdown(
    "- "
    + t(
        "Kaarten werken niet met een toetsenbord of een schermlezer. Op de pagina Wijken op "
        "de kaart staan alle wijken daarom ook als lijst onder de kaart. Bij een idee kiest "
        "u de buurt uit een lijst en beschrijft u de plek in uw eigen woorden."
    )
    + "\n- "
    + t("De website werkt alleen als JavaScript aan staat in uw browser.")
    + "\n- "
    + t(
        "De website is gemaakt met het programma Streamlit. Een paar woorden daarvan zijn "
        "Engels. Wij vertalen ze op de pagina naar het Nederlands, maar soms ziet u heel "
        "even het Engelse woord. Een melding dat de verbinding weg is, kan in het Engels "
        "zijn."
    )
    + "\n- "
    + t(
        "Bestanden om te downloaden (CSV en JSON) zijn gegevens voor een computer, geen "
        "documenten om te lezen. Wat erin staat, staat ook op de pagina."
    )
    + "\n- "
    + t("Nog niet alle tekst is in eenvoudige taal (taalniveau B1). Daar werken we aan.")
    + "\n- "
    + t(
        "Het programma dat de pagina's controleert, vindt niet alle problemen. Daarom "
        "willen we graag horen wat u tegenkomt."
    )
)

heading(t("Een probleem melden"))
st.write(
    t(
        "Kunt u iets op deze website niet lezen of niet gebruiken? Laat het ons weten. "
        "Zeg op welke pagina het was en wat er misging. U krijgt binnen 5 werkdagen antwoord. "
        "Wilt u de informatie op een andere manier, bijvoorbeeld op papier of voorgelezen? "
        "Vraag het ons."
    )
)
contact = accessibility_contact()
if contact:
    st.markdown(f"**{t('Contact')}:** {plain(contact)}")
else:
    st.write(
        t(
            "Bel de gemeente op het algemene nummer (14 en dan het netnummer) of stuur een "
            "bericht via de website van de gemeente."
        )
    )

st.caption(
    t("Deze verklaring is voor het laatst nagekeken op {datum}.", datum=long_date(CHECKED_ON))
)
