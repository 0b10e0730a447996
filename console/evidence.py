"""What a certification's evidence holds, for the case page: photos, OCR fields and scores.

Photos are casework evidence image ids found anywhere in the evidence dict; "ocr" may hold a
dict of recognised card fields; other plain values (face distance, …) are shown as they are.
"""

from __future__ import annotations

from typing import Any

from casework.evidence import image_ids_in
from casework.identity import mask_text

SCORE_LABELS = {
    "face_distance": "人脸比对距离（越小越像）",
    "face_decision": "人脸比对结论",
    "face_match": "人脸是否一致",
    "review_reason": "转人工复核的原因",
    "photo_tries": "拍照次数",
    "ocr_confidence": "识别可信度",
    "review_note": "复核说明",
}


def evidence_images(evidence: dict[str, Any]) -> list[str]:
    return list(dict.fromkeys(image_ids_in(evidence)))


def _plain(value: Any) -> bool:
    return not isinstance(value, dict | list) and not list(image_ids_in(value))


def ocr_fields(evidence: dict[str, Any]) -> list[tuple[str, str]]:
    fields: list[tuple[str, str]] = []
    ocr = evidence.get("ocr")
    if isinstance(ocr, dict):
        fields.extend((f"证件识别：{k}", mask_text(str(v))) for k, v in ocr.items() if _plain(v))
    for key, value in evidence.items():
        if key != "ocr" and _plain(value):
            fields.append((SCORE_LABELS.get(key, key), mask_text(str(value))))
    return fields
