"""Residents: the projects of a neighbourhood on a map, and one project in full: where it
is, its photos, its dated timeline (proposal, decision, payments, milestones) and the
decision and meeting behind it. The address names the project (`?project=WR-2026-00012`),
so a link from the feed or a neighbour opens it; the list under the map does what a
click on the map does, with the keyboard."""

import streamlit as st

from dashboard import services
from dashboard.components import charts, project_view
from dashboard.components.choose import REMEMBERED, neighbourhood_or_stop
from dashboard.components.public_cache import PublicReader
from dashboard.components.text import plain
from dashboard.i18n import t
from dashboard.services import public_projects
from dashboard.web.app_state import store
from sortition import clock

st.title(t("Projecten op de kaart"))
st.write(
    t(
        "Hier ziet u de projecten van uw wijk op de kaart. Kies een project op de kaart of in "
        "de lijst: u ziet dan waar het is, foto's, wat er is gebeurd (van voorstel tot besluit, "
        "betalingen en mijlpalen) en het besluit van de wijkraad."
    )
)

db = store()
read = PublicReader(db)
today = clock.today()
asked = str(st.query_params.get("project") or "")
opened = read(public_projects.project_page, asked, today) if asked else None
if opened is not None and st.query_params.get("wijk") != opened.place.neighbourhood_code:
    # a link to a project of another neighbourhood than the one chosen before
    st.query_params["wijk"] = opened.place.neighbourhood_code
    st.session_state[REMEMBERED] = opened.place.neighbourhood_code
    st.session_state.pop("wijk", None)
hood = neighbourhood_or_stop(db)
refs = read(public_projects.project_refs, hood.id)
if not refs:
    st.info(t("Er zijn nog geen projecten waarvoor geld is toegekend."))
    st.stop()
titles = dict(refs)
points = read(public_projects.project_points, hood.id)
chosen = asked if asked in titles else None

event = st.plotly_chart(
    charts.projects_map(hood, services.neighbourhood_parts(db, hood.id), points, chosen),
    on_select="rerun",
    selection_mode="points",
    key=f"projectkaart_{hood.code}",
)
clicked = charts.chosen_code(event)
if clicked in titles and clicked != chosen:
    st.query_params["project"] = str(clicked)
    st.rerun()
st.caption(
    t(
        "{met} van de {totaal} projecten hebben een plek op de kaart (een stip; het gekozen "
        "project is een grotere, oranje stip). Alle projecten staan in de lijst hieronder.",
        met=len(points),
        totaal=len(refs),
    )
)

NONE = ""
KEY, SHOWN = f"project_{hood.code}", "project_getoond"
if st.session_state.get(SHOWN) != (chosen or NONE) or KEY not in st.session_state:
    # the address changed (a click on the map, a link): the list follows it
    st.session_state[KEY] = chosen or NONE
    st.session_state[SHOWN] = chosen or NONE
SHORT = 34  # characters: the chosen one still fits the list's box on a 320-pixel phone
twice = {title for title in titles.values() if list(titles.values()).count(title) > 1}


def option(ref: str) -> str:
    """A project in the list by its title (with its reference when two share a title),
    shortened to fit a phone; the page below the list has it in full."""
    if ref == NONE:
        return t("— kies een project —")
    text = f"{titles[ref]} ({ref})" if titles[ref] in twice else titles[ref]
    return text if len(text) <= SHORT else text[: SHORT - 1].rstrip() + "…"


picked = st.selectbox(t("Kies een project"), [NONE, *titles], format_func=option, key=KEY)
if picked != (chosen or NONE):
    st.session_state[SHOWN] = picked
    if picked:
        st.query_params["project"] = picked
    else:
        st.query_params.pop("project", None)
    st.rerun()

if chosen is None:
    st.markdown(
        t("De projecten van {wijk}, de nieuwste besluiten eerst:", wijk=plain(hood.name))
        + "\n"
        + "\n".join(
            f"- [{plain(title)} ({ref})]"
            f"({project_view.link('resident_project', wijk=hood.code, project=ref)})"
            for ref, title in refs
        )
    )
    st.stop()

page = read(public_projects.project_page, chosen, today)
if page is None:  # gone since the list was read (a correction of the decision)
    st.info(t("Dit project is niet (meer) te zien."))
    st.stop()
project_view.project(page, today)
