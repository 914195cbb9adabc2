"""RL132's check: the top of the proficiency scale demanded in several unrelated areas at once.

The requirements are the items RL201 counts (``requirement_items``). A demand is a degree word from
the rule file ("expert", "mastery", "excellent knowledge"); what it is of is the object that follows
it in its clause, read against the rule file's table of areas (front end, back end, databases ...).
A term may belong to several areas (Python to back end and to data science), so the breadth asked
is the fewest areas that together hold every term demanded at the top of the scale: "expert in
statistics, SQL and Python" is one area, data science; "expert in JavaScript, Python and MySQL" is
three. One finding an advert, at its first such demand, when that breadth reaches ``min_areas``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

from rolelint.checks import alternation, span_finding
from rolelint.checks.named.essential_requirements import catalogue_requirement_words, requirement_items
from rolelint.checks.named.mastery_for_level import OWNED_BY_OTHERS
from rolelint.checks.named.model import NamedCheck
from rolelint.checks.named.spec_schema import mapping_of, word_list
from rolelint.structure import DESIRABLE

# a clause of an item ends at a stop or a semicolon followed by a space ("Node.js" and ".NET" keep
# their dots); a colon does not end one: "Python: expert level" names its term before its demand
_CLAUSE_END = re.compile(r"[.;!?](?=\s|$)")
# a demand said not to be needed: "you don't need to be an expert", "no deep knowledge required"
_NOT_NEEDED = re.compile(r"(?:\b(?:not|no|never|without)|n['’]t)\b[^.;:!?]{0,30}$", re.IGNORECASE)
# the top of the scale as the end of a range that starts lower: "Intermediate to expert knowledge",
# "Intermediate/Advanced experience"
_RANGE = re.compile(
    r"\b(?:basic|beginner|working|good|intermediate|moderate|mid|mid-level|some)\s*(?:/|-|–|to|or)\s*$", re.IGNORECASE
)
# what follows names examples or alternatives, of which the hire needs one: "languages such as
# Python, C# or Java", "Scala, Java or other JVM-based languages", "at least one of the following:
# Java, Python, PHP"
_ALTERNATIVES = re.compile(
    r"\b(?:such as|like|e\.\s?g\.|for example|including|i\.e\.|and/or|or|one of|any of)\b", re.IGNORECASE
)
# the object of a demand ends where a clause about it starts: "a deep understanding of Ruby and
# Rails and how they interact with servers and databases" is a demand of Rails
_OBJECT_END = re.compile(r"\b(?:how|why|that|which|who|whose|when|where|while|so that|in order to)\b", re.IGNORECASE)


def _term_pattern(terms) -> str:
    """An alternation of ``terms`` as whole words (a term may start with a dot or end with "#" or
    "+": ".NET", "C#", "C++"), longest first."""
    return r"(?<![\w.#+-])(?:" + alternation(terms) + r")(?![\w#+-]|\.\w)"


# a word after a bare top word that is not a noun of its own, so that what follows may be what the
# demand is of: a preposition ("expert in", "mastery of"), a conjunction or the start of a clause
# ("expertise or proven interest", "an expert who"), a verb ("is"), or a verb's -ing form ("an
# expert owning the finance function")
_NOT_A_NOUN = re.compile(
    r"[\s-]*(?:(?:in|at|with|of|on|across|around|within|about|for|over|into|and|or|nor|but|plus|who|whose|which|"
    r"that|when|where|while|how|why|is|are|to)\b|[a-z]+ing\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Scale:
    demand: re.Pattern[str]  # a demand of the top of the scale; group "top" when a bare top word
    term: re.Pattern[str]  # a term of some area
    areas_of: dict[str, tuple[str, ...]]  # a term in lower case -> the areas it belongs to
    # a word for knowing or "level" after a bare top word, perhaps after one word ("expert
    # knowledge", "expert technical knowledge", "expert-level"), or a term ("expert React developer")
    object_follows: re.Pattern[str]

    @classmethod
    @lru_cache(maxsize=8)
    def of(
        cls,
        top: tuple[str, ...],
        degrees: tuple[str, ...],
        knowledge: tuple[str, ...],
        areas: tuple[tuple[str, tuple[str, ...]], ...],
    ) -> Scale:
        alone = "|".join(re.escape(word) for word in top)
        before = "|".join(re.escape(word) for word in degrees)
        known = "|".join(re.escape(word) for word in knowledge)
        # "expert", "mastery" alone; or a degree before a word for knowing, up to two words apart:
        # "deep knowledge", "advanced SQL skills", "in-depth technical understanding"
        demand = re.compile(
            rf"\b(?:(?P<top>{alone})\b|(?:{before})(?:[\s-]+[\w#+.]+){{0,2}}?[\s-]+(?:{known})\b)", re.IGNORECASE
        )
        areas_of: dict[str, tuple[str, ...]] = {}
        for area, terms in areas:
            for term in terms:
                held = areas_of.get(term.lower(), ())
                areas_of[term.lower()] = held + (area,) if area not in held else held
        term = _term_pattern(areas_of)
        follows = re.compile(rf"[\s-]*(?:(?:[\w'’-]+[\s-]+)?(?:{known}|level)\b|{term})", re.IGNORECASE)
        return cls(demand, re.compile(term, re.IGNORECASE), areas_of, follows)

    def names_its_own_object(self, after: str) -> bool:
        """Whether a bare top word is followed by a noun of its own rather than by what it is of:
        "Expert communicator with knowledge of React" is a demand of communication. ``after``: the
        text after the top word."""
        rest = after.lstrip(" -")
        if not rest or not rest[0].isalpha() or _NOT_A_NOUN.match(after):
            return False
        return self.object_follows.match(after) is None

    def terms_in(self, text: str) -> list[tuple[str, ...]]:
        """The areas of each term ``text`` names, in order."""
        return [self.areas_of[match.group().lower()] for match in self.term.finditer(text)]


def _object_terms(text: str, scale: Scale) -> list[tuple[str, ...]]:
    """The areas of the terms a demand is of, from the text after it up to a clause about its object:
    the terms named before any list of examples or alternatives, else the first of that list."""
    end = _OBJECT_END.search(text)
    text = text[: end.start()] if end else text
    cut = _ALTERNATIVES.search(text)
    if cut is None:
        return scale.terms_in(text)
    return scale.terms_in(text[: cut.start()]) or scale.terms_in(text[cut.end() :])[:1]


def _clauses(text: str):
    """(start, end) of each clause of ``text``."""
    start = 0
    for stop in _CLAUSE_END.finditer(text):
        yield start, stop.start()
        start = stop.end()
    yield start, len(text)


def demands(item, scale: Scale):
    """(start, end, terms) of each demand of the top of the scale in ``item``, ``terms`` the areas of
    each term it is of: named after it in its clause ("Expert in React and Node.js"), or before it
    when none is ("Python: expert level"). A bare top word followed by a noun of its own ("Expert
    communicator with knowledge of ...") is of that noun, not of the terms after it."""
    text = item.text
    for start, end in _clauses(text):
        clause = text[start:end]
        for match in scale.demand.finditer(clause):
            lead = clause[max(0, match.start() - 40) : match.start()]
            if _NOT_NEEDED.search(lead) or _RANGE.search(lead):
                continue
            if DESIRABLE.search(clause[match.end() :]):
                continue  # "Deep knowledge of Kafka strongly preferred"
            if OWNED_BY_OTHERS.search(clause[max(0, match.start() - 12) : match.start()]):
                continue  # "learn from our deep expertise"
            own = match.group("top") is not None and scale.names_its_own_object(clause[match.end() :])
            after = [] if own else _object_terms(clause[match.start() :], scale)
            terms = after or scale.terms_in(clause[: match.start()])
            yield start + match.start(), start + match.end(), terms


def fewest_areas(terms: list[tuple[str, ...]]) -> tuple[str, ...]:
    """The fewest areas that hold every term (each term given as the areas it belongs to), in the
    order they are first named: how many specialisms the terms take."""
    order: list[str] = []
    for areas in terms:
        order.extend(area for area in areas if area not in order)
    # a term held by the areas of another is held whenever that one is: only the narrowest count
    kinds = {frozenset(areas) for areas in terms}
    needed = [kind for kind in kinds if not any(other < kind for other in kinds)]
    for size in range(1, len(order) + 1):
        for chosen in combinations(order, size):
            if all(kind.intersection(chosen) for kind in needed):
                return chosen
    return ()


def _listed(areas) -> str:
    return areas[0] if len(areas) == 1 else ", ".join(areas[:-1]) + " and " + areas[-1]


def _scale_of(spec) -> Scale:
    return Scale.of(
        tuple(spec["top"]),
        tuple(spec["degrees"]),
        tuple(spec["knowledge"]),
        tuple((area, tuple(terms)) for area, terms in spec["areas"].items()),
    )


def expertise_breadth(rule, target, options):
    spec = rule.spec
    scale = _scale_of(spec)
    least = int(options.get("min_areas", 3))
    words = catalogue_requirement_words()  # the requirements are those RL201 counts
    widest: tuple[tuple[str, ...], tuple] | None = None
    for post in posts(target, requirement_items(target, words)):
        first = None
        asked: list[tuple[str, ...]] = []
        for item in post:
            for start, end, terms in demands(item, scale):
                if terms and first is None:
                    first = (item, start, end)
                asked.extend(terms)
        areas = fewest_areas(asked)
        if first is not None and len(areas) >= least and (widest is None or len(areas) > len(widest[0])):
            widest = (areas, first)
    if widest is not None:
        areas, (item, start, end) = widest
        yield span_finding(rule, item, start, end, values={"areas": _listed(areas), "count": len(areas)})


def _heading_key(text: str) -> str:
    return " ".join(text.split()).strip(" :*_#").lower()


def posts(target, items: list) -> list[list]:
    """``items`` split into the requirements of each post the document lists: a heading written
    again ("Requirements" under a second specialty of a job family) starts the next post's list."""
    headings = [
        (span.span.offsets[0], _heading_key(span.span.text))
        for span in target.spans
        if span.span.block == "heading" and span.span.text.strip()
    ]
    groups: list[list] = [[]]
    placed: dict[str, int] = {}  # heading -> where the current post's heading of that name is
    for item in items:
        key = _heading_key(item.span.heading or "")
        at = item.span.offsets[0] if item.span.offsets else 0
        under = max((offset for offset, text in headings if text == key and offset < at), default=None)
        if key and under is not None:
            if key in placed and placed[key] != under:
                groups.append([])
                placed = {}
            placed.setdefault(key, under)
        groups[-1].append(item)
    return [group for group in groups if group]


SCHEMA = {
    "top": word_list("a list of the words that are the top of the scale on their own, such as [expert, mastery]"),
    "degrees": word_list(
        "a list of the degrees that put a word for knowing at the top of the scale, such as [deep, in-depth]"
    ),
    "knowledge": word_list("a list of the words for knowing, such as [knowledge, understanding]"),
    "areas": mapping_of(
        word_list("a list of the area's terms, such as [SQL, MySQL]"),
        "a mapping of each area to a list of its terms, such as {databases: [SQL, MySQL], front end: [CSS, React]}",
    ),
}


def prepare(rules, nlp) -> None:
    """Build each expertise_breadth rule's scale, and read RL201's shipped requirement words, now:
    they depend on no input, and a --jobs parent's workers then share them."""
    for rule in rules:
        if rule.spec.get("name") == "expertise_breadth":
            _scale_of(rule.spec)
            catalogue_requirement_words()


CHECK = NamedCheck(
    "expertise_breadth", run=expertise_breadth, schema=SCHEMA, required=frozenset(SCHEMA), prepare=prepare
)
