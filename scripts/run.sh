#!/bin/sh
# Start Wijkraad: install the locked environment, create the demo database when the
# default file (data/wijkraad.duckdb) is missing, and serve the app on
# http://127.0.0.1:8501 (WIJKRAAD_HOST / WIJKRAAD_PORT). A missing file named by WIJKRAAD_DB
# gets the demo only with WIJKRAAD_DEMO=1; else the app says that the file is missing.
set -eu
cd "$(dirname "$0")/.."
. scripts/uv.sh
. scripts/bytecode.sh

$UV sync --frozen --no-default-groups --inexact --quiet
compile_bytecode app
DB="${WIJKRAAD_DB:-data/wijkraad.duckdb}"
if [ -n "${WIJKRAAD_DATABASE_URL:-}" ]; then
    # PostgreSQL: the app opens that database and never makes a DuckDB demo file. The demo
    # goes into an empty PostgreSQL database with: python -m data.generate --out <its URL>
    :
elif [ ! -e "$DB" ]; then
    if [ -z "${WIJKRAAD_DB:-}" ] || [ "${WIJKRAAD_DEMO:-}" = 1 ]; then
        echo "Creating the demo municipality in $DB ..."
        $UV run --frozen --no-sync python -m data.generate --out "$DB"
    else
        echo "No database at $DB (WIJKRAAD_DB); none is created." \
            "WIJKRAAD_DEMO=1 creates the demo municipality there." >&2
    fi
fi
export WIJKRAAD_DB="$DB"
HOST="${WIJKRAAD_HOST:-127.0.0.1}"
PORT="${WIJKRAAD_PORT:-8501}"
echo "Wijkraad runs on http://$HOST:$PORT (stop with Ctrl+C)"
exec $UV run --frozen --no-sync python -m dashboard.web.serve \
    --server.address="$HOST" --server.port="$PORT" "$@"
