"""RL127's check: the first use of each acronym an advert neither expands nor spells out, and that no
reader needs expanded: not a word in capitals, a name (of the employer, a product, a place), a
postcode or a version, nor an item of a list of technologies or other names."""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

from rolelint.checks import span_finding
from rolelint.checks.named.model import NamedCheck
from rolelint.nlp.english import dictionary, with_component
from rolelint.nlp.pipeline import ModelNotFound

# Two capitals or more, not inside a word, path, address or handle, nor a host name ("ICIJ.org") or a
# name joined by a symbol ("MSVC++", "DALL·E"); or, in group 2, letters in capitals joined by a hyphen
# to a word, as the first part of a compound adjective ("ESD-controlled"): "(?<![\w/.@#-])([A-Z][A-Z0-9&]{1,5})"
# with the look-behind moved past the first capital. Written that way round, the pattern starts
# with a character set, so the regex engine skips ahead to the next capital rather than trying the
# look-behind at every position; the look-behind then checks the two characters before that point,
# the second being the capital just matched, so it rules out exactly what it did before.
ACRONYM = re.compile(
    r"([A-Z](?<![\w/.@#-][A-Z])[A-Z0-9&]{1,5})s?(?![\w/@+·-]|\.[a-z])|([A-Z](?<![\w/.@#-][A-Z])[A-Z&]{1,5})(?=-[a-z]{3})"
)
# Acronyms joined by slashes ("BBB/BBB", "AEI/TEI", "PD/EAD/LGD"), which ACRONYM leaves (a slash may be a path's).
_SLASHED = re.compile(r"(?<![\w/.@#-])[A-Z][A-Z&]{1,5}(?:/[A-Z][A-Z&]{1,5})+(?![\w/@-])")
_PART = re.compile(r"[^/]+")


def _acronyms(text: str) -> list[tuple[int, str, int]]:
    """Each acronym in ``text`` in order: (start, acronym, length with a plural "s")."""
    found = [
        (m.start(1), m.group(1), len(m.group(0))) if m.group(1) else (m.start(2), m.group(2), len(m.group(2)))
        for m in ACRONYM.finditer(text)
    ]
    if "/" in text:
        for m in _SLASHED.finditer(text):
            found += [(m.start() + p.start(), p.group(), len(p.group())) for p in _PART.finditer(m.group())]
        found.sort()
    return found


# Words written in capitals that are not acronyms, and placeholders (RL101 reports those).
CAPS_WORDS = {
    "AND",
    "ARE",
    "ALL",
    "AT",
    "BE",
    "BY",
    "FOR",
    "IF",
    "IN",
    "IS",
    "IT",
    "MUST",
    "NEW",
    "NO",
    "NOT",
    "NOTE",
    "NOW",
    "OF",
    "ON",
    "OR",
    "OUR",
    "THE",
    "TO",
    "US",
    "WE",
    "YOU",
    "YOUR",
    "FREE",
    "ONLY",
    "ANY",
    "AM",
    "PM",
    "II",
    "III",
    "IV",
    "VI",
    "VII",
    "VIII",
    "IX",
    "XI",
    "XII",
    "TBC",
    "TBD",
    "TBA",
    "XXX",
    "TODO",
    "FIXME",
}


# Runs of capitalised words, joined by spaces and small words: r"\b[A-Z][\w-]*(?:\s+(?:(?:of|and|for|the|on|in|&)\s+)*[A-Z][\w-]*)+"
# with the word boundary checked after the first capital (it is a word character, so the boundary
# before it is "no word character before it"), so that the engine skips ahead to capitals (see ACRONYM).
_NAME_WORDS = re.compile(r"[A-Z](?<!\w[A-Z])[\w-]*(?:\s+(?:(?:of|and|for|the|on|in|&)\s+)*[A-Z][\w-]*)+")


def _spelled_out(text: str) -> str:
    """Initials of every run of capitalised words ("Legal Aid Agency" -> LAA, "Office of Personnel
    Management" -> OPM): a reader can tie an acronym to a name written out anywhere in the advert.

    An acronym (two to six characters) counts as spelled out when it is the initials of two to six
    capitalised words in a row of one run. Those are the substrings of a run's initials, so the
    runs' initials are returned as one string, one run a line, and ``acronym in`` it tells:
    quicker than the set of every such substring, of which an advert needs a handful looked up.
    (A line break is never an initial, so a substring cannot straddle two runs.)"""
    runs = ("".join(w[0] for w in match.group().split() if w[:1].isupper()) for match in _NAME_WORDS.finditer(text))
    return "\n".join(runs).upper()


_CAPS_RUN = re.compile(r"\b[A-Z]{2,}(?:[ \t]+[A-Z]{1,})*[ \t]+[A-Z]{2,}\b")


def _shouted(source, offset: int) -> bool:
    """A line mostly in capitals, or a run of words in capitals ("POST TITLE:", "DROP US A LINE"),
    is emphasis, not acronyms."""
    line_number, column = source.position(offset)
    line = source.line_text(line_number)
    letters = re.findall(r"[A-Za-z]{2,}", line)
    if letters and sum(w.isupper() for w in letters) * 2 > len(letters):
        return True
    return any(run.start() <= column - 1 < run.end() for run in _CAPS_RUN.finditer(line))


# ---- the acronym explained where it is used ---------------------------------------------------------

_SMALL_WORDS = frozenset({"of", "and", "for", "the", "on", "in", "to", "a", "an", "&"})
_WORDS = re.compile(r"[^\W\d_][\w'’-]*")


def _initials_match(acronym: str, words: list[str]) -> bool:
    """Whether the acronym's letters are the initials of ``words`` from the first, in order, small
    words skippable ("Good Clinical Practice"; "commercial off-the-shelf" for COTS)."""
    letters = [c for c in acronym.lower() if c.isalpha()]
    i = 0
    for word in words:
        for n, part in enumerate(p for p in re.split(r"[-’']", word) if p):
            if i < len(letters) and part[0].lower() == letters[i]:
                i += 1
            elif n == 0 and part.lower() not in _SMALL_WORDS:
                return False
        if i == len(letters):
            return True
    return False


_IN_BRACKETS = re.compile(r"\(\s*[\"“”'‘’\[]?([A-Za-z][A-Za-z0-9&]{1,7})[\"“”'‘’\]]?\s*\)")
_BEFORE_BRACKETS = re.compile(r"([A-Z][A-Za-z0-9&]{1,7})\s+\(\s*[A-Za-z]")
_APPOSITIVE = re.compile(r"(?<![\w/.@#-])([A-Z][A-Za-z0-9&]{1,7}),\s+(?:the|a|an)\s+[A-Za-z]+\s+[A-Za-z]")
_GLOSSED = re.compile(r"(?<![\w/.@#-])([A-Z][A-Za-z0-9&]{1,7})\s*(?:[:–—=]|\s-|,? or)\s*(?=(.{0,80}))")


def _forms(word: str) -> tuple[str, ...]:
    """An acronym as it may be written with a plural: "ABCs" is ABCS and ABC."""
    upper = word.upper()
    return (upper, upper[:-1]) if upper.endswith("S") else (upper,)


class _Explanations:
    """Where the advert explains acronyms: "Full Name (ABC)" (any case but all lower: "(OoI)", and
    in quotes: "(“OTE”)"), "ABC (Full Name)", an appositive ("BCS, the Chartered Institute for IT"),
    or "ABC – full name" / "ABC: full name" whose words' initials spell it. Read once per advert."""

    def __init__(self, text: str):
        self.named: set[str] = set()
        for match in _IN_BRACKETS.finditer(text):
            if not match.group(1).islower():
                self.named.update(_forms(match.group(1)))
        for pattern in (_BEFORE_BRACKETS, _APPOSITIVE):
            for match in pattern.finditer(text):
                self.named.update(_forms(match.group(1)))
        self.glossed: dict[str, list[str]] = {}
        for match in _GLOSSED.finditer(text):
            for form in _forms(match.group(1)):
                self.glossed.setdefault(form, []).append(match.group(2))

    def explain(self, acronym: str) -> bool:
        if acronym.upper() in self.named:
            return True
        return any(
            _initials_match(acronym, _WORDS.findall(gloss)[: len(acronym) + 3])
            for gloss in self.glossed.get(acronym.upper(), ())
        )


# ---- names: the employer's, a product's, a place's ------------------------------------------------

_HOST = re.compile(r"(?:https?://|www\.|@)([\w.-]+\.[a-z]{2,})", re.IGNORECASE)


def _site_names(text: str) -> set[str]:
    """The labels of host names in the advert's links and addresses ("inn.org" -> inn): an acronym a
    site is named after is the employer's (or a project's) own name, which readers know it by."""
    labels: set[str] = set()
    for host in _HOST.findall(text):
        labels.update(label.lower() for label in host.split(".")[:-1] if label.lower() != "www")
    return labels


def _named_by_site(acronym: str, labels: set[str]) -> bool:
    name = re.sub(r"[^a-z]", "", acronym.lower())
    return len(name) >= 3 and any(label.startswith(name) for label in labels)


# A state's, province's or country's code after a place: "Iowa City, IA", "Austin, TX 78701".
_PLACE_CODE = re.compile(r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*, ?$")
_AFTER_PLACE_CODE = re.compile(r"^(?:$|[\s,;.)|/]|\s\d)")


def _place_code(before: str, after: str, acronym: str) -> bool:
    return len(acronym) == 2 and bool(_PLACE_CODE.search(before[-60:])) and bool(_AFTER_PLACE_CODE.match(after[:3]))


_TOKEN_BEFORE = re.compile(r"([A-Za-z][\w.&’'-]*)[ \t]$")
_TOKEN_AFTER = re.compile(r"^[ \t]([A-Za-z][\w.&’'-]*)")


def _proper_name(word: str, known) -> bool:
    """A word that is a name, not a word of the language: capitalised and not in spaCy's English
    lemma tables ("Delft", "Bombay", "WebSphere", "Synology"), or with a capital inside ("WebSphere")."""
    word = word.rstrip(".’'")
    if len(word) < 2 or not word[0].isupper() or word.isupper():
        return False
    if any(c.isupper() for c in word[1:]) and any(c.islower() for c in word):
        return True
    return not known(word.lower())


def _in_a_name(before: str, after: str, known) -> bool:
    """Whether the acronym is part of a proper name with a word next to it ("TU Delft", "IIT Bombay",
    "IBM WebSphere", "SOTI Inc."), which readers know as a whole and which no expansion explains."""
    ahead, behind = _TOKEN_AFTER.match(after[:40]), _TOKEN_BEFORE.search(before[-40:])
    return any(m is not None and _proper_name(m.group(1), known) for m in (ahead, behind))


def _a_word(acronym: str, before: str, after: str, nlp) -> bool:
    """A word in capitals, not an acronym: an English word of four letters or more ("OFFER", "SOLID",
    "REMOTE"), one of spaCy's English stop words before another ("MAY be used"), or a label before a colon at
    the start of a line ("PAY: ..."). Not when a number follows it, as it does a grade's code ("AS-02")."""
    letters = acronym.lower()
    if not letters.isalpha() or (len(letters) < 4 and _CODE_NUMBER.match(after)):
        return False
    if after.lstrip("*_").startswith(":") and not before.rsplit("\n", 1)[-1].strip(" \t*_-"):
        return True
    if len(letters) >= 4:
        return letters in dictionary(nlp).words
    from spacy.lang.en.stop_words import STOP_WORDS

    following = after.split(None, 1)[0].lower() if after.strip() else ""
    return letters in STOP_WORDS and following in STOP_WORDS


_CODE_NUMBER = re.compile(r"^[ -]?\d")


_POSSESSIVE = re.compile(r"^[’']s\b")
_SELF = re.compile(r"^\s+(?:is|are)\s+(?:a|an|the|looking|seeking|hiring|growing|proud|committed)\b")


def _own_name(before: str, after: str) -> bool:
    """An organisation's name, by how the advert writes it: with a possessive ("CDS’s analysts",
    "C&C’s VP of Strategy"), or as the subject of a sentence that says what it is or does for the
    hire ("BCHHS is seeking", "TXODDS is a data company")."""
    if _POSSESSIVE.match(after):
        return True
    opens_sentence = before.rstrip(" \t*_>-")[-1:] in ("", ".", "!", "?", "\n")
    return opens_sentence and _SELF.match(after) is not None


_FIELD = re.compile(r"(?:^|\n)[ \t*_]*[A-Z][\w ]{1,30}:[ \t*_]*$")


def _field_value(before: str, after: str) -> bool:
    """The whole value of a labelled field ("Company: EDF", "Department: HQ"): a name, as the label says."""
    return bool(_FIELD.search(before[-40:])) and not after.split("\n", 1)[0].strip(" .*_")


_NAME_BEFORE = re.compile(r"(?<![.!?:\n])[ \t/]([A-Z][a-z][\w’'-]*)[ \t]$")
_LOWER_AFTER = re.compile(r"^s?(?:$|[ \t]+[^A-Z\s]|[,;.)!?:])")


def _ends_a_name(before: str, after: str) -> bool:
    """Whether the acronym ends a name that a capitalised word inside the sentence opens: a product
    after its maker or platform ("Java EE", "Azure AKS", "Amazon ELB", "Adobe XD"), an organisation's
    kind after its name ("Be A Hero PAC"). A reader knows such a name as a whole; no expansion of its
    last part explains it. Not when a capitalised word follows it too ("Cloud HCM Applications"),
    which titles a term, nor at the start of a sentence."""
    match = _NAME_BEFORE.search(before[-40:])
    return match is not None and _LOWER_AFTER.match(after[:3]) is not None


_OPEN_QUOTE = re.compile(r"[\"“][^\"“”\n]{0,40}$")
_CLOSE_QUOTE = re.compile(r"^[^\"“”\n]{0,40}[\"”]")


def _quoted(before: str, after: str) -> bool:
    """Inside a short quotation ("use the subject line "SWC postdoc ad""): text to copy as written."""
    return _OPEN_QUOTE.search(before[-42:]) is not None and _CLOSE_QUOTE.match(after[:42]) is not None


# ---- technologies listed with others ---------------------------------------------------------------

_ITEM_SPLIT = re.compile(r"\s*(?:[,;/()\[\]]|\band\b|\bor\b|\be\.g\.|\betc\.?|\bsuch as\b|\blike\b|\bincluding\b)\s*")
_BARE = re.compile(r"[A-Z][A-Za-z0-9&]*s?")


def _named_item(item: str, allowed: set[str]) -> bool:
    """A list item that names a tool or technology: an acronym readers know, a word with a capital
    inside, a digit, a dot or a plus ("MySQL", "node.js", "C++", "HTML5"), or one capitalised word
    ("Hibernate"); or up to three words, one of them an acronym readers know or such a word
    ("Java JEE", "Spring MVC")."""
    words = item.split()
    if not words or len(words) > 3:
        return False
    for word in words:
        if word.upper() in allowed or word.rstrip("s").upper() in allowed:
            return True
        if re.search(r"[a-z][A-Z]|\d|\.\w|\+|#", word):
            return True
    return len(words) == 1 and item[0].isupper() and not item.rstrip("s").isupper()  # not "FIPPs"


_NAME = re.compile(r"(?:[A-Z][\w&.+#·-]*\s?){1,3}")


def _a_name_item(item: str, acronym: str) -> bool:
    """A list item that is a name: another acronym or capitalised word, or up to three capitalised
    words ("Docker Hub", "Benchmark Capital")."""
    if len(item) < 2 or item.rstrip("s").rstrip("’'") in (acronym, acronym + "s"):
        return False  # not the "A" of "A/B"
    return bool(_NAME.fullmatch(item))


def _listed_with_technologies(sentence: str, at: int, acronym: str, allowed: set[str]) -> bool:
    """Whether the acronym at ``sentence[at:]`` is, alone, an item of a list of three or more (commas,
    slashes, "and", "or", brackets) in which another item names a technology readers know, or two
    other items are names: "Java EE, JSP, JDBC, Hibernate", "(HTML, XML, RDF)", "ECR, GCR, ACR, Docker
    Hub", "CPA, ACCA or CA" (two other one-word names, or three names: not "Computer Science (AEI or
    TEI)"). Such a list names the skills, products or bodies a candidate knows or does
    not; spelling one out helps neither. An acronym inside a longer item ("EMRs, PHI, and
    HIPAA-compliant systems": "EMRs" is in "Experience with EMRs") is not such an item."""
    items: list[tuple[int, str]] = []
    position = 0
    for separator in _ITEM_SPLIT.finditer(sentence):
        if separator.start() > position:
            items.append((position, sentence[position : separator.start()]))
        position = separator.end()
    if position < len(sentence):
        items.append((position, sentence[position:].rstrip()))
    if len(items) < 3:
        return False
    own = [text for begin, text in items if begin <= at < begin + len(text)]
    if not own or not _BARE.fullmatch(own[0]) or own[0].rstrip("s").rstrip("’'") not in (acronym, acronym + "s"):
        return False
    others = [text for begin, text in items if not begin <= at < begin + len(text)]
    if any(_named_item(item, allowed) for item in others if item.rstrip("s") != acronym):
        return True
    names = [item for item in others if _a_name_item(item, acronym)]
    return len(names) >= 3 or sum(" " not in name for name in names) >= 2


_SENTENCE_END = re.compile(r"[.!?:](?:\s|$)|[\n•▪◦]")


def _sentence(text: str, start: int, end: int) -> tuple[str, int]:
    """The sentence (or line, or clause before a colon) around ``text[start:end]``, and where in it
    ``start`` falls."""
    begin = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    stop = _SENTENCE_END.search(text, end)
    return text[begin : stop.start() if stop else len(text)], start - begin


# ---- spaCy: English words, and places ---------------------------------------------------------------


_PLACES = frozenset({"GPE", "LOC", "FAC"})


def _named(doc, start: int, end: int) -> bool:
    """Whether spaCy's entity recogniser reads ``doc.text[start:end]`` as a place ("NYC", "Westford,
    MA") or as the start of a longer name, a capitalised word after it ("TU Delft", "NVIDIA Deep
    Learning Institute", "WP Engine"). The recogniser takes most acronyms alone for an organisation,
    so an entity that is the acronym alone is not enough; nor is a capitalised word before it, which
    as often titles a term ("Bilingual Imperative CBC") as it names a product ("Adobe XD")."""
    for entity in doc.ents:
        if not (entity.start_char <= start and end <= entity.end_char):
            continue
        if entity.label_ in _PLACES:
            return True
        inside = [token.i for token in entity if token.idx <= start < token.idx + len(token.text)]
        if not inside or inside[0] + 1 >= entity.end:
            return False
        following = doc[inside[0] + 1].text
        return following[:1].isupper() and any(c.islower() for c in following)
    return False


def _names(windows: list[tuple[str, int, int]], nlp) -> list[bool]:
    """For each (text, start, end), whether text[start:end] is a place or part of a longer name, by
    the entity recogniser of ``nlp`` or of a pipeline loaded for it (see ``_named``)."""
    if not windows:
        return []
    try:
        nlp = with_component(nlp, "ner")
    except ModelNotFound:
        return [False] * len(windows)
    # the recogniser has its own token-to-vector layer: it reads the bare tokens, nothing else
    ner = nlp.get_pipe("ner")
    docs = ner.pipe(nlp.make_doc(text) for text, _, _ in windows)
    return [_named(doc, start, end) for doc, (_, start, end) in zip(docs, windows)]


def acronyms_expanded(rule, target, options, nlp):
    """The first use of each acronym the advert neither expands nor spells out, that readers may not
    know (see the rule's docs for what is left out, and why).

    The spans are searched as one text, joined by line breaks: an acronym cannot hold one, and its
    look-behind and look-ahead treat a line break as they treat the start and end of a span, so
    this finds what searching span by span finds, in the same order, without a call per span."""
    allowed = {a.upper() for a in options.get("allow", ())}
    document = target.document
    source = document.source
    text = source.text
    spelled: str | None = None
    explanations: _Explanations | None = None
    sites: set[str] | None = None
    seen: set[str] = set()
    texts = [item.text for item in target.spans]
    starts = list(accumulate((len(span_text) + 1 for span_text in texts), initial=0))
    candidates = []
    for found, acronym, length in _acronyms("\n".join(texts)):
        if (
            acronym in seen
            or acronym in CAPS_WORDS
            or acronym in allowed
            or sum(c.isalpha() for c in acronym) < 2
            or any(c.isdigit() for c in acronym)
        ):
            continue
        number = bisect_right(starts, found) - 1
        item, start = target.spans[number], found - starts[number]
        end = start + length
        if _shouted(source, item.span.file_offset(item.index[start])):
            continue  # a line in capitals, not acronyms
        before, after = item.text[:start], item.text[end:]
        if before[-1:] in "[{<" and after[:1] in "]}>" and before[-1:]:
            continue  # a slot left to fill in, as RL101 reports
        if _a_word(acronym, before, after, nlp):
            continue  # a word in capitals ("OFFER", "MAY be used")
        seen.add(acronym)
        if explanations is None:
            explanations = _Explanations(text)
        if explanations.explain(acronym):
            continue
        if spelled is None:
            spelled = _spelled_out(text)
        if acronym.upper() in spelled:
            continue
        if sites is None:
            sites = _site_names(text)
        if _named_by_site(acronym, sites):
            continue  # the employer's or the project's own name
        if _own_name(before, after) or _field_value(before, after):
            continue
        if _place_code(before, after, acronym) or _in_a_name(before, after, dictionary(nlp)):
            continue
        if _listed_with_technologies(*_sentence(item.text, start, end), acronym, allowed):
            continue
        if _ends_a_name(before, after) or _quoted(before, after):
            continue
        candidates.append((item, start, acronym))
    windows = []
    for item, start, acronym in candidates:
        left = max(0, start - 120)
        windows.append((item.text[left : start + 120], start - left, start - left + len(acronym)))
    for (item, start, acronym), named in zip(candidates, _names(windows, nlp)):
        if not named:
            yield span_finding(rule, item, start, start + len(acronym), values={"acronym": acronym})


CHECK = NamedCheck("acronyms_expanded", run=acronyms_expanded, reads_pipeline=True)
