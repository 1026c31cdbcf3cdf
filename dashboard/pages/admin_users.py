"""Administrators: create users, set their role and neighbourhoods, unlock, disable."""

import streamlit as st

from dashboard import services
from dashboard.components.clock import local_moment
from dashboard.components.forms import show_error
from dashboard.components.roles import ROLE_NAMES
from dashboard.components.tables import markdown_table
from dashboard.components.text import plain
from dashboard.domain.auth import PermissionDenied, Role
from dashboard.services import accounts
from dashboard.web.app_state import store
from dashboard.web.session import current_caller

st.title("Gebruikers")
caller = current_caller()
db = store()
try:
    people = accounts.list_users(db, caller)
except PermissionDenied as exc:
    show_error(exc)
    st.stop()

hoods = {h.id: h for h in services.neighbourhoods(db)}
ROLES = [Role.ORGANISER, Role.ALDERMAN, Role.ADMINISTRATOR]


def hood_names(user: accounts.UserView) -> str:
    if user.role is not Role.ORGANISER:
        return "alle (alleen lezen)" if user.role is Role.ALDERMAN else "–"
    if user.all_neighbourhoods:
        return "alle wijken"
    return ", ".join(hoods[h].name for h in sorted(user.neighbourhood_ids) if h in hoods)


def status(user: accounts.UserView) -> str:
    if not user.active:
        return "uitgeschakeld"
    if user.locked_until is not None:
        return f"geblokkeerd tot {local_moment(user.locked_until)}"
    return "actief"


def done(message: str) -> None:
    st.session_state["admin_message"] = message
    st.rerun()


if message := st.session_state.pop("admin_message", None):
    st.success(message)

st.markdown(
    markdown_table(
        ["Gebruikersnaam", "Rol", "Wijken", "Status"],
        [[u.username, ROLE_NAMES[u.role], hood_names(u), status(u)] for u in people],
    )
)
st.caption(
    "Organisatoren werken voor hun wijken; wethouders en beheerders zien alle wijken. "
    "Een wijziging van rol, wachtwoord of status logt de gebruiker overal uit."
)


def access_fields(
    prefix: str, user: accounts.UserView | None = None
) -> tuple[Role, bool, list[int]]:
    role = st.selectbox(
        "Rol",
        ROLES,
        index=ROLES.index(user.role) if user else 0,
        format_func=lambda r: ROLE_NAMES[r],
        key=f"{prefix}_rol",
    )
    everywhere = st.checkbox(
        "Organisator voor alle wijken",
        value=bool(user and user.all_neighbourhoods),
        key=f"{prefix}_alle",
    )
    chosen = st.multiselect(
        "Of voor deze wijken (alleen voor organisatoren)",
        list(hoods),
        default=sorted(user.neighbourhood_ids) if user else [],
        format_func=lambda h: hoods[h].name,
        placeholder="Kies wijken",
        key=f"{prefix}_wijken",
        select_all=False,
    )
    if role is not Role.ORGANISER:
        return role, False, []
    return role, everywhere, [] if everywhere else chosen


st.subheader("Nieuwe gebruiker")
with st.form("nieuw", clear_on_submit=False):
    username = st.text_input(
        "Gebruikersnaam", help="3 tot 40 tekens: kleine letters, cijfers, . _ -"
    )
    password = st.text_input("Eerste wachtwoord (minstens 10 tekens)", type="password")
    role, everywhere, chosen = access_fields("nieuw")
    if st.form_submit_button("Gebruiker aanmaken", type="primary"):
        try:
            accounts.create_user(db, caller, username, password, role, chosen, everywhere)
        except (accounts.AccountError, PermissionDenied) as exc:
            show_error(exc)
        else:
            done(f"Gebruiker {username.strip().lower()} is aangemaakt.")

if not people:
    st.stop()

st.subheader("Gebruiker aanpassen")
by_id = {u.id: u for u in people}
picked = st.selectbox(
    "Gebruiker", list(by_id), format_func=lambda i: by_id[i].username, key="aanpassen_wie"
)
user = by_id[picked]
with st.form(f"toegang_{user.id}"):
    role, everywhere, chosen = access_fields(f"toegang_{user.id}", user)
    if st.form_submit_button("Rol en wijken opslaan"):
        try:
            accounts.update_access(db, caller, user.id, role, chosen, everywhere)
        except (accounts.AccountError, PermissionDenied) as exc:
            show_error(exc)
        else:
            done(f"De toegang van {plain(user.username)} is aangepast.")

with st.form(f"wachtwoord_{user.id}", clear_on_submit=True):
    new_password = st.text_input("Nieuw wachtwoord (minstens 10 tekens)", type="password")
    if st.form_submit_button("Wachtwoord instellen"):
        try:
            accounts.reset_password(db, caller, user.id, new_password)
        except (accounts.AccountError, PermissionDenied) as exc:
            show_error(exc)
        else:
            done(f"{user.username} heeft een nieuw wachtwoord.")

left, right = st.columns(2)
if user.locked_until is not None and left.button(f"{user.username} ontgrendelen"):
    accounts.unlock(db, caller, user.id)
    done(f"{user.username} is ontgrendeld.")
toggle = "inschakelen" if not user.active else "uitschakelen"
if right.button(f"{user.username} {toggle}"):
    try:
        accounts.set_active(db, caller, user.id, not user.active)
    except accounts.AccountError as exc:
        show_error(exc)
    else:
        done(f"{user.username} is {'ingeschakeld' if not user.active else 'uitgeschakeld'}.")
