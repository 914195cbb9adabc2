"""Run `rolelint serve` for a test: the real command, on a free loopback port, stopped afterwards."""

from __future__ import annotations

import http.client
import json
import os
import re
import selectors
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
READY = re.compile(r"ready in [0-9.]+ s at (http://127\.0\.0\.1:(\d+)/)")


class Server:
    def __init__(self, url: str, port: int, process: subprocess.Popen):
        self.url = url
        self.port = port
        self.process = process

    def request(
        self,
        method: str,
        path: str,
        *,
        body: bytes | None = None,
        headers: dict | None = None,
        json_body=None,
        timeout: float = 60,
    ) -> tuple[int, dict, bytes]:
        """One request as a browser or a script would send it; (status, headers, body)."""
        headers = dict(headers or {})
        if json_body is not None:
            body = json.dumps(json_body).encode("utf-8")
            headers.setdefault("Content-Type", "application/json")
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        finally:
            connection.close()

    def post_json(self, path: str, data, **kwargs) -> tuple[int, dict]:
        status, _, body = self.request("POST", path, json_body=data, **kwargs)
        return status, json.loads(body)


@contextmanager
def running_server(*args: str, timeout: float = 180):
    """`rolelint serve --port 0 ARGS` until the block ends; the server's URL and port."""
    command = [sys.executable, "-m", "rolelint", "serve", "--port", "0", *args]
    process = subprocess.Popen(
        command,
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        line = _ready_line(process, timeout)
        match = READY.search(line)
        assert match, f"rolelint serve did not start: {line!r}"
        yield Server(match.group(1), int(match.group(2)), process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        for stream in (process.stdout, process.stderr):
            stream.close()


def _ready_line(process: subprocess.Popen, timeout: float) -> str:
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"rolelint serve exited with {process.returncode}: {process.stderr.read()}")
        if selector.select(timeout=0.5):
            line = process.stdout.readline()
            if "ready in" in line:
                return line
    raise AssertionError("rolelint serve was not ready in time")


def chromium_or_skip() -> str:
    """Debian's Chromium; CI installs it (.ci/run), so there a missing one is a failure, not a skip."""
    if Path(CHROMIUM).exists():
        return CHROMIUM
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is missing: .ci/run should have installed Debian's chromium package")
    found = shutil.which("chromium")
    if found:
        return found
    pytest.skip("Chromium is not installed (apt-get install chromium)")
