"""How the model's arithmetic runs on the CPU.

Two choices, made when the model loads, cut spaCy's CPU time per White House item by about a
third on the machine we measured (`benchmarks/ingest_bench.py` prints the bare model both ways),
and the annotations stay identical (108,300 tags, arcs and entity spans compared over 40 items):

- thinc multiplies matrices with NumPy's BLAS (OpenBLAS, which picks its kernels for the CPU
  at run time) instead of its bundled BLIS, which ran at a third of OpenBLAS's speed on an AMD
  EPYC: the tok2vec layers took half as long.
- BLAS gets one thread. The matrices are small, so a second thread mostly spins: with two,
  the model took 45% more CPU for the same wall time. Ingestion scales by processes instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from thinc.api import use_ops
from threadpoolctl import threadpool_limits


@contextmanager
def extraction_math() -> Iterator[None]:
    """Load a model inside this: thinc binds the ops to each layer as it is built, so the model
    keeps NumPy's BLAS after the block; BLAS stays at one thread for the process."""
    threadpool_limits(limits=1, user_api="blas")
    with use_ops("numpy", use_blis=False):
        yield
