"""Front matter at the top of a prose file, in the syntaxes static-site generators use, read with positions.

- YAML between `---` lines (Jekyll, Hugo, Eleventy; `---yaml` too), closed by `---` or `...`;
- TOML between `+++` lines (Hugo, Zola), or `---toml` … `---` (Eleventy);
- JSON: an object at the very top of the file (Hugo), or `---json` … `---` (Eleventy).

A block in any other syntax (`---js`, `---coffee` …) is recognised as front matter, so that its
lines are not read as the advert's prose, and reported once as not read (RL012).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from rolelint.diagnostics import Finding
from rolelint.documents import TextSpan
from rolelint.formats.common import findings_from, prose_spans
from rolelint.jsonpos import load_json
from rolelint.tomlpos import load_toml
from rolelint.yamlpos import load_yaml

_OPEN = re.compile(r"\A(?P<fence>---|\+\+\+)[ \t]*(?P<syntax>[A-Za-z][A-Za-z0-9_-]*)?[ \t]*(?:\r\n|\r|\n)")
_CLOSE = {
    "---": re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r\n|\r|\n|\Z)", re.M),
    "+++": re.compile(r"^\+\+\+[ \t]*(?:\r\n|\r|\n|\Z)", re.M),
}
_LINE_END = re.compile(r"[ \t]*(?:\r\n|\r|\n|\Z)")
SYNTAXES = ("yaml", "toml", "json")


@dataclass
class FrontMatter:
    """What the front matter held, with positions in the file; ``syntax`` None when there is none."""

    syntax: str | None = None
    start: int = 0  # where the metadata starts (after the opening fence)
    end: int = 0  # where it ends (before the closing fence)
    body_start: int = 0
    data: dict[str, Any] = field(default_factory=dict)
    nodes: dict[str, tuple[int, int]] = field(default_factory=dict)
    key_nodes: dict[str, tuple[int, int]] = field(default_factory=dict)
    spans: list[TextSpan] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def read_front_matter(text: str) -> FrontMatter:
    """The front matter at the top of ``text``, if any, read in its syntax."""
    opening = _OPEN.match(text)
    if opening is None:
        return _json_object(text) if text.startswith("{") else FrontMatter()
    fence = opening.group("fence")
    syntax = (opening.group("syntax") or ("yaml" if fence == "---" else "toml")).lower()
    closing = _CLOSE[fence].search(text, opening.end())
    if closing is None:
        return FrontMatter(
            syntax=syntax,
            findings=[
                Finding(
                    "RL001",
                    f"front matter opened with `{fence}` on line 1 is never closed; add a `{fence}` line after "
                    "the metadata",
                    0,
                    len(fence),
                )
            ],
        )
    found = FrontMatter(syntax=syntax, start=opening.end(), end=closing.start(), body_start=closing.end())
    metadata = text[found.start : found.end]
    if syntax == "yaml":
        result = load_yaml(metadata, base=found.start, full_text=text)
        if not result.ok:
            result = _read_past_reserved(metadata, result, found.start, text)
        _fill(found, result, text)
    elif syntax == "toml":
        _fill_toml(found, metadata, text)
    elif syntax == "json":
        _fill_json(found, metadata, text, found.start)
    else:
        found.findings.append(
            Finding(
                "RL012",
                f"front matter in `{syntax}` is not read (rolelint reads YAML, TOML and JSON front matter); "
                "its keys are not checked",
                0,
                opening.end() - 1,
            )
        )
    return found


# A plain value that starts with a character YAML reserves ("layout: @layouts/Career.astro", as Astro
# sites write an import alias; "`code`"): libyaml refuses the whole front matter, while the site's own
# reader may take it.
_RESERVED = ("@", "`")
_MENDS = 20  # the most such values mended in one front matter


def _read_past_reserved(metadata: str, failed, base: int, text: str):
    """The front matter's keys and values despite values that start with a reserved character, when
    that is all that stops YAML reading it: each such character that libyaml stops at read as a space
    (the offsets of everything else unchanged), its RL001 finding kept, so the rest of the metadata
    (a salary, a location) is not lost with it. ``failed`` when the front matter has other errors too."""
    problems, mended, result = [], metadata, failed
    for _ in range(_MENDS):
        problem = result.problems[0] if result.problems else None
        at = problem.start - base if problem is not None and problem.code == "RL001" else -1
        if not 0 <= at < len(mended) or mended[at] not in _RESERVED:
            return failed
        problems.append(problem)
        mended = mended[:at] + " " + mended[at + 1 :]
        result = load_yaml(mended, base=base, full_text=text)
        if result.ok:
            result.problems[:0] = problems
            return result
    return failed


def _fill(found: FrontMatter, result, text: str) -> None:
    """Data, positions and prose spans from a yamlpos result."""
    found.findings.extend(findings_from(result.problems))
    if result.ok and isinstance(result.data, dict):
        found.data = result.data
        found.nodes = result.nodes
        found.key_nodes = result.key_nodes
        found.spans = prose_spans(result.spans, text)
    elif result.ok and result.data is not None:
        found.findings.append(Finding("RL003", "front matter must be a mapping of keys", found.start, found.end))


def _fill_toml(found: FrontMatter, metadata: str, text: str) -> None:
    result = load_toml(metadata, base=found.start)
    found.findings.extend(Finding(code, message, start, end) for code, message, start, end in result.problems)
    if result.ok and isinstance(result.data, dict):
        found.data = result.data
        found.nodes = result.nodes
        found.key_nodes = result.key_nodes
        found.spans = prose_spans(result.spans, text)


def _fill_json(found: FrontMatter, metadata: str, text: str, base: int) -> None:
    result = load_json(metadata, base=base, full_text=text, what="JSON front matter")
    found.findings.extend(result.findings)
    if not result.ok:
        return
    if not isinstance(result.data, dict):
        found.findings.append(Finding("RL003", "front matter must be a JSON object of keys", found.start, found.end))
        return
    found.data = result.data
    found.nodes = result.nodes
    found.key_nodes = result.key_nodes
    found.spans = prose_spans(result.spans, text)


def _json_object(text: str) -> FrontMatter:
    """Hugo's JSON front matter: an object at the top of the file, closed at the end of a line. Text that
    merely starts with `{` (a placeholder such as `{Company} is hiring`) is not front matter."""
    try:
        data, end = json.JSONDecoder().raw_decode(text)
    except (json.JSONDecodeError, RecursionError):
        return FrontMatter()
    line_end = _LINE_END.match(text, end)
    if not isinstance(data, dict) or line_end is None:
        return FrontMatter()
    found = FrontMatter(syntax="json", start=0, end=end, body_start=line_end.end())
    _fill_json(found, text[:end], text, 0)
    return found


def is_site_metadata(data: dict[str, Any]) -> bool:
    """Front matter that does not say it is rolelint's (no `kind:`, no `$schema`): keys rolelint does not
    know are the site's own (Jekyll's `layout`, Hugo's `weight` …), not mistakes."""
    return "kind" not in data and "$schema" not in data


def top_key(path: str | None) -> str:
    return (path or "").split(".", 1)[0].split("[", 1)[0]


__all__ = ["SYNTAXES", "FrontMatter", "is_site_metadata", "read_front_matter", "top_key"]
