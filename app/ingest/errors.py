"""Ingestion errors: each names the input and the problem in one line."""

from __future__ import annotations


class IngestError(Exception):
    """An input that could not be read; `str()` is the one-line message users see."""

    def __init__(self, input_name: str, problem: str) -> None:
        super().__init__(f"{input_name}: {problem}")
        self.input_name = input_name
        self.problem = problem
