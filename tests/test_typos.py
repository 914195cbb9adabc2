"""RL131 (typo): the slips it reports, with what they slipped from, and the words it leaves alone
(names, terms made of English words, code, other languages, doubled words English writes)."""

from __future__ import annotations

import re
import time

import pytest

from rolelint.api import Linter
from rolelint.config import Config, RuleSettings


@pytest.fixture(scope="module")
def linter(tmp_path_factory):
    root = tmp_path_factory.mktemp("typos")
    return Linter(Config(root=root, select=("RL131",), rules={"RL131": RuleSettings(enabled=True)}))


def slips(linter, body: str) -> list[tuple[str, str]]:
    """(the text reported, the suggestion) of each RL131 finding in an advert with ``body``."""
    result = linter.lint_text("---\nkind: advert\ntitle: Analyst\n---\n\n" + body, name="advert.md")
    found = [d.to_dict() for d in result.diagnostics if d.code == "RL131"]
    return [(re.match(r"'(.*)' (?:repeats|is not|has two)", d["message"]).group(1), d["suggestion"]) for d in found]


@pytest.mark.parametrize(
    ("body", "written", "meant"),
    [
        ("We are looking for for a new colleague.\n", "for for", "Write 'for'"),
        ("We're are a small team.\n", "We're are", "Write 'We are'"),
        ("The role is hyrbid, three days a week.\n", "hyrbid", "'hybrid'"),  # two letters swapped
        ("You will own the achitecture of the platform.\n", "achitecture", "'architecture'"),  # one left out
        ("Support the orpghan care programme.\n", "orpghan", "'orphan'"),  # one added
        ("We build productsand services.\n", "productsand", "'products and'"),  # run together
        ("You willjoin our platform team.\n", "willjoin", "'will join'"),
        ("Effectively manageme several databases.\n", "manageme", "'management'"),  # cut short
        ("All g enuine recruiters use our domain.\n", "g enuine", "'genuine'"),  # a stray letter
        # capitalised only because it opens a sentence or a list item
        ("Hyrbid working at Acme, with iPhones.\n", "Hyrbid", "'Hybrid'"),
        ("- Apitude for providing leadership\n", "Apitude", "'Aptitude'"),
        ("We ask for one thing. Susbtantial European overlap.\n", "Susbtantial", "'Substantial'"),
        # before a verb, a slip of an adverb or an adjective, which is no subject
        ("- Startegically works with partners\n", "Startegically", "'Strategically'"),
        ("- Proficienct in English, written and spoken\n", "Proficienct", "'Proficient'"),
        # capitalised as a word of a title-case phrase, beside a capitalised English word
        ("- Project Porfolio\n", "Porfolio", "'Portfolio'"),
        ("You will join complex Sofware Development projects.\n", "Sofware", "'Software'"),
        ("The Senior Channel Prgoram Manager reports to the director.\n", "Prgoram", "'Program'"),
        # the shift key held too long: the word with one capital is English, or the name written elsewhere
        ("PLease send us your CV.\n", "PLease", "'Please'"),
        ("Share it on LInkedIn and Indeed.\n\nSee linkedin.com/company/acme.\n", "LInkedIn", "'LinkedIn'"),
    ],
)
def test_reports_a_slip_with_what_it_slipped_from(linter, body, written, meant):
    [(found, suggestion)] = slips(linter, body)
    assert found == written
    assert meant in suggestion


@pytest.mark.parametrize(
    "body",
    [
        # doubled on purpose, across a line break, or a name
        "What he had had was enough, and the fact that that happened helped.\n",
        "We are looking for\nfor a new colleague.\n",
        "- Apply for\n- for the role\n",
        "Our office is near Walla Walla.\n",
        # a double negative, written on purpose
        "You can't not love this team, and we won't not answer.\n",
        # a pronoun and "self" is not two words run together
        "Each lead will manage themself and their time.\n",
        # newer words made as English makes words, and technologies RL126 knows
        "Our codebase runs on microservices; mentorship is part of onboarding.\n",
        "We work collaboratively on the roadmap and the backend.\n",
        "We use kubernetes, postgres and terraform.\n",
        # capitalised words, digits, inner capitals, code, addresses, abbreviations
        "We met at Hyrbid Labs, with iPhones and k8s clusters.\n",
        # a capitalised word that opens a sentence but reads as a name: short, alone, or before a name
        "Most give their time freely. Hurray!\n",
        "Nabil Khatib, recruiter, will reply.\n",
        "Ask Harriet Vandermeer, our Recruiting Partner.\n",
        "- Geth or Parity\n",
        "- Lucene (Solr, Elastic Search)\n",
        # a name as the subject of the verb after it
        "Marek leads the data team.\n",
        "Kiran will be your manager.\n",
        "Sebastian will be your manager.\n",
        "Divya leads onboarding.\n",
        "Gousto is one of our clients.\n",
        "Trussle was acquired last year.\n",
        # never two words run together in a capitalised word ("Be than", "Have ring", "Public is")
        "Bethan runs design.\n",
        "Havering residents get priority.\n",
        "We joined the Publicis Sapient Partner programme.\n",
        # a name before an organisation's noun
        "Forrester Research named us a leader.\n",
        "We work with Brightwell Council and Marchmont University.\n",
        # two capitals as a name or an abbreviation writes them
        "We use CTcue. CTcue runs daily, on VMware with JBoss.\n",
        "An MSc or a BSc; send your CVs and open PRs.\n",
        "- RIBA Part 2 (MArch)\n",
        "A BArch or MArch degree, or an MPhil.\n",
        "See github.com/example/hyrbid or email hyrbid@example.com, and run `hyrbid_setup`.\n",
        "We pay approx. 20% above the market; mgmt training included.\n",
        # a word with no English word one slip away, and a term used twice in different places
        "Join our hackathons.\n",
        "We have a foosball table. Everyone loves foosball here.\n",
        # an item of a list of names, and a passage in another language
        "Tools we use: Jira, git, selenium, appium, Jmeter.\n",
        "Publiée le 26 septembre 2025.\n",
    ],
)
def test_leaves_alone(linter, body):
    assert slips(linter, body) == []


def test_a_word_in_allow_is_not_reported(tmp_path):
    config = Config(
        root=tmp_path,
        select=("RL131",),
        rules={"RL131": RuleSettings(enabled=True, options={"allow": ["hyrbid"]})},
    )
    result = Linter(config).lint_text("The role is hyrbid.\n", name="advert.md")
    assert not [d for d in result.diagnostics if d.code == "RL131"]


def test_a_word_in_allow_is_not_reported_with_two_capitals(tmp_path):
    config = Config(
        root=tmp_path,
        select=("RL131",),
        rules={"RL131": RuleSettings(enabled=True, options={"allow": ["email"]})},
    )
    result = Linter(config).lint_text("Send us an EMail today.\n", name="advert.md")
    assert not [d for d in result.diagnostics if d.code == "RL131"]


def test_a_degree_is_not_reported_unless_left_out_of_degrees(tmp_path):
    text = "A BArch or MArch degree.\n"
    default = Config(root=tmp_path, select=("RL131",))
    assert not Linter(default).lint_text(text, name="advert.md").diagnostics
    emptied = Config(root=tmp_path, select=("RL131",), rules={"RL131": RuleSettings(options={"degrees": []})})
    [found] = Linter(emptied).lint_text(text, name="advert.md").diagnostics
    assert found.suggestion == "Did you mean 'March'?"  # "Barch" is no English word


def test_a_spans_title_case_is_worked_out_once(linter, monkeypatch):
    from rolelint.checks.named import typos

    calls = []
    title_case = typos._CapitalReading.title_case

    def counted(self):
        calls.append(self._title_case is None)  # True: worked out by this call
        return title_case(self)

    monkeypatch.setattr(typos._CapitalReading, "title_case", counted)
    # after a sentence's first word, each is read only if the whole span is in title case: it is not
    body = "Senior Adminstrator, then. Principal Archtiecture, too. Both were asked about by the test here.\n"
    assert slips(linter, body) == []
    assert calls == [True, False]


def test_short_words_are_checked_from_min_length(tmp_path):
    text = "Join the taem today.\n"
    shorter = Config(root=tmp_path, select=("RL131",), rules={"RL131": RuleSettings(options={"min_length": 5})})
    assert not [d for d in Linter(shorter).lint_text(text, name="advert.md").diagnostics if d.code == "RL131"]
    default = Config(root=tmp_path, select=("RL131",))
    assert [d.code for d in Linter(default).lint_text(text, name="advert.md").diagnostics] == ["RL131"]


# ---- state: each Linter keeps its own verdicts -------------------------------------------------------

PACK_RULE = """\
code: XX126
name: our-product-names
severity: warning
kind: check
message: "'{match}' is misspelt; it is '{replacement}'"
suggestion: "{replacement}"
check:
  name: technology_names
  names: [Hyrbid]
docs:
  what: Our product's name, written as we write it.
  why: A misspelt name looks careless.
  example: "Try hybrid."
  use_instead: "Try Hyrbid."
  references: ["https://example.com/names"]
examples:
  fail: ["Try HyrBid."]
  pass: ["Try Hyrbid."]
"""


def test_linters_of_other_rule_sets_keep_their_own_verdicts(tmp_path):
    """A word judged for one rule set (whose pack names it a technology) is judged again for another
    in the same process, whichever runs first, and each keeps its verdict when they alternate."""
    (tmp_path / "pack").mkdir()
    (tmp_path / "pack" / "XX126-names.yaml").write_text(PACK_RULE, encoding="utf-8")
    named = Linter(Config(root=tmp_path, select=("RL131", "XX126"), rule_packs=(tmp_path / "pack",)))
    default = Linter(Config(root=tmp_path, select=("RL131",)))
    text = "The role is hyrbid, three days a week.\n"
    for _ in range(2):
        assert slips(named, text) == []
        assert [found for found, _ in slips(default, text)] == ["hyrbid"]


def test_linters_of_other_options_keep_their_own_verdicts(tmp_path):
    allowing = Linter(
        Config(root=tmp_path, select=("RL131",), rules={"RL131": RuleSettings(options={"allow": ["hyrbid"]})})
    )
    default = Linter(Config(root=tmp_path, select=("RL131",)))
    text = "The role is hyrbid, three days a week.\n"
    for _ in range(2):
        assert [found for found, _ in slips(default, text)] == ["hyrbid"]
        assert slips(allowing, text) == []


# ---- hostile input ------------------------------------------------------------------------------------


def test_an_advert_full_of_slips_is_read_in_linear_time(linter):
    """Each slip is weighed against the whole document (is it a name written elsewhere?): from one
    index of its words, not a search of it per slip, so four times the text takes about four times
    as long, not sixteen."""

    def seconds(paragraphs: int) -> float:
        body = "".join(f"Team {n}: the role is hyrbid, three days a week in the office.\n\n" for n in range(paragraphs))
        best = float("inf")
        for _ in range(2):
            started = time.perf_counter()
            found = slips(linter, body)
            best = min(best, time.perf_counter() - started)
        assert len(found) == paragraphs
        return best

    small, large = seconds(500), seconds(2000)
    assert large / small < 8, (small, large)


def test_the_verdicts_kept_are_bounded(monkeypatch):
    from rolelint.checks.named import typos
    from rolelint.nlp.pipeline import load_pipeline

    monkeypatch.setattr(typos, "MAX_REMEMBERED", 5)
    nlp = load_pipeline({"tokens"})
    judge = typos._Judge(nlp, None, 4, frozenset())
    for word in ("team", "hyrbid", "roadmap", "platform", "achitecture", "orpghan", "weekly", "productsand"):
        judge.forget_when_full()  # as each document starts
        judge.judge({nlp.vocab.strings.add(word)}, nlp.vocab.strings)
    assert 0 < len(judge.verdicts) <= 5
    assert judge.flagged <= set(judge.verdicts)


@pytest.mark.parametrize(
    ("source", "names"),
    [
        ("Twilio runs our SMS. We use twilio for alerts.\n", {"twilio"}),
        ("# Hyrbid role\n\nThe role is hyrbid.\n\nThe role is hyrbid.\n", {"hyrbid"}),
        ("We have a foosball table. Everyone loves foosball here. A foosball-ish mood, foosball_x.\n", {"foosball"}),
        ("The role is hyrbid, three days a week.\n", set()),
        ("Séance, séance and SÉANCE: café-style Café.\n", {"séance", "café"}),
    ],
)
def test_the_index_of_a_documents_words_tells_a_name_from_a_slip(source, names):
    from rolelint.checks.named.typos import _WordIndex

    index = _WordIndex(source)
    for word in ("twilio", "hyrbid", "foosball", "séance", "café", "absent"):
        assert index.a_name(word) == (word in names), word


@pytest.mark.parametrize(
    ("text", "word", "opens"),
    [
        ("Apitude for leadership", "Apitude", True),  # the span's first word
        ("We lead. Apitude helps", "Apitude", True),  # a sentence's
        ("A: Responsibilities 1 Techinical Design", "Techinical", True),  # a numbered item's
        ("Cell one | Techinical cell", "Techinical", True),  # a table cell's
        ("Join the Techinical team", "Techinical", False),  # inside a sentence
    ],
)
def test_a_word_opens_a_sentence_item_or_cell(text, word, opens):
    from rolelint.checks.named.typos import _opens
    from rolelint.nlp.pipeline import load_pipeline

    doc = load_pipeline({"tokens"}).make_doc(text)
    [i] = [token.i for token in doc if token.text == word]
    assert _opens(doc, i) == opens
