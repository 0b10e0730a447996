"""The action server: rasa-sdk's own, plus two background duties of the process.

- the photo-check models load as it starts, so the first photo is not kept waiting;
- evidence photos past their retention (EVIDENCE_RETENTION_DAYS) are deleted once a day.

    python -m actions --actions actions --port 5055
"""

from __future__ import annotations

import logging
import threading
import time

from rasa_sdk.__main__ import main

from casework.db import session_scope
from casework.evidence import purge_expired

log = logging.getLogger(__name__)
DAY = 24 * 3600


def warm_up() -> None:
    try:
        import vision

        vision.warm_up()
    except Exception:  # the server still answers everything else; photos load on first use
        log.exception("could not load the photo-check models")


def purge_once() -> int:
    try:
        with session_scope() as session:
            return purge_expired(session)
    except Exception:  # a store that is down now is tried again tomorrow
        log.exception("could not purge expired evidence photos")
        return 0


def purge_daily() -> None:
    while True:
        purge_once()
        time.sleep(DAY)


if __name__ == "__main__":
    threading.Thread(target=warm_up, name="vision-warm-up", daemon=True).start()
    threading.Thread(target=purge_daily, name="evidence-purge", daemon=True).start()
    main()
