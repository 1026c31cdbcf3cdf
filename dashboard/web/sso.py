"""Optional single sign-on through Streamlit's OpenID Connect login (`st.login`).

Off unless `.streamlit/secrets.toml` configures it: an `[auth]` section with
`redirect_uri`, `cookie_secret` and a provider (`client_id`, `client_secret`,
`server_metadata_url`, directly in `[auth]` or in `[auth.<name>]`), as Streamlit's own
documentation describes. The identity provider only says who someone is; what they may
do stays with their Wijkraad account (role, neighbourhoods, active or not), found from
one claim of the identity by the `[wijkraad_sso]` section:

    [wijkraad_sso]
    provider = "microsoft"        # which [auth.<name>]; default: the only one
    label = "gemeente-account"    # the button reads "Inloggen met <label>"
    claim = "email"               # the identity claim that names the person
    users = { "piet.jansen@wijkdam.nl" = "piet" }    # identity -> username, first
    domains = ["wijkdam.nl"]      # else: p.jansen@wijkdam.nl -> username p.jansen

An identity that maps to no active account logs no one in. Pure: the page code passes
`st.secrets` and `st.user` in (`web_session`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

SECTION = "wijkraad_sso"
_PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")


@dataclass(frozen=True)
class SsoConfig:
    provider: str | None  # None: the provider configured directly in [auth]
    label: str
    claim: str = "email"
    users: Mapping[str, str] = field(default_factory=dict)
    domains: tuple[str, ...] = ()


def config(secrets: Mapping[str, object]) -> SsoConfig | None:
    """The single sign-on settings, or None when they are absent or incomplete (then
    Wijkraad offers only its own login)."""
    auth = _mapping(secrets.get("auth"))
    if auth is None or not all(auth.get(key) for key in ("redirect_uri", "cookie_secret")):
        return None
    ours = _mapping(secrets.get(SECTION)) or {}
    named = {
        name: section
        for name, value in auth.items()
        if (section := _mapping(value)) is not None and _complete(section)
    }
    wanted = ours.get("provider")
    if isinstance(wanted, str) and wanted:
        if wanted not in named:
            return None
        provider: str | None = wanted
    elif _complete(auth):
        provider = None
    elif len(named) == 1:
        provider = next(iter(named))
    else:
        return None
    users = _mapping(ours.get("users")) or {}
    domains = ours.get("domains") or ()
    return SsoConfig(
        provider=provider,
        label=str(ours.get("label") or (provider or "uw organisatie")),
        claim=str(ours.get("claim") or "email"),
        users={str(k).strip().lower(): str(v).strip().lower() for k, v in users.items()},
        domains=tuple(str(d).strip().lower().lstrip("@") for d in _listed(domains)),
    )


def username_for(identity: Mapping[str, object], settings: SsoConfig) -> str | None:
    """The Wijkraad username a logged-in identity stands for, or None."""
    if identity.get("is_logged_in") is not True or identity.get("email_verified") is False:
        return None
    value = identity.get(settings.claim)
    if not isinstance(value, str) or not value.strip():
        return None
    name = value.strip().lower()
    if name in settings.users:
        return settings.users[name]
    local, at, domain = name.rpartition("@")
    if at and domain in settings.domains and local:
        return local
    return None


def too_old(identity: Mapping[str, object], lifetime: timedelta, now: datetime) -> bool:
    """Whether the identity was issued longer ago than a Wijkraad login may last
    (Streamlit keeps its identity cookie for 30 days)."""
    issued = identity.get("iat")
    if not isinstance(issued, int | float) or isinstance(issued, bool):
        return False
    return now.timestamp() - float(issued) > lifetime.total_seconds()


def _mapping(value: object) -> Mapping[str, object] | None:
    return value if isinstance(value, Mapping) else None


def _listed(value: object) -> list[object]:
    """A list from the settings file; a single value counts as a list of one."""
    if isinstance(value, list | tuple):
        return list(value)
    return [value] if value else []


def _complete(section: Mapping[str, object]) -> bool:
    return all(section.get(key) for key in _PROVIDER_KEYS)
