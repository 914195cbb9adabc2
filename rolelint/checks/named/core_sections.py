"""RL209's check: an advert that says nothing about some of the core subjects (about the role,
duties, requirements, pay, location, how to apply).

A subject counts as covered when the advert has a section for it (named.sections: headings, labels,
front matter) or, failing that, when its text covers it without a heading: duties written as "You
will …" or as list items that open with a verb, requirements as items or sentences that read as
requirements (named.essential_requirements), a word of the rule's lists for pay, location and
applying (or an email address, or front matter of an applicant tracking system, which gives the
page its apply button), and 60 words of prose for "about". So the finding names only what the advert leaves out,
not what it says in a form the structure recogniser does not know.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import NamedTuple

from rolelint.checks import alternation, document_finding
from rolelint.checks.named.action_verb_duties import known_verbs
from rolelint.checks.named.closing_date import SENTENCE_END as _SENTENCE_END
from rolelint.checks.named.closing_date import says_when_applications_close
from rolelint.checks.named.essential_requirements import HIRE_NOUNS, reads_as_requirement
from rolelint.checks.named.model import NamedCheck
from rolelint.checks.named.parsed import COPULA_SUBJECTS
from rolelint.checks.named.sections import CORE_SECTIONS, FRONT_MATTER_SECTIONS, SECTION_LABEL, sections_present
from rolelint.checks.named.spec_schema import word_list
from rolelint.checks.named.third_person import title_heads
from rolelint.nlp.pipeline import ModelNotFound, load_pipeline
from rolelint.structure import DESIRABLE, may_mark_desirable, unmarked_list

SCHEMA = {
    "duty_leads": word_list("a list of the openings of a sentence of duties, such as [you will, responsible for]"),
    "requirement_words": word_list(
        "a list of the words that make an item or a sentence a requirement, such as [experience, skills]"
    ),
    "pay_words": word_list("a list of the words that say something about pay, such as [salary, per annum]"),
    "offer_words": word_list("a list of the words that say what is offered, such as [benefits, pension]"),
    "location_words": word_list(
        "a list of the words that say where or how the job is worked, such as [remote, based in]"
    ),
    "place_words": word_list(
        "a list of the words for a workplace, which say where the job is in a sentence that names the place, "
        "such as [office, campus]"
    ),
    "apply_words": word_list("a list of the words that say how to apply, such as [apply, cover letter]"),
    "apply_keys": word_list(
        "a list of the words in a front matter key that gives a way to apply, such as [apply, greenhouse]"
    ),
    "contact_verbs": word_list(
        "a list of the verbs that invite the reader to get in touch, such as [email, reach out]"
    ),
    "closing_words": word_list(
        "a list of the words that, with a date after a word that sets a limit (by, before, until), say when "
        "applications close, such as [apply, send]"
    ),
    "deadline_words": word_list(
        "a list of the words that, with any date in their sentence, say when applications close, such as "
        "[deadline, closes]"
    ),
    "closing_labels": word_list(
        "a list of the words of a heading or a label whose date, in the text after it, says when applications "
        "close, such as [closing date, deadline]"
    ),
    "open_ended_words": word_list(
        "a list of the phrases that say applications stay open, such as [rolling basis, until filled]"
    ),
}
# an address starts where a word does: tried at every letter of a long word, the search was quadratic
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.]+")
_WORDS = re.compile(r"[a-z][a-z'’-]*")
# the reader's work named as the subject of a sentence: "your main task will be to", "your duties are"
_YOUR_WORK = re.compile(
    r"\byour (?:\w+ )?(?:tasks?|duties|responsibilit(?:y|ies)|work|focus|mission) (?:will be|would be|is|are|include)"
    r"(?: to)?\b"
)
_PARTS = re.compile(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+|\bto\s+")
# what names a job page in an address: its host or path ("jobs.example.ai", "example.org/careers")
_JOB_WORDS = re.compile(r"job|career|employ|apply|vacanc|position|opening|recruit", re.IGNORECASE)
# a URL of a job page, as a front-matter value: the page with the apply button
_JOB_PAGE = re.compile(rf"^https?://\S*(?:{_JOB_WORDS.pattern})", re.IGNORECASE)
# any URL of the page's source, a link's target included (an HTML href, a Markdown link)
_URL = re.compile(r"https?://[^\s)\"'<>\]]+")
# a web address written without its scheme, as prose gives one ("All roles: jobs.example.ai",
# "example.org/careers"): a host of three or more labels, or a host and a path, ending in a top-level
# domain in lower case; not two sentences run together ("… recruiting.We are", "the position.it was")
_ADDRESS = re.compile(
    r"(?<![\w@./-])(?:(?:[A-Za-z0-9-]+\.){2,}[a-z]{2,}(?![\w-])(?:/[^\s)\"'<>\]]*)?"
    r"|(?:[A-Za-z0-9-]+\.)+[a-z]{2,}/[^\s)\"'<>\]]*)"
)
# a field whose value is an address and whose label names the posting or applying
# ("LINK_TO_ORIGINAL_JOB_POSTING: https://…", "Application form: https://…")
_LINK_FIELD = re.compile(
    r"^\W{0,3}(?P<label>[^\W\d][\w '’-]{0,60}?)\W{0,3}:\s*(?:https?://|www\.)\S+", re.IGNORECASE | re.MULTILINE
)
_POSTING_LABEL = re.compile(r"job|posting|apply|application|vacanc|position|opening|career", re.IGNORECASE)
# a site template's button or form, rendered where the page is published: the job page's apply button
_APPLY_WIDGET = re.compile(r"\{%-?\s*include\s[^%]{0,200}?(?:button|apply|form)[^%]{0,200}%\}", re.IGNORECASE)
# the hire as the subject of "will" and a verb: "The postdoc will work on …", "this person will
# coordinate …", "you will build …" (the subject's head is checked against the hire's nouns)
_HIRE_WILL = re.compile(
    r"\b(?:(?P<you>you|who)|(?:the|this|our|a|an)\s+(?:[\w-]+\s+){0,4}?(?P<head>[\w-]+))"
    r"(?:'ll|\s+(?:will|shall|(?:is|are) expected to))\s+(?:also\s+|then\s+)?(?P<be>be\s+)?(?P<verb>[a-z]+)"
)
# a sentence that leads in to a list of the hire's work: "This means you will:", "In this role you'll:"
_LEADS_IN_TO_DUTIES = re.compile(r"\b(?:you will|you'll|you would|you'd|you are going to)(?: be)?\s*:\s*$")
# the hire sought for a purpose: "We're looking for a DevOps engineer to deploy and maintain …"
_SOUGHT_TO = re.compile(
    r"\b(?:looking for|seeking|hiring|recruiting|searching for)\s+(?:an?|one|two|three|several|new)\s+"
    r"(?:(?!who\b|that\b|which\b)[\w-]+\s+){0,6}?to\s+(?:help\s+(?:us\s+)?)?(?P<verb>[a-z]+)"
)
# an obligation on the hire, before what they must bring: "must be proficient in", "need to have"
_OBLIGED = re.compile(
    r"\b(?:must|(?:will\s+)?needs?\s+to|(?:is|are)\s+required\s+to|should)\s+(?:be|have|possess|hold|show|demonstrate)\b"
)
# a sentence that names something and declares it required: "Strong SQL skills required.",
# "A driving licence is essential"; not the reader or the employer ("you are required"), nothing
# ("No experience required"), what may be ("Travel may be required"), nor a duty done "as required"
# or "where needed"
_DECLARED_REQUIRED = re.compile(
    r"^(?!(?:you|we|it|this|that|there|no|nothing|none)\b)[a-z0-9][^.!?:]{2,150}?(?<!\bas)(?<!\bwhere)(?<!\bwhen)"
    r"(?<!\bif)(?<!\bmay be)(?<!\bmight be)(?<!\bcan be)"
    r"\s+(?:(?:is|are)\s+)?(?:required|a must|essential|mandatory)[.!]?\s*$"
)
_FIRST_PERSON = re.compile(r"\b(?:we|we're|our|us|i|i'm|my)\b")
# the employer as the subject right before an obligation ("we must have", "we will need to be")
_WE_BEFORE = re.compile(r"\b(?:we|i)\s*$")
# the parts of a sentence that runs a list together: commas and semicolons
_LIST_PARTS = re.compile(r"[,;]\s*(?:and\s+|or\s+)?")
# sections whose sentences are no requirement, whatever they declare ("A cover letter is required")
_NOT_REQUIREMENTS = frozenset({"apply", "benefits", "pay", "policy"})
# verbs of a future that is not a duty: being, having, needing, joining or receiving
_NOT_DUTY_VERBS = frozenset({"be", "have", "need", "get", "receive", "join", "enjoy", "apply", "love", "find", "also"})
# sections whose items are not duties, whatever verb they open with ("Sever backend experience")
_NOT_DUTIES = frozenset({"essential", "desirable", "benefits", "apply", "pay", "location", "policy"})
# a line under the title that names only a place: "Houston, Texas", "Tel Aviv-Yafo, Israel"
_DATELINE = re.compile(r"^[*_ ]*(?:[A-Z][\w'’.-]*(?:\s+(?:of|and|or|the|de|la)\b)?[ ,/|·-]*){2,6}[*_ ]*$")
# an invitation to apply says whom the employer welcomes, not how to apply
_ENCOURAGED_TO_APPLY = re.compile(
    r"\b(?:encourag|welcom|invit|eligib)\w*\s+(?:[\w'’-]+\s+){0,3}to\s+apply\b", re.IGNORECASE
)
# a link that opens a message to an address; no "@" before it, so a long run of "mailto:" is read once
_MAILTO = re.compile(r"mailto:[^\s\"'<>():@]*@", re.IGNORECASE)
# "apply" done to a thing is a skill, not how to apply for the job: the verb before a determiner or a
# possessive ("apply their skills", "apply those insights", "when to apply each") or before what a
# skill applies ("apply machine learning", "applying new technologies", "apply good engineering")
_APPLY_TO_A_THING = re.compile(
    r"\bapply(?:ing)?\s+(?:(?:the|these|those|this|that|each|both|your|their|his|her|its|our|them|it)\b"
    r"|(?:machine|ai|ml|computer|statistical|scientific|technical|analytical|critical|creative|agile|lean|"
    r"design|engineering|data|knowledge|skills?|expertise|principles|techniques|methods|patterns|"
    r"technolog\w*|tools|theory|research|new|modern|best|good|common|diverse|advanced|existing|"
    r"relevant|appropriate)\b)",
    re.IGNORECASE,
)
# a capitalised word after a sentence's first word: a place's name, in the text as written
_NAMED_PLACE = re.compile(r"(?<=\S)\s+(?:[A-Z][a-z]+|[A-Z]{2,})\b")
# a field's label ("Contract type: contract", "Phone: …") or a question: neither is a duty
_LABEL_OR_QUESTION = re.compile(r"^\W*(?:[\w'-]+\s+){0,2}[\w'-]+\s*:|\?\s*$")


def _word_set(spec, name: str) -> frozenset[str]:
    return frozenset(str(w).lower() for w in spec.get(name, ()))


class _Text:
    """An advert's text (and front-matter values) lower-cased once, with its set of words, for
    asking whether it mentions any of a list of words or phrases."""

    def __init__(self, texts: list[str]):
        self.joined = "\n".join(texts).lower().replace("’", "'")
        self.words = frozenset(_WORDS.findall(self.joined))

    def mentions(self, phrases: frozenset[str]) -> bool:
        if self.words.intersection(p for p in phrases if " " not in p):
            return True
        multi = [p for p in phrases if " " in p]
        if not any(p in self.joined for p in multi):
            return False  # a phrase is found only where it is a substring
        pattern = r"\b(?:" + "|".join(re.escape(p) for p in multi) + r")\b"  # one per list: re's cache keeps it
        return re.search(pattern, self.joined) is not None


# imperatives addressed to the reader of the advert, not duties of the job
_CALLS_TO_ACT = frozenset(
    {
        "join",
        "apply",
        "send",
        "see",
        "visit",
        "come",
        "click",
        "read",
        "check",
        "contact",
        "email",
        "learn",
        "find",
        "follow",
        "sign",
        "share",
        "tell",
        "let",
        "please",
        "note",
    }
)


def _scalars(data):
    """The front matter's scalar values, nested mappings and lists included."""
    if isinstance(data, dict):
        for value in data.values():
            yield from _scalars(value)
    elif isinstance(data, list):
        for value in data:
            yield from _scalars(value)
    elif isinstance(data, (str, int, float)):
        yield str(data)


def _keys(data):
    """The front matter's keys, nested ones included (an ATS's `leverId`, a `contact: {email: …}`)."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield key
            yield from _keys(value)
    elif isinstance(data, list):
        for value in data:
            yield from _keys(value)


def covered_by_content(document, items, spec, wanted) -> set[str]:
    """Which of the core subjects ``wanted`` the advert's text covers without a section for them."""
    data = document.data if isinstance(document.data, dict) else {}
    covered = set()
    if {"responsibilities", "essential"} & set(wanted):
        heads = title_heads(document) | HIRE_NOUNS | _title_acronyms(items)
        covered |= _duties_and_requirements(items, spec, heads, document.source.text)
    texts = [item.text for item in items if item.span.block != "heading"]
    values = list(_scalars(data))
    text = _Text(texts + values)
    if "pay" in wanted and text.mentions(_word_set(spec, "pay_words")):
        covered.add("pay")
    if "offer" in wanted:
        # a requirement marked a wish ("… will be of benefit") offers nothing
        offered = text
        if may_mark_desirable(text.joined) and DESIRABLE.search(text.joined):
            offered = _Text([DESIRABLE.sub(" ", t) if may_mark_desirable(t) else t for t in texts] + values)
        if offered.mentions(_word_set(spec, "pay_words") | _word_set(spec, "offer_words")):
            covered.add("offer")
    if "location" in wanted and (
        _says_where_in(document, items, spec)
        or _dateline(items)
        or _names_a_place(items, data, title_heads(document) | HIRE_NOUNS)
    ):
        covered.add("location")
    if "apply" in wanted and (
        _mentions_apply(text, texts, values, _word_set(spec, "apply_words"))
        or ("@" in text.joined and _EMAIL.search(text.joined) is not None)
        # an address to write to, set as a heading ("### Send your CV to jobs@example.org")
        or any(_EMAIL.search(item.text) for item in items if item.span.block == "heading")
        or any(_JOB_PAGE.search(value.strip()) for value in values)
        or _source_links_a_way_to_apply(document.source.text)
        or _links_to_a_job_page(texts)
        or _invites_contact(text, _word_set(spec, "contact_verbs"))
        or _APPLY_WIDGET.search(document.source.text) is not None
        or any(hint in str(key).lower() for key in _keys(data) for hint in _word_set(spec, "apply_keys"))
    ):
        covered.add("apply")
    if "about" in wanted and sum(len(item.text.split()) for item in items if item.span.block == "paragraph") >= 60:
        covered.add("about")
    if "closing" in wanted and (
        _VALID_THROUGH.search(document.source.text) is not None
        or says_when_applications_close([item.text for item in items], values, spec, _date_entities)
    ):
        covered.add("closing")
    return covered


# a schema.org JobPosting's last day, in a JSON-LD script the page carries (a template's too)
_VALID_THROUGH = re.compile(r"[\"']validThrough[\"']\s*:\s*[\"'][^\"'\s]")
# text -> the entities the recogniser finds in it, as (text, label) pairs
_ENTITIES: dict[str, list[tuple[str, str]]] = {}


def _date_entities(texts: list[str]) -> list[list[tuple[str, str]]] | None:
    """The entities of each of ``texts`` (short sentences that may give a closing date), as the
    run's recogniser reads them; None when there is no model."""
    if len(_ENTITIES) > _MAX_READINGS:
        _ENTITIES.clear()
    distinct = dict.fromkeys(texts)
    read = {text: _ENTITIES[text] for text in distinct if text in _ENTITIES}
    new = [text for text in distinct if text not in read]
    if new:
        try:
            nlp, ner = _entity_pipeline()
        except ModelNotFound:
            return None
        for text, doc in zip(new, ner.pipe(nlp.make_doc(text) for text in new)):
            read[text] = _ENTITIES[text] = [(entity.text, entity.label_) for entity in doc.ents]
    return [read[text] for text in texts]


def _source_links_a_way_to_apply(source: str) -> bool:
    """Whether the page's source, HTML entities decoded, links a job page anywhere, or a message to
    an address ("[Drop us a line](mailto:jo@example.org)")."""
    decoded = _decoded(source)
    return any(_JOB_PAGE.search(url) for url in _URL.findall(decoded)) or _MAILTO.search(decoded) is not None


def _decoded(source: str) -> str:
    """A page's source with its HTML entities decoded, where it has any: an address in an HTML
    page may write its slashes as "&#x2F;"."""
    return html.unescape(source) if "&" in source else source


def _links_to_a_job_page(texts: list[str]) -> bool:
    """Whether the advert's text, as read (HTML entities decoded: a page's source may write
    "https:&#x2F;&#x2F;…"), gives the address of a job page, with or without its scheme ("All roles:
    jobs.example.ai", an applicant tracking system's page for each role), or a link in a field
    whose label names the posting ("LINK_TO_ORIGINAL_JOB_POSTING: https://…")."""
    for text in texts:
        if "." not in text:
            continue
        if any(
            _JOB_WORDS.search(address)
            for address in _ADDRESS.findall(text.replace("https://", " ").replace("http://", " "))
        ):
            return True
        if any(_POSTING_LABEL.search(field.group("label").replace("_", " ")) for field in _LINK_FIELD.finditer(text)):
            return True
    return False


def _invites_contact(text: _Text, verbs: frozenset[str]) -> bool:
    """Whether the advert asks the reader to write to the advertiser: a verb of writing or calling
    with the advertiser ("me", "us") or the place it is read ("here") as its object ("email us at
    …", "feel free to reply here or email me", "reach out to us"): a way to apply, by message."""
    if not verbs or not text.words.intersection(v.split()[0] for v in verbs):
        return False
    return _contact_pattern(verbs).search(text.joined) is not None


@lru_cache(maxsize=8)
def _contact_pattern(verbs: frozenset[str]) -> re.Pattern[str]:
    """``_invites_contact``'s pattern for a rule's ``contact_verbs``, built once per list."""
    # "call" also names what the speaker is ("Call us crazy, but …", "call me old-fashioned"): a call to
    # make is followed by where, when or how, or ends its clause ("Call us on 0113 …", "call me.")
    naming = {"call"}
    alternatives = alternation(verbs - naming)
    # "here" as the place written to ends its clause ("reply here.", "reply here or email me"); not
    # the place something is written about ("we write here about our culture")
    here = r"here(?=\s*(?:[.,;:!)]|$)|\s+(?:or|and)\b)"
    ways = [r"\b(?:" + alternatives + r")\s+(?:(?:to|with)\s+)?(?:me\b|us\b|" + here + ")"] if alternatives else []
    if verbs & naming:
        how = r"(?=\s*(?:[.,;:!)]|$)|\s+(?:at|on|via|by|for|to|with|today|now|anytime|directly|if|and|or|\+|\d))"
        ways.append(r"\bcall\s+(?:(?:me|us)\b" + how + "|" + here + ")")
    return re.compile("|".join(ways), re.MULTILINE)


# the post named with its acronym in brackets, which the advert then calls the hire by: "seeks a
# Program Officer (PO) to lead ..." then "the PO will manage ..."
_TITLE_ACRONYM = re.compile(
    r"\b(?:hire|hiring|seeks?|seeking|recruiting|looking\s+for)\s+(?:an?|one)\s+(?:[A-Z][\w-]*\s+){1,5}\(([A-Z]{2,5})\)"
)


def _title_acronyms(items) -> frozenset[str]:
    """The acronyms an advert's opening gives the post it seeks ("a Program Officer (PO)"), lower case."""
    found: set[str] = set()
    for item in items[:30]:
        found.update(match.group(1).lower() for match in _TITLE_ACRONYM.finditer(item.text))
    return frozenset(found)


def _mentions_apply(text: _Text, texts: list[str], values: list[str], words: frozenset[str]) -> bool:
    """Whether the advert names a way to apply, an invitation to apply ("encouraged to apply") and
    "apply" done to a thing ("when to apply each") aside; the text is read again without them only
    when it holds one."""
    if not text.mentions(words):
        return False
    if "apply" not in text.joined or (
        _ENCOURAGED_TO_APPLY.search(text.joined) is None and _APPLY_TO_A_THING.search(text.joined) is None
    ):
        return True  # (its text is lower case: a match holds "apply")
    kept = [_APPLY_TO_A_THING.sub(" ", _ENCOURAGED_TO_APPLY.sub(" ", t)) for t in texts]
    return _Text(kept + values).mentions(words)


def _says_where(texts: list[str], values: list[str], spec) -> bool:
    """Whether the advert says where or how the job is worked: a word for the working pattern
    (remote, hybrid, relocation ...), or a word for a workplace ("office", "headquarters") in a
    sentence that names the place (a capitalised word after its first: "our Leeds office"). A
    workplace word alone ("an office filled with ideas") says nothing about where the job is.
    Front-matter values count with any of the words."""
    places = _word_set(spec, "place_words")
    patterns = _word_set(spec, "location_words") - places
    written = _Text(texts)
    if _Text(values).mentions(patterns | places) or written.mentions(patterns):
        return True
    if "librar" in written.joined or "museum" in written.joined:
        if any(_AT_A_NAMED_LIBRARY.search(text) for text in texts):
            return True
    # A sentence can mention a place word only where its text, and so the whole text, does:
    # sentences split at spaces, never inside a word.
    if not written.mentions(places):
        return False
    for text in texts:
        if not _Text([text]).mentions(places):
            continue
        for sentence in _SENTENCE_END.split(text):
            if _NAMED_PLACE.search(sentence) and _Text([sentence]).mentions(places):
                return True
    return False


def _sections_present(document, items) -> frozenset[str]:
    """``sections_present`` of ``document`` and ``items``, worked out once for RL209's prefetch and check."""
    return _once(document, items, None, "sections", lambda: frozenset(sections_present(document, items)))


def _says_where_in(document, items, spec) -> bool:
    """``_says_where`` of the advert's text (headings aside) and front-matter values."""

    def work() -> bool:
        data = document.data if isinstance(document.data, dict) else {}
        texts = [item.text for item in items if item.span.block != "heading"]
        return _says_where(texts, list(_scalars(data)), spec)

    return _once(document, items, spec, "says_where", work)


def _once(document, items, spec, name: str, work):
    """``work()``, kept on ``document`` while asked of the same spans (``items``' texts are those
    spans' own, folded) with the same ``spec``: RL209's prefetch and its check ask the same of one
    rule's spans."""
    return document.worked_out("core_sections." + name, (spec, document.data, *(item.span for item in items)), work)


# a public building named as where the hire works: "an advisor at Bungay Library", "at the Ipswich
# County Library"; not a library of code, "the Python Standard Library", which no one works at
_AT_A_NAMED_LIBRARY = re.compile(r"\bat\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+){1,4}(?:Library|Museum)\b")


# the entity recogniser's labels for a place: a country, city or state, or a region ("Europe")
_PLACES = frozenset({"GPE", "LOC"})
_RUN_PIPELINE: dict[str, object] = {}


def prepare(rules, nlp) -> None:
    """Keep the run's pipeline: a place is looked for with its entity recogniser and parser when it
    has them, rather than loading the model a second time."""
    _RUN_PIPELINE.clear()
    _RUN_PIPELINE["nlp"] = nlp
    _READINGS.clear()  # read by another pipeline
    _ENTITIES.clear()


def _entity_pipeline():
    """A pipeline that parses, and its entity recogniser (run by hand: it may be loaded idle)."""
    nlp = _RUN_PIPELINE.get("nlp")
    if nlp is None or "parser" not in getattr(nlp, "pipe_names", ()) or "ner" not in nlp.component_names:
        if "ner" not in _RUN_PIPELINE:
            _RUN_PIPELINE["ner"] = load_pipeline({"ner", "dep"})
        nlp = _RUN_PIPELINE["ner"]
    return nlp, nlp.get_pipe("ner")


def _names_a_place(items, data, heads: frozenset[str]) -> bool:
    """Whether the advert says where the job is by naming a place (a city, country, state or region,
    as spaCy's entity recogniser reads it): in its title, on a line of its own ("Tel Aviv-Yafo,
    Israel"), as the object of "in", "at", "near" or "throughout" ("our premises in Athens", "a team
    in Königsbrunn, Germany") or before "-based" ("an Athens-based team"). A place named otherwise
    ("services to Canadians") is not where the job is, nor is an acronym, which the recogniser often
    takes for one ("AI-based tools"). Asked only of an advert with no word for where or how the job
    is worked, so the recogniser reads few adverts."""
    texts, titles = _place_search(items, data)
    if not texts and not titles:
        return False
    try:
        named, said = _readings(titles, texts)
    except ModelNotFound:
        return False
    return any(reading.place for reading in named) or any(reading.works_there(heads) for reading in said)


def _prefetch(rule, targets, options) -> None:
    """Read at once the places of every advert of a batch of files that will look for one, rather
    than a few texts an advert: the recogniser and the parser cost much the same on a few short
    texts as on many. Which adverts look is decided as ``covered_by_content`` does."""
    if "location" not in _wanted(options):
        return
    titles: list[str] = []
    texts: list[str] = []
    for target in targets:
        document, items = target.document, target.spans
        data = document.data if isinstance(document.data, dict) else {}
        if (
            "location" in _sections_present(document, items)
            or _says_where_in(document, items, rule.spec)
            or _dateline(items)
        ):
            continue
        more_texts, more_titles = _place_search(items, data)
        texts += more_texts
        titles += more_titles
    if titles or texts:
        try:
            _readings(titles, texts)
        except ModelNotFound:
            pass


def _place_search(items, data) -> tuple[list[str], list[str]]:
    """The texts and the titles ``_names_a_place`` reads."""
    texts = [item.text for item in items if item.span.block != "scalar" and item.text.strip()]
    titles = [item.text for item in items if item.span.block == "heading"][:1]
    title = data.get("title")
    if isinstance(title, str):
        titles.append(title)
    titles += _tagged_places(data)
    return texts, titles


# the site's own labels for a post, as front matter keys them
_TAG_KEYS = frozenset({"categories", "category", "tags", "tag"})
# a category or tag shaped as a place and its state or country ("Seattle, WA", "Leeds, United
# Kingdom"): a tag of one word is as often a technology the recogniser takes for a place ("Phoenix",
# "Devops") as a city
_TAGGED_PLACE = re.compile(r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2},\s*(?:[A-Z]{2}|[A-Z][a-z]+(?: [A-Z][a-z]+)?)")


def _tagged_places(data) -> list[str]:
    """The front matter's categories and tags that have the shape of a place ("Seattle, WA"): the
    recogniser reads them as it reads a title, and one it reads as a place says where the job is."""
    found = []
    for key, value in data.items():
        if str(key).lower() in _TAG_KEYS:
            for tag in value if isinstance(value, list) else [value]:
                if isinstance(tag, str) and _TAGGED_PLACE.fullmatch(tag.strip()):
                    found.append(tag.strip())
    return found


class _Reading(NamedTuple):
    """What the place search reads in a text: whether it names a place at all (all a title needs;
    None when the recogniser read only the sentences where a place of work can be), whether it
    names where the job is whoever the hire is (``work``), and the words a place of work is said of
    when the hire must be one of them ("a developer in Athens")."""

    place: bool | None
    work: bool
    said_of: frozenset[str]

    def works_there(self, heads: frozenset[str]) -> bool:
        return self.work or not self.said_of.isdisjoint(heads)


_NO_PLACE = _Reading(False, False, frozenset())
# text -> its reading, or None for a text the recogniser was spared (no shape of a place of work):
# texts repeat across adverts (boilerplate), and ``_prefetch`` reads those of many adverts at once
_READINGS: dict[str, _Reading | None] = {}
_MAX_READINGS = 50_000


def _readings(titles: list[str], texts: list[str]) -> tuple[list[_Reading], list[_Reading]]:
    """The readings of ``titles`` and of ``texts``. The recogniser and the parser read a title
    whatever its shape, and whole; a text only when it has the shape of a place of work
    (``_may_place``; else it names none), and the recogniser only its sentences where a place of
    work can be (``_read_texts``). What they have not read yet, in one batch."""
    if len(_READINGS) > _MAX_READINGS:
        _READINGS.clear()
    whole = list(dict.fromkeys(t for t in titles if (r := _READINGS.get(t)) is None or r.place is None))
    parts = []
    for text in texts:
        if text not in _READINGS:
            if _may_place(text):
                parts.append(text)
            else:
                _READINGS[text] = None
    parts = [text for text in dict.fromkeys(parts) if text not in whole]
    if whole or parts:
        nlp, ner = _entity_pipeline()
        for text, reading in zip(whole + parts, _read_texts(nlp, ner, whole, parts)):
            _READINGS[text] = reading
    return [_READINGS[title] or _NO_PLACE for title in titles], [_READINGS[text] or _NO_PLACE for text in texts]


def _read_texts(nlp, ner, whole: list[str], parts: list[str]) -> list[_Reading]:
    """The readings of ``whole`` (the recogniser reads all of each) and of ``parts``, parsed first.

    A place of work is a place whose root is the object of "in", "at", "near" or "throughout" or
    stands before "based" (``_at_a_place``), or a line that opens with places. The recogniser
    reads a text's entities as a sequence of moves, and none goes across a sentence boundary of
    the parse: at a sentence's first token no entity is open, and the moves within a sentence
    depend only on its tokens and those within the recogniser's reach of them (``_entity_reach``).
    So a sentence with such a token, widened by that reach, read as a Doc of its own with the
    parse's sentence starts, gets the entities the whole text would. The first move, whether a
    place opens the text, depends only on its first tokens: a text where one does is read whole.
    The recogniser then reads about half the tokens, with findings the same."""
    # neither the parser, the recogniser nor this check reads tags or lemmas
    skip = [
        name for name in ("ner", "sentencizer", "tagger", "attribute_ruler", "lemmatizer") if name in nlp.pipe_names
    ]
    docs = list(nlp.pipe(whole + parts, disable=skip))
    reach = _entity_reach(nlp)
    plans = [None] * len(whole) + [_entity_windows(doc, reach) for doc in docs[len(whole) :]]
    readings: list[_Reading] = []
    again = []
    inputs = [doc if plan is None else _piece(doc, plan[0]) for doc, plan in zip(docs, plans)]
    for position, (doc, plan, read) in enumerate(zip(docs, plans, ner.pipe(inputs))):
        places = None if plan is None else _places_within(doc, read, *plan)
        if plan is None:
            readings.append(_read(doc))
        elif places is None:
            readings.append(_NO_PLACE)  # read again whole, below
            again.append(position)
        else:
            readings.append(_read(doc, places))
    for position, doc in zip(again, ner.pipe([docs[position] for position in again])):
        readings[position] = _read(doc)
    return readings


def _entity_reach(nlp) -> int | None:
    """Tokens on each side of a token that the recogniser's moves there depend on: the reach of its
    own tok2vec's window encoder (its state reads the next token, the open entity's first token and
    the one before the next). None when the model is not built that way."""
    try:
        model = nlp.config["components"]["ner"]["model"]
        encode = model["tok2vec"]["encode"]
        built = (
            model["@architectures"] == "spacy.TransitionBasedParser.v2"
            and model["state_type"] == "ner"
            and not model["extra_state_tokens"]
            and model["tok2vec"]["@architectures"] == "spacy.Tok2Vec.v2"
            and encode["@architectures"] == "spacy.MaxoutWindowEncoder.v2"
            and not model["tok2vec"]["embed"].get("include_static_vectors")
        )
        return int(encode["depth"]) * int(encode["window_size"]) if built else None
    except (KeyError, TypeError, ValueError):
        return None


def _at_a_place(token) -> bool:
    """Whether ``token``, as a place's root, would be where something is: the object of "in",
    "at", "near" or "throughout", or a modifier of "based"."""
    head = token.head.lower_
    return (token.dep_ == "pobj" and head in _WHERE) or (token.dep_ in ("npadvmod", "compound") and head == "based")


# share of a text's tokens the recogniser's windows may cover before it reads the text whole
_WINDOWS_SHARE = 0.7


def _entity_windows(doc, reach: int | None):
    """The token ranges of ``doc`` the recogniser reads (its first tokens, and each sentence with a
    token ``_at_a_place`` widened by ``reach``) and those sentences; None to read it whole."""
    if reach is None or not len(doc) or doc[0].is_space:
        return None
    sentences = [(sent.start, sent.end) for sent in doc.sents if any(_at_a_place(token) for token in sent)]
    widened = [(0, min(len(doc), reach + 1))] + [
        (max(0, start - reach), min(len(doc), end + reach)) for start, end in sentences
    ]
    windows: list[tuple[int, int]] = []
    for start, end in sorted(widened):
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(end, windows[-1][1]))
        else:
            windows.append((start, end))
    if sum(end - start for start, end in windows) > _WINDOWS_SHARE * len(doc):
        return None
    return windows, sentences


def _piece(doc, windows: list[tuple[int, int]]):
    """One Doc of ``doc``'s windows end to end, with their tokens' norms (read by the recogniser's
    tok2vec) and the parse's sentence starts (no entity goes across one)."""
    import numpy
    from spacy.attrs import NORM, ORTH, SENT_START, SPACY
    from spacy.tokens import Doc

    rows = doc.to_array([ORTH, SPACY, NORM, SENT_START])
    rows = rows[numpy.concatenate([numpy.arange(start, end) for start, end in windows])]
    strings = doc.vocab.strings
    piece = Doc(
        doc.vocab, words=[strings[orth] for orth in rows[:, 0].tolist()], spaces=[bool(s) for s in rows[:, 1].tolist()]
    )
    piece.from_array([NORM, SENT_START], rows[:, 2:])
    return piece


def _places_within(doc, piece, windows, sentences):
    """The places of ``doc``'s ``sentences`` as the recogniser found them in ``piece`` (its
    windows), as spans of ``doc``; None when a place may open the text (it is then read whole)."""
    from spacy.tokens import Span

    at = [position for start, end in windows for position in range(start, end)]
    places = []
    for entity in piece.ents:
        if entity.label_ not in _PLACES:
            continue
        if entity.start == 0:
            return None
        start, end = at[entity.start], at[entity.end - 1] + 1
        if end - start == len(entity) and any(a <= start and end <= b for a, b in sentences):
            place = Span(doc, start, end, label=entity.label_)
            if not place.text.isupper():
                places.append(place)
    return places


_WHERE = frozenset({"in", "at", "near", "throughout"})
_WORD = re.compile(r"[^\W_][\w'’.&-]*")
_OPENS_LIST = re.compile(r"\s*([^\W\d_][^,\n]{0,60}),")
_BASED = re.compile(r"([^\W\d_])[^\s-]*[\s-]{0,2}(?i:based)\b")


def _name_like(words: list[str]) -> bool:
    """Whether ``words`` could be a place's name: capitalised, with short lower-case joints ("Rio de
    Janeiro")."""
    return words[0][0].isupper() and all(w[0].isupper() or (w.islower() and len(w) <= 3) for w in words)


def _may_place(text: str) -> bool:
    """Whether ``text`` has a shape ``_place_of_work`` can accept, checked before the recogniser and
    the parser read it (most paragraphs have none): it opens with a name and a comma ("Athens,
    Greece", "Rio de Janeiro, Brazil"), or a capitalised word follows "in", "at", "near" or
    "throughout" within four words ("in beautiful Athens") or stands before "based" ("an
    Athens-based team")."""
    opening = _OPENS_LIST.match(text)
    if opening is not None and _name_like(opening.group(1).split()):
        return True
    if any(first.isupper() for first in _BASED.findall(text)):
        return True
    words = _WORD.findall(text)
    return any(
        word.lower() in _WHERE and any(after[0].isupper() for after in words[i + 1 : i + 5])
        for i, word in enumerate(words)
    )


def _places(doc):
    return [entity for entity in doc.ents if entity.label_ in _PLACES and not entity.text.isupper()]


def _opens_with_places(doc, places) -> bool:
    """Whether a line opens with places and only commas between them: "Tel Aviv-Yafo, Tel Aviv
    District, Israel · 1 day ago", as a job board prints where a job is."""
    start = len(doc.text) - len(doc.text.lstrip())
    if places[0].start_char != start:
        return False
    return all(not doc.text[a.end_char : b.start_char].strip(" ,") for a, b in zip(places, places[1:]))


def _has_subject(token) -> bool:
    return any(child.dep_ in COPULA_SUBJECTS for child in token.children)


def _read(doc, places=None) -> _Reading:
    """What ``doc`` says of places: of all its entities, or of ``places`` alone (found in its
    sentences where a place of work can be, none opening it). A place of work: a line that opens
    with places ("Tel Aviv-Yafo, Tel Aviv District, Israel · 1 day ago"); a place after "in", "at",
    "near" or "throughout" that says where a clause's subject does something ("The team lives in
    New Zealand", "we operate throughout Scotland"); or a place where the employer's own team,
    office or premises are, or the hire, after those words or before "-based" ("our team in
    Königsbrunn", "a Java developer in Athens", "our Athens-based team"). Not where customers or
    services are ("used by hospitals in Belgium", "public services in Canada"), nor a technology
    the recogniser takes for a place ("Linux-based systems", "development in Android")."""
    whole = places is None
    if places is None:
        places = _places(doc)
    work = whole and len(places) >= 2 and _opens_with_places(doc, places)
    said_of = set()
    for place in places:
        if not _at_a_place(place.root):
            continue
        based = place.root.head.lower_ == "based"
        located = place.root.head.head  # what is in the place: a clause's verb, or a noun
        if located.dep_ == "advmod" and located.head is not located:
            located = located.head  # "you will need to be here in San Diego": the verb "here" hangs from
        if located.dep_ == "xcomp" and not _has_subject(located) and located.head is not located:
            located = located.head  # ... whose subject is its head's: "you will need to be"
        if _has_subject(located) and not based:
            work = True  # "The team lives in New Zealand", "we operate throughout Scotland"
        elif any(child.dep_ == "poss" for child in located.children):
            work = True  # "our team in Königsbrunn", "our Athens-based team"
        else:
            said_of.add(located.lower_)  # "a developer in Athens", when the hire is a developer
    return _Reading(bool(places) if whole else None, work, frozenset(said_of))


def _dateline(items) -> bool:
    """Whether the body's first line (after its title) names only a place, as adverts put one under
    their title ("Houston, Texas"): two to six capitalised words with a comma between them."""
    blocks = [item for item in items if item.span.block != "scalar"][:2]
    if blocks and blocks[0].span.block == "heading":
        blocks = blocks[1:]
    return any(
        item.span.block == "paragraph" and "," in item.text and _DATELINE.match(item.text.strip()) is not None
        for item in blocks[:1]
    )


def _states_duties(lowered: str, heads: frozenset[str], verbs: frozenset[str]) -> bool:
    """Whether a sentence says what the hire will do: the hire ("you", the title's head noun, "the
    candidate") as the subject of "will" and a verb ("The postdoc will work on …"), or the hire
    sought to do something ("looking for an engineer to deploy and maintain …")."""
    if _LEADS_IN_TO_DUTIES.search(lowered):
        return True
    for match in _HIRE_WILL.finditer(lowered):
        verb = match.group("verb")
        if match.group("be"):  # "you'll be working on …": the verb's base form, else not a duty
            verb = _base_of(verb, verbs) if verb.endswith("ing") else ""
        if (match.group("you") or match.group("head") in heads) and verb in verbs and verb not in _NOT_DUTY_VERBS:
            return True
    sought = _SOUGHT_TO.search(lowered)
    return sought is not None and sought.group("verb") in verbs and sought.group("verb") not in _NOT_DUTY_VERBS


def _states_requirements(sentence: str, words: frozenset[str], verbs: frozenset[str]) -> bool:
    """Whether one sentence states what the hire must bring, as a short advert puts it in prose: an
    obligation followed by a requirement ("so must be proficient in juggling projects", "you need
    to have experience of …"), something declared required ("Strong backend chops and interest in
    fintech systems required", "A driving licence is essential"), or a list of two or more
    requirements run into one sentence that opens with one ("3+ years full stack, strong
    TypeScript and Python, experience with data-intensive applications.")."""
    lowered = sentence.strip().lower().replace("’", "'")
    obliged = _OBLIGED.search(lowered)
    if (
        obliged is not None
        and _WE_BEFORE.search(lowered, 0, obliged.start()) is None
        and reads_as_requirement(lowered[obliged.end() :], words, frozenset())
    ):
        return True  # not the employer's own obligation ("we must have strong experience of …")
    first = _WORDS.match(lowered)
    if _DECLARED_REQUIRED.match(lowered) and not (first and first.group() in verbs and first.group() not in words):
        return True  # a thing declared required, not a duty that opens with its verb
    if _FIRST_PERSON.search(lowered):
        return False  # the employer's own record ("our team has 10 years of experience, …")
    parts = [part for part in _LIST_PARTS.split(lowered) if part.strip()]
    if len(parts) < 2 or not reads_as_requirement(parts[0], words, verbs):
        return False
    return sum(reads_as_requirement(part, words, verbs) for part in parts) >= 2


def _base_of(word: str, verbs: frozenset[str]) -> str:
    """The base form of a verb's -ing form that ``verbs`` knows ("working" -> "work", "making" ->
    "make", "running" -> "run"), else ""."""
    stem = word[:-3]
    for base in (stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else ""):
        if base in verbs:
            return base
    return ""


def _sentences(item, source: str) -> list[str]:
    """The sentences of a span's text; a paragraph whose lines in the file are an unmarked list (no
    bullets, as pasted from a job board) is one sentence a line."""
    offsets = item.span.offsets
    if item.span.block == "paragraph" and offsets and offsets[-1] > offsets[0]:
        lines = source[offsets[0] : offsets[-1]].strip().splitlines()
        if len(lines) > 1 and unmarked_list(lines):
            return [sentence for line in lines for sentence in _SENTENCE_END.split(line.strip())]
    return _SENTENCE_END.split(item.text.strip())


def _duties_and_requirements(items, spec, heads: frozenset[str] = frozenset(), source: str = "") -> set[str]:
    """ "responsibilities" when one sentence states what the hire will do or two read as duties,
    "essential" when two read as requirements; it stops reading once both are covered."""
    leads = tuple(_word_set(spec, "duty_leads"))
    requirement_words = _word_set(spec, "requirement_words")
    verbs = known_verbs()
    duties = requirements = 0
    # imperative duties by the section they are in: duties come as a group, so two of them must share
    # a section, where a page's stray commands ("Back to list", "Create a pull request") do not
    imperatives: dict[str | None, int] = {}
    for item in items:
        if item.span.block == "heading":
            continue
        for sentence in _sentences(item, source):  # a run-together page is many sentences
            # read only when needed: it is the costliest test here
            is_requirement = reads_as_requirement(sentence, requirement_words, verbs) if requirements < 2 else None
            if duties < 2:
                lowered = sentence.strip().lower().replace("’", "'")
                first = _WORDS.match(lowered)
                if _states_duties(lowered, heads, verbs):
                    duties = 2
                elif lowered.startswith(leads) or any(f" {lead} " in f" {lowered} " for lead in leads):
                    duties += 1
                elif your_work := _YOUR_WORK.search(lowered):
                    # "Your main task will be to develop X, maintain Y and optimise Z": one sentence
                    # naming its duties, as many as its parts that open with a verb
                    parts = _PARTS.split(lowered[your_work.end() :])
                    duties += sum(1 for part in parts if (w := _WORDS.match(part.strip())) and w.group() in verbs)
                elif (
                    first
                    and item.span.section not in _NOT_DUTIES
                    and first.group() in verbs
                    and first.group() not in _CALLS_TO_ACT
                    and not _LABEL_OR_QUESTION.search(lowered)
                    and not (
                        is_requirement
                        if is_requirement is not None
                        else reads_as_requirement(sentence, requirement_words, verbs)
                    )
                ):
                    # an imperative duty, in a list or run into a paragraph
                    imperatives[item.span.heading] = imperatives.get(item.span.heading, 0) + 1
                    duties = max(duties, imperatives[item.span.heading])
            if requirements < 2 and is_requirement:
                requirements += 1
            if (
                requirements < 2
                and item.span.section not in _NOT_REQUIREMENTS
                and _states_requirements(sentence, requirement_words, verbs)
            ):
                requirements = 2
            if duties >= 2 and requirements >= 2:
                return {"responsibilities", "essential"}
    return {name for name, count in (("responsibilities", duties), ("essential", requirements)) if count >= 2}


def _duties_are_requirements(document, items, spec) -> bool:
    """Whether the advert's sections headed as duties hold requirements, two or more, and little else
    (three in four of their items read as requirements: "5+ years of Java experience", "Strong
    knowledge of Blockchain fundamentals" under "Responsibilities"), and nothing else (no label or
    front matter) names its duties: such a section says what the hire must bring, not what they
    will do."""
    listed = [item.text for item in items if item.span.section == "responsibilities" and item.span.block != "heading"]
    if len(listed) < 2:
        return False
    data = document.data if isinstance(document.data, dict) else {}
    if any(hint in str(key).lower() for key in data for hint in FRONT_MATTER_SECTIONS["responsibilities"]):
        return False
    if any((label := SECTION_LABEL.match(item.text)) and "responsib" in label.group(1).lower() for item in items):
        return False
    words, verbs = _word_set(spec, "requirement_words"), known_verbs()
    return 4 * sum(reads_as_requirement(text, words, verbs) for text in listed) >= 3 * len(listed)


def subjects_present(document, items, spec, wanted) -> set[str]:
    """The core subjects an advert covers, as RL209 counts them: its sections (named.sections) and,
    for those of ``wanted`` it has no section for, what its text covers (``covered_by_content``).
    Shared with the advert summary (rolelint.summary), so the two never disagree."""
    present = set(_sections_present(document, items))
    if "responsibilities" in present and _duties_are_requirements(document, items, spec):
        present.discard("responsibilities")
    missing = [s for s in wanted if s not in present]
    if missing:
        present |= covered_by_content(document, items, spec, missing)
    return present


@lru_cache(maxsize=1)
def catalogue_spec() -> dict:
    """RL209's lists as the catalogue ships them, for a rule that reads the core subjects as RL209
    does without being RL209 (RL207's "complete_with"). Read as data: the shipped file was checked
    when the catalogue loaded."""
    import yaml

    from rolelint.resources import data_dir

    path = next(data_dir("rules").glob("**/RL209-*.yaml"))
    return dict(yaml.safe_load(path.read_text(encoding="utf-8"))["check"])


# how a finding names a subject
_SUBJECT_NAMES = {"essential": "requirements", "offer": "what is offered", "closing": "when applications close"}


def _wanted(options) -> list[str]:
    return [s for s in options.get("required", CORE_SECTIONS) if s in CORE_SECTIONS]


def core_sections(rule, target, options):
    document = target.document
    wanted = _wanted(options)
    present = subjects_present(document, target.spans, rule.spec, wanted)
    missing = [s for s in wanted if s not in present]
    if missing:
        names = ", ".join(_SUBJECT_NAMES.get(s, s) for s in missing)
        yield document_finding(rule, document, values={"missing": names, "count": len(missing)}, context=names)


CHECK = NamedCheck("core_sections", run=core_sections, schema=SCHEMA, prepare=prepare, prefetch=_prefetch)
