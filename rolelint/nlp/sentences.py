"""Sentence boundaries: spaCy's rule-based sentencizer, and the full stops its tokenizer hides.

The tokenizer splits a full stop off most words, but leaves it on a word that mixes letters and
digits and ends in a capital ("B2C.", "3D.", "5G."), as it would on an abbreviation; the sentencizer
then sees no full stop, and two sentences are read as one. A capital letter after such a word
starts a new sentence.

An emoji written in place of a full stop ("... with incredible people 🤗 These are ...") ends a
sentence too when a lower-case word comes before it and a capital after it; the sentencizer knows
only punctuation.
"""

from __future__ import annotations

import re
from bisect import bisect_left

# What every full stop the tokenizer keeps on a word has around it, looked for first: a capital,
# perhaps a few lower-case letters ("Pa.", "Inc."), a stop and a space; far cheaper than the full patterns.
_CAPITAL_STOP = re.compile(r"[A-Z](?:[a-z]{1,3})?\.\s")
# A word of letters and digits, holding both, with a full stop glued to it, then a capitalised word.
_GLUED_STOP = re.compile(r"(?<![\w.])(?=[^\W_]*\d)(?=[^\W_]*[^\W\d_])[^\W_]+\.\s+(?=[\"'“‘(]?[A-Z])")
# An abbreviation ending a sentence, of capitals and full stops ("U.S.", "OS X.") or a capitalised
# short word the tokenizer keeps its full stop on ("Pa.", "Inc.", "Ave."): the next word opens one
# when it is a capitalised function word ("U.S. The foundation ...", "OS X. We ...", "Central Pa. The
# Director ..."), or a capitalised plural and a modal verb ("... anywhere in the U.S. Applicants should
# include ..."), not a name that goes on with it ("U.S. Army", "John F. Kennedy", "Acme Inc. Labs").
_ABBREVIATION_STOP = re.compile(
    # a title before a name ("Dr. Jones", "Mrs. Williams", "Ms. A. Patel") ends no sentence
    r"(?<![\w.])(?:(?:[A-Z]\.){1,4}|(?!(?:Mr|Mrs|Ms|Dr|Prof|St|Mt|Rev|Sr|Jr|Messrs|Fr|Gen|Col|Capt|Lt|Sgt)\.)"
    r"[A-Z][a-z]{1,3}\.)\s+(?=(?:The|This|That|These|Those|We|Our|You|Your|It|Its|"
    r"They|Their|He|She|In|As|At|If|For|With|There|Here|All|Each|Every|Please|Apply|Join)\b)"
    # after capitals and full stops, the people an advert addresses and a modal: "... in the U.S.
    # Applicants should ..." (not "U.S. Citizens are eligible", a name that goes on)
    r"|(?<![\w.])(?:[A-Z]\.){2,4}\s+(?=(?:Applicants|Candidates|Applications|Employees|Interviews)\s+"
    r"(?:should|must|will|may|can|need)\b)"
)
# Emoji and pictographs (not the letter-like symbols or arrows a text may use inside a sentence).
_EMOJI = re.compile(r"[\u2600-\u27bf\U0001f1e6-\U0001f1ff\U0001f300-\U0001faff]")
# What an emoji's token may hold besides emoji: a variation selector, a joiner, a skin tone.
_EMOJI_TOKEN = re.compile(r"(?:[\u2600-\u27bf\U0001f1e6-\U0001f1ff\U0001f300-\U0001faff\ufe0f\u200d])+")


def split_sentences(nlp, docs) -> None:
    """Set the sentence starts of ``docs``, (Doc, text) pairs of Docs made by ``nlp.make_doc(text)``:
    the pipeline's sentencizer, then a start after each full stop the tokenizer left glued to a word
    (see the module's docs). The text is given because ``Doc.text`` is rebuilt token by token."""
    sentencizer = nlp.get_pipe("sentencizer")
    for doc, text in docs:
        sentencizer(doc)
        if _CAPITAL_STOP.search(text):
            mark_glued_stops(doc, text)
        if _EMOJI.search(text):
            mark_emoji_stops(doc)


def mark_glued_stops(doc, text: str) -> None:
    """Start a sentence at the token after each word with a glued full stop ("We sell B2C. Our ..."),
    ``text`` being the Doc's text."""
    starts = None
    for match in (*_GLUED_STOP.finditer(text), *_ABBREVIATION_STOP.finditer(text)):
        if starts is None:
            starts = [token.idx for token in doc]
        at = bisect_left(starts, match.end())
        word = bisect_left(starts, match.start())
        # only when the full stop is inside the word's token: a stop split off is the sentencizer's
        if at < len(doc) and starts[at] == match.end() and word < len(doc) and doc[word].text.endswith("."):
            doc[at].is_sent_start = True


def mark_emoji_stops(doc) -> None:
    """Start a sentence at a capitalised word after an emoji (or a run of them) that follows a
    lower-case word of two or more letters: "... incredible people 🤗 These are ...". An emoji after
    punctuation or a capitalised word ("We ❤️ Python"), or before a lower-case word ("we 💜 open
    source"), ends nothing."""
    count = len(doc)
    for i in range(1, count - 1):
        if not _EMOJI_TOKEN.fullmatch(doc[i].text) or _EMOJI_TOKEN.fullmatch(doc[i - 1].text):
            continue
        before = doc[i - 1].text
        if len(before) < 2 or not (before.isalpha() and before.islower()):
            continue  # "We 💜 Python": an emoji used as a word
        after = i + 1
        while after < count and _EMOJI_TOKEN.fullmatch(doc[after].text):
            after += 1
        if after < count and doc[after].text[:1].isupper() and doc[after].text[:1].isalpha():
            doc[after].is_sent_start = True
