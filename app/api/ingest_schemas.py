"""Request and response bodies of the ingest endpoints, and their OpenAPI documentation."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from app.api.problems import unprocessable
from app.url_policy import MAX_URL_CHARS, URL_PATTERN, check_url

# The limits the server enforces, stated as JSON Schema patterns (portable: no \s or \w, whose
# meaning differs between Python, Rust and ECMAScript engines). PostgreSQL cannot store NUL in
# text, and no article holds one; a body must hold something other than whitespace.
NO_NUL = r"^[^\x00]*$"
_BLANK = r"\x00\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
NOT_BLANK = rf"^[^\x00]*[^{_BLANK}][^\x00]*$"
_URL_DESCRIPTION = (
    "An absolute http(s) URL with a host name (no user name or password), the path in the "
    "characters RFC 3986 allows unescaped; stored normalised (host in lower case, default port "
    "dropped)."
)


def _refuse_nul(value: Any) -> Any:
    """Before the pattern, so that the poster reads why."""
    if isinstance(value, str) and "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


def _refuse_blank(value: Any) -> Any:
    value = _refuse_nul(value)
    if isinstance(value, str) and not re.search(NOT_BLANK, value):
        raise ValueError("must not be blank")
    return value


def _policy_reason(value: Any) -> Any:
    """A URL the policy refuses, refused with the policy's reason rather than the pattern."""
    if isinstance(value, str):
        _refuse_nul(value)
        check = check_url(value)
        if check.url is None:
            raise ValueError(check.problem or "not an http(s) URL")
    return value


def _policy_url(value: str) -> str:
    """The URL policy of every input (app/url_policy.py), which normalises the URL."""
    check = check_url(value)
    if check.url is None:
        raise ValueError(check.problem or "not an http(s) URL")
    return check.url


# Constraints first, validators after: pydantic leaves out of the JSON schema a constraint
# that follows a validator.
Line = Annotated[str, Field(pattern=NO_NUL), BeforeValidator(_refuse_nul)]
Body = Annotated[str, Field(min_length=1, pattern=NOT_BLANK), BeforeValidator(_refuse_blank)]
Url = Annotated[
    str,
    Field(max_length=MAX_URL_CHARS, pattern=URL_PATTERN, description=_URL_DESCRIPTION),
    BeforeValidator(_policy_reason),
    AfterValidator(_policy_url),
]
Name = Annotated[str, Field(max_length=200, pattern=NO_NUL), BeforeValidator(_refuse_nul)]
Names = Annotated[list[Name], Field(max_length=100)]


class ArticleIn(BaseModel):
    """One article as a JSON Lines record. Other fields are ignored."""

    model_config = ConfigDict(
        extra="ignore",
        json_schema_extra={
            "examples": [
                {
                    "title": "NATO allies pledge air defenses for Kyiv",
                    "url": "https://news.example.org/2024/07/01/nato-kyiv",
                    "published": "2024-07-01T09:30:00-04:00",
                    "source": "Example News",
                    "authors": ["Jane Doe"],
                    "text": "BRUSSELS — NATO allies on Thursday pledged ...",
                }
            ]
        },
    )

    text: Body = Field(description="The article body; paragraphs separated by blank lines.")
    title: Line | None = Field(None, max_length=2000)
    url: Url | None = None
    published: Line | None = Field(
        None, max_length=100, description='A date: "2024-07-01", "2024-07-01T09:30:00Z", "July 1, 2024".'
    )
    source: Line | None = Field(None, max_length=200, description="The publication.")
    authors: Names | Name = Field(default_factory=list)
    dek: Line | None = Field(None, max_length=5000)
    tags: Names = Field(default_factory=list)


class RawMeta(BaseModel):
    """Metadata posted with a raw text, Markdown or HTML body, as query parameters."""

    title: Line | None = Field(None, max_length=2000)
    url: Url | None = None
    published: Line | None = Field(None, max_length=100)
    source: Line | None = Field(None, max_length=200)
    authors: Names = Field(default_factory=list)
    dek: Line | None = Field(None, max_length=5000)


IngestState = Literal["queued", "processing", "done", "duplicate", "failed"]


class IngestAccepted(BaseModel):
    id: int = Field(description="The ingest id.")
    status: Literal["queued"] = "queued"
    status_url: str = Field(description="Where to follow the item: GET it until done or failed.")

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"id": 42, "status": "queued", "status_url": "/api/v1/ingest/42"}]}
    )


class IngestItemOut(BaseModel):
    id: int
    status: IngestState = Field(
        description="queued → processing → done (stored), duplicate (stored before) or failed."
    )
    origin: str
    url: str | None
    received_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    attempts: int
    article_id: int | None = Field(description="The stored article, when done or duplicate.")
    article_url: str | None = Field(description="Its page.")
    reason: str | None = Field(description="Why it failed, or which article it duplicates.")

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": 42,
                    "status": "done",
                    "origin": "POST by crawler",
                    "url": "https://news.example.org/2024/07/01/nato-kyiv",
                    "received_at": "2024-07-01T13:30:00Z",
                    "started_at": "2024-07-01T13:30:01Z",
                    "finished_at": "2024-07-01T13:30:02Z",
                    "attempts": 1,
                    "article_id": 7,
                    "article_url": "/articles/7",
                    "reason": None,
                }
            ]
        }
    )


def _problem(status: int, title: str, detail: str, **extra: Any) -> dict[str, Any]:
    body = {
        "type": f"/problems/{title.lower().replace(' ', '-')}",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": "/api/v1/articles",
        **extra,
    }
    return {"application/problem+json": {"example": body}}


def _described(description: str, content: dict[str, Any], **more: Any) -> dict[str, Any]:
    return {"description": description, "content": content, **more}


POST_RESPONSES: dict[int | str, dict[str, Any]] = {
    202: {"description": "Accepted: committed to the queue; follow `status_url` (also in `Location`)."},
    400: _described(
        "The body is not valid JSON, or not text in its charset.",
        _problem(400, "Bad request", "body is not valid JSON: Expecting value: line 1 column 1 (char 0)"),
    ),
    401: _described(
        "No bearer token, or an unknown or revoked one.",
        _problem(401, "Unauthorized", "unknown or revoked token"),
    ),
    413: _described(
        "The body is over DATELINE_MAX_POST_BYTES.",
        _problem(413, "Payload too large", "the body is over the limit of 5,242,880 bytes"),
    ),
    415: _described(
        "A content type other than JSON, text, Markdown or HTML.",
        _problem(
            415, "Unsupported media type", "application/pdf is not accepted; send application/json, ..."
        ),
    ),
    422: _described(
        "Well-formed but unusable: no text, a field of the wrong type, a bad URL.",
        _problem(
            422,
            "Unprocessable content",
            "text: Field required",
            errors=[{"param": "text", "detail": "Field required"}],
        ),
    ),
    429: _described(
        "Over DATELINE_POST_RATE_PER_MINUTE for this token; retry after `Retry-After` seconds.",
        _problem(429, "Too many requests", "over 120 requests a minute for token 'crawler'"),
        headers={"Retry-After": {"description": "Seconds to wait.", "schema": {"type": "integer"}}},
    ),
}

GET_RESPONSES: dict[int | str, dict[str, Any]] = {
    404: _described("No ingest item has that id.", _problem(404, "Not found", "no ingest item 42")),
    422: unprocessable("/api/v1/ingest/0", "item_id", "0", "Input should be greater than or equal to 1"),
}


def post_request_body() -> dict[str, Any]:
    """The request body in OpenAPI terms: the route reads the body itself (to check its
    size and type before parsing), so FastAPI cannot describe it from a parameter."""
    text_schema = {"type": "string", "minLength": 1, "pattern": NOT_BLANK}
    return {
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": ArticleIn.model_json_schema(ref_template="#/components/schemas/{model}")
                },
                "text/plain": {
                    "schema": text_schema,
                    "example": "Headline\n\nBy Jane Doe\n\nJuly 1, 2024\n\n...",
                },
                "text/markdown": {"schema": text_schema},
                "text/html": {"schema": text_schema},
            },
        }
    }
