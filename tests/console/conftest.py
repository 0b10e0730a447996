from __future__ import annotations

import pytest
from console_support import add_user, login, make_app, postgres_database


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'console.db'}"
        return
    with postgres_database() as url:
        yield url


@pytest.fixture
def sqlite_url(tmp_path):
    return f"sqlite:///{tmp_path / 'console.db'}"


@pytest.fixture
def app(database_url):
    return make_app(database_url)


@pytest.fixture
def staff_client(app, database_url):
    add_user(database_url, "zhang")
    client = app.test_client()
    assert login(client, "zhang").status_code == 302
    return client


@pytest.fixture
def admin_client(app, database_url):
    add_user(database_url, "boss", role="admin")
    client = app.test_client()
    assert login(client, "boss").status_code == 302
    return client
