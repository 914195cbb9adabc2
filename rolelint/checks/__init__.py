"""Rule kinds: one module per kind, and the small types every kind shares.

A kind module has three functions:

- ``compile(rule) -> object``: validate the rule's spec at load time (raise ``ValueError`` with a
  message naming the key); must not import spaCy;
- ``needs(rule, compiled) -> set[str]``: the NLP needs (see ``rolelint.nlp.NEEDS``); empty = no spaCy;
- ``run(rule, compiled, target, options, nlp) -> Iterable[Finding]``: findings for one document.

and optionally ``triggers``, ``prepare``, ``prefetch`` (see rolelint.runner) and
``needless(rule, compiled, document, items) -> bool``: True when the rule finds nothing in
``document`` given these spans (the ones its triggers kept), whatever their annotations, so
that they are not tagged or parsed for it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Iterable

from rolelint.diagnostics import Finding, Fix, full_message
from rolelint.documents import Document, TextSpan
from rolelint.textfold import fold


def is_builtin(rule) -> bool:
    """Whether ``rule`` is one of rolelint's own rules (trusted: see docs/security.md), by where its
    file lives; a rule from a user's pack is not."""
    from rolelint.resources import data_dir
    from rolelint.trust import is_inside, real

    path = getattr(rule, "source_path", None)
    return path is not None and is_inside(real(path), real(data_dir("rules")))


@dataclass(frozen=True)
class SpanInput:
    """A prose span as rules see it: folded to what a reader sees (rolelint.textfold: invisible
    characters removed, look-alike letters, compatibility forms and references made plain) and
    whitespace runs collapsed to one space (so that masked markup and line breaks do not split
    phrases), with ``index[i]`` = offset in ``span.text`` of ``text[i]``. ``lookalike``: positions
    in ``text`` of letters that were written with other characters; ``hidden``: positions in
    ``text`` before which folding removed invisible characters or markup inside a word."""

    span: TextSpan
    text: str
    index: Sequence[int]
    doc: Any = None  # the spaCy Doc of ``text`` when a rule needs one
    lookalike: tuple[int, ...] = ()
    hidden: tuple[int, ...] = ()
    ends: dict | None = None  # positions in ``text`` of characters written with several (a reference) -> end

    @classmethod
    def of(cls, span: TextSpan) -> SpanInput:
        folded = fold(span.text)
        text, index = normalise(folded.text)
        if folded.index is None:
            return cls(span, text, index)
        inner = folded.index
        composed = [inner[i] for i in index]
        lookalike: tuple[int, ...] = ()
        if folded.lookalike:
            marked = set(folded.lookalike)
            lookalike = tuple(i for i, at in enumerate(index) if at in marked)
        hidden: tuple[int, ...] = ()
        if folded.hidden:
            marked = set(folded.hidden)
            hidden = tuple(i for i, at in enumerate(index) if at in marked)
        ends = None
        if folded.wide:
            ends = {i: folded.wide[at] for i, at in enumerate(index) if at in folded.wide}
        return cls(span, text, composed, lookalike=lookalike, hidden=hidden, ends=ends)

    def replace_doc(self, doc) -> SpanInput:
        return SpanInput(self.span, self.text, self.index, doc, self.lookalike, self.hidden, self.ends)

    def written_as(self, start: int, end: int) -> str | None:
        """How ``text[start:end]`` was written, when folding changed it: "look-alike" (a letter
        written with another character) or "hidden" (invisible characters or markup inside it);
        else None."""
        if self.lookalike:
            at = bisect_left(self.lookalike, start)
            if at < len(self.lookalike) and self.lookalike[at] < end:
                return "look-alike"
        if self.hidden:
            at = bisect_right(self.hidden, start)
            if at < len(self.hidden) and self.hidden[at] < end:
                return "hidden"
        return None

    def file_range(self, start: int, end: int) -> tuple[int, int]:
        """File offsets of ``text[start:end]``."""
        if not self.index:
            return self.span.file_range(0, 0)
        if end <= start:
            offset = self.index[min(start, len(self.index) - 1)]
            return self.span.file_range(offset, offset)
        last = min(end, len(self.index)) - 1
        stop = self.ends[last] if self.ends and last in self.ends else self.index[last] + 1
        return self.span.file_range(self.index[start], stop)


@dataclass(frozen=True)
class DocumentInput:
    """One document and those of its spans that are in a rule's scope."""

    document: Document
    spans: tuple[SpanInput, ...]


def normalise(text: str) -> tuple[str, Offsets]:
    """Collapse whitespace runs to one space and strip the ends, keeping a map back to ``text``.

    Called on every span of every document, so it avoids per-character Python work: the text is
    ``" ".join(text.split())`` (``str.split`` and ``\\s`` agree on what whitespace is), and the map
    is kept as linear runs (``Offsets``), one per whitespace run that changed length, found with one
    regex search; a span with single spaces only (most of them) maps one to one."""
    collapsed = " ".join(text.split())
    if collapsed == text:
        return text, Offsets((0,), (0,), len(text))
    if not collapsed:
        return collapsed, Offsets((), (), 0)
    first = len(text) - len(text.lstrip())
    last = len(text.rstrip())
    starts, sources = [0], [first]
    length = 0  # characters of ``collapsed`` mapped so far
    position = first  # where in ``text`` the current run of kept characters started
    for match in _CHANGED.finditer(text, first, last):
        # ``text[position:match.start()]`` and the single space standing for the run map linearly
        length += match.start() - position + 1
        position = match.end()
        if position - length != sources[-1] - starts[-1]:  # a run shorter than one space joins on
            starts.append(length)
            sources.append(position)
    return collapsed, Offsets(tuple(starts), tuple(sources), len(collapsed))


# A whitespace run that is not a single space: two or more characters, or one other than a space.
_CHANGED = re.compile(r"\s(?:\s+|(?<! ))")


class Offsets(Sequence[int]):
    """``offsets[i]``: the offset in a span's text of character ``i`` of its normalised text.

    Stored as linear runs (character ``starts[k]`` onward maps to ``sources[k]`` onward) rather than
    one integer per character, since building a tuple of every offset of every span was most of the
    cost of ``normalise``; lookups bisect the runs."""

    __slots__ = ("_starts", "_sources", "_length")

    def __init__(self, starts: tuple[int, ...], sources: tuple[int, ...], length: int):
        self._starts, self._sources, self._length = starts, sources, length

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, i):
        if isinstance(i, slice):
            return tuple(self[j] for j in range(*i.indices(self._length)))
        if i < 0:
            i += self._length
        if not 0 <= i < self._length:
            raise IndexError("offset index out of range")
        k = bisect_right(self._starts, i) - 1 if len(self._starts) > 1 else 0
        return self._sources[k] + i - self._starts[k]

    def __iter__(self):
        """Every offset in order, run by run (Sequence's default would bisect for each one)."""
        starts, sources = self._starts, self._sources
        for k, start in enumerate(starts):
            end = starts[k + 1] if k + 1 < len(starts) else self._length
            yield from range(sources[k], sources[k] + end - start)

    def __eq__(self, other) -> bool:
        if isinstance(other, Offsets):
            return (self._length, self._starts, self._sources) == (other._length, other._starts, other._sources)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self._length, self._starts, self._sources))

    def __repr__(self) -> str:
        return f"Offsets({list(self)!r})"


TEMPLATE_FIELD = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
_FORMATTED_FIELD = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*[.\[!:][^{}\s]*\}")


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, each escaped, longest first, so that a word that starts
    another ("C" and "C++", "look" and "look after") never wins over it; the caller adds the group
    and the boundaries its words need. Empty when there are no words."""
    return "|".join(re.escape(word) for word in sorted(set(words), key=lambda w: (-len(w), w)))


def template_problem(template: str) -> str | None:
    """Messages and suggestions take plain ``{name}`` fields only: no format specs, conversions,
    indexing or attribute access (a pack's `{match:>100000000}` must not allocate gigabytes).
    Other braces, such as `{min: ..., max: ...}`, are literal text."""
    field = _FORMATTED_FIELD.search(template)
    if field:
        return f"{field.group()!r} is not a plain {{name}} field; templates accept only fields like {{match}}"
    return None


def render(template: str | None, values: dict[str, Any]) -> str | None:
    """Fill ``{name}`` fields from ``values``; unknown fields are left as written."""
    if template is None:
        return None
    return TEMPLATE_FIELD.sub(lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), template)


def match_case(replacement: str, matched: str) -> str:
    """'Chairman' -> 'Chair': keep a leading capital (and all-caps) of the matched text."""
    if not replacement or not matched:
        return replacement
    if matched.isupper() and len(matched) > 1:
        return replacement.upper()
    if matched[0].isupper() and replacement[0].islower():
        return replacement[0].upper() + replacement[1:]
    return replacement


def span_finding(
    rule,
    item: SpanInput,
    start: int,
    end: int,
    *,
    values: dict[str, Any] | None = None,
    replacement: str | None = None,
    fixable: bool | None = None,
) -> Finding:
    """A finding on ``item.text[start:end]``, message and suggestion rendered from the rule."""
    matched = item.text[start:end]
    if replacement is not None:
        replacement = match_case(replacement, matched)
    fields = {"match": matched, "replacement": replacement if replacement is not None else ""}
    fields.update(values or {})
    file_start, file_end = item.file_range(start, end)
    written = item.written_as(start, end) if (item.lookalike or item.hidden) else None
    suggestion = None
    if rule.suggestion and (replacement is not None or "{replacement}" not in rule.suggestion):
        suggestion = render(rule.suggestion, fields)
    fix = None
    if replacement is not None and (rule.fixable if fixable is None else fixable):
        fix = Fix(file_start, file_end, replacement)
    message = render(rule.message, fields)
    if written is not None:
        message += NOTES[written]
    return Finding(
        code=rule.code,
        message=message,
        start=file_start,
        end=file_end,
        suggestion=suggestion,
        fix=fix,
        field=item.span.field,
        section=item.span.section,
        context=matched,
    )


# Said of a finding made through folding (rolelint.textfold)
NOTES = {
    "look-alike": " (written with look-alike characters)",
    "hidden": " (written with invisible characters or markup inside it)",
}


def document_finding(
    rule,
    document: Document,
    *,
    values: dict[str, Any],
    prefer_sections: Iterable[str] = (),
    at: tuple[int, int] | None = None,
    context: str | None = None,
) -> Finding:
    """A finding about the document as a whole, placed on the most telling heading.

    Its ``context`` (default: the message) is what the baseline fingerprints in place of matched
    text, so it names the condition, never a measurement: numbers in it are masked (``#``). An
    advert that gains a word or a requirement stays the same finding; the message keeps the counts.
    """
    message = render(rule.message, values)
    about_whole = None
    if at is not None:
        start, end = at
    else:
        start, end, whole = document_anchor(document, prefer_sections)
        if whole:
            about_whole = document.kind or "document"
    section = document.section_of(start)
    if context is None:  # the message as reports write it, as baselines written before have it
        context = full_message(message, about_whole)
    return Finding(
        code=rule.code,
        message=message,
        start=start,
        end=end,
        suggestion=render(rule.suggestion, values) if rule.suggestion else None,
        section=section.category if section else None,
        context=_NUMBER.sub("#", context),
        about_whole=about_whole,
    )


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# A finding about a document as a whole, with no section of its own to point at, is shown where the
# text starts, never inside front matter nor on an unrelated heading; reports say so (about_whole).


def document_anchor(document: Document, prefer_sections: Iterable[str] = ()) -> tuple[int, int, bool]:
    """Where a finding about the whole document goes: the heading of the first preferred section (the
    finding's subject), else the first line of the document's text (``True``: the message should say
    the finding is about the whole document)."""
    for category in prefer_sections:
        for section in document.sections:
            if section.category == category and section.heading_end > section.heading_start:
                return section.heading_start, section.heading_end, False
    text = document.source.text
    if document.body_start is not None:
        for span in document.spans:
            if span.field in (None, "body") and span.text.strip():
                start, end = _trimmed(span)
                line_end = min((i for i in (text.find("\n", start), text.find("\r", start)) if i >= 0), default=end)
                return start, max(start, min(end, line_end)), True
        start = min(document.body_start, len(text))
        return start, start, True
    for span in document.spans:  # a framework or role: its first heading or value
        if span.block == "heading" and span.text.strip():
            return (*_trimmed(span), False)
    for span in document.spans:
        if span.text.strip():
            return (*_trimmed(span), False)
    first_line_end = text.find("\n")
    return 0, (first_line_end if first_line_end >= 0 else len(text)), False


def _trimmed(span: TextSpan) -> tuple[int, int]:
    stripped = span.text.strip()
    lead = len(span.text) - len(span.text.lstrip())
    return span.file_range(lead, lead + len(stripped))


def sentences(item: SpanInput):
    """The spaCy sentences of a span, or the whole span as one sentence when none were set."""
    doc = item.doc
    if doc is None:
        return []
    found = doc.user_data.get("rolelint.sentences")
    if found is None:  # cached: several rules read them
        found = doc.user_data["rolelint.sentences"] = [doc[start:end] for start, end in sentence_bounds(item)]
    return found


def sentence_bounds(item: SpanInput) -> list[tuple[int, int]]:
    """(start, end) token offsets of the sentences of a span (see ``sentences``), from the Doc's
    sentence-start array; cached."""
    doc = item.doc
    if doc is None:
        return []
    found = doc.user_data.get("rolelint.sentence-bounds")
    if found is None:
        if len(doc) and doc.has_annotation("SENT_START"):
            from spacy.attrs import SENT_START

            starts = [i for i, flag in enumerate(doc.to_array(SENT_START).tolist()) if flag == 1 or i == 0]
            found = list(zip(starts, starts[1:] + [len(doc)]))
        else:
            found = [(0, len(doc))]
        doc.user_data["rolelint.sentence-bounds"] = found
    return found


def tagged_tokens(doc):
    """The tokens of ``doc`` that were tagged: all of them, unless only some windows were (see
    ``rolelint.nlp.windows.tag_windows``); a rule reading tags need not look at the others."""
    windows = doc.user_data.get("rolelint.windows")
    if windows is None:
        yield from doc
    else:
        for start, end in windows:
            yield from doc[start:end]


_LEXICAL_IDS = "rolelint.lexical-ids"  # the user_data key lexical_ids caches under


def lexical_ids(doc) -> frozenset[int]:
    """The string ids of the lower-case texts and norms of ``doc``'s tokens (``words_of`` as ids),
    read from the Doc's arrays (no Token objects); cached. A rule compares them with its words' ids
    (``spacy.strings.hash_string``), which spares looking up every token's string. The first rule
    to ask pays for reading every token (a few microseconds a Doc, and there are as many Docs as
    spans); the others find the answer cached."""
    found = doc.user_data.get(_LEXICAL_IDS)
    if found is None:
        from spacy.attrs import LOWER, NORM

        ids = doc.to_array([LOWER, NORM]).ravel().tolist() if len(doc) else ()
        found = doc.user_data[_LEXICAL_IDS] = frozenset(ids)
    return found


def keep_lexical_ids(doc, ids: list[int]) -> None:
    """Cache ``lexical_ids`` from the ids of ``doc.to_array([LOWER, NORM])`` read by someone else
    (the trigger masks read them for every Doc before any rule runs)."""
    if _LEXICAL_IDS not in doc.user_data:
        doc.user_data[_LEXICAL_IDS] = frozenset(ids)


def words_of(doc) -> frozenset[str]:
    """The lower-case texts and norms of ``doc``'s tokens, read from its arrays (no Token objects);
    cached. A rule on words can skip a span that holds none of its words (``lexical_ids`` does the
    same without looking up the strings)."""
    found = doc.user_data.get("rolelint.words")
    if found is None:
        strings = doc.vocab.strings
        found = doc.user_data["rolelint.words"] = frozenset(strings[i] for i in lexical_ids(doc))
    return found
