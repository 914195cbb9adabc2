"""RL126's check: a widespread technology's name written in a form that is not its own ("Java Script",
"Tensorflow", "mySQL", "Postgress"), from the rule file's list of canonical names."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from rolelint.checks.named.model import NamedCheck
from rolelint.checks.named.spec_schema import mapping_of, word_list
from rolelint.slips import one_letter_from

# A word as a technology name is written: letters and digits, one inner dot ("Node.js", "D3.js") or a
# leading one (".NET"). Not part of a handle, a tag or a longer hyphenated word; a slash may stand
# between names ("SQL/PySpark"), but not in an address or a path (``_ADDRESS``).
_WORD = re.compile(r"(?<![\w@#\-.])\.?[A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*)?(?![\w@\-]|\.\w)")
_ADDRESS = re.compile(r"://|^www\.|@|\.[A-Za-z]{2,}/|^/|/$|\\")
_CHUNK = re.compile(r"\S+")
_LONGEST = 3  # words in the longest name ("Ruby on Rails")


def _key(text: str) -> str:
    """A name with case, spaces, dots, hyphens and underscores left out: what every spelling shares.
    A leading dot stays: ".NET" is not the word "net"."""
    lead = "." if text.startswith(".") else ""
    return lead + re.sub(r"[\s.\-_]", "", text.lower())


@dataclass(frozen=True)
class Names:
    canonical: dict[str, str]  # key -> the name as its makers write it
    accepted: dict[str, frozenset[str]]  # key -> every form that is right
    word_slips: dict[str, str]  # the key of a word one letter from a name's (``_typo_of``) -> the name
    run_slips: dict[str, str]  # the key of a run of words one letter from a name's (``_run_slip``) -> the name
    word_keys: frozenset[str]  # the keys of a word that may be a name or a slip of one
    run_keys: frozenset[str]  # the keys of a run of words that may be a name or a slip of one
    # text -> what ``found_in`` found in it: texts repeat across a folder's adverts (boilerplate)
    found: dict[str, tuple[tuple[int, int, str, str], ...]] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    @lru_cache(maxsize=8)
    def of(cls, names: tuple[str, ...], variants: tuple[tuple[str, tuple[str, ...]], ...]) -> Names:
        canonical: dict[str, str] = {}
        accepted: dict[str, set[str]] = {}
        for name in names:
            canonical.setdefault(_key(name), name)
            accepted.setdefault(_key(name), set()).add(name)
        for name, others in variants:
            for other in others:
                accepted.setdefault(_key(other), set()).add(other)
                canonical.setdefault(_key(other), name)
        for key, name in canonical.items():
            forms = accepted[key]
            if " " in name:  # a name of several words may be written as one ("PowerBI", "TravisCI")
                forms.add(name.replace(" ", ""))
            if name.lower().endswith(".js"):  # "Vue.js", "VueJS", "Vue"
                base = name[:-3]
                forms.update({base + "JS", base + "js", base})
        word_slips: dict[str, str] = {}
        run_slips: dict[str, str] = {}
        # from the end of the list, so that a slip of several names is left to the first of them
        for key, name in reversed(canonical.items()):
            word = " " not in name and "-" not in name and (len(key) >= 6 or any(c.isdigit() for c in key))
            if not word and len(key) < 8:
                continue
            slips = one_letter_from(key)
            if len(key) >= 8:
                run_slips.update(dict.fromkeys(slips, name))
            if word:
                if not key.endswith("s"):
                    slips.discard(key + "s")  # "Pythons" is no slip; "Postgress" is
                word_slips.update(dict.fromkeys(slips, name))
        return cls(
            canonical,
            {key: frozenset(forms) for key, forms in accepted.items()},
            word_slips,
            run_slips,
            frozenset(canonical) | frozenset(word_slips),
            frozenset(canonical) | frozenset(run_slips),
        )


def _plain_lower(name: str) -> bool:
    """A name written as an ordinary capitalised word ("Python", "Django"), whose lower-case form is a
    common way of writing it, as its package is named ("python", "django")."""
    return name[:1].isupper() and name[1:] == name[1:].lower()


def _wrong_form(written: str, name: str, names: Names, *, capitalised_beside: bool, opens: bool) -> bool:
    """Whether ``written`` (whose key is ``name``'s) is a form of the name that is not right.
    ``capitalised_beside``: a name next to it in the same list is written with its capitals;
    ``opens``: it opens a sentence."""
    if written in names.accepted[_key(written)]:
        return False
    parts = written.replace("-", " ").split()
    split = len(parts) > 1 and len(name.replace("-", " ").split()) < len(parts)
    if split:
        if (parts[0].islower() or opens) and _key(" ".join(parts[1:])) in names.canonical:
            return False  # "no SQL", "No SQL injection.": a word before a name
        # "java script" splits a name at a name; "sales force" is two words
        return not written.islower() or any(_key(part) in names.canonical for part in parts)
    if written.islower() and (_plain_lower(name) or not capitalised_beside):
        # "python", "django": a package's name; "javascript, github" in a list of lower-case names:
        # a house style. But "Terraform and powershell" drops the capitals of one name in a list.
        return False
    if written.isupper() and len(parts) == 1 and (_plain_lower(name) or len(written) < 5):
        return False  # "ELIXIR", "JIRA", "IOS": an acronym or a shouted name, not the technology misspelt
    return True


_SLIP_SHAPE = re.compile(r"[A-Z]?[a-z0-9]*[a-z]")  # "Postgress", "D3sj": not "OpenCL", "NestJS", "Python3"
_LIST_GAP = re.compile(r"[\s,/&;|()+]*(?:(?:and|or|and/or|&)[\s,/&;|()+]*)?")  # between items of a list


def _is_list_gap(gap: str) -> bool:
    """Whether ``gap`` separates two items of a list: a comma, a slash, "and", "or" ("Django/Python",
    "Terraform and PowerShell"), not a space alone ("solidify GitLab")."""
    return bool(gap.strip()) and _LIST_GAP.fullmatch(gap) is not None


def _typo_of(written: str, word: str, names: Names) -> str | None:
    """The one-word name ``written`` (whose key is ``word``) misspells by one letter ("Postgress",
    "Pythong", "D3sj"), for a word of six letters or more, or one with a digit, in lower case but for
    a first capital and not ending in a digit (a camel-case word such as "OpenCL" or "NestJS" is a name
    of its own, and "Python3" a version), that is no name itself, nor a name with an "s"."""
    name = names.word_slips.get(word)
    if name is None or word in names.canonical or not _SLIP_SHAPE.fullmatch(written):
        return None
    if len(word) < 6 and not any(char.isdigit() for char in word):
        return None
    return name


# texts whose findings a Names keeps at most: a long-lived process (rolelint serve, the editor
# server) reads ever new texts; past this many it forgets them and starts again. Only texts of up to
# _LONGEST_REMEMBERED characters are kept (the ones that recur: bullets, labels, boilerplate), so the
# memo stays within a few tens of megabytes whatever the texts
_MAX_REMEMBERED = 50_000
_LONGEST_REMEMBERED = 1_000


def found_in(text: str, names: Names) -> tuple[tuple[int, int, str, str], ...]:
    """``_findings`` of ``text``, worked out once per text and Names (once per call for a long text)."""
    found = names.found.get(text)
    if found is None:
        found = tuple(_findings(text, names))
        if len(text) <= _LONGEST_REMEMBERED:
            if len(names.found) >= _MAX_REMEMBERED:
                names.found.clear()
            names.found[text] = found
    return found


def _findings(text: str, names: Names):
    """(start, end, written, name) of each wrong form of a name in ``text``."""
    words = [m.span() for m in _WORD.finditer(text)]
    if "/" in text:  # leave out the words of addresses and paths: "github.com/example/Tensorflow"
        addresses = [m.span() for m in _CHUNK.finditer(text) if "/" in m.group() and _ADDRESS.search(m.group())]
        words = [w for w in words if not any(a <= w[0] < b for a, b in addresses)]
    known = list(_names_in(text, words, names))
    for at, (start, end, written, slip) in enumerate(known):
        listed = [
            other
            for other in (known[at - 1] if at else None, known[at + 1] if at + 1 < len(known) else None)
            if other is not None and other[3] is None and _is_list_gap(text[min(end, other[1]) : max(start, other[0])])
        ]
        if slip is not None:
            # a word one letter from a name is a slip when it stands in a list of names ("Django/Pythong",
            # "MySQL, Postgress") or has a digit ("D3sj"); alone, it may be a word ("Closure"). A run of
            # words one letter from a name is one ("ruby on rail").
            if listed or any(char.isdigit() or char in " -" for char in written):
                yield start, end, written, slip
            continue
        key = _key(written)
        capitalised_beside = any(not other[2].islower() for other in listed)
        opens = not text[:start].strip() or text[:start].rstrip()[-1] in ".!?:;"
        if _wrong_form(written, names.canonical[key], names, capitalised_beside=capitalised_beside, opens=opens):
            yield start, end, written, names.canonical[key]


def _names_in(text: str, words: list[tuple[int, int]], names: Names):
    """(start, end, written, slip) of each run of words that spells a name (``slip`` None), and of
    each word or run of words that misspells one by a letter (``slip`` the name). A longer run is
    read first: "java scripts" is a slip of JavaScript before "java" is Java."""
    runs = _run_keys(text, words)
    starts: set[int] = set()
    for count, keys in runs.items():
        known = (names.word_keys if count == 1 else names.run_keys).intersection(keys)
        if known:
            starts.update(at for at, key in enumerate(keys) if key in known)
    after = 0  # the first word not read yet: a run found is read as one
    for at in sorted(starts):
        if at < after:
            continue
        after = at + 1
        found = _name_run(runs, at, names, shortest=2) or _run_slip(text, words, runs, at, names)
        found = found or _name_run(runs, at, names, shortest=1)
        if found is not None:
            count, slip = found
            start, end = words[at][0], words[at + count - 1][1]
            yield start, end, text[start:end], slip
            after = at + count
            continue
        start, end = words[at]
        name = _typo_of(text[start:end], runs[1][at], names)
        if name is not None:
            yield start, end, text[start:end], name


def _run_keys(text: str, words: list[tuple[int, int]]) -> dict[int, list[str]]:
    """``runs[count][at]``: the key (``_key``) of the run of ``count`` words from word ``at`` as it is
    written, for 1 to ``_LONGEST`` words; "" for a run whose words are not one space or one hyphen
    apart, as the words of a name are."""
    keys = [text[start:end].lower().replace(".", "") for start, end in words]  # a word: letters, digits, dots
    keys = [("." + key if text[start] == "." else key) for key, (start, _) in zip(keys, words)]
    joined = [text[words[at][1] : words[at + 1][0]] in (" ", "-") for at in range(len(words) - 1)]
    runs = {1: keys}
    for count in range(2, _LONGEST + 1):
        shorter, last = runs[count - 1], count - 1
        runs[count] = [
            shorter[at] + keys[at + last].lstrip(".") if shorter[at] and joined[at + last - 1] else ""
            for at in range(len(words) - last)
        ]
    return runs


def _name_run(runs: dict[int, list[str]], at: int, names: Names, *, shortest: int):
    """(words, None) of the longest run of ``shortest`` words or more from ``at`` that spells a name,
    or None."""
    for count in range(_LONGEST, shortest - 1, -1):
        if at < len(runs[count]) and runs[count][at] in names.canonical:
            return count, None
    return None


# words a name's run of words may not end in or go through unless the name has them
_SMALL_WORDS = frozenset("a an and are as at be by for has if in is it of on or so the to was we us".split())


def _run_slip(text: str, words: list[tuple[int, int]], runs: dict[int, list[str]], at: int, names: Names):
    """(words, name) of the longest run of two or three words from ``at`` that spells a name of eight
    letters or more but for one letter ("java scripts", "ruby on rail"), or None."""
    for count in range(_LONGEST, 1, -1):
        name = names.run_slips.get(runs[count][at]) if at < len(runs[count]) else None
        if name is None:
            continue
        run = words[at : at + count]
        if any(end - start < 2 for start, end in run):  # "PostgreSQL a plus": a name and a word
            continue
        # a name and a small word that is not one of its own ("Ruby or Rails", "Angular is awesome":
        # "angularis" is not AngularJS misspelt); "on" in "ruby on rail" is Ruby on Rails's own
        own = set(name.lower().split())
        if any(text[start:end].lower() in _SMALL_WORDS - own for start, end in run[1:]) or text[
            run[0][0] : run[0][1]
        ].lower() in ("or", "and"):
            continue
        return count, name
    return None


def _names_of(spec) -> Names:
    variants = tuple((name, tuple(others)) for name, others in (spec.get("variants") or {}).items())
    return Names.of(tuple(spec["names"]), variants)


def prepare(rules, nlp) -> None:
    """Build the rule set's tables of names now: they depend on the rule alone, and a --jobs
    parent's workers then share them rather than each building them for its first advert."""
    for rule in rules:
        if rule.spec.get("name") == "technology_names":
            _names_of(rule.spec)


def technology_names(rule, target, options):
    from rolelint.checks import render
    from rolelint.diagnostics import Finding, Fix

    names = _names_of(rule.spec)
    for item in target.spans:
        for start, end, written, name in found_in(item.text, names):
            file_start, file_end = item.file_range(start, end)
            values = {"match": written, "replacement": name}
            yield Finding(
                rule.code,
                render(rule.message, values),
                file_start,
                file_end,
                suggestion=render(rule.suggestion, values) if rule.suggestion else None,
                fix=Fix(file_start, file_end, name) if rule.fixable else None,
                field=item.span.field,
                section=item.span.section,
                context=written,
            )


SCHEMA = {
    "names": word_list(
        "a list of the technologies' names as their makers write them, such as [JavaScript, PostgreSQL]"
    ),
    "variants": mapping_of(
        word_list("a list of the other forms of the name that are right too, such as [Go]"),
        "a mapping of a name to the other forms of it that are right too, such as {Golang: [Go], Jira: [JIRA]}",
    ),
}
CHECK = NamedCheck(
    "technology_names", run=technology_names, schema=SCHEMA, required=frozenset({"names"}), prepare=prepare
)
