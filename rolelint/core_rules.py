"""The RL0xx diagnostics that the engine itself raises (files, parsing, schemas, suppressions).

They are not text rules, so they live here rather than in a rule pack; each still has a stable code,
a default severity and documentation in the same shape as every other rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rolelint.diagnostics import Severity


@dataclass(frozen=True)
class CoreRule:
    code: str
    name: str
    severity: Severity
    summary: str
    docs: dict = field(default_factory=dict)
    kind: str = "engine"
    enabled: bool = True
    fixable: bool = False


def _rule(code, name, severity, what, why, example, use_instead):
    return CoreRule(
        code,
        name,
        severity,
        what,
        {
            "what": what,
            "why": why,
            "example": example,
            "use_instead": use_instead,
            "references": [],
        },
    )


CORE_RULES: dict[str, CoreRule] = {
    r.code: r
    for r in [
        _rule(
            "RL001",
            "parse-error",
            Severity.ERROR,
            "The file's YAML (or a Markdown file's front matter) cannot be parsed.",
            "Nothing in a file that does not parse can be checked, and tools that publish it will fail too.",
            "title: [Senior product manager\nlevel: senior",
            "title: Senior product manager\nlevel: senior",
        ),
        _rule(
            "RL002",
            "unreadable-file",
            Severity.ERROR,
            "The file or directory cannot be read (permissions, a broken link, a loop of links).",
            "A file rolelint cannot read is a file nobody has checked.",
            "A directory with mode 000 inside the roles repo.",
            "Fix the permissions, or exclude the path in the config.",
        ),
        _rule(
            "RL003",
            "empty-document",
            Severity.WARNING,
            "The file is empty, its top level is not a mapping, or an advert has front matter but no text "
            "(a site's front matter whose own keys hold a sentence or more of prose is the advert's text).",
            "An empty role definition or advert is almost always a mistake left in a commit.",
            "---\ntitle: Product manager\n---\n",
            "---\ntitle: Product manager\n---\n# Product manager\n\nAbout the role ...",
        ),
        _rule(
            "RL004",
            "encoding-error",
            Severity.ERROR,
            "The file is binary or not valid UTF-8; the finding gives the byte offset of the first bad byte.",
            "Text in a legacy encoding shows up garbled on job boards and cannot be checked reliably.",
            "A file saved as Windows-1252 containing 'caf\\xe9'.",
            "Save the file as UTF-8, or set `encoding_fallback: cp1252` in the config.",
        ),
        _rule(
            "RL005",
            "file-too-large",
            Severity.ERROR,
            "The file is larger than `max_file_size` (default 5 MB, at most 10 MB) and was not linted.",
            "Role definitions and adverts are small; a huge file is usually generated or misplaced. It is an "
            "error, not a warning, so that an advert cannot hide its wording from a gate by padding itself "
            "past the limit.",
            "A 40 MB export committed into adverts/.",
            "Exclude generated files, or split the file; `max_file_size` can be raised up to 10 MB.",
        ),
        _rule(
            "RL006",
            "unknown-kind",
            Severity.INFO,
            "A YAML file has no `kind:` key and matches none of the config's `kinds:` globs, so it was skipped.",
            "rolelint cannot tell a framework from a role or an advert without one of these.",
            "title: Product manager\nlevels: []",
            "kind: role\nid: product-manager\ntitle: Product manager\n...",
        ),
        _rule(
            "RL007",
            "duplicate-key",
            Severity.ERROR,
            "A YAML mapping repeats a key with another value (a key repeated with the same value loses nothing and is not reported).",
            "YAML parsers keep only one of the values, silently; the other is lost.",
            "title: Product manager\ntitle: Senior product manager",
            "title: Senior product manager",
        ),
        _rule(
            "RL008",
            "unsafe-yaml",
            Severity.ERROR,
            "The YAML uses a language-specific tag, nests too deeply, or expands aliases into an enormous document.",
            "rolelint never constructs objects from tags or expands alias bombs: it reads plain data only.",
            "salary: !!python/object/apply:os.system ['echo hi']",
            "salary: {min: 40000, max: 48000, currency: GBP}",
        ),
        _rule(
            "RL009",
            "unused-suppression",
            Severity.WARNING,
            "A suppression comment suppresses nothing.",
            "Stale suppressions hide future problems and mislead readers.",
            "We hire product managers. <!-- rolelint-disable-line RL104 -->",
            "Remove the comment, or name the code it is really meant for.",
        ),
        _rule(
            "RL010",
            "schema-violation",
            Severity.ERROR,
            "A value does not fit the published JSON Schema for its kind of document (type, allowed values, form).",
            "Other tools and rolelint's profession checks rely on these fields having the documented shape.",
            "kind: advert\nsalary: {min: forty thousand}",
            "kind: advert\nsalary: {min: 40000, max: 48000, currency: GBP}",
        ),
        _rule(
            "RL011",
            "unknown-key",
            Severity.WARNING,
            "A key that the schema does not define (often a typo; the message suggests the closest known key).",
            "A misspelt key is silently ignored by everything that reads the file.",
            "kind: role\ntitel: Product manager",
            "kind: role\ntitle: Product manager",
        ),
        _rule(
            "RL012",
            "front-matter-not-read",
            Severity.INFO,
            "Front matter in a syntax rolelint does not read (it reads YAML, TOML and JSON); its keys are not checked.",
            "The block is still front matter, so its lines are not linted as the advert's text; but keys such as "
            "`salary` or `location` in it are not seen.",
            "---js\n{ title: 'Product manager' }\n---",
            '---json\n{"title": "Product manager"}\n---',
        ),
        _rule(
            "RL013",
            "rule-gave-up",
            Severity.ERROR,
            "A regex rule, or a rule pack's token-pattern rule, spent its time budget on this document and stopped; "
            "its findings there are incomplete.",
            "rolelint never lets one rule hold up a run, but a document a rule did not finish has not been checked "
            "by it: an error, so that a gate does not pass it by default.",
            "A 5 MB advert and a rule pack pattern with many bounded repeats.",
            "Split the document, or simplify the rule's pattern.",
        ),
    ]
}
