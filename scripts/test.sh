#!/bin/sh
# Run every test: install the locked environment with the test tools, install Debian's
# chromium for the browser tests when it is missing (as root or with sudo), check lint
# and formatting, then run pytest. Extra arguments go to pytest.
set -eu
cd "$(dirname "$0")/.."
. scripts/uv.sh
. scripts/bytecode.sh

$UV sync --frozen --inexact --quiet
compile_bytecode dev

if [ ! -x /usr/bin/chromium ]; then
    if [ "$(id -u)" = "0" ]; then
        echo "Installing Debian's chromium for the browser tests..."
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        echo "Installing Debian's chromium for the browser tests (sudo)..."
        sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
        echo "NOTE: /usr/bin/chromium is missing and cannot be installed without root;"
        echo "      the browser tests will be skipped. Install it with: sudo apt-get install chromium"
    fi
fi

$UV run --frozen --no-sync ruff check .
$UV run --frozen --no-sync ruff format --check .
exec $UV run --frozen --no-sync python -m pytest "$@"
