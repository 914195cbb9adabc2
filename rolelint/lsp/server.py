"""The language server: the open documents, when each is linted, and the answers to the editor.

Every message is handled on pygls' event loop, which only keeps the documents' text and answers from
what is known; every call into rolelint runs on the worker thread (rolelint.lsp.worker). A document
is linted when it is opened or saved, and after a change: at once when it has not been linted for a
while, otherwise once `debounce` milliseconds have passed since its last lint began, so that a burst
of keystrokes is linted once, always in its latest text. A lint whose document changed while it ran
is not published: the next one is on its way.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from cattrs import ClassValidationError, transform_error
from lsprotocol import types
from pygls.exceptions import JsonRpcException, JsonRpcInternalError, JsonRpcInvalidParams
from pygls.lsp.server import LanguageServer
from pygls.protocol import JsonRPCNotification, JsonRPCRequestMessage, LanguageServerProtocol
from pygls.protocol.language_server import lsp_method
from pygls.uris import to_fs_path

from rolelint import LintResult, __version__, fix_text, suppression
from rolelint.formats import FORMATS, decode_text, format_for
from rolelint.lsp import completion, convert
from rolelint.lsp.projects import CONFIG_NAMES, Project, Projects, error_places
from rolelint.lsp.textdoc import UTF16, Lines, TextDocument, code_units
from rolelint.lsp.worker import BACKGROUND, CHANGED, URGENT, Worker

logger = logging.getLogger("rolelint.lsp")

LANGUAGE_SUFFIXES = {"markdown": ".md", "yaml": ".yaml", "plaintext": ".txt"}
# The suffixes of the text formats' default globs: what `rolelint check DIR` picks up, and an editor
# holds as text (not .docx, nor every .json, which the JSON-LD format reads only when named).
SUFFIXES = tuple(
    dict.fromkeys(
        glob[glob.rindex("*") + 1 :]
        for fmt in FORMATS.values()
        if fmt.decode is decode_text
        for glob in fmt.default_globs
        if glob.startswith("**/*.")
    )
)
FIX_ALL = f"{types.CodeActionKind.SourceFixAll.value}.rolelint"


@dataclass
class Settings:
    """What the client may set (initializationOptions, or `rolelint` in workspace/didChangeConfiguration)."""

    debounce_ms: int = 150  # `debounce`
    max_live_chars: int = 500_000  # `maxLiveSize`: bigger documents are linted on open and save only

    def update(self, options: Any) -> None:
        if not isinstance(options, dict):
            return
        options = options.get("rolelint", options)
        if not isinstance(options, dict):
            return
        for key, attribute in (("debounce", "debounce_ms"), ("maxLiveSize", "max_live_chars")):
            value = options.get(key)
            if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0:
                setattr(self, attribute, int(value))


@dataclass(frozen=True)
class Linted:
    """The last lint published for a document: of the text ``text`` at ``version``. Read by the worker
    while the event loop moves on, so it is replaced whole, never changed."""

    uri: str
    version: int | None
    text: str
    name: str
    result: LintResult
    lines: Lines
    diagnostics: tuple[types.Diagnostic, ...]


@dataclass
class OpenDocument:
    doc: TextDocument
    path: Path | None  # None: no file (an untitled buffer)
    project: Project | None = None
    linted: Linted | None = None
    diagnostics: list[types.Diagnostic] = field(default_factory=list)  # the last published


@dataclass
class Outcome:
    """What one lint produced, made on the worker thread."""

    version: int | None
    text: str
    project: Project | None
    name: str | None = None
    result: LintResult | None = None
    lines: Lines | None = None
    diagnostics: list[types.Diagnostic] = field(default_factory=list)


class RolelintProtocol(LanguageServerProtocol):
    """pygls' protocol, except that documents are kept by the server (rolelint.lsp.textdoc): pygls'
    own copy splits lines as Python does, which the LSP does not, and would double the memory; and
    that a request whose params do not fit its method is answered."""

    def structure_message(self, data: dict[str, Any]):
        """A message as its lsprotocol type. pygls answers a request whose params do not fit (none, or
        the wrong shape) with nothing, which leaves the client waiting, and logs the traceback of the
        failure in its message: the request gets the -32602 error JSON-RPC asks for, and the failure
        is raised as one line (pygls' loop logs it and tells the client through `window/logMessage`)."""
        if "jsonrpc" not in data or "method" not in data or "error" in data or "result" in data:
            return super().structure_message(data)
        request = "id" in data
        kind = self.get_message_type(data["method"]) or (JsonRPCRequestMessage if request else JsonRPCNotification)
        try:
            return self._converter.structure(data, kind)
        except Exception as exc:  # noqa: BLE001 - answered, then raised as one line
            error: JsonRpcException = (
                JsonRpcInvalidParams(f"Invalid params for {data['method']}: {'; '.join(transform_error(exc))}")
                if isinstance(exc, ClassValidationError)
                else JsonRpcInternalError(f"Could not read {data['method']}: {type(exc).__name__}: {exc}")
            )
            if request and isinstance(data["id"], (int, str)) and not isinstance(data["id"], bool):
                self._send_response(data["id"], None, error.to_response_error())
            raise error from exc

    @lsp_method(types.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: types.DidOpenTextDocumentParams):
        if (handler := self.fm.features.get(types.TEXT_DOCUMENT_DID_OPEN)) is not None:
            yield handler, (params,), None

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: types.DidChangeTextDocumentParams):
        if (handler := self.fm.features.get(types.TEXT_DOCUMENT_DID_CHANGE)) is not None:
            yield handler, (params,), None

    @lsp_method(types.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params: types.DidCloseTextDocumentParams):
        if (handler := self.fm.features.get(types.TEXT_DOCUMENT_DID_CLOSE)) is not None:
            yield handler, (params,), None


class RolelintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "rolelint",
            __version__,
            text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
            protocol_cls=RolelintProtocol,
        )
        self.docs: dict[str, OpenDocument] = {}
        self.settings = Settings()
        self.projects = Projects([])
        self.worker = Worker()
        self.encoding = UTF16
        self._timers: dict[str, asyncio.Future] = {}
        self._running: set[str] = set()
        self._dirty: set[str] = set()
        self._last_start: dict[str, float] = {}
        self._config_errors: dict[str, list[types.Diagnostic]] = {}  # by config file URI
        self._shown_errors: set[str] = set()
        self._told_left_alone: set[str] = set()  # documents whose log says they are not rolelint's
        self.shutdown_requested = False  # the exit code's LSP meaning: 0 after `shutdown`, else 1

    # --- errors never stop the server --------------------------------------------------------

    def report_server_error(self, error: Exception, source) -> None:
        self.log(f"{type(error).__name__}: {error}", types.MessageType.Error)

    def log(self, message: str, kind: types.MessageType = types.MessageType.Info) -> None:
        try:
            self.window_log_message(types.LogMessageParams(type=kind, message=f"rolelint: {message}"))
        except Exception:  # noqa: BLE001 - no client to tell (it went away)
            logger.warning("%s", message)

    # --- documents ---------------------------------------------------------------------------

    def open(self, params: types.DidOpenTextDocumentParams) -> None:
        item = params.text_document
        path = _path_of(item.uri)
        self.docs[item.uri] = OpenDocument(TextDocument(item.uri, item.text, item.version, item.language_id), path)
        self.schedule(item.uri)

    def change(self, params: types.DidChangeTextDocumentParams) -> None:
        entry = self.docs.get(params.text_document.uri)
        if entry is None:
            self.log(f"a change to {params.text_document.uri}, which is not open; ignored", types.MessageType.Warning)
            return
        for change in params.content_changes:
            if isinstance(change, types.TextDocumentContentChangePartial):
                entry.doc.edit(
                    (change.range.start.line, change.range.start.character),
                    (change.range.end.line, change.range.end.character),
                    change.text,
                    self.encoding,
                )
            else:
                entry.doc.edit(None, None, change.text, self.encoding)
        entry.doc.version = params.text_document.version
        if len(entry.doc.text) > self.settings.max_live_chars:
            return  # linted again when it is saved
        self.schedule(entry.doc.uri, delay=self._throttle(entry.doc.uri))

    def close(self, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        self.docs.pop(uri, None)
        timer = self._timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        self._dirty.discard(uri)
        self._send(uri)

    def saved(self, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        path = _path_of(uri)
        if path is not None:
            self.files_changed([path])
        if uri in self.docs:
            self.schedule(uri)

    def files_changed(self, paths: list[Path]) -> None:
        """Files saved, created, changed or deleted on disk: configs are read again, the profession
        index reads the others again, and the open documents they may affect are linted again."""
        configs = [p for p in paths if p.name in CONFIG_NAMES]
        others = [p for p in paths if p.name not in CONFIG_NAMES]
        if configs:
            self.config_changed()
            future = self.worker.submit(self._reload_configs, priority=CHANGED)
        elif others:
            future = self.worker.submit(self._refresh_index, others, priority=CHANGED)
        else:
            return
        asyncio.ensure_future(self._after(future))

    async def _after(self, future) -> None:
        try:
            uris = await asyncio.wrap_future(future)
        except Exception as exc:  # noqa: BLE001
            self.log(f"could not take in a file change: {type(exc).__name__}: {exc}", types.MessageType.Error)
            return
        self._publish_config_errors()
        for uri in uris:
            if uri in self.docs:
                self.schedule(uri, priority=BACKGROUND)

    def config_changed(self) -> None:
        """The config or the client's settings changed: what the log said about which documents are
        not rolelint's may no longer hold, so it is said again at their next lint."""
        self._told_left_alone.clear()

    def _reload_configs(self) -> list[str]:
        self.projects.config_changed()
        for entry in self.docs.values():
            entry.project = None
        return list(self.docs)

    def _refresh_index(self, paths: list[Path]) -> list[str]:
        touched: set[tuple[str | None, str]] = set()
        for project in self.projects.all():
            if project.linter is None:
                continue
            names = [project.name_of(p) for p in paths if project.root in p.parents]
            if not names:
                continue
            try:
                project.linter.refresh_profession(names)
            except ValueError:
                continue
            touched.add(project.key)
        return [uri for uri, entry in list(self.docs.items()) if entry.project and entry.project.key in touched]

    # --- linting -------------------------------------------------------------------------------

    def _throttle(self, uri: str) -> float:
        last = self._last_start.get(uri)
        if last is None:
            return 0.0
        return max(0.0, last + self.settings.debounce_ms / 1000 - time.monotonic())

    def schedule(self, uri: str, *, delay: float = 0.0, priority: int = CHANGED) -> None:
        if uri in self._running:
            self._dirty.add(uri)
            return
        timer = self._timers.get(uri)
        if timer is not None and not timer.done():
            return  # a lint is due, and it will read the latest text
        self._timers[uri] = asyncio.ensure_future(self._lint_later(uri, delay, priority))

    async def _lint_later(self, uri: str, delay: float, priority: int) -> None:
        try:
            if delay > 0:
                await asyncio.sleep(delay)
            entry = self.docs.get(uri)
            if entry is None:
                return
            self._running.add(uri)
            self._last_start[uri] = time.monotonic()
            future = self.worker.submit(
                self._lint, entry.path, entry.doc.language_id, entry.doc.text, entry.doc.version, priority=priority
            )
            outcome = await asyncio.wrap_future(future)
            self._take(uri, outcome)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # noqa: BLE001 - one document's failure is logged, not fatal
            logger.exception("lint of %s failed", uri)
            self.log(f"could not lint {uri}: {type(exc).__name__}: {exc}", types.MessageType.Error)
        finally:
            self._running.discard(uri)
            if self._timers.get(uri) is asyncio.current_task():
                self._timers.pop(uri, None)
            if uri in self._dirty and uri in self.docs:
                self._dirty.discard(uri)
                self.schedule(uri, delay=self._throttle(uri))

    def _lint(self, path: Path | None, language_id: str, text: str, version: int | None) -> Outcome:
        """On the worker: lint one document's text with its project's Linter."""
        project = self.projects.for_path(path) if path is not None else self.projects.default()
        outcome = Outcome(version, text, project)
        if project.linter is None:
            return outcome
        name = project.name_of(path) if path is not None else f"untitled{LANGUAGE_SUFFIXES.get(language_id, '.txt')}"
        outcome.name = name
        if not _lintable(name, language_id) or project.linter.excluded(name):
            return outcome
        # An untitled buffer has no place in the repo for a `kinds:` glob to place: like the web page's
        # pasted draft it is an advert, unless it is YAML (which says its own `kind:`).
        kind = "advert" if path is None and format_for(name).name != "yaml" else None
        result = project.linter.lint_text(text, name=name, kind=kind)
        lines = Lines(text)
        related = project.linter.related(result)
        outcome.result, outcome.lines = result, lines
        outcome.diagnostics = [
            convert.to_lsp(
                d,
                lines,
                self.encoding,
                info=result.rules.get(d.code),
                related=self._related(project, related.get(d, ())),
            )
            for d in result.diagnostics
            if d.path == name
        ]
        return outcome

    def _related(self, project: Project, places) -> list[types.DiagnosticRelatedInformation]:
        out = []
        for place in places:
            path = Path(os.path.normpath(project.root / place.path))
            lines = _file_lines(path)
            if lines is None:
                continue
            start = convert.offset_of(lines, place.line, place.column)
            end = convert.offset_of(lines, place.end_line, place.end_column)
            out.append(
                types.DiagnosticRelatedInformation(
                    location=types.Location(
                        uri=path.as_uri(), range=convert.lsp_range(lines, start, end, self.encoding)
                    ),
                    message=place.message,
                )
            )
        return out

    def _take(self, uri: str, outcome: Outcome) -> None:
        entry = self.docs.get(uri)
        if entry is None:
            return
        entry.project = outcome.project
        if entry.doc.version != outcome.version or entry.doc.text != outcome.text:
            return  # changed meanwhile: linted again soon
        entry.linted = None
        if outcome.result is not None:
            entry.linted = Linted(
                uri,
                outcome.version,
                outcome.text,
                outcome.name,
                outcome.result,
                outcome.lines,
                tuple(outcome.diagnostics),
            )
        entry.diagnostics = outcome.diagnostics
        if outcome.result is not None and outcome.result.left_alone and uri not in self._told_left_alone:
            self._told_left_alone.add(uri)
            self.log(
                f"{outcome.name} is not linted: the config's `kinds:` globs say where adverts are and do not "
                "place it (see docs/discovery.md)"
            )
        self._send(uri, version=outcome.version)
        self._publish_config_errors()

    def _send(self, uri: str, *, version: int | None = None) -> None:
        entry = self.docs.get(uri)
        diagnostics = (entry.diagnostics if entry else []) + self._config_errors.get(uri, [])
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version)
        )

    def _publish_config_errors(self) -> None:
        current: dict[str, list[types.Diagnostic]] = {}
        for project in self.projects.all():
            if project.error is None or project.config_path is None:
                continue
            uri = project.config_path.as_uri()
            current[uri] = self._config_diagnostics(project)
            if project.error not in self._shown_errors and project.linter is None:
                self._shown_errors.add(project.error)
                self.window_show_message(
                    types.ShowMessageParams(
                        type=types.MessageType.Error,
                        message=f"rolelint: the config {project.config_path.name} cannot be used, so files under "
                        f"{project.root} are not linted: {project.error.splitlines()[0]}",
                    )
                )
        changed = {
            uri for uri in set(current) | set(self._config_errors) if current.get(uri) != self._config_errors.get(uri)
        }
        self._config_errors = current
        for uri in changed:
            self._send(uri)

    def _config_diagnostics(self, project: Project) -> list[types.Diagnostic]:
        try:
            text = project.config_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            text = ""
        lines = Lines(text)
        kept = (
            " (files are linted with the config as it was before)"
            if project.linter is not None
            else " (files under it are not linted until it is fixed)"
        )
        found = []
        for line, column, message in error_places(project.problems, project.config_path, text):
            start = convert.offset_of(lines, line, column)
            end = lines.line_end(min(line, len(lines.starts)) - 1)
            found.append(
                types.Diagnostic(
                    range=convert.lsp_range(lines, start, max(start, end), self.encoding),
                    message=f"invalid rolelint config: {message}{kept}",
                    severity=types.DiagnosticSeverity.Error,
                    code="config",
                    source=convert.SOURCE,
                )
            )
        return found

    # --- answers -------------------------------------------------------------------------------

    def current(self, uri: str) -> Linted | None:
        """The last lint of the document, if it is of its current text (on the event loop)."""
        entry = self.docs.get(uri)
        if entry is None or entry.linted is None or entry.linted.text != entry.doc.text:
            return None
        return entry.linted

    def hover(self, params: types.HoverParams) -> types.Hover | None:
        linted = self.current(params.text_document.uri)
        if linted is None:
            return None
        at = linted.lines.offset(params.position.line, params.position.character, self.encoding)
        found = [d for d in _mine(linted) if _span(linted.lines, d)[0] <= at <= _span(linted.lines, d)[1]]
        if not found:
            return None
        text = "\n\n---\n\n".join(convert.hover_markdown(d, linted.result.rules.get(d.code)) for d in found)
        return types.Hover(
            contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text),
            range=convert.diagnostic_range(linted.lines, found[0], self.encoding),
        )

    def code_actions(self, linted: Linted, params: types.CodeActionParams) -> list[types.CodeAction]:
        """On the worker (a fix is checked by parsing the text it makes): quick fixes, suppressions and
        "fix all" for the findings in the range asked about."""
        only = params.context.only
        lines, text, name = linted.lines, linted.text, linted.name
        first = lines.offset(params.range.start.line, params.range.start.character, self.encoding)
        last = lines.offset(params.range.end.line, params.range.end.character, self.encoding)
        mine = _mine(linted)
        here = [d for d in mine if _span(lines, d)[0] <= last and first <= _span(lines, d)[1]]
        published = {(d.range.start.line, d.range.start.character, d.code): d for d in linted.diagnostics}
        edit_of = self._editor(linted)
        actions: list[types.CodeAction] = []

        def lsp_diagnostics(items):
            found = [published.get((*lines.position(_span(lines, d)[0], self.encoding), d.code)) for d in items]
            return [d for d in found if d is not None] or None

        if _wanted(types.CodeActionKind.QuickFix, only):
            for d in here:
                if d.fix is None:
                    continue
                fixed = fix_text(text, [d], name=name)
                if fixed.applied:
                    fix = fixed.applied[0].fix
                    before = text[fix.start : fix.end]
                    title = (
                        f"Replace '{before}' with '{fix.replacement}' ({d.code})"
                        if before and fix.replacement
                        else f"Apply the fix of {d.code}"
                    )
                    actions.append(
                        types.CodeAction(
                            title=title,
                            kind=types.CodeActionKind.QuickFix,
                            diagnostics=lsp_diagnostics([d]),
                            is_preferred=True,
                            edit=edit_of([(fix.start, fix.end, fix.replacement)]),
                        )
                    )
            fixable = [d for d in mine if d.fix is not None]
            if len(fixable) > 1 and any(d.fix is not None for d in here):
                action = self._fix_all(linted, fixable, types.CodeActionKind.QuickFix)
                if action is not None:
                    actions.append(action)
            seen: set[tuple[str, int]] = set()
            for d in here:
                if (d.code, d.line) in seen or d.code == "RL009":
                    continue
                seen.add((d.code, d.line))
                for whole_file, title in (
                    (False, f"Suppress {d.code} on this line"),
                    (True, f"Suppress {d.code} in this file"),
                ):
                    found = suppression(text, name=name, code=d.code, line=d.line, whole_file=whole_file)
                    if found is not None:
                        actions.append(
                            types.CodeAction(
                                title=title,
                                kind=types.CodeActionKind.QuickFix,
                                diagnostics=lsp_diagnostics([d]),
                                edit=edit_of([(found.start, found.end, found.replacement)]),
                            )
                        )
        if only and _wanted(FIX_ALL, only):
            fixable = [d for d in mine if d.fix is not None]
            action = self._fix_all(linted, fixable, FIX_ALL) if fixable else None
            if action is not None:
                actions.append(action)
        return actions

    def _fix_all(self, linted: Linted, fixable, kind) -> types.CodeAction | None:
        fixed = fix_text(linted.text, fixable, name=linted.name)
        if not fixed.applied:
            return None
        count = len(fixed.applied)
        edits = [(d.fix.start, d.fix.end, d.fix.replacement) for d in fixed.applied]
        return types.CodeAction(
            title=f"Fix all {count} safe rolelint fix{'es' if count != 1 else ''} in this file",
            kind=kind,
            edit=self._editor(linted)(edits),
        )

    def _editor(self, linted: Linted) -> Callable[[list[tuple[int, int, str]]], types.WorkspaceEdit]:
        capabilities = self.client_capabilities.workspace
        versioned = bool(capabilities and capabilities.workspace_edit and capabilities.workspace_edit.document_changes)

        def edit(changes: list[tuple[int, int, str]]) -> types.WorkspaceEdit:
            edits = [convert.text_edit(linted.lines, start, end, new, self.encoding) for start, end, new in changes]
            return convert.workspace_edit(linted.uri, linted.version, edits, document_changes=versioned)

        return edit

    def completion_request(self, params: types.CompletionParams):
        """On the event loop: what the worker needs to answer a completion (None: nothing to offer)."""
        entry = self.docs.get(params.text_document.uri)
        if entry is None:
            return None
        name = entry.path.name if entry.path is not None else LANGUAGE_SUFFIXES.get(entry.doc.language_id, ".txt")
        fmt = format_for(name).name
        if fmt not in ("yaml", "markdown"):
            return None
        text, lines = entry.doc.text, entry.doc.lines
        line = params.position.line
        if line >= len(lines.starts):
            return None
        start = lines.starts[line]
        column = lines.offset(line, params.position.character, self.encoding) - start
        above = [text[lines.starts[n] : lines.line_end(n)] for n in range(line + 1)]
        slot = completion.slot_at(text, above, line, column, markdown=fmt == "markdown")
        if slot is None:
            return None
        current = above[line]
        word = types.Range(
            start=types.Position(line, code_units(current[: slot.start], self.encoding)),
            end=types.Position(line, code_units(current[: slot.end], self.encoding)),
        )
        return entry.path, entry.project, slot, word

    def completions(self, request) -> types.CompletionList | None:
        """On the worker: the values the roles repo defines for the slot at the cursor."""
        path, project, slot, word = request
        if project is None:
            project = self.projects.for_path(path) if path is not None else self.projects.default()
        if slot.what == "kind":
            choices = [(kind, f"a {kind} document", "") for kind in completion.KINDS]
        elif project.linter is None:
            return None
        else:
            defined = project.linter.defined(slot.what, framework=slot.framework, role=slot.role)
            if not defined and slot.framework is not None:  # a framework the repo does not define (yet)
                defined = project.linter.defined(slot.what, role=slot.role)
            choices = [(c.value, c.title, c.path) for c in defined]
        items = [
            types.CompletionItem(
                label=value,
                kind=types.CompletionItemKind.EnumMember,
                detail=title,
                documentation=f"defined in {where}" if where else None,
                sort_text=f"{number:05d}",
                filter_text=value,
                text_edit=types.TextEdit(range=word, new_text=value + slot.suffix),
            )
            for number, (value, title, where) in enumerate(choices)
        ]
        return types.CompletionList(is_incomplete=False, items=items)

    def watch_parent(self, pid: int | None) -> None:
        """Exit when the editor that started us is gone (the LSP's processId), so that no server is
        left running after a crash of its client."""
        if not pid or pid == os.getpid():
            return

        def watch() -> None:
            while True:
                time.sleep(5)
                try:
                    os.kill(pid, 0)
                except ProcessLookupError:
                    os._exit(0)
                except PermissionError:
                    pass  # alive, owned by someone else

        threading.Thread(target=watch, name="rolelint-parent-watch", daemon=True).start()


def _mine(linted: Linted):
    return [d for d in linted.result.diagnostics if d.path == linted.name]


def _span(lines: Lines, diagnostic) -> tuple[int, int]:
    return (
        convert.offset_of(lines, diagnostic.line, diagnostic.column),
        convert.offset_of(lines, diagnostic.end_line, diagnostic.end_column),
    )


def _wanted(kind: str, only) -> bool:
    if not only:
        return True
    return any(kind == wanted or kind.startswith(f"{wanted}.") for wanted in only)


def _path_of(uri: str) -> Path | None:
    if not uri.startswith("file:"):
        return None
    path = to_fs_path(uri)
    return Path(os.path.abspath(path)) if path else None


def _lintable(name: str, language_id: str) -> bool:
    return Path(name).suffix.lower() in SUFFIXES or language_id in LANGUAGE_SUFFIXES


_FILE_LINES: dict[tuple[str, int, int], Lines] = {}


def _file_lines(path: Path) -> Lines | None:
    """A saved file's lines (for placing related information), while its time and size are unchanged."""
    try:
        info = path.stat()
        key = (str(path), info.st_mtime_ns, info.st_size)
        if key not in _FILE_LINES:
            if len(_FILE_LINES) > 64:
                _FILE_LINES.clear()
            _FILE_LINES[key] = Lines(path.read_text(encoding="utf-8", errors="replace"))
        return _FILE_LINES[key]
    except OSError:
        return None


def build_server() -> RolelintServer:
    """A server with every handler registered."""
    server = RolelintServer()

    def guarded(handler: Callable) -> Callable:
        """A handler whose failure is logged and answered with nothing, never fatal."""

        def run(ls: RolelintServer, params):
            try:
                return handler(ls, params)
            except Exception as exc:  # noqa: BLE001
                logger.exception("handler %s failed", handler.__name__)
                ls.log(f"{handler.__name__} failed: {type(exc).__name__}: {exc}", types.MessageType.Error)
                return None

        run.__name__ = handler.__name__
        return run

    async def on_worker(name: str, ls: RolelintServer, handler: Callable, *args):
        """Answer a request on the worker thread, ahead of any lint waiting there; a failure is
        logged and answered with nothing."""
        try:
            return await asyncio.wrap_future(ls.worker.submit(handler, *args, priority=URGENT))
        except Exception as exc:  # noqa: BLE001
            logger.exception("request %s failed", name)
            ls.log(f"{name} failed: {type(exc).__name__}: {exc}", types.MessageType.Error)
            return None

    @server.feature(types.INITIALIZE)
    @guarded
    def initialize(ls: RolelintServer, params: types.InitializeParams):
        folders = [Path(p) for f in params.workspace_folders or () if (p := to_fs_path(f.uri))]
        if not folders and params.root_uri and (root := to_fs_path(params.root_uri)):
            folders = [Path(root)]
        elif not folders and params.root_path:
            folders = [Path(params.root_path)]
        ls.projects = Projects(folders)
        chosen = ls.workspace.position_encoding or UTF16  # pygls picks the client's first it knows
        ls.encoding = str(getattr(chosen, "value", chosen))
        ls.settings.update(params.initialization_options)
        ls.watch_parent(params.process_id)

    @server.feature(types.INITIALIZED)
    @guarded
    def initialized(ls: RolelintServer, params):
        capabilities = ls.client_capabilities.workspace
        watched = capabilities.did_change_watched_files if capabilities else None
        if watched and watched.dynamic_registration:
            globs = [f"**/*{suffix}" for suffix in SUFFIXES] + [f"**/{name}" for name in CONFIG_NAMES]
            ls.client_register_capability(
                types.RegistrationParams(
                    registrations=[
                        types.Registration(
                            id="rolelint-watched-files",
                            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                            register_options=types.DidChangeWatchedFilesRegistrationOptions(
                                watchers=[types.FileSystemWatcher(glob_pattern=glob) for glob in globs]
                            ),
                        )
                    ]
                )
            )

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: RolelintServer, params) -> None:
        ls.shutdown_requested = True

    server.feature(types.TEXT_DOCUMENT_DID_OPEN)(guarded(lambda ls, p: ls.open(p)))
    server.feature(types.TEXT_DOCUMENT_DID_CHANGE)(guarded(lambda ls, p: ls.change(p)))
    server.feature(types.TEXT_DOCUMENT_DID_CLOSE)(guarded(lambda ls, p: ls.close(p)))
    server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))(
        guarded(lambda ls, p: ls.saved(p))
    )

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    @guarded
    def watched_files(ls: RolelintServer, params: types.DidChangeWatchedFilesParams):
        paths = [p for change in params.changes if (p := _path_of(change.uri)) is not None]
        if paths:
            ls.files_changed(paths)

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    @guarded
    def configuration(ls: RolelintServer, params: types.DidChangeConfigurationParams):
        ls.settings.update(params.settings)
        ls.config_changed()

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    @guarded
    def hover(ls: RolelintServer, params: types.HoverParams):
        return ls.hover(params)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL], resolve_provider=False),
    )
    async def code_action(ls: RolelintServer, params: types.CodeActionParams):
        linted = ls.current(params.text_document.uri)
        if linted is None:
            return []
        return await on_worker("codeAction", ls, ls.code_actions, linted, params)

    @server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=[":", " "]))
    async def complete(ls: RolelintServer, params: types.CompletionParams):
        try:
            request = ls.completion_request(params)
        except Exception as exc:  # noqa: BLE001
            ls.log(f"completion failed: {type(exc).__name__}: {exc}", types.MessageType.Error)
            return None
        if request is None:
            return None
        return await on_worker("completion", ls, ls.completions, request)

    return server


class _OneLine(logging.Formatter):
    """A log record as one line, an exception as its type and message: no traceback."""

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            message = f"{message}: {type(error).__name__}: {' '.join(str(error).split())}"
        return f"rolelint lsp: {message}"


def _log_transport_errors_in_one_line() -> None:
    """pygls logs a message it cannot handle (not JSON, not JSON-RPC) with its traceback on stderr,
    which an editor shows as a crash; the client is told through `window/logMessage` already
    (``report_server_error``), so stderr gets one line."""
    handler = logging.StreamHandler()
    handler.setFormatter(_OneLine())
    transport = logging.getLogger("pygls")
    transport.addHandler(handler)
    transport.propagate = False


def serve(*, tcp: str | None = None, debug: bool = False) -> None:
    """Run the server on standard input and output, or on ``tcp`` ("host:port" or a port). ``debug``
    (`rolelint --debug lsp`): pygls's log keeps its tracebacks."""
    if not debug:
        _log_transport_errors_in_one_line()
    server = build_server()
    if tcp is None:
        server.start_io()
    else:
        host, _, port = tcp.rpartition(":")
        server.start_tcp(host or "127.0.0.1", int(port))
    if not server.shutdown_requested:
        # An `exit` with no `shutdown` before it (or a client gone) ends with 1, as the LSP says; pygls
        # ends its loop on the `exit` but does not pass its code on.
        raise SystemExit(1)
