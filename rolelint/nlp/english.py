"""Whether a lower-case word is English, by a spaCy pipeline's own tables: its lemmatizer's lemma
tables (WordNet's nouns, verbs, adjectives and adverbs, with their irregular forms), its tokenizer's
special cases and spaCy's English stop words. Used by RL127 (a word in capitals is not an acronym)
and RL131 (a lower-case word that is no English word is likely a typing slip).

The tables are those of the run's pipeline when it has a lemmatizer (a default run does), else
those of a pipeline loaded for them. The word sets are made on first use and kept with that
pipeline's state (rolelint.nlp.state), so every Linter using the pipeline shares them."""

from __future__ import annotations

from bisect import bisect_right
from typing import Callable, Iterator

from rolelint.nlp.pipeline import ModelNotFound, load_pipeline
from rolelint.nlp.state import state_of

# Words whose verdicts a test keeps at most: a long-lived process (rolelint serve, the editor
# server) reads ever new words; past this many it forgets them and starts again.
MAX_REMEMBERED = 100_000


def with_component(nlp, component: str):
    """``nlp`` when it has ``component`` ("lemmatizer", "ner"), else a pipeline loaded with it (which
    ``load_pipeline`` keeps for the process). ``nlp`` may be None: a run whose rules need no spaCy."""
    if nlp is not None and component in getattr(nlp, "component_names", ()):
        return nlp
    return load_pipeline({"lemma" if component == "lemmatizer" else "ner"})


_ENDINGS = (("s", ""), ("es", ""), ("ies", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("d", ""))


class Dictionary:
    """``known(word)``: a lower-case word is in the lemma index (``words``), in its plain form or with a
    regular ending ("applications", "contracting")."""

    def __init__(self, words: frozenset[str]):
        self.words = words

    def __call__(self, word: str) -> bool:
        return self.known(word)

    def known(self, word: str) -> bool:
        words = self.words
        if word in words:
            return True
        return any(
            word.endswith(ending) and len(word) > len(ending) + 2 and word[: -len(ending)] + base in words
            for ending, base in _ENDINGS
        )


def dictionary(nlp) -> Dictionary:
    """The words of the lemma index of ``nlp`` or of a pipeline loaded for it (see ``Dictionary``);
    empty when no model is installed."""
    try:
        lemmas = with_component(nlp, "lemmatizer")
    except ModelNotFound:
        return Dictionary(frozenset())
    return state_of(lemmas).lasting(("dictionary",), lambda: _words_of(lemmas))


class English:
    """Whether a lower-case word is English: known to ``known`` (the lemma index), one of the lemma exceptions'
    forms or lemmas ("went", "oxen"), a tokenizer special case ("etc", "vs"), a stop word, or a word
    whose lemma, by any of the lemmatizer's rules, is one of these ("prioritising")."""

    def __init__(self, nlp, known: Dictionary):
        from spacy.lang.en.stop_words import STOP_WORDS

        self.known = known
        extra: set[str] = set(STOP_WORDS)
        lookups = nlp.get_pipe("lemmatizer").lookups if "lemmatizer" in nlp.pipe_names else None
        if lookups is not None and lookups.has_table("lemma_exc"):
            exceptions = lookups.get_table("lemma_exc")
            for pos in exceptions.keys():
                for form, lemmas in exceptions[pos].items():
                    extra.add(form)
                    extra.update(lemmas)
        for special in getattr(nlp.tokenizer, "rules", None) or {}:
            extra.add(special.lower().strip(".'’"))
        if nlp.vocab.lookups.has_table("lexeme_norm"):
            # spelling variants and their norms ("organisation" -> "organization"); the keys are
            # hashed, so looked up by ``in``
            self.norms = nlp.vocab.lookups.get_table("lexeme_norm")
            extra.update(value for value in self.norms.values() if isinstance(value, str))
        else:
            self.norms = {}
        # the parts of the tables' hyphenated words ("savoir-faire", "cater-cornered")
        extra.update(part for word in known.words if "-" in word for part in word.split("-") if part)
        self.extra = frozenset(extra)
        self.candidates: Callable[[str], frozenset[str]] = state_of(nlp).lemma_candidates
        self._memo: dict[str, bool] = {}

    def __call__(self, word: str) -> bool:
        found = self._memo.get(word)
        if found is None:
            if len(self._memo) >= MAX_REMEMBERED:
                self._memo.clear()
            found = self._memo[word] = self._english(word)
        return found

    def _english(self, word: str) -> bool:
        if self.known(word) or word in self.extra or word in self.norms:
            return True
        words = self.known.words
        return any(lemma in words or lemma in self.extra or lemma in self.norms for lemma in self.candidates(word))


def english(nlp) -> English | _Nothing:
    """The ``English`` test (see there) of ``nlp``'s lemma tables, or of a pipeline loaded for them,
    made once per pipeline; with no model installed, one that takes every word for English."""
    try:
        lemmas = with_component(nlp, "lemmatizer")
    except ModelNotFound:
        return _NOTHING
    return _english_of(lemmas)


def composition(nlp) -> Composition | None:
    """The ``Composition`` test (see there) over ``english(nlp)``; None with no model installed."""
    try:
        lemmas = with_component(nlp, "lemmatizer")
    except ModelNotFound:
        return None
    return state_of(lemmas).lasting(("composition",), lambda: Composition(_english_of(lemmas)))


def _english_of(lemmas) -> English:
    return state_of(lemmas).lasting(("english",), lambda: English(lemmas, dictionary(lemmas)))


def _words_of(nlp) -> Dictionary:
    try:
        index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
        words = frozenset().union(*(frozenset(index[key]) for key in index.keys()))
    except (KeyError, ValueError):
        words = frozenset()
    return Dictionary(words)


class _Nothing:
    """With no model, every word is taken for English: nothing is reported."""

    def __call__(self, word: str) -> bool:
        return True


_NOTHING = _Nothing()


# ---- words made of English words -------------------------------------------------------------------

# Productive prefixes and combining forms, longest first: a prefix and an English word make a word
# newer than the lemma tables ("microservices", "nondiscrimination", "underrepresented").
_PREFIXES = tuple(
    sorted(
        """
        anti auto bio co counter cross crypto cyber de dis eco electro geo hyper in inter intra macro mega
        meta micro mid mini mis multi nano neo neuro non on out over photo post pre pro proto pseudo re
        self semi sub super tele trans tri ultra un under up
        """.split(),
        key=len,
        reverse=True,
    )
)
_PARTICLES = ("in", "on", "up", "out", "off")
# Productive suffixes, each with the endings its stem may have had ("inclusivity" from "inclusive",
# "sustainably" from "sustainable", "strategize" from "strategy").
_SUFFIXES = (
    ("ization", ("ize", "ise", "", "e")),
    ("isation", ("ise", "ize", "", "e")),
    ("ability", ("able",)),
    ("ibility", ("ible",)),
    ("ically", ("ic", "ical")),
    ("ation", ("ate", "e", "")),
    ("ably", ("able",)),
    ("ibly", ("ible",)),
    ("ily", ("y",)),
    ("ity", ("", "e")),
    ("ness", ("",)),
    ("ship", ("",)),
    ("hood", ("",)),
    ("ment", ("",)),
    ("ful", ("",)),
    ("less", ("",)),
    ("wise", ("",)),
    ("able", ("", "e")),
    ("ible", ("", "e")),
    ("ize", ("", "e", "y")),
    ("ise", ("", "e", "y")),
    ("ist", ("", "e", "y")),
    ("ism", ("", "e")),
    ("ive", ("", "e")),
    ("ous", ("", "e", "y")),
    ("ant", ("", "e")),
    ("ent", ("", "e")),
    ("ial", ("", "e", "y")),
    ("al", ("", "e")),
    ("ic", ("", "e", "y")),
    ("ly", ("",)),
    ("st", ("", "e")),
    ("er", ("", "e")),
    ("or", ("", "e")),
)


class Composition:
    """Whether a lower-case word that is not in the tables is made of words that are: two English
    words written as one ("codebase", "roadmap"), a prefix and a word ("microservices"), a word and a
    productive suffix ("mentorship", "collaboratively", "containerization"), two of these in turn
    ("cryptocurrencies", "maintainability"), or a clipping of a longer word ("admin", "repo"). Such
    words are newer than the tables or formed as English forms words; they are not typing slips."""

    def __init__(self, is_english: English):
        self.english = is_english
        self._sorted: list[str] | None = None
        self._memo: dict[tuple[str, int], bool] = {}

    def __call__(self, word: str) -> bool:
        return self._made(word, 2) or any(self._made(lemma, 2) for lemma in self.english.candidates(word) - {word})

    def _made(self, word: str, depth: int) -> bool:
        key = (word, depth)
        found = self._memo.get(key)
        if found is None:
            if len(self._memo) >= MAX_REMEMBERED:
                self._memo.clear()
            found = self._memo[key] = self._work_out(word, depth)
        return found

    def _part(self, word: str, depth: int) -> bool:
        if len(word) < 3:
            return False
        if self.english(word):
            return True
        return depth > 0 and self._made(word, depth - 1)

    def _work_out(self, word: str, depth: int) -> bool:
        for cut in range(3, len(word) - 2):  # two words, each of three letters or more
            if self.english(word[:cut]) and self._part(word[cut:], depth - 1):
                return True
        for particle in _PARTICLES:  # a verb and its particle ("plugin", "signup", "addon")
            if word.endswith(particle) and self._part(word[: -len(particle)], depth - 1):
                return True
        for prefix in _PREFIXES:
            if word.startswith(prefix) and len(word) - len(prefix) >= 4 and self._part(word[len(prefix) :], depth - 1):
                return True
        for suffix, endings in _SUFFIXES:
            if not word.endswith(suffix) or len(word) - len(suffix) < 3:
                continue
            stem = word[: -len(suffix)]
            stems = [stem + ending for ending in endings]
            if len(stem) > 3 and stem[-1] == stem[-2]:
                stems.append(stem[:-1])  # "embeddable"
            if any(self._part(form, depth - 1) for form in stems):
                return True
        return len(word) <= 6 and self._clips(word)

    def longer_words(self, word: str) -> Iterator[str]:
        """The lemma index's words that begin with ``word`` and are longer, in alphabetical order."""
        if self._sorted is None:
            self._sorted = sorted(self.english.known.words)
        words = self._sorted
        at = bisect_right(words, word)
        while at < len(words) and words[at].startswith(word):
            yield words[at]
            at += 1

    def _clips(self, word: str) -> bool:
        """``word`` begins a longer English word by two letters or more ("admin", "repo", "async")."""
        return any(len(longer) >= len(word) + 2 for longer in self.longer_words(word))
