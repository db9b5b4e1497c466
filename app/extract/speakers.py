"""Who said a quote: the cue near it ("said", "told", "according to", "Trump’s claim") and its
subject, resolved to an entity, a description ("a senior State Department official"), or for
"he"/"she" the person the sentence or the recent text is about.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from app.domain import EntityKind, Speaker, SpeakerKind
from app.extract import names
from app.extract.doctext import doc_text
from app.extract.entity_index import EntityIndex
from app.extract.floor import FLOOR_ROLE
from app.extract.pronouns import RELATIVES, PronounResolver, named, relative
from app.extract.sole_office import OfficeHolders

# Lemmas of verbs that introduce speech or writing (after PARC/PolNeAR cue verbs).
CUE_LEMMAS = names.word_set(
    """
    say tell add ask answer reply respond write state explain note argue insist continue warn
    declare claim call describe vow tweet post acknowledge admit announce recall suggest complain
    predict joke quip concede observe remark testify boast brag urge promise pledge assert contend
    maintain emphasize emphasise stress recount lament charge accuse allege counter shout chant
    yell scream exclaim mutter whisper read quote conclude agree disagree deny confirm report
    reveal disclose caution mock blast slam criticize criticise praise proclaim affirm retort muse
    wonder tout concur echo question demand plead speculate inform advise remind assure
    reassure threaten text email message thunder fume gush rave sneer scoff snap rant lash dub
    label brand term decry denounce hail applaud welcome reiterate repeat underscore highlight
    begin sing dismiss lambaste ridicule recommend boom
    """
)
# Nouns that report speech when a speaker owns them: "Trump’s claim that …", "a statement from".
NOUN_CUE_LEMMAS = names.word_set(
    """
    claim statement remark comment word assertion promise pledge warning description accusation
    argument suggestion answer tweet post message announcement vow charge insistence admission
    testimony speech response reply words quote
    """
)
# Documents that speak for whoever wrote them: "a complaint filed by the SEC says", "a GAO
# report found".
DOCUMENT_NOUNS = names.word_set(
    """
    complaint report memo memorandum letter filing lawsuit suit study audit review analysis
    survey indictment ruling opinion document brief statement release email
    """
)
_AUTHOR_KINDS = frozenset({EntityKind.PERSON, EntityKind.ORGANIZATION})
# Cues whose passive subject is the hearer, not the speaker ("he was told ...").
_HEARER_PASSIVE = frozenset({"tell", "ask", "inform", "remind", "advise", "assure"})
_CLIMB_DEPS = frozenset({"conj", "advcl", "xcomp", "ccomp", "pcomp", "prep"})
_RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})
_SPEAKING_KINDS = frozenset({EntityKind.PERSON, EntityKind.ORGANIZATION, EntityKind.PLACE, EntityKind.GROUP})
_SPEAKER_PREPS = frozenset({"from", "by", "of"})
_CLAUSE_DEPS = frozenset({"relcl", "acl", "appos", "ccomp", "advcl", "xcomp", "conj", "parataxis", "csubj"})
_MAX_PATH = 12


@dataclass(frozen=True)
class Attribution:
    speaker: Speaker | None
    cue: str | None
    cue_token: int = -1


class SpeakerFinder:
    """Cue and speaker lookups over one parsed document; `in_quote[i]` marks tokens inside
    quotation marks, which never hold the cue or the speaker of their own quote."""

    def __init__(
        self,
        doc: Doc,
        index: EntityIndex,
        in_quote: bytearray,
        token_starts: list[int],
        turn_speaker: Callable[[int], Speaker | None] | None = None,
    ) -> None:
        self.doc = doc
        self.index = index
        self.in_quote = in_quote
        self.token_starts = token_starts
        # In a transcript, who holds the turn at a character offset: the "I" of that turn.
        self.turn_speaker = turn_speaker
        self._pronouns: PronounResolver | None = None
        self._holders: OfficeHolders | None = None

    # --- cues -------------------------------------------------------------------------------

    def is_cue(self, token: Token) -> bool:
        if token.lower_ == "according":
            return token.i + 1 < len(self.doc) and token.nbor(1).lower_ == "to"
        if token.pos_ in ("VERB", "AUX"):
            if token.lemma_ in CUE_LEMMAS:
                return True
            # "as a Homeland Security memo put it", "a GAO report found that …"
            if token.lemma_ == "put":
                return any(c.dep_ == "dobj" and c.lower_ == "it" for c in token.children)
            if token.lemma_ == "find":
                subject = self.subject_of(token)
                return subject is not None and subject.lemma_.lower() in DOCUMENT_NOUNS
            return False
        return token.pos_ == "NOUN" and token.lemma_ in NOUN_CUE_LEMMAS and self._owner(token) is not None

    def choose_cue(self, lo: int, hi: int, q_start: int, q_end: int) -> tuple[Token, int] | None:
        """The cue in tokens [lo, hi), outside quotes, for the quote in tokens [q_start, q_end):
        one that frames it ("X said, “…”", "“…,” said X") first (rank 0), then one that governs
        it in the parse (1), then one that the quote governs (2), then any (3); each time the
        nearest. Returns the cue and its rank."""
        doc, in_quote = self.doc, self.in_quote
        governors: set[int] = set()
        for i in range(q_start, q_end):
            head = doc[i].head
            if not q_start <= head.i < q_end:
                governors.add(head.i)
        best: Token | None = None
        best_key: tuple[int, int] | None = None
        for i in range(lo, hi):
            if in_quote[i]:
                continue
            token = doc[i]
            if not self.is_cue(token):
                continue
            if self._frames(token, q_start, q_end):
                rank = 0
            elif i in governors or (token.head.i in governors and token.dep_ == "conj"):
                rank = 1
            elif q_start <= token.head.i < q_end:
                rank = 2
            else:
                rank = 3
            distance = q_start - i if i < q_start else i - q_end
            key = (rank, distance)
            if best_key is None or key < best_key:
                best, best_key = token, key
        return (best, best_key[0]) if best is not None and best_key is not None else None

    def _frames(self, cue: Token, q_start: int, q_end: int) -> bool:
        doc = self.doc
        if cue.i < q_start:
            # "Trump said during the debate, “…”": only the cue's own words and a comma between.
            between = doc[cue.i + 1 : q_start]
            return (
                (len(between) == 0 or between[-1].text in (",", ":"))
                and cue.right_edge.i >= q_start - 2
                and not any(t.is_sent_start for t in doc[cue.i + 1 : q_start + 1])
            )
        # "“…,” said Ivo Daalder" / "“…,” the ad’s narrator says": the subject and punctuation.
        subject = self.subject_of(cue)
        skip = set(range(subject.left_edge.i, subject.right_edge.i + 1)) if subject is not None else set()
        return all(doc[i].is_punct or i in skip for i in range(q_end, cue.i))

    def outermost(self, cue: Token) -> Token:
        """ "Holm said that the ad “wrongfully” suggests …": the reporting verb that holds the
        cue's clause, for a quoted fragment inside reported speech. An "as X put it" aside
        names its own source ("…, as a Homeland Security memo put it")."""
        if any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children):
            return cue
        for ancestor in cue.ancestors:
            if self.in_quote[ancestor.i]:
                break
            if ancestor.pos_ == "VERB" and ancestor.lemma_ in CUE_LEMMAS:
                cue = ancestor
        return cue

    def modifies_cue(self, token: Token, cue: Token) -> bool:
        """Whether `token` belongs to the cue's own clause or its speaker's noun phrase
        ("said last month", "a 2008 communiqué that said"), not to a clause inside them
        ("said Daalder, who served from 2009")."""
        subject = self.subject_of(cue)
        targets = {cue.i} if subject is None else {cue.i, subject.i}
        for _ in range(_MAX_PATH):
            if token.i in targets:
                return True
            if token.dep_ in _CLAUSE_DEPS or token.head == token:
                return False
            token = token.head
        return False

    # --- speakers ---------------------------------------------------------------------------

    def attribute(self, cue: Token) -> Attribution:
        if cue.pos_ == "NOUN":
            owner = self._owner(cue)
            return Attribution(self._speaker_from(owner, cue) if owner else None, cue.text.lower(), cue.i)
        subject = self.subject_of(cue)
        speaker = self._speaker_from(subject, cue) if subject is not None else None
        if speaker is None or (speaker.kind is not SpeakerKind.NAMED and subject.pos_ != "PROPN"):
            speaker = self._adjacent_name(cue) or speaker
        cue_text = "according to" if cue.lower_ == "according" else cue.text.lower()
        return Attribution(speaker=speaker, cue=cue_text, cue_token=cue.i)

    def sentence_subject(self, lo: int, hi: int) -> Attribution | None:
        """The person or organisation a sentence is about, for a quote in it with no cue
        ("Reid has gone after Trump as a “human leech …”", "Obama has a message: “…”")."""
        for token in self.doc[lo:hi]:
            if token.dep_ == "ROOT" and not self.in_quote[token.i]:
                for child in token.children:
                    if child.dep_ == "nsubj" and not self.in_quote[child.i]:
                        speaker = self._speaker_from(child, token)
                        if speaker is not None and speaker.kind is SpeakerKind.NAMED:
                            return Attribution(speaker, token.text.lower(), token.i)
                if token.pos_ == "PROPN":
                    # A misparse that makes the name itself the root ("Aaron Kall, …, compared").
                    mention = self.index.at(token.idx)
                    if mention is not None and mention.entity.kind is EntityKind.PERSON:
                        return Attribution(named(mention), None, token.i)
                return None
        return None

    def subject_of(self, cue: Token) -> Token | None:
        """The token that says what `cue` reports: its subject (climbing through auxiliaries and
        clauses), the agent of a passive, or the object of "according to"."""
        in_quote = self.in_quote
        if cue.lower_ == "according":
            to = cue.nbor(1)
            objects = [c for c in to.children if c.dep_ == "pobj"]
            return objects[0] if objects else None
        token = cue
        for depth in range(4):
            for child in token.children:
                if in_quote[child.i]:
                    continue
                if child.dep_ == "nsubj" or (
                    child.dep_ == "nsubjpass" and (depth > 0 or cue.lemma_ not in _HEARER_PASSIVE)
                ):
                    if child.lower_ in _RELATIVE_PRONOUNS and token.dep_ == "relcl":
                        return token.head
                    return child
                if child.dep_ == "agent":
                    objects = [c for c in child.children if c.dep_ == "pobj"]
                    if objects:
                        return objects[0]
            head = token.head
            if token.dep_ in ("relcl", "acl") and head.pos_ in ("NOUN", "PROPN") and not in_quote[head.i]:
                return head  # "an architect who said", "footage of Trump saying"
            if token.dep_ not in _CLIMB_DEPS or head == token or in_quote[head.i]:
                return None
            token = head
        return None

    def _owner(self, noun: Token) -> Token | None:
        for child in noun.children:
            if child.dep_ == "poss" and child.pos_ == "PROPN":
                return child
            if child.dep_ == "prep" and child.lower_ in _SPEAKER_PREPS:
                for obj in child.children:
                    if obj.dep_ == "pobj" and obj.pos_ == "PROPN" and self.index.at(obj.idx) is not None:
                        return obj
        return None

    def _speaker_from(self, subject: Token, cue: Token) -> Speaker | None:
        low = subject.lower_
        if low == "i" and self.turn_speaker is not None and (speaker := self.turn_speaker(subject.idx)):
            return speaker  # "I said, …" in a turn of "MS. DALTON:": Dalton
        if low == "i" and (speaker := self._remarks_speaker()) is not None:
            return speaker  # "I said, …" in "Remarks by President Biden …": Biden
        if low in names.PERSONAL_PRONOUNS:
            if low in ("he", "she", "him", "her"):
                return self._resolve_pronoun(subject, cue)
            if low == "they" and (group := self._plural_subject_before(subject)) is not None:
                return group
            return Speaker(name=subject.text, kind=SpeakerKind.UNRESOLVED)
        mention = self.index.at(subject.idx)
        if mention is not None and mention.entity.kind in _SPEAKING_KINDS:
            return named(mention)
        if (office := self._office_holder(subject)) is not None:
            return office  # "the President said" in a transcript: that day's President
        if subject.lemma_.lower() in DOCUMENT_NOUNS and (author := self._author_of(subject)) is not None:
            return author  # "a complaint filed by the SEC", "Trump's letter": whose document
        for child in subject.children:
            # "A lawyer for the outlets, David Schulz, said": the apposition names the speaker.
            if child.dep_ == "appos" and not self.in_quote[child.i]:
                mention = self.index.at(child.idx)
                if mention is not None and mention.entity.kind in (
                    EntityKind.PERSON,
                    EntityKind.ORGANIZATION,
                ):
                    return named(mention)
        if (kin := self._relative(subject)) is not None:
            return kin  # "My dad would say, …" in a turn of Joe Biden's: Joe Biden's dad
        head = subject
        if subject.pos_ not in ("NOUN", "PROPN"):
            # "Current and former U.S. officials": the parser may make the adjective the subject.
            nouns = [c for c in subject.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")]
            if not nouns:
                return None
            head = nouns[0]
        phrase, first, last = self._noun_phrase(head, subject.left_edge.i)
        if not phrase:
            return None
        return Speaker(name=phrase, kind=SpeakerKind.ANONYMOUS, organization=self._organization(first, last))

    def _author_of(self, document: Token) -> Speaker | None:
        """Who wrote or filed a document: "a complaint filed by the SEC", "the senator's
        letter", "a report from the GAO" (a compound name, "a GAO report", is its organisation
        and stays in the description)."""
        for child in document.children:
            heads = [child] if child.dep_ == "poss" else []
            if child.dep_ == "prep" and child.lower_ in ("by", "from"):
                heads = [c for c in child.children if c.dep_ == "pobj"]
            if child.dep_ == "acl":  # "filed by", "released by", "sent by"
                for agent in (c for c in child.children if c.dep_ == "agent"):
                    heads += [c for c in agent.children if c.dep_ == "pobj"]
            for head in heads:
                mention = self.index.at(head.idx)
                if mention is not None and mention.entity.kind in _AUTHOR_KINDS:
                    return named(mention)
        return None

    def _plural_subject_before(self, pronoun: Token) -> Speaker | None:
        """ "Critics, like Senators Grassley and Leahy, sent a letter. … they wrote": the people
        of the nearest earlier sentence subject that names two or more people."""
        sentence = pronoun.sent
        for _ in range(3):
            if sentence.start == 0:
                return None
            sentence = self.doc[sentence.start - 1].sent
            subjects = [t for t in sentence if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"]
            for subject in subjects:
                if self.in_quote[subject.i]:
                    continue
                people = {
                    m.entity.key: m.entity
                    for m in self.index.within(subject.left_edge.idx, subject.right_edge.idx + 1)
                    if m.entity.kind is EntityKind.PERSON
                }
                if len(people) >= 2:
                    first, *rest = people.values()
                    full = " and ".join([first.name, *(e.name for e in rest)])
                    return Speaker(name=full, kind=SpeakerKind.NAMED, entity=first.key)
        return None

    def _relative(self, subject: Token) -> Speaker | None:
        if subject.lower_ not in RELATIVES:
            return None
        holder = self.turn_speaker(subject.idx) if self.turn_speaker is not None else None
        return relative(subject, holder or self._remarks_speaker())

    def _remarks_speaker(self) -> Speaker | None:
        """The one person a transcript's headline gives the floor ("Remarks by President Biden
        on …", "Statement from Secretary Blinken"): the entity with role "speaker"."""
        for entity in self.doc._.dl_entities:
            if FLOOR_ROLE in entity.roles:
                return Speaker(name=entity.name, kind=SpeakerKind.NAMED, entity=entity.key)
        return None

    def _organization(self, start: int, end: int) -> str | None:
        """The organisation a description names: "a senior State Department official"."""
        for mention in self.index.within(start, end):
            if mention.entity.kind is EntityKind.ORGANIZATION:
                return mention.entity.key
        return None

    def _noun_phrase(self, head: Token, start: int) -> tuple[str, int, int]:
        """ "a senior State Department official": the head noun with its left modifiers and an
        "of"-phrase, without relative clauses, appositions or anything before a line break;
        with its character range."""
        doc = head.doc
        start, end = min(start, head.left_edge.i), head.i + 1
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ in ("of", "for", "at", "with", "in", "from"):
                end = child.right_edge.i + 1
            break
        if start < end - 1 and doc[start].text == "Q" and (start == 0 or "\n" in doc[start - 1].text_with_ws):
            start += 1  # "Q Israel's military chief said": the question's label is not the speaker's
        span = doc[start:end]
        text = span.text.rsplit("\n", 1)[-1].strip(" ,―—–-")
        return text, span.start_char, span.end_char

    def _adjacent_name(self, cue: Token) -> Speaker | None:
        """A person or organisation right before the cue ("Trump boasted"), or right after it
        in the inverted order that follows a quote ("…,” added Rep. Jim Clyburn"), when the
        parse gave no named subject. Never the hearer ("Schiff told Capital Download")."""
        doc = self.doc
        candidates = [cue.i - 1]
        before = doc[max(0, cue.i - 2) : cue.i]
        if any(t.is_quote for t in before) and all(t.is_punct for t in before):
            after = cue.i + 1
            while after < len(doc) and (names.is_title_word(doc[after].text) or doc[after].text in "-."):
                after += 1
            candidates.append(after)
        for i in candidates:
            if 0 <= i < len(doc) and not self.in_quote[i]:
                mention = self.index.at(doc[i].idx)
                if mention is not None and mention.entity.kind in (
                    EntityKind.PERSON,
                    EntityKind.ORGANIZATION,
                ):
                    return named(mention)
        return None

    def _resolve_pronoun(self, pronoun: Token, cue: Token) -> Speaker:
        return self._pronoun_resolver().resolve(pronoun, cue)

    def _pronoun_resolver(self) -> PronounResolver:
        if self._pronouns is None:
            self._pronouns = PronounResolver(self)
        return self._pronouns

    def _office_holders(self) -> OfficeHolders:
        if self._holders is None:
            published = self.doc._.published if Doc.has_extension("published") else None
            self._holders = OfficeHolders(doc_text(self.doc), published, self.index)
        return self._holders

    def _office_holder(self, subject: Token) -> Speaker | None:
        """The person a transcript names by office ("the President", "the First Lady"), as a
        "he" that takes them up is resolved (referents.role_mentions): the subject's phrase
        is one of those role mentions. In prose, the sole holder of the office the subject
        names ("The President announced that …": sole_office)."""
        if subject.pos_ not in ("NOUN", "PROPN"):
            return None
        if self.turn_speaker is None:  # prose: "The President announced that …"
            return self._office_holders().named_by(self.doc[subject.left_edge.i : subject.i + 1].text)
        start = subject.left_edge.idx
        for role in self._pronoun_resolver().roles(subject):
            if role.start == start and role.end == subject.idx + len(subject.text):
                return role.speaker
        return None

    def _token_at(self, offset: int) -> Token:
        return self.doc[max(0, bisect_right(self.token_starts, offset) - 1)]
