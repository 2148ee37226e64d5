# Lotse — one target per thing a person does. `make run` and `make test` do all set-up themselves.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
LOCAL  := .local

.PHONY: run test lint unit integration bench schemas lock token setup clean-data

run: setup            ## the whole platform on 127.0.0.1 plus the demo simulator (ARGS="--clients 850 --office lutjenburg")
	$(BIN)/lotse-stack run $(ARGS)

test: setup lint      ## ruff, mypy, import-linter, then every test against real Kafka, Temporal, SQLite, PostgreSQL
	$(BIN)/pytest -q -p no:cacheprovider $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

bench: setup          ## benchmarks: print figures and ratios against the raw limits
	$(BIN)/python -m bench.outbox_relay
	$(BIN)/python -m bench.journeys
	$(BIN)/python -m bench.bridge_starts
	$(BIN)/python -m bench.migration_import
	$(BIN)/python -m bench.migration_25k
	$(BIN)/python -m bench.hire_to_entitlement
	$(BIN)/python -m bench.benefits_engine
	$(BIN)/python -m bench.payment_run
	$(BIN)/python -m bench.worklists
	$(BIN)/python -m bench.programme_selection
	$(BIN)/python -m bench.decision_letters
	$(BIN)/python -m bench.staff_app
	$(BIN)/python -m bench.reporting_rebuild
	$(BIN)/python -m bench.reporting_first_pdf
	$(BIN)/python -m bench.matching
	$(BIN)/python -m bench.reporting_report
	$(BIN)/python -m bench.office_closure

schemas: setup        ## regenerate the committed event JSON Schemas
	$(BIN)/python -m contracts.schema_registry
	$(BIN)/python -m services.intake.imports.schema

token: setup          ## a dev staff token: make token ROLE=case_manager
	$(BIN)/lotse-token --role $(or $(ROLE),case_manager) --keys $(LOCAL)/data/keys

lock:                 ## re-resolve requirements.lock after a pyproject.toml change
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 -o requirements.lock

setup: $(VENV)/.installed $(LOCAL)/.system-packages
	$(BIN)/lotse-stack install

$(VENV)/.installed: pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip uv
	$(BIN)/uv pip install --python $(BIN)/python -q -r requirements.lock
	$(BIN)/uv pip install --python $(BIN)/python -q --no-deps -e .
	touch $@

# Debian packages the tests and the stack need, installed when running as root (skipped when present):
# PostgreSQL server binaries for the throwaway test cluster; Chromium and its driver for the browser tests
# (no browser download: Playwright drives /usr/bin/chromium) and its interface languages (chromium-l10n: date
# fields drawn as a German user sees them); poppler-utils (pdftoppm) and a font to look at
# rendered letters; pango for WeasyPrint's decision letters; npm for the browser-side packages in package.json (a Node.js from elsewhere counts).
# The stamp depends on this Makefile, so a package added here is installed on the next set-up.
SYSTEM_PACKAGES := postgresql chromium chromium-driver chromium-l10n libpango-1.0-0 libpangoft2-1.0-0 poppler-utils fonts-dejavu-core npm
$(LOCAL)/.system-packages: Makefile
	@mkdir -p $(LOCAL)
	@missing=""; for p in $(SYSTEM_PACKAGES); do \
	  case $$p in \
	    postgresql) ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && continue;; \
	    npm) command -v npm >/dev/null && continue;; \
	  esac; \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  echo "installing Debian packages:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	else echo "Debian packages missing: run 'sudo apt-get install$$missing'" >&2; exit 1; fi
	@touch $@

clean-data:           ## forget the local stack's data (Kafka, Temporal, databases)
	rm -rf $(LOCAL)/data
