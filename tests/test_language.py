"""Adverts not (all) in English: detected, reported once (RL210), skipped by English wording rules,
and checked by a rule pack for their language. The Welsh and French here are written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import write
from test_cli import rolelint

from rolelint.language import ENGLISH, span_languages

ENGLISH_HALF = """\
# Product manager

## About the role

We are looking for a product manager to join our digital team in Cardiff. You will work with
designers, researchers and engineers to improve the online services that people use to pay their
council tax and to report problems in their street.

## Salary

The salary is £52,000 to £58,000 a year, with a pension and 28 days of annual leave.
"""
# One long sentence (over 25 words, which RL205 would flag in English), an acronym never expanded
# (GIG, which RL127 would flag), and the word "gwasanaeth" for the rule pack below.
WELSH_HALF = """\
# Rheolwr cynnyrch

## Am y rôl

Rydym yn chwilio am reolwr cynnyrch i ymuno â'n tîm digidol yng Nghaerdydd, lle byddwch yn gweithio
gyda dylunwyr, ymchwilwyr a pheirianwyr i wella'r gwasanaeth ar-lein y mae pobl yn ei ddefnyddio i
dalu eu treth gyngor ac i roi gwybod am broblemau yn eu stryd bob dydd.

Byddwch hefyd yn gweithio gyda thimau'r GIG ar wasanaethau iechyd newydd.

## Cyflog

Y cyflog yw £52,000 i £58,000 y flwyddyn, gyda phensiwn a 28 diwrnod o wyliau blynyddol.
"""
FRENCH = """\
# Chef de produit

Nous recherchons un chef de produit pour rejoindre notre équipe numérique à Lyon. Vous travaillerez
avec des designers, des chercheurs et des développeurs pour améliorer les services en ligne que nos
clients utilisent chaque jour, et vous expliquerez vos choix à toute l'équipe.
"""


def _rule(code: str, languages: str | None) -> str:
    """A rule pack rule finding the Welsh word for service, reading ``languages`` (default: English)."""
    lines = [
        f"code: {code}",
        f"name: says-service-{code.lower()}",
        "severity: warning",
        "enabled: true",
        "kind: phrase",
    ]
    if languages:
        lines += ["scope:", f"  languages: {languages}"]
    lines += [
        "message: \"'{match}' found\"",
        "phrase:",
        "  match: lower",
        "  phrases: [gwasanaeth]",
        "docs:",
        "  what: Finds the Welsh word for service.",
        "  why: To show which text a rule reads.",
        "  example: Y gwasanaeth",
        "  use_instead: Y tîm",
        "  references: []",
        "examples:",
        '  fail: ["Mae\'r gwasanaeth yn dda."]',
        '  pass: ["Mae\'r tîm yn dda."]',
    ]
    return "\n".join(lines) + "\n"


def lint(repo: Path, *args: str) -> list[dict]:
    run = rolelint("check", "--no-cache", "--format", "json", "--fail-on", "never", *args, cwd=repo)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)["diagnostics"]


def test_a_bilingual_advert_is_reported_once_and_its_welsh_half_skipped_by_english_rules(repo):
    write(repo, "advert.md", ENGLISH_HALF + "\n" + WELSH_HALF)
    welsh_from = ENGLISH_HALF.count("\n") + 2
    found = lint(repo)
    notices = [d for d in found if d["code"] == "RL210"]
    assert len(notices) == 1 and notices[0]["severity"] == "info"
    assert "of the text is in Welsh" in notices[0]["message"] and notices[0]["line"] == welsh_from
    english_rules_in_welsh = [d for d in found if d["line"] >= welsh_from and d["code"] != "RL210"]
    assert english_rules_in_welsh == []


def test_english_rules_do_flag_a_long_sentence_where_the_welsh_one_was(repo):
    """The control for the test above: RL205 fires on a long English sentence in the same place, so
    its silence on the Welsh one is the language, not the place."""
    long_english = (
        "We are looking for a product manager to join our digital team in Cardiff, where you will work "
        "with designers, researchers and engineers to improve the online service that people use to pay "
        "their council tax and to report problems in their street every day."
    )
    write(repo, "advert.md", ENGLISH_HALF + "\n" + WELSH_HALF.replace(WELSH_HALF.split("\n\n")[2], long_english))
    assert "RL205" in {d["code"] for d in lint(repo)}


def test_a_french_advert_is_all_french_and_english_document_rules_stay_quiet(repo):
    write(repo, "annonce.md", FRENCH)
    found = lint(repo)
    assert [d["code"] for d in found] == ["RL210"]
    assert found[0]["message"].startswith("All of the text is in French")


def test_a_rule_pack_for_welsh_reads_only_the_welsh_text(repo):
    write(repo, "welsh/XX101-welsh.yaml", _rule("XX101", "[cy]"))
    write(repo, "welsh/XX102-english.yaml", _rule("XX102", None))
    write(repo, "welsh/XX103-any.yaml", _rule("XX103", "[any]"))
    write(repo, ".rolelint.yaml", "rule_packs: [welsh/]\n")
    english_with_the_word = ENGLISH_HALF.replace("online services", "online services (gwasanaeth)")
    write(repo, "advert.md", english_with_the_word + "\n" + WELSH_HALF)
    welsh_from = english_with_the_word.count("\n") + 2
    found = [(d["code"], d["line"] >= welsh_from) for d in lint(repo, "--select", "XX")]
    assert sorted(found) == [("XX101", True), ("XX102", False), ("XX103", False), ("XX103", True)]
    tested = rolelint("rules", "test", "welsh", cwd=repo)
    assert tested.returncode == 0, tested.stdout


def test_english_adverts_with_skill_lists_stay_english():
    texts = [
        "Data engineer",
        "Python, SQL, dbt, Airflow, Kafka, Terraform, Kubernetes, Docker, AWS, GCP",
        "Postgres, BigQuery, Snowflake, Spark, Flink, Looker, Tableau, Grafana, Prometheus, Loki",
        "You will build the pipelines that bring our data together, with the rest of the data team.",
    ]
    found = span_languages(texts, [True, False, False, False])
    assert set(found.spans) == {ENGLISH} and found.others == ()


def test_short_spans_take_the_language_of_their_neighbours():
    welsh = "Rydym yn chwilio am reolwr cynnyrch i ymuno â'n tîm digidol yng Nghaerdydd heddiw"
    english = "We are looking for a product manager to join our digital team in Cardiff today"
    texts = ["Salary", english * 2, "Cyflog", welsh * 2, "Gwyliau"]
    found = span_languages(texts, [True, False, True, False, False])
    assert found.spans == ("en", "en", "cy", "cy", "cy")


def test_the_welsh_rule_pack_in_docs_languages_md_passes_its_own_examples(tmp_path):
    import re

    from conftest import REPO

    page = (REPO / "docs" / "languages.md").read_text(encoding="utf-8")
    rule = re.search(r"```yaml\n# team-rules/cy/(XY101-[a-z-]+\.yaml)\n(.*?)```", page, re.S)
    write(tmp_path, f"team-rules/cy/{rule.group(1)}", rule.group(2))
    tested = rolelint("rules", "test", "team-rules/cy", cwd=tmp_path)
    assert tested.returncode == 0 and "2 passed, 0 failed" in tested.stdout, tested.stdout


def _packed_model() -> Path:
    from py3langid.langid import MODEL_DIR, MODEL_FILE

    return MODEL_DIR / MODEL_FILE


SAMPLES = [WELSH_HALF, ENGLISH_HALF, "Nous recherchons une cheffe de produit pour notre équipe numérique."]


def test_the_detector_read_from_its_unpacked_model_is_py3langids_own(tmp_path):
    from py3langid.langid import LanguageIdentifier

    from rolelint.language import load_identifier

    ours = load_identifier(cache_folder=tmp_path)
    theirs = LanguageIdentifier.from_model_file(_packed_model(), norm_probs=True)
    assert (ours.nb_ptc == theirs.nb_ptc).all() and (ours.nb_pc == theirs.nb_pc).all()
    assert ours.nb_classes == theirs.nb_classes
    assert (ours.tk_nextmove, ours.tk_row, ours.tk_output) == (theirs.tk_nextmove, theirs.tk_row, theirs.tk_output)
    assert [ours.classify(text) for text in SAMPLES] == [theirs.classify(text) for text in SAMPLES]


def test_the_detectors_model_is_unpacked_once_and_read_from_the_copy_after(tmp_path, monkeypatch):
    import lzma

    from rolelint.language import load_identifier

    first = load_identifier(_packed_model(), tmp_path / "cache")
    [unpacked] = (tmp_path / "cache").glob("language-model-*.npz")

    def no_unpacking(*args, **kwargs):
        raise AssertionError("unpacked again")

    monkeypatch.setattr(lzma, "open", no_unpacking)  # only the copy can serve now
    second = load_identifier(_packed_model(), tmp_path / "cache")
    assert [second.classify(text) for text in SAMPLES] == [first.classify(text) for text in SAMPLES]
    assert list((tmp_path / "cache").iterdir()) == [unpacked]


def test_installations_of_the_same_model_share_one_unpacked_copy(tmp_path, monkeypatch):
    """Two copies of py3langid's model file (a project's and pre-commit's installation, with other
    paths and times) read one unpacked copy: neither unpacks it again nor removes the other's."""
    import lzma
    import os
    import shutil

    from rolelint.language import unpacked_model

    mine, theirs = tmp_path / "a" / "model.npz.xz", tmp_path / "b" / "model.npz.xz"
    for path in (mine, theirs):
        path.parent.mkdir()
        shutil.copyfile(_packed_model(), path)
    os.utime(theirs, ns=(0, 10**18))
    first = unpacked_model(mine, tmp_path / "cache")
    [unpacked] = (tmp_path / "cache").glob("language-model-*.npz")

    def no_unpacking(*args, **kwargs):
        raise AssertionError("unpacked again")

    monkeypatch.setattr(lzma, "open", no_unpacking)
    second = unpacked_model(theirs, tmp_path / "cache")
    assert (second["ptc"] == first["ptc"]).all()
    assert list((tmp_path / "cache").iterdir()) == [unpacked]


def test_a_torn_unpacked_model_is_unpacked_again(tmp_path):
    from rolelint.language import load_identifier

    whole = load_identifier(cache_folder=tmp_path)
    [unpacked] = tmp_path.glob("language-model-*.npz")
    size = unpacked.stat().st_size
    with unpacked.open("r+b") as file:
        file.truncate(size // 2)
    again = load_identifier(cache_folder=tmp_path)
    assert [again.classify(text) for text in SAMPLES] == [whole.classify(text) for text in SAMPLES]
    assert unpacked.stat().st_size == size


def test_a_model_that_does_not_fit_together_is_no_model(tmp_path):
    import numpy as np

    from rolelint.language import unpacked_model

    arrays = unpacked_model(_packed_model(), tmp_path)
    [unpacked] = tmp_path.glob("language-model-*.npz")
    # a transition to a state past the last one: classifying would index out of bounds
    bad = dict(arrays, nextmove=np.full_like(arrays["nextmove"], len(arrays["nextmove_row"])))
    np.savez(unpacked, **bad)
    again = unpacked_model(_packed_model(), tmp_path)
    assert (again["nextmove"] == arrays["nextmove"]).all()


def test_an_unpacked_model_behind_a_link_is_not_read(tmp_path):
    from rolelint.language import unpacked_model

    unpacked_model(_packed_model(), tmp_path / "cache")
    [unpacked] = (tmp_path / "cache").glob("language-model-*.npz")
    elsewhere = tmp_path / "elsewhere.npz"
    unpacked.rename(elsewhere)
    unpacked.symlink_to(elsewhere)
    unpacked_model(_packed_model(), tmp_path / "cache")
    assert not unpacked.is_symlink() and unpacked.stat().st_size == elsewhere.stat().st_size


def test_the_detector_unpacks_nothing_where_its_cache_folder_cannot_be_made(tmp_path):
    from rolelint.language import load_identifier

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    identifier = load_identifier(cache_folder=blocker / "cache")
    assert identifier.classify(ENGLISH_HALF)[0] == ENGLISH
