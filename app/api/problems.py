"""RFC 9457 problem details in OpenAPI terms: the body app/main.py renders for every API error,
and the `responses=` entries that document 304, 400, 404 and 422 on each read endpoint."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

PROBLEM_JSON = "application/problem+json"


class ProblemParam(BaseModel):
    """One parameter at fault."""

    model_config = ConfigDict(extra="allow")

    param: str = Field(description="The query or path parameter, as named in the URL.", examples=["from"])
    detail: str
    # validation errors (422) also say where the parameter was and what it held
    in_: str | None = Field(None, alias="in", description="query or path (422 only).")
    value: Any = Field(None, description="The value received (422 only).")


class Problem(BaseModel):
    """RFC 9457 problem details."""

    type: str = Field(examples=["/problems/bad-request"])
    title: str = Field(examples=["Bad request"])
    status: int = Field(examples=[400])
    detail: str
    instance: str = Field(description="The path that was asked for.")
    errors: list[ProblemParam] | None = Field(
        None, description="The parameters at fault, each named as in the URL."
    )


def _example(status: int, title: str, detail: str, instance: str, **extra: Any) -> dict[str, Any]:
    return {
        "type": f"/problems/{title.lower().replace(' ', '-')}",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": instance,
        **extra,
    }


def _inline(schema: Any, defs: dict[str, Any]) -> Any:
    """The schema with its `#/$defs/...` references replaced by what they name: inside an
    OpenAPI document `#` is the document, so local $defs would not resolve."""
    if isinstance(schema, dict):
        ref = schema.get("$ref", "")
        if ref.startswith("#/$defs/"):
            return _inline(defs[ref.removeprefix("#/$defs/")], defs)
        return {k: _inline(v, defs) for k, v in schema.items() if k != "$defs"}
    if isinstance(schema, list):
        return [_inline(v, defs) for v in schema]
    return schema


def problem_schema() -> dict[str, Any]:
    schema = Problem.model_json_schema(by_alias=True)
    return _inline(schema, schema.get("$defs", {}))


def problem_response(description: str, example: dict[str, Any]) -> dict[str, Any]:
    # Documented under application/problem+json only ("model" would add application/json).
    return {
        "description": description,
        "content": {PROBLEM_JSON: {"schema": problem_schema(), "example": example}},
    }


NOT_MODIFIED: dict[str, Any] = {
    "description": "Not modified: the `If-None-Match` ETag (or `If-Modified-Since` date) is still "
    "current. No body.",
    "headers": {
        "ETag": {"description": "The validator, unchanged.", "schema": {"type": "string"}},
    },
}


def bad_request(instance: str, param: str, detail: str) -> dict[str, Any]:
    return problem_response(
        "A parameter value we cannot use (an unknown entity or source slug, an impossible date, "
        "`from` after `to`, a cursor we did not issue); `errors[0].param` names it.",
        _example(400, "Bad request", detail, instance, errors=[{"param": param, "detail": detail}]),
    )


def not_found(instance: str, detail: str) -> dict[str, Any]:
    return problem_response("No such item.", _example(404, "Not found", detail, instance))


def unprocessable(instance: str, param: str, value: Any, detail: str) -> dict[str, Any]:
    return problem_response(
        "A parameter of the wrong type or shape (not in its enum, not a number, a date not "
        "written YYYY-MM-DD, YYYY-MM or YYYY); each one is in `errors`.",
        _example(
            422,
            "Unprocessable content",
            f"{param}={value!r}: {detail}",
            instance,
            errors=[{"param": param, "in": "query", "value": value, "detail": detail}],
        ),
    )


BAD_DATE = "from '2024-02-30' is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)"


def read_responses(
    instance: str,
    *,
    bad: tuple[str, str] | None = ("from", BAD_DATE),
    missing: str | None = None,
    invalid: tuple[str, Any, str] = ("limit", 0, "Input should be greater than or equal to 1"),
) -> dict[int | str, dict[str, Any]]:
    """The documented non-200 answers of a read endpoint."""
    responses: dict[int | str, dict[str, Any]] = {304: NOT_MODIFIED}
    if bad:
        responses[400] = bad_request(instance, *bad)
    if missing:
        responses[404] = not_found(instance, missing)
    responses[422] = unprocessable(instance, *invalid)
    return responses
