"""Rule documentation for people: `rolelint rule CODE`, SARIF help text and docs/rules.md.

Works for every family of rule (engine RL0xx, rule-pack RL1xx/RL2xx, profession RL3xx): they share
the attributes code, name, severity, enabled, kind, fixable and docs; options and needs are optional.
"""

from __future__ import annotations

import re

from rolelint.release import docs_url, rule_anchor

_SECTIONS = (
    ("What it does", "what"),
    ("Why is this bad?", "why"),
    ("Example", "example"),
    ("Use instead", "use_instead"),
)
_FAMILIES = (
    ("RL0", "Files, parsing and schemas"),
    ("RL1", "Wording"),
    ("RL2", "Structure and readability"),
    ("RL3", "Consistency across the profession"),
)


def _one_a_sentence(rule) -> bool:
    """Whether the rule reports only the first of its matches in a sentence (one rewrite fixes both)."""
    spec = getattr(rule, "spec", None)
    return isinstance(spec, dict) and bool(spec.get("one_per_sentence"))


def rule_text(rule) -> str:
    """One rule's documentation as Markdown-flavoured text."""
    docs = getattr(rule, "docs", {}) or {}
    header = (
        f"Severity: {rule.severity.label} (by default)   Kind: {rule.kind}   "
        f"Fixable: {'yes' if getattr(rule, 'fixable', False) else 'no'}"
    )
    if not rule.enabled:
        header += "   Off by default"
    if _one_a_sentence(rule):
        header += "   One finding a sentence"
    lines = [f"{rule.code} {rule.name}", "", header, ""]
    for title, key in _SECTIONS:
        if docs.get(key):
            lines += [f"## {title}", str(docs[key]).rstrip(), ""]
    options = getattr(rule, "options", None) or {}
    if options:
        lines.append("## Options")
        lines += [
            f"- `{name}` ({option.type}, default {option.default!r}): {option.description}"
            for name, option in options.items()
        ]
        lines.append("")
    if docs.get("references"):
        lines.append("## References")
        lines += [f"- {ref}" for ref in docs["references"]]
    return "\n".join(lines).rstrip() + "\n"


def help_uri(rule) -> str:
    """The rule's section of docs/rules.md, at this version's release tag."""
    return docs_url("rules.md", rule_anchor(rule.code, rule.name))


_YAML_LINE = re.compile(r"^(?:---|[A-Za-z_][\w-]*:(?:\s|$))")


def _fence(text: str) -> list[str]:
    """A fenced code block holding ``text``: YAML for keys and front matter, else Markdown."""
    text = text.rstrip()
    language = "yaml" if _YAML_LINE.match(text) else "markdown"
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return [fence + language, text, fence]


def rule_markdown(rule) -> str:
    """One rule's documentation as Markdown with fenced examples (SARIF `help.markdown`)."""
    docs = getattr(rule, "docs", {}) or {}
    facts = [
        f"{rule.severity.label} by default",
        f"kind: {rule.kind}",
        "fixable with `--fix`" if getattr(rule, "fixable", False) else "not fixable",
    ]
    if not rule.enabled:
        facts.append("off by default")
    if _one_a_sentence(rule):
        facts.append("one finding a sentence: the first of its matches, as one rewrite fixes them all")
    lines = [f"**{rule.code} {rule.name}** ({', '.join(facts)})", ""]
    for title, key in _SECTIONS:
        value = docs.get(key)
        if not value:
            continue
        lines += [f"### {title}", ""]
        lines += _fence(str(value)) if key in ("example", "use_instead") else [str(value).rstrip()]
        lines.append("")
    options = getattr(rule, "options", None) or {}
    if options:
        lines += ["### Options", ""]
        lines += [
            f"- `{name}` ({option.type}, default `{option.default!r}`): {option.description}"
            for name, option in options.items()
        ]
        lines.append("")
    lines += ["### References", "", f"- [rolelint documentation for {rule.code}]({help_uri(rule)})"]
    lines += [f"- <{ref}>" for ref in docs.get("references") or ()]
    return "\n".join(lines).rstrip() + "\n"


def summary(rule) -> str:
    return " ".join(str((getattr(rule, "docs", {}) or {}).get("what", "")).split())


_SEVERITIES = (
    "## Severities",
    "",
    "- **error**: only what is certainly wrong and must not be published: a file that cannot be read or "
    "parsed, unsafe YAML, a value its schema forbids, a placeholder left in (RL101).",
    "- **warning**: a text rule reports at `warning` only when its findings hold up on adverts from publishers "
    'it was never run on: 80% or more worth acting on in the clean first runs of docs/precision.md ("Each rule '
    'on the clean first runs"). `--fail-on warning`, the default, fails a CI run on them.',
    "- **info**: advice worth reading whose clean record is under 80% on five findings or more (a rule with "
    "fewer keeps its severity until the evidence is in), and rules whose findings are a matter of judgement "
    "(length, reading grade, long sentences). Each such rule's docs give its figure. A rule returns to "
    "`warning` when later batches bring its record back to 80%; `tests/test_precision_benchmark.py` checks "
    "that no text rule under the bar reports above `info` (RL101 excepted, as above).",
)


def catalogue_markdown(rules: dict) -> str:
    """docs/rules.md: a table of every rule, then each rule's documentation, by family."""
    out = [
        "# Rules",
        "",
        "Generated by `rolelint rules --format markdown` from the rule files (`rules/**/*.yaml`), the engine rules "
        "(`rolelint/core_rules.py`) and the profession rules (`rolelint/profession/checks/`); edit those, not this page.",
        "",
        *_SEVERITIES,
        "",
        "| code | name | kind | severity | default | NLP | fix | what |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for code in sorted(rules):
        rule = rules[code]
        needs = ", ".join(sorted(getattr(rule, "needs", ()) or ())) or "none"
        what = summary(rule).replace("|", "\\|")
        out.append(
            f"| [{code}](#{code.lower()}-{rule.name}) | {rule.name} | {rule.kind} | {rule.severity.label} | "
            f"{'on' if rule.enabled else 'off'} | {needs} | {'yes' if getattr(rule, 'fixable', False) else ''} | {what} |"
        )
    for prefix, title in _FAMILIES:
        codes = [c for c in sorted(rules) if c.startswith(prefix)]
        if not codes:
            continue
        out += ["", f"# {prefix}xx: {title}"]
        for code in codes:
            rule = rules[code]
            text = rule_text(rule).replace("\n## ", "\n### ")
            body = text.split("\n", 1)[1].strip()
            out += ["", f"## {code} {rule.name}", "", body]
            source = getattr(rule, "source_path", None)
            if source is not None:
                out += ["", f"Source: `rules/{source.parent.name}/{source.name}`"]
    return "\n".join(out) + "\n"
