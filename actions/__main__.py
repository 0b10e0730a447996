"""The action server: rasa-sdk's own, with the photo-check models loading as it starts.

    python -m actions --actions actions --port 5055
"""

from __future__ import annotations

import logging
import threading

from rasa_sdk.__main__ import main


def warm_up() -> None:
    """Load OCR and face models in the background, so the first photo is not kept waiting."""
    try:
        import vision

        vision.warm_up()
    except Exception:  # the server still answers everything else; photos load on first use
        logging.getLogger(__name__).exception("could not load the photo-check models")


if __name__ == "__main__":
    threading.Thread(target=warm_up, name="vision-warm-up", daemon=True).start()
    main()
