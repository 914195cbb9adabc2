"""Rule packs: find, read, validate and compile rule files into Rules (rolelint.rulemodel)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Iterable

import yaml

from rolelint.checks import template_problem
from rolelint.diagnostics import Severity
from rolelint.resources import data_dir
from rolelint.rulemodel import KINDS, Rule, RuleOption, RulePackError

# libyaml's safe loader when PyYAML was built with it: rule packs load ~8x faster, which is most of
# a single-file cold start. Both build plain data only.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# --- locating packs and schemas -------------------------------------------------------------


def builtin_rules_dir() -> Path:
    """The shipped rules: inside the package in a wheel, at the repository top in a checkout."""
    return data_dir("rules")


@lru_cache(maxsize=1)
def _rule_validator():
    import jsonschema

    from rolelint.resources import load_schema

    return jsonschema.Draft202012Validator(load_schema("rule"))


# --- loading --------------------------------------------------------------------------------


# Bounds on what rule packs may hold (they are named by a config that a stranger may write): a
# folder is walked for at most MAX_PACK_ENTRIES names, and the packs of a run hold at most
# MAX_PACK_FILES rule files, each at most MAX_RULE_FILE_BYTES, MAX_PACK_BYTES in all.
MAX_PACK_ENTRIES = 20_000
MAX_PACK_FILES = 2_000
MAX_RULE_FILE_BYTES = 256_000
MAX_PACK_BYTES = 20_000_000


def rule_files(directory: Path) -> list[Path]:
    """The rule files (``*.yaml``, ``*.yml``) of one pack: the file itself, or those in the folder
    and its subfolders, walked without following links to folders; a linked file must lead inside
    the pack. RulePackError past the bounds above."""
    import os

    from rolelint.trust import is_inside, real

    directory = Path(directory)
    if directory.is_file():
        return [directory]
    if not directory.is_dir():
        raise RulePackError(f"{directory}: rule pack directory not found")
    top = real(directory)
    found: list[Path] = []
    seen = 0
    for folder, subfolders, names in os.walk(directory):
        subfolders.sort()
        seen += len(subfolders) + len(names)
        if seen > MAX_PACK_ENTRIES:
            raise RulePackError(
                f"{directory}: rule pack folder holds more than {MAX_PACK_ENTRIES:,} files and "
                "folders; a pack is a folder of rule files"
            )
        for name in sorted(names):
            path = Path(folder) / name
            if path.suffix not in (".yaml", ".yml"):
                continue
            if path.is_symlink() and not is_inside(real(path), top):
                raise RulePackError(f"{path}: a symbolic link out of the rule pack ({real(path)}); not read")
            if path.is_file():
                found.append(path)
    return sorted(found)


def pack_files(packs: Iterable[Path]) -> list[Path]:
    """The rule files of every pack in ``packs``, within the bounds on count and size."""
    return [path for _, files in packs_files(packs) for path in files]


def packs_files(packs: Iterable[Path]) -> list[tuple[Path, list[Path]]]:
    """Each pack of ``packs`` with its rule files, within the bounds on count and size."""
    found: list[tuple[Path, list[Path]]] = []
    files: list[Path] = []
    total = 0
    for pack in packs:
        found.append((Path(pack), rule_files(Path(pack))))
        for path in found[-1][1]:
            files.append(path)
            if len(files) > MAX_PACK_FILES:
                raise RulePackError(f"{pack}: the rule packs hold more than {MAX_PACK_FILES:,} rule files")
            try:
                size = path.stat().st_size
            except OSError:
                continue  # reported when it is read
            if size > MAX_RULE_FILE_BYTES:
                raise RulePackError(
                    f"{path}: rule file is {size:,} bytes, over the {MAX_RULE_FILE_BYTES:,}-byte limit for one rule"
                )
            total += size
            if total > MAX_PACK_BYTES:
                raise RulePackError(f"{pack}: the rule packs hold more than {MAX_PACK_BYTES:,} bytes of rule files")
    return found


def load_rules(dirs: Iterable[Path], *, trusted: Iterable[Path] = ()) -> dict[str, Rule]:
    """Every rule in ``dirs`` (files or directories, searched recursively), validated and compiled.

    Rules under ``trusted`` (the shipped rules, which the test suite validates) skip the JSON Schema
    check, so that a run need not import jsonschema: most of a cold start's cost beyond spaCy."""
    rules: dict[str, Rule] = {}
    trusted = {Path(t).resolve() for t in trusted}
    for directory, paths in packs_files(dirs):  # the bounds on count and size, before any file is read
        validate = directory.resolve() not in trusted
        for path in paths:
            rule = load_rule_file(path, validate=validate)
            if rule.code in rules:
                raise RulePackError(
                    f"{path}: rule {rule.code}: code already defined in {rules[rule.code].source_path}; "
                    "every rule needs its own code"
                )
            rules[rule.code] = rule
    return rules


def load_rule_file(path: Path, *, validate: bool = True) -> Rule:
    from rolelint.safefiles import read_regular

    try:
        loader = _SAFE_LOADER(read_regular(path, MAX_RULE_FILE_BYTES, follow_links=True).decode("utf-8"))
        try:
            data = loader.get_single_data()
        finally:
            loader.dispose()
    except (OSError, UnicodeDecodeError) as exc:
        raise RulePackError(f"{path}: cannot read rule file ({exc})") from None
    except yaml.YAMLError as exc:
        raise RulePackError(f"{path}: invalid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise RulePackError(f"{path}: a rule file must be a mapping with `code`, `name`, `kind` ...")
    label = f"{path}: rule {data.get('code', '?')}"
    errors = sorted(_rule_validator().iter_errors(data), key=lambda e: list(e.absolute_path)) if validate else []
    if errors:
        # jsonschema reports each missing top-level key on its own: name them all in one sentence.
        missing = [
            key
            for e in errors
            if e.validator == "required" and not e.absolute_path and isinstance(e.instance, dict)
            for key in e.validator_value
            if key not in e.instance
        ]
        missing = list(dict.fromkeys(missing))
        rest = [e for e in errors if not (e.validator == "required" and not e.absolute_path)]
        if missing:
            keys = ", ".join(f"`{key}`" for key in missing)
            what = f"missing the required key{'s' if len(missing) > 1 else ''} {keys}"
            more = f" (and {_more(len(rest))})" if rest else ""
            raise RulePackError(f"{label}: {what}{more}; see `rolelint schema rule` and docs/formats.md")
        error = errors[0]
        location = ".".join(str(p) for p in error.absolute_path)
        more = f" (and {_more(len(errors) - 1)})" if len(errors) > 1 else ""
        known = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
        if error.validator == "additionalProperties" and isinstance(error.instance, dict) and known:
            unknown = ", ".join(
                f"`{'.'.join([*map(str, error.absolute_path), key])}`" for key in error.instance if key not in known
            )
            raise RulePackError(f"{label}: unknown key {unknown} (accepted: {', '.join(known)}){more}")
        where = f"key `{location}`" if location else "the rule file"
        raise RulePackError(f"{label}: {where}: {_short(error.message)}{more}")
    if not path.name.startswith(data["code"]):
        raise RulePackError(
            f"{label}: the file name must start with the rule code ({data['code']}-{data['name']}.yaml)"
        )
    options = {}
    for name, raw in (data.get("options") or {}).items():
        option = RuleOption(
            raw["type"], raw["default"], raw["description"], choices=tuple(raw["choices"]) if "choices" in raw else None
        )
        problem = option.problem(option.default)
        if problem:
            raise RulePackError(f"{label}: key `options.{name}.default`: {problem}")
        options[name] = option
    for key in ("message", "suggestion"):
        problem = template_problem(data[key]) if isinstance(data.get(key), str) else None
        if problem:
            raise RulePackError(f"{label}: key `{key}`: {problem}")
    kind = data["kind"]
    rule = Rule(
        code=data["code"],
        name=data["name"],
        severity=Severity.parse(data["severity"]),
        enabled=data.get("enabled", True),
        kind=kind,
        scope=dict(data.get("scope") or {}),
        message=data["message"],
        suggestion=data.get("suggestion"),
        fixable=data.get("fixable", False),
        spec=data[kind],
        options=options,
        docs=data["docs"],
        examples=data["examples"],
        source_path=path,
        aliases=tuple(data.get("aliases", ())),
    )
    try:
        compiled = KINDS[kind].compile(rule)
    except ValueError as exc:
        raise RulePackError(f"{label}: key `{kind}`: {exc}") from None
    object.__setattr__(rule, "compiled", compiled)
    return rule


def _more(count: int) -> str:
    return f"{count} more error{'s' if count != 1 else ''}"


def _short(message: str, limit: int = 300) -> str:
    return message if len(message) <= limit else message[:limit] + " ..."
