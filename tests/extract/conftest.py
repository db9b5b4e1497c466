"""Fixtures for extraction tests: the real pipeline (loaded once per session) and hand-built docs."""

from __future__ import annotations

import pytest

from app.config import Settings
from app.extract import Extractor


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor(Settings().spacy_model)


@pytest.fixture(scope="session")
def nlp(extractor: Extractor):
    return extractor.nlp
