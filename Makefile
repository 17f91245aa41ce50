# Everything a developer or CI needs: `make run` starts the seeded forum, `make test` runs the suite.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
ADDR ?= 127.0.0.1:8000

.PHONY: worker beat install lock lock-upgrade run test journeys accessibility lint check fixtures evaluate bench bench-site fit browser abuse abuse-short bench-cpu api-fuzz two-servers two-servers-short

# Installs exactly what requirements-dev.lock pins (runtime and tools), every file checked
# against its hash. The locks are made from the ranges in requirements*.txt by `make lock`
# for the Python their header names: after changing a range, or on another Python, run it.
$(VENV)/.installed: requirements.lock requirements-dev.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@

# requirements.lock (production: `pip install --require-hashes -r requirements.lock`) and
# requirements-dev.lock, from the ranges with pip-tools. Pins already in a lock are kept while
# they satisfy the ranges, so re-running after adding a package only adds it (and what it
# needs); `make lock-upgrade` moves every pin to the newest release the ranges allow.
PIP_COMPILE = CUSTOM_COMPILE_COMMAND="make lock" $(PY) -m piptools compile --quiet \
	--generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links
lock: | $(VENV)/.installed
	$(PIP_COMPILE) $(LOCK_FLAGS) -o requirements.lock requirements.txt
	$(PIP_COMPILE) $(LOCK_FLAGS) -o requirements-dev.lock requirements-dev.txt

lock-upgrade: LOCK_FLAGS = --upgrade
lock-upgrade: lock

# axe-core for the accessibility check (a dev tool only; the site ships no Node code). Without
# npm the check is skipped, unless FORUM_REQUIRE_BROWSER is set.
node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error; \
	else echo "note: npm not found; the accessibility check will be skipped"; fi

install: $(VENV)/.installed node_modules/.package-lock.json

# The seeded database is made once; later runs keep what you posted and moderated.
db.sqlite3: | $(VENV)/.installed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py loaddata fixtures/*.json

run: install db.sqlite3
	$(PY) manage.py migrate --noinput
	$(PY) manage.py create_demo_moderator
	$(PY) manage.py runserver $(ADDR)

# Background jobs on a broker (see README, "Background jobs"); without CELERY_BROKER_URL the
# forum runs every job itself and needs neither.
worker: install
	DJANGO_SETTINGS_MODULE=$${DJANGO_SETTINGS_MODULE:-forum.settings.dev} $(VENV)/bin/celery -A forum worker -l info

beat: install
	DJANGO_SETTINGS_MODULE=$${DJANGO_SETTINGS_MODULE:-forum.settings.dev} $(VENV)/bin/celery -A forum beat -l info --schedule /tmp/forum-celerybeat-schedule

test: install node_modules/.package-lock.json
	$(PY) -m pytest -q -rs

# The browser journeys alone; screenshots land in artifacts/journeys/.
journeys: install
	$(PY) -m pytest -q -rs tests/journeys

# The accessibility check alone: the table is printed and kept in artifacts/accessibility.txt.
accessibility: install
	$(PY) -m pytest -q tests/journeys/test_accessibility.py

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

# Checks run against a throw-away in-memory database: they never create or touch db.sqlite3.
check: lint
	DATABASE_URL=sqlite://:memory: $(PY) manage.py makemigrations --check --dry-run
	DATABASE_URL=sqlite://:memory: DJANGO_SETTINGS_MODULE=forum.settings.production SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))') \
		ALLOWED_HOSTS=forum.example $(PY) manage.py check --deploy --fail-level WARNING

# Rebuild fixtures/ from the scraped seed through the real import path and spam filter.
# Deterministic: the same inputs give a byte-identical fixture (a fixed hash seed keeps the
# filter's floating-point sums in one order).
SEED ?= fixtures/source/khalkhin_gol.txt
SEED_DB := $(shell mktemp -u /tmp/forum-seed-XXXXXX).sqlite3
fixtures: export PYTHONHASHSEED = 0
fixtures: install
	DATABASE_URL=sqlite:///$(SEED_DB) $(PY) manage.py migrate --noinput -v0
	DATABASE_URL=sqlite:///$(SEED_DB) $(PY) manage.py import_scraped_thread $(SEED) \
		--author-prefix history-se --started-at 2020-01-01T00:00:00 --imported-at 2024-01-01T00:00:00 \
		--tag world-war-two --tag soviet-union --tag japan --tag military --tag battles \
		--answer-start "Executive Summary" \
		--answer-start "The Soviets and Japanese were operating in two different worlds" \
		--answer-start "The Japanese were totally unprepared for modern tanks" \
		--answer-start "Short answer: Soviet equipment was quite good" \
		--answer-start "The other answers are fantastic, but one more" \
		--answer-start "This remains even today a Battle very much shrouded in mystery" \
		--answer-start "First up, the effect of the purges is largely overplayed"
	DATABASE_URL=sqlite:///$(SEED_DB) $(PY) manage.py dumpdata --natural-foreign --indent 1 \
		accounts.user posts.tag posts.post moderation.auditlogentry moderation.fingerprint \
		-o fixtures/khalkhin_gol.json
	rm -f $(SEED_DB)

# Real labelled data is third-party and lives outside the repository, in ../shared/spam-data
# (beside the repository, as on the project's machines and in CI); SPAM_DATA_DIR names another
# folder holding a real/ directory. Without either only the invented regression set is measured,
# and the report says so. EVALUATE_FLAGS=--quick is CI's short mode (a sample, fewer folds).
evaluate: install
	$(PY) -m forum.spamfilter.training.evaluate $(EVALUATE_FLAGS)

# Re-fit data/weights.json (and the shipped text model) on the real data (same folder as evaluate).
fit: install
	$(PY) -m forum.spamfilter.training.fit

bench: install
	$(PY) benchmarks/spamfilter_bench.py

# Debian's Chromium and its driver, for the CSP tests in real headless Chromium.
browser:
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null

# Load-and-abuse run on loopback (bench/abuse/run.py): gunicorn, PostgreSQL, fixed duration.
ABUSE_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/forum_abuse_load
abuse: install
	ABUSE_DATABASE_URL=$(ABUSE_DATABASE_URL) $(PY) bench/abuse/run.py --seconds 60

abuse-short: install
	ABUSE_DATABASE_URL=$(ABUSE_DATABASE_URL) $(PY) bench/abuse/run.py --short

# Schemathesis against the JSON API on a live gunicorn (throw-away seeded SQLite, or
# API_FUZZ_DATABASE_URL), with a member's token so writes are fuzzed too; fails on any server
# error or response the schema does not describe. EXAMPLES per operation (CI: 10).
EXAMPLES ?= 10
api-fuzz: install
	API_FUZZ_DATABASE_URL=$(API_FUZZ_DATABASE_URL) $(PY) bench/api_fuzz.py --examples $(EXAMPLES)

# Two gunicorn servers behind HAProxy with a Celery worker, Redis, and a PostgreSQL primary and
# streaming replica (bench/two_servers/run.py; needs root or the postgres user for the replica,
# and Debian's haproxy and redis-server). Prints each check with its counts.
two-servers: install
	$(PY) bench/two_servers/run.py --seconds 30

two-servers-short: install
	$(PY) bench/two_servers/run.py --short

# The README's speed table (README, "Benchmark"), rewritten between its bench markers: 1 M posts
# on PostgreSQL (BENCH_DATABASE_URL, generated once, then reused), a Redis of its own on port
# 6393, about 10 minutes on a quiet machine. Refused unless HEAD is main and the work tree is
# clean (BENCH_FLAGS=--not-from-main writes it marked so). Measuring without writing the
# README: `bench/run.py --quick` (CI) or `bench/run.py` (10k posts on SQLite).
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/forum_bench
BENCH_POSTS ?= 1000000
bench-site: install
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) bench/run.py --posts $(BENCH_POSTS) --seconds 5 \
		--readme README.md $(BENCH_FLAGS)

# CPU per request for the app servers, PostgreSQL and Redis (docs/scaling.md sizes from it).
bench-cpu: install
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) bench/cpu.py
