"""RL123's check: the person hired written about as "the candidate", read from the tagger's output.

Only a window of a few tokens around each word for the person hired is tagged (no parse): the
determiner and qualities before the noun, and whether a verb follows it, as it follows a subject.
"""

from __future__ import annotations

import html
import re

from rolelint.checks import span_finding
from rolelint.checks.named.experience_for_level import advert_title
from rolelint.checks.named.model import NamedCheck
from rolelint.checks.named.parsed import Words
from rolelint.checks.named.spec_schema import word_list
from rolelint.nlp.triggers import Triggers
from rolelint.structure import names_a_job, states_right_to_work
from rolelint.textfold import caseless

SCHEMA = {
    "people": word_list("a list of the nouns for the person hired, such as [candidate, applicant]"),
    "quality": word_list(
        "a list of the adjectives said of the person hired before such a noun, such as [ideal, strong]"
    ),
    "title_quality": word_list(
        "a list of the adjectives between 'the' and a capitalised title that make it the person hired "
        "('the successful Software Developer works'), such as [successful, chosen]"
    ),
    "holders": word_list("a list of the nouns for whoever holds the post, such as [postholder, jobholder]"),
}
LISTS = tuple(SCHEMA)
VERB = ("AUX", "VERB")
# plurals are about the process ("candidates will be invited"), never the person hired
PLURALS = frozenset({"people", "persons", "individuals", "candidates", "applicants", "hires", "holders"})
# what a subject does, told from the words alone: a modal, or "is expected / required to"
MODALS = frozenset({"will", "shall", "should", "must", "would", "'ll", "’ll"})
PASSIVE_DEMANDS = frozenset({"expected", "required"})
# plurals whose modal and verb state what the person hired must bring ("Applicants must have a PhD",
# "Candidates should be fluent in"), not a step of the process ("applicants must submit a CV")
REQUIRING_PLURALS = frozenset({"applicants", "candidates"})
# the same without an article, as a heading's style opens a sentence: "Candidate must have"
REQUIRING_SINGULARS = frozenset({"applicant", "candidate"})
# what candidates do in the hiring process, not in the job: "the candidates will need to submit"
PROCESS_VERBS = frozenset(
    {
        "receive",
        "hear",
        "need",
        "submit",
        "send",
        "apply",
        "get",
        "undergo",
        "attend",
        "complete",
        "pass",
        "present",
        "move",
        "go",
        "proceed",
        "sit",
        "take",
        "provide",
        "bring",
    }
)
REQUIRING_MODALS = frozenset({"must", "should"})
# nouns for the post itself: "this role will lead a team" makes the post the person doing the job
POSTS = frozenset({"role", "position", "post", "job"})
# what a post does without a person in it: it is, has, involves, requires, covers, starts, is based,
# reports ("this role will be based in Leeds", "the role will involve travel", "this role will have
# autonomy", "this role calls for an engineer", "this position will report to")
POST_VERBS = frozenset(
    {
        "be",
        "involve",
        "include",
        "require",
        "entail",
        "touch",
        "begin",
        "start",
        "grow",
        "remain",
        "offer",
        "give",
        "pay",
        "suit",
        "allow",
        "close",
        "open",
        "last",
        "line",
        "report",
        "run",
        "sit",
        "come",
        "provide",
        "evolve",
        "change",
        "expire",
        "attract",
        "need",
        "have",
        "call",
        "cover",
        "mean",
    }
)
# a preposition before "this role" makes it a complement, not the subject: "candidates for this role will"
BEFORE_POST = frozenset({"for", "in", "into", "of", "to", "about", "with", "on", "at", "from", "by", "within"})
REQUIRED_VERBS = frozenset({"have", "possess", "hold", "demonstrate", "bring", "show"})
# verbs of what the people hired bring that no step of the process offers them ("will have" may be
# "will have the chance to")
POSSESSING = frozenset({"possess", "demonstrate"})
# nouns another word may make someone else than the person hired: "the contact person will reply"
GENERIC_PEOPLE = frozenset({"person", "individual"})
DETERMINERS = frozenset({"the", "this", "our"})
POST_DETERMINERS = DETERMINERS | {"a", "an"}
# "successful candidates" are those who pass a stage of the process ("will move on to an interview")
OUTCOMES = frozenset({"successful", "selected", "chosen", "shortlisted"})
# a title's head noun names the post, not the person, when it is one of these
NOT_PEOPLE = frozenset(
    {"role", "position", "job", "post", "vacancy", "team", "opportunity", "internship", "program", "family"}
)
# where a job title's own noun phrase ends: "PhD student for Testing ...", "Designer (f/m)", "Lead - Remote"
TITLE_END = re.compile(
    r"\s(?:for|in|at|on|with|of|to)\s|\s[-–—]|[(\[,:|@]|[.!?](?:\s|$)"
    r"|\s(?:position|job|role|post|vacancy|opening|opportunity)\b",
    re.IGNORECASE,
)
# the advert naming whom it hires, in its own words: "seeks a full-time Associate Director to lead",
# "we wish to hire a Program Coordinator to manage", "looking for a postdoctoral scholar who"
HIRES = re.compile(
    r"\b(?:hire|hiring|seeks?|seeking|recruit|recruits|recruiting|requires?|needs?|searching\s+for|looking\s+for)"
    r"\s+(?:an?|one)\s+"
    r"((?:[^\W\d_][\w-]*\.?\s+){0,4}?[^\W\d_][\w-]*)(?:\s+(?:to|who|that|with|for|in|at|on|based|\()|\s*,)",
    re.IGNORECASE,
)
# Every match of HIRES holds one of these, in any case (a test derives that from the pattern): a
# text without any is not searched.
_HIRE_WORDS = ("hir", "seek", "recruit", "requir", "need", "searching", "looking")
# words that end a title's phrase but name no one ("We are Hiring", "IT Job"), or a company
# how far into a jobs page its later headings are looked for, and how many of them name the post
_HEADINGS_READ, _LATER_TITLES = 60, 3
NOT_HEADS = frozenset(
    {"we", "are", "is", "it", "hiring", "available", "wanted", "new", "now", "open", "remote", "you"}
    # the employer or the page, named in a title ("Office of Innovation", "Computational Neuroscience
    # Laboratory", "Current openings"): never the person hired
    | {"office", "laboratory", "lab", "department", "team", "group", "unit", "company", "organisation"}
    | {"organization", "centre", "center", "institute", "university", "school", "agency", "foundation"}
    | {"ministry", "bureau", "division", "openings", "opportunities", "requirements", "careers", "jobs"}
    | {"vacancies", "positions"}
    # the post or the work, not the person: "PhD Project 1", "Data Science Internship", "Research
    # Fellowship" ("the project will develop ..." is about the work)
    | {"project", "projects", "programme", "program", "position", "role", "job", "post", "vacancy"}
    | {"opening", "opportunity", "internship", "fellowship", "studentship", "scholarship", "placement"}
)
# coordinated titles each have a head: "PhD student & post-doc", "Frontend developer / designer"
TITLE_COORDINATE = re.compile(r"\s(?:and|or|&)\s|\s?/\s?", re.IGNORECASE)
LATIN = re.compile(r"[A-Za-z]")
ABBREVIATION = re.compile(r"\b([A-Z][a-z]{0,2})\.(?=\s+[A-Z])")
TITLE_FIELD = re.compile(r"^[^:\n]{0,40}\btitle\s*:\s*(\S.*)$", re.IGNORECASE)


def third_person_at(doc, words: Words, heads: frozenset[str] = frozenset()) -> tuple[int, int] | None:
    """Token range of the first third-person reference to the person hired in ``doc``, or None.
    The narrower forms are looked for first, over the whole span, so that a span's finding stays
    where they put it; then the wider ones (see ``_reference_at``)."""
    return _reference_at(doc, words, heads, wider=False) or _reference_at(doc, words, heads, wider=True)


def _reference_at(doc, words: Words, heads: frozenset[str], *, wider: bool) -> tuple[int, int] | None:
    """The first reference of ``_forms_at``, or a post named before "is responsible for"
    (``_post_responsible``) when that comes first in the span."""
    found = _forms_at(doc, words, heads, wider=wider)
    post = None if wider else _post_responsible(doc, heads)
    if post is not None and (found is None or post[0] < found[0]):
        return post
    return found


def _forms_at(doc, words: Words, heads: frozenset[str], *, wider: bool) -> tuple[int, int] | None:
    """The first third-person reference to the person hired in ``doc``:

    - "the/our" + a ``quality`` + a singular ``people`` noun ("the ideal candidate");
    - "a/an" + a ``quality`` + a ``people`` noun + a verb ("an excellent candidate will");
    - a ``quality`` + a ``people`` noun + a verb with no determiner, as a sentence opens
      ("Successful candidate will", "Ideal candidates will be": plural too, as the quality says
      who is meant);
    - "the/this/our" + a ``people`` noun + a verb, or "that/who" and a verb, or "to" and a verb
      ("the candidate will", "the person that fills this role should", "we expect this person to
      spend");
    - "the" + a ``title_quality`` + a capitalised title + a verb ("the successful Software
      Developer Intern works");
    - "the/this/our" + up to five words ending in the head noun of the advert's own title (one of
      ``heads``) + a modal or "is expected to" ("the Cloud Security Engineer will", "the
      prospective PhD student is expected to");
    - "the" + a ``holders`` word ("the postholder"), or "the post/job/role holder".

    ``wider`` adds:

    - "Applicants/Candidates must/should have" (or "should be"), what the person hired brings;
    - "the/our" + any adjective or noun + a ``people`` noun other than "person" or "individual" + a
      verb ("our dream candidate has", "the PhD candidate will");
    - after the title's head noun (a capitalised one): "is", "has" or a present-tense verb ("the
      Program Coordinator coordinates", "the Associate Director is one of").
    """
    n = len(doc)
    for i, token in enumerate(doc):
        if wider and token.lower_ in REQUIRING_PLURALS and _requirement_after(doc, i):
            return i, i + 1
        if wider and token.lower_ in REQUIRING_SINGULARS and _opens(doc, i) and _requirement_after(doc, i):
            return i, i + 1
        if wider and token.lower_ in REQUIRING_PLURALS:
            found = _plural_at_work(doc, i) or _plural_described(doc, i, words)
            if found:
                return found
        plural = token.tag_ in ("NNS", "NNPS") or token.lower_ in PLURALS
        if plural and not (
            i >= 1 and words.has("quality", doc[i - 1]) and doc[i - 1].lower_ not in OUTCOMES and _opens(doc, i - 1)
        ):
            continue
        if i == 0:
            continue
        before = doc[i - 1].lower_
        if words.has("holders", token) and before == "the" and not _modifies_a_noun(doc, i):
            return i - 1, i + 1
        if token.lower_ == "holder" and i >= 2 and doc[i - 2].lower_ == "the" and before in ("post", "job", "role"):
            return i - 2, i + 1
        if not words.has("people", token) or token.tag_ not in ("NN", "NNS", ""):
            continue
        if _compared(doc, i):
            continue  # "the candidate is more important than the position": a view of hiring
        after = doc[i + 1] if i + 1 < n else None
        verb_after = after is not None and (
            after.pos_ in VERB or (after.lower_ in ("that", "who", "to") and i + 2 < n and doc[i + 2].pos_ in VERB)
        )
        if words.has("quality", doc[i - 1]):
            if _opens(doc, i - 1):
                if verb_after:
                    return i - 1, i + 1
                continue
            determiner = doc[i - 2].lower_
            if _said_of_you(doc, i - 2):
                continue  # "you are the right person" already speaks to the reader
            # after "a", the noun is the subject only when its own verb follows ("an excellent
            # candidate will"); "require a qualified candidate to fill the role" names whom they hire
            finite_after = after is not None and after.pos_ in VERB
            if not plural and (determiner in ("the", "our") or (determiner in ("a", "an") and finite_after)):
                return i - 2, i + 1
        if not plural and before in DETERMINERS and verb_after and not _said_of_you(doc, i - 1):
            return i - 1, i + 1
        if (
            wider
            and not plural
            and verb_after
            and i >= 2
            and doc[i - 2].lower_ in ("the", "our")
            and doc[i - 1].pos_ in ("ADJ", "NOUN")
            and token.lower_ not in GENERIC_PEOPLE
            and not _said_of_you(doc, i - 2)
        ):
            return i - 2, i + 1  # "our dream candidate has", "the new hire will"
    for i, token in enumerate(doc[:-2]):
        if token.lower_ == "the" and words.has("title_quality", doc[i + 1]):
            j = i + 2
            while j < n and j - i - 2 < 5 and doc[j].is_title:
                j += 1
            if j > i + 2 and j < n and doc[j].pos_ in VERB:
                return i, j
    post = _post_at_work(doc) if not wider else None
    if post is not None:
        return post
    return _title_subject(doc, heads, wider=wider) if heads else None


def _post_at_work(doc) -> tuple[int, int] | None:
    """ "This role will lead a team of data scientists", "This position will maintain a small
    caseload", "This role supports and develops partnerships": "this" or "the" and a noun for the
    post, as the subject (not after a preposition: "candidates for this role will") of a modal and a
    verb, or of a present-tense verb, for what a person does - not what a post does by itself
    (``POST_VERBS``: "will be based", "will involve", "requires", "will report to")."""
    n = len(doc)
    for i in range(1, n - 1):
        if doc[i].lower_ not in POSTS or doc[i - 1].lower_ not in ("this", "the"):
            continue
        if i >= 2 and doc[i - 2].lower_ in BEFORE_POST:
            continue
        j = i + 1
        if doc[j].lower_ in MODALS:
            j += 1
            if j < n and doc[j].lower_ in ("also", "primarily", "mostly", "mainly", "initially"):
                j += 1
            if j >= n or doc[j].pos_ not in VERB or doc[j].tag_ != "VB":
                continue
        elif doc[j].tag_ != "VBZ" or doc[j].pos_ != "VERB":
            continue
        if doc[j].lemma_.lower() in POST_VERBS:
            continue
        if doc[j].lemma_.lower() == "get" and j + 1 < n and doc[j + 1].tag_ == "VBN":
            continue  # a passive with "get": "as long as the job gets done" is the work done, not a doer
        return i - 1, i + 1
    return None


def _modifies_a_noun(doc, i: int) -> bool:
    """Whether the word at ``i`` describes the noun after it rather than naming a person, as the
    tagger reads it: an adjective, or a word before a noun ("the incumbent industry", "the
    incumbent provider")."""
    return doc[i].pos_ == "ADJ" or (i + 1 < len(doc) and doc[i + 1].pos_ in ("NOUN", "PROPN"))


# words that end the reach of a comparison: a clause's or sentence's punctuation
_CLAUSE_END = frozenset({".", ",", ";", ":", "!", "?", "(", ")"})


# the verbs of a view of hiring that compares the person hired: "is more important than", "matters
# more than"; not a demand that compares a quantity ("has more than five years")
_COMPARED_BY = frozenset({"is", "are", "'s", "matters", "matter", "counts", "count"})


def _compared(doc, i: int) -> bool:
    """Whether the noun at ``i`` is the subject of a comparison in the present tense: "is", "are",
    "matters" or "counts" and "than" within a few words, in the same clause ("the candidate is more
    important than the position", "the person matters more than the CV"). That states a view of
    hiring in general, not what the person hired will do or bring ("the candidate has more than five
    years of experience" is what they bring). Read from the words alone."""
    n = len(doc)
    if i + 1 >= n or doc[i + 1].lower_ not in _COMPARED_BY:
        return False
    for j in range(i + 2, min(n, i + 7)):
        if doc[j].text in _CLAUSE_END:
            return False
        if doc[j].lower_ == "than":
            return True
    return False


def _requirement_after(doc, i: int) -> bool:
    """Whether "must/should" and a verb of having follow token ``i`` ("Applicants must have",
    "Candidates should have"), or "should be" ("Candidates should be fluent"), read from the words
    alone; not "must be" ("candidates must be eligible to work": a condition of the process), and
    not after "all" ("all candidates must have the right to work": a rule for everyone applying)."""
    if i + 2 >= len(doc) or doc[i + 1].lower_ not in REQUIRING_MODALS or (i >= 1 and doc[i - 1].lower_ == "all"):
        return False
    verb = doc[i + 2].lower_
    return verb in REQUIRED_VERBS or (verb == "be" and doc[i + 1].lower_ == "should")


def _plural_at_work(doc, i: int) -> tuple[int, int] | None:
    """ "The candidates will work in", "The appropriate candidates will join a team": the people
    hired in the plural, after "the" or "our" (and perhaps one adjective that is not an outcome of
    the process: "successful", "shortlisted"), doing the job: a modal and an active verb that is not
    a step of the process ("will be invited", "will need to submit", "will receive")."""
    if i + 2 >= len(doc) or doc[i + 1].lower_ not in MODALS:
        return None
    if i >= 1 and doc[i - 1].lower_ in ("the", "our"):
        first = i - 1
    elif (
        i >= 2
        and doc[i - 2].lower_ in ("the", "our")
        and doc[i - 1].pos_ == "ADJ"
        and (doc[i - 1].lower_ not in OUTCOMES or doc[i + 2].lower_ in POSSESSING)
    ):
        first = i - 2  # "the successful candidates will possess": what they bring, not a step
    else:
        return None
    verb = doc[i + 2]
    # the tagger reads "have" as an auxiliary after a modal ("will have experience") as often as not
    having = verb.lower_ in REQUIRED_VERBS and not (i + 3 < len(doc) and doc[i + 3].lower_ == "to")
    if (verb.pos_ != "VERB" and not having) or verb.lemma_.lower() in PROCESS_VERBS or _said_of_you(doc, first):
        return None
    return first, i + 1


def _plural_described(doc, i: int, words: Words) -> tuple[int, int] | None:
    """ "Successful candidates will be strong developers", "The ideal candidates will be responsible
    for": the people hired in the plural, named by a quality (even one the process gives, such as
    "successful"), said to be what the job needs: a modal, "be", and "responsible" or a plural noun
    (perhaps after adjectives) - not a step of the process ("will be invited", "will be eligible")."""
    n = len(doc)
    if i < 1 or i + 3 >= n or not words.has("quality", doc[i - 1]) or doc[i + 1].lower_ not in MODALS:
        return None
    if not (_opens(doc, i - 1) or (i >= 2 and doc[i - 2].lower_ in ("the", "our"))):
        return None
    if doc[i + 2].lower_ != "be":
        return None
    j = i + 3
    if doc[j].lower_ == "responsible":
        return (i - 1 if _opens(doc, i - 1) else i - 2), i + 1
    while j < n and j - i <= 6 and doc[j].pos_ in ("ADJ", "ADV"):
        j += 1
    if j < n and j > i + 3 and doc[j].tag_ == "NNS":
        first = i - 1 if _opens(doc, i - 1) else i - 2
        return None if _said_of_you(doc, first) else (first, i + 1)
    return None


def _opens(doc, i: int) -> bool:
    """Whether token ``i`` opens a sentence, item or clause (nothing but punctuation before it)."""
    return i == 0 or doc[i - 1].is_punct or doc[i].is_sent_start is True


def _demand_at(doc, j: int, *, wider: bool) -> int | None:
    """Where the verb group of a subject's demand or description starts, if one starts at token
    ``j``: a modal ("will", "should"), "is/be expected/required" (then the "is"); after a capitalised
    title, "is" or "has", or a verb in the present tense that the tagger read as one ("the Program
    Coordinator works")."""
    lower = doc[j].lower_
    if lower in MODALS:
        return j
    if lower in PASSIVE_DEMANDS and j >= 1 and doc[j - 1].lower_ in ("is", "be"):
        return j - 1
    if not wider:
        return None
    if (lower in ("is", "has") and j >= 2 and doc[j - 1].is_title) or (doc[j].tag_ == "VBZ" and _present_verb(doc, j)):
        return j
    return None


def _present_verb(doc, j: int) -> bool:
    """Whether token ``j`` may be a present-tense verb after a capitalised subject ("the Program
    Coordinator works"): read from the words, so that the window to tag is known before tagging."""
    token = doc[j]
    return j >= 2 and token.is_lower and token.is_alpha and token.lower_.endswith("s") and doc[j - 1].is_title


# what a person's title ends with (manager, developer, specialist, officer, analyst, attorney,
# engineer, consultant, librarian, trainee): a title-case noun with one of these endings is read as
# a post when "is responsible for" follows it, whatever the advert's own title
AGENT_ENDING = re.compile(r"(?:er|or|ist|yst|ant|ent|ian|eer|ee|ey|ive)$")
# title-case nouns with those endings that name a body, not a person: "the Employer is responsible"
NOT_AGENTS = frozenset(
    {"employer", "center", "centre", "provider", "department", "government", "management", "contractor", "client"}
)


def _post_responsible(doc, heads: frozenset[str] | None, at: int | None = None) -> tuple[int, int] | None:
    """ "The Prevention & Education Specialist is responsible for", "a Software Developer is
    responsible for", "The Kroger Senior Sales Insights Manager will be responsible for": a determiner
    and a run of up to six title-case words (with "&", "and" or "of" inside) whose head - the word
    before "of", else the last - names a person (the advert's title's head, or a noun ending as a
    person's title does), then "is/will be/shall be responsible". Read from the words alone. With
    ``at``, only "responsible" at that token is looked at, and with ``heads`` None any title-case
    head that is not a body counts (the shape, for the trigger window)."""
    n = len(doc)
    for j in range(3, n - 1) if at is None else (at,):
        if j < 3 or j + 1 >= n:
            continue
        if doc[j].lower_ != "responsible" or doc[j + 1].lower_ != "for":
            continue
        if doc[j - 1].lower_ == "is":
            end = j - 1
        elif doc[j - 1].lower_ == "be" and doc[j - 2].lower_ in MODALS:
            end = j - 2
        else:
            continue
        k = end
        while (
            k > 0
            and end - k < 6
            and doc[k - 1].lower_ not in POST_DETERMINERS
            and (doc[k - 1].is_title or doc[k - 1].lower_ in ("&", "and", "of"))
        ):
            k -= 1
        if k == end or k == 0 or doc[k - 1].lower_ not in POST_DETERMINERS:
            continue
        if not doc[k].is_title:
            continue
        of = next((m for m in range(k + 1, end) if doc[m].lower_ == "of"), end)
        head = doc[of - 1].lower_
        if head in NOT_PEOPLE or head in NOT_AGENTS:
            continue
        if (heads is None or head in heads or AGENT_ENDING.search(head)) and not _said_of_you(doc, k - 1):
            return k - 1, end
    return None


def _title_subject(doc, heads: frozenset[str], *, wider: bool) -> tuple[int, int] | None:
    """The first "the/this/our ... <head noun of the advert's title>" that opens a demand: read from
    the words alone (the verb group is a closed class), so it needs no tags. The head may come
    before an "of" phrase in title case ("the Manager of Doula Services will"), and a plural of it
    after "these" refers back to the people hired ("These developers will")."""
    for j in range(2, len(doc)):
        verb = _demand_at(doc, j, wider=wider)
        if verb is None or verb < 2:
            continue
        end = verb
        end = _before_aside(doc, end)
        if doc[end - 1].like_num and end >= 3:  # "the Software Developer 2 will"
            end -= 1
        head = doc[end - 1].lower_
        if end >= 2 and doc[end - 2].lower_ == "these" and head.endswith("s") and (head in heads or head[:-1] in heads):
            if not _said_of_you(doc, end - 2):
                return end - 2, end  # "These developers will"
            continue
        if head not in heads and doc[end - 1].is_title:
            # "the Manager of Doula Services": the head is the word before a title-case "of" phrase
            of = end - 1
            while of > 0 and end - of <= 4 and doc[of - 1].is_title:
                of -= 1
            if of >= 2 and doc[of - 1].lower_ == "of":
                end = of - 1
                head = doc[end - 1].lower_
        if head not in heads or head in NOT_PEOPLE:
            continue
        k = end - 1
        while k > 0 and end - k <= 5 and (doc[k - 1].is_alpha or doc[k - 1].like_num or _abbreviation(doc[k - 1])):
            if doc[k - 1].lower_ in DETERMINERS:
                if not _said_of_you(doc, k - 1):
                    return k - 1, end
                break
            k -= 1
    return None


def _abbreviation(token) -> bool:
    """ "&" or a short abbreviation's full stop in a title ("Sr.", "Jr.", tokenized as two tokens or one)."""
    if token.lower_ == "&":
        return True
    if token.text == ".":
        before = token.doc[token.i - 1] if token.i > 0 else None
        return before is not None and before.is_title and before.is_alpha and len(before.text) <= 3
    return token.text.endswith(".") and 2 <= len(token.text) <= 4 and token.text[0].isupper()


def _before_aside(doc, end: int) -> int:
    """Where a subject ends when a short aside stands between it and its verb: a bracket ("the Sr.
    Platform Operations Specialist (Platform Specialist) will") or an appositive between commas
    ("the Platform Engineer, Consultant, will"); else ``end``."""
    if end >= 3 and doc[end - 1].text == ")":
        start = next((k for k in range(end - 2, max(0, end - 8), -1) if doc[k].text == "("), None)
        if start is not None and start >= 2:
            return start
    if end >= 4 and doc[end - 1].text == ",":
        start = next((k for k in range(end - 2, max(0, end - 6), -1) if doc[k].text == ","), None)
        if start is not None and start >= 2 and all(t.is_title for t in doc[start + 1 : end - 1]):
            return start
    return end


def _may_name_a_hire(text: str) -> bool:
    """False when ``HIRES`` cannot match in ``text``."""
    lowered = caseless(text)
    return any(word in lowered for word in _HIRE_WORDS)


def title_heads(document) -> frozenset[str]:
    """Head nouns of the advert's own title (front matter ``title``/``job_title``, its first heading,
    the first headings that name a job,
    a "Position Title:" field): the last word of each title's noun phrase, lower case. Worked out
    once per document for the rules that read them, and again if its data or spans are replaced."""
    return document.worked_out("title_heads", (document.data, document.spans), lambda: _title_heads(document))


def _title_heads(document) -> frozenset[str]:
    data = document.data if isinstance(document.data, dict) else {}
    titles = [advert_title(document)]
    titles += [value for key, value in data.items() if isinstance(value, str) and "title" in str(key).lower()]
    first_heading = next((span.text for span in document.spans if span.block == "heading" and span.text.strip()), "")
    titles.append(first_heading)
    # a jobs page whose title and first heading are the page's ("Join Our Team", "Current openings")
    # names the post in a later heading
    if not any(names_a_job(title) for title in titles if title):
        later = (span.text for span in document.spans[:_HEADINGS_READ] if span.block == "heading")
        titles += [text for text in later if names_a_job(text)][:_LATER_TITLES]
    for span in document.spans[:40]:
        field = TITLE_FIELD.match(span.text.strip()) if "itle" in span.text[:60] else None
        if field:
            titles.append(field.group(1))
    for span in document.spans[:60]:
        if span.block != "heading" and _may_name_a_hire(span.text):
            titles.extend(match.group(1) for match in HIRES.finditer(span.text))
    heads = set()
    for title in titles:
        # the first piece in Latin letters: a job board's label in another script may come first
        # ("Αγορά Εργασίας &#8211; Senior Java Developer &#8211; ...")
        # an abbreviation's full stop ("Sr. Platform Specialist") does not end the title
        text = ABBREVIATION.sub(r"\1", html.unescape(title).replace("*", " "))
        pieces = TITLE_END.split(" " + text + " ")
        phrase = next((piece for piece in pieces if LATIN.search(piece)), "")
        for part in TITLE_COORDINATE.split(phrase):
            alphabetic = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", part)
            if alphabetic and alphabetic[-1].lower() not in NOT_HEADS:
                heads.add(alphabetic[-1].lower())
    return frozenset(heads)


_BE = frozenset({"are", "'re", "’re", "be", "am", "'m", "’m"})


def _said_of_you(doc, determiner: int) -> bool:
    """Whether the phrase starting at ``determiner`` is said of the reader: "you" (or the reader's "I")
    and a form of "be" in the three words before it ("you are the ideal candidate", "are you the
    right person", "you could be the ideal candidate", "am I the right person?"). Read from the words, as these tokens may lie outside the tagged window."""
    before = {token.lower_ for token in doc[max(0, determiner - 3) : determiner]}
    return bool(before & {"you", "i"}) and bool(before & _BE)


def third_person(rule, target, options):
    words = Words.of(rule.spec, LISTS)
    heads = title_heads(target.document)
    for item in target.spans:
        doc = item.doc
        if doc is None or not len(doc):
            continue
        found, offset = third_person_at(doc, words, heads), 0
        while found and doc.has_annotation("DEP") and _term_of_the_post(doc, found[0] + offset, found[1] + offset):
            # "The successful applicant will receive £34,106 per annum": the pay, not the work; a
            # reference after that sentence is still read
            offset = _after_sentence(doc, item.text, doc[found[0] + offset].idx)
            found = third_person_at(doc[offset:].as_doc(), words, heads) if offset < len(doc) else None
        found = (found[0] + offset, found[1] + offset) if found else None
        sentence = _sentence_at(item.text, doc[found[0]].idx) if found else ""
        if found and not _VETTING.search(sentence) and not states_right_to_work(sentence):
            # one finding a span: one rewrite to "you" fixes it. A sentence that states the vetting
            # the hire must pass ("The successful candidate will be subject to an enhanced DBS
            # check") or the right to work they must have ("Applicants must have the right to work
            # in the UK") is the employer's standing statement, not the hire talked about at a distance
            first, last = doc[found[0]], doc[found[1] - 1]
            yield span_finding(rule, item, first.idx, last.idx + len(last.text))


# what the parse gives of the hire's predicate as what it is given or does: its objects and complements
_ARGUMENTS = frozenset({"dobj", "dative", "attr", "oprd", "prep", "npadvmod", "acomp", "xcomp"})
_READER = frozenset({"you", "your", "yours"})


def _after_sentence(doc, text: str, offset: int) -> int:
    """The index of the first token of ``doc`` after the sentence of ``text`` that holds ``offset``."""
    end = _SENTENCE_END.search(text, offset)
    stop = end.end() if end else len(text)
    return next((t.i for t in doc if t.idx >= stop), len(doc))


def _term_of_the_post(doc, start: int, end: int) -> bool:
    """Whether the reference at tokens ``start:end`` is, by the dependency parse, the subject of a
    sentence that states the pay ("The successful applicant will receive £34,106 - £37,107 per
    annum", "The Project Archivist will be paid $41,600"): a term of the post, not the duties or
    requirements where speaking to the reader matters. The pay is a money amount (a number with a
    currency sign) that is itself one of the predicate's objects or complements, not a noun it
    describes ("will manage a budget of £34,106") nor in a clause joined to it.
    A sentence that already speaks to the reader ("In return for your commitment, the successful
    Web Developer will receive £34,106") switches to the third person inside it: still reported."""
    inside = range(start, end)
    subject = next((t for t in doc[start:end] if t.head.i not in inside or t.head.i == t.i), None)
    if subject is None or subject.dep_ not in ("nsubj", "nsubjpass"):
        return False
    predicate = subject.head
    root = predicate
    while root.head.i != root.i:  # Token objects are made afresh on each access: compare positions
        root = root.head
    if any(t.lower_ in _READER for t in root.subtree):
        return False
    if any(child.dep_ == "conj" for child in predicate.children):
        return False  # "will receive £34,106 and will manage a team of five": the work too
    for argument in predicate.children:
        if argument.dep_ not in _ARGUMENTS:
            continue
        # the amount itself is the argument ("receive £34,106", "be paid at $20 an hour"), not a
        # noun it describes ("manage a budget of £34,106": the work)
        heads = [c for c in argument.children if c.dep_ == "pobj"] if argument.dep_ == "prep" else [argument]
        if any(head.like_num and any(t.is_currency for t in head.subtree) for head in heads):
            return True
    return False


def _may_state_pay(rule, item) -> bool:
    """Whether ``_term_of_the_post`` may hold in ``item``: a currency sign in it, read from the
    words (the parse is then worth having)."""
    doc = item.doc
    return doc is not None and any(t.is_currency for t in doc)


_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
# the vetting a post's holder must pass, as a condition of the offer
_VETTING = re.compile(
    r"\b(?:subject\s+to|undergo\w*|pass\w*|obtain\w*)\b[^.!?]{0,60}\b(?:dbs|disclosure|background\s+check|"
    r"criminal\s+records?|vetting|security\s+clearance|screening)\b",
    re.IGNORECASE,
)


def _sentence_at(text: str, offset: int) -> str:
    """The sentence of ``text`` that holds ``offset``, cut at full stops, question and exclamation marks."""
    start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, offset)), default=0)
    end = _SENTENCE_END.search(text, offset)
    return text[start : end.end() if end else len(text)]


def _triggers(rule) -> Triggers:
    words = Words.of(rule.spec, LISTS)
    people = frozenset(words.lists["people"] | words.lists["holders"] | {"holder"})
    quality, title_quality = words.lists["quality"], words.lists["title_quality"]
    plurals = frozenset(w + "s" for w in words.lists["people"]) | PLURALS

    def window(doc, text: str) -> list[tuple[int, int]]:
        """The tokens the check reads tags on: the determiner and quality before a word for the
        person hired and the verb after it; "the successful" and a title of up to five words and
        its verb; and, for a subject named by the advert's title, the demand's verb group (read
        from the words: only a span holding one is kept)."""
        found = []
        n = len(doc)
        for i, token in enumerate(doc):
            lower = token.lower_
            if lower in people or (lower in plurals and i >= 1 and doc[i - 1].lower_ in quality):
                found.append((max(0, i - 2), min(n, i + 3)))
            elif lower in POSTS and i >= 1 and doc[i - 1].lower_ in ("this", "the"):
                found.append((i, min(n, i + 4)))  # the post's verb: "this role will lead", "this role supports"
            elif lower in REQUIRING_PLURALS and i + 1 < n and doc[i + 1].lower_ in MODALS:
                # "will be" and what they are said to be: up to a few adjectives and a noun
                described = i + 2 < n and doc[i + 2].lower_ == "be"
                found.append((max(0, i - 2), min(n, i + (8 if described else 3))))
            elif lower in REQUIRING_SINGULARS and _requirement_after(doc, i):
                found.append((i, i + 1))
            elif lower in title_quality:
                found.append((max(0, i - 1), min(n, i + 7)))
            elif (lower in MODALS or lower in PASSIVE_DEMANDS) and i >= 2:
                if any(t.lower_ in DETERMINERS for t in doc[max(0, i - 11) : i - 1]) or doc[i - 2].lower_ == "these":
                    found.append((i, i + 1))
            elif lower == "responsible" and _post_responsible(doc, heads=None, at=i) is not None:
                found.append((i, i + 1))  # read from the words: the check needs this span, not its tags
            elif (lower in ("is", "has") and i >= 2 and doc[i - 1].is_title) or _present_verb(doc, i):
                if any(t.lower_ in DETERMINERS for t in doc[max(0, i - 7) : i - 1]):
                    found.append((i, i + 1))
        return found

    return Triggers(window=window)


CHECK = NamedCheck(
    "third_person",
    run=third_person,
    needs=frozenset({"lemma", "pos", "dep"}),
    schema=SCHEMA,
    triggers=_triggers,
    parse_wanted=_may_state_pay,
)
