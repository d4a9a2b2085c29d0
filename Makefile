# Doorstep: `make run` serves the demo as production does (gunicorn), `make dev` with the
# Flask debugger and reloader, `make test` runs every test.
# Both install whatever is missing first and are safe to run again.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
FLASK := $(VENV)/bin/flask --app app
HOST ?= 127.0.0.1
PORT ?= 5000
PYTEST_ARGS ?=

# Fonts and libraries WeasyPrint needs for Chinese PDFs (harfbuzz-subset: 20x faster subsetting).
RUN_PACKAGES := fonts-noto-cjk libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0
# The real browser and the database server the tests drive.
TEST_PACKAGES := $(RUN_PACKAGES) chromium postgresql redis-server

VENDOR := static/vendor/htmx.min.js
# axe-core checks pages in the browser tests only; it is never served to users.
AXE := tests/browser/vendor/axe.min.js
I18N_SOURCES := app.py blueprints models printing templates commands
CATALOGS := $(patsubst %.po,%.mo,$(wildcard translations/*/LC_MESSAGES/messages.po))

.PHONY: run worker dev demo-data test test-sqlite test-postgres bench setup setup-test system-run system-test i18n clean

# gunicorn.conf.py: workers sized to the machine, the app preloaded, an access log.
run: demo-data
	HOST=$(HOST) PORT=$(PORT) $(VENV)/bin/gunicorn --config gunicorn.conf.py

dev: demo-data
	$(FLASK) run --debug --host $(HOST) --port $(PORT)

# The render worker, when RENDER_QUEUE_URL (or REDIS_URL) points at Redis.
worker: setup
	$(FLASK) render-worker

demo-data: setup
	$(FLASK) db upgrade
	$(FLASK) seed-demo

test: setup-test
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

test-sqlite:
	@echo "== tests on SQLite"
	$(PY) -m pytest $(PYTEST_ARGS)

test-postgres:
	@echo "== tests on PostgreSQL"
	scripts/with-postgres $(PY) -m pytest $(PYTEST_ARGS)

# `make bench` on SQLite; DB=postgres on a throwaway PostgreSQL server; DB=all both.
DB ?= sqlite
BENCH_ARGS ?=
bench: setup-test
ifneq ($(DB),postgres)
	$(PY) -m bench --db sqlite $(BENCH_ARGS)
endif
ifneq ($(DB),sqlite)
	scripts/with-postgres $(PY) -m bench --db postgres $(BENCH_ARGS)
endif

setup: system-run $(VENV)/.installed $(VENDOR) $(CATALOGS)
setup-test: system-test $(VENV)/.installed $(VENDOR) $(AXE) $(CATALOGS)

system-run:
	@scripts/ensure-system-packages $(RUN_PACKAGES)

system-test:
	@scripts/ensure-system-packages $(TEST_PACKAGES)

# The system packages come first (python3-venv on a fresh Debian), also under make -j.
$(VENV)/.installed: requirements.txt requirements-dev.txt | system-run
	test -x $(VENV)/bin/pip || python3 -m venv --clear $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

$(VENDOR): node_modules/.package-lock.json
	mkdir -p static/vendor
	cp node_modules/htmx.org/dist/htmx.min.js $@

$(AXE): node_modules/.package-lock.json
	mkdir -p $(dir $@)
	cp node_modules/axe-core/axe.min.js $@

%.mo: %.po $(VENV)/.installed
	$(VENV)/bin/pybabel compile -i $< -o $@

# Refresh the message catalogue after changing UI text; then translate the new entries.
i18n: $(VENV)/.installed
	$(VENV)/bin/pybabel extract -F babel.cfg -k _l -o translations/messages.pot --no-location --sort-output $(I18N_SOURCES)
	$(VENV)/bin/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching

clean:
	rm -rf $(VENV) node_modules static/vendor tests/browser/vendor instance/print-cache instance/static-build
