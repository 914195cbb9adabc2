"""RL131's check: typing slips a reader trips over: a word written twice in a row ("for for"), and a
lower-case word that is no English word by spaCy's tables (rolelint.nlp.english) and no technology's
name ("hyrbid", "achitecture", "productsand").

It reads the spans' tokens only (no tagging); where a capitalised word's reading asks whether the
next word is a verb, the lemmatizer's tables tell. Each distinct word is judged once for a pipeline
and the rule's settings (its options and the technology names of its rule set), by its id: the
verdicts are kept with the pipeline's state, so Linters of other rule sets keep their own."""

from __future__ import annotations

import re
import string
import weakref
from itertools import islice
from operator import eq

from rolelint.checks import lexical_ids, span_finding
from rolelint.checks.named.model import NamedCheck
from rolelint.nlp.english import MAX_REMEMBERED, Composition, composition, english, with_component
from rolelint.nlp.pipeline import ModelNotFound
from rolelint.nlp.state import state_of
from rolelint.slips import one_letter_from

# The technology names (RL126's ``names`` and ``variants``) of the rule set each RL131 rule was
# prepared with; a rule loaded by another Linter is another key. None: rolelint's own RL126.
Technology = tuple[tuple[str, ...], tuple[tuple[str, tuple[str, ...]], ...]]
_TECHNOLOGY_OF: weakref.WeakKeyDictionary[object, Technology | None] = weakref.WeakKeyDictionary()


def prepare(rules, nlp) -> None:
    """Note, for the rule set's RL131 rules, the technology names of its ``technology_names`` rules
    (RL126's, and a pack's), whether or not they run; they are read when a word is first judged.
    With an RL131 rule, the pipeline's English words and word classes are made now."""
    specs = [rule.spec for rule in rules if rule.spec.get("name") == "technology_names"]
    technology = _technology_key(*specs) if specs else None
    typos = [rule for rule in rules if rule.spec.get("name") == "typos"]
    for rule in typos:
        _TECHNOLOGY_OF[rule] = technology
    if typos and "lemmatizer" in getattr(nlp, "component_names", ()):
        # the pipeline's English words and word classes depend on it alone: made here, a --jobs
        # parent's workers share them rather than each reading the tables for its first word
        composition(nlp)
        _word_classes(nlp)


def _technology_key(*specs: dict) -> Technology:
    names = tuple(name for spec in specs for name in spec.get("names") or ())
    variants = tuple((name, tuple(others)) for spec in specs for name, others in (spec.get("variants") or {}).items())
    return names, variants


def _technology_words(technology: Technology | None) -> frozenset[str]:
    """The lower-case keys of the technology names RL126 knows ("kubernetes", "nodejs", "github"),
    and of their one-letter slips, which are RL126's to report."""
    from rolelint.checks.named.technology_names import Names

    names = Names.of(*(technology or _technology_key(_builtin_technology_spec())))
    return names.word_keys | frozenset(form.lower() for forms in names.accepted.values() for form in forms)


def _builtin_technology_spec() -> dict:
    """RL126's ``check`` mapping from rolelint's own rule file, when no rule of the run has one."""
    from rolelint.resources import shipped_rule_check

    return shipped_rule_check("RL126")


# ---- a word written twice -------------------------------------------------------------------------

# Between the two words in the file: spaces, tabs and emphasis markers only (not a line break, a list
# item's start or an HTML tag).
_SAME_LINE_GAP = re.compile(r"[ \t*_]+")


def _doubled(item, doc, ids, allowed: frozenset[str], source: str):
    """(start, end, the words written once) in ``item.text`` of each word repeated by the next ("for
    for", "We're are": a contraction's norm is its full form). ``ids``: the Doc's array of ORTH,
    LOWER, NORM and IS_ALPHA, whose columns find the pairs without a Token object for each word."""
    lowers, norms = ids[:, 1], ids[:, 2]
    pairs = (lowers[1:] == lowers[:-1]) | (lowers[1:] == norms[:-1])
    for i in pairs.nonzero()[0].tolist():
        first, second = doc[i], doc[i + 1]
        if not first.whitespace_ or not second.is_alpha:
            continue
        contracted = first.lower_.replace("’", "'")
        if first.lower_ != second.lower_ and "'" not in contracted:
            continue  # the same norm, not the same word: only a contraction's is its full form
        if contracted == "n't":
            continue  # "can't not love", "won't not": a double negative, written on purpose
        if second.lower_ in allowed or (first.is_alpha and first.lower_ in allowed):
            continue
        if second.text[:1].isupper():
            continue  # a name ("Walla Walla"), or a heading's words echoed by the next line's

        start, end = first.idx, second.idx + len(second.text)
        gap_start = item.file_range(first.idx, first.idx + len(first.text))[1]
        gap_end = item.file_range(second.idx, second.idx + 1)[0]
        if not _SAME_LINE_GAP.fullmatch(source[gap_start:gap_end]):
            continue
        once = second.text
        if first.i > 0 and not first.is_alpha and doc[first.i - 1].whitespace_ == "":
            start = doc[first.i - 1].idx  # "We're are": from the start of "We're"
            once = f"{doc[first.i - 1].text} {second.text}"
        yield start, end, once


# ---- a word that is no English word ---------------------------------------------------------------

_LETTERS = string.ascii_lowercase
_VOWELS = frozenset("aeiouy")
# Attached to a word (no space between), these make it part of something that is not prose: a path,
# a handle, a tag, an identifier, markup.
_NOT_PROSE = frozenset("/\\@#_=<>{}[]`~|+*^$%&")
# Function words that English never joins to another word in one: typed together with one, they are
# two words run together ("productsand", "oftechnologies", "beidentifying").
_SPLIT_WORDS = frozenset(
    "and the of to for with that this from your our are was were will you they their them then than "
    "have has had not but also into be is as at by an we or it if".split()
)

# Joined to a pronoun, a word of its own ("themself", "ourselves"), not two run together.
_SELF = frozenset({"self", "selves"})

# Neighbouring keys on a QWERTY keyboard: a letter changed for another is a typing slip only when
# the finger could have hit it instead.
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_NEAR: dict[str, str] = {}
for _row_number, _row in enumerate(_ROWS):
    for _column, _key in enumerate(_row):
        _NEAR[_key] = "".join(
            _ROWS[other][at]
            for other in (_row_number - 1, _row_number, _row_number + 1)
            if 0 <= other < len(_ROWS)
            for at in (_column - 1, _column, _column + 1)
            if 0 <= at < len(_ROWS[other]) and (other, at) != (_row_number, _column)
        )


def _slip_kind(word: str, candidate: str) -> int | None:
    """How ``candidate`` (one letter from ``word``) was slipped into ``word``, as a rank: 0 two
    neighbours swapped, 1 a letter left out, 2 a letter added, 3 a key next to the right one hit;
    None for any other letter changed."""
    if len(candidate) == len(word):
        if sorted(candidate) == sorted(word):
            return 0
        at = next(i for i, (a, b) in enumerate(zip(word, candidate)) if a != b)
        return 3 if word[at] in _NEAR.get(candidate[at], "") else None
    return 1 if len(candidate) > len(word) else 2


def _slip_of(word: str, english_words: frozenset[str]) -> list[str]:
    """English words one letter from ``word`` (keeping its first letter) by a typing slip (see
    ``_slip_kind``), likeliest first."""
    ranked = []
    for candidate in one_letter_from(word, _LETTERS) & english_words:
        kind = _slip_kind(word, candidate)
        if kind is not None:
            ranked.append((kind, candidate))
    return [candidate for _, candidate in sorted(ranked)]


def _run_together(word: str, is_english) -> str | None:
    """Two words typed without the space between them, one of them a function word English never
    joins to another ("productsand" -> "products and", "oftechnologies" -> "of technologies"), the
    other of four letters or more, or None. Not a pronoun and "self" ("themself", "ourselves")."""
    for cut in range(2, len(word) - 1):
        left, right = word[:cut], word[cut:]
        if right in _SELF:
            continue
        if (left in _SPLIT_WORDS and len(right) >= 4 and is_english(right)) or (
            right in _SPLIT_WORDS and len(left) >= 4 and is_english(left)
        ):
            return f"{left} {right}"
    return None


def _truncated(word: str, composed: Composition) -> str | None:
    """The shortest English word that ``word`` (eight letters or more) begins, two letters or more
    longer ("manageme" -> "management"): a word cut short. (Shorter ones are clippings: "admin".)"""
    if len(word) < 8:
        return None
    found = [longer for longer in composed.longer_words(word) if len(longer) >= len(word) + 2 and longer.isalpha()]
    return min(found, key=lambda w: (len(w), w)) if found else None


class _Judge:
    """The verdicts on words for one pipeline and one rule's settings: ``verdict(word)`` is None when
    the word is English (or not checked), else the words it likely slipped from, "" when they cannot
    be told. ``verdicts`` holds them by the word's id, ``flagged`` the ids of those not None."""

    def __init__(self, nlp, technology: Technology | None, shortest: int, allowed: frozenset[str]):
        self.english = english(nlp)
        self.classes = _word_classes(nlp)
        self.composition = composition(nlp)
        self.technology = technology
        self.shortest = shortest
        self.allowed = allowed
        self.verdicts: dict[int, object] = {}
        self.flagged: set[int] = set()
        self._technology_words: frozenset[str] | None = None

    @property
    def technology_words(self) -> frozenset[str]:
        if self._technology_words is None:
            self._technology_words = _technology_words(self.technology)
        return self._technology_words

    def forget_when_full(self) -> None:
        """Start again past ``MAX_REMEMBERED`` words (called between documents, never inside one)."""
        if len(self.verdicts) >= MAX_REMEMBERED:
            self.verdicts.clear()
            self.flagged.clear()

    def judge(self, word_ids, strings) -> None:
        """Give each of ``word_ids`` that has none its verdict."""
        for word_id in word_ids:
            found = self.verdict(strings[word_id])
            self.verdicts[word_id] = False if found is None else found
            if found is not None:
                self.flagged.add(word_id)

    def verdict(self, word: str) -> str | None:
        """A word that is no English word is reported only when what it slipped from can be told:
        two words run together, a word one letter off, or a word cut short."""
        if not word.isalpha() or len(word) < self.shortest:
            return None
        is_english = self.english
        if not word.isascii():  # another language's word ("Publiée"), unless English ("café")
            return None if is_english(word.lower()) else _FOREIGN
        if not word.islower():
            return None
        if not _VOWELS.intersection(word):
            return None  # an abbreviation: "mgmt", "hrs"
        if word in self.allowed or is_english(word) or word in self.technology_words:
            return None
        together = _run_together(word, is_english)
        if together is not None:
            return together
        composed = self.composition
        if composed is None or composed(word):
            return None
        slips = _slip_of(word, composed.english.known.words)
        if slips:
            return "' or '".join(slips[:3])
        return _truncated(word, composed) or ""


# The endings of a verb's regular third-person and past forms, and of a noun's plural, and what the
# word ends with instead.
_VERB_ENDINGS = (("s", ""), ("es", ""), ("ies", "y"), ("ed", ""), ("ed", "e"), ("d", ""))
_PLURAL_ENDINGS = (("s", ""), ("es", ""), ("ies", "y"))


class _WordClasses:
    """Whether a lower-case word is a verb's third-person or past form ("leads", "acquired", "led"),
    or a noun or its plural ("mark", "operations"), by the lemmatizer's verb and noun indexes and its
    irregular verb forms."""

    def __init__(self, verbs: frozenset[str], irregular: frozenset[str], nouns: frozenset[str]):
        self.verbs = verbs
        self.irregular = irregular
        self.nouns = nouns

    def a_verb_form(self, word: str) -> bool:
        return word in self.irregular or _ends_as(word, self.verbs, _VERB_ENDINGS)

    def a_noun(self, word: str) -> bool:
        return word in self.nouns or _ends_as(word, self.nouns, _PLURAL_ENDINGS)


def _ends_as(word: str, bases: frozenset[str], endings) -> bool:
    return any(
        word.endswith(ending) and len(word) > len(ending) + 1 and word[: -len(ending)] + base in bases
        for ending, base in endings
    )


_NO_CLASSES = _WordClasses(frozenset(), frozenset(), frozenset())


def _word_classes(nlp) -> _WordClasses:
    """The verb and noun tables of ``nlp``'s lemmatizer, or of a pipeline loaded for them, read once
    per pipeline; empty with no model installed (no word is then taken for a verb or a noun)."""
    try:
        lemmas = with_component(nlp, "lemmatizer")
    except ModelNotFound:
        return _NO_CLASSES
    return state_of(lemmas).lasting(("word classes",), lambda: _read_word_classes(lemmas))


def _read_word_classes(nlp) -> _WordClasses:
    lookups = nlp.get_pipe("lemmatizer").lookups
    try:
        index, exceptions = lookups.get_table("lemma_index"), lookups.get_table("lemma_exc")
        verbs, nouns = frozenset(index["verb"]), frozenset(index["noun"])
        irregular = frozenset(
            form for form, bases in exceptions["verb"].items() if form not in bases and not form.endswith("ing")
        )
    except (KeyError, ValueError):
        return _NO_CLASSES
    return _WordClasses(verbs, irregular, nouns)


def _attached(doc, i: int) -> bool:
    """Token ``i`` is glued (no space between) to something that is not prose: a path, a handle, a
    tag, an identifier, an abbreviation's dot followed by more text ("approx. 20")."""
    if i > 0 and not doc[i - 1].whitespace_:
        before = doc[i - 1].text
        if _NOT_PROSE.intersection(before) or any(c.isdigit() for c in before) or before in ("'", "’", "."):
            return True
    if i + 1 < len(doc) and not doc[i].whitespace_:
        after = doc[i + 1].text
        if _NOT_PROSE.intersection(after) or any(c.isdigit() for c in after):
            return True
        if after == "." and i + 2 < len(doc) and not doc[i + 2].is_sent_start and doc[i + 2].text[:1].islower():
            return True
        if after == "-" and i + 2 < len(doc) and not doc[i + 1].whitespace_:
            return True  # the first part of a compound ("socio-economic"), often a prefix
        if after[:1] in ("'", "’") and after.lower() not in ("'s", "’s", "'", "’"):
            return True  # "rock'n'roll", "y'know"
    return False


def typos(rule, target, options, nlp):
    """Words written twice in a row, and lower-case words that are no English word, name or term the
    rule allows (see the rule's docs)."""
    from spacy.attrs import IS_ALPHA, LOWER, NORM, ORTH

    if nlp is None:
        return  # no span of the run was tokenized (none in scope held prose)
    shortest = int(options.get("min_length", 4))
    allowed = frozenset(str(word).lower() for word in (*options.get("allow", ()), *options.get("file_formats", ())))
    doubles = frozenset(str(word).lower() for word in options.get("doubled", ()))
    degrees = frozenset(str(word) for word in options.get("degrees", ()))
    technology = _TECHNOLOGY_OF.get(rule)
    judge: _Judge = state_of(nlp).memo(
        ("typos", technology, shortest, allowed), lambda: _Judge(nlp, technology, shortest, allowed)
    )
    judge.forget_when_full()
    verdicts, flagged = judge.verdicts, judge.flagged
    source = target.document.source.text
    names: _Names | None = None
    for item in target.spans:
        doc = item.doc
        if doc is None or len(doc) < 2:
            continue
        ids = None
        if _may_double(item.text):
            ids = doc.to_array([ORTH, LOWER, NORM, IS_ALPHA])
            for start, end, once in _doubled(item, doc, ids, doubles, source):
                values = {"problem": f"'{item.text[start:end]}' repeats a word", "advice": f"Write '{once}'"}
                yield span_finding(rule, item, start, end, values=values)
        if _SHIFTED.search(item.text):
            if names is None:
                names = _Names(source)
            for start, end, meant in _shift_slips(item, doc, judge, names, degrees):
                values = {
                    "problem": f"'{item.text[start:end]}' has two capitals: a typing slip?",
                    "advice": f"Did you mean '{meant}'?",
                }
                yield span_finding(rule, item, start, end, values=values)
        # each distinct lower-case word (and norm) of the span, judged once for the pipeline and settings
        lexical = lexical_ids(doc)
        unseen = lexical.difference(verdicts)
        if unseen:
            judge.judge(unseen, doc.vocab.strings)
        if lexical.isdisjoint(flagged):
            continue
        if ids is None:
            ids = doc.to_array([ORTH, LOWER, NORM, IS_ALPHA])
        reading = _CapitalReading(doc, judge, shortest)
        unknown = [
            (i, verdicts[lower])
            for i, (orth, lower) in enumerate(ids[:, :2].tolist())
            if lower in flagged and (orth == lower or verdicts[lower] is _FOREIGN or reading.a_slip(i, verdicts[lower]))
        ]
        words = int(ids[:, 3].sum())
        found = [(i, v) for i, v in unknown if not _attached(doc, i) and not _in_code_or_address(item.text, doc[i].idx)]
        written_small = [(i, v) for i, v in found if v is _FOREIGN or doc[i].text.islower()]
        if len(written_small) >= 2 and len(written_small) * _FOREIGN_SHARE >= words:
            continue  # a passage in another language, or a list of names: not slips
        if len(found) >= 2 and len(found) * _FOREIGN_SHARE >= words:
            found = written_small  # as many again with a capital: names, more likely than slips
        for i, verdict in found:
            token = doc[i]
            # capitalised as it opens a sentence, an item or a cell, or as a word of a title-case phrase
            capitalised = not token.text.islower()
            split = None if capitalised else _split_from(doc, i, judge.english)
            if not (verdict.strip() or split) or words < 2:
                continue
            if names is None:
                names = _Names(source)
            if names.a_name(token.text) or _listed_with_names(doc, i, judge):
                continue
            if capitalised and names.letters_again(token.text):
                continue  # its letters elsewhere too, in a link or a compound ("[Apdex and ...](...#apdex-and")
            start = doc[i - 1].idx if split else token.idx
            meant = split or verdict
            if capitalised:
                meant = "' or '".join(word[:1].upper() + word[1:] for word in meant.split("' or '"))
            values = {
                "problem": f"'{item.text[start : token.idx + len(token.text)]}' is not an English word: a typing slip?",
                "advice": f"Did you mean '{meant}'?",
            }
            yield span_finding(rule, item, start, token.idx + len(token.text), values=values)


_CONTRACTED = re.compile(r"(?i)['’](?:re|s|ll|ve|m|d) (?:are|is|has|will|have|am|would|had)\b")
_PUNCTUATION_AS_SPACE = str.maketrans({c: " " for c in string.punctuation + "“”‘’…–—"})


def _may_double(text: str) -> bool:
    """Whether a word of ``text`` may stand twice: the same word after a space, or a contraction
    before the verb it holds ("We're are"). Spans without one are not read token by token for doubled
    words; this test costs a split and a comparison made in C, not a regex."""
    words = text.lower().translate(_PUNCTUATION_AS_SPACE).split()
    if any(map(eq, words, islice(words, 1, None))):
        return True
    return ("'" in text or "’" in text) and _CONTRACTED.search(text) is not None


# The verdict on a word of another alphabet's letters: not reported, but counted as not English.
_FOREIGN = " "
# A span one word in this many of which is no English word (two at least) is taken for a passage in
# another language (too short for the language detector: "Voir moins") or a list of names.
_FOREIGN_SHARE = 10
_CHUNK_MARKS = re.compile(r"[/\\@_=<>{}\[\]`|~^$%&]|://|\.[a-z]")


def _in_code_or_address(text: str, at: int) -> bool:
    """The word at ``text[at:]`` is part of a run of non-space characters that reads as a path, an
    address, a handle or code ("mailto:jobs@", "github.com/x", "snake_case")."""
    begin = text.rfind(" ", 0, at) + 1
    stop = text.find(" ", at)
    chunk = text[begin : stop if stop >= 0 else len(text)].rstrip(".,;:!?)\"'’”")
    return _CHUNK_MARKS.search(chunk) is not None


class _Names:
    """Whether a document writes a word again in other words, or with a capital ("Twilio"): a name,
    or a term its writer uses on purpose (``a_name``). A slip is made once (a title repeated as a
    heading repeats it). The source is indexed once, when the first word is asked about
    (``_WordIndex``), so that a document full of slips is read in linear time."""

    def __init__(self, source: str):
        self.source = source
        self.named: dict[str, bool] = {}  # a slip repeated through the document is answered once
        self.index: _WordIndex | None = None
        self.lowered: str | None = None

    def letters_again(self, word: str) -> bool:
        """``word``'s letters stand more than once in the document, in any case, within other words
        too (a link's address, a compound)."""
        if self.lowered is None:
            self.lowered = self.source.lower()
        lowered, lower = self.lowered, word.lower()
        first = lowered.find(lower)
        return first >= 0 and lowered.find(lower, first + 1) >= 0

    def written_again(self, word: str) -> bool:
        """``word`` is written, as it is, more than once in the document."""
        return self._index().times_written(word) > 1

    def written_otherwise(self, word: str) -> bool:
        """The document writes ``word``'s letters with other capitals too ("linkedin.com" for "LInkedIn")."""
        return self._index().written_otherwise(word)

    def _index(self) -> _WordIndex:
        if self.index is None:
            self.index = _WordIndex(self.source)
        return self.index

    def a_name(self, word: str) -> bool:
        found = self.named.get(word)
        if found is None:
            if self.index is None:
                self.index = _WordIndex(self.source)
            found = self.named[word] = self.index.a_name(word)
        return found


_NOT_A_TO_Z = re.compile(r"[^a-z]")


def _context(source: str, start: int, end: int) -> str:
    """The letters around ``source[start:end]``, lower-cased: the same in a title and its heading."""
    return _NOT_A_TO_Z.sub("", source[max(0, start - 12) : end + 12].lower())


# A word as ``_WordIndex`` reads the source: a run of word characters and hyphens ("hyrbid", "e-mail").
_WORD_RUN = re.compile(r"[\w-]+")


class _WordIndex:
    """The words of a document's source, indexed in one pass: ``a_name`` tells whether a word is
    written with a capital anywhere, or in more than one context, in time proportional to the word's
    uses rather than to the source."""

    def __init__(self, source: str):
        self.source = source
        self.written: set[str] = set()  # each word as written
        self.starts: dict[str, list[int]] = {}  # each word, lower-cased -> where it is written
        for m in _WORD_RUN.finditer(source):
            word = m.group()
            self.written.add(word)
            self.starts.setdefault(word.lower(), []).append(m.start())

    def a_name(self, word: str) -> bool:
        if word.islower() and word[0].upper() + word[1:] in self.written:
            return True  # (a capitalised word is asked about where it opens a sentence: only its uses tell)
        contexts = set()
        for at in self.starts.get(word.lower(), ()):
            contexts.add(_context(self.source, at, at + len(word)))
            if len(contexts) > 1:
                return True
        return False

    def times_written(self, word: str) -> int:
        return sum(self.source.startswith(word, at) for at in self.starts.get(word.lower(), ()))

    def written_otherwise(self, word: str) -> bool:
        return any(not self.source.startswith(word, at) for at in self.starts.get(word.lower(), ()))


# Before a word, what makes it the first of a sentence, a list item or a table cell: the end of a
# sentence or a lead-in, a bullet, a cell's bar, or an item's number ("1", "2)", "a.").
_OPENED_BY = frozenset(".!?:;•·▪◦‣●○■□➢➤►→*-–—|>")


def _opens(doc, i: int) -> bool:
    """Token ``i`` is the first word of its span (a paragraph, list item, heading or cell), or of a
    sentence, list item or table cell inside it; read from the tokens, whatever else was annotated."""
    j = i - 1
    while j >= 0 and doc[j].is_space:
        j -= 1
    if j < 0:
        return True
    before = doc[j].text
    if before in _OPENED_BY or (before.isdigit() and len(before) <= 2):
        return True
    if before in (")", "."):  # "2)", "a." opening an item
        k = j - 1
        return k < 0 or (len(doc[k].text) <= 2 and doc[k].text.isalnum() and (k == 0 or doc[k - 1].is_space))
    return False


# A capitalised word this long reads as a word in a title-case phrase ("Appliction Form"); a shorter
# one is more often a name ("Geth or Parity", "Lucene (Solr)"), unless the sentence goes on in
# small letters.
_LONG_OPENING = 7

# Words that follow an organisation's or a place's name ("Forrester Research", "Havering Council"):
# the capitalised word before one is a name, not a word of a title-case phrase. Not the nouns of
# job titles too ("Solutions Architect", "Systems Engineer").
_ORGANISATION_NOUNS = frozenset(
    """
    Research Group Council University College School Institute Foundation Trust Society Partners
    Partner Labs Lab Ltd Limited Inc LLC LLP Plc PLC Corporation Company Holdings Ventures Associates
    Agency Studio Studios Bank Hospital Borough
    """.split()
)

# The auxiliaries and modals: after one, a capitalised word opening its sentence is its subject, which
# is more often a name than a slip ("Kiran will be your manager", "Gousto is one of our clients").
_AUXILIARIES = frozenset(
    "is was are were has have had will would can could shall should may might must does did".split()
)


class _CapitalReading:
    """Whether a capitalised word of one span is read as its lower-case form (see ``a_slip``). What it
    asks of the whole span (is it in title case?) is worked out once, when first needed."""

    def __init__(self, doc, judge: _Judge, shortest: int):
        self.doc = doc
        self.judge = judge
        self.shortest = shortest
        self._title_case: bool | None = None

    def a_slip(self, i: int, verdict) -> bool:
        """Token ``i`` is capitalised only because it opens a sentence, an item or a cell, or as a
        word of a title-case phrase, so its lower-case form's ``verdict`` stands; never a verdict of
        two words run together ("Bethan" is not "Be than")."""
        if " " in verdict.strip() and "'" not in verdict:
            return False  # two words ("be than"), not several words it may be ("Mare' or 'Mark")
        return _capitalised_to_open(self.doc, i, self.shortest, self.judge, verdict) or self._in_title_phrase(i)

    def title_case(self) -> bool:
        if self._title_case is None:
            self._title_case = all(token.text[:1].isupper() for token in self.doc if token.is_alpha)
        return self._title_case

    def _in_title_phrase(self, i: int) -> bool:
        """Token ``i`` (seven letters or more) is capitalised as a word of a title-case phrase: the
        word just after it is a capitalised English word ("Sofware Development"), or the word just
        before it is one that does not open the sentence, unless the whole span is in title case
        ("Project Porfolio"); not before an organisation's noun ("Forrester Research")."""
        doc, is_english = self.doc, self.judge.english
        text = doc[i].text
        if len(text) < _LONG_OPENING or not (text[:1].isupper() and text[1:].islower()):
            return False
        if _before_organisation_noun(doc, i):
            return False
        if i + 1 < len(doc) and doc[i].whitespace_ and _capitalised_english(doc[i + 1].text, is_english):
            return True
        if i == 0 or not doc[i - 1].whitespace_ or not _capitalised_english(doc[i - 1].text, is_english):
            return False
        return not _opens(doc, i - 1) or self.title_case()


def _before_organisation_noun(doc, i: int) -> bool:
    j = i + 1
    return j < len(doc) and doc[i].whitespace_ and doc[j].text in _ORGANISATION_NOUNS


def _verb_after(doc, j: int, judge: _Judge) -> bool:
    """Token ``j`` is an auxiliary or modal ("is", "will"), or a verb's form that agrees with a
    subject before it ("leads", "runs", "acquired", "led"), by the lemmatizer's verb tables."""
    word = doc[j].text
    if not (word.isalpha() and word.islower()):
        return False
    return word in _AUXILIARIES or judge.classes.a_verb_form(word)


def _may_be_a_noun(verdict: str, judge: _Judge) -> bool:
    """One of the words of ``verdict`` (the words a slip may be of) is a noun."""
    return any(judge.classes.a_noun(word) for word in verdict.split("' or '"))


def _capitalised_to_open(doc, i: int, shortest: int, judge: _Judge, verdict: str) -> bool:
    """Token ``i`` has a capital only because it opens a sentence, an item or a cell ("Apitude for
    leadership", "Techinical Design"), so its lower-case form is judged as any lower-case word's: a
    word longer than ``shortest``, followed by a word in small letters, or, if it is long, by a
    capitalised English word or a comma or colon. Not a word alone in its sentence ("Hurray!"),
    before a capitalised word that is no English word (a name: "Nabil Khatib") or an organisation's
    noun ("Forrester Research"), or, when a word it may have slipped from (``verdict``) is a noun, the
    subject of a verb just after it ("Marek leads", "Kiran will be"): a name, more often than a slip.
    An adverb's slip before a verb is read ("Startegically works")."""
    text = doc[i].text
    if len(text) <= shortest or not (text[:1].isupper() and text[1:].islower()) or not _opens(doc, i):
        return False
    j = i + 1
    while j < len(doc) and doc[j].is_space:
        j += 1
    if j == len(doc):
        return False
    after = doc[j].text
    if after.isalpha() and after.islower():
        return not (_verb_after(doc, j, judge) and _may_be_a_noun(verdict, judge))
    if len(text) < _LONG_OPENING or _before_organisation_noun(doc, i):
        return False
    return after in (",", ":") or (after.isalpha() and after[:1].isupper() and judge.english(after.lower()))


def _capitalised_english(word: str, is_english) -> bool:
    return word.isalpha() and word.istitle() and is_english(word.lower())


# A word of two capitals and then small letters ("LInkedIn", "PLease"): the shift key held too long.
_SHIFTED = re.compile(r"\b[A-Z]{2}[a-z]")
_SHIFTED_WORD = re.compile(r"\b[A-Z]{2}[a-z][A-Za-z]*\b")


def _shift_slips(item, doc, judge: _Judge, names: _Names, degrees: frozenset[str]):
    """(start, end, the word meant) in ``item.text`` of each word whose second capital is a slip of
    the shift key: the word with one capital is an English word ("PLease"), or the name written
    elsewhere in the document in other letters' case ("LInkedIn" beside linkedin.com). Only words
    longer than ``shortest`` ("SOps", "COps" are teams' short names), and not a form written more
    than once (a name's own style: "CTcue"), a technology's name (RL126's to judge), or a word of
    code, an address or a handle. Not a word the rule's ``allow`` holds, nor a degree
    or credential written so (``degrees``: "MArch", "MPhil")."""
    text = item.text
    for m in _SHIFTED_WORD.finditer(text):
        word = m.group()
        if len(word) <= judge.shortest or word in degrees or word.lower() in judge.technology_words:
            continue
        meant = word[0] + word[1].lower() + word[2:]
        if word.lower() in judge.allowed:
            continue
        capitals = sum(c.isupper() for c in word)
        plain = capitals == 2 and judge.english(meant.lower())
        if not plain and not (capitals > 2 and names.written_otherwise(word)):
            continue
        if names.written_again(word) or _in_code_or_address(text, m.start()):
            continue
        span = doc.char_span(m.start(), m.end())
        if span is None or len(span) != 1 or _attached(doc, span.start):
            continue
        yield m.start(), m.end(), meant


def _listed_with_names(doc, i: int, judge: _Judge) -> bool:
    """Token ``i`` is an item of a list (commas, slashes, "and", "or") beside a technology's name or a
    capitalised word ("Jira, git, selenium, appium, Jmeter"): a name of the same kind."""
    for step in (-1, 1):
        gap, other = i + step, i + 2 * step
        if not (0 <= other < len(doc)) or doc[gap].text not in (",", "/", "and", "or", "&"):
            continue
        neighbour = doc[other].text
        lower = neighbour.lower()
        if (
            lower.isalpha()
            and not judge.english(lower)
            and (lower in judge.technology_words or neighbour[:1].isupper())
        ):
            return True  # a name that is no English word ("selenium" is a name too: a technology's)
        if not lower.isalpha() and lower in judge.technology_words:
            return True
    return False


def _split_from(doc, i: int, is_english) -> str | None:
    """The word that token ``i`` and a stray letter before it make ("g enuine" -> "genuine"), or None."""
    if i == 0 or not doc[i - 1].whitespace_:
        return None
    before = doc[i - 1].text
    if len(before) != 1 or not before.isalpha() or before.lower() in ("a", "i"):
        return None
    joined = before.lower() + doc[i].text
    return joined if is_english(joined) else None


CHECK = NamedCheck("typos", run=typos, needs=frozenset({"tokens"}), prepare=prepare, reads_pipeline=True)
