# The two commands of the README. Both install what they need first, into .venv, once:
# a stamp file records that requirements.txt was installed, so a start does not run pip again.
PYTHON ?= python3
VENV = .venv
PY = $(VENV)/bin/python
STAMP = $(VENV)/.installed
LEAFLET_VERSION = 1.9.3
PORT ?= 8501

.PHONY: app test install test-deps lint

$(STAMP): requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	$(PY) -m pip install -q --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

# Leaflet from npm, once: the published pages carry it and the app's map loads it from here (no CDN).
LEAFLET = .cache/npm/node_modules/leaflet/dist/leaflet.js
$(LEAFLET):
	npm install --silent --no-save --prefix .cache/npm leaflet@$(LEAFLET_VERSION) || echo "npm is missing: the app's map will load Leaflet from a CDN"

# Start the app on the bundled demo data (on this machine only: 127.0.0.1).
app: install $(LEAFLET)
	$(PY) -m streamlit run app.py --server.port $(PORT) --server.address 127.0.0.1

# Browser tests need Debian's Chromium and Leaflet's files (the test machine has no CDN); the store's
# tests also run on a throwaway PostgreSQL server (Debian's postgresql).
test-deps: install
	command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium; }
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq postgresql; }
	test -f $(LEAFLET) || npm install --silent --no-save --prefix .cache/npm leaflet@$(LEAFLET_VERSION)

lint: install
	$(PY) -m ruff check geo tests bench data app.py app_data.py pages
	$(PY) -m ruff format --check geo tests bench data app.py app_data.py pages

test: test-deps lint
	$(PY) -m pytest -q
