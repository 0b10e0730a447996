"""Chinese names of scam categories, from the scam pattern library (codes if it cannot load)."""

from __future__ import annotations

import logging
from functools import lru_cache

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def scam_labels() -> dict[str, str]:
    try:
        from scams.library import load

        return {category.code: category.label for category in load().categories}
    except Exception:  # a broken pattern file must not take the console down
        log.exception("scam pattern library could not be loaded; showing category codes")
        return {}
