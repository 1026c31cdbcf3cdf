#!/bin/sh
# Run every test: install the locked environment with the test tools, install Debian's
# chromium (browser tests), faketime (the year-ahead run) and postgresql (the tests on
# PostgreSQL, which start their own server) when missing (as root or with
# sudo), check lint, formatting and types, then run pytest on both cores. With no arguments the
# suite runs again with the machine's clock a year ahead (without the browser tests, the
# slow fuzzers and the PostgreSQL runs), so that a test or page that reads the real date fails the day it is
# written. Extra arguments go to pytest and skip the year-ahead run.
set -eu
cd "$(dirname "$0")/.."
. scripts/uv.sh
export UV  # tests/e2e/test_app_image.py runs the Dockerfile's `uv sync` with it
. scripts/bytecode.sh

$UV sync --frozen --inexact --quiet
compile_bytecode dev
# Let Python and pytest keep the compiled tests (and their rewritten asserts) between the
# processes of a run: without it every test process compiles all 120 test modules again.
unset PYTHONDONTWRITEBYTECODE

# install_debian PACKAGE PROGRAM WHY: install a Debian package when PROGRAM is missing.
install_debian() {
    [ -x "$2" ] && return 0
    if [ "$(id -u)" = "0" ]; then
        echo "Installing Debian's $1 for $3..."
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >/dev/null
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        echo "Installing Debian's $1 for $3 (sudo)..."
        sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >/dev/null
    else
        echo "NOTE: $2 is missing and cannot be installed without root;"
        echo "      $3 will be skipped. Install it with: sudo apt-get install $1"
    fi
}
install_debian chromium /usr/bin/chromium "the browser tests"
install_debian faketime /usr/bin/faketime "the year-ahead run"
install_debian nginx-light /usr/sbin/nginx "the two-server test (deploy/nginx.conf)"
# PostgreSQL's programs live under a folder named by its major version (15 on Debian 12).
newest_initdb() { ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1; }
install_debian postgresql "$(newest_initdb || true)" "the tests on PostgreSQL"
# Tests that need PostgreSQL fail rather than skip when it is there (or in CI, where it must be).
if [ -n "${CI:-}" ] || [ -n "$(newest_initdb || true)" ]; then
    export WIJKRAAD_REQUIRE_POSTGRES=1
fi

$UV run --frozen --no-sync ruff check .
$UV run --frozen --no-sync ruff format --check .
$UV run --frozen --no-sync mypy
$UV run --frozen --no-sync python -m pytest -n 2 --dist worksteal "$@"

if [ $# -eq 0 ]; then
    if [ -x /usr/bin/faketime ]; then
        # The PostgreSQL runs repeat the same code on another database (SQL that reads the
        # server's clock is refused by tests/sortition/test_clock.py), so they run once.
        echo "The suite without the browser tests, the slow fuzzers and PostgreSQL, a year ahead:"
        exec $UV run --frozen --no-sync /usr/bin/faketime -f +365d \
            python -m pytest -n 2 --dist worksteal -q -m "not browser and not slow and not postgres" \
            -p no:cacheprovider
    elif [ -n "${CI:-}" ]; then
        echo "CI needs /usr/bin/faketime for the year-ahead run (apt-get install faketime)" >&2
        exit 1
    fi
fi
