# Two commands matter: `make run` and `make test`. Both set everything up first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint mutate docs referenties readme-image bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,docs]'
	# an editable install leaves our modules uncompiled; compile them as a normal install would
	$(BIN)/python -m compileall -q journeykit plugins
	touch $(STAMP)

## run: walk every shipped journey case, print its route metrics, and build the reisatlas
run: $(STAMP)
	$(BIN)/journeykit check
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet
	@echo ""
	@echo "De reisatlas is gebouwd: open $(CURDIR)/site/index.html in een browser."

## test: lint, then the whole test suite (installs chromium, graphviz and the npm test packages when missing)
test: $(STAMP) lint
	bash scripts/setup-browser-tests.sh
	$(BIN)/python -m pytest

## lint: ruff (lint and format) and mypy, with the versions pinned in pyproject.toml's test extra
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy journeykit

## mutate: mutation testing (mutmut) of the modules in pyproject.toml's [tool.mutmut] only_mutate, then the score
## per module; fails under 90 % or with a surviving mutant not explained in docs/mutaties.md (docs/ontwikkelen.md)
MUTATE_JOBS ?= 2
mutate: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[mutate]'
	rm -rf mutants
	JOURNEYKIT_CACHE=uit $(BIN)/mutmut run --max-children $(MUTATE_JOBS)
	$(BIN)/python scripts/mutatiescore.py

## docs: build the documentation site (the reisatlas) into site/
docs: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict
	@echo "De reisatlas staat in site/index.html (open die in een browser)."

## referenties: rewrite docs/referentie/yaml.md and cli.md from the schema and the CLI (commit the result)
referenties: $(STAMP)
	$(BIN)/python docs/hooks/cli_reference.py

## readme-image: the journey map shown in the README, rendered from the shipped data
README_MAP_ARGS = --gemeente breda --persona weduwe-hbh --sleutelmoment partner-valt-weg --vraag huishouden --variant nieuwe-klantreis
readme-image: $(STAMP)
	bash scripts/setup-browser-tests.sh
	rm -rf build/readme && $(BIN)/journeykit render map $(README_MAP_ARGS) --out build/readme
	mkdir -p docs/img
	chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
	  --disable-component-update --disable-sync --hide-scrollbars --user-data-dir=build/readme/chromium \
	  --window-size=1500,1250 --screenshot=docs/img/klantreiskaart.png \
	  "file://$(CURDIR)/$$(ls build/readme/kaart-*.html)"
	@echo "docs/img/klantreiskaart.png bijgewerkt"

## bench: measure throughput, scaling, memory, cycle detection, start-up and atlas build (bench/results.json)
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python bench/bench.py

clean:
	rm -rf $(VENV) build *.egg-info site test-artifacts mutants
