"""Rule kind ``metric``: counts and lengths compared with thresholds.

Measures: ``sentence_words`` (per sentence; ``inline_lists`` leaves out the words of inline lists,
``skip_sentences_with`` the sentences holding two of its words), ``document_words`` (over ``max``,
without the sentences holding three of the ``skip_sentences_with`` words) and ``grade_level`` (Flesch-Kincaid,
per document), ``list_items`` (list items in scope, per document). ``min`` / ``max`` come from the
spec and can be overridden by options of the same name.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rolelint.checks import document_finding, sentence_bounds, span_finding
from rolelint.structure import run_in_heading

MEASURES = ("sentence_words", "document_words", "grade_level", "list_items")
WORD = re.compile(r"[A-Za-z0-9\u00C0-\u024F][\w'’\u00C0-\u024F-]*")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")


def compile(rule) -> dict:
    spec = dict(rule.spec)
    if spec["measure"] not in MEASURES:
        raise ValueError(f"metric.measure: {spec['measure']!r} is not one of {', '.join(MEASURES)}")
    if "min" not in spec and "max" not in spec and "min" not in rule.options and "max" not in rule.options:
        raise ValueError("metric: give `min` or `max` (in the spec or as an option)")
    return spec


def needs(rule, spec: dict) -> set[str]:
    if spec["measure"] in ("sentence_words", "grade_level"):
        return {"tokens", "sents"}
    return set()


def _limits(spec: dict, options: dict) -> tuple[float | None, float | None]:
    return options.get("min", spec.get("min")), options.get("max", spec.get("max"))


def run(rule, spec: dict, target, options, nlp):
    low, high = _limits(spec, options)
    measure = spec["measure"]
    if measure == "sentence_words":
        skip = skip_words(spec)
        yield from _sentence_words(rule, target, high, inline_lists=bool(spec.get("inline_lists")), skip=skip)
    elif measure == "document_words":
        skip = skip_words(spec)
        words = document_words(target.spans, low, high, skip=skip)
        breach = _breach(words, low, high)
        if breach == "below min" and spec.get("complete_with") and _complete(target, spec["complete_with"]):
            breach = None  # short, but it says what the job is, what it needs and how to apply
        if target.spans and breach:
            count = _count(words, "word")
            left_out = document_words(target.spans, low, high) - words if breach == "above max" else 0
            if left_out:
                count += f" (not counting {_count(left_out, 'word')} of equal-opportunity text)"
            yield document_finding(
                rule,
                target.document,
                values={"words": words, "word_count": count, "min": low, "max": high},
                context=f"{measure} {breach}",
            )
    elif measure == "grade_level":
        grade, words = grade_level(target.spans)
        breach = _breach(grade, low, high)
        if words >= int(options.get("min_words", spec.get("min_words", 100))) and breach:
            values = {"grade": f"{grade:.1f}", "min": low, "max": high, "words": words}
            yield document_finding(rule, target.document, values=values, context=f"{measure} {breach}")
    elif measure == "list_items":
        items = [item for item in target.spans if item.span.block == "list_item"]
        if high is not None and len(items) > high:
            extra = items[int(high)]
            yield span_finding(rule, extra, 0, len(extra.text), values={"count": len(items), "max": int(high)})


def document_words(spans, low, high=None, *, skip: frozenset[str] = frozenset()) -> int:
    """An advert's words as RL207 counts them: its body's, and, when the body alone is shorter than
    ``low``, the prose of its front matter too (a site that keeps the advert's text in fields its
    template renders: `description:`, `qualifications:`), counted up to ``high``: the fields may
    complete a stub, never make a body long. A body longer than ``high`` is counted without its
    sentences that hold three or more of the ``skip`` words (``boilerplate_words``): an
    equal-opportunity statement is not the hiring manager's to cut; leaving it out may bring the
    body within ``high``, never under ``low``."""
    words = sum(len(WORD.findall(item.text)) for item in spans if item.span.block != "scalar")
    if low is not None and words < low:
        words += sum(len(WORD.findall(item.text)) for item in spans if item.span.block == "scalar")
        if high is not None:
            words = min(words, int(high))  # the fields may complete a stub, never make a body long
    elif high is not None and words > high and skip:
        own = words - boilerplate_words(spans, skip)
        # legal text may bring a long advert within the limit, never make it a stub
        words = own if low is None or own >= low else words
    return words


def skip_words(spec: dict) -> frozenset[str]:
    """A metric's ``skip_sentences_with`` words, in lower case."""
    return frozenset(str(word).lower() for word in spec.get("skip_sentences_with", ()))


# where a sentence of a span ends, read without the pipeline: a full stop, question or exclamation
# mark before a space and what can open a sentence
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'“‘(\[])")


def boilerplate_words(spans, skip: frozenset[str], least: int = 3) -> int:
    """The words of the body's sentences that hold ``least`` or more of the ``skip`` words (equal
    opportunity and accommodation statements name several protected characteristics), as
    ``document_words`` counts words. Three, not RL205's two: a sentence left uncounted here shortens
    the whole advert, not one finding."""
    if not skip:
        return 0
    total = 0
    for item in spans:
        if item.span.block == "scalar":
            continue
        for sentence in _SENTENCE_END.split(item.text):
            words = WORD.findall(sentence)
            if len(skip.intersection(word.lower() for word in words)) >= least:
                total += len(words)
    return total


def _count(number: int, noun: str) -> str:
    """``number`` with ``noun``, plural unless it is one: "1 word", "0 words", "45 words"."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _complete(target, subjects) -> bool:
    """Whether the advert covers every one of ``subjects`` (duties, requirements, a way to apply …)
    as RL209 reads them: a short advert that does is complete, not a stub."""
    from rolelint.checks.named.core_sections import catalogue_spec, subjects_present

    wanted = [str(subject) for subject in subjects]
    present = subjects_present(target.document, target.spans, catalogue_spec(), wanted)
    return all(subject in present for subject in wanted)


def _breach(value: float, low, high) -> str | None:
    """Which limit ``value`` crosses. A per-document finding's context names this, not the value: the
    baseline fingerprints the context, so an advert that gains a word must stay the same finding, and
    one that goes from too long to too short must not."""
    if high is not None and value > high:
        return "above max"
    if low is not None and value < low:
        return "below min"
    return None


def _word_counts(doc):
    """Running count of the words of ``doc``: the words of tokens ``a:b`` are ``counts[b] - counts[a]``.
    From the Doc's arrays, cached. A word is a token that is not punctuation or space and does not
    continue the word before it: spaCy splits "don't" into "do" and "n't" and "in-house" into "in",
    "-" and "house", which a reader counts as one word each.

    Counted with numpy: a two-column array turned into Python lists makes a list per token, and
    in a full run, with every span's Doc alive, those allocations set off costly garbage
    collections (``tolist`` was most of RL205's time in a run of every rule)."""
    counts = doc.user_data.get("rolelint.word-counts")
    if counts is None:
        import numpy

        words = _word_starts(doc) if len(doc) else numpy.zeros(0, dtype=bool)
        counts = doc.user_data["rolelint.word-counts"] = numpy.concatenate(([0], numpy.cumsum(words)))
    return counts


# a web address written out ("https://bit.ly/3b7t6cU", "www.example.org/jobs"), not a name with a
# dot in it ("Node.js", "ASP.NET", "example.com")
_WEB_ADDRESS = re.compile(r"(?:[a-z][a-z0-9+.-]*://|www\.)", re.IGNORECASE)


def _word_starts(doc):
    """For each token of ``doc``, whether it starts a word (see ``_word_counts``): not punctuation or
    space, not a web address written out, and not written straight after a word ("n't", "'ll") or
    after a hyphen written straight after a word ("in-house")."""
    import numpy
    from spacy.attrs import IS_PUNCT, IS_SPACE, LIKE_EMAIL, LIKE_URL, LOWER, ORTH, SPACY

    table = doc.to_array([IS_PUNCT, IS_SPACE, SPACY, ORTH, LIKE_URL, LIKE_EMAIL, LOWER])
    word = (table[:, 0] == 0) & (table[:, 1] == 0)
    for i in numpy.flatnonzero(table[:, 4]):
        if _WEB_ADDRESS.match(doc[int(i)].text):
            word[i] = False  # a link is passed over, not read: "... in their map https://bit.ly/3b7t6cU"
    word &= table[:, 5] == 0  # and so is an e-mail address: "... reach out to Dr. Xu (nanxu@umd.edu)"
    at = doc.vocab.strings["at"]
    for i in numpy.flatnonzero(table[:, 6] == at):
        for j in _written_address(doc, int(i)):
            word[j] = False  # "sanjay (at) sogive.org", "jo [at] example [dot] com"
    glued = table[:, 2] == 0  # no whitespace after the token
    hyphen = table[:, 3] == doc.vocab.strings["-"]
    after_word = numpy.zeros(len(word), dtype=bool)
    after_word[1:] = glued[:-1] & word[:-1]
    after_hyphen = numpy.zeros(len(word), dtype=bool)
    after_hyphen[2:] = glued[1:-1] & hyphen[1:-1] & after_word[1:-1]
    return word & ~after_word & ~after_hyphen


_OPENS, _CLOSES = frozenset("([{<"), frozenset(")]}>")


def _written_address(doc, i: int) -> range:
    """The tokens of an e-mail address written out to keep it from robots, around the "at" token
    ``i`` in brackets ("sanjay (at) sogive.org", "jo [at] example [dot] com"); empty when it is none."""
    if not (2 <= i < len(doc) - 2 and doc[i - 1].text in _OPENS and doc[i + 1].text in _CLOSES):
        return range(0)
    name, domain = doc[i - 2], doc[i + 2]
    if name.is_punct or name.is_space or domain.is_punct or domain.is_space:
        return range(0)
    end = i + 3
    if not domain.like_url:
        # the domain spelt out too: "example [dot] com", "example (dot) co (dot) uk"
        while end + 3 <= len(doc) and doc[end].text in _OPENS and doc[end + 1].lower_ == "dot":
            end += 4
        if end == i + 3:
            return range(0)
    return range(i - 2, min(end, len(doc)))


def _sentence_words(rule, target, high, *, inline_lists: bool = False, skip: frozenset[str] = frozenset()):
    if high is None:
        return
    source = target.document.source.text
    plain = target.document.format == "text"
    body: str | None = None
    for item in target.spans:
        # A sentence has no more words than its span has tokens, or words: most spans are too
        # short to hold a long sentence, and those are passed over before reading any array.
        if item.doc is None or len(item.doc) <= high:
            continue
        counts = _word_counts(item.doc)
        if counts[-1] <= high:
            continue
        for first, last in sentence_bounds(item):
            if int(counts[last] - counts[first]) <= high:
                continue
            for start, end in line_items(item, source, first, last, plain=plain):
                words = int(counts[end] - counts[start])
                if words > high:
                    words -= _label_words(item.doc, start, end, counts)
                if words > high:
                    sentence = item.doc[start:end]
                    if skip and len(skip.intersection(t.lower_ for t in sentence)) >= 2:
                        continue  # boilerplate (equal opportunity, accommodation, pay law)
                    if inline_lists and words - listed_words(sentence) <= high:
                        continue  # long only because it lists names or technologies
                    if item.span.block == "scalar":
                        if body is None:
                            body = _words_of(*(other.text for other in target.spans if other.span.block != "scalar"))
                        if _words_of(sentence.text) in body:
                            continue  # a site's summary field that repeats the body: one rewrite, reported there
                    yield span_finding(
                        rule, item, sentence.start_char, sentence.end_char, values={"words": words, "max": int(high)}
                    )


def _words_of(*texts: str) -> str:
    """The words of ``texts`` between spaces, markup and punctuation left out, to tell the same
    sentence written with and without its Markdown."""
    return " " + " ".join(word for text in texts for word in _PLAIN_WORD.findall(text.lower())) + " "


_PLAIN_WORD = re.compile(r"\w+")  # a word as written, for comparing texts (not ``WORD``, which counts)


def _label_words(doc, start: int, end: int, counts) -> int:
    """The words of a label that opens the sentence ``doc[start:end]``, up to five words before a
    colon ("Ownership: Have ownership of ...", "**Calvin Care Cash** : Employees who ..."): a heading
    run into the sentence, which a reader does not read as part of it. A clause before a colon ("We
    are looking for: ...") is the sentence's own."""
    for i in range(start, min(end - 1, start + 12)):
        token = doc[i]
        if token.text == ":":
            label = int(counts[i] - counts[start])
            clause = any(t.lower_ in _CLAUSE_WORDS for t in doc[start:i])
            return label if 1 <= label <= 5 and not clause and int(counts[end] - counts[i + 1]) > 0 else 0
        if token.text in (".", "!", "?", ";"):
            return 0
    return 0


# a person or a verb of being before a colon makes a clause ("We are looking for:", "Who we're looking
# for:"), not a label ("Ownership:", "Invitation to apply:")
_CLAUSE_WORDS = frozenset(
    {"i", "we", "you", "they", "he", "she", "it", "our", "your", "their", "us", "'re", "’re", "'ll", "’ll"}
    | {"am", "are", "is", "was", "were", "be", "will", "would", "can", "could", "should", "must", "have", "has"}
)


_JOINS = frozenset({"and", "or", "&", "nor"})  # what joins the last item of a list on


def listed_words(sentence, *, shortest_run: int = 4, longest_item: int = 3) -> int:
    """Words of a sentence that sit in inline lists, beyond each list's first item. Splitting such a
    sentence would not make it easier to read; the list is one thing. Three forms are read:

    - a run of at least ``shortest_run`` items of at most ``longest_item`` words between commas,
      semicolons or slashes: "C, C++, C#, Java and Go", "design, research, delivery and policy";
      the words that lead an item in ("including a", "and the", "such as") are not its own, and
      the last item may be two joined by "and"/"or" ("interactive media and applied statistics");
      or one item fewer closed by a semicolon, the first item the end of a longer stretch ("pay
      users to listen to music, charge their phone, play games, complete surveys; and ...");
    - names (words starting with a capital, a digit or a symbol: "Slack", "C++", "Gil McVean",
      two joined by "of": "Director of Engineering"),
      at least ``shortest_run`` of them, between commas and a last "and"/"or", at least two commas,
      each perhaps with an aside in brackets: "tools such as Slack, Trello, GitHub or Miro to name
      a few";
    - what follows a colon, when it is three or more items of at most five words (not counting
      "and"/"or" or an aside in brackets) between commas or semicolons, the last joined on by
      "and"/"or": "Common themes include: change management, procurement (buying software or
      services), product and delivery management, and agile development".

    The first item's words count; the rest of the list, asides included, does not."""
    tokens = list(sentence)
    depth = _depths(tokens)
    marked: set[int] = set()
    _short_items(tokens, marked, shortest_run, longest_item)
    _names(tokens, depth, marked, shortest_run)
    _after_colon(tokens, depth, marked)
    return sum(1 for i in marked if not (tokens[i].is_punct or tokens[i].is_space))


def _depths(tokens) -> list[int]:
    """The bracket depth of each token (a bracket itself is at the depth outside it)."""
    depths, depth = [], 0
    for token in tokens:
        if token.text in (")", "]") and depth:
            depth -= 1
        depths.append(depth)
        if token.text in ("(", "["):
            depth += 1
    return depths


def _short_items(tokens, marked: set[int], shortest_run: int, longest_item: int) -> None:
    # a piece's words leave out what leads an item in ("including a", "and the"), so "including a
    # pension scheme" is an item of two words; the last item may be two joined by "and"/"or"
    # ("interactive multimedia and applied mathematics")
    pieces: list[list[int]] = [[]]  # token indices of the words of each piece between marks
    ends: list[str] = []  # the mark that ends each piece
    for i, token in enumerate(tokens):
        if token.text in (",", ";", "/"):
            pieces.append([])
            ends.append(token.text)
        elif not (token.is_punct or token.is_space) and not (not pieces[-1] and _leads_item(tokens, i)):
            pieces[-1].append(i)
    ends.append("")
    run: list[list[int]] = []
    before = False  # whether a longer stretch comes before the run
    for n, piece in enumerate(pieces + [[-1] * (2 * longest_item + 2)]):
        if 0 < len(piece) <= longest_item:
            run.append(piece)
            continue
        joined = bool(run) and _joined_pair(tokens, piece, longest_item)
        if joined:
            run.append(piece)
        if len(run) >= shortest_run:
            marked.update(range(run[1][0], run[-1][-1] + 1))
        elif before and len(run) == shortest_run - 1 and not joined and ends[n - 1] == ";":
            # items closed by a semicolon, the first the end of the stretch before them: "... pay
            # users to listen to music, charge their phone, play games, complete surveys; and ..."
            marked.update(range(run[0][0], run[-1][-1] + 1))
        before = bool(piece) and not joined
        run = []


def _joined_pair(tokens, piece: list[int], longest_item: int) -> bool:
    """Whether ``piece`` is two items joined by one "and"/"or", each of at most ``longest_item`` words."""
    joins = [n for n, i in enumerate(piece) if i >= 0 and tokens[i].lower_ in _JOINS]
    return len(joins) == 1 and 0 < joins[0] <= longest_item and 0 < len(piece) - joins[0] - 1 <= longest_item


# words that lead an item of a list in without being part of it
_ITEM_LEADS = frozenset({"and", "or", "including", "such", "like", "e.g.", "a", "an", "the"})


def _leads_item(tokens, i: int) -> bool:
    """Whether ``tokens[i]``, at the start of a piece, leads an item in: "including", "and", an
    article, "as" after "such" ("such as a gym")."""
    lower = tokens[i].lower_
    return lower in _ITEM_LEADS or (lower == "as" and i > 0 and tokens[i - 1].lower_ == "such")


def _is_name(token) -> bool:
    first = token.text[:1]
    return bool(first) and not first.islower() and not token.is_punct and not token.is_space


def _names(tokens, depth: list[int], marked: set[int], shortest_run: int) -> None:
    i, count = 0, len(tokens)
    while i < count:
        if not _is_name(tokens[i]):
            i += 1
            continue
        level = depth[i]  # a list inside brackets is read there
        items: list[tuple[int, int, int]] = []  # (start, end of the name, end with its aside)
        commas, j = 0, i
        while j < count:
            k = j
            while k < count and k - j < 3 and depth[k] == level and _is_name(tokens[k]):
                k += 1
                if k + 1 < count and tokens[k].lower_ == "of" and _is_name(tokens[k + 1]) and k - j < 3:
                    k += 1  # "Director of Engineering", "University of Oslo"
            if k == j:
                break
            aside = k
            if aside < count and tokens[aside].text in ("(", "["):
                aside += 1
                while aside < count and depth[aside] > depth[k]:
                    aside += 1
                aside += 1  # the closing bracket
            items.append((j, k, min(aside, count)))
            j = items[-1][2]
            joint = j
            if joint < count and tokens[joint].text in (",", ";"):
                joint += 1
            if joint < count and tokens[joint].lower_ in _JOINS:
                joint += 1
            if joint == j or joint >= count or depth[joint] != level or not _is_name(tokens[joint]):
                break
            commas += tokens[j].text in (",", ";")
            j = joint
        if len(items) >= shortest_run and commas >= 2:
            marked.update(range(items[0][1], items[-1][2]))
        i = max(i + 1, items[-1][2] if items else i + 1)


def _after_colon(tokens, depth: list[int], marked: set[int], longest_item: int = 5) -> None:
    colon = next((i for i, t in enumerate(tokens) if t.text == ":" and not depth[i]), None)
    if colon is None:
        return
    pieces: list[list[int]] = [[]]
    for i in range(colon + 1, len(tokens)):
        if not depth[i] and tokens[i].text in (",", ";"):
            pieces.append([])
        else:
            pieces[-1].append(i)
    pieces = [p for p in pieces if any(not (tokens[i].is_punct or tokens[i].is_space) for i in p)]
    if len(pieces) < 3 or not any(not depth[i] and tokens[i].lower_ in _JOINS for i in pieces[-1]):
        return
    for piece in pieces:
        core = [i for i in piece if not depth[i] and not tokens[i].is_punct and tokens[i].lower_ not in _JOINS]
        if not 0 < len(core) <= longest_item:
            return
    first = pieces[0]
    marked.update(i for i in first if depth[i])  # the first item's aside
    marked.update(range(pieces[1][0], pieces[-1][-1] + 1))


_RUNS_ON = frozenset({",", ";", "(", "-", "–", "—", "/", "&", "+"})


def line_items(item, source: str, start: int, end: int, *, plain: bool = False) -> list[tuple[int, int]]:
    """Split the sentence ``item.doc[start:end]`` where the document's structure starts a new item:

    - a line break (of the file, or of a field's value: a YAML string's ``\n``) when the line after
      it begins with a capital, a digit or a bullet (not an aside in brackets starting with a
      lower-case word, unless it numbers an item: "(a)", "(iv)"), and the line before it does not
      run on (it does not end with a comma, a conjunction or another stop word; a line ending with
      ";" ends an item when the next starts with a capital). Lists, fields and headings written one
      per line without full stops are separate items; prose wrapped across lines stays one sentence;
    - a line break followed by a list marker in the file, whatever follows it ("> * handling of
      requests", a list inside a block quote), or by a word processor's "o" bullet;
    - a block-level HTML tag between two words (``</li><li>``, ``<p>``, ``<br>``, ``</h3>``), in a
      Markdown paragraph that holds raw HTML;
    - a bullet character inside a line ("•", "▪", a symbol font's private-use bullet), as pasted
      from a word processor;
    - the end of a first line that reads as a heading (at most eight words, no punctuation, not
      ending in an article or a conjunction) when a capital starts the next.

    Rules read spans with line breaks turned to spaces, so the breaks are looked up in the span's
    own text and in the file's ``source`` text between the two tokens."""
    doc = item.doc
    span = item.span
    index = item.index
    first_char = span.file_offset(index[doc[start].idx]) if index else 0
    last_char = span.file_offset(index[min(doc[end - 1].idx, len(index) - 1)]) if index else 0
    region = source[first_char:last_char]
    raw = span.text[index[doc[start].idx] : index[min(doc[end - 1].idx, len(index) - 1)]] if index else ""
    glyphs = any(_is_bullet(token) for token in doc[start:end])
    flat = "\n" not in region and flattened(source, first_char, plain=plain)
    slashes = _slash_items(doc, start, end)
    if "\n" not in region and "\n" not in raw and not glyphs and not _BLOCK_TAG.search(region) and not slashes:
        return glued_items(doc, start, end) if flat else [(start, end)]
    cuts = [start, *slashes]
    for i in range(start + 1, end):
        before, token = doc[i - 1], doc[i]
        if _is_bullet(token):
            cuts.append(i)
            continue
        if not before.whitespace_ or token.idx < 2 or not index or _is_bullet(before):
            continue
        gap_start, gap_end = index[token.idx - 2] + 1, index[token.idx]
        low, high = span.file_offset(gap_start - 1) + 1, span.file_offset(gap_end)
        gap = source[low:high]
        if _BLOCK_TAG.search(gap):
            cuts.append(i)
            continue
        if "\n" not in gap and "\n" not in span.text[gap_start:gap_end]:
            continue
        if _LIST_MARKER.search(gap) or _word_bullet(doc, i):
            cuts.append(i)
            continue
        first = token.text[:1]
        if before.text == ";" and (first.isupper() or first.isdigit()):
            cuts.append(i)  # an item ending with ";", the next item starting as items do
            continue
        if _heading_line(span.text[:gap_start]) and first.isupper():
            cuts.append(i)
            continue
        if before.text in _RUNS_ON or (before.is_stop and before.is_lower):
            continue
        if _ASIDE.match(doc.text, token.idx) and not _ENUMERATOR.match(doc.text, token.idx):
            continue  # an aside in brackets wrapped onto its own line: "(or all of the above)"
        if first.isupper() or first.isdigit() or not first.isalnum():
            cuts.append(i)
    if flat:
        cuts = sorted(set(cuts).union(a for a, _ in glued_items(doc, start, end)))
    cuts = sorted(set(cuts))
    cuts.append(end)
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]


def _slash_items(doc, start: int, end: int) -> list[int]:
    """Where items separated by a slash with a space on each side start, when the sentence holds two
    or more such slashes each followed by a capitalised word, as items start ("Good communication
    skills / Excellent time management / Able to work alone", a field that lists its items so);
    "and/or", a single "A / B", acronyms paired ("UX / UI", "CI / CD") and a list inside a sentence in
    lower case ("full-time / part-time / contract") are not items."""
    slashes = [
        i
        for i in range(start + 1, end - 1)
        if doc[i].text == "/" and doc[i - 1].whitespace_ and doc[i].whitespace_ and _opens_item(doc[i + 1].text)
    ]
    return [i + 1 for i in slashes] if len(slashes) >= 2 else []


def _opens_item(word: str) -> bool:
    """Whether a word opens an item as a capitalised word does ("Excellent", "Java"; not "UI", "part-time")."""
    return word[:1].isupper() and any(c.islower() for c in word[1:])


# HTML that starts a new block: a paragraph, a list or an item, a heading, a line break, a table cell
_BLOCK_TAG = re.compile(
    r"<(?:/?(?:p|li|ul|ol|dl|dt|dd|h[1-6]|div|table|tr|td|th|blockquote|section|article|header|footer)|br)\b[^>]*>",
    re.IGNORECASE,
)
# a list marker opening a line of the file, inside block quotes too: "- ", "* ", "1. ", "> * "
_LIST_MARKER = re.compile(r"\n[ \t>]*(?:[-*+•]|\d{1,3}[.)])[ \t]+$")
# bullets a word processor or a web page writes as characters: "•", "▪", "◦", "➢", a symbol font's bullet
_BULLETS = frozenset("•◦▪▫‣⁃●○■□➢➤►▸✓✔❖")
_HEADING_ENDS = frozenset({"a", "an", "the", "and", "or", "of", "to", "our", "your", "their", "its", "this"})


def _is_bullet(token) -> bool:
    text = token.text
    return len(text) == 1 and (text in _BULLETS or "\ue000" <= text <= "\uf8ff")


def _word_bullet(doc, i: int) -> bool:
    """Whether ``doc[i]``, at the start of a line, is a word processor's second-level bullet: a lone
    "o" followed by a tab or spaces and a word ("o\tDeveloping marketing materials")."""
    token = doc[i]
    return token.text == "o" and bool(token.whitespace_) and i + 1 < len(doc) and doc[i + 1].text[:1].isalpha()


def _heading_line(before: str) -> bool:
    """Whether ``before``, a span's text up to a line break, is one line that reads as a heading."""
    if "\n" in before.rstrip("\r\n"):
        return False
    words = before.split()
    if not 0 < len(words) <= 8 or not words[0][:1].isupper() or words[-1].lower() in _HEADING_ENDS:
        return False
    return not any(char in ".,;:!?()" for char in before)


# a bracket opening on a lower-case word is an aside; "(Essential)", "[Optional]" label an item
_ASIDE = re.compile(r"\([a-z]")
# "(a)", "(iv)": a bracketed letter or numeral starts an item of a numbered list
_ENUMERATOR = re.compile(r"\((?:[a-z]|[ivx]{1,4})\)")

_FLATTENED_LINE = 1000  # characters of a line that holds a whole advert, not a paragraph
_GAP = re.compile(r"\S[ \t]{3,}\S")


def flattened(source: str, offset: int, *, plain: bool = False) -> bool:
    """Whether the line of ``source`` at ``offset`` is an advert flattened onto one line (pasted from
    a web page or a job board's feed, its line breaks turned to spaces): a line of more than 1,000
    characters, in a plain-text file (``plain``: a paragraph of an HTML or Markdown file may be that
    long) or with two or more runs of three or more blanks where its paragraphs met."""
    line_start = source.rfind("\n", 0, offset) + 1
    line_end = source.find("\n", offset)
    line = source[line_start : len(source) if line_end < 0 else line_end]
    if len(line) <= _FLATTENED_LINE:
        return False
    if plain:
        return True
    gaps = _GAP.finditer(line)
    return next(gaps, None) is not None and next(gaps, None) is not None


def glued_items(doc, start: int, end: int) -> list[tuple[int, int]]:
    """Split ``doc[start:end]``, from a flattened advert (see ``flattened``), where its list items were
    glued together when its line breaks were lost: before a word starting with a capital or a
    digit that follows a lower-case word other than a stop word, or a closing bracket, with no
    punctuation between ("... reliability and performance Help build the team ...", "... stock
    options Unlimited PTO ..."), or a web address ("... at www.example.org You can ..."), and after a heading run into its start ("What we're looking for
    We ...", see ``rolelint.structure.run_in_heading``). In prose, such a capital follows an article or a preposition ("with Product
    Managers") or a full stop."""
    cuts = [start]
    heading = run_in_heading(doc.text[doc[start].idx : doc[end - 1].idx])
    for i in range(start + 1, end):
        before, token = doc[i - 1], doc[i]
        if heading is not None and token.idx == doc[start].idx + heading:
            cuts.append(i)  # the end of a heading run into the sentence
            continue
        if not before.whitespace_:
            continue
        if (
            before.text not in (")", "]")
            and not before.like_url
            and not (before.is_lower and before.is_alpha and not before.is_stop)
        ):
            continue
        first = token.text[:1]
        if first.isupper() or first.isdigit():
            cuts.append(i)
    cuts.append(end)
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]


@lru_cache(maxsize=100_000)
def syllables(word: str) -> int:
    word = word.lower().strip("'’-")
    if not word:
        return 0
    if len(word) <= 3:
        return 1
    if word.endswith("e") and not word.endswith(("le", "ee")):
        word = word[:-1]
    return max(1, len(_VOWEL_GROUPS.findall(word)))


_SYLLABLES_OF_ORTH: dict[int, int] = {}


def grade_level(items) -> tuple[float, int]:
    """Flesch-Kincaid grade of the spans' sentences, and the number of words counted.

    The formula needs three totals: the alphabetic tokens, their syllables, and the sentences that
    hold at least one of them. Most spans are a line or two, so per-span Python work would cost
    more than the counting: the spans' arrays are joined and counted with numpy once per document,
    with sentences starting where ``sentence_bounds`` starts them (each span's first token, and
    each token whose SENT_START is 1). Each distinct word's syllables are counted once per
    document, memoised by its ORTH id (spaCy's hash of the word's text)."""
    import numpy
    from spacy.attrs import IS_ALPHA, ORTH, SENT_START

    arrays, stores = [], {}
    for item in items:
        doc = item.doc
        if doc is None or not len(doc):
            continue
        values = doc.to_array([IS_ALPHA, ORTH, SENT_START])
        values[0, 2] = 1  # a span's first token starts a sentence
        arrays.append(values)
        stores[id(doc.vocab.strings)] = doc.vocab.strings
    if not arrays:
        return 0.0, 0
    values = numpy.concatenate(arrays)
    alpha = values[:, 0] != 0
    sentence = numpy.cumsum(values[:, 2] == 1)  # sentence number of each token, from 1
    sentence_count = len(numpy.unique(sentence[alpha]))
    words = int(numpy.count_nonzero(alpha))
    orths, repeats = numpy.unique(values[alpha, 1], return_counts=True)
    known = _SYLLABLES_OF_ORTH
    if len(known) > 200_000:
        known.clear()
    syllable_count = 0
    for orth, n in zip(orths.tolist(), repeats.tolist()):
        count = known.get(orth)
        if count is None:
            text = next(store[orth] for store in stores.values() if orth in store)
            count = known[orth] = syllables(text)
        syllable_count += count * n
    if not words or not sentence_count:
        return 0.0, 0
    return 0.39 * words / sentence_count + 11.8 * syllable_count / words - 15.59, words
