"""/quotes (filter by speaker, q, from/to) and /quotes/{id}: one quote in its paragraph, with
its speaker, when it was said, the cue, its source and more by the same speaker."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.api.caching import ConditionalPageRoute
from app.deps import SessionDep
from app.store.queries import filters
from app.store.queries.entities import entity_refs, top_entities
from app.store.queries.quotes import QuoteDetail, QuoteFilter, get_quote, list_quotes, quote_contexts
from app.store.queries.views import EntityRef
from app.web import structured, urls
from app.web.cards import QuoteCard, quote_cards, said_when
from app.web.entity_choice import NameNotice, read_names
from app.web.exports import ExportBox, ExportLink, quote_exports
from app.web.page import PageMeta, render
from app.web.params import check_sizes, path_id
from app.web.parts import (
    Chip,
    Option,
    Pager,
    Segment,
    highlight,
    options,
    pager,
    readable_date_param,
    shorten,
)

router = APIRouter(route_class=ConditionalPageRoute)

PARAMS = ("q", "speaker", "kind", "from", "to", "cursor", "as_of", "attributed")
# The quotes a reader filters by: said word for word, in part, or as a turn of a transcript
QUOTE_KIND_LABELS = {
    "direct": "direct quotes only",
    "partial": "partial quotes",
    "remarks": "remarks in transcripts",
    "question": "reporters’ questions",
}


@dataclass(frozen=True)
class QuoteListView:
    cards: tuple[QuoteCard, ...]
    q: str | None
    speakers: tuple[EntityRef, ...]
    date_from: str | None
    date_to: str | None
    chips: tuple[Chip, ...]
    pager: Pager
    heading: str
    speaker_suggestions: tuple[EntityRef, ...] = ()
    name_notices: tuple[NameNotice, ...] = ()
    exports: ExportBox | None = None
    as_of: str | None = None
    kind_options: tuple[Option, ...] = ()
    attributed: bool = False


def _list_url(
    q: str | None,
    speakers: tuple[str, ...],
    date_from: str | None,
    date_to: str | None,
    cursor: str | None = None,
    as_of: str | None = None,
    kind: str | None = None,
    attributed: bool = False,
) -> str:
    return urls.quotes(
        q=q,
        speaker=speakers,
        kind=kind,
        attributed="1" if attributed else None,
        cursor=cursor,
        as_of=as_of,
        **{"from": date_from, "to": date_to},
    )


@router.get("/quotes", response_class=HTMLResponse)
def quote_list(request: Request, session: SessionDep) -> HTMLResponse:
    params = request.query_params
    check_sizes(params, PARAMS)
    f: QuoteFilter = filters.quote_filter_from(params)
    cursor = filters.cursor(params.get("cursor"))
    date_from = filters.text(params.get("from"), "from")
    date_to = filters.text(params.get("to"), "to")
    as_of_text = filters.text(params.get("as_of"), "as_of")
    kind = filters.one_of(params.get("kind"), "kind", QUOTE_KIND_LABELS)

    def swap(typed: str, slug: str | None) -> str:
        speakers = tuple(s for s in (slug if e == typed else e for e in f.speakers) if s)
        return _list_url(
            f.q, speakers, date_from, date_to, as_of=as_of_text, kind=kind, attributed=f.attributed
        )

    names = read_names(session, f.speakers, swap)
    f = replace(f, speakers=names.slugs)
    page = list_quotes(session, f, limit=40, cursor=cursor)
    named = entity_refs(session, list(f.speakers))

    def url(**changes: object) -> str:
        current: dict[str, object] = {
            "q": f.q,
            "speakers": f.speakers,
            "date_from": date_from,
            "date_to": date_to,
            "as_of": as_of_text,
            "kind": kind,
            "attributed": f.attributed,
        }
        return _list_url(**{**current, **changes})  # type: ignore[arg-type]

    chips = [Chip(f"“{f.q}”", url(q=None))] if f.q else []
    chips += [Chip(e.name, url(speakers=tuple(s for s in f.speakers if s != e.slug))) for e in named]
    chips += [Chip(f"from {readable_date_param(date_from)}", url(date_from=None))] if date_from else []
    chips += [Chip(f"to {readable_date_param(date_to)}", url(date_to=None))] if date_to else []
    chips += [Chip(f"as stored by {readable_date_param(as_of_text)}", url(as_of=None))] if as_of_text else []
    chips += [Chip("attributed only", url(attributed=False))] if f.attributed else []
    heading = "Quotes" + (" by " + " and ".join(e.name for e in named) if named else "")
    heading += f" matching “{f.q}”" if f.q else ""
    view = QuoteListView(
        cards=quote_cards(page.items, quote_contexts(session, [q.id for q in page.items])),
        q=f.q,
        speakers=tuple(named),
        date_from=date_from,
        date_to=date_to,
        chips=tuple(chips),
        pager=pager(
            url(cursor=page.next) if page.next else None, url(cursor=page.prev) if page.prev else None
        ),
        heading=heading,
        speaker_suggestions=tuple(c.entity for c in top_entities(session, limit=40, kind="person")),
        name_notices=names.notices,
    )
    today = dt.datetime.now(dt.UTC).date()
    as_of = f.as_of.isoformat() if f.as_of else today.isoformat()
    shown = {
        "q": f.q,
        "speaker": f.speakers,
        "kind": kind,
        "from": date_from,
        "to": date_to,
        "as_of": as_of_text,
        "attributed": "1" if f.attributed else None,
    }
    frozen = _list_url(f.q, f.speakers, date_from, date_to, as_of=as_of, kind=kind, attributed=f.attributed)
    view = replace(
        view,
        exports=quote_exports(shown, heading, frozen, today),
        as_of=as_of_text,
        kind_options=options(list(QUOTE_KIND_LABELS.items()), [kind or ""]),
        attributed=f.attributed,
    )
    description = "What was said, by whom and when, each quote linked to its paragraph in the source."
    meta = PageMeta(heading, description, url())

    def jsonld(site: str) -> dict[str, object]:
        return structured.item_list(
            heading, site + meta.path, (structured.quotation(q, site) for q in page.items)
        )

    return render(request, "quotes.html", view, meta, jsonld)


@dataclass(frozen=True)
class QuoteView:
    detail: QuoteDetail
    when: str
    paragraph: tuple[Segment, ...]  # the surrounding paragraph, the quote marked
    more: tuple[QuoteCard, ...]
    more_url: str | None
    sentence_url: str
    exports: ExportBox | None = None


@router.get("/quotes/{quote_id}", response_class=HTMLResponse)
def quote(request: Request, session: SessionDep, quote_id: str) -> HTMLResponse:
    detail = get_quote(session, path_id(quote_id, "quote"))
    item = detail.quote
    speaker = item.speaker.name if item.speaker else item.speaker_name or "Unknown speaker"
    view = QuoteView(
        detail=detail,
        when=said_when(item),
        paragraph=highlight(detail.paragraph, [detail.highlight]),
        more=quote_cards(detail.more_by_speaker),
        more_url=urls.quotes(speaker=item.speaker.slug) if item.speaker else None,
        sentence_url=urls.sentence(item.article.id, item.sentence_index)
        if item.sentence_index is not None
        else urls.article(item.article.id),
    )
    title = f"{speaker}: “{shorten(item.text, 70)}”"
    said = f"{speaker}, {view.when}" if view.when else speaker
    description = f"{said}, in “{item.article.title}”: “{shorten(item.text, 200)}”"
    today = dt.datetime.now(dt.UTC).date()
    speaker_filter = {"speaker": item.speaker.slug} if item.speaker else {}
    exports = ExportBox(
        (
            ExportLink(
                f"CSV of quotes by {item.speaker.name}", urls.quotes_export("csv", **speaker_filter), "csv"
            ),
            ExportLink(
                f"Atom feed of {item.speaker.name}’s quotes",
                urls.quotes_export("atom", **speaker_filter),
                "atom",
            ),
        )
        if item.speaker
        else (),
        urls.api_quote(item.id),
        urls.quote(item.id),
        today,
        title,
    )
    view = replace(view, exports=exports)
    meta = PageMeta(title, description, urls.quote(item.id), "article")
    return render(
        request, "quote.html", view, meta, lambda site: structured.single(structured.quotation(item, site))
    )
