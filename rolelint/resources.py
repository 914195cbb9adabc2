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


def shipped_rule_check(code: str) -> dict:
    """The ``check`` mapping of one of rolelint's own rule files (``RL201``'s requirement words,
    ``RL126``'s technology names), for a rule that reads another's settings when that rule is not in
    the run. Read as plain YAML: the shipped files are validated by the rule catalogue's tests, and
    loading them as rules would make a check depend on the rule loader that imports it."""
    import yaml

    for path in sorted(data_dir("rules").glob(f"*/{code}-*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return dict(data.get("check") or {})
    return {}
