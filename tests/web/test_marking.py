"""An article body marked up: sentences as anchors, entities, dates and quotes nested."""

from __future__ import annotations

import re

from app.store.queries.views import Annotation, SentenceSpan
from app.web.marking import Links, mark_body, paragraphs
from app.web.parts import Segment, highlight

LINKS = Links(entity=lambda slug: f"/entities/{slug}", quote=lambda i: f"/quotes/{i}")
BODY = 'Biden said "NATO will meet next week. It matters." Then he left.\n\nOn July 4 they rested.'


def spans() -> tuple[list[SentenceSpan], list[Annotation]]:
    first = BODY.index("Biden")
    second = BODY.index("It matters")
    third = BODY.index("On July")
    sentences = [
        SentenceSpan(0, first, second - 1),
        SentenceSpan(1, second, third - 2),
        SentenceSpan(2, third, len(BODY)),
    ]
    quote_start, quote_end = BODY.index("NATO"), BODY.index('matters."') + len("matters.")
    week = BODY.index("next week")
    annotations = [
        Annotation("entity", 0, 5, "Joe Biden", "joe-biden", "person"),
        Annotation("quote", quote_start, quote_end, "Joe Biden", 7, "direct"),
        Annotation("entity", quote_start, quote_start + 4, "NATO", "nato", "organization"),
        Annotation("timex", week, week + 9, "2024-W28", None, "week of July 8, 2024"),
    ]
    return sentences, annotations


def test_paragraphs_split_on_blank_lines() -> None:
    assert [BODY[s:e] for s, e in paragraphs(BODY)] == [BODY.split("\n\n")[0], BODY.split("\n\n")[1]]


def test_every_sentence_gets_one_anchor_even_when_a_quote_crosses_it() -> None:
    html = "".join(mark_body(BODY, *spans(), LINKS))
    assert re.findall(r'id="(s\d+)"', html) == ["s0", "s1", "s2"]
    assert html.count('id="q7"') == 1


def test_marks_nest_and_link() -> None:
    html = "".join(mark_body(BODY, *spans(), LINKS))
    assert '<a class="ent ent-person" href="/entities/joe-biden"' in html
    assert 'href="/entities/nato"' in html
    assert '<time class="timex" datetime="2024-W28"' in html
    assert "week of July 8, 2024 (2024-W28)" in html  # what hovering the date shows
    # the link to the quote's page comes once, after its last fragment
    assert html.count('href="/quotes/7"') == 1
    assert html.index('href="/quotes/7"') > html.index("matters.")
    assert html.count("<span") == html.count("</span>")
    assert html.count("<a ") == html.count("</a>")


def test_text_is_escaped() -> None:
    body = "A <script>alert(1)</script> & more."
    [html] = mark_body(body, [SentenceSpan(0, 0, len(body))], [], LINKS)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_offsets_outside_the_body_are_ignored() -> None:
    body = "Short."
    [html] = mark_body(body, [], [Annotation("entity", 3, 99, "X", "x", "person")], LINKS)
    assert html == "Short."


def test_highlight_cuts_text_into_marked_segments() -> None:
    assert highlight("on Thursday we met", [(3, 11)]) == (
        Segment("on "),
        Segment("Thursday", True),
        Segment(" we met"),
    )
    assert highlight("abc", [(5, 9)]) == (Segment("abc"),)
