"""The words that tell what happened: the clause around a trigger, trimmed to stand alone.

A verb's clause is its dependency subtree; an event noun's is its noun phrase when that says
enough ("Russia's full-scale invasion of Ukraine in February 2022"). Side clauses at either
edge that do not hold the date (relative clauses, asides, coordinated clauses) are cut, and so
are leading connectives ("where", "but"), so the summary reads on its own.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from app.extract.eventing.triggers import finite_verb

# Dependents cut when they sit at an edge of the clause and do not hold the date.
_SIDE_DEPS = frozenset({"advcl", "relcl", "parataxis", "conj", "cc", "appos", "dep", "punct", "mark", "acl"})
# Dependents also cut, as a second resort, from a clause still too long to read.
_EXTRA_DEPS = frozenset({"prep", "npadvmod", "advmod", "ccomp", "xcomp", "intj"})
_MAX_TOKENS = 45
_MAX_SPAN = 400  # beyond this a clause is a parse of unpunctuated text, not a clause
_MIN_NOUN_PHRASE = 4
_TEMPORAL_MARKERS = frozenset({"before", "after", "until", "till", "when", "once", "while", "as"})


def clause_of(trigger: Token, keep: Span | None) -> tuple[int, int]:
    """Token range [start, end) of the summary for an event triggered by `trigger`; `keep` is
    the time expression, which the summary must contain."""
    root = _clause_root(trigger, keep)
    doc = root.doc
    start, end = root.left_edge.i, root.right_edge.i + 1
    if end - start > _MAX_SPAN:
        # A run-on "sentence" (text without punctuation): read a window around the trigger.
        start, end = max(start, trigger.i - _MAX_TOKENS), min(end, trigger.i + _MAX_TOKENS)
        return _strip_edges(doc, start, end, _protected(trigger, keep))
    protected = _protected(trigger, keep)
    for thing in (c for c in root.children if c.dep_ == "dobj"):
        # "announced his intent to nominate the following individuals": the object's point
        protected.update(t.i for c in thing.children if c.dep_ == "acl" and _infinitive(c) for t in c.subtree)
    if root.pos_ in ("NOUN", "PROPN"):
        # A noun phrase's relative clause is its content: "a communiqué that said...".
        protected.update(t.i for c in root.children if c.dep_ in ("relcl", "acl") for t in c.subtree)
    start, end = _trim(doc, start, end, _SIDE_DEPS, protected, anywhere=True)
    if end - start > _MAX_TOKENS:
        start, end = _trim(doc, start, end, _SIDE_DEPS | _EXTRA_DEPS, protected, anywhere=False, root=root)
    start, end = _strip_edges(doc, start, end, protected)
    return _balance_quotes(doc, start, end)


def _infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)


def _clause_root(trigger: Token, keep: Span | None) -> Token:
    if trigger.pos_ in ("NOUN", "PROPN"):
        phrase = trigger.right_edge.i - trigger.left_edge.i + 1
        dated = (
            len(keep) if keep is not None and trigger.left_edge.i <= keep.start <= trigger.right_edge.i else 0
        )
        if phrase - dated >= _MIN_NOUN_PHRASE:
            return trigger  # "Russia's full-scale invasion of Ukraine in February 2022"
    if trigger.dep_ in ("acl", "relcl") and _infinitive(trigger) and trigger.head.pos_ == "NOUN":
        return trigger.head  # "signed a bill to reach net zero by 2050": the bill's goal, not the signing
    root = finite_verb(trigger)
    if root.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in _TEMPORAL_MARKERS for c in root.children
    ):
        root = finite_verb(root.head)  # "...settled before I take office on January 20"
    if root.dep_ == "relcl" and any(
        c.dep_ in ("nsubj", "nsubjpass") and c.tag_ in ("WDT", "WP") for c in root.children
    ):
        antecedent = root.head  # "that are expected to be announced": say what "that" is
        return antecedent.head if antecedent.dep_ == "appos" else antecedent
    return root


def _protected(trigger: Token, keep: Span | None) -> set[int]:
    indexes = {trigger.i}
    if keep is not None:
        indexes.update(range(keep.start, keep.end))
    return indexes


def _trim(
    doc: Doc,
    start: int,
    end: int,
    deps: frozenset[str],
    protected: set[int],
    anywhere: bool,
    root: Token | None = None,
) -> tuple[int, int]:
    """Cut dependents of kind `deps` that sit at an edge of [start, end) and hold nothing
    protected: at any depth, or (anywhere=False) only the direct dependents of `root`."""
    changed = True
    while changed and end - start > 1:
        changed = False
        candidates = list(doc[start:end]) if anywhere or root is None else list(root.children)
        # Widest first: cutting "While" before the clause it opens would strand the clause.
        candidates.sort(key=lambda t: t.left_edge.i - t.right_edge.i)
        for token in candidates:
            if token.dep_ not in deps or token.i in protected or token.text in _QUOTES:
                continue
            left, right = token.left_edge.i, token.right_edge.i + 1
            if any(left <= i < right for i in protected):
                continue
            if left <= start < right < end:
                start, changed = right, True
                break
            if start < left < end <= right:
                end, changed = left, True
                break
    return start, end


_QUOTES = frozenset({"“", "”", '"', "‘", "’", "``", "''"})
_OPENING = frozenset({"“", "‘", "``"})
_CLOSING = frozenset({"”", "’", "''"})


_QUOTE_REACH = 60  # tokens searched for the other end of a quotation


def _balance_quotes(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Extend the range so that a quotation it opens or closes is whole (if the other mark is
    near)."""
    depth = 0
    for token in doc[start:end]:
        if token.text in _OPENING:
            depth += 1
        elif token.text in _CLOSING and token.tag_ != "POS":
            depth -= 1
    i = end
    while depth > 0 and i < min(len(doc), end + _QUOTE_REACH):
        if doc[i].text in _CLOSING:
            depth -= 1
        i += 1
    end = max(end, i if depth == 0 else end)
    j = start
    while depth < 0 and j > max(0, start - _QUOTE_REACH):
        j -= 1
        if doc[j].text in _OPENING:
            depth += 1
    start = min(start, j if depth == 0 else start)
    # A straight quote left alone at the front: the close of the sentence before, or an
    # opening whose close lies outside the clause.
    straight = [i for i in range(start, end) if doc[i].text == '"']
    if len(straight) % 2 == 1 and straight[0] == start and end - start > 1:
        start += 1
    return start, end


def _strip_edges(doc: Doc, start: int, end: int, protected: set[int]) -> tuple[int, int]:
    while end - start > 1 and start not in protected and _is_leading_filler(doc[start]):
        start += 1
    while end - start > 1 and end - 1 not in protected and _is_trailing_filler(doc[end - 1]):
        end -= 1
    return start, end


def _is_leading_filler(token: Token) -> bool:
    """Punctuation (not an opening quote), "but"/"and", "that"/"because", "where"/"which"."""
    if token.is_space:
        return True
    if token.is_punct:
        return token.text not in ("“", '"', "‘", "(")
    if token.dep_ in ("cc", "mark"):
        return True
    return token.tag_ in ("WDT", "WRB") and token.dep_ in ("advmod", "nsubj", "nsubjpass", "dobj")


def _is_trailing_filler(token: Token) -> bool:
    if token.is_space or token.dep_ == "cc":
        return True
    return token.is_punct and token.text in (",", ";", ":", "—", "–", "-", "(")
