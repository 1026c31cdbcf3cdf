"""A tiny OpenID Connect provider on 127.0.0.1 for the single sign-on browser test: the
discovery document, an authorize endpoint that sends the browser straight back with a
code (no login form: the test says whom it vouches for), a token endpoint that returns an
id_token signed with a test RSA key, and the key set (JWKS) to check it with.

Enough of the protocol for Authlib (which Streamlit's `st.login` uses) to accept it:
the id_token carries iss, aud, sub, iat, exp and the nonce of the authorize request.
"""

from __future__ import annotations

import json
import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlparse

from joserfc import jwt
from joserfc.jwk import RSAKey

CLIENT_ID = "wijkraad-test"
CLIENT_SECRET = "test-geheim-voor-de-client"  # a test secret


@dataclass
class Provider:
    """The running provider; set `identity` to the claims of whoever logs in next."""

    url: str
    identity: dict[str, object] = field(default_factory=dict)
    codes: dict[str, dict[str, object]] = field(default_factory=dict)
    tokens_issued: int = 0

    @property
    def metadata_url(self) -> str:
        return f"{self.url}/.well-known/openid-configuration"


def _handler(provider: Provider, key: RSAKey) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # quiet
            return

        def _json(self, body: dict[str, object], status: int = 200) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            parsed = urlparse(self.path)
            query = {k: v[0] for k, v in parse_qs(parsed.query).items()}
            if parsed.path == "/.well-known/openid-configuration":
                self._json({
                    "issuer": provider.url,
                    "authorization_endpoint": f"{provider.url}/authorize",
                    "token_endpoint": f"{provider.url}/token",
                    "jwks_uri": f"{provider.url}/jwks",
                    "response_types_supported": ["code"],
                    "subject_types_supported": ["public"],
                    "id_token_signing_alg_values_supported": ["RS256"],
                    "scopes_supported": ["openid", "email", "profile"],
                    "token_endpoint_auth_methods_supported": [
                        "client_secret_basic", "client_secret_post",
                    ],
                })  # fmt: skip
            elif parsed.path == "/jwks":
                self._json({"keys": [key.as_dict(private=False)]})
            elif parsed.path == "/authorize":
                if query.get("client_id") != CLIENT_ID or "redirect_uri" not in query:
                    self._json({"error": "invalid_request"}, 400)
                    return
                code = secrets.token_urlsafe(16)
                provider.codes[code] = {"nonce": query.get("nonce"), **provider.identity}
                back = {"code": code, "state": query.get("state", "")}
                self.send_response(302)
                self.send_header("Location", f"{query['redirect_uri']}?{urlencode(back)}")
                self.end_headers()
            else:
                self._json({"error": "not_found"}, 404)

        def do_POST(self) -> None:
            if urlparse(self.path).path != "/token":
                self._json({"error": "not_found"}, 404)
                return
            length = int(self.headers.get("Content-Length") or 0)
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
            claims = provider.codes.pop(form.get("code", ""), None)
            if form.get("grant_type") != "authorization_code" or claims is None:
                self._json({"error": "invalid_grant"}, 400)
                return
            nonce = claims.pop("nonce", None)
            now = int(time.time())
            payload = {"iss": provider.url, "aud": CLIENT_ID, "iat": now, "exp": now + 600,
                       "sub": str(claims.get("email", "onbekend")), **claims}  # fmt: skip
            if nonce:
                payload["nonce"] = nonce
            id_token = jwt.encode({"alg": "RS256", "kid": key.kid}, payload, key)
            provider.tokens_issued += 1
            token = {"access_token": secrets.token_urlsafe(16), "token_type": "Bearer",
                     "expires_in": 600, "id_token": id_token, "scope": "openid email"}  # fmt: skip
            self._json(token)

    return Handler


@contextmanager
def running_provider() -> Iterator[Provider]:
    key = RSAKey.generate_key(2048, parameters={"kid": "test-sleutel", "use": "sig"})
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    provider = Provider(f"http://127.0.0.1:{server.server_address[1]}")
    server.RequestHandlerClass = _handler(provider, key)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield provider
    finally:
        server.shutdown()
        server.server_close()
