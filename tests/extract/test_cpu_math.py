"""The extraction process keeps its arrays' memory between batches (app/extract/cpu_math.py)."""

from __future__ import annotations

import platform
import subprocess
import sys
import textwrap

import pytest

from tests.conftest import ROOT

# Ten 8 MB arrays made and dropped four times, as a batch's layers do, after a first round;
# prints the page faults of the four rounds. Each run is a fresh process: malloc settings last
# for the process.
_ROUNDS = textwrap.dedent(
    """
    import resource, sys
    import numpy
    if sys.argv[1] == "reuse":
        from app.extract.cpu_math import extraction_math
        with extraction_math():  # what loading the model goes through
            pass
        from numpy._core import multiarray
        assert not multiarray._get_madvise_hugepage()
    def batch():
        arrays = [numpy.ones(2_000_000, dtype="float32") for _ in range(10)]
        del arrays
    batch()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    for _ in range(4):
        batch()
    print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
    """
)


def _faults(mode: str) -> int:
    done = subprocess.run(
        [sys.executable, "-c", _ROUNDS, mode], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return int(done.stdout)


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="the malloc settings are glibc's")
def test_an_extracting_process_reuses_freed_array_memory_instead_of_faulting_it_in_again() -> None:
    default, reused = _faults("default"), _faults("reuse")
    assert default > 10_000  # 80 MB a round handed back to the kernel and faulted in again
    assert reused < default // 20
