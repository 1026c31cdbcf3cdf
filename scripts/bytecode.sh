# Sourced by run.sh and test.sh after installing: compile Python bytecode ahead of time.
# Python may be told not to write its bytecode caches (PYTHONDONTWRITEBYTECODE is set on
# our development machines); then every start of the app compiles all of Streamlit again,
# which more than doubled the time to the first page. The environment is compiled once per lock file
# and set of dependency groups; our own code (a few files) every time.
compile_bytecode() {
    stamp=".venv/.bytecode-$1"
    if [ ! -e "$stamp" ] || ! cmp -s uv.lock "$stamp"; then
        site=$($UV run --frozen --no-sync python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
        $UV run --frozen --no-sync python -m compileall -q -j 0 "$site" >/dev/null 2>&1 || true
        cp uv.lock "$stamp"
    fi
    $UV run --frozen --no-sync python -m compileall -q dashboard sortition voting data bench streamlit_app.py >/dev/null 2>&1 || true
}
