"""Entity mentions from spaCy's NER spans, trimmed to the bare name and with the small model's
usual label mistakes corrected. Grouping the mentions into entities is `entities.py`'s job."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from app.domain import EntityKind
from app.extract import names, not_names
from app.extract.agencies import defined_acronyms, known_agency, short_forms
from app.extract.doctext import doc_text
from app.extract.place_tags import PlaceTag, place_tags
from app.extract.places import is_known_place
from app.extract.quote_marks import quoted_spans_of
from app.extract.rosters import listed_people
from app.extract.unlabelled_people import unlabelled_people
from app.extract.whole_names import with_whole_names

LABEL_KINDS = {
    "PERSON": EntityKind.PERSON,
    "ORG": EntityKind.ORGANIZATION,
    "GPE": EntityKind.PLACE,
    "LOC": EntityKind.PLACE,
    "FAC": EntityKind.PLACE,
    "NORP": EntityKind.GROUP,
    "LAW": EntityKind.OTHER,  # "Inflation Reduction Act": what policy news follows, neither body nor place
}
# Spans the model often leaves unlabelled although they name a place.
_EXTRA_PLACES = re.compile(r"(?<![\w.])(?:U\.S\.(?:A\.)?|U\.K\.|E\.U\.)(?![\w.])")
_NAMING_CUES = frozenset({"called", "named", "dubbed", "titled", "entitled"})
_NAME_JOINERS = frozenset({"and", "for", "of", "&", "the", "on", "in", "de"})
_MAX_DESCRIPTION_TOKENS = 7
_NOT_IN_TITLES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "PERSON"})
_LINE_BREAK = re.compile(r"\s*\n\s*")
_COLON = re.compile(r"\s*:\s")
_TITLE_SMALL_WORDS = frozenset(
    {"a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "by", "with", "from", "as"}
)


@dataclass(frozen=True)
class RawMention:
    start: int  # character offsets of `text`
    end: int
    text: str  # the surface form: the bare name, or "President Biden" for title + surname
    name: str  # the bare name: "Biden"
    kind: EntityKind
    token_start: int
    token_end: int
    description: str | None = None  # the title chain before a person's name
    followed_by_who: bool = False
    headline: bool = False  # in the headline, not the text: offsets before 0, no sentence


def headline_mentions(headline: Doc) -> list[RawMention]:
    """The named mentions of a headline parsed on its own, marked as the headline's and placed
    before the text (offsets from -len(headline) - 1 up to -1), in headline order."""
    shift = len(doc_text(headline)) + 1
    found = [_en_route(headline, m) for m in collect_mentions(headline) if not _runs_into_headline_words(m)]
    found = sorted([*found, *_headline_places(headline, found)], key=lambda m: m.start)
    return [replace(m, start=m.start - shift, end=m.end - shift, headline=True) for m in found]


def _en_route(headline: Doc, m: RawMention) -> RawMention:
    """ "Press Gaggle … En Route Syracuse, New York": the model takes "Route Syracuse" for a
    body; the place is "Syracuse"."""
    words = m.text.split(" ", 1)
    if (
        len(words) < 2
        or words[0] != "Route"
        or m.token_start == 0
        or headline[m.token_start - 1].lower_ != "en"
    ):
        return m
    start = m.start + len("Route ")
    return replace(
        m, start=start, text=words[1], name=words[1], kind=EntityKind.PLACE, token_start=m.token_start + 1
    )


def _headline_places(headline: Doc, found: list[RawMention]) -> list[RawMention]:
    """Places of the gazetteer that the headline names and the model missed in its Title Case
    ("Briefing with Midwest Business Leaders"): runs of one to three capitalised words."""
    taken = {i for m in found for i in range(m.token_start, m.token_end)}
    out = []
    i = 0
    while i < len(headline):
        for size in (3, 2, 1):
            span = headline[i : i + size]
            if len(span) < size or any(t.i in taken or not t.text[:1].isupper() for t in span):
                continue
            if is_known_place(span.text):
                out.append(
                    RawMention(span.start_char, span.end_char, span.text, span.text, EntityKind.PLACE,
                               span.start, span.end)
                )  # fmt: skip
                i += size - 1
                break
        i += 1
    return out


def _runs_into_headline_words(m: RawMention) -> bool:
    """ "Biden Honoring", "Countries Launch the Partnership…": in a headline's Title Case the
    model runs names into the words around them; a name holding a word English writes in lower
    case is such a run."""
    return any(
        not_names.is_common_word(names.strip_possessive(w)) and w.lower() not in names.ORG_WORDS
        for w in names.name_words(m.name)
    )


def collect_mentions(doc: Doc) -> list[RawMention]:
    """Every named mention in `doc`, in text order, with corrected kinds."""
    tags = place_tags(doc_text(doc))
    found = [*_named_spans(doc), *_unlabelled_places(doc), *_unlabelled_acronyms(doc)]
    found += unlabelled_people(doc)
    spans = with_whole_names(doc, found)
    nominees = _nominees(doc)
    listed = listed_people(doc)
    nominees += [p for p in listed if not any(n.start < p.end and p.start < n.end for n in nominees)]
    spans = [s for s in spans if not any(n.start < s.end and s.start < n.end for n in nominees)] + nominees
    spans = [s for s in spans if not any(t.start < s.end_char and s.start_char < t.end for t in tags)]
    mentions = [m for span in spans if (m := _to_mention(doc, span)) is not None]
    tagged = _tagged_places(doc, tags)
    mentions = sorted([*mentions, *tagged], key=lambda m: m.start)
    mentions = _without_title_departments(doc, _without_title_words(doc, mentions))
    mentions = [_employer_kind(doc, m) for m in _summits_as_hosts(mentions)]
    kinds_fixed = _fix_kinds(doc, mentions, frozenset(tagged))
    return not_names.without_non_names(doc, kinds_fixed)


# "NATO Summit", "G7 Summit", "the Washington Summit": a gathering is no organisation or place
# but a happening (a story). Its name keeps the organisation that meets when it names one.
_GATHERING_HEADS = frozenset({"summit", "summits"})


def _summits_as_hosts(mentions: list[RawMention]) -> list[RawMention]:
    """A summit's name gives way to the organisation in it ("NATO Summit" -> NATO, when that
    is an initialism or an organisation the article names); otherwise it is no entity."""
    organisations = {m.name for m in mentions if m.kind is EntityKind.ORGANIZATION}
    out = []
    for m in mentions:
        words = m.name.split()
        heads = [i for i, w in enumerate(words) if w.lower() in _GATHERING_HEADS]
        if not heads:
            out.append(m)
            continue
        host = " ".join(words[: heads[0]])
        if host and (names.is_initialism(host) or _GROUP_OF.match(host) or host in organisations):
            # the host's words open the name: the mention keeps its start, stops before "Summit"
            end = m.text.index(host) + len(host)
            out.append(
                replace(m, end=m.start + end, text=m.text[:end], name=host, kind=EntityKind.ORGANIZATION,
                        token_end=m.token_start + len(host.split()), description=None)
            )  # fmt: skip
    return out


_GROUP_OF = re.compile(r"G-?\d{1,2}$")  # G7, G20


# Last words that make a "person" of the small model a place (not surnames such as Park or Hall).
_PLACE_ENDINGS = names.word_set(
    "square street avenue boulevard plaza bridge airport station stadium arena center centre "
    "cathedral memorial monument harbor harbour island islands county mountains river lake "
    "range canyon canyons forest refuge seashore wilderness"
)
# Last words that make an "organisation" of the small model a place: land and water, airports.
_LAND_ENDINGS = names.word_set(
    "airport bay forest forests range canyon canyons river lake mountains mountain island islands "
    "county valley desert coast monument wilderness refuge peninsula strait gulf sea ocean creek "
    "falls park parkway seashore lakeshore preserve"
)
# A centre that is a building people gather in, not a body: "Walter E. Washington Convention
# Center", "Kingsbury Community Center" (a "Center for American Progress" or a "National
# Hurricane Center" is an organisation).
_VENUE_CENTRE_KINDS = names.word_set(
    "convention conference civic event events visitor visitors exhibition community"
)


def _is_venue_centre(words: list[str]) -> bool:
    return (
        len(words) >= 3
        and words[-1].lower() in ("center", "centre")
        and words[-2].lower() in _VENUE_CENTRE_KINDS
    )


# Words that open a title even at the start of a sentence: "Majority Leader Charles Schumer".
_TITLE_OPENERS = names.word_set(
    "majority minority deputy vice acting former chief senior assistant associate attorney prime "
    "foreign defense defence state interim house senate white national"
)


# "a partner at Oliver Wyman": after a job and "at" or "with", a name is the employer.
_JOB_WORDS = names.word_set(
    "partner analyst economist strategist professor fellow researcher scholar lawyer director "
    "executive chairman chairwoman founder consultant adviser advisor spokesman spokeswoman "
    "spokesperson official employee lecturer manager president"
)
# Departments that the small model tags on their own inside a title: "Secretary of State",
# "Defense Minister". The title is the person's description; the word alone names no body.
_TITLE_DEPARTMENTS = names.word_set(
    "State Defense Defence Interior Finance Foreign Home Justice Commerce Energy Education Labor "
    "Health Agriculture Transportation Veterans"
)
_TITLE_HEADS = frozenset({"secretary", "minister", "ministers", "secretaries", "undersecretary"})


def _employer_kind(doc: Doc, m: RawMention) -> RawMention:
    if m.kind is not EntityKind.PERSON or m.token_start < 2:
        return m
    before, job = doc[m.token_start - 1], doc[m.token_start - 2]
    if before.lower_ in ("at", "with") and (job.lemma_.lower() or job.lower_.removesuffix("s")) in _JOB_WORDS:
        return replace(m, kind=EntityKind.ORGANIZATION, description=None)
    return m


def _without_title_departments(doc: Doc, mentions: list[RawMention]) -> list[RawMention]:
    def in_title(m: RawMention) -> bool:
        if m.kind is EntityKind.PERSON or m.name not in _TITLE_DEPARTMENTS:
            return False
        after = doc[m.token_end] if m.token_end < len(doc) else None
        before = doc[m.token_start - 2] if m.token_start >= 2 else None
        return (after is not None and after.lower_ in _TITLE_HEADS) or (
            before is not None and before.lower_ in _TITLE_HEADS and doc[m.token_start - 1].lower_ == "of"
        )

    return [m for m in mentions if not in_title(m) and not _portfolio_of_a_title(doc, m)]


# Titles a portfolio opens: "National Security Communications Advisor John Kirby", "Domestic
# Policy Adviser Neera Tanden". The model tags the portfolio as an organisation.
_PORTFOLIO_TITLES = names.word_set("advisor adviser coordinator director czar envoy counselor spokesperson")


def _portfolio_of_a_title(doc: Doc, m: RawMention) -> bool:
    """A name of no body (no word of one, no acronym, no agency) right before a title and a
    name."""
    if m.kind is EntityKind.PERSON or m.token_end + 1 >= len(doc):
        return False
    title, name = doc[m.token_end], doc[m.token_end + 1]
    return (
        title.lower_ in _PORTFOLIO_TITLES
        and name.text[:1].isupper()
        and not names.is_organisation_name(m.name)
        and not names.is_initialism(m.name)
        and not known_agency(m.name)
        and not is_known_place(m.name)
    )


def _without_title_words(doc: Doc, mentions: list[RawMention]) -> list[RawMention]:
    """Drop a one-word "person" inside a quoted Title Case title ("Resolve" in the memoir
    "Pressure and Resolve") when that word names nobody outside quotation marks."""
    text = doc_text(doc)
    titles = [
        (q.start, q.end) for q in quoted_spans_of(doc) if q.closed and _is_title_case(text[q.start : q.end])
    ]
    if not titles:
        return mentions

    def in_title(m: RawMention) -> bool:
        return any(start <= m.start and m.end <= end for start, end in titles)

    named_outside = {w for m in mentions if not in_title(m) for w in names.name_words(m.name)}
    return [
        m
        for m in mentions
        if not (
            m.kind is EntityKind.PERSON and " " not in m.name and in_title(m) and m.name not in named_outside
        )
    ]


def _is_title_case(quoted: str) -> bool:
    words = re.findall(r"[A-Za-z][\w'’-]*", quoted)
    content = [w for w in words if w.lower() not in _TITLE_SMALL_WORDS]
    return (
        len(words) >= 2
        and bool(content)
        and all(w[0].isupper() for w in content)
        and not re.search(r"[.?!]\s", quoted)
    )


def _named_spans(doc: Doc) -> list[Span]:
    out: list[Span] = []
    ents = [e for e in doc.ents if e.label_ in LABEL_KINDS and (e.label_ != "LAW" or _names_a_law(e))]
    covered_until = -1
    for ent in ents:
        if ent.start < covered_until:
            continue
        ent = _join_name_particles(doc, _extend_office_of(doc, _extend_called_name(doc, ent)))
        with_given = _with_given_name(doc, ent)
        if with_given.start < ent.start and out and out[-1].end > with_given.start:
            out.pop()  # the given name the model had as a place of its own
        ent = with_given
        named_after = _named_after(doc, ent)
        if named_after is not None:
            covered_until = named_after.end
            if named_after.label_ == "FAC":
                out.append(named_after)
            continue
        covered_until = ent.end
        out.append(ent)
    return _caucuses(doc, out)


# The last word of a name that honours a person: a venue ("the James S. Brady Press Briefing
# Room", a PLACE) or a law, day or prize ("the John Lewis Voting Rights Act", "Chuck Schumer
# Day"), which is nobody and no entity to extract.
_VENUE_HEADS = names.word_set(
    """
    room building center centre hall library museum memorial airport bridge tunnel park
    stadium arena auditorium theater theatre station plaza courthouse highway parkway field
    """
)
_HONOUR_HEADS = names.word_set("act acts day prize award awards scholarship fellowship amendment doctrine")
# Head words that are also surnames: a name ending in one is a venue or day only when the model
# stopped before it ("Jane Park" is a person).
_SURNAME_HEADS = names.word_set("park hall field station day")
_EPONYM_JOINERS = frozenset({"in", "of", "for", "and", "on", "&"})


def _named_after(doc: Doc, ent: Span) -> Span | None:
    """The venue, law or day a person's name opens, when the name runs on in capitalised words
    to one ("James S. Brady" + "Press Briefing Room"): the venue as one FAC span, or for a law
    or day an unlabelled span that is nobody's mention. None for a plain name."""
    if ent.label_ != "PERSON":
        return None
    end, last, sent_end = ent.end, None, ent.sent.end
    while end < sent_end:
        token = doc[end]
        if token.is_title or (token.is_upper and len(token) > 1 and token.is_alpha):
            end += 1
            last = token
        elif token.lower_ in _EPONYM_JOINERS and end + 1 < sent_end and doc[end + 1].is_title:
            end += 1
        else:
            break
    if last is None:  # the model may have taken the whole name: "Chuck Schumer Day"
        last = ent[-1]
        if last.lower_ in _SURNAME_HEADS and not (last.lower_ == "day" and len(ent) > 2):
            return None  # "Jane Park", "Doris Day": a surname
    if last.i == ent.start or any(t.lower_ in ("'s", "’s") for t in doc[ent.start : last.i]):
        return None  # "Henry Francis du Pont's Winterthur Museum": his, and he is named
    head = last.lower_
    if head in _VENUE_HEADS:
        return Span(doc, ent.start, last.i + 1, label="FAC")
    if head in _HONOUR_HEADS:
        return Span(doc, ent.start, last.i + 1, label="")
    return None


_CHAMBERS = frozenset({"house", "senate", "congressional"})
_PARTY_MEMBERS = frozenset({"republicans", "democrats"})


def _caucuses(doc: Doc, spans: list[Span]) -> list[Span]:
    """ "House Republicans", "Senate Democrats": a chamber's party members are one organisation,
    however the model cut or labelled the words (the bare "Republicans" stays the party)."""
    out: list[Span] = []
    for span in spans:
        if span[-1].lower_ not in _PARTY_MEMBERS or not span[-1].text[:1].isupper():
            out.append(span)
            continue
        start = span.start
        if start > 0 and doc[start - 1].lower_ in _CHAMBERS and doc[start - 1].text[:1].isupper():
            start -= 1
        if start < span.end - 1 and doc[start].lower_ in _CHAMBERS:
            if out and out[-1].end > start:
                out.pop()  # "House" labelled on its own
            out.append(Span(doc, start, span.end, label="ORG"))
        else:
            out.append(span)
    return out


def _extend_called_name(doc: Doc, ent: Span) -> Span:
    """ "to be called NATO Security Assistance and Training for Ukraine": after a naming verb the
    whole Title Case run is one name, though the model cuts it at "and" or "for"."""
    if ent.start == 0 or doc[ent.start - 1].lower_ not in _NAMING_CUES or ent.label_ != "ORG":
        return ent
    end = ent.end
    sent_end = ent.sent.end
    while end + 1 < sent_end and doc[end].lower_ in _NAME_JOINERS and doc[end + 1].is_title:
        end += 2
        while end < sent_end and (doc[end].is_title or doc[end].is_upper) and doc[end].is_alpha:
            end += 1
    return Span(doc, ent.start, end, label=ent.label_) if end > ent.end else ent


def _extend_office_of(doc: Doc, ent: Span) -> Span:
    """ "Executive Office of the President", "Office of the Vice President": the model stops an
    office's name before, or inside, the title of the person it serves."""
    if ent.label_ != "ORG":
        return ent
    end, sent_end = ent.end, ent.sent.end

    def titled(i: int) -> bool:
        title_word = names.is_title_word(doc[i].text) or doc[i].lower_ == "vice" if i < sent_end else False
        return title_word and doc[i].is_title

    if (
        end + 2 < sent_end
        and doc[ent.end - 1].lower_ in names.ORG_WORDS
        and doc[end].lower_ == "of"
        and doc[end + 1].lower_ == "the"
        and titled(end + 2)
    ):
        end += 2
    elif not (titled(ent.end - 1) and ent.end - 2 > ent.start and doc[ent.end - 2].lower_ == "the"):
        return ent
    while titled(end):
        end += 1
    return Span(doc, ent.start, end, label=ent.label_) if end > ent.end else ent


def _with_given_name(doc: Doc, ent: Span) -> Span:
    """ "Paige Gebhardt Cognetti", "Shonda Yvette Scott": the model often leaves the given name of
    a three-word name outside the person it finds, or makes it a place of its own; a proper
    noun right before it that is a given name (data/first_names.tsv), in no other entity or in
    one of its own, belongs to it."""
    if ent.label_ != "PERSON" or len(ent) < 2 or ent.start == 0 or ent.start == ent.sent.start:
        return ent
    before = doc[ent.start - 1]
    alone = before.ent_iob_ == "O" or (
        before.ent_iob_ == "B" and before.ent_type_ in ("GPE", "LOC", "ORG", "NORP")
    )
    if (
        alone
        and before.pos_ == "PROPN"
        and before.is_title
        and before.is_alpha
        and names.is_given_name(before.text)
    ):
        return Span(doc, ent.start - 1, ent.end, label="PERSON")
    return ent


def _join_name_particles(doc: Doc, ent: Span) -> Span:
    """ "Ursula von der Leyen", which the model cuts at a particle ("Ursula von" + "Leyen" as a
    place): a person's name that ends in, or is followed by, particles runs on to the next
    capitalised word, and takes in the rest of an entity starting there."""
    if ent.label_ != "PERSON":
        return ent
    after = ent.end
    while after < len(doc) and doc[after].lower_ in names.NAME_PARTICLES:
        after += 1
    if after == ent.end and doc[ent.end - 1].lower_ not in names.NAME_PARTICLES:
        return ent
    if after >= ent.sent.end or not (doc[after].is_title and doc[after].is_alpha):
        return ent
    end = after + 1
    if doc[after].ent_iob_ == "B":
        while end < ent.sent.end and doc[end].ent_iob_ == "I":
            end += 1
    return Span(doc, ent.start, end, label="PERSON")


def _tagged_places(doc: Doc, tags: list[PlaceTag]) -> list[RawMention]:
    """ "(R-Fla.)" names Florida; the mention keeps the text as written."""
    out = []
    text = doc_text(doc)
    for tag in tags:
        span = doc.char_span(tag.start, tag.end, alignment_mode="expand")
        if span is None:
            continue
        surface, name = text[tag.start : tag.end], tag.name
        out.append(RawMention(tag.start, tag.end, surface, name, EntityKind.PLACE, span.start, span.end))
    return out


def _unlabelled_places(doc: Doc) -> list[Span]:
    out: list[Span] = []
    for match in _EXTRA_PLACES.finditer(doc_text(doc)):
        span = doc.char_span(match.start(), match.end())
        if span is not None and len(span) == 1 and span[0].ent_iob_ == "O":
            out.append(Span(doc, span.start, span.end, label="GPE"))
    return out


_NAME = r"[A-Z][\w.'’-]*(?:[ \n][A-Z][\w.'’-]*){1,4}"
_SUFFIX = names.SUFFIX_PATTERN
# "Amanda Wood Laihow, of Maine, to be …", "… vice Leo Maury Gordon, retired.": a nomination
# names the nominee and the person they replace in fixed shapes.
_NOMINEE = re.compile(rf"(?m)^[ \t\u00a0]*(?P<name>{_NAME}){_SUFFIX},[ \n]of[ \n](?:the[ \n])?[A-Z]")
_REPLACED = re.compile(
    rf"\bvice[ \n](?P<name>{_NAME}){_SUFFIX},[ \n]"
    r"(?:resigned|retired|retiring|term[ \n]expired|deceased|elevated)"
)


def _nominees(doc: Doc) -> list[Span]:
    """The people of a list of nominations, whole, however the model cut their names."""
    text = doc_text(doc)
    out = []
    for pattern in (_NOMINEE, _REPLACED):
        for match in pattern.finditer(text):
            span = doc.char_span(match.start("name"), match.end("name"))
            if span is not None:
                out.append(Span(doc, span.start, span.end, label="PERSON"))
    return out


def _unlabelled_acronyms(doc: Doc) -> list[Span]:
    """Acronyms of the agency list, and those the text defines after an organisation's name
    ("… Office of the President (EOP)"), wherever the model left them unlabelled — not in a
    line written in capitals."""
    text = doc_text(doc)
    defined = {a for a, full in defined_acronyms(text).items() if names.is_organisation_name(full)}
    wanted = defined | short_forms()
    out: list[Span] = []
    for token in doc:
        if token.text not in wanted or token.ent_iob_ != "O":
            continue
        near = [
            t for t in doc[max(0, token.i - 2) : token.i + 3] if t.i != token.i and t.is_alpha and len(t) > 1
        ]
        if any(t.is_upper for t in near):
            continue  # "WHO WE ARE", a shouted heading
        out.append(Span(doc, token.i, token.i + 1, label="ORG"))
    return out


def _to_mention(doc: Doc, span: Span) -> RawMention | None:
    text = doc_text(doc)
    start_tok, end_tok = span.start, span.end
    # The model sometimes runs a span over a line break ("The Wall Street Journal\n\n\nNATO").
    first_line = _LINE_BREAK.split(span.text.strip(), maxsplit=1)[0]
    # and over a heading's colon ("James Graham Lake: Nominee for the …")
    first_line = _COLON.split(first_line, maxsplit=1)[0]
    if not first_line:
        return None
    start = text.index(first_line, span.start_char)
    end = start + len(first_line)
    label = span.label_
    if label == "PERSON":
        start_tok = _skip_leading_titles(doc, start_tok, end_tok)
        start = max(start, doc[start_tok].idx)
        owner = next((t for t in doc[start_tok + 1 : end_tok - 1] if t.tag_ == "POS"), None)
        if owner is not None:
            start, end = _around_possessive(doc, owner, start, end, end_tok)
            if start >= end:
                return None
    start, end = names.drop_trailing_lowercase(text, *names.trimmed_bounds(text, start, end))
    if (bracket := text.find("(", start, end)) > start and text.find(")", bracket, end) < 0:
        # "the Bipartisan Infrastructure Law (BIL": the model ran into the short form's brackets
        start, end = names.trimmed_bounds(text, start, bracket)
    start = _past_leading_lowercase(text, start, end)
    surface = text[start:end]
    if not surface or names.looks_like_garbage(surface) or len(surface) > 80:
        return None
    if label == "PERSON" and _only_a_title(surface):
        return None
    start_tok = _token_at(doc, start, start_tok, end_tok)
    end_tok = max(start_tok + 1, _token_end_at(doc, end, start_tok, end_tok))
    kind = LABEL_KINDS[label]
    description = _title_chain(doc, start_tok)
    name = surface
    if kind is EntityKind.PERSON and " " not in surface:
        start = _honorific_start(doc, start_tok, start)
        surface = text[start:end]
    return RawMention(
        start=start,
        end=end,
        text=surface,
        name=name,
        kind=kind,
        token_start=start_tok,
        token_end=end_tok,
        description=description,
        followed_by_who=_followed_by_who(doc, end_tok),
    )


def _around_possessive(doc: Doc, owner: Token, start: int, end: int, end_tok: int) -> tuple[int, int]:
    """The person in a span with a possessive inside: the name after it ("Breitbart’s Joel
    Pollak"), else the one before ("President Obama’s 2008 campaign"); nobody in a day or
    prize named for someone ("Valentine’s Day")."""
    after = [t for t in doc[owner.i + 1 : end_tok] if not t.is_space]
    named = len(after) >= 2 and all(t.is_title and t.is_alpha for t in after)
    if named and names.is_given_name(after[0].text):
        return after[0].idx, end
    if after and after[-1].lower_ in _HONOUR_HEADS:
        return start, start
    return start, min(end, owner.idx)


def _only_a_title(surface: str) -> bool:
    """ "Honorary Chair", "Vice Chair": a person span that ends in a title word and holds no
    given name is a title, not a name ("Aaron Judge" is a name)."""
    words = [w.strip(",.") for w in names.name_words(surface)]
    return (
        len(words) >= 2 and names.is_title_word(words[-1]) and not any(names.is_given_name(w) for w in words)
    )


def _past_leading_lowercase(text: str, start: int, end: int) -> int:
    """ "federal Securities and Exchange Commission" -> "Securities and Exchange Commission": a
    name opens on a capital (or a particle: "de Gaulle")."""
    while True:
        word, space, rest = text[start:end].partition(" ")
        if not space or not word.isalpha() or not word.islower() or word in names.NAME_PARTICLES:
            return start
        if not rest[:1].isupper():
            return start
        start += len(word) + 1


def _token_at(doc: Doc, char: int, lo: int, hi: int) -> int:
    for i in range(lo, hi):
        if doc[i].idx + len(doc[i]) > char:
            return i
    return lo


def _token_end_at(doc: Doc, char: int, lo: int, hi: int) -> int:
    for i in range(hi - 1, lo - 1, -1):
        if doc[i].idx < char:
            return i + 1
    return lo + 1


def _skip_leading_titles(doc: Doc, start: int, end: int) -> int:
    """First token of the name inside a PERSON span that begins with a title
    ("President Donald Trump", "Secretary of State John Kerry")."""
    last_title = -1
    for i in range(start, end - 1):
        if names.is_title_word(doc[i].text):
            last_title = i
    if last_title < 0:
        return start
    i = last_title + 1
    if i + 1 < end - 1 and doc[i].lower_ in names.TITLE_JOINERS:
        i += 2  # "Secretary of State John Kerry"
    while i < end - 1 and doc[i].text in "-–":
        i += 1
    return i


_OTHER_OFFICE = frozenset({"vice", "under"})


def _honorific_start(doc: Doc, name_start: int, char_start: int) -> int:
    """A surname keeps the title words right before it ("President Biden", "Gen. Cavoli"): that
    is how the text names the person, and it tells one Biden or Cavoli from another."""
    i = name_start - 1
    sent_start = doc[name_start].sent.start
    while i >= sent_start and (
        (names.is_title_word(doc[i].text) and doc[i].lower_ not in names.MODIFIER_ONLY)
        or (doc[i].text in "-–" and i > sent_start and names.is_title_word(doc[i - 1].text))
        # "Vice President Harris", not "President Harris": a word that makes it another office
        or (doc[i].lower_ in _OTHER_OFFICE and doc[i].is_title and names.is_title_word(doc[i + 1].text))
    ):
        i -= 1
    if i == name_start - 1 or not doc[i + 1].text[:1].isupper():
        return char_start
    return doc[i + 1].idx


def _title_chain(doc: Doc, name_start: int) -> str | None:
    """The run of title words and their modifiers right before a name: "former President",
    "NATO Secretary-General", "Army Gen.", "Republican presidential nominee"."""
    sent_start = doc[name_start].sent.start
    i = name_start - 1
    chain_start = name_start
    has_title = False
    while i >= sent_start and name_start - i <= _MAX_DESCRIPTION_TOKENS:
        token = doc[i]
        low = token.lower_
        if names.is_title_word(low):
            has_title = has_title or low not in names.MODIFIER_ONLY
            chain_start = i
        elif (
            _is_title_modifier(token)
            or (low in _OTHER_OFFICE and token.is_title)
            or (low in names.TITLE_JOINERS and i > sent_start and _joins_title(doc[i - 1], doc[i + 1], low))
        ):
            chain_start = i
        else:
            break
        i -= 1
    # A chain never begins with a joiner, and needs a real title ("Ukrainian" alone is not one).
    while chain_start < name_start and doc[chain_start].lower_ in names.TITLE_JOINERS:
        chain_start += 1
    if not has_title or chain_start >= name_start:
        return None
    if all(t.lower_ in names.COURTESY_TITLES for t in doc[chain_start:name_start]):
        return None  # "Mr." says nothing about the person
    span = doc[chain_start:name_start]
    return span.text.strip(" ,") or None


def _joins_title(left: Token, right: Token, joiner: str) -> bool:
    """ "Secretary of State", "Chairman and CEO"; not "Zelensky and Russian President", nor
    "the President and Dr. Biden"."""
    if joiner in ("and", "&"):
        return (
            names.is_title_word(left.text)
            and names.is_title_word(right.text)
            and right.lower_ not in names.ADDRESS_TITLES
        )
    return _is_title_modifier(left)


def _is_title_modifier(token: Token) -> bool:
    if token.ent_type_ == "PERSON":
        return False
    if token.is_punct and token.text not in "-–":
        return False
    if token.text in "-–":
        return True
    if token.text[:1].isupper():
        if token.ent_type_ in _NOT_IN_TITLES or token.lower_ in names.DETERMINERS:
            return False  # "on Monday President Biden"
        if not token.ent_type_ and token.is_sent_start and token.lower_ not in _TITLE_OPENERS:
            return False  # "Yesterday President Biden": a capital that only opens the sentence
        return token.pos_ in ("PROPN", "ADJ", "NOUN")
    return token.pos_ == "ADJ" or "-" in token.text


def _followed_by_who(doc: Doc, end_tok: int) -> bool:
    return (
        end_tok + 1 < len(doc)
        and doc[end_tok].text == ","
        and doc[end_tok + 1].lower_ in ("who", "whose", "who's")
    )


# --- kinds --------------------------------------------------------------------------------------


def _fix_kinds(doc: Doc, mentions: list[RawMention], tagged: frozenset[RawMention]) -> list[RawMention]:
    """The model's kinds corrected; places found by their shape ("Warren, MI") stay places."""
    person_parts = _person_name_parts(mentions)
    fixed = [m if m in tagged else _fixed_kind(doc, m, person_parts) for m in mentions]
    return _majority_kinds(fixed)


@dataclass(frozen=True)
class _PersonNames:
    """How the article names people: last and first words of full names, one-word names."""

    lasts: frozenset[str]
    firsts: frozenset[str]
    singles: frozenset[str]


def _person_name_parts(mentions: list[RawMention]) -> _PersonNames:
    lasts: set[str] = set()
    firsts: set[str] = set()
    singles: set[str] = set()
    for m in mentions:
        if m.kind is EntityKind.PERSON:
            words = names.name_words(m.name)
            if len(words) >= 2:
                lasts.add(names.last_name(words))
                firsts.add(words[0])
            else:
                singles.add(m.name)
    return _PersonNames(frozenset(lasts), frozenset(firsts), frozenset(singles))


# Honours, laws, agreements and observances are neither bodies nor places nor people: the
# "Presidential Medal of Freedom", the "Bipartisan Safer Communities Act", the "Declaration of
# Independence", "Women's History Month", "Hurricane Milton" are other things. A body named after
# one is an organisation ("Pulitzer Prize Board", "Medal of Honor Society").
_OTHER_HEADS = names.word_set(
    "award awards medal medals prize prizes trophy act acts amendment treaty accord accords "
    "agreement declaration"
)
# "Black History Month", "National Small Business Week", "American Rescue Plan"
_OTHER_ENDINGS = names.word_set("month week plan")
_STORMS = names.word_set("hurricane typhoon cyclone")


def _is_other_thing(words: list[str]) -> bool:
    lowered = [w.lower() for w in words]
    if lowered[-1] in _VENUE_HEADS:
        return False  # "Indian Treaty Room"
    heads = [i for i, w in enumerate(lowered) if w in _OTHER_HEADS]
    if heads:  # "Distinguished Service Award", not "Pulitzer Prize Board"
        return not any(w in names.ORG_WORDS for w in lowered[heads[0] + 1 :])
    if any(w in names.ORG_WORDS for w in lowered):
        return False  # "Hurricane Sandy Rebuilding Task Force"
    if len(words) >= 2 and lowered[-1] == "day" and not names.is_given_name(words[0]):
        return True  # "National Wear Red Day", "World Elder Abuse Awareness Day"; not "Doris Day"
    return len(words) >= 2 and (lowered[-1] in _OTHER_ENDINGS or lowered[0] in _STORMS)


# What the model labels a law is one when a word of law names it ("the PACT Act", "Title VII of
# the Civil Rights Act", "Roe v. Wade", "the U.S. Constitution"); not "section 1102A(b)", "Flight
# 93", "Fortune 500" or "the Inaugural Meeting of the Roundtable".
_LAW_WORDS = _OTHER_HEADS | names.word_set(
    "law laws code constitution convention conventions charter protocol proclamation bill v. vs."
)


def _names_a_law(span: Span) -> bool:
    return any(t.lower_ in _LAW_WORDS for t in span)


def _fixed_kind(doc: Doc, m: RawMention, people: _PersonNames) -> RawMention:
    words = names.name_words(m.name)
    if _is_other_thing(words):
        return replace(m, kind=EntityKind.OTHER, description=None)
    if m.kind is EntityKind.PERSON and any(c.isdigit() for c in m.name):
        return replace(m, kind=EntityKind.OTHER, description=None)  # "F-16s", "Covid-19": no one
    if m.kind is EntityKind.OTHER and words[-1].lower() in _VENUE_HEADS:
        return replace(m, kind=EntityKind.PLACE)  # "the Indian Treaty Room", labelled a law
    if m.kind is not EntityKind.ORGANIZATION and known_agency(m.name) and not is_known_place(m.name):
        return replace(m, kind=EntityKind.ORGANIZATION, description=None)  # "F.B.I." as a place
    lowered = {w.lower().strip(".,") for w in words}
    if (
        m.kind is EntityKind.PERSON
        and len(words) >= 2
        and words[-1].lower() in _PLACE_ENDINGS
        and words[-1] not in people.singles  # "James Graham Lake", who is "Mr. Lake" too
    ):
        return replace(m, kind=EntityKind.PLACE, description=None)  # "Rodney Square", "Union Station"
    if m.kind is EntityKind.ORGANIZATION and len(words) >= 2 and words[-1].lower() in _LAND_ENDINGS:
        return replace(m, kind=EntityKind.PLACE, description=None)  # "Tongass National Forest"
    if _is_venue_centre(words):  # "… Convention Center", though "center" is a word of bodies
        return m if m.kind is EntityKind.PLACE else replace(m, kind=EntityKind.PLACE, description=None)
    is_name_part = len(words) == 1 and (m.name in people.lasts or m.name in people.firsts)
    if m.kind in (EntityKind.PERSON, EntityKind.ORGANIZATION) and is_known_place(m.name) and not is_name_part:
        return replace(m, kind=EntityKind.PLACE, description=None)  # "West Bank", not a bank
    org_words = len(words) >= 2 and lowered & names.ORG_WORDS
    if m.kind is not EntityKind.ORGANIZATION and org_words and not is_known_place(m.name):
        return replace(m, kind=EntityKind.ORGANIZATION, description=None)
    if m.kind is EntityKind.PERSON or is_known_place(m.name):
        return m
    if len(words) == 1 and _after_a_title(doc, m.token_start) and not known_agency(m.name):
        return replace(m, kind=EntityKind.PERSON)  # "President Zelenskyy", labelled a place
    if not all(w[:1].isupper() for w in words) or any(c.isdigit() for c in m.name):
        return m
    if len(words) == 1:
        return replace(m, kind=EntityKind.PERSON) if _names_a_person(doc, m, people) else m
    # "Keith Lamont Scott" labelled ORG where the article also calls him "Scott" (a person),
    # or "Ivo Daalder, who served …".
    personal = (
        m.followed_by_who
        or names.last_name(words) in people.singles
        or (names.is_given_name(words[0]) and words[0] in people.singles)
    )
    if personal and len(words) <= 4 and not names.is_initialism(words[0]):
        return replace(m, kind=EntityKind.PERSON)
    return m


def _after_a_title(doc: Doc, start: int) -> bool:
    """A person's title right before the word: "President", "Senator", "Mr."."""
    if start == 0:
        return False
    before = doc[start - 1]
    return before.text[:1].isupper() and (
        (names.is_title_word(before.lower_) and before.lower_ not in names.MODIFIER_ONLY)
        or before.lower_ in names.ADDRESS_TITLES
    )


def _names_a_person(doc: Doc, m: RawMention, people: _PersonNames) -> bool:
    """A one-word "organisation" or "place" that is a person: the surname or the one-word name
    of a person of the article ("Biden’s meeting" beside "President Biden"), or a given name
    that names no known place and follows no word of place ("Over to you, Shalanda.", "led by
    Jayson and Jaylen"; not "in Warren")."""
    before = doc[m.token_start - 1].lower_ if m.token_start else ""
    if m.name in people.lasts or m.name in people.singles:
        return not (m.kind is EntityKind.PLACE and _written_as_a_place(doc, m.token_start))
    return m.kind is EntityKind.PLACE and names.is_given_name(m.name) and before not in _PLACE_PREPOSITIONS


def _written_as_a_place(doc: Doc, start: int) -> bool:
    """ "in Washington", "Jamal Whitehead, of Washington, to be …", "the Western District of
    Washington": a place labelled as one, though a person of the article (Phillip A.
    Washington) bears the name."""
    if start < 2:
        return False
    before, two_before = doc[start - 1].lower_, doc[start - 2]
    return before == "in" or (before == "of" and (two_before.text == "," or two_before.lower_ == "district"))


_PLACE_PREPOSITIONS = names.word_set("in at to from near across outside inside into through of")


def _majority_kinds(mentions: list[RawMention]) -> list[RawMention]:
    """One kind per surface form in an article: the most common one (PERSON wins ties,
    since the model's person/organisation confusions are the most common)."""
    votes: dict[str, Counter[EntityKind]] = defaultdict(Counter)
    for m in mentions:
        votes[m.name.casefold()][m.kind] += 1
    priority = {EntityKind.PERSON: 3, EntityKind.PLACE: 2, EntityKind.ORGANIZATION: 1}
    best = {
        text: max(counter, key=lambda k: (counter[k], priority.get(k, 0)))
        for text, counter in votes.items()
        if len(counter) > 1
    }
    return [replace(m, kind=best[key]) if (key := m.name.casefold()) in best else m for m in mentions]
