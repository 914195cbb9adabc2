"""YAML to plain data while keeping the file position of every key and value.

PyYAML's composer gives nodes with marks; we build the data ourselves from those nodes so that
(a) every field path maps to its offsets, (b) no tag ever constructs an object, (c) aliases are
expanded under a budget (a "billion laughs" file is a finding, not an out-of-memory), and
(d) duplicate keys are reported instead of silently overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from rolelint.documents import TextSpan, join_path

# Fields whose values are identifiers or enumerations, not prose: no rule reads them as text.
NON_PROSE_KEYS = frozenset(
    {
        "kind", "id", "framework", "role", "level", "family", "track", "currency", "period",
        "scale", "type", "version", "closing_date", "contract", "match", "code", "name_id",
    }
)
_STANDARD_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:binary", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:omap", "tag:yaml.org,2002:set", "tag:yaml.org,2002:merge",
}
MAX_NODES = 200_000  # after alias expansion; a larger document is refused as an alias bomb
MAX_DEPTH = 200


@dataclass(frozen=True)
class YamlProblem:
    """Something wrong with the YAML itself; offsets are file offsets."""

    code: str  # RL001 parse error, RL007 duplicate key, RL008 unsafe tag or oversized document
    message: str
    start: int
    end: int


@dataclass
class YamlResult:
    data: Any = None
    nodes: dict[str, tuple[int, int]] = field(default_factory=dict)
    key_nodes: dict[str, tuple[int, int]] = field(default_factory=dict)
    spans: list[TextSpan] = field(default_factory=list)
    problems: list[YamlProblem] = field(default_factory=list)
    ok: bool = True


class _Budget(Exception):
    pass


class _Builder:
    def __init__(self, text: str, base: int, result: YamlResult, constructor: yaml.constructor.SafeConstructor):
        self.text = text
        self.base = base
        self.result = result
        self.constructor = constructor
        self.count = 0

    def offsets_of(self, node: yaml.Node) -> tuple[int, int]:
        return self.base + node.start_mark.index, self.base + node.end_mark.index

    def build(self, node: yaml.Node, path: str, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _Budget(f"the document expands to more than {MAX_NODES:,} values (an alias bomb?)")
        if depth > MAX_DEPTH:
            raise _Budget(f"the document nests deeper than {MAX_DEPTH} levels")
        start, end = self.offsets_of(node)
        self.result.nodes.setdefault(path, (start, end))
        if node.tag not in _STANDARD_TAGS:
            self.result.problems.append(
                YamlProblem("RL008", f"tag {node.tag!r} is not allowed; rolelint reads plain YAML data only",
                            start, end)
            )
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, join_path(path, i), depth + 1) for i, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _mapping(self, node: yaml.MappingNode, path: str, depth: int) -> dict:
        data: dict[Any, Any] = {}
        seen: dict[Any, yaml.Node] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                merged = self.build(value_node, path, depth + 1)
                for item in merged if isinstance(merged, list) else [merged]:
                    if isinstance(item, dict):
                        for k, v in item.items():
                            data.setdefault(k, v)
                continue
            key = self._scalar(key_node, None) if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                key = str(key)
            child = join_path(path, str(key))
            start, end = self.offsets_of(key_node)
            if key in seen:
                first_line = seen[key].start_mark.line + 1
                self.result.problems.append(
                    YamlProblem("RL007", f"duplicate key {key!r} (first defined on line {first_line} of this "
                                "YAML block); the later value would silently win", start, end)
                )
                continue
            seen[key] = key_node
            self.result.key_nodes[child] = (start, end)
            data[key] = self.build(value_node, child, depth + 1)
        return data

    def _scalar(self, node: yaml.ScalarNode, path: str | None) -> Any:
        # Dates stay as written: JSON Schema validates them as text (`format: date`), not as objects.
        if node.tag in _STANDARD_TAGS and node.tag not in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"):
            try:
                value = self.constructor.construct_object(node, deep=True)
            except (yaml.YAMLError, ValueError, OverflowError):
                value = node.value
        else:
            value = node.value
        if path is not None and isinstance(value, str) and value.strip():
            leaf = path.rsplit(".", 1)[-1].split("[", 1)[0]
            if leaf not in NON_PROSE_KEYS:
                self.result.spans.append(self._span(node, value, path))
        return value

    def _span(self, node: yaml.ScalarNode, value: str, path: str) -> TextSpan:
        start, end = self.offsets_of(node)
        offsets = align_offsets(value, self.text, start, end)
        return TextSpan(text=value, offsets=offsets, field=path, block="scalar")


def align_offsets(value: str, text: str, start: int, end: int) -> tuple[int, ...]:
    """Map each character of a scalar's value back onto the source between ``start`` and ``end``.

    Quotes, indentation, escapes and folded line breaks appear in the source but not in the value;
    walking both strings and skipping source characters until the next value character matches
    recovers the mapping for everything but exotic escapes, which fall back to the scalar's start.
    """
    offsets: list[int] = []
    cursor = start
    for char in value:
        probe = cursor
        found = -1
        # A folded line break is a space (or newline) in the value and a newline + indent in the source.
        while probe < end:
            source_char = text[probe]
            if source_char == char or (char in " \n" and source_char in "\r\n"):
                found = probe
                break
            probe += 1
            if probe - cursor > 400:  # an escape we do not understand: stop searching far ahead
                break
        if found < 0:
            offsets.append(min(cursor, end))
            continue
        offsets.append(found)
        cursor = found + 1
        if text[found] == "\r" and cursor < end and text[cursor] == "\n":
            cursor += 1
    offsets.append(min(cursor, end) if value else start)
    return tuple(offsets)


def load_yaml(text: str, *, base: int = 0, full_text: str | None = None) -> YamlResult:
    """Parse ``text`` (a whole file, or front matter starting at file offset ``base``)."""
    source = full_text if full_text is not None else text
    result = YamlResult()
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
    except yaml.composer.ComposerError as exc:
        if "expected a single document" in str(exc):
            result.problems.append(_problem_at(exc, base, "RL001",
                                               "more than one YAML document in this file; rolelint reads one"))
            result.ok = False
            return result
        result.problems.append(_problem_at(exc, base, "RL001", _describe(exc)))
        result.ok = False
        return result
    except yaml.YAMLError as exc:
        result.problems.append(_problem_at(exc, base, "RL001", _describe(exc)))
        result.ok = False
        return result
    except RecursionError:
        result.problems.append(YamlProblem("RL008", "the YAML nests too deeply to read", base, base + 1))
        result.ok = False
        return result
    finally:
        loader.dispose()
    if root is None:
        result.data = None
        return result
    builder = _Builder(source, base, result, yaml.constructor.SafeConstructor())
    try:
        result.data = builder.build(root, "", 0)
    except _Budget as exc:
        result.problems.append(YamlProblem("RL008", str(exc), base, base + 1))
        result.data = None
        result.spans.clear()
        result.ok = False
    except RecursionError:
        result.problems.append(YamlProblem("RL008", "the YAML nests too deeply to read", base, base + 1))
        result.data = None
        result.ok = False
    return result


def _problem_at(exc: yaml.YAMLError, base: int, code: str, message: str) -> YamlProblem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    offset = base + (mark.index if mark is not None else 0)
    return YamlProblem(code, message, offset, offset + 1)


def _describe(exc: yaml.YAMLError) -> str:
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    message = f"invalid YAML: {problem}"
    if context:
        message += f" ({context})"
    if "\\t" in message or "tab" in message.lower():
        message += "; YAML indentation must use spaces, not tabs"
    return message
