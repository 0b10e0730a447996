"""patterns.yml loading: validation errors name the line and entry; reload; the staff CLI."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import scams
from scams.library import DEFAULT_PATH

ROOT = Path(__file__).resolve().parents[2]

VALID = """\
version: 1
categories:
  safe_account:
    label: 国家安全账户
    risk: high
    description: 让转到安全账户
    rules:
      - all:
          - [安全账户, 安全帐户]
reassure:
  cert_is_free:
    label: 认证免费
    description: 认证不收费
    rules:
      - all: [[认证], [交钱, 收费]]
"""


def _parse_error(text: str) -> str:
    with pytest.raises(scams.PatternError) as info:
        scams.parse(textwrap.dedent(text), "patterns.yml")
    return str(info.value)


def test_valid_minimal_file_parses() -> None:
    lib = scams.parse(VALID)
    assert [c.code for c in lib.categories] == ["safe_account"]
    assert [r.code for r in lib.reassurances] == ["cert_is_free"]
    assert scams.analyse("把钱转到安全帐戶", lib).top.category == "safe_account"
    assert scams.analyse("认证收费吗", lib).reassure == "cert_is_free"


def test_unknown_rule_key_names_line_category_and_rule() -> None:
    message = _parse_error(
        VALID.replace("      - all:\n          - [安全账户", "      - alll:\n          - [安全账户")
    )
    assert message.startswith("patterns.yml, line 8, category 'safe_account', rule 1")
    assert "alll" in message


def test_missing_key_names_the_category() -> None:
    message = _parse_error(VALID.replace("    risk: high\n", ""))
    assert "category 'safe_account'" in message and "missing ['risk']" in message
    assert "line 4" in message


def test_bad_risk_is_rejected() -> None:
    message = _parse_error(VALID.replace("risk: high", "risk: urgent"))
    assert "risk must be one of" in message and "'urgent'" in message


def test_bad_regex_is_rejected_with_the_pattern() -> None:
    message = _parse_error(
        VALID.replace(
            "      - all:\n          - [安全账户, 安全帐户]", "      - regex: '(00|\\+[0-9'"
        )
    )
    assert "bad regex" in message and "rule 1" in message


def test_duplicate_category_is_rejected_with_its_line() -> None:
    doubled = VALID.replace(
        "reassure:", VALID.split("categories:\n")[1].split("reassure:")[0] + "reassure:", 1
    )
    message = _parse_error(doubled)
    assert "'safe_account' appears twice" in message and "line 10:" in message


def test_empty_term_and_empty_group_are_rejected() -> None:
    group = "[安全账户, 安全帐户]"
    assert "empty after removing" in _parse_error(VALID.replace(group, "[安全账户, '，']"))
    assert "expected a word or a list" in _parse_error(VALID.replace(group, "[]"))


def test_bad_code_version_and_yaml_are_rejected() -> None:
    assert "snake_case" in _parse_error(VALID.replace("  safe_account:", "  Safe-Account:"))
    assert "'version: 1' is required" in _parse_error(VALID.replace("version: 1", "version: 2"))
    assert "not valid YAML" in _parse_error(VALID + "  bad: [unclosed\n")
    assert "unknown top-level" in _parse_error(VALID + "extra: 1\n")


def test_rule_risk_overrides_category_risk() -> None:
    lib = scams.parse(
        VALID.replace(
            "          - [安全账户, 安全帐户]",
            "          - [安全账户, 安全帐户]\n        risk: low",
        )
    )
    analysis = scams.analyse("安全账户", lib)
    assert analysis.top.risk == "low" and not analysis.is_scam


def test_not_terms_veto_a_rule() -> None:
    lib = scams.parse(
        VALID.replace(
            "          - [安全账户, 安全帐户]",
            "          - [安全账户, 安全帐户]\n        not: [骗局]",
        )
    )
    assert scams.analyse("安全账户", lib).is_scam
    assert not scams.analyse("安全账户是骗局", lib).hits


def test_shared_lists_can_be_mixed_into_groups() -> None:
    text = VALID.replace("categories:", "shared:\n  acct: &acct [安全账户]\ncategories:").replace(
        "[安全账户, 安全帐户]", "[*acct, 保护账户]"
    )
    lib = scams.parse(text)
    assert lib.categories[0].rules[0].groups[0].terms == ("安全账户", "保护账户")


def test_reload_swaps_the_library_and_keeps_the_old_one_on_error(tmp_path: Path) -> None:
    edited = tmp_path / "patterns.yml"
    staff_text = VALID.replace("[安全账户, 安全帐户]", "[安全账户, 养老保险解冻金]")
    edited.write_text(staff_text, encoding="utf-8")
    try:
        scams.reload(edited)
        assert scams.categories() == ("safe_account",)
        assert scams.analyse("要交养老保险解冻金").top.category == "safe_account"
        edited.write_text(VALID.replace("risk: high", "risk: huge"), encoding="utf-8")
        with pytest.raises(scams.PatternError):
            scams.reload(edited)
        assert scams.analyse("要交养老保险解冻金").is_scam  # the previous library is still used
    finally:
        scams.reload(DEFAULT_PATH)
    assert "grandchild_emergency" in scams.categories()


def test_shipped_file_is_valid_and_loaded_once() -> None:
    assert scams.library() is scams.library()
    lib = scams.load(DEFAULT_PATH)
    assert len(lib.categories) >= 12
    for category in lib.categories:
        assert category.label and category.description and category.rules


def _cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "scams", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
    )


def test_staff_cli_checks_the_file(tmp_path: Path) -> None:
    ok = _cli("check")
    assert ok.returncode == 0 and "safe_account" in ok.stdout
    broken = tmp_path / "patterns.yml"
    broken.write_text(VALID.replace("risk: high", "risk: hihg"), encoding="utf-8")
    bad = _cli("check", str(broken))
    assert bad.returncode == 1 and "safe_account" in bad.stdout and "hihg" in bad.stdout
    tried = _cli("try", "有人问我要验证码")
    assert "verification_code (high)" in tried.stdout


def test_library_runs_on_python_3_10() -> None:
    """The bot env (Python 3.10, Rasa) imports this package in its custom NLU component."""
    python = ROOT / ".venv-bot" / "bin" / "python"
    code = (
        "import sys, scams; a = scams.analyse('有人问我要验证码'); "
        "print(sys.version_info[:2], a.top.category)"
    )
    result = subprocess.run(
        [str(python), "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    assert result.stdout.strip() == "(3, 10) verification_code", result.stderr
