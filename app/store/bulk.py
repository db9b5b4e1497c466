"""Many rows in few statements, past the ORM's unit of work.

The ORM inserts a row at a time when it must learn each new id (SQLite returns the ids of a
multi-row INSERT in no promised order), and spends ~0.1 ms of Python on each: for the ~200 rows
of a White House item that was a third of storing it. These helpers send one multi-row INSERT
(SQLAlchemy's "insertmanyvalues"), and where the ids are needed, read each back with columns
that tell the rows apart.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session


def insert_rows(session: Session, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert `rows` (dicts of column values) in one statement, or a few for very many."""
    if rows:
        session.execute(insert(table), list(rows))


def insert_returning_ids(
    session: Session, table: Table, rows: Sequence[Mapping[str, Any]], key: Sequence[str]
) -> list[int]:
    """Insert `rows` and return their new ids in row order. The `key` columns, returned with
    each id, map it to its row: one statement when they tell every row apart; otherwise one
    statement per row, in order."""
    if not rows:
        return []
    keys = [tuple(row[name] for name in key) for row in rows]
    if len(set(keys)) < len(keys):
        statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        return list(session.execute(statement, list(rows)).scalars())
    statement = insert(table).returning(table.c.id, *(table.c[name] for name in key))
    ids = {tuple(found[1:]): found[0] for found in session.execute(statement, list(rows))}
    return [ids[k] for k in keys]
