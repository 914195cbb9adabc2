"""`rolelint serve` over HTTP: what the page's requests get, and that bad requests get a message and
never bring the server down. The real command on a loopback port; the browser tests are in
test_serve_browser.py."""

from __future__ import annotations

import asyncio
import http.client
import io
import json
import logging
import re
import selectors
import socket
import subprocess
import sys
import time
import zipfile

import pytest
from serve_helpers import REPO, running_server

SKETCHY = "# Rockstar developer\n\nHey guys, our chairman needs a ninja. Salary: [Insert amount]\n"


@pytest.fixture(scope="module")
def server():
    with running_server() as running:
        yield running


def _alive(server) -> None:
    status, _, body = server.request("GET", "/")
    assert status == 200 and b"Your advert" in body


# --- the page and its requests ------------------------------------------------------------


def test_the_page_is_served_with_its_own_script_and_no_cookie(server):
    status, headers, body = server.request("GET", "/")
    assert status == 200 and b'<script src="/static/app.js"></script>' in body
    assert "set-cookie" not in headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["cache-control"] == "no-store" and headers["x-frame-options"] == "DENY"
    assert b"Nothing is stored" in body
    for name in ("app.js", "app.css"):
        assert server.request("GET", f"/static/{name}")[0] == 200


def test_a_check_places_findings_on_the_words_in_utf16_units(server):
    text = "# Lead 😀 rockstar\n\nHey guys!\n"
    status, data = server.post_json("/api/check", {"text": text})
    assert status == 200
    by_code = {f["code"]: f for f in data["findings"]}
    as_js = text.encode("utf-16-le")  # JavaScript indexes strings in UTF-16 code units
    for code, word in (("RL104", "rockstar"), ("RL109", "guys")):
        found = by_code[code]
        assert as_js[2 * found["start"] : 2 * found["end"]].decode("utf-16-le") == word
        assert found["excerpt"] == word
    assert by_code["RL104"]["line"] == 1 and by_code["RL109"]["line"] == 3


@pytest.mark.parametrize(
    "text, fmt, placed",
    [
        ("# Designer\n\nWe are a **young and dynamic** team.\n", "md", "young and dynamic** team"),
        ("# Designer\n\nWe are a *young* and [dynamic](x) team.\n", "md", "young* and [dynamic](x) team"),
        ("<h1>Designer</h1>\n<p>We are a <b>young and dynamic</b> team.</p>\n", "html", "young and dynamic</b> team"),
    ],
)
def test_a_phrase_the_rule_read_across_markup_is_placed_on_its_words(server, text, fmt, placed):
    status, data = server.post_json("/api/check", {"text": text, "format": fmt})
    assert status == 200, data
    found = next(f for f in data["findings"] if f["code"] == "RL113")
    assert found["start"] is not None and data["text"][found["start"] : found["end"]] == placed
    assert found["excerpt"] == placed and found["message"].startswith("'young and dynamic team'")


def test_findings_are_ranked_by_severity_and_carry_their_rules_advice(server):
    _, data = server.post_json("/api/check", {"text": SKETCHY})
    ranks = [{"error": 0, "warning": 1, "info": 2}[f["severity"]] for f in data["findings"]]
    assert ranks == sorted(ranks) and data["findings"][0]["code"] == "RL101"
    hype = next(f for f in data["findings"] if f["code"] == "RL104")
    assert hype["why"] and hype["use_instead"]
    assert data["counts"]["error"] == 1


def test_a_finding_about_the_whole_advert_is_listed_but_not_placed(server):
    _, data = server.post_json("/api/check", {"text": SKETCHY})
    length = next(f for f in data["findings"] if f["code"] == "RL207")
    assert length["start"] is None and length["line"] is None
    # The command line places it where the text starts and says so; the page lists it as "whole
    # advert" and marks nothing, so it must not claim to show it there (nor must the report).
    assert length["message"].startswith("The advert is") and "shown where" not in length["message"]
    _, _, report = server.request("POST", "/api/report", json_body={"text": SKETCHY})
    assert b"The advert is" in report and b"shown where" not in report


def test_the_summary_gives_length_grade_salary_sections_and_coded_words(server):
    _, data = server.post_json("/api/check", {"text": SKETCHY + "\nYou are assertive and competitive.\n"})
    summary = data["summary"]
    assert summary["words"] > 10 and summary["length"] == "short" and summary["words_min"] == 300
    assert summary["words_reported_below"] == 200
    assert summary["salary_stated"] is False
    assert "how to apply" in summary["sections_missing"]
    assert [w["word"] for w in summary["masculine"]] == ["assertive", "competitive"]


def test_one_fix_is_applied_and_the_text_checked_again(server):
    _, data = server.post_json("/api/check", {"text": SKETCHY})
    fix = next(f["fix"] for f in data["findings"] if f["fix"])
    status, fixed = server.post_json("/api/fix", {"text": SKETCHY, "fix": fix})
    assert status == 200 and "chair needs" in fixed["text"] and "chairman" not in fixed["text"]
    assert all(f["excerpt"] != "chairman" for f in fixed["findings"])


def test_a_fix_for_text_that_changed_since_is_refused_with_a_message(server):
    _, data = server.post_json("/api/check", {"text": SKETCHY})
    fix = next(f["fix"] for f in data["findings"] if f["fix"])
    status, answer = server.post_json("/api/fix", {"text": "Something else entirely.", "fix": fix})
    assert status == 400 and "changed" in answer["error"]


def test_all_safe_fixes_at_once(server):
    text = "# Sales\n\nOur chairman wants a salesman who knows java script.\n"
    status, fixed = server.post_json("/api/fix", {"text": text, "fix": "all"})
    assert status == 200
    assert fixed["text"] == "# Sales\n\nOur chair wants a salesperson who knows JavaScript.\n"
    assert fixed["fixable"] == 0


def test_an_uploaded_markdown_file_is_read_and_checked(server):
    body, boundary = _multipart("draft.md", b"# Ninja wanted\r\n\r\nHey guys.\r\n")
    status, _, answer = server.request(
        "POST", "/api/upload", body=body, headers={"Content-Type": f"multipart/form-data; boundary={boundary}"}
    )
    data = json.loads(answer)
    assert status == 200 and data["text"] == "# Ninja wanted\n\nHey guys.\n" and data["format"] == "md"
    assert {"RL104", "RL109"} <= {f["code"] for f in data["findings"]}


def test_the_report_is_a_printable_page_with_the_findings(server):
    status, headers, body = server.request("POST", "/api/report", json_body={"text": SKETCHY})
    page = body.decode("utf-8")
    assert status == 200 and "attachment" in headers["content-disposition"]
    assert "Advert report" in page and "RL104" in page and "@media print" in page
    assert "<script" not in page


def test_rule_documentation_is_served_by_code(server):
    status, _, body = server.request("GET", "/rules/RL104")
    assert status == 200 and b"Why it matters" in body and b"hype" in body
    status, _, listing = server.request("GET", "/rules")
    assert status == 200 and listing.index(b"/rules/RL101") < listing.index(b"/rules/RL001")
    assert server.request("GET", "/rules/RL999")[0] == 404


# --- bad requests: a message, never a traceback, and the server lives on ---------------------


def test_a_request_naming_another_host_is_refused(server):
    for host in ("evil.example", f"evil.example:{server.port}", "127.0.0.1.nip.io", "localhost:1"):
        status, _, body = server.request("GET", "/", headers={"Host": host})
        assert status == 400, host
    for host in (f"127.0.0.1:{server.port}", f"localhost:{server.port}", "127.0.0.1"):
        assert server.request("GET", "/", headers={"Host": host})[0] == 200, host


def test_another_address_is_served_with_a_warning_and_the_host_header_still_checked():
    # `--host` other than loopback: a warning that others can reach the page; the Host header may
    # then name this machine, but still not another site (DNS rebinding).
    with running_server("--host", "0.0.0.0") as anywhere:
        # the warning comes before the "ready" line, so it is written by now (or never)
        waiting = selectors.DefaultSelector()
        waiting.register(anywhere.process.stderr, selectors.EVENT_READ)
        warning = anywhere.process.stderr.readline() if waiting.select(timeout=5) else ""
        assert "warning: serving on 0.0.0.0, not only on this computer" in warning
        port = anywhere.port
        assert anywhere.request("GET", "/", headers={"Host": f"{socket.gethostname()}:{port}"})[0] == 200
        assert anywhere.request("GET", "/", headers={"Host": f"evil.example:{port}"})[0] == 400


def test_a_post_from_another_site_is_refused(server):
    status, _, _ = server.request(
        "POST", "/api/check", json_body={"text": "x"}, headers={"Origin": "http://evil.example"}
    )
    assert status == 403
    own = f"http://127.0.0.1:{server.port}"
    assert server.request("POST", "/api/check", json_body={"text": "x"}, headers={"Origin": own})[0] == 200


@pytest.mark.parametrize(
    "body, content_type, expected",
    [
        (b"{not json", "application/json", "not valid JSON"),
        (b"[1, 2]", "application/json", "not a JSON object"),
        (b'{"text": 5}', "application/json", "must be a string"),
        (b'{"text": "x", "format": "exe"}', "application/json", "The page reads"),
        (b'{"text": "x", "role": "../../etc/passwd"}', "application/json", "not in the roles repo"),
        (b"text=hello", "application/x-www-form-urlencoded", "as JSON"),
        (b'{"text": "x", "fix": {"start": "a"}}', "application/json", "not one the page offered"),
        (
            b'{"text": "chairman", "fix": {"start": 0, "end": 8, "replacement": null, "before": "chairman"}}',
            "application/json",
            "not one the page offered",
        ),
    ],
)
def test_a_malformed_request_gets_a_message(server, body, content_type, expected):
    path = "/api/fix" if b'"fix"' in body else "/api/check"
    status, _, answer = server.request("POST", path, body=body, headers={"Content-Type": content_type})
    message = json.loads(answer)["error"]
    assert status == 400 and expected in message and "Traceback" not in message
    _alive(server)


@pytest.mark.parametrize(
    "fmt, told",
    [
        ("exe", "this one is .exe."),
        ("../../etc/passwd", 'the request named the format "../../etc/passwd", not one of them.'),
        ("", "the request named no format."),
    ],
)
def test_a_format_the_page_does_not_read_is_named_as_given(server, fmt, told):
    status, data = server.post_json("/api/check", {"text": "x", "format": fmt})
    assert status == 400 and data["error"] == "The page reads .md, .txt, .html, .docx files; " + told


def test_half_of_a_utf16_pair_in_the_text_is_checked_not_an_internal_error(server):
    # JSON can carry a lone surrogate ("\ud800"), and a browser's text box can hold one (pasted from
    # a broken source); no encoder accepts it, and the whole check failed with a 500.
    body = b'{"text": "# Developer\\n\\n\\ud800 Hey guys, we need you.\\n"}'
    status, _, answer = server.request("POST", "/api/check", body=body, headers={"Content-Type": "application/json"})
    data = json.loads(answer)
    assert status == 200, data
    assert data["text"] == "# Developer\n\n\ufffd Hey guys, we need you.\n"  # same length: placing holds
    guys = next(f for f in data["findings"] if f["excerpt"] == "guys")
    assert data["text"][guys["start"] : guys["end"]] == "guys"
    _alive(server)


def test_a_text_longer_than_an_advert_could_be_is_refused_with_a_message(server):
    status, data = server.post_json("/api/check", {"text": "word " * 30_000})
    assert status == 400 and "characters long" in data["error"]


# What a request refused for its size is told: a paste is too long, an upload should be pasted instead.
TOO_LARGE = {"/api/check": "The text is too long for the page", "/api/upload": "Paste the advert's text instead."}


@pytest.mark.parametrize(
    "path, content_type", [("/api/check", "application/json"), ("/api/upload", "multipart/form-data; boundary=b")]
)
def test_a_body_over_the_limit_is_refused_before_it_is_read_with_advice_for_its_kind(server, path, content_type):
    status, _, body = server.request("POST", path, body=b"x" * 6_000_000, headers={"Content-Type": content_type})
    message = json.loads(body)["error"]
    assert status == 413 and TOO_LARGE[path] in message
    if path == "/api/check":
        assert "100,000 characters" in message and "Paste" not in message
    _alive(server)


@pytest.mark.parametrize(
    "path, first, content_type",
    [
        ("/api/check", b'{"text": "', "application/json"),
        (
            "/api/upload",
            b'--b\r\nContent-Disposition: form-data; name="file"; filename="a.md"\r\n\r\n',
            "multipart/form-data; boundary=b",
        ),
    ],
)
def test_a_chunked_body_over_the_limit_is_refused_too(server, path, first, content_type):
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    status = None
    try:
        chunks = (first if n == 0 else b"x" * 100_000 for n in range(70))
        connection.request("POST", path, body=chunks, encode_chunked=True, headers={"Content-Type": content_type})
        response = connection.getresponse()
        status = response.status
        assert TOO_LARGE[path] in json.loads(response.read())["error"]
    except (BrokenPipeError, ConnectionResetError):
        status = 413  # refused while the body was still being sent
    finally:
        connection.close()
    assert status == 413
    _alive(server)


@pytest.mark.parametrize(
    "filename, data, expected",
    [
        ("advert.pdf", b"%PDF-1.4", "this is .pdf"),
        ("advert", b"text", "without a suffix"),
        ("advert.txt", b"\x00\x01\x02 binary", "not a text, Word or web page file"),
        ("advert.md", b"\xff\xfe# UTF-16!", "not a text, Word or web page file"),  # 9 bytes after the mark
        ("../../etc/passwd.md", b"# Product manager\n\nA plain advert.\n", None),
    ],
)
def test_an_upload_gets_a_message_or_is_read_in_memory(server, filename, data, expected):
    body, boundary = _multipart(filename, data)
    status, _, answer = server.request(
        "POST", "/api/upload", body=body, headers={"Content-Type": f"multipart/form-data; boundary={boundary}"}
    )
    result = json.loads(answer)
    if expected is None:
        assert status == 200 and result["text"].startswith("# Product manager")
    else:
        assert status == 400 and expected in result["error"]
    _alive(server)


@pytest.mark.parametrize(
    "encoded, encoding",
    [
        (lambda text: text.encode("cp1252"), "Windows-1252"),  # Notepad's "ANSI"
        (lambda text: text.encode("utf-16"), "UTF-16"),  # Notepad's "Unicode": a byte-order mark, then UTF-16
        (lambda text: b"\xfe\xff" + text.encode("utf-16-be"), "UTF-16"),
        (lambda text: text.encode("utf-32"), "UTF-32"),
        (lambda text: text.encode("utf-8-sig"), None),
    ],
)
def test_a_text_file_from_windows_is_read_and_the_encoding_named(server, encoded, encoding):
    text = "Product designer\r\n\r\nSalary: £40,000 a year. Café on site; hey guys.\r\n"
    status, data = _upload(server, "notepad.txt", encoded(text))
    assert status == 200, data
    assert data["text"] == text.replace("\r\n", "\n") and data["encoding"] == encoding
    guys = next(f for f in data["findings"] if f["code"] == "RL109")
    assert data["text"][guys["start"] : guys["end"]] == "guys"


def test_an_upload_without_a_file_gets_a_message(server):
    status, _, answer = server.request(
        "POST", "/api/upload", body=b"--b--\r\n", headers={"Content-Type": "multipart/form-data; boundary=b"}
    )
    assert status == 400 and "Choose a file" in json.loads(answer)["error"]


def test_no_request_path_reaches_the_file_system(server):
    for path in (
        "/static/../../pyproject.toml",
        "/static/..%2f..%2fpyproject.toml",
        "/static/%2e%2e/app.js",
        "/rules/..%2f..%2fpyproject.toml",
        "/templates/index.html",
        "/static/index.html",
    ):
        status, _, body = server.request("GET", path)
        assert status == 404 and b"[project]" not in body and b"{%" not in body, path


def test_other_methods_and_unknown_pages_get_a_page_not_a_traceback(server):
    assert server.request("PUT", "/api/check", body=b"x")[0] == 405
    status, _, body = server.request("GET", "/no/such/page")
    assert status == 404 and b"Page not found" in body and b"Traceback" not in body


def test_a_slow_or_broken_client_does_not_stop_the_server(server):
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as raw:
        raw.sendall(
            b"POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            b'Content-Length: 1000\r\n\r\n{"text": '
        )  # and then hang up
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as raw:
        raw.sendall(b"\x16\x03\x01 not http at all\r\n\r\n")
    _alive(server)


def test_a_client_that_leaves_mid_body_is_neither_answered_nor_logged(caplog):
    from rolelint.api import Linter
    from rolelint.serve.app import build_app

    app = build_app(Linter.for_paths([REPO / "examples"]), profession=False)
    scope = {
        "type": "http",
        "method": "POST",
        "path": "/api/check",
        "query_string": b"",
        "headers": [(b"host", b"127.0.0.1"), (b"content-type", b"application/json"), (b"content-length", b"100")],
    }
    incoming = iter([{"type": "http.request", "body": b'{"text": ', "more_body": True}, {"type": "http.disconnect"}])
    sent: list[dict] = []

    async def receive():
        return next(incoming)

    async def send(message):
        sent.append(message)

    with caplog.at_level(logging.INFO):
        asyncio.run(app(scope, receive, send))
    assert sent == []
    assert caplog.records == []


# --- start-up ----------------------------------------------------------------------------------


def test_a_port_in_use_is_an_error_naming_it_before_anything_loads():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "rolelint", "serve", "--port", str(port)],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert done.returncode == 2 and f"127.0.0.1:{port}" in done.stderr and "--port" in done.stderr
    assert "Traceback" not in done.stderr


def test_only_loopback_addresses_count_as_this_computer():
    from rolelint.serve import is_loopback

    assert all(is_loopback(h) for h in ("127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2"))
    assert not any(is_loopback(h) for h in ("0.0.0.0", "::", "192.168.1.4", "example.org"))


def test_host_headers_are_parsed_strictly():
    from rolelint.serve.security import allowed_host_names, host_allowed

    names = allowed_host_names("127.0.0.1")
    assert host_allowed("127.0.0.1:8000", names, 8000) and host_allowed("[::1]:8000", names, 8000)
    assert host_allowed("LOCALHOST", names, 8000)
    for bad in (
        "",
        "evil.example",
        "127.0.0.1:9000",
        "127.0.0.1:80:80",
        "[::1",
        "a b",
        "user@127.0.0.1",
        "127.0.0.1/x",
        "::1",
    ):
        assert not host_allowed(bad, names, 8000), bad


def _multipart(filename: str, data: bytes) -> tuple[bytes, str]:
    boundary = "rolelint-test-boundary"
    out = io.BytesIO()
    out.write(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n".encode()
    )
    out.write(data)
    out.write(f"\r\n--{boundary}--\r\n".encode())
    return out.getvalue(), boundary


def docx_bytes(paragraphs: list[str]) -> bytes:
    """A minimal Word document (the parts Word itself needs), written here."""
    body = "".join(f'<w:p><w:r><w:t xml:space="preserve">{p}</w:t></w:r></w:p>' for p in paragraphs)
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        )
        archive.writestr("word/document.xml", document)
    return out.getvalue()


# --- other formats, through the format seam, once rolelint reads them ---------------------------


def _format_or_skip(suffix: str) -> None:
    from rolelint.serve.analysis import page_formats

    if suffix not in page_formats():
        pytest.skip(f"rolelint does not read .{suffix} files yet (rolelint/formats)")


def _upload(server, filename: str, data: bytes) -> tuple[int, dict]:
    body, boundary = _multipart(filename, data)
    status, _, answer = server.request(
        "POST", "/api/upload", body=body, headers={"Content-Type": f"multipart/form-data; boundary={boundary}"}
    )
    return status, json.loads(answer)


def test_an_uploaded_word_document_is_read_and_checked(server):
    _format_or_skip("docx")
    status, data = _upload(server, "advert.docx", docx_bytes(["Rockstar developer", "Hey guys, join us."]))
    assert status == 200 and data["format"] == "docx"
    assert "Rockstar developer" in data["text"] and "Hey guys" in data["text"]
    found = {f["code"]: f for f in data["findings"]}
    assert found["RL109"]["excerpt"] == "guys" and found["RL104"]["excerpt"] == "Rockstar"


def _zip_bomb() -> bytes:
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as part:  # 200 MB of XML, about 200 KB packed
            part.write(b"<w:document>")
            for _ in range(200):
                part.write(b" " * 1_000_000)
            part.write(b"</w:document>")
    return bomb.getvalue()


def test_a_word_document_that_unpacks_to_far_too_much_is_a_message(server):
    _format_or_skip("docx")
    status, data = _upload(server, "bomb.docx", _zip_bomb())
    assert status in (200, 400) and "Traceback" not in json.dumps(data)
    if status == 200:
        assert any(f["severity"] == "error" for f in data["findings"])
    _alive(server)


def test_an_uploaded_web_page_is_read_and_its_script_stays_text(server):
    _format_or_skip("html")
    page = (
        b"<html><head><script>alert(1)</script></head><body><h1>Ninja wanted</h1>"
        b'<p>Hey guys, <a href="javascript:alert(2)">apply</a>.</p></body></html>'
    )
    status, data = _upload(server, "advert.html", page)
    assert status == 200 and data["format"] == "html"
    assert {"RL104", "RL109"} <= {f["code"] for f in data["findings"]}


def test_open_says_so_when_no_browser_can_be_opened(tmp_path, monkeypatch):
    monkeypatch.setenv("BROWSER", str(tmp_path / "no-such-browser"))
    with running_server("--open") as running:
        selector = selectors.DefaultSelector()
        selector.register(running.process.stderr, selectors.EVENT_READ)
        assert selector.select(timeout=60), "nothing on standard error"
        line = running.process.stderr.readline()
    assert line.strip() == f"rolelint serve: no web browser could be opened; open {running.url} in one"


def test_open_starts_the_web_browser_on_the_page_once_it_is_ready(tmp_path, monkeypatch):
    opened = tmp_path / "opened.txt"
    fake_browser = tmp_path / "fake-browser"
    fake_browser.write_text(f"#!{sys.executable}\nimport sys\nopen({str(opened)!r}, 'w').write(sys.argv[1])\n")
    fake_browser.chmod(0o755)
    monkeypatch.setenv("BROWSER", str(fake_browser))  # what Python's webbrowser module runs
    with running_server("--open") as running:
        for _ in range(200):
            if opened.exists() and opened.read_text():
                break
            time.sleep(0.05)
        assert opened.read_text() == running.url


# What the command line says, for a person at a terminal; the page says what to do instead.
DEVELOPER_WORDS = re.compile(r"`|NUL|byte offset|0x|encoding_fallback|zip bomb|rolelint check|UTF-8|RL00")


@pytest.mark.parametrize(
    "filename, data, plain, detail",
    [
        ("advert.txt", b"\x00\x01\x02 binary", "Save it as .docx, .txt or .html and try again.", "NUL bytes"),
        ("advert.txt", b"Caf\x81 \x9d", "Save it as .docx, .txt or .html and try again.", "byte offset 3"),
        ("advert.md", b"\xff\xfe# UTF-16!", "Save it as .docx, .txt or .html and try again.", "UTF-16"),
        ("advert.docx", b"PK\x03\x04 not a zip", "could not be opened as a Word document", "not a Word document"),
        ("bomb.docx", None, "could not be opened as a Word document", "zip bomb"),
    ],
)
def test_an_unreadable_upload_says_what_to_do_with_the_reason_as_detail(server, filename, data, plain, detail):
    if filename.endswith(".docx"):
        _format_or_skip("docx")
    status, answer = _upload(server, filename, _zip_bomb() if data is None else data)
    assert status == 400, answer
    assert plain in answer["error"] and not DEVELOPER_WORDS.search(answer["error"]), answer["error"]
    assert detail in answer["detail"], answer["detail"]


def test_a_text_too_long_says_what_to_do_and_names_the_command_only_as_detail(server):
    status, data = server.post_json("/api/check", {"text": "x" * 150_000})
    assert status == 400 and data["error"].startswith("The advert is 150,000 characters long")
    assert "Shorten it" in data["error"] and not DEVELOPER_WORDS.search(data["error"]), data["error"]
    assert "rolelint check" in data["detail"]
