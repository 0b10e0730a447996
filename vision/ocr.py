"""PP-OCRv5 mobile text detection + recognition, loaded once per process, fully offline."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass

import numpy as np

from vision.paths import OCR_DET_NAME, OCR_DIR, OCR_REC_NAME

# PaddleX checks the model hosters' reachability on import unless told not to.
os.environ.setdefault("PADDLE_PDX_DISABLE_MODEL_SOURCE_CHECK", "True")

DET_MAX_SIDE = 960
_lock = threading.Lock()
_engine = None


@dataclass(frozen=True)
class TextLine:
    text: str
    score: float
    box: np.ndarray  # 4x2 corner points (x, y), clockwise from top-left

    @property
    def centre(self) -> tuple[float, float]:
        x, y = self.box.mean(axis=0)
        return float(x), float(y)


def _load():
    from paddleocr import PaddleOCR

    for name in (OCR_DET_NAME, OCR_REC_NAME):
        if not (OCR_DIR / name / "inference.pdiparams").is_file():
            raise RuntimeError(f"OCR model {name} missing: run `python -m vision.setup_models`")
    return PaddleOCR(
        text_detection_model_name=OCR_DET_NAME,
        text_detection_model_dir=str(OCR_DIR / OCR_DET_NAME),
        text_recognition_model_name=OCR_REC_NAME,
        text_recognition_model_dir=str(OCR_DIR / OCR_REC_NAME),
        use_doc_orientation_classify=False,
        use_doc_unwarping=False,
        use_textline_orientation=False,
        text_det_limit_type="max",  # detect on at most DET_MAX_SIDE px: enough for a card photo
        text_det_limit_side_len=DET_MAX_SIDE,
        device="cpu",
        cpu_threads=min(4, os.cpu_count() or 1),  # PaddleOCR's default of 10 thrashes 2 cores
    )


def warm_up() -> None:
    """Load the OCR models now (idempotent); call once per process."""
    global _engine
    with _lock:
        if _engine is None:
            _engine = _load()


def recognise(image: np.ndarray) -> list[TextLine]:
    """Text lines of an RGB image. Thread-safe: one image at a time per process."""
    warm_up()
    bgr = np.ascontiguousarray(image[:, :, ::-1])
    with _lock:
        results = _engine.predict(bgr)
    lines = []
    for result in results:
        for text, score, poly in zip(
            result["rec_texts"], result["rec_scores"], result["rec_polys"], strict=True
        ):
            if text.strip():
                lines.append(TextLine(text.strip(), float(score), np.asarray(poly, dtype=float)))
    return lines
