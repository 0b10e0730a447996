# Quick start: `make run` (set up what is missing, start everything) and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

BOT_VENV := .venv-bot
APP_VENV := .venv
BOT_PY := $(BOT_VENV)/bin/python
APP_PY := $(APP_VENV)/bin/python
RASA := PYTHONPATH=$(CURDIR) RASA_TELEMETRY_ENABLED=false SQLALCHEMY_SILENCE_UBER_WARNING=1 \
	TF_CPP_MIN_LOG_LEVEL=2 $(BOT_PY) -m bot.rasa_cli
MODEL := models/bot.tar.gz
MODEL_INPUTS := config.yml $(wildcard bot/domain/*.yml bot/data/*.yml bot/components/*.py) \
	$(shell find data/nlu -type f 2>/dev/null)
APT_LISTS := $(wildcard requirements/apt-*.txt)
APP_REQUIREMENTS := $(wildcard requirements/app*.txt requirements/console*.txt \
	requirements/scams*.txt requirements/vision*.txt requirements/casework*.txt)

.PHONY: help setup run chat test lint validate test-stories pytest bench clean

help:
	@echo "make run    set up what is missing, train if needed, start bot + actions + console"
	@echo "make chat   talk to the running bot in this terminal"
	@echo "make test   set up what is missing and run every check"
	@echo "make bench  print latency, start-up, memory and accuracy figures"

setup: var/.apt-installed $(BOT_VENV)/.installed $(APP_VENV)/.installed var/.models-installed

var/.apt-installed: $(APT_LISTS) ops/apt_install.sh
	@mkdir -p var
	bash ops/apt_install.sh $(APT_LISTS)
	@touch $@

$(BOT_VENV)/.installed: requirements/bot.txt
	bash ops/make_venv.sh $(BOT_VENV) 3.10
	$(BOT_VENV)/bin/pip install --quiet --no-deps -r requirements/bot.txt
	@touch $@

$(APP_VENV)/.installed: $(APP_REQUIREMENTS)
	bash ops/make_venv.sh $(APP_VENV) 3.11
	$(APP_VENV)/bin/pip install --quiet -r requirements/app.txt -c requirements/app-constraints.txt
	@if [ -f requirements/vision-nodeps.txt ]; then \
		$(APP_VENV)/bin/pip install --quiet --no-deps -r requirements/vision-nodeps.txt; fi
	@touch $@

var/.models-installed: $(APP_VENV)/.installed $(wildcard vision/setup_models.py)
	@if [ -f vision/setup_models.py ]; then PYTHONPATH=. $(APP_PY) -m vision.setup_models; fi
	@mkdir -p var && touch $@

$(MODEL): $(MODEL_INPUTS) | $(BOT_VENV)/.installed
	$(RASA) train --config config.yml --domain bot/domain --data data/nlu bot/data \
		--out models --fixed-model-name bot

run: setup $(MODEL)
	PYTHONPATH=. $(APP_PY) -m ops.run

chat: | $(APP_VENV)/.installed
	@PYTHONPATH=. $(APP_PY) -m ops.chat

lint: | $(APP_VENV)/.installed
	$(APP_VENV)/bin/ruff check .

validate: | $(BOT_VENV)/.installed
	$(RASA) data validate --fail-on-warnings --config config.yml --domain bot/domain \
		--data data/nlu bot/data

test-stories: $(MODEL)
	$(RASA) test core --model $(MODEL) --stories tests/stories --endpoints bot/endpoints.yml \
		--fail-on-prediction-errors --out results/stories

pytest: setup $(MODEL)
	PYTHONPATH=. $(APP_PY) -m pytest

test: setup $(MODEL) lint validate test-stories pytest

bench: setup $(MODEL)
	@for script in bench/*.py; do echo "== $$script"; PYTHONPATH=. $(APP_PY) $$script || exit 1; done

clean:
	rm -rf models results var/logs .pytest_cache
