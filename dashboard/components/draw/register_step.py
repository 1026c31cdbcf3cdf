"""Step 2: the extract of the population register: upload, preview, map the columns,
check, and only then store."""

from __future__ import annotations

import streamlit as st

from dashboard.components.draw.common import go_to
from dashboard.components.exports import csv_bytes
from dashboard.components.forms import attempt, show_error
from dashboard.domain.auth import Caller
from dashboard.domain.errors import UserError
from dashboard.files import register_extract as rx
from dashboard.i18n import t
from dashboard.services import Store
from dashboard.services.draws import register as draw_register
from dashboard.services.draws.workspace import DrawState

_UPLOAD = "_register_upload"
_CHECK = "_register_check"


def _read(uploaded: object, draw_id: int) -> rx.Upload | None:
    """The uploaded file, read once per file (a million rows take a second or two)."""
    file_id = getattr(uploaded, "file_id", None) or getattr(uploaded, "name", "")
    cached = st.session_state.get(_UPLOAD)
    if cached and cached[0] == (draw_id, file_id):
        return cached[1]
    try:
        with st.spinner(t("Het bestand wordt gelezen…")):
            upload = rx.read_upload(uploaded.getvalue(), uploaded.name)  # type: ignore[attr-defined]
    except UserError as exc:
        show_error(exc)
        return None
    st.session_state[_UPLOAD] = ((draw_id, file_id), upload)
    st.session_state.pop(_CHECK, None)
    return upload


def render(db: Store, caller: Caller, state: DrawState) -> None:
    draw_id = state.context.draw.id
    st.subheader(t("Stap 2. Het uittreksel uit het bevolkingsregister"))
    for done in draw_register.register_imports(db, caller, draw_id):
        st.success(
            t(
                "Ingelezen op {datum}: {bestand}, {rijen} inwoners voor deze loting "
                "({nieuw} nieuw, {gewijzigd} gewijzigd, {fout} rijen met een probleem niet "
                "ingelezen).",
                datum=f"{done.imported_at:%d-%m-%Y %H:%M}",
                bestand=done.file_name,
                rijen=done.rows_used,
                nieuw=done.residents_new,
                gewijzigd=done.residents_changed,
                fout=done.rows_rejected,
            )
        )
        if done.contacts_skipped:
            st.info(
                t("Van {n} inwoners in het bestand zijn naam en adres niet opgeslagen: die "
                  "zijn eerder op hun verzoek gewist.", n=done.contacts_skipped)
            )  # fmt: skip
    if state.invitations:
        st.info(t("De uitnodigingen zijn geloot; het uittreksel ligt nu vast."))
        return
    st.write(
        t(
            "Vraag de gemeente om een uittreksel (CSV of XLSX) met per inwoner: persoonsnummer "
            "en huishoudnummer (pseudoniem, nooit een BSN), geboortedatum, geslacht, wijkcode, "
            "buurtcode, straat, huisnummer, postcode en woonplaats; als het kan ook voornaam, "
            "achternaam, opleiding, woonsituatie en herkomst. Er wordt niets opgeslagen "
            "voordat u het controleverslag heeft gezien en op Opslaan drukt."
        )
    )
    uploaded = st.file_uploader(
        t("Uittreksel (CSV of XLSX, hoogstens {mb} MB)", mb=st.get_option("server.maxUploadSize")),
        type=["csv", "txt", "xlsx"],
        key=f"brp_{draw_id}",
    )
    if uploaded is None:
        return
    upload = _read(uploaded, draw_id)
    if upload is None:
        return
    st.markdown(
        t("**Voorbeeld: de eerste rijen van {rijen}**", rijen=f"{upload.rows:,}".replace(",", "."))
    )
    st.dataframe(upload.preview(), hide_index=True, width="stretch")

    st.markdown(t("**Welke kolom is wat?**"))
    guessed = rx.guess_mapping(upload.columns)
    options = [rx.NOT_IN_FILE, *upload.columns]
    mapping: dict[str, str] = {}
    cols = st.columns(4)
    for n, f in enumerate(rx.FIELDS):
        chosen = cols[n % 4].selectbox(
            f.label + ("" if f.required else t(" (mag ontbreken)")),
            options,
            index=options.index(guessed[f.key]),
            format_func=lambda c: c or t("— niet in het bestand —"),
            key=f"kolom_{draw_id}_{f.key}",
        )
        mapping[f.key] = chosen
    if st.button(t("Controleren"), key=f"controleren_{draw_id}"):
        try:
            with st.spinner(t("Elke rij wordt gecontroleerd…")):
                check = draw_register.check_register(db, caller, draw_id, upload, mapping)
        except UserError as exc:
            show_error(exc)
            return
        st.session_state[_CHECK] = ((draw_id, upload.sha256, tuple(sorted(mapping.items()))), check)
    cached = st.session_state.get(_CHECK)
    if not cached or cached[0] != (draw_id, upload.sha256, tuple(sorted(mapping.items()))):
        return
    _report(db, caller, draw_id, cached[1])


def _report(db: Store, caller: Caller, draw_id: int, check: rx.ExtractCheck) -> None:
    st.markdown(t("**Controleverslag**"))
    c = st.columns(4)
    dots = lambda n: f"{n:,}".replace(",", ".")  # noqa: E731
    c[0].metric(t("Rijen in het bestand"), dots(check.rows_read))
    c[1].metric(t("Buiten deze loting"), dots(check.rows_outside))
    c[2].metric(t("Met een probleem"), dots(check.rejected_lines))
    c[3].metric(t("Kunnen worden opgeslagen"), dots(check.rows_used))
    if check.problems:
        st.warning(
            t("{n} rijen hebben een probleem. Per probleem de regelnummers (de kopregel is "
              "regel 1):", n=dots(check.rejected_lines))
        )  # fmt: skip
        st.dataframe(
            {
                t("Kolom"): [p.field for p in check.problems],
                t("Probleem"): [p.reason for p in check.problems],
                t("Aantal"): [p.count for p in check.problems],
                t("Regels"): [p.lines_text() for p in check.problems],
            },
            hide_index=True,
            width="stretch",
        )
        st.download_button(
            t("Volledig verslag als CSV"),
            lambda: csv_bytes(check.problem_table()),
            file_name="controleverslag.csv",
            mime="text/csv",
            key=f"verslag_{draw_id}",
            on_click="ignore",
        )
    else:
        st.success(t("Geen problemen gevonden."))
    accept = True
    if check.rejected_lines:
        accept = st.checkbox(
            t("Ik begrijp dat de {n} rijen met een probleem niet meedoen aan de loting.",
              n=dots(check.rejected_lines)),
            key=f"accepteren_{draw_id}",
        )  # fmt: skip
    if st.button(t("Opslaan"), type="primary", key=f"opslaan_{draw_id}", disabled=not accept):

        def store_it() -> draw_register.ImportResult:
            result = draw_register.import_register(db, caller, draw_id, check, accept)
            st.session_state.pop(_CHECK, None)
            go_to(draw_id, 3)
            return result

        attempt(
            store_it,
            t("Het uittreksel is opgeslagen. Volgende stap: uitnodigen (stap 3)."),
            lambda r: (
                t("Dit bestand was al ingelezen; er is niets veranderd.")
                if r.already_imported
                else t(
                    "Van {n} inwoners zijn naam en adres niet opgeslagen: die zijn eerder "
                    "op hun verzoek gewist.",
                    n=r.stored.contacts_skipped,
                )
                if r.stored.contacts_skipped
                else None
            ),
        )
