"""Which address a request comes from, for per-client limits. Pure.

The address is the connection's peer (what Streamlit reports as `st.context.ip_address`),
unless that peer is a reverse proxy the operator trusts (WIJKRAAD_TRUSTED_PROXIES): then
the address the proxy put in X-Forwarded-For. Anyone can send that header, so it counts
only when the connection itself comes from a trusted proxy, and then the right-most
address that is no trusted proxy counts (a client can put anything at the left).

None means: no client can be told apart. Streamlit reports a connection from the same
machine (127.0.0.1, ::1) as no address at all; without a trusted proxy that is a local
user or an unconfigured proxy, and one shared limit for everyone behind such a proxy
would let one visitor lock all others out, so no per-client limit applies.
"""

from __future__ import annotations

import ipaddress

LOOPBACK = "127.0.0.1"


def parse_trusted(setting: str) -> frozenset[str]:
    """The trusted proxies from a comma-separated setting; invalid entries are skipped."""
    return frozenset(
        address for part in setting.split(",") if (address := _normal(part)) is not None
    )


def client_address(
    peer: str | None, forwarded_for: str | None, trusted: frozenset[str]
) -> str | None:
    """The client's address, or None when the client cannot be told apart."""
    connection = _normal(peer) if peer else LOOPBACK
    if connection is None:
        return None
    if connection not in trusted:
        return None if connection == LOOPBACK or connection == "::1" else connection
    hops = [part.strip() for part in (forwarded_for or "").split(",") if part.strip()]
    for hop in reversed(hops):
        address = _normal(hop)
        if address is None:
            return None  # a proxy we trust wrote something that is no address
        if address not in trusted:
            return address
    return None


def _normal(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None
