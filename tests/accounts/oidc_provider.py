"""A tiny OpenID Connect provider on 127.0.0.1 for the login tests: the real HTTP round trips, no network.

One server hosts several "realms" (``/proconnect/...``, ``/franceconnect/...``), each standing for a
distinct provider with its own issuer, client, signing key and claims, as ProConnect and FranceConnect are.
It implements the authorization code flow only, and as strictly as the tests need it to be: a client
that sends the wrong client_id, secret, redirect_uri or code is refused, so a regression in Acquis shows.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm


def new_signing_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@functools.cache
def _realm_key(name: str) -> rsa.RSAPrivateKey:
    # RSA generation takes up to a second; one key per realm name for the whole run keeps the suite fast.
    return new_signing_key()


@dataclass
class Realm:
    """One provider: its registered client (Acquis), its key and the person who will "log in"."""

    name: str
    base_url: str
    client_id: str
    client_secret: str
    redirect_uri: str
    scopes: str
    claims: dict[str, Any]
    key: rsa.RSAPrivateKey
    kid: str = field(default_factory=lambda: secrets.token_hex(8))
    # Failure switches, set by a test to make the provider misbehave in one precise way.
    token_error: str | None = None  # the token endpoint answers 400 with this OAuth error
    id_token_key: rsa.RSAPrivateKey | None = None  # sign the id_token with this key instead (same kid)
    id_token_kid: str | None = None  # announce this kid in the id_token's header instead
    id_token_overrides: dict[str, Any] = field(default_factory=dict)  # e.g. {"aud": "someone-else"}
    userinfo_as_jwt: bool = False  # ProConnect answers userinfo as a signed JWT (application/jwt)
    # What the provider saw, for assertions.
    codes: dict[str, dict[str, Any]] = field(default_factory=dict)
    access_tokens: dict[str, dict[str, Any]] = field(default_factory=dict)
    token_requests: list[dict[str, str]] = field(default_factory=list)
    authorize_requests: list[dict[str, str]] = field(default_factory=list)
    logouts: list[dict[str, str]] = field(default_factory=list)
    # Where the provider may send people back after a logout (registered with the client, as redirect_uri is).
    post_logout_redirect_uris: tuple[str, ...] = ()

    @property
    def issuer(self) -> str:
        return f"{self.base_url}/{self.name}"

    @property
    def authorization_endpoint(self) -> str:
        return f"{self.issuer}/authorize"

    @property
    def token_endpoint(self) -> str:
        return f"{self.issuer}/token"

    @property
    def userinfo_endpoint(self) -> str:
        return f"{self.issuer}/userinfo"

    @property
    def jwks_endpoint(self) -> str:
        return f"{self.issuer}/jwks"

    @property
    def logout_endpoint(self) -> str:
        return f"{self.issuer}/logout"

    def set_claims(self, **claims: Any) -> None:
        """Replace the identity the provider vouches for (``sub`` and ``email`` at least)."""
        self.claims = claims

    def jwks(self) -> dict[str, Any]:
        jwk = RSAAlgorithm.to_jwk(self.key.public_key(), as_dict=True)
        jwk.update({"kid": self.kid, "alg": "RS256", "use": "sig"})
        return {"keys": [jwk]}

    def sign(self, payload: dict[str, Any], key: rsa.RSAPrivateKey | None = None, kid: str | None = None) -> str:
        return jwt.encode(payload, key or self.key, algorithm="RS256", headers={"kid": kid or self.kid})

    def django_settings(self) -> dict[str, Any]:
        """The entry of ACQUIS_OIDC_PROVIDERS that points Acquis at this realm."""
        return {
            "OIDC_RP_CLIENT_ID": self.client_id,
            "OIDC_RP_CLIENT_SECRET": self.client_secret,
            "OIDC_OP_AUTHORIZATION_ENDPOINT": self.authorization_endpoint,
            "OIDC_OP_TOKEN_ENDPOINT": self.token_endpoint,
            "OIDC_OP_USER_ENDPOINT": self.userinfo_endpoint,
            "OIDC_OP_JWKS_ENDPOINT": self.jwks_endpoint,
            "OIDC_OP_LOGOUT_ENDPOINT": self.logout_endpoint,
            "OIDC_OP_ISSUER": self.issuer,
            "OIDC_RP_SIGN_ALGO": "RS256",
            "OIDC_RP_SCOPES": self.scopes,
        }


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the standard library's name
        pass  # keep the test output clean; failures are asserted, not logged

    # --- plumbing

    def _realm(self) -> tuple[Realm | None, str]:
        parts = urlsplit(self.path).path.strip("/").split("/")
        if len(parts) != 2:
            return None, ""
        return self.server.realms.get(parts[0]), parts[1]

    def _send(self, status: int, body: bytes = b"", content_type: str = "application/json", **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def _json(self, status: int, data: dict[str, Any]) -> None:
        self._send(status, json.dumps(data).encode())

    def _oauth_error(self, status: int, error: str, description: str) -> None:
        self._json(status, {"error": error, "error_description": description})

    # --- routes

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        realm, endpoint = self._realm()
        if realm is None:
            self._oauth_error(404, "not_found", "realm inconnu")
        elif endpoint == "authorize":
            self._authorize(realm)
        elif endpoint == "userinfo":
            self._userinfo(realm)
        elif endpoint == "jwks":
            self._json(200, realm.jwks())
        elif endpoint == "logout":
            self._logout(realm)
        else:
            self._oauth_error(404, "not_found", endpoint)

    def do_POST(self) -> None:  # noqa: N802
        realm, endpoint = self._realm()
        if realm is not None and endpoint == "token":
            self._token(realm)
        else:
            self._oauth_error(404, "not_found", self.path)

    def _authorize(self, realm: Realm) -> None:
        query = {key: values[0] for key, values in parse_qs(urlsplit(self.path).query).items()}
        # Errors about the client or its redirect_uri must not redirect (RFC 6749 §4.1.2.1): answer 400.
        if query.get("client_id") != realm.client_id:
            return self._oauth_error(400, "invalid_client", "client_id inconnu")
        if query.get("redirect_uri") != realm.redirect_uri:
            return self._oauth_error(400, "invalid_request", "redirect_uri non enregistrée")
        if query.get("response_type") != "code" or "openid" not in query.get("scope", "").split():
            return self._oauth_error(400, "invalid_request", "seul le flux code OpenID est pris en charge")
        if not query.get("state"):
            return self._oauth_error(400, "invalid_request", "state manquant")
        realm.authorize_requests.append(query)
        # PKCE (RFC 7636) is required, S256 only, as ProConnect and FranceConnect accept it.
        if query.get("code_challenge_method") != "S256" or len(query.get("code_challenge", "")) < 43:
            return self._oauth_error(400, "invalid_request", "PKCE S256 requis (code_challenge)")
        # Auto-approve: the person is deemed to have authenticated and consented.
        code = secrets.token_urlsafe(24)
        realm.codes[code] = {
            "nonce": query.get("nonce"),
            "redirect_uri": query["redirect_uri"],
            "scope": query["scope"],
            "code_challenge": query["code_challenge"],
            "claims": dict(realm.claims),
        }
        location = f"{realm.redirect_uri}?{urlencode({'code': code, 'state': query['state']})}"
        self._send(302, content_type="text/plain", Location=location)

    def _token(self, realm: Realm) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        form = {key: values[0] for key, values in parse_qs(self.rfile.read(length).decode()).items()}
        client_id, client_secret = form.get("client_id"), form.get("client_secret")
        authorization = self.headers.get("Authorization", "")
        if authorization.startswith("Basic "):  # client_secret_basic is as valid as client_secret_post
            client_id, _, client_secret = base64.b64decode(authorization[6:]).decode().partition(":")
        realm.token_requests.append(dict(form, client_id=client_id or ""))
        if client_id != realm.client_id or client_secret != realm.client_secret:
            return self._oauth_error(401, "invalid_client", "authentification du client refusée")
        if form.get("grant_type") != "authorization_code":
            return self._oauth_error(400, "unsupported_grant_type", form.get("grant_type", ""))
        if realm.token_error:
            return self._oauth_error(400, realm.token_error, "erreur provoquée par le test")
        grant = realm.codes.pop(form.get("code", ""), None)  # a code is good for one exchange only
        if grant is None:
            return self._oauth_error(400, "invalid_grant", "code inconnu ou déjà utilisé")
        if form.get("redirect_uri") != grant["redirect_uri"]:
            return self._oauth_error(400, "invalid_grant", "redirect_uri différente de celle de l'autorisation")
        verifier = form.get("code_verifier", "")
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        if not verifier or challenge != grant["code_challenge"]:
            return self._oauth_error(400, "invalid_grant", "code_verifier absent ou faux (PKCE)")
        now = int(time.time())
        id_token = {
            "iss": realm.issuer,
            "aud": realm.client_id,
            "sub": grant["claims"]["sub"],
            "iat": now,
            "exp": now + 60,
            "auth_time": now,
            "acr": "eidas1",
        }
        if grant["nonce"] is not None:
            id_token["nonce"] = grant["nonce"]
        id_token.update(realm.id_token_overrides)
        access_token = secrets.token_urlsafe(24)
        realm.access_tokens[access_token] = grant["claims"]
        self._json(
            200,
            {
                "access_token": access_token,
                "token_type": "Bearer",
                "expires_in": 60,
                "id_token": realm.sign(id_token, realm.id_token_key, realm.id_token_kid),
            },
        )

    def _logout(self, realm: Realm) -> None:
        """RP-Initiated Logout: a hint the provider issued itself, a registered return address."""
        query = {key: values[0] for key, values in parse_qs(urlsplit(self.path).query).items()}
        realm.logouts.append(query)
        try:
            jwt.decode(
                query.get("id_token_hint", ""),
                realm.key.public_key(),
                algorithms=["RS256"],
                audience=realm.client_id,
                options={"verify_exp": False},
            )
        except jwt.InvalidTokenError:
            return self._oauth_error(400, "invalid_request", "id_token_hint inconnu")
        target = query.get("post_logout_redirect_uri", "")
        if target not in realm.post_logout_redirect_uris:
            return self._oauth_error(400, "invalid_request", "post_logout_redirect_uri non enregistrée")
        self._send(302, content_type="text/plain", Location=f"{target}?{urlencode({'state': query.get('state', '')})}")

    def _userinfo(self, realm: Realm) -> None:
        authorization = self.headers.get("Authorization", "")
        claims = realm.access_tokens.get(authorization.removeprefix("Bearer ")) if authorization else None
        if claims is None:
            return self._send(401, b"", WWW_Authenticate='Bearer error="invalid_token"')
        if realm.userinfo_as_jwt:
            payload = dict(claims, iss=realm.issuer, aud=realm.client_id)
            return self._send(200, realm.sign(payload).encode(), content_type="application/jwt")
        self._json(200, claims)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    realms: dict[str, Realm]


class OidcTestProvider:
    """``with OidcTestProvider(redirect_uris) as op:`` serves one realm per provider until the block ends."""

    DEFAULT_CLAIMS = {
        "proconnect": {
            "sub": "pc-sub-0001",
            "email": "camille.martin@entreprise.fr",
            "given_name": "Camille",
            "usual_name": "Martin",
            "siret": "13002526500013",
        },
        "franceconnect": {
            "sub": "fc-sub-0001",
            "email": "dominique.durand@exemple.fr",
            "given_name": "Dominique",
            "family_name": "Durand",
            "birthdate": "1985-04-12",
        },
    }
    SCOPES = {
        "proconnect": "openid email given_name usual_name siret",
        "franceconnect": "openid email given_name family_name birthdate",
    }

    def __init__(self, redirect_uris: dict[str, str], post_logout_redirect_uris: tuple[str, ...] = ()) -> None:
        self._server = _Server(("127.0.0.1", 0), _Handler)
        host, port = self._server.server_address[:2]
        self.base_url = f"http://{host}:{port}"
        self.realms = {
            name: Realm(
                name=name,
                base_url=self.base_url,
                client_id=f"acquis-{name}",
                client_secret=secrets.token_urlsafe(16),
                redirect_uri=redirect_uri,
                scopes=self.SCOPES[name],
                claims=dict(self.DEFAULT_CLAIMS[name]),
                key=_realm_key(name),
                post_logout_redirect_uris=post_logout_redirect_uris,
            )
            for name, redirect_uri in redirect_uris.items()
        }
        self._server.realms = self.realms
        # A short poll interval: shutdown() waits for it, once per test.
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, name="oidc-test-provider", daemon=True
        )

    def __getitem__(self, name: str) -> Realm:
        return self.realms[name]

    def start(self) -> OidcTestProvider:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> OidcTestProvider:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def django_settings(self) -> dict[str, dict[str, Any]]:
        return {name: realm.django_settings() for name, realm in self.realms.items()}
