"""The page's guards, as one ASGI middleware: the Host header, request sizes and response headers.

- **Host** (DNS rebinding): a page on another site whose name an attacker points at 127.0.0.1 sends
  its own name as Host. Only the loopback names, IP literals (a rebinding needs a name), the name the
  server was started with and this machine's own names are served; anything else is refused (400).
- **Origin**: a state-changing request (POST) sent by another site's page carries that site's
  Origin; only the page's own origin (or none, as from curl) is accepted (403).
- **Size**: a request body is refused past ``max_body`` bytes (413), whether or not it says its
  Content-Length up front, before it is all read.
- **Headers**: a Content-Security-Policy that allows only the page's own scripts, styles and
  requests (no inline script, nothing from the internet, no framing), no caching, no referrer.
"""

from __future__ import annotations

import ipaddress
import json
import socket
from typing import Callable

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cache-control", b"no-store"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]
LOOPBACK_NAMES = frozenset({"localhost", "localhost.", "ip6-localhost"})


def allowed_host_names(host: str) -> frozenset[str]:
    """The Host names served when bound to ``host``: loopback names, plus ``host`` itself and, when
    bound to every interface, this machine's names."""
    names = set(LOOPBACK_NAMES)
    names.add(host.strip("[]").lower())
    if host in ("0.0.0.0", "::", ""):
        for name in (socket.gethostname(), socket.getfqdn()):
            if name:
                names.add(name.lower())
    return frozenset(names)


def split_host(value: str) -> tuple[str, int | None] | None:
    """`name:port`, `[v6]:port` or a bare name -> (name, port); None when it is not a host header."""
    value = value.strip().lower()
    if not value or any(c.isspace() for c in value) or "/" in value or "@" in value:
        return None
    port: int | None = None
    if value.startswith("["):
        end = value.find("]")
        if end == -1:
            return None
        name, rest = value[1:end], value[end + 1 :]
        if rest:
            if not rest.startswith(":") or not rest[1:].isdigit():
                return None
            port = int(rest[1:])
        return name, port
    if value.count(":") == 1:
        name, _, digits = value.partition(":")
        if not digits.isdigit():
            return None
        return name, int(digits)
    if ":" in value:  # a bare IPv6 address without brackets is not a valid Host header
        return None
    return value, None


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def host_allowed(value: str, names: frozenset[str], port: int | None) -> bool:
    parsed = split_host(value)
    if parsed is None:
        return False
    name, given_port = parsed
    if given_port is not None and port is not None and given_port != port:
        return False
    return name in names or _is_ip(name)


class Guard:
    """ASGI middleware in front of the app (see the module docstring)."""

    def __init__(self, app, *, host: str, port_holder, max_body: int, too_large: Callable[[str], dict]):
        self.app = app
        self.names = allowed_host_names(host)
        self.port_holder = port_holder  # a callable giving the bound port (known once the socket is bound)
        self.max_body = max_body
        self.too_large = too_large  # the request's path -> the 413's JSON (what to do depends on the request)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        port = self.port_holder()
        if not host_allowed(headers.get("host", ""), self.names, port):
            await _plain(
                send,
                400,
                "This page is served only as http://127.0.0.1 or http://localhost "
                "(the Host header named another site).",
            )
            return
        if scope["method"] not in ("GET", "HEAD", "POST"):
            await _plain(send, 405, "Only GET and POST are used by this page.")
            return
        origin = headers.get("origin")
        if scope["method"] == "POST" and origin is not None and not self._own_origin(origin, headers["host"]):
            await _plain(send, 403, "Requests from other sites are refused.")
            return
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await _json(send, 413, self.too_large(scope["path"]))
            return

        received = 0
        refused = False

        async def limited_receive():
            nonlocal received, refused
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    refused = True
                    raise BodyTooLarge()
            return message

        started = False

        async def secured_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message = dict(message)
                message["headers"] = list(message.get("headers", [])) + HEADERS
            await send(message)

        try:
            await self.app(scope, limited_receive, secured_send)
        except BodyTooLarge:
            if not started:
                await _json(send, 413, self.too_large(scope["path"]))
        except Exception:  # noqa: BLE001 - a request never brings the server down, nor shows a traceback
            if refused or started:
                return
            await _json(
                send,
                500,
                {
                    "error": "Something went wrong on the page's side; the advert was not "
                    "checked. Try again, or check it with `rolelint check`."
                },
            )

    @staticmethod
    def _own_origin(origin: str, host: str) -> bool:
        return origin.lower() in (f"http://{host.lower()}", f"https://{host.lower()}")


class BodyTooLarge(Exception):
    pass


async def _plain(send, status: int, text: str) -> None:
    body = text.encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())]
            + HEADERS,
        }
    )
    await send({"type": "http.response.body", "body": body})


async def _json(send, status: int, data: dict) -> None:
    body = json.dumps(data).encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())] + HEADERS,
        }
    )
    await send({"type": "http.response.body", "body": body})
