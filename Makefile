# Everyday verbs. `make run` and `make test` are the README's two set-up commands.
.PHONY: run test lint fmt bench

run:
	bash scripts/run-demo.sh

test:
	bash scripts/test.sh

lint:
	.venv/bin/ruff check . && .venv/bin/ruff format --check .

fmt:
	.venv/bin/ruff format . && .venv/bin/ruff check --fix .

bench:
	.venv/bin/python bench/ingest.py && .venv/bin/python bench/web.py
