# The two commands of the README. Both install what they need first.
PYTHON ?= python3
LEAFLET_VERSION = 1.9.3

.PHONY: app test install test-deps

install:
	$(PYTHON) -m pip install -q -r requirements.txt

# Start the app on the bundled demo data.
app: install
	$(PYTHON) -m streamlit run app.py

# Browser tests need Debian's Chromium and Leaflet's files (the test machine has no CDN); the store's
# tests also run on a throwaway PostgreSQL server (Debian's postgresql).
test-deps: install
	command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium; }
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq postgresql; }
	test -f .cache/npm/node_modules/leaflet/dist/leaflet.js || npm install --silent --no-save --prefix .cache/npm leaflet@$(LEAFLET_VERSION)

test: test-deps
	$(PYTHON) -m pytest -q
