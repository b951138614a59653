# The two commands of the README. Both install what they need first.
PYTHON ?= python3
LEAFLET_VERSION = 1.9.3

.PHONY: app test install test-deps

install:
	$(PYTHON) -m pip install -q -r requirements.txt

# Start the app on the bundled demo data.
app: install
	$(PYTHON) -m streamlit run app.py

# Browser tests need Debian's Chromium and Leaflet's files (the test machine has no CDN).
test-deps: install
	command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium; }
	test -f .cache/npm/node_modules/leaflet/dist/leaflet.js || npm install --silent --no-save --prefix .cache/npm leaflet@$(LEAFLET_VERSION)

test: test-deps
	$(PYTHON) -m pytest -q
