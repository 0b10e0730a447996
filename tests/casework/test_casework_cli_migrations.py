"""The command line and migrations, run as real processes against both databases."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from casework import db, demo
from casework.identity import make_valid_id
from casework.models import Base

ROOT = Path(__file__).resolve().parents[2]
HEAD = ScriptDirectory.from_config(db.alembic_config("sqlite://")).get_current_head()


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_url(
    request: pytest.FixtureRequest, tmp_path: Path, new_pg_database: Callable[[], str]
) -> Iterator[str]:
    """An empty, unmigrated database."""
    if request.param == "postgresql":
        yield new_pg_database()
        return
    url = f"sqlite:///{tmp_path / 'nested' / 'fresh.db'}"
    yield url
    db.dispose(url)


def run_cli(url: str, data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": url, "DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "casework", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)  # fmt: skip


def test_concurrent_start_up_migrates_once(fresh_url: str, tmp_path: Path) -> None:
    env = {**os.environ, "DATABASE_URL": fresh_url, "PYTHONPATH": str(ROOT)}
    code = "from casework import db; db.upgrade(); print(db.current_revision())"
    processes = [subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env=env, text=True,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                 for _ in range(3)]  # fmt: skip
    results = [p.communicate(timeout=120) for p in processes]
    assert [p.returncode for p in processes] == [0, 0, 0], [err for _, err in results]
    assert [out.strip() for out, _ in results] == [HEAD] * 3
    tables = set(inspect(db.get_engine(fresh_url)).get_table_names())
    assert set(Base.metadata.tables) | {"alembic_version"} == tables


def test_models_match_migrations(fresh_url: str) -> None:
    db.upgrade(fresh_url)
    db.upgrade(fresh_url)  # idempotent
    config = db.alembic_config(fresh_url)
    with db.get_engine(fresh_url).begin() as connection:
        config.attributes["connection"] = connection
        command.check(config)  # raises if autogenerate finds differences


def test_downgrade_and_upgrade_again(fresh_url: str) -> None:
    db.upgrade(fresh_url)
    config = db.alembic_config(fresh_url)
    with db.get_engine(fresh_url).begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    assert inspect(db.get_engine(fresh_url)).get_table_names() == ["alembic_version"]
    db.upgrade(fresh_url)
    assert db.current_revision(fresh_url) == HEAD


def test_cli_import_roster(fresh_url: str, tmp_path: Path) -> None:
    good = make_valid_id("371003", date(1948, 5, 6), 42)
    roster = tmp_path / "roster.csv"
    roster.write_text(f"身份证号,姓名,镇街,地址,手机号,待遇类别\n{good},王秀英,文城镇,,,其他\n"
                      f"{good[:17]}Z,李四,文城镇,,,其他\n", encoding="utf-8")  # fmt: skip
    result = run_cli(fresh_url, tmp_path, "import-roster", str(roster), "--year", "2026")
    assert result.returncode == 0, result.stderr
    assert "新增 1 人" in result.stdout and "第3行" in result.stdout
    missing = run_cli(fresh_url, tmp_path, "import-roster", str(tmp_path / "nope.csv"))
    assert missing.returncode != 0 and "无法导入" in missing.stderr


def test_cli_demo_roster_and_list(fresh_url: str, tmp_path: Path) -> None:
    first = run_cli(fresh_url, tmp_path, "demo-roster", "--count", "30", "--year", "2026")
    assert first.returncode == 0, first.stderr
    assert "新增 30 人" in first.stdout
    again = run_cli(fresh_url, tmp_path, "demo-roster", "--count", "30", "--year", "2026")
    assert "新增 0 人，新增认证记录 0 条" in again.stdout
    listed = run_cli(fresh_url, tmp_path, "list-demo", "--year", "2026")
    picks = demo.samples(2026)
    for number in (picks.certified.row.id_number, picks.not_certified.row.id_number,
                   picks.absent_id):  # fmt: skip
        assert number in listed.stdout and number in first.stdout


def test_default_sqlite_file_lives_under_data_dir(tmp_path: Path) -> None:
    # An empty value falls back to the default (also over a DATABASE_URL in .env).
    env = {**os.environ, "DATABASE_URL": "", "DATA_DIR": str(tmp_path / "var"),
           "PYTHONPATH": str(ROOT)}  # fmt: skip
    result = subprocess.run([sys.executable, "-m", "casework", "migrate"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "var" / "casework.db").is_file()


def test_cli_purge_evidence(fresh_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "evidence"
    folder.mkdir()
    old, new = folder / ("wechat-" + "a" * 32 + ".jpg"), folder / ("wechat-" + "b" * 32 + ".png")
    for path in (old, new):
        path.write_bytes(b"\xff\xd8\xff")
    os.utime(old, (1_000_000_000, 1_000_000_000))
    result = run_cli(fresh_url, tmp_path, "purge-evidence", "--days", "30")
    assert result.returncode == 0, result.stderr
    assert "已删除 1 张" in result.stdout
    assert not old.exists() and new.exists()
