"""Step 6: what each fairness objective gives on the organiser's own pool, on demand (a
button; the result is kept for the session until the volunteers or quotas change)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.components.draw.charts import objectives_chart
from dashboard.components.draw.common import percent
from dashboard.components.forms import show_error
from dashboard.domain.auth import Caller, PermissionDenied
from dashboard.domain.errors import UserError
from dashboard.domain.translatable import N_
from dashboard.i18n import t
from dashboard.services import Store
from dashboard.services.draws import objectives as draw_objectives

NAMES = {
    "leximin": N_("Leximin"),
    "goldilocks": N_("Goldilocks"),
    "nash": N_("Nash"),
    "legacy": N_("Oude methode (schatting)"),
}
# Two sentences per objective: what it does, and whom it protects.
PROTECTS = {
    "leximin": N_(
        "Leximin maakt de kleinste kans zo groot als de quota toelaten, daarna de op één na "
        "kleinste, enzovoort. Zo beschermt het wie door de quota het minst kans maakt."
    ),
    "goldilocks": N_(
        "Goldilocks houdt de kleinste én de grootste kans samen zo dicht mogelijk bij de "
        "gelijke kans: niemand te weinig, niemand te veel. Zo loont het minder om bij de "
        "aanmelding iets anders over jezelf op te geven om in de raad te komen, ook na het "
        "afronden naar de lijst van raden."
    ),
    "nash": N_(
        "Nash maakt het product van alle kansen zo groot mogelijk: ieders kans telt mee, niet "
        "alleen de kleinste. Het beschermt de groep als geheel, maar de kleinste kans kan wat "
        "lager uitvallen dan bij leximin."
    ),
    "legacy": N_(
        "De oude methode vult de raad plaats voor plaats met wie de quota het hardst nodig "
        "hebben, en sommige aanmeldingen krijgen dan bijna geen kans. Ze is er alleen ter "
        "vergelijking; haar kansen zijn geschat door vaak te loten, dus niet precies."
    ),
}


def _key(draw_id: int) -> str:
    return f"methoden_vergelijking_{draw_id}"


def render(db: Store, caller: Caller, draw_id: int) -> None:
    """The comparison, or the button that computes it."""
    st.markdown(t("**Welke methode? Vergelijk ze op uw eigen aanmeldingen**"))
    kept: draw_objectives.Comparison | None = st.session_state.get(_key(draw_id))
    if kept is not None:
        try:
            current = draw_objectives.comparison_key(db, caller, draw_id)
        except (UserError, PermissionDenied):
            current = None
        if kept.key != current:
            kept = None
    if kept is None:
        st.caption(
            t("Rekent voor deze aanmeldingen en quota uit welke kansen elke methode geeft. "
              "Dat duurt meestal enkele seconden, bij grote groepen langer.")
        )  # fmt: skip
        if not st.button(t("Methoden vergelijken"), key=f"vergelijk_{draw_id}"):
            return
        try:
            with st.spinner(t("De methoden worden doorgerekend…")):
                kept = draw_objectives.compare_objectives(db, caller, draw_id)
        except (UserError, PermissionDenied) as exc:
            show_error(exc)
            return
        st.session_state[_key(draw_id)] = kept
        st.rerun()  # shown from the session, without the button
    _show(kept, draw_id)


def _show(comparison: draw_objectives.Comparison, draw_id: int) -> None:
    share = comparison.share
    rows = []
    for outcome in comparison.outcomes:
        name = t(NAMES[outcome.objective])
        if not outcome.computed:
            shown = (
                t("niet binnen {s} seconden uitgerekend", s=int(draw_objectives.TIME_LIMIT))
                if outcome.timed_out
                else t("vond geen raad")
            )
            rows.append([name, shown, "", "", "", ""])
            continue
        rows.append([
            name, percent(outcome.lowest, 1), percent(outcome.highest, 1),
            str(outcome.below(share)), f"{outcome.gini:.3f}".replace(".", ","),
            f"{outcome.seconds:.1f}".replace(".", ",") + " s",
        ])  # fmt: skip
    table = pd.DataFrame(
        rows,
        columns=[
            t("Methode"), t("Kleinste kans"), t("Grootste kans"),
            t("Onder de gelijke kans ({kans})", kans=percent(share, 1)), t("Gini"), t("Rekentijd"),
        ],
    )  # fmt: skip
    st.dataframe(table, hide_index=True, width="stretch")
    st.caption(
        t("Gelijke kans: {k} plaatsen voor {n} aanmeldingen. Gini is 0 als iedereen even veel "
          "kans heeft en groeit naarmate de kansen ongelijker zijn.",
          k=comparison.seats, n=len(comparison.ids))
    )  # fmt: skip
    names = {o.objective: t(NAMES[o.objective]) for o in comparison.outcomes if o.computed}
    st.plotly_chart(
        objectives_chart(comparison.chances(), names, share),
        width="stretch",
        key=f"methoden_{draw_id}",
    )
    for outcome in comparison.outcomes:
        st.markdown(f"**{t(NAMES[outcome.objective])}.** {t(PROTECTS[outcome.objective])}")
    if any(o.timed_out for o in comparison.outcomes):
        st.info(
            t("Een methode die niet op tijd klaar was, laten we weg: een tussenstand zou geen "
              "eerlijk beeld geven. Kies dan leximin.")
        )  # fmt: skip
