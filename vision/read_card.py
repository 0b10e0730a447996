"""python -m vision.read_card PHOTO [--typed-id N] [--typed-name NAME]: fields as JSON."""

from __future__ import annotations

import argparse
import json

from vision.crosscheck import check_card
from vision.reader import read_card


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Read a second-generation ID card photo.")
    parser.add_argument("photo")
    parser.add_argument("--typed-id")
    parser.add_argument("--typed-name")
    args = parser.parse_args(argv)
    reading = read_card(args.photo)
    output = reading.to_json()
    if not reading.problem:
        output["mismatches"] = check_card(reading, args.typed_id, args.typed_name)
    print(json.dumps(output, ensure_ascii=False, indent=2))
    return 0 if not reading.problem else 1


if __name__ == "__main__":
    raise SystemExit(main())
