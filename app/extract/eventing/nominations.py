"""A list of nominations sent to the Senate, or of nominees the President intends to nominate:
one event per nomination, dated by the document.

Each nomination is a paragraph of one shape: "Laura Dove, of Virginia, to be a Member of the
Board of Trustees … for a term expiring November 17, 2029, vice Pauline R. Maier, term
expired." The dates inside it bound a term of office, not a happening, so they make no events
of their own. Paragraphs after a "WITHDRAWAL(S) SENT TO THE SENATE" heading are withdrawals.
In the White House corpus the shape occurs only in the 80 "Nominations Sent to the Senate" items.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_NAME_WORD = r"[A-Z][\w.'’\-]*"
_NICKNAME = rf"[“\"]{_NAME_WORD}[”\"]"  # Ernesto “Ernest” Gonzalez
_ENTRY = re.compile(
    rf"(?m)^[ \t]*(?:\[\]\([^)\s]*\))?[ \t]*(?P<name>{_NAME_WORD}(?: {_NAME_WORD}| [a-z]{{2,3}}(?= [A-Z]))*"
    rf"(?:,? (?:Jr|Sr)\.| I{{2,3}}| IV)?), of (?:the )?[A-Z][\w.'’\- ]*?, "
    r"(?:[^;\n]*?, )?(?P<role>to be\b[^\n]*)"
)
_WITHDRAWALS = re.compile(r"(?m)^[ \t]*(?:\[\]\([^)\s]*\))?[ \t]*WITHDRAWALS? SENT TO THE SENATE\b")
_OTHER_HEADING = re.compile(r"(?m)^[ \t]*(?:\[\]\([^)\s]*\))?[ \t]*NOMINATIONS? SENT TO THE SENATE\b")
_TERM_TAIL = re.compile(r"[\s.]*(?:\((?:Reappointment|New Position)\))?[\s.]*$", re.IGNORECASE)


# "Key nominees" statements list whom the President intends to nominate, a line (or bullet) each,
# the role perhaps wrapped onto indented lines, and repeat the line over each biography:
# "-   Mark Angelson, Nominee for Ambassador Extraordinary and\n    Plenipotentiary to the Kingdom
# of Norway" (69 such statements in the White House corpus).
# A round of judicial nominees heads each biography with a numbered, bold, underlined line:
# "1.  **<u>Judge Anthony J. Brindisi: Nominee for the United States\n    District Court for …</u>**"
# (28 "Round of Judicial Nominees" items; the earlier ones write "Candidate for").
_INTENDED = re.compile(
    r"(?m)^[ \t]*(?:[-*•][ \t]+|(?:\*\*)?\d+\\?\.(?:\*\*)?[ \t\u00a0]+)?(?P<bold>(?:\*\*)?<u>|\*\*)?"
    rf"(?:(?:Chief )?Judge |Justice )?"
    rf"(?P<name>{_NAME_WORD}(?: {_NAME_WORD}| {_NICKNAME}| [a-z]{{2,3}}(?= [A-Z]))*"
    r"(?:,? (?:Jr|Sr)\.| I{2,3}| IV)?)(?:,|:) (?:Nominee|Candidate) for "
    # in bold, the role runs to the bold's end over its line breaks; else over indented lines
    r"(?P<role>(?(bold)[^*<]+|[^\n]+(?:\n[ \t]{2,}(?![-*•])[^\n]+)*))"
)
_MARKUP = re.compile(r"</?u>|\*\*")
_INTENT = re.compile(r"\bintent to nominate\b")


@dataclass(frozen=True)
class Nomination:
    start: int  # the paragraph's first character
    end: int  # its last
    person: str
    summary: str
    withdrawn: bool


def nominations(text: str) -> Iterator[Nomination]:
    """Every nomination paragraph of `text`, in order."""
    withdrawals = [m.start() for m in _WITHDRAWALS.finditer(text)]
    headings = [m.start() for m in _OTHER_HEADING.finditer(text)]
    for m in _ENTRY.finditer(text):
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        last_withdrawal = max((w for w in withdrawals if w < m.start()), default=-1)
        last_heading = max((h for h in headings if h < m.start()), default=-1)
        withdrawn = last_withdrawal > last_heading
        role = _TERM_TAIL.sub("", " ".join(m["role"].split()))
        person = m["name"]
        summary = f"Nomination of {person} {role} withdrawn" if withdrawn else f"{person} nominated {role}"
        yield Nomination(m.start("name"), end, person, summary, withdrawn)


def intended_nominations(text: str) -> Iterator[Nomination]:
    """Every bulleted nominee of a statement announcing the intent to nominate them: one
    happening per person, "Intent to nominate Mark Angelson as Ambassador … announced"."""
    if not _INTENT.search(text):
        return
    told: set[str] = set()
    for m in _INTENDED.finditer(text):
        role = _MARKUP.sub("", " ".join(m["role"].split())).rstrip(".*_ ")
        person = m["name"]
        if person in told:
            continue  # the list, then each nominee's biography under the same line
        told.add(person)
        to_or_as = "to" if role.startswith("the ") else "as"  # a seat on a court, or an office
        summary = f"Intent to nominate {person} {to_or_as} {role} announced"
        yield Nomination(m.start("name"), m.end(), person, summary, withdrawn=False)
