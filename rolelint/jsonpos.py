"""JSON read with positions: the json module gives the values and the errors, the YAML reader (rolelint's
own, position-keeping) the offsets of every key and value and the characters of every string."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from rolelint.diagnostics import Finding
from rolelint.documents import TextSpan
from rolelint.formats.common import findings_from
from rolelint.yamlpos import MAX_DEPTH, load_yaml


@dataclass
class JsonResult:
    data: Any = None
    nodes: dict[str, tuple[int, int]] = field(default_factory=dict)
    key_nodes: dict[str, tuple[int, int]] = field(default_factory=dict)
    spans: list[TextSpan] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    ok: bool = False


def load_json(text: str, *, base: int = 0, full_text: str | None = None, what: str = "JSON") -> JsonResult:
    """``text`` (at file offset ``base`` of ``full_text``) read as JSON. A JSON text is YAML with the
    same strings and structure, so the YAML reader finds the positions; the values (numbers such as
    ``1e5`` read differently by YAML 1.1) are the json module's."""
    result = JsonResult()
    try:
        result.data = json.loads(text)
    except json.JSONDecodeError as exc:
        result.findings.append(Finding("RL001", f"invalid {what}: {exc.msg}", base + exc.pos, base + exc.pos + 1))
        return result
    except RecursionError:
        result.findings.append(too_deep(base, text, what))
        return result
    result.ok = True
    located = load_yaml(text, base=base, full_text=full_text)
    if located.ok:
        result.nodes = located.nodes
        result.key_nodes = located.key_nodes
        result.spans = located.spans
    elif any(p.code == "RL008" for p in located.problems):  # nested past the depth rolelint reads
        result.findings.extend(p for p in findings_from(located.problems) if p.code == "RL008")
        result.ok = False
        result.data = None
    return result


def too_deep(base: int, text: str, what: str) -> Finding:
    depth, at = 0, 0
    for index, char in enumerate(text):
        depth += char in "[{"
        depth -= char in "]}"
        if depth > MAX_DEPTH:
            at = index
            break
    return Finding(
        "RL008",
        f"the {what} nests deeper than {MAX_DEPTH} levels; rolelint reads documents up to that depth",
        base + at,
        base + at + 1,
    )
