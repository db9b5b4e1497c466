"""spaCy components that turn a parsed Doc into Dateline's domain objects.

Each component is a small `Doc -> Doc` callable registered by name; it reads the Doc's own
annotations plus the article context set by `pipeline.make_doc` (`doc._.published`,
`doc._.authors`) and writes one `doc._.dl_*` attribute. Non-English docs pass through untouched.
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from app.extract import entities, events, language, quotes, speeches, structure, timexes, turn_speakers
from app.extract.doctext import doc_text
from app.extract.event_agents import with_pronoun_agents
from app.extract.sentences import held_candidates, holds_together, space_tokens

_EXTENSIONS = {
    "published": None,  # datetime.date | None: the anchor for relative dates
    "authors": (),  # tuple[str, ...]: byline names, become person entities with role author
    "source": None,  # str | None: the publication, an organisation entity with role publisher
    "title": None,  # str | None: the headline ("Remarks by President Biden …")
    "title_doc": None,  # Doc | None: the headline parsed by the model (its entities count)
    "language": "en",
    # structure.DocStructure: transcript turns, labels, stage directions, timestamps (what is
    # not prose); every component after dateline_structure may skip it
    "structure": structure.EMPTY,
    "notes": (),
    "dl_entities": (),
    # dict[str, turn_speakers.TurnSpeaker]: who each transcript label is
    "turn_speakers": None,
    "dl_timexes": (),
    "dl_quotes": (),
    "dl_events": (),
}

_CANNOT_START = np.uint64(2**64 - 1)  # -1 as Doc.to_array stores it


def register_extensions() -> None:
    for name, default in _EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


def _is_english(doc: Doc) -> bool:
    return doc._.language == "en"


@Language.component("dateline_paragraphs", assigns=["token.is_sent_start"])
def paragraph_starts(doc: Doc) -> Doc:
    """A blank line ends a sentence: the parser then never runs a timestamp, a heading or a
    dateline on into the next paragraph ("6:50 p.m." as the subject of "told"). Only tokens
    after a space, a title, a comma, "and", "or" or ")" can change, so only those are visited."""
    if len(doc) < 2:
        return doc
    starts = doc.to_array([SENT_START])  # 1 starts, 0 undecided, -1 (as uint64) cannot start
    for i in space_tokens(doc):
        if i + 1 < len(doc) and "\n\n" in doc[i].text:
            starts[i + 1] = 1
    for i in held_candidates(doc):
        if starts[i] == 0 and not doc[i].is_space and holds_together(doc[i]):
            starts[i] = _CANNOT_START
    doc.from_array([SENT_START], starts)  # one write: each `is_sent_start =` scans the whole doc
    return doc


@Language.component("dateline_language", assigns=["doc._.language", "doc._.notes"])
def detect_language(doc: Doc) -> Doc:
    code = language.detect(doc_text(doc))
    doc._.language = code
    if code != "en":
        doc._.notes = (
            *doc._.notes,
            f"not English (detected: {code}); no entities, quotes or dates extracted",
        )
    return doc


@Language.component("dateline_structure", assigns=["doc._.structure"])
def find_structure(doc: Doc) -> Doc:
    """Turns, speaker labels, stage directions and timestamps, from the text alone; a speech
    printed without labels is one turn of the speaker its headline names."""
    if _is_english(doc):
        text = doc_text(doc)
        doc._.structure = speeches.as_speech(text, structure.find_structure(text), doc._.title)
    return doc


@Language.component("dateline_entities", requires=["doc.ents", "doc.sents"], assigns=["doc._.dl_entities"])
def find_entities(doc: Doc) -> Doc:
    if _is_english(doc):
        doc._.dl_entities = tuple(entities.find_entities(doc, authors=doc._.authors, publisher=doc._.source))
    return doc


@Language.component(
    "dateline_turns",
    requires=["doc._.structure", "doc._.dl_entities"],
    assigns=["doc._.turn_speakers", "doc._.dl_entities"],
)
def resolve_turns(doc: Doc) -> Doc:
    """Each transcript label's speaker; a person named only by the headline or the office-holder
    list joins the entities."""
    if _is_english(doc) and doc._.structure.is_transcript:
        speakers, people = turn_speakers.resolve_turns(
            doc._.structure, doc._.dl_entities, doc._.title, doc._.published
        )
        doc._.turn_speakers = speakers
        doc._.dl_entities = tuple(people)
    return doc


@Language.component("dateline_timexes", requires=["doc.sents"], assigns=["doc._.dl_timexes"])
def find_timexes(doc: Doc) -> Doc:
    if _is_english(doc):
        doc._.dl_timexes = tuple(timexes.find_timexes(doc, published=doc._.published))
    return doc


@Language.component(
    "dateline_quotes",
    requires=["doc._.dl_entities", "doc._.dl_timexes"],
    assigns=["doc._.dl_quotes", "doc._.dl_entities"],
)
def find_quotes(doc: Doc) -> Doc:
    if _is_english(doc):
        found = quotes.find_quotes(doc, doc._.dl_entities, doc._.dl_timexes, published=doc._.published)
        found, people = turn_speakers.speakers_as_entities(found, doc._.dl_entities)
        doc._.dl_quotes = tuple(found)
        doc._.dl_entities = tuple(people)
    return doc


@Language.component(
    "dateline_events",
    requires=["doc._.dl_entities", "doc._.dl_timexes"],
    assigns=["doc._.dl_events"],
)
def find_events(doc: Doc) -> Doc:
    if _is_english(doc):
        found = events.find_events(
            doc, doc._.dl_entities, doc._.dl_timexes, published=doc._.published, title=doc._.title
        )
        doc._.dl_events = tuple(with_pronoun_agents(doc, doc._.dl_entities, found))
    return doc


COMPONENTS = (
    "dateline_language",
    "dateline_structure",
    "dateline_entities",
    "dateline_turns",
    "dateline_timexes",
    "dateline_quotes",
    "dateline_events",
)
