#!/usr/bin/env bash
# Run the whole test suite against a throwaway PostgreSQL cluster on loopback (scripts/with-postgres.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
exec scripts/with-postgres.sh .venv/bin/python -m pytest "$@"
