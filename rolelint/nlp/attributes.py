"""The attribute ruler and the lemmatizer, applied from a memo of what they give each word.

After the tagger, spaCy's English pipelines run the attribute ruler (Matcher patterns that set a
token's part of speech, morphology and some lemmas from its tag and its words) and the rule
lemmatizer. Both are exact functions of a token's own text, norm and tag, except for the ruler's
few patterns of more than one token. So for Docs where none of those patterns match, what they
give a token is read from a memo keyed by (text, norm, tag); a new key is worked out by running the
real components on a one-token Doc. Docs where a longer pattern matches go through the real
components. Only the tokens asked for are looked up, so the margins of a tagging window cost
nothing here. ``tests/test_triggers.py`` compares the result with the full pipeline's.
"""

from __future__ import annotations

from typing import Any


class TokenAttributes:
    """Applies ``attribute_ruler`` then ``lemmatizer`` (when the pipeline has them, in that order
    after the tagger) to tagged Docs. ``usable`` is False for any other arrangement."""

    def __init__(self, nlp):
        names = nlp.pipe_names
        self.usable = False
        if "tagger" not in names or "attribute_ruler" not in names:
            return
        after = [n for n in names[names.index("tagger") + 1 :] if n not in ("parser", "ner", "sentencizer")]
        if after not in (["attribute_ruler"], ["attribute_ruler", "lemmatizer"]):
            return
        if nlp.get_pipe_meta("attribute_ruler").factory != "attribute_ruler":
            return
        if "lemmatizer" in after and nlp.get_pipe_meta("lemmatizer").factory != "lemmatizer":
            return
        from spacy.matcher import Matcher

        self.components = [nlp.get_pipe(name) for name in after]
        self.vocab = nlp.vocab
        self.longer = Matcher(nlp.vocab)
        for number, entry in enumerate(nlp.get_pipe("attribute_ruler").patterns):
            longer = [pattern for pattern in entry["patterns"] if len(pattern) > 1]
            if longer:
                self.longer.add(f"longer-{number}", longer)
        self._tag_readers = _tag_readers(nlp)
        self.memo: dict[tuple[int, int, int], tuple[int, int, int, int]] = {}
        self.usable = True

    def longer_match(self, doc) -> bool:
        """One of the ruler's patterns of more than one token matches in ``doc``: its tokens'
        attributes then depend on their neighbours' tags too."""
        return len(self.longer(doc, allow_missing=True)) > 0

    def tags_read(self, doc) -> list[int]:
        """The tokens of ``doc`` whose tags ``longer_match`` may read: every token that could stand
        where one of those patterns asks for something the tagger sets."""
        if self._tag_readers is None:
            return list(range(len(doc)))
        return sorted({start for _, start, _ in self._tag_readers(doc, allow_missing=True)})

    def annotate(self, doc) -> None:
        """Set TAG, POS, MORPH and LEMMA on every token of ``doc`` (already through tok2vec and the
        tagger) as the two components would: from the memo, or by the components themselves when
        one of the ruler's longer patterns matches."""
        if self.longer_match(doc):
            for component in self.components:
                component(doc)
        else:
            self.apply(doc)

    def apply(self, doc, ranges: list[tuple[int, int]] | None = None, *, write: bool = True) -> Any:
        """Set TAG, POS, MORPH and LEMMA from the memo on the tokens of ``ranges`` (all when None) of
        ``doc``, which must hold no match of the ruler's longer patterns (see ``longer_match``).
        Returns the array of those attributes for every token (others left as they were); with
        ``write=False`` only returns it (for a tagging window's piece, which is then let go)."""
        import numpy
        from spacy.attrs import LEMMA, MORPH, NORM, ORTH, POS, TAG

        attrs = [TAG, POS, MORPH, LEMMA]
        values = doc.to_array(attrs)
        ranges = [(0, len(doc))] if ranges is None else [(start, end) for start, end in ranges if start < end]
        if not ranges:
            return values
        index = numpy.concatenate([numpy.arange(start, end) for start, end in ranges])
        memo = self.memo
        rows = []
        for key in map(tuple, doc.to_array([ORTH, NORM, TAG])[index].tolist()):
            found = memo.get(key)
            if found is None:
                found = memo[key] = self._work_out(*key)
            rows.append(found)
        values[index] = numpy.array(rows, dtype=values.dtype)  # one assignment, not one a token
        if write:
            doc.from_array(attrs, values)
        return values

    def _work_out(self, orth: int, norm: int, tag: int) -> tuple[int, int, int, int]:
        from spacy.tokens import Doc

        strings = self.vocab.strings
        one = Doc(self.vocab, words=[strings[orth]])
        token = one[0]
        token.norm_ = strings[norm]
        if tag:
            token.tag_ = strings[tag]
        for component in self.components:
            component(one)
        return token.tag, token.pos, token.morph.key, token.lemma  # type: ignore[attr-defined]  # not in the stubs


def _tag_readers(nlp):
    """A Matcher of one-token patterns: each token of the attribute ruler's longer patterns that asks
    for a tag, less that ask. None when such a token asks for nothing else (then any token may be
    read)."""
    from spacy.matcher import Matcher

    readers = Matcher(nlp.vocab)
    for entry in nlp.get_pipe("attribute_ruler").patterns:
        for pattern in entry["patterns"]:
            if len(pattern) < 2:
                continue
            for token in pattern:
                if not any(key.upper() == "TAG" for key in token):
                    continue
                rest = {key: value for key, value in token.items() if key.upper() not in ("TAG", "OP")}
                if not rest:
                    return None
                readers.add(f"reads-{len(readers)}", [[rest]])
    return readers
