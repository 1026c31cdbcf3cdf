#!/bin/sh
# Start Wijkraad: install the locked environment, create the demo database when it is
# missing, and serve the app on http://127.0.0.1:8501 (WIJKRAAD_HOST / WIJKRAAD_PORT).
set -eu
cd "$(dirname "$0")/.."
. scripts/uv.sh
. scripts/bytecode.sh

$UV sync --frozen --no-default-groups --inexact --quiet
compile_bytecode app
DB="${WIJKRAAD_DB:-data/wijkraad.duckdb}"
export WIJKRAAD_DB="$DB"
if [ ! -e "$DB" ]; then
    echo "Creating the demo municipality in $DB ..."
    $UV run --frozen --no-sync python -m data.generate --out "$DB"
fi
HOST="${WIJKRAAD_HOST:-127.0.0.1}"
PORT="${WIJKRAAD_PORT:-8501}"
echo "Wijkraad runs on http://$HOST:$PORT (stop with Ctrl+C)"
exec $UV run --frozen --no-sync python -m dashboard.web.serve \
    --server.address="$HOST" --server.port="$PORT" "$@"
