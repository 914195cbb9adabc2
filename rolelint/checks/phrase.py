"""Rule kind ``phrase``: word lists matched on tokens, by lower case or by lemma, with exceptions.

In ``lemma`` mode each word of a phrase matches a token whose lower-case text *or* lemma equals it,
so write words in their dictionary form ("hit the ground run" also finds "hits the ground running").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rolelint.checks import sentences, span_finding, words_of
from rolelint.checks.triggers import Alternative, Requirement, Triggers, singulars


@dataclass(frozen=True)
class Entry:
    phrase: str
    replacement: str | None = None
    fixable: bool | None = None
    context_only: bool = False


@dataclass
class CompiledPhrases:
    entries: tuple[Entry, ...]
    exceptions: tuple[str, ...]
    lemma: bool
    pos: frozenset[str]
    context_sections: frozenset[str]
    context_words: frozenset[str]
    _index: dict = field(default_factory=dict, repr=False)  # id(nlp) -> (index, exception index)


def _entries(raw, *, context_only: bool, where: str) -> list[Entry]:
    if isinstance(raw, list):
        return [Entry(str(p), context_only=context_only) for p in raw]
    entries = []
    for phrase, value in raw.items():
        if isinstance(value, dict):
            entries.append(Entry(str(phrase), value.get("replacement"), value.get("fixable"), context_only))
        else:
            entries.append(Entry(str(phrase), value, None, context_only))
    if not entries:
        raise ValueError(f"{where}: the phrase list is empty")
    return entries


def compile(rule) -> CompiledPhrases:
    spec = rule.spec
    entries = _entries(spec["phrases"], context_only=False, where="phrase.phrases")
    context = spec.get("in_context") or {}
    if context:
        entries += _entries(context["phrases"], context_only=True, where="phrase.in_context.phrases")
    for entry in entries:
        if not entry.phrase.strip():
            raise ValueError("phrase.phrases: a phrase is empty")
    return CompiledPhrases(
        entries=tuple(entries),
        exceptions=tuple(spec.get("exceptions", ())),
        lemma=spec.get("match", "lemma") == "lemma",
        pos=frozenset(spec.get("pos", ())),
        context_sections=frozenset(context.get("sections", ())),
        context_words=frozenset(w.lower() for w in context.get("sentence_words", ())),
    )


def needs(rule, compiled: CompiledPhrases) -> set[str]:
    wanted = {"lemma"} if compiled.lemma else {"tokens"}
    if compiled.pos:
        wanted.add("pos")
    if compiled.context_words:
        wanted |= {"lemma", "sents"}
    return wanted


def _tokens(nlp, phrase: str) -> tuple[str, ...]:
    return tuple(t.lower_ for t in nlp.make_doc(phrase) if not t.is_space)


def _build_index(compiled: CompiledPhrases, nlp):
    key = id(nlp)
    if key not in compiled._index:
        index: dict[str, list] = {}
        for entry in compiled.entries:
            words = _tokens(nlp, entry.phrase)
            index.setdefault(words[0], []).append((words, entry))
        exceptions: dict[str, list] = {}
        for phrase in compiled.exceptions:
            words = _tokens(nlp, phrase)
            if words:
                exceptions.setdefault(words[0], []).append((words, None))
        for table in (index, exceptions):
            for candidates in table.values():
                candidates.sort(key=lambda pair: -len(pair[0]))
        compiled._index[key] = (index, exceptions)
    return compiled._index[key]


def _keys(token, lemma: bool) -> set[str]:
    keys = {token.lower_}
    if lemma and token.lemma_:
        keys.add(token.lemma_.lower())
        if (token.tag_ in ("NNS", "NNPS") or token.pos_ in ("NOUN", "PROPN")) and len(token.lower_) > 3:
            keys |= singulars(token.lower_)  # the lemmatizer leaves unknown plurals ("ninjas") alone
    return keys


def triggers(rule, compiled: CompiledPhrases, nlp) -> Triggers:
    """A phrase matches only where all its words are, and within its length of each of them; an
    entry that needs words around it in its sentence reads the whole sentence."""
    index, _ = _build_index(compiled, nlp)
    alternatives = []
    for candidates in index.values():
        for words, entry in candidates:
            reach = len(words)  # one more than the phrase can reach, in case a space token falls inside
            requirements = tuple(Requirement(frozenset({word})) for word in dict.fromkeys(words))
            alternatives.append(Alternative(requirements, reach, reach, entry.context_only and bool(compiled.context_words)))
    return Triggers(tuple(alternatives))


def token_keys(doc, lemma: bool) -> tuple[list, list[set[str]], set[str]]:
    """Non-space tokens of ``doc``, their match keys and the union of keys; cached on the Doc, since
    every phrase rule reads the same spans."""
    cache_key = ("rolelint.phrase-keys", lemma)
    if cache_key not in doc.user_data:
        if lemma:
            tokens = [t for t in doc if not t.is_space]
            keys = [_keys(t, lemma) for t in tokens]
        else:  # lower case only: read from the Doc's arrays, and make Token objects only for matches
            from spacy.attrs import IS_SPACE, LOWER

            strings = doc.vocab.strings
            rows = doc.to_array([LOWER, IS_SPACE]).tolist() if len(doc) else []
            positions = [i for i, (_, space) in enumerate(rows) if not space]
            tokens = _Tokens(doc, positions)
            keys = [{strings[rows[i][0]]} for i in positions]
        doc.user_data[cache_key] = (tokens, keys, set().union(*keys) if keys else set())
    return doc.user_data[cache_key]


class _Tokens:
    """The non-space tokens of a Doc, by position, each made when it is read."""

    def __init__(self, doc, positions: list[int]):
        self._doc, self._positions = doc, positions

    def __len__(self) -> int:
        return len(self._positions)

    def __getitem__(self, i: int):
        return self._doc[self._positions[i]]


def find(keys: list[set[str]], index):
    """Leftmost-longest, non-overlapping matches: (first, end) positions in the token list and the entry."""
    position = 0
    while position < len(keys):
        found = None
        for key in keys[position]:
            for words, entry in index.get(key, ()):
                end = position + len(words)
                if end <= len(keys) and all(words[k] in keys[position + k] for k in range(len(words))):
                    if found is None or len(words) > found[1] - found[0]:
                        found = (position, end, entry)
                    break
        if found:
            yield found
            position = found[1]
        else:
            position += 1


def run(rule, compiled: CompiledPhrases, target, options, nlp):
    if nlp is None:  # no span in scope needed the pipeline
        return
    index, exception_index = _build_index(compiled, nlp)
    allowed = {str(a).lower() for a in options.get("allow", ()) or ()}
    for item in target.spans:
        doc = item.doc
        if doc is None:
            continue
        if not compiled.lemma and words_of(doc).isdisjoint(index):
            continue  # none of the phrases' first words: no need to build the token keys
        tokens, keys, every_key = token_keys(doc, compiled.lemma)
        if every_key.isdisjoint(index):
            continue
        blocked = [(a, b) for a, b, _ in find(keys, exception_index)] if not every_key.isdisjoint(exception_index) else []
        for first, end, entry in find(keys, index):
            if entry.phrase.lower() in allowed:
                continue
            if any(a < end and first < b for a, b in blocked):
                continue
            if compiled.pos and end - first == 1 and tokens[first].pos_ not in compiled.pos:
                continue
            if entry.context_only and not _in_context(compiled, item, tokens[first]):
                continue
            start_char = tokens[first].idx
            end_char = tokens[end - 1].idx + len(tokens[end - 1].text)
            yield span_finding(
                rule, item, start_char, end_char, replacement=entry.replacement, fixable=entry.fixable
            )


def _in_context(compiled: CompiledPhrases, item, token) -> bool:
    if item.span.section in compiled.context_sections:
        return True
    if not compiled.context_words:
        return False
    for sentence in sentences(item):
        if sentence.start <= token.i < sentence.end:
            return any(_keys(t, True) & compiled.context_words for t in sentence)
    return False
