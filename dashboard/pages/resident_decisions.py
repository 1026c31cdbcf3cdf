"""Residents: what the council decided and why, what still waits for a decision and
since when, how far each project is and what is late or stalled, the next meetings and
the minutes of past ones (a meeting's time and the calendar file with it), and how to
follow the neighbourhood (its news feed). Published decisions and minutes only: drafts,
their votes and their money never show, and of the members only how many were there."""

import streamlit as st

from dashboard.components import decisions_view, follow_view, minutes_view
from dashboard.components.choose import neighbourhood_or_stop
from dashboard.components.public_cache import PublicReader
from dashboard.components.text import plain
from dashboard.i18n import t
from dashboard.services import follow, public
from dashboard.web.app_state import store
from sortition import clock

st.title(t("Besluiten en projecten"))
st.write(
    t(
        "Hier leest u wat de wijkraad heeft besloten en waarom, welke voorstellen nog op een "
        "besluit wachten, hoe ver de projecten zijn en wanneer de raad weer vergadert. U ziet "
        "alleen besluiten die openbaar zijn gemaakt."
    )
)

db = store()
hood = neighbourhood_or_stop(db)
read = PublicReader(db)
today = clock.today()

TABS = {
    "besluiten": t("Besluiten"),
    "wacht": t("Wacht op besluit"),
    "projecten": t("Projecten"),
    "vergaderingen": t("Vergaderingen"),
}  # a link opens a tab by its name in the address: ?tab=vergaderingen
decisions_tab, waiting_tab, projects_tab, meetings_tab = st.tabs(
    list(TABS.values()), default=TABS.get(str(st.query_params.get("tab", "")))
)
with decisions_tab:
    years = read(public.decision_years, hood.id)
    if not years:
        st.info(
            t("De wijkraad van {wijk} heeft nog geen openbare besluiten.", wijk=plain(hood.name))
        )
    else:
        year = st.selectbox(t("Jaar"), sorted(years, reverse=True), key="besluiten_jaar")
        decisions_view.decision_list(read(public.decisions, hood.id, year))
with waiting_tab:
    decisions_view.open_proposal_list(read(public.open_proposals, hood.id, today))
with projects_tab:
    decisions_view.project_list(read(public.projects, hood.id, today))
with meetings_tab:
    agenda = read(follow.agenda, hood.code)
    if agenda is not None:
        follow_view.meeting_list(agenda, today)
    minutes_view.minutes_list(read(public.meeting_minutes, hood.id))

news = read(follow.news, hood.code)
if news is not None:
    follow_view.follow_box(news)
