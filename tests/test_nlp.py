"""The spaCy pipeline: the right components, cached, and a clear error for a missing model."""

from __future__ import annotations

import pytest

from rolelint import nlp


def test_tokens_only_loads_no_trained_component():
    assert nlp.load_pipeline({"tokens"}).pipe_names == []


def test_lemma_loads_tagger_chain_without_parser_or_ner():
    names = nlp.load_pipeline({"lemma"}).pipe_names
    assert {"tok2vec", "tagger", "attribute_ruler", "lemmatizer"} <= set(names)
    assert "parser" not in names and "ner" not in names


def test_sentences_come_from_the_sentencizer():
    pipeline = nlp.load_pipeline({"tokens", "sents"})
    doc = pipeline.get_pipe("sentencizer")(pipeline.make_doc("One sentence. Another one."))
    assert len(list(doc.sents)) == 2


def test_dep_adds_the_parser():
    assert "parser" in nlp.load_pipeline({"lemma", "dep"}).pipe_names


def test_pipelines_are_cached():
    assert nlp.load_pipeline({"lemma"}) is nlp.load_pipeline({"lemma"})


def test_missing_model_says_which_and_how_to_install():
    with pytest.raises(nlp.ModelNotFound) as error:
        nlp.load_pipeline({"lemma"}, model="en_core_web_nonexistent")
    message = str(error.value)
    assert "en_core_web_nonexistent" in message and "pip install" in message


def test_unknown_need_is_a_programming_error():
    with pytest.raises(ValueError, match="unknown NLP need"):
        nlp.components_for({"telepathy"})


def test_default_model_is_an_installed_english_pipeline():
    assert nlp.default_model() in nlp.PREFERRED_MODELS
