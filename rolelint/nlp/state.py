"""What rolelint works out once per spaCy pipeline, held by one object per pipeline.

The attribute memo, the lemma candidates, the tagging margins, the trigger masks of a set of rules,
the shared matchers, the verb probes and the English words (rolelint.nlp.english) all depend on the
pipeline alone (and on the rules asking), so they are kept for as long as the pipeline lives,
whichever Linter or chunk of files uses it. They are found through ``state_of(nlp)``, keyed by the
pipeline object itself (weakly: a pipeline that is let go takes its state with it), never by
``id()``, which a later object can reuse.
"""

from __future__ import annotations

import weakref
from collections import OrderedDict
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Callable, Hashable, Iterator

_STATES: weakref.WeakKeyDictionary[Any, PipelineState] = weakref.WeakKeyDictionary()

# Memos of other keys (sets of rules) kept at once: a run uses one or two, a long-lived process
# that loads many rule sets keeps the newest.
MAX_MEMOS = 16


class PipelineState:
    """One pipeline's memos. Each is made the first time it is asked for."""

    def __init__(self, nlp):
        self._nlp = weakref.ref(nlp)
        self._attributes = None
        self._candidates = None
        self._margins: dict[bool, int | None] = {}
        self._row_tagger: list = []  # [rolelint.nlp.pyramid.RowTagger or None], once worked out
        self._memos: dict[Hashable, Any] = {}
        self._lasting: dict[Hashable, Any] = {}
        self.verb_probes: dict[str, bool] = {}  # a duty probe's text -> its first word reads as a verb

    @property
    def nlp(self):
        nlp = self._nlp()
        if nlp is None:  # pragma: no cover - a state is only reached through its live pipeline
            raise RuntimeError("the pipeline of this state was let go")
        return nlp

    @property
    def token_attributes(self):
        """The attribute ruler and lemmatizer as a memo (rolelint.nlp.attributes.TokenAttributes)."""
        if self._attributes is None:
            from rolelint.nlp.attributes import TokenAttributes

            self._attributes = TokenAttributes(self.nlp)
        return self._attributes

    @property
    def lemma_candidates(self):
        """Every lemma a word could get (rolelint.nlp.pipeline.LemmaCandidates)."""
        if self._candidates is None:
            from rolelint.nlp.pipeline import LemmaCandidates

            self._candidates = LemmaCandidates(self.nlp)
        return self._candidates

    def margin(self, *, attribute_ruler: bool = True) -> int | None:
        """rolelint.nlp.windows.tagging_margin, worked out once (spaCy builds ``nlp.config`` anew on
        each access)."""
        if attribute_ruler not in self._margins:
            from rolelint.nlp.pipeline import compute_margin

            self._margins[attribute_ruler] = compute_margin(self.nlp, attribute_ruler)
        return self._margins[attribute_ruler]

    @property
    def row_tagger(self):
        """The tok2vec and tagger run for some tokens (rolelint.nlp.pyramid.RowTagger), or None when
        the pipeline is not built for it."""
        if not self._row_tagger:
            from rolelint.nlp.pyramid import RowTagger

            self._row_tagger.append(RowTagger.of(self.nlp))
        return self._row_tagger[0]

    def memo(self, key: Hashable, make: Callable[[], Any]) -> Any:
        """``make()``, once per ``key`` (which names what it depends on besides the pipeline: a kind of
        memo and the rules it serves, say)."""
        if key not in self._memos:
            if len(self._memos) >= MAX_MEMOS:
                self._memos.pop(next(iter(self._memos)))
            self._memos[key] = make()
        return self._memos[key]

    def lasting(self, key: Hashable, make: Callable[[], Any]) -> Any:
        """``make()``, once per ``key`` for as long as the pipeline lives: for the few things that
        depend on the pipeline alone (its English words: rolelint.nlp.english), which the memos of
        rule sets that ``memo`` lets go must not take with them."""
        if key not in self._lasting:
            self._lasting[key] = make()
        return self._lasting[key]


def state_of(nlp) -> PipelineState:
    """The state of ``nlp``, made when first asked for."""
    state = _STATES.get(nlp)
    if state is None:
        state = _STATES[nlp] = PipelineState(nlp)
    return state


# --- annotated spans kept between runs ----------------------------------------------------------

_KEEP: ContextVar[int] = ContextVar("rolelint_keep_annotations", default=0)


@contextmanager
def keeping_annotations(size: int = 4096) -> Iterator[None]:
    """Within it, the spaCy Docs that runs annotate are kept (the newest ``size`` per pipeline and set
    of rules) and reused for a span of the same text that the same rules look at, so that a process
    linting a text again after a small edit (rolelint.api's Linter, an editor) tags only the spans
    that changed. Outside it nothing is kept: a run over many files would only fill memory."""
    token = _KEEP.set(size)
    try:
        yield
    finally:
        _KEEP.reset(token)


class AnnotationMemo:
    """Annotated Docs by (span text, codes of the rules that look at it), least recently used first."""

    def __init__(self, size: int):
        self.size = size
        self._items: OrderedDict[Hashable, Any] = OrderedDict()

    def get(self, key: Hashable) -> Any:
        item = self._items.get(key)
        if item is not None:
            self._items.move_to_end(key)
        return item

    def put(self, key: Hashable, value: Any) -> None:
        self._items[key] = value
        self._items.move_to_end(key)
        while len(self._items) > self.size:
            self._items.popitem(last=False)

    def __len__(self) -> int:
        return len(self._items)


def annotation_memo(nlp, rules: Hashable) -> AnnotationMemo | None:
    """The memo of annotated spans for ``nlp`` and ``rules``, inside ``keeping_annotations``; else None."""
    size = _KEEP.get()
    if not size:
        return None
    return state_of(nlp).memo(("annotations", rules), lambda: AnnotationMemo(size))
