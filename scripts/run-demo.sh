#!/usr/bin/env bash
# The README's first command (`make run`): set up .venv and run the demo contest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-venv.sh
exec .venv/bin/downtown-snap demo "$@"
