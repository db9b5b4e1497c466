"""Request and response bodies of the ingest endpoints, and their OpenAPI documentation."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from app.url_policy import MAX_URL_CHARS, check_url

_URL_PATTERN = r"^https?://\S+$"
_URL_DESCRIPTION = (
    "An absolute http(s) URL with a host; stored normalised (scheme and host in lower case, "
    "default port dropped)."
)


def _no_nul(value: str | None) -> str | None:
    # PostgreSQL cannot store NUL in text, and no article holds one
    if value is not None and "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


def _no_nul_in(values: list[str] | str) -> list[str] | str:
    for value in [values] if isinstance(values, str) else values:
        _no_nul(value)
    return values


def _policy_url(value: str | None) -> str | None:
    """The URL policy of every input (app/url_policy.py): refused here with the reason, since
    a poster can fix it; normalised when it passes."""
    if value is None:
        return None
    check = check_url(value)
    if check.url is None:
        raise ValueError(check.problem or "not an http(s) URL")
    return check.url


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

    text: str = Field(min_length=1, description="The article body; paragraphs separated by blank lines.")
    title: str | None = Field(None, max_length=2000)
    url: str | None = Field(
        None, max_length=MAX_URL_CHARS, pattern=_URL_PATTERN, description=_URL_DESCRIPTION
    )
    published: str | None = Field(
        None, max_length=100, description='A date: "2024-07-01", "2024-07-01T09:30:00Z", "July 1, 2024".'
    )
    source: str | None = Field(None, max_length=200, description="The publication.")
    authors: list[Annotated[str, Field(max_length=200)]] | Annotated[str, Field(max_length=200)] = Field(
        default_factory=list, max_length=100
    )
    dek: str | None = Field(None, max_length=5000)
    tags: list[Annotated[str, Field(max_length=200)]] = Field(default_factory=list, max_length=100)

    @field_validator("text")
    @classmethod
    def _has_text(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return _no_nul(value) or ""

    @field_validator("title", "source", "dek", "published")
    @classmethod
    def _clean(cls, value: str | None) -> str | None:
        return _no_nul(value)

    @field_validator("authors", "tags")
    @classmethod
    def _clean_all(cls, values: list[str] | str) -> list[str] | str:
        return _no_nul_in(values)

    @field_validator("url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        return _policy_url(value)


class RawMeta(BaseModel):
    """Metadata posted with a raw text, Markdown or HTML body, as query parameters."""

    title: str | None = Field(None, max_length=2000)
    url: str | None = Field(None, max_length=MAX_URL_CHARS, pattern=_URL_PATTERN)
    published: str | None = Field(None, max_length=100)
    source: str | None = Field(None, max_length=200)
    authors: list[Annotated[str, Field(max_length=200)]] = Field(default_factory=list, max_length=100)
    dek: str | None = Field(None, max_length=5000)

    @field_validator("title", "source", "dek", "published")
    @classmethod
    def _clean(cls, value: str | None) -> str | None:
        return _no_nul(value)

    @field_validator("authors")
    @classmethod
    def _clean_all(cls, values: list[str]) -> list[str]:
        return _no_nul_in(values)  # type: ignore[return-value]

    @field_validator("url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        return _policy_url(value)


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
}


def post_request_body() -> dict[str, Any]:
    """The request body in OpenAPI terms: the route reads the body itself (to check its
    size and type before parsing), so FastAPI cannot describe it from a parameter."""
    text_schema = {"type": "string"}
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
