"""Where the offline vision models live (created by `python -m vision.setup_models`)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODELS_DIR = ROOT / "var" / "models"
OCR_DIR = MODELS_DIR / "ppocrv5"
OCR_DET_NAME = "PP-OCRv5_mobile_det"
OCR_REC_NAME = "PP-OCRv5_mobile_rec"
FACE_IMAGES_DIR = MODELS_DIR / "face-photos"
