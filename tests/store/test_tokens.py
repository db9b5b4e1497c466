"""API tokens: stored hashed, revocable, counted against a per-minute window."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from app.store.database import Database
from app.store.engine import transaction
from app.store.models import ApiToken, utcnow
from app.store.tokens import TokenNameTaken, check_token, create_token, list_tokens, revoke_token


def new_token(db: Database, name: str = "crawler") -> str:
    with transaction(db.sessions) as session:
        _, plain = create_token(session, name)
    return plain


def test_only_a_hash_of_the_token_is_stored(db: Database) -> None:
    plain = new_token(db)
    with db.sessions() as session:
        stored = session.scalars(select(ApiToken)).one()
    assert plain.startswith("dl_") and len(plain) > 40
    assert plain not in (stored.token_hash, stored.name)
    assert len(stored.token_hash) == 64


def test_a_token_name_is_used_once(db: Database) -> None:
    new_token(db, "crawler")
    with pytest.raises(TokenNameTaken), transaction(db.sessions) as session:
        create_token(session, "crawler")


def test_a_revoked_token_is_refused_and_its_name_can_be_given_again(db: Database) -> None:
    plain = new_token(db, "crawler")
    with transaction(db.sessions) as session:
        assert revoke_token(session, "crawler")
        assert not revoke_token(session, "crawler")
    with transaction(db.sessions) as session:
        assert check_token(session, plain) is None
    replacement = new_token(db, "crawler")
    with transaction(db.sessions) as session:
        check = check_token(session, replacement)
        names = [(t.name, t.revoked_at is not None) for t in list_tokens(session)]
    assert check is not None and check.name == "crawler"
    assert names == [("crawler", False), ("crawler (revoked #1)", True)]


def test_an_unknown_token_is_refused(db: Database) -> None:
    new_token(db)
    with transaction(db.sessions) as session:
        assert check_token(session, "dl_not-a-token") is None


def test_requests_are_counted_per_minute_window_and_the_count_resets(db: Database) -> None:
    plain = new_token(db)
    start = utcnow()
    with transaction(db.sessions) as session:
        counts = [check_token(session, plain, now=start + dt.timedelta(seconds=s)) for s in (0, 10, 20)]
    assert [c.requests_in_window for c in counts if c] == [1, 2, 3]
    assert counts[2] is not None and counts[2].over(2) and not counts[2].over(3)
    assert counts[2].retry_after == 40  # the window opened at `start` and lasts a minute
    with transaction(db.sessions) as session:
        fresh = check_token(session, plain, now=start + dt.timedelta(seconds=61))
    assert fresh is not None and fresh.requests_in_window == 1
    with db.sessions() as session:
        assert list_tokens(session)[0].last_used_at is not None
