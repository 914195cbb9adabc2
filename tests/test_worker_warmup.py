"""What a --jobs parent builds before it forks, so that its workers share it rather than each
building it for its first file: the schemas' validators and the named checks' input-free tables."""

from __future__ import annotations

from rolelint.checks.named import technology_names
from rolelint.documents import KINDS
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
