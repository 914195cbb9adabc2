"""Tagging some tokens of a Doc with tok2vec's layers computed only where those tokens need them
(rolelint.nlp.pyramid) gives them the tags tagging the whole Doc does, and so do windows tagged that way."""

from __future__ import annotations

import random

import pytest

from rolelint.nlp import load_pipeline
from rolelint.nlp.attributes import TokenAttributes
from rolelint.nlp.pyramid import RowTagger
from rolelint.nlp.windows import tag_windows

TEXTS = [
    "Lead.",
    "We hire",
    "Senior product manager",
    "  Leading space, then words.",
    "Apply by Friday!\n\nWe're a small team; you'll own the roadmap and talk to users every week.",
    "You will manage stakeholders, run discovery, and ship features that customers love. "
    "The role is remote-first, with a salary of £50,000 to £60,000 and 30 days of holiday.",
    "y'all ain't done yet, so let's go: we're gonna ship it and I gotta run.",
    "- Python\n- SQL\n- 5+ years of experience building data pipelines in production\n",
    "Our mission is simple. " * 12,
]


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline({"lemma", "sents"})


def _tagged_whole(nlp, text):
    whole = nlp.make_doc(text)
    for _ in nlp.pipe([whole], disable=[n for n in ("sentencizer", "parser") if n in nlp.pipe_names]):
        pass
    return whole


def _annotations(doc, ranges):
    return [(t.tag_, t.pos_, t.lemma_, str(t.morph)) for start, end in ranges for t in doc[start:end]]


def _position_sets(n: int, rng: random.Random) -> list[list[int]]:
    sets = [[0], [n - 1], list(range(n)), sorted({0, n - 1, n // 2})]
    sets += [sorted(rng.sample(range(n), min(n, 3))) for _ in range(3)]
    return sets


def test_the_small_english_pipeline_is_built_for_the_row_tagger(nlp):
    assert RowTagger.of(nlp) is not None


def test_tags_at_the_tokens_asked_for_are_those_of_the_whole_doc(nlp):
    rows = RowTagger.of(nlp)
    rng = random.Random(3)
    for text in TEXTS:
        want = [t.tag_ for t in _tagged_whole(nlp, text)]
        for positions in _position_sets(len(want), rng):
            doc = nlp.make_doc(text)
            rows.tag([doc], [positions])
            assert [doc[i].tag_ for i in positions] == [want[i] for i in positions], (text, positions)


def test_tags_asked_for_in_a_batch_of_docs_are_those_of_each_doc_alone(nlp):
    rows = RowTagger.of(nlp)
    rng = random.Random(5)
    docs = [nlp.make_doc(text) for text in TEXTS]
    wanted = [sorted(rng.sample(range(len(doc)), min(len(doc), 2))) + [len(doc) - 1] for doc in docs]
    wanted = [sorted(set(positions)) for positions in wanted]
    rows.tag(docs, wanted)
    for text, doc, positions in zip(TEXTS, docs, wanted):
        whole = _tagged_whole(nlp, text)
        assert [doc[i].tag_ for i in positions] == [whole[i].tag_ for i in positions], text


def test_windows_at_the_edges_of_docs_and_in_tiny_docs_get_the_whole_doc_s_annotations(nlp, monkeypatch):
    used = []
    original = RowTagger.tag
    monkeypatch.setattr(
        RowTagger, "tag", lambda self, docs, wanted: used.append(len(docs)) or original(self, docs, wanted)
    )
    rng = random.Random(7)
    for text in TEXTS:
        whole = _tagged_whole(nlp, text)
        n = len(whole)
        choices = [[(0, 1)], [(n - 1, n)], [(0, 1), (n - 1, n)]]
        if n > 10:
            start = rng.randrange(1, n - 3)
            choices += [[(start, start + 2)], [(1, 2), (n - 2, n - 1)], [(0, 2), (start, start + 1)]]
        for ranges in choices:
            doc = nlp.make_doc(text)
            tag_windows(nlp, [(doc, ranges)])
            assert _annotations(doc, ranges) == _annotations(whole, ranges), (text, ranges)
    assert used  # the windows went through the row tagger


def test_many_windows_tagged_in_one_call_get_the_whole_doc_s_annotations(nlp):
    rng = random.Random(11)
    texts = [text for text in TEXTS if len(nlp.make_doc(text)) > 6] * 3
    wanted = []
    for text in texts:
        n = len(nlp.make_doc(text))
        start = rng.randrange(n - 1)
        wanted.append((nlp.make_doc(text), [(start, start + 1)]))
    tag_windows(nlp, wanted)
    for text, (doc, ranges) in zip(texts, wanted):
        assert _annotations(doc, ranges) == _annotations(_tagged_whole(nlp, text), ranges), (text, ranges)


def test_the_tokens_whose_tags_the_ruler_s_longer_patterns_read_are_found(nlp):
    doc = nlp.make_doc("We ain't done, but y'all are.")
    assert [doc[i].text for i in TokenAttributes(nlp).tags_read(doc)] == ["ai"]


def test_a_pipeline_with_another_window_encoder_is_not_given_a_row_tagger():
    import spacy

    nlp = spacy.blank("en")
    embed = {
        "@architectures": "spacy.MultiHashEmbed.v2",
        "width": 32,
        "attrs": ["NORM", "PREFIX"],
        "rows": [100, 50],
        "include_static_vectors": False,
    }
    for encode, built in (
        (
            {
                "@architectures": "spacy.MaxoutWindowEncoder.v2",
                "width": 32,
                "depth": 2,
                "window_size": 1,
                "maxout_pieces": 2,
            },
            True,
        ),
        ({"@architectures": "spacy.MishWindowEncoder.v2", "width": 32, "depth": 2, "window_size": 1}, False),
    ):
        nlp = spacy.blank("en")
        nlp.add_pipe(
            "tok2vec", config={"model": {"@architectures": "spacy.Tok2Vec.v2", "embed": embed, "encode": encode}}
        )
        listener = {"@architectures": "spacy.Tok2VecListener.v1", "width": 32, "upstream": "tok2vec"}
        nlp.add_pipe("tagger", config={"model": {"@architectures": "spacy.Tagger.v2", "tok2vec": listener}})
        assert (RowTagger.of(nlp) is not None) == built, encode["@architectures"]
