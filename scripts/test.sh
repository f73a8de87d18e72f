#!/usr/bin/env bash
# The one test command (`make test`, and `.ci/run` through it): installs what the suite needs,
# starts PostgreSQL, then runs lint and the whole suite on SQLite and on PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

install_system_packages() {
  local missing=()
  command -v pg_ctlcluster >/dev/null 2>&1 || missing+=(postgresql)
  [[ -x /usr/bin/chromium ]] || missing+=(chromium)
  fc-list 2>/dev/null | grep -qi dejavu || missing+=(fonts-dejavu-core)
  if ((${#missing[@]})); then
    if [[ $(id -u) -ne 0 ]]; then
      echo "Missing system packages: ${missing[*]}. Install them: sudo apt-get install ${missing[*]}" >&2
      exit 2
    fi
    log "Installing system packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

start_postgres() {
  local version
  version=$(ls /usr/lib/postgresql | sort -V | tail -n1)
  if ! pg_lsclusters -h | grep -q "^$version main"; then
    pg_createcluster "$version" main >/dev/null
  fi
  if ! pg_lsclusters -h | grep -q "^$version main .* online"; then
    pg_ctlcluster "$version" main start
  fi
  su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='dsnap'\"" | grep -q 1 ||
    su postgres -c "psql -qc \"CREATE ROLE dsnap LOGIN SUPERUSER PASSWORD 'dsnap'\""
  su postgres -c "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname='dsnap_test'\"" | grep -q 1 ||
    su postgres -c "psql -qc 'CREATE DATABASE dsnap_test OWNER dsnap'"
}

run_pytest() {
  set +e
  .venv/bin/python -m pytest "$@"
  local code=$?
  set -e
  # Exit code 5 means "no tests collected": treat as failure, an empty run proves nothing.
  if ((code == 5)); then echo "pytest collected no tests" >&2; return 1; fi
  return $code
}

install_system_packages
bash scripts/ensure-venv.sh
export DOWNTOWN_SNAP_CHROMIUM=${DOWNTOWN_SNAP_CHROMIUM:-/usr/bin/chromium}

log "Lint (ruff)"
.venv/bin/ruff check .
.venv/bin/ruff format --check .

log "Test suite on SQLite"
DOWNTOWN_SNAP_TEST_DATABASE_URL= run_pytest -q "$@"

if [[ $(id -u) -eq 0 ]]; then
  start_postgres
  PG_URL=${DOWNTOWN_SNAP_TEST_POSTGRES_URL:-postgresql+psycopg://dsnap:dsnap@127.0.0.1:5432/dsnap_test}
else
  PG_URL=${DOWNTOWN_SNAP_TEST_POSTGRES_URL:-}
fi
if [[ -n $PG_URL ]]; then
  log "Test suite on PostgreSQL"
  DOWNTOWN_SNAP_TEST_DATABASE_URL=$PG_URL run_pytest -q "$@"
else
  echo "PostgreSQL run skipped: run as root or set DOWNTOWN_SNAP_TEST_POSTGRES_URL." >&2
  exit 1
fi
