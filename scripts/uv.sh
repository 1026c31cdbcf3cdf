# Sourced by run.sh and test.sh: find uv, installing it from PyPI when missing.
# Sets UV to a command that runs uv.
if command -v uv >/dev/null 2>&1; then
    UV="uv"
elif python3 -m uv --version >/dev/null 2>&1; then
    UV="python3 -m uv"
else
    echo "Installing uv (Python package manager) from PyPI for this user..."
    python3 -m pip install --user --quiet uv 2>/dev/null \
        || python3 -m pip install --user --quiet --break-system-packages uv \
        || { echo "error: could not install uv with pip; install it yourself (pip install uv)" >&2; exit 1; }
    UV="python3 -m uv"
fi
export UV_PYTHON_DOWNLOADS=never
