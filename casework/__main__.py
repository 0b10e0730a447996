"""Command line: python -m casework {migrate, import-roster, demo-roster, list-demo,
purge-evidence}."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from casework import db, demo, evidence
from casework.roster import RosterFileError, import_roster
from settings import get_settings

METHOD_NAMES = {"app": "手机APP", "in_person": "现场", "home_visit": "入户",
                "assistant": "智能助手", "staff_review": "人工审核"}  # fmt: skip


def _migrate(_args: argparse.Namespace) -> int:
    db.upgrade()
    print(f"数据库已是最新版本（{db.current_revision()}）。")
    return 0


def _import_roster(args: argparse.Namespace) -> int:
    db.upgrade()
    try:
        with db.session_scope() as session:
            report = import_roster(session, Path(args.file), args.year)
    except RosterFileError as error:
        print(f"无法导入 {args.file}：{error}", file=sys.stderr)
        return 2
    print("\n".join(report.lines()))
    return 0


def _print_samples(year: int) -> None:
    picks = demo.samples(year)
    certified = picks.certified
    print(f"演示身份证号（{year}年，均为虚构）：")
    print(f"  已认证（{METHOD_NAMES[certified.certify or 'app']}）："
          f"{certified.row.id_number}  {certified.row.name}")  # fmt: skip
    print(f"  还没认证：{picks.not_certified.row.id_number}  {picks.not_certified.row.name}")
    print(f"  不在名册：{picks.absent_id}")


def _demo_roster(args: argparse.Namespace) -> int:
    db.upgrade()
    with db.session_scope() as session:
        added, certified = demo.load(session, args.year, args.count)
    print(
        f"演示名册（{args.year}年，{args.count}人）：新增 {added} 人，新增认证记录 {certified} 条。"
    )
    _print_samples(args.year)
    return 0


def _list_demo(args: argparse.Namespace) -> int:
    _print_samples(args.year)
    return 0


def _purge_evidence(args: argparse.Namespace) -> int:
    db.upgrade()
    with db.session_scope() as session:
        deleted = evidence.purge_expired(session, args.days)
    print(f"已删除 {deleted} 张过期的证明照片。")
    return 0


def parser() -> argparse.ArgumentParser:
    year = get_settings().cert_year
    main = argparse.ArgumentParser(prog="python -m casework", description="casework store tools")
    commands = main.add_subparsers(dest="command", required=True)
    commands.add_parser("migrate", help="upgrade the database schema").set_defaults(run=_migrate)
    roster = commands.add_parser("import-roster", help="import a roster CSV")
    roster.add_argument("file")
    roster.add_argument("--year", type=int, default=year)
    roster.set_defaults(run=_import_roster)
    demo_cmd = commands.add_parser("demo-roster", help="load the synthetic demo roster")
    demo_cmd.add_argument("--count", type=int, default=200)
    demo_cmd.add_argument("--year", type=int, default=year)
    demo_cmd.set_defaults(run=_demo_roster)
    samples = commands.add_parser("list-demo", help="print the three demo ID numbers")
    samples.add_argument("--year", type=int, default=year)
    samples.set_defaults(run=_list_demo)
    purge = commands.add_parser("purge-evidence", help="delete photos past retention")
    purge.add_argument("--days", type=int, default=None, help="default: EVIDENCE_RETENTION_DAYS")
    purge.set_defaults(run=_purge_evidence)
    return main


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
