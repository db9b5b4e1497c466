"""API tokens for POST /api/v1/articles: created, listed, revoked, checked with a rate limit.

Only a SHA-256 of each token is stored. A fast hash is enough here (unlike passwords): the
tokens are 256 random bits, so there is nothing to guess from a leaked hash.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import secrets
from dataclasses import dataclass

from sqlalchemy import case, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.store.ingest_queue import as_utc
from app.store.models import ApiToken, utcnow

TOKEN_PREFIX = "dl_"
RATE_WINDOW = dt.timedelta(minutes=1)


class TokenNameTaken(ValueError):
    """A token of that name exists already."""


@dataclass(frozen=True)
class TokenInfo:
    id: int
    name: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None


@dataclass(frozen=True)
class TokenCheck:
    """The outcome of presenting a token: who, and whether this request is within the limit."""

    token_id: int
    name: str
    requests_in_window: int
    retry_after: int  # seconds until the window resets; meaningful when over the limit

    def over(self, limit: int) -> bool:
        return self.requests_in_window > limit


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(session: Session, name: str) -> tuple[TokenInfo, str]:
    """A new token; the plain text is returned once and never stored."""
    plain = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = ApiToken(name=name, token_hash=hash_token(plain), created_at=utcnow(), rate_window_count=0)
    session.add(row)
    try:
        session.flush()
    except IntegrityError as exc:
        raise TokenNameTaken(f"a token named {name!r} exists already") from exc
    return _info(row), plain


def list_tokens(session: Session) -> list[TokenInfo]:
    return [_info(t) for t in session.scalars(select(ApiToken).order_by(ApiToken.name))]


def revoke_token(session: Session, name: str) -> bool:
    """Revoke the token called `name`; False when there is no such live token. The revoked
    token is renamed "NAME (revoked #ID)", so that the name can be given to a new token."""
    token = session.scalar(select(ApiToken).where(ApiToken.name == name, ApiToken.revoked_at.is_(None)))
    if token is None:
        return False
    suffix = f" (revoked #{token.id})"
    token.name = name[: 100 - len(suffix)] + suffix
    token.revoked_at = utcnow()
    session.flush()
    return True


def token_is_valid(session: Session, plain: str) -> bool:
    """Whether `plain` is an active token; a read only, for pages that show more to a token
    holder (/status) and count nothing against its rate."""
    live = select(ApiToken.id).where(ApiToken.token_hash == hash_token(plain), ApiToken.revoked_at.is_(None))
    return session.scalar(live) is not None


def check_token(session: Session, plain: str, now: dt.datetime | None = None) -> TokenCheck | None:
    """Count one request against the token's fixed one-minute window and return the count;
    None for an unknown or revoked token.

    One UPDATE ... RETURNING, so concurrent requests (from several web workers too) each get
    their own count. Every SET expression reads the row as it was, so the window start and
    the count reset together.
    """
    now = now or utcnow()
    token_hash = hash_token(plain)
    # Read first: a burst of unknown or revoked tokens must cost no writes (an UPDATE takes
    # SQLite's one write lock even when it matches no row).
    if not token_is_valid(session, plain):
        return None
    expired = ApiToken.rate_window_start.is_(None) | (ApiToken.rate_window_start <= now - RATE_WINDOW)
    row = session.execute(
        update(ApiToken)
        .where(ApiToken.token_hash == token_hash, ApiToken.revoked_at.is_(None))
        .values(
            rate_window_count=case((expired, 1), else_=ApiToken.rate_window_count + 1),
            rate_window_start=case((expired, now), else_=ApiToken.rate_window_start),
            last_used_at=now,
        )
        .returning(ApiToken.id, ApiToken.name, ApiToken.rate_window_count, ApiToken.rate_window_start)
        .execution_options(synchronize_session=False)
    ).first()
    if row is None:
        return None
    window_start = as_utc(row.rate_window_start) or now
    reset_in = (window_start + RATE_WINDOW - now).total_seconds()
    return TokenCheck(
        token_id=row.id,
        name=row.name,
        requests_in_window=row.rate_window_count,
        retry_after=max(1, math.ceil(reset_in)),
    )


def _info(row: ApiToken) -> TokenInfo:
    return TokenInfo(
        id=row.id,
        name=row.name,
        created_at=as_utc(row.created_at) or row.created_at,
        last_used_at=as_utc(row.last_used_at),
        revoked_at=as_utc(row.revoked_at),
    )
