"""Scam-risk analysis for every incoming message, driven by the staff-editable patterns.yml.

    >>> from scams import analyse
    >>> result = analyse("公安局的人让我把钱转到国家安全账户")
    >>> result.is_scam, result.top.category
    (True, 'safe_account')

Response names for the Rasa domain: `warning_response(category)`, `reassure_response(code)`.
"""

from scams.analyse import ALARM_RISKS, Analysis, Hit, analyse, library, reload
from scams.library import DEFAULT_PATH, Library, PatternError, load, parse
from scams.normalise import normalise


def categories() -> tuple[str, ...]:
    """Codes of all scam categories in the current library, in file order."""
    return tuple(c.code for c in library().categories)


def reassure_codes() -> tuple[str, ...]:
    return tuple(r.code for r in library().reassurances)


def warning_response(category: str) -> str:
    return f"utter_scam_warning_{category}"


def reassure_response(code: str) -> str:
    return f"utter_reassure_{code}"


__all__ = [
    "ALARM_RISKS",
    "DEFAULT_PATH",
    "Analysis",
    "Hit",
    "Library",
    "PatternError",
    "analyse",
    "categories",
    "library",
    "load",
    "normalise",
    "parse",
    "reassure_codes",
    "reassure_response",
    "reload",
    "warning_response",
]
