"""`rolelint serve`: a local page where a person pastes or uploads an advert and sees its findings.

``run`` binds the socket first (so a port in use fails at once), loads the Linter (rules, spaCy
pipeline and, with a roles repo, the profession index) and checks a sample advert to warm it up,
then serves the page with uvicorn until interrupted. Needs the ``serve`` extra
(`pip install 'rolelint[serve]'`).
"""

from __future__ import annotations

import ipaddress
import socket
import sys
import threading
import time
from pathlib import Path

LOOPBACK = "127.0.0.1"

# Checked once at start-up so that the first person's check is as quick as the others: it loads the
# pipeline components every advert needs (sentences, tags, the parser) and the profession index.
WARM_UP = """# Senior product manager

## About the role
You will lead discovery with users and agree the roadmap with the team. Reports are written weekly.

## What you'll do
- Run user research and share what you learn
- Decide what to build next

## Essential criteria
- Experience of product management

## Salary
£50,000 to £60,000 a year.
"""


class ServeError(Exception):
    """A problem starting the page (a port in use, a bad host); the message says what to do."""


def missing_dependencies() -> list[str]:
    """The serve extra's packages that are not installed."""
    import importlib.util

    wanted = {"starlette": "starlette", "uvicorn": "uvicorn", "jinja2": "jinja2", "multipart": "python-multipart"}
    return [name for module, name in wanted.items() if importlib.util.find_spec(module) is None]


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host``:``port`` (port 0: any free port)."""
    try:
        infos = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise ServeError(f"cannot serve on host {host!r}: {exc.strerror}") from None
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
    except OSError as exc:
        sock.close()
        raise ServeError(
            f"cannot serve on {host}:{port}: {exc.strerror or exc}; "
            "choose another port with --port (or --port 0 for any free one)"
        ) from None
    sock.listen(128)
    sock.setblocking(False)
    return sock


def make_linter(repo: Path | None):
    """The page's Linter: with a roles repo, its config and profession index; without, the built-in
    rules and defaults (no config is looked for, and no profession rule runs)."""
    from rolelint.api import Linter
    from rolelint.config import Config

    if repo is not None:
        return Linter(start=repo)
    return Linter(config=Config(root=Path.cwd()), ignore=("RL3",))


def url_for(host: str, port: int) -> str:
    shown = host if host not in ("0.0.0.0", "::", "") else LOOPBACK
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def run(*, repo: Path | None = None, host: str = LOOPBACK, port: int = 8000, open_browser: bool = False) -> None:
    """Serve the page until interrupted."""
    import click
    import uvicorn

    from rolelint.serve.analysis import Checker
    from rolelint.serve.app import build_app

    started = time.perf_counter()
    sock = bind(host, port)
    bound_port = sock.getsockname()[1]
    try:
        if not is_loopback(host):
            click.echo(
                f"rolelint serve: warning: serving on {host}, not only on this computer: anyone who can "
                f"reach port {bound_port} of this machine can use the page and read what is checked on it",
                err=True,
            )
        linter = make_linter(repo)
        Checker(linter, profession=repo is not None).check(WARM_UP)
        app = build_app(linter, profession=repo is not None, host=host, port_holder=lambda: bound_port)
        url = url_for(host, bound_port)
        click.echo(
            f"rolelint serve: ready in {time.perf_counter() - started:.1f} s at {url}"
            + (f" (roles repo: {repo})" if repo is not None else "")
            + " - press Ctrl-C to stop"
        )
        sys.stdout.flush()
        config = uvicorn.Config(
            app,
            log_level="warning",
            access_log=False,
            server_header=False,
            date_header=False,
            lifespan="off",
            timeout_graceful_shutdown=2,
        )
        server = uvicorn.Server(config)
        if open_browser:
            threading.Thread(target=_open_when_up, args=(server, url), daemon=True).start()
        server.run(sockets=[sock])
    finally:
        sock.close()


def _open_when_up(server, url: str) -> None:
    import webbrowser

    import click

    for _ in range(100):
        if server.started:
            if not webbrowser.open(url):  # no browser here (a server, a container, a remote shell)
                click.echo(f"rolelint serve: no web browser could be opened; open {url} in one", err=True)
            return
        time.sleep(0.05)


__all__ = ["ServeError", "bind", "make_linter", "missing_dependencies", "run"]
