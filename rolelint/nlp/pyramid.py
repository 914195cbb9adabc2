"""Tags for some tokens of a Doc, with tok2vec's window encoder computed only where they depend on it.

spaCy's tok2vec embeds each token on its own, then runs a stack of residual layers, each reading a
token's row of the layer below and the rows ``window_size`` on either side (with
``with_array(pad=...)`` putting rows of zeros between Docs and at the ends). A token's tag reads the
last layer's row at that token alone, so the last layer is needed only at the tokens asked for, the
layer below at those rows and their window, and so on down: each layer is computed on those rows
only (the padding rows included, which the layers fill in as they go), by the model's own layers.
The rows of ``doc.tensor`` outside what the tokens asked for need are left unfinished, and so are the
tags read from them.
"""

from __future__ import annotations

from typing import Any


class RowTagger:
    """The pipeline's tok2vec and tagger, run for the tokens asked for (``tag``). Made by ``of``,
    which gives None for a pipeline not built as spaCy's CNN pipelines are (then tag whole Docs)."""

    def __init__(self, embed, pad: int, blocks: list[tuple[int, Any]], tagger):
        self.embed = embed  # Docs -> one array of rows a Doc
        self.pad = pad  # rows of zeros around each Doc
        self.blocks = blocks  # (window_size, the layers after expand_window) of each residual layer
        self.tagger = tagger

    @classmethod
    def of(cls, nlp) -> RowTagger | None:
        from importlib import import_module

        from spacy.pipeline.tok2vec import Tok2VecListener

        # thinc.layers names its layer functions as their modules: each module's forward is the layer's
        chain, dropout, expand_window, layernorm, maxout, residual, with_array = (
            import_module(f"thinc.layers.{name}")
            for name in ("chain", "dropout", "expand_window", "layernorm", "maxout", "residual", "with_array")
        )

        if "tok2vec" not in nlp.pipe_names or "tagger" not in nlp.pipe_names:
            return None
        tagger = nlp.get_pipe("tagger")
        listeners = [node for node in tagger.model.walk() if isinstance(node, Tok2VecListener)]
        if len(listeners) != 1 or listeners[0].upstream_name not in ("tok2vec", "*"):
            return None
        model = nlp.get_pipe("tok2vec").model
        if model._func is not chain.forward or len(model.layers) != 2:
            return None
        embed, encode = model.layers
        if encode._func is not with_array.forward or encode.layers[0]._func is not chain.forward:
            return None
        rowwise = {chain.forward, maxout.forward, layernorm.forward, dropout.forward}
        blocks = []
        for block in encode.layers[0].layers:
            if block._func is not residual.forward or block.layers[0]._func is not chain.forward:
                return None
            window, *rest = block.layers[0].layers
            if window._func is not expand_window.forward or len(rest) != 1:
                return None
            if any(node._func not in rowwise for node in rest[0].walk()):
                return None
            blocks.append((int(window.attrs["window_size"]), rest[0]))
        if not blocks:
            return None
        return cls(embed, int(encode.attrs["pad"]), blocks, tagger)

    def tag(self, docs: list, wanted: list) -> None:
        """Set the tags of ``docs`` (non-empty) at the token positions ``wanted`` (an array of them
        a Doc) as the pipeline's tok2vec and tagger would; other tokens get tags too, not those."""
        import numpy

        embedded = self.embed.predict(docs)
        ops = self.embed.ops
        rows = ops.flatten(embedded, pad=self.pad)
        reach = max(window for window, _ in self.blocks)
        # ``rows`` with ``reach`` more rows of zeros at each end (seq2col reads zeros beyond the ends)
        grid = numpy.zeros((len(rows) + 2 * reach, rows.shape[1]), dtype=rows.dtype)
        grid[reach : reach + len(rows)] = rows
        need = numpy.zeros(len(grid), dtype=bool)
        at = reach + self.pad
        for doc, positions in zip(docs, wanted):
            need[at + numpy.asarray(positions, dtype=numpy.int64)] = True
            at += len(doc) + self.pad
        inside = numpy.zeros(len(grid), dtype=bool)
        inside[reach : reach + len(rows)] = True
        needed = []  # rows each layer computes, from the last layer down
        for window, _ in reversed(self.blocks):
            needed.append(numpy.flatnonzero(need))
            wider = need.copy()
            for step in range(1, window + 1):
                wider[step:] |= need[:-step]
                wider[:-step] |= need[step:]
            need = wider & inside
        for (window, layers), at_rows in zip(self.blocks, reversed(needed)):
            columns = numpy.concatenate([grid[at_rows + step] for step in range(-window, window + 1)], axis=1)
            grid[at_rows] += layers.predict(columns)
        lengths = numpy.array([len(doc) for doc in docs], dtype="i")
        for doc, tensor in zip(docs, ops.unflatten(grid[reach : reach + len(rows)], lengths, pad=self.pad)):
            doc.tensor = tensor
        self.tagger.set_annotations(docs, self.tagger.predict(docs))
