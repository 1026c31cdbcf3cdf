"""Residents: who sits on the council, as groups next to the neighbourhood (never a name,
no group under 5 shown on its own), and how the council was drawn."""

import streamlit as st

from dashboard.components import council_view
from dashboard.components.choose import neighbourhood_or_stop
from dashboard.components.public_cache import PublicReader
from dashboard.components.text import plain
from dashboard.i18n import t
from dashboard.services import public
from dashboard.web.app_state import store
from sortition import clock

st.title(t("De wijkraad"))
st.write(
    t(
        "De leden van de wijkraad zijn door loting gekozen uit de inwoners. Zo krijgen "
        "ook mensen een stem die anders niet snel meepraten. Lijkt de raad op de wijk?"
    )
)

db = store()
hood = neighbourhood_or_stop(db)
view = PublicReader(db)(public.council_view, hood.id, clock.today())
if view is None:
    st.info(t("{wijk} heeft op dit moment geen wijkraad.", wijk=plain(hood.name)))
    st.stop()
council_view.composition(view)
read = PublicReader(db)
bundle = None
shown = [] if view.draw is None else [view.draw.draw_id, *(d.draw_id for d in view.follow_ups)]
announced = {i: a for i in shown if (a := read(public.draw_announcement, i)) is not None}
if view.draw is not None and view.draw.has_bundle:
    bundle = read(public.draw_bundle, view.draw.draw_id)
council_view.how_drawn(view.draw, view.drawn, bundle, announced)
if view.draw is not None and view.follow_ups:
    later = [(d, read(public.draw_bundle, d.draw_id)) for d in view.follow_ups]
    council_view.later_draws(later, view.draw.draw_id, announced)
