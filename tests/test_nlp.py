"""The spaCy pipeline: the right components, cached, and a clear error for a missing model."""

from __future__ import annotations

import pytest

from rolelint.nlp import pipeline as nlp


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


def test_tagging_uses_numpy_s_blas_and_tags_as_spacy_s_own_load_does():
    import spacy
    from thinc.api import NumpyOps

    ours = nlp.load_pipeline({"lemma", "dep"})
    ops = {
        type(node.ops).__name__ + ("+blis" if getattr(node.ops, "use_blis", False) else "")
        for _, component in ours.components  # the idle entity recogniser (RL209 runs it) too
        if hasattr(getattr(component, "model", None), "walk")
        for node in component.model.walk()
    }
    assert ops == {NumpyOps.__name__}
    assert "ner" in ours.disabled
    theirs = spacy.load(nlp.default_model(), exclude=["senter"])
    texts = [
        "You will lead a small team and support the delivery of digital services.",
        "Reports are written weekly; risks get escalated to the programme board.",
        "An analytical, driven self-starter who understands Kubernetes and SQL.",
        "Our team in Leeds works with the Home Office and partners across Northern Ireland.",
    ] * 3
    for a, b in zip(ours.get_pipe("ner").pipe(ours.pipe(texts)), theirs.pipe(texts)):
        assert [(t.tag_, t.pos_, t.lemma_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in a] == [
            (t.tag_, t.pos_, t.lemma_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in b
        ]


def test_the_tokenizer_is_the_one_spacy_s_own_load_gives():
    """The tokenizer starts empty and is filled from the model's saved one: the same settings."""
    import spacy

    ours = nlp.load_pipeline({"tokens"})
    theirs = spacy.load(nlp.default_model(), exclude=list(nlp.MODEL_COMPONENTS))
    assert ours.config["nlp"]["tokenizer"]["@tokenizers"] == nlp.TOKENIZER_FROM_DISK
    # The vocabulary is left out: it grows with every text the (cached) pipeline has read in this session.
    # Compared as a bool, so that a failure does not make pytest diff two long byte strings.
    same = ours.tokenizer.to_bytes(exclude=["vocab"]) == theirs.tokenizer.to_bytes(exclude=["vocab"])
    assert same, "the tokenizer's settings differ from spaCy's own load"
    text = "Don't apply if you're a U.S. e.g. 10km-away \"rockstar\" :) see https://x.example/a?b=1 (£40k)."
    assert [(t.text, t.whitespace_, t.norm_) for t in ours(text)] == [
        (t.text, t.whitespace_, t.norm_) for t in theirs(text)
    ]


def test_the_tokenizer_remembers_more_chunks_than_spacy_s_default_and_splits_them_the_same():
    import spacy

    ours = nlp.load_pipeline({"tokens"})
    theirs = spacy.load(nlp.default_model(), exclude=list(nlp.MODEL_COMPONENTS))
    assert ours.tokenizer.max_cache_size >= nlp.TOKENIZER_CACHE > theirs.tokenizer.max_cache_size
    texts = [f"Build item{n}-{n % 7} (v{n}.x), e.g. for team{n % 13}'s work." for n in range(600)]
    for _ in range(2):  # the second read comes from the cache
        assert [[(t.text, t.whitespace_) for t in ours(text)] for text in texts] == [
            [(t.text, t.whitespace_) for t in theirs(text)] for text in texts
        ]


def _sentences(text: str) -> list[str]:
    from rolelint.nlp.sentences import split_sentences

    pipeline = nlp.load_pipeline({"tokens", "sents"})
    doc = pipeline.make_doc(text)
    split_sentences(pipeline, [(doc, text)])
    return [(sentence.start_char, sentence.text) for sentence in doc.sents]


def test_a_full_stop_glued_to_a_letter_digit_word_ends_the_sentence():
    # the tokenizer keeps "B2C." whole, so the sentencizer alone sees one sentence
    assert _sentences("We sell to B2B and B2C. Our team is small.") == [
        (0, "We sell to B2B and B2C."),
        (24, "Our team is small."),
    ]


@pytest.mark.parametrize("text", ["Go to the U.S. Army base.", "We use B2B. and more.", "Our H2O.io site."])
def test_a_glued_full_stop_before_lower_case_or_inside_an_abbreviation_ends_nothing(text):
    assert len(_sentences(text)) == 1


def test_an_emoji_for_a_full_stop_ends_the_sentence():
    assert _sentences("We work with incredible people 🤗 These are the perks.") == [
        (0, "We work with incredible people 🤗"),
        (33, "These are the perks."),
    ]


@pytest.mark.parametrize("text", ["We ❤️ Python and Go.", "Our people 🚀 ship often.", "🚀 Build things."])
def test_an_emoji_after_a_capital_or_before_a_lower_case_word_ends_nothing(text):
    assert len(_sentences(text)) == 1


def test_a_full_stop_with_no_space_after_it_ends_the_sentence_but_not_a_dotted_name():
    text = "We use Node.js, ASP.NET and e.g. Python 3.12 on the U.S. site example.com in our environment.You join us."
    assert [sentence for _, sentence in _sentences(text)] == [text[: text.index("You")], "You join us."]


def test_lemmas_on_real_text_are_spacy_s_own(corpus):
    """The lemmatizer's index is held as sets (rolelint.nlp.pipeline): the lemmas are those of the
    pipeline as spaCy loads it."""
    import spacy

    ours = nlp.load_pipeline({"lemma"})
    theirs = spacy.load(nlp.default_model(), exclude=["parser", "ner", "senter"])
    assert isinstance(next(iter(ours.get_pipe("lemmatizer").lookups.get_table("lemma_index").values())), frozenset)
    files = sorted(corpus.rglob("*.md"))[::25]
    texts = [line for path in files for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    lemmas = 0
    for a, b in zip(ours.pipe(texts), theirs.pipe(texts)):
        assert [t.lemma_ for t in a] == [t.lemma_ for t in b]
        lemmas += len(a)
    assert lemmas > 5_000


_WITHOUT_CLI = """
import sys
from rolelint.nlp import load_pipeline

load_pipeline({"tokens"})
print(sorted(m for m in sys.modules if m.startswith("spacy.cli") or m.split(".")[0] in ("typer", "weasel")))
import spacy
import spacy.cli.info

print(sys.modules["spacy.cli.info"].__file__.endswith("info.py"), sorted(spacy.info())[:1])
"""


def test_spacy_loads_without_its_command_line_which_a_later_import_still_gets_whole():
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", _WITHOUT_CLI], capture_output=True, text=True, check=True)
    before, after = done.stdout.strip().splitlines()
    assert before == "[]"
    assert after.startswith("True [")


def test_an_abbreviation_ending_a_sentence_ends_it_before_a_function_word():
    assert _sentences("We fund work across the U.S. The foundation seeks a thinker.") == [
        (0, "We fund work across the U.S."),
        (29, "The foundation seeks a thinker."),
    ]
    # a name that goes on with the abbreviation is the same sentence
    assert len(_sentences("She served in the U.S. Army for ten years.")) == 1
    assert len(_sentences("We met John F. Kennedy there.")) == 1


def test_a_short_abbreviation_or_a_plural_and_a_modal_end_a_sentence_too():
    # a capitalised short word the tokenizer keeps its full stop on, before a function word
    assert [text for _, text in _sentences("We report across Central Pa. The Director leads it.")] == [
        "We report across Central Pa.",
        "The Director leads it.",
    ]
    # a capitalised plural and a modal verb after "U.S." open a sentence; a name does not
    assert len(_sentences("You may work anywhere in the U.S. Applicants should send a CV.")) == 2
    assert len(_sentences("We work at Acme Inc. Labs in Leeds.")) == 1
    # a title before a surname, an initial, or a name that goes on is no sentence's end
    for text in (
        "Send your portfolio to Dr. Jones will review it soon.",
        "Your manager, Mrs. Williams will support you.",
        "You will report to Ms. A. Patel in Leeds.",
        "Only U.S. Citizens are eligible to apply.",
    ):
        assert len(_sentences(text)) == 1, text
