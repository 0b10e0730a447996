# Vision: ID card OCR + face verification (included by the top-level Makefile).
VISION_PY ?= .venv/bin/python

.PHONY: vision-apt vision-install vision-models vision-test vision-bench

vision-apt:  ## CJK fonts for the synthetic ID cards (tests, bench)
	apt-get install -y $$(cat requirements/apt-vision.txt)

vision-install: vision-apt  ## Python packages, then the offline models
	$(VISION_PY) -m pip install -r requirements/vision.txt
	$(VISION_PY) -m pip install --no-deps -r requirements/vision-nodeps.txt
	$(MAKE) vision-models

vision-models:  ## PP-OCRv5 mobile det/rec + test face photos into var/models (sha256-checked)
	PYTHONPATH=. $(VISION_PY) -m vision.setup_models

vision-test: vision-models
	PYTHONPATH=. $(VISION_PY) -m pytest tests/vision -q

vision-bench: vision-models
	PYTHONPATH=. $(VISION_PY) bench/vision_bench.py --per-variant 25 --pairs 20
