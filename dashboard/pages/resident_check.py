"""Residents: check a draw without a terminal. Pick a completed draw (its public bundle
comes from the store; a replacement is checked with its council draw's) or upload a
bundle file; every check of `python -m sortition verify` is shown with ✓ or ✗ and what it
means. Groups and counts only, never a name or a member's number."""

import streamlit as st

from dashboard.components import ceremonies_view, check_view
from dashboard.components.ceremonies_view import PURPOSES
from dashboard.components.dates import long_date
from dashboard.components.forms import show_error
from dashboard.components.headings import heading
from dashboard.components.public_cache import PublicReader
from dashboard.domain.errors import UserError
from dashboard.i18n import t
from dashboard.services import public
from dashboard.web.app_state import store
from sortition import clock

st.title(t("Controleer een loting"))
st.write(
    t(
        "De leden van een wijkraad worden in het openbaar geloot. Vooraf staat vast welke "
        "raden uit de loting kunnen komen. Daarvan maken we een controlecode bekend. In de "
        "bijeenkomst noemen mensen in de zaal getallen. Die getallen kiezen de raad. Hier "
        "kijkt u na of alles klopt. Bij elke controle staat wat die betekent."
    )
)

PICK, UPLOAD = "kiezen", "bestand"
how = st.radio(
    t("Wat wilt u nakijken?"),
    [PICK, UPLOAD],
    format_func=lambda v: t("Een loting uit de lijst") if v == PICK else t("Een eigen bestand"),
    horizontal=True,
    key="controle_hoe",
)
if how == UPLOAD:
    check_view.upload()
    st.stop()

db = store()
read = PublicReader(db)
today = clock.today()
draws = {d.draw_id: d for d in read(public.checkable_draws, today)}
if not draws:
    st.info(t("Er zijn nog geen afgeronde openbare lotingen om na te kijken."))
    st.stop()


def label(draw_id: int) -> str:
    draw = draws.get(draw_id)
    if draw is None:
        return str(draw_id)
    hoods = ", ".join(name for _, name in draw.neighbourhoods)
    when = long_date(draw.completed_on) if draw.completed_on else "?"
    return t(
        "{raad} ({wijken}): {wat}, afgerond op {datum}",
        raad=draw.council_name,
        wijken=hoods,
        wat=t(PURPOSES.get(draw.purpose, PURPOSES["council"])),
        datum=when,
    )


asked: int | None
try:
    asked = int(st.query_params.get("loting", ""))
except ValueError:
    asked = None
options = list(draws)
if st.session_state.get("controle_loting") not in draws:  # none yet, or no longer listed
    st.session_state.pop("controle_loting", None)
# A list to tick rather than a drop-down: each draw's long name wraps on a phone, where a
# drop-down would cut it off.
chosen = st.radio(
    t("Loting"),
    options,
    index=options.index(asked) if asked in draws else 0,
    format_func=label,
    key="controle_loting",
)
st.query_params["loting"] = str(chosen)
try:
    with st.spinner(t("Alles wordt nagerekend…")):
        result = read(public.draw_check, chosen, today)
except UserError as exc:
    show_error(exc)
else:
    if result is None:
        st.info(
            t(
                "Voor deze loting is er geen openbaar controlebestand: ze is gedaan voordat "
                "die bestanden er waren."
            )
        )
    else:
        check_view.results(result)
        announced = read(public.draw_announcement, chosen)
        if announced is not None:  # the outcome next to what was announced before
            heading(t("Aankondiging"))
            ceremonies_view.matches(announced)
            st.page_link(ceremonies_view.CEREMONIES_PAGE, label=t("Naar de aankondiging"))
