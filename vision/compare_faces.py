"""python -m vision.compare_faces CARD_OR_FACE PHOTO: print distance and decision as JSON."""

from __future__ import annotations

import argparse
import json

from vision.faces import verify_face


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Compare the face on a card with a photo.")
    parser.add_argument("card")
    parser.add_argument("photo")
    args = parser.parse_args(argv)
    result = verify_face(args.card, args.photo)
    print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    return 0 if not result.problem else 1


if __name__ == "__main__":
    raise SystemExit(main())
