"""What a --jobs parent builds before it forks, so that its workers share it rather than each
building it for its first file: the schemas' validators and the named checks' input-free tables."""

from __future__ import annotations

from rolelint.documents import KINDS
from rolelint.schema import _validator, prepare_validators


def test_prepare_validators_builds_every_kinds_validator():
    _validator.cache_clear()
    prepare_validators()
    assert _validator.cache_info().currsize == len(KINDS)
    before = _validator.cache_info()
    for kind in KINDS:
        _validator(kind)
    assert _validator.cache_info().misses == before.misses
