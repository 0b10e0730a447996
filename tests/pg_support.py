"""Throwaway PostgreSQL databases for tests (127.0.0.1:5432, user postgres, trust auth).

Override the server with CASEWORK_TEST_PG.
"""

from __future__ import annotations

import os
import uuid

from sqlalchemy import create_engine, text

from casework import db

PG_SERVER = os.environ.get("CASEWORK_TEST_PG", "postgresql+psycopg2://postgres@127.0.0.1:5432")
PG_ADMIN_DB = "test"


def create_pg_database(prefix: str = "casework_test") -> str:
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin = create_engine(f"{PG_SERVER}/{PG_ADMIN_DB}", isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return f"{PG_SERVER}/{name}"


def drop_pg_database(url: str) -> None:
    db.dispose(url)
    name = url.rsplit("/", 1)[1]
    admin = create_engine(f"{PG_SERVER}/{PG_ADMIN_DB}", isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()
