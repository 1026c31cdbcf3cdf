"""Signing up for a draw with the code of the letter: the code (from the letter's link or
typed), who of the household signs up, the questions the register cannot answer, how the
organisers can reach them, what happens with their data, and a confirmation to keep.
With the same code, until the selection is prepared, the resident sees the answer that
counts, corrects it or withdraws.

The page knows the letter only by its code, kept in this session once it opened a letter
(dashboard/services/signup.py checks it again at every step). Trying a code takes one from
the client's limit (dashboard/web/client_limits.py, SIGN_UP_CODE); the service locks a
client out after repeated wrong codes. Everything the resident typed is shown as text.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import streamlit as st

from dashboard.components.dates import long_date
from dashboard.components.downloads import public_download
from dashboard.components.forms import show_error
from dashboard.components.labels import GROUP, label
from dashboard.components.letter_code import CODE_PARAMETER, letter_code_form
from dashboard.components.text import plain
from dashboard.domain.errors import UserError
from dashboard.domain.translatable import N_
from dashboard.i18n import t
from dashboard.services import Store, privacy, signup
from dashboard.web import client_limits
from sortition.clock import AMSTERDAM

_OPENED = "aanmelden_brief"  # (draw id, code) of the letter this session opened
_DONE = "aanmelden_bevestiging"  # the confirmation of what was just sent
_EDIT = "aanmelden_wijzigen"  # the resident chose to change the sign-up
_NOTICE = "aanmelden_gelukt"  # what the last action did (shown once)
_REFUSED = "aanmelden_geweigerd"  # why the last action was refused (shown once)
_AFTER = "aanmelden_na"  # the letter as the last action left it (shown once, not read again)
QUESTIONS = {
    "age_band": N_("Leeftijd"),
    "gender": N_("Geslacht"),
    "education": N_("Wat is uw hoogst afgeronde opleiding?"),
    "tenure": N_("Hoe woont u?"),
    "part_code": N_("In welke buurt woont u?"),
    "origin": N_("Waar komt u, of komen uw ouders, vandaan?"),
}
SHORT = {
    "age_band": N_("Leeftijd"),
    "gender": N_("Geslacht"),
    "education": N_("Opleiding"),
    "tenure": N_("Woning"),
    "part_code": N_("Buurt"),
    "origin": N_("Herkomst"),
}
ORIGIN = {"Nederland": N_("Nederland"), "Europa": N_("Een ander land in Europa"),
          "buiten Europa": N_("Een land buiten Europa")}  # fmt: skip
RATHER_NOT = ""


def render(db: Store) -> None:
    """Each click is one run of the page: buttons act in their callbacks, before the run
    that shows the outcome, and nothing asks for a second run (as on the voting page),
    which keeps the page quick with many residents at once."""
    notice = st.session_state.pop(_NOTICE, None)
    if notice is not None:
        st.success(notice)
    refused: str | None = st.session_state.pop(_REFUSED, None)  # shown where it was sent
    found = _opened(db)
    if found is None:
        if refused is not None:
            show_error(refused)
        return
    st.markdown(
        t("Code **{code}** · {raad}", code=plain(found.code), raad=plain(found.council_name))
    )
    done = st.session_state.get(_DONE)
    if done is not None and done.code == found.code:
        _confirmation(done)
    current = found.current
    if current is not None and current.outcome == "ja" and not st.session_state.get(_EDIT):
        _signed_up(db, found, current, refused)
    else:
        if current is not None and current.outcome != "ja" and done is None:
            st.info(t("U heeft laten weten dat u niet meedoet. Wilt u toch meedoen? Meld u "
                      "dan hieronder aan."))  # fmt: skip
        _form(db, found, refused)
    _other_code_button()


def _opened(db: Store) -> signup.SignUp | None:
    """The letter this session opened (checked again), or the one the code form opens in
    this very run; None with the code form or the reason shown."""
    opened = st.session_state.get(_OPENED)
    after = st.session_state.pop(_AFTER, None)
    if opened is not None and after is not None and (after.draw_id, after.code) == opened:
        return after  # what the button's callback just recorded
    if opened is not None:
        try:
            found = signup.find_signup(db, opened[1], client_limits.current_client())
        except UserError as exc:  # the registration closed meanwhile, or a lock
            _forget()
            _shown_error(exc)
            _other_code_button()
            return None
        if found.draw_id == opened[0]:
            return found
        _forget()  # another letter behind the same code: start again
    slot = st.empty()
    with slot.container():
        sent = _code_form(db)
    if sent is not None:
        slot.empty()  # the letter takes the form's place in this same run
    return sent


# The code ----------------------------------------------------------------------------------------


def _code_form(db: Store) -> signup.SignUp | None:
    sent = letter_code_form("aanmelden_code", t("Verder"), client_limits.SIGN_UP_CODE)
    if sent is None:
        return None
    code, client = sent
    try:
        found = signup.find_signup(db, code, client)
    except UserError as exc:
        _shown_error(exc)
        return None
    st.session_state[_OPENED] = (found.draw_id, found.code)
    st.session_state.pop(_DONE, None)
    st.session_state.pop(_EDIT, None)
    return found


def _forget() -> None:
    for key in (_OPENED, _DONE, _EDIT):
        st.session_state.pop(key, None)


def _other_code_button() -> None:
    st.button(t("Een andere code invullen"), key="aanmelden_andere_code", on_click=_start_again)


def _start_again() -> None:
    _forget()
    st.query_params.pop(CODE_PARAMETER, None)


def _shown_error(exc: Exception) -> None:
    """The service's Dutch message, in English when the session reads English."""
    show_error(t(str(exc)))


# Signed up: the answer that counts ---------------------------------------------------------------


def _signed_up(
    db: Store, found: signup.SignUp, current: signup.Current, refused: str | None
) -> None:
    who = next((m.label for m in found.members if m.number == current.member), None)
    st.subheader(t("U bent aangemeld"))
    lines = []
    if who:
        lines.append(t("Aangemeld: {wie}", wie=plain(who)))
    for key, value in current.answers.items():
        lines.append(f"{t(SHORT[key])}: {plain(_answer_name(key, value))}")
    reach = _reach(current.phone, current.email)
    if reach:
        lines.append(t("Zo kan de organisatie u bereiken: {hoe}", hoe=reach))
    when = _full_moment(current.answered_at)
    if current.online:
        lines.append(t("Online aangemeld op {moment}; bevestigingsnummer {nummer}.",
                       moment=when, nummer=plain(current.confirmation)))  # fmt: skip
    else:
        lines.append(t("Uw aanmelding is op {moment} door de organisatie vastgelegd.",
                       moment=when))  # fmt: skip
    st.markdown("  \n".join(lines))
    st.write(
        t("Klopt er iets niet? Wijzig uw aanmelding. Wilt u toch niet meedoen? Dat kan tot "
          "de loting wordt voorbereid.")
    )  # fmt: skip
    change, stop = st.columns(2)
    change.button(t("Aanmelding wijzigen"), key="aanmelden_wijzig", on_click=_change)
    stop.button(t("Ik doe toch niet mee"), key="aanmelden_intrekken", on_click=_withdraw,
                args=(db, found))  # fmt: skip
    if refused is not None:
        show_error(refused)


def _change() -> None:
    st.session_state[_EDIT] = True
    st.session_state.pop(_DONE, None)


def _withdraw(db: Store, found: signup.SignUp) -> None:
    """The withdraw button's callback."""
    client = client_limits.current_client()
    _send(found, lambda: signup.withdraw(db, found.draw_id, found.code, client))


def _reach(phone: str | None, email: str | None) -> str:
    """Phone and e-mail as typed, shown as text."""
    parts = []
    if phone:
        parts.append(t("telefoon {nummer}", nummer=plain(phone)))
    if email:
        parts.append(t("e-mail {adres}", adres=plain(email)))
    return ", ".join(parts)


def _answer_name(key: str, value: str) -> str:
    """An answer as it reads (a buurt comes by its name already)."""
    if key == "part_code":
        return value
    return label(ORIGIN, value) if key == "origin" else label(GROUP, value)


# The form ----------------------------------------------------------------------------------------


def _form(db: Store, found: signup.SignUp, refused: str | None) -> None:
    if not found.members:
        st.warning(
            t("In uw huishouden is niemand die zich voor deze loting kan aanmelden (vanaf "
              "{leeftijd} jaar). Heeft u vragen? Bel of mail de organisatie: het "
              "telefoonnummer en e-mailadres staan in uw brief.", leeftijd=found.min_age)
        )  # fmt: skip
        if refused is not None:
            show_error(refused)
        return
    current = found.current
    st.subheader(t("Aanmelding wijzigen") if current and current.outcome == "ja"
                 else t("Aanmelden"))  # fmt: skip
    labels = {m.number: m.label for m in found.members}
    numbers = list(labels)
    chosen = current.member if current and current.member in labels else numbers[0]
    member = st.radio(
        t("Wie meldt zich aan?"),
        numbers,
        index=numbers.index(chosen),
        format_func=lambda n: plain(labels[n]),  # options are Markdown
        key=f"aanmelden_wie_{found.code}",
        help=t(
            "Iedereen in uw huishouden van {leeftijd} jaar of ouder mag meedoen. Per brief "
            "kan één persoon zich aanmelden. U ziet alleen de eerste letter van de "
            "voornaam en het geboortejaar.",
            leeftijd=found.min_age,
        ),
    )
    _fields(db, found, member)
    if refused is not None:  # under the button that was pressed; what was typed stays
        show_error(refused)


def _fields(db: Store, found: signup.SignUp, member: int) -> None:
    current = found.current
    name = f"aanmelden_{found.code}_{member}"
    with st.form(f"{name}_formulier"):
        answers = _questions(found.questions.get(member, ()), current, name)
        st.markdown(t("**Hoe kan de organisatie u bereiken?**"))
        st.caption(t("Vul minstens één van de twee in."))
        st.text_input(
            t("Telefoonnummer"), value=(current.phone or "") if current else "",
            max_chars=40, placeholder="06 12345678", autocomplete="tel", key=f"{name}_telefoon",
        )  # fmt: skip
        st.text_input(
            t("E-mailadres"), value=(current.email or "") if current else "",
            max_chars=254, placeholder="naam@voorbeeld.nl", autocomplete="email",
            key=f"{name}_email",
        )  # fmt: skip
        _privacy_notice()
        st.checkbox(t("Ik heb gelezen wat er met mijn gegevens gebeurt."), key=f"{name}_gelezen")
        again = current is not None and current.outcome == "ja"
        st.form_submit_button(
            t("Wijziging opslaan") if again else t("Aanmelden"), type="primary",
            on_click=_sign_up, args=(db, found, member, tuple(answers), name),
        )  # fmt: skip


def _sign_up(
    db: Store, found: signup.SignUp, member: int, questions: tuple[str, ...], name: str
) -> None:
    """The form's callback: what was typed is in the session under the fields' keys."""
    state = st.session_state
    answers = {key: state.get(f"{name}_{key}") or None for key in questions}
    phone, email = state.get(f"{name}_telefoon", ""), state.get(f"{name}_email", "")
    form = signup.Form(member, answers, phone, email, bool(state.get(f"{name}_gelezen")))
    client = client_limits.current_client()
    _send(found, lambda: signup.sign_up(db, found.draw_id, found.code, form, client))


def _questions(
    questions: tuple[signup.Question, ...], current: signup.Current | None, name: str
) -> dict[str, str | None]:
    """The questions the register cannot answer; each may stay unanswered."""
    if not questions:
        return {}
    st.markdown(t("**Een paar vragen**"))
    st.caption(
        t("Zo kunnen wij zorgen dat de raad lijkt op de wijk. Wilt u een vraag liever niet "
          "beantwoorden? Dat mag.")
    )  # fmt: skip
    given: dict[str, str | None] = {}
    for question in questions:
        reads = {RATHER_NOT: t("Zeg ik liever niet")}
        reads |= {v: _answer_name(question.key, r) for v, r in question.choices.items()}
        earlier = current.answers.get(question.key) if current else None
        options = list(reads)
        start = next((v for v, r in reads.items() if v and earlier in (v, r)), RATHER_NOT)
        chosen: str = st.selectbox(
            t(QUESTIONS[question.key]),
            options,
            index=options.index(start),
            format_func=reads.__getitem__,
            key=f"{name}_{question.key}",
        )
        given[question.key] = chosen or None
    return given


def _privacy_notice() -> None:
    days = privacy.retention_days()
    st.markdown(t("**Wat doen wij met uw gegevens?**"))
    st.markdown(
        t("- **Wat wij bewaren:** wie van uw huishouden zich aanmeldt, uw antwoorden en uw "
          "telefoonnummer of e-mailadres. Uw naam, adres en geboortedatum kent de gemeente "
          "al uit het bevolkingsregister.\n"
          "- **Waarvoor:** om de leden van de wijkraad te loten, zo dat de raad lijkt op de "
          "wijk, en om u te laten weten of u bent geloot.\n"
          "- **Wie het ziet:** alleen de organisatoren van de loting bij de gemeente. Uw "
          "telefoonnummer en e-mailadres komen nooit op de website of in openbare bestanden. "
          "Bij de openbare loting ziet niemand uw naam, alleen een nummer en groepen zoals "
          "leeftijd en buurt.\n"
          "- **Hoe lang:** tot {dagen} dagen na de loting. Komt u in de raad, dan tot {dagen} "
          "dagen nadat u bent gestopt.\n"
          "- **Stoppen:** tot de loting wordt voorbereid, wijzigt u uw aanmelding hier of "
          "trekt u haar in (Ik doe toch niet mee). Daarna via de organisatie: het "
          "telefoonnummer en e-mailadres staan in uw brief. U mag de organisatie ook altijd "
          "vragen uw gegevens te laten zien of te wissen.\n"
          "- Zo staat het in de Algemene verordening gegevensbescherming (AVG). De gemeente "
          "is verantwoordelijk voor uw gegevens.", dagen=days)
    )  # fmt: skip


def _send(found: signup.SignUp, action: Callable[[], signup.Confirmation]) -> None:
    """Run a button's service call (`action`) on the letter `found` in its callback; keep
    the confirmation and what it did, or why it was refused (in the session's language),
    for the run that follows. Sent twice (a double click) the second finds it done
    ("same") and the page keeps saying what the first did."""
    try:
        done = action()
    except UserError as exc:
        st.session_state[_REFUSED] = t(str(exc))
        return
    before = st.session_state.get(_DONE)
    if done.change == "same" and before is not None and before.number == done.number:
        done = before
    elif done.change != "same":
        st.session_state[_AFTER] = found.after(done)
    st.session_state[_DONE] = done
    st.session_state[_NOTICE] = _success(done)
    st.session_state.pop(_EDIT, None)


def _success(done: signup.Confirmation) -> str:
    if done.outcome != "ja":
        return t("U doet niet meer mee. Uw telefoonnummer en e-mailadres zijn gewist.")
    if done.change == "same":
        return t("Dit had u al zo doorgegeven; er is niets veranderd.")
    if done.change == "changed":
        return t("Uw aanmelding is gewijzigd.")
    return t("Dank u wel! U bent aangemeld.")


# The confirmation --------------------------------------------------------------------------------


def _confirmation(done: signup.Confirmation) -> None:
    """What was just recorded, to keep: on the page and as a file."""
    with st.container(border=True):
        st.markdown(t("**Uw bevestiging**"))
        st.markdown(
            t("Bevestigingsnummer: **{nummer}**", nummer=plain(done.number)) + "  \n"
            + t("Bewaar dit nummer. Noem het als u de organisatie belt of mailt.")
        )  # fmt: skip
        if done.outcome == "ja":
            st.markdown(t("**Wat gebeurt er nu?**"))
            st.markdown(_next_steps())
        public_download(
            t("Bevestiging opslaan of printen"),
            lambda: confirmation_text(done),
            f"aanmelding-{done.number}.txt",
            "text/plain",
            "aanmelden_bevestiging_bestand",
        )


def _next_steps() -> str:
    return t(
        "1. Na de aanmeldtermijn bereidt de organisatie de loting voor. Tot dan kunt u hier "
        "met de code uit uw brief uw aanmelding bekijken, wijzigen of intrekken.\n"
        "2. In een openbare bijeenkomst wordt geloot wie in de wijkraad komt, zo dat de raad "
        "lijkt op de wijk: jong en oud, huurders en kopers, uit alle buurten.\n"
        "3. Daarna laat de organisatie u weten of u bent geloot, ook als dat niet zo is."
    )


def confirmation_text(done: signup.Confirmation) -> str:
    """The confirmation as a small text file: what the resident chose and typed, the
    confirmation number and what happens next; nothing else about anyone."""
    lines = [
        t("Bevestiging van uw aanmelding: {raad}", raad=done.council_name),
        "",
        t("Bevestigingsnummer: {nummer}", nummer=done.number),
        t("Code uit de brief: {code}", code=done.code),
        t("Datum: {moment}", moment=_full_moment(done.at)),
    ]
    if done.outcome == "ja":
        lines.append(t("Aangemeld: {wie}", wie=done.member))
        lines += [f"{t(SHORT[k])}: {_answer_name(k, a)}" for k, a in done.answers]
        reach = ", ".join(
            p for p in (done.phone and t("telefoon {nummer}", nummer=done.phone),
                        done.email and t("e-mail {adres}", adres=done.email)) if p
        )  # fmt: skip
        lines += [t("Zo kan de organisatie u bereiken: {hoe}", hoe=reach), "",
                  t("Wat gebeurt er nu?"), _next_steps()]  # fmt: skip
    else:
        lines.append(t("U doet niet meer mee. Uw telefoonnummer en e-mailadres zijn gewist."))
    return "\r\n".join("\n".join(lines).splitlines()) + "\r\n"


def _full_moment(moment: datetime) -> str:
    """A stored moment (naive UTC) as the day and time in Wijkdam."""
    local = moment.replace(tzinfo=UTC).astimezone(AMSTERDAM)
    return t("{datum} om {tijd}", datum=long_date(local.date()), tijd=f"{local:%H:%M}")
