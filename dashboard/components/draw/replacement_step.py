"""A replacement draw's page: whose seats it fills, the notes on its quotas, its public
ceremony (the same screen as the council's, also on the projector) and who took the
seats. Numbers and groups only, never a name."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.components.draw import ceremony_step
from dashboard.components.draw.common import open_draw
from dashboard.components.forms import attempt
from dashboard.domain.auth import Caller
from dashboard.domain.statuses import DrawStatus
from dashboard.i18n import t
from dashboard.services import Store
from dashboard.services.draws import replacements as draw_replacements
from dashboard.services.draws import workspace as draws
from dashboard.services.draws.workspace import DrawState


def render(db: Store, caller: Caller, state: DrawState) -> None:
    ctx = state.context
    draw_id = ctx.draw.id
    view = draw_replacements.replacement_view(db, caller, draw_id)
    st.subheader(t("Vervangingsloting voor loting {ouder}", ouder=view.parent_draw_id))
    if st.button(t("Naar de leden van de raad (loting {ouder})", ouder=view.parent_draw_id),
                 key=f"naar_ouder_{draw_id}"):  # fmt: skip
        open_draw(view.parent_draw_id, 8)
    st.write(
        t("Deze loting vult {k} open plaatsen uit de {n} aanmeldingen die over zijn, met de "
          "quota van de raad min wat de leden die blijven al vullen.", k=ctx.k,
          n=view.volunteers)
    )  # fmt: skip
    st.dataframe(
        pd.DataFrame(
            {
                t("Plaats van nr"): view.leaving["number"],
                t("Vervangen door nr"): view.leaving["replaced_by"].map(
                    lambda v: "" if v is None or pd.isna(v) else str(v)
                ),
            }
        ),
        hide_index=True,
    )
    for note in view.notes:
        st.warning(note)
    st.divider()
    ceremony_step.render(db, caller, state)
    if ctx.draw.status == DrawStatus.COMMITTED and ctx.draw.chosen_index is None:
        with st.expander(t("Vervangingsloting stoppen")):
            reason = st.text_input(t("Waarom stopt de vervangingsloting?"),
                                   key=f"stop_vervanging_{draw_id}")  # fmt: skip
            if st.button(t("Vervangingsloting stoppen"), key=f"stop_v_{draw_id}"):
                attempt(
                    lambda: draws.cancel_draw(db, caller, draw_id, reason),
                    t("De vervangingsloting is gestopt; de plaatsen kunnen opnieuw worden "
                      "gevuld."),
                )  # fmt: skip
    elif ctx.draw.status == DrawStatus.COMPLETED:
        st.success(
            t("De vervangers staan bij de leden van de raad (loting {ouder}); vraag of ze "
              "meedoen en bevestig ze daar.", ouder=view.parent_draw_id)
        )  # fmt: skip
