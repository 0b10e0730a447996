"""Fixtures: every database test runs on SQLite (temp file) and PostgreSQL (throwaway db).

Each backend is created and migrated by Alembic once per session; tables are emptied before
each test. PostgreSQL: 127.0.0.1:5432, user postgres (trust), override with CASEWORK_TEST_PG.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pg_support import create_pg_database, drop_pg_database
from sqlalchemy.orm import Session

from casework import db
from casework.models import Base
from settings import get_settings


@pytest.fixture
def new_pg_database() -> Iterator[Callable[[], str]]:
    """Factory of empty PostgreSQL databases, dropped after the test."""
    created: list[str] = []

    def create() -> str:
        created.append(create_pg_database("casework_fresh"))
        return created[-1]

    yield create
    for url in created:
        drop_pg_database(url)


@pytest.fixture(scope="session")
def postgresql_url() -> Iterator[str]:
    url = create_pg_database()
    db.upgrade(url)
    yield url
    drop_pg_database(url)


@pytest.fixture(scope="session")
def sqlite_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('casework') / 'casework.db'}"
    db.upgrade(url)
    yield url
    db.dispose(url)


def empty_tables(url: str) -> None:
    with db.get_engine(url).begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest) -> str:
    """URL of a migrated, empty database; the test runs once per backend."""
    url = request.getfixturevalue(f"{request.param}_url")
    empty_tables(url)
    return url


@pytest.fixture
def session(db_url: str) -> Iterator[Session]:
    with db.session_factory(db_url)() as open_session:
        yield open_session


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point settings.data_dir at a temp directory for the test."""
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    get_settings.cache_clear()
    yield tmp_path / "data"
    get_settings.cache_clear()
