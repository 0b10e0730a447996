"""The command line: first admin (once), extra users, API tokens; the secret key file."""

from __future__ import annotations

import os
import re
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import requests
from console_support import login

from console.secret import load_secret_key

ROOT = Path(__file__).resolve().parents[2]


def _cli(url: str, data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": url, "DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "console", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def _password(output: str) -> str:
    match = re.search(r"password: (\S+)", output)
    assert match, output
    return match.group(1)


def test_ensure_admin_creates_the_first_admin_once(database_url, app, tmp_path):
    first = _cli(database_url, tmp_path, "ensure-admin")
    assert first.returncode == 0, first.stderr
    password = _password(first.stdout)
    second = _cli(database_url, tmp_path, "ensure-admin")
    assert second.returncode == 0 and "password" not in second.stdout
    client = app.test_client()
    assert login(client, "admin", password).status_code == 302
    assert client.get("/").headers["Location"] == "/password"  # one-time password


def test_create_user_and_token(database_url, app, tmp_path):
    created = _cli(database_url, tmp_path, "create-user", "li", "--role", "staff")
    assert created.returncode == 0 and _password(created.stdout)
    assert _cli(database_url, tmp_path, "create-user", "li").returncode == 1
    token = _cli(database_url, tmp_path, "create-token", "li").stdout.strip()
    me = app.test_client().get("/api/me", headers={"Authorization": f"Bearer {token}"})
    assert me.get_json() == {"username": "li", "role": "staff"}


def test_secret_key_is_generated_once_and_private(tmp_path):
    key = load_secret_key("", tmp_path)
    assert len(key) == 64 and load_secret_key("", tmp_path) == key
    mode = stat.S_IMODE((tmp_path / "console_secret_key").stat().st_mode)
    assert mode == 0o600
    assert load_secret_key("configured", tmp_path) == "configured"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> requests.Response:
    """GET, waiting (up to ~20 s) for the server to start listening."""
    for _ in range(200):
        try:
            return requests.get(url, allow_redirects=False, timeout=5)
        except requests.ConnectionError:
            time.sleep(0.1)
    raise AssertionError(f"nothing answers at {url}")


def test_serve_answers_http(tmp_path):
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'c.db'}",
           "DATA_DIR": str(tmp_path), "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, "-m", "console", "serve", "--port", str(port)],
                               cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    try:
        assert "console ready" in process.stdout.readline()
        response = _get(f"http://127.0.0.1:{port}/")
        assert response.status_code == 302 and "/login" in response.headers["Location"]
        assert "工作人员登录" in _get(f"http://127.0.0.1:{port}/login").text
    finally:
        process.terminate()
        process.wait(timeout=30)
