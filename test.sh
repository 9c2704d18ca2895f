#!/usr/bin/env bash
# The one test command: installs what is missing, builds with the tests, starts the real
# services the tests need (PostgreSQL, a D-Bus session with an unlocked keyring), runs
# every suite with ctest and stops what it started. Exits with ctest's status.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

# shellcheck source=scripts/deps.sh
source scripts/deps.sh
# shellcheck source=scripts/pg-test-server.sh
source scripts/pg-test-server.sh

export GATEHOUSE_BUILD_DIR=${GATEHOUSE_BUILD_DIR:-build}

gatehouse_install_build_deps
gatehouse_install_test_deps

scripts/build.sh -DGATEHOUSE_BUILD_TESTS=ON

# Browser tests: playwright-core from the lockfile, driving Debian's chromium.
if [ -f tests/browser/package.json ]; then
    (
        cd tests/browser
        stamp=node_modules/.gatehouse-installed
        wanted=$(cat package.json package-lock.json 2>/dev/null | sha256sum)
        if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
            export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
            if [ -f package-lock.json ]; then
                npm ci --no-audit --no-fund
            else
                echo "test.sh: tests/browser has no package-lock.json; running npm install" >&2
                npm install --no-audit --no-fund
            fi
            mkdir -p node_modules
            printf '%s\n' "$wanted" >"$stamp"
        fi
    )
else
    echo "test.sh: no tests/browser/package.json; skipping npm" >&2
fi

work_dir=$(mktemp -d "${TMPDIR:-/tmp}/gatehouse-test.XXXXXX")
# shellcheck disable=SC2317 # called by the trap
cleanup() {
    gatehouse_pg_stop >/dev/null 2>&1 || true
    rm -rf "$work_dir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

gatehouse_pg_start

# Debian's python3-aiosmtpd belongs to /usr/bin/python3; a python3 earlier on PATH
# (pyenv, a virtualenv) may not have it.
export GATEHOUSE_TEST_PYTHON=python3
if ! python3 -c 'import aiosmtpd' >/dev/null 2>&1 \
    && /usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1; then
    mkdir -p "$work_dir/bin"
    ln -s /usr/bin/python3 "$work_dir/bin/python3"
    export PATH="$work_dir/bin:$PATH"
    GATEHOUSE_TEST_PYTHON=/usr/bin/python3
fi
GATEHOUSE_TEST_CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
export GATEHOUSE_TEST_CHROMIUM

# Runs inside the private D-Bus session: unlocks a fresh keyring, then runs ctest.
# Keyring files, settings and the runtime folder live in the temp folder, so a desktop
# user's own keyring and settings are never touched.
# shellcheck disable=SC2317 # called inside dbus-run-session
gatehouse_run_ctest_in_session() {
    export XDG_DATA_HOME="$GATEHOUSE_TEST_WORK_DIR/data"
    export XDG_CONFIG_HOME="$GATEHOUSE_TEST_WORK_DIR/config"
    export XDG_CACHE_HOME="$GATEHOUSE_TEST_WORK_DIR/cache"
    export XDG_RUNTIME_DIR="$GATEHOUSE_TEST_WORK_DIR/runtime"
    mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME"
    mkdir -m 700 "$XDG_RUNTIME_DIR"
    unset GNOME_KEYRING_CONTROL SSH_AUTH_SOCK

    local keyring_env line
    if keyring_env=$(printf 'test' | gnome-keyring-daemon --unlock --components=secrets); then
        while IFS= read -r line; do
            case "$line" in *=*) export "${line?}" ;; esac
        done <<<"$keyring_env"
    else
        echo "test.sh: gnome-keyring-daemon did not start; keychain tests will fail" >&2
    fi

    ctest --test-dir "$GATEHOUSE_BUILD_DIR" --output-on-failure --no-tests=error \
        --timeout 600 -j2
}
export -f gatehouse_run_ctest_in_session
export GATEHOUSE_TEST_WORK_DIR=$work_dir

status=0
dbus-run-session -- bash -c 'set -euo pipefail; gatehouse_run_ctest_in_session' || status=$?
exit "$status"
