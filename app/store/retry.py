"""Retrying a whole store transaction when a concurrent writer got in its way.

Two workers storing articles that name the same new entity can collide: PostgreSQL reports a
deadlock (40P01), a serialization failure (40001) or a unique violation on the entity's slug
or alias, SQLite a locked database. Each is over once the other transaction has committed, so
the whole transaction is run again from the start, a few times, with a short random pause.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

log = logging.getLogger(__name__)

T = TypeVar("T")

TRANSIENT_SQLSTATES = frozenset({"40001", "40P01", "55P03"})
ATTEMPTS = 4


def is_transient(exc: BaseException) -> bool:
    """True for errors that a second run of the same transaction can get past."""
    if isinstance(exc, IntegrityError):
        return True  # a row another writer inserted first: the retry finds and reuses it
    if isinstance(exc, DBAPIError):
        sqlstate = getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None)
        if sqlstate in TRANSIENT_SQLSTATES:
            return True
        if isinstance(exc, OperationalError) and "database is locked" in str(exc.orig):
            return True
    return False


def run_with_retries(
    work: Callable[[], T],
    *,
    give_up: Callable[[BaseException], T | None] = lambda exc: None,
    attempts: int = ATTEMPTS,
) -> T:
    """Run `work` (one whole transaction) until it succeeds or fails for good.

    After a transient error `give_up(exc)` is asked first: a non-None answer ends the retries
    with that result (say, the article turned out to be stored by the other writer already).
    """
    for attempt in range(1, attempts + 1):
        try:
            return work()
        except DBAPIError as exc:
            if not is_transient(exc):
                raise
            settled = give_up(exc)
            if settled is not None:
                return settled
            if attempt == attempts:
                raise
            log.info("store: %s on attempt %d; running the transaction again", type(exc).__name__, attempt)
            time.sleep(random.uniform(0.02, 0.1) * attempt)
    raise AssertionError("unreachable")
