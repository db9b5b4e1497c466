"""Migrated test databases in milliseconds instead of a second and more.

Running every Alembic migration costs about 0.5 s on SQLite and 1.5 s on PostgreSQL, and most
tests need a fresh database. Each test worker therefore migrates one template per backend the
supported way (`upgrade`) and copies it for every later test: SQLite through the backup API,
PostgreSQL by replaying the template schema's `pg_dump` under the new schema's name. A database
that is not empty, a revision other than head, or a machine without `pg_dump` takes the
ordinary path, so the copy never replaces what a migration test means to exercise.

On PostgreSQL even creating and dropping a schema costs a second on a loaded machine (catalog
writes for every table and index), so `SchemaPool` hands a test a migrated schema that an
earlier test of the same worker used and emptied; a schema a test left at another revision, or
could not be emptied, is dropped instead.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from sqlalchemy import Engine, create_engine, inspect, text
from sqlalchemy.engine import make_url

from app.store.migrate import current_revision, head_revision, upgrade


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the database behind `engine` to `revision`, copying a template when it is empty."""
    if revision == "head" and current_revision(engine) == _head():
        return
    if revision != "head" or inspect(engine).get_table_names():
        upgrade(engine, revision)
    elif engine.dialect.name == "sqlite":
        _copy_sqlite(engine)
    elif engine.dialect.name == "postgresql" and shutil.which("pg_dump"):
        _replay_postgres(engine)
    else:
        upgrade(engine, revision)


@cache
def _head() -> str | None:
    return head_revision()


def _copy_sqlite(engine: Engine) -> None:
    template = sqlite3.connect(_sqlite_template())
    try:
        with engine.connect() as connection:
            target = connection.connection.driver_connection
            template.backup(target)
    finally:
        template.close()


@cache
def _sqlite_template() -> str:
    path = Path(tempfile.mkdtemp(prefix="dateline-template-")) / "template.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    try:
        upgrade(engine)
    finally:
        engine.dispose()
    return str(path)


def _replay_postgres(engine: Engine) -> None:
    url = engine.url.render_as_string(hide_password=False)
    with engine.connect() as connection:
        schema = connection.execute(text("SELECT current_schema()")).scalar_one()
    template_url, template_schema = _postgres_template(_server_url(url))
    script = _postgres_dump(template_url, template_schema).replace(template_schema, schema)
    replay = create_engine(_server_url(url))
    try:
        with replay.begin() as connection:  # one transaction: one commit, not one per statement
            connection.connection.driver_connection.execute(script)
    finally:
        replay.dispose()


def schema_url(server_url: str, schema: str) -> str:
    """The URL of `schema` on the server: the schema comes first in the search path."""
    parsed = make_url(server_url)
    options = {**parsed.query, "options": f"-csearch_path={schema}"}
    return parsed.set(query=options).render_as_string(hide_password=False)


class SchemaPool:
    """Migrated PostgreSQL schemas of one test worker, reused once emptied."""

    def __init__(self, server_url: str) -> None:
        self.server_url = server_url
        self.admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
        self.idle: list[str] = []
        self.made: set[str] = set()

    @contextmanager
    def migrated(self) -> Iterator[str]:
        """The URL of a migrated, empty schema for the duration of one test."""
        schema = self.idle.pop() if self.idle else self._create()
        reusable = False
        try:
            yield schema_url(self.server_url, schema)
            reusable = self._empty(schema)
        finally:
            if reusable:
                self.idle.append(schema)
            else:
                self._drop(schema)

    def close(self) -> None:
        for schema in list(self.made):
            self._drop(schema)
        self.admin.dispose()

    def _create(self) -> str:
        schema = f"p_{uuid.uuid4().hex[:12]}"
        with self.admin.connect() as connection:
            connection.execute(text(f"CREATE SCHEMA {schema}"))
        self.made.add(schema)
        engine = create_engine(schema_url(self.server_url, schema))
        try:
            migrate(engine)
        finally:
            engine.dispose()
        return schema

    def _empty(self, schema: str) -> bool:
        """Delete every row but the schema's revision; False if that cannot be done quickly or
        the test left the schema at another revision."""
        try:
            with self.admin.connect() as connection, connection.begin():
                connection.execute(text("SET LOCAL lock_timeout = '2s'"))
                revision = connection.execute(
                    text(f"SELECT version_num FROM {schema}.alembic_version")
                ).scalar()
                if revision != _head():
                    return False
                tables = connection.execute(
                    text("SELECT tablename FROM pg_tables WHERE schemaname = :schema"),
                    {"schema": schema},
                ).scalars()
                # Foreign keys are not checked while deleting every row (a superuser setting):
                # much faster than TRUNCATE, which rewrites every table and index.
                connection.execute(text("SET LOCAL session_replication_role = replica"))
                for table in tables:
                    if table != "alembic_version":
                        connection.execute(text(f'DELETE FROM {schema}."{table}"'))
                sequences = connection.execute(
                    text("SELECT sequencename FROM pg_sequences WHERE schemaname = :schema"),
                    {"schema": schema},
                ).scalars()
                for sequence in sequences:
                    connection.execute(
                        text("SELECT setval(:sequence, 1, false)"),
                        {"sequence": f"{schema}.{sequence}"},
                    )
        except Exception:
            return False
        return True

    def _drop(self, schema: str) -> None:
        self.made.discard(schema)
        with self.admin.connect() as connection:
            connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))


def _server_url(url: str) -> str:
    """The URL without the per-test `search_path` option."""
    parsed = make_url(url)
    query = {key: value for key, value in parsed.query.items() if key != "options"}
    return parsed.set(query=query).render_as_string(hide_password=False)


@cache
def _postgres_template(server_url: str) -> tuple[str, str]:
    """A schema migrated the supported way, named so that no other text can contain its name."""
    schema = f"tmpl_{uuid.uuid4().hex}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    admin.dispose()
    parsed = make_url(server_url)
    schema_url = parsed.set(query={**parsed.query, "options": f"-csearch_path={schema}"}).render_as_string(
        hide_password=False
    )
    engine = create_engine(schema_url)
    try:
        upgrade(engine)
    finally:
        engine.dispose()
    return schema_url, schema


@cache
def _postgres_dump(template_url: str, schema: str) -> str:
    """The template schema's objects and rows as SQL, without the schema's own creation; the
    template itself is dropped once dumped."""
    parsed = make_url(template_url)
    command = ["pg_dump", "--schema", schema, "--inserts", "--no-owner", "--no-privileges"]
    command += ["--host", parsed.host or "127.0.0.1", "--port", str(parsed.port or 5432)]
    command += ["--username", parsed.username or "postgres", parsed.database or "postgres"]
    env = {**os.environ, "PGPASSWORD": parsed.password} if parsed.password else None
    dumped = subprocess.run(command, check=True, capture_output=True, text=True, env=env)
    lines = [
        line
        for line in dumped.stdout.splitlines()
        if not line.startswith(f"CREATE SCHEMA {schema}")
        and "set_config('search_path'" not in line
        and not line.startswith("\\")  # psql meta-commands (`\\restrict`), not SQL
    ]
    admin = create_engine(_server_url(template_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()
    return "\n".join(lines)
