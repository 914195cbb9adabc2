"""Narrowing: tagging rules run only on the spans (and tokens) where their words are, with the same
findings as tagging everything."""

from __future__ import annotations

from pathlib import Path

import pytest

from rolelint.loaders import LoadOptions, document_from_string, load_file
from rolelint.nlp import LemmaCandidates, load_pipeline
from rolelint.nlp.attributes import TokenAttributes
from rolelint.nlp.triggers import anchor_words, longest, merge
from rolelint.nlp.windows import tag_windows, tagging_margin
from rolelint.ruleexamples import case_fields
from rolelint.rulepacks import builtin_rules_dir, load_rules
from rolelint.runner import rule_triggers, run_rules

REPO = Path(__file__).resolve().parents[1]
RULES = load_rules([builtin_rules_dir()])


def example_texts() -> list[str]:
    texts = []
    for rule in RULES.values():
        for case in rule.examples["fail"] + rule.examples["pass"]:
            texts.append(case_fields(rule, case)["text"])
    return texts


def documents_of(paths) -> list:
    documents = []
    for path in paths:
        loaded = load_file(path, str(path), kind_hint=None, options=LoadOptions())
        if loaded.document is not None:
            documents.append(loaded.document)
    return documents


def corpus_sample(corpus: Path, every: int) -> list[Path]:
    files = sorted(p for p in corpus.rglob("*") if p.suffix in (".md", ".yaml", ".yml", ".txt") and p.is_file())
    return files[::every]


def assert_same_findings(documents):
    rules = list(RULES.values())
    narrowed = run_rules(documents, rules)
    whole = run_rules(documents, rules, narrow=False)
    assert narrowed == whole
    return sum(len(found) for found in whole.values())


def test_lemma_candidates_hold_the_lemma_the_tagger_gives():
    nlp = load_pipeline({"lemma"})
    candidates = LemmaCandidates(nlp)
    texts = example_texts() + [p.read_text(encoding="utf-8") for p in sorted((REPO / "examples").rglob("*.md"))]
    missed = [
        (t.text, t.lemma_, t.pos_)
        for doc in nlp.pipe(texts)
        for t in doc
        if t.lemma_.lower() not in candidates(t.lower_)
    ]
    assert missed == []
    assert (
        {"be"} <= candidates("is")
        and {"run"} <= candidates("running")
        and {"ninja"} <= candidates("ninjas") | {"ninja"}
    )


def test_lemma_candidates_on_real_text(corpus):
    nlp = load_pipeline({"lemma"})
    candidates = LemmaCandidates(nlp)
    texts = [item.text for document in documents_of(corpus_sample(corpus, 12)) for item in document.spans]
    tokens = missed = 0
    for doc in nlp.pipe(texts, batch_size=64):
        for token in doc:
            tokens += 1
            missed += token.lemma_.lower() not in candidates(token.lower_)
    assert tokens > 20_000
    assert missed == 0


def test_a_window_tagged_alone_gets_the_tags_of_the_whole_doc():
    nlp = load_pipeline({"lemma", "sents"})
    assert tagging_margin(nlp) == 5  # tok2vec: 4 layers of window 1; the attribute ruler: pairs
    assert tagging_margin(nlp, attribute_ruler=False) == 4
    text = " ".join(example_texts()[:40]) + " They’re told it’s done, and we’re ready. " * 3
    whole = nlp.make_doc(text)
    for _ in nlp.pipe([whole], disable=["sentencizer"]):
        pass
    attrs = ("tag_", "pos_", "lemma_")
    longer = TokenAttributes(nlp).longer_match(whole)
    n = len(whole)
    for ranges in [
        [(0, 3)],
        [(10, 12)],
        [(30, 60)],
        [(n - 4, n)],
        [(100, 101)],
        [(n - 30, n - 20)],
        [(0, 2), (20, 25), (40, 41), (n - 3, n)],
    ]:
        doc = nlp.make_doc(text)
        tag_windows(nlp, [(doc, ranges)])
        got = [tuple(getattr(t, a) for a in attrs) + (str(t.morph),) for start, end in ranges for t in doc[start:end]]
        want = [
            tuple(getattr(t, a) for a in attrs) + (str(t.morph),) for start, end in ranges for t in whole[start:end]
        ]
        assert got == want
        outside = [t for t in doc if not any(start <= t.i < end for start, end in ranges)]
        if not longer:  # else the doc is tagged whole (see the next test)
            assert outside and all(t.tag_ == "" for t in outside)  # only the ranges get tags


def test_findings_are_the_same_as_tagging_every_span_on_the_examples():
    documents = [document_from_string(text, path=f"e{n}.md") for n, text in enumerate(example_texts())]
    documents += documents_of(sorted((REPO / "examples").rglob("*.*")))
    assert assert_same_findings(documents) > 100


def test_findings_are_the_same_as_tagging_every_span_on_real_adverts(corpus):
    assert assert_same_findings(documents_of(corpus_sample(corpus, 10))) > 200


def test_narrowing_tags_a_fraction_of_the_tokens(monkeypatch):
    import rolelint.nlp.windows as windows

    tagged = []
    original = windows.tag_windows

    def spy(nlp, wanted):
        original(nlp, wanted)
        tagged.extend(t.tag_ != "" for doc, _ in wanted for t in doc)

    monkeypatch.setattr(windows, "tag_windows", spy)
    text = (
        "We are a friendly team in Leeds. " * 30
        + "You will hit the ground running. "
        + "Our office is near the station. " * 30
    )
    document = document_from_string(text, path="a.md")
    found = run_rules([document], [RULES["RL118"]])[document.path]
    assert [f.code for f in found] == ["RL118"]
    assert 0 < sum(tagged) < len(tagged) / 10


def test_pattern_triggers():
    assert anchor_words({"LOWER": "ad"}) == {"ad"}
    assert anchor_words({"LEMMA": {"IN": ["Duty", "task"]}}) == {"duty", "task"}
    assert anchor_words({"LOWER": "-", "OP": "?"}) is None
    assert anchor_words({"LOWER": {"IN": ["a"]}, "OP": "*"}) is None
    assert anchor_words({"LOWER": "x", "OP": "{2,3}"}) == {"x"}
    assert anchor_words({"POS": "VERB"}) is None
    assert anchor_words({"LOWER": {"REGEX": "^x"}}) is None
    assert longest([{"LOWER": "a"}, {"LOWER": "-", "OP": "?"}, {"LOWER": "b", "OP": "{1,3}"}]) == 5
    assert longest([{"LOWER": "a"}, {"IS_PUNCT": True, "OP": "*"}]) is None
    assert longest([{"LOWER": "a", "OP": "{2,}"}]) is None
    assert merge([(5, 8), (0, 2), (1, 3), (8, 9)]) == [(0, 3), (5, 9)]


def test_words_a_gender_rule_excludes_as_written_are_not_tagged_for_it():
    from rolelint.nlp.triggers import TriggerMasks

    nlp = load_pipeline({"lemma", "pos"})
    rule = RULES["RL112"]
    masks = TriggerMasks(LemmaCandidates(nlp), {rule: rule_triggers(rule, nlp)})
    excluded = {w.lower() for w in rule.spec["exclude"]}
    assert {"analytics", "responsibilities"} <= excluded
    assert masks.word_mask("analytics", "analytics") == 0
    assert masks.word_mask("responsibilities", "responsibilities") == 0
    assert masks.word_mask("analytical", "analytical") != 0  # a stem matches, and it is not excluded
    assert masks.word_mask("leads", "leads") != 0


def test_can_fire_says_what_the_rule_s_alternatives_say_on_real_text(corpus):
    """The kept verdict per rule and span mask against the definition: some alternative of the rule
    has each of its requirements held by some token of the span."""
    from rolelint.nlp.triggers import TriggerMasks, union

    nlp = load_pipeline({"lemma", "pos"})
    triggers = {rule: found for rule in RULES.values() if rule.needs and (found := rule_triggers(rule, nlp))}
    masks = TriggerMasks(LemmaCandidates(nlp), triggers)
    requirements = {r for found in triggers.values() for a in found.alternatives for r in a.requirements}
    held_by_word: dict[tuple[str, str], set] = {}

    def held(lower: str, norm: str) -> set:
        if (lower, norm) not in held_by_word:
            keys = masks.keys(lower, norm)
            held_by_word[(lower, norm)] = {
                r
                for r in requirements
                if lower not in r.exclude
                and any(
                    k not in r.exclude and (k in r.words or (r.pattern is not None and r.pattern.fullmatch(k)))
                    for k in keys
                )
            }
        return held_by_word[(lower, norm)]

    texts = [span.text for document in documents_of(corpus_sample(corpus, 60)) for span in document.spans]
    verdicts = set()
    for text in texts * 2:  # the second pass reads the kept verdicts
        doc = nlp.make_doc(text)
        whole = union(masks.token_masks(doc))
        in_span = set().union(*(held(t.lower_, t.norm_) for t in doc))
        for rule, found in triggers.items():
            plain = any(all(r in in_span for r in a.requirements) for a in found.alternatives)
            assert masks.can_fire(rule, whole) == plain, (rule.code, text)
            verdicts.add(plain)
    assert verdicts == {True, False}


def test_a_rule_with_no_required_word_looks_at_every_span():
    nlp = load_pipeline({"lemma", "pos"})
    rule = RULES["RL123"]
    assert rule_triggers(rule, nlp) is not None
    from rolelint.checks import pattern

    no_words = pattern.CompiledPatterns(
        (pattern.TokenPattern("p", ({"POS": "VERB"}, {"LOWER": "x", "OP": "?"})),), frozenset({"pos"})
    )
    assert pattern.triggers(rule, no_words, nlp) is None
    assert rule_triggers(RULES["RL203"], nlp).window is not None  # reads tags near the start only


def test_duty_verbs_are_judged_the_same_from_their_window():
    items = [
        "Proactively and carefully manage the roadmap with partners across government",
        "You will really quickly lead discovery and alpha phases for new services in the department",
        "Excellent communication skills and a strong record of delivery in a complex organisation",
        "Record decisions, risks and issues in the team's log and share them every week",
        "To line manage two junior analysts and support their development over the year",
        "Strong stakeholder management: able to work with senior leaders and ministers",
        "Stakeholder engagement across several directorates, agencies and arm's length bodies",
        "Understand user needs by working with researchers, designers and policy colleagues",
    ]
    text = "## Responsibilities\n\n" + "".join(f"- {item}\n" for item in items)
    document = document_from_string(text, path="a.md")
    narrowed = run_rules([document], [RULES["RL203"]])[document.path]
    assert narrowed == run_rules([document], [RULES["RL203"]], narrow=False)[document.path]
    found = {text[f.start : f.end] for f in narrowed}
    assert "Excellent" in found  # a trait among duties; "Stakeholder engagement" is a topic, not one
    assert "Stakeholder" not in found


def test_a_duty_opening_with_one_of_the_rule_s_verbs_is_read_without_tags(monkeypatch):
    import rolelint.nlp.windows as windows

    tagged = {}
    original = windows.tag_windows

    def spy(nlp, wanted):
        original(nlp, wanted)
        tagged.update({doc.text.strip(): any(t.tag_ for t in doc) for doc, _ in wanted})

    monkeypatch.setattr(windows, "tag_windows", spy)
    text = (
        "## Responsibilities\n\n- Manage the roadmap with partners\n- Review code every week\n"
        "- Excellent communication skills\n"
    )
    document = document_from_string(text, path="a.md")
    narrowed = run_rules([document], [RULES["RL203"]])[document.path]
    assert tagged == {
        "Manage the roadmap with partners": False,
        "Review code every week": False,
        "Excellent communication skills": True,
    }
    assert narrowed == run_rules([document], [RULES["RL203"]], narrow=False)[document.path]
    assert [text[f.start : f.end] for f in narrowed] == ["Excellent"]


@pytest.mark.parametrize("code", sorted(c for c, r in RULES.items() if r.kind in ("phrase", "pattern")))
def test_every_trigger_word_is_lower_case(code):
    nlp = load_pipeline({"lemma", "pos", "dep", "sents"})
    found = rule_triggers(RULES[code], nlp)
    for alternative in found.alternatives if found else ():
        for requirement in alternative.requirements:
            assert all(word == word.lower() for word in requirement.words)


def _annotations(doc, ranges):
    return [(t.tag_, t.pos_, t.lemma_, str(t.morph)) for start, end in ranges for t in doc[start:end]]


def _tagged_whole(nlp, text):
    whole = nlp.make_doc(text)
    for _ in nlp.pipe([whole], disable=[n for n in ("sentencizer", "parser") if n in nlp.pipe_names]):
        pass
    return whole


def test_the_memo_of_the_attribute_ruler_and_lemmatizer_gives_what_they_give():
    import random

    from rolelint.nlp.attributes import TokenAttributes

    nlp = load_pipeline({"lemma", "sents"})
    assert TokenAttributes(nlp).usable
    texts = example_texts()[:60] + [
        "We're gonna ship it, let's go; y'all ain't done and I gotta run.  Two  spaces\tand a tab.",
        "It's what they’re told: you'll be fine, won't you? Didn't we say so?",
    ]
    random.seed(7)
    for text in texts:
        whole = _tagged_whole(nlp, text)
        doc = nlp.make_doc(text)
        tag_windows(nlp, [(doc, [(0, len(doc))])])
        assert _annotations(doc, [(0, len(doc))]) == _annotations(whole, [(0, len(whole))]), text
        if len(doc) > 12:
            start = random.randrange(len(doc) - 3)
            ranges = [(start, start + 2)]
            doc = nlp.make_doc(text)
            tag_windows(nlp, [(doc, ranges)])
            assert _annotations(doc, ranges) == _annotations(whole, ranges), text


def test_tagging_real_text_in_windows_or_whole_gives_the_full_pipeline_s_annotations(corpus):
    import random

    nlp = load_pipeline({"lemma", "sents"})
    random.seed(11)
    texts = [item.text for document in documents_of(corpus_sample(corpus, 25)) for item in document.spans]
    checked = 0
    for text in random.sample(texts, min(600, len(texts))):
        whole = _tagged_whole(nlp, text)
        n = len(whole)
        for ranges in ([(0, n)], [(n // 3, n // 3 + 1), (n // 2, n // 2 + 3)] if n > 30 else []):
            if not ranges:
                continue
            doc = nlp.make_doc(text)
            tag_windows(nlp, [(doc, ranges)])
            assert _annotations(doc, ranges) == _annotations(whole, ranges), text
            checked += sum(end - start for start, end in ranges)
    assert checked > 5_000


def test_windows_next_to_the_attribute_ruler_s_longer_patterns():
    nlp = load_pipeline({"lemma", "sents"})
    text = (
        "Our team is friendly and we hire well. " * 3
        + "We're gonna ship it, let's go; y'all ain't done yet. "
        + "The office is near the station and the park. " * 3
    )
    whole = _tagged_whole(nlp, text)
    words = [t.lower_ for t in whole]
    for word in ("gon", "na", "let", "'s", "ai", "n't", "all"):
        i = words.index(word)
        for ranges in ([(i, i + 1)], [(max(0, i - 4), i)], [(i + 1, i + 3)]):
            doc = nlp.make_doc(text)
            tag_windows(nlp, [(doc, ranges)])
            assert _annotations(doc, ranges) == _annotations(whole, ranges), (word, ranges)


def test_vague_pay_parses_only_spans_with_a_pay_word_or_in_a_pay_section(monkeypatch, parsed_texts):
    """RL121 reads pay words in the sentence, or takes a section headed as pay as saying the sentence
    is about pay: a span with a vague word but neither is not parsed, and the findings stay those of
    parsing every span."""
    text = (
        "# Delivery manager\n\n"
        "You will join a competitive market and a great team.\n\n"
        "We offer a competitive salary and flexible hours.\n\n"
        "## Salary\n\n"
        "Competitive.\n"
    )
    document = document_from_string(text, path="a.md")
    found = run_rules([document], [RULES["RL121"]])[document.path]
    assert sorted(text[f.start : f.end] for f in found) == ["Competitive", "competitive salary"]
    assert not any("market" in piece for piece in parsed_texts)  # no pay word, not under a pay heading
    monkeypatch.undo()
    assert run_rules([document], [RULES["RL121"]], narrow=False)[document.path] == found


def test_tag_patterns_are_matched_in_the_tagged_windows_whatever_the_order_of_the_rules():
    """The shared Matcher of the rules on tags searches only the tagged windows, whichever rule
    comes last (it once depended on how many patterns the last one had)."""
    from rolelint.checks import pattern as pattern_kind

    nlp = load_pipeline({"lemma", "pos"})
    rules = [RULES[code] for code in ("RL117", "RL102", "RL116")]  # RL102 (9 patterns) last on tags
    pattern_kind.prepare(rules, nlp)
    assert [rule.compiled._matchers[nlp][1] for rule in rules] == [True, True, False]


def test_a_pattern_rule_parses_only_spans_where_a_match_reads_the_parse(parsed_texts, monkeypatch):
    """RL120 reads the parse only to drop people who already belong to someone (``skip_owned``): a
    span where none of those patterns matches is tagged in windows and not parsed, and the findings
    stay those of parsing every span."""
    text = (
        "# Engineer\n\n"
        "We only hire the best and the brightest.\n\n"
        "The intern works alongside our top-notch engineers.\n\n"
        "We want top talent for this team.\n"
    )
    document = document_from_string(text, path="a.md")
    found = run_rules([document], [RULES["RL120"]])[document.path]
    assert sorted(text[f.start : f.end] for f in found) == ["hire the best", "top talent"]
    assert not any("only hire" in piece for piece in parsed_texts)  # no owned-words pattern matches there
    assert any("top-notch" in piece for piece in parsed_texts)
    monkeypatch.undo()
    assert run_rules([document], [RULES["RL120"]], narrow=False)[document.path] == found
