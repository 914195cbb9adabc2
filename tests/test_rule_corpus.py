"""The catalogue against real adverts: Joblint's own fixtures, and public adverts that must not crash it.

Skipped when the shared corpus is absent (a user's clone does not have it).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rolelint.loaders import file_format, parse_source
from rolelint.rulepacks import builtin_rules_dir, load_rules
from rolelint.runner import run_rules
from rolelint.source import SourceText

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not present")

RULES = load_rules([builtin_rules_dir()])
ENABLED = [rule for rule in RULES.values() if rule.enabled]

# Each kind of problem Joblint's rules look for, and the rolelint codes that cover it.
JOBLINT_KINDS = {
    "gendered word": {"RL109", "RL103"},
    "gendered pronoun": {"RL110"},
    "facial hair": {"RL103"},
    "sexualised terms": {"RL105"},
    "bro terminology": {"RL103"},
    "dumb job titles": {"RL104"},
    "hollow benefits": {"RL119"},
    "competitive environment": {"RL120"},
    "new starter expectations": {"RL118"},
    "profanity": {"RL106"},
    "visionary terminology": {"RL108"},
    "legacy technology": {"RL124"},
    "development environment": {"RL125"},
    "java script": {"RL126"},
    "ruby on rail": {"RL126"},
}
# The kinds Joblint itself reports on each fixture.
EXPECTED = {
    "oh-dear.txt": set(JOBLINT_KINDS) - {"ruby on rail"},
    "ultimate.txt": set(JOBLINT_KINDS),
}


def load(path: Path):
    source = SourceText.from_bytes(str(path), path.read_bytes())
    document, _ = parse_source(source, fmt=file_format(path), kind_hint="advert")
    return document


def findings_for(paths):
    documents = [load(p) for p in paths]
    return documents, run_rules(documents, ENABLED, {})


@pytest.fixture(scope="module")
def joblint():
    names = ["oh-dear.txt", "ultimate.txt", "passing.txt"]
    documents, results = findings_for([CORPUS / "joblint-fixtures" / n for n in names])
    return {Path(d.path).name: {f.code for f in results[d.path]} for d in documents}


@pytest.mark.parametrize("fixture", sorted(EXPECTED))
def test_every_kind_joblint_finds_is_found(joblint, fixture):
    missing = [kind for kind in sorted(EXPECTED[fixture]) if not JOBLINT_KINDS[kind] & joblint[fixture]]
    assert not missing, f"{fixture}: no finding for {missing}"


def test_nothing_joblint_looks_for_is_found_in_the_passing_advert(joblint):
    covered = set().union(*JOBLINT_KINDS.values())
    assert not covered & joblint["passing.txt"]


def test_every_unfilled_moj_placeholder_is_flagged():
    paths = sorted((CORPUS / "moj-job-descriptions").rglob("*.md"))
    documents, results = findings_for(paths)
    placeholder = re.compile(
        r"\[(?:Insert [^\]]*|Closing Date|MoJ Salary Range|Allowance|Oleeo number|Interview date or week commencing)\]"
    )
    for document in documents:
        flagged = {(f.start, f.end) for f in results[document.path] if f.code == "RL101"}
        for match in placeholder.finditer(document.source.text):
            assert match.span() in flagged, f"{document.path}: {match.group(0)} at {match.start()} not flagged"


def real_adverts() -> list[Path]:
    paths = []
    for folder in ("moj-job-descriptions", "tts-18f-job-postings", "gds-service-manual-job-descriptions"):
        paths += sorted((CORPUS / folder).rglob("*.md"))
    paths += sorted((CORPUS / "gitlab-job-families").rglob("*.md"))[
        ::10
    ]  # a fixed tenth keeps the test quick; all of them run clean too
    return paths


def test_real_adverts_lint_without_crashing_and_findings_stay_in_the_file():
    documents, results = findings_for(real_adverts())
    assert len(documents) > 100
    for document in documents:
        length = len(document.source.text)
        for finding in results[document.path]:
            assert 0 <= finding.start <= finding.end <= length
            assert finding.code in RULES
