"""The page's web app (Starlette): routes, templates and the static files, all held in memory.

Nothing a request says becomes a file-system path: templates and static files are read once when the
app is built, from the package, and looked up by name in a fixed table; an uploaded file is read in
memory and linted through ``Linter.lint_bytes`` under a fixed name (``advert.<suffix>``). Nothing is
written: no database, no files, no cookies.
"""

from __future__ import annotations

import datetime
import html
import logging
import re
from importlib import resources

from jinja2 import DictLoader, Environment, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

import rolelint
from rolelint.api import Linter
from rolelint.serve.analysis import MAX_TEXT_CHARS, SAME_FORMAT, Checker, PageError, apply_fix, suffix_of
from rolelint.serve.security import BodyTooLarge, Guard

log = logging.getLogger("rolelint.serve")

MAX_UPLOAD = 5_000_000  # bytes of one uploaded file
MAX_BODY = MAX_UPLOAD + 200_000  # a request: the file and the form around it
STATIC_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml"}
_RULE_CODE = re.compile(r"^[A-Z]{2,4}[0-9]{3}$")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")  # a pair is one character once JSON is decoded


class _InMemoryParser(MultiPartParser):
    """Starlette's parser (python-multipart underneath) that keeps an upload in memory: its spooled
    file would go to disk past 1 MB, and the page writes no file."""

    spool_max_size = MAX_BODY + 1


def _package_files(folder: str, suffixes: tuple[str, ...]) -> dict[str, str]:
    root = resources.files("rolelint.serve").joinpath(folder)
    return {
        item.name: item.read_text(encoding="utf-8")
        for item in root.iterdir()
        if item.is_file() and item.name.endswith(suffixes)
    }


def build_app(linter: Linter, *, profession: bool, host: str = "127.0.0.1", port_holder=lambda: None) -> Guard:
    """The page for ``linter``. ``profession``: offer the role level chooser and the profession checks
    (``rolelint serve --repo``). ``host`` and ``port_holder`` (a callable giving the bound port) are
    what the Host header is checked against."""
    checker = Checker(linter, profession=profession)
    templates = Environment(
        loader=DictLoader(_package_files("templates", (".html",))),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )
    templates.filters["inline_code"] = _inline_code
    static = {
        name: (text.encode("utf-8"), STATIC_TYPES[name[name.rfind(".") :]])
        for name, text in _package_files("static", tuple(STATIC_TYPES)).items()
    }
    rules = {info.code: info for info in linter.rules()}

    def page(name: str, status: int = 200, **values) -> HTMLResponse:
        values.setdefault("version", rolelint.__version__)
        return HTMLResponse(templates.get_template(name).render(**values), status_code=status)

    async def index(request: Request) -> Response:
        return page(
            "index.html",
            formats=checker.formats,
            role_levels=checker.role_levels,
            profession=profession,
            repo=linter.config.root.name if profession else None,
        )

    async def static_file(request: Request) -> Response:
        found = static.get(request.path_params["name"])
        if found is None:
            raise HTTPException(404)
        return Response(found[0], media_type=found[1])

    async def rules_index(request: Request) -> Response:
        # wording and structure first, the checks of files and YAML (RL0) last: a hiring manager
        # opening the list looks for what the page says about an advert
        return page("rules.html", rules=[rules[code] for code in sorted(rules, key=lambda c: (c.startswith("RL0"), c))])

    async def rule_page(request: Request) -> Response:
        code = request.path_params["code"].upper()
        if not _RULE_CODE.match(code) or code not in rules:
            return page(
                "error.html",
                status=404,
                title="No such rule",
                message="There is no rule with that code. The list of rules has every one.",
            )
        return page(
            "rule.html", rule=rules[code], references=[_reference(r) for r in rules[code].docs.get("references") or ()]
        )

    async def api_check(request: Request) -> Response:
        data = await _json_body(request)
        result = await run_in_threadpool(checker.check, _text(data), fmt=_format(data), role=_role(data))
        return JSONResponse(result)

    async def api_fix(request: Request) -> Response:
        data = await _json_body(request)
        fix = data.get("fix")
        if fix == "all":
            fixed = await run_in_threadpool(checker.apply_all_fixes, _text(data), fmt=_format(data), role=_role(data))
        elif isinstance(fix, dict):
            fixed = apply_fix(_text(data), fix)
        else:
            raise PageError("Say which fix to apply.")
        result = await run_in_threadpool(checker.check, fixed, fmt=_format(data), role=_role(data))
        return JSONResponse(result)

    async def api_upload(request: Request) -> Response:
        content_type = request.headers.get("content-type", "")
        if not content_type.startswith("multipart/form-data"):
            raise PageError("Upload a file with the page's upload button.")
        try:
            form = await _InMemoryParser(
                request.headers, request.stream(), max_files=1, max_fields=4, max_part_size=10_000
            ).parse()
        except MultiPartException as exc:
            raise PageError(
                "The file could not be uploaded. Try again, or paste the advert's text.", detail=str(exc)
            ) from None
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise PageError("Choose a file to upload first.")
        suffix = suffix_of(upload.filename or "")
        fmt = SAME_FORMAT.get(suffix, suffix)
        if fmt not in checker.formats:
            kinds = ", ".join(f".{s}" for s in checker.formats)
            shown = f".{suffix}" if suffix else "a file without a suffix"
            raise PageError(
                f"The page reads {kinds} files; this is {shown}. Save the advert in one of those "
                "formats, or paste its text."
            )
        data = await upload.read(MAX_UPLOAD + 1)
        await upload.close()
        if len(data) > MAX_UPLOAD:
            raise PageError(f"The file is larger than {MAX_UPLOAD // 1_000_000} MB; an advert is much smaller.")
        chosen = form.get("role")
        role = chosen if isinstance(chosen, str) else None
        result = await run_in_threadpool(checker.read_upload, data, fmt, role=role or None)
        return JSONResponse(result)

    async def api_report(request: Request) -> Response:
        data = await _json_body(request)
        result = await run_in_threadpool(checker.check, _text(data), fmt=_format(data), role=_role(data))
        when = datetime.datetime.now().strftime("%d %B %Y, %H:%M")
        body = templates.get_template("report.html").render(
            result=result, marked=_marked(result), when=when, version=rolelint.__version__
        )
        return HTMLResponse(body, headers={"content-disposition": 'attachment; filename="advert-report.html"'})

    async def too_large(request: Request, exc: Exception) -> Response:
        return JSONResponse(too_large_answer(request.url.path), status_code=413)

    async def disconnected(request: Request, exc: Exception) -> None:
        # A browser tab closed or a request cancelled while its body was on the way: nobody is left
        # to answer, and it is no fault of the server's.
        log.debug("rolelint serve: the client left during %s", request.url.path)

    async def page_error(request: Request, exc: Exception) -> Response:
        if request.url.path.startswith("/api/"):
            if isinstance(exc, PageError):
                return JSONResponse({"error": str(exc), "detail": exc.detail}, status_code=400)
            status = getattr(exc, "status_code", 500)
            if status == 500:
                log.error("rolelint serve: internal error on %s: %s: %s", request.url.path, type(exc).__name__, exc)
            return JSONResponse({"error": _message(status)}, status_code=status)
        status = getattr(exc, "status_code", 500)
        if status == 500:
            log.error("rolelint serve: internal error on %s: %s: %s", request.url.path, type(exc).__name__, exc)
        return page("error.html", status=status, title=_title(status), message=_message(status))

    routes = [
        Route("/", index),
        Route("/static/{name}", static_file),
        Route("/rules", rules_index),
        Route("/rules/{code}", rule_page),
        Route("/api/check", api_check, methods=["POST"]),
        Route("/api/fix", api_fix, methods=["POST"]),
        Route("/api/upload", api_upload, methods=["POST"]),
        Route("/api/report", api_report, methods=["POST"]),
    ]
    app = Starlette(
        routes=routes,
        exception_handlers={
            Exception: page_error,
            HTTPException: page_error,
            PageError: page_error,
            BodyTooLarge: too_large,
            ClientDisconnect: disconnected,
        },
    )
    return Guard(app, host=host, port_holder=port_holder, max_body=MAX_BODY, too_large=too_large_answer)


def too_large_answer(path: str) -> dict:
    """The 413's message: what the person can do depends on whether they uploaded a file or pasted text."""
    if path == "/api/upload":
        return {
            "error": f"That file is too large for the page: it takes up to {MAX_UPLOAD // 1_000_000} MB. "
            "Paste the advert's text instead."
        }
    return {
        "error": f"The text is too long for the page: it checks adverts of up to {MAX_TEXT_CHARS:,} characters. "
        "Shorten it, or check it a part at a time.",
        "detail": "The command line checks longer texts: rolelint check FILE.",
    }


async def _json_body(request: Request) -> dict:
    if not request.headers.get("content-type", "").startswith("application/json"):
        raise PageError("The page sends its requests as JSON.")
    try:
        data = await request.json()
    except ValueError:
        raise PageError("The request was not valid JSON.") from None
    if not isinstance(data, dict):
        raise PageError("The request was not a JSON object.")
    return data


def _text(data: dict) -> str:
    text = data.get("text", "")
    if not isinstance(text, str):
        raise PageError("The advert's text must be a string.")
    # JSON can carry half of a UTF-16 pair ("\ud800"), as a text box pasted from a broken source can
    # hold one, and no encoder accepts it. Each becomes U+FFFD: one character and one UTF-16 unit, as
    # before, so the findings stay on the words the page shows.
    return _LONE_SURROGATE.sub("\ufffd", text)


def _format(data: dict) -> str:
    fmt = data.get("format", "md")
    if not isinstance(fmt, str):
        raise PageError('The format must be a string such as "md".')
    return SAME_FORMAT.get(fmt, fmt)


def _role(data: dict) -> str | None:
    role = data.get("role")
    if role is not None and not isinstance(role, str):
        raise PageError("The role level must be a string.")
    return role or None


def _title(status: int) -> str:
    return {400: "Bad request", 404: "Page not found", 405: "Not allowed", 413: "Too large"}.get(status, "Error")


def _message(status: int) -> str:
    return {
        400: "The page could not understand that request.",
        404: "There is no page here. Go back to the advert checker.",
        405: "That kind of request is not used by this page.",
        413: "That is too large for the page.",
    }.get(
        status,
        "Something went wrong on the page's side; nothing was lost. Try again in a moment.",
    )


def _inline_code(text) -> str:
    """Rule documentation's `code` spans as <code>, everything else escaped (a Jinja filter)."""
    from markupsafe import Markup

    parts = str(text).split("`")
    out = []
    for n, part in enumerate(parts):
        escaped = html.escape(part)
        out.append(f"<code>{escaped}</code>" if n % 2 and n < len(parts) - 1 else escaped)
    return Markup("".join(out))


def _reference(value) -> dict:
    """A rule's reference: a link only when it is an http(s) address (rule packs are not trusted)."""
    text = str(value)
    return {"text": text, "href": text if re.match(r"^https?://[^\s\"'<>]+$", text) else None}


def _marked(result: dict) -> list[dict]:
    """The advert as runs of plain and highlighted text, for the report (escaped by the template)."""
    text = result["text"]
    from rolelint.serve.analysis import utf16_offsets

    units = utf16_offsets(text)
    to_char = {unit: i for i, unit in enumerate(units)}
    marks = sorted(
        (to_char[f["start"]], to_char[f["end"]], f)
        for f in result["findings"]
        if f["start"] is not None and f["start"] in to_char and f["end"] in to_char
    )
    runs, at = [], 0
    for start, end, finding in marks:
        if start < at:
            continue  # overlapping findings: the report marks the first
        if start > at:
            runs.append({"text": text[at:start]})
        runs.append({"text": text[start:end], "finding": finding})
        at = end
    runs.append({"text": text[at:]})
    return runs
