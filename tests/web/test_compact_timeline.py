"""The compact timeline (one line a row: date, the line, a source count, the sentence on
demand), with both the story and the report views; the density chart's y-axis and "you are
here"; jumping to a date."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("view", ["stories", "reports"])
def test_compact_rows_in_either_view(client: TestClient, view: str) -> None:
    response = client.get("/timeline", params={"layout": "compact", "view": view, "from": "1900"})
    assert response.status_code == 200
    v = response.context["view"]
    shown = [e.id for g in v.groups for e in g.events]
    rows = re.findall(r'<li class="row" id="([se])(\d+)" data-item>', response.text)
    assert shown and [int(n) for _, n in rows] == shown
    assert {kind for kind, _ in rows} == {"s" if view == "stories" else "e"}
    assert response.text.count('<span class="row-count">') == len(shown)
    assert "layout=compact" in v.state.url() and "layout=compact" not in v.layout_url


def test_the_density_chart_has_a_y_axis_and_marks_this_page(client: TestClient) -> None:
    v = client.get("/timeline?from=1900&view=reports").context["view"]
    chart = v.density.chart
    assert chart.maximum >= 1 and chart.here is not None
    days = [e.start_date for g in v.groups for e in g.events]
    assert v.density.shown_label  # "You are here" names the page's dates
    html = client.get("/timeline?from=1900&view=reports").text
    assert f"<span>{chart.maximum:,}</span>" in html and "You are here" in html
    assert min(days) and max(days)


def test_jumping_to_a_date_opens_the_page_that_holds_it(client: TestClient) -> None:
    jump = client.get("/timeline?at=2024-07-08&view=reports&layout=compact", follow_redirects=False)
    assert jump.status_code == 303 and "cursor=" in jump.headers["location"]
    assert "layout=compact" in jump.headers["location"] and "view=reports" in jump.headers["location"]
    v = client.get(jump.headers["location"]).context["view"]
    days = [e.start_date.isoformat() for g in v.groups for e in g.events]
    assert days and days[0] <= "2024-07-08" and days == sorted(days, reverse=True)
    bad = client.get("/timeline?at=2024-13-40")
    assert bad.status_code == 400 and "at" in bad.text
