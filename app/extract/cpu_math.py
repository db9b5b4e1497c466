"""How the model's arithmetic and memory run on the CPU.

Choices made when the model loads, which cut spaCy's CPU time per White House item by about a
third on the machine we measured (`benchmarks/ingest_bench.py` prints the bare model both ways),
and leave the annotations identical (108,300 tags, arcs and entity spans compared over 40 items):

- thinc multiplies matrices with NumPy's BLAS (OpenBLAS, which picks its kernels for the CPU
  at run time) instead of its bundled BLIS, which ran at a third of OpenBLAS's speed on an AMD
  EPYC: the tok2vec layers took half as long.
- BLAS gets one thread. The matrices are small, so a second thread mostly spins: with two,
  the model took 45% more CPU for the same wall time. Ingestion scales by processes instead.
- Memory for the layers' arrays is reused, not handed back to the kernel after every batch
  (`reuse_memory`).
"""

from __future__ import annotations

import ctypes
import logging
from collections.abc import Iterator
from contextlib import contextmanager

import numpy
from thinc.api import use_ops
from threadpoolctl import threadpool_limits

log = logging.getLogger(__name__)

# glibc's mallopt parameters (malloc.h)
_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3
_MMAP_THRESHOLD = 32 * 1024 * 1024  # the largest glibc accepts on 64-bit
_TRIM_THRESHOLD = 512 * 1024 * 1024


@contextmanager
def extraction_math() -> Iterator[None]:
    """Load a model inside this: thinc binds the ops to each layer as it is built, so the model
    keeps NumPy's BLAS after the block; BLAS stays at one thread for the process."""
    threadpool_limits(limits=1, user_api="blas")
    reuse_memory()
    with use_ops("numpy", use_blis=False):
        yield


def reuse_memory() -> None:
    """Keep the arrays' memory in the process between batches.

    Each layer of a batch allocates arrays of several MB. By default NumPy asks the kernel for
    transparent huge pages on every such array (`madvise`), and glibc maps each one afresh and
    hands it back when freed, so every batch faults its memory in again and the kernel zeroes
    and compacts pages: `dateline ingest` of 150 items spent 2.4-2.8 s of its 37-39 CPU-s in
    the kernel. Without the advice, and with glibc keeping freed memory (up to
    `_TRIM_THRESHOLD`) for the next batch, 0.8 s; the extractions are the same bytes. Called
    in a process that extracts; glibc only (elsewhere the NumPy part alone)."""
    multiarray = getattr(getattr(numpy, "_core", None), "multiarray", None) or numpy.core.multiarray
    if hasattr(multiarray, "_set_madvise_hugepage"):
        multiarray._set_madvise_hugepage(False)
    try:
        # the process's own symbols, libc's among them (find_library would run ldconfig)
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # no mallopt: not glibc (musl, macOS)
        return
    for parameter, value in ((_M_MMAP_THRESHOLD, _MMAP_THRESHOLD), (_M_TRIM_THRESHOLD, _TRIM_THRESHOLD)):
        if not mallopt(parameter, value):
            log.debug("mallopt(%d, %d) refused", parameter, value)
