"""Judge a photo before (and after) OCR: too small, too dark, too blurry, a photo of a screen."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

MIN_SIDE = 400  # pixels on the shorter side
DARK_P95 = 45  # 95th-percentile brightness (0-255) below which nothing can be read
SHARPNESS_MIN = 12.0  # see `sharpness`; clearly blurred photos score below this
SCREEN_PEAK = 15.0  # see `screen_peak`; a camera looking at a screen's pixel grid scores above


@dataclass(frozen=True)
class Quality:
    short_side: int
    brightness_p95: float
    sharpness: float
    screen_peak: float

    def problem(self) -> str | None:
        if self.short_side < MIN_SIDE:
            return "too_small"
        if self.brightness_p95 < DARK_P95:
            return "too_dark"
        if self.sharpness < SHARPNESS_MIN:
            return "too_blurry"
        if self.screen_peak > SCREEN_PEAK:
            return "screen_photo"
        return None


def _grey(image: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(image, cv2.COLOR_RGB2GRAY).astype(np.float32)


def sharpness(grey: np.ndarray) -> float:
    """Strongest local edges relative to contrast: the 99.5th percentile of the Laplacian's
    magnitude on a 1000-px-wide copy, divided by the image's brightness spread, times 100."""
    scale = 1000 / grey.shape[1]
    small = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    lap = np.abs(cv2.Laplacian(small, cv2.CV_32F, ksize=3))
    spread = np.percentile(small, 98) - np.percentile(small, 2)
    return float(np.percentile(lap, 99.5) / max(spread, 1.0) * 100)


def screen_peak(grey: np.ndarray) -> float:
    """How strongly a fine regular grid (a screen's pixels, 2.5-8 px period) stands out in the
    centre of the photo's spectrum: the band's peak over the median of the mid frequencies.
    JPEG's 8x8 block pattern (multiples of 1/8 cycle per pixel) is excluded."""
    h, w = grey.shape
    size = min(512, h, w)
    top, left = (h - size) // 2, (w - size) // 2
    patch = grey[top: top + size, left: left + size]
    window = np.outer(np.hanning(size), np.hanning(size))
    spectrum = np.abs(np.fft.fftshift(np.fft.fft2((patch - patch.mean()) * window)))
    freqs = np.fft.fftshift(np.fft.fftfreq(size))
    fy, fx = np.meshgrid(freqs, freqs, indexing="ij")
    radius = np.hypot(fx, fy)

    def off_jpeg_grid(f: np.ndarray) -> np.ndarray:
        return np.abs(f * 8 - np.round(f * 8)) > 0.03

    band = (radius > 1 / 8.5) & (radius < 1 / 2.5) & off_jpeg_grid(fx) & off_jpeg_grid(fy)
    middle = (radius > 1 / 40) & (radius < 1 / 8.5)
    return float(spectrum[band].max() / max(np.median(spectrum[middle]), 1e-6))


def assess(image: np.ndarray) -> Quality:
    grey = _grey(image)
    return Quality(
        short_side=int(min(image.shape[:2])),
        brightness_p95=float(np.percentile(grey, 95)),
        sharpness=sharpness(grey),
        screen_peak=screen_peak(grey),
    )
