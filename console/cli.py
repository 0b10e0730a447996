"""Command line: serve the console, create the first admin, create users and API tokens."""

from __future__ import annotations

import argparse
import sys

from casework.db import session_scope, upgrade
from casework.records import audit
from console import accounts
from settings import get_settings


def _print_credentials(username: str, password: str, note: str) -> None:
    print(
        f"{note}\n  用户名 username: {username}\n  一次性密码 password: {password}\n"
        "  首次登录后须修改密码 (change it at first login)."
    )


def create_user(username: str, role: str) -> int:
    upgrade()
    with session_scope() as session:
        if accounts.find_user(session, username):
            print(f"用户 {username} 已存在 (user exists).", file=sys.stderr)
            return 1
        password = accounts.new_password()
        accounts.create_user(session, username, role, password)
        audit(session, "system", "staff_created", f"staff:{username}", {"role": role})
    _print_credentials(
        username, password, f"已创建{'管理员' if role == 'admin' else '工作人员'}账号："
    )
    return 0


def ensure_admin(username: str) -> int:
    """Create the first admin only when there is no staff account at all (make run calls this)."""
    upgrade()
    with session_scope() as session:
        if accounts.staff_count(session):
            print("工作台账号已存在，未新建 (staff accounts exist).")
            return 0
        password = accounts.new_password()
        accounts.create_user(session, username, "admin", password)
        audit(session, "system", "staff_created", f"staff:{username}", {"role": "admin"})
    _print_credentials(username, password, "首个管理员账号已创建 (first admin created):")
    return 0


def create_token(username: str) -> int:
    upgrade()
    with session_scope() as session:
        user = accounts.find_user(session, username)
        if user is None or not user.active:
            print(f"没有在用的账号 {username}.", file=sys.stderr)
            return 1
        token = accounts.issue_api_token(user)
        audit(session, "system", "api_token_issued", f"staff:{username}")
    print(token)
    return 0


def serve(host: str, port: int) -> int:
    from waitress import serve as waitress_serve

    from console import create_app

    app = create_app()
    print(f"工作台已启动 (console ready): http://{host}:{port}/", flush=True)
    waitress_serve(app, host=host, port=port, threads=8, ident="console")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m console", description="staff console")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("serve", help="run the console web server")
    run.add_argument("--host", default="127.0.0.1")
    run.add_argument("--port", type=int, default=get_settings().console_port)
    for name in ("create-admin", "ensure-admin"):
        sub.add_parser(name).add_argument("--username", default="admin")
    user = sub.add_parser("create-user", help="create a staff account")
    user.add_argument("username")
    user.add_argument("--role", choices=accounts.ROLES, default="staff")
    sub.add_parser("create-token", help="issue an API token").add_argument("username")
    args = parser.parse_args(argv)
    if args.command == "serve":
        return serve(args.host, args.port)
    if args.command == "create-admin":
        return create_user(args.username, "admin")
    if args.command == "ensure-admin":
        return ensure_admin(args.username)
    if args.command == "create-user":
        return create_user(args.username, args.role)
    return create_token(args.username)
