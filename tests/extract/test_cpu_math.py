"""The pipeline multiplies with NumPy's BLAS on one thread, and annotates exactly as the model
does with spaCy's defaults (thinc's bundled BLIS)."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from thinc.api import NumpyOps
from threadpoolctl import threadpool_info

from app.config import Settings

pytestmark = pytest.mark.slow

DEMO = Path(__file__).resolve().parents[2] / "demo" / "whitehouse"


def test_the_layers_that_multiply_matrices_use_numpys_blas(nlp) -> None:
    """The embeddings and each transition model's lower layer; the output layer runs inside
    spaCy's C loop, which calls BLIS itself."""
    models = [nlp.get_pipe("tok2vec").model]
    for name in ("parser", "ner"):
        model = nlp.get_pipe(name).model
        models += [model.get_ref("tok2vec"), model.get_ref("lower")]
    layers = [layer for model in models for layer in model.walk()]
    assert len(layers) > 100
    assert all(isinstance(layer.ops, NumpyOps) and not layer.ops.use_blis for layer in layers)


def test_blas_runs_one_thread_once_the_model_is_loaded(nlp) -> None:
    blas = [pool for pool in threadpool_info() if pool["user_api"] == "blas"]
    assert blas
    assert all(pool["num_threads"] == 1 for pool in blas)


def test_tags_arcs_and_entities_equal_those_of_spacys_defaults(nlp) -> None:
    texts = [path.read_text(encoding="utf-8") for path in sorted(DEMO.glob("**/*.md"))[:4]]
    assert texts
    plain = spacy.load(Settings().spacy_model)
    assert plain.get_pipe("ner").model.ops.use_blis

    def annotations(doc) -> list[tuple]:
        return [(t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in doc]

    base = [name for name in plain.pipe_names if name in nlp.pipe_names]
    with nlp.select_pipes(enable=base):
        ours = [annotations(doc) for doc in nlp.pipe(texts)]
    assert ours == [annotations(doc) for doc in plain.pipe(texts)]
