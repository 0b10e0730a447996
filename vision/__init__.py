"""ID card reading (PP-OCRv5, offline) and face verification (dlib) for the certification flow.

Sync functions, thread-safe (models load once per process, guarded by locks): run them in an
executor. Models: `python -m vision.setup_models` puts them under var/models/.

    warm_up()                                  # optional: load models at start-up
    reading = read_card(path_or_bytes)         # CardReading; .problem None when read
    codes = check_card(reading, typed_id, typed_name)
    result = verify_face(card, photo, portrait_box=reading.portrait_box)  # FaceResult
"""

from vision import faces, ocr
from vision.crosscheck import check_card
from vision.faces import FaceResult, verify_face
from vision.reader import CardReading, read_card


def warm_up() -> None:
    """Load both models now (once per process, e.g. when the action server starts)."""
    ocr.warm_up()
    faces.warm_up()


# Every `problem` / mismatch code the package returns. What the person is told for each lives
# in the bot's domain (bot/domain/photos.yml: utter_photo_problem_<code>).
PROBLEMS = (
    "file_missing",
    "file_too_large",
    "not_an_image",
    "image_damaged",
    "too_small",
    "too_dark",
    "too_blurry",
    "screen_photo",
    "no_card_found",
    "card_back",
    "fields_unreadable",
    "no_face_in_photo",
    "several_faces",
    "no_portrait_on_card",
    "card_file_missing",
    "card_file_too_large",
    "card_not_an_image",
    "card_image_damaged",
    "id_missing",
    "id_invalid",
    "id_check_digit_bad",
    "birth_date_mismatch",
    "sex_mismatch",
    "typed_id_mismatch",
    "typed_name_mismatch",
)

# Face decisions (not problems).
DECISIONS = ("match", "review", "no_match")

__all__ = ["DECISIONS", "PROBLEMS", "CardReading", "FaceResult", "check_card", "read_card",
           "verify_face", "warm_up"]
