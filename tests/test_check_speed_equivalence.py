"""The faster paths in the named checks (``rolelint.checks.named``) and ``rolelint.checks.metric`` give
what the plain computations they replace give: each is compared here with a direct, unoptimised version."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from rolelint.checks import SpanInput
from rolelint.checks.named import acronyms_expanded, pay, technology_names
from rolelint.checks.named import action_verb_duties as duties
from rolelint.loaders import LoadOptions, load_file
from rolelint.nlp import load_pipeline
from rolelint.nlp.state import state_of
from rolelint.nlp.windows import tagging_margin

FRAGMENTS = [
    "Record decisions and risks in the team log",
    "Understand what users need from the service",
    "Line manage two associate product managers",
    "Excellent communication with senior leaders",
    "Strong ownership of the delivery plan",
    "Stakeholder management across three teams",
    "Responsible for the product roadmap",
    "Gonna ship it every week with the team",
    "Let's go and build things that matter to people",
    "Ain't nobody here who does not test their code",
    "Y'all ship code and review each other's work",
    "Gotta run the retrospectives for two teams",
    "Cannot be shy about asking for help from others",
    "Don't wait to be told what to do next",
    "Working with designers on research and prototypes",
    "Manages a budget of two million pounds a year",
    "Be the voice of the user in planning meetings",
    "Have oversight of the whole service's delivery",
    "Data-driven decisions about what to build next",
    "Self-starter who can own problems end to end",
    "",
    "   ",
    "Ship",
]


def _documents(corpus: Path, every: int) -> list:
    files = sorted(p for p in corpus.rglob("*") if p.suffix in (".md", ".yaml", ".yml", ".txt") and p.is_file())
    documents = []
    for path in files[::every]:
        loaded = load_file(path, str(path), kind_hint=None, options=LoadOptions())
        if loaded.document is not None:
            documents.append(loaded.document)
    return documents


def _verdicts_with_the_full_pipeline(fragments: list[str]) -> list[bool]:
    """RL203's second opinion worked out plainly: each probe through the whole pipeline."""
    nlp = duties._tagging_pipeline()
    margin = tagging_margin(nlp)
    verbs = duties._known_verbs()
    skip = [name for name in ("parser", "ner", "sentencizer") if name in nlp.pipe_names]
    verdicts = []
    for fragment in fragments:
        text = duties._probe_text(fragment, margin)
        if text is None:
            verdicts.append(False)
            continue
        token = next(nlp.pipe([text], disable=skip))[2]
        verdicts.append(token.tag_ in duties.VERB_TAGS and token.lemma_.lower() in verbs)
    return verdicts


@pytest.mark.parametrize("needs", [{"pos"}, {"lemma", "pos"}, {"lemma", "pos", "dep", "sents"}])
def test_duty_verb_probes_match_the_full_pipeline(needs):
    nlp = load_pipeline(needs)
    duties.prepare([], nlp)
    state_of(duties._tagging_pipeline()).verb_probes.clear()
    assert duties._verbs_when_read_as_duties(FRAGMENTS) == _verdicts_with_the_full_pipeline(FRAGMENTS)


def test_duty_verb_probes_match_the_full_pipeline_on_real_list_items(corpus):
    duties.prepare([], load_pipeline({"lemma", "pos"}))
    state_of(duties._tagging_pipeline()).verb_probes.clear()
    random.seed(5)
    items = [
        SpanInput.of(span).text
        for document in _documents(corpus, 20)
        for span in document.spans
        if span.block == "list_item"
    ]
    sample = random.sample(items, min(400, len(items)))
    assert duties._verbs_when_read_as_duties(sample) == _verdicts_with_the_full_pipeline(sample)


SALARY_TEXTS = [
    "",
    "No pay here.",
    "£45,000 to £52,000 a year.",
    "The range is $120k to $140k.",
    "52,000 GBP",
    "GBP 40000",
    "about 45k per year",
    "45k",
    "a 45k",
    "version 3.12 of Python",
    "call 0113 496 0000",
    "up to 60K+",
    "€ 5",
    "12 k.",
    "123,456.789 euros",
    "1,000,000 dollars",
    "x45k",
    "45kg of kit",
    "EUR5",
    "In 2024 we grew.",
]


def _pay_in(text: str) -> bool:
    """The plain version: any amount of ``text`` that reads as pay (``pay.reads_as_pay``)."""
    return any(pay.reads_as_pay(text, found) for found in pay.MONEY.finditer(text))


def test_a_salary_figure_is_found_as_by_searching_each_span():
    random.seed(3)
    for _ in range(3000):
        texts = random.sample(SALARY_TEXTS, random.randrange(0, 6))
        expected = any(_pay_in(text) for text in texts)
        assert pay._any_amount(texts) == expected, texts
    for text in SALARY_TEXTS:  # a figure split across two spans is not one
        for cut in range(len(text) + 1):
            pieces = [text[:cut], text[cut:]]
            assert pay._any_amount(pieces) == any(_pay_in(piece) for piece in pieces), pieces


def test_a_salary_figure_is_found_as_by_searching_each_span_of_real_adverts(corpus):
    for document in _documents(corpus, 3):
        texts = [SpanInput.of(span).text for span in document.spans]
        assert pay._any_amount(texts) == any(_pay_in(text) for text in texts), document.path


def _grade_level_sentence_by_sentence(items) -> tuple[float, int]:
    """Flesch-Kincaid worked out plainly, sentence by sentence (``sentence_bounds``), token by token."""
    from rolelint.checks import sentence_bounds
    from rolelint.checks.metric import syllables

    words = sentence_count = syllable_count = 0
    for item in items:
        if item.doc is None:
            continue
        for start, end in sentence_bounds(item):
            tokens = [token.text for token in item.doc[start:end] if token.is_alpha]
            if tokens:
                sentence_count += 1
                words += len(tokens)
                syllable_count += sum(syllables(text) for text in tokens)
    if not words or not sentence_count:
        return 0.0, 0
    return 0.39 * words / sentence_count + 11.8 * syllable_count / words - 15.59, words


def _items(nlp, texts: list[str]) -> list[SpanInput]:
    """Paragraph spans of ``texts`` with their Docs, made as a run makes them."""
    from rolelint.documents import TextSpan

    items = []
    for text in texts:
        item = SpanInput.of(TextSpan(text=text, offsets=range(len(text) + 1), block="paragraph"))
        items.append(SpanInput(item.span, item.text, item.index, nlp(item.text)))
    return items


GRADED = [
    "You will work with a small team. We build tools for nurses! Do you like it?",
    "One sentence with no end",
    "... -- !!",
    "",
    "The organisation's multidisciplinary capability necessitates comprehensive interdepartmental collaboration.",
    "Apply now.\n\nSalary: £45,000. Start date: 1 May 2025. Hybrid: 2 days a week in Leeds... or Manchester?",
    "e.g. a CV, i.e. two pages. Mr. Smith will read it! 3.5 days a week.",
]


@pytest.mark.parametrize("needs", [{"tokens", "sents"}, {"tokens"}])
def test_the_reading_grade_is_the_sentence_by_sentence_one(needs):
    from rolelint.checks.metric import grade_level

    nlp = load_pipeline(needs)
    for count in range(1, len(GRADED) + 1):
        items = _items(nlp, GRADED[:count])
        assert grade_level(items) == _grade_level_sentence_by_sentence(items)


def test_the_reading_grade_of_real_adverts_is_the_sentence_by_sentence_one(corpus):
    from rolelint.checks.metric import grade_level

    nlp = load_pipeline({"tokens", "sents"})
    for document in _documents(corpus, 15):
        texts = [span.text for span in document.spans if span.block in ("paragraph", "list_item")]
        items = _items(nlp, texts)
        assert grade_level(items) == _grade_level_sentence_by_sentence(items), document.path


# The patterns written plainly, with the look-behind and word boundary before the first capital;
# the module's versions move them after it, which is faster and must find the same.
ACRONYM_AS_WRITTEN = (
    r"(?<![\w/.@#-])([A-Z][A-Z0-9&]{1,5})s?(?![\w/@+·-]|\.[a-z])"
    r"|(?<![\w/.@#-])([A-Z][A-Z&]{1,5})(?=-[a-z]{3})"
)
NAME_WORDS_AS_WRITTEN = r"\b[A-Z][\w-]*(?:\s+(?:(?:of|and|for|the|on|in|&)\s+)*[A-Z][\w-]*)+"
ACRONYM_TEXTS = [
    "",
    "SRO",
    "the SRO.",
    "xSRO",
    "/SRO",
    ".SRO",
    "@SRO",
    "#SRO",
    "-SRO",
    "SRO-",
    "SROs",
    "SROs/x",
    "AB&C",
    "A1",
    "MY NAME IS",
    "Legal Aid Agency (LAA)",
    "Office of Personnel Management",
    "e.g. BPSS, SC and DV",
    "ÉCOLE DE PARIS",
    "HMRC\nDWP",
    "__AB",
    "9AB",
    "ABCDEFGH",
    "CVs and APIs",
    "Join the LAA digital team",
    "Department for Work and Pensions",
    "Head of the Government Digital Service",
    "A B C D",
    "Big-Data Team Lead",
    "MSVC++ and DALL·E",
    "see ICIJ.org",
    "ESD-controlled areas",
    "AB-C",
]


def _sample_texts(corpus: Path | None) -> list[str]:
    texts = list(ACRONYM_TEXTS) + [" ".join(ACRONYM_TEXTS), "\n".join(ACRONYM_TEXTS)]
    if corpus is not None:
        texts += [document.source.text for document in _documents(corpus, 4)]
    return texts


def _spelled_out_as_a_set(text: str) -> set[str]:
    initials = set()
    for match in re.finditer(NAME_WORDS_AS_WRITTEN, text):
        words = [w for w in re.split(r"\s+", match.group()) if w[:1].isupper()]
        for start in range(len(words)):
            for end in range(start + 2, min(len(words), start + 6) + 1):
                initials.add("".join(w[0] for w in words[start:end]).upper())
    return initials


def _check_acronym_patterns(texts):
    for text in texts:
        assert [(m.span(), m.span(1), m.span(2)) for m in acronyms_expanded.ACRONYM.finditer(text)] == [
            (m.span(), m.span(1), m.span(2)) for m in re.finditer(ACRONYM_AS_WRITTEN, text)
        ], text
        assert [m.span() for m in acronyms_expanded._NAME_WORDS.finditer(text)] == [
            m.span() for m in re.finditer(NAME_WORDS_AS_WRITTEN, text)
        ]
        spelled, expected = acronyms_expanded._spelled_out(text), _spelled_out_as_a_set(text)
        candidates = (
            {m.group(1) or m.group(2) for m in re.finditer(ACRONYM_AS_WRITTEN, text)}
            | expected
            | {"LAA", "OPM", "DWP", "AB"}
        )
        for acronym in candidates:
            if 2 <= len(acronym) <= 6:
                assert (acronym in spelled) == (acronym in expected), (acronym, text[:200])


def test_the_acronym_patterns_find_what_they_found_as_first_written():
    _check_acronym_patterns(_sample_texts(None))


def test_the_acronym_patterns_find_what_they_found_as_first_written_on_real_adverts(corpus):
    _check_acronym_patterns(_sample_texts(corpus))


def test_duty_probes_of_a_whole_run_are_tagged_in_one_batch(monkeypatch):
    from rolelint.loaders import document_from_string
    from rolelint.rulepacks import builtin_rules_dir, load_rules
    from rolelint.runner import run_rules

    rule = load_rules([builtin_rules_dir()])["RL203"]
    documents = [
        document_from_string(f"## Responsibilities\n\n- {duty}\n- Write the weekly report\n", path=f"a{n}.md")
        for n, duty in enumerate(
            [
                "Proven ability to lead teams",
                "Comfortable working with ambiguity",
                "Strong communication skills",
            ]
        )
    ]
    one_by_one = {}
    for document in documents:
        one_by_one.update(run_rules([document], [rule]))
        state_of(duties._tagging_pipeline()).verb_probes.clear()
    calls = []
    original = duties._verbs_when_read_as_duties

    def spy(fragments):
        calls.append(list(fragments))
        return original(fragments)

    monkeypatch.setattr(duties, "_verbs_when_read_as_duties", spy)
    together = run_rules(documents, [rule])
    assert together == one_by_one
    assert sum(len(found) for found in together.values()) == 3
    assert len(calls[0]) == 3  # the first call probes every document's doubtful duty (traits, RL203's findings)


def _technology_names():
    from rolelint.rulepacks import builtin_rules_dir, load_rules

    spec = load_rules([builtin_rules_dir()])["RL126"].spec
    variants = tuple((name, tuple(others)) for name, others in (spec.get("variants") or {}).items())
    return technology_names.Names.of(tuple(spec["names"]), variants)


def _near_plainly(word: str, key: str) -> bool:
    """One letter added, dropped, changed or two swapped (a Damerau-Levenshtein distance of 1)."""
    if abs(len(word) - len(key)) > 1 or word == key:
        return False
    if len(word) == len(key):
        diff = [i for i in range(len(word)) if word[i] != key[i]]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and word[diff[0]] == key[diff[1]]
            and word[diff[1]] == key[diff[0]]
        )
    short, long_ = (word, key) if len(word) < len(key) else (key, word)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _names_in_plainly(text, words, names):
    """RL126's reading of names worked out plainly: each run of words keyed as written and compared
    with every name of the list, letter by letter."""
    tn = technology_names

    def joined(run):
        return all(text[run[i][1] : run[i + 1][0]] in (" ", "-") for i in range(len(run) - 1))

    def name_run(at, shortest):
        for count in range(min(tn._LONGEST, len(words) - at), shortest - 1, -1):
            run = words[at : at + count]
            if joined(run) and tn._key(text[run[0][0] : run[-1][1]]) in names.canonical:
                return run[0][0], run[-1][1], text[run[0][0] : run[-1][1]], None, count
        return None

    def run_slip(at):
        for count in range(min(tn._LONGEST, len(words) - at), 1, -1):
            run = words[at : at + count]
            if not joined(run) or any(end - start < 2 for start, end in run):
                continue
            key = tn._key(text[run[0][0] : run[-1][1]])
            for other, name in names.canonical.items():
                if len(other) >= 8 and other[0] == key[0] and _near_plainly(key, other):
                    # a small word the name lacks ("Ruby of Rails", "Angular is") makes no slip of it
                    small = tn._SMALL_WORDS - set(name.lower().split())
                    if text[run[0][0] : run[0][1]].lower() in ("or", "and") or any(
                        text[start:end].lower() in small for start, end in run[1:]
                    ):
                        break
                    return run[0][0], run[-1][1], text[run[0][0] : run[-1][1]], name, count
        return None

    def typo_of(written):
        word = tn._key(written)
        has_digit = any(char.isdigit() for char in word)
        if not tn._SLIP_SHAPE.fullmatch(written) or (len(word) < 6 and not has_digit) or word in names.canonical:
            return None
        for key, name in names.canonical.items():
            if " " in name or "-" in name or not (len(key) >= 6 or any(c.isdigit() for c in key)):
                continue
            plural = word == key + "s" and not key.endswith("s")
            if key[0] == word[0] and not plural and _near_plainly(word, key):
                return name
        return None

    at = 0
    while at < len(words):
        found = name_run(at, 2) or run_slip(at) or name_run(at, 1)
        if found is not None:
            yield found[:4]
            at += found[4]
            continue
        start, end = words[at]
        name = typo_of(text[start:end])
        if name is not None:
            yield start, end, text[start:end], name
        at += 1


def _misspelt_names(names, seed: int) -> list[str]:
    """Texts with every listed name written right, split, joined, pluralised and one letter off."""
    random.seed(seed)
    letters = "abcdefghijklmnopqrstuvwxyz0123456789"
    texts = []
    for key, name in names.canonical.items():
        forms = [name, name.lower(), name.upper(), name.replace(" ", ""), name + "s", name.title()]
        forms += [key[:cut] + " " + key[cut:] for cut in range(1, len(key))]
        for _ in range(12):
            at = random.randrange(len(name) + 1)
            letter = random.choice(letters)
            forms += [name[:at] + letter + name[at + 1 :], name[:at] + letter + name[at:], name[:at] + name[at + 1 :]]
            forms.append(name[:at] + name[at + 1 : at + 2] + name[at : at + 1] + name[at + 2 :])
        for form in forms:
            other = random.choice(list(names.canonical.values()))
            texts += [f"We use {form}.", f"{form}, {other} and {form.lower()}", f"{other}/{form} or the {form} team"]
    # one letter from two names (GitHub and GitLab, Next.js and Nuxt.js, PostgreSQL and Postgres)
    return texts + ["Docker, Githab and Nxtjs", "Redis, postgre sq and MongoDB", "We use Gitlub and Postgresq."]


def _check_names_in(texts, names, monkeypatch):
    tn = technology_names
    for text in texts:
        words = [m.span() for m in tn._WORD.finditer(text)]
        assert list(tn._names_in(text, words, names)) == list(_names_in_plainly(text, words, names)), text
    found = [list(tn._findings(text, names)) for text in texts]
    monkeypatch.setattr(tn, "_names_in", _names_in_plainly)
    assert found == [list(tn._findings(text, names)) for text in texts]
    return sum(map(len, found))


def test_technology_names_are_read_as_by_comparing_each_with_every_name(monkeypatch):
    names = _technology_names()
    texts = _misspelt_names(names, 11)
    assert _check_names_in(texts, names, monkeypatch) > len(texts) // 3


def test_technology_names_in_real_adverts_are_read_as_by_comparing_each_with_every_name(corpus, monkeypatch):
    names = _technology_names()
    texts = [SpanInput.of(span).text for document in _documents(corpus, 6) for span in document.spans]
    assert _check_names_in(texts, names, monkeypatch) > 0
