"""Command line for staff: check the pattern file, or try a message.

python -m scams check [path/to/patterns.yml]
python -m scams try "有人让我把钱转到安全账户"
"""

from __future__ import annotations

import sys

from scams.analyse import analyse
from scams.library import DEFAULT_PATH, PatternError, load


def _check(path: str) -> int:
    try:
        lib = load(path)
    except (OSError, PatternError) as exc:
        print(f"错误 / error: {exc}")
        return 1
    rules = sum(len(c.rules) for c in lib.categories)
    print(
        f"OK: {len(lib.categories)} categories, {rules} rules, "
        f"{len(lib.reassurances)} reassure codes in {path}"
    )
    for category in lib.categories:
        print(f"  {category.code:24} {category.risk:6} {category.label}")
    for entry in lib.reassurances:
        print(f"  {entry.code:24} {'-':6} {entry.label}")
    return 0


def _try(text: str) -> int:
    result = analyse(text)
    print(f"is_scam={result.is_scam} reassure={result.reassure}")
    for hit in result.hits:
        print(f"  {hit.category} ({hit.risk}): {'、'.join(hit.phrases)}")
    return 0


def main(argv: list[str]) -> int:
    if len(argv) >= 1 and argv[0] == "check":
        return _check(argv[1] if len(argv) > 1 else str(DEFAULT_PATH))
    if len(argv) == 2 and argv[0] == "try":
        return _try(argv[1])
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
