"""The NLP layer: the spaCy pipeline and what rolelint builds on it.

- ``pipeline``: finding and loading the model, trimmed to the components the rules need; lemma
  candidates; process settings (one BLAS thread, a quieter garbage collector);
- ``triggers``: the words a rule can match on, so that only spans holding them are tagged;
- ``windows``: tagging only the tokens near those words, exactly as tagging the whole Doc would;
- ``attributes``: the attribute ruler and lemmatizer applied from a memo;
- ``state``: one object per pipeline holding what is worked out once for it.

spaCy is imported inside functions only, so that runs whose rules need no NLP never pay for it.
"""

from rolelint.nlp.pipeline import (
    NEEDS,
    LemmaCandidates,
    ModelNotFound,
    components_for,
    default_model,
    load_pipeline,
    one_blas_thread,
    quieter_garbage_collector,
)
from rolelint.nlp.state import PipelineState, state_of

__all__ = [
    "NEEDS",
    "LemmaCandidates",
    "ModelNotFound",
    "PipelineState",
    "components_for",
    "default_model",
    "load_pipeline",
    "one_blas_thread",
    "quieter_garbage_collector",
    "state_of",
]
