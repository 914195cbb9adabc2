"""What the page shows for one advert: findings placed in its text, ranked, with their rules' advice,
and the summary; built from one ``Linter`` through the public API only.

Positions go to the browser in UTF-16 code units, as JavaScript counts a string, so that a finding
after an emoji still highlights the right words; fixes go back as character offsets with the text
they replace, and are applied only when the text still holds it.
"""

from __future__ import annotations

import codecs
import re
from pathlib import PurePath

from rolelint.api import Diagnostic, InferredRoleLevel, Linter, LintResult, RoleLevelInfo
from rolelint.documents import ROLE_LEVEL_KEYS, Document
from rolelint.summary import SECTION_NAMES

# The formats the page reads, by the suffix of the name it lints a text as.
TEXT_FORMATS = {"md": "Markdown", "txt": "plain text"}
UPLOAD_FORMATS = {"html": "a web page", "docx": "a Word document"}
# Other suffixes of those formats, read as the format named.
SAME_FORMAT = {"markdown": "md", "htm": "html"}
# Text that is not UTF-8 is read as Windows-1252, as Notepad and Word on Windows save "ANSI" text
# in English, unless the config names another (`encoding_fallback`, as for `rolelint check`).
FALLBACK_ENCODING = "cp1252"
ENCODING_NAMES = {"cp1252": "Windows-1252", "utf-16": "UTF-16", "utf-32": "UTF-32"}
MAX_TEXT_CHARS = 100_000  # an advert is a few thousand characters; the page refuses more
SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}
_LINE_BREAKS = re.compile(r"\r\n?")
_SUFFIX = re.compile(r"[a-z0-9]{1,10}", re.IGNORECASE)  # what a file name's suffix may be, without the dot


class PageError(Exception):
    """A request the page cannot do. The message is shown to the person as it is: what they can do,
    in plain words; ``detail``, in rolelint's own terms (what the command line would say), is shown
    folded away under it."""

    def __init__(self, message: str, detail: str | None = None):
        super().__init__(message)
        self.detail = detail


# What a person can do about a file the page cannot read, by its format and the reason's code (RL004
# unreadable, RL005 too large); the reason itself is the PageError's detail.
NOT_A_FILE_TO_READ = (
    "This file is not a text, Word or web page file rolelint can read. Save it as .docx, .txt or .html and try again."
)
UNREADABLE = {
    ("docx", "RL004"): "This file could not be opened as a Word document: it may be damaged, or another kind "
    "of file named .docx. Open it in Word, save it again as a Word Document (.docx) or as plain text (.txt), "
    "and try again.",
    ("docx", "RL005"): "This Word document holds far more than an advert, so the page does not open it. Copy "
    "the advert into a new document, save it as .docx or .txt, and try again.",
}


def normalise_line_breaks(text: str) -> str:
    """A browser's text box holds line feeds only; so does every text the page lints."""
    return _LINE_BREAKS.sub("\n", text)


def utf16_offsets(text: str) -> list[int]:
    """``result[i]``: the UTF-16 offset of character ``i`` of ``text`` (one extra entry for the end)."""
    out = [0] * (len(text) + 1)
    position = 0
    for i, char in enumerate(text):
        out[i] = position
        position += 2 if ord(char) > 0xFFFF else 1
    out[len(text)] = position
    return out


def page_formats() -> dict[str, str]:
    """The formats a person can paste or upload, by suffix: Markdown and plain text, and the other
    advert formats rolelint reads (rolelint.formats: HTML, Word documents) when it has them."""
    from rolelint.formats import format_for

    found = dict(TEXT_FORMATS)
    for suffix, description in UPLOAD_FORMATS.items():
        if format_for(f"advert.{suffix}").name not in ("text", "yaml"):
            found[suffix] = description
    return found


def name_for(fmt: str, formats: dict[str, str]) -> str:
    """The name a text of this format is linted as (it only chooses the format; see Linter.lint_text)."""
    if fmt not in formats:
        if not fmt:
            given = "the request named no format"
        elif _SUFFIX.fullmatch(fmt):
            given = f"this one is .{fmt}"
        else:  # not a suffix at all (`../../etc/passwd`): shown as given, not made to look like one
            given = f'the request named the format "{fmt[:40]}{"…" if len(fmt) > 40 else ""}", not one of them'
        raise PageError("The page reads " + ", ".join(f".{s}" for s in formats) + f" files; {given}.")
    return f"advert.{fmt}"


def own_role_level(result: LintResult, path: str) -> bool:
    """Whether the advert's own metadata named its framework, role or level, in any front-matter
    syntax or format: then the page's choice was not applied (the file's word wins, see
    ``documents.give_role_level``). A site's own ``role: UX Design`` is not rolelint's and does not count."""
    document = next((d for d in result.documents if d.path == path), None)
    if document is None or not isinstance(document.data, dict) or document.given_keys:
        return False
    return any(document.data.get(key) is not None for key in ROLE_LEVEL_KEYS)


class Checker:
    """One Linter and what the page keeps from it: the rules' advice and the repo's role levels."""

    def __init__(self, linter: Linter, *, profession: bool):
        self.linter = linter
        self.profession = profession
        # Each rule's advice (what, why, use instead), for the side pane; line breaks are kept (the page
        # shows them), as an example may be a few lines of front matter.
        self.advice = {
            info.code: {
                key: str(info.docs[key]).strip() for key in ("what", "why", "use_instead") if info.docs.get(key)
            }
            for info in linter.rules()
        }
        self.role_levels: tuple[RoleLevelInfo, ...] = linter.role_levels() if profession else ()
        self.formats = page_formats()

    def find_role(self, wanted: str | None) -> RoleLevelInfo | None:
        """The role level "framework/role/level" names, from the repo's own list (never a path)."""
        if not wanted:
            return None
        for info in self.role_levels:
            if _value(info) == wanted:
                return info
        raise PageError("That role level is not in the roles repo; choose one from the list.")

    def _lint(self, text: str, fmt: str, role: str | None) -> tuple[LintResult, RoleLevelInfo | None]:
        if len(text) > MAX_TEXT_CHARS:
            raise PageError(
                f"The advert is {len(text):,} characters long; the page checks adverts of up to "
                f"{MAX_TEXT_CHARS:,} characters. Shorten it, or check it a part at a time.",
                detail="The command line checks longer texts: rolelint check FILE.",
            )
        chosen = self.find_role(role)
        # The chosen level goes to the rules as the advert's metadata, in every format (the API's
        # role_level); the text is linted as the person sees it, so every offset is theirs.
        result = self.linter.lint_text(text, name=name_for(fmt, self.formats), kind="advert", role_level=chosen)
        return result, chosen

    def check(self, text: str, *, fmt: str = "md", role: str | None = None) -> dict:
        """Lint the text as the page shows it: findings, summary and the role level it was checked against."""
        text = normalise_line_breaks(text)
        result, chosen = self._lint(text, fmt, role)
        path = result.files[0]
        source = result.sources.get(path)
        units = utf16_offsets(text)
        document = _Parsed(result, path)
        inferred = self._inferred(result, path)
        findings = []
        for d in result.diagnostics:
            finding = self._finding(d, source, document, text, units, chosen)
            plain_profession_note(finding, d, inferred, self.role_levels)
            findings.append(finding)
        findings.sort(
            key=lambda f: (SEVERITY_RANK[f["severity"]], f["start"] if f["start"] is not None else -1, f["code"])
        )
        for number, finding in enumerate(findings, 1):
            finding["id"] = number
        summary = self.linter.summarise(result, path, kind="advert") if source is not None else None
        return {
            "text": text,
            "format": fmt,
            "findings": findings,
            "counts": {sev: sum(f["severity"] == sev for f in findings) for sev in SEVERITY_RANK},
            "fixable": sum(f["fix"] is not None for f in findings),
            "summary": _summary(summary, units) if summary is not None else None,
            "role": _role(result, chosen, path, inferred, self.role_levels) if self.profession else {"source": "off"},
        }

    def _inferred(self, result: LintResult, path: str) -> tuple[InferredRoleLevel, ...]:
        """The role levels the advert was read as, when RL316 said so (not when it is off or suppressed)."""
        if not any(d.code == "RL316" and d.path == path for d in result.diagnostics):
            return ()
        return self.linter.inferred_role_levels(result, path)

    def read_upload(self, data: bytes, fmt: str, *, role: str | None = None) -> dict:
        """An uploaded file's text as its format decodes it (for text, as `rolelint check` does with
        `encoding_fallback`, and UTF-16 or UTF-32 with a byte-order mark too), checked as a pasted text is,
        so that editing it afterwards gives the same findings. ``encoding`` names the encoding read
        when it is not UTF-8."""
        from rolelint.formats import Unreadable, decode_text, format_for

        name = name_for(fmt, self.formats)
        file_format = format_for(name)
        fallback = self.linter.config.encoding_fallback or FALLBACK_ENCODING
        try:
            if file_format.decode is decode_text:
                source = decode_text(data, name, fallback, unicode_boms=True)
            else:
                source = file_format.decode(data, name, fallback)
        except Unreadable as exc:
            reason = exc.finding
            message = UNREADABLE.get((file_format.name, reason.code), NOT_A_FILE_TO_READ)
            raise PageError(message, detail=f"{reason.code}: {reason.message}") from None
        result = self.check(source.text, fmt=fmt, role=role)
        encoding = codecs.lookup(source.encoding).name
        result["encoding"] = None if encoding == "utf-8" else ENCODING_NAMES.get(encoding, encoding.upper())
        return result

    def apply_all_fixes(self, text: str, *, fmt: str = "md", role: str | None = None) -> str:
        """The text with every safe fix applied (as `rolelint check --fix` chooses them)."""
        text = normalise_line_breaks(text)
        result, _ = self._lint(text, fmt, role)
        return result.fixed_text()

    def _finding(
        self, d: Diagnostic, source, document: _Parsed, text: str, units: list[int], chosen: RoleLevelInfo | None
    ) -> dict:
        advice = self.advice.get(d.code, {})
        start = end = None
        if source is not None and not (chosen is not None and d.field_path in ROLE_LEVEL_KEYS):
            # (A finding on the role level chosen on the page is about that choice: nothing in the
            # text holds it, so it is listed, not highlighted.)
            a, b = source.offset(d.line, d.column), source.offset(d.end_line, d.end_column)
            placed = source.text[a:b]
            # A finding about the whole advert (its length, missing sections) sits on the title: its
            # context names what it measured, not the words there, so it is listed, not highlighted.
            # Words the rule read across markup ("young and <b>dynamic</b>") are the words there.
            whole = d.about_whole is not None or (
                d.context is not None
                and _squeezed(placed) != _squeezed(d.context)
                and _squeezed(document.read_between(a, b)) != _squeezed(d.context)
            )
            if not whole and b > a:
                start, end = a, b
        fix = None
        if d.fix is not None and start is not None:
            fa, fb = d.fix.start, d.fix.end
            fix = {"start": fa, "end": fb, "replacement": d.fix.replacement, "before": text[fa:fb]}
        line = column = None
        if start is not None:
            line = text.count("\n", 0, start) + 1
            column = start - (text.rfind("\n", 0, start) + 1) + 1
        # A finding about the whole advert is shown by the command line where the text starts, and
        # says so (Diagnostic.full_message); the page lists it as such and marks nothing in the text.
        message = d.message if start is None else d.full_message
        return {
            "code": d.code,
            "rule": d.rule,
            "severity": d.severity.label,
            "message": message,
            "suggestion": d.suggestion,
            "line": line,
            "column": column,
            "start": units[start] if start is not None else None,
            "end": units[end] if end is not None else None,
            "excerpt": text[start:end] if start is not None else None,
            "fix": fix,
            "what": advice.get("what"),
            "why": advice.get("why"),
            "use_instead": advice.get("use_instead"),
        }


class _Parsed:
    """The advert's Document, parsed only when a finding's place needs it: a lint keeps it only when a
    profession rule read it."""

    def __init__(self, result: LintResult, path: str):
        self._result = result
        self._path = path
        self._document: Document | None = None

    def read_between(self, start: int, end: int) -> str:
        """The text rules read of the file's characters ``start`` to ``end``: its prose without the
        markup (HTML tags, Markdown emphasis, link targets) between the words."""
        document = self._load()
        if document is None:
            return ""
        pieces = []
        for span in document.spans:
            offsets = span.offsets
            if not offsets or offsets[0] >= end or offsets[-1] < start:
                continue
            pieces.append("".join(char for char, at in zip(span.text, offsets) if start <= at < end))
        return " ".join(pieces)

    def _load(self) -> Document | None:
        if self._document is None:
            from rolelint.formats import format_for
            from rolelint.loaders import parse_source

            found = next((d for d in self._result.documents if d.path == self._path), None)
            source = self._result.sources.get(self._path)
            if found is None and source is not None:
                found, _ = parse_source(source, fmt=format_for(self._path), kind_hint="advert")
            self._document = found
        return self._document


def _squeezed(text: str) -> str:
    return "".join(text.split())


def _summary(summary, units: list[int]) -> dict:
    low, high = summary.words_aim  # the page recommends the range that works best, not RL207's limits

    def words(found):
        return [{"word": w.word, "text": w.text, "start": units[w.start], "end": units[w.end]} for w in found]

    return {
        "words": summary.words,
        "words_min": low,
        "words_max": high,
        "words_reported_below": summary.words_range[0],
        "words_reported_above": summary.words_range[1],
        "length": "short"
        if low is not None and summary.words < low
        else "long"
        if high is not None and summary.words > high
        else "ok",
        "grade": summary.grade,
        "grade_max": summary.grade_max,
        "grade_words": summary.grade_words,
        "salary_stated": summary.salary_stated,
        "sections_found": [SECTION_NAMES.get(s, s) for s in summary.sections_found],
        "sections_missing": [SECTION_NAMES.get(s, s) for s in summary.sections_missing],
        "masculine": words(summary.masculine),
        "feminine": words(summary.feminine),
    }


def _role(
    result: LintResult,
    chosen: RoleLevelInfo | None,
    path: str,
    inferred: tuple[InferredRoleLevel, ...],
    levels: tuple[RoleLevelInfo, ...],
) -> dict:
    """The role level the advert was checked against: named in its front matter, chosen on the page,
    or inferred (RL316) when that is one role level of the repo's list."""
    if own_role_level(result, path):
        return {"source": "front matter"}
    if chosen is not None:
        return {"source": "chosen", "value": _value(chosen), "title": chosen.title}
    found = _listed(inferred[0], levels) if len(inferred) == 1 else None
    if found is not None:
        return {"source": "inferred", "value": _value(found), "title": found.title}
    return {"source": "none"}


def _listed(inferred: InferredRoleLevel, levels: tuple[RoleLevelInfo, ...]) -> RoleLevelInfo | None:
    """The inferred role level among the repo's role levels (the chooser's), when it is one of them."""
    wanted = (inferred.framework, inferred.role, inferred.level)
    return next((r for r in levels if (r.framework, r.role, r.level) == wanted), None)


# RL316's notes, for a person who pastes a draft: the level read, in words, and the chooser above
# rather than front matter (the command line's message names the ids a roles repo's files use).
ROLE_LEVEL_WHY = (
    "The advert's pay, experience and skills are checked against this level of the roles repo. If it is "
    "not the job, those findings are not about this job either."
)
OPTIONS_SHOWN = 4  # of the role levels an advert fits equally, as many as RL316's message names


def plain_profession_note(
    finding: dict, d: Diagnostic, inferred: tuple[InferredRoleLevel, ...], levels: tuple[RoleLevelInfo, ...]
) -> None:
    """RL316's note as the page says it ("Read as: Senior product manager"), from the role levels the
    advert was read as (``Linter.inferred_role_levels``); advice in front matter, which a text pasted
    into the page does not hold, is left out for every rule."""
    if finding["use_instead"] and finding["use_instead"].startswith("---"):
        finding["use_instead"] = None
    if d.code != "RL316":
        return
    if len(inferred) == 1:
        finding["message"] = f"Read as: {inferred[0].title}"
        finding["suggestion"] = "If that is not the job, choose its role and level above."
    else:
        options = [
            listed.title if (listed := _listed(option, levels)) else f"{option.role} at {option.level}"
            for option in inferred[:OPTIONS_SHOWN]
        ]
        finding["message"] = "Could not tell which role level this advert is for" + (
            f": {' or '.join(options)}." if options else "."
        )
        finding["suggestion"] = "Choose its role and level above."
    finding["why"] = ROLE_LEVEL_WHY


def _value(info: RoleLevelInfo) -> str:
    return f"{info.framework}/{info.role}/{info.level}"


# the page's answer to a fix it did not offer (a changed or made-up request)
NOT_OFFERED = "That fix is not one the page offered; check the text again and choose a fix from its findings."


def apply_fix(text: str, fix: dict) -> str:
    """The text with one fix the page was given applied, when the text still holds what it replaces."""
    try:
        start, end = int(fix["start"]), int(fix["end"])
        replacement, before = fix["replacement"], fix["before"]
    except (KeyError, TypeError, ValueError):
        raise PageError(NOT_OFFERED) from None
    if not isinstance(replacement, str) or not isinstance(before, str):
        raise PageError(NOT_OFFERED)
    text = normalise_line_breaks(text)
    if not 0 <= start <= end <= len(text) or text[start:end] != before:
        raise PageError("The text has changed since that fix was offered; check it again and retry.")
    return text[:start] + replacement + text[end:]


def suffix_of(filename: str) -> str:
    return PurePath(filename or "").suffix.lower().lstrip(".")
