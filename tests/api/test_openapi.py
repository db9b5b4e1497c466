"""The OpenAPI document describes every read endpoint completely: parameters with their
descriptions and enums, and every answer with its media type, headers and examples."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.domain import EntityKind, EventKind, EventStatus
from app.main import create_app
from app.store.database import Database

INGEST_OPERATIONS = {"/api/v1/ingest/{item_id}"}


@pytest.fixture
def schema(db: Database, settings: Settings) -> dict[str, Any]:
    with TestClient(create_app(settings)) as client:
        return client.get("/openapi.json").json()


def read_operations(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [
        (path, ops["get"])
        for path, ops in schema["paths"].items()
        if path.startswith("/api/v1/") and "get" in ops and path not in INGEST_OPERATIONS
    ]


def resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    return schema["components"]["schemas"][ref.rsplit("/", 1)[1]] if ref else node


def enum_of(schema: dict[str, Any], parameter: dict[str, Any]) -> list[str]:
    options = parameter["schema"].get("anyOf", [parameter["schema"]])
    for option in options:
        option = resolve(schema, option.get("items", option))
        if "enum" in option:
            return option["enum"]
    return []


def test_every_read_operation_is_there(schema: dict[str, Any]) -> None:
    ids = {op["operationId"] for _, op in read_operations(schema)}
    assert ids == {
        "list_events", "event_density", "get_event", "list_entities", "get_entity", "list_quotes",
        "get_quote", "list_articles", "get_article", "search", "stats", "overview",
        "export_events_csv", "export_quotes_csv", "export_entities_csv", "export_events_ics",
        "export_events_atom", "export_events_timelinejs", "list_stories", "get_story", "export_quotes_atom",
    }  # fmt: skip


def test_every_parameter_is_described(schema: dict[str, Any]) -> None:
    for path, op in read_operations(schema):
        assert op["summary"] and op["tags"], path
        for parameter in op.get("parameters", []):
            assert parameter.get("description"), (path, parameter["name"])


def test_enums_are_listed(schema: dict[str, Any]) -> None:
    params = {p["name"]: p for p in schema["paths"]["/api/v1/events"]["get"]["parameters"]}
    assert enum_of(schema, params["kind"]) == [k.value for k in EventKind]
    assert enum_of(schema, params["status"]) == [s.value for s in EventStatus]
    assert enum_of(schema, params["order"]) == ["newest", "oldest"]
    assert params["entity"]["schema"]["anyOf"][0]["type"] == "array"
    entity_params = {p["name"]: p for p in schema["paths"]["/api/v1/entities"]["get"]["parameters"]}
    assert enum_of(schema, entity_params["kind"]) == [k.value for k in EntityKind]


def test_every_error_is_documented_as_problem_json_with_an_example(schema: dict[str, Any]) -> None:
    for path, op in read_operations(schema):
        responses = op["responses"]
        assert "304" in responses and "422" in responses, path
        if "{" in path:
            assert "404" in responses, path
        elif path not in {"/api/v1/stats", "/api/v1/overview"}:
            assert "400" in responses, path
        for status in ("400", "404", "422"):
            if status in responses:
                content = responses[status]["content"]
                assert list(content) == ["application/problem+json"], (path, status)
                example = content["application/problem+json"]["example"]
                assert example["status"] == int(status) and example["instance"].startswith("/api/v1/")
                properties = content["application/problem+json"]["schema"]["properties"]
                assert {"type", "title", "status", "detail", "instance", "errors"} <= set(properties)


def test_answers_document_their_media_types_and_headers(schema: dict[str, Any]) -> None:
    media = {path: set(op["responses"]["200"]["content"]) for path, op in read_operations(schema)}
    assert media["/api/v1/events.csv"] == {"text/csv"}
    assert media["/api/v1/events.ics"] == {"text/calendar"}
    assert media["/api/v1/events.atom"] == {"application/atom+xml"}
    assert media["/api/v1/events"] == {"application/json"}
    for path in ("/api/v1/events", "/api/v1/entities", "/api/v1/quotes", "/api/v1/articles"):
        headers = schema["paths"][path]["get"]["responses"]["200"]["headers"]
        assert {"ETag", "Last-Modified", "Link"} <= set(headers)


def test_response_models_carry_examples_and_descriptions(schema: dict[str, Any]) -> None:
    components = schema["components"]["schemas"]
    assert components["EventOut"]["examples"][0]["participants"]
    for name in ("EventOut", "QuoteOut", "EntityOut", "ArticleOut"):
        assert set(components[name]["required"]) >= {"id", "page_url", "api_url"}


def test_docs_page_is_served(db: Database, settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        response = client.get("/docs")
    assert response.status_code == 200 and "swagger" in response.text.lower()
