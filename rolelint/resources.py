"""Where the shipped schemas and rule packs live: inside the wheel, or at the top of a checkout."""

from __future__ import annotations

import json
from functools import cache
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


@cache
def load_schema(name: str) -> dict:
    """A shipped JSON Schema by short name (``framework``, ``role``, ``advert``, ``config``, ``rule``)."""
    path = schemas_dir() / f"{name}.schema.json"
    with path.open(encoding="utf-8") as handle:
        schema = json.load(handle)
    if name == "rule":
        _list_formats(schema)
    return schema


def _list_formats(schema: dict) -> None:
    """A rule's ``scope.formats`` takes the names of the input formats there are (rolelint.formats)."""
    from rolelint.formats import FORMATS

    for node in _subschemas(schema):
        formats = node.get("properties", {}).get("formats")
        if isinstance(formats, dict) and formats.get("type") == "array":
            formats["items"] = {"enum": list(FORMATS)}


def _subschemas(node):
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _subschemas(value)
    elif isinstance(node, list):
        for value in node:
            yield from _subschemas(value)
