"""Rule kind ``phrase``: word lists matched on tokens, by lower case or by lemma, with exceptions.

In ``lemma`` mode each word of a phrase matches a token whose lower-case text *or* lemma equals it,
so write words in their dictionary form ("hit the ground run" also finds "hits the ground running").
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass, field
from functools import lru_cache

from rolelint.checks import lexical_ids, sentence_bounds, sentences, span_finding
from rolelint.nlp.triggers import Alternative, Requirement, Triggers, singulars


@dataclass(frozen=True)
class Entry:
    phrase: str
    replacement: str | None = None
    fixable: bool | None = None
    context_only: bool = False
    unless_title: tuple[str, ...] = ()  # a term of art of these disciplines (see _titled)


@dataclass
class CompiledPhrases:
    entries: tuple[Entry, ...]
    exceptions: tuple[str, ...]
    lemma: bool
    pos: frozenset[str]
    context_sections: frozenset[str]
    context_words: frozenset[str]
    one_per_sentence: bool = False  # report only the first match of a sentence
    one_per_section: bool = False  # report only the first match of a section of the document
    skip_negated: bool = False  # drop a match that a negation in its sentence governs or stands shortly before
    skip_beside: frozenset[str] = frozenset()  # drop a match whose sentence holds one of these words
    skip_names: bool = False  # drop a match inside a proper name of several words ("Black Girls Code")
    skip_things: bool = False  # drop a word read as an adjective of a noun that names no person
    skip_own_name: bool = False  # drop a match inside the advert's own organisation's name ("Be A Hero")
    # Per pipeline: nlp -> (index, exception index); nlp -> see _lower_index.
    _index: weakref.WeakKeyDictionary = field(default_factory=weakref.WeakKeyDictionary, repr=False)
    _first: weakref.WeakKeyDictionary = field(default_factory=weakref.WeakKeyDictionary, repr=False)


def _entries(raw, *, context_only: bool, where: str) -> list[Entry]:
    if isinstance(raw, list):
        return [Entry(str(p), context_only=context_only) for p in raw]
    entries = []
    for phrase, value in raw.items():
        if isinstance(value, dict):
            unless = tuple(str(word).lower() for word in value.get("unless_title", ()))
            entries.append(Entry(str(phrase), value.get("replacement"), value.get("fixable"), context_only, unless))
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
        one_per_sentence=bool(spec.get("one_per_sentence", False)),
        one_per_section=bool(spec.get("one_per_section", False)),
        skip_negated=bool(spec.get("skip_negated", False)),
        skip_beside=frozenset(w.lower() for w in spec.get("skip_beside", ())),
        skip_names=bool(spec.get("skip_names", False)),
        skip_things=bool(spec.get("skip_things", False)),
        skip_own_name=bool(spec.get("skip_own_name", False)),
    )


def needs(rule, compiled: CompiledPhrases) -> set[str]:
    wanted = {"lemma"} if compiled.lemma else {"tokens"}
    if compiled.pos:
        wanted.add("pos")
    if compiled.context_words:
        wanted |= {"lemma", "sents"}
    if compiled.one_per_sentence or compiled.skip_negated:
        wanted.add("sents")
    if compiled.skip_negated:
        wanted.add("dep")  # what a negation governs
    if compiled.skip_beside:
        wanted |= {"lemma", "sents"}
    if compiled.skip_names or compiled.skip_things:
        wanted.add("pos")
    return wanted


def _tokens(nlp, phrase: str) -> tuple[str, ...]:
    return tuple(t.lower_ for t in nlp.make_doc(phrase) if not t.is_space)


def _spellings(words: tuple[str, ...]) -> list[tuple[str, ...]]:
    """A phrase as it is written and, when it is written with spaces, also with hyphens: writers
    join the words of a phrase both ways ("thought leadership", "thought-leadership"). Not the
    other way: a hyphened compound can mean something else spaced ("next-level" jargon, "the
    next level of the pay scale")."""
    if "-" in words or len(words) < 2:
        return [words]
    hyphened: list[str] = []
    for word in words:
        hyphened += ["-", word] if hyphened else [word]
    return [words, tuple(hyphened)]


def _build_index(compiled: CompiledPhrases, nlp):
    key = nlp
    if key not in compiled._index:
        index: dict[str, list] = {}
        for entry in compiled.entries:
            for words in _spellings(_tokens(nlp, entry.phrase)):
                if all(known != words for known, _ in index.get(words[0], ())):
                    index.setdefault(words[0], []).append((words, entry))
        exceptions: dict[str, list] = {}
        for phrase in compiled.exceptions:
            words = _tokens(nlp, phrase)
            for spelling in _spellings(words) if words else ():
                exceptions.setdefault(spelling[0], []).append((spelling, None))
        for table in (index, exceptions):
            for candidates in table.values():
                candidates.sort(key=lambda pair: -len(pair[0]))
        compiled._index[key] = (index, exceptions)
    return compiled._index[key]


# what ends a sentence or a label before the word that opens the next
OPENERS = frozenset({".", "!", "?", ":", ";", "-", "*", "•"})


def _opens(doc, i: int) -> bool:
    """Whether token ``i`` opens its text or a sentence: its capital then says nothing of a name."""
    j = i - 1
    while j >= 0 and doc[j].is_space:
        j -= 1
    return j < 0 or doc[j].text in OPENERS


def _keys(token, lemma: bool) -> set[str]:
    keys = {token.lower_}
    if lemma and token.lemma_:
        keys.add(token.lemma_.lower())
        if _plural_like(
            token.tag_ in ("NNS", "NNPS"), token.pos_, lambda: token.text == token.lower_ or _opens(token.doc, token.i)
        ):
            if len(token.lower_) > 3:
                keys |= singulars(token.lower_)
    return keys


def _plural_like(plural_tag: bool, pos: str, opens) -> bool:
    """Whether a token may be a plural the lemmatizer left alone ("ninjas"), so that its singulars
    are tried: a plural tag, a common noun, or a singular proper noun that opens its text or
    sentence (a capitalised verb or noun the tagger took for a name: "Utilizes partners ..." in a
    list) or is written in lower case (a plural the tagger took for a name: "a team of ninjas"). A
    capitalised proper noun inside a sentence is a name whose final s is its own ("Acme Hellas",
    "Athens"), not a plural."""
    return plural_tag or pos == "NOUN" or (pos == "PROPN" and opens())


def triggers(rule, compiled: CompiledPhrases, nlp) -> Triggers:
    """A phrase matches only where all its words are, and within its length of each of them; an
    entry that needs words around it in its sentence reads the whole sentence."""
    index, _ = _build_index(compiled, nlp)
    alternatives = []
    for candidates in index.values():
        for words, entry in candidates:
            reach = len(words)  # one more than the phrase can reach, in case a space token falls inside
            requirements = tuple(Requirement(frozenset({word})) for word in dict.fromkeys(words))
            alternatives.append(
                Alternative(requirements, reach, reach, entry.context_only and bool(compiled.context_words))
            )
    return Triggers(tuple(alternatives))


def token_keys(doc, lemma: bool) -> tuple[list, list[set[str]], set[str]]:
    """Non-space tokens of ``doc``, their match keys and the union of keys; cached on the Doc, since
    every phrase rule reads the same spans. (``run`` reads ``lower`` mode from ``lower_tokens``.)"""
    cache_key = ("rolelint.phrase-keys", lemma)
    if cache_key not in doc.user_data:
        if lemma:
            tokens, keys = _lemma_keys(doc)
        else:
            positions, ids = lower_tokens(doc)
            strings = doc.vocab.strings
            tokens = _Tokens(doc, positions)
            keys = [frozenset({strings[i]}) for i in ids]
        doc.user_data[cache_key] = (tokens, keys, set().union(*keys) if keys else set())
    return doc.user_data[cache_key]


def _lemma_keys(doc) -> tuple[_Tokens, list[frozenset[str]]]:
    """``lemma`` mode keys of the non-space tokens (as ``_keys`` gives them), from the Doc's arrays:
    a token's keys depend only on its lower-case text, lemma, tag and part of speech, so they are
    worked out once per combination (``_KEYS``), and no Token object is made."""
    from spacy.attrs import IS_SPACE, LEMMA, LOWER, ORTH, POS, TAG
    from spacy.strings import hash_string  # type: ignore[attr-defined]  # not in the stubs
    from spacy.symbols import NOUN, PROPN

    if not len(doc):
        return _Tokens(doc, []), []
    strings = doc.vocab.strings
    plural_tags = {hash_string("NNS"), hash_string("NNPS")}
    positions, keys = [], []
    for i, row in enumerate(doc.to_array([LOWER, LEMMA, TAG, POS, IS_SPACE, ORTH]).tolist()):
        lower, lemma, tag, pos, space, orth = row
        if space:
            continue
        # only a proper noun's keys depend on where it stands, and on its case: whether it may be a
        # plural the tagger took for a name (written in lower case, or opening its sentence)
        opens = pos == PROPN and (orth == lower or _opens(doc, i))
        found = _KEYS.get((lower, lemma, tag, pos, opens))
        if found is None:  # as _keys(token, True) does it
            lower_, lemma_ = strings[lower], strings[lemma]
            words = {lower_}
            if lemma_:
                words.add(lemma_.lower())
                if _plural_like(
                    tag in plural_tags,
                    "NOUN" if pos == NOUN else "PROPN" if pos == PROPN else "",
                    lambda flag=opens: flag,
                ):
                    if len(lower_) > 3:
                        words |= singulars(lower_)
            found = _KEYS[(lower, lemma, tag, pos, opens)] = frozenset(words)
        positions.append(i)
        keys.append(found)
    return _Tokens(doc, positions), keys


# (LOWER, LEMMA, TAG, POS) ids and whether a proper noun opens its sentence -> a token's lemma-mode
# keys; string ids are hashes, the same in every pipeline, and the distinct combinations are few
_KEYS: dict[tuple[int, int, int, int, bool], frozenset[str]] = {}


def lower_tokens(doc) -> tuple[list[int], list[int]]:
    """Positions of ``doc``'s non-space tokens and the string ids of their lower-case texts, read
    from the Doc's arrays (no Token objects, no strings, no container per token); cached."""
    found = doc.user_data.get("rolelint.phrase-lower")
    if found is None:
        if not len(doc):
            found = ([], [])
        else:
            from spacy.attrs import IS_SPACE, LOWER

            array = doc.to_array([LOWER, IS_SPACE])
            lowers, spaces = array[:, 0].tolist(), array[:, 1].tolist()
            if any(spaces):
                positions = [i for i, space in enumerate(spaces) if not space]
                found = (positions, [lowers[i] for i in positions])
            else:
                found = (list(range(len(lowers))), lowers)
        doc.user_data["rolelint.phrase-lower"] = found
    return found


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


def find_ids(ids: list[int], index):
    """``find`` for one key per token (``lower`` mode, on string ids): the same matches."""
    position, length = 0, len(ids)
    while position < length:
        for words, entry in index.get(ids[position], ()):
            end = position + len(words)
            if end <= length and (len(words) == 1 or tuple(ids[position:end]) == words):
                yield position, end, entry
                position = end
                break
        else:
            position += 1


def _lower_index(compiled: CompiledPhrases, nlp):
    """For ``lower`` mode: the ids of the phrases' first words, and the phrase and exception indexes
    (see ``_build_index``) keyed by string ids, so that a span is matched on its tokens' ids
    (``lexical_ids``, then ``lower_tokens``) without reading a string; cached."""
    key = nlp
    if key not in compiled._first:
        from spacy.strings import hash_string  # type: ignore[attr-defined]  # not in the stubs

        def by_id(table):
            return {
                hash_string(first): [(tuple(map(hash_string, words)), entry) for words, entry in candidates]
                for first, candidates in table.items()
            }

        index, exceptions = _build_index(compiled, nlp)
        by_first = by_id(index)
        compiled._first[key] = (frozenset(by_first), by_first, by_id(exceptions))
    return compiled._first[key]


def run(rule, compiled: CompiledPhrases, target, options, nlp):
    """Findings of a phrase rule. ``lower`` mode reads only string ids from the Docs' arrays: first
    whether a span holds a phrase's first word at all, then, where it does, its tokens."""
    if nlp is None:  # no span in scope needed the pipeline
        return
    allowed = {str(a).lower() for a in options.get("allow", ()) or ()}
    sections: set = set()  # the sections reported in, for one_per_section
    if compiled.lemma:
        index, exception_index = _build_index(compiled, nlp)
        for item in target.spans:
            if item.doc is None:
                continue
            tokens, keys, every_key = token_keys(item.doc, True)
            if every_key.isdisjoint(index):
                continue
            blocked = (
                [(a, b) for a, b, _ in find(keys, exception_index)] if not every_key.isdisjoint(exception_index) else []
            )
            yield from _findings(
                rule, compiled, item, tokens, find(keys, index), blocked, allowed, sections, target.document
            )
        return
    first_ids, index, exception_index = _lower_index(compiled, nlp)
    for item in target.spans:
        if item.doc is None or first_ids.isdisjoint(lexical_ids(item.doc)):
            continue  # none of the phrases' first words (most spans)
        positions, ids = lower_tokens(item.doc)
        if first_ids.isdisjoint(ids):
            continue  # a first word was only some token's norm
        blocked = [(a, b) for a, b, _ in find_ids(ids, exception_index)] if exception_index else []
        matches = find_ids(ids, index)
        spans = _Tokens(item.doc, positions)
        yield from _findings(rule, compiled, item, spans, matches, blocked, allowed, sections, target.document)


NEGATIONS = frozenset({"not", "no", "never", "n't", "without", "nor"})
NEGATION_REACH = 8  # tokens before a match that a negation may stand in
# "not all ping pong and free beer", "not just a pool table": a negated quantifier says the thing is
# there, among others, so it negates nothing
QUANTIFIERS = frozenset({"all", "just", "only", "always", "merely", "simply"})


def _sentence_of(item, index: int) -> tuple[int, int]:
    for start, end in sentence_bounds(item):
        if start <= index < end:
            return start, end
    return 0, len(item.doc)


def _negates(token) -> bool:
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return following is None or following.lower_ not in QUANTIFIERS


def _negated(item, index: int) -> bool:
    """Whether a negation denies token ``index``: one stands in the few tokens before it in its
    sentence ("not looking for a rockstar"), or, by the dependency parse, one is attached to a word
    it hangs from, up to the verb of its clause ("it may not have the usual standards of a table
    tennis table"; not "a guru ..., you will have ... if you don't know").
    A negated quantifier ("not all", "not just") denies nothing."""
    doc = item.doc
    start, end = _sentence_of(item, index)
    if any(t.lower_ in NEGATIONS and _negates(t) for t in doc[max(start, index - NEGATION_REACH) : index]):
        return True
    if not doc.has_annotation("DEP"):
        return False
    for head in doc[index].ancestors:  # up to the verb of its own clause, not the clauses around it
        if not start <= head.i < end:
            break
        if any(child.dep_ == "neg" and _negates(child) for child in head.children):
            return True
        if head.pos_ in ("VERB", "AUX"):
            break
    return False


def _beside(compiled: CompiledPhrases, item, index: int) -> bool:
    """Whether the sentence of token ``index`` holds one of ``skip_beside``."""
    start, end = _sentence_of(item, index)
    return any(_keys(t, True) & compiled.skip_beside for t in item.doc[start:end])


def _in_name(doc, first: int, last: int) -> bool:
    """Whether tokens ``first``..``last`` are proper nouns inside a name of several words, by the
    tagger: "Black Girls Code" names an organisation, not the advert's wording to change; "the
    Chairman of the Board" is one proper noun alone and still counts."""
    if any(doc[i].pos_ != "PROPN" for i in range(first, last + 1)):
        return False
    before = doc[first - 1] if first > 0 else None
    after = doc[last + 1] if last + 1 < len(doc) else None
    return any(t is not None and t.pos_ == "PROPN" for t in (before, after))


# the endings of English agent nouns: a person who does something (developer, editor, analyst,
# technician, assistant, engineer, student)
AGENT_NOUN = re.compile(r"(?:er|or|ist|ian|ant|eer|ent)s?$")
# the endings of English adjectives: a listed word with one ("heroic") is an adjective by its form,
# whatever it describes
ADJECTIVE = re.compile(r"(?:ic|ous|al|ful|ive|ish)$")


def _describes_a_thing(token) -> bool:
    """Whether ``token``, a listed noun, is read by the tagger as an adjective of a noun that does
    not name a person by an agent noun's ending: "unicorn tech startups" describes companies (a
    startup valued at a billion), "a ninja developer" still describes a person, and a listed word
    that is an adjective by its ending ("our heroic team") is what it says. The noun is the
    parse's head when the Doc is parsed, else the next noun."""
    if token.pos_ != "ADJ" or ADJECTIVE.search(token.lower_):
        return False
    doc = token.doc
    if doc.has_annotation("DEP"):
        noun = token.head if token.dep_ == "amod" else None
    else:
        noun = next((t for t in doc[token.i + 1 : token.i + 4] if t.pos_ in ("NOUN", "PROPN")), None)
    return noun is not None and noun.pos_ in ("NOUN", "PROPN") and not AGENT_NOUN.search(noun.lower_)


def _titled(document, disciplines: tuple[str, ...]) -> bool:
    """Whether a word of the advert's title (front matter ``title``, else its first heading) starts
    with one of ``disciplines``: "ideation" is a stage of the design process to a designer."""
    from rolelint.checks.named.experience_for_level import advert_title

    if document is None:
        return False
    words = re.findall(r"[a-z]+", advert_title(document).lower())
    return any(word.startswith(discipline) for word in words for discipline in disciplines)


# front-matter keys that name the employer: rolelint's `organisation` (JSON-LD's hiringOrganization
# is read into it), and a site's own spellings of it
_ORGANISATION_KEY = re.compile(r"(?:hiring_?)?(?:organi[sz]ation|company|employer|org)(?:_?name)?", re.IGNORECASE)


# A web domain written as a name in the advert's prose ("HEROIC Cybersecurity (HEROIC.com)",
# "jobs@acme.io"), not a link to another site's page (not after "/" or ".", not followed by a path)
_OWN_DOMAIN = re.compile(
    r"(?<![\w./-])(?:www\.)?([A-Za-z][A-Za-z0-9-]*[A-Za-z0-9])\.(?:com|io|org|net|co|ai|dev|app|tech)\b(?![./-]\w)"
)


@lru_cache(maxsize=64)
def _domain_names(text: str) -> tuple[str, ...]:
    """The names of the web domains ``text`` writes as names (``_OWN_DOMAIN``): "HEROIC" for "HEROIC.com"."""
    return tuple(dict.fromkeys(found.group(1) for found in _OWN_DOMAIN.finditer(text)))


def own_names(document) -> tuple[str, ...]:
    """The advert's own organisation's names, from its front matter or JSON-LD (``organisation``,
    a site's ``organization``, ``company``, ``employer`` …, or a ``name`` inside one), and the names
    of the web domains its text writes as names (an advert names its employer by its site: "HEROIC
    Cybersecurity (HEROIC.com)")."""
    if document is None:
        return ()
    names = list(_domain_names(document.source.text))
    for data in (document.data, document.site_data):
        if not isinstance(data, dict):
            continue
        for key, value in data.items():
            if not _ORGANISATION_KEY.fullmatch(str(key)):
                continue
            if isinstance(value, dict):
                value = value.get("name")
            if isinstance(value, str) and len(value.strip()) > 1:
                names.append(value.strip())
    return tuple(names)


def _in_own_name(names: tuple[str, ...], text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` lies inside one of ``names`` as written in ``text`` (any case,
    any spacing): "Be a Hero" in "About Be a Hero", when the advert's organisation is "Be A Hero"."""
    for name in names:
        words = name.split()
        pattern = r"(?<!\w)" + r"\s+".join(re.escape(word) for word in words) + r"(?!\w)"
        for hit in re.finditer(pattern, text, re.IGNORECASE):
            if hit.start() <= start and end <= hit.end():
                return True
    return False


def _findings(rule, compiled: CompiledPhrases, item, tokens, matches, blocked, allowed, sections: set, document=None):
    """Findings for ``matches`` ((first, end, entry) over ``tokens``) not blocked by exceptions;
    ``sections`` holds the sections of the document already reported in (``one_per_section``)."""
    reported: set[tuple[int, int]] = set()
    names = own_names(document) if compiled.skip_own_name else ()
    for first, end, entry in matches:
        if entry.phrase.lower() in allowed:
            continue
        if any(a < end and first < b for a, b in blocked):
            continue
        if compiled.pos and end - first == 1 and tokens[first].pos_ not in compiled.pos:
            continue
        if entry.context_only and not _in_context(compiled, item, tokens[first]):
            continue
        if entry.unless_title and _titled(document, entry.unless_title):
            continue
        if compiled.skip_negated and _negated(item, tokens[first].i):
            continue
        if compiled.skip_beside and _beside(compiled, item, tokens[first].i):
            continue
        if compiled.skip_names and _in_name(item.doc, tokens[first].i, tokens[end - 1].i):
            continue
        if compiled.skip_things and end - first == 1 and _describes_a_thing(tokens[first]):
            continue
        if names and _in_own_name(names, item.text, tokens[first].idx, tokens[end - 1].idx + len(tokens[end - 1].text)):
            continue
        if compiled.one_per_section:
            section = (item.span.section, item.span.heading)
            if section in sections:
                continue
            sections.add(section)
        if compiled.one_per_sentence:
            sentence = _sentence_of(item, tokens[first].i)
            if sentence in reported:
                continue
            reported.add(sentence)
        start_char = tokens[first].idx
        end_char = tokens[end - 1].idx + len(tokens[end - 1].text)
        yield span_finding(rule, item, start_char, end_char, replacement=entry.replacement, fixable=entry.fixable)


def _in_context(compiled: CompiledPhrases, item, token) -> bool:
    if item.span.section in compiled.context_sections:
        return True
    if not compiled.context_words:
        return False
    for sentence in sentences(item):
        if sentence.start <= token.i < sentence.end:
            return any(_keys(t, True) & compiled.context_words for t in sentence)
    return False
