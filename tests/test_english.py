"""rolelint.nlp.english: which lower-case words are English by spaCy's tables, and which are made of
English words as English makes words."""

from __future__ import annotations

import pytest

from rolelint.nlp.english import Composition, English, composition, dictionary, english
from rolelint.nlp.pipeline import ModelNotFound, load_pipeline


@pytest.fixture(scope="module")
def nlp():
    try:
        return load_pipeline({"lemma"})
    except ModelNotFound:  # pragma: no cover - the model is a dependency
        pytest.skip("no spaCy English model installed")


@pytest.mark.parametrize("word", ["hybrid", "architecture", "applications", "went", "organisation", "the"])
def test_known_words_and_their_forms_are_english(nlp, word):
    assert english(nlp)(word)


@pytest.mark.parametrize("word", ["hyrbid", "achitecture", "productsand", "manageme"])
def test_slips_are_not_english(nlp, word):
    assert not english(nlp)(word)


@pytest.mark.parametrize(
    "word",
    ["codebase", "microservices", "mentorship", "collaboratively", "containerization", "themself"],
)
def test_compounds_and_derived_words_are_made_of_english_words(nlp, word):
    assert not english(nlp)(word)
    assert composition(nlp)(word)


@pytest.mark.parametrize("word", ["admin", "repo"])
def test_a_clipping_of_a_longer_word_is_made_of_english_words(nlp, word):
    assert composition(nlp)(word)


@pytest.mark.parametrize("word", ["hyrbid", "achitecture", "orpghan"])
def test_slips_are_not_made_of_english_words(nlp, word):
    assert not composition(nlp)(word)


def test_longer_words_are_those_a_word_begins_in_order(nlp):
    found = list(composition(nlp).longer_words("manageme"))
    assert "management" in found
    assert found == sorted(found)
    assert all(word.startswith("manageme") and word != "manageme" for word in found)


def test_the_tests_are_made_once_per_pipeline(nlp):
    assert english(nlp) is english(nlp)
    assert composition(nlp) is composition(nlp)
    assert isinstance(english(nlp), English)
    assert isinstance(composition(nlp), Composition)
    assert dictionary(nlp) is english(nlp).known


def test_a_pipeline_without_a_lemmatizer_uses_one_loaded_for_it(nlp):
    tokens_only = load_pipeline({"tokens"})
    assert english(tokens_only) is english(nlp)


def test_what_a_test_remembers_is_bounded(nlp, monkeypatch):
    import rolelint.nlp.english as module

    monkeypatch.setattr(module, "MAX_REMEMBERED", 3)
    is_english = English(nlp, dictionary(nlp))
    for word in ("team", "hyrbid", "roadmap", "platform", "achitecture"):
        is_english(word)
    assert len(is_english._memo) <= 3
