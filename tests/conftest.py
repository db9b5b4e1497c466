"""Root fixtures: paths to the shared material beside the checkout."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
GOLD_ARTICLE = SHARED / "corpus" / "wsj-2024-07-01-nato-kyiv.txt"
GOLD_FILE = SHARED / "gold" / "wsj-2024-07-01-nato-kyiv.json"


def require_shared(*parts: str) -> Path:
    """A path under ../shared, or skip the test cleanly when the material is not beside us."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not available (../shared is not beside this checkout)")
    return path
