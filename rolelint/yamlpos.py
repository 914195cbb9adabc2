"""YAML to plain data while keeping the file position of every key and value.

PyYAML's composer gives nodes with marks; we build the data ourselves from those nodes so that
(a) every field path maps to its offsets, (b) no tag ever constructs an object, (c) aliases are
expanded under a budget (a "billion laughs" file is a finding, not an out-of-memory), and
(d) duplicate keys are reported instead of silently overwritten.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

import yaml

from rolelint.documents import TextSpan, join_path

# Fields whose values are identifiers or enumerations, not prose: no rule reads them as text.
NON_PROSE_KEYS = frozenset(
    {
        "kind",
        "id",
        "framework",
        "role",
        "level",
        "family",
        "track",
        "currency",
        "period",
        "scale",
        "type",
        "version",
        "closing_date",
        "contract",
        "match",
        "code",
        "name_id",
    }
)
_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:binary",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:omap",
    "tag:yaml.org,2002:set",
    "tag:yaml.org,2002:merge",
}
_YAML_NAMESPACE = "tag:yaml.org,2002:"
# A node's properties as written: an optional anchor, then a verbatim `!<...>` tag or a shorthand tag with
# an optional handle (`!`, `!!`, `!name!`) and the URI characters the YAML scanners accept.
_PROPERTIES = re.compile(
    r"(?:&[^\s,\[\]{}]+\s+)?(?P<tag>!<[^>\s]*>|!(?:[\w-]*!)?[\w\-;/?:@&=+$,.!~*'()\[\]%#]*)", re.ASCII
)
_HANDLE = re.compile(r"!(?:[\w-]*!)?", re.ASCII)
_TAG_SHOWN = 100  # a longer tag is cut in the message
# Scalars kept as written: dates are validated as text (`format: date`); bytes are not data we lint.
_AS_WRITTEN = {"tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:binary"}
MAX_NODES = 200_000  # after alias expansion; a larger document is refused (an alias bomb, or generated data)
# Aliases of long text multiply text, not values: 2,000 aliases of a 100 kB paragraph are 200 MB of prose
# for the rules to read. Aliases may not take a document's text past this, or past the file's own size.
MAX_EXPANDED_CHARS = 5_000_000
# Real documents nest fewer than 15 levels; PyYAML's composer recurses about three frames a level.
MAX_DEPTH = 100


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
        self.aligned: dict[int, tuple[int, ...]] = {}  # per scalar node: an alias reuses its alignment

    def offsets_of(self, node: yaml.Node) -> tuple[int, int]:
        return self.base + node.start_mark.index, self.base + node.end_mark.index

    def tag_as_written(self, node: yaml.Node) -> str:
        """``node``'s tag as the file spells it (``!!python/name:os.system``, ``!custom``, ``!e!foo``), not
        PyYAML's resolved name. Read at the node's start, past an anchor, and kept only if it resolves to the
        node's tag; otherwise rebuilt from the tag: ``!!`` for the YAML namespace, else ``!<...>``."""
        start = self.base + node.start_mark.index
        match = _PROPERTIES.match(self.text, start, min(len(self.text), start + _TAG_SHOWN + 2_000))
        written = match.group("tag") if match else None
        if written and written.startswith("!<") and written.endswith(">"):
            resolves = unquote(written[2:-1]) == node.tag
        elif written:
            suffix = written[_HANDLE.match(written).end() :]
            resolves = node.tag.endswith(unquote(suffix))  # the handle may be redefined by %TAG
        else:
            resolves = False
        if not resolves:
            if node.tag.startswith(_YAML_NAMESPACE):
                written = "!!" + node.tag[len(_YAML_NAMESPACE) :]
            elif node.tag.startswith("!"):
                written = node.tag
            else:
                written = f"!<{node.tag}>"
        return written if len(written) <= _TAG_SHOWN else written[: _TAG_SHOWN - 1] + "…"

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
                YamlProblem(
                    "RL008",
                    f"tag `{self.tag_as_written(node)}` is not allowed; rolelint reads plain YAML data only",
                    start,
                    end,
                )
            )
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, join_path(path, i), depth + 1) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)  # the only other kind of node the composer makes
        return self._scalar(node, path)

    def _mapping(self, node: yaml.MappingNode, path: str, depth: int) -> dict:
        data: dict[Any, Any] = {}
        seen: dict[Any, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                merged = self.build(value_node, path, depth + 1)
                for item in merged if isinstance(merged, list) else [merged]:
                    if isinstance(item, dict):
                        for k, v in item.items():
                            data.setdefault(k, v)
                continue
            start, end = self.offsets_of(key_node)
            if not isinstance(key_node, yaml.ScalarNode):
                self.result.problems.append(
                    YamlProblem(
                        "RL008",
                        "a list or mapping used as a key is not supported; a key must be plain text",
                        start,
                        end,
                    )
                )
                continue
            # Keys stay as written (`1`, `yes`, `null` are text): the data is JSON's model, keyed by strings.
            key = key_node.value
            child = join_path(path, key)
            if key in seen:
                first, before = seen[key]
                if _same_scalar(before, value_node):
                    continue  # the same value again ("date: 2014-01-26" twice): nothing is lost
                first_line = _file_line(self.text, self.base + first.start_mark.index)
                self.result.problems.append(
                    YamlProblem(
                        "RL007",
                        f"duplicate key {key!r} (first defined on line {first_line}); "
                        "the later value would silently win",
                        start,
                        end,
                    )
                )
                continue
            seen[key] = (key_node, value_node)
            self.result.key_nodes[child] = (start, end)
            data[key] = self.build(value_node, child, depth + 1)
        return data

    def _scalar(self, node: yaml.ScalarNode, path: str | None) -> Any:
        if node.tag in _STANDARD_TAGS and node.tag not in _AS_WRITTEN:
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
        offsets = self.aligned.get(id(node))
        if offsets is None:
            start, end = self.offsets_of(node)
            offsets = align_offsets(value, self.text, start, end, escapes=node.style == '"')
            self.aligned[id(node)] = offsets
        return TextSpan(text=value, offsets=offsets, field=path, block="scalar")


_LINE_BREAKS = "\r\n\x85\u2028\u2029"  # what YAML reads as a line break
_ESCAPE_LENGTH = {"x": 4, "u": 6, "U": 10}  # a double-quoted escape's length in the source, default 2


def align_offsets(value: str, text: str, start: int, end: int, *, escapes: bool = False) -> tuple[int, ...]:
    """Map each character of a scalar's value back onto the source between ``start`` and ``end``.

    Quotes, indentation, escapes and folded line breaks appear in the source but not in the value;
    walking both strings and skipping source characters until the next value character matches
    recovers the mapping. With ``escapes`` (a double-quoted scalar) a backslash escape in the source
    stands for the next value character. A character that cannot be found maps to where the search
    stands; the search never looks more than 400 characters ahead, nor takes more steps in all than a
    few times the scalar's length, so a hostile scalar costs linear time.
    """
    offsets: list[int] = []
    cursor = start
    budget = 4 * (end - start) + 1024
    for char in value:
        probe = cursor
        found = -1
        # A folded line break is a space (or newline) in the value and a newline + indent in the source.
        while probe < end and budget > 0:
            budget -= 1
            source_char = text[probe]
            if escapes and source_char == "\\":
                if probe + 1 < end and text[probe + 1] in _LINE_BREAKS:  # an escaped line break is no character
                    probe += 2
                    continue
                found = probe
                break
            if source_char == char or (char in " \n" and source_char in _LINE_BREAKS):
                found = probe
                break
            probe += 1
            if probe - cursor > 400:  # something we do not understand: stop searching far ahead
                break
        if found < 0:
            offsets.append(min(cursor, end))
            continue
        offsets.append(found)
        cursor = found + 1
        if escapes and text[found] == "\\":
            cursor = min(found + _ESCAPE_LENGTH.get(text[found + 1 : found + 2], 2), end)
        elif text[found] == "\r" and cursor < end and text[cursor] == "\n":
            cursor += 1
    offsets.append(min(cursor, end) if value else start)
    return tuple(offsets)


class _TooDeep(Exception):
    def __init__(self, mark):
        super().__init__("too deep")
        self.mark = mark


# libyaml parses about ten times faster than pure-Python PyYAML; both give the same character marks.
_PARSER = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader


class _TooBig(Exception):
    def __init__(self, mark):
        super().__init__("too big")
        self.mark = mark  # where the first value past the limit starts


@dataclass
class Composed:
    root: yaml.Node | None
    nodes: int  # distinct nodes
    aliases: int


def compose(text: str, *, parser=None, max_nodes: int = MAX_NODES) -> Composed:
    """The node graph of a single-document YAML text, composed from parser events without recursion.

    Compared with PyYAML's own composer: nesting is limited to MAX_DEPTH (``_TooDeep`` at the
    offending event), more than ``max_nodes`` distinct nodes stop it early (``_TooBig``), and an
    anchor may be redefined (the later one counts, as in YAML 1.2). Aliases share nodes;
    ``expanded_size`` measures what they would expand to.
    """
    loader = (parser or _PARSER)(text)
    scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
    sequence_start, mapping_start = yaml.SequenceStartEvent, yaml.MappingStartEvent
    ends = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
    try:
        loader.get_event()  # stream start
        if loader.check_event(yaml.StreamEndEvent):
            return Composed(None, 0, 0)
        document = loader.get_event()
        anchors: dict[str, yaml.Node] = {}
        stack: list[list] = []  # [collection node, pending mapping key or None]
        root: yaml.Node | None = None
        count = aliases = 0
        while not loader.check_event(yaml.DocumentEndEvent):
            event = loader.get_event()
            kind = type(event)
            if kind in ends:
                stack.pop()[0].end_mark = event.end_mark
                continue
            if kind is alias_event:
                if event.anchor not in anchors:
                    raise yaml.composer.ComposerError(
                        None, None, f"found undefined alias {event.anchor!r}", event.start_mark
                    )
                node = anchors[event.anchor]
                aliases += 1
            else:
                count += 1
                if count > max_nodes:
                    raise _TooBig(event.start_mark)
                tag = event.tag
                if kind is scalar_event:
                    if tag is None or tag == "!":
                        tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
                    node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
                else:
                    node_class = yaml.SequenceNode if kind is sequence_start else yaml.MappingNode
                    if tag is None or tag == "!":
                        tag = loader.resolve(node_class, None, event.implicit)
                    node = node_class(tag, [], event.start_mark, event.end_mark, flow_style=event.flow_style)
                if event.anchor is not None:
                    anchors[event.anchor] = node
            if stack:
                parent = stack[-1]
                if parent[0].__class__ is yaml.SequenceNode:
                    parent[0].value.append(node)
                elif parent[1] is None:
                    parent[1] = node
                else:
                    parent[0].value.append((parent[1], node))
                    parent[1] = None
            else:
                root = node
            if kind is sequence_start or kind is mapping_start:
                if len(stack) >= MAX_DEPTH:
                    raise _TooDeep(event.start_mark)
                stack.append([node, None])
        loader.get_event()  # document end
        if not loader.check_event(yaml.StreamEndEvent):
            event = loader.get_event()
            raise yaml.composer.ComposerError(
                "expected a single document in the stream",
                document.start_mark,
                "but found another document",
                event.start_mark,
            )
        return Composed(root, count, aliases)
    finally:
        loader.dispose()


def expanded_size(root: yaml.Node, limit: int, *, characters: bool = False) -> tuple[int, yaml.Node | None, bool]:
    """How many values ``root`` stands for once every alias is expanded (capped at ``limit + 1``), and,
    past the limit, the node to blame: the reused (aliased) node that expands most, or the node an
    alias loops back into (then the flag is true). Each distinct node is sized once: linear in the file.

    With ``characters``, the size is the length of the text instead: a scalar counts its characters.
    """
    size: dict[int, int] = {}
    reused: dict[int, yaml.Node] = {}
    active: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            active.discard(key)
            own = len(node.value) + 1 if characters and isinstance(node, yaml.ScalarNode) else 1
            size[key] = min(limit + 1, own + sum(size[id(child)] for child in _children(node)))
            continue
        if key in active:  # an alias inside its own anchor: it expands for ever
            return limit + 1, node, True
        if key in size:
            reused[key] = node
            continue
        active.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node))
    total = size[id(root)]
    if total <= limit:
        return total, None, False
    worst = max(reused.values(), key=lambda n: (size[id(n)], -n.start_mark.index), default=None)
    return total, worst, False


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def load_yaml(text: str, *, base: int = 0, full_text: str | None = None) -> YamlResult:
    """Parse ``text`` (a whole file, or front matter starting at file offset ``base``)."""
    source = full_text if full_text is not None else text
    result = YamlResult()

    def fail(problem: YamlProblem) -> YamlResult:
        result.problems.append(problem)
        result.ok = False
        result.data = None
        result.spans.clear()
        return result

    try:
        composed = compose(text)
    except yaml.reader.ReaderError as exc:
        offset = base + _reader_offset(text, exc.position)
        return fail(
            YamlProblem(
                "RL001",
                f"invalid YAML: character {_char_name(exc.character)} is not allowed in YAML; remove it",
                offset,
                offset + 1,
            )
        )
    except UnicodeEncodeError as exc:  # a lone surrogate, which libyaml cannot even be given
        return fail(
            YamlProblem(
                "RL001",
                f"invalid YAML: character {_char_name(text[exc.start])} is not allowed in YAML; remove it",
                base + exc.start,
                base + exc.start + 1,
            )
        )
    except yaml.YAMLError as exc:
        deep = _too_deep_for_the_parser(exc, text)
        return fail(_yaml_error(exc, text, base, source) if deep is None else _too_deep(base + deep))
    except _TooDeep as exc:
        return fail(_too_deep(base + exc.mark.index))
    except _TooBig as exc:
        offset = base + exc.mark.index
        return fail(
            YamlProblem(
                "RL008",
                f"the document has more than {MAX_NODES:,} values (this is value "
                f"{MAX_NODES + 1:,}); rolelint reads documents up to that size",
                offset,
                offset + 1,
            )
        )
    root = composed.root
    if root is None:
        result.data = None
        return result
    if composed.aliases:
        size, worst, looped = expanded_size(root, MAX_NODES)
        if looped:
            start = base + worst.start_mark.index
            return fail(
                YamlProblem(
                    "RL008",
                    "the value anchored here contains an alias of itself, so it never ends; not read",
                    start,
                    start + 1,
                )
            )
        if size > MAX_NODES:
            start = base + (worst.start_mark.index if worst is not None else 0)
            return fail(
                YamlProblem(
                    "RL008",
                    f"aliases of the value anchored here expand the document to more than "
                    f"{MAX_NODES:,} values (an alias bomb?); not read",
                    start,
                    start + 1,
                )
            )
        char_limit = max(MAX_EXPANDED_CHARS, len(text))
        chars, worst, _ = expanded_size(root, char_limit, characters=True)
        if chars > char_limit:
            start = base + (worst.start_mark.index if worst is not None else 0)
            return fail(
                YamlProblem(
                    "RL008",
                    f"aliases of the value anchored here expand the document's text to more "
                    f"than {char_limit:,} characters (an alias bomb?); not read",
                    start,
                    start + 1,
                )
            )
    builder = _Builder(source, base, result, yaml.constructor.SafeConstructor())
    try:
        result.data = builder.build(root, "", 0)
    except (_Budget, RecursionError) as exc:  # both ruled out above; kept as a last line of defence
        message = str(exc) if isinstance(exc, _Budget) else "the YAML nests too deeply to read"
        return fail(YamlProblem("RL008", message, base, base + 1))
    return result


# Where a construct was opened, in plain words, for errors that only show up at the end of the YAML.
_OPENED = {
    "while scanning a quoted scalar": "a quoted value",
    "while parsing a quoted scalar": "a quoted value",
    "while scanning a double-quoted scalar": "a quoted value",
    "while scanning a single-quoted scalar": "a quoted value",
    "while parsing a flow sequence": "a `[` list",
    "while parsing a flow mapping": "a `{` mapping",
}

# libyaml's words for the usual indentation mistakes, in the words of the person who made them.
_PLAIN = {
    "mapping values are not allowed in this context": "a `:` here cannot start a key; check this line's indentation, or quote a value that contains ': '",
    "mapping values are not allowed here": "a `:` here cannot start a key; check this line's indentation, or quote a value that contains ': '",
    "did not find expected key": "this line does not line up with the keys above it; check its indentation",
    "did not find expected '-' indicator": "this line does not line up with the list items above it; check its indentation",
}


def _too_deep_for_the_parser(exc: yaml.YAMLError, text: str) -> int | None:
    """Where the text nests deeper than MAX_DEPTH, when PyYAML refused it for nesting past its own
    limit (6.0.4 and later stop at 1,000 levels, and libyaml's scanner reads ahead of the events
    ``compose`` counts, so it may stop first): the text before that point is composed again, and
    ``compose`` finds the level past MAX_DEPTH in it. None for any other error."""
    if "maximum nesting depth" not in str(exc):
        return None
    index = len(text)
    while True:  # each refusal is earlier in the text than the last, so this ends
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        if mark is None or mark.index >= index:
            return index
        index = mark.index
        try:
            compose(text[:index])
        except _TooDeep as deeper:
            return deeper.mark.index
        except yaml.YAMLError as again:
            if "maximum nesting depth" in str(again):
                exc = again
                continue
        except _TooBig:
            pass
        return index


def _too_deep(offset: int) -> YamlProblem:
    return YamlProblem(
        "RL008",
        f"the YAML nests more than {MAX_DEPTH} levels deep here; rolelint reads documents up to that depth",
        offset,
        offset + 1,
    )


_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # as SourceText counts lines, which every finding's line is


def _file_line(source: str, offset: int) -> int:
    """The 1-based line of the file ``source`` that holds character ``offset``: front matter's
    lines are counted from the top of the file, as every finding's own position is."""
    return 1 + len(_LINE_BREAK.findall(source, 0, offset))


def _yaml_error(exc: yaml.YAMLError, text: str, base: int, source: str) -> YamlProblem:
    """An RL001 problem from a PyYAML or libyaml error: at the problem, in plain words. ``text``
    starts at offset ``base`` of the file ``source``."""
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    index = min(mark.index, len(text)) if mark is not None else 0
    if "expected a single document" in str(exc):
        message = "more than one YAML document in this file (a second `---`); rolelint reads one"
    elif "invalid Unicode character escape code" in problem:
        # libyaml refuses "\ud800" (a surrogate) and escapes past U+10FFFF inside a quoted value;
        # that is the escape's fault, not an unclosed quote
        start = text.rfind("\\", 0, index + 1)
        index = start if start >= 0 and index - start <= 10 else index
        message = (
            "invalid YAML: this escape is not a Unicode character (a surrogate such as `\\ud800`, or past "
            "U+10FFFF); write the character itself or a valid escape"
        )
    elif context in _OPENED and context_mark is not None and not text[index:].strip():
        # Hitting the end inside a quote or bracket: the useful place is where it was opened.
        index = context_mark.index
        message = f"invalid YAML: {_OPENED[context]} that starts here is never closed"
    elif text[index : index + 1] == "\t":
        message = "invalid YAML: a tab here; YAML indentation must use spaces, not tabs"
    elif context in _OPENED and context_mark is not None and context_mark.index < index:
        closer = "]" if "sequence" in context else "}"
        message = (
            f"invalid YAML: {_OPENED[context]} opened on line {_file_line(source, base + context_mark.index)} is not closed: "
            f"expected `,` or `{closer}` here"
        )
    elif problem.startswith("could not find expected ':'") and context_mark is not None:
        # libyaml notices at the next line; the line without its colon is where the simple key began.
        index = min(context_mark.index, len(text))
        message = "invalid YAML: this line is not `key: value`; add the `:` or indent it under a key"
    elif problem == "did not find expected node content" and context == "while parsing a flow node":
        message = (
            "invalid YAML: a `[` list or `{` mapping above is never closed"
            if not text[index:].strip()
            else "invalid YAML: a value is missing here, inside a `[` list or `{` mapping (two commas in a row?)"
        )
    elif (
        problem.startswith("found character")
        and "cannot start any token" in problem
        and text[index : index + 1] in ("@", "`")
    ):
        # "@" and "`" are reserved: no plain value may start with them ("layout: @layouts/Career.astro")
        what = "`@`" if text[index] == "@" else "a backtick"
        message = f"invalid YAML: a value cannot start with {what}; quote the value"
    elif problem == "did not find expected node content" and context == "while parsing a block node":
        message = "invalid YAML: a value cannot start with this character; quote the value"
    elif problem in _PLAIN:
        message = f"invalid YAML: {_PLAIN[problem]}"
    else:
        message = f"invalid YAML: {problem}" + (f" ({context})" if context else "")
    line_start = text.rfind("\n", 0, index) + 1
    if (
        "\t" in text[line_start : index + 1]
        and not text[line_start:index].strip(" \t")
        and "spaces, not tabs" not in message
    ):
        message += "; YAML indentation must use spaces, not tabs"
    return YamlProblem("RL001", message, base + index, base + min(index + 1, len(text)))  # at the end: empty


def _reader_offset(text: str, position: int) -> int:
    """The character offset of a character the reader refused. libyaml gives its byte offset in the
    UTF-8 text (so every accented letter before it would shift the finding right); PyYAML's own reader
    counts characters."""
    if _PARSER is yaml.SafeLoader:
        return position
    return len(text.encode("utf-8", "surrogatepass")[:position].decode("utf-8", "ignore"))


def _char_name(character: str | int) -> str:
    code = character if isinstance(character, int) else ord(character)
    return f"U+{code:04X}" + (" (NUL)" if code == 0 else "")


def _same_scalar(one, other) -> bool:
    """Whether two value nodes are the same scalar, written the same way and with the same tag: a key
    repeated with such a value loses nothing, whichever value a reader keeps."""
    return (
        isinstance(one, yaml.ScalarNode)
        and isinstance(other, yaml.ScalarNode)
        and one.tag == other.tag
        and one.value == other.value
    )
