"""A grammar rule: one compiled pattern and the function that reads its match."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from app.extract.temporal.meanings import Meaning


@dataclass(frozen=True)
class Reading:
    meaning: Meaning
    mod: str | None = None  # TIMEX3 mod
    span: tuple[int, int] | None = None  # when the extent is narrower than the match


Builder = Callable[[re.Match[str]], Reading | None]


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    build: Builder
    priority: int = 5  # among equally long matches, the lower wins


def rule(name: str, pattern: str, build: Builder, priority: int = 5, ignore_case: bool = True) -> Rule:
    flags = re.IGNORECASE if ignore_case else 0
    return Rule(name, re.compile(pattern, flags), build, priority)


def capitalised(word: str | None) -> bool:
    """Month names must be written as names: "may" and "march" are usually verbs."""
    return bool(word) and word[0].isupper()  # type: ignore[index]


def group(m: re.Match[str], name: str) -> str | None:
    value = m.group(name)
    return value.lower() if value else None


def normalise_space(text: str | None) -> str:
    return " ".join((text or "").lower().split())
