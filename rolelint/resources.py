"""Where the shipped schemas and rule packs live: inside the wheel, or at the top of a checkout."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """``rolelint/<name>`` in an installed wheel; ``<checkout>/<name>`` in a source tree."""
    packaged = _PACKAGE / name
    if packaged.is_dir():
        return packaged
    return _PACKAGE.parent / name


def schemas_dir() -> Path:
    return data_dir("schemas")


SCHEMA_NAMES = ("framework", "role", "advert", "config", "rule")


@lru_cache(maxsize=None)
def load_schema(name: str) -> dict:
    """A shipped JSON Schema by short name (``framework``, ``role``, ``advert``, ``config``, ``rule``)."""
    path = schemas_dir() / f"{name}.schema.json"
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)
