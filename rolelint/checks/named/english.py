"""Whether a lower-case word is English, by the loaded spaCy pipeline's own tables: its lemmatizer's
lemma tables (WordNet's nouns, verbs, adjectives and adverbs, with their irregular forms), its
tokenizer's special cases and spaCy's English stop words. Shared by RL127 (a word in capitals is not
an acronym) and RL131 (a lower-case word that is no English word is likely a typing slip).

The tables are the run's pipeline's when it has a lemmatizer (a default run does), else those of a
pipeline loaded for them; the word sets are made on first use, not when the pipeline loads."""

from __future__ import annotations

from typing import Callable

from rolelint.nlp.pipeline import ModelNotFound, load_pipeline

_RUN: dict[str, object] = {}


def keep_pipeline(nlp) -> None:
    """Use the run's pipeline (its lemma tables, its entity recogniser) where it has them."""
    if _RUN.get("nlp") is not nlp:
        _RUN.clear()
        _RUN["nlp"] = nlp


def pipeline(component: str):
    """The run's pipeline when it has ``component``, else one loaded with it (kept for the run)."""
    nlp = _RUN.get("nlp")
    if nlp is None or component not in getattr(nlp, "component_names", ()):
        key = "own-" + component
        if key not in _RUN:
            _RUN[key] = load_pipeline({"lemma" if component == "lemmatizer" else "ner"})
        nlp = _RUN[key]
    return nlp


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


def dictionary() -> Dictionary:
    """The words of the lemma index (see ``Dictionary``); empty when no model is installed."""
    found = _RUN.get("dictionary")
    if found is None:
        try:
            lookups = pipeline("lemmatizer").get_pipe("lemmatizer").lookups
            index = lookups.get_table("lemma_index")
            words = frozenset().union(*(frozenset(index[key]) for key in index.keys()))
        except (ModelNotFound, KeyError, ValueError):
            words = frozenset()
        found = _RUN["dictionary"] = Dictionary(words)
    return found  # type: ignore[return-value]


class English:
    """Whether a lower-case word is English: known to ``dictionary()``, one of the lemma exceptions'
    forms or lemmas ("went", "oxen"), a tokenizer special case ("etc", "vs"), a stop word, or a word
    whose lemma, by any of the lemmatizer's rules, is one of these ("prioritising")."""

    def __init__(self, nlp, known: Dictionary):
        from spacy.lang.en.stop_words import STOP_WORDS

        from rolelint.nlp.state import state_of

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
            found = self._memo[word] = self._english(word)
        return found

    def _english(self, word: str) -> bool:
        if self.known(word) or word in self.extra or word in self.norms:
            return True
        words = self.known.words
        return any(lemma in words or lemma in self.extra or lemma in self.norms for lemma in self.candidates(word))


def composition() -> Composition:
    """The run's ``Composition`` test (see there)."""
    found = _RUN.get("composition")
    if found is None:
        found = _RUN["composition"] = Composition(english())
    return found  # type: ignore[return-value]


def english() -> English:
    """The run's ``English`` test (see there)."""
    found = _RUN.get("english")
    if found is None:
        try:
            nlp = pipeline("lemmatizer")
        except ModelNotFound:
            nlp = None
        found = _RUN["english"] = English(nlp, dictionary()) if nlp is not None else _Nothing()
    return found  # type: ignore[return-value]


class _Nothing:
    """With no model, every word is taken for English: nothing is reported."""

    words: frozenset[str] = frozenset()

    def __call__(self, word: str) -> bool:
        return True


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

    def sorted_words(self) -> list[str]:
        """The lemma index's words in order (for words that begin with a given one)."""
        if self._sorted is None:
            self._sorted = sorted(self.english.known.words)
        return self._sorted

    def _clips(self, word: str) -> bool:
        """``word`` begins a longer English word by two letters or more ("admin", "repo", "async")."""
        from bisect import bisect_right

        words = self.sorted_words()
        at = bisect_right(words, word)
        while at < len(words) and words[at].startswith(word):
            if len(words[at]) >= len(word) + 2:
                return True
            at += 1
        return False
