"""Fixtures for extraction tests: the real pipeline's nlp (the `extractor` itself is a root fixture)."""

from __future__ import annotations

import pytest

from app.extract import Extractor


@pytest.fixture(scope="session")
def nlp(extractor: Extractor):
    return extractor.nlp
