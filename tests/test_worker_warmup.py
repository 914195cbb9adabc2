"""What a --jobs parent builds before it forks, so that its workers share it rather than each
building it for its first file: the schemas' validators and the named checks' input-free tables."""

from __future__ import annotations

import pytest

from rolelint.checks.named import expertise_breadth, technology_names, typos
from rolelint.documents import KINDS
from rolelint.resources import shipped_rule_check
from rolelint.schema import _validator, prepare_validators


class _Rule:
    """The part of a rule a named check's ``prepare`` reads (weakly referable, as rules are)."""

    def __init__(self, spec: dict):
        self.spec = spec


def test_prepare_validators_builds_every_kinds_validator():
    _validator.cache_clear()
    prepare_validators()
    assert _validator.cache_info().currsize == len(KINDS)
    before = _validator.cache_info()
    for kind in KINDS:
        _validator(kind)
    assert _validator.cache_info().misses == before.misses


def test_technology_names_prepare_builds_the_rules_table():
    spec = {"name": "technology_names", "names": ["PostgreSQL", "Warmup-Only-Name"], "variants": {}}
    technology_names.prepare([_Rule(spec)], None)
    before = technology_names.Names.of.cache_info()
    technology_names._names_of(spec)
    after = technology_names.Names.of.cache_info()
    assert (after.hits, after.misses) == (before.hits + 1, before.misses)


def test_expertise_breadth_prepare_builds_the_scale_and_reads_the_requirement_words():
    spec = {**shipped_rule_check("RL132"), "name": "expertise_breadth"}
    spec["top"] = [*spec["top"], "warmup-only-word"]  # a scale no other test built
    expertise_breadth.catalogue_requirement_words.cache_clear()
    expertise_breadth.prepare([_Rule(spec)], None)
    assert expertise_breadth.catalogue_requirement_words.cache_info().currsize == 1
    before = expertise_breadth.Scale.of.cache_info()
    expertise_breadth._scale_of(spec)
    after = expertise_breadth.Scale.of.cache_info()
    assert (after.hits, after.misses) == (before.hits + 1, before.misses)


def test_prepare_of_a_set_without_the_check_builds_nothing():
    expertise_breadth.catalogue_requirement_words.cache_clear()
    expertise_breadth.prepare([_Rule({"name": "typos"})], None)
    assert expertise_breadth.catalogue_requirement_words.cache_info().currsize == 0


def test_typos_prepare_makes_the_pipelines_english_words():
    from rolelint.nlp import load_pipeline
    from rolelint.nlp.state import state_of

    nlp = load_pipeline({"lemma"})
    typos.prepare([_Rule({"name": "typos"})], nlp)
    state = state_of(nlp)
    for key in (("english",), ("composition",), ("word classes",)):
        state.lasting(key, lambda key=key: pytest.fail(f"{key} was not made by prepare"))
