"""Text clean-up shared by the readers: paragraphs, whitespace, hashes."""

from __future__ import annotations

import re

_BLANK_LINES = re.compile(r"\n[ \t\u00a0]*\n\s*")
_SPACES = re.compile(r"[ \t\u00a0\u2009\u200a\u202f\r\f\v]+")
_ENDS_SENTENCE = re.compile(r"[.!?:;…\"”’')\]]$")
_STARTS_LOWER = re.compile(r"^[a-z]")


def split_blocks(text: str) -> list[str]:
    """Blocks separated by blank lines, each stripped; empty ones dropped."""
    return [
        b.strip() for b in _BLANK_LINES.split(text.replace("\r\n", "\n").replace("\r", "\n")) if b.strip()
    ]


def clean_inline(text: str) -> str:
    """One paragraph's text: line breaks and runs of spaces become single spaces."""
    return _SPACES.sub(" ", text.replace("\n", " ")).strip()


def join_broken_paragraphs(paragraphs: list[str]) -> list[str]:
    """Join a paragraph that stops mid-sentence to the next when that one starts in lower case
    (a page break in an export: "…aggression" / "elsewhere in Europe")."""
    out: list[str] = []
    for para in paragraphs:
        if out and not _ENDS_SENTENCE.search(out[-1]) and _STARTS_LOWER.match(para):
            out[-1] = f"{out[-1]} {para}"
        else:
            out.append(para)
    return out


def paragraphs_to_body(paragraphs: list[str]) -> str:
    cleaned = [clean_inline(p) for p in paragraphs]
    return "\n\n".join(join_broken_paragraphs([p for p in cleaned if p]))
