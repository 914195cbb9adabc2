"""Tagging only the tokens rules can match on: windows of a Doc, tagged as the whole Doc would be.

Rules that read tags run only where their trigger words are (rolelint.nlp.triggers); those tokens,
widened by the tagger's reach, are tagged as Docs of their own and their attributes copied back.
"""

from __future__ import annotations

from typing import Any, Iterator

# Tokens per tagging batch. spaCy's memory while tagging grows with the tokens in flight (about
# 15 kB a token), and a batch counted in texts (spaCy's own batch_size) can hold any number of
# them; a few thousand tokens keep the matrix products efficient.
BATCH_TOKENS = 4000


def token_batches(docs: list, limit: int = BATCH_TOKENS) -> Iterator[list]:
    """``docs`` in consecutive batches of at most ``limit`` tokens (or one Doc)."""
    batch: list = []
    size = 0
    for doc in docs:
        if batch and size + len(doc) > limit:
            yield batch
            batch, size = [], 0
        batch.append(doc)
        size += len(doc)
    if batch:
        yield batch


# Share of a span's tokens above which it is tagged whole rather than in windows.
WHOLE_SHARE = 0.6


def tag_windows(nlp, wanted: list[tuple[Any, list[tuple[int, int]]]]) -> None:
    """Tag each Doc on the token ranges given for it: exactly as tagging the whole Doc would.

    A token's tag depends only on the tokens within the tagger's reach of it (the receptive field
    of tok2vec's window encoder), and its part of speech and lemma also on its neighbours' tags
    (the attribute ruler's two-token patterns). So a window widened by that margin on each side,
    tagged as a Doc of its own, gives its inner tokens the tags, parts of speech, morphology and
    lemmas the whole Doc would; those are copied back. Where only those tokens' tags are read (the
    attribute ruler's memo), tok2vec computes each of its layers only where the next layer reads it
    (rolelint.nlp.pyramid). Spans mostly covered are tagged whole, as is everything when the model's
    reach cannot be read from its config; a Doc given only empty ranges is not tagged."""
    from spacy.attrs import LEMMA, MORPH, POS, TAG

    from rolelint.nlp.state import state_of
    from rolelint.nlp.triggers import merge

    attributes = state_of(nlp).token_attributes
    # With the attribute ruler's one-token patterns read from the memo, a token's attributes depend
    # on its own tag alone; a piece where a longer pattern matches is done again as a whole Doc.
    margin = tagging_margin(nlp, attribute_ruler=not attributes.usable)
    skip_whole = [name for name in ("sentencizer", "parser") if name in nlp.pipe_names]
    skip = skip_whole + (["attribute_ruler", "lemmatizer"] if attributes.usable else [])
    whole, windows = [], []
    for doc, found in wanted:
        merged = merge([(start, end) for start, end in found if end > start])
        if not merged and found:  # only empty ranges: a rule keeps the span but reads no tags in it
            doc.user_data["rolelint.windows"] = merged
            continue
        covered = sum(end - start for start, end in merged)
        if margin is None or covered >= WHOLE_SHARE * len(doc) or any(end - start == len(doc) for start, end in merged):
            whole.append(doc)
            doc.user_data.pop("rolelint.windows", None)  # a Doc tagged in windows before is now tagged whole
            continue
        widened = merge([(max(0, start - margin), min(len(doc), end + margin)) for start, end in merged])
        windows.append((doc, merged, widened))
        doc.user_data["rolelint.windows"] = merged  # the only tokens given tags
    pieces = [_piece(doc, widened) for doc, _, widened in windows]
    copies = [_copies(merged, widened) for _, merged, widened in windows]
    # With the memo, a piece's tags are read only where they are copied and where the ruler's
    # longer patterns may read them: the tagger need give only those.
    rows = state_of(nlp).row_tagger if attributes.usable and _runs(nlp, skip) == ["tok2vec", "tagger"] else None
    for batch in token_batches(whole if rows is not None else whole + pieces):
        for _ in nlp.pipe(batch, disable=skip, batch_size=len(batch)):
            pass
    if rows is not None:
        import numpy

        asked = [
            numpy.union1d(
                numpy.concatenate([numpy.arange(at, at + b - a) for a, b, at in copied]), attributes.tags_read(piece)
            )
            for piece, copied in zip(pieces, copies)
        ]
        position = 0
        for batch in token_batches(pieces):
            rows.tag(batch, asked[position : position + len(batch)])
            position += len(batch)
    if attributes.usable:
        for doc in whole:
            attributes.annotate(doc)
    attrs = [TAG, POS, MORPH, LEMMA]
    again = []
    for piece, (doc, _, _), copied in zip(pieces, windows, copies):
        if attributes.usable and attributes.longer_match(piece):
            again.append(doc)
            continue
        values = doc.to_array(attrs)
        if attributes.usable:
            tagged = attributes.apply(piece, [(at, at + b - a) for a, b, at in copied], write=False)
        else:
            tagged = piece.to_array(attrs)
        for a, b, at in copied:
            values[a:b] = tagged[at : at + b - a]
        doc.from_array(attrs, values)
    for doc in again:
        del doc.user_data["rolelint.windows"]
        for _ in nlp.pipe([doc], disable=skip_whole):
            pass


def _copies(merged: list[tuple[int, int]], widened: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """Where the inner ranges ``merged`` of a Doc sit in its piece of ``widened`` windows: (start and
    end in the Doc, start in the piece) of each."""
    copies = []
    offset = 0
    for start, end in widened:
        for inner_start, inner_end in merged:
            a, b = max(start, inner_start), min(end, inner_end)
            if a < b:
                copies.append((a, b, offset + a - start))
        offset += end - start
    return copies


def _runs(nlp, skip: list[str]) -> list[str]:
    """The components ``nlp.pipe(..., disable=skip)`` runs."""
    return [name for name in nlp.pipe_names if name not in skip]


def _piece(doc, widened: list[tuple[int, int]]):
    """One Doc of ``doc``'s widened windows end to end. Each window's inner tokens are a margin
    away from its ends, so what sits beyond an end (the next window, or the Doc's real edge, which
    a window touching it keeps) is out of their reach. Tokens keep their norms (set by tokenizer
    exceptions, and read by tok2vec) and the space after them."""
    import numpy
    from spacy.attrs import NORM, ORTH, SPACY
    from spacy.tokens import Doc

    rows = doc.to_array([ORTH, SPACY, NORM])
    rows = rows[numpy.concatenate([numpy.arange(start, end) for start, end in widened])]
    strings = doc.vocab.strings
    piece = Doc(
        doc.vocab, words=[strings[orth] for orth in rows[:, 0].tolist()], spaces=[bool(s) for s in rows[:, 1].tolist()]
    )
    piece.from_array([NORM], rows[:, 2])
    return piece


def tagging_margin(nlp, *, attribute_ruler: bool = True) -> int | None:
    """Tokens on each side of a token that its tags depend on, from the model's config: tok2vec's
    window encoder reaches ``depth * window_size`` tokens, and the attribute ruler's patterns as
    many more as they are long, less one. None when the pipeline is not built that way (then spans
    are tagged whole). Kept in the pipeline's state (rolelint.nlp.state)."""
    from rolelint.nlp.state import state_of

    return state_of(nlp).margin(attribute_ruler=attribute_ruler)
