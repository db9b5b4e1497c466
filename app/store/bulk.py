"""Many rows in few statements, past the ORM's unit of work.

The ORM inserts a row at a time when it must learn each new id (SQLite returns the ids of a
multi-row INSERT in no promised order), and spends ~0.1 ms of Python on each: for the ~200 rows
of a White House item that was a third of storing it. These helpers send one multi-row INSERT
(SQLAlchemy's "insertmanyvalues"), and where the ids are needed, read each back with columns
that tell the rows apart.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Table, TextClause, bindparam, insert, text
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


def upsert_rows(
    session: Session,
    table: Table,
    rows: Sequence[Mapping[str, Any]],
    keys: Sequence[str],
    *,
    add: Sequence[str] = (),
    replace: Sequence[str] = (),
) -> None:
    """Insert `rows`, or where a row with the same `keys` exists, add the new values of `add`
    to its columns and overwrite those of `replace`. Every row holds the same columns; one left
    out gets the column's default.

    Sent as one cached statement with many parameter sets: SQLAlchemy 2.0 cannot cache the
    dialects' ON CONFLICT constructs, and compiled them afresh at every call (a dozen times
    an article). `INSERT … ON CONFLICT … DO UPDATE` reads the same in SQLite and PostgreSQL."""
    if not rows:
        return
    # a column the rows leave out gets its default, as an ORM insert would give it
    defaults = {
        c.name: c.default.arg
        for c in table.columns
        if c.name not in rows[0] and c.default is not None and c.default.is_scalar
    }
    rows = [{**defaults, **row} for row in rows] if defaults else list(rows)
    statement = _upsert_statement(table, tuple(rows[0]), tuple(keys), tuple(add), tuple(replace))
    session.connection().execute(statement, rows)


@functools.cache
def _upsert_statement(
    table: Table,
    columns: tuple[str, ...],
    keys: tuple[str, ...],
    add: tuple[str, ...],
    replace: tuple[str, ...],
) -> TextClause:
    name = table.name
    changes = [f"{c} = {name}.{c} + excluded.{c}" for c in add] + [f"{c} = excluded.{c}" for c in replace]
    sql = (
        f"INSERT INTO {name} ({', '.join(columns)}) VALUES ({', '.join(':' + c for c in columns)}) "
        f"ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {', '.join(changes)}"
    )
    # typed parameters: a date is written as the Date column writes it (ISO text on SQLite)
    return text(sql).bindparams(*(bindparam(c, type_=table.c[c].type) for c in columns))
