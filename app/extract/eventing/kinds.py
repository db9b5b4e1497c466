"""What kind of happening a trigger word names, by lemma lists (verbs and event nouns)."""

from __future__ import annotations

from app.domain import EventKind
from app.extract.names import word_set

# Checked in this order: a word in two lists takes the first ("sign" an agreement, not a
# statement; "vote" in an election before a vote on a bill).
_KIND_LEMMAS: tuple[tuple[EventKind, frozenset[str]], ...] = (
    (
        EventKind.ELECTION,
        word_set(
            "ballot campaign caucus elect election poll primary re-elect reelect reelection "
            "referendum runoff vote voting"
        ),
    ),
    (
        EventKind.ATTACK,
        word_set(
            "airstrike ambush assassinate assassination assault attack blast bomb bombing clash "
            "explode explosion fighting hijack invade invasion kidnap kill killing massacre murder "
            "hit offensive operation raid shell shelling shoot shooting slay slaying strike war "
            "insurrection lynch lynching riot coup"
        ),
    ),
    (
        EventKind.AGREEMENT,
        word_set(
            "accord acquire acquisition agree agreement ceasefire deal memorandum merge merger pact "
            "ratification ratify settle settlement sign signing treaty truce"
        ),
    ),
    (
        EventKind.LEGISLATION,
        word_set(
            "act amend amendment approve authorize bill budget create deadline emergency enact establish "
            "extend extension finalize impose law legislate legislation order ordinance pass ratify "
            "regulation repeal revoke rule ruling sanction shut shutdown statute veto legalize outlaw "
            "waive waiver reinstate rescind enactment imposition expire expiration lapse adopt "
            "appropriate appropriation codify overturn overrule uphold convict conviction acquit "
            "sentencing"
        ),
    ),
    (
        EventKind.APPOINTMENT,
        word_set(
            "appoint appointment confirm confirmation designate dismiss hire inaugurate inauguration "
            "name nominate nomination promote replace resign resignation serve succeed swear retire "
            "retirement"
        ),
    ),
    (
        EventKind.MEETING,
        word_set(
            "arrival arrive attend brief briefing ceremony come conference conversation convene debate "
            "depart departure discuss event fly forum gather gathering go head hearing host join meet "
            "meeting negotiate negotiation participate protest rally return session summit talk talks "
            "tour travel trip visit welcome dialogue consultation reception celebration convention "
            "dinner roundtable luncheon gala parade concert festival vigil land"
        ),
    ),
    (
        EventKind.ANNOUNCEMENT,
        word_set(
            "announce announcement communique communiqué declaration declare deliver disclose inform "
            "fund introduce invest investment issue launch notify pay proclaim proclamation provide "
            "publish release report reveal send spend submit unveil award grant allocate disburse "
            "distribute contribute mobilize replenish replenishment funding"
        ),
    ),
    (
        EventKind.STATEMENT,
        word_set(
            "accuse acknowledge add address admit answer argue ask call celebrate claim comment "
            "commemorate complain complaint criticize deny describe explain hear honor insist interview "
            "mention note observe pledge point praise predict promise recognize remark remarks say speak "
            "speech state statement suggest tell testify testimony thank tout urge vow warn write "
            "reaffirm reiterate express remind underscore highlight commend congratulate applaud "
            "condemn restate articulate convey affirm clarify recommend outline emphasize stress "
            "underline endorse greet reply respond"
        ),
    ),
)

REPORTING_VERBS = word_set(
    "acknowledge add announce argue believe claim confirm estimate explain insist note predict report "
    "say state suggest tell think warn write"
)

# Verbs of a state, a wish or a thought, not of something that happens: "it is an honor to have
# you here today", "I want to spend some time today", "what we saw yesterday". "be" and "have"
# name a happening only through their subject or object ("the summit is on Thursday", "we have
# an election coming up"); see `events._tells_no_happening`.
STATE_VERBS = word_set(
    "appreciate believe care deserve exist feel forget guess hope imagine know like look love matter "
    "mean mind need prefer recall remain remember see seem stay think understand want wish wonder"
)

# Nouns that name a happening and can carry a date ("the Thursday debate", "a 2008 communiqué").
# Kind words that as nouns name no happening: "in some states", "a note", "his name".
_VERBS_ONLY = word_set(
    "state say tell add ask note name write serve succeed replace suggest explain describe insist "
    "argue admit deny acknowledge praise criticize tout urge warn vow predict set answer arrive "
    "attend brief celebrate deliver establish fly hear impose inform issue join mention notify "
    "observe participate point recognize send submit thank welcome honor come go head return discuss "
    "reaffirm reiterate express remind underscore highlight commend congratulate applaud condemn "
    "restate articulate convey affirm clarify recommend outline emphasize stress underline endorse "
    "greet reply respond award grant allocate disburse distribute contribute mobilize replenish "
    "legalize outlaw waive reinstate rescind expire lapse adopt appropriate codify overturn overrule "
    "uphold convict acquit retire land "
    "extend finalize provide fund invest create pay spend hit shut approve authorize emergency"
)
# Nouns that name the kind of what takes place ("the concert will take place Friday", "held
# the dinner", "granted a waiver") but alone are things: "Thanksgiving dinner is affordable".
_KIND_ONLY_NOUNS = word_set("dialogue dinner roundtable luncheon gala parade concert festival vigil waiver")
EVENT_NOUNS = frozenset(
    lemma for _, lemmas in _KIND_LEMMAS for lemma in lemmas
) - _VERBS_ONLY - _KIND_ONLY_NOUNS | word_set(
    "arrest arrival birth briefing budget closing closure collapse crash crisis cut deadline death "
    "decision default defeat departure disaster drop earthquake event failure fall fire flood "
    "founding funding hike increase indictment investigation landing move offer opening outbreak "
    "performance plan program proposal protest rise sale seizure sentencing shutdown spending storm "
    "trial uprising verdict victory withdrawal"
)
_DEVERBAL_ENDINGS = ("tion", "sion", "ment", "ance", "ence", "val", "sal")
# Nouns with those endings that name a thing, a body or a state rather than a happening.
_NOT_HAPPENINGS = word_set(
    "administration apartment audience balance capital commission condition confidence department "
    "difference distance division document environment equipment evidence experience foundation "
    "generation government influence information institution instrument intelligence licence license "
    "location management mission moment nation official organization parliament pension population "
    "portion position presence question reference region relation religion science sentence situation "
    "station television tradition version"
)


def kind_of(lemma: str) -> EventKind:
    key = lemma.lower()
    for kind, lemmas in _KIND_LEMMAS:
        if key in lemmas:
            return kind
    return EventKind.OTHER


def names_happening(noun_lemma: str) -> bool:
    """Whether a noun names something that happens ("invasion", "debate"), by list or ending."""
    key = noun_lemma.lower()
    if key in EVENT_NOUNS:
        return True
    return len(key) > 5 and key.endswith(_DEVERBAL_ENDINGS) and key not in _NOT_HAPPENINGS
