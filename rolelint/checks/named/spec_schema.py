"""The JSON Schema of each named check's ``check`` mapping: the shapes its keys share, and the message a
rule pack gets when a key holds something the check cannot read ("check.pay: 5 is not a list; give
a list of the words for pay, such as [salary, pay]"), said in YAML's words, not JSON Schema's.

A check declares the schema of each of its keys (``NamedCheck.schema``), with a ``description`` that
says what the key takes, as the rest of a sentence that starts "give ...", with an example. The
shapes below are referenced as ``#/$defs/...``: ``schema_of`` adds them to a check's schema, and
``rule_schema_with_checks`` to the rule schema that ``rolelint schema rule`` prints. jsonschema is
imported only to check a user's rule: the shipped rules are checked by the test suite.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from typing import Any

# a word or phrase of a rule's lists: a string with something besides spaces in it
WORD: dict[str, Any] = {"type": "string", "pattern": r"\S"}
# spaCy's coarse parts of speech (Universal Dependencies tags), as a token's ``pos_`` gives them
POS_TAGS = (
    "ADJ",
    "ADP",
    "ADV",
    "AUX",
    "CCONJ",
    "DET",
    "INTJ",
    "NOUN",
    "NUM",
    "PART",
    "PRON",
    "PROPN",
    "PUNCT",
    "SCONJ",
    "SYM",
    "VERB",
    "X",
)
DEFS: dict[str, dict[str, Any]] = {
    "checkWord": WORD,
    "checkWordList": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/checkWord"}},
    "checkPosTag": {"enum": list(POS_TAGS)},
}
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
# JSON Schema's types as a YAML author knows them
TYPE_WORDS = {
    "array": "a list",
    "object": "a mapping",
    "string": "a word",
    "boolean": "true or false",
    "integer": "a whole number",
    "number": "a number",
    "null": "empty",
}


def word(description: str) -> dict[str, Any]:
    """A key that holds one word or phrase."""
    return {"$ref": "#/$defs/checkWord", "description": description}


def word_list(description: str) -> dict[str, Any]:
    """A key that holds a non-empty list of words or phrases."""
    return {"$ref": "#/$defs/checkWordList", "description": description}


def mapping_of(values: dict[str, Any], description: str) -> dict[str, Any]:
    """A key that holds a non-empty mapping of words or phrases to ``values``."""
    return {
        "type": "object",
        "minProperties": 1,
        "propertyNames": {"$ref": "#/$defs/checkWord"},
        "additionalProperties": values,
        "description": description,
    }


def schema_of(named) -> dict[str, Any]:
    """The JSON Schema of a ``check`` mapping that names ``named``."""
    return {
        "$schema": SCHEMA_DIALECT,
        "type": "object",
        "required": ["name", *sorted(named.required)],
        "properties": {"name": {"const": named.name, "description": "the check's name"}, **named.schema},
        "$defs": DEFS,
    }


@cache
def _validator(named):
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema_of(named))


def spec_problem(named, spec) -> str | None:
    """What is wrong with the ``check`` mapping ``spec`` of a rule naming ``named``, as "check.KEY:
    what it holds; give what it takes", or None. The first problem in the order of the keys."""
    errors = list(_validator(named).iter_errors(spec))
    if not errors:
        return None
    order = list(named.schema)
    error = min(errors, key=lambda e: (_rank(order, e), [str(key) for key in e.absolute_path]))
    path, held = _held(error)
    said = _described(schema_of(named), path)
    return f"{_dotted(path, spec)}: {held}" + (f"; give {said}" if said else "")


def _rank(order: list[str], error) -> int:
    path = list(error.absolute_path)
    if not path and error.validator == "required":
        path = [_missing(error)]
    return order.index(path[0]) if path and path[0] in order else len(order)


def _missing(error) -> str:
    return next(key for key in error.validator_value if key not in error.instance)


def _shown(value: Any) -> str:
    """``value`` as JSON (which YAML reads too), cut short."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


def _held(error) -> tuple[list, str]:
    """The path of the key at fault and what it holds, said for the person who wrote it."""
    path, value, kind = list(error.absolute_path), error.instance, error.validator
    if kind == "required":
        return [*path, _missing(error)], "missing"
    if "propertyNames" in error.absolute_schema_path:
        what = f"a key {_shown(value)}" if kind != "pattern" else "a blank key"
        return path, f"{what} is not a word (quote yes, no, on, off and numbers)"
    if kind == "type":
        expected = [error.validator_value] if isinstance(error.validator_value, str) else error.validator_value
        quote = " (quote yes, no, on, off and numbers)" if "string" in expected and _scalar(value) else ""
        said = " or ".join(TYPE_WORDS.get(name, name) for name in expected)
        return path, f"{_shown(value)} is not {said}{quote}"
    if kind == "minItems":
        return path, "an empty list"
    if kind == "minProperties":
        return path, "an empty mapping"
    if kind == "pattern":
        return path, f"{_shown(value)} is blank"
    if kind == "enum":
        return path, f"{_shown(value)} is not one of {', '.join(map(str, error.validator_value))}"
    if kind == "additionalProperties":
        known = error.schema.get("properties", {})
        unknown = ", ".join(str(key) for key in value if key not in known)
        return path, f"unknown key {unknown} (accepted: {', '.join(known)})"
    if kind in ("anyOf", "oneOf"):
        # a form of the right type says best what is wrong: {fixable: true} lacks its replacement
        inside = [e for e in error.context if not (e.validator == "type" and not e.relative_path)]
        if inside:
            return _held(min(inside, key=lambda e: [str(key) for key in e.absolute_path]))
        return path, f"{_shown(value)} is none of the forms it takes"
    return path, error.message if len(error.message) <= 200 else error.message[:197] + "..."


def _scalar(value: Any) -> bool:
    return isinstance(value, (bool, int, float)) or value is None


def _dotted(path: list, spec: Any) -> str:
    """``path`` into the ``check`` mapping ``spec`` as "check.KEY[INDEX]": an index only into a list,
    so a number YAML read as a mapping's key shows as ``.1``, not as ``[1]``."""
    shown, node = "check", spec
    for key in path:
        shown += f"[{key}]" if isinstance(node, list) else f".{key}"
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            node = None
    return shown


def _described(schema: dict[str, Any], path: list) -> str | None:
    """The description of the deepest key along ``path`` that has one."""
    node: dict[str, Any] | None = schema
    said = None
    for key in path:
        node = _step(node, key) if node is not None else None
        if node is None:
            break
        said = node.get("description", said)
    return said


def _step(node: dict[str, Any], key) -> dict[str, Any] | None:
    """The schema of ``key`` of what ``node`` describes."""
    if "$ref" in node:
        node = DEFS[node["$ref"].rsplit("/", 1)[-1]]
    if isinstance(key, int):
        return node.get("items")
    if key in node.get("properties", {}):
        return node["properties"][key]
    if isinstance(node.get("additionalProperties"), dict):
        return node["additionalProperties"]
    return next((found for branch in node.get("anyOf", ()) if (found := _step(branch, key)) is not None), None)


def rule_schema_with_checks(schema: dict[str, Any]) -> dict[str, Any]:
    """A copy of the rule schema with the keys each named check takes: its ``check`` mapping, when it
    names a check, holds that check's keys and no others, with their descriptions (for editors).
    ``schema`` is left as it was (``resources.load_schema`` caches the one it returns)."""
    from rolelint.checks.named import CHECKS

    schema = copy.deepcopy(schema)
    defs = schema.setdefault("$defs", {})
    defs.update(DEFS)
    checks = {}
    for name, named in sorted(CHECKS.items()):
        mine = {key: value for key, value in schema_of(named).items() if key not in ("$schema", "$defs")}
        checks[name] = {**mine, "additionalProperties": False}
    defs["namedChecks"] = checks
    defs["check"]["allOf"] = [
        {
            "if": {"properties": {"name": {"const": name}}, "required": ["name"]},
            "then": {"$ref": f"#/$defs/namedChecks/{name}"},
        }
        for name in checks
    ]
    return schema
