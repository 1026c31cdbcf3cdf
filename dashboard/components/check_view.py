"""The checks of a draw's public bundle for residents: each check `sortition verify` makes,
with ✓ or ✗ and what it means in plain words (`sortition.checks.TEXTS`), and the technical
difference when one fails. Counts and numbers only; what a file says is shown as text."""

from __future__ import annotations

import hashlib

import streamlit as st

from dashboard.components.ceremonies_view import fingerprint
from dashboard.components.forms import show_error
from dashboard.components.headings import heading
from dashboard.components.text import plain
from dashboard.domain.errors import UserError
from dashboard.i18n import t
from dashboard.services import verification
from dashboard.services.verification import BundleCheck
from dashboard.web import client_limits
from sortition.checks import TEXTS, Check

MARKS = {True: "✓", False: "✗", None: "–"}
SHOWN_PROBLEMS = 5
PROBLEM_LENGTH = 300
_LAST_UPLOAD = "_controle_upload"  # (hash of the files, their result or refusal)


def results(result: BundleCheck) -> None:
    """The verdict, what the file says of the draw, then every check."""
    failed = result.failed
    if failed:
        st.error(
            (
                t("1 van de {alle} controles klopt niet.", alle=len(result.checks))
                if len(failed) == 1
                else t(
                    "{fout} van de {alle} controles kloppen niet.",
                    fout=len(failed),
                    alle=len(result.checks),
                )
            )
            + " "
            + t(
                "Dit is niet de loting zoals die vooraf is vastgelegd, of het bestand is veranderd."
            )
        )
    else:
        st.success(t("Alles klopt: elke controle hieronder is goed."))
    if result.needs_parent:
        st.info(
            t(
                "Dit is een vervangingsloting. Of die echt volgt uit de eerdere loting van de "
                "raad, is alleen na te kijken met het controlebestand van die eerdere loting "
                "erbij."
            )
        )
    _facts(result)
    heading(t("De controles"))
    for check in result.checks:
        _check(check)


def _facts(result: BundleCheck) -> None:
    text = t(
        "Volgens het bestand: {zetels} plaatsen in de raad, {aanmelders} mensen die zich "
        "aanmeldden en {lijst} raden die uit de loting konden komen.",
        zetels=result.seats,
        aanmelders=result.volunteers,
        lijst=result.lottery_size,
    )
    if result.inputs and result.chosen_index is not None:
        text += " " + t(
            "Getallen uit de zaal: {invoer}. Die getallen hebben de raad gekozen.",
            invoer=", ".join(f"“{plain(value)}”" for value in result.inputs),
        )
    st.write(text)
    if result.commitment is not None:
        st.markdown(f"**{t('Controlecode in het bestand')}**")
        fingerprint(result.commitment)


def _check(check: Check) -> None:
    text = TEXTS[check.code]
    if check.passed is False:
        st.error(f"{MARKS[False]} {t(text.fails)}")
        problems = [p if len(p) <= PROBLEM_LENGTH else p[:PROBLEM_LENGTH] + "…"
                    for p in check.problems[:SHOWN_PROBLEMS]]  # fmt: skip
        more = len(check.problems) - len(problems)
        detail = "; ".join(problems) + (f"; … (+{more})" if more > 0 else "")
        st.caption(t("Wat er niet klopt (technisch):") + " " + plain(detail))
    elif check.passed:
        st.markdown(f"{MARKS[True]} {t(text.holds)}")
    else:
        st.markdown(f"{MARKS[None]} {t(text.waiting)}")


def upload() -> None:
    """Check a file the resident uploads (and, for a replacement, its council's)."""
    st.write(
        t(
            "Kies het openbare controlebestand (JSON) van een loting, bijvoorbeeld het "
            "bestand dat u op de pagina van de wijkraad hebt gedownload."
        )
    )
    limit = verification.MAX_UPLOAD_MB
    chosen = st.file_uploader(t("Controlebestand (JSON, hoogstens {mb} MB)", mb=limit),
                              type=["json"], max_upload_size=limit,
                              key="controle_bestand")  # fmt: skip
    earlier = st.file_uploader(
        t("Alleen bij een vervangingsloting: het controlebestand van de eerdere loting"),
        type=["json"],
        max_upload_size=limit,
        key="controle_ouder",
        help=t(
            "Een vervangingsloting kiest nieuwe leden uit de aanmeldingen van een eerdere "
            "loting. Met beide bestanden kijkt u ook na dat ze bij elkaar horen."
        ),
    )
    if chosen is None:
        return
    data = chosen.getvalue()
    parent = earlier.getvalue() if earlier is not None else None
    outcome = _checked(data, parent)
    if isinstance(outcome, BundleCheck):
        results(outcome)
    elif outcome is not None:
        show_error(outcome)


def _checked(data: bytes, parent: bytes | None) -> BundleCheck | str | None:
    """The result for these files: from this session's last check of the same files, else
    checked now (one action of the client's download limit); a refusal as its message;
    None when the limit is spent (its message is shown)."""
    key = hashlib.sha256(data + b"\0" + (parent or b"")).hexdigest()
    last = st.session_state.get(_LAST_UPLOAD)
    if last is not None and last[0] == key:
        return last[1]
    refused = client_limits.refusal(client_limits.DOWNLOADS, client_limits.current_client())
    if refused:
        st.warning(refused)
        return None
    outcome: BundleCheck | str
    try:
        outcome = verification.check_upload(data, parent)
    except UserError as exc:
        outcome = str(exc)
    st.session_state[_LAST_UPLOAD] = (key, outcome)
    return outcome
