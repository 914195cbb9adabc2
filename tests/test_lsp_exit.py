"""`rolelint lsp` on stdio, fed raw messages: it ends as the LSP says (exit code 0 after `shutdown`
then `exit`, 1 on an `exit` with no `shutdown` before it), answers what it can, and puts no traceback
on standard error (editors report it as a crash)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


def message(method: str, *, id: int | None = None, params: dict | None = None) -> bytes:
    body = {"jsonrpc": "2.0", "method": method, **({"id": id} if id is not None else {})}
    if params is not None:
        body["params"] = params
    data = json.dumps(body).encode()
    return b"Content-Length: %d\r\n\r\n" % len(data) + data


def messages(stream: bytes) -> list[dict]:
    """The JSON bodies of the messages in ``stream``, in order."""
    found = []
    while stream:
        header, _, rest = stream.partition(b"\r\n\r\n")
        length = int(header.split(b"Content-Length: ")[1].split(b"\r\n")[0])
        found.append(json.loads(rest[:length]))
        stream = rest[length:]
    return found


START = message("initialize", id=1, params={"processId": None, "rootUri": None, "capabilities": {}}) + message(
    "initialized", params={}
)


@pytest.mark.parametrize(
    "ending, code", [(message("shutdown", id=2) + message("exit"), 0), (message("exit"), 1)], ids=["shutdown", "no"]
)
def test_the_server_exits_with_the_code_the_lsp_asks(ending, code):
    ended = subprocess.run(
        [sys.executable, "-m", "rolelint", "lsp"], input=START + ending, capture_output=True, timeout=120
    )
    assert b'"id": 1' in ended.stdout  # it answered the initialize request
    assert b"Traceback" not in ended.stderr, ended.stderr.decode()[-800:]
    assert ended.returncode == code


def test_a_message_that_is_not_json_is_skipped_and_logged_in_one_line_without_a_traceback():
    broken = b"Content-Length: 5\r\n\r\n{bad}"
    ended = subprocess.run(
        [sys.executable, "-m", "rolelint", "lsp"],
        input=START + broken + message("shutdown", id=2) + message("exit"),
        capture_output=True,
        timeout=120,
    )
    assert b'"id": 2' in ended.stdout  # it went on to answer the shutdown request
    assert b"rolelint: JSONDecodeError" in ended.stdout  # told to the client as a log message
    assert b"Traceback" not in ended.stderr, ended.stderr.decode()[-800:]
    assert ended.stderr.decode().splitlines() == [
        "rolelint lsp: Unable to handle message: JSONDecodeError: "
        + ("Expecting property name enclosed in double quotes: line 1 column 2 (char 1)")
    ]
    assert ended.returncode == 0


def test_a_request_with_no_params_gets_an_invalid_params_error_and_one_line_on_stderr():
    ended = subprocess.run(
        [sys.executable, "-m", "rolelint", "lsp"],
        input=START + message("textDocument/hover", id=7) + message("shutdown", id=2) + message("exit"),
        capture_output=True,
        timeout=120,
    )
    answer = next(m for m in messages(ended.stdout) if m.get("id") == 7)
    assert answer["error"]["code"] == -32602
    assert b"Traceback" not in ended.stderr, ended.stderr.decode()[-800:]
    assert ended.stderr.decode().splitlines() == [
        "rolelint lsp: Unable to handle message: JsonRpcInvalidParams: "
        "Invalid params for textDocument/hover: required field missing @ $.params"
    ]
    assert ended.returncode == 0
