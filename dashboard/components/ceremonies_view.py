"""Announced ceremonies as residents read them: when and where, how the inputs are
chosen, the fingerprint with what it proves, and what became of the draw. Councils,
neighbourhoods and numbers only, never a name; everything typed is shown as text."""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from dashboard.components.dates import long_date
from dashboard.components.text import plain
from dashboard.domain.translatable import N_
from dashboard.i18n import t
from dashboard.services.public import AnnouncedDraw
from sortition.clock import AMSTERDAM

CEREMONIES_PAGE = "dashboard/pages/resident_ceremonies.py"
CHECK_PAGE = "dashboard/pages/resident_check.py"
COUNCIL_PAGE = "dashboard/pages/resident_council.py"
PURPOSES = {
    "council": N_("Loting van de wijkraad"),
    "replacement": N_("Loting van vervangers: nieuwe leden voor wie stopte"),
    "rotation": N_("Wisseling: een deel van de raad wordt opnieuw geloot"),
    "panel": N_("Loting van het wijkpanel"),
}


def moment(value: datetime) -> str:
    """A stored moment (naive UTC) as "vrijdag 4 december 2026 om 19:30" in Amsterdam."""
    local = value.replace(tzinfo=UTC).astimezone(AMSTERDAM)
    return t("{datum} om {tijd}", datum=long_date(local.date(), weekday=True),
             tijd=f"{local:%H:%M}")  # fmt: skip


def is_upcoming(item: AnnouncedDraw, now: datetime) -> bool:
    """Still to come: not drawn, not stopped, its moment ahead (`now` aware)."""
    return (
        item.chosen_index is None
        and item.status in ("open", "committed")
        and item.announcement.held_at.replace(tzinfo=UTC) > now
    )


def fingerprint(commitment: str) -> None:
    """The fingerprint in full, in a monospace block, with what it proves."""
    st.code(commitment, language=None, wrap_lines=True)
    st.caption(
        t(
            "Deze code laat zien dat vastlag welke raden uit de loting konden komen, voordat "
            "iemand de getallen uit de zaal kende."
        )
    )


def announcement(item: AnnouncedDraw, now: datetime) -> None:
    """One announced ceremony in a frame: what was announced, then what became of it."""
    shown = item.announcement
    with st.container(border=True):
        st.subheader(plain(item.council_name))
        hoods = ", ".join(plain(name) for _, name in item.neighbourhoods)
        st.markdown(f"{t(PURPOSES.get(item.purpose, PURPOSES['council']))} · {hoods}")
        st.markdown(
            "\n".join(
                [
                    f"- **{t('Wanneer')}:** {moment(shown.held_at)}",
                    f"- **{t('Waar')}:** {plain(shown.location)}",
                    f"- **{t('Zo worden de getallen gekozen')}:** {plain(shown.input_method)}",
                ]
            )
        )
        st.markdown(f"**{t('Controlecode')}**")
        fingerprint(shown.commitment)
        _published(item)
        _outcome(item, now)


def _published(item: AnnouncedDraw) -> None:
    text = t("Bekendgemaakt op {moment}.", moment=moment(item.announcement.published_at))
    if item.earlier:
        text += " " + t(
            "Deze aankondiging is {keer} keer gewijzigd; de eerste versie is bekendgemaakt op "
            "{eerste}.",
            keer=len(item.earlier),
            eerste=moment(item.first_published_at),
        )
    st.caption(text)
    if not item.earlier:
        return
    with st.expander(t("Eerdere versies van deze aankondiging")):
        for old in reversed(item.earlier):
            st.markdown(
                "\n".join(
                    [
                        f"**{t('Versie {n}', n=old.version)}** · "
                        + t("bekendgemaakt op {moment}", moment=moment(old.published_at)),
                        f"- {t('Wanneer')}: {moment(old.held_at)}",
                        f"- {t('Waar')}: {plain(old.location)}",
                        f"- {t('Zo worden de getallen gekozen')}: {plain(old.input_method)}",
                        f"- {t('Controlecode')}: `{old.commitment}`",
                    ]
                )
            )


def _outcome(item: AnnouncedDraw, now: datetime) -> None:
    """What became of the announced draw, with the way to its outcome."""
    shown = item.announcement
    if item.status == "cancelled":
        st.info(t("Deze loting is gestopt; de trekking gaat niet door."))
        return
    if item.chosen_index is None:
        if item.draw_commitment != shown.commitment:
            st.warning(
                t(
                    "Deze aankondiging geldt niet meer: de loting is daarna opnieuw "
                    "voorbereid. Er komt een nieuwe aankondiging met een nieuwe controlecode."
                )
            )
        elif not is_upcoming(item, now):
            st.info(
                t(
                    "Het aangekondigde moment is voorbij. De uitkomst staat hier zodra de "
                    "getallen uit de zaal zijn ingevoerd."
                )
            )
        return
    st.markdown(f"**{t('Uitkomst')}**")
    st.write(
        t(
            "Bij de loting noemden mensen in de zaal deze getallen: {invoer}. Die getallen "
            "hebben de raad gekozen.",
            invoer=", ".join(f"“{plain(value)}”" for value in item.inputs),
        )
    )
    _entered(item)
    matches(item)
    links(item)


def _entered(item: AnnouncedDraw) -> None:
    """When the inputs were entered, and a warning when that was before the moment
    announced: people who came at that moment could not have been there."""
    if item.revealed_at is None:
        return
    text = t("De getallen zijn ingevoerd op {moment}.", moment=moment(item.revealed_at))
    if item.revealed_at < item.announcement.held_at:
        st.warning(
            text
            + " "
            + t("Dat was vóór het aangekondigde moment: wie toen kwam, kon er niet bij zijn.")
        )
    else:
        st.caption(text)


def matches(item: AnnouncedDraw) -> None:
    """Whether the draw's fingerprint is the announced one."""
    if item.draw_commitment == item.announcement.commitment:
        st.success(
            t(
                "De controlecode van de uitkomst is dezelfde als in de aankondiging. Na de "
                "aankondiging is er dus niets veranderd."
            )
        )
    else:
        st.error(
            t(
                "De controlecode van de uitkomst is níet dezelfde als in de aankondiging. De "
                "loting is dus anders gedaan dan aangekondigd."
            )
        )


def links(item: AnnouncedDraw) -> None:
    """To the check of the drawn council and to the council's page."""
    if item.status != "completed":
        st.caption(
            t("Zodra de gelote leden hebben gezegd of ze meedoen, kunt u de loting hier nakijken.")
        )
        return
    draw_id = str(item.announcement.draw_id)
    st.page_link(CHECK_PAGE, label=t("Controleer deze loting"),
                 query_params={"loting": draw_id})  # fmt: skip
    for code, name in item.neighbourhoods:
        st.page_link(COUNCIL_PAGE, label=t("De wijkraad van {wijk}", wijk=plain(name)),
                     query_params={"wijk": code})  # fmt: skip


def council_note(draw_id: int, commitment: str | None, item: AnnouncedDraw | None) -> None:
    """On the council page, next to a draw's proof: its announcement and whether its
    fingerprint is the one announced, and the way to check it on the site."""
    if item is not None:
        said = item.announcement
        same = commitment == said.commitment
        text = t(
            "Aangekondigd op {moment} met controlecode {begin}… Dat is dezelfde code als "
            "hierboven.",
            moment=moment(said.published_at),
            begin=said.commitment[:12],
        )
        if not same:
            text = t(
                "Aangekondigd op {moment} met controlecode {begin}… Dat is níet dezelfde "
                "code als hierboven.",
                moment=moment(said.published_at),
                begin=said.commitment[:12],
            )
        (st.write if same else st.warning)(text)
        st.page_link(CEREMONIES_PAGE, label=t("Naar de aankondiging"))  # fmt: skip
    st.page_link(
        CHECK_PAGE,
        label=t("Controleer deze loting op deze website"),
        query_params={"loting": str(draw_id)},
    )
